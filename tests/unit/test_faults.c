/* test_faults.c - the pieces that keep reports whole when things go wrong
 * (docs/hostile.md, "Faults"): temporary names nobody can guess, created
 * exclusively; a set of files swapped in at once or not at all; the lock
 * of an output folder; a dead run's leftovers removed; a damaged workbook
 * told from a whole one; an input that is not a regular file refused
 * without blocking; file names with bad bytes or control characters shown
 * escaped, in findings too.
 */
#include "testutil.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <zip.h>

#include "ingest.h"
#include "xlsx_writer.h"
#include "xmlio.h"

static char tmpdir[64];

static int setup(void **state)
{
    (void)state;
    xmlio_init();
    strcpy(tmpdir, "/tmp/test_faults.XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    scratch_remove(tmpdir);
    return 0;
}

/* tmpdir/name, in a static buffer (one at a time per slot). */
static const char *at(int slot, const char *name)
{
    static char buf[4][512];
    snprintf(buf[slot], sizeof buf[slot], "%s/%s", tmpdir, name);
    return buf[slot];
}

static void put(const char *path, const char *text)
{
    assert_int_equal(bc_write_atomic(path, text, strlen(text)), BC_OK);
}

/* The whole content of path (caller frees). */
static char *get(const char *path)
{
    char *buf = NULL;
    size_t len = 0;
    assert_int_equal(bc_read_file(path, 1 << 20, &buf, &len), BC_OK);
    return buf;
}

/* Temporary names carry 64 random bits: two never repeat, and none is the
 * old predictable "path.tmp.PID". */
static void test_tmp_names(void **state)
{
    (void)state;
    char *a = bc_tmp_path("x/r.html"), *b = bc_tmp_path("x/r.html");
    char old[64];
    snprintf(old, sizeof old, "x/r.html.tmp.%ld", (long)getpid());
    assert_string_not_equal(a, b);
    assert_true(strncmp(a, old, strlen(old)) == 0);
    assert_int_equal(strlen(a), strlen(old) + 17); /* ".%016llx" */
    free(a);
    free(b);

    /* created exclusively, beside the target, mode from the umask */
    char *t = bc_tmp_create(at(0, "r.xlsx"));
    assert_non_null(t);
    struct stat sb;
    assert_int_equal(lstat(t, &sb), 0);
    assert_true(S_ISREG(sb.st_mode));
    assert_int_equal(sb.st_size, 0);
    bc_tmp_forget(t);
    remove(t);
    free(t);
}

/* bc_write_atomic writes through its own new file: a link planted at the
 * target's place is replaced, its target never written. */
static void test_atomic_never_through_link(void **state)
{
    (void)state;
    put(at(0, "victim"), "secret");
    assert_int_equal(symlink(at(0, "victim"), at(1, "out.xml")), 0);
    put(at(1, "out.xml"), "<report/>");
    char *v = get(at(0, "victim"));
    assert_string_equal(v, "secret");
    free(v);
    struct stat sb;
    assert_int_equal(lstat(at(1, "out.xml"), &sb), 0);
    assert_true(S_ISREG(sb.st_mode));
    /* nothing but the two files is left */
    char **names = NULL;
    size_t n = 0;
    assert_int_equal(bc_list_dir(tmpdir, &names, &n), BC_OK);
    assert_int_equal(n, 2);
    bc_free_names(names);
    remove(at(0, "victim"));
    remove(at(1, "out.xml"));
}

/* Files in dir, as "a,b,c" (hidden ones too). */
static char *listing(const char *dir)
{
    bc_strbuf sb = BC_STRBUF_INIT;
    char cmd[600];
    snprintf(cmd, sizeof cmd, "ls -A '%s' | tr '\\n' ,", dir);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    char buf[512];
    size_t got;
    while ((got = fread(buf, 1, sizeof buf, p)) > 0)
        sb_add(&sb, buf, got);
    pclose(p);
    return sb_detach(&sb);
}

/* Asserts that dir holds exactly the entries "a,b,c," (sorted). */
static void assert_listing(const char *dir, const char *want)
{
    char *l = listing(dir);
    assert_string_equal(l, want);
    free(l);
}

/* A set replaces the previous one at once, keeps a user's own files, and
 * an aborted set leaves the previous one exactly as it was. */
static void test_outset(void **state)
{
    (void)state;
    const char *parent = at(0, "out");
    bc_outset s;
    /* first set: the folder does not exist yet */
    assert_int_equal(bc_outset_begin(parent, "2026", &s), BC_OK);
    char *f = bc_outset_file(&s, "a.html");
    put(f, "old a");
    free(f);
    f = bc_outset_file(&s, "b.xml");
    put(f, "old b");
    free(f);
    assert_false(bc_is_file(at(1, "out/2026/a.html")));
    assert_int_equal(bc_outset_commit(&s), BC_OK);
    assert_listing(parent, "2026,");
    put(at(1, "out/2026/ghi-chu.txt"), "mine");

    /* an aborted set: nothing changes, no scratch left */
    assert_int_equal(bc_outset_begin(parent, "2026", &s), BC_OK);
    f = bc_outset_file(&s, "a.html");
    put(f, "half");
    free(f);
    bc_outset_abort(&s);
    assert_listing(parent, "2026,");
    char *c = get(at(1, "out/2026/a.html"));
    assert_string_equal(c, "old a");
    free(c);

    /* the next set swaps in whole; the user's note is kept */
    assert_int_equal(bc_outset_begin(parent, "2026", &s), BC_OK);
    f = bc_outset_file(&s, "a.html");
    put(f, "new a");
    free(f);
    f = bc_outset_file(&s, "b.xml");
    put(f, "new b");
    free(f);
    assert_int_equal(bc_outset_commit(&s), BC_OK);
    assert_listing(at(1, "out/2026"), "a.html,b.xml,ghi-chu.txt,");
    c = get(at(1, "out/2026/b.xml"));
    assert_string_equal(c, "new b");
    free(c);
    assert_listing(parent, "2026,");
    struct stat sb;
    assert_int_equal(stat(at(1, "out/2026"), &sb), 0);
    assert_int_not_equal(sb.st_mode & 0077, 0); /* not mkdtemp's 0700 */
    scratch_remove(parent);
}

/* A year folder that is the user's link to a folder elsewhere stays a
 * link: the set is swapped in where it leads; a file where the folder
 * should be is left alone. */
static void test_outset_link(void **state)
{
    (void)state;
    assert_int_equal(bc_mkdir_p(at(0, "real/2026")), BC_OK);
    put(at(0, "real/2026/a.html"), "old a");
    put(at(0, "real/2026/ghi-chu.txt"), "mine");
    assert_int_equal(bc_mkdir_p(at(1, "lo")), BC_OK);
    assert_int_equal(symlink(at(2, "real/2026"), at(3, "lo/2026")), 0);
    bc_outset s;
    assert_int_equal(bc_outset_begin(at(1, "lo"), "2026", &s), BC_OK);
    char *f = bc_outset_file(&s, "a.html");
    put(f, "new a");
    free(f);
    assert_int_equal(bc_outset_commit(&s), BC_OK);
    struct stat sb;
    assert_int_equal(lstat(at(3, "lo/2026"), &sb), 0);
    assert_true(S_ISLNK(sb.st_mode));
    char *c = get(at(0, "real/2026/a.html"));
    assert_string_equal(c, "new a");
    free(c);
    assert_listing(at(0, "real"), "2026,");
    assert_listing(at(0, "real/2026"), "a.html,ghi-chu.txt,");

    put(at(1, "lo/2027"), "a file");
    assert_int_equal(bc_outset_begin(at(1, "lo"), "2027", &s), BC_ERR_IO);
    c = get(at(1, "lo/2027"));
    assert_string_equal(c, "a file");
    free(c);
    scratch_remove(at(0, "real"));
    scratch_remove(at(1, "lo"));
}

/* A SIGTERM while a set is being written removes the scratch folder and
 * the registered temporary files, then ends the process by that signal. */
static void test_signal_cleanup(void **state)
{
    (void)state;
    const char *parent = at(0, "sig");
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        bc_cleanup_signals();
        bc_outset s;
        if (bc_outset_begin(parent, "2026", &s) != BC_OK)
            _exit(3);
        char *f = bc_outset_file(&s, "a.html");
        char *tmp = NULL;
        FILE *fp = bc_atomic_open(f, &tmp);
        char *beside = bc_tmp_create(at(1, "sig/x.xlsx"));
        if (!fp || !beside)
            _exit(4);
        fputs("half", fp);
        fflush(fp);
        raise(SIGTERM);
        _exit(5);
    }
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFSIGNALED(status));
    assert_int_equal(WTERMSIG(status), SIGTERM);
    assert_listing(parent, "");
    scratch_remove(parent);
}

