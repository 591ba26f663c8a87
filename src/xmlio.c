/* xmlio.c - safe XML parsing, XSD validation with Vietnamese findings,
 * atomic saving. */
#include "xmlio.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlsave.h>
#include <libxslt/xsltutils.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "util.h"

/* NONET: never fetch anything.  No NOENT, DTDLOAD, XINCLUDE or HUGE: no
 * entity substitution, no external DTD, libxml2's limits stay on.
 * BIG_LINES: correct line numbers past 65535. */
#define SAFE_OPTIONS (XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA)

/* Set while this thread parses an untrusted document: the entity loader
 * then loads nothing at all, not even a local file. */
static _Thread_local int parsing_untrusted;

/* The one external entity loader of the program: nothing while an
 * untrusted document is parsed; otherwise local files only (templates'
 * xsl:include), never the network. */
static xmlParserInputPtr entity_loader(const char *url, const char *id,
                                       xmlParserCtxtPtr ctxt)
{
    if (parsing_untrusted)
        return NULL;
    return xmlNoNetExternalEntityLoader(url, id, ctxt);
}

/* Library messages outside any capture (xmlio_library_message). */
static pthread_mutex_t lib_mu = PTHREAD_MUTEX_INITIALIZER;
static char *lib_kept[XMLIO_LIBRARY_KEEP];
static size_t lib_n, lib_more;
static int lib_nomem; /* a message said memory ran out */
/* set, never cleared, when any libxml2 message said memory ran out */
static volatile int nomem_seen;

int xmlio_nomem_seen(void)
{
    return nomem_seen;
}

/* 1 (and notes it) if a libxml2 message says memory ran out. */
static int says_nomem(int code, const char *msg)
{
    if (code == XML_ERR_NO_MEMORY ||
        (msg && (strstr(msg, "Memory allocation failed") ||
                 strstr(msg, "out of memory")))) {
        nomem_seen = 1;
        return 1;
    }
    return 0;
}
static char lib_line[304]; /* the message being put together */
static size_t lib_len;

/* Keeps the line put together so far (under lib_mu). */
static void lib_flush_line(void)
{
    while (lib_len && (lib_line[lib_len - 1] == '\n' ||
                       lib_line[lib_len - 1] == ' '))
        lib_len--;
    lib_line[lib_len] = '\0';
    if (lib_len == 0)
        return;
    lib_len = 0;
    if (says_nomem(0, lib_line))
        lib_nomem = 1;
    /* out of memory, libxml2 may format garbage: not worth showing */
    int readable = 1;
    for (const unsigned char *p = (const unsigned char *)lib_line; *p; p++)
        if (*p < 0x20 || *p >= 0x7F)
            readable = 0;
    if (lib_n == XMLIO_LIBRARY_KEEP || !readable || lib_nomem) {
        lib_more++;
        return;
    }
    char *kept = text_utf8_repair(lib_line, 300);
    if (kept)
        lib_kept[lib_n++] = kept;
    else
        lib_more++;
}

void xmlio_library_message(void *ctx, const char *msg, ...)
{
    (void)ctx;
    char piece[512];
    va_list ap;
    va_start(ap, msg);
    int n = vsnprintf(piece, sizeof piece, msg, ap);
    va_end(ap);
    if (n < 0)
        return;
    pthread_mutex_lock(&lib_mu);
    /* libxml2 sends one message in several pieces, the last ending in a
     * newline; a message is cut at 300 bytes */
    for (const char *p = piece; *p; p++) {
        if (*p == '\n') {
            lib_flush_line();
        } else if (lib_len < 300) {
            lib_line[lib_len++] = *p;
        }
    }
    pthread_mutex_unlock(&lib_mu);
}

