/* diag.c - the findings sink. */
#include "diag.h"

#include "text.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

struct bc_diag {
    bc_finding *v;
    size_t n, cap;
    size_t by_sev[BC_SEV__COUNT];
    size_t lost;
};

bc_diag *diag_new(void)
{
    return calloc(1, sizeof(bc_diag));
}

static void finding_clear(bc_finding *f)
{
    free(f->code);
    free(f->file);
    free(f->place);
    free(f->unit);
    free(f->message);
    free(f->found);
    free(f->expected);
}

void diag_free(bc_diag *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->n; i++)
        finding_clear(&d->v[i]);
    free(d->v);
    free(d);
}

static int diag_reserve(bc_diag *d, size_t more)
{
    if (d->n + more <= d->cap)
        return 0;
    size_t cap = d->cap ? d->cap : 16;
    while (cap < d->n + more) {
        if (cap > SIZE_MAX / 2 / sizeof(bc_finding))
            return -1;
        cap *= 2;
    }
    bc_finding *v = realloc(d->v, cap * sizeof(bc_finding));
    if (!v)
        return -1;
    d->v = v;
    d->cap = cap;
    return 0;
}

/* s (valid UTF-8, malloc'ed) with every control character but tab,
 * newline and carriage return written as the visible text "\\xHH": XML
 * 1.0 cannot hold them at all (tong-hop would not be well-formed) and a
 * terminal would obey them.  Frees s; NULL when out of memory. */
static char *escape_controls(char *s)
{
    if (!s)
        return NULL;
    int plain = 1;
    for (const unsigned char *p = (const unsigned char *)s; *p && plain; p++)
        plain = !((*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r') ||
                  *p == 0x7F || (*p == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F));
    if (plain)
        return s;
    bc_strbuf sb = BC_STRBUF_INIT;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r') ||
            *p == 0x7F) {
            sb_addf(&sb, "\\x%02X", *p);
        } else if (*p == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) {
            sb_addf(&sb, "\\xC2\\x%02X", p[1]);
            p++;
        } else {
            sb_addc(&sb, (char)*p);
        }
    }
    free(s);
    return sb_detach(&sb);
}

void diag_vadd(bc_diag *d, bc_severity sev, const char *code,
               const bc_loc *at, const char *found, const char *expected,
               const char *fmt, va_list ap)
{
    if (!d || (unsigned)sev >= BC_SEV__COUNT)
        return;
    d->by_sev[sev]++;
    if (diag_reserve(d, 1) != 0) {
        d->lost++;
        return;
    }
    bc_finding f = {0};
    f.sev = sev;
    f.code = bc_strdup(code ? code : "?");
    /* Every text of a finding may quote hostile input: it is made valid
     * UTF-8 and bounded here, once, so no printer or report (whose
     * schema wants UTF-8, whose cells hold at most 32.767 characters)
     * can fail on it. */
    char *raw = bc_vasprintf(fmt, ap);
    f.message = raw ? escape_controls(text_utf8_repair(raw, DIAG_MAX_MESSAGE))
                    : NULL;
    free(raw);
    if (at) {
        /* a file name with bad bytes or control characters (ESC) is
         * shown escaped ("\x1B"), the same everywhere it is written */
        char *shown = at->file ? bc_name_display(at->file) : NULL;
        f.file = shown ? text_utf8_repair(shown, DIAG_MAX_FIELD) : NULL;
        free(shown);
        if (at->cell) {
            f.place = escape_controls(text_utf8_repair(at->cell, DIAG_MAX_PLACE));
        } else if (at->line) {
            f.place = bc_asprintf("%u", at->line);
            f.line = at->line;
        }
    }
    f.found = found ? escape_controls(text_utf8_repair(found, DIAG_MAX_FIELD))
                    : NULL;
    f.expected = expected
                     ? escape_controls(text_utf8_repair(expected, DIAG_MAX_FIELD))
                     : NULL;
    if (!f.code || !f.message || (at && at->file && !f.file) ||
        (found && !f.found) || (expected && !f.expected)) {
        finding_clear(&f);
        d->lost++;
        return;
    }
    d->v[d->n++] = f;
}

