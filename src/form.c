/* form.c - the submission workbook (mẫu báo cáo) of one unit and year.
 *
 * The layout is the contract of docs/forms.md: keep both in step. */
#include "form.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "date.h"
#include "fields.h"
#include "money.h"
#include "text.h"
#include "util.h"
#include "validate.h"
#include "xlsx_out.h"

#define SHEET_GUIDE "Hướng dẫn"
#define SHEET_GENERAL "Thông tin chung"
#define SHEET_RECORDS "Tài sản trí tuệ"
#define SHEET_ACTIVITIES "Hoạt động"
#define SHEET_SUPPORTS "Hỗ trợ nhãn hiệu"
#define SHEET_BUDGET "Kinh phí"
#define SHEET_NARRATIVE "Thuyết minh"
#define SHEET_LISTS "_danh_muc"
#define SHEET_VERSION "_phien_ban"

#define AUTHOR "Sở Khoa học và Công nghệ"
#define TASK_TITLE_CHARS 60 /* short task titles in the dropdown */

/* The dropdown lists of "_danh_muc": list i uses columns 2i (shown text)
 * and 2i+1 (code), values from row 2. */
/* (FORM_LIST_*, fields.h) */

static const char *const LIST_HEADERS[FORM_LIST__COUNT][2] = {
    {"Loại đối tượng", "Mã loại"},
    {"Tình trạng", "Mã tình trạng"},
    {"Nhiệm vụ", "Mã nhiệm vụ"},
    {"Loại hoạt động", "Mã loại hoạt động"},
    {"Loại (hỗ trợ nhãn hiệu)", "Mã loại hỗ trợ"},
};

/* The tables and their columns: FORM_TABLES (fields.h).  A column's
 * cell format: its kind, the status dropdown being a dropdown. */
#define CELL_KIND(f) ((f)->kind == FIELD_STATUS ? FIELD_LIST : (f)->kind)

/* Thông tin chung and Nhận xét: a label in column A, its value in
 * column B, from row 2.  What a value is: the unit's code, name or year,
 * locked; an input cell of a type; a long text (a tall wrapped cell). */
typedef enum label_kind {
    GEN_UNIT, GEN_NAME, GEN_YEAR, GEN_INPUT, GEN_LONG_TEXT
} label_kind;
typedef struct label_row {
    const char *label;
    label_kind kind;
    field_type type;
    const char *field; /* "@date" a root attribute, else in the sheet's
                          element */
} label_row;

static const label_row GENERAL_ROWS[] = {
    {"Mã đơn vị", GEN_UNIT, FIELD_CODE, NULL},
    {"Tên đơn vị", GEN_NAME, FIELD_TEXT, NULL},
    {"Năm báo cáo", GEN_YEAR, FIELD_COUNT, NULL},
    {"Ngày báo cáo", GEN_INPUT, FIELD_DATE, "@date"},
    {"Người lập báo cáo", GEN_INPUT, FIELD_TEXT, "name"},
    {"Chức vụ", GEN_INPUT, FIELD_TEXT, "role"},
    {"Điện thoại", GEN_INPUT, FIELD_CODE, "phone"},
    {"Thư điện tử", GEN_INPUT, FIELD_TEXT, "email"},
};

static const label_row NARRATIVE_ROWS[] = {
    {"Kết quả", GEN_LONG_TEXT, FIELD_TEXT, "results"},
    {"Khó khăn", GEN_LONG_TEXT, FIELD_TEXT, "difficulties"},
    {"Kiến nghị", GEN_LONG_TEXT, FIELD_TEXT, "proposals"},
};

/* A sheet of labelled rows: the submission's element its fields are in,
 * its two column heads and widths, its rows. */
typedef struct label_sheet {
    const char *elem;
    const char *head[2];
    double width[2];
    const label_row *rows;
    size_t n_rows;
} label_sheet;

static const label_sheet GENERAL = {"contact", {"Nội dung", "Giá trị"},
                                    {24, 48}, GENERAL_ROWS,
                                    BC_ARRAY_LEN(GENERAL_ROWS)};
static const label_sheet NARRATIVE = {"narrative", {"Mục", "Nội dung"},
                                      {16, 100}, NARRATIVE_ROWS,
                                      BC_ARRAY_LEN(NARRATIVE_ROWS)};

/* What the form has a cell for: the root's attributes and children, and
 * the fields of <contact> and <narrative>.  Anything else in a submission
 * to fill in gets a FORM-FIELD note. */
static const char *const ROOT_ATTRS[] = {"format", "unit", "year", "date",
                                         "src", NULL};
static const char *const ROOT_CHILDREN[] = {"contact", "records",
                                            "activities", "supports",
                                            "budget", "narrative", NULL};
static const char *const CONTACT_FIELDS[] = {"name", "role", "phone",
                                             "email", NULL};
static const char *const NARRATIVE_FIELDS[] = {"results", "difficulties",
                                               "proposals", NULL};

/* One dropdown list of "_danh_muc": shown texts and their codes. */
typedef struct list_vals {
    char **shown, **code;
    size_t n, cap;
} list_vals;

