/* run.c - `baocao run`'s pipeline (run.h): the input listed, each file
 * read and checked on -j threads and taken in list order, the aggregate
 * built and checked against its schema, the four reports made by two
 * child processes and swapped in as one set. */
#include "run.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#ifndef _WIN32
#include <poll.h>
#endif
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "aggregate.h"
#include "annotate.h"
#include "batch.h"
#include "cli.h"
#include "context.h"
#include "detail.h"
#include "ingest.h"
#include "render.h"
#include "so_sections.h"
#include "timing.h"
#include "util.h"
#include "validate.h"
#include "xlsx_writer.h"
#include "xmlio.h"


/* One input file to read. */
typedef struct in_file {
    char *path;  /* as opened */
    char *shown; /* as named in findings and reports (bc_name_display) */
    int cycle;
} in_file;

typedef struct run_state {
    bc_ctx ctx;
    bc_diag *d;            /* every finding of the run */
    bc_diag *plan_d;       /* plan contradictions */
    in_file *files;
    size_t n_files, cap_files;
    in_file *refused;      /* names of submissions never opened (links
                            * out of the input folder, FIFOs, dangling
                            * links): rejected with a finding */
    size_t n_refused, cap_refused;
    size_t printed;
    int progress;          /* stderr is a terminal */
    struct timespec t0;
    run_timings tm;        /* --timings */
    /* the phases' results, freed by run_main */
    const run_opts *o;
    int year;
    size_t n_contra;       /* contradictions of the plan */
    size_t accepted, rejected;
    size_t ann_failed;     /* marked-up copies not written */
    bc_validator *v;
    bc_agg *agg;
    xmlDocPtr doc;         /* the aggregate (the templates' view) */
    annotate_names names;
    const char **inputs;   /* the input paths, for annotate's names */
    annotate_set *aset;    /* --annotate-set: copies written into the set */
} run_state;

static double elapsed(const run_state *r)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - r->t0.tv_sec) + (t.tv_nsec - r->t0.tv_nsec) / 1e9;
}

/* Prints new findings (clearing a progress line first). */
static void flush_findings(run_state *r)
{
    double t0 = r->tm.on ? timing_now() : 0;
    xmlio_library_findings(r->d); /* bounded, never raw on stderr */
    if (r->progress && diag_count(r->d) > r->printed)
        fputs("\r\033[K", stderr);
    r->printed = ctx_print_findings(r->d, r->printed, stderr);
    if (r->tm.on)
        timing_add(&r->tm.findings, &t0);
}

static int is_year_name(const char *s, int *year)
{
    int y = 0;
    for (int i = 0; i < 4; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        y = y * 10 + (s[i] - '0');
    }
    if (s[4] != '\0')
        return 0;
    *year = y;
    return 1;
}

/* Appends path (taken over) to *v; 0, or -1 out of memory (path freed). */
static int push_file(in_file **v, size_t *n, size_t *cap, char *path,
                     int cycle)
{
    char *shown = bc_name_display(path);
    if (!shown || *n == *cap) {
        size_t nc = *cap ? *cap * 2 : 64;
        in_file *nf = shown ? realloc(*v, nc * sizeof *nf) : NULL;
        if (!nf) {
            free(shown);
            free(path);
            return -1;
        }
        *v = nf;
        *cap = nc;
    }
    (*v)[*n].path = path;
    (*v)[*n].shown = shown;
    (*v)[*n].cycle = cycle;
    (*n)++;
    return 0;
}

static int add_file(run_state *r, char *path, int cycle)
{
    return push_file(&r->files, &r->n_files, &r->cap_files, path, cycle);
}

/* What a name in the input folder is, links looked through only while
 * they stay inside the input folder. */
typedef enum entry_kind {
    ENT_FILE,     /* a regular file (or a link to one inside the input) */
    ENT_DIR,      /* a folder (or a link to one inside the input) */
    ENT_OTHER,    /* a FIFO, socket or device */
    ENT_LINK_OUT, /* a link that leaves the input folder: never opened */
    ENT_BROKEN,   /* a dangling link or a loop of links (*err says which) */
    ENT_GONE      /* vanished since the listing */
} entry_kind;

/* The kind of the entry at path; root is the input folder.  Nothing is
 * opened: lstat, then stat and realpath for a link. */
static entry_kind entry_kind_of(const char *path, const char *root, int *err)
{
    struct stat sb;
    *err = 0;
    if (lstat(path, &sb) != 0) {
        *err = errno;
        return ENT_GONE;
    }
    if (S_ISLNK(sb.st_mode)) {
        if (stat(path, &sb) != 0) {
            *err = errno;
            return ENT_BROKEN;
        }
        if (!bc_path_inside(path, root))
            return ENT_LINK_OUT;
    }
    if (S_ISREG(sb.st_mode))
        return ENT_FILE;
    if (S_ISDIR(sb.st_mode))
        return ENT_DIR;
    return ENT_OTHER;
}

/* Adds the error that refuses a name that looks like a submission but is
 * not a file to read (kind is ENT_LINK_OUT, ENT_BROKEN or ENT_OTHER), and
 * remembers it so that the reports list it as rejected.  0 or -1 (out of
 * memory). */
