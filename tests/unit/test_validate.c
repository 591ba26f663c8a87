/* test_validate.c - one test per rule, each with an input that breaks it
 * and the exact finding; a fully valid submission gives none.
 *
 * The plan is built by hand (a plain struct) so the tests do not depend on
 * the real plan data; one test at the end runs the real plan file.
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "plan.h"
#include "validate.h"
#include "xmlio.h"

#define XSD "templates/schema/submission.xsd"

/* --- the hand-made plan ---------------------------------------------------- */

enum { K_CDDL, K_NHTT, K_NHCN, K_SC, K_KDCN, K_GCT, K_NH };
#define BIT(k) ((uint32_t)1 << (k))

static plan_kind kinds[] = {
    {"CDDL", "chỉ dẫn địa lý", "CDĐL", 1},
    {"NHTT", "nhãn hiệu tập thể", "NH tập thể", 1},
    {"NHCN", "nhãn hiệu chứng nhận", NULL, 1},
    {"SC", "sáng chế", NULL, 1},
    {"KDCN", "kiểu dáng công nghiệp", NULL, 1},
    {"GCT", "giống cây trồng", NULL, 0},
    {"NH", "nhãn hiệu thông thường", "nhãn hiệu", 1},
};
static plan_prefix prefixes[] = {
    {1, BIT(K_SC), 1},
    {3, BIT(K_KDCN), 1},
    {4, BIT(K_NH) | BIT(K_NHTT) | BIT(K_NHCN), 1},
    {6, BIT(K_CDDL), 0},
};
static plan_activity_kind activity_kinds[] = {
    {"tap-huan", "lớp tập huấn, bồi dưỡng", ACT_COUNTS_CLASSES},
    {"nhiem-vu", "nhiệm vụ khoa học và công nghệ", ACT_COUNTS_TASKS},
    {"hoi-thao", "hội thảo, sự kiện", ACT_COUNTS_ONE},
    {"truyen-thong", "truyền thông", ACT_COUNTS_ONE},
    {"khac", "khác", ACT_COUNTS_ONE},
};
static plan_target targets[] = {
    {"T2", "nhãn hiệu tập thể mới", "nhãn hiệu tập thể", TARGET_RANGE,
     BIT(K_NHTT), COUNT_GRANTED, 1, 25, 35, 0, 0, 0, 0, NULL},
    {"T8", "NHTT/NHCN được hỗ trợ phát triển", "nhãn hiệu", TARGET_RANGE,
     BIT(K_NHTT) | BIT(K_NHCN), COUNT_SUPPORTED, 0, 10, 10, 0, 0, 0, 0,
     NULL},
};
static plan_task_a tasks_a[] = {
    {"A1", 1, "Cổng thông tin SHTT", "SKHCN", NULL, 2, "classes", "lớp",
     NULL, NULL, {0}},
    {"A2", 2, "Nhiệm vụ KH&CN", "SKHCN", NULL, 2, "tasks", "nhiệm vụ",
     NULL, NULL, {0}},
    {"A3", 3, "Tập huấn doanh nghiệp", "SKHCN", NULL, 5, "classes", "lớp",
     NULL, NULL, {0}},
};
/* B10: 400 triệu đồng a year (bc_money: millionths of a triệu) */
static plan_amount b10_years[] = {
    {2021, 400000000}, {2022, 400000000}, {2023, 400000000},
    {2024, 400000000}, {2025, 400000000},
};
/* B7: 3.000 in all (the plan's whole budget is then 5.000 triệu) */
static plan_amount b7_years[] = {
    {2021, 2200000000}, {2022, 200000000}, {2023, 200000000},
    {2024, 200000000}, {2025, 200000000},
};
static plan_task_b tasks_b[] = {
    {"B7", "7", "Trung tâm đổi mới sáng tạo", "SKHCN", 3000000000, b7_years,
     BC_ARRAY_LEN(b7_years), NULL},
    {"B10", "10", "Truyền thông về SHTT", "SKHCN", 2000000000, b10_years,
     BC_ARRAY_LEN(b10_years), NULL},
};
static plan_unit units[] = {
    {"SKHCN", "Sở Khoa học và Công nghệ", "Sở KHCN", NULL, UNIT_DEPARTMENT,
     0, 0, NULL, 1},
    {"183", "Huyện Cao Lộc", NULL, NULL, UNIT_DISTRICT, 0, 20250630, "X01",
     1},
    {"X01", "Xã Mẫu (dữ liệu thử)", NULL, NULL, UNIT_COMMUNE, 20250701, 0,
     NULL, 1},
};

static plan P;

static void plan_init(void)
{
    P.title = "Đề án thử";
    P.start_year = 2021;
    P.end_year = 2030;
    P.period_month = 12;
    P.period_day = 15;
    P.kinds = kinds;
    P.n_kinds = BC_ARRAY_LEN(kinds);
    P.prefixes = prefixes;
    P.n_prefixes = BC_ARRAY_LEN(prefixes);
    P.activity_kinds = activity_kinds;
    P.n_activity_kinds = BC_ARRAY_LEN(activity_kinds);
    P.targets = targets;
    P.n_targets = BC_ARRAY_LEN(targets);
    P.tasks_a = tasks_a;
    P.n_tasks_a = BC_ARRAY_LEN(tasks_a);
    P.tasks_b = tasks_b;
    P.n_tasks_b = BC_ARRAY_LEN(tasks_b);
    P.units = units;
    P.n_units = BC_ARRAY_LEN(units);
}

/* --- harness ---------------------------------------------------------------- */

typedef struct fixture {
    bc_validator *v;
    bc_diag *d;
    submission *s;
} fixture;

