/* xlsx_out.h - the libxlsxwriter helpers every workbook we write shares
 * (the report workbook of xlsx_writer.c, the forms of form.c, the
 * marked-up copies of annotate.c): a workbook written into an exclusive
 * temporary file beside its destination, read back whole and renamed into
 * place, or dropped; its document properties; the check that an XLSX file
 * is whole.
 */
#ifndef BC_XLSX_OUT_H
#define BC_XLSX_OUT_H

#include <stddef.h>
#include <time.h>
#include <xlsxwriter.h>

#include "diag.h"
#include "status.h"

/* One workbook on its way to path. */
typedef struct xlsx_out {
    lxw_workbook *wb; /* being written; NULL once committed */
    char *tmp;        /* the exclusive temporary file beside path */
    char *tmpdir;     /* libxlsxwriter's temporary folder (xlsx_options) */
    const char *path; /* the destination (borrowed) */
    int committed;    /* 1 once tmp was renamed to path */
} xlsx_out;

#define XLSX_OUT_INIT {NULL, NULL, NULL, NULL, 0}

/* Starts o (XLSX_OUT_INIT) on its way to path (borrowed, kept): creates
 * the temporary file exclusively (never through a planted link; opened
 * again by name by libxlsxwriter) and a workbook on it whose own temporary
 * files go beside path too.  Returns BC_OK, BC_ERR_NOMEM or the I/O status
 * of creating the temporary file (no finding); o is to be ended with
 * xlsx_out_end whatever the result. */
bc_status xlsx_out_begin(xlsx_out *o, const char *path);

/* Throws away o's workbook, never closed, and starts a new, empty one on
 * the same temporary file.  BC_OK or BC_ERR_NOMEM (o->wb NULL then). */
bc_status xlsx_out_restart(xlsx_out *o);

/* xlsx_commit of o's workbook to its path; the workbook is gone
 * afterwards whatever the result.  Returns as xlsx_commit does (with its
 * FILE-WRITE finding in d on failure). */
bc_status xlsx_out_commit(xlsx_out *o, bc_diag *d);

/* Releases o: a workbook not committed is thrown away unwritten, and its
 * temporary file removed.  Accepts an o never begun (XLSX_OUT_INIT). */
void xlsx_out_end(xlsx_out *o);

/* The document properties of a workbook, borrowed; NULL fields unset. */
typedef struct xlsx_props {
    const char *created; /* "YYYY-MM-DD" (xlsx_parse_created), required */
    const char *title, *subject, *author, *company, *keywords, *comments;
} xlsx_props;

/* Sets the document properties of wb (libxlsxwriter keeps copies).
 * Returns BC_ERR_INVALID, with nothing set, when p->created is not a date
 * xlsx_parse_created takes; otherwise BC_OK and *err gets libxlsxwriter's
 * answer (LXW_NO_ERROR when all is set). */
bc_status xlsx_set_props(lxw_workbook *wb, const xlsx_props *p,
                         lxw_error *err);

/* xlsx_set_props for a workbook made for one unit's year (a form, a
 * marked-up copy): created on 1 January of year, so that the same input
 * gives the same bytes, with by as both author and company.  Strings
 * borrowed.  BC_ERR_INVALID when year is not one xlsx_parse_created
 * takes, else BC_OK with libxlsxwriter's answer in *err. */
bc_status xlsx_set_year_props(lxw_workbook *wb, int year, const char *title,
                              const char *subject, const char *by,
                              const char *keywords, lxw_error *err);

/* Seconds since 1970 of 00:00 UTC on the date "YYYY-MM-DD" (anything after
 * the 10 characters, such as a time zone, is ignored).  Returns 0 and sets
 * *out, or -1 when invalid or before 1970. */
int xlsx_parse_created(const char *s, time_t *out);

/* Proves the XLSX file at path whole: its zip directory is consistent,
 * [Content_Types].xml and xl/workbook.xml are there, every entry inflates
 * with the right CRC, and every XML part (.xml, .rels, .vml) is
 * well-formed (streamed, no tree built).  BC_OK; otherwise BC_ERR_IO (or
 * BC_ERR_NOMEM) and what is wrong, in Vietnamese, in why[0..n). */
bc_status xlsx_verify(const char *path, char *why, size_t n);

/* Finishes a workbook written to the temporary file tmp: closes it
 * (workbook_close frees wb whatever happens), reads it back whole
 * (xlsx_verify: libxlsxwriter does not notice when its own temporary files
 * could not be written, and would close a damaged file as if all was well),
 * flushes tmp to disk and renames it to out_path.  On failure a FILE-WRITE
 * finding names out_path, out_path is untouched and tmp is left for the
 * caller to remove.  Returns BC_OK, BC_ERR_NOSPACE (the disk is full),
 * BC_ERR_IO or BC_ERR_NOMEM. */
bc_status xlsx_commit(lxw_workbook *wb, const char *tmp, const char *out_path,
                      bc_diag *d);

#endif
