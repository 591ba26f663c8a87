/* xlsx_reader.c - streaming reader of .xlsx workbooks (libzip + libxml2's
 * SAX2 push parser).  See xlsx_reader.h for the contract. */
#include "xlsx_reader.h"

#include <libxml/globals.h>
#include <libxml/xmlerror.h>
#include <libxml/parser.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zip.h>

#include "array.h"
#include "reader.h"
#include "text.h"
#include "util.h"
#include "xml_scan.h"

/* NONET: never fetch anything.  No NOENT, DTDLOAD or HUGE: entities are
 * not substituted, no DTD is loaded, libxml2's own limits stay on (depth,
 * name lengths).  A part with a DOCTYPE is refused anyway (OOXML parts
 * never carry one). */
#define PART_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOCDATA)

typedef struct sheet_info {
    char *name;     /* arena */
    char *rid;      /* arena */
    char *part;     /* arena; NULL when the relationship is missing */
    xlsx_sheet_state state;
    xlsx_range *merges; /* malloc'ed */
    size_t n_merges, cap_merges;
    int merges_done; /* a full pass recorded the merged ranges */
    xlsx_range *hidden; /* hidden columns (<col hidden="1">), rows 0;
                           malloc'ed */
    size_t n_hidden, cap_hidden;
    xlsx_dropdown *dd;  /* list validations; their texts malloc'ed */
    size_t n_dd, cap_dd;
} sheet_info;

static void dropdowns_clear(sheet_info *s);

struct xlsx_book {
    zip_t *za;
    char *name; /* for findings (arena) */
    bc_diag *d;
    bc_arena *arena;
    sheet_info *sheets;
    size_t n_sheets, cap_sheets;
    char **sst; /* shared strings (in the arena) */
    size_t n_sst, cap_sst;
    unsigned char *xf_date; /* 1 if cell style i shows a date */
    size_t n_xf, cap_xf;
    const char **xf_fmt; /* its number format code (arena), NULL: General */
    size_t n_xf_fmt, cap_xf_fmt;
    int date1904;
    uint64_t total; /* uncompressed bytes read so far */
};

/* --- findings ------------------------------------------------------------ */

/* The most bytes of a library message or of a value from the file quoted
 * in a finding (a value can be megabytes long). */
#define XLSX_MSG_MAX 300
#define XLSX_FOUND_MAX 200

/* An XLSX-* error finding about the workbook (reader_find); found is cut
 * to XLSX_FOUND_MAX bytes. */
#define bfind(b, ...)                                                         \
    reader_find((b)->d, (b)->name, XLSX_FOUND_MAX,                           \
                "mở tệp bằng Excel hoặc LibreOffice, sửa hoặc lưu lại rồi "  \
                "gửi lại",                                                    \
                __VA_ARGS__)

/* --- one zip entry through xml_scan or libxml2's SAX2 push parser --------
 *
 * Each part is inflated chunk by chunk (zip_fread) and read by xml_scan
 * (xml_scan.h) while it is sure of it, else pushed into a SAX2 parser;
 * the events go straight to the part's handler: no node is ever built.  The handler keeps its own state (a small state machine per part
 * kind) and may stop the parse.  Every chunk counts against the limits
 * before it reaches the parser. */

/* Bytes inflated and pushed at a time. */
#define PART_CHUNK 16384
/* Elements open at once, as libxml2 allows when it builds a tree. */
#define XLSX_MAX_DEPTH 256

typedef struct part part;

/* What a part's reader does with the events.  name is the element's
 * local name (any namespace, as the parts are read by local names);
 * attrs are libxml2's SAX2 attributes (5 pointers each: local name,
 * prefix, URI, value, end of value); empty is 1 for <x/>.  text may be
 * called several times for one text node. */
typedef struct part_handler {
    void (*start)(part *p, const char *name, int empty, int nattr,
                  const xmlChar **attrs);
    void (*end)(part *p, const char *name);
    void (*text)(part *p, const char *s, size_t len);
} part_handler;

struct part {
    xlsx_book *b;
    const char *entry;
    zip_file_t *zf;
    uint64_t read;       /* uncompressed bytes of this entry */
    uint64_t ratio_max;  /* XLSX_MAX_RATIO x compressed + slack */
    int over;            /* 1 entry cap, 2 ratio, 3 book total */
    int zip_failed;      /* zip_fread failed (CRC, truncated data) */
    char *zip_msg;       /* its message */
    char *xml_msg;       /* the first libxml2 error */
    int xml_fatal;       /* that error (or a later one) was fatal */
    int doctype;         /* the part has a DOCTYPE */
    int halted;          /* the handler stopped the parse */
    int depth;           /* elements open: the depth of the next start */
    size_t skip;         /* start and end events libxml2 must not deliver
                            again (xml_scan delivered them) */
    xmlParserCtxtPtr ctxt;
    const part_handler *h;
    void *user;          /* the handler's state */
    bc_status st;        /* why the handler failed (BC_OK: it did not) */
};

/* Reads up to len bytes of the entry into buf, counting them against the
 * limits.  Returns the bytes read (0 at the end), or -1 when the zip
 * failed or a limit is passed (p->zip_failed / p->over set). */
static int part_read(part *p, char *buf, int len)
{
    if (p->over || p->zip_failed || len <= 0)
        return p->over || p->zip_failed ? -1 : 0;
    zip_int64_t n = zip_fread(p->zf, buf, (zip_uint64_t)len);
    if (n < 0) {
        p->zip_failed = 1;
        free(p->zip_msg);
        p->zip_msg = bc_strdup(zip_file_strerror(p->zf));
        return -1;
    }
    p->read += (uint64_t)n;
    p->b->total += (uint64_t)n;
    if (p->read > XLSX_MAX_ENTRY_BYTES)
        p->over = 1;
    else if (p->read > p->ratio_max)
        p->over = 2;
    else if (p->b->total > XLSX_MAX_TOTAL_BYTES)
        p->over = 3;
    return p->over ? -1 : (int)n;
}

/* libxml2's structured errors, for the parser and for the encoders (which
 * report through the thread's handler): the first error is kept,
 * repaired and cut, warnings are ignored; a fatal one stops the part. */
static void part_error(void *ctx, xmlErrorPtr e)
{
    part *p = ctx;
    if (!e || e->level == XML_ERR_NONE || e->level == XML_ERR_WARNING)
        return;
    if (e->level == XML_ERR_FATAL)
        p->xml_fatal = 1;
    if (p->xml_msg)
        return;
    const char *m = e->message ? e->message : "";
    size_t n = strlen(m);
    while (n && (m[n - 1] == '\n' || m[n - 1] == ' '))
        n--;
    /* libxml2 quotes the raw bytes of a bad name (invalid UTF-8, up to
     * 50000 bytes): repaired and cut for the finding */
    char *raw = bc_strndup(m, n);
    p->xml_msg = raw ? text_utf8_repair(raw, XLSX_MSG_MAX) : NULL;
    free(raw);
    if (!p->xml_msg)
        p->xml_msg = bc_strdup("?");
}

/* Stops the parse from a handler (the callback stopped the sheet, or the
 * handler failed: then p->st is set first). */
static void part_halt(part *p)
{
    p->halted = 1;
    if (p->ctxt)
        xmlStopParser(p->ctxt);
}

static void sax_start(void *ctx, const xmlChar *local, const xmlChar *prefix,
                      const xmlChar *uri, int n_ns, const xmlChar **ns,
                      int nattr, int n_default, const xmlChar **attrs)
{
    part *p = ctx;
    (void)prefix, (void)uri, (void)n_ns, (void)ns, (void)n_default;
    if (p->halted || p->xml_fatal)
        return;
    if (p->depth >= XLSX_MAX_DEPTH) {
        /* libxml2 stops there only when it builds a tree; its stack of
         * open names would otherwise grow with the part */
        if (!p->xml_msg)
            p->xml_msg = bc_asprintf("các phần tử lồng nhau quá %d cấp",
                                     XLSX_MAX_DEPTH);
        p->xml_fatal = 1;
        part_halt(p);
        return;
    }
    /* as xmlTextReader tells <x/> from <x></x>: the parser stands on
     * the "/>" when it reports the start */
    xmlParserInputPtr in = p->ctxt ? p->ctxt->input : NULL;
    int empty = in && in->cur && in->end - in->cur >= 2 && in->cur[0] == '/' &&
                in->cur[1] == '>';
    p->depth++;
    if (p->skip) {
        p->skip--;
        return;
    }
    p->h->start(p, (const char *)local, empty, nattr, attrs);
}

static void sax_end(void *ctx, const xmlChar *local, const xmlChar *prefix,
                    const xmlChar *uri)
{
    part *p = ctx;
    (void)prefix, (void)uri;
    if (p->halted || p->xml_fatal)
        return;
    p->depth--;
    if (p->skip) {
        p->skip--;
        return;
    }
    p->h->end(p, (const char *)local);
}

static void sax_text(void *ctx, const xmlChar *s, int len)
{
    part *p = ctx;
    if (p->halted || p->xml_fatal || len <= 0 || p->skip)
        return;
    p->h->text(p, (const char *)s, (size_t)len);
}

/* A DOCTYPE (OOXML parts never carry one): refused before its internal
 * subset is even read. */
static void sax_doctype(void *ctx, const xmlChar *name, const xmlChar *ext,
                        const xmlChar *sys)
{
    part *p = ctx;
    (void)name, (void)ext, (void)sys;
    p->doctype = 1;
    part_halt(p);
}

/* Finds an entry by exact name, then ignoring case (OPC part names are
 * case-insensitive).  -1 if absent. */
static zip_int64_t locate(zip_t *za, const char *name)
{
    zip_int64_t i = zip_name_locate(za, name, 0);
    if (i < 0)
        i = zip_name_locate(za, name, ZIP_FL_NOCASE);
    return i;
}

/* Opens entry `entry` (a part name, borrowed for the part's life).  When
 * it is absent: BC_ERR_INVALID with an XLSX-PART finding if `required`,
 * else BC_OK with p->zf NULL.  On any failure a finding is added and the
 * part needs no closing; on success parse it with part_parse, then close
 * it with part_close. */