static int setup(void **state)
{
    static fixture fx;
    bc_diag *d = diag_new();
    plan_init();
    fx.v = validator_new(&P, XSD, d);
    if (!fx.v) {
        for (size_t i = 0; i < diag_count(d); i++)
            diag_print(diag_get(d, i), stderr);
        diag_free(d);
        return -1;
    }
    diag_free(d);
    *state = &fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    validator_free(fx->v);
    return 0;
}

static int each_setup(void **state)
{
    fixture *fx = *state;
    fx->d = diag_new();
    fx->s = NULL;
    return fx->d ? 0 : -1;
}

static int each_teardown(void **state)
{
    fixture *fx = *state;
    submission_free(fx->s);
    diag_free(fx->d);
    return 0;
}

/* Validates <submission format="1" unit=UNIT year=YEAR>BODY</submission>
 * from memory as file "t.xml" in folder cycle. */
static bc_status run(fixture *fx, const char *unit, const char *year,
                     int cycle, const char *body)
{
    char *xml = bc_asprintf("<submission format=\"1\" unit=\"%s\" "
                            "year=\"%s\">\n%s\n</submission>\n",
                            unit, year, body);
    assert_non_null(xml);
    xmlDocPtr doc = xmlio_read_memory(xml, strlen(xml), "t.xml", fx->d, NULL);
    free(xml);
    assert_non_null(doc);
    submission_free(fx->s);
    fx->s = NULL;
    bc_status st = validate_doc(fx->v, doc, "t.xml", cycle, fx->d, &fx->s);
    xmlFreeDoc(doc);
    return st;
}

/* Prints every finding (helps when a test fails). */
static void dump(const bc_diag *d)
{
    for (size_t i = 0; i < diag_count(d); i++)
        diag_print(diag_get(d, i), stderr);
}

/* Asserts exactly one finding in d, with this code, severity, found and
 * expected (NULL: must be absent); returns it. */
static const bc_finding *only(const bc_diag *d, const char *code,
                              bc_severity sev, const char *found,
                              const char *expected)
{
    if (diag_count(d) != 1)
        dump(d);
    assert_int_equal(diag_count(d), 1);
    const bc_finding *f = diag_get(d, 0);
    assert_string_equal(f->code, code);
    assert_int_equal(f->sev, sev);
    if (found)
        assert_string_equal(f->found, found);
    else
        assert_null(f->found);
    if (expected)
        assert_string_equal(f->expected, expected);
    else
        assert_null(f->expected);
    return f;
}

#define REC(kind, status, app, extra)                                     \
    "<records><record><kind>" kind "</kind><status>" status "</status>" \
    "<application>" app "</application>" extra "</record></records>"

#define ACT(task, date, kind, extra)                                  \
    "<activities><activity><task>" task "</task><date>" date        \
    "</date><kind>" kind "</kind>" extra "</activity></activities>"

#define LINE(task, alloc, disb)                                        \
    "<line><task>" task "</task><allocated>" alloc "</allocated>"   \
    "<disbursed>" disb "</disbursed></line>"

#define PERIOD_2024 "từ 15/12/2023 đến 14/12/2024"

/* --- the valid submission ------------------------------------------------- */

static const char VALID[] =
    "<contact><name>Nguyễn Văn A</name><role>Chuyên viên</role>"
    "<phone>0205 3812 345</phone><email>a@example.vn</email></contact>\n"
    "<records>\n"
    " <record><kind>NHTT</kind><status>filed</status>"
    "<application>4-2024-01234</application><filed>2024-03-01</filed>"
    "<name>Quýt vàng Bắc Sơn</name><product>quýt</product>"
    "<owner>HTX Bắc Sơn</owner><place>Bắc Sơn</place><task>A3</task>"
    "</record>\n"
    " <record><kind>KDCN</kind><status>granted</status>"
    "<application>ĐN3-2023-00012</application><filed>2023-05-02</filed>"
    "<granted>2024-06-10</granted><certificate>12345</certificate>"
    "</record>\n"
    " <record><kind>GCT</kind><status>filed</status>"
    "<application>GCT 2024/15</application><filed>2024-01-10</filed>"
    "</record>\n"
    " <record><kind>SC</kind><status>refused</status>"
    "<application>1-2022-00001</application><filed>2022-02-01</filed>"
    "</record>\n"
    "</records>\n"
    "<activities><activity><task>A1</task><date>2024-05-10</date>"
    "<kind>tap-huan</kind><title>Lớp tập huấn SHTT</title>"
    "<classes>2</classes><participants>60</participants></activity>"
    "<activity><task>A3</task><date>2023-12-15</date><kind>khac</kind>"
    "</activity></activities>\n"
    "<supports><support><mark>Hồi Lạng Sơn</mark><kind>NHTT</kind>"
    "<date>2024-07-01</date><task>B7</task><content>bao bì</content>"
    "</support></supports>\n"
    "<budget>" LINE("B7", "200", "150.5") LINE("B10", "400", "400")
    "</budget>\n"
    "<narrative><results>Tốt.</results><difficulties>Ít.</difficulties>"
    "<proposals>Thêm.</proposals></narrative>";

