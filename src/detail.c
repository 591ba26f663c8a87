/* detail.c - rows of the workbook's record detail, chunk by chunk, from
 * the saved aggregate (detail.h). */
#include "detail.h"

#include <libxml/xmlreader.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "xmlio.h"

/* A kind code and its name, from the view's <kinds>. */
typedef struct kind_name {
    xmlChar *code, *name;
} kind_name;

struct bc_detail {
    xmlTextReaderPtr r;
    bc_diag *d;
    char *agg_path;
    kind_name *kinds;
    size_t n_kinds;
    size_t next_pos;  /* 1-based position of the next record */
    size_t chunk;     /* records a chunk */
    int in_records;   /* inside /aggregate/records */
    int done;         /* the list has ended */
    int pending;      /* the reader is on a node not looked at yet */
    int failed;       /* a reader error was reported */
};

/* A fault reading our own saved aggregate: said once. */
static void reader_fail(bc_detail *dt, int line, const char *why)
{
    if (dt->failed)
        return;
    dt->failed = 1;
    bc_loc at = {dt->agg_path, line > 0 ? (unsigned)line : 0, NULL};
    diag_add(dt->d, BC_SEV_ERROR, "INTERNAL", &at, NULL, NULL,
             "lỗi nội bộ: không đọc lại được tài liệu tổng hợp để ghi danh "
             "sách hồ sơ (%s)", why ? why : "?");
}

static void on_reader_error(void *arg, xmlErrorPtr e)
{
    if (e && e->level >= XML_ERR_ERROR)
        reader_fail(arg, e->line, e->message);
}

bc_detail *detail_new(const char *agg_path, xmlDocPtr view, size_t chunk,
                      bc_diag *d, bc_status *st)
{
    bc_detail *dt = calloc(1, sizeof *dt);
    *st = BC_ERR_NOMEM;
    if (!dt)
        return NULL;
    dt->d = d;
    dt->next_pos = 1;
    dt->chunk = chunk ? chunk : DETAIL_CHUNK;
    dt->agg_path = bc_strdup(agg_path);
    xmlNodePtr kinds = view ? xmlio_child(xmlDocGetRootElement(view), "kinds") : NULL;
    for (xmlNodePtr k = xmlio_child(kinds, "kind"); k; k = xmlio_next(k, "kind"))
        dt->n_kinds++;
    dt->kinds = calloc(dt->n_kinds ? dt->n_kinds : 1, sizeof *dt->kinds);
    if (!dt->agg_path || !view || !dt->kinds) {
        detail_free(dt);
        return NULL;
    }
    size_t i = 0;
    for (xmlNodePtr k = xmlio_child(kinds, "kind"); k; k = xmlio_next(k, "kind"), i++) {
        dt->kinds[i].code = xmlGetNoNsProp(k, BAD_CAST "code");
        dt->kinds[i].name = xmlGetNoNsProp(k, BAD_CAST "name");
    }
    *st = BC_OK;
    return dt;
}

/* On the first chunk: opens the stream (a workbook whose detail fits the
 * view never reads the file again). */
static bc_status detail_open(bc_detail *dt)
{
    /* our own file, written moments ago: no entities, no network */
    dt->r = xmlReaderForFile(dt->agg_path, "UTF-8",
                             XML_PARSE_NONET | XML_PARSE_NOBLANKS);
    if (!dt->r) {
        bc_loc at = {dt->agg_path, 0, NULL};
        diag_add(dt->d, BC_SEV_ERROR, "FILE-READ", &at, NULL, NULL,
                 "không đọc lại được tài liệu tổng hợp để ghi danh sách hồ sơ");
        return BC_ERR_IO;
    }
    xmlTextReaderSetStructuredErrorHandler(dt->r, on_reader_error, dt);
    return BC_OK;
}

void detail_free(bc_detail *dt)
{
    if (!dt)
        return;
    if (dt->r)
        xmlFreeTextReader(dt->r);
    for (size_t i = 0; dt->kinds && i < dt->n_kinds; i++) {
        xmlFree(dt->kinds[i].code);
        xmlFree(dt->kinds[i].name);
    }
    free(dt->kinds);
    free(dt->agg_path);
    free(dt);
}

/* --- one row: the C twin of template record-row (bao-cao-xlsx.xsl) ------ */

/* Template n's reading of a value: libxml2's XPath number().  1 and *x
 * when v is a finite number, 0 (NaN: a blank cell) otherwise. */