static bc_status part_open(xlsx_book *b, const char *entry, int required,
                           part *p)
{
    bc_status st = BC_OK;
    memset(p, 0, sizeof *p);
    p->b = b;
    p->entry = entry;
    zip_int64_t idx = locate(b->za, entry);
    if (idx < 0) {
        if (required) {
            bfind(b, "XLSX-PART", NULL, entry, NULL,
                  "sổ tính thiếu phần bắt buộc %s", entry);
            st = BC_ERR_INVALID;
        }
        goto out;
    }
    zip_stat_t zs;
    zip_stat_init(&zs);
    if (zip_stat_index(b->za, (zip_uint64_t)idx, 0, &zs) != 0) {
        bfind(b, "XLSX-READ", NULL, entry, NULL,
              "tệp .xlsx bị hỏng: không đọc được phần %s (%s)", entry,
              zip_strerror(b->za));
        st = BC_ERR_PARSE;
        goto out;
    }
    if ((zs.valid & ZIP_STAT_SIZE) && zs.size > XLSX_MAX_ENTRY_BYTES) {
        bfind(b, "XLSX-LIMIT", NULL, entry, NULL,
              "phần %s vượt giới hạn an toàn: hơn %llu MiB khi giải nén",
              entry, (unsigned long long)(XLSX_MAX_ENTRY_BYTES >> 20));
        st = BC_ERR_LIMIT;
        goto out;
    }
    uint64_t comp = (zs.valid & ZIP_STAT_COMP_SIZE) ? zs.comp_size : 0;
    p->ratio_max = comp > (UINT64_MAX - XLSX_RATIO_SLACK) / XLSX_MAX_RATIO
                       ? UINT64_MAX
                       : comp * XLSX_MAX_RATIO + XLSX_RATIO_SLACK;
    p->zf = zip_fopen_index(b->za, (zip_uint64_t)idx, 0);
    if (!p->zf) {
        bfind(b, "XLSX-READ", NULL, entry, NULL,
              "không đọc được phần %s của sổ tính (%s)", entry,
              zip_strerror(b->za));
        st = BC_ERR_PARSE;
        goto out;
    }
out:
    return st;
}

/* Frees the parser and the zip file; accepts a part never opened. */
static void part_close(part *p)
{
    if (p->ctxt)
        xmlFreeParserCtxt(p->ctxt);
    if (p->zf)
        zip_fclose(p->zf);
    free(p->xml_msg);
    free(p->zip_msg);
    p->ctxt = NULL;
    p->zf = NULL;
    p->xml_msg = p->zip_msg = NULL;
}

/* Turns a reader failure into its finding; sets and returns p->st. */
static bc_status part_fail(part *p)
{
    xlsx_book *b = p->b;
    if (p->over == 1) {
        bfind(b, "XLSX-LIMIT", NULL, p->entry, NULL,
              "phần %s vượt giới hạn an toàn: hơn %llu MiB khi giải nén",
              p->entry, (unsigned long long)(XLSX_MAX_ENTRY_BYTES >> 20));
        p->st = BC_ERR_LIMIT;
    } else if (p->over == 2) {
        bfind(b, "XLSX-LIMIT", NULL, p->entry, NULL,
              "phần %s có tỉ lệ nén bất thường (hơn %u lần), nghi là "
              "«bom nén»: ngừng đọc",
              p->entry, XLSX_MAX_RATIO);
        p->st = BC_ERR_LIMIT;
    } else if (p->over == 3) {
        bfind(b, "XLSX-LIMIT", NULL, p->entry, NULL,
              "sổ tính vượt giới hạn an toàn: tổng dung lượng giải nén "
              "hơn %llu MiB",
              (unsigned long long)(XLSX_MAX_TOTAL_BYTES >> 20));
        p->st = BC_ERR_LIMIT;
    } else if (p->zip_failed) {
        bfind(b, "XLSX-READ", NULL, p->entry, NULL,
              "tệp .xlsx bị hỏng hoặc bị cắt cụt: không đọc được phần %s "
              "(%s)",
              p->entry, p->zip_msg ? p->zip_msg : "");
        p->st = BC_ERR_PARSE;
    } else if (p->doctype) {
        bfind(p->b, "XLSX-READ", NULL, p->entry, NULL,
              "phần %s của sổ tính chứa khai báo DOCTYPE, không được phép",
              p->entry);
        p->st = BC_ERR_PARSE;
    } else {
        bfind(b, "XLSX-READ", NULL, p->entry, NULL,
              "phần %s của sổ tính không đúng cú pháp XML (%s)", p->entry,
              p->xml_msg ? p->xml_msg : "");
        p->st = BC_ERR_PARSE;
    }
    return p->st;
}

/* xml_scan's events, as the SAX2 ones above give them to the handler. */
static void scan_start(void *ctx, const char *name, int empty, int nattr,
                       const xmlChar **attrs)
{
    part *p = ctx;
    if (p->halted)
        return;
    p->h->start(p, name, empty, nattr, attrs);
    p->depth++;
}

static void scan_end(void *ctx, const char *name)
{
    part *p = ctx;
    if (p->halted)
        return;
    p->depth--;
    p->h->end(p, name);
}

static void scan_text(void *ctx, const char *s, size_t len)
{
    part *p = ctx;
    if (!p->halted && len)
        p->h->text(p, s, len);
}

static int scan_stop(void *ctx)
{
    return ((part *)ctx)->halted;
}

static const xml_scan_events scan_events = {scan_start, scan_end, scan_text,
                                            scan_stop};

/* A part is read by xml_scan while it is sure of it, the part so far held
 * in memory, up to this size; past it (or when xml_scan is not sure),
 * libxml2 is given what was read and reads the rest chunk by chunk. */
#define PART_SCAN_MAX ((size_t)8 << 20)

/* Reads the next chunk of the part onto *whole (*len bytes, *cap
 * allocated).  The bytes read (0 at the end), or -1 when reading failed
 * (p->over, p->zip_failed) or memory ran out (p->st). */
static int part_more(part *p, char **whole, size_t *len, size_t *cap)
{
    if (*len + PART_CHUNK > *cap) {
        size_t nc = *cap ? *cap * 2 : 4 * PART_CHUNK;
        char *nw = realloc(*whole, nc);
        if (!nw) {
            p->st = BC_ERR_NOMEM;
            return -1;
        }
        *whole = nw;
        *cap = nc;
    }
    int n = part_read(p, *whole + *len, PART_CHUNK);
    if (n > 0)
        *len += (size_t)n;
    return n;
}

/* Parses the opened part p to its end through handler h (state `user`).
 * BC_OK when the part was read to its end or the handler stopped it
 * without failing; otherwise the handler's failure (p->st, its finding
 * already added) or the part's (finding added here: a limit, a zip
 * failure, a DOCTYPE, an XML error - even one libxml2 could recover
 * from). */
static bc_status part_parse(part *p, const part_handler *h, void *user)
{
    char buf[PART_CHUNK];
    char *whole = NULL;
    size_t len = 0, cap = 0, fed = 0;
    xmlSAXHandler sax;
    memset(&sax, 0, sizeof sax);
    sax.initialized = XML_SAX2_MAGIC;
    sax.startElementNs = sax_start;
    sax.endElementNs = sax_end;
    sax.characters = sax_text;
    sax.ignorableWhitespace = sax_text;
    sax.internalSubset = sax_doctype;
    sax.serror = part_error;
    p->h = h;
    p->user = user;
    /* the encoders report conversion errors to the thread's handler, not
     * to the parser's: caught too, and restored after */
    xmlStructuredErrorFunc old_fn = xmlStructuredError;
    void *old_ctx = xmlStructuredErrorContext;
    xmlSetStructuredErrorFunc(p, part_error);
    /* xml_scan first */
    xml_scan *sc = xml_scan_new(XLSX_MAX_DEPTH, &scan_events, p);
    if (!sc) {
        p->st = BC_ERR_NOMEM;
        goto out;
    }
    xml_scan_result r = XML_SCAN_MORE;
    int n = 1;
    while (r == XML_SCAN_MORE) {
        n = part_more(p, &whole, &len, &cap);
        if (n < 0)
            break;
        r = len > PART_SCAN_MAX ? XML_SCAN_UNSURE
                                : xml_scan_feed(sc, whole, len, n == 0);
    }
    p->skip = xml_scan_delivered(sc);
    xml_scan_free(sc);
    if (r == XML_SCAN_NOMEM)
        p->st = BC_ERR_NOMEM;
    if (n < 0 || r != XML_SCAN_UNSURE)
        goto out;
    int eof = n == 0; /* the whole part is in memory */
    /* then libxml2, from the start, fed what was read, then the rest (the
     * events xml_scan delivered are not delivered again: sax_start); the
     * first four bytes tell the encoding, as for xmlReaderForIO */
    p->depth = 0;
    n = len < 4 ? (int)len : 4;
    if (n)
        memcpy(buf, whole, (size_t)n);
    fed = (size_t)n;
    p->ctxt = xmlCreatePushParserCtxt(&sax, p, n == 4 ? buf : NULL,
                                      n == 4 ? 4 : 0, p->entry);
    if (!p->ctxt) {
        p->st = BC_ERR_NOMEM;
        goto out;
    }
    xmlCtxtUseOptions(p->ctxt, PART_OPTIONS);
    if (n > 0 && n < 4)
        xmlParseChunk(p->ctxt, buf, n, 0);
    while (fed < len && !p->halted && !p->xml_fatal) {
        size_t k = len - fed < PART_CHUNK ? len - fed : PART_CHUNK;
        xmlParseChunk(p->ctxt, whole + fed, (int)k, 0);
        fed += k;
    }
    free(whole);
    whole = NULL;
    n = eof ? 0 : 1;
    while (n > 0 && !p->halted && !p->xml_fatal) {
        n = part_read(p, buf, (int)sizeof buf);
        if (n > 0)
            xmlParseChunk(p->ctxt, buf, n, 0);
    }
    /* the end of the entry: the parser says what is missing */
    if (n == 0 && !p->halted && !p->xml_fatal)
        xmlParseChunk(p->ctxt, NULL, 0, 1);
out:
    free(whole);
    xmlSetStructuredErrorFunc(old_ctx, old_fn);
    if (p->st != BC_OK)
        return p->st;
    if (p->over || p->zip_failed || p->doctype || p->xml_fatal)
        return part_fail(p);
    if (p->halted)
        return BC_OK; /* the handler stopped: the rest is not read */
    if (p->xml_msg)
        return part_fail(p); /* an error libxml2 recovered from */
    return BC_OK;
}

