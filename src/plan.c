/* plan.c - the Đề án as data: load, lookups, self-consistency check.
 *
 * plan_load reads a plan file (templates/plan/de-an-2030.xml, schema
 * templates/schema/plan.xsd), applies its amendment files (the DOM of each
 * change copied into the plan's, marked with the file it came from, so a
 * finding names that file and line), then reads the result into the
 * structs of plan.h.  Every string
 * and array lives in one arena kept in plan->priv_, together with the
 * source line of each element a finding may point at and the folded keys
 * used for name matching, so that the loaded plan is read-only and can be
 * shared between threads.
 */
#include "plan.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "array.h"
#include "order.h"
#include "testing.h"
#include "text.h"
#include "util.h"
#include "xmlio.h"

STATIC const plan_target *plan_target_find(const plan *p, const char *id);

/* What plan_load keeps beside the public structs. */
typedef struct plan_priv {
    bc_arena *arena;
    /* folded keys: code, name and aliases of each kind */
    char ***kind_keys;
    size_t *kind_n_keys;
    /* folded name and product of each Phụ lục 1 entry */
    char **prot_name_key;
    char **prot_product_key;
    /* source lines (0 = unknown) for findings */
    unsigned *task_a_line, *task_b_line, *phase_line, **phase_year_line;
    unsigned *section_line, *protected_line, *b2_line, *b2_total_line;
    unsigned *duty_line, *unit_line, *target_line, *fact_line;
    unsigned *section3_line;
    unsigned table2_line;
    /* lines are encoded: line | k << LINE_FILE_SHIFT for file k (0 the
     * plan, k >= 1 amendment k); files[k] names it (arena) */
    char **files;
    size_t n_files;
    /* unit code index: open addressing, each slot a unit index + 1 (0 =
     * empty), capacity a power of two.  Filled while the units load (the
     * first of two equal codes wins, as with a scan); used by
     * plan_unit_find only while p->units and p->n_units are still the
     * array it indexes (a caller such as tools/genbench may swap it). */
    size_t *unit_slots;
    size_t unit_cap;
    const plan_unit *unit_base; /* the array indexed */
    size_t unit_n;              /* how many of its units are indexed */
} plan_priv;

/* State of one plan_load run. */
typedef struct loader {
    plan *p;
    plan_priv *pv;
    bc_arena *a;
    bc_diag *d;
    const char *path;
    /* files whose nodes are loaded: [0] the plan, [k] amendment k; a
     * node copied from amendment k carries k in _private (its subtree
     * root) and its line is encoded with k (ln) */
    const char *const *files;
    size_t n_files;
    int errors; /* error findings added */
    int nomem;  /* an allocation failed */
} loader;

/* --- small helpers ------------------------------------------------------ */

#define LINE_FILE_SHIFT 24 /* lines of a file below 16 M, 255 amendments */
#define LINE_MASK ((1u << LINE_FILE_SHIFT) - 1)

/* The encoded line of node n: its line, with the index of the file it
 * came from (the _private mark of its nearest marked ancestor). */
static unsigned ln(const loader *L, xmlNodePtr n)
{
    (void)L;
    unsigned line = xmlio_line(n) & LINE_MASK;
    for (xmlNodePtr a = n; a && a->type == XML_ELEMENT_NODE; a = a->parent)
        if (a->_private)
            return line | (unsigned)((uintptr_t)a->_private << LINE_FILE_SHIFT);
    return line;
}

/* The file and line of an encoded line (files[0] is the plan's path). */
static const char *line_file(char *const *files, size_t n_files,
                             const char *path, unsigned *line)
{
    size_t k = *line >> LINE_FILE_SHIFT;
    *line &= LINE_MASK;
    return k && k < n_files && files ? files[k] : path;
}

