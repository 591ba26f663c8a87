/* genbench.c - writes a synthetic reporting cycle for the benchmark
 * (make bench, tools/bench.sh, docs/performance.md).
 *
 *   genbench --n N --out DIR [--year Y] [--seed S] [--xml PCT]
 *            [--plan FILE] [--jobs J]
 *
 * writes
 *   DIR/plan-bench.xml   a copy of the plan (--plan, default
 *                        templates/plan/de-an-2030.xml) with one synthetic
 *                        reporting unit added per submitting unit:
 *                        code GL-000001..., type "other", reporting
 *   DIR/Y/GL-000001.xml|.xlsx ...
 *                        N submissions of cycle Y (default 2026): PCT
 *                        percent (default 33) canonical XML documents, the
 *                        others the official workbook filled in from the
 *                        same kind of document (form_write_filled)
 *
 * Run it with `baocao run --input DIR --plan DIR/plan-bench.xml`.
 *
 * Why synthetic units: the plan has about thirty real units, and a unit's
 * later submission replaces its earlier one, so N files of real units
 * would leave about thirty submissions in the aggregate.  Unknown codes
 * would be rejected at validation and never reach aggregation.  So each
 * submission belongs to its own unit, declared in a copy of the plan; the
 * pipeline then runs exactly as for real units.  Every 50th file is a
 * unit's later submission ("-bo-sung", same content, a later date), so
 * the replacement path runs too: N files come from N - N/50 units.
 *
 * Content, per submission: 20-50 records (mostly ordinary marks, some
 * designs, patents, collective and certification marks, a few GIs and
 * plant varieties; filed, granted or refused), 3-12 activities, 0-3
 * supports of marks of Phụ lục 1, 2-6 budget lines, contact and narrative,
 * all in Vietnamese; about 25 KB as XML.  Application numbers are
 * distinct over the whole cycle (K-YYYY-NNNNN, filings of year Y for
 * filed records, earlier years for granted and refused ones) as long as
 * the number space lasts; past it numbers repeat and the count of
 * repeats is printed.
 *
 * Output is deterministic: a private splitmix64 generator seeded from
 * --seed and from each file's index, no clock, no locale; --jobs only
 * splits the files among worker processes.  The year folder's own files
 * (GL-*.xml, GL-*.xlsx) are deleted first, other files are left alone.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "lsan.h"
#include "date.h"
#include "gen_rng.h"
#include "gen_util.h"
#include "gen_words.h"
#include "diag.h"
#include "form.h"
#include "plan.h"
#include "util.h"
#include "xmlio.h"

#define DEFAULT_PLAN "templates/plan/de-an-2030.xml"
#define DEFAULT_SEED 2030u
#define DEFAULT_YEAR 2026
#define RESUB_EVERY 50   /* every 50th file is a later submission */
#define MIN_RECORDS 20
#define MAX_RECORDS 50
#define NUMS_PER_YEAR 99999
#define FIRST_FILING_YEAR 1980

BC_LSAN_XLSXWRITER

/* The plan copy with the synthetic units (kind codes, Phụ lục 1, forms). */
static plan *PLAN;

/* The stream of one purpose (label) for one unit or file (n). */
static rng rng_for(uint64_t seed, const char *label, long n)
{
    return rng_stream(seed, label, (uint64_t)n * UINT64_C(0xd1342543de82ef95));
}

/* ------------------------------------------------------------------------
 * Vietnamese vocabulary.
 * ---------------------------------------------------------------------- */
static const char *const ROLES[] = {
    "Chuyên viên Phòng Kinh tế", "Phó Trưởng phòng Kinh tế",
    "Chuyên viên Văn phòng", "Công chức Văn hóa - Xã hội",
    "Công chức Địa chính - Nông nghiệp", "Chuyên viên Phòng Quản lý chuyên ngành"};
static const char *const INVENTIONS[] = {
    "Quy trình chưng cất tinh dầu hồi quy mô nông hộ",
    "Phương pháp nhân giống hồng không hạt bằng ghép cành",
    "Chế phẩm vi sinh xử lý bã hồi làm phân bón hữu cơ",
    "Thiết bị sấy quả hồi sử dụng năng lượng mặt trời",
    "Quy trình bảo quản quả na sau thu hoạch",
    "Máy tách vỏ hạt dẻ quy mô hộ gia đình",
    "Quy trình sản xuất thạch đen đóng hộp"};
static const char *const VARIETIES[] = {
    "Giống quýt vàng chọn lọc", "Giống hồng không hạt chọn lọc",
    "Giống na dai chọn lọc", "Giống lúa nếp cẩm địa phương",
    "Giống chè Tam Hoa chọn lọc"};
static const char *const PLACES[] = {
    "phường Tam Thanh", "phường Lương Văn Tri", "phường Kỳ Lừa",
    "phường Đông Kinh", "xã Đồng Đăng", "xã Cao Lộc", "xã Bắc Sơn",
    "xã Hữu Lũng", "xã Chi Lăng", "xã Đồng Mỏ", "xã Lộc Bình",
    "xã Na Dương", "xã Đình Lập", "xã Thất Khê", "xã Bình Gia",
    "xã Na Sầm", "xã Văn Quan", "xã Mẫu Sơn", "xã Vạn Linh",
    "xã Hữu Kiên"};
