/* test_xlsx_writer.c - the XLSX writer (xlsx_writer.c) on small workbook
 * descriptions written here: charts, page set-up, texts that look like
 * formulas, and the descriptions it must refuse.  Every test writes a
 * file, opens it as a zip and looks at its parts.
 * Run from the repository root (templates/schema/workbook.xsd). */
#include "testutil.h"

#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include "util.h"
#include "xlsx_writer.h"
#include "xmlio.h"

#define XSD_WORKBOOK "templates/schema/workbook.xsd"

typedef struct fx {
    char dir[64];
    char out[128];
    bc_diag *d;
} fx;

static int setup(void **state)
{
    fx *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    strcpy(f->dir, "/tmp/test_xlsx_writer.XXXXXX");
    if (!mkdtemp(f->dir))
        return -1;
    snprintf(f->out, sizeof f->out, "%s/out.xlsx", f->dir);
    f->d = diag_new();
    if (!f->d)
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fx *f = *state;
    scratch_remove(f->dir);
    diag_free(f->d);
    free(f);
    return 0;
}

static xmlDocPtr parse_mem(const char *xml)
{
    xmlDocPtr doc = xmlReadMemory(xml, (int)strlen(xml), "mem.xml", NULL,
                                  XML_PARSE_NONET);
    assert_non_null(doc);
    return doc;
}

/* The text of zip entry name of the XLSX at path; NULL when absent. */
static char *zip_part(const char *path, const char *name)
{
    int err = 0;
    zip_t *z = zip_open(path, ZIP_RDONLY, &err);
    assert_non_null(z);
    zip_stat_t st;
    char *buf = NULL;
    if (zip_stat(z, name, 0, &st) == 0) {
        zip_file_t *zf = zip_fopen(z, name, 0);
        assert_non_null(zf);
        buf = malloc(st.size + 1);
        assert_non_null(buf);
        assert_int_equal(zip_fread(zf, buf, st.size), (zip_int64_t)st.size);
        buf[st.size] = '\0';
        zip_fclose(zf);
    }
    zip_close(z);
    return buf;
}

static void assert_contains(const char *hay, const char *needle)
{
    if (!hay || !strstr(hay, needle))
        fail_msg("part lacks «%s»", needle);
}

static void assert_lacks(const char *hay, const char *needle)
{
    if (hay && strstr(hay, needle))
        fail_msg("part unexpectedly holds «%s»", needle);
}

/* Writes desc (checked against the schema) and expects success. */
static void write_ok(fx *f, const char *desc)
{
    xmlDocPtr doc = parse_mem(desc);
    bc_status st = xlsx_write_checked(doc, XSD_WORKBOOK, f->out, f->d);
    if (st != BC_OK)
        for (size_t i = 0; i < diag_count(f->d); i++)
            diag_print(diag_get(f->d, i), stderr);
    assert_int_equal(st, BC_OK);
    assert_int_equal(diag_count(f->d), 0);
    xmlFreeDoc(doc);
}

#define HEAD                                                                \
    "<workbook format='1'><properties title='t' author='SỞ KHOA HỌC VÀ "  \
    "CÔNG NGHỆ' company='UBND TỈNH LẠNG SƠN' created='2027-01-05'/>"       \
    "<formats><format name='pct' num-format='0.0%'/></formats>"

