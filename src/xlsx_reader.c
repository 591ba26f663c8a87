/* xlsx_reader.c - streaming reader of .xlsx workbooks (libzip + the
 * libxml2 xmlTextReader).  See xlsx_reader.h for the contract. */
#include "xlsx_reader.h"

#include <libxml/globals.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zip.h>

#include "text.h"
#include "util.h"

/* NONET: never fetch anything.  No NOENT, DTDLOAD or HUGE: entities are
 * not substituted, no DTD is loaded, libxml2's own limits stay on.  A part
 * with a DOCTYPE is refused anyway (OOXML parts never carry one). */
#define PART_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOCDATA)

typedef struct sheet_info {
    char *name;     /* arena */
    char *rid;      /* arena */
    char *part;     /* arena; NULL when the relationship is missing */
    xlsx_sheet_state state;
    xlsx_range *merges; /* malloc'ed */
    size_t n_merges, cap_merges;
    int merges_done; /* a full pass recorded the merged ranges */
} sheet_info;

struct xlsx_book {
    zip_t *za;
    char *name; /* for findings */
    bc_diag *d;
    bc_arena *arena;
    sheet_info *sheets;
    size_t n_sheets, cap_sheets;
    char **sst; /* shared strings (in the arena) */
    size_t n_sst, cap_sst;
    unsigned char *xf_date; /* 1 if cell style i shows a date */
    size_t n_xf, cap_xf;
    int date1904;
    uint64_t total; /* uncompressed bytes read so far */
};

/* --- findings ------------------------------------------------------------ */

/* The most bytes of a library message or of a value from the file quoted
 * in a finding (a value can be megabytes long). */
#define XLSX_MSG_MAX 300
#define XLSX_FOUND_MAX 200

static void bfind(xlsx_book *b, const char *code, const char *place,
                  const char *found, const char *expected, const char *fmt,
                  ...) __attribute__((format(printf, 6, 7)));
static void bfind(xlsx_book *b, const char *code, const char *place,
                  const char *found, const char *expected, const char *fmt,
                  ...)
{
    bc_loc at = {b->name, 0, place};
    char *cut = found ? text_utf8_repair(found, XLSX_FOUND_MAX) : NULL;
    va_list ap;
    va_start(ap, fmt);
    diag_vadd(b->d, BC_SEV_ERROR, code, &at, cut ? cut : found, expected,
              fmt, ap);
    va_end(ap);
    free(cut);
}

/* --- growing arrays -------------------------------------------------------- */

/* Makes room for one more element of size `size` in *arr; 0 or -1. */
static int grow(void **arr, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return 0;
    size_t nc = *cap ? *cap * 2 : 16;
    if (nc > SIZE_MAX / size)
        return -1;
    void *p = realloc(*arr, nc * size);
    if (!p)
        return -1;
    *arr = p;
    *cap = nc;
    return 0;
}

/* --- one zip entry read through an xmlTextReader ------------------------- */

typedef struct part {
    xlsx_book *b;
    const char *entry;
    zip_file_t *zf;
    uint64_t read;       /* uncompressed bytes of this entry */
    uint64_t ratio_max;  /* XLSX_MAX_RATIO x compressed + slack */
    int over;            /* 1 entry cap, 2 ratio, 3 book total */
    int zip_failed;      /* zip_fread failed (CRC, truncated data) */
    char *zip_msg;       /* its message */
    char *xml_msg;       /* the first libxml2 error */
    xmlTextReaderPtr r;
    xmlStructuredErrorFunc old_fn;
    void *old_ctx;
    bc_status st;        /* why part_next failed */
} part;

