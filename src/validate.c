/* validate.c - XSD, then the plan rules, over one submission.
 *
 * The XSD checks structure and data types; everything that depends on the
 * plan (units, kinds, tasks, the reporting period, application numbers,
 * budget sums) is checked here so that each finding can say, in
 * Vietnamese, what was expected.  docs/findings.md lists every code.
 */
#include "validate.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <limits.h>
#include <pcre2.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fields.h"
#include "ingest.h"
#include "text.h"
#include "util.h"
#include "xmlio.h"

/* An IP Office application number: an optional prefix of 1-3 letters
 * ("ĐN"), the kind digit, the year, five digits.  Dashes typed by word
 * processors (U+2010, U+2011, U+2013) are accepted and normalised. */
#define RE_APPNO                                                      \
    "(?:(\\p{L}{1,3})\\x{20}?)?([0-9])[-\\x{2010}\\x{2011}\\x{2013}]" \
    "([0-9]{4})[-\\x{2010}\\x{2011}\\x{2013}]([0-9]{5})"

#define APPNO_EXPECTED                                                  \
    "K-YYYY-NNNNN (ví dụ 4-2024-01234), có thể có tiền tố chữ như "     \
    "ĐN1-2017-00311"

struct bc_validator {
    const plan *p;
    xmlSchemaPtr schema;         /* NULL: no XSD step */
    pcre2_code *re_appno;
    uint32_t support_kinds;      /* kinds a COUNT_SUPPORTED target counts */
    /* texts for "expected", built once */
    char *kinds_expected;
    char *support_expected;
    char *tasks_a_expected;
    char *tasks_b_expected;
    char *tasks_ab_expected;
    char *prefix_expected;
    char *activity_expected;
};


/* --- validator ------------------------------------------------------------ */

/* Compiles an anchored whole-field pattern; JIT when the platform has
 * it (failure to JIT is not an error).  NULL and a finding INTERNAL on a
 * compile error. */
static pcre2_code *compile_re(const char *pattern, bc_diag *d)
{
    int err = 0;
    PCRE2_SIZE off = 0;
    pcre2_code *re = pcre2_compile(
        (PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
        PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF | PCRE2_ANCHORED |
            PCRE2_ENDANCHORED,
        &err, &off, NULL);
    if (!re) {
        PCRE2_UCHAR msg[160];
        pcre2_get_error_message(err, msg, sizeof msg);
        diag_add(d, BC_SEV_ERROR, "INTERNAL", NULL, pattern, NULL,
                 "biểu thức chính quy không biên dịch được (%s, vị trí %zu)",
                 (const char *)msg, (size_t)off);
        return NULL;
    }
    (void)pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
    return re;
}

/* "A1, A2, A3" from the ids of part A (a), part B (b) or both; NULL out of
 * memory. */
static char *task_list(const plan *p, int a, int b)
{
    bc_strbuf sb = BC_STRBUF_INIT;
    sb_adds(&sb, "");
    for (size_t i = 0; a && i < p->n_tasks_a; i++)
        sb_addf(&sb, "%s%s", sb.len ? ", " : "", p->tasks_a[i].id);
    for (size_t i = 0; b && i < p->n_tasks_b; i++)
        sb_addf(&sb, "%s%s", sb.len ? ", " : "", p->tasks_b[i].id);
    return sb_detach(&sb);
}

/* "NHTT, NHCN" for the kinds in mask (every kind if mask is all ones). */
static char *kind_list(const plan *p, uint32_t mask)
{
    bc_strbuf sb = BC_STRBUF_INIT;
    sb_adds(&sb, "");
    for (size_t i = 0; i < p->n_kinds && i < PLAN_MAX_KINDS; i++)
        if (mask & ((uint32_t)1 << i))
            sb_addf(&sb, "%s%s", sb.len ? ", " : "", p->kinds[i].code);
    return sb_detach(&sb);
}

bc_validator *validator_new(const plan *p, const char *xsd_path, bc_diag *d)
{
    bc_validator *v = calloc(1, sizeof *v);
    bc_strbuf sb = BC_STRBUF_INIT;
    if (!v || !p)
        goto fail;
    v->p = p;
    if (xsd_path && !(v->schema = xmlio_schema_load(xsd_path, d)))
        goto fail;
    v->re_appno = compile_re(RE_APPNO, d);
    if (!v->re_appno)
        goto fail;

    for (size_t i = 0; i < p->n_targets; i++)
        if (p->targets[i].counts & COUNT_SUPPORTED)
            v->support_kinds |= p->targets[i].kinds;
    char *codes = kind_list(p, UINT32_MAX);
    v->kinds_expected = codes ? bc_asprintf("mã loại đối tượng: %s", codes)
                              : NULL;
    free(codes);
    codes = kind_list(p, v->support_kinds);
    v->support_expected =
        codes ? bc_asprintf("loại được hỗ trợ phát triển: %s",
                            codes[0] ? codes : "(kế hoạch không có)")
              : NULL;
    free(codes);
    v->tasks_a_expected = task_list(p, 1, 0);
    v->tasks_b_expected = task_list(p, 0, 1);
    v->tasks_ab_expected = task_list(p, 1, 1);

    sb_reset(&sb);
    sb_adds(&sb, "chữ số đầu trong bảng tiền tố của kế hoạch:");
    for (size_t i = 0; i < p->n_prefixes; i++)
        sb_addf(&sb, "%s %d", i ? "," : "", p->prefixes[i].digit);
    v->prefix_expected = sb_detach(&sb);

    sb_adds(&sb, "một trong:");
    for (size_t i = 0; i < p->n_activity_kinds; i++)
        sb_addf(&sb, "%s %s (%s)", i ? "," : "", p->activity_kinds[i].code,
                p->activity_kinds[i].name);
    v->activity_expected = sb_detach(&sb);

    if (!v->kinds_expected || !v->support_expected || !v->tasks_a_expected ||
        !v->tasks_b_expected || !v->tasks_ab_expected ||
        !v->prefix_expected || !v->activity_expected)
        goto fail;
    return v;
fail:
    sb_release(&sb);
    validator_free(v);
    return NULL;
}

void validator_free(bc_validator *v)
{
    if (!v)
        return;
    xmlSchemaFree(v->schema); /* libxml2's and PCRE2's frees accept NULL */
    pcre2_code_free(v->re_appno);
    free(v->kinds_expected);
    free(v->support_expected);
    free(v->tasks_a_expected);
    free(v->tasks_b_expected);
    free(v->tasks_ab_expected);
    free(v->prefix_expected);
    free(v->activity_expected);
    free(v);
}

/* --- one run of the rules ------------------------------------------------ */

typedef struct run {
    bc_validator *v;
    const plan *p;
    submission *s;
    bc_diag *d;
    const plan_unit *unit; /* NULL if unknown */
    pcre2_match_data *md;  /* this run's: validators are shared by threads */
    int have_period;
    bc_date from, to;      /* the reporting period of the year */
    char period[64];       /* "từ 15/12/2023 đến 14/12/2024" */
    int nomem;
    int internal;
} run;

static bc_loc loc(const run *r, sub_loc at)
{
    return submission_loc(r->s, at);
}

/* Matches a whole field.  1 on a match, 0 on none; -1 (and r->internal)
 * when PCRE2 fails for another reason. */
static int re_match(run *r, pcre2_code *re, const char *s)
{
    int rc = pcre2_match(re, (PCRE2_SPTR)s, strlen(s), 0, 0, r->md, NULL);
    if (rc == PCRE2_ERROR_NOMATCH)
        return 0;
    if (rc < 0) {
        r->internal = 1;
        return -1;
    }
    return 1;
}

/* Capture group i of the last match into buf (size n); "" when unset. */
static void re_group(run *r, int i, char *buf, size_t n)
{
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(r->md);
    PCRE2_SIZE len = n;
    buf[0] = '\0';
    if (ov[2 * i] == PCRE2_UNSET)
        return;
    if (pcre2_substring_copy_bynumber(r->md, (uint32_t)i,
                                      (PCRE2_UCHAR *)buf, &len) < 0)
        buf[0] = '\0';
}

/* "dòng 12" or "ô Sheet!C7" for a message. */
static void place_text(sub_loc at, char *buf, size_t n)
{
    if (at.cell)
        snprintf(buf, n, "ô %s", at.cell);
    else
        snprintf(buf, n, "dòng %u", at.line);
}

/* Parses an xs:date ("2024-05-01", optionally with a time zone "Z" or
 * "+07:00", which is ignored).  0 and *out, or -1. */
static int parse_date(const char *s, bc_date *out)
{
    char day[11];
    size_t n = strlen(s);
    if (n < 10)
        return -1;
    memcpy(day, s, 10);
    day[10] = '\0';
    const char *tz = s + 10;
    if (!(tz[0] == '\0' || (tz[0] == 'Z' && tz[1] == '\0') ||
          ((tz[0] == '+' || tz[0] == '-') && strlen(tz) == 6 &&
           tz[1] >= '0' && tz[1] <= '9' && tz[2] >= '0' && tz[2] <= '9' &&
           tz[3] == ':' && tz[4] >= '0' && tz[4] <= '9' && tz[5] >= '0' &&
           tz[5] <= '9')))
        return -1;
    return date_parse_iso(day, out);
}

/* Parses an xs:integer count (sign, digits) within long.  0 or -1. */
static int parse_count(const char *s, long *out)
{
    int neg = 0;
    long v = 0;
    if (*s == '+' || *s == '-')
        neg = *s++ == '-';
    if (!*s)
        return -1;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return -1;
        if (v > (LONG_MAX - 9) / 10)
            return -1;
        v = v * 10 + (*s - '0');
    }
    *out = neg ? -v : v;
    return 0;
}