/* Two sheets of figures and a sheet of charts drawing them. */
static const char CHARTS[] =
    HEAD
    "<sheet name='Số liệu'>"
    "<row n='1'><string col='1'>Chỉ tiêu</string><string col='2'>Đạt</string>"
    "<string col='3'>Cần</string></row>"
    "<row n='2'><string col='1'>T1</string><number col='2' value='0.25' format='pct'/>"
    "<number col='3' value='0.6' format='pct'/></row>"
    "<row n='3'><string col='1'>T2</string><number col='2' value='0.72' format='pct'/>"
    "<number col='3' value='0.6' format='pct'/></row>"
    "<row n='4'><string col='1'>T3</string><number col='2' value='1.6667' format='pct'/>"
    "<number col='3' value='0.6' format='pct'/></row>"
    "</sheet>"
    "<sheet name='Biểu đồ'>"
    "<print landscape='true' fit-width='true' fit-height='true'/>"
    "<row n='1'><string col='1'>2021</string><string col='2'>2022</string></row>"
    "<row n='2'><number col='1' value='5058.5'/><number col='2' value='3920'/></row>"
    "<chart type='bar' anchor='B4' width='720' height='360' title='Tiến độ'"
    " category-title='Chỉ tiêu' value-title='Tỷ lệ' value-format='0%'"
    " value-min='0' category-reverse='true' legend='bottom'"
    " description='Biểu đồ thanh'>"
    "<series name='Đã đạt' categories=\"'Số liệu'!A2:A4\""
    " values=\"'Số liệu'!$B$2:$B$4\" color='#404040' border='#000000'"
    " labels='true' labels-format='0%'/>"
    "<series name='Cần có' categories=\"'Số liệu'!A2:A4\""
    " values=\"'Số liệu'!C2:C4\" pattern='wide-upward-diagonal'"
    " color='#000000'/>"
    "</chart>"
    "<chart type='line' anchor='B30' title='Theo năm'>"
    "<series name='Được giao' categories='A1:B1' values='A2:B2'"
    " color='#000000' dash='dash' marker='square'/>"
    "</chart>"
    "</sheet></workbook>";

static void test_chart_parts(void **state)
{
    fx *f = *state;
    write_ok(f, CHARTS);
    char *types = zip_part(f->out, "[Content_Types].xml");
    char *c1 = zip_part(f->out, "xl/charts/chart1.xml");
    char *c2 = zip_part(f->out, "xl/charts/chart2.xml");
    char *drawing = zip_part(f->out, "xl/drawings/drawing1.xml");
    char *rels = zip_part(f->out, "xl/worksheets/_rels/sheet2.xml.rels");
    char *sheet2 = zip_part(f->out, "xl/worksheets/sheet2.xml");
    assert_non_null(c1);
    assert_non_null(c2);
    assert_null(zip_part(f->out, "xl/charts/chart3.xml"));
    assert_contains(types, "/xl/charts/chart1.xml");
    assert_contains(types, "drawingml.chart+xml");
    /* the charts belong to the second sheet, through its drawing */
    assert_contains(sheet2, "<drawing r:id=\"rId1\"/>");
    assert_contains(rels, "../drawings/drawing1.xml");
    assert_null(zip_part(f->out, "xl/worksheets/_rels/sheet1.xml.rels"));
    /* anchored at B4 (column 1, row 3 counted from 0), alt text */
    assert_contains(drawing, "<xdr:from><xdr:col>1</xdr:col>");
    assert_contains(drawing, "<xdr:row>3</xdr:row>");
    assert_contains(drawing, "descr=\"Biểu đồ thanh\"");
    /* a horizontal bar chart, its series over the other sheet's cells */
    assert_contains(c1, "<c:barDir val=\"bar\"/>");
    assert_contains(c1, "<c:tx><c:v>Đã đạt</c:v></c:tx>");
    assert_contains(c1, "<c:f>'Số liệu'!$A$2:$A$4</c:f>");
    assert_contains(c1, "<c:f>'Số liệu'!$B$2:$B$4</c:f>");
    assert_contains(c1, "<c:f>'Số liệu'!$C$2:$C$4</c:f>");
    /* the cached points are the cells' numbers and texts */
    assert_contains(c1, "<c:pt idx=\"2\"><c:v>1.6667</c:v></c:pt>");
    assert_contains(c1, "<c:pt idx=\"0\"><c:v>T1</c:v></c:pt>");
    /* titles, greyscale fills, labels, the value axis */
    assert_contains(c1, "<a:t>Tiến độ</a:t>");
    assert_contains(c1, "<a:t>Chỉ tiêu</a:t>");
    assert_contains(c1, "<a:t>Tỷ lệ</a:t>");
    assert_contains(c1, "<a:srgbClr val=\"404040\"/>");
    assert_contains(c1, "<a:pattFill prst=\"wdUpDiag\">");
    assert_contains(c1, "<c:showVal val=\"1\"/>");
    assert_contains(c1, "<c:numFmt formatCode=\"0%\" sourceLinked=\"0\"/>");
    assert_contains(c1, "<c:min val=\"0\"/>");
    assert_contains(c1, "<c:legendPos val=\"b\"/>");
    /* categories top to bottom; the value axis still at the bottom */
    assert_contains(c1, "<c:orientation val=\"maxMin\"/>");
    assert_contains(c1, "<c:crosses val=\"max\"/>");
    /* a range without a sheet is on the chart's own sheet */
    assert_contains(c2, "<c:lineChart>");
    assert_contains(c2, "<c:f>'Biểu đồ'!$A$2:$B$2</c:f>");
    assert_contains(c2, "<c:f>'Biểu đồ'!$A$1:$B$1</c:f>");
    assert_contains(c2, "<a:prstDash val=\"dash\"/>");
    assert_contains(c2, "<c:symbol val=\"square\"/>");
    assert_contains(c2, "<c:pt idx=\"0\"><c:v>5058.5</c:v></c:pt>");
    free(types);
    free(c1);
    free(c2);
    free(drawing);
    free(rels);
    free(sheet2);
}

