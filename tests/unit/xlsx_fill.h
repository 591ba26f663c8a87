/* xlsx_fill.h - fill in an .xlsx workbook the way a clerk's spreadsheet
 * program would, for tests: independently of form.c and of the reader.
 *
 * The workbook is opened with libzip; its sheet list (xl/workbook.xml and
 * its relationships) and shared strings are read, each sheet part that is
 * touched is parsed with libxml2's DOM, cells are changed in place (the
 * cell's style attribute s= is kept, so a date cell stays date-formatted)
 * and the changed parts are written back with zip_source_buffer +
 * zip_file_replace when the book is closed.  Strings go in as inline
 * strings (t="inlineStr"), numbers and dates as <v> (dates as serial
 * numbers of the 1900 date system).  Every failure fails the test.
 */
#ifndef BC_XLSX_FILL_H
#define BC_XLSX_FILL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <zip.h>

#include "testutil.h"

#define XF_MAX_SHEETS 32
#define XF_NS_MAIN "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define XF_NS_REL \
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

typedef struct xf_book {
    zip_t *z;
    size_t n_sheets;
    char *name[XF_MAX_SHEETS]; /* sheet names, workbook order */
    char *part[XF_MAX_SHEETS]; /* "xl/worksheets/sheet3.xml" */
    xmlDocPtr doc[XF_MAX_SHEETS]; /* parsed when first touched */
    int dirty[XF_MAX_SHEETS];
    char **sst; /* shared strings */
    size_t n_sst;
    char *last; /* the value xf_get returned last */
} xf_book;

/* The whole text of a zip entry, NUL-terminated; NULL if there is none. */
static inline char *xf_entry(zip_t *z, const char *name, size_t *len)
{
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat(z, name, 0, &st) != 0)
        return NULL;
    char *buf = malloc((size_t)st.size + 1);
    assert_non_null(buf);
    zip_file_t *f = zip_fopen(z, name, 0);
    assert_non_null(f);
    assert_int_equal(zip_fread(f, buf, st.size), (zip_int64_t)st.size);
    zip_fclose(f);
    buf[st.size] = '\0';
    if (len)
        *len = (size_t)st.size;
    return buf;
}

static inline xmlDocPtr xf_parse(zip_t *z, const char *name)
{
    size_t len = 0;
    char *text = xf_entry(z, name, &len);
    if (!text)
        fail_msg("no part %s", name);
    xmlDocPtr doc = xmlReadMemory(text, (int)len, name, NULL,
                                  XML_PARSE_NONET);
    free(text);
    if (!doc)
        fail_msg("part %s is not XML", name);
    return doc;
}

static inline int xf_is(xmlNodePtr n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE &&
           xmlStrEqual(n->name, BAD_CAST name);
}

static inline xmlNodePtr xf_child(xmlNodePtr n, const char *name)
{
    for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next)
        if (xf_is(c, name))
            return c;
    return NULL;
}

/* A relationship target of xl/workbook.xml as a zip entry name. */
static inline char *xf_target(const char *target)
{
    char buf[512];
    if (target[0] == '/')
        snprintf(buf, sizeof buf, "%s", target + 1);
    else
        snprintf(buf, sizeof buf, "xl/%s", target);
    return strdup(buf);
}

/* The concatenated <t> text under n (a shared string item, rich or not). */
static inline void xf_texts(xmlNodePtr n, char **acc)
{
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (xf_is(c, "t")) {
            xmlChar *t = xmlNodeGetContent(c);
            size_t a = strlen(*acc), b = strlen((const char *)t);
            *acc = realloc(*acc, a + b + 1);
            assert_non_null(*acc);
            memcpy(*acc + a, t, b + 1);
            xmlFree(t);
        } else if (xf_is(c, "r")) {
            xf_texts(c, acc);
        }
    }
}

