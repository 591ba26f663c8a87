/* test_aggregate.c - aggregation rules: dedupe, replacement, Phụ lục 1,
 * targets, exact budget sums, units.  Each test writes small submissions
 * into input/<year>/ folders of a scratch directory, validates them with
 * the real plan and feeds them to the aggregator. */
#include "testutil.h"

#include <libxml/xpath.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <dirent.h>
#include <unistd.h>

#include "aggregate.h"
#include "plan.h"
#include "util.h"
#include "validate.h"
#include "xmlio.h"

static plan *P;
static char tmpdir[64];

static int setup_all(void **state)
{
    (void)state;
    xmlio_init();
    bc_diag *d = diag_new();
    bc_status st = plan_load("templates/plan/de-an-2030.xml",
                             "templates/schema/plan.xsd", d, &P);
    diag_free(d);
    if (st != BC_OK)
        return -1;
    strcpy(tmpdir, "/tmp/bc-agg-XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown_all(void **state)
{
    (void)state;
    plan_free(P);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

/* A test run: the aggregator, the findings, the document. */
typedef struct run {
    bc_agg *agg;
    bc_validator *v;
    bc_diag *d;
    xmlDocPtr doc;
    int seq;
} run;

static void run_start(run *r, int year)
{
    memset(r, 0, sizeof *r);
    r->d = diag_new();
    r->v = validator_new(P, "templates/schema/submission.xsd", r->d);
    r->agg = agg_new(P, year);
    assert_non_null(r->v);
    assert_non_null(r->agg);
}

/* Writes body (the inside of <submission>) as a file of cycle `year` for
 * `unit`, validates it and adds it.  Returns the index of its first
 * finding. */
static size_t add(run *r, int year, const char *unit, const char *date,
                  const char *body)
{
    char dir[128], path[192];
    snprintf(dir, sizeof dir, "%s/%d", tmpdir, year);
    assert_int_equal(bc_mkdir_p(dir), BC_OK);
    snprintf(path, sizeof path, "%s/%02d-%s.xml", dir, r->seq++, unit);
    char *xml = bc_asprintf(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<submission format=\"1\" unit=\"%s\" year=\"%d\"%s%s%s>\n%s\n"
        "</submission>\n",
        unit, year, date ? " date=\"" : "", date ? date : "",
        date ? "\"" : "", body);
    assert_non_null(xml);
    assert_int_equal(bc_write_atomic(path, xml, strlen(xml)), BC_OK);
    free(xml);
    size_t before = diag_count(r->d);
    submission *s = NULL;
    bc_status st = validate_file(r->v, path, year, r->d, &s);
    bc_verdict v;
    assert_int_equal(validate_verdict(st, path, year, s, r->d, before, &v),
                     BC_OK);
    assert_int_equal(agg_add_file(r->agg, path, year, s, &v, r->d), BC_OK);
    return before;
}

static void build(run *r)
{
    bc_diag *none = diag_new();
    assert_int_equal(agg_build(r->agg, r->d, none, NULL, r->d, &r->doc), BC_OK);
    diag_free(none);
    /* whatever the input, the document matches its schema */
    bc_diag *d = diag_new();
    xmlSchemaPtr s = xmlio_schema_load("templates/schema/aggregate.xsd", d);
    assert_non_null(s);
    int rc = xmlio_validate(s, r->doc, "tong-hop", d);
    if (rc != 0)
        fail_msg("aggregate invalid: %s", diag_get(d, 0)->message);
    xmlSchemaFree(s);
    diag_free(d);
}

static void run_end(run *r)
{
    xmlFreeDoc(r->doc);
    agg_free(r->agg);
    validator_free(r->v);
    diag_free(r->d);
}

/* The string value of an XPath expression over the document. */
static char *xp(run *r, const char *expr)
{
    xmlXPathContextPtr c = xmlXPathNewContext(r->doc);
    xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST expr, c);
    assert_non_null(o);
    xmlChar *s = xmlXPathCastToString(o);
    char *res = bc_strdup((const char *)s);
    xmlFree(s);
    xmlXPathFreeObject(o);
    xmlXPathFreeContext(c);
    return res;
}

static void assert_xp(run *r, const char *expr, const char *want)
{
    char *got = xp(r, expr);
    if (strcmp(got, want) != 0)
        fail_msg("%s = '%s', expected '%s'", expr, got, want);
    free(got);
}

static const char *NH_2024 =
    "<records><record><kind>NH</kind><status>filed</status>"
    "<application>4-2024-00017</application><filed>2024-03-04</filed>"
    "<name>Bánh cuốn Kỳ Lừa</name></record></records>";

/* The same application reported by two districts in one year: one record,
 * a DUP-APPNO warning on the second, both sources listed. */
static void test_duplicate_two_units(void **state)
{
    (void)state;
    run r;
    run_start(&r, 2024);
    add(&r, 2024, "181", "2024-12-01", NH_2024);
    size_t second = add(&r, 2024, "183", "2024-12-02", NH_2024);
    build(&r);
    const bc_finding *f = assert_finding(r.d, "DUP-APPNO", "4-2024-00017");
    assert_int_equal(f->sev, BC_SEV_WARNING);
    assert_true(strstr(f->file, "183") != NULL);
    assert_true(strstr(f->message, "Huyện Bình Gia") != NULL);
    assert_true((size_t)(f - diag_get(r.d, 0)) >= second);
    assert_xp(&r, "count(/aggregate/records/record)", "1");
    assert_xp(&r, "count(/aggregate/duplicates/duplicate/source)", "2");
    assert_xp(&r, "/aggregate/duplicates/duplicate/@application", "4-2024-00017");
    assert_xp(&r, "/aggregate/targets/target[@id='T7']/@year-value", "1");
    assert_xp(&r, "/aggregate/summary/@duplicates", "1");
    run_end(&r);
}

/* The same number reported with another kind, or another filing date:
 * a DUP-CONFLICT warning naming both values; the record counts once and
 * keeps the data of the report that wins (the later cycle, then the more
 * advanced status, then the later file). */
static void test_duplicate_conflict(void **state)
{
    (void)state;
    run r;
    run_start(&r, 2024);
    add(&r, 2024, "181", "2024-12-01",
        "<records><record><kind>NHTT</kind><status>granted</status>"
        "<application>4-2024-00031</application><filed>2024-03-04</filed>"
        "<granted>2024-11-20</granted><name>Hồi Văn Quan</name></record></records>");
    add(&r, 2024, "184", "2024-12-02",
        "<records><record><kind>NHCN</kind><status>granted</status>"
        "<application>4-2024-00031</application><filed>2024-03-04</filed>"
        "<granted>2024-11-20</granted><name>Hồi Văn Quan</name></record></records>");
    add(&r, 2024, "185", "2024-12-03",
        "<records><record><kind>NHCN</kind><status>granted</status>"
        "<application>4-2024-00031</application><filed>2024-03-09</filed>"
        "<granted>2024-11-20</granted><name>Hồi Văn Quan</name></record></records>");
    build(&r);
    /* found: the value in the later report; expected: the one held */
    const bc_finding *f = assert_finding(r.d, "DUP-CONFLICT", "NHCN");
    assert_int_equal(f->sev, BC_SEV_WARNING);
    assert_string_equal(f->expected, "NHTT");
    assert_true(strstr(f->file, "184") != NULL);
    assert_true(strstr(f->message, "4-2024-00031") != NULL);
    f = assert_finding(r.d, "DUP-CONFLICT", "09/03/2024");
    assert_string_equal(f->expected, "04/03/2024");
    assert_true(strstr(f->file, "185") != NULL);
    assert_true(strstr(f->message, "ngày nộp đơn") != NULL);
    assert_xp(&r, "count(/aggregate/records/record)", "1");
    assert_xp(&r, "/aggregate/records/record/@kind", "NHCN");
    assert_xp(&r, "count(/aggregate/duplicates/duplicate/source)", "3");
    /* counted once, under the kind kept: T3 (NHCN), not T2 (NHTT) */
    assert_xp(&r, "/aggregate/targets/target[@id='T3']/@year-value", "1");
    assert_xp(&r, "/aggregate/targets/target[@id='T2']/@year-value", "0");
    run_end(&r);
}

/* Filed in 2023's cycle, granted in 2024's: one record, the filing counts
 * in 2023 and the grant in 2024, no DUP-APPNO (same unit, other year). */
static void test_filed_then_granted(void **state)
{
    (void)state;
    run r;
    run_start(&r, 2024);
    add(&r, 2023, "SKHCN", NULL,
        "<records><record><kind>KDCN</kind><status>filed</status>"
        "<application>3-2023-00101</application><filed>2023-05-02</filed>"
        "</record></records>");
    add(&r, 2024, "SKHCN", NULL,
        "<records><record><kind>KDCN</kind><status>granted</status>"
        "<application>3-2023-00101</application><filed>2023-05-02</filed>"
        "<granted>2024-06-10</granted><certificate>41234</certificate>"
        "</record></records>");
    build(&r);
    assert_no_finding(r.d, "DUP-APPNO");
    assert_xp(&r, "count(/aggregate/records/record)", "1");
    assert_xp(&r, "/aggregate/records/record/@status", "granted");
    assert_xp(&r, "/aggregate/records/record/@filed-year", "2023");
    assert_xp(&r, "/aggregate/records/record/@granted-year", "2024");
    /* T5 counts applications and grants */
    assert_xp(&r, "/aggregate/targets/target[@id='T5']/year[@y='2023']/@value", "1");
    assert_xp(&r, "/aggregate/targets/target[@id='T5']/year[@y='2024']/@value", "1");
    assert_xp(&r, "/aggregate/targets/target[@id='T5']/@cumulative", "2");
    /* reading d: the split into applications and grants beside the sum */
    assert_xp(&r, "/aggregate/targets/target[@id='T5']/@year-filed", "0");
    assert_xp(&r, "/aggregate/targets/target[@id='T5']/@year-granted", "1");
    assert_xp(&r, "/aggregate/targets/target[@id='T5']/@cumulative-filed", "1");
    assert_xp(&r, "/aggregate/targets/target[@id='T5']/@cumulative-granted", "1");
    assert_xp(&r, "/aggregate/targets/target[@id='T5']/year[@y='2023']/@filed", "1");
    assert_xp(&r, "count(/aggregate/targets/target[@id='T7']/@year-filed)", "0");
    assert_xp(&r, "/aggregate/ip-series/year[@y='2024']/kind[@code='KDCN']/@granted", "1");
    assert_xp(&r, "/aggregate/ip-series/year[@y='2024']/kind[@code='KDCN']/@filed", "0");
    run_end(&r);
}

/* A later submission of a unit for the same year replaces the earlier one,
 * whatever the file order: only the later budget counts. */
static void test_replacement(void **state)
{
    (void)state;
    run r;
    run_start(&r, 2024);
    const char *later =
        "<budget><line><task>B9</task><allocated>1200</allocated>"
        "<disbursed>1100.25</disbursed></line></budget>";
    const char *earlier =
        "<budget><line><task>B9</task><allocated>1200</allocated>"
        "<disbursed>900</disbursed></line></budget>";
    add(&r, 2024, "SKHCN", "2024-12-12", later);
    add(&r, 2024, "SKHCN", "2024-12-05", earlier);
    build(&r);
    const bc_finding *f = assert_finding(r.d, "REPLACED", "ngày 05/12/2024");
    assert_int_equal(f->sev, BC_SEV_NOTE);
    assert_true(strstr(f->expected, "12/12/2024") != NULL);
    assert_xp(&r, "/aggregate/budget/task[@id='B9']/year[@y='2024']/@disbursed", "1100.25");
    assert_xp(&r, "count(/aggregate/replacements/replacement)", "1");
    assert_xp(&r, "/aggregate/replacements/replacement/@kept-date", "2024-12-12");
    assert_xp(&r, "/aggregate/submissions/file[@status='replaced']/@date", "2024-12-05");
    assert_xp(&r, "/aggregate/units/unit[@code='SKHCN']/@replaced", "1");
    assert_xp(&r, "/aggregate/units/unit[@code='SKHCN']/@status", "accepted");
    run_end(&r);
}

/* A replacement drops exactly the replaced file's contribution, and the
 * unit keeps its place in the order of merging (the order of its first
 * file): 183's replacing file is merged before 181's, so 181's report of
 * the same application is the duplicate and, being merged last with the
 * same rank, gives the record its name; records, activities, supports,
 * money and narrative of the replaced file are gone, and a later file
 * that is older than the one held is itself the one replaced.
 * Narratives come in plan order (181 before 183). */
static void test_replacement_drops_exactly(void **state)
{
    (void)state;
    run r;
    run_start(&r, 2024);
    add(&r, 2024, "183", "2024-12-01",
        "<records>"
        "<record><kind>NH</kind><status>filed</status><application>4-2024-00050</application>"
        "<filed>2024-03-04</filed><name>Tên cũ</name></record>"
        "<record><kind>NH</kind><status>filed</status><application>4-2024-00051</application>"
        "<filed>2024-03-05</filed></record>"
        "</records>"
        "<activities><activity><task>A6</task><date>2024-03-01</date><kind>tap-huan</kind>"
        "<classes>3</classes><participants>40</participants></activity></activities>"
        "<supports><support><mark>Quýt vàng Bắc Sơn</mark><kind>NHTT</kind>"
        "<date>2024-05-01</date></support></supports>"
        "<budget><line><task>B9</task><allocated>100</allocated><disbursed>50</disbursed></line></budget>"
        "<narrative><results>Kết quả cũ</results></narrative>");
    size_t second = add(&r, 2024, "181", "2024-12-02",
        "<records><record><kind>NH</kind><status>filed</status>"
        "<application>4-2024-00050</application><filed>2024-03-04</filed>"
        "<name>Tên của Bình Gia</name></record></records>"
        "<narrative><results>Kết quả Bình Gia</results></narrative>");
    add(&r, 2024, "183", "2024-12-05",
        "<records><record><kind>NH</kind><status>filed</status>"
        "<application>4-2024-00050</application><filed>2024-03-04</filed>"
        "<name>Tên mới</name></record></records>"
        "<budget><line><task>B9</task><allocated>200</allocated><disbursed>150</disbursed></line></budget>"
        "<narrative><results>Kết quả mới</results></narrative>");
    add(&r, 2024, "181", "2024-11-30",
        "<records><record><kind>NH</kind><status>filed</status>"
        "<application>4-2024-00052</application><filed>2024-03-06</filed>"
        "</record></records>");
    build(&r);
    const bc_finding *f = assert_finding(r.d, "DUP-APPNO", "4-2024-00050");
    assert_true(strstr(f->file, "181") != NULL);
    assert_true(strstr(f->message, "Huyện Cao Lộc") != NULL);
    assert_true(strstr(f->message, "02-183") != NULL);
    assert_true((size_t)(f - diag_get(r.d, 0)) > second);
    assert_xp(&r, "count(/aggregate/records/record)", "1");
    assert_xp(&r, "/aggregate/records/record/@name", "Tên của Bình Gia");
    assert_xp(&r, "/aggregate/records/record/@unit", "183");
    assert_xp(&r, "count(/aggregate/duplicates/duplicate/source)", "2");
    assert_xp(&r, "/aggregate/duplicates/duplicate/source[1]/@unit", "183");
    assert_xp(&r, "/aggregate/new-records/unit[@code='183']/@filed", "1");
    assert_xp(&r, "count(/aggregate/new-records/unit[@code='181'])", "0");
    assert_xp(&r, "/aggregate/activities/task[@id='A6']/@activities", "0");
    assert_xp(&r, "count(/aggregate/supports/mark)", "0");
    assert_xp(&r, "/aggregate/budget/task[@id='B9']/year[@y='2024']/@allocated", "200");
    assert_xp(&r, "/aggregate/budget/task[@id='B9']/year[@y='2024']/@disbursed", "150");
    assert_xp(&r, "count(/aggregate/narratives/unit)", "2");
    assert_xp(&r, "/aggregate/narratives/unit[1]/@code", "181");
    assert_xp(&r, "/aggregate/narratives/unit[2]/results", "Kết quả mới");
    assert_xp(&r, "count(/aggregate/replacements/replacement)", "2");
    assert_xp(&r, "/aggregate/replacements/replacement[2]/@unit", "181");
    assert_xp(&r, "/aggregate/replacements/replacement[2]/@kept-date", "2024-12-02");
    assert_xp(&r, "/aggregate/units/unit[@code='181']/@replaced", "1");
    assert_xp(&r, "/aggregate/units/unit[@code='183']/@accepted", "1");
    assert_xp(&r, "/aggregate/summary/@replaced", "2");
    run_end(&r);
}

/* A "new" NHTT already on Phụ lục 1 is not new: warning, left out of T2,
 * still an event of the series. */
static void test_pl1_not_new(void **state)
{
    (void)state;
    run r;
    run_start(&r, 2022);
    add(&r, 2022, "180", NULL,
        "<records>"
        "<record><kind>NHTT</kind><status>granted</status>"
        "<application>4-2021-01111</application><filed>2021-02-01</filed>"
        "<granted>2022-03-01</granted><name>  quế TRÀNG  Định </name></record>"
        "<record><kind>NHTT</kind><status>granted</status>"
        "<application>4-2021-02222</application><filed>2021-02-01</filed>"
        "<granted>2022-03-01</granted><name>Khoai môn Tràng Định</name></record>"
        "</records>");
    build(&r);
    const bc_finding *f = assert_finding(r.d, "PL1-EXISTING", NULL);
    assert_int_equal(f->sev, BC_SEV_WARNING);
    assert_true(strstr(f->expected, "2018") != NULL);
    assert_xp(&r, "/aggregate/targets/target[@id='T2']/@cumulative", "1");
    assert_xp(&r, "/aggregate/ip-series/year[@y='2022']/kind[@code='NHTT']/@granted", "2");
    assert_xp(&r, "/aggregate/records/record[@application='4-2021-01111']/@pre-plan",
              "Quế Tràng Định (2018)");
    run_end(&r);
}

/* Money sums are exact and the plan's figures come through. */
static void test_budget_exact(void **state)
{
    (void)state;
    run r;
    run_start(&r, 2021);
    add(&r, 2021, "SKHCN", NULL,
        "<budget><line><task>B10</task><allocated>0.1</allocated>"
        "<disbursed>0.1</disbursed></line>"
        "<line><task>B7</task><allocated>2199.9</allocated>"
        "<disbursed>1000.05</disbursed></line></budget>");
    add(&r, 2021, "STC", NULL,
        "<budget><line><task>B10</task><allocated>0.2</allocated>"
        "<disbursed>0.15</disbursed></line></budget>");
    build(&r);
    assert_xp(&r, "/aggregate/budget/task[@id='B10']/year[@y='2021']/@allocated", "0.3");
    assert_xp(&r, "/aggregate/budget/task[@id='B10']/year[@y='2021']/@disbursed", "0.25");
    assert_xp(&r, "/aggregate/budget/task[@id='B10']/year[@y='2021']/@rate", "0.8333333333");
    assert_xp(&r, "/aggregate/budget/task[@id='B10']/year[@y='2021']/@plan", "400");
    assert_xp(&r, "/aggregate/budget/task[@id='B7']/year[@y='2021']/@plan-rate", "0.4545681818");
    assert_xp(&r, "/aggregate/budget/total[@y='2021']/@allocated", "2200.2");
    assert_xp(&r, "/aggregate/budget/total[@y='2021']/@plan", "6000");
    assert_xp(&r, "/aggregate/budget/total[@y='2021']/@plan-stated", "6000");
    assert_xp(&r, "/aggregate/budget/phase[@from='2021']/@stated-total", "18000");
    assert_xp(&r, "/aggregate/budget/phase[@from='2021']/@computed-total", "20000");
    assert_xp(&r, "/aggregate/budget/phase[@from='2021']/@difference", "-2000");
    assert_xp(&r, "/aggregate/budget/@year-approved", "true");
    run_end(&r);
}

/* 2026: no approved estimate, the 2021-2025 phase closed. */
static void test_budget_unapproved_year(void **state)
{
    (void)state;
    run r;
    run_start(&r, 2026);
    add(&r, 2026, "SKHCN", NULL,
        "<budget><line><task>B9</task><allocated>800</allocated>"
        "<disbursed>640</disbursed></line></budget>");
    build(&r);
    assert_xp(&r, "/aggregate/budget/@year-approved", "false");
    assert_xp(&r, "/aggregate/budget/@allocated", "800");
    assert_xp(&r, "/aggregate/budget/@rate", "0.8");
    assert_xp(&r, "count(/aggregate/budget/@plan)", "0");
    assert_xp(&r, "count(/aggregate/budget/task[@id='B9']/year[@y='2026']/@plan)", "0");
    assert_xp(&r, "/aggregate/budget/phase[@from='2021']/@closed", "true");
    assert_xp(&r, "/aggregate/budget/phase[@from='2026']/@current", "true");
    assert_xp(&r, "/aggregate/budget/phase[@from='2026']/@approved", "false");
    run_end(&r);
}

/* Range target progress and status; the T7 growth rate. */
static void test_targets(void **state)
{
    (void)state;
    run r;
    run_start(&r, 2022);
    /* two GIs granted in 2021: T1 min 4, elapsed 2 of 10 -> expected 0.8 */
    add(&r, 2021, "SKHCN", NULL,
        "<records>"
        "<record><kind>CDDL</kind><status>granted</status>"
        "<application>6-2019-00001</application><filed>2019-05-01</filed>"
        "<granted>2021-04-01</granted><name>Mật ong Vân Thủy</name></record>"
        "<record><kind>CDDL</kind><status>granted</status>"
        "<application>6-2019-00002</application><filed>2019-05-01</filed>"
        "<granted>2021-04-01</granted><name>Gà sáu ngón Mẫu Sơn</name></record>"
        "</records>");
    /* three ordinary trademark applications in 2022 */
    add(&r, 2022, "178", NULL,
        "<records>"
        "<record><kind>NH</kind><status>filed</status><application>4-2022-00001</application><filed>2022-01-10</filed></record>"
        "<record><kind>NH</kind><status>filed</status><application>4-2022-00002</application><filed>2022-01-11</filed></record>"
        "<record><kind>NH</kind><status>filed</status><application>4-2022-00003</application><filed>2022-01-12</filed></record>"
        "</records>");
    build(&r);
    assert_xp(&r, "/aggregate/targets/target[@id='T1']/@cumulative", "2");
    assert_xp(&r, "/aggregate/targets/target[@id='T1']/@year-value", "0");
    assert_xp(&r, "/aggregate/targets/target[@id='T1']/@share-min", "0.5");
    assert_xp(&r, "/aggregate/targets/target[@id='T1']/@needed", "2");
    assert_xp(&r, "/aggregate/targets/target[@id='T1']/@pace-needed", "0.25");
    assert_xp(&r, "/aggregate/targets/target[@id='T1']/@status", "on-track");
    assert_xp(&r, "/aggregate/targets/target[@id='T2']/@status", "behind");
    assert_xp(&r, "/aggregate/targets/target[@id='T7']/@year-value", "3");
    char want[32];
    snprintf(want, sizeof want, "%.2f", (pow(3.0 / 75, 1.0 / 3) - 1) * 100);
    assert_xp(&r, "/aggregate/targets/target[@id='T7']/@growth", want);
    /* 75 x 1.02^3 = 79.59 -> 80; 75 x 1.02^11 = 93.25 -> 94 */
    assert_xp(&r, "/aggregate/targets/target[@id='T7']/@required-this-year", "80");
    assert_xp(&r, "/aggregate/targets/target[@id='T7']/@required-at-end", "94");
    assert_xp(&r, "/aggregate/targets/target[@id='T7']/@status", "behind");
    run_end(&r);
}

/* A rejected file counts nowhere; expected units that sent nothing are
 * missing. */
static void test_units_and_rejection(void **state)
{
    (void)state;
    run r;
    run_start(&r, 2024);
    add(&r, 2024, "184", NULL,
        "<budget><line><task>B9</task><allocated>100</allocated>"
        "<disbursed>150</disbursed></line></budget>");
    build(&r);
    assert_finding(r.d, "BUDGET-OVER", NULL);
    assert_xp(&r, "/aggregate/budget/task[@id='B9']/year[@y='2024']/@allocated", "0");
    assert_xp(&r, "/aggregate/units/unit[@code='184']/@status", "rejected");
    assert_xp(&r, "/aggregate/units/unit[@code='185']/@status", "missing");
    assert_xp(&r, "/aggregate/units/unit[@code='SKHDT']/@expected", "true");
    assert_xp(&r, "/aggregate/summary/@rejected", "1");
    assert_xp(&r, "/aggregate/submissions/file/@status", "rejected");
    run_end(&r);
}

/* Support to an already protected mark counts once over the plan (T8). */
static void test_supports(void **state)
{
    (void)state;
    run r;
    run_start(&r, 2022);
    const char *sup =
        "<supports><support><mark>Quýt vàng Bắc Sơn</mark><kind>NHTT</kind>"
        "<date>%d-05-01</date></support></supports>";
    char body[512];
    snprintf(body, sizeof body, sup, 2021);
    add(&r, 2021, "185", NULL, body);
    snprintf(body, sizeof body, sup, 2022);
    add(&r, 2022, "185", NULL, body);
    add(&r, 2022, "182", NULL,
        "<supports><support><mark>Mận sớm Văn Lãng</mark><kind>NHTT</kind>"
        "<date>2022-05-01</date></support>"
        "<support><mark>quýt vàng  bắc sơn</mark><kind>NHTT</kind>"
        "<date>2022-06-01</date></support></supports>");
    build(&r);
    /* a mark not known to be protected is listed, not counted (reading
     * b); the yearly value counts marks first supported in the year, so
     * the years add up to the cumulative; marks supported again have
     * their own figure */
    assert_finding(r.d, "SUPPORT-UNKNOWN-MARK", "Mận sớm Văn Lãng");
    assert_xp(&r, "/aggregate/targets/target[@id='T8']/@cumulative", "1");
    assert_xp(&r, "/aggregate/targets/target[@id='T8']/@year-value", "0");
    assert_xp(&r, "/aggregate/targets/target[@id='T8']/year[@y='2021']/@value", "1");
    assert_xp(&r, "/aggregate/targets/target[@id='T8']/@supported-in-year", "1");
    assert_xp(&r, "/aggregate/supports/mark[@name='Mận sớm Văn Lãng']/@protected", "false");
    assert_xp(&r, "/aggregate/supports/mark[1]/@first-year", "2021");
    /* a unit is listed once, however many of its files support the mark */
    assert_xp(&r, "/aggregate/supports/mark[1]/@units", "185, 182");
    run_end(&r);
}

/* Support to a mark granted during the plan, named as typed elsewhere:
 * known as the first granted record of that kind whose name folds to the
 * same key; a filed record or one of another kind does not count. */
static void test_support_of_granted_mark(void **state)
{
    (void)state;
    run r;
    run_start(&r, 2024);
    add(&r, 2023, "181", NULL,
        "<records>"
        "<record><kind>NH</kind><status>granted</status><application>4-2021-00701</application>"
        "<filed>2021-03-01</filed><granted>2023-02-01</granted><name>Miến dong Bình Gia</name></record>"
        "<record><kind>NHTT</kind><status>filed</status><application>4-2023-00702</application>"
        "<filed>2023-03-01</filed><name>Miến dong Bình Gia</name></record>"
        "<record><kind>NHTT</kind><status>granted</status><application>4-2021-00703</application>"
        "<filed>2021-03-01</filed><granted>2023-04-01</granted><name>Miến Dong Bình Gia</name></record>"
        "<record><kind>NHTT</kind><status>granted</status><application>4-2021-00704</application>"
        "<filed>2021-03-02</filed><granted>2023-04-02</granted><name>Miến dong Bình Gia</name></record>"
        "</records>");
    add(&r, 2024, "181", NULL,
        "<supports><support><mark>miến  dong BÌNH gia</mark><kind>NHTT</kind>"
        "<date>2024-05-01</date></support></supports>");
    build(&r);
    assert_no_finding(r.d, "SUPPORT-UNKNOWN-MARK");
    assert_xp(&r, "/aggregate/supports/mark/@known-as", "4-2021-00703");
    assert_xp(&r, "/aggregate/supports/mark/@units", "181");
    run_end(&r);
}

/* Money for part A tasks (funded yearly as needed) is shown apart from
 * the part B estimates; activities count against each task's measure,
 * and a communication event under B10 is listed but measures nothing of
 * part A. */
static void test_part_a_and_activities(void **state)
{
    (void)state;
    run r;
    run_start(&r, 2024);
    add(&r, 2024, "SGDDT", NULL,
        "<activities>"
        "<activity><task>A6</task><date>2024-03-01</date><kind>tap-huan</kind><classes>2</classes><participants>80</participants></activity>"
        "<activity><task>A6</task><date>2024-04-01</date><kind>hoi-thao</kind><participants>30</participants></activity>"
        "</activities>"
        "<budget><line><task>A6</task><allocated>45</allocated><disbursed>43.6</disbursed></line></budget>");
    add(&r, 2024, "DPTTH", NULL,
        "<activities><activity><task>B10</task><date>2024-05-01</date><kind>truyen-thong</kind></activity></activities>");
    build(&r);
    assert_xp(&r, "/aggregate/activities/task[@id='A6']/@quantity", "2");
    assert_xp(&r, "/aggregate/activities/task[@id='A6']/@activities", "2");
    assert_xp(&r, "/aggregate/activities/task[@id='A6']/@participants", "110");
    assert_xp(&r, "/aggregate/activities/task[@id='A6']/@share", "1");
    assert_xp(&r, "/aggregate/activities/task[@id='B10']/@part", "B");
    assert_xp(&r, "/aggregate/activities/task[@id='B10']/@activities", "1");
    assert_xp(&r, "count(/aggregate/activities/task[@id='B7'])", "0");
    assert_xp(&r, "/aggregate/budget/task[@id='A6']/@part", "A");
    assert_xp(&r, "/aggregate/budget/task[@id='A6']/year[@y='2024']/@disbursed", "43.6");
    assert_xp(&r, "count(/aggregate/budget/task[@id='A6']/@stated-total)", "0");
    /* part B totals are not mixed with part A money */
    assert_xp(&r, "/aggregate/budget/total[@y='2024']/@allocated", "0");
    assert_xp(&r, "/aggregate/budget/@allocated", "0");
    run_end(&r);
}

/* --- the bounded view and the full save -------------------------------- */

/* Four distinct records (one reported twice), names with markup
 * characters and diacritics, a narrative, a finding: fed to r. */
static void feed_detail(run *r)
{
    add(r, 2023, "SKHCN", NULL,
        "<records><record><kind>KDCN</kind><status>filed</status>"
        "<application>3-2023-00101</application><filed>2023-05-02</filed>"
        "</record></records>");
    add(r, 2024, "181", "2024-12-01",
        "<records><record><kind>NH</kind><status>filed</status>"
        "<application>4-2024-00017</application><filed>2024-03-04</filed>"
        "<name>Bánh cuốn Kỳ Lừa</name></record>"
        "<record><kind>NH</kind><status>filed</status>"
        "<application>4-2024-00018</application><filed>2024-04-04</filed>"
        "<name>Trà &amp; mật &lt;ong&gt; \"Mẫu Sơn\"</name></record></records>"
        "<narrative><results>Kết quả &amp; đề xuất</results></narrative>");
    add(r, 2024, "183", "2024-12-02",
        "<records><record><kind>NH</kind><status>filed</status>"
        "<application>4-2024-00017</application><filed>2024-03-04</filed>"
        "<name>Bánh cuốn Kỳ Lừa</name></record>"
        "<record><kind>NH</kind><status>filed</status>"
        "<application>4-2024-00020</application><filed>2024-05-06</filed>"
        "<owner>HTX Đồng Đăng</owner></record></records>");
}

/* The bytes of file path (NUL-terminated, *n their count). */
static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    long len = ftell(f);
    assert_true(len >= 0);
    rewind(f);
    char *buf = malloc((size_t)len + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)len, f), (size_t)len);
    buf[len] = '\0';
    fclose(f);
    *n = (size_t)len;
    return buf;
}

