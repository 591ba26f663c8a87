/* test_submission.c - canonical document -> struct; the XML reader. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "fields.h"
#include "ingest.h"
#include "submission.h"
#include "text.h"
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

/* --- the streaming reader (submission_from_xml) --------------------------- */

#define XSD "templates/schema/submission.xsd"

static void assert_same_text(const sub_text *a, const sub_text *b)
{
    if (a->s || b->s) {
        assert_non_null(a->s);
        assert_non_null(b->s);
        assert_string_equal(a->s, b->s);
    }
    assert_int_equal(a->at.line, b->at.line);
    if (a->at.cell || b->at.cell) {
        assert_non_null(a->at.cell);
        assert_non_null(b->at.cell);
        assert_string_equal(a->at.cell, b->at.cell);
    }
}

/* Every sub_text of the submission, and of each item, at once: a sub_text
 * array is compared member by member. */
static void assert_same_texts(const char *a, const char *b, size_t from,
                              size_t to)
{
    for (size_t off = from; off < to; off += sizeof(sub_text))
        assert_same_text((const sub_text *)(const void *)(a + off),
                         (const sub_text *)(const void *)(b + off));
}

/* a and b hold the same texts at the same places, the same items with
 * the same resolved values. */
static void assert_same_submission(const submission *a, const submission *b)
{
    assert_string_equal(a->file, b->file);
    assert_int_equal(a->cycle, b->cycle);
    assert_int_equal(a->at.line, b->at.line);
    assert_same_texts((const char *)a, (const char *)b,
                      offsetof(submission, format),
                      offsetof(submission, records));
    for (int t = 0; t < FORM_N_TABLES; t++) {
        const form_table *ft = &FORM_TABLES[t];
        const char *va, *vb;
        size_t na, nb;
        switch (t) {
        case FORM_TABLE_RECORDS:
            va = (const char *)a->records, vb = (const char *)b->records;
            na = a->n_records, nb = b->n_records;
            break;
        case FORM_TABLE_ACTIVITIES:
            va = (const char *)a->activities;
            vb = (const char *)b->activities;
            na = a->n_activities, nb = b->n_activities;
            break;
        case FORM_TABLE_SUPPORTS:
            va = (const char *)a->supports, vb = (const char *)b->supports;
            na = a->n_supports, nb = b->n_supports;
            break;
        default:
            va = (const char *)a->budget, vb = (const char *)b->budget;
            na = a->n_budget, nb = b->n_budget;
            break;
        }
        assert_int_equal(na, nb);
        for (size_t i = 0; i < na; i++) {
            const char *ia = va + i * ft->item_size, *ib = vb + i * ft->item_size;
            sub_text la = {NULL, *(const sub_loc *)(const void *)ia};
            sub_text lb = {NULL, *(const sub_loc *)(const void *)ib};
            assert_same_text(&la, &lb);
            for (size_t f = 0; f < ft->n_fields; f++)
                assert_same_texts(ia, ib, ft->fields[f].sub_at,
                                  ft->fields[f].sub_at + sizeof(sub_text));
        }
    }
    for (size_t i = 0; i < a->n_records; i++) {
        assert_int_equal(a->records[i].kind_v, b->records[i].kind_v);
        assert_int_equal(a->records[i].status_v, b->records[i].status_v);
    }
    for (size_t i = 0; i < a->n_activities; i++)
        assert_int_equal(a->activities[i].classes_v,
                         b->activities[i].classes_v);
    for (size_t i = 0; i < a->n_supports; i++)
        assert_int_equal(a->supports[i].kind_v, b->supports[i].kind_v);
}

/* The submission of xml streamed; NULL when submission_from_xml declined
 * it (the ordinary reader then takes it). */
static submission *streamed(xmlSchemaPtr schema, const char *xml)
{
    submission *s = (submission *)1;
    int ok = submission_from_xml(xml, strlen(xml), schema, "t.xml", 2024, &s);
    assert_int_equal(ok, s != NULL);
    return s;
}

/* The valid submissions: streamed, the very struct the ordinary reader
 * builds, and no finding. */
