/* test_detail.c - the workbook's long lists (records, units, files)
 * written chunk by chunk from an item source (detail.c, xlsx_writer's
 * <rows-from>) give the cells the workbook template writes from the whole
 * lists.  The item source here copies the items of a whole aggregate
 * document; the program's (agg_list_items) is checked against the saved
 * aggregate in test_aggregate.c.
 *
 * The sample aggregate fixture holds the whole lists; a view of it is a
 * copy whose <records>, <units> or <submissions> keeps one item and says
 * count="N" listed="1", as agg_build makes it when a list is longer than
 * the detail limit.  Workbooks from the whole document and from the views
 * are read back (book.h) and every cell of every sheet compared; a sheet
 * that took rows from the stream must be written in constant memory
 * (inline strings).  Then the C twins of the row templates are compared
 * with the templates themselves (bao-cao-xlsx-rows.xsl) on the fixture's
 * items and items with odd values.
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <zip.h>

#include "book.h"
#include "detail.h"
#include "render.h"
#include "util.h"
#include "xlsx_writer.h"
#include "xmlio.h"

#define FIXTURE "tests/fixtures/aggregate-sample.xml"
#define XSL_XLSX "templates/xslt/bao-cao-xlsx.xsl"
#define XSL_ROWS "templates/xslt/bao-cao-xlsx-rows.xsl"
#define XSD_WORKBOOK "templates/schema/workbook.xsd"

static char dir[64];

static int setup(void **state)
{
    (void)state;
    strcpy(dir, "/tmp/test_detail.XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    scratch_remove(dir);
    return 0;
}

static char *in_dir(const char *name)
{
    return bc_path_join(dir, name);
}

static int add_cell(const xlsx_cell *c, void *ctx)
{
    sb_addf(ctx, "%u,%u %d %s\n", c->row, c->col, (int)c->type, c->text);
    return 0;
}

/* Every cell of every sheet of the workbook at path, as text; *n_rows
 * (when not NULL): the number of cells of the sheet named sheet. */
static char *cells_of(const char *path, const char *sheet, size_t *n_cells)
{
    bc_diag *d = diag_new();
    bc_book *b = NULL;
    assert_int_equal(book_open(path, d, &b), BC_OK);
    bc_strbuf sb = BC_STRBUF_INIT;
    if (n_cells)
        *n_cells = 0;
    for (size_t i = 0; i < book_sheet_count(b); i++) {
        sb_addf(&sb, "== %s\n", book_sheet_name(b, i));
        size_t before = sb.len;
        assert_int_equal(book_sheet_rows(b, i, add_cell, &sb), BC_OK);
        if (n_cells && sheet && strcmp(book_sheet_name(b, i), sheet) == 0)
            for (size_t k = before; k < sb.len; k++)
                *n_cells += sb_str(&sb)[k] == '\n';
    }
    book_close(b);
    diag_free(d);
    char *text = sb_detach(&sb);
    assert_non_null(text);
    return text;
}

/* 1 when the zip entry `name` of path contains `needle`. */
static int entry_has(const char *path, const char *name, const char *needle)
{
    int err = 0;
    zip_t *z = zip_open(path, ZIP_RDONLY, &err);
    assert_non_null(z);
    zip_stat_t st;
    assert_int_equal(zip_stat(z, name, 0, &st), 0);
    char *buf = calloc(1, st.size + 1);
    zip_file_t *f = zip_fopen(z, name, 0);
    assert_non_null(f);
    assert_int_equal(zip_fread(f, buf, st.size), (zip_int64_t)st.size);
    zip_fclose(f);
    zip_close(z);
    int has = strstr(buf, needle) != NULL;
    free(buf);
    return has;
}

/* 1 when the sheet named `sheet` of the workbook at path stores its
 * strings inline (constant memory).  sheets: the description. */
