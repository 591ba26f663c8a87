/* status.h - the one status enum of baocao, its strings and exit codes.
 *
 * Every library function that can fail returns a bc_status.  Details for
 * the user (file, place, what was expected) go to the diagnostics sink
 * (diag.h); the status only says what kind of failure it was.
 */
#ifndef BC_STATUS_H
#define BC_STATUS_H

typedef enum bc_status {
    BC_OK = 0,          /* success */
    BC_ERR_NOMEM,       /* memory allocation failed */
    BC_ERR_IO,          /* a file or folder could not be read or written */
    BC_ERR_PARSE,       /* a document is not well-formed */
    BC_ERR_INVALID,     /* a document is well-formed but breaks its rules */
    BC_ERR_USAGE,       /* bad command-line arguments */
    BC_ERR_TEMPLATE,    /* a template (XSD, XSLT) failed to load or run */
    BC_ERR_LIMIT,       /* an input exceeds a safety limit */
    BC_ERR_INTERNAL,    /* a library failed in a way that should not happen */
    BC_ERR_NOSPACE,     /* a write failed because the disk (or quota) is full */
    BC_ERR_LOCKED,      /* another run holds the output folder */
    BC_STATUS__COUNT
} bc_status;

/* Exit codes of the program (README, man page). */
enum {
    BC_EXIT_OK = 0,       /* everything accepted, the plan is consistent */
    BC_EXIT_FINDINGS = 1, /* some input rejected or a plan contradiction found */
    BC_EXIT_FAILURE = 2   /* usage or I/O error: reports may be missing */
};

/* A short English description of a status (for logs and tests). Never NULL. */
const char *bc_status_str(bc_status st);

/* The Vietnamese description shown to the user. Never NULL. */
const char *bc_status_msg(bc_status st);

#endif