/* A chart over formula cells, one of them reading a later sheet: its
 * cached points are the formulas' values (libxlsxwriter alone would cache
 * 0 for each), a missing cell and a blank are gaps. */
static const char FORMULA_CHART[] =
    HEAD
    "<sheet name='Biểu đồ'>"
    "<row n='1'><string col='1'>2021</string><string col='2'>2022</string>"
    "<string col='3'>2023</string><string col='4'>2024</string></row>"
    "<row n='2'><formula col='1' expr=\"='Kinh phí'!A1\" value='5058.5'/>"
    "<formula col='2' expr='=SUM(A3:B3)' value='3920'/>"
    "<blank col='4'/></row>"
    "<row n='3'><number col='1' value='1920'/><number col='2' value='2000'/></row>"
    "<chart type='column' anchor='A5' title='Kinh phí'>"
    "<series name='Được giao' categories='A1:D1' values='A2:D2'/>"
    "<series name='Số' values='A3:B3'/>"
    "</chart></sheet>"
    "<sheet name='Kinh phí'><row n='1'><number col='1' value='5058.5'/></row></sheet>"
    "</workbook>";

static void test_chart_formula_points(void **state)
{
    fx *f = *state;
    write_ok(f, FORMULA_CHART);
    char *c1 = zip_part(f->out, "xl/charts/chart1.xml");
    assert_non_null(c1);
    assert_contains(c1, "<c:f>'Biểu đồ'!$A$2:$D$2</c:f><c:numCache>"
                        "<c:formatCode>General</c:formatCode>"
                        "<c:ptCount val=\"4\"/>"
                        "<c:pt idx=\"0\"><c:v>5058.5</c:v></c:pt>"
                        "<c:pt idx=\"1\"><c:v>3920</c:v></c:pt>"
                        "</c:numCache>");
    /* a range of numbers only is still cached by libxlsxwriter */
    assert_contains(c1, "<c:pt idx=\"1\"><c:v>2000</c:v></c:pt>");
    free(c1);
}

/* Charts do not break "the same description gives the same bytes". */
static void test_chart_deterministic(void **state)
{
    fx *f = *state;
    char *a = NULL, *b = NULL;
    size_t na = 0, nb = 0;
    write_ok(f, CHARTS);
    assert_int_equal(bc_read_file(f->out, (size_t)16 << 20, &a, &na), BC_OK);
    remove(f->out);
    write_ok(f, CHARTS);
    assert_int_equal(bc_read_file(f->out, (size_t)16 << 20, &b, &nb), BC_OK);
    assert_int_equal(na, nb);
    assert_memory_equal(a, b, na);
    free(a);
    free(b);
}

