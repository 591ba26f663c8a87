/* figures.c - proves that every figure shown in the HTML report and in the
 * XLSX equals the aggregate document it was rendered from.
 *
 *   figures AGGREGATE.xml REPORT.html REPORT.xlsx TEMPLATES_DIR
 *
 * 1. HTML: every element with data-x (the marked figures of common.xsl:
 *    <span class="fig" data-x="PATH" [data-f="pct"]>) names one node of the
 *    aggregate by an absolute XPath; the text shown ("1.234,5", "75,5%",
 *    "-2") must equal that node's value (times 100 for data-f="pct")
 *    within half a unit of the last decimal shown.
 * 2. XLSX: the workbook description is rendered again from the aggregate
 *    (TEMPLATES_DIR/xslt/bao-cao-xlsx.xsl); every <number>/<formula> with
 *    x="PATH" must hold the aggregate's value, and the XLSX file must hold
 *    the same number in the same sheet, row and column.
 * 3. Every formula of the XLSX sheets is evaluated from the workbook's
 *    cells and must equal its cached value.  Only the forms the template
 *    writes are known (SUM(A1:B2), A1, A1-B1, A1+B1, A1/B1, MAX(0,A1-B1),
 *    COUNTIF(A1:A9,"text"), a reference optionally on another sheet:
 *    'Kinh phí'!J31, SUM('Kinh phí'!E31:J31));
 *    any other form is reported, so that the checker grows with the
 *    template.
 *
 * Prints one line per mismatch, then
 *   figures: N HTML figures, M XLSX cells, K formulas checked
 * Exit status: 0 all equal; 1 a mismatch, or fewer than 100 HTML figures,
 * 50 XLSX cells or 10 formulas (an empty report proves nothing); 2 usage
 * or a file that cannot be read. */
#include <ctype.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xpath.h>
#include <libxslt/xsltutils.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zip.h>

#include "diag.h"
#include "render.h"
#include "status.h"
#include "util.h"
#include "xlsx_writer.h"
#include "xmlio.h"

#define MIN_HTML 100
#define MIN_XLSX 50
#define MIN_FORMULAS 10
#define MAX_PART ((zip_uint64_t)256 << 20)
#define NS_REL \
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

/* One cell of an XLSX sheet as stored in the file. */
typedef struct cell {
    unsigned long row, col; /* 1-based */
    int has_num;            /* num holds a numeric value (<v> of a number) */
    double num;
    char *text;    /* the text of a string cell, NULL otherwise */
    char *formula; /* the <f> text without '=', NULL when none */
    int shared_f;  /* an <f> without text (a shared formula) */
} cell;

typedef struct sheet {
    char *name;
    cell *cells; /* sorted by row, then column */
    size_t n, cap;
} sheet;

typedef struct book {
    sheet *sheets;
    size_t n;
} book;

typedef struct checker {
    const char *agg_path, *html_path, *xlsx_path;
    xmlDocPtr agg;
    xmlXPathContextPtr xp; /* over agg */
    unsigned long bad;     /* mismatches */
    unsigned long html_n, xlsx_n, formula_n;
} checker;

/* --- small helpers --------------------------------------------------------- */

/* Swallows libxml2 errors (an invalid XPath is reported as a mismatch). */
static void quiet_error(void *ctx, xmlErrorPtr e)
{
    (void)ctx;
    (void)e;
}

