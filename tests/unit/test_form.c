/* test_form.c - the submission workbook (form.c) against docs/forms.md. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <zip.h>

#include "form.h"
#include "ingest.h"
#include "plan.h"
#include "util.h"
#include "xlsx_fill.h"

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
    scratch_remove(tmpdir);
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


/* --- form_write_filled ------------------------------------------------------ */

/* A submission with a value in every field of the form. */
static const char FULL[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<submission format=\"1\" unit=\"185\" year=\"2024\" date=\"2024-12-10\">\n"
    " <contact><name>Hoàng Thị Mai</name>\n"
    "  <role>Chuyên viên Phòng Kinh tế và Hạ tầng</role>\n"
    "  <phone>0205 3837 123</phone><email>mai@example.vn</email></contact>\n"
    " <records>\n"
    "  <record><kind>NHTT</kind><status>filed</status>\n"
    "   <application>4-2024-01234</application><filed>2024-03-01</filed>\n"
    "   <name>Quýt vàng Bắc Sơn</name><product>Quả quýt</product>\n"
    "   <owner>Hợp tác xã Nông nghiệp Bắc Sơn</owner>\n"
    "   <place>thị trấn Bắc Sơn</place><task>B9</task></record>\n"
    "  <record><task>B8</task><kind>CDDL</kind><status>granted</status>\n"
    "   <application>6-2022-00011</application><filed>2022-05-10</filed>\n"
    "   <granted>2024-09-18</granted><certificate>00043</certificate>\n"
    "   <name>Mật ong Vân Thủy</name></record>\n"
    "  <record><kind>KDCN</kind><status>refused</status>\n"
    "   <application>3-2024-00012</application><filed>2024-02-02</filed>\n"
    "   <owner>Công ty TNHH &lt;Sao Mai&gt; &amp; Cộng sự</owner></record>\n"
    " </records>\n"
    " <activities>\n"
    "  <activity><task>A3</task><date>2024-05-10</date><kind>tap-huan</kind>\n"
    "   <title>Tập huấn SHTT</title><classes>1</classes>\n"
    "   <participants>45</participants></activity>\n"
    "  <activity><task>B10</task><date>2024-06-01</date>\n"
    "   <kind>truyen-thong</kind><title>=SUM(A1:A3)</title></activity>\n"
    " </activities>\n"
    " <supports>\n"
    "  <support><mark>Quýt vàng Bắc Sơn</mark><kind>NHTT</kind>\n"
    "   <date>2024-07-01</date><task>B9</task>\n"
    "   <content>Thiết kế bao bì</content></support>\n"
    "  <support><mark>Rau thành phố Lạng Sơn</mark><kind>NHCN</kind>\n"
    "   <date>2024-08-20</date></support>\n"
    " </supports>\n"
    " <budget>\n"
    "  <line><task>B9</task><allocated>1200.5</allocated>\n"
    "   <disbursed>1004.766</disbursed><note>Đến 30/11</note></line>\n"
    "  <line><task>A3</task><allocated>0.3</allocated>\n"
    "   <disbursed>0.0001</disbursed></line>\n"
    "  <line><task>B10</task><allocated>999999999.999999</allocated>\n"
    "   <disbursed>0</disbursed></line>\n"
    " </budget>\n"
    " <narrative><results>Hoàn thành hồ sơ.\nĐã nộp 3 đơn.</results>\n"
    "  <difficulties>Kinh phí còn ít.</difficulties>\n"
    "  <proposals>Tăng kinh phí.</proposals></narrative>\n"
    "</submission>\n";

static xmlDocPtr parse(const char *xml)
{
    xmlDocPtr doc = xmlReadMemory(xml, (int)strlen(xml), "source.xml", NULL,
                                  XML_PARSE_NONET);
    assert_non_null(doc);
    return doc;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A canonical text of an element: its name, its attributes but src
 * sorted, then either its trimmed text or its children's canonical texts
 * (sorted for the field holders, whose fields come in any order; in
 * order for the lists).  Caller frees. */
static char *canon(xmlNodePtr n)
{
    bc_strbuf sb = BC_STRBUF_INIT;
    char *parts[64];
    size_t np = 0;
    sb_addf(&sb, "<%s", (const char *)n->name);
    for (xmlAttrPtr a = n->properties; a; a = a->next) {
        if (xmlStrEqual(a->name, BAD_CAST "src"))
            continue;
        xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
        assert_true(np < BC_ARRAY_LEN(parts));
        parts[np++] = bc_asprintf(" %s=\"%s\"", (const char *)a->name,
                                  (const char *)v);
        xmlFree(v);
    }
    qsort(parts, np, sizeof *parts, cmp_str);
    for (size_t i = 0; i < np; i++) {
        sb_adds(&sb, parts[i]);
        free(parts[i]);
    }
    sb_adds(&sb, ">");
    np = 0;
    int has_elems = 0;
    for (xmlNodePtr c = n->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE) {
            has_elems = 1;
            assert_true(np < BC_ARRAY_LEN(parts));
            parts[np++] = canon(c);
        }
    if (has_elems) {
        static const char *const holders[] = {
            "contact", "record", "activity", "support", "line", "narrative"};
        for (size_t i = 0; i < BC_ARRAY_LEN(holders); i++)
            if (xmlStrEqual(n->name, BAD_CAST holders[i]))
                qsort(parts, np, sizeof *parts, cmp_str);
        for (size_t i = 0; i < np; i++) {
            sb_adds(&sb, parts[i]);
            sb_adds(&sb, "\n");
            free(parts[i]);
        }
    } else {
        xmlChar *t = xmlNodeGetContent(n);
        const char *p = (const char *)t;
        size_t len = strlen(p);
        while (len && (p[len - 1] == ' ' || p[len - 1] == '\n'))
            len--;
        while (len && (*p == ' ' || *p == '\n')) {
            p++;
            len--;
        }
        sb_add(&sb, p, len);
        xmlFree(t);
    }
    sb_addf(&sb, "</%s>", (const char *)n->name);
    assert_false(sb.failed);
    return sb_detach(&sb);
}

/* Writes the form filled in from xml, reads it back; returns the
 * document read (caller frees) and leaves the findings of both in d. */
static xmlDocPtr fill_and_read(const char *xml, const char *name, bc_diag *d,
                               char **path_out)
{
    char *path = bc_path_join(tmpdir, name);
    xmlDocPtr src = parse(xml);
    bc_status st = form_write_filled(P, src, path, d);
    xmlFreeDoc(src);
    assert_int_equal(st, BC_OK);
    xmlDocPtr back = NULL;
    assert_int_equal(ingest_xlsx(path, d, &back), BC_OK);
    if (path_out)
        *path_out = path;
    else
        free(path);
    return back;
}

static void test_filled_roundtrip(void **state)
{
    (void)state;
    bc_diag *d = diag_new();
    xmlDocPtr back = fill_and_read(FULL, "full.xlsx", d, NULL);
    assert_int_equal(diag_count(d), 0);
    xmlDocPtr src = parse(FULL);
    char *a = canon(xmlDocGetRootElement(src));
    char *b = canon(xmlDocGetRootElement(back));
    if (strcmp(a, b) != 0) {
        fprintf(stderr, "source:\n%s\nread back:\n%s\n", a, b);
        fail_msg("the document read back differs from the source");
    }
    free(a);
    free(b);
    xmlFreeDoc(src);
    xmlFreeDoc(back);
    diag_free(d);
}

/* The cells are what a clerk would have typed: shown dropdown texts,
 * dates as date-formatted serials, numbers, codes as text. */
static void test_filled_cells(void **state)
{
    (void)state;
    bc_diag *d = diag_new();
    char *path = NULL;
    xmlDocPtr back = fill_and_read(FULL, "cells.xlsx", d, &path);
    xmlFreeDoc(back);
    char *blank = bc_path_join(tmpdir, "cells-blank.xlsx");
    assert_int_equal(form_write(P, "185", 2024, blank, d), BC_OK);
    xf_book *k = xf_open(blank);
    size_t krec = xf_sheet(k, "Tài sản trí tuệ");
    int date_style = xf_style(k, krec, "D2");
    int code_style = xf_style(k, krec, "F2");
    xf_close(k);

    xf_book *b = xf_open(path);
    size_t rec = xf_sheet(b, "Tài sản trí tuệ");
    size_t act = xf_sheet(b, "Hoạt động");
    size_t bud = xf_sheet(b, "Kinh phí");
    size_t gen = xf_sheet(b, "Thông tin chung");
    assert_string_equal(xf_get(b, rec, "A2"), "NHTT - nhãn hiệu tập thể");
    assert_string_equal(xf_get(b, rec, "B3"), "Đã cấp văn bằng");
    assert_string_equal(xf_get(b, rec, "B4"), "Bị từ chối");
    assert_true(strncmp(xf_get(b, rec, "K2"), "B9 - ", 5) == 0);
    assert_string_equal(xf_get(b, rec, "D2"), "45352"); /* 01/03/2024 */
    assert_int_equal(xf_style(b, rec, "D2"), date_style);
    assert_int_equal(xf_style(b, rec, "E3"), date_style);
    assert_string_equal(xf_get(b, rec, "F3"), "00043");
    assert_int_equal(xf_style(b, rec, "F3"), code_style);
    assert_null(xf_get(b, rec, "A5"));
    assert_string_equal(xf_get(b, gen, "B5"), "45636"); /* 10/12/2024 */
    assert_string_equal(xf_get(b, gen, "B8"), "0205 3837 123");
    assert_string_equal(xf_get(b, act, "C2"),
                        "tap-huan - lớp tập huấn, bồi dưỡng");
    assert_string_equal(xf_get(b, act, "F2"), "45");
    assert_string_equal(xf_get(b, act, "D3"), "=SUM(A1:A3)");
    assert_string_equal(xf_get(b, bud, "B2"), "1200.5");
    assert_string_equal(xf_get(b, bud, "C2"), "1004.766");
    xf_close(b);

    /* the cell types as written */
    char *sheet = zip_text(path, "xl/worksheets/sheet3.xml");
    assert_has(sheet, "<c r=\"F3\" s=\"");
    char *f3 = strstr(sheet, "<c r=\"F3\"");
    assert_true(strncmp(strstr(f3, "t=\""), "t=\"s\"", 5) == 0);
    assert_has(sheet, "sqref=\"A2:A201\"");
    free(sheet);
    char *s4 = zip_text(path, "xl/worksheets/sheet4.xml");
    assert_null(strstr(s4, "<f>")); /* a text, never a formula */
    free(s4);
    free(blank);
    free(path);
    diag_free(d);
}

/* Nothing to fill in: the same bytes as the blank form. */
static void test_filled_empty_same_bytes(void **state)
{
    (void)state;
    bc_diag *d = diag_new();
    char *a = bc_path_join(tmpdir, "e1.xlsx");
    char *b = bc_path_join(tmpdir, "e2.xlsx");
    assert_int_equal(form_write(P, "06187", 2026, a, d), BC_OK);
    xmlDocPtr src = parse("<submission format=\"1\" unit=\"06187\" "
                          "year=\"2026\"><contact/><records/>"
                          "<narrative><results>  </results></narrative>"
                          "</submission>");
    assert_int_equal(form_write_filled(P, src, b, d), BC_OK);
    xmlFreeDoc(src);
    assert_int_equal(diag_count(d), 0);
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

/* What cannot be converted is written as typed, as a text cell; what has
 * no cell is noted. */
static void test_filled_as_typed(void **state)
{
    (void)state;
    static const char xml[] =
        "<submission format=\"1\" unit=\"SCT\" year=\"2026\" "
        "illustrative=\"true\" date=\"14/12/2026\">"
        "<contact><name>A</name><name>B</name><fax>1</fax></contact>"
        "<records><record><kind>NHTTT</kind><status>filed</status>"
        "<application>4-2026-00001</application>"
        "<filed>02/06/2026</filed><colour>đỏ</colour></record>"
        "<record><kind>Nhãn hiệu tập thẻ</kind><status>đang chờ</status>"
        "<application>4-2026-00002</application>"
        "<filed>2026-13-01</filed></record></records>"
        "<activities><activity><task>Z9</task><date>2026-05-01</date>"
        "<kind>tap-huan</kind><classes>2,5</classes>"
        "<participants>-3</participants></activity></activities>"
        "<budget><line><task>B10</task><allocated>1.200,5</allocated>"
        "<disbursed>1200.1234567</disbursed></line></budget>"
        "</submission>";
    bc_diag *d = diag_new();
    char *path = bc_path_join(tmpdir, "typed.xlsx");
    xmlDocPtr src = parse(xml);
    assert_int_equal(form_write_filled(P, src, path, d), BC_OK);
    xmlFreeDoc(src);
    assert_finding(d, "FORM-FIELD", "<contact>/<name>");
    assert_finding(d, "FORM-FIELD", "<contact>/<fax>");
    assert_finding(d, "FORM-FIELD", "<record>/<colour>");
    /* illustrative="true" has its cell (_phien_ban!B4): no note */
    assert_int_equal(diag_count(d), 3);
    for (size_t i = 0; i < diag_count(d); i++)
        assert_int_equal(diag_get(d, i)->sev, BC_SEV_NOTE);

    xf_book *b = xf_open(path);
    size_t rec = xf_sheet(b, "Tài sản trí tuệ");
    size_t bud = xf_sheet(b, "Kinh phí");
    size_t act = xf_sheet(b, "Hoạt động");
    size_t gen = xf_sheet(b, "Thông tin chung");
    assert_string_equal(xf_get(b, rec, "A2"), "NHTTT");
    assert_string_equal(xf_get(b, rec, "A3"), "Nhãn hiệu tập thẻ");
    assert_string_equal(xf_get(b, rec, "B3"), "đang chờ");
    assert_string_equal(xf_get(b, rec, "D2"), "02/06/2026");
    assert_string_equal(xf_get(b, rec, "D3"), "2026-13-01");
    assert_string_equal(xf_get(b, act, "A2"), "Z9");
    assert_string_equal(xf_get(b, act, "E2"), "2,5");
    assert_string_equal(xf_get(b, act, "F2"), "-3");
    assert_string_equal(xf_get(b, bud, "B2"), "1.200,5");
    assert_string_equal(xf_get(b, bud, "C2"), "1200.1234567");
    assert_string_equal(xf_get(b, gen, "B5"), "14/12/2026");
    assert_string_equal(xf_get(b, gen, "B6"), "A");
    size_t ver = xf_sheet(b, "_phien_ban");
    assert_string_equal(xf_get(b, ver, "A4"), "Dữ liệu minh họa");
    assert_string_equal(xf_get(b, ver, "B4"), "có");
    assert_string_equal(xf_get(b, xf_sheet(b, "Hướng dẫn"), "A4"),
                        "DỮ LIỆU MINH HỌA: số liệu trong tệp này không phải "
                        "số liệu thật.");
    xf_close(b);
    /* and it reads back as the attribute, so reports say so */
    bc_diag *rd = diag_new();
    xmlDocPtr back = NULL;
    assert_int_equal(ingest_xlsx(path, rd, &back), BC_OK);
    xmlChar *ill = xmlGetProp(xmlDocGetRootElement(back),
                              BAD_CAST "illustrative");
    assert_non_null(ill);
    assert_string_equal((const char *)ill, "true");
    xmlFree(ill);
    xmlFreeDoc(back);
    diag_free(rd);
    char *s3 = zip_text(path, "xl/worksheets/sheet3.xml");
    char *d2 = strstr(s3, "<c r=\"D2\"");
    assert_non_null(d2);
    assert_true(strncmp(strstr(d2, "t=\""), "t=\"s\"", 5) == 0);
    free(s3);
    free(path);
    diag_free(d);
}

/* Typing a reader tolerates, written as typed, reads back as the clerk
 * meant it. */
static void test_filled_tolerated(void **state)
{
    (void)state;
    static const char xml[] =
        "<submission format=\"1\" unit=\"SCT\" year=\"2026\" "
        "date=\"14/12/2026\">"
        "<records><record><kind>NHTT</kind><status>đang chờ</status>"
        "<application>4-2026-00001</application>"
        "<filed>02/06/2026</filed></record></records>"
        "<budget><line><task>B10</task><allocated>1.200,5</allocated>"
        "<disbursed>1.000,0</disbursed></line>"
        /* a canonical decimal: one triệu, written as the number 1 */
        "<line><task>B11</task><allocated>1.000</allocated>"
        "<disbursed>0</disbursed></line></budget>"
        "</submission>";
    bc_diag *d = diag_new();
    xmlDocPtr back = fill_and_read(xml, "tolerated.xlsx", d, NULL);
    assert_int_equal(diag_count_sev(d, BC_SEV_ERROR), 0);
    char *c = canon(xmlDocGetRootElement(back));
    assert_has(c, "date=\"2026-12-14\"");
    assert_has(c, "<status>filed</status>");
    assert_has(c, "<filed>2026-06-02</filed>");
    assert_has(c, "<allocated>1200.5</allocated>");
    assert_has(c, "<disbursed>1000</disbursed>"); /* Vietnamese grouping */
    assert_has(c, "<allocated>1</allocated>");
    free(c);
    xmlFreeDoc(back);
    diag_free(d);
}

/* More items than the input area: the area grows with them. */
static void test_filled_many_rows(void **state)
{
    (void)state;
    bc_strbuf sb = BC_STRBUF_INIT;
    sb_adds(&sb, "<submission format=\"1\" unit=\"SKHCN\" year=\"2024\">"
                 "<records>");
    for (int i = 1; i <= 250; i++)
        sb_addf(&sb, "<record><kind>NH</kind><status>filed</status>"
                     "<application>4-2024-%05d</application>"
                     "<filed>2024-03-01</filed></record>", i);
    sb_adds(&sb, "</records></submission>");
    bc_diag *d = diag_new();
    char *path = NULL;
    xmlDocPtr back = fill_and_read(sb_str(&sb), "many.xlsx", d, &path);
    sb_release(&sb);
    xmlNodePtr recs = xmlDocGetRootElement(back)->children;
    while (recs && !xmlStrEqual(recs->name, BAD_CAST "records"))
        recs = recs->next;
    assert_non_null(recs);
    size_t n = 0;
    for (xmlNodePtr r = recs->children; r; r = r->next)
        n += r->type == XML_ELEMENT_NODE;
    assert_int_equal(n, 250);
    char *sheet = zip_text(path, "xl/worksheets/sheet3.xml");
    assert_has(sheet, "sqref=\"A2:A251\"");
    assert_has(sheet, "<c r=\"C251\"");
    free(sheet);
    xmlFreeDoc(back);
    free(path);
    diag_free(d);
}

static void test_filled_refused(void **state)
{
    (void)state;
    static const char *const bad[][2] = {
        {"<submission format=\"1\" unit=\"190\" year=\"2022\"/>", "FORM-UNIT"},
        {"<submission format=\"1\" year=\"2022\"/>", "FORM-UNIT"},
        {"<submission format=\"1\" unit=\"185\" year=\"1999\"/>", "FORM-YEAR"},
        {"<submission format=\"1\" unit=\"185\" year=\"24\"/>", "FORM-YEAR"},
        {"<submission format=\"1\" unit=\"185\"/>", "FORM-YEAR"},
    };
    char *path = bc_path_join(tmpdir, "refused.xlsx");
    for (size_t i = 0; i < BC_ARRAY_LEN(bad); i++) {
        bc_diag *d = diag_new();
        xmlDocPtr src = parse(bad[i][0]);
        assert_int_equal(form_write_filled(P, src, path, d), BC_ERR_USAGE);
        assert_finding(d, bad[i][1], NULL);
        assert_false(bc_is_file(path));
        xmlFreeDoc(src);
        diag_free(d);
    }
    /* not a submission document: a caller's mistake */
    bc_diag *d = diag_new();
    xmlDocPtr src = parse("<report/>");
    assert_int_equal(form_write_filled(P, src, path, d), BC_ERR_INTERNAL);
    xmlFreeDoc(src);
    diag_free(d);
    free(path);
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
        cmocka_unit_test(test_filled_roundtrip),
        cmocka_unit_test(test_filled_cells),
        cmocka_unit_test(test_filled_empty_same_bytes),
        cmocka_unit_test(test_filled_as_typed),
        cmocka_unit_test(test_filled_tolerated),
        cmocka_unit_test(test_filled_many_rows),
        cmocka_unit_test(test_filled_refused),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
