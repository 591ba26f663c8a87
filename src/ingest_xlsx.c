/* ingest_xlsx.c - a submission workbook (.xlsx, .xls) -> the canonical
 * document.
 *
 * The workbook is read through book.h (either reader), one sheet at a time, one row
 * at a time: only the current row's cells are kept.  Everything is found
 * by its label (docs/forms.md), never by its position: sheets by their
 * folded names, the header row of each table by its folded labels, the
 * fields of "Thông tin chung" and "Thuyết minh" by the label in column A.
 * Every element built from a cell carries src="Sheet!C7".
 *
 * Values are converted as clerks type them (dropdown texts to codes,
 * statuses, dates, numbers); what cannot be converted is put in as typed
 * so that validation reports it at the cell, and numbers that cannot be
 * read safely also get an XLSX-NUMBER finding here.
 *
 * Forms come back edited (docs/forms.md, "Forms as clerks edit them"):
 * each sheet is first looked at silently (prescan_row: how its free
 * texts were typed, by column; its merged ranges), then read.  Every
 * header row re-maps the columns for the rows under it; a merged range's
 * value fills every row it covers; units of money stated in a label, a
 * line above the table or the cell itself are applied; two columns for
 * one field, a hidden column, a lone value under a blank row, a formula
 * without its result, two decimal conventions in one file are reported,
 * never resolved by guessing.
 */
#include "ingest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "form.h"
#include "money.h"
#include "text.h"
#include "util.h"
#include "book.h"
#include "fields.h"
#include "fields.h"
#include "xlsx_reader.h"

/* Columns looked at in a row; anything to the right is ignored. */
#define ROW_MAX_COLS 64u
#define MAX_LABELS FIELD_MAX_LABELS

/* A value's kind is its column's (fields.h): FIELD_CODE is kept as
 * typed, FIELD_LIST is a dropdown "CODE - label", FIELD_STATUS the status
 * dropdown.  The tables are the form's (FORM_TABLES). */
typedef field_type val_kind;
typedef form_field field_spec;
typedef form_table table_spec;

/* Label sheets: label in column A, value in column B. */
typedef struct label_spec {
    const char *key; /* an element name, or "@unit" etc. for attributes */
    val_kind kind;
    const char *labels[MAX_LABELS];
} label_spec;

static const label_spec info_labels[] = {
    {"@unit", FIELD_CODE, {"ma don vi", "ma don vi bao cao", NULL}},
    {"@year", FIELD_CODE, {"nam bao cao", "nam", NULL}},
    {"@date", FIELD_DATE, {"ngay bao cao", "ngay lap bao cao", NULL}},
    {"name", FIELD_TEXT,
     {"nguoi lap bao cao", "nguoi lap", "ho va ten", NULL}},
    {"role", FIELD_TEXT, {"chuc vu", NULL}},
    {"phone", FIELD_CODE, {"dien thoai", "so dien thoai", NULL}},
    {"email", FIELD_TEXT, {"thu dien tu", "email", "e mail", NULL}},
};

static const label_spec narrative_labels[] = {
    {"results", FIELD_TEXT, {"ket qua", "ket qua dat duoc", NULL}},
    {"difficulties", FIELD_TEXT,
     {"kho khan", "kho khan vuong mac", NULL}},
    {"proposals", FIELD_TEXT,
     {"kien nghi", "de xuat", "de xuat kien nghi", "kien nghi de xuat",
      NULL}},
};

static const label_spec version_labels[] = {
    {"@version", FIELD_CODE, {"phien ban mau", "phien ban", NULL}},
    {"@unit", FIELD_CODE, {"ma don vi", NULL}},
    {"@year", FIELD_CODE, {"nam bao cao", "nam", NULL}},
    {"@illustrative", FIELD_TEXT, {"du lieu minh hoa", NULL}},
};

static const char *const info_names[] = {"thong tin chung", "thong tin",
                                         NULL};
static const char *const narrative_names[] = {"thuyet minh", NULL};
static const char *const version_names[] = {"phien ban", NULL};

/* --- one row of cells ----------------------------------------------------- */

typedef struct rcell {
    int set;
    xlsx_cell_type type;
    const char *text;  /* the cell text (in tbuf, or "") */
    const char *place; /* "Sheet!C7" (in pbuf) */
    double number;
    bc_date date;
    int formula; /* a formula (with its cached result, or none: EMPTY) */
    int copy;    /* the value of the merged range above (merged_fill) */
    /* the folded label keys of a text cell and the encoding it was typed
     * in, made once when first asked (cell_keys): whole, and without its
     * "(...)" parts; borrowed from the ingest's memo, or owned */
    int keyed, keys_owned;
    char *key, *key_np;
    text_legacy enc;
    /* storage of text and place, kept from row to row (a cell's copy is
     * one memcpy, not one malloc) unless it grew large */
    bc_strbuf tbuf, pbuf;
} rcell;

typedef struct row_buf {
    uint32_t row; /* 0: none */
    int hidden;   /* the row is hidden in the workbook */
    rcell c[ROW_MAX_COLS + 1]; /* by column, 1-based */
    int failed;
} row_buf;

/* Buffers of a cell larger than this are given back after each row. */
#define RCELL_KEEP_BYTES 4096u

/* Forgets a cell's value; its buffers stay (small ones) for the next. */
static void rcell_clear(rcell *c)
{
    if (c->keys_owned) {
        free(c->key);
        free(c->key_np);
    }
    c->key = c->key_np = NULL;
    c->keyed = c->keys_owned = 0;
    c->set = 0;
    c->type = XLSX_CELL_EMPTY;
    c->text = c->place = NULL;
    c->number = 0.0;
    c->date = 0;
    c->formula = 0;
    c->copy = 0;
    c->enc = TEXT_LEGACY_NONE;
    if (c->tbuf.cap > RCELL_KEEP_BYTES)
        sb_release(&c->tbuf);
    if (c->pbuf.cap > RCELL_KEEP_BYTES)
        sb_release(&c->pbuf);
}

/* Gives cleared cell c a value: type, number, date, formula flag, and
 * copies of text and place in its own buffers.  0, or -1 when memory ran
 * out (c then stays unset). */
static int rcell_set(rcell *c, xlsx_cell_type type, double number,
                     bc_date date, int formula, const char *text,
                     const char *place)
{
    c->set = 1;
    c->type = type;
    c->number = number;
    c->date = date;
    c->formula = formula;
    sb_reset(&c->tbuf);
    sb_adds(&c->tbuf, text);
    sb_reset(&c->pbuf);
    sb_adds(&c->pbuf, place);
    if (c->tbuf.failed || c->pbuf.failed) {
        c->set = 0;
        return -1;
    }
    c->text = sb_str(&c->tbuf);
    c->place = sb_str(&c->pbuf);
    return 0;
}

static void row_clear(row_buf *r)
{
    for (uint32_t i = 1; i <= ROW_MAX_COLS; i++)
        if (r->c[i].set || r->c[i].keyed)
            rcell_clear(&r->c[i]);
    r->row = 0;
    r->hidden = 0;
}

/* row_clear, and every buffer given back. */
static void row_free(row_buf *r)
{
    row_clear(r);
    for (uint32_t i = 1; i <= ROW_MAX_COLS; i++) {
        sb_release(&r->c[i].tbuf);
        sb_release(&r->c[i].pbuf);
    }
}

static int is_blank(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r' &&
            !((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0))
            return 0;
        else if ((unsigned char)s[0] == 0xC2)
            s++;
    return 1;
}

/* A formula without a computed result (EMPTY) is a value too: the clerk
 * sees a figure there. */
static int row_has_value(const rcell *c)
{
    return c->set && (c->type != XLSX_CELL_EMPTY || c->formula) &&
           !(c->type == XLSX_CELL_STRING && is_blank(c->text));
}

/* --- texts met before ------------------------------------------------------ */

/* The encoding and folded keys of the short texts met so far in the
 * workbook: a dropdown value, a unit's name, a header label or a sheet
 * name comes back many times, and is folded and its encoding told once.
 * An open-addressing table of a fixed size that stops taking texts when
 * half full; longer texts are never kept (they are rarely repeated, and
 * the memo stays small whatever the workbook holds). */
#define MEMO_SLOTS 2048u /* a power of two */
#define MEMO_MAX_TEXT 200u

typedef struct memo_entry {
    char *text; /* NULL: a free slot */
    text_legacy enc;
    char *key, *key_np; /* fold_or_empty of the text, and of it without
                           "(...)" (NULL when it has no '(') */
} memo_entry;

typedef struct text_memo {
    memo_entry *slot; /* MEMO_SLOTS, allocated at the first text */
    size_t n;
    int failed;       /* out of memory once: no more memo */
} text_memo;

static void memo_free(text_memo *m)
{
    for (size_t i = 0; m->slot && i < MEMO_SLOTS; i++) {
        free(m->slot[i].text);
        free(m->slot[i].key);
        free(m->slot[i].key_np);
    }
    free(m->slot);
    memset(m, 0, sizeof *m);
}

/* The unit an amount is typed in.  The form asks for triệu đồng; a label
 * or a cell may say otherwise. */
typedef enum money_unit {
    MU_NONE = 0, /* no unit stated: the form's triệu đồng */
    MU_DONG,
    MU_NGHIN,    /* nghìn đồng */
    MU_TRIEU,
    MU_TY,       /* tỷ đồng */
    MU_UNKNOWN   /* a unit of money that is none of these (USD, ...) */
} money_unit;

/* --- the reader's state ----------------------------------------------------- */

typedef struct ingest {
    const char *path;
    bc_diag *d;
    bc_book *b;
    xmlDocPtr doc;
    xmlNodePtr root;
    int nomem;
    const char *sheet; /* name of the sheet being read */
    /* label sheets */
    const label_spec *labels;
    size_t n_labels;
    xmlNodePtr parent;   /* where label fields go */
    const char *parent_name; /* created lazily */
    char *attr_val[4];   /* @unit, @year, @date (or @version, @unit,
                            @year, @illustrative) values */
    char *attr_src[4];
    /* table sheets */
    const table_spec *t;
    xmlNodePtr list;
    uint32_t col_of[16]; /* field -> column, 0 if none */
    uint32_t map_of[16], dup_of[16]; /* the header row's own mapping */
    char *head[16];      /* field -> its header text as typed */
    int header;          /* header row found */
    uint32_t header_row; /* the last header row met */
    int cols_missing;    /* a required column is missing (reported) */
    const char *cur_head; /* header of the cell being converted */
    money_unit unit[16];  /* field -> the unit its label states */
    money_unit sheet_unit; /* stated above the table ("ĐVT: đồng") */
    char *sheet_unit_text, *sheet_unit_place;
    money_unit cur_unit;  /* unit of the cell being converted */
    size_t sheet_idx;     /* index of the sheet being read */
    /* merged ranges of the sheet over two rows or more, and the value of
     * each one's first cell once its row was read (merge_fill) */
    struct merged {
        xlsx_range r;
        int set;
        xlsx_cell_type type;
        double number;
        bc_date date;
        int formula;
        char *text, *place;
    } *merged;
    size_t n_merged;
    /* a lone value below a blank row, held until the next row tells a
     * table's title (a header row follows) from data */
    row_buf pend;
    int pending;
    /* amounts typed as text whose reading depends on the decimal
     * convention, and the first text amount that shows a convention */
    struct amb_amount {
        char *place, *text, *head;
        bc_money vn;  /* read the Vietnamese way ("45.125" = 45125) */
        bc_money en;  /* read the English way (45,125) */
    } amb[8];
    size_t n_amb;
    char *en_place, *en_text; /* "1,200.125" (decimal point) */
    size_t sheet_first;  /* findings before the sheet being read */
    /* the first look at a sheet (prescan_row): how its free-text cells
     * were typed, cells in TCVN3, in VNI, in Unicode Vietnamese */
    int prescan;
    size_t ctx_t, ctx_v, ctx_u;
    size_t ctx_col[ROW_MAX_COLS + 1][3]; /* the same by column */
    size_t ctx_book[3]; /* the same over the sheets read before */
    bc_diag *quiet; /* findings about a merged range's copies, dropped */
    /* probing a sheet of another name for a table's header row */
    int probe;           /* probing: rows are only matched, not read */
    const unsigned char *probe_want; /* tables still looked for */
    int probe_hit;       /* index of the table found, -1 none */
    uint32_t last_row;   /* last non-blank row seen */
    int blank_gap;       /* blank rows before the current one */
    int in_notes;
    int any_cell;        /* the sheet has any value */
    row_buf r;
    text_memo memo;
    /* Each sheet's XML is parsed once (read_sheet): the book's findings
     * go to reader_d and are moved to sink (d as given to ingest_xlsx) at
     * the moments they arrive, and the first look keeps the cells it is
     * handed (kept) so that the reading proper replays them. */
    bc_diag *reader_d, *sink;
    struct kept_cells {
        struct kept_cell {
            uint32_t row, col;
            xlsx_cell_type type;
            int formula, row_hidden;
            double number;
            bc_date date;
            size_t text, place; /* offsets in chars */
        } *v;
        size_t n, cap;
        char *chars;
        size_t len, chars_cap;
        int on;   /* keeping the cells handed out */
        int over; /* too many to keep: the sheet is parsed again */
    } kept;
} ingest;

