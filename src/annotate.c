/* annotate.c - rebuilds a rejected workbook with its findings marked. */
#include "annotate.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <utf8proc.h>
#include <xlsxwriter.h>

#include "book.h"
#include "order.h"
#include "testing.h"
#include "text.h"
#include "util.h"
#include "xlsx_out.h"
#include "xmlio.h"

#define MAX_CELL_CHARS 32767  /* Excel's limit for a cell or a comment */
#define MAX_SHEET_SUFFIX 99   /* "Cần sửa (99)" is the last name tried */
#define MAX_MERGES 4096       /* merged ranges re-merged per sheet */
#define DEFAULT_YEAR 2021     /* creation year when no finding has one */
#define DATE_1904_SHIFT 1462  /* days from 1900-01-00 to 1904-01-01 */
#define COL_MIN_WIDTH 8       /* Excel's default, in characters */
#define COL_MAX_WIDTH 60
#define MAX_NUM_FORMATS 256   /* number formats of the source kept */

/* Rows of the findings sheet (0-based). */
#define ROW_TITLE 0
#define ROW_SUMMARY 1
#define ROW_NOTE 2
#define ROW_HEAD 4
enum { COL_NO, COL_SEV, COL_PLACE, COL_CODE, COL_MSG, COL_FOUND, COL_EXP,
       COL__COUNT };

/* A finding of the file, with the cell it names (sheet SIZE_MAX: none). */
typedef struct ann_finding {
    bc_finding f; /* shallow copy: the strings stay src_d's */
    size_t sheet;
    uint32_t row, col;
} ann_finding;

/* One cell named by findings: entries [first, first + n) of ann.order. */
typedef struct mark {
    size_t sheet;
    uint32_t row, col;
    size_t first, n;
    bc_severity worst;
    int written; /* the cell had a value in the source */
} mark;

typedef struct ann {
    const char *src_path, *out_path;
    bc_diag *d;
    const char *base;   /* file name of the source, for the text */
    ann_finding *fs;
    size_t n_fs;
    size_t *order;      /* indices of fs naming a cell, by sheet/row/col */
    size_t n_order;
    mark *marks;        /* sorted by sheet, row, col */
    size_t n_marks;
    bc_book *book;      /* NULL when the source cannot be read */
    bc_diag *scratch;   /* findings of reading the source again */
    uint16_t *width;    /* characters per column of the sheet copied */
    int date1904;

    xlsx_out out;       /* the copy on its way to out_path */
    lxw_error err;      /* first libxlsxwriter error */
    lxw_format *hl[BC_SEV__COUNT][2]; /* [severity][is a date] */
    lxw_format *date, *title, *head, *wrap, *link, *warn, *note;
    /* the source's number formats met so far, and their formats here */
    struct num_format {
        char *code;
        lxw_format *f;
    } nf[MAX_NUM_FORMATS];
    size_t n_nf;
} ann;

/* --- small helpers --------------------------------------------------------- */

int annotate_supported(const char *path)
{
    char ext[8];
    bc_file_ext(path ? path : "", ext, sizeof ext);
    return strcmp(ext, "xlsx") == 0 || strcmp(ext, "xls") == 0 ||
           strcmp(ext, "xlsm") == 0;
}

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

STATIC char *annotate_out_name(const char *dir, const char *src_path,
                               unsigned n)
{
    const char *base = base_name(src_path);
    const char *dot = strrchr(base, '.');
    size_t len = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    char *name = n >= 2 ? bc_asprintf("%.*s" ANNOTATE_SUFFIX "-%u.xlsx",
                                      (int)len, base, n)
                        : bc_asprintf("%.*s" ANNOTATE_SUFFIX ".xlsx",
                                      (int)len, base);
    if (!name)
        return NULL;
    char *path = bc_path_join(dir, name);
    free(name);
    return path;
}

STATIC int annotate_same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    if (!a || !b || stat(a, &sa) != 0 || stat(b, &sb) != 0)
        return 0;
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

const char *annotate_pick_name(annotate_names *t, const char *dir,
                               const char *src_path,
                               const char *const *inputs, size_t n_inputs)
{
    if (t->n == t->cap) {
        size_t nc = t->cap ? t->cap * 2 : 16;
        char **nv = realloc(t->v, nc * sizeof *nv);
        if (!nv)
            return NULL;
        t->v = nv;
        t->cap = nc;
    }
    for (unsigned n = 1;; n++) {
        char *name = annotate_out_name(dir, src_path, n);
        if (!name)
            return NULL;
        int taken = 0;
        for (size_t i = 0; i < t->n && !taken; i++)
            taken = strcmp(t->v[i], name) == 0;
        for (size_t i = 0; i < n_inputs && !taken; i++)
            taken = strcmp(inputs[i], name) == 0 ||
                    annotate_same_file(inputs[i], name);
        if (!taken) {
            t->v[t->n++] = name;
            return name;
        }
        free(name);
    }
}

void annotate_names_free(annotate_names *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->v[i]);
    free(t->v);
    t->v = NULL;
    t->n = t->cap = 0;
}

/* The length of the valid UTF-8 sequence at s (left bytes available), or
 * 0 when none starts there (utf8proc's reading: no overlong form, no
 * surrogate, nothing past U+10FFFF). */
static size_t utf8_seq(const unsigned char *s, size_t left)
{
    utf8proc_int32_t cp;
    utf8proc_ssize_t n = utf8proc_iterate(s, (utf8proc_ssize_t)left, &cp);
    return n > 0 ? (size_t)n : 0;
}

/* s as valid UTF-8 (a byte starting no valid sequence becomes U+FFFD) of
 * at most max code points (longer text is cut and ends with "…").
 * Returns s itself when it already is, else a copy in *copy (caller
 * frees); NULL when out of memory. */
