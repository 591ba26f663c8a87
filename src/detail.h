/* detail.h - the rows of a list too long for the templates' view.
 *
 * Templates see the aggregate document with its long lists bounded
 * (aggregate.h: a list of more than the detail limit's items keeps the
 * first ones, its element saying count="N" listed="L").  For each such
 * list the workbook template writes <rows-from source="NAME"
 * first-row="R"/> in place of its rows (docs/workbook.md), and the rows
 * are made here, in C: the saved aggregate document (tong-hop-<year>.xml,
 * every item of every list) is read as a stream, and each item's cells
 * are written straight to the sheet (or, for the tests, DETAIL_CHUNK items
 * become a <rows> document).  Memory holds one item.  The lists:
 *
 *   source    items                         rows of template (bao-cao-xlsx.xsl)
 *   records   /aggregate/records/record     record-row  (Chi tiết)
 *   units     /aggregate/units/unit         unit-row    (Đơn vị)
 *   files     /aggregate/submissions/file   file-row    (Đơn vị)
 *
 * The templates stay the definition of the rows: libxslt takes about
 * 0.2 ms a record for record-row, over a minute at 300,000 records, so
 * these are their C twins, and tests/unit/test_detail.c proves the two
 * give the same <rows> (through templates/xslt/bao-cao-xlsx-rows.xsl) on
 * the sample aggregate, odd values included.  A change of one of those
 * templates (or of the helpers they call: s, n, date, kind-name,
 * record-status, unit-type, file-status) must be made here too; the test
 * fails until it is.
 *
 * Lists may be asked for in any order and more than once: the stream
 * goes forward through the document (units, submissions, records: the
 * workbook's sheet order) and the file is opened again for a list the
 * stream has already come to.
 */
#ifndef BC_DETAIL_H
#define BC_DETAIL_H

#include <libxml/tree.h>

#include "diag.h"
#include "status.h"
#include "xlsx_writer.h"

#define DETAIL_CHUNK 2000

typedef struct bc_detail bc_detail;

/* Prepares to read the lists of the aggregate saved at agg_path, chunk
 * items at a time (0: DETAIL_CHUNK), with the kind names of view (the
 * bounded aggregate document; only read here).  Nothing is opened until
 * rows are first asked for (a problem then is that call's status, with
 * findings in d).  NULL when out of memory (*st BC_ERR_NOMEM). */
bc_detail *detail_new(const char *agg_path, xmlDocPtr view, size_t chunk,
                      bc_diag *d, bc_status *st);

/* The row source for xlsx_write_rows (ctx is dt): the rows written
 * straight to the sheet (xlsx_row_source.cells), item k of the list in
 * sheet row first_row + k - 1.  A source other than the three above is
 * a TEMPLATE error. */
xlsx_row_source detail_source(bc_detail *dt);

/* The same rows as <rows> documents of `chunk` rows (next only): what the
 * tests compare with the template's.  Each series of next calls for one
 * source, up to the NULL that ends it, gives the whole list. */
xlsx_row_source detail_source_chunks(bc_detail *dt);

/* Closes the stream and frees; accepts NULL. */
void detail_free(bc_detail *dt);

#endif
