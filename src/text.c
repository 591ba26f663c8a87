/* text.c - Vietnamese text: UTF-8 validity, NFC, folding, numbers as typed.
 *
 * Normalisation and case folding are utf8proc's; the rest (trimming, the
 * number reader, the Vietnamese number printer) is plain byte work on
 * UTF-8.  Nothing here keeps state: every function is thread-safe.
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

char *text_nfc(const char *s)
{
    return map_utf8(s, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
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
    /* trailing spaces: scan forward, remembering where the last run began */
    const char *p = s, *run = NULL;
    while (p < end) {
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
    cut = bc_strndup(start, len);
    if (!cut)
        goto done;
    r = len ? text_nfc(cut) : bc_strdup("");
done:
    free(cut);
    return r;
}

char *text_fold(const char *s)
{
    bc_strbuf sb = BC_STRBUF_INIT;
    char *mapped = map_utf8(s, UTF8PROC_STABLE | UTF8PROC_COMPOSE |
                                   UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
                                   UTF8PROC_STRIPMARK);
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

    /* canonical form for money_parse */
    char buf[NUM_MAX_DIGITS + 4];
    size_t n = 0;
    if (neg)
        buf[n++] = '-';
    for (size_t i = 0; i < ng; i++) {
        if (dec >= 0 && i == (size_t)dec + 1)
            buf[n++] = '.';
        if (g[i].len > NUM_MAX_DIGITS - n)
            return TEXT_NUM_OVERFLOW;
        memcpy(buf + n, g[i].p, g[i].len);
        n += g[i].len;
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
