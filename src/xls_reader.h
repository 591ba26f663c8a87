/* xls_reader.h - a defensive reader of Excel 97-2003 workbooks (.xls).
 *
 * The old binary format (BIFF8 records inside an OLE compound file) is
 * read with FreeXL (libfreexl 1.0.6), and handed out cell by cell exactly
 * as the .xlsx reader does (xlsx_reader.h: the same xlsx_cell, the same
 * callback, "Sheet!C7" places), so that book.h can treat both formats
 * alike.
 *
 * FreeXL alone is not enough, and it is not safe on hostile input, so the
 * file is first read into memory and its records are scanned here:
 *   - the scan refuses, before FreeXL ever sees the file: anything that is
 *     not an OLE compound file holding a BIFF8 (Excel 97-2003) workbook
 *     stream; encrypted or password-protected books (FILEPASS); records
 *     longer than BIFF8 allows or too short for their fields (FreeXL
 *     copies them into fixed buffers); strings longer than their record;
 *     sheets claiming more than 65536 rows x 256 columns, and books
 *     claiming more than XLS_MAX_CELLS cells in all (FreeXL allocates
 *     every claimed cell at once); more than XLS_MAX_XF cell formats
 *     (FreeXL's table); cells outside their sheet's declared range; and
 *     date cells beyond XLS_MAX_DATE_SERIAL or summing to more than
 *     XLS_MAX_DATE_DAYS (FreeXL counts dates up one day at a time);
 *   - the scan supplies what FreeXL does not give: the state of each
 *     sheet (hidden, very hidden), the cached values of formula cells
 *     (FreeXL drops formula cells altogether) and the true type of
 *     BOOLERR cells (FreeXL turns TRUE, FALSE and error constants such as
 *     #N/A all into the integers 1 and 0).
 *   - the scan also keeps what FreeXL ignores: the text of RSTRING cells
 *     (rich text, as Gnumeric writes it), merged ranges (MERGEDCELLS) and
 *     hidden columns (COLINFO).
 *
 * Problems become findings in the bc_diag sink, in Vietnamese, naming the
 * file and, for cells, "Sheet!C7"; the codes are those of the .xlsx
 * reader:
 *   XLSX-READ   not an .xls workbook, empty, truncated, damaged,
 *               encrypted, an older Excel (5.0/95) book, or refused by
 *               FreeXL
 *   XLSX-LIMIT  a safety limit above was reached
 *   XLSX-CELL   a cell cannot be read (text that is not UTF-8, a number
 *               that is not finite, a date FreeXL writes oddly, an
 *               unknown error code)
 * Nothing here prints or exits.  Not thread-safe per book (FreeXL has one
 * active sheet per handle); distinct books may be read by distinct
 * threads.
 */
#ifndef BC_XLS_READER_H
#define BC_XLS_READER_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "status.h"
#include "xlsx_reader.h"

/* Files larger than this are refused before anything else is read. */
#define XLS_MAX_FILE_BYTES ((size_t)32 << 20)

/* Sheet limits of Excel 97-2003: IV65536 is the last cell. */
#define XLS_MAX_ROW 65536u
#define XLS_MAX_COL 256u

/* Cells claimed by the sheets' DIMENSIONS records (or their extent when
 * they have none), summed over the book: FreeXL allocates 16 bytes for
 * each when it opens the file. */
#define XLS_MAX_CELLS ((uint64_t)4 << 20)

/* Sheets listed by one book (as XLSX_MAX_SHEETS). */
#define XLS_MAX_SHEETS 4096u

/* Cell formats (XF records): FreeXL keeps a table of 8192. */
#define XLS_MAX_XF 8192u

/* The largest date serial accepted in a cell FreeXL treats as a date
 * (31/12/9999), and the sum of all such serials in a book: FreeXL walks
 * from 1900 one day at a time for every date cell. */
#define XLS_MAX_DATE_SERIAL 2958465.0
#define XLS_MAX_DATE_DAYS ((uint64_t)1 << 30)

typedef struct xls_book xls_book;