/* State of one write. */
typedef struct form_writer {
    const plan *p;
    const plan_unit *u;
    int year;
    lxw_workbook *wb;
    lxw_error err; /* first libxlsxwriter error */
    size_t list_len[FORM_LIST__COUNT];
    lxw_format *f_header, *f_label, *f_locked, *f_locked_year, *f_title;
    lxw_format *f_in[FIELD_LIST + 1]; /* unlocked input format per field_type */
    lxw_format *f_wrap_in;
    list_vals lists[FORM_LIST__COUNT];
    /* filling in (form_write_filled); all NULL for the blank form */
    xmlNodePtr src;                 /* the submission's root */
    const char *path;               /* for findings */
    bc_diag *d;
    int nomem;
} form_writer;

static void keep(form_writer *w, lxw_error e)
{
    if (e != LXW_NO_ERROR && w->err == LXW_NO_ERROR)
        w->err = e;
}

/* A new worksheet; NULL (error kept) when it cannot be added. */
static lxw_worksheet *add_sheet(form_writer *w, const char *name)
{
    lxw_worksheet *ws = workbook_add_worksheet(w->wb, name);
    if (!ws)
        keep(w, LXW_ERROR_MEMORY_MALLOC_FAILED);
    return ws;
}

/* Protects a sheet (no password): locked cells are read-only, unlocked
 * (input) cells stay editable; the user may still widen columns. */
static void protect(lxw_worksheet *ws)
{
    lxw_protection prot;
    memset(&prot, 0, sizeof prot);
    prot.format_columns = 1;
    prot.format_rows = 1;
    worksheet_protect(ws, NULL, &prot);
}

static bc_status make_formats(form_writer *w)
{
    lxw_format **all[] = {&w->f_header, &w->f_label, &w->f_locked,
                          &w->f_locked_year, &w->f_title, &w->f_wrap_in,
                          &w->f_in[FIELD_TEXT], &w->f_in[FIELD_CODE],
                          &w->f_in[FIELD_DATE], &w->f_in[FIELD_AMOUNT],
                          &w->f_in[FIELD_COUNT], &w->f_in[FIELD_LIST]};
    for (size_t i = 0; i < BC_ARRAY_LEN(all); i++)
        if (!(*all[i] = workbook_add_format(w->wb)))
            return BC_ERR_NOMEM;
    format_set_bold(w->f_header);
    format_set_text_wrap(w->f_header);
    format_set_align(w->f_header, LXW_ALIGN_CENTER);
    format_set_align(w->f_header, LXW_ALIGN_VERTICAL_CENTER);
    format_set_pattern(w->f_header, LXW_PATTERN_SOLID);
    format_set_bg_color(w->f_header, 0xD9E1F2);
    format_set_border(w->f_header, LXW_BORDER_THIN);
    format_set_bold(w->f_label);
    format_set_border(w->f_label, LXW_BORDER_THIN);
    format_set_border(w->f_locked, LXW_BORDER_THIN);
    format_set_num_format(w->f_locked, "@");
    format_set_border(w->f_locked_year, LXW_BORDER_THIN);
    format_set_num_format(w->f_locked_year, "0");
    format_set_bold(w->f_title);
    format_set_font_size(w->f_title, 13);
    for (int t = FIELD_TEXT; t <= FIELD_LIST; t++) {
        format_set_unlocked(w->f_in[t]);
        format_set_border(w->f_in[t], LXW_BORDER_THIN);
    }
    format_set_num_format(w->f_in[FIELD_CODE], "@");
    format_set_num_format(w->f_in[FIELD_DATE], "dd/mm/yyyy");
    format_set_num_format(w->f_in[FIELD_AMOUNT], "#,##0.000");
    format_set_num_format(w->f_in[FIELD_COUNT], "0");
    format_set_unlocked(w->f_wrap_in);
    format_set_border(w->f_wrap_in, LXW_BORDER_THIN);
    format_set_text_wrap(w->f_wrap_in);
    format_set_align(w->f_wrap_in, LXW_ALIGN_VERTICAL_TOP);
    return BC_OK;
}

/* Column letters of a 0-based column ("A", ..., "Z", "AA"). */
static void col_name(unsigned col, char buf[4])
{
    if (col < 26) {
        buf[0] = (char)('A' + col);
        buf[1] = '\0';
    } else {
        buf[0] = (char)('A' + col / 26 - 1);
        buf[1] = (char)('A' + col % 26);
        buf[2] = '\0';
    }
}