static void test_valid_submission(void **state)
{
    fixture *fx = *state;
    bc_status st = run(fx, "SKHCN", "2024", 2024, VALID);
    if (diag_count(fx->d))
        dump(fx->d);
    assert_int_equal(diag_count(fx->d), 0);
    assert_int_equal(st, BC_OK);
    const submission *s = fx->s;
    assert_non_null(s);
    assert_string_equal(s->unit_v, "SKHCN");
    assert_int_equal(s->year_v, 2024);
    assert_int_equal(s->illustrative_v, 0);
    assert_int_equal(s->n_records, 4);
    assert_int_equal(s->records[0].kind_v, K_NHTT);
    assert_int_equal(s->records[0].status_v, REC_FILED);
    assert_int_equal(s->records[0].filed_v, 20240301);
    assert_string_equal(s->records[0].appno_v, "4-2024-01234");
    assert_string_equal(s->records[1].appno_v, "3-2023-00012");
    assert_int_equal(s->records[1].status_v, REC_GRANTED);
    assert_int_equal(s->records[1].granted_v, 20240610);
    assert_string_equal(s->records[2].appno_v, "GCT 2024/15");
    assert_int_equal(s->records[3].status_v, REC_REFUSED);
    assert_string_equal(s->activities[0].task_v, "A1");
    assert_int_equal(s->activities[0].date_v, 20240510);
    assert_int_equal(s->activities[0].classes_v, 2);
    assert_int_equal(s->activities[0].participants_v, 60);
    assert_int_equal(s->activities[1].classes_v, -1);
    assert_int_equal(s->supports[0].kind_v, K_NHTT);
    assert_int_equal(s->supports[0].date_v, 20240701);
    assert_string_equal(s->supports[0].task_v, "B7");
    assert_string_equal(s->budget[0].task_v, "B7");
    assert_int_equal(s->budget[0].allocated_v, 200000000);
    assert_int_equal(s->budget[0].disbursed_v, 150500000);
    assert_int_equal(s->budget[0].amounts_ok, 1);
}

static void test_illustrative(void **state)
{
    fixture *fx = *state;
    const char *xml = "<submission format=\"1\" unit=\"SKHCN\" year=\"2024\" "
                "date=\"2024-12-20\" illustrative=\"true\"/>";
    xmlDocPtr doc = xmlio_read_memory(xml, strlen(xml), "t.xml", fx->d, NULL);
    assert_int_equal(validate_doc(fx->v, doc, "t.xml", 0, fx->d, &fx->s),
                     BC_OK);
    xmlFreeDoc(doc);
    assert_int_equal(diag_count(fx->d), 0);
    assert_int_equal(fx->s->illustrative_v, 1);
    assert_int_equal(fx->s->date_v, 20241220);
}

/* --- XSD ------------------------------------------------------------------ */

static void test_xsd_rejects_and_skips_rules(void **state)
{
    fixture *fx = *state;
    /* no year attribute, and an unknown unit the rules would report */
    const char *xml = "<submission format=\"1\" unit=\"999\"/>";
    xmlDocPtr doc = xmlio_read_memory(xml, strlen(xml), "t.xml", fx->d, NULL);
    assert_int_equal(validate_doc(fx->v, doc, "t.xml", 2024, fx->d, &fx->s),
                     BC_ERR_INVALID);
    xmlFreeDoc(doc);
    assert_null(fx->s);
    const bc_finding *f = assert_finding(fx->d, "XSD", NULL);
    assert_string_equal(f->expected, "thuộc tính year");
    assert_no_finding(fx->d, "UNIT-UNKNOWN");
    assert_string_equal(f->unit, "999"); /* context from the raw attribute */
    assert_int_equal(f->cycle, 2024);
}

/* --- units and years ------------------------------------------------------ */

static void test_unit_unknown(void **state)
{
    fixture *fx = *state;
    assert_int_equal(run(fx, "999", "2024", 2024, ""), BC_ERR_INVALID);
    const bc_finding *f =
        only(fx->d, "UNIT-UNKNOWN", BC_SEV_ERROR, "999",
             "mã đơn vị trong danh mục (templates/plan)");
    assert_non_null(strstr(f->message, "thuộc tính unit"));
    assert_null(fx->s->unit_v);
}

static void test_unit_not_valid(void **state)
{
    fixture *fx = *state;
    assert_int_equal(run(fx, "183", "2026", 0, ""), BC_ERR_INVALID);
    const bc_finding *f =
        only(fx->d, "UNIT-NOT-VALID", BC_SEV_ERROR, "183",
             "đơn vị có hiệu lực trong kỳ từ 15/12/2025 đến 14/12/2026 "
             "(báo cáo dưới mã X01)");
    assert_non_null(strstr(f->message, "đến 30/06/2025"));
    assert_non_null(strstr(f->message, "Xã Mẫu (dữ liệu thử)"));
    /* a commune before it existed */
    diag_free(fx->d);
    fx->d = diag_new();
    assert_int_equal(run(fx, "X01", "2024", 0, ""), BC_ERR_INVALID);
    f = only(fx->d, "UNIT-NOT-VALID", BC_SEV_ERROR, "X01",
             "đơn vị có hiệu lực trong kỳ " PERIOD_2024);
    assert_non_null(strstr(f->message, "từ 01/07/2025"));
}

static void test_unit_date(void **state)
{
    fixture *fx = *state;
    /* 2025 is split: the district still reports, but not for August */
    assert_int_equal(run(fx, "183", "2025", 2025,
                         ACT("A1", "2025-08-01", "tap-huan", "")),
                     BC_OK);
    only(fx->d, "UNIT-DATE", BC_SEV_WARNING, "01/08/2025",
         "trong thời gian hiệu lực của đơn vị (đến 30/06/2025)");
    assert_int_equal(fx->s->activities[0].date_v, 20250801);
}

static void test_year_out_of_plan(void **state)
{
    fixture *fx = *state;
    assert_int_equal(run(fx, "SKHCN", "2031", 0, ""), BC_ERR_INVALID);
    only(fx->d, "YEAR-OUT-OF-PLAN", BC_SEV_ERROR, "2031",
         "năm trong thời gian của kế hoạch (2021-2030)");
}

