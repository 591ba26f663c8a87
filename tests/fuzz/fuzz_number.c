/* fuzz_number.c - numbers and text as clerks type them (text.h, money.h).
 *
 * The input is read as a text (up to its first NUL) and its first 16
 * bytes also as two amounts x and y (little-endian int64, zero-padded).
 * Properties checked, each by abort (a crash for libFuzzer):
 *   money:   parse(money_format(x)) == x for every x; the Vietnamese form
 *            (text_format_vn) reads back the same through
 *            text_parse_number with vn_style 1, and a cut buffer gets a
 *            NUL-terminated prefix of it; money_add overflows exactly when
 *            the sum does not fit, and leaves the sum otherwise;
 *            money_parse of the text, when it succeeds, round-trips too;
 *   numbers: text_parse_number of the text in both styles: a value read
 *            formats and reads back; the styles differ only on an
 *            ambiguous text (vn_style 0 gives AMBIGUOUS), never otherwise;
 *   UTF-8:   text_utf8_valid agrees with an independent decoder;
 *   text:    on valid UTF-8, text_nfc, text_clean and text_fold never give
 *            NULL (nothing runs out of memory here) and give valid UTF-8;
 *            NFC is idempotent; clean is trimmed; fold is trimmed with
 *            single spaces; on invalid UTF-8 all three give NULL;
 *   legacy:  text_legacy_convert succeeds, with valid NFC UTF-8, whenever
 *            text_legacy_detect says TCVN3 or VNI; converting "as
 *            Unicode" is text_nfc; UNSURE never converts; invalid UTF-8 is
 *            UNSURE and never converts; any conversion that succeeds gives
 *            valid UTF-8.
 * Nothing is kept between inputs.  See fuzz_common.h for the regression
 * program (the corpus holds one number or text per file).
 */
#define FUZZ_NAME "number"
#include "fuzz_common.h"

#include "money.h"
#include "text.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

/* An independent UTF-8 check (RFC 3629: no overlongs, no surrogates,
 * nothing above U+10FFFF). */
static int ref_utf8_valid(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = s[i];
        size_t k;
        uint32_t cp;
        if (c < 0x80) {
            i++;
            continue;
        }
        if ((c & 0xE0) == 0xC0)
            k = 1, cp = c & 0x1Fu;
        else if ((c & 0xF0) == 0xE0)
            k = 2, cp = c & 0x0Fu;
        else if ((c & 0xF8) == 0xF0)
            k = 3, cp = c & 0x07u;
        else
            return 0;
        if (n - i <= k)
            return 0;
        for (size_t j = 1; j <= k; j++) {
            if ((s[i + j] & 0xC0) != 0x80)
                return 0;
            cp = cp << 6 | (s[i + j] & 0x3Fu);
        }
        static const uint32_t min[4] = {0, 0x80, 0x800, 0x10000};
        if (cp < min[k] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        i += k + 1;
    }
    return 1;
}

static int valid(const char *s)
{
    return s && text_utf8_valid(s, strlen(s));
}

static void check_money(bc_money x)
{
    char buf[BC_MONEY_BUF], vn[TEXT_VN_BUF], cut[TEXT_VN_BUF];
    bc_money back = 0;
    money_format(x, buf);
    fuzz_check(strlen(buf) < BC_MONEY_BUF);
    fuzz_check(money_parse(buf, &back) == 0 && back == x);
    text_format_vn(x, vn, sizeof vn);
    fuzz_check(strlen(vn) < TEXT_VN_BUF);
    back = 0;
    fuzz_check(text_parse_number(vn, 1, &back) == TEXT_NUM_OK && back == x);
    for (size_t n = 1; n <= sizeof vn; n++) {
        memset(cut, 'x', sizeof cut);
        text_format_vn(x, cut, n);
        size_t l = strlen(cut);
        fuzz_check(l < n && strncmp(cut, vn, l) == 0);
    }
}

static void check_add(bc_money x, bc_money y)
{
    bc_money acc = x, sum;
    int over = __builtin_add_overflow(x, y, &sum);
    int rc = money_add(&acc, y);
    fuzz_check(rc == (over ? -1 : 0));
    fuzz_check(acc == (over ? x : sum));
}

