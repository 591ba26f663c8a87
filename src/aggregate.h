/* aggregate.h - accepted submissions -> the aggregate document.
 *
 * The aggregator is fed every input file of every cycle from the plan's
 * first year up to the report year, in cycle order and, within a cycle,
 * in file-name order.  It keeps, per cycle, what the aggregate needs of
 * the winning submission of each unit (a later submission of the same unit
 * and year replaces the earlier one, and drops all of it), and at the end
 * of each cycle merges the winners into tables keyed by what they count
 * (application numbers, tasks, marks), then frees them.  Submissions are
 * freed as soon as they are added; strings that repeat (names, owners,
 * places, units, cells) are kept once.  Memory grows with distinct
 * records (and, while a cycle is read, with a compact copy of the records
 * of its winners), not with the size of the input.
 *
 * agg_build computes every figure of templates/schema/aggregate.xsd in C
 * (exact money, deduplicated records, target progress) and returns the
 * document; templates only render it.  The document templates see is a
 * bounded view: each of its long lists (the records, the units, the files
 * of the year, the narratives, the new records by unit) and each list
 * nested in a section that grows with the files (a revision's files, a
 * theme's units) holds at most the detail limit (default
 * AGG_DETAIL_LIMIT) of items, and then says how many there are (count,
 * listed; a cut file list also keeps the later files that have a finding
 * of the year); every other figure is over every item.
 * agg_save writes the aggregate with every item (output/<year>/
 * tong-hop-<year>.xml), one long list's item element in memory at a time;
 * agg_list_items builds a long list's items a chunk at a time (the
 * workbook's long sheets).
 */
#ifndef BC_AGGREGATE_H
#define BC_AGGREGATE_H

#include <libxml/tree.h>

#include "diag.h"
#include "plan.h"
#include "status.h"
#include "submission.h"
#include "validate.h"

typedef struct bc_agg bc_agg;

/* The default detail limit: at most this many items in each long list of
 * the document agg_build returns (a record is about 4.4 KB of DOM, and a
 * template turns it into about 40 KB of result tree: 1,000 keep the
 * view and its renderings within tens of MB). */
#define AGG_DETAIL_LIMIT 1000

/* A new aggregator for the report year `year` of plan p (borrowed; must
 * outlive the aggregator).  NULL when out of memory. */
bc_agg *agg_new(const plan *p, int year);

/* Frees the aggregator and all it holds; accepts NULL. */
void agg_free(bc_agg *a);

/* Records one input file of cycle `cycle` (cycles must not decrease
 * between calls) with its verdict v (validate_verdict: the one place a
 * file is judged).  s is the validated submission or NULL when none was
 * built; the aggregator takes ownership of it (and frees it before
 * returning: only what the aggregate needs is kept).  The file is
 * credited to the unit it names (v->unit) even when rejected, so the unit
 * shows "submitted, rejected".  Findings of aggregation (a replaced
 * submission, a duplicate application number, a protection already on
 * Phụ lục 1) are added to d.  Returns BC_ERR_NOMEM or BC_OK. */
bc_status agg_add_file(bc_agg *a, const char *path, int cycle, submission *s,
                       const bc_verdict *v, bc_diag *d);

/* Finishes: merges the last cycle and builds the aggregate document.
 * findings are every finding of the run (validation and aggregation),
 * plan_findings the plan's contradictions; settings is the report
 * settings document (templates/settings.xml) or NULL.  None is modified.
 * On success *out is a new document the caller frees. */
bc_status agg_build(bc_agg *a, const bc_diag *findings,
                    const bc_diag *plan_findings, xmlDocPtr settings,
                    bc_diag *d, xmlDocPtr *out);

/* Sets how many items each long list (and each nested list: a revision's
 * files, a theme's units) of the documents agg_build makes holds (0: all
 * of them; default AGG_DETAIL_LIMIT).  When a list is cut,
 * it holds its first `limit` items in the document's order, and its
 * element gets count="N" (every item it would hold) and listed="L";
 * nothing else in the document changes. */
void agg_set_detail_limit(bc_agg *a, size_t limit);

/* Appends to parent (an element of any document, which owns what is
 * added) the items first, first + 1, ... (0-based, at most max of them)
 * of the long list whose element is named `list` in the aggregate
 * document ("records", "units", "submissions", "new-records",
 * "narratives"), counting every item (no detail limit): the elements the
 * document of the last agg_build of a would hold, built by the same code.
 * Returns how many were appended (0 past the end), or -1 when out of
 * memory (what was appended stays) or when there is no such list or no
 * agg_build yet. */
long agg_list_items(bc_agg *a, const char *list, size_t first, size_t max,
                    xmlNodePtr parent);

/* Writes the aggregate document to path atomically (a temporary file
 * beside it, renamed over path), with EVERY item: the bytes are exactly
 * what xmlio_save_atomic writes for the document agg_build makes with no
 * detail limit, so the file never has count or listed.  view is the
 * document the last agg_build of a returned (not modified; its encoding
 * is set for the time of the call, so no other thread may use it
 * meanwhile).  When no list is cut, this is xmlio_save_atomic(view);
 * otherwise the document is written piece by piece, the items of each cut
 * list built, written and freed one at a time, a section with a cut
 * nested list built again whole.  On failure a FILE-WRITE
 * finding naming path is added to d, path is untouched and no temporary
 * file is left. */
bc_status agg_save(bc_agg *a, xmlDocPtr view, const char *path, bc_diag *d);

/* The reporting year whose period contains date dt (15/12/2023 -> 2024). */
int agg_year_of(const plan *p, bc_date dt);

#endif
