/* pl1.h - is an object already protected before the plan (Phụ lục 1)?
 *
 * The rule (docs/aggregate.md, "Phụ lục 1", issue 13 reading a):
 * - Names are compared folded (text_fold: case, diacritics, invisible
 *   characters) with every space removed: "Chi Lăng" = "chi lang" =
 *   "ChiLăng".
 * - Products are compared by their head word: the first folded word that
 *   is not generic ("quả", "sản phẩm", "cây", "của", "huyện"...) and does
 *   not begin a place name (a unit of the plan, "Lạng Sơn").  "Quả Na của
 *   huyện Chi Lăng, Hữu Lũng" has the head "na".  Same head: the same
 *   product; different heads: clearly different; no head: absent.
 * - Same kind and name equal, product absent or the same: EXISTING (not a
 *   new protection).  Name equal, product clearly different: OTHER_PRODUCT
 *   (new, with a note naming the entry).  Name different but the product
 *   is the entry's (the same words, or the same head word: "Khoai môn"
 *   and "Khoai lang" are both "khoai"), or the name is the entry's name
 *   plus its product's words ("Na Chi Lăng"): POSSIBLE (not counted as
 *   new; the Sở confirms: over-reporting progress is the worse error).
 *
 * A pl1_index is built once from the plan (borrowed; it must outlive the
 * index) and only read afterwards: several threads may use it. */
#ifndef BC_PL1_H
#define BC_PL1_H

#include "plan.h"
#include "status.h"

typedef enum pl1_verdict {
    PL1_NONE = 0,        /* no entry is concerned: a new protection */
    PL1_OTHER_PRODUCT,   /* an entry's name, another product: new */
    PL1_POSSIBLE,        /* probably an entry under another wording */
    PL1_EXISTING         /* an entry of Phụ lục 1: not new */
} pl1_verdict;

typedef struct pl1_index pl1_index;

/* A new index over plan p's Phụ lục 1 and place names.  NULL when out of
 * memory. */
pl1_index *pl1_new(const plan *p);

/* Frees the index; accepts NULL. */
void pl1_free(pl1_index *x);

/* Classifies an object of kind `kind` (index into the plan's kinds) named
 * `name` for the product `product` (either may be NULL).  *entry gets the
 * entry concerned (NULL for PL1_NONE).  Returns PL1_NONE also when out of
 * memory (*oom set to 1), so the caller can fail. */
pl1_verdict pl1_classify(const pl1_index *x, int kind, const char *name,
                         const char *product, const plan_protected **entry,
                         int *oom);

/* The entry a supported mark's wording names: its name, or its product's
 * wording (when that product belongs to one entry only).  A wording that
 * only resembles an entry ("Na Chi Lăng") names none: the mark is not
 * known to be protected (reading b).  NULL when none (or out of memory:
 * *oom set). */
const plan_protected *pl1_mark_entry(const pl1_index *x, int kind,
                                     const char *mark, int *oom);

/* The key names are compared by: text_fold without spaces ("chilang").
 * Malloc'ed; NULL on invalid UTF-8 or out of memory. */
char *pl1_name_key(const char *s);

#endif
