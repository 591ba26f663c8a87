/* test_ingest_xlsx.c - .xlsx submission workbooks -> the canonical
 * document -> validation, with the real plan.
 *
 * Each workbook is written here with libxlsxwriter: the official layout of
 * docs/forms.md, and variants a clerk produces (columns reordered, a title
 * row, an extra column, blank, totals and note rows, numbers and dates
 * typed as text, NFD text).
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "ingest.h"
#include "plan.h"
#include "util.h"
#include "validate.h"
#include "xlsx_fill.h"

#define XSD "templates/schema/submission.xsd"
#define PLAN "templates/plan/de-an-2030.xml"
#define PLAN_XSD "templates/schema/plan.xsd"

#define NROWS 16
#define NCOLS 12

/* A cell: NULL empty; "#1200.5" a number; "@2024-03-01" a date cell
 * (dd/mm/yyyy format); "!1" a logical TRUE; "=400*2|800" a formula with
 * its cached number; anything else a string. */
typedef struct sheet_def {
    const char *name;
    int hidden;
    const char *cells[NROWS][NCOLS];
} sheet_def;

static char tmpdir[64];
static plan *P;

static int setup(void **state)
{
    (void)state;
    strcpy(tmpdir, "/tmp/test_ingest_xlsx.XXXXXX");
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
    scratch_remove(tmpdir);
    plan_free(P);
    return 0;
}

/* write_book, with row hide_row (0-based) of sheet hide_sheet hidden
 * (-1: none). */
static char *write_book_rows(const char *file, const sheet_def *sheets,
                             size_t n, int hide_sheet, int hide_row);

static char *write_book(const char *file, const sheet_def *sheets, size_t n)
{
    return write_book_rows(file, sheets, n, -1, -1);
}

static char *write_book_rows(const char *file, const sheet_def *sheets,
                             size_t n, int hide_sheet, int hide_row)
{
    char *path = bc_path_join(tmpdir, file);
    lxw_workbook *wb = workbook_new(path);
    assert_non_null(wb);
    lxw_format *dmy = workbook_add_format(wb);
    format_set_num_format(dmy, "dd/mm/yyyy");
    for (size_t s = 0; s < n; s++) {
        lxw_worksheet *ws = workbook_add_worksheet(wb, sheets[s].name);
        assert_non_null(ws);
        for (int r = 0; r < NROWS; r++)
            for (int c = 0; c < NCOLS; c++) {
                const char *v = sheets[s].cells[r][c];
                if (!v)
                    continue;
                if (v[0] == '#') {
                    worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)c,
                                           strtod(v + 1, NULL), NULL);
                } else if (v[0] == '!') {
                    worksheet_write_boolean(ws, (lxw_row_t)r, (lxw_col_t)c,
                                            v[1] == '1', NULL);
                } else if (v[0] == '=' && strchr(v, '|')) {
                    char *f = bc_strndup(v, (size_t)(strchr(v, '|') - v));
                    worksheet_write_formula_num(ws, (lxw_row_t)r,
                                                (lxw_col_t)c, f, NULL,
                                                strtod(strchr(v, '|') + 1,
                                                       NULL));
                    free(f);
                } else if (v[0] == '@') {
                    lxw_datetime dt = {0, 0, 0, 0, 0, 0};
                    assert_int_equal(sscanf(v + 1, "%d-%d-%d", &dt.year,
                                            &dt.month, &dt.day),
                                     3);
                    worksheet_write_datetime(ws, (lxw_row_t)r,
                                             (lxw_col_t)c, &dt, dmy);
                } else {
                    worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c,
                                           v, NULL);
                }
            }
        if (sheets[s].hidden)
            worksheet_hide(ws);
        if ((int)s == hide_sheet) {
            lxw_row_col_options o = {LXW_TRUE, 0, LXW_FALSE};
            worksheet_set_row_opt(ws, (lxw_row_t)hide_row, LXW_DEF_ROW_HEIGHT,
                                  NULL, &o);
        }
    }
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
    return path;
}

/* Reads the workbook and validates the document, as validate_file does
 * for an .xml file: rejected when reading added an error finding. */
static bc_status run(const char *path, bc_diag *d, submission **out)
{
    *out = NULL;
    size_t first = diag_count(d);
    xmlDocPtr doc = NULL;
    bc_status st = ingest_xlsx(path, d, &doc);
    if (st != BC_OK)
        return st;
    size_t read_errors = 0;
    for (size_t i = first; i < diag_count(d); i++)
        if (diag_get(d, i)->sev == BC_SEV_ERROR)
            read_errors++;
    bc_diag *vd = diag_new();
    bc_validator *v = validator_new(P, XSD, vd);
    assert_non_null(v);
    diag_free(vd);
    st = validate_doc(v, doc, path, 2024, d, out);
    validator_free(v);
    xmlFreeDoc(doc);
    if (st == BC_OK && read_errors)
        st = BC_ERR_INVALID;
    return st;
}

static void dump(const bc_diag *d)
{
    for (size_t i = 0; i < diag_count(d); i++)
        diag_print(diag_get(d, i), stderr);
}

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

/* --- the official layout ------------------------------------------------ */

static const sheet_def guide = {"Hướng dẫn", 0, {{"MẪU BÁO CÁO"}}};

static const sheet_def info = {
    "Thông tin chung", 0,
    {{"Nội dung", "Giá trị"},
     {"Mã đơn vị", "185"},
     {"Tên đơn vị", "Huyện Bắc Sơn"},
     {"Năm báo cáo", "#2024"},
     {"Ngày báo cáo", "@2024-12-10"},
     {"Người lập báo cáo", "Hoàng Thị Mai"},
     {"Chức vụ", "Chuyên viên"},
     {"Điện thoại", "0205 3837 123"},
     {"Thư điện tử", "mai@example.vn"}}};

static const sheet_def records_official = {
    "Tài sản trí tuệ", 0,
    {{"Loại đối tượng", "Tình trạng", "Số đơn", "Ngày nộp đơn",
      "Ngày cấp bằng", "Số văn bằng", "Tên đối tượng", "Sản phẩm",
      "Chủ sở hữu", "Địa chỉ/địa bàn", "Nhiệm vụ Đề án"},
     {"NHTT - nhãn hiệu tập thể", "Đã nộp đơn", "4-2024-01234",
      "@2024-03-01", NULL, NULL, "Quýt vàng Bắc Sơn", "quả quýt",
      "HTX Bắc Sơn", "Bắc Sơn", "B9 - Hỗ trợ đăng ký nhãn hiệu"},
     {"KDCN - kiểu dáng công nghiệp", "Đã cấp văn bằng", "3-2023-00012",
      "@2023-05-02", "@2024-06-10", "45678"}}};

static const sheet_def activities_official = {
    "Hoạt động", 0,
    {{"Nhiệm vụ", "Ngày", "Loại hoạt động", "Tên hoạt động", "Số lớp",
      "Số người tham gia"},
     {"A3 - Tập huấn doanh nghiệp", "@2024-05-10",
      "tap-huan - lớp tập huấn, bồi dưỡng", "Tập huấn SHTT", "#1", "#45"}}};

static const sheet_def budget_official = {
    "Kinh phí", 0,
    {{"Nhiệm vụ", "Kinh phí được giao (triệu đồng)",
      "Đã giải ngân (triệu đồng)", "Ghi chú"},
     {"B9 - Hỗ trợ", "#400", "#350.5", "đúng tiến độ"}}};

static const sheet_def narrative = {
    "Thuyết minh", 0,
    {{"Mục", "Nội dung"},
     {"Kết quả", "Hoàn thành hồ sơ."},
     {"Khó khăn", NULL},
     {"Kiến nghị", "Tăng kinh phí."}}};

static const sheet_def lists = {"_danh_muc", 1,
                                {{"Loại đối tượng", "Mã loại"},
                                 {"NHTT - nhãn hiệu tập thể", "NHTT"}}};

static const sheet_def version = {
    "_phien_ban", 1,
    {{"Phiên bản mẫu", "1"}, {"Mã đơn vị", "185"}, {"Năm báo cáo",
                                                    "#2024"}}};

