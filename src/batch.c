/* batch.c - ingest + validation on worker threads, results in input order
 * (batch.h).
 *
 * Workers claim the next index under the lock, read and check that file
 * without the lock, and put the result in slot index % window.  A worker
 * claims index i only while i < taken + window, so a slot is never reused
 * before the caller took its result.  The caller waits for the slot of
 * the next index in list order.
 */
#include "batch.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ingest.h"
#include "money.h"
#include "util.h"
#include "xmlio.h"

struct bc_batch {
    bc_validator *v;
    const char *const *paths;
    const int *cycles;
    size_t n;
    int jobs;

    pthread_mutex_t mu;
    pthread_cond_t ready;     /* a result was put in its slot */
    pthread_cond_t space;     /* the caller took a result, or stop */
    batch_result *slots;      /* [window] */
    unsigned char *full;      /* [window] */
    size_t window;
    size_t next;              /* next index to claim */
    size_t taken;             /* results handed to the caller */
    bc_money sum_alloc;       /* the amounts of the files handed out so */
    bc_money sum_disb;        /* far without errors (batch_next) */
    int stop;
    pthread_t *threads;
    int n_threads;
};

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + t.tv_nsec / 1e9;
}

int batch_default_jobs(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 1)
        return 1;
    return n > BATCH_MAX_JOBS ? BATCH_MAX_JOBS : (int)n;
}

/* Reads and checks input i into *r as validate_file does, reading (the
 * streamed XML, or ingest_file) timed apart from checking.  r->d NULL and
 * BC_ERR_NOMEM when no sink could be made. */
static void run_one(const bc_batch *b, size_t i, batch_result *r)
{
    memset(r, 0, sizeof *r);
    r->index = i;
    r->d = diag_new();
    if (!r->d) {
        r->st = BC_ERR_NOMEM;
        return;
    }
    xmlDocPtr doc = NULL;
    /* the submission keeps the name as shown (bad bytes and control
     * characters escaped, as diag.h shows them); the raw one is opened */
    char *shown = bc_name_display(b->paths[i]);
    if (!shown) {
        r->st = BC_ERR_NOMEM;
        return;
    }
    double t0 = now_s(), t1;
    submission *s = NULL;
    if (validate_stream_xml(b->v, b->paths[i], shown, b->cycles[i], &s)) {
        t1 = now_s();
        r->st = validate_streamed(b->v, s, b->cycles[i], 0, r->d, &r->s);
    } else {
        bc_status st = ingest_file(b->paths[i], r->d, &doc);
        t1 = now_s();
        r->st = validate_ingested(b->v, st, doc, shown, b->cycles[i], 0,
                                  r->d, &r->s);
    }
    free(shown);
    r->ingest_s = t1 - t0;
    r->validate_s = now_s() - t1;
}

static void result_clear(batch_result *r)
{
    submission_free(r->s);
    diag_free(r->d);
    memset(r, 0, sizeof *r);
}

/* Destroys what batch_new initialised for the threads. */
static void sync_destroy(bc_batch *b)
{
    pthread_cond_destroy(&b->space);
    pthread_cond_destroy(&b->ready);
    pthread_mutex_destroy(&b->mu);
}

static void *worker(void *arg)
{
    bc_batch *b = arg;
    pthread_mutex_lock(&b->mu);
    for (;;) {
        while (!b->stop && b->next < b->n && b->next >= b->taken + b->window)
            pthread_cond_wait(&b->space, &b->mu);
        if (b->stop || b->next >= b->n)
            break;
        size_t i = b->next++;
        pthread_mutex_unlock(&b->mu);
        batch_result r;
        run_one(b, i, &r);
        pthread_mutex_lock(&b->mu);
        b->slots[i % b->window] = r;
        b->full[i % b->window] = 1;
        pthread_cond_broadcast(&b->ready);
    }
    pthread_mutex_unlock(&b->mu);
    return NULL;
}

bc_batch *batch_new(bc_validator *v, const char *const *paths,
                    const int *cycles, size_t n, int jobs)
{
    bc_batch *b = calloc(1, sizeof *b);
    if (!b)
        return NULL;
    if (jobs < 1)
        jobs = 1;
    if (jobs > BATCH_MAX_JOBS)
        jobs = BATCH_MAX_JOBS;
    if ((size_t)jobs > n)
        jobs = n ? (int)n : 1;
    b->v = v;
    b->paths = paths;
    b->cycles = cycles;
    b->n = n;
    b->jobs = jobs;
    if (jobs == 1)
        return b;
    /* a few results ahead of the caller per worker: enough to keep every
     * core busy while the caller aggregates, few enough to bound memory */
    b->window = (size_t)jobs * 4;
    b->slots = calloc(b->window, sizeof *b->slots);
    b->full = calloc(b->window, 1);
    b->threads = calloc((size_t)jobs, sizeof *b->threads);
    if (!b->slots || !b->full || !b->threads)
        goto fail;
    if (pthread_mutex_init(&b->mu, NULL) != 0)
        goto fail;
    if (pthread_cond_init(&b->ready, NULL) != 0) {
        pthread_mutex_destroy(&b->mu);
        goto fail;
    }
    if (pthread_cond_init(&b->space, NULL) != 0) {
        pthread_cond_destroy(&b->ready);
        pthread_mutex_destroy(&b->mu);
        goto fail;
    }
    /* libxml2's global set-up must happen once, before any thread parses */
    xmlio_init();
    for (int t = 0; t < jobs; t++) {
        if (pthread_create(&b->threads[t], NULL, worker, b) != 0)
            break;
        b->n_threads++;
    }
    if (b->n_threads == 0) {
        /* no thread at all: read on the caller's thread instead */
        sync_destroy(b);
        free(b->slots);
        free(b->full);
        free(b->threads);
        b->slots = NULL;
        b->full = NULL;
        b->threads = NULL;
        b->jobs = 1;
    }
    return b;
fail:
    free(b->slots);
    free(b->full);
    free(b->threads);
    free(b);
    return NULL;
}

