/* so_sections.c - the Sở KHCN's own sections (so_sections.h). */
#include "so_sections.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "util.h"

/* the file is the Sở's own prose: a few pages at most */
#define SO_MAX_BYTES (4u * 1024 * 1024)

char *so_sections_path(const char *input, int year)
{
    char name[64];
    snprintf(name, sizeof name, "nhan-xet-%d.txt", year);
    return bc_path_join(input, name);
}

/* What one line of the file is. */
typedef enum { L_BLANK, L_NOTE, L_HEAD, L_ITEM, L_TEXT } line_kind;

/* Strips trailing spaces, CR and a leading UTF-8 BOM (Notepad writes one)
 * in place; returns the start of the text. */
static char *trim(char *s, int first)
{
    if (first && (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBB &&
        (unsigned char)s[2] == 0xBF)
        s += 3;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        s[--n] = '\0';
    while (*s == ' ' || *s == '\t')
        s++;
    return s;
}

/* The kind of a trimmed line; for a heading *no is its section number
 * (0 when it has none), for an item *text is past the bullet. */
static line_kind classify(char *s, int *no, char **text)
{
    *text = s;
    if (!*s)
        return L_BLANK;
    if (*s == '#')
        return L_NOTE;
    if (s[0] == '=' && s[1] == '=') {
        const char *p = s + 2;
        while (*p == '=' || *p == ' ')
            p++;
        *no = 0;
        if (*p >= '1' && *p <= '9' && !(p[1] >= '0' && p[1] <= '9'))
            *no = *p - '0';
        return L_HEAD;
    }
    if ((s[0] == '-' || s[0] == '+' || s[0] == '*') && s[1] == ' ') {
        *text = trim(s + 2, 0);
        return L_ITEM;
    }
    return L_TEXT;
}

/* Appends text to the paragraph being built (one space between lines). */
static void join(bc_strbuf *para, const char *text)
{
    if (para->len)
        sb_addc(para, ' ');
    sb_adds(para, text);
}

/* Ends the open paragraph of sec: a <p> when it has text. */
static int flush_para(xmlNodePtr sec, bc_strbuf *para)
{
    if (sec && para->len &&
        !xmlNewTextChild(sec, NULL, BAD_CAST "p", BAD_CAST sb_str(para)))
        return -1;
    sb_reset(para);
    return 0;
}

/* the heading lines a file must have (the expected side of a finding) */
#define SO_HEADINGS "== 1. ... == đến == 5. ... == (xem dòng # đầu tệp)"

static void warn(bc_diag *d, const char *path, int line, const char *found,
                 const char *expected, const char *msg)
{
    bc_loc at = {path, line, NULL};
    diag_add(d, BC_SEV_WARNING, "SO-SECTIONS", &at, found, expected, "%s",
             msg);
}

bc_status so_sections_attach(xmlDocPtr agg, const char *path, int year,
                             bc_diag *d)
{
    xmlNodePtr root = agg ? xmlDocGetRootElement(agg) : NULL;
    if (!root)
        return BC_ERR_INVALID;
    xmlNodePtr top = xmlNewChild(root, NULL, BAD_CAST "so-sections", NULL);
    if (!top)
        return BC_ERR_NOMEM;
    char ybuf[16];
    snprintf(ybuf, sizeof ybuf, "%d", year);
    xmlNodePtr secs[SO_SECTIONS + 1] = {0};
    if (!xmlNewProp(top, BAD_CAST "year", BAD_CAST ybuf))
        return BC_ERR_NOMEM;
    for (int i = 1; i <= SO_SECTIONS; i++) {
        char nb[16];
        snprintf(nb, sizeof nb, "%d", i);
        secs[i] = xmlNewChild(top, NULL, BAD_CAST "section", NULL);
        if (!secs[i] || !xmlNewProp(secs[i], BAD_CAST "no", BAD_CAST nb))
            return BC_ERR_NOMEM;
    }
    char *buf = NULL;
    size_t len = 0;
    bc_status st = (path && bc_is_file(path))
                       ? bc_read_file(path, SO_MAX_BYTES, &buf, &len)
                       : BC_ERR_IO;
    if (st == BC_ERR_NOMEM)
        return st;
    if (st != BC_OK) {
        if (path && bc_is_file(path))
            warn(d, path, 0, NULL, NULL, "không đọc được tệp nhận xét của Sở");
        return xmlNewProp(top, BAD_CAST "present", BAD_CAST "false")
                   ? BC_OK : BC_ERR_NOMEM;
    }
    if (!xmlNewProp(top, BAD_CAST "present", BAD_CAST "true")) {
        free(buf);
        return BC_ERR_NOMEM;
    }
    /* control characters XML cannot hold (and NUL) become spaces */
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)buf[i] < 0x20 && buf[i] != '\t' && buf[i] != '\n' &&
            buf[i] != '\r')
            buf[i] = ' ';
    /* a file saved in another encoding: its bad bytes become U+FFFD */
    if (!text_utf8_valid(buf, len)) {
        warn(d, path, 0, NULL, "văn bản UTF-8",
             "tệp nhận xét không phải văn bản UTF-8 (hãy lưu lại với mã "
             "UTF-8); các ký tự đọc không được in thành «\xEF\xBF\xBD»");
        char *fixed = text_utf8_repair(buf, 0);
        free(buf);
        if (!fixed)
            return BC_ERR_NOMEM;
        buf = fixed;
    }
    bc_strbuf para = {0};
    xmlNodePtr sec = NULL, list = NULL;
    int rc = 0, lineno = 0;
    int warned_before = 0; /* the text out of sections is warned of */
    char *save = NULL;
    for (char *ln = buf; ln && rc == 0; ln = save) {
        char *nl = strchr(ln, '\n');
        save = nl ? nl + 1 : NULL;
        if (nl)
            *nl = '\0';
        lineno++;
        int no = 0;
        char *text;
        line_kind k = classify(trim(ln, lineno == 1), &no, &text);
        if (k == L_NOTE)
            continue;
        if (k == L_HEAD) {
            rc = flush_para(sec, &para);
            list = NULL;
            sec = (no >= 1 && no <= SO_SECTIONS) ? secs[no] : NULL;
            /* the text under a bad heading is covered by its warning */
            warned_before = !sec;
            if (!sec)
                warn(d, path, lineno, text, SO_HEADINGS,
                     "tiêu đề không có số mục 1-5: nội dung dưới tiêu đề "
                     "này không được đưa vào báo cáo");
            continue;
        }
        if (k == L_BLANK) {
            rc = flush_para(sec, &para);
            list = NULL;
            continue;
        }
        if (!sec) {
            if (!warned_before)
                warn(d, path, lineno, text, SO_HEADINGS,
                     "nội dung nằm ngoài các mục có số (trước tiêu đề đầu "
                     "tiên hoặc dưới tiêu đề không có số): không được đưa "
                     "vào báo cáo");
            warned_before = 1;
            continue;
        }
        if (k == L_ITEM) {
            rc = flush_para(sec, &para);
            if (!list)
                list = xmlNewChild(sec, NULL, BAD_CAST "ul", NULL);
            if (!list || !xmlNewTextChild(list, NULL, BAD_CAST "li",
                                          BAD_CAST text))
                rc = -1;
            continue;
        }
        /* L_TEXT: a line right under an item continues it */
        if (list && !para.len) {
            xmlNodePtr li = xmlGetLastChild(list);
            xmlChar *old = li ? xmlNodeGetContent(li) : NULL;
            if (old) {
                bc_strbuf t = {0};
                sb_adds(&t, (const char *)old);
                join(&t, text);
                xmlNodeSetContent(li, NULL);
                xmlNodeAddContent(li, BAD_CAST sb_str(&t));
                sb_release(&t);
                xmlFree(old);
                continue;
            }
        }
        join(&para, text);
    }
    if (rc == 0)
        rc = flush_para(sec, &para);
    sb_release(&para);
    free(buf);
    return rc == 0 ? BC_OK : BC_ERR_NOMEM;
}

bc_status so_sections_blank(const char *tmpl, const char *path, int year,
                            int *exists)
{
    *exists = 0;
    if (bc_is_file(path) || bc_is_dir(path)) {
        *exists = 1;
        return BC_ERR_IO;
    }
    char *src = NULL;
    size_t len = 0;
    bc_status st = bc_read_file(tmpl, SO_MAX_BYTES, &src, &len);
    if (st != BC_OK)
        return st;
    char y[16], y1[16];
    snprintf(y, sizeof y, "%d", year);
    snprintf(y1, sizeof y1, "%d", year + 1);
    bc_strbuf out = {0};
    for (const char *p = src; *p;) {
        if (!strncmp(p, "{NAM_SAU}", 9)) {
            sb_adds(&out, y1);
            p += 9;
        } else if (!strncmp(p, "{NAM}", 5)) {
            sb_adds(&out, y);
            p += 5;
        } else {
            sb_addc(&out, *p++);
        }
    }
    free(src);
    const char *s = sb_str(&out);
    st = s ? bc_write_atomic(path, s, strlen(s)) : BC_ERR_NOMEM;
    sb_release(&out);
    return st;
}