static int sheet_inline(const char *path, xmlDocPtr desc, const char *sheet)
{
    int k = 0;
    for (xmlNodePtr s = xmlio_child(xmlDocGetRootElement(desc), "sheet"); s;
         s = xmlio_next(s, "sheet")) {
        k++;
        char *name = xmlio_attr(s, "name");
        int hit = name && strcmp(name, sheet) == 0;
        free(name);
        if (hit) {
            char part[64];
            snprintf(part, sizeof part, "xl/worksheets/sheet%d.xml", k);
            return entry_has(path, part, "inlineStr");
        }
    }
    fail_msg("no sheet %s", sheet);
    return 0;
}

/* The number of <rows-from source="source"> of a description. */
static int rows_from_count(xmlDocPtr desc, const char *source)
{
    int n = 0;
    for (xmlNodePtr s = xmlio_child(xmlDocGetRootElement(desc), "sheet"); s;
         s = xmlio_next(s, "sheet"))
        for (xmlNodePtr r = xmlio_child(s, "rows-from"); r; r = xmlio_next(r, "rows-from")) {
            char *src = xmlio_attr(r, "source");
            n += src && strcmp(src, source) == 0;
            free(src);
        }
    return n;
}

/* Cuts the list /aggregate/LIST of view to its first `keep` items, as
 * agg_build does: count = all of them, listed = keep.  Returns how many
 * there were. */
static size_t cut_list(xmlDocPtr view, const char *list, const char *item, size_t keep)
{
    xmlNodePtr l = xmlio_child(xmlDocGetRootElement(view), list);
    assert_non_null(l);
    size_t n = 0;
    for (xmlNodePtr c = xmlio_child(l, item), nx; c; c = nx) {
        nx = xmlio_next(c, item);
        if (++n > keep) {
            xmlUnlinkNode(c);
            xmlFreeNode(c);
        }
    }
    assert_true(n > keep);
    char buf[32];
    snprintf(buf, sizeof buf, "%zu", n);
    xmlSetProp(l, BAD_CAST "count", BAD_CAST buf);
    snprintf(buf, sizeof buf, "%zu", keep);
    xmlSetProp(l, BAD_CAST "listed", BAD_CAST buf);
    return n;
}

/* detail_items_fn over a whole aggregate document (ctx): copies of the
 * items of its list, first.. (at most max). */
static long doc_items(void *ctx, const char *list, size_t first, size_t max,
                      xmlNodePtr parent)
{
    xmlNodePtr l = xmlio_child(xmlDocGetRootElement(ctx), list);
    size_t i = 0, k = 0;
    for (xmlNodePtr c = xmlio_child(l, NULL); c && k < max; c = xmlio_next(c, NULL), i++) {
        if (i < first)
            continue;
        xmlNodePtr n = xmlDocCopyNode(c, parent->doc, 1);
        if (!n || !xmlAddChild(parent, n)) {
            xmlFreeNode(n);
            return -1;
        }
        k++;
    }
    return (long)k;
}

static void print_findings(const bc_diag *d)
{
    for (size_t i = 0; i < diag_count(d); i++)
        print_message("%s: %s: %s\n", diag_get(d, i)->code,
                      diag_get(d, i)->found ? diag_get(d, i)->found : "",
                      diag_get(d, i)->message);
}

enum { CUT_RECORDS = 1, CUT_UNITS = 2, CUT_FILES = 4 };

/* The workbook of the views that cut some lists (each combination that
 * matters) has the cells of the whole document's, written straight to
 * the sheet and (all cut) through rows documents of 2 items; a sheet
 * with a <rows-from> is in constant memory, the others not. */
