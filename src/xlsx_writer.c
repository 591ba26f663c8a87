/* xlsx_writer.c - carries out a workbook description with libxlsxwriter. */
#include "xlsx_writer.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
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
    bc_diag *d;
    const char *out_path;
    const char *sheet; /* name of the sheet being written, for findings */
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
static lxw_format *format_of(writer *w, xmlNodePtr n, unsigned long row,
                             unsigned long col, int *bad)
{
    char *name = xmlio_attr(n, "format");
    lxw_format *f = NULL;
    if (!name)
        return NULL;
    for (size_t i = 0; i < w->n_formats; i++)
        if (strcmp(w->formats[i].name, name) == 0) {
            f = w->formats[i].fmt;
            break;
        }
    if (!f) {
        wfail(w, row, col, name, "định dạng ô chưa khai báo");
        *bad = 1;
    }
    free(name);
    return f;
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

/* Creates the named formats of <formats>.  BC_OK or an error with a
 * finding. */
static bc_status add_formats(writer *w, xmlNodePtr formats)
{
    bc_status st = BC_OK;
    size_t n = 0;
    for (xmlNodePtr f = xmlio_child(formats, "format"); f;
         f = xmlio_next(f, "format"))
        n++;
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
        if (is_true(v = xmlio_attr(f, "bold")))
            format_set_bold(fmt);
        free(v);
        if (is_true(v = xmlio_attr(f, "italic")))
            format_set_italic(fmt);
        free(v);
        if (is_true(v = xmlio_attr(f, "wrap")))
            format_set_text_wrap(fmt);
        free(v);
        if ((v = xmlio_attr(f, "num-format")) != NULL)
            format_set_num_format(fmt, v);
        free(v);
        if ((v = xmlio_attr(f, "border")) != NULL) {
            if (strcmp(v, "thin") == 0)
                format_set_border(fmt, LXW_BORDER_THIN);
            else if (strcmp(v, "medium") == 0)
                format_set_border(fmt, LXW_BORDER_MEDIUM);
        }
        free(v);
        if ((v = xmlio_attr(f, "fill")) != NULL) {
            long c = parse_color(v);
            if (c < 0) {
                wfail(w, 0, 0, v, "màu nền không đúng dạng #RRGGBB");
                st = BC_ERR_INVALID;
            } else {
                format_set_pattern(fmt, LXW_PATTERN_SOLID);
                format_set_bg_color(fmt, (lxw_color_t)c);
            }
        }
        free(v);
        if ((v = xmlio_attr(f, "color")) != NULL) {
            long c = parse_color(v);
            if (c < 0) {
                wfail(w, 0, 0, v, "màu chữ không đúng dạng #RRGGBB");
                st = BC_ERR_INVALID;
            } else {
                format_set_font_color(fmt, (lxw_color_t)c);
            }
        }
        free(v);
        if ((v = xmlio_attr(f, "align")) != NULL) {
            if (strcmp(v, "left") == 0)
                format_set_align(fmt, LXW_ALIGN_LEFT);
            else if (strcmp(v, "center") == 0)
                format_set_align(fmt, LXW_ALIGN_CENTER);
            else if (strcmp(v, "right") == 0)
                format_set_align(fmt, LXW_ALIGN_RIGHT);
        }
        free(v);
        if ((v = xmlio_attr(f, "valign")) != NULL) {
            if (strcmp(v, "top") == 0)
                format_set_align(fmt, LXW_ALIGN_VERTICAL_TOP);
            else if (strcmp(v, "center") == 0)
                format_set_align(fmt, LXW_ALIGN_VERTICAL_CENTER);
            else if (strcmp(v, "bottom") == 0)
                format_set_align(fmt, LXW_ALIGN_VERTICAL_BOTTOM);
        }
        free(v);
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
static char *cell_text(writer *w, xmlNodePtr n, unsigned long row,
                       unsigned long col)
{
    xmlChar *c = xmlNodeGetContent(n);
    char *s = bc_strdup(c ? (const char *)c : "");
    if (c)
        xmlFree(c);
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
    ws = workbook_add_worksheet(w->wb, name);
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
            char *v = xmlio_attr(n, "landscape");
            if (is_true(v))
                worksheet_set_landscape(ws);
            free(v);
            v = xmlio_attr(n, "fit-width");
            if (is_true(v))
                worksheet_fit_to_pages(ws, 1, 0);
            free(v);
            char *a = xmlio_attr(n, "repeat-first"),
                 *b = xmlio_attr(n, "repeat-last");
            unsigned long first = parse_index(a, MAX_ROWS),
                          last = parse_index(b, MAX_ROWS);
            if (first && last >= first)
                err = worksheet_repeat_rows(ws, (lxw_row_t)(first - 1),
                                            (lxw_row_t)(last - 1));
            free(a);
            free(b);
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
    lxw_doc_properties props;
    memset(&props, 0, sizeof props);
    if (xlsx_parse_created(created, &props.created) != 0) {
        wfail(w, 0, 0, created,
              "ngày tạo của sổ tính phải có dạng YYYY-MM-DD (không lấy "
              "theo đồng hồ)");
        st = BC_ERR_INVALID;
        goto done;
    }
    props.title = title;
    props.subject = subject;
    props.author = author;
    props.company = company;
    props.keywords = keywords;
    props.comments = comments;
    lxw_error err = workbook_set_properties(w->wb, &props);
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

/* Flushes a written file to disk.  0 on success. */
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

bc_status xlsx_commit(lxw_workbook *wb, const char *tmp, const char *out_path,
                      bc_diag *d)
{
    bc_loc at = {out_path, 0, NULL};
    lxw_error err = workbook_close(wb); /* frees the workbook either way */
    if (err != LXW_NO_ERROR) {
        diag_add(d, BC_SEV_ERROR, "FILE-WRITE", &at, NULL, NULL,
                 "không ghi được tệp XLSX (%s)", lxw_strerror(err));
        return err == LXW_ERROR_MEMORY_MALLOC_FAILED ? BC_ERR_NOMEM : BC_ERR_IO;
    }
    if (sync_file(tmp) != 0 || rename(tmp, out_path) != 0) {
        diag_add(d, BC_SEV_ERROR, "FILE-WRITE", &at, NULL, NULL,
                 "không ghi được tệp XLSX (%s)", strerror(errno));
        return BC_ERR_IO;
    }
    return BC_OK;
}

bc_status xlsx_write(xmlDocPtr desc, const char *out_path, bc_diag *d)
{
    bc_status st = BC_OK;
    writer w = {NULL, NULL, 0, d, out_path, NULL};
    char *tmp = NULL;
    int tmp_made = 0;
    xmlNodePtr root = desc ? xmlDocGetRootElement(desc) : NULL;

    if (!root || !xmlStrEqual(root->name, BAD_CAST "workbook")) {
        wfail(&w, 0, 0, NULL, "mô tả sổ tính không có phần tử gốc <workbook>");
        st = BC_ERR_INVALID;
        goto done;
    }
    tmp = bc_tmp_path(out_path);
    if (!tmp) {
        st = BC_ERR_NOMEM;
        goto done;
    }
    lxw_workbook_options opts = {LXW_FALSE, NULL, LXW_FALSE};
    w.wb = workbook_new_opt(tmp, &opts);
    if (!w.wb) {
        st = BC_ERR_NOMEM;
        goto done;
    }
    tmp_made = 1;

    xmlNodePtr props = xmlio_child(root, "properties");
    if (!props) {
        wfail(&w, 0, 0, NULL, "mô tả sổ tính thiếu <properties>");
        st = BC_ERR_INVALID;
        goto done;
    }
    if ((st = set_properties(&w, props)) != BC_OK)
        goto done;
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

    st = xlsx_commit(w.wb, tmp, out_path, d);
    w.wb = NULL;
    if (st != BC_OK)
        goto done;
    tmp_made = 0;

done:
    if (w.wb)
        lxw_workbook_free(w.wb); /* not closed: nothing is written */
    if (tmp_made && tmp)
        remove(tmp);
    free(tmp);
    for (size_t i = 0; i < w.n_formats; i++)
        free(w.formats[i].name);
    free(w.formats);
    return st;
}

bc_status xlsx_write_checked(xmlDocPtr desc, const char *schema_path,
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
    st = xlsx_write(desc, out_path, d);

done:
    if (schema)
        xmlSchemaFree(schema);
    return st;
}