size_t xmlio_library_findings(bc_diag *d)
{
    pthread_mutex_lock(&lib_mu);
    lib_flush_line();
    size_t added = 0;
    for (size_t i = 0; i < lib_n; i++) {
        diag_add(d, BC_SEV_WARNING, "XML-LIBRARY", NULL, lib_kept[i], NULL,
                 "thông báo của thư viện XML (libxml2/libxslt)");
        free(lib_kept[i]);
        lib_kept[i] = NULL;
        added++;
    }
    if (lib_nomem) {
        diag_add(d, BC_SEV_WARNING, "XML-LIBRARY", NULL, NULL, NULL,
                 "thư viện XML (libxml2/libxslt) báo không đủ bộ nhớ");
        added++;
    }
    if (lib_more) {
        diag_add(d, BC_SEV_WARNING, "XML-LIBRARY", NULL, NULL, NULL,
                 "còn %zu thông báo khác của thư viện XML không liệt kê",
                 lib_more);
        added++;
    }
    lib_n = lib_more = 0;
    lib_nomem = 0;
    pthread_mutex_unlock(&lib_mu);
    return added;
}

void xmlio_init(void)
{
    static int done;
    if (done)
        return;
    done = 1;
    xmlInitParser();
    LIBXML_TEST_VERSION
    xmlSetExternalEntityLoader(entity_loader);
    /* never a raw library line on stderr, in this thread or any other */
    xmlSetGenericErrorFunc(NULL, xmlio_library_message);
    xmlThrDefSetGenericErrorFunc(NULL, xmlio_library_message);
    xsltSetGenericErrorFunc(NULL, xmlio_library_message);
}

/* --- error capture ------------------------------------------------------ */

typedef struct capture {
    bc_diag *d;
    const char *file;
    const char *code;
    int count;
    /* to fold the several errors libxml2 raises for one bad value */
    const void *last_node;
    int last_line;
    int nomem; /* a message said memory ran out */
} capture;

/* The most bytes of a libxml2 message, or of a name, quoted in a
 * finding. */
#define XMLIO_MSG_MAX 300
#define XMLIO_NAME_MAX 60

/* s cut in place at a character boundary (s is valid UTF-8) so that at
 * most max bytes remain, "..." added when cut; s must have room for
 * max + 4 bytes. */
static void cut_utf8(char *s, size_t max)
{
    if (strlen(s) <= max + 3)
        return;
    size_t k = max;
    while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
        k--;
    strcpy(s + k, "...");
}

/* The English message without its trailing newline, in a new string. */
static char *trim_msg(const char *msg)
{
    if (!msg)
        return bc_strdup("");
    size_t n = strlen(msg);
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
        n--;
    return bc_strndup(msg, n);
}

static void on_parse_error(void *ctx, xmlErrorPtr e)
{
    capture *c = ctx;
    if (!e || e->level == XML_ERR_NONE)
        return;
    if (e->level == XML_ERR_WARNING)
        return; /* libxml2 warnings (e.g. unknown encoding hints) */
    c->count++;
    if (c->count > 20)
        return; /* one broken file must not flood the report */
    /* libxml2 quotes the raw bytes of a bad name (invalid UTF-8, up to
     * 50000 bytes): repaired and cut, so that the finding stays valid
     * UTF-8 and of a size the reports can show */
    char *raw = trim_msg(e->message);
    char *msg = raw ? text_utf8_repair(raw, XMLIO_MSG_MAX) : NULL;
    free(raw);
    bc_loc at = {c->file, e->line > 0 ? (unsigned)e->line : 0, NULL};
    const char *what = "tệp XML không đúng cú pháp";
    if (e->code == XML_ERR_INVALID_CHAR || e->code == XML_ERR_INVALID_ENCODING)
        what = "tệp có ký tự không hợp lệ (không phải UTF-8 đúng chuẩn)";
    else if (e->code == XML_ERR_DOCUMENT_EMPTY)
        what = "tệp rỗng";
    if (says_nomem(e->code, msg)) {
        /* not the file's fault: the run stops and says memory */
        c->nomem = 1;
        what = "không đủ bộ nhớ để đọc tệp";
    } else if (msg && strstr(msg, "Excessive depth")) {
        /* libxml2's own limit; its hint (XML_PARSE_HUGE) is not for the
         * clerk */
        free(msg);
        msg = bc_strdup("các phần tử lồng nhau quá 256 cấp");
        what = "tệp XML lồng quá sâu";
    }
    diag_add(c->d, BC_SEV_ERROR, c->code, &at, NULL, NULL, "%s (%s)", what,
             msg ? msg : "");
    free(msg);
}

