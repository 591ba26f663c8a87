/* render.c - XSLT runs with security preferences, quoted parameters and
 * template errors turned into findings. */
#include "render.h"

#include <libexslt/exslt.h>
#include <libxml/xmlerror.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/variables.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "xmlio.h"

/* At most this many TEMPLATE findings per run: a broken template must not
 * flood the report. */
#define MAX_TEMPLATE_FINDINGS 20

/* Everything libxslt and libxml2 said during one compile or transform. */
typedef struct capture {
    bc_strbuf text;
} capture;

/* Generic error handler of libxslt and libxml2: appends the formatted
 * message to the capture.  Cannot fail (an allocation failure marks the
 * buffer as failed). */
static void on_generic_error(void *ctx, const char *msg, ...)
    __attribute__((format(printf, 2, 3)));
static void on_generic_error(void *ctx, const char *msg, ...)
{
    capture *c = ctx;
    va_list ap;
    va_start(ap, msg);
    char *s = bc_vasprintf(msg, ap);
    va_end(ap);
    if (s) {
        sb_adds(&c->text, s);
        free(s);
    }
}

/* Structured libxml2 errors (XPath compilation, parser) during a run:
 * appended as one line.  Cannot fail. */
static void on_structured_error(void *ctx, xmlErrorPtr e)
{
    capture *c = ctx;
    if (!e || e->level < XML_ERR_ERROR || !e->message)
        return;
    if (e->file && e->line > 0)
        sb_addf(&c->text, "error: file %s line %d\n", e->file, e->line);
    sb_adds(&c->text, e->message);
    if (!c->text.len || c->text.buf[c->text.len - 1] != '\n')
        sb_addc(&c->text, '\n');
}

/* Installs the capture as the process-wide error sink. */
static void capture_begin(capture *c)
{
    xsltSetGenericErrorFunc(c, on_generic_error);
    xmlSetGenericErrorFunc(c, on_generic_error);
    xmlSetStructuredErrorFunc(c, on_structured_error);
}

/* Restores the program's error sinks (xmlio_init): library messages are
 * kept for the findings, never printed. */
static void capture_end(void)
{
    xsltSetGenericErrorFunc(NULL, xmlio_library_message);
    xmlSetGenericErrorFunc(NULL, xmlio_library_message);
    xmlSetStructuredErrorFunc(NULL, NULL);
}

/* 1 if what libxslt and libxml2 said is that memory ran out: the failure
 * is then BC_ERR_NOMEM, not a template error. */
static int capture_says_memory(const capture *c)
{
    const char *t = sb_str(&c->text);
    return strstr(t, "Memory allocation failed") != NULL ||
           strstr(t, "out of memory") != NULL ||
           strstr(t, "malloc failed") != NULL || c->text.failed;
}

/* If line starts a libxslt error context ("compilation error: file F line
 * N element E", "runtime error: file F line N ..."), stores the file (a
 * new string in *file) and line and returns 1; otherwise 0. */
static int parse_context(const char *line, size_t len, char **file,
                         unsigned *lineno)
{
    const char *end = line + len;
    const char *p = NULL;
    for (const char *q = line; q + 8 <= end; q++)
        if (memcmp(q, ": file ", 7) == 0) {
            p = q + 7;
            break;
        }
    if (!p)
        return 0;
    /* the file name runs to " line " or " element " or the end */
    const char *stop = end;
    for (const char *q = p; q + 6 <= end; q++)
        if (memcmp(q, " line ", 6) == 0 || (q + 9 <= end &&
                                            memcmp(q, " element ", 9) == 0)) {
            stop = q;
            break;
        }
    *file = bc_strndup(p, (size_t)(stop - p));
    *lineno = 0;
    if (stop + 6 <= end && memcmp(stop, " line ", 6) == 0) {
        unsigned long n = strtoul(stop + 6, NULL, 10);
        *lineno = n > 0 && n < 100000000UL ? (unsigned)n : 0;
    }
    return 1;
}

/* Adds one TEMPLATE finding for the message lines collected in msg. */
static void add_template_finding(bc_diag *d, bc_severity sev,
                                 const char *file, unsigned line,
                                 bc_strbuf *msg, int *count)
{
    if (msg->len == 0 && !file)
        return;
    (*count)++;
    if (*count <= MAX_TEMPLATE_FINDINGS) {
        bc_loc at = {file, line, NULL};
        diag_add(d, sev, "TEMPLATE", &at, NULL, NULL,
                 "mẫu báo cáo (XSLT) bị lỗi: %s",
                 msg->len ? sb_str(msg) : "không rõ nguyên nhân");
    }
    sb_reset(msg);
}

