/* test_plan.c - plan.c: the real plan file, its self-check, lookups, unit
 * validity and broken plan documents. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "plan.c" /* and its STATIC internals (testing.h) */
#include "util.h"
#include "xmlio.h"

#define PLAN_XML "templates/plan/de-an-2030.xml"
#define PLAN_XSD "templates/schema/plan.xsd"
#define M(x) ((bc_money)(x) * BC_MONEY_SCALE)

/* The real plan, loaded and validated once per test. */
static int setup_plan(void **state)
{
    bc_diag *d = diag_new();
    plan *p = NULL;
    bc_status st = plan_load(PLAN_XML, PLAN_XSD, d, &p);
    for (size_t i = 0; st != BC_OK && i < diag_count(d); i++)
        diag_print(diag_get(d, i), stderr);
    assert_int_equal(st, BC_OK);
    assert_non_null(p);
    assert_int_equal(diag_count(d), 0);
    diag_free(d);
    *state = p;
    return 0;
}

static int teardown_plan(void **state)
{
    plan_free(*state);
    return 0;
}

static const plan_unit *unit(const plan *p, const char *code)
{
    const plan_unit *u = plan_unit_find(p, code);
    assert_non_null(u);
    return u;
}

static void test_counts(void **state)
{
    const plan *p = *state;
    assert_int_equal(p->n_kinds, 8);
    assert_int_equal(p->n_prefixes, 5);
    assert_int_equal(p->n_targets, 8);
    assert_int_equal(p->n_baseline1, 24);
    assert_int_equal(p->n_baseline2, 24);
    assert_int_equal(p->n_baseline2_totals, 3);
    assert_int_equal(p->n_sections, 3);
    assert_int_equal(p->n_protected, 23);
    assert_int_equal(p->n_tasks_a, 6);
    assert_int_equal(p->n_tasks_b, 6);
    assert_int_equal(p->n_phases, 2);
    assert_int_equal(p->n_duty_sections, 8);
    assert_int_equal(p->n_duties, 31);
    assert_int_equal(p->n_facts, 7);
    assert_int_equal(p->n_amendments, 0);
    /* 11 districts, 13 departments and others, 65 communes */
    assert_int_equal(p->n_units, 89);
    size_t by_type[4] = {0};
    for (size_t i = 0; i < p->n_units; i++)
        by_type[p->units[i].type]++;
    assert_int_equal(by_type[UNIT_DISTRICT], 11);
    assert_int_equal(by_type[UNIT_COMMUNE], 65);
    assert_int_equal(by_type[UNIT_DEPARTMENT], 11);
    assert_int_equal(by_type[UNIT_OTHER], 2);
    assert_int_equal(p->communes_complete, 1);
    assert_int_equal(p->communes_expected, 65);
}

static void test_header_and_kinds(void **state)
{
    const plan *p = *state;
    assert_string_equal(p->title, "Đề án Triển khai Chiến lược sở hữu trí tuệ "
                                  "đến năm 2030 trên địa bàn tỉnh Lạng Sơn");
    assert_non_null(strstr(p->decision, "/QĐ-UBND"));
    assert_int_equal(p->start_year, 2021);
    assert_int_equal(p->end_year, 2030);
    assert_int_equal(p->period_month, 12);
    assert_int_equal(p->period_day, 15);

    static const char *const codes[] = {"CDDL", "NHTT", "NHCN", "SC",
                                        "GPHI", "KDCN", "GCT",  "NH"};
    for (size_t i = 0; i < BC_ARRAY_LEN(codes); i++)
        assert_true(plan_kind_index(p, codes[i]) >= 0);
    int gct = plan_kind_index(p, "GCT");
    assert_int_equal(p->kinds[gct].ip_office, 0);
    assert_int_equal(p->kinds[plan_kind_index(p, "SC")].ip_office, 1);
    assert_string_equal(p->kinds[plan_kind_index(p, "NHTT")].name,
                        "nhãn hiệu tập thể");

    const plan_prefix *x = plan_prefix_find(p, 4);
    assert_non_null(x);
    uint32_t marks = (1u << plan_kind_index(p, "NH")) |
                     (1u << plan_kind_index(p, "NHTT")) |
                     (1u << plan_kind_index(p, "NHCN"));
    assert_int_equal(x->kinds, marks);
    assert_int_equal(x->confirmed, 1);
    x = plan_prefix_find(p, 6);
    assert_non_null(x);
    assert_int_equal(x->kinds, 1u << plan_kind_index(p, "CDDL"));
    assert_int_equal(x->confirmed, 0);
    assert_null(plan_prefix_find(p, 5));
}

static void test_kind_lookup(void **state)
{
    const plan *p = *state;
    assert_int_equal(plan_kind_lookup(p, "NHTT"), plan_kind_index(p, "NHTT"));
    assert_int_equal(plan_kind_lookup(p, "nhãn hiệu tập thể"),
                     plan_kind_index(p, "NHTT"));
    assert_int_equal(plan_kind_lookup(p, "  NHAN HIEU   tap the "),
                     plan_kind_index(p, "NHTT"));
    assert_int_equal(plan_kind_lookup(p, "CDĐL"), plan_kind_index(p, "CDDL"));
    assert_int_equal(plan_kind_lookup(p, "Chỉ dẫn địa lý"),
                     plan_kind_index(p, "CDDL"));
    assert_int_equal(plan_kind_lookup(p, "nhãn hiệu"),
                     plan_kind_index(p, "NH"));
    assert_int_equal(plan_kind_lookup(p, "NH thông thường"),
                     plan_kind_index(p, "NH"));
    assert_int_equal(plan_kind_lookup(p, "giống cây"),
                     plan_kind_index(p, "GCT"));
    assert_int_equal(plan_kind_lookup(p, "kdcn"), plan_kind_index(p, "KDCN"));
    assert_int_equal(plan_kind_lookup(p, "kiểu dáng công nghiệp"),
                     plan_kind_index(p, "KDCN"));
    assert_int_equal(plan_kind_lookup(p, "bản quyền"), -1);
    assert_int_equal(plan_kind_lookup(p, ""), -1);
    assert_int_equal(plan_kind_lookup(p, NULL), -1);
}

static void test_targets(void **state)
{
    const plan *p = *state;
    static const struct {
        const char *id;
        int min, max, only_new;
        unsigned counts;
    } want[] = {
        {"T1", 4, 6, 1, COUNT_GRANTED},
        {"T2", 25, 35, 1, COUNT_GRANTED},
        {"T3", 8, 10, 1, COUNT_GRANTED},
        {"T4", 3, 5, 0, COUNT_FILED | COUNT_GRANTED},
        {"T5", 25, 30, 0, COUNT_FILED | COUNT_GRANTED},
        {"T6", 1, 3, 0, COUNT_FILED},
        {"T8", 10, 10, 0, COUNT_SUPPORTED},
    };
    for (size_t i = 0; i < BC_ARRAY_LEN(want); i++) {
        const plan_target *t = plan_target_find(p, want[i].id);
        assert_non_null(t);
        assert_int_equal(t->type, TARGET_RANGE);
        assert_int_equal(t->min, want[i].min);
        assert_int_equal(t->max, want[i].max);
        assert_int_equal(t->only_new, want[i].only_new);
        assert_int_equal(t->counts, want[i].counts);
        assert_non_null(t->name);
        assert_non_null(t->measure);
    }
    const plan_target *t4 = plan_target_find(p, "T4");
    assert_int_equal(t4->kinds, (1u << plan_kind_index(p, "SC")) |
                                    (1u << plan_kind_index(p, "GPHI")));
    const plan_target *t8 = plan_target_find(p, "T8");
    assert_int_equal(t8->kinds, (1u << plan_kind_index(p, "NHTT")) |
                                    (1u << plan_kind_index(p, "NHCN")));
    const plan_target *t7 = plan_target_find(p, "T7");
    assert_non_null(t7);
    assert_int_equal(t7->type, TARGET_RATE);
    assert_int_equal(t7->kinds, 1u << plan_kind_index(p, "NH"));
    assert_int_equal(t7->counts, COUNT_FILED);
    assert_int_equal(t7->rate, 2000000);
    assert_int_equal(t7->baseline_year, 2019);
    assert_int_equal(t7->baseline_value, 75);
    assert_null(plan_target_find(p, "T9"));
}

static void test_baseline(void **state)
{
    const plan *p = *state;
    int nh = plan_kind_index(p, "NH"), kd = plan_kind_index(p, "KDCN");
    int found = 0;
    for (size_t i = 0; i < p->n_baseline1; i++) {
        const plan_baseline1 *b = &p->baseline1[i];
        if (b->year == 2019 && b->kind == nh) {
            assert_int_equal(b->filed, 75);
            assert_int_equal(b->granted, 47);
            found++;
        }
        if (b->year == 2017 && b->kind == kd) {
            assert_int_equal(b->filed, 8);
            assert_int_equal(b->granted, 1);
            found++;
        }
    }
    assert_int_equal(found, 2);
    int tt = plan_kind_index(p, "NHTT");
    int sum = 0;
    for (size_t i = 0; i < p->n_baseline2; i++)
        if (p->baseline2[i].kind == tt)
            sum += p->baseline2[i].count;
    assert_int_equal(sum, 19);
}

