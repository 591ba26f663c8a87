/* test_annotate.c - marked-up copies of rejected workbooks.
 *
 * A workbook with bad cells is written here with libxlsxwriter, read and
 * validated as a run does, annotated, and the copy read back: with the
 * xlsx reader for its sheets and values, and with libzip for the parts
 * the reader does not hand out (comments, links, styles).
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "annotate.c" /* and its STATIC internals (testing.h) */
#include "ingest.h"
#include "plan.h"
#include "util.h"
#include "validate.h"
#include "xlsx_reader.h"

/* libxlsxwriter 1.1.4 loses its copy of a list validation's source
 * (docs/forms.md, "Known library issue"): the dropdowns written here and
 * copied by annotate.c.  The library has no frame pointers, so the stack
 * may end at lxw_strdup (as in src/cmd_form.c). */
const char *__lsan_default_options(void);
const char *__lsan_default_options(void)
{
    return "print_suppressions=0";
}
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:worksheet_data_validation_range\nleak:lxw_strdup\n";
}

#define XSD "templates/schema/submission.xsd"
#define PLAN "templates/plan/de-an-2030.xml"
#define PLAN_XSD "templates/schema/plan.xsd"

#define NROWS 12
#define NCOLS 8

/* A cell: NULL empty; "#1200.5" a number; "%1200.5" a number shown as
 * amounts are ("#,##0.000"); "@2024-03-01" a date cell
 * (dd/mm/yyyy); "^1" a boolean; "~4" a formula =2*2 with cached value 4;
 * "\\..." the string after the backslash; anything else a string. */
typedef struct sheet_def {
    const char *name;
    int hidden;
    const char *merge; /* "A1:C1" or NULL */
    const char *cells[NROWS][NCOLS];
} sheet_def;

static char tmpdir[64];
static plan *P;

static int setup(void **state)
{
    (void)state;
    strcpy(tmpdir, "/tmp/test_annotate.XXXXXX");
    if (!mkdtemp(tmpdir))
        return -1;
    bc_diag *d = diag_new();
    bc_status st = plan_load(PLAN, PLAN_XSD, d, &P);
    diag_free(d);
    return st == BC_OK ? 0 : -1;
}


static int teardown(void **state)
{
    (void)state;
    if (!getenv("KEEP")) /* KEEP=1: leave the copies to look at */
        scratch_remove(tmpdir);
    plan_free(P);
    return 0;
}

static char *tmp_file(const char *name)
{
    char *p = bc_path_join(tmpdir, name);
    assert_non_null(p);
    return p;
}

static char *write_book(const char *file, const sheet_def *sheets, size_t n)
{
    char *path = tmp_file(file);
    lxw_workbook *wb = workbook_new(path);
    assert_non_null(wb);
    lxw_format *dmy = workbook_add_format(wb);
    format_set_num_format(dmy, "dd/mm/yyyy");
    lxw_format *amount = workbook_add_format(wb);
    format_set_num_format(amount, "#,##0.000");
    for (size_t s = 0; s < n; s++) {
        lxw_worksheet *ws = workbook_add_worksheet(wb, sheets[s].name);
        assert_non_null(ws);
        for (int r = 0; r < NROWS; r++)
            for (int c = 0; c < NCOLS; c++) {
                const char *v = sheets[s].cells[r][c];
                lxw_row_t row = (lxw_row_t)r;
                lxw_col_t col = (lxw_col_t)c;
                if (!v)
                    continue;
                if (v[0] == '#' || v[0] == '%') {
                    worksheet_write_number(ws, row, col, strtod(v + 1, NULL),
                                           v[0] == '%' ? amount : NULL);
                } else if (v[0] == '@') {
                    lxw_datetime dt = {0, 0, 0, 0, 0, 0};
                    assert_int_equal(sscanf(v + 1, "%d-%d-%d", &dt.year,
                                            &dt.month, &dt.day),
                                     3);
                    worksheet_write_datetime(ws, row, col, &dt, dmy);
                } else if (v[0] == '^') {
                    worksheet_write_boolean(ws, row, col, v[1] == '1', NULL);
                } else if (v[0] == '~') {
                    worksheet_write_formula_num(ws, row, col, "=2*2", NULL,
                                                strtod(v + 1, NULL));
                } else {
                    worksheet_write_string(ws, row, col,
                                           v[0] == '\\' ? v + 1 : v, NULL);
                }
            }
        if (sheets[s].merge) {
            uint32_t r1, c1, r2, c2;
            char a[8], b[8];
            assert_int_equal(sscanf(sheets[s].merge, "%7[^:]:%7s", a, b), 2);
            assert_int_equal(xlsx_ref_parse(a, &r1, &c1), 0);
            assert_int_equal(xlsx_ref_parse(b, &r2, &c2), 0);
            worksheet_merge_range(ws, r1 - 1, (lxw_col_t)(c1 - 1), r2 - 1,
                                  (lxw_col_t)(c2 - 1), "", NULL);
        }
        if (sheets[s].hidden)
            worksheet_hide(ws);
        if (!strcmp(sheets[s].name, "Hoạt động")) {
            /* a dropdown, as the form has on its coded columns */
            lxw_data_validation v;
            memset(&v, 0, sizeof v);
            v.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
            v.value_formula = "\"tap-huan,khac\"";
            assert_int_equal(worksheet_data_validation_range(ws, 1, 2, 9, 2,
                                                             &v),
                             LXW_NO_ERROR);
        }
    }
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
    return path;
}