/* The line of a <!DOCTYPE in the prolog of raw[0..n) (before the root
 * element: after an optional BOM, the XML declaration, processing
 * instructions, comments and white space), or 0 when there is none.
 * Bytes only: a document in UTF-16 is caught after parsing instead. */
static unsigned prolog_doctype_line(const char *raw, size_t n)
{
    size_t i = 0;
    unsigned line = 1;
    if (n >= 3 && memcmp(raw, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < n) {
        char ch = raw[i];
        if (ch == '\n') {
            line++;
            i++;
        } else if (ch == ' ' || ch == '\t' || ch == '\r') {
            i++;
        } else if (ch != '<' || i + 1 >= n) {
            return 0;
        } else if (raw[i + 1] == '?' || (i + 3 < n && !memcmp(raw + i, "<!--", 4))) {
            const char *end = raw[i + 1] == '?' ? "?>" : "-->";
            size_t el = strlen(end);
            size_t j = i + 2;
            while (j + el <= n && memcmp(raw + j, end, el) != 0)
                line += raw[j++] == '\n';
            if (j + el > n)
                return 0;
            i = j + el;
        } else if (i + 9 <= n && !memcmp(raw + i, "<!DOCTYPE", 9)) {
            return line;
        } else {
            return 0; /* the root element */
        }
    }
    return 0;
}

static void doctype_finding(const char *name, unsigned line, bc_diag *d)
{
    bc_loc at = {name, line, NULL};
    diag_add(d, BC_SEV_ERROR, "XML-DOCTYPE", &at, "<!DOCTYPE …>",
             "tệp không có khai báo DOCTYPE",
             "tệp nộp không được chứa khai báo DOCTYPE/thực thể");
}

/* A submission whose prolog holds a DOCTYPE is refused before it is
 * parsed at all: no entity of it is ever declared, let alone expanded.
 * Returns 1 (finding added) or 0. */
static int refuse_doctype(const char *name, const char *raw, size_t n,
                          bc_diag *d)
{
    unsigned line = prolog_doctype_line(raw, n);
    if (line)
        doctype_finding(name, line, d);
    return line != 0;
}

static xmlDocPtr read_common(const char *path, const char *buf, size_t len,
                             const char *name, int trusted, bc_diag *d,
                             bc_status *st)
{
    capture c = {d, name, "XML-PARSE", 0, NULL, 0, 0};
    bc_status dummy;
    if (!st)
        st = &dummy;
    *st = BC_OK;
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (!ctxt) {
        *st = BC_ERR_NOMEM;
        return NULL;
    }
    xmlSetStructuredErrorFunc(&c, on_parse_error);
    xmlDocPtr doc;
    char *data = NULL;
    const char *raw = buf;
    size_t raw_len = len;
    if (path) {
        size_t n = 0;
        /* read ourselves: libxml2 would also accept URLs and gzip */
        size_t cap = trusted ? XMLIO_MAX_TRUSTED_BYTES : XMLIO_MAX_SUBMISSION_BYTES;
        bc_status rs = bc_read_file(path, cap, &data, &n);
        if (rs == BC_ERR_LIMIT) {
            bc_loc at = {name, 0, NULL};
            char found[32], want[48];
            snprintf(found, sizeof found, "%llu byte",
                     (unsigned long long)bc_file_size(path));
            snprintf(want, sizeof want, "tối đa %zu MB", cap >> 20);
            diag_add(d, BC_SEV_ERROR, "INPUT-LIMIT", &at, found, want,
                     "tệp XML quá lớn để là một báo cáo; không đọc");
            xmlSetStructuredErrorFunc(NULL, NULL);
            xmlFreeParserCtxt(ctxt);
            *st = BC_ERR_LIMIT;
            return NULL;
        }
        if (rs != BC_OK) {
            bc_loc at = {name, 0, NULL};
            diag_add(d, BC_SEV_ERROR, "FILE-READ", &at, NULL, NULL,
                     "không đọc được tệp (%s)", bc_status_msg(rs));
            xmlSetStructuredErrorFunc(NULL, NULL);
            xmlFreeParserCtxt(ctxt);
            *st = rs == BC_ERR_NOMEM ? rs : BC_ERR_IO;
            return NULL;
        }
        if (n > (size_t)INT32_MAX) {
            free(data);
            xmlSetStructuredErrorFunc(NULL, NULL);
            xmlFreeParserCtxt(ctxt);
            *st = BC_ERR_LIMIT;
            return NULL;
        }
        raw = data;
        raw_len = n;
        if (!trusted && refuse_doctype(name, data, n, d)) {
            xmlSetStructuredErrorFunc(NULL, NULL);
            xmlFreeParserCtxt(ctxt);
            free(data);
            *st = BC_ERR_PARSE;
            return NULL;
        }
        parsing_untrusted = !trusted;
        doc = xmlCtxtReadMemory(ctxt, data, (int)n, NULL, NULL, SAFE_OPTIONS);
        parsing_untrusted = 0;
        raw = data;
        raw_len = n;
    } else {
        if (len > (size_t)INT32_MAX) {
            xmlSetStructuredErrorFunc(NULL, NULL);
            xmlFreeParserCtxt(ctxt);
            *st = BC_ERR_LIMIT;
            return NULL;
        }
        if (!trusted && refuse_doctype(name, buf, len, d)) {
            xmlSetStructuredErrorFunc(NULL, NULL);
            xmlFreeParserCtxt(ctxt);
            *st = BC_ERR_PARSE;
            return NULL;
        }
        parsing_untrusted = !trusted;
        doc = xmlCtxtReadMemory(ctxt, buf, (int)len, NULL, NULL, SAFE_OPTIONS);
        parsing_untrusted = 0;
    }
    int wellformed = ctxt->wellFormed;
    xmlSetStructuredErrorFunc(NULL, NULL);
    xmlFreeParserCtxt(ctxt);
    if (doc && (!wellformed || c.count > 0)) {
        xmlFreeDoc(doc);
        doc = NULL;
    }
    if (!doc) {
        if (c.count == 0) {
            bc_loc at = {name, 0, NULL};
            diag_add(d, BC_SEV_ERROR, "XML-PARSE", &at, NULL, NULL,
                     "tệp XML không đọc được");
        }
        *st = c.nomem ? BC_ERR_NOMEM : BC_ERR_PARSE;
        goto out;
    }
    if (!trusted && (doc->intSubset || doc->extSubset)) {
        /* a DOCTYPE the byte scan could not see (UTF-16): libxml2 keeps
         * no line for the DTD */
        (void)raw;
        (void)raw_len;
        doctype_finding(name, 0, d);
        xmlFreeDoc(doc);
        doc = NULL;
        *st = BC_ERR_PARSE;
    }
out:
    free(data);
    return doc;
}

xmlDocPtr xmlio_read_file(const char *path, bc_diag *d, bc_status *st)
{
    return read_common(path, NULL, 0, path, 0, d, st);
}

xmlDocPtr xmlio_read_memory(const char *buf, size_t len, const char *name,
                            bc_diag *d, bc_status *st)
{
    return read_common(NULL, buf, len, name, 0, d, st);
}

xmlDocPtr xmlio_read_trusted(const char *path, bc_diag *d, bc_status *st)
{
    return read_common(path, NULL, 0, path, 1, d, st);
}

/* --- XSD ------------------------------------------------------------------ */

static void on_schema_load_error(void *ctx, xmlErrorPtr e)
{
    capture *c = ctx;
    if (!e || e->level < XML_ERR_ERROR)
        return;
    c->count++;
    says_nomem(e->code, e->message);
    char *msg = trim_msg(e->message);
    bc_loc at = {e->file ? e->file : c->file,
                 e->line > 0 ? (unsigned)e->line : 0, NULL};
    diag_add(c->d, BC_SEV_ERROR, "XSD-LOAD", &at, NULL, NULL,
             "lược đồ XSD không nạp được (%s)", msg ? msg : "");
    free(msg);
}

xmlSchemaPtr xmlio_schema_load(const char *path, bc_diag *d)
{
    capture c = {d, path, "XSD-LOAD", 0, NULL, 0, 0};
    xmlDocPtr doc = xmlio_read_trusted(path, d, NULL);
    if (!doc)
        return NULL;
    xmlSetStructuredErrorFunc(&c, on_schema_load_error);
    xmlSchemaParserCtxtPtr pc = xmlSchemaNewDocParserCtxt(doc);
    xmlSchemaPtr s = NULL;
    if (pc) {
        xmlSchemaSetParserStructuredErrors(pc, on_schema_load_error, &c);
        s = xmlSchemaParse(pc);
        xmlSchemaFreeParserCtxt(pc);
    }
    xmlSetStructuredErrorFunc(NULL, NULL);
    xmlFreeDoc(doc);
    if (!s && c.count == 0) {
        bc_loc at = {path, 0, NULL};
        diag_add(d, BC_SEV_ERROR, "XSD-LOAD", &at, NULL, NULL,
                 "lược đồ XSD không nạp được");
    }
    return s;
}

/* The part of a libxml2 message after "Expected is " (the allowed
 * elements), in a new string, or NULL. */
static char *expected_part(const char *msg)
{
    const char *p = msg ? strstr(msg, "Expected is ") : NULL;
    if (!p)
        return NULL;
    p += strlen("Expected is ");
    char *s = trim_msg(p);
    if (s) {
        size_t n = strlen(s);
        if (n && s[n - 1] == '.')
            s[n - 1] = '\0';
    }
    return s;
}

/* The set in "... not an element of the set {'a', 'b'}." */
static char *set_part(const char *msg)
{
    const char *p = msg ? strchr(msg, '{') : NULL;
    const char *q = p ? strchr(p, '}') : NULL;
    if (!p || !q)
        return NULL;
    return bc_strndup(p + 1, (size_t)(q - p - 1));
}

/* The quoted type name in "... of the atomic type 'xs:date'." */
static const char *type_word(const char *msg)
{
    static const struct {
        const char *xs, *vi;
    } words[] = {
        {"'xs:date'", "ngày dạng YYYY-MM-DD"},
        {"'xs:decimal'", "số thập phân dạng 1234.5"},
        {"'xs:integer'", "số nguyên"},
        {"'xs:nonNegativeInteger'", "số nguyên không âm"},
        {"'xs:positiveInteger'", "số nguyên dương"},
        {"'xs:gYear'", "năm bốn chữ số"},
        {"'xs:boolean'", "true hoặc false"},
    };
    for (size_t i = 0; msg && i < BC_ARRAY_LEN(words); i++)
        if (strstr(msg, words[i].xs))
            return words[i].vi;
    return NULL;
}

/* The src attribute of the nearest element at or above n, if any. */
static const xmlChar *nearest_src(xmlNodePtr n)
{
    for (; n && n->type != XML_DOCUMENT_NODE; n = n->parent) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        xmlAttrPtr a = xmlHasProp(n, BAD_CAST "src");
        if (a && a->children && a->children->content)
            return a->children->content;
    }
    return NULL;
}