static void assert_same_file(const char *a, const char *b)
{
    size_t na, nb;
    char *x = slurp(a, &na), *y = slurp(b, &nb);
    if (na != nb || memcmp(x, y, na) != 0)
        fail_msg("%s (%zu bytes) differs from %s (%zu bytes)", a, na, b, nb);
    free(x);
    free(y);
}

/* The document as xmlio_dump writes it (caller frees). */
static char *dump(xmlDocPtr doc)
{
    int n = 0;
    xmlChar *buf = xmlio_dump(doc, &n);
    assert_non_null(buf);
    char *s = bc_strdup((const char *)buf);
    xmlFree(buf);
    return s;
}

/* With a detail limit the view lists the first records only and says how
 * many there are; everything else is the unlimited document's.  agg_save
 * writes the unlimited document, byte for byte. */
/* The long lists of the view and their items (aggregate.xsd, "cut"). */
static const char *const cut_lists[][2] = {
    {"new-records", "unit"}, {"units", "unit"}, {"submissions", "file"},
    {"records", "record"}, {"narratives", "unit"}};

/* Removes from doc every item of a long list past the first `keep`, and
 * the lists' count and listed. */
static void trim_lists(xmlDocPtr doc, int keep)
{
    for (size_t l = 0; l < sizeof cut_lists / sizeof cut_lists[0]; l++) {
        xmlNodePtr list = xmlio_child(xmlDocGetRootElement(doc), cut_lists[l][0]);
        assert_non_null(list);
        xmlUnsetProp(list, BAD_CAST "count");
        xmlUnsetProp(list, BAD_CAST "listed");
        int n = 0;
        for (xmlNodePtr k = xmlio_child(list, cut_lists[l][1]), next; k; k = next) {
            next = xmlio_next(k, cut_lists[l][1]);
            if (++n > keep) {
                xmlUnlinkNode(k);
                xmlFreeNode(k);
            }
        }
    }
}

