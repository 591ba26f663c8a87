/* text.c - Vietnamese text: UTF-8 validity, NFC, folding, numbers as typed,
 * legacy encodings (TCVN3, VNI).
 *
 * Normalisation and case folding are utf8proc's; the rest (trimming, the
 * number reader, the Vietnamese number printer, the legacy readers) is
 * plain byte work on UTF-8.  Nothing here keeps state: every function is
 * thread-safe.
 */
#include "text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "util.h"

int text_utf8_valid(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    if (!s)
        return 0;
    while (i < len) {
        unsigned c = p[i];
        size_t need;
        uint32_t cp, min;
        if (c < 0x80) {
            /* runs of ASCII eight bytes at a time */
            uint64_t w;
            while (len - i >= 8) {
                memcpy(&w, p + i, 8);
                if (w & UINT64_C(0x8080808080808080))
                    break;
                i += 8;
            }
            while (i < len && p[i] < 0x80)
                i++;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            need = 1;
            cp = c & 0x1F;
            min = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            need = 2;
            cp = c & 0x0F;
            min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
            need = 3;
            cp = c & 0x07;
            min = 0x10000;
        } else {
            return 0; /* continuation byte, C0/C1 overlong lead, > F4 */
        }
        if (len - i - 1 < need)
            return 0;
        for (size_t k = 1; k <= need; k++) {
            unsigned cc = p[i + k];
            if ((cc & 0xC0) != 0x80)
                return 0;
            cp = (cp << 6) | (cc & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        i += need + 1;
    }
    return 1;
}

/* 1 if s is a string (not NULL) of valid UTF-8, with its length in
 * *len: the argument check of the functions below that take a string and
 * give up on anything else. */
static int utf8_arg(const char *s, size_t *len)
{
    if (!s)
        return 0;
    *len = strlen(s);
    return text_utf8_valid(s, *len);
}

/* The length of the valid UTF-8 character at p[0..n) (n > 0), 0 when
 * p[0] does not start one. */
static size_t utf8_char_len(const unsigned char *p, size_t n)
{
    unsigned c = p[0];
    size_t need;
    uint32_t cp, min;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        need = 1, cp = c & 0x1F, min = 0x80;
    else if (c >= 0xE0 && c <= 0xEF)
        need = 2, cp = c & 0x0F, min = 0x800;
    else if (c >= 0xF0 && c <= 0xF4)
        need = 3, cp = c & 0x07, min = 0x10000;
    else
        return 0;
    if (n - 1 < need)
        return 0;
    for (size_t k = 1; k <= need; k++) {
        if ((p[k] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (p[k] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return need + 1;
}

char *text_utf8_repair(const char *s, size_t max_bytes)
{
    static const char fffd[] = "\xEF\xBF\xBD", ellipsis[] = "\xE2\x80\xA6";
    if (!s)
        return NULL;
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);
    bc_strbuf sb = BC_STRBUF_INIT;
    sb_adds(&sb, "");
    for (size_t i = 0; i < n;) {
        size_t k = utf8_char_len(p + i, n - i);
        const char *add = k ? s + i : fffd;
        size_t len = k ? k : 3;
        if (max_bytes && sb.len + len > max_bytes) {
            sb_add(&sb, ellipsis, 3);
            break;
        }
        sb_add(&sb, add, len);
        i += k ? k : 1;
    }
    return sb_detach(&sb);
}

/* utf8proc_map over a NUL-terminated string with the given options; a
 * malloc'ed result or NULL (invalid UTF-8, out of memory). */
static char *map_utf8(const char *s, int options)
{
    utf8proc_uint8_t *dst = NULL;
    if (!s || !text_utf8_valid(s, strlen(s)))
        return NULL;
    utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)s, 0, &dst,
                                      (utf8proc_option_t)(options |
                                                          UTF8PROC_NULLTERM));
    if (r < 0) {
        free(dst);
        return NULL;
    }
    return (char *)dst;
}

/* 1 if the valid UTF-8 s[0..len) holds only code points below U+0300
 * (ASCII, Latin-1, Latin Extended-A and B, IPA, spacing modifiers), in
 * Latin Extended Additional (U+1E00-U+1EFF, the precomposed Vietnamese
 * letters) or in U+2002-U+207F (general punctuation: dashes, quotes, "…";
 * superscripts): every one of them is a starter that NFC keeps, and no
 * two of them compose (checked over every pair of them against utf8proc),
 * so such a text is its own NFC.  Plain Vietnamese as typed is. */
static int nfc_stable(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + len;
    while (p < end) {
        unsigned c = *p;
        if (c < 0x80) {
            p++;
        } else if (c >= 0xC2 && c <= 0xCB) {
            p += 2; /* U+0080-U+02FF */
        } else if (c == 0xE1 && end - p >= 3 && p[1] >= 0xB8 &&
                   p[1] <= 0xBB) {
            p += 3; /* U+1E00-U+1EFF */
        } else if (c == 0xE2 && end - p >= 3 &&
                   ((p[1] == 0x80 && p[2] >= 0x82) || p[1] == 0x81)) {
            p += 3; /* U+2002-U+207F (not U+2000 and U+2001, which NFC
                       makes U+2002 and U+2003) */
        } else {
            return 0;
        }
    }
    return 1;
}

char *text_nfc(const char *s)
{
    size_t len;
    if (!utf8_arg(s, &len))
        return NULL;
    if (nfc_stable(s, len))
        return bc_strndup(s, len);
    return map_utf8(s, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
}

/* --- canonical decomposition of the Latin letters ------------------------
 *
 * The NFD of U+00C0-U+01B0 and of U+1EA0-U+1EF9 (every precomposed
 * Vietnamese letter) where it is an ASCII letter and combining marks: the
 * letter, then up to two marks as 1 + (mark - U+0300), 0 for none;
 * {0, 0, 0} for a character without such a decomposition.  Made from
 * Unicode's data (unchanged for these since Unicode 1.1); test_text checks
 * every character of both ranges against utf8proc.  The legacy reader and
 * the folding look Vietnamese letters up here instead of asking utf8proc
 * for each. */
static const unsigned char nfd_latin[0x01B0 - 0x00C0 + 1][3] = {
    {'A', 1, 0}, {'A', 2, 0}, {'A', 3, 0}, {'A', 4, 0}, {'A', 9, 0},
    {'A', 11, 0}, {0, 0, 0}, {'C', 40, 0}, {'E', 1, 0}, {'E', 2, 0},
    {'E', 3, 0}, {'E', 9, 0}, {'I', 1, 0}, {'I', 2, 0}, {'I', 3, 0},
    {'I', 9, 0}, {0, 0, 0}, {'N', 4, 0}, {'O', 1, 0}, {'O', 2, 0},
    {'O', 3, 0}, {'O', 4, 0}, {'O', 9, 0}, {0, 0, 0}, {0, 0, 0},
    {'U', 1, 0}, {'U', 2, 0}, {'U', 3, 0}, {'U', 9, 0}, {'Y', 2, 0},
    {0, 0, 0}, {0, 0, 0}, {'a', 1, 0}, {'a', 2, 0}, {'a', 3, 0},
    {'a', 4, 0}, {'a', 9, 0}, {'a', 11, 0}, {0, 0, 0}, {'c', 40, 0},
    {'e', 1, 0}, {'e', 2, 0}, {'e', 3, 0}, {'e', 9, 0}, {'i', 1, 0},
    {'i', 2, 0}, {'i', 3, 0}, {'i', 9, 0}, {0, 0, 0}, {'n', 4, 0},
    {'o', 1, 0}, {'o', 2, 0}, {'o', 3, 0}, {'o', 4, 0}, {'o', 9, 0},
    {0, 0, 0}, {0, 0, 0}, {'u', 1, 0}, {'u', 2, 0}, {'u', 3, 0},
    {'u', 9, 0}, {'y', 2, 0}, {0, 0, 0}, {'y', 9, 0}, {'A', 5, 0},
    {'a', 5, 0}, {'A', 7, 0}, {'a', 7, 0}, {'A', 41, 0}, {'a', 41, 0},
    {'C', 2, 0}, {'c', 2, 0}, {'C', 3, 0}, {'c', 3, 0}, {'C', 8, 0},
    {'c', 8, 0}, {'C', 13, 0}, {'c', 13, 0}, {'D', 13, 0}, {'d', 13, 0},
    {0, 0, 0}, {0, 0, 0}, {'E', 5, 0}, {'e', 5, 0}, {'E', 7, 0},
    {'e', 7, 0}, {'E', 8, 0}, {'e', 8, 0}, {'E', 41, 0}, {'e', 41, 0},
    {'E', 13, 0}, {'e', 13, 0}, {'G', 3, 0}, {'g', 3, 0}, {'G', 7, 0},
    {'g', 7, 0}, {'G', 8, 0}, {'g', 8, 0}, {'G', 40, 0}, {'g', 40, 0},
    {'H', 3, 0}, {'h', 3, 0}, {0, 0, 0}, {0, 0, 0}, {'I', 4, 0},
    {'i', 4, 0}, {'I', 5, 0}, {'i', 5, 0}, {'I', 7, 0}, {'i', 7, 0},
    {'I', 41, 0}, {'i', 41, 0}, {'I', 8, 0}, {0, 0, 0}, {0, 0, 0},
    {0, 0, 0}, {'J', 3, 0}, {'j', 3, 0}, {'K', 40, 0}, {'k', 40, 0},
    {0, 0, 0}, {'L', 2, 0}, {'l', 2, 0}, {'L', 40, 0}, {'l', 40, 0},
    {'L', 13, 0}, {'l', 13, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0},
    {0, 0, 0}, {'N', 2, 0}, {'n', 2, 0}, {'N', 40, 0}, {'n', 40, 0},
    {'N', 13, 0}, {'n', 13, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0},
    {'O', 5, 0}, {'o', 5, 0}, {'O', 7, 0}, {'o', 7, 0}, {'O', 12, 0},
    {'o', 12, 0}, {0, 0, 0}, {0, 0, 0}, {'R', 2, 0}, {'r', 2, 0},
    {'R', 40, 0}, {'r', 40, 0}, {'R', 13, 0}, {'r', 13, 0}, {'S', 2, 0},
    {'s', 2, 0}, {'S', 3, 0}, {'s', 3, 0}, {'S', 40, 0}, {'s', 40, 0},
    {'S', 13, 0}, {'s', 13, 0}, {'T', 40, 0}, {'t', 40, 0}, {'T', 13, 0},
    {'t', 13, 0}, {0, 0, 0}, {0, 0, 0}, {'U', 4, 0}, {'u', 4, 0},
    {'U', 5, 0}, {'u', 5, 0}, {'U', 7, 0}, {'u', 7, 0}, {'U', 11, 0},
    {'u', 11, 0}, {'U', 12, 0}, {'u', 12, 0}, {'U', 41, 0}, {'u', 41, 0},
    {'W', 3, 0}, {'w', 3, 0}, {'Y', 3, 0}, {'y', 3, 0}, {'Y', 9, 0},
    {'Z', 2, 0}, {'z', 2, 0}, {'Z', 8, 0}, {'z', 8, 0}, {'Z', 13, 0},
    {'z', 13, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0},
    {0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0},
    {0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0},
    {0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0},
    {0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0},
    {0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0},
    {0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {'O', 28, 0},
    {'o', 28, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0},
    {0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0},
    {0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {'U', 28, 0},
    {'u', 28, 0},
};
static const unsigned char nfd_viet[0x1EF9 - 0x1EA0 + 1][3] = {
    {'A', 36, 0}, {'a', 36, 0}, {'A', 10, 0}, {'a', 10, 0}, {'A', 3, 2},
    {'a', 3, 2}, {'A', 3, 1}, {'a', 3, 1}, {'A', 3, 10}, {'a', 3, 10},
    {'A', 3, 4}, {'a', 3, 4}, {'A', 36, 3}, {'a', 36, 3}, {'A', 7, 2},
    {'a', 7, 2}, {'A', 7, 1}, {'a', 7, 1}, {'A', 7, 10}, {'a', 7, 10},
    {'A', 7, 4}, {'a', 7, 4}, {'A', 36, 7}, {'a', 36, 7}, {'E', 36, 0},
    {'e', 36, 0}, {'E', 10, 0}, {'e', 10, 0}, {'E', 4, 0}, {'e', 4, 0},
    {'E', 3, 2}, {'e', 3, 2}, {'E', 3, 1}, {'e', 3, 1}, {'E', 3, 10},
    {'e', 3, 10}, {'E', 3, 4}, {'e', 3, 4}, {'E', 36, 3}, {'e', 36, 3},
    {'I', 10, 0}, {'i', 10, 0}, {'I', 36, 0}, {'i', 36, 0}, {'O', 36, 0},
    {'o', 36, 0}, {'O', 10, 0}, {'o', 10, 0}, {'O', 3, 2}, {'o', 3, 2},
    {'O', 3, 1}, {'o', 3, 1}, {'O', 3, 10}, {'o', 3, 10}, {'O', 3, 4},
    {'o', 3, 4}, {'O', 36, 3}, {'o', 36, 3}, {'O', 28, 2}, {'o', 28, 2},
    {'O', 28, 1}, {'o', 28, 1}, {'O', 28, 10}, {'o', 28, 10}, {'O', 28, 4},
    {'o', 28, 4}, {'O', 28, 36}, {'o', 28, 36}, {'U', 36, 0}, {'u', 36, 0},
    {'U', 10, 0}, {'u', 10, 0}, {'U', 28, 2}, {'u', 28, 2}, {'U', 28, 1},
    {'u', 28, 1}, {'U', 28, 10}, {'u', 28, 10}, {'U', 28, 4}, {'u', 28, 4},
    {'U', 28, 36}, {'u', 28, 36}, {'Y', 1, 0}, {'y', 1, 0}, {'Y', 36, 0},
    {'y', 36, 0}, {'Y', 10, 0}, {'y', 10, 0}, {'Y', 4, 0}, {'y', 4, 0},
};

/* The table's entry of cp, or NULL. */
static const unsigned char *nfd_entry(int32_t cp)
{
    const unsigned char *e = NULL;
    if (cp >= 0xC0 && cp <= 0x1B0)
        e = nfd_latin[cp - 0xC0];
    else if (cp >= 0x1EA0 && cp <= 0x1EF9)
        e = nfd_viet[cp - 0x1EA0];
    return e && e[0] ? e : NULL;
}

/* The NFD of cp into d (size > 3), as utf8proc_decompose_char with
 * UTF8PROC_DECOMPOSE gives it: the count, or a negative error. */
static utf8proc_ssize_t nfd_char(int32_t cp, utf8proc_int32_t *d,
                                 utf8proc_ssize_t size)
{
    const unsigned char *e = nfd_entry(cp);
    if (!e)
        return utf8proc_decompose_char(cp, d, size, UTF8PROC_DECOMPOSE, NULL);
    utf8proc_ssize_t k = 0;
    d[k++] = e[0];
    for (int i = 1; i < 3 && e[i]; i++)
        d[k++] = 0x300 + e[i] - 1;
    return k;
}

int text_nfd_char(int32_t cp, int32_t d[4])
{
    utf8proc_int32_t buf[4];
    if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return -1;
    utf8proc_ssize_t k = nfd_char(cp, buf, 4);
    if (k < 0 || k > 4)
        return -1;
    for (utf8proc_ssize_t i = 0; i < k; i++)
        d[i] = buf[i];
    return (int)k;
}

/* Byte length of the white space character at p (ASCII space, tab, CR,
 * LF, VT, FF, U+00A0, U+2007, U+202F, U+2009), 0 if p is not one. */
static size_t space_len(const char *p)
{
    const unsigned char *u = (const unsigned char *)p;
    if (*u == ' ' || *u == '\t' || *u == '\n' || *u == '\r' || *u == '\v' ||
        *u == '\f')
        return 1;
    if (u[0] == 0xC2 && u[1] == 0xA0)
        return 2;
    if (u[0] == 0xE2 && u[1] == 0x80 &&
        (u[2] == 0x87 || u[2] == 0x89 || u[2] == 0xAF))
        return 3;
    return 0;
}

/* The bounds of s without white space at either end. */
static void trim_bounds(const char *s, const char **start, size_t *len)
{
    size_t k;
    while ((k = space_len(s)) != 0)
        s += k;
    const char *end = s + strlen(s);
    /* trailing spaces: scan forward, remembering where the last run began;
     * a byte that starts no space (all but the six ASCII ones and the lead
     * bytes C2 and E2 of the others) is passed over at once */
    const char *p = s, *run = NULL;
    while (p < end) {
        unsigned char c = (unsigned char)*p;
        if (c != ' ' && (c < '\t' || c > '\r') && c != 0xC2 && c != 0xE2) {
            run = NULL;
            p++;
            continue;
        }
        k = space_len(p);
        if (k) {
            if (!run)
                run = p;
            p += k;
        } else {
            run = NULL;
            p++;
        }
    }
    *start = s;
    *len = (size_t)((run ? run : end) - s);
}

char *text_clean(const char *s)
{
    const char *start;
    size_t len;
    char *cut = NULL, *r = NULL;
    if (!s || !text_utf8_valid(s, strlen(s)))
        goto done;
    trim_bounds(s, &start, &len);
    if (nfc_stable(start, len)) /* no copy to normalise */
        return bc_strndup(start, len);
    cut = bc_strndup(start, len);
    if (!cut)
        goto done;
    r = len ? text_nfc(cut) : bc_strdup("");
done:
    free(cut);
    return r;
}

#define FOLD_OPTIONS                                                     \
    (UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |             \
     UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_IGNORE)

/* text_fold without utf8proc_map, for the texts whose every character
 * folds to ASCII on its own: ASCII, đ, and the characters utf8proc
 * decomposes (compatibility, case folded, marks stripped) into ASCII or
 * into nothing (a mark).  Such a decomposition leaves nothing to reorder
 * or compose, so the key is the one text_fold makes.  s is valid UTF-8
 * of length len.  Returns the key (malloc'ed), or NULL with *slow set
 * when a character needs the whole mapping (or out of memory, *slow 0). */
static char *fold_fast(const char *s, size_t len, int *slow)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + len;
    /* a character may give several letters ("ⅷ" is viii): the key can
     * be longer than s, and the buffer grows as needed */
    *slow = len > SIZE_MAX - 16;
    if (*slow)
        return NULL;
    size_t cap = len + 16, w = 0;
    char *out = malloc(cap);
    int pending_space = 0;
    if (!out)
        return NULL;
    while (p < end) {
        utf8proc_int32_t d[8];
        utf8proc_ssize_t k;
        if (*p < 0x80) {
            d[0] = *p++;
            k = 1;
        } else {
            utf8proc_int32_t cp;
            const unsigned char *e;
            utf8proc_ssize_t n = utf8proc_iterate(p, end - p, &cp);
            if (n <= 0)
                goto slow;
            p += n;
            if (cp == 0x0111 || cp == 0x0110) { /* đ is a letter: d */
                d[0] = 'd';
                k = 1;
            } else if ((e = nfd_entry(cp)) != NULL) {
                /* a Latin letter and marks: case folded, marks stripped,
                 * the letter in lower case (test_text checks) */
                d[0] = e[0] | 0x20;
                k = 1;
            } else {
                k = utf8proc_decompose_char(cp, d, 8,
                                            (utf8proc_option_t)FOLD_OPTIONS,
                                            NULL);
                if (k < 0 || k > 8)
                    goto slow;
            }
        }
        for (utf8proc_ssize_t i = 0; i < k; i++) {
            utf8proc_int32_t c = d[i];
            if (c >= 0x80)
                goto slow;
            if (c >= 'A' && c <= 'Z')
                c += 'a' - 'A';
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                if (cap - w < 3) { /* a space, the letter, the NUL */
                    char *more = cap <= SIZE_MAX / 2 ? realloc(out, cap * 2)
                                                     : NULL;
                    if (!more) {
                        free(out);
                        return NULL;
                    }
                    out = more;
                    cap *= 2;
                }
                if (pending_space)
                    out[w++] = ' ';
                pending_space = 0;
                out[w++] = (char)c;
            } else {
                pending_space = w > 0;
            }
        }
    }
    out[w] = '\0';
    return out;
slow:
    free(out);
    *slow = 1;
    return NULL;
}

char *text_fold(const char *s)
{
    size_t len;
    if (!utf8_arg(s, &len))
        return NULL;
    int slow = 0;
    char *fast = fold_fast(s, len, &slow);
    if (fast || !slow)
        return fast;
    bc_strbuf sb = BC_STRBUF_INIT;
    char *mapped = map_utf8(s, FOLD_OPTIONS);
    char *r = NULL;
    if (!mapped)
        goto done;
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)mapped;
    int pending_space = 0;
    while (*p) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(p, -1, &cp);
        if (n <= 0)
            goto done;
        p += n;
        if (cp == 0x0111 || cp == 0x0110) /* đ is a letter, not d + mark */
            cp = 'd';
        utf8proc_category_t cat = utf8proc_category(cp);
        int keep = (cat >= UTF8PROC_CATEGORY_LU &&
                    cat <= UTF8PROC_CATEGORY_LO) ||
                   (cat >= UTF8PROC_CATEGORY_ND &&
                    cat <= UTF8PROC_CATEGORY_NO);
        if (!keep) {
            pending_space = sb.len > 0;
            continue;
        }
        if (pending_space)
            sb_addc(&sb, ' ');
        pending_space = 0;
        utf8proc_uint8_t enc[4];
        utf8proc_ssize_t k = utf8proc_encode_char(cp, enc);
        sb_add(&sb, (const char *)enc, (size_t)k);
    }
    r = sb_detach(&sb);
done:
    sb_release(&sb);
    free(mapped);
    return r;
}

long text_first_ignorable(const char *s)
{
    if (!s)
        return 0;
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    while (*p) {
        utf8proc_int32_t cp;
        if (*p < 0x80) {
            p++;
            continue;
        }
        utf8proc_ssize_t n = utf8proc_iterate(p, -1, &cp);
        if (n <= 0)
            return 0;
        p += n;
        if (utf8proc_get_property(cp)->ignorable)
            return cp;
    }
    return 0;
}

int text_same(const char *a, const char *b)
{
    char *fa = text_fold(a), *fb = text_fold(b);
    int same = fa && fb && strcmp(fa, fb) == 0;
    free(fa);
    free(fb);
    return same;
}

/* --- numbers as typed ---------------------------------------------------- */

#define NUM_MAX_GROUPS 32
#define NUM_MAX_DIGITS 60

typedef struct num_group {
    const char *p; /* first digit */
    size_t len;    /* digits in the group */
} num_group;

/* 1 if groups [from, to) form a thousands grouping: the first of 1-3
 * digits not starting with 0, every other one of exactly 3.  A single
 * group needs no grouping. */
static int grouping_ok(const num_group *g, size_t from, size_t to)
{
    if (to - from < 2)
        return 1;
    if (g[from].len < 1 || g[from].len > 3 || g[from].p[0] == '0')
        return 0;
    for (size_t i = from + 1; i < to; i++)
        if (g[i].len != 3)
            return 0;
    return 1;
}

text_num_result text_parse_number(const char *s, int vn_style, bc_money *out)
{
    num_group g[NUM_MAX_GROUPS];
    char sep[NUM_MAX_GROUPS]; /* sep[i] lies between g[i] and g[i + 1] */
    size_t ng = 0, len, k;
    const char *p, *end;
    int neg = 0;
    if (!s)
        return TEXT_NUM_EMPTY;
    trim_bounds(s, &p, &len);
    if (len == 0)
        return TEXT_NUM_EMPTY;
    end = p + len;
    if (*p == '-' || *p == '+') {
        neg = *p == '-';
        p++;
    } else if ((size_t)(end - p) >= 3 && (unsigned char)p[0] == 0xE2 &&
               (unsigned char)p[1] == 0x88 && (unsigned char)p[2] == 0x92) {
        neg = 1; /* U+2212 MINUS SIGN, as word processors type it */
        p += 3;
    }
    /* split into digit groups and single separators */
    while (p < end) {
        if (*p < '0' || *p > '9')
            return TEXT_NUM_INVALID;
        if (ng == NUM_MAX_GROUPS)
            return TEXT_NUM_OVERFLOW;
        g[ng].p = p;
        while (p < end && *p >= '0' && *p <= '9')
            p++;
        g[ng].len = (size_t)(p - g[ng].p);
        ng++;
        if (p == end)
            break;
        if (*p == '.' || *p == ',') {
            sep[ng - 1] = *p;
            p++;
        } else if ((k = space_len(p)) != 0) {
            sep[ng - 1] = ' ';
            p += k;
        } else {
            return TEXT_NUM_INVALID;
        }
        if (p == end)
            return TEXT_NUM_INVALID; /* "12." */
    }
    if (ng == 0)
        return TEXT_NUM_INVALID; /* a sign alone */

    size_t nsep = ng - 1, ndot = 0, ncomma = 0, nspace = 0;
    for (size_t i = 0; i < nsep; i++) {
        ndot += sep[i] == '.';
        ncomma += sep[i] == ',';
        nspace += sep[i] == ' ';
    }
    /* find the decimal separator (index into sep), or none */
    long dec = -1;
    if (ndot && ncomma) {
        char last = 0;
        for (size_t i = 0; i < nsep; i++)
            if (sep[i] != ' ') {
                last = sep[i];
                dec = (long)i;
            }
        if ((last == '.' ? ndot : ncomma) != 1)
            return TEXT_NUM_INVALID; /* "1,2.3.4" */
    } else if (ndot + ncomma == 1) {
        char c = ndot ? '.' : ',';
        size_t i = 0;
        while (sep[i] != c)
            i++;
        if (nspace || g[i + 1].len != 3 || i != 0 || g[0].len > 3 ||
            g[0].p[0] == '0')
            dec = (long)i; /* only a decimal reading makes sense */
        else if (vn_style)
            dec = c == ',' ? (long)i : -1;
        else
            return TEXT_NUM_AMBIGUOUS;
    }
    /* the decimal separator must be the last one; the others all alike */
    if (dec >= 0 && (size_t)dec != nsep - 1)
        return TEXT_NUM_INVALID;
    size_t nint = dec >= 0 ? (size_t)dec + 1 : ng;
    for (size_t i = 1; i + 1 < nint; i++)
        if (sep[i] != sep[0])
            return TEXT_NUM_INVALID;
    if (!grouping_ok(g, 0, nint))
        return TEXT_NUM_INVALID;

    /* canonical form for money_parse: sign, at most NUM_MAX_DIGITS digits,
     * point, NUL.  The digits are counted apart: counting the sign and
     * the point with them let NUM_MAX_DIGITS - n wrap around once the
     * point followed 60 digits, and the next group was copied past the
     * end of buf. */
    char buf[NUM_MAX_DIGITS + 4];
    size_t n = 0, ndig = 0;
    if (neg)
        buf[n++] = '-';
    for (size_t i = 0; i < ng; i++) {
        if (dec >= 0 && i == (size_t)dec + 1)
            buf[n++] = '.';
        if (g[i].len > NUM_MAX_DIGITS - ndig)
            return TEXT_NUM_OVERFLOW;
        memcpy(buf + n, g[i].p, g[i].len);
        n += g[i].len;
        ndig += g[i].len;
    }
    buf[n] = '\0';
    bc_money v;
    switch (money_parse(buf, &v)) {
    case 0:
        break;
    case -2:
        return TEXT_NUM_PRECISION;
    case -3:
        return TEXT_NUM_OVERFLOW;
    default:
        return TEXT_NUM_INVALID;
    }
    if (out)
        *out = v;
    return TEXT_NUM_OK;
}

char *text_format_vn(bc_money m, char *buf, size_t n)
{
    char canon[BC_MONEY_BUF], tmp[TEXT_VN_BUF];
    size_t t = 0;
    if (!buf || n == 0)
        return buf;
    money_format(m, canon);
    const char *p = canon;
    if (*p == '-')
        tmp[t++] = *p++;
    size_t idigits = strcspn(p, ".");
    for (size_t i = 0; i < idigits; i++) {
        if (i > 0 && (idigits - i) % 3 == 0)
            tmp[t++] = '.';
        tmp[t++] = p[i];
    }
    if (p[idigits] == '.') {
        tmp[t++] = ',';
        for (const char *q = p + idigits + 1; *q; q++)
            tmp[t++] = *q;
    }
    tmp[t] = '\0';
    size_t copy = t < n - 1 ? t : n - 1;
    memcpy(buf, tmp, copy);
    buf[copy] = '\0';
    return buf;
}

/* --- legacy 8-bit Vietnamese encodings (TCVN3, VNI) ----------------------
 *
 * A legacy byte reaches us as the Latin-1 character of the same code.  A
 * text is cut into words (runs of letters, marks and the Latin-1
 * characters U+00A1-U+00FF that some legacy encoding uses); each word is
 * read as a sequence of Vietnamese letters (base, modifier, tone) under
 * each hypothesis - Unicode, TCVN3, VNI - by the same readers that the
 * converter uses, and a reading counts only if every syllable it gives is
 * one Vietnamese spelling allows.  The decision rules are in text.h. */

enum { TONE_NONE, TONE_GRAVE, TONE_ACUTE, TONE_HOOK, TONE_TILDE, TONE_DOT };
enum { MOD_NONE, MOD_CIRC, MOD_BREVE, MOD_HORN, MOD_STROKE };

typedef struct vn_letter {
    unsigned char base;  /* 'a'..'z'; 'd' with MOD_STROKE is đ; 0: none */
    unsigned char mod;   /* MOD_* */
    unsigned char tone;  /* TONE_* */
    unsigned char upper; /* a capital */
} vn_letter;

#define VL(b, m, t) {b, MOD_##m, TONE_##t, 0}
#define VU(b, m, t) {b, MOD_##m, TONE_##t, 1}
#define T3(code) [(code) - 0xA1]

/* TCVN3 (VN3) bytes 0xA1..0xFE.  Capitals exist only for the seven
 * letters with a modifier (0xA1-0xA7); every toned letter is lower case. */
static const vn_letter tcvn3_table[0xFE - 0xA1 + 1] = {
    T3(0xA1) = VU('a', BREVE, NONE), /* Ă */
    T3(0xA2) = VU('a', CIRC, NONE),  /* Â */
    T3(0xA3) = VU('e', CIRC, NONE),  /* Ê */
    T3(0xA4) = VU('o', CIRC, NONE),  /* Ô */
    T3(0xA5) = VU('o', HORN, NONE),  /* Ơ */
    T3(0xA6) = VU('u', HORN, NONE),  /* Ư */
    T3(0xA7) = VU('d', STROKE, NONE), /* Đ */
    T3(0xA8) = VL('a', BREVE, NONE), /* ă */
    T3(0xA9) = VL('a', CIRC, NONE),  /* â */
    T3(0xAA) = VL('e', CIRC, NONE),  /* ê */
    T3(0xAB) = VL('o', CIRC, NONE),  /* ô */
    T3(0xAC) = VL('o', HORN, NONE),  /* ơ */
    T3(0xAD) = VL('u', HORN, NONE),  /* ư */
    T3(0xAE) = VL('d', STROKE, NONE), /* đ */
    T3(0xB5) = VL('a', NONE, GRAVE), /* à */
    T3(0xB6) = VL('a', NONE, HOOK),  /* ả */
    T3(0xB7) = VL('a', NONE, TILDE), /* ã */
    T3(0xB8) = VL('a', NONE, ACUTE), /* á */
    T3(0xB9) = VL('a', NONE, DOT),   /* ạ */
    T3(0xBB) = VL('a', BREVE, GRAVE), /* ằ */
    T3(0xBC) = VL('a', BREVE, HOOK), /* ẳ */
    T3(0xBD) = VL('a', BREVE, TILDE), /* ẵ */
    T3(0xBE) = VL('a', BREVE, ACUTE), /* ắ */
    T3(0xC6) = VL('a', BREVE, DOT),  /* ặ */
    T3(0xC7) = VL('a', CIRC, GRAVE), /* ầ */
    T3(0xC8) = VL('a', CIRC, HOOK),  /* ẩ */
    T3(0xC9) = VL('a', CIRC, TILDE), /* ẫ */
    T3(0xCA) = VL('a', CIRC, ACUTE), /* ấ */
    T3(0xCB) = VL('a', CIRC, DOT),   /* ậ */
    T3(0xCC) = VL('e', NONE, GRAVE), /* è */
    T3(0xCE) = VL('e', NONE, HOOK),  /* ẻ */
    T3(0xCF) = VL('e', NONE, TILDE), /* ẽ */
    T3(0xD0) = VL('e', NONE, ACUTE), /* é */
    T3(0xD1) = VL('e', NONE, DOT),   /* ẹ */
    T3(0xD2) = VL('e', CIRC, GRAVE), /* ề */
    T3(0xD3) = VL('e', CIRC, HOOK),  /* ể */
    T3(0xD4) = VL('e', CIRC, TILDE), /* ễ */
    T3(0xD5) = VL('e', CIRC, ACUTE), /* ế */
    T3(0xD6) = VL('e', CIRC, DOT),   /* ệ */
    T3(0xD7) = VL('i', NONE, GRAVE), /* ì */
    T3(0xD8) = VL('i', NONE, HOOK),  /* ỉ */
    T3(0xDC) = VL('i', NONE, TILDE), /* ĩ */
    T3(0xDD) = VL('i', NONE, ACUTE), /* í */
    T3(0xDE) = VL('i', NONE, DOT),   /* ị */
    T3(0xDF) = VL('o', NONE, GRAVE), /* ò */
    T3(0xE1) = VL('o', NONE, HOOK),  /* ỏ */
    T3(0xE2) = VL('o', NONE, TILDE), /* õ */
    T3(0xE3) = VL('o', NONE, ACUTE), /* ó */
    T3(0xE4) = VL('o', NONE, DOT),   /* ọ */
    T3(0xE5) = VL('o', CIRC, GRAVE), /* ồ */
    T3(0xE6) = VL('o', CIRC, HOOK),  /* ổ */
    T3(0xE7) = VL('o', CIRC, TILDE), /* ỗ */
    T3(0xE8) = VL('o', CIRC, ACUTE), /* ố */
    T3(0xE9) = VL('o', CIRC, DOT),   /* ộ */
    T3(0xEA) = VL('o', HORN, GRAVE), /* ờ */
    T3(0xEB) = VL('o', HORN, HOOK),  /* ở */
    T3(0xEC) = VL('o', HORN, TILDE), /* ỡ */
    T3(0xED) = VL('o', HORN, ACUTE), /* ớ */
    T3(0xEE) = VL('o', HORN, DOT),   /* ợ */
    T3(0xEF) = VL('u', NONE, GRAVE), /* ù */
    T3(0xF1) = VL('u', NONE, HOOK),  /* ủ */
    T3(0xF2) = VL('u', NONE, TILDE), /* ũ */
    T3(0xF3) = VL('u', NONE, ACUTE), /* ú */
    T3(0xF4) = VL('u', NONE, DOT),   /* ụ */
    T3(0xF5) = VL('u', HORN, GRAVE), /* ừ */
    T3(0xF6) = VL('u', HORN, HOOK),  /* ử */
    T3(0xF7) = VL('u', HORN, TILDE), /* ữ */
    T3(0xF8) = VL('u', HORN, ACUTE), /* ứ */
    T3(0xF9) = VL('u', HORN, DOT),   /* ự */
    T3(0xFA) = VL('y', NONE, GRAVE), /* ỳ */
    T3(0xFB) = VL('y', NONE, HOOK),  /* ỷ */
    T3(0xFC) = VL('y', NONE, TILDE), /* ỹ */
    T3(0xFD) = VL('y', NONE, ACUTE), /* ý */
    T3(0xFE) = VL('y', NONE, DOT),   /* ỵ */
};

/* VNI-Windows, by lower-case code 0xE0..0xFF (a capital is 0x20 lower,
 * its case taken from the letter it belongs to).  A letter is a base
 * letter followed by at most one mark character: a tone, or a modifier
 * family that carries the tone too.  ơ, ư, ỵ, đ and the toned i are
 * letters of their own. */
enum { VM_NONE, VM_TONE, VM_CIRC, VM_BREVE };
static const struct { unsigned char kind, tone; } vni_marks[32] = {
    [0xF9 - 0xE0] = {VM_TONE, TONE_ACUTE},   /* ù */
    [0xF8 - 0xE0] = {VM_TONE, TONE_GRAVE},   /* ø */
    [0xFB - 0xE0] = {VM_TONE, TONE_HOOK},    /* û */
    [0xF5 - 0xE0] = {VM_TONE, TONE_TILDE},   /* õ */
    [0xEF - 0xE0] = {VM_TONE, TONE_DOT},     /* ï */
    [0xE2 - 0xE0] = {VM_CIRC, TONE_NONE},    /* â: aâ â, eâ ê, oâ ô */
    [0xE1 - 0xE0] = {VM_CIRC, TONE_ACUTE},   /* á: aá ấ */
    [0xE0 - 0xE0] = {VM_CIRC, TONE_GRAVE},   /* à: aà ầ */
    [0xE5 - 0xE0] = {VM_CIRC, TONE_HOOK},    /* å: aå ẩ */
    [0xE3 - 0xE0] = {VM_CIRC, TONE_TILDE},   /* ã: aã ẫ */
    [0xE4 - 0xE0] = {VM_CIRC, TONE_DOT},     /* ä: aä ậ */
    [0xEA - 0xE0] = {VM_BREVE, TONE_NONE},   /* ê: aê ă */
    [0xE9 - 0xE0] = {VM_BREVE, TONE_ACUTE},  /* é: aé ắ */
    [0xE8 - 0xE0] = {VM_BREVE, TONE_GRAVE},  /* è: aè ằ */
    [0xFA - 0xE0] = {VM_BREVE, TONE_HOOK},   /* ú: aú ẳ */
    [0xFC - 0xE0] = {VM_BREVE, TONE_TILDE},  /* ü: aü ẵ */
    [0xEB - 0xE0] = {VM_BREVE, TONE_DOT},    /* ë: aë ặ */
};
static const vn_letter vni_letters[32] = {
    [0xF4 - 0xE0] = VL('o', HORN, NONE),   /* ô: ơ */
    [0xF6 - 0xE0] = VL('u', HORN, NONE),   /* ö: ư */
    [0xEE - 0xE0] = VL('y', NONE, DOT),    /* î: ỵ */
    [0xED - 0xE0] = VL('i', NONE, ACUTE),  /* í */
    [0xEC - 0xE0] = VL('i', NONE, GRAVE),  /* ì */
    [0xE6 - 0xE0] = VL('i', NONE, HOOK),   /* æ: ỉ */
    [0xF3 - 0xE0] = VL('i', NONE, TILDE),  /* ó: ĩ */
    [0xF2 - 0xE0] = VL('i', NONE, DOT),    /* ò: ị */
    [0xF1 - 0xE0] = VL('d', STROKE, NONE), /* ñ: đ */
};

#undef VL
#undef VU
#undef T3

/* Latin-1 characters no encoding here uses and that are no letters: they
 * end words and are kept as they are (no-break space, ¯ ° ± ² ³ ´ º ¿). */
static int latin1_neutral(int32_t cp)
{
    return cp == 0xA0 || cp == 0xAF || (cp >= 0xB0 && cp <= 0xB4) ||
           cp == 0xBA || cp == 0xBF;
}

/* TCVN3 letters that Unicode shows as symbols (¡ .. ®, µ .. ¹, » .. ¾, ×,
 * ÷, and µ ª which Unicode calls letters but Vietnamese never uses). */
static int legacy_symbol(int32_t cp)
{
    return (cp >= 0xA1 && cp <= 0xBF && !latin1_neutral(cp)) || cp == 0xD7 ||
           cp == 0xF7;
}

/* 1 for the Latin-1 letters Vietnamese Unicode uses itself: à á â ã è é ê
 * ì í ò ó ô õ ù ú ý and their capitals. */
static int latin1_vietnamese(int32_t cp)
{
    if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
        cp += 0x20;
    switch (cp) {
    case 0xE0: case 0xE1: case 0xE2: case 0xE3: case 0xE8: case 0xE9:
    case 0xEA: case 0xEC: case 0xED: case 0xF2: case 0xF3: case 0xF4:
    case 0xF5: case 0xF9: case 0xFA: case 0xFD:
        return 1;
    default:
        return 0;
    }
}

/* 1 for the letters only Vietnamese Unicode has: ă đ ĩ ũ ơ ư (and
 * capitals), U+1EA0-U+1EF9, combining marks. */
static int vietnamese_unicode(int32_t cp)
{
    switch (cp) {
    case 0x102: case 0x103: case 0x110: case 0x111: case 0x128: case 0x129:
    case 0x168: case 0x169: case 0x1A0: case 0x1A1: case 0x1AF: case 0x1B0:
        return 1;
    default:
        return (cp >= 0x1EA0 && cp <= 0x1EF9) || (cp >= 0x300 && cp <= 0x36F);
    }
}

static int ascii_letter(int32_t cp)
{
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
}

/* 1 if cp belongs to a word: ASCII letters, Latin-1 U+00A1-U+00FF but the
 * neutral ones, and letters and marks beyond Latin-1. */
static int word_char(int32_t cp)
{
    if (cp < 0x80)
        return ascii_letter(cp);
    if (cp <= 0xFF)
        return cp >= 0xA1 && !latin1_neutral(cp);
    utf8proc_category_t cat = utf8proc_category(cp);
    return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_ME;
}

/* The code point at p (valid UTF-8 up to end) and its length in *n. */
static int32_t cp_at(const unsigned char *p, const unsigned char *end,
                     size_t *n)
{
    /* the texts here are checked valid UTF-8 first: the usual lengths
     * decoded at once, anything else left to utf8proc */
    if (p < end && p[0] < 0x80) {
        *n = 1;
        return p[0];
    }
    if (end - p >= 2 && p[0] >= 0xC2 && p[0] <= 0xDF &&
        (p[1] & 0xC0) == 0x80) {
        *n = 2;
        return ((int32_t)(p[0] & 0x1F) << 6) | (p[1] & 0x3F);
    }
    utf8proc_int32_t cp = -1;
    utf8proc_ssize_t k = utf8proc_iterate(p, end - p, &cp);
    if (k <= 0) {
        *n = 1;
        return -1;
    }
    *n = (size_t)k;
    return cp;
}

/* The end of the word starting at p. */
static const unsigned char *word_end(const unsigned char *p,
                                     const unsigned char *end)
{
    size_t n;
    while (p < end && word_char(cp_at(p, end, &n)))
        p += n;
    return p;
}

/* The next word of [*pp, end): skips what stands before it and returns 1
 * with the word in [*w, *we) and *pp at its end; 0 (and *pp at end) when
 * there is none left. */
static int next_word(const unsigned char **pp, const unsigned char *end,
                     const unsigned char **w, const unsigned char **we)
{
    size_t n;
    const unsigned char *p = *pp;
    while (p < end && !word_char(cp_at(p, end, &n)))
        p += n;
    if (p >= end) {
        *pp = p;
        return 0;
    }
    *w = p;
    *we = *pp = word_end(p, end);
    return 1;
}

enum { HYP_UNICODE, HYP_TCVN3, HYP_VNI };
enum { RD_JUNK = -1, RD_SYMBOL = 0, RD_LETTER = 1 };

static void ascii_to_letter(int32_t cp, vn_letter *out)
{
    out->base = (unsigned char)(cp | 0x20);
    out->mod = MOD_NONE;
    out->tone = TONE_NONE;
    out->upper = cp < 'a';
}

/* Applies a Unicode combining mark to l; 0 if it is not one Vietnamese
 * uses or l already has one of its kind. */
static int unicode_mark(vn_letter *l, int32_t m)
{
    int tone = TONE_NONE, mod = MOD_NONE;
    switch (m) {
    case 0x300: tone = TONE_GRAVE; break;
    case 0x301: tone = TONE_ACUTE; break;
    case 0x303: tone = TONE_TILDE; break;
    case 0x309: tone = TONE_HOOK; break;
    case 0x323: tone = TONE_DOT; break;
    case 0x302: mod = MOD_CIRC; break;
    case 0x306: mod = MOD_BREVE; break;
    case 0x31B: mod = MOD_HORN; break;
    default: return 0;
    }
    if (tone) {
        if (l->tone)
            return 0;
        l->tone = (unsigned char)tone;
    } else {
        if (l->mod)
            return 0;
        l->mod = (unsigned char)mod;
    }
    return 1;
}

/* Unicode reading of one letter (with the combining marks after it). */
static int read_unicode(const unsigned char **pp, const unsigned char *end,
                        vn_letter *out)
{
    utf8proc_int32_t d[8];
    size_t n;
    int32_t cp = cp_at(*pp, end, &n);
    if (legacy_symbol(cp))
        return RD_SYMBOL;
    utf8proc_ssize_t k;
    if (cp >= 0 && cp < 0x80) {
        d[0] = cp; /* ASCII decomposes to itself */
        k = 1;
    } else {
        k = nfd_char(cp, d, 8);
    }
    if (k < 1 || k > 8)
        return RD_JUNK;
    if (ascii_letter(d[0]))
        ascii_to_letter(d[0], out);
    else if (d[0] == 0x111 || d[0] == 0x110)
        *out = (vn_letter){'d', MOD_STROKE, TONE_NONE, d[0] == 0x110};
    else
        return RD_JUNK;
    for (utf8proc_ssize_t i = 1; i < k; i++)
        if (!unicode_mark(out, d[i]))
            return RD_JUNK;
    *pp += n;
    while (*pp < end) {
        cp = cp_at(*pp, end, &n);
        if (cp < 0x300 || cp > 0x36F)
            break;
        k = utf8proc_decompose_char(cp, d, 8, UTF8PROC_DECOMPOSE, NULL);
        if (k < 1 || k > 8)
            return RD_JUNK;
        for (utf8proc_ssize_t i = 0; i < k; i++)
            if (!unicode_mark(out, d[i]))
                return RD_JUNK;
        *pp += n;
    }
    return RD_LETTER;
}

/* TCVN3 reading of one letter; *legacy set to 1 when a legacy byte was
 * used. */
static int read_tcvn3(const unsigned char **pp, const unsigned char *end,
                      vn_letter *out, int *legacy)
{
    size_t n;
    int32_t cp = cp_at(*pp, end, &n);
    if (ascii_letter(cp)) {
        ascii_to_letter(cp, out);
    } else if (cp >= 0xA1 && cp <= 0xFE && tcvn3_table[cp - 0xA1].base) {
        *out = tcvn3_table[cp - 0xA1];
        *legacy = 1;
    } else {
        return RD_JUNK;
    }
    *pp += n;
    return RD_LETTER;
}

/* The VNI mark cp stands for (VM_NONE if none) and its tone. */
static int vni_mark(int32_t cp, int *tone)
{
    if (cp >= 0xC0 && cp <= 0xDF)
        cp += 0x20;
    if (cp < 0xE0 || cp > 0xFF)
        return VM_NONE;
    *tone = vni_marks[cp - 0xE0].tone;
    return vni_marks[cp - 0xE0].kind;
}

/* VNI reading of one letter (a base letter and its mark); *legacy gets
 * 1 for a VNI letter, 2 for a mark. */
static int read_vni(const unsigned char **pp, const unsigned char *end,
                    vn_letter *out, int *legacy)
{
    size_t n;
    int tone = TONE_NONE;
    int32_t cp = cp_at(*pp, end, &n);
    if (legacy_symbol(cp))
        return RD_SYMBOL;
    if (ascii_letter(cp)) {
        ascii_to_letter(cp, out);
    } else if (cp >= 0xC0 && cp <= 0xFF) {
        int upper = cp < 0xE0;
        const vn_letter *l = &vni_letters[cp - (upper ? 0xC0 : 0xE0)];
        if (!l->base)
            return RD_JUNK; /* a mark with no letter, or not VNI */
        *out = *l;
        out->upper = (unsigned char)upper;
        *legacy |= 1;
    } else {
        return RD_JUNK;
    }
    *pp += n;
    if (*pp >= end)
        return RD_LETTER;
    int kind = vni_mark(cp_at(*pp, end, &n), &tone);
    if (kind == VM_NONE)
        return RD_LETTER;
    unsigned char b = out->base;
    int vowel = b == 'a' || b == 'e' || b == 'o' || b == 'u' || b == 'y';
    if (!vowel || out->tone != TONE_NONE)
        return RD_JUNK;
    if (kind == VM_CIRC) {
        if (out->mod != MOD_NONE || b == 'u' || b == 'y')
            return RD_JUNK;
        out->mod = MOD_CIRC;
    } else if (kind == VM_BREVE) {
        if (out->mod != MOD_NONE || b != 'a')
            return RD_JUNK;
        out->mod = MOD_BREVE;
    }
    out->tone = (unsigned char)tone;
    *legacy |= 2;
    *pp += n;
    return RD_LETTER;
}

/* One letter at *pp under hypothesis h: RD_LETTER (advanced past it),
 * RD_SYMBOL (a character the reading keeps as a symbol; not consumed),
 * RD_JUNK (nothing the reading can take). */
static int read_letter(int h, const unsigned char **pp,
                       const unsigned char *end, vn_letter *out, int *legacy)
{
    switch (h) {
    case HYP_UNICODE:
        return read_unicode(pp, end, out);
    case HYP_TCVN3:
        return read_tcvn3(pp, end, out, legacy);
    default:
        return read_vni(pp, end, out, legacy);
    }
}

/* --- Vietnamese syllables ------------------------------------------------ */

/* The letters of a syllable as one code each: the base letter, or A â,
 * W ă, E ê, O ô, P ơ, U ư, D đ; 0 for a combination Vietnamese lacks. */
static char letter_code(const vn_letter *l)
{
    switch (l->mod) {
    case MOD_NONE:
        return (char)l->base;
    case MOD_CIRC:
        return l->base == 'a' ? 'A' : l->base == 'e' ? 'E'
                                    : l->base == 'o' ? 'O' : 0;
    case MOD_BREVE:
        return l->base == 'a' ? 'W' : 0;
    case MOD_HORN:
        return l->base == 'o' ? 'P' : l->base == 'u' ? 'U' : 0;
    default:
        return l->base == 'd' ? 'D' : 0;
    }
}

static int vowel_code(char c)
{
    switch (c) { /* a e i o u y, and A W E O P U (text above) */
    case 'a': case 'e': case 'i': case 'o': case 'u': case 'y':
    case 'A': case 'W': case 'E': case 'O': case 'P': case 'U':
        return 1;
    default:
        return 0;
    }
}

/* Vowel clusters and whether a final consonant is optional ('o'),
 * required ('r') or impossible ('n'), in the letter codes above. */
static const struct {
    const char *v;
    char fin;
} vn_clusters[] = {
    {"a", 'o'},   {"e", 'o'},   {"E", 'o'},   {"i", 'o'},   {"o", 'o'},
    {"O", 'o'},   {"P", 'o'},   {"u", 'o'},   {"U", 'o'},   {"y", 'o'},
    {"oa", 'o'},  {"oe", 'o'},  {"uE", 'o'},  {"uy", 'o'},  {"W", 'r'},
    {"A", 'r'},   {"iE", 'r'},  {"yE", 'r'},  {"oW", 'r'},  {"uA", 'r'},
    {"uO", 'r'},  {"UP", 'r'},  {"uyE", 'r'}, {"oo", 'r'},  {"ai", 'n'},
    {"ao", 'n'},  {"au", 'n'},  {"ay", 'n'},  {"Au", 'n'},  {"Ay", 'n'},
    {"eo", 'n'},  {"Eu", 'n'},  {"ia", 'n'},  {"iu", 'n'},  {"oi", 'n'},
    {"Oi", 'n'},  {"Pi", 'n'},  {"ua", 'n'},  {"ui", 'n'},  {"uP", 'n'},
    {"Ua", 'n'},  {"Ui", 'n'},  {"Uu", 'n'},  {"iEu", 'n'}, {"yEu", 'n'},
    {"oai", 'n'}, {"oay", 'n'}, {"oao", 'n'}, {"oeo", 'n'}, {"uAy", 'n'},
    {"uOi", 'n'}, {"UPi", 'n'}, {"UPu", 'n'}, {"uya", 'n'}, {"uyu", 'n'},
};

static const char *const vn_initials[] = {
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b",
    "c",   "d",  "D",  "g",  "h",  "k",  "l",  "m",  "n",  "p",  "r",  "s",
    "t",   "v",  "x",
};

#define SYL_MAX 12

/* The length of the initial consonant of the letter codes code[0..n):
 * the first of vn_initials (longest first) that starts it, the i of gi
 * and the u of qu counting only when they carry no tone and a vowel
 * follows; 0 when none does.  As a loop over vn_initials, without it: at
 * most one initial of each length can start a text. */
static size_t initial_len(const char *code, size_t n, const vn_letter *l)
{
    if (n >= 3 && code[0] == 'n' && code[1] == 'g' && code[2] == 'h')
        return 3;
    if (n >= 2) {
        for (size_t k = 1; k < 11; k++) { /* the two-letter initials */
            const char *in = vn_initials[k];
            if (code[0] != in[0] || code[1] != in[1])
                continue;
            if ((code[0] == 'g' || code[0] == 'q') && code[1] != 'h') {
                /* the i of gi, the u of qu: no tone, and a vowel after */
                int more = 0;
                for (size_t j = 2; j < n; j++)
                    more |= vowel_code(code[j]);
                if (l[1].tone != TONE_NONE || !more)
                    break;
            }
            return 2;
        }
    }
    if (n >= 1 && code[0] && strchr("bcdDghklmnprstvx", code[0]))
        return 1;
    return 0;
}

/* How l[0..n) fares as a Vietnamese syllable. */
enum {
    SYL_BAD = 0,  /* not one: letters, initial, cluster or final */
    SYL_OK = 1,   /* initial consonant, vowel cluster, final consonant, at
                     most one tone, where the tone goes; or a run of
                     consonants (an abbreviation: ĐVT) */
    SYL_TONE = 2  /* the letters are, but not the tone: its place, or one
                     a stop final (c, ch, p, t) does not take */
};

/* 1 if a and b are the same string: strcmp's answer, inlined (the
 * syllable checks compare a few letters many times). */
static inline int same(const char *a, const char *b)
{
    while (*a && *a == *b)
        a++, b++;
    return *a == *b;
}

static int vn_syllable(const vn_letter *l, size_t n)
{
    char code[SYL_MAX + 1];
    int tone = TONE_NONE, vowels = 0;
    size_t tpos = 0;
    if (n == 0 || n > SYL_MAX)
        return SYL_BAD;
    for (size_t i = 0; i < n; i++) {
        char c = letter_code(&l[i]);
        if (!c)
            return SYL_BAD;
        code[i] = c;
        vowels += vowel_code(c);
        if (l[i].tone != TONE_NONE) {
            if (!vowel_code(c) || tone != TONE_NONE)
                return SYL_BAD;
            tone = l[i].tone;
            tpos = i;
        }
    }
    code[n] = '\0';
    if (!vowels) {
        /* an abbreviation: one letter (đ) or capitals (ĐVT, HĐND; đ may
         * be at its lower-case position, as .VnTimeH has it: H®ND) */
        for (size_t i = 0; n > 1 && i < n; i++)
            if (!l[i].upper && l[i].mod != MOD_STROKE)
                return SYL_BAD;
        return SYL_OK;
    }

    size_t i0 = initial_len(code, n, l);
    size_t e = n;
    const char *fin = "";
    if (n - i0 >= 3 && (same(code + n - 2, "ng") ||
                        same(code + n - 2, "nh") || same(code + n - 2, "ch")))
        e = n - 2;
    else if (n - i0 >= 2 &&
             (code[n - 1] == 'c' || code[n - 1] == 'm' ||
              code[n - 1] == 'n' || code[n - 1] == 'p' || code[n - 1] == 't'))
        e = n - 1;
    fin = code + e;
    if (e <= i0)
        return SYL_BAD;
    char mid[SYL_MAX + 1];
    memcpy(mid, code + i0, e - i0);
    mid[e - i0] = '\0';
    for (size_t j = 0; mid[j]; j++)
        if (!vowel_code(mid[j]))
            return SYL_BAD;
    char need = 0;
    for (size_t k = 0; k < sizeof vn_clusters / sizeof vn_clusters[0]; k++)
        if (vn_clusters[k].v[0] == mid[0] && same(mid, vn_clusters[k].v))
            need = vn_clusters[k].fin;
    if (!need || (need == 'r' && !*fin) || (need == 'n' && *fin))
        return SYL_BAD;
    if ((same(fin, "nh") || same(fin, "ch")) && !same(mid, "a") &&
        !same(mid, "E") && !same(mid, "i") && !same(mid, "y") &&
        !same(mid, "oa") && !same(mid, "uE") && !same(mid, "uy"))
        return SYL_BAD;
    if ((same(fin, "ng") || same(fin, "c")) &&
        (same(mid, "i") || same(mid, "y") || same(mid, "P")))
        return SYL_BAD;
    /* where the tone sits: before the glide closing ai, ao, au, ia, ưu ...
     * (on the middle vowel of iêu, oai, ươi ...; thuở is the exception),
     * on the last vowel before a final (toán, tiếng, được); oo (xoong,
     * goòng, soóc) takes no hook, tilde nor dot, uya (khuya) no tone */
    size_t nv = e - i0;
    if (tone != TONE_NONE && nv >= 2) {
        size_t at = tpos - i0;
        if (need == 'n' && !same(mid, "uP") &&
            at != (nv == 3 ? 1 : 0))
            return SYL_TONE;
        if (*fin && at != nv - 1)
            return SYL_TONE;
        if (same(mid, "oo") && tone != TONE_GRAVE &&
            tone != TONE_ACUTE)
            return SYL_TONE;
        if (same(mid, "uya"))
            return SYL_TONE;
    }
    if ((same(fin, "c") || same(fin, "ch") ||
         same(fin, "p") || same(fin, "t")) &&
        tone != TONE_ACUTE && tone != TONE_DOT)
        return SYL_TONE;
    return SYL_OK;
}

/* How the word [p, end) reads under hypothesis h, as an SYL_* value:
 * SYL_OK if every letter reads, every piece between symbols that is not
 * plain ASCII is a syllable, and (but in TCVN3, whose toned letters have
 * no case) no capital follows a lower-case letter ("hÖ" is no VNI "hƯ");
 * SYL_TONE if only tones are amiss.  *legacy is set as the readers set
 * it. */
static int word_reads(int h, const unsigned char *p, const unsigned char *end,
                      int *legacy)
{
    vn_letter buf[SYL_MAX];
    size_t n = 0;
    int over = 0, wide = 0, lower = 0, mixed = 0, result = SYL_OK;
    for (;;) {
        if (p < end) {
            const unsigned char *q = p;
            vn_letter l;
            int r = read_letter(h, &p, end, &l, legacy);
            if (r == RD_JUNK)
                return SYL_BAD;
            if (r == RD_LETTER) {
                mixed |= lower && l.upper && h != HYP_TCVN3;
                lower |= !l.upper;
                for (; q < p; q++)
                    wide |= *q >= 0x80;
                if (n < SYL_MAX)
                    buf[n++] = l;
                else
                    over = 1;
                continue;
            }
        }
        if (wide) {
            int r = over || mixed ? SYL_BAD : vn_syllable(buf, n);
            if (r == SYL_BAD)
                return SYL_BAD;
            if (r == SYL_TONE)
                result = SYL_TONE;
        }
        n = 0;
        over = wide = lower = mixed = 0;
        if (p >= end)
            return result;
        size_t k;
        cp_at(p, end, &k);
        p += k; /* the symbol */
    }
}

/* 1 if the word [p, end) has a legacy symbol next to a letter ("L¹ng"),
 * or is two or more legacy symbols not all alike ("®·", TCVN3 đã):
 * Unicode and VNI cannot read it.  Allowed: « µ opening a word, » ®
 * closing one ("«Lạng Sơn»", "µm", "ABC®"), runs such as "§§". */
static int embedded_symbol(const unsigned char *p, const unsigned char *end)
{
    int32_t prev = -1, cur = -1, next, first = -1;
    size_t n;
    int all_symbols = 1, alike = 1, count = 0;
    /* no legacy symbol at all (most words): its UTF-8 is C2 A1-BF, or
     * C3 97 (×) or C3 B7 (÷) */
    int any = 0;
    for (const unsigned char *q = p; q + 1 < end && !any; q++)
        any = (q[0] == 0xC2 && q[1] >= 0xA1 && q[1] <= 0xBF) ||
              (q[0] == 0xC3 && (q[1] == 0x97 || q[1] == 0xB7));
    if (!any)
        return 0;
    for (const unsigned char *q = p; q < end; q += n) {
        int32_t cp = cp_at(q, end, &n);
        all_symbols &= legacy_symbol(cp);
        if (first < 0)
            first = cp;
        alike &= cp == first;
        count++;
    }
    if (all_symbols && count >= 2 && !alike)
        return 1;
    for (;;) {
        next = p < end ? cp_at(p, end, &n) : -1;
        if (cur >= 0 && legacy_symbol(cur)) {
            int left = prev >= 0 && !legacy_symbol(prev);
            int right = next >= 0 && !legacy_symbol(next);
            /* « µ opening the word; glued after another symbol they are
             * letters ("§«ng", TCVN3 Đông) */
            if ((cur == 0xAB || cur == 0xB5) && prev < 0)
                right = 0;
            if ((cur == 0xBB || cur == 0xAE) && !right)
                left = 0;
            if (left || right)
                return 1;
        }
        if (next < 0)
            return 0;
        prev = cur;
        cur = next;
        p += n;
    }
}

/* 1 if [p, end) holds a Latin-1 letter Vietnamese never uses (ä, ë, ï, ñ,
 * ö, ø, ü, ...). */
static int foreign_letter(const unsigned char *p, const unsigned char *end)
{
    size_t n;
    for (; p < end; p += n) {
        int32_t cp = cp_at(p, end, &n);
        if (cp >= 0xC0 && cp <= 0xFF && cp != 0xD7 && cp != 0xF7 &&
            !latin1_vietnamese(cp))
            return 1;
    }
    return 0;
}

/* The next word of [*pp, end) that holds a character outside ASCII, in
 * [*w, *we); *pp moves past it.  0 when there is none left. */
static int next_wide_word(const unsigned char **pp, const unsigned char *end,
                          const unsigned char **w, const unsigned char **we)
{
    while (next_word(pp, end, w, we)) {
        int wide = 0;
        for (const unsigned char *q = *w; q < *we; q++)
            wide |= *q >= 0x80;
        if (wide)
            return 1;
    }
    return 0;
}

/* 1 if every word of [p, end) that holds a character outside ASCII reads
 * as Unicode Vietnamese (no legacy symbol inside it, every syllable
 * SYL_OK): the case of text_legacy_detect where no word fails the
 * Unicode reading, which then gives TEXT_LEGACY_NONE whatever the other
 * readings say.  Most Vietnamese text is decided here, with one reading
 * instead of three. */
static int unicode_reads(const unsigned char *p, const unsigned char *end)
{
    const unsigned char *w, *we;
    while (next_wide_word(&p, end, &w, &we)) {
        int lu = 0;
        if (embedded_symbol(w, we) ||
            word_reads(HYP_UNICODE, w, we, &lu) != SYL_OK)
            return 0;
    }
    return 1;
}

text_legacy text_legacy_detect(const char *s)
{
    if (!s)
        return TEXT_LEGACY_NONE;
    size_t len = strlen(s);
    if (!text_utf8_valid(s, len))
        return TEXT_LEGACY_UNSURE;
    const unsigned char *p = (const unsigned char *)s, *end = p + len;

    /* most cells: no Latin-1 character a legacy encoding uses */
    int latin = 0;
    for (const unsigned char *q = p; q + 1 < end && !latin; q++)
        if (*q == 0xC2 || *q == 0xC3) {
            int32_t cp = ((q[0] & 0x1F) << 6) | (q[1] & 0x3F);
            latin = cp >= 0xA1 && !latin1_neutral(cp);
        }
    if (!latin)
        return TEXT_LEGACY_NONE;
    if (unicode_reads(p, end))
        return TEXT_LEGACY_NONE;

    int fail_u = 0, all_t = 1, all_v = 1, ev_t = 0, ev_v = 0;
    int strong_t = 0, strong_v = 0, alien_strong = 0, vn_uni = 0;
    const unsigned char *w, *we;
    while (next_word(&p, end, &w, &we)) {
        int wide = 0;
        size_t n;
        for (const unsigned char *q = w; q < we; q += n) {
            int32_t cp = cp_at(q, we, &n);
            wide |= cp >= 0x80;
            vn_uni |= vietnamese_unicode(cp);
        }
        if (!wide)
            continue;
        int emb = embedded_symbol(w, we);
        int marked = emb || foreign_letter(w, we);
        int lu = 0, lt = 0, lv = 0;
        int ru = emb ? SYL_BAD : word_reads(HYP_UNICODE, w, we, &lu);
        int ok_t = word_reads(HYP_TCVN3, w, we, &lt) == SYL_OK && lt;
        int ok_v = !emb && word_reads(HYP_VNI, w, we, &lv) == SYL_OK;
        all_t &= ok_t;
        all_v &= ok_v;
        if (ru == SYL_OK)
            continue;
        fail_u = 1;
        /* no Vietnamese spelling at all in Unicode is evidence too; a
         * tone out of place ("lôc") may be a typo */
        int strong = marked || ru == SYL_BAD;
        ok_v = ok_v && lv;
        ev_t += ok_t;
        ev_v += ok_v;
        strong_t |= ok_t && strong;
        strong_v |= ok_v && (strong || (lv & 2)); /* a vowel + mark pair */
        alien_strong |= !ok_t && !ok_v && marked;
    }
    if (!fail_u)
        return TEXT_LEGACY_NONE;
    int cand_t = all_t && ev_t, cand_v = all_v && ev_v;
    if (cand_t && cand_v)
        return TEXT_LEGACY_UNSURE;
    if (cand_t)
        return strong_t || ev_t >= 2 ? TEXT_LEGACY_TCVN3 : TEXT_LEGACY_UNSURE;
    if (cand_v)
        return strong_v || ev_v >= 2 ? TEXT_LEGACY_VNI : TEXT_LEGACY_UNSURE;
    if (ev_t || ev_v || (alien_strong && !vn_uni))
        return TEXT_LEGACY_UNSURE;
    return TEXT_LEGACY_NONE;
}

int text_has_vietnamese(const char *s)
{
    size_t len, n;
    if (!utf8_arg(s, &len))
        return 0;
    const unsigned char *p = (const unsigned char *)s, *end = p + len;
    for (; p < end; p += n)
        if (vietnamese_unicode(cp_at(p, end, &n)))
            return 1;
    return 0;
}

int text_legacy_reads(const char *s, text_legacy enc)
{
    size_t len;
    if ((enc != TEXT_LEGACY_TCVN3 && enc != TEXT_LEGACY_VNI) ||
        !utf8_arg(s, &len))
        return 0;
    int h = enc == TEXT_LEGACY_TCVN3 ? HYP_TCVN3 : HYP_VNI, any = 0;
    const unsigned char *p = (const unsigned char *)s, *end = p + len, *w,
                        *we;
    while (next_wide_word(&p, end, &w, &we)) {
        int legacy = 0;
        if ((h == HYP_VNI && embedded_symbol(w, we)) ||
            word_reads(h, w, we, &legacy) != SYL_OK || !legacy)
            return 0;
        any = 1;
    }
    return any;
}

/* --- conversion ---------------------------------------------------------- */

static void add_cp(bc_strbuf *sb, int32_t cp)
{
    utf8proc_uint8_t enc[4];
    utf8proc_ssize_t k = utf8proc_encode_char(cp, enc);
    sb_add(sb, (const char *)enc, (size_t)k);
}

/* l as a base letter and combining marks (NFC composes them later). */
static void add_letter(bc_strbuf *sb, const vn_letter *l, int upper)
{
    static const int32_t mods[] = {0, 0x302, 0x306, 0x31B, 0};
    static const int32_t tones[] = {0, 0x300, 0x301, 0x309, 0x303, 0x323};
    if (l->mod == MOD_STROKE) {
        add_cp(sb, upper ? 0x110 : 0x111);
    } else {
        sb_addc(sb, (char)(upper ? l->base - 'a' + 'A' : l->base));
        if (mods[l->mod])
            add_cp(sb, mods[l->mod]);
    }
    if (l->tone != TONE_NONE)
        add_cp(sb, tones[l->tone]);
}

/* 1 if TCVN3 text [p, end) shows it is in capitals (text.h): no ASCII
 * lower case, and a word with a lower-case-position letter and a capital
 * after its first letter. */
static int tcvn3_capitals(const unsigned char *p, const unsigned char *end)
{
    for (const unsigned char *q = p; q < end; q++)
        if (*q >= 'a' && *q <= 'z')
            return 0;
    const unsigned char *w, *we;
    while (next_word(&p, end, &w, &we)) {
        int idx = 0, lower = 0, late_capital = 0;
        size_t n;
        for (; w < we; w += n) {
            int32_t cp = cp_at(w, we, &n);
            int capital = ascii_letter(cp);
            if (cp >= 0xA1 && cp <= 0xFE && tcvn3_table[cp - 0xA1].base) {
                capital = tcvn3_table[cp - 0xA1].upper;
                lower |= !capital;
            }
            late_capital |= capital && idx > 0;
            idx++;
        }
        if (lower && late_capital)
            return 1;
    }
    return 0;
}

/* Converts the word [p, end) read under h into sb; 0 on a character the
 * reading cannot take. */
static int convert_word(bc_strbuf *sb, int h, const unsigned char *p,
                        const unsigned char *end, int capitals)
{
    if (capitals) {
        /* words of one letter stay as typed (text.h) */
        size_t n, letters = 0;
        for (const unsigned char *q = p; q < end; q += n) {
            cp_at(q, end, &n);
            letters++;
        }
        capitals = letters >= 2;
    }
    while (p < end) {
        const unsigned char *q = p;
        vn_letter l;
        int legacy = 0;
        int r = read_letter(h, &p, end, &l, &legacy);
        if (r == RD_JUNK)
            return 0;
        if (r == RD_SYMBOL) {
            size_t n;
            cp_at(p, end, &n);
            sb_add(sb, (const char *)p, n);
            p += n;
        } else if (!legacy) {
            sb_add(sb, (const char *)q, (size_t)(p - q));
        } else {
            add_letter(sb, &l, l.upper || capitals);
        }
    }
    return 1;
}

char *text_legacy_convert(const char *s, text_legacy enc)
{
    bc_strbuf sb = BC_STRBUF_INIT;
    char *r = NULL;
    size_t len;
    if (!utf8_arg(s, &len))
        return NULL;
    if (enc == TEXT_LEGACY_NONE)
        return text_nfc(s);
    if (enc != TEXT_LEGACY_TCVN3 && enc != TEXT_LEGACY_VNI)
        return NULL;
    int h = enc == TEXT_LEGACY_TCVN3 ? HYP_TCVN3 : HYP_VNI;
    const unsigned char *p = (const unsigned char *)s, *end = p + len;
    int capitals = h == HYP_TCVN3 && tcvn3_capitals(p, end);
    size_t n;
    while (p < end) {
        int32_t cp = cp_at(p, end, &n);
        if (!word_char(cp)) {
            sb_add(&sb, (const char *)p, n);
            p += n;
            continue;
        }
        const unsigned char *we = word_end(p, end);
        if (!convert_word(&sb, h, p, we, capitals))
            goto done;
        p = we;
    }
    if (!sb.failed)
        r = text_nfc(sb_str(&sb));
done:
    sb_release(&sb);
    return r;
}

const char *text_legacy_name(text_legacy enc)
{
    switch (enc) {
    case TEXT_LEGACY_NONE:
        return "Unicode";
    case TEXT_LEGACY_TCVN3:
        return "TCVN3";
    case TEXT_LEGACY_VNI:
        return "VNI";
    case TEXT_LEGACY_UNSURE:
        return "không rõ";
    }
    return "?";
}
