/* measure.c - runs one command and reports its wall time, CPU time and
 * peak RSS (the benchmark's clock, tools/bench.sh).
 *
 *   measure [--log FILE] [--mark STAGE] [--stop-at STAGE] [--timeout S]
 *           -- PROGRAM [ARG...]
 *
 * The program's stdout and stderr go to FILE (default /dev/null), line by
 * line as it writes them.  `baocao run --timings` prints
 * "baocao: timing STAGE ..." as each stage ends:
 *   --mark STAGE      notes the program's CPU time when STAGE's line
 *                     arrives (from /proc: its live threads' run time);
 *   --stop-at STAGE   kills the program (its process group) as soon as
 *                     STAGE's line arrives, so the figures cover the run up
 *                     to the end of that stage.
 * --timeout S kills it after S seconds.
 *
 * Prints one line on stdout:
 *   status=ok|stopped|timeout|failed(N)|killed(SIG) wall_s=W user_s=U sys_s=S cpu_s=C
 *   maxrss_kb=K mark_cpu_s=M
 * where ok is exit status 0 or 1 (baocao's "some input rejected"), cpu_s
 * is user + sys of every thread and every waited-for child (wait4), and
 * mark_cpu_s is -1 without --mark or when the mark never came.
 * Exit status 0, or 2 when the program could not be started. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define TIMING_PREFIX "baocao: timing "

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* CPU seconds of a live process so far: the run time of each of its live
 * threads (/proc/PID/task/TID/schedstat, in ns) added up, or, when that
 * cannot be read, user + system time from /proc/PID/stat (clock ticks,
 * 10 ms here, threads that ended included).  -1 when neither is readable.
 * Exact for a mark taken before any thread ended (setup, on one thread). */
static double proc_cpu_s(pid_t pid)
{
    char path[96], buf[1024];
    snprintf(path, sizeof path, "/proc/%ld/task", (long)pid);
    DIR *dir = opendir(path);
    if (dir) {
        unsigned long long ns = 0;
        int any = 0;
        struct dirent *e;
        while ((e = readdir(dir))) {
            if (e->d_name[0] == '.')
                continue;
            snprintf(path, sizeof path, "/proc/%ld/task/%.20s/schedstat", (long)pid,
                     e->d_name);
            FILE *f = fopen(path, "r");
            unsigned long long t;
            if (f && fscanf(f, "%llu", &t) == 1) {
                ns += t;
                any = 1;
            }
            if (f)
                fclose(f);
        }
        closedir(dir);
        if (any)
            return (double)ns / 1e9;
    }
    snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    /* the command name may hold spaces: count fields after its ')' */
    char *p = strrchr(buf, ')');
    if (!p)
        return -1;
    unsigned long long ut = 0, st = 0;
    int field = 2;
    for (char *tok = strtok(p + 1, " "); tok; tok = strtok(NULL, " ")) {
        field++;
        if (field == 14)
            ut = strtoull(tok, NULL, 10);
        else if (field == 15) {
            st = strtoull(tok, NULL, 10);
            break;
        }
    }
    return (double)(ut + st) / (double)sysconf(_SC_CLK_TCK);
}

/* the stage named by a --timings line, copied to out; 0 when not one */
static int timing_stage(const char *line, char *out, size_t cap)
{
    size_t plen = strlen(TIMING_PREFIX);
    if (strncmp(line, TIMING_PREFIX, plen) != 0)
        return 0;
    const char *s = line + plen;
    size_t n = strcspn(s, " \n");
    if (n == 0 || n >= cap)
        return 0;
    memcpy(out, s, n);
    out[n] = '\0';
    return 1;
}

static void usage(void)
{
    fprintf(stderr, "usage: measure [--log FILE] [--mark STAGE] [--stop-at STAGE] "
                    "[--timeout S] -- PROGRAM [ARG...]\n");
    exit(2);
}

int main(int argc, char **argv)
{
    const char *log_path = "/dev/null", *mark = NULL, *stop_at = NULL;
    double timeout = 0;
    int i = 1;
    for (; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        }
        if (i + 1 >= argc)
            usage();
        if (strcmp(argv[i], "--log") == 0)
            log_path = argv[++i];
        else if (strcmp(argv[i], "--mark") == 0)
            mark = argv[++i];
        else if (strcmp(argv[i], "--stop-at") == 0)
            stop_at = argv[++i];
        else if (strcmp(argv[i], "--timeout") == 0)
            timeout = atof(argv[++i]);
        else
            usage();
    }
    if (i >= argc)
        usage();

    FILE *log = fopen(log_path, "w");
    if (!log) {
        fprintf(stderr, "measure: %s: %s\n", log_path, strerror(errno));
        return 2;
    }
    int fds[2];
    if (pipe(fds) != 0) {
        perror("measure: pipe");
        return 2;
    }
    double t0 = now_s();
    pid_t pid = fork();
    if (pid < 0) {
        perror("measure: fork");
        return 2;
    }
    if (pid == 0) {
        setpgid(0, 0); /* its own group: a stop reaches its children too */
        dup2(fds[1], 1);
        dup2(fds[1], 2);
        close(fds[0]);
        close(fds[1]);
        execvp(argv[i], argv + i);
        fprintf(stderr, "measure: %s: %s\n", argv[i], strerror(errno));
        _exit(127);
    }
    setpgid(pid, pid);
    close(fds[1]);

    FILE *in = fdopen(fds[0], "r");
    char line[4096], stage[128];
    double mark_cpu = -1;
    int stopped = 0, timed_out = 0;
    struct pollfd pfd = {.fd = fds[0], .events = POLLIN};
    for (;;) {
        if (timeout > 0) {
            double left = timeout - (now_s() - t0);
            if (left <= 0 || poll(&pfd, 1, (int)(left * 1000) + 1) == 0) {
                if (now_s() - t0 >= timeout) {
                    kill(-pid, SIGKILL);
                    timed_out = 1;
                    break;
                }
                continue;
            }
        }
        if (!fgets(line, sizeof line, in))
            break;
        fputs(line, log);
        if ((mark || stop_at) && timing_stage(line, stage, sizeof stage)) {
            if (mark && strcmp(stage, mark) == 0)
                mark_cpu = proc_cpu_s(pid);
            if (stop_at && strcmp(stage, stop_at) == 0) {
                kill(-pid, SIGKILL);
                stopped = 1;
                break;
            }
        }
    }
    int st = 0;
    struct rusage ru;
    while (wait4(pid, &st, 0, &ru) < 0 && errno == EINTR)
        ;
    double wall = now_s() - t0;
    fclose(in);
    fclose(log);

    char status[32];
    if (stopped)
        snprintf(status, sizeof status, "stopped");
    else if (timed_out)
        snprintf(status, sizeof status, "timeout");
    else if (WIFEXITED(st) && WEXITSTATUS(st) <= 1)
        snprintf(status, sizeof status, "ok");
    else if (WIFEXITED(st))
        snprintf(status, sizeof status, "failed(%d)", WEXITSTATUS(st));
    else
        snprintf(status, sizeof status, "killed(%d)", WTERMSIG(st));
    double user = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6;
    double sys = (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
    printf("status=%s wall_s=%.3f user_s=%.3f sys_s=%.3f cpu_s=%.3f maxrss_kb=%ld "
           "mark_cpu_s=%.3f\n",
           status, wall, user, sys, user + sys, ru.ru_maxrss, mark_cpu);
    return 0;
}