static void test_stream_same(void **state)
{
    (void)state;
    static const char *const docs[] = {
        DOC,
        /* fields in any order (xs:all), entities, character references,
         * CDATA, comments and processing instructions inside a value, CR
         * LF line ends, white space around everything */
        "<?xml version=\"1.0\"?>\r\n<!-- a unit's system -->\r\n"
        "<submission year=\"2025\" unit=\"LS&#x1EA0;\" format=\"1\" "
        "src=\"Bìa!B2\">\r\n"
        "<records><record><application>4-2025-00001</application>"
        "<status>granted</status><name>A &amp; B &lt;C&gt; "
        "<!-- x --><![CDATA[<D> & ]]>E<?pi x?>F&#xE0;</name>"
        "<kind>NHTT</kind></record>\r\n"
        "<record src=\"\"><kind>\n NHCN \n</kind><status>filed</status>"
        "<application>4-2025-00002</application><task>B1</task>"
        "<granted src=\"Đơn!G9\">2025-01-02</granted></record></records>\r\n"
        "<budget><line><disbursed>1</disbursed><task>B1</task>"
        "<allocated>2.5</allocated></line></budget>"
        "<narrative><proposals>  đề xuất\u00a0</proposals></narrative>"
        "</submission>",
        /* nothing but the root, with the namespace of xsi declared and
         * an unused prefix */
        "<submission xmlns:x=\"urn:x\" format=\"1\" unit=\"U\" year=\"2024\""
        " date=\"2024-12-01\" illustrative=\"false\"/>",
        /* attribute values normalised by the parser (a tab is a space),
         * a character reference in one */
        "<submission format=\"1\" unit=\"\tU&#x20;1 \" year=\"2024\" "
        "src=\"B\t2\"><contact src=\" \"><phone>1</phone></contact>"
        "</submission>",
        /* a Windows code page: libxml2 converts through iconv */
        "<?xml version=\"1.0\" encoding=\"windows-1258\"?>"
        "<submission format=\"1\" unit=\"U\" year=\"2024\"><contact>"
        "<name>L\xe2m \xd0\xf4\xcc\xa3</name></contact></submission>",
        /* ISO-8859-1: libxml2 converts */
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>"
        "<submission format=\"1\" unit=\"U\" year=\"2024\"><contact>"
        "<name>Jos\xe9</name></contact></submission>",
    };
    bc_diag *d = diag_new();
    xmlSchemaPtr schema = xmlio_schema_load(XSD, d);
    assert_non_null(schema);
    for (size_t i = 0; i < BC_ARRAY_LEN(docs); i++) {
        submission *fast = streamed(schema, docs[i]);
        assert_non_null(fast);
        xmlDocPtr doc =
            xmlio_read_memory(docs[i], strlen(docs[i]), "t.xml", d, NULL);
        assert_non_null(doc);
        assert_int_equal(xmlio_validate(schema, doc, "t.xml", d), 0);
        submission *slow = submission_from_doc(doc, "t.xml", 2024, d);
        xmlFreeDoc(doc);
        assert_non_null(slow);
        assert_same_submission(fast, slow);
        submission_free(fast);
        submission_free(slow);
    }
    assert_int_equal(diag_count(d), 0);
    xmlSchemaFree(schema);
    diag_free(d);
}

/* Anything but a valid submission read without a message is declined,
 * for the ordinary reader to report. */