static void on_validity_error(void *ctx, xmlErrorPtr e)
{
    capture *c = ctx;
    if (!e || e->level < XML_ERR_ERROR)
        return;
    xmlNodePtr node = e->node;
    /* libxml2 often raises two errors for one bad value (facet, then
     * type): keep the first */
    if (node && node == c->last_node && e->line == c->last_line)
        return;
    says_nomem(e->code, e->message);
    c->last_node = node;
    c->last_line = e->line;
    c->count++;
    if (c->count > 50)
        return;

    const char *kind = "phần tử";
    const xmlChar *nm = NULL;
    xmlNodePtr owner = node;
    if (node && node->type == XML_ATTRIBUTE_NODE) {
        kind = "thuộc tính";
        nm = node->name;
        owner = node->parent;
    } else if (node && node->type == XML_ELEMENT_NODE) {
        nm = node->name;
    }
    const xmlChar *src = nearest_src(owner);
    unsigned line = node ? xmlio_line(owner) : 0;
    if (!line && e->line > 0)
        line = (unsigned)e->line;
    bc_loc at = {c->file, src ? 0 : line, src ? (const char *)src : NULL};

    char *value = NULL, *expected = NULL;
    const char *msg;
    int code = e->code;
    switch (code) {
    case XML_SCHEMAV_ELEMENT_CONTENT:
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_2_4:
        msg = "phần tử không đúng chỗ hoặc thiếu phần tử bắt buộc";
        expected = expected_part(e->message);
        if (e->message && strstr(e->message, "Missing child"))
            msg = "thiếu phần tử bắt buộc";
        else if (e->message && strstr(e->message, "not expected"))
            msg = "phần tử không được phép ở vị trí này";
        break;
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_4:
        msg = "thiếu thuộc tính bắt buộc";
        if (e->str1)
            expected = bc_asprintf("thuộc tính %s", (const char *)e->str1);
        break;
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_3_2_1:
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_3_2_2:
        msg = "thuộc tính không được phép";
        break;
    case XML_SCHEMAV_CVC_ENUMERATION_VALID:
        msg = "giá trị không thuộc danh sách cho phép";
        expected = set_part(e->message);
        break;
    case XML_SCHEMAV_CVC_PATTERN_VALID:
        msg = "giá trị không đúng dạng";
        break;
    case XML_SCHEMAV_CVC_MINLENGTH_VALID:
    case XML_SCHEMAV_CVC_LENGTH_VALID:
        msg = "giá trị quá ngắn hoặc bỏ trống";
        expected = bc_strdup("một giá trị không rỗng");
        break;
    case XML_SCHEMAV_CVC_MAXLENGTH_VALID:
        msg = "giá trị quá dài";
        break;
    case XML_SCHEMAV_CVC_MININCLUSIVE_VALID:
    case XML_SCHEMAV_CVC_MAXINCLUSIVE_VALID:
    case XML_SCHEMAV_CVC_MINEXCLUSIVE_VALID:
    case XML_SCHEMAV_CVC_MAXEXCLUSIVE_VALID:
        msg = "giá trị nằm ngoài khoảng cho phép";
        break;
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_2_1:
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_2_3:
        msg = "phần tử không được chứa văn bản";
        break;
    case XML_SCHEMAV_CVC_ELT_1:
        msg = "phần tử gốc không đúng (không phải tài liệu loại này)";
        break;
    default:
        if (type_word(e->message)) {
            msg = "giá trị không đúng kiểu dữ liệu";
            expected = bc_strdup(type_word(e->message));
        } else {
            msg = "không đúng lược đồ";
        }
        break;
    }
    if (!expected && type_word(e->message))
        expected = bc_strdup(type_word(e->message));
    if (node && (node->type == XML_ATTRIBUTE_NODE ||
                 (node->type == XML_ELEMENT_NODE &&
                  code != XML_SCHEMAV_ELEMENT_CONTENT &&
                  code != XML_SCHEMAV_CVC_COMPLEX_TYPE_2_4 &&
                  code != XML_SCHEMAV_CVC_COMPLEX_TYPE_4 &&
                  code != XML_SCHEMAV_CVC_COMPLEX_TYPE_3_2_1 &&
                  code != XML_SCHEMAV_CVC_COMPLEX_TYPE_3_2_2 &&
                  code != XML_SCHEMAV_CVC_ELT_1))) {
        char *v = xmlio_text(node);
        if (v)
            cut_utf8(v, 117); /* never inside a character */
        value = v;
    }
    /* a name can be 50000 bytes long */
    char *name = bc_strdup(nm ? (const char *)nm : "?");
    if (name)
        cut_utf8(name, XMLIO_NAME_MAX);
    diag_add(c->d, BC_SEV_ERROR, c->code, &at, value, expected,
             "%s <%s>: %s", kind, name ? name : "?", msg);
    free(name);
    free(value);
    free(expected);
}