static int xpath_number(const char *v, double *x)
{
    /* blanks, an optional '-', digits with at most one '.', optionally an
     * exponent (e, an optional sign, digits), blanks; anything else ('+'
     * first, hex, text) is NaN */
    int digits = 0, dots = 0;
    const char *p = v;
    if (!v)
        return 0;
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
        p++;
    if (*p == '-')
        p++;
    for (; *p == '.' || (*p >= '0' && *p <= '9'); p++) {
        dots += *p == '.';
        digits += *p != '.';
    }
    if (digits && (*p == 'e' || *p == 'E')) {
        int exp_digits = 0;
        p++;
        if (*p == '+' || *p == '-')
            p++;
        for (; *p >= '0' && *p <= '9'; p++)
            exp_digits++;
        if (!exp_digits)
            return 0;
    }
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
        p++;
    if (*p != '\0' || !digits || dots > 1)
        return 0;
    *x = strtod(v, NULL);
    return isfinite(*x);
}

/* Where a row goes: a <row> element being built (the rows document of
 * next), or the sheet itself (cells). */
typedef struct row_out {
    xmlNodePtr row;     /* or NULL */
    xlsx_cells *cells;  /* or NULL */
    unsigned long n;    /* the row's number */
    bc_status st;       /* the first failure */
} row_out;

/* Template s: a text cell, or a blank cell with the format when empty. */
static void out_s(row_out *o, int col, const char *v, const char *fmt)
{
    if (o->st != BC_OK)
        return;
    int blank = !v || !v[0];
    if (o->cells) {
        o->st = blank ? xlsx_cells_blank(o->cells, o->n, (unsigned long)col, fmt)
                      : xlsx_cells_string(o->cells, o->n, (unsigned long)col, v, fmt);
        return;
    }
    char c[8];
    snprintf(c, sizeof c, "%d", col);
    xmlNodePtr n = xmlNewChild(o->row, NULL, BAD_CAST (blank ? "blank" : "string"), NULL);
    if (!n || !xmlNewProp(n, BAD_CAST "col", BAD_CAST c) ||
        !xmlNewProp(n, BAD_CAST "format", BAD_CAST fmt)) {
        o->st = BC_ERR_NOMEM;
        return;
    }
    if (!blank) {
        xmlNodePtr t = xmlNewText(BAD_CAST v);
        if (!t || !xmlAddChild(n, t)) {
            xmlFreeNode(t);
            o->st = BC_ERR_NOMEM;
        }
    }
}


/* Template n with kind int: a number cell, or a blank when the value is
 * absent or not a number. */
static void out_n(row_out *o, int col, const char *v)
{
    double x = 0;
    if (o->st != BC_OK)
        return;
    if (!xpath_number(v, &x)) {
        out_s(o, col, NULL, "int");
        return;
    }
    if (o->cells) {
        o->st = xlsx_cells_number(o->cells, o->n, (unsigned long)col, x, "int");
        return;
    }
    char c[8], val[40];
    snprintf(c, sizeof c, "%d", col);
    if (x == floor(x) && fabs(x) < 1e15)
        snprintf(val, sizeof val, "%.0f", x);
    else
        snprintf(val, sizeof val, "%.15g", x);
    xmlNodePtr n = xmlNewChild(o->row, NULL, BAD_CAST "number", NULL);
    if (!n || !xmlNewProp(n, BAD_CAST "col", BAD_CAST c) ||
        !xmlNewProp(n, BAD_CAST "value", BAD_CAST val) ||
        !xmlNewProp(n, BAD_CAST "format", BAD_CAST "int"))
        o->st = BC_ERR_NOMEM;
}

/* Template date: YYYY-MM-DD as DD/MM/YYYY, anything else as it is. */
static const char *date_vn(const char *d, char buf[11])
{
    if (!d || strlen(d) != 10 || d[4] != '-' || d[7] != '-')
        return d;
    memcpy(buf, d + 8, 2);
    buf[2] = '/';
    memcpy(buf + 3, d + 5, 2);
    buf[5] = '/';
    memcpy(buf + 6, d, 4);
    buf[10] = '\0';
    return buf;
}