static int part_read(void *ctx, char *buf, int len)
{
    part *p = ctx;
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

static int part_close_cb(void *ctx)
{
    (void)ctx; /* the zip file is closed by part_close */
    return 0;
}

static void part_error(void *ctx, xmlErrorPtr e)
{
    part *p = ctx;
    if (!e || e->level == XML_ERR_NONE || e->level == XML_ERR_WARNING)
        return;
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
 * else BC_OK with p->r NULL.  On any failure a finding is added and the
 * part needs no closing; on success close it with part_close. */
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
    p->old_fn = xmlStructuredError;
    p->old_ctx = xmlStructuredErrorContext;
    xmlSetStructuredErrorFunc(p, part_error);
    p->r = xmlReaderForIO(part_read, part_close_cb, p, entry, NULL,
                          PART_OPTIONS);
    if (!p->r) {
        xmlSetStructuredErrorFunc(p->old_ctx, p->old_fn);
        zip_fclose(p->zf);
        p->zf = NULL;
        st = BC_ERR_NOMEM;
        goto out;
    }
    xmlTextReaderSetStructuredErrorHandler(p->r, part_error, p);
out:
    return st;
}

/* Frees the reader and the zip file; accepts a part never opened. */
static void part_close(part *p)
{
    if (p->r) {
        xmlFreeTextReader(p->r);
        xmlSetStructuredErrorFunc(p->old_ctx, p->old_fn);
    }
    if (p->zf)
        zip_fclose(p->zf);
    free(p->xml_msg);
    free(p->zip_msg);
    p->r = NULL;
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
    } else {
        bfind(b, "XLSX-READ", NULL, p->entry, NULL,
              "phần %s của sổ tính không đúng cú pháp XML (%s)", p->entry,
              p->xml_msg ? p->xml_msg : "");
        p->st = BC_ERR_PARSE;
    }
    return p->st;
}

/* The next node: 1, 0 at the end of the part, -1 on failure (finding
 * added, p->st set). */
static int part_next(part *p)
{
    int ret = xmlTextReaderRead(p->r);
    if (ret < 0 || p->over || p->zip_failed || (ret == 0 && p->xml_msg)) {
        part_fail(p);
        return -1;
    }
    if (ret == 0)
        return 0;
    if (xmlTextReaderNodeType(p->r) == XML_READER_TYPE_DOCUMENT_TYPE) {
        bfind(p->b, "XLSX-READ", NULL, p->entry, NULL,
              "phần %s của sổ tính chứa khai báo DOCTYPE, không được phép",
              p->entry);
        p->st = BC_ERR_PARSE;
        return -1;
    }
    return 1;
}

static int node_type(part *p) { return xmlTextReaderNodeType(p->r); }

static int is_elem(part *p, const char *name)
{
    const xmlChar *n = xmlTextReaderConstLocalName(p->r);
    return node_type(p) == XML_READER_TYPE_ELEMENT && n &&
           strcmp((const char *)n, name) == 0;
}

static int is_end(part *p, const char *name)
{
    const xmlChar *n = xmlTextReaderConstLocalName(p->r);
    return node_type(p) == XML_READER_TYPE_END_ELEMENT && n &&
           strcmp((const char *)n, name) == 0;
}

static int is_text(part *p)
{
    int t = node_type(p);
    return t == XML_READER_TYPE_TEXT || t == XML_READER_TYPE_CDATA ||
           t == XML_READER_TYPE_WHITESPACE ||
           t == XML_READER_TYPE_SIGNIFICANT_WHITESPACE;
}

/* An attribute without namespace, malloc'ed (free), or NULL. */
static char *attr(part *p, const char *name)
{
    xmlChar *v = xmlTextReaderGetAttribute(p->r, (const xmlChar *)name);
    if (!v)
        return NULL;
    char *s = bc_strdup((const char *)v);
    xmlFree(v);
    return s;
}

/* The r:id attribute (local name "id" in any relationships namespace,
 * transitional or strict), malloc'ed, or NULL. */
static char *attr_rid(part *p)
{
    char *out = NULL;
    if (xmlTextReaderMoveToFirstAttribute(p->r) != 1)
        return NULL;
    do {
        const xmlChar *ln = xmlTextReaderConstLocalName(p->r);
        const xmlChar *ns = xmlTextReaderConstNamespaceUri(p->r);
        if (ln && ns && strcmp((const char *)ln, "id") == 0 &&
            strstr((const char *)ns, "relationships")) {
            out = bc_strdup((const char *)xmlTextReaderConstValue(p->r));
            break;
        }
    } while (xmlTextReaderMoveToNextAttribute(p->r) == 1);
    xmlTextReaderMoveToElement(p->r);
    return out;
}

