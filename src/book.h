/* book.h - one workbook, whatever its format: .xlsx or old .xls.
 *
 * The workbook readers (xlsx_reader.h over libzip + libxml2's SAX2 parser,
 * xls_reader.h over FreeXL) both hand out cells as xlsx_cell through the
 * same callback; this is the one interface the mapping onto the canonical
 * submission (ingest_xlsx.c) and the annotated copies (annotate.c) use,
 * so neither knows which format it reads.
 *
 * Inputs are untrusted; every problem becomes a finding in the sink
 * given to book_open, naming the file and, for cells, "Sheet!C7".
 * Nothing here prints or exits.
 */
#ifndef BC_BOOK_H
#define BC_BOOK_H

#include <stddef.h>

#include "diag.h"
#include "status.h"
#include "xlsx_reader.h"

typedef enum book_format {
    BOOK_XLSX = 0, /* Office Open XML (Excel 2007 and later) */
    BOOK_XLS       /* BIFF (Excel 97-2003), read with FreeXL */
} book_format;

typedef struct bc_book bc_book;

/* Opens the workbook at path read-only, choosing the reader by the
 * extension (.xls -> FreeXL, anything else -> the .xlsx reader).
 * Findings go to d (which must outlive the book).  On success *out is a
 * book to close with book_close; on failure *out is NULL and the status
 * is that of the reader (BC_ERR_IO, BC_ERR_PARSE, BC_ERR_INVALID,
 * BC_ERR_LIMIT, BC_ERR_NOMEM). */
bc_status book_open(const char *path, bc_diag *d, bc_book **out);

/* Closes the book and frees everything; accepts NULL. */
void book_close(bc_book *b);

book_format book_format_of(const bc_book *b);

/* As the xlsx_* functions of the same names (xlsx_reader.h): sheets in
 * workbook order, names borrowed for the life of the book. */
size_t book_sheet_count(const bc_book *b);
const char *book_sheet_name(const bc_book *b, size_t i);
xlsx_sheet_state book_sheet_state(const bc_book *b, size_t i);
int book_date1904(const bc_book *b);

/* Streams the non-empty cells of one sheet, row by row, to cb
 * (xlsx_sheet_rows has the contract; the .xls reader keeps it). */
bc_status book_sheet_rows(bc_book *b, size_t sheet, xlsx_cell_fn cb,
                          void *ctx);

/* book_sheet_rows without any finding: a first look at a sheet that a
 * later book_sheet_rows pass reads and reports (a cell that cannot be
 * read is skipped unseen).  A complete pass records the merged ranges
 * of an .xlsx sheet, so book_sheet_merges then reads nothing more. */
bc_status book_sheet_prescan(bc_book *b, size_t sheet, xlsx_cell_fn cb,
                             void *ctx);

/* The merged ranges of a sheet (xlsx_sheet_merges, xls_sheet_merges). */
bc_status book_sheet_merges(bc_book *b, size_t sheet,
                            const xlsx_range **out, size_t *n);

/* The dropdowns (list validations) of a sheet, as the last complete
 * book_sheet_rows pass recorded them (xlsx_sheet_dropdowns); an .xls
 * book reports none. */
void book_sheet_dropdowns(const bc_book *b, size_t sheet,
                          const xlsx_dropdown **out, size_t *n);

/* 1 if column col (1-based) of the sheet is hidden.  An .xls book knows
 * it from the start; an .xlsx book once a pass of book_sheet_rows over
 * the sheet has begun handing out its cells (xlsx_col_hidden). */
int book_col_hidden(const bc_book *b, size_t sheet, uint32_t col);

#endif
