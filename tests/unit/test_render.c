/* test_render.c - the report templates over the sample aggregate, the
 * XSLT runner (render.c) and the XLSX writer (xlsx_writer.c).
 * Run from the repository root (templates/ and tests/fixtures/). */
#include "testutil.h"

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxslt/xslt.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include "render.c" /* and its STATIC internals (testing.h) */
#include "util.h"
#include "xlsx_writer.h"
#include "xmlio.h"

#define FIXTURE "tests/fixtures/aggregate-sample.xml"
#define XSL_REPORT "templates/xslt/bao-cao.xsl"
#define XSL_CHECK "templates/xslt/kiem-tra.xsl"
#define XSL_XLSX "templates/xslt/bao-cao-xlsx.xsl"
#define XSD_WORKBOOK "templates/schema/workbook.xsd"
#define XSD_AGGREGATE "templates/schema/aggregate.xsd"

/* Per-test state: a scratch folder, the fixture and a findings sink. */
typedef struct fx {
    char dir[64];
    xmlDocPtr agg;
    bc_diag *d;
} fx;

static int setup(void **state)
{
    fx *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    strcpy(f->dir, "/tmp/test_render.XXXXXX");
    if (!mkdtemp(f->dir))
        return -1;
    f->d = diag_new();
    f->agg = xmlio_read_trusted(FIXTURE, f->d, NULL);
    if (!f->d || !f->agg)
        return -1;
    *state = f;
    return 0;
}

/* Removes every file of the scratch folder, then the folder. */
static int teardown(void **state)
{
    fx *f = *state;
    scratch_remove(f->dir);
    xmlFreeDoc(f->agg);
    diag_free(f->d);
    free(f);
    return 0;
}

/* A path in the scratch folder (static buffer rotation: 4 at a time). */
static const char *scratch(const fx *f, const char *name)
{
    static char buf[4][256];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/%s", f->dir, name);
    return buf[k];
}

static char *slurp(const char *path, size_t *len)
{
    char *data = NULL;
    size_t n = 0;
    assert_int_equal(bc_read_file(path, (size_t)64 << 20, &data, &n), BC_OK);
    if (len)
        *len = n;
    return data;
}

static void write_text(const char *path, const char *text)
{
    assert_int_equal(bc_write_atomic(path, text, strlen(text)), BC_OK);
}

static void assert_contains(const char *hay, const char *needle)
{
    if (!strstr(hay, needle))
        fail_msg("output lacks «%s»", needle);
}

static void assert_lacks(const char *hay, const char *needle)
{
    if (strstr(hay, needle))
        fail_msg("output unexpectedly holds «%s»", needle);
}

/* --- the fixture itself --------------------------------------------------- */

static void test_fixture_is_valid(void **state)
{
    fx *f = *state;
    xmlSchemaPtr s = xmlio_schema_load(XSD_AGGREGATE, f->d);
    assert_non_null(s);
    assert_int_equal(xmlio_validate(s, f->agg, FIXTURE, f->d), 0);
    xmlSchemaFree(s);
}

/* --- bao-cao.xsl ------------------------------------------------------------ */