static void test_stream_declines(void **state)
{
    (void)state;
#define ROOT "<submission format=\"1\" unit=\"U\" year=\"2024\""
    static const char *const docs[] = {
        "<submission format=\"1\" year=\"2024\"/>", /* no unit: XSD */
        ROOT "><records><bad/></records></submission>",
        ROOT "><contact><name>a</name><name>b</name></contact></submission>",
        ROOT ">",                                   /* not well-formed */
        ROOT "><contact><name>&nbsp;</name></contact></submission>",
        "<!DOCTYPE submission>" ROOT "/>",
        "<!-- x --><!DOCTYPE submission [<!ENTITY e \"x\">]>" ROOT "/>",
        "<submission xmlns=\"urn:x\" format=\"1\" unit=\"U\" year=\"2024\"/>",
        "<report/>",
        ROOT " src=\"A&amp;B\"/>",                  /* escaped in SAX2 */
        ROOT " xml:id=\"a b\"/>",                   /* the tree checks it */
        "<submission xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
        " xsi:noNamespaceSchemaLocation=\"x.xsd\" format=\"1\" unit=\"U\""
        " year=\"2024\"/>",
        ROOT "><contact><name>a<b/></name></contact></submission>",
        ROOT "><contact><name>\xff</name></contact></submission>",
        ROOT " date=\"2024-13-01\"/>",
        /* an encoding error while the declaration switches the input:
         * the stream must not stop the parser there (it used to crash) */
        "<?xml version=\"1.0\" encoding=\"windows-1252\"?>\n<x>\201</x>\n",
        "<?xml version=\"1.0\" encoding=\"windows-1252\"?>\n" ROOT ">"
        "<contact><name>\201</name></contact></submission>",
        "",
    };
#undef ROOT
    bc_diag *d = diag_new();
    xmlSchemaPtr schema = xmlio_schema_load(XSD, d);
    assert_non_null(schema);
    for (size_t i = 0; i < BC_ARRAY_LEN(docs); i++)
        assert_null(streamed(schema, docs[i]));
    assert_null(streamed(NULL, DOC));

    /* past line 65535 libxml2 keeps lines its own way */
    bc_strbuf sb = BC_STRBUF_INIT;
    sb_adds(&sb, "<submission format=\"1\" unit=\"U\" year=\"2024\">");
    for (int i = 0; i < 70000; i++)
        sb_addc(&sb, '\n');
    sb_adds(&sb, "<contact/></submission>");
    assert_false(sb.failed);
    assert_null(streamed(schema, sb_str(&sb)));
    sb_release(&sb);
    /* nothing was said, and nothing is kept for later */
    assert_int_equal(diag_count(d), 0);
    assert_int_equal(xmlio_library_findings(d), 0);
    xmlSchemaFree(schema);
    diag_free(d);
}

/* A field's text is cleaned exactly as text_clean cleans it, also on the
 * shortcut for ASCII values: every ASCII character at either end and
 * inside (a document built in memory, as the workbook readers build
 * them, can hold what an XML file cannot). */
static void test_clean_as_text_clean(void **state)
{
    (void)state;
    bc_diag *d = diag_new();
    for (int c = 1; c < 0x80; c++) {
        char v[8] = {(char)c, 'x', (char)c, '\0'};
        char w[8] = {(char)c, 'x', '\0'};
        const char *vals[] = {v, v + 1, w};
        for (size_t k = 0; k < BC_ARRAY_LEN(vals); k++) {
            xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
            xmlNodePtr root = xmlNewDocNode(doc, NULL, BAD_CAST "submission",
                                            NULL);
            xmlDocSetRootElement(doc, root);
            xmlNodePtr contact = xmlNewChild(root, NULL, BAD_CAST "contact",
                                             NULL);
            xmlNodePtr name = xmlNewChild(contact, NULL, BAD_CAST "name",
                                          NULL);
            xmlAddChild(name, xmlNewText(BAD_CAST vals[k]));
            submission *s = submission_from_doc(doc, "t.xml", 2024, d);
            assert_non_null(s);
            char *want = text_clean(vals[k]);
            assert_non_null(want);
            if (want[0])
                assert_string_equal(s->contact_name.s, want);
            else
                assert_null(s->contact_name.s);
            free(want);
            submission_free(s);
            xmlFreeDoc(doc);
        }
    }
    assert_int_equal(diag_count(d), 0);
    diag_free(d);
}

/* The fields the streaming reader tracks fit its bit set. */
static void test_field_limit(void **state)
{
    (void)state;
    for (int t = 0; t < FORM_N_TABLES; t++)
        assert_true(FORM_TABLES[t].n_fields <= SUBMISSION_MAX_FIELDS);
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
        cmocka_unit_test(test_stream_same),
        cmocka_unit_test(test_stream_declines),
        cmocka_unit_test(test_field_limit),
        cmocka_unit_test(test_clean_as_text_clean),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
