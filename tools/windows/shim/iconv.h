/* iconv.h - iconv(3) for the Windows build only, which has none.
 *
 * FreeXL 1.0.6 converts the strings of an .xls workbook from its code page
 * (CP1252, CP1258, UTF-16LE, ...) to UTF-8 with it; libxml2 reads XML
 * declared in an encoding it does not know itself (windows-1258, say)
 * through it, as Debian's libxml2 does through glibc.  iconv_win32.c does
 * it with MultiByteToWideChar and WideCharToMultiByte.  One side of every
 * converter is UTF-8.
 */
#ifndef BC_SHIM_ICONV_H
#define BC_SHIM_ICONV_H

#include <stddef.h>

typedef void *iconv_t;

/* (iconv_t)-1 with errno EINVAL when neither side is UTF-8 or a name has
 * no Windows code page. */
iconv_t iconv_open(const char *to, const char *from);
/* Converts all of *in or stops at the first invalid or incomplete
 * sequence ((size_t)-1, errno EILSEQ or EINVAL) or when *out is full
 * ((size_t)-1, errno E2BIG); the pointers and counts advance past what
 * was converted.  Returns 0 on success. */
size_t iconv(iconv_t cd, char **in, size_t *inleft, char **out,
             size_t *outleft);
int iconv_close(iconv_t cd);

#endif
