/* fuzz_common.h - what every harness of tests/fuzz/ shares.
 *
 * Each harness fuzz_NAME.c defines LLVMFuzzerInitialize and
 * LLVMFuzzerTestOneInput, defines FUZZ_NAME ("xml", ...) and includes this
 * file.  Built with -DFUZZING and -fsanitize=fuzzer (make fuzz, see
 * tests/fuzz/fuzz.mk) libFuzzer drives it; built without, the main() at
 * the end makes it a plain regression program (make check-unit): it runs
 * every file of tests/fuzz/corpus/NAME/ and tests/fuzz/regressions/NAME/
 * (or the files and folders named on its command line) through the
 * harness once and fails when an input crashes, trips a sanitizer or
 * breaks a property the harness checks (fuzz_check aborts).
 *
 * The repository root (templates/, the corpora) is $BAOCAO_ROOT, else the
 * current folder, else the folder one or two levels above the program.
 */
#ifndef BC_FUZZ_COMMON_H
#define BC_FUZZ_COMMON_H

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "plan.h"
#include "text.h"
#include "util.h"
#include "validate.h"
#include "xmlio.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A broken property: print it and abort, which libFuzzer reports as a
 * crash (and saves the input). */
#define fuzz_check(cond)                                                  \
    do {                                                                  \
        if (!(cond)) {                                                    \
            fprintf(stderr, "%s:%d: property failed: %s\n", __FILE__,     \
                    __LINE__, #cond);                                     \
            abort();                                                      \
        }                                                                 \
    } while (0)

static char *fuzz_root_dir;

static inline void fuzz_root_free(void)
{
    free(fuzz_root_dir);
    fuzz_root_dir = NULL;
}

/* 1 if dir holds templates/plan/de-an-2030.xml. */
static inline int fuzz_is_root(const char *dir)
{
    char *p = bc_asprintf("%s/templates/plan/de-an-2030.xml", dir);
    struct stat sb;
    int ok = p && stat(p, &sb) == 0 && S_ISREG(sb.st_mode);
    free(p);
    return ok;
}

/* Finds the repository root once (see the top); aborts when there is
 * none, since a harness without its plan would test nothing. */
static inline const char *fuzz_root(const char *argv0)
{
    if (fuzz_root_dir)
        return fuzz_root_dir;
    const char *env = getenv("BAOCAO_ROOT");
    if (env && *env) {
        if (!fuzz_is_root(env)) {
            fprintf(stderr, "fuzz: BAOCAO_ROOT=%s has no templates/plan/\n",
                    env);
            abort();
        }
        fuzz_root_dir = bc_strdup(env);
    } else {
        /* the folder of the program: "build-fuzz", "build/tests" */
        const char *slash = argv0 ? strrchr(argv0, '/') : NULL;
        char *exe = slash ? bc_strndup(argv0, (size_t)(slash - argv0))
                          : bc_strdup(".");
        char *cand[3] = {bc_strdup("."),
                         exe ? bc_asprintf("%s/..", exe) : NULL,
                         exe ? bc_asprintf("%s/../..", exe) : NULL};
        for (size_t i = 0; i < 3; i++) {
            if (!fuzz_root_dir && cand[i] && fuzz_is_root(cand[i])) {
                fuzz_root_dir = cand[i];
                cand[i] = NULL;
            }
            free(cand[i]);
        }
        free(exe);
    }
    if (!fuzz_root_dir) {
        fprintf(stderr, "fuzz: repository root not found (set BAOCAO_ROOT)\n");
        abort();
    }
    atexit(fuzz_root_free);
    return fuzz_root_dir;
}

/* The real plan and a validator over it, built once per process (they
 * are read-only afterwards; the validator's match data is overwritten by
 * every match) and freed at exit. */
static plan *fuzz_plan;
static bc_validator *fuzz_validator;

static inline void fuzz_validator_free(void)
{
    validator_free(fuzz_validator);
    plan_free(fuzz_plan);
    fuzz_validator = NULL;
    fuzz_plan = NULL;
    xmlCleanupParser();
}

static inline bc_validator *fuzz_validator_setup(const char *argv0)
{
    if (fuzz_validator)
        return fuzz_validator;
    const char *root = fuzz_root(argv0);
    char *plan_xml = bc_asprintf("%s/templates/plan/de-an-2030.xml", root);
    char *plan_xsd = bc_asprintf("%s/templates/schema/plan.xsd", root);
    char *sub_xsd = bc_asprintf("%s/templates/schema/submission.xsd", root);
    if (!plan_xml || !plan_xsd || !sub_xsd)
        abort();
    xmlio_init();
    bc_diag *d = diag_new();
    if (!d || plan_load(plan_xml, plan_xsd, d, &fuzz_plan) != BC_OK ||
        !(fuzz_validator = validator_new(fuzz_plan, sub_xsd, d))) {
        fprintf(stderr, "fuzz: cannot load the plan from %s\n", root);
        for (size_t i = 0; d && i < diag_count(d); i++)
            diag_print(diag_get(d, i), stderr);
        abort();
    }
    diag_free(d);
    free(plan_xml);
    free(plan_xsd);
    free(sub_xsd);
    atexit(fuzz_validator_free);
    return fuzz_validator;
}

/* Where findings are printed, so that the printer meets hostile text too
 * (the output is thrown away). */
static FILE *fuzz_null;

static inline void fuzz_null_close(void)
{
    if (fuzz_null)
        fclose(fuzz_null);
    fuzz_null = NULL;
}

/* Prints every finding of d to /dev/null and checks what every finding
 * must have: a code, a message, valid UTF-8 in every text. */
static inline void fuzz_findings(const bc_diag *d)
{
    if (!fuzz_null) {
        fuzz_null = fopen("/dev/null", "w");
        if (!fuzz_null)
            abort();
        atexit(fuzz_null_close);
    }
    for (size_t i = 0; i < diag_count(d); i++) {
        const bc_finding *f = diag_get(d, i);
        fuzz_check(f && f->code && f->message);
        const char *texts[] = {f->code,  f->file,  f->place, f->unit,
                               f->message, f->found, f->expected};
        static const char *const names[] = {"code",    "file",  "place",
                                            "unit",    "message", "found",
                                            "expected"};
        for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++)
            if (texts[k] && !text_utf8_valid(texts[k], strlen(texts[k]))) {
                fprintf(stderr, "finding %s: %s not UTF-8: ", f->code,
                        names[k]);
                for (const unsigned char *c = (const unsigned char *)texts[k];
                     *c; c++)
                    fprintf(stderr, *c < 0x80 && *c >= 0x20 ? "%c" : "\\x%02X",
                            *c);
                fputc('\n', stderr);
                fuzz_check(!"every text of a finding is valid UTF-8");
            }
        diag_print(f, fuzz_null);
    }
}