static void test_official(void **state)
{
    (void)state;
    sheet_def s[] = {guide, info, records_official, activities_official,
                     budget_official, narrative, lists, version};
    char *path = write_book("official.xlsx", s, BC_ARRAY_LEN(s));
    bc_diag *d = diag_new();
    submission *sub = NULL;
    bc_status st = run(path, d, &sub);
    if (st != BC_OK)
        dump(d);
    assert_int_equal(st, BC_OK);
    assert_int_equal(diag_count_sev(d, BC_SEV_ERROR), 0);
    assert_non_null(sub);
    assert_string_equal(sub->unit.s, "185");
    assert_string_equal(sub->unit.at.cell, "Thông tin chung!B2");
    assert_string_equal(sub->unit_v, "185");
    assert_int_equal(sub->year_v, 2024);
    assert_int_equal(sub->date_v, 20241210);
    assert_string_equal(sub->contact_name.s, "Hoàng Thị Mai");
    assert_string_equal(sub->contact_name.at.cell, "Thông tin chung!B6");
    assert_string_equal(sub->contact_phone.s, "0205 3837 123");

    assert_int_equal(sub->n_records, 2);
    sub_record *r = &sub->records[0];
    assert_string_equal(r->kind.s, "NHTT");
    assert_string_equal(r->kind.at.cell, "Tài sản trí tuệ!A2");
    assert_int_equal(r->status_v, REC_FILED);
    assert_string_equal(r->application.s, "4-2024-01234");
    assert_int_equal(r->filed_v, 20240301);
    assert_string_equal(r->filed.at.cell, "Tài sản trí tuệ!D2");
    assert_string_equal(r->name.s, "Quýt vàng Bắc Sơn");
    assert_string_equal(r->task.s, "B9");
    assert_null(r->granted.s);
    r = &sub->records[1];
    assert_string_equal(r->kind.s, "KDCN");
    assert_int_equal(r->status_v, REC_GRANTED);
    assert_int_equal(r->granted_v, 20240610);
    assert_string_equal(r->certificate.s, "45678");

    assert_int_equal(sub->n_activities, 1);
    assert_string_equal(sub->activities[0].task.s, "A3");
    assert_string_equal(sub->activities[0].kind.s, "tap-huan");
    assert_int_equal(sub->activities[0].date_v, 20240510);
    assert_int_equal(sub->activities[0].classes_v, 1);
    assert_int_equal(sub->activities[0].participants_v, 45);

    assert_int_equal(sub->n_budget, 1);
    assert_string_equal(sub->budget[0].task.s, "B9");
    assert_int_equal(sub->budget[0].allocated_v, (bc_money)400000000);
    assert_int_equal(sub->budget[0].disbursed_v, (bc_money)350500000);
    assert_string_equal(sub->budget[0].disbursed.at.cell, "Kinh phí!C2");
    assert_string_equal(sub->budget[0].note.s, "đúng tiến độ");

    assert_string_equal(sub->results.s, "Hoàn thành hồ sơ.");
    assert_null(sub->difficulties.s);
    assert_string_equal(sub->proposals.s, "Tăng kinh phí.");
    submission_free(sub);
    diag_free(d);
    free(path);
}

/* --- variants ------------------------------------------------------------ */

static void test_variants(void **state)
{
    (void)state;
    /* unit and year only in _phien_ban */
    static const sheet_def info2 = {
        "THÔNG TIN CHUNG", 0,
        {{"Nội dung", "Giá trị"},
         {"Người lập báo cáo", "Hoa\xcc\x80ng Thi\xcc\xa3 Mai "}}};
    /* title row, reordered columns, an extra column, a blank row inside,
     * a totals row, notes after blank rows */
    static const sheet_def records = {
        "tai san tri tue", 0,
        {{"BÁO CÁO TÀI SẢN TRÍ TUỆ NĂM 2024"},
         {"STT", "Số đơn đăng ký", "Loại đối tượng", "Ngày nộp",
          "Tình trạng", "Tên đối tượng"},
         {"#1", "4-2024-01234", "NHTT", "05/03/2024", "đã nộp đơn",
          "Quy\xcc\x81t va\xcc\x80ng"},
         {NULL},
         {"#2", "4-2024-01235", "NHTT - nhãn hiệu tập thể", "2024-04-01",
          "Đã nộp đơn"},
         {"Cộng", NULL, NULL, NULL, NULL, NULL},
         {NULL},
         {NULL},
         {"Ghi chú: số liệu tạm tính"}}};
    static const sheet_def budget = {
        "KINH PHÍ", 0,
        {{"Ghi chú", "Đã giải ngân (triệu đồng)", "Nhiệm vụ",
          "Kinh phí được giao (triệu đồng)"},
         {NULL, "1.000", "B9", "1.200,5"},
         {"Tổng cộng", "1.000", NULL, "1.200,5"}}};
    sheet_def s[] = {info2, records, budget, version};
    char *path = write_book("variants.xlsx", s, BC_ARRAY_LEN(s));
    bc_diag *d = diag_new();
    submission *sub = NULL;
    bc_status st = run(path, d, &sub);
    if (st != BC_OK)
        dump(d);
    assert_int_equal(st, BC_OK);
    assert_non_null(sub);
    assert_string_equal(sub->unit_v, "185");
    assert_string_equal(sub->unit.at.cell, "_phien_ban!B2");
    assert_int_equal(sub->year_v, 2024);
    assert_string_equal(sub->contact_name.s, "Hoàng Thị Mai");

    assert_int_equal(sub->n_records, 2);
    sub_record *r = &sub->records[0];
    assert_string_equal(r->kind.s, "NHTT");
    assert_string_equal(r->kind.at.cell, "tai san tri tue!C3");
    assert_string_equal(r->application.s, "4-2024-01234");
    assert_int_equal(r->status_v, REC_FILED);
    assert_int_equal(r->filed_v, 20240305);
    assert_string_equal(r->filed.s, "2024-03-05");
    assert_string_equal(r->name.s, "Quýt vàng");
    assert_string_equal(r->at.cell, "tai san tri tue!A3");
    r = &sub->records[1];
    assert_string_equal(r->application.s, "4-2024-01235");
    assert_int_equal(r->filed_v, 20240401);
    assert_string_equal(r->at.cell, "tai san tri tue!A5");

    assert_int_equal(sub->n_budget, 1);
    assert_string_equal(sub->budget[0].task.s, "B9");
    assert_int_equal(sub->budget[0].allocated_v, (bc_money)1200500000);
    assert_int_equal(sub->budget[0].disbursed_v, (bc_money)1000000000);
    assert_string_equal(sub->budget[0].allocated.at.cell, "KINH PHÍ!D2");
    submission_free(sub);
    diag_free(d);
    free(path);
}

/* Sheets renamed by the clerk ("Sheet2", "DS don"): a table is found by
 * its header row on a sheet no other part claims by name, with a note;
 * a sheet with too few labels is not taken. */
static void test_renamed_sheets(void **state)
{
    (void)state;
    static const sheet_def sheet2 = {
        "Sheet2", 0,
        {{"Danh sách đơn năm 2024"},
         {"Số đơn", "Loại đối tượng", "Tình trạng", "Ngày nộp đơn"},
         {"4-2024-01234", "NHTT", "Đã nộp đơn", "@2024-03-01"}}};
    static const sheet_def notes = {
        "Ghi chép", 0,
        {{"Nhiệm vụ", "Ngày"}, {"gọi điện nhắc", "@2024-03-01"}}};
    static const sheet_def sheet3 = {
        "Sheet3", 0,
        {{"Nhiệm vụ", "Kinh phí được giao", "Đã giải ngân"},
         {"B9", "#400", "#300"}}};
    sheet_def s[] = {info, notes, sheet2, sheet3, version};
    char *path = write_book("renamed.xlsx", s, BC_ARRAY_LEN(s));
    bc_diag *d = diag_new();
    submission *sub = NULL;
    bc_status st = run(path, d, &sub);
    if (st != BC_OK)
        dump(d);
    assert_int_equal(st, BC_OK);
    const bc_finding *f = assert_finding(d, "XLSX-SHEET-NAME", "Sheet2");
    assert_int_equal(f->sev, BC_SEV_NOTE);
    assert_string_equal(f->expected, "Tài sản trí tuệ");
    f = assert_finding(d, "XLSX-SHEET-NAME", "Sheet3");
    assert_string_equal(f->expected, "Kinh phí");
    assert_int_equal(sub->n_records, 1);
    assert_string_equal(sub->records[0].application.at.cell, "Sheet2!A3");
    assert_int_equal(sub->n_budget, 1);
    assert_int_equal(sub->budget[0].disbursed_v, (bc_money)300000000);
    /* two labels are not enough to take "Ghi chép" as the activities */
    assert_int_equal(sub->n_activities, 0);
    submission_free(sub);
    diag_free(d);
    free(path);
}

/* Spreadsheet programs store small and large numbers in exponent form
 * (<v>1E-06</v>): read exactly; beyond a millionth (one đồng) or past
 * the range of money, refused rather than rounded. */