/* Reads the workbook and validates it as validate_file does. */
static void run(const char *path, bc_diag *d)
{
    xmlDocPtr doc = NULL;
    if (ingest_xlsx(path, d, &doc) != BC_OK)
        return;
    bc_diag *vd = diag_new();
    bc_validator *v = validator_new(P, XSD, vd);
    assert_non_null(v);
    diag_free(vd);
    submission *s = NULL;
    validate_doc(v, doc, path, 2024, d, &s);
    submission_free(s);
    validator_free(v);
    xmlFreeDoc(doc);
}

static void dump(const bc_diag *d)
{
    for (size_t i = 0; i < diag_count(d); i++)
        diag_print(diag_get(d, i), stderr);
}

/* --- reading the copy back ----------------------------------------------- */

typedef struct got_cell {
    uint32_t row, col;
    xlsx_cell_type type;
    char *text;
} got_cell;

typedef struct got_sheet {
    got_cell *v;
    size_t n, cap;
} got_sheet;

static int collect(const xlsx_cell *c, void *ctx)
{
    got_sheet *g = ctx;
    if (g->n == g->cap) {
        g->cap = g->cap ? g->cap * 2 : 32;
        g->v = realloc(g->v, g->cap * sizeof *g->v);
        assert_non_null(g->v);
    }
    got_cell *x = &g->v[g->n++];
    x->row = c->row;
    x->col = c->col;
    x->type = c->type;
    x->text = bc_strdup(c->text);
    assert_non_null(x->text);
    return 0;
}

static void read_sheet(xlsx_book *b, size_t i, got_sheet *g)
{
    memset(g, 0, sizeof *g);
    assert_int_equal(xlsx_sheet_rows(b, i, collect, g), BC_OK);
}

static void free_sheet(got_sheet *g)
{
    for (size_t i = 0; i < g->n; i++)
        free(g->v[i].text);
    free(g->v);
}

/* The text of a cell of g, or NULL. */
static const char *cell_text(const got_sheet *g, const char *ref)
{
    uint32_t r, c;
    assert_int_equal(xlsx_ref_parse(ref, &r, &c), 0);
    for (size_t i = 0; i < g->n; i++)
        if (g->v[i].row == r && g->v[i].col == c)
            return g->v[i].text;
    return NULL;
}

/* The whole text of one zip entry (NULL if none); caller frees. */
static char *zip_text(const char *path, const char *entry)
{
    int err = 0;
    zip_t *z = zip_open(path, ZIP_RDONLY, &err);
    assert_non_null(z);
    zip_stat_t zs;
    zip_stat_init(&zs);
    if (zip_stat(z, entry, 0, &zs) != 0) {
        zip_close(z);
        return NULL;
    }
    char *buf = malloc((size_t)zs.size + 1);
    assert_non_null(buf);
    zip_file_t *f = zip_fopen(z, entry, 0);
    assert_non_null(f);
    assert_int_equal(zip_fread(f, buf, zs.size), (zip_int64_t)zs.size);
    buf[zs.size] = '\0';
    zip_fclose(f);
    zip_close(z);
    return buf;
}

/* The comments part of the copy's sheet number i (0-based, in workbook
 * order), found through the sheet's relationships; NULL if none. */
static char *sheet_comments(const char *path, size_t i)
{
    char rels[64];
    snprintf(rels, sizeof rels, "xl/worksheets/_rels/sheet%zu.xml.rels",
             i + 1);
    char *r = zip_text(path, rels);
    if (!r)
        return NULL;
    char *p = strstr(r, "../comments");
    char *out = NULL;
    if (p) {
        char name[64];
        assert_int_equal(sscanf(p, "../%40[a-z0-9].xml", name), 1);
        char entry[80];
        snprintf(entry, sizeof entry, "xl/%s.xml", name);
        out = zip_text(path, entry);
    }
    free(r);
    return out;
}

/* The text of the comment at ref in a comments part, or NULL; caller
 * frees. */
static char *comment_at(const char *comments, const char *ref)
{
    char key[32];
    snprintf(key, sizeof key, "<comment ref=\"%s\"", ref);
    const char *p = strstr(comments, key);
    if (!p)
        return NULL;
    const char *e = strstr(p, "</comment>");
    assert_non_null(e);
    return bc_strndup(p, (size_t)(e - p));
}

/* --- the workbook of the tests ------------------------------------------- */

static const sheet_def guide = {
    "Hướng dẫn", 0, "A1:D1",
    {{"MẪU BÁO CÁO"},
     {"\\=SUM(A1)", "#12.5", "^1", "~4"},
     {"@2024-03-01", "#0", "%1200.5"}}};