static void test_year_folder(void **state)
{
    fixture *fx = *state;
    assert_int_equal(run(fx, "SKHCN", "2023", 2024, ""), BC_ERR_INVALID);
    const bc_finding *f =
        only(fx->d, "YEAR-FOLDER", BC_SEV_ERROR, "2023",
             "2024 (năm của thư mục chứa tệp)");
    assert_string_equal(f->unit, "SKHCN");
    assert_int_equal(f->cycle, 2024);
}

/* --- kinds ------------------------------------------------------------------ */

static void test_kind_unknown(void **state)
{
    fixture *fx = *state;
    assert_int_equal(run(fx, "SKHCN", "2024", 0,
                         REC("XYZ", "filed", "4-2024-00001",
                             "<filed>2024-02-01</filed>")),
                     BC_ERR_INVALID);
    only(fx->d, "KIND-UNKNOWN", BC_SEV_ERROR, "XYZ",
         "mã loại đối tượng: CDDL, NHTT, NHCN, SC, KDCN, GCT, NH");
    assert_int_equal(fx->s->records[0].kind_v, -1);
    assert_string_equal(fx->s->records[0].appno_v, "4-2024-00001");
}

static void test_kind_alias(void **state)
{
    fixture *fx = *state;
    assert_int_equal(run(fx, "SKHCN", "2024", 0,
                         REC("nhãn hiệu tập thể", "filed", "4-2024-00001",
                             "<filed>2024-02-01</filed>")),
                     BC_OK);
    only(fx->d, "KIND-ALIAS", BC_SEV_WARNING, "nhãn hiệu tập thể", "NHTT");
    assert_int_equal(fx->s->records[0].kind_v, K_NHTT);

    diag_free(fx->d);
    fx->d = diag_new();
    assert_int_equal(run(fx, "SKHCN", "2024", 0,
                         REC("nhtt", "filed", "4-2024-00001",
                             "<filed>2024-02-01</filed>")),
                     BC_OK);
    only(fx->d, "KIND-ALIAS", BC_SEV_WARNING, "nhtt", "NHTT");
}

static void test_support_kind(void **state)
{
    fixture *fx = *state;
    assert_int_equal(run(fx, "SKHCN", "2024", 0,
                         "<supports><support><mark>Máy X</mark><kind>SC</kind>"
                         "<date>2024-03-01</date></support></supports>"),
                     BC_ERR_INVALID);
    only(fx->d, "SUPPORT-KIND", BC_SEV_ERROR, "SC",
         "loại được hỗ trợ phát triển: NHTT, NHCN");
}

/* --- record dates ------------------------------------------------------------ */

static void test_rec_date_missing(void **state)
{
    fixture *fx = *state;
    assert_int_equal(run(fx, "SKHCN", "2024", 0,
                         REC("NHTT", "filed", "4-2024-00001", "")),
                     BC_ERR_INVALID);
    only(fx->d, "REC-DATE-MISSING", BC_SEV_ERROR, NULL,
         "ngày nộp đơn (cột «Ngày nộp đơn»)");

    diag_free(fx->d);
    fx->d = diag_new();
    assert_int_equal(run(fx, "SKHCN", "2024", 0,
                         REC("NHTT", "granted", "4-2023-00001",
                             "<filed>2023-02-01</filed>")),
                     BC_ERR_INVALID);
    only(fx->d, "REC-DATE-MISSING", BC_SEV_ERROR, NULL,
         "ngày cấp bằng (cột «Ngày cấp bằng»)");
}

static void test_date_period(void **state)
{
    fixture *fx = *state;
    /* filed on the first day of the next period */
    assert_int_equal(run(fx, "SKHCN", "2024", 0,
                         REC("NHTT", "filed", "4-2024-00001",
                             "<filed>2024-12-15</filed>")),
                     BC_ERR_INVALID);
    const bc_finding *f = only(fx->d, "DATE-PERIOD", BC_SEV_ERROR,
                               "15/12/2024", PERIOD_2024);
    /* the form's column label, never the XML name (issue 14) */
    assert_non_null(strstr(f->message, "ngày nộp đơn (cột «Ngày nộp đơn»)"));
    assert_null(strstr(f->message, "<filed>"));

    /* granted before the period: reported late, a note (reading i); it
     * counts in the year of its date */
    diag_free(fx->d);
    fx->d = diag_new();
    assert_int_equal(run(fx, "SKHCN", "2024", 0,
                         REC("NHTT", "granted", "4-2023-00001",
                             "<filed>2023-01-05</filed>"
                             "<granted>2023-12-14</granted>")),
                     BC_OK);
    f = only(fx->d, "DATE-EARLIER", BC_SEV_NOTE, "14/12/2023", PERIOD_2024);
    assert_non_null(strstr(f->message, "năm 2023"));

    /* a pending application listed again: a note, not an error */
    diag_free(fx->d);
    fx->d = diag_new();
    assert_int_equal(run(fx, "SKHCN", "2024", 0,
                         REC("NHTT", "filed", "4-2022-00001",
                             "<filed>2022-03-05</filed>")),
                     BC_OK);
    f = only(fx->d, "DATE-EARLIER", BC_SEV_NOTE, "05/03/2022", PERIOD_2024);
    assert_non_null(strstr(f->message, "năm 2022"));

    /* a granted record filed after the period's end */
    diag_free(fx->d);
    fx->d = diag_new();
    run(fx, "SKHCN", "2024", 0,
        REC("NHTT", "granted", "4-2024-00001",
            "<filed>2024-12-20</filed><granted>2024-12-01</granted>"));
    assert_finding(fx->d, "DATE-PERIOD", "20/12/2024");

    /* an activity and a support */
    diag_free(fx->d);
    fx->d = diag_new();
    assert_int_equal(run(fx, "SKHCN", "2024", 0,
                         ACT("A1", "2023-12-14", "tap-huan", "")),
                     BC_OK);
    only(fx->d, "DATE-EARLIER", BC_SEV_NOTE, "14/12/2023", PERIOD_2024);
    diag_free(fx->d);
    fx->d = diag_new();
    assert_int_equal(run(fx, "SKHCN", "2024", 0,
                         ACT("A1", "2024-12-15", "tap-huan", "")),
                     BC_ERR_INVALID);
    only(fx->d, "DATE-PERIOD", BC_SEV_ERROR, "15/12/2024", PERIOD_2024);
    diag_free(fx->d);
    fx->d = diag_new();
    assert_int_equal(run(fx, "SKHCN", "2024", 0,
                         "<supports><support><mark>Hồi</mark><kind>NHTT</kind>"
                         "<date>2025-01-02</date></support></supports>"),
                     BC_ERR_INVALID);
    only(fx->d, "DATE-PERIOD", BC_SEV_ERROR, "02/01/2025", PERIOD_2024);
}