static void test_exponent_numbers(void **state)
{
    (void)state;
    static const sheet_def budget = {
        "Kinh phí", 0,
        {{"Nhiệm vụ", "Kinh phí được giao (triệu đồng)",
          "Đã giải ngân (triệu đồng)"},
         {"B9", "#1E+3", "#0.000001"},
         {"B10", "#1e-7", "#0"},
         {"B7", "#1e+25", "#0"}}};
    sheet_def s[] = {info, budget, version};
    char *path = write_book("exponent.xlsx", s, BC_ARRAY_LEN(s));
    bc_diag *d = diag_new();
    submission *sub = NULL;
    assert_int_equal(run(path, d, &sub), BC_ERR_INVALID);
    const bc_finding *f = finding_at(d, "XLSX-NUMBER", "Kinh phí!B3");
    assert_non_null(strstr(f->message, "quá 6 chữ số thập phân"));
    f = finding_at(d, "XLSX-NUMBER", "Kinh phí!B4");
    assert_non_null(strstr(f->message, "số quá lớn"));
    assert_int_equal(diag_count_sev(d, BC_SEV_ERROR), 2);
    assert_int_equal(sub->n_budget, 1);
    assert_int_equal(sub->budget[0].allocated_v, (bc_money)1000000000);
    assert_int_equal(sub->budget[0].disbursed_v, (bc_money)1);
    assert_string_equal(sub->budget[0].disbursed.s, "0.000001");
    submission_free(sub);
    diag_free(d);
    free(path);
}

/* Text typed with legacy fonts: TCVN3 (.VnTime) and VNI converted to
 * Unicode with a warning at the cell that shows both; a header typed in
 * TCVN3 still recognised; text whose encoding cannot be told refused. */
static void test_legacy_text(void **state)
{
    (void)state;
    static const sheet_def records = {
        "Tài sản trí tuệ", 0,
        {{"Loại đối tượng", "Tình trạng", "Số đơn", "Ngày nộp đơn",
          "T\xc2\xaan \xc2\xae\xc3\xa8i t\xc2\xad\xc3\xaeng", "Chủ sở hữu",
          "Sản phẩm"},
         {"NHTT", "Đã nộp đơn", "4-2024-01234", "@2024-03-01",
          "Qu\xc3\xbdt v\xc2\xb5ng B\xc2\xbe" "c S\xc2\xac" "n",
          "H\xc3\xb4\xc3\xafp ta\xc3\xb9" "c xa\xc3\xb5 La\xc3\xafng S\xc3\xb4n",
          "quả quýt"},
         {"NHTT", "Đã nộp đơn", "4-2024-01235", "@2024-03-02", "Hồi",
          "HTX", "Sở Khoa h\xc3\xa4" "c"}}};
    sheet_def s[] = {info, records, version};
    char *path = write_book("legacy.xlsx", s, BC_ARRAY_LEN(s));
    bc_diag *d = diag_new();
    submission *sub = NULL;
    assert_int_equal(run(path, d, &sub), BC_ERR_INVALID);
    const bc_finding *f = finding_at(d, "TEXT-LEGACY", "Tài sản trí tuệ!E2");
    assert_int_equal(f->sev, BC_SEV_WARNING);
    assert_string_equal(f->expected, "Quýt vàng Bắc Sơn");
    assert_non_null(strstr(f->message, "TCVN3"));
    f = finding_at(d, "TEXT-LEGACY", "Tài sản trí tuệ!F2");
    assert_string_equal(f->expected, "Hợp tác xã Lạng Sơn");
    assert_non_null(strstr(f->message, "VNI"));
    f = finding_at(d, "TEXT-ENCODING", "Tài sản trí tuệ!G3");
    assert_int_equal(f->sev, BC_SEV_ERROR);
    assert_string_equal(f->found, "Sở Khoa h\xc3\xa4" "c");
    assert_int_equal(diag_count_sev(d, BC_SEV_ERROR), 1);
    assert_int_equal(sub->n_records, 1);
    assert_string_equal(sub->records[0].name.s, "Quýt vàng Bắc Sơn");
    assert_string_equal(sub->records[0].owner.s, "Hợp tác xã Lạng Sơn");
    submission_free(sub);
    diag_free(d);
    free(path);
}

/* --- findings at cells ---------------------------------------------------- */

static void test_findings_at_cells(void **state)
{
    (void)state;
    static const sheet_def records = {
        "Tài sản trí tuệ", 0,
        {{"Loại đối tượng", "Tình trạng", "Số đơn", "Ngày nộp đơn"},
         {"NHTT - nhãn hiệu tập thể", "Đã nộp đơn", "4-2024-01234",
          "@2024-03-01"},
         {"XYZ - không có", "Đã nộp đơn", "4-2024-01236", "@2024-03-02"}}};
    static const sheet_def acts = {
        "Hoạt động", 0,
        {{"Nhiệm vụ", "Ngày", "Loại hoạt động", "Tên hoạt động", "Số lớp",
          "Số người tham gia"},
         {"A3", "@2024-05-10", "tap-huan", "Tập huấn", "1.200", "#45"}}};
    sheet_def s[] = {info, records, acts, version};
    char *path = write_book("bad.xlsx", s, BC_ARRAY_LEN(s));
    bc_diag *d = diag_new();
    submission *sub = NULL;
    bc_status st = run(path, d, &sub);
    assert_int_equal(st, BC_ERR_INVALID);
    const bc_finding *f = finding_at(d, "XLSX-NUMBER", "Hoạt động!E2");
    assert_string_equal(f->found, "1.200");
    assert_int_equal(f->sev, BC_SEV_ERROR);
    if (sub) {
        f = finding_at(d, "KIND-UNKNOWN", "Tài sản trí tuệ!A3");
        assert_string_equal(f->found, "XYZ");
    }
    submission_free(sub);
    diag_free(d);
    free(path);

    /* without the count error, the rule findings point at the cells */
    static const sheet_def acts_ok = {
        "Hoạt động", 0,
        {{"Nhiệm vụ", "Ngày", "Loại hoạt động", "Tên hoạt động", "Số lớp",
          "Số người tham gia"},
         {"A3", "@2024-05-10", "tap-huan", "Tập huấn", "1200", "#45"}}};
    sheet_def s2[] = {info, records, acts_ok, version};
    path = write_book("bad2.xlsx", s2, BC_ARRAY_LEN(s2));
    d = diag_new();
    sub = NULL;
    st = run(path, d, &sub);
    assert_int_equal(st, BC_ERR_INVALID);
    f = finding_at(d, "KIND-UNKNOWN", "Tài sản trí tuệ!A3");
    assert_string_equal(f->found, "XYZ");
    assert_int_equal(f->sev, BC_SEV_ERROR);
    assert_no_finding(d, "XLSX-NUMBER");
    submission_free(sub);
    diag_free(d);
    free(path);
}

/* --- tolerances and refusals, one by one --------------------------------- */

/* A table that starts further right and lower, under headers typed with
 * odd case, spacing, NFD and a trailing note in parentheses; numbers
 * typed in the three usual styles. */
static void test_tolerances(void **state)
{
    (void)state;
    static const sheet_def budget = {
        "4. Kinh phi", 0,
        {{NULL},
         {NULL, NULL, "Đơn vị: Huyện Bắc Sơn"},
         {NULL, NULL, "  NHIỆM   VỤ ", "Kinh phi\xcc\x81 đươ\xcc\xa3" "c giao",
          "đã giải ngân (triệu đồng)*", "Ghi chú"},
         {NULL, NULL, "B9", "1,200.5", "1 000", "kiểu Anh"},
         {NULL, NULL, "B10", "#400", "12,5", NULL},
         {NULL, NULL, "B7", "12.000,5", "1.000,25", NULL}}};
    sheet_def s[] = {info, budget, version};
    char *path = write_book("tolerant.xlsx", s, BC_ARRAY_LEN(s));
    bc_diag *d = diag_new();
    submission *sub = NULL;
    bc_status st = run(path, d, &sub);
    if (st != BC_OK)
        dump(d);
    assert_int_equal(st, BC_OK);
    assert_int_equal(diag_count_sev(d, BC_SEV_ERROR), 0);
    assert_int_equal(sub->n_budget, 3);
    assert_string_equal(sub->budget[0].task.s, "B9");
    assert_string_equal(sub->budget[0].task.at.cell, "4. Kinh phi!C4");
    assert_int_equal(sub->budget[0].allocated_v, (bc_money)1200500000);
    assert_int_equal(sub->budget[0].disbursed_v, (bc_money)1000000000);
    assert_int_equal(sub->budget[1].allocated_v, (bc_money)400000000);
    assert_int_equal(sub->budget[1].disbursed_v, (bc_money)12500000);
    assert_int_equal(sub->budget[2].allocated_v, (bc_money)12000500000);
    assert_int_equal(sub->budget[2].disbursed_v, (bc_money)1000250000);
    submission_free(sub);
    diag_free(d);
    free(path);
}

/* Asserts a finding with this code at place, of severity error, with
 * the value as typed and what was expected. */
static void refused_at(const bc_diag *d, const char *code, const char *place,
                       const char *found, const char *expected)
{
    const bc_finding *f = finding_at(d, code, place);
    assert_int_equal(f->sev, BC_SEV_ERROR);
    if (found)
        assert_string_equal(f->found, found);
    else
        assert_null(f->found);
    assert_string_equal(f->expected, expected);
}

