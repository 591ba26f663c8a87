/* test_xlsx_reader.c - the streaming .xlsx reader: workbooks written by
 * libxlsxwriter and small hand-built zips, read back cell by cell. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "util.h"
#include "xlsx_reader.h"

#define NS_MAIN "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NS_REL \
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_PKG "http://schemas.openxmlformats.org/package/2006/relationships"

/* --- fixtures -------------------------------------------------------------- */

static char tmpdir[64];

static int setup_dir(void **state)
{
    (void)state;
    strcpy(tmpdir, "/tmp/test_xlsx_reader.XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int remove_dir(void **state)
{
    (void)state;
    scratch_remove(tmpdir);
    return 0;
}

/* A new path in the temp folder; caller frees. */
static char *tmp_file(const char *name)
{
    char *p = bc_path_join(tmpdir, name);
    assert_non_null(p);
    return p;
}

typedef struct entry {
    const char *name;
    const char *data; /* NUL-terminated */
} entry;

/* Writes a zip with these entries (deflated) to path. */
static void write_zip(const char *path, const entry *e, size_t n)
{
    int err = 0;
    zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    assert_non_null(za);
    for (size_t i = 0; i < n; i++) {
        zip_source_t *src =
            zip_source_buffer(za, e[i].data, strlen(e[i].data), 0);
        assert_non_null(src);
        assert_true(zip_file_add(za, e[i].name, src, ZIP_FL_OVERWRITE) >= 0);
    }
    assert_int_equal(zip_close(za), 0);
}

static void write_bytes(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    if (len)
        assert_int_equal(fwrite(data, 1, len, f), len);
    fclose(f);
}

/* Every cell of a sheet, copied. */
typedef struct got {
    uint32_t row, col;
    char ref[XLSX_REF_BUF];
    char place[64];
    xlsx_cell_type type;
    char text[64];
    double number;
    bc_date date;
    int formula;
} got;

typedef struct cells {
    got c[64];
    size_t n;
    size_t stop_after; /* 0: never stop */
} cells;

static int collect(const xlsx_cell *c, void *ctx)
{
    cells *cs = ctx;
    assert_true(cs->n < BC_ARRAY_LEN(cs->c));
    got *g = &cs->c[cs->n++];
    g->row = c->row;
    g->col = c->col;
    snprintf(g->ref, sizeof g->ref, "%s", c->ref);
    snprintf(g->place, sizeof g->place, "%s", c->place);
    g->type = c->type;
    assert_non_null(c->text);
    snprintf(g->text, sizeof g->text, "%s", c->text);
    g->number = c->number;
    g->date = c->date;
    g->formula = c->formula;
    return cs->stop_after && cs->n >= cs->stop_after;
}

static void check(const got *g, const char *ref, xlsx_cell_type type,
                  const char *text, int formula)
{
    uint32_t row, col;
    assert_int_equal(xlsx_ref_parse(ref, &row, &col), 0);
    assert_string_equal(g->ref, ref);
    assert_int_equal(g->row, row);
    assert_int_equal(g->col, col);
    assert_int_equal(g->type, type);
    assert_string_equal(g->text, text);
    assert_int_equal(g->formula, formula);
}

/* --- references and dates -------------------------------------------------- */

static void test_refs(void **state)
{
    (void)state;
    uint32_t r = 0, c = 0;
    assert_int_equal(xlsx_ref_parse("C7", &r, &c), 0);
    assert_int_equal(r, 7);
    assert_int_equal(c, 3);
    assert_int_equal(xlsx_ref_parse("xfd1048576", &r, &c), 0);
    assert_int_equal(r, 1048576);
    assert_int_equal(c, 16384);
    assert_int_equal(xlsx_ref_parse("AA10", &r, &c), 0);
    assert_int_equal(c, 27);
    r = c = 99;
    assert_int_equal(xlsx_ref_parse("XFE1", &r, &c), -1);
    assert_int_equal(xlsx_ref_parse("A1048577", &r, &c), -1);
    assert_int_equal(xlsx_ref_parse("A0", &r, &c), -1);
    assert_int_equal(xlsx_ref_parse("A01", &r, &c), -1);
    assert_int_equal(xlsx_ref_parse("1A", &r, &c), -1);
    assert_int_equal(xlsx_ref_parse("$A$1", &r, &c), -1);
    assert_int_equal(xlsx_ref_parse("A1:B2", &r, &c), -1);
    assert_int_equal(xlsx_ref_parse("AAAA1", &r, &c), -1);
    assert_int_equal(xlsx_ref_parse("", &r, &c), -1);
    assert_int_equal(xlsx_ref_parse(NULL, &r, &c), -1);
    assert_int_equal(r, 99);
    assert_int_equal(c, 99);

    char buf[XLSX_REF_BUF];
    assert_string_equal(xlsx_ref_format(7, 3, buf), "C7");
    assert_string_equal(xlsx_ref_format(1, 26, buf), "Z1");
    assert_string_equal(xlsx_ref_format(1, 27, buf), "AA1");
    assert_string_equal(xlsx_ref_format(1, 702, buf), "ZZ1");
    assert_string_equal(xlsx_ref_format(1, 703, buf), "AAA1");
    assert_string_equal(xlsx_ref_format(1048576, 16384, buf), "XFD1048576");
    assert_null(xlsx_ref_format(0, 1, buf));
    assert_string_equal(buf, "");
    assert_null(xlsx_ref_format(1, 16385, buf));
    assert_null(xlsx_ref_format(1048577, 1, buf));
}

static void test_serial_dates(void **state)
{
    (void)state;
    assert_int_equal(xlsx_serial_date(1, 0), 19000101);
    assert_int_equal(xlsx_serial_date(59, 0), 19000228);
    assert_int_equal(xlsx_serial_date(60, 0), 0); /* Excel's 1900-02-29 */
    assert_int_equal(xlsx_serial_date(61, 0), 19000301);
    assert_int_equal(xlsx_serial_date(0, 0), 0);
    assert_int_equal(xlsx_serial_date(-1, 0), 0);
    assert_int_equal(xlsx_serial_date(45641, 0), 20241215);
    assert_int_equal(xlsx_serial_date(45641.75, 0), 20241215);
    assert_int_equal(xlsx_serial_date(73415, 0), 21001231);
    assert_int_equal(xlsx_serial_date(73416, 0), 0);
    assert_int_equal(xlsx_serial_date(0, 1), 19040101);
    assert_int_equal(xlsx_serial_date(44179, 1), 20241215);
    assert_int_equal(xlsx_serial_date(59, 1), 19040229);
}

/* --- a workbook written by libxlsxwriter ------------------------------------ */

static char *make_lxw_book(void)
{
    char *path = tmp_file("lxw.xlsx");
    lxw_workbook *wb = workbook_new(path);
    assert_non_null(wb);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Dữ liệu");
    lxw_worksheet *hid = workbook_add_worksheet(wb, "Ẩn");
    lxw_format *dmy = workbook_add_format(wb);
    format_set_num_format(dmy, "dd/mm/yyyy");
    lxw_format *builtin = workbook_add_format(wb);
    format_set_num_format_index(builtin, 14);
    lxw_format *money = workbook_add_format(wb);
    format_set_num_format(money, "#,##0.00 \"đ\"");

    worksheet_write_string(ws, 0, 0, "Tên", NULL);
    worksheet_write_string(ws, 0, 1, "Lạng Sơn", NULL);
    worksheet_write_number(ws, 1, 0, 1234.5, NULL);
    worksheet_write_number(ws, 1, 1, -3, money);
    worksheet_write_boolean(ws, 1, 2, 1, NULL);
    worksheet_write_formula_num(ws, 1, 3, "=A2*2", NULL, 2469);
    lxw_datetime dt = {2024, 12, 15, 0, 0, 0};
    worksheet_write_datetime(ws, 1, 4, &dt, dmy);
    worksheet_write_number(ws, 1, 5, 45292, builtin);
    worksheet_merge_range(ws, 4, 0, 4, 2, "gộp", NULL);
    worksheet_write_string(ws, 9, 27, "cuối", NULL); /* AB10 */
    worksheet_write_string(hid, 0, 0, "bí mật", NULL);
    worksheet_hide(hid);
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
    return path;
}

static void check_lxw_cells(const cells *cs)
{
    assert_int_equal(cs->n, 10);
    check(&cs->c[0], "A1", XLSX_CELL_STRING, "Tên", 0);
    assert_string_equal(cs->c[0].place, "Dữ liệu!A1");
    check(&cs->c[1], "B1", XLSX_CELL_STRING, "Lạng Sơn", 0);
    check(&cs->c[2], "A2", XLSX_CELL_NUMBER, "1234.5", 0);
    assert_true(cs->c[2].number == 1234.5);
    check(&cs->c[3], "B2", XLSX_CELL_NUMBER, "-3", 0); /* not a date */
    assert_true(cs->c[3].number == -3.0);
    check(&cs->c[4], "C2", XLSX_CELL_BOOLEAN, "1", 0);
    assert_true(cs->c[4].number == 1.0);
    check(&cs->c[5], "D2", XLSX_CELL_NUMBER, "2469", 1);
    assert_true(cs->c[5].number == 2469.0);
    check(&cs->c[6], "E2", XLSX_CELL_DATE, "45641", 0);
    assert_true(cs->c[6].number == 45641.0);
    assert_int_equal(cs->c[6].date, 20241215);
    check(&cs->c[7], "F2", XLSX_CELL_DATE, "45292", 0);
    assert_int_equal(cs->c[7].date, 20240101);
    check(&cs->c[8], "A5", XLSX_CELL_STRING, "gộp", 0); /* B5:C5 blank */
    check(&cs->c[9], "AB10", XLSX_CELL_STRING, "cuối", 0);
}

static void test_lxw_workbook(void **state)
{
    (void)state;
    char *path = make_lxw_book();
    bc_diag *d = diag_new();
    xlsx_book *b = NULL;
    assert_int_equal(xlsx_open(path, d, &b), BC_OK);
    assert_int_equal(xlsx_sheet_count(b), 2);
    assert_string_equal(xlsx_sheet_name(b, 0), "Dữ liệu");
    assert_string_equal(xlsx_sheet_name(b, 1), "Ẩn");
    assert_null(xlsx_sheet_name(b, 2));
    assert_int_equal(xlsx_sheet_state_of(b, 0), XLSX_SHEET_VISIBLE);
    assert_int_equal(xlsx_sheet_state_of(b, 1), XLSX_SHEET_HIDDEN);
    assert_int_equal(xlsx_date1904(b), 0);
    size_t idx = 9;
    assert_int_equal(xlsx_sheet_find(b, "Ẩn", &idx), BC_OK);
    assert_int_equal(idx, 1);
    assert_int_equal(xlsx_sheet_find(b, "không có", &idx), BC_ERR_INVALID);

    /* merges before any pass: read on demand */
    const xlsx_range *m = NULL;
    size_t nm = 0;
    assert_int_equal(xlsx_sheet_merges(b, 0, &m, &nm), BC_OK);
    assert_int_equal(nm, 1);
    assert_int_equal(m[0].first_row, 5);
    assert_int_equal(m[0].first_col, 1);
    assert_int_equal(m[0].last_row, 5);
    assert_int_equal(m[0].last_col, 3);

    cells *cs = calloc(1, sizeof *cs);
    assert_int_equal(xlsx_sheet_rows(b, 0, collect, cs), BC_OK);
    check_lxw_cells(cs);

    memset(cs, 0, sizeof *cs);
    assert_int_equal(xlsx_sheet_rows(b, 1, collect, cs), BC_OK);
    assert_int_equal(cs->n, 1);
    check(&cs->c[0], "A1", XLSX_CELL_STRING, "bí mật", 0);
    assert_int_equal(xlsx_sheet_merges(b, 1, &m, &nm), BC_OK);
    assert_int_equal(nm, 0);

    /* stopping early */
    memset(cs, 0, sizeof *cs);
    cs->stop_after = 3;
    assert_int_equal(xlsx_sheet_rows(b, 0, collect, cs), BC_OK);
    assert_int_equal(cs->n, 3);
    assert_int_equal(xlsx_sheet_rows(b, 2, collect, cs), BC_ERR_USAGE);
    assert_int_equal(diag_count(d), 0);
    xlsx_close(b);

    /* the same from memory */
    char *data = NULL;
    size_t len = 0;
    assert_int_equal(bc_read_file(path, 1 << 20, &data, &len), BC_OK);
    assert_int_equal(xlsx_open_memory(data, len, "mem.xlsx", d, &b), BC_OK);
    memset(cs, 0, sizeof *cs);
    assert_int_equal(xlsx_sheet_rows(b, 0, collect, cs), BC_OK);
    check_lxw_cells(cs);
    xlsx_close(b);
    assert_int_equal(diag_count(d), 0);

    /* the same file cut in half: a clear finding, no crash */
    char *cut = tmp_file("cut.xlsx");
    write_bytes(cut, data, len / 2);
    assert_int_equal(xlsx_open(cut, d, &b), BC_ERR_PARSE);
    assert_null(b);
    const bc_finding *f = assert_finding(d, "XLSX-READ", NULL);
    assert_string_equal(f->file, cut);
    assert_non_null(strstr(f->message, "cắt cụt"));
    free(cut);
    free(data);
    free(cs);
    xlsx_close(NULL);
    diag_free(d);
    free(path);
}

/* --- hand-built workbooks ------------------------------------------------- */

#define WORKBOOK(pr, sheets)                                                   \
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"          \
    "<workbook xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_REL "\">" pr               \
    "<sheets>" sheets "</sheets></workbook>"

#define RELS(body)                                                             \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                             \
    "<Relationships xmlns=\"" NS_PKG "\">" body "</Relationships>"

#define REL(id, type, target)                                                  \
    "<Relationship Id=\"" id "\" Type=\"" NS_REL "/" type "\" Target=\""       \
    target "\"/>"

#define SHEET(data, rest)                                                      \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                             \
    "<worksheet xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_REL "\"><sheetData>"      \
    data "</sheetData>" rest "</worksheet>"

static const char SST[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<sst xmlns=\"" NS_MAIN "\" count=\"2\" uniqueCount=\"2\">"
    "<si><t>Lạng</t></si>"
    "<si><r><rPr><b/></rPr><t xml:space=\"preserve\">Lạng </t></r>"
    "<r><t>Sơn</t></r><rPh sb=\"0\" eb=\"1\"><t>X</t></rPh></si>"
    "</sst>";

/* xf 0 general, 1 custom date, 2 a quoted "d" (not a date), 3 built-in
 * 14; a date in cellStyleXfs and dxfs must not count. */
static const char STYLES[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<styleSheet xmlns=\"" NS_MAIN "\">"
    "<numFmts count=\"2\"><numFmt numFmtId=\"164\" formatCode=\"d/m/yyyy\"/>"
    "<numFmt numFmtId=\"165\" formatCode=\"&quot;d&quot;0.00;[Red]0\"/>"
    "</numFmts>"
    "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
    "<cellXfs count=\"4\"><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/>"
    "<xf numFmtId=\"165\"/><xf numFmtId=\"14\"/></cellXfs>"
    "<dxfs count=\"1\"><dxf><numFmt numFmtId=\"166\" formatCode=\"yyyy\"/>"
    "</dxf></dxfs></styleSheet>";

static const char RELS_STD[] =
    RELS(REL("rId1", "worksheet", "/xl/worksheets/sheet1.xml")
         REL("rId2", "sharedStrings", "sharedStrings.xml")
         REL("rId3", "styles", "./styles.xml"));

static void test_hand_built(void **state)
{
    (void)state;
    char *path = tmp_file("hand.xlsx");
    const entry e[] = {
        {"xl/workbook.xml",
         WORKBOOK("<workbookPr date1904=\"1\"/>",
                  "<sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/>"
                  "<sheet name=\"V\" sheetId=\"2\" state=\"veryHidden\" "
                  "r:id=\"rId1\"/>")},
        {"xl/_rels/workbook.xml.rels", RELS_STD},
        {"xl/sharedStrings.xml", SST},
        {"xl/styles.xml", STYLES},
        {"xl/worksheets/sheet1.xml",
         SHEET("<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>Chè</t></is>"
               "</c><c t=\"s\"><v>1</v></c><c><v> 42 </v></c>"
               "<c t=\"e\"><v>#N/A</v></c></row>"
               "<row><c s=\"1\"><v>0</v></c><c s=\"3\"><v>1.5</v></c>"
               "<c s=\"2\"><v>7</v></c><c t=\"str\"><f>A2</f><v>Chè</v></c>"
               "<c><f>1+1</f></c><c s=\"1\"/></row>"
               "<row r=\"5\"><c r=\"C5\" t=\"s\"><v>0</v></c>"
               "<c t=\"b\"><v>0</v></c>"
               "<c t=\"inlineStr\"><is><r><t>a</t></r><r><t>b</t></r>"
               "</is></c></row>",
               "<mergeCells count=\"1\"><mergeCell ref=\"A2:B3\"/>"
               "</mergeCells>")},
    };
    write_zip(path, e, BC_ARRAY_LEN(e));
    bc_diag *d = diag_new();
    xlsx_book *b = NULL;
    assert_int_equal(xlsx_open(path, d, &b), BC_OK);
    assert_int_equal(xlsx_date1904(b), 1);
    assert_int_equal(xlsx_sheet_count(b), 2);
    assert_int_equal(xlsx_sheet_state_of(b, 1), XLSX_SHEET_VERY_HIDDEN);
    cells *cs = calloc(1, sizeof *cs);
    assert_int_equal(xlsx_sheet_rows(b, 0, collect, cs), BC_OK);
    assert_int_equal(cs->n, 12);
    check(&cs->c[0], "A2", XLSX_CELL_STRING, "Chè", 0);
    check(&cs->c[1], "B2", XLSX_CELL_STRING, "Lạng Sơn", 0);
    check(&cs->c[2], "C2", XLSX_CELL_NUMBER, "42", 0);
    assert_true(cs->c[2].number == 42.0);
    check(&cs->c[3], "D2", XLSX_CELL_ERROR, "#N/A", 0);
    check(&cs->c[4], "A3", XLSX_CELL_DATE, "0", 0);
    assert_int_equal(cs->c[4].date, 19040101);
    check(&cs->c[5], "B3", XLSX_CELL_DATE, "1.5", 0);
    assert_int_equal(cs->c[5].date, 19040102);
    assert_true(cs->c[5].number == 1.5);
    check(&cs->c[6], "C3", XLSX_CELL_NUMBER, "7", 0);
    check(&cs->c[7], "D3", XLSX_CELL_STRING, "Chè", 1);
    check(&cs->c[8], "E3", XLSX_CELL_EMPTY, "", 1);
    check(&cs->c[9], "C5", XLSX_CELL_STRING, "Lạng", 0);
    check(&cs->c[10], "D5", XLSX_CELL_BOOLEAN, "0", 0);
    check(&cs->c[11], "E5", XLSX_CELL_STRING, "ab", 0);
    const xlsx_range *m = NULL;
    size_t nm = 0;
    assert_int_equal(xlsx_sheet_merges(b, 0, &m, &nm), BC_OK);
    assert_int_equal(nm, 1);
    assert_int_equal(m[0].first_row, 2);
    assert_int_equal(m[0].first_col, 1);
    assert_int_equal(m[0].last_row, 3);
    assert_int_equal(m[0].last_col, 2);
    assert_int_equal(diag_count(d), 0);
    xlsx_close(b);
    free(cs);
    diag_free(d);
    free(path);
}

static void test_rich_inline_and_1900_t_d(void **state)
{
    (void)state;
    char *path = tmp_file("inline.xlsx");
    const entry e[] = {
        {"xl/workbook.xml",
         WORKBOOK("", "<sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/>")},
        {"xl/_rels/workbook.xml.rels",
         RELS(REL("rId1", "worksheet", "worksheets/../worksheets/s.xml"))},
        {"xl/worksheets/s.xml",
         SHEET("<row r=\"1\"><c r=\"E1\" t=\"inlineStr\"><is><r><t>a</t>"
               "</r><r><t xml:space=\"preserve\"> b </t></r></is></c>"
               "<c r=\"F1\" t=\"d\"><v>2024-12-15T00:00:00</v></c></row>",
               "")},
    };
    write_zip(path, e, BC_ARRAY_LEN(e));
    bc_diag *d = diag_new();
    xlsx_book *b = NULL;
    assert_int_equal(xlsx_open(path, d, &b), BC_OK);
    cells *cs = calloc(1, sizeof *cs);
    assert_int_equal(xlsx_sheet_rows(b, 0, collect, cs), BC_OK);
    assert_int_equal(cs->n, 2);
    check(&cs->c[0], "E1", XLSX_CELL_STRING, "a b ", 0);
    check(&cs->c[1], "F1", XLSX_CELL_DATE, "2024-12-15T00:00:00", 0);
    assert_int_equal(cs->c[1].date, 20241215);
    assert_true(cs->c[1].number == 45641.0);
    assert_int_equal(diag_count(d), 0);
    xlsx_close(b);
    free(cs);
    diag_free(d);
    free(path);
}

static void test_sst_out_of_range(void **state)
{
    (void)state;
    char *path = tmp_file("sst.xlsx");
    const entry e[] = {
        {"xl/workbook.xml",
         WORKBOOK("", "<sheet name=\"Biểu 1\" sheetId=\"1\" r:id=\"rId1\"/>")},
        {"xl/_rels/workbook.xml.rels", RELS_STD},
        {"xl/sharedStrings.xml", SST},
        {"xl/worksheets/sheet1.xml",
         SHEET("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c>"
               "<c r=\"B1\" t=\"s\"><v>5</v></c><c r=\"C1\" t=\"s\">"
               "<v>-1</v></c><c r=\"D1\"><v>1,5</v></c>"
               "<c r=\"E1\" t=\"zz\"><v>1</v></c></row>"
               "<row r=\"2\"><c r=\"A1\"><v>1</v></c><c><v>2</v></c></row>",
               "")},
    };
    write_zip(path, e, BC_ARRAY_LEN(e));
    bc_diag *d = diag_new();
    xlsx_book *b = NULL;
    assert_int_equal(xlsx_open(path, d, &b), BC_OK);
    cells *cs = calloc(1, sizeof *cs);
    assert_int_equal(xlsx_sheet_rows(b, 0, collect, cs), BC_ERR_INVALID);
    /* the good cells still come, the bad ones are skipped */
    assert_int_equal(cs->n, 2);
    check(&cs->c[0], "A1", XLSX_CELL_STRING, "Lạng", 0);
    check(&cs->c[1], "B2", XLSX_CELL_NUMBER, "2", 0);
    assert_int_equal(diag_count(d), 5);
    const bc_finding *f = assert_finding(d, "XLSX-CELL", "5");
    assert_string_equal(f->file, path);
    assert_string_equal(f->place, "Biểu 1!B1");
    assert_string_equal(f->expected, "chỉ số từ 0 đến 1");
    assert_int_equal(f->sev, BC_SEV_ERROR);
    f = assert_finding(d, "XLSX-CELL", "-1");
    assert_string_equal(f->place, "Biểu 1!C1");
    f = assert_finding(d, "XLSX-CELL", "1,5");
    assert_string_equal(f->place, "Biểu 1!D1");
    f = assert_finding(d, "XLSX-CELL", "zz");
    assert_string_equal(f->place, "Biểu 1!E1");
    f = assert_finding(d, "XLSX-CELL", "A1"); /* A1 inside row 2 */
    assert_string_equal(f->place, "Biểu 1!A2");
    xlsx_close(b);
    free(cs);
    diag_free(d);
    free(path);
}

static void test_not_a_workbook(void **state)
{
    (void)state;
    bc_diag *d = diag_new();
    xlsx_book *b = (xlsx_book *)1;

    char *txt = tmp_file("khong-phai.xlsx");
    write_bytes(txt, "xin chào, đây không phải tệp zip\n", 36);
    assert_int_equal(xlsx_open(txt, d, &b), BC_ERR_PARSE);
    assert_null(b);
    assert_int_equal(diag_count(d), 1);
    const bc_finding *f = assert_finding(d, "XLSX-READ", NULL);
    assert_string_equal(f->file, txt);
    assert_null(f->place);
    assert_non_null(strstr(f->message, "không phải sổ tính Excel .xlsx"));

    char *empty = tmp_file("rong.xlsx");
    write_bytes(empty, "", 0);
    assert_int_equal(xlsx_open(empty, d, &b), BC_ERR_PARSE);
    assert_int_equal(diag_count(d), 2);
    f = diag_get(d, 1);
    assert_string_equal(f->code, "XLSX-READ");
    assert_string_equal(f->file, empty);
    assert_string_equal(f->message,
                        "tệp rỗng (0 byte), không phải sổ tính Excel");

    assert_int_equal(xlsx_open_memory("", 0, "m.xlsx", d, &b), BC_ERR_PARSE);
    assert_string_equal(diag_get(d, 2)->file, "m.xlsx");
    assert_int_equal(xlsx_open_memory("PK\3\4garbage", 11, "g.xlsx", d, &b),
                     BC_ERR_PARSE);
    assert_string_equal(diag_get(d, 3)->code, "XLSX-READ");

    char *missing = tmp_file("khong-co.xlsx");
    assert_int_equal(xlsx_open(missing, d, &b), BC_ERR_IO);
    assert_string_equal(diag_get(d, 4)->code, "XLSX-READ");
    assert_string_equal(diag_get(d, 4)->file, missing);
    assert_int_equal(xlsx_open(tmpdir, d, &b), BC_ERR_IO);

    /* a zip, but no workbook in it */
    char *other = tmp_file("other.xlsx");
    const entry e[] = {{"a.txt", "chào"}};
    write_zip(other, e, 1);
    assert_int_equal(xlsx_open(other, d, &b), BC_ERR_INVALID);
    f = assert_finding(d, "XLSX-PART", "xl/workbook.xml");
    assert_string_equal(f->file, other);
    assert_string_equal(f->message,
                        "sổ tính thiếu phần bắt buộc xl/workbook.xml");
    assert_null(b);
    free(txt);
    free(empty);
    free(missing);
    free(other);
    diag_free(d);
}

static void test_missing_sheet_part(void **state)
{
    (void)state;
    char *path = tmp_file("missing.xlsx");
    const entry e[] = {
        {"xl/workbook.xml",
         WORKBOOK("", "<sheet name=\"A\" sheetId=\"1\" r:id=\"rId1\"/>"
                      "<sheet name=\"B\" sheetId=\"2\" r:id=\"rId9\"/>")},
        {"xl/_rels/workbook.xml.rels",
         RELS(REL("rId1", "worksheet", "worksheets/sheet9.xml"))},
    };
    write_zip(path, e, BC_ARRAY_LEN(e));
    bc_diag *d = diag_new();
    xlsx_book *b = NULL;
    assert_int_equal(xlsx_open(path, d, &b), BC_OK);
    assert_int_equal(xlsx_sheet_count(b), 2);
    cells *cs = calloc(1, sizeof *cs);
    assert_int_equal(xlsx_sheet_rows(b, 0, collect, cs), BC_ERR_INVALID);
    const bc_finding *f = assert_finding(d, "XLSX-PART",
                                         "xl/worksheets/sheet9.xml");
    assert_string_equal(f->file, path);
    assert_string_equal(f->place, "A");
    assert_string_equal(f->message, "sổ tính thiếu phần "
                                    "xl/worksheets/sheet9.xml chứa dữ liệu "
                                    "trang tính «A»");
    assert_int_equal(xlsx_sheet_rows(b, 1, collect, cs), BC_ERR_INVALID);
    f = assert_finding(d, "XLSX-PART", "rId9");
    assert_string_equal(f->place, "B");
    assert_int_equal(cs->n, 0);
    xlsx_close(b);
    free(cs);
    diag_free(d);
    free(path);
}

static void test_hostile_parts(void **state)
{
    (void)state;
    /* 2 MiB of spaces deflate to a few KiB: beyond 200 x + 1 MiB */
    size_t big = (size_t)2 << 20;
    char *bomb = malloc(big + 200);
    assert_non_null(bomb);
    strcpy(bomb, "<worksheet xmlns=\"" NS_MAIN "\"><sheetData>");
    size_t n = strlen(bomb);
    memset(bomb + n, ' ', big);
    strcpy(bomb + n + big, "</sheetData></worksheet>");

    char *path = tmp_file("bomb.xlsx");
    const entry e[] = {
        {"xl/workbook.xml",
         WORKBOOK("", "<sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/>")},
        {"xl/_rels/workbook.xml.rels", RELS_STD},
        {"xl/worksheets/sheet1.xml", bomb},
    };
    write_zip(path, e, BC_ARRAY_LEN(e));
    bc_diag *d = diag_new();
    xlsx_book *b = NULL;
    assert_int_equal(xlsx_open(path, d, &b), BC_OK);
    cells *cs = calloc(1, sizeof *cs);
    assert_int_equal(xlsx_sheet_rows(b, 0, collect, cs), BC_ERR_LIMIT);
    const bc_finding *f = assert_finding(d, "XLSX-LIMIT",
                                         "xl/worksheets/sheet1.xml");
    assert_non_null(strstr(f->message, "bom nén"));
    xlsx_close(b);

    /* a DOCTYPE is refused, even an innocent one */
    char *dt = tmp_file("doctype.xlsx");
    const entry e2[] = {
        {"xl/workbook.xml",
         "<?xml version=\"1.0\"?><!DOCTYPE workbook [<!ENTITY a \"aaaa\">]>"
         "<workbook xmlns=\"" NS_MAIN "\"><sheets/></workbook>"},
        {"xl/_rels/workbook.xml.rels", RELS_STD},
    };
    write_zip(dt, e2, BC_ARRAY_LEN(e2));
    assert_int_equal(xlsx_open(dt, d, &b), BC_ERR_PARSE);
    f = assert_finding(d, "XLSX-READ", "xl/workbook.xml");
    assert_non_null(strstr(f->message, "DOCTYPE"));

    /* a sheet that is not well-formed */
    char *bad = tmp_file("bad.xlsx");
    const entry e3[] = {
        {"xl/workbook.xml",
         WORKBOOK("", "<sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/>")},
        {"xl/_rels/workbook.xml.rels", RELS_STD},
        {"xl/worksheets/sheet1.xml",
         SHEET("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row><row>", "")},
    };
    write_zip(bad, e3, BC_ARRAY_LEN(e3));
    size_t before = diag_count(d);
    assert_int_equal(xlsx_open(bad, d, &b), BC_OK);
    memset(cs, 0, sizeof *cs);
    assert_int_equal(xlsx_sheet_rows(b, 0, collect, cs), BC_ERR_PARSE);
    /* the reader parses ahead: cells before the damage may or may not
     * have come, but never one after it */
    assert_true(cs->n <= 1);
    assert_int_equal(diag_count(d), before + 1);
    f = diag_get(d, before);
    assert_string_equal(f->code, "XLSX-READ");
    assert_string_equal(f->found, "xl/worksheets/sheet1.xml");
    assert_non_null(strstr(f->message, "không đúng cú pháp XML"));
    xlsx_close(b);

    free(bad);
    free(dt);
    free(cs);
    free(bomb);
    diag_free(d);
    free(path);
}

/* What the SAX reading keeps from the walk by local names: '&' in
 * attribute values, CDATA and character references, rich strings (runs,
 * a <t> with markup inside, phonetic runs left out), an empty <row/>
 * inside a row leaving that row open, cells of a bad row never seen, and
 * its two limits of its own: nesting depth and the length of one value. */
static void test_sax_details(void **state)
{
    (void)state;
    char *path = tmp_file("sax.xlsx");
    const entry e[] = {
        {"xl/workbook.xml",
         WORKBOOK("", "<sheet name=\"A&amp;B &lt;1&#38;\" sheetId=\"1\" "
                      "r:id=\"rId1\"/>")},
        {"xl/_rels/workbook.xml.rels", RELS_STD},
        {"xl/sharedStrings.xml",
         "<sst xmlns=\"" NS_MAIN "\"><si><r><t>Lạng</t></r><r><rPr><b/>"
         "</rPr><t xml:space=\"preserve\"> S&#417;n</t></r><rPh><t>X</t>"
         "</rPh></si><si><t>a<x>b</x>c</t></si><si/></sst>"},
        {"xl/worksheets/sheet1.xml",
         SHEET("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c>"
               "<c t=\"s\"><v>1</v></c><c t=\"s\"><v>2</v></c>"
               "<c t=\"str\"><v><![CDATA[<b>]]>&amp;&#x1EA1;</v></c>"
               "<row r=\"3\"/><c><v>7</v></c></row>"
               "<row r=\"0\"><c r=\"A9\"><v>1</v></c></row>"
               "<row r=\"5\"><c r=\"B5\" t=\"inlineStr\"><is><t>i</t>"
               "<rPh><t>no</t></rPh></is></c></row>",
               "<mergeCells><mergeCell ref=\"A1:B2\"/></mergeCells>")},
    };
    write_zip(path, e, BC_ARRAY_LEN(e));
    bc_diag *d = diag_new();
    xlsx_book *b = NULL;
    assert_int_equal(xlsx_open(path, d, &b), BC_OK);
    assert_string_equal(xlsx_sheet_name(b, 0), "A&B <1&");
    cells *cs = calloc(1, sizeof *cs);
    assert_int_equal(xlsx_sheet_rows(b, 0, collect, cs), BC_ERR_INVALID);
    assert_int_equal(cs->n, 6);
    check(&cs->c[0], "A1", XLSX_CELL_STRING, "Lạng Sơn", 0);
    check(&cs->c[1], "B1", XLSX_CELL_STRING, "abc", 0);
    check(&cs->c[2], "C1", XLSX_CELL_STRING, "", 0);
    check(&cs->c[3], "D1", XLSX_CELL_STRING, "<b>&ạ", 0);
    check(&cs->c[4], "A3", XLSX_CELL_NUMBER, "7", 0); /* after <row/> */
    check(&cs->c[5], "B5", XLSX_CELL_STRING, "i", 0);
    assert_string_equal(cs->c[4].place, "A&B <1&!A3");
    assert_finding(d, "XLSX-CELL", "0"); /* the bad row, its cell unseen */
    const xlsx_range *m = NULL;
    size_t nm = 0;
    assert_int_equal(xlsx_sheet_merges(b, 0, &m, &nm), BC_OK);
    assert_int_equal(nm, 1);
    xlsx_close(b);

    /* 300 nested elements: refused at 256, as libxml2 does for a tree */
    bc_strbuf deep = BC_STRBUF_INIT;
    sb_adds(&deep, "<worksheet xmlns=\"" NS_MAIN "\"><sheetData>");
    for (int i = 0; i < 300; i++)
        sb_adds(&deep, "<x>");
    for (int i = 0; i < 300; i++)
        sb_adds(&deep, "</x>");
    sb_adds(&deep, "</sheetData></worksheet>");
    /* a value of 10 MB and one byte: beyond XLSX_MAX_TEXT_BYTES */
    bc_strbuf big = BC_STRBUF_INIT;
    sb_adds(&big, "<worksheet xmlns=\"" NS_MAIN "\"><sheetData><row r=\"1\">"
                  "<c r=\"A1\" t=\"str\"><v>");
    uint32_t x = 12345;
    for (size_t i = 0; i <= XLSX_MAX_TEXT_BYTES; i++) {
        x = x * 1103515245u + 12345u; /* letters that hardly deflate */
        sb_addc(&big, (char)('a' + (x >> 16) % 26));
    }
    sb_adds(&big, "</v></c></row></sheetData></worksheet>");
    assert_false(deep.failed || big.failed);
    const char *sheets[] = {sb_str(&deep), sb_str(&big)};
    for (size_t k = 0; k < 2; k++) {
        char *pk = tmp_file(k ? "big.xlsx" : "deep.xlsx");
        const entry ek[] = {
            {"xl/workbook.xml",
             WORKBOOK("", "<sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/>")},
            {"xl/_rels/workbook.xml.rels", RELS_STD},
            {"xl/worksheets/sheet1.xml", sheets[k]},
        };
        write_zip(pk, ek, BC_ARRAY_LEN(ek));
        size_t before = diag_count(d);
        assert_int_equal(xlsx_open(pk, d, &b), BC_OK);
        memset(cs, 0, sizeof *cs);
        assert_int_equal(xlsx_sheet_rows(b, 0, collect, cs),
                         k ? BC_ERR_LIMIT : BC_ERR_PARSE);
        assert_int_equal(cs->n, 0);
        assert_int_equal(diag_count(d), before + 1);
        const bc_finding *f = diag_get(d, before);
        assert_string_equal(f->code, k ? "XLSX-LIMIT" : "XLSX-READ");
        assert_string_equal(f->found, "xl/worksheets/sheet1.xml");
        assert_non_null(strstr(f->message, k ? "10000000 byte"
                                             : "lồng nhau quá 256 cấp"));
        xlsx_close(b);
        free(pk);
    }
    sb_release(&deep);
    sb_release(&big);
    free(cs);
    diag_free(d);
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_refs),
        cmocka_unit_test(test_serial_dates),
        cmocka_unit_test(test_lxw_workbook),
        cmocka_unit_test(test_hand_built),
        cmocka_unit_test(test_rich_inline_and_1900_t_d),
        cmocka_unit_test(test_sst_out_of_range),
        cmocka_unit_test(test_not_a_workbook),
        cmocka_unit_test(test_missing_sheet_part),
        cmocka_unit_test(test_hostile_parts),
        cmocka_unit_test(test_sax_details),
    };
    return cmocka_run_group_tests(tests, setup_dir, remove_dir);
}