/* The folded key of a label or sheet name; a label typed in a legacy
 * encoding (a whole form retyped in .VnTime) is read through it, so the
 * form is still recognised.  NULL only when out of memory. */
static char *fold_enc(const char *s, text_legacy enc)
{
    if (!s)
        return text_fold("");
    if (enc == TEXT_LEGACY_TCVN3 || enc == TEXT_LEGACY_VNI) {
        char *u = text_legacy_convert(s, enc);
        char *f = u ? text_fold(u) : NULL;
        free(u);
        if (f)
            return f;
    }
    return text_fold(s);
}

static char *fold_or_empty(const char *s)
{
    return fold_enc(s, s ? text_legacy_detect(s) : TEXT_LEGACY_NONE);
}

static const char *head_of(const ingest *g, const char *fallback)
{
    return g->cur_head ? g->cur_head : fallback ? fallback : "";
}

/* A folded key matches one of labels, either whole or with any
 * parenthesised part of the original removed (checked by the caller). */
static int key_in(const char *key, const char *const *labels)
{
    for (size_t i = 0; labels[i]; i++)
        if (strcmp(key, labels[i]) == 0)
            return 1;
    return 0;
}

/* The folded header text, and the folded text with "(...)" parts and
 * trailing '*' removed. */
/* The text without its parenthesised parts ("Kinh phí (triệu đồng)" ->
 * "Kinh phí "); caller frees; NULL when out of memory. */
static char *strip_parens(const char *text)
{
    char *copy = bc_strdup(text);
    if (!copy)
        return NULL;
    char *w = copy;
    int depth = 0;
    for (const char *p = text; *p; p++) {
        if (*p == '(')
            depth++;
        else if (*p == ')' && depth > 0)
            depth--;
        else if (!depth)
            *w++ = *p;
    }
    *w = '\0';
    return copy;
}

/* Makes the folded keys of a text cell once: a header row is matched
 * against every field of every table, and every later row is checked for
 * a repeated header, so folding (NFC, legacy-encoding detection) must not
 * be redone per field.  Keys stay NULL when out of memory. */
/* The keys of text (never NULL) into *enc, *key, *key_np (malloc'ed;
 * NULL when out of memory, key_np NULL too when text has no '('). */
static void make_keys(const char *text, text_legacy *enc, char **key,
                      char **key_np)
{
    *enc = text_legacy_detect(text);
    *key = fold_enc(text, *enc);
    *key_np = NULL;
    if (strchr(text, '(')) {
        char *np = strip_parens(text);
        *key_np = np ? fold_or_empty(np) : NULL;
        free(np);
    }
}

static uint32_t memo_hash(const char *s, size_t n)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

/* The memo's entry of text, made (keys and all) when it is new; NULL when
 * the text is too long, the memo is half full, or memory ran out for it
 * (the caller then makes the keys itself). */
static const memo_entry *memo_get(text_memo *m, const char *text)
{
    size_t n = strlen(text);
    if (n > MEMO_MAX_TEXT || m->failed)
        return NULL;
    if (!m->slot && !(m->slot = calloc(MEMO_SLOTS, sizeof *m->slot))) {
        m->failed = 1;
        return NULL;
    }
    size_t i = memo_hash(text, n) & (MEMO_SLOTS - 1);
    while (m->slot[i].text) {
        if (strcmp(m->slot[i].text, text) == 0)
            return &m->slot[i];
        i = (i + 1) & (MEMO_SLOTS - 1);
    }
    if (m->n >= MEMO_SLOTS / 2)
        return NULL;
    memo_entry e;
    e.text = bc_strndup(text, n);
    if (!e.text) {
        m->failed = 1;
        return NULL;
    }
    /* keys left NULL (out of memory, or not UTF-8) are kept as such, as
     * a cell's own would be */
    make_keys(text, &e.enc, &e.key, &e.key_np);
    m->slot[i] = e;
    m->n++;
    return &m->slot[i];
}

/* The folded key of a label or sheet name (fold_or_empty), borrowed from
 * the memo or malloc'ed into *own (free it); NULL out of memory. */
static const char *memo_key(ingest *g, const char *s, char **own)
{
    *own = NULL;
    const memo_entry *e = s ? memo_get(&g->memo, s) : NULL;
    if (e)
        return e->key;
    return *own = fold_or_empty(s);
}

static void cell_keys(ingest *g, rcell *c)
{
    if (c->keyed)
        return;
    c->keyed = 1;
    const memo_entry *e = memo_get(&g->memo, c->text);
    if (e) {
        c->enc = e->enc;
        c->key = e->key;
        c->key_np = e->key_np;
        return;
    }
    c->keys_owned = 1;
    make_keys(c->text, &c->enc, &c->key, &c->key_np);
}

/* A text cell's label is one of labels, either whole or with any
 * parenthesised part removed. */
static int label_matches(ingest *g, rcell *c, const char *const *labels)
{
    cell_keys(g, c);
    return (c->key && key_in(c->key, labels)) ||
           (c->key_np && key_in(c->key_np, labels));
}

/* A sheet name folded, without a leading number ("3. Hoạt động"). */
static int sheet_matches(ingest *g, const char *name,
                         const char *const *names)
{
    char *own;
    const char *f = memo_key(g, name, &own);
    if (!f)
        return 0;
    const char *k = f;
    while (*k >= '0' && *k <= '9')
        k++;
    if (k != f && *k == ' ')
        k++;
    else
        k = f;
    int hit = key_in(k, names) || key_in(f, names);
    free(own);
    return hit;
}

static int find_sheet(ingest *g, const char *const *names, size_t *idx)
{
    bc_book *b = g->b;
    for (size_t i = 0; i < book_sheet_count(b); i++)
        if (sheet_matches(g, book_sheet_name(b, i), names)) {
            *idx = i;
            return 1;
        }
    return 0;
}

static const char *const guide_names[] = {"huong dan", NULL};
static const char *const lists_names[] = {"danh muc", NULL};

/* 1 if sheet k is taken by a part of the form by its name (or already
 * given to a table), or is hidden: not probed. */
static int sheet_claimed(ingest *g, size_t k, const table_spec *t,
                         const unsigned char *want, const size_t *table_sheet);

/* --- values ------------------------------------------------------------------ */

static void nomem(ingest *g)
{
    g->nomem = 1;
}

/* Rewrites a number in exponent form ("1E-06", "-2.5e+3", as spreadsheet
 * programs store small and large values) as a plain decimal in out (n
 * bytes), shifting the digits exactly.  Returns 0, or -1 when s is not
 * such a number or the result does not fit. */
static int plain_decimal(const char *s, char *out, size_t n)
{
    char digits[64];
    size_t nd = 0, point = 0;
    int neg = 0, seen_point = 0;
    const char *p = s;
    if (*p == '-' || *p == '+')
        neg = *p++ == '-';
    for (; (*p >= '0' && *p <= '9') || *p == '.'; p++) {
        if (*p == '.') {
            if (seen_point)
                return -1;
            seen_point = 1;
            continue;
        }
        if (nd + 1 >= sizeof digits)
            return -1;
        digits[nd++] = *p;
        if (!seen_point)
            point++;
    }
    if (!nd || (*p != 'E' && *p != 'e'))
        return -1;
    p++;
    int eneg = 0;
    if (*p == '-' || *p == '+')
        eneg = *p++ == '-';
    long e = 0;
    if (*p < '0' || *p > '9')
        return -1;
    for (; *p >= '0' && *p <= '9'; p++)
        if ((e = e * 10 + (*p - '0')) > 40)
            return -1;
    if (*p)
        return -1;
    long pos = (long)point + (eneg ? -e : e); /* digits before the point */
    size_t w = 0;
    if (neg)
        out[w++] = '-';
    if (pos <= 0) {
        out[w++] = '0';
        out[w++] = '.';
        for (long i = 0; i < -pos; i++)
            out[w++] = '0';
        for (size_t i = 0; i < nd; i++)
            out[w++] = digits[i];
    } else {
        for (long i = 0; i < pos; i++)
            out[w++] = (size_t)i < nd ? digits[i] : '0';
        if ((size_t)pos < nd) {
            out[w++] = '.';
            for (size_t i = (size_t)pos; i < nd; i++)
                out[w++] = digits[i];
        }
    }
    /* w <= 2 + 40 + 64 + 1 */
    if (w >= n)
        return -1;
    out[w] = '\0';
    /* drop trailing zeros of the fraction */
    char *dot = strchr(out, '.');
    if (dot) {
        char *end = out + w;
        while (end > dot + 1 && end[-1] == '0')
            *--end = '\0';
        if (end == dot + 1)
            *dot = '\0';
    }
    return 0;
}

/* The canonical decimal of a number cell, exact: its raw <v> (plain or
 * in exponent form) when money holds it; else the shortest decimal that
 * gives the same binary number (%.15g: 350.10000000000002 is 350.1), so
 * spreadsheet arithmetic noise is not taken for precision.  NULL (with
 * *why) when neither fits a money value: more than 6 decimals, or out of
 * range.  Caller frees. */
static char *number_text(const rcell *c, text_num_result *why)
{
    bc_money m;
    char buf[BC_MONEY_BUF];
    char plain[128], g[40];
    *why = TEXT_NUM_OK;
    const char *raw = c->text;
    if (plain_decimal(raw, plain, sizeof plain) == 0)
        raw = plain;
    if (money_parse(raw, &m) == 0)
        return bc_strdup(money_format(m, buf));
    snprintf(g, sizeof g, "%.15g", c->number);
    const char *alt = g;
    if (plain_decimal(g, plain, sizeof plain) == 0)
        alt = plain;
    int rc = money_parse(alt, &m);
    if (rc == 0)
        return bc_strdup(money_format(m, buf));
    *why = rc == -2 ? TEXT_NUM_PRECISION
         : rc == -3 ? TEXT_NUM_OVERFLOW
                    : TEXT_NUM_INVALID;
    return NULL;
}

/* --- units of money -------------------------------------------------------- */


static const char *unit_name(money_unit u)
{
    switch (u) {
    case MU_DONG: return "đồng";
    case MU_NGHIN: return "nghìn đồng";
    case MU_TY: return "tỷ đồng";
    default: return "triệu đồng";
    }
}

/* The unit a folded text names ("dong", "nghin dong", "1000d", "tr",
 * "trieu dong", "ty"), after an optional "don vi"/"dvt" ("Đơn vị: đồng").
 * MU_NONE when the text names no unit of money at all, MU_UNKNOWN when it
 * names money in a way not listed (read never by guess). */
