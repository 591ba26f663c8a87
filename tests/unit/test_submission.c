/* test_submission.c - canonical document -> struct; the XML reader. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "ingest.h"
#include "submission.h"
#include "xmlio.h"

static const char DOC[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<submission format=\"1\" unit=\" 183 \" year=\"2024\"\n"
    "            date=\"2024-12-20\" illustrative=\"true\">\n"           /* 3 */
    "  <contact>\n"                                                      /* 4 */
    "    <name>  Nguyễn Văn A </name>\n"                                 /* 5 */
    "    <email>a@example.vn</email>\n"                                  /* 6 */
    "  </contact>\n"
    "  <records src=\"Đơn!A1\">\n"                                       /* 8 */
    "    <record src=\"Đơn!A5\">\n"                                      /* 9 */
    "      <kind>NHTT</kind>\n"                                          /* 10 */
    "      <status>filed</status>\n"
    "      <application src=\"Đơn!C5\"> ĐN4-2024-01234 </application>\n" /* 12 */
    "      <filed>2024-03-01</filed>\n"
    "      <name>Quýt vàng La\xcc\xa3ng So\xcc\x9bn</name>\n"            /* NFD */
    "      <owner>   </owner>\n"                                         /* 15 */
    "    </record>\n"
    "    <record>\n"                                                     /* 17 */
    "      <kind>KDCN</kind><status>granted</status>\n"
    "      <application>3-2023-00012</application>\n"
    "    </record>\n"
    "  </records>\n"
    "  <activities>\n"
    "    <activity><task>A1</task><date>2024-05-10</date>"
    "<kind>tap-huan</kind><classes>2</classes></activity>\n"              /* 23 */
    "  </activities>\n"
    "  <supports>\n"
    "    <support><mark>Hồi Lạng Sơn</mark><kind>NHTT</kind>"
    "<date>2024-07-01</date></support>\n"                                 /* 26 */
    "  </supports>\n"
    "  <budget>\n"
    "    <line><task>B7</task><allocated>200</allocated>"
    "<disbursed>150.5</disbursed></line>\n"                               /* 29 */
    "    <line><task>B10</task><allocated>400</allocated>"
    "<disbursed>400</disbursed><note>đủ</note></line>\n"                 /* 30 */
    "  </budget>\n"
    "  <narrative><results>Kết quả tốt.</results></narrative>\n"          /* 32 */
    "</submission>\n";

static submission *build(const char *xml, bc_diag *d)
{
    xmlDocPtr doc = xmlio_read_memory(xml, strlen(xml), "t.xml", d, NULL);
    assert_non_null(doc);
    submission *s = submission_from_doc(doc, "t.xml", 2024, d);
    xmlFreeDoc(doc);
    assert_non_null(s);
    return s;
}

static void test_header_and_contact(void **state)
{
    (void)state;
    bc_diag *d = diag_new();
    submission *s = build(DOC, d);
    assert_int_equal(diag_count(d), 0);
    assert_string_equal(s->file, "t.xml");
    assert_int_equal(s->cycle, 2024);
    assert_int_equal(s->at.line, 3); /* libxml2: where the start tag ends */
    assert_string_equal(s->format.s, "1");
    assert_string_equal(s->unit.s, "183"); /* trimmed */
    assert_string_equal(s->year.s, "2024");
    assert_string_equal(s->date.s, "2024-12-20");
    assert_string_equal(s->illustrative.s, "true");
    assert_string_equal(s->contact_name.s, "Nguyễn Văn A");
    assert_int_equal(s->contact_name.at.line, 5);
    assert_null(s->contact_name.at.cell);
    assert_string_equal(s->contact_email.s, "a@example.vn");
    assert_null(s->contact_role.s);
    assert_int_equal(s->contact_role.at.line, 4); /* absent: the parent */
    assert_null(s->contact_phone.s);
    assert_string_equal(s->results.s, "Kết quả tốt.");
    assert_null(s->difficulties.s);
    /* unresolved until validation */
    assert_null(s->unit_v);
    assert_int_equal(s->year_v, 0);
    assert_int_equal(s->date_v, 0);
    assert_int_equal(s->illustrative_v, 0);
    submission_free(s);
    diag_free(d);
}