static void test_print_setup(void **state)
{
    fx *f = *state;
    write_ok(f,
             HEAD "<sheet name='Chi tiết'>"
                  "<print landscape='true' fit-width='true' repeat-first='4'"
                  " repeat-last='5' header='&amp;LSỞ KHOA HỌC &amp;&amp; CÔNG NGHỆ'"
                  " footer='&amp;L&amp;A&amp;CTrang &amp;P/&amp;N'"
                  " margin-left='20' margin-right='15' margin-top='25.4'"
                  " margin-bottom='20' margin-header='8' margin-footer='8'"
                  " center='true'/>"
                  "<row n='4'><string col='1'>TT</string></row>"
                  "</sheet>"
                  "<sheet name='Một trang'><print fit-width='true' fit-height='true'/>"
                  "<row n='1'><number col='1' value='1'/></row></sheet>"
                  "</workbook>");
    char *s1 = zip_part(f->out, "xl/worksheets/sheet1.xml");
    char *s2 = zip_part(f->out, "xl/worksheets/sheet2.xml");
    char *wb = zip_part(f->out, "xl/workbook.xml");
    char *app = zip_part(f->out, "docProps/app.xml");
    char *core = zip_part(f->out, "docProps/core.xml");
    /* the page number in the footer; '&&' is a literal & */
    assert_contains(s1, "<oddFooter>&amp;L&amp;A&amp;CTrang &amp;P/&amp;N</oddFooter>");
    assert_contains(s1, "<oddHeader>&amp;LSỞ KHOA HỌC &amp;&amp; CÔNG NGHỆ</oddHeader>");
    /* A4, landscape, one page wide, as many tall as needed */
    assert_contains(s1, "paperSize=\"9\"");
    assert_contains(s1, "orientation=\"landscape\"");
    assert_contains(s1, "fitToHeight=\"0\"");
    assert_contains(s1, "<pageSetUpPr fitToPage=\"1\"/>");
    assert_contains(s1, "<printOptions horizontalCentered=\"1\"/>");
    /* margins in inches: 25.4 mm is 1; header and footer 8 mm */
    assert_contains(s1, "top=\"1\"");
    assert_contains(s1, "header=\"0.3149606299212598\"");
    assert_contains(s1, "footer=\"0.3149606299212598\"");
    /* rows 4-5 printed on every page */
    assert_contains(wb, "<definedName name=\"_xlnm.Print_Titles\" "
                        "localSheetId=\"0\">'Chi tiết'!$4:$5</definedName>");
    /* one page: fit both ways */
    assert_contains(s2, "<pageSetUpPr fitToPage=\"1\"/>");
    assert_lacks(s2, "fitToHeight=\"0\"");
    assert_lacks(s2, "fitToWidth=\"0\"");
    assert_lacks(s2, "<oddFooter>");
    /* the agency as author and company; created from the description */
    assert_contains(core, "<dc:creator>SỞ KHOA HỌC VÀ CÔNG NGHỆ</dc:creator>");
    assert_contains(core, "<dcterms:created xsi:type=\"dcterms:W3CDTF\">"
                          "2027-01-05T00:00:00Z</dcterms:created>");
    assert_contains(app, "<Company>UBND TỈNH LẠNG SƠN</Company>");
    free(s1);
    free(s2);
    free(wb);
    free(app);
    free(core);
}

/* Text is a shared string whatever it starts with: never a formula. */
static void test_text_never_formula(void **state)
{
    fx *f = *state;
    write_ok(f, HEAD "<sheet name='A'><row n='1'>"
                     "<string col='1'>=1+2</string>"
                     "<string col='2'>+A1</string>"
                     "<string col='3'>-A1*2</string>"
                     "<string col='4'>@SUM(A1:A9)</string>"
                     "<string col='5'>=HYPERLINK(\"http://x\",\"y\")</string>"
                     "<string col='6'>\t=cmd|' /C calc'!A0</string>"
                     "</row>"
                     "<merge first-row='2' first-col='1' last-row='2'"
                     " last-col='3'>=SUM(A1:C1)</merge>"
                     "</sheet></workbook>");
    char *sheet = zip_part(f->out, "xl/worksheets/sheet1.xml");
    char *sst = zip_part(f->out, "xl/sharedStrings.xml");
    assert_lacks(sheet, "<f>");
    assert_lacks(sheet, "HYPERLINK");
    assert_contains(sheet, "<c r=\"A1\" t=\"s\"><v>0</v></c>");
    assert_contains(sheet, "<c r=\"D1\" t=\"s\"><v>3</v></c>");
    assert_contains(sheet, "<c r=\"A2\" t=\"s\"><v>6</v></c>");
    assert_contains(sst, "<t>=1+2</t>");
    assert_contains(sst, "<t>+A1</t>");
    assert_contains(sst, "<t>-A1*2</t>");
    assert_contains(sst, "<t>@SUM(A1:A9)</t>");
    assert_contains(sst, "<t>=HYPERLINK(\"http://x\",\"y\")</t>");
    assert_contains(sst, "=cmd|' /C calc'!A0</t>");
    assert_contains(sst, "<t>=SUM(A1:C1)</t>");
    free(sheet);
    free(sst);
}