/* Parses an xs:decimal amount ("+1200", "1200.", ".5", "-3.25") exactly.
 * 0 and *out, or money_parse's negative result. */
static int parse_amount(const char *s, bc_money *out)
{
    char buf[64];
    size_t n = 0;
    if (*s == '+')
        s++;
    else if (*s == '-')
        buf[n++] = *s++;
    if (*s == '.')
        buf[n++] = '0';
    size_t len = strlen(s);
    if (len > sizeof buf - n - 2)
        return -3;
    memcpy(buf + n, s, len);
    n += len;
    if (n && buf[n - 1] == '.')
        n--;
    buf[n] = '\0';
    return money_parse(buf, out);
}

/* "từ dd/mm/yyyy đến dd/mm/yyyy" for a unit's validity. */
static void validity_text(const plan_unit *u, char *buf, size_t n)
{
    char a[11], b[11];
    date_format_vn(u->valid_from, a);
    date_format_vn(u->valid_to, b);
    if (u->valid_from && u->valid_to)
        snprintf(buf, n, "từ %s đến %s", a, b);
    else if (u->valid_from)
        snprintf(buf, n, "từ %s", a);
    else if (u->valid_to)
        snprintf(buf, n, "đến %s", b);
    else
        snprintf(buf, n, "không giới hạn");
}

/* Reads a date field: NULL text -> 0; a bad date -> DATE-FORMAT. */
static bc_date read_date(run *r, const sub_text *t, const char *what)
{
    bc_date dt = 0;
    if (!t->s)
        return 0;
    if (parse_date(t->s, &dt) != 0) {
        bc_loc at = loc(r, t->at);
        diag_add(r->d, BC_SEV_ERROR, "DATE-FORMAT", &at, t->s,
                 "ngày có thật dạng YYYY-MM-DD, năm 1900-2100",
                 "%s không phải ngày hợp lệ", what);
        return 0;
    }
    return dt;
}

/* DATE-PERIOD: dt must lie in the reporting period. */
static void check_period(run *r, bc_date dt, sub_loc where, const char *what)
{
    char f[11];
    if (!dt || !r->have_period || (dt >= r->from && dt <= r->to))
        return;
    bc_loc at = loc(r, where);
    if (dt > r->to) {
        diag_add(r->d, BC_SEV_ERROR, "DATE-PERIOD", &at, date_format_vn(dt, f),
                 r->period, "%s muộn hơn cuối kỳ báo cáo năm %d", what,
                 r->s->year_v);
        return;
    }
    /* reported late, or listed again while pending: it counts once, in
     * the year its date belongs to (docs/aggregate.md, reading i) */
    int y = date_period_year(dt, r->p->period_month, r->p->period_day);
    diag_add(r->d, BC_SEV_NOTE, "DATE-EARLIER", &at, date_format_vn(dt, f),
             r->period,
             "%s thuộc kỳ báo cáo năm %d, trước kỳ này (năm %d): được tính "
             "một lần, vào năm %d; không cần sửa",
             what, y, r->s->year_v, y);
}

/* UNIT-DATE: dt should lie within the unit's validity. */
static void check_unit_date(run *r, bc_date dt, sub_loc where,
                            const char *what)
{
    char f[11], valid[64], expected[160];
    if (!dt || !r->unit || plan_unit_valid_on(r->unit, dt))
        return;
    validity_text(r->unit, valid, sizeof valid);
    snprintf(expected, sizeof expected, "trong thời gian hiệu lực của đơn vị "
             "(%s)", valid);
    bc_loc at = loc(r, where);
    diag_add(r->d, BC_SEV_WARNING, "UNIT-DATE", &at, date_format_vn(dt, f),
             expected, "%s nằm ngoài thời gian hiệu lực của đơn vị %s (%s)",
             what, r->unit->name, r->unit->code);
}