/* The handler failed (out of memory, a limit): records why and stops. */
static void part_failed(part *p, bc_status st)
{
    if (p->st == BC_OK)
        p->st = st;
    part_halt(p);
}

/* --- attributes of a start tag ------------------------------------------ */

/* The value of attribute `name` without namespace, NUL-terminated in sb
 * (reset first), or NULL when the tag has none (or sb failed); attr_copy
 * copies the value of attribute a (its 5 pointers) so.  libxml2
 * hands a '&' of a value (written &amp; or &#38;) over as "&#38;" when
 * entities are not substituted; it is turned back into '&'. */
static const char *attr_copy(const xmlChar **a, bc_strbuf *sb)
{
    const char *v = (const char *)a[3], *e = (const char *)a[4];
    sb_reset(sb);
    while (v < e) {
        const char *amp = memchr(v, '&', (size_t)(e - v));
        if (!amp) {
            sb_add(sb, v, (size_t)(e - v));
            break;
        }
        sb_add(sb, v, (size_t)(amp - v));
        sb_addc(sb, '&');
        v = (e - amp >= 5 && memcmp(amp, "&#38;", 5) == 0) ? amp + 5
                                                            : amp + 1;
    }
    if (sb->failed)
        return NULL;
    return sb_str(sb);
}

static const char *attr_val(int nattr, const xmlChar **attrs,
                            const char *name, bc_strbuf *sb)
{
    for (int i = 0; i < nattr; i++) {
        const xmlChar **a = attrs + 5 * i;
        if (!a[1] && strcmp((const char *)a[0], name) == 0)
            return attr_copy(a, sb);
    }
    return NULL;
}

/* attr_val, malloc'ed (free), or NULL. */
static char *attr_dup(int nattr, const xmlChar **attrs, const char *name)
{
    bc_strbuf sb = BC_STRBUF_INIT;
    const char *v = attr_val(nattr, attrs, name, &sb);
    char *s = v ? bc_strdup(v) : NULL;
    sb_release(&sb);
    return s;
}

/* The r:id attribute (local name "id" in any relationships namespace,
 * transitional or strict), malloc'ed, or NULL. */
static char *attr_rid(int nattr, const xmlChar **attrs)
{
    for (int i = 0; i < nattr; i++) {
        const xmlChar **a = attrs + 5 * i;
        if (a[2] && strcmp((const char *)a[0], "id") == 0 &&
            strstr((const char *)a[2], "relationships")) {
            bc_strbuf sb = BC_STRBUF_INIT;
            const char *v = attr_copy(a, &sb);
            char *s = v ? bc_strdup(v) : NULL;
            sb_release(&sb);
            return s;
        }
    }
    return NULL;
}

/* --- rich text (<si>, <is>) ------------------------------------------------ */

/* The text of a rich string: its <t>, or the <t> of its <r> runs, in
 * order, each <t> with every text inside it; phonetic runs (<rPh>) are
 * left out.  Fed with the events inside the element (depths relative to
 * the part). */
typedef struct rich {
    int t_depth;   /* depth of the <t> being read, -1 none */
    int rph_depth; /* depth of an <rPh> being skipped, -1 none */
} rich;

static void rich_begin(rich *r)
{
    r->t_depth = r->rph_depth = -1;
}

static void rich_start(rich *r, int depth, const char *name)
{
    if (r->rph_depth >= 0 || r->t_depth >= 0)
        return;
    if (strcmp(name, "rPh") == 0)
        r->rph_depth = depth;
    else if (strcmp(name, "t") == 0)
        r->t_depth = depth;
}

static void rich_end(rich *r, int depth)
{
    if (r->t_depth == depth)
        r->t_depth = -1;
    else if (r->rph_depth == depth)
        r->rph_depth = -1;
}

static int rich_takes_text(const rich *r)
{
    return r->t_depth >= 0 && r->rph_depth < 0;
}

/* Appends text to sb unless the value would pass XLSX_MAX_TEXT_BYTES;
 * 0, or -1 (the handler failed: a limit finding, or out of memory). */
static int add_text(part *p, bc_strbuf *sb, const char *s, size_t len)
{
    if (len > XLSX_MAX_TEXT_BYTES - sb->len) {
        bfind(p->b, "XLSX-LIMIT", NULL, p->entry, NULL,
              "phần %s có một giá trị dài hơn %u byte, vượt giới hạn an "
              "toàn",
              p->entry, (unsigned)XLSX_MAX_TEXT_BYTES);
        part_failed(p, BC_ERR_LIMIT);
        return -1;
    }
    sb_add(sb, s, len);
    if (sb->failed) {
        part_failed(p, BC_ERR_NOMEM);
        return -1;
    }
    return 0;
}

/* --- numbers, dates, references --------------------------------------- */

/* Trims ASCII white space in place; returns s. */
static char *trim(char *s)
{
    char *a = s;
    while (*a == ' ' || *a == '\t' || *a == '\n' || *a == '\r')
        a++;
    size_t n = strlen(a);
    while (n && (a[n - 1] == ' ' || a[n - 1] == '\t' || a[n - 1] == '\n' ||
                 a[n - 1] == '\r'))
        n--;
    memmove(s, a, n);
    s[n] = '\0';
    return s;
}

/* Reads an xsd:double as Excel writes it ("-12.5", "1E-3"); no inf/nan,
 * no hex.  0 or -1. */
static int parse_double(const char *s, double *out)
{
    const char *q = s;
    int digits = 0;
    if (*q == '-' || *q == '+')
        q++;
    while (*q >= '0' && *q <= '9')
        q++, digits++;
    if (*q == '.') {
        q++;
        while (*q >= '0' && *q <= '9')
            q++, digits++;
    }
    if (!digits)
        return -1;
    if (*q == 'e' || *q == 'E') {
        q++;
        if (*q == '-' || *q == '+')
            q++;
        if (!(*q >= '0' && *q <= '9'))
            return -1;
        while (*q >= '0' && *q <= '9')
            q++;
    }
    if (*q)
        return -1;
    double v = strtod(s, NULL); /* the program never changes LC_NUMERIC */
    if (!isfinite(v))
        return -1;
    *out = v;
    return 0;
}