/* One mismatch line on stdout: "FILE: PLACE: message". */
static void mismatch(checker *c, const char *file, const char *place,
                     const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void mismatch(checker *c, const char *file, const char *place,
                     const char *fmt, ...)
{
    va_list ap;
    c->bad++;
    printf("%s: %s: ", file, place);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
}

/* Trims ASCII white space and no-break spaces (U+00A0) in place. */
static char *trim(char *s)
{
    for (;;) {
        if (isspace((unsigned char)*s))
            s++;
        else if ((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0)
            s += 2;
        else
            break;
    }
    size_t n = strlen(s);
    for (;;) {
        if (n > 0 && isspace((unsigned char)s[n - 1]))
            n--;
        else if (n > 1 && (unsigned char)s[n - 2] == 0xC2 &&
                 (unsigned char)s[n - 1] == 0xA0)
            n -= 2;
        else
            break;
    }
    s[n] = '\0';
    return s;
}

static int close_rel(double a, double b, double rel)
{
    double m = fabs(b) > 1 ? fabs(b) : 1;
    return fabs(a - b) <= rel * m;
}

/* The value of the one node the absolute XPath path selects in the
 * aggregate.  Returns 0 and sets *v; otherwise -1 with the reason in why
 * (n bytes). */
static int agg_value(checker *c, const char *path, double *v, char *why,
                     size_t n)
{
    int rc = -1;
    xmlSetStructuredErrorFunc(NULL, quiet_error);
    xmlXPathObjectPtr o = path[0] == '/'
                              ? xmlXPathEvalExpression(BAD_CAST path, c->xp)
                              : NULL;
    xmlSetStructuredErrorFunc(NULL, NULL);
    if (!o || o->type != XPATH_NODESET) {
        snprintf(why, n, "not an absolute XPath selecting nodes");
        goto done;
    }
    int count = o->nodesetval ? o->nodesetval->nodeNr : 0;
    if (count != 1) {
        snprintf(why, n, "selects %d nodes of %s, not 1", count, c->agg_path);
        goto done;
    }
    xmlChar *s = xmlNodeGetContent(o->nodesetval->nodeTab[0]);
    char *t = bc_strdup(s ? (const char *)s : "");
    xmlFree(s);
    if (!t) {
        snprintf(why, n, "out of memory");
        goto done;
    }
    if (xlsx_parse_number(trim(t), v) != 0)
        snprintf(why, n, "the aggregate holds «%s», not a number", t);
    else
        rc = 0;
    free(t);

done:
    xmlXPathFreeObject(o);
    return rc;
}

/* --- 1. the HTML report ---------------------------------------------------- */

/* Parses a number as the report prints it: '-' (or U+2212), digits with
 * '.' between groups of three, ',' and decimals, an optional '%'.  Returns
 * 0 and sets *v, *decimals, *percent; -1 when s is not such a number. */
static int parse_vi(const char *s, double *v, int *decimals, int *percent)
{
    char buf[80];
    size_t k = 0;
    const char *p = s;
    if (*p == '-') {
        buf[k++] = '-';
        p++;
    } else if (strncmp(p, "\xE2\x88\x92", 3) == 0) {
        buf[k++] = '-';
        p += 3;
    }
    if (!isdigit((unsigned char)*p))
        return -1;
    int group = 0, grouped = 0;
    while (isdigit((unsigned char)*p) || *p == '.') {
        if (*p == '.') {
            if (group == 0 || group > 3 || (grouped && group != 3))
                return -1;
            grouped = 1;
            group = 0;
        } else {
            if (k >= 40)
                return -1;
            buf[k++] = *p;
            group++;
        }
        p++;
    }
    if (group == 0 || (grouped && group != 3))
        return -1;
    *decimals = 0;
    if (*p == ',') {
        p++;
        if (!isdigit((unsigned char)*p))
            return -1;
        buf[k++] = '.';
        while (isdigit((unsigned char)*p)) {
            if (k >= sizeof buf - 1)
                return -1;
            buf[k++] = *p++;
            (*decimals)++;
        }
    }
    *percent = 0;
    if (*p == '%') {
        *percent = 1;
        p++;
    }
    if (*p)
        return -1;
    buf[k] = '\0';
    char *end = NULL;
    *v = strtod(buf, &end);
    return end && *end == '\0' && isfinite(*v) ? 0 : -1;
}

/* Checks one marked figure of the report. */
static void check_figure(checker *c, xmlNodePtr el)
{
    xmlChar *x = xmlGetProp(el, BAD_CAST "data-x");
    xmlChar *f = xmlGetProp(el, BAD_CAST "data-f");
    xmlChar *content = xmlNodeGetContent(el);
    char *text = bc_strdup(content ? (const char *)content : "");
    const char *path = x ? (const char *)x : "";
    char why[512];
    double want = 0, shown = 0;
    int decimals = 0, percent = 0;
    int is_pct = f && xmlStrEqual(f, BAD_CAST "pct");

    c->html_n++;
    if (!text) {
        mismatch(c, c->html_path, path, "out of memory");
        goto done;
    }
    char *t = trim(text);
    if (f && !is_pct) {
        mismatch(c, c->html_path, path, "unknown data-f=\"%s\"",
                 (const char *)f);
        goto done;
    }
    if (agg_value(c, path, &want, why, sizeof why) != 0) {
        mismatch(c, c->html_path, path, "shown «%s»; %s", t, why);
        goto done;
    }
    if (parse_vi(t, &shown, &decimals, &percent) != 0) {
        mismatch(c, c->html_path, path,
                 "shown «%s» is not a number; expected %.15g", t,
                 is_pct ? want * 100 : want);
        goto done;
    }
    if (is_pct && !percent) {
        mismatch(c, c->html_path, path,
                 "shown «%s» without '%%' for a ratio; expected %.15g%%", t,
                 want * 100);
        goto done;
    }
    double expected = is_pct ? want * 100 : want;
    double tol = 0.5 * pow(10, -decimals) + 1e-9;
    if (fabs(shown - expected) > tol)
        mismatch(c, c->html_path, path, "shown «%s», expected %.15g%s", t,
                 expected, is_pct ? "% (ratio × 100)" : "");

done:
    free(text);
    xmlFree(content);
    xmlFree(x);
    xmlFree(f);
}

/* Returns 0, or -1 when the report cannot be read. */
static int check_html(checker *c)
{
    htmlDocPtr h = htmlReadFile(c->html_path, "UTF-8",
                                HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                                    HTML_PARSE_NOWARNING);
    if (!h) {
        fprintf(stderr, "figures: %s: cannot read the HTML report\n",
                c->html_path);
        return -1;
    }
    xmlXPathContextPtr hx = xmlXPathNewContext(h);
    xmlXPathObjectPtr o =
        hx ? xmlXPathEvalExpression(BAD_CAST "//*[@data-x]", hx) : NULL;
    if (!o) {
        fprintf(stderr, "figures: out of memory\n");
        xmlXPathFreeContext(hx);
        xmlFreeDoc(h);
        return -1;
    }
    for (int i = 0; o->nodesetval && i < o->nodesetval->nodeNr; i++)
        check_figure(c, o->nodesetval->nodeTab[i]);
    xmlXPathFreeObject(o);
    xmlXPathFreeContext(hx);
    xmlFreeDoc(h);
    return 0;
}

/* --- reading the XLSX -------------------------------------------------------- */

/* The bytes of zip entry name (NUL-terminated) or NULL when missing or
 * unreadable. */
static char *zip_part(zip_t *z, const char *name, size_t *len)
{
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat(z, name, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE) ||
        st.size > MAX_PART)
        return NULL;
    zip_file_t *zf = zip_fopen(z, name, 0);
    if (!zf)
        return NULL;
    char *buf = malloc((size_t)st.size + 1);
    zip_int64_t got = buf ? zip_fread(zf, buf, st.size) : -1;
    zip_fclose(zf);
    if (got < 0 || (zip_uint64_t)got != st.size) {
        free(buf);
        return NULL;
    }
    buf[st.size] = '\0';
    *len = (size_t)st.size;
    return buf;
}

/* The parsed zip entry name, or NULL (with a message) when it is missing
 * or not XML. */
static xmlDocPtr zip_xml(zip_t *z, const char *xlsx, const char *name)
{
    size_t len = 0;
    char *buf = zip_part(z, name, &len);
    if (!buf) {
        fprintf(stderr, "figures: %s: no readable part %s\n", xlsx, name);
        return NULL;
    }
    bc_diag *d = diag_new();
    xmlDocPtr doc = d ? xmlio_read_memory(buf, len, name, d, NULL) : NULL;
    if (!doc)
        fprintf(stderr, "figures: %s: part %s is not well-formed XML\n",
                xlsx, name);
    diag_free(d);
    free(buf);
    return doc;
}

/* The text content of n as a new string ("" when none); NULL when out of
 * memory. */
static char *node_text(xmlNodePtr n)
{
    xmlChar *s = n ? xmlNodeGetContent(n) : NULL;
    char *r = bc_strdup(s ? (const char *)s : "");
    xmlFree(s);
    return r;
}

/* Parses an A1 reference at *p ("K9", "$K$9"); advances *p.  Returns 0, or
 * -1 when there is none. */
static int parse_ref(const char **p, unsigned long *row, unsigned long *col)
{
    const char *s = *p;
    unsigned long c = 0, r = 0;
    if (*s == '$')
        s++;
    if (!isupper((unsigned char)*s))
        return -1;
    while (isupper((unsigned char)*s)) {
        c = c * 26 + (unsigned long)(*s - 'A' + 1);
        if (c > 16384)
            return -1;
        s++;
    }
    if (*s == '$')
        s++;
    if (!isdigit((unsigned char)*s) || *s == '0')
        return -1;
    while (isdigit((unsigned char)*s)) {
        r = r * 10 + (unsigned long)(*s - '0');
        if (r > 1048576)
            return -1;
        s++;
    }
    *p = s;
    *row = r;
    *col = c;
    return 0;
}

/* "K9" for row 9, column 11 into buf. */
static const char *ref_name(unsigned long row, unsigned long col, char *buf,
                            size_t n)
{
    char letters[8];
    size_t k = sizeof letters;
    letters[--k] = '\0';
    while (col > 0 && k > 0) {
        col--;
        letters[--k] = (char)('A' + col % 26);
        col /= 26;
    }
    snprintf(buf, n, "%s%lu", letters + k, row);
    return buf;
}

static int cell_cmp(const void *a, const void *b)
{
    const cell *x = a, *y = b;
    if (x->row != y->row)
        return x->row < y->row ? -1 : 1;
    if (x->col != y->col)
        return x->col < y->col ? -1 : 1;
    return 0;
}

static const cell *find_cell(const sheet *s, unsigned long row,
                             unsigned long col)
{
    cell key = {row, col, 0, 0, NULL, NULL, 0};
    return s->n ? bsearch(&key, s->cells, s->n, sizeof *s->cells, cell_cmp)
                : NULL;
}

static void book_free(book *b)
{
    for (size_t i = 0; i < b->n; i++) {
        sheet *s = &b->sheets[i];
        for (size_t j = 0; j < s->n; j++) {
            free(s->cells[j].text);
            free(s->cells[j].formula);
        }
        free(s->cells);
        free(s->name);
    }
    free(b->sheets);
    b->sheets = NULL;
    b->n = 0;
}

/* The shared strings of the workbook (none when the part is missing). */
typedef struct strings {
    char **s;
    size_t n;
} strings;

static void strings_free(strings *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->s[i]);
    free(t->s);
}