static void test_report_html(void **state)
{
    fx *f = *state;
    const char *out = scratch(f, "bao-cao-2026.html");
    assert_int_equal(render_html(XSL_REPORT, f->agg, out, f->d), BC_OK);
    assert_int_equal(diag_count(f->d), 0);
    char *html = slurp(out, NULL);

    assert_true(strncmp(html, "<!DOCTYPE html>\n<html lang=\"vi\">", 32) == 0);
    assert_contains(html, "charset=UTF-8");
    /* the banner, and in the title */
    assert_contains(html, "<div class=\"banner\" role=\"note\"><strong>Dữ liệu minh họa</strong>");
    assert_contains(html, "<title>[Dữ liệu minh họa] Báo cáo Kết quả thực hiện Đề án");
    /* header per Nghị định 30/2020; the missing number is a blank */
    assert_contains(html, "UBND TỈNH LẠNG SƠN");
    assert_contains(html, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    assert_contains(html, "Độc lập - Tự do - Hạnh phúc");
    assert_contains(html, "Số: ……/BC-SKHCN");
    /* the progress chart may break between bars (no half-empty page
     * before it); a repeated application number is counted once, not a
     * duplicate report */
    assert_contains(html, "<div class=\"figure split\">");
    assert_contains(html, ".figure.split { break-inside: auto;");
    assert_contains(html, "như khi nộp đơn rồi khi được cấp văn bằng), mỗi số đơn chỉ tính một lần");
    /* the rule under the trích yếu */
    assert_contains(html, ".subject::after { content: \"\"; display: block; width: 35%;");
    assert_contains(html, "Lạng Sơn, ngày 05 tháng 01 năm 2027");
    assert_contains(html, "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Lạng Sơn");
    assert_contains(html, "trên địa bàn tỉnh Lạng Sơn năm 2026");
    /* Vietnamese numbers: 20000 -> 20.000, 16500.5 -> 16.500,5,
     * 15200.25 -> 15.200,25, 1234 -> 1.234, 0.85248 -> 85,2%; a figure taken
     * from the aggregate is marked with the path of its node (data-x),
     * a ratio shown as a percent with data-f="pct" */
#define FIG(path) "<span class=\"fig\" data-x=\"" path "\">"
#define PHASE "/aggregate[1]/budget[1]/phase[@from='2021']"
    assert_contains(html, "Tổng kinh phí ghi trong Đề án là "
                          FIG(PHASE "/@stated-total") "18.000</span> triệu đồng, "
                          "cộng các dòng được "
                          FIG(PHASE "/@computed-total") "20.000</span> triệu đồng");
    /* one precision per money column: the most decimals of any amount
     * (15200.25: two), so 16500.5 prints 16.500,50 in a table */
    assert_contains(html, "<td class=\"n\">" FIG(PHASE "/@allocated") "16.500,50</span></td>");
    assert_contains(html, "<td class=\"n\">" FIG(PHASE "/@disbursed") "15.200,25</span></td>");
    assert_contains(html, "<b>" FIG("/aggregate[1]/ip-series[1]/year[@y='2026']/@filed")
                          "1.234</span></b>");
    assert_contains(html, "<td class=\"n\"><span class=\"fig\" data-x=\""
                          "/aggregate[1]/targets[1]/target[@id='T1']/@share-min\" "
                          "data-f=\"pct\">85,2%</span></td>");
    /* a ratio is rounded once, from the value the aggregate gives, at the
     * one decimal printed: 0.85248 is 85,2%, not 85,3% (issue 13 fault 6) */
    /* a number computed by the template is not marked */
    assert_contains(html, "(số ghi thấp hơn 2.000 triệu đồng)");
#undef PHASE
#undef FIG
    assert_contains(html, "Đơn vị tính: triệu đồng");
    /* no estimate for 2026; the 2021-2025 phase closed */
    assert_contains(html, "Năm 2026: Đề án chưa có khái toán kinh phí cho các nhiệm vụ Phần B");
    /* T7's method and the count the rate requires this year (reading c) */
    assert_contains(html, "Cách đánh giá T7: tốc độ tăng bình quân hằng năm (tăng trưởng kép)");
    assert_contains(html, "năm 2026 cần ít nhất ");
    assert_contains(html, "<sup>7</sup>");
    /* one word each for a refused application and a rejected file
     * (reading e) */
    assert_contains(html, "<th>Đơn bị Cục SHTT từ chối (báo cáo trong kỳ)</th>");
    assert_contains(html, "<th>Tệp bị từ chối</th>");
    assert_lacks(html, "<th>Bị từ chối</th>");
    /* the method appendix states the readings */
    assert_contains(html, "PHƯƠNG PHÁP TỔNG HỢP SỐ LIỆU");
    /* money says its scope: Part B, Part A, both (issue 13 reading h) */
    assert_contains(html, "các nhiệm vụ Phần A (dự toán hằng năm) được giao ");
    assert_contains(html, "cộng cả hai phần được giao ");
    assert_lacks(html, "chưa có dự toán được phê duyệt");
    assert_contains(html, "giai đoạn 2021-2025 đã kết thúc");
    assert_contains(html, "đã được phê duyệt dự toán; đã kết thúc");
    /* plan contradictions shown with the budget and with the targets */
    assert_contains(html, "Tổng kinh phí ghi trong Đề án khác tổng cộng các dòng");
    assert_contains(html, "Phụ lục 1 ghi nhãn hiệu tập thể (20) nhưng liệt kê 19");
    /* units, narratives, signature, appendices */
    assert_contains(html, "Phường Tam Thanh");
    assert_contains(html, "chưa nộp");
    assert_contains(html, "<p>Nhân lực làm công tác sở hữu trí tuệ còn mỏng.</p>");
    /* the Sở's own sections: written ones as paragraphs and lists, the
     * empty ones a visible placeholder */
    assert_contains(html, "<h2>I. ĐÁNH GIÁ CHUNG</h2><p>Năm 2026, các sở, ngành");
    assert_contains(html, "<ul class=\"so\"><li>Hoàn thành 4/8 mục tiêu;</li>");
    assert_contains(html, "<h2>II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN</h2><p class=\"placeholder\">");
    assert_contains(html, "PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2027");
    assert_contains(html, "II. ĐỐI VỚI BỘ KHOA HỌC VÀ CÔNG NGHỆ");
    /* the units' words said once, with how many and which units; those
     * to the Sở apart */
    assert_contains(html, "<li>Nhân lực làm công tác sở hữu trí tuệ còn mỏng (2 đơn vị: "
                          "Sở Khoa học và Công nghệ, Phường Kỳ Lừa).</li>");
    assert_contains(html, "<p class=\"group\">Gửi Sở Khoa học và Công nghệ:</p><ul><li>"
                          "Đề nghị Sở Khoa học và Công nghệ mở thêm lớp tập huấn (Phường Kỳ Lừa).");
    /* per target: the objects newly protected this year by name (not one
     * of Phụ lục 1); a target behind pace with its tasks and money */
    assert_contains(html, "Được bảo hộ mới năm 2026: Thạch đen Tràng Định &lt;script&gt;.");
    assert_lacks(html, "Được bảo hộ mới năm 2026: Mác mật Lạng Sơn");
    assert_contains(html, "chậm tiến độ. Nhiệm vụ phục vụ mục tiêu: khoản 9 Phần B (chủ trì: ");
    assert_lacks(html, "Nhiệm vụ phục vụ mục tiêu: khoản 8 Phần B");
    /* the T8 marks name their reporting units, not their codes */
    assert_contains(html, "<td>Sở Khoa học và Công nghệ; Phường Kỳ Lừa</td>");
    /* each unit against its Phần III duties: what it reported, what its
     * duties' tasks it did not, whether it reported; rejected units
     * "chưa có số liệu hợp lệ" */
    assert_contains(html, "<i>Sở Khoa học và Công nghệ</i> (Phần III, mục 1, 8): ");
    assert_contains(html, " hoạt động (khoản 1 Phần A; khoản 7, 9, 11 Phần B); kinh phí được giao ");
    assert_contains(html, "Chưa báo cáo hoạt động, kinh phí đối với nhiệm vụ được giao tại "
                          "khoản 3 Phần A; khoản 8 Phần B.");
    assert_contains(html, "<i>Sở Tư pháp</i> (Phần III, mục 7, 8): đã gửi báo cáo nhưng chưa có số liệu hợp lệ");
    assert_contains(html, "<i>Sở Giáo dục và Đào tạo</i> (Phần III, mục 8): chưa gửi báo cáo.");
    assert_contains(html, "2 đơn vị (Phần III, mục 8): 1 đơn vị có số liệu hợp lệ, 0 đơn vị chưa có "
                          "số liệu hợp lệ, 1 đơn vị chưa gửi báo cáo");
    assert_lacks(html, "<i>Phường Tam Thanh</i>");
    assert_contains(html, "<p>- <i>Phường Kỳ Lừa</i> (Phần III, mục 8): không báo cáo hoạt động nào; ");
    /* the plan's contradictions once, as a kiến nghị with both sides */
    assert_contains(html, "Đề nghị Ủy ban nhân dân tỉnh xem xét điều chỉnh Đề án tại 2 chỗ");
    assert_contains(html, "- Lưu: VT, QLCN.");
    assert_contains(html, "Nguyễn Văn Minh Họa");
    assert_contains(html, "Phụ lục IV");
    /* the signed report holds no working list: records, files and
     * findings (with their codes and paths) are in the XLSX and kiem-tra */
    assert_lacks(html, "4-2026-01234");
    assert_lacks(html, "Sheet1!C4");
    assert_lacks(html, "input/2026/skhcn-1.xml");
    assert_lacks(html, "[PLAN-");
    assert_contains(html, "Tình hình gửi báo cáo của từng đơn vị: Phụ lục I.");
    /* the units not heard from: communes by number, their names in
     * Phụ lục I */
    assert_contains(html, " (1 đơn vị cấp xã, danh sách ở Phụ lục I).");
    /* the plan was approved, not issued, by the decision */
    assert_lacks(html, " ban hành Đề án");
    /* submitted text is escaped, never markup; nothing is fetched */
    assert_contains(html, "&lt;script&gt;alert(1)&lt;/script&gt;");
    assert_lacks(html, "<script");
    assert_lacks(html, "src=");
    assert_lacks(html, "href=");
    assert_lacks(html, "url(");
    assert_lacks(html, "@import");
    free(html);
}

static void test_report_deterministic(void **state)
{
    fx *f = *state;
    const char *a = scratch(f, "a.html"), *b = scratch(f, "b.html");
    assert_int_equal(render_html(XSL_REPORT, f->agg, a, f->d), BC_OK);
    assert_int_equal(render_html(XSL_REPORT, f->agg, b, f->d), BC_OK);
    size_t na, nb;
    char *x = slurp(a, &na), *y = slurp(b, &nb);
    assert_int_equal(na, nb);
    assert_memory_equal(x, y, na);
    free(x);
    free(y);
}

/* A missing setting prints blanks, not "" or an error. */
static void test_report_blank_settings(void **state)
{
    fx *f = *state;
    xmlXPathContextPtr xp = xmlXPathNewContext(f->agg);
    xmlXPathObjectPtr o =
        xmlXPathEvalExpression(BAD_CAST "/aggregate/report/setting", xp);
    for (int i = 0; o && o->nodesetval && i < o->nodesetval->nodeNr; i++) {
        xmlNodePtr n = o->nodesetval->nodeTab[i];
        xmlUnlinkNode(n);
        xmlFreeNode(n);
        o->nodesetval->nodeTab[i] = NULL;
    }
    xmlXPathFreeObject(o);
    xmlXPathFreeContext(xp);
    const char *out = scratch(f, "blank.html");
    assert_int_equal(render_html(XSL_REPORT, f->agg, out, f->d), BC_OK);
    char *html = slurp(out, NULL);
    assert_contains(html, "Số: ……/BC-……");
    assert_contains(html, "……, ngày …… tháng …… năm ……");
    assert_contains(html, "Kính gửi: ……………………………………");
    free(html);
}

/* A document number below 10 takes a leading zero (Nghị định 30): 5 ->
 * "Số: 05/BC-SKHCN"; 12 stays 12. */
static void test_report_number_padded(void **state)
{
    fx *f = *state;
    static const char *const in[] = {"5", "12"}, *const want[] = {
        "Số: 05/BC-SKHCN", "Số: 12/BC-SKHCN"};
    xmlXPathContextPtr xp = xmlXPathNewContext(f->agg);
    xmlXPathObjectPtr o =
        xmlXPathEvalExpression(BAD_CAST "/aggregate/report", xp);
    assert_true(o && o->nodesetval && o->nodesetval->nodeNr == 1);
    xmlNodePtr num = xmlNewTextChild(o->nodesetval->nodeTab[0], NULL,
                                     BAD_CAST "setting", BAD_CAST "");
    xmlXPathFreeObject(o);
    xmlXPathFreeContext(xp);
    assert_non_null(num);
    xmlNewProp(num, BAD_CAST "name", BAD_CAST "number");
    for (int k = 0; k < 2; k++) {
        xmlNodeSetContent(num, BAD_CAST in[k]);
        const char *out = scratch(f, "number.html");
        assert_int_equal(render_html(XSL_REPORT, f->agg, out, f->d), BC_OK);
        char *html = slurp(out, NULL);
        assert_contains(html, want[k]);
        free(html);
    }
}

/* A revised figure names at most ten of the reports that changed it, then
 * "và K báo cáo khác": at 2,000 submissions one cell held 1,960 names. */
static void test_report_revision_names(void **state)
{
    fx *f = *state;
    xmlXPathContextPtr xp = xmlXPathNewContext(f->agg);
    xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST "/aggregate/revisions", xp);
    assert_true(o && o->nodesetval && o->nodesetval->nodeNr == 1);
    xmlNodePtr rv = xmlNewChild(o->nodesetval->nodeTab[0], NULL, BAD_CAST "revision", NULL);
    xmlXPathFreeObject(o);
    xmlXPathFreeContext(xp);
    xmlNewProp(rv, BAD_CAST "year", BAD_CAST "2024");
    xmlNewProp(rv, BAD_CAST "target", BAD_CAST "T2");
    xmlNewProp(rv, BAD_CAST "name", BAD_CAST "nhãn hiệu tập thể");
    xmlNewProp(rv, BAD_CAST "old", BAD_CAST "1");
    xmlNewProp(rv, BAD_CAST "new", BAD_CAST "2");
    for (int i = 1; i <= 23; i++) {
        char name[32];
        snprintf(name, sizeof name, "Xã Số %02d", i);
        xmlNodePtr fn = xmlNewChild(rv, NULL, BAD_CAST "file", NULL);
        xmlNewProp(fn, BAD_CAST "path", BAD_CAST "input/2025/x.xml");
        xmlNewProp(fn, BAD_CAST "unit", BAD_CAST "X");
        xmlNewProp(fn, BAD_CAST "unit-name", BAD_CAST name);
        xmlNewProp(fn, BAD_CAST "cycle", BAD_CAST "2025");
    }
    const char *out = scratch(f, "revisions.html");
    assert_int_equal(render_html(XSL_REPORT, f->agg, out, f->d), BC_OK);
    char *html = slurp(out, NULL);
    assert_contains(html, "Xã Số 01 (báo cáo năm 2025)");
    assert_contains(html, "Xã Số 10 (báo cáo năm 2025) và 13 báo cáo khác");
    assert_null(strstr(html, "Xã Số 11"));
    free(html);
    xmlUnlinkNode(rv);
    xmlFreeNode(rv);
}