static int year_days(int y)
{
    return (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 366 : 365;
}

static int month_len(int y, int m)
{
    static const int len[12] = {31, 28, 31, 30, 31, 30,
                                31, 31, 30, 31, 30, 31};
    return m == 2 && year_days(y) == 366 ? 29 : len[m - 1];
}

/* The day `days` days after y-01-01; 0 beyond 2100. */
static bc_date add_days(int y, long days)
{
    while (days >= year_days(y)) {
        days -= year_days(y);
        if (++y > 2100)
            return 0;
    }
    int m = 1;
    while (days >= month_len(y, m))
        days -= month_len(y, m++);
    return date_make(y, m, (int)days + 1);
}

/* Days from y0-01-01 to y-m-d (y >= y0). */
static long days_since(int y0, int y, int m, int d)
{
    long n = 0;
    for (int i = y0; i < y; i++)
        n += year_days(i);
    for (int i = 1; i < m; i++)
        n += month_len(y, i);
    return n + d - 1;
}

bc_date xlsx_serial_date(double serial, int date1904)
{
    if (!(serial >= 0.0) || serial > 100000.0) /* also NaN; 2100 < 75000 */
        return 0;
    long days = (long)floor(serial);
    if (date1904)
        return add_days(1904, days);
    if (days == 0 || days == 60) /* 1900-01-00, the fictitious 1900-02-29 */
        return 0;
    if (days > 60)
        days--;
    return add_days(1900, days - 1);
}

/* The serial of a real day in the book's system; -1 before its epoch. */
static double date_serial(bc_date dt, int date1904)
{
    int y = date_year(dt), m = date_month(dt), d = date_day(dt);
    if (date1904)
        return y < 1904 ? -1 : (double)days_since(1904, y, m, d);
    long n = days_since(1900, y, m, d) + 1;
    if (n >= 60)
        n++;
    return (double)n;
}

/* Reads the letters of a column; returns the characters used (0 if
 * none or beyond XFD). */
static size_t parse_col(const char *s, uint32_t *col)
{
    uint32_t c = 0;
    size_t i = 0;
    for (; s[i]; i++) {
        char ch = s[i];
        if (ch >= 'a' && ch <= 'z')
            ch = (char)(ch - 'a' + 'A');
        if (ch < 'A' || ch > 'Z')
            break;
        if (i >= 3)
            return 0;
        c = c * 26 + (uint32_t)(ch - 'A' + 1);
    }
    if (i == 0 || c > XLSX_MAX_COL)
        return 0;
    *col = c;
    return i;
}

/* Reads a row number (no sign, no leading zero); characters used or 0. */
static size_t parse_row(const char *s, uint32_t *row)
{
    uint32_t r = 0;
    size_t i = 0;
    if (s[0] < '1' || s[0] > '9')
        return 0;
    for (; s[i] >= '0' && s[i] <= '9'; i++) {
        if (i >= 7)
            return 0;
        r = r * 10 + (uint32_t)(s[i] - '0');
    }
    if (r > XLSX_MAX_ROW)
        return 0;
    *row = r;
    return i;
}

int xlsx_ref_parse(const char *ref, uint32_t *row, uint32_t *col)
{
    uint32_t r, c;
    if (!ref)
        return -1;
    size_t n = parse_col(ref, &c);
    if (!n)
        return -1;
    size_t m = parse_row(ref + n, &r);
    if (!m || ref[n + m])
        return -1;
    *row = r;
    *col = c;
    return 0;
}

char *xlsx_ref_format(uint32_t row, uint32_t col, char buf[XLSX_REF_BUF])
{
    buf[0] = '\0';
    if (row == 0 || col == 0 || row > XLSX_MAX_ROW || col > XLSX_MAX_COL)
        return NULL;
    char letters[4];
    int n = 0;
    while (col) {
        col--;
        letters[n++] = (char)('A' + col % 26);
        col /= 26;
    }
    int k = 0;
    while (n)
        buf[k++] = letters[--n];
    /* the row's digits (at most 7), without printf: once per cell */
    char digits[8];
    int nd = 0;
    for (; row; row /= 10)
        digits[nd++] = (char)('0' + row % 10);
    while (nd)
        buf[k++] = digits[--nd];
    buf[k] = '\0';
    return buf;
}

/* --- workbook parts ---------------------------------------------------- */

/* Resolves a relationship target of xl/workbook.xml to a part name:
 * "worksheets/sheet1.xml" -> "xl/worksheets/sheet1.xml",
 * "/xl/worksheets/sheet1.xml" -> the same; "." and ".." segments are
 * applied.  NULL (in the arena) when it climbs above the root. */
static char *resolve_target(bc_arena *a, const char *target)
{
    bc_strbuf in = BC_STRBUF_INIT;
    if (target[0] == '/')
        sb_adds(&in, target + 1);
    else {
        sb_adds(&in, "xl/");
        sb_adds(&in, target);
    }
    char *out = NULL;
    char *s = in.failed ? NULL : in.buf;
    if (!s)
        goto done;
    /* rewrite in place: segments kept are copied to the front */
    size_t w = 0, i = 0, len = strlen(s);
    while (i <= len) {
        size_t j = i;
        while (j < len && s[j] != '/')
            j++;
        size_t n = j - i;
        if (n == 0 || (n == 1 && s[i] == '.')) {
            /* skip */
        } else if (n == 2 && s[i] == '.' && s[i + 1] == '.') {
            if (w == 0)
                goto done;
            while (w > 0 && s[w - 1] != '/')
                w--;
            if (w > 0)
                w--; /* the slash before the dropped segment */
        } else {
            if (w > 0)
                s[w++] = '/';
            memmove(s + w, s + i, n);
            w += n;
        }
        i = j + 1;
    }
    out = arena_strndup(a, s, w);
done:
    sb_release(&in);
    return out;
}


/* xl/workbook.xml: the date system and the sheet list. */
static void wb_start(part *p, const char *name, int empty, int nattr,
                     const xmlChar **attrs)
{
    xlsx_book *b = p->b;
    bc_status *st = p->user;
    (void)empty;
    if (strcmp(name, "workbookPr") == 0) {
        char *v = attr_dup(nattr, attrs, "date1904");
        if (v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0))
            b->date1904 = 1;
        free(v);
        return;
    }
    if (strcmp(name, "sheet") != 0)
        return;
    char *sname = attr_dup(nattr, attrs, "name");
    char *state = attr_dup(nattr, attrs, "state");
    char *rid = attr_rid(nattr, attrs);
    if (!sname || !rid || !*sname) {
        bfind(b, "XLSX-PART", NULL, sname, NULL,
              "phần xl/workbook.xml có trang tính thiếu tên hoặc "
              "mã liên kết (r:id)");
        *st = BC_ERR_INVALID;
        part_halt(p);
        goto out;
    }
    if (b->n_sheets >= XLSX_MAX_SHEETS) {
        bfind(b, "XLSX-LIMIT", NULL, NULL, NULL,
              "sổ tính có quá nhiều trang tính (hơn %u)", XLSX_MAX_SHEETS);
        *st = BC_ERR_LIMIT;
        part_halt(p);
        goto out;
    }
    if (array_grow((void **)&b->sheets, &b->cap_sheets, b->n_sheets,
             sizeof *b->sheets) < 0) {
        part_failed(p, BC_ERR_NOMEM);
        goto out;
    }
    sheet_info *s = &b->sheets[b->n_sheets];
    memset(s, 0, sizeof *s);
    s->name = arena_strdup(b->arena, sname);
    s->rid = arena_strdup(b->arena, rid);
    if (!s->name || !s->rid) {
        part_failed(p, BC_ERR_NOMEM);
        goto out;
    }
    s->state = !state                              ? XLSX_SHEET_VISIBLE
               : strcmp(state, "hidden") == 0     ? XLSX_SHEET_HIDDEN
               : strcmp(state, "veryHidden") == 0 ? XLSX_SHEET_VERY_HIDDEN
                                                  : XLSX_SHEET_VISIBLE;
    b->n_sheets++;
out:
    free(sname);
    free(state);
    free(rid);
}

static void no_end(part *p, const char *name)
{
    (void)p, (void)name;
}

static void no_text(part *p, const char *s, size_t len)
{
    (void)p, (void)s, (void)len;
}

static bc_status read_workbook(xlsx_book *b)
{
    static const part_handler h = {wb_start, no_end, no_text};
    part p;
    bc_status bad = BC_OK; /* a finding stopped the part */
    bc_status st = part_open(b, "xl/workbook.xml", 1, &p);
    if (st != BC_OK)
        goto out;
    st = part_parse(&p, &h, &bad);
    if (st == BC_OK)
        st = bad;
    if (st == BC_OK && b->n_sheets == 0) {
        bfind(b, "XLSX-PART", NULL, NULL, NULL,
              "sổ tính không có trang tính nào");
        st = BC_ERR_INVALID;
    }
out:
    part_close(&p);
    return st;
}

/* xl/_rels/workbook.xml.rels: each sheet's part, and the names of the
 * shared strings and styles parts. */
typedef struct rels_pass {
    char **sst, **styles;
} rels_pass;

static void rels_start(part *p, const char *name, int empty, int nattr,
                       const xmlChar **attrs)
{
    xlsx_book *b = p->b;
    rels_pass *rp = p->user;
    (void)empty;
    if (strcmp(name, "Relationship") != 0)
        return;
    char *id = attr_dup(nattr, attrs, "Id");
    char *target = attr_dup(nattr, attrs, "Target");
    char *type = attr_dup(nattr, attrs, "Type");
    char *mode = attr_dup(nattr, attrs, "TargetMode");
    if (id && target && !(mode && strcmp(mode, "External") == 0)) {
        char *part_name = resolve_target(b->arena, target);
        size_t tl = type ? strlen(type) : 0;
        if (part_name) {
            for (size_t i = 0; i < b->n_sheets; i++)
                if (!b->sheets[i].part && strcmp(b->sheets[i].rid, id) == 0)
                    b->sheets[i].part = part_name;
            if (tl >= 14 && strcmp(type + tl - 14, "/sharedStrings") == 0)
                *rp->sst = part_name;
            else if (tl >= 7 && strcmp(type + tl - 7, "/styles") == 0)
                *rp->styles = part_name;
        }
    }
    free(id);
    free(target);
    free(type);
    free(mode);
}

/* Reads the relationships: *sst, *styles (arena, may stay NULL). */
static bc_status read_rels(xlsx_book *b, char **sst, char **styles)
{
    static const part_handler h = {rels_start, no_end, no_text};
    part p;
    rels_pass rp = {sst, styles};
    bc_status st = part_open(b, "xl/_rels/workbook.xml.rels", 1, &p);
    if (st == BC_OK)
        st = part_parse(&p, &h, &rp);
    part_close(&p);
    return st;
}

/* The shared strings: every <si> (not inside another) in order. */
typedef struct sst_pass {
    int si_depth; /* -1 outside an <si> */
    rich r;
    bc_strbuf sb;
} sst_pass;

static void sst_start(part *p, const char *name, int empty, int nattr,
                      const xmlChar **attrs)
{
    sst_pass *sp = p->user;
    (void)empty, (void)nattr, (void)attrs;
    if (sp->si_depth >= 0) {
        rich_start(&sp->r, p->depth, name);
    } else if (strcmp(name, "si") == 0) {
        sp->si_depth = p->depth;
        rich_begin(&sp->r);
        sb_reset(&sp->sb);
    }
}

static void sst_end(part *p, const char *name)
{
    sst_pass *sp = p->user;
    xlsx_book *b = p->b;
    (void)name;
    if (sp->si_depth < 0)
        return;
    if (p->depth != sp->si_depth) {
        rich_end(&sp->r, p->depth);
        return;
    }
    sp->si_depth = -1;
    if (b->n_sst >= XLSX_MAX_SHARED_STRINGS) {
        bfind(b, "XLSX-LIMIT", NULL, p->entry, NULL,
              "sổ tính có quá nhiều chuỗi dùng chung (hơn %u)",
              XLSX_MAX_SHARED_STRINGS);
        part_failed(p, BC_ERR_LIMIT);
        return;
    }
    if (sp->sb.failed ||
        array_grow((void **)&b->sst, &b->cap_sst, b->n_sst, sizeof *b->sst) < 0 ||
        !(b->sst[b->n_sst] = arena_strndup(b->arena, sb_str(&sp->sb),
                                           sp->sb.len))) {
        part_failed(p, BC_ERR_NOMEM);
        return;
    }
    b->n_sst++;
}

static void sst_text(part *p, const char *s, size_t len)
{
    sst_pass *sp = p->user;
    if (sp->si_depth >= 0 && rich_takes_text(&sp->r))
        add_text(p, &sp->sb, s, len);
}

static bc_status read_shared_strings(xlsx_book *b, const char *entry)
{
    static const part_handler h = {sst_start, sst_end, sst_text};
    part p;
    sst_pass sp = {-1, {-1, -1}, BC_STRBUF_INIT};
    bc_status st = part_open(b, entry, 0, &p);
    if (st == BC_OK && p.zf)
        st = part_parse(&p, &h, &sp);
    sb_release(&sp.sb);
    part_close(&p);
    return st;
}

/* 1 if a custom number format code shows a date or time: it has d, m,
 * y, h or s outside quoted text, [..] brackets and escaped characters. */
