/* test_hostile.c - every hostile or broken input the tool is known to
 * meet, in one table: each case writes its file, the file goes through
 * validate_file with the real plan (as `baocao run` does, one after the
 * other with the same validator), and the test checks the one finding it
 * must get, that nothing of the file got in, and that a good submission
 * read after all of them is still accepted.
 *
 * docs/hostile.md is this table: `HOSTILE_TABLE=1 build/tests/test_hostile`
 * prints it (make hostile-table rewrites the doc), so the doc cannot drift
 * from what is tested.
 */
#include "testutil.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <zip.h>

#include "plan.h"
#include "text.h"
#include "util.h"
#include "validate.h"
#include "xmlio.h"

#define NS_MAIN "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NS_REL \
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_PKG "http://schemas.openxmlformats.org/package/2006/relationships"

static char tmpdir[64];
static plan *P;
static bc_validator *V;

/* --- writing inputs ---------------------------------------------------------- */

static char *path_of(const char *name)
{
    char *p = bc_path_join(tmpdir, name);
    assert_non_null(p);
    return p;
}

static void write_bytes(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    if (len)
        assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

static void write_text(const char *path, const char *s)
{
    write_bytes(path, s, strlen(s));
}

/* A file that claims `size` bytes without taking them on disk. */
static void write_sparse(const char *path, off_t size, const char *head)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    assert_true(fd >= 0);
    if (head)
        assert_int_equal(write(fd, head, strlen(head)), (ssize_t)strlen(head));
    assert_int_equal(ftruncate(fd, size), 0);
    close(fd);
}

typedef struct entry {
    const char *name;
    const char *data;
    size_t len; /* 0: strlen(data) */
} entry;

static void write_zip(const char *path, const entry *e, size_t n)
{
    int err = 0;
    zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    assert_non_null(za);
    for (size_t i = 0; i < n; i++) {
        size_t len = e[i].len ? e[i].len : strlen(e[i].data);
        zip_source_t *src = zip_source_buffer(za, e[i].data, len, 0);
        assert_non_null(src);
        assert_true(zip_file_add(za, e[i].name, src, ZIP_FL_OVERWRITE) >= 0);
    }
    assert_int_equal(zip_close(za), 0);
}

#define WORKBOOK_1                                                        \
    "<workbook xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_REL "\"><sheets>"    \
    "<sheet name=\"Kinh phí\" sheetId=\"1\" r:id=\"rId1\"/>"             \
    "<sheet name=\"_phien_ban\" sheetId=\"2\" r:id=\"rId2\"/>"           \
    "</sheets></workbook>"
#define RELS_1                                                             \
    "<Relationships xmlns=\"" NS_PKG "\">"                                \
    "<Relationship Id=\"rId1\" Type=\"" NS_REL "/worksheet\" "            \
    "Target=\"worksheets/sheet1.xml\"/>"                                  \
    "<Relationship Id=\"rId2\" Type=\"" NS_REL "/worksheet\" "            \
    "Target=\"worksheets/sheet2.xml\"/></Relationships>"
#define IS(ref, text) \
    "<c r=\"" ref "\" t=\"inlineStr\"><is><t>" text "</t></is></c>"
#define SHEET(rows) \
    "<worksheet xmlns=\"" NS_MAIN "\"><sheetData>" rows "</sheetData></worksheet>"
/* _phien_ban: form version, unit 185, year 2024 */
#define VERSION_SHEET                                                    \
    SHEET("<row r=\"1\">" IS("A1", "Phiên bản mẫu") IS("B1", "1") "</row>" \
          "<row r=\"2\">" IS("A2", "Mã đơn vị") IS("B2", "185") "</row>"   \
          "<row r=\"3\">" IS("A3", "Năm báo cáo")                         \
          "<c r=\"B3\"><v>2024</v></c></row>")
#define BUDGET_HEAD                                                      \
    "<row r=\"1\">" IS("A1", "Nhiệm vụ")                                 \
    IS("B1", "Kinh phí được giao (triệu đồng)")                          \
    IS("C1", "Đã giải ngân (triệu đồng)") "</row>"

/* A workbook of one budget row whose cells are given as XML. */
static void budget_book(const char *path, const char *row2)
{
    char *sheet = bc_asprintf(SHEET(BUDGET_HEAD "%s"), row2);
    assert_non_null(sheet);
    const entry e[] = {
        {"xl/workbook.xml", WORKBOOK_1, 0},
        {"xl/_rels/workbook.xml.rels", RELS_1, 0},
        {"xl/worksheets/sheet1.xml", sheet, 0},
        {"xl/worksheets/sheet2.xml", VERSION_SHEET, 0},
    };
    write_zip(path, e, BC_ARRAY_LEN(e));
    free(sheet);
}