/* Appends the text of the current element (<t>, <v>) to sb, reading to
 * its end.  1 on success, -1 on failure (p->st set). */
static int read_text(part *p, bc_strbuf *sb)
{
    if (xmlTextReaderIsEmptyElement(p->r))
        return 1;
    int depth = xmlTextReaderDepth(p->r);
    for (;;) {
        if (part_next(p) <= 0)
            goto fail;
        if (node_type(p) == XML_READER_TYPE_END_ELEMENT &&
            xmlTextReaderDepth(p->r) == depth)
            return 1;
        if (is_text(p))
            sb_adds(sb, (const char *)xmlTextReaderConstValue(p->r));
    }
fail:
    if (p->st == BC_OK)
        p->st = BC_ERR_PARSE;
    return -1;
}

/* Appends the text of a rich string (<si>, <is>): its <t>, or the <t> of
 * its <r> runs, in order; phonetic runs (<rPh>) are left out.  Reads to
 * the element's end.  1 or -1 as read_text. */
static int read_rich(part *p, bc_strbuf *sb)
{
    if (xmlTextReaderIsEmptyElement(p->r))
        return 1;
    int depth = xmlTextReaderDepth(p->r);
    int skip = -1; /* depth of an <rPh> being skipped */
    for (;;) {
        if (part_next(p) <= 0)
            goto fail;
        int t = node_type(p);
        int dp = xmlTextReaderDepth(p->r);
        if (t == XML_READER_TYPE_END_ELEMENT && dp == depth)
            return 1;
        if (skip >= 0) {
            if (t == XML_READER_TYPE_END_ELEMENT && dp == skip)
                skip = -1;
            continue;
        }
        if (is_elem(p, "rPh") && !xmlTextReaderIsEmptyElement(p->r))
            skip = dp;
        else if (is_elem(p, "t") && read_text(p, sb) < 0)
            goto fail;
    }
fail:
    if (p->st == BC_OK)
        p->st = BC_ERR_PARSE;
    return -1;
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
    snprintf(buf + k, (size_t)(XLSX_REF_BUF - k), "%u", (unsigned)row);
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

static bc_status read_workbook(xlsx_book *b)
{
    part p;
    bc_status st = part_open(b, "xl/workbook.xml", 1, &p);
    char *name = NULL, *state = NULL, *rid = NULL, *v = NULL;
    if (st != BC_OK)
        goto out;
    int ret;
    while ((ret = part_next(&p)) > 0) {
        if (is_elem(&p, "workbookPr")) {
            v = attr(&p, "date1904");
            if (v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0))
                b->date1904 = 1;
            free(v);
            v = NULL;
        } else if (is_elem(&p, "sheet")) {
            name = attr(&p, "name");
            state = attr(&p, "state");
            rid = attr_rid(&p);
            if (!name || !rid || !*name) {
                bfind(b, "XLSX-PART", NULL, name, NULL,
                      "phần xl/workbook.xml có trang tính thiếu tên hoặc "
                      "mã liên kết (r:id)");
                st = BC_ERR_INVALID;
                goto out;
            }
            if (b->n_sheets >= XLSX_MAX_SHEETS) {
                bfind(b, "XLSX-LIMIT", NULL, NULL, NULL,
                      "sổ tính có quá nhiều trang tính (hơn %u)",
                      XLSX_MAX_SHEETS);
                st = BC_ERR_LIMIT;
                goto out;
            }
            if (grow((void **)&b->sheets, &b->cap_sheets, b->n_sheets,
                     sizeof *b->sheets) < 0) {
                st = BC_ERR_NOMEM;
                goto out;
            }
            sheet_info *s = &b->sheets[b->n_sheets];
            memset(s, 0, sizeof *s);
            s->name = arena_strdup(b->arena, name);
            s->rid = arena_strdup(b->arena, rid);
            if (!s->name || !s->rid) {
                st = BC_ERR_NOMEM;
                goto out;
            }
            s->state = !state                          ? XLSX_SHEET_VISIBLE
                       : strcmp(state, "hidden") == 0     ? XLSX_SHEET_HIDDEN
                       : strcmp(state, "veryHidden") == 0 ? XLSX_SHEET_VERY_HIDDEN
                                                          : XLSX_SHEET_VISIBLE;
            b->n_sheets++;
            free(name);
            free(state);
            free(rid);
            name = state = rid = NULL;
        }
    }
    if (ret < 0) {
        st = p.st;
        goto out;
    }
    if (b->n_sheets == 0) {
        bfind(b, "XLSX-PART", NULL, NULL, NULL,
              "sổ tính không có trang tính nào");
        st = BC_ERR_INVALID;
    }
out:
    free(name);
    free(state);
    free(rid);
    part_close(&p);
    return st;
}