static void test_protected(void **state)
{
    const plan *p = *state;
    int cd = plan_kind_index(p, "CDDL"), cn = plan_kind_index(p, "NHCN"),
        tt = plan_kind_index(p, "NHTT");
    size_t by[PLAN_MAX_KINDS] = {0};
    for (size_t i = 0; i < p->n_protected; i++)
        by[p->protected_[i].kind]++;
    assert_int_equal(by[cd], 2);
    assert_int_equal(by[cn], 2);
    assert_int_equal(by[tt], 19);
    for (size_t s = 0; s < p->n_sections; s++)
        if (p->sections[s].kind == tt) {
            assert_int_equal(p->sections[s].stated, 20);
            assert_string_equal(p->sections[s].heading,
                                "NHÃN HIỆU TẬP THỂ (20)");
        }
    const plan_protected *e = &p->protected_[0];
    assert_int_equal(e->kind, cd);
    assert_int_equal(e->no, 1);
    assert_string_equal(e->name, "Lạng Sơn");
    assert_string_equal(e->product, "Quả Hồi và tinh dầu Hồi của tỉnh Lạng Sơn");
    assert_int_equal(e->year, 2007);
}

static void test_protected_match(void **state)
{
    const plan *p = *state;
    int tt = plan_kind_index(p, "NHTT");
    const plan_protected *q = plan_protected_match(p, tt, "Quýt vàng Bắc Sơn",
                                                   NULL);
    assert_non_null(q);
    assert_int_equal(q->no, 2);
    assert_int_equal(q->year, 2016);
    assert_ptr_equal(plan_protected_match(p, tt, "QUÝT VÀNG BẮC SƠN", NULL), q);
    assert_ptr_equal(
        plan_protected_match(p, tt, "  quýt   vàng\tBắc  Sơn ", NULL), q);
    /* decomposed (NFD): u + U+0301, a + U+0300, A + U+0306 U+0301,
     * o + U+031B */
    assert_ptr_equal(plan_protected_match(p, tt,
                                          "Quy\xcc\x81t va\xcc\x80ng "
                                          "B\x61\xcc\x86\xcc\x81\x63 "
                                          "So\xcc\x9bn",
                                          NULL),
                     q);
    assert_ptr_equal(plan_protected_match(p, tt, "quyt vang bac son", NULL),
                     q);
    /* by product only when no name is given: a new mark sharing a product
     * with a protected one ("Rượu ...") is not "already protected" */
    assert_ptr_equal(plan_protected_match(p, tt, NULL, "Qủa Quýt vàng Bắc Sơn"),
                     q);
    assert_null(plan_protected_match(p, tt, "Quýt Bắc Sơn mới",
                                     "Qủa Quýt vàng Bắc Sơn"));
    assert_null(plan_protected_match(p, tt, "Rượu Bắc Sơn", "Rượu"));
    /* another kind does not match; "Lạng Sơn" is a GI and a NHCN */
    assert_null(plan_protected_match(p, plan_kind_index(p, "CDDL"),
                                     "Quýt vàng Bắc Sơn", NULL));
    const plan_protected *gi =
        plan_protected_match(p, plan_kind_index(p, "CDDL"), "lạng sơn", NULL);
    assert_non_null(gi);
    assert_int_equal(gi->year, 2007);
    const plan_protected *cn =
        plan_protected_match(p, plan_kind_index(p, "NHCN"), "Lạng Sơn", NULL);
    assert_non_null(cn);
    assert_int_equal(cn->year, 2019);
    assert_null(plan_protected_match(p, tt, "Mật ong Bình Gia", NULL));
    assert_null(plan_protected_match(p, tt, NULL, NULL));
}

static void test_tasks(void **state)
{
    const plan *p = *state;
    static const struct {
        const char *id, *host, *measure, *label;
        int per_year;
    } a[] = {
        {"A1", "SKHCN", "classes", "lớp", 2},
        {"A2", "SKHCN", "tasks", "nhiệm vụ", 0}, /* "khoảng 02", no period */
        {"A3", "SKHCN", "classes", "lớp", 5},
        {"A4", "SKHCN", "classes", "lớp", 0}, /* yearly, no number */
        {"A5", "STP", NULL, NULL, 0},
        {"A6", "SGDDT", "classes", "lớp", 2},
    };
    for (size_t i = 0; i < BC_ARRAY_LEN(a); i++) {
        const plan_task_a *t = plan_task_a_find(p, a[i].id);
        assert_non_null(t);
        assert_int_equal(t->no, (int)i + 1);
        assert_string_equal(t->host, a[i].host);
        assert_int_equal(t->per_year, a[i].per_year);
        if (a[i].measure) {
            assert_string_equal(t->measure, a[i].measure);
            assert_string_equal(t->measure_label, a[i].label);
        } else {
            assert_null(t->measure);
        }
        assert_non_null(t->title);
        assert_non_null(t->partners);
    }
    assert_null(plan_task_a_find(p, "A7"));

    /* what the rows say of their quantities, in their words */
    const plan_task_a *a2 = plan_task_a_find(p, "A2");
    assert_int_equal(a2->quantity.value, 2);
    assert_int_equal(a2->quantity.yearly, 0);
    assert_int_equal(a2->quantity.approximate, 1);
    assert_int_equal(a2->quantity.assumed, 0);
    assert_string_equal(a2->quantity.words, "khoảng 02 nhiệm vụ");
    assert_string_equal(a2->note,
                        "Căn cứ tình hình thực tế phát sinh. Đề xuất kinh phí "
                        "thực hiện.");
    const plan_task_a *a4 = plan_task_a_find(p, "A4");
    assert_int_equal(a4->quantity.value, 0);
    assert_int_equal(a4->quantity.yearly, 1);
    assert_string_equal(a4->quantity.words, "Định kỳ hằng năm tổ chức");
    assert_string_equal(a4->partner_units, "SNV SVHTTDL SNNPTNT");
    const plan_task_a *a3 = plan_task_a_find(p, "A3");
    assert_int_equal(a3->quantity.value, 5);
    assert_int_equal(a3->quantity.yearly, 1);
    assert_string_equal(a3->quantity.words, "05 lớp/năm");
    assert_null(plan_task_a_find(p, "A5")->quantity.words);
    assert_null(plan_task_a_find(p, "A5")->note);

    /* Phụ lục 2's headings and B7 in full */
    assert_string_equal(p->tasks_a_heading, "A. DANH MỤC NHIỆM VỤ THỰC HIỆN "
                                            "DỰ TOÁN HẰNG NĂM THEO NHU CẦU "
                                            "THỰC TẾ");
    assert_string_equal(p->tasks_b_heading,
                        "B. DANH MỤC NHIỆM VỤ CÓ KHÁI TOÁN TẠI ĐỀ ÁN");
    assert_non_null(strstr(p->appendix2_title, "GIAI ĐOẠN ĐẾN NĂM 2025"));
    const plan_task_b *b7 = plan_task_b_find(p, "B7");
    assert_non_null(strstr(b7->title, "\n+ Dự kiến đặt tại 02 cơ sở:"));
    assert_non_null(strstr(b7->title, "\n+ Cơ sở vật chất, trang bị thiết bị "
                                      "văn phòng"));
    assert_non_null(strstr(b7->title, "(nội dung hoạt động theo quy định tại "
                                      "Nghị quyết số 13/2019/NQ-HĐND ngày "
                                      "10/12/2019"));
    assert_string_equal(b7->partner_units, "SNV SKHDT");
    assert_string_equal(plan_task_b_find(p, "B10")->partner_units,
                        "DPTTH BLS");
    assert_null(plan_task_b_find(p, "B11")->partner_units);

    static const struct {
        const char *id, *no, *host;
        long total, y[5];
    } b[] = {
        {"B7", "7", "SKHCN", 3000, {2200, 200, 200, 200, 200}},
        {"B8", "8", "SKHCN", 3000, {1000, 1000, 1000, -1, -1}},
        {"B9", "9", "SKHCN", 6000, {1200, 1200, 1200, 1200, 1200}},
        {"B9b", "9 (-)", "SKHCN", 5000, {1000, 1000, 1000, 1000, 1000}},
        {"B10", "10", "SKHCN", 2000, {400, 400, 400, 400, 400}},
        {"B11", "11", NULL, 1000, {200, 200, 200, 200, 200}},
    };
    for (size_t i = 0; i < BC_ARRAY_LEN(b); i++) {
        const plan_task_b *t = plan_task_b_find(p, b[i].id);
        assert_non_null(t);
        assert_string_equal(t->no, b[i].no);
        if (b[i].host)
            assert_string_equal(t->host, b[i].host);
        else
            assert_null(t->host);
        assert_int_equal(t->stated_total, M(b[i].total));
        for (int y = 0; y < 5; y++) {
            int found = -1;
            bc_money m = plan_task_b_amount(t, 2021 + y, &found);
            assert_int_equal(found, b[i].y[y] >= 0);
            assert_int_equal(m, b[i].y[y] >= 0 ? M(b[i].y[y]) : 0);
        }
        int found = -1;
        assert_int_equal(plan_task_b_amount(t, 2026, &found), 0);
        assert_int_equal(found, 0);
    }
    int found = 0;
    assert_int_equal(plan_task_b_amount(plan_task_b_find(p, "B7"), 2021,
                                        &found),
                     M(2200));
    assert_int_equal(found, 1);
}