/* Template record-status. */
static const char *status_words(const char *s)
{
    static const char *const w[][2] = {
        {"filed", "đã nộp đơn"}, {"granted", "được cấp văn bằng"},
        {"refused", "bị từ chối"}, {"withdrawn", "rút đơn"}};
    for (size_t i = 0; s && i < BC_ARRAY_LEN(w); i++)
        if (strcmp(s, w[i][0]) == 0)
            return w[i][1];
    return s;
}

/* Template kind-name. */
static const char *kind_words(const bc_detail *dt, const char *code)
{
    for (size_t i = 0; code && i < dt->n_kinds; i++)
        if (dt->kinds[i].code && strcmp((const char *)dt->kinds[i].code, code) == 0)
            return (const char *)dt->kinds[i].name;
    return code;
}

/* The row of record rec, numbered pos, into rows (an element of the
 * rows document) or cells (the sheet): exactly one of them is given.
 * BC_OK, or the status of the first failure. */
static bc_status add_row(const bc_detail *dt, xmlNodePtr rows, xlsx_cells *cells,
                         xmlNodePtr rec, size_t pos)
{
    enum { A_APP, A_KIND, A_NAME, A_PRODUCT, A_OWNER, A_FILED, A_GRANTED,
           A_CERT, A_STATUS, A_UNIT, A_SOURCES, A_FY, A_GY, A_THIS, A_PRE,
           A_TASK, A__COUNT };
    static const char *const names[A__COUNT] = {
        "application", "kind", "name", "product", "owner", "filed", "granted",
        "certificate", "status", "unit-name", "sources", "filed-year",
        "granted-year", "this-year", "pre-plan", "task"};
    const char *v[A__COUNT] = {0};
    for (xmlAttrPtr a = rec->properties; a; a = a->next) {
        const xmlNode *t = a->children;
        if (!t || t->type != XML_TEXT_NODE || t->next)
            continue; /* saved by us: one text node each */
        for (int k = 0; k < A__COUNT; k++)
            if (strcmp((const char *)a->name, names[k]) == 0)
                v[k] = (const char *)t->content;
    }
    row_out o = {NULL, cells, (unsigned long)(4 + pos), BC_OK};
    char tt[32], b1[11], b2[11];
    snprintf(tt, sizeof tt, "%zu", pos);
    if (cells) {
        o.st = xlsx_cells_number(cells, o.n, 1, (double)pos, "int");
    } else {
        char n[32];
        snprintf(n, sizeof n, "%lu", o.n);
        o.row = xmlNewChild(rows, NULL, BAD_CAST "row", NULL);
        xmlNodePtr c1 = o.row ? xmlNewChild(o.row, NULL, BAD_CAST "number", NULL) : NULL;
        if (!c1 || !xmlNewProp(o.row, BAD_CAST "n", BAD_CAST n) ||
            !xmlNewProp(c1, BAD_CAST "col", BAD_CAST "1") ||
            !xmlNewProp(c1, BAD_CAST "value", BAD_CAST tt) ||
            !xmlNewProp(c1, BAD_CAST "format", BAD_CAST "int"))
            return BC_ERR_NOMEM;
    }
    int this_year = v[A_THIS] && (strcmp(v[A_THIS], "true") == 0 ||
                                  strcmp(v[A_THIS], "1") == 0);
    out_s(&o, 2, v[A_APP], "text");
    out_s(&o, 3, kind_words(dt, v[A_KIND]), "text");
    out_s(&o, 4, v[A_NAME], "text");
    out_s(&o, 5, v[A_PRODUCT], "text");
    out_s(&o, 6, v[A_OWNER], "text");
    out_s(&o, 7, date_vn(v[A_FILED], b1), "text-c");
    out_s(&o, 8, date_vn(v[A_GRANTED], b2), "text-c");
    out_s(&o, 9, v[A_CERT], "text");
    out_s(&o, 10, status_words(v[A_STATUS]), "text");
    out_s(&o, 11, v[A_UNIT], "text");
    out_n(&o, 12, v[A_SOURCES]);
    out_n(&o, 13, v[A_FY]);
    out_n(&o, 14, v[A_GY]);
    out_s(&o, 15, this_year ? "có" : NULL, "text-c");
    out_s(&o, 16, v[A_PRE], "text");
    out_s(&o, 17, v[A_TASK], "text");
    return o.st;
}

/* Reads up to dt->chunk more records and appends their rows to rows, or
 * every record left into cells; sets dt->done at the end of the list.
 * Returns how many, or -1 with *st (a finding when the file could not be
 * read or a cell not written; none when out of memory). */
