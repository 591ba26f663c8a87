/* iconv_win32.c - iconv(3) over the Windows code page API, for FreeXL and
 * libxml2 in the Windows build (see iconv.h and docs/windows.md).
 *
 * A converter goes from a Windows code page (a name such as "CP1252",
 * "WINDOWS-1258", "ISO-8859-2", "UTF-16LE", "SHIFT_JIS") to UTF-8, or from
 * UTF-8 to one.  It converts one character at a time, as glibc's iconv
 * does for a stream: it stops at an incomplete character at the end of the
 * input (EINVAL), an invalid one (EILSEQ: MB_ERR_INVALID_CHARS; towards a
 * code page, a character it lacks, never a best-fit guess) or a full
 * output (E2BIG), with the pointers past what was converted.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

#include "iconv.h"
#include "localcharset.h"

#define CP_UTF16LE 1200u
#define CP_UTF16BE 1201u

static const struct {
    const char *name;
    unsigned cp;
} names[] = {
    {"ASCII", 20127},     {"US-ASCII", 20127}, {"UTF-8", CP_UTF8},
    {"UTF8", CP_UTF8},    {"UTF-16LE", CP_UTF16LE}, {"UTF-16BE", CP_UTF16BE},
    {"MACROMAN", 10000},  {"MACINTOSH", 10000}, {"LATIN1", 28591},
    {"ISO-8859-1", 28591}, {"ISO-8859-2", 28592}, {"ISO-8859-3", 28593},
    {"ISO-8859-4", 28594}, {"ISO-8859-5", 28595}, {"ISO-8859-6", 28596},
    {"ISO-8859-7", 28597}, {"ISO-8859-8", 28598}, {"ISO-8859-9", 28599},
    {"ISO-8859-13", 28603}, {"ISO-8859-15", 28605}, {"KOI8-R", 20866},
    {"KOI8-U", 21866},    {"SHIFT_JIS", 932},  {"SJIS", 932},
    {"GB2312", 936},      {"GBK", 936},        {"BIG5", 950},
    {"EUC-KR", 949},
};

static char upper(char c)
{
    return (c >= 'a' && c <= 'z') ? (char)(c - 'a' + 'A') : c;
}

/* the rest of name after prefix (ASCII case ignored), NULL when it does
 * not start with it */
static const char *after(const char *name, const char *prefix)
{
    for (; *prefix; name++, prefix++)
        if (upper(*name) != *prefix)
            return NULL;
    return name;
}

static int same_name(const char *a, const char *b)
{
    const char *rest = after(a, b);
    return rest && !*rest;
}

/* "CP1252", "WINDOWS-1252" -> 1252; 0 when unknown */
static unsigned code_page(const char *name)
{
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (same_name(name, names[i].name))
            return names[i].cp;
    const char *digits = after(name, "CP");
    if (!digits)
        digits = after(name, "WINDOWS-");
    if (!digits || !*digits)
        return 0;
    unsigned cp = 0;
    for (const char *p = digits; *p; p++) {
        if (*p < '0' || *p > '9' || cp > 100000)
            return 0;
        cp = cp * 10 + (unsigned)(*p - '0');
    }
    return IsValidCodePage(cp) ? cp : 0;
}

/* A converter: Windows code page `cp` to UTF-8 (to_utf8) or back. */
typedef struct {
    unsigned cp;
    int to_utf8;
    int dbcs; /* cp has two-byte characters (IsDBCSLeadByteEx) */
} conv;

iconv_t iconv_open(const char *to, const char *from)
{
    unsigned t = to ? code_page(to) : 0, f = from ? code_page(from) : 0;
    if (!t || !f || (t != CP_UTF8 && f != CP_UTF8)) {
        errno = EINVAL;
        return (iconv_t)-1;
    }
    conv *c = calloc(1, sizeof *c);
    if (!c) {
        errno = ENOMEM;
        return (iconv_t)-1;
    }
    c->to_utf8 = t == CP_UTF8;
    c->cp = c->to_utf8 ? f : t;
    CPINFO info;
    c->dbcs = c->cp != CP_UTF8 && c->cp != CP_UTF16LE && c->cp != CP_UTF16BE &&
              GetCPInfo(c->cp, &info) && info.MaxCharSize == 2;
    return c;
}

int iconv_close(iconv_t cd)
{
    if (cd == (iconv_t)-1)
        return -1;
    free(cd);
    return 0;
}

/* One UTF-8 sequence at s (n bytes available): its length, 0 when more
 * bytes are needed, -1 when invalid; *cp its code point. */
