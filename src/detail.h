/* detail.h - the rows of a detail too long for the templates' view.
 *
 * Templates see the aggregate document with its record list bounded
 * (aggregate.h: at most AGG_DETAIL_LIMIT records, records/@count telling
 * how many there are).  When it is bounded, the workbook template writes
 * <rows-from source="records"/> in place of the detail rows, and the rows
 * are made here: the saved aggregate document (tong-hop-<year>.xml, every
 * record) is read as a stream, DETAIL_CHUNK records at a time; each chunk
 * becomes a small aggregate document (the root's attributes, <kinds>, and
 * <records first="K"> with the chunk), which the rows template
 * (templates/xslt/bao-cao-xlsx-rows.xsl, the same row template as the
 * workbook's) turns into a <rows> document for xlsx_writer.  Memory holds
 * one chunk; the output is the same rows the workbook template would
 * write from the whole list.
 */
#ifndef BC_DETAIL_H
#define BC_DETAIL_H

#include <libxml/tree.h>

#include "diag.h"
#include "status.h"
#include "xlsx_writer.h"

#define DETAIL_CHUNK 2000

typedef struct bc_detail bc_detail;

/* Prepares to read the records of the aggregate saved at agg_path, with
 * view (the bounded aggregate document, borrowed until detail_free) for
 * the root attributes and kinds, through the rows template at xsl_path,
 * chunk records at a time (0: DETAIL_CHUNK).
 * Nothing is opened or compiled until the first chunk is asked for (a
 * problem then is that call's status, with findings in d).  NULL when
 * out of memory (*st BC_ERR_NOMEM). */
bc_detail *detail_new(const char *agg_path, xmlDocPtr view,
                      const char *xsl_path, size_t chunk, bc_diag *d,
                      bc_status *st);

/* The row source for xlsx_write_rows (ctx is dt). */
xlsx_row_source detail_source(bc_detail *dt);

/* Closes the stream and frees; accepts NULL. */
void detail_free(bc_detail *dt);

#endif