static int refuse_entry(run_state *r, char *path, const char *name,
                        entry_kind kind, int err, int cycle)
{
    char *shown_name = bc_name_display(name);
    bc_loc at = {path, 0, NULL};
    if (kind == ENT_LINK_OUT)
        diag_add(r->d, BC_SEV_ERROR, "INPUT-LINK", &at, shown_name,
                 "tệp báo cáo đặt ngay trong thư mục vào",
                 "liên kết (symlink) trỏ ra ngoài thư mục vào; không đọc tệp "
                 "mà nó trỏ tới (hãy chép chính tệp báo cáo vào đây)");
    else if (kind == ENT_BROKEN)
        diag_add(r->d, BC_SEV_ERROR, "INPUT-LINK", &at, shown_name,
                 "tệp báo cáo đặt ngay trong thư mục vào",
                 "%s; không đọc",
                 err == ELOOP ? "liên kết (symlink) vòng quanh, không trỏ tới "
                                "tệp nào"
                              : "liên kết (symlink) hỏng: tệp nó trỏ tới "
                                "không còn");
    else
        diag_add(r->d, BC_SEV_ERROR, "INPUT-NOT-FILE", &at, shown_name,
                 "tệp báo cáo thông thường",
                 "không phải tệp thông thường (ống FIFO, thiết bị, socket hoặc "
                 "thư mục) dù mang tên tệp báo cáo; không đọc");
    diag_set_context(r->d, diag_count(r->d) - 1, NULL, cycle);
    free(shown_name);
    return push_file(&r->refused, &r->n_refused, &r->cap_refused, path, cycle);
}

/* Adds a finding about the entry path of year folder `cycle` that is not
 * read (its message is msg, not a format). */
static void say_entry(run_state *r, const char *path, bc_severity sev,
                      const char *code, const char *found,
                      const char *expected, const char *msg, int cycle)
{
    bc_loc at = {path, 0, NULL};
    diag_add(r->d, sev, code, &at, found, expected, "%s", msg);
    diag_set_context(r->d, diag_count(r->d) - 1, NULL, cycle);
}

/* Adds the files of the year folder dir (cycle y) of the input folder
 * `input`: each submission to read, each name refused unopened (a link
 * out, a FIFO) with its error, anything else said and skipped.  0, or -1
 * after saying why not (the folder unreadable, memory). */
static int list_year(run_state *r, const char *input, const char *dir, int y)
{
    int rc = 0, err;
    char **fn = NULL;
    size_t nf = 0;
    if (bc_list_dir_all(dir, &fn, &nf) != BC_OK) {
        fprintf(stderr, "baocao run: không đọc được thư mục «%s»\n", dir);
        return -1;
    }
    for (size_t k = 0; k < nf && rc == 0; k++) {
        char *path = bc_path_join(dir, fn[k]);
        if (!path) {
            rc = -1;
            break;
        }
        entry_kind kind = entry_kind_of(path, input, &err);
        if (kind == ENT_GONE ||
            (fn[k][0] == '.' && !ingest_supported(fn[k]))) {
            free(path);
            continue; /* removed while we listed; .DS_Store */
        }
        if (!bc_name_plain(fn[k]))
            /* read all the same: the name is shown escaped ("\xE1")
             * in findings and reports */
            say_entry(r, path, BC_SEV_WARNING, "INPUT-NAME", NULL,
                      "tên tệp UTF-8, không có ký tự điều khiển",
                      "tên tệp có byte không phải UTF-8 hoặc ký tự điều "
                      "khiển, được ghi lại dạng \\xHH; hãy đổi tên tệp",
                      y);
        const char *skip = NULL, *want = "tệp .xml, .xlsx hoặc .xls";
        if (kind != ENT_FILE && kind != ENT_DIR &&
            ingest_supported(fn[k])) {
            rc = refuse_entry(r, path, fn[k], kind, err, y);
            continue;
        } else if (kind == ENT_DIR) {
            /* submissions are read from the year folder itself: a
             * folder inside it is said, never read silently */
            skip = "thư mục con trong thư mục năm, không đọc các tệp bên "
                   "trong";
            want = "tệp báo cáo đặt ngay trong thư mục năm";
        } else if (kind != ENT_FILE) {
            skip = "không phải tệp báo cáo của đơn vị (liên kết hoặc tệp "
                   "đặc biệt), không đọc";
        } else if (fn[k][0] == '.') {
            /* hidden, named like a submission: the "._X.xlsx" a Mac
             * leaves on a USB stick, say */
            skip = "tệp ẩn (tên bắt đầu bằng dấu chấm, thường do máy Mac "
                   "hoặc phần mềm khác để lại), không đọc";
            want = "tệp báo cáo có tên không bắt đầu bằng dấu chấm";
        } else if (fn[k][0] == '~' && fn[k][1] == '$') {
            /* the owner file Excel keeps beside an open workbook */
            say_entry(r, path, BC_SEV_NOTE, "INPUT-TEMP", fn[k], NULL,
                      "tệp tạm của Excel (bảng tính đang mở), không đọc",
                      y);
            free(path);
            continue;
        } else if (!ingest_supported(fn[k])) {
            skip = "tệp không phải báo cáo của đơn vị, không đọc";
        }
        if (skip) {
            say_entry(r, path, BC_SEV_WARNING, "INPUT-SKIPPED", fn[k],
                      want, skip, y);
            free(path);
            continue;
        }
        rc = add_file(r, path, y);
    }
    bc_free_names(fn);
    return rc;
}