int xmlio_validate(xmlSchemaPtr schema, xmlDocPtr doc, const char *file,
                   bc_diag *d)
{
    capture c = {d, file, "XSD", 0, NULL, 0, 0};
    xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(schema);
    if (!vc)
        return -1;
    xmlSchemaSetValidStructuredErrors(vc, on_validity_error, &c);
    int r = xmlSchemaValidateDoc(vc, doc);
    xmlSchemaFreeValidCtxt(vc);
    if (r < 0)
        return -1;
    if (r > 0 && c.count == 0)
        c.count = 1;
    if (c.count > 50) {
        bc_loc at = {file, 0, NULL};
        diag_add(d, BC_SEV_ERROR, "XSD", &at, NULL, NULL,
                 "còn %d lỗi lược đồ khác không liệt kê", c.count - 50);
    }
    return r == 0 ? 0 : c.count;
}

/* --- streaming ------------------------------------------------------------ */

/* One xmlio_stream: the parser, the user's events, and whether anything
 * out of the ordinary ended it. */
typedef struct streamer {
    xmlParserCtxtPtr ctxt;
    const xmlio_events *ev;
    void *user;
    int stopped;
} streamer;

/* Marks the stream as out of the ordinary: the document is read the
 * ordinary way instead.  The parse goes on to its end with every event
 * ignored: xmlStopParser frees the input under libxml2 code that is still
 * using it when called from an error handler (an encoding error while the
 * XML declaration switches the input), so it is never called. */
