/* timing.h - `baocao run --timings`: the wall time and volume of each
 * stage of a run, one line a stage as soon as it ends (docs/performance.md
 * lists the stages and what each covers).  Nothing here changes what a
 * run does or writes; without --timings nothing is printed.  The lines go
 * to stderr (a report child's stderr is a pipe its parent prints from). */
#ifndef BC_TIMING_H
#define BC_TIMING_H

#include <stdio.h>

/* One stage: its time and what it went through. */
typedef struct stage_time {
    double s;                 /* seconds, summed over calls */
    unsigned long long n;     /* files (or outputs) */
    unsigned long long bytes; /* their sizes */
} stage_time;

enum { FMT_XML, FMT_XLSX, FMT_XLS, FMT__COUNT };

/* The stages of a run. */
typedef struct run_timings {
    int on;                       /* --timings given */
    stage_time setup;             /* plan load and check, schemas, listing */
    stage_time ingest;            /* ingest_file, all formats (thread time) */
    stage_time ingest_fmt[FMT__COUNT];
    stage_time validate;          /* XSD, document -> struct, rules (thread time) */
    stage_time files;             /* wall time of the loop over the files:
                                   * ingest + validate on the threads,
                                   * agg_add_file and printing here */
    stage_time aggregate;         /* agg_add_file + settings + agg_build */
    stage_time agg_check;         /* the aggregate against aggregate.xsd */
    stage_time render;            /* the reports made, the children's wall time */
    stage_time write;             /* tong-hop XML, XLSX, renames */
    stage_time findings;          /* printing findings to stderr */
} run_timings;

/* The monotonic clock, in seconds. */
double timing_now(void);

/* Adds the time since *t0 to st and restarts *t0 (now). */
void timing_add(stage_time *st, double *t0);

/* One line for stage `name` to t->out, with the peak RSS so far (of this
 * process or of a child it has waited for: the reports are made in
 * children) and the heap in use; nothing when t->on is 0. */
void timing_print(const run_timings *t, const char *name, const stage_time *st);

/* The last lines: printing findings, then the whole run of `total`
 * seconds. */
void timing_print_total(const run_timings *t, double total);

#endif
