/* aggregate.c - dedupe, replacements, sums and target progress; the
 * aggregate document. */
#include "aggregate.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "util.h"
#include "xmlio.h"

#define AGG_FORMAT "1"

/* --- tables ------------------------------------------------------------- */

typedef enum file_status { FILE_ACCEPTED, FILE_REJECTED, FILE_REPLACED } file_status;

typedef struct agg_file {
    const char *path;
    int cycle;
    const char *unit;     /* as written in the file, NULL if unreadable */
    bc_date date;
    file_status status;
    int replaced_by;      /* file index, -1 */
    size_t records, errors, warnings;
} agg_file;

typedef struct agg_source {
    int file;             /* index into files */
    unsigned line;
    const char *cell;
    rec_status status;
    int next;             /* next source of the same record, -1 */
} agg_source;

typedef struct agg_record {
    const char *appno;
    int kind;
    rec_status status;
    bc_date filed, granted;
    const char *certificate, *name, *product, *owner, *place, *task;
    int rank;             /* cycle * 4 + status rank of the source used */
    int first_src, last_src, n_src;
    const plan_protected *pre; /* on Phụ lục 1 */
} agg_record;

typedef struct agg_money { bc_money allocated, disbursed; int any; } agg_money;
typedef struct agg_act { size_t activities, quantity, participants; } agg_act;

typedef struct agg_mark {
    const char *key;      /* folded name */
    const char *name;     /* as first typed */
    int kind;
    int first_year;
    int this_year;
    bc_strbuf units;      /* "178, SKHCN" */
    const char *known_as;
} agg_mark;

typedef struct agg_narr {
    const char *unit;
    const char *results, *difficulties, *proposals;
} agg_narr;

typedef struct agg_repl {
    int kept, replaced;   /* file indexes */
} agg_repl;

struct bc_agg {
    const plan *p;
    int year;
    int n_years;          /* plan start .. year */
    bc_arena *arena;

    agg_file *files; size_t n_files, cap_files;
    agg_source *srcs; size_t n_srcs, cap_srcs;
    agg_record *recs; size_t n_recs, cap_recs;
    int *hash; size_t hash_cap;       /* open addressing: record index+1 */
    agg_mark *marks; size_t n_marks, cap_marks;
    agg_narr *narrs; size_t n_narrs, cap_narrs;
    agg_repl *repls; size_t n_repls, cap_repls;

    /* per task of Phụ lục 2 and plan year; tasks are indexed A first
     * (0 .. n_tasks_a-1), then B */
    size_t n_tasks;
    agg_money *money;     /* [task][year] */
    agg_act *acts;        /* [task][year] */

    /* winners of the cycle being read */
    int cur_cycle;
    submission **held; int *held_file; size_t n_held, cap_held;
    int illustrative;
};

/* Grows *v (element size sz) to hold one more; -1 when out of memory. */
static int grow(void **v, size_t *cap, size_t n, size_t sz)
{
    if (n < *cap)
        return 0;
    size_t nc = *cap ? *cap * 2 : 16;
    if (nc > SIZE_MAX / sz)
        return -1;
    void *p = realloc(*v, nc * sz);
    if (!p)
        return -1;
    *v = p;
    *cap = nc;
    return 0;
}
#define GROW(a, field, n, cap) grow((void **)&(a)->field, &(a)->cap, (a)->n, sizeof *(a)->field)

int agg_year_of(const plan *p, bc_date dt)
{
    int y = date_year(dt);
    if (dt >= date_make(y, p->period_month, p->period_day))
        y++;
    return y;
}

bc_agg *agg_new(const plan *p, int year)
{
    bc_agg *a = calloc(1, sizeof *a);
    if (!a)
        return NULL;
    a->p = p;
    a->year = year;
    a->n_years = year >= p->start_year ? year - p->start_year + 1 : 0;
    a->arena = arena_new();
    size_t ny = (size_t)(a->n_years ? a->n_years : 1);
    a->n_tasks = p->n_tasks_a + p->n_tasks_b;
    a->money = calloc((a->n_tasks ? a->n_tasks : 1) * ny, sizeof *a->money);
    a->acts = calloc((a->n_tasks ? a->n_tasks : 1) * ny, sizeof *a->acts);
    a->hash_cap = 1024;
    a->hash = calloc(a->hash_cap, sizeof *a->hash);
    if (!a->arena || !a->money || !a->acts || !a->hash) {
        agg_free(a);
        return NULL;
    }
    return a;
}