static void test_phases_duties(void **state)
{
    const plan *p = *state;
    const plan_phase *ph = plan_phase_of(p, 2023);
    assert_non_null(ph);
    assert_int_equal(ph->from, 2021);
    assert_int_equal(ph->to, 2025);
    assert_int_equal(ph->approved, 1);
    assert_int_equal(ph->stated_total, M(18000));
    static const long years[] = {6000, 4000, 4000, 3000, 3000};
    assert_int_equal(ph->n_stated_years, 5);
    for (size_t i = 0; i < 5; i++) {
        assert_int_equal(ph->stated_years[i].year, 2021 + (int)i);
        assert_int_equal(ph->stated_years[i].amount, M(years[i]));
    }
    const plan_phase *later = plan_phase_of(p, 2030);
    assert_non_null(later);
    assert_int_equal(later->from, 2026);
    assert_int_equal(later->approved, 0);
    assert_int_equal(later->stated_total, -1);
    assert_non_null(strstr(later->note, "sẽ được khái toán sau khi tổng kết "
                                        "giai đoạn đến năm 2025"));
    assert_null(plan_phase_of(p, 2020));
    assert_null(plan_phase_of(p, 2031));

    /* no khái toán for 2026-2030 until an amendment brings one */
    assert_int_equal(later->n_stated_years, 0);
    for (size_t t = 0; t < p->n_tasks_b; t++) {
        int found = 1;
        plan_task_b_amount(&p->tasks_b[t], 2027, &found);
        assert_int_equal(found, 0);
    }

    assert_string_equal(p->organisation_heading, "TỔ CHỨC THỰC HIỆN");
    static const struct {
        int no;
        const char *heading, *units;
        unsigned types;
        size_t n_duties;
    } secs[] = {
        {1, "Sở Khoa học và Công nghệ", "SKHCN", 0, 8},
        {2, "Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL", 0, 2},
        {3, "Sở Nông nghiệp và Phát triển nông thôn", "SNNPTNT", 0, 2},
        {4, "Sở Giáo dục và Đào tạo", "SGDDT", 0, 6},
        {5, "Sở Công Thương", "SCT", 0, 2},
        {6, "Sở Tài chính, Sở Kế hoạch và Đầu tư", "STC SKHDT", 0, 2},
        {7, "Sở Tư pháp", "STP", 0, 2},
        {8, "Các sở, ban, ngành, UBND các huyện, thành phố", NULL,
         (1u << UNIT_DEPARTMENT) | (1u << UNIT_DISTRICT) |
             (1u << UNIT_COMMUNE),
         7},
    };
    size_t per[8] = {0};
    for (size_t i = 0; i < p->n_duties; i++) {
        assert_true(p->duties[i].section < 8);
        per[p->duties[i].section]++;
        /* every duty quotes its section's words */
        assert_non_null(strstr(p->duty_sections[p->duties[i].section].text,
                               p->duties[i].quote));
    }
    for (size_t i = 0; i < 8; i++) {
        const plan_duty_section *sec = &p->duty_sections[i];
        assert_int_equal(sec->no, secs[i].no);
        assert_string_equal(sec->heading, secs[i].heading);
        if (secs[i].units)
            assert_string_equal(sec->units, secs[i].units);
        else
            assert_null(sec->units);
        assert_int_equal(sec->unit_types, secs[i].types);
        assert_int_equal(per[i], secs[i].n_duties);
    }
    /* the duties the issue names, by topic */
    static const struct {
        const char *id, *topic, *refs, *tasks;
        int yearly;
        const char *words;
    } du[] = {
        {"D1c", "focal-point", NULL, NULL, 0,
         "làm đầu mối tổng hợp tình hình thực hiện Đề án"},
        {"D1d", "review", NULL, NULL, 0,
         "tổ chức sơ kết, tổng kết việc thực hiện Đề án"},
        {"D1f", "report", NULL, NULL, 1,
         "định kỳ hằng năm báo cáo Chủ tịch UBND tỉnh"},
        {"D1g", "estimate", "A1 A2 A3 A4 A7 A8", "A1 A2 A3 A4", 1,
         "khoản 7 đến 8 Phần A"},
        {"D1h", "projects", NULL, "B7 B8 B9 B9b B10 B11", 0,
         "các dự án tại Phần B Phụ lục"},
        {"D4f", "estimate", "A6", "A6", 1, "khoản 6 Phần A"},
        {"D6b", "budget", NULL, NULL, 1, "cân đối, bố trí kinh phí"},
        {"D7b", "estimate", "A6", "A5", 1, "nội dung khoản 6 Phần A"},
        {"D8b", "priority", NULL, NULL, 0,
         "Xây dựng quy chế phối hợp giữa các ngành"},
        {"D8f", "priority", NULL, NULL, 0,
         "kiểm soát hàng hóa xuất, nhập khẩu liên quan đến SHTT,..)"},
    };
    for (size_t k = 0; k < BC_ARRAY_LEN(du); k++) {
        const plan_duty *d = NULL;
        for (size_t i = 0; i < p->n_duties; i++)
            if (strcmp(p->duties[i].id, du[k].id) == 0)
                d = &p->duties[i];
        assert_non_null(d);
        assert_string_equal(d->topic, du[k].topic);
        if (du[k].refs)
            assert_string_equal(d->refs, du[k].refs);
        else
            assert_null(d->refs);
        if (du[k].tasks)
            assert_string_equal(d->tasks, du[k].tasks);
        assert_int_equal(d->yearly, du[k].yearly);
        assert_non_null(strstr(d->quote, du[k].words));
    }
}

/* The duties a unit carries in a year, with the 2025 successors. */
static size_t duties_of(const plan *p, const char *code, int year,
                        const char *want_id)
{
    const plan_duty *out[64];
    size_t n = plan_unit_duties(p, plan_unit_find(p, code), year, out, 64);
    assert_true(n <= 64);
    int has = want_id == NULL;
    for (size_t i = 0; i < n; i++)
        has |= want_id && strcmp(out[i]->id, want_id) == 0;
    if (!has)
        fail_msg("%s has no duty %s in %d", code, want_id, year);
    return n;
}

static void test_unit_duties(void **state)
{
    const plan *p = *state;
    /* Sở KHCN: its 8 and the 7 of every department */
    assert_int_equal(duties_of(p, "SKHCN", 2026, "D1c"), 15);
    assert_int_equal(duties_of(p, "SKHCN", 2026, "D8b"), 15);
    /* Sở NNPTNT to 2024, its successor Sở NNMT from 2025 */
    assert_int_equal(duties_of(p, "SNNPTNT", 2024, "D3b"), 9);
    assert_int_equal(duties_of(p, "SNNMT", 2024, NULL), 0);
    assert_int_equal(duties_of(p, "SNNMT", 2025, "D3b"), 9);
    assert_int_equal(duties_of(p, "SNNMT", 2026, "D3a"), 9);
    assert_int_equal(duties_of(p, "SNNPTNT", 2026, NULL), 0);
    /* section 6: both until the merger, Sở Tài chính alone after */
    assert_int_equal(duties_of(p, "SKHDT", 2024, "D6b"), 9);
    assert_int_equal(duties_of(p, "STC", 2026, "D6b"), 9);
    assert_int_equal(duties_of(p, "SKHDT", 2026, NULL), 0);
    /* Sở LĐTBXH and Sở Nội vụ: only the duties of all departments */
    assert_int_equal(duties_of(p, "SNV", 2026, "D8f"), 7);
    /* districts until 30/6/2025, communes after */
    assert_int_equal(duties_of(p, "178", 2024, "D8g"), 7);
    assert_int_equal(duties_of(p, "178", 2026, NULL), 0);
    assert_int_equal(duties_of(p, "06187", 2026, "D8c"), 7);
    assert_int_equal(duties_of(p, "06187", 2024, NULL), 0);
    /* Đài PTTH, Báo Lạng Sơn: no Phần III section names them */
    assert_int_equal(duties_of(p, "DPTTH", 2026, NULL), 0);
    const plan_duty *one[1];
    assert_int_equal(plan_unit_duties(p, plan_unit_find(p, "STP"), 2026, one,
                                      1),
                     9);
    assert_string_equal(one[0]->id, "D7a");
    assert_int_equal(plan_unit_duties(p, NULL, 2026, NULL, 0), 0);
}

static void test_units(void **state)
{
    const plan *p = *state;
    static const char *const districts[] = {"178", "180", "181", "182",
                                            "183", "184", "185", "186",
                                            "187", "188", "189"};
    for (size_t i = 0; i < BC_ARRAY_LEN(districts); i++) {
        const plan_unit *u = unit(p, districts[i]);
        assert_int_equal(u->type, UNIT_DISTRICT);
        assert_int_equal(u->valid_to, 20250630);
        assert_null(u->successor);
        assert_int_equal(u->reports, 1);
        if (i > 0)
            assert_int_equal(strncmp(u->name, "Huyện ", strlen("Huyện ")), 0);
    }
    assert_null(plan_unit_find(p, "179"));
    assert_string_equal(unit(p, "178")->name, "Thành phố Lạng Sơn");
    assert_string_equal(unit(p, "178")->short_name, "TP Lạng Sơn");
    const plan_unit *k = unit(p, "SKHCN");
    assert_string_equal(k->name, "Sở Khoa học và Công nghệ");
    assert_int_equal(k->valid_to, 0);
    assert_non_null(strstr(k->aliases, "Sở KH&CN"));
    assert_string_equal(k->short_name, "Sở KHCN");
    assert_string_equal(unit(p, "SNNPTNT")->successor, "SNNMT");
    assert_int_equal(unit(p, "SNNPTNT")->valid_to, 20250228);
    assert_int_equal(unit(p, "SNNMT")->valid_from, 20250301);
    assert_string_equal(unit(p, "SKHDT")->successor, "STC");
    assert_string_equal(unit(p, "SLDTBXH")->successor, "SNV");
    assert_int_equal(unit(p, "DPTTH")->type, UNIT_OTHER);
    assert_int_equal(unit(p, "BLS")->type, UNIT_OTHER);
    assert_string_equal(unit(p, "06187")->name, "Phường Kỳ Lừa");
    assert_string_equal(unit(p, "06187")->short_name, "Kỳ Lừa");
    assert_int_equal(unit(p, "06187")->type, UNIT_COMMUNE);
    assert_string_equal(unit(p, "06001")->name, "Xã Đoàn Kết");
    /* the design codes of the samples are gone */
    assert_null(plan_unit_find(p, "P-KY-LUA"));
    assert_null(plan_unit_find(p, "P-DONG-KINH"));
}

