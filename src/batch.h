/* batch.h - ingest + validation of many files on several threads, the
 * results handed back in input order.
 *
 * Reading and checking one submission depends on nothing but that file,
 * the plan and the compiled schema (all read-only), so the files of a run
 * are spread over `jobs` worker threads.  Each file's findings go to a
 * sink of its own; the caller takes the results one by one, in the order
 * of the input list, and appends the findings to the run's sink.  So the
 * findings, the aggregate and every output are the same bytes for every
 * number of jobs.  At most `window` results wait to be taken, which
 * bounds the memory held ahead of the caller.
 *
 * jobs == 1 runs each file in batch_next itself, on the caller's thread.
 */
#ifndef BC_BATCH_H
#define BC_BATCH_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "status.h"
#include "submission.h"
#include "validate.h"

/* What reading and checking one input gave. */
typedef struct batch_result {
    size_t index;          /* its place in the input list */
    bc_status st;          /* validate_file's status */
    bc_verdict verdict;    /* accepted or rejected, and why (validate.h) */
    submission *s;         /* owned by the caller now; NULL when not built */
    bc_diag *d;            /* its findings; owned by the caller (diag_free) */
    double ingest_s;       /* seconds reading (ingest_file) */
    double validate_s;     /* seconds checking (validate_ingested) */
} batch_result;

typedef struct bc_batch bc_batch;

/* The number of processors online (at least 1, at most BATCH_MAX_JOBS):
 * the default for -j. */
int batch_default_jobs(void);

#define BATCH_MAX_JOBS 64

/* Starts reading paths[0..n) (cycle of each in cycles[]) with v on
 * min(jobs, n) threads (jobs is clamped to 1..BATCH_MAX_JOBS).  The
 * arrays and v are borrowed until batch_free.  NULL when out of memory or
 * no thread could be started. */
bc_batch *batch_new(bc_validator *v, const char *const *paths,
                    const int *cycles, size_t n, int jobs);

/* The most the budget amounts (allocated, disbursed, each summed as
 * absolute values) of the files taken from one batch may add up to:
 * 2.000.000.000.000 triệu đồng, in millionths, under a quarter of what
 * bc_money holds, so no sum or sum of sums the aggregate makes can
 * overflow. */
#define BATCH_MONEY_LIMIT ((int64_t)2000000000000 * 1000000)

/* The result of the next input in list order, waiting for it if needed.
 * A submission without errors whose amounts would take the batch's sums
 * past BATCH_MONEY_LIMIT gets the error BUDGET-SUM-LIMIT (naming the file
 * and the budget line) and is rejected; later files go on.
 * BC_OK and *out filled (out->d never NULL), or BC_ERR_NOMEM when that
 * file's sink could not be made (the run should stop), or BC_ERR_INVALID
 * when every result was taken. */
bc_status batch_next(bc_batch *b, batch_result *out);

/* Stops the workers (after the files they are reading), frees results not
 * taken and the batch; accepts NULL. */
void batch_free(bc_batch *b);

#endif