void agg_free(bc_agg *a)
{
    if (!a)
        return;
    for (size_t i = 0; i < a->n_held; i++)
        submission_free(a->held[i]);
    for (size_t i = 0; i < a->n_marks; i++)
        sb_release(&a->marks[i].units);
    free(a->held);
    free(a->held_file);
    free(a->files);
    free(a->srcs);
    free(a->recs);
    free(a->hash);
    free(a->marks);
    free(a->narrs);
    free(a->repls);
    free(a->money);
    free(a->acts);
    arena_free(a->arena);
    free(a);
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

/* FNV-1a */
static size_t hash_str(const char *s)
{
    size_t h = 1469598103934665603u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

static int rehash(bc_agg *a)
{
    size_t cap = a->hash_cap * 2;
    int *h = calloc(cap, sizeof *h);
    if (!h)
        return -1;
    for (size_t i = 0; i < a->n_recs; i++) {
        size_t j = hash_str(a->recs[i].appno) & (cap - 1);
        while (h[j])
            j = (j + 1) & (cap - 1);
        h[j] = (int)i + 1;
    }
    free(a->hash);
    a->hash = h;
    a->hash_cap = cap;
    return 0;
}

/* The record of an application number, created when new (*created=1).
 * NULL when out of memory. */
static agg_record *record_get(bc_agg *a, const char *appno, int *created)
{
    size_t j = hash_str(appno) & (a->hash_cap - 1);
    while (a->hash[j]) {
        agg_record *r = &a->recs[a->hash[j] - 1];
        if (strcmp(r->appno, appno) == 0) {
            *created = 0;
            return r;
        }
        j = (j + 1) & (a->hash_cap - 1);
    }
    if ((a->n_recs + 1) * 2 > a->hash_cap) {
        if (rehash(a) != 0)
            return NULL;
        return record_get(a, appno, created);
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
    a->hash[j] = (int)++a->n_recs;
    *created = 1;
    return r;
}

static const char *unit_name(const plan *p, const char *code)
{
    const plan_unit *u = code ? plan_unit_find(p, code) : NULL;
    return u ? u->name : (code ? code : "");
}

static const char *file_unit_name(const bc_agg *a, int file)
{
    return unit_name(a->p, a->files[file].unit);
}

/* --- adding files --------------------------------------------------------- */

static const char *adup(bc_agg *a, const char *s)
{
    return s ? arena_strdup(a->arena, s) : NULL;
}

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

/* Merges one record of an accepted submission. */
static bc_status merge_record(bc_agg *a, int file, const sub_record *sr,
                              bc_diag *d)
{
    const agg_file *f = &a->files[file];
    if (!sr->appno_v || sr->kind_v < 0)
        return BC_OK;
    int created;
    agg_record *r = record_get(a, sr->appno_v, &created);
    if (!r || GROW(a, srcs, n_srcs, cap_srcs) != 0)
        return BC_ERR_NOMEM;
    agg_source *s = &a->srcs[a->n_srcs];
    s->file = file;
    s->line = sr->at.line;
    s->cell = adup(a, sr->at.cell);
    s->status = sr->status_v;
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
                         unit_name(a->p, of->unit), of->path,
                         ol.cell ? ol.cell : "");
                if (!ol.cell)
                    snprintf(other, sizeof other, "%s (%s:%u)",
                             unit_name(a->p, of->unit), of->path, ol.line);
                diag_add(d, BC_SEV_WARNING, "DUP-APPNO", &here, sr->appno_v,
                         "mỗi đơn chỉ do một đơn vị báo cáo",
                         "số đơn đã được %s báo cáo trong cùng kỳ; chỉ tính "
                         "một lần",
                         other);
                break;
            }
        }
        if (r->kind != sr->kind_v) {
            diag_add(d, BC_SEV_WARNING, "DUP-CONFLICT", &here,
                     a->p->kinds[sr->kind_v].code, a->p->kinds[r->kind].code,
                     "số đơn %s đã được báo cáo với loại đối tượng khác; "
                     "giữ loại của báo cáo mới nhất",
                     sr->appno_v);
        } else if (r->filed && sr->filed_v && r->filed != sr->filed_v) {
            char f1[11], f2[11];
            diag_add(d, BC_SEV_WARNING, "DUP-CONFLICT", &here,
                     date_format_vn(sr->filed_v, f1),
                     date_format_vn(r->filed, f2),
                     "số đơn %s đã được báo cáo với ngày nộp đơn khác",
                     sr->appno_v);
        }
        a->srcs[r->last_src].next = si;
        r->last_src = si;
    } else {
        r->first_src = r->last_src = si;
    }
    r->n_src++;

    /* the latest cycle wins; within it the most advanced status */
    int rank = f->cycle * 4 + status_rank(sr->status_v);
    if (created || rank >= r->rank) {
        r->rank = rank;
        r->kind = sr->kind_v;
        r->status = sr->status_v;
        if (sr->filed_v)
            r->filed = sr->filed_v;
        if (sr->granted_v)
            r->granted = sr->granted_v;
        r->certificate = sr->certificate.s ? adup(a, sr->certificate.s) : r->certificate;
        r->name = sr->name.s ? adup(a, sr->name.s) : r->name;
        r->product = sr->product.s ? adup(a, sr->product.s) : r->product;
        r->owner = sr->owner.s ? adup(a, sr->owner.s) : r->owner;
        r->place = sr->place.s ? adup(a, sr->place.s) : r->place;
        r->task = sr->task.s ? adup(a, sr->task.s) : r->task;
    } else {
        if (!r->filed && sr->filed_v)
            r->filed = sr->filed_v;
        if (!r->granted && sr->granted_v)
            r->granted = sr->granted_v;
    }

    /* a "new" protection that Phụ lục 1 lists as protected before the plan */
    if (sr->status_v == REC_GRANTED) {
        const plan_protected *pp = plan_protected_match(a->p, sr->kind_v,
                                                        sr->name.s,
                                                        sr->product.s);
        if (pp) {
            char exp[300];
            snprintf(exp, sizeof exp, "đối tượng chưa có trong Phụ lục 1 "
                     "(đã có: %s, năm %d)", pp->name, pp->year);
            if (!r->pre)
                diag_add(d, BC_SEV_WARNING, "PL1-EXISTING", &here,
                         sr->name.s ? sr->name.s : sr->product.s, exp,
                         "đối tượng đã được bảo hộ trước Đề án (Phụ lục 1), "
                         "không tính là bảo hộ mới");
            r->pre = pp;
        }
    }
    return BC_OK;
}