/* Resolves a kind: exact code; else a name or alias with KIND-ALIAS; else
 * KIND-UNKNOWN.  The kind index or -1. */
static int resolve_kind(run *r, const sub_text *t, const char *what)
{
    if (!t->s)
        return -1;
    int k = plan_kind_index(r->p, t->s);
    if (k >= 0)
        return k;
    bc_loc at = loc(r, t->at);
    k = plan_kind_lookup(r->p, t->s);
    if (k >= 0) {
        diag_add(r->d, BC_SEV_WARNING, "KIND-ALIAS", &at, t->s,
                 r->p->kinds[k].code,
                 "%s ghi bằng tên thay vì mã; đã hiểu là %s (%s)", what,
                 r->p->kinds[k].code, r->p->kinds[k].name);
        return k;
    }
    diag_add(r->d, BC_SEV_ERROR, "KIND-UNKNOWN", &at, t->s,
             r->v->kinds_expected, "%s không có trong danh mục của kế hoạch",
             what);
    return -1;
}

enum { PART_A = 1, PART_B = 2 };

/* Resolves a task id against the parts allowed; TASK-UNKNOWN otherwise.
 * The plan's own id string, or NULL. */
static const char *resolve_task(run *r, const sub_text *t, int parts,
                                const char *what)
{
    const plan_task_a *a = plan_task_a_find(r->p, t->s);
    const plan_task_b *b = plan_task_b_find(r->p, t->s);
    if ((parts & PART_A) && a)
        return a->id;
    if ((parts & PART_B) && b)
        return b->id;
    bc_loc at = loc(r, t->at);
    const char *expected = parts == PART_A   ? r->v->tasks_a_expected
                           : parts == PART_B ? r->v->tasks_b_expected
                                             : r->v->tasks_ab_expected;
    char exp[512];
    snprintf(exp, sizeof exp, "mã nhiệm vụ %s: %s",
             parts == PART_A   ? "Phần A"
             : parts == PART_B ? "Phần B"
                               : "Phần A hoặc B",
             expected);
    if (a || b)
        diag_add(r->d, BC_SEV_ERROR, "TASK-UNKNOWN", &at, t->s, exp,
                 "%s là nhiệm vụ Phần %s của Phụ lục 2, không dùng được ở đây "
                 "(cần nhiệm vụ Phần %s)",
                 what, a ? "A" : "B", a ? "B" : "A");
    else
        diag_add(r->d, BC_SEV_ERROR, "TASK-UNKNOWN", &at, t->s, exp,
                 "%s không có trong Phụ lục 2 của kế hoạch", what);
    return NULL;
}

/* The header: unit, year, period, date, illustrative. */
static void check_header(run *r)
{
    submission *s = r->s;
    const plan *p = r->p;
    bc_loc at = loc(r, s->unit.at);

    /* year */
    int year = 0;
    if (s->year.s && strlen(s->year.s) >= 4) {
        const char *y = s->year.s;
        int ok = 1;
        for (int i = 0; i < 4; i++)
            ok = ok && y[i] >= '0' && y[i] <= '9';
        const char *tz = y + 4;
        ok = ok && (!*tz || !strcmp(tz, "Z") ||
                    ((*tz == '+' || *tz == '-') && strlen(tz) == 6));
        if (ok)
            year = (y[0] - '0') * 1000 + (y[1] - '0') * 100 +
                   (y[2] - '0') * 10 + (y[3] - '0');
    }
    char exp[160];
    at = loc(r, s->year.at);
    if (!year || year < p->start_year || year > p->end_year) {
        snprintf(exp, sizeof exp, "năm trong thời gian của kế hoạch (%d-%d)",
                 p->start_year, p->end_year);
        diag_add(r->d, BC_SEV_ERROR, "YEAR-OUT-OF-PLAN", &at, s->year.s, exp,
                 "năm báo cáo (thuộc tính year) nằm ngoài thời gian của kế "
                 "hoạch");
    }
    if (year && s->cycle && year != s->cycle) {
        snprintf(exp, sizeof exp, "%d (năm của thư mục chứa tệp)", s->cycle);
        diag_add(r->d, BC_SEV_ERROR, "YEAR-FOLDER", &at, s->year.s, exp,
                 "năm báo cáo (thuộc tính year) khác năm của thư mục "
                 "input/%d/",
                 s->cycle);
    }
    s->year_v = year;
    if (year && p->period_month >= 1 && p->period_month <= 12 &&
        p->period_day >= 1 &&
        date_valid(year, p->period_month, p->period_day)) {
        char a[11], b[11];
        date_period(year, p->period_month, p->period_day, &r->from, &r->to);
        r->have_period = 1;
        snprintf(r->period, sizeof r->period, "từ %s đến %s",
                 date_format_vn(r->from, a), date_format_vn(r->to, b));
    }

    /* unit */
    at = loc(r, s->unit.at);
    r->unit = s->unit.s ? plan_unit_find_typed(p, s->unit.s) : NULL;
    if (r->unit && strcmp(r->unit->code, s->unit.s) != 0)
        diag_add(r->d, BC_SEV_WARNING, "UNIT-CODE-ZEROS", &at, s->unit.s,
                 r->unit->code,
                 "mã đơn vị (thuộc tính unit) thiếu các số 0 ở đầu (ô số của "
                 "bảng tính); đã hiểu là %s (%s)",
                 r->unit->code, r->unit->name);
    if (!r->unit) {
        diag_add(r->d, BC_SEV_ERROR, "UNIT-UNKNOWN", &at, s->unit.s,
                 "mã đơn vị trong danh mục (templates/plan)",
                 "mã đơn vị báo cáo (thuộc tính unit) không có trong danh mục "
                 "đơn vị của kế hoạch");
    } else {
        s->unit_v = r->unit->code;
        if (r->have_period &&
            !plan_unit_valid_during(r->unit, r->from, r->to)) {
            const plan_unit *u = r->unit;
            const plan_unit *succ =
                u->successor ? plan_unit_find(p, u->successor) : NULL;
            char valid[64], succ_txt[256], e[256];
            validity_text(u, valid, sizeof valid);
            if (succ)
                snprintf(succ_txt, sizeof succ_txt,
                         "; đơn vị kế thừa: %s (mã %s)", succ->name,
                         succ->code);
            else if (u->successor)
                snprintf(succ_txt, sizeof succ_txt,
                         "; đơn vị kế thừa: mã %s", u->successor);
            else
                snprintf(succ_txt, sizeof succ_txt,
                         "; không có đơn vị kế thừa");
            snprintf(e, sizeof e, "đơn vị có hiệu lực trong kỳ %s%s%s%s",
                     r->period, succ ? " (báo cáo dưới mã " : "",
                     succ ? succ->code : "", succ ? ")" : "");
            diag_add(r->d, BC_SEV_ERROR, "UNIT-NOT-VALID", &at, s->unit.s,
                     e,
                     "đơn vị %s (thuộc tính unit) chỉ có hiệu lực %s, không "
                     "trong kỳ báo cáo năm %d%s",
                     u->name, valid, year, succ_txt);
        }
    }

    s->date_v = read_date(r, &s->date, "ngày lập báo cáo (thuộc tính date)");
    s->illustrative_v = s->illustrative.s &&
                        (!strcmp(s->illustrative.s, "true") ||
                         !strcmp(s->illustrative.s, "1"));
}