/* The 2024 aggregate of what feed gives, built without a detail limit
 * (*full) and with a limit of 1 (*cut; build validates the bounded view
 * against aggregate.xsd). */
static void build_pair(run *full, run *cut, void (*feed)(run *r))
{
    run_start(full, 2024);
    agg_set_detail_limit(full->agg, 0);
    feed(full);
    build(full);
    run_start(cut, 2024);
    agg_set_detail_limit(cut->agg, 1);
    feed(cut);
    build(cut);
}

/* Every long list of the view holds at most the limit of items (the
 * files list, then also the later files with findings), says how many
 * there are, and the rest of the view is the whole document; the save
 * has every item, the bytes of the whole document's. */
static void test_detail_limit(void **state)
{
    (void)state;
    run full, cut;
    build_pair(&full, &cut, feed_detail);

    assert_xp(&full, "count(/aggregate/records/record)", "4");
    assert_xp(&full, "count(/aggregate/*/@count | /aggregate/*/@listed)", "0");
    assert_xp(&cut, "count(/aggregate/records/record)", "1");
    assert_xp(&cut, "/aggregate/records/@count", "4");
    assert_xp(&cut, "/aggregate/records/@listed", "1");
    assert_xp(&cut, "/aggregate/records/record[1]/@application", "3-2023-00101");
    /* the other lists: the 2024 files of 181 and 183, their new records,
     * every unit of the plan; one narrative, not cut */
    assert_xp(&cut, "/aggregate/submissions/@count", "2");
    /* the first file, then a later one with a finding of the year (183's
     * DUP-APPNO), for the validation report */
    assert_xp(&cut, "count(/aggregate/submissions/file)", "2");
    assert_xp(&cut, "contains(/aggregate/submissions/file[2]/@path, '183')", "true");
    assert_xp(&cut, "count(/aggregate/findings/finding[@code = 'DUP-APPNO' and "
                    "@file = /aggregate/submissions/file[2]/@path])", "1");
    assert_xp(&cut, "/aggregate/new-records/@count", "2");
    assert_xp(&cut, "count(/aggregate/new-records/unit)", "1");
    assert_xp(&cut, "count(/aggregate/new-records/kind) = count(/aggregate/kinds/kind)", "true");
    char *units_all = xp(&full, "count(/aggregate/units/unit)");
    assert_true(atoi(units_all) > 1);
    assert_xp(&cut, "string(/aggregate/units/@count)", units_all);
    free(units_all);
    assert_xp(&cut, "count(/aggregate/units/unit)", "1");
    assert_xp(&cut, "/aggregate/units/@listed", "1");
    assert_xp(&cut, "count(/aggregate/narratives/@count)", "0");
    assert_xp(&cut, "count(/aggregate/narratives/unit)", "1");
    /* figures are over every item */
    assert_xp(&cut, "/aggregate/summary/@records-all", "4");
    assert_xp(&cut, "/aggregate/summary/@duplicates", "1");
    assert_xp(&cut, "/aggregate/targets/target[@id='T7']/@year-value", "3");
    assert_xp(&cut, "/aggregate/units/@files", "2");
    assert_xp(&cut, "/aggregate/units/@accepted", "2");
    assert_xp(&full, "/aggregate/units/@expected = count(/aggregate/units/unit[@expected = 'true'])", "true");
    assert_xp(&full, "/aggregate/units/@files = sum(/aggregate/units/unit/@files)", "true");
    assert_xp(&cut, "/aggregate/units/@expected = /aggregate/summary/@units-expected", "true");

    /* the view minus count/listed is the whole document minus the items
     * past the first of each list */
    trim_lists(cut.doc, 1);
    char *cut_plain = dump(cut.doc);
    trim_lists(full.doc, 1);
    char *full_one = dump(full.doc);
    assert_string_equal(cut_plain, full_one);
    free(cut_plain);
    free(full_one);
    xmlFreeDoc(cut.doc);
    xmlFreeDoc(full.doc);

    /* the saves, from documents just built */
    bc_diag *none = diag_new();
    assert_int_equal(agg_build(full.agg, full.d, none, NULL, full.d, &full.doc), BC_OK);
    assert_int_equal(agg_build(cut.agg, cut.d, none, NULL, cut.d, &cut.doc), BC_OK);
    diag_free(none);
    char want[128], got[128], got_full[128];
    snprintf(want, sizeof want, "%s/want.xml", tmpdir);
    snprintf(got, sizeof got, "%s/got.xml", tmpdir);
    snprintf(got_full, sizeof got_full, "%s/got-full.xml", tmpdir);
    assert_int_equal(xmlio_save_atomic(full.doc, want), BC_OK);
    assert_int_equal(agg_save(cut.agg, cut.doc, got, cut.d), BC_OK);
    assert_int_equal(agg_save(full.agg, full.doc, got_full, full.d), BC_OK);
    assert_same_file(got, want);
    assert_same_file(got_full, want);
    /* the item source of the workbook's long lists: every item of each
     * list, in chunks of 1 and 3, is the whole document's list */
    for (size_t l = 0; l < sizeof cut_lists / sizeof cut_lists[0]; l++)
        for (size_t chunk = 1; chunk <= 3; chunk += 2) {
            xmlDocPtr tmp = xmlNewDoc(BAD_CAST "1.0");
            xmlNodePtr list = xmlNewDocNode(tmp, NULL, BAD_CAST cut_lists[l][0], NULL);
            xmlDocSetRootElement(tmp, list);
            size_t from = 0;
            long n;
            while ((n = agg_list_items(cut.agg, cut_lists[l][0], from, chunk, list)) > 0) {
                assert_true((size_t)n <= chunk);
                from += (size_t)n;
            }
            assert_int_equal(n, 0);
            xmlNodePtr whole = xmlDocCopyNode(
                xmlio_child(xmlDocGetRootElement(full.doc), cut_lists[l][0]), tmp, 1);
            for (xmlAttrPtr a = whole->properties; a; a = whole->properties)
                xmlRemoveProp(a); /* the list's own figures: not items */
            for (xmlNodePtr k = whole->children, next; k; k = next) {
                next = k->next; /* new-records' kinds: not items */
                if (!xmlStrEqual(k->name, BAD_CAST cut_lists[l][1])) {
                    xmlUnlinkNode(k);
                    xmlFreeNode(k);
                }
            }
            xmlChar *a = NULL, *b = NULL;
            xmlBufferPtr ba = xmlBufferCreate(), bb = xmlBufferCreate();
            xmlNodeDump(ba, tmp, list, 0, 0);
            xmlNodeDump(bb, tmp, whole, 0, 0);
            a = BAD_CAST xmlBufferContent(ba);
            b = BAD_CAST xmlBufferContent(bb);
            assert_string_equal((const char *)a, (const char *)b);
            xmlBufferFree(ba);
            xmlBufferFree(bb);
            xmlFreeNode(whole);
            xmlFreeDoc(tmp);
        }
    {
        xmlDocPtr tmp = xmlNewDoc(BAD_CAST "1.0");
        xmlNodePtr x = xmlNewDocNode(tmp, NULL, BAD_CAST "x", NULL);
        xmlDocSetRootElement(tmp, x);
        assert_int_equal(agg_list_items(cut.agg, "findings", 0, 5, x), -1);
        assert_int_equal(agg_list_items(cut.agg, "records", 99, 5, x), 0);
        xmlFreeDoc(tmp);
    }

    /* the view is as it was */
    assert_xp(&cut, "count(/aggregate/records/record)", "1");
    assert_xp(&cut, "count(/aggregate/units/unit)", "1");
    assert_null(cut.doc->encoding);
    run_end(&full);
    run_end(&cut);
}