static const char *const SUPPORT_CONTENT[] = {
    "Hỗ trợ xây dựng hệ thống truy xuất nguồn gốc và quảng bá sản phẩm",
    "Hỗ trợ in tem, nhãn, bao bì và quản lý sử dụng nhãn hiệu",
    "Hỗ trợ tham gia hội chợ, xúc tiến thương mại",
    "Hỗ trợ thiết kế bao bì và quảng bá trên sàn thương mại điện tử",
    "Hỗ trợ xây dựng quy chế quản lý và kiểm soát chất lượng"};
static const char *const BUDGET_NOTES[] = {
    "Theo quyết định giao dự toán đầu năm", "Giao bổ sung trong năm",
    "Một phần kinh phí chuyển nguồn sang năm sau",
    "Đã nghiệm thu, thanh quyết toán", "Dự toán chi thường xuyên"};
static const char *const DIFFICULTIES[] = {
    DIFFICULTIES_SHARED,
    "Bộ máy chính quyền địa phương hai cấp mới đi vào hoạt động, việc bàn "
    "giao hồ sơ, dữ liệu còn chậm."};

/* Activities: task, kind, title; classes < 0 for none. */
static const struct {
    const char *task, *kind, *title;
    int classes;
} ACTIVITIES[] = {
    {"A1", "tap-huan", "Tập huấn khai thác cơ sở dữ liệu sở hữu trí tuệ", 1},
    {"A2", "nhiem-vu", "Nhiệm vụ khoa học và công nghệ: ứng dụng sáng chế "
                       "vào sản xuất nông sản đặc sản", -1},
    {"A3", "tap-huan", "Tập huấn kiến thức sở hữu trí tuệ cho doanh nghiệp, "
                       "hợp tác xã", 1},
    {"A4", "tap-huan", "Bồi dưỡng nghiệp vụ bảo vệ quyền sở hữu trí tuệ cho "
                       "công chức quản lý thị trường", 1},
    {"A5", "tap-huan", "Tập huấn nghiệp vụ tư vấn pháp luật về sở hữu trí "
                       "tuệ", 1},
    {"A6", "tap-huan", "Bồi dưỡng kiến thức sở hữu trí tuệ cho giáo viên, "
                       "học sinh", 2},
    {"B10", "hoi-thao", "Hội nghị tuyên truyền về sở hữu trí tuệ", -1},
    {"B10", "truyen-thong", "Chuyên mục truyền thông về sở hữu trí tuệ và "
                            "phát triển sản phẩm đặc sản", -1},
    {"B11", "khac", "Kiểm tra việc sử dụng nhãn hiệu tập thể tại địa "
                    "phương", -1},
};

static const char *const BUDGET_TASKS[] = {
    "B7", "B8", "B9", "B9b", "B10", "B11", "A1", "A3", "A5", "A6"};

/* ------------------------------------------------------------------------
 * Records and their application numbers.
 * ---------------------------------------------------------------------- */
enum kind_id { K_NH, K_KDCN, K_SC, K_GPHI, K_NHTT, K_NHCN, K_CDDL, K_GCT,
               K__COUNT };
static const char *const KIND_CODE[K__COUNT] = {
    "NH", "KDCN", "SC", "GPHI", "NHTT", "NHCN", "CDDL", "GCT"};
/* per mille */
static const int KIND_WEIGHT[K__COUNT] = {720, 120, 40, 30, 40, 15, 5, 30};

enum { ST_FILED, ST_GRANTED, ST_REFUSED };
static const char *const STATUS_CODE[] = {"filed", "granted", "refused"};

/* The IP Office digit of a kind; 0 for plant varieties. */
static int kind_digit(int k)
{
    switch (k) {
    case K_SC: return 1;
    case K_GPHI: return 2;
    case K_KDCN: return 3;
    case K_CDDL: return 6;
    case K_GCT: return 0;
    default: return 4;
    }
}

/* Number pools: per digit (0 = plant varieties, 1, 2, 3, 4, 6), filings
 * of year Y ("new", for filed records) or of earlier years ("old"). */
#define N_DIGITS 7
#define POOL(digit, old) ((digit) * 2 + (old))
#define N_POOLS (N_DIGITS * 2)

typedef struct gen {
    uint64_t seed;
    int year;
    long n_files, n_units;
    int xml_pct;
    long (*start)[N_POOLS]; /* per unit: its first number of each pool */
    long used[N_POOLS];     /* numbers drawn over the cycle */
    const plan_protected **marks; /* Phụ lục 1 marks a unit may support */
    size_t n_marks;
} gen;

/* A record's kind and status drawn for unit u (both passes draw the same). */
typedef struct skel {
    int n;
    unsigned char kind[MAX_RECORDS], status[MAX_RECORDS];
} skel;