static int utf8_in(const unsigned char *s, size_t n, unsigned *cp)
{
    unsigned c = s[0];
    int len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3
            : (c & 0xF8) == 0xF0 ? 4 : -1;
    if (len < 0)
        return -1;
    unsigned v = len == 1 ? c : c & (0x7F >> len);
    for (int i = 1; i < len; i++) {
        if ((size_t)i >= n)
            return 0;
        if ((s[i] & 0xC0) != 0x80)
            return -1;
        v = (v << 6) | (s[i] & 0x3F);
    }
    static const unsigned min[] = {0, 0, 0x80, 0x800, 0x10000};
    if (v < min[len] || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return -1;
    *cp = v;
    return len;
}

/* Code point v as UTF-8 in u; its length. */
static int utf8_out(unsigned v, unsigned char *u)
{
    if (v < 0x80) {
        u[0] = (unsigned char)v;
        return 1;
    }
    if (v < 0x800) {
        u[0] = (unsigned char)(0xC0 | (v >> 6));
        u[1] = (unsigned char)(0x80 | (v & 0x3F));
        return 2;
    }
    if (v < 0x10000) {
        u[0] = (unsigned char)(0xE0 | (v >> 12));
        u[1] = (unsigned char)(0x80 | ((v >> 6) & 0x3F));
        u[2] = (unsigned char)(0x80 | (v & 0x3F));
        return 3;
    }
    u[0] = (unsigned char)(0xF0 | (v >> 18));
    u[1] = (unsigned char)(0x80 | ((v >> 12) & 0x3F));
    u[2] = (unsigned char)(0x80 | ((v >> 6) & 0x3F));
    u[3] = (unsigned char)(0x80 | (v & 0x3F));
    return 4;
}

/* 1 if v is a C1 control (0x80-0x9F) and c->cp one of the code pages 874
 * and 1250-1258, which have no such character: Windows maps their
 * undefined bytes (0x81 in CP1252) to the C1 control of the same number,
 * glibc refuses them, and so does this shim, both ways. */
static int undefined_c1(const conv *c, unsigned v)
{
    return v >= 0x80 && v <= 0x9F && (c->cp == 874 || (c->cp >= 1250 && c->cp <= 1258));
}

/* One character of code page c->cp at s (n bytes available) -> *v; its
 * length in bytes, 0 when more bytes are needed, -1 when invalid. */
static int cp_in(const conv *c, const unsigned char *s, size_t n, unsigned *v)
{
    if (c->cp == CP_UTF8)
        return utf8_in(s, n, v);
    if (c->cp == CP_UTF16LE || c->cp == CP_UTF16BE) {
        int le = c->cp == CP_UTF16LE;
        if (n < 2)
            return 0;
        unsigned u = le ? s[0] | (s[1] << 8) : (s[0] << 8) | s[1];
        if (u >= 0xDC00 && u <= 0xDFFF)
            return -1;
        if (u < 0xD800 || u > 0xDBFF) {
            *v = u;
            return 2;
        }
        if (n < 4)
            return 0;
        unsigned l = le ? s[2] | (s[3] << 8) : (s[2] << 8) | s[3];
        if (l < 0xDC00 || l > 0xDFFF)
            return -1;
        *v = 0x10000 + ((u - 0xD800) << 10) + (l - 0xDC00);
        return 4;
    }
    int len = (c->dbcs && IsDBCSLeadByteEx(c->cp, s[0])) ? 2 : 1;
    if ((size_t)len > n)
        return 0;
    wchar_t w[2];
    int wn = MultiByteToWideChar(c->cp, MB_ERR_INVALID_CHARS, (const char *)s, len, w, 2);
    if (wn == 1 && len == 1 && w[0] == s[0] && undefined_c1(c, s[0]))
        return -1;
    if (wn == 1 && !(w[0] >= 0xD800 && w[0] <= 0xDFFF))
        *v = w[0];
    else if (wn == 2 && w[0] >= 0xD800 && w[0] <= 0xDBFF)
        *v = 0x10000 + ((unsigned)(w[0] - 0xD800) << 10) + (unsigned)(w[1] - 0xDC00);
    else
        return -1;
    return len;
}

/* Code point v in code page c->cp into u (room for 8); its length, -1
 * when the code page has no such character (no best-fit guess). */
static int cp_out(const conv *c, unsigned v, unsigned char *u)
{
    if (c->cp == CP_UTF8)
        return utf8_out(v, u);
    if (undefined_c1(c, v))
        return -1;
    wchar_t w[2];
    int wn = 1;
    if (v >= 0x10000) {
        w[0] = (wchar_t)(0xD800 + ((v - 0x10000) >> 10));
        w[1] = (wchar_t)(0xDC00 + ((v - 0x10000) & 0x3FF));
        wn = 2;
    } else {
        w[0] = (wchar_t)v;
    }
    if (c->cp == CP_UTF16LE || c->cp == CP_UTF16BE) {
        for (int i = 0; i < wn; i++) {
            unsigned x = w[i];
            u[2 * i + (c->cp == CP_UTF16LE ? 0 : 1)] = (unsigned char)(x & 0xFF);
            u[2 * i + (c->cp == CP_UTF16LE ? 1 : 0)] = (unsigned char)(x >> 8);
        }
        return 2 * wn;
    }
    BOOL guessed = FALSE;
    int n = WideCharToMultiByte(c->cp, WC_NO_BEST_FIT_CHARS, w, wn, (char *)u, 8,
                                NULL, &guessed);
    return (n <= 0 || guessed) ? -1 : n;
}

size_t iconv(iconv_t cd, char **in, size_t *inleft, char **out, size_t *outleft)
{
    if (cd == (iconv_t)-1 || !cd) {
        errno = EBADF;
        return (size_t)-1;
    }
    if (!in || !*in)
        return 0; /* no shift state to reset */
    const conv *c = cd;
    while (*inleft) {
        const unsigned char *s = (const unsigned char *)*in;
        unsigned v = 0;
        int used = c->to_utf8 ? cp_in(c, s, *inleft, &v) : utf8_in(s, *inleft, &v);
        if (used <= 0) {
            errno = used == 0 ? EINVAL : EILSEQ;
            return (size_t)-1;
        }
        unsigned char u[8];
        int made = c->to_utf8 ? utf8_out(v, u) : cp_out(c, v, u);
        if (made < 0) {
            errno = EILSEQ;
            return (size_t)-1;
        }
        if ((size_t)made > *outleft) {
            errno = E2BIG;
            return (size_t)-1;
        }
        memcpy(*out, u, (size_t)made);
        *out += made;
        *outleft -= (size_t)made;
        *in += used;
        *inleft -= (size_t)used;
    }
    return 0;
}

const char *locale_charset(void)
{
    return "UTF-8";
}
