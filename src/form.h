/* form.h - the official submission workbook (mẫu báo cáo) of one unit and
 * year, written with libxlsxwriter.
 *
 * The layout (sheet names, header rows, columns, dropdown lists, the
 * hidden sheets) is a contract with the workbook reader: docs/forms.md
 * describes it and must change together with form.c.
 *
 * Library code: nothing here prints or exits.  Problems become findings
 * (codes FORM-*, docs/forms.md) in the bc_diag sink.
 */
#ifndef BC_FORM_H
#define BC_FORM_H

#include "diag.h"
#include "plan.h"
#include "status.h"

/* Version of the form layout, written to the hidden sheet "_phien_ban". */
#define FORM_VERSION "1"

/* Input rows of each table sheet (below the header row). */
#define FORM_INPUT_ROWS 200

/* Writes the submission workbook of `unit` for `year` to path, through a
 * temporary file beside it renamed into place (path is untouched on
 * failure).  The bytes depend only on the plan, unit and year (the
 * document's created date is 1 January of year, never the clock).
 *
 * Returns BC_OK; BC_ERR_USAGE with an error finding when the unit is not
 * in the plan (FORM-UNIT) or the year is outside the plan period
 * (FORM-YEAR), and no file is written; BC_ERR_IO (FILE-WRITE) or
 * BC_ERR_NOMEM when writing fails.  A unit the plan does not expect to
 * report for that year gets a warning (FORM-UNIT-EXPECTED) and the
 * workbook is still written. */
bc_status form_write(const plan *p, const char *unit, int year,
                     const char *path, bc_diag *d);

/* The file name used by `baocao form` for a unit and year:
 * "mau-bao-cao-<unit>-<year>.xlsx", characters other than ASCII letters,
 * digits, '-' and '_' in the code replaced by '_'.  Caller frees; NULL
 * when out of memory. */
char *form_file_name(const char *unit, int year);

#endif