/* The first element x of the fixture at XPath expr. */
static xmlNodePtr first_at(fx *f, const char *expr)
{
    xmlXPathContextPtr xp = xmlXPathNewContext(f->agg);
    xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST expr, xp);
    assert_true(o && o->nodesetval && o->nodesetval->nodeNr >= 1);
    xmlNodePtr n = o->nodesetval->nodeTab[0];
    xmlXPathFreeObject(o);
    xmlXPathFreeContext(xp);
    return n;
}

/* The number of nodes at XPath expr in the fixture. */
static int count_at(fx *f, const char *expr)
{
    xmlXPathContextPtr xp = xmlXPathNewContext(f->agg);
    xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST expr, xp);
    assert_non_null(o);
    int n = o->nodesetval ? o->nodesetval->nodeNr : 0;
    xmlXPathFreeObject(o);
    xmlXPathFreeContext(xp);
    return n;
}

/* A signed page is not a list: a theme names at most ten units, then
 * "và K đơn vị khác"; Phần I mục V gives at most 100 departments and 100
 * communes a paragraph and names at most 100 in a sentence, then says how
 * many others and where they are (a synthetic year of 9,800 units printed
 * 6.7 MB). */
static void test_report_signed_caps(void **state)
{
    fx *f = *state;
    xmlNodePtr th = xmlNewChild(first_at(f, "/aggregate/themes"), NULL, BAD_CAST "theme", NULL);
    xmlNewProp(th, BAD_CAST "part", BAD_CAST "difficulties");
    xmlNewProp(th, BAD_CAST "units", BAD_CAST "15");
    xmlNewTextChild(th, NULL, BAD_CAST "text", BAD_CAST "Thiếu cán bộ chuyên trách");
    xmlNodePtr uw = first_at(f, "/aggregate/unit-work");
    /* the fixture's own communes with something reported, and without */
    int k_some = count_at(f, "/aggregate/unit-work/unit[(@type = 'commune' or @type = 'district')"
                             " and @status = 'accepted' and (@activities > 0 or @filed > 0 or"
                             " @granted > 0 or @allocated)]");
    int k_none = count_at(f, "/aggregate/unit-work/unit[(@type = 'commune' or @type = 'district')"
                             " and @status = 'accepted'] ") - k_some;
    assert_true(k_some < 100 && k_none < 100);
    xmlNodePtr added[345];
    for (int i = 240; i < 345; i++) { /* 105 departments */
        char code[16], name[40];
        snprintf(code, sizeof code, "D%03d", i);
        snprintf(name, sizeof name, "Ban Thử %03d", i - 240);
        xmlNodePtr u = added[i] = xmlNewChild(uw, NULL, BAD_CAST "unit", NULL);
        xmlNewProp(u, BAD_CAST "code", BAD_CAST code);
        xmlNewProp(u, BAD_CAST "name", BAD_CAST name);
        xmlNewProp(u, BAD_CAST "type", BAD_CAST "department");
        xmlNewProp(u, BAD_CAST "status", BAD_CAST "missing");
    }
    int k_dept = count_at(f, "/aggregate/unit-work/unit[not(@type = 'commune' or @type = 'district')]");
    assert_true(k_dept > 100 && k_dept < 200);
    for (int i = 0; i < 240; i++) {
        char code[16], name[32];
        snprintf(code, sizeof code, "Z%03d", i);
        snprintf(name, sizeof name, "Xã Thử %03d", i);
        if (i < 15) {
            xmlNodePtr u = xmlNewChild(th, NULL, BAD_CAST "unit", NULL);
            xmlNewProp(u, BAD_CAST "code", BAD_CAST code);
            xmlNewProp(u, BAD_CAST "name", BAD_CAST name);
        }
        /* 130 that reported something, 110 that reported nothing */
        xmlNodePtr u = added[i] = xmlNewChild(uw, NULL, BAD_CAST "unit", NULL);
        xmlNewProp(u, BAD_CAST "code", BAD_CAST code);
        xmlNewProp(u, BAD_CAST "name", BAD_CAST name);
        xmlNewProp(u, BAD_CAST "type", BAD_CAST "commune");
        xmlNewProp(u, BAD_CAST "status", BAD_CAST "accepted");
        xmlNewProp(u, BAD_CAST "activities", BAD_CAST (i < 130 ? "1" : "0"));
    }
    const char *out = scratch(f, "caps.html");
    assert_int_equal(render_html(XSL_REPORT, f->agg, out, f->d), BC_OK);
    char *html = slurp(out, NULL);
    char want[256];
    assert_contains(html, "Xã Thử 009 và 5 đơn vị khác).");
    snprintf(want, sizeof want, "<i>Xã Thử %03d</i>", 99 - k_some);
    assert_contains(html, want);
    snprintf(want, sizeof want, "<i>Xã Thử %03d</i>", 100 - k_some);
    assert_null(strstr(html, want));
    snprintf(want, sizeof want, "- Và %d đơn vị khác có hoạt động, kinh phí hoặc hồ sơ trong "
             "năm; kết quả của từng đơn vị trong tệp tong-hop-", k_some + 30);
    assert_contains(html, want);
    snprintf(want, sizeof want, "%d đơn vị báo cáo nhưng không có hoạt động, kinh phí hay hồ sơ "
             "nào trong năm: ", k_none + 110);
    assert_contains(html, want);
    snprintf(want, sizeof want, "Xã Thử %03d và %d đơn vị khác (danh sách đầy đủ ở trang «Đơn vị» "
             "của bảng tính).", 130 + 99 - k_none, k_none + 10);
    assert_contains(html, want);
    snprintf(want, sizeof want, "Xã Thử %03d", 130 + 100 - k_none);
    assert_null(strstr(html, want));
    /* departments: the first 100 (the fixture's, then ours), then the rest */
    snprintf(want, sizeof want, "<i>Ban Thử %03d</i>", 100 - (k_dept - 105) - 1);
    assert_contains(html, want);
    snprintf(want, sizeof want, "<i>Ban Thử %03d</i>", 100 - (k_dept - 105));
    assert_null(strstr(html, want));
    snprintf(want, sizeof want, "Và %d đơn vị khác; kết quả của từng đơn vị trong tệp tong-hop-",
             k_dept - 100);
    assert_contains(html, want);
    free(html);
    for (int i = 0; i < 345; i++) {
        xmlUnlinkNode(added[i]);
        xmlFreeNode(added[i]);
    }
    xmlUnlinkNode(th);
    xmlFreeNode(th);
}