static void draw_skeleton(const gen *g, long u, skel *s)
{
    rng r = rng_for(g->seed, "skeleton", u);
    s->n = rng_range(&r, MIN_RECORDS, MAX_RECORDS);
    for (int i = 0; i < s->n; i++) {
        int w = rng_range(&r, 0, 999), k = 0;
        while (k < K__COUNT - 1 && w >= KIND_WEIGHT[k]) {
            w -= KIND_WEIGHT[k];
            k++;
        }
        int p = rng_range(&r, 0, 99);
        s->kind[i] = (unsigned char)k;
        s->status[i] = p < 45 ? ST_FILED : p < 90 ? ST_GRANTED : ST_REFUSED;
    }
}

/* Years a pool's numbers walk through, newest first. */
static int pool_years(const gen *g, int old)
{
    return old ? g->year - FIRST_FILING_YEAR : 1;
}

/* Sets the pool and, when the year-Y numbers of the digit are used up, turns
 * a filed record into a granted one (of an earlier filing year). */
static int record_pool(int digit, int *status, const long *next)
{
    if (*status == ST_FILED && digit != 0 &&
        next[POOL(digit, 0)] >= NUMS_PER_YEAR)
        *status = ST_GRANTED;
    return POOL(digit, *status != ST_FILED);
}

/* The first pass: every unit's first number in each pool, so that files can
 * be written in any order (and by several processes). */
static int plan_numbers(gen *g)
{
    g->start = calloc((size_t)g->n_units, sizeof *g->start);
    if (!g->start)
        return -1;
    long next[N_POOLS] = {0};
    for (long u = 0; u < g->n_units; u++) {
        skel s;
        draw_skeleton(g, u, &s);
        memcpy(g->start[u], next, sizeof next);
        for (int i = 0; i < s.n; i++) {
            int st = s.status[i];
            next[record_pool(kind_digit(s.kind[i]), &st, next)]++;
        }
    }
    memcpy(g->used, next, sizeof next);
    return 0;
}

/* Numbers of a pool past its capacity (they repeat earlier ones). */
static long pool_repeats(const gen *g, int p)
{
    int digit = p / 2, old = p % 2;
    if (digit == 0)
        return 0;
    long cap = (long)pool_years(g, old) * NUMS_PER_YEAR;
    return g->used[p] > cap ? g->used[p] - cap : 0;
}

/* The c-th number of a pool: its filing year and "K-YYYY-NNNNN".  Numbers
 * inside a year are spread by a bijection of 1..99999 (7919 is prime to
 * 99999), not handed out in order. */
static int pool_number(const gen *g, int p, long c, char *buf, size_t n)
{
    int digit = p / 2, old = p % 2;
    if (digit == 0) {
        /* plant varieties: the ministry's own numbering, never exhausted */
        int fy = old ? g->year - 1 - (int)(c % 5) : g->year;
        snprintf(buf, n, "GCT-%d-%05ld", fy, (old ? c / 5 : c) + 1);
        return fy;
    }
    long years = pool_years(g, old);
    long yi = c / NUMS_PER_YEAR % years;
    long k = c % NUMS_PER_YEAR;
    int fy = old ? g->year - 1 - (int)yi : g->year;
    snprintf(buf, n, "%d-%d-%05ld", digit, fy, k * 7919 % NUMS_PER_YEAR + 1);
    return fy;
}

/* ------------------------------------------------------------------------
 * The document.
 * ---------------------------------------------------------------------- */
static void x_int(bc_strbuf *sb, int depth, const char *tag, int v)
{
    char buf[16];
    snprintf(buf, sizeof buf, "%d", v);
    x_text(sb, depth, tag, buf);
}

/* An amount given in thousandths of a triệu đồng, canonical: "1200",
 * "350.5", "12.125". */
static void x_amount(bc_strbuf *sb, int depth, const char *tag, long milli)
{
    char buf[32];
    long whole = milli / 1000, frac = milli % 1000;
    if (!frac)
        snprintf(buf, sizeof buf, "%ld", whole);
    else if (frac % 100 == 0)
        snprintf(buf, sizeof buf, "%ld.%ld", whole, frac / 100);
    else if (frac % 10 == 0)
        snprintf(buf, sizeof buf, "%ld.%02ld", whole, frac / 10);
    else
        snprintf(buf, sizeof buf, "%ld.%03ld", whole, frac);
    x_text(sb, depth, tag, buf);
}

static void person_name(rng *r, char *buf, size_t n)
{
    const char *sur = PICK(r, SURNAMES);
    const char *mid = strstr(sur, "Thị") ? "" : PICK(r, MIDDLES);
    snprintf(buf, n, "%s %s%s%s", sur, mid, *mid ? " " : "", PICK(r, GIVENS));
}

