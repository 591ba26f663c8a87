/* gensample.c - writes the illustrative sample cycles of baocao.
 *
 *   gensample --out DIR [--seed N] [--summary] [--plan FILE]
 *       DIR/2021 ... DIR/2026: one submission per reporting unit and year,
 *       with the deliberate faults described in input/README.md.  Most
 *       are the official workbook filled in (form_write_filled, NAME.xlsx),
 *       a few the canonical XML document (templates/schema/submission.xsd,
 *       NAME.xml) of a unit with its own system, and a few workbooks a
 *       clerk laid out without the form (title rows, an extra column).
 *   gensample --synthetic N --out DIR --year Y [--seed N]
 *       DIR/Y: N XML submissions of realistic size for benchmarks (units
 *       cycled, application numbers unique per record).
 *
 * The content is built in: the unit codes, task codes and kinds are those
 * of the plan data.  The plan (--plan, default
 * templates/plan/de-an-2030.xml, validated against ../schema/plan.xsd
 * beside it) is read only to write the workbooks: their dropdown lists and
 * unit names come from it.  Output is deterministic: a private splitmix64
 * generator seeded from --seed and from the year and unit of each file, no
 * clock, no locale, sorted output, workbooks dated by their content.
 * Existing files in DIR are overwritten (atomically); the only file
 * deleted is the generator's own file of the other format with the same
 * name (NAME.xml when NAME.xlsx is written, and the reverse), so that a
 * unit changing format leaves no stale submission behind.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "lsan.h"
#include "array.h"
#include "date.h"
#include "gen_rng.h"
#include "gen_util.h"
#include "gen_words.h"
#include "diag.h"
#include "form.h"
#include "money.h"
#include "plan.h"
#include "text.h"
#include "util.h"
#include "xlsx_writer.h"

#define FIRST_CYCLE 2021
#define LAST_CYCLE 2026
#define N_CYCLES (LAST_CYCLE - FIRST_CYCLE + 1)
#define DEFAULT_SEED 2030u
#define DEFAULT_PLAN "templates/plan/de-an-2030.xml"

/* The plan data, loaded when workbooks are written. */
static plan *PLAN;

BC_LSAN_XLSXWRITER

/* A generator for one purpose: the label mixed with seed and n. */
static rng rng_for(uint64_t seed, const char *label, int n)
{
    return rng_stream(seed, label, (uint64_t)n << 40);
}

static bc_date iso(const char *s)
{
    bc_date d = 0;
    if (!s || date_parse_iso(s, &d) != 0)
        return 0;
    return d;
}

/* The reporting cycle a date falls in (15/12/Y-1 .. 14/12/Y -> Y). */
static int cycle_of(bc_date d)
{
    return date_month(d) == 12 && date_day(d) >= 15 ? date_year(d) + 1
                                                     : date_year(d);
}

static bc_date period_from(int year)
{
    return date_make(year - 1, 12, 15);
}

static bc_date period_to(int year)
{
    return date_make(year, 12, 14);
}

/* Last day generic events use: files are dated from 1 December on. */
static bc_date event_last(int year)
{
    return date_make(year, 11, 30);
}

/* ------------------------------------------------------------------------
 * Reporting units (codes of the plan data).
 * ---------------------------------------------------------------------- */
enum unit_type { U_DISTRICT, U_COMMUNE, U_DEPT };

typedef struct unit_def {
    const char *code;
    const char *name;     /* the body as it signs */
    const char *area;     /* "huyện Tràng Định"; NULL for departments */
    const char *slug;     /* e-mail local part */
    enum unit_type type;
    const char *from, *to; /* validity (ISO), NULL = open */
    int weight;            /* share of the applications it reports */
    const char *loc[5];    /* localities inside the area */
} unit_def;

static const unit_def UNITS[] = {
    {"178", "Ủy ban nhân dân thành phố Lạng Sơn", "thành phố Lạng Sơn",
     "kinhte.tplangson", U_DISTRICT, NULL, "2025-06-30", 16,
     {"phường Chi Lăng", "phường Đông Kinh", "phường Hoàng Văn Thụ",
      "phường Tam Thanh", "phường Vĩnh Trại"}},
    {"180", "Ủy ban nhân dân huyện Tràng Định", "huyện Tràng Định",
     "kinhte.trangdinh", U_DISTRICT, NULL, "2025-06-30", 8,
     {"thị trấn Thất Khê"}},
    {"181", "Ủy ban nhân dân huyện Bình Gia", "huyện Bình Gia",
     "kinhte.binhgia", U_DISTRICT, NULL, "2025-06-30", 7,
     {"thị trấn Bình Gia"}},
    {"182", "Ủy ban nhân dân huyện Văn Lãng", "huyện Văn Lãng",
     "kinhte.vanlang", U_DISTRICT, NULL, "2025-06-30", 7,
     {"thị trấn Na Sầm"}},
    {"183", "Ủy ban nhân dân huyện Cao Lộc", "huyện Cao Lộc",
     "kinhte.caoloc", U_DISTRICT, NULL, "2025-06-30", 10,
     {"thị trấn Cao Lộc", "thị trấn Đồng Đăng", "xã Bảo Lâm"}},
    {"184", "Ủy ban nhân dân huyện Văn Quan", "huyện Văn Quan",
     "kinhte.vanquan", U_DISTRICT, NULL, "2025-06-30", 6,
     {"thị trấn Văn Quan", "xã Hội Hoan", "xã Hữu Lễ"}},
    {"185", "Ủy ban nhân dân huyện Bắc Sơn", "huyện Bắc Sơn",
     "kinhte.bacson", U_DISTRICT, NULL, "2025-06-30", 8,
     {"thị trấn Bắc Sơn"}},
    {"186", "Ủy ban nhân dân huyện Hữu Lũng", "huyện Hữu Lũng",
     "kinhte.huulung", U_DISTRICT, NULL, "2025-06-30", 9,
     {"thị trấn Hữu Lũng"}},
    {"187", "Ủy ban nhân dân huyện Chi Lăng", "huyện Chi Lăng",
     "kinhte.chilang", U_DISTRICT, NULL, "2025-06-30", 8,
     {"thị trấn Đồng Mỏ", "thị trấn Chi Lăng", "xã Vạn Linh",
      "xã Hữu Kiên", "xã Vân Thủy"}},
    {"188", "Ủy ban nhân dân huyện Lộc Bình", "huyện Lộc Bình",
     "kinhte.locbinh", U_DISTRICT, NULL, "2025-06-30", 7,
     {"thị trấn Lộc Bình", "thị trấn Na Dương"}},
    {"189", "Ủy ban nhân dân huyện Đình Lập", "huyện Đình Lập",
     "kinhte.dinhlap", U_DISTRICT, NULL, "2025-06-30", 5,
     {"thị trấn Đình Lập"}},
    {"05986", "Ủy ban nhân dân phường Tam Thanh", "phường Tam Thanh",
     "kinhte.tamthanh", U_COMMUNE, "2025-07-01", NULL, 14, {NULL}},
    {"05983", "Ủy ban nhân dân phường Lương Văn Tri",
     "phường Lương Văn Tri", "kinhte.luongvantri", U_COMMUNE, "2025-07-01",
     NULL, 12, {NULL}},
    {"06187", "Ủy ban nhân dân phường Kỳ Lừa", "phường Kỳ Lừa",
     "kinhte.kylua", U_COMMUNE, "2025-07-01", NULL, 14, {NULL}},
    {"05977", "Ủy ban nhân dân phường Đông Kinh", "phường Đông Kinh",
     "kinhte.dongkinh", U_COMMUNE, "2025-07-01", NULL, 12, {NULL}},
    {"SKHCN", "Sở Khoa học và Công nghệ", NULL, "shtt.skhcn", U_DEPT, NULL,
     NULL, 8, {NULL}},
    {"SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", NULL, "vanphong.svhttdl",
     U_DEPT, NULL, NULL, 0, {NULL}},
    {"SNNPTNT", "Sở Nông nghiệp và Phát triển nông thôn", NULL,
     "vanphong.snnptnt", U_DEPT, NULL, "2025-02-28", 4, {NULL}},
    {"SNNMT", "Sở Nông nghiệp và Môi trường", NULL, "vanphong.snnmt", U_DEPT,
     "2025-03-01", NULL, 5, {NULL}},
    {"SGDDT", "Sở Giáo dục và Đào tạo", NULL, "vanphong.sgddt", U_DEPT, NULL,
     NULL, 0, {NULL}},
    {"SCT", "Sở Công Thương", NULL, "vanphong.sct", U_DEPT, NULL, NULL, 6,
     {NULL}},
    {"STC", "Sở Tài chính", NULL, "vanphong.stc", U_DEPT, NULL, NULL, 0,
     {NULL}},
    {"SKHDT", "Sở Kế hoạch và Đầu tư", NULL, "vanphong.skhdt", U_DEPT, NULL,
     "2025-02-28", 0, {NULL}},
    {"STP", "Sở Tư pháp", NULL, "vanphong.stp", U_DEPT, NULL, NULL, 0,
     {NULL}},
    {"SNV", "Sở Nội vụ", NULL, "vanphong.snv", U_DEPT, NULL, NULL, 0, {NULL}},
    {"SLDTBXH", "Sở Lao động - Thương binh và Xã hội", NULL,
     "vanphong.sldtbxh", U_DEPT, NULL, "2025-02-28", 0, {NULL}},
    {"DPTTH", "Đài Phát thanh và Truyền hình tỉnh Lạng Sơn", NULL,
     "thoisu.dptth", U_DEPT, NULL, NULL, 0, {NULL}},
    {"BLS", "Báo Lạng Sơn", NULL, "kinhte.baolangson", U_DEPT, NULL, NULL, 0,
     {NULL}},
};

/* Units with codes the plan does not know (deliberate fault 3). */
static const unit_def FAKE_190 = {
    "190", "Ủy ban nhân dân huyện Đình Lập", "huyện Đình Lập",
    "vanphong.dinhlap", U_DISTRICT, NULL, NULL, 0, {"thị trấn Đình Lập"}};
static const unit_def FAKE_SKHCN2 = {
    "SKHCN2",
    "Trung tâm Ứng dụng phát triển khoa học - công nghệ và đo lường chất "
    "lượng sản phẩm",
    NULL, "ungdung.skhcn", U_DEPT, NULL, NULL, 0, {NULL}};

static const unit_def *unit_find(const char *code)
{
    for (size_t i = 0; i < BC_ARRAY_LEN(UNITS); i++)
        if (strcmp(UNITS[i].code, code) == 0)
            return &UNITS[i];
    return NULL;
}

static bc_date unit_from(const unit_def *u)
{
    return u->from ? iso(u->from) : date_make(1900, 1, 1);
}

static bc_date unit_to(const unit_def *u)
{
    return u->to ? iso(u->to) : date_make(2100, 12, 31);
}

static int unit_active(const unit_def *u, bc_date d)
{
    return d >= unit_from(u) && d <= unit_to(u);
}

/* Expected units that send nothing in a cycle (the rest of the gap). */
static const char *const MISSING[N_CYCLES][3] = {
    {"189", "SNV", NULL},      /* 2021 */
    {"184", "SLDTBXH", NULL},  /* 2022 */
    {"188", "SNV", NULL},      /* 2023 */
    {"182", "SKHDT", NULL},    /* 2024 */
    {"189", "SLDTBXH", "SKHDT"}, /* 2025: SKHDT's pre-merger file is optional */
    {"SVHTTDL", NULL, NULL},   /* 2026 */
};

/* Units whose file of that cycle carries a deliberate fault that rejects
 * it: no counted data is routed to them. */
static const char *const FAULTY[N_CYCLES][3] = {
    {NULL, NULL, NULL},        /* 2021 */
    {NULL, NULL, NULL},        /* 2022 (the fault file is 190.xlsx) */
    {"STC", NULL, NULL},       /* 2023 */
    {"SVHTTDL", NULL, NULL},   /* 2024 */
    {NULL, NULL, NULL},        /* 2025 */
    {"SCT", "STC", NULL},      /* 2026 */
};

static int in_list(const char *const list[3], const char *code)
{
    for (int i = 0; i < 3; i++)
        if (list[i] && strcmp(list[i], code) == 0)
            return 1;
    return 0;
}

/* 1 if the unit sends a file in the cycle (sample mode). */
static int unit_submits(const unit_def *u, int year)
{
    if (year < FIRST_CYCLE || year > LAST_CYCLE)
        return 1; /* before the plan: not reported, never asked */
    if (unit_to(u) < period_from(year) || unit_from(u) > period_to(year))
        return 0;
    return !in_list(MISSING[year - FIRST_CYCLE], u->code);
}

/* 1 if counted data may be routed to the unit in the cycle. */
static int unit_takes_data(const unit_def *u, int year)
{
    if (!unit_submits(u, year))
        return 0;
    if (year >= FIRST_CYCLE && year <= LAST_CYCLE &&
        in_list(FAULTY[year - FIRST_CYCLE], u->code))
        return 0;
    return 1;
}

/* ------------------------------------------------------------------------
 * Vietnamese vocabulary for plausible records.
 * ---------------------------------------------------------------------- */




