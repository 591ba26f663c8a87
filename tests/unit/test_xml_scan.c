/* test_xml_scan.c - the workbook parts' scanner (xml_scan.c) against
 * libxml2, a second implementation of the same thing.
 *
 * libxml2's SAX2 push parser, with the options and the depth limit
 * xlsx_reader.c gives it, is the reference: for a document, its events
 * (start with local name, <x/> or not, attributes as local name, prefix,
 * URI and value; end; text, adjacent pieces joined) and whether it
 * reported an error.  Wherever the scanner is sure, libxml2 must have
 * read the document without an error and given the same events.  The
 * documents: hand-made ones at the edges of the plain kind; every part of
 * every workbook in the project (the sample's and the tests' fixtures,
 * made by Excel's writers, LibreOffice, Gnumeric and libxlsxwriter), on
 * which the scanner must also be sure almost always (or it saves
 * nothing); and thousands of damaged copies of them (a byte changed,
 * removed, added, a piece repeated, the end cut off). */
#include "testutil.h"

#include <dirent.h>
#include <libxml/parser.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "util.h"
#include "xml_scan.h"

#define DEPTH 256 /* XLSX_MAX_DEPTH */

/* --- the events, as text --------------------------------------------------- */

typedef struct rec {
    bc_strbuf out;
    int in_text;       /* the last event was text */
    int depth, failed; /* libxml2 only: open elements, an error */
    size_t skip;       /* libxml2 only: start and end events not to record
                          (nor the text before them), as xlsx_reader.c
                          skips what the scanner delivered */
    xmlParserCtxtPtr ctxt;
} rec;

static void rec_start(void *ctx, const char *name, int empty, int nattr,
                      const xmlChar **attrs)
{
    rec *r = ctx;
    if (r->in_text)
        sb_addc(&r->out, '\n');
    r->in_text = 0;
    sb_addf(&r->out, "S %s %d", name, empty);
    for (int i = 0; i < nattr; i++) {
        const xmlChar **a = attrs + 5 * i;
        sb_addf(&r->out, " [%s|%s|%s|", a[0], a[1] ? (const char *)a[1] : "-",
                a[2] ? (const char *)a[2] : "-");
        sb_add(&r->out, (const char *)a[3], (size_t)(a[4] - a[3]));
        sb_addc(&r->out, ']');
    }
    sb_addc(&r->out, '\n');
}

static void rec_end(void *ctx, const char *name)
{
    rec *r = ctx;
    if (r->in_text)
        sb_addc(&r->out, '\n');
    r->in_text = 0;
    sb_addf(&r->out, "E %s\n", name);
}

static void rec_text(void *ctx, const char *s, size_t len)
{
    rec *r = ctx;
    if (!r->in_text)
        sb_adds(&r->out, "T ");
    r->in_text = 1;
    sb_add(&r->out, s, len);
}

/* libxml2's side, through SAX2 as xlsx_reader.c reads a part */
static void x_start(void *ctx, const xmlChar *local, const xmlChar *prefix,
                    const xmlChar *uri, int n_ns, const xmlChar **ns, int nattr,
                    int n_default, const xmlChar **attrs)
{
    rec *r = ctx;
    (void)prefix, (void)uri, (void)n_ns, (void)ns, (void)n_default;
    if (r->depth >= DEPTH) {
        r->failed = 1;
        xmlStopParser(r->ctxt);
        return;
    }
    xmlParserInputPtr in = r->ctxt->input;
    int empty = in && in->cur && in->end - in->cur >= 2 && in->cur[0] == '/' &&
                in->cur[1] == '>';
    r->depth++;
    if (r->skip) {
        r->skip--;
        return;
    }
    rec_start(r, (const char *)local, empty, nattr, attrs);
}

static void x_end(void *ctx, const xmlChar *local, const xmlChar *prefix,
                  const xmlChar *uri)
{
    rec *r = ctx;
    (void)prefix, (void)uri;
    r->depth--;
    if (r->skip) {
        r->skip--;
        return;
    }
    rec_end(r, (const char *)local);
}

static void x_text(void *ctx, const xmlChar *s, int len)
{
    rec *r = ctx;
    if (!r->skip)
        rec_text(r, (const char *)s, (size_t)len);
}

static void x_doctype(void *ctx, const xmlChar *n, const xmlChar *e, const xmlChar *s)
{
    rec *r = ctx;
    (void)n, (void)e, (void)s;
    r->failed = 1;
    xmlStopParser(r->ctxt);
}

