/* test_text.c - UTF-8 validity, NFC, folding, numbers as typed. */
#include "testutil.h"

#include <stdlib.h>

#include "text.h"

/* "Lạng Sơn" with the dot below and the horn as combining marks (NFD). */
#define LANG_SON_NFD "La\xcc\xa3ng So\xcc\x9bn"

static void test_utf8_valid(void **state)
{
    (void)state;
    assert_true(text_utf8_valid("Lạng Sơn", strlen("Lạng Sơn")));
    assert_true(text_utf8_valid("", 0));
    assert_false(text_utf8_valid("\xc0\x80", 2));         /* overlong NUL */
    assert_false(text_utf8_valid("\xe0\x80\xaf", 3));     /* overlong '/' */
    assert_false(text_utf8_valid("\xed\xa0\x80", 3));     /* surrogate */
    assert_false(text_utf8_valid("\xc3", 1));             /* truncated */
    assert_false(text_utf8_valid("\xf4\x90\x80\x80", 4)); /* > U+10FFFF */
    assert_false(text_utf8_valid("a\x80", 2));            /* lone cont. */
    assert_true(text_utf8_valid("\xf0\x9f\x98\x80", 4));  /* emoji */
}

static void test_nfc_and_clean(void **state)
{
    (void)state;
    char *s = text_nfc(LANG_SON_NFD);
    assert_non_null(s);
    assert_string_equal(s, "Lạng Sơn");
    free(s);
    assert_null(text_nfc("\xff"));

    s = text_clean(" \t\xc2\xa0 " LANG_SON_NFD "\xc2\xa0\n ");
    assert_non_null(s);
    assert_string_equal(s, "Lạng Sơn");
    free(s);
    s = text_clean("  a   b  ");
    assert_string_equal(s, "a   b"); /* inner runs kept as typed */
    free(s);
    s = text_clean(" \xc2\xa0 ");
    assert_string_equal(s, "");
    free(s);
    s = text_clean("");
    assert_string_equal(s, "");
    free(s);
    assert_null(text_clean("ab\xc3"));
}

static void test_fold(void **state)
{
    (void)state;
    char *a = text_fold("  Quýt  vàng BẮC SƠN ");
    assert_string_equal(a, "quyt vang bac son");
    free(a);
    a = text_fold("Đình Lập");
    assert_string_equal(a, "dinh lap");
    free(a);
    a = text_fold("Sở KH&CN - (Lạng Sơn)");
    assert_string_equal(a, "so kh cn lang son");
    free(a);
    a = text_fold("");
    assert_string_equal(a, "");
    free(a);
    assert_null(text_fold("\xff"));
    assert_true(text_same(LANG_SON_NFD, "lang son"));
    assert_true(text_same("CDĐL", "cddl"));
    assert_true(text_same("nhãn hiệu  tập thể", "NHAN HIEU TAP THE"));
    assert_false(text_same("nhãn hiệu tập thể", "nhãn hiệu chứng nhận"));
}

static void test_parse_number(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        int vn;
        text_num_result r;
        bc_money v;
    } cases[] = {
        {"1200", 0, TEXT_NUM_OK, 1200000000},
        {"-3", 0, TEXT_NUM_OK, -3000000},
        {"+7", 0, TEXT_NUM_OK, 7000000},
        {"\xe2\x88\x92" "2", 0, TEXT_NUM_OK, -2000000}, /* U+2212 */
        {"1.200,5", 0, TEXT_NUM_OK, 1200500000},
        {"1,200.5", 0, TEXT_NUM_OK, 1200500000},
        {"1.200.000", 0, TEXT_NUM_OK, 1200000000000},
        {"1,200,000", 0, TEXT_NUM_OK, 1200000000000},
        {"1 200", 0, TEXT_NUM_OK, 1200000000},
        {"1\xc2\xa0" "200,25", 0, TEXT_NUM_OK, 1200250000},
        {"12,5", 0, TEXT_NUM_OK, 12500000},
        {"12.5", 0, TEXT_NUM_OK, 12500000},
        {"0,500", 0, TEXT_NUM_OK, 500000},
        {"1234.567", 0, TEXT_NUM_OK, 1234567000},
        {"1.200", 0, TEXT_NUM_AMBIGUOUS, 0},
        {"1,200", 0, TEXT_NUM_AMBIGUOUS, 0},
        {"1.200", 1, TEXT_NUM_OK, 1200000000},
        {"1,200", 1, TEXT_NUM_OK, 1200000},
        {"  18.000  ", 1, TEXT_NUM_OK, 18000000000},
        {"", 0, TEXT_NUM_EMPTY, 0},
        {" \xc2\xa0 ", 0, TEXT_NUM_EMPTY, 0},
        {"abc", 0, TEXT_NUM_INVALID, 0},
        {"12đ", 0, TEXT_NUM_INVALID, 0},
        {"-", 0, TEXT_NUM_INVALID, 0},
        {"12.", 0, TEXT_NUM_INVALID, 0},
        {".5", 0, TEXT_NUM_INVALID, 0},
        {"1..2", 0, TEXT_NUM_INVALID, 0},
        {"1.2.3", 0, TEXT_NUM_INVALID, 0},
        {"12 5", 0, TEXT_NUM_INVALID, 0},
        {"1,2.3.4", 0, TEXT_NUM_INVALID, 0},
        {"1.200,5,6", 0, TEXT_NUM_INVALID, 0},
        {"1.200 000", 0, TEXT_NUM_INVALID, 0},
        {"1,0000001", 0, TEXT_NUM_PRECISION, 0},
        {"1,0000000", 0, TEXT_NUM_OK, 1000000},
        {"99999999999999999999", 0, TEXT_NUM_OVERFLOW, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        bc_money v = -42;
        text_num_result r = text_parse_number(cases[i].in, cases[i].vn, &v);
        if (r != cases[i].r)
            fail_msg("«%s» (vn=%d): result %d, expected %d", cases[i].in,
                     cases[i].vn, (int)r, (int)cases[i].r);
        if (r == TEXT_NUM_OK && v != cases[i].v)
            fail_msg("«%s»: value %lld, expected %lld", cases[i].in,
                     (long long)v, (long long)cases[i].v);
    }
    assert_int_equal(text_parse_number(NULL, 0, NULL), TEXT_NUM_EMPTY);
}

static void test_format_vn(void **state)
{
    (void)state;
    char buf[TEXT_VN_BUF];
    assert_string_equal(text_format_vn(1200500000, buf, sizeof buf),
                        "1.200,5");
    assert_string_equal(text_format_vn(18000000000, buf, sizeof buf),
                        "18.000");
    assert_string_equal(text_format_vn(-3000000, buf, sizeof buf), "-3");
    assert_string_equal(text_format_vn(0, buf, sizeof buf), "0");
    assert_string_equal(text_format_vn(250000, buf, sizeof buf), "0,25");
    assert_string_equal(text_format_vn(1234567000001, buf, sizeof buf),
                        "1.234.567,000001");
    assert_string_equal(text_format_vn(-1250000000, buf, sizeof buf),
                        "-1.250");
    assert_string_equal(text_format_vn(INT64_MIN, buf, sizeof buf),
                        "-9.223.372.036.854,775808");
    char small[4];
    assert_string_equal(text_format_vn(1200000000, small, sizeof small),
                        "1.2");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_valid),
        cmocka_unit_test(test_nfc_and_clean),
        cmocka_unit_test(test_fold),
        cmocka_unit_test(test_parse_number),
        cmocka_unit_test(test_format_vn),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
