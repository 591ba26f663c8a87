/* test_form.c - the submission workbook (form.c) against docs/forms.md. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <zip.h>

#include "form.h"
#include "plan.h"
#include "util.h"

/* libxlsxwriter 1.1.4 loses the copy of a list validation's source formula
 * (worksheet_data_validation_range, a few bytes per dropdown): not ours. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
    return "fast_unwind_on_malloc=0"; /* full stacks for the suppression */
}
const char *__lsan_default_options(void);
const char *__lsan_default_options(void)
{
    return "print_suppressions=0";
}
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:worksheet_data_validation_range\n";
}

static char tmpdir[] = "/tmp/bc-test-form-XXXXXX";
static plan *P;

static int setup(void **state)
{
    (void)state;
    bc_diag *d = diag_new();
    if (!d)
        return -1;
    bc_status st = plan_load("templates/plan/de-an-2030.xml",
                             "templates/schema/plan.xsd", d, &P);
    diag_free(d);
    if (st != BC_OK)
        return -1;
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char **names = NULL;
    size_t n = 0;
    if (bc_list_dir(tmpdir, &names, &n) == BC_OK) {
        for (size_t i = 0; i < n; i++) {
            char *p = bc_path_join(tmpdir, names[i]);
            if (p)
                remove(p);
            free(p);
        }
        bc_free_names(names);
    }
    rmdir(tmpdir);
    plan_free(P);
    return 0;
}

