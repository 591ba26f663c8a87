/* xls_reader.c - Excel 97-2003 workbooks (.xls) through FreeXL, behind a
 * scan of the file's own records.  See xls_reader.h for the contract.
 *
 * The file is read once into memory.  The compound file (OLE, [MS-CFB])
 * is walked to its Workbook stream, whose BIFF8 records ([MS-XLS]) are
 * checked and scanned: everything FreeXL would copy into its fixed
 * buffers or allocate from is checked first, and the facts FreeXL keeps
 * to itself or drops (sheet states, formula results, BOOLERR types) are
 * recorded.  Only then does FreeXL read the file: a private copy of the
 * very bytes the scan checked (FreeXL wants a path; see fx_open_copy),
 * so that a file changed in the meantime cannot slip past the scan.  Its
 * sheet list is checked against the scan's. */
#define _GNU_SOURCE /* memfd_create */
#include "xls_reader.h"

#include <errno.h>
#include <freexl.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "array.h"
#include "order.h"
#include "reader.h"
#include "text.h"
#include "util.h"

/* BIFF8 record types. */
#define R_FORMULA 0x0006
#define R_EOF 0x000A
#define R_DATEMODE 0x0022
#define R_FILEPASS 0x002F
#define R_CONTINUE 0x003C
#define R_COLINFO 0x007D
#define R_BOUNDSHEET 0x0085
#define R_MULRK 0x00BD
#define R_XF 0x00E0
#define R_SST 0x00FC
#define R_RSTRING 0x00D6
#define R_MERGEDCELLS 0x00E5
#define R_LABELSST 0x00FD
#define R_DIMENSIONS 0x0200
#define R_NUMBER 0x0203
#define R_LABEL 0x0204
#define R_BOOLERR 0x0205
#define R_STRING 0x0207
#define R_ROW 0x0208
#define R_RK 0x027E
#define R_FORMAT 0x041E
#define R_BOF 0x0809

/* The longest record of BIFF8 (FreeXL's record buffer). */
#define BIFF8_MAX_RECORD 8224u
/* FreeXL remembers at most this many date formats. */
#define FX_MAX_DATE_FORMATS 2048u
/* The longest text Excel holds in a cell. */
#define XL_MAX_CHARS 32767u

/* The end of a chain of compound file sectors. */
#define CFB_END 0xFFFFFFFEu

/* Kinds of date format, as FreeXL tells them. */
enum { FX_NOT_DATE = 0, FX_DATE, FX_DATETIME, FX_TIME };

/* A cell FreeXL does not give (a formula's cached result) or gives wrong
 * (a BOOLERR record), from the scan. */
typedef struct xcell {
    uint32_t row, col; /* 0-based */
    uint32_t seq;      /* record order: of two records for one cell, the
                          later wins */
    xlsx_cell_type type;
    int formula;
    uint16_t xf;
    double number;
    char *text;       /* STRING: malloc'ed UTF-8 */
    const char *lit;  /* BOOLEAN, ERROR: static text */
    const char *bad;  /* why the cell cannot be read, or NULL */
    const char *bad_found;
} xcell;

/* A growing list of ranges of a sheet. */
typedef struct range_list {
    xlsx_range *v; /* malloc'ed */
    size_t n, cap;
} range_list;

/* Appends r to l; BC_ERR_NOMEM (l unchanged) when memory runs out. */
static bc_status range_list_add(range_list *l, xlsx_range r)
{
    if (array_grow((void **)&l->v, &l->cap, l->n, sizeof *l->v) < 0)
        return BC_ERR_NOMEM;
    l->v[l->n++] = r;
    return BC_OK;
}

/* Frees the ranges of l and empties it. */
static void range_list_clear(range_list *l)
{
    free(l->v);
    *l = (range_list){NULL, 0, 0};
}

typedef struct xsheet {
    char *name;   /* as FreeXL gives it (checked UTF-8) */
    char *bname;  /* as the scan decoded its BOUNDSHEET */
    uint32_t bof; /* stream offset of its BOF record */
    xlsx_sheet_state state;
    int has_dim;
    uint32_t rows, cols;         /* DIMENSIONS (counts, not indexes) */
    uint32_t ext_rows, ext_cols; /* extent of the cell records */
    uint32_t fx_rows, fx_cols;   /* as FreeXL reports them */
    xcell *cells;
    size_t n_cells, cap_cells;
    int sorted;
    range_list merges;   /* MERGEDCELLS, 1-based */
    range_list hidden;   /* hidden columns (COLINFO), 1-based, rows 0 */
    unsigned char *hidden_rows; /* bit per 0-based row (ROW, fDyZero);
                                   NULL when no row is hidden */
} xsheet;

typedef struct date_fmt {
    uint16_t id;
    int kind;
} date_fmt;

struct xls_book {
    const void *fx; /* the FreeXL handle */
    char *name;     /* for findings */
    bc_diag *d;
    int date1904;
    xsheet *sheets;
    size_t n_sheets, cap_sheets;
    uint16_t *xf_fmt; /* XF index -> format index */
    size_t n_xf, cap_xf;
    date_fmt *fmts; /* date formats, in file order */
    size_t n_fmts, cap_fmts;
    uint64_t cells_claimed;
    uint64_t date_days;
    size_t n_extra;
    uint32_t seq;
};

/* --- small helpers -------------------------------------------------------- */

static uint16_t le16(const unsigned char *p)
{
    return (uint16_t)(p[0] | (p[1] << 8));
}

static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) |
           ((uint32_t)p[3] << 24);
}

static double le_double(const unsigned char *p)
{
    uint64_t u = 0;
    for (int i = 7; i >= 0; i--)
        u = (u << 8) | p[i];
    double v;
    memcpy(&v, &u, sizeof v);
    return v;
}


/* An XLS-* error finding about the workbook (reader_find); found is
 * quoted whole. */
#define bfind(b, ...)                                                         \
    reader_find((b)->d, (b)->name, 0,                                         \
                "mở tệp bằng Excel hoặc LibreOffice, sửa hoặc lưu lại dạng " \
                ".xlsx rồi gửi lại",                                          \
                __VA_ARGS__)

#define RESAVE "hãy mở tệp bằng Excel hoặc LibreOffice rồi lưu lại dạng .xlsx"
#define EXPECT_XLS "sổ tính Excel 97-2003 (.xls) hoặc tệp .xlsx"

/* The shortest decimal text that reads back as v: %.15g, or more digits
 * when needed.  buf holds 32 bytes. */
static void num_text(double v, char buf[32])
{
    if (v == 0.0) { /* also -0 */
        strcpy(buf, "0");
        return;
    }
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(buf, 32, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            return;
    }
}

