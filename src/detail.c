/* detail.c - rows of the workbook's long lists (records, units, files),
 * chunk by chunk, from the saved aggregate (detail.h). */
#include "detail.h"

#include <libxml/xmlreader.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "util.h"
#include "xmlio.h"

/* One list the workbook may take its rows from. */
typedef struct list_spec {
    const char *source;       /* <rows-from source="..."> */
    const char *list, *item;  /* /aggregate/LIST/ITEM */
    const char *what;         /* the list in a finding's words */
} list_spec;

/* In document order (aggregate.xsd). */
static const list_spec lists[] = {
    {"units", "units", "unit", "đơn vị"},
    {"files", "submissions", "file", "tệp báo cáo"},
    {"records", "records", "record", "hồ sơ"},
};

struct bc_detail {
    xmlTextReaderPtr r;
    bc_diag *d;
    char *agg_path;
    char *xsl_path;          /* the rows stylesheet */
    bc_template *rows_xsl;   /* compiled when rows are first asked for */
    xmlDocPtr chunk_doc;     /* the context every chunk is put in */
    size_t chunk;            /* items a chunk */
    const list_spec *cur;    /* the list being read, NULL between lists */
    const list_spec *want;   /* the list last asked for, for findings */
    size_t next_pos;         /* 1-based position of cur's next item */
    unsigned seen;           /* bit k: the stream has come to lists[k] */
    int eof;                 /* the stream has reached the end of the file */
    int done;                /* cur has no item left */
    int pending;             /* the reader is on a node not looked at yet */
    int failed;              /* a reader error was reported */
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
             "sách %s (%s)", dt->want ? dt->want->what : "?", why ? why : "?");
}

static void on_reader_error(void *arg, xmlErrorPtr e)
{
    if (e && e->level >= XML_ERR_ERROR)
        reader_fail(arg, e->line, e->message);
}

/* The document each chunk's items are put in: a copy of view's root
 * element with its attributes, and of its <kinds> and <report> (what the
 * row templates may read besides the items: docs/workbook.md).  NULL when
 * out of memory. */
static xmlDocPtr chunk_context(xmlDocPtr view)
{
    xmlNodePtr vroot = xmlDocGetRootElement(view);
    xmlDocPtr doc = vroot ? xmlNewDoc(BAD_CAST "1.0") : NULL;
    xmlNodePtr root = doc ? xmlDocCopyNode(vroot, doc, 2) : NULL;
    if (!root)
        goto fail;
    xmlDocSetRootElement(doc, root);
    static const char *const keep[] = {"kinds", "report"};
    for (size_t k = 0; k < BC_ARRAY_LEN(keep); k++) {
        xmlNodePtr n = xmlio_child(vroot, keep[k]);
        if (!n)
            continue;
        xmlNodePtr c = xmlDocCopyNode(n, doc, 1);
        if (!c || !xmlAddChild(root, c)) {
            xmlFreeNode(c);
            goto fail;
        }
    }
    return doc;
fail:
    xmlFreeDoc(doc);
    return NULL;
}

bc_detail *detail_new(const char *agg_path, xmlDocPtr view, const char *rows_xsl,
                      size_t chunk, bc_diag *d, bc_status *st)
{
    bc_detail *dt = calloc(1, sizeof *dt);
    *st = BC_ERR_NOMEM;
    if (!dt)
        return NULL;
    dt->d = d;
    dt->chunk = chunk ? chunk : DETAIL_CHUNK;
    dt->agg_path = bc_strdup(agg_path);
    dt->xsl_path = bc_strdup(rows_xsl);
    dt->chunk_doc = view ? chunk_context(view) : NULL;
    if (!dt->agg_path || !dt->xsl_path || !dt->chunk_doc) {
        detail_free(dt);
        return NULL;
    }
    *st = BC_OK;
    return dt;
}

void detail_free(bc_detail *dt)
{
    if (!dt)
        return;
    if (dt->r)
        xmlFreeTextReader(dt->r);
    render_template_free(dt->rows_xsl);
    xmlFreeDoc(dt->chunk_doc);
    free(dt->xsl_path);
    free(dt->agg_path);
    free(dt);
}

/* --- the stream ---------------------------------------------------------- */

