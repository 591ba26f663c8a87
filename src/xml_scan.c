/* xml_scan.c - the plain XML of workbook parts, scanned (xml_scan.h). */
#include "xml_scan.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/uri.h>

#include "util.h"

#define XML_NS_URI "http://www.w3.org/XML/1998/namespace"

/* A namespace prefix declared on an open element: offsets into the
 * document (which may move between feeds). */
typedef struct ns_decl {
    size_t prefix, uri;
    size_t prefix_len, uri_len;
} ns_decl;

/* An open element: its qualified name (an offset into the document) and
 * how many declarations were in scope before it. */
typedef struct open_el {
    size_t qname;
    size_t qlen;
    size_t n_ns;
} open_el;

/* One attribute of the tag being read, as offsets into the scratch
 * buffer (it may move while the tag is read). */
typedef struct attr_at {
    size_t local, prefix, uri, value, end; /* SIZE_MAX: none */
    size_t pfx, pfx_len;                   /* the prefix in the document */
} attr_at;

enum { PHASE_PROLOG, PHASE_CONTENT, PHASE_EPILOG, PHASE_DONE };

struct xml_scan {
    const char *base;      /* the document so far, for this feed */
    const char *p, *end;   /* the token being read */
    size_t pos;            /* offset of the next token */
    int phase;
    int max_depth;
    const xml_scan_events *ev;
    void *ctx;
    int stopped;
    size_t delivered;      /* start and end events delivered */
    bc_strbuf text;        /* a text read, delivered before the next tag */
    int depth;
    ns_decl *ns;
    size_t n_ns, cap_ns;
    char *buf;             /* scratch: a tag's names and values, a text */
    size_t len, cap;
    attr_at *at;
    size_t n_at, cap_at;
    const xmlChar **attrs; /* 5 per attribute */
    size_t cap_attrs;
    int nomem;
    open_el els[];         /* max_depth of them */
};
typedef struct xml_scan scan;

static void deliver_text(scan *s);

/* -1: not sure (or out of memory: s->nomem) */
#define NOT_SURE (-1)

static int grow(void **v, size_t *cap, size_t need, size_t size, scan *s)
{
    if (need <= *cap)
        return 0;
    size_t nc = *cap ? *cap : 64;
    while (nc < need) {
        if (nc > SIZE_MAX / 2 / size) {
            s->nomem = 1;
            return NOT_SURE;
        }
        nc *= 2;
    }
    void *n = realloc(*v, nc * size);
    if (!n) {
        s->nomem = 1;
        return NOT_SURE;
    }
    *v = n;
    *cap = nc;
    return 0;
}

/* Appends n bytes to the scratch buffer (room kept for a NUL). */
static int put_slow(scan *s, const char *b, size_t n)
{
    if (n > SIZE_MAX - s->len - 1 ||
        grow((void **)&s->buf, &s->cap, s->len + n + 1, 1, s) != 0)
        return NOT_SURE;
    memcpy(s->buf + s->len, b, n);
    s->len += n;
    return 0;
}

static inline int put(scan *s, const char *b, size_t n)
{
    if (s->cap - s->len > n) {
        memcpy(s->buf + s->len, b, n);
        s->len += n;
        return 0;
    }
    return put_slow(s, b, n);
}

static inline int is_space(char c)
{
    return (unsigned char)c <= ' ' && (c == ' ' || c == '\t' || c == '\n' || c == '\r');
}

static inline void skip_space(scan *s)
{
    while (s->p < s->end && is_space(*s->p))
        s->p++;
}

static inline int name_start(unsigned char c)
{
    return (unsigned)((c | 0x20) - 'a') < 26 || c == '_';
}

static inline int name_char(unsigned char c)
{
    return name_start(c) || (unsigned)(c - '0') < 10 || c == '-' || c == '.';
}

/* An ASCII qualified name at s->p (prefix:local or local); *colon is
 * its ':' or NULL.  Its length, or 0 when there is none (or it is not
 * ASCII, or has two colons). */
static size_t read_qname(scan *s, const char **colon)
{
    const char *q = s->p;
    *colon = NULL;
    if (q >= s->end || !name_start((unsigned char)*q))
        return 0;
    q++;
    while (q < s->end) {
        unsigned char c = (unsigned char)*q;
        if (name_char(c)) {
            q++;
        } else if (c == ':' && !*colon && q + 1 < s->end &&
                   name_start((unsigned char)q[1])) {
            *colon = q++;
        } else {
            break;
        }
    }
    /* a byte that could still be part of a name: not sure */
    if (q < s->end && ((unsigned char)*q >= 0x80 || *q == ':'))
        return 0;
    size_t n = (size_t)(q - s->p);
    s->p = q;
    return n;
}