static void stream_stop(streamer *st)
{
    st->stopped = 1;
}

/* Any message at all, of the parser or of the schema validation. */
static void on_stream_error(void *ctx, xmlErrorPtr e)
{
    if (e)
        says_nomem(e->code, e->message);
    stream_stop(ctx);
}

static void stream_start(void *ctx, const xmlChar *name,
                         const xmlChar *prefix, const xmlChar *uri,
                         int n_ns, const xmlChar **ns, int n_attrs,
                         int n_defaulted, const xmlChar **attrs)
{
    streamer *st = ctx;
    (void)prefix;
    (void)n_ns;
    (void)ns;
    if (st->stopped)
        return;
    /* xmlSAX2StartElementNs keeps this line in the node; from 65535 on
     * xmlGetLineNo looks elsewhere */
    int line = st->ctxt->input ? st->ctxt->input->line : 0;
    if (n_defaulted || line < 1 || line >= 65535) {
        stream_stop(st);
        return;
    }
    /* an attribute in a namespace (xml:id gets checks of the tree
     * builder's own), or a value libxml2 passes escaped */
    for (int i = 0; i < n_attrs; i++) {
        const xmlChar *v = attrs[5 * i + 3], *end = attrs[5 * i + 4];
        if (attrs[5 * i + 2] || memchr(v, '&', (size_t)(end - v))) {
            stream_stop(st);
            return;
        }
    }
    if (st->ev->start(st->user, name, uri, (unsigned)line, n_attrs, attrs))
        stream_stop(st);
}