static long read_chunk(bc_detail *dt, xmlNodePtr rows, xlsx_cells *cells,
                       bc_status *st)
{
    size_t n = 0;
    *st = BC_OK;
    while ((cells || n < dt->chunk) && !dt->done) {
        int rc = 1;
        if (dt->pending)
            dt->pending = 0; /* xmlTextReaderNext already moved onto it */
        else
            rc = xmlTextReaderRead(dt->r);
        if (rc == 0) {
            dt->done = 1;
            break;
        }
        if (rc < 0 || dt->failed) {
            reader_fail(dt, 0, "tệp không đúng cú pháp");
            *st = BC_ERR_INTERNAL;
            return -1;
        }
        int type = xmlTextReaderNodeType(dt->r);
        int depth = xmlTextReaderDepth(dt->r);
        const xmlChar *name = xmlTextReaderConstLocalName(dt->r);
        if (!dt->in_records) {
            if (type == XML_READER_TYPE_ELEMENT && depth == 1 &&
                xmlStrEqual(name, BAD_CAST "records")) {
                dt->in_records = 1;
                if (xmlTextReaderIsEmptyElement(dt->r))
                    dt->done = 1;
            }
            continue;
        }
        if (depth <= 1) { /* </records>: the list has ended */
            dt->done = 1;
            break;
        }
        if (type != XML_READER_TYPE_ELEMENT || depth != 2 ||
            !xmlStrEqual(name, BAD_CAST "record"))
            continue;
        xmlNodePtr e = xmlTextReaderExpand(dt->r);
        *st = e ? add_row(dt, rows, cells, e, dt->next_pos + n) : BC_ERR_NOMEM;
        if (*st != BC_OK)
            return -1;
        n++;
        /* past the record's subtree (it is freed behind us) */
        rc = xmlTextReaderNext(dt->r);
        if (rc < 0) {
            reader_fail(dt, 0, "tệp không đúng cú pháp");
            *st = BC_ERR_INTERNAL;
            return -1;
        }
        if (rc == 0)
            dt->done = 1;
        else
            dt->pending = 1;
    }
    return (long)n;
}

/* The check both entry points make: the source is the records list, the
 * stream is open.  BC_OK or the status (with a finding). */
static bc_status detail_begin(bc_detail *dt, const char *source)
{
    if (strcmp(source, "records") != 0) {
        bc_loc at = {NULL, 0, NULL};
        diag_add(dt->d, BC_SEV_ERROR, "TEMPLATE", &at, source, "records",
                 "mẫu sổ tính đòi danh sách không có");
        return BC_ERR_TEMPLATE;
    }
    return dt->done || dt->r ? BC_OK : detail_open(dt);
}

/* xlsx_row_source.next: the next chunk of rows, NULL at the end. */
static bc_status detail_next(void *ctx, const char *source, xmlDocPtr *out)
{
    bc_detail *dt = ctx;
    *out = NULL;
    bc_status st = detail_begin(dt, source);
    if (st != BC_OK || dt->done)
        return st;
    xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
    xmlNodePtr rows = doc ? xmlNewDocNode(doc, NULL, BAD_CAST "rows", NULL) : NULL;
    if (!rows) {
        xmlFreeDoc(doc);
        return BC_ERR_NOMEM;
    }
    xmlDocSetRootElement(doc, rows);
    long n = read_chunk(dt, rows, NULL, &st);
    if (n <= 0) {
        xmlFreeDoc(doc);
        return st;
    }
    dt->next_pos += (size_t)n;
    *out = doc;
    return BC_OK;
}

/* xlsx_row_source.cells: every row, straight to the sheet. */
static bc_status detail_cells(void *ctx, const char *source, xlsx_cells *out)
{
    bc_detail *dt = ctx;
    bc_status st = detail_begin(dt, source);
    if (st != BC_OK || dt->done)
        return st;
    long n = read_chunk(dt, NULL, out, &st);
    if (n > 0)
        dt->next_pos += (size_t)n;
    return st;
}

xlsx_row_source detail_source(bc_detail *dt)
{
    xlsx_row_source s = {dt, detail_next, detail_cells};
    return s;
}

xlsx_row_source detail_source_chunks(bc_detail *dt)
{
    xlsx_row_source s = {dt, detail_next, NULL};
    return s;
}