#define SUB_OPEN \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
    "<submission format=\"1\" unit=\"185\" year=\"2024\">\n"

/* --- the cases ----------------------------------------------------------------- */

static void mk_xxe(const char *p)
{
    write_text(p, "<?xml version=\"1.0\"?>\n"
                  "<!DOCTYPE submission [<!ENTITY x SYSTEM "
                  "\"file:///etc/passwd\">]>\n"
                  "<submission format=\"1\" unit=\"185\" year=\"2024\">"
                  "<contact><name>&x;</name></contact></submission>\n");
}

static void mk_laughs(const char *p)
{
    bc_strbuf sb = BC_STRBUF_INIT;
    sb_adds(&sb, "<?xml version=\"1.0\"?>\n<!DOCTYPE submission [\n"
                 "<!ENTITY a \"ha ha ha ha ha ha ha ha ha ha\">\n");
    for (int i = 1; i < 10; i++) {
        sb_addf(&sb, "<!ENTITY %c \"", 'a' + i);
        for (int k = 0; k < 10; k++)
            sb_addf(&sb, "&%c;", 'a' + i - 1);
        sb_adds(&sb, "\">\n");
    }
    sb_adds(&sb, "]>\n<submission format=\"1\" unit=\"185\" year=\"2024\">"
                 "<contact><name>&j;</name></contact></submission>\n");
    assert_false(sb.failed);
    write_text(p, sb_str(&sb));
    sb_release(&sb);
}

static void mk_external_dtd(const char *p)
{
    write_text(p, "\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<!-- đơn vị -->\n"
                  "<!DOCTYPE submission SYSTEM \"http://example.invalid/s.dtd\">\n"
                  "<submission format=\"1\" unit=\"185\" year=\"2024\"/>\n");
}

static void mk_deep(const char *p)
{
    bc_strbuf sb = BC_STRBUF_INIT;
    sb_adds(&sb, SUB_OPEN "<narrative><results>");
    for (int i = 0; i < 100000; i++)
        sb_adds(&sb, "<b>");
    for (int i = 0; i < 100000; i++)
        sb_adds(&sb, "</b>");
    sb_adds(&sb, "</results></narrative></submission>\n");
    assert_false(sb.failed);
    write_text(p, sb_str(&sb));
    sb_release(&sb);
}

static void mk_bad_utf8(const char *p)
{
    write_text(p, SUB_OPEN "<contact>\n<name>Nguy\xE1n</name>\n"
                           "</contact></submission>\n");
}

static void mk_nul(const char *p)
{
    static const char s[] = SUB_OPEN "<contact><name>A\0B</name></contact>"
                                     "</submission>\n";
    write_bytes(p, s, sizeof s - 1);
}

static void mk_empty(const char *p)
{
    write_bytes(p, "", 0);
}

static void mk_xml_256mb(const char *p)
{
    write_sparse(p, (off_t)256 << 20, SUB_OPEN "<narrative><results>");
}

static void mk_xinclude(const char *p)
{
    write_text(p, "<?xml version=\"1.0\"?>\n<submission "
                  "xmlns:xi=\"http://www.w3.org/2001/XInclude\" format=\"1\" "
                  "unit=\"185\" year=\"2024\">\n<xi:include "
                  "href=\"file:///etc/passwd\" parse=\"text\"/></submission>\n");
}

static void mk_not_zip(const char *p)
{
    write_text(p, "Kính gửi Sở KHCN, đây là báo cáo.\n");
}

static void mk_truncated(const char *p)
{
    budget_book(p, "<row r=\"2\">" IS("A2", "B9")
                   "<c r=\"B2\"><v>400</v></c><c r=\"C2\"><v>300</v></c></row>");
    char *data = NULL;
    size_t n = 0;
    assert_int_equal(bc_read_file(p, (size_t)1 << 20, &data, &n), BC_OK);
    write_bytes(p, data, n / 2);
    free(data);
}

static void mk_xlsx_256mb(const char *p)
{
    write_sparse(p, (off_t)256 << 20, "PK\3\4");
}

