/* xlsx_writer.c - carries out a workbook description with libxlsxwriter. */
#include "xlsx_writer.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "util.h"
#include "xmlio.h"

#define MAX_ROWS 1048576UL
#define MAX_COLS 16384UL
#define MAX_CELL_CHARS 32767
#define MAX_SHEET_CHARS 31

/* A named format of the description. */
typedef struct named_format {
    char *name;
    lxw_format *fmt;
} named_format;

/* State of one write. */
typedef struct writer {
    lxw_workbook *wb;
    named_format *formats;
    size_t n_formats;
    char **names; /* every sheet name of the description, for chart ranges */
    size_t n_names;
    bc_diag *d;
    const char *out_path;
    const char *sheet; /* name of the sheet being written, for findings */
    const xlsx_row_source *rows; /* for <rows-from>, or NULL */
    xmlSchemaPtr schema;         /* to check each chunk, or NULL */
    xmlNodePtr root;             /* the description, for charts' points */
} writer;

/* Reports a problem at an element of the description (sheet, row, column
 * when known).  Cannot fail. */
static void wfail(writer *w, unsigned long row, unsigned long col,
                  const char *found, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static void wfail(writer *w, unsigned long row, unsigned long col,
                  const char *found, const char *fmt, ...)
{
    char *place = NULL;
    if (w->sheet && row && col)
        place = bc_asprintf("%s!R%luC%lu", w->sheet, row, col);
    else if (w->sheet && row)
        place = bc_asprintf("%s!R%lu", w->sheet, row);
    else if (w->sheet)
        place = bc_strdup(w->sheet);
    bc_loc at = {w->out_path, 0, place};
    va_list ap;
    va_start(ap, fmt);
    diag_vadd(w->d, BC_SEV_ERROR, "XLSX", &at, found, NULL, fmt, ap);
    va_end(ap);
    free(place);
}

int xlsx_parse_number(const char *s, double *out)
{
    if (!s)
        return -1;
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    int neg = 0;
    if (*s == '-' || *s == '+')
        neg = *s++ == '-';
    uint64_t mant = 0;
    int digits = 0, exp10 = 0, any = 0;
    for (; *s >= '0' && *s <= '9'; s++, any = 1) {
        if (mant < (UINT64_C(1) << 53) / 10 && digits < 17) {
            mant = mant * 10 + (uint64_t)(*s - '0');
            if (mant)
                digits++;
        } else {
            exp10++; /* digits beyond what a double holds */
        }
    }
    if (*s == '.') {
        s++;
        for (; *s >= '0' && *s <= '9'; s++, any = 1) {
            if (mant < (UINT64_C(1) << 53) / 10 && digits < 17) {
                mant = mant * 10 + (uint64_t)(*s - '0');
                if (mant)
                    digits++;
                exp10--;
            }
        }
    }
    if (!any)
        return -1;
    if (*s == 'e' || *s == 'E') {
        s++;
        int eneg = 0;
        if (*s == '-' || *s == '+')
            eneg = *s++ == '-';
        if (*s < '0' || *s > '9')
            return -1;
        long e = 0;
        for (; *s >= '0' && *s <= '9'; s++)
            if (e < 100000)
                e = e * 10 + (*s - '0');
        exp10 += (int)(eneg ? -e : e);
    }
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    if (*s)
        return -1;
    double v = (double)mant;
    /* one correctly rounded operation when the power of ten is exact */
    static const double p10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,
                                 1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                 1e12, 1e13, 1e14, 1e15, 1e16, 1e17,
                                 1e18, 1e19, 1e20, 1e21, 1e22};
    if (exp10 >= 0 && exp10 <= 22)
        v *= p10[exp10];
    else if (exp10 < 0 && exp10 >= -22)
        v /= p10[-exp10];
    else
        v *= pow(10.0, exp10);
    if (!isfinite(v))
        return -1;
    *out = neg ? -v : v;
    return 0;
}

/* Parses a 1-based row or column number no greater than max.  Returns the
 * number, or 0 when absent or invalid. */
static unsigned long parse_index(const char *s, unsigned long max)
{
    if (!s || *s < '0' || *s > '9')
        return 0;
    unsigned long v = 0;
    for (; *s >= '0' && *s <= '9'; s++) {
        v = v * 10 + (unsigned long)(*s - '0');
        if (v > max)
            return 0;
    }
    return *s ? 0 : v;
}

/* 1 for "true" or "1". */
static int is_true(const char *s)
{
    return s && (strcmp(s, "true") == 0 || strcmp(s, "1") == 0);
}

/* The number of characters (code points) of a UTF-8 string. */
static size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            n++;
    return n;
}

/* Checks a sheet name against Excel's rules; 0 if fine, -1 (with a
 * finding) if not. */
static int check_sheet_name(writer *w, const char *name)
{
    if (!name || !*name) {
        wfail(w, 0, 0, NULL, "trang tính không có tên");
        return -1;
    }
    if (utf8_chars(name) > MAX_SHEET_CHARS) {
        wfail(w, 0, 0, name, "tên trang tính dài quá %d ký tự",
              MAX_SHEET_CHARS);
        return -1;
    }
    if (strpbrk(name, "[]:*?/\\")) {
        wfail(w, 0, 0, name,
              "tên trang tính có ký tự không được phép ([]:*?/\\)");
        return -1;
    }
    lxw_error err = workbook_validate_sheet_name(w->wb, name);
    if (err != LXW_NO_ERROR) {
        wfail(w, 0, 0, name, "tên trang tính không dùng được (%s)",
              lxw_strerror(err));
        return -1;
    }
    return 0;
}

/* The format named by the "format" attribute of n: NULL when there is
 * none; *bad set (with a finding) when it names an unknown format. */
/* The format named name (NULL: none); NULL and *bad set, with a finding,
 * when no format of the description has that name. */
static lxw_format *format_named(writer *w, const char *name, unsigned long row,
                                unsigned long col, int *bad)
{
    if (!name)
        return NULL;
    for (size_t i = 0; i < w->n_formats; i++)
        if (strcmp(w->formats[i].name, name) == 0)
            return w->formats[i].fmt;
    wfail(w, row, col, name, "định dạng ô chưa khai báo");
    *bad = 1;
    return NULL;
}

static lxw_format *format_of(writer *w, xmlNodePtr n, unsigned long row,
                             unsigned long col, int *bad)
{
    char *name = xmlio_attr(n, "format");
    lxw_format *f = format_named(w, name, row, col, bad);
    free(name);
    return f;
}

/* A parsed colour as libxlsxwriter wants it: its 0 means "unset", so
 * black is LXW_COLOR_BLACK. */
static lxw_color_t lxw_color(long c)
{
    return c == 0 ? (lxw_color_t)LXW_COLOR_BLACK : (lxw_color_t)c;
}

/* "#RRGGBB" -> 0xRRGGBB; -1 when malformed. */
static long parse_color(const char *s)
{
    if (!s || s[0] != '#' || strlen(s) != 7)
        return -1;
    long v = 0;
    for (int i = 1; i < 7; i++) {
        char c = s[i];
        int h = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
        if (h < 0)
            return -1;
        v = v * 16 + h;
    }
    return v;
}

/* The on/off attributes of a <format> and what each sets. */
static const struct {
    const char *attr;
    void (*set)(lxw_format *);
} FLAGS[] = {
    {"bold", format_set_bold},
    {"italic", format_set_italic},
    {"wrap", format_set_text_wrap},
};

/* The words of an attribute and the libxlsxwriter value each names. */
typedef struct word_value {
    const char *word;
    uint8_t value;
} word_value;

static const word_value BORDERS[] = {
    {"thin", LXW_BORDER_THIN}, {"medium", LXW_BORDER_MEDIUM}, {NULL, 0}};
