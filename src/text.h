/* text.h - Vietnamese text: validity, NFC, folding for matching, numbers,
 * legacy 8-bit encodings.
 *
 * All functions take UTF-8.  Returned strings are malloc'ed; the caller
 * frees them.  NULL means invalid input or out of memory, as documented.
 */
#ifndef BC_TEXT_H
#define BC_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "money.h"

/* 1 if s[0..len) is valid UTF-8 (no overlongs, no surrogates). */
int text_utf8_valid(const char *s, size_t len);

/* s made safe to quote in a finding: every byte that is not part of a
 * valid UTF-8 character becomes U+FFFD, and when more than max_bytes
 * bytes remain (max_bytes 0: no limit) the text is cut at a character
 * boundary at most max_bytes bytes in and "…" is added.  For text taken
 * from untrusted input or from a library that echoes it (libxml2's error
 * messages quote the raw bytes of a bad name).  malloc'ed; NULL only when
 * s is NULL or memory runs out. */
char *text_utf8_repair(const char *s, size_t max_bytes);

/* The canonical decomposition (NFD) of the code point cp into d, as
 * utf8proc gives it (the Latin and Vietnamese letters come from a table of
 * text.c, which this lets the tests check): the number of code points
 * (1 when cp does not decompose), or -1 when cp is no code point. */
int text_nfd_char(int32_t cp, int32_t d[4]);

/* s in Unicode NFC.  NULL if s is not valid UTF-8 or memory runs out. */
char *text_nfc(const char *s);

/* s trimmed at both ends of white space (ASCII and U+00A0), in NFC.
 * NULL as text_nfc; "" stays "". */
char *text_clean(const char *s);

/* A key for comparing names: NFC, lower case, Vietnamese diacritics
 * removed (đ -> d), default-ignorable code points (soft hyphen, zero-width
 * space and joiners, ...) removed, punctuation other than letters and
 * digits turned into spaces, runs of white space collapsed, trimmed.
 * "  Quýt  vàng BẮC SƠN " and "quyt vang bac son" give the same key.
 * NULL on invalid UTF-8 or out of memory. */
char *text_fold(const char *s);

/* 1 if a and b fold to the same key. */
int text_same(const char *a, const char *b);

/* The first default-ignorable code point in s (U+00AD, U+200B..U+200F,
 * U+2060.., U+FEFF, variation selectors...: invisible, and left out of
 * text_fold keys), or 0 when s has none or is not valid UTF-8. */
long text_first_ignorable(const char *s);

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

/* --- legacy 8-bit Vietnamese encodings --------------------------------- */

/* Workbooks typed with the old Vietnamese fonts hold 8-bit legacy text that
 * reached Unicode byte by byte: every legacy byte became the Latin-1
 * character of the same code (TCVN3 "Lạng Sơn" arrives as "L¹ng S¬n", VNI
 * as "Laïng Sôn").  These functions tell such text from real Unicode and
 * convert it. */
typedef enum text_legacy {
    TEXT_LEGACY_NONE = 0, /* Unicode text (or plain ASCII): nothing to do */
    TEXT_LEGACY_TCVN3,    /* TCVN 5712:1993 (VN3, ABC fonts .VnTime/.VnTimeH) */
    TEXT_LEGACY_VNI,      /* VNI-Windows */
    TEXT_LEGACY_UNSURE    /* looks legacy but the encoding cannot be told safely */
} text_legacy;