/* Lists the cycles of the input folder: files of the year folders from
 * the plan's first year to `year`, sorted.  Other entries get a note.
 * *year is set to the latest year folder when it is 0.  Returns 0 or -1
 * (message printed). */
static int list_inputs(run_state *r, const char *input, int *year)
{
    char **names = NULL;
    size_t n = 0;
    if (bc_list_dir(input, &names, &n) != BC_OK) {
        fprintf(stderr, "baocao run: không đọc được thư mục vào «%s»\n", input);
        return -1;
    }
    int latest = 0;
    for (size_t i = 0; i < n; i++) {
        int y, err;
        char *p = bc_path_join(input, names[i]);
        if (p && is_year_name(names[i], &y) &&
            entry_kind_of(p, input, &err) == ENT_DIR && y > latest)
            latest = y;
        free(p);
    }
    if (!*year)
        *year = latest;
    if (!*year) {
        fprintf(stderr, "baocao run: «%s» không có thư mục năm nào "
                        "(cần dạng %s/2025/...)\n", input, input);
        bc_free_names(names);
        return -1;
    }
    const plan *p = r->ctx.plan;
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        int y, err;
        char *dir = bc_path_join(input, names[i]);
        if (!dir) {
            rc = -1;
            break;
        }
        entry_kind dkind = is_year_name(names[i], &y)
                               ? entry_kind_of(dir, input, &err)
                               : ENT_GONE;
        if (dkind != ENT_DIR || y > *year) {
            /* README.md and the like, or a later cycle; a year folder of
             * the report that is a link out of the input is never read */
            if ((dkind == ENT_LINK_OUT || dkind == ENT_BROKEN) &&
                y <= *year && y >= p->start_year)
                say_entry(r, dir, BC_SEV_ERROR, "INPUT-LINK", names[i],
                          "thư mục năm nằm ngay trong thư mục vào",
                          "thư mục năm là liên kết (symlink) ra ngoài thư mục "
                          "vào hoặc liên kết hỏng; không đọc các tệp trong đó",
                          y);
            free(dir);
            continue;
        }
        if (y < p->start_year) {
            bc_loc at = {dir, 0, NULL};
            diag_add(r->d, BC_SEV_NOTE, "INPUT-YEAR", &at, names[i],
                     "từ năm đầu của Đề án trở đi",
                     "thư mục năm trước thời kỳ Đề án (%d-%d), không đọc",
                     p->start_year, p->end_year);
            free(dir);
            continue;
        }
        rc = list_year(r, input, dir, y);
        free(dir);
    }
    bc_free_names(names);
    return rc;
}

/* Says why the reports could not be written: a full disk by name and
 * place, memory as memory, anything else with its status. */
static void say_write_failure(const char *what, const char *dir,
                              bc_status st)
{
    if (st == BC_ERR_NOSPACE)
        fprintf(stderr, "baocao run: đĩa chứa thư mục «%s» đã đầy, không ghi "
                        "được %s; hãy giải phóng chỗ trống trên đĩa đó (hoặc "
                        "chọn --output ở đĩa khác) rồi chạy lại; các báo cáo "
                        "cũ trong %s được giữ nguyên\n", dir, what, dir);
    else if (st == BC_ERR_NOMEM)
        fprintf(stderr, "baocao run: không đủ bộ nhớ để lập %s; hãy đóng bớt "
                        "chương trình khác hoặc chạy với --jobs 1; các báo cáo "
                        "cũ trong %s được giữ nguyên\n", what, dir);
    else
        fprintf(stderr, "baocao run: không lập được %s (%s); các báo cáo "
                        "cũ trong %s được giữ nguyên\n", what,
                bc_status_msg(st), dir);
}

enum { OUT_XML, OUT_HTML, OUT_CHECK, OUT_XLSX, OUT__COUNT };
/* The outputs' names, the year in place of %d. */
static const char *const out_fmt[OUT__COUNT] = {
    "tong-hop-%d.xml", "bao-cao-%d.html", "kiem-tra-%d.html", "bao-cao-%d.xlsx"};

/* The reports are made by two children at once: the HTML reports, and
 * tong-hop with the workbook (both write every item of the long lists,
 * built by the aggregator a chunk at a time). */
enum { JOB_HTML, JOB_BOOK, JOB__COUNT };
static const int job_outputs[JOB__COUNT][3] = {
    {OUT_HTML, OUT_CHECK, -1}, {OUT_XML, OUT_XLSX, -1}};

/* xlsx rows' items: detail_items_fn over the aggregator ctx. */
static long agg_items(void *ctx, const char *list, size_t first, size_t max,
                      xmlNodePtr parent)
{
    return agg_list_items(ctx, list, first, max, parent);
}

/* Makes output `out` into the staged file path (the child of job that
 * owns it) from the aggregator a and its view agg.  BC_OK or the status
 * of the failure (findings in r->d). */
