/* aggregate.c - dedupe, replacements, sums and target progress; the
 * aggregate document. */
#include "aggregate.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlIO.h>

#include "array.h"
#include "pl1.h"
#include "text.h"
#include "util.h"
#include "xmlio.h"

#define AGG_FORMAT "1"

/* --- tables ------------------------------------------------------------- */

/* An interned string: its index in bc_agg.strs + 1; 0 for none. */
typedef uint32_t str_id;

typedef enum file_status { FILE_ACCEPTED, FILE_REJECTED, FILE_REPLACED } file_status;

typedef struct agg_file {
    const char *path;
    int cycle;
    const char *unit;     /* as written in the file (interned), NULL if
                             unreadable */
    int pu;               /* index of unit in the plan's units, -1 */
    bc_date date;
    file_status status;
    int replaced_by;      /* file index, -1 */
    size_t records, errors, warnings;
} agg_file;

typedef struct agg_source {
    int file;             /* index into files */
    unsigned line;
    const char *cell;     /* interned */
    rec_status status;
    int next;             /* next source of the same record, -1 */
} agg_source;

/* One per distinct application number: at 343,556 of them (N = 10,000)
 * every byte here is a third of a megabyte, so texts that repeat are
 * interned string ids (str_at), the small enums a byte. */
typedef struct agg_record {
    const char *appno, *certificate; /* in the arena */
    str_id name, product, owner, place, task;
    bc_date filed, granted;
    int rank;             /* cycle * 4 + status rank of the source used */
    int first_src, last_src, n_src;
    signed char kind;     /* index into the plan's kinds, -1 */
    unsigned char status; /* rec_status */
    unsigned char pl1_how; /* pl1_verdict of its granted sources */
    unsigned short pl1;   /* the Phụ lục 1 entry concerned + 1, 0: none */
} agg_record;

typedef struct agg_money { bc_money allocated, disbursed; int any; } agg_money;
typedef struct agg_act { size_t activities, quantity, participants; } agg_act;

/* A supported mark as typed (its key: pl1_name_key of the wording).  At
 * build time each one is given its identity (mark_resolve): a Phụ lục 1
 * entry or the application number of a granted record; the wordings of
 * one identity are one mark (rep: the first of them). */
typedef struct agg_mark {
    const char *key;      /* pl1_name_key of the wording */
    const char *name;     /* as first typed (interned) */
    int kind;
    int first_year;
    int this_year;
    bc_strbuf units;      /* "178, SKHCN" */
    int odd_units;        /* units lists a code that is not the plan's */
    int file;             /* where it was first supported */
    unsigned line;
    const char *cell;
    /* set by mark_resolve */
    const char *pl1;      /* its Phụ lục 1 entry, "Chi Lăng (2013)", or NULL */
    const char *known_as; /* the application number it was granted under, or NULL */
    const char *ident;    /* "P3", "A4-2021-00703", NULL: not protected */
    int rep;              /* the first mark of the same identity */
} agg_mark;

/* A unit already listed in a mark's units. */
typedef struct agg_mark_unit {
    int mark;
    const char *unit;     /* interned */
} agg_mark_unit;

typedef struct agg_narr {
    const char *unit;
    int pu;               /* plan unit index, -1 */
    const char *results, *difficulties, *proposals;
} agg_narr;

typedef struct agg_repl {
    int kept, replaced;   /* file indexes */
} agg_repl;

/* An interned string, and its folded key once asked for. */
typedef struct agg_str {
    const char *s;
    const char *fold;     /* text_fold(s) in the arena */
    int folded;           /* 1 once fold is known (NULL: s has no key) */
} agg_str;

/* An index over the elements of one of the tables: open addressing, a
 * slot holds an element index + 1 (0: empty); capacity a power of two,
 * at least twice the count.  The keys live in the elements. */
typedef struct agg_index {
    int *slot;
    size_t cap, n;
} agg_index;

/* Counts of events per kind and year: filed[kind][yi], granted[...] */
typedef struct counts {
    size_t *filed, *granted, *refused;
    size_t *filed_new, *granted_new; /* excluding Phụ lục 1 products */
} counts;

static void counts_free(counts *c);

/* --- held submissions ----------------------------------------------------
 *
 * A unit's accepted submission can be replaced by a later file of the same
 * cycle, so nothing of it is merged before the cycle ends.  Until then
 * only what merging needs is kept, in one block per submission (freed
 * when it is replaced or merged); strings that repeat across submissions
 * (names, owners, places, cells) are interned in the aggregator instead.
 * The submission itself is freed as soon as it is read. */

/* A record with an application number and a known kind. */
typedef struct held_rec {
    const char *appno, *certificate;   /* in the block */
    str_id cell, name, product, owner, place, task;
    unsigned line;
    bc_date filed, granted;
    signed char kind;
    unsigned char status; /* rec_status */
} held_rec;

/* A support with a mark, a known kind and a date. */
typedef struct held_sup {
    const char *mark, *cell; /* interned */
    unsigned line;
    int kind;
    bc_date date;
} held_sup;

/* An activity, already resolved to its task and plan year. */
typedef struct held_act {
    int task, yi;
    size_t quantity, participants;
} held_act;

/* A budget line with a known task and both amounts. */
typedef struct held_bud {
    int task, yi;
    bc_money allocated, disbursed;
} held_bud;

typedef struct held {
    int file;
    int illustrative;
    int narrative;        /* 1 when the report year's narrative is kept */
    held_rec *recs; size_t n_recs;
    held_sup *sups; size_t n_sups;
    held_act *acts; size_t n_acts;
    held_bud *buds; size_t n_buds;
    const char *results, *difficulties, *proposals; /* in the block */
} held;

/* The long lists of the document, bounded by the detail limit. */
enum { LIST_NEW_RECORDS, LIST_UNITS, LIST_FILES, LIST_RECORDS, LIST_NARRATIVES,
       LIST__COUNT };

/* Per plan unit: its files of the report year, and its record events. */
typedef struct unit_files { size_t files, acc, rej, rep; } unit_files;
typedef struct unit_count { size_t filed, granted, refused; } unit_count;
/* Per plan unit: what its accepted files report for the report year's
 * events (activities, money by task), for the report's per-department
 * section against the unit's Phần III duties. */
typedef struct unit_work {
    size_t activities;
    unsigned char *tasks;   /* n_tasks flags: a task it reported on */
    bc_money allocated, disbursed;
    int money;              /* 1: some budget line of the year */
} unit_work;

struct bc_agg {
    const plan *p;
    pl1_index *pl1;       /* the Phụ lục 1 rule */
    int year;
    int n_years;          /* plan start .. year */
    bc_arena *arena;

    agg_file *files; size_t n_files, cap_files;
    agg_source *srcs; size_t n_srcs, cap_srcs;
    agg_record *recs; size_t n_recs, cap_recs;
    agg_index rec_idx;                /* by application number */
    agg_mark *marks; size_t n_marks, cap_marks;
    agg_index mark_idx;               /* by folded name */
    int marks_resolved;               /* mark_resolve ran */
    /* revisions (reading j): snap[t * n_years + yi] is target t's value
     * of plan year yi as that year's own report gave it (the cycles up to
     * it), taken before a later cycle is merged; years up to snap_upto
     * are taken */
    size_t *snap;
    int snap_upto;
    agg_mark_unit *mark_units; size_t n_mark_units, cap_mark_units;
    agg_index mark_unit_idx;
    agg_narr *narrs; size_t n_narrs, cap_narrs;
    agg_repl *repls; size_t n_repls, cap_repls;
    agg_index unit_idx;               /* plan units by code */
    agg_str *strs; size_t n_strs, cap_strs; /* interned strings */
    agg_index str_idx;

    /* per task of Phụ lục 2 and plan year; tasks are indexed A first
     * (0 .. n_tasks_a-1), then B */
    size_t n_tasks;
    agg_money *money;     /* [task][year] */
    agg_act *acts;        /* [task][year] */

    /* winners of the cycle being read, in the order of their unit's
     * first file */
    int cur_cycle;
    held **held; size_t n_held, cap_held;
    agg_index held_idx;               /* by unit */
    int illustrative;

    /* the document: each of its long lists (agg_lists) holds at most
     * detail_limit items (0: all).  items[l] are the indexes of list l's
     * items without a limit, in the document's order (set by agg_build,
     * read by agg_save): records into recs, files into files, narratives
     * into narrs, units and new-records units into the plan's units, whose
     * counts are in ufs and ucs */
    size_t detail_limit;
    size_t *items[LIST__COUNT]; size_t n_items[LIST__COUNT];
    counts built;         /* the events counted by the last agg_build */
    unit_files *ufs;
    unit_count *ucs;
    unit_work *uws;       /* p->n_units, or NULL until a file reports work */
    unsigned char *uw_tasks; /* p->n_units * n_tasks flags */
};

/* Grows *v (element size sz) to hold one more (array_grow); -1 when out
 * of memory or when the count would not fit an int (elements are indexed
 * by int). */
static int grow(void **v, size_t *cap, size_t n, size_t sz)
{
    return n >= INT_MAX - 1 ? -1 : array_grow(v, cap, n, sz);
}
#define GROW(a, field, n, cap) grow((void **)&(a)->field, &(a)->cap, (a)->n, sizeof *(a)->field)