static void test_rows_from_items(void **state)
{
    (void)state;
    bc_diag *d = diag_new();
    xmlDocPtr agg = xmlio_read_trusted(FIXTURE, d, NULL);
    assert_non_null(agg);

    /* the whole lists through the workbook template */
    char *full = in_dir("full.xlsx");
    xmlDocPtr desc = NULL;
    assert_int_equal(render_doc(XSL_XLSX, agg, d, &desc), BC_OK);
    assert_int_equal(rows_from_count(desc, "units") + rows_from_count(desc, "files") +
                     rows_from_count(desc, "records"), 0);
    assert_int_equal(xlsx_write_checked(desc, XSD_WORKBOOK, full, d), BC_OK);
    assert_false(sheet_inline(full, desc, "Đơn vị"));
    assert_false(sheet_inline(full, desc, "Chi tiết"));
    xmlFreeDoc(desc);
    size_t cells_full_units = 0, cells_full_records = 0;
    char *want = cells_of(full, "Đơn vị", &cells_full_units);
    free(cells_of(full, "Chi tiết", &cells_full_records));

    static const int cases[] = {CUT_RECORDS, CUT_UNITS, CUT_FILES, CUT_UNITS | CUT_FILES,
                                CUT_RECORDS | CUT_UNITS | CUT_FILES};
    for (size_t c = 0; c < BC_ARRAY_LEN(cases); c++) {
        int cut = cases[c];
        xmlDocPtr view = xmlCopyDoc(agg, 1);
        if (cut & CUT_RECORDS)
            assert_true(cut_list(view, "records", "record", 1) >= 3);
        if (cut & CUT_UNITS)
            assert_true(cut_list(view, "units", "unit", 1) >= 3);
        if (cut & CUT_FILES)
            assert_true(cut_list(view, "submissions", "file", 1) >= 3);
        assert_int_equal(render_doc(XSL_XLSX, view, d, &desc), BC_OK);
        assert_int_equal(rows_from_count(desc, "records"), !!(cut & CUT_RECORDS));
        assert_int_equal(rows_from_count(desc, "units"), !!(cut & CUT_UNITS));
        assert_int_equal(rows_from_count(desc, "files"), !!(cut & CUT_FILES));

        /* through the rows stylesheet, 2 items a chunk */
        char name[32];
        snprintf(name, sizeof name, "cut-%d.xlsx", cut);
        char *out = in_dir(name);
        bc_status st = BC_OK;
        bc_detail *dt = detail_new(doc_items, agg, view, XSL_ROWS, 2, d, &st);
        assert_non_null(dt);
        xlsx_row_source src = detail_source(dt);
        st = xlsx_write_checked_rows(desc, XSD_WORKBOOK, &src, out, d);
        if (st != BC_OK)
            print_findings(d);
        assert_int_equal(st, BC_OK);
        detail_free(dt);
        size_t cells_units = 0, cells_records = 0;
        char *got = cells_of(out, "Đơn vị", &cells_units);
        free(cells_of(out, "Chi tiết", &cells_records));
        assert_string_equal(want, got);
        assert_int_equal(cells_units, cells_full_units);
        assert_int_equal(cells_records, cells_full_records);
        free(got);
        assert_int_equal(sheet_inline(out, desc, "Đơn vị"), !!(cut & (CUT_UNITS | CUT_FILES)));
        assert_int_equal(sheet_inline(out, desc, "Chi tiết"), !!(cut & CUT_RECORDS));
        /* the other sheets keep the shared strings */
        assert_false(entry_has(out, "xl/worksheets/sheet1.xml", "inlineStr"));
        free(out);

        /* the same in one chunk */
        if (cut == (CUT_RECORDS | CUT_UNITS | CUT_FILES)) {
            out = in_dir("chunked.xlsx");
            dt = detail_new(doc_items, agg, view, XSL_ROWS, 100000, d, &st);
            assert_non_null(dt);
            src = detail_source(dt);
            assert_int_equal(xlsx_write_checked_rows(desc, XSD_WORKBOOK, &src, out, d), BC_OK);
            detail_free(dt);
            got = cells_of(out, NULL, NULL);
            assert_string_equal(want, got);
            free(got);
            free(out);
        }
        xmlFreeDoc(desc);
        xmlFreeDoc(view);
    }

    free(want);
    xmlFreeDoc(agg);
    free(full);
    diag_free(d);
}

/* Removes every x attribute (the template's path of a figure, for the
 * tests only; the C rows do not write it). */
static void strip_x(xmlNodePtr n)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        xmlAttrPtr x = xmlHasProp(n, BAD_CAST "x");
        if (x)
            xmlRemoveProp(x);
        strip_x(n->children);
    }
}