/* Reads xl/_rels/workbook.xml.rels: each sheet's part, and the names of
 * the shared strings and styles parts (*sst, *styles; arena, may stay
 * NULL). */
static bc_status read_rels(xlsx_book *b, char **sst, char **styles)
{
    part p;
    bc_status st = part_open(b, "xl/_rels/workbook.xml.rels", 1, &p);
    char *id = NULL, *target = NULL, *type = NULL, *mode = NULL;
    if (st != BC_OK)
        goto out;
    int ret;
    while ((ret = part_next(&p)) > 0) {
        if (!is_elem(&p, "Relationship"))
            continue;
        id = attr(&p, "Id");
        target = attr(&p, "Target");
        type = attr(&p, "Type");
        mode = attr(&p, "TargetMode");
        if (id && target && !(mode && strcmp(mode, "External") == 0)) {
            char *part_name = resolve_target(b->arena, target);
            size_t tl = type ? strlen(type) : 0;
            if (part_name) {
                for (size_t i = 0; i < b->n_sheets; i++)
                    if (!b->sheets[i].part &&
                        strcmp(b->sheets[i].rid, id) == 0)
                        b->sheets[i].part = part_name;
                if (tl >= 14 && strcmp(type + tl - 14, "/sharedStrings") == 0)
                    *sst = part_name;
                else if (tl >= 7 && strcmp(type + tl - 7, "/styles") == 0)
                    *styles = part_name;
            }
        }
        free(id);
        free(target);
        free(type);
        free(mode);
        id = target = type = mode = NULL;
    }
    if (ret < 0)
        st = p.st;
out:
    free(id);
    free(target);
    free(type);
    free(mode);
    part_close(&p);
    return st;
}

static bc_status read_shared_strings(xlsx_book *b, const char *entry)
{
    part p;
    bc_strbuf sb = BC_STRBUF_INIT;
    bc_status st = part_open(b, entry, 0, &p);
    if (st != BC_OK || !p.r)
        goto out;
    int ret;
    while ((ret = part_next(&p)) > 0) {
        if (!is_elem(&p, "si"))
            continue;
        sb_reset(&sb);
        if (read_rich(&p, &sb) < 0) {
            st = p.st;
            goto out;
        }
        if (b->n_sst >= XLSX_MAX_SHARED_STRINGS) {
            bfind(b, "XLSX-LIMIT", NULL, entry, NULL,
                  "sổ tính có quá nhiều chuỗi dùng chung (hơn %u)",
                  XLSX_MAX_SHARED_STRINGS);
            st = BC_ERR_LIMIT;
            goto out;
        }
        if (sb.failed ||
            grow((void **)&b->sst, &b->cap_sst, b->n_sst, sizeof *b->sst) < 0 ||
            !(b->sst[b->n_sst] = arena_strdup(b->arena, sb_str(&sb)))) {
            st = BC_ERR_NOMEM;
            goto out;
        }
        b->n_sst++;
    }
    if (ret < 0)
        st = p.st;
out:
    sb_release(&sb);
    part_close(&p);
    return st;
}

/* 1 if a custom number format code shows a date or time: it has d, m,
 * y, h or s outside quoted text, [..] brackets and escaped characters. */