/* Adds the validation of one kind of input to [r1, r2] x c. */
static void add_validation(form_writer *w, lxw_worksheet *ws, lxw_row_t r1,
                           lxw_row_t r2, lxw_col_t c, field_type type, int list)
{
    lxw_data_validation v;
    memset(&v, 0, sizeof v);
    char formula[64];
    v.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
    v.error_title = "Giá trị không hợp lệ";
    switch (type) {
    case FIELD_DATE:
        v.validate = LXW_VALIDATION_TYPE_DATE;
        v.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
        v.minimum_datetime = (lxw_datetime){1900, 1, 1, 0, 0, 0};
        v.maximum_datetime = (lxw_datetime){2100, 12, 31, 0, 0, 0};
        v.error_message = "Nhập ngày dạng dd/mm/yyyy, ví dụ 01/03/2024.";
        break;
    case FIELD_AMOUNT: /* a number >= 0: decimal amounts, whole counts */
    case FIELD_COUNT:
        v.validate = type == FIELD_AMOUNT ? LXW_VALIDATION_TYPE_DECIMAL
                                          : LXW_VALIDATION_TYPE_INTEGER;
        v.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
        v.value_number = 0;
        v.error_message =
            type == FIELD_AMOUNT
                ? "Nhập số tiền (triệu đồng) không âm, ví dụ 1.200,5."
                : "Nhập số nguyên không âm.";
        break;
    case FIELD_LIST: {
        if (w->list_len[list] == 0)
            return;
        char cn[4];
        col_name((unsigned)(2 * list), cn);
        snprintf(formula, sizeof formula, "='" SHEET_LISTS "'!$%s$2:$%s$%zu",
                 cn, cn, w->list_len[list] + 1);
        v.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
        v.value_formula = formula;
        v.error_message = "Chọn một giá trị trong danh sách.";
        break;
    }
    default:
        return;
    }
    keep(w, worksheet_data_validation_range(ws, r1, c, r2, c, &v));
}

/* A short form of a task title: at most TASK_TITLE_CHARS characters, cut
 * at a UTF-8 boundary, "…" added when cut.  Caller frees. */
static char *short_title(const char *title)
{
    if (!title)
        return bc_strdup("");
    size_t i = 0, chars = 0;
    for (; title[i]; i++)
        if (((unsigned char)title[i] & 0xC0) != 0x80 &&
            chars++ == TASK_TITLE_CHARS)
            break;
    if (!title[i])
        return bc_strdup(title);
    while (i > 0 && title[i - 1] == ' ')
        i--;
    return bc_asprintf("%.*s…", (int)i, title);
}

/* Writes one list entry (shown text, code) at row r of list `list`, and
 * keeps a copy for filling in dropdown cells. */
static void list_put(form_writer *w, lxw_worksheet *ws, int list,
                     const char *shown, const char *code)
{
    lxw_row_t r = (lxw_row_t)(w->list_len[list] + 1);
    keep(w, worksheet_write_string(ws, r, (lxw_col_t)(2 * list), shown, NULL));
    keep(w, worksheet_write_string(ws, r, (lxw_col_t)(2 * list + 1), code,
                                   NULL));
    w->list_len[list]++;
    list_vals *l = &w->lists[list];
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 16;
        char **a = realloc(l->shown, cap * sizeof *a);
        if (a)
            l->shown = a;
        char **b = a ? realloc(l->code, cap * sizeof *b) : NULL;
        if (b)
            l->code = b;
        if (!a || !b) {
            w->nomem = 1;
            return;
        }
        l->cap = cap;
    }
    l->shown[l->n] = bc_strdup(shown);
    l->code[l->n] = bc_strdup(code);
    if (!l->shown[l->n] || !l->code[l->n]) {
        free(l->shown[l->n]);
        free(l->code[l->n]);
        w->nomem = 1;
        return;
    }
    l->n++;
}

static void lists_free(form_writer *w)
{
    for (int i = 0; i < FORM_LIST__COUNT; i++) {
        for (size_t j = 0; j < w->lists[i].n; j++) {
            free(w->lists[i].shown[j]);
            free(w->lists[i].code[j]);
        }
        free(w->lists[i].shown);
        free(w->lists[i].code);
    }
}

/* The shown text of code in a list (the supports' kinds fall back on
 * every kind); NULL when the code is not listed. */
static const char *list_shown(const form_writer *w, int list,
                              const char *code)
{
    for (;;) {
        const list_vals *l = &w->lists[list];
        for (size_t i = 0; i < l->n; i++)
            if (strcmp(l->code[i], code) == 0)
                return l->shown[i];
        if (list != FORM_LIST_SUPPORT_KIND)
            return NULL;
        list = FORM_LIST_KIND;
    }
}

/* The kinds a COUNT_SUPPORTED target counts; every kind when none. */
static uint32_t support_kinds(const plan *p)
{
    uint32_t m = 0;
    for (size_t i = 0; i < p->n_targets; i++)
        if (p->targets[i].counts & COUNT_SUPPORTED)
            m |= p->targets[i].kinds;
    return m ? m : UINT32_MAX;
}