static void stream_end(void *ctx, const xmlChar *name, const xmlChar *prefix,
                       const xmlChar *uri)
{
    streamer *st = ctx;
    (void)name;
    (void)prefix;
    (void)uri;
    if (!st->stopped && st->ev->end(st->user))
        stream_stop(st);
}

static void stream_text(void *ctx, const xmlChar *s, int len)
{
    streamer *st = ctx;
    if (!st->stopped && st->ev->text(st->user, s, len))
        stream_stop(st);
}

/* A DOCTYPE the byte scan could not see (UTF-16). */
static void stream_subset(void *ctx, const xmlChar *name,
                          const xmlChar *external_id, const xmlChar *system_id)
{
    (void)name;
    (void)external_id;
    (void)system_id;
    stream_stop(ctx);
}

/* A parser context over buf as xmlCtxtReadMemory makes it (the same
 * options, so the same bytes are accepted), its SAX handler replaced by
 * the streamer's; NULL when out of memory. */
static xmlParserCtxtPtr stream_parser(const char *buf, size_t len,
                                      streamer *st)
{
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (!ctxt)
        return NULL;
    xmlParserInputBufferPtr in =
        xmlParserInputBufferCreateMem(buf, (int)len, XML_CHAR_ENCODING_NONE);
    xmlParserInputPtr stream =
        in ? xmlNewIOInputStream(ctxt, in, XML_CHAR_ENCODING_NONE) : NULL;
    if (!stream) {
        xmlFreeParserInputBuffer(in); /* accepts NULL */
        xmlFreeParserCtxt(ctxt);
        return NULL;
    }
    inputPush(ctxt, stream);
    xmlCtxtUseOptions(ctxt, SAFE_OPTIONS);
    xmlSAXHandlerPtr sax = ctxt->sax; /* the context's own copy */
    memset(sax, 0, sizeof *sax);
    sax->initialized = XML_SAX2_MAGIC;
    sax->startElementNs = stream_start;
    sax->endElementNs = stream_end;
    sax->characters = stream_text;
    sax->ignorableWhitespace = stream_text;
    sax->internalSubset = stream_subset;
    ctxt->userData = st;
    st->ctxt = ctxt;
    return ctxt;
}

