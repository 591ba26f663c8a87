/* book.c - dispatch to the reader of the workbook's format. */
#include "book.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

struct bc_book {
    book_format format;
    xlsx_book *x;
};

bc_status book_open(const char *path, bc_diag *d, bc_book **out)
{
    *out = NULL;
    bc_book *b = calloc(1, sizeof *b);
    if (!b)
        return BC_ERR_NOMEM;
    char ext[8];
    bc_file_ext(path, ext, sizeof ext);
    bc_status st;
    if (strcmp(ext, "xls") == 0) {
        bc_loc at = {path, 0, NULL};
        diag_add(d, BC_SEV_ERROR, "INGEST-FORMAT", &at, ext,
                 "tệp .xml hoặc .xlsx theo mẫu báo cáo",
                 "chưa hỗ trợ đọc tệp bảng tính .%s trong phiên bản này; "
                 "hãy lưu lại dạng .xlsx (Excel 2007 trở lên) hoặc nộp "
                 "tệp XML",
                 ext);
        st = BC_ERR_INVALID;
    } else {
        b->format = BOOK_XLSX;
        st = xlsx_open(path, d, &b->x);
    }
    if (st != BC_OK) {
        book_close(b);
        return st;
    }
    *out = b;
    return BC_OK;
}

void book_close(bc_book *b)
{
    if (!b)
        return;
    xlsx_close(b->x);
    free(b);
}

book_format book_format_of(const bc_book *b)
{
    return b->format;
}

size_t book_sheet_count(const bc_book *b)
{
    return xlsx_sheet_count(b->x);
}

const char *book_sheet_name(const bc_book *b, size_t i)
{
    return xlsx_sheet_name(b->x, i);
}

xlsx_sheet_state book_sheet_state(const bc_book *b, size_t i)
{
    return xlsx_sheet_state_of(b->x, i);
}

int book_date1904(const bc_book *b)
{
    return xlsx_date1904(b->x);
}

bc_status book_sheet_rows(bc_book *b, size_t sheet, xlsx_cell_fn cb,
                          void *ctx)
{
    return xlsx_sheet_rows(b->x, sheet, cb, ctx);
}

bc_status book_sheet_merges(bc_book *b, size_t sheet,
                            const xlsx_range **out, size_t *n)
{
    return xlsx_sheet_merges(b->x, sheet, out, n);
}
