/* reader.c - what the two workbook readers share (reader.h). */
#include "reader.h"

#include <stdarg.h>
#include <stdlib.h>

#include "text.h"

void reader_find(bc_diag *d, const char *file, size_t found_max,
                 const char *resave, const char *code, const char *place,
                 const char *found, const char *expected, const char *fmt,
                 ...)
{
    bc_loc at = {file, 0, place};
    char *cut = found && found_max ? text_utf8_repair(found, found_max)
                                   : NULL;
    va_list ap;
    va_start(ap, fmt);
    diag_vadd(d, BC_SEV_ERROR, code, &at, cut ? cut : found,
              expected ? expected : resave, fmt, ap);
    va_end(ap);
    free(cut);
}

int reader_col_in(const xlsx_range *r, size_t n, uint32_t col)
{
    for (size_t i = 0; i < n; i++)
        if (col >= r[i].first_col && col <= r[i].last_col)
            return 1;
    return 0;
}