/* Reads xl/sharedStrings.xml.  Returns 0, or -1 on an unreadable part or
 * out of memory. */
static int read_strings(zip_t *z, const char *xlsx, strings *t)
{
    zip_stat_t st;
    if (zip_stat(z, "xl/sharedStrings.xml", 0, &st) != 0)
        return 0; /* a workbook without text */
    xmlDocPtr doc = zip_xml(z, xlsx, "xl/sharedStrings.xml");
    if (!doc)
        return -1;
    int rc = 0;
    xmlNodePtr root = xmlDocGetRootElement(doc);
    size_t cap = 0;
    for (xmlNodePtr si = xmlio_child(root, "si"); si && rc == 0;
         si = xmlio_next(si, "si")) {
        bc_strbuf sb = BC_STRBUF_INIT;
        /* <t>, or rich-text runs <r><t>; phonetic runs (rPh) are not text */
        for (xmlNodePtr k = xmlio_child(si, NULL); k; k = xmlio_next(k, NULL)) {
            xmlNodePtr tn = xmlStrEqual(k->name, BAD_CAST "t")   ? k
                            : xmlStrEqual(k->name, BAD_CAST "r") ? xmlio_child(k, "t")
                                                                 : NULL;
            char *s = tn ? node_text(tn) : NULL;
            if (s)
                sb_adds(&sb, s);
            free(s);
        }
        char *s = sb_detach(&sb);
        if (t->n == cap) {
            size_t ncap = cap ? cap * 2 : 64;
            char **ns = realloc(t->s, ncap * sizeof *ns);
            if (!ns) {
                free(s);
                rc = -1;
                break;
            }
            t->s = ns;
            cap = ncap;
        }
        if (!s)
            rc = -1;
        else
            t->s[t->n++] = s;
    }
    xmlFreeDoc(doc);
    return rc;
}

