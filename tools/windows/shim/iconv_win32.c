/* iconv_win32.c - iconv(3) to UTF-8 over the Windows code page API, for
 * FreeXL in the Windows build (see iconv.h and docs/windows.md).
 *
 * A converter is a Windows code page number (or 1200 for UTF-16LE).  A
 * call converts the input at once: to UTF-16 first (MultiByteToWideChar
 * with MB_ERR_INVALID_CHARS, or the bytes themselves for UTF-16LE), then
 * to UTF-8 (WideCharToMultiByte with WC_ERR_INVALID_CHARS), so an invalid
 * sequence fails the whole call with EILSEQ as glibc's iconv fails it.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

#include "iconv.h"
#include "localcharset.h"

#define CP_UTF16LE 1200u

static const struct {
    const char *name;
    unsigned cp;
} names[] = {
    {"ASCII", 20127},     {"US-ASCII", 20127}, {"UTF-8", CP_UTF8},
    {"UTF-16LE", CP_UTF16LE}, {"MACROMAN", 10000}, {"MACINTOSH", 10000},
    {"ISO-8859-1", 28591}, {"LATIN1", 28591},
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

iconv_t iconv_open(const char *to, const char *from)
{
    unsigned cp = (to && from && code_page(to) == CP_UTF8) ? code_page(from) : 0;
    if (!cp) {
        errno = EINVAL;
        return (iconv_t)-1;
    }
    unsigned *c = malloc(sizeof *c);
    if (!c) {
        errno = ENOMEM;
        return (iconv_t)-1;
    }
    *c = cp;
    return c;
}

int iconv_close(iconv_t cd)
{
    if (cd == (iconv_t)-1)
        return -1;
    free(cd);
    return 0;
}

size_t iconv(iconv_t cd, char **in, size_t *inleft, char **out, size_t *outleft)
{
    if (cd == (iconv_t)-1 || !cd) {
        errno = EBADF;
        return (size_t)-1;
    }
    if (!in || !*in || !*inleft)
        return 0; /* no shift state to reset */
    unsigned cp = *(unsigned *)cd;
    size_t n = *inleft;
    if (n > 0x3fffffff) {
        errno = E2BIG;
        return (size_t)-1;
    }
    wchar_t *w = NULL;
    int wn;
    if (cp == CP_UTF16LE) {
        if (n % 2) {
            errno = EINVAL;
            return (size_t)-1;
        }
        wn = (int)(n / 2);
        w = malloc((size_t)wn * sizeof *w + 1);
        if (!w) {
            errno = ENOMEM;
            return (size_t)-1;
        }
        for (int i = 0; i < wn; i++)
            w[i] = (wchar_t)((unsigned char)(*in)[2 * i] |
                             ((unsigned char)(*in)[2 * i + 1] << 8));
    } else {
        DWORD flags = MB_ERR_INVALID_CHARS;
        wn = MultiByteToWideChar(cp, flags, *in, (int)n, NULL, 0);
        if (wn <= 0) {
            errno = EILSEQ;
            return (size_t)-1;
        }
        w = malloc((size_t)wn * sizeof *w);
        if (!w) {
            errno = ENOMEM;
            return (size_t)-1;
        }
        MultiByteToWideChar(cp, flags, *in, (int)n, w, wn);
    }
    int un = wn ? WideCharToMultiByte(CP_UTF8, WC_ERR_INVALID_CHARS, w, wn,
                                      NULL, 0, NULL, NULL) : 0;
    if (wn && un <= 0) {
        free(w);
        errno = EILSEQ;
        return (size_t)-1;
    }
    if ((size_t)un > *outleft) {
        free(w);
        errno = E2BIG;
        return (size_t)-1;
    }
    if (un)
        WideCharToMultiByte(CP_UTF8, WC_ERR_INVALID_CHARS, w, wn, *out, un,
                            NULL, NULL);
    free(w);
    *in += n;
    *inleft = 0;
    *out += un;
    *outleft -= (size_t)un;
    return 0;
}

const char *locale_charset(void)
{
    return "UTF-8";
}