static bc_status make_output(run_state *r, int out, bc_agg *a, xmlDocPtr agg,
                             char *const *staged, double *t0)
{
    static const char *const xsl_rel[OUT__COUNT] = {
        NULL, "xslt/bao-cao.xsl", "xslt/kiem-tra.xsl", "xslt/bao-cao-xlsx.xsl"};
    static const char *const name_of[OUT__COUNT] = {
        NULL, "render.bao-cao", "render.kiem-tra", "render.xlsx"};
    bc_status st = BC_OK;
    char *xsl = NULL, *wbxsd = NULL, *rows_xsl = NULL;
    xmlDocPtr wb = NULL;
    bc_detail *dt = NULL;
    if (out == OUT_XML) {
        /* every record, though the view templates see may list fewer */
        st = agg_save(a, agg, staged[out], r->d);
        timing_add(&r->tm.write, t0);
        goto done;
    }
    xsl = ctx_path(&r->ctx, xsl_rel[out]);
    stage_time one = {0, 1, 0};
    double before = *t0;
    if (out != OUT_XLSX) {
        st = xsl ? render_html(xsl, agg, staged[out], r->d) : BC_ERR_NOMEM;
    } else {
        wbxsd = ctx_path(&r->ctx, "schema/workbook.xsd");
        st = (xsl && wbxsd) ? render_doc(xsl, agg, r->d, &wb) : BC_ERR_NOMEM;
    }
    timing_add(&one, &before);
    timing_print(&r->tm, name_of[out], &one);
    *t0 = timing_now();
    if (out != OUT_XLSX || st != BC_OK)
        goto done;
    /* a list longer than the view: its rows are built by the aggregator
     * a chunk at a time (detail.h) */
    rows_xsl = ctx_path(&r->ctx, "xslt/bao-cao-xlsx-rows.xsl");
    dt = rows_xsl ? detail_new(agg_items, a, agg, rows_xsl, 0, r->d, &st) : NULL;
    if (st == BC_OK && !dt)
        st = BC_ERR_NOMEM;
    if (st == BC_OK) {
        xlsx_row_source src = detail_source(dt);
        st = xlsx_write_checked_rows(wb, wbxsd, &src, staged[out], r->d);
    }
    timing_add(&r->tm.write, t0);
done:
    if (st == BC_ERR_IO)
        st = bc_io_status(staged[out], 0); /* a full disk, said so */
    if ((st == BC_ERR_TEMPLATE || st == BC_ERR_INTERNAL) && xmlio_nomem_seen())
        st = BC_ERR_NOMEM;
    detail_free(dt);
    xmlFreeDoc(wb);
    free(rows_xsl);
    free(wbxsd);
    free(xsl);
    return st;
}

/* What the jobs share: the aggregator, the view, the staged paths of the outputs, the scratch
 * folder of the set, the year folder as named in messages, the year. */
typedef struct job_env {
    bc_agg *a;
    xmlDocPtr agg;
    char *const *staged;
    const char *stage;
    const char *dir;
    int year;
} job_env;

/* The body of a job's child: makes its outputs, says what failed.
 * Returns its exit code: 0 when every staged file of the job is whole,
 * 2 after printing why not. */
static int run_job(run_state *r, int job, const job_env *e)
{
    double t0 = timing_now();
    for (const int *o = job_outputs[job]; *o >= 0; o++) {
        bc_status st = make_output(r, *o, e->a, e->agg, e->staged, &t0);
        if (st != BC_OK) {
            flush_findings(r);
            char name[64];
            snprintf(name, sizeof name, out_fmt[*o], e->year);
            char *what = bc_asprintf("«%s/%s»", e->dir, name);
            say_write_failure(what ? what : name, e->dir, st);
            free(what);
            return 2;
        }
    }
    /* --annotate-set: the copies of the rejected workbooks, in the set */
    size_t list_only = 0; /* copies holding the findings sheet alone */
    bc_status st = BC_OK;
    if (job == JOB_BOOK && r->aset &&
        (st = annotate_set_write(r->aset, e->stage, r->d, r->d, &list_only)) != BC_OK) {
        flush_findings(r);
        say_write_failure("các bản đánh dấu lỗi", e->dir, st);
        return 2;
    }
    if (job == JOB_BOOK && r->aset && r->aset->n)
        fprintf(stderr, "baocao: đánh dấu ô cần sửa của %zu bảng tính bị từ "
                        "chối vào %s/%s/%s\n", r->aset->n, e->dir,
                ANNOTATE_SET_DIR, list_only ? "; có bản chỉ có danh sách lỗi "
                                              "(không chép lại được bảng tính)"
                                            : "");
    flush_findings(r);
    if (job == JOB_BOOK)
        timing_print(&r->tm, "write.staged", &r->tm.write);
    return 0;
}

#ifndef _WIN32
/* Starts the child of job, its stderr into the pipe *fd_out (the read
 * end, for the parent).  Returns its pid, or -1 (nothing started). */
static pid_t start_job(run_state *r, int job, const job_env *e, int *fd_out)
{
    int p[2];
    if (pipe(p) != 0)
        return -1;
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        close(p[0]);
        close(p[1]);
        return -1;
    }
    if (pid == 0) {
        close(p[0]);
        int code = dup2(p[1], STDERR_FILENO) < 0 ? 2 : 0;
        close(p[1]);
        if (code == 0)
            code = run_job(r, job, e);
        fflush(NULL);
        _exit(code);
    }
    close(p[1]);
    *fd_out = p[0];
    return pid;
}

/* Reads the pipes fd[0..n) to their ends into out[] (as the children
 * write, so that none blocks on a full pipe), then closes them.  Output
 * that memory cannot hold is dropped. */