/* Reads one worksheet part into s.  Returns 0 or -1. */
static int read_sheet(zip_t *z, const char *xlsx, const char *part,
                      const strings *str, sheet *s)
{
    xmlDocPtr doc = zip_xml(z, xlsx, part);
    if (!doc)
        return -1;
    int rc = 0;
    xmlNodePtr data = xmlio_child(xmlDocGetRootElement(doc), "sheetData");
    for (xmlNodePtr row = xmlio_child(data, "row"); row && rc == 0;
         row = xmlio_next(row, "row")) {
        for (xmlNodePtr cn = xmlio_child(row, "c"); cn && rc == 0;
             cn = xmlio_next(cn, "c")) {
            char *r = xmlio_attr(cn, "r"), *type = xmlio_attr(cn, "t");
            const char *p = r ? r : "";
            cell c = {0, 0, 0, 0, NULL, NULL, 0};
            if (parse_ref(&p, &c.row, &c.col) != 0 || *p) {
                fprintf(stderr, "figures: %s: %s: a cell without a valid "
                                "reference «%s»\n",
                        xlsx, part, r ? r : "");
                rc = -1;
            }
            xmlNodePtr v = xmlio_child(cn, "v"), f = xmlio_child(cn, "f");
            char *vs = rc == 0 && v ? node_text(v) : NULL;
            if (rc == 0 && f) {
                c.formula = node_text(f);
                if (c.formula && !c.formula[0]) {
                    free(c.formula);
                    c.formula = NULL;
                    c.shared_f = 1;
                }
            }
            if (rc != 0) {
                /* reported above */
            } else if (!type || strcmp(type, "n") == 0) {
                if (vs && xlsx_parse_number(trim(vs), &c.num) == 0)
                    c.has_num = 1;
            } else if (strcmp(type, "s") == 0) {
                char *end = NULL;
                unsigned long i = vs ? strtoul(vs, &end, 10) : 0;
                if (!vs || !end || *end || i >= str->n) {
                    fprintf(stderr, "figures: %s: %s!%s: bad shared string "
                                    "index\n",
                            xlsx, s->name, r);
                    rc = -1;
                } else {
                    c.text = bc_strdup(str->s[i]);
                }
            } else if (strcmp(type, "str") == 0) {
                c.text = vs ? bc_strdup(vs) : bc_strdup("");
            } else if (strcmp(type, "inlineStr") == 0) {
                xmlNodePtr is = xmlio_child(cn, "is");
                c.text = node_text(is ? xmlio_child(is, "t") : NULL);
            } /* b, e: neither number nor text */
            free(vs);
            free(r);
            free(type);
            if (rc != 0) {
                free(c.text);
                free(c.formula);
                break;
            }
            if (s->n == s->cap) {
                size_t ncap = s->cap ? s->cap * 2 : 256;
                cell *nc = realloc(s->cells, ncap * sizeof *nc);
                if (!nc) {
                    free(c.text);
                    free(c.formula);
                    rc = -1;
                    break;
                }
                s->cells = nc;
                s->cap = ncap;
            }
            s->cells[s->n++] = c;
        }
    }
    xmlFreeDoc(doc);
    if (rc == 0 && s->n)
        qsort(s->cells, s->n, sizeof *s->cells, cell_cmp);
    return rc;
}

/* The target part (zip entry name) of relationship id in the workbook
 * relationships, as a new string, or NULL. */