static const sheet_def info = {
    "Thông tin chung", 0, NULL,
    {{"Nội dung", "Giá trị"},
     {"Mã đơn vị", "185"},
     {"Tên đơn vị", "Huyện Bắc Sơn"},
     {"Năm báo cáo", "#2024"},
     {"Ngày báo cáo", "@2024-12-10"},
     {"Người lập báo cáo", "Hoàng Thị Mai"}}};

static const sheet_def records = {
    "Tài sản trí tuệ", 0, NULL,
    {{"Loại đối tượng", "Tình trạng", "Số đơn", "Ngày nộp đơn"},
     {"NHTT - nhãn hiệu tập thể", "Đã nộp đơn", "4-2024-01234",
      "@2024-03-01"},
     {"XYZ - không có", "Đã nộp đơn", "4-2024-01236", "@2024-03-02"}}};

static const sheet_def acts = {
    "Hoạt động", 0, NULL,
    {{"Nhiệm vụ", "Ngày", "Loại hoạt động", "Tên hoạt động", "Số lớp",
      "Số người tham gia"},
     {"A3", "@2024-05-10", "tap-huan", "Tập huấn", "1.200", "#45"}}};

static const sheet_def version = {
    "_phien_ban", 1, NULL,
    {{"Phiên bản mẫu", "1"}, {"Mã đơn vị", "185"}, {"Năm báo cáo",
                                                    "#2024"}}};

static const bc_finding *finding_at(const bc_diag *d, const char *code,
                                    const char *place)
{
    for (size_t i = 0; i < diag_count(d); i++) {
        const bc_finding *f = diag_get(d, i);
        if (!strcmp(f->code, code) && f->place && !strcmp(f->place, place))
            return f;
    }
    dump(d);
    fail_msg("no finding %s at %s", code, place);
    return NULL;
}

/* 1 if cell x of a copy is the printed note of its row (what is wrong
 * there, right of every cell of the source sheet g). */
static int is_row_note(const got_cell *x, const got_sheet *g)
{
    for (size_t i = 0; i < g->n; i++)
        if (g->v[i].col >= x->col)
            return 0;
    return !strncmp(x->text, "Lỗi ô ", strlen("Lỗi ô ")) ||
           !strncmp(x->text, "Cảnh báo ô ", strlen("Cảnh báo ô ")) ||
           !strncmp(x->text, "Ghi chú ô ", strlen("Ghi chú ô "));
}

/* Every cell of every sheet of src is in the copy, same value and type
 * (a formula's cached value, a date's serial); the copy has nothing
 * else but the printed note of each marked row. */
static void assert_same_cells(const char *src, const char *copy,
                              size_t offset)
{
    bc_diag *d = diag_new();
    xlsx_book *a = NULL, *b = NULL;
    assert_int_equal(xlsx_open(src, d, &a), BC_OK);
    assert_int_equal(xlsx_open(copy, d, &b), BC_OK);
    assert_int_equal(xlsx_sheet_count(b), xlsx_sheet_count(a) + offset);
    for (size_t i = 0; i < xlsx_sheet_count(a); i++) {
        assert_string_equal(xlsx_sheet_name(b, i + offset),
                            xlsx_sheet_name(a, i));
        assert_int_equal(xlsx_sheet_state_of(b, i + offset) != 0,
                         xlsx_sheet_state_of(a, i) != 0);
        got_sheet ga, gb;
        read_sheet(a, i, &ga);
        read_sheet(b, i + offset, &gb);
        size_t kept = 0;
        for (size_t k = 0; k < gb.n; k++) {
            if (is_row_note(&gb.v[k], &ga)) {
                free(gb.v[k].text);
                continue;
            }
            gb.v[kept++] = gb.v[k];
        }
        gb.n = kept;
        assert_int_equal(gb.n, ga.n);
        for (size_t k = 0; k < ga.n; k++) {
            assert_int_equal(gb.v[k].row, ga.v[k].row);
            assert_int_equal(gb.v[k].col, ga.v[k].col);
            assert_int_equal(gb.v[k].type, ga.v[k].type);
            assert_string_equal(gb.v[k].text, ga.v[k].text);
        }
        const xlsx_range *ma, *mb;
        size_t na, nb;
        assert_int_equal(xlsx_sheet_merges(a, i, &ma, &na), BC_OK);
        assert_int_equal(xlsx_sheet_merges(b, i + offset, &mb, &nb), BC_OK);
        assert_int_equal(nb, na);
        for (size_t k = 0; k < na; k++)
            assert_memory_equal(&mb[k], &ma[k], sizeof ma[k]);
        free_sheet(&ga);
        free_sheet(&gb);
    }
    assert_int_equal(diag_count(d), 0);
    xlsx_close(a);
    xlsx_close(b);
    diag_free(d);
}

/* Row of the findings sheet (1-based) of the n-th finding (from 0). */
static char *list_ref(char col, size_t n)
{
    static char buf[16];
    snprintf(buf, sizeof buf, "%c%zu", col, n + 6);
    return buf;
}