/* --- kiem-tra.xsl ----------------------------------------------------------- */

static void test_check_html(void **state)
{
    fx *f = *state;
    const char *out = scratch(f, "kiem-tra-2026.html");
    assert_int_equal(render_html(XSL_CHECK, f->agg, out, f->d), BC_OK);
    char *html = slurp(out, NULL);
    assert_contains(html, "<strong>Dữ liệu minh họa</strong>");
    assert_contains(html, "KẾT QUẢ KIỂM TRA SỐ LIỆU BÁO CÁO NĂM 2026");
    /* this year first, then 2025; unit then file headings */
    const char *this_year = strstr(html, "<h2>Năm báo cáo 2026 (kỳ này)</h2>");
    const char *last_year = strstr(html, "<h2>Năm báo cáo 2025</h2>");
    assert_non_null(this_year);
    assert_non_null(last_year);
    assert_true(this_year < last_year);
    assert_contains(html, "<h3>Sở Giáo dục và Đào tạo – 3 mục</h3>");
    assert_contains(html, "<h4>Tệp: input/2026/sgddt.xls</h4>");
    assert_contains(html, "<td>=SUM(A1:A9)</td>");
    /* a "việc cần làm" line per finding; the units yet to report */
    assert_contains(html, "<th>Việc cần làm</th>");
    /* the deadline and the contact from settings (blanks when unset) */
    assert_contains(html, "gửi lại báo cáo trước ngày ");
    assert_contains(html, "; liên hệ: ");
    assert_contains(html, "<td class=\"action\">Kiểm tra số đơn theo văn bản của Cục Sở hữu trí tuệ "
                          "(dạng 4-2026-01234), sửa rồi gửi lại báo cáo.</td>");
    assert_contains(html, "<h2>Các đơn vị chưa gửi báo cáo năm 2026 (cần nhắc)</h2>");
    assert_contains(html, "Phường Tam Thanh (P-TAM-THANH)");
    assert_contains(html, "&lt;script&gt;alert(1)&lt;/script&gt;");
    assert_lacks(html, "<script");
    free(html);
}

/* --- bao-cao-xlsx.xsl ------------------------------------------------------- */

/* The string value of an XPath expression over doc. */
static char *xpath_str(xmlDocPtr doc, const char *expr)
{
    xmlXPathContextPtr xp = xmlXPathNewContext(doc);
    xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST expr, xp);
    xmlChar *s = o ? xmlXPathCastToString(o) : NULL;
    char *r = bc_strdup(s ? (const char *)s : "");
    xmlFree(s);
    xmlXPathFreeObject(o);
    xmlXPathFreeContext(xp);
    return r;
}

static void assert_xpath(xmlDocPtr doc, const char *expr, const char *want)
{
    char *got = xpath_str(doc, expr);
    if (strcmp(got, want) != 0)
        fail_msg("%s = «%s», want «%s»", expr, got, want);
    free(got);
}

