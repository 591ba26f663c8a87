/* xlsx_out.c - the libxlsxwriter helpers shared by every workbook we
 * write (xlsx_out.h). */
#include "xlsx_out.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>
#include <libxml/parser.h>

#include "util.h"

/* The options every workbook of ours is created with: libxlsxwriter's
 * temporary files go into the folder of out_path (the output's own disk
 * and scratch folder, never TMPDIR).  *tmpdir gets a string the caller
 * frees after workbook_close; BC_ERR_NOMEM when out of memory. */
static bc_status xlsx_options(const char *out_path, lxw_workbook_options *opts,
                              char **tmpdir)
{
    memset(opts, 0, sizeof *opts);
    const char *slash = strrchr(out_path, '/');
    *tmpdir = slash ? bc_strndup(out_path, slash == out_path
                                               ? 1
                                               : (size_t)(slash - out_path))
                    : bc_strdup(".");
    if (!*tmpdir)
        return BC_ERR_NOMEM;
    opts->tmpdir = *tmpdir;
    return BC_OK;
}

bc_status xlsx_out_begin(xlsx_out *o, const char *path)
{
    o->path = path;
    lxw_workbook_options opts;
    bc_status st = xlsx_options(path, &opts, &o->tmpdir);
    if (st != BC_OK)
        return st;
    if (!(o->tmp = bc_tmp_create(path)))
        return errno == ENOMEM ? BC_ERR_NOMEM : bc_io_status(path, errno);
    o->wb = workbook_new_opt(o->tmp, &opts);
    return o->wb ? BC_OK : BC_ERR_NOMEM;
}

bc_status xlsx_out_restart(xlsx_out *o)
{
    if (o->wb)
        lxw_workbook_free(o->wb); /* never closed: nothing was written */
    lxw_workbook_options opts;
    memset(&opts, 0, sizeof opts);
    opts.tmpdir = o->tmpdir;
    o->wb = workbook_new_opt(o->tmp, &opts);
    return o->wb ? BC_OK : BC_ERR_NOMEM;
}

bc_status xlsx_out_commit(xlsx_out *o, bc_diag *d)
{
    bc_status st = xlsx_commit(o->wb, o->tmp, o->path, d);
    o->wb = NULL;
    o->committed = st == BC_OK;
    return st;
}

void xlsx_out_end(xlsx_out *o)
{
    if (o->wb)
        lxw_workbook_free(o->wb); /* not closed: nothing is written */
    o->wb = NULL;
    if (o->tmp && !o->committed)
        remove(o->tmp);
    bc_tmp_forget(o->tmp);
    free(o->tmp);
    o->tmp = NULL;
    free(o->tmpdir);
    o->tmpdir = NULL;
}

bc_status xlsx_set_props(lxw_workbook *wb, const xlsx_props *p,
                         lxw_error *err)
{
    lxw_doc_properties props;
    memset(&props, 0, sizeof props);
    if (xlsx_parse_created(p->created, &props.created) != 0)
        return BC_ERR_INVALID;
    /* not const in libxlsxwriter's struct, only ever copied */
    props.title = (char *)p->title;
    props.subject = (char *)p->subject;
    props.author = (char *)p->author;
    props.company = (char *)p->company;
    props.keywords = (char *)p->keywords;
    props.comments = (char *)p->comments;
    *err = workbook_set_properties(wb, &props);
    return BC_OK;
}

bc_status xlsx_set_year_props(lxw_workbook *wb, int year, const char *title,
                              const char *subject, const char *by,
                              const char *keywords, lxw_error *err)
{
    char created[16];
    snprintf(created, sizeof created, "%04d-01-01", year);
    const xlsx_props p = {created, title, subject, by, by, keywords, NULL};
    return xlsx_set_props(wb, &p, err);
}

int xlsx_parse_created(const char *s, time_t *out)
{
    if (!s || strlen(s) < 10 || s[4] != '-' || s[7] != '-')
        return -1;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return -1;
    long y = strtol(s, NULL, 10);
    unsigned m = (unsigned)strtoul(s + 5, NULL, 10);
    unsigned dd = (unsigned)strtoul(s + 8, NULL, 10);
    static const unsigned mdays[] = {31, 29, 31, 30, 31, 30,
                                     31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (y < 1970 || m < 1 || m > 12 || dd < 1 || dd > mdays[m - 1] ||
        (m == 2 && dd == 29 && !leap))
        return -1;
    /* days from civil (proleptic Gregorian) */
    y -= m <= 2;
    long era = y / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? (unsigned)-3 : 9)) + 2) / 5 + dd - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    long days = era * 146097 + (long)doe - 719468;
    *out = (time_t)days * 86400;
    return 0;
}

/* Flushes a written file to disk.  0 on success. */
static int sync_file(const char *path)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return -1;
    int r = fsync(fd);
    if (close(fd) != 0)
        r = -1;
    return r;
}

/* SAX errors of a part being checked: counted, never printed. */
static void verify_error(void *ctx, xmlErrorPtr e)
{
    (void)e;
    int *errors = ctx;
    (*errors)++;
}