static int same_bytes(const char *x, const char *y)
{
    char *a = NULL, *b = NULL;
    size_t na = 0, nb = 0;
    assert_int_equal(bc_read_file(x, 1 << 24, &a, &na), BC_OK);
    assert_int_equal(bc_read_file(y, 1 << 24, &b, &nb), BC_OK);
    int same = na == nb && memcmp(a, b, na) == 0;
    free(a);
    free(b);
    return same;
}

/* --- tests ------------------------------------------------------------------ */

static void test_copy_marked(void **state)
{
    (void)state;
    sheet_def s[] = {guide, info, records, acts, version};
    char *path = write_book("185.xlsx", s, BC_ARRAY_LEN(s));
    bc_diag *d = diag_new();
    /* a finding of another file before this one's: not listed */
    bc_loc other = {"input/2024/khac.xlsx", 0, "Hoạt động!A1"};
    diag_add(d, BC_SEV_ERROR, "XSD", &other, NULL, NULL, "tệp khác");
    size_t first = diag_count(d);
    run(path, d);
    const bc_finding *num = finding_at(d, "XLSX-NUMBER", "Hoạt động!E2");
    assert_string_equal(num->found, "1.200");
    /* a finding without a cell, one at an empty cell, a second one at a
     * cell that has one, a warning at a date cell */
    bc_loc nocell = {path, 0, NULL};
    diag_add(d, BC_SEV_ERROR, "XLSX-HEADER", &nocell, "Kinh phí", NULL,
             "không tìm thấy dòng tiêu đề của trang «Kinh phí»");
    bc_loc empty = {path, 0, "Hoạt động!H9"};
    diag_add(d, BC_SEV_ERROR, "REC-DATE-MISSING", &empty, NULL,
             "ngày dạng dd/mm/yyyy", "thiếu ngày nộp đơn");
    bc_loc again = {path, 0, "Hoạt động!E2"};
    diag_add(d, BC_SEV_WARNING, "COUNT-NEGATIVE", &again, "1.200", "< 1000",
             "số lớp quá lớn & <lạ>");
    bc_loc dated = {path, 0, "Hướng dẫn!A3"};
    diag_add(d, BC_SEV_NOTE, "UNIT-DATE", &dated, "01/03/2024", NULL,
             "ngày cần xem lại");
    size_t end = diag_count(d);
    assert_true(diag_count_sev(d, BC_SEV_ERROR) >= 3);

    char *out = tmp_file("185-can-sua.xlsx");
    annotate_kind kind = ANNOTATE_LIST_ONLY;
    bc_diag *wd = diag_new();
    bc_status st = annotate_workbook(path, d, first, end, out, wd, &kind);
    if (st != BC_OK)
        dump(wd);
    assert_int_equal(st, BC_OK);
    assert_int_equal(kind, ANNOTATE_COPY);
    assert_int_equal(diag_count(wd), 0);
    assert_true(bc_is_file(out));

    /* same sheets, values and merges after the findings sheet */
    assert_same_cells(path, out, 1);

    /* the findings sheet lists every finding of the file, in order */
    bc_diag *rd = diag_new();
    xlsx_book *b = NULL;
    assert_int_equal(xlsx_open(out, rd, &b), BC_OK);
    assert_string_equal(xlsx_sheet_name(b, 0), ANNOTATE_SHEET);
    assert_int_equal(xlsx_sheet_state_of(b, 0), XLSX_SHEET_VISIBLE);
    assert_int_equal(xlsx_sheet_state_of(b, 5), XLSX_SHEET_HIDDEN);
    got_sheet list;
    read_sheet(b, 0, &list);
    assert_non_null(strstr(cell_text(&list, "A1"), "«185.xlsx»"));
    assert_non_null(strstr(cell_text(&list, "A2"), "bị từ chối"));
    assert_null(cell_text(&list, "A3"));
    assert_string_equal(cell_text(&list, "E5"), "Nội dung");
    size_t n = end - first;
    for (size_t i = 0; i < n; i++) {
        const bc_finding *f = diag_get(d, first + i);
        char no[24];
        snprintf(no, sizeof no, "%zu", i + 1);
        assert_string_equal(cell_text(&list, list_ref('A', i)), no);
        assert_string_equal(cell_text(&list, list_ref('D', i)), f->code);
        assert_string_equal(cell_text(&list, list_ref('E', i)), f->message);
        const char *place = cell_text(&list, list_ref('C', i));
        if (f->place)
            assert_string_equal(place, f->place);
        else
            assert_null(place);
        const char *found = cell_text(&list, list_ref('F', i));
        if (f->found)
            assert_string_equal(found, f->found);
        else
            assert_null(found);
        const char *exp = cell_text(&list, list_ref('G', i));
        if (f->expected)
            assert_string_equal(exp, f->expected);
        else
            assert_null(exp);
    }
    assert_null(cell_text(&list, list_ref('D', n)));
    for (size_t i = 0; i < list.n; i++)
        assert_null(strstr(list.v[i].text, "tệp khác"));
    free_sheet(&list);

    /* the marked empty cell is a styled blank: no value */
    got_sheet g;
    read_sheet(b, 4, &g);
    assert_null(cell_text(&g, "H9"));
    assert_string_equal(cell_text(&g, "E2"), "1.200");
    /* what is wrong prints too: a note right of the row's cells and marks
     * (column I), every finding of the row with what to type instead */
    const char *note = cell_text(&g, "I2");
    assert_non_null(note);
    /* the message's own "ô Hoạt động!E2" is not said twice */
    assert_int_equal(strncmp(note, "Lỗi ô E2 (Số lớp): ",
                             strlen("Lỗi ô E2 (Số lớp): ")),
                     0);
    assert_non_null(strstr(num->message, "ô Hoạt động!E2 (Số lớp): "));
    assert_non_null(strstr(note, num->message + strlen("ô Hoạt động!E2")));
    assert_non_null(strstr(note, "\nCảnh báo ô E2: số lớp quá lớn"));
    assert_non_null(strstr(note, ". Cần: < 1000"));
    assert_non_null(strstr(cell_text(&g, "I9"), "Lỗi ô H9: thiếu ngày"));
    assert_null(cell_text(&g, "I1"));
    free_sheet(&g);
    xlsx_close(b);
    diag_free(rd);

    /* the comments, on the right cells of the right sheets */
    char *c = sheet_comments(out, 4); /* Hoạt động */
    assert_non_null(c);
    char *at = comment_at(c, "E2");
    assert_non_null(at);
    assert_non_null(strstr(at, "Lỗi [XLSX-NUMBER]: "));
    assert_non_null(strstr(at, num->message));
    assert_non_null(strstr(at, "Đã nhập: «1.200»"));
    assert_non_null(strstr(at, "Cảnh báo [COUNT-NEGATIVE]: số lớp quá lớn "
                               "&amp; &lt;lạ&gt;"));
    assert_non_null(strstr(at, "Cần: &lt; 1000"));
    free(at);
    at = comment_at(c, "H9");
    assert_non_null(at);
    assert_non_null(strstr(at, "[REC-DATE-MISSING]: thiếu ngày nộp đơn"));
    free(at);
    assert_non_null(strstr(c, "<author>" ANNOTATE_AUTHOR "</author>"));
    free(c);
    c = sheet_comments(out, 3); /* Tài sản trí tuệ */
    assert_non_null(c);
    at = comment_at(c, "A3");
    assert_non_null(at);
    assert_non_null(strstr(at, "[KIND-UNKNOWN]"));
    assert_non_null(strstr(at, "«XYZ»"));
    free(at);
    assert_null(comment_at(c, "A2"));
    free(c);
    c = sheet_comments(out, 1); /* Hướng dẫn */
    at = c ? comment_at(c, "A3") : NULL;
    assert_non_null(at);
    assert_non_null(strstr(at, "Ghi chú [UNIT-DATE]"));
    free(at);
    free(c);
    assert_null(sheet_comments(out, 0));
    assert_null(sheet_comments(out, 2));

    /* marked cells are styled; the places link to them */
    char *x = zip_text(out, "xl/worksheets/sheet5.xml");
    assert_non_null(strstr(x, "<c r=\"E2\" s=\""));
    assert_non_null(strstr(x, "<c r=\"H9\" s=\""));
    assert_null(strstr(x, "<c r=\"A2\" s=\""));
    /* the dropdown of column C is kept */
    assert_non_null(strstr(x, "<dataValidation type=\"list\""));
    assert_non_null(strstr(x, "sqref=\"C2:C10\""));
    assert_non_null(strstr(x, "<formula1>\"tap-huan,khac\"</formula1>"));
    /* the note's row is as tall as its lines */
    char *row2 = strstr(x, "<row r=\"2\"");
    assert_non_null(row2);
    assert_non_null(strstr(row2, "customHeight=\"1\""));
    assert_true(strstr(row2, "customHeight") < strstr(row2, "</row>"));
    free(x);
    /* rows of the findings sheet are tall enough for their wrapped text:
     * a long message wraps over several lines of 15 points */
    x = zip_text(out, "xl/worksheets/sheet1.xml");
    char *row = strstr(x, "<row r=\"6\"");
    assert_non_null(row);
    char *ht = strstr(row, "ht=\"");
    assert_non_null(ht);
    assert_true(ht < strstr(row, ">"));
    assert_true(strtod(ht + 4, NULL) >= 15.0);
    assert_non_null(strstr(x, "location=\"'Tài sản trí tuệ'!A3\""));
    assert_non_null(strstr(x, "location=\"'Hoạt động'!H9\""));
    free(x);
    /* the unit's own number formats are kept (an amount «1.200,500») */
    x = zip_text(out, "xl/styles.xml");
    assert_non_null(strstr(x, "formatCode=\"#,##0.000\""));
    free(x);
    x = zip_text(out, "xl/worksheets/sheet2.xml"); /* Hướng dẫn */
    assert_non_null(strstr(x, "<c r=\"C3\" s=\""));
    /* and their formulas, with the results they had */
    assert_non_null(strstr(x, "<c r=\"D2\"><f>2*2</f><v>4</v></c>"));
    free(x);
    x = zip_text(out, "docProps/core.xml");
    assert_non_null(strstr(x, "2024-01-01T00:00:00Z"));
    free(x);

    /* the copy reads as the original: the same findings at the same cells
     * (the findings sheet is not a sheet of the form) */
    bc_diag *d1 = diag_new(), *d2 = diag_new();
    run(path, d1);
    run(out, d2);
    assert_int_equal(diag_count(d2), diag_count(d1));
    for (size_t i = 0; i < diag_count(d1); i++) {
        assert_string_equal(diag_get(d2, i)->code, diag_get(d1, i)->code);
        assert_string_equal(diag_get(d2, i)->place, diag_get(d1, i)->place);
    }
    diag_free(d1);
    diag_free(d2);

    /* the same inputs give the same bytes */
    char *out2 = tmp_file("again.xlsx");
    assert_int_equal(annotate_workbook(path, d, first, end, out2, wd, NULL),
                     BC_OK);
    assert_true(same_bytes(out, out2));
    unlink(out2);
    free(out2);

    diag_free(wd);
    diag_free(d);
    free(out);
    free(path);
}