/* ------------------------------------------------------------------------
 * Records: one per application, with the units that report its events.
 * ---------------------------------------------------------------------- */
typedef struct rec {
    const char *kind;    /* NH, NHTT, ... or a deliberate misspelling */
    char app[32];
    bc_date filed;
    bc_date granted;     /* 0 = pending (or refused) */
    int refused;         /* refused in its filing cycle */
    char cert[16];
    char name[128];
    char product[192];
    char owner[224];
    char place[192];
    const char *task;
    const char *filer;   /* reports the filing; NULL = not reported */
    const char *also;    /* second unit reporting the filing (fault 1) */
    const char *granter; /* reports the grant */
    int counted;         /* 0: a deliberate extra in a rejected file */
    int not_new;         /* 1: already on Phụ lục 1 (fault 6) */
} rec;

typedef struct registry {
    rec *v;
    size_t n, cap;
} registry;

/* Gives up: memory ran out. */
static void out_of_memory(void)
{
    fprintf(stderr, "gensample: hết bộ nhớ (out of memory)\n");
    exit(2);
}

/* Room in *v (*cap elements of size bytes, n of them used) for one more;
 * gives up when memory runs out. */
static void grow(void **v, size_t *cap, size_t n, size_t size)
{
    if (array_grow(v, cap, n, size) != 0)
        out_of_memory();
}

static rec *reg_add(registry *g)
{
    grow((void **)&g->v, &g->cap, g->n, sizeof *g->v);
    rec *r = &g->v[g->n++];
    memset(r, 0, sizeof *r);
    r->counted = 1;
    return r;
}

/* The IP Office prefix of a kind ("4" for marks); NULL for plant
 * varieties, which the agriculture ministry numbers. */
static const char *kind_prefix(const char *kind)
{
    if (strcmp(kind, "SC") == 0)
        return "1";
    if (strcmp(kind, "GPHI") == 0)
        return "2";
    if (strcmp(kind, "KDCN") == 0)
        return "3";
    if (strcmp(kind, "CDDL") == 0)
        return "6";
    if (strcmp(kind, "GCT") == 0)
        return NULL;
    return "4";
}

/* A fresh application number K-YYYY-NNNNN, YYYY the filing year. */
static void app_number(registry *g, rng *r, rec *x)
{
    const char *k = kind_prefix(x->kind);
    if (!k) /* plant varieties carry their own numbers (SCRIPTED.app) */
        k = "GCT";
    int top = strcmp(k, "4") == 0 ? 59999 : strcmp(k, "6") == 0 ? 60 : 3999;
    for (;;) {
        snprintf(x->app, sizeof x->app, "%s-%d-%05d", k, date_year(x->filed),
                 rng_range(r, 1, top));
        /* x is already in the registry: compare with the others only */
        int taken = 0;
        for (size_t i = 0; i < g->n; i++)
            if (&g->v[i] != x && strcmp(g->v[i].app, x->app) == 0)
                taken = 1;
        if (!taken)
            return;
    }
}

static void person_name(rng *r, char *buf, size_t n)
{
    const char *sur = PICK(r, SURNAMES);
    const char *mid = strstr(sur, "Thị") ? "" : PICK(r, MIDDLES);
    snprintf(buf, n, "%s %s%s%s", sur, mid, *mid ? " " : "", PICK(r, GIVENS));
}

/* A place inside the unit's area, as written on an application. */
static void unit_place(rng *r, const unit_def *u, char *buf, size_t n)
{
    if (u->type == U_COMMUNE) {
        snprintf(buf, n, "%s, tỉnh Lạng Sơn", u->area);
        return;
    }
    if (u->type == U_DEPT) {
        /* a department's applicant lives somewhere in the province */
        const unit_def *d = &UNITS[rng_below(r, 11)];
        unit_place(r, d, buf, n);
        return;
    }
    size_t nloc = 0;
    while (nloc < BC_ARRAY_LEN(u->loc) && u->loc[nloc])
        nloc++;
    const char *loc = u->loc[rng_below(r, (uint32_t)nloc)];
    if (strcmp(u->code, "178") == 0)
        snprintf(buf, n, "%s, thành phố Lạng Sơn, tỉnh Lạng Sơn", loc);
    else
        snprintf(buf, n, "%s, %s, tỉnh Lạng Sơn", loc, u->area);
}

/* Name, product, owner and place of an ordinary mark or a design. */
static void fill_generic(rng *r, rec *x, const unit_def *u, bc_date when)
{
    char person[64];
    const unit_def *pu = u;
    /* applications a department reports after mid-2025 come from the new
     * communes' area: say only "tỉnh Lạng Sơn" or one of the four phường */
    if (u->type == U_DEPT && when >= iso("2025-07-01"))
        pu = &UNITS[11 + rng_below(r, 4)];
    unit_place(r, pu, x->place, sizeof x->place);
    person_name(r, person, sizeof person);

    if (strcmp(x->kind, "KDCN") == 0) {
        const char *d = PICK(r, DESIGNS);
        snprintf(x->name, sizeof x->name, "%s", d);
        snprintf(x->product, sizeof x->product, "%s", d);
        switch (rng_below(r, 3)) {
        case 0:
            snprintf(x->owner, sizeof x->owner, "Công ty TNHH %s",
                     PICK(r, BRAND_WORDS));
            break;
        case 1:
            snprintf(x->owner, sizeof x->owner,
                     "Công ty cổ phần Thương mại & Dịch vụ %s",
                     PICK(r, BRAND_TAILS));
            break;
        default:
            snprintf(x->owner, sizeof x->owner, "Hộ kinh doanh %s", person);
        }
        return;
    }

    const char *prod = PICK(r, PRODUCTS);
    if (rng_chance(r, 60))
        snprintf(x->name, sizeof x->name, "%s %s", PICK(r, BRAND_HEADS),
                 PICK(r, BRAND_TAILS));
    else
        snprintf(x->name, sizeof x->name, "%s", PICK(r, BRAND_WORDS));
    if (rng_chance(r, 30))
        snprintf(x->product, sizeof x->product, "%s; %s", prod,
                 PICK(r, PRODUCTS));
    else
        snprintf(x->product, sizeof x->product, "%s", prod);
    switch (rng_below(r, 5)) {
    case 0:
    case 1:
        snprintf(x->owner, sizeof x->owner, "Hợp tác xã %s %s",
                 rng_chance(r, 50) ? "Nông nghiệp" : "Dịch vụ tổng hợp",
                 PICK(r, BRAND_TAILS));
        break;
    case 2:
        snprintf(x->owner, sizeof x->owner, "Công ty TNHH %s", x->name);
        break;
    case 3:
        snprintf(x->owner, sizeof x->owner,
                 "Công ty cổ phần Thương mại & Dịch vụ %s",
                 PICK(r, BRAND_WORDS));
        break;
    default:
        snprintf(x->owner, sizeof x->owner, "Hộ kinh doanh %s", person);
    }
}

/* Certificate number of a grant: plain integers for marks and designs,
 * five digits for a geographical indication, none for plant varieties. */
static void fill_cert(rng *r, rec *x)
{
    int y = date_year(x->granted);
    if (strcmp(x->kind, "CDDL") == 0)
        snprintf(x->cert, sizeof x->cert, "%05d", rng_range(r, 140, 160));
    else if (strcmp(x->kind, "KDCN") == 0)
        snprintf(x->cert, sizeof x->cert, "%d",
                 28000 + (y - 2019) * 2600 + rng_range(r, 0, 2500));
    else if (strcmp(x->kind, "SC") == 0 || strcmp(x->kind, "GPHI") == 0)
        snprintf(x->cert, sizeof x->cert, "%d", rng_range(r, 2800, 3900));
    else if (strcmp(x->kind, "GCT") != 0)
        snprintf(x->cert, sizeof x->cert, "%d",
                 340000 + (y - 2019) * 24000 + rng_range(r, 0, 23000));
}

/* The unit that reports an event of `preferred` on day d: the preferred
 * unit itself when it is active and sends a usable file, else its
 * successor, else Sở KHCN (the focal point, which holds the IP Office
 * data). */
static const char *route(rng *r, const char *preferred, bc_date d)
{
    int y = cycle_of(d);
    const unit_def *u = unit_find(preferred);
    if (u && unit_active(u, d) && unit_takes_data(u, y))
        return u->code;
    const char *next = "SKHCN";
    if (u && strcmp(u->code, "178") == 0 && d >= iso("2025-07-01"))
        next = UNITS[11 + rng_below(r, 4)].code;
    else if (u && strcmp(u->code, "SNNPTNT") == 0 && d >= iso("2025-03-01"))
        next = "SNNMT";
    else if (u && strcmp(u->code, "SKHDT") == 0 && d >= iso("2025-03-01"))
        next = "STC";
    const unit_def *n = unit_find(next);
    if (n && unit_active(n, d) && unit_takes_data(n, y))
        return n->code;
    return "SKHCN";
}

/* A unit reporting applications on day d, by weight. */
static const char *pick_filer(rng *r, bc_date d)
{
    int y = cycle_of(d), total = 0;
    for (size_t i = 0; i < BC_ARRAY_LEN(UNITS); i++)
        if (UNITS[i].weight && unit_active(&UNITS[i], d) &&
            unit_takes_data(&UNITS[i], y))
            total += UNITS[i].weight;
    int k = rng_range(r, 0, total - 1);
    for (size_t i = 0; i < BC_ARRAY_LEN(UNITS); i++) {
        if (!UNITS[i].weight || !unit_active(&UNITS[i], d) ||
            !unit_takes_data(&UNITS[i], y))
            continue;
        if (k < UNITS[i].weight)
            return UNITS[i].code;
        k -= UNITS[i].weight;
    }
    return "SKHCN";
}

/* Scripted records: the collective/certification marks, the GI, the plant
 * variety, patents, and the records carrying deliberate faults. */
typedef struct script {
    const char *kind, *name, *product, *owner, *place, *task;
    const char *filed, *granted;
    const char *filer, *granter, *also;
    const char *app;  /* fixed number, or NULL to draw one */
    int counted, not_new;
} script;

