/* detail.h - the rows of a list too long for the templates' view.
 *
 * Templates see the aggregate document with its long lists bounded
 * (aggregate.h: a list of more than the detail limit's items keeps the
 * first ones, its element saying count="N" listed="L").  For each such
 * list the workbook template writes <rows-from source="NAME"
 * first-row="R"/> in place of its rows (docs/workbook.md), and the rows
 * are made here, by the same row templates: the aggregator builds the
 * list's items (agg_list_items: the code that builds the view's items)
 * chunk by chunk into a small aggregate document (the view's root
 * attributes, <kinds> and <report>, and the list's element holding the
 * chunk), to which templates/xslt/bao-cao-xlsx-rows.xsl, compiled once,
 * is applied: its <rows> go to the sheet and are freed.  Memory holds one
 * chunk; nothing is read back from a file.  No C code restates a row
 * template, so an edit of a template reaches every row at any size.  The
 * lists:
 *
 *   source    items                         rows of template (bao-cao-xlsx.xsl)
 *   records   /aggregate/records/record     record-row  (Chi tiết)
 *   units     /aggregate/units/unit         unit-row    (Đơn vị)
 *   files     /aggregate/submissions/file   file-row    (Đơn vị)
 *
 * Lists may be asked for in any order and more than once.
 */
#ifndef BC_DETAIL_H
#define BC_DETAIL_H

#include <libxml/tree.h>

#include "diag.h"
#include "status.h"
#include "xlsx_writer.h"

/* Items a chunk: libxslt takes about 0.1 ms and 30 KB a record, so a
 * chunk's rows document stays under 10 MB. */
#define DETAIL_CHUNK 256

typedef struct bc_detail bc_detail;

/* Where the items come from: appends to parent (an element of a document
 * that owns what is added) the items first, first + 1, ... (0-based, at
 * most max) of the list whose element in /aggregate is named `list`;
 * returns how many (0 past the end), or -1 when out of memory.
 * agg_list_items (ctx: the aggregator) is the program's. */
typedef long (*detail_items_fn)(void *ctx, const char *list, size_t first,
                                size_t max, xmlNodePtr parent);

/* Prepares to write the lists' rows from items(items_ctx, ...), chunk
 * items at a time (0: DETAIL_CHUNK), in the context of view (the bounded
 * aggregate document; only read here, copied in part), through the rows
 * stylesheet at rows_xsl (borrowed: it must outlive dt; compiled when
 * rows are first asked for: a problem then is that call's status, with
 * findings in d).  NULL when out
 * of memory (*st BC_ERR_NOMEM). */
bc_detail *detail_new(detail_items_fn items, void *items_ctx, xmlDocPtr view,
                      const char *rows_xsl, size_t chunk, bc_diag *d,
                      bc_status *st);

/* The row source for xlsx_write_rows (ctx is dt): <rows> documents of
 * `chunk` rows, item k of the list in sheet row first_row + k - 1.  Each
 * series of next calls for one source, up to the NULL that ends it,
 * gives the whole list.  A source other than the three above is a
 * TEMPLATE error. */
xlsx_row_source detail_source(bc_detail *dt);

/* Frees; accepts NULL. */
void detail_free(bc_detail *dt);

#endif