/* APPNO-*: the application number of record rec (kind resolved). */
static void check_appno(run *r, sub_record *rec)
{
    const plan *p = r->p;
    const char *typed = rec->application.s;
    if (!typed)
        return;
    bc_loc at = loc(r, rec->application.at);
    const plan_kind *kind = rec->kind_v >= 0 ? &p->kinds[rec->kind_v] : NULL;
    if (kind && !kind->ip_office) {
        rec->appno_v = typed; /* e.g. a plant variety: any token */
        return;
    }
    int m = re_match(r, r->v->re_appno, typed);
    if (m <= 0) {
        if (m == 0 && kind)
            diag_add(r->d, BC_SEV_ERROR, "APPNO-FORMAT", &at, typed,
                     APPNO_EXPECTED,
                     "số đơn (cột «Số đơn») không đúng dạng số đơn của Cục "
                     "Sở hữu trí tuệ");
        return;
    }
    char digit[8], year[8], serial[8], norm[24];
    re_group(r, 2, digit, sizeof digit);
    re_group(r, 3, year, sizeof year);
    re_group(r, 4, serial, sizeof serial);
    snprintf(norm, sizeof norm, "%s-%s-%s", digit, year, serial);
    rec->appno_v = arena_strdup(r->s->arena, norm);
    if (!rec->appno_v)
        r->nomem = 1;
    if (!kind)
        return;

    int dg = digit[0] - '0';
    const plan_prefix *pf = plan_prefix_find(p, dg);
    uint32_t bit = (uint32_t)1 << (rec->kind_v % PLAN_MAX_KINDS);
    if (!pf) {
        diag_add(r->d, BC_SEV_WARNING, "APPNO-PREFIX", &at, typed,
                 r->v->prefix_expected,
                 "chữ số đầu %d của số đơn (cột «Số đơn») không có trong bảng "
                 "tiền tố của kế hoạch",
                 dg);
    } else if (!(pf->kinds & bit)) {
        bc_strbuf names = BC_STRBUF_INIT, digits = BC_STRBUF_INIT;
        sb_adds(&names, "");
        sb_adds(&digits, "");
        for (size_t i = 0; i < p->n_kinds && i < PLAN_MAX_KINDS; i++)
            if (pf->kinds & ((uint32_t)1 << i))
                sb_addf(&names, "%s%s", names.len ? ", " : "",
                        p->kinds[i].name);
        for (size_t i = 0; i < p->n_prefixes; i++)
            if (p->prefixes[i].kinds & bit)
                sb_addf(&digits, "%s%d", digits.len ? " hoặc " : "",
                        p->prefixes[i].digit);
        char *e = bc_asprintf("số đơn %s bắt đầu bằng %s", kind->name,
                              digits.len ? sb_str(&digits) : "(không có)");
        if (!e || names.failed || digits.failed)
            r->nomem = 1;
        else
            diag_add(r->d, BC_SEV_ERROR, "APPNO-KIND", &at, typed, e,
                     "số đơn (cột «Số đơn») bắt đầu bằng %d là số đơn %s, "
                     "không phải %s (%s)",
                     dg, sb_str(&names), kind->name, kind->code);
        free(e);
        sb_release(&names);
        sb_release(&digits);
    } else if (!pf->confirmed) {
        diag_add(r->d, BC_SEV_NOTE, "APPNO-PREFIX-UNCONFIRMED", &at, typed,
                 "tiền tố đã được xác nhận trong dữ liệu kế hoạch",
                 "chữ số đầu %d của số đơn (cột «Số đơn») ứng với %s theo "
                 "quy ước chưa được xác nhận",
                 dg, kind->name);
    }
    int y = atoi(year);
    if (rec->filed_v && y != date_year(rec->filed_v)) {
        char e[96], f[11];
        snprintf(e, sizeof e, "năm %d (theo ngày nộp đơn %s)",
                 date_year(rec->filed_v), date_format_vn(rec->filed_v, f));
        diag_add(r->d, BC_SEV_WARNING, "APPNO-YEAR", &at, typed, e,
                 "năm %d trong số đơn (cột «Số đơn») khác năm nộp đơn", y);
    }
}

/* TEXT-INVISIBLE: a name that holds an invisible character (a zero-width
 * joiner, a soft hyphen...) is matched without it (text_fold), and the
 * clerk is told, since the same name typed again would differ. */
static void check_invisible(run *r, const sub_text *t, const char *what)
{
    long cp = text_first_ignorable(t->s);
    if (!cp)
        return;
    char found[24];
    snprintf(found, sizeof found, "U+%04lX", (unsigned long)cp);
    bc_loc at = loc(r, t->at);
    diag_add(r->d, BC_SEV_WARNING, "TEXT-INVISIBLE", &at, found,
             "gõ lại tên, không có ký tự ẩn",
             "%s «%s» có ký tự ẩn (không nhìn thấy); đã bỏ qua ký tự này "
             "khi so khớp tên", what, t->s);
}

/* An error `code` at `at` about the date d, out of order with bound:
 * found is d and the expected text is expect with its %s the bound, both
 * dd/mm/yyyy; the message is fmt with its arguments.  Cannot fail. */
static void order_finding(run *r, const char *code, sub_loc at, bc_date d,
                          bc_date bound, const char *expect,
                          const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));
static void order_finding(run *r, const char *code, sub_loc at, bc_date d,
                          bc_date bound, const char *expect,
                          const char *fmt, ...)
{
    char f[11], b[11], e[64];
    snprintf(e, sizeof e, expect, date_format_vn(bound, b));
    bc_loc where = loc(r, at);
    va_list ap;
    va_start(ap, fmt);
    diag_vadd(r->d, BC_SEV_ERROR, code, &where, date_format_vn(d, f), e, fmt,
              ap);
    va_end(ap);
}