static bc_status merge_support(bc_agg *a, int file, const sub_support *sp,
                               bc_diag *d)
{
    const agg_file *f = &a->files[file];
    if (!sp->mark.s || sp->kind_v < 0 || !sp->date_v)
        return BC_OK;
    char *key = text_fold(sp->mark.s);
    if (!key)
        return BC_ERR_NOMEM;
    int y = agg_year_of(a->p, sp->date_v);
    agg_mark *m = NULL;
    for (size_t i = 0; i < a->n_marks; i++)
        if (strcmp(a->marks[i].key, key) == 0) {
            m = &a->marks[i];
            break;
        }
    if (!m) {
        if (GROW(a, marks, n_marks, cap_marks) != 0) {
            free(key);
            return BC_ERR_NOMEM;
        }
        m = &a->marks[a->n_marks++];
        memset(m, 0, sizeof *m);
        m->key = adup(a, key);
        m->name = adup(a, sp->mark.s);
        m->kind = sp->kind_v;
        m->first_year = y;
        /* a mark is named either way: "Quýt vàng Bắc Sơn" (the name) or
         * "Rau thành phố Lạng Sơn" (the product) */
        const plan_protected *pp = plan_protected_match(a->p, sp->kind_v,
                                                        sp->mark.s, NULL);
        if (!pp)
            pp = plan_protected_match(a->p, sp->kind_v, NULL, sp->mark.s);
        if (pp) {
            char buf[300];
            snprintf(buf, sizeof buf, "Phụ lục 1: %s (%d)", pp->name, pp->year);
            m->known_as = adup(a, buf);
        } else {
            /* a mark granted during the plan, reported by name */
            for (size_t i = 0; i < a->n_recs && !m->known_as; i++) {
                const agg_record *r = &a->recs[i];
                if (r->status == REC_GRANTED && r->kind == sp->kind_v &&
                    r->name && text_same(r->name, sp->mark.s))
                    m->known_as = r->appno;
            }
        }
        if (!m->known_as) {
            bc_loc at = {f->path, sp->at.cell ? 0 : sp->at.line, sp->at.cell};
            diag_add(d, BC_SEV_WARNING, "SUPPORT-UNKNOWN-MARK", &at,
                     sp->mark.s,
                     "nhãn hiệu đã được bảo hộ (Phụ lục 1 hoặc đã cấp bằng)",
                     "nhãn hiệu được hỗ trợ phát triển không có trong danh sách "
                     "đã được bảo hộ");
        }
    }
    free(key);
    if (y < m->first_year)
        m->first_year = y;
    if (y == a->year)
        m->this_year = 1;
    if (f->unit) {
        const char *s = sb_str(&m->units);
        size_t n = strlen(f->unit);
        int seen = 0;
        for (const char *p = s; (p = strstr(p, f->unit)) != NULL; p += n)
            if ((p == s || p[-1] == ' ') && (p[n] == ',' || p[n] == '\0'))
                seen = 1;
        if (!seen) {
            if (m->units.len)
                sb_adds(&m->units, ", ");
            sb_adds(&m->units, f->unit);
        }
    }
    return m->units.failed ? BC_ERR_NOMEM : BC_OK;
}