/* A save that cannot be renamed into place: FILE-WRITE naming the path,
 * no temporary file left beside it. */
static void test_save_fails_cleanly(void **state)
{
    (void)state;
    run r;
    run_start(&r, 2024);
    agg_set_detail_limit(r.agg, 1);
    feed_detail(&r);
    build(&r);
    char dir[128], inner[160];
    snprintf(dir, sizeof dir, "%s/blocked", tmpdir);
    assert_int_equal(bc_mkdir_p(dir), BC_OK);
    snprintf(dir, sizeof dir, "%s/blocked/tong-hop.xml", tmpdir);
    snprintf(inner, sizeof inner, "%s/keep", dir);
    assert_int_equal(bc_mkdir_p(inner), BC_OK); /* path: a folder, not empty */
    size_t before = diag_count(r.d);
    assert_int_equal(agg_save(r.agg, r.doc, dir, r.d), BC_ERR_IO);
    assert_int_equal(diag_count(r.d), before + 1);
    const bc_finding *f = diag_get(r.d, before);
    assert_string_equal(f->code, "FILE-WRITE");
    assert_string_equal(f->file, dir);
    snprintf(dir, sizeof dir, "%s/blocked", tmpdir);
    DIR *dd = opendir(dir);
    assert_non_null(dd);
    size_t entries = 0;
    for (struct dirent *e; (e = readdir(dd)) != NULL;)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
            entries++;
            assert_string_equal(e->d_name, "tong-hop.xml");
        }
    closedir(dd);
    assert_int_equal(entries, 1);
    run_end(&r);
}

