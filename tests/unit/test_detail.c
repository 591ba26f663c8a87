/* test_detail.c - the workbook's record detail written from the saved
 * aggregate, chunk by chunk (detail.c, xlsx_writer's <rows-from>), gives
 * the cells the workbook template writes from the whole list.
 *
 * The sample aggregate fixture is the whole list; its view is a copy
 * whose <records> keeps one record and says count="N", as agg_build makes
 * it when the list is longer than its bound.  Both workbooks are read
 * back (book.h) and every cell of every sheet compared; the detail sheet
 * of the second must be written in constant memory (inline strings).
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

/* Every cell of every sheet of the workbook at path, as text. */
static char *cells_of(const char *path, size_t *n_detail_rows)
{
    bc_diag *d = diag_new();
    bc_book *b = NULL;
    assert_int_equal(book_open(path, d, &b), BC_OK);
    bc_strbuf sb = BC_STRBUF_INIT;
    *n_detail_rows = 0;
    for (size_t i = 0; i < book_sheet_count(b); i++) {
        sb_addf(&sb, "== %s\n", book_sheet_name(b, i));
        size_t before = sb.len;
        assert_int_equal(book_sheet_rows(b, i, add_cell, &sb), BC_OK);
        if (strcmp(book_sheet_name(b, i), "Chi tiết") == 0)
            for (size_t k = before; k < sb.len; k++)
                *n_detail_rows += sb_str(&sb)[k] == '\n';
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

/* The sheet index of "Chi tiết" in a description, for its part name. */
static int detail_sheet_no(xmlDocPtr desc)
{
    int k = 0;
    for (xmlNodePtr s = xmlio_child(xmlDocGetRootElement(desc), "sheet"); s;
         s = xmlio_next(s, "sheet")) {
        k++;
        char *name = xmlio_attr(s, "name");
        int hit = name && strcmp(name, "Chi tiết") == 0;
        free(name);
        if (hit)
            return k;
    }
    return 0;
}

static void test_rows_from_saved_aggregate(void **state)
{
    (void)state;
    bc_diag *d = diag_new();
    xmlDocPtr agg = xmlio_read_trusted(FIXTURE, d, NULL);
    assert_non_null(agg);
    xmlNodePtr recs = xmlio_child(xmlDocGetRootElement(agg), "records");
    size_t n = 0;
    for (xmlNodePtr r = xmlio_child(recs, "record"); r; r = xmlio_next(r, "record"))
        n++;
    assert_true(n >= 3);

    /* the whole list through the workbook template */
    char *full = in_dir("full.xlsx");
    xmlDocPtr desc = NULL;
    assert_int_equal(render_doc(XSL_XLSX, agg, d, &desc), BC_OK);
    assert_int_equal(xlsx_write_checked(desc, XSD_WORKBOOK, full, d), BC_OK);
    int sheet_no = detail_sheet_no(desc);
    assert_true(sheet_no > 0);
    xmlFreeDoc(desc);

    /* the saved aggregate, and the bounded view of it */
    char *saved = in_dir("tong-hop.xml");
    assert_int_equal(xmlio_save_atomic(agg, saved), BC_OK);
    xmlDocPtr view = xmlCopyDoc(agg, 1);
    xmlNodePtr vrecs = xmlio_child(xmlDocGetRootElement(view), "records");
    xmlNodePtr keep = xmlio_child(vrecs, "record");
    for (xmlNodePtr r = xmlio_next(keep, "record"), nx; r; r = nx) {
        nx = xmlio_next(r, "record");
        xmlUnlinkNode(r);
        xmlFreeNode(r);
    }
    char count[32];
    snprintf(count, sizeof count, "%zu", n);
    xmlSetProp(vrecs, BAD_CAST "count", BAD_CAST count);
    xmlSetProp(vrecs, BAD_CAST "listed", BAD_CAST "1");

    char *chunked = in_dir("chunked.xlsx");
    assert_int_equal(render_doc(XSL_XLSX, view, d, &desc), BC_OK);
    xmlDocPtr desc2 = xmlCopyDoc(desc, 1);
    /* straight to the sheet (the run's way) */
    bc_status st = BC_OK;
    bc_detail *dt = detail_new(saved, view, 2, d, &st);
    assert_non_null(dt);
    xlsx_row_source src = detail_source(dt);
    st = xlsx_write_checked_rows(desc, XSD_WORKBOOK, &src, chunked, d);
    for (size_t i = 0; st != BC_OK && i < diag_count(d); i++)
        print_message("%s: %s\n", diag_get(d, i)->code, diag_get(d, i)->message);
    assert_int_equal(st, BC_OK);
    detail_free(dt);
    xmlFreeDoc(desc);

    /* the same through the rows documents, 2 records a chunk */
    char *chunked2 = in_dir("chunked2.xlsx");
    dt = detail_new(saved, view, 2, d, &st);
    assert_non_null(dt);
    src = detail_source_chunks(dt);
    assert_int_equal(xlsx_write_checked_rows(desc2, XSD_WORKBOOK, &src, chunked2, d), BC_OK);
    detail_free(dt);
    xmlFreeDoc(desc2);

    size_t rows_full, rows_chunked, rows_chunked2;
    char *a = cells_of(full, &rows_full);
    char *b = cells_of(chunked, &rows_chunked);
    char *b2 = cells_of(chunked2, &rows_chunked2);
    assert_string_equal(a, b);
    assert_string_equal(a, b2);
    free(b2);
    free(chunked2);
    /* title rows, heads, then one row per record with a number */
    assert_true(rows_full > n);
    char part[64];
    snprintf(part, sizeof part, "xl/worksheets/sheet%d.xml", sheet_no);
    assert_true(entry_has(chunked, part, "inlineStr"));
    assert_false(entry_has(full, part, "inlineStr"));
    /* the other sheets keep the shared strings */
    assert_false(entry_has(chunked, "xl/worksheets/sheet1.xml", "inlineStr"));

    free(a);
    free(b);
    xmlFreeDoc(view);
    xmlFreeDoc(agg);
    free(full);
    free(saved);
    free(chunked);
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

/* The C rows are the template's: the fixture's records plus some with
 * odd values (no kind name, no dates or dates not YYYY-MM-DD, numbers
 * that are not XPath numbers, this-year as 1, an apostrophe), through
 * bao-cao-xlsx-rows.xsl (record-row) and through detail.c, compared as
 * documents. */
static void test_rows_equal_template(void **state)
{
    (void)state;
    bc_diag *d = diag_new();
    xmlDocPtr agg = xmlio_read_trusted(FIXTURE, d, NULL);
    assert_non_null(agg);
    xmlNodePtr root = xmlDocGetRootElement(agg);
    xmlNodePtr recs = xmlio_child(root, "records");
    static const char *const odd[][2] = {
        {"application", "4-2024-0'1"}, {"kind", "XYZ"}, {"filed", "2024"},
        {"granted", "2024-13-5x"}, {"sources", "1e3"}, {"filed-year", " 2024 "},
        {"granted-year", "0x10"}, {"this-year", "1"}, {"name", " tên có dấu cách "},
        {"status", "withdrawn"}, {"unit-name", "Huyện & xã <1>"},
        {"sources", "-2"}, {"task", "A1"}, {"pre-plan", "2019"},
    };
    for (int k = 0; k < 3; k++) {
        xmlNodePtr r = xmlNewChild(recs, NULL, BAD_CAST "record", NULL);
        for (size_t i = k; i < BC_ARRAY_LEN(odd); i += 3 - (k == 2))
            xmlSetProp(r, BAD_CAST odd[i][0], BAD_CAST odd[i][1]);
    }
    xmlNewChild(recs, NULL, BAD_CAST "record", NULL); /* no attribute at all */
    char *saved = in_dir("odd.xml");
    assert_int_equal(xmlio_save_atomic(agg, saved), BC_OK);

    /* the template over the chunk document detail.h describes */
    xmlDocPtr chunk = xmlCopyDoc(agg, 1);
    xmlNodePtr croot = xmlDocGetRootElement(chunk);
    for (xmlNodePtr c = xmlio_child(croot, NULL), nx; c; c = nx) {
        nx = xmlio_next(c, NULL);
        if (!xmlStrEqual(c->name, BAD_CAST "kinds") && !xmlStrEqual(c->name, BAD_CAST "records")) {
            xmlUnlinkNode(c);
            xmlFreeNode(c);
        }
    }
    xmlSetProp(xmlio_child(croot, "records"), BAD_CAST "first", BAD_CAST "1");
    bc_status st = BC_OK;
    bc_template *t = render_template_load(XSL_ROWS, d, &st);
    assert_non_null(t);
    xmlDocPtr want = NULL;
    assert_int_equal(render_template_apply(t, chunk, NULL, d, &want), BC_OK);
    strip_x(xmlDocGetRootElement(want));

    bc_detail *dt = detail_new(saved, agg, 1000, d, &st);
    assert_non_null(dt);
    xlsx_row_source src = detail_source(dt);
    xmlDocPtr got = NULL, none = NULL;
    assert_int_equal(src.next(src.ctx, "records", &got), BC_OK);
    assert_non_null(got);
    assert_int_equal(src.next(src.ctx, "records", &none), BC_OK);
    assert_null(none);
    char *a = dump(want), *b = dump(got);
    assert_string_equal(a, b);
    assert_non_null(strstr(a, "rút đơn"));
    free(a);
    free(b);
    xmlFreeDoc(want);
    xmlFreeDoc(got);
    xmlFreeDoc(chunk);
    detail_free(dt);
    render_template_free(t);
    xmlFreeDoc(agg);
    free(saved);
    diag_free(d);
}

/* A <rows-from> with no source given, or a source the caller does not
 * know, is an error with a finding, and no file is left. */
static void test_rows_from_errors(void **state)
{
    (void)state;
    bc_diag *d = diag_new();
    const char *xml =
        "<workbook format=\"1\"><properties title=\"t\" created=\"2026-01-01\"/>"
        "<sheet name=\"S\"><row n=\"1\"><string col=\"1\">a</string></row>"
        "<rows-from source=\"records\"/></sheet></workbook>";
    xmlDocPtr desc = xmlio_read_memory(xml, strlen(xml), "desc.xml", d, NULL);
    assert_non_null(desc);
    char *out = in_dir("bad.xlsx");
    assert_int_equal(xlsx_write(desc, out, d), BC_ERR_INVALID);
    assert_finding(d, "XLSX", "records");
    assert_int_equal(access(out, F_OK), -1);

    /* a source that is not the records list */
    char *saved = in_dir("tong-hop-2.xml");
    xmlDocPtr agg = xmlio_read_trusted(FIXTURE, d, NULL);
    assert_int_equal(xmlio_save_atomic(agg, saved), BC_OK);
    xmlNodePtr rf = xmlio_child(xmlio_child(xmlDocGetRootElement(desc), "sheet"), "rows-from");
    xmlSetProp(rf, BAD_CAST "source", BAD_CAST "units");
    bc_status st;
    bc_detail *dt = detail_new(saved, agg, 0, d, &st);
    xlsx_row_source src = detail_source(dt);
    assert_int_equal(xlsx_write_rows(desc, &src, NULL, out, d), BC_ERR_TEMPLATE);
    assert_finding(d, "TEMPLATE", "units");
    assert_int_equal(access(out, F_OK), -1);
    detail_free(dt);
    detail_free(NULL);
    xmlFreeDoc(agg);
    xmlFreeDoc(desc);
    free(saved);
    free(out);
    diag_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rows_from_saved_aggregate),
        cmocka_unit_test(test_rows_equal_template),
        cmocka_unit_test(test_rows_from_errors),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