static void test_list_only(void **state)
{
    (void)state;
    char *path = tmp_file("hong.xlsx");
    assert_int_equal(bc_write_atomic(path, "not a zip", 9), BC_OK);
    bc_diag *d = diag_new();
    run(path, d);
    assert_finding(d, "XLSX-READ", NULL);
    size_t n = diag_count(d);
    char *out = tmp_file("hong-can-sua.xlsx");
    annotate_kind kind = ANNOTATE_COPY;
    /* the sink is also the one the findings are in */
    assert_int_equal(annotate_workbook(path, d, 0, n, out, d, &kind), BC_OK);
    assert_int_equal(kind, ANNOTATE_LIST_ONLY);
    assert_int_equal(diag_count(d), n);

    bc_diag *rd = diag_new();
    xlsx_book *b = NULL;
    assert_int_equal(xlsx_open(out, rd, &b), BC_OK);
    assert_int_equal(xlsx_sheet_count(b), 1);
    assert_string_equal(xlsx_sheet_name(b, 0), ANNOTATE_SHEET);
    got_sheet list;
    read_sheet(b, 0, &list);
    assert_non_null(strstr(cell_text(&list, "A3"), "chỉ có danh sách lỗi"));
    assert_string_equal(cell_text(&list, "D6"), "XLSX-READ");
    free_sheet(&list);
    xlsx_close(b);
    diag_free(rd);

    /* .xls, whatever its reader says, gives an .xlsx copy */
    char *xls = tmp_file("cu.xls");
    assert_int_equal(bc_write_atomic(xls, "\xd0\xcf\x11\xe0", 4), BC_OK);
    size_t from = diag_count(d);
    run(xls, d);
    bc_loc at = {xls, 0, NULL};
    diag_add(d, BC_SEV_ERROR, "XLSX-SHEET", &at, NULL, NULL, "không đọc được");
    char *xout = annotate_out_name(tmpdir, xls, 1);
    assert_non_null(strstr(xout, "/cu-can-sua.xlsx"));
    assert_int_equal(annotate_workbook(xls, d, from, diag_count(d), xout, d,
                                       &kind),
                     BC_OK);
    assert_true(bc_is_file(xout));
    assert_true(annotate_supported(xls));
    free(xout);
    free(xls);
    diag_free(d);
    free(out);
    free(path);
}