static int format_is_date(const char *code)
{
    for (const char *c = code; *c; c++) {
        switch (*c) {
        case '"': /* to the closing quote, or the end: no date */
        case '[': /* to the closing bracket */
            c = strchr(c + 1, *c == '"' ? '"' : ']');
            if (!c)
                return 0;
            break;
        case '\\':
        case '_':
        case '*':
            if (!c[1])
                return 0;
            c++;
            break;
        default:
            if (strchr("dmyhsDMYHS", *c))
                return 1;
        }
    }
    return 0;
}

static int builtin_date(long id)
{
    return (id >= 14 && id <= 22) || (id >= 45 && id <= 47);
}

/* The custom number formats met so far, by id, the last one of an id
 * winning: an open-addressing table, so that a styles part with many
 * formats and many cell styles is read in linear time (a list searched
 * once per <xf> took hours on a few MB of hostile styles). */
typedef struct fmt_map {
    long *ids;
    unsigned char *date; /* 0 or 1; FMT_FREE for an empty slot */
    const char **code;   /* the format code (the book's arena), or NULL */
    size_t cap, n;       /* cap: 0 or a power of two */
} fmt_map;

#define FMT_FREE 0xFF

static size_t fmt_slot(const fmt_map *m, long id)
{
    uint64_t h = (uint64_t)id * UINT64_C(0x9E3779B97F4A7C15);
    size_t i = (size_t)(h >> 32) & (m->cap - 1);
    while (m->date[i] != FMT_FREE && m->ids[i] != id)
        i = (i + 1) & (m->cap - 1);
    return i;
}

/* The date flag of format id, or -1 when no custom format has that id. */
static int fmt_get(const fmt_map *m, long id)
{
    if (m->cap == 0)
        return -1;
    size_t i = fmt_slot(m, id);
    return m->date[i] == FMT_FREE ? -1 : m->date[i];
}

/* The code of custom format id, or NULL. */
static const char *fmt_code(const fmt_map *m, long id)
{
    if (m->cap == 0)
        return NULL;
    size_t i = fmt_slot(m, id);
    return m->date[i] == FMT_FREE ? NULL : m->code[i];
}

/* Sets format id's date flag and code (kept, not copied); 0, or -1 out
 * of memory. */
static int fmt_put(fmt_map *m, long id, int date, const char *code)
{
    if ((m->n + 1) * 2 > m->cap) {
        size_t nc = m->cap ? m->cap * 2 : 64;
        if (nc > SIZE_MAX / sizeof(long))
            return -1;
        fmt_map g = {malloc(nc * sizeof(long)), malloc(nc),
                     malloc(nc * sizeof(char *)), nc, 0};
        if (!g.ids || !g.date || !g.code) {
            free(g.ids);
            free(g.date);
            free(g.code);
            return -1;
        }
        memset(g.date, FMT_FREE, nc);
        for (size_t i = 0; i < m->cap; i++)
            if (m->date[i] != FMT_FREE) {
                size_t k = fmt_slot(&g, m->ids[i]);
                g.ids[k] = m->ids[i];
                g.date[k] = m->date[i];
                g.code[k] = m->code[i];
                g.n++;
            }
        free(m->ids);
        free(m->date);
        free(m->code);
        *m = g;
    }
    size_t i = fmt_slot(m, id);
    if (m->date[i] == FMT_FREE)
        m->n++;
    m->ids[i] = id;
    m->date[i] = (unsigned char)(date != 0);
    m->code[i] = code;
    return 0;
}

/* The code of a built-in number format Excel does not write out (ECMA-376
 * 18.8.30), for those a copy must keep; NULL for General and the rest. */
static const char *builtin_code(long id)
{
    switch (id) {
    case 1: return "0";
    case 2: return "0.00";
    case 3: return "#,##0";
    case 4: return "#,##0.00";
    case 9: return "0%";
    case 10: return "0.00%";
    case 11: return "0.00E+00";
    case 14: return "dd/mm/yyyy";
    case 49: return "@";
    default: return NULL;
    }
}

/* Longest format code kept (Excel allows 255 characters). */
#define FMT_MAX_CODE 255u


/* xl/styles.xml: the custom number formats, then for each cell style
 * (<xf> of <cellXfs>) whether it shows a date. */
typedef struct styles_pass {
    fmt_map fmts;
    int in_fmts, in_xfs;
    bc_strbuf v;
} styles_pass;

static void styles_start(part *p, const char *name, int empty, int nattr,
                         const xmlChar **attrs)
{
    styles_pass *sp = p->user;
    xlsx_book *b = p->b;
    (void)empty; /* <numFmts/> ends at once: its end clears the flag */
    if (strcmp(name, "numFmts") == 0) {
        sp->in_fmts = 1;
    } else if (strcmp(name, "cellXfs") == 0) {
        sp->in_xfs = 1;
    } else if (sp->in_fmts && strcmp(name, "numFmt") == 0) {
        const char *id = attr_val(nattr, attrs, "numFmtId", &sp->v);
        long fid = id ? strtol(id, NULL, 10) : 0;
        char *code = id ? attr_dup(nattr, attrs, "formatCode") : NULL;
        const char *kept = code && strlen(code) <= FMT_MAX_CODE &&
                                   text_utf8_valid(code, strlen(code))
                               ? arena_strdup(b->arena, code)
                               : NULL;
        if (id && code &&
            fmt_put(&sp->fmts, fid, format_is_date(code), kept) < 0)
            part_failed(p, BC_ERR_NOMEM);
        free(code);
    } else if (sp->in_xfs && strcmp(name, "xf") == 0) {
        const char *id = attr_val(nattr, attrs, "numFmtId", &sp->v);
        long fid = id ? strtol(id, NULL, 10) : 0;
        int date = fmt_get(&sp->fmts, fid);
        const char *code = date < 0 ? builtin_code(fid)
                                    : fmt_code(&sp->fmts, fid);
        if (date < 0)
            date = builtin_date(fid);
        if (array_grow((void **)&b->xf_date, &b->cap_xf, b->n_xf, 1) < 0 ||
            array_grow((void **)&b->xf_fmt, &b->cap_xf_fmt, b->n_xf_fmt,
                 sizeof *b->xf_fmt) < 0) {
            part_failed(p, BC_ERR_NOMEM);
            return;
        }
        b->xf_date[b->n_xf++] = (unsigned char)date;
        b->xf_fmt[b->n_xf_fmt++] = code;
    }
}

static void styles_end(part *p, const char *name)
{
    styles_pass *sp = p->user;
    if (strcmp(name, "numFmts") == 0)
        sp->in_fmts = 0;
    else if (strcmp(name, "cellXfs") == 0)
        sp->in_xfs = 0;
}

static bc_status read_styles(xlsx_book *b, const char *entry)
{
    static const part_handler h = {styles_start, styles_end, no_text};
    part p;
    styles_pass sp = {{NULL, NULL, NULL, 0, 0}, 0, 0, BC_STRBUF_INIT};
    bc_status st = part_open(b, entry, 0, &p);
    if (st == BC_OK && p.zf)
        st = part_parse(&p, &h, &sp);
    free(sp.fmts.ids);
    free(sp.fmts.date);
    free(sp.fmts.code);
    sb_release(&sp.v);
    part_close(&p);
    return st;
}

/* --- open / close -------------------------------------------------------- */

static bc_status book_new(const char *name, bc_diag *d, xlsx_book **out)
{
    xlsx_book *b = calloc(1, sizeof *b);
    if (!b)
        return BC_ERR_NOMEM;
    b->d = d;
    b->arena = arena_new();
    b->name = b->arena ? arena_strdup(b->arena, name ? name : "") : NULL;
    if (!b->name) {
        xlsx_close(b);
        return BC_ERR_NOMEM;
    }
    *out = b;
    return BC_OK;
}

/* Reports why libzip refused the archive; returns the status. */
static bc_status zip_refused(xlsx_book *b, zip_error_t *err)
{
    int ze = zip_error_code_zip(err);
    const char *detail = zip_error_strerror(err);
    switch (ze) {
    case ZIP_ER_MEMORY:
        return BC_ERR_NOMEM;
    case ZIP_ER_NOENT:
    case ZIP_ER_OPEN:
    case ZIP_ER_READ:
    case ZIP_ER_SEEK:
        bfind(b, "XLSX-READ", NULL, NULL, NULL,
              "không mở được tệp Excel (%s)", detail);
        return BC_ERR_IO;
    default:
        bfind(b, "XLSX-READ", NULL, NULL, "sổ tính Excel .xlsx",
              "tệp không phải sổ tính Excel .xlsx đọc được: cấu trúc ZIP "
              "hỏng hoặc bị cắt cụt, hoặc là tệp .xls cũ, tệp có mật khẩu "
              "(%s)",
              detail);
        return BC_ERR_PARSE;
    }
}

/* Reads the workbook's small parts once the archive is open. */
static bc_status book_load(xlsx_book *b)
{
    char *sst = NULL, *styles = NULL;
    bc_status st;
    if (zip_get_num_entries(b->za, 0) <= 0) {
        bfind(b, "XLSX-READ", NULL, NULL, "sổ tính Excel .xlsx",
              "tệp nén ZIP rỗng, không phải sổ tính Excel");
        st = BC_ERR_PARSE;
        goto out;
    }
    if ((st = read_workbook(b)) != BC_OK)
        goto out;
    if ((st = read_rels(b, &sst, &styles)) != BC_OK)
        goto out;
    if ((st = read_shared_strings(b, sst ? sst : "xl/sharedStrings.xml")) !=
        BC_OK)
        goto out;
    st = read_styles(b, styles ? styles : "xl/styles.xml");
out:
    return st;
}