static void test_records(void **state)
{
    (void)state;
    bc_diag *d = diag_new();
    submission *s = build(DOC, d);
    assert_int_equal(s->n_records, 2);
    const sub_record *r = &s->records[0];
    assert_int_equal(r->at.line, 9);
    assert_string_equal(r->at.cell, "Đơn!A5");
    assert_string_equal(r->kind.s, "NHTT");
    assert_string_equal(r->kind.at.cell, "Đơn!A5"); /* from the record */
    assert_int_equal(r->kind.at.line, 10);
    assert_string_equal(r->application.s, "ĐN4-2024-01234");
    assert_string_equal(r->application.at.cell, "Đơn!C5"); /* its own */
    assert_string_equal(r->filed.s, "2024-03-01");
    assert_string_equal(r->name.s, "Quýt vàng Lạng Sơn"); /* NFC */
    assert_null(r->owner.s);                               /* blank */
    assert_int_equal(r->owner.at.line, 15);
    assert_null(r->granted.s);
    assert_int_equal(r->kind_v, -1);
    assert_int_equal(r->status_v, REC__UNKNOWN);
    assert_int_equal(r->filed_v, 0);
    assert_null(r->appno_v);

    r = &s->records[1];
    assert_int_equal(r->at.line, 17);
    assert_string_equal(r->at.cell, "Đơn!A1"); /* from <records> */
    assert_string_equal(r->status.s, "granted");

    bc_loc l = submission_loc(s, s->records[0].application.at);
    assert_string_equal(l.file, "t.xml");
    assert_string_equal(l.cell, "Đơn!C5");
    assert_int_equal(l.line, 0);
    l = submission_loc(s, s->contact_name.at);
    assert_int_equal(l.line, 5);
    assert_null(l.cell);
    submission_free(s);
    diag_free(d);
}

static void test_lists(void **state)
{
    (void)state;
    bc_diag *d = diag_new();
    submission *s = build(DOC, d);
    assert_int_equal(s->n_activities, 1);
    const sub_activity *a = &s->activities[0];
    assert_int_equal(a->at.line, 23);
    assert_string_equal(a->task.s, "A1");
    assert_string_equal(a->classes.s, "2");
    assert_null(a->participants.s);
    assert_null(a->title.s);
    assert_int_equal(a->classes_v, -1);
    assert_int_equal(a->participants_v, -1);
    assert_null(a->task_v);

    assert_int_equal(s->n_supports, 1);
    assert_string_equal(s->supports[0].mark.s, "Hồi Lạng Sơn");
    assert_int_equal(s->supports[0].kind_v, -1);
    assert_int_equal(s->supports[0].at.line, 26);

    assert_int_equal(s->n_budget, 2);
    assert_string_equal(s->budget[0].disbursed.s, "150.5");
    assert_int_equal(s->budget[0].amounts_ok, 0);
    assert_null(s->budget[0].task_v);
    assert_string_equal(s->budget[1].note.s, "đủ");
    assert_int_equal(s->budget[1].at.line, 30);
    submission_free(s);
    diag_free(d);
}

static void test_empty_and_wrong_root(void **state)
{
    (void)state;
    bc_diag *d = diag_new();
    submission *s =
        build("<submission format=\"1\" unit=\"SKHCN\" year=\"2024\"/>", d);
    assert_int_equal(s->n_records + s->n_activities + s->n_supports +
                         s->n_budget,
                     0);
    assert_null(s->records);
    assert_null(s->date.s);
    submission_free(s);
    assert_int_equal(diag_count(d), 0);

    s = build("<report/>", d);
    const bc_finding *f = assert_finding(d, "INGEST-ROOT", "<report>");
    assert_string_equal(f->expected, "<submission>");
    assert_int_equal(f->sev, BC_SEV_ERROR);
    submission_free(s);
    diag_free(d);
}