/* One UTF-8 character at q (q < end) that XML allows: its length, or 0. */
static size_t xml_char(const char *q, const char *end)
{
    unsigned char c = (unsigned char)*q;
    if (c < 0x80)
        return (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') ? 1 : 0;
    size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
    if (!n || c > 0xF4 || (size_t)(end - q) < n)
        return 0;
    uint32_t cp = c & (0x7F >> n);
    for (size_t i = 1; i < n; i++) {
        unsigned char k = (unsigned char)q[i];
        if ((k & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (k & 0x3F);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE || cp == 0xFFFF)
        return 0;
    return n;
}

/* Puts code point cp as UTF-8; NOT_SURE when XML does not allow it. */
static int put_cp(scan *s, uint32_t cp)
{
    char u[4];
    size_t n;
    if (cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp < 0x80)) {
        u[0] = (char)cp;
        n = 1;
    } else if (cp >= 0x80 && cp < 0x800) {
        u[0] = (char)(0xC0 | (cp >> 6));
        u[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if ((cp >= 0x800 && cp < 0xD800) || (cp >= 0xE000 && cp <= 0xFFFD)) {
        u[0] = (char)(0xE0 | (cp >> 12));
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else if (cp >= 0x10000 && cp <= 0x10FFFF) {
        u[0] = (char)(0xF0 | (cp >> 18));
        u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    } else {
        return NOT_SURE;
    }
    return put(s, u, n);
}

/* A reference at s->p ('&'): decoded onto the scratch buffer.  In an
 * attribute value a '&' is put as "&#38;", as libxml2 hands it over. */
static int read_ref(scan *s, int in_attr)
{
    static const struct { const char *name; char c; } pre[] = {
        {"amp;", '&'}, {"lt;", '<'}, {"gt;", '>'}, {"quot;", '"'}, {"apos;", '\''}};
    const char *q = s->p + 1;
    uint32_t cp = 0;
    if (q < s->end && *q == '#') {
        int hex = q + 1 < s->end && q[1] == 'x';
        q += hex ? 2 : 1;
        const char *digits = q;
        while (q < s->end && *q != ';') {
            unsigned d;
            char c = *q;
            if (c >= '0' && c <= '9')
                d = (unsigned)(c - '0');
            else if (hex && c >= 'a' && c <= 'f')
                d = (unsigned)(c - 'a' + 10);
            else if (hex && c >= 'A' && c <= 'F')
                d = (unsigned)(c - 'A' + 10);
            else
                return NOT_SURE;
            cp = cp * (hex ? 16 : 10) + d;
            if (cp > 0x10FFFF)
                return NOT_SURE;
            q++;
        }
        if (q >= s->end || q == digits)
            return NOT_SURE;
        s->p = q + 1;
    } else {
        size_t k = 0;
        for (; k < sizeof pre / sizeof pre[0]; k++) {
            size_t n = strlen(pre[k].name);
            if ((size_t)(s->end - q) >= n && memcmp(q, pre[k].name, n) == 0)
                break;
        }
        if (k == sizeof pre / sizeof pre[0])
            return NOT_SURE; /* an entity of a DTD, or no name */
        s->p = q + strlen(pre[k].name);
        cp = (unsigned char)pre[k].c;
    }
    if (in_attr && cp == '&')
        return put(s, "&#38;", 5);
    return put_cp(s, cp);
}

/* Puts the run of plain bytes at s->p (printable ASCII but '<', '&' and
 * stop) as they are; s->p after it. */
static int put_run(scan *s, char stop)
{
    const char *q = s->p;
    while (q < s->end && (unsigned)((unsigned char)*q - 0x20) < 0x60 &&
           *q != '<' && *q != '&' && *q != stop)
        q++;
    if (q > s->p && put(s, s->p, (size_t)(q - s->p)) != 0)
        return NOT_SURE;
    s->p = q;
    return 0;
}

/* An Eq ("=" between optional white space) then the opening quote of a
 * value, s->p left on the quote. */
static int read_eq(scan *s)
{
    skip_space(s);
    if (s->p >= s->end || *s->p != '=')
        return NOT_SURE;
    s->p++;
    skip_space(s);
    if (s->p >= s->end || (*s->p != '"' && *s->p != '\''))
        return NOT_SURE;
    return 0;
}

/* Puts the character at s->p as it is, when XML allows it. */
static int put_char(scan *s)
{
    size_t n = xml_char(s->p, s->end);
    if (!n || put(s, s->p, n) != 0)
        return NOT_SURE;
    s->p += n;
    return 0;
}

/* The text up to the next '<' (or the end), decoded onto the scratch
 * buffer (emptied first). */
static int read_text(scan *s)
{
    s->len = 0;
    while (s->p < s->end && *s->p != '<') {
        if (put_run(s, ']') != 0)
            return NOT_SURE;
        const char *q = s->p;
        if (q >= s->end || *q == '<')
            break;
        if (*q == '&') {
            if (read_ref(s, 0) != 0)
                return NOT_SURE;
        } else if (*q == ']') {
            if (s->end - q >= 3 && q[1] == ']' && q[2] == '>')
                return NOT_SURE; /* "]]>" outside CDATA */
            if (put(s, "]", 1) != 0)
                return NOT_SURE;
            s->p++;
        } else if (*q == '\r') {
            if (put(s, "\n", 1) != 0)
                return NOT_SURE;
            s->p += (s->end - q >= 2 && q[1] == '\n') ? 2 : 1;
        } else if (put_char(s) != 0) {
            return NOT_SURE;
        }
    }
    return 0;
}

/* A quoted attribute value at s->p, normalised (each white-space
 * character a space) and decoded onto the scratch buffer. */
static int read_value(scan *s)
{
    if (s->p >= s->end || (*s->p != '"' && *s->p != '\''))
        return NOT_SURE;
    char quote = *s->p++;
    for (;;) {
        if (s->p >= s->end)
            return NOT_SURE;
        if (put_run(s, quote) != 0)
            return NOT_SURE;
        const char *q = s->p;
        if (q >= s->end || *q == '<')
            return NOT_SURE;
        if (*q == quote) {
            s->p++;
            return 0;
        }
        if (*q == '&') {
            if (read_ref(s, 1) != 0)
                return NOT_SURE;
        } else if (*q == '\t' || *q == '\n' || *q == '\r') {
            if (put(s, " ", 1) != 0)
                return NOT_SURE;
            s->p += (*q == '\r' && s->end - q >= 2 && q[1] == '\n') ? 2 : 1;
        } else if (put_char(s) != 0) {
            return NOT_SURE;
        }
    }
}

/* The URI the prefix [pfx, pfx + n) stands for, NUL-terminated into the
 * scratch buffer at *at; NOT_SURE when undeclared. */
static int put_uri(scan *s, const char *pfx, size_t n, size_t *at)
{
    const char *uri = NULL;
    size_t ulen = 0;
    if (n == 3 && memcmp(pfx, "xml", 3) == 0) {
        uri = XML_NS_URI;
        ulen = strlen(XML_NS_URI);
    } else {
        for (size_t k = s->n_ns; k-- > 0;)
            if (s->ns[k].prefix_len == n &&
                memcmp(s->base + s->ns[k].prefix, pfx, n) == 0) {
                uri = s->base + s->ns[k].uri;
                ulen = s->ns[k].uri_len;
                break;
            }
    }
    if (!uri)
        return NOT_SURE;
    *at = s->len;
    return put(s, uri, ulen) || put(s, "", 1) ? NOT_SURE : 0;
}

/* Records a declaration xmlns[:prefix]="uri" read raw at [v, v + vlen)
 * on the tag whose declarations begin at s->ns[from] (a value with a
 * reference, white space or a character XML does not allow, or a prefix
 * declared twice there, is not sure). */
static int declare(scan *s, size_t from, const char *pfx, size_t plen,
                   const char *v, size_t vlen)
{
    for (size_t k = from; pfx && k < s->n_ns; k++)
        if (s->ns[k].prefix_len == plen &&
            memcmp(s->base + s->ns[k].prefix, pfx, plen) == 0)
            return NOT_SURE;
    for (size_t i = 0; i < vlen;) {
        size_t n = xml_char(v + i, v + vlen);
        if (!n || v[i] == '&' || v[i] == '<' || is_space(v[i]))
            return NOT_SURE;
        i += n;
    }
    if (pfx && (vlen == 0 || (plen == 3 && memcmp(pfx, "xml", 3) == 0) ||
                (plen == 5 && memcmp(pfx, "xmlns", 5) == 0)))
        return NOT_SURE;
    /* libxml2 refuses a namespace name that is not a URI by its own
     * reading (xmlParseURI), or that of xml or xmlns */
    if (vlen) {
        size_t at = s->len;
        if (put(s, v, vlen) || put(s, "", 1))
            return NOT_SURE;
        const char *u = s->buf + at;
        xmlURIPtr uri = strcmp(u, XML_NS_URI) == 0 ||
                                strcmp(u, "http://www.w3.org/2000/xmlns/") == 0
                            ? NULL
                            : xmlParseURI(u);
        s->len = at;
        if (!uri)
            return NOT_SURE;
        xmlFreeURI(uri);
    }
    /* only the prefixed ones matter: element namespaces are not looked at */
    if (!pfx)
        return 0;
    if (grow((void **)&s->ns, &s->cap_ns, s->n_ns + 1, sizeof *s->ns, s) != 0)
        return NOT_SURE;
    s->ns[s->n_ns++] = (ns_decl){(size_t)(pfx - s->base), (size_t)(v - s->base),
                                 plen, vlen};
    return 0;
}

/* A start tag, s->p just past '<'. */
static int read_start(scan *s)
{
    if (s->depth >= s->max_depth)
        return NOT_SURE;
    const char *colon, *qname = s->p;
    size_t qlen = read_qname(s, &colon);
    if (!qlen)
        return NOT_SURE;
    open_el *el = &s->els[s->depth];
    el->qname = (size_t)(qname - s->base);
    el->qlen = qlen;
    el->n_ns = s->n_ns;
    s->len = 0;
    s->n_at = 0;
    int empty = 0, defaults = 0;
    for (;;) {
        int sp = s->p < s->end && is_space(*s->p);
        skip_space(s);
        if (s->p >= s->end)
            return NOT_SURE;
        if (*s->p == '>') {
            s->p++;
            break;
        }
        if (*s->p == '/') {
            if (s->end - s->p < 2 || s->p[1] != '>')
                return NOT_SURE;
            s->p += 2;
            empty = 1;
            break;
        }
        if (!sp)
            return NOT_SURE; /* attributes not apart */
        const char *an = s->p, *acolon;
        size_t alen = read_qname(s, &acolon);
        if (!alen || read_eq(s) != 0)
            return NOT_SURE;
        int dflt = alen == 5 && memcmp(an, "xmlns", 5) == 0;
        if (dflt || (acolon && acolon - an == 5 && memcmp(an, "xmlns", 5) == 0)) {
            const char *v = s->p + 1, *ve = memchr(v, *s->p, (size_t)(s->end - v));
            if (!ve || (dflt && ++defaults > 1) ||
                declare(s, el->n_ns, dflt ? NULL : acolon + 1, dflt ? 0 : alen - 6, v,
                        (size_t)(ve - v)) != 0)
                return NOT_SURE;
            s->p = ve + 1;
            continue;
        }
        const char *local = acolon ? acolon + 1 : an;
        size_t llen = acolon ? alen - (size_t)(acolon - an) - 1 : alen;
        /* the same local name twice: libxml2 may refuse it */
        for (size_t k = 0; k < s->n_at; k++) {
            const char *o = s->buf + s->at[k].local;
            if (strncmp(o, local, llen) == 0 && o[llen] == '\0')
                return NOT_SURE;
        }
        if (grow((void **)&s->at, &s->cap_at, s->n_at + 1, sizeof *s->at, s) != 0)
            return NOT_SURE;
        attr_at *a = &s->at[s->n_at];
        a->local = s->len;
        if (put(s, local, llen) || put(s, "", 1))
            return NOT_SURE;
        a->prefix = a->uri = SIZE_MAX;
        a->pfx = acolon ? (size_t)(an - s->base) : SIZE_MAX;
        a->pfx_len = acolon ? (size_t)(acolon - an) : 0;
        a->value = s->len;
        if (read_value(s) != 0)
            return NOT_SURE;
        a->end = s->len;
        if (put(s, "", 1) != 0)
            return NOT_SURE;
        s->n_at++;
    }
    /* the prefixes, with every declaration of the tag in scope */
    size_t at;
    if (colon && put_uri(s, qname, (size_t)(colon - qname), &at) != 0)
        return NOT_SURE;
    for (size_t k = 0; k < s->n_at; k++) {
        attr_at *a = &s->at[k];
        if (a->pfx == SIZE_MAX)
            continue;
        a->prefix = s->len;
        if (put(s, s->base + a->pfx, a->pfx_len) || put(s, "", 1) ||
            put_uri(s, s->base + a->pfx, a->pfx_len, &a->uri) != 0)
            return NOT_SURE;
    }
    /* the element's local name last */
    size_t name_at = s->len;
    const char *local = colon ? colon + 1 : qname;
    if (put(s, local, qlen - (size_t)(local - qname)) || put(s, "", 1))
        return NOT_SURE;
    if (grow((void **)&s->attrs, &s->cap_attrs, 5 * s->n_at + 1,
             sizeof *s->attrs, s) != 0)
        return NOT_SURE;
    deliver_text(s);
    if (s->ev) {
        for (size_t k = 0; k < s->n_at; k++) {
            const attr_at *a = &s->at[k];
            const xmlChar **o = s->attrs + 5 * k;
            o[0] = (const xmlChar *)s->buf + a->local;
            o[1] = a->prefix == SIZE_MAX ? NULL : (const xmlChar *)s->buf + a->prefix;
            o[2] = a->uri == SIZE_MAX ? NULL : (const xmlChar *)s->buf + a->uri;
            o[3] = (const xmlChar *)s->buf + a->value;
            o[4] = (const xmlChar *)s->buf + a->end;
        }
        s->ev->start(s->ctx, s->buf + name_at, empty, (int)s->n_at, s->attrs);
        if (empty)
            s->ev->end(s->ctx, s->buf + name_at);
    }
    s->delivered += empty ? 2 : 1;
    if (empty)
        s->n_ns = el->n_ns;
    else
        s->depth++;
    return 0;
}

/* An end tag, s->p just past "</". */
static int read_end(scan *s)
{
    if (s->depth == 0)
        return NOT_SURE;
    open_el *el = &s->els[s->depth - 1];
    const char *qname = s->base + el->qname;
    if ((size_t)(s->end - s->p) < el->qlen || memcmp(s->p, qname, el->qlen) != 0)
        return NOT_SURE;
    s->p += el->qlen;
    skip_space(s);
    if (s->p >= s->end || *s->p != '>')
        return NOT_SURE;
    s->p++;
    const char *colon = memchr(qname, ':', el->qlen);
    const char *local = colon ? colon + 1 : qname;
    s->len = 0;
    if (put(s, local, el->qlen - (size_t)(local - qname)) || put(s, "", 1))
        return NOT_SURE;
    s->depth--;
    s->n_ns = el->n_ns;
    deliver_text(s);
    if (s->ev)
        s->ev->end(s->ctx, s->buf);
    s->delivered++;
    return 0;
}

/* A comment, s->p at "<!--": skipped (no "--" inside). */
static int skip_comment(scan *s)
{
    const char *q = s->p + 4;
    for (;;) {
        while (q < s->end && *q != '-') {
            size_t n = xml_char(q, s->end);
            if (!n)
                return NOT_SURE;
            q += n;
        }
        if (s->end - q < 3)
            return NOT_SURE;
        if (q[1] == '-') {
            if (q[2] != '>')
                return NOT_SURE;
            s->p = q + 3;
            return 0;
        }
        q++;
    }
}

/* The XML declaration, when there is one: version 1.0, UTF-8 if any
 * encoding, standalone yes or no. */
static int read_decl(scan *s)
{
    if (s->end - s->p < 6 || memcmp(s->p, "<?xml", 5) != 0 || !is_space(s->p[5]))
        return 0;
    s->p += 5;
    static const char *const names[] = {"version", "encoding", "standalone"};
    int k = 0;
    for (;;) {
        int sp = s->p < s->end && is_space(*s->p);
        skip_space(s);
        if (s->end - s->p >= 2 && s->p[0] == '?' && s->p[1] == '>') {
            s->p += 2;
            return k ? 0 : NOT_SURE;
        }
        if (!sp)
            return NOT_SURE;
        size_t n = 0;
        while (k < 3) {
            n = strlen(names[k]);
            if ((size_t)(s->end - s->p) >= n && memcmp(s->p, names[k], n) == 0)
                break;
            if (k == 0)
                return NOT_SURE; /* version comes first */
            k++;
        }
        if (k == 3)
            return NOT_SURE;
        s->p += n;
        if (read_eq(s) != 0)
            return NOT_SURE;
        const char *v = s->p + 1, *ve = memchr(v, *s->p, (size_t)(s->end - v));
        if (!ve)
            return NOT_SURE;
        size_t vl = (size_t)(ve - v);
        int ok = k == 0 ? (vl == 3 && memcmp(v, "1.0", 3) == 0)
                 : k == 1 ? (vl == 5 && (memcmp(v, "UTF-8", 5) == 0 ||
                                         memcmp(v, "utf-8", 5) == 0))
                          : ((vl == 3 && memcmp(v, "yes", 3) == 0) ||
                             (vl == 2 && memcmp(v, "no", 2) == 0));
        if (!ok)
            return NOT_SURE;
        s->p = ve + 1;
        k++;
    }
}

/* Bytes of the document beyond a token's start that must be here before
 * it is read (unless the document is all here): no token of a workbook
 * part comes near it (a cell holds at most 32,767 characters). */
#define SCAN_AHEAD ((size_t)256 << 10)

/* The text read since the last tag event, to the handler. */
static void deliver_text(scan *s)
{
    if (s->text.len && s->ev)
        s->ev->text(s->ctx, sb_str(&s->text), s->text.len);
    sb_reset(&s->text);
}

/* The end (exclusive) of the token at q: a tag to its '>' outside quoted
 * values, a comment to its "-->", text to the next '<'.  NULL when the
 * document so far ends first. */
static const char *token_end(const char *q, const char *end)
{
    if (*q != '<') {
        const char *lt = memchr(q, '<', (size_t)(end - q));
        return lt;
    }
    if (end - q < 4)
        return NULL; /* "<!--" or not: not known yet */
    if (memcmp(q, "<!--", 4) == 0) {
        for (const char *k = q + 4; end - k >= 3; k++) {
            k = memchr(k, '-', (size_t)(end - k));
            if (!k || end - k < 3)
                return NULL;
            if (k[1] == '-')
                return k[2] == '>' ? k + 3 : k + 2; /* "--" not "-->": a fault */
        }
        return NULL;
    }
    char quote = 0;
    for (const char *k = q + 1; k < end; k++) {
        if (quote) {
            k = memchr(k, quote, (size_t)(end - k));
            if (!k)
                return NULL;
            quote = 0;
        } else if (*k == '"' || *k == '\'') {
            quote = *k;
        } else if (*k == '>') {
            return k + 1;
        }
    }
    return NULL;
}

/* The prolog: an optional byte order mark and XML declaration, then
 * white space and comments, up to the root's '<'.  1 when it is all
 * here (s->pos then at the '<'), 0 when more is needed, NOT_SURE. */
static int read_prolog(scan *s, size_t len, int final)
{
    const char *b = s->base, *e = b + len;
    /* the prolog is read again from the start until the root is found */
    size_t need = len < 64 ? len : 64;
    if (!final && need < 64)
        return 0;
    s->p = b;
    s->end = e;
    if (len >= 3 && memcmp(b, "\xEF\xBB\xBF", 3) == 0)
        s->p += 3;
    if (e - s->p >= 5 && memcmp(s->p, "<?xml", 5) == 0) {
        const char *qe = NULL;
        for (const char *k = s->p; e - k >= 2; k++)
            if (k[0] == '?' && k[1] == '>') {
                qe = k + 2;
                break;
            }
        if (!qe)
            return final ? NOT_SURE : 0;
        s->end = qe;
        if (read_decl(s) != 0 || s->p != qe)
            return NOT_SURE;
        s->end = e;
    }
    for (;;) {
        skip_space(s);
        if (s->p >= e)
            return final ? NOT_SURE : 0;
        if (*s->p != '<')
            return NOT_SURE;
        if (e - s->p >= 4 && memcmp(s->p, "<!--", 4) == 0) {
            const char *te = token_end(s->p, e);
            if (!te)
                return final ? NOT_SURE : 0;
            s->end = te;
            if (skip_comment(s) != 0)
                return NOT_SURE;
            s->end = e;
            continue;
        }
        if (e - s->p < 4 && !final)
            return 0;
        s->pos = (size_t)(s->p - b);
        return 1;
    }
}

/* Reads the tokens of the document so far (len bytes, final when that is
 * all of it) from s->pos. */
static xml_scan_result feed(scan *s, size_t len, int final)
{
    const char *b = s->base, *e = b + len;
    if (s->phase == PHASE_PROLOG) {
        int r = read_prolog(s, len, final);
        if (r <= 0)
            return r == 0 ? XML_SCAN_MORE : XML_SCAN_UNSURE;
        s->phase = PHASE_CONTENT;
    }
    while (s->phase == PHASE_CONTENT) {
        if (s->stopped || (s->ev && s->ev->stop && s->ev->stop(s->ctx))) {
            s->stopped = 1;
            return XML_SCAN_OK;
        }
        const char *q = b + s->pos;
        /* a token is read when the document is all here, or when
         * SCAN_AHEAD bytes of it are: one longer than that, cut by the
         * end of what is here, is not sure */
        if (!final && (size_t)(e - q) < SCAN_AHEAD)
            return XML_SCAN_MORE;
        if (q >= e)
            return XML_SCAN_UNSURE;
        s->p = q;
        s->end = e;
        int r;
        if (*q != '<') {
            r = read_text(s);
            if (r == 0 && s->p >= e)
                r = NOT_SURE; /* the content does not end */
            if (r == 0) {
                sb_add(&s->text, s->buf, s->len);
                if (s->text.failed) {
                    s->nomem = 1;
                    r = NOT_SURE;
                }
            }
        } else if (e - q >= 2 && q[1] == '/') {
            s->p += 2;
            r = read_end(s);
        } else if (e - q >= 4 && memcmp(q, "<!--", 4) == 0) {
            r = skip_comment(s);
        } else {
            s->p++;
            r = read_start(s);
        }
        if (r != 0)
            return s->nomem ? XML_SCAN_NOMEM : XML_SCAN_UNSURE;
        s->pos = (size_t)(s->p - b);
        if (s->depth == 0)
            s->phase = PHASE_EPILOG;
    }
    if (s->phase == PHASE_EPILOG) {
        s->p = b + s->pos;
        s->end = e;
        for (;;) {
            skip_space(s);
            if (s->p >= e)
                break;
            if (*s->p != '<')
                return XML_SCAN_UNSURE;
            if (e - s->p < 4)
                return final ? XML_SCAN_UNSURE : XML_SCAN_MORE;
            if (memcmp(s->p, "<!--", 4) != 0)
                return XML_SCAN_UNSURE;
            const char *te = token_end(s->p, e);
            if (!te)
                return final ? XML_SCAN_UNSURE : XML_SCAN_MORE;
            s->end = te;
            if (skip_comment(s) != 0)
                return XML_SCAN_UNSURE;
            s->end = e;
        }
        s->pos = len;
        if (!final)
            return XML_SCAN_MORE;
        s->phase = PHASE_DONE;
    }
    return XML_SCAN_OK;
}

xml_scan *xml_scan_new(int max_depth, const xml_scan_events *ev, void *ctx)
{
    if (max_depth <= 0 || (size_t)max_depth > (SIZE_MAX - sizeof(scan)) / sizeof(open_el))
        return NULL;
    scan *s = calloc(1, sizeof *s + (size_t)max_depth * sizeof(open_el));
    if (!s)
        return NULL;
    s->max_depth = max_depth;
    s->ev = ev;
    s->ctx = ctx;
    return s;
}

xml_scan_result xml_scan_feed(xml_scan *s, const char *doc, size_t len, int final)
{
    if (s->phase == PHASE_DONE)
        return XML_SCAN_OK;
    if (len < s->pos)
        return XML_SCAN_UNSURE; /* not the document fed before */
    s->base = doc;
    xml_scan_result r = feed(s, len, final);
    if (r == XML_SCAN_MORE && final)
        r = XML_SCAN_UNSURE;
    if (r == XML_SCAN_UNSURE && s->nomem)
        r = XML_SCAN_NOMEM;
    return r;
}

size_t xml_scan_delivered(const xml_scan *s)
{
    return s->delivered;
}

void xml_scan_free(xml_scan *s)
{
    if (!s)
        return;
    free(s->ns);
    free(s->buf);
    sb_release(&s->text);
    free(s->at);
    free(s->attrs);
    free(s);
}