#define HL "huyện Hữu Lũng, tỉnh Lạng Sơn"
#define BG "huyện Bình Gia, tỉnh Lạng Sơn"
#define TD "huyện Tràng Định, tỉnh Lạng Sơn"
#define VL "huyện Văn Lãng, tỉnh Lạng Sơn"
static const script SCRIPTED[] = {
    /* new collective marks (T2), supported under task B9 */
    {"NHTT", "Trám đen Hữu Lũng", "Quả trám đen của huyện Hữu Lũng",
     "Hội Nông dân huyện Hữu Lũng", HL, "B9", "2020-03-12", "2021-06-18",
     "186", "186", NULL, NULL, 1, 0},
    {"NHTT", "Mật ong Bình Gia", "Mật ong của huyện Bình Gia",
     "Hội Nông dân huyện Bình Gia", BG, "B9", "2020-05-20", "2021-09-27",
     "181", "181", NULL, NULL, 1, 0},
    {"NHTT", "Mít Hữu Lũng", "Quả mít của huyện Hữu Lũng",
     "Hội Nông dân huyện Hữu Lũng", HL, "B9", "2021-04-08", "2022-07-15",
     "186", "186", NULL, NULL, 1, 0},
    {"NHTT", "Lạc đỏ Bắc Sơn", "Lạc đỏ của huyện Bắc Sơn",
     "Hội Nông dân huyện Bắc Sơn", "huyện Bắc Sơn, tỉnh Lạng Sơn", "B9",
     "2021-05-24", "2022-09-09", "185", "185", NULL, NULL, 1, 0},
    /* its product's head word ("khoai") is Phụ lục 1's "Khoai lang Lộc
     * Bình": PL1-POSSIBLE, not counted as new until the Sở confirms
     * (issue 13 reading a) */
    {"NHTT", "Khoai môn Tràng Định", "Khoai môn của huyện Tràng Định",
     "Hội Nông dân huyện Tràng Định", TD, "B9", "2021-08-17", "2022-11-21",
     "180", "180", NULL, NULL, 1, 1},
    {"NHTT", "Mác mật Bình Gia", "Quả mác mật của huyện Bình Gia",
     "Hội Nông dân huyện Bình Gia", BG, "B9", "2022-03-02", "2023-05-16",
     "181", "181", NULL, NULL, 1, 0},
    {"NHTT", "Chuối tây Văn Lãng", "Chuối tây của huyện Văn Lãng",
     "Hội Nông dân huyện Văn Lãng", VL, "B9", "2022-04-19", "2023-08-08",
     "182", "182", NULL, NULL, 1, 0},
    {"NHTT", "Gà Vạn Linh", "Gà của xã Vạn Linh, huyện Chi Lăng",
     "Hợp tác xã Chăn nuôi gà Vạn Linh",
     "xã Vạn Linh, huyện Chi Lăng, tỉnh Lạng Sơn", "B9", "2022-06-14",
     "2023-10-24", "187", "187", NULL, NULL, 1, 0},
    {"NHTT", "Vịt quay Tràng Định", "Vịt quay của huyện Tràng Định",
     "Hội Nông dân huyện Tràng Định", TD, "B9", "2023-01-10", "2024-03-19",
     "180", "180", NULL, NULL, 1, 0},
    {"NHTT", "Mận sớm Văn Lãng", "Quả mận sớm của huyện Văn Lãng",
     "Hội Nông dân huyện Văn Lãng", VL, "B9", "2023-03-22", "2024-06-12",
     "182", "182", NULL, NULL, 1, 0},
    {"NHTT", "Lạp sườn Bình Gia", "Lạp sườn của huyện Bình Gia",
     "Hội Nông dân huyện Bình Gia", BG, "B9", "2023-05-30", "2024-08-27",
     "181", "181", NULL, NULL, 1, 0},
    {"NHTT", "Dứa Hữu Lũng", "Quả dứa của huyện Hữu Lũng",
     "Hội Nông dân huyện Hữu Lũng", HL, "B9", "2023-07-11", "2024-10-15",
     "186", "186", NULL, NULL, 1, 0},
    {"NHTT", "Cá lồng Văn Quan", "Cá nuôi lồng của huyện Văn Quan",
     "Hội Nông dân huyện Văn Quan", "huyện Văn Quan, tỉnh Lạng Sơn", "B9",
     "2024-01-16", "2025-04-22", "184", "184", NULL, NULL, 1, 0},
    {"NHTT", "Lạc đỏ Chi Lăng", "Lạc đỏ của huyện Chi Lăng",
     "Hội Nông dân huyện Chi Lăng", "huyện Chi Lăng, tỉnh Lạng Sơn", "B9",
     "2024-03-05", "2025-08-19", "187", "SKHCN", NULL, NULL, 1, 0},
    {"NHTT", "Khâu nhục Lạng Sơn", "Món khâu nhục Lạng Sơn",
     "Hợp tác xã Ẩm thực Xứ Lạng", "phường Kỳ Lừa, tỉnh Lạng Sơn", "B9",
     "2024-06-18", "2025-10-07", "178", "06187", NULL, NULL, 1, 0},
    {"NHTT", "Chè Tam Hoa Bắc Sơn", "Chè Tam Hoa của huyện Bắc Sơn",
     "Hội Nông dân huyện Bắc Sơn", "huyện Bắc Sơn, tỉnh Lạng Sơn", "B9",
     "2025-02-11", "2026-05-12", "185", "SNNMT", NULL, NULL, 1, 0},
    {"NHTT", "Gà sáu ngón Lộc Bình", "Gà sáu ngón của huyện Lộc Bình",
     "Hợp tác xã Chăn nuôi gà sáu ngón Mẫu Sơn",
     "huyện Lộc Bình, tỉnh Lạng Sơn", "B9", "2025-04-03", "2026-07-21",
     "188", "SKHCN", NULL, NULL, 1, 0},
    {"NHTT", "Phở chua Lạng Sơn", "Phở chua Lạng Sơn",
     "Hợp tác xã Dịch vụ ẩm thực Tam Thanh",
     "phường Tam Thanh, tỉnh Lạng Sơn", "B9", "2025-08-14", "2026-10-20",
     "05986", "05986", NULL, NULL, 1, 0},
    {"NHTT", "Măng khô Đình Lập", "Măng khô của huyện Đình Lập",
     "Hội Nông dân huyện Đình Lập", "huyện Đình Lập, tỉnh Lạng Sơn", "B9",
     "2025-05-13", NULL, "189", NULL, NULL, NULL, 1, 0},
    {"NHTT", "Mật ong hoa hồi Văn Quan", "Mật ong hoa hồi",
     "Hợp tác xã Nuôi ong Văn Quan", "tỉnh Lạng Sơn", "B9", "2026-03-17",
     NULL, "SNNMT", NULL, NULL, NULL, 1, 0},
    /* new certification marks (T3) */
    {"NHCN", "Mật ong Mẫu Sơn", "Mật ong khu vực núi Mẫu Sơn",
     "Sở Khoa học và Công nghệ tỉnh Lạng Sơn",
     "khu vực núi Mẫu Sơn, tỉnh Lạng Sơn", "B9", "2022-01-18", "2023-04-11",
     "SKHCN", "SKHCN", NULL, NULL, 1, 0},
    {"NHCN", "Miến dong Bình Gia", "Miến dong của huyện Bình Gia",
     "Ủy ban nhân dân huyện Bình Gia", BG, "B9", "2024-02-27", "2025-05-20",
     "181", "181", NULL, NULL, 1, 0},
    {"NHCN", "Chè Mẫu Sơn", "Chè khu vực núi Mẫu Sơn",
     "Sở Nông nghiệp và Môi trường tỉnh Lạng Sơn",
     "khu vực núi Mẫu Sơn, tỉnh Lạng Sơn", "B9", "2025-03-25", "2026-06-16",
     "SNNMT", "SNNMT", NULL, NULL, 1, 0},
    /* geographical indications (T1), task B8 */
    {"CDDL", "Mật ong Vân Thủy", "Mật ong của xã Vân Thủy, huyện Chi Lăng",
     "Ủy ban nhân dân tỉnh Lạng Sơn",
     "xã Vân Thủy, huyện Chi Lăng, tỉnh Lạng Sơn", "B8", "2022-05-10",
     "2024-09-18", "SKHCN", "SKHCN", NULL, NULL, 1, 0},
    {"CDDL", "Thạch đen Tràng Định", "Thạch đen (cây sương sáo) của huyện "
     "Tràng Định", "Ủy ban nhân dân tỉnh Lạng Sơn", TD, "B8", "2023-10-12",
     NULL, "SKHCN", NULL, NULL, NULL, 1, 0},
    /* plant variety (T6) */
    {"GCT", "Quýt vàng BS-01", "Giống quýt vàng Bắc Sơn chọn lọc",
     "Trung tâm Giống cây trồng tỉnh Lạng Sơn",
     "huyện Bắc Sơn, tỉnh Lạng Sơn", NULL, "2023-06-06", "2025-09-15",
     "SNNPTNT", "SNNMT", NULL, "GCT-2023-012", 1, 0},
    /* patents and utility solutions (T4), results of task A2 */
    {"GPHI", "Quy trình chưng cất tinh dầu hồi quy mô nông hộ",
     "Quy trình công nghệ chưng cất tinh dầu hồi",
     "Trung tâm Ứng dụng phát triển khoa học - công nghệ và đo lường chất "
     "lượng sản phẩm", "thành phố Lạng Sơn, tỉnh Lạng Sơn", "A2",
     "2021-10-12", "2023-03-14", "SKHCN", "SKHCN", NULL, NULL, 1, 0},
    {"SC", "Phương pháp nhân giống hồng không hạt Bảo Lâm bằng ghép cành",
     "Quy trình nhân giống cây hồng",
     "Trung tâm Giống cây trồng tỉnh Lạng Sơn",
     "huyện Cao Lộc, tỉnh Lạng Sơn", "A2", "2023-09-19", NULL, "SKHCN",
     NULL, NULL, NULL, 1, 0},
    {"SC", "Chế phẩm vi sinh xử lý bã hồi làm phân bón hữu cơ",
     "Chế phẩm vi sinh", "Công ty cổ phần Hồi Quế Xứ Lạng",
     "tỉnh Lạng Sơn", "A2", "2025-08-26", NULL, "SKHCN", NULL, NULL, NULL,
     1, 0},
    {"GPHI", "Thiết bị sấy quả hồi sử dụng năng lượng mặt trời",
     "Thiết bị sấy nông sản", "Hợp tác xã Hồi Quế Văn Quan",
     "tỉnh Lạng Sơn", "A2", "2026-05-05", NULL, "SKHCN", NULL, NULL, NULL,
     1, 0},
    /* fault 1: one application reported by two units in the same cycle */
    {"NH", "Hương Bình Gia", "Mật ong; Măng khô",
     "Hợp tác xã Nông sản Hương Bình Gia",
     "thị trấn Bình Gia, huyện Bình Gia, tỉnh Lạng Sơn", NULL, "2022-08-09",
     NULL, "181", NULL, "183", NULL, 1, 0},
    {"NH", "Kỳ Lừa Xanh", "Rau an toàn; Hàng nông sản chế biến",
     "Công ty TNHH Nông sản Kỳ Lừa Xanh", "phường Kỳ Lừa, tỉnh Lạng Sơn",
     NULL, "2026-04-14", NULL, "06187", NULL, "05977", NULL, 1, 0},
    /* fault 6: a "new" collective mark already on Phụ lục 1 */
    {"NHTT", "Quế Tràng Định", "Quế của huyện Tràng Định",
     "Hội Nông dân huyện Tràng Định", TD, NULL, "2022-02-15", "2023-06-20",
     NULL, "180", NULL, NULL, 1, 1},
    {"NHTT", "Hồng vành khuyên Văn Lãng",
     "Quả hồng vành khuyên của huyện Văn Lãng",
     "Hội Nông dân huyện Văn Lãng", VL, "B9", "2025-01-20", "2026-04-09",
     NULL, "SNNMT", NULL, NULL, 1, 1},
    /* fault 3: a record in the file of an unknown unit (not counted) */
    {"NH", "Đình Lập Xanh", "Ba kích tím; Măng khô",
     "Hợp tác xã Nông lâm nghiệp Đình Lập",
     "thị trấn Đình Lập, huyện Đình Lập, tỉnh Lạng Sơn", NULL, "2022-05-17",
     NULL, "190", NULL, NULL, NULL, 0, 0},
    /* fault 4: misspelt kinds (not counted) */
    {"Nhãn hiệu tập thẻ", "Thổ cẩm Bình Gia", "Thổ cẩm dệt thủ công",
     "Hợp tác xã Dệt thổ cẩm Bình Gia", BG, NULL, "2024-07-09", NULL,
     "SVHTTDL", NULL, NULL, NULL, 0, 0},
    {"NHTTT", "Bánh khảo Lạng Sơn", "Bánh khảo",
     "Hợp tác xã Bánh truyền thống Xứ Lạng",
     "phường Đông Kinh, tỉnh Lạng Sơn", NULL, "2026-06-02", NULL, "SCT",
     NULL, NULL, NULL, 0, 0},
};
#undef HL
#undef BG
#undef TD
#undef VL

/* Distinct ordinary-mark applications filed per cycle (2019 = the
 * baseline 75), scripted ones included. */
static int nh_target(int year)
{
    static const int t[] = {75, 74, 76, 78, 79, 81, 80, 84};
    return t[year - 2019];
}

static int kdcn_target(int year)
{
    static const int t[] = {2, 3, 3, 4, 2, 5, 3, 4};
    return t[year - 2019];
}

static void build_registry(registry *g, uint64_t seed)
{
    rng r = rng_for(seed, "registry", 0);
    int scripted_nh[2026 - 2019 + 1] = {0};

    for (size_t i = 0; i < BC_ARRAY_LEN(SCRIPTED); i++) {
        const script *s = &SCRIPTED[i];
        rec *x = reg_add(g);
        x->kind = s->kind;
        x->filed = iso(s->filed);
        x->granted = iso(s->granted);
        snprintf(x->name, sizeof x->name, "%s", s->name);
        snprintf(x->product, sizeof x->product, "%s", s->product);
        snprintf(x->owner, sizeof x->owner, "%s", s->owner);
        snprintf(x->place, sizeof x->place, "%s", s->place);
        x->task = s->task;
        x->counted = s->counted;
        x->not_new = s->not_new;
        if (s->app)
            snprintf(x->app, sizeof x->app, "%s", s->app);
        else /* a misspelt kind gets a mark's number ("4-") */
            app_number(g, &r, x);
        if (x->granted)
            fill_cert(&r, x);
        /* scripted units are wishes: route them like any event */
        if (s->filer) {
            x->filer = (!s->counted || !unit_find(s->filer))
                           ? s->filer
                           : route(&r, s->filer, x->filed);
        }
        x->also = s->also;
        if (s->granter)
            x->granter = route(&r, s->granter, x->granted);
        if (s->counted && strcmp(s->kind, "NH") == 0)
            scripted_nh[cycle_of(x->filed) - 2019]++;
    }

    /* ordinary marks and designs, filed 2019-2026 */
    for (int y = 2019; y <= LAST_CYCLE; y++) {
        int n_nh = nh_target(y) - scripted_nh[y - 2019];
        int n_kd = kdcn_target(y);
        for (int i = 0; i < n_nh + n_kd; i++) {
            rec *x = reg_add(g);
            x->kind = i < n_nh ? "NH" : "KDCN";
            x->filed = rng_date(&r, period_from(y), event_last(y));
            app_number(g, &r, x);
            const char *filer = pick_filer(&r, x->filed);
            fill_generic(&r, x, unit_find(filer), x->filed);
            if (y >= FIRST_CYCLE)
                x->filer = filer;
            int fate = rng_range(&r, 0, 99);
            int grant_pct = strcmp(x->kind, "NH") == 0 ? 55 : 65;
            if (fate < grant_pct) {
                bc_date g_on = date_add_days(x->filed, rng_range(&r, 370, 640));
                /* files are dated from 1/12: no events from 1 to 14/12 */
                if (date_month(g_on) == 12 && date_day(g_on) < 15)
                    g_on = date_make(date_year(g_on), 12, 15);
                if (g_on <= event_last(LAST_CYCLE)) {
                    x->granted = g_on;
                    fill_cert(&r, x);
                    x->granter = route(&r, filer, g_on);
                }
            } else if (fate >= 97 && y >= FIRST_CYCLE) {
                x->refused = 1;
            }
        }
    }
}