/* Merges every winner of the cycle being read, then frees them. */
static bc_status flush_cycle(bc_agg *a, bc_diag *d)
{
    bc_status st = BC_OK;
    const plan *p = a->p;
    for (size_t h = 0; h < a->n_held && st == BC_OK; h++) {
        const submission *s = a->held[h];
        int file = a->held_file[h];
        int cyc = a->files[file].cycle;
        int yi = year_index(a, cyc);
        if (s->illustrative_v)
            a->illustrative = 1;
        size_t before = diag_count(d);
        for (size_t i = 0; i < s->n_records && st == BC_OK; i++)
            st = merge_record(a, file, &s->records[i], d);
        for (size_t i = 0; i < s->n_supports && st == BC_OK; i++)
            st = merge_support(a, file, &s->supports[i], d);
        diag_set_context(d, before, a->files[file].unit, cyc);
        for (size_t i = 0; i < s->n_activities && yi >= 0; i++) {
            const sub_activity *ac = &s->activities[i];
            int t = task_index(p, ac->task_v);
            int ayi = year_index(a, ac->date_v ? agg_year_of(p, ac->date_v) : cyc);
            if (t < 0 || ayi < 0)
                continue;
            agg_act *x = ACTS(a, t, ayi);
            x->activities++;
            const char *kind = ac->kind.s ? ac->kind.s : "";
            const char *measure = (size_t)t < p->n_tasks_a ? p->tasks_a[t].measure : NULL;
            if (measure && strcmp(measure, "classes") == 0) {
                if (strcmp(kind, "tap-huan") == 0)
                    x->quantity += ac->classes_v > 0 ? (size_t)ac->classes_v : 1;
            } else if (measure && strcmp(measure, "tasks") == 0) {
                if (strcmp(kind, "nhiem-vu") == 0)
                    x->quantity++;
            } else {
                x->quantity++;
            }
            if (ac->participants_v > 0)
                x->participants += (size_t)ac->participants_v;
        }
        for (size_t i = 0; i < s->n_budget && yi >= 0; i++) {
            const sub_budget *b = &s->budget[i];
            int t = task_index(p, b->task_v);
            if (t < 0 || !b->amounts_ok)
                continue;
            agg_money *m = MONEY(a, t, yi);
            if (money_add(&m->allocated, b->allocated_v) ||
                money_add(&m->disbursed, b->disbursed_v))
                st = BC_ERR_LIMIT;
            m->any = 1;
        }
        if (cyc == a->year && (s->results.s || s->difficulties.s || s->proposals.s)) {
            if (GROW(a, narrs, n_narrs, cap_narrs) != 0) {
                st = BC_ERR_NOMEM;
                break;
            }
            agg_narr *n = &a->narrs[a->n_narrs++];
            n->unit = a->files[file].unit;
            n->results = adup(a, s->results.s);
            n->difficulties = adup(a, s->difficulties.s);
            n->proposals = adup(a, s->proposals.s);
        }
    }
    for (size_t h = 0; h < a->n_held; h++)
        submission_free(a->held[h]);
    a->n_held = 0;
    return st;
}

bc_status agg_add_file(bc_agg *a, const char *path, int cycle, submission *s,
                       size_t errors, size_t warnings, bc_diag *d)
{
    bc_status st = BC_OK;
    if (a->n_files && cycle != a->cur_cycle) {
        st = flush_cycle(a, d);
        if (st != BC_OK)
            goto fail;
    }
    a->cur_cycle = cycle;
    if (GROW(a, files, n_files, cap_files) != 0) {
        st = BC_ERR_NOMEM;
        goto fail;
    }
    agg_file *f = &a->files[a->n_files];
    memset(f, 0, sizeof *f);
    f->path = adup(a, path);
    f->cycle = cycle;
    f->replaced_by = -1;
    f->errors = errors;
    f->warnings = warnings;
    if (s) {
        f->unit = adup(a, s->unit_v ? s->unit_v : s->unit.s);
        f->date = s->date_v;
        f->records = s->n_records;
    }
    f->status = (s && errors == 0) ? FILE_ACCEPTED : FILE_REJECTED;
    int fi = (int)a->n_files++;
    if (f->status != FILE_ACCEPTED || !f->unit) {
        submission_free(s);
        return BC_OK;
    }

    /* a later submission of the same unit for the same year replaces the
     * earlier one: later by the submission's own date, then by file name */
    for (size_t h = 0; h < a->n_held; h++) {
        int of = a->held_file[h];
        if (strcmp(a->files[of].unit, f->unit) != 0)
            continue;
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
                 cycle, unit_name(a->p, f->unit));
        diag_set_context(d, before, f->unit, cycle);
        if (GROW(a, repls, n_repls, cap_repls) != 0) {
            st = BC_ERR_NOMEM;
            goto fail;
        }
        a->repls[a->n_repls].kept = keep;
        a->repls[a->n_repls].replaced = drop;
        a->n_repls++;
        if (newer) {
            submission_free(a->held[h]);
            a->held[h] = s;
            a->held_file[h] = fi;
        } else {
            submission_free(s);
        }
        return BC_OK;
    }
    if (a->n_held == a->cap_held) {
        size_t nc = a->cap_held ? a->cap_held * 2 : 32;
        submission **nh = realloc(a->held, nc * sizeof *nh);
        if (!nh) {
            st = BC_ERR_NOMEM;
            goto fail;
        }
        a->held = nh;
        int *nf = realloc(a->held_file, nc * sizeof *nf);
        if (!nf) {
            st = BC_ERR_NOMEM;
            goto fail;
        }
        a->held_file = nf;
        a->cap_held = nc;
    }
    a->held[a->n_held] = s;
    a->held_file[a->n_held] = fi;
    a->n_held++;
    return BC_OK;
