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

#include <libxml/tree.h>

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

/* Writes the same workbook filled in from a canonical submission document
 * (templates/schema/submission.xsd; borrowed, only read): unit and year
 * come from its root attributes, every field goes to its input cell of
 * docs/forms.md, the items of each table from row 2 in document order
 * (the input area grows beyond FORM_INPUT_ROWS rows when needed).  Values
 * are trimmed and in NFC.  A dropdown cell gets the shown text of the
 * listed code ("NHTT - nhãn hiệu tập thể", "Đã nộp đơn"); an ISO date a
 * date cell; a canonical amount (below 10^9 triệu đồng) or an integer of
 * at most 9 digits a number; codes and texts are text.  A value that
 * cannot be converted (an unlisted code, a date not YYYY-MM-DD, an amount
 * like "1.200") is written as typed, as a text cell, so that reading the
 * workbook back reports it as it would for a clerk.  Everything else is
 * as form_write: the blank parts are the same, and a submission without
 * any value gives the same bytes as form_write.
 *
 * What the form has no cell for (the illustrative attribute, an unknown
 * element, a repeated field) is not written: one FORM-FIELD note each.
 * The root must be <submission> without a namespace (ingest_file checks
 * it): BC_ERR_INTERNAL otherwise.  A missing or unknown unit gives
 * FORM-UNIT, a missing or invalid year or one outside the plan FORM-YEAR
 * (BC_ERR_USAGE, nothing written); other statuses as form_write. */
bc_status form_write_filled(const plan *p, xmlDocPtr sub, const char *path,
                            bc_diag *d);

/* The file name used by `baocao form` for a unit and year:
 * "mau-bao-cao-<unit>-<year>.xlsx", characters other than ASCII letters,
 * digits, '-' and '_' in the code replaced by '_'.  Caller frees; NULL
 * when out of memory. */
char *form_file_name(const char *unit, int year);

#endif
