/* clients.c - the comparing half of the real-client tests
 * (tests/clients/xlsx-clients.sh, tests/clients/html-pdf.sh).
 *
 *   clients sheets [--differ SHEET!REF] REPORT.xlsx PREFIX
 *       Every sheet of the XLSX, read with baocao's own reader
 *       (src/xlsx_reader.c), against PREFIX<sheet name>.csv as a
 *       spreadsheet program exported it: each cell's value (for a formula
 *       its cached value) must be the CSV field at the same row and
 *       column, and every other field must be empty.  Numbers are
 *       compared as numbers: "1541.277", "-2000", "1E-06" must be the
 *       cell's value to 1e-12 (relative); "166.67%" (LibreOffice writes
 *       percent-formatted cells so even unformatted) must be within half a
 *       unit of its last decimal.  Texts must be equal byte for byte.
 *       With --differ, exactly that one cell must differ (the control
 *       run on a tampered copy, below).
 *       Exit 0 all equal; 1 a mismatch or too few cells (fewer than 50
 *       numbers or 10 formulas prove nothing); 2 unreadable input.
 *
 *   clients tamper [--cross] IN.xlsx OUT.xlsx
 *       Writes a copy of IN whose first formula with a numeric cached
 *       value caches that value plus 1000; prints "SHEET!REF OLD NEW".
 *       A client that recalculates must still show OLD there.  With
 *       --cross, the first such formula that reads another sheet
 *       ('Kinh phí'!J31): the client must follow references across
 *       sheets too.
 *
 *   clients text TEXT PHRASES
 *       Every line of PHRASES (UTF-8; empty lines skipped) occurs in the
 *       text TEXT (pdftotext output), compared after NFC, Unicode case
 *       folding (CSS may print a heading upper-case) and removing white
 *       space and default-ignorable characters (line breaks fall
 *       anywhere).  The text must hold no U+FFFD and no private-use
 *       character (glyphs the PDF cannot map back to text).
 *       Exit 0 all found; 1 a phrase missing, a bad character or no
 *       phrase at all; 2 unreadable input.
 *
 * One line per mismatch on stdout, then a summary line. */
#include <ctype.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include <zip.h>

#include "diag.h"
#include "status.h"
#include "util.h"
#include "xlsx_reader.h"
#include "xmlio.h"

#define MAX_FILE ((size_t)256 << 20)
#define MIN_NUMBERS 50
#define MIN_FORMULAS 10
#define NS_REL \
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

/* --- CSV ------------------------------------------------------------------ */

typedef struct csv_row {
    char **f;      /* fields, unquoted */
    char *seen;    /* seen[i]: an XLSX cell was compared with f[i] */
    size_t n, cap;
} csv_row;

typedef struct csv {
    csv_row *rows;
    size_t n, cap;
} csv;

static void csv_free(csv *t)
{
    for (size_t i = 0; i < t->n; i++) {
        for (size_t j = 0; j < t->rows[i].n; j++)
            free(t->rows[i].f[j]);
        free(t->rows[i].f);
        free(t->rows[i].seen);
    }
    free(t->rows);
    t->rows = NULL;
    t->n = t->cap = 0;
}

static int row_add(csv_row *r, char *s)
{
    if (!s)
        return -1;
    if (r->n == r->cap) {
        size_t ncap = r->cap ? r->cap * 2 : 16;
        char **nf = realloc(r->f, ncap * sizeof *nf);
        if (!nf) {
            free(s);
            return -1;
        }
        r->f = nf;
        r->cap = ncap;
    }
    r->f[r->n++] = s;
    return 0;
}

static csv_row *csv_new_row(csv *t)
{
    if (t->n == t->cap) {
        size_t ncap = t->cap ? t->cap * 2 : 64;
        csv_row *nr = realloc(t->rows, ncap * sizeof *nr);
        if (!nr)
            return NULL;
        t->rows = nr;
        t->cap = ncap;
    }
    csv_row *r = &t->rows[t->n++];
    memset(r, 0, sizeof *r);
    return r;
}