fail:
    submission_free(s);
    return st;
}

/* --- building the document -------------------------------------------------- */

typedef struct builder {
    bc_agg *a;
    xmlDocPtr doc;
    int failed;
} builder;

static xmlNodePtr el(builder *b, xmlNodePtr parent, const char *name)
{
    xmlNodePtr n = xmlNewChild(parent, NULL, BAD_CAST name, NULL);
    if (!n)
        b->failed = 1;
    return n;
}

static void at_s(builder *b, xmlNodePtr n, const char *name, const char *v)
{
    if (!n || !v)
        return;
    if (!xmlNewProp(n, BAD_CAST name, BAD_CAST v))
        b->failed = 1;
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

/* the ratio num/den of two amounts, exact to 4 places; absent when den <= 0 */
static void at_ratio_m(builder *b, xmlNodePtr n, const char *name, bc_money num,
                       bc_money den)
{
    if (den <= 0)
        return;
    at_f(b, n, name, (double)num / (double)den, 4);
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
    at_s(b, n, "severity-text", diag_sev_word(f->sev));
    at_s(b, n, "code", f->code);
    at_s(b, n, "file", f->file);
    at_s(b, n, "place", f->place);
    at_s(b, n, "unit", f->unit);
    if (f->unit)
        at_s(b, n, "unit-name", unit_name(b->a->p, f->unit));
    if (f->cycle)
        at_i(b, n, "cycle", f->cycle);
    at_s(b, n, "message", f->message);
    at_s(b, n, "found", f->found);
    at_s(b, n, "expected", f->expected);
}

/* Counts of events per kind and year: filed[kind][yi], granted[...] */
typedef struct counts {
    size_t *filed, *granted, *refused;
    size_t *filed_new, *granted_new; /* excluding Phụ lục 1 products */
} counts;

static size_t *cell(size_t *v, const bc_agg *a, int kind, int yi)
{
    return &v[(size_t)kind * (size_t)a->n_years + (size_t)yi];
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
        /* value per plan year */
        size_t cum = 0, this_year = 0;
        size_t *vals = calloc((size_t)(a->n_years ? a->n_years : 1), sizeof *vals);
        if (!vals) {
            b->failed = 1;
            return;
        }
        for (int yi = 0; yi < a->n_years; yi++) {
            size_t v = 0;
            for (size_t k = 0; k < p->n_kinds; k++) {
                if (!(tg->kinds & (1u << k)))
                    continue;
                if (tg->counts & COUNT_FILED)
                    v += *cell(tg->only_new ? c->filed_new : c->filed, a, (int)k, yi);
                if (tg->counts & COUNT_GRANTED)
                    v += *cell(tg->only_new ? c->granted_new : c->granted, a, (int)k, yi);
            }
            if (tg->counts & COUNT_SUPPORTED) {
                int y = p->start_year + yi;
                for (size_t m = 0; m < a->n_marks; m++)
                    if (a->marks[m].first_year == y &&
                        (tg->kinds & (1u << a->marks[m].kind)))
                        v++;
            }
            vals[yi] = v;
            cum += v;
        }
        if (a->n_years)
            this_year = vals[a->n_years - 1];
        if (tg->counts & COUNT_SUPPORTED) {
            /* this year: distinct marks supported this year, new or not */
            this_year = 0;
            for (size_t m = 0; m < a->n_marks; m++)
                if (a->marks[m].this_year && (tg->kinds & (1u << a->marks[m].kind)))
                    this_year++;
        }
        const char *status, *status_text;
        if (tg->type == TARGET_RANGE) {
            at_i(b, n, "min", tg->min);
            at_i(b, n, "max", tg->max);
            at_i(b, n, "year-value", (long long)this_year);
            at_i(b, n, "cumulative", (long long)cum);
            if (tg->min > 0)
                at_f(b, n, "share-min", (double)cum / tg->min, 4);
            size_t needed = cum >= (size_t)tg->min ? 0 : (size_t)tg->min - cum;
            at_i(b, n, "needed", (long long)needed);
            at_f(b, n, "pace-needed",
                 remaining ? (double)needed / remaining : (double)needed, 2);
            at_f(b, n, "expected-by-now",
                 (double)tg->min * elapsed / total_years, 2);
            if (cum >= (size_t)tg->min) {
                status = "reached";
                status_text = "đạt";
            } else if (cum * (size_t)total_years >= (size_t)tg->min * (size_t)elapsed) {
                status = "on-track";
                status_text = "đúng tiến độ";
            } else {
                status = "behind";
                status_text = "chậm tiến độ";
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
                status_text = a->year >= p->end_year ? "đạt" : "đúng tiến độ";
            } else {
                status = "behind";
                status_text = "chậm tiến độ";
            }
        }
        at_s(b, n, "status", status);
        at_s(b, n, "status-text", status_text);
        for (int yi = 0; yi < a->n_years; yi++) {
            xmlNodePtr y = el(b, n, "year");
            int yr = p->start_year + yi;
            at_i(b, y, "y", yr);
            at_i(b, y, "value", (long long)vals[yi]);
            if (tg->type == TARGET_RATE && yr > tg->baseline_year &&
                tg->baseline_value > 0)
                at_f(b, y, "growth",
                     (pow((double)vals[yi] / tg->baseline_value,
                          1.0 / (yr - tg->baseline_year)) - 1) * 100, 2);
        }
        free(vals);
    }
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

typedef struct unit_count { const char *unit; size_t filed, granted, refused; } unit_count;

static void build_new_records(builder *b, xmlNodePtr root, const counts *c)
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
    for (size_t u = 0; u < p->n_units; u++) {
        unit_count uc = {p->units[u].code, 0, 0, 0};
        for (size_t i = 0; i < a->n_recs; i++) {
            const agg_record *r = &a->recs[i];
            int f = record_unit_file(a, r);
            if (f < 0 || !a->files[f].unit || strcmp(a->files[f].unit, uc.unit) != 0)
                continue;
            if (r->filed && agg_year_of(p, r->filed) == a->year)
                uc.filed++;
            if (r->status == REC_GRANTED && r->granted &&
                agg_year_of(p, r->granted) == a->year)
                uc.granted++;
            if (r->status == REC_REFUSED && a->files[f].cycle == a->year)
                uc.refused++;
        }
        if (!uc.filed && !uc.granted && !uc.refused)
            continue;
        xmlNodePtr n = el(b, nr, "unit");
        at_s(b, n, "code", uc.unit);
        at_s(b, n, "name", p->units[u].name);
        at_i(b, n, "filed", (long long)uc.filed);
        at_i(b, n, "granted", (long long)uc.granted);
        at_i(b, n, "refused", (long long)uc.refused);
    }
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
            at_s(b, n, "host-name", unit_name(p, host));
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
            at_f(b, n, "share", (double)cur.quantity / ta->per_year, 4);
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
        if (ph->stated_total >= 0)
            at_m(b, n, "stated-total", ph->stated_total);
        if (any_amount)
            at_m(b, n, "computed-total", computed);
        if (ph->stated_total >= 0 && any_amount && ph->stated_total != computed)
            at_m(b, n, "difference", ph->stated_total - computed);
        at_m(b, n, "allocated", alloc);
        at_m(b, n, "disbursed", disb);
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
            at_s(b, n, "host-name", unit_name(p, tb->host));
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
            at_s(b, n, "host-name", unit_name(p, ta->host));
        at_m(b, n, "allocated", alloc);
        at_m(b, n, "disbursed", disb);
        at_ratio_m(b, n, "rate", disb, alloc);
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
    }
}