/* Appends code point cp as UTF-8. */
static void put_utf8(bc_strbuf *sb, uint32_t cp)
{
    char u[4];
    size_t n;
    if (cp < 0x80) {
        u[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        u[0] = (char)(0xC0 | (cp >> 6));
        u[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | (cp >> 12));
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        u[0] = (char)(0xF0 | (cp >> 18));
        u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    sb_add(sb, u, n);
}

/* --- the compound file: finding the Workbook stream ----------------------- */

typedef struct cfb {
    xls_book *b;
    const unsigned char *data;
    size_t len;
    uint32_t ss;     /* sector size */
    uint32_t n_sect; /* whole sectors after the header */
    uint32_t *fat;
    size_t n_fat;
} cfb;

static bc_status cfb_bad(cfb *c, const char *why)
{
    bfind(c->b, "XLSX-READ", NULL, why, EXPECT_XLS,
          "tệp .xls bị hỏng hoặc bị cắt cụt (%s); " RESAVE, why);
    return BC_ERR_PARSE;
}

static const unsigned char *sector(const cfb *c, uint32_t s)
{
    return c->data + ((size_t)s + 1) * c->ss;
}

/* The `size` bytes of the stream starting at sector `start`, through the
 * FAT, into *out (malloc'ed). */
static bc_status cfb_chain(cfb *c, uint32_t start, uint64_t size,
                           unsigned char **out)
{
    *out = NULL;
    if (size > (uint64_t)c->n_sect * c->ss)
        return cfb_bad(c, "một luồng dữ liệu dài hơn cả tệp");
    unsigned char *buf = malloc(size ? (size_t)size : 1);
    if (!buf)
        return BC_ERR_NOMEM;
    size_t got = 0;
    uint32_t s = start;
    while (got < size) {
        if (s >= c->n_sect || s >= c->n_fat) {
            free(buf);
            return cfb_bad(c, "chuỗi sector trỏ ra ngoài tệp");
        }
        size_t k = size - got < c->ss ? (size_t)(size - got) : c->ss;
        memcpy(buf + got, sector(c, s), k);
        got += k;
        s = c->fat[s];
    }
    *out = buf;
    return BC_OK;
}

/* A chain of unknown length (the directory): every sector up to the end
 * mark, at most n_sect of them. */
static bc_status cfb_chain_all(cfb *c, uint32_t start, unsigned char **out,
                               size_t *len)
{
    *out = NULL;
    *len = 0;
    size_t n = 0;
    for (uint32_t s = start; s != CFB_END; s = c->fat[s]) {
        if (s >= c->n_sect || s >= c->n_fat || ++n > c->n_sect)
            return cfb_bad(c, "thư mục của tệp hỏng");
    }
    if (n == 0)
        return cfb_bad(c, "tệp không có thư mục");
    *len = n * c->ss;
    return cfb_chain(c, start, (uint64_t)n * c->ss, out);
}

/* Reads the FAT: the header's 109 sector numbers, then the DIFAT chain. */
static bc_status cfb_fat(cfb *c)
{
    const unsigned char *h = c->data;
    uint32_t n_fat_sect = le32(h + 0x2C);
    uint32_t difat = le32(h + 0x44), n_difat = le32(h + 0x48);
    if (n_fat_sect == 0 || n_fat_sect > c->n_sect || n_difat > c->n_sect)
        return cfb_bad(c, "bảng cấp phát (FAT) có kích thước sai");
    uint32_t per = c->ss / 4;
    c->n_fat = (size_t)n_fat_sect * per;
    c->fat = malloc(c->n_fat * sizeof *c->fat);
    if (!c->fat)
        return BC_ERR_NOMEM;
    uint32_t done = 0, chained = 0;
    const unsigned char *list = h + 0x4C;
    uint32_t in_list = 109;
    while (done < n_fat_sect) {
        if (in_list == 0) {
            /* next DIFAT sector: per-1 numbers, then the next one's */
            if (chained++ >= n_difat || difat >= c->n_sect)
                return cfb_bad(c, "bảng DIFAT thiếu hoặc hỏng");
            list = sector(c, difat);
            in_list = per - 1;
            difat = le32(list + (size_t)(per - 1) * 4);
        }
        uint32_t fs = le32(list);
        list += 4;
        in_list--;
        if (fs >= c->n_sect)
            return cfb_bad(c, "bảng cấp phát (FAT) trỏ ra ngoài tệp");
        const unsigned char *p = sector(c, fs);
        for (uint32_t i = 0; i < per; i++)
            c->fat[(size_t)done * per + i] = le32(p + (size_t)i * 4);
        done++;
    }
    return BC_OK;
}

/* 1 if the directory entry's name is `want` (ASCII). */
static int dir_name_is(const unsigned char *e, const char *want)
{
    size_t nl = le16(e + 0x40);
    size_t n = strlen(want);
    if (nl != (n + 1) * 2)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (le16(e + i * 2) != (unsigned char)want[i])
            return 0;
    return 1;
}

/* The Workbook stream of the compound file in data[0..len). */
static bc_status cfb_workbook(xls_book *b, const unsigned char *data,
                              size_t len, unsigned char **wb, size_t *wb_len)
{
    cfb c = {b, data, len, 0, 0, NULL, 0};
    unsigned char *dir = NULL, *mini = NULL, *minifat = NULL;
    size_t dir_len = 0;
    bc_status st = BC_OK;
    *wb = NULL;
    *wb_len = 0;
    if (len < 512) {
        st = cfb_bad(&c, "phần đầu tệp bị cắt cụt");
        goto out;
    }
    uint16_t shift = le16(data + 0x1E);
    if (le16(data + 0x1C) != 0xFFFE || (shift != 9 && shift != 12) ||
        le16(data + 0x20) != 6) {
        st = cfb_bad(&c, "phần đầu tệp không hợp lệ");
        goto out;
    }
    c.ss = 1u << shift;
    if (len / c.ss < 2) {
        st = cfb_bad(&c, "tệp không có dữ liệu sau phần đầu");
        goto out;
    }
    c.n_sect = (uint32_t)(len / c.ss - 1);
    if ((st = cfb_fat(&c)) != BC_OK)
        goto out;
    if ((st = cfb_chain_all(&c, le32(data + 0x30), &dir, &dir_len)) !=
        BC_OK)
        goto out;
    /* the root entry (0) holds the mini stream; the Workbook is a stream */
    if (dir[0x42] != 5) {
        st = cfb_bad(&c, "thiếu mục gốc của thư mục");
        goto out;
    }
    /* a name is at most 64 bytes (MS-CFB 2.6.1): FreeXL 1.0.6 converts
     * the names with the length their entry claims (up to 65535), reading
     * that far beyond the entry, into its own stack (found by
     * tests/fuzz/fuzz_xls.c) */
    for (size_t off = 0; off + 128 <= dir_len; off += 128)
        if (le16(dir + off + 0x40) > 64) {
            st = cfb_bad(&c, "tên một mục thư mục dài hơn 64 byte");
            goto out;
        }
    const unsigned char *wbe = NULL;
    for (size_t off = 0; off + 128 <= dir_len; off += 128) {
        const unsigned char *e = dir + off;
        if (e[0x42] == 2 &&
            (dir_name_is(e, "Workbook") || dir_name_is(e, "Book"))) {
            wbe = e;
            break;
        }
    }
    if (!wbe) {
        bfind(b, "XLSX-READ", NULL, NULL, EXPECT_XLS,
              "tệp không chứa sổ tính Excel (không có luồng Workbook): có "
              "thể là tài liệu Word, PowerPoint hoặc tệp khác mang đuôi "
              ".xls");
        st = BC_ERR_PARSE;
        goto out;
    }
    uint64_t size = le32(wbe + 0x78);
    if (shift == 12 && le32(wbe + 0x7C) != 0)
        size = UINT64_MAX;
    if (size == 0) {
        st = cfb_bad(&c, "luồng Workbook rỗng");
        goto out;
    }
    uint32_t start = le32(wbe + 0x74);
    uint32_t cutoff = le32(data + 0x38), n_minifat = le32(data + 0x40);
    if (n_minifat > 0 && size < cutoff) {
        /* a small stream: 64-byte sectors inside the root's mini stream */
        const unsigned char *root = dir;
        uint64_t mini_len = le32(root + 0x78);
        if ((st = cfb_chain(&c, le32(root + 0x74), mini_len, &mini)) !=
            BC_OK)
            goto out;
        if (n_minifat > c.n_sect) {
            st = cfb_bad(&c, "bảng mini FAT có kích thước sai");
            goto out;
        }
        uint64_t mf_len = (uint64_t)n_minifat * c.ss;
        if ((st = cfb_chain(&c, le32(data + 0x3C), mf_len, &minifat)) !=
            BC_OK)
            goto out;
        size_t n_mf = (size_t)(mf_len / 4);
        unsigned char *buf = malloc((size_t)size);
        if (!buf) {
            st = BC_ERR_NOMEM;
            goto out;
        }
        size_t got = 0;
        uint32_t s = start;
        while (got < size) {
            if (s >= n_mf || ((uint64_t)s + 1) * 64 > mini_len) {
                free(buf);
                st = cfb_bad(&c, "chuỗi mini sector trỏ ra ngoài tệp");
                goto out;
            }
            size_t k = size - got < 64 ? (size_t)(size - got) : 64;
            memcpy(buf + got, mini + (size_t)s * 64, k);
            got += k;
            s = le32(minifat + (size_t)s * 4);
        }
        *wb = buf;
    } else if ((st = cfb_chain(&c, start, size, wb)) != BC_OK) {
        goto out;
    }
    *wb_len = (size_t)size;
out:
    free(c.fat);
    free(dir);
    free(mini);
    free(minifat);
    return st;
}

/* --- the BIFF8 scan ------------------------------------------------------- */

typedef struct scan {
    xls_book *b;
    const unsigned char *wb;
    size_t n;
    size_t pos;      /* offset of the current record */
    uint16_t type;
    const unsigned char *r; /* its data */
    size_t size;
    int depth;       /* BOF/EOF nesting */
    int globals;     /* in the workbook globals */
    xsheet *sh;      /* the sheet whose substream this is, or NULL */
    xsheet *last;    /* the sheet of the last substream (FreeXL's active
                        sheet when its first pass ends) */
    int pending;     /* index + 1 of the formula waiting for STRING */
    int sst_seen;    /* an SST record was scanned */
    bc_strbuf sb;
    char place[600]; /* "Sheet!C7" for findings */
} scan;

/* "Sheet!C7" of a cell of the current sheet, for findings (valid until
 * the next call). */
static const char *scan_place(scan *s, uint32_t row, uint32_t col)
{
    char ref[XLSX_REF_BUF];
    if (!xlsx_ref_format(row + 1, col + 1, ref))
        snprintf(ref, sizeof ref, "?");
    snprintf(s->place, sizeof s->place, "%s!%s",
             s->sh && s->sh->bname ? s->sh->bname : "?", ref);
    return s->place;
}

static bc_status scan_bad(scan *s, const char *place, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static bc_status scan_bad(scan *s, const char *place, const char *fmt, ...)
{
    char why[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    char found[48];
    snprintf(found, sizeof found, "bản ghi 0x%04X tại vị trí %zu",
             (unsigned)s->type, s->pos);
    bfind(s->b, "XLSX-READ", place, found, EXPECT_XLS,
          "tệp .xls bị hỏng (%s); " RESAVE, why);
    return BC_ERR_PARSE;
}

/* A record at least `need` bytes long, or a finding. */
static bc_status need(scan *s, size_t need_bytes, const char *what)
{
    if (s->size >= need_bytes)
        return BC_OK;
    return scan_bad(s, NULL, "bản ghi %s ngắn hơn quy định", what);
}

/* Decodes an Excel string of cch characters at wb[pos..end) (the first
 * byte, the flags, already read into `high`), continuing into CONTINUE
 * records when `cont`.  0; -1 when it runs out of its record(s); -2 on a
 * character that is not text (a lone surrogate, U+0000). */
static int xl_string(scan *s, size_t pos, size_t end, size_t cch, int high,
                     int cont, bc_strbuf *out)
{
    uint32_t hi_sur = 0;
    for (size_t i = 0; i < cch; i++) {
        if (pos >= end) {
            /* the rest is in the next record, a CONTINUE */
            if (!cont || end + 4 > s->n || le16(s->wb + end) != R_CONTINUE)
                return -1;
            size_t sz = le16(s->wb + end + 2);
            pos = end + 4;
            end = pos + sz; /* framing was checked by the first pass */
            if (pos >= end)
                return -1;
            high = s->wb[pos++] & 1;
        }
        uint32_t u;
        if (high) {
            if (pos + 2 > end)
                return -1;
            u = le16(s->wb + pos);
            pos += 2;
        } else {
            u = s->wb[pos++];
        }
        if (hi_sur) {
            if (u < 0xDC00 || u > 0xDFFF)
                return -2;
            put_utf8(out, 0x10000 + ((hi_sur - 0xD800) << 10) + (u - 0xDC00));
            hi_sur = 0;
        } else if (u >= 0xD800 && u <= 0xDBFF) {
            hi_sur = u;
        } else if ((u >= 0xDC00 && u <= 0xDFFF) || u == 0) {
            return -2;
        } else {
            put_utf8(out, u);
        }
    }
    return hi_sur ? -2 : 0;
}

/* The start of the characters of a FreeXL "unicode string" whose flags
 * byte is at p: FreeXL skips a rich-text run count (flag 0x08) and an
 * extension size (flag 0x04). */
static size_t fx_string_skip(unsigned char flags)
{
    return 1 + ((flags & 0x08) ? 2 : 0) + ((flags & 0x04) ? 4 : 0);
}

/* FreeXL's check_format: which of Y, M, D, H, S appear, anywhere. */
static int fx_format_kind(const unsigned char *p, size_t cch, int high)
{
    int y = 0, m = 0, d = 0, h = 0, sec = 0;
    for (size_t i = 0; i < cch; i++) {
        unsigned u = high ? le16(p + i * 2) : p[i];
        switch (u) {
        case 'Y': case 'y': y = 1; break;
        case 'M': case 'm': m = 1; break;
        case 'D': case 'd': d = 1; break;
        case 'H': case 'h': h = 1; break;
        case 'S': case 's': sec = 1; break;
        default: break;
        }
    }
    if (y && m && d && h)
        return FX_DATETIME;
    if ((y && m) || (m && d))
        return FX_DATE;
    if ((h && m) || (m && sec))
        return FX_TIME;
    return FX_NOT_DATE;
}

/* How FreeXL shows a number of cell format (XF) xf. */
static int fx_date_kind(const xls_book *b, uint32_t xf)
{
    if (xf >= b->n_xf)
        return FX_NOT_DATE;
    uint16_t f = b->xf_fmt[xf];
    if (f >= 14 && f <= 17)
        return FX_DATE;
    if ((f >= 18 && f <= 21) || (f >= 45 && f <= 47))
        return FX_TIME;
    if (f == 22)
        return FX_DATETIME;
    for (size_t i = 0; i < b->n_fmts; i++)
        if (b->fmts[i].id == f)
            return b->fmts[i].kind;
    return FX_NOT_DATE;
}

/* FreeXL's reading of an RK number. */
static double rk_value(uint32_t rk)
{
    double v;
    if (rk & 2) {
        v = (double)((int32_t)rk >> 2);
    } else {
        unsigned char bytes[8] = {0};
        uint32_t hi = rk & 0xFFFFFFFCu;
        bytes[4] = (unsigned char)hi;
        bytes[5] = (unsigned char)(hi >> 8);
        bytes[6] = (unsigned char)(hi >> 16);
        bytes[7] = (unsigned char)(hi >> 24);
        v = le_double(bytes);
    }
    return (rk & 1) ? v / 100.0 : v;
}

/* A cell FreeXL will store: inside the declared range, extent updated. */
static bc_status stored_cell(scan *s, uint32_t row, uint32_t col)
{
    xsheet *sh = s->sh;
    if (!sh)
        return BC_OK;
    if (sh->has_dim && (row >= sh->rows || col >= sh->cols))
        return scan_bad(s, scan_place(s, row, col),
                        "ô nằm ngoài vùng dữ liệu trang tính khai báo");
    if (row + 1 > sh->ext_rows)
        sh->ext_rows = row + 1;
    if (col + 1 > sh->ext_cols)
        sh->ext_cols = col + 1;
    return BC_OK;
}

/* A number FreeXL may show as a date: its serial must stay small enough
 * for FreeXL's day-by-day count. */
static bc_status number_cell(scan *s, uint32_t row, uint32_t col,
                             uint32_t xf, double v)
{
    bc_status st = stored_cell(s, row, col);
    if (st != BC_OK || !s->sh)
        return st;
    int kind = fx_date_kind(s->b, xf);
    if (kind == FX_NOT_DATE)
        return BC_OK;
    if (!(fabs(v) <= XLS_MAX_DATE_SERIAL)) {
        char found[32];
        num_text(v, found);
        bfind(s->b, "XLSX-LIMIT", scan_place(s, row, col), found,
              "số ngày từ 1900 đến 31/12/9999",
              "ô kiểu ngày giờ có giá trị quá lớn, vượt giới hạn an toàn "
              "khi đọc tệp .xls");
        return BC_ERR_LIMIT;
    }
    if (kind != FX_TIME && v >= 1.0) {
        s->b->date_days += (uint64_t)v;
        if (s->b->date_days > XLS_MAX_DATE_DAYS) {
            bfind(s->b, "XLSX-LIMIT", scan_place(s, row, col), NULL, NULL,
                  "tệp .xls có quá nhiều ô ngày tháng, vượt giới hạn an "
                  "toàn khi đọc");
            return BC_ERR_LIMIT;
        }
    }
    return BC_OK;
}

static xcell *new_xcell(scan *s, uint32_t row, uint32_t col, uint16_t xf)
{
    xsheet *sh = s->sh;
    if (++s->b->n_extra > XLS_MAX_CELLS)
        return NULL;
    if (array_grow((void **)&sh->cells, &sh->cap_cells, sh->n_cells,
             sizeof *sh->cells) < 0)
        return NULL;
    xcell *c = &sh->cells[sh->n_cells++];
    memset(c, 0, sizeof *c);
    c->row = row;
    c->col = col;
    c->xf = xf;
    c->seq = s->b->seq++;
    return c;
}

static bc_status extra_fail(scan *s)
{
    if (s->b->n_extra > XLS_MAX_CELLS) {
        bfind(s->b, "XLSX-LIMIT", NULL, NULL, NULL,
              "tệp .xls có hơn %llu ô công thức và đúng/sai, vượt giới hạn "
              "an toàn",
              (unsigned long long)XLS_MAX_CELLS);
        return BC_ERR_LIMIT;
    }
    return BC_ERR_NOMEM;
}

static const char *error_text(unsigned code)
{
    switch (code) {
    case 0x00: return "#NULL!";
    case 0x07: return "#DIV/0!";
    case 0x0F: return "#VALUE!";
    case 0x17: return "#REF!";
    case 0x1D: return "#NAME?";
    case 0x24: return "#NUM!";
    case 0x2A: return "#N/A";
    case 0x2B: return "#GETTING_DATA";
    default: return NULL;
    }
}

static void set_error(xcell *c, unsigned code)
{
    c->type = XLSX_CELL_ERROR;
    c->lit = error_text(code);
    if (!c->lit) {
        c->bad = "ô có mã lỗi không hợp lệ";
        c->bad_found = "mã lỗi lạ";
    }
}

static bc_status rec_globals(scan *s)
{
    xls_book *b = s->b;
    bc_status st;
    switch (s->type) {
    case R_FILEPASS:
        bfind(b, "XLSX-READ", NULL, NULL, "sổ tính không đặt mật khẩu",
              "sổ tính .xls được đặt mật khẩu (mã hóa) nên không đọc được; "
              "hãy bỏ mật khẩu rồi lưu lại dạng .xlsx");
        return BC_ERR_INVALID;
    case R_DATEMODE:
        if ((st = need(s, 2, "DATEMODE")) != BC_OK)
            return st;
        b->date1904 = le16(s->r) != 0; /* FreeXL: any nonzero is 1904 */
        return BC_OK;
    case R_XF:
        if ((st = need(s, 4, "XF")) != BC_OK)
            return st;
        if (b->n_xf >= XLS_MAX_XF) {
            bfind(b, "XLSX-LIMIT", NULL, NULL, NULL,
                  "tệp .xls có hơn %u định dạng ô (bản ghi XF), vượt giới "
                  "hạn an toàn",
                  XLS_MAX_XF);
            return BC_ERR_LIMIT;
        }
        if (array_grow((void **)&b->xf_fmt, &b->cap_xf, b->n_xf,
                 sizeof *b->xf_fmt) < 0)
            return BC_ERR_NOMEM;
        b->xf_fmt[b->n_xf++] = le16(s->r + 2);
        return BC_OK;
    case R_FORMAT: {
        if ((st = need(s, 5, "FORMAT")) != BC_OK)
            return st;
        size_t cch = le16(s->r + 2);
        unsigned char fl = s->r[4];
        size_t at = 4 + fx_string_skip(fl);
        size_t w = (fl & 1) ? 2 : 1;
        if (at > s->size || cch > (s->size - at) / w)
            return scan_bad(s, NULL, "chuỗi định dạng dài hơn bản ghi");
        int kind = fx_format_kind(s->r + at, cch, fl & 1);
        if (kind != FX_NOT_DATE && b->n_fmts < FX_MAX_DATE_FORMATS) {
            if (array_grow((void **)&b->fmts, &b->cap_fmts, b->n_fmts,
                     sizeof *b->fmts) < 0)
                return BC_ERR_NOMEM;
            b->fmts[b->n_fmts].id = le16(s->r);
            b->fmts[b->n_fmts++].kind = kind;
        }
        return BC_OK;
    }
    case R_BOUNDSHEET: {
        if ((st = need(s, 8, "BOUNDSHEET")) != BC_OK)
            return st;
        if (b->n_sheets >= XLS_MAX_SHEETS) {
            bfind(b, "XLSX-LIMIT", NULL, NULL, NULL,
                  "sổ tính có hơn %u trang tính, vượt giới hạn an toàn",
                  XLS_MAX_SHEETS);
            return BC_ERR_LIMIT;
        }
        size_t cch = s->r[6];
        int high = s->r[7] != 0; /* as FreeXL reads it */
        if (cch > (s->size - 8) / (high ? 2 : 1))
            return scan_bad(s, NULL, "tên trang tính dài hơn bản ghi");
        sb_reset(&s->sb);
        if (cch == 0 || xl_string(s, s->pos + 4 + 8, s->pos + 4 + s->size,
                                  cch, high, 0, &s->sb) != 0)
            return scan_bad(s, NULL, "tên trang tính không hợp lệ");
        if (array_grow((void **)&b->sheets, &b->cap_sheets, b->n_sheets,
                 sizeof *b->sheets) < 0)
            return BC_ERR_NOMEM;
        xsheet *sh = &b->sheets[b->n_sheets];
        memset(sh, 0, sizeof *sh);
        if (s->sb.failed || !(sh->bname = bc_strdup(sb_str(&s->sb))))
            return BC_ERR_NOMEM;
        b->n_sheets++;
        sh->bof = le32(s->r);
        unsigned hs = s->r[4] & 3;
        sh->state = hs == 0   ? XLSX_SHEET_VISIBLE
                    : hs == 2 ? XLSX_SHEET_VERY_HIDDEN
                              : XLSX_SHEET_HIDDEN;
        return BC_OK;
    }
    default:
        return BC_OK;
    }
}

/* What a string cell's faults are called: more characters than Excel
 * allows, text running past its record(s), a character that is not
 * text. */
typedef struct string_faults {
    const char *too_long, *cut, *invalid;
} string_faults;

/* The text of cell c: an Excel string of cch characters whose flags byte
 * is at offset `at` of the current record's data (its text right after),
 * continuing into CONTINUE records when cont.  c becomes a STRING cell,
 * or gets c->bad from why.  BC_OK, or BC_ERR_NOMEM. */
static bc_status string_cell(scan *s, xcell *c, size_t at, size_t cch,
                             int cont, const string_faults *why)
{
    if (cch > XL_MAX_CHARS) {
        c->bad = why->too_long;
        return BC_OK;
    }
    sb_reset(&s->sb);
    int rc = xl_string(s, s->pos + 4 + at + 1, s->pos + 4 + s->size, cch,
                       s->r[at] & 1, cont, &s->sb);
    if (s->sb.failed)
        return BC_ERR_NOMEM;
    if (rc != 0) {
        c->bad = rc == -1 ? why->cut : why->invalid;
        return BC_OK;
    }
    if (!(c->text = bc_strdup(sb_str(&s->sb))))
        return BC_ERR_NOMEM;
    c->type = XLSX_CELL_STRING;
    return BC_OK;
}

/* An RSTRING record (text with formatting runs, as Gnumeric writes
 * rich text): FreeXL drops it, so its text is taken here, the runs
 * (bold, colour) ignored. */
static bc_status rstring_cell(scan *s)
{
    const unsigned char *r = s->r;
    bc_status st = need(s, 9, "RSTRING");
    if (st != BC_OK)
        return st;
    uint32_t row = le16(r), col = le16(r + 2);
    if ((st = stored_cell(s, row, col)) != BC_OK || !s->sh)
        return st;
    xcell *c = new_xcell(s, row, col, le16(r + 4));
    if (!c)
        return extra_fail(s);
    static const string_faults faults = {
        "chữ trong ô dài hơn giới hạn của Excel", "chữ của ô dài hơn bản ghi",
        "chữ trong ô có ký tự không hợp lệ"};
    return string_cell(s, c, 8, le16(r + 6), 0, &faults);
}

/* MERGEDCELLS (ranges of merged cells) and COLINFO (a run of columns,
 * bit 0 of its options: hidden) of the current sheet, kept for
 * xls_sheet_merges and xls_col_hidden.  Ranges outside the sheet limits
 * are ignored; more than a sheet could hold are not kept. */
static bc_status sheet_ranges(scan *s)
{
    const unsigned char *r = s->r;
    xsheet *sh = s->sh;
    bc_status st = need(s, s->type == R_COLINFO ? 10 : 2,
                        s->type == R_COLINFO ? "COLINFO" : "MERGEDCELLS");
    if (st != BC_OK || !sh)
        return st;
    if (s->type == R_COLINFO) {
        uint32_t lo = le16(r), hi = le16(r + 2);
        if (!(le16(r + 8) & 1) || hi < lo || lo >= XLS_MAX_COL ||
            sh->hidden.n >= XLS_MAX_COL)
            return BC_OK;
        if (hi >= XLS_MAX_COL)
            hi = XLS_MAX_COL - 1;
        xlsx_range h = {0, lo + 1, 0, hi + 1};
        return range_list_add(&sh->hidden, h);
    }
    size_t n = le16(r);
    if (n > (s->size - 2) / 8)
        return scan_bad(s, NULL, "bản ghi MERGEDCELLS ngắn hơn quy định");
    for (size_t i = 0; i < n; i++) {
        const unsigned char *m = r + 2 + 8 * i;
        uint32_t r0 = le16(m), r1 = le16(m + 2), c0 = le16(m + 4),
                 c1 = le16(m + 6);
        if (r1 < r0 || c1 < c0 || c1 >= XLS_MAX_COL ||
            sh->merges.n >= XLS_MAX_CELLS)
            continue;
        xlsx_range g = {r0 + 1, c0 + 1, r1 + 1, c1 + 1};
        if (range_list_add(&sh->merges, g) != BC_OK)
            return BC_ERR_NOMEM;
    }
    return BC_OK;
}

static bc_status rec_sheet(scan *s)
{
    xls_book *b = s->b;
    xsheet *sh = s->sh;
    const unsigned char *r = s->r;
    bc_status st;
    if (s->type != R_STRING && s->type != R_CONTINUE && s->type != 0x04BC &&
        s->type != 0x0221 && s->type != 0x0236)
        s->pending = 0; /* only SHRFMLA, ARRAY, TABLE may come between */
    switch (s->type) {
    case R_DIMENSIONS: {
        if ((st = need(s, 14, "DIMENSIONS")) != BC_OK)
            return st;
        if (!sh)
            return BC_OK;
        if (sh->has_dim)
            return scan_bad(s, NULL, "trang tính «%s» khai báo vùng dữ liệu "
                            "hai lần", sh->bname);
        uint32_t rows = le32(r + 4), cols = le16(r + 10);
        if (rows > XLS_MAX_ROW || cols > XLS_MAX_COL) {
            char found[48];
            snprintf(found, sizeof found, "%lu hàng x %u cột",
                     (unsigned long)rows, (unsigned)cols);
            bfind(b, "XLSX-LIMIT", sh->bname, found, "tối đa 65536 hàng x 256 "
                  "cột", "trang tính «%s» khai báo vùng dữ liệu vượt giới "
                  "hạn của Excel 97-2003", sh->bname);
            return BC_ERR_LIMIT;
        }
        if (sh->ext_rows > 0)
            return scan_bad(s, NULL, "trang tính «%s» khai báo vùng dữ liệu "
                            "sau các ô", sh->bname);
        sh->has_dim = 1;
        sh->rows = rows;
        sh->cols = cols;
        return BC_OK;
    }
    case R_NUMBER:
        if ((st = need(s, 14, "NUMBER")) != BC_OK)
            return st;
        return number_cell(s, le16(r), le16(r + 2), le16(r + 4),
                           le_double(r + 6));
    case R_RK:
        if ((st = need(s, 10, "RK")) != BC_OK)
            return st;
        return number_cell(s, le16(r), le16(r + 2), le16(r + 4),
                           rk_value(le32(r + 6)));
    case R_MULRK: {
        if ((st = need(s, 12, "MULRK")) != BC_OK)
            return st;
        uint32_t row = le16(r), col = le16(r + 2);
        /* FreeXL's loop: one cell per 6 bytes while off + 6 < size */
        for (size_t off = 4; off + 6 < s->size; off += 6, col++)
            if ((st = number_cell(s, row, col, le16(r + off),
                                  rk_value(le32(r + off + 2)))) != BC_OK)
                return st;
        return BC_OK;
    }
    case R_LABEL: {
        if ((st = need(s, 9, "LABEL")) != BC_OK)
            return st;
        size_t cch = le16(r + 6);
        unsigned char fl = r[8];
        size_t at = 8 + fx_string_skip(fl), w = (fl & 1) ? 2 : 1;
        if (at > s->size || cch > (s->size - at) / w)
            return scan_bad(s, scan_place(s, le16(r), le16(r + 2)),
                            "chuỗi của ô dài hơn bản ghi");
        return stored_cell(s, le16(r), le16(r + 2));
    }
    case R_LABELSST:
        if ((st = need(s, 10, "LABELSST")) != BC_OK)
            return st;
        return stored_cell(s, le16(r), le16(r + 2));
    case R_RSTRING:
        return rstring_cell(s);
    case R_MERGEDCELLS:
    case R_COLINFO:
        return sheet_ranges(s);
    case R_ROW: {
        /* a row's options: fDyZero (0x20) is a hidden row, which the
         * clerk does not see (ingest_xlsx.c says so when it holds data) */
        if ((st = need(s, 16, "ROW")) != BC_OK || !sh)
            return st;
        uint32_t row = le16(r);
        if (!(le16(r + 12) & 0x20) || row >= XLS_MAX_ROW)
            return BC_OK;
        if (!sh->hidden_rows &&
            !(sh->hidden_rows = calloc(XLS_MAX_ROW / 8, 1)))
            return BC_ERR_NOMEM;
        sh->hidden_rows[row / 8] |= (unsigned char)(1u << (row % 8));
        return BC_OK;
    }
    case R_BOOLERR: {
        if ((st = need(s, 8, "BOOLERR")) != BC_OK)
            return st;
        uint32_t row = le16(r), col = le16(r + 2);
        if ((st = stored_cell(s, row, col)) != BC_OK || !sh)
            return st;
        xcell *c = new_xcell(s, row, col, le16(r + 4));
        if (!c)
            return extra_fail(s);
        if (r[7]) {
            set_error(c, r[6]);
        } else {
            c->type = XLSX_CELL_BOOLEAN;
            c->number = r[6] ? 1.0 : 0.0;
            c->lit = r[6] ? "1" : "0";
        }
        return BC_OK;
    }
    case R_FORMULA: {
        if ((st = need(s, 20, "FORMULA")) != BC_OK)
            return st;
        if (!sh)
            return BC_OK;
        uint32_t row = le16(r), col = le16(r + 2);
        if (row >= XLS_MAX_ROW || col >= XLS_MAX_COL)
            return scan_bad(s, NULL, "ô công thức ngoài giới hạn trang tính");
        xcell *c = new_xcell(s, row, col, le16(r + 4));
        if (!c)
            return extra_fail(s);
        c->formula = 1;
        const unsigned char *v = r + 6;
        if (le16(v + 6) != 0xFFFF) {
            c->number = le_double(v);
            c->type = fx_date_kind(b, c->xf) != FX_NOT_DATE
                          ? XLSX_CELL_DATE
                          : XLSX_CELL_NUMBER;
            if (!isfinite(c->number)) {
                c->bad = "ô công thức có kết quả số không hợp lệ";
                c->bad_found = "NaN/vô cực";
            }
        } else if (v[0] == 0) {
            c->type = XLSX_CELL_EMPTY; /* until its STRING record */
            s->pending = (int)(sh->n_cells);
        } else if (v[0] == 1) {
            c->type = XLSX_CELL_BOOLEAN;
            c->number = v[2] ? 1.0 : 0.0;
            c->lit = v[2] ? "1" : "0";
        } else if (v[0] == 2) {
            set_error(c, v[2]);
        } else if (v[0] == 3) {
            c->type = XLSX_CELL_STRING;
            c->lit = "";
        } else {
            c->bad = "ô công thức có loại kết quả không hợp lệ";
            c->bad_found = "loại kết quả lạ";
        }
        return BC_OK;
    }
    case R_STRING: {
        if ((st = need(s, 3, "STRING")) != BC_OK)
            return st;
        if (!sh || !s->pending)
            return BC_OK;
        xcell *c = &sh->cells[s->pending - 1];
        s->pending = 0;
        static const string_faults faults = {
            "kết quả công thức dài hơn giới hạn của Excel",
            "kết quả công thức dạng chữ bị cắt cụt",
            "kết quả công thức có ký tự không hợp lệ"};
        return string_cell(s, c, 2, le16(r), 1, &faults);
    }
    default:
        return BC_OK;
    }
}

/* Checks the framing of every record: within the stream, no longer than
 * BIFF8 allows. */
static bc_status scan_frames(scan *s)
{
    for (s->pos = 0; s->pos < s->n;) {
        if (s->n - s->pos < 4)
            return scan_bad(s, NULL, "luồng Workbook bị cắt cụt giữa một bản ghi");
        s->type = le16(s->wb + s->pos);
        s->size = le16(s->wb + s->pos + 2);
        if (s->size > BIFF8_MAX_RECORD)
            return scan_bad(s, NULL, "bản ghi dài hơn %u byte",
                            BIFF8_MAX_RECORD);
        if (s->size > s->n - s->pos - 4)
            return scan_bad(s, NULL, "bản ghi cuối bị cắt cụt");
        s->pos += 4 + s->size;
    }
    return BC_OK;
}

static bc_status scan_bof(scan *s)
{
    xls_book *b = s->b;
    bc_status st = need(s, 4, "BOF");
    if (st != BC_OK)
        return st;
    if (s->pos == 0) {
        uint16_t vers = le16(s->r);
        if (vers == 0x0500) {
            bfind(b, "XLSX-READ", NULL, "Excel 5.0/95 (BIFF5)",
                  "Excel 97-2003 (BIFF8) hoặc .xlsx",
                  "sổ tính ở định dạng Excel 5.0/95, quá cũ nên không đọc "
                  "được; " RESAVE);
            return BC_ERR_INVALID;
        }
        if (vers != 0x0600)
            return scan_bad(s, NULL, "phiên bản BIFF không phải Excel "
                            "97-2003");
        s->depth = 1;
        s->globals = 1;
        return BC_OK;
    }
    if (s->depth > 0) {
        /* a chart or other object embedded in a sheet: FreeXL 1.0.6 takes
         * its EOF for the sheet's and then fails on the sheet's next
         * record */
        const char *name = s->sh ? s->sh->bname : "?";
        bfind(b, "XLSX-READ", s->sh ? name : NULL, NULL, EXPECT_XLS,
              "trang tính «%s» có biểu đồ hoặc đối tượng nhúng mà thư viện "
              "FreeXL không đọc được; hãy xóa biểu đồ rồi lưu lại, hoặc "
              "lưu lại dạng .xlsx",
              name);
        return BC_ERR_PARSE;
    }
    s->depth = 1;
    s->globals = 0;
    s->sh = NULL;
    for (size_t i = 0; i < b->n_sheets; i++)
        if (b->sheets[i].bof == s->pos)
            s->sh = &b->sheets[i];
    s->last = s->sh;
    return BC_OK;
}

/* The shared string table (the SST record at s->pos and the CONTINUE
 * records right after it), walked as FreeXL 1.0.6's parse_SST walks it,
 * so that nothing FreeXL then does reads beyond a record or allocates
 * without bound.  FreeXL trusts every length it meets there; refused:
 *   - a string count larger than the table's bytes can hold (FreeXL
 *     allocates and clears a pointer per string at once);
 *   - a string header (length, flags, run count) cut by the end of its
 *     record (FreeXL's "bytes available" then wraps around and the
 *     characters are read from far beyond the record);
 *   - the phonetic flag 0x04 (FreeXL reads its 32-bit size from two
 *     bytes, the other two are whatever its stack holds, and skips that
 *     far: a crash);
 *   - a string split between records whose rest does not fit in the
 *     next CONTINUE (FreeXL reads the rest from that one record, however
 *     short);
 *   - a second SST, or one outside the workbook globals (FreeXL takes a
 *     second one for a continuation).
 * Rich-text runs that spill into the next record only make FreeXL read
 * that record as strings; that reading is walked the same way. */
static bc_status scan_sst(scan *s)
{
    const unsigned char *wb = s->wb;
    if (s->sst_seen || !s->globals || s->depth != 1)
        return scan_bad(s, NULL, "bảng chuỗi dùng chung (SST) ở chỗ không "
                        "hợp lệ hoặc có hai lần");
    s->sst_seen = 1;
    if (s->size < 8)
        return scan_bad(s, NULL, "bản ghi SST ngắn hơn quy định");
    /* the table's bytes: the SST and its CONTINUE records */
    uint64_t bytes = s->size;
    for (size_t q = s->pos + 4 + s->size;
         q + 4 <= s->n && le16(wb + q) == R_CONTINUE;
         q += 4 + le16(wb + q + 2))
        bytes += le16(wb + q + 2);
    uint32_t count = le32(s->r + 4);
    if ((uint64_t)count > bytes / 3)
        return scan_bad(s, NULL, "bảng chuỗi dùng chung khai báo %lu chuỗi, "
                        "nhiều hơn số byte của nó chứa được",
                        (unsigned long)count);
    size_t rec = s->pos, rec_size = s->size; /* the record being read */
    size_t p = 8;                            /* offset in its data */
    uint32_t index = 0;
    uint32_t left = 0;    /* characters of a split string still to come */
    uint32_t skip = 0;    /* its run bytes, skipped after it */
    for (;;) {
        const unsigned char *r = wb + rec + 4;
        if (left > 0) {
            /* the rest of a split string, all in this CONTINUE */
            if (rec_size < 1)
                return scan_bad(s, NULL, "chuỗi dùng chung bị cắt giữa hai "
                                "bản ghi không đọc được");
            uint64_t need_b = (uint64_t)left * ((r[0] & 1) ? 2 : 1);
            if (1 + need_b > rec_size)
                return scan_bad(s, NULL, "chuỗi dùng chung dài hơn các bản "
                                "ghi chứa nó (thư viện FreeXL chỉ đọc được "
                                "chuỗi nằm trong hai bản ghi)");
            p = 1 + (size_t)need_b + skip;
            left = 0;
            index++;
        }
        while (index < count && p < rec_size) {
            if (p + 3 > rec_size)
                return scan_bad(s, NULL, "đầu một chuỗi dùng chung bị cắt "
                                "ở cuối bản ghi");
            uint32_t cch = le16(r + p);
            unsigned char fl = r[p + 2];
            if (fl & 0x04)
                return scan_bad(s, NULL, "chuỗi dùng chung có phần phiên âm "
                                "(phonetic) mà thư viện FreeXL không đọc "
                                "được");
            size_t hdr = 3 + ((fl & 0x08) ? 2 : 0);
            if (p + hdr > rec_size)
                return scan_bad(s, NULL, "đầu một chuỗi dùng chung bị cắt "
                                "ở cuối bản ghi");
            uint32_t runs = (fl & 0x08) ? 4u * le16(r + p + 3) : 0;
            p += hdr;
            uint64_t req = (uint64_t)cch * ((fl & 1) ? 2 : 1);
            if (req > rec_size - p) {
                /* FreeXL keeps what this record holds and waits for the
                 * next one */
                left = cch - (uint32_t)((fl & 1) ? (rec_size - p) / 2
                                                  : rec_size - p);
                skip = runs;
                break;
            }
            p += (size_t)req + runs;
            index++;
        }
        /* the next record, when it is a CONTINUE of the table */
        size_t next = rec + 4 + rec_size;
        if (index >= count && left == 0)
            return BC_OK;
        if (next + 4 > s->n || le16(wb + next) != R_CONTINUE) {
            /* FreeXL stops here: strings left unread are NULL, which the
             * cells that use them show as empty */
            return BC_OK;
        }
        rec = next;
        rec_size = le16(wb + rec + 2);
        p = 0;
    }
}

/* Scans the Workbook stream wb[0..n). */
static bc_status biff_scan(xls_book *b, const unsigned char *wb, size_t n)
{
    scan s;
    memset(&s, 0, sizeof s);
    s.b = b;
    s.wb = wb;
    s.n = n;
    bc_status st = scan_frames(&s);
    if (st != BC_OK)
        goto out;
    for (s.pos = 0; s.pos < n; s.pos += 4 + s.size) {
        s.type = le16(wb + s.pos);
        s.size = le16(wb + s.pos + 2);
        s.r = wb + s.pos + 4;
        if (s.pos == 0 && s.type != R_BOF) {
            st = scan_bad(&s, NULL, "luồng Workbook không bắt đầu bằng BOF");
            goto out;
        }
        if (s.type == R_BOF) {
            st = scan_bof(&s);
        } else if (s.type == R_SST) {
            st = scan_sst(&s);
        } else if (s.type == R_EOF) {
            if (s.depth > 0 && --s.depth == 0) {
                s.globals = 0;
                s.sh = NULL;
            }
        } else if (s.depth == 1 && s.globals) {
            st = rec_globals(&s);
        } else if (s.depth == 1) {
            st = rec_sheet(&s);
        }
        if (st != BC_OK)
            goto out;
    }
    /* FreeXL 1.0.6 sizes a sheet without DIMENSIONS after its first pass,
     * but allocates its cells for its active sheet, the last one: that
     * sheet's cells are then wiped, and the other's cannot be stored.
     * Harmless only when neither holds a cell. */
    for (size_t i = 0; i < b->n_sheets; i++) {
        xsheet *sh = &b->sheets[i];
        if (sh->has_dim || sh == s.last ||
            (sh->ext_rows == 0 && (!s.last || s.last->ext_rows == 0)))
            continue;
        bfind(b, "XLSX-READ", sh->bname, NULL, EXPECT_XLS,
              "trang «%s» không khai báo vùng dữ liệu (thường là trang biểu "
              "đồ) và không đứng cuối sổ tính: thư viện FreeXL sẽ đọc sai "
              "trang «%s»; hãy chuyển trang này xuống cuối hoặc xóa nó, "
              "hoặc mở tệp bằng Excel hoặc LibreOffice rồi lưu lại dạng "
              ".xlsx",
              sh->bname, s.last ? s.last->bname : "?");
        st = BC_ERR_PARSE;
        goto out;
    }
    /* claimed cells: what FreeXL will allocate */
    for (size_t i = 0; i < b->n_sheets; i++) {
        xsheet *sh = &b->sheets[i];
        uint64_t rows = sh->has_dim ? sh->rows : sh->ext_rows + 1;
        uint64_t cols = sh->has_dim ? sh->cols : sh->ext_cols + 1;
        if (rows > XLS_MAX_ROW || cols > XLS_MAX_COL) {
            bfind(b, "XLSX-LIMIT", sh->bname, NULL, "tối đa 65536 hàng x "
                  "256 cột", "trang tính «%s» vượt giới hạn của Excel "
                  "97-2003", sh->bname);
            st = BC_ERR_LIMIT;
            goto out;
        }
        b->cells_claimed += rows * cols;
    }
    if (b->cells_claimed > XLS_MAX_CELLS) {
        char found[32];
        snprintf(found, sizeof found, "%llu ô",
                 (unsigned long long)b->cells_claimed);
        bfind(b, "XLSX-LIMIT", NULL, found, NULL,
              "sổ tính .xls khai báo hơn %llu ô, vượt giới hạn an toàn",
              (unsigned long long)XLS_MAX_CELLS);
        st = BC_ERR_LIMIT;
        goto out;
    }
    if (b->n_sheets == 0) {
        bfind(b, "XLSX-READ", NULL, NULL, EXPECT_XLS,
              "sổ tính .xls không có trang tính nào");
        st = BC_ERR_PARSE;
    }
out:
    sb_release(&s.sb);
    return st;
}

/* --- FreeXL ---------------------------------------------------------------- */

/* FreeXL's return codes with their names, for findings. */
#define FX_CODE(c) {c, #c}
static const struct {
    int rc;
    const char *name;
} fx_codes[] = {
    FX_CODE(FREEXL_OK),
    FX_CODE(FREEXL_FILE_NOT_FOUND),
    FX_CODE(FREEXL_INSUFFICIENT_MEMORY),
    FX_CODE(FREEXL_INVALID_CFBF_HEADER),
    FX_CODE(FREEXL_CFBF_READ_ERROR),
    FX_CODE(FREEXL_CFBF_SEEK_ERROR),
    FX_CODE(FREEXL_CFBF_INVALID_SIGNATURE),
    FX_CODE(FREEXL_CFBF_INVALID_SECTOR_SIZE),
    FX_CODE(FREEXL_CFBF_EMPTY_FAT_CHAIN),
    FX_CODE(FREEXL_CFBF_ILLEGAL_FAT_ENTRY),
    FX_CODE(FREEXL_BIFF_INVALID_BOF),
    FX_CODE(FREEXL_BIFF_INVALID_SST),
    FX_CODE(FREEXL_BIFF_ILLEGAL_SST_INDEX),
    FX_CODE(FREEXL_BIFF_WORKBOOK_NOT_FOUND),
    FX_CODE(FREEXL_BIFF_ILLEGAL_SHEET_INDEX),
    FX_CODE(FREEXL_BIFF_UNSELECTED_SHEET),
    FX_CODE(FREEXL_INVALID_CHARACTER),
    FX_CODE(FREEXL_UNSUPPORTED_CHARSET),
    FX_CODE(FREEXL_ILLEGAL_CELL_ROW_COL),
    FX_CODE(FREEXL_ILLEGAL_RK_VALUE),
    FX_CODE(FREEXL_INVALID_MINI_STREAM),
    FX_CODE(FREEXL_CFBF_ILLEGAL_MINI_FAT_ENTRY),
    FX_CODE(FREEXL_CRAFTED_FILE),
};
#undef FX_CODE

/* The name of FreeXL return code rc ("FREEXL_?" for one it does not
 * define). */
static const char *fx_code_name(int rc)
{
    for (size_t i = 0; i < BC_ARRAY_LEN(fx_codes); i++)
        if (fx_codes[i].rc == rc)
            return fx_codes[i].name;
    return "FREEXL_?";
}

/* The finding for a failure of FreeXL call `what` (rc its code); the
 * status to return. */
static bc_status fx_fail(xls_book *b, const char *what, int rc)
{
    char found[64];
    snprintf(found, sizeof found, "%s: %s (%d)", what, fx_code_name(rc), rc);
    const char *why;
    bc_status st = BC_ERR_PARSE;
    switch (rc) {
    case FREEXL_FILE_NOT_FOUND:
        bfind(b, "XLSX-READ", NULL, found, NULL,
              "thư viện FreeXL không mở được bản sao tạm của tệp .xls");
        return BC_ERR_IO;
    case FREEXL_INSUFFICIENT_MEMORY:
        bfind(b, "XLSX-LIMIT", NULL, found, NULL,
              "tệp .xls vượt giới hạn của thư viện FreeXL (quá nhiều ô hoặc "
              "chuỗi) hoặc không đủ bộ nhớ để đọc");
        return BC_ERR_LIMIT;
    case FREEXL_INVALID_CHARACTER:
    case FREEXL_UNSUPPORTED_CHARSET:
        why = "chữ trong tệp không chuyển được sang Unicode";
        break;
    case FREEXL_OK:
        /* FreeXL 1.0.6 reports a record it cannot read as "OK" with no
         * handle; one such record is a cell holding an empty text */
        why = "thư viện FreeXL không đọc được một bản ghi của sổ tính (tệp "
              "hỏng, hoặc có ô chứa chuỗi rỗng mà FreeXL không đọc được)";
        break;
    case FREEXL_INVALID_CFBF_HEADER:
    case FREEXL_CFBF_READ_ERROR:
    case FREEXL_CFBF_SEEK_ERROR:
    case FREEXL_CFBF_INVALID_SIGNATURE:
    case FREEXL_CFBF_INVALID_SECTOR_SIZE:
    case FREEXL_CFBF_EMPTY_FAT_CHAIN:
    case FREEXL_CFBF_ILLEGAL_FAT_ENTRY:
    case FREEXL_INVALID_MINI_STREAM:
    case FREEXL_CFBF_ILLEGAL_MINI_FAT_ENTRY:
        why = "cấu trúc tệp .xls bị hỏng hoặc bị cắt cụt";
        break;
    default:
        why = "nội dung sổ tính .xls bị hỏng";
        break;
    }
    bfind(b, "XLSX-READ", NULL, found, EXPECT_XLS, "%s; " RESAVE, why);
    return st;
}

/* Selects sheet i in FreeXL and reads its size. */
static bc_status fx_select(xls_book *b, size_t i)
{
    xsheet *sh = &b->sheets[i];
    int rc = freexl_select_active_worksheet(b->fx, (unsigned short)i);
    if (rc != FREEXL_OK)
        return fx_fail(b, "freexl_select_active_worksheet", rc);
    unsigned int rows = 0;
    unsigned short cols = 0;
    rc = freexl_worksheet_dimensions(b->fx, &rows, &cols);
    if (rc != FREEXL_OK)
        return fx_fail(b, "freexl_worksheet_dimensions", rc);
    /* FreeXL gives counts (its header says "zero based", it is not) */
    if (rows > XLS_MAX_ROW || cols > XLS_MAX_COL) {
        char found[48];
        snprintf(found, sizeof found, "%u hàng x %u cột", rows,
                 (unsigned)cols);
        bfind(b, "XLSX-LIMIT", sh->name, found, "tối đa 65536 hàng x 256 cột",
              "trang tính «%s» vượt giới hạn của Excel 97-2003", sh->name);
        return BC_ERR_LIMIT;
    }
    sh->fx_rows = rows;
    sh->fx_cols = cols;
    return BC_OK;
}

static int write_all(int fd, const unsigned char *p, size_t n)
{
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* freexl_open over a private copy of data[0..len): an anonymous memory
 * file reached through /proc/self/fd, else a temporary file (mode 0600,
 * in $TMPDIR or /tmp) removed as soon as FreeXL has read it.  FreeXL
 * reads everything while it opens, and keeps its own descriptor.
 * Returns FreeXL's code; *h as freexl_open sets it. */
static int fx_open_copy(const unsigned char *data, size_t len,
                        const void **h)
{
    char path[64];
    int rc = FREEXL_FILE_NOT_FOUND;
    *h = NULL;
    int fd = memfd_create("baocao-xls", MFD_CLOEXEC);
    if (fd >= 0) {
        if (write_all(fd, data, len) == 0) {
            snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
            rc = freexl_open(path, h);
        }
        close(fd);
        if (rc != FREEXL_FILE_NOT_FOUND)
            return rc;
        if (*h)
            freexl_close(*h);
        *h = NULL;
    }
    const char *dir = getenv("TMPDIR");
#ifdef _WIN32
    if (!dir || !*dir)
        dir = bc_w32_tmpdir(); /* %TEMP% */
#endif
    char *tmpl = bc_asprintf("%s/baocao-xls.XXXXXX",
                             dir && *dir ? dir : "/tmp");
    if (!tmpl)
        return FREEXL_INSUFFICIENT_MEMORY;
    fd = mkstemp(tmpl);
    if (fd >= 0) {
        if (write_all(fd, data, len) == 0)
            rc = freexl_open(tmpl, h);
        close(fd);
#ifdef _WIN32
        bc_w32_unlink_later(tmpl); /* FreeXL holds it open until closed */
#else
        unlink(tmpl);
#endif
    }
    free(tmpl);
    return rc;
}

static bc_status fx_open(xls_book *b, const unsigned char *data, size_t len)
{
    const void *h = NULL;
    int rc = fx_open_copy(data, len, &h);
    if (rc != FREEXL_OK || !h) {
        if (h)
            freexl_close(h);
        return fx_fail(b, "freexl_open", rc);
    }
    b->fx = h;
    unsigned int info = 0;
    rc = freexl_get_info(h, FREEXL_BIFF_PASSWORD, &info);
    if (rc != FREEXL_OK || info != FREEXL_BIFF_PLAIN) {
        bfind(b, "XLSX-READ", NULL, NULL, "sổ tính không đặt mật khẩu",
              "sổ tính .xls được đặt mật khẩu (mã hóa) nên không đọc được; "
              "hãy bỏ mật khẩu rồi lưu lại dạng .xlsx");
        return BC_ERR_INVALID;
    }
    rc = freexl_get_info(h, FREEXL_BIFF_SHEET_COUNT, &info);
    if (rc != FREEXL_OK)
        return fx_fail(b, "freexl_get_info", rc);
    if (info != b->n_sheets) {
        bfind(b, "XLSX-READ", NULL, NULL, EXPECT_XLS,
              "danh sách trang tính của tệp .xls không nhất quán (%u trang "
              "theo FreeXL, %zu trang theo bản ghi BOUNDSHEET); " RESAVE,
              info, b->n_sheets);
        return BC_ERR_PARSE;
    }
    uint64_t claimed = 0;
    for (size_t i = 0; i < b->n_sheets; i++) {
        xsheet *sh = &b->sheets[i];
        const char *name = NULL;
        rc = freexl_get_worksheet_name(h, (unsigned short)i, &name);
        if (rc != FREEXL_OK || !name)
            return fx_fail(b, "freexl_get_worksheet_name", rc);
        if (!text_utf8_valid(name, strlen(name))) {
            bfind(b, "XLSX-READ", NULL, sh->bname, EXPECT_XLS,
                  "tên trang tính không phải UTF-8 hợp lệ; " RESAVE);
            return BC_ERR_PARSE;
        }
        if (strcmp(name, sh->bname) != 0) {
            bfind(b, "XLSX-READ", NULL, name, sh->bname,
                  "tên trang tính của tệp .xls không nhất quán; " RESAVE);
            return BC_ERR_PARSE;
        }
        if (!(sh->name = bc_strdup(name)))
            return BC_ERR_NOMEM;
        bc_status st = fx_select(b, i);
        if (st != BC_OK)
            return st;
        claimed += (uint64_t)sh->fx_rows * sh->fx_cols;
    }
    if (claimed > XLS_MAX_CELLS) {
        bfind(b, "XLSX-LIMIT", NULL, NULL, NULL,
              "sổ tính .xls có hơn %llu ô, vượt giới hạn an toàn",
              (unsigned long long)XLS_MAX_CELLS);
        return BC_ERR_LIMIT;
    }
    return BC_OK;
}

/* What the first bytes of a file that is not a compound file look like. */
static void not_cfb(xls_book *b, const unsigned char *p, size_t n)
{
    size_t i = 0;
    if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
        i = 3;
    while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' ||
                     p[i] == '\n'))
        i++;
    if (n >= 4 && p[0] == 'P' && p[1] == 'K' && p[2] == 3 && p[3] == 4)
        bfind(b, "XLSX-READ", NULL, "tệp nén ZIP (.xlsx)", EXPECT_XLS,
              "tệp mang đuôi .xls nhưng thực chất là bảng tính .xlsx: hãy "
              "đổi đuôi tệp thành .xlsx");
    else if (i < n && p[i] == '<')
        bfind(b, "XLSX-READ", NULL, "trang HTML/XML", EXPECT_XLS,
              "tệp mang đuôi .xls nhưng thực chất là trang HTML hoặc XML "
              "(thường do phần mềm khác xuất ra), không phải sổ tính Excel "
              "97-2003; " RESAVE);
    else
        bfind(b, "XLSX-READ", NULL, NULL, EXPECT_XLS,
              "tệp không phải sổ tính Excel 97-2003 (.xls)");
}

/* --- the API ---------------------------------------------------------------- */

bc_status xls_open(const char *path, bc_diag *d, xls_book **out)
{
    static const unsigned char sig[8] = {0xD0, 0xCF, 0x11, 0xE0,
                                         0xA1, 0xB1, 0x1A, 0xE1};
    char *data = NULL;
    const unsigned char *p;
    unsigned char *wb = NULL;
    size_t len = 0, wb_len = 0;
    bc_status st;
    *out = NULL;
    xls_book *b = calloc(1, sizeof *b);
    if (!b)
        return BC_ERR_NOMEM;
    b->d = d;
    if (!(b->name = bc_strdup(path))) {
        st = BC_ERR_NOMEM;
        goto out;
    }
    st = bc_read_file(path, XLS_MAX_FILE_BYTES, &data, &len);
    if (st == BC_ERR_LIMIT) {
        bfind(b, "XLSX-LIMIT", NULL, NULL, "tối đa 32 MiB",
              "tệp .xls lớn hơn %zu MiB, vượt giới hạn an toàn",
              XLS_MAX_FILE_BYTES >> 20);
        goto out;
    }
    if (st == BC_ERR_IO) {
        bfind(b, "XLSX-READ", NULL, NULL, NULL, "không đọc được tệp");
        goto out;
    }
    if (st != BC_OK)
        goto out;
    p = (const unsigned char *)data;
    if (len == 0) {
        bfind(b, "XLSX-READ", NULL, NULL, EXPECT_XLS, "tệp rỗng");
        st = BC_ERR_PARSE;
        goto out;
    }
    if (len < sizeof sig || memcmp(p, sig, sizeof sig) != 0) {
        not_cfb(b, p, len);
        st = BC_ERR_PARSE;
        goto out;
    }
    if ((st = cfb_workbook(b, p, len, &wb, &wb_len)) != BC_OK)
        goto out;
    if ((st = biff_scan(b, wb, wb_len)) != BC_OK)
        goto out;
    free(wb);
    wb = NULL;
    st = fx_open(b, p, len);
out:
    free(data);
    free(wb);
    if (st != BC_OK) {
        xls_close(b);
        return st;
    }
    *out = b;
    return BC_OK;
}

/* Frees what sheet sh holds (not sh itself). */
static void xsheet_clear(xsheet *sh)
{
    for (size_t k = 0; k < sh->n_cells; k++)
        free(sh->cells[k].text);
    free(sh->cells);
    range_list_clear(&sh->merges);
    range_list_clear(&sh->hidden);
    free(sh->hidden_rows);
    free(sh->name);
    free(sh->bname);
}

void xls_close(xls_book *b)
{
    if (!b)
        return;
    if (b->fx)
        freexl_close(b->fx);
    for (size_t i = 0; i < b->n_sheets; i++)
        xsheet_clear(&b->sheets[i]);
    free(b->sheets);
    free(b->xf_fmt);
    free(b->fmts);
    free(b->name);
    free(b);
}

size_t xls_sheet_count(const xls_book *b) { return b ? b->n_sheets : 0; }

const char *xls_sheet_name(const xls_book *b, size_t i)
{
    return b && i < b->n_sheets ? b->sheets[i].name : NULL;
}

xlsx_sheet_state xls_sheet_state_of(const xls_book *b, size_t i)
{
    return b && i < b->n_sheets ? b->sheets[i].state : XLSX_SHEET_VISIBLE;
}

int xls_date1904(const xls_book *b) { return b ? b->date1904 : 0; }

/* --- streaming a sheet --------------------------------------------------- */

typedef struct pass {
    xls_book *b;
    xsheet *sh;
    xlsx_cell_fn cb;
    void *ctx;
    int bad_cells;
    int stopped;
    int nomem;
    bc_strbuf place;
    char ref[XLSX_REF_BUF];
} pass;

static const char *pass_place(pass *ps, uint32_t row, uint32_t col)
{
    xlsx_ref_format(row + 1, col + 1, ps->ref);
    sb_reset(&ps->place);
    sb_adds(&ps->place, ps->sh->name);
    sb_addc(&ps->place, '!');
    sb_adds(&ps->place, ps->ref);
    if (ps->place.failed)
        ps->nomem = 1;
    return sb_str(&ps->place);
}

static void pass_bad(pass *ps, uint32_t row, uint32_t col, const char *found,
                     const char *expected, const char *why)
{
    bfind(ps->b, "XLSX-CELL", pass_place(ps, row, col), found, expected,
          "%s", why);
    ps->bad_cells++;
}

static void emit(pass *ps, uint32_t row, uint32_t col, xlsx_cell_type type,
                 const char *text, double number, bc_date date, int formula)
{
    const char *place = pass_place(ps, row, col);
    if (ps->nomem)
        return;
    int hidden = ps->sh && ps->sh->hidden_rows && row < XLS_MAX_ROW &&
                 (ps->sh->hidden_rows[row / 8] >> (row % 8) & 1);
    xlsx_cell c = {row + 1, col + 1, ps->ref, place, type, text, number,
                   date, formula, NULL, NULL, hidden};
    if (ps->cb && ps->cb(&c, ps->ctx))
        ps->stopped = 1;
}

/* Days from 1900-01-01 in FreeXL's calendar, where every fourth year is a
 * leap year (1900 and 2100 too). */
static long fx_day_number(int y, int m, int d)
{
    static const int cum[12] = {0,   31,  59,  90,  120, 151,
                                181, 212, 243, 273, 304, 334};
    long n = 365L * (y - 1900) + ((y - 1) / 4 - 1899 / 4);
    return n + cum[m - 1] + (m > 2 && y % 4 == 0) + (d - 1);
}

/* Reads n digits at *s into *v; 0 or -1. */
static int digits(const char **s, int n, int *v)
{
    *v = 0;
    for (int i = 0; i < n; i++, (*s)++) {
        if (**s < '0' || **s > '9')
            return -1;
        *v = *v * 10 + (**s - '0');
    }
    return 0;
}

/* The Excel serial of a FreeXL date text: "YYYY-MM-DD" (DATE),
 * "YYYY-MM-DD HH:MM:SS" (DATETIME) or "HH:MM:SS" (TIME).  0 or -1. */
static int fx_serial(const char *s, int fx_type, int date1904, double *out)
{
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
    double serial = 0.0;
    if (fx_type != FREEXL_CELL_TIME) {
        if (digits(&s, 4, &y) || *s++ != '-' || digits(&s, 2, &mo) ||
            *s++ != '-' || digits(&s, 2, &d))
            return -1;
        int feb = y % 4 == 0 ? 29 : 28;
        static const int len[12] = {31, 0, 31, 30, 31, 30,
                                    31, 31, 30, 31, 30, 31};
        if (y < 1900 || mo < 1 || mo > 12 || d < 1 ||
            d > (mo == 2 ? feb : len[mo - 1]))
            return -1;
        long n = 1 + fx_day_number(y, mo, d) -
                 (date1904 ? fx_day_number(1904, 1, 2) : 0);
        if (n < 1)
            return -1;
        serial = (double)n;
        if (fx_type == FREEXL_CELL_DATETIME && *s++ != ' ')
            return -1;
    }
    if (fx_type != FREEXL_CELL_DATE) {
        if (digits(&s, 2, &h) || *s++ != ':' || digits(&s, 2, &mi) ||
            *s++ != ':' || digits(&s, 2, &sec) || h > 24 || mi > 59 ||
            sec > 59)
            return -1;
        serial += (h * 3600 + mi * 60 + sec) / 86400.0;
    }
    if (*s)
        return -1;
    *out = serial;
    return 0;
}

/* One cell as FreeXL holds it. */
static void fx_cell(pass *ps, uint32_t row, uint32_t col)
{
    FreeXL_CellValue v;
    char num[32];
    int rc = freexl_get_cell_value(ps->b->fx, row, (unsigned short)col, &v);
    if (rc != FREEXL_OK) {
        char found[48];
        snprintf(found, sizeof found, "%s (%d)", fx_code_name(rc), rc);
        pass_bad(ps, row, col, found, NULL,
                 "thư viện FreeXL không đọc được giá trị của ô");
        return;
    }
    switch (v.type) {
    case FREEXL_CELL_NULL:
        return;
    case FREEXL_CELL_INT:
        snprintf(num, sizeof num, "%d", v.value.int_value);
        emit(ps, row, col, XLSX_CELL_NUMBER, num, v.value.int_value, 0, 0);
        return;
    case FREEXL_CELL_DOUBLE:
        if (!isfinite(v.value.double_value)) {
            pass_bad(ps, row, col, "NaN/vô cực", "một số",
                     "ô có giá trị số không hợp lệ");
            return;
        }
        num_text(v.value.double_value, num);
        emit(ps, row, col, XLSX_CELL_NUMBER, num, v.value.double_value, 0,
             0);
        return;
    case FREEXL_CELL_TEXT:
    case FREEXL_CELL_SST_TEXT: {
        const char *t = v.value.text_value;
        if (!t)
            return;
        if (!text_utf8_valid(t, strlen(t))) {
            pass_bad(ps, row, col, NULL, "chữ UTF-8",
                     "chữ trong ô không phải UTF-8 hợp lệ");
            return;
        }
        emit(ps, row, col, XLSX_CELL_STRING, t, 0.0, 0, 0);
        return;
    }
    case FREEXL_CELL_DATE:
    case FREEXL_CELL_DATETIME:
    case FREEXL_CELL_TIME: {
        double serial;
        const char *t = v.value.text_value ? v.value.text_value : "";
        if (fx_serial(t, v.type, ps->b->date1904, &serial) < 0) {
            pass_bad(ps, row, col, t, "ngày giờ dạng YYYY-MM-DD HH:MM:SS",
                     "thư viện FreeXL trả về ngày giờ không hợp lệ");
            return;
        }
        num_text(serial, num);
        emit(ps, row, col, XLSX_CELL_DATE, num, serial,
             xlsx_serial_date(serial, ps->b->date1904), 0);
        return;
    }
    default: {
        char found[16];
        snprintf(found, sizeof found, "%u", (unsigned)v.type);
        pass_bad(ps, row, col, found, NULL,
                 "thư viện FreeXL trả về loại giá trị lạ");
        return;
    }
    }
}

/* One cell from the scan. */
static void x_cell(pass *ps, const xcell *c)
{
    char num[32];
    if (c->bad) {
        pass_bad(ps, c->row, c->col, c->bad_found, NULL, c->bad);
        return;
    }
    switch (c->type) {
    case XLSX_CELL_NUMBER:
        num_text(c->number, num);
        emit(ps, c->row, c->col, c->type, num, c->number, 0, c->formula);
        return;
    case XLSX_CELL_DATE:
        num_text(c->number, num);
        emit(ps, c->row, c->col, c->type, num, c->number,
             xlsx_serial_date(c->number, ps->b->date1904), c->formula);
        return;
    case XLSX_CELL_STRING:
        emit(ps, c->row, c->col, c->type, c->text ? c->text : c->lit, 0.0,
             0, c->formula);
        return;
    case XLSX_CELL_EMPTY:
        emit(ps, c->row, c->col, c->type, "", 0.0, 0, c->formula);
        return;
    default: /* BOOLEAN, ERROR */
        emit(ps, c->row, c->col, c->type, c->lit, c->number, 0,
             c->formula);
        return;
    }
}

static int xcell_cmp(const void *a, const void *b)
{
    const xcell *x = a, *y = b;
    const int64_t kx[] = {x->row, x->col, x->seq},
                  ky[] = {y->row, y->col, y->seq};
    return order_keys(kx, ky, 3);
}

bc_status xls_sheet_rows(xls_book *b, size_t sheet, xlsx_cell_fn cb,
                         void *ctx)
{
    if (!b || sheet >= b->n_sheets)
        return BC_ERR_USAGE;
    xsheet *sh = &b->sheets[sheet];
    bc_status st = fx_select(b, sheet);
    if (st != BC_OK)
        return st;
    if (!sh->sorted && sh->n_cells) {
        qsort(sh->cells, sh->n_cells, sizeof *sh->cells, xcell_cmp);
        sh->sorted = 1;
    }
    pass ps = {b, sh, cb, ctx, 0, 0, 0, BC_STRBUF_INIT, {0}};
    uint32_t rows = sh->fx_rows;
    if (sh->n_cells && sh->cells[sh->n_cells - 1].row + 1 > rows)
        rows = sh->cells[sh->n_cells - 1].row + 1;
    size_t k = 0; /* next scan cell */
    /* a sheet without DIMENSIONS and without cells (a chart sheet): FreeXL
     * claims one cell it holds no storage for */
    int fx_empty = !sh->has_dim && sh->ext_rows == 0;
    for (uint32_t r = 0; r < rows && !ps.stopped && !ps.nomem; r++) {
        uint32_t cols = r < sh->fx_rows && !fx_empty ? sh->fx_cols : 0;
        uint32_t c = 0;
        for (;;) {
            if (ps.stopped || ps.nomem)
                break;
            /* the scan's cells of this row at or before column c */
            if (k < sh->n_cells && sh->cells[k].row == r &&
                (c >= cols || sh->cells[k].col <= c)) {
                /* the last record for a cell wins */
                size_t last = k;
                while (last + 1 < sh->n_cells &&
                       sh->cells[last + 1].row == r &&
                       sh->cells[last + 1].col == sh->cells[k].col)
                    last++;
                uint32_t col = sh->cells[k].col;
                if (col == c && c < cols)
                    c++; /* FreeXL's value there (1 or 0, or none) is
                            replaced */
                x_cell(&ps, &sh->cells[last]);
                k = last + 1;
                continue;
            }
            if (c >= cols)
                break;
            fx_cell(&ps, r, c++);
        }
    }
    sb_release(&ps.place);
    if (ps.nomem)
        return BC_ERR_NOMEM;
    if (ps.stopped)
        return BC_OK;
    return ps.bad_cells ? BC_ERR_INVALID : BC_OK;
}

bc_status xls_sheet_merges(const xls_book *b, size_t sheet,
                           const xlsx_range **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    if (!b || sheet >= b->n_sheets)
        return BC_ERR_USAGE;
    *out = b->sheets[sheet].merges.v;
    *n = b->sheets[sheet].merges.n;
    return BC_OK;
}

int xls_col_hidden(const xls_book *b, size_t sheet, uint32_t col)
{
    if (!b || sheet >= b->n_sheets)
        return 0;
    const xsheet *sh = &b->sheets[sheet];
    return reader_col_in(sh->hidden.v, sh->hidden.n, col);
}

bc_diag *xls_set_diag(xls_book *b, bc_diag *d)
{
    bc_diag *old = b->d;
    b->d = d;
    return old;
}