static void test_rec_status_name(void **state)
{
    (void)state;
    assert_string_equal(rec_status_name(REC_FILED), "filed");
    assert_string_equal(rec_status_name(REC_GRANTED), "granted");
    assert_string_equal(rec_status_name(REC_REFUSED), "refused");
    assert_string_equal(rec_status_name(REC__UNKNOWN), "?");
    submission_free(NULL);
}

/* Writes text to a new temporary file whose name ends in suffix; returns
 * the malloc'ed path. */
static char *temp_file(const char *text, const char *suffix)
{
    char *path = malloc(64);
    assert_non_null(path);
    snprintf(path, 64, "/tmp/bc-test-XXXXXX%s", suffix);
    int fd = mkstemps(path, (int)strlen(suffix));
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    return path;
}

static void test_ingest(void **state)
{
    (void)state;
    assert_true(ingest_supported("a.xml"));
    assert_true(ingest_supported("input/2024/B.XLSX"));
    assert_true(ingest_supported("c.Xls"));
    assert_false(ingest_supported("d.csv"));
    assert_false(ingest_supported("xml"));
    assert_false(ingest_supported(NULL));

    bc_diag *d = diag_new();
    xmlDocPtr doc = NULL;
    char *ok = temp_file(DOC, ".xml");
    assert_int_equal(ingest_file(ok, d, &doc), BC_OK);
    assert_non_null(doc);
    assert_int_equal(diag_count(d), 0);
    xmlFreeDoc(doc);

    char *bad = temp_file("<?xml version=\"1.0\"?>\n<bao-cao/>\n", ".XML");
    assert_int_equal(ingest_file(bad, d, &doc), BC_ERR_INVALID);
    assert_null(doc);
    const bc_finding *f = assert_finding(d, "INGEST-ROOT", "<bao-cao>");
    assert_int_equal(f->line, 2);

    char *ns = temp_file("<submission xmlns=\"urn:x\"/>", ".xml");
    assert_int_equal(ingest_xml(ns, d, &doc), BC_ERR_INVALID);
    assert_finding(d, "INGEST-ROOT", "<submission xmlns=\"urn:x\">");

    assert_int_equal(ingest_file("/nonexistent/x.xml", d, &doc), BC_ERR_IO);
    assert_finding(d, "FILE-READ", NULL);

    char *broken = temp_file("<submission", ".xml");
    assert_int_equal(ingest_file(broken, d, &doc), BC_ERR_PARSE);
    assert_finding(d, "XML-PARSE", NULL);

    /* .xlsx and old Excel 97-2003 .xls go to the workbook readers; a
     * missing one is refused before any reader opens it (FILE-READ, I/O
     * error); anything else is refused */
    size_t before = diag_count(d);
    assert_int_equal(ingest_file("/nonexistent/so-lieu.xls", d, &doc),
                     BC_ERR_IO);
    assert_int_equal(ingest_file("/nonexistent/so-lieu.xlsx", d, &doc),
                     BC_ERR_IO);
    for (size_t i = before; i < diag_count(d); i++)
        assert_string_equal(diag_get(d, i)->code, "FILE-READ");
    assert_int_equal(diag_count(d), before + 2);
    assert_int_equal(ingest_file("so-lieu.csv", d, &doc), BC_ERR_INVALID);
    f = assert_finding(d, "INGEST-FORMAT", "csv");
    assert_non_null(strstr(f->message, "chưa hỗ trợ"));

    unlink(ok);
    unlink(bad);
    unlink(ns);
    unlink(broken);
    free(ok);
    free(bad);
    free(ns);
    free(broken);
    diag_free(d);
}

int main(void)
{
    xmlio_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_header_and_contact),
        cmocka_unit_test(test_records),
        cmocka_unit_test(test_lists),
        cmocka_unit_test(test_empty_and_wrong_root),
        cmocka_unit_test(test_rec_status_name),
        cmocka_unit_test(test_ingest),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