static inline xf_book *xf_open(const char *path)
{
    int err = 0;
    xf_book *b = calloc(1, sizeof *b);
    assert_non_null(b);
    b->z = zip_open(path, 0, &err);
    assert_non_null(b->z);

    /* relationships: id -> target */
    xmlDocPtr rels = xf_parse(b->z, "xl/_rels/workbook.xml.rels");
    xmlDocPtr wb = xf_parse(b->z, "xl/workbook.xml");
    xmlNodePtr sheets = xf_child(xmlDocGetRootElement(wb), "sheets");
    for (xmlNodePtr s = sheets ? sheets->children : NULL; s; s = s->next) {
        if (!xf_is(s, "sheet"))
            continue;
        assert_true(b->n_sheets < XF_MAX_SHEETS);
        xmlChar *name = xmlGetProp(s, BAD_CAST "name");
        xmlChar *id = xmlGetNsProp(s, BAD_CAST "id", BAD_CAST XF_NS_REL);
        assert_non_null(name);
        assert_non_null(id);
        char *part = NULL;
        for (xmlNodePtr r = xmlDocGetRootElement(rels)->children; r;
             r = r->next) {
            xmlChar *rid = xf_is(r, "Relationship")
                               ? xmlGetProp(r, BAD_CAST "Id")
                               : NULL;
            if (rid && xmlStrEqual(rid, id)) {
                xmlChar *t = xmlGetProp(r, BAD_CAST "Target");
                part = xf_target((const char *)t);
                xmlFree(t);
            }
            xmlFree(rid);
        }
        assert_non_null(part);
        b->name[b->n_sheets] = strdup((const char *)name);
        b->part[b->n_sheets] = part;
        b->n_sheets++;
        xmlFree(name);
        xmlFree(id);
    }
    /* shared strings, when the workbook has them */
    for (xmlNodePtr r = xmlDocGetRootElement(rels)->children; r; r = r->next) {
        xmlChar *type = xf_is(r, "Relationship")
                            ? xmlGetProp(r, BAD_CAST "Type")
                            : NULL;
        size_t tl = type ? strlen((const char *)type) : 0;
        if (tl > 14 &&
            strcmp((const char *)type + tl - 14, "/sharedStrings") == 0) {
            xmlChar *t = xmlGetProp(r, BAD_CAST "Target");
            char *part = xf_target((const char *)t);
            xmlFree(t);
            xmlDocPtr sst = xf_parse(b->z, part);
            free(part);
            for (xmlNodePtr si = xmlDocGetRootElement(sst)->children; si;
                 si = si->next) {
                if (!xf_is(si, "si"))
                    continue;
                char *acc = calloc(1, 1);
                assert_non_null(acc);
                xf_texts(si, &acc);
                b->sst = realloc(b->sst, (b->n_sst + 1) * sizeof *b->sst);
                assert_non_null(b->sst);
                b->sst[b->n_sst++] = acc;
            }
            xmlFreeDoc(sst);
        }
        xmlFree(type);
    }
    xmlFreeDoc(rels);
    xmlFreeDoc(wb);
    return b;
}

/* The index of the sheet called name. */
static inline size_t xf_sheet(xf_book *b, const char *name)
{
    for (size_t i = 0; i < b->n_sheets; i++)
        if (strcmp(b->name[i], name) == 0) {
            if (!b->doc[i])
                b->doc[i] = xf_parse(b->z, b->part[i]);
            return i;
        }
    fail_msg("no sheet %s", name);
    return 0;
}

/* "C7" -> row 7, column 3. */
static inline void xf_ref(const char *ref, unsigned *row, unsigned *col)
{
    *col = 0;
    while (*ref >= 'A' && *ref <= 'Z')
        *col = *col * 26 + (unsigned)(*ref++ - 'A' + 1);
    *row = (unsigned)strtoul(ref, NULL, 10);
}

static inline unsigned xf_attr_uint(xmlNodePtr n, const char *name,
                                    int is_ref)
{
    xmlChar *v = xmlGetProp(n, BAD_CAST name);
    unsigned row = 0, col = 0;
    if (v && is_ref)
        xf_ref((const char *)v, &row, &col);
    else if (v)
        row = (unsigned)strtoul((const char *)v, NULL, 10);
    xmlFree(v);
    return is_ref ? col : row;
}

/* The <c> element of ref in sheet s; created in order (with its row) when
 * create is set, else NULL when missing. */