static void test_date_order(void **state)
{
    fixture *fx = *state;
    assert_int_equal(run(fx, "SKHCN", "2024", 0,
                         REC("NHTT", "granted", "4-2024-00001",
                             "<filed>2024-05-01</filed>"
                             "<granted>2024-04-01</granted>")),
                     BC_ERR_INVALID);
    only(fx->d, "DATE-ORDER", BC_SEV_ERROR, "01/04/2024",
         "không sớm hơn ngày nộp đơn 01/05/2024");
}

static void test_date_format(void **state)
{
    fixture *fx = *state;
    /* xs:date accepts year 0024; the rules do not */
    assert_int_equal(run(fx, "SKHCN", "2024", 0,
                         ACT("A1", "0024-05-01", "tap-huan", "")),
                     BC_ERR_INVALID);
    only(fx->d, "DATE-FORMAT", BC_SEV_ERROR, "0024-05-01",
         "ngày có thật dạng YYYY-MM-DD, năm 1900-2100");
}

/* --- application numbers --------------------------------------------------- */

#define APPNO_EXPECTED                                                  \
    "K-YYYY-NNNNN (ví dụ 4-2024-01234), có thể có tiền tố chữ như "     \
    "ĐN1-2017-00311"

static void test_appno_format(void **state)
{
    fixture *fx = *state;
    assert_int_equal(run(fx, "SKHCN", "2024", 0,
                         REC("NH", "filed", "4-24-1234",
                             "<filed>2024-02-01</filed>")),
                     BC_ERR_INVALID);
    only(fx->d, "APPNO-FORMAT", BC_SEV_ERROR, "4-24-1234", APPNO_EXPECTED);
    assert_null(fx->s->records[0].appno_v);

    /* prefixes and word-processor dashes are normalised */
    diag_free(fx->d);
    fx->d = diag_new();
    assert_int_equal(run(fx, "SKHCN", "2024", 0,
                         REC("NH", "filed", "đn 4–2024–00077",
                             "<filed>2024-02-01</filed>")),
                     BC_OK);
    assert_int_equal(diag_count(fx->d), 0);
    assert_string_equal(fx->s->records[0].appno_v, "4-2024-00077");

    /* more than three prefix letters */
    diag_free(fx->d);
    fx->d = diag_new();
    run(fx, "SKHCN", "2024", 0,
        REC("NH", "filed", "ABCD4-2024-00077", "<filed>2024-02-01</filed>"));
    only(fx->d, "APPNO-FORMAT", BC_SEV_ERROR, "ABCD4-2024-00077",
         APPNO_EXPECTED);
}

static void test_appno_prefix(void **state)
{
    fixture *fx = *state;
    assert_int_equal(run(fx, "SKHCN", "2024", 0,
                         REC("NH", "filed", "7-2024-00001",
                             "<filed>2024-02-01</filed>")),
                     BC_OK);
    only(fx->d, "APPNO-PREFIX", BC_SEV_WARNING, "7-2024-00001",
         "chữ số đầu trong bảng tiền tố của kế hoạch: 1, 3, 4, 6");
    assert_string_equal(fx->s->records[0].appno_v, "7-2024-00001");
}

static void test_appno_prefix_unconfirmed(void **state)
{
    fixture *fx = *state;
    assert_int_equal(run(fx, "SKHCN", "2024", 0,
                         REC("CDDL", "filed", "6-2024-00001",
                             "<filed>2024-02-01</filed>")),
                     BC_OK);
    only(fx->d, "APPNO-PREFIX-UNCONFIRMED", BC_SEV_NOTE, "6-2024-00001",
         "tiền tố đã được xác nhận trong dữ liệu kế hoạch");
}

static void test_appno_kind(void **state)
{
    fixture *fx = *state;
    assert_int_equal(run(fx, "SKHCN", "2024", 0,
                         REC("NHTT", "filed", "3-2024-00012",
                             "<filed>2024-02-01</filed>")),
                     BC_ERR_INVALID);
    const bc_finding *f =
        only(fx->d, "APPNO-KIND", BC_SEV_ERROR, "3-2024-00012",
             "số đơn nhãn hiệu tập thể bắt đầu bằng 4");
    assert_non_null(strstr(f->message, "kiểu dáng công nghiệp"));
}

static void test_appno_year(void **state)
{
    fixture *fx = *state;
    assert_int_equal(run(fx, "SKHCN", "2024", 0,
                         REC("NH", "filed", "4-2023-00001",
                             "<filed>2024-01-10</filed>")),
                     BC_OK);
    only(fx->d, "APPNO-YEAR", BC_SEV_WARNING, "4-2023-00001",
         "năm 2024 (theo ngày nộp đơn 10/01/2024)");
}