/* One record of unit u: numbers from its pools, text from r. */
static void write_record(const gen *g, rng *r, bc_strbuf *sb, int kind,
                         int status, const char *app, int filing_year,
                         size_t *n_filed, size_t *n_granted)
{
    bc_date p_to = date_make(g->year, 12, 14);
    bc_date filed, granted = 0;
    if (status == ST_FILED) {
        filed = rng_date(r, date_make(g->year, 1, 1), p_to);
        (*n_filed)++;
    } else {
        filed = rng_date(r, date_make(filing_year, 1, 1),
                         date_make(filing_year, 11, 30));
        if (status == ST_GRANTED) {
            granted = rng_date(r, date_make(g->year, 1, 1), p_to);
            (*n_granted)++;
        }
    }
    char name[160], product[192], owner[224], place[128], cert[16] = "";
    char person[64];
    const char *task = NULL;
    person_name(r, person, sizeof person);
    snprintf(place, sizeof place, "%s, tỉnh Lạng Sơn", PICK(r, PLACES));
    switch (kind) {
    case K_KDCN: {
        const char *d = PICK(r, DESIGNS);
        snprintf(name, sizeof name, "%s", d);
        snprintf(product, sizeof product, "%s", d);
        snprintf(owner, sizeof owner, "Công ty TNHH %s", PICK(r, BRAND_WORDS));
        break;
    }
    case K_SC:
    case K_GPHI:
        snprintf(name, sizeof name, "%s", PICK(r, INVENTIONS));
        snprintf(product, sizeof product, "Quy trình, thiết bị");
        snprintf(owner, sizeof owner, "Trung tâm Ứng dụng tiến bộ khoa học "
                                      "và công nghệ %s", PICK(r, BRAND_TAILS));
        task = rng_chance(r, 40) ? "A2" : NULL;
        break;
    case K_GCT:
        snprintf(name, sizeof name, "%s %s", PICK(r, VARIETIES),
                 PICK(r, BRAND_TAILS));
        snprintf(product, sizeof product, "Giống cây trồng");
        snprintf(owner, sizeof owner, "Trung tâm Giống cây trồng tỉnh Lạng "
                                      "Sơn");
        break;
    case K_NHTT:
    case K_NHCN:
    case K_CDDL: {
        const char *prod = PICK(r, PRODUCTS), *area = PICK(r, BRAND_TAILS);
        snprintf(name, sizeof name, "%s %s", prod, area);
        snprintf(product, sizeof product, "%s của vùng %s", prod, area);
        snprintf(owner, sizeof owner, "%s %s",
                 kind == K_NHTT ? "Hợp tác xã Nông nghiệp" : "Ủy ban nhân dân",
                 kind == K_CDDL ? "tỉnh Lạng Sơn" : area);
        task = kind == K_CDDL ? "B8" : rng_chance(r, 60) ? "B9" : NULL;
        break;
    }
    default: {
        const char *prod = PICK(r, PRODUCTS);
        if (rng_chance(r, 60))
            snprintf(name, sizeof name, "%s %s", PICK(r, BRAND_HEADS),
                     PICK(r, BRAND_TAILS));
        else
            snprintf(name, sizeof name, "%s", PICK(r, BRAND_WORDS));
        if (rng_chance(r, 30))
            snprintf(product, sizeof product, "%s; %s", prod,
                     PICK(r, PRODUCTS));
        else
            snprintf(product, sizeof product, "%s", prod);
        if (rng_chance(r, 40))
            snprintf(owner, sizeof owner, "Hợp tác xã %s %s",
                     rng_chance(r, 50) ? "Nông nghiệp" : "Dịch vụ tổng hợp",
                     PICK(r, BRAND_TAILS));
        else if (rng_chance(r, 50))
            snprintf(owner, sizeof owner, "Công ty TNHH %s", name);
        else
            snprintf(owner, sizeof owner, "Hộ kinh doanh %s", person);
    }
    }
    if (granted) {
        int y = date_year(granted);
        if (kind == K_CDDL)
            snprintf(cert, sizeof cert, "%05d", rng_range(r, 140, 199));
        else if (kind == K_KDCN)
            snprintf(cert, sizeof cert, "%d",
                     28000 + (y - 2019) * 2600 + rng_range(r, 0, 2500));
        else if (kind == K_SC || kind == K_GPHI)
            snprintf(cert, sizeof cert, "%d", rng_range(r, 2800, 3900));
        else if (kind != K_GCT)
            snprintf(cert, sizeof cert, "%d",
                     340000 + (y - 2019) * 24000 + rng_range(r, 0, 23000));
    }
    sb_adds(sb, "    <record>\n");
    x_text(sb, 3, "kind", KIND_CODE[kind]);
    x_text(sb, 3, "status", STATUS_CODE[status]);
    x_text(sb, 3, "application", app);
    x_date(sb, 3, "filed", filed);
    x_date(sb, 3, "granted", granted);
    x_text(sb, 3, "certificate", cert);
    x_text(sb, 3, "name", name);
    x_text(sb, 3, "product", product);
    x_text(sb, 3, "owner", owner);
    x_text(sb, 3, "place", place);
    x_text(sb, 3, "task", task);
    sb_adds(sb, "    </record>\n");
}