static void test_unit_validity(void **state)
{
    const plan *p = *state;
    const plan_unit *tp = unit(p, "178"), *khdt = unit(p, "SKHDT"),
                    *kl = unit(p, "06187"), *stc = unit(p, "STC"),
                    *nnmt = unit(p, "SNNMT");
    assert_true(plan_unit_valid_on(tp, 20250630));
    assert_false(plan_unit_valid_on(tp, 20250701));
    assert_false(plan_unit_valid_on(kl, 20250630));
    assert_true(plan_unit_valid_on(kl, 20250701));
    assert_true(plan_unit_valid_during(tp, 20241215, 20251214));
    assert_false(plan_unit_valid_during(tp, 20251215, 20261214));

    /* districts: abolished without successor, expected through 2025 */
    assert_int_equal(plan_unit_expected(p, tp, 2024), 1);
    assert_int_equal(plan_unit_expected(p, tp, 2025), 1);
    assert_int_equal(plan_unit_expected(p, tp, 2026), 0);
    /* merged into Sở Tài chính on 2025-03-01: not expected from 2025 */
    assert_int_equal(plan_unit_expected(p, khdt, 2024), 1);
    assert_int_equal(plan_unit_expected(p, khdt, 2025), 0);
    assert_int_equal(plan_unit_expected(p, stc, 2025), 1);
    assert_int_equal(plan_unit_expected(p, nnmt, 2024), 0);
    assert_int_equal(plan_unit_expected(p, nnmt, 2025), 1);
    /* communes from 2025-07-01 */
    assert_int_equal(plan_unit_expected(p, kl, 2024), 0);
    assert_int_equal(plan_unit_expected(p, kl, 2025), 1);
    assert_int_equal(plan_unit_expected(p, kl, 2026), 1);
    /* the period edge: 2021's period starts 15/12/2020 */
    plan_unit late = *kl;
    late.valid_from = 20241215;
    assert_int_equal(plan_unit_expected(p, &late, 2024), 0);
    assert_int_equal(plan_unit_expected(p, &late, 2025), 1);
    late.valid_from = 20241214;
    assert_int_equal(plan_unit_expected(p, &late, 2024), 1);
    late.reports = 0;
    assert_int_equal(plan_unit_expected(p, &late, 2025), 0);
}

/* The finding with this code; fails when there is not exactly one. */
static const bc_finding *only(const bc_diag *d, const char *code)
{
    const bc_finding *r = NULL;
    size_t n = 0;
    for (size_t i = 0; i < diag_count(d); i++)
        if (strcmp(diag_get(d, i)->code, code) == 0) {
            r = diag_get(d, i);
            n++;
        }
    if (n != 1)
        fail_msg("%zu findings %s, expected 1", n, code);
    assert_int_equal(r->sev, BC_SEV_WARNING);
    assert_non_null(r->file);
    assert_string_equal(r->file, PLAN_XML);
    assert_true(r->line > 0);
    return r;
}

static void test_check_real(void **state)
{
    const plan *p = *state;
    bc_diag *d = diag_new();
    size_t n = plan_check(p, PLAN_XML, d);
    assert_int_equal(n, 5);
    assert_int_equal(diag_count(d), 5);

    const bc_finding *f = only(d, "PLAN-TOTAL");
    assert_string_equal(f->found, "18.000");
    assert_string_equal(f->expected, "20.000");
    assert_non_null(strstr(f->message, "2021 - 2025"));
    assert_non_null(strstr(f->message, "18.000 triệu đồng"));
    assert_non_null(strstr(f->message, "20.000 triệu đồng"));

    f = only(d, "PLAN-PL1-COUNT");
    assert_string_equal(f->found, "20");
    assert_string_equal(f->expected, "19");
    assert_non_null(strstr(f->message, "NHÃN HIỆU TẬP THỂ (20)"));

    f = only(d, "PLAN-BANG2-PL1");
    assert_string_equal(f->found, "2012, 2017");
    assert_string_equal(f->expected, "2007, 2012");
    assert_non_null(strstr(f->message, "chỉ dẫn địa lý"));

    /* "khoản 7 đến 8 Phần A": they exist, in Phần B */
    f = only(d, "PLAN-DUTY-MISSING");
    assert_string_equal(f->found, "khoản 7, 8 Phần A");
    assert_string_equal(f->expected, "khoản 7, 8 có ở Phần B");
    assert_non_null(strstr(f->message, "Sở Khoa học và Công nghệ"));
    assert_non_null(strstr(f->message, "Phần A chỉ có 6 khoản"));

    /* Sở Tư pháp cites khoản 6: "có thể là khoản 5", not "cần A5" */
    f = only(d, "PLAN-DUTY-HOST");
    assert_string_equal(f->found,
                        "khoản 6 Phần A (chủ trì: Sở Giáo dục và Đào tạo)");
    assert_string_equal(f->expected,
                        "có thể là khoản 5 Phần A (chủ trì: Sở Tư pháp)");
    assert_non_null(strstr(f->message, "Sở Tư pháp"));
    assert_non_null(strstr(f->message, "Sở Giáo dục và Đào tạo"));

    assert_no_finding(d, "PLAN-YEAR-TOTAL");
    assert_no_finding(d, "PLAN-TASK-TOTAL");
    assert_no_finding(d, "PLAN-BANG2-TOTAL");
    diag_free(d);
}

/* The other rules, on a copy of the real plan changed in place. */
static void test_check_changed(void **state)
{
    plan *p = *state;
    plan_task_b *b7 = (plan_task_b *)plan_task_b_find(p, "B7");
    b7->years[0].amount = 2300500000; /* 2021: 2200 -> 2300,5 */
    int tt = plan_kind_index(p, "NHTT");
    for (size_t i = 0; i < p->n_baseline2_totals; i++)
        if (p->baseline2_totals[i].kind == tt)
            p->baseline2_totals[i].stated = 20;
    p->sections[2].stated = 19; /* heading now agrees */

    bc_diag *d = diag_new();
    size_t n = plan_check(p, PLAN_XML, d);
    assert_int_equal(n, 7);
    const bc_finding *f = only(d, "PLAN-TASK-TOTAL");
    assert_string_equal(f->found, "3.000");
    assert_string_equal(f->expected, "3.100,5");
    assert_non_null(strstr(f->message, "B7"));
    f = only(d, "PLAN-YEAR-TOTAL");
    assert_string_equal(f->found, "6.000");
    assert_string_equal(f->expected, "6.100,5");
    assert_non_null(strstr(f->message, "năm 2021"));
    f = only(d, "PLAN-TOTAL");
    assert_string_equal(f->expected, "20.100,5");
    f = only(d, "PLAN-BANG2-TOTAL");
    assert_string_equal(f->found, "20");
    assert_string_equal(f->expected, "19");
    assert_no_finding(d, "PLAN-PL1-COUNT");
    diag_free(d);
}

/* --- broken documents ---------------------------------------------------- */

/* Writes text to a new temporary file; returns its malloc'ed path. */
static char *write_temp(const char *text)
{
    char *path = bc_strdup("/tmp/test_plan_XXXXXX");
    assert_non_null(path);
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    size_t len = strlen(text);
    assert_int_equal(write(fd, text, len), (ssize_t)len);
    close(fd);
    return path;
}