static void test_dup_in_file(void **state)
{
    fixture *fx = *state;
    assert_int_equal(
        run(fx, "SKHCN", "2024", 0,
            "<records>\n"
            "<record><kind>NH</kind><status>filed</status>"
            "<application>4-2024-00001</application>"
            "<filed>2024-02-01</filed></record>\n"
            "<record><kind>NH</kind><status>filed</status>"
            "<application>ĐN4-2024-00001</application>"
            "<filed>2024-02-01</filed></record>\n"
            "<record><kind>NH</kind><status>filed</status>"
            "<application>4-2024-00002</application>"
            "<filed>2024-02-01</filed></record>\n"
            "</records>"),
        BC_OK);
    const bc_finding *f =
        only(fx->d, "DUP-IN-FILE", BC_SEV_WARNING, "ĐN4-2024-00001",
             "mỗi số đơn khai một lần (đã khai ở dòng 3)");
    assert_int_equal(f->line, 4);
}

/* --- tasks, activities ------------------------------------------------------ */

static void test_task_unknown(void **state)
{
    fixture *fx = *state;
    /* an activity names a task of Phụ lục 2, part A or B */
    assert_int_equal(run(fx, "SKHCN", "2024", 0,
                         ACT("A9", "2024-03-01", "tap-huan", "")),
                     BC_ERR_INVALID);
    const bc_finding *f = only(fx->d, "TASK-UNKNOWN", BC_SEV_ERROR, "A9",
                               "mã nhiệm vụ Phần A hoặc B: A1, A2, A3, B7, B10");
    assert_non_null(strstr(f->message, "Phụ lục 2"));
    assert_null(fx->s->activities[0].task_v);

    /* a communication event under B10 is fine */
    diag_free(fx->d);
    fx->d = diag_new();
    assert_int_equal(run(fx, "SKHCN", "2024", 0,
                         ACT("B10", "2024-03-01", "truyen-thong", "")),
                     BC_OK);
    assert_string_equal(fx->s->activities[0].task_v, "B10");

    /* so does a budget line: Part A tasks are funded yearly as needed */
    diag_free(fx->d);
    fx->d = diag_new();
    assert_int_equal(run(fx, "SKHCN", "2024", 0,
                         "<budget>" LINE("B99", "10", "5") "</budget>"),
                     BC_ERR_INVALID);
    only(fx->d, "TASK-UNKNOWN", BC_SEV_ERROR, "B99",
         "mã nhiệm vụ Phần A hoặc B: A1, A2, A3, B7, B10");
    diag_free(fx->d);
    fx->d = diag_new();
    assert_int_equal(run(fx, "SKHCN", "2024", 0,
                         "<budget>" LINE("A1", "10", "5") "</budget>"),
                     BC_OK);
    assert_string_equal(fx->s->budget[0].task_v, "A1");

    /* a record's task A or B */
    diag_free(fx->d);
    fx->d = diag_new();
    assert_int_equal(run(fx, "SKHCN", "2024", 0,
                         REC("NH", "filed", "4-2024-00001",
                             "<filed>2024-02-01</filed><task>Z9</task>")),
                     BC_ERR_INVALID);
    only(fx->d, "TASK-UNKNOWN", BC_SEV_ERROR, "Z9",
         "mã nhiệm vụ Phần A hoặc B: A1, A2, A3, B7, B10");
}

static void test_activity_kind(void **state)
{
    fixture *fx = *state;
    assert_int_equal(run(fx, "SKHCN", "2024", 0,
                         ACT("A1", "2024-03-01", "hoi-nghi", "")),
                     BC_ERR_INVALID);
    only(fx->d, "ACTIVITY-KIND", BC_SEV_ERROR, "hoi-nghi",
         "một trong: tap-huan (lớp tập huấn, bồi dưỡng), nhiem-vu (nhiệm vụ "
         "khoa học và công nghệ), hoi-thao (hội thảo, sự kiện), truyen-thong "
         "(truyền thông), khac (khác)");
    /* a prefix of a valid code is not one */
    diag_free(fx->d);
    fx->d = diag_new();
    run(fx, "SKHCN", "2024", 0, ACT("A1", "2024-03-01", "khacx", ""));
    assert_finding(fx->d, "ACTIVITY-KIND", "khacx");
}

static void test_count_negative(void **state)
{
    fixture *fx = *state;
    assert_int_equal(run(fx, "SKHCN", "2024", 0,
                         ACT("A1", "2024-03-01", "tap-huan",
                             "<classes>-1</classes>")),
                     BC_ERR_INVALID);
    only(fx->d, "COUNT-NEGATIVE", BC_SEV_ERROR, "-1",
         "số không âm (0 trở lên)");
    assert_int_equal(fx->s->activities[0].classes_v, -1);
}

/* --- budget ---------------------------------------------------------------- */

static void test_budget_negative(void **state)
{
    fixture *fx = *state;
    assert_int_equal(run(fx, "SKHCN", "2024", 0,
                         "<budget>" LINE("B7", "-5", "0") "</budget>"),
                     BC_ERR_INVALID);
    only(fx->d, "BUDGET-NEGATIVE", BC_SEV_ERROR, "-5",
         "số tiền không âm (triệu đồng)");
}

/* Without the XSD step (documents built by a reader) the rules still
 * refuse a status outside filed/granted/refused, an unreadable count and
 * an amount with more decimals than money holds (a millionth of a triệu
 * đồng: one đồng), which is never rounded. */