static inline xmlNodePtr xf_cell(xf_book *b, size_t s, const char *ref,
                                 int create)
{
    unsigned row, col;
    xf_ref(ref, &row, &col);
    xmlNodePtr data = xf_child(xmlDocGetRootElement(b->doc[s]), "sheetData");
    assert_non_null(data);
    xmlNodePtr r = data->children, before = NULL;
    for (; r; r = r->next) {
        if (!xf_is(r, "row"))
            continue;
        unsigned n = xf_attr_uint(r, "r", 0);
        if (n == row)
            break;
        if (n > row) {
            before = r;
            r = NULL;
            break;
        }
    }
    if (!r) {
        if (!create)
            return NULL;
        char num[16];
        snprintf(num, sizeof num, "%u", row);
        r = xmlNewDocNode(b->doc[s], data->ns, BAD_CAST "row", NULL);
        xmlNewProp(r, BAD_CAST "r", BAD_CAST num);
        if (before)
            xmlAddPrevSibling(before, r);
        else
            xmlAddChild(data, r);
    }
    xmlNodePtr c = r->children;
    before = NULL;
    for (; c; c = c->next) {
        if (!xf_is(c, "c"))
            continue;
        unsigned n = xf_attr_uint(c, "r", 1);
        if (n == col)
            return c;
        if (n > col) {
            before = c;
            break;
        }
    }
    if (!create)
        return NULL;
    c = xmlNewDocNode(b->doc[s], data->ns, BAD_CAST "c", NULL);
    xmlNewProp(c, BAD_CAST "r", BAD_CAST ref);
    if (before)
        xmlAddPrevSibling(before, c);
    else
        xmlAddChild(r, c);
    return c;
}

/* The value of a cell as text: a shared or inline string, or the raw
 * <v>; NULL for an empty or missing cell.  Borrowed until the next call. */
static inline const char *xf_get(xf_book *b, size_t s, const char *ref)
{
    free(b->last);
    b->last = NULL;
    xmlNodePtr c = xf_cell(b, s, ref, 0);
    if (!c)
        return NULL;
    xmlChar *t = xmlGetProp(c, BAD_CAST "t");
    xmlNodePtr v = xf_child(c, "v"), is = xf_child(c, "is");
    if (t && xmlStrEqual(t, BAD_CAST "inlineStr") && is) {
        b->last = calloc(1, 1);
        assert_non_null(b->last);
        xf_texts(is, &b->last);
    } else if (v) {
        xmlChar *x = xmlNodeGetContent(v);
        if (t && xmlStrEqual(t, BAD_CAST "s")) {
            size_t i = strtoul((const char *)x, NULL, 10);
            assert_true(i < b->n_sst);
            b->last = strdup(b->sst[i]);
        } else {
            b->last = strdup((const char *)x);
        }
        xmlFree(x);
    }
    xmlFree(t);
    return b->last;
}

/* Empties a cell, keeping r= and s=. */
static inline xmlNodePtr xf_clear(xf_book *b, size_t s, const char *ref)
{
    xmlNodePtr c = xf_cell(b, s, ref, 1);
    xmlNodePtr n = c->children;
    while (n) {
        xmlNodePtr next = n->next;
        xmlUnlinkNode(n);
        xmlFreeNode(n);
        n = next;
    }
    xmlUnsetProp(c, BAD_CAST "t");
    b->dirty[s] = 1;
    return c;
}

/* Text typed into a cell: an inline string. */
static inline void xf_put_string(xf_book *b, size_t s, const char *ref,
                                 const char *text)
{
    xmlNodePtr c = xf_clear(b, s, ref);
    xmlSetProp(c, BAD_CAST "t", BAD_CAST "inlineStr");
    xmlNodePtr is = xmlNewChild(c, c->ns, BAD_CAST "is", NULL);
    xmlNodePtr t = xmlNewTextChild(is, c->ns, BAD_CAST "t", BAD_CAST text);
    xmlNodeSetSpacePreserve(t, 1);
}

