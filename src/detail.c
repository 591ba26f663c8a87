/* detail.c - rows of the workbook's long lists (records, units, files),
 * chunk by chunk, from the aggregate's item source (detail.h). */
#include "detail.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "util.h"
#include "xmlio.h"

/* One list the workbook may take its rows from. */
typedef struct list_spec {
    const char *source;       /* <rows-from source="..."> */
    const char *list;         /* the list's element in /aggregate */
} list_spec;

static const list_spec lists[] = {
    {"units", "units"},
    {"files", "submissions"},
    {"records", "records"},
};

struct bc_detail {
    detail_items_fn items;
    void *items_ctx;
    bc_diag *d;
    const char *xsl_path;    /* the rows stylesheet (the caller's) */
    bc_template *rows_xsl;   /* compiled when rows are first asked for */
    xmlDocPtr chunk_doc;     /* the context every chunk is put in */
    size_t chunk;            /* items a chunk */
    const list_spec *cur;    /* the list being written, NULL between lists */
    size_t next;             /* 0-based index of cur's next item */
};

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

bc_detail *detail_new(detail_items_fn items, void *items_ctx, xmlDocPtr view,
                      const char *rows_xsl, size_t chunk, bc_diag *d,
                      bc_status *st)
{
    xmlDocPtr ctx_doc = view ? chunk_context(view) : NULL;
    bc_detail *dt = ctx_doc ? calloc(1, sizeof *dt) : NULL;
    *st = dt ? BC_OK : BC_ERR_NOMEM;
    if (!dt) {
        xmlFreeDoc(ctx_doc);
        return NULL;
    }
    *dt = (bc_detail){.items = items, .items_ctx = items_ctx, .d = d,
                      .xsl_path = rows_xsl, .chunk_doc = ctx_doc,
                      .chunk = chunk ? chunk : DETAIL_CHUNK};
    return dt;
}

void detail_free(bc_detail *dt)
{
    if (dt) {
        render_template_free(dt->rows_xsl);
        xmlFreeDoc(dt->chunk_doc);
    }
    free(dt);
}

/* The list of a <rows-from source>, or NULL with a TEMPLATE finding. */
static const list_spec *list_of(bc_detail *dt, const char *source)
{
    for (size_t k = 0; source && k < BC_ARRAY_LEN(lists); k++)
        if (strcmp(source, lists[k].source) == 0)
            return &lists[k];
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
    snprintf(k, sizeof k, "%zu", dt->next + 1);
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
    if (dt->cur != ls) {
        dt->cur = ls;
        dt->next = 0;
    }
    xmlNodePtr list = chunk_list(dt, first_row);
    if (!list)
        return BC_ERR_NOMEM;
    long n = dt->items(dt->items_ctx, ls->list, dt->next, dt->chunk, list);
    if (n > 0)
        st = render_template_apply(dt->rows_xsl, dt->chunk_doc, NULL, dt->d, out);
    else if (n < 0)
        st = BC_ERR_NOMEM;
    xmlUnlinkNode(list);
    xmlFreeNode(list);
    if (n <= 0 || st != BC_OK) {
        dt->cur = NULL; /* the series has ended; the next starts again */
        return st;
    }
    dt->next += (size_t)n;
    return BC_OK;
}

xlsx_row_source detail_source(bc_detail *dt)
{
    xlsx_row_source s = {dt, detail_next};
    return s;
}
