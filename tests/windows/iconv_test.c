/* iconv_test.c - the iconv shim of the Windows build
 * (tools/windows/shim/iconv_win32.c) against what glibc's iconv does,
 * run under Wine by tests/windows/run.sh.  Prints "iconv: N passed, N
 * failed" and exits 1 on a failure. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "iconv.h"

static int passed, failed;

/* Converts in (n bytes) from `from` to `to` with an output of room bytes;
 * checks the result, errno, what was consumed and what was written. */
static void check(const char *what, const char *to, const char *from,
                  const char *in, size_t n, size_t room, size_t want_ret,
                  int want_errno, size_t want_used, const char *want_out,
                  size_t want_len)
{
    iconv_t cd = iconv_open(to, from);
    if (cd == (iconv_t)-1) {
        printf("iconv %s: iconv_open(%s, %s) failed\n", what, to, from);
        failed++;
        return;
    }
    char buf[64];
    char *ip = (char *)in, *op = buf;
    size_t il = n, ol = room;
    errno = 0;
    size_t r = iconv(cd, &ip, &il, &op, &ol);
    int e = errno;
    iconv_close(cd);
    size_t len = (size_t)(op - buf);
    if (r != want_ret || (want_ret == (size_t)-1 && e != want_errno) ||
        (size_t)(ip - in) != want_used || len != want_len ||
        memcmp(buf, want_out, len) != 0) {
        printf("iconv %s: ret %d errno %d used %u wrote %u\n", what, (int)r, e,
               (unsigned)(ip - in), (unsigned)len);
        failed++;
        return;
    }
    passed++;
}

int main(void)
{
    const size_t E = (size_t)-1;
    check("cp1252 euro", "UTF-8", "CP1252", "a\x80", 2, 64, 0, 0, 2, "a\xE2\x82\xAC", 4);
    check("windows-1252 undefined 0x81", "UTF-8", "WINDOWS-1252", "a\x81", 2, 64, E, EILSEQ, 1, "a", 1);
    check("cp1258 o-horn", "UTF-8", "CP1258", "\xF5", 1, 64, 0, 0, 1, "\xC6\xA1", 2);
    check("iso-8859-1 C1", "UTF-8", "ISO-8859-1", "\x81", 1, 64, 0, 0, 1, "\xC2\x81", 2);
    check("utf-16le pair", "UTF-8", "UTF-16LE", "\x3D\xD8\x00\xDE", 4, 64, 0, 0, 4, "\xF0\x9F\x98\x80", 4);
    check("utf-16le half", "UTF-8", "UTF-16LE", "A\x00\x3D\xD8", 4, 64, E, EINVAL, 2, "A", 1);
    check("utf-16le lone low", "UTF-8", "UTF-16LE", "\x00\xDC", 2, 64, E, EILSEQ, 0, "", 0);
    check("output full", "UTF-8", "CP1252", "ab\x80", 3, 3, E, E2BIG, 2, "ab", 2);
    check("shift_jis two bytes", "UTF-8", "SHIFT_JIS", "\x82\xA0", 2, 64, 0, 0, 2, "\xE3\x81\x82", 3);
    check("shift_jis cut", "UTF-8", "SHIFT_JIS", "\x82", 1, 64, E, EINVAL, 0, "", 0);
    check("to cp1252", "CP1252", "UTF-8", "\xE2\x82\xAC", 3, 64, 0, 0, 3, "\x80", 1);
    check("to cp1252 missing", "CP1252", "UTF-8", "x\xE1\xBB\xAF", 4, 64, E, EILSEQ, 1, "x", 1);
    check("to cp1252 C1", "CP1252", "UTF-8", "\xC2\x81", 2, 64, E, EILSEQ, 0, "", 0);
    check("to utf-16le", "UTF-16LE", "UTF-8", "\xC6\xA1", 2, 64, 0, 0, 2, "\xA1\x01", 2);
    check("bad utf-8 in", "CP1252", "UTF-8", "\xC0\x80", 2, 64, E, EILSEQ, 0, "", 0);
    if (iconv_open("CP1252", "CP1258") != (iconv_t)-1 || errno != EINVAL) {
        printf("iconv: a converter without UTF-8 was opened\n");
        failed++;
    } else {
        passed++;
    }
    printf("iconv: %d passed, %d failed\n", passed, failed);
    return failed != 0;
}