static void test_name_clash(void **state)
{
    (void)state;
    static const sheet_def clash = {"CẦN SỬA", 0, NULL, {{"x"}}};
    static const sheet_def clash2 = {"Can sua (2)", 0, NULL, {{"y"}}};
    sheet_def s[] = {clash, clash2};
    char *path = write_book("clash.xlsx", s, BC_ARRAY_LEN(s));
    bc_diag *d = diag_new();
    bc_loc at = {path, 0, "CẦN SỬA!A1"};
    diag_add(d, BC_SEV_ERROR, "XLSX-SHEET", &at, "x", NULL, "không phải mẫu");
    char *out = tmp_file("clash-can-sua.xlsx");
    annotate_kind kind;
    assert_int_equal(annotate_workbook(path, d, 0, 1, out, d, &kind), BC_OK);
    assert_int_equal(kind, ANNOTATE_COPY);
    bc_diag *rd = diag_new();
    xlsx_book *b = NULL;
    assert_int_equal(xlsx_open(out, rd, &b), BC_OK);
    assert_string_equal(xlsx_sheet_name(b, 0), ANNOTATE_SHEET " (3)");
    assert_string_equal(xlsx_sheet_name(b, 1), "CẦN SỬA");
    xlsx_close(b);
    diag_free(rd);
    assert_same_cells(path, out, 1);
    char *c = sheet_comments(out, 1);
    assert_non_null(c);
    char *x = comment_at(c, "A1");
    assert_non_null(x);
    free(x);
    free(c);
    diag_free(d);
    free(out);
    free(path);
}