/* ------------------------------------------------------------------------
 * One submission document.
 * ---------------------------------------------------------------------- */
typedef struct entry {
    const rec *r;
    const char *status; /* filed | granted | refused */
    bc_date on;         /* the event's date, for sorting */
} entry;

typedef struct activity {
    const char *task;
    bc_date date;
    const char *kind;
    char title[256];
    int classes;      /* -1 = absent */
    int participants; /* -1 = absent */
} activity;

typedef struct support {
    const char *mark, *kind;
    bc_date date;
    const char *content;
} support;

typedef struct bline {
    const char *task;
    int64_t allocated, disbursed; /* thousandths of a triệu đồng */
    const char *note;
} bline;

#define MAX_ACT 32
#define MAX_SUP 8
#define MAX_BUD 12

/* ------------------------------------------------------------------------
 * File formats.  Most units fill in the official form (baocao form); the
 * ones with their own systems send the canonical XML: Sở KH&CN (the IP
 * database, and its centre SKHCN2), Sở Tài chính after the 2025 merger
 * (its budget system).  A few clerks lay out a workbook of their own.
 * ---------------------------------------------------------------------- */
enum file_fmt {
    FMT_XML,  /* the canonical document, exported by the unit's system */
    FMT_FORM, /* the official workbook, filled in */
    FMT_OWN   /* a workbook the clerk laid out without the form */
};

/* What a clerk typed differently into the official form. */
enum {
    TYPED_FILED_TEXT = 1, /* the first filing date as text dd/mm/yyyy */
    TYPED_DATE_TEXT = 2   /* the report date as text dd/mm/yyyy */
};

static const struct {
    const char *code;
    int year;
    enum file_fmt fmt;
    int typed;
} SPECIAL_FORMATS[] = {
    /* Đình Lập's own table, its code mistyped (fault 3): the form's unit
     * cell is filled in and locked, a wrong code needs a workbook of one's
     * own */
    {"190", 2022, FMT_OWN, 0},
    /* amounts typed as text, "1.200" (fault 2 stays) */
    {"STC", 2023, FMT_OWN, 0},
    /* a title row above every header, an STT and a notes column, dates
     * typed as text: tolerated, every figure counted */
    {"186", 2024, FMT_OWN, 0},
    {"187", 2023, FMT_FORM, TYPED_FILED_TEXT},
    {"05983", 2026, FMT_FORM, TYPED_DATE_TEXT},
};

static enum file_fmt file_format(const char *code, int year, int *typed)
{
    *typed = 0;
    for (size_t i = 0; i < BC_ARRAY_LEN(SPECIAL_FORMATS); i++)
        if (strcmp(SPECIAL_FORMATS[i].code, code) == 0 &&
            SPECIAL_FORMATS[i].year == year) {
            *typed = SPECIAL_FORMATS[i].typed;
            return SPECIAL_FORMATS[i].fmt;
        }
    if (strcmp(code, "SKHCN") == 0 || strcmp(code, "SKHCN2") == 0)
        return FMT_XML;
    if (strcmp(code, "STC") == 0 && year >= 2025)
        return FMT_XML;
    return FMT_FORM;
}

typedef struct doc {
    const unit_def *u;
    int year;
    bc_date date;       /* the file's date attribute */
    bc_date from, to;   /* window of its events */
    char file[64];      /* file name without its extension */
    enum file_fmt fmt;
    int typed;          /* TYPED_* for FMT_FORM */
    char cname[64], crole[128], cphone[32], cemail[96];
    entry *ents;
    size_t n_ents, cap_ents;
    activity acts[MAX_ACT];
    size_t n_acts;
    support sups[MAX_SUP];
    size_t n_sups;
    bline buds[MAX_BUD];
    size_t n_buds;
    char results[1024], difficulties[1024], proposals[1024];
} doc;

static void doc_add_entry(doc *d, const rec *r, const char *status,
                          bc_date on)
{
    grow((void **)&d->ents, &d->cap_ents, d->n_ents, sizeof *d->ents);
    d->ents[d->n_ents++] = (entry){r, status, on};
}

static activity *doc_add_act(doc *d, const char *task, bc_date date,
                             const char *kind, int classes, int participants)
{
    if (d->n_acts == MAX_ACT)
        return NULL;
    activity *a = &d->acts[d->n_acts++];
    memset(a, 0, sizeof *a);
    a->task = task;
    a->date = date;
    a->kind = kind;
    a->classes = classes;
    a->participants = participants;
    return a;
}

static void doc_add_budget(doc *d, const char *task, int64_t alloc,
                           int64_t disb, const char *note)
{
    if (d->n_buds < MAX_BUD)
        d->buds[d->n_buds++] = (bline){task, alloc, disb, note};
}

static int entry_cmp(const void *a, const void *b)
{
    const entry *x = a, *y = b;
    if (x->on != y->on)
        return x->on < y->on ? -1 : 1;
    return strcmp(x->r->app, y->r->app);
}

static int act_cmp(const void *a, const void *b)
{
    const activity *x = a, *y = b;
    if (x->date != y->date)
        return x->date < y->date ? -1 : 1;
    return strcmp(x->task, y->task);
}

/* --- XML output ------------------------------------------------------- */
static void indent(bc_strbuf *sb, int depth)
{
    for (int i = 0; i < depth; i++)
        sb_adds(sb, "  ");
}

static void x_int(bc_strbuf *sb, int depth, const char *tag, int v)
{
    if (v < 0)
        return;
    indent(sb, depth);
    sb_addf(sb, "<%s>%d</%s>\n", tag, v, tag);
}

static void x_money(bc_strbuf *sb, int depth, const char *tag, int64_t milli)
{
    char buf[BC_MONEY_BUF];
    x_text(sb, depth, tag, money_format((bc_money)milli * 1000, buf));
}

/* The n items at items (size bytes apart) as <list><item>...</item>...
 * </list>, the children of each written by fields; nothing when n is 0. */
static void x_list(bc_strbuf *sb, const char *list, const char *item,
                   const void *items, size_t n, size_t size,
                   void (*fields)(bc_strbuf *sb, const void *item))
{
    if (!n)
        return;
    sb_addf(sb, "  <%s>\n", list);
    for (size_t i = 0; i < n; i++) {
        sb_addf(sb, "    <%s>\n", item);
        fields(sb, (const char *)items + i * size);
        sb_addf(sb, "    </%s>\n", item);
    }
    sb_addf(sb, "  </%s>\n", list);
}

/* The children of a <record> (an entry), of an <activity>, ... */
static void record_fields(bc_strbuf *sb, const void *item)
{
    const entry *e = item;
    const rec *r = e->r;
    x_text(sb, 3, "kind", r->kind);
    x_text(sb, 3, "status", e->status);
    x_text(sb, 3, "application", r->app);
    x_date(sb, 3, "filed", r->filed);
    if (strcmp(e->status, "granted") == 0) {
        x_date(sb, 3, "granted", r->granted);
        x_text(sb, 3, "certificate", r->cert);
    }
    x_text(sb, 3, "name", r->name);
    x_text(sb, 3, "product", r->product);
    x_text(sb, 3, "owner", r->owner);
    x_text(sb, 3, "place", r->place);
    x_text(sb, 3, "task", r->task);
}

static void activity_fields(bc_strbuf *sb, const void *item)
{
    const activity *a = item;
    x_text(sb, 3, "task", a->task);
    x_date(sb, 3, "date", a->date);
    x_text(sb, 3, "kind", a->kind);
    x_text(sb, 3, "title", a->title);
    x_int(sb, 3, "classes", a->classes);
    x_int(sb, 3, "participants", a->participants);
}

static void support_fields(bc_strbuf *sb, const void *item)
{
    const support *s = item;
    x_text(sb, 3, "mark", s->mark);
    x_text(sb, 3, "kind", s->kind);
    x_date(sb, 3, "date", s->date);
    x_text(sb, 3, "task", "B9");
    x_text(sb, 3, "content", s->content);
}

static void budget_fields(bc_strbuf *sb, const void *item)
{
    const bline *b = item;
    x_text(sb, 3, "task", b->task);
    x_money(sb, 3, "allocated", b->allocated);
    x_money(sb, 3, "disbursed", b->disbursed);
    x_text(sb, 3, "note", b->note);
}

static void doc_render(const doc *d, uint64_t seed, bc_strbuf *sb)
{
    char dbuf[11];
    sb_adds(sb, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    sb_addf(sb, "<!-- Dữ liệu minh họa (illustrative data), không phải số "
                "liệu thật. Tạo bởi tools/gensample, seed %" PRIu64
                "; tạo lại bằng: make samples -->\n",
            seed);
    sb_adds(sb, "<submission format=\"1\" unit=\"");
    xml_escape(sb, d->u->code);
    sb_addf(sb, "\" year=\"%d\" date=\"%s\" illustrative=\"true\">\n",
            d->year, date_format_iso(d->date, dbuf));

    sb_adds(sb, "  <contact>\n");
    x_text(sb, 2, "name", d->cname);
    x_text(sb, 2, "role", d->crole);
    x_text(sb, 2, "phone", d->cphone);
    x_text(sb, 2, "email", d->cemail);
    sb_adds(sb, "  </contact>\n");

    x_list(sb, "records", "record", d->ents, d->n_ents, sizeof *d->ents,
           record_fields);
    x_list(sb, "activities", "activity", d->acts, d->n_acts,
           sizeof *d->acts, activity_fields);
    x_list(sb, "supports", "support", d->sups, d->n_sups, sizeof *d->sups,
           support_fields);
    x_list(sb, "budget", "line", d->buds, d->n_buds, sizeof *d->buds,
           budget_fields);

    sb_adds(sb, "  <narrative>\n");
    x_text(sb, 2, "results", d->results);
    x_text(sb, 2, "difficulties", d->difficulties);
    x_text(sb, 2, "proposals", d->proposals);
    sb_adds(sb, "  </narrative>\n");
    sb_adds(sb, "</submission>\n");
}

/* --- workbooks -------------------------------------------------------- */

/* Prints the findings of a write; 1 if any is not expected (everything
 * but FORM-UNIT-EXPECTED: merged units still send their last file). */
static int report_findings(const bc_diag *dg)
{
    int bad = 0;
    for (size_t i = 0; i < diag_count(dg); i++) {
        const bc_finding *f = diag_get(dg, i);
        if (strcmp(f->code, "FORM-UNIT-EXPECTED") == 0)
            continue;
        diag_print(f, stderr);
        bad = 1;
    }
    return bad;
}

static xmlNodePtr elem_child(xmlNodePtr n, const char *name)
{
    for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && xmlStrEqual(c->name, BAD_CAST name))
            return c;
    return NULL;
}

/* The official form filled in from the rendered document, with what the
 * clerk typed differently (d->typed). */
static int write_form_doc(const doc *d, const bc_strbuf *sb, const char *path)
{
    char dmy[11];
    xmlDocPtr x = xmlReadMemory(sb->buf, (int)sb->len, NULL, "UTF-8",
                                XML_PARSE_NONET);
    if (!x) {
        fprintf(stderr, "gensample: văn bản XML của %s không đọc được\n",
                path);
        return -1;
    }
    xmlNodePtr root = xmlDocGetRootElement(x);
    /* illustrative="true" stays: the form says it in _phien_ban and on
     * its first sheet, and the reader brings it back */
    if (d->typed & TYPED_DATE_TEXT)
        xmlSetProp(root, BAD_CAST "date",
                   BAD_CAST date_format_vn(d->date, dmy));
    if (d->typed & TYPED_FILED_TEXT) {
        xmlNodePtr filed =
            elem_child(elem_child(elem_child(root, "records"), "record"),
                       "filed");
        bc_date on;
        xmlChar *v = filed ? xmlNodeGetContent(filed) : NULL;
        if (v && date_parse_iso((const char *)v, &on) == 0)
            xmlNodeSetContent(filed, BAD_CAST date_format_vn(on, dmy));
        xmlFree(v);
    }
    bc_diag *dg = diag_new();
    bc_status st = dg ? form_write_filled(PLAN, x, path, dg) : BC_ERR_NOMEM;
    int bad = dg ? report_findings(dg) : 1;
    diag_free(dg);
    xmlFreeDoc(x);
    if (st != BC_OK || bad) {
        fprintf(stderr, "gensample: không ghi được %s (%s)\n", path,
                bc_status_msg(st));
        return -1;
    }
    return 0;
}

/* One sheet of a clerk's own workbook. */
typedef struct own_sheet {
    lxw_worksheet *ws;
    lxw_row_t row;   /* next row */
    lxw_error err;
} own_sheet;

static void own_keep(own_sheet *o, lxw_error e)
{
    if (e != LXW_NO_ERROR && o->err == LXW_NO_ERROR)
        o->err = e;
}

/* Moves o on to a new sheet `name` of wb, at its first row, keeping the
 * first error; 0, or -1 when the sheet cannot be added. */