/* Adds an error finding at node n's line and counts it. */
static void bad(loader *L, unsigned line, const char *code, const char *found,
                const char *expected, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
static void bad(loader *L, unsigned line, const char *code, const char *found,
                const char *expected, const char *fmt, ...)
{
    const char *file = line_file((char *const *)L->files, L->n_files,
                                 L->path, &line);
    bc_loc at = {file, line, NULL};
    va_list ap;
    va_start(ap, fmt);
    diag_vadd(L->d, BC_SEV_ERROR, code, &at, found, expected, fmt, ap);
    va_end(ap);
    L->errors++;
}

/* Zeroed arena array of n elements of size sz (NULL when n is 0); sets
 * nomem on failure. */
static void *arr(loader *L, size_t n, size_t sz)
{
    return array_in_arena(L->a, n, sz, &L->nomem);
}

/* Copies the malloc'ed string c into the arena and frees it; NULL c (out
 * of memory) or a failed copy sets nomem. */
static char *to_arena(loader *L, char *c)
{
    char *r = c ? arena_strdup(L->a, c) : NULL;
    free(c);
    if (!r)
        L->nomem = 1;
    return r;
}

/* The finding for required attribute `name` missing from element n. */
static void missing_attr(loader *L, xmlNodePtr n, const char *name)
{
    bad(L, ln(L, n), "PLAN-VALUE", NULL, name,
        "phần tử <%s> thiếu thuộc tính bắt buộc %s", (const char *)n->name,
        name);
}

/* Takes a malloc'ed string from libxml2 helpers: NFC, trimmed, copied to
 * the arena; frees s.  NULL in (out of memory) or failure sets nomem. */
static char *take(loader *L, char *s)
{
    if (!s) {
        L->nomem = 1;
        return NULL;
    }
    char *c = text_clean(s);
    free(s);
    return to_arena(L, c);
}

/* The cleaned text of child element `name` of n, in the arena.  NULL
 * when the child is absent (a finding when required) or empty. */
static char *child_text(loader *L, xmlNodePtr n, const char *name,
                        int required)
{
    xmlNodePtr c = xmlio_child(n, name);
    if (!c) {
        if (required)
            bad(L, ln(L, n), "PLAN-VALUE", NULL, name,
                "phần tử <%s> thiếu phần tử con bắt buộc <%s>",
                (const char *)n->name, name);
        return NULL;
    }
    char *s = take(L, xmlio_text(c));
    if (s && !*s) {
        if (required)
            bad(L, ln(L, c), "PLAN-VALUE", "", name,
                "phần tử <%s> bỏ trống", name);
        return NULL;
    }
    return s;
}

/* The cleaned value of attribute `name` of n, in the arena, or NULL when
 * absent (a finding when required). */
static char *attr_text(loader *L, xmlNodePtr n, const char *name,
                       int required)
{
    char *v = xmlio_attr(n, name);
    if (!v) {
        if (required)
            missing_attr(L, n, name);
        return NULL;
    }
    return take(L, v);
}

/* Reads integer attribute `name` in [min, max] into *out.  Returns 1 when
 * read, 0 when absent (a finding when required), -1 when invalid (a
 * finding). */
static int attr_int(loader *L, xmlNodePtr n, const char *name, int required,
                    long min, long max, int *out)
{
    char *v = xmlio_attr(n, name);
    if (!v) {
        if (required)
            missing_attr(L, n, name);
        return 0;
    }
    char *end = NULL;
    errno = 0;
    long x = strtol(v, &end, 10);
    int ok = end != v && *end == '\0' && errno == 0 && x >= min && x <= max;
    if (!ok) {
        char want[64];
        snprintf(want, sizeof want, "số nguyên từ %ld đến %ld", min, max);
        bad(L, ln(L, n), "PLAN-VALUE", v, want,
            "thuộc tính %s của <%s> không hợp lệ", name,
            (const char *)n->name);
    } else {
        *out = (int)x;
    }
    free(v);
    return ok ? 1 : -1;
}

/* Reads boolean attribute `name` ("true"/"1"/"false"/"0"); dflt when
 * absent, or -1 for a required one (with a finding). */
static int attr_bool(loader *L, xmlNodePtr n, const char *name, int dflt)
{
    char *v = xmlio_attr(n, name);
    if (!v) {
        if (dflt < 0)
            missing_attr(L, n, name);
        return dflt < 0 ? 0 : dflt;
    }
    int r;
    if (strcmp(v, "true") == 0 || strcmp(v, "1") == 0)
        r = 1;
    else if (strcmp(v, "false") == 0 || strcmp(v, "0") == 0)
        r = 0;
    else {
        bad(L, ln(L, n), "PLAN-VALUE", v, "true hoặc false",
            "thuộc tính %s của <%s> không hợp lệ", name,
            (const char *)n->name);
        r = 0;
    }
    free(v);
    return r;
}

/* Parses a canonical decimal from s (malloc'ed, freed here) into *out;
 * a finding at line on bad syntax.  Returns 1 on success. */
static int money_of(loader *L, char *s, unsigned line, const char *what,
                    bc_money *out)
{
    if (!s) {
        L->nomem = 1;
        return 0;
    }
    /* strip surrounding white space of element content */
    char *c = text_clean(s);
    int r = c ? money_parse(c, out) : -1;
    if (r != 0)
        bad(L, line, "PLAN-VALUE", c ? c : s,
            "số tiền dạng 1200 hoặc 1200.5 (triệu đồng, tối đa 6 chữ số thập "
            "phân)",
            "%s không phải số tiền hợp lệ", what);
    free(c);
    free(s);
    return r == 0;
}

/* Reads date attribute `name` (YYYY-MM-DD) into *out; 0 when absent. */
static void attr_date(loader *L, xmlNodePtr n, const char *name,
                      bc_date *out)
{
    *out = 0;
    char *v = xmlio_attr(n, name);
    if (!v)
        return;
    if (date_parse_iso(v, out) != 0)
        bad(L, ln(L, n), "PLAN-VALUE", v, "ngày dạng YYYY-MM-DD",
            "thuộc tính %s của <%s> không phải ngày hợp lệ", name,
            (const char *)n->name);
    free(v);
}

/* Reads money attribute `name` of e into *out, left as it is when the
 * attribute is absent: then a finding with message `missing` (a format
 * taking id) when it is required, nothing when missing is NULL. */
static void attr_money(loader *L, xmlNodePtr e, const char *name,
                       const char *missing, const char *id, bc_money *out)
{
    unsigned line = ln(L, e);
    char *v = xmlio_attr(e, name);
    if (v) {
        char what[64];
        snprintf(what, sizeof what, "thuộc tính %s", name);
        money_of(L, v, line, what, out);
    } else if (missing) {
        bad(L, line, "PLAN-VALUE", NULL, name, missing, id);
    }
}

/* Reads a yearly amount, its attribute year and its text the money
 * (`what` in findings), into y; a year outside [within->from, within->to]
 * is a finding when within is not NULL.  Returns 1 when both are read. */
static int read_yearly(loader *L, xmlNodePtr e, const char *what,
                       const plan_phase *within, plan_amount *y)
{
    if (attr_int(L, e, "year", 1, 1900, 2100, &y->year) != 1)
        return 0;
    if (within && (y->year < within->from || y->year > within->to)) {
        char span[32];
        snprintf(span, sizeof span, "%d - %d", within->from, within->to);
        bad(L, ln(L, e), "PLAN-VALUE", NULL, span,
            "tổng năm %d nằm ngoài giai đoạn", y->year);
    }
    return money_of(L, xmlio_text(e), ln(L, e), what, &y->amount);
}

/* The kind index of attribute `name` of n (a finding when unknown or
 * absent); -1 on failure. */
static int attr_kind(loader *L, xmlNodePtr n, const char *name)
{
    char *v = xmlio_attr(n, name);
    if (!v) {
        missing_attr(L, n, name);
        return -1;
    }
    int k = plan_kind_index(L->p, v);
    if (k < 0)
        bad(L, ln(L, n), "PLAN-KIND", v, "một mã loại khai báo trong <kinds>",
            "mã loại đối tượng SHTT không có trong danh mục <kinds>");
    free(v);
    return k;
}

/* The kind mask of a space-separated list of codes in attribute `name`;
 * unknown codes give findings.  0 when absent or empty (a finding). */
static uint32_t attr_kinds(loader *L, xmlNodePtr n, const char *name)
{
    char *v = xmlio_attr(n, name);
    uint32_t mask = 0;
    if (!v) {
        missing_attr(L, n, name);
        return 0;
    }
    char *save = NULL;
    size_t tokens = 0;
    for (char *t = strtok_r(v, " \t\r\n", &save); t;
         t = strtok_r(NULL, " \t\r\n", &save)) {
        tokens++;
        int k = plan_kind_index(L->p, t);
        if (k < 0)
            bad(L, ln(L, n), "PLAN-KIND", t,
                "một mã loại khai báo trong <kinds>",
                "mã loại đối tượng SHTT không có trong danh mục <kinds>");
        else
            mask |= (uint32_t)1 << k;
    }
    if (!tokens)
        bad(L, ln(L, n), "PLAN-VALUE", "", "ít nhất một mã loại",
            "thuộc tính %s của <%s> bỏ trống", name, (const char *)n->name);
    free(v);
    return mask;
}

/* The '|'-joined cleaned <alias> children of n, in the arena; NULL if
 * none. */
static char *aliases_of(loader *L, xmlNodePtr n)
{
    bc_strbuf sb = BC_STRBUF_INIT;
    for (xmlNodePtr c = xmlio_child(n, "alias"); c;
         c = xmlio_next(c, "alias")) {
        char *s = xmlio_text(c);
        char *t = s ? text_clean(s) : NULL;
        free(s);
        if (!t) {
            L->nomem = 1;
            continue;
        }
        if (!*t || strchr(t, '|'))
            bad(L, ln(L, c), "PLAN-VALUE", t,
                "một tên không rỗng, không chứa '|'", "bí danh không hợp lệ");
        else {
            if (sb.len)
                sb_addc(&sb, '|');
            sb_adds(&sb, t);
        }
        free(t);
    }
    if (sb.failed)
        L->nomem = 1;
    char *r = sb.len ? arena_strdup(L->a, sb_str(&sb)) : NULL;
    if (sb.len && !r)
        L->nomem = 1;
    sb_release(&sb);
    return r;
}

/* A folded key of s in the arena (NULL s -> NULL). */
static char *fold_key(loader *L, const char *s)
{
    return s ? to_arena(L, text_fold(s)) : NULL;
}

/* Splits a '|'-list of aliases (copied into buf) into out[0..max);
 * returns how many. */
static size_t split_aliases(const char *aliases, const char **out, size_t max,
                            char *buf, size_t bufsz)
{
    size_t n = 0;
    if (!aliases)
        return 0;
    snprintf(buf, bufsz, "%s", aliases);
    char *save = NULL;
    for (char *t = strtok_r(buf, "|", &save); t && n < max;
         t = strtok_r(NULL, "|", &save))
        out[n++] = t;
    return n;
}

/* The value of list attribute `name` of n with its items separated by
 * one space, in the arena; NULL when absent or empty. */
static char *attr_list(loader *L, xmlNodePtr n, const char *name)
{
    char *v = attr_text(L, n, name, 0);
    if (!v)
        return NULL;
    char *w = v, *r = v;
    int space = 0;
    for (; *r; r++) {
        if (*r == ' ' || *r == '\t' || *r == '\n' || *r == '\r') {
            space = w != v;
            continue;
        }
        if (space)
            *w++ = ' ';
        space = 0;
        *w++ = *r;
    }
    *w = '\0';
    return *v ? v : NULL;
}

/* The optional heading child of n, cleaned, or NULL. */
static char *heading_of(loader *L, xmlNodePtr n)
{
    return n ? child_text(L, n, "heading", 0) : NULL;
}

/* --- lists ---------------------------------------------------------------- */

/* Each child element `name` of parent, in document order (none when
 * parent is NULL): the walk over one list of the plan file. */
#define FOR_CHILD(e, parent, name)                                          \
    for (xmlNodePtr e = xmlio_child(parent, name); e;                       \
         e = xmlio_next(e, name))

/* The storage of one list of the plan: an arena array of n elements of
 * size sz and, when lines is not NULL, the source line of each in
 * *lines (both NULL when n is 0).  Sets nomem on failure. */
static void *table_new(loader *L, size_t n, size_t sz, unsigned **lines)
{
    if (lines)
        *lines = arr(L, n, sizeof **lines);
    return arr(L, n, sz);
}

/* Reads list element e into item: the next slot of the list's array,
 * zeroed, or as the last element dropped left it.  ctx is what the
 * caller of read_list gave.  Returns 1 to keep the element, 0 to drop it
 * (the slot is then reused). */
typedef int item_fn(loader *L, xmlNodePtr e, void *item, void *ctx);

/* Reads the `name` children of list with read into the array items
 * (elements of size bytes, room for them all), appending at *n; lines,
 * when not NULL, gets the source line of each element kept.  Stops when
 * memory runs out (nomem set). */
static void read_list(loader *L, xmlNodePtr list, const char *name,
                      void *items, size_t *n, size_t size, unsigned *lines,
                      item_fn *read, void *ctx)
{
    FOR_CHILD(e, list, name) {
        if (L->nomem)
            return;
        if (!read(L, e, (char *)items + *n * size, ctx))
            continue;
        if (lines)
            lines[*n] = ln(L, e);
        (*n)++;
    }
}

/* A list of the plan: the `name` children of list, read with read (and
 * ctx) into a new arena array `items` (a member of the plan) with its
 * count n and, when lines is not NULL, the source lines in *lines. */
#define LOAD_LIST(L, list, name, items, n, lines, read, ctx)                \
    do {                                                                    \
        xmlNodePtr list_ = (list);                                          \
        unsigned **lines_ = (lines);                                        \
        (items) = table_new(L, xmlio_count(list_, name), sizeof *(items),   \
                            lines_);                                        \
        read_list(L, list_, name, (items), &(n), sizeof *(items),           \
                  lines_ ? *lines_ : NULL, read, ctx);                      \
    } while (0)

/* How many `item` elements the `group` children of list hold together
 * (Phụ lục 1 items in their sections, duties in theirs, ...). */
static size_t count_nested(xmlNodePtr list, const char *group,
                           const char *item)
{
    size_t n = 0;
    FOR_CHILD(g, list, group)
        n += xmlio_count(g, item);
    return n;
}

/* Whether the entries of a list loaded so far already have this code or
 * id: one per list whose entries must be unique. */
typedef int id_used_fn(const plan *p, const char *id);

/* A PLAN-DUP finding at e, saying `message` (no format) with `expected`,
 * when used(p, id) finds id taken by an entry loaded before. */
static void check_new_id(loader *L, xmlNodePtr e, const char *id,
                         id_used_fn *used, const char *expected,
                         const char *message)
{
    if (used(L->p, id))
        bad(L, ln(L, e), "PLAN-DUP", id, expected, "%s", message);
}

/* The required attribute `name` of e naming a new entry, in the arena,
 * checked as check_new_id does; NULL when absent (a finding). */
static char *new_id(loader *L, xmlNodePtr e, const char *name,
                    id_used_fn *used, const char *expected,
                    const char *message)
{
    char *id = attr_text(L, e, name, 1);
    if (id)
        check_new_id(L, e, id, used, expected, message);
    return id;
}

/* The id_used_fn of the lists whose codes or ids are unique. */
static int kind_used(const plan *p, const char *code)
{
    return plan_kind_index(p, code) >= 0;
}

static int activity_kind_used(const plan *p, const char *code)
{
    return plan_activity_kind_find(p, code) != NULL;
}

static int target_used(const plan *p, const char *id)
{
    return plan_target_find(p, id) != NULL;
}

static int unit_used(const plan *p, const char *code)
{
    return plan_unit_find(p, code) != NULL;
}

/* 1 if id is already used by a part A or part B task. */
static int task_id_used(const plan *p, const char *id)
{
    return plan_task_a_find(p, id) || plan_task_b_find(p, id);
}

/* --- sections ------------------------------------------------------------ */

/* <kinds>: codes unique, at most PLAN_MAX_KINDS; keys for lookup. */
static void load_kinds(loader *L, xmlNodePtr root)
{
    plan *p = L->p;
    xmlNodePtr ks = xmlio_child(root, "kinds");
    size_t n = xmlio_count(ks, "kind");
    if (n > PLAN_MAX_KINDS) {
        char f[32];
        snprintf(f, sizeof f, "%zu", n);
        bad(L, ln(L, ks), "PLAN-VALUE", f, "tối đa 32",
            "quá nhiều loại đối tượng SHTT");
        n = PLAN_MAX_KINDS;
    }
    p->kinds = arr(L, n, sizeof *p->kinds);
    L->pv->kind_keys = arr(L, n, sizeof *L->pv->kind_keys);
    L->pv->kind_n_keys = arr(L, n, sizeof *L->pv->kind_n_keys);
    if (L->nomem)
        return;
    size_t i = 0;
    FOR_CHILD(k, ks, "kind") {
        if (i == n)
            break;
        plan_kind *pk = &p->kinds[i];
        pk->code = attr_text(L, k, "code", 1);
        pk->name = child_text(L, k, "name", 1);
        pk->aliases = aliases_of(L, k);
        pk->ip_office = attr_bool(L, k, "ip-office", 1);
        if (!pk->code)
            continue;
        check_new_id(L, k, pk->code, kind_used, "mã loại không trùng",
                     "mã loại đối tượng SHTT bị khai báo hai lần");
        p->n_kinds = ++i;

        /* match keys: code, name, aliases */
        const char *names[64];
        char buf[4096];
        size_t na = split_aliases(pk->aliases, names + 2, 62, buf, sizeof buf);
        names[0] = pk->code;
        names[1] = pk->name;
        char **keys = arr(L, na + 2, sizeof *keys);
        if (!keys)
            return;
        size_t nk = 0;
        for (size_t j = 0; j < na + 2; j++) {
            char *key = fold_key(L, names[j]);
            if (!key || !*key)
                continue;
            int dup = 0;
            for (size_t m = 0; m < nk; m++)
                dup |= strcmp(keys[m], key) == 0;
            /* the same key on another kind makes lookups ambiguous */
            for (size_t o = 0; o + 1 < p->n_kinds; o++)
                for (size_t m = 0; m < L->pv->kind_n_keys[o]; m++)
                    if (strcmp(L->pv->kind_keys[o][m], key) == 0)
                        bad(L, ln(L, k), "PLAN-DUP", names[j],
                            "tên khác với các loại khác",
                            "tên hoặc bí danh của loại %s trùng với loại %s",
                            pk->code, p->kinds[o].code);
            if (!dup)
                keys[nk++] = key;
        }
        L->pv->kind_keys[i - 1] = keys;
        L->pv->kind_n_keys[i - 1] = nk;
    }
}

/* <prefix>: digits unique. */
static int read_prefix(loader *L, xmlNodePtr e, void *item, void *ctx)
{
    plan_prefix *x = item;
    (void)ctx;
    if (attr_int(L, e, "digit", 1, 1, 9, &x->digit) != 1)
        return 0;
    if (plan_prefix_find(L->p, x->digit)) {
        char f[4];
        snprintf(f, sizeof f, "%d", x->digit);
        bad(L, ln(L, e), "PLAN-DUP", f, "mỗi chữ số một lần",
            "tiền tố số đơn bị khai báo hai lần");
    }
    x->kinds = attr_kinds(L, e, "kinds");
    x->confirmed = attr_bool(L, e, "confirmed", -1);
    return 1;
}

static void load_prefixes(loader *L, xmlNodePtr root)
{
    plan *p = L->p;
    LOAD_LIST(L, xmlio_child(root, "prefixes"), "prefix", p->prefixes,
              p->n_prefixes, NULL, read_prefix, NULL);
}

/* <activity-kind>: codes unique. */
static int read_activity_kind(loader *L, xmlNodePtr e, void *item, void *ctx)
{
    plan_activity_kind *k = item;
    (void)ctx;
    k->code = attr_text(L, e, "code", 1);
    k->name = child_text(L, e, "name", 1);
    char *c = attr_text(L, e, "counts", 0);
    k->counts = !c ? ACT_COUNTS_ONE
                : strcmp(c, "classes") == 0 ? ACT_COUNTS_CLASSES
                                            : ACT_COUNTS_TASKS;
    if (!k->code || !k->name)
        return 0;
    check_new_id(L, e, k->code, activity_kind_used, "mỗi mã một lần",
                 "loại hoạt động bị khai báo hai lần");
    return 1;
}

static void load_activity_kinds(loader *L, xmlNodePtr root)
{
    plan *p = L->p;
    LOAD_LIST(L, xmlio_child(root, "activity-kinds"), "activity-kind",
              p->activity_kinds, p->n_activity_kinds, NULL,
              read_activity_kind, NULL);
}

/* counts="filed granted supported" -> COUNT_* mask */
static unsigned attr_counts(loader *L, xmlNodePtr n)
{
    char *v = xmlio_attr(n, "counts");
    unsigned m = 0;
    if (!v) {
        missing_attr(L, n, "counts"); /* n is a <target> */
        return 0;
    }
    char *save = NULL;
    for (char *t = strtok_r(v, " \t\r\n", &save); t;
         t = strtok_r(NULL, " \t\r\n", &save)) {
        if (strcmp(t, "filed") == 0)
            m |= COUNT_FILED;
        else if (strcmp(t, "granted") == 0)
            m |= COUNT_GRANTED;
        else if (strcmp(t, "supported") == 0)
            m |= COUNT_SUPPORTED;
        else
            bad(L, ln(L, n), "PLAN-VALUE", t,
                "filed, granted hoặc supported",
                "giá trị counts của chỉ tiêu không hợp lệ");
    }
    free(v);
    return m;
}

/* <target>: ids unique; a range or a rate. */
static int read_target(loader *L, xmlNodePtr e, void *item, void *ctx)
{
    plan_target *t = item;
    (void)ctx;
    unsigned line = ln(L, e);
    t->id = new_id(L, e, "id", target_used, "mã chỉ tiêu không trùng",
                   "mã chỉ tiêu bị khai báo hai lần");
    if (!t->id)
        return 0;
    t->name = child_text(L, e, "name", 1);
    t->measure = child_text(L, e, "measure", 1);
    t->kinds = attr_kinds(L, e, "kinds");
    t->counts = attr_counts(L, e);
    t->only_new = attr_bool(L, e, "only-new", 0);
    t->tasks = attr_list(L, e, "tasks");
    char *basis = xmlio_attr(e, "baseline-basis");
    t->baseline_assumed = basis && strcmp(basis, "assumption") == 0;
    if (basis && !t->baseline_assumed && strcmp(basis, "plan") != 0)
        bad(L, line, "PLAN-VALUE", basis, "plan hoặc assumption",
            "thuộc tính baseline-basis của chỉ tiêu %s không hợp lệ",
            t->id);
    free(basis);
    char *type = xmlio_attr(e, "type");
    if (type && strcmp(type, "range") == 0) {
        t->type = TARGET_RANGE;
        int a = attr_int(L, e, "min", 1, 0, INT_MAX, &t->min);
        int b = attr_int(L, e, "max", 1, 0, INT_MAX, &t->max);
        if (a == 1 && b == 1 && t->min > t->max) {
            char f[48];
            snprintf(f, sizeof f, "%d - %d", t->min, t->max);
            bad(L, line, "PLAN-VALUE", f, "min <= max",
                "khoảng chỉ tiêu %s không hợp lệ", t->id);
        }
    } else if (type && strcmp(type, "rate") == 0) {
        t->type = TARGET_RATE;
        attr_money(L, e, "rate", "chỉ tiêu %s loại rate thiếu thuộc tính rate",
                   t->id, &t->rate);
        attr_int(L, e, "baseline-year", 1, 1900, 2100, &t->baseline_year);
        attr_int(L, e, "baseline-value", 1, 0, INT_MAX,
                 &t->baseline_value);
    } else {
        bad(L, line, "PLAN-VALUE", type, "range hoặc rate",
            "loại chỉ tiêu không hợp lệ");
    }
    free(type);
    return 1;
}

static void load_targets(loader *L, xmlNodePtr root)
{
    plan *p = L->p;
    LOAD_LIST(L, xmlio_child(root, "targets"), "target", p->targets,
              p->n_targets, &L->pv->target_line, read_target, NULL);
}

/* What read_cell needs besides the cell: the table, the year of the
 * row, and how many cells of each year and kind it has kept so far. */
typedef struct cell_ctx {
    int no;   /* Bảng 1 or 2 */
    int year; /* 1900..2100 (attr_int) */
    unsigned kept[2100 - 1900 + 1][PLAN_MAX_KINDS];
} cell_ctx;

/* A cell of Bảng 1 or 2 (ctx a cell_ctx): one a kind and year, a finding
 * for each cell of the same kind and year kept before it. */
static int read_cell(loader *L, xmlNodePtr c, void *item, void *ctx)
{
    cell_ctx *t = ctx;
    int kind = attr_kind(L, c, "kind");
    if (t->no == 1) {
        plan_baseline1 *b = item;
        b->year = t->year;
        b->kind = kind;
        attr_int(L, c, "filed", 1, 0, INT_MAX, &b->filed);
        attr_int(L, c, "granted", 1, 0, INT_MAX, &b->granted);
    } else {
        plan_baseline2 *b = item;
        b->year = t->year;
        b->kind = kind;
        attr_int(L, c, "count", 1, 0, INT_MAX, &b->count);
    }
    if (kind < 0)
        return 0;
    unsigned *kept = &t->kept[t->year - 1900][kind];
    for (unsigned i = 0; i < *kept; i++)
        bad(L, ln(L, c), "PLAN-DUP", L->p->kinds[kind].code,
            "mỗi loại một ô trong một năm",
            "Bảng %d: năm %d có hai ô cho cùng một loại", t->no, t->year);
    (*kept)++;
    return 1;
}

/* The rows of Bảng `no` (element t; room for its cells allocated): each
 * row's year, then its cells into items (size bytes each) at *n, their
 * lines in lines when not NULL. */
static void read_table(loader *L, xmlNodePtr t, int no, void *items,
                       size_t *n, size_t size, unsigned *lines)
{
    cell_ctx *ctx = calloc(1, sizeof *ctx);
    if (!ctx) {
        L->nomem = 1;
        return;
    }
    ctx->no = no;
    FOR_CHILD(r, t, "row")
        if (attr_int(L, r, "year", 1, 1900, 2100, &ctx->year) == 1)
            read_list(L, r, "cell", items, n, size, lines, read_cell, ctx);
    free(ctx);
}

/* Bảng 2's stated total of one kind: one a kind. */
static int read_total(loader *L, xmlNodePtr c, void *item, void *ctx)
{
    plan *p = L->p;
    plan_baseline2_total *b = item;
    (void)ctx;
    b->kind = attr_kind(L, c, "kind");
    attr_int(L, c, "stated", 1, 0, INT_MAX, &b->stated);
    if (b->kind < 0)
        return 0;
    for (size_t i = 0; i < p->n_baseline2_totals; i++)
        if (p->baseline2_totals[i].kind == b->kind)
            bad(L, ln(L, c), "PLAN-DUP", p->kinds[b->kind].code,
                "mỗi loại một dòng tổng", "Bảng 2: hai dòng tổng cho một loại");
    return 1;
}

/* A Phần I fact: ids unique. */
static int read_fact(loader *L, xmlNodePtr c, void *item, void *ctx)
{
    plan *p = L->p;
    plan_fact *fa = item;
    (void)ctx;
    fa->id = attr_text(L, c, "id", 1);
    fa->text = take(L, xmlio_text(c));
    if (fa->text && !*fa->text)
        bad(L, ln(L, c), "PLAN-VALUE", "", "lời văn của Đề án",
            "dữ kiện %s bỏ trống", fa->id ? fa->id : "");
    fa->value = -1;
    attr_int(L, c, "value", 0, 0, INT_MAX, &fa->value);
    fa->measure = attr_text(L, c, "measure", 0);
    fa->targets = attr_list(L, c, "targets");
    fa->tasks = attr_list(L, c, "tasks");
    if (!fa->id)
        return 0;
    for (size_t i = 0; i < p->n_facts; i++)
        if (strcmp(p->facts[i].id, fa->id) == 0)
            bad(L, ln(L, c), "PLAN-DUP", fa->id, "mã dữ kiện không trùng",
                "mã dữ kiện bị khai báo hai lần");
    return 1;
}

static void load_baseline(loader *L, xmlNodePtr root)
{
    plan *p = L->p;
    plan_priv *pv = L->pv;
    xmlNodePtr bl = xmlio_child(root, "baseline");
    xmlNodePtr t1 = xmlio_child(bl, "table1");
    xmlNodePtr t2 = xmlio_child(bl, "table2");
    pv->table2_line = ln(L, t2);
    p->table1_heading = heading_of(L, t1);
    p->table2_heading = heading_of(L, t2);
    p->baseline1 = table_new(L, count_nested(t1, "row", "cell"),
                             sizeof *p->baseline1, NULL);
    p->baseline2 = table_new(L, count_nested(t2, "row", "cell"),
                             sizeof *p->baseline2, &pv->b2_line);
    if (L->nomem)
        return;
    read_table(L, t1, 1, p->baseline1, &p->n_baseline1, sizeof *p->baseline1,
               NULL);
    read_table(L, t2, 2, p->baseline2, &p->n_baseline2, sizeof *p->baseline2,
               pv->b2_line);
    LOAD_LIST(L, t2, "total", p->baseline2_totals, p->n_baseline2_totals,
              &pv->b2_total_line, read_total, NULL);
    LOAD_LIST(L, xmlio_child(bl, "facts"), "fact", p->facts, p->n_facts,
              &pv->fact_line, read_fact, NULL);
}

/* An item of Phụ lục 1 section ctx, with the folded keys of its name and
 * product. */
static int read_item(loader *L, xmlNodePtr it, void *item, void *ctx)
{
    const plan_protected_section *sec = ctx;
    plan_priv *pv = L->pv;
    size_t k = L->p->n_protected;
    plan_protected *e = item;
    e->kind = sec->kind;
    attr_int(L, it, "no", 1, 0, INT_MAX, &e->no);
    attr_int(L, it, "year", 1, 1900, 2100, &e->year);
    e->name = child_text(L, it, "name", 1);
    e->product = child_text(L, it, "product", 1);
    pv->prot_name_key[k] = fold_key(L, e->name);
    pv->prot_product_key[k] = fold_key(L, e->product);
    return 1;
}

/* A section of Phụ lục 1: one a kind; then its items. */
static int read_protected_section(loader *L, xmlNodePtr s, void *item,
                                  void *ctx)
{
    plan *p = L->p;
    plan_protected_section *sec = item;
    (void)ctx;
    sec->kind = attr_kind(L, s, "kind");
    attr_int(L, s, "stated", 1, 0, INT_MAX, &sec->stated);
    sec->heading = child_text(L, s, "heading", 1);
    if (sec->kind < 0)
        return 0;
    for (size_t i = 0; i < p->n_sections; i++)
        if (p->sections[i].kind == sec->kind)
            bad(L, ln(L, s), "PLAN-DUP", p->kinds[sec->kind].code,
                "mỗi loại một mục",
                "Phụ lục 1: hai mục cho cùng một loại đối tượng");
    read_list(L, s, "item", p->protected_, &p->n_protected,
              sizeof *p->protected_, L->pv->protected_line, read_item, sec);
    return 1;
}

static void load_protected(loader *L, xmlNodePtr root)
{
    plan *p = L->p;
    plan_priv *pv = L->pv;
    xmlNodePtr pr = xmlio_child(root, "protected");
    p->protected_heading = heading_of(L, pr);
    size_t ni = count_nested(pr, "section", "item");
    p->protected_ = table_new(L, ni, sizeof *p->protected_,
                              &pv->protected_line);
    pv->prot_name_key = arr(L, ni, sizeof *pv->prot_name_key);
    pv->prot_product_key = arr(L, ni, sizeof *pv->prot_product_key);
    LOAD_LIST(L, pr, "section", p->sections, p->n_sections,
              &pv->section_line, read_protected_section, NULL);
}

/* The unit codes of the <partners units> of task e, or NULL. */
static char *partner_units(loader *L, xmlNodePtr e)
{
    xmlNodePtr pa = xmlio_child(e, "partners");
    return pa ? attr_list(L, pa, "units") : NULL;
}

/* <quantity> of a part A task: what the row says, and the yearly
 * requirement only when the plan states an exact number per year. */
static void load_quantity(loader *L, xmlNodePtr q, plan_task_a *t)
{
    plan_quantity *x = &t->quantity;
    attr_int(L, q, "value", 0, 1, 100000, &x->value);
    char *per = xmlio_attr(q, "per");
    if (!per || (strcmp(per, "year") != 0 && strcmp(per, "unstated") != 0))
        bad(L, ln(L, q), "PLAN-VALUE", per, "year hoặc unstated",
            "thuộc tính per của số lượng nhiệm vụ %s không hợp lệ",
            t->id);
    x->yearly = per && strcmp(per, "year") == 0;
    free(per);
    x->approximate = attr_bool(L, q, "approximate", 0);
    char *basis = xmlio_attr(q, "basis");
    x->assumed = basis && strcmp(basis, "assumption") == 0;
    if (basis && !x->assumed && strcmp(basis, "plan") != 0)
        bad(L, ln(L, q), "PLAN-VALUE", basis, "plan hoặc assumption",
            "thuộc tính basis của số lượng nhiệm vụ %s không hợp lệ", t->id);
    free(basis);
    x->words = take(L, xmlio_text(q));
    if (x->words && !*x->words)
        x->words = NULL;
    /* the words are the row's own: they must be part of its title */
    if (x->words && t->title && !strstr(t->title, x->words))
        bad(L, ln(L, q), "PLAN-VALUE", x->words,
            "một đoạn nguyên văn của nội dung nhiệm vụ",
            "lời văn về số lượng của nhiệm vụ %s không có trong nội dung "
            "nhiệm vụ",
            t->id);
    t->measure = attr_text(L, q, "measure", 1);
    t->measure_label = attr_text(L, q, "label", 1);
    if (x->value && x->yearly && !x->approximate && !x->assumed)
        t->per_year = x->value;
}

/* The fields of part A task t after its id. */
static void task_a_fields(loader *L, xmlNodePtr e, plan_task_a *t)
{
    attr_int(L, e, "no", 1, 0, INT_MAX, &t->no);
    t->title = child_text(L, e, "title", 1);
    t->host = attr_text(L, e, "host", 1);
    t->partners = child_text(L, e, "partners", 0);
    t->partner_units = partner_units(L, e);
    t->note = child_text(L, e, "note", 0);
    xmlNodePtr q = xmlio_child(e, "quantity");
    if (q)
        load_quantity(L, q, t);
}

/* <amount> of part B task ctx: one a year. */
static int read_task_amount(loader *L, xmlNodePtr e, void *item, void *ctx)
{
    const plan_task_b *t = ctx;
    plan_amount *y = item;
    if (!read_yearly(L, e, "kinh phí", NULL, y))
        return 0;
    int found = 0;
    plan_task_b_amount(t, y->year, &found);
    if (found)
        bad(L, ln(L, e), "PLAN-DUP", t->id, "mỗi năm một dòng",
            "nhiệm vụ %s có hai kinh phí cho năm %d", t->id, y->year);
    return 1;
}

/* The fields of part B task t after its id. */
static void task_b_fields(loader *L, xmlNodePtr e, plan_task_b *t)
{
    t->no = attr_text(L, e, "no", 1);
    t->title = child_text(L, e, "title", 1);
    t->host = attr_text(L, e, "host", 0);
    if (t->host && !*t->host)
        t->host = NULL;
    t->partner_units = partner_units(L, e);
    t->stated_total = -1;
    attr_money(L, e, "total", "nhiệm vụ %s thiếu thuộc tính total", t->id,
               &t->stated_total);
    LOAD_LIST(L, e, "amount", t->years, t->n_years, NULL, read_task_amount,
              t);
}

/* The parts of Phụ lục 2 as the ctx of read_task (only their addresses
 * matter). */
static char part_a, part_b;

/* A task of Phụ lục 2 part ctx (&part_a or &part_b): its id, unique over
 * both parts, then the fields of its part. */
static int read_task(loader *L, xmlNodePtr e, void *item, void *ctx)
{
    char *id = new_id(L, e, "id", task_id_used, "mã nhiệm vụ không trùng",
                      "mã nhiệm vụ bị khai báo hai lần");
    if (!id)
        return 0;
    if (ctx == &part_a) {
        plan_task_a *t = item;
        t->id = id;
        task_a_fields(L, e, t);
    } else {
        plan_task_b *t = item;
        t->id = id;
        task_b_fields(L, e, t);
    }
    return 1;
}

static void load_tasks(loader *L, xmlNodePtr root)
{
    plan *p = L->p;
    xmlNodePtr ta = xmlio_child(root, "tasks-a");
    xmlNodePtr tb = xmlio_child(root, "tasks-b");
    p->appendix2_title = ta ? child_text(L, ta, "appendix-title", 0) : NULL;
    p->tasks_a_heading = heading_of(L, ta);
    p->tasks_b_heading = heading_of(L, tb);
    LOAD_LIST(L, ta, "task", p->tasks_a, p->n_tasks_a, &L->pv->task_a_line,
              read_task, &part_a);
    LOAD_LIST(L, tb, "task", p->tasks_b, p->n_tasks_b, &L->pv->task_b_line,
              read_task, &part_b);
}

/* <stated> yearly total of phase ctx: one a year, within the phase. */
static int read_phase_total(loader *L, xmlNodePtr e, void *item, void *ctx)
{
    const plan_phase *ph = ctx;
    plan_amount *y = item;
    if (!read_yearly(L, e, "tổng năm", ph, y))
        return 0;
    for (size_t i = 0; i < ph->n_stated_years; i++)
        if (ph->stated_years[i].year == y->year)
            bad(L, ln(L, e), "PLAN-DUP", NULL, "mỗi năm một dòng",
                "giai đoạn có hai tổng cho năm %d", y->year);
    return 1;
}

/* <phase>: years not overlapping those of another phase. */
static int read_phase(loader *L, xmlNodePtr e, void *item, void *ctx)
{
    plan *p = L->p;
    plan_phase *ph = item;
    (void)ctx;
    unsigned line = ln(L, e);
    if (attr_int(L, e, "from", 1, 1900, 2100, &ph->from) != 1 ||
        attr_int(L, e, "to", 1, 1900, 2100, &ph->to) != 1)
        return 0;
    char span[32];
    snprintf(span, sizeof span, "%d - %d", ph->from, ph->to);
    if (ph->from > ph->to) {
        bad(L, line, "PLAN-VALUE", span, "from <= to",
            "giai đoạn kinh phí không hợp lệ");
        return 0;
    }
    for (size_t i = 0; i < p->n_phases; i++)
        if (p->phases[i].from <= ph->to && ph->from <= p->phases[i].to)
            bad(L, line, "PLAN-DUP", span,
                "các giai đoạn không chồng lên nhau",
                "giai đoạn kinh phí chồng lên giai đoạn %d - %d",
                p->phases[i].from, p->phases[i].to);
    ph->approved = attr_bool(L, e, "approved", -1);
    ph->note = child_text(L, e, "note", 0);
    ph->stated_total = -1;
    attr_money(L, e, "total", NULL, NULL, &ph->stated_total);
    LOAD_LIST(L, e, "stated", ph->stated_years, ph->n_stated_years,
              &L->pv->phase_year_line[p->n_phases], read_phase_total, ph);
    return 1;
}

static void load_phases(loader *L, xmlNodePtr root)
{
    plan *p = L->p;
    xmlNodePtr ps = xmlio_child(root, "phases");
    L->pv->phase_year_line =
        arr(L, xmlio_count(ps, "phase"), sizeof *L->pv->phase_year_line);
    LOAD_LIST(L, ps, "phase", p->phases, p->n_phases, &L->pv->phase_line,
              read_phase, NULL);
}

static const char *const unit_types[] = {"district", "commune", "department",
                                         "other"};

/* The unit type mask of a space-separated list of type words. */
static unsigned unit_type_mask(loader *L, xmlNodePtr n, const char *list)
{
    unsigned m = 0;
    char buf[256];
    snprintf(buf, sizeof buf, "%s", list ? list : "");
    char *save = NULL;
    for (char *t = strtok_r(buf, " ", &save); t;
         t = strtok_r(NULL, " ", &save)) {
        size_t k = 0;
        while (k < BC_ARRAY_LEN(unit_types) && strcmp(t, unit_types[k]) != 0)
            k++;
        if (k == BC_ARRAY_LEN(unit_types))
            bad(L, ln(L, n), "PLAN-VALUE", t,
                "district, commune, department hoặc other",
                "loại đơn vị không hợp lệ");
        else
            m |= 1u << k;
    }
    return m;
}

/* A duty of Phần III section ctx: ids unique, its quote an exact part of
 * the section's paragraphs. */
static int read_duty(loader *L, xmlNodePtr e, void *item, void *ctx)
{
    plan *p = L->p;
    const plan_duty_section *sec = ctx;
    plan_duty *du = item;
    unsigned line = ln(L, e);
    du->id = attr_text(L, e, "id", 1);
    du->section = (size_t)(sec - p->duty_sections);
    du->topic = attr_text(L, e, "topic", 1);
    du->quote = child_text(L, e, "quote", 1);
    du->refs = attr_list(L, e, "cites");
    du->tasks = attr_list(L, e, "tasks");
    du->targets = attr_list(L, e, "targets");
    du->yearly = attr_bool(L, e, "yearly", 0);
    if (!du->id)
        return 0;
    for (size_t i = 0; i < p->n_duties; i++)
        if (strcmp(p->duties[i].id, du->id) == 0)
            bad(L, line, "PLAN-DUP", du->id,
                "mã nhiệm vụ Phần III không trùng",
                "mã nhiệm vụ Phần III bị khai báo hai lần");
    if (du->quote && sec->text && !strstr(sec->text, du->quote))
        bad(L, line, "PLAN-VALUE", du->quote,
            "một đoạn nguyên văn của mục này",
            "trích dẫn nhiệm vụ %s không có trong văn bản mục %d "
            "Phần III",
            du->id, sec->no);
    return 1;
}

/* A section of Phần III: the units it addresses, its paragraphs, then
 * its duties. */
static int read_duty_section(loader *L, xmlNodePtr s, void *item, void *ctx)
{
    plan *p = L->p;
    plan_duty_section *sec = item;
    (void)ctx;
    attr_int(L, s, "no", 1, 0, INT_MAX, &sec->no);
    sec->heading = child_text(L, s, "heading", 1);
    sec->units = attr_list(L, s, "units");
    char *types = attr_list(L, s, "unit-types");
    sec->unit_types = types ? unit_type_mask(L, s, types) : 0;
    if (!sec->units && !sec->unit_types)
        bad(L, ln(L, s), "PLAN-VALUE", NULL, "units hoặc unit-types",
            "mục %d Phần III không nêu đơn vị nào", sec->no);
    bc_strbuf sb = BC_STRBUF_INIT;
    FOR_CHILD(c, s, "paragraph") {
        char *t = take(L, xmlio_text(c));
        if (!t)
            continue;
        if (sb.len)
            sb_addc(&sb, '\n');
        sb_adds(&sb, t);
    }
    if (sb.failed)
        L->nomem = 1;
    sec->text = sb.len ? arena_strdup(L->a, sb_str(&sb)) : NULL;
    sb_release(&sb);
    if (!sec->text)
        bad(L, ln(L, s), "PLAN-VALUE", NULL, "<paragraph>",
            "mục %d Phần III không có đoạn văn nào", sec->no);
    read_list(L, s, "duty", p->duties, &p->n_duties, sizeof *p->duties,
              L->pv->duty_line, read_duty, sec);
    return 1;
}

/* <organisation>: Phần III, its sections and their duties. */
static void load_organisation(loader *L, xmlNodePtr root)
{
    plan *p = L->p;
    xmlNodePtr og = xmlio_child(root, "organisation");
    p->organisation_heading = heading_of(L, og);
    p->duties = table_new(L, count_nested(og, "section", "duty"),
                          sizeof *p->duties, &L->pv->duty_line);
    LOAD_LIST(L, og, "section", p->duty_sections, p->n_duty_sections,
              &L->pv->section3_line, read_duty_section, NULL);
}

/* --- unit code index ---------------------------------------------------- */

/* FNV-1a hash of a NUL-terminated string. */
static size_t code_hash(const char *s)
{
    uint64_t h = 14695981039346656037u;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211u;
    }
    return (size_t)(h ^ (h >> 32));
}