/* A number typed into a cell ("1200.5"): <v>. */
static inline void xf_put_number(xf_book *b, size_t s, const char *ref,
                                 const char *number)
{
    xmlNodePtr c = xf_clear(b, s, ref);
    xmlNewTextChild(c, c->ns, BAD_CAST "v", BAD_CAST number);
}

/* A formula saved without its computed result, as some programs write
 * them (openpyxl, scripts): <f> and no <v>. */
static inline void xf_put_formula(xf_book *b, size_t s, const char *ref,
                                  const char *formula)
{
    xmlNodePtr c = xf_clear(b, s, ref);
    xmlNewTextChild(c, c->ns, BAD_CAST "f", BAD_CAST formula);
}

/* The serial number of a day in Excel's 1900 date system (which counts
 * the non-existent 29/02/1900, so from March 1900 on serial 1 is
 * 31/12/1899 in effect). */
static inline long xf_serial(int y, int m, int d)
{
    /* days from 1970-01-01 (H. Hinnant's days_from_civil) */
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    long days = era * 146097 + doe - 719468;
    long serial = days + 25569; /* 1970-01-01 is serial 25569 */
    return serial < 61 ? serial - 1 : serial;
}

/* A date typed into a cell: its serial number, the cell's style kept. */
static inline void xf_put_date(xf_book *b, size_t s, const char *ref, int y,
                               int m, int d)
{
    char num[16];
    snprintf(num, sizeof num, "%ld", xf_serial(y, m, d));
    xf_put_number(b, s, ref, num);
}

/* The style index of a cell (its s= attribute), -1 if none. */
static inline int xf_style(xf_book *b, size_t s, const char *ref)
{
    xmlNodePtr c = xf_cell(b, s, ref, 0);
    xmlChar *v = c ? xmlGetProp(c, BAD_CAST "s") : NULL;
    int n = v ? atoi((const char *)v) : -1;
    xmlFree(v);
    return n;
}

/* The shown text of a dropdown list entry: in sheet "_danh_muc", the
 * cell of column shown_col in the row whose code_col cell is code. */
static inline char *xf_list_text(xf_book *b, char shown_col, char code_col,
                                 const char *code)
{
    size_t s = xf_sheet(b, "_danh_muc");
    for (unsigned row = 2; row < 1000; row++) {
        char ref[16];
        snprintf(ref, sizeof ref, "%c%u", code_col, row);
        const char *v = xf_get(b, s, ref);
        if (!v)
            break;
        if (strcmp(v, code) == 0) {
            snprintf(ref, sizeof ref, "%c%u", shown_col, row);
            v = xf_get(b, s, ref);
            assert_non_null(v);
            return strdup(v);
        }
    }
    fail_msg("no %s in _danh_muc column %c", code, code_col);
    return NULL;
}

/* Writes the changed parts back and closes the archive. */
static inline void xf_close(xf_book *b)
{
    for (size_t i = 0; i < b->n_sheets; i++) {
        if (b->dirty[i]) {
            xmlChar *mem = NULL;
            int len = 0;
            xmlDocDumpMemoryEnc(b->doc[i], &mem, &len, "UTF-8");
            assert_non_null(mem);
            void *buf = malloc((size_t)len);
            assert_non_null(buf);
            memcpy(buf, mem, (size_t)len);
            xmlFree(mem);
            zip_source_t *src = zip_source_buffer(b->z, buf, (zip_uint64_t)len,
                                                  1);
            assert_non_null(src);
            zip_int64_t idx = zip_name_locate(b->z, b->part[i], 0);
            assert_true(idx >= 0);
            if (zip_file_replace(b->z, (zip_uint64_t)idx, src, 0) != 0) {
                zip_source_free(src);
                fail_msg("cannot replace %s", b->part[i]);
            }
        }
        xmlFreeDoc(b->doc[i]);
        free(b->name[i]);
        free(b->part[i]);
    }
    if (zip_close(b->z) != 0)
        fail_msg("cannot write the workbook: %s", zip_strerror(b->z));
    for (size_t i = 0; i < b->n_sst; i++)
        free(b->sst[i]);
    free(b->sst);
    free(b->last);
    free(b);
}

#endif