static bc_status write_lists(form_writer *w, lxw_worksheet *ws)
{
    bc_status st = BC_OK;
    char *s = NULL;
    for (int l = 0; l < FORM_LIST__COUNT; l++) {
        keep(w, worksheet_write_string(ws, 0, (lxw_col_t)(2 * l),
                                       LIST_HEADERS[l][0], w->f_header));
        keep(w, worksheet_write_string(ws, 0, (lxw_col_t)(2 * l + 1),
                                       LIST_HEADERS[l][1], w->f_header));
        keep(w, worksheet_set_column(ws, (lxw_col_t)(2 * l),
                                     (lxw_col_t)(2 * l), 36, NULL));
        keep(w, worksheet_set_column(ws, (lxw_col_t)(2 * l + 1),
                                     (lxw_col_t)(2 * l + 1), 14, NULL));
    }
    uint32_t sk = support_kinds(w->p);
    for (size_t i = 0; i < w->p->n_kinds; i++) {
        const plan_kind *k = &w->p->kinds[i];
        if (!(s = bc_asprintf("%s - %s", k->code, k->name)))
            goto nomem;
        list_put(w, ws, FORM_LIST_KIND, s, k->code);
        if (i < PLAN_MAX_KINDS && (sk >> i & 1))
            list_put(w, ws, FORM_LIST_SUPPORT_KIND, s, k->code);
        free(s);
        s = NULL;
    }
    for (size_t i = 0; i < FORM_N_STATUSES; i++)
        list_put(w, ws, FORM_LIST_STATUS, FORM_STATUSES[i].label,
                 FORM_STATUSES[i].code);
    for (size_t i = 0; i < w->p->n_tasks_a + w->p->n_tasks_b; i++) {
        const char *id, *title;
        if (i < w->p->n_tasks_a) {
            id = w->p->tasks_a[i].id;
            title = w->p->tasks_a[i].title;
        } else {
            id = w->p->tasks_b[i - w->p->n_tasks_a].id;
            title = w->p->tasks_b[i - w->p->n_tasks_a].title;
        }
        char *t = short_title(title);
        s = t ? bc_asprintf("%s - %s", id, t) : NULL;
        free(t);
        if (!s)
            goto nomem;
        list_put(w, ws, FORM_LIST_TASK, s, id);
        free(s);
        s = NULL;
    }
    for (size_t i = 0; i < w->p->n_activity_kinds; i++) {
        const plan_activity_kind *k = &w->p->activity_kinds[i];
        if (!(s = bc_asprintf("%s - %s", k->code, k->name)))
            goto nomem;
        list_put(w, ws, FORM_LIST_ACTIVITY, s, k->code);
        free(s);
        s = NULL;
    }
    return w->nomem ? BC_ERR_NOMEM : st;
nomem:
    free(s);
    return BC_ERR_NOMEM;
}

/* --- the submission to fill in ------------------------------------------- */

static int is_elem(xmlNodePtr n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE &&
           xmlStrEqual(n->name, BAD_CAST name);
}

/* The first element child of parent called name; NULL if none or parent
 * is NULL. */
static xmlNodePtr src_child(xmlNodePtr parent, const char *name)
{
    for (xmlNodePtr n = parent ? parent->children : NULL; n; n = n->next)
        if (is_elem(n, name))
            return n;
    return NULL;
}

/* Text trimmed and in NFC; NULL when empty (or out of memory: w->nomem).
 * Takes s (xmlFree'd).  Caller frees the result. */
static char *clean_value(form_writer *w, xmlChar *s)
{
    if (!s)
        return NULL;
    char *v = text_clean((const char *)s);
    xmlFree(s);
    if (!v) {
        w->nomem = 1;
        return NULL;
    }
    if (!*v) {
        free(v);
        return NULL;
    }
    return v;
}

/* The value of element n as typed (trimmed, NFC); NULL when n is NULL or
 * empty.  Caller frees. */
static char *src_value(form_writer *w, xmlNodePtr n)
{
    return n ? clean_value(w, xmlNodeGetContent(n)) : NULL;
}

static char *src_attr(form_writer *w, xmlNodePtr n, const char *name)
{
    return n ? clean_value(w, xmlGetNoNsProp(n, BAD_CAST name)) : NULL;
}

static int name_in(const xmlChar *name, const char *const *names)
{
    for (size_t i = 0; names[i]; i++)
        if (xmlStrEqual(name, BAD_CAST names[i]))
            return 1;
    return 0;
}

static void note_unwritten(form_writer *w, const char *what,
                           const char *why)
{
    bc_loc at = {w->path, 0, NULL};
    diag_add(w->d, BC_SEV_NOTE, "FORM-FIELD", &at, what,
             "một trường có ô trong mẫu báo cáo (docs/forms.md)",
             "%s; giá trị không được ghi vào bảng tính", why);
}

/* Notes every element child of parent that the form has no cell for
 * (not in known), or that repeats a field (only the first is written). */
static void check_fields(form_writer *w, xmlNodePtr parent,
                         const char *const *known, int list)
{
    for (xmlNodePtr n = parent ? parent->children : NULL; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        char *what = bc_asprintf("<%s>/<%s>", (const char *)parent->name,
                                 (const char *)n->name);
        if (!what) {
            w->nomem = 1;
            return;
        }
        if (!name_in(n->name, known))
            note_unwritten(w, what, "mẫu báo cáo không có ô cho trường này");
        else if (!list && src_child(parent, (const char *)n->name) != n)
            note_unwritten(w, what, "trường lặp lại, chỉ ghi giá trị đầu");
        free(what);
    }
}