static money_unit unit_of_key(const char *k)
{
    static const struct {
        const char *key;
        money_unit u;
    } units[] = {
        {"dong", MU_DONG},         {"d", MU_DONG},
        {"vnd", MU_DONG},          {"dong vn", MU_DONG},
        {"vn dong", MU_DONG},      {"nghin dong", MU_NGHIN},
        {"ngan dong", MU_NGHIN},   {"nghin", MU_NGHIN},
        {"ngan", MU_NGHIN},        {"1000 dong", MU_NGHIN},
        {"1000d", MU_NGHIN},       {"1000 d", MU_NGHIN},
        {"1 000 dong", MU_NGHIN},  {"1 000d", MU_NGHIN},
        {"1 000 d", MU_NGHIN},     {"nghin vnd", MU_NGHIN},
        {"trieu dong", MU_TRIEU},  {"trieu", MU_TRIEU},
        {"tr", MU_TRIEU},          {"trd", MU_TRIEU},
        {"tr d", MU_TRIEU},        {"tr dong", MU_TRIEU},
        {"trieu vnd", MU_TRIEU},   {"ty dong", MU_TY},
        {"ty", MU_TY},             {"ti dong", MU_TY},
        {"ti", MU_TY},             {"ty vnd", MU_TY},
    };
    static const char *const prefixes[] = {"don vi tinh ", "don vi ", "dvt ",
                                           "tinh bang ", "bang "};
    for (size_t i = 0; i < BC_ARRAY_LEN(prefixes); i++) {
        size_t n = strlen(prefixes[i]);
        if (strncmp(k, prefixes[i], n) == 0) {
            k += n;
            break;
        }
    }
    for (size_t i = 0; i < BC_ARRAY_LEN(units); i++)
        if (strcmp(k, units[i].key) == 0)
            return units[i].u;
    /* a word of money in a phrase not listed */
    static const char *const money_words[] = {"dong", "vnd", "usd", "trieu",
                                              "nghin", "ngan", "ty", "ti",
                                              "tr", "d", "usd", "do la"};
    for (size_t i = 0; i < BC_ARRAY_LEN(money_words); i++) {
        size_t n = strlen(money_words[i]);
        for (const char *p = k; (p = strstr(p, money_words[i])); p++)
            if ((p == k || p[-1] == ' ') && (p[n] == ' ' || !p[n] ||
                                             (p[n] >= '0' && p[n] <= '9')))
                return MU_UNKNOWN;
    }
    return MU_NONE;
}

/* The unit a column's label states: in its parenthesised part ("Kinh phí
 * được giao (đồng)"), else after its last ',' or ':' ("Kinh phí, triệu
 * đồng").  MU_NONE when it states none. */
static money_unit unit_of_label(const char *label)
{
    money_unit u = MU_NONE;
    const char *open = strchr(label, '(');
    char *part = NULL;
    if (open) {
        const char *close = strchr(open, ')');
        part = bc_strndup(open + 1, close ? (size_t)(close - open - 1)
                                          : strlen(open + 1));
    } else {
        const char *cut = strrchr(label, ',');
        const char *colon = strrchr(label, ':');
        if (!cut || (colon && colon > cut))
            cut = colon;
        if (cut)
            part = bc_strdup(cut + 1);
    }
    char *k = part ? text_fold(part) : NULL;
    if (k)
        u = unit_of_key(k);
    free(k);
    free(part);
    return u;
}

/* m, typed in unit u, in millionths of a triệu đồng (the bc_money scale):
 * TEXT_NUM_OK, TEXT_NUM_PRECISION when a fraction of a đồng remains,
 * TEXT_NUM_OVERFLOW beyond the range of money. */
static text_num_result unit_scale(bc_money m, money_unit u, bc_money *out)
{
    switch (u) {
    case MU_DONG:
        if (m % BC_MONEY_SCALE)
            return TEXT_NUM_PRECISION;
        *out = m / BC_MONEY_SCALE;
        return TEXT_NUM_OK;
    case MU_NGHIN:
        if (m % 1000)
            return TEXT_NUM_PRECISION;
        *out = m / 1000;
        return TEXT_NUM_OK;
    case MU_TY:
        if (m > INT64_MAX / 1000 || m < INT64_MIN / 1000)
            return TEXT_NUM_OVERFLOW;
        *out = m * 1000;
        return TEXT_NUM_OK;
    default:
        *out = m;
        return TEXT_NUM_OK;
    }
}

/* Splits an amount typed with its unit ("400 triệu", "350,5 tr",
 * "400.000.000 đ") into its number (a copy, in *num) and the unit; MU_NONE
 * (and *num NULL) when the text does not end in a unit of money. */
static money_unit unit_in_text(const char *s, char **num)
{
    *num = NULL;
    const char *p = s;
    while ((*p >= '0' && *p <= '9') || *p == '.' || *p == ',' ||
           *p == ' ' || *p == '-' || *p == '+')
        p++;
    if (p == s || !*p || !(s[0] == '-' || s[0] == '+' ||
                           (s[0] >= '0' && s[0] <= '9')))
        return MU_NONE;
    char *k = text_fold(p);
    money_unit u = k && *k ? unit_of_key(k) : MU_NONE;
    free(k);
    if (u == MU_NONE || u == MU_UNKNOWN)
        return MU_NONE;
    if (!(*num = bc_strndup(s, (size_t)(p - s))))
        return MU_NONE;
    return u;
}

/* d/m/yyyy -> date, or 0. */
static bc_date parse_dmy(const char *s)
{
    int dd, mm, yy;
    const char *p = s;
    int part[3] = {0, 0, 0}, len[3] = {0, 0, 0};
    for (int i = 0; i < 3; i++) {
        while (*p >= '0' && *p <= '9' && len[i] < 5) {
            part[i] = part[i] * 10 + (*p - '0');
            len[i]++;
            p++;
        }
        if (!len[i])
            return 0;
        if (i < 2) {
            if (*p != '/' && *p != '-' && *p != '.')
                return 0;
            p++;
        }
    }
    if (*p || len[0] > 2 || len[1] > 2 || len[2] != 4)
        return 0;
    dd = part[0];
    mm = part[1];
    yy = part[2];
    return date_valid(yy, mm, dd) ? date_make(yy, mm, dd) : 0;
}

/* A copy of with in place of s (malloc'ed, freed here); NULL when out of
 * memory. */
static char *replaced(char *s, const char *with)
{
    free(s);
    return bc_strdup(with);
}

/* What a field of kind k expects, for findings. */
static const char *expected_of(val_kind k)
{
    switch (k) {
    case FIELD_DATE:
        return "ngày dạng dd/mm/yyyy, ví dụ 05/03/2024";
    case FIELD_COUNT:
        return "số nguyên không âm, ví dụ 1200";
    case FIELD_AMOUNT:
        return "số tiền (triệu đồng) như 1200 hoặc 1.200,5";
    case FIELD_LIST:
    case FIELD_STATUS:
        return "một mục trong danh sách chọn của ô";
    case FIELD_TEXT:
    case FIELD_CODE:
        break;
    }
    return "chữ hoặc số";
}

/* The column's header as the workbook spells it, for findings. */
static const char *head_of(const ingest *g, const char *fallback);

/* The most bytes of a cell's text a finding quotes: a cell can hold
 * 32767 characters (a hostile file, any number), a finding shows a few
 * lines. */
#define FOUND_MAX 200

/* An error finding at cell c: what the reader could not take, the value
 * as typed in found (cut to FOUND_MAX bytes). */
static void cell_finding(ingest *g, const rcell *c, const char *code,
                         const char *found, val_kind k, const char *why)
{
    bc_loc at = {g->path, 0, c->place};
    char *cut = found ? text_utf8_repair(found, FOUND_MAX) : NULL;
    diag_add(g->d, BC_SEV_ERROR, code, &at, cut ? cut : found,
             expected_of(k), "ô %s (%s): %s", c->place, head_of(g, NULL),
             why);
    free(cut);
}

static void number_finding(ingest *g, const rcell *c, const char *text,
                           val_kind k, text_num_result res)
{
    const char *why = res == TEXT_NUM_AMBIGUOUS
                          ? "số viết không rõ dấu phân cách hàng nghìn "
                            "hay phần thập phân"
                      : res == TEXT_NUM_PRECISION
                          ? "số có quá 6 chữ số thập phân"
                      : res == TEXT_NUM_OVERFLOW ? "số quá lớn"
                                                 : "không đọc được số";
    cell_finding(g, c, "XLSX-NUMBER", text, k, why);
}

/* How the texts of a column were typed, from its tallies t, v, u (TCVN3,
 * VNI, Unicode Vietnamese): one legacy encoding only, UNSURE when typed
 * in two ways, NONE in Unicode only; -1 when the column tells nothing. */
static int typed_as(const size_t *k)
{
    if (k[0] && !k[1] && !k[2])
        return TEXT_LEGACY_TCVN3;
    if (k[1] && !k[0] && !k[2])
        return TEXT_LEGACY_VNI;
    if (k[0] || k[1])
        return TEXT_LEGACY_UNSURE;
    return k[2] ? TEXT_LEGACY_NONE : -1;
}

/* How the free texts around cell c were typed (prescan_row): as its
 * column's, or, when that column tells nothing, as the sheet's, or, when
 * the sheet tells nothing either, as the sheets read before. */
static text_legacy typed_around(const ingest *g, const rcell *c)
{
    int v = -1;
    if (c >= g->r.c && c <= g->r.c + ROW_MAX_COLS)
        v = typed_as(g->ctx_col[c - g->r.c]);
    if (v < 0) {
        size_t k[3] = {g->ctx_t, g->ctx_v, g->ctx_u};
        v = typed_as(k);
    }
    if (v < 0)
        v = typed_as(g->ctx_book);
    return v < 0 ? TEXT_LEGACY_NONE : (text_legacy)v;
}

/* Legacy-encoded text (TCVN3, VNI) is converted with a warning, or
 * refused at its cell when the encoding cannot be told.  Takes s; returns
 * the text to use (NULL: refused, finding added, or out of memory). */
static char *legacy_text(ingest *g, rcell *c, char *s)
{
    text_legacy enc;
    if (strcmp(s, c->text) == 0) {
        cell_keys(g, c); /* told once per text */
        enc = c->enc;
    } else {
        enc = text_legacy_detect(s);
    }
    /* a short text that also reads as Unicode ("Cao Léc"), or that both
     * legacy encodings read: decided by how the sheet's other texts were
     * typed, refused when they were typed both ways */
    const char *by_sheet = "";
    text_legacy around = (enc == TEXT_LEGACY_NONE ||
                          enc == TEXT_LEGACY_UNSURE)
                             ? typed_around(g, c)
                             : TEXT_LEGACY_NONE;
    if (around == TEXT_LEGACY_TCVN3 || around == TEXT_LEGACY_VNI) {
        if (text_legacy_reads(s, around)) {
            enc = around;
            by_sheet = " (như các ô khác cùng cột, cùng trang)";
        }
    } else if (around == TEXT_LEGACY_UNSURE &&
               (text_legacy_reads(s, TEXT_LEGACY_TCVN3) ||
                text_legacy_reads(s, TEXT_LEGACY_VNI))) {
        enc = TEXT_LEGACY_UNSURE; /* the column mixes Unicode and legacy */
    }
    if (enc == TEXT_LEGACY_NONE)
        return s;
    if (enc == TEXT_LEGACY_UNSURE) {
        bc_loc at = {g->path, 0, c->place};
        char *cut = text_utf8_repair(s, FOUND_MAX);
        diag_add(g->d, BC_SEV_ERROR, "TEXT-ENCODING", &at, cut ? cut : s,
                 "chữ Việt Unicode (gõ lại bằng phông Unicode, ví dụ Times "
                 "New Roman)",
                 "ô %s (%s): chữ có vẻ được gõ bằng bảng mã cũ (TCVN3 hoặc "
                 "VNI) nhưng không xác định được bảng mã",
                 c->place, head_of(g, "nội dung"));
        free(cut);
        free(s);
        return NULL;
    }
    char *u = text_legacy_convert(s, enc);
    if (!u) {
        nomem(g);
        free(s);
        return NULL;
    }
    bc_loc at = {g->path, 0, c->place};
    char *cut_s = text_utf8_repair(s, FOUND_MAX);
    char *cut_u = text_utf8_repair(u, FOUND_MAX);
    diag_add(g->d, BC_SEV_WARNING, "TEXT-LEGACY", &at, cut_s ? cut_s : s,
             cut_u ? cut_u : u,
             "ô %s (%s): chữ gõ bằng bảng mã %s%s, đã chuyển sang Unicode",
             c->place, head_of(g, "nội dung"), text_legacy_name(enc),
             by_sheet);
    free(cut_s);
    free(cut_u);
    free(s);
    return u;
}

/* Remembers how an amount typed as text shows the decimal convention:
 * "1,200.125" (decimal point, English) and, at most BC_ARRAY_LEN(g->amb),
 * amounts such as "45.125" whose reading depends on it (read the
 * Vietnamese way, 45125, by text_parse_number).  style_findings then
 * reports each of those when the same file also shows the English way. */
