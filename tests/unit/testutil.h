/* testutil.h - what every cmocka test program includes. */
#ifndef BC_TESTUTIL_H
#define BC_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "diag.h"
#include "util.h"

/* Asserts that d holds a finding with this code (and, when not NULL, this
 * found value); returns it. */
static inline const bc_finding *assert_finding(const bc_diag *d,
                                               const char *code,
                                               const char *found)
{
    for (size_t i = 0; i < diag_count(d); i++) {
        const bc_finding *f = diag_get(d, i);
        if (strcmp(f->code, code) == 0 &&
            (!found || (f->found && strcmp(f->found, found) == 0)))
            return f;
    }
    fail_msg("no finding %s%s%s", code, found ? " with found=" : "",
             found ? found : "");
    return NULL;
}

/* Asserts that d holds no finding with this code. */
static inline void assert_no_finding(const bc_diag *d, const char *code)
{
    for (size_t i = 0; i < diag_count(d); i++)
        if (strcmp(diag_get(d, i)->code, code) == 0)
            fail_msg("unexpected finding %s: %s", code,
                     diag_get(d, i)->message);
}

/* Removes a scratch folder and everything in it; errors are ignored. */
static inline void scratch_remove(const char *dir)
{
    char **names = NULL;
    size_t n = 0;
    if (bc_list_dir(dir, &names, &n) == BC_OK) {
        for (size_t i = 0; i < n; i++) {
            char *p = bc_path_join(dir, names[i]);
            if (p && bc_is_dir(p))
                scratch_remove(p);
            else if (p)
                remove(p);
            free(p);
        }
        bc_free_names(names);
    }
    rmdir(dir);
}

#endif
