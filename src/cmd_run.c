/* cmd_run.c - `baocao run`: the main job.  Reads every cycle from the
 * plan's first year to the report year, validates each file, aggregates
 * and writes output/<year>/: tong-hop-<year>.xml, bao-cao-<year>.html,
 * bao-cao-<year>.xlsx, kiem-tra-<year>.html.  With --annotate DIR, each
 * rejected workbook is also copied, marked up, into DIR/<its cycle>/
 * (annotate.h); the copies are not part of the reports. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "aggregate.h"
#include "annotate.h"
#include "batch.h"
#include "cli.h"
#include "commands.h"
#include "context.h"
#include "detail.h"
#include "ingest.h"
#include "render.h"
#include "so_sections.h"
#include "util.h"
#include "validate.h"
#include "xlsx_writer.h"
#include "xmlio.h"

static const cli_cmd run_cmd = {
    "run",
    "[--input DIR] [--output DIR] [--year NĂM] [--plan TỆP] [--templates DIR] "
    "[--annotate DIR] [--jobs N] [--detail-limit N] [--timings]",
    "Kiểm tra, tổng hợp các báo cáo của đơn vị và lập báo cáo năm.\n"
    "Đọc mọi thư mục năm trong DIR vào (input/2021, input/2022, ...) từ năm\n"
    "đầu của Đề án đến năm báo cáo, rồi ghi vào DIR ra/<năm>/:\n"
    "  tong-hop-<năm>.xml   số liệu tổng hợp (mọi báo cáo lập từ tệp này)\n"
    "  bao-cao-<năm>.html   báo cáo gửi Chủ tịch UBND tỉnh\n"
    "  bao-cao-<năm>.xlsx   bảng số liệu\n"
    "  kiem-tra-<năm>.html  danh sách lỗi, cảnh báo để gửi lại đơn vị",
    "Mặc định: --input input, --output output, năm mới nhất có trong input.\n"
    "Với --annotate DIR, mỗi bảng tính (.xlsx, .xls) bị từ chối được chép lại\n"
    "thành DIR/<năm>/<tên tệp>-can-sua.xlsx để gửi lại đơn vị: trang đầu\n"
    "«Cần sửa» liệt kê mọi lỗi, cảnh báo; các ô có lỗi được tô màu và có chú\n"
    "thích. Tệp XML không được đánh dấu; bảng tính hợp lệ không được ghi. DIR\n"
    "không được nằm trong thư mục vào.\n"
    "Với --timings, in thêm ra stderr thời gian của từng bước (setup: nạp Đề\n"
    "án, lược đồ; ingest: đọc tệp; validate: kiểm tra; aggregate: tổng hợp;\n"
    "render: chạy XSLT; write: ghi tệp) ngay khi bước đó xong, mỗi bước một\n"
    "dòng «baocao: timing BƯỚC MS ms files=... bytes=... maxrss_kb=...» (bộ\n"
    "nhớ cao nhất đến lúc đó), cuối cùng là dòng total (để đo hiệu năng, xem\n"
    "docs/performance.md); các báo cáo ghi ra không đổi.\n"
    "Với --jobs N, đọc và kiểm tra các tệp trên N luồng (mặc định: số lõi\n"
    "CPU); kết quả và các báo cáo giống hệt nhau với mọi N.\n"
    "Với --detail-limit N, mỗi danh sách dài mà các mẫu báo cáo thấy (hồ sơ,\n"
    "đơn vị, tệp báo cáo, thuyết minh của đơn vị) chỉ giữ N mục đầu (mặc định\n"
    "1000; 0: tất cả): báo cáo HTML in các mục ấy và ghi danh sách đầy đủ ở\n"
    "đâu; các trang «Chi tiết», «Đơn vị» của bảng tính và tong-hop-<năm>.xml\n"
    "luôn có mọi mục.\n"
    "Mã thoát: 0 mọi tệp hợp lệ; 1 có tệp bị từ chối hoặc Đề án có mâu thuẫn\n"
    "(báo cáo vẫn được lập từ dữ liệu hợp lệ); 2 lỗi cú pháp lệnh hoặc đọc/ghi.",
};

/* --timings: wall time and volume of each stage of the run. */
enum { FMT_XML, FMT_XLSX, FMT_XLS, FMT__COUNT };
typedef struct stage_time {
    double s;                 /* seconds, summed over calls */
    unsigned long long n;     /* files (or outputs) */
    unsigned long long bytes; /* their sizes */
} stage_time;
typedef struct run_timings {
    int on;
    stage_time setup;             /* plan load and check, schemas, listing */
    stage_time ingest;            /* ingest_file, all formats (thread time) */
    stage_time ingest_fmt[FMT__COUNT];
    stage_time validate;          /* XSD, document -> struct, rules (thread time) */
    stage_time files;             /* wall time of the loop over the files:
                                   * ingest + validate on the threads,
                                   * agg_add_file and printing here */
    stage_time aggregate;         /* agg_add_file + settings + agg_build */
    stage_time agg_check;         /* the aggregate against aggregate.xsd */
    stage_time render;            /* XSLT runs (the HTML ones also save) */
    stage_time write;             /* tong-hop XML, XLSX, renames */
    stage_time findings;          /* printing findings to stderr */
} run_timings;

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + t.tv_nsec / 1e9;
}