static void collect_pipes(int *fd, bc_strbuf *out, int n)
{
    char buf[4096];
    for (;;) {
        struct pollfd pf[JOB__COUNT];
        int m = 0;
        for (int i = 0; i < n; i++)
            if (fd[i] >= 0)
                pf[m++] = (struct pollfd){fd[i], POLLIN, 0};
        if (!m)
            return;
        if (poll(pf, (nfds_t)m, -1) < 0) {
            if (errno == EINTR)
                continue;
            return;
        }
        for (int k = 0; k < m; k++) {
            if (!pf[k].revents)
                continue;
            int i = 0;
            while (fd[i] != pf[k].fd)
                i++;
            ssize_t got = read(fd[i], buf, sizeof buf);
            if (got < 0 && errno == EINTR)
                continue;
            if (got <= 0) {
                close(fd[i]);
                fd[i] = -1;
            } else {
                sb_add(&out[i], buf, (size_t)got);
            }
        }
    }
}
#endif

/* Writes the four outputs of `year` into outdir/<year>/ as a set: each is
 * written (itself atomically) into a fresh scratch folder beside it
 * (bc_outset), the workbook is read back whole (xlsx_verify), and only
 * when all four succeeded is the folder swapped in with one atomic
 * rename: whatever happens (a failure, a full disk, SIGTERM, kill -9) the
 * folder holds the previous complete set or the new one, never a mix.
 *
 * The reports are made in two child processes at once (the HTML reports;
 * tong-hop and the workbook), so that both cores work: libxslt can also
 * crash when memory runs out in the middle of a stylesheet (seen in
 * xsltKeyFunction under ulimit -v), and a crash must not end the run
 * without a word.  Each child writes its staged files and exits 0 when
 * they are whole; what a child prints is held and printed in job order,
 * so the run's messages are the same whichever finishes first.  The
 * parent swaps the set in, or keeps the old one and says why.  Returns
 * 0 or -1 (message printed). */
static int write_outputs(run_state *r, bc_agg *a, xmlDocPtr agg,
                         const char *outdir, int year)
{
    int rc = -1;
    char *staged[OUT__COUNT] = {0};
    char *dir = NULL;
    bc_outset set = {0};
    pid_t pid[JOB__COUNT] = {-1, -1};
    int fd[JOB__COUNT] = {-1, -1};
    bc_strbuf said[JOB__COUNT] = {0};
    char name[64];
    snprintf(name, sizeof name, "%d", year);
    dir = bc_path_join(outdir, name);
    bc_status st = dir ? bc_outset_begin(outdir, name, &set) : BC_ERR_NOMEM;
    if (st != BC_OK) {
        if (st == BC_ERR_NOSPACE)
            say_write_failure("các báo cáo", dir ? dir : outdir, st);
        else
            fprintf(stderr, "baocao run: không tạo được thư mục ra «%s» (%s)\n",
                    dir ? dir : outdir, bc_status_msg(st));
        goto out;
    }
    for (int i = 0; i < OUT__COUNT; i++) {
        snprintf(name, sizeof name, out_fmt[i], year);
        if (!(staged[i] = bc_outset_file(&set, name)))
            goto out;
    }
    job_env env = {a, agg, staged, set.stage, dir, year};
    double t0 = timing_now();
    int started = 1, whole = 1, crashed = 0;
#ifdef _WIN32
    /* no fork: the jobs run here, one after the other (docs/windows.md) */
    for (int j = 0; j < JOB__COUNT && whole; j++)
        whole = run_job(r, j, &env) == 0;
#else
    for (int j = 0; j < JOB__COUNT && started; j++)
        started = (pid[j] = start_job(r, j, &env, &fd[j])) > 0;
    collect_pipes(fd, said, JOB__COUNT);
    whole = started;
#endif
    for (int j = 0; j < JOB__COUNT; j++) {
        int ws = 0;
        if (pid[j] <= 0)
            continue;
        while (waitpid(pid[j], &ws, 0) < 0 && errno == EINTR)
            ;
        if (!WIFEXITED(ws))
            crashed = 1;
        if (!WIFEXITED(ws) || WEXITSTATUS(ws) != 0)
            whole = 0;
        fwrite(sb_str(&said[j]), 1, said[j].len, stderr);
    }
    r->tm.render.n = 3;
    timing_add(&r->tm.render, &t0);
    timing_print(&r->tm, "render", &r->tm.render);
    if (!started)
        say_write_failure("các báo cáo", dir, BC_ERR_NOMEM);
    else if (crashed)
        fprintf(stderr, "baocao run: việc lập báo cáo bị dừng đột ngột "
                        "(thường do không đủ bộ nhớ); các báo cáo cũ "
                        "trong %s được giữ nguyên; hãy đóng bớt chương "
                        "trình khác rồi chạy lại\n", dir);
    if (!whole)
        goto out; /* the child said why */
    if (r->tm.on)
        for (int i = 0; i < OUT__COUNT; i++)
            r->tm.write.bytes += bc_file_size(staged[i]);
    t0 = timing_now(); /* "write" is the swap; the children timed the rest */
    st = bc_outset_commit(&set);
    if (st != BC_OK) {
        say_write_failure("các báo cáo", dir, st);
#ifdef _WIN32
        if (bc_w32_rename_refused()) /* Windows will not move an open file */
            fprintf(stderr, "baocao run: một báo cáo cũ trong %s đang mở ở "
                            "chương trình khác (Excel?); hãy đóng rồi chạy lại\n", dir);
#endif
        goto out;
    }
    r->tm.write.n = OUT__COUNT;
    timing_add(&r->tm.write, &t0);
    timing_print(&r->tm, "write", &r->tm.write);
    rc = 0;
out:
    bc_outset_abort(&set); /* nothing left to do after a commit */
    for (int j = 0; j < JOB__COUNT; j++) {
        if (fd[j] >= 0)
            close(fd[j]);
        sb_release(&said[j]);
    }
    for (int i = 0; i < OUT__COUNT; i++)
        free(staged[i]);
    free(dir);
    return rc;
}