static const word_value ALIGNS[] = {{"left", LXW_ALIGN_LEFT},
                                    {"center", LXW_ALIGN_CENTER},
                                    {"right", LXW_ALIGN_RIGHT},
                                    {NULL, 0}};
static const word_value VALIGNS[] = {{"top", LXW_ALIGN_VERTICAL_TOP},
                                     {"center", LXW_ALIGN_VERTICAL_CENTER},
                                     {"bottom", LXW_ALIGN_VERTICAL_BOTTOM},
                                     {NULL, 0}};

/* The value that attribute name of f names in words, or -1 when it is
 * absent or no word of words (an unknown word is ignored). */
static int attr_word(xmlNodePtr f, const char *name, const word_value *words)
{
    char *v = xmlio_attr(f, name);
    int r = -1;
    for (const word_value *x = words; v && x->word && r < 0; x++)
        if (strcmp(v, x->word) == 0)
            r = x->value;
    free(v);
    return r;
}

/* The colour #RRGGBB of attribute name of f; -1 when absent, -2 (with a
 * finding naming it `what`) when not of that form. */
static long attr_color(writer *w, xmlNodePtr f, const char *name,
                       const char *what)
{
    char *v = xmlio_attr(f, name);
    long c = v ? parse_color(v) : -1;
    if (v && c < 0) {
        wfail(w, 0, 0, v, "%s không đúng dạng #RRGGBB", what);
        c = -2;
    }
    free(v);
    return c;
}

/* Creates the named formats of <formats>.  BC_OK or an error with a
 * finding. */
static bc_status add_formats(writer *w, xmlNodePtr formats)
{
    bc_status st = BC_OK;
    size_t n = xmlio_count(formats, "format");
    if (n == 0)
        return BC_OK;
    w->formats = calloc(n, sizeof *w->formats);
    if (!w->formats)
        return BC_ERR_NOMEM;
    for (xmlNodePtr f = xmlio_child(formats, "format"); f;
         f = xmlio_next(f, "format")) {
        char *name = xmlio_attr(f, "name");
        char *v = NULL;
        lxw_format *fmt = NULL;
        if (!name) {
            wfail(w, 0, 0, NULL, "định dạng không có tên");
            st = BC_ERR_INVALID;
            goto next;
        }
        fmt = workbook_add_format(w->wb);
        if (!fmt) {
            st = BC_ERR_NOMEM;
            goto next;
        }
        w->formats[w->n_formats].name = name;
        w->formats[w->n_formats].fmt = fmt;
        w->n_formats++;
        name = NULL;
        for (size_t k = 0; k < BC_ARRAY_LEN(FLAGS); k++) {
            if (is_true(v = xmlio_attr(f, FLAGS[k].attr)))
                FLAGS[k].set(fmt);
            free(v);
        }
        if ((v = xmlio_attr(f, "num-format")) != NULL)
            format_set_num_format(fmt, v);
        free(v);
        int k;
        if ((k = attr_word(f, "border", BORDERS)) >= 0)
            format_set_border(fmt, (uint8_t)k);
        long c;
        if ((c = attr_color(w, f, "fill", "màu nền")) >= 0) {
            format_set_pattern(fmt, LXW_PATTERN_SOLID);
            format_set_bg_color(fmt, lxw_color(c));
        } else if (c == -2) {
            st = BC_ERR_INVALID;
        }
        if ((c = attr_color(w, f, "color", "màu chữ")) >= 0)
            format_set_font_color(fmt, lxw_color(c));
        else if (c == -2)
            st = BC_ERR_INVALID;
        if ((k = attr_word(f, "align", ALIGNS)) >= 0)
            format_set_align(fmt, (uint8_t)k);
        if ((k = attr_word(f, "valign", VALIGNS)) >= 0)
            format_set_align(fmt, (uint8_t)k);
        if ((v = xmlio_attr(f, "font-name")) != NULL)
            format_set_font_name(fmt, v);
        free(v);
        if ((v = xmlio_attr(f, "font-size")) != NULL) {
            double size;
            if (xlsx_parse_number(v, &size) == 0 && size >= 1 && size <= 409)
                format_set_font_size(fmt, size);
        }
        free(v);
        v = NULL;
    next:
        free(name);
        if (st == BC_ERR_NOMEM)
            break;
    }
    return st;
}

/* Reads the range attributes first-row .. last-col (1-based) of n into
 * 0-based values.  0 on success, -1 with a finding. */
static int read_range(writer *w, xmlNodePtr n, lxw_row_t *r1, lxw_col_t *c1,
                      lxw_row_t *r2, lxw_col_t *c2)
{
    char *a = xmlio_attr(n, "first-row"), *b = xmlio_attr(n, "first-col"),
         *c = xmlio_attr(n, "last-row"), *e = xmlio_attr(n, "last-col");
    unsigned long fr = parse_index(a, MAX_ROWS), fc = parse_index(b, MAX_COLS),
                  lr = parse_index(c, MAX_ROWS), lc = parse_index(e, MAX_COLS);
    free(a);
    free(b);
    free(c);
    free(e);
    if (!fr || !fc || !lr || !lc || lr < fr || lc < fc) {
        wfail(w, fr, fc, NULL, "vùng ô không hợp lệ");
        return -1;
    }
    *r1 = (lxw_row_t)(fr - 1);
    *c1 = (lxw_col_t)(fc - 1);
    *r2 = (lxw_row_t)(lr - 1);
    *c2 = (lxw_col_t)(lc - 1);
    return 0;
}

/* The text content of n, cut to Excel's cell limit (with a warning).
 * Caller frees; NULL when out of memory. */
/* A copy of text (caller frees) cut to what a cell holds, with a warning
 * when cut; NULL when out of memory. */
static char *cell_cut(writer *w, const char *text, unsigned long row,
                      unsigned long col)
{
    char *s = bc_strdup(text);
    if (s && utf8_chars(s) > MAX_CELL_CHARS) {
        size_t chars = 0, i = 0;
        for (; s[i]; i++)
            if (((unsigned char)s[i] & 0xC0) != 0x80 &&
                ++chars > MAX_CELL_CHARS)
                break;
        s[i] = '\0';
        char *place = bc_asprintf("%s!R%luC%lu", w->sheet, row, col);
        bc_loc at = {w->out_path, 0, place};
        diag_add(w->d, BC_SEV_WARNING, "XLSX", &at, NULL, NULL,
                 "nội dung ô dài quá %d ký tự, đã cắt bớt", MAX_CELL_CHARS);
        free(place);
    }
    return s;
}

static char *cell_text(writer *w, xmlNodePtr n, unsigned long row,
                       unsigned long col)
{
    xmlChar *c = xmlNodeGetContent(n);
    char *s = cell_cut(w, c ? (const char *)c : "", row, col);
    if (c)
        xmlFree(c);
    return s;
}