static void test_refusals(void **state)
{
    (void)state;
    static const sheet_def one = {"Trang 1", 0, NULL, {{"x"}}};
    char *path = write_book("mot.xlsx", &one, 1);
    bc_diag *d = diag_new();
    bc_loc at = {path, 0, "Trang 1!A1"};
    diag_add(d, BC_SEV_ERROR, "XLSX-SHEET", &at, "x", NULL, "không phải mẫu");
    size_t n = diag_count(d);

    /* never over the input itself, by any name */
    struct stat before;
    assert_int_equal(stat(path, &before), 0);
    char *alias = bc_asprintf("%s/./mot.xlsx", tmpdir);
    assert_int_equal(annotate_workbook(path, d, 0, n, alias, d, NULL),
                     BC_ERR_USAGE);
    free(alias);
    const bc_finding *f = assert_finding(d, "FILE-WRITE", NULL);
    assert_string_equal(f->found, path);
    struct stat after;
    assert_int_equal(stat(path, &after), 0);
    assert_int_equal(after.st_size, before.st_size);
    assert_int_equal(after.st_mtime, before.st_mtime);

    /* a folder that does not exist: FILE-WRITE, nothing left behind */
    char *out = bc_asprintf("%s/khong-co/mot-can-sua.xlsx", tmpdir);
    size_t k = diag_count(d);
    assert_int_equal(annotate_workbook(path, d, 0, n, out, d, NULL),
                     BC_ERR_IO);
    assert_true(diag_count(d) > k);
    assert_string_equal(diag_get(d, k)->code, "FILE-WRITE");
    assert_string_equal(diag_get(d, k)->file, out);
    assert_false(bc_is_file(out));
    free(out);
    diag_free(d);
    free(path);
}

/* Texts Excel would refuse are made to fit: invalid UTF-8 replaced, more
 * than 32.767 characters cut. */
static void test_long_text(void **state)
{
    (void)state;
    static const sheet_def one = {"Trang 1", 0, NULL, {{"x"}}};
    char *path = write_book("dai.xlsx", &one, 1);
    size_t n = 40000;
    char *big = malloc(n * 3 + 2);
    assert_non_null(big);
    for (size_t i = 0; i < n; i++)
        memcpy(big + i * 3, "ệ", 3);
    big[n * 3] = '\xff';
    big[n * 3 + 1] = '\0';
    bc_diag *d = diag_new();
    bc_loc at = {path, 0, "Trang 1!A1"};
    diag_add(d, BC_SEV_ERROR, "XLSX-CELL", &at, big, "a\xff\xc3(b", "dài");
    char *out = tmp_file("dai-can-sua.xlsx");
    bc_diag *wd = diag_new();
    bc_status st = annotate_workbook(path, d, 0, 1, out, wd, NULL);
    if (st != BC_OK)
        dump(wd);
    assert_int_equal(st, BC_OK);
    bc_diag *rd = diag_new();
    xlsx_book *b = NULL;
    assert_int_equal(xlsx_open(out, rd, &b), BC_OK);
    got_sheet list;
    read_sheet(b, 0, &list);
    const char *found = cell_text(&list, "F6");
    assert_non_null(found);
    size_t chars = 0;
    for (const char *q = found; *q; q++)
        chars += ((unsigned char)*q & 0xC0) != 0x80;
    /* the sink already bounds what a finding quotes (DIAG_MAX_FIELD
     * bytes, cut at a character, "…" added); the copy keeps it whole */
    assert_true(strlen(found) <= DIAG_MAX_FIELD + 3);
    assert_true(chars > 600);
    assert_string_equal(found + strlen(found) - 3, "…");
    assert_string_equal(cell_text(&list, "G6"), "a\xef\xbf\xbd\xef\xbf\xbd(b");
    free_sheet(&list);
    xlsx_close(b);
    char *c = sheet_comments(out, 1);
    assert_non_null(c);
    char *x = comment_at(c, "A1");
    assert_non_null(x);
    assert_non_null(strstr(x, "…"));
    free(x);
    free(c);
    diag_free(rd);
    diag_free(wd);
    diag_free(d);
    free(big);
    free(out);
    free(path);
}

static void test_names(void **state)
{
    (void)state;
    char *s = annotate_out_name("ann", "input/2024/185.xlsx", 1);
    assert_string_equal(s, "ann/185-can-sua.xlsx");
    free(s);
    s = annotate_out_name("ann/", "185.XLS", 2);
    assert_string_equal(s, "ann/185-can-sua-2.xlsx");
    free(s);
    s = annotate_out_name("ann", "a.b/bao cao.v2.xlsx", 1);
    assert_string_equal(s, "ann/bao cao.v2-can-sua.xlsx");
    free(s);
    s = annotate_out_name("ann", ".xlsx", 1);
    assert_string_equal(s, "ann/.xlsx-can-sua.xlsx");
    free(s);
    assert_true(annotate_supported("x/185.XLSX"));
    assert_true(annotate_supported("185.xls"));
    assert_false(annotate_supported("185.xml"));
    assert_false(annotate_supported("185"));
    assert_false(annotate_same_file("/nonexistent/a", "/nonexistent/a"));
}