static int own_next_sheet(own_sheet *o, lxw_workbook *wb, const char *name)
{
    lxw_error err = o->err;
    memset(o, 0, sizeof *o);
    o->err = err;
    o->ws = workbook_add_worksheet(wb, name);
    return o->ws ? 0 : -1;
}

static void own_str(own_sheet *o, lxw_col_t c, const char *v, lxw_format *f)
{
    if (v && *v)
        own_keep(o, worksheet_write_string(o->ws, o->row, c, v, f));
}

static void own_num(own_sheet *o, lxw_col_t c, double v, lxw_format *f)
{
    own_keep(o, worksheet_write_number(o->ws, o->row, c, v, f));
}

static void own_date(own_sheet *o, lxw_col_t c, bc_date v, lxw_format *f)
{
    char buf[11];
    if (v)
        own_str(o, c, date_format_vn(v, buf), f); /* typed as text */
}

/* A table: title rows, then the header (an "STT" column first). */
static void own_head(own_sheet *o, const char *title, const char *sub,
                     const char *const *cols, size_t n, lxw_format *bold,
                     lxw_format *head)
{
    own_str(o, 0, title, bold);
    o->row++;
    own_str(o, 0, sub, NULL);
    o->row += 2;
    own_str(o, 0, "STT", head);
    for (size_t i = 0; i < n; i++) {
        own_str(o, (lxw_col_t)(i + 1), cols[i], head);
        own_keep(o, worksheet_set_column(o->ws, (lxw_col_t)(i + 1),
                                         (lxw_col_t)(i + 1), 18, NULL));
    }
    o->row++;
}

static const char *status_text(const char *status)
{
    return strcmp(status, "granted") == 0   ? "Đã cấp văn bằng"
           : strcmp(status, "refused") == 0 ? "Bị từ chối"
                                            : "Đã nộp đơn";
}

/* A workbook the clerk laid out without the form: the form's sheet names
 * and header labels, but a title above every table, an STT column first
 * and a notes column last, dates and amounts typed as text (dd/mm/yyyy,
 * Vietnamese "1.235,6"), a totals row and a note under the records, no
 * dropdown texts (codes typed), no hidden sheets. */
static int write_own(const doc *d, const char *path)
{
    int rc = -1;
    char *tmp = bc_tmp_path(path);
    char *title = NULL;
    char buf[TEXT_VN_BUF], created[16];
    bc_diag *dg = diag_new();
    lxw_workbook *wb = NULL;
    own_sheet o;
    memset(&o, 0, sizeof o);
    if (!tmp || !dg)
        goto done;
    lxw_workbook_options opts = {LXW_FALSE, NULL, LXW_FALSE};
    if (!(wb = workbook_new_opt(tmp, &opts)))
        goto done;
    lxw_doc_properties props;
    memset(&props, 0, sizeof props);
    snprintf(created, sizeof created, "%04d-%02d-%02d", date_year(d->date),
             date_month(d->date), date_day(d->date));
    if (xlsx_parse_created(created, &props.created) != 0)
        goto done;
    title = bc_asprintf("BÁO CÁO KẾT QUẢ THỰC HIỆN ĐỀ ÁN SỞ HỮU TRÍ TUỆ NĂM "
                        "%d (dữ liệu minh họa)", d->year);
    if (!title)
        goto done;
    props.title = title;
    props.author = (char *)d->cname;
    props.company = (char *)d->u->name;
    props.comments = "Dữ liệu minh họa (illustrative data), tạo bởi "
                     "tools/gensample; tạo lại bằng: make samples";
    own_keep(&o, workbook_set_properties(wb, &props));
    lxw_format *bold = workbook_add_format(wb);
    lxw_format *head = workbook_add_format(wb);
    if (!bold || !head)
        goto done;
    format_set_bold(bold);
    format_set_bold(head);
    format_set_border(head, LXW_BORDER_THIN);
    format_set_text_wrap(head);

    /* Thông tin chung: a title, then label / value rows */
    if (own_next_sheet(&o, wb, "Thông tin chung") != 0)
        goto done;
    own_keep(&o, worksheet_set_column(o.ws, 0, 0, 24, NULL));
    own_keep(&o, worksheet_set_column(o.ws, 1, 1, 48, NULL));
    own_str(&o, 0, title, bold);
    o.row = 2;
    own_str(&o, 0, "Mã đơn vị", bold);
    own_str(&o, 1, d->u->code, NULL);
    o.row++;
    own_str(&o, 0, "Năm báo cáo", bold);
    own_num(&o, 1, d->year, NULL);
    o.row++;
    own_str(&o, 0, "Ngày báo cáo", bold);
    own_date(&o, 1, d->date, NULL);
    o.row++;
    static const char *const labels[] = {"Người lập báo cáo", "Chức vụ",
                                         "Điện thoại", "Thư điện tử"};
    const char *values[] = {d->cname, d->crole, d->cphone, d->cemail};
    for (size_t i = 0; i < BC_ARRAY_LEN(labels); i++, o.row++) {
        own_str(&o, 0, labels[i], bold);
        own_str(&o, 1, values[i], NULL);
    }

    /* Tài sản trí tuệ */
    if (own_next_sheet(&o, wb, "Tài sản trí tuệ") != 0)
        goto done;
    static const char *const rcols[] = {
        "Loại đối tượng", "Tình trạng", "Số đơn", "Ngày nộp đơn",
        "Ngày cấp bằng", "Số văn bằng", "Tên đối tượng", "Sản phẩm",
        "Chủ sở hữu", "Địa chỉ/địa bàn", "Nhiệm vụ Đề án", "Ghi chú"};
    char *sub = bc_asprintf("(Kèm theo báo cáo của %s)", d->u->name);
    own_head(&o, "DANH SÁCH ĐƠN ĐĂNG KÝ VÀ VĂN BẰNG BẢO HỘ QUYỀN SỞ HỮU CÔNG "
                 "NGHIỆP", sub, rcols, BC_ARRAY_LEN(rcols), bold, head);
    free(sub);
    for (size_t i = 0; i < d->n_ents; i++, o.row++) {
        const entry *e = &d->ents[i];
        const rec *r = e->r;
        int granted = strcmp(e->status, "granted") == 0;
        own_num(&o, 0, (double)(i + 1), NULL);
        own_str(&o, 1, r->kind, NULL);
        own_str(&o, 2, status_text(e->status), NULL);
        own_str(&o, 3, r->app, NULL);
        own_date(&o, 4, r->filed, NULL);
        if (granted) {
            own_date(&o, 5, r->granted, NULL);
            own_str(&o, 6, r->cert, NULL);
        }
        own_str(&o, 7, r->name, NULL);
        own_str(&o, 8, r->product, NULL);
        own_str(&o, 9, r->owner, NULL);
        own_str(&o, 10, r->place, NULL);
        own_str(&o, 11, r->task, NULL);
        if (e->status[0] == 'r')
            own_str(&o, 12, "Cục SHTT từ chối, chủ đơn không khiếu nại",
                    NULL);
    }
    if (d->n_ents) {
        char *total = bc_asprintf("%zu hồ sơ", d->n_ents);
        own_str(&o, 0, "Cộng", bold);
        own_str(&o, 3, total, bold);
        free(total);
        o.row += 2;
        own_str(&o, 0, "Ghi chú: ngày ghi theo dạng ngày/tháng/năm.", NULL);
    }

    /* Hoạt động */
    if (own_next_sheet(&o, wb, "Hoạt động") != 0)
        goto done;
    static const char *const acols[] = {"Nhiệm vụ", "Ngày", "Loại hoạt động",
                                        "Tên hoạt động", "Số lớp",
                                        "Số người tham gia"};
    own_head(&o, "CÁC HOẠT ĐỘNG THỰC HIỆN NHIỆM VỤ CỦA ĐỀ ÁN", NULL, acols,
             BC_ARRAY_LEN(acols), bold, head);
    for (size_t i = 0; i < d->n_acts; i++, o.row++) {
        const activity *a = &d->acts[i];
        own_num(&o, 0, (double)(i + 1), NULL);
        own_str(&o, 1, a->task, NULL);
        own_date(&o, 2, a->date, NULL);
        own_str(&o, 3, a->kind, NULL);
        own_str(&o, 4, a->title, NULL);
        if (a->classes >= 0)
            own_num(&o, 5, a->classes, NULL);
        if (a->participants >= 0)
            own_num(&o, 6, a->participants, NULL);
    }

    /* Hỗ trợ nhãn hiệu */
    if (own_next_sheet(&o, wb, "Hỗ trợ nhãn hiệu") != 0)
        goto done;
    static const char *const scols[] = {"Nhãn hiệu", "Loại", "Ngày",
                                        "Nhiệm vụ", "Nội dung"};
    own_head(&o, "HỖ TRỢ PHÁT TRIỂN NHÃN HIỆU ĐÃ ĐƯỢC BẢO HỘ", NULL, scols,
             BC_ARRAY_LEN(scols), bold, head);
    for (size_t i = 0; i < d->n_sups; i++, o.row++) {
        const support *x = &d->sups[i];
        own_num(&o, 0, (double)(i + 1), NULL);
        own_str(&o, 1, x->mark, NULL);
        own_str(&o, 2, x->kind, NULL);
        own_date(&o, 3, x->date, NULL);
        own_str(&o, 4, "B9", NULL);
        own_str(&o, 5, x->content, NULL);
    }

    /* Kinh phí: amounts typed as text, Vietnamese style */
    if (own_next_sheet(&o, wb, "Kinh phí") != 0)
        goto done;
    static const char *const bcols[] = {"Nhiệm vụ",
                                        "Kinh phí được giao (triệu đồng)",
                                        "Đã giải ngân (triệu đồng)",
                                        "Ghi chú"};
    own_head(&o, "KINH PHÍ THỰC HIỆN ĐỀ ÁN", "Đơn vị tính: triệu đồng", bcols,
             BC_ARRAY_LEN(bcols), bold, head);
    for (size_t i = 0; i < d->n_buds; i++, o.row++) {
        const bline *b = &d->buds[i];
        own_num(&o, 0, (double)(i + 1), NULL);
        own_str(&o, 1, b->task, NULL);
        own_str(&o, 2, text_format_vn((bc_money)b->allocated * 1000, buf,
                                      sizeof buf), NULL);
        own_str(&o, 3, text_format_vn((bc_money)b->disbursed * 1000, buf,
                                      sizeof buf), NULL);
        own_str(&o, 4, b->note, NULL);
    }

    /* Thuyết minh */
    if (own_next_sheet(&o, wb, "Thuyết minh") != 0)
        goto done;
    own_keep(&o, worksheet_set_column(o.ws, 1, 1, 100, NULL));
    own_str(&o, 0, "THUYẾT MINH", bold);
    o.row = 2;
    static const char *const nlabels[] = {"Kết quả", "Khó khăn", "Kiến nghị"};
    const char *ntexts[] = {d->results, d->difficulties, d->proposals};
    for (size_t i = 0; i < BC_ARRAY_LEN(nlabels); i++, o.row++) {
        own_str(&o, 0, nlabels[i], bold);
        own_str(&o, 1, ntexts[i], NULL);
    }
    if (o.err != LXW_NO_ERROR) {
        fprintf(stderr, "gensample: không lập được %s (%s)\n", path,
                lxw_strerror(o.err));
        goto done;
    }
    bc_status st = xlsx_commit(wb, tmp, path, dg);
    wb = NULL;
    if (st != BC_OK) {
        report_findings(dg);
        remove(tmp);
        goto done;
    }
    rc = 0;
done:
    if (wb) {
        lxw_workbook_free(wb);
        remove(tmp);
    }
    if (rc != 0 && o.err == LXW_NO_ERROR)
        fprintf(stderr, "gensample: không ghi được %s\n", path);
    free(title);
    free(tmp);
    diag_free(dg);
    return rc;
}

/* 1 if the file at path (extension ext) is one this generator wrote: the
 * XML carries its comment, a workbook the sample data's e-mail domain. */
static int generated(const char *path, const char *ext)
{
    if (strcmp(ext, "xml") == 0) {
        char *text = NULL;
        size_t n = 0;
        if (bc_read_file(path, (size_t)1 << 26, &text, &n) != BC_OK)
            return 0;
        int ours = strstr(text, "Tạo bởi tools/gensample") != NULL;
        free(text);
        return ours;
    }
    int err = 0, ours = 0;
    zip_t *z = zip_open(path, ZIP_RDONLY, &err);
    if (!z)
        return 0;
    zip_stat_t zs;
    zip_stat_init(&zs);
    if (zip_stat(z, "xl/sharedStrings.xml", 0, &zs) == 0 &&
        zs.size < ((zip_uint64_t)1 << 26)) {
        char *buf = malloc((size_t)zs.size + 1);
        zip_file_t *f = buf ? zip_fopen(z, "xl/sharedStrings.xml", 0) : NULL;
        if (f && zip_fread(f, buf, zs.size) == (zip_int64_t)zs.size) {
            buf[zs.size] = '\0';
            ours = strstr(buf, "@example.vn") != NULL;
        }
        if (f)
            zip_fclose(f);
        free(buf);
    }
    zip_close(z);
    return ours;
}

