/* fuzz_book.h - what the workbook harnesses (fuzz_xlsx, fuzz_xls) share:
 * the file ingest_xlsx is given the input in, and the contract every cell
 * handed out by a workbook reader must keep (xlsx_reader.h; the .xls
 * reader keeps the same): row and column in the sheet's range, ref and
 * place agreeing with them, text never NULL and valid UTF-8, booleans
 * "1"/"0", numbers never NaN.  Define _GNU_SOURCE (memfd_create) before
 * any include, and include this after fuzz_common.h.
 */
#ifndef BC_FUZZ_BOOK_H
#define BC_FUZZ_BOOK_H

#include <fcntl.h>
#include <sys/mman.h>

#include "xlsx_reader.h"

/* The file ingest_xlsx reads (it takes a path): its path and an open
 * descriptor, made once per process and rewritten for every input. */
static char fuzz_path[4200];
static int fuzz_fd = -1;
static int fuzz_path_is_tmp;

static void fuzz_file_close(void)
{
    if (fuzz_fd >= 0)
        close(fuzz_fd);
    if (fuzz_path_is_tmp)
        unlink(fuzz_path);
    fuzz_fd = -1;
}

/* Makes the file: an anonymous memory file when memfd is 1 (its path
 * /proc/self/fd/N has no extension, which the readers take as .xlsx),
 * else a temporary file fuzz-EXT-XXXXXX.EXT in $TMPDIR or /tmp, removed at
 * exit. */
static void fuzz_file_open(const char *ext, int memfd)
{
    fuzz_fd = memfd ? memfd_create("fuzz-book", MFD_CLOEXEC) : -1;
    if (fuzz_fd >= 0) {
        snprintf(fuzz_path, sizeof fuzz_path, "/proc/self/fd/%d", fuzz_fd);
        if (access(fuzz_path, R_OK) == 0) {
            atexit(fuzz_file_close);
            return;
        }
        close(fuzz_fd);
    }
    const char *dir = getenv("TMPDIR");
    snprintf(fuzz_path, sizeof fuzz_path, "%s/fuzz-%s-XXXXXX.%s",
             dir && *dir ? dir : "/tmp", ext, ext);
    fuzz_fd = mkstemps(fuzz_path, (int)strlen(ext) + 1);
    if (fuzz_fd < 0) {
        perror("fuzz: temporary file");
        abort();
    }
    fuzz_path_is_tmp = 1;
    atexit(fuzz_file_close);
}

/* Replaces the file's contents with data[0..size). */
static void fuzz_file_write(const uint8_t *data, size_t size)
{
    if (ftruncate(fuzz_fd, 0) != 0)
        abort();
    size_t off = 0;
    while (off < size) {
        ssize_t w = pwrite(fuzz_fd, data + off, size - off, (off_t)off);
        if (w <= 0)
            abort();
        off += (size_t)w;
    }
}

/* What on_cell is given: the sheet's name and the format's last cell;
 * n counts the cells seen. */
typedef struct cells {
    const char *sheet;
    uint32_t max_row, max_col;
    size_t n;
} cells;

static int on_cell(const xlsx_cell *c, void *ctx)
{
    cells *k = ctx;
    char ref[XLSX_REF_BUF];
    fuzz_check(c->row >= 1 && c->row <= k->max_row);
    fuzz_check(c->col >= 1 && c->col <= k->max_col);
    fuzz_check(xlsx_ref_format(c->row, c->col, ref) &&
               strcmp(ref, c->ref) == 0);
    size_t sl = strlen(k->sheet);
    fuzz_check(strncmp(c->place, k->sheet, sl) == 0 && c->place[sl] == '!' &&
               strcmp(c->place + sl + 1, c->ref) == 0);
    fuzz_check(c->text != NULL);
    fuzz_check(text_utf8_valid(c->text, strlen(c->text)));
    fuzz_check(c->type != XLSX_CELL_EMPTY || c->text[0] == '\0');
    fuzz_check(c->type != XLSX_CELL_BOOLEAN ||
               (strcmp(c->text, "1") == 0 && c->number == 1.0) ||
               (strcmp(c->text, "0") == 0 && c->number == 0.0));
    fuzz_check((c->type != XLSX_CELL_NUMBER && c->type != XLSX_CELL_DATE) ||
               c->number == c->number); /* never NaN */
    k->n++;
    return 0;
}

#endif
