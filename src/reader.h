/* reader.h - what the two workbook readers (xlsx_reader.c for .xlsx,
 * xls_reader.c for .xls) do alike: report a problem with the file, answer
 * whether a column is hidden. */
#ifndef BC_READER_H
#define BC_READER_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "xlsx_reader.h"

/* An error finding with code about the workbook file (place: the sheet
 * or cell, or NULL), quoting found (cut to found_max bytes of valid UTF-8
 * when found_max > 0, else as given) and expecting expected, or resave
 * when expected is NULL: every finding about a workbook says what to do
 * instead, even about a damaged file.  The message is fmt with its
 * arguments.  Cannot fail (a finding lost to memory is counted by d). */
void reader_find(bc_diag *d, const char *file, size_t found_max,
                 const char *resave, const char *code, const char *place,
                 const char *found, const char *expected, const char *fmt,
                 ...) __attribute__((format(printf, 9, 10)));

/* 1 if col falls in one of the column ranges r[0..n) (first_col to
 * last_col), 0 otherwise. */
int reader_col_in(const xlsx_range *r, size_t n, uint32_t col);

#endif