#define AMOUNT_EXP "số tiền (triệu đồng) như 1200 hoặc 1.200,5"
#define COUNT_EXP "số nguyên không âm, ví dụ 1200"
#define DATE_EXP "ngày dạng dd/mm/yyyy, ví dụ 05/03/2024"

/* What cannot be read safely is refused at its cell with the value as
 * typed and what was expected, never guessed.  The row is left out of the
 * document, so the schema does not trip over it and the plan rules still
 * report every other row. */
static void test_refusals(void **state)
{
    (void)state;
    static const sheet_def records = {
        "Tài sản trí tuệ", 0,
        {{"Loại đối tượng", "Tình trạng", "Số đơn", "Ngày nộp đơn"},
         {"NHTT", "Đã nộp đơn", "4-2024-01234", "31/02/2024"},
         {"NHTT", "Đã nộp đơn", "4-2024-01235", "#20240301"},
         {"NHTT", NULL, "4-2024-01236", "@2024-03-01"},
         {"XYZ", "Đã nộp đơn", "4-2024-01237", "@2024-03-02"},
         {"Loại đối tượng", "Tình trạng", "Số đơn", "Ngày nộp đơn"},
         {"NH", "Đã nộp đơn", "4-2024-01238", "!1"}}};
    static const sheet_def acts = {
        "Hoạt động", 0,
        {{"Nhiệm vụ", "Ngày", "Loại hoạt động", "Số lớp",
          "Số người tham gia"},
         {"A3", "@2024-05-10", "tap-huan", "1.200", "#45"},
         {"A3", "@2024-05-11", "tap-huan", "#1.5", "@2024-01-01"},
         {"A3", "@2024-05-12", "tap-huan", "=1+1|2", "45 người"}}};
    static const sheet_def budget = {
        "Kinh phí", 0,
        {{"Nhiệm vụ", "Kinh phí được giao (triệu đồng)", "Ghi chú"},
         {"B9", "#400", "thiếu cột giải ngân"}}};
    static const sheet_def budget_ok = {
        "Kinh phí", 0,
        {{"Nhiệm vụ", "Kinh phí được giao (triệu đồng)",
          "Đã giải ngân (triệu đồng)"},
         {"B9", "1.200", "abc"},
         {"B10", "#400", "1.000.5"},
         {"B7", "=200*2|400", "#100"}}};
    sheet_def s[] = {info, records, acts, budget, version};
    char *path = write_book("refused.xlsx", s, BC_ARRAY_LEN(s));
    bc_diag *d = diag_new();
    submission *sub = NULL;
    bc_status st = run(path, d, &sub);
    assert_int_equal(st, BC_ERR_INVALID);
    refused_at(d, "XLSX-DATE", "Tài sản trí tuệ!D2", "31/02/2024", DATE_EXP);
    refused_at(d, "XLSX-DATE", "Tài sản trí tuệ!D3", "20240301", DATE_EXP);
    refused_at(d, "XLSX-REQUIRED", "Tài sản trí tuệ!B4", NULL,
               "điền Tình trạng vào ô Tài sản trí tuệ!B4: một mục trong "
               "danh sách chọn của ô");
    refused_at(d, "XLSX-VALUE", "Tài sản trí tuệ!D7", "TRUE", DATE_EXP);
    refused_at(d, "XLSX-NUMBER", "Hoạt động!D2", "1.200", COUNT_EXP);
    refused_at(d, "XLSX-NUMBER", "Hoạt động!D3", "1.5", COUNT_EXP);
    refused_at(d, "XLSX-VALUE", "Hoạt động!E3", "01/01/2024", COUNT_EXP);
    refused_at(d, "XLSX-NUMBER", "Hoạt động!E4", "45 người", COUNT_EXP);
    const bc_finding *f = finding_at(d, "XLSX-COLUMN", "Kinh phí!A1");
    assert_int_equal(f->sev, BC_SEV_ERROR);
    assert_non_null(strstr(f->message, "Đã giải ngân (triệu đồng)"));
    /* the message names the column as the clerk's header spells it */
    f = finding_at(d, "XLSX-NUMBER", "Hoạt động!D2");
    assert_non_null(strstr(f->message, "(Số lớp)"));
    /* the other rows went through the rules: the repeated header row is
     * skipped, the unknown kind is reported at its cell */
    assert_non_null(sub);
    refused_at(d, "KIND-UNKNOWN", "Tài sản trí tuệ!A5", "XYZ",
               diag_get(d, diag_count(d) - 1)->expected);
    assert_int_equal(sub->n_records, 1);
    assert_string_equal(sub->records[0].application.s, "4-2024-01237");
    assert_int_equal(sub->n_activities, 0);
    assert_int_equal(sub->n_budget, 0);
    assert_no_finding(d, "XSD");
    /* exactly these: nothing reported twice */
    assert_int_equal(diag_count_sev(d, BC_SEV_ERROR), 10);
    submission_free(sub);
    diag_free(d);
    free(path);

    /* amounts: Vietnamese style read as such, a formula by its cached
     * value, what is not a number refused */
    sheet_def s2[] = {info, budget_ok, version};
    path = write_book("refused2.xlsx", s2, BC_ARRAY_LEN(s2));
    d = diag_new();
    sub = NULL;
    assert_int_equal(run(path, d, &sub), BC_ERR_INVALID);
    refused_at(d, "XLSX-NUMBER", "Kinh phí!C2", "abc", AMOUNT_EXP);
    refused_at(d, "XLSX-NUMBER", "Kinh phí!C3", "1.000.5", AMOUNT_EXP);
    assert_int_equal(diag_count_sev(d, BC_SEV_ERROR), 2);
    assert_int_equal(sub->n_budget, 1);
    assert_string_equal(sub->budget[0].task.s, "B7");
    assert_int_equal(sub->budget[0].allocated_v, (bc_money)400000000);
    submission_free(sub);
    diag_free(d);
    free(path);
}

static void test_not_a_form(void **state)
{
    (void)state;
    static const sheet_def other = {"Sheet1", 0, {{"x", "y"}}};
    sheet_def s[] = {other};
    char *path = write_book("other.xlsx", s, 1);
    bc_diag *d = diag_new();
    xmlDocPtr doc = NULL;
    assert_int_equal(ingest_xlsx(path, d, &doc), BC_ERR_INVALID);
    assert_null(doc);
    assert_finding(d, "XLSX-SHEET", NULL);
    diag_free(d);
    free(path);

    /* a form version this reader does not know */
    static const sheet_def v2 = {"_phien_ban", 1, {{"Phiên bản mẫu", "2"}}};
    sheet_def s2[] = {info, v2};
    path = write_book("v2.xlsx", s2, BC_ARRAY_LEN(s2));
    d = diag_new();
    assert_int_equal(ingest_xlsx(path, d, &doc), BC_ERR_INVALID);
    assert_null(doc);
    const bc_finding *f = assert_finding(d, "XLSX-VERSION", "2");
    assert_string_equal(f->place, "_phien_ban!B1");
    diag_free(d);
    free(path);

    /* a table sheet with data but no header row anywhere */
    static const sheet_def acts = {
        "Hoạt động", 0,
        {{"Tập huấn SHTT", "10/05/2024", "45"},
         {"Hội thảo", "12/06/2024", "60"}}};
    sheet_def s3[] = {info, acts, version};
    path = write_book("noheader.xlsx", s3, BC_ARRAY_LEN(s3));
    d = diag_new();
    assert_int_equal(ingest_xlsx(path, d, &doc), BC_OK);
    f = assert_finding(d, "XLSX-HEADER", "Hoạt động");
    assert_int_equal(f->sev, BC_SEV_ERROR);
    xmlFreeDoc(doc);
    doc = NULL;
    diag_free(d);
    free(path);

    d = diag_new();
    assert_int_equal(ingest_file("x.ods", d, &doc), BC_ERR_INVALID);
    assert_finding(d, "INGEST-FORMAT", "ods");
    diag_free(d);
}


/* --- workbooks other programs wrote (issue 14) ---------------------------- */

#define LO_DIR "tests/fixtures/lo"

/* The text of each <name> child of the items of list (records, ...) in
 * document order, into out (at most max); returns how many items. */
static size_t doc_fields(xmlDocPtr doc, const char *list, const char *name,
                         char **out, size_t max)
{
    size_t n = 0;
    for (xmlNodePtr l = xmlDocGetRootElement(doc)->children; l; l = l->next)
        if (l->type == XML_ELEMENT_NODE && xmlStrEqual(l->name, BAD_CAST list))
            for (xmlNodePtr it = l->children; it; it = it->next) {
                if (it->type != XML_ELEMENT_NODE)
                    continue;
                char *v = NULL;
                for (xmlNodePtr f = it->children; f; f = f->next)
                    if (f->type == XML_ELEMENT_NODE &&
                        xmlStrEqual(f->name, BAD_CAST name))
                        v = (char *)xmlNodeGetContent(f);
                if (n < max)
                    out[n] = v;
                else
                    xmlFree(v);
                n++;
            }
    return n;
}