static void build_units(builder *b, xmlNodePtr root, size_t *expected,
                        size_t *submitted, size_t *missing)
{
    bc_agg *a = b->a;
    const plan *p = a->p;
    xmlNodePtr un = el(b, root, "units");
    for (size_t u = 0; u < p->n_units; u++) {
        const plan_unit *pu = &p->units[u];
        size_t files = 0, acc = 0, rej = 0, rep = 0;
        for (size_t i = 0; i < a->n_files; i++) {
            const agg_file *f = &a->files[i];
            if (f->cycle != a->year || !f->unit || strcmp(f->unit, pu->code) != 0)
                continue;
            files++;
            if (f->status == FILE_ACCEPTED)
                acc++;
            else if (f->status == FILE_REJECTED)
                rej++;
            else
                rep++;
        }
        int exp = plan_unit_expected(p, pu, a->year);
        if (!exp && !files)
            continue;
        const char *st, *st_text;
        if (acc) {
            st = "accepted";
            st_text = "đã nộp, hợp lệ";
        } else if (files) {
            st = "rejected";
            st_text = "đã nộp, bị từ chối";
        } else {
            st = "missing";
            st_text = "chưa nộp";
        }
        if (!exp && !acc && files) {
            st = "rejected";
            st_text = "không thuộc diện báo cáo, bị từ chối";
        } else if (!exp && acc) {
            st_text = "đã nộp (không thuộc diện phải báo cáo)";
        }
        if (exp) {
            (*expected)++;
            if (files)
                (*submitted)++;
            else
                (*missing)++;
        }
        xmlNodePtr n = el(b, un, "unit");
        at_s(b, n, "code", pu->code);
        at_s(b, n, "name", pu->name);
        at_s(b, n, "type", unit_type_name(pu->type));
        at_b(b, n, "expected", exp);
        at_i(b, n, "files", (long long)files);
        at_i(b, n, "accepted", (long long)acc);
        at_i(b, n, "rejected", (long long)rej);
        at_i(b, n, "replaced", (long long)rep);
        at_s(b, n, "status", st);
        at_s(b, n, "status-text", st_text);
        at_d(b, n, "valid-to", pu->valid_to);
        if (pu->successor)
            at_s(b, n, "successor", unit_name(p, pu->successor));
    }
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

bc_status agg_build(bc_agg *a, const bc_diag *findings,
                    const bc_diag *plan_findings, xmlDocPtr settings,
                    bc_diag *d, xmlDocPtr *out)
{
    *out = NULL;
    bc_status st = flush_cycle(a, d);
    if (st != BC_OK)
        return st;
    const plan *p = a->p;
    builder b = {a, xmlNewDoc(BAD_CAST "1.0"), 0};
    agg_record **sorted = NULL;
    counts c = {0};
    size_t cells = p->n_kinds * (size_t)(a->n_years ? a->n_years : 1);
    c.filed = calloc(cells, sizeof(size_t));
    c.granted = calloc(cells, sizeof(size_t));
    c.refused = calloc(cells, sizeof(size_t));
    c.filed_new = calloc(cells, sizeof(size_t));
    c.granted_new = calloc(cells, sizeof(size_t));
    sorted = malloc((a->n_recs ? a->n_recs : 1) * sizeof *sorted);
    if (!b.doc || !c.filed || !c.granted || !c.refused || !c.filed_new ||
        !c.granted_new || !sorted) {
        st = BC_ERR_NOMEM;
        goto out;
    }

    /* events per kind and year */
    size_t recs_this_year = 0, recs_all = 0, dups = 0;
    for (size_t i = 0; i < a->n_recs; i++) {
        const agg_record *r = &a->recs[i];
        sorted[i] = &a->recs[i];
        int fy = r->filed ? year_index(a, agg_year_of(p, r->filed)) : -1;
        int gy = (r->status == REC_GRANTED && r->granted)
                     ? year_index(a, agg_year_of(p, r->granted)) : -1;
        if (fy >= 0) {
            (*cell(c.filed, a, r->kind, fy))++;
            if (!r->pre)
                (*cell(c.filed_new, a, r->kind, fy))++;
        }
        if (gy >= 0) {
            (*cell(c.granted, a, r->kind, gy))++;
            if (!r->pre)
                (*cell(c.granted_new, a, r->kind, gy))++;
        }
        if (r->status == REC_REFUSED) {
            int f = record_unit_file(a, r);
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

    xmlNodePtr root = xmlNewNode(NULL, BAD_CAST "aggregate");
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
    build_series(&b, root, &c);
    build_new_records(&b, root, &c);
    build_activities(&b, root);
    build_budget(&b, root);
    size_t u_exp = 0, u_sub = 0, u_miss = 0;
    build_units(&b, root, &u_exp, &u_sub, &u_miss);

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
    at_i(&b, sum, "units-missing", (long long)u_miss);

    xmlNodePtr subs = el(&b, root, "submissions");
    for (size_t i = 0; i < a->n_files; i++) {
        const agg_file *f = &a->files[i];
        if (f->cycle != a->year)
            continue;
        xmlNodePtr n = el(&b, subs, "file");
        at_s(&b, n, "path", f->path);
        at_s(&b, n, "unit", f->unit);
        if (f->unit && plan_unit_find(p, f->unit))
            at_s(&b, n, "unit-name", unit_name(p, f->unit));
        at_d(&b, n, "date", f->date);
        at_s(&b, n, "status", f->status == FILE_ACCEPTED ? "accepted"
                              : f->status == FILE_REJECTED ? "rejected" : "replaced");
        if (f->replaced_by >= 0)
            at_s(&b, n, "replaced-by", a->files[f->replaced_by].path);
        at_i(&b, n, "records", (long long)f->records);
        at_i(&b, n, "errors", (long long)f->errors);
        at_i(&b, n, "warnings", (long long)f->warnings);
    }

    xmlNodePtr dn = el(&b, root, "duplicates");
    for (size_t i = 0; i < a->n_recs; i++) {
        const agg_record *r = sorted[i];
        if (r->n_src < 2)
            continue;
        xmlNodePtr n = el(&b, dn, "duplicate");
        at_s(&b, n, "application", r->appno);
        at_s(&b, n, "kind", p->kinds[r->kind].code);
        at_s(&b, n, "name", r->name);
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
        at_s(&b, n, "unit-name", unit_name(p, k->unit));
        at_i(&b, n, "cycle", k->cycle);
        at_s(&b, n, "kept", k->path);
        at_d(&b, n, "kept-date", k->date);
        at_s(&b, n, "replaced", r->path);
        at_d(&b, n, "replaced-date", r->date);
    }

    xmlNodePtr recn = el(&b, root, "records");
    for (size_t i = 0; i < a->n_recs; i++) {
        const agg_record *r = sorted[i];
        int fy = r->filed ? agg_year_of(p, r->filed) : 0;
        int gy = (r->status == REC_GRANTED && r->granted) ? agg_year_of(p, r->granted) : 0;
        int fin = fy && year_index(a, fy) >= 0, gin = gy && year_index(a, gy) >= 0;
        if (!fin && !gin)
            continue;
        xmlNodePtr n = el(&b, recn, "record");
        at_s(&b, n, "application", r->appno);
        at_s(&b, n, "kind", p->kinds[r->kind].code);
        at_s(&b, n, "status", rec_status_name(r->status));
        at_d(&b, n, "filed", r->filed);
        at_d(&b, n, "granted", r->granted);
        at_s(&b, n, "certificate", r->certificate);
        at_s(&b, n, "name", r->name);
        at_s(&b, n, "product", r->product);
        at_s(&b, n, "owner", r->owner);
        at_s(&b, n, "place", r->place);
        at_s(&b, n, "task", r->task);
        int f = r->first_src >= 0 ? a->srcs[r->first_src].file : -1;
        at_s(&b, n, "unit", f >= 0 ? a->files[f].unit : "");
        at_s(&b, n, "unit-name", f >= 0 ? file_unit_name(a, f) : "");
        at_i(&b, n, "sources", r->n_src);
        if (fin)
            at_i(&b, n, "filed-year", fy);
        if (gin)
            at_i(&b, n, "granted-year", gy);
        at_b(&b, n, "this-year", fy == a->year || gy == a->year);
        if (r->pre) {
            char buf[300];
            snprintf(buf, sizeof buf, "%s (%d)", r->pre->name, r->pre->year);
            at_s(&b, n, "pre-plan", buf);
        }
    }

    xmlNodePtr mn = el(&b, root, "supports");
    for (size_t i = 0; i < a->n_marks; i++) {
        const agg_mark *m = &a->marks[i];
        xmlNodePtr n = el(&b, mn, "mark");
        at_s(&b, n, "name", m->name);
        at_s(&b, n, "kind", p->kinds[m->kind].code);
        at_i(&b, n, "first-year", m->first_year);
        at_s(&b, n, "units", sb_str(&m->units));
        at_b(&b, n, "this-year", m->this_year);
        at_s(&b, n, "known-as", m->known_as);
    }

    xmlNodePtr nn = el(&b, root, "narratives");
    for (size_t u = 0; u < p->n_units; u++)
        for (size_t i = 0; i < a->n_narrs; i++) {
            const agg_narr *x = &a->narrs[i];
            if (!x->unit || strcmp(x->unit, p->units[u].code) != 0)
                continue;
            xmlNodePtr n = el(&b, nn, "unit");
            at_s(&b, n, "code", x->unit);
            at_s(&b, n, "name", p->units[u].name);
            text_child(&b, n, "results", x->results);
            text_child(&b, n, "difficulties", x->difficulties);
            text_child(&b, n, "proposals", x->proposals);
        }

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
    free(c.filed);
    free(c.granted);
    free(c.refused);
    free(c.filed_new);
    free(c.granted_new);
    if (st != BC_OK) {
        xmlFreeDoc(b.doc);
        return st;
    }
    *out = b.doc;
    return BC_OK;
}