/* FNV-1a */
static size_t hash_str(const char *s)
{
    size_t h = 1469598103934665603u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

/* A hash of a pair of an int and a pointer (splitmix64 finaliser). */
static size_t hash_pair(int i, const void *ptr)
{
    uint64_t z = (uint64_t)(uintptr_t)ptr ^ ((uint64_t)(unsigned)i << 32);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return (size_t)(z ^ (z >> 31));
}

/* --- indexes ------------------------------------------------------------ */

/* 1 when element v of the indexed table has the key. */
typedef int (*idx_eq_fn)(const bc_agg *a, int v, const void *key);
/* The hash of element v's key. */
typedef size_t (*idx_hash_fn)(const bc_agg *a, int v);

/* The element of x whose key equals key (hash h), or -1. */
static int idx_find(const bc_agg *a, const agg_index *x, size_t h,
                    idx_eq_fn eq, const void *key)
{
    if (!x->cap)
        return -1;
    for (size_t j = h & (x->cap - 1); x->slot[j]; j = (j + 1) & (x->cap - 1))
        if (eq(a, x->slot[j] - 1, key))
            return x->slot[j] - 1;
    return -1;
}

/* Adds element v (hash h, not yet in x); -1 when out of memory. */
static int idx_add(const bc_agg *a, agg_index *x, size_t h, int v,
                   idx_hash_fn hash_of)
{
    if (x->n + 1 > x->cap / 2) {
        if (x->cap > SIZE_MAX / 2 / sizeof *x->slot)
            return -1;
        size_t cap = x->cap ? x->cap * 2 : 64;
        int *s = calloc(cap, sizeof *s);
        if (!s)
            return -1;
        for (size_t i = 0; i < x->cap; i++) {
            if (!x->slot[i])
                continue;
            size_t j = hash_of(a, x->slot[i] - 1) & (cap - 1);
            while (s[j])
                j = (j + 1) & (cap - 1);
            s[j] = x->slot[i];
        }
        free(x->slot);
        x->slot = s;
        x->cap = cap;
    }
    size_t j = h & (x->cap - 1);
    while (x->slot[j])
        j = (j + 1) & (x->cap - 1);
    x->slot[j] = v + 1;
    x->n++;
    return 0;
}

/* Empties x, keeping its slots. */
static void idx_clear(agg_index *x)
{
    if (x->cap)
        memset(x->slot, 0, x->cap * sizeof *x->slot);
    x->n = 0;
}

static int rec_eq(const bc_agg *a, int v, const void *key)
{
    return strcmp(a->recs[v].appno, key) == 0;
}

static size_t rec_hash(const bc_agg *a, int v)
{
    return hash_str(a->recs[v].appno);
}

static int str_eq(const bc_agg *a, int v, const void *key)
{
    return strcmp(a->strs[v].s, key) == 0;
}

static size_t str_hash(const bc_agg *a, int v)
{
    return hash_str(a->strs[v].s);
}

static int unit_eq(const bc_agg *a, int v, const void *key)
{
    return strcmp(a->p->units[v].code, key) == 0;
}

static size_t unit_hash(const bc_agg *a, int v)
{
    return hash_str(a->p->units[v].code);
}

static int held_eq(const bc_agg *a, int v, const void *key)
{
    return strcmp(a->files[a->held[v]->file].unit, key) == 0;
}

static size_t held_hash(const bc_agg *a, int v)
{
    return hash_str(a->files[a->held[v]->file].unit);
}

static int mark_eq(const bc_agg *a, int v, const void *key)
{
    return strcmp(a->marks[v].key, key) == 0;
}

static size_t mark_hash(const bc_agg *a, int v)
{
    return hash_str(a->marks[v].key);
}

static int mark_unit_eq(const bc_agg *a, int v, const void *key)
{
    const agg_mark_unit *k = key;
    return a->mark_units[v].mark == k->mark && a->mark_units[v].unit == k->unit;
}

static size_t mark_unit_hash(const bc_agg *a, int v)
{
    return hash_pair(a->mark_units[v].mark, a->mark_units[v].unit);
}

/* A copy of s in the aggregator's arena; NULL for NULL or when out of
 * memory. */
static const char *adup(bc_agg *a, const char *s)
{
    return s ? arena_strdup(a->arena, s) : NULL;
}

/* The aggregator's one copy of string s in *out (NULL for NULL): equal
 * strings share it.  -1 when out of memory. */
static int intern_id(bc_agg *a, const char *s, str_id *out)
{
    *out = 0;
    if (!s)
        return 0;
    size_t h = hash_str(s);
    int i = idx_find(a, &a->str_idx, h, str_eq, s);
    if (i >= 0) {
        *out = (str_id)i + 1;
        return 0;
    }
    if (a->n_strs >= UINT32_MAX - 1 || GROW(a, strs, n_strs, cap_strs) != 0)
        return -1;
    const char *c = arena_strdup(a->arena, s);
    if (!c)
        return -1;
    a->strs[a->n_strs].s = c;
    a->strs[a->n_strs].fold = NULL;
    a->strs[a->n_strs].folded = 0;
    if (idx_add(a, &a->str_idx, h, (int)a->n_strs, str_hash) != 0)
        return -1;
    *out = (str_id)++a->n_strs;
    return 0;
}

/* The interned string of id (NULL for 0). */
static const char *str_at(const bc_agg *a, str_id id)
{
    return id ? a->strs[id - 1].s : NULL;
}

/* intern_id, giving the string itself. */
static int intern(bc_agg *a, const char *s, const char **out)
{
    str_id id;
    int rc = intern_id(a, s, &id);
    *out = str_at(a, id);
    return rc;
}

/* The index of the plan unit of a code, or -1. */
static int unit_index(const bc_agg *a, const char *code)
{
    return code ? idx_find(a, &a->unit_idx, hash_str(code), unit_eq, code) : -1;
}

int agg_year_of(const plan *p, bc_date dt)
{
    return date_period_year(dt, p->period_month, p->period_day);
}

bc_agg *agg_new(const plan *p, int year)
{
    bc_agg *a = calloc(1, sizeof *a);
    if (!a)
        return NULL;
    a->p = p;
    a->year = year;
    a->detail_limit = AGG_DETAIL_LIMIT;
    a->n_years = year >= p->start_year ? year - p->start_year + 1 : 0;
    a->arena = arena_new();
    size_t ny = (size_t)(a->n_years ? a->n_years : 1);
    a->n_tasks = p->n_tasks_a + p->n_tasks_b;
    size_t nt = a->n_tasks ? a->n_tasks : 1;
    if (nt > SIZE_MAX / ny)
        goto fail;
    a->money = calloc(nt * ny, sizeof *a->money);
    a->acts = calloc(nt * ny, sizeof *a->acts);
    a->pl1 = pl1_new(p);
    a->snap_upto = p->start_year - 1;
    if (p->n_targets > SIZE_MAX / ny)
        a->snap = NULL;
    else
        a->snap = calloc(p->n_targets * ny + 1, sizeof *a->snap);
    /* kinds are held in a signed char, Phụ lục 1 entries in an unsigned
     * short (agg_record) */
    if (!a->arena || !a->money || !a->acts || !a->pl1 || !a->snap ||
        p->n_units >= INT_MAX || p->n_kinds > SCHAR_MAX ||
        p->n_protected >= USHRT_MAX)
        goto fail;
    /* plan unit codes are distinct (plan_load rejects a plan where they
     * are not): the first one wins, as in plan_unit_find */
    for (size_t u = 0; u < p->n_units; u++) {
        const char *code = p->units[u].code;
        if (!code || unit_index(a, code) >= 0)
            continue;
        if (idx_add(a, &a->unit_idx, hash_str(code), (int)u, unit_hash) != 0)
            goto fail;
    }
    return a;
fail:
    agg_free(a);
    return NULL;
}

void agg_free(bc_agg *a)
{
    if (!a)
        return;
    pl1_free(a->pl1);
    free(a->snap);
    for (size_t i = 0; i < a->n_held; i++)
        free(a->held[i]);
    for (size_t i = 0; i < a->n_marks; i++)
        sb_release(&a->marks[i].units);
    free(a->held);
    free(a->held_idx.slot);
    free(a->files);
    free(a->srcs);
    free(a->recs);
    free(a->rec_idx.slot);
    free(a->marks);
    free(a->mark_idx.slot);
    free(a->mark_units);
    free(a->mark_unit_idx.slot);
    free(a->narrs);
    free(a->repls);
    free(a->unit_idx.slot);
    free(a->strs);
    free(a->str_idx.slot);
    free(a->money);
    free(a->acts);
    for (int l = 0; l < LIST__COUNT; l++)
        free(a->items[l]);
    free(a->ufs);
    free(a->ucs);
    free(a->uws);
    free(a->uw_tasks);
    counts_free(&a->built);
    arena_free(a->arena);
    free(a);
}

void agg_set_detail_limit(bc_agg *a, size_t limit)
{
    a->detail_limit = limit;
}

/* The combined index of a task id (A tasks first, then B), or -1. */
static int task_index(const plan *p, const char *id)
{
    const plan_task_a *ta = plan_task_a_find(p, id);
    if (ta)
        return (int)(ta - p->tasks_a);
    const plan_task_b *tb = plan_task_b_find(p, id);
    if (tb)
        return (int)(p->n_tasks_a + (size_t)(tb - p->tasks_b));
    return -1;
}

/* The money / activity cell of combined task t in plan year index yi. */
#define MONEY(a, t, yi) (&(a)->money[(size_t)(t) * (size_t)(a)->n_years + (size_t)(yi)])
#define ACTS(a, t, yi) (&(a)->acts[(size_t)(t) * (size_t)(a)->n_years + (size_t)(yi)])
/* ... of part B task tb */
#define MONEY_B(a, tb, yi) MONEY(a, (a)->p->n_tasks_a + (tb), yi)

static int year_index(const bc_agg *a, int y)
{
    int i = y - a->p->start_year;
    return (i >= 0 && i < a->n_years) ? i : -1;
}

/* The record of an application number, created when new (*created=1).
 * NULL when out of memory. */
static agg_record *record_get(bc_agg *a, const char *appno, int *created)
{
    size_t h = hash_str(appno);
    int i = idx_find(a, &a->rec_idx, h, rec_eq, appno);
    if (i >= 0) {
        *created = 0;
        return &a->recs[i];
    }
    if (GROW(a, recs, n_recs, cap_recs) != 0)
        return NULL;
    agg_record *r = &a->recs[a->n_recs];
    memset(r, 0, sizeof *r);
    r->appno = arena_strdup(a->arena, appno);
    if (!r->appno)
        return NULL;
    r->first_src = r->last_src = -1;
    r->kind = -1;
    if (idx_add(a, &a->rec_idx, h, (int)a->n_recs, rec_hash) != 0)
        return NULL;
    a->n_recs++;
    *created = 1;
    return r;
}

/* The name of a unit by code: the plan's name, else the code itself. */
static const char *unit_name(const bc_agg *a, const char *code)
{
    int u = unit_index(a, code);
    return u >= 0 ? a->p->units[u].name : (code ? code : "");
}

static const char *file_unit_name(const bc_agg *a, int file)
{
    const agg_file *f = &a->files[file];
    return f->pu >= 0 ? a->p->units[f->pu].name : (f->unit ? f->unit : "");
}

/* --- adding files --------------------------------------------------------- */

static int status_rank(rec_status st)
{
    switch (st) {
    case REC_GRANTED: return 3;
    case REC_REFUSED: return 2;
    case REC_FILED: return 1;
    default: return 0;
    }
}

static bc_loc src_loc(const bc_agg *a, const agg_source *s)
{
    bc_loc at = {a->files[s->file].path, s->cell ? 0 : s->line, s->cell};
    return at;
}

/* The finding of a record's Phụ lục 1 verdict v on entry pp. */
static void pl1_report(const bc_agg *a, pl1_verdict v, const plan_protected *pp,
                       const char *found, const bc_loc *at, bc_diag *d)
{
    char entry[300];
    snprintf(entry, sizeof entry, "%s – %s (Phụ lục 1, %s số %d, năm %d)",
             pp->name, pp->product ? pp->product : "",
             a->p->kinds[pp->kind].name, pp->no, pp->year);
    if (v == PL1_EXISTING)
        diag_add(d, BC_SEV_WARNING, "PL1-EXISTING", at, found, entry,
                 "đối tượng đã được bảo hộ trước Đề án (Phụ lục 1), không "
                 "tính là bảo hộ mới");
    else if (v == PL1_POSSIBLE)
        diag_add(d, BC_SEV_WARNING, "PL1-POSSIBLE", at, found, entry,
                 "đối tượng có thể là đối tượng đã được bảo hộ trước Đề án "
                 "(Phụ lục 1) ghi theo cách khác; chưa tính là bảo hộ mới, "
                 "cần Sở Khoa học và Công nghệ xác minh");
    else if (v == PL1_OTHER_PRODUCT)
        diag_add(d, BC_SEV_NOTE, "PL1-OTHER-PRODUCT", at, found, entry,
                 "cùng tên với đối tượng đã được bảo hộ trước Đề án (Phụ lục "
                 "1) nhưng cho sản phẩm khác: tính là bảo hộ mới");
}

/* Merges one record of an accepted submission. */
static bc_status merge_record(bc_agg *a, int file, const held_rec *sr,
                              bc_diag *d)
{
    const agg_file *f = &a->files[file];
    int created;
    agg_record *r = record_get(a, sr->appno, &created);
    if (!r)
        return BC_ERR_NOMEM;
    /* the same number twice in one file is one source, not a duplicate
     * across units (reading f); validation warned (DUP-IN-FILE) */
    for (int k = created ? -1 : r->first_src; k >= 0; k = a->srcs[k].next)
        if (a->srcs[k].file == file)
            return BC_OK;
    if (GROW(a, srcs, n_srcs, cap_srcs) != 0)
        return BC_ERR_NOMEM;
    agg_source *s = &a->srcs[a->n_srcs];
    s->file = file;
    s->line = sr->line;
    s->cell = str_at(a, sr->cell);
    s->status = sr->status;
    s->next = -1;
    int si = (int)a->n_srcs++;
    bc_loc here = src_loc(a, s);

    if (!created) {
        /* the same application reported again */
        for (int k = r->first_src; k >= 0; k = a->srcs[k].next) {
            const agg_source *o = &a->srcs[k];
            const agg_file *of = &a->files[o->file];
            if (of->cycle == f->cycle && of->unit && f->unit &&
                strcmp(of->unit, f->unit) != 0) {
                char other[512];
                bc_loc ol = src_loc(a, o);
                snprintf(other, sizeof other, "%s (%s:%s)",
                         file_unit_name(a, o->file), of->path,
                         ol.cell ? ol.cell : "");
                if (!ol.cell)
                    snprintf(other, sizeof other, "%s (%s:%u)",
                             file_unit_name(a, o->file), of->path, ol.line);
                diag_add(d, BC_SEV_WARNING, "DUP-APPNO", &here, sr->appno,
                         "mỗi đơn chỉ do một đơn vị báo cáo",
                         "số đơn đã được %s báo cáo trong cùng kỳ; chỉ tính "
                         "một lần",
                         other);
                break;
            }
        }
        if (r->kind != sr->kind) {
            diag_add(d, BC_SEV_WARNING, "DUP-CONFLICT", &here,
                     a->p->kinds[sr->kind].code, a->p->kinds[r->kind].code,
                     "số đơn %s đã được báo cáo với loại đối tượng khác; "
                     "giữ loại của báo cáo mới nhất",
                     sr->appno);
        } else if (r->filed && sr->filed && r->filed != sr->filed) {
            char f1[11], f2[11];
            diag_add(d, BC_SEV_WARNING, "DUP-CONFLICT", &here,
                     date_format_vn(sr->filed, f1),
                     date_format_vn(r->filed, f2),
                     "số đơn %s đã được báo cáo với ngày nộp đơn khác",
                     sr->appno);
        }
        a->srcs[r->last_src].next = si;
        r->last_src = si;
    } else {
        r->first_src = r->last_src = si;
    }
    r->n_src++;

    /* the latest cycle wins; within it the most advanced status.  A
     * later listing never moves the record back to an earlier status (a
     * stale "filed" listing after the grant: reading i) */
    int rank = f->cycle * 4 + status_rank(sr->status);
    rec_status was = created ? REC__UNKNOWN : (rec_status)r->status;
    if (created || rank >= r->rank) {
        r->rank = rank;
        r->kind = sr->kind;
        r->status = sr->status;
        if (sr->filed)
            r->filed = sr->filed;
        if (sr->granted)
            r->granted = sr->granted;
        if (sr->certificate &&
            !(r->certificate && strcmp(r->certificate, sr->certificate) == 0)) {
            r->certificate = adup(a, sr->certificate);
            if (!r->certificate)
                return BC_ERR_NOMEM;
        }
        r->name = sr->name ? sr->name : r->name;
        r->product = sr->product ? sr->product : r->product;
        r->owner = sr->owner ? sr->owner : r->owner;
        r->place = sr->place ? sr->place : r->place;
        r->task = sr->task ? sr->task : r->task;
        if (status_rank(was) > status_rank(sr->status))
            r->status = (unsigned char)was;
    } else {
        if (!r->filed && sr->filed)
            r->filed = sr->filed;
        if (!r->granted && sr->granted)
            r->granted = sr->granted;
    }

    /* a "new" protection that Phụ lục 1 lists as protected before the
     * plan, or probably lists under another wording (pl1.h) */
    if (sr->status == REC_GRANTED) {
        const char *name = str_at(a, sr->name), *product = str_at(a, sr->product);
        const plan_protected *pp = NULL;
        int oom = 0;
        pl1_verdict v = pl1_classify(a->pl1, sr->kind, name, product, &pp,
                                     &oom);
        if (oom)
            return BC_ERR_NOMEM;
        if (v > r->pl1_how) {
            pl1_report(a, v, pp, name ? name : product, &here, d);
            r->pl1_how = (unsigned char)v;
            r->pl1 = (unsigned short)(pp - a->p->protected_ + 1);
        }
    }
    return BC_OK;
}

/* Adds unit (interned) to mark m's list of units unless already there. */
static bc_status mark_add_unit(bc_agg *a, int mi, const char *unit, int pu)
{
    agg_mark *m = &a->marks[mi];
    if (pu < 0 || m->odd_units) {
        /* a code not in the plan (only when the caller did not validate)
         * may hold spaces or commas: the list itself says whether the
         * unit is there */
        m->odd_units |= pu < 0;
        const char *s = sb_str(&m->units);
        size_t n = strlen(unit);
        for (const char *p = s; (p = strstr(p, unit)) != NULL; p += n)
            if ((p == s || p[-1] == ' ') && (p[n] == ',' || p[n] == '\0'))
                return BC_OK;
    } else {
        /* plan unit codes have no spaces or commas: a set of (mark,
         * unit) pairs says the same as the list, without reading it */
        agg_mark_unit k = {mi, unit};
        size_t h = hash_pair(mi, unit);
        if (idx_find(a, &a->mark_unit_idx, h, mark_unit_eq, &k) >= 0)
            return BC_OK;
        if (GROW(a, mark_units, n_mark_units, cap_mark_units) != 0)
            return BC_ERR_NOMEM;
        a->mark_units[a->n_mark_units] = k;
        if (idx_add(a, &a->mark_unit_idx, h, (int)a->n_mark_units,
                    mark_unit_hash) != 0)
            return BC_ERR_NOMEM;
        a->n_mark_units++;
    }
    if (m->units.len)
        sb_adds(&m->units, ", ");
    sb_adds(&m->units, unit);
    return m->units.failed ? BC_ERR_NOMEM : BC_OK;
}

static bc_status merge_support(bc_agg *a, int file, const held_sup *sp)
{
    const agg_file *f = &a->files[file];
    char *key = pl1_name_key(sp->mark);
    if (!key)
        return BC_ERR_NOMEM;
    int y = agg_year_of(a->p, sp->date);
    size_t h = hash_str(key);
    int mi = idx_find(a, &a->mark_idx, h, mark_eq, key);
    if (mi < 0) {
        if (GROW(a, marks, n_marks, cap_marks) != 0) {
            free(key);
            return BC_ERR_NOMEM;
        }
        agg_mark *m = &a->marks[a->n_marks];
        memset(m, 0, sizeof *m);
        m->key = adup(a, key);
        m->name = sp->mark;
        m->kind = sp->kind;
        m->first_year = y;
        m->file = file;
        m->line = sp->line;
        m->cell = sp->cell;
        if (!m->key ||
            idx_add(a, &a->mark_idx, h, (int)a->n_marks, mark_hash) != 0) {
            free(key);
            return BC_ERR_NOMEM;
        }
        mi = (int)a->n_marks++;
    }
    free(key);
    agg_mark *m = &a->marks[mi];
    if (y < m->first_year)
        m->first_year = y;
    if (y == a->year)
        m->this_year = 1;
    return f->unit ? mark_add_unit(a, mi, f->unit, f->pu) : BC_OK;
}

/* A granted record's wording key, for finding the record a mark names. */
typedef struct granted_key {
    const char *key;      /* pl1_name_key of its name (malloc'ed) */
    int kind;
    size_t rec;
} granted_key;

static int cmp_granted_key(const void *x, const void *y)
{
    const granted_key *a = x, *b = y;
    if (a->kind != b->kind)
        return a->kind < b->kind ? -1 : 1;
    int c = strcmp(a->key, b->key);
    if (c)
        return c;
    return a->rec < b->rec ? -1 : a->rec > b->rec;
}

/* The first granted record (in order of creation) of kind `kind` named
 * key, among keys[0..n) sorted by cmp_granted_key; NULL if none. */
static const granted_key *granted_find(const granted_key *keys, size_t n,
                                       int kind, const char *key)
{
    size_t lo = 0, hi = n;
    while (lo < hi) { /* the first element not below (kind, key, 0) */
        size_t mid = lo + (hi - lo) / 2;
        int c = keys[mid].kind != kind ? (keys[mid].kind < kind ? -1 : 1)
                                       : strcmp(keys[mid].key, key);
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && keys[lo].kind == kind && strcmp(keys[lo].key, key) == 0
               ? &keys[lo] : NULL;
}

typedef struct mark_ident { const char *ident; size_t mark; } mark_ident;

static int cmp_mark_ident(const void *x, const void *y)
{
    const mark_ident *a = x, *b = y;
    int c = strcmp(a->ident, b->ident);
    return c ? c : (a->mark < b->mark ? -1 : a->mark > b->mark);
}

/* Gives every supported mark its identity (reading b): the Phụ lục 1 entry
 * its wording names (pl1_mark_entry), else the first granted record of its
 * kind with the same name; the marks of one identity get the same rep.  A
 * mark of neither is not known to be protected: SUPPORT-UNKNOWN-MARK, it
 * is listed and not counted. */
static bc_status mark_resolve(bc_agg *a, bc_diag *d)
{
    bc_status st = BC_ERR_NOMEM;
    size_t n_keys = 0;
    granted_key *keys = NULL;
    mark_ident *ids = NULL;
    if (!a->n_marks || a->marks_resolved)
        return BC_OK;
    a->marks_resolved = 1;
    uint32_t kinds = 0;
    for (size_t i = 0; i < a->n_marks; i++)
        kinds |= 1u << a->marks[i].kind;
    keys = calloc(a->n_recs ? a->n_recs : 1, sizeof *keys);
    ids = calloc(a->n_marks, sizeof *ids);
    if (!keys || !ids)
        goto out;
    for (size_t i = 0; i < a->n_recs; i++) {
        const agg_record *r = &a->recs[i];
        if (r->status != REC_GRANTED || !r->name || r->kind < 0 ||
            !(kinds & (1u << r->kind)))
            continue;
        if (!(keys[n_keys].key = pl1_name_key(str_at(a, r->name))))
            goto out;
        keys[n_keys].kind = r->kind;
        keys[n_keys++].rec = i;
    }
    qsort(keys, n_keys, sizeof *keys, cmp_granted_key);
    for (size_t i = 0; i < a->n_marks; i++) {
        agg_mark *m = &a->marks[i];
        int oom = 0;
        const plan_protected *pp = pl1_mark_entry(a->pl1, m->kind, m->name,
                                                  &oom);
        char buf[320];
        if (oom)
            goto out;
        if (pp) {
            snprintf(buf, sizeof buf, "%s (%d)", pp->name, pp->year);
            m->pl1 = adup(a, buf);
            snprintf(buf, sizeof buf, "P%d", (int)(pp - a->p->protected_));
            m->ident = adup(a, buf);
        } else {
            const granted_key *g = granted_find(keys, n_keys, m->kind, m->key);
            if (g) {
                m->known_as = a->recs[g->rec].appno;
                snprintf(buf, sizeof buf, "A%s", a->recs[g->rec].appno);
                m->ident = adup(a, buf);
            }
        }
        if ((pp || m->known_as) && (!(m->pl1 || m->known_as) || !m->ident))
            goto out;
        if (!m->ident) {
            const agg_file *f = &a->files[m->file];
            bc_loc at = {f->path, m->cell ? 0 : m->line, m->cell};
            size_t before = diag_count(d);
            diag_add(d, BC_SEV_WARNING, "SUPPORT-UNKNOWN-MARK", &at, m->name,
                     "nhãn hiệu đã được bảo hộ (Phụ lục 1 hoặc đã cấp bằng)",
                     "nhãn hiệu được hỗ trợ phát triển không có trong danh sách "
                     "đã được bảo hộ: không tính vào chỉ tiêu hỗ trợ phát triển "
                     "nhãn hiệu");
            diag_set_context(d, before, f->unit, f->cycle);
        }
        m->rep = (int)i;
        ids[i].ident = m->ident ? m->ident : "";
        ids[i].mark = i;
    }
    qsort(ids, a->n_marks, sizeof *ids, cmp_mark_ident);
    for (size_t i = 1; i < a->n_marks; i++)
        if (ids[i].ident[0] && strcmp(ids[i].ident, ids[i - 1].ident) == 0)
            a->marks[ids[i].mark].rep = a->marks[ids[i - 1].mark].rep;
    /* the first mark of an identity holds what all its wordings did */
    for (size_t i = 0; i < a->n_marks; i++) {
        const agg_mark *m = &a->marks[i];
        agg_mark *r = &a->marks[m->rep];
        if (m->rep == (int)i)
            continue;
        if (m->first_year < r->first_year)
            r->first_year = m->first_year;
        r->this_year |= m->this_year;
        char *units = bc_strdup(sb_str(&m->units));
        if (!units)
            goto out;
        for (char *u = strtok(units, ","); u; u = strtok(NULL, ",")) {
            const char *code;
            while (*u == ' ')
                u++;
            if (intern(a, u, &code) != 0 ||
                mark_add_unit(a, m->rep, code, unit_index(a, code)) != BC_OK) {
                free(units);
                goto out;
            }
        }
        free(units);
    }
    st = BC_OK;
out:
    for (size_t i = 0; keys && i < n_keys; i++)
        free((char *)keys[i].key);
    free(keys);
    free(ids);
    return st;
}

/* The work record of the plan unit of file, made on first use; NULL for a
 * unit not in the plan (or *st = BC_ERR_NOMEM). */
static unit_work *unit_work_of(bc_agg *a, int file, bc_status *st)
{
    int pu = a->files[file].pu;
    if (pu < 0 || a->n_years == 0)
        return NULL;
    if (!a->uws) {
        size_t nu = a->p->n_units ? a->p->n_units : 1;
        size_t nt = a->n_tasks ? a->n_tasks : 1;
        a->uws = calloc(nu, sizeof *a->uws);
        a->uw_tasks = nu <= SIZE_MAX / nt ? calloc(nu * nt, 1) : NULL;
        if (!a->uws || !a->uw_tasks) {
            free(a->uws);
            free(a->uw_tasks);
            a->uws = NULL;
            a->uw_tasks = NULL;
            *st = BC_ERR_NOMEM;
            return NULL;
        }
        for (size_t u = 0; u < a->p->n_units; u++)
            a->uws[u].tasks = a->uw_tasks + u * nt;
    }
    return &a->uws[pu];
}

/* Merges every winner of the cycle being read, then frees them. */
static bc_status flush_cycle(bc_agg *a, bc_diag *d)
{
    bc_status st = BC_OK;
    for (size_t h = 0; h < a->n_held && st == BC_OK; h++) {
        held *s = a->held[h];
        int file = s->file;
        int cyc = a->files[file].cycle;
        if (s->illustrative)
            a->illustrative = 1;
        size_t before = diag_count(d);
        for (size_t i = 0; i < s->n_recs && st == BC_OK; i++)
            st = merge_record(a, file, &s->recs[i], d);
        for (size_t i = 0; i < s->n_sups && st == BC_OK; i++)
            st = merge_support(a, file, &s->sups[i]);
        diag_set_context(d, before, a->files[file].unit, cyc);
        unit_work *uw = (st == BC_OK) ? unit_work_of(a, file, &st) : NULL;
        for (size_t i = 0; i < s->n_acts; i++) {
            const held_act *ac = &s->acts[i];
            if (uw && ac->yi == a->n_years - 1) {
                uw->activities++;
                uw->tasks[ac->task] = 1;
            }
            agg_act *x = ACTS(a, ac->task, ac->yi);
            x->activities++;
            x->quantity += ac->quantity;
            x->participants += ac->participants;
        }
        for (size_t i = 0; i < s->n_buds; i++) {
            const held_bud *b = &s->buds[i];
            agg_money *m = MONEY(a, b->task, b->yi);
            if (money_add(&m->allocated, b->allocated) ||
                money_add(&m->disbursed, b->disbursed))
                st = BC_ERR_LIMIT;
            m->any = 1;
            if (uw && b->yi == a->n_years - 1) {
                if (money_add(&uw->allocated, b->allocated) ||
                    money_add(&uw->disbursed, b->disbursed))
                    st = BC_ERR_LIMIT;
                uw->money = 1;
                uw->tasks[b->task] = 1;
            }
        }
        if (s->narrative) {
            if (GROW(a, narrs, n_narrs, cap_narrs) != 0) {
                st = BC_ERR_NOMEM;
                break;
            }
            agg_narr *n = &a->narrs[a->n_narrs++];
            n->unit = a->files[file].unit;
            n->pu = a->files[file].pu;
            n->results = adup(a, s->results);
            n->difficulties = adup(a, s->difficulties);
            n->proposals = adup(a, s->proposals);
            if ((s->results && !n->results) ||
                (s->difficulties && !n->difficulties) ||
                (s->proposals && !n->proposals))
                st = BC_ERR_NOMEM;
        }
        /* merged: its memory can hold the tables' growth.  The tables are
         * a few large blocks, which malloc maps apart from the heap the
         * held blocks are in, so the freed heap pages are handed back now
         * and then: without it a cycle's held copies (52 MB at 343,556
         * records) stay resident beside the tables made from them */
        free(s);
        a->held[h] = NULL;
#ifdef __GLIBC__
        if (h % 1024 == 1023)
            malloc_trim(0);
#endif
    }
    for (size_t h = 0; h < a->n_held; h++)
        free(a->held[h]);
    a->n_held = 0;
    idx_clear(&a->held_idx);
    return st;
}

/* *acc += n; -1 on overflow. */
static int size_add(size_t *acc, size_t n)
{
    if (n > SIZE_MAX - *acc)
        return -1;
    *acc += n;
    return 0;
}

/* Reserves n elements of size sz at the 16-byte aligned end of a block of
 * *size bytes: their offset in *off, *size grown.  -1 on overflow. */
static int size_array(size_t *size, size_t n, size_t sz, size_t *off)
{
    if (size_add(size, (16 - *size % 16) % 16) != 0 ||
        (sz && n > SIZE_MAX / sz))
        return -1;
    *off = *size;
    return size_add(size, n * sz);
}

/* Adds the size of string s with its terminator to *size. */
static int size_str(size_t *size, const char *s)
{
    return s ? size_add(size, strlen(s) + 1) : 0;
}

/* Copies s to *pos (advanced) and returns the copy; NULL for NULL. */
static const char *put_str(char **pos, const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *c = *pos;
    memcpy(c, s, n);
    *pos += n;
    return c;
}

/* The quantity an activity adds to its task: classes, tasks or
 * activities, as the task measures. */
static size_t act_quantity(const plan *p, int t, const sub_activity *ac)
{
    const plan_activity_kind *k = plan_activity_kind_find(p, ac->kind.s);
    plan_act_counts adds = k ? k->counts : ACT_COUNTS_ONE;
    const char *measure = (size_t)t < p->n_tasks_a ? p->tasks_a[t].measure : NULL;
    if (measure && strcmp(measure, "classes") == 0) {
        /* one class only when the number is not given: 0 is 0 */
        if (adds == ACT_COUNTS_CLASSES)
            return ac->classes_v >= 0 ? (size_t)ac->classes_v : 1;
        return 0;
    }
    if (measure && strcmp(measure, "tasks") == 0)
        return adds == ACT_COUNTS_TASKS;
    return 1;
}

/* What the aggregate needs of accepted submission s of file `file`, in
 * one block the caller frees; NULL when out of memory. */
static held *held_new(bc_agg *a, int file, const submission *s)
{
    const plan *p = a->p;
    int cyc = a->files[file].cycle;
    int yi = year_index(a, cyc);
    int narrative = cyc == a->year &&
                    (s->results.s || s->difficulties.s || s->proposals.s);
    size_t n_recs = 0, n_sups = 0;
    size_t size = sizeof(held), o_recs, o_sups, o_acts, o_buds;
    for (size_t i = 0; i < s->n_records; i++) {
        const sub_record *r = &s->records[i];
        if (!r->appno_v || r->kind_v < 0)
            continue;
        n_recs++;
        if (size_str(&size, r->appno_v) || size_str(&size, r->certificate.s))
            return NULL;
    }
    for (size_t i = 0; i < s->n_supports; i++) {
        const sub_support *sp = &s->supports[i];
        n_sups += sp->mark.s && sp->kind_v >= 0 && sp->date_v;
    }
    if ((narrative && (size_str(&size, s->results.s) ||
                       size_str(&size, s->difficulties.s) ||
                       size_str(&size, s->proposals.s))) ||
        size_array(&size, n_recs, sizeof(held_rec), &o_recs) ||
        size_array(&size, n_sups, sizeof(held_sup), &o_sups) ||
        size_array(&size, yi >= 0 ? s->n_activities : 0, sizeof(held_act),
                   &o_acts) ||
        size_array(&size, yi >= 0 ? s->n_budget : 0, sizeof(held_bud),
                   &o_buds))
        return NULL;
    unsigned char *block = malloc(size);
    if (!block)
        return NULL;
    held *h = (held *)(void *)block;
    memset(h, 0, sizeof *h);
    h->file = file;
    h->illustrative = s->illustrative_v;
    h->narrative = narrative;
    h->recs = (held_rec *)(void *)(block + o_recs);
    h->sups = (held_sup *)(void *)(block + o_sups);
    h->acts = (held_act *)(void *)(block + o_acts);
    h->buds = (held_bud *)(void *)(block + o_buds);
    char *strs = (char *)block + sizeof(held);
    int failed = 0;

    for (size_t i = 0; i < s->n_records && !failed; i++) {
        const sub_record *r = &s->records[i];
        if (!r->appno_v || r->kind_v < 0)
            continue;
        held_rec *x = &h->recs[h->n_recs++];
        x->appno = put_str(&strs, r->appno_v);
        x->certificate = put_str(&strs, r->certificate.s);
        x->line = r->at.line;
        x->kind = r->kind_v;
        x->status = r->status_v;
        x->filed = r->filed_v;
        x->granted = r->granted_v;
        failed = intern_id(a, r->at.cell, &x->cell) ||
                 intern_id(a, r->name.s, &x->name) ||
                 intern_id(a, r->product.s, &x->product) ||
                 intern_id(a, r->owner.s, &x->owner) ||
                 intern_id(a, r->place.s, &x->place) ||
                 intern_id(a, r->task.s, &x->task);
    }
    for (size_t i = 0; i < s->n_supports && !failed; i++) {
        const sub_support *sp = &s->supports[i];
        if (!sp->mark.s || sp->kind_v < 0 || !sp->date_v)
            continue;
        held_sup *x = &h->sups[h->n_sups++];
        x->line = sp->at.line;
        x->kind = sp->kind_v;
        x->date = sp->date_v;
        failed = intern(a, sp->mark.s, &x->mark) ||
                 intern(a, sp->at.cell, &x->cell);
    }
    for (size_t i = 0; i < s->n_activities && yi >= 0; i++) {
        const sub_activity *ac = &s->activities[i];
        int t = task_index(p, ac->task_v);
        int ayi = year_index(a, ac->date_v ? agg_year_of(p, ac->date_v) : cyc);
        if (t < 0 || ayi < 0)
            continue;
        held_act *x = &h->acts[h->n_acts++];
        x->task = t;
        x->yi = ayi;
        x->quantity = act_quantity(p, t, ac);
        x->participants = ac->participants_v > 0 ? (size_t)ac->participants_v : 0;
    }
    for (size_t i = 0; i < s->n_budget && yi >= 0; i++) {
        const sub_budget *b = &s->budget[i];
        int t = task_index(p, b->task_v);
        if (t < 0 || !b->amounts_ok)
            continue;
        held_bud *x = &h->buds[h->n_buds++];
        x->task = t;
        x->yi = yi;
        x->allocated = b->allocated_v;
        x->disbursed = b->disbursed_v;
    }
    if (narrative) {
        h->results = put_str(&strs, s->results.s);
        h->difficulties = put_str(&strs, s->difficulties.s);
        h->proposals = put_str(&strs, s->proposals.s);
    }
    if (failed) {
        free(block);
        return NULL;
    }
    return h;
}

static bc_status counts_make(const bc_agg *a, counts *c);
static size_t target_value(const bc_agg *a, const plan_target *tg,
                           const counts *c, int yi, int with_marks,
                           size_t *vf, size_t *vg);

/* Takes the snapshot of every plan year after snap_upto up to `upto`
 * (and before the report year) from the records merged so far: what each
 * year's own report gave.  T8 is left out (its marks are resolved only
 * at the end).  BC_ERR_NOMEM or BC_OK. */
static bc_status snapshot(bc_agg *a, int upto)
{
    if (upto >= a->year)
        upto = a->year - 1;
    if (upto <= a->snap_upto)
        return BC_OK;
    counts c = {0};
    if (counts_make(a, &c) != BC_OK)
        return BC_ERR_NOMEM;
    for (int y = a->snap_upto + 1; y <= upto; y++) {
        int yi = year_index(a, y);
        for (size_t t = 0; t < a->p->n_targets && yi >= 0; t++)
            a->snap[t * (size_t)a->n_years + (size_t)yi] =
                target_value(a, &a->p->targets[t], &c, yi, 0, NULL, NULL);
    }
    a->snap_upto = upto;
    counts_free(&c);
    return BC_OK;
}

bc_status agg_add_file(bc_agg *a, const char *path, int cycle, submission *s,
                       const bc_verdict *v, bc_diag *d)
{
    bc_status st = BC_OK;
    if (a->n_files && cycle != a->cur_cycle) {
        st = flush_cycle(a, d);
        if (st != BC_OK)
            goto fail;
    }
    /* every earlier year's own report is complete now */
    if ((st = snapshot(a, cycle - 1)) != BC_OK)
        goto fail;
    a->cur_cycle = cycle;
    if (GROW(a, files, n_files, cap_files) != 0) {
        st = BC_ERR_NOMEM;
        goto fail;
    }
    agg_file *f = &a->files[a->n_files];
    memset(f, 0, sizeof *f);
    f->path = adup(a, path);
    f->cycle = cycle;
    f->pu = -1;
    f->replaced_by = -1;
    f->errors = v->errors;
    f->warnings = v->warnings;
    const char *unit = s ? (s->unit_v ? s->unit_v : s->unit.s)
                         : (v->unit[0] ? v->unit : NULL);
    if (!s && unit) {
        /* as validation reads it: a commune code typed as a number lost
         * its leading zeros ("6004" is 06004) */
        const plan_unit *pu = plan_unit_find_typed(a->p, unit);
        if (pu)
            unit = pu->code;
    }
    if (intern(a, unit, &f->unit) != 0) {
        st = BC_ERR_NOMEM;
        goto fail;
    }
    if (f->unit)
        f->pu = unit_index(a, f->unit);
    if (s) {
        f->date = s->date_v;
        f->records = s->n_records;
    }
    f->status = (s && v->kind == BC_VERDICT_ACCEPTED) ? FILE_ACCEPTED
                                                     : FILE_REJECTED;
    int fi = (int)a->n_files++;
    if (!f->path && path) {
        st = BC_ERR_NOMEM;
        goto fail;
    }
    if (f->status != FILE_ACCEPTED || !f->unit) {
        submission_free(s);
        return BC_OK;
    }

    /* a later submission of the same unit for the same year replaces the
     * earlier one: later by the submission's own date, then by file name */
    size_t hu = hash_str(f->unit);
    int hi = idx_find(a, &a->held_idx, hu, held_eq, f->unit);
    if (hi >= 0) {
        int of = a->held[hi]->file;
        agg_file *old = &a->files[of];
        int newer = f->date > old->date ||
                    (f->date == old->date && strcmp(f->path, old->path) > 0);
        int keep = newer ? fi : of, drop = newer ? of : fi;
        a->files[drop].status = FILE_REPLACED;
        a->files[drop].replaced_by = keep;
        char d1[11], d2[11];
        bc_loc at = {a->files[drop].path, 0, NULL};
        char found[64];
        snprintf(found, sizeof found, "ngày %s",
                 a->files[drop].date ? date_format_vn(a->files[drop].date, d1)
                                     : "không ghi");
        char exp[600];
        snprintf(exp, sizeof exp, "%s (ngày %s)", a->files[keep].path,
                 a->files[keep].date ? date_format_vn(a->files[keep].date, d2)
                                     : "không ghi");
        size_t before = diag_count(d);
        diag_add(d, BC_SEV_NOTE, "REPLACED", &at, found, exp,
                 "báo cáo năm %d của %s được thay thế bởi báo cáo nộp sau",
                 cycle, unit_name(a, f->unit));
        diag_set_context(d, before, f->unit, cycle);
        if (GROW(a, repls, n_repls, cap_repls) != 0) {
            st = BC_ERR_NOMEM;
            goto fail;
        }
        a->repls[a->n_repls].kept = keep;
        a->repls[a->n_repls].replaced = drop;
        a->n_repls++;
        if (newer) {
            held *nh = held_new(a, fi, s);
            if (!nh) {
                st = BC_ERR_NOMEM;
                goto fail;
            }
            free(a->held[hi]);
            a->held[hi] = nh; /* same unit: the index stays right */
        }
        submission_free(s);
        return BC_OK;
    }
    if (a->n_held == a->cap_held) {
        if (a->cap_held > SIZE_MAX / 2 / sizeof *a->held ||
            a->n_held >= INT_MAX - 1) {
            st = BC_ERR_NOMEM;
            goto fail;
        }
        size_t nc = a->cap_held ? a->cap_held * 2 : 32;
        held **nh = realloc(a->held, nc * sizeof *nh);
        if (!nh) {
            st = BC_ERR_NOMEM;
            goto fail;
        }
        a->held = nh;
        a->cap_held = nc;
    }
    held *h = held_new(a, fi, s);
    if (!h) {
        st = BC_ERR_NOMEM;
        goto fail;
    }
    a->held[a->n_held] = h;
    if (idx_add(a, &a->held_idx, hu, (int)a->n_held, held_hash) != 0) {
        free(h);
        st = BC_ERR_NOMEM;
        goto fail;
    }
    a->n_held++;
    submission_free(s);
    return BC_OK;
fail:
    submission_free(s);
    return st;
}


/* Builds the aggregate document's elements: each long list, and each
 * list nested in a section (a revision's files, a theme's units), holds
 * at most `limit` items (0: all of them; cut_items). */
typedef struct builder {
    bc_agg *a;
    xmlDocPtr doc;
    int failed;
    size_t limit;
} builder;

static xmlNodePtr el(builder *b, xmlNodePtr parent, const char *name)
{
    xmlNodePtr n = xmlNewChild(parent, NULL, BAD_CAST name, NULL);
    if (!n)
        b->failed = 1;
    return n;
}

/* Attribute name="v" on n.  In a document with a dictionary the value is
 * the dictionary's copy, as libxml2's own parser does for short texts:
 * the values repeat (codes, statuses, unit names, small counts), and the
 * view's attributes are most of its memory.  libxml2 frees a text node's
 * content only when its document's dictionary does not own it. */
static void at_s(builder *b, xmlNodePtr n, const char *name, const char *v)
{
    if (!n || !v)
        return;
    xmlDictPtr dict = n->doc ? n->doc->dict : NULL;
    if (!dict) {
        if (!xmlNewProp(n, BAD_CAST name, BAD_CAST v))
            b->failed = 1;
        return;
    }
    const xmlChar *val = xmlDictLookup(dict, BAD_CAST v, -1);
    xmlNodePtr t = val ? xmlNewDocText(n->doc, NULL) : NULL;
    xmlAttrPtr a = t ? xmlNewProp(n, BAD_CAST name, NULL) : NULL;
    if (!a) {
        xmlFreeNode(t);
        b->failed = 1;
        return;
    }
    t->content = (xmlChar *)val;
    t->parent = (xmlNodePtr)a;
    a->children = a->last = t;
}

static void at_i(builder *b, xmlNodePtr n, const char *name, long long v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", v);
    at_s(b, n, name, buf);
}

static void at_m(builder *b, xmlNodePtr n, const char *name, bc_money v)
{
    char buf[BC_MONEY_BUF];
    at_s(b, n, name, money_format(v, buf));
}

static void at_b(builder *b, xmlNodePtr n, const char *name, int v)
{
    at_s(b, n, name, v ? "true" : "false");
}

static void at_d(builder *b, xmlNodePtr n, const char *name, bc_date v)
{
    char buf[11];
    if (v)
        at_s(b, n, name, date_format_iso(v, buf));
}

/* a decimal with `places` decimals; "-0.00" printed as "0.00" */
static void at_f(builder *b, xmlNodePtr n, const char *name, double v, int places)
{
    char buf[64];
    double r = pow(10, places);
    v = round(v * r) / r;
    if (v == 0)
        v = 0; /* no negative zero */
    snprintf(buf, sizeof buf, "%.*f", places, v);
    at_s(b, n, name, buf);
}

/* A ratio (a share, a rate: 0.85248 is 85.248 %), to 10 decimal places
 * without trailing zeros ("1", "0.85248"): templates round it once, at
 * the precision they print (issue 13 fault 6: rounding it here to 4
 * places and again in the template printed 85.248 % as 85.3 %). */
static void at_ratio(builder *b, xmlNodePtr n, const char *name, double v)
{
    char buf[64];
    v = round(v * 1e10) / 1e10;
    if (v == 0)
        v = 0; /* no negative zero */
    snprintf(buf, sizeof buf, "%.10f", v);
    char *e = buf + strlen(buf);
    while (e > buf && e[-1] == '0')
        *--e = '\0';
    if (e > buf && e[-1] == '.')
        *--e = '\0';
    at_s(b, n, name, buf);
}

/* the ratio num/den of two amounts; absent when den <= 0 */
static void at_ratio_m(builder *b, xmlNodePtr n, const char *name, bc_money num,
                       bc_money den)
{
    if (den <= 0)
        return;
    at_ratio(b, n, name, (double)num / (double)den);
}

/* How many of the n items of the list whose element is e the document
 * holds: all of them, or the builder's limit, e then saying count="N"
 * listed="L" (the "cut" attributes of aggregate.xsd). */
static size_t cut_items(builder *b, xmlNodePtr e, size_t n)
{
    if (!b->limit || n <= b->limit)
        return n;
    at_i(b, e, "count", (long long)n);
    at_i(b, e, "listed", (long long)b->limit);
    return b->limit;
}

static void text_child(builder *b, xmlNodePtr parent, const char *name,
                       const char *v)
{
    if (!v)
        return;
    xmlNodePtr n = xmlNewTextChild(parent, NULL, BAD_CAST name, BAD_CAST v);
    if (!n)
        b->failed = 1;
}

static const char *unit_type_name(plan_unit_type t)
{
    switch (t) {
    case UNIT_DISTRICT: return "district";
    case UNIT_COMMUNE: return "commune";
    case UNIT_DEPARTMENT: return "department";
    default: return "other";
    }
}

static void build_finding(builder *b, xmlNodePtr parent, const bc_finding *f)
{
    xmlNodePtr n = el(b, parent, "finding");
    at_s(b, n, "severity", diag_sev_name(f->sev));
    at_s(b, n, "code", f->code);
    at_s(b, n, "file", f->file);
    at_s(b, n, "place", f->place);
    at_s(b, n, "unit", f->unit);
    if (f->unit)
        at_s(b, n, "unit-name", unit_name(b->a, f->unit));
    if (f->cycle)
        at_i(b, n, "cycle", f->cycle);
    at_s(b, n, "message", f->message);
    at_s(b, n, "found", f->found);
    at_s(b, n, "expected", f->expected);
}

static size_t *cell(size_t *v, const bc_agg *a, int kind, int yi)
{
    return &v[(size_t)kind * (size_t)a->n_years + (size_t)yi];
}

/* 1 when supported mark m counts for T8: known to be protected, and the
 * first wording of its identity. */
static int mark_counted(const bc_agg *a, size_t m)
{
    return a->marks[m].ident && a->marks[m].rep == (int)m;
}

/* The five tables are one allocation, filed's. */
static void counts_free(counts *c)
{
    free(c->filed);
    memset(c, 0, sizeof *c);
}

/* The filing and grant events of the records held now, per kind and plan
 * year, into a new *c (counts_free); refused is zeroed, for the caller.
 * BC_ERR_NOMEM or BC_OK. */
static bc_status counts_make(const bc_agg *a, counts *c)
{
    const plan *p = a->p;
    /* kinds fit a signed char, years an int: no overflow */
    size_t cells = p->n_kinds * (size_t)(a->n_years ? a->n_years : 1);
    c->filed = calloc(5 * (cells ? cells : 1), sizeof(size_t));
    if (!c->filed)
        return BC_ERR_NOMEM;
    c->granted = c->filed + cells;
    c->refused = c->granted + cells;
    c->filed_new = c->refused + cells;
    c->granted_new = c->filed_new + cells;
    for (size_t i = 0; i < a->n_recs; i++) {
        const agg_record *r = &a->recs[i];
        int fy = r->filed ? year_index(a, agg_year_of(p, r->filed)) : -1;
        int gy = (r->status == REC_GRANTED && r->granted)
                     ? year_index(a, agg_year_of(p, r->granted)) : -1;
        if (r->kind < 0)
            continue;
        if (fy >= 0) {
            (*cell(c->filed, a, r->kind, fy))++;
            if (r->pl1_how < PL1_POSSIBLE)
                (*cell(c->filed_new, a, r->kind, fy))++;
        }
        if (gy >= 0) {
            (*cell(c->granted, a, r->kind, gy))++;
            if (r->pl1_how < PL1_POSSIBLE)
                (*cell(c->granted_new, a, r->kind, gy))++;
        }
    }
    return BC_OK;
}

/* The value of target tg in plan year index yi: its records' events in c
 * (applications in *vf, grants in *vg, both may be NULL) and, when
 * with_marks, the protected marks first supported that year. */
static size_t target_value(const bc_agg *a, const plan_target *tg,
                           const counts *c, int yi, int with_marks,
                           size_t *vf, size_t *vg)
{
    const plan *p = a->p;
    size_t f = 0, g = 0, v;
    for (size_t k = 0; k < p->n_kinds; k++) {
        if (!(tg->kinds & (1u << k)))
            continue;
        if (tg->counts & COUNT_FILED)
            f += *cell(tg->only_new ? c->filed_new : c->filed, a, (int)k, yi);
        if (tg->counts & COUNT_GRANTED)
            g += *cell(tg->only_new ? c->granted_new : c->granted, a, (int)k, yi);
    }
    v = f + g;
    if ((tg->counts & COUNT_SUPPORTED) && with_marks) {
        /* distinct protected marks, each in the year it was first
         * supported (reading b) */
        int y = p->start_year + yi;
        for (size_t m = 0; m < a->n_marks; m++)
            if (mark_counted(a, m) && a->marks[m].first_year == y &&
                (tg->kinds & (1u << a->marks[m].kind)))
                v++;
    }
    if (vf)
        *vf = f;
    if (vg)
        *vg = g;
    return v;
}

static void build_targets(builder *b, xmlNodePtr root, const counts *c)
{
    bc_agg *a = b->a;
    const plan *p = a->p;
    int total_years = p->end_year - p->start_year + 1;
    int elapsed = a->n_years;
    int remaining = p->end_year > a->year ? p->end_year - a->year : 0;
    xmlNodePtr ts = el(b, root, "targets");
    for (size_t t = 0; t < p->n_targets; t++) {
        const plan_target *tg = &p->targets[t];
        xmlNodePtr n = el(b, ts, "target");
        at_s(b, n, "id", tg->id);
        at_s(b, n, "type", tg->type == TARGET_RATE ? "rate" : "range");
        at_s(b, n, "name", tg->name);
        at_s(b, n, "measure", tg->measure);
        /* what it counts and the tasks serving it (plan links), for the
         * report's per-target lines */
        {
            bc_strbuf ks = BC_STRBUF_INIT;
            for (size_t k = 0; k < p->n_kinds && k < 32; k++)
                if (tg->kinds & (UINT32_C(1) << k)) {
                    if (ks.len)
                        sb_addc(&ks, ' ');
                    sb_adds(&ks, p->kinds[k].code);
                }
            if (ks.failed)
                b->failed = 1;
            else if (ks.len)
                at_s(b, n, "kinds", sb_str(&ks));
            sb_release(&ks);
        }
        at_s(b, n, "tasks", tg->tasks);
        /* value per plan year */
        size_t cum = 0, this_year = 0;
        size_t ny = (size_t)(a->n_years ? a->n_years : 1);
        size_t *vals = calloc(3 * ny, sizeof *vals);
        if (!vals) {
            b->failed = 1;
            return;
        }
        /* a target of applications and grants (T4, T5: reading d) also
         * gives the split, so no one reads the sum as inventions */
        size_t *vf = vals + ny, *vg = vals + 2 * ny, cum_f = 0, cum_g = 0;
        int split = (tg->counts & COUNT_FILED) && (tg->counts & COUNT_GRANTED);
        for (int yi = 0; yi < a->n_years; yi++) {
            vals[yi] = target_value(a, tg, c, yi, 1, &vf[yi], &vg[yi]);
            cum_f += vf[yi];
            cum_g += vg[yi];
            cum += vals[yi];
        }
        if (a->n_years)
            this_year = vals[a->n_years - 1];
        if (split && a->n_years) {
            at_i(b, n, "year-filed", (long long)vf[a->n_years - 1]);
            at_i(b, n, "year-granted", (long long)vg[a->n_years - 1]);
            at_i(b, n, "cumulative-filed", (long long)cum_f);
            at_i(b, n, "cumulative-granted", (long long)cum_g);
        }
        if (tg->counts & COUNT_SUPPORTED) {
            /* with its own label: protected marks supported this year, for
             * the first time or again */
            size_t again = 0;
            for (size_t m = 0; m < a->n_marks; m++)
                if (mark_counted(a, m) && a->marks[m].this_year &&
                    (tg->kinds & (1u << a->marks[m].kind)))
                    again++;
            at_i(b, n, "supported-in-year", (long long)again);
        }
        const char *status;
        if (tg->type == TARGET_RANGE) {
            at_i(b, n, "min", tg->min);
            at_i(b, n, "max", tg->max);
            at_i(b, n, "year-value", (long long)this_year);
            at_i(b, n, "cumulative", (long long)cum);
            if (tg->min > 0)
                at_ratio(b, n, "share-min", (double)cum / tg->min);
            size_t needed = cum >= (size_t)tg->min ? 0 : (size_t)tg->min - cum;
            at_i(b, n, "needed", (long long)needed);
            at_f(b, n, "pace-needed",
                 remaining ? (double)needed / remaining : (double)needed, 2);
            at_f(b, n, "expected-by-now",
                 (double)tg->min * elapsed / total_years, 2);
            if (cum >= (size_t)tg->min) {
                status = "reached";
            } else if (cum * (size_t)total_years >= (size_t)tg->min * (size_t)elapsed) {
                status = "on-track";
            } else {
                status = "behind";
            }
        } else {
            double rate = (double)tg->rate / BC_MONEY_SCALE / 100.0;
            char rbuf[BC_MONEY_BUF];
            at_s(b, n, "rate", money_format(tg->rate, rbuf));
            at_i(b, n, "baseline-year", tg->baseline_year);
            at_i(b, n, "baseline", tg->baseline_value);
            at_i(b, n, "year-value", (long long)this_year);
            int span = a->year - tg->baseline_year;
            double growth = 0;
            if (span > 0 && tg->baseline_value > 0)
                growth = (pow((double)this_year / tg->baseline_value, 1.0 / span) - 1) * 100;
            at_f(b, n, "growth", growth, 2);
            if (span > 0)
                at_i(b, n, "required-this-year",
                     (long long)ceil(tg->baseline_value * pow(1 + rate, span) - 1e-9));
            at_i(b, n, "required-at-end",
                 (long long)ceil(tg->baseline_value *
                                 pow(1 + rate, p->end_year - tg->baseline_year) - 1e-9));
            if (growth + 1e-9 >= rate * 100 && span > 0) {
                status = a->year >= p->end_year ? "reached" : "on-track";
            } else {
                status = "behind";
            }
        }
        at_s(b, n, "status", status);
        for (int yi = 0; yi < a->n_years; yi++) {
            xmlNodePtr y = el(b, n, "year");
            int yr = p->start_year + yi;
            at_i(b, y, "y", yr);
            at_i(b, y, "value", (long long)vals[yi]);
            if (split) {
                at_i(b, y, "filed", (long long)vf[yi]);
                at_i(b, y, "granted", (long long)vg[yi]);
            }
            if (tg->type == TARGET_RATE && yr > tg->baseline_year &&
                tg->baseline_value > 0)
                at_f(b, y, "growth",
                     (pow((double)vals[yi] / tg->baseline_value,
                          1.0 / (yr - tg->baseline_year)) - 1) * 100, 2);
        }
        free(vals);
    }
}

/* 1 when record r has an event that target tg counts in plan year y. */
static int record_counts_in(const bc_agg *a, const agg_record *r,
                            const plan_target *tg, int y)
{
    if (r->kind < 0 || !(tg->kinds & (1u << r->kind)) ||
        (tg->only_new && r->pl1_how >= PL1_POSSIBLE))
        return 0;
    if ((tg->counts & COUNT_FILED) && r->filed &&
        agg_year_of(a->p, r->filed) == y)
        return 1;
    return (tg->counts & COUNT_GRANTED) && r->status == REC_GRANTED &&
           r->granted && agg_year_of(a->p, r->granted) == y;
}

/* The figures of earlier years that differ from what those years' own
 * reports gave (reading j): per target and year, old -> new, and the
 * files of later cycles that reported records counted there (late
 * reports, later grants).  T8 is not revised here (see snapshot). */
static void build_revisions(builder *b, xmlNodePtr root, const counts *c)
{
    bc_agg *a = b->a;
    const plan *p = a->p;
    xmlNodePtr rv = el(b, root, "revisions");
    unsigned char *seen = calloc(a->n_files ? a->n_files : 1, 1);
    if (!seen) {
        b->failed = 1;
        return;
    }
    for (int yi = 0; yi + 1 < a->n_years; yi++) {
        int y = p->start_year + yi;
        for (size_t t = 0; t < p->n_targets; t++) {
            const plan_target *tg = &p->targets[t];
            if (tg->counts & COUNT_SUPPORTED)
                continue;
            size_t was = a->snap[t * (size_t)a->n_years + (size_t)yi];
            size_t now = target_value(a, tg, c, yi, 0, NULL, NULL);
            if (was == now)
                continue;
            xmlNodePtr n = el(b, rv, "revision");
            at_i(b, n, "year", y);
            at_s(b, n, "target", tg->id);
            at_s(b, n, "name", tg->name);
            at_i(b, n, "old", (long long)was);
            at_i(b, n, "new", (long long)now);
            memset(seen, 0, a->n_files ? a->n_files : 1);
            size_t n_seen = 0;
            for (size_t i = 0; i < a->n_recs; i++) {
                const agg_record *r = &a->recs[i];
                if (!record_counts_in(a, r, tg, y))
                    continue;
                for (int k = r->first_src; k >= 0; k = a->srcs[k].next)
                    if (a->files[a->srcs[k].file].cycle > y &&
                        !seen[a->srcs[k].file]) {
                        seen[a->srcs[k].file] = 1;
                        n_seen++;
                    }
            }
            size_t listed = cut_items(b, n, n_seen);
            for (size_t f = 0; f < a->n_files && listed; f++) {
                if (!seen[f])
                    continue;
                listed--;
                xmlNodePtr fn = el(b, n, "file");
                at_s(b, fn, "path", a->files[f].path);
                at_s(b, fn, "unit", a->files[f].unit);
                at_s(b, fn, "unit-name", file_unit_name(a, (int)f));
                at_i(b, fn, "cycle", a->files[f].cycle);
            }
        }
    }
    free(seen);
}

static void build_series(builder *b, xmlNodePtr root, const counts *c)
{
    bc_agg *a = b->a;
    const plan *p = a->p;
    xmlNodePtr s = el(b, root, "ip-series");
    /* baseline years in order */
    int lo = 0, hi = -1;
    for (size_t i = 0; i < p->n_baseline1; i++) {
        if (hi < lo || p->baseline1[i].year < lo)
            lo = p->baseline1[i].year;
        if (p->baseline1[i].year > hi)
            hi = p->baseline1[i].year;
    }
    for (int y = lo; y <= hi && p->n_baseline1; y++) {
        xmlNodePtr yn = NULL;
        size_t tf = 0, tg = 0;
        for (size_t i = 0; i < p->n_baseline1; i++) {
            const plan_baseline1 *r = &p->baseline1[i];
            if (r->year != y)
                continue;
            if (!yn) {
                yn = el(b, s, "year");
                at_i(b, yn, "y", y);
                at_s(b, yn, "source", "baseline");
            }
            xmlNodePtr k = el(b, yn, "kind");
            at_s(b, k, "code", p->kinds[r->kind].code);
            at_i(b, k, "filed", r->filed);
            at_i(b, k, "granted", r->granted);
            tf += (size_t)r->filed;
            tg += (size_t)r->granted;
        }
        if (yn) {
            at_i(b, yn, "filed", (long long)tf);
            at_i(b, yn, "granted", (long long)tg);
        }
    }
    for (int yi = 0; yi < a->n_years; yi++) {
        xmlNodePtr yn = el(b, s, "year");
        at_i(b, yn, "y", p->start_year + yi);
        at_s(b, yn, "source", "reported");
        size_t tf = 0, tg = 0;
        for (size_t k = 0; k < p->n_kinds; k++) {
            xmlNodePtr kn = el(b, yn, "kind");
            at_s(b, kn, "code", p->kinds[k].code);
            size_t f = *cell(c->filed, a, (int)k, yi), g = *cell(c->granted, a, (int)k, yi);
            at_i(b, kn, "filed", (long long)f);
            at_i(b, kn, "granted", (long long)g);
            tf += f;
            tg += g;
        }
        at_i(b, yn, "filed", (long long)tf);
        at_i(b, yn, "granted", (long long)tg);
    }
}

/* The unit credited with a record's event this year: the first source
 * from this year's cycle, else the first source. */
static int record_unit_file(const bc_agg *a, const agg_record *r)
{
    for (int k = r->first_src; k >= 0; k = a->srcs[k].next)
        if (a->files[a->srcs[k].file].cycle == a->year)
            return a->srcs[k].file;
    return r->first_src >= 0 ? a->srcs[r->first_src].file : -1;
}

/* The long lists: how list l's item i (an index of a->items[l]) is
 * built.  The list elements and their other content are made by
 * agg_build; emit_list adds the items the view holds, dump_list every
 * item, one at a time. */
typedef void (*item_fn)(builder *b, xmlNodePtr parent, size_t i);

/* Makes a->items[l] room for n items (none yet); -1 when out of memory. */
static int list_reset(bc_agg *a, int l, size_t n)
{
    free(a->items[l]);
    a->n_items[l] = 0;
    a->items[l] = malloc((n ? n : 1) * sizeof *a->items[l]);
    return a->items[l] ? 0 : -1;
}

/* Appends item i to list l (room made by list_reset). */
static void list_push(bc_agg *a, int l, size_t i)
{
    a->items[l][a->n_items[l]++] = i;
}

static void emit_list(builder *b, xmlNodePtr list, int l);

/* Events of the report year per plan unit, counted once over the
 * records: unit_file[i] is record i's record_unit_file. */
static void build_new_records(builder *b, xmlNodePtr root, const counts *c,
                              const int *unit_file)
{
    bc_agg *a = b->a;
    const plan *p = a->p;
    xmlNodePtr nr = el(b, root, "new-records");
    int yi = a->n_years - 1;
    for (size_t k = 0; k < p->n_kinds && yi >= 0; k++) {
        xmlNodePtr n = el(b, nr, "kind");
        at_s(b, n, "code", p->kinds[k].code);
        at_s(b, n, "name", p->kinds[k].name);
        at_i(b, n, "filed", (long long)*cell(c->filed, a, (int)k, yi));
        at_i(b, n, "granted", (long long)*cell(c->granted, a, (int)k, yi));
        at_i(b, n, "refused", (long long)*cell(c->refused, a, (int)k, yi));
    }
    /* by unit, in plan order; units not in the plan cannot have accepted
     * files */
    free(a->ucs);
    a->ucs = calloc(p->n_units ? p->n_units : 1, sizeof *a->ucs);
    if (!a->ucs || list_reset(a, LIST_NEW_RECORDS, p->n_units) != 0) {
        b->failed = 1;
        return;
    }
    for (size_t i = 0; i < a->n_recs; i++) {
        const agg_record *r = &a->recs[i];
        int f = unit_file[i];
        if (f < 0 || a->files[f].pu < 0)
            continue;
        unit_count *uc = &a->ucs[a->files[f].pu];
        if (r->filed && agg_year_of(p, r->filed) == a->year)
            uc->filed++;
        if (r->status == REC_GRANTED && r->granted &&
            agg_year_of(p, r->granted) == a->year)
            uc->granted++;
        if (r->status == REC_REFUSED && a->files[f].cycle == a->year)
            uc->refused++;
    }
    for (size_t u = 0; u < p->n_units; u++) {
        const unit_count *uc = &a->ucs[u];
        if (uc->filed || uc->granted || uc->refused)
            list_push(a, LIST_NEW_RECORDS, u);
    }
    emit_list(b, nr, LIST_NEW_RECORDS);
}

static void item_new_records(builder *b, xmlNodePtr parent, size_t u)
{
    const bc_agg *a = b->a;
    const unit_count *uc = &a->ucs[u];
    xmlNodePtr n = el(b, parent, "unit");
    at_s(b, n, "code", a->p->units[u].code);
    at_s(b, n, "name", a->p->units[u].name);
    at_i(b, n, "filed", (long long)uc->filed);
    at_i(b, n, "granted", (long long)uc->granted);
    at_i(b, n, "refused", (long long)uc->refused);
}

static void build_activities(builder *b, xmlNodePtr root)
{
    bc_agg *a = b->a;
    const plan *p = a->p;
    xmlNodePtr an = el(b, root, "activities");
    for (size_t t = 0; t < a->n_tasks; t++) {
        int is_a = t < p->n_tasks_a;
        const plan_task_a *ta = is_a ? &p->tasks_a[t] : NULL;
        const plan_task_b *tb = is_a ? NULL : &p->tasks_b[t - p->n_tasks_a];
        size_t any = 0;
        for (int yi = 0; yi < a->n_years; yi++)
            any += ACTS(a, t, yi)->activities;
        if (!is_a && !any)
            continue; /* part B rows only where something was reported */
        xmlNodePtr n = el(b, an, "task");
        at_s(b, n, "id", is_a ? ta->id : tb->id);
        at_s(b, n, "part", is_a ? "A" : "B");
        at_s(b, n, "title", is_a ? ta->title : tb->title);
        const char *host = is_a ? ta->host : tb->host;
        at_s(b, n, "host", host);
        if (host)
            at_s(b, n, "host-name", unit_name(a, host));
        if (is_a && ta->per_year > 0)
            at_i(b, n, "per-year", ta->per_year);
        if (is_a)
            at_s(b, n, "measure-label", ta->measure_label);
        agg_act cur = {0, 0, 0};
        if (a->n_years)
            cur = *ACTS(a, t, a->n_years - 1);
        at_i(b, n, "activities", (long long)cur.activities);
        at_i(b, n, "quantity", (long long)cur.quantity);
        at_i(b, n, "participants", (long long)cur.participants);
        if (is_a && ta->per_year > 0)
            at_ratio(b, n, "share", (double)cur.quantity / ta->per_year);
        for (int yi = 0; yi < a->n_years; yi++) {
            const agg_act *x = ACTS(a, t, yi);
            xmlNodePtr y = el(b, n, "year");
            at_i(b, y, "y", p->start_year + yi);
            at_i(b, y, "activities", (long long)x->activities);
            at_i(b, y, "quantity", (long long)x->quantity);
            at_i(b, y, "participants", (long long)x->participants);
        }
    }
}

static int add_checked(bc_money *acc, bc_money v, builder *b)
{
    if (money_add(acc, v) != 0) {
        b->failed = 1;
        return -1;
    }
    return 0;
}

/* The money of combined task t (A first, then B) over the plan years of
 * each phase up to the report year: one <subtotal> child of n each, so no
 * row adds a later year's money to an earlier phase's estimate (reading
 * h).  plan_b is the part B task or NULL. */
static void build_task_periods(builder *b, xmlNodePtr n, int t,
                               const plan_task_b *plan_b)
{
    bc_agg *a = b->a;
    const plan *p = a->p;
    for (size_t i = 0; i < p->n_phases; i++) {
        const plan_phase *ph = &p->phases[i];
        int to = ph->to < a->year ? ph->to : a->year;
        if (ph->from > to || year_index(a, ph->from) < 0)
            continue;
        bc_money plan_sum = 0, alloc = 0, disb = 0;
        int any_plan = 0;
        for (int y = ph->from; y <= to; y++) {
            int yi = year_index(a, y);
            if (yi < 0)
                continue;
            const agg_money *m = MONEY(a, t, yi);
            add_checked(&alloc, m->allocated, b);
            add_checked(&disb, m->disbursed, b);
            int found = 0;
            bc_money amt = plan_b ? plan_task_b_amount(plan_b, y, &found) : 0;
            if (found) {
                any_plan = 1;
                add_checked(&plan_sum, amt, b);
            }
        }
        xmlNodePtr pn = el(b, n, "subtotal");
        at_i(b, pn, "from", ph->from);
        at_i(b, pn, "to", to);
        at_b(b, pn, "phase-ended", ph->to <= a->year);
        if (any_plan)
            at_m(b, pn, "plan", plan_sum);
        at_m(b, pn, "allocated", alloc);
        at_m(b, pn, "disbursed", disb);
        at_ratio_m(b, pn, "rate", disb, alloc);
        if (any_plan)
            at_ratio_m(b, pn, "plan-rate", disb, plan_sum);
    }
}

/* Part A's money of plan year index yi, over every part A task. */
static void money_a(builder *b, int yi, bc_money *alloc, bc_money *disb)
{
    const bc_agg *a = b->a;
    *alloc = *disb = 0;
    for (size_t t = 0; yi >= 0 && t < a->p->n_tasks_a; t++) {
        const agg_money *m = MONEY(a, t, yi);
        add_checked(alloc, m->allocated, b);
        add_checked(disb, m->disbursed, b);
    }
}

static void build_budget(builder *b, xmlNodePtr root)
{
    bc_agg *a = b->a;
    const plan *p = a->p;
    xmlNodePtr bn = el(b, root, "budget");
    const plan_phase *cur_phase = plan_phase_of(p, a->year);
    int year_approved = 0;
    bc_money year_plan = 0, year_alloc = 0, year_disb = 0;
    int yi_cur = a->n_years - 1;
    for (size_t t = 0; t < p->n_tasks_b; t++) {
        int found;
        bc_money amt = plan_task_b_amount(&p->tasks_b[t], a->year, &found);
        if (found) {
            year_approved = 1;
            add_checked(&year_plan, amt, b);
        }
        if (yi_cur >= 0) {
            const agg_money *m = MONEY_B(a, t, yi_cur);
            add_checked(&year_alloc, m->allocated, b);
            add_checked(&year_disb, m->disbursed, b);
        }
    }
    year_approved = year_approved && cur_phase && cur_phase->approved;
    at_b(b, bn, "year-approved", year_approved);
    at_m(b, bn, "allocated", year_alloc);
    at_m(b, bn, "disbursed", year_disb);
    if (year_approved)
        at_m(b, bn, "plan", year_plan);
    at_ratio_m(b, bn, "rate", year_disb, year_alloc);
    /* the scopes apart and together (reading h): allocated/disbursed are
     * Part B (the plan's khái toán); Part A is funded by yearly dự toán */
    bc_money a_alloc, a_disb, all_alloc = year_alloc, all_disb = year_disb;
    money_a(b, yi_cur, &a_alloc, &a_disb);
    add_checked(&all_alloc, a_alloc, b);
    add_checked(&all_disb, a_disb, b);
    at_m(b, bn, "allocated-a", a_alloc);
    at_m(b, bn, "disbursed-a", a_disb);
    at_ratio_m(b, bn, "rate-a", a_disb, a_alloc);
    at_m(b, bn, "allocated-all", all_alloc);
    at_m(b, bn, "disbursed-all", all_disb);
    at_ratio_m(b, bn, "rate-all", all_disb, all_alloc);

    for (size_t i = 0; i < p->n_phases; i++) {
        const plan_phase *ph = &p->phases[i];
        xmlNodePtr n = el(b, bn, "phase");
        at_i(b, n, "from", ph->from);
        at_i(b, n, "to", ph->to);
        at_b(b, n, "approved", ph->approved);
        at_b(b, n, "closed", ph->to < a->year);
        at_b(b, n, "current", ph->from <= a->year && a->year <= ph->to);
        at_s(b, n, "note", ph->note);
        bc_money computed = 0, alloc = 0, disb = 0;
        int any_amount = 0;
        for (size_t t = 0; t < p->n_tasks_b; t++)
            for (size_t k = 0; k < p->tasks_b[t].n_years; k++) {
                const plan_amount *pa = &p->tasks_b[t].years[k];
                if (pa->year >= ph->from && pa->year <= ph->to) {
                    add_checked(&computed, pa->amount, b);
                    any_amount = 1;
                }
            }
        for (int y = ph->from; y <= ph->to; y++) {
            int yi = year_index(a, y);
            if (yi < 0)
                continue;
            for (size_t t = 0; t < p->n_tasks_b; t++) {
                const agg_money *m = MONEY_B(a, t, yi);
                add_checked(&alloc, m->allocated, b);
                add_checked(&disb, m->disbursed, b);
            }
        }
        bc_money pa_alloc = 0, pa_disb = 0;
        for (int y = ph->from; y <= ph->to; y++) {
            bc_money ya, yd;
            money_a(b, year_index(a, y), &ya, &yd);
            add_checked(&pa_alloc, ya, b);
            add_checked(&pa_disb, yd, b);
        }
        if (ph->stated_total >= 0)
            at_m(b, n, "stated-total", ph->stated_total);
        if (any_amount)
            at_m(b, n, "computed-total", computed);
        if (ph->stated_total >= 0 && any_amount && ph->stated_total != computed)
            at_m(b, n, "difference", ph->stated_total - computed);
        at_m(b, n, "allocated", alloc);
        at_m(b, n, "disbursed", disb);
        at_m(b, n, "allocated-a", pa_alloc);
        at_m(b, n, "disbursed-a", pa_disb);
    }

    for (size_t t = 0; t < p->n_tasks_b; t++) {
        const plan_task_b *tb = &p->tasks_b[t];
        xmlNodePtr n = el(b, bn, "task");
        at_s(b, n, "id", tb->id);
        at_s(b, n, "part", "B");
        at_s(b, n, "no", tb->no);
        at_s(b, n, "title", tb->title);
        at_s(b, n, "host", tb->host);
        if (tb->host)
            at_s(b, n, "host-name", unit_name(a, tb->host));
        at_m(b, n, "stated-total", tb->stated_total);
        bc_money computed = 0, alloc = 0, disb = 0;
        for (size_t k = 0; k < tb->n_years; k++)
            add_checked(&computed, tb->years[k].amount, b);
        at_m(b, n, "computed-total", computed);
        for (int yi = 0; yi < a->n_years; yi++) {
            const agg_money *m = MONEY_B(a, t, yi);
            add_checked(&alloc, m->allocated, b);
            add_checked(&disb, m->disbursed, b);
        }
        at_m(b, n, "allocated", alloc);
        at_m(b, n, "disbursed", disb);
        at_ratio_m(b, n, "rate", disb, alloc);
        build_task_periods(b, n, (int)(p->n_tasks_a + t), tb);
        for (int yi = 0; yi < a->n_years; yi++) {
            int y = p->start_year + yi;
            const agg_money *m = MONEY_B(a, t, yi);
            xmlNodePtr yn = el(b, n, "year");
            at_i(b, yn, "y", y);
            int found;
            bc_money amt = plan_task_b_amount(tb, y, &found);
            if (found)
                at_m(b, yn, "plan", amt);
            at_m(b, yn, "allocated", m->allocated);
            at_m(b, yn, "disbursed", m->disbursed);
            at_ratio_m(b, yn, "rate", m->disbursed, m->allocated);
            if (found)
                at_ratio_m(b, yn, "plan-rate", m->disbursed, amt);
        }
    }
    /* part A tasks are funded yearly as needed: no estimate, shown where
     * units reported money for them */
    for (size_t t = 0; t < p->n_tasks_a; t++) {
        const plan_task_a *ta = &p->tasks_a[t];
        bc_money alloc = 0, disb = 0;
        int any = 0;
        for (int yi = 0; yi < a->n_years; yi++) {
            const agg_money *m = MONEY(a, t, yi);
            any |= m->any;
            add_checked(&alloc, m->allocated, b);
            add_checked(&disb, m->disbursed, b);
        }
        if (!any)
            continue;
        xmlNodePtr n = el(b, bn, "task");
        at_s(b, n, "id", ta->id);
        at_s(b, n, "part", "A");
        at_i(b, n, "no", ta->no);
        at_s(b, n, "title", ta->title);
        at_s(b, n, "host", ta->host);
        if (ta->host)
            at_s(b, n, "host-name", unit_name(a, ta->host));
        at_m(b, n, "allocated", alloc);
        at_m(b, n, "disbursed", disb);
        at_ratio_m(b, n, "rate", disb, alloc);
        build_task_periods(b, n, (int)t, NULL);
        for (int yi = 0; yi < a->n_years; yi++) {
            const agg_money *m = MONEY(a, t, yi);
            xmlNodePtr yn = el(b, n, "year");
            at_i(b, yn, "y", p->start_year + yi);
            at_m(b, yn, "allocated", m->allocated);
            at_m(b, yn, "disbursed", m->disbursed);
            at_ratio_m(b, yn, "rate", m->disbursed, m->allocated);
        }
    }
    for (int yi = 0; yi < a->n_years; yi++) {
        int y = p->start_year + yi;
        bc_money plan_sum = 0, alloc = 0, disb = 0;
        int any = 0;
        for (size_t t = 0; t < p->n_tasks_b; t++) {
            int found;
            bc_money amt = plan_task_b_amount(&p->tasks_b[t], y, &found);
            if (found) {
                any = 1;
                add_checked(&plan_sum, amt, b);
            }
            const agg_money *m = MONEY_B(a, t, yi);
            add_checked(&alloc, m->allocated, b);
            add_checked(&disb, m->disbursed, b);
        }
        xmlNodePtr n = el(b, bn, "total");
        at_i(b, n, "y", y);
        if (any)
            at_m(b, n, "plan", plan_sum);
        const plan_phase *ph = plan_phase_of(p, y);
        for (size_t k = 0; ph && k < ph->n_stated_years; k++)
            if (ph->stated_years[k].year == y)
                at_m(b, n, "plan-stated", ph->stated_years[k].amount);
        at_m(b, n, "allocated", alloc);
        at_m(b, n, "disbursed", disb);
        at_ratio_m(b, n, "rate", disb, alloc);
        bc_money ya, yd, all_a = alloc, all_d = disb;
        money_a(b, yi, &ya, &yd);
        add_checked(&all_a, ya, b);
        add_checked(&all_d, yd, b);
        at_m(b, n, "allocated-a", ya);
        at_m(b, n, "disbursed-a", yd);
        at_m(b, n, "allocated-all", all_a);
        at_m(b, n, "disbursed-all", all_d);
    }
}

/* Files of the report year per unit of the plan: files, accepted,
 * rejected, replaced. */
/* The units of the report year.  Of the expected units, *valid have an
 * accepted file, *rejected have files that were all rejected, *missing
 * have none; *submitted = *valid + *rejected. */
static void build_units(builder *b, xmlNodePtr root, size_t *expected,
                        size_t *submitted, size_t *valid, size_t *rejected,
                        size_t *missing)
{
    bc_agg *a = b->a;
    const plan *p = a->p;
    xmlNodePtr un = el(b, root, "units");
    free(a->ufs);
    a->ufs = calloc(p->n_units ? p->n_units : 1, sizeof *a->ufs);
    if (!a->ufs || list_reset(a, LIST_UNITS, p->n_units) != 0) {
        b->failed = 1;
        return;
    }
    for (size_t i = 0; i < a->n_files; i++) {
        const agg_file *f = &a->files[i];
        if (f->cycle != a->year || f->pu < 0)
            continue;
        unit_files *x = &a->ufs[f->pu];
        x->files++;
        if (f->status == FILE_ACCEPTED)
            x->acc++;
        else if (f->status == FILE_REJECTED)
            x->rej++;
        else
            x->rep++;
    }
    unit_files sum = {0};
    for (size_t u = 0; u < p->n_units; u++) {
        const unit_files *x = &a->ufs[u];
        int exp = plan_unit_expected(p, &p->units[u], a->year);
        if (!exp && !x->files)
            continue;
        list_push(a, LIST_UNITS, u);
        sum.files += x->files;
        sum.acc += x->acc;
        sum.rej += x->rej;
        sum.rep += x->rep;
        if (exp) {
            (*expected)++;
            if (x->acc)
                (*valid)++;
            else if (x->files)
                (*rejected)++;
            else
                (*missing)++;
            if (x->files)
                (*submitted)++;
        }
    }
    /* over every unit, so that a view listing some of them still has the
     * totals of the sheet's Cộng row */
    at_i(b, un, "expected", (long long)*expected);
    at_i(b, un, "files", (long long)sum.files);
    at_i(b, un, "accepted", (long long)sum.acc);
    at_i(b, un, "rejected", (long long)sum.rej);
    at_i(b, un, "replaced", (long long)sum.rep);
    emit_list(b, un, LIST_UNITS);
}

static void item_unit(builder *b, xmlNodePtr parent, size_t u)
{
    const bc_agg *a = b->a;
    const plan *p = a->p;
    const plan_unit *pu = &p->units[u];
    const unit_files *x = &a->ufs[u];
    int exp = plan_unit_expected(p, pu, a->year);
    /* the words are the templates' (unit-status-word): the status and
     * whether the unit had to report */
    const char *st = x->acc ? "accepted" : x->files ? "rejected" : "missing";
    xmlNodePtr n = el(b, parent, "unit");
    at_s(b, n, "code", pu->code);
    at_s(b, n, "name", pu->name);
    at_s(b, n, "type", unit_type_name(pu->type));
    at_b(b, n, "expected", exp);
    at_i(b, n, "files", (long long)x->files);
    at_i(b, n, "accepted", (long long)x->acc);
    at_i(b, n, "rejected", (long long)x->rej);
    at_i(b, n, "replaced", (long long)x->rep);
    at_s(b, n, "status", st);
    at_d(b, n, "valid-to", pu->valid_to);
    if (pu->successor)
        at_s(b, n, "successor", unit_name(a, pu->successor));
}

/* The files of the report year, in input order. */
static void item_file(builder *b, xmlNodePtr parent, size_t i);

static int cmp_str_ptr(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* The files of the report year, in input order.  When the list is cut,
 * the files past the first ones that have a finding of the year follow
 * them: the validation report (kiem-tra.xsl) looks up the file of each
 * finding and lists the rejected files, which all have one. */
static void build_submissions(builder *b, xmlNodePtr root,
                              const bc_diag *findings)
{
    bc_agg *a = b->a;
    xmlNodePtr subs = el(b, root, "submissions");
    size_t nf = diag_count(findings), n_paths = 0;
    const char **paths = malloc((nf ? nf : 1) * sizeof *paths);
    if (!paths || list_reset(a, LIST_FILES, a->n_files) != 0) {
        free(paths);
        b->failed = 1;
        return;
    }
    for (size_t i = 0; i < a->n_files; i++)
        if (a->files[i].cycle == a->year)
            list_push(a, LIST_FILES, i);
    emit_list(b, subs, LIST_FILES);
    size_t n = a->n_items[LIST_FILES];
    if (subs && b->limit && n > b->limit) {
        for (size_t i = 0; i < nf; i++) {
            const bc_finding *f = diag_get(findings, i);
            if (f->cycle == a->year && f->file)
                paths[n_paths++] = f->file;
        }
        qsort(paths, n_paths, sizeof *paths, cmp_str_ptr);
        for (size_t k = b->limit; k < n && !b->failed; k++) {
            const char *path = a->files[a->items[LIST_FILES][k]].path;
            if (bsearch(&path, paths, n_paths, sizeof *paths, cmp_str_ptr)) {
                item_file(b, subs, a->items[LIST_FILES][k]);
                at_i(b, subs->last, "n", (long long)k + 1); /* its place */
            }
        }
    }
    free(paths);
}

static void item_file(builder *b, xmlNodePtr parent, size_t i)
{
    const bc_agg *a = b->a;
    const agg_file *f = &a->files[i];
    xmlNodePtr n = el(b, parent, "file");
    at_s(b, n, "path", f->path);
    at_s(b, n, "unit", f->unit);
    if (f->pu >= 0)
        at_s(b, n, "unit-name", a->p->units[f->pu].name);
    at_d(b, n, "date", f->date);
    at_s(b, n, "status", f->status == FILE_ACCEPTED ? "accepted"
                          : f->status == FILE_REJECTED ? "rejected" : "replaced");
    if (f->replaced_by >= 0)
        at_s(b, n, "replaced-by", a->files[f->replaced_by].path);
    at_i(b, n, "records", (long long)f->records);
    at_i(b, n, "errors", (long long)f->errors);
    at_i(b, n, "warnings", (long long)f->warnings);
}

/* The narratives of the report year, by unit in plan order, then in the
 * order they were merged; those of units not in the plan are left out. */
static void build_narratives(builder *b, xmlNodePtr root)
{
    bc_agg *a = b->a;
    const plan *p = a->p;
    xmlNodePtr nn = el(b, root, "narratives");
    /* a counting sort by plan unit: start[u] .. start[u+1] in order */
    size_t *start = calloc(p->n_units + 1, sizeof *start);
    size_t *next = calloc(p->n_units ? p->n_units : 1, sizeof *next);
    if (!start || !next || list_reset(a, LIST_NARRATIVES, a->n_narrs) != 0) {
        free(start);
        free(next);
        b->failed = 1;
        return;
    }
    size_t *order = a->items[LIST_NARRATIVES];
    for (size_t i = 0; i < a->n_narrs; i++)
        if (a->narrs[i].pu >= 0)
            start[a->narrs[i].pu + 1]++;
    for (size_t u = 0; u < p->n_units; u++)
        start[u + 1] += start[u];
    memcpy(next, start, p->n_units * sizeof *next);
    for (size_t i = 0; i < a->n_narrs; i++)
        if (a->narrs[i].pu >= 0)
            order[next[a->narrs[i].pu]++] = i;
    a->n_items[LIST_NARRATIVES] = start[p->n_units];
    free(next);
    free(start);
    emit_list(b, nn, LIST_NARRATIVES);
}

static void item_narrative(builder *b, xmlNodePtr parent, size_t i)
{
    const bc_agg *a = b->a;
    const agg_narr *x = &a->narrs[i];
    xmlNodePtr n = el(b, parent, "unit");
    at_s(b, n, "code", x->unit);
    at_s(b, n, "name", a->p->units[x->pu].name);
    text_child(b, n, "results", x->results);
    text_child(b, n, "difficulties", x->difficulties);
    text_child(b, n, "proposals", x->proposals);
}

/* Per unit of the year (every plan unit expected to report, or that
 * sent a file): its Phần III duties (plan_unit_duties) as duty ids, its
 * status, and what its accepted files report for the year's events:
 * activities, the tasks they and its budget lines concern, money, new
 * applications and grants.  The duties are given once, in plan order,
 * with their section heading and the plan's words. */
static void build_unit_work(builder *b, xmlNodePtr root)
{
    bc_agg *a = b->a;
    const plan *p = a->p;
    xmlNodePtr top = el(b, root, "unit-work");
    xmlNodePtr ds = el(b, top, "duties");
    for (size_t i = 0; i < p->n_duties; i++) {
        const plan_duty *du = &p->duties[i];
        xmlNodePtr n = el(b, ds, "duty");
        at_s(b, n, "id", du->id);
        at_i(b, n, "section", p->duty_sections[du->section].no);
        at_s(b, n, "heading", p->duty_sections[du->section].heading);
        at_s(b, n, "topic", du->topic);
        at_b(b, n, "yearly", du->yearly);
        at_s(b, n, "tasks", du->tasks);
        if (n && du->quote) {
            xmlNodePtr t = xmlNewText(BAD_CAST du->quote);
            if (!t || !xmlAddChild(n, t)) {
                xmlFreeNode(t);
                b->failed = 1;
            }
        }
    }
    size_t nd = p->n_duties ? p->n_duties : 1;
    const plan_duty **du = calloc(nd, sizeof *du);
    bc_strbuf sb = BC_STRBUF_INIT;
    if (!du) {
        b->failed = 1;
        return;
    }
    for (size_t u = 0; u < p->n_units; u++) {
        const plan_unit *pu = &p->units[u];
        const unit_files *uf = a->ufs ? &a->ufs[u] : NULL;
        int exp = plan_unit_expected(p, pu, a->year);
        if (!exp && !(uf && uf->files))
            continue;
        xmlNodePtr n = el(b, top, "unit");
        at_s(b, n, "code", pu->code);
        at_s(b, n, "name", pu->name);
        at_s(b, n, "type", unit_type_name(pu->type));
        at_s(b, n, "status", uf && uf->acc ? "accepted"
                             : uf && uf->files ? "rejected" : "missing");
        size_t k = plan_unit_duties(p, pu, a->year, du, nd);
        sb_reset(&sb);
        for (size_t i = 0; i < k && i < nd; i++) {
            if (i)
                sb_addc(&sb, ' ');
            sb_adds(&sb, du[i]->id);
        }
        if (sb.failed)
            b->failed = 1;
        else if (sb.len)
            at_s(b, n, "duties", sb_str(&sb));
        if (!(uf && uf->acc))
            continue;
        const unit_work *w = a->uws ? &a->uws[u] : NULL;
        at_i(b, n, "activities", w ? (long long)w->activities : 0);
        sb_reset(&sb);
        for (size_t t = 0; w && t < a->n_tasks; t++) {
            if (!w->tasks[t])
                continue;
            if (sb.len)
                sb_addc(&sb, ' ');
            sb_adds(&sb, t < p->n_tasks_a ? p->tasks_a[t].id
                                         : p->tasks_b[t - p->n_tasks_a].id);
        }
        if (sb.failed)
            b->failed = 1;
        else if (sb.len)
            at_s(b, n, "tasks", sb_str(&sb));
        if (w && w->money) {
            at_m(b, n, "allocated", w->allocated);
            at_m(b, n, "disbursed", w->disbursed);
        }
        if (a->ucs) {
            at_i(b, n, "filed", (long long)a->ucs[u].filed);
            at_i(b, n, "granted", (long long)a->ucs[u].granted);
        }
    }
    sb_release(&sb);
    free(du);
}

/* ---- themes: the units' own words, synthesised --------------------------
 * The difficulties and proposals of this year's narratives, cut into
 * sentences (at ". ", "; ", a line break, or the end), each sentence
 * grouped with every other that folds to the same key (text_fold: case,
 * diacritics, punctuation and spacing ignored), so that the same
 * difficulty or proposal from several units is said once with how many
 * and which units.  A proposal's addressee is read from its key: it names
 * the Sở KHCN ("so khoa hoc va cong nghe", "so khcn"), the province's
 * people's committee ("ubnd tinh", "uy ban nhan dan tinh") or the ministry
 * ("bo khoa hoc", "bo khcn", "cuc so huu tri tue"); otherwise "any".
 * Themes come most-said first, then in plan unit order. */
typedef struct theme {
    int part;           /* 0 difficulties, 1 proposals */
    char *key;          /* text_fold of the sentence */
    char *text;         /* the first wording, trimmed */
    size_t *narr;       /* narrative indexes, in plan unit order */
    size_t n, cap;
    size_t first;       /* order of first appearance */
} theme;

static const char *theme_to(const char *key)
{
    static const struct { const char *word, *to; } to[] = {
        {"so khoa hoc va cong nghe", "so"}, {"so khcn", "so"},
        {"ubnd tinh", "ubnd"}, {"uy ban nhan dan tinh", "ubnd"},
        {"bo khoa hoc", "bo"}, {"bo khcn", "bo"}, {"cuc so huu tri tue", "bo"},
        {"cuc shtt", "bo"},
    };
    for (size_t i = 0; i < sizeof to / sizeof to[0]; i++)
        if (strstr(key, to[i].word))
            return to[i].to;
    return "any";
}

static int cmp_theme(const void *x, const void *y)
{
    const theme *a = x, *b = y;
    if (a->part != b->part)
        return a->part - b->part;
    if (a->n != b->n)
        return a->n > b->n ? -1 : 1;
    return a->first < b->first ? -1 : a->first > b->first;
}

/* Adds sentence [s, e) of narrative ni to the themes; -1 out of memory. */
static int theme_add(theme **ts, size_t *n, size_t *cap, int part,
                     const char *s, const char *e, size_t ni)
{
    while (s < e && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n' ||
                     *s == '-' || *s == '+' || *s == '*'))
        s++;
    while (e > s && (e[-1] == ' ' || e[-1] == '\r' || e[-1] == '\t'))
        e--;
    if (e == s)
        return 0;
    char *text = bc_strndup(s, (size_t)(e - s));
    char *key = text ? text_fold(text) : NULL;
    if (!text || !key) {
        free(text);
        free(key);
        return text ? 0 : -1; /* invalid UTF-8 is left out, not fatal */
    }
    if (!*key) {
        free(text);
        free(key);
        return 0;
    }
    theme *t = NULL;
    for (size_t i = 0; i < *n && !t; i++)
        if ((*ts)[i].part == part && !strcmp((*ts)[i].key, key))
            t = &(*ts)[i];
    if (t) {
        free(text);
        free(key);
    } else {
        if (*n == *cap) {
            size_t nc = *cap ? *cap * 2 : 16;
            theme *nt = realloc(*ts, nc * sizeof *nt);
            if (!nt) {
                free(text);
                free(key);
                return -1;
            }
            *ts = nt;
            *cap = nc;
        }
        t = &(*ts)[(*n)++];
        memset(t, 0, sizeof *t);
        t->part = part;
        t->key = key;
        t->text = text;
        t->first = *n;
    }
    /* one unit once per theme */
    if (t->n && t->narr[t->n - 1] == ni)
        return 0;
    if (t->n == t->cap) {
        size_t nc = t->cap ? t->cap * 2 : 4;
        size_t *nn = realloc(t->narr, nc * sizeof *nn);
        if (!nn)
            return -1;
        t->narr = nn;
        t->cap = nc;
    }
    t->narr[t->n++] = ni;
    return 0;
}

static void build_themes(builder *b, xmlNodePtr root)
{
    bc_agg *a = b->a;
    const size_t *order = a->items[LIST_NARRATIVES];
    size_t m = a->n_items[LIST_NARRATIVES];
    theme *ts = NULL;
    size_t n = 0, cap = 0;
    int failed = 0;
    for (size_t k = 0; k < m && !failed; k++) {
        const agg_narr *x = &a->narrs[order[k]];
        for (int part = 0; part < 2 && !failed; part++) {
            const char *s = part ? x->proposals : x->difficulties;
            if (!s)
                continue;
            const char *from = s;
            for (const char *c = s;; c++) {
                int end = !*c || *c == '\n' ||
                          ((*c == '.' || *c == ';' || *c == '!' || *c == '?') &&
                           (!c[1] || c[1] == ' ' || c[1] == '\n' || c[1] == '\r'));
                if (!end)
                    continue;
                if (theme_add(&ts, &n, &cap, part, from, c, order[k]) != 0) {
                    failed = 1;
                    break;
                }
                if (!*c)
                    break;
                from = c + 1;
            }
        }
    }
    xmlNodePtr tn = el(b, root, "themes");
    if (!failed && n) {
        qsort(ts, n, sizeof *ts, cmp_theme);
        for (size_t i = 0; i < n; i++) {
            xmlNodePtr t = el(b, tn, "theme");
            at_s(b, t, "part", ts[i].part ? "proposals" : "difficulties");
            if (ts[i].part)
                at_s(b, t, "to", theme_to(ts[i].key));
            at_i(b, t, "units", (long long)ts[i].n);
            size_t listed = cut_items(b, t, ts[i].n);
            text_child(b, t, "text", ts[i].text);
            for (size_t j = 0; j < listed; j++) {
                const agg_narr *x = &a->narrs[ts[i].narr[j]];
                xmlNodePtr u = el(b, t, "unit");
                at_s(b, u, "code", x->unit);
                at_s(b, u, "name", a->p->units[x->pu].name);
            }
        }
    }
    for (size_t i = 0; i < n; i++) {
        free(ts[i].key);
        free(ts[i].text);
        free(ts[i].narr);
    }
    free(ts);
    if (failed)
        b->failed = 1;
}

static int cmp_rec_ptr(const void *x, const void *y)
{
    const agg_record *a = *(const agg_record *const *)x;
    const agg_record *b = *(const agg_record *const *)y;
    return strcmp(a->appno, b->appno);
}

static const char *place_str(const bc_agg *a, const agg_source *s, char *buf, size_t n)
{
    (void)a;
    if (s->cell)
        return s->cell;
    if (!s->line)
        return NULL;
    snprintf(buf, n, "%u", s->line);
    return buf;
}

/* 1 when record r has an event (filing, or grant of a granted record)
 * in the plan period up to the report year: <records> lists it. */
static int record_listed(const bc_agg *a, const agg_record *r)
{
    const plan *p = a->p;
    int fy = r->filed ? agg_year_of(p, r->filed) : 0;
    int gy = (r->status == REC_GRANTED && r->granted) ? agg_year_of(p, r->granted) : 0;
    return (fy && year_index(a, fy) >= 0) || (gy && year_index(a, gy) >= 0);
}

/* Appends the <record> of listed record r to parent (agg_build, and
 * agg_save one record at a time). */
static void build_record(builder *b, xmlNodePtr parent, const agg_record *r)
{
    const bc_agg *a = b->a;
    const plan *p = a->p;
    int fy = r->filed ? agg_year_of(p, r->filed) : 0;
    int gy = (r->status == REC_GRANTED && r->granted) ? agg_year_of(p, r->granted) : 0;
    int fin = fy && year_index(a, fy) >= 0, gin = gy && year_index(a, gy) >= 0;
    xmlNodePtr n = el(b, parent, "record");
    if (!n)
        return;
    at_s(b, n, "application", r->appno);
    at_s(b, n, "kind", p->kinds[r->kind].code);
    at_s(b, n, "status", rec_status_name(r->status));
    at_d(b, n, "filed", r->filed);
    at_d(b, n, "granted", r->granted);
    at_s(b, n, "certificate", r->certificate);
    at_s(b, n, "name", str_at(a, r->name));
    at_s(b, n, "product", str_at(a, r->product));
    at_s(b, n, "owner", str_at(a, r->owner));
    at_s(b, n, "place", str_at(a, r->place));
    at_s(b, n, "task", str_at(a, r->task));
    int f = r->first_src >= 0 ? a->srcs[r->first_src].file : -1;
    at_s(b, n, "unit", f >= 0 ? a->files[f].unit : "");
    at_s(b, n, "unit-name", f >= 0 ? file_unit_name(a, f) : "");
    at_i(b, n, "sources", r->n_src);
    if (fin)
        at_i(b, n, "filed-year", fy);
    if (gin)
        at_i(b, n, "granted-year", gy);
    at_b(b, n, "this-year", fy == a->year || gy == a->year);
    if (r->pl1) {
        const plan_protected *pp = &p->protected_[r->pl1 - 1];
        char buf[300];
        snprintf(buf, sizeof buf, "%s (%d)", pp->name, pp->year);
        at_s(b, n, r->pl1_how == PL1_EXISTING ? "pre-plan"
                   : r->pl1_how == PL1_POSSIBLE ? "pl1-possible"
                                                : "pl1-other-product", buf);
    }
}

static void item_record(builder *b, xmlNodePtr parent, size_t i)
{
    build_record(b, parent, &b->a->recs[i]);
}

/* The long lists: the list element (a child of the root), its items'
 * name, how an item is built. */
static const struct agg_list {
    const char *list, *item;
    item_fn build;
} agg_lists[LIST__COUNT] = {
    [LIST_NEW_RECORDS] = {"new-records", "unit", item_new_records},
    [LIST_UNITS] = {"units", "unit", item_unit},
    [LIST_FILES] = {"submissions", "file", item_file},
    [LIST_RECORDS] = {"records", "record", item_record},
    [LIST_NARRATIVES] = {"narratives", "unit", item_narrative},
};

long agg_list_items(bc_agg *a, const char *list, size_t first, size_t max,
                    xmlNodePtr parent)
{
    int l = 0;
    while (l < LIST__COUNT && (!list || strcmp(list, agg_lists[l].list) != 0))
        l++;
    if (l == LIST__COUNT || !a->items[l] || !parent || !parent->doc)
        return -1;
    builder b = {a, parent->doc, 0, 0};
    size_t n = a->n_items[l], k = 0;
    for (; first < n && k < max && !b.failed; first++, k++)
        agg_lists[l].build(&b, parent, a->items[l][first]);
    return b.failed || k > LONG_MAX ? -1 : (long)k;
}

/* Appends to list (list l's element) the items the view holds: all of
 * them, or the first detail_limit, and then count="N" and listed="L". */
static void emit_list(builder *b, xmlNodePtr list, int l)
{
    const bc_agg *a = b->a;
    if (!list)
        return;
    size_t listed = cut_items(b, list, a->n_items[l]);
    for (size_t i = 0; i < listed && !b->failed; i++)
        agg_lists[l].build(b, list, a->items[l][i]);
}

bc_status agg_build(bc_agg *a, const bc_diag *findings,
                    const bc_diag *plan_findings, xmlDocPtr settings,
                    bc_diag *d, xmlDocPtr *out)
{
    *out = NULL;
    bc_status st = flush_cycle(a, d);
    if (st == BC_OK)
        st = snapshot(a, a->year - 1);
    if (st == BC_OK)
        st = mark_resolve(a, d);
    if (st != BC_OK)
        return st;
    const plan *p = a->p;
    builder b = {a, xmlNewDoc(BAD_CAST "1.0"), 0, a->detail_limit};
    /* element and attribute names from a dictionary, as in a parsed
     * document: one copy of each instead of one per node */
    if (b.doc && !(b.doc->dict = xmlDictCreate())) {
        xmlFreeDoc(b.doc);
        b.doc = NULL;
    }
    agg_record **sorted = NULL;
    int *unit_file = NULL; /* record_unit_file of each record */
    counts c = {0};
    sorted = calloc(a->n_recs ? a->n_recs : 1, sizeof *sorted);
    unit_file = calloc(a->n_recs ? a->n_recs : 1, sizeof *unit_file);
    if (!b.doc || !sorted || !unit_file || counts_make(a, &c) != BC_OK) {
        st = BC_ERR_NOMEM;
        goto out;
    }

    /* events per kind and year */
    size_t recs_this_year = 0, recs_all = 0, dups = 0;
    for (size_t i = 0; i < a->n_recs; i++) {
        const agg_record *r = &a->recs[i];
        sorted[i] = &a->recs[i];
        unit_file[i] = record_unit_file(a, r);
        int fy = r->filed ? year_index(a, agg_year_of(p, r->filed)) : -1;
        int gy = (r->status == REC_GRANTED && r->granted)
                     ? year_index(a, agg_year_of(p, r->granted)) : -1;
        if (r->status == REC_REFUSED) {
            int f = unit_file[i];
            if (f >= 0 && a->files[f].cycle == a->year && a->n_years)
                (*cell(c.refused, a, r->kind, a->n_years - 1))++;
        }
        if (fy >= 0 || gy >= 0)
            recs_all++;
        if (fy == a->n_years - 1 || gy == a->n_years - 1)
            recs_this_year++;
        if (r->n_src > 1)
            dups++;
    }
    qsort(sorted, a->n_recs, sizeof *sorted, cmp_rec_ptr);

    xmlNodePtr root = xmlNewDocNode(b.doc, NULL, BAD_CAST "aggregate", NULL);
    if (!root) {
        st = BC_ERR_NOMEM;
        goto out;
    }
    xmlDocSetRootElement(b.doc, root);
    at_s(&b, root, "format", AGG_FORMAT);
    at_i(&b, root, "year", a->year);
    at_b(&b, root, "illustrative", a->illustrative);
#ifdef BC_VERSION
    at_s(&b, root, "generator", "baocao " BC_VERSION);
#else
    at_s(&b, root, "generator", "baocao");
#endif

    xmlNodePtr pn = el(&b, root, "plan");
    at_s(&b, pn, "title", p->title);
    at_s(&b, pn, "decision", p->decision);
    at_i(&b, pn, "start", p->start_year);
    at_i(&b, pn, "end", p->end_year);
    at_i(&b, pn, "years-elapsed", a->n_years);
    at_i(&b, pn, "years-remaining", p->end_year > a->year ? p->end_year - a->year : 0);
    at_b(&b, pn, "communes-complete", p->communes_complete);
    size_t communes = 0;
    for (size_t u = 0; u < p->n_units; u++)
        if (p->units[u].type == UNIT_COMMUNE)
            communes++;
    at_i(&b, pn, "communes-listed", (long long)communes);
    if (p->communes_expected > 0)
        at_i(&b, pn, "communes-expected", p->communes_expected);

    bc_date from, to;
    date_period(a->year, p->period_month, p->period_day, &from, &to);
    xmlNodePtr per = el(&b, root, "period");
    at_d(&b, per, "from", from);
    at_d(&b, per, "to", to);

    xmlNodePtr rep = el(&b, root, "report");
    xmlNodePtr sroot = settings ? xmlDocGetRootElement(settings) : NULL;
    for (xmlNodePtr s = xmlio_child(sroot, "setting"); s; s = xmlio_next(s, "setting")) {
        char *name = xmlio_attr(s, "name");
        char *val = xmlio_text(s);
        if (name && val && *val) {
            xmlNodePtr n = xmlNewTextChild(rep, NULL, BAD_CAST "setting", BAD_CAST val);
            at_s(&b, n, "name", name);
        }
        free(name);
        free(val);
    }

    /* summary */
    size_t files = 0, acc = 0, rej = 0, repl = 0, rej_all = 0;
    for (size_t i = 0; i < a->n_files; i++) {
        const agg_file *f = &a->files[i];
        if (f->status == FILE_REJECTED)
            rej_all++;
        if (f->cycle != a->year)
            continue;
        files++;
        acc += f->status == FILE_ACCEPTED;
        rej += f->status == FILE_REJECTED;
        repl += f->status == FILE_REPLACED;
    }
    size_t nerr = 0, nwarn = 0, nnote = 0;
    for (size_t i = 0; i < diag_count(findings); i++) {
        const bc_finding *f = diag_get(findings, i);
        if (f->cycle != a->year)
            continue;
        nerr += f->sev == BC_SEV_ERROR;
        nwarn += f->sev == BC_SEV_WARNING;
        nnote += f->sev == BC_SEV_NOTE;
    }
    xmlNodePtr sum = el(&b, root, "summary");

    xmlNodePtr kn = el(&b, root, "kinds");
    for (size_t k = 0; k < p->n_kinds; k++) {
        xmlNodePtr n = el(&b, kn, "kind");
        at_s(&b, n, "code", p->kinds[k].code);
        at_s(&b, n, "name", p->kinds[k].name);
    }
    build_targets(&b, root, &c);
    build_revisions(&b, root, &c);
    build_series(&b, root, &c);
    build_new_records(&b, root, &c, unit_file);
    build_activities(&b, root);
    build_budget(&b, root);
    size_t u_exp = 0, u_sub = 0, u_valid = 0, u_rej = 0, u_miss = 0;
    build_units(&b, root, &u_exp, &u_sub, &u_valid, &u_rej, &u_miss);

    at_i(&b, sum, "files", (long long)files);
    at_i(&b, sum, "accepted", (long long)acc);
    at_i(&b, sum, "rejected", (long long)rej);
    at_i(&b, sum, "replaced", (long long)repl);
    at_i(&b, sum, "errors", (long long)nerr);
    at_i(&b, sum, "warnings", (long long)nwarn);
    at_i(&b, sum, "notes", (long long)nnote);
    at_i(&b, sum, "files-all", (long long)a->n_files);
    at_i(&b, sum, "rejected-all", (long long)rej_all);
    at_i(&b, sum, "records", (long long)recs_this_year);
    at_i(&b, sum, "records-all", (long long)recs_all);
    at_i(&b, sum, "duplicates", (long long)dups);
    at_i(&b, sum, "units-expected", (long long)u_exp);
    at_i(&b, sum, "units-submitted", (long long)u_sub);
    at_i(&b, sum, "units-valid", (long long)u_valid);
    at_i(&b, sum, "units-rejected", (long long)u_rej);
    at_i(&b, sum, "units-missing", (long long)u_miss);

    build_submissions(&b, root, findings);

    xmlNodePtr dn = el(&b, root, "duplicates");
    for (size_t i = 0; i < a->n_recs; i++) {
        const agg_record *r = sorted[i];
        if (r->n_src < 2)
            continue;
        xmlNodePtr n = el(&b, dn, "duplicate");
        at_s(&b, n, "application", r->appno);
        at_s(&b, n, "kind", p->kinds[r->kind].code);
        at_s(&b, n, "name", str_at(a, r->name));
        for (int k = r->first_src; k >= 0; k = a->srcs[k].next) {
            const agg_source *s = &a->srcs[k];
            const agg_file *f = &a->files[s->file];
            char buf[16];
            xmlNodePtr sn = el(&b, n, "source");
            at_s(&b, sn, "unit", f->unit);
            at_s(&b, sn, "unit-name", file_unit_name(a, s->file));
            at_s(&b, sn, "file", f->path);
            at_i(&b, sn, "cycle", f->cycle);
            at_s(&b, sn, "place", place_str(a, s, buf, sizeof buf));
            at_s(&b, sn, "status", rec_status_name(s->status));
        }
    }

    xmlNodePtr rn = el(&b, root, "replacements");
    for (size_t i = 0; i < a->n_repls; i++) {
        const agg_file *k = &a->files[a->repls[i].kept];
        const agg_file *r = &a->files[a->repls[i].replaced];
        xmlNodePtr n = el(&b, rn, "replacement");
        at_s(&b, n, "unit", k->unit);
        at_s(&b, n, "unit-name", unit_name(a, k->unit));
        at_i(&b, n, "cycle", k->cycle);
        at_s(&b, n, "kept", k->path);
        at_d(&b, n, "kept-date", k->date);
        at_s(&b, n, "replaced", r->path);
        at_d(&b, n, "replaced-date", r->date);
    }

    /* the records to list, in the document's order (n_recs < INT_MAX:
     * grow; the size cannot overflow) */
    if (list_reset(a, LIST_RECORDS, a->n_recs) != 0) {
        st = BC_ERR_NOMEM;
        goto out;
    }
    for (size_t i = 0; i < a->n_recs; i++)
        if (record_listed(a, sorted[i]))
            list_push(a, LIST_RECORDS, (size_t)(sorted[i] - a->recs));
    emit_list(&b, el(&b, root, "records"), LIST_RECORDS);

    /* objects that are probably on Phụ lục 1 under another wording: the
     * Sở confirms them (reading a); not counted as new meanwhile */
    xmlNodePtr pc = el(&b, root, "pl1-check");
    for (size_t i = 0; i < a->n_recs; i++)
        if (sorted[i]->pl1_how == PL1_POSSIBLE)
            build_record(&b, pc, sorted[i]);

    xmlNodePtr mn = el(&b, root, "supports");
    for (size_t i = 0; i < a->n_marks; i++) {
        const agg_mark *m = &a->marks[i];
        if (m->rep != (int)i)
            continue; /* another wording of a mark listed */
        xmlNodePtr n = el(&b, mn, "mark");
        at_s(&b, n, "name", m->name);
        at_s(&b, n, "kind", p->kinds[m->kind].code);
        at_i(&b, n, "first-year", m->first_year);
        at_s(&b, n, "units", sb_str(&m->units));
        at_b(&b, n, "this-year", m->this_year);
        at_s(&b, n, "pl1", m->pl1);
        at_s(&b, n, "known-as", m->known_as);
        at_b(&b, n, "protected", m->ident != NULL);
    }

    build_narratives(&b, root);
    build_themes(&b, root);
    build_unit_work(&b, root);

    xmlNodePtr pf = el(&b, root, "plan-findings");
    for (size_t i = 0; i < diag_count(plan_findings); i++)
        build_finding(&b, pf, diag_get(plan_findings, i));
    xmlNodePtr fn = el(&b, root, "findings");
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < diag_count(findings); i++) {
            const bc_finding *f = diag_get(findings, i);
            if ((f->cycle == a->year) == (pass == 0))
                build_finding(&b, fn, f);
        }

    if (b.failed)
        st = BC_ERR_NOMEM;
out:
    free(sorted);
    free(unit_file);
    counts_free(&a->built);
    if (st == BC_OK)
        a->built = c; /* for the sections agg_save builds again */
    else
        counts_free(&c);
    if (st != BC_OK) {
        xmlFreeDoc(b.doc);
        return st;
    }
    *out = b.doc;
    return BC_OK;
}

/* --- saving every item -----------------------------------------------------
 *
 * A view with a bounded list (its element has @count) is saved as the
 * document agg_build makes without a limit: what xmlio_save_atomic writes
 * (xmlDocDumpFormatMemoryEnc, UTF-8, indented) is written here piece by
 * piece through libxml2's own node serialiser, each cut list holding every
 * item.  The items are built one at a time, by the list's item function,
 * in a scratch document, written and freed. */

/* Writes the NUL-terminated s to out; -1 on failure. */
static int out_s(xmlOutputBufferPtr out, const char *s)
{
    size_t n = strlen(s);
    if (n > INT_MAX)
        return -1;
    return xmlOutputBufferWrite(out, (int)n, s) < 0 ? -1 : 0;
}

/* The list whose element is n (a child of the view's root) when the view
 * holds only some of its items, else -1. */
static int cut_list(xmlNodePtr n)
{
    if (n->type != XML_ELEMENT_NODE || !xmlHasProp(n, BAD_CAST "count"))
        return -1;
    for (int l = 0; l < LIST__COUNT; l++)
        if (xmlStrEqual(n->name, BAD_CAST agg_lists[l].list))
            return l;
    return -1;
}

/* A scratch document for elements built to be written and freed: names
 * from a dictionary, its root element named root_name (*root), and an
 * encoding, so that libxml2's serialiser writes attribute values as
 * xmlDocContentDumpOutput does (UTF-8, unescaped).  NULL when out of
 * memory. */
static xmlDocPtr scratch_new(const xmlChar *root_name, xmlNodePtr *root)
{
    xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
    if (doc && !(doc->dict = xmlDictCreate())) {
        xmlFreeDoc(doc);
        return NULL;
    }
    *root = doc ? xmlNewDocNode(doc, NULL, root_name, NULL) : NULL;
    if (!*root) {
        xmlFreeDoc(doc);
        return NULL;
    }
    xmlDocSetRootElement(doc, *root);
    doc->encoding = xmlStrdup(BAD_CAST "UTF-8");
    if (!doc->encoding) {
        xmlFreeDoc(doc);
        return NULL;
    }
    return doc;
}

static void rebuild_revisions(builder *b, xmlNodePtr root)
{
    build_revisions(b, root, &b->a->built);
}

/* The sections whose nested lists the view may cut (cut_items), built
 * again with every item when saved. */
static const struct agg_section {
    const char *name;
    void (*build)(builder *b, xmlNodePtr root);
} agg_rebuilt[] = {
    {"revisions", rebuild_revisions},
    {"themes", build_themes},
};

/* The entry of agg_rebuilt for section n of the view when a list nested
 * in it is cut, else NULL. */
static const struct agg_section *cut_section(xmlNodePtr n)
{
    if (n->type != XML_ELEMENT_NODE)
        return NULL;
    for (size_t k = 0; k < BC_ARRAY_LEN(agg_rebuilt); k++) {
        if (!xmlStrEqual(n->name, BAD_CAST agg_rebuilt[k].name))
            continue;
        for (xmlNodePtr c = n->children; c; c = c->next)
            if (c->type == XML_ELEMENT_NODE && xmlHasProp(c, BAD_CAST "count"))
                return &agg_rebuilt[k];
        return NULL;
    }
    return NULL;
}

/* Writes section sec at level 1 (its indentation already written), built
 * again with every item in a scratch document.  BC_OK, BC_ERR_NOMEM or
 * BC_ERR_IO. */
static bc_status dump_section(bc_agg *a, const struct agg_section *sec,
                              xmlOutputBufferPtr out)
{
    xmlNodePtr root;
    xmlDocPtr doc = scratch_new(BAD_CAST "aggregate", &root);
    if (!doc)
        return BC_ERR_NOMEM;
    builder b = {a, doc, 0, 0};
    sec->build(&b, root);
    bc_status st = BC_OK;
    if (b.failed || !root->children)
        st = BC_ERR_NOMEM;
    else
        xmlNodeDumpOutput(out, doc, root->children, 1, 1, "UTF-8");
    if (st == BC_OK && out->error)
        st = BC_ERR_IO;
    xmlFreeDoc(doc);
    return st;
}

/* Writes the element of cut list l (list, in view) at level 1 (its
 * indentation already written): its attributes but count and listed, its
 * children that are not items, as they are, then every item.  BC_OK,
 * BC_ERR_NOMEM or BC_ERR_IO. */
static bc_status dump_list(bc_agg *a, xmlDocPtr view, xmlNodePtr list, int l,
                           xmlOutputBufferPtr out)
{
    const char *item = agg_lists[l].item;
    if (out_s(out, "<") || out_s(out, (const char *)list->name))
        return BC_ERR_IO;
    for (xmlAttrPtr p = list->properties; p; p = p->next)
        if (!xmlStrEqual(p->name, BAD_CAST "count") &&
            !xmlStrEqual(p->name, BAD_CAST "listed"))
            xmlNodeDumpOutput(out, view, (xmlNodePtr)p, 0, 1, "UTF-8");
    /* cut: it has more items than the limit, at least one */
    if (out_s(out, ">\n"))
        return BC_ERR_IO;
    for (xmlNodePtr c = list->children; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE && xmlStrEqual(c->name, BAD_CAST item))
            continue;
        if (out_s(out, "    "))
            return BC_ERR_IO;
        xmlNodeDumpOutput(out, view, c, 2, 1, "UTF-8");
        if (out_s(out, "\n"))
            return BC_ERR_IO;
    }
    xmlNodePtr parent;
    builder b = {a, scratch_new(list->name, &parent), 0, 0};
    if (!b.doc)
        return BC_ERR_NOMEM;
    bc_status st = BC_OK;
    for (size_t i = 0; i < a->n_items[l] && st == BC_OK; i++) {
        agg_lists[l].build(&b, parent, a->items[l][i]);
        xmlNodePtr n = parent->last;
        if (b.failed || !n) {
            st = BC_ERR_NOMEM;
            break;
        }
        if (out_s(out, "    "))
            st = BC_ERR_IO;
        else
            xmlNodeDumpOutput(out, b.doc, n, 2, 1, "UTF-8");
        xmlUnlinkNode(n);
        xmlFreeNode(n);
        if (st == BC_OK && (out_s(out, "\n") || out->error))
            st = BC_ERR_IO;
    }
    xmlFreeDoc(b.doc);
    if (st == BC_OK && (out_s(out, "  </") || out_s(out, (const char *)list->name) ||
                        out_s(out, ">")))
        st = BC_ERR_IO;
    return st;
}