/* The slot of code in the unit index: the one holding a unit with that
 * code, or the empty slot where it would go.  The table always has an
 * empty slot (capacity >= 2 * units indexed). */
static size_t unit_slot(const plan_priv *pv, const char *code)
{
    size_t mask = pv->unit_cap - 1;
    size_t j = code_hash(code) & mask;
    while (pv->unit_slots[j] &&
           strcmp(pv->unit_base[pv->unit_slots[j] - 1].code, code) != 0)
        j = (j + 1) & mask;
    return j;
}

/* Allocates an empty index for up to n units of p->units (n > 0); sets
 * nomem on failure. */
static void unit_index_new(loader *L, size_t n)
{
    if (n > SIZE_MAX / 4 / sizeof *L->pv->unit_slots) {
        L->nomem = 1;
        return;
    }
    size_t cap = 16;
    while (cap < 2 * n)
        cap *= 2;
    L->pv->unit_slots = arr(L, cap, sizeof *L->pv->unit_slots);
    if (!L->pv->unit_slots)
        return;
    L->pv->unit_cap = cap;
    L->pv->unit_base = L->p->units;
    L->pv->unit_n = 0;
}

/* Indexes the unit just appended (p->units[p->n_units - 1], code set);
 * a code already indexed keeps pointing at its first unit. */
