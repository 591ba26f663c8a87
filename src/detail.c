/* detail.c - rows of the workbook's record detail, chunk by chunk, from
 * the saved aggregate (detail.h). */
#include "detail.h"

#include <libxml/xmlreader.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "util.h"
#include "xmlio.h"

struct bc_detail {
    xmlTextReaderPtr r;
    xmlDocPtr view;
    bc_template *t;
    bc_diag *d;
    char *agg_path;
    char *xsl_path;
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

bc_detail *detail_new(const char *agg_path, xmlDocPtr view,
                      const char *xsl_path, size_t chunk, bc_diag *d,
                      bc_status *st)
{
    bc_detail *dt = calloc(1, sizeof *dt);
    *st = BC_ERR_NOMEM;
    if (!dt)
        return NULL;
    dt->view = view;
    dt->d = d;
    dt->next_pos = 1;
    dt->chunk = chunk ? chunk : DETAIL_CHUNK;
    dt->agg_path = bc_strdup(agg_path);
    dt->xsl_path = bc_strdup(xsl_path);
    if (!dt->agg_path || !dt->xsl_path || !view) {
        detail_free(dt);
        return NULL;
    }
    *st = BC_OK;
    return dt;
}

/* On the first chunk: compiles the rows template and opens the stream
 * (a workbook whose detail fits the view never pays for either). */
static bc_status detail_open(bc_detail *dt)
{
    bc_status st = BC_OK;
    dt->t = render_template_load(dt->xsl_path, dt->d, &st);
    if (!dt->t)
        return st;
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
    render_template_free(dt->t);
    free(dt->agg_path);
    free(dt->xsl_path);
    free(dt);
}

/* The chunk's small aggregate document: the view's root (attributes
 * only) with a copy of its <kinds> and an empty <records first="K">,
 * returned in *recs.  NULL when out of memory. */
static xmlDocPtr chunk_doc(const bc_detail *dt, xmlNodePtr *recs)
{
    xmlNodePtr vroot = xmlDocGetRootElement(dt->view);
    xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
    xmlNodePtr root = doc && vroot ? xmlDocCopyNode(vroot, doc, 2) : NULL;
    if (!root) {
        xmlFreeDoc(doc);
        return NULL;
    }
    xmlDocSetRootElement(doc, root);
    xmlNodePtr kinds = xmlio_child(vroot, "kinds");
    xmlNodePtr k = kinds ? xmlDocCopyNode(kinds, doc, 1) : NULL;
    if (kinds && (!k || !xmlAddChild(root, k))) {
        xmlFreeNode(k);
        xmlFreeDoc(doc);
        return NULL;
    }
    char first[32];
    snprintf(first, sizeof first, "%zu", dt->next_pos);
    *recs = xmlNewChild(root, NULL, BAD_CAST "records", NULL);
    if (!*recs || !xmlNewProp(*recs, BAD_CAST "first", BAD_CAST first)) {
        xmlFreeDoc(doc);
        return NULL;
    }
    return doc;
}

/* Reads up to dt->chunk more records into recs (owned by doc); sets
 * dt->done at the end of the list.  Returns how many, or -1 (a finding
 * when the file could not be read; none when out of memory). */
static long read_chunk(bc_detail *dt, xmlDocPtr doc, xmlNodePtr recs)
{
    size_t n = 0;
    while (n < dt->chunk && !dt->done) {
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
        xmlNodePtr c = e ? xmlDocCopyNode(e, doc, 1) : NULL;
        if (!c || !xmlAddChild(recs, c)) {
            xmlFreeNode(c);
            return -1;
        }
        n++;
        /* past the record's subtree (it is freed behind us) */
        rc = xmlTextReaderNext(dt->r);
        if (rc < 0) {
            reader_fail(dt, 0, "tệp không đúng cú pháp");
            return -1;
        }
        if (rc == 0)
            dt->done = 1;
        else
            dt->pending = 1;
    }
    return (long)n;
}

/* xlsx_row_source.next: the next chunk of rows, NULL at the end. */
static bc_status detail_next(void *ctx, const char *source, xmlDocPtr *out)
{
    bc_detail *dt = ctx;
    *out = NULL;
    if (strcmp(source, "records") != 0) {
        bc_loc at = {dt->xsl_path, 0, NULL};
        diag_add(dt->d, BC_SEV_ERROR, "TEMPLATE", &at, source, "records",
                 "mẫu sổ tính đòi danh sách không có");
        return BC_ERR_TEMPLATE;
    }
    if (dt->done)
        return BC_OK;
    if (!dt->r) {
        bc_status ost = detail_open(dt);
        if (ost != BC_OK)
            return ost;
    }
    xmlNodePtr recs = NULL;
    xmlDocPtr doc = chunk_doc(dt, &recs);
    if (!doc)
        return BC_ERR_NOMEM;
    long n = read_chunk(dt, doc, recs);
    bc_status st = BC_OK;
    if (n < 0)
        st = dt->failed ? BC_ERR_INTERNAL : BC_ERR_NOMEM;
    else if (n > 0)
        st = render_template_apply(dt->t, doc, NULL, dt->d, out);
    if (n > 0)
        dt->next_pos += (size_t)n;
    xmlFreeDoc(doc);
    return st;
}

xlsx_row_source detail_source(bc_detail *dt)
{
    xlsx_row_source s = {dt, detail_next};
    return s;
}