/* The notes about the root and the label sheets' parents. */
static void check_root(form_writer *w)
{
    for (xmlAttrPtr a = w->src->properties; a; a = a->next) {
        if (name_in(a->name, ROOT_ATTRS) ||
            xmlStrEqual(a->name, BAD_CAST "illustrative"))
            continue; /* written, or (false) nothing to write */
        xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
        char *what = bc_asprintf("%s=\"%s\"", (const char *)a->name,
                                 v ? (const char *)v : "");
        xmlFree(v);
        if (!what) {
            w->nomem = 1;
            return;
        }
        note_unwritten(w, what, "mẫu báo cáo không có ô cho thuộc tính này");
        free(what);
    }
    check_fields(w, w->src, ROOT_CHILDREN, 0);
    check_fields(w, src_child(w->src, "contact"), CONTACT_FIELDS, 0);
    check_fields(w, src_child(w->src, "narrative"), NARRATIVE_FIELDS, 0);
}

/* A number cell for a canonical amount of less than 10^9 triệu đồng
 * (at most 15 significant digits, so the cell's number reads back as the
 * same decimal); 0 when v is not such an amount. */
static int amount_number(const char *v, double *x)
{
    bc_money m;
    const bc_money limit = (bc_money)1000000000 * BC_MONEY_SCALE;
    if (money_parse(v, &m) != 0 || m >= limit || m <= -limit)
        return 0;
    *x = (double)m / BC_MONEY_SCALE; /* correctly rounded */
    return 1;
}

/* A number cell for an integer of at most 9 digits; 0 otherwise. */
static int count_number(const char *v, double *x)
{
    const char *p = v + (*v == '-');
    size_t n = strspn(p, "0123456789");
    if (n == 0 || n > 9 || p[n])
        return 0;
    *x = (double)strtol(v, NULL, 10);
    return 1;
}

/* Writes value v into an input cell of type `type` with format f: a date
 * cell for an ISO date, a number for an amount or a count, a dropdown's
 * shown text for a listed code, text otherwise, so that anything that
 * cannot be converted is kept as typed.  v NULL: the blank input cell of
 * the blank form. */
static void put_cell(form_writer *w, lxw_worksheet *ws, lxw_row_t r,
                     lxw_col_t c, field_type type, int list, const char *v,
                     lxw_format *f)
{
    if (!v) {
        keep(w, worksheet_write_blank(ws, r, c, f));
        return;
    }
    double x;
    bc_date dt;
    switch (type) {
    case FIELD_DATE:
        if (date_parse_iso(v, &dt) == 0) {
            lxw_datetime t = {date_year(dt), date_month(dt), date_day(dt), 0,
                              0, 0};
            keep(w, worksheet_write_datetime(ws, r, c, &t, f));
            return;
        }
        break;
    case FIELD_AMOUNT:
        if (amount_number(v, &x)) {
            keep(w, worksheet_write_number(ws, r, c, x, f));
            return;
        }
        break;
    case FIELD_COUNT:
        if (count_number(v, &x)) {
            keep(w, worksheet_write_number(ws, r, c, x, f));
            return;
        }
        break;
    case FIELD_LIST:
    case FIELD_STATUS: {
        const char *shown = list_shown(w, list, v);
        if (shown)
            v = shown;
        break;
    }
    case FIELD_TEXT:
    case FIELD_CODE:
        break;
    }
    keep(w, worksheet_write_string(ws, r, c, v, f));
}

/* --- the sheets ------------------------------------------------------------ */

static int table_field(const form_table *t, const xmlChar *name)
{
    for (size_t c = 0; c < t->n_fields; c++)
        if (xmlStrEqual(name, BAD_CAST t->fields[c].elem))
            return 1;
    return 0;
}

/* Column col of sheet ws: its header (row 0) and its width.  A
 * libxlsxwriter error is kept in w (keep). */
static void column_head(form_writer *w, lxw_worksheet *ws, lxw_col_t col,
                        const char *header, double width)
{
    keep(w, worksheet_write_string(ws, 0, col, header, w->f_header));
    keep(w, worksheet_set_column(ws, col, col, width, NULL));
}

/* A table sheet: header row 1, FORM_INPUT_ROWS unlocked input rows (more
 * when the submission to fill in has more items), the submission's items
 * from row 2 in their order. */