static void unit_index_add(loader *L)
{
    plan_priv *pv = L->pv;
    size_t k = L->p->n_units;
    if (!pv->unit_slots)
        return;
    size_t j = unit_slot(pv, L->p->units[k - 1].code);
    if (!pv->unit_slots[j])
        pv->unit_slots[j] = k;
    pv->unit_n = k;
}

static void load_units(loader *L, xmlNodePtr root)
{
    plan *p = L->p;
    xmlNodePtr us = xmlio_child(root, "units");
    p->communes_complete = attr_bool(L, us, "communes-complete", -1);
    p->communes_expected = 0;
    attr_int(L, us, "communes-expected", 0, 0, INT_MAX, &p->communes_expected);
    size_t n = xmlio_count(us, "unit");
    p->units = table_new(L, n, sizeof *p->units, &L->pv->unit_line);
    if (n)
        unit_index_new(L, n);
    if (L->nomem)
        return;
    FOR_CHILD(e, us, "unit") {
        plan_unit *u = &p->units[p->n_units];
        unsigned line = ln(L, e);
        u->code = new_id(L, e, "code", unit_used, "mã đơn vị không trùng",
                         "mã đơn vị bị khai báo hai lần");
        if (!u->code)
            continue;
        u->name = child_text(L, e, "name", 1);
        u->short_name = child_text(L, e, "short-name", 0);
        u->aliases = aliases_of(L, e);
        char *type = xmlio_attr(e, "type");
        size_t k = 0;
        while (type && k < BC_ARRAY_LEN(unit_types) &&
               strcmp(type, unit_types[k]) != 0)
            k++;
        if (!type || k == BC_ARRAY_LEN(unit_types))
            bad(L, line, "PLAN-VALUE", type,
                "district, commune, department hoặc other",
                "loại đơn vị không hợp lệ");
        else
            u->type = (plan_unit_type)k;
        free(type);
        attr_date(L, e, "valid-from", &u->valid_from);
        attr_date(L, e, "valid-to", &u->valid_to);
        if (u->valid_from && u->valid_to && u->valid_from > u->valid_to)
            bad(L, line, "PLAN-VALUE", u->code, "valid-from <= valid-to",
                "thời hạn hiệu lực của đơn vị không hợp lệ");
        u->successor = attr_text(L, e, "successor", 0);
        u->reports = attr_bool(L, e, "reports", -1);
        L->pv->unit_line[p->n_units++] = line;
        unit_index_add(L);
    }
}