static void amount_style(ingest *g, const rcell *c, const char *text,
                         bc_money vn)
{
    size_t ndot = 0, ncomma = 0;
    char last = 0;
    for (const char *p = text; *p; p++)
        if (*p == '.' || *p == ',') {
            ndot += *p == '.';
            ncomma += *p == ',';
            last = *p;
        }
    if ((ndot && ncomma && last == '.') || ncomma >= 2) {
        if (!g->en_place) {
            g->en_place = bc_strdup(c->place);
            g->en_text = text_utf8_repair(text, FOUND_MAX);
            if (!g->en_place || !g->en_text)
                nomem(g);
        }
        return;
    }
    if (g->n_amb >= BC_ARRAY_LEN(g->amb) ||
        text_parse_number(text, 0, NULL) != TEXT_NUM_AMBIGUOUS)
        return;
    /* the English reading: '.' marks decimals, ',' groups thousands */
    char *alt = bc_strdup(text), *w = alt;
    if (!alt) {
        nomem(g);
        return;
    }
    for (const char *p = text; *p; p++)
        if (*p != ',' && *p != ' ')
            *w++ = *p;
    *w = '\0';
    struct amb_amount *a = &g->amb[g->n_amb];
    if (money_parse(alt, &a->en) == 0) {
        a->vn = vn;
        a->place = bc_strdup(c->place);
        a->text = text_utf8_repair(text, FOUND_MAX);
        a->head = bc_strdup(head_of(g, ""));
        if (!a->place || !a->text || !a->head)
            nomem(g);
        g->n_amb++;
    }
    free(alt);
}

/* What cell_value made of a cell. */
typedef enum cell_result {
    CELL_EMPTY = 0, /* nothing in the cell */
    CELL_OK,        /* *out holds the canonical text (caller frees) */
    CELL_BAD        /* refused: an error finding was added at the cell */
} cell_result;

/* The canonical text of a cell for a field of kind k, in *out.  Values
 * the reader cannot take safely (a formula error, a logical value, a date
 * or number that cannot be read, text in an unknown legacy encoding) get
 * an error finding at the cell and CELL_BAD: they are never guessed nor
 * passed on for the schema to trip over.  Out of memory: g->nomem and
 * CELL_BAD. */
static cell_result cell_value(ingest *g, rcell *c, val_kind k,
                              char **out)
{
    *out = NULL;
    if (!row_has_value(c))
        return CELL_EMPTY;
    char buf[BC_MONEY_BUF];
    char iso[11];
    char *s = NULL;
    if (c->type == XLSX_CELL_EMPTY && c->formula) {
        bc_loc at = {g->path, 0, c->place};
        diag_add(g->d, BC_SEV_ERROR, "XLSX-VALUE", &at, NULL,
                 "mở tệp bằng Excel hoặc LibreOffice, lưu lại rồi gửi lại "
                 "(hoặc gõ thẳng giá trị vào ô)",
                 "ô %s (%s): ô chứa công thức nhưng tệp không lưu kết quả "
                 "đã tính của công thức (chương trình lưu tệp không tính "
                 "công thức), nên không biết giá trị",
                 c->place, head_of(g, NULL));
        return CELL_BAD;
    }
    switch (c->type) {
    case XLSX_CELL_ERROR:
        cell_finding(g, c, "XLSX-VALUE", c->text, k,
                     "ô chứa lỗi công thức, không có giá trị");
        return CELL_BAD;
    case XLSX_CELL_BOOLEAN:
        cell_finding(g, c, "XLSX-VALUE", c->text[0] == '1' ? "TRUE" : "FALSE",
                     k, "ô chứa giá trị logic (đúng/sai)");
        return CELL_BAD;
    case XLSX_CELL_DATE:
        if (k == FIELD_COUNT || k == FIELD_AMOUNT) {
            cell_finding(g, c, "XLSX-VALUE",
                         c->date ? date_format_vn(c->date, iso) : c->text, k,
                         "ô định dạng ngày, không phải số");
            return CELL_BAD;
        }
        if (!c->date) {
            cell_finding(g, c, "XLSX-DATE", c->text, k,
                         "số ngày không ứng với ngày nào từ 1900 đến 2100");
            return CELL_BAD;
        }
        s = bc_strdup(date_format_iso(c->date, iso));
        break;
    case XLSX_CELL_NUMBER:
        if (k == FIELD_DATE) {
            bc_date dt = xlsx_serial_date(c->number, book_date1904(g->b));
            if (!dt) {
                cell_finding(g, c, "XLSX-DATE", c->text, k,
                             "số này không phải ngày");
                return CELL_BAD;
            }
            s = bc_strdup(date_format_iso(dt, iso));
            break;
        }
        text_num_result why;
        s = number_text(c, &why);
        if (!s && why != TEXT_NUM_OK) {
            number_finding(g, c, c->text, k, why);
            return CELL_BAD;
        }
        if (s && k == FIELD_COUNT && strchr(s, '.')) {
            cell_finding(g, c, "XLSX-NUMBER", s, k, "số lượng phải là số "
                                                    "nguyên");
            free(s);
            return CELL_BAD;
        }
        if (s && k == FIELD_AMOUNT && g->cur_unit != MU_NONE &&
            g->cur_unit != MU_TRIEU) {
            bc_money m = 0;
            text_num_result r = money_parse(s, &m) == 0
                                    ? unit_scale(m, g->cur_unit, &m)
                                    : TEXT_NUM_INVALID;
            if (r != TEXT_NUM_OK) {
                number_finding(g, c, c->text, k, r);
                free(s);
                return CELL_BAD;
            }
            s = replaced(s, money_format(m, buf));
        }
        break;
    case XLSX_CELL_EMPTY:
    case XLSX_CELL_STRING:
        s = text_clean(c->text);
        if (s && !*s) {
            free(s);
            return CELL_EMPTY;
        }
        if (s && !(s = legacy_text(g, c, s)))
            return CELL_BAD;
        break;
    }
    if (!s) {
        nomem(g);
        return CELL_BAD;
    }
    if (c->type != XLSX_CELL_STRING && c->type != XLSX_CELL_EMPTY) {
        *out = s;
        return CELL_OK;
    }
    switch (k) {
    case FIELD_LIST: {
        char *dash = strstr(s, " - ");
        if (dash && dash != s) {
            *dash = '\0';
            char *t = text_clean(s);
            free(s);
            s = t;
        }
        break;
    }
    case FIELD_STATUS: {
        char *f = text_fold(s);
        const char *code = NULL;
        if (f) {
            if (!strcmp(f, "da nop don") || !strcmp(f, "dang cho") ||
                !strcmp(f, "nop don"))
                code = "filed";
            else if (!strcmp(f, "da cap van bang") ||
                     !strcmp(f, "da cap bang") ||
                     !strcmp(f, "da cap"))
                code = "granted";
            else if (!strcmp(f, "bi tu choi") || !strcmp(f, "tu choi"))
                code = "refused";
        }
        free(f);
        if (code) {
            s = replaced(s, code);
        }
        break;
    }
    case FIELD_DATE: {
        bc_date dt = 0;
        if (date_parse_iso(s, &dt) != 0)
            dt = parse_dmy(s);
        if (!dt) {
            cell_finding(g, c, "XLSX-DATE", s, k,
                         "không đọc được ngày (ngày không có thật, hoặc "
                         "không viết theo ngày/tháng/năm)");
            free(s);
            return CELL_BAD;
        }
        s = replaced(s, date_format_iso(dt, iso));
        break;
    }
    case FIELD_COUNT:
    case FIELD_AMOUNT: {
        bc_money m = 0;
        char *num = NULL;
        money_unit u = k == FIELD_AMOUNT ? unit_in_text(s, &num) : MU_NONE;
        const char *digits = num ? num : s;
        text_num_result res =
            text_parse_number(digits, k == FIELD_AMOUNT ? 1 : 0, &m);
        if (res == TEXT_NUM_EMPTY) {
            free(num);
            free(s);
            return CELL_EMPTY;
        }
        if (res == TEXT_NUM_OK && k == FIELD_COUNT && m % BC_MONEY_SCALE != 0)
            res = TEXT_NUM_INVALID;
        if (res == TEXT_NUM_OK && k == FIELD_AMOUNT) {
            amount_style(g, c, digits, m);
            res = unit_scale(m, u != MU_NONE ? u : g->cur_unit, &m);
        }
        free(num);
        if (res != TEXT_NUM_OK) {
            number_finding(g, c, s, k, res);
            free(s);
            return CELL_BAD;
        }
        if (u != MU_NONE) {
            char vn[TEXT_VN_BUF];
            text_format_vn(m, vn, sizeof vn);
            bc_loc at = {g->path, 0, c->place};
            char *cut = text_utf8_repair(s, FOUND_MAX);
            diag_add(g->d, BC_SEV_NOTE, "XLSX-UNIT", &at, cut ? cut : s,
                     "chỉ gõ số, tính bằng triệu đồng",
                     "ô %s (%s): số tiền ghi kèm đơn vị %s, đã đọc là %s "
                     "triệu đồng",
                     c->place, head_of(g, NULL), unit_name(u), vn);
            free(cut);
        }
        s = replaced(s, money_format(m, buf));
        break;
    }
    case FIELD_TEXT:
    case FIELD_CODE:
        break;
    }
    if (!s) {
        nomem(g);
        return CELL_BAD;
    }
    *out = s;
    return CELL_OK;
}

/* Adds <name src=place>value</name> to parent. */
static void add_child(ingest *g, xmlNodePtr parent, const char *name,
                      const char *value, const char *place)
{
    xmlNodePtr n = xmlNewTextChild(parent, NULL, BAD_CAST name,
                                   BAD_CAST value);
    if (!n || (place && !xmlNewProp(n, BAD_CAST "src", BAD_CAST place)))
        nomem(g);
}

static xmlNodePtr add_elem(ingest *g, xmlNodePtr parent, const char *name,
                           const char *place)
{
    xmlNodePtr n = xmlNewChild(parent, NULL, BAD_CAST name, NULL);
    if (!n || (place && !xmlNewProp(n, BAD_CAST "src", BAD_CAST place))) {
        nomem(g);
        return NULL;
    }
    return n;
}

static char *row_place(ingest *g, uint32_t row, uint32_t col)
{
    char ref[XLSX_REF_BUF];
    xlsx_ref_format(row, col, ref);
    char *p = bc_asprintf("%s!%s", g->sheet, ref);
    if (!p)
        nomem(g);
    return p;
}

/* --- label sheets ------------------------------------------------------------ */

static void label_row(ingest *g)
{
    row_buf *r = &g->r;
    rcell *a = &r->c[1];
    if (!a->set || a->type != XLSX_CELL_STRING)
        return;
    for (size_t i = 0; i < g->n_labels; i++) {
        const label_spec *ls = &g->labels[i];
        if (!label_matches(g, a, ls->labels))
            continue;
        rcell *v = &r->c[2];
        char *val = NULL;
        g->cur_head = a->text;
        cell_result cr = cell_value(g, v, ls->kind, &val);
        g->cur_head = NULL;
        if (cr != CELL_OK)
            return;
        if (ls->key[0] == '@') {
            size_t slot = i < BC_ARRAY_LEN(g->attr_val)
                              ? i
                              : BC_ARRAY_LEN(g->attr_val) - 1;
            if (!g->attr_val[slot]) {
                g->attr_val[slot] = val;
                g->attr_src[slot] = bc_strdup(v->place);
                return;
            }
        } else {
            if (!g->parent) {
                g->parent = add_elem(g, g->root, g->parent_name, NULL);
            }
            if (g->parent)
                add_child(g, g->parent, ls->key, val, v->place);
        }
        free(val);
        return;
    }
}

/* --- table sheets ------------------------------------------------------------ */

static void heads_clear(ingest *g)
{
    for (size_t f = 0; f < BC_ARRAY_LEN(g->head); f++) {
        free(g->head[f]);
        g->head[f] = NULL;
    }
}

/* Maps the row's header labels onto the fields of table t in col_of (16
 * entries); returns how many fields were found.  With dup_of (16 entries,
 * or NULL), a later column whose label matches only fields already
 * mapped is put at the first of them (the first such column a field). */
