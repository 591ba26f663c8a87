/* annotate.h - a marked-up copy of a rejected workbook, to send back.
 *
 * libxlsxwriter cannot edit a file, so the copy is rebuilt: every sheet of
 * the submission is read through book.h (so .xlsx and .xls alike) and
 * written again with libxlsxwriter, with
 *   - a first sheet ANNOTATE_SHEET ("Cần sửa") listing every finding of
 *     the file: severity, place (a link to the cell when it names one),
 *     code, message, value found, value expected;
 *   - the same sheets after it, in the same order, with the same names and
 *     hidden state (a very hidden sheet becomes hidden), every cell with
 *     its value and type: strings always as strings (never as formulas),
 *     numbers as numbers, dates as numbers formatted dd/mm/yyyy, booleans,
 *     error cells as their text, formula cells as their cached value;
 *     merged ranges merged again.  Cell styles, column widths and row
 *     heights of the original are not kept (columns get a width from
 *     their longest value);
 *   - each cell a finding names ("Sheet!C7") filled with the colour of its
 *     worst severity and carrying a comment listing every finding there;
 *     a named cell without a value becomes a coloured blank with the
 *     comment.
 * When the workbook cannot be read at all (not a zip, truncated, a safety
 * limit, a format whose reader is not there) or one of its sheets cannot
 * be read to its end or written under its own name, the copy holds the
 * findings sheet alone, with a line saying so: a partial copy is never
 * handed out as if it were the unit's workbook.
 *
 * The bytes depend only on the source and the findings: the creation date
 * is 1 January of the findings' reporting year (2021 when none is known),
 * never the clock.  Nothing here prints or exits.
 */
#ifndef BC_ANNOTATE_H
#define BC_ANNOTATE_H

#include <libxml/tree.h>
#include <stddef.h>

#include "diag.h"
#include "status.h"

/* The name of the findings sheet; when the workbook already has a sheet
 * of that name (compared as text_same does), " (2)", " (3)", ... is
 * added. */
#define ANNOTATE_SHEET "Cần sửa"
/* Added to the source's base name: 185.xlsx -> 185-can-sua.xlsx. */
#define ANNOTATE_SUFFIX "-can-sua"
/* The author of the comments and of the copy. */
#define ANNOTATE_AUTHOR "Sở KHCN Lạng Sơn"

/* What annotate_workbook wrote. */
typedef enum annotate_kind {
    ANNOTATE_COPY = 0, /* the findings sheet and a copy of every sheet */
    ANNOTATE_LIST_ONLY /* the findings sheet alone: the source could not
                          be copied (see above) */
} annotate_kind;

/* 1 if path names a workbook annotate_workbook can copy (.xlsx or .xls,
 * any case), 0 otherwise (XML submissions are not annotated). */
int annotate_supported(const char *path);

#ifdef TESTING /* annotate.c's internals the unit tests call (testing.h) */
/* The name of the n-th candidate copy of src_path in dir: n = 1 gives
 * "dir/<base>-can-sua.xlsx", n >= 2 "dir/<base>-can-sua-<n>.xlsx", where
 * <base> is the file name of src_path without its extension.  Always
 * .xlsx, whatever the source's format.  Caller frees; NULL when out of
 * memory. */
char *annotate_out_name(const char *dir, const char *src_path, unsigned n);

/* 1 if the paths a and b name the same existing file (same device and
 * inode), 0 otherwise (also when either does not exist). */
int annotate_same_file(const char *a, const char *b);
#endif

/* The names handed out by annotate_pick_name during one command. */
typedef struct annotate_names {
    char **v;
    size_t n, cap;
} annotate_names;
#define ANNOTATE_NAMES_INIT {NULL, 0, 0}

/* The output path for the copy of src_path in dir: the first
 * annotate_out_name(dir, src_path, n), n = 1, 2, ..., that was not handed
 * out before through t (two inputs with the same base name, or 185.xlsx
 * beside 185.xls) and is none of the files inputs[0..n_inputs) (an input
 * is never overwritten).  The name is kept in t and borrowed by the
 * caller until annotate_names_free.  NULL when out of memory. */