/* 1 if the validity of two units overlaps. */
static int units_overlap(const plan_unit *a, const plan_unit *b)
{
    return (!a->valid_from || !b->valid_to || a->valid_from <= b->valid_to) &&
           (!b->valid_from || !a->valid_to || b->valid_from <= a->valid_to);
}

/* One name of a unit (name, short name or alias) for the duplicate
 * check. */
typedef struct unit_name_ent {
    const char *key;  /* folded */
    const char *text; /* as written */
    size_t unit;      /* index into p->units */
    size_t slot;      /* 0 name, 1 short name, 2.. aliases in order */
    bc_date from, to; /* validity, open ends widened to INT_MIN/INT_MAX */
} unit_name_ent;

/* Two names of different units valid at the same time that fold to the
 * same key: the earlier unit (lo) and slot, the later one (hi). */
typedef struct unit_name_dup {
    size_t lo, lo_slot, hi, hi_slot;
    const char *hi_text; /* the later unit's name as written */
} unit_name_dup;

/* Order of entries: key, then start of validity, then unit and slot. */
static int cmp_name_ent(const void *a, const void *b)
{
    const unit_name_ent *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    if (c)
        return c;
    const int64_t kx[] = {x->from, (int64_t)x->unit, (int64_t)x->slot},
                  ky[] = {y->from, (int64_t)y->unit, (int64_t)y->slot};
    return order_keys(kx, ky, 3);
}

/* Order of findings: as the pairwise loop over (unit, later unit, slot,
 * slot) used to give them. */
static int cmp_name_dup(const void *a, const void *b)
{
    const unit_name_dup *x = a, *y = b;
    const int64_t kx[] = {(int64_t)x->lo, (int64_t)x->hi,
                          (int64_t)x->lo_slot, (int64_t)x->hi_slot},
                  ky[] = {(int64_t)y->lo, (int64_t)y->hi,
                          (int64_t)y->lo_slot, (int64_t)y->hi_slot};
    return order_keys(kx, ky, 4);
}

/* Names and aliases of units valid at the same time must not fold to the
 * same key: one PLAN-DUP finding per pair of such names, at the later
 * unit's line, in the order of a loop over every pair of units (earlier
 * unit, later unit, earlier unit's name, later unit's name).  Sorting the
 * folded names and sweeping each group of equal keys by start of validity
 * costs O(k log k) for k names plus the duplicates found, instead of
 * comparing every pair of units.  Names are as the pairwise check took
 * them: the name, the short name and the first 64 aliases of the first
 * 4095 bytes of the alias list; a name that does not fold matches none.
 * Returns 0, or -1 when out of memory (findings made so far kept). */
static int check_unit_names(loader *L)
{
    plan *p = L->p;
    bc_arena *tmp = arena_new();
    unit_name_ent *ents = NULL;
    unit_name_dup *dups = NULL;
    size_t *active = NULL;
    size_t n_ents = 0, cap_ents = 0, n_dups = 0, cap_dups = 0, cap_active = 0;
    int rc = -1;
    if (!tmp)
        goto out;

    for (size_t i = 0; i < p->n_units; i++) {
        const plan_unit *u = &p->units[i];
        const char *names[66];
        char buf[4096];
        size_t na = split_aliases(u->aliases, names + 2, 64, buf, sizeof buf);
        names[0] = u->name;
        names[1] = u->short_name;
        for (size_t x = 0; x < na + 2; x++) {
            if (!names[x])
                continue;
            char *f = text_fold(names[x]);
            if (!f)
                continue; /* text_same() never matches it either */
            char *key = arena_strdup(tmp, f);
            /* aliases point into buf: keep a copy for the finding */
            const char *text = x < 2 ? names[x] : arena_strdup(tmp, names[x]);
            free(f);
            if (!key || !text ||
                array_grow((void **)&ents, &cap_ents, n_ents, sizeof *ents))
                goto out;
            unit_name_ent *e = &ents[n_ents++];
            e->key = key;
            e->text = text;
            e->unit = i;
            e->slot = x;
            e->from = u->valid_from ? u->valid_from : INT_MIN;
            e->to = u->valid_to ? u->valid_to : INT_MAX;
        }
    }
    if (n_ents)
        qsort(ents, n_ents, sizeof *ents, cmp_name_ent);

    /* each group of equal keys, by start of validity: an entry ending
     * before the current one starts overlaps no later one either and
     * leaves the active list; the others are compared */
    for (size_t g = 0; g < n_ents;) {
        size_t end = g + 1;
        while (end < n_ents && strcmp(ents[end].key, ents[g].key) == 0)
            end++;
        size_t n_active = 0;
        for (size_t c = g; c < end && end - g > 1; c++) {
            const unit_name_ent *e = &ents[c];
            size_t kept = 0;
            for (size_t k = 0; k < n_active; k++) {
                const unit_name_ent *o = &ents[active[k]];
                if (o->to < e->from)
                    continue; /* drop */
                active[kept++] = active[k];
                if (o->unit == e->unit ||
                    !units_overlap(&p->units[o->unit], &p->units[e->unit]))
                    continue;
                if (array_grow((void **)&dups, &cap_dups, n_dups,
                               sizeof *dups))
                    goto out;
                unit_name_dup *du = &dups[n_dups++];
                const unit_name_ent *lo = o->unit < e->unit ? o : e;
                const unit_name_ent *hi = o->unit < e->unit ? e : o;
                du->lo = lo->unit;
                du->lo_slot = lo->slot;
                du->hi = hi->unit;
                du->hi_slot = hi->slot;
                du->hi_text = hi->text;
            }
            n_active = kept;
            if (array_grow((void **)&active, &cap_active, n_active,
                           sizeof *active))
                goto out;
            active[n_active++] = c;
        }
        g = end;
    }
    if (n_dups)
        qsort(dups, n_dups, sizeof *dups, cmp_name_dup);

    for (size_t k = 0; k < n_dups; k++)
        bad(L, L->pv->unit_line[dups[k].hi], "PLAN-DUP", dups[k].hi_text,
            "tên khác với các đơn vị cùng thời",
            "tên của đơn vị %s trùng với đơn vị %s", p->units[dups[k].hi].code,
            p->units[dups[k].lo].code);
    rc = 0;

out:
    free(active);
    free(dups);
    free(ents);
    arena_free(tmp);
    return rc;
}

/* 1 if id is a unit code of p. */
static int unit_exists(const plan *p, const char *id)
{
    return plan_unit_find(p, id) != NULL;
}

/* 1 if id is a target id of p. */
static int target_exists(const plan *p, const char *id)
{
    return plan_target_find(p, id) != NULL;
}

/* Each word of a space-separated list must name something that exists:
 * one finding (code, expected, message) per word that does not. */
static void check_ids(loader *L, unsigned line, const char *list,
                      int (*exists)(const plan *, const char *),
                      const char *code, const char *expected,
                      const char *message)
{
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", list ? list : "");
    char *save = NULL;
    for (char *t = strtok_r(buf, " ", &save); t;
         t = strtok_r(NULL, " ", &save))
        if (!exists(L->p, t))
            bad(L, line, code, t, expected, "%s", message);
}

/* Each code of a space-separated list must be a unit (PLAN-UNIT); what
 * names the list in the message. */
static void check_units(loader *L, unsigned line, const char *list,
                        const char *what)
{
    char msg[160];
    snprintf(msg, sizeof msg, "%s không có trong danh mục đơn vị", what);
    check_ids(L, line, list, unit_exists, "PLAN-UNIT",
              "một mã đơn vị khai báo trong <units>", msg);
}

/* Each id of a space-separated list must be a task (PLAN-TASK). */
static void check_tasks(loader *L, unsigned line, const char *list)
{
    check_ids(L, line, list, task_id_used, "PLAN-TASK",
              "mã một nhiệm vụ của Phụ lục 2",
              "liên kết tới nhiệm vụ không có trong Phụ lục 2");
}

/* Each id of a space-separated list must be a target (PLAN-TASK). */
static void check_targets(loader *L, unsigned line, const char *list)
{
    check_ids(L, line, list, target_exists, "PLAN-TASK",
              "mã một chỉ tiêu (T1 ...)",
              "liên kết tới chỉ tiêu không có trong Đề án");
}

/* What check_refs checks of a task of Phụ lục 2, whichever its part. */
typedef struct task_ref {
    const char *id, *host, *partner_units;
    unsigned line;
} task_ref;

/* Task i of Phụ lục 2 counting part A then part B (i below their sum). */
static task_ref task_at(const loader *L, size_t i)
{
    const plan *p = L->p;
    if (i < p->n_tasks_a) {
        const plan_task_a *a = &p->tasks_a[i];
        return (task_ref){a->id, a->host, a->partner_units,
                          L->pv->task_a_line[i]};
    }
    const plan_task_b *b = &p->tasks_b[i - p->n_tasks_a];
    return (task_ref){b->id, b->host, b->partner_units,
                      L->pv->task_b_line[i - p->n_tasks_a]};
}

/* Cross references, checked once everything is loaded: hosts, duty units
 * and successors must be units; names of units valid at the same time
 * must not fold to the same key. */
static void check_refs(loader *L)
{
    plan *p = L->p;
    plan_priv *pv = L->pv;
    size_t n_tasks = p->n_tasks_a + p->n_tasks_b;
    for (size_t i = 0; i < n_tasks; i++) {
        task_ref t = task_at(L, i);
        if (t.host && !plan_unit_find(p, t.host))
            bad(L, t.line, "PLAN-UNIT", t.host,
                "một mã đơn vị khai báo trong <units>",
                "cơ quan chủ trì nhiệm vụ %s không có trong danh mục đơn vị",
                t.id);
    }
    for (size_t i = 0; i < n_tasks; i++) {
        task_ref t = task_at(L, i);
        check_units(L, t.line, t.partner_units, "cơ quan phối hợp");
    }
    for (size_t i = 0; i < p->n_duty_sections; i++)
        check_units(L, pv->section3_line[i], p->duty_sections[i].units,
                    "đơn vị được giao nhiệm vụ (Phần III)");
    for (size_t i = 0; i < p->n_duties; i++) {
        check_tasks(L, pv->duty_line[i], p->duties[i].tasks);
        check_targets(L, pv->duty_line[i], p->duties[i].targets);
    }
    for (size_t i = 0; i < p->n_targets; i++)
        check_tasks(L, pv->target_line[i], p->targets[i].tasks);
    for (size_t i = 0; i < p->n_facts; i++) {
        check_tasks(L, pv->fact_line[i], p->facts[i].tasks);
        check_targets(L, pv->fact_line[i], p->facts[i].targets);
    }
    for (size_t i = 0; i < p->n_units; i++) {
        const plan_unit *u = &p->units[i];
        if (u->successor && (!plan_unit_find(p, u->successor) ||
                             strcmp(u->successor, u->code) == 0))
            bad(L, pv->unit_line[i], "PLAN-UNIT", u->successor,
                "mã một đơn vị khác khai báo trong <units>",
                "đơn vị kế thừa của %s không hợp lệ", u->code);
        if (u->successor && !u->valid_to)
            bad(L, pv->unit_line[i], "PLAN-VALUE", u->code, "valid-to",
                "đơn vị có đơn vị kế thừa phải có ngày hết hiệu lực");
    }
    if (check_unit_names(L) != 0)
        L->nomem = 1;
}

/* --- amendments ---------------------------------------------------------- */

/* Appends a malloc'ed copy of s to the growing array *v; -1 out of
 * memory. */
static int push_path(char ***v, size_t *n, size_t *cap, const char *s)
{
    if (*n + 1 >= *cap) {
        size_t nc = *cap ? *cap * 2 : 8;
        char **nv = realloc(*v, nc * sizeof *nv);
        if (!nv)
            return -1;
        *v = nv;
        *cap = nc;
    }
    (*v)[*n] = s ? bc_strdup(s) : NULL;
    if (s && !(*v)[*n])
        return -1;
    (*n)++;
    return 0;
}

/* Appends the *.xml files of the plan's amendment folder (the plan's path
 * with ".d" for a final ".xml") to *v, sorted by name.  No folder: none.
 * Returns BC_OK, BC_ERR_IO or BC_ERR_NOMEM. */
static bc_status folder_amendments(const char *path, char ***v, size_t *n,
                                   size_t *cap)
{
    size_t len = strlen(path);
    if (len > 4 && strcmp(path + len - 4, ".xml") == 0)
        len -= 4;
    char *dir = bc_asprintf("%.*s.d", (int)len, path);
    if (!dir)
        return BC_ERR_NOMEM;
    bc_status st = BC_OK;
    char **names = NULL;
    size_t nn = 0;
    if (bc_is_dir(dir)) {
        st = bc_list_dir(dir, &names, &nn);
        for (size_t i = 0; st == BC_OK && i < nn; i++) {
            size_t l = strlen(names[i]);
            if (l <= 4 || strcmp(names[i] + l - 4, ".xml") != 0)
                continue;
            char *f = bc_path_join(dir, names[i]);
            if (!f || push_path(v, n, cap, f) != 0)
                st = BC_ERR_NOMEM;
            free(f);
        }
    }
    bc_free_names(names);
    free(dir);
    return st;
}