/* Writes view to out as xmlio_dump writes it, with every item of a in
 * each cut list.  The view's encoding is set for the time of the call. */
static bc_status dump_full(bc_agg *a, xmlDocPtr view, xmlOutputBufferPtr out)
{
    xmlNodePtr root = xmlDocGetRootElement(view);
    /* the XML declaration, as xmlDocContentDumpOutput writes it */
    const char *version = view->version ? (const char *)view->version : "1.0";
    if (strchr(version, '"'))
        return BC_ERR_INTERNAL;
    if (out_s(out, "<?xml version=\"") || out_s(out, version) ||
        out_s(out, "\" encoding=\"UTF-8\"") ||
        (view->standalone == 0 && out_s(out, " standalone=\"no\"")) ||
        (view->standalone == 1 && out_s(out, " standalone=\"yes\"")) ||
        out_s(out, "?>\n"))
        return BC_ERR_IO;
    const xmlChar *old_enc = view->encoding;
    view->encoding = BAD_CAST "UTF-8";
    bc_status st = BC_OK;
    for (xmlNodePtr c = view->children; c && st == BC_OK; c = c->next) {
        if (c != root) {
            xmlNodeDumpOutput(out, view, c, 0, 1, "UTF-8");
        } else {
            /* the root's start tag, each child indented one level (the
             * root holds elements only, so the output is indented), the
             * end tag */
            if (out_s(out, "<") || out_s(out, (const char *)root->name))
                st = BC_ERR_IO;
            for (xmlAttrPtr p = root->properties; p && st == BC_OK; p = p->next)
                xmlNodeDumpOutput(out, view, (xmlNodePtr)p, 0, 1, "UTF-8");
            if (st == BC_OK && out_s(out, root->children ? ">\n" : "/>"))
                st = BC_ERR_IO;
            for (xmlNodePtr k = root->children; k && st == BC_OK; k = k->next) {
                int l = cut_list(k);
                const struct agg_section *sec = cut_section(k);
                if (out_s(out, "  "))
                    st = BC_ERR_IO;
                else if (l >= 0)
                    st = dump_list(a, view, k, l, out);
                else if (sec)
                    st = dump_section(a, sec, out);
                else
                    xmlNodeDumpOutput(out, view, k, 1, 1, "UTF-8");
                if (st == BC_OK && out_s(out, "\n"))
                    st = BC_ERR_IO;
            }
            if (st == BC_OK && root->children &&
                (out_s(out, "</") || out_s(out, (const char *)root->name) ||
                 out_s(out, ">")))
                st = BC_ERR_IO;
        }
        if (st == BC_OK && (out_s(out, "\n") || out->error))
            st = BC_ERR_IO;
    }
    view->encoding = old_enc;
    return st;
}