static void x_error(void *ctx, xmlErrorPtr e)
{
    rec *r = ctx;
    if (e && e->level >= XML_ERR_ERROR)
        r->failed = 1;
}

/* libxml2's reading of doc: its events past the first `skip` start and
 * end events into *out (malloc'ed); 1 when it read it without an error. */
static int libxml2_read(const char *doc, size_t len, size_t skip, char **out)
{
    rec r;
    memset(&r, 0, sizeof r);
    r.skip = skip;
    xmlSAXHandler sax;
    memset(&sax, 0, sizeof sax);
    sax.initialized = XML_SAX2_MAGIC;
    sax.startElementNs = x_start;
    sax.endElementNs = x_end;
    sax.characters = x_text;
    sax.ignorableWhitespace = x_text;
    sax.internalSubset = x_doctype;
    sax.serror = x_error;
    xmlStructuredErrorFunc old_fn = xmlStructuredError;
    void *old_ctx = xmlStructuredErrorContext;
    xmlSetStructuredErrorFunc(&r, x_error);
    size_t first = len < 4 ? len : 4;
    r.ctxt = xmlCreatePushParserCtxt(&sax, &r, first == 4 ? doc : NULL,
                                     first == 4 ? 4 : 0, "part.xml");
    assert_non_null(r.ctxt);
    xmlCtxtUseOptions(r.ctxt, XML_PARSE_NONET | XML_PARSE_NOCDATA);
    if (first < 4 && first > 0)
        xmlParseChunk(r.ctxt, doc, (int)first, 0);
    if (len > 4 && !r.failed)
        xmlParseChunk(r.ctxt, doc + 4, (int)(len - 4), 0);
    if (!r.failed)
        xmlParseChunk(r.ctxt, NULL, 0, 1);
    if (!r.ctxt->wellFormed)
        r.failed = 1;
    xmlFreeParserCtxt(r.ctxt);
    xmlSetStructuredErrorFunc(old_ctx, old_fn);
    *out = sb_detach(&r.out);
    if (!*out)
        *out = bc_strdup("");
    return !r.failed;
}

static const xml_scan_events rec_events = {rec_start, rec_end, rec_text, NULL};

static uint64_t rng = 0x9E3779B97F4A7C15u;

static uint32_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 16);
}

/* The scanner's reading of doc, fed whole or in pieces of random sizes,
 * each time from a fresh copy (the buffer moves, as a growing one does):
 * its result, its events in *out, how many it delivered in *delivered. */
static xml_scan_result scan_read(const char *doc, size_t len, int pieces, char **out,
                                 size_t *delivered)
{
    rec r;
    memset(&r, 0, sizeof r);
    xml_scan *sc = xml_scan_new(DEPTH, &rec_events, &r);
    assert_non_null(sc);
    xml_scan_result res = XML_SCAN_MORE;
    size_t have = 0;
    while (res == XML_SCAN_MORE) {
        size_t step = pieces ? 1 + next() % (next() % 2 ? 7 : 300) : len;
        have = len - have < step ? len : have + step;
        char *copy = malloc(have ? have : 1);
        assert_non_null(copy);
        memcpy(copy, doc, have);
        res = xml_scan_feed(sc, copy, have, have == len);
        free(copy);
    }
    *delivered = xml_scan_delivered(sc);
    xml_scan_free(sc);
    *out = sb_detach(&r.out);
    if (!*out)
        *out = bc_strdup("");
    return res;
}

static size_t n_sure, n_docs;

/* Where the scanner is sure, libxml2 read the same document without an
 * error and gave the same events; where it is not, what it delivered and
 * then libxml2's events past those are libxml2's events, whenever
 * libxml2 reads the document without an error.  Returns the scanner's
 * result (fed whole; fed in pieces it must be the same). */