/* Writes the marked-up copy of the rejected workbook f (its findings are
 * r->d[from..)) into dir/<cycle>/ and says where.  Returns 0, or -1 after
 * printing why the copy is missing. */
static int annotate_file(run_state *r, const in_file *f, size_t from,
                         const char *dir, annotate_names *names,
                         const char *const *inputs)
{
    char name[16];
    snprintf(name, sizeof name, "%d", f->cycle);
    char *ydir = bc_path_join(dir, name);
    if (r->progress)
        fputs("\r\033[K", stderr);
    if (ydir && bc_mkdir_p(ydir) != BC_OK) {
        fprintf(stderr, "baocao run: không tạo được thư mục «%s»\n", ydir);
        free(ydir);
        return -1;
    }
    const char *out = ydir ? annotate_pick_name(names, ydir, f->path, inputs,
                                                r->n_files)
                           : NULL;
    free(ydir);
    char *shown_out = out ? bc_name_display(out) : NULL; /* named after the input */
    cli_annotate_shown shown = {"baocao run", f->shown, shown_out ? shown_out : ""};
    int rc = cli_annotate(f->path, r->d, from, out, &shown);
    free(shown_out);
    return rc;
}


/* The lock of the output folder, the leftovers of a killed run cleared.
 * 0, or -1 after saying why not. */
static int run_lock(const char *output)
{
    /* one run at a time per output folder: a second one is refused
     * before it reads anything (the lock ends with the process) */
    bc_status lst = bc_mkdir_p(output);
    if (lst == BC_OK)
        lst = bc_lock_folder(output);
    if (lst == BC_ERR_LOCKED) {
        fprintf(stderr, "baocao run: một lần chạy khác đang ghi báo cáo vào "
                        "thư mục «%s»; hãy đợi lần chạy đó xong rồi chạy lại "
                        "(các báo cáo trong đó không bị thay đổi)\n", output);
        return -1;
    }
    if (lst != BC_OK) {
        if (lst == BC_ERR_NOSPACE)
            say_write_failure("các báo cáo", output, lst);
        else
            fprintf(stderr, "baocao run: không ghi được vào thư mục ra «%s» "
                            "(%s); các báo cáo cũ trong đó được giữ nguyên\n",
                    output, bc_status_msg(lst));
        return -1;
    }
    /* what a killed run left: scratch folders, temporary files */
    bc_remove_leftovers(output);
    bc_cleanup_signals();
    return 0;
}

/* The plan, the year and its input files, the plan's own check, the
 * validator and the aggregator.  0, or -1 after saying why not. */
static int run_setup(run_state *r)
{
    const run_opts *o = r->o;
    double t0 = timing_now();
    if (ctx_open(&r->ctx, o->templates, o->plan_file, r->d) != 0)
        return -1;
    const plan *p = r->ctx.plan;
    r->year = o->year;
    if (r->year && (r->year < p->start_year || r->year > p->end_year)) {
        fprintf(stderr, "baocao run: năm %d nằm ngoài thời kỳ Đề án (%d-%d)\n",
                r->year, p->start_year, p->end_year);
        return -1;
    }
    if (list_inputs(r, o->input, &r->year) != 0)
        return -1;
    if (r->year < p->start_year || r->year > p->end_year) {
        fprintf(stderr, "baocao run: năm %d nằm ngoài thời kỳ Đề án (%d-%d)\n",
                r->year, p->start_year, p->end_year);
        return -1;
    }
    r->n_contra = plan_check(p, r->ctx.plan_path, r->plan_d);
    ctx_print_findings(r->plan_d, 0, stderr);
    flush_findings(r);

    char *xsd = ctx_path(&r->ctx, "schema/submission.xsd");
    r->v = xsd ? validator_new(p, xsd, r->d) : NULL;
    free(xsd);
    r->agg = agg_new(p, r->year);
    if (r->agg && o->detail_limit >= 0)
        agg_set_detail_limit(r->agg, (size_t)o->detail_limit);
    if (!r->v || !r->agg) {
        flush_findings(r);
        fprintf(stderr, "baocao run: không khởi tạo được bộ kiểm tra\n");
        return -1;
    }
    timing_add(&r->tm.setup, &t0);
    timing_print(&r->tm, "setup", &r->tm.setup);
    return 0;
}

/* Counts the batch result of file f in the --timings stages. */
static void time_file(run_state *r, const in_file *f, const batch_result *br)
{
    char ext[16];
    bc_file_ext(f->path, ext, sizeof ext);
    stage_time *fs = &r->tm.ingest_fmt[strcmp(ext, "xlsx") == 0 ? FMT_XLSX
                                       : strcmp(ext, "xls") == 0 ? FMT_XLS
                                                                 : FMT_XML];
    unsigned long long size = bc_file_size(f->path);
    r->tm.ingest.s += br->ingest_s;
    r->tm.ingest.n++;
    r->tm.ingest.bytes += size;
    fs->s += br->ingest_s;
    fs->n++;
    fs->bytes += size;
    r->tm.validate.s += br->validate_s;
    r->tm.validate.n++;
}