/* One run at a time: a second lock on the same folder is refused. */
static void test_lock(void **state)
{
    (void)state;
    const char *dir = at(0, "locked");
    assert_int_equal(bc_mkdir_p(dir), BC_OK);
    int fd = open(at(1, "locked/.baocao.lock"), O_RDWR | O_CREAT, 0666);
    assert_true(fd >= 0);
    assert_int_equal(flock(fd, LOCK_EX), 0);
    assert_int_equal(bc_lock_folder(dir), BC_ERR_LOCKED);
    close(fd); /* released */
    assert_int_equal(bc_lock_folder(dir), BC_OK);
    /* a link planted as the lock file is never opened through */
    assert_int_equal(bc_mkdir_p(at(2, "linked")), BC_OK);
    assert_int_equal(symlink(at(0, "victim"), at(3, "linked/.baocao.lock")),
                     0);
    assert_int_equal(bc_lock_folder(at(2, "linked")), BC_ERR_IO);
    assert_false(bc_is_file(at(0, "victim")));
    scratch_remove(dir);
    scratch_remove(at(2, "linked"));
}

/* What a killed run left (scratch folders, temporary files, the staged
 * names of older versions) goes; reports and a user's files stay. */
static void test_leftovers(void **state)
{
    (void)state;
    assert_int_equal(bc_mkdir_p(at(0, "o/2026")), BC_OK);
    assert_int_equal(bc_mkdir_p(at(0, "o/.2026.new-Ab12Cd")), BC_OK);
    put(at(0, "o/.2026.new-Ab12Cd/bao-cao-2026.xlsx"), "half");
    /* killed between the swap and moving the user's files back */
    put(at(0, "o/.2026.new-Ab12Cd/so-theo-doi.ods"), "mine, moved back");
    put(at(0, "o/2026/bao-cao-2026.html"), "report");
    put(at(0, "o/2026/bao-cao-2026.html.tmp.77.0123456789abcdef"), "half");
    put(at(0, "o/2026/tong-hop-2026.xml.new"), "half");
    put(at(0, "o/2026/bao-cao-2026.xlsx.tmp.4242"), "half, older version");
    put(at(0, "o/2026/ghi-chu.txt"), "mine");
    put(at(0, "o/2026/so-lieu.tmp.txt"), "mine too");
    assert_int_equal(bc_remove_leftovers(at(0, "o")), 4);
    assert_listing(at(0, "o"), "2026,");
    assert_listing(at(0, "o/2026"), "bao-cao-2026.html,ghi-chu.txt,"
                                    "so-lieu.tmp.txt,so-theo-doi.ods,");
    scratch_remove(at(0, "o"));
}