static void check_numbers(const char *s)
{
    bc_money m0 = 0, m1 = 0, back;
    text_num_result r0 = text_parse_number(s, 0, &m0);
    text_num_result r1 = text_parse_number(s, 1, &m1);
    if (r0 == TEXT_NUM_OK) {
        fuzz_check(r1 == TEXT_NUM_OK && m1 == m0);
        check_money(m0);
    } else if (r0 != TEXT_NUM_AMBIGUOUS) {
        fuzz_check(r1 == r0);
    } else {
        fuzz_check(r1 != TEXT_NUM_AMBIGUOUS);
    }
    if (r1 == TEXT_NUM_OK)
        check_money(m1);
    if (money_parse(s, &back) == 0)
        check_money(back);
}

static int is_space_at(const char *p)
{
    return *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' ||
           *p == '\v' || *p == '\f' ||
           ((unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xA0);
}

static void check_text(const char *s, size_t len)
{
    int ok = text_utf8_valid(s, len);
    fuzz_check(ok == ref_utf8_valid((const unsigned char *)s, len));
    char *nfc = text_nfc(s), *clean = text_clean(s), *fold = text_fold(s);
    if (!ok) {
        fuzz_check(!nfc && !clean && !fold);
    } else {
        fuzz_check(valid(nfc) && valid(clean) && valid(fold));
        char *again = text_nfc(nfc);
        fuzz_check(again && strcmp(again, nfc) == 0);
        free(again);
        size_t cl = strlen(clean);
        fuzz_check(cl == 0 || (!is_space_at(clean) &&
                               !is_space_at(clean + cl - 1) &&
                               !(cl >= 2 && (unsigned char)clean[cl - 2] ==
                                                0xC2 &&
                                 (unsigned char)clean[cl - 1] == 0xA0)));
        size_t fl = strlen(fold);
        fuzz_check(fl == 0 || (fold[0] != ' ' && fold[fl - 1] != ' '));
        fuzz_check(!strstr(fold, "  "));
        fuzz_check(text_same(s, s) && text_same(s, nfc) == text_same(nfc, s));
    }
    free(nfc);
    free(clean);
    free(fold);
}

static void check_legacy(const char *s, size_t len)
{
    int ok = text_utf8_valid(s, len);
    text_legacy e = text_legacy_detect(s);
    fuzz_check(e == TEXT_LEGACY_NONE || e == TEXT_LEGACY_TCVN3 ||
               e == TEXT_LEGACY_VNI || e == TEXT_LEGACY_UNSURE);
    fuzz_check(text_legacy_name(e) != NULL);
    fuzz_check(ok || e == TEXT_LEGACY_UNSURE);
    fuzz_check(text_legacy_convert(s, TEXT_LEGACY_UNSURE) == NULL);
    char *as_unicode = text_legacy_convert(s, TEXT_LEGACY_NONE);
    char *nfc = text_nfc(s);
    fuzz_check((!as_unicode && !nfc) ||
               (as_unicode && nfc && strcmp(as_unicode, nfc) == 0));
    free(as_unicode);
    free(nfc);
    static const text_legacy encs[] = {TEXT_LEGACY_TCVN3, TEXT_LEGACY_VNI};
    for (size_t i = 0; i < 2; i++) {
        char *c = text_legacy_convert(s, encs[i]);
        fuzz_check(!c || ok);
        fuzz_check(!c || valid(c));
        if (c) {
            char *n = text_nfc(c);
            fuzz_check(n && strcmp(n, c) == 0);
            free(n);
        }
        if (e == encs[i])
            fuzz_check(c != NULL);
        free(c);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t raw[16] = {0};
    memcpy(raw, data, size < sizeof raw ? size : sizeof raw);
    bc_money x, y;
    memcpy(&x, raw, sizeof x);
    memcpy(&y, raw + 8, sizeof y);
    check_money(x);
    check_money(y);
    check_add(x, y);

    char *s = malloc(size + 1);
    if (!s)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    size_t len = strlen(s);
    check_numbers(s);
    check_text(s, len);
    check_legacy(s, len);
    free(s);
    return 0;
}