/* (Re)opens the stream at the start of the file.  BC_OK, or BC_ERR_IO
 * with a finding. */
static bc_status stream_open(bc_detail *dt)
{
    if (dt->r)
        xmlFreeTextReader(dt->r);
    dt->seen = 0;
    dt->eof = dt->pending = 0;
    /* our own file, written moments ago: no entities, no network */
    dt->r = xmlReaderForFile(dt->agg_path, "UTF-8",
                             XML_PARSE_NONET | XML_PARSE_NOBLANKS);
    if (!dt->r) {
        bc_loc at = {dt->agg_path, 0, NULL};
        diag_add(dt->d, BC_SEV_ERROR, "FILE-READ", &at, NULL, NULL,
                 "không đọc lại được tài liệu tổng hợp để ghi danh sách %s",
                 dt->want->what);
        return BC_ERR_IO;
    }
    xmlTextReaderSetStructuredErrorHandler(dt->r, on_reader_error, dt);
    return BC_OK;
}

/* Moves onto the next node: the pending one (xmlTextReaderNext has moved
 * onto it already), or the next one read.  1 on a node, 0 at the end of
 * the file (dt->eof), -1 after a finding. */
static int stream_step(bc_detail *dt)
{
    int rc = 1;
    if (dt->pending)
        dt->pending = 0;
    else
        rc = xmlTextReaderRead(dt->r);
    if (rc == 0) {
        dt->eof = 1;
        return 0;
    }
    if (rc < 0 || dt->failed) {
        reader_fail(dt, 0, "tệp không đúng cú pháp");
        return -1;
    }
    return 1;
}

/* Past the subtree of the current node (freed behind us), onto the node
 * after it, left pending.  As stream_step. */
static int stream_skip(bc_detail *dt)
{
    int rc = xmlTextReaderNext(dt->r);
    if (rc < 0 || dt->failed) {
        reader_fail(dt, 0, "tệp không đúng cú pháp");
        return -1;
    }
    if (rc == 0) {
        dt->eof = 1;
        return 0;
    }
    dt->pending = 1;
    return 1;
}

/* Puts the stream before the first item of ls, ls becoming dt->cur: goes
 * forward to its element, after opening the file again when the stream
 * has come to it already (a list asked for again, or out of document
 * order).  A list the file does not have has no item.  BC_OK (dt->done
 * when there is no item), or a status with a finding. */
static bc_status list_start(bc_detail *dt, const list_spec *ls)
{
    unsigned bit = 1u << (ls - lists);
    dt->cur = NULL;
    if (!dt->r || (dt->seen & bit)) {
        bc_status st = stream_open(dt);
        if (st != BC_OK)
            return st;
    }
    dt->cur = ls;
    dt->next_pos = 1;
    dt->done = 0;
    while (!dt->eof) {
        int rc = stream_step(dt);
        if (rc < 0) {
            dt->cur = NULL;
            return BC_ERR_INTERNAL;
        }
        if (rc == 0 || xmlTextReaderNodeType(dt->r) != XML_READER_TYPE_ELEMENT ||
            xmlTextReaderDepth(dt->r) != 1)
            continue;
        const xmlChar *name = xmlTextReaderConstLocalName(dt->r);
        for (size_t k = 0; k < BC_ARRAY_LEN(lists); k++)
            if (xmlStrEqual(name, BAD_CAST lists[k].list))
                dt->seen |= 1u << k;
        if (xmlStrEqual(name, BAD_CAST ls->list)) {
            dt->done = xmlTextReaderIsEmptyElement(dt->r);
            return BC_OK;
        }
        if (stream_skip(dt) < 0) {
            dt->cur = NULL;
            return BC_ERR_INTERNAL;
        }
    }
    dt->done = 1;
    return BC_OK;
}

/* Reads up to dt->chunk more items of dt->cur into list (an element of
 * the chunk document); sets dt->done at the end of the list.  Returns
 * how many, or -1 with *st (a finding when the file could not be read;
 * none when out of memory). */
