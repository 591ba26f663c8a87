/* text.h - Vietnamese text: validity, NFC, folding for matching, numbers.
 *
 * All functions take UTF-8.  Returned strings are malloc'ed; the caller
 * frees them.  NULL means invalid input or out of memory, as documented.
 */
#ifndef BC_TEXT_H
#define BC_TEXT_H

#include <stddef.h>

#include "money.h"

/* 1 if s[0..len) is valid UTF-8 (no overlongs, no surrogates). */
int text_utf8_valid(const char *s, size_t len);

/* s in Unicode NFC.  NULL if s is not valid UTF-8 or memory runs out. */
char *text_nfc(const char *s);

/* s trimmed at both ends of white space (ASCII and U+00A0), in NFC.
 * NULL as text_nfc; "" stays "". */
char *text_clean(const char *s);

/* A key for comparing names: NFC, lower case, Vietnamese diacritics
 * removed (đ -> d), punctuation other than letters and digits turned into
 * spaces, runs of white space collapsed, trimmed.
 * "  Quýt  vàng BẮC SƠN " and "quyt vang bac son" give the same key.
 * NULL on invalid UTF-8 or out of memory. */
char *text_fold(const char *s);

/* 1 if a and b fold to the same key. */
int text_same(const char *a, const char *b);

/* How text_parse_number read a number. */
typedef enum text_num_result {
    TEXT_NUM_OK = 0,
    TEXT_NUM_EMPTY,     /* nothing but white space */
    TEXT_NUM_INVALID,   /* not a number */
    TEXT_NUM_AMBIGUOUS, /* "1.200" or "1,200" where both readings are
                           plausible and the style is not known */
    TEXT_NUM_PRECISION, /* more decimals than BC_MONEY_DECIMALS */
    TEXT_NUM_OVERFLOW
} text_num_result;

/* Reads a number as people type it: "1200", "1.200" (Vietnamese
 * thousands), "1.200,5", "1,200.5", "1 200", "-3", "12,5".  The rule: a
 * separator followed by exactly three digits and used more than once, or
 * together with the other separator, is a thousands separator; a lone
 * '.' or ',' followed by exactly three digits is ambiguous unless
 * vn_style is 1 (then '.' groups and ',' marks decimals).  The value is
 * exact, as a bc_money.  */
text_num_result text_parse_number(const char *s, int vn_style, bc_money *out);

/* Formats an amount the way Vietnamese documents write numbers: '.'
 * groups thousands, ',' marks decimals, no trailing zeros ("1.200,5",
 * "-3", "18.000").  Writes at most n bytes including the NUL (the text is
 * cut, still NUL-terminated, if buf is too small; TEXT_VN_BUF always
 * suffices).  Returns buf.  Cannot fail. */
#define TEXT_VN_BUF 48
char *text_format_vn(bc_money m, char *buf, size_t n);

#endif
