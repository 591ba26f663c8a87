/* book.c - dispatch to the reader of the workbook's format. */
#include "book.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "xls_reader.h"

struct bc_book {
    book_format format;
    xlsx_book *x; /* BOOK_XLSX */
    xls_book *s;  /* BOOK_XLS */
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
        b->format = BOOK_XLS;
        st = xls_open(path, d, &b->s);
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
    xls_close(b->s);
    free(b);
}

book_format book_format_of(const bc_book *b)
{
    return b->format;
}

size_t book_sheet_count(const bc_book *b)
{
    if (b->format == BOOK_XLS)
        return xls_sheet_count(b->s);
    return xlsx_sheet_count(b->x);
}

const char *book_sheet_name(const bc_book *b, size_t i)
{
    if (b->format == BOOK_XLS)
        return xls_sheet_name(b->s, i);
    return xlsx_sheet_name(b->x, i);
}

/* .xls: the state of the sheet's BOUNDSHEET record (read by the scan in
 * xls_reader.c; FreeXL itself does not tell it). */
xlsx_sheet_state book_sheet_state(const bc_book *b, size_t i)
{
    if (b->format == BOOK_XLS)
        return xls_sheet_state_of(b->s, i);
    return xlsx_sheet_state_of(b->x, i);
}

int book_date1904(const bc_book *b)
{
    if (b->format == BOOK_XLS)
        return xls_date1904(b->s);
    return xlsx_date1904(b->x);
}

bc_status book_sheet_rows(bc_book *b, size_t sheet, xlsx_cell_fn cb,
                          void *ctx)
{
    if (b->format == BOOK_XLS)
        return xls_sheet_rows(b->s, sheet, cb, ctx);
    return xlsx_sheet_rows(b->x, sheet, cb, ctx);
}

bc_status book_sheet_prescan(bc_book *b, size_t sheet, xlsx_cell_fn cb,
                             void *ctx)
{
    bc_diag *quiet = diag_new();
    if (!quiet)
        return BC_ERR_NOMEM;
    bc_diag *d = b->format == BOOK_XLS ? xls_set_diag(b->s, quiet)
                                       : xlsx_set_diag(b->x, quiet);
    bc_status st = book_sheet_rows(b, sheet, cb, ctx);
    if (b->format == BOOK_XLS)
        xls_set_diag(b->s, d);
    else
        xlsx_set_diag(b->x, d);
    diag_free(quiet);
    return st;
}

bc_status book_sheet_merges(bc_book *b, size_t sheet,
                            const xlsx_range **out, size_t *n)
{
    if (b->format == BOOK_XLS)
        return xls_sheet_merges(b->s, sheet, out, n);
    return xlsx_sheet_merges(b->x, sheet, out, n);
}

void book_sheet_dropdowns(const bc_book *b, size_t sheet,
                          const xlsx_dropdown **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    if (b->format == BOOK_XLSX)
        xlsx_sheet_dropdowns(b->x, sheet, out, n);
}

int book_col_hidden(const bc_book *b, size_t sheet, uint32_t col)
{
    if (b->format == BOOK_XLS)
        return xls_col_hidden(b->s, sheet, col);
    return xlsx_col_hidden(b->x, sheet, col);
}