/* Writes a zip of one workbook part and one sheet of `sheet` bytes (the
 * sheet stored, not deflated, when store). */
static void write_book_opt(const char *path, const char *sheet, size_t len,
                           int store)
{
    int err = 0;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    assert_non_null(z);
    static const char ct[] = "<Types xmlns=\"urn:x\"/>";
    static const char wb[] = "<workbook xmlns=\"urn:x\"/>";
    zip_source_t *s1 = zip_source_buffer(z, ct, sizeof ct - 1, 0);
    zip_source_t *s2 = zip_source_buffer(z, wb, sizeof wb - 1, 0);
    zip_source_t *s3 = zip_source_buffer(z, sheet, len, 0);
    assert_true(zip_file_add(z, "[Content_Types].xml", s1, 0) >= 0);
    assert_true(zip_file_add(z, "xl/workbook.xml", s2, 0) >= 0);
    zip_int64_t k = zip_file_add(z, "xl/worksheets/sheet1.xml", s3, 0);
    assert_true(k >= 0);
    if (store)
        assert_int_equal(zip_set_file_compression(z, (zip_uint64_t)k,
                                                  ZIP_CM_STORE, 0), 0);
    assert_int_equal(zip_close(z), 0);
}

static void write_book(const char *path, const char *sheet, size_t len)
{
    write_book_opt(path, sheet, len, 0);
}