static char *rel_target(xmlDocPtr rels, const char *id)
{
    for (xmlNodePtr r = xmlio_child(xmlDocGetRootElement(rels), "Relationship");
         r; r = xmlio_next(r, "Relationship")) {
        char *rid = xmlio_attr(r, "Id");
        int hit = rid && strcmp(rid, id) == 0;
        free(rid);
        if (!hit)
            continue;
        char *target = xmlio_attr(r, "Target");
        if (!target)
            return NULL;
        char *part = target[0] == '/' ? bc_strdup(target + 1)
                                      : bc_asprintf("xl/%s", target);
        free(target);
        return part;
    }
    return NULL;
}

/* Reads every worksheet of the XLSX at path into b (in workbook order).
 * Returns 0, or -1 with a message. */
static int read_book(const char *path, book *b)
{
    int err = 0, rc = -1;
    xmlDocPtr wb = NULL, rels = NULL;
    strings str = {NULL, 0};
    zip_t *z = zip_open(path, ZIP_RDONLY, &err);
    if (!z) {
        fprintf(stderr, "figures: %s: cannot open the XLSX (zip)\n", path);
        return -1;
    }
    wb = zip_xml(z, path, "xl/workbook.xml");
    rels = wb ? zip_xml(z, path, "xl/_rels/workbook.xml.rels") : NULL;
    if (!rels || read_strings(z, path, &str) != 0)
        goto done;
    xmlNodePtr sheets = xmlio_child(xmlDocGetRootElement(wb), "sheets");
    size_t n = 0;
    for (xmlNodePtr s = xmlio_child(sheets, "sheet"); s;
         s = xmlio_next(s, "sheet"))
        n++;
    b->sheets = calloc(n ? n : 1, sizeof *b->sheets);
    if (!b->sheets)
        goto done;
    for (xmlNodePtr s = xmlio_child(sheets, "sheet"); s;
         s = xmlio_next(s, "sheet")) {
        sheet *sh = &b->sheets[b->n++];
        sh->name = xmlio_attr(s, "name");
        xmlChar *id = xmlGetNsProp(s, BAD_CAST "id", BAD_CAST NS_REL);
        char *part = id ? rel_target(rels, (const char *)id) : NULL;
        xmlFree(id);
        if (!sh->name || !part) {
            fprintf(stderr, "figures: %s: sheet «%s» has no part\n", path,
                    sh->name ? sh->name : "");
            free(part);
            goto done;
        }
        int bad = read_sheet(z, path, part, &str, sh);
        free(part);
        if (bad)
            goto done;
    }
    rc = 0;

done:
    strings_free(&str);
    xmlFreeDoc(rels);
    xmlFreeDoc(wb);
    zip_discard(z);
    return rc;
}

static const sheet *book_sheet(const book *b, const char *name)
{
    for (size_t i = 0; i < b->n; i++)
        if (strcmp(b->sheets[i].name, name) == 0)
            return &b->sheets[i];
    return NULL;
}

/* --- 2. the workbook description and the XLSX cells ------------------------ */

/* Checks one <number> or <formula> with x of the description at sheet sh
 * (NULL when the XLSX lacks it) row r. */
static void check_desc_cell(checker *c, const char *sheet_name,
                            const sheet *sh, unsigned long r, xmlNodePtr n)
{
    char *x = xmlio_attr(n, "x"), *cs = xmlio_attr(n, "col"),
         *vs = xmlio_attr(n, "value"), *expr = xmlio_attr(n, "expr");
    char place[600], refb[32], why[512];
    char *end = NULL;
    unsigned long col = cs ? strtoul(cs, &end, 10) : 0;
    double dv = 0, want = 0;
    int is_formula = xmlStrEqual(n->name, BAD_CAST "formula");

    c->xlsx_n++;
    snprintf(place, sizeof place, "%s!%s (x=%s)", sheet_name,
             ref_name(r, col, refb, sizeof refb), x ? x : "");
    if (!cs || !end || *end || col == 0 ||
        xlsx_parse_number(vs ? vs : "", &dv) != 0) {
        mismatch(c, "workbook description", place,
                 "bad col «%s» or value «%s»", cs ? cs : "", vs ? vs : "");
        goto done;
    }
    if (agg_value(c, x, &want, why, sizeof why) != 0) {
        mismatch(c, "workbook description", place, "value %.15g; %s", dv,
                 why);
        goto done;
    }
    if (!close_rel(dv, want, 1e-9))
        mismatch(c, "workbook description", place,
                 "value %.15g, expected %.15g", dv, want);
    const cell *k = sh ? find_cell(sh, r, col) : NULL;
    if (!sh) {
        mismatch(c, c->xlsx_path, place, "the XLSX has no sheet «%s»; "
                 "expected %.15g", sheet_name, want);
    } else if (!k || !k->has_num) {
        mismatch(c, c->xlsx_path, place,
                 "the XLSX cell %s; expected %.15g",
                 !k ? "is missing" : k->text ? "holds text" : "holds no number",
                 want);
    } else if (!close_rel(k->num, want, 1e-9)) {
        mismatch(c, c->xlsx_path, place, "the XLSX shows %.15g, expected %.15g",
                 k->num, want);
    } else if (is_formula &&
               (!k->formula || !expr || strcmp(k->formula, expr + 1) != 0)) {
        mismatch(c, c->xlsx_path, place,
                 "the XLSX formula is «%s», the description's «%s»",
                 k->formula ? k->formula : "", expr ? expr : "");
    }

done:
    free(x);
    free(cs);
    free(vs);
    free(expr);
}