static void check_record(run *r, sub_record *rec)
{
    check_invisible(r, &rec->name, "tên đối tượng (cột «Tên đối tượng»)");
    check_invisible(r, &rec->product, "sản phẩm (cột «Sản phẩm»)");
    check_invisible(r, &rec->owner, "chủ sở hữu (cột «Chủ sở hữu»)");
    bc_loc at = loc(r, rec->at);
    rec->kind_v = resolve_kind(r, &rec->kind, "loại đối tượng (cột «Loại đối tượng»)");
    if (rec->status.s) {
        if (!strcmp(rec->status.s, "filed"))
            rec->status_v = REC_FILED;
        else if (!strcmp(rec->status.s, "granted"))
            rec->status_v = REC_GRANTED;
        else if (!strcmp(rec->status.s, "refused"))
            rec->status_v = REC_REFUSED;
    }
    if (rec->status_v == REC__UNKNOWN) {
        bc_loc sat = loc(r, rec->status.at);
        diag_add(r->d, BC_SEV_ERROR, "REC-STATUS", &sat, rec->status.s,
                 "Đã nộp đơn, Đã cấp văn bằng hoặc Bị từ chối (trong tệp XML: filed, granted hoặc refused)",
                 "tình trạng (cột «Tình trạng») không hợp lệ");
    }
    rec->filed_v = read_date(r, &rec->filed, "ngày nộp đơn (cột «Ngày nộp đơn»)");
    rec->granted_v = read_date(r, &rec->granted, "ngày cấp bằng (cột «Ngày cấp bằng»)");

    if (rec->status_v == REC_FILED && !rec->filed.s)
        diag_add(r->d, BC_SEV_ERROR, "REC-DATE-MISSING", &at, NULL,
                 "ngày nộp đơn (cột «Ngày nộp đơn»)",
                 "thiếu ngày nộp đơn (cột «Ngày nộp đơn») cho đơn có tình trạng "
                 "«Đã nộp đơn»");
    if (rec->status_v == REC_GRANTED && !rec->granted.s)
        diag_add(r->d, BC_SEV_ERROR, "REC-DATE-MISSING", &at, NULL,
                 "ngày cấp bằng (cột «Ngày cấp bằng»)",
                 "thiếu ngày cấp bằng (cột «Ngày cấp bằng») cho đơn có tình trạng "
                 "«Đã cấp văn bằng»");

    if (rec->status_v == REC_FILED) {
        check_period(r, rec->filed_v, rec->filed.at, "ngày nộp đơn (cột «Ngày nộp đơn»)");
        check_unit_date(r, rec->filed_v, rec->filed.at,
                        "ngày nộp đơn (cột «Ngày nộp đơn»)");
    } else {
        if (rec->status_v == REC_GRANTED) {
            check_period(r, rec->granted_v, rec->granted.at,
                         "ngày cấp bằng (cột «Ngày cấp bằng»)");
            check_unit_date(r, rec->granted_v, rec->granted.at,
                            "ngày cấp bằng (cột «Ngày cấp bằng»)");
        }
        /* an earlier filing is fine; one after the period is not */
        if (rec->filed_v && r->have_period && rec->filed_v > r->to)
            order_finding(r, "DATE-PERIOD", rec->filed.at, rec->filed_v,
                          r->to, "không muộn hơn %s",
                          "ngày nộp đơn (cột «Ngày nộp đơn») muộn hơn cuối "
                          "kỳ báo cáo năm %d",
                          r->s->year_v);
    }
    if (rec->filed_v && rec->granted_v && rec->granted_v < rec->filed_v)
        order_finding(r, "DATE-ORDER", rec->granted.at, rec->granted_v,
                      rec->filed_v, "không sớm hơn ngày nộp đơn %s",
                      "ngày cấp bằng (cột «Ngày cấp bằng») sớm hơn ngày nộp "
                      "đơn (cột «Ngày nộp đơn»)");
    check_appno(r, rec);
    if (rec->task.s)
        (void)resolve_task(r, &rec->task, PART_A | PART_B,
                           "nhiệm vụ (cột «Nhiệm vụ Đề án») của đơn");
}

/* COUNT-NEGATIVE / NUMBER-FORMAT for an activity count. */
static long read_count(run *r, const sub_text *t, const char *what)
{
    long v;
    if (!t->s)
        return -1;
    bc_loc at = loc(r, t->at);
    if (parse_count(t->s, &v) != 0) {
        diag_add(r->d, BC_SEV_ERROR, "NUMBER-FORMAT", &at, t->s,
                 "số nguyên không âm", "%s không phải số nguyên", what);
        return -1;
    }
    if (v < 0) {
        diag_add(r->d, BC_SEV_ERROR, "COUNT-NEGATIVE", &at, t->s,
                 "số không âm (0 trở lên)", "%s là số âm", what);
        return -1;
    }
    return v;
}

static void check_activity(run *r, sub_activity *a)
{
    if (a->task.s)
        a->task_v = resolve_task(r, &a->task, PART_A | PART_B,
                                 "nhiệm vụ (cột «Nhiệm vụ») của hoạt động");
    a->date_v = read_date(r, &a->date, "ngày hoạt động (cột «Ngày»)");
    check_period(r, a->date_v, a->date.at, "ngày hoạt động (cột «Ngày»)");
    check_unit_date(r, a->date_v, a->date.at, "ngày hoạt động (cột «Ngày»)");
    if (a->kind.s && !plan_activity_kind_find(r->v->p, a->kind.s)) {
        bc_loc at = loc(r, a->kind.at);
        diag_add(r->d, BC_SEV_ERROR, "ACTIVITY-KIND", &at, a->kind.s,
                 r->v->activity_expected,
                 "loại hoạt động (cột «Loại hoạt động») không thuộc danh mục");
    }
    a->classes_v = read_count(r, &a->classes, "số lớp (cột «Số lớp»)");
    a->participants_v =
        read_count(r, &a->participants, "số người tham dự (cột «Số người tham gia»)");
}

