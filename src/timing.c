/* timing.c - the --timings lines (timing.h). */
#include "timing.h"

#include <sys/resource.h>
#include <time.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

double timing_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + t.tv_nsec / 1e9;
}

void timing_add(stage_time *st, double *t0)
{
    double t = timing_now();
    st->s += t - *t0;
    *t0 = t;
}

void timing_print(const run_timings *t, const char *name, const stage_time *st)
{
    if (!t->on)
        return;
    struct rusage ru;
    long maxrss = getrusage(RUSAGE_SELF, &ru) == 0 ? ru.ru_maxrss : -1;
    if (getrusage(RUSAGE_CHILDREN, &ru) == 0 && ru.ru_maxrss > maxrss)
        maxrss = ru.ru_maxrss;
    long heap = -1; /* what malloc has handed out and not taken back */
#ifdef __GLIBC__
    struct mallinfo2 mi = mallinfo2();
    heap = (long)((mi.uordblks + mi.hblkhd) / 1024);
#endif
    fprintf(stderr,
            "baocao: timing %s %.3f ms files=%llu bytes=%llu "
            "maxrss_kb=%ld heap_kb=%ld\n",
            name, st->s * 1e3, st->n, st->bytes, maxrss, heap);
}

void timing_print_total(const run_timings *t, double total)
{
    if (!t->on)
        return;
    timing_print(t, "findings", &t->findings);
    stage_time all = {total, t->ingest.n, t->ingest.bytes};
    timing_print(t, "total", &all);
}