static void test_pick_name(void **state)
{
    (void)state;
    /* an input already called like the first choice is never the copy */
    char *in = tmp_file("x.xlsx"), *clash = tmp_file("x-can-sua.xlsx");
    assert_int_equal(bc_write_atomic(in, "a", 1), BC_OK);
    assert_int_equal(bc_write_atomic(clash, "b", 1), BC_OK);
    const char *inputs[] = {in, clash};
    annotate_names t = ANNOTATE_NAMES_INIT;
    const char *a = annotate_pick_name(&t, tmpdir, in, inputs, 2);
    assert_non_null(a);
    assert_non_null(strstr(a, "/x-can-sua-2.xlsx"));
    /* another input of the same base name gets the next one */
    const char *b = annotate_pick_name(&t, tmpdir, "khac/x.xls", inputs, 2);
    assert_non_null(strstr(b, "/x-can-sua-3.xlsx"));
    /* the same input named through another path is still an input */
    char *alias = bc_asprintf("%s/./x-can-sua.xlsx", tmpdir);
    const char *inputs2[] = {alias};
    const char *c = annotate_pick_name(&t, tmpdir, "y/x.xlsx", inputs2, 1);
    assert_non_null(strstr(c, "/x-can-sua-4.xlsx"));
    const char *e = annotate_pick_name(&t, "ann", "z.xlsx", NULL, 0);
    assert_string_equal(e, "ann/z-can-sua.xlsx");
    annotate_names_free(&t);
    assert_int_equal(t.n, 0);
    annotate_names_free(&t);
    free(alias);
    unlink(clash);
    unlink(in);
    free(clash);
    free(in);
}

/* The copies of a report set (run --annotate-set): named in can-sua/
 * from the names shown (two of one base name apart), marked on the files
 * of the aggregate by path, the folder made even with no copy. */
static void test_set(void **state)
{
    (void)state;
    annotate_set s = ANNOTATE_SET_INIT;
    assert_int_equal(annotate_set_add(&s, "input/2026/x.xlsx",
                                      "input/2026/x.xlsx", 0, 0), BC_OK);
    assert_int_equal(annotate_set_add(&s, "input/2026/x.xls",
                                      "input/2026/x.xls", 0, 0), BC_OK);
    assert_int_equal(annotate_set_add(&s, "input/2026/b\xe1o.xlsx",
                                      "input/2026/b\\xE1o.xlsx", 0, 0), BC_OK);
    assert_string_equal(s.v[0].rel, "can-sua/x-can-sua.xlsx");
    assert_string_equal(s.v[1].rel, "can-sua/x-can-sua-2.xlsx");
    assert_string_equal(s.v[2].rel, "can-sua/b\\xE1o-can-sua.xlsx");
    static const char agg[] =
        "<aggregate><submissions>"
        "<file path='input/2026/x.xlsx' status='rejected'/>"
        "<file path='input/2026/y.xlsx' status='accepted'/>"
        "<file path='input/2026/x.xls' status='rejected'/>"
        "</submissions></aggregate>";
    xmlDocPtr doc = xmlReadMemory(agg, (int)strlen(agg), "agg.xml", NULL, 0);
    assert_non_null(doc);
    assert_int_equal(annotate_set_mark(&s, doc), BC_OK);
    xmlNodePtr f = xmlDocGetRootElement(doc)->children->children;
    xmlChar *v = xmlGetProp(f, BAD_CAST ANNOTATE_SET_ATTR);
    assert_string_equal((char *)v, "can-sua/x-can-sua.xlsx");
    xmlFree(v);
    assert_null(xmlGetProp(f->next, BAD_CAST ANNOTATE_SET_ATTR));
    v = xmlGetProp(f->next->next, BAD_CAST ANNOTATE_SET_ATTR);
    assert_string_equal((char *)v, "can-sua/x-can-sua-2.xlsx");
    xmlFree(v);
    xmlFreeDoc(doc);
    annotate_set_free(&s);
    assert_int_equal(s.n, 0);
    /* no copy: the folder all the same, so an older set's never stays */
    annotate_set empty = ANNOTATE_SET_INIT;
    size_t list_only = 7;
    assert_int_equal(annotate_set_write(&empty, tmpdir, NULL, NULL,
                                        &list_only), BC_OK);
    assert_int_equal(list_only, 0);
    char *dir = bc_asprintf("%s/%s", tmpdir, ANNOTATE_SET_DIR);
    assert_true(bc_is_dir(dir));
    rmdir(dir);
    free(dir);
    annotate_set_free(&empty);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_copy_marked),
        cmocka_unit_test(test_list_only),
        cmocka_unit_test(test_name_clash),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_long_text),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_pick_name),
        cmocka_unit_test(test_set),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