/* Returns 0, or -1 when the description cannot be made. */
/* 1 if the text of cell k starts with "Cộng" (a total's label). */
static int is_total_label(xmlNodePtr k)
{
    xmlChar *t = xmlNodeGetContent(k);
    int r = t && strncmp((const char *)t, "Cộng", strlen("Cộng")) == 0;
    xmlFree(t);
    return r;
}

/* The description's tables, each from a row of "head" cells to the next:
 *  - one number format a column of a table (issue 16: "1.200" and
 *    "1.200,500" never in one column);
 *  - every number of a total (a row labelled "Cộng..." in its first three
 *    columns, or a column headed "Cộng...") is a formula over the cells
 *    it adds, never a constant. */
static void check_tables(checker *c, xmlDocPtr wb)
{
    enum { MAXC = 64 };
    xmlNodePtr root = xmlDocGetRootElement(wb);
    xmlNodePtr formats = xmlio_child(root, "formats");
    for (xmlNodePtr s = xmlio_child(root, "sheet"); s;
         s = xmlio_next(s, "sheet")) {
        char *name = xmlio_attr(s, "name");
        char *fmt[MAXC + 1] = {0};  /* the table's number format a column */
        int total_col[MAXC + 1] = {0};
        for (xmlNodePtr row = xmlio_child(s, "row"); row;
             row = xmlio_next(row, "row")) {
            char *rn = xmlio_attr(row, "n");
            int head = 0, total_row = 0;
            for (xmlNodePtr k = xmlio_child(row, NULL); k;
                 k = xmlio_next(k, NULL)) {
                char *f = xmlio_attr(k, "format");
                char *cs = xmlio_attr(k, "col");
                unsigned long col = cs ? strtoul(cs, NULL, 10) : 0;
                if (f && strcmp(f, "head") == 0)
                    head = 1;
                if (xmlStrEqual(k->name, BAD_CAST "string") && col <= 3 &&
                    is_total_label(k))
                    total_row = 1;
                free(f);
                free(cs);
            }
            if (head) { /* a new table: its columns start afresh */
                for (int i = 0; i <= MAXC; i++) {
                    free(fmt[i]);
                    fmt[i] = NULL;
                    total_col[i] = 0;
                }
            }
            for (xmlNodePtr k = xmlio_child(row, NULL); k;
                 k = xmlio_next(k, NULL)) {
                char *cs = xmlio_attr(k, "col");
                unsigned long col = cs ? strtoul(cs, NULL, 10) : 0;
                free(cs);
                if (col > MAXC)
                    continue;
                if (head) {
                    total_col[col] = xmlStrEqual(k->name, BAD_CAST "string") &&
                                     is_total_label(k);
                    continue;
                }
                int is_num = xmlStrEqual(k->name, BAD_CAST "number"),
                    is_f = xmlStrEqual(k->name, BAD_CAST "formula");
                if (!is_num && !is_f)
                    continue;
                char place[300], ref[32];
                snprintf(place, sizeof place, "%s!%s (description)",
                         name ? name : "",
                         ref_name(rn ? strtoul(rn, NULL, 10) : 0, col, ref,
                                  sizeof ref));
                if (is_num && (total_row || total_col[col]))
                    mismatch(c, c->xlsx_path, place,
                             "a total that is a constant, not a formula");
                char *f = xmlio_attr(k, "format"), *nf = NULL;
                for (xmlNodePtr d = formats ? xmlio_child(formats, "format")
                                            : NULL;
                     d && f && !nf; d = xmlio_next(d, "format")) {
                    char *dn = xmlio_attr(d, "name");
                    if (dn && strcmp(dn, f) == 0)
                        nf = xmlio_attr(d, "num-format");
                    free(dn);
                }
                if (!nf)
                    nf = bc_strdup("General");
                if (!fmt[col]) {
                    fmt[col] = nf;
                    nf = NULL;
                } else if (strcmp(fmt[col], nf) != 0) {
                    mismatch(c, c->xlsx_path, place,
                             "one column of a table in two number formats "
                             "(%s above, %s here)", fmt[col], nf);
                }
                free(nf);
                free(f);
            }
            free(rn);
        }
        for (int i = 0; i <= MAXC; i++)
            free(fmt[i]);
        free(name);
    }
}