static void check_support(run *r, sub_support *u)
{
    check_invisible(r, &u->mark, "nhãn hiệu được hỗ trợ (cột «Nhãn hiệu»)");
    u->kind_v = resolve_kind(r, &u->kind, "loại nhãn hiệu được hỗ trợ (cột «Loại»)");
    if (u->kind_v >= 0 &&
        !(r->v->support_kinds & ((uint32_t)1 << (u->kind_v % PLAN_MAX_KINDS)))) {
        bc_loc at = loc(r, u->kind.at);
        diag_add(r->d, BC_SEV_ERROR, "SUPPORT-KIND", &at, u->kind.s,
                 r->v->support_expected,
                 "loại nhãn hiệu được hỗ trợ (cột «Loại») %s không thuộc chỉ tiêu "
                 "hỗ trợ phát triển của kế hoạch",
                 r->p->kinds[u->kind_v].name);
    }
    u->date_v = read_date(r, &u->date, "ngày hỗ trợ (cột «Ngày»)");
    check_period(r, u->date_v, u->date.at, "ngày hỗ trợ (cột «Ngày»)");
    check_unit_date(r, u->date_v, u->date.at, "ngày hỗ trợ (cột «Ngày»)");
    if (u->task.s)
        u->task_v = resolve_task(r, &u->task, PART_A | PART_B,
                                 "nhiệm vụ (cột «Nhiệm vụ») của hoạt động hỗ trợ");
}

/* An amount; NUMBER-FORMAT when unreadable, BUDGET-NEGATIVE when < 0.
 * 1 when parsed (even if negative), 0 otherwise. */
static int read_amount(run *r, const sub_text *t, const char *what,
                       bc_money *out)
{
    if (!t->s)
        return 0;
    bc_loc at = loc(r, t->at);
    if (parse_amount(t->s, out) != 0) {
        diag_add(r->d, BC_SEV_ERROR, "NUMBER-FORMAT", &at, t->s,
                 "số tiền dạng 1234.5 (triệu đồng, tối đa 6 chữ số thập phân)",
                 "%s không đọc được thành số tiền", what);
        return 0;
    }
    if (*out < 0)
        diag_add(r->d, BC_SEV_ERROR, "BUDGET-NEGATIVE", &at, t->s,
                 "số tiền không âm (triệu đồng)", "%s là số âm", what);
    return 1;
}

/* A finding that the amount v at t is out of scale: found is v and the
 * expected text is expect with its one %s the bound, both written the
 * Vietnamese way; the message is fmt with its arguments.  Cannot fail
 * (a finding lost to memory is counted by the sink). */
static void scale_finding(run *r, bc_severity sev, const char *code,
                          const sub_text *t, bc_money v, bc_money bound,
                          const char *expect, const char *fmt, ...)
    __attribute__((format(printf, 8, 9)));
static void scale_finding(run *r, bc_severity sev, const char *code,
                          const sub_text *t, bc_money v, bc_money bound,
                          const char *expect, const char *fmt, ...)
{
    char x[TEXT_VN_BUF], y[TEXT_VN_BUF], e[TEXT_VN_BUF + 200];
    snprintf(e, sizeof e, expect, text_format_vn(bound, y, sizeof y));
    bc_loc at = loc(r, t->at);
    va_list ap;
    va_start(ap, fmt);
    diag_vadd(r->d, sev, code, &at, text_format_vn(v, x, sizeof x), e, fmt,
              ap);
    va_end(ap);
}

/* BUDGET-IMPLAUSIBLE: an amount above the plan's whole budget (every
 * part B task, every year) cannot be one task's in one year: most often
 * đồng typed under a triệu đồng label (issue 14). */
static int check_plausible(run *r, const sub_budget *l, const sub_text *t,
                           bc_money v, const char *what)
{
    bc_money whole = 0;
    for (size_t i = 0; i < r->p->n_tasks_b; i++)
        for (size_t k = 0; k < r->p->tasks_b[i].n_years; k++)
            if (money_add(&whole, r->p->tasks_b[i].years[k].amount) != 0)
                return 0;
    if (whole <= 0 || v <= whole)
        return 0;
    scale_finding(r, BC_SEV_ERROR, "BUDGET-IMPLAUSIBLE", t, v, whole,
                  "số tiền tính bằng triệu đồng, không quá %s triệu đồng "
                  "(toàn bộ kinh phí của Đề án); nếu số tiền tính bằng "
                  "đồng, ghi «(đồng)» ở tiêu đề cột",
                  "%s của nhiệm vụ %s lớn hơn toàn bộ kinh phí của Đề án: "
                  "không thể là kinh phí của một nhiệm vụ trong một năm",
                  what, l->task.s ? l->task.s : "(không ghi)");
    return 1;
}

/* BUDGET-UNUSUAL: an amount more than ten times the largest yearly khái
 * toán of its Part B task is most often thousands of đồng (or đồng)
 * typed under a triệu đồng label; it stays below BUDGET-IMPLAUSIBLE's
 * bound, so it is a warning that says what to check (issue 14). */
#define BUDGET_UNUSUAL_FACTOR 10
static void check_unusual(run *r, const sub_budget *l, const sub_text *t,
                          bc_money v, const char *what)
{
    const plan_task_b *tb = l->task_v ? plan_task_b_find(r->p, l->task_v)
                                      : NULL;
    bc_money most = 0;
    for (size_t k = 0; tb && k < tb->n_years; k++)
        if (tb->years[k].amount > most)
            most = tb->years[k].amount;
    if (most <= 0 || v / BUDGET_UNUSUAL_FACTOR <= most)
        return;
    scale_finding(r, BC_SEV_WARNING, "BUDGET-UNUSUAL", t, v, most,
                  "số tiền tính bằng triệu đồng; khái toán lớn nhất một năm "
                  "của nhiệm vụ là %s triệu đồng; nếu số ghi bằng nghìn "
                  "đồng hoặc đồng, ghi đơn vị ở tiêu đề cột",
                  "%s của nhiệm vụ %s gấp hơn %d lần khái toán một năm của "
                  "nhiệm vụ: kiểm tra lại đơn vị tính",
                  what, l->task.s ? l->task.s : "(không ghi)",
                  BUDGET_UNUSUAL_FACTOR);
}