/* Writes one <row>.  BC_OK or an error with a finding. */
static bc_status write_row(writer *w, lxw_worksheet *ws, xmlNodePtr row)
{
    bc_status st = BC_OK;
    char *v = xmlio_attr(row, "n");
    unsigned long rn = parse_index(v, MAX_ROWS);
    free(v);
    if (!rn) {
        wfail(w, 0, 0, NULL, "hàng không có số thứ tự hợp lệ (1-%lu)",
              MAX_ROWS);
        return BC_ERR_INVALID;
    }
    lxw_row_t r = (lxw_row_t)(rn - 1);
    if ((v = xmlio_attr(row, "height")) != NULL) {
        double h;
        lxw_error err = LXW_NO_ERROR;
        if (xlsx_parse_number(v, &h) != 0 || h < 0 || h > 409) {
            wfail(w, rn, 0, v, "chiều cao hàng không hợp lệ");
            st = BC_ERR_INVALID;
        } else {
            err = worksheet_set_row(ws, r, h, NULL);
        }
        if (err != LXW_NO_ERROR) {
            wfail(w, rn, 0, NULL, "không đặt được chiều cao hàng (%s)",
                  lxw_strerror(err));
            st = BC_ERR_INTERNAL;
        }
        free(v);
        if (st != BC_OK)
            return st;
    }
    for (xmlNodePtr c = xmlio_child(row, NULL); c; c = xmlio_next(c, NULL)) {
        const char *kind = (const char *)c->name;
        char *cv = xmlio_attr(c, "col");
        unsigned long cn = parse_index(cv, MAX_COLS);
        free(cv);
        if (!cn) {
            wfail(w, rn, 0, kind, "ô không có số cột hợp lệ (1-%lu)",
                  MAX_COLS);
            return BC_ERR_INVALID;
        }
        lxw_col_t col = (lxw_col_t)(cn - 1);
        int bad = 0;
        lxw_format *fmt = format_of(w, c, rn, cn, &bad);
        if (bad)
            return BC_ERR_INVALID;
        lxw_error err = LXW_NO_ERROR;
        if (strcmp(kind, "string") == 0) {
            char *text = cell_text(w, c, rn, cn);
            if (!text)
                return BC_ERR_NOMEM;
            err = worksheet_write_string(ws, r, col, text, fmt);
            free(text);
        } else if (strcmp(kind, "number") == 0 ||
                   strcmp(kind, "formula") == 0) {
            /* only value (and expr) are read: the optional x, the
             * aggregate figure the cell shows, is for tests and is
             * deliberately not written */
            double num = 0;
            char *nv = xmlio_attr(c, "value");
            int ok = xlsx_parse_number(nv, &num) == 0;
            if (!ok)
                wfail(w, rn, cn, nv, "giá trị số không hợp lệ");
            free(nv);
            if (!ok)
                return BC_ERR_INVALID;
            if (kind[0] == 'n') {
                err = worksheet_write_number(ws, r, col, num, fmt);
            } else {
                char *expr = xmlio_attr(c, "expr");
                if (!expr || expr[0] != '=' || !expr[1]) {
                    wfail(w, rn, cn, expr, "công thức phải bắt đầu bằng '='");
                    free(expr);
                    return BC_ERR_INVALID;
                }
                err = worksheet_write_formula_num(ws, r, col, expr, fmt, num);
                free(expr);
            }
        } else if (strcmp(kind, "blank") == 0) {
            err = worksheet_write_blank(ws, r, col, fmt);
        } else {
            wfail(w, rn, cn, kind, "loại ô không biết");
            return BC_ERR_INVALID;
        }
        if (err != LXW_NO_ERROR) {
            wfail(w, rn, cn, NULL, "không ghi được ô (%s)", lxw_strerror(err));
            return BC_ERR_INVALID;
        }
    }
    return BC_OK;
}

/* Writes one <merge>.  BC_OK or an error with a finding. */
static bc_status write_merge(writer *w, lxw_worksheet *ws, xmlNodePtr m)
{
    lxw_row_t r1, r2;
    lxw_col_t c1, c2;
    int bad = 0;
    if (read_range(w, m, &r1, &c1, &r2, &c2) != 0)
        return BC_ERR_INVALID;
    lxw_format *fmt = format_of(w, m, r1 + 1UL, c1 + 1UL, &bad);
    if (bad)
        return BC_ERR_INVALID;
    char *text = cell_text(w, m, r1 + 1UL, c1 + 1UL);
    if (!text)
        return BC_ERR_NOMEM;
    lxw_error err;
    if (r1 == r2 && c1 == c2) /* Excel cannot merge a single cell */
        err = worksheet_write_string(ws, r1, c1, text, fmt);
    else
        err = worksheet_merge_range(ws, r1, c1, r2, c2, text, fmt);
    free(text);
    if (err != LXW_NO_ERROR) {
        wfail(w, r1 + 1UL, c1 + 1UL, NULL, "không gộp được vùng ô (%s)",
              lxw_strerror(err));
        return BC_ERR_INVALID;
    }
    return BC_OK;
}

/* Reports a problem at a place named in full ("Kinh phí!B40" for a chart
 * anchored there), with what was expected.  Cannot fail. */
