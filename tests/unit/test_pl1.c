/* test_pl1.c - the Phụ lục 1 rule (src/pl1.h, issue 13 reading a) over
 * the real plan data: which objects are already protected, which
 * probably are under another wording, which share a name only. */
#include "testutil.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pl1.c" /* skip_at and its index (testing.h) */
#include "plan.h"
#include "xmlio.h"

static plan *P;
static pl1_index *X;

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
    X = pl1_new(P);
    return X ? 0 : -1;
}

static int teardown_all(void **state)
{
    (void)state;
    pl1_free(X);
    plan_free(P);
    return 0;
}

static int kind(const char *code)
{
    int k = plan_kind_index(P, code);
    assert_true(k >= 0);
    return k;
}

/* Classifies and checks the verdict and, when one is expected, the name
 * of the entry concerned. */
static void expect(const char *k, const char *name, const char *product,
                   pl1_verdict want, const char *entry)
{
    const plan_protected *pp = NULL;
    int oom = 0;
    pl1_verdict v = pl1_classify(X, kind(k), name, product, &pp, &oom);
    assert_int_equal(oom, 0);
    if (v != want)
        fail_msg("%s «%s» / «%s»: verdict %d, want %d", k, name ? name : "",
                 product ? product : "", (int)v, (int)want);
    if (entry) {
        assert_non_null(pp);
        assert_string_equal(pp->name, entry);
    } else {
        assert_null(pp);
    }
}

static void test_existing(void **state)
{
    (void)state;
    /* the entry's name; product absent, the same words, or the same head */
    expect("NHCN", "Chi Lăng", NULL, PL1_EXISTING, "Chi Lăng");
    expect("NHCN", "chi lang", "Quả na", PL1_EXISTING, "Chi Lăng");
    expect("NHCN", "CHI  LĂNG", "Na của huyện Chi Lăng, Hữu Lũng",
           PL1_EXISTING, "Chi Lăng");
    expect("CDDL", "Bảo Lâm", "quả hồng", PL1_EXISTING, "Bảo Lâm");
    expect("NHTT", "Quýt vàng Bắc Sơn", "Quýt", PL1_EXISTING,
           "Quýt vàng Bắc Sơn");
    /* spaces and invisible characters do not make another name (fault 7) */
    expect("NHCN", "ChiLăng", NULL, PL1_EXISTING, "Chi Lăng");
    expect("NHCN", "Chi\xe2\x80\x8d" "Lăng", NULL, PL1_EXISTING, "Chi Lăng");
    expect("NHCN", "Chi L\xc4\x83\xc2\xadng", NULL, PL1_EXISTING, "Chi Lăng");
    expect("NHCN", "Chi\xe2\x80\x8b Lăng", NULL, PL1_EXISTING, "Chi Lăng");
}

static void test_possible(void **state)
{
    (void)state;
    /* fault 1: the entry's name plus its product's word */
    expect("NHCN", "Na Chi Lăng", "Quả Na", PL1_POSSIBLE, "Chi Lăng");
    expect("NHCN", "Quả Na Chi Lăng", NULL, PL1_POSSIBLE, "Chi Lăng");
    expect("NHCN", "Chi Lăng Na", NULL, PL1_POSSIBLE, "Chi Lăng");
    expect("NHTT", "Quế Tràng Định", "Quế", PL1_EXISTING, "Quế Tràng Định");
    /* another name for the same product words, or the same head word */
    expect("NHTT", "Khoai môn Tràng Định", "Khoai môn", PL1_POSSIBLE,
           "Khoai lang Lộc Bình");
    expect("NHCN", "Rau sạch Lạng Sơn", "Rau thành phố Lạng Sơn",
           PL1_POSSIBLE, "Lạng Sơn");
    expect("NHTT", "Rượu men lá", "Rượu", PL1_POSSIBLE, "Rượu Mẫu Sơn");
    /* another kind is another object */
    expect("NHTT", "Na Chi Lăng", "Quả Na", PL1_NONE, NULL);
}