static xml_scan_result compare(const char *doc, size_t len, const char *what)
{
    xml_scan_result res = XML_SCAN_OK;
    for (int pieces = 0; pieces < 2; pieces++) {
        char *a = NULL, *b = NULL, *rest = NULL;
        size_t k = 0;
        xml_scan_result r = scan_read(doc, len, pieces, &a, &k);
        if (pieces)
            assert_int_equal(r, res);
        res = r;
        assert_true(r == XML_SCAN_OK || r == XML_SCAN_UNSURE);
        int ok = libxml2_read(doc, len, 0, &b);
        int bad = 0;
        if (r == XML_SCAN_OK) {
            bad = !ok || strcmp(a, b) != 0;
        } else if (ok) {
            assert_true(libxml2_read(doc, len, k, &rest));
            bc_strbuf both = BC_STRBUF_INIT;
            sb_adds(&both, a);
            /* a text the scanner delivered may go on in libxml2's */
            if (both.len && both.buf[both.len - 1] != '\n' && rest[0] == 'T')
                sb_adds(&both, rest + 2);
            else
                sb_adds(&both, rest);
            bad = strcmp(sb_str(&both), b) != 0;
            sb_release(&both);
        }
        if (bad) {
            print_message("%s (%s): the scanner was %s, libxml2 %s\n--- doc:\n%.*s\n"
                          "--- scanner (%zu delivered):\n%s--- libxml2:\n%s--- after:\n%s",
                          what, pieces ? "in pieces" : "whole",
                          r == XML_SCAN_OK ? "sure" : "unsure", ok ? "differs" : "refused it",
                          (int)(len > 2000 ? 2000 : len), doc, k, a, b, rest ? rest : "");
            fail();
        }
        free(a);
        free(b);
        free(rest);
    }
    n_docs++;
    n_sure += res == XML_SCAN_OK;
    return res;
}

static xml_scan_result compare_s(const char *doc)
{
    return compare(doc, strlen(doc), doc);
}

/* --- hand-made documents --------------------------------------------------- */

static void test_plain_kind(void **state)
{
    (void)state;
    static const char *const sure[] = {
        "<a/>",
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<a>x</a>",
        "\xEF\xBB\xBF<?xml version='1.0'?><a b='1' c=\"2\"/>",
        "<a>1 &lt; 2 &amp;&amp; 3 &gt; 2 &quot;x&apos; &#65;&#x42;&#x1F600;</a>",
        "<a v=\"x &amp; y &#38; z &lt; &#9;t&#10;n\"/>",
        "<a v=\"tab\there\r\nnew\nline\"/>",
        "<a>line\r\nend\rcr</a>",
        "<x:a xmlns:x=\"urn:x\" xmlns=\"urn:d\"><x:b x:c=\"1\" d=\"2\"/></x:a>",
        "<a xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
        "<s r:id=\"rId1\" name=\"Tên\"/></a>",
        "<t xml:space=\"preserve\">  Lạng Sơn  </t>",
        "<!-- c --><a><!-- in - side --><b/></a><!-- after -->\n",
        "<a>]</a>", "<a>]]</a>", "<a>></a>",
        "<a  b = \"1\"\n c\t=\t'2' ></a >",
        "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
        "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" "
        "xmlns:x14ac=\"http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac\" "
        "mc:Ignorable=\"x14ac\"><sheetData><row r=\"1\" x14ac:dyDescent=\"0.25\">"
        "<c r=\"A1\" t=\"s\"><v>0</v></c></row></sheetData></worksheet>",
        "<a>\xC2\x80 \xE2\x80\x8B \xF0\x9F\x98\x80</a>",
    };
    for (size_t i = 0; i < BC_ARRAY_LEN(sure); i++)
        if (compare_s(sure[i]) != XML_SCAN_OK)
            fail_msg("not sure of %s", sure[i]);
    static const char *const unsure[] = {
        "", "   ", "<a>", "<a></b>", "<a/><b/>", "x<a/>", "<a/>x", "<a><b></a></b>",
        "<!DOCTYPE a><a/>", "<?pi x?><a/>", "<a><?pi?></a>", "<a><![CDATA[x]]></a>",
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a/>",
        "<?xml version=\"1.1\"?><a/>", " <?xml version=\"1.0\"?><a/>",
        "<a>&nbsp;</a>", "<a>&#0;</a>", "<a>&#xD800;</a>", "<a>&#xFFFE;</a>",
        "<a>&#;</a>", "<a>&#x;</a>", "<a>& b</a>", "<a>&amp</a>", "<a>]]></a>",
        "<a>\x01</a>", "<a>\xC3</a>", "<a>\xC0\x80</a>", "<a>\xED\xA0\x80</a>",
        "<a>\xEF\xBF\xBE</a>", "<a>\xF4\x90\x80\x80</a>", "<a>\xFF</a>",
        "<a b=\"1\" b=\"2\"/>", "<a b=\"1\"c=\"2\"/>", "<a b=\"<\"/>", "<a b=1/>",
        "<a b=\"&x;\"/>", "<x:a/>", "<a x:b=\"1\"/>", "<a xmlns:x=\"\"/>",
        "<a xmlns:x=\"u\" xmlns:x=\"v\"/>", "<a xmlns=\"u\" xmlns=\"v\"/>",
        "<a xmlns:xml=\"u\"/>", "<a xmlns:x=\"u\" xmlns:y=\"u\" x:b=\"1\" y:b=\"2\"/>",
        "<é/>", "<a\xC3\xA9/>", "<1a/>", "<a:b:c/>", "<a:/>", "<a><!-- x -- y --></a>",
        "<a><!-- x ---></a>", "<a/><!-- x", "<a", "<a b", "<a b=", "<a b=\"1",
        "\xFF\xFE<\0a\0/\0>\0", "<a></a\n", "</a>",
    };
    for (size_t i = 0; i < BC_ARRAY_LEN(unsure); i++)
        if (compare_s(unsure[i]) == XML_SCAN_OK)
            fail_msg("sure of %s", unsure[i]);
    /* nested as deep as allowed, and one more */
    bc_strbuf sb = BC_STRBUF_INIT;
    for (int i = 0; i < DEPTH; i++)
        sb_adds(&sb, "<a>");
    for (int i = 0; i < DEPTH; i++)
        sb_adds(&sb, "</a>");
    assert_int_equal(compare(sb_str(&sb), sb.len, "deep"), XML_SCAN_OK);
    sb_reset(&sb);
    for (int i = 0; i <= DEPTH; i++)
        sb_adds(&sb, "<a>");
    for (int i = 0; i <= DEPTH; i++)
        sb_adds(&sb, "</a>");
    assert_int_equal(compare(sb_str(&sb), sb.len, "too deep"), XML_SCAN_UNSURE);
    sb_release(&sb);
}