/* Adds |v| to *acc unless the result would pass BATCH_MONEY_LIMIT;
 * -1 then (*acc unchanged). */
static int add_bounded(bc_money *acc, bc_money v)
{
    bc_money m = *acc;
    if (v == INT64_MIN || money_add(&m, v < 0 ? -v : v) != 0 ||
        m > BATCH_MONEY_LIMIT)
        return -1;
    *acc = m;
    return 0;
}

/* Taken in input order: rejects (finding BUDGET-SUM-LIMIT, naming the
 * file) a submission without errors whose budget amounts, added to those
 * of the files before it, would pass BATCH_MONEY_LIMIT, so that no sum
 * the aggregate makes can overflow. */
static void guard_sums(bc_batch *b, batch_result *r)
{
    const submission *s = r->s;
    if (!s || !r->d || diag_count_sev(r->d, BC_SEV_ERROR) > 0)
        return;
    bc_money alloc = b->sum_alloc, disb = b->sum_disb;
    size_t i = 0;
    for (; i < s->n_budget; i++) {
        const sub_budget *g = &s->budget[i];
        if (g->amounts_ok && (add_bounded(&alloc, g->allocated_v) != 0 ||
                              add_bounded(&disb, g->disbursed_v) != 0))
            break;
    }
    if (i == s->n_budget) {
        b->sum_alloc = alloc;
        b->sum_disb = disb;
        return;
    }
    char found[64];
    snprintf(found, sizeof found, "dòng kinh phí thứ %zu", i + 1);
    bc_loc at = {s->file, s->budget[i].at.line, s->budget[i].at.cell};
    diag_add(r->d, BC_SEV_ERROR, "BUDGET-SUM-LIMIT", &at, found,
             "tổng không quá 2.000.000.000.000 triệu đồng",
             "các số kinh phí của tệp này, cộng với các tệp trước, vượt giới "
             "hạn tổng hợp: tệp bị từ chối; hãy kiểm tra lại số kinh phí "
             "(đơn vị triệu đồng)");
}

/* What is decided in input order, once a result is taken: the sums'
 * guard, then the one verdict on the file (validate_verdict). */
static void judge(bc_batch *b, batch_result *r)
{
    guard_sums(b, r);
    if (r->d && validate_verdict(r->st, b->paths[r->index],
                                 b->cycles[r->index], r->s, r->d, 0,
                                 &r->verdict) != BC_OK)
        r->st = BC_ERR_NOMEM;
}

bc_status batch_next(bc_batch *b, batch_result *out)
{
    memset(out, 0, sizeof *out);
    if (b->taken >= b->n)
        return BC_ERR_INVALID;
    if (b->jobs == 1) {
        run_one(b, b->taken++, out);
        judge(b, out);
        return out->d ? BC_OK : BC_ERR_NOMEM;
    }
    size_t k = b->taken % b->window;
    pthread_mutex_lock(&b->mu);
    while (!b->full[k])
        pthread_cond_wait(&b->ready, &b->mu);
    *out = b->slots[k];
    memset(&b->slots[k], 0, sizeof b->slots[k]);
    b->full[k] = 0;
    b->taken++;
    pthread_cond_broadcast(&b->space);
    pthread_mutex_unlock(&b->mu);
    judge(b, out);
    return out->d ? BC_OK : BC_ERR_NOMEM;
}

void batch_free(bc_batch *b)
{
    if (!b)
        return;
    if (b->jobs > 1) {
        pthread_mutex_lock(&b->mu);
        b->stop = 1;
        pthread_cond_broadcast(&b->space);
        pthread_mutex_unlock(&b->mu);
        for (int t = 0; t < b->n_threads; t++)
            pthread_join(b->threads[t], NULL);
        for (size_t k = 0; k < b->window; k++)
            if (b->full[k])
                result_clear(&b->slots[k]);
        sync_destroy(b);
    }
    free(b->slots);
    free(b->full);
    free(b->threads);
    free(b);
}