/* Writes DIR/<year>/<d->file>.xml or .xlsx by d->fmt, then removes the
 * generator's own file of the other format; returns 0 or -1 (message
 * printed). */
static int doc_write(const doc *d, const char *out, uint64_t seed)
{
    char sub[16];
    snprintf(sub, sizeof sub, "%d", d->year);
    const char *ext = d->fmt == FMT_XML ? "xml" : "xlsx";
    const char *other = d->fmt == FMT_XML ? "xlsx" : "xml";
    char *dir = bc_path_join(out, sub);
    char *name = bc_asprintf("%s.%s", d->file, ext);
    char *oname = bc_asprintf("%s.%s", d->file, other);
    char *path = dir && name ? bc_path_join(dir, name) : NULL;
    char *opath = dir && oname ? bc_path_join(dir, oname) : NULL;
    bc_strbuf sb = BC_STRBUF_INIT;
    int rc = -1;
    if (!path || !opath) {
        fprintf(stderr, "gensample: hết bộ nhớ (out of memory)\n");
        goto done;
    }
    if (bc_mkdir_p(dir) != BC_OK) {
        fprintf(stderr, "gensample: không tạo được thư mục %s: %s\n", dir,
                strerror(errno));
        goto done;
    }
    if (d->fmt == FMT_OWN) {
        if (write_own(d, path) != 0)
            goto done;
    } else {
        doc_render(d, seed, &sb);
        if (sb.failed) {
            fprintf(stderr, "gensample: hết bộ nhớ (out of memory)\n");
            goto done;
        }
        if (d->fmt == FMT_FORM) {
            if (!PLAN) {
                fprintf(stderr, "gensample: cần dữ liệu Đề án (--plan)\n");
                goto done;
            }
            if (write_form_doc(d, &sb, path) != 0)
                goto done;
        } else if (bc_write_atomic(path, sb.buf, sb.len) != BC_OK) {
            fprintf(stderr, "gensample: không ghi được %s\n", path);
            goto done;
        }
    }
    if (bc_is_file(opath) && generated(opath, other) && remove(opath) != 0) {
        fprintf(stderr, "gensample: không xóa được %s: %s\n", opath,
                strerror(errno));
        goto done;
    }
    rc = 0;
done:
    sb_release(&sb);
    free(path);
    free(opath);
    free(name);
    free(oname);
    free(dir);
    return rc;
}

/* --- content of a document -------------------------------------------- */
static void doc_init(doc *d, const unit_def *u, int year, bc_date date,
                     const char *file)
{
    entry *ents = d->ents;
    size_t cap = d->cap_ents;
    memset(d, 0, sizeof *d);
    d->ents = ents; /* the record buffer is reused across files */
    d->cap_ents = cap;
    d->u = u;
    d->year = year;
    d->date = date;
    d->from = period_from(year);
    if (unit_from(u) > d->from)
        d->from = unit_from(u);
    d->to = date < event_last(year) ? date : event_last(year);
    if (unit_to(u) < d->to)
        d->to = unit_to(u);
    if (file)
        snprintf(d->file, sizeof d->file, "%s", file);
    else
        snprintf(d->file, sizeof d->file, "%s", u->code);
    d->fmt = file_format(u->code, year, &d->typed);
}

static void doc_contact(doc *d, rng *r)
{
    person_name(r, d->cname, sizeof d->cname);
    const char *role;
    switch (d->u->type) {
    case U_DISTRICT:
        role = strcmp(d->u->code, "178") == 0
                   ? "Chuyên viên Phòng Kinh tế thành phố"
                   : "Chuyên viên Phòng Kinh tế và Hạ tầng";
        break;
    case U_COMMUNE:
        role = "Công chức Phòng Kinh tế, Hạ tầng và Đô thị";
        break;
    default:
        if (strcmp(d->u->code, "SKHCN") == 0)
            role = "Chuyên viên Phòng Quản lý chuyên ngành";
        else if (strcmp(d->u->code, "DPTTH") == 0)
            role = "Biên tập viên Phòng Thời sự";
        else if (strcmp(d->u->code, "BLS") == 0)
            role = "Phóng viên Ban Kinh tế - Xã hội";
        else if (strcmp(d->u->code, "SKHCN2") == 0)
            role = "Viên chức Phòng Hỗ trợ khởi nghiệp";
        else
            role = "Chuyên viên Văn phòng Sở";
    }
    snprintf(d->crole, sizeof d->crole, "%s", role);
    snprintf(d->cphone, sizeof d->cphone, "0205 3%03d %03d",
             rng_range(r, 700, 899), rng_range(r, 0, 999));
    snprintf(d->cemail, sizeof d->cemail, "%s@example.vn", d->u->slug);
}

/* The records whose events this unit reports in the cycle. */
static void doc_records(doc *d, const registry *g)
{
    const char *code = d->u->code;
    for (size_t i = 0; i < g->n; i++) {
        const rec *r = &g->v[i];
        if (r->filer && cycle_of(r->filed) == d->year &&
            (strcmp(r->filer, code) == 0 ||
             (r->also && strcmp(r->also, code) == 0)))
            doc_add_entry(d, r, r->refused ? "refused" : "filed", r->filed);
        if (r->granted && r->granter && cycle_of(r->granted) == d->year &&
            strcmp(r->granter, code) == 0)
            doc_add_entry(d, r, "granted", r->granted);
    }
    qsort(d->ents, d->n_ents, sizeof *d->ents, entry_cmp);
}

/* The area an A3 class on day `on` is held in. */
static void class_area(rng *r, bc_date on, char *buf, size_t n)
{
    if (on >= iso("2025-07-01"))
        snprintf(buf, n, "%s", UNITS[11 + rng_below(r, 4)].area);
    else
        snprintf(buf, n, "%s", UNITS[rng_below(r, 11)].area);
}

static const int A1_CLASSES[N_CYCLES] = {1, 2, 2, 2, 2, 2};
static const int A2_TASKS[N_CYCLES] = {2, 2, 1, 2, 2, 2};
static const int A3_CLASSES[N_CYCLES] = {4, 5, 5, 6, 5, 5};
static const int A4_CLASSES[N_CYCLES] = {1, 1, 1, 1, 1, 1};
static const int A6_CLASSES[N_CYCLES] = {2, 2, 2, 2, 2, 2};

static const char *const A2_TITLES[] = {
    "Nhiệm vụ KH&CN cấp tỉnh: Nghiên cứu quy trình chưng cất tinh dầu hồi "
    "đạt tiêu chuẩn xuất khẩu",
    "Nhiệm vụ KH&CN cấp tỉnh: Nghiên cứu nhân giống hồng không hạt Bảo Lâm",
    "Nhiệm vụ KH&CN cấp tỉnh: Hoàn thiện quy trình chế biến thạch đen Tràng "
    "Định",
    "Nhiệm vụ KH&CN cấp tỉnh: Nghiên cứu thiết bị sấy nông sản bằng năng "
    "lượng mặt trời",
    "Nhiệm vụ KH&CN cấp tỉnh: Ứng dụng vi sinh xử lý phụ phẩm chế biến hồi",
    "Nhiệm vụ KH&CN cấp tỉnh: Nghiên cứu bảo quản quả na Chi Lăng sau thu "
    "hoạch",
    "Nhiệm vụ KH&CN cấp tỉnh: Chọn lọc giống quýt vàng Bắc Sơn sạch bệnh",
    "Nhiệm vụ KH&CN cấp tỉnh: Xây dựng quy trình sản xuất mật ong hoa hồi"};

/* Sở KHCN's own activities, tasks A1-A4 (and a B7 event). */
static void skhcn_activities(doc *d, rng *r)
{
    int k = d->year - FIRST_CYCLE;
    char area[64];
    activity *a;
    for (int i = 0; i < A1_CLASSES[k]; i++) {
        a = doc_add_act(d, "A1", rng_date(r, d->from, d->to), "tap-huan", 1,
                        rng_range(r, 30, 60));
        snprintf(a->title, sizeof a->title,
                 "Tập huấn khai thác cơ sở dữ liệu sở hữu trí tuệ quốc gia "
                 "và của tỉnh (lớp %d)", i + 1);
    }
    a = doc_add_act(d, "A1", rng_date(r, d->from, d->to), "khac", -1, -1);
    snprintf(a->title, sizeof a->title,
             "Cập nhật cơ sở dữ liệu sở hữu trí tuệ của tỉnh năm %d",
             d->year);
    for (int i = 0; i < A2_TASKS[k]; i++) {
        a = doc_add_act(d, "A2", rng_date(r, d->from, d->to), "nhiem-vu", -1,
                        -1);
        snprintf(a->title, sizeof a->title, "%s",
                 A2_TITLES[(k * 2 + i) % (int)BC_ARRAY_LEN(A2_TITLES)]);
    }
    for (int i = 0; i < A3_CLASSES[k]; i++) {
        bc_date on = rng_date(r, d->from, d->to);
        class_area(r, on, area, sizeof area);
        a = doc_add_act(d, "A3", on, "tap-huan", 1, rng_range(r, 40, 85));
        snprintf(a->title, sizeof a->title,
                 "Tập huấn kiến thức sở hữu trí tuệ cho doanh nghiệp, hợp "
                 "tác xã tại %s", area);
    }
    for (int i = 0; i < A4_CLASSES[k]; i++) {
        a = doc_add_act(d, "A4", rng_date(r, d->from, d->to), "tap-huan", 1,
                        rng_range(r, 30, 55));
        snprintf(a->title, sizeof a->title,
                 "Bồi dưỡng nghiệp vụ bảo vệ quyền sở hữu trí tuệ cho công "
                 "chức quản lý thị trường, hải quan, công an");
    }
    a = doc_add_act(d, "B10", rng_date(r, d->from, d->to), "hoi-thao", -1,
                    rng_range(r, 80, 150));
    snprintf(a->title, sizeof a->title,
             "Hội thảo \"Sở hữu trí tuệ - Đổi mới sáng tạo\" nhân Ngày Sở "
             "hữu trí tuệ thế giới năm %d", d->year);
}

/* Part B allocations of Sở KHCN; amounts in thousandths of a triệu. */
static void skhcn_budget(doc *d, rng *r)
{
    static const struct {
        const char *task;
        int plan[N_CYCLES]; /* triệu đồng; 2026: the provincial allocation */
    } lines[] = {
        {"B7", {2200, 200, 200, 200, 200, 180}},
        {"B8", {1000, 1000, 1000, 0, 0, 0}},
        {"B9", {1200, 1200, 1200, 1200, 1200, 1000}},
        {"B9b", {1000, 1000, 1000, 1000, 1000, 0}},
        {"B10", {400, 400, 400, 400, 400, 350}},
        {"B11", {200, 200, 200, 200, 200, 150}},
    };
    static const char *const notes[] = {
        "Theo quyết định giao dự toán đầu năm",
        "Giao bổ sung trong năm",
        "Một phần kinh phí chuyển nguồn sang năm sau",
        "Đã nghiệm thu, thanh quyết toán"};
    int k = d->year - FIRST_CYCLE;
    for (size_t i = 0; i < BC_ARRAY_LEN(lines); i++) {
        int64_t planned = lines[i].plan[k];
        if (!planned)
            continue;
        int64_t alloc;
        const char *note = NULL;
        if (d->year == 2021 && strcmp(lines[i].task, "B7") == 0) {
            alloc = 1500000; /* the start-up centre was built in stages */
            note = "Trung tâm hỗ trợ khởi nghiệp triển khai theo giai đoạn";
        } else if (rng_chance(r, 45)) {
            alloc = planned * 1000;
        } else {
            alloc = planned * rng_range(r, 850, 990);
            alloc = (alloc + 250) / 500 * 500; /* to half a triệu */
        }
        int64_t disb = alloc * rng_range(r, 820, 1000) / 1000;
        if (!note && rng_chance(r, 50))
            note = PICK(r, notes);
        doc_add_budget(d, lines[i].task, alloc, disb, note);
    }
}

typedef struct support_def {
    int year;
    const char *mark, *kind, *date, *content;
} support_def;