static void write_table(form_writer *w, lxw_worksheet *ws,
                        const form_table *t)
{
    xmlNodePtr list = src_child(w->src, t->list_elem);
    size_t n_items = 0;
    for (xmlNodePtr n = list ? list->children : NULL; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (!is_elem(n, t->item_elem)) {
            char *what = bc_asprintf("<%s>/<%s>", t->list_elem,
                                     (const char *)n->name);
            if (what)
                note_unwritten(w, what,
                               "mẫu báo cáo không có ô cho phần tử này");
            free(what);
            continue;
        }
        n_items++;
        for (xmlNodePtr f = n->children; f; f = f->next) {
            if (f->type != XML_ELEMENT_NODE)
                continue;
            const char *why = NULL;
            if (!table_field(t, f->name))
                why = "mẫu báo cáo không có ô cho trường này";
            else if (src_child(n, (const char *)f->name) != f)
                why = "trường lặp lại, chỉ ghi giá trị đầu";
            if (!why)
                continue;
            char *what = bc_asprintf("<%s>/<%s>", t->item_elem,
                                     (const char *)f->name);
            if (what)
                note_unwritten(w, what, why);
            free(what);
        }
    }
    /* 0-based row of the last input */
    lxw_row_t last = n_items > FORM_INPUT_ROWS ? (lxw_row_t)n_items
                                               : FORM_INPUT_ROWS;
    for (size_t c = 0; c < t->n_fields; c++)
        column_head(w, ws, (lxw_col_t)c, t->fields[c].header,
                    t->fields[c].width);
    xmlNodePtr item = list ? list->children : NULL;
    for (lxw_row_t r = 1; r <= last; r++) {
        while (item && !is_elem(item, t->item_elem))
            item = item->next;
        for (size_t c = 0; c < t->n_fields; c++) {
            const form_field *cd = &t->fields[c];
            char *v = item ? src_value(w, src_child(item, cd->elem)) : NULL;
            put_cell(w, ws, r, (lxw_col_t)c, CELL_KIND(cd), cd->list, v,
                     w->f_in[CELL_KIND(cd)]);
            free(v);
        }
        if (item)
            item = item->next;
    }
    for (size_t c = 0; c < t->n_fields; c++)
        add_validation(w, ws, 1, last, (lxw_col_t)c, CELL_KIND(&t->fields[c]),
                       t->fields[c].list);
    keep(w, worksheet_set_row(ws, 0, 32, NULL));
    worksheet_freeze_panes(ws, 1, 0);
    protect(ws);
}

/* The labelled sheet sh (GENERAL or NARRATIVE) in ws, filled in from the
 * submission when there is one.  libxlsxwriter errors are kept in w. */
static void write_labelled(form_writer *w, lxw_worksheet *ws,
                           const label_sheet *sh)
{
    xmlNodePtr parent = src_child(w->src, sh->elem);
    column_head(w, ws, 0, sh->head[0], sh->width[0]);
    column_head(w, ws, 1, sh->head[1], sh->width[1]);
    for (size_t i = 0; i < sh->n_rows; i++) {
        const label_row *row = &sh->rows[i];
        lxw_row_t r = (lxw_row_t)(i + 1);
        keep(w, worksheet_write_string(ws, r, 0, row->label, w->f_label));
        char *v = NULL;
        switch (row->kind) {
        case GEN_UNIT:
            keep(w, worksheet_write_string(ws, r, 1, w->u->code, w->f_locked));
            break;
        case GEN_NAME:
            keep(w, worksheet_write_string(ws, r, 1,
                                           w->u->name ? w->u->name : "",
                                           w->f_locked));
            break;
        case GEN_YEAR:
            keep(w, worksheet_write_number(ws, r, 1, w->year,
                                           w->f_locked_year));
            break;
        case GEN_INPUT:
            v = row->field[0] == '@'
                    ? src_attr(w, w->src, row->field + 1)
                    : src_value(w, src_child(parent, row->field));
            put_cell(w, ws, r, 1, row->type, 0, v, w->f_in[row->type]);
            add_validation(w, ws, r, r, 1, row->type, 0);
            break;
        case GEN_LONG_TEXT:
            v = src_value(w, src_child(parent, row->field));
            put_cell(w, ws, r, 1, row->type, 0, v, w->f_wrap_in);
            keep(w, worksheet_set_row(ws, r, 150, NULL));
            break;
        }
        free(v);
    }
    protect(ws);
}

/* 1 when the submission filled in is marked illustrative (sample data):
 * the form then says so on its first sheet and in _phien_ban. */
static int src_illustrative(const form_writer *w)
{
    if (!w->src)
        return 0;
    xmlChar *v = xmlGetProp(w->src, BAD_CAST "illustrative");
    int yes = v && (xmlStrEqual(v, BAD_CAST "true") ||
                    xmlStrEqual(v, BAD_CAST "1"));
    xmlFree(v);
    return yes;
}