/* Each file read and checked by the batch, its verdict and submission
 * added to the aggregate in list order (so findings and reports are the
 * same for every -j), its findings printed; a rejected workbook marked
 * up when asked.  0, or -1 after saying why not (memory). */
static int run_files(run_state *r, bc_batch *batch)
{
    double t_files = timing_now();
    /* the names refused unopened are listed among the rejected files */
    for (size_t i = 0; i < r->n_refused; i++) {
        /* refused before reading: its finding is the one error */
        bc_verdict refused = {BC_VERDICT_REJECTED, BC_ERR_IO, 1, 0, ""};
        if (agg_add_file(r->agg, r->refused[i].shown, r->refused[i].cycle, NULL,
                         &refused, r->d) != BC_OK)
            goto nomem;
        r->rejected++;
    }
    for (size_t i = 0; i < r->n_files; i++) {
        batch_result br;
        size_t before = diag_count(r->d);
        bc_status st = batch_next(batch, &br);
        if (st == BC_OK)
            st = diag_move(r->d, br.d);
        diag_free(br.d);
        if (st != BC_OK || br.st == BC_ERR_NOMEM) {
            submission_free(br.s);
            goto nomem;
        }
        if (r->tm.on)
            time_file(r, &r->files[i], &br);
        diag_set_context(r->d, before, NULL, r->files[i].cycle);
        if (br.verdict.kind == BC_VERDICT_REJECTED)
            r->rejected++;
        else
            r->accepted++;
        double t0 = timing_now();
        if (agg_add_file(r->agg, r->files[i].shown, r->files[i].cycle, br.s,
                         &br.verdict, r->d) != BC_OK)
            goto nomem;
        timing_add(&r->tm.aggregate, &t0);
        flush_findings(r);
        if (r->aset && r->files[i].cycle == r->year &&
            br.verdict.kind == BC_VERDICT_REJECTED &&
            annotate_supported(r->files[i].path) &&
            annotate_set_add(r->aset, r->files[i].path, r->files[i].shown, before,
                             diag_count(r->d)) != BC_OK)
            goto nomem;
        if (r->o->annotate && br.verdict.kind == BC_VERDICT_REJECTED &&
            annotate_supported(r->files[i].path) &&
            annotate_file(r, &r->files[i], before, r->o->annotate, &r->names,
                          r->inputs) != 0)
            r->ann_failed++;
        if (r->progress && elapsed(r) > 1.0)
            fprintf(stderr, "\r\033[Kđang xử lý %zu/%zu tệp...", i + 1, r->n_files);
    }
    r->tm.files.s = timing_now() - t_files;
    r->tm.files.n = r->n_files;
    r->tm.files.bytes = r->tm.ingest.bytes;
    return 0;
nomem:
    fprintf(stderr, "baocao run: %s\n", bc_status_msg(BC_ERR_NOMEM));
    return -1;
}

/* The files of the run through the batch (its threads).  0 or -1 after
 * saying why not. */
static int run_batch(run_state *r)
{
    int rc = -1;
    const char **paths = malloc((r->n_files ? r->n_files : 1) * sizeof *paths);
    int *cycles = malloc((r->n_files ? r->n_files : 1) * sizeof *cycles);
    bc_batch *batch = NULL;
    if (r->o->annotate && r->n_files &&
        !(r->inputs = malloc(r->n_files * sizeof *r->inputs)))
        goto out;
    if (!paths || !cycles)
        goto out;
    for (size_t i = 0; i < r->n_files; i++) {
        paths[i] = r->files[i].path;
        cycles[i] = r->files[i].cycle;
        if (r->inputs)
            r->inputs[i] = r->files[i].path;
    }
    int jobs = r->o->jobs > 0 ? r->o->jobs : batch_default_jobs();
    batch = batch_new(r->v, paths, cycles, r->n_files, jobs);
    if (batch)
        rc = run_files(r, batch) == 0 ? 0 : -2;
out:
    if (rc == -1)
        fprintf(stderr, "baocao run: %s\n", bc_status_msg(BC_ERR_NOMEM));
    batch_free(batch);
    free(paths);
    free(cycles);
    return rc == 0 ? 0 : -1;
}

/* The aggregate document checked against its schema (the templates rely
 * on it): a document that fails it is our fault.  0, or -1 after saying
 * why not. */
static int check_aggregate(run_state *r)
{
    double t0 = timing_now();
    char *path = ctx_path(&r->ctx, "schema/aggregate.xsd");
    xmlSchemaPtr schema = path ? xmlio_schema_load(path, r->d) : NULL;
    int ok = schema && xmlio_validate(schema, r->doc, "tong-hop", r->d) == 0;
    if (!ok) {
        flush_findings(r);
        if (!path || xmlio_nomem_seen())
            fprintf(stderr, "baocao run: không đủ bộ nhớ để kiểm tra tài liệu "
                            "tổng hợp; hãy đóng bớt chương trình khác hoặc chạy "
                            "với --jobs 1\n");
        else
            fprintf(stderr, "baocao run: lỗi nội bộ: tài liệu tổng hợp không "
                            "đúng lược đồ %s\n", path);
    } else {
        timing_add(&r->tm.agg_check, &t0);
        r->tm.agg_check.n = 1;
        timing_print(&r->tm, "aggregate.check", &r->tm.agg_check);
    }
    xmlSchemaFree(schema);
    free(path);
    return ok ? 0 : -1;
}

