/* xlsx_writer.h - a workbook description -> an XLSX file (libxlsxwriter).
 *
 * The description (templates/schema/workbook.xsd, docs/workbook.md) is
 * made by a template (templates/xslt/bao-cao-xlsx.xsl) from the aggregate
 * document; this module only carries it out: formats, sheets, column
 * widths, rows of string / number / formula / blank cells, merged ranges,
 * frozen panes, autofilters, page set-up (header, footer, margins) and
 * native charts over the workbook's own cells.  The creation date comes
 * from the description, so the same description gives the same bytes
 * (charts included).  Text is only ever written as text: a <string> (or
 * a chart's title, which may not start with '=') never becomes a formula
 * or a reference.
 */
#ifndef BC_XLSX_WRITER_H
#define BC_XLSX_WRITER_H

#include <libxml/tree.h>
#include <libxml/xmlschemas.h>
#include <time.h>
#include <xlsxwriter.h>

#include "diag.h"
#include "status.h"
#include "xlsx_out.h" /* xlsx_verify, xlsx_commit, ... */

/* Writes the workbook described by desc (borrowed) to out_path: first to
 * bc_tmp_path(out_path), renamed into place only when libxlsxwriter
 * finished without error; on failure the temporary file is removed and
 * out_path is untouched.  Problems with the description or the library
 * become findings with code XLSX (file: out_path; place: sheet, row and
 * column, or "Sheet!B30" for the chart anchored at B30).  Returns BC_OK,
 * BC_ERR_INVALID (the description breaks a rule the writer checks: sheet
 * names, limits, unknown format, a chart range that is malformed, on no
 * sheet of the description or not one row or column, a header with a
 * picture), BC_ERR_IO, BC_ERR_NOMEM or BC_ERR_INTERNAL. */
bc_status xlsx_write(xmlDocPtr desc, const char *out_path, bc_diag *d);

/* Where the rows of a <rows-from source="NAME" first-row="R"/> come from:
 * a list too long for a template (docs/workbook.md).  first_row is R, the
 * sheet row (1-based) of the list's first row; the source writes no row
 * before it (the writer refuses one).  next is called until it sets *out
 * to NULL; each document it gives (the caller's, freed by the writer) has
 * the root <rows> holding <row> elements, written in order, then freed,
 * so memory holds one chunk at a time.  next returns BC_OK, or a status
 * with findings in d, which ends the write. */
typedef struct xlsx_row_source {
    void *ctx;
    bc_status (*next)(void *ctx, const char *source, unsigned long first_row,
                      xmlDocPtr *out);
} xlsx_row_source;

/* xlsx_write, with rows (may be NULL: then a <rows-from> is an error)
 * supplying the rows of each <rows-from>.  A sheet holding a <rows-from>
 * is written in libxlsxwriter's constant_memory mode (its strings inline,
 * rows flushed as written): its rows must be in increasing order.  When
 * schema is given each chunk is validated against it (root <rows>). */
bc_status xlsx_write_rows(xmlDocPtr desc, const xlsx_row_source *rows,
                          xmlSchemaPtr schema, const char *out_path,
                          bc_diag *d);

/* The same, after validating desc against the XSD at schema_path
 * (templates/schema/workbook.xsd); schema_path NULL skips validation.
 * An invalid description gives XSD findings and BC_ERR_TEMPLATE (it was
 * made by a template); an unloadable schema BC_ERR_TEMPLATE too. */
bc_status xlsx_write_checked(xmlDocPtr desc, const char *schema_path,
                             const char *out_path, bc_diag *d);

/* xlsx_write_checked with a row source (xlsx_write_rows); every chunk is
 * validated too. */
bc_status xlsx_write_checked_rows(xmlDocPtr desc, const char *schema_path,
                                  const xlsx_row_source *rows,
                                  const char *out_path, bc_diag *d);

/* Parses a number of the description, written with '.' ("1200.5", "-3",
 * "1.5e-06"), without looking at the locale.  Returns 0 and sets *out, or
 * -1 when s is not a finite number.  Cannot fail otherwise. */
int xlsx_parse_number(const char *s, double *out);

#endif