/* A deep copy of src for doc, renamed to name (NULL: keep), marked as
 * coming from file k (its findings name that file); NULL sets nomem. */
static xmlNodePtr copy_marked(loader *L, xmlNodePtr src, xmlDocPtr doc,
                              const char *name, size_t k)
{
    xmlNodePtr c = xmlDocCopyNode(src, doc, 1);
    if (!c) {
        L->nomem = 1;
        return NULL;
    }
    if (name)
        xmlNodeSetName(c, BAD_CAST name);
    c->_private = (void *)(uintptr_t)k;
    return c;
}

/* The child `name` of parent whose attribute attr equals value, or NULL. */
static xmlNodePtr child_with(xmlNodePtr parent, const char *name,
                             const char *attr, const char *value)
{
    for (xmlNodePtr c = xmlio_child(parent, name); c;
         c = xmlio_next(c, name)) {
        char *v = xmlio_attr(c, attr);
        int eq = v && value && strcmp(v, value) == 0;
        free(v);
        if (eq)
            return c;
    }
    return NULL;
}

/* Copies attribute name of src onto dst when src has it. */
static void copy_attr(loader *L, xmlNodePtr src, xmlNodePtr dst,
                      const char *name)
{
    char *v = xmlio_attr(src, name);
    if (v && !xmlSetProp(dst, BAD_CAST name, BAD_CAST v))
        L->nomem = 1;
    free(v);
}

/* Applies amendment document adoc (file k) to the plan document doc, in
 * the order of its changes; records its basis in p->amendments[k - 1].
 * A change that names a task or unit the plan lacks is a finding
 * (PLAN-AMEND) and is skipped. */
static void apply_amendment(loader *L, xmlDocPtr doc, xmlDocPtr adoc,
                            size_t k)
{
    xmlNodePtr root = xmlDocGetRootElement(doc);
    xmlNodePtr ar = xmlDocGetRootElement(adoc);
    ar->_private = (void *)(uintptr_t)k;
    plan_amendment *am = &L->p->amendments[k - 1];
    am->path = arena_strdup(L->a, L->files[k]);
    am->basis = child_text(L, ar, "basis", 1);
    am->illustrative = attr_bool(L, ar, "illustrative", 0);
    if (!am->path)
        L->nomem = 1;
    for (xmlNodePtr c = ar->children; c && !L->nomem; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        const char *nm = (const char *)c->name;
        if (strcmp(nm, "phase") == 0) {
            xmlNodePtr phases = xmlio_child(root, "phases");
            char *from = xmlio_attr(c, "from"), *to = xmlio_attr(c, "to");
            xmlNodePtr old = NULL;
            for (xmlNodePtr o = xmlio_child(phases, "phase"); o && !old;
                 o = xmlio_next(o, "phase")) {
                char *f2 = xmlio_attr(o, "from"), *t2 = xmlio_attr(o, "to");
                if (f2 && t2 && from && to && strcmp(f2, from) == 0 &&
                    strcmp(t2, to) == 0)
                    old = o;
                free(f2);
                free(t2);
            }
            free(from);
            free(to);
            xmlNodePtr cp = phases ? copy_marked(L, c, doc, NULL, k) : NULL;
            if (cp && old) {
                xmlReplaceNode(old, cp);
                xmlFreeNode(old);
            } else if (cp) {
                xmlAddChild(phases, cp);
            }
        } else if (strcmp(nm, "task-a") == 0 || strcmp(nm, "task-b") == 0 ||
                   strcmp(nm, "unit") == 0) {
            const char *where = nm[0] == 'u' ? "units"
                                : nm[5] == 'a' ? "tasks-a"
                                               : "tasks-b";
            xmlNodePtr to = xmlio_child(root, where);
            xmlNodePtr cp =
                to ? copy_marked(L, c, doc, nm[0] == 'u' ? NULL : "task", k)
                   : NULL;
            if (cp)
                xmlAddChild(to, cp);
        } else if (strcmp(nm, "amounts") == 0) {
            char *id = xmlio_attr(c, "task");
            xmlNodePtr t =
                child_with(xmlio_child(root, "tasks-b"), "task", "id", id);
            if (!t) {
                bad(L, ln(L, c), "PLAN-AMEND", id, "mã một nhiệm vụ Phần B",
                    "sửa đổi bổ sung kinh phí cho nhiệm vụ không có trong "
                    "Phụ lục 2");
            } else {
                for (xmlNodePtr a = xmlio_child(c, "amount"); a;
                     a = xmlio_next(a, "amount")) {
                    xmlNodePtr cp = copy_marked(L, a, doc, NULL, k);
                    if (cp)
                        xmlAddChild(t, cp);
                }
                copy_attr(L, c, t, "total");
            }
            free(id);
        } else if (strcmp(nm, "unit-change") == 0) {
            char *code = xmlio_attr(c, "code");
            xmlNodePtr u =
                child_with(xmlio_child(root, "units"), "unit", "code", code);
            if (!u) {
                bad(L, ln(L, c), "PLAN-AMEND", code,
                    "mã một đơn vị khai báo trong <units>",
                    "sửa đổi đơn vị không có trong danh mục đơn vị");
            } else {
                copy_attr(L, c, u, "valid-to");
                copy_attr(L, c, u, "successor");
                xmlNodePtr nn = xmlio_child(c, "name");
                xmlNodePtr on = xmlio_child(u, "name");
                if (nn && on) {
                    /* renamed: the old name stays an alias */
                    char *oldname = xmlio_text(on), *newname = xmlio_text(nn);
                    if (!oldname || !newname ||
                        !xmlNewTextChild(u, NULL, BAD_CAST "alias",
                                         BAD_CAST oldname))
                        L->nomem = 1;
                    else {
                        xmlNodeSetContent(on, NULL);
                        xmlNodeAddContent(on, BAD_CAST newname);
                    }
                    free(oldname);
                    free(newname);
                }
                for (xmlNodePtr a = xmlio_child(c, "alias"); a;
                     a = xmlio_next(a, "alias")) {
                    xmlNodePtr cp = copy_marked(L, a, doc, NULL, k);
                    if (cp)
                        xmlAddChild(u, cp);
                }
            }
            free(code);
        }
    }
}

/* Reads, checks and applies amendment file k (L->files[k]) to doc.
 * Returns BC_OK or the status of the failure (findings in L->d). */
static bc_status load_amendment(loader *L, xmlDocPtr doc,
                                xmlSchemaPtr schema, size_t k)
{
    const char *f = L->files[k];
    bc_status st = BC_OK;
    xmlDocPtr adoc = xmlio_read_trusted(f, L->d, &st);
    if (!adoc)
        return st == BC_OK ? BC_ERR_PARSE : st;
    if (schema) {
        int r = xmlio_validate(schema, adoc, f, L->d);
        if (r != 0) {
            xmlFreeDoc(adoc);
            return r < 0 ? BC_ERR_INTERNAL : BC_ERR_INVALID;
        }
    }
    xmlNodePtr ar = xmlDocGetRootElement(adoc);
    if (!ar || !xmlStrEqual(ar->name, BAD_CAST "plan-amendment")) {
        bc_loc at = {f, xmlio_line(ar), NULL};
        diag_add(L->d, BC_SEV_ERROR, "PLAN-AMEND", &at,
                 ar ? (const char *)ar->name : NULL, "<plan-amendment>",
                 "phần tử gốc không phải <plan-amendment>: không phải tệp sửa "
                 "đổi, bổ sung Đề án");
        xmlFreeDoc(adoc);
        return BC_ERR_INVALID;
    }
    int format = 0;
    attr_int(L, ar, "format", 1, 1, 1, &format);
    apply_amendment(L, doc, adoc, k);
    xmlFreeDoc(adoc);
    return L->nomem ? BC_ERR_NOMEM : BC_OK;
}

bc_status plan_load(const char *path, const char *xsd_path, bc_diag *d,
                    plan **out)
{
    return plan_load_amended(path, xsd_path, NULL, 0, d, out);
}

bc_status plan_load_amended(const char *path, const char *xsd_path,
                            const char *const *amendments, size_t n_amend,
                            bc_diag *d, plan **out)
{
    bc_status st = BC_OK;
    xmlSchemaPtr schema = NULL;
    plan *p = NULL;
    loader L = {0};
    char **files = NULL;
    size_t n_files = 0, cap = 0;
    *out = NULL;

    xmlDocPtr doc = xmlio_read_trusted(path, d, &st);
    if (!doc)
        return st == BC_OK ? BC_ERR_PARSE : st;
    if (xsd_path) {
        schema = xmlio_schema_load(xsd_path, d);
        if (!schema) {
            st = BC_ERR_TEMPLATE;
            goto done;
        }
        int r = xmlio_validate(schema, doc, path, d);
        if (r != 0) {
            st = r < 0 ? BC_ERR_INTERNAL : BC_ERR_INVALID;
            goto done;
        }
    }
    xmlNodePtr root = xmlDocGetRootElement(doc);
    if (!root || !xmlStrEqual(root->name, BAD_CAST "plan")) {
        bc_loc at = {path, xmlio_line(root), NULL};
        diag_add(d, BC_SEV_ERROR, "PLAN-VALUE", &at,
                 root ? (const char *)root->name : NULL, "<plan>",
                 "phần tử gốc không phải <plan>: không phải tệp dữ liệu Đề án");
        st = BC_ERR_INVALID;
        goto done;
    }

    /* files[0] the plan, then the folder's amendments, then the given */
    if (push_path(&files, &n_files, &cap, path) != 0) {
        st = BC_ERR_NOMEM;
        goto done;
    }
    st = folder_amendments(path, &files, &n_files, &cap);
    for (size_t i = 0; st == BC_OK && i < n_amend; i++)
        if (push_path(&files, &n_files, &cap, amendments[i]) != 0)
            st = BC_ERR_NOMEM;
    if (st == BC_OK && n_files > 255) {
        bc_loc at = {path, 0, NULL};
        diag_add(d, BC_SEV_ERROR, "PLAN-AMEND", &at, NULL, "tối đa 254",
                 "quá nhiều tệp sửa đổi, bổ sung Đề án");
        st = BC_ERR_INVALID;
    }
    if (st != BC_OK)
        goto done;

    p = calloc(1, sizeof *p);
    plan_priv *pv = NULL;
    bc_arena *a = arena_new();
    if (p && a)
        pv = arena_alloc(a, sizeof *pv);
    if (!p || !a || !pv) {
        arena_free(a);
        st = BC_ERR_NOMEM;
        goto done;
    }
    pv->arena = a;
    p->priv_ = pv;
    L.p = p;
    L.pv = pv;
    L.a = a;
    L.d = d;
    L.path = path;
    L.files = (const char *const *)files;
    L.n_files = n_files;
    pv->files = arr(&L, n_files, sizeof *pv->files);
    for (size_t i = 0; pv->files && i < n_files; i++)
        if (!(pv->files[i] = arena_strdup(a, files[i])))
            L.nomem = 1;
    pv->n_files = pv->files ? n_files : 0;
    p->amendments = arr(&L, n_files - 1, sizeof *p->amendments);
    p->n_amendments = n_files - 1;
    if (L.nomem) {
        st = BC_ERR_NOMEM;
        goto done;
    }
    for (size_t k = 1; k < n_files; k++) {
        st = load_amendment(&L, doc, schema, k);
        if (st != BC_OK)
            goto done;
    }
    if (L.errors) {
        st = BC_ERR_INVALID;
        goto done;
    }

    int format = 0;
    attr_int(&L, root, "format", 1, 1, 1, &format);
    p->title = child_text(&L, root, "title", 1);
    p->decision = child_text(&L, root, "decision", 1);
    xmlNodePtr per = xmlio_child(root, "period");
    if (per) {
        attr_int(&L, per, "start", 1, 1900, 2100, &p->start_year);
        attr_int(&L, per, "end", 1, 1900, 2100, &p->end_year);
        if (p->start_year > p->end_year)
            bad(&L, xmlio_line(per), "PLAN-VALUE", NULL, "start <= end",
                "thời kỳ của Đề án không hợp lệ");
    } else {
        bad(&L, xmlio_line(root), "PLAN-VALUE", NULL, "<period>",
            "thiếu phần tử <period>");
    }
    xmlNodePtr rp = xmlio_child(root, "reporting-period");
    p->period_month = 12;
    p->period_day = 15;
    if (rp) {
        attr_int(&L, rp, "start-month", 1, 1, 12, &p->period_month);
        attr_int(&L, rp, "start-day", 1, 1, 28, &p->period_day);
    }

    /* in this order: a section looks up what those before it loaded */
    static void (*const sections[])(loader *, xmlNodePtr) = {
        load_kinds, load_prefixes, load_activity_kinds, load_targets,
        load_baseline, load_protected, load_tasks, load_phases,
        load_organisation, load_units,
    };
    for (size_t i = 0; i < BC_ARRAY_LEN(sections) && !L.nomem; i++)
        sections[i](&L, root);
    if (!L.nomem)
        check_refs(&L);

    if (L.nomem)
        st = BC_ERR_NOMEM;
    else if (L.errors)
        st = BC_ERR_INVALID;

done:
    if (st != BC_OK) {
        plan_free(p);
        p = NULL;
    }
    if (schema)
        xmlSchemaFree(schema);
    xmlFreeDoc(doc);
    for (size_t i = 0; i < n_files; i++)
        free(files[i]);
    free(files);
    *out = p;
    return st;
}

