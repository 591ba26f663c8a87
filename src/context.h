/* context.h - what every command needs: the templates folder, the plan,
 * printing findings.  Command-level code (may print). */
#ifndef BC_CONTEXT_H
#define BC_CONTEXT_H

#include <stdio.h>

#include "diag.h"
#include "plan.h"

typedef struct bc_ctx {
    char *templates;   /* templates folder */
    char *plan_path;   /* plan file */
    plan *plan;        /* loaded plan */
} bc_ctx;

/* Finds the templates (cli_templates_dir) and loads the plan (plan_file,
 * or templates/plan/de-an-2030.xml) validated against its schema.  Load
 * problems go to d.  Returns 0, or -1 after printing why to stderr (the
 * caller exits with BC_EXIT_FAILURE). */
int ctx_open(bc_ctx *c, const char *templates, const char *plan_file,
             bc_diag *d);

/* A path inside the templates folder; caller frees; NULL out of memory. */
char *ctx_path(const bc_ctx *c, const char *rel);

void ctx_close(bc_ctx *c);

/* Prints findings [from, count) of d to out, GNU style; returns count. */
size_t ctx_print_findings(const bc_diag *d, size_t from, FILE *out);

/* The reporting year a path belongs to: the nearest folder named with
 * four digits (input/2024/x.xml -> 2024), or 0. */
int ctx_cycle_of(const char *path);

#endif