/* A stop asked after the first start: nothing more is delivered. */
static int stop_after_one(void *ctx)
{
    rec *r = ctx;
    return r->out.len > 0;
}

static void test_stop(void **state)
{
    (void)state;
    rec r;
    memset(&r, 0, sizeof r);
    xml_scan_events ev = rec_events;
    ev.stop = stop_after_one;
    const char *doc = "<a><b/><c/></a>";
    xml_scan *sc = xml_scan_new(DEPTH, &ev, &r);
    assert_non_null(sc);
    assert_int_equal(xml_scan_feed(sc, doc, strlen(doc), 1), XML_SCAN_OK);
    assert_string_equal(sb_str(&r.out), "S a 0\n");
    assert_int_equal(xml_scan_delivered(sc), 1);
    xml_scan_free(sc);
    sb_release(&r.out);
}

/* --- the project's workbooks, and damaged copies of them ------------------ */

typedef struct corpus {
    char **docs;
    size_t *lens;
    size_t n, cap;
} corpus;

static void corpus_add_book(corpus *c, const char *path)
{
    int err = 0;
    zip_t *z = zip_open(path, ZIP_RDONLY, &err);
    if (!z)
        return;
    zip_int64_t n = zip_get_num_entries(z, 0);
    for (zip_int64_t i = 0; i < n; i++) {
        const char *name = zip_get_name(z, (zip_uint64_t)i, 0);
        size_t nl = name ? strlen(name) : 0;
        if (nl < 4 || (strcmp(name + nl - 4, ".xml") != 0 && strcmp(name + nl - 5, ".rels") != 0))
            continue;
        zip_stat_t st;
        if (zip_stat_index(z, (zip_uint64_t)i, 0, &st) != 0 || st.size > (4u << 20))
            continue;
        char *buf = malloc(st.size + 1);
        zip_file_t *f = zip_fopen_index(z, (zip_uint64_t)i, 0);
        assert_non_null(buf);
        assert_non_null(f);
        assert_int_equal(zip_fread(f, buf, st.size), (zip_int64_t)st.size);
        zip_fclose(f);
        if (c->n == c->cap) {
            c->cap = c->cap ? c->cap * 2 : 256;
            c->docs = realloc(c->docs, c->cap * sizeof *c->docs);
            c->lens = realloc(c->lens, c->cap * sizeof *c->lens);
            assert_non_null(c->docs);
            assert_non_null(c->lens);
        }
        c->docs[c->n] = buf;
        c->lens[c->n++] = st.size;
    }
    zip_close(z);
}