bc_status xlsx_open(const char *path, bc_diag *d, xlsx_book **out)
{
    xlsx_book *b = NULL;
    *out = NULL;
    bc_status st = book_new(path, d, &b);
    if (st != BC_OK)
        goto fail;
    struct stat sbuf;
    if (stat(path, &sbuf) != 0 || !S_ISREG(sbuf.st_mode)) {
        bfind(b, "XLSX-READ", NULL, NULL, NULL,
              "không mở được tệp Excel (tệp không tồn tại hoặc không phải "
              "tệp thường)");
        st = BC_ERR_IO;
        goto fail;
    }
    if (sbuf.st_size == 0) {
        bfind(b, "XLSX-READ", NULL, NULL, "sổ tính Excel .xlsx",
              "tệp rỗng (0 byte), không phải sổ tính Excel");
        st = BC_ERR_PARSE;
        goto fail;
    }
    int ze = 0;
    b->za = zip_open(path, ZIP_RDONLY, &ze);
    if (!b->za) {
        zip_error_t err;
        zip_error_init_with_code(&err, ze);
        st = zip_refused(b, &err);
        zip_error_fini(&err);
        goto fail;
    }
    if ((st = book_load(b)) != BC_OK)
        goto fail;
    *out = b;
    return BC_OK;
fail:
    xlsx_close(b);
    return st;
}

bc_status xlsx_open_memory(const void *data, size_t len, const char *name,
                           bc_diag *d, xlsx_book **out)
{
    xlsx_book *b = NULL;
    zip_source_t *src = NULL;
    zip_error_t err;
    zip_error_init(&err);
    *out = NULL;
    bc_status st = book_new(name, d, &b);
    if (st != BC_OK)
        goto fail;
    if (!data || len == 0) {
        bfind(b, "XLSX-READ", NULL, NULL, "sổ tính Excel .xlsx",
              "tệp rỗng (0 byte), không phải sổ tính Excel");
        st = BC_ERR_PARSE;
        goto fail;
    }
    src = zip_source_buffer_create(data, len, 0, &err);
    if (!src) {
        st = BC_ERR_NOMEM;
        goto fail;
    }
    b->za = zip_open_from_source(src, ZIP_RDONLY, &err);
    if (!b->za) {
        zip_source_free(src);
        st = zip_refused(b, &err);
        goto fail;
    }
    if ((st = book_load(b)) != BC_OK)
        goto fail;
    zip_error_fini(&err);
    *out = b;
    return BC_OK;
fail:
    zip_error_fini(&err);
    xlsx_close(b);
    return st;
}

/* Frees what sheet s holds outside the arena (not s itself). */
static void sheet_info_clear(sheet_info *s)
{
    free(s->merges);
    free(s->hidden);
    dropdowns_clear(s);
    free(s->dd);
}

void xlsx_close(xlsx_book *b)
{
    if (!b)
        return;
    if (b->za)
        zip_discard(b->za); /* read-only: nothing to write back */
    for (size_t i = 0; i < b->n_sheets; i++)
        sheet_info_clear(&b->sheets[i]);
    free(b->sheets);
    free(b->sst);
    free(b->xf_date);
    free(b->xf_fmt);
    arena_free(b->arena); /* the names and texts */
    free(b);
}

size_t xlsx_sheet_count(const xlsx_book *b) { return b ? b->n_sheets : 0; }

const char *xlsx_sheet_name(const xlsx_book *b, size_t i)
{
    return b && i < b->n_sheets ? b->sheets[i].name : NULL;
}

xlsx_sheet_state xlsx_sheet_state_of(const xlsx_book *b, size_t i)
{
    return b && i < b->n_sheets ? b->sheets[i].state : XLSX_SHEET_VISIBLE;
}

bc_status xlsx_sheet_find(const xlsx_book *b, const char *name, size_t *idx)
{
    for (size_t i = 0; b && name && i < b->n_sheets; i++)
        if (strcmp(b->sheets[i].name, name) == 0) {
            *idx = i;
            return BC_OK;
        }
    return BC_ERR_INVALID;
}

int xlsx_date1904(const xlsx_book *b) { return b ? b->date1904 : 0; }


/* --- sheets -------------------------------------------------------------- */

/* One pass over a sheet part.  Rows are <row> elements at any depth, cells
 * the <c> elements met inside an open row (each read whole), merged
 * ranges the <mergeCell> elements anywhere, as a walk of the document
 * by local names finds them. */
typedef struct sheet_pass {
    xlsx_book *b;
    sheet_info *s;
    part *p;
    xlsx_cell_fn cb;
    void *ctx;
    uint32_t row, col;  /* current row, last column used in it */
    int bad_cells;      /* cells reported and skipped */
    int stopped;        /* the callback asked to stop */
    int row_depth;      /* depth of the open <row>, -1 none */
    int dv_depth;       /* depth of an open list <dataValidation>, -1 */
    int f1_depth;       /* its <formula1>, -1 none */
    bc_strbuf dv_ref, dv_src; /* its sqref and formula1 */
    int skip_depth;     /* depth of an element read to its end unseen */
    /* the <c> being read */
    int c_depth;        /* its depth, -1 none */
    int c_bad;          /* refused at its start: read to its end, dropped */
    int v_depth;        /* its <v> being read, -1 none */
    int is_depth;       /* its <is> being read, -1 none */
    int child_skip;     /* another child being skipped, -1 none */
    int f_depth;        /* its <f> being read, -1 none */
    int f_text;         /* the <f> text is kept (not shared-follower,
                           array, or too long) */
    int has_v, has_is, formula, has_t, has_s;
    rich r;
    uint32_t c_row, c_col;
    int row_hidden;     /* the current <row> is hidden */
    char ref[XLSX_REF_BUF];
    bc_strbuf place;    /* "Sheet!C7" */
    bc_strbuf v, is;    /* <v> and <is> texts of the current cell */
    bc_strbuf f;        /* its <f> text */
    bc_strbuf t, st, a; /* its t and s attributes; any other attribute */
} sheet_pass;

/* Sets sp->place to "Sheet!REF" and returns it. */
static const char *place_of(sheet_pass *sp, const char *ref)
{
    sb_reset(&sp->place);
    sb_adds(&sp->place, sp->s->name);
    sb_addc(&sp->place, '!');
    sb_adds(&sp->place, ref);
    return sb_str(&sp->place);
}