/* The aggregate document: built from what the files gave, with the
 * settings and the Sở's own sections, then checked (check_aggregate).
 * 0, or -1 after saying why not. */
static int run_aggregate(run_state *r)
{
    double t0 = timing_now();
    timing_print(&r->tm, "ingest", &r->tm.ingest);
    timing_print(&r->tm, "ingest.xml", &r->tm.ingest_fmt[FMT_XML]);
    timing_print(&r->tm, "ingest.xlsx", &r->tm.ingest_fmt[FMT_XLSX]);
    timing_print(&r->tm, "ingest.xls", &r->tm.ingest_fmt[FMT_XLS]);
    timing_print(&r->tm, "validate", &r->tm.validate);
    timing_print(&r->tm, "files", &r->tm.files);
    char *path = ctx_path(&r->ctx, "settings.xml");
    xmlDocPtr settings = path && bc_is_file(path)
                             ? xmlio_read_trusted(path, r->d, NULL) : NULL;
    free(path);
    bc_status st = agg_build(r->agg, r->d, r->plan_d, settings, r->d, &r->doc);
    xmlFreeDoc(settings);
    if (st != BC_OK) {
        flush_findings(r);
        if (st == BC_ERR_NOMEM)
            fprintf(stderr, "baocao run: không đủ bộ nhớ để tổng hợp; hãy đóng "
                            "bớt chương trình khác hoặc chạy với --jobs 1\n");
        else
            fprintf(stderr, "baocao run: không tổng hợp được (%s)\n",
                    bc_status_msg(st));
        return -1;
    }
    /* the Sở's own sections (so_sections.h) */
    path = so_sections_path(r->o->input, r->year);
    st = path ? so_sections_attach(r->doc, path, r->year, r->d) : BC_ERR_NOMEM;
    free(path);
    if (st != BC_OK || (r->aset && annotate_set_mark(r->aset, r->doc) != BC_OK)) {
        fprintf(stderr, "baocao run: hết bộ nhớ\n");
        return -1;
    }
    double before_build = r->tm.aggregate.s;
    timing_add(&r->tm.aggregate, &t0);
    r->tm.aggregate.n = r->accepted;
    flush_findings(r);
    timing_print(&r->tm, "aggregate", &r->tm.aggregate);
    stage_time build = {r->tm.aggregate.s - before_build, 1, 0};
    timing_print(&r->tm, "aggregate.build", &build);
    return check_aggregate(r);
}

/* The summary line and the exit code of a run whose reports are written. */
static int run_summary(run_state *r)
{
    const plan *p = r->ctx.plan;
    size_t errs = diag_count_sev(r->d, BC_SEV_ERROR);
    size_t warns = diag_count_sev(r->d, BC_SEV_WARNING);
    fprintf(stderr,
            "baocao: năm %d: đọc %zu tệp (%d-%d), %zu hợp lệ, %zu bị từ chối; "
            "%zu lỗi, %zu cảnh báo; Đề án có %zu chỗ mâu thuẫn; "
            "báo cáo ghi tại %s/%d/\n",
            r->year, r->n_files + r->n_refused, p->start_year, r->year,
            r->accepted, r->rejected, errs, warns, r->n_contra, r->o->output,
            r->year);
    timing_print_total(&r->tm, timing_now() - r->o->t_start);
    if (r->ann_failed) {
        fprintf(stderr, "baocao run: không ghi được %zu bản đánh dấu lỗi vào "
                        "%s\n", r->ann_failed, r->o->annotate);
        return BC_EXIT_FAILURE;
    }
    return (r->rejected || r->n_contra) ? BC_EXIT_FINDINGS : BC_EXIT_OK;
}

int run_main(const run_opts *o)
{
    if (run_lock(o->output) != 0)
        return BC_EXIT_FAILURE;
    int rc = BC_EXIT_FAILURE;
    run_state r;
    memset(&r, 0, sizeof r);
    annotate_names names = ANNOTATE_NAMES_INIT;
    annotate_set aset = ANNOTATE_SET_INIT;
    r.names = names;
    r.aset = o->annotate_set ? &aset : NULL;
    r.o = o;
    clock_gettime(CLOCK_MONOTONIC, &r.t0);
    r.tm.on = o->timings;
    r.progress = isatty(2);
    r.d = diag_new();
    r.plan_d = diag_new();
    if (r.d && r.plan_d && run_setup(&r) == 0 && run_batch(&r) == 0 &&
        run_aggregate(&r) == 0 &&
        write_outputs(&r, r.agg, r.doc, o->output, r.year) == 0) {
        flush_findings(&r);
        rc = run_summary(&r);
    }
    if (rc == BC_EXIT_FAILURE && r.d)
        flush_findings(&r);
    xmlFreeDoc(r.doc);
    agg_free(r.agg);
    validator_free(r.v);
    for (size_t i = 0; i < r.n_files; i++) {
        free(r.files[i].path);
        free(r.files[i].shown);
    }
    free(r.files);
    for (size_t i = 0; i < r.n_refused; i++) {
        free(r.refused[i].path);
        free(r.refused[i].shown);
    }
    free(r.refused);
    free(r.inputs);
    annotate_names_free(&r.names);
    annotate_set_free(&aset);
    ctx_close(&r.ctx);
    diag_free(r.d);
    diag_free(r.plan_d);
    return rc;
}