/* The submission of unit u (0-based); resub: its later, replacing file. */
static void build_doc(const gen *g, long u, int resub, bc_strbuf *sb)
{
    rng r = rng_for(g->seed, "content", u);
    bc_date p_from = date_make(g->year - 1, 12, 15);
    bc_date p_to = date_make(g->year, 12, 14);
    /* the later submission: the same content (same draws), a later date */
    int day = rng_range(&r, 1, 10), later = rng_range(&r, 1, 4);
    if (resub)
        day += later;
    char when[16], buf[512];
    date_format_iso(date_make(g->year, 12, day), when);

    sb_addf(sb, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                "<!-- Dữ liệu giả lập cho đo hiệu năng (synthetic benchmark "
                "data): tools/genbench, seed %" PRIu64 " -->\n"
                "<submission format=\"1\" unit=\"GL-%06ld\" year=\"%d\" "
                "date=\"%s\" illustrative=\"true\">\n",
            g->seed, u + 1, g->year, when);

    char person[64];
    person_name(&r, person, sizeof person);
    sb_adds(sb, "  <contact>\n");
    x_text(sb, 2, "name", person);
    x_text(sb, 2, "role", PICK(&r, ROLES));
    snprintf(buf, sizeof buf, "0205 38%02d %03d", rng_range(&r, 10, 99),
             rng_range(&r, 0, 999));
    x_text(sb, 2, "phone", buf);
    snprintf(buf, sizeof buf, "baocao.gl%06ld@example.vn", u + 1);
    x_text(sb, 2, "email", buf);
    sb_adds(sb, "  </contact>\n");

    /* records, with the numbers of this unit's pools */
    skel s;
    draw_skeleton(g, u, &s);
    long next[N_POOLS];
    memcpy(next, g->start[u], sizeof next);
    size_t n_filed = 0, n_granted = 0;
    sb_adds(sb, "  <records>\n");
    for (int i = 0; i < s.n; i++) {
        int st = s.status[i];
        int digit = kind_digit(s.kind[i]);
        int p = record_pool(digit, &st, next);
        char app[32];
        int fy = pool_number(g, p, next[p]++, app, sizeof app);
        write_record(g, &r, sb, s.kind[i], st, app, fy, &n_filed, &n_granted);
    }
    sb_adds(sb, "  </records>\n");

    int n_act = rng_range(&r, 3, 12);
    sb_adds(sb, "  <activities>\n");
    for (int i = 0; i < n_act; i++) {
        size_t k = rng_below(&r, (uint32_t)BC_ARRAY_LEN(ACTIVITIES));
        sb_adds(sb, "    <activity>\n");
        x_text(sb, 3, "task", ACTIVITIES[k].task);
        x_date(sb, 3, "date", rng_date(&r, p_from, p_to));
        x_text(sb, 3, "kind", ACTIVITIES[k].kind);
        snprintf(buf, sizeof buf, "%s tại %s (đợt %d)", ACTIVITIES[k].title,
                 PICK(&r, PLACES), i + 1);
        x_text(sb, 3, "title", buf);
        if (ACTIVITIES[k].classes > 0)
            x_int(sb, 3, "classes", rng_range(&r, 1, ACTIVITIES[k].classes));
        if (strcmp(ACTIVITIES[k].kind, "truyen-thong") != 0)
            x_int(sb, 3, "participants", rng_range(&r, 20, 150));
        sb_adds(sb, "    </activity>\n");
    }
    sb_adds(sb, "  </activities>\n");

    int n_sup = g->n_marks ? rng_range(&r, 0, 3) : 0;
    if (n_sup) {
        sb_adds(sb, "  <supports>\n");
        for (int i = 0; i < n_sup; i++) {
            const plan_protected *m = g->marks[rng_below(&r, (uint32_t)g->n_marks)];
            sb_adds(sb, "    <support>\n");
            x_text(sb, 3, "mark", m->name);
            x_text(sb, 3, "kind", PLAN->kinds[m->kind].code);
            x_date(sb, 3, "date", rng_date(&r, p_from, p_to));
            x_text(sb, 3, "task", "B9");
            x_text(sb, 3, "content", PICK(&r, SUPPORT_CONTENT));
            sb_adds(sb, "    </support>\n");
        }
        sb_adds(sb, "  </supports>\n");
    }

    /* budget: distinct tasks, thousandths of a triệu đồng */
    int n_bud = rng_range(&r, 2, 6);
    size_t order[BC_ARRAY_LEN(BUDGET_TASKS)];
    for (size_t i = 0; i < BC_ARRAY_LEN(order); i++)
        order[i] = i;
    for (size_t i = BC_ARRAY_LEN(order) - 1; i > 0; i--) {
        size_t j = rng_below(&r, (uint32_t)(i + 1)), t = order[i];
        order[i] = order[j];
        order[j] = t;
    }
    sb_adds(sb, "  <budget>\n");
    for (int i = 0; i < n_bud; i++) {
        long alloc = (long)rng_range(&r, 10, 600) * 500; /* 5 .. 300 */
        if (rng_chance(&r, 20))
            alloc += rng_range(&r, 1, 499);
        long disb = alloc * rng_range(&r, 600, 1000) / 1000;
        sb_adds(sb, "    <line>\n");
        x_text(sb, 3, "task", BUDGET_TASKS[order[i]]);
        x_amount(sb, 3, "allocated", alloc);
        x_amount(sb, 3, "disbursed", disb);
        if (rng_chance(&r, 40))
            x_text(sb, 3, "note", PICK(&r, BUDGET_NOTES));
        sb_adds(sb, "    </line>\n");
    }
    sb_adds(sb, "  </budget>\n");

    sb_adds(sb, "  <narrative>\n");
    snprintf(buf, sizeof buf,
             "Năm %d, đơn vị đã tuyên truyền, hướng dẫn các tổ chức, cá nhân "
             "đăng ký bảo hộ quyền sở hữu công nghiệp; trong kỳ báo cáo có "
             "%zu đơn đăng ký được nộp và %zu văn bằng bảo hộ được cấp; tổ "
             "chức %d hoạt động thuộc Đề án.%s",
             g->year, n_filed, n_granted, n_act,
             resub ? " Báo cáo này bổ sung, thay thế báo cáo đã gửi trước." : "");
    x_text(sb, 2, "results", buf);
    x_text(sb, 2, "difficulties", PICK(&r, DIFFICULTIES));
    const char *p1 = PICK(&r, PROPOSALS), *p2 = PICK(&r, PROPOSALS);
    snprintf(buf, sizeof buf, "%s%s%s", p1, p1 == p2 ? "" : " ",
             p1 == p2 ? "" : p2);
    x_text(sb, 2, "proposals", buf);
    sb_adds(sb, "  </narrative>\n</submission>\n");
}