/* A chart sheet holding one chart with one series, with the attributes
 * given (the series' name too); for the refusals below.  Caller frees. */
static char *chart_desc(const char *chart_attrs, const char *series_attrs)
{
    bc_strbuf sb = BC_STRBUF_INIT;
    sb_adds(&sb, HEAD "<sheet name='Số liệu'><row n='1'><number col='1' value='1'/>"
                      "<number col='2' value='2'/></row>"
                      "<row n='2'><number col='1' value='3'/><number col='2' value='4'/>"
                      "</row></sheet>"
                      "<sheet name='Biểu đồ'><chart anchor='B2' ");
    sb_adds(&sb, chart_attrs);
    sb_adds(&sb, "><series ");
    if (!strstr(series_attrs, "name="))
        sb_adds(&sb, "name='S' ");
    sb_adds(&sb, series_attrs);
    sb_adds(&sb, "/></chart></sheet></workbook>");
    char *s = sb_detach(&sb);
    assert_non_null(s);
    return s;
}

/* The description is refused by the writer alone (no schema), with an
 * XLSX finding at the chart ("Biểu đồ!B2") naming found; no file is
 * left. */
static void refused(fx *f, const char *chart_attrs, const char *series_attrs,
                    const char *found)
{
    char *desc = chart_desc(chart_attrs, series_attrs);
    xmlDocPtr doc = parse_mem(desc);
    assert_int_equal(xlsx_write(doc, f->out, f->d), BC_ERR_INVALID);
    const bc_finding *fd = assert_finding(f->d, "XLSX", found);
    assert_int_equal(fd->sev, BC_SEV_ERROR);
    assert_string_equal(fd->place, "Biểu đồ!B2");
    assert_non_null(fd->message);
    assert_false(bc_is_file(f->out));
    char *tmp = bc_tmp_path(f->out);
    assert_false(bc_is_file(tmp));
    free(tmp);
    xmlFreeDoc(doc);
    free(desc);
}

static void test_bad_chart_ranges(void **state)
{
    fx *f = *state;
    const char *bar = "type='bar' title='T'";
    /* a sheet the workbook does not have */
    refused(f, bar, "values=\"'Sổ liệu'!A1:A2\"", "'Sổ liệu'!A1:A2");
    const bc_finding *fd = assert_finding(f->d, "XLSX", "'Sổ liệu'!A1:A2");
    assert_string_equal(fd->expected, "tên một trang tính của sổ");
    /* two rows and two columns: not a series */
    refused(f, bar, "values=\"'Số liệu'!A1:B2\"", "'Số liệu'!A1:B2");
    fd = assert_finding(f->d, "XLSX", "'Số liệu'!A1:B2");
    assert_string_equal(fd->expected, "một hàng hoặc một cột");
    /* malformed: reversed, beyond the grid, no row, unclosed quote */
    refused(f, bar, "values='A2:A1'", "A2:A1");
    refused(f, bar, "values='A1:A1048577'", "A1:A1048577");
    refused(f, bar, "values='XFE1'", "XFE1");
    refused(f, bar, "values='A'", "A");
    refused(f, bar, "values=\"'Số liệu!A1:A2\"", "'Số liệu!A1:A2");
    refused(f, bar, "values=\"''!A1:A2\"", "''!A1:A2");
    /* labels and values of different lengths */
    refused(f, bar,
            "values=\"'Số liệu'!A1:A2\" categories=\"'Số liệu'!B1:B1\"",
            "'Số liệu'!B1:B1");
    /* texts read as references when they start with '=' */
    refused(f, "type='bar' title='=Sheet1!A1'", "values=\"'Số liệu'!A1:A2\"",
            "=Sheet1!A1");
    refused(f, "type='bar' title='T' value-title='=A1'",
            "values=\"'Số liệu'!A1:A2\"", "=A1");
    /* an unknown type, a bad anchor */
    refused(f, "type='pie' title='T'", "values=\"'Số liệu'!A1:A2\"", "pie");
    /* every refusal above is also a schema error */
    char *desc = chart_desc(bar, "values=\"'Số liệu'!A1:A2\" name='=B1'");
    xmlDocPtr doc = parse_mem(desc);
    assert_int_equal(xlsx_write_checked(doc, XSD_WORKBOOK, f->out, f->d),
                     BC_ERR_TEMPLATE);
    assert_finding(f->d, "XSD", NULL);
    assert_false(bc_is_file(f->out));
    xmlFreeDoc(doc);
    free(desc);
}