/* Issue 13 fault 3: a file that fails the schema still names its unit;
 * the unit is "submitted, rejected", not "missing", and the completeness
 * counts say so (reading g). */
static void test_schema_failure_credits_unit(void **state)
{
    (void)state;
    run r;
    run_start(&r, 2024);
    add(&r, 2024, "181", NULL,
        "<records><record><kind>NH</kind></record></records>");
    add(&r, 2024, "SKHCN", NULL, NH_2024);
    build(&r);
    assert_finding(r.d, "XSD", NULL);
    assert_xp(&r, "/aggregate/units/unit[@code='181']/@status", "rejected");
    assert_xp(&r, "/aggregate/units/unit[@code='181']/@rejected", "1");
    assert_xp(&r, "/aggregate/submissions/file[@unit='181']/@status", "rejected");
    char *exp = xp(&r, "/aggregate/summary/@units-expected");
    char *miss = xp(&r, "/aggregate/summary/@units-missing");
    assert_xp(&r, "/aggregate/summary/@units-valid", "1");
    assert_xp(&r, "/aggregate/summary/@units-rejected", "1");
    assert_xp(&r, "/aggregate/summary/@units-submitted", "2");
    /* the three states add up to the expected units */
    assert_int_equal(atoi(exp), 2 + atoi(miss));
    free(exp);
    free(miss);
    run_end(&r);
}

