/* run.h - the main job's pipeline (`baocao run`): list the input, read
 * and check every file on -j threads, aggregate, write the four reports
 * of the year as one set.  cmd_run.c parses and checks the options and
 * calls run_main; this module is the command's body: it prints the run's
 * findings, progress, summary and --timings lines on stderr (through
 * ctx_print_findings and timing.h) and returns the exit code. */
#ifndef BC_RUN_H
#define BC_RUN_H

/* What `baocao run` was asked for; the paths as given (checked by
 * cmd_run.c: input a folder, output and annotate not inside it). */
typedef struct run_opts {
    const char *input, *output;
    const char *templates;   /* NULL: the default (context.h) */
    const char *plan_file;   /* NULL: the templates' plan */
    const char *annotate;    /* NULL: no marked-up copies */
    int annotate_set;        /* the copies of the year's rejected
                              * workbooks written into the set (can-sua/) */
    int year;                /* 0: the latest year folder */
    int jobs;                /* -1: one thread per core */
    int detail_limit;        /* -1: AGG_DETAIL_LIMIT */
    int timings;             /* --timings */
    double t_start;          /* timing_now() when the command started */
} run_opts;

/* Runs the job.  Returns BC_EXIT_OK, BC_EXIT_FINDINGS (a file rejected
 * or the plan contradicts itself; the reports were written) or
 * BC_EXIT_FAILURE (said on stderr; the previous reports are kept). */
int run_main(const run_opts *o);

#endif