static char *dump(xmlDocPtr doc)
{
    xmlChar *buf = NULL;
    int len = 0;
    xmlDocDumpFormatMemoryEnc(doc, &buf, &len, "UTF-8", 1);
    assert_non_null(buf);
    char *s = bc_strdup((const char *)buf);
    xmlFree(buf);
    return s;
}

/* Appends to list one item for each pair {attribute, value} of odd,
 * with that attribute only, then one with every pair (the last value of
 * an attribute given twice), then one with no attribute at all. */
static void add_odd(xmlNodePtr list, const char *item, const char *const (*odd)[2],
                    size_t n_odd)
{
    for (size_t i = 0; i < n_odd; i++) {
        xmlNodePtr r = xmlNewChild(list, NULL, BAD_CAST item, NULL);
        xmlSetProp(r, BAD_CAST odd[i][0], BAD_CAST odd[i][1]);
    }
    xmlNodePtr all = xmlNewChild(list, NULL, BAD_CAST item, NULL);
    for (size_t i = 0; i < n_odd; i++)
        xmlSetProp(all, BAD_CAST odd[i][0], BAD_CAST odd[i][1]);
    xmlNewChild(list, NULL, BAD_CAST item, NULL);
}

/* Appends the <row>s of every chunk the source gives for source to rows;
 * returns how many chunks. */
static int take_chunks(const xlsx_row_source *src, const char *source,
                       unsigned long first_row, xmlNodePtr rows)
{
    int chunks = 0;
    for (;;) {
        xmlDocPtr got = NULL;
        assert_int_equal(src->next(src->ctx, source, first_row, &got), BC_OK);
        if (!got)
            return chunks;
        chunks++;
        xmlNodePtr root = xmlDocGetRootElement(got);
        for (xmlNodePtr r = xmlio_child(root, "row"), nx; r; r = nx) {
            nx = xmlio_next(r, "row");
            xmlUnlinkNode(r);
            xmlAddChild(rows, xmlDocCopyNode(r, rows->doc, 1));
            xmlFreeNode(r);
        }
        xmlFreeDoc(got);
    }
}

#define FILES_FIRST_ROW 20

/* The C rows are the templates': the fixture's records, units and files
 * plus some with odd values (empty and missing attributes, unknown kind,
 * type and status codes, dates not YYYY-MM-DD or of letters, numbers
 * that are not XPath numbers or that XPath reads its own way), through
 * bao-cao-xlsx-rows.xsl (record-row, unit-row, file-row) and through
 * detail.c, compared as documents; the lists asked for out of document
 * order and again, 2 items a chunk.  Then the same rows written straight
 * to a sheet and through the rows documents give the same cells. */