/* The whole text of one zip entry; caller frees. */
static char *zip_text(const char *path, const char *entry)
{
    int err = 0;
    zip_t *z = zip_open(path, ZIP_RDONLY, &err);
    assert_non_null(z);
    zip_stat_t zs;
    zip_stat_init(&zs);
    if (zip_stat(z, entry, 0, &zs) != 0) {
        zip_close(z);
        fail_msg("no entry %s", entry);
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

static char *write_form(const char *unit, int year, const char *name,
                        bc_diag *d, bc_status *st)
{
    char *path = bc_path_join(tmpdir, name);
    assert_non_null(path);
    *st = form_write(P, unit, year, path, d);
    return path;
}

static void assert_has(const char *hay, const char *needle)
{
    if (!strstr(hay, needle))
        fail_msg("missing: %s", needle);
}

static void test_layout(void **state)
{
    (void)state;
    bc_diag *d = diag_new();
    bc_status st;
    char *path = write_form("185", 2024, "a.xlsx", d, &st);
    assert_int_equal(st, BC_OK);
    assert_int_equal(diag_count(d), 0);

    char *wb = zip_text(path, "xl/workbook.xml");
    static const char *const sheets[] = {
        "<sheet name=\"Hướng dẫn\" sheetId=\"1\"",
        "<sheet name=\"Thông tin chung\" sheetId=\"2\"",
        "<sheet name=\"Tài sản trí tuệ\" sheetId=\"3\"",
        "<sheet name=\"Hoạt động\" sheetId=\"4\"",
        "<sheet name=\"Hỗ trợ nhãn hiệu\" sheetId=\"5\"",
        "<sheet name=\"Kinh phí\" sheetId=\"6\"",
        "<sheet name=\"Thuyết minh\" sheetId=\"7\"",
        "<sheet name=\"_danh_muc\" sheetId=\"8\" state=\"hidden\"",
        "<sheet name=\"_phien_ban\" sheetId=\"9\" state=\"hidden\"",
    };
    for (size_t i = 0; i < BC_ARRAY_LEN(sheets); i++)
        assert_has(wb, sheets[i]);
    free(wb);

    char *ss = zip_text(path, "xl/sharedStrings.xml");
    static const char *const labels[] = {
        "Loại đối tượng", "Tình trạng", "Số đơn", "Ngày nộp đơn",
        "Ngày cấp bằng", "Số văn bằng", "Tên đối tượng", "Sản phẩm",
        "Chủ sở hữu", "Địa chỉ/địa bàn", "Nhiệm vụ Đề án", "Nhiệm vụ",
        "Ngày", "Loại hoạt động", "Tên hoạt động", "Số lớp",
        "Số người tham gia", "Nhãn hiệu", "Loại", "Nội dung",
        "Kinh phí được giao (triệu đồng)", "Đã giải ngân (triệu đồng)",
        "Ghi chú", "Mã đơn vị", "Tên đơn vị", "Năm báo cáo",
        "Ngày báo cáo", "Người lập báo cáo", "Chức vụ", "Điện thoại",
        "Thư điện tử", "Kết quả", "Khó khăn", "Kiến nghị",
        "NHTT - nhãn hiệu tập thể", "Đã nộp đơn", "Đã cấp văn bằng",
        "Bị từ chối", "tap-huan - lớp tập huấn, bồi dưỡng", "Phiên bản mẫu",
    };
    for (size_t i = 0; i < BC_ARRAY_LEN(labels); i++) {
        char *t = bc_asprintf("<t>%s</t>", labels[i]);
        assert_has(ss, t);
        free(t);
    }
    assert_has(ss, "<t>A1 - ");
    assert_has(ss, "<t>B9 - ");
    free(ss);

    /* Thông tin chung: unit code in B2, year in B3 */
    char *gen = zip_text(path, "xl/worksheets/sheet2.xml");
    assert_has(gen, "<c r=\"B2\"");
    assert_has(gen, "<c r=\"B4\" s=\"");
    assert_has(gen, "<v>2024</v>");
    assert_has(gen, "<sheetProtection ");
    assert_has(gen, "sqref=\"B5\"");
    free(gen);

    /* records: dropdowns and dates over the 200 input rows, protected */
    char *rec = zip_text(path, "xl/worksheets/sheet3.xml");
    assert_has(rec, "<dataValidation type=\"list\"");
    assert_has(rec, "sqref=\"A2:A201\"");
    assert_has(rec, "<formula1>'_danh_muc'!$A$2:$A$9</formula1>");
    assert_has(rec, "<formula1>'_danh_muc'!$C$2:$C$4</formula1>");
    assert_has(rec, "<dataValidation type=\"date\"");
    assert_has(rec, "sqref=\"D2:D201\"");
    assert_has(rec, "<sheetProtection ");
    assert_has(rec, "<c r=\"K201\"");
    free(rec);

    char *bud = zip_text(path, "xl/worksheets/sheet6.xml");
    assert_has(bud, "<dataValidation type=\"decimal\"");
    assert_has(bud, "sqref=\"B2:B201\"");
    free(bud);

    char *styles = zip_text(path, "xl/styles.xml");
    assert_has(styles, "formatCode=\"dd/mm/yyyy\"");
    assert_has(styles, "formatCode=\"#,##0.000\"");
    assert_has(styles, "locked=\"0\"");
    free(styles);

    /* _phien_ban: version "1", unit, year */
    char *ver = zip_text(path, "xl/worksheets/sheet9.xml");
    assert_has(ver, "<c r=\"B3\" s=\"");
    assert_has(ver, "<v>2024</v>");
    free(ver);

    char *core = zip_text(path, "docProps/core.xml");
    assert_has(core, "<dc:creator>Sở Khoa học và Công nghệ</dc:creator>");
    assert_has(core, "2024-01-01T00:00:00Z");
    free(core);

    free(path);
    diag_free(d);
}

static void test_same_bytes(void **state)
{
    (void)state;
    bc_diag *d = diag_new();
    bc_status st;
    char *a = write_form("SKHCN", 2023, "s1.xlsx", d, &st);
    assert_int_equal(st, BC_OK);
    char *b = write_form("SKHCN", 2023, "s2.xlsx", d, &st);
    assert_int_equal(st, BC_OK);
    char *x = NULL, *y = NULL;
    size_t nx = 0, ny = 0;
    assert_int_equal(bc_read_file(a, 1 << 24, &x, &nx), BC_OK);
    assert_int_equal(bc_read_file(b, 1 << 24, &y, &ny), BC_OK);
    assert_int_equal(nx, ny);
    assert_memory_equal(x, y, nx);
    free(x);
    free(y);
    free(a);
    free(b);
    diag_free(d);
}

static void test_unknown_unit(void **state)
{
    (void)state;
    bc_diag *d = diag_new();
    bc_status st;
    char *path = write_form("NO-SUCH", 2024, "u.xlsx", d, &st);
    assert_int_equal(st, BC_ERR_USAGE);
    assert_finding(d, "FORM-UNIT", "NO-SUCH");
    assert_false(bc_is_file(path));
    char *tmp = bc_tmp_path(path);
    assert_false(bc_is_file(tmp));
    free(tmp);
    free(path);
    diag_free(d);
}

static void test_bad_year(void **state)
{
    (void)state;
    bc_diag *d = diag_new();
    bc_status st;
    char *path = write_form("185", 1999, "y.xlsx", d, &st);
    assert_int_equal(st, BC_ERR_USAGE);
    assert_finding(d, "FORM-YEAR", "1999");
    assert_false(bc_is_file(path));
    free(path);
    diag_free(d);
}

static void test_not_expected(void **state)
{
    (void)state;
    bc_diag *d = diag_new();
    bc_status st;
    /* districts end on 30/06/2025: not expected for 2026, still written */
    char *path = write_form("185", 2026, "n.xlsx", d, &st);
    assert_int_equal(st, BC_OK);
    const bc_finding *f = assert_finding(d, "FORM-UNIT-EXPECTED", "185");
    assert_int_equal(f->sev, BC_SEV_WARNING);
    assert_true(bc_is_file(path));
    free(path);
    diag_free(d);
}

static void test_file_name(void **state)
{
    (void)state;
    char *s = form_file_name("P-DONG KINH/x", 2026);
    assert_string_equal(s, "mau-bao-cao-P-DONG_KINH_x-2026.xlsx");
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_layout),
        cmocka_unit_test(test_same_bytes),
        cmocka_unit_test(test_unknown_unit),
        cmocka_unit_test(test_bad_year),
        cmocka_unit_test(test_not_expected),
        cmocka_unit_test(test_file_name),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