/* Turns the captured text into TEMPLATE findings: one per libxslt error
 * context, with the template file and line it names (default_file when
 * none).  Returns the number of findings made.  Newlines inside a message
 * become spaces. */
static int report_capture(capture *c, const char *default_file,
                          bc_severity sev, bc_diag *d)
{
    int count = 0;
    bc_strbuf msg = BC_STRBUF_INIT;
    char *file = NULL;
    unsigned line = 0;
    const char *p = sb_str(&c->text);
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        char *f = NULL;
        unsigned l = 0;
        if (parse_context(p, len, &f, &l)) {
            /* text before the first context (an XPath error raised
             * before libxslt names the element) joins that context */
            if (file)
                add_template_finding(d, sev, file, line, &msg, &count);
            free(file);
            file = f;
            line = l;
        } else if (len > 0) {
            if (msg.len)
                sb_addc(&msg, ' ');
            sb_add(&msg, p, len);
        }
        p += len + (nl ? 1 : 0);
    }
    if (msg.len || file)
        add_template_finding(d, sev, file ? file : default_file, line, &msg,
                             &count);
    if (count > MAX_TEMPLATE_FINDINGS) {
        bc_loc at = {default_file, 0, NULL};
        diag_add(d, sev, "TEMPLATE", &at, NULL, NULL,
                 "còn %d lỗi mẫu báo cáo khác không liệt kê",
                 count - MAX_TEMPLATE_FINDINGS);
    }
    free(file);
    sb_release(&msg);
    return count;
}

/* Registers the EXSLT extension functions (exsl:object-type and the
 * rest) with libxslt, once per process, before the first stylesheet is
 * compiled: common.xsl uses exsl:object-type to mark figures.  Not
 * thread-safe (see render.h).  Cannot fail. */
static void register_exslt(void)
{
    static int registered;
    if (registered)
        return;
    registered = 1;
    exsltRegisterAll();
}

/* Loads and compiles the stylesheet at path.  The document gets path as
 * its URL so that xsl:include resolves beside it.  Returns the stylesheet
 * (caller frees with xsltFreeStylesheet, which also frees the document)
 * or NULL with findings in d and *st set. */
static xsltStylesheetPtr load_stylesheet(const char *path, bc_diag *d,
                                         bc_status *st)
{
    xsltStylesheetPtr style = NULL;
    capture c = {BC_STRBUF_INIT};
    bc_status rs = BC_OK;
    size_t before = diag_count(d);
    register_exslt();
    xmlDocPtr doc = xmlio_read_trusted(path, d, &rs);
    if (!doc) {
        /* xmlio reported XML-PARSE (or FILE-READ); say it is a template */
        const bc_finding *f = diag_count(d) > before ? diag_get(d, before)
                                                      : NULL;
        bc_loc at = {path, f ? f->line : 0, NULL};
        diag_add(d, BC_SEV_ERROR, "TEMPLATE", &at, NULL, NULL,
                 "mẫu báo cáo (XSLT) không đọc được: %s",
                 f && f->message ? f->message : "tệp XML không đúng cú pháp");
        *st = rs == BC_ERR_NOMEM ? BC_ERR_NOMEM : BC_ERR_TEMPLATE;
        goto done;
    }
    xmlChar *url = xmlStrdup(BAD_CAST path);
    if (!url) {
        *st = BC_ERR_NOMEM;
        goto done;
    }
    if (doc->URL)
        xmlFree((xmlChar *)doc->URL);
    doc->URL = url;

    capture_begin(&c);
    style = xsltParseStylesheetDoc(doc);
    capture_end();
    if (style && style->errors == 0) {
        doc = NULL; /* owned by the stylesheet now */
        if (c.text.len)
            report_capture(&c, path, BC_SEV_WARNING, d);
        *st = BC_OK;
        goto done;
    }
    if (style) {
        /* compiled with errors: the stylesheet owns doc and frees it */
        doc = NULL;
        xsltFreeStylesheet(style);
        style = NULL;
    }
    /* on failure xsltParseStylesheetDoc leaves doc to us (freed below) */
    if (report_capture(&c, path, BC_SEV_ERROR, d) == 0) {
        bc_loc at = {path, 0, NULL};
        diag_add(d, BC_SEV_ERROR, "TEMPLATE", &at, NULL, NULL,
                 "mẫu báo cáo (XSLT) không biên dịch được");
    }
    *st = capture_says_memory(&c) ? BC_ERR_NOMEM : BC_ERR_TEMPLATE;

done:
    if (doc)
        xmlFreeDoc(doc);
    sb_release(&c.text);
    return style;
}