static void check_budget(run *r, sub_budget *l)
{
    if (l->task.s)
        l->task_v = resolve_task(r, &l->task, PART_A | PART_B,
                                 "nhiệm vụ (cột «Nhiệm vụ») của dòng kinh phí");
    int a = read_amount(r, &l->allocated, "kinh phí được giao (cột «Kinh phí được giao»)",
                        &l->allocated_v);
    int b = read_amount(r, &l->disbursed, "kinh phí giải ngân (cột «Đã giải ngân»)",
                        &l->disbursed_v);
    l->amounts_ok = a && b;
    if (a && !check_plausible(r, l, &l->allocated, l->allocated_v,
                              "kinh phí được giao"))
        check_unusual(r, l, &l->allocated, l->allocated_v,
                      "kinh phí được giao");
    if (b)
        (void)check_plausible(r, l, &l->disbursed, l->disbursed_v,
                              "kinh phí giải ngân");
    if (l->amounts_ok && l->disbursed_v > l->allocated_v &&
        l->disbursed_v >= 0 && l->allocated_v >= 0) {
        char x[TEXT_VN_BUF], y[TEXT_VN_BUF], f[2 * TEXT_VN_BUF + 48];
        snprintf(f, sizeof f, "giải ngân %s > được giao %s",
                 text_format_vn(l->disbursed_v, x, sizeof x),
                 text_format_vn(l->allocated_v, y, sizeof y));
        bc_loc at = loc(r, l->disbursed.at);
        diag_add(r->d, BC_SEV_ERROR, "BUDGET-OVER", &at, f,
                 "kinh phí giải ngân không vượt kinh phí được giao: sửa một "
                 "trong hai số cho đúng sổ sách",
                 "nhiệm vụ %s: kinh phí giải ngân (cột «Đã giải ngân») lớn "
                 "hơn kinh phí được giao (cột «Kinh phí được giao») (triệu "
                 "đồng)",
                 l->task.s ? l->task.s : "(không ghi)");
    }
}

/* --- duplicates ----------------------------------------------------------- */

typedef struct keyed {
    const char *key;
    size_t idx;
} keyed;

static int cmp_keyed(const void *a, const void *b)
{
    const keyed *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->idx > y->idx) - (x->idx < y->idx);
}

/* For keys[0..n) (NULL keys ignored) sets first[i] to the index of the
 * first item with the same key when that is an earlier one, SIZE_MAX
 * otherwise.  O(n log n).  0, or -1 when out of memory. */
static int find_dups(const char *const *keys, size_t n, size_t *first)
{
    keyed *v = NULL;
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        first[i] = SIZE_MAX;
    if (n < 2)
        return 0;
    if (n > SIZE_MAX / sizeof *v)
        return -1;
    v = malloc(n * sizeof *v);
    if (!v)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (keys[i])
            v[m++] = (keyed){keys[i], i};
    if (m > 1)
        qsort(v, m, sizeof *v, cmp_keyed);
    /* equal keys are adjacent, the earliest item first */
    for (size_t i = 1, start = 0; i < m; i++) {
        if (strcmp(v[start].key, v[i].key) == 0)
            first[v[i].idx] = v[start].idx;
        else
            start = i;
    }
    free(v);
    return 0;
}

/* For each item i of n whose key keys[i] repeats an earlier item's
 * (find_dups, first[0..n) its scratch space), a warning `code` at its
 * field fields[i], quoting it: expected is expect with its %s where the
 * first one is; the message is fmt with its %s, if any, the key.
 * Returns 0, or -1 when out of memory. */
static int warn_dups(run *r, const char *const *keys,
                     const sub_text *const *fields, size_t *first, size_t n,
                     const char *code, const char *expect, const char *fmt)
{
    if (find_dups(keys, n, first) != 0)
        return -1;
    for (size_t i = 0; i < n; i++) {
        if (first[i] == SIZE_MAX)
            continue;
        char where[160], e[256];
        place_text(fields[first[i]]->at, where, sizeof where);
        snprintf(e, sizeof e, expect, where);
        bc_loc at = loc(r, fields[i]->at);
        diag_add(r->d, BC_SEV_WARNING, code, &at, fields[i]->s, e, fmt,
                 keys[i]);
    }
    return 0;
}

/* DUP-IN-FILE and BUDGET-DUP.  Returns 0, or -1 when out of memory
 * (findings made so far kept). */
static int check_dups(run *r)
{
    submission *s = r->s;
    size_t n = s->n_records > s->n_budget ? s->n_records : s->n_budget;
    const char **keys = NULL;
    const sub_text **fields = NULL;
    size_t *first = NULL;
    int rc = -1;
    if (n == 0)
        return 0;
    if (n > SIZE_MAX / sizeof *keys || n > SIZE_MAX / sizeof *first)
        goto out;
    keys = malloc(n * sizeof *keys);
    fields = malloc(n * sizeof *fields);
    first = malloc(n * sizeof *first);
    if (!keys || !fields || !first)
        goto out;

    for (size_t i = 0; i < s->n_records; i++) {
        keys[i] = s->records[i].appno_v;
        fields[i] = &s->records[i].application;
    }
    if (warn_dups(r, keys, fields, first, s->n_records, "DUP-IN-FILE",
                  "mỗi số đơn khai một lần (đã khai ở %s)",
                  "số đơn (cột «Số đơn») %s khai trùng trong báo cáo; chỉ "
                  "được tính một lần") != 0)
        goto out;

    for (size_t i = 0; i < s->n_budget; i++) {
        keys[i] = s->budget[i].task_v ? s->budget[i].task_v
                                      : s->budget[i].task.s;
        fields[i] = &s->budget[i].task;
    }
    if (warn_dups(r, keys, fields, first, s->n_budget, "BUDGET-DUP",
                  "mỗi nhiệm vụ một dòng kinh phí (đã có ở %s)",
                  "nhiệm vụ (cột «Nhiệm vụ») có nhiều dòng kinh phí; các "
                  "dòng sẽ được cộng dồn") == 0)
        rc = 0;
out:
    free(keys);
    free(fields);
    free(first);
    return rc;
}

bc_status validate_submission(bc_validator *v, submission *s, bc_diag *d)
{
    size_t first = diag_count(d);
    size_t errors = diag_count_sev(d, BC_SEV_ERROR);
    run r = {0};
    r.v = v;
    r.p = v->p;
    r.s = s;
    r.d = d;
    bc_status st = BC_OK;
    r.md = pcre2_match_data_create(8, NULL);
    if (!r.md)
        return BC_ERR_NOMEM;

    check_header(&r);
    for (size_t i = 0; i < s->n_records; i++)
        check_record(&r, &s->records[i]);
    for (size_t i = 0; i < s->n_activities; i++)
        check_activity(&r, &s->activities[i]);
    for (size_t i = 0; i < s->n_supports; i++)
        check_support(&r, &s->supports[i]);
    for (size_t i = 0; i < s->n_budget; i++)
        check_budget(&r, &s->budget[i]);
    if (check_dups(&r) != 0)
        r.nomem = 1;

    pcre2_match_data_free(r.md);
    if (r.internal) {
        bc_loc at = {s->file, 0, NULL};
        diag_add(d, BC_SEV_ERROR, "INTERNAL", &at, NULL, NULL,
                 "lỗi nội bộ khi so khớp biểu thức chính quy");
    }
    diag_set_context(d, first, s->unit_v ? s->unit_v : s->unit.s,
                     s->cycle ? s->cycle : s->year_v);
    if (r.nomem)
        st = BC_ERR_NOMEM;
    else if (r.internal)
        st = BC_ERR_INTERNAL;
    else if (diag_count_sev(d, BC_SEV_ERROR) > errors)
        st = BC_ERR_INVALID;
    return st;
}