void diag_add(bc_diag *d, bc_severity sev, const char *code, const bc_loc *at,
              const char *found, const char *expected, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_vadd(d, sev, code, at, found, expected, fmt, ap);
    va_end(ap);
}

void diag_set_context(bc_diag *d, size_t from, const char *unit, int cycle)
{
    if (!d)
        return;
    for (size_t i = from; i < d->n; i++) {
        if (unit && !d->v[i].unit)
            d->v[i].unit = text_utf8_repair(unit, DIAG_MAX_PLACE);
        if (cycle && !d->v[i].cycle)
            d->v[i].cycle = cycle;
    }
}

bc_status diag_move(bc_diag *dst, bc_diag *src)
{
    if (!src || src->n == 0) {
        if (src) {
            for (int s = 0; s < BC_SEV__COUNT; s++)
                dst->by_sev[s] += src->by_sev[s];
            dst->lost += src->lost;
            memset(src->by_sev, 0, sizeof src->by_sev);
            src->lost = 0;
        }
        return BC_OK;
    }
    if (diag_reserve(dst, src->n) != 0)
        return BC_ERR_NOMEM;
    memcpy(dst->v + dst->n, src->v, src->n * sizeof(bc_finding));
    dst->n += src->n;
    for (int s = 0; s < BC_SEV__COUNT; s++)
        dst->by_sev[s] += src->by_sev[s];
    dst->lost += src->lost;
    src->n = 0;
    src->lost = 0;
    memset(src->by_sev, 0, sizeof src->by_sev);
    return BC_OK;
}

size_t diag_count(const bc_diag *d)
{
    return d ? d->n : 0;
}

const bc_finding *diag_get(const bc_diag *d, size_t i)
{
    return (d && i < d->n) ? &d->v[i] : NULL;
}

size_t diag_count_sev(const bc_diag *d, bc_severity sev)
{
    return (d && (unsigned)sev < BC_SEV__COUNT) ? d->by_sev[sev] : 0;
}

size_t diag_lost(const bc_diag *d)
{
    return d ? d->lost : 0;
}

const char *diag_sev_word(bc_severity sev)
{
    switch (sev) {
    case BC_SEV_ERROR: return "lỗi";
    case BC_SEV_WARNING: return "cảnh báo";
    case BC_SEV_NOTE: return "ghi chú";
    default: return "?";
    }
}

const char *diag_sev_name(bc_severity sev)
{
    switch (sev) {
    case BC_SEV_ERROR: return "error";
    case BC_SEV_WARNING: return "warning";
    case BC_SEV_NOTE: return "note";
    default: return "?";
    }
}

/* Writes s with control characters (newlines, tabs) shown as spaces, so a
 * finding stays on one line whatever the input held. */
static void put_oneline(const char *s, FILE *out)
{
    for (; *s; s++)
        fputc(((unsigned char)*s < 0x20 || *s == 0x7f) ? ' ' : *s, out);
}

void diag_print(const bc_finding *f, FILE *out)
{
    if (f->file) {
        put_oneline(f->file, out);
        fputc(':', out);
        if (f->place) {
            put_oneline(f->place, out);
            fputc(':', out);
        }
        fputc(' ', out);
    } else {
        fputs("baocao: ", out);
    }
    fprintf(out, "%s: [%s] ", diag_sev_word(f->sev), f->code);
    put_oneline(f->message, out);
    if (f->found) {
        fputs(": «", out);
        put_oneline(f->found, out);
        fputs("»", out);
    }
    if (f->expected) {
        fputs("; cần: ", out);
        put_oneline(f->expected, out);
    }
    fputc('\n', out);
}