static void mk_zip_bomb(const char *p)
{
    /* 64 MiB of empty comments deflate to a few hundred KiB: beyond the
     * ratio cap long before the per-entry cap */
    size_t big = (size_t)64 << 20;
    const char *head = "<worksheet xmlns=\"" NS_MAIN "\"><sheetData>";
    const char *tail = "</sheetData></worksheet>";
    char *x = malloc(big + 256);
    assert_non_null(x);
    size_t w = strlen(head);
    memcpy(x, head, w);
    for (size_t k = 0; k + 7 <= big; k += 7)
        memcpy(x + w + k, "<!---->", 7); /* empty comments: cheap to parse */
    memset(x + w + big - big % 7, ' ', big % 7);
    strcpy(x + w + big, tail);
    const entry e[] = {
        {"xl/workbook.xml", WORKBOOK_1, 0},
        {"xl/_rels/workbook.xml.rels", RELS_1, 0},
        {"xl/worksheets/sheet1.xml", x, 0},
        {"xl/worksheets/sheet2.xml", VERSION_SHEET, 0},
    };
    write_zip(p, e, BC_ARRAY_LEN(e));
    free(x);
}

static void mk_rel_escape(const char *p)
{
    const entry e[] = {
        {"xl/workbook.xml", WORKBOOK_1, 0},
        {"xl/_rels/workbook.xml.rels",
         "<Relationships xmlns=\"" NS_PKG "\">"
         "<Relationship Id=\"rId1\" Type=\"" NS_REL "/worksheet\" "
         "Target=\"../../../../../../etc/passwd\"/>"
         "<Relationship Id=\"rId2\" Type=\"" NS_REL "/worksheet\" "
         "Target=\"/etc/passwd\"/></Relationships>",
         0},
        {"../../evil.xml", "<x/>", 0},
        {"/tmp/evil.xml", "<x/>", 0},
    };
    write_zip(p, e, BC_ARRAY_LEN(e));
}

static void mk_sst_range(const char *p)
{
    budget_book(p, "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>4000000000</v></c>"
                   "<c r=\"B2\"><v>400</v></c><c r=\"C2\"><v>300</v></c></row>");
}

static void mk_ref_beyond(const char *p)
{
    budget_book(p, "<row r=\"2\">" IS("A2", "B9")
                   "<c r=\"B2\"><v>400</v></c><c r=\"C2\"><v>300</v></c>"
                   "<c r=\"XFE2\"><v>1</v></c></row>");
}

static void mk_row_beyond(const char *p)
{
    budget_book(p, "<row r=\"1048577\">" IS("A1048577", "B9") "</row>");
}

static void mk_num_1e309(const char *p)
{
    budget_book(p, "<row r=\"2\">" IS("A2", "B9")
                   "<c r=\"B2\"><v>1e309</v></c><c r=\"C2\"><v>0</v></c></row>");
}

static void mk_num_nan(const char *p)
{
    budget_book(p, "<row r=\"2\">" IS("A2", "B9")
                   "<c r=\"B2\"><v>NaN</v></c><c r=\"C2\"><v>-inf</v></c></row>");
}

static void mk_num_30_digits(const char *p)
{
    budget_book(p, "<row r=\"2\">" IS("A2", "B9")
                   "<c r=\"B2\"><v>123456789012345678901234567890</v></c>"
                   "<c r=\"C2\"><v>0</v></c></row>");
}

static void mk_text_30_digits(const char *p)
{
    budget_book(p, "<row r=\"2\">" IS("A2", "B9")
                   IS("B2", "123.456.789.012.345.678.901.234.567.890")
                   "<c r=\"C2\"><v>0</v></c></row>");
}