static void test_bad_chart_anchor_and_series(void **state)
{
    fx *f = *state;
    xmlDocPtr doc = parse_mem(
        HEAD "<sheet name='Biểu đồ'><row n='1'><number col='1' value='1'/></row>"
             "<chart type='column' anchor='B0' title='T'>"
             "<series name='S' values='A1'/></chart></sheet></workbook>");
    assert_int_equal(xlsx_write(doc, f->out, f->d), BC_ERR_INVALID);
    assert_finding(f->d, "XLSX", "B0");
    xmlFreeDoc(doc);
    /* a chart without series */
    doc = parse_mem(HEAD "<sheet name='Biểu đồ'>"
                         "<chart type='column' anchor='B2' title='Trống'/>"
                         "</sheet></workbook>");
    assert_int_equal(xlsx_write(doc, f->out, f->d), BC_ERR_INVALID);
    assert_finding(f->d, "XLSX", "Trống");
    assert_false(bc_is_file(f->out));
    xmlFreeDoc(doc);
}

/* A header or footer with a picture would need an image file: refused,
 * even as '&&G' (see check_header_footer); '&&' itself is fine. */
static void test_header_footer_refused(void **state)
{
    fx *f = *state;
    static const char *const bad[] = {"&amp;C&amp;G", "&C&G",
                                      "&amp;L&amp;[Picture]", "&L&[Picture]",
                                      "&amp;C&amp;&amp;G", "&C&&G"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i += 2) {
        char *desc = bc_asprintf("%s<sheet name='A'><print footer='%s'/>"
                                 "</sheet></workbook>",
                                 HEAD, bad[i]);
        xmlDocPtr doc = parse_mem(desc);
        assert_int_equal(xlsx_write(doc, f->out, f->d), BC_ERR_INVALID);
        assert_finding(f->d, "XLSX", bad[i + 1]);
        assert_false(bc_is_file(f->out));
        xmlFreeDoc(doc);
        free(desc);
    }
    /* over 255 characters (not bytes: 255 'ữ' are fine) */
    for (int n = 255; n <= 256; n++) {
        bc_strbuf sb = BC_STRBUF_INIT;
        sb_adds(&sb, HEAD "<sheet name='A'><print footer='");
        for (int i = 0; i < n; i++)
            sb_adds(&sb, "ữ");
        sb_adds(&sb, "'/></sheet></workbook>");
        xmlDocPtr doc = parse_mem(sb_str(&sb));
        sb_release(&sb);
        assert_int_equal(xlsx_write(doc, f->out, f->d),
                         n == 255 ? BC_OK : BC_ERR_INVALID);
        xmlFreeDoc(doc);
    }
    assert_finding(f->d, "XLSX", NULL);
    /* repeat-last before repeat-first */
    xmlDocPtr doc = parse_mem(HEAD "<sheet name='A'><print repeat-first='5' "
                                   "repeat-last='4'/></sheet></workbook>");
    assert_int_equal(xlsx_write(doc, f->out, f->d), BC_ERR_INVALID);
    assert_finding(f->d, "XLSX", "4");
    xmlFreeDoc(doc);
    diag_free(f->d);
    f->d = diag_new();
    write_ok(f, HEAD "<sheet name='A'><print footer='&amp;CA &amp;&amp; B'/>"
                     "</sheet></workbook>");
    char *sheet = zip_part(f->out, "xl/worksheets/sheet1.xml");
    assert_contains(sheet, "<oddFooter>&amp;CA &amp;&amp; B</oddFooter>");
    free(sheet);
}

int main(void)
{
    xmlio_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_chart_parts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_chart_deterministic, setup, teardown),
        cmocka_unit_test_setup_teardown(test_chart_formula_points, setup, teardown),
        cmocka_unit_test_setup_teardown(test_print_setup, setup, teardown),
        cmocka_unit_test_setup_teardown(test_text_never_formula, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_chart_ranges, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_chart_anchor_and_series, setup, teardown),
        cmocka_unit_test_setup_teardown(test_header_footer_refused, setup, teardown),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    xmlCleanupParser();
    return failed;
}