static const support_def SUPPORTS[] = {
    {2021, "Quýt vàng Bắc Sơn", "NHTT", "2021-05-20",
     "Hỗ trợ xây dựng hệ thống truy xuất nguồn gốc và quảng bá sản phẩm"},
    {2021, "Hồng vành khuyên Văn Lãng", "NHTT", "2021-08-11",
     "Hỗ trợ in tem, nhãn, bao bì và quản lý sử dụng nhãn hiệu"},
    {2022, "Quả Na của huyện Chi Lăng, Hữu Lũng", "NHCN", "2022-06-08",
     "Hỗ trợ xây dựng quy chế kiểm soát chất lượng và cấp quyền sử dụng "
     "nhãn hiệu chứng nhận"},
    {2022, "Thạch đen Tràng Định", "NHTT", "2022-09-14",
     "Hỗ trợ tham gia hội chợ, xúc tiến thương mại"},
    {2023, "Quýt vàng Bắc Sơn", "NHTT", "2023-04-18",
     "Hỗ trợ mở rộng vùng sản xuất được cấp quyền sử dụng nhãn hiệu"},
    {2023, "Khoai lang Lộc Bình", "NHTT", "2023-07-25",
     "Hỗ trợ thiết kế bao bì và quảng bá trên sàn thương mại điện tử"},
    {2024, "Ba Kích Đình Lập", "NHTT", "2024-05-07",
     "Hỗ trợ xây dựng hệ thống quản lý và truy xuất nguồn gốc"},
    {2024, "Rau thành phố Lạng Sơn", "NHCN", "2024-08-20",
     "Hỗ trợ kiểm soát chất lượng và cấp quyền sử dụng nhãn hiệu chứng "
     "nhận"},
    {2025, "Nem nướng Hữu Lũng", "NHTT", "2025-04-15",
     "Hỗ trợ in tem, nhãn và quảng bá sản phẩm"},
    {2025, "Hồng vành khuyên Văn Lãng", "NHTT", "2025-06-10",
     "Hỗ trợ tham gia hội chợ, xúc tiến thương mại"},
    {2025, "Rượu Mẫu Sơn", "NHTT", "2025-09-23",
     "Hỗ trợ xây dựng quy chế quản lý và kiểm soát chất lượng"},
    {2026, "Chanh rừng Mẫu Sơn", "NHTT", "2026-03-24",
     "Hỗ trợ xây dựng hệ thống truy xuất nguồn gốc và quảng bá sản phẩm"},
    {2026, "Quế Tràng Định", "NHTT", "2026-07-14",
     "Hỗ trợ quảng bá sản phẩm trên sàn thương mại điện tử"},
};

static void skhcn_supports(doc *d)
{
    for (size_t i = 0; i < BC_ARRAY_LEN(SUPPORTS); i++) {
        if (SUPPORTS[i].year != d->year || d->n_sups == MAX_SUP)
            continue;
        support *s = &d->sups[d->n_sups++];
        s->mark = SUPPORTS[i].mark;
        s->kind = SUPPORTS[i].kind;
        s->date = iso(SUPPORTS[i].date);
        s->content = SUPPORTS[i].content;
    }
}

static const char *const DIFFICULTIES[] = {
    DIFFICULTIES_SHARED,
    "Một số chủ thể chưa duy trì hiệu lực văn bằng bảo hộ."};

/* The "results" paragraph, from the document's own content. */
static void doc_results(doc *d)
{
    size_t filed = 0, granted = 0;
    for (size_t i = 0; i < d->n_ents; i++) {
        if (strcmp(d->ents[i].status, "granted") == 0)
            granted++;
        else
            filed++;
    }
    const char *tail = "";
    if (d->u->type == U_DISTRICT && d->year == 2025)
        tail = " Số liệu tính đến ngày 30/6/2025, trước khi kết thúc hoạt "
               "động của chính quyền cấp huyện.";
    else if (d->u->type == U_COMMUNE && d->year == 2025)
        tail = " Số liệu tính từ ngày 01/7/2025, khi chính quyền địa phương "
               "hai cấp đi vào hoạt động.";
    else if (d->year == 2025 && unit_to(d->u) < iso("2025-12-31"))
        tail = " Số liệu tính đến ngày 28/02/2025, trước khi hợp nhất Sở.";

    if (d->n_ents)
        snprintf(d->results, sizeof d->results,
                 "Năm %d, %s đã tuyên truyền, hướng dẫn các tổ chức, cá nhân "
                 "đăng ký bảo hộ quyền sở hữu công nghiệp; trong kỳ báo cáo có "
                 "%zu đơn đăng ký được nộp và %zu văn bằng bảo hộ được cấp.%s",
                 d->year, d->u->name, filed, granted, tail);
    else if (d->n_acts)
        snprintf(d->results, sizeof d->results,
                 "Năm %d, %s đã thực hiện %zu hoạt động thuộc Đề án triển "
                 "khai Chiến lược sở hữu trí tuệ trên địa bàn tỉnh.%s",
                 d->year, d->u->name, d->n_acts, tail);
    else
        snprintf(d->results, sizeof d->results,
                 "Năm %d, %s đã lồng ghép nội dung sở hữu trí tuệ trong các "
                 "hoạt động chuyên môn của ngành theo chức năng, nhiệm vụ "
                 "được giao.%s",
                 d->year, d->u->name, tail);
}

static void doc_narrative(doc *d, rng *r)
{
    doc_results(d);
    if (d->u->type == U_COMMUNE)
        snprintf(d->difficulties, sizeof d->difficulties, "%s %s",
                 "Bộ máy chính quyền địa phương hai cấp mới đi vào hoạt "
                 "động, việc bàn giao hồ sơ, dữ liệu còn chậm.",
                 PICK(r, DIFFICULTIES));
    else
        snprintf(d->difficulties, sizeof d->difficulties, "%s",
                 PICK(r, DIFFICULTIES));
    const char *p1 = PICK(r, PROPOSALS), *p2 = PICK(r, PROPOSALS);
    if (p1 == p2)
        snprintf(d->proposals, sizeof d->proposals, "%s", p1);
    else
        snprintf(d->proposals, sizeof d->proposals, "%s %s", p1, p2);
}

/* Activities and budget lines of the other units. */
static void unit_activities(doc *d, rng *r)
{
    const char *c = d->u->code;
    int k = d->year - FIRST_CYCLE;
    activity *a;
    if (strcmp(c, "SKHCN") == 0) {
        skhcn_activities(d, r);
        skhcn_supports(d);
        skhcn_budget(d, r);
    } else if (strcmp(c, "STP") == 0) {
        a = doc_add_act(d, "A5", rng_date(r, d->from, d->to), "tap-huan", 1,
                        rng_range(r, 25, 45));
        snprintf(a->title, sizeof a->title,
                 "Tập huấn nghiệp vụ giám định sở hữu trí tuệ và tư vấn "
                 "pháp luật về sở hữu trí tuệ");
        if (d->year >= 2022)
            doc_add_budget(d, "A5", 25000, 25000 - rng_range(r, 0, 4) * 500,
                           "Dự toán chi thường xuyên");
    } else if (strcmp(c, "SGDDT") == 0) {
        for (int i = 0; i < A6_CLASSES[k]; i++) {
            a = doc_add_act(d, "A6", rng_date(r, d->from, d->to), "tap-huan",
                            1, rng_range(r, 45, 120));
            snprintf(a->title, sizeof a->title, "%s",
                     i == 0 ? "Bồi dưỡng kiến thức sở hữu trí tuệ cho giáo "
                              "viên trung học phổ thông"
                            : "Bồi dưỡng về sở hữu trí tuệ cho học sinh các "
                              "trường trung học phổ thông");
        }
        if (d->year >= 2022)
            doc_add_budget(d, "A6", 45000, 45000 - rng_range(r, 0, 6) * 700,
                           NULL);
    } else if (strcmp(c, "DPTTH") == 0 || strcmp(c, "BLS") == 0) {
        int n = rng_range(r, 2, 4);
        for (int i = 0; i < n; i++) {
            a = doc_add_act(d, "B10", rng_date(r, d->from, d->to),
                            "truyen-thong", -1, -1);
            if (strcmp(c, "DPTTH") == 0)
                snprintf(a->title, sizeof a->title,
                         "Chuyên mục \"Khoa học và Công nghệ\": sở hữu trí tuệ "
                         "với sản phẩm đặc sản địa phương (kỳ %d/%d)",
                         i + 1, d->year);
            else
                snprintf(a->title, sizeof a->title,
                         "Loạt bài \"Nâng tầm thương hiệu nông sản Xứ Lạng\" "
                         "(bài %d)", i + 1);
        }
    } else if (strcmp(c, "SVHTTDL") == 0) {
        a = doc_add_act(d, "B10", rng_date(r, d->from, d->to), "truyen-thong",
                        -1, rng_range(r, 60, 120));
        snprintf(a->title, sizeof a->title,
                 "Tuyên truyền pháp luật về quyền tác giả, quyền liên quan");
    } else if (d->u->type != U_DEPT && rng_chance(r, 60)) {
        a = doc_add_act(d, "B10", rng_date(r, d->from, d->to), "hoi-thao",
                        -1, rng_range(r, 50, 110));
        snprintf(a->title, sizeof a->title,
                 "Hội nghị tuyên truyền về sở hữu trí tuệ cho hợp tác xã, hộ "
                 "sản xuất tại %s", d->u->area);
    }
    qsort(d->acts, d->n_acts, sizeof *d->acts, act_cmp);
}

/* The date a unit signs its file of the cycle. */
static bc_date file_date(rng *r, const unit_def *u, int year)
{
    if (unit_to(u) < period_to(year))
        return unit_to(u); /* sent on its last day */
    return date_make(year, 12, rng_range(r, 1, 14));
}

/* Builds one unit's ordinary file of a cycle in d. */
static void build_unit(doc *d, const registry *g, const unit_def *u, int year,
                       uint64_t seed)
{
    rng r = rng_for(seed, u->code, year);
    doc_init(d, u, year, file_date(&r, u, year), NULL);
    doc_contact(d, &r);
    doc_records(d, g);
    unit_activities(d, &r);
    doc_narrative(d, &r);
}

static int write_unit(doc *d, const registry *g, const unit_def *u, int year,
                      const char *out, uint64_t seed)
{
    build_unit(d, g, u, year, seed);
    return doc_write(d, out, seed);
}

/* ------------------------------------------------------------------------
 * The deliberate faults that need whole files.
 * ---------------------------------------------------------------------- */

/* Fault 2: a budget line with disbursed > allocated (rejects the file). */
static int write_budget_over(doc *d, int year, const char *task, int64_t alloc,
                             int64_t disb, const char *out, uint64_t seed)
{
    rng r = rng_for(seed, "STC", year);
    doc_init(d, unit_find("STC"), year, date_make(year, 12, 9), NULL);
    doc_contact(d, &r);
    doc_add_budget(d, task, alloc, disb,
                   "Số liệu tổng hợp từ hệ thống Kho bạc Nhà nước");
    doc_narrative(d, &r);
    snprintf(d->results, sizeof d->results,
             "Năm %d, Sở Tài chính đã thẩm định và tham mưu bố trí kinh phí "
             "thực hiện Đề án theo đề nghị của Sở Khoa học và Công nghệ.",
             year);
    return doc_write(d, out, seed);
}

/* Fault 3: files of units the plan does not know. */
static int write_unknown_units(doc *d, const registry *g, const char *out,
                               uint64_t seed)
{
    rng r = rng_for(seed, "190", 2022);
    doc_init(d, &FAKE_190, 2022, date_make(2022, 12, 7), NULL);
    doc_contact(d, &r);
    doc_records(d, g);
    doc_narrative(d, &r);
    if (doc_write(d, out, seed) != 0)
        return -1;

    r = rng_for(seed, "SKHCN2", 2026);
    doc_init(d, &FAKE_SKHCN2, 2026, date_make(2026, 12, 4), NULL);
    doc_contact(d, &r);
    activity *a = doc_add_act(d, "B7", date_make(2026, 10, 16), "hoi-thao",
                              -1, 260);
    snprintf(a->title, sizeof a->title,
             "Ngày hội khởi nghiệp đổi mới sáng tạo tỉnh Lạng Sơn năm 2026");
    doc_narrative(d, &r);
    return doc_write(d, out, seed);
}

/* Fault 5: an earlier file of the same unit and year that a later one
 * (NAME-bo-sung) replaces.  The earlier one differs in one figure
 * (budget) or lacks the last record. */
static int write_replaced(doc *d, const registry *g, const unit_def *u,
                          int year, bc_date first, bc_date second,
                          const char *out, uint64_t seed)
{
    build_unit(d, g, u, year, seed);
    d->date = second;
    snprintf(d->file, sizeof d->file, "%s-bo-sung", u->code);
    char fix[200];
    snprintf(fix, sizeof fix,
             " Báo cáo bổ sung, thay thế báo cáo gửi ngày %02d/%02d/%d.",
             date_day(first), date_month(first), date_year(first));
    size_t len = strlen(d->results);
    snprintf(d->results + len, sizeof d->results - len, "%s", fix);
    if (doc_write(d, out, seed) != 0)
        return -1;

    /* the earlier version */
    d->date = first;
    snprintf(d->file, sizeof d->file, "%s", u->code);
    int changed = 0;
    for (size_t i = 0; i < d->n_buds; i++) {
        if (strcmp(d->buds[i].task, "B9") == 0) {
            d->buds[i].disbursed -= 120500; /* 120.5 triệu not yet posted */
            d->buds[i].note = "Số giải ngân tạm tính đến ngày 30/11";
            changed = 1;
        }
    }
    if (!changed && d->n_ents)
        d->n_ents--; /* the last record was added later */
    doc_results(d);
    return doc_write(d, out, seed);
}

/* ------------------------------------------------------------------------
 * Sample cycles.
 * ---------------------------------------------------------------------- */
static int is_extra_unit(const unit_def *u, int year)
{
    /* files written by the fault functions instead */
    if (year == 2023 && strcmp(u->code, "STC") == 0)
        return 1;
    if (year == 2026 && strcmp(u->code, "STC") == 0)
        return 1;
    if (year == 2024 && strcmp(u->code, "SKHCN") == 0)
        return 1;
    if (year == 2026 && strcmp(u->code, "05986") == 0)
        return 1;
    return 0;
}