int xmlio_stream(const char *buf, size_t len, xmlSchemaPtr schema,
                 const xmlio_events *ev, void *user)
{
    streamer st = {NULL, ev, user, 0};
    xmlSchemaValidCtxtPtr vc = NULL;
    xmlSchemaSAXPlugPtr plug = NULL;
    int ok = 0;
    if (!schema || !buf || len > (size_t)INT32_MAX ||
        prolog_doctype_line(buf, len))
        return 0;
    xmlParserCtxtPtr ctxt = stream_parser(buf, len, &st);
    if (!ctxt)
        return 0;
    vc = xmlSchemaNewValidCtxt(schema);
    if (!vc)
        goto done;
    xmlSchemaSetValidStructuredErrors(vc, on_stream_error, &st);
    plug = xmlSchemaSAXPlug(vc, &ctxt->sax, &ctxt->userData);
    if (!plug)
        goto done;
    /* XML_PARSE_NOCDATA on the plugged handler: a CDATA section is text,
     * to the schema as in the document xmlio_read_file builds */
    ctxt->sax->cdataBlock = NULL;
    xmlSetStructuredErrorFunc(&st, on_stream_error);
    parsing_untrusted = 1;
    xmlParseDocument(ctxt);
    parsing_untrusted = 0;
    xmlSetStructuredErrorFunc(NULL, NULL);
    ok = !st.stopped && ctxt->wellFormed && xmlSchemaIsValid(vc) == 1;
done:
    if (plug)
        xmlSchemaSAXUnplug(plug);
    xmlSchemaFreeValidCtxt(vc); /* accepts NULL */
    xmlFreeParserCtxt(ctxt);
    return ok;
}

/* --- output and helpers --------------------------------------------------- */

xmlChar *xmlio_dump(xmlDocPtr doc, int *len)
{
    xmlChar *buf = NULL;
    int n = 0;
    xmlDocDumpFormatMemoryEnc(doc, &buf, &n, "UTF-8", 1);
    if (len)
        *len = n;
    return buf;
}

bc_status xmlio_save_atomic(xmlDocPtr doc, const char *path)
{
    int n = 0;
    xmlChar *buf = xmlio_dump(doc, &n);
    if (!buf)
        return BC_ERR_NOMEM;
    bc_status st = bc_write_atomic(path, buf, (size_t)n);
    xmlFree(buf);
    return st;
}

char *xmlio_text(xmlNodePtr n)
{
    xmlChar *c = xmlNodeGetContent(n);
    if (!c)
        return bc_strdup("");
    const char *s = (const char *)c;
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    size_t len = strlen(s);
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' ||
                   s[len - 1] == '\n' || s[len - 1] == '\r'))
        len--;
    char *r = bc_strndup(s, len);
    xmlFree(c);
    return r;
}

char *xmlio_attr(xmlNodePtr n, const char *name)
{
    xmlChar *v = xmlGetNoNsProp(n, BAD_CAST name);
    if (!v)
        return NULL;
    char *r = bc_strdup((const char *)v);
    xmlFree(v);
    return r;
}

xmlNodePtr xmlio_next(xmlNodePtr n, const char *name)
{
    for (n = n ? n->next : NULL; n; n = n->next)
        if (n->type == XML_ELEMENT_NODE &&
            (!name || xmlStrEqual(n->name, BAD_CAST name)))
            return n;
    return NULL;
}

size_t xmlio_count(xmlNodePtr n, const char *name)
{
    size_t k = 0;
    for (xmlNodePtr c = xmlio_child(n, name); c; c = xmlio_next(c, name))
        k++;
    return k;
}

xmlNodePtr xmlio_child(xmlNodePtr n, const char *name)
{
    if (!n)
        return NULL;
    for (xmlNodePtr c = n->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE &&
            (!name || xmlStrEqual(c->name, BAD_CAST name)))
            return c;
    return NULL;
}

unsigned xmlio_line(xmlNodePtr n)
{
    long l = n ? xmlGetLineNo(n) : 0;
    return l > 0 ? (unsigned)l : 0;
}