/* A small plan: line numbers are fixed (line 1 is the declaration). */
static const char small_plan[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                    /* 1 */
    "<plan format=\"1\">\n"                                           /* 2 */
    "  <title>Kế hoạch thử</title>\n"                                 /* 3 */
    "  <decision>Quyết định thử</decision>\n"                         /* 4 */
    "  <period start=\"2021\" end=\"2030\"/>\n"                       /* 5 */
    "  <reporting-period start-month=\"12\" start-day=\"15\"/>\n"     /* 6 */
    "  <kinds>\n"                                                     /* 7 */
    "    <kind code=\"NH\" ip-office=\"true\"><name>nhãn hiệu</name></kind>\n"
    "  </kinds>\n"                                                    /* 9 */
    "  <prefixes/>\n"                                                 /* 10 */
    "  <targets>\n"                                                   /* 11 */
    "    <target id=\"T1\" type=\"range\" kinds=\"XYZ\" counts=\"filed\" "
    "min=\"1\" max=\"2\"><name>a</name><measure>b</measure></target>\n"
    "  </targets>\n"                                                  /* 13 */
    "  <baseline><table1/><table2/></baseline>\n"                     /* 14 */
    "  <protected/>\n"                                                /* 15 */
    "  <tasks-a>\n"                                                   /* 16 */
    "    <task id=\"A1\" no=\"1\" host=\"NOPE\"><title>x</title></task>\n"
    "  </tasks-a>\n"                                                  /* 18 */
    "  <tasks-b/>\n"                                                  /* 19 */
    "  <phases/>\n"                                                   /* 20 */
    "  <organisation/>\n"                                             /* 21 */
    "  <units communes-complete=\"true\">\n"                          /* 22 */
    "    <unit code=\"U1\" type=\"department\" reports=\"true\"><name>Sở "
    "A</name></unit>\n"                                               /* 23 */
    "    <unit code=\"U1\" type=\"department\" reports=\"true\"><name>Sở "
    "B</name></unit>\n"                                               /* 24 */
    "  </units><activity-kinds><activity-kind code=\"khac\"><name>khác"
    "</name></activity-kind></activity-kinds>\n"                      /* 25 */
    "</plan>\n";

static const bc_finding *at_line(const bc_diag *d, const char *code,
                                 unsigned line)
{
    const bc_finding *f = assert_finding(d, code, NULL);
    assert_int_equal(f->sev, BC_SEV_ERROR);
    assert_int_equal(f->line, line);
    assert_non_null(f->file);
    return f;
}

static void test_broken_refs(void **state)
{
    (void)state;
    char *path = write_temp(small_plan);
    for (int with_xsd = 0; with_xsd < 2; with_xsd++) {
        bc_diag *d = diag_new();
        plan *p = (plan *)1;
        bc_status st = plan_load(path, with_xsd ? PLAN_XSD : NULL, d, &p);
        assert_int_equal(st, BC_ERR_INVALID);
        assert_null(p);
        const bc_finding *f = at_line(d, "PLAN-KIND", 12);
        assert_string_equal(f->found, "XYZ");
        assert_string_equal(f->file, path);
        f = at_line(d, "PLAN-UNIT", 17);
        assert_string_equal(f->found, "NOPE");
        f = at_line(d, "PLAN-DUP", 24);
        assert_string_equal(f->found, "U1");
        diag_free(d);
    }
    unlink(path);
    free(path);
}

/* A plan whose lists repeat entries: one PLAN-DUP finding for each earlier
 * entry a later one repeats (a cell given three times: 1 + 2), at the
 * later entry's line; the rest of each list still loads. */
static const char dup_plan[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                    /* 1 */
    "<plan format=\"1\">\n"                                           /* 2 */
    "  <title>t</title><decision>d</decision>\n"                      /* 3 */
    "  <period start=\"2021\" end=\"2030\"/>\n"                       /* 4 */
    "  <kinds>\n"                                                     /* 5 */
    "    <kind code=\"NH\" ip-office=\"true\"><name>nhãn hiệu</name></kind>\n"
    "  </kinds>\n"                                                    /* 7 */
    "  <prefixes/><targets/>\n"                                       /* 8 */
    "  <baseline><table1><row year=\"2019\">\n"                       /* 9 */
    "    <cell kind=\"NH\" filed=\"1\" granted=\"0\"/>\n"             /* 10 */
    "    <cell kind=\"NH\" filed=\"2\" granted=\"0\"/>\n"             /* 11 */
    "    <cell kind=\"NH\" filed=\"3\" granted=\"0\"/>\n"             /* 12 */
    "  </row></table1><table2><row year=\"2019\">\n"                  /* 13 */
    "    <cell kind=\"NH\" count=\"1\"/><cell kind=\"NH\" count=\"1\"/>\n"
    "  </row><row year=\"2020\"><cell kind=\"NH\" count=\"1\"/></row>\n"
    "  <total kind=\"NH\" stated=\"2\"/><total kind=\"NH\" stated=\"2\"/>\n"
    "  </table2></baseline>\n"                                        /* 17 */
    "  <protected/>\n"                                                /* 18 */
    "  <tasks-a><task id=\"A1\" no=\"1\" host=\"U1\"><title>x</title></task>"
    "</tasks-a>\n"                                                    /* 19 */
    "  <tasks-b><task id=\"A1\" no=\"1\" total=\"1\"><title>y</title>\n"
    "    <amount year=\"2021\">1</amount><amount year=\"2021\">0</amount>\n"
    "  </task></tasks-b>\n"                                           /* 22 */
    "  <phases><phase from=\"2021\" to=\"2025\" approved=\"true\">\n" /* 23 */
    "    <stated year=\"2021\">1</stated><stated year=\"2021\">1</stated>\n"
    "  </phase></phases>\n"                                           /* 25 */
    "  <organisation/>\n"                                             /* 26 */
    "  <units communes-complete=\"true\">\n"                          /* 27 */
    "    <unit code=\"U1\" type=\"department\" reports=\"true\"><name>Sở "
    "A</name></unit>\n"                                               /* 28 */
    "  </units><activity-kinds/>\n"                                   /* 29 */
    "</plan>\n";

/* How many findings of d at line have code and a message starting with
 * start. */
static size_t count_at(const bc_diag *d, const char *code, const char *start,
                       unsigned line)
{
    size_t n = 0;
    for (size_t i = 0; i < diag_count(d); i++) {
        const bc_finding *f = diag_get(d, i);
        n += f->line == line && strcmp(f->code, code) == 0 &&
             strncmp(f->message, start, strlen(start)) == 0;
    }
    return n;
}

static void test_duplicate_entries(void **state)
{
    (void)state;
    char *path = write_temp(dup_plan);
    bc_diag *d = diag_new();
    plan *p = NULL;
    assert_int_equal(plan_load(path, NULL, d, &p), BC_ERR_INVALID);
    assert_null(p);
    /* the third cell of Bảng 1 repeats two: two findings at its line */
    assert_int_equal(count_at(d, "PLAN-DUP", "Bảng 1: năm 2019", 10), 0);
    assert_int_equal(count_at(d, "PLAN-DUP", "Bảng 1: năm 2019", 11), 1);
    assert_int_equal(count_at(d, "PLAN-DUP", "Bảng 1: năm 2019", 12), 2);
    assert_int_equal(count_at(d, "PLAN-DUP", "Bảng 2: năm 2019", 14), 1);
    assert_int_equal(count_at(d, "PLAN-DUP", "Bảng 2: hai dòng tổng", 16), 1);
    assert_int_equal(count_at(d, "PLAN-DUP", "mã nhiệm vụ bị khai báo", 20),
                     1);
    assert_int_equal(count_at(d, "PLAN-DUP", "nhiệm vụ A1 có hai kinh phí",
                              21),
                     1);
    assert_int_equal(count_at(d, "PLAN-DUP", "giai đoạn có hai tổng", 24), 1);
    assert_int_equal(diag_count(d), 8);
    diag_free(d);

    /* the helpers the loaders share */
    xmlDocPtr doc = xmlReadFile(path, NULL, XML_PARSE_NONET);
    assert_non_null(doc);
    xmlNodePtr root = xmlDocGetRootElement(doc);
    xmlNodePtr bl = xmlio_child(root, "baseline");
    assert_int_equal(count_nested(xmlio_child(bl, "table1"), "row", "cell"), 3);
    assert_int_equal(count_nested(xmlio_child(bl, "table2"), "row", "cell"), 3);
    assert_int_equal(count_nested(NULL, "row", "cell"), 0);
    xmlFreeDoc(doc);
    unlink(path);
    free(path);
}

static void test_broken_schema(void **state)
{
    (void)state;
    /* a year that is not a number, line 5 */
    char *text = bc_strdup(small_plan);
    char *y = strstr(text, "end=\"2030\"");
    memcpy(y, "end=\"20x0\"", 10);
    char *path = write_temp(text);
    bc_diag *d = diag_new();
    plan *p = NULL;
    assert_int_equal(plan_load(path, PLAN_XSD, d, &p), BC_ERR_INVALID);
    assert_null(p);
    const bc_finding *f = assert_finding(d, "XSD", NULL);
    assert_int_equal(f->line, 5);
    diag_free(d);

    /* without the schema the loader says it itself */
    d = diag_new();
    assert_int_equal(plan_load(path, NULL, d, &p), BC_ERR_INVALID);
    f = at_line(d, "PLAN-VALUE", 5);
    assert_string_equal(f->found, "20x0");
    diag_free(d);
    unlink(path);
    free(path);
    free(text);

    /* not well-formed */
    path = write_temp("<?xml version=\"1.0\"?>\n<plan format=\"1\">\n<title>\n");
    d = diag_new();
    assert_int_equal(plan_load(path, PLAN_XSD, d, &p), BC_ERR_PARSE);
    assert_null(p);
    assert_finding(d, "XML-PARSE", NULL);
    diag_free(d);
    unlink(path);
    free(path);

    /* missing file */
    d = diag_new();
    assert_int_equal(plan_load("/nonexistent/plan.xml", NULL, d, &p),
                     BC_ERR_IO);
    assert_null(p);
    diag_free(d);
}

/* --- the official communes and the plan's own words ---------------------- */

/* Reads a whole fixture file; the caller frees it. */
static char *fixture(const char *path)
{
    char *buf = NULL;
    size_t len = 0;
    bc_status st = bc_read_file(path, (size_t)1 << 24, &buf, &len);
    assert_int_equal(st, BC_OK);
    char *r = bc_strndup(buf, len);
    free(buf);
    assert_non_null(r);
    return r;
}

/* Every commune-level unit of the official 2025 list
 * (tests/fixtures/communes-2025.tsv: code, xa|phuong, name) is in the
 * plan with its 5-digit code and name, valid and expected from 2025, and
 * no other commune is. */
static void test_communes_official(void **state)
{
    const plan *p = *state;
    char *tsv = fixture("tests/fixtures/communes-2025.tsv");
    size_t n = 0, phuong = 0;
    char *save = NULL;
    strtok_r(tsv, "\n", &save); /* header */
    for (char *line = strtok_r(NULL, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        char *f2 = NULL;
        char *code = strtok_r(line, "\t", &f2);
        char *type = strtok_r(NULL, "\t", &f2);
        char *name = strtok_r(NULL, "\t", &f2);
        assert_non_null(name);
        assert_int_equal(strlen(code), 5);
        const plan_unit *u = plan_unit_find(p, code);
        if (!u)
            fail_msg("commune %s %s is not in the plan", code, name);
        char want[128];
        int is_phuong = strcmp(type, "phuong") == 0;
        snprintf(want, sizeof want, "%s %s", is_phuong ? "Phường" : "Xã",
                 name);
        assert_string_equal(u->name, want);
        assert_string_equal(u->short_name, name);
        assert_int_equal(u->type, UNIT_COMMUNE);
        assert_int_equal(u->valid_from, 20250701);
        assert_int_equal(u->valid_to, 0);
        assert_null(u->successor);
        assert_int_equal(plan_unit_expected(p, u, 2025), 1);
        assert_int_equal(plan_unit_expected(p, u, 2026), 1);
        assert_int_equal(plan_unit_expected(p, u, 2030), 1);
        phuong += is_phuong;
        n++;
    }
    free(tsv);
    assert_int_equal(n, 65);
    assert_int_equal(phuong, 4);
    size_t in_plan = 0, expected_2026 = 0;
    for (size_t i = 0; i < p->n_units; i++) {
        in_plan += p->units[i].type == UNIT_COMMUNE;
        expected_2026 += plan_unit_expected(p, &p->units[i], 2026);
    }
    assert_int_equal(in_plan, 65);
    assert_int_equal((size_t)p->communes_expected, in_plan);
    /* 2026: the 65 communes and 9 departments and others (the merged
     * Sở KHĐT, Sở NNPTNT and Sở LĐTBXH report no more) */
    assert_int_equal(expected_2026, 65 + 10);
}

/* A commune code typed as a number loses its leading zeros: still found,
 * for communes only; exact codes first. */
static void test_unit_typed(void **state)
{
    const plan *p = *state;
    assert_ptr_equal(plan_unit_find_typed(p, "6001"), plan_unit_find(p, "06001"));
    assert_ptr_equal(plan_unit_find_typed(p, "05977"),
                     plan_unit_find(p, "05977"));
    assert_ptr_equal(plan_unit_find_typed(p, "5977"), plan_unit_find(p, "05977"));
    assert_ptr_equal(plan_unit_find_typed(p, "178"), plan_unit_find(p, "178"));
    assert_null(plan_unit_find_typed(p, "6002"));   /* no such commune */
    assert_null(plan_unit_find_typed(p, "600 1"));
    assert_null(plan_unit_find_typed(p, "60011"));
    assert_null(plan_unit_find_typed(p, ""));
    assert_null(plan_unit_find_typed(p, NULL));
    assert_null(plan_unit_find(p, "6001")); /* the exact lookup stays exact */
}

/* s with every run of white space made one space, trimmed (malloc'ed). */
static char *squash(const char *s)
{
    char *r = malloc(strlen(s) + 1), *w = r;
    assert_non_null(r);
    int sp = 0;
    for (; *s; s++) {
        if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
            sp = w != r;
            continue;
        }
        if (sp)
            *w++ = ' ';
        sp = 0;
        *w++ = *s;
    }
    *w = '\0';
    return r;
}

/* Each line of text (white space squashed) is in the source. */
static void assert_in_source(const char *source, const char *text,
                             const char *what)
{
    if (!text)
        fail_msg("%s: no text", what);
    char *copy = bc_strdup(text), *save = NULL;
    assert_non_null(copy);
    for (char *l = strtok_r(copy, "\n", &save); l;
         l = strtok_r(NULL, "\n", &save)) {
        char *q = squash(l);
        if (*q && !strstr(source, q))
            fail_msg("%s: not in the plan's text: «%s»", what, q);
        free(q);
    }
    free(copy);
}

/* Every text the plan data quotes is the plan's, word for word
 * (tests/fixtures/de-an-shtt-lang-son-2030.txt is the source text). */
static void test_words_as_printed(void **state)
{
    const plan *p = *state;
    char *raw = fixture("tests/fixtures/de-an-shtt-lang-son-2030.txt");
    char *src = squash(raw);
    free(raw);
    for (size_t i = 0; i < p->n_tasks_a; i++) {
        assert_in_source(src, p->tasks_a[i].title, p->tasks_a[i].id);
        if (p->tasks_a[i].partners)
            assert_in_source(src, p->tasks_a[i].partners, p->tasks_a[i].id);
        if (p->tasks_a[i].note)
            assert_in_source(src, p->tasks_a[i].note, p->tasks_a[i].id);
        if (p->tasks_a[i].quantity.words)
            assert_in_source(src, p->tasks_a[i].quantity.words,
                             p->tasks_a[i].id);
    }
    for (size_t i = 0; i < p->n_tasks_b; i++)
        assert_in_source(src, p->tasks_b[i].title, p->tasks_b[i].id);
    for (size_t i = 0; i < p->n_duty_sections; i++) {
        assert_in_source(src, p->duty_sections[i].heading, "Phần III");
        assert_in_source(src, p->duty_sections[i].text, "Phần III");
    }
    for (size_t i = 0; i < p->n_duties; i++)
        assert_in_source(src, p->duties[i].quote, p->duties[i].id);
    for (size_t i = 0; i < p->n_facts; i++)
        assert_in_source(src, p->facts[i].text, p->facts[i].id);
    for (size_t i = 0; i < p->n_targets; i++)
        assert_in_source(src, p->targets[i].name, p->targets[i].id);
    const char *headings[] = {p->table1_heading,    p->table2_heading,
                              p->protected_heading, p->appendix2_title,
                              p->tasks_a_heading,   p->tasks_b_heading,
                              p->organisation_heading};
    for (size_t i = 0; i < BC_ARRAY_LEN(headings); i++)
        assert_in_source(src, headings[i], "heading");
    for (size_t i = 0; i < p->n_phases; i++)
        if (p->phases[i].note)
            assert_in_source(src, p->phases[i].note, "phase");
    free(src);
}

/* Targets and facts: their links and what is an assumption. */
static void test_targets_facts(void **state)
{
    const plan *p = *state;
    assert_string_equal(plan_target_find(p, "T1")->tasks, "B8");
    assert_string_equal(plan_target_find(p, "T2")->tasks, "B9");
    assert_string_equal(plan_target_find(p, "T3")->tasks, "B9");
    assert_string_equal(plan_target_find(p, "T8")->tasks, "B9b");
    assert_null(plan_target_find(p, "T6")->tasks);
    /* the plan names no baseline year for T7: an assumption of the Sở */
    assert_int_equal(plan_target_find(p, "T7")->baseline_assumed, 1);
    assert_int_equal(plan_target_find(p, "T1")->baseline_assumed, 0);
    assert_string_equal(p->facts[0].id, "F1");
    assert_int_equal(p->facts[0].value, 23);
    assert_string_equal(p->facts[0].measure, "products");
    assert_non_null(strstr(p->facts[0].text, "đến nay đã có 23 sản phẩm"));
    assert_int_equal(p->facts[5].value, -1); /* the ranking states none */
    assert_non_null(strstr(p->table1_heading, "từ năm 2014 đến năm 2019"));
}

/* --- amendments ---------------------------------------------------------- */

#define SAMPLE_AMENDMENT "templates/plan/amendment-sample.xml"

static void test_amendment_sample(void **state)
{
    (void)state;
    bc_diag *d = diag_new();
    plan *p = NULL;
    const char *files[] = {SAMPLE_AMENDMENT};
    assert_int_equal(plan_load_amended(PLAN_XML, PLAN_XSD, files, 1, d, &p),
                     BC_OK);
    assert_int_equal(diag_count(d), 0);
    assert_int_equal(p->n_amendments, 1);
    assert_string_equal(p->amendments[0].path, SAMPLE_AMENDMENT);
    assert_int_equal(p->amendments[0].illustrative, 1);
    assert_non_null(strstr(p->amendments[0].basis, "khái toán"));
    /* the 2026-2030 phase replaced, not added */
    assert_int_equal(p->n_phases, 2);
    const plan_phase *ph = plan_phase_of(p, 2027);
    assert_int_equal(ph->approved, 1);
    assert_int_equal(ph->stated_total, M(5000));
    assert_int_equal(ph->n_stated_years, 5);
    /* B9 continues, with its new stated total; B12 is new */
    const plan_task_b *b9 = plan_task_b_find(p, "B9");
    int found = 0;
    assert_int_equal(plan_task_b_amount(b9, 2026, &found), M(400));
    assert_int_equal(found, 1);
    assert_int_equal(plan_task_b_amount(b9, 2021, &found), M(1200));
    assert_int_equal(b9->stated_total, M(8000));
    const plan_task_b *b12 = plan_task_b_find(p, "B12");
    assert_non_null(b12);
    assert_string_equal(b12->host, "SKHCN");
    assert_int_equal(b12->n_years, 5);
    /* the merger: Đài PTTH and Báo Lạng Sơn into one unit */
    const plan_unit *bd = plan_unit_find(p, "BDPTTH");
    assert_non_null(bd);
    assert_int_equal(bd->valid_from, 20250401);
    const plan_unit *dp = plan_unit_find(p, "DPTTH");
    assert_string_equal(dp->successor, "BDPTTH");
    assert_int_equal(dp->valid_to, 20250331);
    assert_int_equal(plan_unit_expected(p, dp, 2024), 1);
    assert_int_equal(plan_unit_expected(p, dp, 2025), 0);
    assert_int_equal(plan_unit_expected(p, bd, 2025), 1);
    assert_string_equal(plan_unit_find(p, "BLS")->successor, "BDPTTH");
    /* consistent figures: the same five contradictions, no more */
    bc_diag *c = diag_new();
    assert_int_equal(plan_check(p, PLAN_XML, c), 5);
    diag_free(c);
    plan_free(p);
    diag_free(d);
}

/* Writes text into dir/name; returns the malloc'ed path. */
static char *write_in(const char *dir, const char *name, const char *text)
{
    char *path = bc_path_join(dir, name);
    assert_non_null(path);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    assert_int_equal(fputs(text, f) >= 0, 1);
    fclose(f);
    return path;
}

/* The folder convention: the .xml files of plan.d/ next to the plan, in
 * name order;
 * a finding in an amendment names the amendment's file and line;
 * a rename keeps the old name as an alias. */
static void test_amendment_folder(void **state)
{
    (void)state;
    char dir[] = "/tmp/test_plan_amend_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char *text = fixture(PLAN_XML);
    char *plan_path = write_in(dir, "de-an.xml", text);
    free(text);
    char *sub = bc_path_join(dir, "de-an.d");
    assert_int_equal(bc_mkdir_p(sub), BC_OK);
    /* 1: a rename; 2: more money for 2026 that contradicts its total */
    char *a1 = write_in(sub, "1-doi-ten.xml",
                        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        "<plan-amendment format=\"1\">\n"
                        "  <basis>Quyết định thử</basis>\n"
                        "  <unit-change code=\"SCT\">\n"
                        "    <name>Sở Công Thương tỉnh Lạng Sơn</name>\n"
                        "  </unit-change>\n"
                        "</plan-amendment>\n");
    char *a2 = write_in(sub, "2-kinh-phi.xml",
                        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        "<plan-amendment format=\"1\">\n"
                        "  <basis>Quyết định thử 2</basis>\n"
                        "  <phase from=\"2026\" to=\"2030\" approved=\"true\""
                        " total=\"900\">\n"
                        "    <stated year=\"2026\">500</stated>\n"
                        "  </phase>\n"
                        "  <amounts task=\"B10\">\n"
                        "    <amount year=\"2026\">500</amount>\n"
                        "  </amounts>\n"
                        "</plan-amendment>\n");
    char *skipped = write_in(sub, "ghi-chu.txt", "not an amendment");
    bc_diag *d = diag_new();
    plan *p = NULL;
    assert_int_equal(plan_load(plan_path, PLAN_XSD, d, &p), BC_OK);
    assert_int_equal(p->n_amendments, 2);
    assert_string_equal(p->amendments[0].path, a1);
    assert_string_equal(p->amendments[1].path, a2);
    assert_int_equal(p->amendments[0].illustrative, 0);
    const plan_unit *sct = plan_unit_find(p, "SCT");
    assert_string_equal(sct->name, "Sở Công Thương tỉnh Lạng Sơn");
    assert_non_null(strstr(sct->aliases, "Sở Công Thương"));
    /* B10's stated total (2000) no longer matches its years (2500), nor
     * the new phase's total (900) its one year (500): at their files */
    bc_diag *c = diag_new();
    assert_int_equal(plan_check(p, plan_path, c), 7);
    const bc_finding *f = assert_finding(c, "PLAN-TOTAL", "900");
    assert_string_equal(f->file, a2);
    assert_int_equal(f->line, 4);
    f = assert_finding(c, "PLAN-TASK-TOTAL", "2.000");
    assert_string_equal(f->file, plan_path);
    diag_free(c);
    plan_free(p);
    diag_free(d);

    /* an amendment naming a task the plan lacks is refused, at its line */
    char *a3 = write_in(sub, "3-sai.xml",
                        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        "<plan-amendment format=\"1\">\n"
                        "  <basis>Quyết định thử 3</basis>\n"
                        "  <amounts task=\"B99\">\n"
                        "    <amount year=\"2026\">1</amount>\n"
                        "  </amounts>\n"
                        "</plan-amendment>\n");
    d = diag_new();
    p = (plan *)1;
    assert_int_equal(plan_load(plan_path, PLAN_XSD, d, &p), BC_ERR_INVALID);
    assert_null(p);
    f = assert_finding(d, "PLAN-AMEND", "B99");
    assert_string_equal(f->file, a3);
    assert_int_equal(f->line, 4);
    diag_free(d);

    /* a plan file given where an amendment is expected */
    d = diag_new();
    const char *wrong[] = {PLAN_XML};
    unlink(a3);
    assert_int_equal(plan_load_amended(plan_path, PLAN_XSD, wrong, 1, d, &p),
                     BC_ERR_INVALID);
    assert_null(p);
    diag_free(d);

    char *paths[] = {a1, a2, a3, skipped, plan_path};
    for (size_t i = 0; i < BC_ARRAY_LEN(paths); i++) {
        unlink(paths[i]);
        free(paths[i]);
    }
    rmdir(sub);
    free(sub);
    rmdir(dir);
}

/* A quantity the Sở assumes is never the plan's yearly requirement. */
static void test_assumed_quantity(void **state)
{
    (void)state;
    char *text = fixture(PLAN_XML);
    const char *from = "<quantity per=\"year\" measure=\"classes\" "
                       "label=\"lớp\">Định kỳ hằng năm tổ chức</quantity>";
    const char *at = strstr(text, from);
    assert_non_null(at);
    size_t off = (size_t)(at - text);
    bc_strbuf sb = BC_STRBUF_INIT;
    sb_add(&sb, text, off);
    sb_adds(&sb, "<quantity value=\"1\" per=\"year\" basis=\"assumption\" "
                 "measure=\"classes\" label=\"lớp\">Định kỳ hằng năm tổ "
                 "chức</quantity>");
    sb_adds(&sb, text + off + strlen(from));
    char *path = write_temp(sb_str(&sb));
    sb_release(&sb);
    free(text);
    bc_diag *d = diag_new();
    plan *p = NULL;
    assert_int_equal(plan_load(path, PLAN_XSD, d, &p), BC_OK);
    const plan_task_a *a4 = plan_task_a_find(p, "A4");
    assert_int_equal(a4->quantity.value, 1);
    assert_int_equal(a4->quantity.assumed, 1);
    assert_int_equal(a4->per_year, 0);
    plan_free(p);
    diag_free(d);
    unlink(path);
    free(path);
}

/* --- many units: the code index and the duplicate-name check ------------ */

#define MANY_UNITS 3000

/* A valid plan whose only content is MANY_UNITS units, one per line:
 * unit i has code U<i> (4 digits), name "Xã Số <i>" and no time limit.
 * With dirty set, a few of them get names equal after folding to others'
 * (some at overlapping times, some not) and one repeats a code.  *first
 * is the line of unit 0.  Returns the malloc'ed text. */
static char *many_units_plan(int dirty, unsigned *first)
{
    static const char head[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<plan format=\"1\">\n"
        "  <title>Kế hoạch thử</title>\n"
        "  <decision>Quyết định thử</decision>\n"
        "  <period start=\"2021\" end=\"2030\"/>\n"
        "  <kinds>\n"
        "    <kind code=\"NH\" ip-office=\"true\"><name>nhãn hiệu</name></kind>\n"
        "  </kinds>\n"
        "  <prefixes/>\n"
        "  <targets/>\n"
        "  <baseline><table1/><table2/></baseline>\n"
        "  <protected/>\n"
        "  <tasks-a/>\n"
        "  <tasks-b/>\n"
        "  <phases/>\n"
        "  <organisation/>\n"
        "  <units communes-complete=\"true\">\n";
    bc_strbuf sb = BC_STRBUF_INIT;
    sb_adds(&sb, head);
    *first = 1;
    for (const char *c = head; *c; c++)
        *first += *c == '\n';
    for (int i = 0; i < MANY_UNITS; i++) {
        char code[16], name[64];
        const char *dates = "", *extra = "";
        snprintf(code, sizeof code, "U%04d", i);
        snprintf(name, sizeof name, "Xã Số %d", i);
        if (dirty) {
            switch (i) {
            case 10: /* to 30/6/2025 */
                snprintf(name, sizeof name, "Xã Tân Văn");
                dates = " valid-to=\"2025-06-30\"";
                break;
            case 500: /* from 1/7/2025: no overlap with unit 10 */
                snprintf(name, sizeof name, "XÃ TÂN  VĂN");
                dates = " valid-from=\"2025-07-01\" valid-to=\"2025-12-31\"";
                break;
            case 1000: /* overlaps both 10 and 500 */
                snprintf(name, sizeof name, "xa tan van");
                dates = " valid-from=\"2025-06-01\" valid-to=\"2025-12-31\"";
                break;
            case 1200: /* same name as 10 and 500, later: no overlap */
                snprintf(name, sizeof name, "Xã Tân Văn");
                dates = " valid-from=\"2026-01-01\"";
                extra = "<short-name>TÂN VĂN MỚI</short-name>";
                break;
            case 1500:
                extra = "<short-name>Tân Văn</short-name>";
                break;
            case 1800: /* aliases: unit 7's name, unit 1500's short name */
                extra = "<alias>Xã Số 7</alias><alias>tan-van</alias>";
                break;
            case 2000: /* the name of a later unit */
                snprintf(name, sizeof name, "Xã  số 2500");
                break;
            case 2300: /* one day, the last of 500 and 1000 */
                snprintf(name, sizeof name, "Xã Tân Văn");
                dates = " valid-from=\"2025-12-31\" valid-to=\"2025-12-31\"";
                break;
            case 2599:
                dates = " valid-from=\"2025-01-01\"";
                break;
            case 2600: /* starts after it ends: overlaps nothing */
                snprintf(name, sizeof name, "Xã Số 2599");
                dates = " valid-from=\"2025-06-01\" valid-to=\"2024-01-01\"";
                break;
            case 2900:
                snprintf(code, sizeof code, "U0042");
                break;
            }
        }
        sb_addf(&sb,
                "    <unit code=\"%s\" type=\"commune\" reports=\"true\"%s>"
                "<name>%s</name>%s</unit>\n",
                code, dates, name, extra);
    }
    sb_adds(&sb, "  </units>\n  <activity-kinds><activity-kind code=\"khac\">"
                 "<name>khác</name></activity-kind></activity-kinds>\n</plan>\n");
    assert_false(sb.failed);
    char *r = bc_strdup(sb_str(&sb));
    sb_release(&sb);
    return r;
}

static void test_many_units_lookup(void **state)
{
    (void)state;
    unsigned first;
    char *text = many_units_plan(0, &first);
    char *path = write_temp(text);
    bc_diag *d = diag_new();
    plan *p = NULL;
    assert_int_equal(plan_load(path, NULL, d, &p), BC_OK);
    assert_int_equal(diag_count(d), 0);
    assert_int_equal(p->n_units, MANY_UNITS);
    for (size_t i = 0; i < p->n_units; i++) {
        char code[32];
        snprintf(code, sizeof code, "U%04zu", i);
        assert_ptr_equal(plan_unit_find(p, code), &p->units[i]);
    }
    assert_null(plan_unit_find(p, "U3000"));
    assert_null(plan_unit_find(p, "u0001"));
    assert_null(plan_unit_find(p, ""));
    assert_int_equal(plan_check(p, path, d), 0);

    /* units added in memory (as tools/genbench does) are found too */
    plan_unit *own = p->units;
    plan_unit *more = calloc(p->n_units + 1, sizeof *more);
    assert_non_null(more);
    memcpy(more, own, p->n_units * sizeof *more);
    more[p->n_units].code = "GL-000001";
    more[p->n_units].name = "Đơn vị giả lập số 1";
    p->units = more;
    p->n_units++;
    assert_ptr_equal(plan_unit_find(p, "GL-000001"), &more[MANY_UNITS]);
    assert_ptr_equal(plan_unit_find(p, "U1234"), &more[1234]);
    assert_null(plan_unit_find(p, "U3000"));
    p->units = own;
    p->n_units--;
    free(more);
    assert_ptr_equal(plan_unit_find(p, "U1234"), &p->units[1234]);

    plan_free(p);
    diag_free(d);
    unlink(path);
    free(path);
    free(text);
}

/* Names equal after folding among many units: one finding per pair valid
 * at the same time, at the later unit, in unit order. */
static void test_many_units_dup_names(void **state)
{
    (void)state;
    unsigned first;
    char *text = many_units_plan(1, &first);
    char *path = write_temp(text);
    bc_diag *d = diag_new();
    plan *p = (plan *)1;
    assert_int_equal(plan_load(path, NULL, d, &p), BC_ERR_INVALID);
    assert_null(p);
    static const struct {
        const char *code;
        int line_of; /* unit whose line the finding has */
        const char *found;
        const char *message;
    } want[] = {
        {"PLAN-VALUE", 2600, "U2600",
         "thời hạn hiệu lực của đơn vị không hợp lệ"},
        {"PLAN-DUP", 2900, "U0042", "mã đơn vị bị khai báo hai lần"},
        {"PLAN-DUP", 1800, "Xã Số 7",
         "tên của đơn vị U1800 trùng với đơn vị U0007"},
        {"PLAN-DUP", 1000, "xa tan van",
         "tên của đơn vị U1000 trùng với đơn vị U0010"},
        {"PLAN-DUP", 1000, "xa tan van",
         "tên của đơn vị U1000 trùng với đơn vị U0500"},
        {"PLAN-DUP", 2300, "Xã Tân Văn",
         "tên của đơn vị U2300 trùng với đơn vị U0500"},
        {"PLAN-DUP", 2300, "Xã Tân Văn",
         "tên của đơn vị U2300 trùng với đơn vị U1000"},
        {"PLAN-DUP", 1800, "tan-van",
         "tên của đơn vị U1800 trùng với đơn vị U1500"},
        {"PLAN-DUP", 2500, "Xã Số 2500",
         "tên của đơn vị U2500 trùng với đơn vị U2000"},
    };
    assert_int_equal(diag_count(d), BC_ARRAY_LEN(want));
    for (size_t i = 0; i < BC_ARRAY_LEN(want); i++) {
        const bc_finding *f = diag_get(d, i);
        assert_string_equal(f->code, want[i].code);
        assert_int_equal(f->sev, BC_SEV_ERROR);
        assert_string_equal(f->file, path);
        assert_int_equal(f->line, first + (unsigned)want[i].line_of);
        assert_string_equal(f->found, want[i].found);
        assert_string_equal(f->message, want[i].message);
        if (strstr(want[i].message, "tên của đơn vị"))
            assert_string_equal(f->expected,
                                "tên khác với các đơn vị cùng thời");
    }
    diag_free(d);
    unlink(path);
    free(path);
    free(text);
}

/* A hand-built plan (no priv_): lookups fold on the fly, check has no
 * lines. */
static void test_hand_built(void **state)
{
    (void)state;
    plan_kind kinds[1] = {{"NHTT", "nhãn hiệu tập thể", "NH tập thể", 1}};
    plan_protected prot[1] = {{0, 1, "Quýt vàng Bắc Sơn", "Quả quýt", 2016}};
    plan_protected_section sec[1] = {{0, 2, "NHTT (02)"}};
    plan p = {0};
    p.kinds = kinds;
    p.n_kinds = 1;
    p.protected_ = prot;
    p.n_protected = 1;
    p.sections = sec;
    p.n_sections = 1;
    assert_int_equal(plan_kind_lookup(&p, "nh tap the"), 0);
    assert_ptr_equal(plan_protected_match(&p, 0, "QUÝT VÀNG BẮC SƠN", NULL),
                     &prot[0]);
    bc_diag *d = diag_new();
    assert_int_equal(plan_check(&p, NULL, d), 1);
    const bc_finding *f = assert_finding(d, "PLAN-PL1-COUNT", "2");
    assert_string_equal(f->expected, "1");
    assert_null(f->file);
    diag_free(d);
    plan_free(NULL);
}

int main(void)
{
    xmlio_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_counts, setup_plan, teardown_plan),
        cmocka_unit_test_setup_teardown(test_header_and_kinds, setup_plan,
                                        teardown_plan),
        cmocka_unit_test_setup_teardown(test_kind_lookup, setup_plan,
                                        teardown_plan),
        cmocka_unit_test_setup_teardown(test_targets, setup_plan,
                                        teardown_plan),
        cmocka_unit_test_setup_teardown(test_baseline, setup_plan,
                                        teardown_plan),
        cmocka_unit_test_setup_teardown(test_protected, setup_plan,
                                        teardown_plan),
        cmocka_unit_test_setup_teardown(test_protected_match, setup_plan,
                                        teardown_plan),
        cmocka_unit_test_setup_teardown(test_tasks, setup_plan, teardown_plan),
        cmocka_unit_test_setup_teardown(test_phases_duties, setup_plan,
                                        teardown_plan),
        cmocka_unit_test_setup_teardown(test_unit_duties, setup_plan,
                                        teardown_plan),
        cmocka_unit_test_setup_teardown(test_units, setup_plan, teardown_plan),
        cmocka_unit_test_setup_teardown(test_unit_validity, setup_plan,
                                        teardown_plan),
        cmocka_unit_test_setup_teardown(test_check_real, setup_plan,
                                        teardown_plan),
        cmocka_unit_test_setup_teardown(test_check_changed, setup_plan,
                                        teardown_plan),
        cmocka_unit_test_setup_teardown(test_communes_official, setup_plan,
                                        teardown_plan),
        cmocka_unit_test_setup_teardown(test_unit_typed, setup_plan,
                                        teardown_plan),
        cmocka_unit_test_setup_teardown(test_words_as_printed, setup_plan,
                                        teardown_plan),
        cmocka_unit_test_setup_teardown(test_targets_facts, setup_plan,
                                        teardown_plan),
        cmocka_unit_test(test_amendment_sample),
        cmocka_unit_test(test_amendment_folder),
        cmocka_unit_test(test_assumed_quantity),
        cmocka_unit_test(test_broken_refs),
        cmocka_unit_test(test_broken_schema),
        cmocka_unit_test(test_duplicate_entries),
        cmocka_unit_test(test_hand_built),
        cmocka_unit_test(test_many_units_lookup),
        cmocka_unit_test(test_many_units_dup_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
