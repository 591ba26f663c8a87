/* xlsx_reader.h - a streaming, defensive reader of Excel workbooks (.xlsx).
 *
 * The low-level half of reading a unit's workbook: it opens the zip
 * archive (libzip, read-only), reads the workbook's small parts (sheet
 * list, relationships, shared strings, the styles needed to tell dates
 * from numbers) and then streams the cells of one sheet at a time through
 * a callback.  Every part is parsed with libxml2's SAX2 push parser fed
 * chunk by chunk from zip_fread: no node is ever built, no entry is
 * ever extracted to disk (names are only looked up), and every byte read
 * counts against the limits below.
 *
 * Inputs are untrusted.  Problems become findings in the bc_diag sink,
 * in Vietnamese, naming the file and, for cells, "Sheet!C7":
 *   XLSX-READ   not a zip / empty / truncated / a part is not XML
 *   XLSX-PART   a required part or a sheet's part is missing
 *   XLSX-LIMIT  a safety limit was reached (size, expansion ratio, the
 *               length of one value)
 *   XLSX-CELL   a cell cannot be read (bad reference, bad value, shared
 *               string index out of range)
 * Nothing here prints or exits.  Not thread-safe per book; distinct books
 * may be read by distinct threads.
 */
#ifndef BC_XLSX_READER_H
#define BC_XLSX_READER_H

#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "diag.h"
#include "status.h"

/* Sheet limits of Excel: XFD1048576 is the last cell. */
#define XLSX_MAX_ROW 1048576u
#define XLSX_MAX_COL 16384u

/* Safety limits.  Uncompressed bytes read from one entry, and from all
 * entries of one book together (a sheet read twice counts twice). */
#define XLSX_MAX_ENTRY_BYTES ((uint64_t)128 << 20)
#define XLSX_MAX_TOTAL_BYTES ((uint64_t)256 << 20)
/* While streaming an entry: more than RATIO x its compressed size plus
 * SLACK bytes is refused as a zip bomb. */
#define XLSX_MAX_RATIO 200u
#define XLSX_RATIO_SLACK ((uint64_t)1 << 20)
/* Sheets listed by one workbook; shared strings of one workbook. */
#define XLSX_MAX_SHEETS 4096u
#define XLSX_MAX_SHARED_STRINGS 16777216u
/* Bytes of one value: a shared string, a cell's <v> or inline string
 * (Excel keeps 32767 characters; libxml2's own cap on a text node when
 * it builds a tree). */
#define XLSX_MAX_TEXT_BYTES 10000000u

/* Size of a buffer that holds any cell reference ("XFD1048576"). */
#define XLSX_REF_BUF 12

typedef struct xlsx_book xlsx_book;

typedef enum xlsx_sheet_state {
    XLSX_SHEET_VISIBLE = 0,
    XLSX_SHEET_HIDDEN,
    XLSX_SHEET_VERY_HIDDEN
} xlsx_sheet_state;

typedef enum xlsx_cell_type {
    XLSX_CELL_EMPTY = 0, /* a formula without a cached value */
    XLSX_CELL_NUMBER,    /* text is the raw <v> ("1234.5", "1E-3") */
    XLSX_CELL_STRING,    /* shared, inline, or a formula's string result */
    XLSX_CELL_BOOLEAN,   /* text "1" or "0"; number 1 or 0 */
    XLSX_CELL_ERROR,     /* text "#N/A", "#DIV/0!", ... */
    XLSX_CELL_DATE       /* a number with a date style, or t="d" */
} xlsx_cell_type;

/* One cell as handed to the callback.  Every pointer is borrowed and
 * valid only during the call. */
typedef struct xlsx_cell {
    uint32_t row;        /* 1-based */
    uint32_t col;        /* 1-based (A = 1) */
    const char *ref;     /* "C7" */
    const char *place;   /* "Sheet!C7", for findings */
    xlsx_cell_type type;
    const char *text;    /* the value as text, never NULL ("" if EMPTY) */
    double number;       /* NUMBER, DATE (the serial) and BOOLEAN */
    bc_date date;        /* DATE: the day (time of day dropped); 0 when
                            the serial has no real day in 1900-2100
                            (serial 0, Excel's 1900-02-29, out of range) */
    int formula;         /* 1 if the cell holds a formula (value cached) */
    const char *numfmt;  /* NUMBER, DATE: the number format code of the
                            cell's style ("#,##0.000", "dd/mm/yyyy"), NULL
                            for General or when not known (.xls) */
    const char *ftext;   /* a formula's text ("SUM(B2:B3)", no '='), NULL
                            when none, when it is the follower of a shared
                            formula, an array formula, or longer than
                            XLSX_MAX_FORMULA bytes, and for .xls */
    int row_hidden;      /* 1 if the cell's row is hidden (<row
                            hidden="1">, an .xls ROW with its height 0
                            flag): the clerk does not see it */
} xlsx_cell;

/* The longest formula text handed out (Excel's limit, in characters). */
#define XLSX_MAX_FORMULA 8192u

/* Returns 0 to go on, nonzero to stop the sheet (xlsx_sheet_rows then
 * returns BC_OK). */
typedef int (*xlsx_cell_fn)(const xlsx_cell *cell, void *ctx);

/* A merged range, inclusive, 1-based. */
typedef struct xlsx_range {
    uint32_t first_row, first_col, last_row, last_col;
} xlsx_range;

/* A list validation of a sheet (a dropdown): the cells it applies to, as
 * the file lists them ("A2:A201 K2:K201"), and the source of its items
 * ("'_danh_muc'!$A$2:$A$9", or "\"a,b,c\"" typed in), without '='. */