static void test_rows_equal_template(void **state)
{
    (void)state;
    bc_diag *d = diag_new();
    xmlDocPtr agg = xmlio_read_trusted(FIXTURE, d, NULL);
    assert_non_null(agg);
    xmlNodePtr root = xmlDocGetRootElement(agg);
    static const char *const odd_records[][2] = {
        {"application", "4-2024-0'1"}, {"kind", "XYZ"}, {"filed", "2024"},
        {"granted", "2024-13-5x"}, {"sources", "1e3"}, {"filed-year", " 2024 "},
        {"granted-year", "0x10"}, {"this-year", "1"}, {"name", " tên có dấu cách "},
        {"status", "withdrawn"}, {"unit-name", "Huyện & xã <1>"},
        {"sources", "-2"}, {"task", "A1"}, {"pre-plan", "2019"},
        {"filed", "ngày-03-02"}, {"filed-year", "-"}, {"granted-year", "1e"},
        {"sources", "3000000000"}, {"status", "lost"}, {"this-year", "yes"},
        {"granted", ""}, {"filed-year", "1.5"}, {"kind", ""},
    };
    static const char *const odd_units[][2] = {
        {"code", ""}, {"type", "xyz"}, {"expected", "1"}, {"files", "-"},
        {"accepted", "abc"}, {"rejected", "1.5"}, {"replaced", "3000000000"},
        {"status", "<&> \"x\""}, {"valid-to", "ngày-01-01"}, {"successor", " "},
        {"name", "=SUM(A1:A9)"}, {"expected", "yes"}, {"files", "1e"},
        {"accepted", " 3 "}, {"rejected", "+1"}, {"replaced", "-0"},
        {"valid-to", "2025-6-30"}, {"type", ""}, {"files", "12345678901234567890"},
        {"expected", "false"}, {"accepted", ".5"}, {"rejected", "."},
        {"type", "commune"}, {"valid-to", "2025-06-30"},
    };
    static const char *const odd_files[][2] = {
        {"path", "=HYPERLINK(\"x\")"}, {"date", "2026-12-1x"}, {"status", "lost"},
        {"records", "1e3"}, {"errors", "0x10"}, {"warnings", ""},
        {"replaced-by", ""}, {"unit", "Ä"}, {"date", "ngày-12-01"},
        {"status", ""}, {"records", "-"}, {"errors", "1,5"}, {"warnings", "0.1"},
        {"status", "replaced"}, {"date", "2026/12/01"}, {"records", "1e-7"},
    };
    add_odd(xmlio_child(root, "records"), "record", odd_records, BC_ARRAY_LEN(odd_records));
    add_odd(xmlio_child(root, "units"), "unit", odd_units, BC_ARRAY_LEN(odd_units));
    add_odd(xmlio_child(root, "submissions"), "file", odd_files, BC_ARRAY_LEN(odd_files));
    /* the templates over the chunk document detail.h describes */
    xmlDocPtr chunk = xmlCopyDoc(agg, 1);
    xmlNodePtr croot = xmlDocGetRootElement(chunk);
    for (xmlNodePtr c = xmlio_child(croot, NULL), nx; c; c = nx) {
        nx = xmlio_next(c, NULL);
        if (!xmlStrEqual(c->name, BAD_CAST "kinds") && !xmlStrEqual(c->name, BAD_CAST "records") &&
            !xmlStrEqual(c->name, BAD_CAST "units") && !xmlStrEqual(c->name, BAD_CAST "submissions")) {
            xmlUnlinkNode(c);
            xmlFreeNode(c);
        }
    }
    xmlSetProp(xmlio_child(croot, "records"), BAD_CAST "first", BAD_CAST "1");
    xmlSetProp(xmlio_child(croot, "units"), BAD_CAST "first", BAD_CAST "1");
    xmlSetProp(xmlio_child(croot, "submissions"), BAD_CAST "first", BAD_CAST "1");
    char fr[16];
    snprintf(fr, sizeof fr, "%d", FILES_FIRST_ROW);
    xmlSetProp(xmlio_child(croot, "submissions"), BAD_CAST "first-row", BAD_CAST fr);
    bc_status st = BC_OK;
    bc_template *t = render_template_load(XSL_ROWS, d, &st);
    assert_non_null(t);
    xmlDocPtr want = NULL;
    assert_int_equal(render_template_apply(t, chunk, NULL, d, &want), BC_OK);
    strip_x(xmlDocGetRootElement(want));

    /* the chunks: records first (last in the document), then units and
     * files, 2 items a chunk */
    bc_detail *dt = detail_new(doc_items, agg, agg, XSL_ROWS, 2, d, &st);
    assert_non_null(dt);
    xlsx_row_source src = detail_source(dt);
    xmlDocPtr got = xmlNewDoc(BAD_CAST "1.0");
    xmlNodePtr rows = xmlNewDocNode(got, NULL, BAD_CAST "rows", NULL);
    xmlDocSetRootElement(got, rows);
    xmlNodePtr recs = xmlNewNode(NULL, BAD_CAST "rows");
    assert_true(take_chunks(&src, "records", 5, recs) >= 3);
    assert_true(take_chunks(&src, "units", 5, rows) >= 3);
    assert_true(take_chunks(&src, "files", FILES_FIRST_ROW, rows) >= 3);
    for (xmlNodePtr r = recs->children, nx; r; r = nx) {
        nx = r->next;
        xmlUnlinkNode(r);
        xmlAddChild(rows, r);
    }
    xmlFreeNode(recs);
    char *a = dump(want), *b = dump(got);
    assert_string_equal(a, b);
    assert_non_null(strstr(a, "rút đơn"));
    assert_non_null(strstr(a, "khác"));
    assert_non_null(strstr(a, "01/01/ngày"));
    assert_non_null(strstr(a, "3e+09"));
    free(a);
    free(b);

    /* a list asked for again gives all of it again */
    xmlNodePtr again = xmlNewNode(NULL, BAD_CAST "rows");
    take_chunks(&src, "units", 5, again);
    size_t n_units = 0, n_again = 0;
    for (xmlNodePtr u = xmlio_child(xmlio_child(root, "units"), "unit"); u; u = xmlio_next(u, "unit"))
        n_units++;
    for (xmlNodePtr r = again->children; r; r = r->next)
        n_again++;
    assert_int_equal(n_again, n_units);
    xmlFreeNode(again);
    detail_free(dt);
    xmlFreeDoc(want);
    xmlFreeDoc(got);
    xmlFreeDoc(chunk);
    render_template_free(t);

    /* the rows written to sheets, a row after the list kept */
    const char *xml =
        "<workbook format=\"1\"><properties title=\"t\" created=\"2026-01-01\"/>"
        "<formats><format name=\"text\"/><format name=\"text-c\"/><format name=\"int\"/></formats>"
        "<sheet name=\"U\"><row n=\"1\"><string col=\"1\">u</string></row>"
        "<rows-from source=\"units\" first-row=\"5\"/></sheet>"
        "<sheet name=\"F\"><rows-from source=\"files\" first-row=\"20\"/>"
        "<row n=\"1000\"><string col=\"1\">sau</string></row></sheet>"
        "<sheet name=\"R\"><rows-from source=\"records\" first-row=\"5\"/></sheet></workbook>";
    xmlDocPtr desc = xmlio_read_memory(xml, strlen(xml), "desc.xml", d, NULL);
    assert_non_null(desc);
    char *out1 = in_dir("odd-cells.xlsx");
    dt = detail_new(doc_items, agg, agg, XSL_ROWS, 3, d, &st);
    src = detail_source(dt);
    st = xlsx_write_checked_rows(desc, XSD_WORKBOOK, &src, out1, d);
    if (st != BC_OK)
        print_findings(d);
    assert_int_equal(st, BC_OK);
    detail_free(dt);
    a = cells_of(out1, NULL, NULL);
    assert_non_null(strstr(a, "1000,1 2 sau"));
    assert_non_null(strstr(a, "rút đơn"));
    free(a);
    xmlFreeDoc(desc);
    free(out1);

    xmlFreeDoc(agg);
    diag_free(d);
}