void plan_free(plan *p)
{
    if (!p)
        return;
    plan_priv *pv = p->priv_;
    if (pv)
        arena_free(pv->arena); /* pv itself lives in the arena */
    free(p);
}

/* --- lookups ------------------------------------------------------------- */

/* The first of the n items at items (each size bytes) whose string
 * member at offset key_at equals key, or NULL (none, or key NULL).  Items
 * whose member is NULL never match.  The plan's lookups by code or id
 * without an index. */
static const void *find_keyed(const void *items, size_t n, size_t size,
                              size_t key_at, const char *key)
{
    const char *it = items;
    for (size_t i = 0; key && i < n; i++, it += size) {
        const char *k = *(const char *const *)(const void *)(it + key_at);
        if (k && strcmp(k, key) == 0)
            return it;
    }
    return NULL;
}

int plan_kind_index(const plan *p, const char *code)
{
    const plan_kind *k = p ? find_keyed(p->kinds, p->n_kinds, sizeof *p->kinds,
                                        offsetof(plan_kind, code), code)
                           : NULL;
    return k ? (int)(k - p->kinds) : -1;
}

int plan_kind_lookup(const plan *p, const char *text)
{
    if (!p || !text)
        return -1;
    int r = plan_kind_index(p, text);
    if (r >= 0)
        return r;
    char *key = text_fold(text);
    if (!key)
        return -1;
    const plan_priv *pv = p->priv_;
    for (size_t i = 0; i < p->n_kinds && r < 0 && *key; i++) {
        if (pv && pv->kind_keys) {
            for (size_t k = 0; k < pv->kind_n_keys[i]; k++)
                if (strcmp(pv->kind_keys[i][k], key) == 0)
                    r = (int)i;
            continue;
        }
        /* a plan built by hand: fold on the fly */
        const plan_kind *pk = &p->kinds[i];
        if (text_same(pk->code, text) || text_same(pk->name, text))
            r = (int)i;
        const char *al[64];
        char buf[4096];
        size_t na = split_aliases(pk->aliases, al, 64, buf, sizeof buf);
        for (size_t k = 0; k < na && r < 0; k++)
            if (text_same(al[k], text))
                r = (int)i;
    }
    free(key);
    return r;
}

/* Through the index built by plan_load while it still describes
 * p->units; by a scan otherwise (a plan built or extended by hand). */
const plan_unit *plan_unit_find(const plan *p, const char *code)
{
    if (!p || !code)
        return NULL;
    const plan_priv *pv = p->priv_;
    if (pv && pv->unit_slots && pv->unit_base == p->units &&
        pv->unit_n == p->n_units) {
        size_t k = pv->unit_slots[unit_slot(pv, code)];
        return k ? &p->units[k - 1] : NULL;
    }
    return find_keyed(p->units, p->n_units, sizeof *p->units,
                      offsetof(plan_unit, code), code);
}

const plan_unit *plan_unit_find_typed(const plan *p, const char *typed)
{
    const plan_unit *u = plan_unit_find(p, typed);
    if (u || !typed)
        return u;
    size_t n = strlen(typed);
    if (n == 0 || n > 4 || strspn(typed, "0123456789") != n)
        return NULL;
    char padded[6] = "00000";
    memcpy(padded + 5 - n, typed, n); /* n <= 4: the NUL stays */
    u = plan_unit_find(p, padded);
    return u && u->type == UNIT_COMMUNE ? u : NULL;
}

const plan_task_a *plan_task_a_find(const plan *p, const char *id)
{
    return p ? find_keyed(p->tasks_a, p->n_tasks_a, sizeof *p->tasks_a,
                          offsetof(plan_task_a, id), id)
             : NULL;
}

const plan_task_b *plan_task_b_find(const plan *p, const char *id)
{
    return p ? find_keyed(p->tasks_b, p->n_tasks_b, sizeof *p->tasks_b,
                          offsetof(plan_task_b, id), id)
             : NULL;
}

STATIC const plan_target *plan_target_find(const plan *p, const char *id)
{
    return p ? find_keyed(p->targets, p->n_targets, sizeof *p->targets,
                          offsetof(plan_target, id), id)
             : NULL;
}

const plan_activity_kind *plan_activity_kind_find(const plan *p, const char *code)
{
    return p ? find_keyed(p->activity_kinds, p->n_activity_kinds,
                          sizeof *p->activity_kinds,
                          offsetof(plan_activity_kind, code), code)
             : NULL;
}

const plan_prefix *plan_prefix_find(const plan *p, int digit)
{
    if (!p)
        return NULL;
    for (size_t i = 0; i < p->n_prefixes; i++)
        if (p->prefixes[i].digit == digit)
            return &p->prefixes[i];
    return NULL;
}

int plan_unit_valid_on(const plan_unit *u, bc_date d)
{
    if (!u)
        return 0;
    return (!u->valid_from || d >= u->valid_from) &&
           (!u->valid_to || d <= u->valid_to);
}

int plan_unit_valid_during(const plan_unit *u, bc_date from, bc_date to)
{
    if (!u)
        return 0;
    return (!u->valid_from || u->valid_from <= to) &&
           (!u->valid_to || u->valid_to >= from);
}

/* Expected for `year`: reports, valid during the year's reporting period
 * (15/12 of year-1 .. 14/12 of year), and not merged into a successor by
 * the period's end.  A unit that ends without a successor (a district
 * abolished on 30/6/2025) is still expected for the year it ends in. */
int plan_unit_expected(const plan *p, const plan_unit *u, int year)
{
    if (!p || !u || !u->reports)
        return 0;
    bc_date from, to;
    date_period(year, p->period_month ? p->period_month : 12,
                p->period_day ? p->period_day : 15, &from, &to);
    if (!plan_unit_valid_during(u, from, to))
        return 0;
    if (u->valid_to && u->valid_to <= to && u->successor)
        return 0;
    return 1;
}

/* 1 if unit code c was merged, directly or through a chain of at most 8
 * successors, into unit u before `end`. */
static int succeeded_by(const plan *p, const char *c, const plan_unit *u,
                        bc_date end)
{
    const plan_unit *x = plan_unit_find(p, c);
    for (int hop = 0; x && x->successor && hop < 8; hop++) {
        if (!x->valid_to || x->valid_to >= end)
            return 0;
        if (strcmp(x->successor, u->code) == 0)
            return 1;
        x = plan_unit_find(p, x->successor);
    }
    return 0;
}

int plan_duty_applies(const plan *p, const plan_duty *du,
                      const plan_unit *u, int year)
{
    if (!p || !du || !u || du->section >= p->n_duty_sections)
        return 0;
    bc_date from, to;
    date_period(year, p->period_month, p->period_day, &from, &to);
    if (!plan_unit_valid_during(u, from, to))
        return 0;
    const plan_duty_section *sec = &p->duty_sections[du->section];
    if (sec->unit_types & (1u << u->type))
        return 1;
    /* the section's own list of codes, read in place (this runs for every
     * unit and duty of the aggregate) */
    size_t cl = strlen(u->code);
    for (const char *c = sec->units ? sec->units : ""; *c;) {
        size_t n = strcspn(c, " ");
        if (n == cl && memcmp(c, u->code, n) == 0)
            return 1;
        /* a unit code is at most 40 characters (plan.xsd unitCode) */
        char buf[64];
        if (n && n < sizeof buf) {
            memcpy(buf, c, n);
            buf[n] = '\0';
            if (succeeded_by(p, buf, u, to))
                return 1;
        }
        c += n;
        while (*c == ' ')
            c++;
    }
    return 0;
}

size_t plan_unit_duties(const plan *p, const plan_unit *u, int year,
                        const plan_duty **out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; p && i < p->n_duties; i++)
        if (plan_duty_applies(p, &p->duties[i], u, year)) {
            if (n < max && out)
                out[n] = &p->duties[i];
            n++;
        }
    return n;
}

bc_money plan_task_b_amount(const plan_task_b *t, int year, int *found)
{
    if (found)
        *found = 0;
    if (!t)
        return 0;
    for (size_t i = 0; i < t->n_years; i++)
        if (t->years[i].year == year) {
            if (found)
                *found = 1;
            return t->years[i].amount;
        }
    return 0;
}

const plan_phase *plan_phase_of(const plan *p, int year)
{
    if (!p)
        return NULL;
    for (size_t i = 0; i < p->n_phases; i++)
        if (year >= p->phases[i].from && year <= p->phases[i].to)
            return &p->phases[i];
    return NULL;
}

/* Name matches are tried first over all entries of the kind, then
 * product matches, so that a short product ("Rượu") cannot shadow an
 * entry whose name matches exactly.  kind < 0 searches every kind. */
const plan_protected *plan_protected_match(const plan *p, int kind,
                                           const char *name,
                                           const char *product)
{
    if (!p)
        return NULL;
    const plan_priv *pv = p->priv_;
    const char *src[2] = {name, product};
    const plan_protected *r = NULL;
    /* the product only when no name is given: many marks share a product
     * ("Rượu Hữu Lễ", "Rượu Mẫu Sơn"), so a product alone never makes a
     * named mark "already protected" */
    for (int pass = 0; pass < 2 && !r; pass++) {
        if (!src[pass] || (pass == 1 && name))
            continue;
        char *key = text_fold(src[pass]);
        if (!key)
            continue;
        for (size_t i = 0; i < p->n_protected && !r && *key; i++) {
            const plan_protected *e = &p->protected_[i];
            if (kind >= 0 && e->kind != kind)
                continue;
            const char *ek = NULL;
            if (pv && pv->prot_name_key)
                ek = pass == 0 ? pv->prot_name_key[i]
                               : pv->prot_product_key[i];
            if (ek ? strcmp(ek, key) == 0
                   : text_same(pass == 0 ? e->name : e->product, src[pass]))
                r = e;
        }
        free(key);
    }
    return r;
}

/* --- plan_check ---------------------------------------------------------- */

/* m in Vietnamese style into buf: "18.000", "1.200,5", "-3". */
static char *vn_money(bc_money m, char buf[48])
{
    return text_format_vn(m, buf, 48);
}

static char *vn_int(long n, char buf[48])
{
    return vn_money((bc_money)n * BC_MONEY_SCALE, buf);
}

/* Adds a warning at an encoded line (of the plan file or an amendment;
 * pv as plan_check gives it, never NULL). */
static void warn(const plan_priv *pv, bc_diag *d, const char *path,
                 unsigned line, const char *code, const char *found,
                 const char *expected, const char *fmt, ...)
    __attribute__((format(printf, 8, 9)));
static void warn(const plan_priv *pv, bc_diag *d, const char *path,
                 unsigned line, const char *code, const char *found,
                 const char *expected, const char *fmt, ...)
{
    const char *file = line_file(pv->files, pv->n_files, path, &line);
    bc_loc at = {file, line, NULL};
    va_list ap;
    va_start(ap, fmt);
    diag_vadd(d, BC_SEV_WARNING, code, &at, found, expected, fmt, ap);
    va_end(ap);
}

static unsigned line_at(const unsigned *lines, size_t i)
{
    return lines ? lines[i] : 0;
}

static const char *kind_name(const plan *p, int k)
{
    return k >= 0 && (size_t)k < p->n_kinds && p->kinds[k].name
               ? p->kinds[k].name
               : "?";
}

static const char *unit_name(const plan *p, const char *code)
{
    const plan_unit *u = plan_unit_find(p, code);
    return u && u->name ? u->name : code;
}

