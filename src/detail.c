/* detail.c - rows of the workbook's long lists (records, units, files),
 * chunk by chunk, from the saved aggregate (detail.h). */
#include "detail.h"

#include <libxml/xmlreader.h>
#include <libxml/xpath.h>
#include <limits.h>
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

/* Where a row goes: a <row> element being built (the rows document of
 * next), or the sheet itself (cells). */
typedef struct row_out {
    xmlNodePtr row;     /* or NULL */
    xlsx_cells *cells;  /* or NULL */
    unsigned long n;    /* the row's number */
    bc_status st;       /* the first failure */
} row_out;

struct bc_detail;

/* The cells of one row after the first (its position): v[i] is the
 * value of the list's attrs[i], NULL when absent.  Failures in o->st. */
typedef void row_fn(const struct bc_detail *dt, row_out *o, const char *const *v);

#define MAX_ATTRS 16

/* One list the workbook may take its rows from. */
typedef struct list_spec {
    const char *source;       /* <rows-from source="..."> */
    const char *list, *item;  /* /aggregate/LIST/ITEM */
    const char *what;         /* the list in a finding's words */
    const char *const *attrs; /* what its rows read, at most MAX_ATTRS */
    size_t n_attrs;
    row_fn *row;
} list_spec;

struct bc_detail {
    xmlTextReaderPtr r;
    bc_diag *d;
    char *agg_path;
    kind_name *kinds;
    size_t n_kinds;
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

bc_detail *detail_new(const char *agg_path, xmlDocPtr view, size_t chunk,
                      bc_diag *d, bc_status *st)
{
    bc_detail *dt = calloc(1, sizeof *dt);
    *st = BC_ERR_NOMEM;
    if (!dt)
        return NULL;
    dt->d = d;
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

/* --- the C twins of the row templates (bao-cao-xlsx.xsl) ---------------- */

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
 * absent, empty or not a number.  The value is XPath's number(v),
 * libxml2's own reading (" 7 ", "5.", "1e" are numbers, "-" is 0; "+1",
 * "0x10", "1,5" are not), and the template's cell holds it as the text
 * string(number(v)), at most 15 significant digits, which the writer
 * reads back: so is this one.  Infinity, which the template would write
 * as value="Infinity" (refused by the writer), is a blank here. */
static void out_n(row_out *o, int col, const char *v)
{
    if (o->st != BC_OK)
        return;
    /* xmlXPathNAN is set by xmlInitParser, which the reader has run */
    double x = v && v[0] ? xmlXPathCastStringToNumber(BAD_CAST v) : NAN;
    if (!isfinite(x)) {
        out_s(o, col, NULL, "int");
        return;
    }
    int whole = x > INT_MIN && x < INT_MAX && x == (int)x;
    if (o->cells && whole) {
        /* its text is the integer itself (and -0 is "0") */
        o->st = xlsx_cells_number(o->cells, o->n, (unsigned long)col,
                                  x == 0 ? 0.0 : x, "int");
        return;
    }
    xmlChar *text = xmlXPathCastNumberToString(x);
    if (!text) {
        o->st = BC_ERR_NOMEM;
        return;
    }
    if (o->cells) {
        if (xlsx_parse_number((const char *)text, &x) != 0)
            o->st = BC_ERR_INTERNAL; /* libxml2 wrote a number we cannot read */
        else
            o->st = xlsx_cells_number(o->cells, o->n, (unsigned long)col, x, "int");
        xmlFree(text);
        return;
    }
    char c[8];
    snprintf(c, sizeof c, "%d", col);
    xmlNodePtr n = xmlNewChild(o->row, NULL, BAD_CAST "number", NULL);
    if (!n || !xmlNewProp(n, BAD_CAST "col", BAD_CAST c) ||
        !xmlNewProp(n, BAD_CAST "value", text) ||
        !xmlNewProp(n, BAD_CAST "format", BAD_CAST "int"))
        o->st = BC_ERR_NOMEM;
    xmlFree(text);
}

#define DATE_BUF 48 /* 10 characters of at most 4 bytes, 2 '/', the NUL */

/* Template date: a value of 10 characters with '-' the 5th and the 8th
 * (YYYY-MM-DD) as DD/MM/YYYY, anything else as it is.  XPath counts
 * characters, not bytes, so a value with letters such as 'ă' is cut
 * where the template cuts it. */
static const char *date_vn(const char *d, char buf[DATE_BUF])
{
    size_t at[11], k = 0; /* byte offset of each character, then the end */
    if (!d)
        return d;
    for (size_t i = 0; d[i]; i++)
        if (((unsigned char)d[i] & 0xC0) != 0x80) {
            if (k == 10)
                return d;
            at[k++] = i;
        }
    if (k != 10 || d[at[4]] != '-' || d[at[7]] != '-')
        return d;
    at[10] = strlen(d);
    size_t dd = at[10] - at[8], mm = at[7] - at[5], yy = at[4];
    memcpy(buf, d + at[8], dd);
    buf[dd] = '/';
    memcpy(buf + dd + 1, d + at[5], mm);
    buf[dd + 1 + mm] = '/';
    memcpy(buf + dd + mm + 2, d, yy);
    buf[dd + mm + 2 + yy] = '\0';
    return buf;
}

/* The templates' test of a boolean attribute: "true" or "1". */
static int is_true(const char *v)
{
    return v && (strcmp(v, "true") == 0 || strcmp(v, "1") == 0);
}

/* The word for code among the pairs {code, word} of w (n pairs), or
 * otherwise; an xsl:choose on the code. */
static const char *word_of(const char *const (*w)[2], size_t n, const char *code,
                           const char *otherwise)
{
    for (size_t i = 0; code && i < n; i++)
        if (strcmp(code, w[i][0]) == 0)
            return w[i][1];
    return otherwise;
}

/* Template record-status (common.xsl): an unknown code as it is. */
static const char *record_status_words(const char *s)
{
    static const char *const w[][2] = {
        {"filed", "đã nộp đơn"}, {"granted", "được cấp văn bằng"},
        {"refused", "bị Cục SHTT từ chối"}, {"withdrawn", "rút đơn"}};
    return word_of(w, BC_ARRAY_LEN(w), s, s);
}

/* Template unit-type (common.xsl): anything else, absent included, is
 * "khác". */
static const char *unit_type_words(const char *t)
{
    static const char *const w[][2] = {
        {"district", "cấp huyện"}, {"commune", "cấp xã"},
        {"department", "sở, ngành"}};
    return word_of(w, BC_ARRAY_LEN(w), t, "khác");
}

/* Template file-status (common.xsl): an unknown code as it is. */
static const char *file_status_words(const char *s)
{
    static const char *const w[][2] = {
        {"accepted", "hợp lệ"}, {"rejected", "tệp bị từ chối"},
        {"replaced", "đã được thay thế"}};
    return word_of(w, BC_ARRAY_LEN(w), s, s);
}

/* Template kind-name (common.xsl): the view's name of the kind, else the
 * code as it is. */
static const char *kind_words(const bc_detail *dt, const char *code)
{
    for (size_t i = 0; code && i < dt->n_kinds; i++)
        if (dt->kinds[i].code && strcmp((const char *)dt->kinds[i].code, code) == 0)
            return (const char *)dt->kinds[i].name;
    return code;
}

/* Template record-row (Chi tiết). */
enum { R_APP, R_KIND, R_NAME, R_PRODUCT, R_OWNER, R_FILED, R_GRANTED, R_CERT,
       R_STATUS, R_UNIT, R_SOURCES, R_FY, R_GY, R_THIS, R_PRE, R_TASK, R__COUNT };
static const char *const record_attrs[R__COUNT] = {
    "application", "kind", "name", "product", "owner", "filed", "granted",
    "certificate", "status", "unit-name", "sources", "filed-year",
    "granted-year", "this-year", "pre-plan", "task"};

static void record_row(const bc_detail *dt, row_out *o, const char *const *v)
{
    char b1[DATE_BUF], b2[DATE_BUF];
    out_s(o, 2, v[R_APP], "text");
    out_s(o, 3, kind_words(dt, v[R_KIND]), "text");
    out_s(o, 4, v[R_NAME], "text");
    out_s(o, 5, v[R_PRODUCT], "text");
    out_s(o, 6, v[R_OWNER], "text");
    out_s(o, 7, date_vn(v[R_FILED], b1), "text-c");
    out_s(o, 8, date_vn(v[R_GRANTED], b2), "text-c");
    out_s(o, 9, v[R_CERT], "text");
    out_s(o, 10, record_status_words(v[R_STATUS]), "text");
    out_s(o, 11, v[R_UNIT], "text");
    out_n(o, 12, v[R_SOURCES]);
    out_n(o, 13, v[R_FY]);
    out_n(o, 14, v[R_GY]);
    out_s(o, 15, is_true(v[R_THIS]) ? "có" : NULL, "text-c");
    out_s(o, 16, v[R_PRE], "text");
    out_s(o, 17, v[R_TASK], "text");
}

/* Template unit-row (Đơn vị, the units). */
enum { U_CODE, U_NAME, U_TYPE, U_EXPECTED, U_FILES, U_ACCEPTED, U_REJECTED,
       U_REPLACED, U_STATUS_TEXT, U_VALID_TO, U_SUCCESSOR, U__COUNT };
static const char *const unit_attrs[U__COUNT] = {
    "code", "name", "type", "expected", "files", "accepted", "rejected",
    "replaced", "status-text", "valid-to", "successor"};

static void unit_row(const bc_detail *dt, row_out *o, const char *const *v)
{
    (void)dt;
    char b[DATE_BUF];
    out_s(o, 2, v[U_CODE], "text");
    out_s(o, 3, v[U_NAME], "text");
    out_s(o, 4, unit_type_words(v[U_TYPE]), "text");
    out_s(o, 5, is_true(v[U_EXPECTED]) ? "có" : "không", "text-c");
    out_n(o, 6, v[U_FILES]);
    out_n(o, 7, v[U_ACCEPTED]);
    out_n(o, 8, v[U_REJECTED]);
    out_n(o, 9, v[U_REPLACED]);
    out_s(o, 10, v[U_STATUS_TEXT], "text");
    out_s(o, 11, date_vn(v[U_VALID_TO], b), "text");
    out_s(o, 12, v[U_SUCCESSOR], "text");
}

/* Template file-row (Đơn vị, the files received). */
enum { F_UNIT, F_PATH, F_DATE, F_STATUS, F_RECORDS, F_ERRORS, F_WARNINGS,
       F_REPLACED_BY, F__COUNT };
static const char *const file_attrs[F__COUNT] = {
    "unit", "path", "date", "status", "records", "errors", "warnings",
    "replaced-by"};

static void file_row(const bc_detail *dt, row_out *o, const char *const *v)
{
    (void)dt;
    char b[DATE_BUF];
    out_s(o, 2, v[F_UNIT], "text");
    out_s(o, 3, v[F_PATH], "text");
    out_s(o, 4, date_vn(v[F_DATE], b), "text-c");
    out_s(o, 5, file_status_words(v[F_STATUS]), "text");
    out_n(o, 6, v[F_RECORDS]);
    out_n(o, 7, v[F_ERRORS]);
    out_n(o, 8, v[F_WARNINGS]);
    out_s(o, 9, v[F_REPLACED_BY], "text");
}

_Static_assert(R__COUNT <= MAX_ATTRS && U__COUNT <= MAX_ATTRS && F__COUNT <= MAX_ATTRS,
               "a row reads at most MAX_ATTRS attributes");

/* In document order (aggregate.xsd). */
static const list_spec lists[] = {
    {"units", "units", "unit", "đơn vị", unit_attrs, U__COUNT, unit_row},
    {"files", "submissions", "file", "tệp báo cáo", file_attrs, F__COUNT, file_row},
    {"records", "records", "record", "hồ sơ", record_attrs, R__COUNT, record_row},
};

/* The row of item (of dt->cur), numbered pos, in sheet row
 * first_row + pos - 1, into rows (an element of the rows document) or
 * cells (the sheet): exactly one of them is given.  BC_OK, or the status
 * of the first failure. */
static bc_status add_row(const bc_detail *dt, xmlNodePtr rows, xlsx_cells *cells,
                         xmlNodePtr item, size_t pos, unsigned long first_row)
{
    const list_spec *ls = dt->cur;
    const char *v[MAX_ATTRS] = {0};
    for (xmlAttrPtr a = item->properties; a; a = a->next) {
        const xmlNode *t = a->children;
        if (!t || t->type != XML_TEXT_NODE || t->next)
            continue; /* saved by us: one text node each */
        for (size_t k = 0; k < ls->n_attrs; k++)
            if (strcmp((const char *)a->name, ls->attrs[k]) == 0)
                v[k] = (const char *)t->content;
    }
    row_out o = {NULL, cells, first_row + pos - 1, BC_OK};
    if (cells) {
        o.st = xlsx_cells_number(cells, o.n, 1, (double)pos, "int");
    } else {
        char n[32], tt[32];
        snprintf(n, sizeof n, "%lu", o.n);
        snprintf(tt, sizeof tt, "%zu", pos);
        o.row = xmlNewChild(rows, NULL, BAD_CAST "row", NULL);
        xmlNodePtr c1 = o.row ? xmlNewChild(o.row, NULL, BAD_CAST "number", NULL) : NULL;
        if (!c1 || !xmlNewProp(o.row, BAD_CAST "n", BAD_CAST n) ||
            !xmlNewProp(c1, BAD_CAST "col", BAD_CAST "1") ||
            !xmlNewProp(c1, BAD_CAST "value", BAD_CAST tt) ||
            !xmlNewProp(c1, BAD_CAST "format", BAD_CAST "int"))
            return BC_ERR_NOMEM;
    }
    if (o.st == BC_OK)
        ls->row(dt, &o, v);
    return o.st;
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

/* Reads up to dt->chunk more items of dt->cur and appends their rows to
 * rows, or every item left into cells; sets dt->done at the end of the
 * list.  Returns how many, or -1 with *st (a finding when the file could
 * not be read or a cell not written; none when out of memory). */
static long read_items(bc_detail *dt, unsigned long first_row, xmlNodePtr rows,
                       xlsx_cells *cells, bc_status *st)
{
    const xmlChar *item = BAD_CAST dt->cur->item;
    size_t n = 0;
    *st = BC_OK;
    while ((cells || n < dt->chunk) && !dt->done) {
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
        if (!e)
            *st = dt->failed ? BC_ERR_INTERNAL : BC_ERR_NOMEM;
        else
            *st = add_row(dt, rows, cells, e, dt->next_pos + n, first_row);
        if (*st != BC_OK)
            return -1;
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

/* xlsx_row_source.next: the next chunk of rows, NULL at the end. */
static bc_status detail_next(void *ctx, const char *source, unsigned long first_row,
                             xmlDocPtr *out)
{
    bc_detail *dt = ctx;
    bc_status st = BC_OK;
    *out = NULL;
    const list_spec *ls = list_of(dt, source);
    if (!ls)
        return BC_ERR_TEMPLATE;
    if (dt->cur != ls && (st = list_start(dt, ls)) != BC_OK)
        return st;
    if (dt->done) {
        dt->cur = NULL; /* the series has ended; the next starts again */
        return BC_OK;
    }
    xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
    xmlNodePtr rows = doc ? xmlNewDocNode(doc, NULL, BAD_CAST "rows", NULL) : NULL;
    if (!rows) {
        xmlFreeDoc(doc);
        return BC_ERR_NOMEM;
    }
    xmlDocSetRootElement(doc, rows);
    long n = read_items(dt, first_row, rows, NULL, &st);
    if (n <= 0) {
        xmlFreeDoc(doc);
        dt->cur = NULL;
        return st;
    }
    dt->next_pos += (size_t)n;
    *out = doc;
    return BC_OK;
}

/* xlsx_row_source.cells: every row, straight to the sheet. */
static bc_status detail_cells(void *ctx, const char *source, unsigned long first_row,
                              xlsx_cells *out)
{
    bc_detail *dt = ctx;
    const list_spec *ls = list_of(dt, source);
    if (!ls)
        return BC_ERR_TEMPLATE;
    bc_status st = list_start(dt, ls);
    if (st == BC_OK && !dt->done)
        read_items(dt, first_row, NULL, out, &st);
    dt->cur = NULL;
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