static void test_workbook_description(void **state)
{
    fx *f = *state;
    xmlDocPtr wb = NULL;
    /* a run's description carries no paths (x): they cost a quarter of
     * the rendering; figures.c asks for them */
    assert_int_equal(render_doc(XSL_XLSX, f->agg, f->d, &wb), BC_OK);
    assert_xpath(wb, "count(//@x)", "0");
    xmlFreeDoc(wb);
    static const char *const with_paths[] = {"paths", "1", NULL};
    wb = NULL;
    assert_int_equal(render_doc_params(XSL_XLSX, f->agg, with_paths, f->d, &wb), BC_OK);
    assert_non_null(wb);
    xmlSchemaPtr s = xmlio_schema_load(XSD_WORKBOOK, f->d);
    assert_non_null(s);
    assert_int_equal(xmlio_validate(s, wb, "workbook", f->d), 0);
    xmlSchemaFree(s);

    assert_xpath(wb, "string(/workbook/properties/@created)", "2027-01-05");
    assert_xpath(wb, "string(/workbook/properties/@author)",
                 "SỞ KHOA HỌC VÀ CÔNG NGHỆ");
    assert_xpath(wb, "count(/workbook/sheet)", "11");
    assert_xpath(wb, "string(/workbook/sheet[1]/@name)", "Tổng hợp");
    assert_xpath(wb, "string(/workbook/sheet[3]/@name)", "Kinh phí");
    assert_xpath(wb, "string(/workbook/sheet[4]/@name)", "Biểu đồ chỉ tiêu");
    assert_xpath(wb, "string(/workbook/sheet[5]/@name)", "Biểu đồ kinh phí");
    assert_xpath(wb, "string(/workbook/sheet[6]/@name)", "Hồ sơ theo loại");
    assert_xpath(wb, "string(/workbook/sheet[7]/@name)", "Khối lượng nhiệm vụ");
    assert_xpath(wb, "string(/workbook/sheet[10]/@name)", "Số đơn trùng");
    /* the "=..." text of a submission is a string cell, never a formula */
    assert_xpath(wb, "count(//string[. = '=SUM(A1:A9)'])", "1");
    assert_xpath(wb, "count(//formula[contains(@expr, 'A1:A9')])", "0");
    assert_xpath(wb, "count(//string[starts-with(., '=HYPERLINK')])", "1");
    /* budget: row sums, column sums, the stated total and rates */
    assert_xpath(wb, "string(/workbook/sheet[3]/row[@n = 9]/formula[@col = 11]/@expr)",
                 "=SUM(E9:I9)");
    assert_xpath(wb, "string(/workbook/sheet[3]/row[@n = 9]/formula[@col = 11]/@value)",
                 "3000");
    assert_xpath(wb, "string(/workbook/sheet[3]/row[@n = 14]/formula[@col = 5]/@expr)",
                 "=SUM(E9:E12)");
    assert_xpath(wb, "string(/workbook/sheet[3]/row[@n = 14]/formula[@col = 5]/@value)",
                 "4600");
    assert_xpath(wb, "string(/workbook/sheet[3]/row[@n = 15]/number[@col = 4]/@value)",
                 "18000");
    /* the 2026 column has no plan: blank, not 0 */
    assert_xpath(wb, "name(/workbook/sheet[3]/row[@n = 9]/*[@col = 10])", "blank");
    /* the Cộng rows add Part B only, as «Tổng hợp» and the HTML do: A3's
     * 50 of 2026 (Part A, listed below the Part B rows) is not in them
     * (issue 13 fault 5) */
    assert_xpath(wb, "string(/workbook/sheet[3]/row[@n = 25]/formula[@col = 10]/@expr)",
                 "=SUM(J20:J23)");
    assert_xpath(wb, "string(/workbook/sheet[3]/row[@n = 25]/formula[@col = 10]/@value)",
                 "0");
    assert_xpath(wb, "string(/workbook/sheet[3]/row[@n = 24]/number[@col = 10]/@value)",
                 "50");
    /* II allocated total of 2023 = 3400.5; IV rate = disbursed/allocated */
    assert_xpath(wb, "string(/workbook/sheet[3]/row[@n = 25]/formula[@col = 7]/@value)",
                 "3400.5");
    assert_xpath(wb, "string(//sheet[@name = 'Kinh phí']/row/formula[@expr = '=E29/E20']/@value)",
                 "0.954545454545455");
    /* derived figures are formulas over the cells of their own sheet
     * (issue 16): files = accepted + rejected + replaced, units missing =
     * expected - submitted, share of the minimum = cumulative / minimum */
    assert_xpath(wb, "string(//sheet[@name = 'Tổng hợp']/row[@n = 5]/formula[@col = 2]/@expr)",
                 "=SUM(B6:B8)");
    assert_xpath(wb, "string(//sheet[@name = 'Tổng hợp']/row[@n = 13]/formula[@col = 2]/@expr)",
                 "=B11-B12");
    assert_xpath(wb, "string(//sheet[@name = 'Chỉ tiêu']/row[@n = 5]/formula[@col = 10]/@expr)",
                 "=H5/D5");
    /* and over the sheet that holds the parts: Tổng hợp's money is the
     * Cộng Phần B rows of Kinh phí II and III (this year's column, every
     * year) */
    assert_xpath(wb, "string(//sheet[@name = 'Tổng hợp']/row[@n = 11]/formula[@col = 2]/@expr)",
                 "='Đơn vị'!E12");
    assert_xpath(wb, "string(//sheet[@name = 'Đơn vị']/row[@n = 12]/formula[@col = 5]/@expr)",
                 "=COUNTIF(E5:E11,\"có\")");
    assert_xpath(wb, "string(//sheet[@name = 'Tổng hợp']/row[@n = 18]/formula[@col = 2]/@expr)",
                 "='Kinh phí'!J25");
    assert_xpath(wb, "string(//sheet[@name = 'Tổng hợp']/row[@n = 18]/formula[@col = 3]/@expr)",
                 "=SUM('Kinh phí'!E25:J25)");
    assert_xpath(wb, "string(//sheet[@name = 'Tổng hợp']/row[@n = 18]/formula[@col = 3]/@value)",
                 "16500.5");
    assert_xpath(wb, "string(//sheet[@name = 'Tổng hợp']/row[@n = 19]/formula[@col = 2]/@expr)",
                 "='Kinh phí'!J34");
    /* no number of Tổng hợp, Kinh phí, the chart sheets, the kinds and
     * the tasks that is a total of other cells is a constant: every
     * number in a "Cộng" row or column is a formula */
    assert_xpath(wb, "count(//sheet[@name = 'Kinh phí' or @name = 'Hồ sơ theo loại']"
                     "/row[string[@col = 2][starts-with(., 'Cộng')]]/number)", "0");
    /* the yearly series by kind: a row a kind, a column a year, SUMs */
    assert_xpath(wb, "count(//sheet[@name = 'Hồ sơ theo loại']/row[@n = 7]/number)", "0");
    assert_xpath(wb, "boolean(//sheet[@name = 'Hồ sơ theo loại']/row/formula[starts-with(@expr, '=SUM(C')])",
                 "true");
    assert_xpath(wb, "boolean(//sheet[@name = 'Khối lượng nhiệm vụ']/row[@n = 5]/formula[starts-with(@expr, '=SUM(F5:')])",
                 "true");
    /* status words in Vietnamese, never the aggregate's codes */
    assert_xpath(wb, "count(//string[. = 'filed' or . = 'granted' or . = 'refused'"
                     " or . = 'counted' or . = 'merged' or . = 'behind'])", "0");
    /* the cumulative value is the sum of the yearly values below */
    assert_xpath(wb, "starts-with(//sheet[@name = 'Chỉ tiêu']/row[@n = 5]/formula[@col = 8]/@expr, '=SUM(C')",
                 "true");
    /* one precision for money: 3400.5 is in the budget, so every amount
     * of Kinh phí has three decimals, none a whole-number format */
    assert_xpath(wb, "count(//sheet[@name = 'Kinh phí']/row/*[@format = 'int' or @format = 'int-b'])", "0");
    assert_xpath(wb, "string(//sheet[@name = 'Kinh phí']/row[@n = 9]/formula[@col = 11]/@format)", "amount-b");
    /* Times New Roman like the HTML, in every format (issue 16) */
    assert_xpath(wb, "count(/workbook/formats/format[not(@font-name = 'Times New Roman')])", "0");
    /* wrapped text rows are tall enough for their text: no row of «Chỉ
     * tiêu» or of the Kinh phí tasks keeps the default height, which
     * prints a wrapped name over the next row (issue 16) */
    assert_xpath(wb, "count(//sheet[@name = 'Chỉ tiêu']/row[@n >= 5 and string[@col = 2][@format = 'text']][not(@height)])", "0");
    assert_xpath(wb, "count(//sheet[@name = 'Kinh phí']/row[string[@col = 2 and string-length(.) > 34]][not(@height >= 33)])", "0");
    /* the banner on every sheet */
    assert_xpath(wb, "count(/workbook/sheet/merge[@first-row = 2][starts-with(., 'Dữ liệu minh họa')])",
                 "11");
    /* every sheet printed on A4 one page wide, page numbers in the footer,
     * the issuing body and the illustrative mark in the header */
    assert_xpath(wb, "count(/workbook/sheet/print[@fit-width = 'true']"
                     "[@footer = '&L&A&CTrang &P/&N&RSố liệu năm 2026'])",
                 "11");
    assert_xpath(wb, "count(/workbook/sheet/print[@header = '&LSỞ KHOA HỌC VÀ CÔNG NGHỆ"
                     "&RDữ liệu minh họa – không dùng để báo cáo chính thức'])",
                 "11");
    assert_xpath(wb, "count(/workbook/sheet[print/@landscape = 'true'])", "10");
    assert_xpath(wb, "string(/workbook/sheet[@name = 'Chi tiết']/print/@repeat-first)", "4");
    assert_xpath(wb, "count(/workbook/sheet[print/@fit-height = 'true'])", "2");
    /* the charts, each on its own sheet, over formula cells of that sheet
     * which read the sheets holding the figures (the writer caches their
     * values as the charts' points: test_xlsx_contents) */
    assert_xpath(wb, "count(//chart)", "2");
    assert_xpath(wb, "string(/workbook/sheet[4]/chart/@type)", "bar");
    assert_xpath(wb, "string(/workbook/sheet[4]/chart/series[1]/@values)", "C5:C7");
    assert_xpath(wb, "string(/workbook/sheet[4]/chart/series[1]/@categories)", "B5:B7");
    assert_xpath(wb, "string(/workbook/sheet[4]/row[@n = 5]/formula[@col = 3]/@x)",
                 "/aggregate[1]/targets[1]/target[@id='T1']/@share-min");
    assert_xpath(wb, "string(/workbook/sheet[4]/row[@n = 5]/formula[@col = 3]/@expr)",
                 "='Chỉ tiêu'!J5");
    assert_xpath(wb, "string(/workbook/sheet[5]/chart/@type)", "column");
    /* the budget chart: khái toán, allocated, disbursed, a row a year */
    assert_xpath(wb, "count(/workbook/sheet[5]/chart/series)", "3");
    assert_xpath(wb, "string(/workbook/sheet[5]/chart/series[1]/@name)", "Khái toán theo Đề án");
    assert_xpath(wb, "string(/workbook/sheet[5]/chart/series[1]/@values)", "B5:B10");
    assert_xpath(wb, "string(/workbook/sheet[5]/chart/series[3]/@values)", "D5:D10");
    assert_xpath(wb, "string(/workbook/sheet[5]/chart/series[3]/@categories)", "A5:A10");
    assert_xpath(wb, "string(/workbook/sheet[5]/row[@n = 7]/formula[@col = 4]/@x)",
                 "/aggregate[1]/budget[1]/total[@y='2023']/@disbursed");
    assert_xpath(wb, "string(/workbook/sheet[5]/row[@n = 7]/formula[@col = 4]/@expr)",
                 "='Kinh phí'!G34");
    assert_xpath(wb, "string(/workbook/sheet[5]/row[@n = 7]/formula[@col = 5]/@expr)",
                 "=D7/C7");
    /* 2026 has no khái toán: a blank, a gap in the chart, not a 0 */
    assert_xpath(wb, "name(/workbook/sheet[5]/row[@n = 10]/*[@col = 2])", "blank");
    /* one number format a column in every table: Chỉ tiêu's "Mức cần có"
     * and Tổng hợp's counts and money in tables of their own */
    assert_xpath(wb, "count(//sheet[@name = 'Chỉ tiêu']/row[@n >= 5 and @n <= 12]/*[@col = 9][@format != 'dec1'])", "0");
    assert_xpath(wb, "count(//sheet[@name = 'Biểu đồ kinh phí']/row/*[@col = 3][@format = 'pct'])", "0");
    xmlFreeDoc(wb);
}