static const char *const clerk_books[] = {"xlsx", "xls", "xlsm",
                                          "gnumeric.xls", "gnumeric.xlsx"};

/* The form edited as clerks do it, saved by LibreOffice (.xlsx, .xls,
 * .xlsm) and Gnumeric (.xls, .xlsx): read exactly as typed, every
 * habit noted, nothing refused. */
static void test_clerk_edits(void **state)
{
    (void)state;
    for (size_t k = 0; k < BC_ARRAY_LEN(clerk_books); k++) {
        char *path = bc_asprintf(LO_DIR "/clerk-edits.%s", clerk_books[k]);
        bc_diag *d = diag_new();
        submission *sub = NULL;
        bc_status st = run(path, d, &sub);
        if (st != BC_OK)
            dump(d);
        assert_int_equal(st, BC_OK);
        assert_int_equal(diag_count_sev(d, BC_SEV_ERROR), 0);

        /* 3: last year's hidden «Số đơn» (C) is named, never read */
        const bc_finding *f =
            finding_at(d, "XLSX-COLUMN-DUP", "Tài sản trí tuệ!C1");
        assert_int_equal(f->sev, BC_SEV_WARNING);
        assert_non_null(strstr(f->message, "cột C đang bị ẩn"));
        assert_int_equal(sub->n_records, 3);
        static const char *const apps[] = {"4-2024-01234", "4-2024-01235",
                                           "4-2024-01236"};
        static const char *const places[] = {"Cao Lộc", "Kỳ Lừa", "Đông Kinh"};
        static const char *const products[] = {"Ô mai", "Đào", "Quả na"};
        for (size_t i = 0; i < 3; i++) {
            assert_string_equal(sub->records[i].application.s, apps[i]);
            /* 5: short TCVN3 names converted like their columns */
            assert_string_equal(sub->records[i].place.s, places[i]);
            assert_string_equal(sub->records[i].product.s, products[i]);
        }
        /* 4: the owner merged over the first two records belongs to both;
         * the text LibreOffice keeps hidden in the covered cell J4 (the
         * clerk cannot see it) is never read */
        assert_string_equal(sub->records[0].owner.s, "Hợp tác xã Đông Kinh");
        assert_string_equal(sub->records[1].owner.s, "Hợp tác xã Đông Kinh");
        assert_string_equal(sub->records[1].owner.at.cell,
                            "Tài sản trí tuệ!J3");
        /* 6: a name in rich text (an RSTRING record in Gnumeric's .xls) */
        assert_string_equal(sub->records[2].name.s, "Na Chi Lăng loại 1");
        /* the row of column numbers (1) (2) … is not a record */
        assert_string_equal(sub->records[0].at.cell, "Tài sản trí tuệ!A3");

        /* 1: the second table's own header maps its columns */
        assert_int_equal(sub->n_activities, 2);
        assert_int_equal(sub->activities[1].classes_v, 2);
        assert_int_equal(sub->activities[1].participants_v, 70);
        assert_string_equal(sub->activities[1].participants.at.cell,
                            "Hoạt động!E6");

        /* 2: amounts in đồng under «(đồng)» labels, amounts typed with
         * their unit; the totals row of SUM formulas skipped */
        assert_int_equal(sub->n_budget, 2);
        assert_int_equal(sub->budget[0].allocated_v, (bc_money)400000000);
        assert_int_equal(sub->budget[0].disbursed_v, (bc_money)350500000);
        assert_int_equal(sub->budget[1].allocated_v, (bc_money)200000000);
        assert_int_equal(sub->budget[1].disbursed_v, (bc_money)150500000);
        f = finding_at(d, "XLSX-UNIT", "Kinh phí!B1");
        assert_int_equal(f->sev, BC_SEV_NOTE);
        assert_non_null(strstr(f->message, "bằng đồng"));
        f = finding_at(d, "XLSX-UNIT", "Kinh phí!C3");
        assert_string_equal(f->found, "150,5 tr");
        assert_int_equal(f->sev, BC_SEV_NOTE);

        /* .xlsm: read like .xlsx, with a note */
        if (!strcmp(clerk_books[k], "xlsm"))
            assert_int_equal(assert_finding(d, "XLSX-MACRO", NULL)->sev,
                             BC_SEV_NOTE);
        else
            assert_no_finding(d, "XLSX-MACRO");
        submission_free(sub);
        diag_free(d);
        free(path);
    }
}

/* What cannot be read safely in those programs' files is refused at its
 * cell, saying what to type instead. */
static void test_clerk_refused(void **state)
{
    (void)state;
    for (size_t k = 0; k < BC_ARRAY_LEN(clerk_books); k++) {
        char *path = bc_asprintf(LO_DIR "/clerk-refused.%s", clerk_books[k]);
        bc_diag *d = diag_new();
        submission *sub = NULL;
        assert_int_equal(run(path, d, &sub), BC_ERR_INVALID);
        /* 7: a lone application number under a blank row is a record
         * whose empty cells are refused, each at its own cell */
        const bc_finding *f =
            finding_at(d, "XLSX-REQUIRED", "Tài sản trí tuệ!A4");
        assert_non_null(strstr(f->expected, "điền Loại đối tượng"));
        finding_at(d, "XLSX-REQUIRED", "Tài sản trí tuệ!B4");
        /* two visible «Số lớp» columns: neither is chosen */
        f = finding_at(d, "XLSX-COLUMN-DUP", "Hoạt động!F1");
        assert_int_equal(f->sev, BC_SEV_ERROR);
        assert_non_null(strstr(f->message, "cột D và cột F"));
        /* «45.125» beside «1,200.125»: both readings named */
        f = finding_at(d, "XLSX-NUMBER-STYLE", "Kinh phí!C2");
        assert_string_equal(f->found, "45.125");
        assert_non_null(strstr(f->expected, "45.125"));
        assert_non_null(strstr(f->expected, "45,125"));
        /* an amount no task could have, naming the task */
        f = finding_at(d, "BUDGET-IMPLAUSIBLE", "Kinh phí!B3");
        assert_non_null(strstr(f->message, "nhiệm vụ B10"));
        assert_non_null(sub);
        assert_int_equal(sub->n_activities, 0);
        /* the line read on a guess is left out: no rule runs on it */
        assert_no_finding(d, "BUDGET-OVER");
        assert_int_equal(sub->n_budget, 1);
        assert_string_equal(sub->budget[0].task.s, "B10");
        assert_int_equal(diag_count_sev(d, BC_SEV_ERROR), 5);
        submission_free(sub);
        diag_free(d);
        free(path);
    }
}

/* A date the row's status asks for, left empty: refused at the empty
 * cell in the form's words (never «<granted>» at the row's first cell). */
static void test_status_date_missing(void **state)
{
    (void)state;
    static const sheet_def records = {
        "Tài sản trí tuệ", 0,
        {{"Loại đối tượng", "Tình trạng", "Số đơn", "Ngày nộp đơn",
          "Ngày cấp bằng", "Số văn bằng"},
         {"NHTT", "Đã cấp văn bằng", "4-2023-01234", "@2023-03-01", NULL,
          "12345"},
         {"NHTT", "Đã nộp đơn", "4-2024-01235", NULL},
         {"NHTT", "Đã nộp đơn", "4-2024-01236", "@2024-03-01"}}};
    sheet_def s[] = {info, records, version};
    char *path = write_book("status-date.xlsx", s, BC_ARRAY_LEN(s));
    bc_diag *d = diag_new();
    submission *sub = NULL;
    assert_int_equal(run(path, d, &sub), BC_ERR_INVALID);
    const bc_finding *f =
        finding_at(d, "XLSX-REQUIRED", "Tài sản trí tuệ!E2");
    assert_non_null(strstr(f->message, "«Đã cấp văn bằng»"));
    assert_non_null(strstr(f->message, "Ngày cấp bằng"));
    assert_null(strstr(f->message, "granted"));
    assert_non_null(strstr(f->expected, "điền Ngày cấp bằng vào ô"));
    f = finding_at(d, "XLSX-REQUIRED", "Tài sản trí tuệ!D3");
    assert_non_null(strstr(f->message, "Ngày nộp đơn"));
    assert_no_finding(d, "REC-DATE-MISSING");
    assert_int_equal(diag_count_sev(d, BC_SEV_ERROR), 2);
    assert_int_equal(sub->n_records, 1);
    submission_free(sub);
    diag_free(d);
    free(path);
}

/* Under a blank row: a lone value in a column of the table is data (its
 * empty cells refused), a note line or signature is not, a title is
 * not when a header row follows it. */