/* 1 when view can be written by dump_full: its root holds elements only,
 * none of them with a namespace. */
static int dump_full_can(xmlDocPtr view)
{
    xmlNodePtr root = xmlDocGetRootElement(view);
    if (!root || root->ns || root->nsDef)
        return 0;
    for (xmlNodePtr k = root->children; k; k = k->next)
        if (k->type != XML_ELEMENT_NODE)
            return 0;
    return 1;
}

/* Streams the whole document to path atomically: a temporary file beside
 * it, flushed and renamed over path; removed on failure. */
static bc_status save_streamed(bc_agg *a, xmlDocPtr view, const char *path)
{
    char *tmp = NULL;
    FILE *f = bc_atomic_open(path, &tmp);
    if (!f)
        return BC_ERR_IO;
    xmlOutputBufferPtr out = xmlOutputBufferCreateFile(f, NULL);
    if (!out) {
        bc_atomic_commit(f, tmp, path, 0);
        return BC_ERR_NOMEM;
    }
    bc_status st = dump_full(a, view, out);
    /* flushes; does not close f */
    if (xmlOutputBufferClose(out) < 0 && st == BC_OK)
        st = BC_ERR_IO;
    bc_status cst = bc_atomic_commit(f, tmp, path, st == BC_OK);
    return st != BC_OK ? st : cst;
}

bc_status agg_save(bc_agg *a, xmlDocPtr view, const char *path, bc_diag *d)
{
    int cut = 0;
    for (xmlNodePtr k = xmlio_child(xmlDocGetRootElement(view), NULL); k;
         k = xmlio_next(k, NULL)) {
        int l = cut_list(k);
        if (l >= 0 && !a->items[l])
            cut = -1; /* not a view of this aggregator */
        else if ((l >= 0 || cut_section(k)) && cut == 0)
            cut = 1;
    }
    bc_status st;
    if (cut == 0)
        st = xmlio_save_atomic(view, path);
    else if (cut < 0 || !dump_full_can(view))
        st = BC_ERR_INTERNAL;
    else
        st = save_streamed(a, view, path);
    if (st != BC_OK) {
        bc_loc at = {path, 0, NULL};
        diag_add(d, BC_SEV_ERROR, "FILE-WRITE", &at, NULL, NULL,
                 "không ghi được tệp tổng hợp (%s)", bc_status_msg(st));
    }
    return st;
}