static int check_description(checker *c, const char *templates,
                             const book *b)
{
    char *xsl = bc_path_join(templates, "xslt/bao-cao-xlsx.xsl");
    bc_diag *d = diag_new();
    xmlDocPtr wb = NULL;
    int rc = -1;
    if (!xsl || !d) {
        fprintf(stderr, "figures: out of memory\n");
        goto done;
    }
    /* with the paths of the figures (x), which a run leaves out */
    static const char *const with_paths[] = {"paths", "1", NULL};
    if (render_doc_params(xsl, c->agg, with_paths, d, &wb) != BC_OK) {
        for (size_t i = 0; i < diag_count(d); i++)
            diag_print(diag_get(d, i), stderr);
        fprintf(stderr, "figures: %s: the workbook description cannot be "
                        "made\n", xsl);
        goto done;
    }
    for (xmlNodePtr s = xmlio_child(xmlDocGetRootElement(wb), "sheet"); s;
         s = xmlio_next(s, "sheet")) {
        char *name = xmlio_attr(s, "name");
        const sheet *sh = name ? book_sheet(b, name) : NULL;
        for (xmlNodePtr row = xmlio_child(s, "row"); row;
             row = xmlio_next(row, "row")) {
            char *rn = xmlio_attr(row, "n");
            unsigned long r = rn ? strtoul(rn, NULL, 10) : 0;
            free(rn);
            for (xmlNodePtr k = xmlio_child(row, NULL); k;
                 k = xmlio_next(k, NULL)) {
                if ((xmlStrEqual(k->name, BAD_CAST "number") ||
                     xmlStrEqual(k->name, BAD_CAST "formula")) &&
                    xmlHasProp(k, BAD_CAST "x"))
                    check_desc_cell(c, name ? name : "", sh, r, k);
            }
        }
        free(name);
    }
    check_tables(c, wb);
    rc = 0;

done:
    if (wb)
        xmlFreeDoc(wb);
    diag_free(d);
    free(xsl);
    return rc;
}

/* --- 3. the formulas of the XLSX ------------------------------------------- */

/* Reads an optional sheet prefix at *p ("'Kinh phí'!" or "Sheet1!") and
 * sets *s to that sheet of b, or to own when there is none; advances *p.
 * 0, or -1 when the prefix names no sheet of b. */
static int parse_sheet(const book *b, const sheet *own, const char **p,
                       const sheet **s)
{
    const char *q = *p;
    bc_strbuf sb = BC_STRBUF_INIT;
    *s = own;
    if (*q == '\'') {
        for (q++; *q && !(q[0] == '\'' && q[1] != '\''); q++) {
            if (q[0] == '\'') /* '' is one quote */
                q++;
            sb_addc(&sb, *q);
        }
        if (*q != '\'' || q[1] != '!') {
            sb_release(&sb);
            return -1;
        }
        q += 2;
    } else {
        size_t n = strcspn(q, "!:(),-+/*\"");
        if (q[n] != '!')
            return 0; /* no prefix */
        sb_add(&sb, q, n);
        q += n + 1;
    }
    char *name = sb_detach(&sb);
    *s = name ? book_sheet(b, name) : NULL;
    free(name);
    if (!*s)
        return -1;
    *p = q;
    return 0;
}

/* A cell reference with an optional sheet prefix at *p. */
static int parse_sref(const book *b, const sheet *own, const char **p,
                      const sheet **s, unsigned long *row, unsigned long *col)
{
    if (parse_sheet(b, own, p, s) != 0)
        return -1;
    return parse_ref(p, row, col);
}

/* Evaluates formula f (no '=') over the cells of the book b, references
 * without a sheet being on own.  Returns 0 and sets *v, or -1 with the
 * reason in why. */
static int eval_formula(const book *b, const sheet *own, const char *f,
                        double *v, char *why, size_t n)
{
    const char *p = f;
    unsigned long r1, c1, r2, c2;
    const sheet *s = own, *s2 = own;
    char ref[32];
    int is_sum = strncmp(p, "SUM(", 4) == 0;
    int is_countif = strncmp(p, "COUNTIF(", 8) == 0;
    if (is_sum || is_countif) {
        p += is_sum ? 4 : 8;
        if (parse_sref(b, own, &p, &s, &r1, &c1) != 0 || *p++ != ':' ||
            parse_ref(&p, &r2, &c2) != 0 || r2 < r1 || c2 < c1)
            goto unknown;
        char *crit = NULL;
        if (is_countif) {
            if (strncmp(p, ",\"", 2) != 0)
                goto unknown;
            p += 2;
            bc_strbuf sb = BC_STRBUF_INIT;
            while (*p && !(p[0] == '"' && p[1] != '"')) {
                if (p[0] == '"') /* "" is one quote */
                    p++;
                sb_addc(&sb, *p++);
            }
            crit = sb_detach(&sb);
            if (!crit || *p != '"') {
                free(crit);
                goto unknown;
            }
            p++;
            /* operators and wildcards are other forms */
            if (strpbrk(crit, "*?~") || strchr("<>=", crit[0])) {
                free(crit);
                goto unknown;
            }
        }
        if (strcmp(p, ")") != 0) {
            free(crit);
            goto unknown;
        }
        double acc = 0;
        for (size_t i = 0; i < s->n; i++) {
            const cell *k = &s->cells[i];
            if (k->row < r1 || k->row > r2 || k->col < c1 || k->col > c2)
                continue;
            if (is_sum && k->has_num)
                acc += k->num; /* SUM skips text, as Excel does */
            else if (is_countif && k->text && crit[0] &&
                     strcasecmp(k->text, crit) == 0)
                acc += 1;
        }
        free(crit);
        *v = acc;
        return 0;
    }
    /* A1, A1-B1, A1+B1, A1/B1, MAX(0,A1-B1), each reference possibly on
     * another sheet ('Kinh phí'!J31) */
    int is_max0 = strncmp(p, "MAX(0,", 6) == 0;
    if (is_max0)
        p += 6;
    if (parse_sref(b, own, &p, &s, &r1, &c1) != 0)
        goto unknown;
    const cell *a = find_cell(s, r1, c1), *bc = NULL;
    char op = 0;
    if (!is_max0 && !*p) {
        r2 = r1;
        c2 = c1;
    } else {
        if (*p != '-' && *p != '/' && *p != '+')
            goto unknown;
        op = *p++;
        if (parse_sref(b, own, &p, &s2, &r2, &c2) != 0)
            goto unknown;
        if (is_max0 && (op != '-' || strcmp(p, ")") != 0))
            goto unknown;
        if (!is_max0 && *p)
            goto unknown;
        bc = find_cell(s2, r2, c2);
    }
    if ((a && a->text) || (bc && bc->text)) {
        snprintf(why, n, "refers to a text cell (%s)",
                 ref_name(a && a->text ? r1 : r2, a && a->text ? c1 : c2, ref,
                          sizeof ref));
        return -1;
    }
    double x = a && a->has_num ? a->num : 0, y = bc && bc->has_num ? bc->num : 0;
    if (op == '/' && y == 0) {
        snprintf(why, n, "divides by zero (%s)", ref_name(r2, c2, ref,
                                                          sizeof ref));
        return -1;
    }
    *v = op == '-' ? x - y : op == '+' ? x + y : op == '/' ? x / y : x;
    if (is_max0 && *v < 0)
        *v = 0;
    return 0;

unknown:
    snprintf(why, n, "a formula form the checker does not know (only "
                     "SUM(A1:B2), A1, A1-B1, A1+B1, A1/B1, MAX(0,A1-B1), "
                     "COUNTIF(A1:A9,\"text\"), references optionally on "
                     "another sheet: 'Sheet'!A1): extend tests/e2e/figures.c");
    return -1;
}