/* A new set of security preferences: reading files allowed (xsl:include,
 * document()), writing files, creating folders and any network access
 * forbidden.  NULL when out of memory. */
static xsltSecurityPrefsPtr new_security(void)
{
    xsltSecurityPrefsPtr sec = xsltNewSecurityPrefs();
    if (!sec)
        return NULL;
    if (xsltSetSecurityPrefs(sec, XSLT_SECPREF_WRITE_FILE,
                             xsltSecurityForbid) != 0 ||
        xsltSetSecurityPrefs(sec, XSLT_SECPREF_CREATE_DIRECTORY,
                             xsltSecurityForbid) != 0 ||
        xsltSetSecurityPrefs(sec, XSLT_SECPREF_WRITE_NETWORK,
                             xsltSecurityForbid) != 0 ||
        xsltSetSecurityPrefs(sec, XSLT_SECPREF_READ_NETWORK,
                             xsltSecurityForbid) != 0) {
        xsltFreeSecurityPrefs(sec);
        return NULL;
    }
    return sec;
}

/* Applies the compiled style (from xsl_path, named in findings) to agg
 * with params.  On BC_OK *result_out is set (caller frees with
 * xmlFreeDoc); on failure it is NULL and d holds the findings. */
static bc_status apply(xsltStylesheetPtr style, const char *xsl_path,
                       xmlDocPtr agg, const char *const *params, bc_diag *d,
                       xmlDocPtr *result_out)
{
    bc_status st = BC_OK;
    xsltSecurityPrefsPtr sec = NULL;
    xsltTransformContextPtr ctxt = NULL;
    xmlDocPtr res = NULL;
    capture c = {BC_STRBUF_INIT};
    int capturing = 0;

    *result_out = NULL;
    sec = new_security();
    ctxt = sec ? xsltNewTransformContext(style, agg) : NULL;
    if (!ctxt) {
        st = BC_ERR_NOMEM;
        goto done;
    }
    if (xsltSetCtxtSecurityPrefs(sec, ctxt) != 0) {
        st = BC_ERR_INTERNAL;
        goto done;
    }
    xsltSetTransformErrorFunc(ctxt, &c, on_generic_error);
    capture_begin(&c);
    capturing = 1;
    for (size_t i = 0; params && params[i]; i += 2) {
        if (!params[i + 1] ||
            xsltQuoteOneUserParam(ctxt, BAD_CAST params[i],
                                  BAD_CAST params[i + 1]) != 0) {
            sb_addf(&c.text, "tham số %s không truyền được\n", params[i]);
            st = BC_ERR_TEMPLATE;
            goto done;
        }
    }
    res = xsltApplyStylesheetUser(style, agg, NULL, NULL, NULL, ctxt);
    if (!res || ctxt->state != XSLT_STATE_OK) {
        st = BC_ERR_TEMPLATE;
        goto done;
    }

done:
    if (capturing)
        capture_end();
    if (st == BC_ERR_TEMPLATE) {
        if (report_capture(&c, xsl_path, BC_SEV_ERROR, d) == 0) {
            bc_loc at = {xsl_path, 0, NULL};
            diag_add(d, BC_SEV_ERROR, "TEMPLATE", &at, NULL, NULL,
                     "mẫu báo cáo (XSLT) chạy không thành công");
        }
        if (capture_says_memory(&c))
            st = BC_ERR_NOMEM;
    } else if (st == BC_OK && c.text.len) {
        /* xsl:message and warnings of a successful run */
        report_capture(&c, xsl_path, BC_SEV_WARNING, d);
    }
    if (ctxt)
        xsltFreeTransformContext(ctxt);
    if (sec)
        xsltFreeSecurityPrefs(sec);
    sb_release(&c.text);
    if (st != BC_OK) {
        if (res)
            xmlFreeDoc(res);
        return st;
    }
    *result_out = res;
    return BC_OK;
}

