/* iconv.h - the part of iconv(3) FreeXL uses, for the Windows build only.
 *
 * Windows has no iconv.  FreeXL 1.0.6 converts the strings of an .xls
 * workbook from its code page (CP1252, CP1258, UTF-16LE, ...) to UTF-8
 * with iconv_open("UTF-8", FROM) and iconv() on whole strings; this shim
 * does the same with MultiByteToWideChar and WideCharToMultiByte
 * (iconv_win32.c).  Only conversions to UTF-8 are supported.
 */
#ifndef BC_SHIM_ICONV_H
#define BC_SHIM_ICONV_H

#include <stddef.h>

typedef void *iconv_t;

/* (iconv_t)-1 with errno EINVAL when `to` is not UTF-8 or `from` is a
 * name without a Windows code page. */
iconv_t iconv_open(const char *to, const char *from);
/* Converts all of *in or stops at the first invalid or incomplete
 * sequence ((size_t)-1, errno EILSEQ or EINVAL) or when *out is full
 * ((size_t)-1, errno E2BIG); the pointers and counts advance past what
 * was converted.  Returns 0 on success. */
size_t iconv(iconv_t cd, char **in, size_t *inleft, char **out,
             size_t *outleft);
int iconv_close(iconv_t cd);

#endif
