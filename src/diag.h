/* diag.h - findings: what the user must know about an input, and where.
 *
 * Library code never prints.  It adds findings to a bc_diag sink; the
 * command that drives it decides when and how to print them (stderr, GNU
 * style) and passes them on to the aggregate document for the reports.
 *
 * A finding names the file and the place in it: an XML line, or a
 * workbook cell as "Sheet!C7" in the workbook's own sheet names.
 */
#ifndef BC_DIAG_H
#define BC_DIAG_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#include "status.h"

typedef enum bc_severity {
    BC_SEV_ERROR = 0, /* "lỗi": the submission is rejected */
    BC_SEV_WARNING,   /* "cảnh báo": accepted, but the clerk should look */
    BC_SEV_NOTE,      /* "ghi chú": information (a replacement, a merge) */
    BC_SEV__COUNT
} bc_severity;

/* Where something is.  All pointers are borrowed. */
typedef struct bc_loc {
    const char *file; /* path of the input as the user gave it, or NULL */
    unsigned line;    /* 1-based XML line, 0 if unknown or a cell is set */
    const char *cell; /* "Sheet!C7" for workbook inputs, or NULL */
} bc_loc;

typedef struct bc_finding {
    bc_severity sev;
    char *code;     /* stable rule code, e.g. "APPNO-FORMAT" */
    char *file;     /* NULL when the finding is about no file */
    char *place;    /* "12" or "Sheet!C7", NULL if none */
    unsigned line;  /* the line again as a number (0 if none) */
    char *unit;     /* reporting unit code, NULL if not known */
    int cycle;      /* reporting year of the input, 0 if not known */
    char *message;  /* Vietnamese message: names the field */
    char *found;    /* the value found, NULL if none */
    char *expected; /* what was expected, NULL if none */
} bc_finding;

typedef struct bc_diag bc_diag;

/* A new, empty sink; NULL when out of memory. */
bc_diag *diag_new(void);

/* Frees the sink and its findings; accepts NULL. */
void diag_free(bc_diag *d);

/* Bounds on the texts of a finding, in bytes (cut at a character boundary
 * with "…"): the message, found / expected / file, place / unit. */
#define DIAG_MAX_MESSAGE 4000u
#define DIAG_MAX_FIELD 2000u
#define DIAG_MAX_PLACE 200u

/* Adds a finding.  All strings are copied, made valid UTF-8 (bad bytes
 * become U+FFFD) and cut to the bounds above; at, found and expected may be
 * NULL.  The message is a printf format.  When memory runs out the finding
 * is counted (diag_lost) but not stored, so totals stay honest. */
void diag_add(bc_diag *d, bc_severity sev, const char *code, const bc_loc *at,
              const char *found, const char *expected, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));
void diag_vadd(bc_diag *d, bc_severity sev, const char *code,
               const bc_loc *at, const char *found, const char *expected,
               const char *fmt, va_list ap);

/* Sets the unit and cycle on every finding from index `from` on that has
 * none yet (the unit is often known only after the header is read). */
void diag_set_context(bc_diag *d, size_t from, const char *unit, int cycle);

/* Moves every finding of src to the end of dst, in order; src is left
 * empty.  Returns BC_ERR_NOMEM on failure (src is then unchanged). */
bc_status diag_move(bc_diag *dst, bc_diag *src);

size_t diag_count(const bc_diag *d);
const bc_finding *diag_get(const bc_diag *d, size_t i);
size_t diag_count_sev(const bc_diag *d, bc_severity sev);
size_t diag_lost(const bc_diag *d);

/* The Vietnamese word of a severity: "lỗi", "cảnh báo", "ghi chú". */
const char *diag_sev_word(bc_severity sev);
/* The ASCII name used in XML: "error", "warning", "note". */
const char *diag_sev_name(bc_severity sev);

/* Prints one finding GNU style on one line:
 *   FILE:PLACE: lỗi: [CODE] message: «found»; cần: expected
 * Newlines inside values are shown as spaces. */
void diag_print(const bc_finding *f, FILE *out);

#endif