/* Parses RFC 4180 CSV (',' between fields, '"' around fields, '""' for a
 * quote, records ended by LF or CRLF; a quoted field may hold line
 * breaks).  Returns 0, or -1 when out of memory or a quote is unclosed. */
static int csv_parse(const char *s, size_t len, csv *t)
{
    size_t i = 0;
    if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
        i = 3; /* a byte-order mark */
    while (i < len) {
        csv_row *r = csv_new_row(t);
        if (!r)
            return -1;
        for (;;) {
            bc_strbuf sb = BC_STRBUF_INIT;
            if (i < len && s[i] == '"') {
                i++;
                for (;;) {
                    if (i >= len) {
                        sb_release(&sb);
                        return -1;
                    }
                    if (s[i] == '"') {
                        if (i + 1 < len && s[i + 1] == '"') {
                            sb_addc(&sb, '"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    sb_addc(&sb, s[i++]);
                }
            }
            while (i < len && s[i] != ',' && s[i] != '\n' &&
                   !(s[i] == '\r' && i + 1 < len && s[i + 1] == '\n'))
                sb_addc(&sb, s[i++]);
            char *field = sb_detach(&sb);
            if (row_add(r, field ? field : NULL) != 0)
                return -1;
            if (i < len && s[i] == ',') {
                i++;
                continue;
            }
            if (i < len && s[i] == '\r')
                i++;
            if (i < len && s[i] == '\n')
                i++;
            break;
        }
        r->seen = calloc(r->n ? r->n : 1, 1);
        if (!r->seen)
            return -1;
    }
    return 0;
}

/* --- sheets: the XLSX against a client's CSV ---------------------------- */

typedef struct cmp {
    const char *client;  /* the CSV file, for messages */
    const char *sheet;
    const char *differ;  /* "Sheet!REF" expected to differ, or NULL */
    csv *t;
    unsigned long bad, differ_hit;
    unsigned long numbers, formulas, texts;
} cmp;

static void mismatch(cmp *c, const char *place, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void mismatch(cmp *c, const char *place, const char *fmt, ...)
{
    if (c->differ && strcmp(place, c->differ) == 0) {
        c->differ_hit++;
        return;
    }
    va_list ap;
    c->bad++;
    printf("%s: %s: ", c->client, place);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
}

/* Parses a number as a client writes it unformatted: an optional '-',
 * digits, an optional '.' and decimals, an optional exponent, an
 * optional '%'.  Returns 0 and sets *v (the value, /100 for '%') and
 * *tol (the tolerance the shown digits allow); -1 when s is no number. */
static int parse_plain(const char *s, double *v, double *tol)
{
    size_t n = strlen(s);
    int pct = n > 0 && s[n - 1] == '%';
    const char *p = s;
    if (*p == '-' || *p == '+')
        p++;
    if (!isdigit((unsigned char)*p))
        return -1;
    while (isdigit((unsigned char)*p))
        p++;
    int decimals = 0;
    if (*p == '.') {
        p++;
        while (isdigit((unsigned char)*p)) {
            p++;
            decimals++;
        }
    }
    int has_exp = 0;
    if (*p == 'e' || *p == 'E') {
        has_exp = 1;
        p++;
        if (*p == '-' || *p == '+')
            p++;
        if (!isdigit((unsigned char)*p))
            return -1;
        while (isdigit((unsigned char)*p))
            p++;
    }
    if (pct)
        p++;
    if (*p)
        return -1;
    char buf[64];
    if (n >= sizeof buf)
        return -1;
    memcpy(buf, s, n - (size_t)pct);
    buf[n - (size_t)pct] = '\0';
    char *end = NULL;
    double x = strtod(buf, &end); /* the C locale: this program never sets one */
    if (!end || *end || !isfinite(x))
        return -1;
    if (pct) {
        *v = x / 100;
        *tol = has_exp ? 1e-12 * fabs(*v) : 0.5 * pow(10, -decimals) / 100;
    } else {
        *v = x;
        *tol = 1e-12 * (fabs(x) > 1 ? fabs(x) : 1);
    }
    return 0;
}

static int compare_cell(const xlsx_cell *k, void *ctx)
{
    cmp *c = ctx;
    char place[600];
    snprintf(place, sizeof place, "%s!%s", c->sheet, k->ref);
    const char *field = "";
    if (k->row <= c->t->n && k->col <= c->t->rows[k->row - 1].n) {
        csv_row *r = &c->t->rows[k->row - 1];
        field = r->f[k->col - 1];
        r->seen[k->col - 1] = 1;
    }
    const char *what = k->formula ? "the formula's cached value" : "the cell";
    switch (k->type) {
    case XLSX_CELL_NUMBER:
    case XLSX_CELL_DATE: {
        double v = 0, tol = 0;
        if (k->type == XLSX_CELL_DATE) {
            mismatch(c, place, "a date cell (%s): a kind this test does not "
                     "compare; extend tests/clients/clients.c", k->text);
        } else if (parse_plain(field, &v, &tol) != 0) {
            mismatch(c, place, "%s is %s, the CSV holds «%s»", what, k->text,
                     field);
        } else if (fabs(v - k->number) > tol) {
            mismatch(c, place, "%s is %s, the CSV holds «%s»", what, k->text,
                     field);
        } else {
            c->numbers++;
            if (k->formula)
                c->formulas++;
        }
        break;
    }
    case XLSX_CELL_BOOLEAN: {
        int t = k->number != 0;
        if (strcmp(field, t ? "TRUE" : "FALSE") != 0 &&
            strcmp(field, t ? "1" : "0") != 0)
            mismatch(c, place, "%s is %s, the CSV holds «%s»", what,
                     t ? "TRUE" : "FALSE", field);
        break;
    }
    case XLSX_CELL_STRING:
    case XLSX_CELL_ERROR:
        if (strcmp(field, k->text) != 0)
            mismatch(c, place, "%s is «%s», the CSV holds «%s»", what,
                     k->text, field);
        else
            c->texts++;
        break;
    case XLSX_CELL_EMPTY:
        if (field[0])
            mismatch(c, place, "a formula without a cached value; the CSV "
                     "holds «%s»", field);
        break;
    }
    return 0;
}

static int cmd_sheets(int argc, char **argv)
{
    const char *differ = NULL;
    if (argc >= 2 && strcmp(argv[0], "--differ") == 0) {
        differ = argv[1];
        argc -= 2;
        argv += 2;
    }
    if (argc != 2) {
        fprintf(stderr, "usage: clients sheets [--differ SHEET!REF] "
                        "REPORT.xlsx PREFIX\n");
        return 2;
    }
    const char *xlsx = argv[0], *prefix = argv[1];
    bc_diag *d = diag_new();
    xlsx_book *b = NULL;
    int rc = 2;
    cmp c = {NULL, NULL, differ, NULL, 0, 0, 0, 0, 0};
    if (!d || xlsx_open(xlsx, d, &b) != BC_OK) {
        for (size_t i = 0; d && i < diag_count(d); i++)
            diag_print(diag_get(d, i), stderr);
        fprintf(stderr, "clients: %s: cannot read the XLSX\n", xlsx);
        goto done;
    }
    size_t nsheets = xlsx_sheet_count(b);
    for (size_t i = 0; i < nsheets; i++) {
        const char *name = xlsx_sheet_name(b, i);
        char *path = bc_asprintf("%s%s.csv", prefix, name);
        char *buf = NULL;
        size_t len = 0;
        csv t = {NULL, 0, 0};
        if (!path || bc_read_file(path, MAX_FILE, &buf, &len) != BC_OK) {
            fprintf(stderr, "clients: %s: the client wrote no CSV for sheet "
                            "«%s»\n", path ? path : prefix, name);
            free(path);
            goto done;
        }
        if (csv_parse(buf, len, &t) != 0) {
            fprintf(stderr, "clients: %s: not CSV (an unclosed quote)\n",
                    path);
            csv_free(&t);
            free(buf);
            free(path);
            goto done;
        }
        c.client = path;
        c.sheet = name;
        c.t = &t;
        bc_status st = xlsx_sheet_rows(b, i, compare_cell, &c);
        if (st != BC_OK) {
            for (size_t j = 0; j < diag_count(d); j++)
                diag_print(diag_get(d, j), stderr);
            fprintf(stderr, "clients: %s: sheet «%s» cannot be read\n", xlsx,
                    name);
            csv_free(&t);
            free(buf);
            free(path);
            goto done;
        }
        /* what the client shows where the XLSX has nothing */
        for (size_t r = 0; r < t.n; r++)
            for (size_t k = 0; k < t.rows[r].n; k++) {
                if (t.rows[r].seen[k] || !t.rows[r].f[k][0])
                    continue;
                char ref[XLSX_REF_BUF], place[600];
                xlsx_ref_format((uint32_t)r + 1, (uint32_t)k + 1, ref);
                snprintf(place, sizeof place, "%s!%s", name, ref);
                mismatch(&c, place, "the XLSX has no value, the CSV holds «%s»",
                         t.rows[r].f[k]);
            }
        c.client = NULL;
        csv_free(&t);
        free(buf);
        free(path);
    }
    rc = c.bad ? 1 : 0;
    if (differ && c.differ_hit != 1) {
        printf("%s: %s: expected to differ (a client that recalculates), "
               "but it is equal\n", prefix, differ);
        rc = 1;
    }
    if (c.numbers < MIN_NUMBERS || c.formulas < MIN_FORMULAS) {
        printf("%s: too few to prove anything (need at least %d numbers and "
               "%d formulas)\n", prefix, MIN_NUMBERS, MIN_FORMULAS);
        rc = 1;
    }
    printf("sheets: %s*.csv: %zu sheets, %lu numbers (%lu formulas), %lu "
           "texts equal; %lu mismatch%s%s\n",
           prefix, nsheets, c.numbers, c.formulas, c.texts, c.bad,
           c.bad == 1 ? "" : "es",
           differ ? (c.differ_hit == 1 ? "; the tampered cell differs, as "
                                         "expected"
                                       : "")
                  : "");

done:
    xlsx_close(b);
    diag_free(d);
    return rc;
}

/* --- tamper ----------------------------------------------------------------- */

/* The zip entry as a new NUL-terminated buffer, or NULL. */
static char *zip_part(zip_t *z, const char *name, size_t *len)
{
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat(z, name, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE) ||
        st.size > MAX_FILE)
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

static xmlDocPtr zip_doc(zip_t *z, const char *name)
{
    size_t len = 0;
    char *buf = zip_part(z, name, &len);
    xmlDocPtr doc = buf ? xmlReadMemory(buf, (int)len, name, NULL,
                                        XML_PARSE_NONET | XML_PARSE_NOBLANKS)
                        : NULL;
    free(buf);
    return doc;
}

/* Changes the cached value of the first numeric formula cell in the sheet
 * part xml (as libxlsxwriter writes it: <c r="K9" s="5"><f>..</f><v>3000
 * </v></c>), of a formula naming another sheet ('!') when cross.  Returns
 * the new part (and sets ref, *old_v, *new_v), or NULL when the part has
 * no such cell. */
static char *tamper_part(const char *xml, int cross, char *ref, size_t refn,
                         double *old_v, double *new_v)
{
    for (const char *f = strstr(xml, "<f>"); f; f = strstr(f + 3, "<f>")) {
        /* the <c ...> element that holds it */
        const char *c = f;
        while (c > xml && strncmp(c, "<c ", 3) != 0)
            c--;
        const char *gt = strchr(c, '>');
        if (strncmp(c, "<c ", 3) != 0 || !gt || gt > f)
            continue;
        const char *t = strstr(c, " t=\"");
        if (t && t < gt && strncmp(t, " t=\"n\"", 6) != 0)
            continue; /* a text, boolean or error result */
        const char *r = strstr(c, " r=\"");
        if (!r || r > gt)
            continue;
        r += 4;
        const char *rq = strchr(r, '"');
        const char *fend = strstr(f, "</f>");
        if (!rq || !fend || (size_t)(rq - r) >= refn)
            continue;
        const char *bang = strchr(f, '!');
        if (cross && (!bang || bang > fend))
            continue;
        const char *v = fend + 4;
        if (strncmp(v, "<v>", 3) != 0)
            continue;
        v += 3;
        const char *vend = strstr(v, "</v>");
        if (!vend || vend - v > 40)
            continue;
        char num[48];
        memcpy(num, v, (size_t)(vend - v));
        num[vend - v] = '\0';
        char *end = NULL;
        *old_v = strtod(num, &end);
        if (!end || *end || !num[0])
            continue;
        *new_v = *old_v + 1000;
        memcpy(ref, r, (size_t)(rq - r));
        ref[rq - r] = '\0';
        bc_strbuf sb = BC_STRBUF_INIT;
        sb_add(&sb, xml, (size_t)(v - xml));
        sb_addf(&sb, "%.17g", *new_v);
        sb_adds(&sb, vend);
        return sb_detach(&sb);
    }
    return NULL;
}

static int cmd_tamper(int argc, char **argv)
{
    int cross = argc == 3 && strcmp(argv[0], "--cross") == 0;
    if (cross) {
        argc--;
        argv++;
    }
    if (argc != 2) {
        fprintf(stderr, "usage: clients tamper [--cross] IN.xlsx OUT.xlsx\n");
        return 2;
    }
    char *bytes = NULL;
    size_t len = 0;
    if (bc_read_file(argv[0], MAX_FILE, &bytes, &len) != BC_OK ||
        bc_write_atomic(argv[1], bytes, len) != BC_OK) {
        fprintf(stderr, "clients: cannot copy %s to %s\n", argv[0], argv[1]);
        free(bytes);
        return 2;
    }
    free(bytes);
    int err = 0, rc = 2;
    zip_t *z = zip_open(argv[1], 0, &err);
    xmlDocPtr wb = z ? zip_doc(z, "xl/workbook.xml") : NULL;
    xmlDocPtr rels = wb ? zip_doc(z, "xl/_rels/workbook.xml.rels") : NULL;
    if (!rels) {
        fprintf(stderr, "clients: %s: not a readable XLSX\n", argv[1]);
        goto done;
    }
    xmlNodePtr sheets = xmlio_child(xmlDocGetRootElement(wb), "sheets");
    for (xmlNodePtr s = xmlio_child(sheets, "sheet"); s;
         s = xmlio_next(s, "sheet")) {
        char *name = xmlio_attr(s, "name");
        xmlChar *id = xmlGetNsProp(s, BAD_CAST "id", BAD_CAST NS_REL);
        char *part = NULL;
        for (xmlNodePtr r = xmlio_child(xmlDocGetRootElement(rels),
                                        "Relationship");
             r && id && !part; r = xmlio_next(r, "Relationship")) {
            char *rid = xmlio_attr(r, "Id"), *target = xmlio_attr(r, "Target");
            if (rid && target && strcmp(rid, (const char *)id) == 0)
                part = target[0] == '/' ? bc_strdup(target + 1)
                                        : bc_asprintf("xl/%s", target);
            free(rid);
            free(target);
        }
        xmlFree(id);
        size_t plen = 0;
        char *xml = part ? zip_part(z, part, &plen) : NULL;
        char ref[32];
        double old_v = 0, new_v = 0;
        char *changed =
            xml ? tamper_part(xml, cross, ref, sizeof ref, &old_v, &new_v)
                : NULL;
        free(xml);
        if (changed) {
            zip_source_t *src =
                zip_source_buffer(z, changed, strlen(changed), 1);
            zip_int64_t idx = zip_name_locate(z, part, 0);
            if (!src || idx < 0 || zip_file_replace(z, (zip_uint64_t)idx, src,
                                                    ZIP_FL_ENC_UTF_8) != 0) {
                zip_source_free(src);
                fprintf(stderr, "clients: %s: cannot replace %s\n", argv[1],
                        part);
            } else if (zip_close(z) != 0) {
                fprintf(stderr, "clients: %s: cannot write\n", argv[1]);
            } else {
                z = NULL;
                printf("%s!%s %.15g %.15g\n", name, ref, old_v, new_v);
                rc = 0;
            }
            free(part);
            free(name);
            goto done;
        }
        free(part);
        free(name);
    }
    fprintf(stderr, "clients: %s: no formula with a numeric cached value\n",
            argv[0]);

done:
    xmlFreeDoc(rels);
    xmlFreeDoc(wb);
    if (z)
        zip_discard(z);
    return rc;
}

/* --- text ------------------------------------------------------------------- */

/* s in NFC, case-folded, without white space and default-ignorable
 * characters; a new string, or NULL when s is not UTF-8 or out of
 * memory.  Counts U+FFFD and private-use characters in *bad. */
static char *fold(const char *s, unsigned long *bad)
{
    utf8proc_uint8_t *m = NULL;
    utf8proc_ssize_t n = utf8proc_map(
        (const utf8proc_uint8_t *)s, 0, &m,
        (utf8proc_option_t)(UTF8PROC_NULLTERM | UTF8PROC_STABLE |
                            UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD |
                            UTF8PROC_IGNORE));
    if (n < 0)
        return NULL;
    char *out = malloc((size_t)n + 1);
    size_t k = 0;
    for (utf8proc_ssize_t i = 0; out && i < n;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t len = utf8proc_iterate(m + i, n - i, &cp);
        if (len <= 0)
            break;
        utf8proc_category_t cat = utf8proc_category(cp);
        if (bad && (cp == 0xFFFD || cat == UTF8PROC_CATEGORY_CO))
            (*bad)++;
        if (!(cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL ||
              cat == UTF8PROC_CATEGORY_ZP || cp == '\t' || cp == '\n' ||
              cp == '\r' || cp == '\f' || cp == '\v')) {
            memcpy(out + k, m + i, (size_t)len);
            k += (size_t)len;
        }
        i += len;
    }
    if (out)
        out[k] = '\0';
    free(m);
    return out;
}

static int cmd_text(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: clients text TEXT PHRASES\n");
        return 2;
    }
    char *text = NULL, *list = NULL;
    size_t tlen = 0, llen = 0;
    if (bc_read_file(argv[0], MAX_FILE, &text, &tlen) != BC_OK ||
        bc_read_file(argv[1], MAX_FILE, &list, &llen) != BC_OK) {
        fprintf(stderr, "clients: cannot read %s or %s\n", argv[0], argv[1]);
        free(text);
        return 2;
    }
    unsigned long bad = 0, found = 0, missing = 0;
    char *hay = fold(text, &bad);
    int rc = 2;
    if (!hay) {
        fprintf(stderr, "clients: %s: not UTF-8\n", argv[0]);
        goto done;
    }
    for (char *line = list, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        char *needle = fold(line, NULL);
        if (!needle) {
            fprintf(stderr, "clients: %s: not UTF-8\n", argv[1]);
            free(hay);
            goto done;
        }
        if (!needle[0]) {
            /* an empty or blank line */
        } else if (strstr(hay, needle)) {
            found++;
        } else {
            missing++;
            printf("%s: missing «%s»\n", argv[0], line);
        }
        free(needle);
    }
    free(hay);
    if (bad)
        printf("%s: %lu characters the PDF cannot map back to text (U+FFFD "
               "or private use)\n", argv[0], bad);
    rc = missing || bad || !found ? 1 : 0;
    printf("text: %s: %lu of %lu phrases found\n", argv[0], found,
           found + missing);

done:
    free(text);
    free(list);
    return rc;
}

int main(int argc, char **argv)
{
    int rc = 2;
    xmlio_init();
    if (argc >= 2 && strcmp(argv[1], "sheets") == 0)
        rc = cmd_sheets(argc - 2, argv + 2);
    else if (argc >= 2 && strcmp(argv[1], "tamper") == 0)
        rc = cmd_tamper(argc - 2, argv + 2);
    else if (argc >= 2 && strcmp(argv[1], "text") == 0)
        rc = cmd_text(argc - 2, argv + 2);
    else
        fprintf(stderr, "usage: clients sheets|tamper|text ... (see "
                        "tests/clients/clients.c)\n");
    xmlCleanupParser();
    return rc;
}