/* Phụ lục 2: grand and yearly totals of each phase, totals of each task. */
static size_t check_budget(const plan *p, const plan_priv *pv,
                           const char *path, bc_diag *d)
{
    size_t n = 0;
    char a[48], b[48], c[48];
    for (size_t i = 0; i < p->n_phases; i++) {
        const plan_phase *ph = &p->phases[i];
        bc_money rows = 0, cols = 0;
        int ovf = 0;
        for (size_t t = 0; t < p->n_tasks_b; t++)
            for (size_t y = 0; y < p->tasks_b[t].n_years; y++)
                if (p->tasks_b[t].years[y].year >= ph->from &&
                    p->tasks_b[t].years[y].year <= ph->to)
                    ovf |= money_add(&rows, p->tasks_b[t].years[y].amount);
        for (size_t y = 0; y < ph->n_stated_years; y++)
            ovf |= money_add(&cols, ph->stated_years[y].amount);
        if (ovf)
            continue;
        if (ph->stated_total >= 0 && ph->stated_total != rows) {
            vn_money(ph->stated_total, a);
            vn_money(rows, b);
            if (ph->n_stated_years)
                warn(pv, d, path, line_at(pv->phase_line, i),
                     "PLAN-TOTAL", a, b,
                     "Phụ lục 2: tổng kinh phí khái toán giai đoạn %d - %d ghi "
                     "%s triệu đồng, nhưng cộng kinh phí các nhiệm vụ được %s "
                     "triệu đồng (cộng các tổng từng năm đã ghi %s %s triệu "
                     "đồng)",
                     ph->from, ph->to, a, b,
                     cols == rows ? "cũng được" : "được", vn_money(cols, c));
            else
                warn(pv, d, path, line_at(pv->phase_line, i),
                     "PLAN-TOTAL", a, b,
                     "Phụ lục 2: tổng kinh phí khái toán giai đoạn %d - %d ghi "
                     "%s triệu đồng, nhưng cộng kinh phí các nhiệm vụ được %s "
                     "triệu đồng",
                     ph->from, ph->to, a, b);
            n++;
        }
        for (size_t y = 0; y < ph->n_stated_years; y++) {
            int year = ph->stated_years[y].year;
            bc_money sum = 0;
            for (size_t t = 0; t < p->n_tasks_b; t++)
                ovf |= money_add(&sum, plan_task_b_amount(&p->tasks_b[t], year,
                                                          NULL));
            if (ovf || sum == ph->stated_years[y].amount)
                continue;
            vn_money(ph->stated_years[y].amount, a);
            vn_money(sum, b);
            warn(pv, d, path,
                 pv->phase_year_line ? line_at(pv->phase_year_line[i], y) : 0,
                 "PLAN-YEAR-TOTAL", a, b,
                 "Phụ lục 2: tổng kinh phí năm %d ghi %s triệu đồng, nhưng "
                 "cộng kinh phí các nhiệm vụ năm đó được %s triệu đồng",
                 year, a, b);
            n++;
        }
    }
    for (size_t t = 0; t < p->n_tasks_b; t++) {
        const plan_task_b *tb = &p->tasks_b[t];
        bc_money sum = 0;
        int ovf = 0;
        for (size_t y = 0; y < tb->n_years; y++)
            ovf |= money_add(&sum, tb->years[y].amount);
        if (ovf || tb->stated_total < 0 || sum == tb->stated_total)
            continue;
        warn(pv, d, path, line_at(pv->task_b_line, t), "PLAN-TASK-TOTAL",
             vn_money(tb->stated_total, a), vn_money(sum, b),
             "Phụ lục 2, nhiệm vụ %s (STT %s): tổng kinh phí ghi %s triệu "
             "đồng, nhưng cộng kinh phí các năm được %s triệu đồng",
             tb->id, tb->no ? tb->no : "?", a, b);
        n++;
    }
    return n;
}

/* Years 1900..2100 -> counts. */
#define YEARS 201

/* "2012, 2017" or "2015 (2), 2018 (9)"; "không có" when empty. */
static void years_text(const int *cnt, bc_strbuf *sb)
{
    for (int y = 0; y < YEARS; y++) {
        if (!cnt[y])
            continue;
        if (sb->len)
            sb_adds(sb, ", ");
        if (cnt[y] == 1)
            sb_addf(sb, "%d", 1900 + y);
        else
            sb_addf(sb, "%d (%d)", 1900 + y, cnt[y]);
    }
    if (!sb->len)
        sb_adds(sb, "không có");
}

/* Phụ lục 1 headings, Bảng 2 totals, Bảng 2 vs Phụ lục 1 years. */
static size_t check_tables(const plan *p, const plan_priv *pv,
                           const char *path, bc_diag *d)
{
    size_t n = 0;
    char a[48], b[48];
    for (size_t s = 0; s < p->n_sections; s++) {
        const plan_protected_section *sec = &p->sections[s];
        long items = 0;
        for (size_t i = 0; i < p->n_protected; i++)
            items += p->protected_[i].kind == sec->kind;
        if (items == sec->stated)
            continue;
        warn(pv, d, path, line_at(pv->section_line, s), "PLAN-PL1-COUNT",
             vn_int(sec->stated, a), vn_int(items, b),
             "Phụ lục 1, mục «%s»: đầu mục ghi %s sản phẩm, nhưng danh mục "
             "liệt kê %s",
             sec->heading ? sec->heading : kind_name(p, sec->kind), a, b);
        n++;
    }
    for (size_t t = 0; t < p->n_baseline2_totals; t++) {
        const plan_baseline2_total *bt = &p->baseline2_totals[t];
        long sum = 0;
        for (size_t i = 0; i < p->n_baseline2; i++)
            if (p->baseline2[i].kind == bt->kind)
                sum += p->baseline2[i].count;
        if (sum == bt->stated)
            continue;
        warn(pv, d, path, line_at(pv->b2_total_line, t), "PLAN-BANG2-TOTAL",
             vn_int(bt->stated, a), vn_int(sum, b),
             "Bảng 2: dòng «Tổng» của %s ghi %s, nhưng cộng các năm được %s",
             kind_name(p, bt->kind), a, b);
        n++;
    }
    /* kinds present in both Bảng 2 and a Phụ lục 1 section */
    for (size_t s = 0; s < p->n_sections; s++) {
        int k = p->sections[s].kind;
        int in_b2 = 0;
        int b2[YEARS] = {0}, pl1[YEARS] = {0};
        for (size_t i = 0; i < p->n_baseline2; i++)
            if (p->baseline2[i].kind == k) {
                in_b2 = 1;
                int y = p->baseline2[i].year - 1900;
                if (y >= 0 && y < YEARS)
                    b2[y] += p->baseline2[i].count;
            }
        if (!in_b2)
            continue;
        for (size_t i = 0; i < p->n_protected; i++)
            if (p->protected_[i].kind == k) {
                int y = p->protected_[i].year - 1900;
                if (y >= 0 && y < YEARS)
                    pl1[y]++;
            }
        if (memcmp(b2, pl1, sizeof b2) == 0)
            continue;
        /* place: the first Bảng 2 cell that differs, else the first
         * Phụ lục 1 item of a year Bảng 2 lacks */
        unsigned line = 0;
        for (size_t i = 0; i < p->n_baseline2 && !line; i++) {
            int y = p->baseline2[i].year - 1900;
            if (p->baseline2[i].kind == k && y >= 0 && y < YEARS &&
                b2[y] != pl1[y])
                line = line_at(pv->b2_line, i);
        }
        for (size_t i = 0; i < p->n_protected && !line; i++) {
            int y = p->protected_[i].year - 1900;
            if (p->protected_[i].kind == k && y >= 0 && y < YEARS &&
                b2[y] != pl1[y])
                line = line_at(pv->protected_line, i);
        }
        if (!line)
            line = pv->table2_line;
        bc_strbuf fb = BC_STRBUF_INIT, eb = BC_STRBUF_INIT;
        years_text(b2, &fb);
        years_text(pl1, &eb);
        warn(pv, d, path, line, "PLAN-BANG2-PL1", sb_str(&fb), sb_str(&eb),
             "Bảng 2 và Phụ lục 1 ghi năm bảo hộ %s khác nhau: Bảng 2 ghi %s, "
             "Phụ lục 1 ghi %s",
             kind_name(p, k), sb_str(&fb), sb_str(&eb));
        sb_release(&fb);
        sb_release(&eb);
        n++;
    }
    return n;
}

/* 1 if the space-separated list has the word w. */
static int list_has(const char *list, const char *w)
{
    size_t n = strlen(w);
    for (const char *q = list; q && *q;) {
        const char *e = strchr(q, ' ');
        size_t len = e ? (size_t)(e - q) : strlen(q);
        if (len == n && strncmp(q, w, n) == 0)
            return 1;
        q = e ? e + 1 : NULL;
    }
    return 0;
}

/* The first unit code of a space-separated list into buf ("" if none). */
static const char *first_unit(const char *list, char *buf, size_t n)
{
    snprintf(buf, n, "%s", list ? list : "");
    char *sp = strchr(buf, ' ');
    if (sp)
        *sp = '\0';
    return buf;
}

/* Phần III: citations of tasks that do not exist (one finding per duty;
 * the expected side says where tasks with those numbers do exist) and of
 * tasks hosted by a unit the section does not name (one per citation; the
 * expected side names the task the unit does host: "có thể là khoản 5"). */
static size_t check_duties(const plan *p, const plan_priv *pv,
                           const char *path, bc_diag *d)
{
    size_t n = 0;
    for (size_t i = 0; i < p->n_duties; i++) {
        const plan_duty *du = &p->duties[i];
        if (!du->refs)
            continue;
        const plan_duty_section *sec =
            du->section < p->n_duty_sections ? &p->duty_sections[du->section]
                                             : NULL;
        const char *units = sec ? sec->units : NULL;
        char ubuf[64];
        const char *unit = first_unit(units, ubuf, sizeof ubuf);
        unsigned line = line_at(pv->duty_line, i);
        const char *uname = sec && sec->heading ? sec->heading
                                                : unit_name(p, unit);
        bc_strbuf missing = BC_STRBUF_INIT, nums = BC_STRBUF_INIT,
                  elsewhere = BC_STRBUF_INIT;
        char buf[512];
        snprintf(buf, sizeof buf, "%s", du->refs);
        char *save = NULL;
        for (char *r = strtok_r(buf, " ", &save); r;
             r = strtok_r(NULL, " ", &save)) {
            const plan_task_a *ta = plan_task_a_find(p, r);
            const plan_task_b *tb = ta ? NULL : plan_task_b_find(p, r);
            if (!ta && !tb) {
                sb_addf(&missing, "%s%s", missing.len ? ", " : "", r);
                sb_addf(&nums, "%s%s", nums.len ? ", " : "", r + 1);
                /* the same number in the other part */
                char other[16];
                snprintf(other, sizeof other, "%c%s", r[0] == 'A' ? 'B' : 'A',
                         r + 1);
                if (plan_task_a_find(p, other) || plan_task_b_find(p, other))
                    sb_addf(&elsewhere, "%s%s", elsewhere.len ? ", " : "",
                            other + 1);
                continue;
            }
            const char *host = ta ? ta->host : tb->host;
            if (host && units && list_has(units, host))
                continue;
            /* what this unit does host, for the expected side */
            bc_strbuf own = BC_STRBUF_INIT, ownno = BC_STRBUF_INIT;
            for (size_t t = 0; t < p->n_tasks_a; t++)
                if (p->tasks_a[t].host && units &&
                    list_has(units, p->tasks_a[t].host)) {
                    sb_addf(&own, "%s%s", own.len ? ", " : "",
                            p->tasks_a[t].id);
                    sb_addf(&ownno, "%s%d", ownno.len ? ", " : "",
                            p->tasks_a[t].no);
                }
            char *found = bc_asprintf("khoản %s Phần %c (chủ trì: %s)",
                                      r + 1, r[0],
                                      host ? unit_name(p, host) : "không ghi");
            char *exp = own.len
                            ? bc_asprintf("có thể là khoản %s Phần A (chủ "
                                          "trì: %s)",
                                          sb_str(&ownno), unit_name(p, unit))
                            : bc_asprintf("nhiệm vụ do %s chủ trì", uname);
            warn(pv, d, path, line, "PLAN-DUTY-HOST", found, exp,
                 "Phần III, mục %d giao %s lập dự toán cho khoản %s Phần %c "
                 "Phụ lục 2, nhưng Phụ lục 2 ghi nhiệm vụ này do %s chủ trì",
                 sec ? sec->no : 0, uname, r + 1, r[0],
                 host ? unit_name(p, host) : "(không ghi cơ quan)");
            free(found);
            free(exp);
            sb_release(&own);
            sb_release(&ownno);
            n++;
        }
        if (missing.len) {
            char part = du->refs[0];
            size_t have = part == 'A' ? p->n_tasks_a : p->n_tasks_b;
            char *exp, *found = bc_asprintf("khoản %s Phần %c", sb_str(&nums),
                                            part);
            if (elsewhere.len)
                exp = bc_asprintf("khoản %s có ở Phần %c",
                                  sb_str(&elsewhere), part == 'A' ? 'B' : 'A');
            else
                exp = bc_asprintf("Phần %c có %zu khoản", part, have);
            warn(pv, d, path, line, "PLAN-DUTY-MISSING", found, exp,
                 "Phần III, mục %d giao %s lập dự toán cho khoản %s Phần %c "
                 "Phụ lục 2, nhưng Phần %c chỉ có %zu khoản",
                 sec ? sec->no : 0, uname, sb_str(&nums), part, part, have);
            free(exp);
            free(found);
            n++;
        }
        sb_release(&missing);
        sb_release(&nums);
        sb_release(&elsewhere);
    }
    return n;
}

size_t plan_check(const plan *p, const char *path, bc_diag *d)
{
    if (!p)
        return 0;
    /* a plan built by hand has no loader data: no source lines */
    static const plan_priv none;
    const plan_priv *pv = p->priv_ ? p->priv_ : &none;
    size_t n = check_budget(p, pv, path, d);
    n += check_tables(p, pv, path, d);
    n += check_duties(p, pv, path, d);
    return n;
}