static size_t header_hits(ingest *g, const table_spec *t, uint32_t col_of[16],
                          uint32_t *dup_of)
{
    row_buf *r = &g->r;
    size_t hits = 0;
    memset(col_of, 0, 16 * sizeof col_of[0]);
    if (dup_of)
        memset(dup_of, 0, 16 * sizeof dup_of[0]);
    for (uint32_t c = 1; c <= ROW_MAX_COLS; c++) {
        rcell *x = &r->c[c];
        if (!x->set || x->type != XLSX_CELL_STRING)
            continue;
        size_t taken = SIZE_MAX;
        int placed = 0;
        for (size_t f = 0; f < t->n_fields && !placed; f++) {
            if (!label_matches(g, x, t->fields[f].labels))
                continue;
            if (col_of[f]) {
                if (taken == SIZE_MAX)
                    taken = f;
                continue;
            }
            col_of[f] = c;
            hits++;
            placed = 1;
        }
        if (!placed && taken != SIZE_MAX && dup_of && !dup_of[taken])
            dup_of[taken] = c;
    }
    return hits;
}

/* 1 when the row is a header row of the current table: at least two of
 * its labels (all of a smaller table). */
static int header_match(ingest *g, uint32_t col_of[16], uint32_t dup_of[16])
{
    size_t hits = header_hits(g, g->t, col_of, dup_of);
    size_t need = g->t->n_fields < 2 ? g->t->n_fields : 2;
    return hits >= need && hits > 0;
}

/* "C" for column 3, into buf (XLSX_REF_BUF bytes). */
static const char *col_name(uint32_t col, char buf[XLSX_REF_BUF])
{
    xlsx_ref_format(1, col, buf);
    char *one = strchr(buf, '1');
    if (one)
        *one = '\0';
    return buf;
}

/* Two columns of the header row match field f (last year's column kept
 * beside this year's, often hidden): the visible one is read when the
 * other is hidden, with a warning naming both; otherwise neither is
 * chosen, an error names both and the table's rows are not read. */
static void column_dup(ingest *g, size_t f, uint32_t other)
{
    const field_spec *fs = &g->t->fields[f];
    uint32_t a = g->col_of[f], b = other;
    int ha = book_col_hidden(g->b, g->sheet_idx, a);
    int hb = book_col_hidden(g->b, g->sheet_idx, b);
    char na[XLSX_REF_BUF], nb[XLSX_REF_BUF];
    col_name(a, na);
    col_name(b, nb);
    if (ha != hb) {
        uint32_t drop = ha ? a : b;
        g->col_of[f] = ha ? b : a;
        bc_loc at = {g->path, 0, g->r.c[drop].place};
        char *want = bc_asprintf("xóa cột ẩn %s hoặc đổi tiêu đề của nó",
                                 ha ? na : nb);
        diag_add(g->d, BC_SEV_WARNING, "XLSX-COLUMN-DUP", &at,
                 g->r.c[drop].text, want,
                 "trang «%s» có hai cột «%s»: cột %s đang bị ẩn và cột %s; "
                 "số liệu được đọc ở cột %s đang hiện, cột ẩn %s bị bỏ qua",
                 g->sheet, fs->header, ha ? na : nb, ha ? nb : na,
                 ha ? nb : na, ha ? na : nb);
        free(want);
        return;
    }
    bc_loc at = {g->path, 0, g->r.c[b].place};
    char *want = bc_asprintf("chỉ một cột «%s»: xóa cột thừa (%s hoặc %s) "
                             "hoặc đổi tiêu đề của nó",
                             fs->header, na, nb);
    diag_add(g->d, BC_SEV_ERROR, "XLSX-COLUMN-DUP", &at, g->r.c[b].text,
             want,
             "trang «%s» có hai cột «%s» (cột %s và cột %s%s): không biết "
             "số liệu ở cột nào là đúng, các dòng của bảng không được đọc",
             g->sheet, fs->header, na, nb, ha ? ", cả hai đang bị ẩn" : "");
    free(want);
    g->cols_missing = 1;
}

/* The unit a text cell states (unit_of_label), read in the legacy
 * encoding it was typed in.  With stated (not NULL): set to 1 when the
 * text is a line stating a unit ("Đơn vị tính: …", "ĐVT …"). */
static money_unit unit_of_cell(ingest *g, rcell *x, int *stated)
{
    cell_keys(g, x);
    char *u8 = x->enc == TEXT_LEGACY_TCVN3 || x->enc == TEXT_LEGACY_VNI
                   ? text_legacy_convert(x->text, x->enc)
                   : NULL;
    const char *t = u8 ? u8 : x->text;
    money_unit u = unit_of_label(t);
    if (stated) {
        char *k = text_fold(t);
        *stated = k && (strstr(k, "don vi") || !strncmp(k, "dvt", 3));
        free(k);
    }
    free(u8);
    return u;
}

/* The unit the label of amount field f states: a note when the amounts
 * are converted to triệu đồng, an error (the table's rows are not read)
 * when it names money in a way not known. */
static void column_unit(ingest *g, size_t f)
{
    rcell *h = &g->r.c[g->col_of[f]];
    money_unit u = unit_of_cell(g, h, NULL);
    const char *line = "";
    char *by_line = NULL;
    if (u == MU_NONE && g->sheet_unit != MU_NONE) {
        /* "Đơn vị tính: đồng" above the table */
        u = g->sheet_unit;
        line = by_line = bc_asprintf(" (theo dòng «%s» ở ô %s)",
                                     g->sheet_unit_text, g->sheet_unit_place);
    }
    g->unit[f] = u;
    if (u == MU_NONE || u == MU_TRIEU) {
        free(by_line);
        return;
    }
    bc_loc at = {g->path, 0, h->place};
    if (u == MU_UNKNOWN) {
        diag_add(g->d, BC_SEV_ERROR, "XLSX-UNIT", &at, g->head[f],
                 "tiêu đề ghi đơn vị triệu đồng (hoặc đồng, nghìn đồng, tỷ "
                 "đồng), ví dụ «Kinh phí được giao (triệu đồng)»",
                 "ô %s: không hiểu đơn vị tiền trong tiêu đề cột «%s»; các "
                 "dòng của bảng không được đọc",
                 h->place, g->head[f]);
        g->cols_missing = 1;
        return;
    }
    static const char *const by[] = {"", "chia cho 1.000.000",
                                      "chia cho 1.000", "", "nhân với 1.000"};
    diag_add(g->d, BC_SEV_NOTE, "XLSX-UNIT", &at, g->head[f], "triệu đồng",
             "cột «%s» ghi số tiền bằng %s%s: các số trong cột được đổi sang "
             "triệu đồng (%s)",
             g->head[f], unit_name(u), line ? line : "", by[u]);
    free(by_line);
}

/* A row above a table's header stating the unit of its amounts
 * ("Đơn vị tính: đồng", "ĐVT: nghìn đồng", "(Đơn vị: triệu đồng)"):
 * kept for the amount columns whose label states none. */
static void unit_line(ingest *g)
{
    for (uint32_t c = 1; c <= ROW_MAX_COLS; c++) {
        rcell *x = &g->r.c[c];
        if (!row_has_value(x) || x->type != XLSX_CELL_STRING)
            continue;
        int stated = 0;
        money_unit u = unit_of_cell(g, x, &stated);
        if (!stated || u == MU_NONE)
            continue;
        free(g->sheet_unit_text);
        free(g->sheet_unit_place);
        g->sheet_unit = u;
        g->sheet_unit_text = text_utf8_repair(x->text, FOUND_MAX);
        g->sheet_unit_place = bc_strdup(x->place);
        if (!g->sheet_unit_text || !g->sheet_unit_place)
            nomem(g);
        return;
    }
}

/* The header row: remembers each field's column, label and unit; two
 * columns for one field (column_dup), a hidden column read (a warning),
 * a required field without a column (one XLSX-COLUMN error; the rows
 * are then not read).  Every header row met re-maps the columns for the
 * rows under it (a second table below the first, in another order). */
static void header_take(ingest *g, const uint32_t col_of[16],
                        const uint32_t dup_of[16])
{
    row_buf *r = &g->r;
    heads_clear(g);
    memcpy(g->col_of, col_of, sizeof g->col_of);
    memcpy(g->map_of, col_of, sizeof g->map_of);
    memcpy(g->dup_of, dup_of, sizeof g->dup_of);
    g->header = 1;
    g->header_row = r->row;
    g->cols_missing = 0;
    for (size_t f = 0; f < g->t->n_fields; f++) {
        const field_spec *fs = &g->t->fields[f];
        g->unit[f] = MU_NONE;
        if (g->col_of[f] && dup_of[f]) {
            column_dup(g, f, dup_of[f]);
        } else if (g->col_of[f] &&
                   book_col_hidden(g->b, g->sheet_idx, g->col_of[f])) {
            char n[XLSX_REF_BUF];
            bc_loc at = {g->path, 0, r->c[g->col_of[f]].place};
            diag_add(g->d, BC_SEV_WARNING, "XLSX-COLUMN-HIDDEN", &at,
                     r->c[g->col_of[f]].text,
                     "bỏ ẩn cột để kiểm tra số liệu trong cột",
                     "cột %s («%s») của trang «%s» đang bị ẩn nhưng vẫn là "
                     "cột «%s» của mẫu báo cáo: số liệu trong cột được đọc",
                     col_name(g->col_of[f], n), r->c[g->col_of[f]].text,
                     g->sheet, fs->header);
        }
        if (g->col_of[f]) {
            char *h = text_clean(r->c[g->col_of[f]].text);
            g->head[f] = h ? h : bc_strdup(fs->header);
            if (fs->kind == FIELD_AMOUNT && g->head[f])
                column_unit(g, f);
            continue;
        }
        if (!fs->required)
            continue;
        char *at_place = row_place(g, r->row, 1);
        bc_loc at = {g->path, 0, at_place};
        char *want = bc_asprintf("thêm cột «%s» vào dòng tiêu đề (dòng %u) "
                                 "như mẫu báo cáo",
                                 fs->header, (unsigned)r->row);
        diag_add(g->d, BC_SEV_ERROR, "XLSX-COLUMN", &at, NULL, want,
                 "trang «%s» không có cột «%s» ở dòng tiêu đề (dòng %u): "
                 "các dòng của bảng không đọc được",
                 g->sheet, fs->header, (unsigned)r->row);
        free(want);
        free(at_place);
        g->cols_missing = 1;
    }
}

static int is_totals(const char *text)
{
    char *f = text_fold(text);
    int hit = f && (!strcmp(f, "cong") || !strcmp(f, "tong cong") ||
                    !strcmp(f, "tong"));
    free(f);
    return hit;
}

/* 1 when the row is the row of column numbers official forms put under
 * the header: "(1)", "(2)", "(3)" … (anywhere), or 1, 2, 3 … right under
 * the header; one a column, at least three, each one more than the one
 * on its left. */
static int column_numbers(const ingest *g)
{
    const row_buf *r = &g->r;
    long prev = 0;
    size_t n = 0;
    int parens = 1;
    for (uint32_t c = 1; c <= ROW_MAX_COLS; c++) {
        const rcell *x = &r->c[c];
        if (!row_has_value(x))
            continue;
        long v = 0;
        if (x->type == XLSX_CELL_NUMBER) {
            if (x->number < 0 || x->number > 1000 ||
                x->number != (double)(long)x->number)
                return 0;
            v = (long)x->number;
            parens = 0;
        } else if (x->type == XLSX_CELL_STRING) {
            const char *p = x->text;
            while (*p == ' ')
                p++;
            int open = *p == '(';
            p += open;
            if (*p < '0' || *p > '9')
                return 0;
            for (; *p >= '0' && *p <= '9' && v < 1000; p++)
                v = v * 10 + (*p - '0');
            if (open && *p++ != ')')
                return 0;
            while (*p == ' ')
                p++;
            if (*p)
                return 0;
            parens &= open;
        } else {
            return 0;
        }
        if (n && v != prev + 1)
            return 0;
        prev = v;
        n++;
    }
    return n >= 3 && (parens || r->row == g->header_row + 1);
}

/* 1 when the text of a lone cell is a note under a table rather than a
 * value: it starts as notes and signatures do and reads as a sentence
 * (a colon, or three words at least): "Ghi chú: …", "Người lập biểu",
 * "KT. GIÁM ĐỐC"; or it is a place and date line ("Lạng Sơn, ngày …
 * tháng … năm …").  A short value is never taken for a note. */