static void test_rules_without_schema(void **state)
{
    (void)state;
    bc_diag *d = diag_new();
    bc_validator *v = validator_new(&P, NULL, d);
    assert_non_null(v);
    const char *xml =
        "<submission format=\"1\" unit=\"SKHCN\" year=\"2024\">"
        REC("NH", "pending", "4-2024-00001", "<filed>2024-03-01</filed>")
        ACT("A3", "2024-05-10", "tap-huan", "<classes>hai</classes>")
        "<budget>" LINE("B7", "1200.1234567", "0") "</budget>"
        "</submission>";
    xmlDocPtr doc = xmlio_read_memory(xml, strlen(xml), "t.xml", d, NULL);
    assert_non_null(doc);
    submission *s = NULL;
    assert_int_equal(validate_doc(v, doc, "t.xml", 0, d, &s), BC_ERR_INVALID);
    const bc_finding *f = assert_finding(d, "REC-STATUS", "pending");
    assert_int_equal(f->sev, BC_SEV_ERROR);
    f = assert_finding(d, "NUMBER-FORMAT", "hai");
    assert_int_equal(f->sev, BC_SEV_ERROR);
    assert_non_null(strstr(f->message, "số lớp"));
    f = assert_finding(d, "NUMBER-FORMAT", "1200.1234567");
    assert_string_equal(f->expected, "số tiền dạng 1234.5 (triệu đồng, tối đa "
                                     "6 chữ số thập phân)");
    submission_free(s);
    xmlFreeDoc(doc);
    validator_free(v);
    diag_free(d);
}

static void test_budget_over(void **state)
{
    fixture *fx = *state;
    assert_int_equal(run(fx, "SKHCN", "2024", 0,
                         "<budget>" LINE("B7", "1200", "1250") "</budget>"),
                     BC_ERR_INVALID);
    const bc_finding *f =
        only(fx->d, "BUDGET-OVER", BC_SEV_ERROR,
             "giải ngân 1.250 > được giao 1.200",
             "kinh phí giải ngân không vượt kinh phí được giao: sửa một "
             "trong hai số cho đúng sổ sách");
    /* it names the task, in the clerk's words (issue 14) */
    assert_non_null(strstr(f->message, "nhiệm vụ B7:"));
    assert_non_null(strstr(f->message, "cột «Đã giải ngân»"));

    /* exact decimals: one đồng over */
    diag_free(fx->d);
    fx->d = diag_new();
    assert_int_equal(run(fx, "SKHCN", "2024", 0,
                         "<budget>" LINE("B7", "1200.5", "+1200.500001")
                         "</budget>"),
                     BC_ERR_INVALID);
    only(fx->d, "BUDGET-OVER", BC_SEV_ERROR,
         "giải ngân 1.200,500001 > được giao 1.200,5",
         "kinh phí giải ngân không vượt kinh phí được giao: sửa một trong "
         "hai số cho đúng sổ sách");
    assert_int_equal(fx->s->budget[0].disbursed_v, 1200500001);
}

/* An amount more than ten times the task's largest yearly khái toán (B10:
 * 400 a year; the whole plan 5.000) is a warning to check the unit (thousands of đồng typed as
 * triệu: issue 14), never silent; ten times is still fine; above the
 * plan's whole budget it is an error instead, without the warning. */
static void test_budget_unusual(void **state)
{
    fixture *fx = *state;
    assert_int_equal(run(fx, "SKHCN", "2024", 0,
                         "<budget>" LINE("B10", "4500", "0") "</budget>"),
                     BC_OK);
    const bc_finding *f = only(
        fx->d, "BUDGET-UNUSUAL", BC_SEV_WARNING, "4.500",
        "số tiền tính bằng triệu đồng; khái toán lớn nhất một năm của nhiệm "
        "vụ là 400 triệu đồng; nếu số ghi bằng nghìn đồng hoặc đồng, ghi "
        "đơn vị ở tiêu đề cột");
    assert_non_null(strstr(f->message, "nhiệm vụ B10"));
    diag_free(fx->d);
    fx->d = diag_new();
    assert_int_equal(run(fx, "SKHCN", "2024", 0,
                         "<budget>" LINE("B10", "4000", "0") "</budget>"),
                     BC_OK);
    assert_int_equal(diag_count(fx->d), 0);
    diag_free(fx->d);
    fx->d = diag_new();
    assert_int_equal(run(fx, "SKHCN", "2024", 0,
                         "<budget>" LINE("B10", "400000", "0") "</budget>"),
                     BC_ERR_INVALID);
    f = assert_finding(fx->d, "BUDGET-IMPLAUSIBLE", "400.000");
    assert_int_equal(f->sev, BC_SEV_ERROR);
    assert_no_finding(fx->d, "BUDGET-UNUSUAL");
}

static void test_budget_dup(void **state)
{
    fixture *fx = *state;
    assert_int_equal(run(fx, "SKHCN", "2024", 0,
                         "<budget>\n" LINE("B7", "100", "50") "\n"
                         LINE("B10", "10", "5") "\n"
                         LINE("B7", "100", "50") "\n</budget>"),
                     BC_OK);
    only(fx->d, "BUDGET-DUP", BC_SEV_WARNING, "B7",
         "mỗi nhiệm vụ một dòng kinh phí (đã có ở dòng 3)");
}

/* --- cells, files, context ------------------------------------------------- */

static void test_cells_in_findings(void **state)
{
    fixture *fx = *state;
    run(fx, "SKHCN", "2024", 0,
        "<records><record src=\"Đơn!A7\"><kind>NHTT</kind>"
        "<status>filed</status>"
        "<application src=\"Đơn!C7\">3-2024-00012</application>"
        "<filed>2024-02-01</filed></record></records>");
    const bc_finding *f = assert_finding(fx->d, "APPNO-KIND", NULL);
    assert_string_equal(f->place, "Đơn!C7");
    assert_string_equal(f->file, "t.xml");
}

