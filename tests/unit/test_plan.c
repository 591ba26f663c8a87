/* test_plan.c - plan.c: the real plan file, its self-check, lookups, unit
 * validity and broken plan documents. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "plan.h"
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
    assert_int_equal(p->n_duties, 3);
    /* 11 districts, 13 departments and others, 4 confirmed phường */
    assert_int_equal(p->n_units, 28);
    size_t by_type[4] = {0};
    for (size_t i = 0; i < p->n_units; i++)
        by_type[p->units[i].type]++;
    assert_int_equal(by_type[UNIT_DISTRICT], 11);
    assert_int_equal(by_type[UNIT_COMMUNE], 4);
    assert_int_equal(by_type[UNIT_DEPARTMENT], 11);
    assert_int_equal(by_type[UNIT_OTHER], 2);
    assert_int_equal(p->communes_complete, 0);
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
        {"A2", "SKHCN", "tasks", "nhiệm vụ", 2},
        {"A3", "SKHCN", "classes", "lớp", 5},
        {"A4", "SKHCN", "classes", "lớp", 1},
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

    assert_string_equal(p->duties[0].unit, "SKHCN");
    assert_string_equal(p->duties[0].refs, "A1 A2 A3 A4 A7 A8");
    assert_non_null(strstr(p->duties[0].quote, "khoản 7 đến 8 Phần A"));
    assert_string_equal(p->duties[1].unit, "SGDDT");
    assert_string_equal(p->duties[1].refs, "A6");
    assert_string_equal(p->duties[2].unit, "STP");
    assert_string_equal(p->duties[2].refs, "A6");
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
    assert_string_equal(unit(p, "P-KY-LUA")->name, "Phường Kỳ Lừa");
    assert_int_equal(unit(p, "P-KY-LUA")->type, UNIT_COMMUNE);
}

static void test_unit_validity(void **state)
{
    const plan *p = *state;
    const plan_unit *tp = unit(p, "178"), *khdt = unit(p, "SKHDT"),
                    *kl = unit(p, "P-KY-LUA"), *stc = unit(p, "STC"),
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

    f = only(d, "PLAN-DUTY-MISSING");
    assert_string_equal(f->found, "A7, A8");
    assert_string_equal(f->expected, "A1, A2, A3, A4, A5, A6");
    assert_non_null(strstr(f->message, "Sở Khoa học và Công nghệ"));

    f = only(d, "PLAN-DUTY-HOST");
    assert_string_equal(f->found, "A6 (chủ trì: SGDDT)");
    assert_string_equal(f->expected, "A5 (chủ trì: STP)");
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
    "  <duties/>\n"                                                   /* 21 */
    "  <units communes-complete=\"true\">\n"                          /* 22 */
    "    <unit code=\"U1\" type=\"department\" reports=\"true\"><name>Sở "
    "A</name></unit>\n"                                               /* 23 */
    "    <unit code=\"U1\" type=\"department\" reports=\"true\"><name>Sở "
    "B</name></unit>\n"                                               /* 24 */
    "  </units>\n"                                                    /* 25 */
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
        "  <duties/>\n"
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
    sb_adds(&sb, "  </units>\n</plan>\n");
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
        cmocka_unit_test_setup_teardown(test_units, setup_plan, teardown_plan),
        cmocka_unit_test_setup_teardown(test_unit_validity, setup_plan,
                                        teardown_plan),
        cmocka_unit_test_setup_teardown(test_check_real, setup_plan,
                                        teardown_plan),
        cmocka_unit_test_setup_teardown(test_check_changed, setup_plan,
                                        teardown_plan),
        cmocka_unit_test(test_broken_refs),
        cmocka_unit_test(test_broken_schema),
        cmocka_unit_test(test_hand_built),
        cmocka_unit_test(test_many_units_lookup),
        cmocka_unit_test(test_many_units_dup_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