/* Compiles xsl_path and applies it to agg with params.  On BC_OK *style
 * and *result are set (caller frees the result with xmlFreeDoc, then the
 * stylesheet with xsltFreeStylesheet); on failure both are NULL and d
 * holds the findings. */
static bc_status run(const char *xsl_path, xmlDocPtr agg,
                     const char *const *params, bc_diag *d,
                     xsltStylesheetPtr *style_out, xmlDocPtr *result_out)
{
    bc_status st = BC_OK;
    *style_out = NULL;
    *result_out = NULL;
    if (!xsl_path || !agg)
        return BC_ERR_INTERNAL;
    xsltStylesheetPtr style = load_stylesheet(xsl_path, d, &st);
    if (!style)
        return st;
    st = apply(style, xsl_path, agg, params, d, result_out);
    if (st != BC_OK) {
        xsltFreeStylesheet(style);
        return st;
    }
    *style_out = style;
    return BC_OK;
}

struct bc_template {
    xsltStylesheetPtr style;
    char *path;
};

bc_template *render_template_load(const char *xsl_path, bc_diag *d,
                                  bc_status *st)
{
    bc_template *t = calloc(1, sizeof *t);
    *st = BC_ERR_NOMEM;
    if (!t || !(t->path = bc_strdup(xsl_path)))
        goto fail;
    t->style = load_stylesheet(xsl_path, d, st);
    if (!t->style)
        goto fail;
    *st = BC_OK;
    return t;
fail:
    render_template_free(t);
    return NULL;
}

bc_status render_template_apply(bc_template *t, xmlDocPtr doc,
                                const char *const *params, bc_diag *d,
                                xmlDocPtr *out)
{
    *out = NULL;
    if (!t || !doc)
        return BC_ERR_INTERNAL;
    return apply(t->style, t->path, doc, params, d, out);
}

void render_template_free(bc_template *t)
{
    if (!t)
        return;
    xsltFreeStylesheet(t->style); /* each of libxml2's frees accepts NULL */
    free(t->path);
    free(t);
}

bc_status render_html_params(const char *xsl_path, xmlDocPtr agg,
                             const char *const *params, const char *out_path,
                             bc_diag *d)
{
    xsltStylesheetPtr style = NULL;
    xmlDocPtr res = NULL;
    xmlChar *buf = NULL;
    int len = 0;
    bc_status st = run(xsl_path, agg, params, d, &style, &res);
    if (st != BC_OK)
        goto done;
    if (xsltSaveResultToString(&buf, &len, res, style) != 0 || len < 0) {
        st = BC_ERR_NOMEM;
        goto done;
    }
    st = bc_write_atomic(out_path, buf ? (const void *)buf : "", (size_t)len);
    if (st != BC_OK) {
        bc_loc at = {out_path, 0, NULL};
        diag_add(d, BC_SEV_ERROR, "FILE-WRITE", &at, NULL, NULL,
                 "không ghi được báo cáo (%s)", bc_status_msg(st));
        if (st != BC_ERR_NOMEM && st != BC_ERR_NOSPACE)
            st = BC_ERR_IO;
    }

done:
    xmlFree(buf);
    xmlFreeDoc(res);
    xsltFreeStylesheet(style);
    return st;
}

bc_status render_html(const char *xsl_path, xmlDocPtr agg,
                      const char *out_path, bc_diag *d)
{
    return render_html_params(xsl_path, agg, NULL, out_path, d);
}

bc_status render_doc_params(const char *xsl_path, xmlDocPtr agg,
                            const char *const *params, bc_diag *d,
                            xmlDocPtr *out)
{
    xsltStylesheetPtr style = NULL;
    xmlDocPtr res = NULL;
    *out = NULL;
    bc_status st = run(xsl_path, agg, params, d, &style, &res);
    if (st != BC_OK)
        goto done;
    if (!xmlDocGetRootElement(res)) {
        bc_loc at = {xsl_path, 0, NULL};
        diag_add(d, BC_SEV_ERROR, "TEMPLATE", &at, NULL, NULL,
                 "mẫu báo cáo (XSLT) không tạo ra tài liệu nào");
        st = BC_ERR_TEMPLATE;
        goto done;
    }
    *out = res;
    res = NULL;

done:
    xmlFreeDoc(res);
    xsltFreeStylesheet(style);
    return st;
}

bc_status render_doc(const char *xsl_path, xmlDocPtr agg, bc_diag *d,
                     xmlDocPtr *out)
{
    return render_doc_params(xsl_path, agg, NULL, d, out);
}