/* --- xlsx_writer.c ---------------------------------------------------------- */

/* The concatenated text of every zip entry whose name starts with prefix
 * and ends with ".xml". */
static char *zip_entries(const char *path, const char *prefix)
{
    int err = 0;
    zip_t *z = zip_open(path, ZIP_RDONLY, &err);
    assert_non_null(z);
    bc_strbuf sb = BC_STRBUF_INIT;
    zip_int64_t n = zip_get_num_entries(z, 0);
    for (zip_int64_t i = 0; i < n; i++) {
        const char *name = zip_get_name(z, (zip_uint64_t)i, 0);
        size_t ln = name ? strlen(name) : 0;
        if (!name || strncmp(name, prefix, strlen(prefix)) != 0 || ln < 4 ||
            strcmp(name + ln - 4, ".xml") != 0)
            continue;
        zip_stat_t st;
        assert_int_equal(zip_stat_index(z, (zip_uint64_t)i, 0, &st), 0);
        zip_file_t *zf = zip_fopen_index(z, (zip_uint64_t)i, 0);
        assert_non_null(zf);
        char *buf = malloc(st.size + 1);
        assert_non_null(buf);
        assert_int_equal(zip_fread(zf, buf, st.size), (zip_int64_t)st.size);
        zip_fclose(zf);
        sb_add(&sb, buf, st.size);
        free(buf);
    }
    zip_close(z);
    return sb_detach(&sb);
}

static void make_xlsx(fx *f, const char *out)
{
    xmlDocPtr wb = NULL;
    assert_int_equal(render_doc(XSL_XLSX, f->agg, f->d, &wb), BC_OK);
    assert_int_equal(xlsx_write_checked(wb, XSD_WORKBOOK, out, f->d), BC_OK);
    xmlFreeDoc(wb);
}