static void wfail_at(writer *w, const char *place, const char *found,
                     const char *expected, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static void wfail_at(writer *w, const char *place, const char *found,
                     const char *expected, const char *fmt, ...)
{
    bc_loc at = {w->out_path, 0, place};
    va_list ap;
    va_start(ap, fmt);
    diag_vadd(w->d, BC_SEV_ERROR, "XLSX", &at, found, expected, fmt, ap);
    va_end(ap);
}

/* Checks a header or footer text (Excel's codes: &L &C &R, &P, &N, &A,
 * && ...) before libxlsxwriter sees it: at most 255 characters, and no
 * picture code.  "&G" and "&[Picture]" would need an image file, and
 * libxlsxwriter 1.1.4 counts every "&G", even the literal "&&G", then
 * frees the text twice when the workbook is discarded: so neither may
 * appear at all.  0 if fine, -1 with a finding. */
static int check_header_footer(writer *w, const char *what, const char *s)
{
    if (utf8_chars(s) > 255) {
        wfail(w, 0, 0, s, "%s dài quá 255 ký tự", what);
        return -1;
    }
    if (strstr(s, "&G") || strstr(s, "&[Picture]")) {
        wfail(w, 0, 0, s, "%s không được chèn ảnh (&G, &[Picture])", what);
        return -1;
    }
    return 0;
}

/* A margin attribute in millimetres, as inches; -1 (Excel's default) when
 * absent.  *bad set (with a finding) when invalid. */
static double margin_of(writer *w, xmlNodePtr n, const char *name, int *bad)
{
    char *v = xmlio_attr(n, name);
    double mm = -1;
    if (!v)
        return -1;
    if (xlsx_parse_number(v, &mm) != 0 || mm < 0 || mm > 200) {
        wfail(w, 0, 0, v, "lề trang (%s, mm) không hợp lệ", name);
        *bad = 1;
        mm = -1;
    }
    free(v);
    return mm < 0 ? -1 : mm / 25.4;
}

/* Carries out one <print>.  BC_OK or an error with a finding. */
static bc_status write_print(writer *w, lxw_worksheet *ws, xmlNodePtr n)
{
    bc_status st = BC_OK;
    lxw_error err = LXW_NO_ERROR;
    int bad = 0;
    char *v = NULL, *header = NULL, *footer = NULL;
    char *a = xmlio_attr(n, "repeat-first"), *b = xmlio_attr(n, "repeat-last");

    if (is_true(v = xmlio_attr(n, "landscape")))
        worksheet_set_landscape(ws);
    free(v);
    char *fh = xmlio_attr(n, "fit-height");
    v = xmlio_attr(n, "fit-width");
    if (is_true(v) || is_true(fh)) /* 0: as many pages as needed */
        worksheet_fit_to_pages(ws, is_true(v) ? 1 : 0, is_true(fh) ? 1 : 0);
    free(v);
    free(fh);
    if (is_true(v = xmlio_attr(n, "center")))
        worksheet_center_horizontally(ws);
    free(v);
    if (a || b) {
        unsigned long first = parse_index(a, MAX_ROWS),
                      last = b ? parse_index(b, MAX_ROWS) : first;
        if (!first || !last || last < first) {
            wfail(w, first, 0, b ? b : a,
                  "hàng lặp lại khi in không hợp lệ (repeat-first..repeat-last)");
            st = BC_ERR_INVALID;
            goto done;
        }
        err = worksheet_repeat_rows(ws, (lxw_row_t)(first - 1),
                                    (lxw_row_t)(last - 1));
        if (err != LXW_NO_ERROR)
            goto done;
    }
    double left = margin_of(w, n, "margin-left", &bad),
           right = margin_of(w, n, "margin-right", &bad),
           top = margin_of(w, n, "margin-top", &bad),
           bottom = margin_of(w, n, "margin-bottom", &bad);
    lxw_header_footer_options hopt = {0, NULL, NULL, NULL},
                              fopt = {0, NULL, NULL, NULL};
    double hm = margin_of(w, n, "margin-header", &bad),
           fm = margin_of(w, n, "margin-footer", &bad);
    if (bad) {
        st = BC_ERR_INVALID;
        goto done;
    }
    if (left >= 0 || right >= 0 || top >= 0 || bottom >= 0)
        worksheet_set_margins(ws, left, right, top, bottom);
    hopt.margin = hm > 0 ? hm : 0; /* 0: Excel's default, 0.3 inch */
    fopt.margin = fm > 0 ? fm : 0;
    header = xmlio_attr(n, "header");
    footer = xmlio_attr(n, "footer");
    if ((header && check_header_footer(w, "đầu trang", header) != 0) ||
        (footer && check_header_footer(w, "chân trang", footer) != 0)) {
        st = BC_ERR_INVALID;
        goto done;
    }
    if (header && (err = worksheet_set_header_opt(ws, header, &hopt)) !=
                      LXW_NO_ERROR)
        goto done;
    if (footer)
        err = worksheet_set_footer_opt(ws, footer, &fopt);

done:
    if (st == BC_OK && err != LXW_NO_ERROR) {
        wfail(w, 0, 0, "print", "không đặt được trang in (%s)",
              lxw_strerror(err));
        st = err == LXW_ERROR_MEMORY_MALLOC_FAILED ? BC_ERR_NOMEM
                                                   : BC_ERR_INVALID;
    }
    free(a);
    free(b);
    free(header);
    free(footer);
    return st;
}

/* --- charts ---------------------------------------------------------------- */

/* A range of cells of the workbook, 0-based, on a named sheet. */
typedef struct cell_range {
    char *sheet; /* owned */
    lxw_row_t r1, r2;
    lxw_col_t c1, c2;
} cell_range;

/* Reads "[$]COL[$]ROW" at *p (1-based numbers into *row, *col), advancing
 * *p.  0 on success, -1 when malformed or beyond Excel's grid. */
static int parse_a1_cell(const char **p, unsigned long *row,
                         unsigned long *col)
{
    const char *s = *p;
    unsigned long c = 0, r = 0;
    int letters = 0, digits = 0;
    if (*s == '$')
        s++;
    for (; *s >= 'A' && *s <= 'Z' && letters < 4; s++, letters++)
        c = c * 26 + (unsigned long)(*s - 'A' + 1);
    if (*s == '$')
        s++;
    for (; *s >= '0' && *s <= '9' && digits < 8; s++, digits++)
        r = r * 10 + (unsigned long)(*s - '0');
    if (letters < 1 || letters > 3 || digits < 1 || digits > 7 || r < 1 ||
        r > MAX_ROWS || c < 1 || c > MAX_COLS)
        return -1;
    *row = r;
    *col = c;
    *p = s;
    return 0;
}

/* Parses an A1 range "[Sheet!]A1[:B9]" (a sheet name with spaces or
 * punctuation in single quotes, a quote in it doubled); no sheet means
 * own_sheet.  0 and *out filled (caller frees out->sheet), or -1 when
 * malformed; -2 when out of memory. */
static int parse_a1_range(const char *s, const char *own_sheet,
                          cell_range *out)
{
    const char *p = s;
    char *sheet = NULL;
    unsigned long r1, c1, r2, c2;
    if (!s || !*s)
        return -1;
    if (*p == '\'') {
        bc_strbuf sb = BC_STRBUF_INIT;
        for (p++;; p++) {
            if (!*p) {
                free(sb_detach(&sb));
                return -1;
            }
            if (*p == '\'') {
                if (p[1] != '\'')
                    break;
                p++;
            }
            sb_add(&sb, p, 1);
        }
        p++;
        if (sb.len == 0) { /* '' names no sheet */
            sb_release(&sb);
            return -1;
        }
        sheet = sb_detach(&sb);
        if (!sheet)
            return -2;
        if (*p != '!') {
            free(sheet);
            return -1;
        }
        p++;
    } else if (strchr(s, '!')) {
        const char *bang = strchr(s, '!');
        sheet = bc_strndup(s, (size_t)(bang - s));
        if (!sheet)
            return -2;
        if (!*sheet || strpbrk(sheet, "' :")) {
            free(sheet);
            return -1;
        }
        p = bang + 1;
    } else {
        sheet = bc_strdup(own_sheet ? own_sheet : "");
        if (!sheet)
            return -2;
    }
    if (parse_a1_cell(&p, &r1, &c1) != 0)
        goto bad;
    r2 = r1;
    c2 = c1;
    if (*p == ':') {
        p++;
        if (parse_a1_cell(&p, &r2, &c2) != 0)
            goto bad;
    }
    if (*p || r2 < r1 || c2 < c1)
        goto bad;
    out->sheet = sheet;
    out->r1 = (lxw_row_t)(r1 - 1);
    out->c1 = (lxw_col_t)(c1 - 1);
    out->r2 = (lxw_row_t)(r2 - 1);
    out->c2 = (lxw_col_t)(c2 - 1);
    return 0;

bad:
    free(sheet);
    return -1;
}

/* The range in attribute attr of n, checked: well formed, on a sheet of
 * the description, one row or one column.  0 and *out filled (caller
 * frees out->sheet); -1 with a finding at place; -2 out of memory. */
static int chart_range(writer *w, xmlNodePtr n, const char *attr,
                       const char *place, cell_range *out)
{
    char *v = xmlio_attr(n, attr);
    int r = -1;
    out->sheet = NULL;
    if (!v) {
        wfail_at(w, place, NULL, "vùng ô dạng 'Trang'!A1:A9",
                 "chuỗi số liệu của biểu đồ thiếu thuộc tính %s", attr);
        return -1;
    }
    r = parse_a1_range(v, w->sheet, out);
    if (r == -2)
        goto done;
    if (r != 0) {
        wfail_at(w, place, v, "vùng ô dạng 'Trang'!A1:A9",
                 "vùng ô của biểu đồ (%s) không đúng dạng", attr);
        goto done;
    }
    size_t i = 0;
    while (i < w->n_names && strcmp(w->names[i], out->sheet) != 0)
        i++;
    if (i == w->n_names) {
        wfail_at(w, place, v, "tên một trang tính của sổ",
                 "vùng ô của biểu đồ (%s) trỏ tới trang tính không có", attr);
        r = -1;
    } else if (out->r1 != out->r2 && out->c1 != out->c2) {
        wfail_at(w, place, v, "một hàng hoặc một cột",
                 "vùng ô của biểu đồ (%s) phải là một hàng hoặc một cột",
                 attr);
        r = -1;
    }
    if (r != 0) {
        free(out->sheet);
        out->sheet = NULL;
    }

done:
    free(v);
    return r;
}

/* The number of cells of a checked range. */
static unsigned long range_cells(const cell_range *r)
{
    return ((unsigned long)r->r2 - r->r1 + 1) *
           ((unsigned long)r->c2 - r->c1 + 1);
}

/* An optional chart text attribute, checked never to start with '='
 * (libxlsxwriter would read it as a reference).  Returns it (caller
 * frees) or NULL when absent; *bad set with a finding when refused. */
static char *chart_text(writer *w, xmlNodePtr n, const char *attr,
                        const char *place, int *bad)
{
    char *v = xmlio_attr(n, attr);
    if (v && (v[0] == '=' || !v[0] || utf8_chars(v) > 255)) {
        wfail_at(w, place, v, "chữ (1-255 ký tự) không bắt đầu bằng '='",
                 "chữ của biểu đồ (%s) không dùng được", attr);
        *bad = 1;
    }
    return v;
}

/* A name of the description and the libxlsxwriter value it stands for. */
typedef struct named_value {
    const char *name;
    int value;
} named_value;

/* The value named name in list (ended by a NULL name); -1 when absent. */
static int lookup(const named_value *list, const char *name)
{
    for (; name && list->name; list++)
        if (strcmp(list->name, name) == 0)
            return list->value;
    return -1;
}

static const named_value chart_types[] = {
    {"bar", LXW_CHART_BAR},
    {"column", LXW_CHART_COLUMN},
    {"line", LXW_CHART_LINE},
    {NULL, 0}};

static const named_value legends[] = {
    {"right", LXW_CHART_LEGEND_RIGHT},
    {"left", LXW_CHART_LEGEND_LEFT},
    {"top", LXW_CHART_LEGEND_TOP},
    {"bottom", LXW_CHART_LEGEND_BOTTOM},
    {"none", LXW_CHART_LEGEND_NONE},
    {NULL, 0}};

static const named_value patterns[] = {
    {"solid", LXW_CHART_PATTERN_NONE}, /* a plain fill */
    {"percent-10", LXW_CHART_PATTERN_PERCENT_10},
    {"percent-20", LXW_CHART_PATTERN_PERCENT_20},
    {"percent-25", LXW_CHART_PATTERN_PERCENT_25},
    {"percent-50", LXW_CHART_PATTERN_PERCENT_50},
    {"percent-75", LXW_CHART_PATTERN_PERCENT_75},
    {"light-upward-diagonal", LXW_CHART_PATTERN_LIGHT_UPWARD_DIAGONAL},
    {"light-downward-diagonal", LXW_CHART_PATTERN_LIGHT_DOWNWARD_DIAGONAL},
    {"dark-upward-diagonal", LXW_CHART_PATTERN_DARK_UPWARD_DIAGONAL},
    {"dark-downward-diagonal", LXW_CHART_PATTERN_DARK_DOWNWARD_DIAGONAL},
    {"wide-upward-diagonal", LXW_CHART_PATTERN_WIDE_UPWARD_DIAGONAL},
    {"light-horizontal", LXW_CHART_PATTERN_LIGHT_HORIZONTAL},
    {"light-vertical", LXW_CHART_PATTERN_LIGHT_VERTICAL},
    {"small-grid", LXW_CHART_PATTERN_SMALL_GRID},
    {"small-check", LXW_CHART_PATTERN_SMALL_CHECK},
    {"large-check", LXW_CHART_PATTERN_LARGE_CHECK},
    {NULL, 0}};

static const named_value dashes[] = {
    {"solid", LXW_CHART_LINE_DASH_SOLID},
    {"dash", LXW_CHART_LINE_DASH_DASH},
    {"round-dot", LXW_CHART_LINE_DASH_ROUND_DOT},
    {"square-dot", LXW_CHART_LINE_DASH_SQUARE_DOT},
    {"dash-dot", LXW_CHART_LINE_DASH_DASH_DOT},
    {"long-dash", LXW_CHART_LINE_DASH_LONG_DASH},
    {NULL, 0}};

static const named_value markers[] = {
    {"none", LXW_CHART_MARKER_NONE},
    {"square", LXW_CHART_MARKER_SQUARE},
    {"diamond", LXW_CHART_MARKER_DIAMOND},
    {"triangle", LXW_CHART_MARKER_TRIANGLE},
    {"circle", LXW_CHART_MARKER_CIRCLE},
    {"x", LXW_CHART_MARKER_X},
    {NULL, 0}};

/* An optional enumerated attribute: its value in list, dflt when absent;
 * -1 with a finding when not listed. */
static int enum_attr(writer *w, xmlNodePtr n, const char *attr,
                     const named_value *list, int dflt, const char *place)
{
    char *v = xmlio_attr(n, attr);
    int r = v ? lookup(list, v) : dflt;
    if (v && r < 0)
        wfail_at(w, place, v, NULL, "giá trị thuộc tính %s không biết", attr);
    free(v);
    return r;
}

/* An optional colour attribute: 0 when absent, the libxlsxwriter colour,
 * or -1 with a finding when malformed. */
static long color_attr(writer *w, xmlNodePtr n, const char *attr,
                       const char *place)
{
    char *v = xmlio_attr(n, attr);
    long c = v ? parse_color(v) : 0;
    if (c < 0)
        wfail_at(w, place, v, "#RRGGBB", "màu (%s) không đúng dạng", attr);
    else if (v)
        c = (long)lxw_color(c);
    free(v);
    return c;
}

/* The cell of the description at 0-based row r, column c of sheet (an
 * element <sheet>): the last <number>, <formula>, <string> or <blank>
 * given there, or NULL when none is. */
static xmlNodePtr desc_cell(xmlNodePtr sheet, lxw_row_t r, lxw_col_t c)
{
    xmlNodePtr found = NULL;
    for (xmlNodePtr row = xmlio_child(sheet, "row"); row;
         row = xmlio_next(row, "row")) {
        char *v = xmlio_attr(row, "n");
        unsigned long rn = parse_index(v, MAX_ROWS);
        free(v);
        if (rn != (unsigned long)r + 1)
            continue;
        for (xmlNodePtr k = xmlio_child(row, NULL); k; k = xmlio_next(k, NULL)) {
            v = xmlio_attr(k, "col");
            if (parse_index(v, MAX_COLS) == (unsigned long)c + 1)
                found = k;
            free(v);
        }
    }
    return found;
}

/* libxlsxwriter caches a chart's points from the cells' numbers only: a
 * <formula> cell gives 0, so a chart drawn from formulas would show
 * zeros where nothing recalculates.  When the values of ser (the range
 * vals) hold a formula, the cache is made here from the description:
 * each cell's value (a number's or a formula's cached result), a gap
 * where there is no cell or a <blank> (Excel draws an empty cell as a
 * gap), 0 for a text (as libxlsxwriter does), and libxlsxwriter is told
 * not to make its own.  A sheet written from
 * <rows-from> is left to libxlsxwriter (which caches nothing from it).
 * BC_OK or BC_ERR_NOMEM. */
static bc_status cache_points(writer *w, lxw_chart_series *ser,
                              const cell_range *vals)
{
    xmlNodePtr sheet = NULL;
    for (xmlNodePtr s = xmlio_child(w->root, "sheet"); s && !sheet;
         s = xmlio_next(s, "sheet")) {
        char *name = xmlio_attr(s, "name");
        if (name && strcmp(name, vals->sheet) == 0)
            sheet = s;
        free(name);
    }
    if (!sheet || xmlio_child(sheet, "rows-from") || !ser->values ||
        !ser->values->data_cache)
        return BC_OK;
    int formulas = 0;
    for (lxw_row_t r = vals->r1; r <= vals->r2 && !formulas; r++)
        for (lxw_col_t c = vals->c1; c <= vals->c2 && !formulas; c++) {
            xmlNodePtr k = desc_cell(sheet, r, c);
            formulas = k && xmlStrEqual(k->name, BAD_CAST "formula");
        }
    if (!formulas)
        return BC_OK;
    uint16_t n = 0;
    for (lxw_row_t r = vals->r1; r <= vals->r2; r++)
        for (lxw_col_t c = vals->c1; c <= vals->c2; c++) {
            lxw_series_data_point *pt = calloc(1, sizeof *pt);
            if (!pt)
                return BC_ERR_NOMEM; /* the points so far are freed with
                                      * the chart */
            xmlNodePtr k = desc_cell(sheet, r, c);
            if (!k || xmlStrEqual(k->name, BAD_CAST "blank")) {
                pt->no_data = LXW_TRUE;
            } else if (xmlStrEqual(k->name, BAD_CAST "number") ||
                       xmlStrEqual(k->name, BAD_CAST "formula")) {
                char *v = xmlio_attr(k, "value");
                if (xlsx_parse_number(v, &pt->number) != 0)
                    pt->number = 0; /* the cell itself is refused */
                free(v);
            }
            STAILQ_INSERT_TAIL(ser->values->data_cache, pt, list_pointers);
            n++;
        }
    ser->values->num_data_points = n;
    ser->values->ignore_cache = LXW_TRUE;
    return BC_OK;
}

/* Adds one <series> to chart (of type type).  BC_OK or an error with a
 * finding at place. */
static bc_status add_series(writer *w, lxw_chart *chart, int type,
                            xmlNodePtr n, const char *place)
{
    bc_status st = BC_OK;
    cell_range vals = {NULL, 0, 0, 0, 0}, cats = {NULL, 0, 0, 0, 0};
    int bad = 0, r;
    char *name = chart_text(w, n, "name", place, &bad);
    char *labels = xmlio_attr(n, "labels"),
         *labels_fmt = xmlio_attr(n, "labels-format");
    long color = color_attr(w, n, "color", place),
         border = color_attr(w, n, "border", place);
    int pattern = enum_attr(w, n, "pattern", patterns, LXW_CHART_PATTERN_NONE,
                            place),
        dash = enum_attr(w, n, "dash", dashes, LXW_CHART_LINE_DASH_SOLID,
                         place),
        marker = enum_attr(w, n, "marker", markers, -2, place);

    if (!name) {
        wfail_at(w, place, NULL, NULL, "chuỗi số liệu của biểu đồ không có tên");
        bad = 1;
    }
    if (bad || color < 0 || border < 0 || pattern < 0 || dash < 0 ||
        marker == -1) {
        st = BC_ERR_INVALID;
        goto done;
    }
    if ((r = chart_range(w, n, "values", place, &vals)) != 0) {
        st = r == -2 ? BC_ERR_NOMEM : BC_ERR_INVALID;
        goto done;
    }
    if (xmlHasProp(n, BAD_CAST "categories")) {
        if ((r = chart_range(w, n, "categories", place, &cats)) != 0) {
            st = r == -2 ? BC_ERR_NOMEM : BC_ERR_INVALID;
            goto done;
        }
        if (range_cells(&cats) != range_cells(&vals)) {
            char *found = xmlio_attr(n, "categories");
            wfail_at(w, place, found, "cùng số ô với values",
                     "số nhãn (categories, %lu ô) khác số giá trị (values, "
                     "%lu ô) của chuỗi «%s»",
                     range_cells(&cats), range_cells(&vals), name);
            free(found);
            st = BC_ERR_INVALID;
            goto done;
        }
    }

    lxw_chart_series *ser = chart_add_series(chart, NULL, NULL);
    if (!ser) {
        st = BC_ERR_NOMEM;
        goto done;
    }
    chart_series_set_values(ser, vals.sheet, vals.r1, vals.c1, vals.r2,
                            vals.c2);
    if ((st = cache_points(w, ser, &vals)) != BC_OK)
        goto done;
    if (cats.sheet)
        chart_series_set_categories(ser, cats.sheet, cats.r1, cats.c1,
                                    cats.r2, cats.c2);
    chart_series_set_name(ser, name);
    if (type == LXW_CHART_LINE) {
        lxw_chart_line line = {(lxw_color_t)color, 0, 2.25f, (uint8_t)dash,
                               0};
        chart_series_set_line(ser, &line);
        if (marker >= 0) {
            chart_series_set_marker_type(ser, (uint8_t)marker);
            if (color) {
                lxw_chart_fill mf = {(lxw_color_t)color, 0, 0};
                lxw_chart_line ml = {(lxw_color_t)color, 0, 0.75f, 0, 0};
                chart_series_set_marker_fill(ser, &mf);
                chart_series_set_marker_line(ser, &ml);
            }
        }
    } else {
        if (pattern != LXW_CHART_PATTERN_NONE) {
            lxw_chart_pattern pat = {
                color ? (lxw_color_t)color : (lxw_color_t)LXW_COLOR_BLACK,
                (lxw_color_t)LXW_COLOR_WHITE, (uint8_t)pattern};
            chart_series_set_pattern(ser, &pat);
        } else if (color) {
            lxw_chart_fill fill = {(lxw_color_t)color, 0, 0};
            chart_series_set_fill(ser, &fill);
        }
        if (border) {
            lxw_chart_line line = {(lxw_color_t)border, 0, 0.75f, 0, 0};
            chart_series_set_line(ser, &line);
        }
    }
    if (is_true(labels)) {
        chart_series_set_labels(ser);
        if (labels_fmt)
            chart_series_set_labels_num_format(ser, labels_fmt);
    }

done:
    free(vals.sheet);
    free(cats.sheet);
    free(name);
    free(labels);
    free(labels_fmt);
    return st;
}

/* An optional whole number attribute (digits only) within lo..hi: dflt
 * when absent; -1 with a finding when invalid. */
static long int_attr(writer *w, xmlNodePtr n, const char *attr, long lo,
                     long hi, long dflt, const char *place)
{
    char *v = xmlio_attr(n, attr);
    long r = dflt;
    if (v) {
        size_t len = strspn(v, "0123456789");
        r = len > 0 && len <= 7 && v[len] == '\0' ? strtol(v, NULL, 10) : -1;
        if (r < lo || r > hi) {
            wfail_at(w, place, v, NULL,
                     "thuộc tính %s của biểu đồ phải là số nguyên %ld-%ld",
                     attr, lo, hi);
            r = -1;
        }
    }
    free(v);
    return r;
}

/* Writes one <chart> into ws.  BC_OK or an error with a finding at the
 * chart's anchor ("Sheet!B30"). */
static bc_status write_chart(writer *w, lxw_worksheet *ws, xmlNodePtr n)
{
    bc_status st = BC_OK;
    char *anchor = xmlio_attr(n, "anchor");
    char *place = NULL, *title = NULL, *cat_title = NULL, *val_title = NULL,
         *desc = NULL, *vfmt = NULL, *v = NULL;
    const char *p = anchor;
    unsigned long arow = 0, acol = 0;
    int bad = 0;

    place = bc_asprintf("%s!%s", w->sheet, anchor ? anchor : "?");
    if (!place) {
        st = BC_ERR_NOMEM;
        goto done;
    }
    if (!anchor || parse_a1_cell(&p, &arow, &acol) != 0 || *p) {
        wfail_at(w, place, anchor, "một ô dạng B30",
                 "vị trí của biểu đồ (anchor) không hợp lệ");
        st = BC_ERR_INVALID;
        goto done;
    }
    int type = -1;
    if (xmlHasProp(n, BAD_CAST "type"))
        type = enum_attr(w, n, "type", chart_types, -1, place);
    else
        wfail_at(w, place, NULL, "bar, column hoặc line",
                 "biểu đồ không có loại (type)");
    int legend = enum_attr(w, n, "legend", legends, LXW_CHART_LEGEND_RIGHT,
                           place);
    long width = int_attr(w, n, "width", 50, 4000, 480, place),
         height = int_attr(w, n, "height", 50, 4000, 288, place),
         xoff = int_attr(w, n, "x-offset", 0, 4000, 0, place),
         yoff = int_attr(w, n, "y-offset", 0, 4000, 0, place);
    title = chart_text(w, n, "title", place, &bad);
    cat_title = chart_text(w, n, "category-title", place, &bad);
    val_title = chart_text(w, n, "value-title", place, &bad);
    if (!title) {
        wfail_at(w, place, NULL, NULL, "biểu đồ không có tiêu đề (title)");
        bad = 1;
    }
    if (bad || type < 0 || legend < 0 || width < 0 || height < 0 ||
        xoff < 0 || yoff < 0) {
        st = BC_ERR_INVALID;
        goto done;
    }
    double vmin = 0, vmax = 0;
    int has_min = 0, has_max = 0;
    if ((v = xmlio_attr(n, "value-min")) != NULL) {
        has_min = 1;
        if (xlsx_parse_number(v, &vmin) != 0)
            bad = 1;
    }
    free(v);
    if ((v = xmlio_attr(n, "value-max")) != NULL) {
        has_max = 1;
        if (xlsx_parse_number(v, &vmax) != 0)
            bad = 1;
    }
    free(v);
    v = NULL;
    if (bad || (has_min && has_max && vmax <= vmin)) {
        wfail_at(w, place, NULL, "value-min < value-max",
                 "giới hạn trục giá trị của biểu đồ không hợp lệ");
        st = BC_ERR_INVALID;
        goto done;
    }

    lxw_chart *chart = workbook_add_chart(w->wb, (uint8_t)type);
    if (!chart) { /* owned by the workbook from here on */
        st = BC_ERR_NOMEM;
        goto done;
    }
    unsigned long nser = 0;
    for (xmlNodePtr s = xmlio_child(n, NULL); s; s = xmlio_next(s, NULL)) {
        if (!xmlStrEqual(s->name, BAD_CAST "series")) {
            wfail_at(w, place, (const char *)s->name, "series",
                     "phần tử không biết trong biểu đồ");
            st = BC_ERR_INVALID;
            goto done;
        }
        if ((st = add_series(w, chart, type, s, place)) != BC_OK)
            goto done;
        nser++;
    }
    if (nser == 0) {
        wfail_at(w, place, title, "một hoặc nhiều <series>",
                 "biểu đồ không có chuỗi số liệu nào");
        st = BC_ERR_INVALID;
        goto done;
    }
    /* libxlsxwriter's x_axis is the horizontal one: in a bar chart that
     * is the value axis, in column and line charts the category axis */
    lxw_chart_axis *cat_axis = type == LXW_CHART_BAR ? chart->y_axis
                                                     : chart->x_axis;
    lxw_chart_axis *val_axis = type == LXW_CHART_BAR ? chart->x_axis
                                                     : chart->y_axis;
    chart_title_set_name(chart, title);
    if (cat_title)
        chart_axis_set_name(cat_axis, cat_title);
    if (val_title)
        chart_axis_set_name(val_axis, val_title);
    if ((vfmt = xmlio_attr(n, "value-format")) != NULL)
        chart_axis_set_num_format(val_axis, vfmt);
    if (has_min)
        chart_axis_set_min(val_axis, vmin);
    if (has_max)
        chart_axis_set_max(val_axis, vmax);
    if (is_true(v = xmlio_attr(n, "category-reverse"))) {
        /* the first category at the top (bar) or right (column, line);
         * the value axis then crosses at the last category, so that it
         * stays at the bottom (left) */
        chart_axis_set_reverse(cat_axis);
        chart_axis_set_crossing_max(cat_axis);
    }
    free(v);
    v = NULL;
    chart_legend_set_position(chart, (uint8_t)legend);

    desc = xmlio_attr(n, "description");
    lxw_chart_options opt;
    memset(&opt, 0, sizeof opt);
    opt.x_offset = (int32_t)xoff;
    opt.y_offset = (int32_t)yoff;
    opt.x_scale = (double)width / 480.0;
    opt.y_scale = (double)height / 288.0;
    opt.description = desc ? desc : title;
    lxw_error err = worksheet_insert_chart_opt(
        ws, (lxw_row_t)(arow - 1), (lxw_col_t)(acol - 1), chart, &opt);
    if (err != LXW_NO_ERROR) {
        wfail_at(w, place, title, NULL, "không chèn được biểu đồ (%s)",
                 lxw_strerror(err));
        st = err == LXW_ERROR_MEMORY_MALLOC_FAILED ? BC_ERR_NOMEM
                                                   : BC_ERR_INVALID;
    }

done:
    free(anchor);
    free(place);
    free(title);
    free(cat_title);
    free(val_title);
    free(desc);
    free(vfmt);
    free(v);
    return st;
}

/* Writes the rows of one <rows-from> from w->rows, chunk by chunk; no
 * row may come before its first-row.  BC_OK or an error with a finding. */
static bc_status write_rows_from(writer *w, lxw_worksheet *ws, xmlNodePtr n)
{
    bc_status st = BC_OK;
    char *source = xmlio_attr(n, "source");
    char *fr = xmlio_attr(n, "first-row");
    unsigned long first_row = parse_index(fr, MAX_ROWS);
    if (!w->rows || !source) {
        wfail(w, 0, 0, source, "không có nguồn cho các hàng <rows-from>");
        st = BC_ERR_INVALID;
        goto done;
    }
    if (!first_row) {
        wfail(w, 0, 0, fr, "<rows-from> không có first-row hợp lệ (1-%lu)", MAX_ROWS);
        st = BC_ERR_INVALID;
        goto done;
    }
    for (;;) {
        xmlDocPtr chunk = NULL;
        st = w->rows->next(w->rows->ctx, source, first_row, &chunk);
        if (st != BC_OK || !chunk)
            break;
        xmlNodePtr root = xmlDocGetRootElement(chunk);
        if (!root || !xmlStrEqual(root->name, BAD_CAST "rows")) {
            wfail(w, 0, 0, source, "phần hàng không có phần tử gốc <rows>");
            st = BC_ERR_INVALID;
        } else if (w->schema) {
            int r = xmlio_validate(w->schema, chunk, "mô tả sổ tính", w->d);
            if (r != 0)
                st = r < 0 ? BC_ERR_INTERNAL : BC_ERR_TEMPLATE;
        }
        for (xmlNodePtr row = root ? xmlio_child(root, "row") : NULL;
             row && st == BC_OK; row = xmlio_next(row, "row")) {
            char *rv = xmlio_attr(row, "n");
            unsigned long rn = parse_index(rv, MAX_ROWS);
            if (rn && rn < first_row) {
                wfail(w, rn, 0, rv, "hàng đứng trước first-row của <rows-from>");
                st = BC_ERR_INVALID;
            }
            free(rv);
            if (st == BC_OK)
                st = write_row(w, ws, row);
        }
        xmlFreeDoc(chunk);
        if (st != BC_OK)
            break;
    }
done:
    free(source);
    free(fr);
    return st;
}

/* Writes one <sheet>.  BC_OK or an error with a finding. */
static bc_status write_sheet(writer *w, xmlNodePtr sheet)
{
    bc_status st = BC_OK;
    char *name = xmlio_attr(sheet, "name");
    lxw_worksheet *ws = NULL;
    w->sheet = name;
    if (check_sheet_name(w, name) != 0) {
        st = BC_ERR_INVALID;
        goto done;
    }
    /* a sheet whose rows come from the caller may be too long to hold:
     * libxlsxwriter takes constant_memory per sheet, when it is added, so
     * it is set for this one only (the others keep shared strings and
     * may be described in any order) */
    uint8_t constant = w->wb->options.constant_memory;
    w->wb->options.constant_memory = xmlio_child(sheet, "rows-from") != NULL;
    ws = workbook_add_worksheet(w->wb, name);
    w->wb->options.constant_memory = constant;
    if (!ws) {
        wfail(w, 0, 0, name, "không tạo được trang tính (trùng tên?)");
        st = BC_ERR_INVALID;
        goto done;
    }
    worksheet_set_paper(ws, 9); /* A4 */
    for (xmlNodePtr n = xmlio_child(sheet, NULL); n && st == BC_OK;
         n = xmlio_next(n, NULL)) {
        const char *el = (const char *)n->name;
        lxw_error err = LXW_NO_ERROR;
        if (strcmp(el, "row") == 0) {
            st = write_row(w, ws, n);
        } else if (strcmp(el, "merge") == 0) {
            st = write_merge(w, ws, n);
        } else if (strcmp(el, "column") == 0) {
            char *a = xmlio_attr(n, "first"), *b = xmlio_attr(n, "last"),
                 *c = xmlio_attr(n, "width");
            unsigned long first = parse_index(a, MAX_COLS),
                          last = parse_index(b, MAX_COLS);
            double width = 0;
            int bad = 0;
            lxw_format *fmt = format_of(w, n, 0, first, &bad);
            if (!bad && (!first || !last || last < first ||
                         xlsx_parse_number(c, &width) != 0 || width < 0 ||
                         width > 255)) {
                wfail(w, 0, first, NULL, "khai báo cột không hợp lệ");
                bad = 1;
            }
            if (!bad)
                err = worksheet_set_column(ws, (lxw_col_t)(first - 1),
                                           (lxw_col_t)(last - 1), width, fmt);
            free(a);
            free(b);
            free(c);
            if (bad)
                st = BC_ERR_INVALID;
        } else if (strcmp(el, "freeze") == 0) {
            char *a = xmlio_attr(n, "rows"), *b = xmlio_attr(n, "cols");
            unsigned long rows = a && strcmp(a, "0") == 0
                                     ? 0
                                     : parse_index(a, MAX_ROWS - 1);
            unsigned long cols = b && strcmp(b, "0") == 0
                                     ? 0
                                     : parse_index(b, MAX_COLS - 1);
            if ((!rows && !(a && strcmp(a, "0") == 0)) ||
                (!cols && !(b && strcmp(b, "0") == 0))) {
                wfail(w, 0, 0, NULL, "khai báo cố định hàng/cột không hợp lệ");
                st = BC_ERR_INVALID;
            } else if (rows || cols) {
                worksheet_freeze_panes(ws, (lxw_row_t)rows, (lxw_col_t)cols);
            }
            free(a);
            free(b);
        } else if (strcmp(el, "autofilter") == 0) {
            lxw_row_t r1, r2;
            lxw_col_t c1, c2;
            if (read_range(w, n, &r1, &c1, &r2, &c2) != 0)
                st = BC_ERR_INVALID;
            else
                err = worksheet_autofilter(ws, r1, c1, r2, c2);
        } else if (strcmp(el, "print") == 0) {
            st = write_print(w, ws, n);
        } else if (strcmp(el, "chart") == 0) {
            st = write_chart(w, ws, n);
        } else if (strcmp(el, "rows-from") == 0) {
            st = write_rows_from(w, ws, n);
        } else {
            wfail(w, 0, 0, el, "phần tử không biết trong trang tính");
            st = BC_ERR_INVALID;
        }
        if (st == BC_OK && err != LXW_NO_ERROR) {
            wfail(w, 0, 0, el, "libxlsxwriter báo lỗi (%s)",
                  lxw_strerror(err));
            st = BC_ERR_INVALID;
        }
    }

done:
    w->sheet = NULL;
    free(name);
    return st;
}

/* Sets the document properties from <properties>.  BC_OK or an error with
 * a finding. */
static bc_status set_properties(writer *w, xmlNodePtr p)
{
    bc_status st = BC_OK;
    char *title = xmlio_attr(p, "title"), *subject = xmlio_attr(p, "subject"),
         *author = xmlio_attr(p, "author"), *company = xmlio_attr(p, "company"),
         *keywords = xmlio_attr(p, "keywords"),
         *comments = xmlio_attr(p, "comments"),
         *created = xmlio_attr(p, "created");
    const xlsx_props props = {created, title,    subject, author,
                              company, keywords, comments};
    lxw_error err;
    if (xlsx_set_props(w->wb, &props, &err) != BC_OK) {
        wfail(w, 0, 0, created,
              "ngày tạo của sổ tính phải có dạng YYYY-MM-DD (không lấy "
              "theo đồng hồ)");
        st = BC_ERR_INVALID;
        goto done;
    }
    if (err != LXW_NO_ERROR) {
        wfail(w, 0, 0, NULL, "không đặt được thuộc tính sổ tính (%s)",
              lxw_strerror(err));
        st = err == LXW_ERROR_MEMORY_MALLOC_FAILED ? BC_ERR_NOMEM
                                                   : BC_ERR_INTERNAL;
    }

done:
    free(title);
    free(subject);
    free(author);
    free(company);
    free(keywords);
    free(comments);
    free(created);
    return st;
}

bc_status xlsx_write(xmlDocPtr desc, const char *out_path, bc_diag *d)
{
    return xlsx_write_rows(desc, NULL, NULL, out_path, d);
}

bc_status xlsx_write_rows(xmlDocPtr desc, const xlsx_row_source *rows,
                          xmlSchemaPtr schema, const char *out_path,
                          bc_diag *d)
{
    bc_status st = BC_OK;
    writer w = {NULL, NULL, 0, NULL, 0, d, out_path, NULL, rows, schema, NULL};
    xlsx_out out = XLSX_OUT_INIT;
    xmlNodePtr root = desc ? xmlDocGetRootElement(desc) : NULL;

    if (!root || !xmlStrEqual(root->name, BAD_CAST "workbook")) {
        wfail(&w, 0, 0, NULL, "mô tả sổ tính không có phần tử gốc <workbook>");
        st = BC_ERR_INVALID;
        goto done;
    }
    if ((st = xlsx_out_begin(&out, out_path)) != BC_OK)
        goto done;
    w.wb = out.wb;

    w.root = root;
    xmlNodePtr props = xmlio_child(root, "properties");
    if (!props) {
        wfail(&w, 0, 0, NULL, "mô tả sổ tính thiếu <properties>");
        st = BC_ERR_INVALID;
        goto done;
    }
    if ((st = set_properties(&w, props)) != BC_OK)
        goto done;
    /* every sheet name, first: a chart may show cells of a later sheet */
    w.n_names = xmlio_count(root, "sheet");
    w.names = calloc(w.n_names ? w.n_names : 1, sizeof *w.names);
    if (!w.names) {
        st = BC_ERR_NOMEM;
        goto done;
    }
    w.n_names = 0;
    for (xmlNodePtr s = xmlio_child(root, "sheet"); s;
         s = xmlio_next(s, "sheet"))
        if ((w.names[w.n_names] = xmlio_attr(s, "name")) != NULL)
            w.n_names++;
    xmlNodePtr formats = xmlio_child(root, "formats");
    if (formats && (st = add_formats(&w, formats)) != BC_OK)
        goto done;
    int sheets = 0;
    for (xmlNodePtr s = xmlio_child(root, "sheet"); s;
         s = xmlio_next(s, "sheet"), sheets++)
        if ((st = write_sheet(&w, s)) != BC_OK)
            goto done;
    if (sheets == 0) {
        wfail(&w, 0, 0, NULL, "mô tả sổ tính không có trang tính nào");
        st = BC_ERR_INVALID;
        goto done;
    }

    st = xlsx_out_commit(&out, d);

done:
    xlsx_out_end(&out);
    for (size_t i = 0; i < w.n_formats; i++)
        free(w.formats[i].name);
    free(w.formats);
    for (size_t i = 0; i < w.n_names; i++)
        free(w.names[i]);
    free(w.names);
    return st;
}

bc_status xlsx_write_checked(xmlDocPtr desc, const char *schema_path,
                             const char *out_path, bc_diag *d)
{
    return xlsx_write_checked_rows(desc, schema_path, NULL, out_path, d);
}

bc_status xlsx_write_checked_rows(xmlDocPtr desc, const char *schema_path,
                                  const xlsx_row_source *rows,
                                  const char *out_path, bc_diag *d)
{
    bc_status st = BC_OK;
    xmlSchemaPtr schema = NULL;
    if (schema_path) {
        schema = xmlio_schema_load(schema_path, d);
        if (!schema) {
            st = BC_ERR_TEMPLATE;
            goto done;
        }
        int r = xmlio_validate(schema, desc, "mô tả sổ tính", d);
        if (r != 0) {
            st = r < 0 ? BC_ERR_INTERNAL : BC_ERR_TEMPLATE;
            goto done;
        }
    }
    st = xlsx_write_rows(desc, rows, schema, out_path, d);

done:
    if (schema)
        xmlSchemaFree(schema);
    return st;
}