static void test_other_product(void **state)
{
    (void)state;
    /* the entry's name for a clearly different product: new, noted */
    expect("NHCN", "Lạng Sơn", "Mật ong", PL1_OTHER_PRODUCT, "Lạng Sơn");
    expect("CDDL", "Lạng Sơn", "Quả Na của tỉnh Lạng Sơn", PL1_OTHER_PRODUCT,
           "Lạng Sơn");
    /* nothing in common */
    expect("NHTT", "Miến dong Bình Gia", "Miến dong", PL1_NONE, NULL);
    expect("NHCN", NULL, NULL, PL1_NONE, NULL);
}

static void test_mark_entry(void **state)
{
    (void)state;
    int oom = 0;
    const plan_protected *pp;
    /* fault 2: the mark by its name or its product's wording */
    pp = pl1_mark_entry(X, kind("NHCN"), "Chi Lăng", &oom);
    assert_non_null(pp);
    assert_string_equal(pp->name, "Chi Lăng");
    /* a wording that only resembles the entry does not name it */
    assert_null(pl1_mark_entry(X, kind("NHCN"), "Na Chi Lăng", &oom));
    assert_ptr_equal(pl1_mark_entry(X, kind("NHCN"),
                                    "Quả Na của huyện Chi Lăng, Hữu Lũng",
                                    &oom), pp);
    pp = pl1_mark_entry(X, kind("NHTT"), "Rau của huyện Cao Lộc", &oom);
    assert_non_null(pp);
    assert_string_equal(pp->name, "Rau Cao Lộc");
    assert_null(pl1_mark_entry(X, kind("NHTT"), "Mận sớm Văn Lãng", &oom));
    assert_null(pl1_mark_entry(X, kind("NHTT"), "Chi Lăng", &oom));
    assert_int_equal(oom, 0);
}

static void test_name_key(void **state)
{
    (void)state;
    char *k = pl1_name_key("  Chi  Lăng\xc2\xad ");
    assert_string_equal(k, "chilang");
    free(k);
    assert_null(pl1_name_key("\xff"));
}

/* skip_at looks only at the phrases of the word s begins with: the same
 * as trying every generic and place phrase (as it did), on every word
 * position of texts built from the phrases' own words, cut and joined. */
static size_t skip_naive(const pl1_index *x, const char *s)
{
    size_t best = 0;
    for (size_t i = 0; i < sizeof GENERIC / sizeof *GENERIC; i++) {
        size_t n = phrase_at(s, GENERIC[i]);
        best = n > best ? n : best;
    }
    for (size_t i = 0; i < x->n_places; i++) {
        size_t n = phrase_at(s, x->places[i]);
        best = n > best ? n : best;
    }
    return best;
}

static void test_skip_index(void **state)
{
    (void)state;
    assert_true(X->n_places > 50);
    uint64_t r = 12345;
    char buf[256];
    size_t checked = 0, hits = 0;
    for (int t = 0; t < 20000; t++) {
        buf[0] = '\0';
        size_t len = 0;
        int words = 1 + (int)(r % 4);
        for (int w = 0; w < words; w++) {
            r = r * 6364136223846793005u + 1442695040888963407u;
            size_t k = (size_t)(r >> 33) % (X->n_skips + 3);
            const char *ph = k < X->n_skips ? X->skips[k] : k == X->n_skips ? "binh" : "gia x";
            r = r * 6364136223846793005u + 1442695040888963407u;
            size_t cut = strlen(ph);
            if ((r >> 40) % 3 == 0 && cut > 1)
                cut = 1 + (size_t)(r >> 20) % (cut - 1); /* part of a phrase */
            if (len + cut + 2 >= sizeof buf)
                break;
            if (len)
                buf[len++] = ' ';
            memcpy(buf + len, ph, cut);
            len += cut;
            buf[len] = '\0';
        }
        for (const char *s = buf; *s;) {
            size_t a = skip_at(X, s), b = skip_naive(X, s);
            assert_int_equal(a, b);
            checked++;
            hits += a > 0;
            s += word_len(s);
            while (*s == ' ')
                s++;
        }
    }
    assert_true(checked > 20000);
    assert_true(hits > checked / 4);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_existing),
        cmocka_unit_test(test_possible),
        cmocka_unit_test(test_other_product),
        cmocka_unit_test(test_mark_entry),
        cmocka_unit_test(test_name_key),
        cmocka_unit_test(test_skip_index),
    };
    return cmocka_run_group_tests(tests, setup_all, teardown_all);
}