/* ------------------------------------------------------------------------
 * Files.
 * ---------------------------------------------------------------------- */
/* File i (0-based): its unit, whether it is a later submission, its
 * format. */
static long file_unit(long i, int *resub)
{
    *resub = i % RESUB_EVERY == RESUB_EVERY - 1;
    long before = i / RESUB_EVERY; /* later submissions before file i */
    return *resub ? i - 1 - before : i - before;
}

static int file_is_xml(const gen *g, long i)
{
    return (i * g->xml_pct) / 100 != ((i + 1) * g->xml_pct) / 100;
}

static int report_errors(const bc_diag *d, const char *path)
{
    int bad = 0;
    for (size_t k = 0; k < diag_count(d); k++) {
        const bc_finding *f = diag_get(d, k);
        if (f->sev == BC_SEV_ERROR || f->sev == BC_SEV_WARNING) {
            diag_print(f, stderr);
            bad |= f->sev == BC_SEV_ERROR;
        }
    }
    if (bad)
        fprintf(stderr, "genbench: không ghi được %s\n", path);
    return bad ? -1 : 0;
}

/* Writes file i into dir; 0 or -1 (message printed). */
static int write_file(const gen *g, const char *dir, long i, bc_strbuf *sb)
{
    int resub;
    long u = file_unit(i, &resub);
    int xml = file_is_xml(g, i);
    char name[64];
    snprintf(name, sizeof name, "GL-%06ld%s.%s", u + 1, resub ? "-bo-sung" : "",
             xml ? "xml" : "xlsx");
    char *path = bc_path_join(dir, name);
    if (!path)
        return -1;
    sb_reset(sb);
    build_doc(g, u, resub, sb);
    int rc = -1;
    if (sb->failed) {
        fprintf(stderr, "genbench: hết bộ nhớ (out of memory)\n");
    } else if (xml) {
        rc = bc_write_atomic(path, sb->buf, sb->len) == BC_OK ? 0 : -1;
        if (rc)
            fprintf(stderr, "genbench: không ghi được %s\n", path);
    } else {
        bc_diag *d = diag_new();
        xmlDocPtr doc = xmlReadMemory(sb->buf, (int)sb->len, name, "UTF-8",
                                      XML_PARSE_NONET);
        if (d && doc) {
            /* the form has no cell for it: drop it instead of a note */
            xmlUnsetProp(xmlDocGetRootElement(doc), BAD_CAST "illustrative");
            bc_status st = form_write_filled(PLAN, doc, path, d);
            rc = report_errors(d, path);
            if (st != BC_OK && rc == 0) {
                fprintf(stderr, "genbench: không ghi được %s (%s)\n", path,
                        bc_status_msg(st));
                rc = -1;
            }
        } else {
            fprintf(stderr, "genbench: lỗi nội bộ với %s\n", path);
        }
        xmlFreeDoc(doc);
        diag_free(d);
    }
    free(path);
    return rc;
}

/* Deletes the generator's own files (GL-*.xml, GL-*.xlsx) in dir. */
static int clean_dir(const char *dir)
{
    char **names = NULL;
    size_t n = 0;
    if (bc_list_dir(dir, &names, &n) != BC_OK)
        return -1;
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        char ext[16];
        bc_file_ext(names[i], ext, sizeof ext);
        if (strncmp(names[i], "GL-", 3) != 0 ||
            (strcmp(ext, "xml") != 0 && strcmp(ext, "xlsx") != 0))
            continue;
        char *p = bc_path_join(dir, names[i]);
        if (!p || remove(p) != 0)
            rc = -1;
        free(p);
    }
    bc_free_names(names);
    return rc;
}