/* Opens the workbook at path read-only: reads the file once (at most
 * XLS_MAX_FILE_BYTES) and scans its records, then has FreeXL read every
 * sheet into memory from a private copy of those same bytes (an
 * anonymous memory file, else a temporary file in $TMPDIR or /tmp removed
 * at once), so a file changed meanwhile cannot bypass the scan; the copy
 * is held until xls_close.  Findings go to d with path as the file.
 * On success *out is a book to close with xls_close; on failure *out is
 * NULL and the status is BC_ERR_IO (cannot be read), BC_ERR_PARSE
 * (not an .xls workbook, empty, truncated, damaged, refused by FreeXL),
 * BC_ERR_INVALID (encrypted, or an Excel 5.0/95 book), BC_ERR_LIMIT or
 * BC_ERR_NOMEM, always with an XLSX-READ or XLSX-LIMIT finding except for
 * BC_ERR_NOMEM.  d must not be NULL and must outlive the book. */
bc_status xls_open(const char *path, bc_diag *d, xls_book **out);

/* Closes the FreeXL handle and frees everything; accepts NULL. */
void xls_close(xls_book *b);

/* The sheets in workbook order (every BOUNDSHEET: worksheets, and also
 * chart or macro sheets, which hold no cells here); 0 for NULL. */
size_t xls_sheet_count(const xls_book *b);

/* The sheet's name in UTF-8 as FreeXL gives it (checked to be valid
 * UTF-8); NULL if i is out of range.  Borrowed, lives as long as the
 * book. */
const char *xls_sheet_name(const xls_book *b, size_t i);

/* The sheet's state as its BOUNDSHEET record says; visible when i is out
 * of range. */
xlsx_sheet_state xls_sheet_state_of(const xls_book *b, size_t i);

/* 1 if the workbook uses the 1904 date system (its DATEMODE record). */
int xls_date1904(const xls_book *b);

/* Streams every non-empty cell of sheet `sheet` to cb, row by row and
 * left to right, with the xlsx_sheet_rows contract:
 *   row and col 1-based, ref "C7", place "Sheet!C7";
 *   NUMBER: number is the value, text its shortest exact decimal form
 *     ("1200", "177.6", "0.1"; printf %.15g, more digits only when needed
 *     to give the same double back);
 *   STRING: text as FreeXL converts it to UTF-8;
 *   DATE: a number FreeXL shows as a date, date or time of day (see
 *     below): number is the Excel serial, text that serial as for NUMBER,
 *     date the day (xlsx_serial_date);
 *   BOOLEAN: text "1" or "0", number 1 or 0;
 *   ERROR: text "#N/A", "#DIV/0!", ...;
 *   formula cells (formula = 1) carry their cached result as one of the
 *     types above, or EMPTY (text "") when the file holds none.
 * FreeXL writes dates as text without the serial; the serial is computed
 * back from it, so a date cell keeps only the whole day, a date-time cell
 * its time to the second, and a time cell loses its day (number < 1).
 * A cell that cannot be read gets an XLSX-CELL error finding and is
 * skipped; the sheet is still read to its end and the call then returns
 * BC_ERR_INVALID.  BC_ERR_NOMEM when memory runs out, BC_ERR_PARSE (with
 * an XLSX-READ finding) when FreeXL cannot select the sheet, BC_ERR_USAGE
 * when sheet is out of range (no finding).  BC_OK when the callback
 * stopped the sheet. */
bc_status xls_sheet_rows(xls_book *b, size_t sheet, xlsx_cell_fn cb,
                         void *ctx);

/* As xlsx_set_diag. */
bc_diag *xls_set_diag(xls_book *b, bc_diag *d);

/* The merged ranges of a sheet (MERGEDCELLS records), 1-based, in file
 * order; *out borrowed until xls_close, *n may be 0.  BC_ERR_USAGE when
 * sheet is out of range. */
bc_status xls_sheet_merges(const xls_book *b, size_t sheet,
                           const xlsx_range **out, size_t *n);

/* 1 if column col (1-based) of the sheet is hidden (a COLINFO record);
 * 0 otherwise or when sheet is out of range. */
int xls_col_hidden(const xls_book *b, size_t sheet, uint32_t col);

#endif