static int write_samples(const char *out, uint64_t seed)
{
    registry g = {NULL, 0, 0};
    doc d;
    memset(&d, 0, sizeof d);
    int rc = 0;
    build_registry(&g, seed);

    for (int y = FIRST_CYCLE; y <= LAST_CYCLE && rc == 0; y++) {
        for (size_t i = 0; i < BC_ARRAY_LEN(UNITS) && rc == 0; i++) {
            const unit_def *u = &UNITS[i];
            if (!unit_submits(u, y) || is_extra_unit(u, y))
                continue;
            rc = write_unit(&d, &g, u, y, out, seed);
        }
    }
    if (rc == 0)
        rc = write_budget_over(&d, 2023, "B9", 1200000, 1235600, out, seed);
    if (rc == 0)
        rc = write_budget_over(&d, 2026, "B10", 350000, 372400, out, seed);
    if (rc == 0)
        rc = write_unknown_units(&d, &g, out, seed);
    if (rc == 0)
        rc = write_replaced(&d, &g, unit_find("SKHCN"), 2024,
                            iso("2024-12-05"), iso("2024-12-12"), out, seed);
    if (rc == 0)
        rc = write_replaced(&d, &g, unit_find("05986"), 2026,
                            iso("2026-12-03"), iso("2026-12-11"), out, seed);
    free(d.ents);
    free(g.v);
    return rc;
}

/* What the cycles should add up to (counted records only), for the
 * README and for checking the aggregation by hand. */
static void print_summary(uint64_t seed)
{
    registry g = {NULL, 0, 0};
    build_registry(&g, seed);
    printf("cycle  NH-filed NH-granted KDCN-filed KDCN-granted SC+GPHI-filed "
           "SC+GPHI-granted NHTT-new NHTT-not-new NHCN-new CDDL-new "
           "GCT-filed refused\n");
    for (int y = FIRST_CYCLE; y <= LAST_CYCLE; y++) {
        int nh_f = 0, nh_g = 0, kd_f = 0, kd_g = 0, sc_f = 0, sc_g = 0;
        int nhtt = 0, nhtt_old = 0, nhcn = 0, cddl = 0, gct = 0, refused = 0;
        for (size_t i = 0; i < g.n; i++) {
            const rec *r = &g.v[i];
            if (!r->counted)
                continue;
            int f = r->filer && cycle_of(r->filed) == y;
            int gr = r->granted && r->granter && cycle_of(r->granted) == y;
            const char *k = r->kind;
            refused += f && r->refused;
            if (strcmp(k, "NH") == 0) {
                nh_f += f;
                nh_g += gr;
            } else if (strcmp(k, "KDCN") == 0) {
                kd_f += f;
                kd_g += gr;
            } else if (strcmp(k, "SC") == 0 || strcmp(k, "GPHI") == 0) {
                sc_f += f;
                sc_g += gr;
            } else if (strcmp(k, "NHTT") == 0) {
                if (r->not_new)
                    nhtt_old += gr;
                else
                    nhtt += gr;
            } else if (strcmp(k, "NHCN") == 0) {
                nhcn += gr;
            } else if (strcmp(k, "CDDL") == 0) {
                cddl += gr;
            } else if (strcmp(k, "GCT") == 0) {
                gct += f;
            }
        }
        printf("%d   %8d %10d %10d %12d %13d %15d %8d %12d %8d %8d %9d %7d\n",
               y, nh_f, nh_g, kd_f, kd_g, sc_f, sc_g, nhtt, nhtt_old, nhcn,
               cddl, gct, refused);
    }

    /* activities, supports and budget of the units that hold them */
    doc d;
    memset(&d, 0, sizeof d);
    static const char *const holders[] = {"SKHCN", "STP", "SGDDT"};
    static const char *const tasks[] = {"A1", "A2", "A3", "A4", "A5", "A6"};
    const char *seen[BC_ARRAY_LEN(SUPPORTS)];
    size_t n_seen = 0;
    printf("\ncycle  classes A1/A3/A4/A5/A6  tasks A2  supports (distinct so "
           "far)  budget allocated/disbursed (triệu đồng)\n");
    for (int y = FIRST_CYCLE; y <= LAST_CYCLE; y++) {
        int cls[BC_ARRAY_LEN(tasks)] = {0}, nsup = 0;
        bc_strbuf bud = BC_STRBUF_INIT;
        for (size_t h = 0; h < BC_ARRAY_LEN(holders); h++) {
            const unit_def *u = unit_find(holders[h]);
            if (!unit_submits(u, y))
                continue;
            build_unit(&d, &g, u, y, seed);
            for (size_t i = 0; i < d.n_acts; i++)
                for (size_t t = 0; t < BC_ARRAY_LEN(tasks); t++)
                    if (strcmp(d.acts[i].task, tasks[t]) == 0)
                        cls[t] += t == 1 ? 1 : d.acts[i].classes > 0
                                                    ? d.acts[i].classes
                                                    : 0;
            for (size_t i = 0; i < d.n_sups; i++) {
                size_t j = 0;
                while (j < n_seen && strcmp(seen[j], d.sups[i].mark) != 0)
                    j++;
                if (j == n_seen)
                    seen[n_seen++] = d.sups[i].mark;
                nsup++;
            }
            for (size_t i = 0; i < d.n_buds; i++) {
                char a[BC_MONEY_BUF], b[BC_MONEY_BUF];
                sb_addf(&bud, " %s %s/%s", d.buds[i].task,
                        money_format((bc_money)d.buds[i].allocated * 1000, a),
                        money_format((bc_money)d.buds[i].disbursed * 1000,
                                     b));
            }
        }
        printf("%d   %d/%d/%d/%d/%d  %d  %d (%zu) %s\n", y, cls[0], cls[2],
               cls[3], cls[4], cls[5], cls[1], nsup, n_seen, sb_str(&bud));
        sb_release(&bud);
    }
    free(d.ents);
    free(g.v);
}

/* ------------------------------------------------------------------------
 * Synthetic submissions for benchmarks.
 * ---------------------------------------------------------------------- */
#define SYN_RECORDS 60
#define SYN_PER_YEAR 99999

/* An application number unique over the whole run: the counter walks the
 * 99999 numbers of a filing year, then the year before. */
static void syn_number(rec *x, const char *k, long counter, int year, rng *r)
{
    int back = (int)(counter / SYN_PER_YEAR);
    int num = (int)(counter % SYN_PER_YEAR) + 1;
    int fy = year - back;
    if (back == 0) {
        x->filed = rng_date(r, date_make(year, 1, 1), event_last(year));
        x->granted = 0;
    } else {
        x->filed = rng_date(r, date_make(fy, 1, 1), date_make(fy, 11, 30));
        x->granted = rng_date(r, date_make(year, 1, 1), event_last(year));
        fill_cert(r, x);
    }
    snprintf(x->app, sizeof x->app, "%s-%d-%05d", k, fy, num);
}

static int write_synthetic(const char *out, long n, int year, uint64_t seed)
{
    const unit_def *pool[BC_ARRAY_LEN(UNITS)];
    size_t npool = 0;
    bc_date last = event_last(year);
    for (size_t i = 0; i < BC_ARRAY_LEN(UNITS); i++)
        if (unit_active(&UNITS[i], last))
            pool[npool++] = &UNITS[i];
    if (year - (n * SYN_RECORDS) / SYN_PER_YEAR < 1950) {
        fprintf(stderr, "gensample: --synthetic quá lớn cho năm %d\n", year);
        return -1;
    }

    rec *recs = calloc(SYN_RECORDS, sizeof *recs);
    doc d;
    memset(&d, 0, sizeof d);
    long c_nh = 0, c_kd = 0;
    int rc = 0;
    if (!recs) {
        fprintf(stderr, "gensample: hết bộ nhớ (out of memory)\n");
        return -1;
    }
    for (long f = 0; f < n && rc == 0; f++) {
        const unit_def *u = pool[f % (long)npool];
        rng r = rng_for(seed, u->code, (int)(f + year * 100000L));
        char file[64];
        snprintf(file, sizeof file, "syn-%06ld-%s", f + 1, u->code);
        doc_init(&d, u, year, date_make(year, 12, rng_range(&r, 1, 14)),
                 file);
        d.fmt = FMT_XML;
        doc_contact(&d, &r);
        for (int i = 0; i < SYN_RECORDS; i++) {
            rec *x = &recs[i];
            memset(x, 0, sizeof *x);
            x->counted = 1;
            int design = i % 20 == 19;
            x->kind = design ? "KDCN" : "NH";
            syn_number(x, design ? "3" : "4", design ? c_kd++ : c_nh++, year,
                       &r);
            if (x->filed < d.from) /* a new unit: keep inside its window */
                x->filed = d.from;
            if (x->granted && x->granted < d.from)
                x->granted = d.from;
            fill_generic(&r, x, u, x->filed);
            doc_add_entry(&d, x, x->granted ? "granted" : "filed",
                          x->granted ? x->granted : x->filed);
        }
        qsort(d.ents, d.n_ents, sizeof *d.ents, entry_cmp);
        if (strcmp(u->code, "SKHCN") == 0 && year >= FIRST_CYCLE &&
            year <= LAST_CYCLE)
            skhcn_budget(&d, &r);
        activity *a = doc_add_act(&d, "B10", rng_date(&r, d.from, d.to),
                                  "hoi-thao", -1, rng_range(&r, 30, 90));
        snprintf(a->title, sizeof a->title,
                 "Hội nghị tuyên truyền về sở hữu trí tuệ (%s)", u->name);
        doc_narrative(&d, &r);
        rc = doc_write(&d, out, seed);
    }
    free(d.ents);
    free(recs);
    return rc;
}

/* ------------------------------------------------------------------------
 * Command line.
 * ---------------------------------------------------------------------- */
static void usage(FILE *f)
{
    fputs("Cách dùng (usage):\n"
          "  gensample --out DIR [--seed N] [--summary] [--plan FILE]\n"
          "      ghi các kỳ báo cáo minh họa DIR/2021 ... DIR/2026 (bảng tính\n"
          "      theo mẫu báo cáo, vài tệp XML)\n"
          "  gensample --synthetic N --out DIR --year Y [--seed N]\n"
          "      ghi N báo cáo tổng hợp giả lập DIR/Y/syn-*.xml (benchmark)\n"
          "  gensample --summary [--seed N]\n"
          "      in số liệu mong đợi của từng kỳ (expected figures)\n"
          "Mặc định seed = 2030, --plan " DEFAULT_PLAN " (dùng để lập\n"
          "các bảng tính theo mẫu báo cáo).\n",
          f);
}

int main(int argc, char **argv)
{
    const char *out = NULL, *plan_file = DEFAULT_PLAN;
    long seed = DEFAULT_SEED, synthetic = -1, year = -1;
    int summary = 0;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return 0;
        } else if (strcmp(a, "--summary") == 0) {
            summary = 1;
        } else if (strcmp(a, "--out") != 0 && strcmp(a, "--plan") != 0 &&
                   strcmp(a, "--seed") != 0 &&
                   strcmp(a, "--synthetic") != 0 &&
                   strcmp(a, "--year") != 0) {
            fprintf(stderr, "gensample: tham số không rõ: %s\n", a);
            usage(stderr);
            return 2;
        } else if (!v) {
            fprintf(stderr, "gensample: thiếu giá trị cho %s\n", a);
            usage(stderr);
            return 2;
        } else if (strcmp(a, "--out") == 0) {
            out = v;
            i++;
        } else if (strcmp(a, "--plan") == 0) {
            plan_file = v;
            i++;
        } else if (strcmp(a, "--seed") == 0) {
            if (parse_long(v, 0, 2147483647L, &seed) != 0) {
                fprintf(stderr, "gensample: seed không hợp lệ: %s\n", v);
                return 2;
            }
            i++;
        } else if (strcmp(a, "--synthetic") == 0) {
            if (parse_long(v, 1, 1000000L, &synthetic) != 0) {
                fprintf(stderr, "gensample: số báo cáo không hợp lệ: %s\n", v);
                return 2;
            }
            i++;
        } else if (strcmp(a, "--year") == 0) {
            if (parse_long(v, 2000, 2099, &year) != 0) {
                fprintf(stderr, "gensample: năm không hợp lệ: %s\n", v);
                return 2;
            }
            i++;
        }
    }

    if (summary && !out && synthetic < 0) {
        print_summary((uint64_t)seed);
        return 0;
    }
    if (!out) {
        fprintf(stderr, "gensample: cần --out DIR\n");
        usage(stderr);
        return 2;
    }
    if (synthetic > 0) {
        if (year < 0) {
            fprintf(stderr, "gensample: --synthetic cần --year Y\n");
            return 2;
        }
        return write_synthetic(out, synthetic, (int)year, (uint64_t)seed) == 0
                   ? 0
                   : 2;
    }
    if (gen_load_plan("gensample", plan_file, &PLAN) != 0)
        return 2;
    int rc = write_samples(out, (uint64_t)seed);
    plan_free(PLAN);
    if (rc != 0)
        return 2;
    if (summary)
        print_summary((uint64_t)seed);
    return 0;
}
