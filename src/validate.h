/* validate.h - XSD and plan rules over one submission.
 *
 * A validator holds what is compiled once: the submission XSD, every
 * PCRE2 pattern (UTF + UCP, anchored at both ends, JIT when available)
 * and the lists shown in findings.  It borrows the plan, which must
 * outlive it.  Once made, a validator is only read: several threads may
 * check files with the same one at once (batch.h); each check makes its
 * own match data, schema validation context and sink entries, and
 * libxml2's error handler is per thread.
 *
 * Rules and finding codes: docs/findings.md.  Each finding names the
 * field in Vietnamese, the value as typed (found) and what was expected.
 */
#ifndef BC_VALIDATE_H
#define BC_VALIDATE_H

#include <libxml/tree.h>

#include "diag.h"
#include "plan.h"
#include "status.h"
#include "submission.h"

typedef struct bc_validator bc_validator;

/* Compiles the schema at xsd_path (NULL: no XSD step, for documents known
 * to be canonical) and every pattern.  Problems go to d (XSD-LOAD,
 * INTERNAL).  Returns NULL on failure (or out of memory). */
bc_validator *validator_new(const plan *p, const char *xsd_path, bc_diag *d);

/* Frees a validator; accepts NULL. */
void validator_free(bc_validator *v);

/* Reads and validates one input file: ingest_file -> XSD ->
 * submission_from_doc -> (the document is freed) -> rules, which resolve
 * every *_v field; an XML file that is a valid submission is streamed
 * into its struct instead (validate_stream_xml), with the same result.
 * cycle is the year folder the file was found in (0 if none).  Findings
 * go to d with the file and place; once the unit is known they get its
 * code and the cycle (diag_set_context).
 *
 * *out gets the submission (caller frees with submission_free) whenever
 * it could be built, even with error findings; it is NULL when the file
 * could not be read or parsed, or failed the XSD.  Returns BC_OK when no
 * error finding was added for this file, BC_ERR_INVALID when one was
 * (rejected), or BC_ERR_IO / BC_ERR_PARSE / BC_ERR_LIMIT / BC_ERR_NOMEM /
 * BC_ERR_INTERNAL when reading or a library failed. */
bc_status validate_file(bc_validator *v, const char *path, int cycle,
                        bc_diag *d, submission **out);

/* validate_file in two steps, for a caller that times reading apart from
 * checking: the caller runs ingest_file(path, d, &doc) itself, with
 * first = diag_count(d) taken before, and passes its status and document
 * here.  doc is taken over (freed here).  Findings, statuses and *out are
 * exactly those of validate_file. */
bc_status validate_ingested(bc_validator *v, bc_status ingest_st,
                            xmlDocPtr doc, const char *path, int cycle,
                            size_t first, bc_diag *d, submission **out);

/* The fast way for an XML submission, which validate_file takes first:
 * when path names a .xml file that reads as a valid submission without a
 * single message (submission_from_xml: streamed through the schema, no
 * document built), *out gets its submission named file, not yet checked
 * against the plan, and 1 is returned; validate_streamed then checks it.
 * 0 and *out NULL otherwise, nothing added anywhere: the caller reads the
 * file the ordinary way (ingest_file and validate_ingested), which
 * reports what it is. */
int validate_stream_xml(bc_validator *v, const char *path, const char *file,
                        int cycle, submission **out);

/* The rules over s, built by validate_stream_xml (taken over), with
 * first = diag_count(d) taken before: findings, status and *out exactly
 * those validate_ingested gives for the same file. */
bc_status validate_streamed(bc_validator *v, submission *s, int cycle,
                            size_t first, bc_diag *d, submission **out);

/* The same for a document already built (the workbook readers): doc is
 * only read, the caller keeps and frees it; file names it in findings. */
bc_status validate_doc(bc_validator *v, xmlDocPtr doc, const char *file,
                       int cycle, bc_diag *d, submission **out);

/* The rules alone over a submission built by submission_from_doc (no
 * XSD): resolves the *_v fields and adds findings.  BC_OK, BC_ERR_INVALID
 * (an error finding was added) or BC_ERR_NOMEM. */
bc_status validate_submission(bc_validator *v, submission *s, bc_diag *d);

/* The verdict on one input file, decided once by validate_verdict and
 * read by every command and the aggregate: a file is accepted when
 * reading and checking it added no error finding. */
typedef enum bc_verdict_kind {
    BC_VERDICT_ACCEPTED = 0,
    BC_VERDICT_REJECTED
} bc_verdict_kind;

#define VERDICT_UNIT_MAX 128

typedef struct bc_verdict {
    bc_verdict_kind kind;
    bc_status st;                 /* what validation returned */
    size_t errors, warnings;      /* findings of this file by severity */
    char unit[VERDICT_UNIT_MAX];  /* the unit code the file names ("" when
                                     none could be read, or too long) */
} bc_verdict;

/* Decides the verdict on the file `path` from what validate_file (or its
 * two steps) returned: st, the submission s (NULL when none was built) and
 * the file's findings d[first..].  A file that failed with no error
 * finding gets one (FILE-READ, naming the cause), so every rejection says
 * why; it is given the file's context (cycle).  The unit is the
 * submission's, or the one the file's findings were given (a file that
 * failed the XSD still names its unit).  Returns BC_OK, or BC_ERR_NOMEM
 * when st was BC_ERR_NOMEM (the run cannot go on). */
bc_status validate_verdict(bc_status st, const char *path, int cycle,
                           const submission *s, bc_diag *d, size_t first,
                           bc_verdict *out);

#endif