static bc_status write_guide(form_writer *w, lxw_worksheet *ws)
{
    bc_date from, to;
    char a[11], b[11];
    date_period(w->year, w->p->period_month, w->p->period_day, &from, &to);
    char *head = bc_asprintf("MẪU BÁO CÁO THỰC HIỆN ĐỀ ÁN SỞ HỮU TRÍ TUỆ "
                             "NĂM %d", w->year);
    char *unit = bc_asprintf("Đơn vị: %s (mã %s)",
                             w->u->name ? w->u->name : w->u->code, w->u->code);
    char *period = bc_asprintf(
        "Kỳ báo cáo: từ %s đến %s. Mọi ngày ghi trong mẫu phải nằm trong kỳ "
        "(trừ ngày nộp đơn của đơn đã được cấp hoặc bị từ chối).",
        date_format_vn(from, a), date_format_vn(to, b));
    const char *lines[] = {
        head,
        unit,
        period,
        src_illustrative(w) ? "DỮ LIỆU MINH HỌA: số liệu trong tệp này không "
                              "phải số liệu thật."
                            : "",
        "Cách điền:",
        "- Chỉ nhập vào các ô có viền (vùng nhập liệu); tiêu đề và danh mục "
        "đã được khóa.",
        "- Thông tin chung: ngày báo cáo và người lập báo cáo (họ tên, chức "
        "vụ, điện thoại, thư điện tử).",
        "- Tài sản trí tuệ: mỗi dòng một đơn đã nộp, được cấp văn bằng hoặc "
        "bị từ chối trong kỳ.",
        "- Hoạt động: lớp tập huấn, nhiệm vụ, hội thảo, truyền thông thực "
        "hiện nhiệm vụ của Phụ lục 2.",
        "- Hỗ trợ nhãn hiệu: hỗ trợ phát triển nhãn hiệu đã được bảo hộ "
        "(chỉ tiêu T8).",
        "- Kinh phí: mỗi nhiệm vụ một dòng, số tiền tính bằng triệu đồng.",
        "- Thuyết minh: kết quả, khó khăn và kiến nghị.",
        "",
        "Quy ước:",
        "- Ngày ghi dạng dd/mm/yyyy, ví dụ 01/03/2024.",
        "- Số tiền tính bằng triệu đồng, tối đa 3 chữ số thập phân khi hiển "
        "thị, ví dụ 1.200,500.",
        "- Loại đối tượng, tình trạng, nhiệm vụ và loại hoạt động: chọn trong "
        "danh sách thả xuống.",
        "- Số đơn ghi đầy đủ, ví dụ 4-2024-01234.",
        "- Không đổi tên, thêm hay xóa trang tính; không sửa các ô đã khóa.",
    };
    if (!head || !unit || !period) {
        free(head);
        free(unit);
        free(period);
        return BC_ERR_NOMEM;
    }
    keep(w, worksheet_set_column(ws, 0, 0, 120, NULL));
    for (size_t i = 0; i < BC_ARRAY_LEN(lines); i++)
        keep(w, worksheet_write_string(ws, (lxw_row_t)i, 0, lines[i],
                                       i == 0 ? w->f_title : NULL));
    protect(ws);
    free(head);
    free(unit);
    free(period);
    return BC_OK;
}

static void write_version(form_writer *w, lxw_worksheet *ws)
{
    keep(w, worksheet_write_string(ws, 0, 0, "Phiên bản mẫu", NULL));
    keep(w, worksheet_write_string(ws, 0, 1, FORM_VERSION, w->f_locked));
    keep(w, worksheet_write_string(ws, 1, 0, "Mã đơn vị", NULL));
    keep(w, worksheet_write_string(ws, 1, 1, w->u->code, w->f_locked));
    keep(w, worksheet_write_string(ws, 2, 0, "Năm báo cáo", NULL));
    keep(w, worksheet_write_number(ws, 2, 1, w->year, w->f_locked_year));
    if (src_illustrative(w)) {
        keep(w, worksheet_write_string(ws, 3, 0, "Dữ liệu minh họa", NULL));
        keep(w, worksheet_write_string(ws, 3, 1, "có", w->f_locked));
    }
    protect(ws);
}

static bc_status lxw_status(lxw_error e)
{
    return e == LXW_ERROR_MEMORY_MALLOC_FAILED ? BC_ERR_NOMEM : BC_ERR_IO;
}

