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

static char *write_book(const char *file, const sheet_def *sheets, size_t n)
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
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