typedef struct xlsx_dropdown {
    const char *sqref;
    const char *source;
} xlsx_dropdown;

/* Dropdowns kept per sheet, and the longest source kept (Excel's limit
 * for a list formula). */
#define XLSX_MAX_DROPDOWNS 4096u
#define XLSX_MAX_DROPDOWN_SOURCE 255u

/* Opens the workbook at path read-only and reads its sheet list,
 * relationships, shared strings and date styles.  Findings go to d with
 * path as the file.  On success *out is a book to close with xlsx_close;
 * on failure *out is NULL and the status is BC_ERR_IO (unreadable),
 * BC_ERR_PARSE (not a zip, empty, truncated, a part not XML),
 * BC_ERR_INVALID (a required part missing or malformed), BC_ERR_LIMIT or
 * BC_ERR_NOMEM.  d must not be NULL and must outlive the book. */
bc_status xlsx_open(const char *path, bc_diag *d, xlsx_book **out);

/* The same over a workbook in memory.  The buffer is borrowed: it must
 * stay unchanged until xlsx_close.  name is used in findings (copied). */
bc_status xlsx_open_memory(const void *data, size_t len, const char *name,
                           bc_diag *d, xlsx_book **out);

/* Closes the archive and frees everything; accepts NULL. */
void xlsx_close(xlsx_book *b);

/* The sheets in workbook order. */
size_t xlsx_sheet_count(const xlsx_book *b);
/* The sheet's name as the workbook spells it; NULL if i is out of range.
 * Borrowed, lives as long as the book. */
const char *xlsx_sheet_name(const xlsx_book *b, size_t i);
/* Visible when i is out of range. */
xlsx_sheet_state xlsx_sheet_state_of(const xlsx_book *b, size_t i);
/* The index of the sheet called name (exact bytes) in *idx; BC_ERR_INVALID
 * (no finding) when there is none. */
bc_status xlsx_sheet_find(const xlsx_book *b, const char *name, size_t *idx);
/* 1 if the workbook uses the 1904 date system. */
int xlsx_date1904(const xlsx_book *b);

/* Streams every non-empty cell of sheet `sheet` in file order (row by
 * row, left to right as Excel writes them) to cb.  A cell is passed when
 * it has a value (<v> or <is>) or a formula; styled blank cells are
 * skipped.  Cells without an r attribute take the column after the
 * previous cell, rows without r the row after the previous row.  The
 * merged ranges of the sheet are recorded on the way (xlsx_sheet_merges).
 * A cell that cannot be read gets an XLSX-CELL error finding and is
 * skipped; the sheet is still read to its end and the call then returns
 * BC_ERR_INVALID.  Other failures stop at once: BC_ERR_INVALID (sheet
 * part missing, XLSX-PART), BC_ERR_PARSE (XLSX-READ), BC_ERR_LIMIT
 * (XLSX-LIMIT), BC_ERR_NOMEM.  BC_ERR_USAGE when sheet is out of range
 * (no finding).  BC_OK when the callback stopped the sheet. */
bc_status xlsx_sheet_rows(xlsx_book *b, size_t sheet, xlsx_cell_fn cb,
                          void *ctx);

/* Makes d the sink of the book's findings from now on; returns the one
 * it replaces.  d must not be NULL and must outlive the book (or be
 * replaced again before it goes). */
bc_diag *xlsx_set_diag(xlsx_book *b, bc_diag *d);

/* The merged ranges of a sheet, in file order.  If a complete
 * xlsx_sheet_rows pass has not recorded them yet, reads the sheet once
 * (without callback; cell findings are then added as there).  *out is
 * borrowed (valid until xlsx_close); *n may be 0.  Errors as
 * xlsx_sheet_rows. */
bc_status xlsx_sheet_merges(xlsx_book *b, size_t sheet,
                            const xlsx_range **out, size_t *n);

/* 1 if column col (1-based) of the sheet is hidden (<col hidden="1">).
 * The columns are known once a pass of xlsx_sheet_rows has started
 * handing out the sheet's cells (<cols> comes before them), and stay
 * known after it; 0 before any pass, or when sheet is out of range. */
int xlsx_col_hidden(const xlsx_book *b, size_t sheet, uint32_t col);

/* The dropdowns of a sheet (list validations; the first
 * XLSX_MAX_DROPDOWNS, sources up to XLSX_MAX_DROPDOWN_SOURCE bytes), as
 * the last complete xlsx_sheet_rows pass recorded them (none before one);
 * *out borrowed until xlsx_close, *n may be 0. */
void xlsx_sheet_dropdowns(const xlsx_book *b, size_t sheet,
                          const xlsx_dropdown **out, size_t *n);

/* Parses an A1 reference ("C7", "xfd1048576"; no '$', no sheet) into its
 * 1-based row and column.  Returns 0, or -1 when it is not a reference
 * or lies beyond XFD1048576 (then *row and *col are untouched). */
int xlsx_ref_parse(const char *ref, uint32_t *row, uint32_t *col);

/* Formats a 1-based row and column as "C7" into buf (XLSX_REF_BUF
 * bytes).  Returns buf, or NULL (buf set to "") when row or column is 0
 * or beyond XFD1048576. */
char *xlsx_ref_format(uint32_t row, uint32_t col, char buf[XLSX_REF_BUF]);

/* The day of an Excel serial number: the 1900 system (serial 1 is
 * 1900-01-01; serial 60 is Excel's non-existent 1900-02-29, so later
 * serials are one day ahead) or the 1904 system (serial 0 is 1904-01-01).
 * The fraction (time of day) is dropped.  0 when there is no real day in
 * 1900-2100. */
bc_date xlsx_serial_date(double serial, int date1904);

#endif