/* The plan with one synthetic unit per submitting unit, saved at out. */
static int write_plan(const char *src, const char *out, long n_units)
{
    xmlDocPtr doc = xmlReadFile(src, NULL, XML_PARSE_NONET);
    if (!doc) {
        fprintf(stderr, "genbench: không đọc được %s\n", src);
        return -1;
    }
    xmlNodePtr units = NULL;
    for (xmlNodePtr c = xmlDocGetRootElement(doc)->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE &&
            xmlStrcmp(c->name, BAD_CAST "units") == 0)
            units = c;
    if (!units) {
        fprintf(stderr, "genbench: %s không có <units>\n", src);
        xmlFreeDoc(doc);
        return -1;
    }
    xmlAddChild(units, xmlNewText(BAD_CAST "\n    "));
    xmlAddChild(units, xmlNewComment(BAD_CAST
        " Đơn vị giả lập cho đo hiệu năng (synthetic units, tools/genbench) "));
    char code[32], name[64];
    int ok = 1;
    for (long u = 0; u < n_units && ok; u++) {
        snprintf(code, sizeof code, "GL-%06ld", u + 1);
        snprintf(name, sizeof name, "Đơn vị giả lập số %ld", u + 1);
        xmlAddChild(units, xmlNewText(BAD_CAST "\n    "));
        xmlNodePtr e = xmlNewChild(units, NULL, BAD_CAST "unit", NULL);
        ok = e && xmlNewProp(e, BAD_CAST "code", BAD_CAST code) &&
             xmlNewProp(e, BAD_CAST "type", BAD_CAST "other") &&
             xmlNewProp(e, BAD_CAST "reports", BAD_CAST "true") &&
             xmlNewTextChild(e, NULL, BAD_CAST "name", BAD_CAST name);
    }
    xmlAddChild(units, xmlNewText(BAD_CAST "\n  "));
    bc_status st = ok ? xmlio_save_atomic(doc, out) : BC_ERR_NOMEM;
    xmlFreeDoc(doc);
    if (st != BC_OK) {
        fprintf(stderr, "genbench: không ghi được %s (%s)\n", out,
                bc_status_msg(st));
        return -1;
    }
    return 0;
}

/* The loaded plan's own units, put back before plan_free. */
static plan_unit *REAL_UNITS;
static size_t N_REAL_UNITS;
static char *SYN_TEXT;

/* Adds the synthetic units of write_plan to the loaded plan, in memory,
 * rather than loading the copy written beside the cycle (which baocao
 * loads: its name check is n log n now, 0.1 s at 10,000 units; the plan's
 * unit index is bypassed for an array swapped in like this, plan.c).
 * 0, or -1 out of memory. */
static int add_units(long n_units)
{
    size_t n = PLAN->n_units + (size_t)n_units;
    plan_unit *u = calloc(n, sizeof *u);
    char *text = malloc((size_t)n_units * 96);
    if (!u || !text) {
        free(u);
        free(text);
        return -1;
    }
    memcpy(u, PLAN->units, PLAN->n_units * sizeof *u);
    for (long i = 0; i < n_units; i++) {
        plan_unit *x = &u[PLAN->n_units + (size_t)i];
        char *code = text + i * 96, *name = code + 24;
        snprintf(code, 24, "GL-%06ld", i + 1);
        snprintf(name, 72, "Đơn vị giả lập số %ld", i + 1);
        x->code = code;
        x->name = name;
        x->type = UNIT_OTHER;
        x->reports = 1;
    }
    REAL_UNITS = PLAN->units;
    N_REAL_UNITS = PLAN->n_units;
    SYN_TEXT = text;
    PLAN->units = u;
    PLAN->n_units = n;
    return 0;
}

static void free_plan(void)
{
    if (PLAN && REAL_UNITS) {
        free(PLAN->units);
        PLAN->units = REAL_UNITS;
        PLAN->n_units = N_REAL_UNITS;
    }
    free(SYN_TEXT);
    plan_free(PLAN);
}

/* Writes files k, k+jobs, ... ; 0 or -1. */
static int write_share(const gen *g, const char *dir, long k, long jobs)
{
    bc_strbuf sb = BC_STRBUF_INIT;
    int rc = 0;
    for (long i = k; i < g->n_files && rc == 0; i += jobs)
        rc = write_file(g, dir, i, &sb);
    sb_release(&sb);
    return rc;
}

static void usage(FILE *f)
{
    fputs("Cách dùng (usage):\n"
          "  genbench --n N --out DIR [--year Y] [--seed S] [--xml PCT]\n"
          "           [--plan FILE] [--jobs J]\n"
          "ghi DIR/plan-bench.xml (bản sao dữ liệu Đề án thêm các đơn vị giả\n"
          "lập GL-000001...) và N báo cáo giả lập DIR/Y/GL-*.xml|xlsx (PCT %\n"
          "là XML, còn lại là bảng tính theo mẫu). Chạy bằng: baocao run\n"
          "--input DIR --plan DIR/plan-bench.xml.  Mặc định Y = 2026, seed =\n"
          "2030, PCT = 33, --plan " DEFAULT_PLAN ", J = 1.\n",
          f);
}