static int note_text(const char *text)
{
    static const char *const starts[] = {
        "ghi chu",  "luu y",    "chu thich",     "chu y",
        "nguoi lap", "nguoi ky", "nguoi bao cao", "thu truong",
        "noi nhan", "xac nhan", "lanh dao",      "ke toan",
        "giam doc", "chu tich", "pho giam doc",  "truong phong",
        "kt giam doc", "tm uy ban"};
    char *f = text_fold(text);
    int hit = 0;
    if (f) {
        size_t words = 1;
        for (const char *p = f; *p; p++)
            words += *p == ' ';
        int sentence = strchr(text, ':') || words >= 3;
        for (size_t i = 0; i < BC_ARRAY_LEN(starts) && !hit; i++)
            hit = sentence && strncmp(f, starts[i], strlen(starts[i])) == 0;
        hit |= strstr(f, " ngay ") && strstr(f, " thang ") &&
               strstr(f, " nam ");
    }
    free(f);
    return hit;
}

/* 1 if an error finding at place was added since the sheet was opened
 * (the reader refuses a cell it cannot read and then skips it). */
static int error_at(const ingest *g, const char *place)
{
    for (size_t i = g->sheet_first; i < diag_count(g->d); i++) {
        const bc_finding *f = diag_get(g->d, i);
        if (f->sev == BC_SEV_ERROR && f->place && !strcmp(f->place, place))
            return 1;
    }
    return 0;
}

/* XLSX-REQUIRED at the empty cell of field f in column col of the
 * current row, naming it as the clerk's header does, saying what to type
 * there; `because` ("" or ", vì …") says why the row needs it.  Nothing
 * when the reader refused that cell already.  Always 1 (the row is
 * refused). */
static int required_at(ingest *g, size_t f, uint32_t col, const char *because)
{
    const field_spec *fs = &g->t->fields[f];
    char *place = row_place(g, g->r.row, col);
    if (!place || error_at(g, place)) { /* refused already (XLSX-CELL) */
        free(place);
        return 1;
    }
    bc_loc at = {g->path, 0, place};
    char *want = bc_asprintf("điền %s vào ô %s: %s", fs->header, place,
                             expected_of(fs->kind));
    diag_add(g->d, BC_SEV_ERROR, "XLSX-REQUIRED", &at, NULL,
             want ? want : expected_of(fs->kind),
             "ô %s (%s) để trống: dòng %u phải có %s%s", place,
             g->col_of[f] ? g->head[f] : fs->header, (unsigned)g->r.row,
             fs->header, because);
    free(want);
    free(place);
    return 1;
}

/* The fields the row's status asks for (a filing date for «Đã nộp đơn»,
 * a grant date for «Đã cấp văn bằng») left empty: XLSX-REQUIRED at the
 * empty cell (at the status cell when the table has no such column), in
 * the form's words.  1 if one was missing. */
static int needed_missing(ingest *g, const char *status,
                          const unsigned char got[16])
{
    int missing = 0;
    uint32_t st_col = 0;
    for (size_t f = 0; f < g->t->n_fields; f++)
        if (g->t->fields[f].kind == FIELD_STATUS)
            st_col = g->col_of[f];
    /* the element a status asks for (submission.xsd: a record's dates) */
    static const struct {
        const char *status, *elem;
    } needed[] = {{"filed", "filed"}, {"granted", "granted"}};
    for (size_t f = 0; status && f < g->t->n_fields; f++) {
        const field_spec *fs = &g->t->fields[f];
        int need = 0;
        for (size_t k = 0; k < BC_ARRAY_LEN(needed); k++)
            need |= !strcmp(needed[k].status, status) &&
                    !strcmp(needed[k].elem, fs->elem);
        if (!need || got[f])
            continue;
        char *why = bc_asprintf(" vì tình trạng là «%s»",
                                st_col ? g->r.c[st_col].text : status);
        missing = required_at(g, f, g->col_of[f] ? g->col_of[f] : st_col,
                              why ? why : "");
        free(why);
    }
    return missing;
}

/* One data row of a table: one item whose every mapped cell is
 * converted.  A row with a cell refused, or a required cell left empty,
 * is left out of the document (its findings reject the file), so the
 * rules still run over every other row. */
static void table_item(ingest *g)
{
    row_buf *r = &g->r;
    char *rp = row_place(g, r->row, 1);
    xmlNodePtr item = xmlNewNode(NULL, BAD_CAST g->t->item_elem);
    if (!rp || !item || !xmlNewProp(item, BAD_CAST "src", BAD_CAST rp)) {
        nomem(g);
        free(rp);
        xmlFreeNode(item);
        return;
    }
    if (r->hidden) {
        /* read as typed, but never silently: the clerk does not see it
         * (as a hidden column, XLSX-COLUMN-HIDDEN) */
        bc_loc at = {g->path, 0, rp};
        char found[32];
        snprintf(found, sizeof found, "hàng %u", (unsigned)r->row);
        diag_add(g->d, BC_SEV_WARNING, "XLSX-ROW-HIDDEN", &at, found,
                 "hiện hàng này (Unhide) để kiểm tra, hoặc xóa hàng nếu "
                 "số liệu không dùng nữa",
                 "trang %s: hàng %u đang bị ẩn nhưng có số liệu; số liệu "
                 "của hàng vẫn được đọc",
                 g->sheet, (unsigned)r->row);
    }
    free(rp);
    int bad = g->cols_missing;
    char *status = NULL; /* the row's status code, once converted */
    unsigned char got[16] = {0}; /* field -> a value was read */
    for (size_t f = 0; f < g->t->n_fields && !g->nomem; f++) {
        const field_spec *fs = &g->t->fields[f];
        if (!g->col_of[f])
            continue;
        rcell *x = &r->c[g->col_of[f]];
        char *val = NULL;
        g->cur_head = g->head[f];
        g->cur_unit = g->unit[f];
        /* a merged range's value was reported at its cell already */
        bc_diag *d = g->d;
        if (x->copy && (g->quiet || (g->quiet = diag_new())))
            g->d = g->quiet;
        cell_result cr = cell_value(g, x, fs->kind, &val);
        g->d = d;
        g->cur_head = NULL;
        g->cur_unit = MU_NONE;
        if (cr == CELL_OK) {
            add_child(g, item, fs->elem, val, x->place);
            got[f] = 1;
            if (fs->kind == FIELD_STATUS && !status && !(status = bc_strdup(val)))
                nomem(g);
        } else if (cr == CELL_BAD) {
            bad = 1;
        } else if (fs->required) {
            bad = required_at(g, f, g->col_of[f], "");
        }
        free(val);
    }
    bad |= needed_missing(g, status, got);
    free(status);
    if (bad || g->nomem) {
        xmlFreeNode(item);
        return;
    }
    if (!g->list && !(g->list = add_elem(g, g->root, g->t->list_elem, NULL))) {
        xmlFreeNode(item);
        return;
    }
    xmlAddChild(g->list, item);
}

static void row_swap(row_buf *a, row_buf *b)
{
    row_buf t;
    memcpy(&t, a, sizeof t);
    memcpy(a, b, sizeof t);
    memcpy(b, &t, sizeof t);
}

/* The lone row held back (g->pend) read as data after all. */
static void pending_flush(ingest *g)
{
    if (!g->pending)
        return;
    g->pending = 0;
    row_swap(&g->r, &g->pend);
    table_item(g);
    row_swap(&g->r, &g->pend);
    row_clear(&g->pend);
}

/* One row of a table sheet: before the table's header, only looked at
 * for it; after it, skipped when it is a totals row, the row of column
 * numbers, a note line (a lone text under a blank row that reads as a
 * note, or in no column of the table), taken as a new header row when
 * it is one; otherwise data.  A lone value below a blank row is held
 * until the next row: a header row then makes it the title of the next
 * table, anything else makes it data. */
static void table_row(ingest *g)
{
    row_buf *r = &g->r;
    uint32_t col_of[16], dup_of[16];
    if (!g->header) {
        if (header_match(g, col_of, dup_of))
            header_take(g, col_of, dup_of);
        else
            unit_line(g);
        return;
    }
    if (header_match(g, col_of, dup_of)) {
        row_clear(&g->pend); /* a title over the next table */
        g->pending = 0;
        g->in_notes = 0;
        /* the same header again (a new page) maps and reports nothing
         * new */
        if (memcmp(col_of, g->map_of, sizeof g->map_of) ||
            memcmp(dup_of, g->dup_of, sizeof g->dup_of))
            header_take(g, col_of, dup_of);
        return;
    }
    pending_flush(g);
    /* what the row holds */
    size_t n_vals = 0;
    const rcell *first_text = NULL, *lone = NULL;
    uint32_t lone_col = 0;
    for (uint32_t c = 1; c <= ROW_MAX_COLS; c++) {
        if (!row_has_value(&r->c[c]))
            continue;
        n_vals++;
        lone = &r->c[c];
        lone_col = c;
        if (r->c[c].type == XLSX_CELL_STRING && !first_text)
            first_text = &r->c[c];
    }
    if (!n_vals)
        return;
    if (first_text && is_totals(first_text->text))
        return;
    if (column_numbers(g))
        return;
    if (n_vals == 1 && (g->blank_gap || g->in_notes)) {
        int mapped = 0;
        for (size_t f = 0; f < g->t->n_fields; f++)
            mapped |= g->col_of[f] == lone_col;
        int text = lone->type == XLSX_CELL_STRING;
        if (!mapped || (text && note_text(lone->text)) ||
            (text && g->in_notes && strchr(lone->text, ' '))) {
            g->in_notes = 1;
            return;
        }
        if (g->blank_gap) {
            row_swap(&g->r, &g->pend); /* g->r is now the cleared buffer */
            g->pending = 1;
            g->in_notes = 0;
            return;
        }
    }
    g->in_notes = 0;
    /* a row of mapped cells only */
    int any = 0;
    for (size_t f = 0; f < g->t->n_fields; f++)
        if (g->col_of[f] && row_has_value(&r->c[g->col_of[f]]))
            any = 1;
    if (any)
        table_item(g);
}

/* --- merged cells --------------------------------------------------------------- */

/* More merged ranges than this in one table sheet are refused (each row
 * is matched against every range). */
#define MERGED_MAX 4096u

static void merged_free(ingest *g)
{
    for (size_t i = 0; i < g->n_merged; i++) {
        free(g->merged[i].text);
        free(g->merged[i].place);
    }
    free(g->merged);
    g->merged = NULL;
    g->n_merged = 0;
}

/* The merged ranges of table sheet idx (two cells or more, starting in
 * a column read), in g->merged, before its rows are read. */
static bc_status merged_load(ingest *g, size_t idx)
{
    const xlsx_range *m = NULL;
    size_t n = 0, k = 0;
    bc_status st = book_sheet_merges(g->b, idx, &m, &n);
    if (st != BC_OK) /* reported by the pass that reads the cells */
        return st == BC_ERR_NOMEM ? st : BC_OK;
#define MERGED_TAKEN(x)                                                   \
    (((x).last_row > (x).first_row || (x).last_col > (x).first_col) &&     \
     (x).first_col <= ROW_MAX_COLS)
    for (size_t i = 0; i < n; i++)
        k += MERGED_TAKEN(m[i]);
    if (!k)
        return BC_OK;
    if (k > MERGED_MAX) {
        bc_loc at = {g->path, 0, g->sheet};
        char found[32];
        snprintf(found, sizeof found, "%zu", k);
        diag_add(g->d, BC_SEV_ERROR, "XLSX-LIMIT", &at, found,
                 "bỏ gộp ô trong bảng: mỗi ô một giá trị",
                 "trang «%s» có quá nhiều vùng gộp ô (hơn %u), vượt giới "
                 "hạn an toàn", g->sheet, MERGED_MAX);
        return BC_ERR_LIMIT;
    }
    if (!(g->merged = calloc(k, sizeof *g->merged)))
        return BC_ERR_NOMEM;
    for (size_t i = 0; i < n; i++)
        if (MERGED_TAKEN(m[i]))
            g->merged[g->n_merged++].r = m[i];
#undef MERGED_TAKEN
    return BC_OK;
}