static const char *fit_text(const char *s, size_t max, char **copy)
{
    *copy = NULL;
    if (!s)
        return "";
    size_t len = strlen(s);
    if (len <= max && text_utf8_valid(s, len))
        return s;
    bc_strbuf sb = BC_STRBUF_INIT;
    const unsigned char *start = (const unsigned char *)s, *p = start;
    size_t chars = 0;
    while (*p) {
        if (chars == max - 1) {
            /* one more code point fits: the rest, or the ellipsis */
            size_t k = utf8_seq(p, len - (size_t)(p - start));
            if (k && !p[k]) {
                sb_add(&sb, (const char *)p, k);
            } else {
                sb_adds(&sb, "\xE2\x80\xA6");
            }
            break;
        }
        size_t k = utf8_seq(p, len - (size_t)(p - start));
        if (k)
            sb_add(&sb, (const char *)p, k);
        else
            sb_adds(&sb, "\xEF\xBF\xBD");
        p += k ? k : 1;
        chars++;
    }
    sb_adds(&sb, "");
    *copy = sb_detach(&sb);
    return *copy;
}

/* Code points of s, at most cap. */
static size_t text_chars(const char *s, size_t cap)
{
    size_t n = 0;
    for (; *s && n < cap; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static void keep(ann *a, lxw_error e)
{
    if (e != LXW_NO_ERROR && a->err == LXW_NO_ERROR)
        a->err = e;
}

/* Writes text (made valid, cut to Excel's limit) as a string cell. */
static void put_string(ann *a, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
                       const char *text, lxw_format *fmt)
{
    char *copy;
    const char *t = fit_text(text, MAX_CELL_CHARS, &copy);
    if (!t) {
        keep(a, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    keep(a, worksheet_write_string(ws, r, c, t, fmt));
    free(copy);
}

/* Points of one line of wrapped text at the default 11-point font, and
 * the most a row can be (Excel's limit). */
#define LINE_POINTS 15.0
#define ROW_MAX_POINTS 409.0

/* The lines text takes when wrapped in a column width characters wide
 * (its own line breaks kept; a character is taken as a little narrower
 * than the column unit, so the estimate errs on the tall side). */
static size_t wrapped_lines(const char *text, double width)
{
    size_t per = width > 4 ? (size_t)(width * 0.9) : 1, lines = 0,
           chars = 0;
    for (const char *p = text ? text : "";; p++) {
        if (*p == '\n' || !*p) {
            lines += chars ? (chars + per - 1) / per : 1;
            chars = 0;
            if (!*p)
                break;
        } else if (((unsigned char)*p & 0xC0) != 0x80) {
            chars++;
        }
    }
    return lines;
}

/* Sets row r tall enough for the lines it holds (at least one). */
static void fit_row(ann *a, lxw_worksheet *ws, lxw_row_t r, size_t lines)
{
    double h = (double)(lines ? lines : 1) * LINE_POINTS + 3.0;
    keep(a, worksheet_set_row(ws, r, h > ROW_MAX_POINTS ? ROW_MAX_POINTS : h,
                              NULL));
}

/* "Lỗi", "Cảnh báo", "Ghi chú": the severity word starting a line. */
static const char *sev_title(bc_severity sev)
{
    switch (sev) {
    case BC_SEV_ERROR: return "Lỗi";
    case BC_SEV_WARNING: return "Cảnh báo";
    default: return "Ghi chú";
    }
}

/* --- the findings and the cells they name -------------------------------- */

/* Resolves "Sheet!C7" against the book's sheets (exact name).  0 and sets
 * sheet, row, col; -1 when the place names no cell of the book. */
static int resolve_place(const bc_book *b, const char *place, size_t *sheet,
                         uint32_t *row, uint32_t *col)
{
    if (!b || !place)
        return -1;
    const char *bang = strrchr(place, '!');
    if (!bang || bang == place)
        return -1;
    if (xlsx_ref_parse(bang + 1, row, col) != 0)
        return -1;
    size_t len = (size_t)(bang - place);
    for (size_t i = 0; i < book_sheet_count(b); i++) {
        const char *name = book_sheet_name(b, i);
        if (name && strlen(name) == len && memcmp(name, place, len) == 0) {
            *sheet = i;
            return 0;
        }
    }
    return -1;
}

static const ann_finding *cmp_base;

static int cmp_order(const void *x, const void *y)
{
    const ann_finding *a = &cmp_base[*(const size_t *)x];
    const ann_finding *b = &cmp_base[*(const size_t *)y];
    const int64_t ka[] = {(int64_t)a->sheet, a->row, a->col,
                          (int64_t)*(const size_t *)x},
                  kb[] = {(int64_t)b->sheet, b->row, b->col,
                          (int64_t)*(const size_t *)y};
    return order_keys(ka, kb, 4);
}

/* Finds the cells named by the findings and groups them into marks.
 * BC_OK or BC_ERR_NOMEM. */
static bc_status make_marks(ann *a)
{
    for (size_t i = 0; i < a->n_fs; i++) {
        ann_finding *f = &a->fs[i];
        f->sheet = SIZE_MAX;
        if (resolve_place(a->book, f->f.place, &f->sheet, &f->row,
                          &f->col) != 0)
            f->sheet = SIZE_MAX;
        else
            a->n_order++;
    }
    if (!a->n_order)
        return BC_OK;
    a->order = malloc(a->n_order * sizeof *a->order);
    a->marks = malloc(a->n_order * sizeof *a->marks);
    if (!a->order || !a->marks)
        return BC_ERR_NOMEM;
    size_t k = 0;
    for (size_t i = 0; i < a->n_fs; i++)
        if (a->fs[i].sheet != SIZE_MAX)
            a->order[k++] = i;
    cmp_base = a->fs; /* qsort has no context argument */
    qsort(a->order, a->n_order, sizeof *a->order, cmp_order);
    for (size_t i = 0; i < a->n_order; i++) {
        const ann_finding *f = &a->fs[a->order[i]];
        mark *m = a->n_marks ? &a->marks[a->n_marks - 1] : NULL;
        if (!m || m->sheet != f->sheet || m->row != f->row ||
            m->col != f->col) {
            m = &a->marks[a->n_marks++];
            m->sheet = f->sheet;
            m->row = f->row;
            m->col = f->col;
            m->first = i;
            m->n = 0;
            m->worst = f->f.sev;
            m->written = 0;
        }
        m->n++;
        if (f->f.sev < m->worst)
            m->worst = f->f.sev; /* BC_SEV_ERROR is 0: the worst */
    }
    return BC_OK;
}

/* The marks of one sheet: [*lo, *hi) of a->marks. */
static void sheet_marks(const ann *a, size_t sheet, size_t *lo, size_t *hi)
{
    size_t i = 0;
    while (i < a->n_marks && a->marks[i].sheet < sheet)
        i++;
    *lo = i;
    while (i < a->n_marks && a->marks[i].sheet == sheet)
        i++;
    *hi = i;
}

static mark *find_mark(ann *a, size_t lo, size_t hi, uint32_t row,
                       uint32_t col)
{
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        mark *m = &a->marks[mid];
        if (m->row == row && m->col == col)
            return m;
        if (m->row < row || (m->row == row && m->col < col))
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* --- formats ----------------------------------------------------------------- */

static lxw_format *new_format(ann *a)
{
    lxw_format *f = workbook_add_format(a->out.wb);
    if (!f)
        keep(a, LXW_ERROR_MEMORY_MALLOC_FAILED);
    return f;
}

static bc_status make_formats(ann *a)
{
    static const lxw_color_t fill[BC_SEV__COUNT] = {0xFFC7CE, 0xFFEB9C,
                                                    0xDDEBF7};
    static const lxw_color_t ink[BC_SEV__COUNT] = {0x9C0006, 0x9C5700,
                                                   0x1F4E78};
    for (int s = 0; s < BC_SEV__COUNT; s++)
        for (int dt = 0; dt < 2; dt++) {
            lxw_format *f = a->hl[s][dt] = new_format(a);
            if (!f)
                return BC_ERR_NOMEM;
            format_set_bold(f);
            format_set_bg_color(f, fill[s]);
            format_set_font_color(f, ink[s]);
            format_set_border(f, LXW_BORDER_THIN);
            format_set_border_color(f, ink[s]);
            format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
            if (dt)
                format_set_num_format(f, "dd/mm/yyyy");
        }
    if (!(a->date = new_format(a)) || !(a->title = new_format(a)) ||
        !(a->head = new_format(a)) || !(a->wrap = new_format(a)) ||
        !(a->link = new_format(a)) || !(a->warn = new_format(a)) ||
        !(a->note = new_format(a)))
        return BC_ERR_NOMEM;
    format_set_text_wrap(a->note);
    format_set_align(a->note, LXW_ALIGN_VERTICAL_TOP);
    format_set_font_color(a->note, 0x9C0006);
    format_set_italic(a->note);
    format_set_num_format(a->date, "dd/mm/yyyy");
    format_set_bold(a->title);
    format_set_font_size(a->title, 14);
    format_set_bold(a->head);
    format_set_bg_color(a->head, 0xD9E1F2);
    format_set_border(a->head, LXW_BORDER_THIN);
    format_set_text_wrap(a->head);
    format_set_align(a->head, LXW_ALIGN_VERTICAL_CENTER);
    format_set_text_wrap(a->wrap);
    format_set_align(a->wrap, LXW_ALIGN_VERTICAL_TOP);
    format_set_underline(a->link, LXW_UNDERLINE_SINGLE);
    format_set_font_color(a->link, LXW_COLOR_BLUE);
    format_set_align(a->link, LXW_ALIGN_VERTICAL_TOP);
    format_set_bold(a->warn);
    format_set_font_color(a->warn, 0x9C0006);
    return BC_OK;
}

/* The format showing numbers as the source's cell did (its number format
 * code), made once per code; NULL (General) when there is none, or past
 * MAX_NUM_FORMATS codes. */
static lxw_format *num_format(ann *a, const char *code)
{
    if (!code)
        return NULL;
    for (size_t i = 0; i < a->n_nf; i++)
        if (strcmp(a->nf[i].code, code) == 0)
            return a->nf[i].f;
    if (a->n_nf == MAX_NUM_FORMATS)
        return NULL;
    char *copy = bc_strdup(code);
    lxw_format *f = copy ? new_format(a) : NULL;
    if (!f) {
        free(copy);
        keep(a, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return NULL;
    }
    format_set_num_format(f, copy);
    a->nf[a->n_nf].code = copy;
    a->nf[a->n_nf++].f = f;
    return f;
}

static void num_formats_free(ann *a)
{
    for (size_t i = 0; i < a->n_nf; i++)
        free(a->nf[i].code);
    a->n_nf = 0;
}

/* --- the findings sheet --------------------------------------------------------- */

/* "internal:'Sheet'!C7" for a link (quotes doubled); NULL out of memory. */
static char *link_url(const char *place)
{
    const char *bang = strrchr(place, '!');
    bc_strbuf sb = BC_STRBUF_INIT;
    sb_adds(&sb, "internal:'");
    for (const char *p = place; p < bang; p++) {
        if (*p == '\'')
            sb_addc(&sb, '\'');
        sb_addc(&sb, *p);
    }
    sb_adds(&sb, "'");
    sb_adds(&sb, bang);
    return sb_detach(&sb);
}

/* A place worth showing without a link: not an XML line number of the
 * document built from the workbook (meaningless to the clerk). */
static int place_shown(const char *place)
{
    if (!place || !*place)
        return 0;
    for (const char *p = place; *p; p++)
        if (*p < '0' || *p > '9')
            return 1;
    return 0;
}

static void write_list(ann *a, lxw_worksheet *ws, int copied)
{
    static const char *const head[COL__COUNT] = {
        "STT", "Mức độ", "Vị trí", "Mã", "Nội dung", "Giá trị đã nhập",
        "Cần (giá trị đúng)"};
    static const double width[COL__COUNT] = {5, 10, 24, 22, 70, 28, 45};
    size_t n_sev[BC_SEV__COUNT] = {0};
    for (size_t i = 0; i < a->n_fs; i++)
        if ((unsigned)a->fs[i].f.sev < BC_SEV__COUNT)
            n_sev[a->fs[i].f.sev]++;

    for (int c = 0; c < COL__COUNT; c++)
        keep(a, worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
                                     width[c], c >= COL_MSG ? a->wrap : NULL));
    char *s = bc_asprintf("Các chỗ cần sửa trong bảng tính «%s»", a->base);
    put_string(a, ws, ROW_TITLE, 0, s ? s : "", a->title);
    free(s);
    s = bc_asprintf("%s%zu lỗi, %zu cảnh báo, %zu ghi chú.%s",
                    n_sev[BC_SEV_ERROR] ? "Bảng tính bị từ chối: " : "",
                    n_sev[BC_SEV_ERROR], n_sev[BC_SEV_WARNING],
                    n_sev[BC_SEV_NOTE],
                    copied ? " Các ô cần sửa được tô màu (đỏ: lỗi, vàng: "
                             "cảnh báo, xanh: ghi chú) và có chú thích (đưa "
                             "chuột vào ô để xem); bấm vào vị trí để đến ô "
                             "đó. Sửa trên bảng tính gốc rồi gửi lại."
                           : "");
    put_string(a, ws, ROW_SUMMARY, 0, s ? s : "", NULL);
    free(s);
    if (!copied)
        put_string(a, ws, ROW_NOTE, 0,
                   "Không chép lại được nội dung bảng tính (tệp không đọc "
                   "được hoặc chưa hỗ trợ định dạng này): bảng này chỉ có "
                   "danh sách lỗi.",
                   a->warn);
    for (int c = 0; c < COL__COUNT; c++)
        put_string(a, ws, ROW_HEAD, (lxw_col_t)c, head[c], a->head);

    lxw_row_t r = ROW_HEAD + 1;
    for (size_t i = 0; i < a->n_fs; i++, r++) {
        const ann_finding *f = &a->fs[i];
        bc_severity sev = (unsigned)f->f.sev < BC_SEV__COUNT ? f->f.sev
                                                             : BC_SEV_NOTE;
        keep(a, worksheet_write_number(ws, r, COL_NO, (double)(i + 1),
                                       a->wrap));
        put_string(a, ws, r, COL_SEV, sev_title(sev), a->hl[sev][0]);
        int linked = 0;
        if (copied && f->sheet != SIZE_MAX) {
            char *url = link_url(f->f.place);
            if (!url) {
                keep(a, LXW_ERROR_MEMORY_MALLOC_FAILED);
            } else if (worksheet_write_url_opt(ws, r, COL_PLACE, url, a->link,
                                               f->f.place, NULL) ==
                       LXW_NO_ERROR) {
                linked = 1;
            }
            free(url);
        }
        if (!linked && place_shown(f->f.place))
            put_string(a, ws, r, COL_PLACE, f->f.place, a->wrap);
        put_string(a, ws, r, COL_CODE, f->f.code, a->wrap);
        put_string(a, ws, r, COL_MSG, f->f.message, a->wrap);
        if (f->f.found)
            put_string(a, ws, r, COL_FOUND, f->f.found, a->wrap);
        if (f->f.expected)
            put_string(a, ws, r, COL_EXP, f->f.expected, a->wrap);
        /* tall enough for its longest wrapped text, in every program */
        size_t lines = wrapped_lines(f->f.message, width[COL_MSG]);
        const char *more[] = {f->f.found, f->f.expected, f->f.place,
                              f->f.code};
        const int col[] = {COL_FOUND, COL_EXP, COL_PLACE, COL_CODE};
        for (size_t k = 0; k < BC_ARRAY_LEN(more); k++) {
            size_t l = more[k] ? wrapped_lines(more[k], width[col[k]]) : 1;
            if (l > lines)
                lines = l;
        }
        fit_row(a, ws, r, lines);
    }
    fit_row(a, ws, ROW_HEAD, 2);
    worksheet_freeze_panes(ws, ROW_HEAD + 1, 0);
    keep(a, worksheet_autofilter(ws, ROW_HEAD, 0,
                                 a->n_fs ? r - 1 : ROW_HEAD + 1,
                                 COL__COUNT - 1));
    worksheet_set_tab_color(ws, LXW_COLOR_RED);
    worksheet_set_landscape(ws);
    worksheet_fit_to_pages(ws, 1, 0);
}

/* --- the copied sheets ------------------------------------------------------------ */

typedef struct pass {
    ann *a;
    lxw_worksheet *ws;
    size_t lo, hi;    /* the marks of the sheet */
    uint32_t max_col; /* widest column seen */
} pass;

static int copy_cell(const xlsx_cell *c, void *ctx)
{
    pass *p = ctx;
    ann *a = p->a;
    if (c->row == 0 || c->col == 0 || c->row > XLSX_MAX_ROW ||
        c->col > XLSX_MAX_COL)
        return 0;
    mark *m = find_mark(a, p->lo, p->hi, c->row, c->col);
    lxw_row_t r = c->row - 1;
    lxw_col_t col = (lxw_col_t)(c->col - 1);
    lxw_format *fmt = m ? a->hl[m->worst][0] : NULL;
    size_t chars;
    /* a formula naming another workbook ([1]Sheet!A1) or a table would
     * need parts the copy does not have: its value only */
    const char *ftext = c->ftext && !strchr(c->ftext, '[') ? c->ftext : NULL;
    switch (c->type) {
    case XLSX_CELL_EMPTY: /* a formula never calculated */
        return 0;
    case XLSX_CELL_NUMBER: /* shown as in the source when not marked */
        if (!m)
            fmt = num_format(a, c->numfmt);
        if (ftext) /* the formula kept, with its result */
            keep(a, worksheet_write_formula_num(p->ws, r, col, ftext, fmt,
                                                c->number));
        else
            keep(a, worksheet_write_number(p->ws, r, col, c->number, fmt));
        chars = strlen(c->text);
        break;
    case XLSX_CELL_DATE: {
        lxw_format *df = c->numfmt ? num_format(a, c->numfmt) : NULL;
        double serial = c->number + (a->date1904 ? DATE_1904_SHIFT : 0);
        fmt = m ? a->hl[m->worst][1] : df ? df : a->date;
        if (ftext)
            keep(a, worksheet_write_formula_num(p->ws, r, col, ftext, fmt,
                                                serial));
        else
            keep(a, worksheet_write_number(p->ws, r, col, serial, fmt));
        chars = 10;
        break;
    }
    case XLSX_CELL_BOOLEAN:
        keep(a, worksheet_write_boolean(p->ws, r, col, c->number != 0.0, fmt));
        chars = 5;
        break;
    default: /* strings, and error cells as their text */
        if (c->type == XLSX_CELL_STRING && ftext &&
            strlen(c->text) <= MAX_CELL_CHARS &&
            text_utf8_valid(c->text, strlen(c->text)))
            keep(a, worksheet_write_formula_str(p->ws, r, col, ftext, fmt,
                                                c->text));
        else
            put_string(a, p->ws, r, col, c->text, fmt);
        chars = text_chars(c->text, COL_MAX_WIDTH);
        break;
    }
    if (m)
        m->written = 1;
    if (chars > a->width[c->col])
        a->width[c->col] = (uint16_t)(chars < COL_MAX_WIDTH ? chars
                                                            : COL_MAX_WIDTH);
    if (c->col > p->max_col)
        p->max_col = c->col;
    return a->err != LXW_NO_ERROR;
}

/* The comment of a marked cell: every finding there; caller frees. */
static char *comment_text(const ann *a, const mark *m)
{
    bc_strbuf sb = BC_STRBUF_INIT;
    for (size_t j = 0; j < m->n; j++) {
        const bc_finding *f = &a->fs[a->order[m->first + j]].f;
        if (j)
            sb_adds(&sb, "\n\n");
        sb_addf(&sb, "%s [%s]: %s", sev_title(f->sev), f->code,
                f->message ? f->message : "");
        if (f->found)
            sb_addf(&sb, "\nĐã nhập: «%s»", f->found);
        if (f->expected)
            sb_addf(&sb, "\nCần: %s", f->expected);
    }
    return sb_detach(&sb);
}

/* Width, in characters, of the column printed beside a sheet's cells. */
#define NOTE_WIDTH 60.0

/* What is wrong in one row of a copied sheet, printable (comments do not
 * print): "Lỗi ô E2: <message>. Cần: <expected>", a line per finding, in
 * the first column right of the sheet's cells.  The row is made tall
 * enough for it. */
static void write_row_note(ann *a, lxw_worksheet *ws, size_t lo, size_t hi,
                           lxw_col_t col)
{
    bc_strbuf sb = BC_STRBUF_INIT;
    for (size_t k = lo; k < hi; k++) {
        const mark *m = &a->marks[k];
        char ref[XLSX_REF_BUF];
        xlsx_ref_format(m->row, m->col, ref);
        for (size_t j = 0; j < m->n; j++) {
            const bc_finding *f = &a->fs[a->order[m->first + j]].f;
            if (sb.len)
                sb_addc(&sb, '\n');
            /* "ô Sheet!A4 (Loại đối tượng) để trống…" is said as
             * "Lỗi ô A4 (Loại đối tượng) để trống…" */
            const char *msg = f->message ? f->message : "";
            size_t pl = f->place ? strlen(f->place) : 0;
            if (pl && !strncmp(msg, "ô ", strlen("ô ")) &&
                !strncmp(msg + strlen("ô "), f->place, pl) &&
                (msg[strlen("ô ") + pl] == ' ' ||
                 msg[strlen("ô ") + pl] == ':'))
                sb_addf(&sb, "%s ô %s%s", sev_title(f->sev), ref,
                        msg + strlen("ô ") + pl);
            else
                sb_addf(&sb, "%s ô %s: %s", sev_title(f->sev), ref, msg);
            if (f->expected)
                sb_addf(&sb, ". Cần: %s", f->expected);
        }
    }
    if (sb.failed) {
        keep(a, LXW_ERROR_MEMORY_MALLOC_FAILED);
    } else {
        const char *t = sb_str(&sb);
        put_string(a, ws, a->marks[lo].row - 1, col, t, a->note);
        fit_row(a, ws, a->marks[lo].row - 1, wrapped_lines(t, NOTE_WIDTH));
    }
    sb_release(&sb);
}

/* A height in pixels that shows the whole comment at its width. */
static uint16_t comment_height(const char *text)
{
    size_t lines = 0, chars = 0;
    for (const char *p = text;; p++) {
        if (*p == '\n' || !*p) {
            lines += chars / 50 + 1;
            chars = 0;
            if (!*p)
                break;
        } else if (((unsigned char)*p & 0xC0) != 0x80) {
            chars++;
        }
    }
    size_t h = 12 + lines * 13;
    return (uint16_t)(h < 74 ? 74 : h > 600 ? 600 : h);
}

static int overlaps(const xlsx_range *x, const xlsx_range *y)
{
    return x->first_row <= y->last_row && y->first_row <= x->last_row &&
           x->first_col <= y->last_col && y->first_col <= x->last_col;
}

/* Merges the sheet's ranges again: single cells, ranges overlapping an
 * earlier one (Excel would repair the file) and ranges after the first
 * MAX_MERGES are left out. */
static void copy_merges(ann *a, lxw_worksheet *ws, const xlsx_range *m,
                        size_t n)
{
    const xlsx_range *done[MAX_MERGES];
    size_t n_done = 0;
    for (size_t i = 0; i < n && n_done < MAX_MERGES; i++) {
        const xlsx_range *x = &m[i];
        if ((x->first_row == x->last_row && x->first_col == x->last_col) ||
            x->first_row == 0 || x->first_col == 0 ||
            x->last_row > XLSX_MAX_ROW || x->last_col > XLSX_MAX_COL)
            continue;
        int clash = 0;
        for (size_t k = 0; k < n_done && !clash; k++)
            clash = overlaps(x, done[k]);
        if (clash)
            continue;
        /* an empty string and no format leave the cells as written */
        lxw_error e = worksheet_merge_range(
            ws, x->first_row - 1, (lxw_col_t)(x->first_col - 1),
            x->last_row - 1, (lxw_col_t)(x->last_col - 1), "", NULL);
        if (e == LXW_ERROR_MEMORY_MALLOC_FAILED)
            keep(a, e);
        else if (e == LXW_NO_ERROR)
            done[n_done++] = x;
    }
}

/* Puts the source's dropdowns back (list validations over the same
 * cells, the same source: their lists are the copied sheets' cells). */
static void copy_dropdowns(ann *a, lxw_worksheet *ws,
                           const xlsx_dropdown *dd, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char *refs = bc_strdup(dd[i].sqref), *save = NULL;
        if (!refs) {
            keep(a, LXW_ERROR_MEMORY_MALLOC_FAILED);
            return;
        }
        for (char *tok = strtok_r(refs, " ", &save); tok;
             tok = strtok_r(NULL, " ", &save)) {
            uint32_t r1, c1, r2, c2;
            char *colon = strchr(tok, ':');
            if (colon)
                *colon = '\0';
            if (xlsx_ref_parse(tok, &r1, &c1) != 0)
                continue;
            r2 = r1;
            c2 = c1;
            if (colon && (xlsx_ref_parse(colon + 1, &r2, &c2) != 0 ||
                          r2 < r1 || c2 < c1))
                continue;
            lxw_data_validation v;
            memset(&v, 0, sizeof v);
            v.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
            v.value_formula = (char *)dd[i].source;
            lxw_error e = worksheet_data_validation_range(
                ws, r1 - 1, (lxw_col_t)(c1 - 1), r2 - 1, (lxw_col_t)(c2 - 1),
                &v);
            if (e == LXW_ERROR_MEMORY_MALLOC_FAILED)
                keep(a, e);
        }
        free(refs);
    }
}

/* Copies sheet i into ws.  *failed is set (BC_OK returned) when the sheet
 * cannot be read to its end: then no copy is handed out. */
static bc_status copy_sheet(ann *a, size_t i, lxw_worksheet *ws, int *failed)
{
    pass p = {a, ws, 0, 0, 0};
    sheet_marks(a, i, &p.lo, &p.hi);
    memset(a->width, 0, (XLSX_MAX_COL + 1) * sizeof *a->width);
    size_t before = diag_count(a->scratch);
    bc_status st = book_sheet_rows(a->book, i, copy_cell, &p);
    if (a->err != LXW_NO_ERROR)
        return BC_OK; /* the caller reports it */
    if (st == BC_ERR_NOMEM)
        return st;
    if (st != BC_OK) {
        /* cells that cannot be read are skipped (their findings say why);
         * anything else means the sheet was not read to its end */
        for (size_t k = before; k < diag_count(a->scratch); k++)
            if (strcmp(diag_get(a->scratch, k)->code, "XLSX-CELL") != 0)
                st = BC_ERR_PARSE;
        if (st != BC_ERR_INVALID) {
            *failed = 1;
            return BC_OK;
        }
    }
    const xlsx_range *merges = NULL;
    size_t n_merges = 0;
    st = book_sheet_merges(a->book, i, &merges, &n_merges);
    if (st == BC_ERR_NOMEM)
        return st;
    copy_merges(a, ws, merges, n_merges);
    const xlsx_dropdown *dd = NULL;
    size_t n_dd = 0;
    book_sheet_dropdowns(a->book, i, &dd, &n_dd);
    copy_dropdowns(a, ws, dd, n_dd);

    if (p.hi > p.lo)
        worksheet_set_comments_author(ws, ANNOTATE_AUTHOR);
    for (size_t k = p.lo; k < p.hi; k++) {
        mark *m = &a->marks[k];
        lxw_row_t r = m->row - 1;
        lxw_col_t c = (lxw_col_t)(m->col - 1);
        if (!m->written)
            keep(a, worksheet_write_blank(ws, r, c, a->hl[m->worst][0]));
        char *text = comment_text(a, m), *copy = NULL;
        const char *t = text ? fit_text(text, MAX_CELL_CHARS, &copy) : NULL;
        if (!t) {
            free(text);
            return BC_ERR_NOMEM;
        }
        lxw_comment_options opt;
        memset(&opt, 0, sizeof opt);
        opt.width = 320;
        opt.height = comment_height(t);
        opt.font_size = 9;
        keep(a, worksheet_write_comment_opt(ws, r, c, t, &opt));
        free(copy);
        free(text);
    }
    for (uint32_t c = 1; c <= p.max_col; c++)
        if (a->width[c] > COL_MIN_WIDTH)
            keep(a, worksheet_set_column(ws, (lxw_col_t)(c - 1),
                                         (lxw_col_t)(c - 1),
                                         (double)a->width[c] + 2, NULL));
    /* the printable notes, one a row, right of every cell and mark */
    uint32_t note_col = p.max_col;
    for (size_t k = p.lo; k < p.hi; k++)
        if (a->marks[k].col > note_col)
            note_col = a->marks[k].col;
    if (p.hi > p.lo && note_col < XLSX_MAX_COL) {
        keep(a, worksheet_set_column(ws, (lxw_col_t)note_col,
                                     (lxw_col_t)note_col, NOTE_WIDTH, NULL));
        for (size_t k = p.lo; k < p.hi;) {
            size_t end = k;
            while (end < p.hi && a->marks[end].row == a->marks[k].row)
                end++;
            write_row_note(a, ws, k, end, (lxw_col_t)note_col);
            k = end;
        }
        /* the notes print beside their rows, on the same pages */
        worksheet_set_landscape(ws);
        worksheet_fit_to_pages(ws, 1, 0);
    }
    if (book_sheet_state(a->book, i) != XLSX_SHEET_VISIBLE)
        worksheet_hide(ws);
    return BC_OK;
}

/* --- the workbook ------------------------------------------------------------------ */

/* The name of the findings sheet: ANNOTATE_SHEET, or with " (n)" when a
 * sheet of the source has that name.  Caller frees; NULL when out of
 * memory or no name is free (*none set). */
static char *list_name(const ann *a, int copy, int *none)
{
    *none = 0;
    for (unsigned n = 1; n <= MAX_SHEET_SUFFIX; n++) {
        char *name = n == 1 ? bc_strdup(ANNOTATE_SHEET)
                            : bc_asprintf(ANNOTATE_SHEET " (%u)", n);
        if (!name)
            return NULL;
        int taken = 0;
        for (size_t i = 0; copy && i < book_sheet_count(a->book) && !taken;
             i++) {
            const char *s = book_sheet_name(a->book, i);
            taken = s && (text_same(s, name) || strcmp(s, name) == 0);
        }
        if (!taken)
            return name;
        free(name);
    }
    *none = 1;
    return NULL;
}

/* Reports a libxlsxwriter error; the status to return. */
static bc_status lxw_fail(ann *a)
{
    if (a->err == LXW_ERROR_MEMORY_MALLOC_FAILED)
        return BC_ERR_NOMEM;
    bc_loc at = {a->out_path, 0, NULL};
    diag_add(a->d, BC_SEV_ERROR, "XLSX", &at, NULL, NULL,
             "không lập được bảng tính cần sửa của «%s» (%s)", a->src_path,
             lxw_strerror(a->err));
    return BC_ERR_INTERNAL;
}

/* Builds the whole workbook in a->out.wb, new and empty (not yet closed).
 * With copy, the sheets of the source follow the findings sheet; *failed
 * is set when they cannot all be copied (the workbook is then to be thrown
 * away). */
static bc_status build(ann *a, int copy, int year, int *failed)
{
    bc_status st = BC_OK;
    char *title = NULL, *name = NULL;
    lxw_worksheet **sheets = NULL;
    size_t n_sheets = copy ? book_sheet_count(a->book) : 0;
    *failed = 0;
    a->err = LXW_NO_ERROR;
    num_formats_free(a); /* formats of a workbook thrown away */
    if (!(title = bc_asprintf("Bảng tính cần sửa: %s", a->base))) {
        st = BC_ERR_NOMEM;
        goto out;
    }
    lxw_error perr;
    if (xlsx_set_year_props(a->out.wb, year, title,
                            "Các lỗi phát hiện khi kiểm tra báo cáo của đơn vị",
                            ANNOTATE_AUTHOR, "baocao, cần sửa",
                            &perr) != BC_OK) {
        st = BC_ERR_INTERNAL;
        goto out;
    }
    keep(a, perr);
    if ((st = make_formats(a)) != BC_OK)
        goto out;

    int none;
    if (!(name = list_name(a, copy, &none))) {
        if (none)
            *failed = 1;
        else
            st = BC_ERR_NOMEM;
        goto out;
    }
    lxw_worksheet *list = workbook_add_worksheet(a->out.wb, name);
    if (!list) {
        keep(a, LXW_ERROR_MEMORY_MALLOC_FAILED);
        goto out;
    }
    if (n_sheets && !(sheets = calloc(n_sheets, sizeof *sheets))) {
        st = BC_ERR_NOMEM;
        goto out;
    }
    for (size_t i = 0; i < n_sheets; i++) {
        const char *s = book_sheet_name(a->book, i);
        /* checked first: libxlsxwriter prints a warning for a bad name */
        if (!s || workbook_validate_sheet_name(a->out.wb, s) != LXW_NO_ERROR ||
            !(sheets[i] = workbook_add_worksheet(a->out.wb, s))) {
            *failed = 1;
            goto out;
        }
    }
    write_list(a, list, copy);
    for (size_t i = 0; i < n_sheets && !*failed && a->err == LXW_NO_ERROR;
         i++)
        if ((st = copy_sheet(a, i, sheets[i], failed)) != BC_OK)
            goto out;

out:
    if (st == BC_OK && !*failed && a->err != LXW_NO_ERROR)
        st = lxw_fail(a);
    free(sheets);
    free(name);
    free(title); /* workbook_set_properties keeps copies */
    return st;
}

bc_status annotate_workbook(const char *src_path, const bc_diag *src_d,
                            size_t first, size_t end, const char *out_path,
                            bc_diag *d, annotate_kind *kind)
{
    bc_status st = BC_OK;
    ann a;
    memset(&a, 0, sizeof a);
    if (kind)
        *kind = ANNOTATE_COPY;
    if (!src_path || !src_d || !out_path)
        return BC_ERR_USAGE;
    a.src_path = src_path;
    a.out_path = out_path;
    a.d = d;
    a.base = base_name(src_path);
    bc_loc at = {out_path, 0, NULL};
    if (strcmp(src_path, out_path) == 0 ||
        annotate_same_file(src_path, out_path)) {
        diag_add(d, BC_SEV_ERROR, "FILE-WRITE", &at, src_path, NULL,
                 "không ghi bảng tính cần sửa đè lên tệp nộp của đơn vị");
        return BC_ERR_USAGE;
    }

    /* checked here: libxlsxwriter would print its own message */
    const char *slash = strrchr(out_path, '/');
    char *dir = slash ? bc_strndup(out_path, (size_t)(slash - out_path))
                      : bc_strdup(".");
    if (!dir)
        return BC_ERR_NOMEM;
    int dir_ok = !*dir || bc_is_dir(dir);
    free(dir);
    if (!dir_ok) {
        diag_add(d, BC_SEV_ERROR, "FILE-WRITE", &at, NULL, NULL,
                 "không ghi được bảng tính cần sửa: thư mục chứa tệp không "
                 "tồn tại");
        return BC_ERR_IO;
    }

    /* the findings first: d may be src_d, and adding to it moves them */
    if (end > diag_count(src_d))
        end = diag_count(src_d);
    for (size_t i = first; i < end; i++) {
        const bc_finding *f = diag_get(src_d, i);
        a.n_fs += !f->file || strcmp(f->file, src_path) == 0;
    }
    if (a.n_fs && !(a.fs = calloc(a.n_fs, sizeof *a.fs))) {
        st = BC_ERR_NOMEM;
        goto done;
    }
    a.n_fs = 0;
    int year = 0;
    for (size_t i = first; i < end; i++) {
        const bc_finding *f = diag_get(src_d, i);
        if (f->file && strcmp(f->file, src_path) != 0)
            continue;
        a.fs[a.n_fs++].f = *f;
        if (!year && f->cycle >= 1970 && f->cycle <= 9999)
            year = f->cycle;
    }
    if (!year)
        year = DEFAULT_YEAR;

    if (!(a.scratch = diag_new()) ||
        !(a.width = calloc(XLSX_MAX_COL + 1, sizeof *a.width))) {
        st = BC_ERR_NOMEM;
        goto done;
    }
    /* libxlsxwriter's temporary files beside the copy, never in TMPDIR
     * (issue 15) */
    if ((st = xlsx_out_begin(&a.out, out_path)) != BC_OK)
        goto done;
    st = book_open(src_path, a.scratch, &a.book);
    if (st == BC_ERR_NOMEM)
        goto done;
    st = BC_OK;
    if (a.book)
        a.date1904 = book_date1904(a.book);
    if ((st = make_marks(&a)) != BC_OK)
        goto done;

    int copy = a.book != NULL, failed = 0;
    for (;;) {
        st = build(&a, copy, year, &failed);
        if (st != BC_OK || !failed || !copy)
            break;
        copy = 0;
        if ((st = xlsx_out_restart(&a.out)) != BC_OK)
            break;
    }
    if (st == BC_OK && failed)
        st = lxw_fail(&a); /* no name free even without the source */
    if (st != BC_OK)
        goto done;
    if (kind)
        *kind = copy ? ANNOTATE_COPY : ANNOTATE_LIST_ONLY;
    st = xlsx_out_commit(&a.out, d);

done:
    xlsx_out_end(&a.out);
    book_close(a.book);
    num_formats_free(&a);
    diag_free(a.scratch);
    free(a.width);
    free(a.order);
    free(a.marks);
    free(a.fs);
    return st;
}

/* --- the copies that belong to a report set --------------------------------- */

bc_status annotate_set_add(annotate_set *s, const char *src,
                           const char *shown, size_t from, size_t to)
{
    /* one more each time: a year's rejected workbooks are few */
    annotate_set_item *nv = realloc(s->v, (s->n + 1) * sizeof *nv);
    if (!nv)
        return BC_ERR_NOMEM;
    s->v = nv;
    annotate_set_item *it = &s->v[s->n];
    it->src = bc_strdup(src);
    it->shown = bc_strdup(shown);
    it->from = from;
    it->to = to;
    it->rel = it->src && it->shown
                  ? annotate_pick_name(&s->names, ANNOTATE_SET_DIR, shown,
                                       NULL, 0)
                  : NULL;
    if (!it->rel) {
        free(it->src);
        free(it->shown);
        return BC_ERR_NOMEM;
    }
    s->n++;
    return BC_OK;
}

bc_status annotate_set_mark(const annotate_set *s, xmlDocPtr doc)
{
    xmlNodePtr root = xmlDocGetRootElement(doc);
    xmlNodePtr subs = root ? xmlio_child(root, "submissions") : NULL;
    for (xmlNodePtr f = subs ? xmlio_child(subs, "file") : NULL; f;
         f = xmlio_next(f, "file")) {
        char *path = xmlio_attr(f, "path");
        for (size_t i = 0; path && i < s->n; i++)
            if (strcmp(s->v[i].shown, path) == 0 &&
                !xmlSetProp(f, BAD_CAST ANNOTATE_SET_ATTR,
                            BAD_CAST s->v[i].rel)) {
                free(path);
                return BC_ERR_NOMEM;
            }
        free(path);
    }
    return BC_OK;
}

bc_status annotate_set_write(const annotate_set *s, const char *stage,
                             const bc_diag *src_d, bc_diag *d,
                             size_t *list_only)
{
    char *dir = bc_path_join(stage, ANNOTATE_SET_DIR);
    bc_status st = dir ? bc_mkdir_p(dir) : BC_ERR_NOMEM;
    if (list_only)
        *list_only = 0;
    for (size_t i = 0; st == BC_OK && i < s->n; i++) {
        char *out = bc_path_join(stage, s->v[i].rel);
        annotate_kind kind = ANNOTATE_COPY;
        st = out ? annotate_workbook(s->v[i].src, src_d, s->v[i].from,
                                     s->v[i].to, out, d, &kind)
                 : BC_ERR_NOMEM;
        if (st == BC_OK && kind == ANNOTATE_LIST_ONLY && list_only)
            (*list_only)++;
        free(out);
    }
    free(dir);
    return st;
}

void annotate_set_free(annotate_set *s)
{
    for (size_t i = 0; i < s->n; i++) {
        free(s->v[i].src);
        free(s->v[i].shown);
    }
    free(s->v);
    annotate_names_free(&s->names);
    s->v = NULL;
    s->n = 0;
}