/* Issue 13 fault 4: classes = 0 is no class; absent is one. */
static void test_classes_zero(void **state)
{
    (void)state;
    run r;
    run_start(&r, 2024);
    add(&r, 2024, "SGDDT", NULL,
        "<activities>"
        "<activity><task>A6</task><date>2024-03-01</date><kind>tap-huan</kind><classes>0</classes></activity>"
        "<activity><task>A6</task><date>2024-03-02</date><kind>tap-huan</kind></activity>"
        "<activity><task>A6</task><date>2024-03-03</date><kind>tap-huan</kind><classes>3</classes></activity>"
        "</activities>");
    build(&r);
    assert_xp(&r, "/aggregate/activities/task[@id='A6']/@quantity", "4");
    assert_xp(&r, "/aggregate/activities/task[@id='A6']/@activities", "3");
    run_end(&r);
}

/* Reading i: a grant reported one year stays granted when a stale
 * "filed" listing of the same application follows; the pending listing
 * is a note and the rest of that submission counts. */
static void test_stale_listing_keeps_grant(void **state)
{
    (void)state;
    run r;
    run_start(&r, 2024);
    add(&r, 2023, "181", NULL,
        "<records><record><kind>NHTT</kind><status>granted</status>"
        "<application>4-2022-00100</application><filed>2022-03-01</filed>"
        "<granted>2023-05-01</granted><name>Miến dong Bình Gia</name></record></records>");
    add(&r, 2024, "181", NULL,
        "<records><record><kind>NHTT</kind><status>filed</status>"
        "<application>4-2022-00100</application><filed>2022-03-01</filed>"
        "<name>Miến dong Bình Gia</name></record>"
        "<record><kind>NH</kind><status>filed</status>"
        "<application>4-2024-00101</application><filed>2024-03-01</filed></record>"
        "</records>");
    build(&r);
    assert_finding(r.d, "DATE-EARLIER", "01/03/2022");
    assert_no_finding(r.d, "DATE-PERIOD");
    assert_xp(&r, "/aggregate/records/record[@application='4-2022-00100']/@status", "granted");
    assert_xp(&r, "/aggregate/targets/target[@id='T2']/year[@y='2023']/@value", "1");
    assert_xp(&r, "/aggregate/targets/target[@id='T2']/@cumulative", "1");
    assert_xp(&r, "/aggregate/targets/target[@id='T7']/year[@y='2024']/@value", "1");
    assert_xp(&r, "/aggregate/units/unit[@code='181']/@status", "accepted");
    run_end(&r);
}