int main(int argc, char **argv)
{
    const char *out = NULL, *plan_src = DEFAULT_PLAN;
    long n = -1, seed = DEFAULT_SEED, year = DEFAULT_YEAR, xml = 33, jobs = 1;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        long *num = NULL, lo = 0, hi = 0;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return 0;
        }
        if (!v) {
            fprintf(stderr, "genbench: thiếu giá trị cho %s\n", a);
            usage(stderr);
            return 2;
        }
        if (strcmp(a, "--out") == 0)
            out = v;
        else if (strcmp(a, "--plan") == 0)
            plan_src = v;
        else if (strcmp(a, "--n") == 0)
            num = &n, lo = 1, hi = 10000000;
        else if (strcmp(a, "--seed") == 0)
            num = &seed, lo = 0, hi = 2147483647L;
        else if (strcmp(a, "--year") == 0)
            num = &year, lo = 2021, hi = 2030;
        else if (strcmp(a, "--xml") == 0)
            num = &xml, lo = 0, hi = 100;
        else if (strcmp(a, "--jobs") == 0)
            num = &jobs, lo = 1, hi = 64;
        else {
            fprintf(stderr, "genbench: tham số không rõ: %s\n", a);
            usage(stderr);
            return 2;
        }
        if (num && parse_long(v, lo, hi, num) != 0) {
            fprintf(stderr, "genbench: giá trị không hợp lệ cho %s: %s\n", a, v);
            return 2;
        }
        i++;
    }
    if (!out || n < 1) {
        fprintf(stderr, "genbench: cần --n N và --out DIR\n");
        usage(stderr);
        return 2;
    }

    gen g;
    memset(&g, 0, sizeof g);
    g.seed = (uint64_t)seed;
    g.year = (int)year;
    g.n_files = n;
    g.n_units = n - n / RESUB_EVERY;
    g.xml_pct = (int)xml;

    int rc = 2;
    char ybuf[8];
    snprintf(ybuf, sizeof ybuf, "%ld", year);
    char *plan_copy = bc_path_join(out, "plan-bench.xml");
    char *ydir = bc_path_join(out, ybuf);
    if (!plan_copy || !ydir || bc_mkdir_p(ydir) != BC_OK) {
        fprintf(stderr, "genbench: không tạo được thư mục %s\n", out);
        goto done;
    }
    if (write_plan(plan_src, plan_copy, g.n_units) != 0 ||
        gen_load_plan("genbench", plan_src, &PLAN) != 0)
        goto done;
    if (add_units(g.n_units) != 0) {
        fprintf(stderr, "genbench: hết bộ nhớ (out of memory)\n");
        goto done;
    }
    /* supports name marks of Phụ lục 1 counted by the support target */
    int k_nhtt = plan_kind_index(PLAN, "NHTT"), k_nhcn = plan_kind_index(PLAN, "NHCN");
    g.marks = calloc(PLAN->n_protected + 1, sizeof *g.marks);
    if (!g.marks || plan_numbers(&g) != 0) {
        fprintf(stderr, "genbench: hết bộ nhớ (out of memory)\n");
        goto done;
    }
    for (size_t i = 0; i < PLAN->n_protected; i++)
        if (PLAN->protected_[i].kind == k_nhtt || PLAN->protected_[i].kind == k_nhcn)
            g.marks[g.n_marks++] = &PLAN->protected_[i];
    if (clean_dir(ydir) != 0) {
        fprintf(stderr, "genbench: không dọn được %s\n", ydir);
        goto done;
    }

    if (jobs > n)
        jobs = n;
    fflush(NULL);
    pid_t *pids = calloc((size_t)jobs, sizeof *pids);
    if (!pids)
        goto done;
    int failed = 0;
    for (long k = 1; k < jobs; k++) {
        pids[k] = fork();
        if (pids[k] == 0)
            _exit(write_share(&g, ydir, k, jobs) == 0 ? 0 : 2);
        if (pids[k] < 0)
            failed = 1;
    }
    if (!failed && write_share(&g, ydir, 0, jobs) != 0)
        failed = 1;
    for (long k = 1; k < jobs; k++) {
        int status;
        if (pids[k] > 0 &&
            (waitpid(pids[k], &status, 0) < 0 || !WIFEXITED(status) ||
             WEXITSTATUS(status) != 0))
            failed = 1;
    }
    free(pids);
    if (failed)
        goto done;

    long repeats = 0, records = 0;
    for (int p = 0; p < N_POOLS; p++) {
        repeats += pool_repeats(&g, p);
        records += g.used[p];
    }
    printf("genbench: %ld báo cáo (%ld đơn vị, %ld đơn) trong %s; dữ liệu Đề "
           "án: %s\n", n, g.n_units, records, ydir, plan_copy);
    if (repeats)
        printf("genbench: %ld số đơn lặp lại (hết dải số)\n", repeats);
    rc = 0;
done:
    free(g.start);
    free(g.marks);
    free_plan();
    free(plan_copy);
    free(ydir);
    return rc;
}