/* Adds the time since *t0 to st and restarts *t0. */
static void stage_add(stage_time *st, double *t0)
{
    double t = now_s();
    st->s += t - *t0;
    *t0 = t;
}

/* One --timings line, printed as soon as its stage ends (so that a run
 * stopped early still tells the stages it finished), with the peak RSS so
 * far; nothing without --timings. */
static void print_stage(const run_timings *t, const char *name,
                        const stage_time *st)
{
    if (!t->on)
        return;
    struct rusage ru;
    long maxrss = getrusage(RUSAGE_SELF, &ru) == 0 ? ru.ru_maxrss : -1;
    /* the reports are made in a child process (write_outputs): the run's
     * peak is the larger of the two */
    if (getrusage(RUSAGE_CHILDREN, &ru) == 0 && ru.ru_maxrss > maxrss)
        maxrss = ru.ru_maxrss;
    long heap = -1; /* what malloc has handed out and not taken back */
#ifdef __GLIBC__
    struct mallinfo2 mi = mallinfo2();
    heap = (long)((mi.uordblks + mi.hblkhd) / 1024);
#endif
    fprintf(stderr, "baocao: timing %s %.3f ms files=%llu bytes=%llu "
                    "maxrss_kb=%ld heap_kb=%ld\n",
            name, st->s * 1e3, st->n, st->bytes, maxrss, heap);
}