static void test_xlsx_contents(void **state)
{
    fx *f = *state;
    const char *out = scratch(f, "bao-cao-2026.xlsx");
    make_xlsx(f, out);
    assert_int_equal(diag_count(f->d), 0);
    assert_true(bc_is_file(out));
    char *tmp = bc_tmp_path(out);
    assert_false(bc_is_file(tmp));
    free(tmp);

    char *sheets = zip_entries(out, "xl/worksheets/sheet");
    char *strings = zip_entries(out, "xl/sharedStrings.xml");
    char *core = zip_entries(out, "docProps/core.xml");
    char *wbxml = zip_entries(out, "xl/workbook.xml");
    char *charts = zip_entries(out, "xl/charts/chart");
    /* formulas with their cached values */
    /* the row sum covers 2021-2025, the phase of the khái toán; 2026
     * stands apart (issue 13 reading h) */
    assert_contains(sheets, "<f>SUM(E9:I9)</f><v>3000</v>");
    assert_contains(sheets, "<f>SUM(E9:E12)</f><v>4600</v>");
    assert_contains(sheets, "<f>SUM(G20:G23)</f><v>3400.5</v>");
    assert_contains(sheets, "<f>E29/E20</f><v>0.954545454545455</v>");
    assert_contains(sheets, "<f>D15-D14</f><v>5000</v>");
    /* "=..." text from a submission is a shared string, not a formula */
    assert_lacks(sheets, "<f>SUM(A1:A9)");
    assert_lacks(sheets, "HYPERLINK");
    assert_contains(strings, "<t>=SUM(A1:A9)</t>");
    assert_contains(strings, "<t>=HYPERLINK(\"http://x\")</t>");
    assert_contains(strings, "Số đơn không đúng dạng &lt;script&gt;");
    assert_contains(strings, "Dữ liệu minh họa");
    assert_contains(sheets, "<autoFilter ");
    assert_contains(sheets, "<pane ");
    assert_contains(sheets, "<mergeCell ");
    /* properties: created from the report date, author = issuing body */
    assert_contains(core, "2027-01-05T00:00:00Z");
    assert_contains(core, "<dc:creator>SỞ KHOA HỌC VÀ CÔNG NGHỆ</dc:creator>");
    assert_contains(wbxml, "name=\"Kinh phí\"");
    /* print set-up: titles repeated, footer with the page number */
    assert_contains(wbxml, "'Chi tiết'!$4:$4</definedName>");
    assert_contains(sheets, "<oddFooter>&amp;L&amp;A&amp;CTrang &amp;P/&amp;N");
    assert_contains(sheets, "paperSize=\"9\"");
    /* the two charts, their cached points from the cells */
    assert_contains(charts, "<c:f>'Biểu đồ chỉ tiêu'!$C$5:$C$7</c:f>");
    assert_contains(charts, "<c:f>'Biểu đồ kinh phí'!$B$5:$B$10</c:f>");
    assert_contains(charts, "<c:v>Kinh phí đã giải ngân</c:v>");
    assert_contains(charts, "<c:v>Khái toán theo Đề án</c:v>");
    assert_lacks(charts, "<c:strRef><c:f>'Biểu đồ kinh phí'!$B$5");
    /* points read from formula cells carry the formulas' values, not the
     * 0 libxlsxwriter would cache: T1's share 0.75, 2023's 3400.5; the
     * khái toán of 2026 is a gap (5 points of 6) */
    assert_contains(charts, "<c:f>'Biểu đồ chỉ tiêu'!$C$5:$C$7</c:f><c:numCache>"
                            "<c:formatCode>General</c:formatCode><c:ptCount val=\"3\"/>"
                            "<c:pt idx=\"0\"><c:v>0.75</c:v>");
    assert_contains(charts, "<c:pt idx=\"2\"><c:v>3400.5</c:v></c:pt>");
    assert_contains(charts, "<c:ptCount val=\"6\"/><c:pt idx=\"0\"><c:v>4600</c:v></c:pt>");
    free(charts);
    free(sheets);
    free(strings);
    free(core);
    free(wbxml);
}

static void test_xlsx_deterministic(void **state)
{
    fx *f = *state;
    const char *a = scratch(f, "a.xlsx"), *b = scratch(f, "b.xlsx");
    make_xlsx(f, a);
    make_xlsx(f, b);
    size_t na, nb;
    char *x = slurp(a, &na), *y = slurp(b, &nb);
    assert_int_equal(na, nb);
    assert_memory_equal(x, y, na);
    free(x);
    free(y);
}

static xmlDocPtr parse_mem(const char *xml)
{
    xmlDocPtr doc = xmlReadMemory(xml, (int)strlen(xml), "mem.xml", NULL,
                                  XML_PARSE_NONET);
    assert_non_null(doc);
    return doc;
}

static void test_xlsx_bad_sheet_name(void **state)
{
    fx *f = *state;
    const char *out = scratch(f, "bad.xlsx");
    xmlDocPtr doc = parse_mem(
        "<workbook format='1'><properties title='t' created='2026-12-14'/>"
        "<formats/><sheet name='Thu/Chi'><row n='1'><string col='1'>x</string>"
        "</row></sheet></workbook>");
    assert_int_equal(xlsx_write(doc, out, f->d), BC_ERR_INVALID);
    assert_finding(f->d, "XLSX", "Thu/Chi");
    assert_false(bc_is_file(out));
    char *tmp = bc_tmp_path(out);
    assert_false(bc_is_file(tmp));
    free(tmp);
    /* the schema catches it first when given */
    assert_int_equal(xlsx_write_checked(doc, XSD_WORKBOOK, out, f->d),
                     BC_ERR_TEMPLATE);
    assert_finding(f->d, "XSD", NULL);
    assert_false(bc_is_file(out));
    xmlFreeDoc(doc);
}

static void test_xlsx_unknown_format_and_created(void **state)
{
    fx *f = *state;
    const char *out = scratch(f, "bad2.xlsx");
    xmlDocPtr doc = parse_mem(
        "<workbook format='1'><properties title='t' created='2026-12-14'/>"
        "<formats/><sheet name='A'><row n='1'><number col='1' value='1' "
        "format='nope'/></row></sheet></workbook>");
    assert_int_equal(xlsx_write(doc, out, f->d), BC_ERR_INVALID);
    assert_finding(f->d, "XLSX", "nope");
    xmlFreeDoc(doc);
    doc = parse_mem("<workbook format='1'><properties title='t' "
                    "created='hôm nay'/><formats/><sheet name='A'/></workbook>");
    assert_int_equal(xlsx_write(doc, out, f->d), BC_ERR_INVALID);
    assert_finding(f->d, "XLSX", "hôm nay");
    assert_false(bc_is_file(out));
    xmlFreeDoc(doc);
}

static void test_parse_number(void **state)
{
    (void)state;
    double v = 0;
    assert_int_equal(xlsx_parse_number("1200.5", &v), 0);
    assert_true(v == 1200.5);
    assert_int_equal(xlsx_parse_number("-2000", &v), 0);
    assert_true(v == -2000.0);
    assert_int_equal(xlsx_parse_number("0.954545454545455", &v), 0);
    assert_true(v == 0.954545454545455);
    assert_int_equal(xlsx_parse_number("1.5e-06", &v), 0);
    assert_true(v == 1.5e-06);
    assert_int_equal(xlsx_parse_number("0.1", &v), 0);
    assert_true(v == 0.1);
    assert_int_equal(xlsx_parse_number("1,5", &v), -1);
    assert_int_equal(xlsx_parse_number("", &v), -1);
    assert_int_equal(xlsx_parse_number("NaN", &v), -1);
    assert_int_equal(xlsx_parse_number("1e999", &v), -1);
    time_t t = 0;
    assert_int_equal(xlsx_parse_created("2027-01-05", &t), 0);
    assert_int_equal((long long)t, 1799107200LL);
    assert_int_equal(xlsx_parse_created("1970-01-01", &t), 0);
    assert_int_equal((long long)t, 0LL);
    assert_int_equal(xlsx_parse_created("2024-02-29Z", &t), 0);
    assert_int_equal(xlsx_parse_created("2023-02-29", &t), -1);
    assert_int_equal(xlsx_parse_created("2024-04-31", &t), -1);
    assert_int_equal(xlsx_parse_created("05/01/2027", &t), -1);
}