/* Every .xlsx below dir (sorted: the same corpus every run). */
static void corpus_add_dir(corpus *c, const char *dir)
{
    struct dirent **ents = NULL;
    int n = scandir(dir, &ents, NULL, alphasort);
    for (int i = 0; i < n; i++) {
        const char *name = ents[i]->d_name;
        if (name[0] != '.') {
            char *path = bc_path_join(dir, name);
            size_t nl = strlen(name);
            if (ents[i]->d_type == DT_DIR)
                corpus_add_dir(c, path);
            else if (nl > 5 && strcmp(name + nl - 5, ".xlsx") == 0)
                corpus_add_book(c, path);
            free(path);
        }
        free(ents[i]);
    }
    free(ents);
}

static void corpus_free(corpus *c)
{
    for (size_t i = 0; i < c->n; i++)
        free(c->docs[i]);
    free(c->docs);
    free(c->lens);
}

static corpus books;

static int setup(void **state)
{
    (void)state;
    corpus_add_dir(&books, "input");
    corpus_add_dir(&books, "tests");
    return books.n ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    corpus_free(&books);
    return 0;
}

static void test_workbook_parts(void **state)
{
    (void)state;
    size_t sure = 0;
    for (size_t i = 0; i < books.n; i++)
        sure += compare(books.docs[i], books.lens[i], "a workbook part") == XML_SCAN_OK;
    print_message("%zu of %zu parts read by the scanner\n", sure, books.n);
    assert_true(books.n >= 500);
    assert_true(sure * 100 >= books.n * 98);
}

static void test_damaged_parts(void **state)
{
    (void)state;
    static const char bytes[] = "<>&\"';#x/:= \r\n\t]-!?ab0\0\x01\xC3\xA9\xE2\x80\xFF\xBF";
    const size_t n_bytes = sizeof bytes - 1;
    size_t tries = 0, sure = 0;
    char *m = malloc(64 << 10);
    assert_non_null(m);
    for (size_t i = 0; i < books.n && tries < 40000; i++) {
        size_t len = books.lens[i];
        if (len < 16 || len > (32 << 10))
            continue;
        for (int k = 0; k < 24; k++, tries++) {
            memcpy(m, books.docs[i], len);
            size_t n = len, at = next() % len;
            switch (next() % 6) {
            case 5: { /* a piece of XML syntax added */
                static const char *const bits[] = {
                    "&#x0;", "&#65;", "&#xD;", "&lt;", "&amp", "&bogus;", "<!DOCTYPE a>",
                    "<?p?>", "<![CDATA[x]]>", "]]>", "<!-- -->", "<!---->", "--",
                    " xmlns:q=\"u\"", " q:a=\"1\"", " xml:space=\"preserve\"",
                    " a=\"1\"", "<b/>", "</b>", "<x:b/>", "\xEF\xBB\xBF", "\r\n",
                    "\xF0\x9F\x98\x80", "\xED\xA0\x80", " xmlns=\"\"", "'", "=\"",
                };
                const char *bit = bits[next() % BC_ARRAY_LEN(bits)];
                size_t bl = strlen(bit);
                memmove(m + at + bl, m + at, n - at);
                memcpy(m + at, bit, bl);
                n += bl;
                break;
            }
            case 0: /* a byte changed */
                m[at] = bytes[next() % n_bytes];
                break;
            case 1: /* removed */
                memmove(m + at, m + at + 1, n - at - 1);
                n--;
                break;
            case 2: /* added */
                memmove(m + at + 1, m + at, n - at);
                m[at] = bytes[next() % n_bytes];
                n++;
                break;
            case 3: { /* a piece repeated */
                size_t pl = 1 + next() % 24;
                if (at + pl > n)
                    pl = n - at;
                memmove(m + at + pl, m + at, n - at);
                n += pl;
                break;
            }
            default: /* the end cut off */
                n = at;
            }
            sure += compare(m, n, "a damaged part") == XML_SCAN_OK;
        }
    }
    print_message("%zu damaged parts, %zu of them still read by the scanner\n", tries, sure);
    assert_true(tries >= 10000);
    assert_true(sure > 0);
    free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_kind),
        cmocka_unit_test(test_stop),
        cmocka_unit_test(test_workbook_parts),
        cmocka_unit_test(test_damaged_parts),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