static long read_items(bc_detail *dt, xmlNodePtr list, bc_status *st)
{
    const xmlChar *item = BAD_CAST dt->cur->item;
    size_t n = 0;
    *st = BC_OK;
    while (n < dt->chunk && !dt->done) {
        int rc = stream_step(dt);
        if (rc < 0) {
            *st = BC_ERR_INTERNAL;
            return -1;
        }
        int depth = rc ? xmlTextReaderDepth(dt->r) : 0;
        if (depth <= 1) { /* </LIST> (or the end): the list has ended */
            dt->done = 1;
            break;
        }
        if (xmlTextReaderNodeType(dt->r) != XML_READER_TYPE_ELEMENT || depth != 2 ||
            !xmlStrEqual(xmlTextReaderConstLocalName(dt->r), item))
            continue;
        xmlNodePtr e = xmlTextReaderExpand(dt->r);
        xmlNodePtr c = e ? xmlDocCopyNode(e, list->doc, 1) : NULL;
        if (!c || !xmlAddChild(list, c)) {
            xmlFreeNode(c);
            *st = dt->failed ? BC_ERR_INTERNAL : BC_ERR_NOMEM;
            return -1;
        }
        n++;
        rc = stream_skip(dt);
        if (rc < 0) {
            *st = BC_ERR_INTERNAL;
            return -1;
        }
        if (rc == 0)
            dt->done = 1;
    }
    return (long)n;
}

/* The list of a <rows-from source>, or NULL with a TEMPLATE finding. */
static const list_spec *list_of(bc_detail *dt, const char *source)
{
    for (size_t k = 0; source && k < BC_ARRAY_LEN(lists); k++)
        if (strcmp(source, lists[k].source) == 0)
            return dt->want = &lists[k];
    bc_loc at = {NULL, 0, NULL};
    diag_add(dt->d, BC_SEV_ERROR, "TEMPLATE", &at, source, "records, units, files",
             "mẫu sổ tính đòi danh sách không có");
    return NULL;
}

/* The <LIST first="K" first-row="R"> element of the next chunk, added to
 * the chunk document's root; NULL when out of memory. */
static xmlNodePtr chunk_list(bc_detail *dt, unsigned long first_row)
{
    char k[32], r[32];
    snprintf(k, sizeof k, "%zu", dt->next_pos);
    snprintf(r, sizeof r, "%lu", first_row);
    xmlNodePtr list = xmlNewDocNode(dt->chunk_doc, NULL, BAD_CAST dt->cur->list, NULL);
    if (!list || !xmlAddChild(xmlDocGetRootElement(dt->chunk_doc), list)) {
        xmlFreeNode(list);
        return NULL;
    }
    if (!xmlNewProp(list, BAD_CAST "first", BAD_CAST k) ||
        !xmlNewProp(list, BAD_CAST "first-row", BAD_CAST r)) {
        xmlUnlinkNode(list);
        xmlFreeNode(list);
        return NULL;
    }
    return list;
}

/* xlsx_row_source.next: the next chunk of rows, made by the rows
 * stylesheet from the chunk document; NULL at the end. */
static bc_status detail_next(void *ctx, const char *source, unsigned long first_row,
                             xmlDocPtr *out)
{
    bc_detail *dt = ctx;
    bc_status st = BC_OK;
    *out = NULL;
    const list_spec *ls = list_of(dt, source);
    if (!ls)
        return BC_ERR_TEMPLATE;
    if (!dt->rows_xsl && !(dt->rows_xsl = render_template_load(dt->xsl_path, dt->d, &st)))
        return st;
    if (dt->cur != ls && (st = list_start(dt, ls)) != BC_OK)
        return st;
    if (dt->done) {
        dt->cur = NULL; /* the series has ended; the next starts again */
        return BC_OK;
    }
    xmlNodePtr list = chunk_list(dt, first_row);
    if (!list)
        return BC_ERR_NOMEM;
    long n = read_items(dt, list, &st);
    if (n > 0)
        st = render_template_apply(dt->rows_xsl, dt->chunk_doc, NULL, dt->d, out);
    xmlUnlinkNode(list);
    xmlFreeNode(list);
    if (n <= 0 || st != BC_OK) {
        dt->cur = NULL;
        return st;
    }
    dt->next_pos += (size_t)n;
    return BC_OK;
}

xlsx_row_source detail_source(bc_detail *dt)
{
    xlsx_row_source s = {dt, detail_next};
    return s;
}