static void test_lone_values(void **state)
{
    (void)state;
    static const sheet_def records = {
        "Tài sản trí tuệ", 0,
        {{"Loại đối tượng", "Tình trạng", "Số đơn", "Ngày nộp đơn",
          "Tên đối tượng"},
         {"NHTT", "Đã nộp đơn", "4-2024-01234", "@2024-03-01"},
         {NULL},
         {NULL, NULL, NULL, NULL, "Nguồn Sống"},
         {NULL},
         {"Bảng bổ sung"},
         {"Số đơn", "Loại đối tượng", "Tình trạng", "Ngày nộp đơn"},
         {"4-2024-01235", "NHTT", "Đã nộp đơn", "@2024-03-02"},
         {NULL},
         {"Người lập biểu"},
         {"Nguyễn Văn An"},
         {NULL},
         {"Lạng Sơn, ngày 10 tháng 12 năm 2024"}}};
    sheet_def s[] = {info, records, version};
    char *path = write_book("lone.xlsx", s, BC_ARRAY_LEN(s));
    bc_diag *d = diag_new();
    submission *sub = NULL;
    assert_int_equal(run(path, d, &sub), BC_ERR_INVALID);
    finding_at(d, "XLSX-REQUIRED", "Tài sản trí tuệ!A4");
    finding_at(d, "XLSX-REQUIRED", "Tài sản trí tuệ!C4");
    assert_int_equal(diag_count_sev(d, BC_SEV_ERROR), 3); /* A4 B4 C4 */
    assert_int_equal(sub->n_records, 2);
    assert_string_equal(sub->records[1].application.s, "4-2024-01235");
    assert_string_equal(sub->records[1].application.at.cell,
                        "Tài sản trí tuệ!A8");
    submission_free(sub);
    diag_free(d);
    free(path);
}

/* A data row the clerk hid is read as typed, but never silently: a
 * warning names the row (as for a hidden column). */
static void test_hidden_row(void **state)
{
    (void)state;
    static const sheet_def records = {
        "Tài sản trí tuệ", 0,
        {{"Loại đối tượng", "Tình trạng", "Số đơn", "Ngày nộp đơn"},
         {"NHTT", "Đã nộp đơn", "4-2024-01234", "@2024-03-01"},
         {"NHTT", "Đã nộp đơn", "4-2024-01235", "@2024-03-02"}}};
    sheet_def s[] = {info, records, version};
    char *path = write_book_rows("hidden-row.xlsx", s, BC_ARRAY_LEN(s), 1, 2);
    bc_diag *d = diag_new();
    submission *sub = NULL;
    assert_int_equal(run(path, d, &sub), BC_OK);
    const bc_finding *f = finding_at(d, "XLSX-ROW-HIDDEN", "Tài sản trí tuệ!A3");
    assert_int_equal(f->sev, BC_SEV_WARNING);
    assert_int_equal(diag_count_sev(d, BC_SEV_WARNING), 1);
    assert_int_equal(sub->n_records, 2);
    submission_free(sub);
    diag_free(d);
    free(path);
}

/* «1,200» is 1,2 the Vietnamese way and 1.200 the English way: in a
 * file that writes «2,500.5», both readings are named. */
static void test_decimal_styles(void **state)
{
    (void)state;
    static const sheet_def budget = {
        "Kinh phí", 0,
        {{"Nhiệm vụ", "Kinh phí được giao (triệu đồng)",
          "Đã giải ngân (triệu đồng)"},
         {"B9", "2,500.5", "1,200"},
         {"B10", "#400", "#300"}}};
    sheet_def s[] = {info, budget, version};
    char *path = write_book("styles.xlsx", s, BC_ARRAY_LEN(s));
    bc_diag *d = diag_new();
    submission *sub = NULL;
    assert_int_equal(run(path, d, &sub), BC_ERR_INVALID);
    const bc_finding *f = finding_at(d, "XLSX-NUMBER-STYLE", "Kinh phí!C2");
    assert_string_equal(f->found, "1,200");
    assert_non_null(strstr(f->expected, "dấu phẩy thập phân): 1,2 hoặc "
                                        "1.200"));
    assert_non_null(strstr(f->message, "ô Kinh phí!B2 ghi «2,500.5»"));
    assert_int_equal(diag_count_sev(d, BC_SEV_ERROR), 1);
    assert_int_equal(sub->n_budget, 1);
    assert_string_equal(sub->budget[0].task.s, "B10");
    submission_free(sub);
    diag_free(d);
    free(path);
}

/* Units stated where clerks state them: "Đơn vị tính: đồng" above a
 * table whose labels state none; labels typed in TCVN3 ((®ång) is
 * (đồng)).  400.000.000 and 350.500.000 đồng (or 350.500 nghìn) are 400
 * and 350,5 triệu đồng, with a note saying where the unit was read. */
static void test_stated_units(void **state)
{
    (void)state;
    static const sheet_def by_line = {
        "Kinh phí", 0,
        {{"BÁO CÁO KINH PHÍ NĂM 2024"},
         {NULL, NULL, "Đơn vị tính: đồng"},
         {"Nhiệm vụ", "Kinh phí được giao", "Đã giải ngân"},
         {"B9", "#400000000", "350.500.000"},
         /* the header again, as on a new page: nothing new to say */
         {"Nhiệm vụ", "Kinh phí được giao", "Đã giải ngân"},
         {"B10", "#200000000", "#0"}}};
    static const sheet_def in_tcvn3 = {
        "Kinh phí", 0,
        {{"NhiÖm vô", /* TCVN3 (.VnTime): Nhiệm vụ, Kinh phí được giao
                       * (đồng), Đã giải ngân (nghìn đồng) */
          "Kinh phÝ ®\xc2\xad" "îc giao (®ång)",
          "§· gi¶i ng©n (ngh×n ®ång)"},
         {"B9", "#400000000", "#350500"}}};
    static const struct {
        const sheet_def *budget;
        const char *place, *says;
        size_t lines, notes;
    } cases[] = {
        {&by_line, "Kinh phí!B3", "«Đơn vị tính: đồng» ở ô Kinh phí!C2", 2,
         2},
        {&in_tcvn3, "Kinh phí!C1", "nghìn đồng", 1, 2},
    };
    for (size_t i = 0; i < BC_ARRAY_LEN(cases); i++) {
        sheet_def s[] = {info, *cases[i].budget, version};
        char *path = write_book("units.xlsx", s, BC_ARRAY_LEN(s));
        bc_diag *d = diag_new();
        submission *sub = NULL;
        bc_status st = run(path, d, &sub);
        if (st != BC_OK)
            dump(d);
        assert_int_equal(st, BC_OK);
        assert_int_equal(sub->n_budget, cases[i].lines);
        assert_int_equal(sub->budget[0].allocated_v, (bc_money)400000000);
        assert_int_equal(sub->budget[0].disbursed_v, (bc_money)350500000);
        const bc_finding *f = finding_at(d, "XLSX-UNIT", cases[i].place);
        assert_non_null(strstr(f->message, cases[i].says));
        size_t notes = 0;
        for (size_t k = 0; k < diag_count(d); k++)
            notes += !strcmp(diag_get(d, k)->code, "XLSX-UNIT");
        assert_int_equal(notes, cases[i].notes);
        submission_free(sub);
        diag_free(d);
        free(path);
    }
}

/* A sheet whose only legacy texts are short ones that read as Unicode
 * too: decided by the sheets read before it (the contact typed in TCVN3
 * on «Thông tin chung»). */
static void test_legacy_by_workbook(void **state)
{
    (void)state;
    static const sheet_def info_t3 = {
        "Thông tin chung", 0,
        {{"Nội dung", "Giá trị"},
         {"Mã đơn vị", "185"},
         {"Năm báo cáo", "#2024"},
         {"Người lập báo cáo", "Hoµng ThÞ Mai"},
         {"Chức vụ", "Chuyªn viªn"}}};
    static const sheet_def records = {
        "Tài sản trí tuệ", 0,
        {{"Loại đối tượng", "Tình trạng", "Số đơn", "Ngày nộp đơn",
          "Địa chỉ/địa bàn"},
         {"NHTT", "Đã nộp đơn", "4-2024-01234", "@2024-03-01", "Cao Léc"}}};
    sheet_def s[] = {info_t3, records, version};
    char *path = write_book("by-book.xlsx", s, BC_ARRAY_LEN(s));
    bc_diag *d = diag_new();
    submission *sub = NULL;
    bc_status st = run(path, d, &sub);
    if (st != BC_OK)
        dump(d);
    assert_int_equal(st, BC_OK);
    assert_string_equal(sub->contact_name.s, "Hoàng Thị Mai");
    assert_string_equal(sub->records[0].place.s, "Cao Lộc");
    finding_at(d, "TEXT-LEGACY", "Tài sản trí tuệ!E2");
    submission_free(sub);
    diag_free(d);
    free(path);
}

/* Formulas saved without their computed result (as some programs write
 * them): the «Tổng cộng» row is skipped as ever; in a data cell the
 * formula is refused in words a clerk understands. */