/* A workbook whose sheet was cut at 8,192 bytes (libxlsxwriter's temporary
 * file on a full disk) is told from a whole one; so are a truncated zip and
 * a part whose bytes changed. */
static void test_xlsx_verify(void **state)
{
    (void)state;
    size_t big = 20000;
    char *sheet = malloc(big + 64);
    assert_non_null(sheet);
    strcpy(sheet, "<worksheet><sheetData>");
    size_t n = strlen(sheet);
    while (n + 12 < big) {
        memcpy(sheet + n, "<row r=\"1\"/>", 12);
        n += 12;
    }
    strcpy(sheet + n, "</sheetData></worksheet>");
    n += strlen("</sheetData></worksheet>");
    char why[300];
    write_book(at(0, "whole.xlsx"), sheet, n);
    assert_int_equal(xlsx_verify(at(0, "whole.xlsx"), why, sizeof why), BC_OK);

    write_book(at(0, "cut.xlsx"), sheet, 8192);
    assert_int_equal(xlsx_verify(at(0, "cut.xlsx"), why, sizeof why),
                     BC_ERR_IO);
    assert_non_null(strstr(why, "xl/worksheets/sheet1.xml"));

    write_book(at(0, "empty.xlsx"), sheet, 0);
    assert_int_equal(xlsx_verify(at(0, "empty.xlsx"), why, sizeof why),
                     BC_ERR_IO);

    /* the zip cut short */
    char *data = NULL;
    size_t len = 0;
    assert_int_equal(bc_read_file(at(0, "whole.xlsx"), 1 << 20, &data, &len),
                     BC_OK);
    assert_int_equal(bc_write_atomic(at(1, "short.xlsx"), data, len / 2), BC_OK);
    assert_int_equal(xlsx_verify(at(1, "short.xlsx"), why, sizeof why),
                     BC_ERR_IO);
    /* a byte changed inside a stored part: the CRC says so */
    write_book_opt(at(2, "flip.xlsx"), "<worksheet/>", 12, 1);
    free(data);
    assert_int_equal(bc_read_file(at(2, "flip.xlsx"), 1 << 20, &data, &len),
                     BC_OK);
    char *hit = NULL;
    for (size_t k = 0; !hit && k + 12 <= len; k++)
        if (memcmp(data + k, "<worksheet/>", 12) == 0)
            hit = data + k;
    assert_non_null(hit); /* stored: its bytes are in the file */
    hit[1] = 'W';
    assert_int_equal(bc_write_atomic(at(2, "flip.xlsx"), data, len), BC_OK);
    assert_int_equal(xlsx_verify(at(2, "flip.xlsx"), why, sizeof why),
                     BC_ERR_IO);
    assert_non_null(strstr(why, "sheet1.xml"));
    free(data);
    free(sheet);
}

/* A FIFO (here made after any listing) named like a submission is refused
 * at once, never waited on: by ingest_file and by bc_read_file. */
static void test_fifo_never_blocks(void **state)
{
    (void)state;
    const char *names[] = {"f.xml", "f.xlsx", "f.xls"};
    for (size_t i = 0; i < BC_ARRAY_LEN(names); i++) {
        const char *p = at(0, names[i]);
        assert_int_equal(mkfifo(p, 0600), 0);
        bc_diag *d = diag_new();
        xmlDocPtr doc = NULL;
        time_t t0 = time(NULL);
        assert_int_equal(ingest_file(p, d, &doc), BC_ERR_IO);
        assert_true(time(NULL) - t0 < 5);
        assert_null(doc);
        assert_finding(d, "INPUT-NOT-FILE", NULL);
        diag_free(d);
        char *buf = NULL;
        size_t len = 0;
        assert_int_equal(bc_read_file(p, 100, &buf, &len), BC_ERR_IO);
        remove(p);
    }
    /* a dangling link and a loop: FILE-READ saying which */
    assert_int_equal(symlink(at(1, "none.xml"), at(0, "dangling.xml")), 0);
    assert_int_equal(symlink(at(1, "loop.xml"), at(0, "loop.xml")), 0);
    bc_diag *d = diag_new();
    xmlDocPtr doc = NULL;
    assert_int_equal(ingest_file(at(0, "dangling.xml"), d, &doc), BC_ERR_IO);
    assert_int_equal(ingest_file(at(0, "loop.xml"), d, &doc), BC_ERR_IO);
    assert_int_equal(diag_count(d), 2);
    assert_non_null(strstr(diag_get(d, 0)->message, "không có"));
    assert_non_null(strstr(diag_get(d, 1)->message, "vòng"));
    diag_free(d);
    remove(at(0, "dangling.xml"));
    remove(at(0, "loop.xml"));
}