static void check_formulas(checker *c, const book *b)
{
    char place[300], ref[32], why[300];
    for (size_t i = 0; i < b->n; i++) {
        const sheet *s = &b->sheets[i];
        for (size_t j = 0; j < s->n; j++) {
            const cell *k = &s->cells[j];
            if (!k->formula && !k->shared_f)
                continue;
            c->formula_n++;
            snprintf(place, sizeof place, "%s!%s", s->name,
                     ref_name(k->row, k->col, ref, sizeof ref));
            double v = 0;
            if (k->shared_f) {
                mismatch(c, c->xlsx_path, place,
                         "a shared formula (no text): a form the checker "
                         "does not know");
            } else if (eval_formula(b, s, k->formula, &v, why, sizeof why) != 0) {
                mismatch(c, c->xlsx_path, place, "=%s: %s", k->formula, why);
            } else if (!k->has_num) {
                mismatch(c, c->xlsx_path, place,
                         "=%s: no cached number; computed %.15g", k->formula,
                         v);
            } else if (fabs(k->num - v) > 1e-6 * (fabs(k->num) > 1
                                                     ? fabs(k->num) : 1)) {
                mismatch(c, c->xlsx_path, place,
                         "=%s: cached %.15g, computed %.15g", k->formula,
                         k->num, v);
            }
        }
    }
}

/* --- main -------------------------------------------------------------------- */

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: figures AGGREGATE.xml REPORT.html "
                        "REPORT.xlsx TEMPLATES_DIR\n");
        return 2;
    }
    int rc = 2;
    checker c = {argv[1], argv[2], argv[3], NULL, NULL, 0, 0, 0, 0};
    book b = {NULL, 0};
    bc_diag *d = diag_new();
    bc_status st = BC_OK;
    xmlio_init();
    if (!d)
        goto done;
    c.agg = xmlio_read_trusted(c.agg_path, d, &st);
    if (!c.agg) {
        for (size_t i = 0; i < diag_count(d); i++)
            diag_print(diag_get(d, i), stderr);
        fprintf(stderr, "figures: %s: cannot read the aggregate\n",
                c.agg_path);
        goto done;
    }
    c.xp = xmlXPathNewContext(c.agg);
    if (!c.xp || check_html(&c) != 0 || read_book(c.xlsx_path, &b) != 0 ||
        check_description(&c, argv[4], &b) != 0)
        goto done;
    check_formulas(&c, &b);

    rc = c.bad ? 1 : 0;
    if (c.html_n < MIN_HTML || c.xlsx_n < MIN_XLSX ||
        c.formula_n < MIN_FORMULAS) {
        printf("figures: too few to prove anything (need at least %d HTML "
               "figures, %d XLSX cells, %d formulas)\n",
               MIN_HTML, MIN_XLSX, MIN_FORMULAS);
        rc = 1;
    }
    printf("figures: %lu HTML figures, %lu XLSX cells, %lu formulas checked\n",
           c.html_n, c.xlsx_n, c.formula_n);

done:
    book_free(&b);
    xmlXPathFreeContext(c.xp);
    if (c.agg)
        xmlFreeDoc(c.agg);
    diag_free(d);
    xsltCleanupGlobals();
    xmlCleanupParser();
    return rc;
}