static void mk_xls_256mb(const char *p)
{
    write_sparse(p, (off_t)256 << 20, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1");
}

static void mk_xls_not(const char *p)
{
    write_text(p, "<html><body>Bảng tính xuất từ phần mềm</body></html>\n");
}

static void mk_long_unit(const char *p)
{
    bc_strbuf sb = BC_STRBUF_INIT;
    sb_adds(&sb, "<?xml version=\"1.0\"?>\n<submission format=\"1\" unit=\"");
    for (int i = 0; i < 40000; i++)
        sb_addc(&sb, 'A');
    sb_adds(&sb, "\" year=\"2024\"/>\n");
    assert_false(sb.failed);
    write_text(p, sb_str(&sb));
    sb_release(&sb);
}

static void mk_long_prefix(const char *p)
{
    bc_strbuf sb = BC_STRBUF_INIT;
    sb_adds(&sb, "<?xml version=\"1.0\"?>\n<a");
    for (int i = 0; i < 40; i++)
        sb_adds(&sb, "\xC3\xB1");
    sb_adds(&sb, ":submission xmlns:a");
    for (int i = 0; i < 40; i++)
        sb_adds(&sb, "\xC3\xB1");
    sb_adds(&sb, "=\"urn:x\"/>\n");
    assert_false(sb.failed);
    write_text(p, sb_str(&sb));
    sb_release(&sb);
}

typedef struct hostile {
    const char *file;   /* name in the scratch folder */
    const char *what;   /* the case, for docs/hostile.md */
    void (*make)(const char *path);
    const char *code;   /* the finding it must get */
    const char *needle; /* in the message or found, or NULL */
} hostile;

static const hostile cases[] = {
    {"xxe.xml", "DOCTYPE declaring an external entity (XXE) on /etc/passwd",
     mk_xxe, "XML-DOCTYPE", NULL},
    {"laughs.xml", "\"billion laughs\": ten nested entities of ten",
     mk_laughs, "XML-DOCTYPE", NULL},
    {"dtd.xml", "BOM, comment, then a DOCTYPE naming a DTD on the network",
     mk_external_dtd, "XML-DOCTYPE", NULL},
    {"deep.xml", "elements nested 100,000 deep", mk_deep, "XML-PARSE",
     "lồng quá sâu"},
    {"utf8.xml", "invalid UTF-8 byte on line 4", mk_bad_utf8, "XML-PARSE",
     "UTF-8"},
    {"nul.xml", "a NUL byte inside a name", mk_nul, "XML-PARSE", NULL},
    {"empty.xml", "an empty .xml file", mk_empty, "XML-PARSE", "rỗng"},
    {"huge.xml", "an XML file of 256 MB", mk_xml_256mb, "INPUT-LIMIT",
     "byte"},
    {"xinclude.xml", "an XInclude of /etc/passwd (never processed)",
     mk_xinclude, "XSD", NULL},
    {"unit.xml", "a unit code of 40,000 letters", mk_long_unit,
     "XSD", NULL},
    {"prefix.xml", "a namespaced root whose prefix is 40 letters ñ",
     mk_long_prefix, "INGEST-ROOT", NULL},
    {"text.xlsx", "a text file named .xlsx", mk_not_zip, "XLSX-READ", NULL},
    {"half.xlsx", "a workbook cut in half (truncated zip)", mk_truncated,
     "XLSX-READ", NULL},
    {"huge.xlsx", "a .xlsx of 256 MB (zip header, then zeros)",
     mk_xlsx_256mb, "INPUT-LIMIT", NULL},
    {"bomb.xlsx", "zip bomb: a 64 MB sheet compressed some thousand times",
     mk_zip_bomb, "INPUT-LIMIT", NULL},
    {"escape.xlsx",
     "relationships pointing at ../../../etc/passwd and /etc/passwd, entries "
     "named ../../evil.xml and /tmp/evil.xml",
     mk_rel_escape, "XLSX-PART", NULL},
    {"sst.xlsx", "a shared-string index of 4,000,000,000", mk_sst_range,
     "XLSX-CELL", NULL},
    {"col.xlsx", "a cell at column XFE (beyond XFD)", mk_ref_beyond,
     "XLSX-CELL", "XFE2"},
    {"row.xlsx", "a row 1,048,577 (beyond Excel's last row)", mk_row_beyond,
     "XLSX-CELL", NULL},
    {"e309.xlsx", "the number 1e309 (beyond double)", mk_num_1e309,
     "XLSX-CELL", NULL},
    {"nan.xlsx", "NaN and -inf as cell values", mk_num_nan, "XLSX-CELL",
     NULL},
    {"digits.xlsx", "a 30-digit integer as an amount", mk_num_30_digits,
     "XLSX-NUMBER", "quá lớn"},
    {"digits-text.xlsx", "a 30-digit amount typed as text with dots",
     mk_text_30_digits, "XLSX-NUMBER", "quá lớn"},
    {"huge.xls", "an .xls of 256 MB (OLE header, then zeros)",
     mk_xls_256mb, "XLSX-LIMIT", NULL},
    {"html.xls", "an HTML page saved as .xls", mk_xls_not, "XLSX-READ", NULL},
};

/* --- the test ------------------------------------------------------------------- */

static int setup(void **state)
{
    (void)state;
    xmlio_init();
    strcpy(tmpdir, "/tmp/test_hostile.XXXXXX");
    if (!mkdtemp(tmpdir))
        return -1;
    bc_diag *d = diag_new();
    bc_status st = plan_load("templates/plan/de-an-2030.xml",
                             "templates/schema/plan.xsd", d, &P);
    if (st == BC_OK)
        V = validator_new(P, "templates/schema/submission.xsd", d);
    diag_free(d);
    return V ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    validator_free(V);
    plan_free(P);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

static const bc_finding *first_error(const bc_diag *d, size_t from)
{
    for (size_t i = from; i < diag_count(d); i++)
        if (diag_get(d, i)->sev == BC_SEV_ERROR)
            return diag_get(d, i);
    return NULL;
}

static void test_each_case(void **state)
{
    (void)state;
    bc_diag *d = diag_new();
    int table = getenv("HOSTILE_TABLE") != NULL;
    if (table)
        printf("| input | finding | message |\n|---|---|---|\n");
    for (size_t i = 0; i < BC_ARRAY_LEN(cases); i++) {
        const hostile *h = &cases[i];
        char *p = path_of(h->file);
        h->make(p);
        size_t before = diag_count(d);
        submission *s = NULL;
        bc_status st = validate_file(V, p, 2024, d, &s);
        /* rejected, with the expected finding first, and no flood */
        const bc_finding *f = first_error(d, before);
        if (!f || strcmp(f->code, h->code) != 0) {
            for (size_t k = before; k < diag_count(d); k++)
                diag_print(diag_get(d, k), stderr);
            fail_msg("%s: expected %s", h->file, h->code);
        }
        if (st == BC_OK)
            fail_msg("%s: %s found but the file not refused", h->file,
                     h->code);
        assert_string_equal(f->file, p);
        if (diag_count(d) - before > 3) {
            for (size_t k = before; k < diag_count(d); k++)
                diag_print(diag_get(d, k), stderr);
            fail_msg("%s: a flood of findings", h->file);
        }
        if (h->needle)
            assert_true(strstr(f->message, h->needle) ||
                        (f->found && strstr(f->found, h->needle)));
        /* every text of every finding is valid UTF-8 and bounded, so
         * no report can fail on it */
        for (size_t k = before; k < diag_count(d); k++) {
            const bc_finding *g = diag_get(d, k);
            const char *t[] = {g->message, g->found, g->expected, g->place,
                               g->unit};
            for (size_t j = 0; j < BC_ARRAY_LEN(t); j++) {
                if (!t[j])
                    continue;
                assert_true(text_utf8_valid(t[j], strlen(t[j])));
                assert_true(strlen(t[j]) <= DIAG_MAX_MESSAGE + 4);
            }
        }
                /* nothing read from outside the input */
        for (size_t k = before; k < diag_count(d); k++) {
            const bc_finding *g = diag_get(d, k);
            assert_null(strstr(g->message, "root:x:0"));
            assert_true(!g->found || !strstr(g->found, "root:x:0"));
        }
        /* nothing of a refused workbook cell got in */
        if (s)
            assert_int_equal(s->n_budget, 0);
        if (table) {
            bc_strbuf m = BC_STRBUF_INIT;
            for (const char *c = f->message; *c; c++)
                if (*c == '|')
                    sb_adds(&m, "\\|");
                else
                    sb_addc(&m, *c);
            printf("| %s | %s | %s |\n", h->what, h->code, sb_str(&m));
            sb_release(&m);
        }
        submission_free(s);
        unlink(p);
        free(p);
    }

    /* docs/hostile.md lists every case */
    char *doc = NULL;
    size_t doc_len = 0;
    assert_int_equal(bc_read_file("docs/hostile.md", (size_t)1 << 20, &doc,
                                  &doc_len),
                     BC_OK);
    for (size_t i = 0; i < BC_ARRAY_LEN(cases); i++)
        if (!strstr(doc, cases[i].what))
            fail_msg("docs/hostile.md does not list «%s» (regenerate the "
                     "table: HOSTILE_TABLE=1 build/tests/test_hostile)",
                     cases[i].what);
    free(doc);

    /* after all of them, a good submission is read as ever */
    char *good = path_of("good.xml");
    write_text(good, SUB_OPEN "<records><record><kind>NH</kind>"
                              "<status>filed</status>"
                              "<application>4-2024-00041</application>"
                              "<filed>2024-04-02</filed></record></records>"
                              "</submission>\n");
    size_t before = diag_count(d);
    submission *s = NULL;
    assert_int_equal(validate_file(V, good, 2024, d, &s), BC_OK);
    assert_non_null(s);
    assert_int_equal(s->n_records, 1);
    assert_null(first_error(d, before));
    submission_free(s);
    free(good);
    diag_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_each_case),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