const char *annotate_pick_name(annotate_names *t, const char *dir,
                               const char *src_path,
                               const char *const *inputs, size_t n_inputs);

/* Frees the names; t is left empty.  Accepts an empty t. */
void annotate_names_free(annotate_names *t);

/* Writes the marked-up copy of the workbook at src_path to out_path (its
 * folder must exist).  The findings are those of src_d from index first
 * up to (not including) end whose file is src_path (or NULL); they are
 * only read, and src_d may be d itself (they are looked at before
 * anything is added to d).  Cells are named by the places of the findings
 * ("Sheet!C7", the sheet's name exactly as the workbook spells it);
 * places that name no cell of the workbook (an XML line, a sheet alone,
 * no place) are listed without a link.
 *
 * Reading the source again adds nothing to d (its findings are those
 * already given).  The copy is written to bc_tmp_path(out_path) and
 * renamed into place only when complete; on failure out_path is
 * untouched.  *kind (may be NULL) tells which copy was written.
 *
 * Returns BC_OK; BC_ERR_USAGE when out_path is src_path itself (finding
 * FILE-WRITE: an input is never overwritten); BC_ERR_IO (FILE-WRITE) when
 * the copy cannot be written; BC_ERR_INTERNAL (XLSX) when libxlsxwriter
 * refuses what it is given; BC_ERR_NOMEM.  Findings added to d name
 * out_path as their file. */
bc_status annotate_workbook(const char *src_path, const bc_diag *src_d,
                            size_t first, size_t end, const char *out_path,
                            bc_diag *d, annotate_kind *kind);

/* --- the copies that belong to a report set (run --annotate-set) -------- */

/* The folder of the report set that holds the copies, and the attribute
 * of an aggregate's submissions/file that names the file's copy. */
#define ANNOTATE_SET_DIR "can-sua"
#define ANNOTATE_SET_ATTR "can-sua"

/* The rejected workbooks of the reporting year whose copies go into the
 * report set, as "can-sua/<base>-can-sua.xlsx" (names picked as
 * annotate_pick_name does, from the name shown in findings, so a name
 * that is not UTF-8 gives a readable one). */
typedef struct annotate_set_item {
    char *src;      /* the workbook's path */
    char *shown;    /* its name in findings and in the aggregate */
    size_t from, to; /* its findings in the run's diag */
    const char *rel; /* the copy, relative to the set; owned by names */
} annotate_set_item;

typedef struct annotate_set {
    annotate_set_item *v;
    size_t n;
    annotate_names names;
} annotate_set;
#define ANNOTATE_SET_INIT {NULL, 0, ANNOTATE_NAMES_INIT}

/* Adds the rejected workbook src (shown as shown; its findings are
 * [from, to) of the run's diag).  BC_OK or BC_ERR_NOMEM. */
bc_status annotate_set_add(annotate_set *s, const char *src,
                           const char *shown, size_t from, size_t to);

/* Gives each file of doc's /aggregate/submissions that is in s (by its
 * path, the shown name) the attribute ANNOTATE_SET_ATTR: its copy's path
 * relative to the set folder, which kiem-tra links.  BC_OK or
 * BC_ERR_NOMEM. */
bc_status annotate_set_mark(const annotate_set *s, xmlDocPtr doc);

/* Writes every copy into stage/ANNOTATE_SET_DIR/ (the folder is made even
 * when s is empty, so that the set never keeps an older set's copies).
 * The findings are read from src_d; problems are added to d.  *list_only
 * (may be NULL) counts the copies that hold the findings sheet alone.
 * BC_OK, or the first failure of annotate_workbook or of making the
 * folder (BC_ERR_IO, BC_ERR_NOSPACE, BC_ERR_NOMEM, ...). */
bc_status annotate_set_write(const annotate_set *s, const char *stage,
                             const bc_diag *src_d, bc_diag *d,
                             size_t *list_only);

/* Frees s; it is left empty.  Accepts an empty s. */
void annotate_set_free(annotate_set *s);

#endif