/* A workbook whose sheets inflate past the limit is refused from its zip
 * directory, unread. */
static void test_workbook_limit(void **state)
{
    (void)state;
    size_t big = (size_t)INGEST_MAX_WORKBOOK_SHEET_BYTES + 1024;
    char *sheet = malloc(big);
    assert_non_null(sheet);
    memset(sheet, ' ', big);
    write_book(at(0, "big.xlsx"), sheet, big);
    free(sheet);
    bc_diag *d = diag_new();
    xmlDocPtr doc = NULL;
    assert_int_equal(ingest_file(at(0, "big.xlsx"), d, &doc), BC_ERR_LIMIT);
    const bc_finding *f = assert_finding(d, "INPUT-LIMIT", NULL);
    assert_non_null(strstr(f->found, "dữ liệu trang tính 8 MB"));
    diag_free(d);
    remove(at(0, "big.xlsx"));
}

/* Names with bad bytes or control characters are shown escaped, the same
 * way in findings; plain names are left alone. */
static void test_names(void **state)
{
    (void)state;
    assert_true(bc_name_plain("in/2026/Sở KHCN.xml"));
    assert_false(bc_name_plain("b\xe1o.xml"));
    assert_false(bc_name_plain("x\x1b[31m.xml"));
    assert_false(bc_name_plain("c1\xc2\x9b.xml"));
    static const char *const shown[][2] = {
        {"in/b\xe1o.xml", "in/b\\xE1o.xml"},
        {"x\x1b[31m\x7f.xml", "x\\x1B[31m\\x7F.xml"},
        {"Sở.xml", "Sở.xml"},
    };
    for (size_t i = 0; i < BC_ARRAY_LEN(shown); i++) {
        char *s = bc_name_display(shown[i][0]);
        assert_string_equal(s, shown[i][1]);
        free(s);
    }

    bc_diag *d = diag_new();
    bc_loc loc = {"in/x\x1b]0;owned\x07.xml", 3, NULL};
    diag_add(d, BC_SEV_ERROR, "T", &loc, "a\x1b" "b", NULL, "m\x1b%s", "n");
    const bc_finding *f = diag_get(d, 0);
    assert_string_equal(f->file, "in/x\\x1B]0;owned\\x07.xml");
    assert_string_equal(f->found, "a\\x1Bb");
    assert_string_equal(f->message, "m\\x1Bn");
    diag_free(d);
}

/* Library messages never reach stderr: they are kept, bounded, for the
 * findings. */
static void test_library_messages(void **state)
{
    (void)state;
    bc_diag *d = diag_new();
    xmlio_library_findings(d); /* whatever came before */
    diag_free(d);
    d = diag_new();
    for (int i = 0; i < 40; i++)
        xmlio_library_message(NULL, "message %d\n", i);
    xmlio_library_message(NULL, "garbage \x01\xff\n");
    xmlio_library_message(NULL, "Memory allocation failed : %s\n", "x");
    assert_int_equal(xmlio_library_findings(d), XMLIO_LIBRARY_KEEP + 2);
    assert_string_equal(diag_get(d, 0)->found, "message 0");
    assert_finding(d, "XML-LIBRARY", NULL);
    assert_non_null(strstr(diag_get(d, XMLIO_LIBRARY_KEEP)->message,
                           "không đủ bộ nhớ"));
    assert_non_null(strstr(diag_get(d, XMLIO_LIBRARY_KEEP + 1)->message,
                           "còn 37"));
    assert_int_equal(xmlio_library_findings(d), 0);
    diag_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tmp_names),
        cmocka_unit_test(test_atomic_never_through_link),
        cmocka_unit_test(test_outset),
        cmocka_unit_test(test_outset_link),
        cmocka_unit_test(test_signal_cleanup),
        cmocka_unit_test(test_lock),
        cmocka_unit_test(test_leftovers),
        cmocka_unit_test(test_xlsx_verify),
        cmocka_unit_test(test_fifo_never_blocks),
        cmocka_unit_test(test_workbook_limit),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_library_messages),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