/* Writes text to a new temporary .xml file; returns the malloc'ed path. */
static char *temp_xml(const char *text)
{
    char *path = bc_strdup("/tmp/bc-validate-XXXXXX.xml");
    assert_non_null(path);
    int fd = mkstemps(path, 4);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    return path;
}

static void test_validate_file(void **state)
{
    fixture *fx = *state;
    char *path = temp_xml("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<submission format=\"1\" unit=\"SKHCN\" "
                          "year=\"2023\">\n"
                          "<budget>" LINE("B7", "10", "20") "</budget>\n"
                          "</submission>\n");
    assert_int_equal(validate_file(fx->v, path, 2023, fx->d, &fx->s),
                     BC_ERR_INVALID);
    assert_non_null(fx->s); /* kept even with errors */
    const bc_finding *f = only(fx->d, "BUDGET-OVER", BC_SEV_ERROR,
                               "giải ngân 20 > được giao 10",
                               "kinh phí giải ngân không vượt kinh phí được "
                               "giao: sửa một trong hai số cho đúng sổ sách");
    assert_string_equal(f->file, path);
    assert_int_equal(f->line, 3);
    assert_string_equal(f->unit, "SKHCN");
    assert_int_equal(f->cycle, 2023);
    submission_free(fx->s);
    fx->s = NULL;

    /* unreadable, unsupported */
    assert_int_equal(validate_file(fx->v, "/nonexistent/a.xml", 2023, fx->d,
                                   &fx->s),
                     BC_ERR_IO);
    assert_null(fx->s);
    f = assert_finding(fx->d, "FILE-READ", NULL);
    assert_int_equal(f->cycle, 2023);
    assert_int_equal(validate_file(fx->v, "b.ods", 2023, fx->d, &fx->s),
                     BC_ERR_INVALID);
    assert_finding(fx->d, "INGEST-FORMAT", "ods");
    assert_null(fx->s);
    unlink(path);
    free(path);
}

static void test_activity_kinds_table(void **state)
{
    (void)state;
    /* the activity kinds are the plan's (templates/plan) */
    bc_diag *d = diag_new();
    plan *p = NULL;
    assert_int_equal(plan_load("templates/plan/de-an-2030.xml", "templates/schema/plan.xsd", d, &p), BC_OK);
    assert_int_equal(p->n_activity_kinds, 5);
    const plan_activity_kind *k = plan_activity_kind_find(p, "tap-huan");
    assert_non_null(k);
    assert_string_equal(k->name, "lớp tập huấn, bồi dưỡng");
    assert_int_equal(k->counts, ACT_COUNTS_CLASSES);
    assert_int_equal(plan_activity_kind_find(p, "nhiem-vu")->counts, ACT_COUNTS_TASKS);
    assert_int_equal(plan_activity_kind_find(p, "khac")->counts, ACT_COUNTS_ONE);
    assert_null(plan_activity_kind_find(p, "tap huan"));
    plan_free(p);
    diag_free(d);
    validator_free(NULL);
}

/* The real plan data, when it loads: a district's 2024 report is clean. */
static void test_real_plan(void **state)
{
    (void)state;
    bc_diag *d = diag_new();
    plan *p = NULL;
    if (plan_load("templates/plan/de-an-2030.xml",
                  "templates/schema/plan.xsd", d, &p) != BC_OK) {
        dump(d);
        diag_free(d);
        fail_msg("the real plan did not load");
    }
    bc_validator *v = validator_new(p, XSD, d);
    assert_non_null(v);
    const char *xml =
        "<submission format=\"1\" unit=\"183\" year=\"2024\">"
        "<records><record><kind>nhãn hiệu tập thể</kind><status>filed</status>"
        "<application>4-2024-01234</application><filed>2024-03-01</filed>"
        "</record></records></submission>";
    xmlDocPtr doc = xmlio_read_memory(xml, strlen(xml), "r.xml", d, NULL);
    submission *s = NULL;
    assert_int_equal(validate_doc(v, doc, "r.xml", 2024, d, &s), BC_OK);
    only(d, "KIND-ALIAS", BC_SEV_WARNING, "nhãn hiệu tập thể", "NHTT");
    assert_string_equal(s->unit_v, "183");
    xmlFreeDoc(doc);
    submission_free(s);
    validator_free(v);
    plan_free(p);
    diag_free(d);
}

#define T(f) cmocka_unit_test_setup_teardown(f, each_setup, each_teardown)

int main(void)
{
    xmlio_init();
    const struct CMUnitTest tests[] = {
        T(test_valid_submission),
        T(test_illustrative),
        T(test_xsd_rejects_and_skips_rules),
        T(test_unit_unknown),
        T(test_unit_not_valid),
        T(test_unit_date),
        T(test_year_out_of_plan),
        T(test_year_folder),
        T(test_kind_unknown),
        T(test_kind_alias),
        T(test_support_kind),
        T(test_rec_date_missing),
        T(test_date_period),
        T(test_date_order),
        T(test_date_format),
        T(test_appno_format),
        T(test_appno_prefix),
        T(test_appno_prefix_unconfirmed),
        T(test_appno_kind),
        T(test_appno_year),
        T(test_dup_in_file),
        T(test_task_unknown),
        T(test_activity_kind),
        T(test_count_negative),
        T(test_budget_negative),
        cmocka_unit_test(test_rules_without_schema),
        T(test_budget_over),
        T(test_budget_unusual),
        T(test_budget_dup),
        T(test_cells_in_findings),
        T(test_validate_file),
        cmocka_unit_test(test_activity_kinds_table),
        cmocka_unit_test(test_real_plan),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