/* The last --timings lines: printing findings, the whole run. */
static void print_total(const run_timings *t, double total)
{
    if (!t->on)
        return;
    print_stage(t, "findings", &t->findings);
    stage_time all = {total, t->ingest.n, t->ingest.bytes};
    print_stage(t, "total", &all);
}

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
    double t0 = r->tm.on ? now_s() : 0;
    xmlio_library_findings(r->d); /* bounded, never raw on stderr */
    if (r->progress && diag_count(r->d) > r->printed)
        fputs("\r\033[K", stderr);
    r->printed = ctx_print_findings(r->d, r->printed, stderr);
    if (r->tm.on)
        stage_add(&r->tm.findings, &t0);
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
                              : "liên kết (symlink) hỏng: tệp nó trỏ tới không "
                                "có");
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
        char **fn = NULL;
        size_t nf = 0;
        if (bc_list_dir_all(dir, &fn, &nf) != BC_OK) {
            fprintf(stderr, "baocao run: không đọc được thư mục «%s»\n", dir);
            free(dir);
            rc = -1;
            break;
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

/* Writes the four outputs of `year` into outdir/<year>/ as a set: each is
 * written (itself atomically) into a fresh scratch folder beside it
 * (bc_outset), the workbook is read back whole (xlsx_verify), and only
 * when all four succeeded is the folder swapped in with one atomic
 * rename: whatever happens (a failure, a full disk, SIGTERM, kill -9) the
 * folder holds the previous complete set or the new one, never a mix.
 * The aggregator *a is freed (and set to NULL) once tong-hop is saved:
 * the reports need only the view agg and that file, and rendering reuses
 * the memory.  Returns 0 or -1 (message printed). */
static int write_outputs(run_state *r, bc_agg **a, xmlDocPtr agg,
                         const char *outdir, int year)
{
    enum { OUT_XML, OUT_HTML, OUT_CHECK, OUT_XLSX, OUT__COUNT };
    static const char *const fmt[OUT__COUNT] = {
        "tong-hop-%d.xml", "bao-cao-%d.html", "kiem-tra-%d.html",
        "bao-cao-%d.xlsx"};
    static const char *const xsl_rel[OUT__COUNT] = {
        NULL, "xslt/bao-cao.xsl", "xslt/kiem-tra.xsl", "xslt/bao-cao-xlsx.xsl"};
    int rc = -1, done = 0;
    char *staged[OUT__COUNT] = {0};
    char *dir = NULL, *xsl = NULL, *wbxsd = NULL;
    xmlDocPtr wb = NULL;
    bc_outset set = {0};
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
        snprintf(name, sizeof name, fmt[i], year);
        if (!(staged[i] = bc_outset_file(&set, name)))
            goto out;
    }
    /* The reports are rendered and written in a child process: libxslt
     * can crash when memory runs out in the middle of a stylesheet (seen
     * in xsltKeyFunction under ulimit -v), and a crash must not end the
     * run without a word.  The child writes the staged files and exits 0
     * when all are whole; the parent swaps the set in, or keeps the old
     * one and says why. */
    double t0 = now_s();
    fflush(NULL);
#ifdef _WIN32
    pid_t child = 0; /* no fork: rendered in this process (docs/windows.md) */
#else
    pid_t child = fork();
#endif
    if (child < 0) {
        say_write_failure("các báo cáo", dir, BC_ERR_NOMEM);
        goto out;
    }
    if (child > 0) {
        int ws = 0;
        while (waitpid(child, &ws, 0) < 0 && errno == EINTR)
            ;
        if (WIFEXITED(ws) && WEXITSTATUS(ws) == 0) {
            t0 = now_s(); /* "write" is the swap; the child timed the rest */
            goto staged;
        }
        if (!WIFEXITED(ws))
            fprintf(stderr, "baocao run: việc lập báo cáo bị dừng đột ngột "
                            "(thường do không đủ bộ nhớ); các báo cáo cũ "
                            "trong %s được giữ nguyên; hãy đóng bớt chương "
                            "trình khác rồi chạy lại\n", dir);
        goto out; /* the child said why */
    }
    for (done = 0; done < OUT__COUNT; done++) {
        free(xsl);
        xsl = xsl_rel[done] ? ctx_path(&r->ctx, xsl_rel[done]) : NULL;
        if (done == OUT_XML) {
            /* every record, though the view templates see may list fewer */
            st = agg_save(*a, agg, staged[done], r->d);
            agg_free(*a);
            *a = NULL;
            stage_add(&r->tm.write, &t0);
        } else {
            static const char *const name_of[OUT__COUNT] = {
                NULL, "render.bao-cao", "render.kiem-tra", "render.xlsx"};
            double before = r->tm.render.s;
            if (done != OUT_XLSX) {
                st = xsl ? render_html(xsl, agg, staged[done], r->d)
                         : BC_ERR_NOMEM;
            } else {
                wbxsd = ctx_path(&r->ctx, "schema/workbook.xsd");
                st = (xsl && wbxsd) ? render_doc(xsl, agg, r->d, &wb)
                                    : BC_ERR_NOMEM;
            }
            stage_add(&r->tm.render, &t0);
            r->tm.render.n++;
            stage_time one = {r->tm.render.s - before, 1, 0};
            print_stage(&r->tm, name_of[done], &one);
            t0 = now_s();
        }
        if (done == OUT_XLSX) {
            /* a record list longer than the view: its rows are read back
             * from the aggregate just saved (detail.h) */
            bc_detail *dt = NULL;
            if (st == BC_OK)
                dt = detail_new(staged[OUT_XML], agg, 0, r->d, &st);
            if (st == BC_OK && !dt)
                st = BC_ERR_NOMEM;
            if (st == BC_OK) {
                xlsx_row_source src = detail_source(dt);
                st = xlsx_write_checked_rows(wb, wbxsd, &src, staged[done], r->d);
            }
            detail_free(dt);
            stage_add(&r->tm.write, &t0);
        }
        if (st == BC_ERR_IO)
            st = bc_io_status(staged[done], 0); /* a full disk, said so */
        if ((st == BC_ERR_TEMPLATE || st == BC_ERR_INTERNAL) &&
            xmlio_nomem_seen())
            st = BC_ERR_NOMEM;
        if (st != BC_OK) {
            flush_findings(r);
            snprintf(name, sizeof name, fmt[done], year);
            char *what = bc_asprintf("«%s/%s»", dir, name);
            say_write_failure(what ? what : name, dir, st);
            free(what);
            fflush(NULL);
#ifdef _WIN32
            goto out;
#endif
            _exit(2); /* the child: the parent keeps the old set */
        }
    }
    flush_findings(r);
    if (r->tm.on) {
        print_stage(&r->tm, "render", &r->tm.render);
        print_stage(&r->tm, "write.staged", &r->tm.write);
    }
    fflush(NULL);
#ifdef _WIN32
    goto staged;
#endif
    _exit(0); /* the child: every staged file is whole */
staged:
    if (r->tm.on)
        for (int i = 0; i < OUT__COUNT; i++)
            r->tm.write.bytes += bc_file_size(staged[i]);
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
    stage_add(&r->tm.write, &t0);
    print_stage(&r->tm, "write", &r->tm.write);
    rc = 0;
out:
    bc_outset_abort(&set); /* nothing left to do after a commit */
    for (int i = 0; i < OUT__COUNT; i++)
        free(staged[i]);
    xmlFreeDoc(wb);
    free(wbxsd);
    free(dir);
    free(xsl);
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
    const char *out = NULL;
    bc_diag *ad = diag_new();
    annotate_kind kind = ANNOTATE_COPY;
    bc_status st = BC_ERR_NOMEM;
    if (r->progress)
        fputs("\r\033[K", stderr);
    if (ydir && bc_mkdir_p(ydir) != BC_OK) {
        fprintf(stderr, "baocao run: không tạo được thư mục «%s»\n", ydir);
        free(ydir);
        diag_free(ad);
        return -1;
    }
    if (ydir && ad &&
        (out = annotate_pick_name(names, ydir, f->path, inputs, r->n_files)))
        st = annotate_workbook(f->path, r->d, from, diag_count(r->d), out, ad,
                               &kind);
    if (ad)
        ctx_print_findings(ad, 0, stderr);
    diag_free(ad);
    free(ydir);
    if (st != BC_OK) {
        fprintf(stderr, "baocao run: không ghi được bản đánh dấu lỗi của %s "
                        "(%s)\n", f->shown, bc_status_msg(st));
        return -1;
    }
    char *shown_out = bc_name_display(out); /* named after the input */
    if (kind == ANNOTATE_LIST_ONLY)
        fprintf(stderr, "baocao: không chép lại được %s; %s chỉ có danh sách "
                        "lỗi\n", f->shown, shown_out ? shown_out : "");
    else
        fprintf(stderr, "baocao: đánh dấu ô cần sửa của %s vào %s\n", f->shown,
                shown_out ? shown_out : "");
    free(shown_out);
    return 0;
}