static void test_formula_without_result(void **state)
{
    (void)state;
    static const sheet_def budget = {
        "Kinh phí", 0,
        {{"Nhiệm vụ", "Kinh phí được giao (triệu đồng)",
          "Đã giải ngân (triệu đồng)"},
         {"B9", "#400", "#300"},
         {"B10", "#200", "#100"},
         {"Tổng cộng", "#600", "#400"}}};
    sheet_def s[] = {info, budget, version};
    char *path = write_book("formula.xlsx", s, BC_ARRAY_LEN(s));
    xf_book *b = xf_open(path);
    size_t k = xf_sheet(b, "Kinh phí");
    xf_put_formula(b, k, "B4", "SUM(B2:B3)");
    xf_put_formula(b, k, "C4", "SUM(C2:C3)");
    xf_put_formula(b, k, "C3", "B3/2");
    xf_close(b);
    bc_diag *d = diag_new();
    submission *sub = NULL;
    assert_int_equal(run(path, d, &sub), BC_ERR_INVALID);
    const bc_finding *f = finding_at(d, "XLSX-VALUE", "Kinh phí!C3");
    assert_non_null(strstr(f->message, "công thức"));
    assert_non_null(strstr(f->expected, "lưu lại"));
    assert_int_equal(diag_count_sev(d, BC_SEV_ERROR), 1);
    assert_int_equal(sub->n_budget, 1);
    assert_string_equal(sub->budget[0].task.s, "B9");
    submission_free(sub);
    diag_free(d);
    free(path);
}

/* Each Vietnamese letter: as Unicode, as TCVN3 arrives (its bytes as
 * Latin-1), as VNI arrives, and as reading TCVN3 back gives it (TCVN3
 * has capitals only for Ă Â Ê Ô Ơ Ư Đ: other capitals are typed with the
 * lower-case code and come back in lower case).  Written from the
 * encodings' tables, independently of text.c. */
static const struct {
    const char *u, *tcvn3, *vni, *tcvn3_back;
} legacy_letters[] = {
    {"À", "µ", "AØ", "à"}, {"Á", "¸", "AÙ", "á"}, {"Â", "¢", "AÂ", "Â"},
    {"Ã", "·", "AÕ", "ã"}, {"È", "Ì", "EØ", "è"}, {"É", "Ð", "EÙ", "é"},
    {"Ê", "£", "EÂ", "Ê"}, {"Ì", "×", "Ì", "ì"}, {"Í", "Ý", "Í", "í"},
    {"Ò", "ß", "OØ", "ò"}, {"Ó", "ã", "OÙ", "ó"}, {"Ô", "¤", "OÂ", "Ô"},
    {"Õ", "â", "OÕ", "õ"}, {"Ù", "ï", "UØ", "ù"}, {"Ú", "ó", "UÙ", "ú"},
    {"Ý", "ý", "YÙ", "ý"}, {"à", "µ", "aø", "à"}, {"á", "¸", "aù", "á"},
    {"â", "©", "aâ", "â"}, {"ã", "·", "aõ", "ã"}, {"è", "Ì", "eø", "è"},
    {"é", "Ð", "eù", "é"}, {"ê", "ª", "eâ", "ê"}, {"ì", "×", "ì", "ì"},
    {"í", "Ý", "í", "í"}, {"ò", "ß", "oø", "ò"}, {"ó", "ã", "où", "ó"},
    {"ô", "«", "oâ", "ô"}, {"õ", "â", "oõ", "õ"}, {"ù", "ï", "uø", "ù"},
    {"ú", "ó", "uù", "ú"}, {"ý", "ý", "yù", "ý"}, {"Ă", "¡", "AÊ", "Ă"},
    {"ă", "¨", "aê", "ă"}, {"Đ", "§", "Ñ", "Đ"}, {"đ", "®", "ñ", "đ"},
    {"Ĩ", "Ü", "Ó", "ĩ"}, {"ĩ", "Ü", "ó", "ĩ"}, {"Ũ", "ò", "UÕ", "ũ"},
    {"ũ", "ò", "uõ", "ũ"}, {"Ơ", "¥", "Ô", "Ơ"}, {"ơ", "¬", "ô", "ơ"},
    {"Ư", "¦", "Ö", "Ư"}, {"ư", "\xc2\xad" "", "ö", "ư"},
    {"Ạ", "¹", "AÏ", "ạ"}, {"ạ", "¹", "aï", "ạ"}, {"Ả", "¶", "AÛ", "ả"},
    {"ả", "¶", "aû", "ả"}, {"Ấ", "Ê", "AÁ", "ấ"}, {"ấ", "Ê", "aá", "ấ"},
    {"Ầ", "Ç", "AÀ", "ầ"}, {"ầ", "Ç", "aà", "ầ"}, {"Ẩ", "È", "AÅ", "ẩ"},
    {"ẩ", "È", "aå", "ẩ"}, {"Ẫ", "É", "AÃ", "ẫ"}, {"ẫ", "É", "aã", "ẫ"},
    {"Ậ", "Ë", "AÄ", "ậ"}, {"ậ", "Ë", "aä", "ậ"}, {"Ắ", "¾", "AÉ", "ắ"},
    {"ắ", "¾", "aé", "ắ"}, {"Ằ", "»", "AÈ", "ằ"}, {"ằ", "»", "aè", "ằ"},
    {"Ẳ", "¼", "AÚ", "ẳ"}, {"ẳ", "¼", "aú", "ẳ"}, {"Ẵ", "½", "AÜ", "ẵ"},
    {"ẵ", "½", "aü", "ẵ"}, {"Ặ", "Æ", "AË", "ặ"}, {"ặ", "Æ", "aë", "ặ"},
    {"Ẹ", "Ñ", "EÏ", "ẹ"}, {"ẹ", "Ñ", "eï", "ẹ"}, {"Ẻ", "Î", "EÛ", "ẻ"},
    {"ẻ", "Î", "eû", "ẻ"}, {"Ẽ", "Ï", "EÕ", "ẽ"}, {"ẽ", "Ï", "eõ", "ẽ"},
    {"Ế", "Õ", "EÁ", "ế"}, {"ế", "Õ", "eá", "ế"}, {"Ề", "Ò", "EÀ", "ề"},
    {"ề", "Ò", "eà", "ề"}, {"Ể", "Ó", "EÅ", "ể"}, {"ể", "Ó", "eå", "ể"},
    {"Ễ", "Ô", "EÃ", "ễ"}, {"ễ", "Ô", "eã", "ễ"}, {"Ệ", "Ö", "EÄ", "ệ"},
    {"ệ", "Ö", "eä", "ệ"}, {"Ỉ", "Ø", "Æ", "ỉ"}, {"ỉ", "Ø", "æ", "ỉ"},
    {"Ị", "Þ", "Ò", "ị"}, {"ị", "Þ", "ò", "ị"}, {"Ọ", "ä", "OÏ", "ọ"},
    {"ọ", "ä", "oï", "ọ"}, {"Ỏ", "á", "OÛ", "ỏ"}, {"ỏ", "á", "oû", "ỏ"},
    {"Ố", "è", "OÁ", "ố"}, {"ố", "è", "oá", "ố"}, {"Ồ", "å", "OÀ", "ồ"},
    {"ồ", "å", "oà", "ồ"}, {"Ổ", "æ", "OÅ", "ổ"}, {"ổ", "æ", "oå", "ổ"},
    {"Ỗ", "ç", "OÃ", "ỗ"}, {"ỗ", "ç", "oã", "ỗ"}, {"Ộ", "é", "OÄ", "ộ"},
    {"ộ", "é", "oä", "ộ"}, {"Ớ", "í", "ÔÙ", "ớ"}, {"ớ", "í", "ôù", "ớ"},
    {"Ờ", "ê", "ÔØ", "ờ"}, {"ờ", "ê", "ôø", "ờ"}, {"Ở", "ë", "ÔÛ", "ở"},
    {"ở", "ë", "ôû", "ở"}, {"Ỡ", "ì", "ÔÕ", "ỡ"}, {"ỡ", "ì", "ôõ", "ỡ"},
    {"Ợ", "î", "ÔÏ", "ợ"}, {"ợ", "î", "ôï", "ợ"}, {"Ụ", "ô", "UÏ", "ụ"},
    {"ụ", "ô", "uï", "ụ"}, {"Ủ", "ñ", "UÛ", "ủ"}, {"ủ", "ñ", "uû", "ủ"},
    {"Ứ", "ø", "ÖÙ", "ứ"}, {"ứ", "ø", "öù", "ứ"}, {"Ừ", "õ", "ÖØ", "ừ"},
    {"ừ", "õ", "öø", "ừ"}, {"Ử", "ö", "ÖÛ", "ử"}, {"ử", "ö", "öû", "ử"},
    {"Ữ", "÷", "ÖÕ", "ữ"}, {"ữ", "÷", "öõ", "ữ"}, {"Ự", "ù", "ÖÏ", "ự"},
    {"ự", "ù", "öï", "ự"}, {"Ỳ", "ú", "YØ", "ỳ"}, {"ỳ", "ú", "yø", "ỳ"},
    {"Ỵ", "þ", "Î", "ỵ"}, {"ỵ", "þ", "î", "ỵ"}, {"Ỷ", "û", "YÛ", "ỷ"},
    {"ỷ", "û", "yû", "ỷ"}, {"Ỹ", "ü", "YÕ", "ỹ"}, {"ỹ", "ü", "yõ", "ỹ"},
};