/* A merged range shows the value of its first cell only, and that value
 * belongs to every row the range covers, as the clerk sees it: the first
 * cell's value is kept when its row is read and put in the same column
 * of the later rows it covers (with the first cell's place, the one the
 * clerk sees); whatever else the covered cells still hold (a text hidden
 * under the merge) is dropped, never read. */
static void merged_fill(ingest *g)
{
    row_buf *r = &g->r;
    for (size_t i = 0; i < g->n_merged && !g->nomem; i++) {
        struct merged *m = &g->merged[i];
        if (r->row < m->r.first_row || r->row > m->r.last_row)
            continue;
        uint32_t last = m->r.last_col < ROW_MAX_COLS ? m->r.last_col
                                                     : ROW_MAX_COLS;
        for (uint32_t col = m->r.first_col; col <= last; col++) {
            rcell *c = &r->c[col];
            if (r->row == m->r.first_row && col == m->r.first_col) {
                m->set = c->set;
                if (!c->set)
                    continue;
                m->type = c->type;
                m->number = c->number;
                m->date = c->date;
                m->formula = c->formula;
                free(m->text);
                free(m->place);
                m->text = bc_strdup(c->text);
                m->place = bc_strdup(c->place);
                if (!m->text || !m->place)
                    nomem(g);
                continue;
            }
            rcell_clear(c); /* covered: hidden under the merge */
            if (col != m->r.first_col || !m->set)
                continue;
            c->copy = 1;
            if (rcell_set(c, m->type, m->number, m->date, m->formula,
                          m->text, m->place) != 0) {
                nomem(g);
                return;
            }
        }
    }
}

static int sheet_claimed(ingest *g, size_t k, const table_spec *t,
                         const unsigned char *want, const size_t *table_sheet)
{
    bc_book *b = g->b;
    const char *name = book_sheet_name(b, k);
    if (book_sheet_state(b, k) != XLSX_SHEET_VISIBLE ||
        sheet_matches(g, name, info_names) ||
        sheet_matches(g, name, narrative_names) ||
        sheet_matches(g, name, version_names) ||
        sheet_matches(g, name, guide_names) ||
        sheet_matches(g, name, lists_names))
        return 1;
    for (size_t i = 0; i < FORM_N_TABLES; i++)
        if (sheet_matches(g, name, t[i].names) ||
            (!want[i] && table_sheet[i] == k))
            return 1;
    return 0;
}

/* --- sheets of other names ---------------------------------------------------- */

/* Rows looked at when probing a sheet for a header row. */
#define PROBE_ROWS 30u

/* Probing: a row that carries at least three labels of a table still
 * looked for (all of a smaller one) makes the sheet that table. */
static void probe_row(ingest *g)
{
    uint32_t col_of[16];
    for (size_t i = 0; i < FORM_N_TABLES && g->probe_hit < 0; i++) {
        if (!g->probe_want[i])
            continue;
        size_t need = FORM_TABLES[i].n_fields < 3 ? FORM_TABLES[i].n_fields : 3;
        if (header_hits(g, &FORM_TABLES[i], col_of, NULL) >= need)
            g->probe_hit = (int)i;
    }
}

/* --- the first look at a sheet ------------------------------------------------ */

/* Counts text cell c (of g->r) as typed in TCVN3, in VNI, or in Unicode
 * Vietnamese, for the sheet and for its column. */
static void prescan_cell(ingest *g, rcell *c)
{
    if (!row_has_value(c) || c->type != XLSX_CELL_STRING)
        return;
    cell_keys(g, c);
    size_t *k = g->ctx_col[c - g->r.c];
    if (c->enc == TEXT_LEGACY_TCVN3) {
        g->ctx_t++;
        k[0]++;
    } else if (c->enc == TEXT_LEGACY_VNI) {
        g->ctx_v++;
        k[1]++;
    } else if (c->enc == TEXT_LEGACY_NONE && text_has_vietnamese(c->text)) {
        g->ctx_u++;
        k[2]++;
    }
}

/* Tallies how the free texts of the sheet's data rows were typed (the
 * values of a label sheet, the free-text columns of a table under its
 * header: dropdown texts are Unicode whatever the clerk's font): short
 * texts text_legacy_detect cannot tell are decided by them
 * (legacy_text). */
static void prescan_row(ingest *g)
{
    row_buf *r = &g->r;
    uint32_t col_of[16], dup_of[16];
    if (!g->t) { /* a label sheet: the free-text values of its labels */
        rcell *a = &r->c[1];
        for (size_t i = 0; i < g->n_labels; i++)
            if (g->labels[i].kind == FIELD_TEXT && a->set &&
                a->type == XLSX_CELL_STRING &&
                label_matches(g, a, g->labels[i].labels)) {
                prescan_cell(g, &r->c[2]);
                break;
            }
        return;
    }
    if (header_match(g, col_of, dup_of)) {
        memcpy(g->col_of, col_of, sizeof g->col_of);
        g->header = 1;
        return;
    }
    for (size_t f = 0; g->header && f < g->t->n_fields; f++)
        if (g->col_of[f] && g->t->fields[f].kind == FIELD_TEXT)
            prescan_cell(g, &r->c[g->col_of[f]]);
}

/* --- streaming ----------------------------------------------------------------- */

static void flush_row(ingest *g)
{
    uint32_t row = g->r.row;
    if (!row)
        return;
    int has = 0;
    for (uint32_t c = 1; c <= ROW_MAX_COLS; c++)
        if (row_has_value(&g->r.c[c]))
            has = 1;
    if (has) {
        g->any_cell = 1;
        g->blank_gap = g->last_row && row > g->last_row + 1;
        if (g->prescan) {
            prescan_row(g);
        } else if (g->probe) {
            probe_row(g);
        } else if (g->t) {
            merged_fill(g);
            table_row(g); /* may hold the row back (g->pend) */
        } else {
            label_row(g);
        }
        g->last_row = row;
    }
    row_clear(&g->r);
}

/* The book's findings so far go to the sink, in the order they came
 * (between the cells handed out); 0, or 1 when out of memory. */
static int reader_findings(ingest *g)
{
    if (diag_move(g->sink, g->reader_d) != BC_OK) {
        nomem(g);
        return 1;
    }
    return 0;
}

/* The book's findings since the last reader_findings are dropped (the
 * first look at a sheet reports nothing); 1 if there were any. */
static int reader_findings_drop(ingest *g)
{
    int any = diag_lost(g->reader_d) > 0;
    for (int s = 0; s < BC_SEV__COUNT; s++)
        any |= diag_count_sev(g->reader_d, (bc_severity)s) > 0;
    bc_diag *drop = diag_new();
    if (!drop || diag_move(drop, g->reader_d) != BC_OK) {
        diag_free(drop);
        nomem(g);
        return 1;
    }
    diag_free(drop);
    return any;
}

/* Cells kept of one sheet at most (texts and places included), past which
 * the sheet's XML is parsed a second time instead of replayed. */
#define KEPT_MAX_BYTES (8u << 20)

static size_t kept_text(struct kept_cells *k, const char *s)
{
    size_t n = strlen(s) + 1, at = k->len;
    if (k->len + n > k->chars_cap) {
        size_t cap = k->chars_cap ? k->chars_cap : 4096;
        while (cap < k->len + n)
            cap *= 2;
        char *p = realloc(k->chars, cap);
        if (!p) {
            k->over = 1;
            return 0;
        }
        k->chars = p;
        k->chars_cap = cap;
    }
    memcpy(k->chars + at, s, n);
    k->len += n;
    return at;
}

/* Keeps a copy of the cell handed out, as on_cell reads it. */
static void keep_cell(struct kept_cells *k, const xlsx_cell *cell)
{
    if (k->over)
        return;
    if (k->n * sizeof *k->v + k->len > KEPT_MAX_BYTES) {
        k->over = 1;
        return;
    }
    if (k->n == k->cap) {
        size_t cap = k->cap ? k->cap * 2 : 256;
        struct kept_cell *v = realloc(k->v, cap * sizeof *v);
        if (!v) {
            k->over = 1;
            return;
        }
        k->v = v;
        k->cap = cap;
    }
    struct kept_cell *c = &k->v[k->n];
    c->row = cell->row;
    c->col = cell->col;
    c->type = cell->type;
    c->formula = cell->formula;
    c->row_hidden = cell->row_hidden;
    c->number = cell->number;
    c->date = cell->date;
    /* on_cell reads no more than the row of a cell right of ROW_MAX_COLS */
    int read = cell->col >= 1 && cell->col <= ROW_MAX_COLS;
    c->text = kept_text(k, read ? cell->text : "");
    c->place = kept_text(k, read ? cell->place : "");
    if (!k->over)
        k->n++;
}

static void kept_free(struct kept_cells *k)
{
    free(k->v);
    free(k->chars);
    memset(k, 0, sizeof *k);
}

static int on_cell(const xlsx_cell *cell, void *ctx)
{
    ingest *g = ctx;
    if (g->kept.on)
        keep_cell(&g->kept, cell);
    else if (reader_findings(g))
        return 1;
    if (cell->row != g->r.row) {
        flush_row(g);
        if (g->probe && (g->probe_hit >= 0 || cell->row > PROBE_ROWS))
            return 1;
        g->r.row = cell->row;
    }
    if (g->nomem)
        return 1;
    if (cell->col < 1 || cell->col > ROW_MAX_COLS)
        return 0;
    g->r.hidden |= cell->row_hidden;
    rcell *c = &g->r.c[cell->col];
    rcell_clear(c); /* a second cell of the same column wins */
    if (rcell_set(c, cell->type, cell->number, cell->date, cell->formula,
                  cell->text, cell->place) != 0) {
        nomem(g);
        return 1;
    }
    return 0;
}

static bc_status read_sheet(ingest *g, size_t idx)
{
    g->sheet_idx = idx;
    g->sheet = book_sheet_name(g->b, idx);
    g->header = 0;
    g->sheet_first = diag_count(g->d);
    g->cols_missing = 0;
    heads_clear(g);
    g->last_row = 0;
    g->blank_gap = 0;
    g->in_notes = 0;
    g->any_cell = 0;
    g->list = NULL;
    g->parent = NULL;
    memset(g->col_of, 0, sizeof g->col_of);
    memset(g->unit, 0, sizeof g->unit);
    g->header_row = 0;
    g->sheet_unit = MU_NONE;
    /* what the sheet read before showed joins the workbook's */
    g->ctx_book[0] += g->ctx_t;
    g->ctx_book[1] += g->ctx_v;
    g->ctx_book[2] += g->ctx_u;
    g->ctx_t = g->ctx_v = g->ctx_u = 0;
    memset(g->ctx_col, 0, sizeof g->ctx_col);
    bc_status st = BC_OK;
    if (!g->probe) {
        /* a first look: how the sheet's texts were typed, and its merged
         * ranges (recorded by a complete pass) */
        g->prescan = 1;
        g->kept.on = 1;
        st = book_sheet_rows(g->b, idx, on_cell, g);
        g->kept.on = 0;
        if (reader_findings_drop(g))
            g->kept.over = 1; /* the second pass reports them in place */
        if (!g->nomem)
            flush_row(g);
        row_clear(&g->r);
        g->prescan = 0;
        g->header = 0;
        g->last_row = 0;
        g->any_cell = 0;
        memset(g->col_of, 0, sizeof g->col_of);
        if (g->nomem || st == BC_ERR_NOMEM)
            return BC_ERR_NOMEM;
        /* the merges are known after a complete pass (bad cells are
         * skipped); any other failure is reported by the pass below */
        if (st != BC_OK)
            g->kept.over = 1;
        if (g->t && (st == BC_OK || st == BC_ERR_INVALID))
            st = merged_load(g, idx);
        else
            st = BC_OK;
        if (st == BC_OK && reader_findings(g))
            st = BC_ERR_NOMEM;
    }
    if (st == BC_OK && !g->probe && !g->kept.over) {
        /* the first look was a complete pass without a finding: the
         * reading proper is handed the same cells again */
        for (size_t i = 0; i < g->kept.n && !g->nomem; i++) {
            const struct kept_cell *k = &g->kept.v[i];
            xlsx_cell c = {0};
            c.row = k->row;
            c.col = k->col;
            c.type = k->type;
            c.text = g->kept.chars + k->text;
            c.place = g->kept.chars + k->place;
            c.number = k->number;
            c.date = k->date;
            c.formula = k->formula;
            c.row_hidden = k->row_hidden;
            if (on_cell(&c, g))
                break;
        }
    } else if (st == BC_OK) {
        st = book_sheet_rows(g->b, idx, on_cell, g);
    }
    kept_free(&g->kept);
    if (!g->nomem && reader_findings(g) && st == BC_OK)
        st = BC_ERR_NOMEM;
    if (!g->nomem)
        flush_row(g);
    if (!g->nomem && g->t && !g->probe)
        pending_flush(g);
    g->pending = 0;
    row_clear(&g->pend);
    row_clear(&g->r);
    heads_clear(g);
    merged_free(g);
    if (g->nomem)
        return BC_ERR_NOMEM;
    return st;
}