#ifndef FUZZING
/* --- the regression program ------------------------------------------------ */

static size_t fuzz_ran;

static int fuzz_run_file(const char *path)
{
    char *data = NULL;
    size_t len = 0;
    /* as libFuzzer, larger inputs than any -max_len are not cut here */
    if (bc_read_file(path, (size_t)64 << 20, &data, &len) != BC_OK) {
        fprintf(stderr, "fuzz_%s: cannot read %s\n", FUZZ_NAME, path);
        return 1;
    }
    /* an exact-size copy, so that reading past the end is caught */
    uint8_t *copy = malloc(len ? len : 1);
    if (!copy) {
        free(data);
        return 1;
    }
    memcpy(copy, data, len);
    free(data);
    LLVMFuzzerTestOneInput(copy, len);
    free(copy);
    fuzz_ran++;
    return 0;
}

/* A file, or every regular file of a folder (sorted; not recursive).  A
 * missing folder is fine when optional. */
static int fuzz_run_path(const char *path, int optional)
{
    struct stat sb;
    if (stat(path, &sb) != 0) {
        if (optional)
            return 0;
        fprintf(stderr, "fuzz_%s: no such file or folder: %s\n", FUZZ_NAME,
                path);
        return 1;
    }
    if (!S_ISDIR(sb.st_mode))
        return fuzz_run_file(path);
    char **names = NULL;
    size_t n = 0;
    if (bc_list_dir(path, &names, &n) != BC_OK) {
        fprintf(stderr, "fuzz_%s: cannot list %s\n", FUZZ_NAME, path);
        return 1;
    }
    int failed = 0;
    for (size_t i = 0; i < n; i++) {
        char *p = bc_path_join(path, names[i]);
        if (!p) {
            failed = 1;
            break;
        }
        if (stat(p, &sb) == 0 && S_ISREG(sb.st_mode))
            failed |= fuzz_run_file(p);
        free(p);
    }
    bc_free_names(names);
    return failed;
}

int main(int argc, char **argv)
{
    LLVMFuzzerInitialize(&argc, &argv);
    int failed = 0;
    if (argc > 1) {
        for (int i = 1; i < argc; i++)
            failed |= fuzz_run_path(argv[i], 0);
    } else {
        const char *root = fuzz_root(argv[0]);
        char *dir = bc_asprintf("%s/tests/fuzz/corpus/%s", root, FUZZ_NAME);
        failed |= !dir || fuzz_run_path(dir, 0);
        free(dir);
        dir = bc_asprintf("%s/tests/fuzz/regressions/%s", root, FUZZ_NAME);
        failed |= !dir || fuzz_run_path(dir, 1);
        free(dir);
    }
    if (!failed && fuzz_ran == 0) {
        fprintf(stderr, "fuzz_%s: no input found\n", FUZZ_NAME);
        failed = 1;
    }
    if (!failed)
        printf("fuzz_%s: %zu inputs, no failure\n", FUZZ_NAME, fuzz_ran);
    return failed;
}
#endif

#endif