int cmd_run(int argc, char **argv)
{
    const char *input = "input", *output = "output";
    const char *templates = NULL, *plan_file = NULL, *annotate = NULL;
    int year = 0, timings = 0, jobs = -1; /* -1: one per core */
    int detail_limit = -1;                 /* -1: AGG_DETAIL_LIMIT */
    double t_start = now_s();
    cli_opt opts[] = {
        {"input", 'i', CLI_STRING, &input, "DIR", "thư mục vào (mặc định input)"},
        {"output", 'o', CLI_STRING, &output, "DIR", "thư mục ra (mặc định output)"},
        {"year", 'y', CLI_INT, &year, "NĂM", "năm báo cáo (mặc định: năm mới nhất)"},
        {"plan", 0, CLI_STRING, &plan_file, "TỆP", "tệp dữ liệu Đề án"},
        {"templates", 't', CLI_STRING, &templates, "DIR",
         "thư mục mẫu (lược đồ, XSLT, dữ liệu Đề án)"},
        {"annotate", 0, CLI_STRING, &annotate, "DIR",
         "ghi vào DIR bản đánh dấu lỗi của bảng tính bị từ chối"},
        {"jobs", 'j', CLI_INT, &jobs, "N",
         "số luồng đọc, kiểm tra tệp (mặc định: số lõi CPU)"},
        {"detail-limit", 0, CLI_INT, &detail_limit, "N",
         "số mục tối đa của mỗi danh sách mẫu báo cáo thấy (mặc định 1000; 0: tất cả)"},
        {"timings", 0, CLI_FLAG, &timings, NULL,
         "in thời gian từng bước ra stderr (đo hiệu năng)"},
        CLI_OPT_END,
    };
    int nop, help;
    if (cli_parse(&run_cmd, opts, argc, argv, &nop, &help, stderr) != 0)
        return BC_EXIT_FAILURE;
    if (help) {
        cli_usage(&run_cmd, opts, stdout);
        return BC_EXIT_OK;
    }
    if (nop) {
        fprintf(stderr, "baocao run: không nhận đối số «%s» "
                        "(dùng --input DIR)\n", argv[0]);
        return BC_EXIT_FAILURE;
    }
    if (detail_limit < -1) {
        fprintf(stderr, "baocao run: --detail-limit cần một số không âm, "
                        "không phải «%d»\n", detail_limit);
        return BC_EXIT_FAILURE;
    }
    if (jobs != -1 && (jobs < 1 || jobs > BATCH_MAX_JOBS)) {
        fprintf(stderr, "baocao run: --jobs cần một số từ 1 đến %d, không phải "
                        "«%d»\n", BATCH_MAX_JOBS, jobs);
        return BC_EXIT_FAILURE;
    }
    if (!bc_is_dir(input)) {
        fprintf(stderr, "baocao run: thư mục vào «%s» không tồn tại\n", input);
        return BC_EXIT_FAILURE;
    }
    if (bc_path_inside(output, input)) {
        fprintf(stderr, "baocao run: thư mục ra «%s» nằm trong thư mục vào «%s»; "
                        "hãy chọn thư mục ra khác\n", output, input);
        return BC_EXIT_FAILURE;
    }
    if (annotate && bc_path_inside(annotate, input)) {
        fprintf(stderr, "baocao run: thư mục đánh dấu lỗi «%s» nằm trong thư "
                        "mục vào «%s»; hãy chọn thư mục khác\n",
                annotate, input);
        return BC_EXIT_FAILURE;
    }
    if (annotate && bc_mkdir_p(annotate) != BC_OK) {
        fprintf(stderr, "baocao run: không tạo được thư mục «%s»\n", annotate);
        return BC_EXIT_FAILURE;
    }

    /* one run at a time per output folder: a second one is refused
     * before it reads anything (the lock ends with the process) */
    bc_status lst = bc_mkdir_p(output);
    if (lst == BC_OK)
        lst = bc_lock_folder(output);
    if (lst == BC_ERR_LOCKED) {
        fprintf(stderr, "baocao run: một lần chạy khác đang ghi báo cáo vào "
                        "thư mục «%s»; hãy đợi lần chạy đó xong rồi chạy lại "
                        "(các báo cáo trong đó không bị thay đổi)\n", output);
        return BC_EXIT_FAILURE;
    }
    if (lst != BC_OK) {
        if (lst == BC_ERR_NOSPACE)
            say_write_failure("các báo cáo", output, lst);
        else
            fprintf(stderr, "baocao run: không ghi được vào thư mục ra «%s» "
                            "(%s); các báo cáo cũ trong đó được giữ nguyên\n",
                    output, bc_status_msg(lst));
        return BC_EXIT_FAILURE;
    }
    /* what a killed run left: scratch folders, temporary files */
    bc_remove_leftovers(output);
    bc_cleanup_signals();

    int rc = BC_EXIT_FAILURE;
    run_state r;
    memset(&r, 0, sizeof r);
    clock_gettime(CLOCK_MONOTONIC, &r.t0);
    r.tm.on = timings;
    double t0 = now_s();
    r.progress = isatty(2);
    bc_validator *v = NULL;
    bc_agg *agg = NULL;
    xmlDocPtr doc = NULL, settings = NULL;
    xmlSchemaPtr agg_schema = NULL;
    char *xsd = NULL, *path = NULL;
    annotate_names names = ANNOTATE_NAMES_INIT;
    const char **inputs = NULL, **paths = NULL;
    int *cycles = NULL;
    bc_batch *batch = NULL;
    size_t ann_failed = 0;
    r.d = diag_new();
    r.plan_d = diag_new();
    if (!r.d || !r.plan_d || ctx_open(&r.ctx, templates, plan_file, r.d) != 0)
        goto out;
    const plan *p = r.ctx.plan;
    size_t n_contra = 0;

    if (year && (year < p->start_year || year > p->end_year)) {
        fprintf(stderr, "baocao run: năm %d nằm ngoài thời kỳ Đề án (%d-%d)\n",
                year, p->start_year, p->end_year);
        goto out;
    }
    if (list_inputs(&r, input, &year) != 0)
        goto out;
    if (year < p->start_year || year > p->end_year) {
        fprintf(stderr, "baocao run: năm %d nằm ngoài thời kỳ Đề án (%d-%d)\n",
                year, p->start_year, p->end_year);
        goto out;
    }
    n_contra = plan_check(p, r.ctx.plan_path, r.plan_d);
    ctx_print_findings(r.plan_d, 0, stderr);
    flush_findings(&r);

    xsd = ctx_path(&r.ctx, "schema/submission.xsd");
    v = xsd ? validator_new(p, xsd, r.d) : NULL;
    agg = agg_new(p, year);
    if (agg && detail_limit >= 0)
        agg_set_detail_limit(agg, (size_t)detail_limit);
    if (!v || !agg) {
        flush_findings(&r);
        fprintf(stderr, "baocao run: không khởi tạo được bộ kiểm tra\n");
        goto out;
    }
    stage_add(&r.tm.setup, &t0);
    print_stage(&r.tm, "setup", &r.tm.setup);

    if (annotate && r.n_files) {
        inputs = malloc(r.n_files * sizeof *inputs);
        if (!inputs) {
            fprintf(stderr, "baocao run: %s\n", bc_status_msg(BC_ERR_NOMEM));
            goto out;
        }
        for (size_t i = 0; i < r.n_files; i++)
            inputs[i] = r.files[i].path;
    }
    size_t accepted = 0, rejected = 0;
    paths = malloc((r.n_files ? r.n_files : 1) * sizeof *paths);
    cycles = malloc((r.n_files ? r.n_files : 1) * sizeof *cycles);
    if (!paths || !cycles) {
        fprintf(stderr, "baocao run: %s\n", bc_status_msg(BC_ERR_NOMEM));
        goto out;
    }
    for (size_t i = 0; i < r.n_files; i++) {
        paths[i] = r.files[i].path;
        cycles[i] = r.files[i].cycle;
    }
    /* files are read and checked on `jobs` threads and taken here in list
     * order, so findings and reports are the same for every -j */
    batch = batch_new(v, paths, cycles, r.n_files, jobs > 0 ? jobs : batch_default_jobs());
    if (!batch) {
        fprintf(stderr, "baocao run: %s\n", bc_status_msg(BC_ERR_NOMEM));
        goto out;
    }
    double t_files = now_s();
    /* the names refused unopened are listed among the rejected files */
    for (size_t i = 0; i < r.n_refused; i++) {
        /* refused before reading: its finding is the one error */
        bc_verdict refused = {BC_VERDICT_REJECTED, BC_ERR_IO, 1, 0, ""};
        if (agg_add_file(agg, r.refused[i].shown, r.refused[i].cycle, NULL,
                         &refused, r.d) != BC_OK) {
            fprintf(stderr, "baocao run: %s\n", bc_status_msg(BC_ERR_NOMEM));
            goto out;
        }
        rejected++;
    }
    for (size_t i = 0; i < r.n_files; i++) {
        batch_result br;
        size_t before = diag_count(r.d);
        bc_status st = batch_next(batch, &br);
        if (st == BC_OK)
            st = diag_move(r.d, br.d);
        diag_free(br.d);
        if (st != BC_OK || br.st == BC_ERR_NOMEM) {
            submission_free(br.s);
            fprintf(stderr, "baocao run: %s\n", bc_status_msg(BC_ERR_NOMEM));
            goto out;
        }
        st = br.st;
        submission *s = br.s;
        if (timings) {
            char ext[16];
            bc_file_ext(r.files[i].path, ext, sizeof ext);
            stage_time *fs = &r.tm.ingest_fmt[strcmp(ext, "xlsx") == 0 ? FMT_XLSX
                                              : strcmp(ext, "xls") == 0 ? FMT_XLS
                                                                        : FMT_XML];
            unsigned long long size = bc_file_size(r.files[i].path);
            r.tm.ingest.s += br.ingest_s;
            r.tm.ingest.n++;
            r.tm.ingest.bytes += size;
            fs->s += br.ingest_s;
            fs->n++;
            fs->bytes += size;
            r.tm.validate.s += br.validate_s;
            r.tm.validate.n++;
        }
        diag_set_context(r.d, before, NULL, r.files[i].cycle);
        if (br.verdict.kind == BC_VERDICT_REJECTED)
            rejected++;
        else
            accepted++;
        t0 = now_s();
        if (agg_add_file(agg, r.files[i].shown, r.files[i].cycle, s,
                         &br.verdict, r.d) != BC_OK) {
            fprintf(stderr, "baocao run: %s\n", bc_status_msg(BC_ERR_NOMEM));
            goto out;
        }
        stage_add(&r.tm.aggregate, &t0);
        flush_findings(&r);
        if (annotate && br.verdict.kind == BC_VERDICT_REJECTED &&
            annotate_supported(r.files[i].path) &&
            annotate_file(&r, &r.files[i], before, annotate, &names,
                          inputs) != 0)
            ann_failed++;
        if (r.progress && elapsed(&r) > 1.0)
            fprintf(stderr, "\r\033[Kđang xử lý %zu/%zu tệp...", i + 1, r.n_files);
    }
    batch_free(batch);
    batch = NULL;
    r.tm.files.s = now_s() - t_files;
    r.tm.files.n = r.n_files;
    r.tm.files.bytes = r.tm.ingest.bytes;

    t0 = now_s();
    print_stage(&r.tm, "ingest", &r.tm.ingest);
    print_stage(&r.tm, "ingest.xml", &r.tm.ingest_fmt[FMT_XML]);
    print_stage(&r.tm, "ingest.xlsx", &r.tm.ingest_fmt[FMT_XLSX]);
    print_stage(&r.tm, "ingest.xls", &r.tm.ingest_fmt[FMT_XLS]);
    print_stage(&r.tm, "validate", &r.tm.validate);
    print_stage(&r.tm, "files", &r.tm.files);
    char *settings_path = ctx_path(&r.ctx, "settings.xml");
    if (settings_path && bc_is_file(settings_path))
        settings = xmlio_read_trusted(settings_path, r.d, NULL);
    free(settings_path);
    bc_status bst = agg_build(agg, r.d, r.plan_d, settings, r.d, &doc);
    if (bst != BC_OK) {
        flush_findings(&r);
        if (bst == BC_ERR_NOMEM)
            fprintf(stderr, "baocao run: không đủ bộ nhớ để tổng hợp; hãy đóng "
                            "bớt chương trình khác hoặc chạy với --jobs 1\n");
        else
            fprintf(stderr, "baocao run: không tổng hợp được (%s)\n",
                    bc_status_msg(bst));
        goto out;
    }
    /* the Sở's own sections (so_sections.h) */
    char *so_path = so_sections_path(input, year);
    if (!so_path || so_sections_attach(doc, so_path, year, r.d) != BC_OK) {
        free(so_path);
        fprintf(stderr, "baocao run: hết bộ nhớ\n");
        goto out;
    }
    free(so_path);
    double before_build = r.tm.aggregate.s;
    stage_add(&r.tm.aggregate, &t0);
    r.tm.aggregate.n = accepted;
    flush_findings(&r);
    print_stage(&r.tm, "aggregate", &r.tm.aggregate);
    stage_time build = {r.tm.aggregate.s - before_build, 1, 0};
    print_stage(&r.tm, "aggregate.build", &build);

    /* the aggregate must match its schema: templates rely on it */
    t0 = now_s();
    path = ctx_path(&r.ctx, "schema/aggregate.xsd");
    agg_schema = path ? xmlio_schema_load(path, r.d) : NULL;
    if (!agg_schema || xmlio_validate(agg_schema, doc, "tong-hop", r.d) != 0) {
        flush_findings(&r);
        if (!path || xmlio_nomem_seen())
            fprintf(stderr, "baocao run: không đủ bộ nhớ để kiểm tra tài liệu "
                            "tổng hợp; hãy đóng bớt chương trình khác hoặc chạy "
                            "với --jobs 1\n");
        else
            fprintf(stderr, "baocao run: lỗi nội bộ: tài liệu tổng hợp không "
                            "đúng lược đồ %s\n", path);
        goto out;
    }
    stage_add(&r.tm.agg_check, &t0);
    r.tm.agg_check.n = 1;
    print_stage(&r.tm, "aggregate.check", &r.tm.agg_check);
    if (write_outputs(&r, &agg, doc, output, year) != 0)
        goto out;
    flush_findings(&r);

    size_t errs = diag_count_sev(r.d, BC_SEV_ERROR);
    size_t warns = diag_count_sev(r.d, BC_SEV_WARNING);
    fprintf(stderr,
            "baocao: năm %d: đọc %zu tệp (%d-%d), %zu hợp lệ, %zu bị từ chối; "
            "%zu lỗi, %zu cảnh báo; Đề án có %zu chỗ mâu thuẫn; "
            "báo cáo ghi tại %s/%d/\n",
            year, r.n_files + r.n_refused, p->start_year, year, accepted,
            rejected, errs,
            warns, n_contra, output, year);
    print_total(&r.tm, now_s() - t_start);
    rc = (rejected || n_contra) ? BC_EXIT_FINDINGS : BC_EXIT_OK;
    if (ann_failed) {
        fprintf(stderr, "baocao run: không ghi được %zu bản đánh dấu lỗi vào "
                        "%s\n", ann_failed, annotate);
        rc = BC_EXIT_FAILURE;
    }
out:
    if (rc == BC_EXIT_FAILURE && r.d)
        flush_findings(&r);
    batch_free(batch);
    free(paths);
    free(cycles);
    xmlSchemaFree(agg_schema);
    xmlFreeDoc(doc);
    xmlFreeDoc(settings);
    agg_free(agg);
    validator_free(v);
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
    free(inputs);
    annotate_names_free(&names);
    free(xsd);
    free(path);
    ctx_close(&r.ctx);
    diag_free(r.d);
    diag_free(r.plan_d);
    return rc;
}