static void cell_fail(sheet_pass *sp, const char *ref, const char *found,
                      const char *expected, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static void cell_fail(sheet_pass *sp, const char *ref, const char *found,
                      const char *expected, const char *fmt, ...)
{
    bc_loc at = {sp->b->name, 0, place_of(sp, ref)};
    char *cut = found ? text_utf8_repair(found, XLSX_FOUND_MAX) : NULL;
    va_list ap;
    va_start(ap, fmt);
    diag_vadd(sp->b->d, BC_SEV_ERROR, "XLSX-CELL", &at, cut ? cut : found,
              expected, fmt, ap);
    va_end(ap);
    free(cut);
    sp->bad_cells++;
}

/* The start of a <c>: its place in the row, from its r attribute or
 * after the previous cell; a bad reference is reported and the cell
 * dropped (it still takes its place). */
static void cell_start(sheet_pass *sp, int nattr, const xmlChar **attrs)
{
    part *p = sp->p;
    uint32_t row = sp->row, col;
    const char *r = NULL, *t = NULL, *s = NULL;
    /* r, t and s (without namespace; the first of each) in one pass:
     * this runs for every cell of every sheet */
    for (int i = 0; i < nattr; i++) {
        const xmlChar **a = attrs + 5 * i;
        const char *n = (const char *)a[0];
        if (a[1] || !n[0] || n[1])
            continue;
        if (n[0] == 'r' && !r)
            r = attr_copy(a, &sp->a);
        else if (n[0] == 't' && !t)
            t = attr_copy(a, &sp->t);
        else if (n[0] == 's' && !s)
            s = attr_copy(a, &sp->st);
    }
    sp->c_depth = p->depth;
    sp->c_bad = 0;
    sp->v_depth = sp->is_depth = sp->child_skip = sp->f_depth = -1;
    sp->has_v = sp->has_is = sp->formula = sp->f_text = 0;
    sb_reset(&sp->f);
    if (sp->a.failed || sp->t.failed || sp->st.failed) {
        part_failed(p, BC_ERR_NOMEM);
        return;
    }
    if (r) {
        if (xlsx_ref_parse(r, &row, &col) < 0 || row != sp->row) {
            xlsx_ref_format(sp->row, sp->col + 1 <= XLSX_MAX_COL ?
                            sp->col + 1 : XLSX_MAX_COL, sp->ref);
            cell_fail(sp, sp->ref, r,
                      "một ô trong hàng đang đọc, từ A đến XFD",
                      "ô có tham chiếu (thuộc tính r) không hợp lệ");
            if (sp->col < XLSX_MAX_COL)
                sp->col++; /* the bad cell still takes its place */
            sp->c_bad = 1;
            return;
        }
    } else {
        col = sp->col + 1;
        if (col > XLSX_MAX_COL) {
            xlsx_ref_format(sp->row, XLSX_MAX_COL, sp->ref);
            cell_fail(sp, sp->ref, NULL, "tối đa cột XFD",
                      "hàng có nhiều ô hơn số cột tối đa của Excel");
            sp->c_bad = 1;
            return;
        }
    }
    sp->col = col;
    sp->c_row = row;
    sp->c_col = col;
    /* a valid r in capitals is already the formatted reference */
    size_t rn = 0;
    while (r && rn < XLSX_REF_BUF && ((r[rn] >= 'A' && r[rn] <= 'Z') ||
                                      (r[rn] >= '0' && r[rn] <= '9')))
        rn++;
    if (r && rn < XLSX_REF_BUF && !r[rn])
        memcpy(sp->ref, r, rn + 1);
    else
        xlsx_ref_format(row, col, sp->ref);
    sp->has_t = t != NULL;
    sp->has_s = s != NULL;
    sb_reset(&sp->v);
    sb_reset(&sp->is);
}

/* A child element of the open cell, or deeper. */
static void cell_child(sheet_pass *sp, const char *name, int nattr,
                       const xmlChar **attrs)
{
    int depth = sp->p->depth;
    if (sp->c_bad || sp->v_depth >= 0 || sp->child_skip >= 0)
        return;
    if (sp->is_depth >= 0) {
        rich_start(&sp->r, depth, name);
        return;
    }
    if (depth != sp->c_depth + 1)
        return;
    if (strcmp(name, "v") == 0) {
        sp->has_v = 1;
        sp->v_depth = depth;
    } else if (strcmp(name, "is") == 0) {
        sp->has_is = 1;
        sp->is_depth = depth;
        rich_begin(&sp->r);
    } else if (strcmp(name, "f") == 0) {
        /* its text is kept but for an array formula or the followers of
         * a shared one (no text of their own) */
        const char *t = attr_val(nattr, attrs, "t", &sp->a);
        sp->formula = 1;
        sp->f_depth = depth;
        sp->f_text = !t || !strcmp(t, "normal") || !strcmp(t, "shared");
    } else {
        sp->child_skip = depth;
    }
}

/* The end of the open cell: its value by its type, to the callback. */
static void cell_end(sheet_pass *sp)
{
    part *p = sp->p;
    xlsx_book *b = sp->b;
    const char *ref = sp->ref;
    sp->c_depth = -1;
    if (sp->c_bad)
        return;
    if (sp->v.failed || sp->is.failed) {
        part_failed(p, BC_ERR_NOMEM);
        return;
    }
    if (!sp->has_v && !sp->has_is && !sp->formula)
        return; /* a styled blank */

    if (sp->f.failed) {
        part_failed(p, BC_ERR_NOMEM);
        return;
    }
    xlsx_cell c = {sp->c_row, sp->c_col, ref, place_of(sp, ref),
                   XLSX_CELL_STRING, "", 0.0, 0, sp->formula, NULL,
                   sp->f_text && sp->f.len && sp->f.len <= XLSX_MAX_FORMULA
                       ? sb_str(&sp->f)
                       : NULL,
                   sp->row_hidden};
    /* an empty <v/> may leave the buffer unallocated; v is trimmed in
     * place, so it must never be a string literal */
    char empty[1] = "";
    char *v = sp->v.buf ? sp->v.buf : empty;
    const char *t = sp->has_t ? sb_str(&sp->t) : NULL;
    const char *s = sp->has_s ? sb_str(&sp->st) : NULL;
    const char *type = t ? t : "n";
    if (strcmp(type, "inlineStr") == 0) {
        c.text = sp->has_is ? sb_str(&sp->is) : v;
        if (!sp->has_is && !sp->has_v)
            c.type = XLSX_CELL_EMPTY;
    } else if (!sp->has_v) {
        c.type = XLSX_CELL_EMPTY; /* a formula never calculated */
    } else if (strcmp(type, "n") == 0) {
        trim(v);
        if (parse_double(v, &c.number) < 0) {
            cell_fail(sp, ref, v, "một số", "ô có giá trị số không hợp lệ");
            return;
        }
        c.type = XLSX_CELL_NUMBER;
        c.text = v;
        long xf = s ? strtol(s, NULL, 10) : 0;
        if (xf >= 0 && (size_t)xf < b->n_xf && b->xf_date[xf]) {
            c.type = XLSX_CELL_DATE;
            c.date = xlsx_serial_date(c.number, b->date1904);
        }
        if (xf >= 0 && (size_t)xf < b->n_xf_fmt)
            c.numfmt = b->xf_fmt[xf];
    } else if (strcmp(type, "s") == 0) {
        trim(v);
        char *end = NULL;
        unsigned long long idx = strtoull(v, &end, 10);
        if (!*v || *end || v[0] == '-' || v[0] == '+' || idx >= b->n_sst) {
            char *exp = bc_asprintf("chỉ số từ 0 đến %zu", b->n_sst ?
                                    b->n_sst - 1 : 0);
            cell_fail(sp, ref, v, b->n_sst ? exp : "không có chuỗi nào",
                      "ô tham chiếu chuỗi dùng chung không tồn tại (chỉ số "
                      "ngoài phạm vi xl/sharedStrings.xml)");
            free(exp);
            return;
        }
        c.text = b->sst[idx];
    } else if (strcmp(type, "str") == 0) {
        c.text = v;
    } else if (strcmp(type, "b") == 0) {
        trim(v);
        if (strcmp(v, "1") == 0 || strcmp(v, "true") == 0)
            c.number = 1.0, c.text = "1";
        else if (strcmp(v, "0") == 0 || strcmp(v, "false") == 0)
            c.text = "0";
        else {
            cell_fail(sp, ref, v, "0 hoặc 1",
                      "ô kiểu đúng/sai có giá trị không hợp lệ");
            return;
        }
        c.type = XLSX_CELL_BOOLEAN;
    } else if (strcmp(type, "e") == 0) {
        c.type = XLSX_CELL_ERROR;
        c.text = trim(v);
    } else if (strcmp(type, "d") == 0) {
        trim(v);
        char day[11];
        bc_date dt = 0;
        snprintf(day, sizeof day, "%s", v);
        /* v[10] only when it exists: "YYYY-MM-DD" or "YYYY-MM-DDT..." */
        if ((strlen(v) > 10 && v[10] != 'T') ||
            date_parse_iso(day, &dt) < 0) {
            cell_fail(sp, ref, v, "ngày dạng YYYY-MM-DD từ 1900 đến 2100",
                      "ô kiểu ngày có giá trị không hợp lệ");
            return;
        }
        c.type = XLSX_CELL_DATE;
        c.text = v;
        c.date = dt;
        c.number = date_serial(dt, b->date1904);
    } else {
        cell_fail(sp, ref, t, "n, s, str, inlineStr, b, e hoặc d",
                  "ô có kiểu (thuộc tính t) không hợp lệ");
        return;
    }
    if (sp->place.failed) {
        part_failed(p, BC_ERR_NOMEM);
        return;
    }
    if (sp->cb && sp->cb(&c, sp->ctx)) {
        sp->stopped = 1;
        part_halt(p);
    }
}

/* Parses "A1:B2" (or "A1") into m; 0 or -1. */
static int parse_range(const char *ref, xlsx_range *m)
{
    char first[XLSX_REF_BUF];
    const char *colon = strchr(ref, ':');
    size_t n = colon ? (size_t)(colon - ref) : strlen(ref);
    if (n >= sizeof first)
        return -1;
    memcpy(first, ref, n);
    first[n] = '\0';
    if (xlsx_ref_parse(first, &m->first_row, &m->first_col) < 0)
        return -1;
    if (!colon) {
        m->last_row = m->first_row;
        m->last_col = m->first_col;
        return 0;
    }
    if (xlsx_ref_parse(colon + 1, &m->last_row, &m->last_col) < 0 ||
        m->last_row < m->first_row || m->last_col < m->first_col)
        return -1;
    return 0;
}

static void read_merge(sheet_pass *sp, int nattr, const xmlChar **attrs)
{
    const char *ref = attr_val(nattr, attrs, "ref", &sp->a);
    sheet_info *s = sp->s;
    xlsx_range m;
    if (sp->a.failed) {
        part_failed(sp->p, BC_ERR_NOMEM);
        return;
    }
    if (!ref || parse_range(ref, &m) < 0) {
        bc_loc at = {sp->b->name, 0, s->name};
        char *cut = ref ? text_utf8_repair(ref, XLSX_FOUND_MAX) : NULL;
        diag_add(sp->b->d, BC_SEV_ERROR, "XLSX-CELL", &at, cut ? cut : ref,
                 "A1:B2", "vùng gộp ô (mergeCell) không hợp lệ");
        free(cut);
        sp->bad_cells++;
        return;
    }
    if (array_grow((void **)&s->merges, &s->cap_merges, s->n_merges,
             sizeof *s->merges) < 0) {
        part_failed(sp->p, BC_ERR_NOMEM);
        return;
    }
    s->merges[s->n_merges++] = m;
}

/* A <col min max hidden> of <cols>: a hidden run of columns is kept (a
 * column hidden by the clerk must never be read silently, ingest_xlsx.c).
 * Attributes that are not numbers in range are ignored: the element only
 * styles columns. */
static void read_col(sheet_pass *sp, int nattr, const xmlChar **attrs)
{
    const char *h = attr_val(nattr, attrs, "hidden", &sp->a);
    if (sp->a.failed) {
        part_failed(sp->p, BC_ERR_NOMEM);
        return;
    }
    if (!h || (strcmp(h, "1") != 0 && strcmp(h, "true") != 0))
        return;
    unsigned long lo = 0, hi = 0;
    const char *v = attr_val(nattr, attrs, "min", &sp->a);
    char *end = NULL;
    if (v && *v >= '0' && *v <= '9')
        lo = strtoul(v, &end, 10);
    if (!end || *end || lo < 1 || lo > XLSX_MAX_COL)
        return;
    end = NULL;
    v = attr_val(nattr, attrs, "max", &sp->a);
    if (v && *v >= '0' && *v <= '9')
        hi = strtoul(v, &end, 10);
    if (!end || *end || hi < lo || hi > XLSX_MAX_COL)
        return;
    sheet_info *s = sp->s;
    if (s->n_hidden >= XLSX_MAX_COL)
        return; /* more runs than columns: nothing more to learn */
    if (array_grow((void **)&s->hidden, &s->cap_hidden, s->n_hidden,
             sizeof *s->hidden) < 0) {
        part_failed(sp->p, BC_ERR_NOMEM);
        return;
    }
    xlsx_range r = {0, (uint32_t)lo, 0, (uint32_t)hi};
    s->hidden[s->n_hidden++] = r;
}

/* Forgets the dropdowns recorded for sheet s. */
static void dropdowns_clear(sheet_info *s)
{
    for (size_t i = 0; i < s->n_dd; i++) {
        free((char *)s->dd[i].sqref);
        free((char *)s->dd[i].source);
    }
    s->n_dd = 0;
}

/* A <dataValidation>: a list (a dropdown) is kept when its <formula1>
 * ends (dropdown_end); other kinds are not. */
static void dropdown_start(sheet_pass *sp, int nattr, const xmlChar **attrs)
{
    const char *t = attr_val(nattr, attrs, "type", &sp->a);
    if (!t || strcmp(t, "list") != 0)
        return;
    const char *ref = attr_val(nattr, attrs, "sqref", &sp->dv_ref);
    if (sp->a.failed || sp->dv_ref.failed) {
        part_failed(sp->p, BC_ERR_NOMEM);
        return;
    }
    if (!ref)
        return;
    sp->dv_depth = sp->p->depth;
    sb_reset(&sp->dv_src);
}

static void dropdown_end(sheet_pass *sp)
{
    sheet_info *s = sp->s;
    const char *src = sb_str(&sp->dv_src);
    sp->dv_depth = sp->f1_depth = -1;
    if (!*src || sp->dv_src.len > XLSX_MAX_DROPDOWN_SOURCE ||
        s->n_dd >= XLSX_MAX_DROPDOWNS ||
        !text_utf8_valid(src, strlen(src)))
        return;
    if (*src == '=')
        src++;
    char *ref = bc_strdup(sb_str(&sp->dv_ref)), *f = bc_strdup(src);
    if (!ref || !f ||
        array_grow((void **)&s->dd, &s->cap_dd, s->n_dd, sizeof *s->dd) < 0) {
        free(ref);
        free(f);
        part_failed(sp->p, BC_ERR_NOMEM);
        return;
    }
    s->dd[s->n_dd].sqref = ref;
    s->dd[s->n_dd++].source = f;
}

/* The start of a <row>: sets the row number; a bad row is reported and
 * read to its end unseen. */
static void read_row(sheet_pass *sp, int empty, int nattr,
                     const xmlChar **attrs)
{
    const char *r = attr_val(nattr, attrs, "r", &sp->a);
    uint32_t row = sp->row + 1;
    if (sp->a.failed) {
        part_failed(sp->p, BC_ERR_NOMEM);
        return;
    }
    if (r) {
        char *end = NULL;
        unsigned long v = strtoul(r, &end, 10);
        row = (!*r || *end || r[0] == '-' || v == 0 || v > XLSX_MAX_ROW)
                  ? 0
                  : (uint32_t)v;
    }
    if (row == 0 || row > XLSX_MAX_ROW) {
        bc_loc at = {sp->b->name, 0, sp->s->name};
        char *cut = r ? text_utf8_repair(r, XLSX_FOUND_MAX) : NULL;
        diag_add(sp->b->d, BC_SEV_ERROR, "XLSX-CELL", &at, cut ? cut : r,
                 "từ 1 đến 1048576", "hàng có số thứ tự không hợp lệ");
        free(cut);
        sp->bad_cells++;
        sp->skip_depth = sp->p->depth;
        return;
    }
    const char *h = attr_val(nattr, attrs, "hidden", &sp->a);
    if (sp->a.failed) {
        part_failed(sp->p, BC_ERR_NOMEM);
        return;
    }
    sp->row_hidden = h && (strcmp(h, "1") == 0 || strcmp(h, "true") == 0);
    sp->row = row;
    sp->col = 0;
    /* an empty <row/> leaves the row before it open */
    if (!empty)
        sp->row_depth = sp->p->depth;
}

static void sheet_start(part *p, const char *name, int empty, int nattr,
                        const xmlChar **attrs)
{
    sheet_pass *sp = p->user;
    if (sp->skip_depth >= 0)
        return;
    if (sp->c_depth >= 0) {
        cell_child(sp, name, nattr, attrs);
        return;
    }
    if (strcmp(name, "row") == 0)
        read_row(sp, empty, nattr, attrs);
    else if (sp->row_depth >= 0 && strcmp(name, "c") == 0)
        cell_start(sp, nattr, attrs);
    else if (strcmp(name, "mergeCell") == 0)
        read_merge(sp, nattr, attrs);
    else if (sp->row_depth < 0 && strcmp(name, "col") == 0)
        read_col(sp, nattr, attrs);
    else if (sp->row_depth < 0 && sp->dv_depth < 0 &&
             strcmp(name, "dataValidation") == 0)
        dropdown_start(sp, nattr, attrs);
    else if (sp->dv_depth >= 0 && sp->p->depth == sp->dv_depth + 1 &&
             strcmp(name, "formula1") == 0)
        sp->f1_depth = sp->p->depth;
}

static void sheet_end(part *p, const char *name)
{
    sheet_pass *sp = p->user;
    int depth = p->depth;
    (void)name;
    if (sp->skip_depth >= 0) {
        if (depth == sp->skip_depth)
            sp->skip_depth = -1;
        return;
    }
    if (sp->c_depth >= 0) {
        if (depth == sp->c_depth)
            cell_end(sp);
        else if (depth == sp->v_depth)
            sp->v_depth = -1;
        else if (depth == sp->is_depth)
            sp->is_depth = -1;
        else if (depth == sp->child_skip)
            sp->child_skip = -1;
        else if (depth == sp->f_depth)
            sp->f_depth = -1;
        else if (sp->is_depth >= 0)
            rich_end(&sp->r, depth);
        return;
    }
    if (sp->row_depth >= 0 && depth == sp->row_depth)
        sp->row_depth = -1;
    else if (depth == sp->f1_depth)
        sp->f1_depth = -1;
    else if (depth == sp->dv_depth)
        dropdown_end(sp);
}

static void dropdown_text(sheet_pass *sp, const char *s, size_t len);

static void sheet_text(part *p, const char *s, size_t len)
{
    sheet_pass *sp = p->user;
    if (sp->c_depth < 0) {
        dropdown_text(sp, s, len);
        return;
    }
    if (sp->c_bad)
        return;
    if (sp->v_depth >= 0) {
        add_text(p, &sp->v, s, len);
    } else if (sp->is_depth >= 0 && rich_takes_text(&sp->r)) {
        add_text(p, &sp->is, s, len);
    } else if (sp->f_depth >= 0 && sp->f_text) {
        if (len > XLSX_MAX_FORMULA - sp->f.len)
            sp->f_text = 0; /* too long to hand out: the value only */
        else
            sb_add(&sp->f, s, len);
    }
}

/* Text outside the cells: the source of a dropdown (<formula1>). */
static void dropdown_text(sheet_pass *sp, const char *s, size_t len)
{
    if (sp->f1_depth >= 0 && sp->dv_src.len <= XLSX_MAX_DROPDOWN_SOURCE)
        sb_add(&sp->dv_src, s,
               len > XLSX_MAX_DROPDOWN_SOURCE + 1 ? XLSX_MAX_DROPDOWN_SOURCE + 1
                                                  : len);
}

static bc_status read_sheet(xlsx_book *b, size_t i, xlsx_cell_fn cb,
                            void *ctx)
{
    static const part_handler h = {sheet_start, sheet_end, sheet_text};
    part p;
    memset(&p, 0, sizeof p);
    sheet_pass sp;
    memset(&sp, 0, sizeof sp);
    sp.b = b;
    sp.p = &p;
    sp.cb = cb;
    sp.ctx = ctx;
    sp.row_depth = sp.skip_depth = sp.c_depth = -1;
    sp.v_depth = sp.is_depth = sp.child_skip = sp.f_depth = -1;
    sp.dv_depth = sp.f1_depth = -1;
    bc_status st = BC_OK;
    if (!b || i >= b->n_sheets) {
        st = BC_ERR_USAGE;
        goto out;
    }
    sheet_info *s = sp.s = &b->sheets[i];
    if (!s->part) {
        bfind(b, "XLSX-PART", s->name, s->rid, NULL,
              "trang tính «%s» không có phần dữ liệu (mã liên kết %s không "
              "có trong xl/_rels/workbook.xml.rels)",
              s->name, s->rid);
        st = BC_ERR_INVALID;
        goto out;
    }
    if (locate(b->za, s->part) < 0) {
        bfind(b, "XLSX-PART", s->name, s->part, NULL,
              "sổ tính thiếu phần %s chứa dữ liệu trang tính «%s»", s->part,
              s->name);
        st = BC_ERR_INVALID;
        goto out;
    }
    if ((st = part_open(b, s->part, 1, &p)) != BC_OK)
        goto out;
    s->n_merges = 0;
    s->merges_done = 0;
    s->n_hidden = 0;
    dropdowns_clear(s);
    if ((st = part_parse(&p, &h, &sp)) != BC_OK)
        goto out;
    if (!sp.stopped)
        s->merges_done = 1;
    if (sp.bad_cells)
        st = BC_ERR_INVALID;
out:
    sb_release(&sp.place);
    sb_release(&sp.v);
    sb_release(&sp.is);
    sb_release(&sp.t);
    sb_release(&sp.st);
    sb_release(&sp.f);
    sb_release(&sp.dv_ref);
    sb_release(&sp.dv_src);
    sb_release(&sp.a);
    part_close(&p);
    return st;
}

bc_status xlsx_sheet_rows(xlsx_book *b, size_t sheet, xlsx_cell_fn cb,
                          void *ctx)
{
    return read_sheet(b, sheet, cb, ctx);
}

bc_diag *xlsx_set_diag(xlsx_book *b, bc_diag *d)
{
    bc_diag *old = b->d;
    b->d = d;
    return old;
}

bc_status xlsx_sheet_merges(xlsx_book *b, size_t sheet,
                            const xlsx_range **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    if (!b || sheet >= b->n_sheets)
        return BC_ERR_USAGE;
    sheet_info *s = &b->sheets[sheet];
    bc_status st = BC_OK;
    if (!s->merges_done)
        st = read_sheet(b, sheet, NULL, NULL);
    if (s->merges_done) {
        *out = s->merges;
        *n = s->n_merges;
    }
    return st;
}

int xlsx_col_hidden(const xlsx_book *b, size_t sheet, uint32_t col)
{
    if (!b || sheet >= b->n_sheets)
        return 0;
    const sheet_info *s = &b->sheets[sheet];
    return reader_col_in(s->hidden, s->n_hidden, col);
}

void xlsx_sheet_dropdowns(const xlsx_book *b, size_t sheet,
                          const xlsx_dropdown **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    if (!b || sheet >= b->n_sheets || !b->sheets[sheet].merges_done)
        return;
    *out = b->sheets[sheet].dd;
    *n = b->sheets[sheet].n_dd;
}