/* 1 if an entry name is an XML part of the package. */
static int is_xml_part(const char *name)
{
    size_t n = strlen(name);
    return (n > 4 && strcmp(name + n - 4, ".xml") == 0) ||
           (n > 5 && strcmp(name + n - 5, ".rels") == 0) ||
           (n > 4 && strcmp(name + n - 4, ".vml") == 0);
}

bc_status xlsx_verify(const char *path, char *why, size_t n)
{
    bc_status st = BC_OK;
    int zerr = 0, errors = 0;
    zip_t *za = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &zerr);
    zip_file_t *zf = NULL;
    xmlParserCtxtPtr ctxt = NULL;
    char *buf = malloc(65536);
    if (why && n)
        why[0] = '\0';
    if (!buf) {
        st = BC_ERR_NOMEM;
        goto done;
    }
    if (!za) {
        snprintf(why, n, "cấu trúc ZIP hỏng (mã lỗi libzip %d)", zerr);
        st = BC_ERR_IO;
        goto done;
    }
    if (zip_name_locate(za, "[Content_Types].xml", 0) < 0 ||
        zip_name_locate(za, "xl/workbook.xml", 0) < 0) {
        snprintf(why, n, "thiếu phần [Content_Types].xml hoặc xl/workbook.xml");
        st = BC_ERR_IO;
        goto done;
    }
    zip_int64_t entries = zip_get_num_entries(za, 0);
    for (zip_int64_t i = 0; i < entries && st == BC_OK; i++) {
        const char *name = zip_get_name(za, (zip_uint64_t)i, 0);
        if (!name || !(zf = zip_fopen_index(za, (zip_uint64_t)i, 0))) {
            snprintf(why, n, "không mở được phần thứ %lld", (long long)i);
            st = BC_ERR_IO;
            break;
        }
        if (is_xml_part(name)) {
            xmlSAXHandler sax;
            memset(&sax, 0, sizeof sax);
            sax.initialized = XML_SAX2_MAGIC;
            sax.serror = verify_error;
            errors = 0;
            ctxt = xmlCreatePushParserCtxt(&sax, &errors, NULL, 0, NULL);
            if (!ctxt) {
                st = BC_ERR_NOMEM;
                break;
            }
            xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR |
                                        XML_PARSE_NOWARNING);
        }
        zip_int64_t got;
        zip_uint64_t total = 0;
        while ((got = zip_fread(zf, buf, 65536)) > 0) {
            total += (zip_uint64_t)got;
            if (ctxt && xmlParseChunk(ctxt, buf, (int)got, 0) != 0)
                break;
        }
        if (got < 0) {
            snprintf(why, n, "phần %.200s bị hỏng (%s)", name,
                     zip_file_strerror(zf));
            st = BC_ERR_IO;
        } else if (ctxt) {
            xmlParseChunk(ctxt, NULL, 0, 1);
            if (!ctxt->wellFormed || errors || total == 0) {
                snprintf(why, n, "phần %.200s bị cắt cụt hoặc không phải XML "
                                 "đúng (%llu byte)",
                         name, (unsigned long long)total);
                st = BC_ERR_IO;
            }
        }
        if (ctxt) {
            xmlFreeParserCtxt(ctxt);
            ctxt = NULL;
        }
        zip_fclose(zf);
        zf = NULL;
    }
done:
    xmlFreeParserCtxt(ctxt); /* accepts NULL, as zip_discard does */
    if (zf)
        zip_fclose(zf);
    zip_discard(za);
    free(buf);
    return st;
}

bc_status xlsx_commit(lxw_workbook *wb, const char *tmp, const char *out_path,
                      bc_diag *d)
{
    bc_loc at = {out_path, 0, NULL};
    lxw_error err = workbook_close(wb); /* frees the workbook either way */
    if (err != LXW_NO_ERROR) {
        bc_status st = err == LXW_ERROR_MEMORY_MALLOC_FAILED
                           ? BC_ERR_NOMEM
                           : bc_io_status(tmp, errno);
        diag_add(d, BC_SEV_ERROR, "FILE-WRITE", &at, NULL, NULL,
                 "không ghi được tệp XLSX (%s)",
                 st == BC_ERR_NOSPACE ? bc_status_msg(st) : lxw_strerror(err));
        return st;
    }
    char why[300];
    bc_status st = xlsx_verify(tmp, why, sizeof why);
    if (st != BC_OK) {
        if (st != BC_ERR_NOMEM)
            st = bc_io_status(tmp, 0);
        diag_add(d, BC_SEV_ERROR, "FILE-WRITE", &at, NULL, NULL,
                 "tệp XLSX vừa ghi bị hỏng nên không dùng (%s)%s",
                 st == BC_ERR_NOMEM ? bc_status_msg(st) : why,
                 st == BC_ERR_NOSPACE ? "; đĩa đã đầy" : "");
        return st;
    }
    if (sync_file(tmp) != 0 || rename(tmp, out_path) != 0) {
        int e = errno;
        diag_add(d, BC_SEV_ERROR, "FILE-WRITE", &at, NULL, NULL,
                 "không ghi được tệp XLSX (%s)", strerror(e));
        return bc_io_status(tmp, e);
    }
    bc_tmp_forget(tmp);
    return BC_OK;
}