/* Reads sheet idx as a sheet of labelled values (labels[0..n]) whose
 * element parent holds them (NULL: attributes only); read_sheet's
 * status. */
static bc_status read_labels(ingest *g, size_t idx, const label_spec *labels,
                             size_t n, const char *parent)
{
    g->labels = labels;
    g->n_labels = n;
    g->parent_name = parent;
    return read_sheet(g, idx);
}

/* Leaves out of the document the item (a table row) holding a value
 * read from place: refused after its row was read. */
static void drop_item_at(ingest *g, const char *place)
{
    for (xmlNodePtr list = g->root->children; list; list = list->next)
        for (xmlNodePtr item = list->children; item; item = item->next)
            for (xmlNodePtr f = item->children; f; f = f->next) {
                xmlChar *src = xmlGetProp(f, BAD_CAST "src");
                int hit = src && !strcmp((const char *)src, place);
                xmlFree(src);
                if (hit) {
                    xmlUnlinkNode(item);
                    xmlFreeNode(item);
                    return;
                }
            }
}

/* Each amount read the Vietnamese way although the same file writes
 * amounts the English way too ("45.125" read as 45.125 triệu đồng beside
 * "1,200.125"): an error naming both readings (amount_style). */
static void style_findings(ingest *g)
{
    for (size_t i = 0; g->en_place && i < g->n_amb; i++) {
        const struct amb_amount *a = &g->amb[i];
        drop_item_at(g, a->place);
        char vn[TEXT_VN_BUF], en[TEXT_VN_BUF];
        bc_loc at = {g->path, 0, a->place};
        char *want = bc_asprintf(
            "gõ số tiền theo một kiểu cho cả tệp, kiểu Việt Nam (dấu chấm "
            "ngăn hàng nghìn, dấu phẩy thập phân): %s hoặc %s",
            text_format_vn(a->vn, vn, sizeof vn),
            text_format_vn(a->en, en, sizeof en));
        diag_add(g->d, BC_SEV_ERROR, "XLSX-NUMBER-STYLE", &at, a->text, want,
                 "ô %s (%s): «%s» đọc theo kiểu Việt Nam là %s triệu đồng, "
                 "nhưng ô %s ghi «%s» theo kiểu Anh (dấu chấm thập phân), "
                 "theo đó «%s» là %s triệu đồng: không biết đọc theo kiểu "
                 "nào",
                 a->place, a->head, a->text, vn, g->en_place, g->en_text,
                 a->text, en);
        free(want);
    }
}

static void free_attrs(ingest *g)
{
    for (size_t i = 0; i < BC_ARRAY_LEN(g->attr_val); i++) {
        free(g->attr_val[i]);
        free(g->attr_src[i]);
        g->attr_val[i] = g->attr_src[i] = NULL;
    }
}

bc_status ingest_xlsx(const char *path, bc_diag *d, xmlDocPtr *out)
{
    bc_status st = BC_OK;
    ingest g;
    memset(&g, 0, sizeof g);
    g.path = path;
    g.d = d;
    char *unit = NULL, *year = NULL, *date = NULL;
    char *unit_src = NULL, *year_src = NULL;
    int illustrative = 0;
    size_t idx;
    *out = NULL;

    g.sink = d;
    g.reader_d = diag_new();
    if (!g.reader_d) {
        st = BC_ERR_NOMEM;
        goto done;
    }
    st = book_open(path, g.reader_d, &g.b);
    if (reader_findings(&g) && st == BC_OK)
        st = BC_ERR_NOMEM;
    if (st != BC_OK)
        goto done;
    char ext[8];
    bc_file_ext(path, ext, sizeof ext);
    if (strcmp(ext, "xlsm") == 0) {
        bc_loc at = {path, 0, NULL};
        diag_add(d, BC_SEV_NOTE, "XLSX-MACRO", &at, NULL,
                 "lưu tệp dạng .xlsx (không macro) cho lần gửi sau",
                 "tệp .xlsm có thể chứa macro: macro không bao giờ được "
                 "chạy, chỉ số liệu trong các ô được đọc");
    }
    g.doc = xmlNewDoc(BAD_CAST "1.0");
    g.root = g.doc ? xmlNewNode(NULL, BAD_CAST "submission") : NULL;
    if (!g.root) {
        st = BC_ERR_NOMEM;
        goto done;
    }
    xmlDocSetRootElement(g.doc, g.root);
    if (!xmlNewProp(g.root, BAD_CAST "format", BAD_CAST "1")) {
        st = BC_ERR_NOMEM;
        goto done;
    }

    /* Thông tin chung: unit, year, date, contact */
    int have_info = find_sheet(&g, info_names, &idx);
    if (have_info) {
        st = read_labels(&g, idx, info_labels, BC_ARRAY_LEN(info_labels), "contact");
        if (st != BC_OK)
            goto done;
        unit = g.attr_val[0];
        year = g.attr_val[1];
        date = g.attr_val[2];
        unit_src = g.attr_src[0];
        year_src = g.attr_src[1];
        free(g.attr_src[2]);
        memset(g.attr_val, 0, sizeof g.attr_val);
        memset(g.attr_src, 0, sizeof g.attr_src);
    }

    /* the tables: each by its sheet's name; a table whose sheet was
     * renamed by the header row of a sheet no other part claims */
    g.labels = NULL;
    g.n_labels = 0;
    size_t table_sheet[FORM_N_TABLES];
    unsigned char want[FORM_N_TABLES];
    int any_want = 0;
    for (size_t i = 0; i < FORM_N_TABLES; i++) {
        want[i] = !find_sheet(&g, FORM_TABLES[i].names, &table_sheet[i]);
        any_want |= want[i];
    }
    for (size_t k = 0; any_want && k < book_sheet_count(g.b); k++) {
        if (sheet_claimed(&g, k, FORM_TABLES, want, table_sheet))
            continue;
        g.probe = 1;
        g.probe_want = want;
        g.probe_hit = -1;
        g.t = NULL;
        st = read_sheet(&g, k);
        g.probe = 0;
        if (st != BC_OK)
            goto done;
        if (g.probe_hit >= 0) {
            size_t i = (size_t)g.probe_hit;
            want[i] = 0;
            table_sheet[i] = k;
            bc_loc at = {path, 0, NULL};
            diag_add(d, BC_SEV_NOTE, "XLSX-SHEET-NAME", &at,
                     book_sheet_name(g.b, k), FORM_TABLES[i].sheet,
                     "trang «%s» được đọc là trang «%s» theo dòng tiêu đề "
                     "của nó", book_sheet_name(g.b, k), FORM_TABLES[i].sheet);
        }
    }
    for (size_t i = 0; i < FORM_N_TABLES; i++) {
        if (want[i])
            continue;
        g.t = &FORM_TABLES[i];
        st = read_sheet(&g, table_sheet[i]);
        if (st != BC_OK)
            goto done;
        if (!g.header && g.any_cell) {
            bc_loc at = {path, 0, NULL};
            diag_add(d, BC_SEV_ERROR, "XLSX-HEADER", &at, g.sheet,
                     "dòng tiêu đề như mẫu báo cáo (ví dụ «Nhiệm vụ», "
                     "«Ngày»…) ở trên các dòng số liệu",
                     "không tìm thấy dòng tiêu đề của trang «%s»: số "
                     "liệu trên trang này không đọc được", g.sheet);
        }
    }
    g.t = NULL;
    style_findings(&g);

    /* Thuyết minh */
    if (find_sheet(&g, narrative_names, &idx)) {
        st = read_labels(&g, idx, narrative_labels, BC_ARRAY_LEN(narrative_labels), "narrative");
        if (st != BC_OK)
            goto done;
    }

    /* _phien_ban: the version, and unit and year when missing */
    if (find_sheet(&g, version_names, &idx)) {
        st = read_labels(&g, idx, version_labels, BC_ARRAY_LEN(version_labels), NULL);
        if (st != BC_OK)
            goto done;
        if (g.attr_val[0] && strcmp(g.attr_val[0], FORM_VERSION)) {
            bc_loc at = {path, 0, g.attr_src[0]};
            diag_add(d, BC_SEV_ERROR, "XLSX-VERSION", &at, g.attr_val[0],
                     FORM_VERSION,
                     "phiên bản mẫu báo cáo không được hỗ trợ");
            st = BC_ERR_INVALID;
            goto done;
        }
        if (!unit) {
            unit = g.attr_val[1];
            unit_src = g.attr_src[1];
            g.attr_val[1] = g.attr_src[1] = NULL;
        }
        if (!year) {
            year = g.attr_val[2];
            year_src = g.attr_src[2];
            g.attr_val[2] = g.attr_src[2] = NULL;
        }
        /* sample data made by tools/gensample say so (docs/forms.md) */
        if (g.attr_val[3] && text_same(g.attr_val[3], "có"))
            illustrative = 1;
        free_attrs(&g);
    }

    if (!unit || !year) {
        bc_loc at = {path, 0, NULL};
        diag_add(d, BC_SEV_ERROR, "XLSX-SHEET", &at, NULL,
                 "trang «Thông tin chung» có «Mã đơn vị» và «Năm báo cáo»",
                 "không tìm thấy %s của báo cáo trong bảng tính",
                 !unit && !year ? "mã đơn vị và năm"
                 : !unit        ? "mã đơn vị"
                                : "năm");
        st = BC_ERR_INVALID;
        goto done;
    }
    if (!xmlNewProp(g.root, BAD_CAST "unit", BAD_CAST unit) ||
        !xmlNewProp(g.root, BAD_CAST "year", BAD_CAST year) ||
        (date && !xmlNewProp(g.root, BAD_CAST "date", BAD_CAST date)) ||
        (illustrative &&
         !xmlNewProp(g.root, BAD_CAST "illustrative", BAD_CAST "true"))) {
        st = BC_ERR_NOMEM;
        goto done;
    }
    /* findings about the root attributes point at the unit's cell */
    if (unit_src && !xmlNewProp(g.root, BAD_CAST "src", BAD_CAST unit_src)) {
        st = BC_ERR_NOMEM;
        goto done;
    }
    /* the contact goes first: move it if another child came before */
    xmlNodePtr contact = NULL;
    for (xmlNodePtr n = g.root->children; n; n = n->next)
        if (n->type == XML_ELEMENT_NODE &&
            xmlStrEqual(n->name, BAD_CAST "contact"))
            contact = n;
    if (contact && contact != g.root->children) {
        xmlUnlinkNode(contact);
        xmlAddPrevSibling(g.root->children, contact);
    }
    *out = g.doc;
    g.doc = NULL;
    st = BC_OK;
done:
    if (g.nomem && st == BC_OK)
        st = BC_ERR_NOMEM;
    if (st != BC_OK && *out) {
        xmlFreeDoc(*out);
        *out = NULL;
    }
    free(unit);
    free(year);
    free(date);
    free(unit_src);
    free(year_src);
    free_attrs(&g);
    row_free(&g.r);
    row_free(&g.pend);
    merged_free(&g);
    heads_clear(&g);
    for (size_t i = 0; i < g.n_amb; i++) {
        free(g.amb[i].place);
        free(g.amb[i].text);
        free(g.amb[i].head);
    }
    free(g.en_place);
    free(g.en_text);
    free(g.sheet_unit_text);
    free(g.sheet_unit_place);
    diag_free(g.quiet);
    memo_free(&g.memo);
    xmlFreeDoc(g.doc);
    book_close(g.b);
    if (g.reader_d && diag_move(d, g.reader_d) != BC_OK && st == BC_OK)
        st = BC_ERR_NOMEM;
    diag_free(g.reader_d);
    kept_free(&g.kept);
    return st;
}