/* --- render.c: failures, security, parameters ------------------------------- */

static void test_broken_template_compile(void **state)
{
    fx *f = *state;
    const char *xsl = scratch(f, "broken.xsl");
    write_text(xsl,
               "<?xml version=\"1.0\"?>\n"
               "<xsl:stylesheet version=\"1.0\"\n"
               "  xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\">\n"
               "  <xsl:template match=\"/\">\n"
               "    <p><xsl:value-of select=\"count(((\"/></p>\n"
               "  </xsl:template>\n"
               "</xsl:stylesheet>\n");
    const char *out = scratch(f, "broken.html");
    assert_int_equal(render_html(xsl, f->agg, out, f->d), BC_ERR_TEMPLATE);
    const bc_finding *fd = assert_finding(f->d, "TEMPLATE", NULL);
    assert_string_equal(fd->file, xsl);
    assert_int_equal(fd->line, 5);
    assert_false(bc_is_file(out));
}

static void test_broken_template_xml(void **state)
{
    fx *f = *state;
    const char *xsl = scratch(f, "broken2.xsl");
    write_text(xsl,
               "<?xml version=\"1.0\"?>\n"
               "<xsl:stylesheet version=\"1.0\"\n"
               "  xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\">\n"
               "  <xsl:template match=\"/\"><p></xsl:template>\n"
               "</xsl:stylesheet>\n");
    xmlDocPtr res = NULL;
    assert_int_equal(render_doc(xsl, f->agg, f->d, &res), BC_ERR_TEMPLATE);
    assert_null(res);
    const bc_finding *fd = assert_finding(f->d, "TEMPLATE", NULL);
    assert_string_equal(fd->file, xsl);
    assert_int_equal(fd->line, 4);
}

static void test_template_runtime_error(void **state)
{
    fx *f = *state;
    const char *xsl = scratch(f, "stop.xsl");
    write_text(xsl,
               "<?xml version=\"1.0\"?>\n"
               "<xsl:stylesheet version=\"1.0\"\n"
               "  xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\">\n"
               "  <xsl:template match=\"/\">\n"
               "    <xsl:message terminate=\"yes\">dừng</xsl:message>\n"
               "  </xsl:template>\n"
               "</xsl:stylesheet>\n");
    const char *out = scratch(f, "stop.html");
    assert_int_equal(render_html(xsl, f->agg, out, f->d), BC_ERR_TEMPLATE);
    assert_finding(f->d, "TEMPLATE", NULL);
    assert_false(bc_is_file(out));
}

/* xsl:document (XSLT 1.1) would write a file: forbidden. */
static void test_write_forbidden(void **state)
{
    fx *f = *state;
    const char *xsl = scratch(f, "write.xsl");
    const char *evil = scratch(f, "evil.txt");
    char *text = bc_asprintf(
        "<?xml version=\"1.0\"?>\n"
        "<xsl:stylesheet version=\"1.1\"\n"
        "  xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\">\n"
        "  <xsl:template match=\"/\">\n"
        "    <xsl:document href=\"%s\" method=\"text\">x</xsl:document>\n"
        "    <p>ok</p>\n"
        "  </xsl:template>\n"
        "</xsl:stylesheet>\n",
        evil);
    write_text(xsl, text);
    free(text);
    xmlDocPtr res = NULL;
    assert_int_equal(render_doc(xsl, f->agg, f->d, &res), BC_ERR_TEMPLATE);
    assert_null(res);
    assert_false(bc_is_file(evil));
    assert_finding(f->d, "TEMPLATE", NULL);
}

/* String parameters are passed literally, whatever quotes they hold. */
static void test_params_quoted(void **state)
{
    fx *f = *state;
    const char *xsl = scratch(f, "param.xsl");
    write_text(xsl,
               "<?xml version=\"1.0\"?>\n"
               "<xsl:stylesheet version=\"1.0\"\n"
               "  xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\">\n"
               "  <xsl:param name=\"p\" select=\"'mặc định'\"/>\n"
               "  <xsl:template match=\"/\"><r><xsl:value-of select=\"$p\"/></r>"
               "</xsl:template>\n"
               "</xsl:stylesheet>\n");
    const char *value = "it's \"Lạng Sơn\" ') or count(/*) or ('";
    const char *params[] = {"p", value, NULL};
    xmlDocPtr res = NULL;
    assert_int_equal(render_doc_params(xsl, f->agg, params, f->d, &res), BC_OK);
    assert_xpath(res, "string(/r)", value);
    xmlFreeDoc(res);
}

static void test_missing_template(void **state)
{
    fx *f = *state;
    xmlDocPtr res = NULL;
    assert_int_equal(render_doc(scratch(f, "none.xsl"), f->agg, f->d, &res),
                     BC_ERR_TEMPLATE);
    assert_null(res);
    assert_finding(f->d, "TEMPLATE", NULL);
}

int main(void)
{
    xmlio_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_fixture_is_valid, setup, teardown),
        cmocka_unit_test_setup_teardown(test_report_html, setup, teardown),
        cmocka_unit_test_setup_teardown(test_report_deterministic, setup, teardown),
        cmocka_unit_test_setup_teardown(test_report_blank_settings, setup, teardown),
        cmocka_unit_test_setup_teardown(test_report_revision_names, setup, teardown),
        cmocka_unit_test_setup_teardown(test_report_signed_caps, setup, teardown),
        cmocka_unit_test_setup_teardown(test_report_number_padded, setup, teardown),
        cmocka_unit_test_setup_teardown(test_check_html, setup, teardown),
        cmocka_unit_test_setup_teardown(test_workbook_description, setup, teardown),
        cmocka_unit_test_setup_teardown(test_xlsx_contents, setup, teardown),
        cmocka_unit_test_setup_teardown(test_xlsx_deterministic, setup, teardown),
        cmocka_unit_test_setup_teardown(test_xlsx_bad_sheet_name, setup, teardown),
        cmocka_unit_test_setup_teardown(test_xlsx_unknown_format_and_created, setup, teardown),
        cmocka_unit_test(test_parse_number),
        cmocka_unit_test_setup_teardown(test_broken_template_compile, setup, teardown),
        cmocka_unit_test_setup_teardown(test_broken_template_xml, setup, teardown),
        cmocka_unit_test_setup_teardown(test_template_runtime_error, setup, teardown),
        cmocka_unit_test_setup_teardown(test_write_forbidden, setup, teardown),
        cmocka_unit_test_setup_teardown(test_params_quoted, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_template, setup, teardown),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    xsltCleanupGlobals();
    xmlCleanupParser();
    return failed;
}