/* Reading f: the same number twice in one file is one source: no
 * cross-unit duplicate, counted once. */
static void test_dup_in_file_one_source(void **state)
{
    (void)state;
    run r;
    run_start(&r, 2024);
    add(&r, 2024, "181", NULL,
        "<records><record><kind>NH</kind><status>filed</status>"
        "<application>4-2024-00017</application><filed>2024-03-04</filed></record>"
        "<record><kind>NH</kind><status>filed</status>"
        "<application>ĐN4-2024-00017</application><filed>2024-03-04</filed></record>"
        "</records>");
    build(&r);
    assert_finding(r.d, "DUP-IN-FILE", NULL);
    assert_no_finding(r.d, "DUP-APPNO");
    assert_xp(&r, "count(/aggregate/duplicates/duplicate)", "0");
    assert_xp(&r, "/aggregate/summary/@duplicates", "0");
    assert_xp(&r, "/aggregate/targets/target[@id='T7']/@year-value", "1");
    run_end(&r);
}

/* Issue 13 faults 1 and 7, reading a: "Na Chi Lăng" for the product of
 * Phụ lục 1's NHCN Chi Lăng is probably that mark (not new, listed to
 * verify); a name with a zero-width joiner is the entry itself; the
 * entry's name for another product is new, with a note. */
static void test_pl1_rule(void **state)
{
    (void)state;
    run r;
    run_start(&r, 2024);
    add(&r, 2024, "181", NULL,
        "<records>"
        "<record><kind>NHCN</kind><status>granted</status><application>4-2022-00201</application>"
        "<filed>2022-03-01</filed><granted>2024-05-01</granted><name>Na Chi Lăng</name>"
        "<product>Quả Na</product></record>"
        "<record><kind>NHCN</kind><status>granted</status><application>4-2022-00202</application>"
        "<filed>2022-03-01</filed><granted>2024-05-02</granted><name>Chi\xe2\x80\x8dLăng</name></record>"
        "<record><kind>NHCN</kind><status>granted</status><application>4-2022-00203</application>"
        "<filed>2022-03-01</filed><granted>2024-05-03</granted><name>Lạng Sơn</name>"
        "<product>Mật ong</product></record>"
        "</records>");
    build(&r);
    assert_finding(r.d, "PL1-POSSIBLE", "Na Chi Lăng");
    assert_finding(r.d, "TEXT-INVISIBLE", "U+200D");
    assert_finding(r.d, "PL1-EXISTING", NULL);
    const bc_finding *f = assert_finding(r.d, "PL1-OTHER-PRODUCT", "Lạng Sơn");
    assert_int_equal(f->sev, BC_SEV_NOTE);
    /* only the honey mark is a new NHCN */
    assert_xp(&r, "/aggregate/targets/target[@id='T3']/@year-value", "1");
    assert_xp(&r, "/aggregate/records/record[@application='4-2022-00201']/@pl1-possible",
              "Chi Lăng (2013)");
    assert_xp(&r, "/aggregate/records/record[@application='4-2022-00202']/@pre-plan",
              "Chi Lăng (2013)");
    assert_xp(&r, "/aggregate/records/record[@application='4-2022-00203']/@pl1-other-product",
              "Lạng Sơn (2019)");
    assert_xp(&r, "count(/aggregate/pl1-check/record)", "1");
    assert_xp(&r, "/aggregate/pl1-check/record/@application", "4-2022-00201");
    /* every grant is still an event of the series */
    assert_xp(&r, "/aggregate/ip-series/year[@y='2024']/kind[@code='NHCN']/@granted", "3");
    run_end(&r);
}

/* Issue 13 fault 2, reading b: one protected mark supported under its
 * Phụ lục 1 name one year and its product's wording the next is one mark,
 * counted once, in the year it was first supported. */
static void test_t8_one_identity(void **state)
{
    (void)state;
    run r;
    run_start(&r, 2024);
    add(&r, 2023, "181", NULL,
        "<supports><support><mark>Chi Lăng</mark><kind>NHCN</kind>"
        "<date>2023-05-01</date></support></supports>");
    add(&r, 2024, "183", NULL,
        "<supports><support><mark>Quả Na của huyện Chi Lăng, Hữu Lũng</mark><kind>NHCN</kind>"
        "<date>2024-06-01</date></support>"
        "<support><mark>Na Chi Lăng</mark><kind>NHCN</kind>"
        "<date>2024-05-01</date></support></supports>");
    build(&r);
    /* "Na Chi Lăng" only resembles the entry: listed, not counted */
    assert_finding(r.d, "SUPPORT-UNKNOWN-MARK", "Na Chi Lăng");
    assert_xp(&r, "count(/aggregate/supports/mark)", "2");
    assert_xp(&r, "/aggregate/supports/mark[@name='Na Chi Lăng']/@protected", "false");
    assert_xp(&r, "/aggregate/supports/mark[1]/@units", "181, 183");
    assert_xp(&r, "/aggregate/supports/mark[1]/@first-year", "2023");
    assert_xp(&r, "/aggregate/targets/target[@id='T8']/@cumulative", "1");
    assert_xp(&r, "/aggregate/targets/target[@id='T8']/year[@y='2023']/@value", "1");
    assert_xp(&r, "/aggregate/targets/target[@id='T8']/@year-value", "0");
    assert_xp(&r, "/aggregate/targets/target[@id='T8']/@supported-in-year", "1");
    run_end(&r);
}