static int format_is_date(const char *code)
{
    for (const char *c = code; *c; c++) {
        switch (*c) {
        case '"':
            c++;
            while (*c && *c != '"')
                c++;
            if (!*c)
                return 0;
            break;
        case '[':
            while (*c && *c != ']')
                c++;
            if (!*c)
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

/* Sets format id's date flag; 0, or -1 out of memory. */
static int fmt_put(fmt_map *m, long id, int date)
{
    if ((m->n + 1) * 2 > m->cap) {
        size_t nc = m->cap ? m->cap * 2 : 64;
        if (nc > SIZE_MAX / sizeof(long))
            return -1;
        fmt_map g = {malloc(nc * sizeof(long)), malloc(nc), nc, 0};
        if (!g.ids || !g.date) {
            free(g.ids);
            free(g.date);
            return -1;
        }
        memset(g.date, FMT_FREE, nc);
        for (size_t i = 0; i < m->cap; i++)
            if (m->date[i] != FMT_FREE) {
                size_t k = fmt_slot(&g, m->ids[i]);
                g.ids[k] = m->ids[i];
                g.date[k] = m->date[i];
                g.n++;
            }
        free(m->ids);
        free(m->date);
        *m = g;
    }
    size_t i = fmt_slot(m, id);
    if (m->date[i] == FMT_FREE)
        m->n++;
    m->ids[i] = id;
    m->date[i] = (unsigned char)(date != 0);
    return 0;
}

static bc_status read_styles(xlsx_book *b, const char *entry)
{
    part p;
    fmt_map fmts = {NULL, NULL, 0, 0};
    char *id = NULL, *code = NULL;
    bc_status st = part_open(b, entry, 0, &p);
    if (st != BC_OK || !p.r)
        goto out;
    int in_fmts = 0, in_xfs = 0, ret;
    while ((ret = part_next(&p)) > 0) {
        int empty = xmlTextReaderIsEmptyElement(p.r);
        if (is_elem(&p, "numFmts"))
            in_fmts = !empty;
        else if (is_end(&p, "numFmts"))
            in_fmts = 0;
        else if (is_elem(&p, "cellXfs"))
            in_xfs = !empty;
        else if (is_end(&p, "cellXfs"))
            in_xfs = 0;
        else if (in_fmts && is_elem(&p, "numFmt")) {
            id = attr(&p, "numFmtId");
            code = attr(&p, "formatCode");
            if (id && code &&
                fmt_put(&fmts, strtol(id, NULL, 10), format_is_date(code)) <
                    0) {
                st = BC_ERR_NOMEM;
                goto out;
            }
            free(id);
            free(code);
            id = code = NULL;
        } else if (in_xfs && is_elem(&p, "xf")) {
            id = attr(&p, "numFmtId");
            long fid = id ? strtol(id, NULL, 10) : 0;
            int date = fmt_get(&fmts, fid);
            if (date < 0)
                date = builtin_date(fid);
            if (grow((void **)&b->xf_date, &b->cap_xf, b->n_xf, 1) < 0) {
                st = BC_ERR_NOMEM;
                goto out;
            }
            b->xf_date[b->n_xf++] = (unsigned char)date;
            free(id);
            id = NULL;
        }
    }
    if (ret < 0)
        st = p.st;
out:
    free(id);
    free(code);
    free(fmts.ids);
    free(fmts.date);
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
    b->name = bc_strdup(name ? name : "");
    b->arena = arena_new();
    if (!b->name || !b->arena) {
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

void xlsx_close(xlsx_book *b)
{
    if (!b)
        return;
    if (b->za)
        zip_discard(b->za); /* read-only: nothing to write back */
    for (size_t i = 0; i < b->n_sheets; i++)
        free(b->sheets[i].merges);
    free(b->sheets);
    free(b->sst);
    free(b->xf_date);
    arena_free(b->arena);
    free(b->name);
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

typedef struct sheet_pass {
    xlsx_book *b;
    sheet_info *s;
    part *p;
    xlsx_cell_fn cb;
    void *ctx;
    uint32_t row, col;  /* current row, last column used in it */
    int bad_cells;      /* cells reported and skipped */
    int stopped;        /* the callback asked to stop */
    bc_strbuf place;    /* "Sheet!C7" */
    bc_strbuf v, is;    /* <v> and <is> texts of the current cell */
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

/* Skips the rest of the current element. 0 or -1. */
static int skip_elem(part *p)
{
    if (xmlTextReaderIsEmptyElement(p->r))
        return 0;
    int depth = xmlTextReaderDepth(p->r);
    for (;;) {
        if (part_next(p) <= 0)
            return -1;
        if (node_type(p) == XML_READER_TYPE_END_ELEMENT &&
            xmlTextReaderDepth(p->r) == depth)
            return 0;
    }
}

/* Reads one <c>.  0 to go on (also after a bad cell), -1 on failure
 * (p->st set). */
static int read_cell(sheet_pass *sp)
{
    part *p = sp->p;
    xlsx_book *b = sp->b;
    int rc = -1;
    char ref[XLSX_REF_BUF];
    char *r = attr(p, "r"), *t = attr(p, "t"), *s = attr(p, "s");
    int has_v = 0, has_is = 0, formula = 0;
    uint32_t row = sp->row, col;
    if (r) {
        if (xlsx_ref_parse(r, &row, &col) < 0 || row != sp->row) {
            xlsx_ref_format(sp->row, sp->col + 1 <= XLSX_MAX_COL ?
                            sp->col + 1 : XLSX_MAX_COL, ref);
            cell_fail(sp, ref, r, "một ô trong hàng đang đọc, từ A đến XFD",
                      "ô có tham chiếu (thuộc tính r) không hợp lệ");
            if (sp->col < XLSX_MAX_COL)
                sp->col++; /* the bad cell still takes its place */
            rc = skip_elem(p);
            goto out;
        }
    } else {
        col = sp->col + 1;
        if (col > XLSX_MAX_COL) {
            xlsx_ref_format(sp->row, XLSX_MAX_COL, ref);
            cell_fail(sp, ref, NULL, "tối đa cột XFD",
                      "hàng có nhiều ô hơn số cột tối đa của Excel");
            rc = skip_elem(p);
            goto out;
        }
    }
    sp->col = col;
    xlsx_ref_format(row, col, ref);
    sb_reset(&sp->v);
    sb_reset(&sp->is);
    if (!xmlTextReaderIsEmptyElement(p->r)) {
        int depth = xmlTextReaderDepth(p->r);
        for (;;) {
            if (part_next(p) <= 0)
                goto out;
            if (node_type(p) == XML_READER_TYPE_END_ELEMENT &&
                xmlTextReaderDepth(p->r) == depth)
                break;
            if (node_type(p) != XML_READER_TYPE_ELEMENT)
                continue;
            if (is_elem(p, "v")) {
                has_v = 1;
                if (read_text(p, &sp->v) < 0)
                    goto out;
            } else if (is_elem(p, "is")) {
                has_is = 1;
                if (read_rich(p, &sp->is) < 0)
                    goto out;
            } else {
                if (is_elem(p, "f"))
                    formula = 1;
                if (skip_elem(p) < 0)
                    goto out;
            }
        }
    }
    if (sp->v.failed || sp->is.failed) {
        p->st = BC_ERR_NOMEM;
        goto out;
    }
    rc = 0;
    if (!has_v && !has_is && !formula)
        goto out; /* a styled blank */

    xlsx_cell c = {row, col, ref, place_of(sp, ref), XLSX_CELL_STRING, "",
                   0.0, 0, formula};
    /* an empty <v/> leaves the buffer unallocated; v is trimmed in
     * place, so it must never be a string literal */
    char empty[1] = "";
    char *v = sp->v.buf ? sp->v.buf : empty;
    const char *type = t ? t : "n";
    if (strcmp(type, "inlineStr") == 0) {
        c.text = has_is ? sb_str(&sp->is) : v;
        if (!has_is && !has_v)
            c.type = XLSX_CELL_EMPTY;
    } else if (!has_v) {
        c.type = XLSX_CELL_EMPTY; /* a formula never calculated */
    } else if (strcmp(type, "n") == 0) {
        trim(v);
        if (parse_double(v, &c.number) < 0) {
            cell_fail(sp, ref, v, "một số", "ô có giá trị số không hợp lệ");
            goto out;
        }
        c.type = XLSX_CELL_NUMBER;
        c.text = v;
        long xf = s ? strtol(s, NULL, 10) : 0;
        if (xf >= 0 && (size_t)xf < b->n_xf && b->xf_date[xf]) {
            c.type = XLSX_CELL_DATE;
            c.date = xlsx_serial_date(c.number, b->date1904);
        }
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
            goto out;
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
            goto out;
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
            goto out;
        }
        c.type = XLSX_CELL_DATE;
        c.text = v;
        c.date = dt;
        c.number = date_serial(dt, b->date1904);
    } else {
        cell_fail(sp, ref, t, "n, s, str, inlineStr, b, e hoặc d",
                  "ô có kiểu (thuộc tính t) không hợp lệ");
        goto out;
    }
    if (sp->place.failed) {
        p->st = BC_ERR_NOMEM;
        rc = -1;
        goto out;
    }
    if (sp->cb && sp->cb(&c, sp->ctx))
        sp->stopped = 1;
out:
    free(r);
    free(t);
    free(s);
    return rc;
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

static int read_merge(sheet_pass *sp)
{
    char *ref = attr(sp->p, "ref");
    sheet_info *s = sp->s;
    xlsx_range m;
    int rc = 0;
    if (!ref || parse_range(ref, &m) < 0) {
        bc_loc at = {sp->b->name, 0, s->name};
        char *cut = ref ? text_utf8_repair(ref, XLSX_FOUND_MAX) : NULL;
        diag_add(sp->b->d, BC_SEV_ERROR, "XLSX-CELL", &at, cut ? cut : ref,
                 "A1:B2", "vùng gộp ô (mergeCell) không hợp lệ");
        free(cut);
        sp->bad_cells++;
        goto out;
    }
    if (grow((void **)&s->merges, &s->cap_merges, s->n_merges,
             sizeof *s->merges) < 0) {
        sp->p->st = BC_ERR_NOMEM;
        rc = -1;
        goto out;
    }
    s->merges[s->n_merges++] = m;
out:
    free(ref);
    return rc;
}

/* Reads a <row> start: sets the row number.  0 (row accepted), 1 (bad row
 * reported, skipped) or -1. */
static int read_row(sheet_pass *sp)
{
    char *r = attr(sp->p, "r");
    int rc = 0;
    uint32_t row = sp->row + 1;
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
        rc = skip_elem(sp->p) < 0 ? -1 : 1;
        goto out;
    }
    sp->row = row;
    sp->col = 0;
out:
    free(r);
    return rc;
}

static bc_status read_sheet(xlsx_book *b, size_t i, xlsx_cell_fn cb,
                            void *ctx)
{
    part p;
    memset(&p, 0, sizeof p);
    sheet_pass sp = {b, NULL, &p, cb, ctx, 0, 0, 0, 0,
                     BC_STRBUF_INIT, BC_STRBUF_INIT, BC_STRBUF_INIT};
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
    int ret, row_depth = -1;
    while (!sp.stopped && (ret = part_next(&p)) > 0) {
        int t = node_type(&p);
        if (row_depth >= 0 && t == XML_READER_TYPE_END_ELEMENT &&
            xmlTextReaderDepth(p.r) == row_depth) {
            row_depth = -1;
        } else if (is_elem(&p, "row")) {
            int rr = read_row(&sp);
            if (rr < 0)
                break;
            if (rr == 0 && !xmlTextReaderIsEmptyElement(p.r))
                row_depth = xmlTextReaderDepth(p.r);
        } else if (row_depth >= 0 && is_elem(&p, "c")) {
            if (read_cell(&sp) < 0)
                break;
        } else if (is_elem(&p, "mergeCell")) {
            if (read_merge(&sp) < 0)
                break;
        }
    }
    if (p.st != BC_OK) {
        st = p.st;
        goto out;
    }
    if (!sp.stopped)
        s->merges_done = 1;
    if (sp.bad_cells)
        st = BC_ERR_INVALID;
out:
    sb_release(&sp.place);
    sb_release(&sp.v);
    sb_release(&sp.is);
    part_close(&p);
    return st;
}

bc_status xlsx_sheet_rows(xlsx_book *b, size_t sheet, xlsx_cell_fn cb,
                          void *ctx)
{
    return read_sheet(b, sheet, cb, ctx);
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
