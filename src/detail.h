/* detail.h - the rows of a detail too long for the templates' view.
 *
 * Templates see the aggregate document with its record list bounded
 * (aggregate.h: at most AGG_DETAIL_LIMIT records, records/@count telling
 * how many there are).  When it is bounded, the workbook template writes
 * <rows-from source="records"/> in place of the detail rows, and the rows
 * are made here, in C: the saved aggregate document (tong-hop-<year>.xml,
 * every record) is read as a stream, and each record's cells are written
 * straight to the sheet (or, for the tests, DETAIL_CHUNK records become a
 * <rows> document).  Memory holds one record.  The rows are those of the template record-row
 * (bao-cao-xlsx.xsl), which stays their definition: libxslt takes about
 * 0.2 ms a record for them, over a minute at 300,000 records, so this is
 * its C twin, and tests/unit/test_detail.c proves the two give the same
 * <rows> (through templates/xslt/bao-cao-xlsx-rows.xsl) on the sample
 * aggregate.  A change of record-row must be made here too; the test
 * fails until it is.
 */
#ifndef BC_DETAIL_H
#define BC_DETAIL_H

#include <libxml/tree.h>

#include "diag.h"
#include "status.h"
#include "xlsx_writer.h"

#define DETAIL_CHUNK 2000

typedef struct bc_detail bc_detail;

/* Prepares to read the records of the aggregate saved at agg_path, chunk
 * records at a time (0: DETAIL_CHUNK), with the kind names of view (the
 * bounded aggregate document; only read here).  Nothing is opened until
 * the first chunk is asked for (a problem then is that call's status,
 * with findings in d).  NULL when out of memory (*st BC_ERR_NOMEM). */
bc_detail *detail_new(const char *agg_path, xmlDocPtr view, size_t chunk,
                      bc_diag *d, bc_status *st);

/* The row source for xlsx_write_rows (ctx is dt): the rows written
 * straight to the sheet (xlsx_row_source.cells). */
xlsx_row_source detail_source(bc_detail *dt);

/* The same rows as <rows> documents of `chunk` rows (next only): what the
 * tests compare with the template's. */
xlsx_row_source detail_source_chunks(bc_detail *dt);

/* Closes the stream and frees; accepts NULL. */
void detail_free(bc_detail *dt);

#endif