/* Reading j: a grant of 2023 first reported in the 2024 cycle revises
 * 2023's T2 (its own report gave 1, now 2), naming the late file; years
 * nothing changed are not listed. */
static void test_revisions(void **state)
{
    (void)state;
    run r;
    run_start(&r, 2024);
    add(&r, 2022, "181", NULL,
        "<records><record><kind>NH</kind><status>filed</status>"
        "<application>4-2022-00300</application><filed>2022-03-01</filed></record></records>");
    add(&r, 2023, "181", NULL,
        "<records><record><kind>NHTT</kind><status>granted</status>"
        "<application>4-2022-00301</application><filed>2022-03-01</filed>"
        "<granted>2023-05-01</granted><name>Miến dong Bình Gia</name></record></records>");
    add(&r, 2024, "183", NULL,
        "<records><record><kind>NHTT</kind><status>granted</status>"
        "<application>4-2022-00302</application><filed>2022-04-01</filed>"
        "<granted>2023-06-01</granted><name>Hồi Văn Quan</name></record></records>");
    build(&r);
    assert_xp(&r, "count(/aggregate/revisions/revision)", "1");
    assert_xp(&r, "/aggregate/revisions/revision[@target='T2']/@year", "2023");
    assert_xp(&r, "/aggregate/revisions/revision[@target='T2']/@old", "1");
    assert_xp(&r, "/aggregate/revisions/revision[@target='T2']/@new", "2");
    assert_xp(&r, "count(/aggregate/revisions/revision[@target='T2']/file)", "1");
    assert_xp(&r, "/aggregate/revisions/revision[@target='T2']/file/@unit", "183");
    assert_xp(&r, "/aggregate/revisions/revision[@target='T2']/file/@cycle", "2024");
    /* its filing in 2022 is in no target (T2 counts grants, T7 NH) */
    assert_xp(&r, "count(/aggregate/revisions/revision[@year='2022'])", "0");
    run_end(&r);
}

/* Two late files revise 2023's T2, three units say the same difficulty:
 * with a detail limit of 1 the view names one file and one unit and says
 * how many there are (count, listed), the rest of the view unchanged; the
 * save, built again with every item, is the whole document's bytes. */
static void feed_nested(run *r)
{
    add(r, 2023, "181", NULL,
        "<records><record><kind>NHTT</kind><status>granted</status>"
        "<application>4-2022-00301</application><filed>2022-03-01</filed>"
        "<granted>2023-05-01</granted></record></records>");
    static const char *const late[] = {"183", "184", "185"};
    for (int i = 0; i < 3; i++) {
        char body[512];
        snprintf(body, sizeof body,
                 "<records><record><kind>NHTT</kind><status>granted</status>"
                 "<application>4-2022-0031%d</application><filed>2022-04-01</filed>"
                 "<granted>2023-06-01</granted></record></records>"
                 "<narrative><difficulties>Thiếu kinh phí; khó khăn riêng %d.</difficulties>"
                 "</narrative>", i, i);
        add(r, 2024, late[i], NULL, body);
    }
}

static void test_nested_lists_cut(void **state)
{
    (void)state;
    run full, cut;
    build_pair(&full, &cut, feed_nested);
    const char *rev = "/aggregate/revisions/revision[@target='T2' and @year='2023']";
    const char *thm = "/aggregate/themes/theme[text = 'Thiếu kinh phí']";
    char q[256];
    snprintf(q, sizeof q, "count(%s/file)", rev);
    assert_xp(&full, q, "3");
    assert_xp(&cut, q, "1");
    snprintf(q, sizeof q, "concat(%s/@count, '/', %s/@listed)", rev, rev);
    assert_xp(&cut, q, "3/1");
    assert_xp(&full, q, "/");
    snprintf(q, sizeof q, "count(%s/unit)", thm);
    assert_xp(&full, q, "3");
    assert_xp(&cut, q, "1");
    snprintf(q, sizeof q, "concat(%s/@units, '/', %s/@count, '/', %s/@listed)", thm, thm, thm);
    assert_xp(&cut, q, "3/3/1");
    assert_xp(&full, q, "3//");
    /* the one file and unit listed are the whole lists' first */
    snprintf(q, sizeof q, "%s/file/@unit", rev);
    char *first = xp(&full, q);
    assert_xp(&cut, q, first);
    free(first);
    snprintf(q, sizeof q, "%s/unit/@code", thm);
    first = xp(&full, q);
    assert_xp(&cut, q, first);
    free(first);

    char want[128], got[128];
    snprintf(want, sizeof want, "%s/nested-want.xml", tmpdir);
    snprintf(got, sizeof got, "%s/nested-got.xml", tmpdir);
    assert_int_equal(xmlio_save_atomic(full.doc, want), BC_OK);
    assert_int_equal(agg_save(cut.agg, cut.doc, got, cut.d), BC_OK);
    assert_same_file(got, want);
    run_end(&full);
    run_end(&cut);
}

/* Fault 3 with a commune code typed as a number: a file naming "6004"
 * that fails the schema is 06004's rejected file, as validation would
 * read the code of a valid one (UNIT-CODE-ZEROS). */
static void test_schema_failure_typed_code(void **state)
{
    (void)state;
    run r;
    run_start(&r, 2026);
    add(&r, 2026, "6004", NULL,
        "<records><record><kind>NH</kind></record></records>");
    build(&r);
    assert_xp(&r, "/aggregate/units/unit[@code='06004']/@status", "rejected");
    assert_xp(&r, "/aggregate/units/unit[@code='06004']/@files", "1");
    assert_xp(&r, "/aggregate/summary/@units-rejected", "1");
    run_end(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_duplicate_two_units),
        cmocka_unit_test(test_filed_then_granted),
        cmocka_unit_test(test_replacement),
        cmocka_unit_test(test_replacement_drops_exactly),
        cmocka_unit_test(test_pl1_not_new),
        cmocka_unit_test(test_budget_exact),
        cmocka_unit_test(test_budget_unapproved_year),
        cmocka_unit_test(test_targets),
        cmocka_unit_test(test_units_and_rejection),
        cmocka_unit_test(test_supports),
        cmocka_unit_test(test_support_of_granted_mark),
        cmocka_unit_test(test_duplicate_conflict),
        cmocka_unit_test(test_part_a_and_activities),
        cmocka_unit_test(test_detail_limit),
        cmocka_unit_test(test_save_fails_cleanly),
        cmocka_unit_test(test_schema_failure_credits_unit),
        cmocka_unit_test(test_classes_zero),
        cmocka_unit_test(test_stale_listing_keeps_grant),
        cmocka_unit_test(test_dup_in_file_one_source),
        cmocka_unit_test(test_pl1_rule),
        cmocka_unit_test(test_t8_one_identity),
        cmocka_unit_test(test_revisions),
        cmocka_unit_test(test_nested_lists_cut),
        cmocka_unit_test(test_schema_failure_typed_code),
    };
    return cmocka_run_group_tests(tests, setup_all, teardown_all);
}
