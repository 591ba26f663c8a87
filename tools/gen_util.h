/* gen_util.h - what both generators (gensample, genbench) do alike: read a
 * number argument, load the plan beside its schema, write an XML element
 * of text.  Header-only, as gen_rng.h: each generator is one program. */
#ifndef BC_GEN_UTIL_H
#define BC_GEN_UTIL_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "diag.h"
#include "plan.h"
#include "util.h"

/* The whole of s as a decimal number in [lo, hi]: 0 and *out set, or -1
 * (anything else, *out untouched). */
static inline int parse_long(const char *s, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

/* Loads the plan at path into *out, validated against ../schema/plan.xsd
 * beside its folder (templates/plan/x.xml -> templates/schema/plan.xsd).
 * Returns 0, or -1 after printing the plan's findings and one line
 * starting with prog to stderr. */
static inline int gen_load_plan(const char *prog, const char *path,
                                plan **out)
{
    char *dir = bc_strdup(path);
    if (!dir)
        return -1;
    char *slash = strrchr(dir, '/');
    if (slash)
        *slash = '\0';
    char *xsd = bc_path_join(slash ? dir : ".", "../schema/plan.xsd");
    bc_diag *d = diag_new();
    bc_status st = xsd && d ? plan_load(path, xsd, d, out) : BC_ERR_NOMEM;
    if (st != BC_OK) {
        for (size_t i = 0; d && i < diag_count(d); i++)
            diag_print(diag_get(d, i), stderr);
        fprintf(stderr, "%s: không nạp được dữ liệu Đề án %s (%s)\n", prog,
                path, bc_status_msg(st));
    }
    diag_free(d);
    free(xsd);
    free(dir);
    return st == BC_OK ? 0 : -1;
}

/* Appends s to sb with &, <, > and " escaped (failures are sb's). */
static inline void xml_escape(bc_strbuf *sb, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': sb_adds(sb, "&amp;"); break;
        case '<': sb_adds(sb, "&lt;"); break;
        case '>': sb_adds(sb, "&gt;"); break;
        case '"': sb_adds(sb, "&quot;"); break;
        default: sb_addc(sb, *s);
        }
    }
}

/* <tag>v</tag> on a line of its own, indented two spaces per depth;
 * nothing when v is NULL or empty. */
static inline void x_text(bc_strbuf *sb, int depth, const char *tag,
                          const char *v)
{
    if (!v || !*v)
        return;
    sb_addf(sb, "%*s<%s>", depth * 2, "", tag);
    xml_escape(sb, v);
    sb_addf(sb, "</%s>\n", tag);
}

/* x_text of d as YYYY-MM-DD; nothing for the zero date. */
static inline void x_date(bc_strbuf *sb, int depth, const char *tag,
                          bc_date d)
{
    char buf[11];
    if (d)
        x_text(sb, depth, tag, date_format_iso(d, buf));
}

#endif