/* word typed in enc (1 TCVN3, 2 VNI), or (3) as reading its TCVN3
 * form back gives it; malloc'ed. */
static char *legacy_encode(const char *word, int enc)
{
    bc_strbuf sb = BC_STRBUF_INIT;
    for (const char *p = word; *p;) {
        size_t best = 0, at = 0;
        for (size_t i = 0; i < BC_ARRAY_LEN(legacy_letters); i++) {
            size_t n = strlen(legacy_letters[i].u);
            if (n > best && !strncmp(p, legacy_letters[i].u, n)) {
                best = n;
                at = i;
            }
        }
        if (best) {
            sb_adds(&sb, enc == 1   ? legacy_letters[at].tcvn3
                         : enc == 2 ? legacy_letters[at].vni
                                    : legacy_letters[at].tcvn3_back);
            p += best;
        } else {
            sb_addc(&sb, *p++);
        }
    }
    char *s = bc_strdup(sb_str(&sb));
    sb_release(&sb);
    return s;
}

/* Adds the words of s that hold a letter outside ASCII to words (unique). */
static void add_words(const char *s, char **words, size_t *n, size_t max)
{
    if (!s)
        return;
    char *copy = bc_strdup(s);
    for (char *w = strtok(copy, " ,.;:()/-\"'"); w;
         w = strtok(NULL, " ,.;:()/-\"'")) {
        int wide = 0;
        for (const char *p = w; *p; p++)
            wide |= (unsigned char)*p >= 0x80;
        /* quotation marks (“ ” « ») are not part of a syllable */
        int seen = !wide || strstr(w, "\xe2\x80") || strstr(w, "\xc2\xab") ||
                   strstr(w, "\xc2\xbb");
        for (size_t i = 0; i < *n && !seen; i++)
            seen = !strcmp(words[i], w);
        if (!seen && *n < max)
            words[(*n)++] = bc_strdup(w);
    }
    free(copy);
}

/* 5: every syllable of the plan's unit and product names, typed in TCVN3
 * and in VNI in a column of place names (one a row, the first row a long
 * name that shows the encoding), comes back as typed; in a column that
 * also holds Unicode, a syllable that reads both ways is refused, never
 * passed on as mojibake. */
static void test_legacy_syllables(void **state)
{
    (void)state;
    enum { MAX_WORDS = 1024 };
    char *words[MAX_WORDS];
    size_t n = 0;
    for (size_t i = 0; i < P->n_units; i++) {
        add_words(P->units[i].name, words, &n, MAX_WORDS);
        add_words(P->units[i].short_name, words, &n, MAX_WORDS);
    }
    for (size_t i = 0; i < P->n_protected; i++) {
        add_words(P->protected_[i].name, words, &n, MAX_WORDS);
        add_words(P->protected_[i].product, words, &n, MAX_WORDS);
    }
    assert_true(n > 50 && n < MAX_WORDS);
    for (int enc = 1; enc <= 2; enc++)
        for (int mixed = 0; mixed <= 1; mixed++) {
            char *path = bc_path_join(tmpdir, "syllables.xlsx");
            lxw_workbook *wb = workbook_new(path);
            lxw_worksheet *ws = workbook_add_worksheet(wb, "Thông tin chung");
            for (int r = 0; info.cells[r][0]; r++)
                for (int c = 0; c < 2; c++)
                    if (info.cells[r][c] && info.cells[r][c][0] != '#' &&
                        info.cells[r][c][0] != '@')
                        worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c,
                                               info.cells[r][c], NULL);
            worksheet_write_number(ws, 3, 1, 2024, NULL);
            ws = workbook_add_worksheet(wb, "Tài sản trí tuệ");
            static const char *const head[] = {"Loại đối tượng", "Tình trạng",
                                               "Số đơn", "Ngày nộp đơn",
                                               "Địa chỉ/địa bàn"};
            for (int c = 0; c < 5; c++)
                worksheet_write_string(ws, 0, (lxw_col_t)c, head[c], NULL);
            char *first = legacy_encode("Hợp tác xã Đồng Đăng", enc);
            for (size_t i = 0; i <= n + (size_t)mixed; i++) {
                lxw_row_t r = (lxw_row_t)(i + 1);
                char app[32];
                snprintf(app, sizeof app, "4-2024-%05zu", i + 1);
                worksheet_write_string(ws, r, 0, "NHTT", NULL);
                worksheet_write_string(ws, r, 1, "Đã nộp đơn", NULL);
                worksheet_write_string(ws, r, 2, app, NULL);
                worksheet_write_string(ws, r, 3, "01/03/2024", NULL);
                char *w = i == 0   ? bc_strdup(first)
                          : i <= n ? legacy_encode(words[i - 1], enc)
                                   : bc_strdup("Cửa khẩu Tân Thanh");
                worksheet_write_string(ws, r, 4, w, NULL);
                free(w);
            }
            free(first);
            assert_int_equal(workbook_close(wb), LXW_NO_ERROR);

            bc_diag *d = diag_new();
            xmlDocPtr doc = NULL;
            if (ingest_xlsx(path, d, &doc) != BC_OK) {
                dump(d);
                fail();
            }
            /* got[i]: the place read on the row of word i (row i + 2,
             * application number i + 1), NULL when the row was refused */
            char **got = calloc(n + 2, sizeof *got);
            char **apps = calloc(n + 2, sizeof *apps);
            char **vals = calloc(n + 2, sizeof *vals);
            size_t items = doc_fields(doc, "records", "application", apps,
                                      n + 2);
            assert_int_equal(doc_fields(doc, "records", "place", vals, n + 2),
                             items);
            for (size_t i = 0; i < items && i < n + 2; i++) {
                size_t no = strtoul(apps[i] + 7, NULL, 10);
                assert_true(no >= 1 && no <= n + 2);
                got[no - 1] = vals[i];
                xmlFree(apps[i]);
            }
            free(apps);
            free(vals);
            size_t refused = 0;
            for (size_t i = 1; i <= n; i++) {
                char *typed = legacy_encode(words[i - 1], enc);
                char *want = enc == 1 ? legacy_encode(words[i - 1], 3)
                                      : bc_strdup(words[i - 1]);
                if (!got[i]) {
                    /* refused at its cell; unmixed, only the plan's own
                     * misspelling (printed "Qủa", a tone no syllable has
                     * there) */
                    char place[48];
                    snprintf(place, sizeof place, "Tài sản trí tuệ!E%zu",
                             i + 2);
                    finding_at(d, "TEXT-ENCODING", place);
                    if (!mixed && strcmp(words[i - 1], "Qủa") != 0)
                        fail_msg("%s «%s» refused", enc == 1 ? "TCVN3" : "VNI",
                                 words[i - 1]);
                    refused++;
                } else if (strcmp(got[i], want) != 0 &&
                           (!mixed || strcmp(got[i], typed) == 0)) {
                    /* unmixed: exactly as typed; mixed: never mojibake */
                    fail_msg("%s «%s»: read «%s», typed «%s»",
                             enc == 1 ? "TCVN3" : "VNI", words[i - 1],
                             got[i], want);
                }
                free(typed);
                free(want);
            }
            assert_true(mixed ? refused > 0 : refused <= 1);
            for (size_t i = 0; i < n + 2; i++)
                xmlFree(got[i]);
            free(got);
            xmlFreeDoc(doc);
            diag_free(d);
            free(path);
        }
    for (size_t i = 0; i < n; i++)
        free(words[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_official),
        cmocka_unit_test(test_variants),
        cmocka_unit_test(test_findings_at_cells),
        cmocka_unit_test(test_tolerances),
        cmocka_unit_test(test_renamed_sheets),
        cmocka_unit_test(test_exponent_numbers),
        cmocka_unit_test(test_legacy_text),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_not_a_form),
        cmocka_unit_test(test_clerk_edits),
        cmocka_unit_test(test_clerk_refused),
        cmocka_unit_test(test_formula_without_result),
        cmocka_unit_test(test_stated_units),
        cmocka_unit_test(test_legacy_by_workbook),
        cmocka_unit_test(test_status_date_missing),
        cmocka_unit_test(test_lone_values),
        cmocka_unit_test(test_hidden_row),
        cmocka_unit_test(test_decimal_styles),
        cmocka_unit_test(test_legacy_syllables),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