char *form_file_name(const char *unit, int year)
{
    char *s = bc_asprintf("mau-bao-cao-%s-%d.xlsx", unit ? unit : "", year);
    if (!s)
        return NULL;
    for (char *c = s + strlen("mau-bao-cao-"); *c && strcmp(c, ".xlsx") != 0;
         c++)
        if (!((*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') ||
              (*c >= '0' && *c <= '9') || *c == '-' || *c == '_'))
            *c = '_';
    return s;
}

/* The form of unit and year, filled in from the submission whose root is
 * src (NULL: blank).  ystr is the year as given, for FORM-YEAR. */
static bc_status write_form(const plan *p, const char *unit, int year,
                            const char *ystr, xmlNodePtr src,
                            const char *path, bc_diag *d)
{
    bc_status st = BC_OK;
    form_writer w;
    memset(&w, 0, sizeof w);
    char *title = NULL;
    xlsx_out out = XLSX_OUT_INIT;
    bc_loc at = {path, 0, NULL};

    w.src = src;
    w.path = path;
    w.d = d;
    if (year < p->start_year || year > p->end_year) {
        char *exp = bc_asprintf("một năm từ %d đến %d", p->start_year,
                                p->end_year);
        diag_add(d, BC_SEV_ERROR, "FORM-YEAR", NULL, ystr, exp,
                 "năm báo cáo nằm ngoài thời gian thực hiện Đề án");
        free(exp);
        st = BC_ERR_USAGE;
        goto done;
    }
    w.p = p;
    w.year = year;
    w.u = plan_unit_find(p, unit);
    if (!w.u) {
        diag_add(d, BC_SEV_ERROR, "FORM-UNIT", NULL, unit,
                 "mã đơn vị trong dữ liệu Đề án (xem: baocao plan)",
                 "không có đơn vị báo cáo với mã này");
        st = BC_ERR_USAGE;
        goto done;
    }
    if (!plan_unit_expected(p, w.u, year))
        diag_add(d, BC_SEV_WARNING, "FORM-UNIT-EXPECTED", &at, unit, NULL,
                 "đơn vị không phải gửi báo cáo năm %d (không còn hiệu lực, "
                 "đã sáp nhập hoặc không thuộc diện báo cáo); vẫn lập mẫu",
                 year);
    if (src)
        check_root(&w);

    /* libxlsxwriter's temporary files beside the form, never in TMPDIR;
     * the form's own temporary file created exclusively (issue 15) */
    if ((st = xlsx_out_begin(&out, path)) != BC_OK)
        goto done;
    w.wb = out.wb;

    title = bc_asprintf("Mẫu báo cáo thực hiện Đề án sở hữu trí tuệ năm %d - "
                        "%s", year, w.u->name ? w.u->name : w.u->code);
    if (!title) {
        st = BC_ERR_NOMEM;
        goto done;
    }
    lxw_error perr;
    if (xlsx_set_year_props(
            w.wb, year, title,
            "Báo cáo thực hiện Đề án sở hữu trí tuệ đến năm 2030", AUTHOR,
            "baocao, mẫu báo cáo, phiên bản " FORM_VERSION, &perr) != BC_OK) {
        st = BC_ERR_INTERNAL;
        goto done;
    }
    keep(&w, perr);

    if ((st = make_formats(&w)) != BC_OK)
        goto done;
    lxw_worksheet *guide = add_sheet(&w, SHEET_GUIDE);
    lxw_worksheet *general = add_sheet(&w, SHEET_GENERAL);
    lxw_worksheet *tables[BC_ARRAY_LEN(FORM_TABLES)];
    for (size_t i = 0; i < BC_ARRAY_LEN(FORM_TABLES); i++)
        tables[i] = add_sheet(&w, FORM_TABLES[i].sheet);
    lxw_worksheet *narrative = add_sheet(&w, SHEET_NARRATIVE);
    lxw_worksheet *lists = add_sheet(&w, SHEET_LISTS);
    lxw_worksheet *version = add_sheet(&w, SHEET_VERSION);
    if (w.err != LXW_NO_ERROR) {
        st = lxw_status(w.err);
        goto done;
    }
    /* the lists first: the dropdowns need their lengths */
    if ((st = write_lists(&w, lists)) != BC_OK)
        goto done;
    protect(lists);
    worksheet_hide(lists);
    write_version(&w, version);
    worksheet_hide(version);
    if ((st = write_guide(&w, guide)) != BC_OK)
        goto done;
    write_labelled(&w, general, &GENERAL);
    for (size_t i = 0; i < BC_ARRAY_LEN(FORM_TABLES); i++)
        write_table(&w, tables[i], &FORM_TABLES[i]);
    write_labelled(&w, narrative, &NARRATIVE);
    if (w.nomem) {
        st = BC_ERR_NOMEM;
        goto done;
    }
    if (w.err != LXW_NO_ERROR) {
        diag_add(d, BC_SEV_ERROR, "FILE-WRITE", &at, NULL, NULL,
                 "không lập được mẫu báo cáo (%s)", lxw_strerror(w.err));
        st = lxw_status(w.err);
        goto done;
    }

    st = xlsx_out_commit(&out, d);

done:
    xlsx_out_end(&out);
    free(title);
    lists_free(&w);
    return st;
}

bc_status form_write(const plan *p, const char *unit, int year,
                     const char *path, bc_diag *d)
{
    if (!p || !unit || !path)
        return BC_ERR_INTERNAL;
    char ystr[16];
    snprintf(ystr, sizeof ystr, "%d", year);
    return write_form(p, unit, year, ystr, NULL, path, d);
}

/* The year of a root attribute: four digits (the schema's gYear as
 * submissions use it); 0 otherwise. */
static int parse_year(const char *s)
{
    if (!s || strlen(s) != 4 || strspn(s, "0123456789") != 4)
        return 0;
    return atoi(s);
}

bc_status form_write_filled(const plan *p, xmlDocPtr sub, const char *path,
                            bc_diag *d)
{
    xmlNodePtr root = sub ? xmlDocGetRootElement(sub) : NULL;
    if (!p || !path || !is_elem(root, "submission") || root->ns)
        return BC_ERR_INTERNAL;
    form_writer tmp;
    memset(&tmp, 0, sizeof tmp);
    char *unit = src_attr(&tmp, root, "unit");
    char *ystr = src_attr(&tmp, root, "year");
    bc_status st;
    if (tmp.nomem) {
        st = BC_ERR_NOMEM;
    } else if (!unit) {
        diag_add(d, BC_SEV_ERROR, "FORM-UNIT", NULL, "",
                 "mã đơn vị trong thuộc tính unit của báo cáo",
                 "báo cáo không ghi mã đơn vị");
        st = BC_ERR_USAGE;
    } else {
        st = write_form(p, unit, parse_year(ystr), ystr ? ystr : "", root,
                        path, d);
    }
    free(unit);
    free(ystr);
    return st;
}