/* --- documents and files -------------------------------------------------- */

/* XSD then submission_from_doc.  *out NULL unless built.  doc is only
 * read. */
static bc_status build(bc_validator *v, xmlDocPtr doc, const char *file,
                       int cycle, bc_diag *d, submission **out)
{
    *out = NULL;
    if (v->schema) {
        int rc = xmlio_validate(v->schema, doc, file, d);
        if (rc < 0)
            return BC_ERR_INTERNAL;
        if (rc > 0)
            return BC_ERR_INVALID;
    }
    *out = submission_from_doc(doc, file, cycle, d);
    return *out ? BC_OK : BC_ERR_NOMEM;
}

/* The cleaned unit attribute of the document's root, for the context of a
 * rejected file's findings; NULL if none. */
static char *doc_unit(xmlDocPtr doc)
{
    xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
    xmlChar *u = root ? xmlGetNoNsProp(root, BAD_CAST "unit") : NULL;
    char *clean = u ? text_clean((const char *)u) : NULL;
    xmlFree(u);
    return clean;
}

/* The common tail: rules over a built submission, or the context of a
 * rejected file's findings. */
static bc_status finish(bc_validator *v, bc_status st, xmlDocPtr doc,
                        int own_doc, size_t first, int cycle, bc_diag *d,
                        submission **out)
{
    if (st != BC_OK) {
        char *unit = doc_unit(doc);
        diag_set_context(d, first, unit && unit[0] ? unit : NULL, cycle);
        free(unit);
        if (own_doc)
            xmlFreeDoc(doc);
        return st;
    }
    if (own_doc)
        xmlFreeDoc(doc); /* the submission holds copies of everything */
    st = validate_submission(v, *out, d);
    diag_set_context(d, first, (*out)->unit_v ? (*out)->unit_v
                                              : (*out)->unit.s,
                     cycle ? cycle : (*out)->year_v);
    if (st == BC_ERR_NOMEM) {
        submission_free(*out);
        *out = NULL;
        return st;
    }
    /* an error found while reading (a workbook cell refused at its
     * place) rejects the file as surely as a rule does */
    for (size_t i = first; st == BC_OK && i < diag_count(d); i++)
        if (diag_get(d, i)->sev == BC_SEV_ERROR)
            st = BC_ERR_INVALID;
    return st;
}

bc_status validate_doc(bc_validator *v, xmlDocPtr doc, const char *file,
                       int cycle, bc_diag *d, submission **out)
{
    size_t first = diag_count(d);
    bc_status st = build(v, doc, file, cycle, d, out);
    return finish(v, st, doc, 0, first, cycle, d, out);
}

bc_status validate_file(bc_validator *v, const char *path, int cycle,
                        bc_diag *d, submission **out)
{
    size_t first = diag_count(d);
    submission *s = NULL;
    if (validate_stream_xml(v, path, path, cycle, &s))
        return validate_streamed(v, s, cycle, first, d, out);
    xmlDocPtr doc = NULL;
    bc_status st = ingest_file(path, d, &doc);
    return validate_ingested(v, st, doc, path, cycle, first, d, out);
}

int validate_stream_xml(bc_validator *v, const char *path, const char *file,
                        int cycle, submission **out)
{
    char ext[16], *data = NULL;
    size_t n = 0;
    struct stat sb;
    *out = NULL;
    bc_file_ext(path, ext, sizeof ext);
    /* ingest_file's checks, quietly: a regular file within the limit
     * (stat first, so that nothing else is ever opened) */
    if (!v->schema || strcmp(ext, "xml") != 0 || stat(path, &sb) != 0 ||
        !S_ISREG(sb.st_mode) ||
        bc_read_file(path, XMLIO_MAX_SUBMISSION_BYTES, &data, &n) != BC_OK)
        return 0;
    int ok = submission_from_xml(data, n, v->schema, file, cycle, out);
    free(data);
    return ok;
}

bc_status validate_streamed(bc_validator *v, submission *s, int cycle,
                            size_t first, bc_diag *d, submission **out)
{
    *out = s;
    return finish(v, BC_OK, NULL, 0, first, cycle, d, out);
}

bc_status validate_ingested(bc_validator *v, bc_status ingest_st,
                            xmlDocPtr doc, const char *path, int cycle,
                            size_t first, bc_diag *d, submission **out)
{
    *out = NULL;
    if (ingest_st != BC_OK) {
        xmlFreeDoc(doc); /* NULL from ingest_file on failure */
        diag_set_context(d, first, NULL, cycle);
        return ingest_st;
    }
    bc_status st = build(v, doc, path, cycle, d, out);
    return finish(v, st, doc, 1, first, cycle, d, out);
}

/* --- the verdict ---------------------------------------------------------- */

/* Copies unit into out when it fits whole (a cut code would name no unit
 * and could end inside a character). */
static void verdict_set_unit(bc_verdict *out, const char *unit)
{
    if (unit && strlen(unit) < sizeof out->unit)
        strcpy(out->unit, unit);
}

bc_status validate_verdict(bc_status st, const char *path, int cycle,
                           const submission *s, bc_diag *d, size_t first,
                           bc_verdict *out)
{
    memset(out, 0, sizeof *out);
    out->st = st;
    for (size_t k = first; k < diag_count(d); k++) {
        const bc_finding *f = diag_get(d, k);
        out->errors += f->sev == BC_SEV_ERROR;
        out->warnings += f->sev == BC_SEV_WARNING;
        if (!out->unit[0] && f->unit)
            verdict_set_unit(out, f->unit);
    }
    if (s)
        verdict_set_unit(out, s->unit_v ? s->unit_v : s->unit.s);
    if (st != BC_OK && out->errors == 0) {
        bc_loc at = {path, 0, NULL};
        diag_add(d, BC_SEV_ERROR, "FILE-READ", &at, NULL, NULL,
                 "không đọc được tệp (%s)", bc_status_msg(st));
        diag_set_context(d, diag_count(d) - 1,
                         out->unit[0] ? out->unit : NULL, cycle);
        out->errors++;
    }
    out->kind = (st == BC_OK && out->errors == 0 && s) ? BC_VERDICT_ACCEPTED
                                                       : BC_VERDICT_REJECTED;
    return st == BC_ERR_NOMEM ? BC_ERR_NOMEM : BC_OK;
}