/* Which encoding s (UTF-8) was typed in.  Conservative: every word that
 * holds a character outside ASCII is read three ways (as Unicode, as
 * TCVN3, as VNI), and a reading counts only if it gives Vietnamese
 * syllables: initial, vowel cluster and final as Vietnamese spells them,
 * one tone where Vietnamese puts it (c, ch, p, t take only sắc or nặng);
 * words of consonants only pass as abbreviations ("đ", "HĐND").
 *
 *   TEXT_LEGACY_NONE    every word reads as Unicode: plain ASCII, Unicode
 *                       Vietnamese (NFC or NFD), "Cà Mau"; or the words
 *                       that do not are explained by no legacy reading and
 *                       hold nothing legacy-like ("café", "Hôtel"), or sit
 *                       beside Unicode-only Vietnamese letters ("Ông
 *                       Müller đến Lạng Sơn").  NULL gives NONE too.
 *   TEXT_LEGACY_TCVN3,  some word does not read as Unicode, every word
 *   TEXT_LEGACY_VNI     reads in this encoding and not every word in the
 *                       other, and the evidence is specific: a Latin-1
 *                       symbol inside a word ("L¹ng", "®·"), a Latin-1
 *                       letter Vietnamese never uses ("häc", "Laïng"), a
 *                       Latin-1 capital after a lower-case letter
 *                       ("chÊt"), a VNI vowel + mark pair ("thaùng"), a
 *                       word Unicode cannot spell at all ("Néi",
 *                       "Coâng"), or two or more words that do not read as
 *                       Unicode ("tèt nhÊt").  text_legacy_convert(s,
 *                       result) then succeeds.
 *   TEXT_LEGACY_UNSURE  legacy-like text otherwise: both encodings read
 *                       it ("ñ": TCVN3 ủ, VNI đ), the words disagree, a
 *                       legacy word sits beside Unicode Vietnamese ("Sở
 *                       Khoa häc"), the only evidence is one word whose
 *                       Unicode reading just has a tone amiss ("tèt",
 *                       "Phô lôc 1"), or Latin-1 letters Vietnamese never
 *                       uses that no reading explains ("Müller"); also s
 *                       not valid UTF-8.
 *
 * Some short legacy texts read as Unicode as well ("Sè 12" is TCVN3 "Số
 * 12", "Sôn" VNI "Sơn"): NONE, as nothing in the text tells them apart
 * (a caller that knows how the texts around were typed decides with
 * text_legacy_reads, as ingest_xlsx.c does by column).  Linear in the
 * length of s; allocates nothing; keeps no state. */
text_legacy text_legacy_detect(const char *s);

/* 1 if s (UTF-8) holds a letter only Unicode Vietnamese has (ă đ ĩ ũ ơ ư,
 * U+1EA0-U+1EF9, a combining mark): text no legacy encoding produced.
 * 0 for NULL or invalid UTF-8. */
int text_has_vietnamese(const char *s);

/* 1 if every word of s that holds a character outside ASCII reads as
 * Vietnamese syllables in enc (TEXT_LEGACY_TCVN3 or TEXT_LEGACY_VNI) and
 * holds a character that encoding defines, so that text_legacy_convert(s,
 * enc) succeeds and changes it; 0 otherwise (NULL, not UTF-8, another
 * enc).  For the short texts text_legacy_detect cannot tell ("Cao Léc" is
 * TCVN3 "Cao Lộc" and Unicode alike): a caller that knows the encoding
 * of the texts around it (a sheet typed in TCVN3) decides with this. */
int text_legacy_reads(const char *s, text_legacy enc);

/* s (UTF-8, typed in enc) converted to Unicode NFC, malloc'ed.
 * TEXT_LEGACY_NONE gives text_nfc(s).  Only the Latin-1 characters the
 * encoding defines are converted; ASCII and everything else outside
 * Latin-1 are kept, and so are the Latin-1 characters neither encoding
 * uses (no-break space, °, ±, ², ³, ´, ¯, º, ¿) and, in VNI, the Latin-1
 * symbols U+00A1-U+00BF, × and ÷.
 *
 * NULL if s is NULL or not valid UTF-8, enc is TEXT_LEGACY_UNSURE (or not
 * an encoding), a word holds a letter the encoding cannot have produced
 * (a Latin-1 letter it does not define, a Unicode-only Vietnamese letter,
 * in VNI a mark with no vowel to sit on), or memory runs out: no output
 * ever carries Latin-1 leftovers of a legacy letter.
 *
 * Limit: the .VnTimeH capitals font draws its capitals at the lower-case
 * positions, so TCVN3 text typed in it reads as lower case; it is turned
 * to capitals only when the text shows it is in capitals (no ASCII
 * lower-case letter anywhere, and some word has a capital letter after a
 * lower-case-position letter: "§Ò ¸N" gives "ĐỀ ÁN", "TØNH" gives "TỈNH",
 * words of one letter stay lower case).  "®Ò ¸n" stays "đề án". */
char *text_legacy_convert(const char *s, text_legacy enc);

/* A static name for enc, as user messages show it: "Unicode", "TCVN3",
 * "VNI", "không rõ" (UNSURE); "?" for a value outside the enum. */
const char *text_legacy_name(text_legacy enc);

#endif
