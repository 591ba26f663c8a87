/* test_batch.c - ingest + validation on threads: every result comes back
 * once, in input order, and equal to what one thread gives, for any number
 * of jobs; stopping early neither hangs nor leaks.
 *
 * The inputs are the sample cycles of input/ (workbooks and XML, valid and
 * rejected) plus a file that does not exist and one that is not a
 * submission, each listed twice so that the same file is read by two
 * threads at once.
 */
#include "testutil.h"

#include <glob.h>
#include <stdio.h>
#include <stdlib.h>

#include "batch.h"
#include "plan.h"
#include "util.h"
#include "validate.h"

static plan *P;
static bc_validator *V;
static char **paths;
static int *cycles;
static size_t n_paths;

static int setup(void **state)
{
    (void)state;
    bc_diag *d = diag_new();
    if (plan_load("templates/plan/de-an-2030.xml", "templates/schema/plan.xsd",
                  d, &P) != BC_OK)
        return -1;
    V = validator_new(P, "templates/schema/submission.xsd", d);
    diag_free(d);
    glob_t g;
    if (!V || glob("input/20*/*.x*", 0, NULL, &g) != 0 || g.gl_pathc < 20)
        return -1;
    size_t n = g.gl_pathc * 2 + 4;
    paths = calloc(n, sizeof *paths);
    cycles = calloc(n, sizeof *cycles);
    if (!paths || !cycles)
        return -1;
    for (size_t i = 0; i < g.gl_pathc; i++) {
        paths[n_paths] = bc_strdup(g.gl_pathv[i]);
        cycles[n_paths++] = atoi(g.gl_pathv[i] + 6);
        if (i % 3 == 0) {
            paths[n_paths] = bc_strdup(g.gl_pathv[i]);
            cycles[n_paths++] = atoi(g.gl_pathv[i] + 6);
        }
        if (i == g.gl_pathc / 2) {
            paths[n_paths] = bc_strdup("input/2026/khong-co.xlsx");
            cycles[n_paths++] = 2026;
            paths[n_paths] = bc_strdup("templates/schema/plan.xsd");
            cycles[n_paths++] = 2026;
        }
    }
    globfree(&g);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    for (size_t i = 0; i < n_paths; i++)
        free(paths[i]);
    free(paths);
    free(cycles);
    validator_free(V);
    plan_free(P);
    return 0;
}

/* Everything a result says, as one text: status, submission, findings. */
static void describe(const batch_result *r, bc_strbuf *sb)
{
    sb_addf(sb, "#%zu st=%d", r->index, (int)r->st);
    if (r->s)
        sb_addf(sb, " unit=%s records=%zu activities=%zu", r->s->unit_v ? r->s->unit_v : "-",
                r->s->n_records, r->s->n_activities);
    sb_addf(sb, "\n");
    for (size_t k = 0; k < diag_count(r->d); k++) {
        const bc_finding *f = diag_get(r->d, k);
        sb_addf(sb, "  %d %s %s:%s %s %s %s\n", (int)f->sev, f->code,
                f->file ? f->file : "-", f->place ? f->place : "-", f->message,
                f->found ? f->found : "-", f->unit ? f->unit : "-");
    }
}

/* All results of a batch of `jobs`, in the order taken, as text (caller
 * frees); counts accepted and rejected. */
static char *run_all(int jobs, size_t *accepted, size_t *rejected)
{
    bc_strbuf sb = BC_STRBUF_INIT;
    bc_batch *b = batch_new(V, (const char *const *)paths, cycles, n_paths, jobs);
    assert_non_null(b);
    *accepted = *rejected = 0;
    for (size_t i = 0; i < n_paths; i++) {
        batch_result r;
        assert_int_equal(batch_next(b, &r), BC_OK);
        assert_int_equal(r.index, i);
        assert_non_null(r.d);
        if (r.st == BC_OK && diag_count_sev(r.d, BC_SEV_ERROR) == 0)
            ++*accepted;
        else
            ++*rejected;
        describe(&r, &sb);
        submission_free(r.s);
        diag_free(r.d);
    }
    batch_result none;
    assert_int_equal(batch_next(b, &none), BC_ERR_INVALID);
    batch_free(b);
    assert_false(sb.failed);
    char *text = bc_strdup(sb_str(&sb));
    sb_release(&sb);
    return text;
}

static void test_same_for_every_jobs(void **state)
{
    (void)state;
    size_t acc1, rej1;
    char *one = run_all(1, &acc1, &rej1);
    assert_true(acc1 > 10);
    assert_true(rej1 >= 4); /* the missing file, the schema, the samples' own */
    assert_non_null(strstr(one, "khong-co.xlsx") ? one : NULL);
    int jobs[] = {2, 3, 8, 64};
    for (size_t j = 0; j < BC_ARRAY_LEN(jobs); j++) {
        size_t acc, rej;
        char *many = run_all(jobs[j], &acc, &rej);
        assert_int_equal(acc, acc1);
        assert_int_equal(rej, rej1);
        assert_string_equal(many, one);
        free(many);
    }
    free(one);
}

/* Freed after a few results: the workers stop, the rest is freed (ASan
 * tells a leak, a hang never returns). */
static void test_stop_early(void **state)
{
    (void)state;
    for (int jobs = 1; jobs <= 4; jobs++) {
        bc_batch *b = batch_new(V, (const char *const *)paths, cycles, n_paths, jobs);
        assert_non_null(b);
        for (int i = 0; i < 3; i++) {
            batch_result r;
            assert_int_equal(batch_next(b, &r), BC_OK);
            assert_int_equal(r.index, (size_t)i);
            submission_free(r.s);
            diag_free(r.d);
        }
        batch_free(b);
    }
    batch_free(NULL);
}

/* No input at all: the first call says so. */
static void test_empty(void **state)
{
    (void)state;
    bc_batch *b = batch_new(V, NULL, NULL, 0, 4);
    assert_non_null(b);
    batch_result r;
    assert_int_equal(batch_next(b, &r), BC_ERR_INVALID);
    batch_free(b);
    assert_true(batch_default_jobs() >= 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_for_every_jobs),
        cmocka_unit_test(test_stop_early),
        cmocka_unit_test(test_empty),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