/* A row source that writes one row before its first-row. */
static bc_status early_next(void *ctx, const char *source, unsigned long first_row,
                            xmlDocPtr *out)
{
    (void)source;
    int *calls = ctx;
    *out = NULL;
    if ((*calls)++)
        return BC_OK;
    char xml[128];
    snprintf(xml, sizeof xml, "<rows><row n=\"%lu\"><string col=\"1\">sớm</string></row></rows>",
             first_row - 1);
    *out = xmlReadMemory(xml, (int)strlen(xml), "rows.xml", "UTF-8", 0);
    return BC_OK;
}

/* A fresh findings sink and a source over the whole document agg
 * reporting to it. */
static void fresh(bc_diag **d, bc_detail **dt, xmlDocPtr agg)
{
    detail_free(*dt);
    diag_free(*d);
    *d = diag_new();
    bc_status st;
    *dt = detail_new(doc_items, agg, agg, XSL_ROWS, 0, *d, &st);
    assert_non_null(*dt);
}

/* A <rows-from> with no source, with no or a bad first-row, a source the
 * caller does not know, a row before first-row: each an error with a
 * finding, and no file is left.  A list the item source does not have
 * gives no rows. */
static void test_rows_from_errors(void **state)
{
    (void)state;
    bc_diag *d = diag_new();
    bc_detail *dt = NULL;
    const char *xml =
        "<workbook format=\"1\"><properties title=\"t\" created=\"2026-01-01\"/>"
        "<formats><format name=\"text\"/></formats>"
        "<sheet name=\"S\"><row n=\"1\"><string col=\"1\">a</string></row>"
        "<rows-from source=\"records\" first-row=\"5\"/></sheet></workbook>";
    xmlDocPtr desc = xmlio_read_memory(xml, strlen(xml), "desc.xml", d, NULL);
    assert_non_null(desc);
    char *out = in_dir("bad.xlsx");
    assert_int_equal(xlsx_write(desc, out, d), BC_ERR_INVALID);
    assert_finding(d, "XLSX", "records");
    assert_int_equal(access(out, F_OK), -1);

    /* first-row not a row number, or missing */
    xmlDocPtr agg = xmlio_read_trusted(FIXTURE, d, NULL);
    assert_non_null(agg);
    xmlNodePtr rf = xmlio_child(xmlio_child(xmlDocGetRootElement(desc), "sheet"), "rows-from");
    fresh(&d, &dt, agg);
    xlsx_row_source src = detail_source(dt);
    xmlSetProp(rf, BAD_CAST "first-row", BAD_CAST "0");
    assert_int_equal(xlsx_write_rows(desc, &src, NULL, out, d), BC_ERR_INVALID);
    assert_finding(d, "XLSX", "0");
    fresh(&d, &dt, agg);
    src = detail_source(dt);
    xmlUnsetProp(rf, BAD_CAST "first-row");
    assert_int_equal(xlsx_write_rows(desc, &src, NULL, out, d), BC_ERR_INVALID);
    assert_non_null(strstr(assert_finding(d, "XLSX", NULL)->message, "first-row"));
    assert_int_equal(access(out, F_OK), -1);
    xmlSetProp(rf, BAD_CAST "first-row", BAD_CAST "5");

    /* a source that is not one of the lists */
    fresh(&d, &dt, agg);
    src = detail_source(dt);
    xmlSetProp(rf, BAD_CAST "source", BAD_CAST "narratives");
    assert_int_equal(xlsx_write_rows(desc, &src, NULL, out, d), BC_ERR_TEMPLATE);
    const bc_finding *f = assert_finding(d, "TEMPLATE", "narratives");
    assert_string_equal(f->expected, "records, units, files");
    assert_int_equal(access(out, F_OK), -1);

    /* a row before first-row */
    fresh(&d, &dt, agg);
    xmlSetProp(rf, BAD_CAST "source", BAD_CAST "units");
    xmlSetProp(rf, BAD_CAST "first-row", BAD_CAST "3");
    int calls = 0;
    xlsx_row_source early = {&calls, early_next};
    assert_int_equal(xlsx_write_rows(desc, &early, NULL, out, d), BC_ERR_INVALID);
    assert_finding(d, "XLSX", "2");
    assert_int_equal(access(out, F_OK), -1);

    /* an item source without the list: no rows, no finding */
    xmlNodePtr subs = xmlio_child(xmlDocGetRootElement(agg), "submissions");
    xmlUnlinkNode(subs);
    xmlFreeNode(subs);
    fresh(&d, &dt, agg);
    src = detail_source(dt);
    xmlDocPtr none = NULL;
    assert_int_equal(src.next(src.ctx, "files", 5, &none), BC_OK);
    assert_null(none);
    /* and the others are still there */
    assert_int_equal(src.next(src.ctx, "records", 5, &none), BC_OK);
    assert_non_null(none);
    xmlFreeDoc(none);
    assert_int_equal(diag_count(d), 0);

    detail_free(dt);
    detail_free(NULL);
    xmlFreeDoc(agg);
    xmlFreeDoc(desc);
    free(out);
    diag_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rows_from_items),
        cmocka_unit_test(test_rows_equal_template),
        cmocka_unit_test(test_rows_from_errors),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
