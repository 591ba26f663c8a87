/* plan.h - the Đề án as data: targets, baseline, appendices, units.
 *
 * The plan is read from templates/plan/de-an-2030.xml (schema:
 * templates/schema/plan.xsd) with the amendment files of the folder
 * templates/plan/de-an-2030.d/.  Nothing in it is hard-coded in C: a new
 * budget phase, a renamed or merged unit, a new commune is a change of the
 * data only (docs/plan-data.md).  After plan_load the structure is
 * read-only and may be shared by every stage (and thread).
 *
 * All strings are UTF-8 NFC and owned by the plan.
 */
#ifndef BC_PLAN_H
#define BC_PLAN_H

#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "diag.h"
#include "money.h"
#include "status.h"

#define PLAN_MAX_KINDS 32 /* kinds are addressed by a uint32_t bit mask */

/* An IP object kind (the eight of DOMAIN.md). */
typedef struct plan_kind {
    char *code;    /* "NHTT", "SC", ... (used in submissions) */
    char *name;    /* "nhãn hiệu tập thể" */
    char *aliases; /* more names a clerk may type, '|'-separated, or NULL */
    int ip_office; /* 1 if the IP Office numbers its applications */
} plan_kind;

/* Application number prefix digit -> kinds (DOMAIN: keep it as data). */
typedef struct plan_prefix {
    int digit;         /* 1..9 */
    uint32_t kinds;    /* bit i = plan->kinds[i] */
    int confirmed;     /* 0 for a mapping the sources do not confirm (GI) */
} plan_prefix;

/* A kind of activity of the form's «Hoạt động» table. */
typedef enum plan_act_counts {
    ACT_COUNTS_ONE = 0, /* one activity (to a task measured in activities) */
    ACT_COUNTS_CLASSES, /* its classes, to a task measured in classes */
    ACT_COUNTS_TASKS    /* one task, to a task measured in tasks */
} plan_act_counts;
typedef struct plan_activity_kind {
    char *code;              /* "tap-huan" */
    char *name;              /* "lớp tập huấn, bồi dưỡng": the form's words */
    plan_act_counts counts;
} plan_activity_kind;

typedef enum plan_target_type {
    TARGET_RANGE = 0, /* cumulative count within [min, max] by the end */
    TARGET_RATE       /* average yearly growth over a baseline year */
} plan_target_type;

/* What a target counts (bit mask). */
enum {
    COUNT_FILED = 1,    /* applications filed in the period */
    COUNT_GRANTED = 2,  /* protections granted in the period */
    COUNT_SUPPORTED = 4 /* distinct protected marks given support */
};

typedef struct plan_target {
    char *id;        /* "T1" */
    char *name;      /* the indicator as the plan words it */
    char *measure;   /* what one counts, for reports: "chỉ dẫn địa lý" */
    plan_target_type type;
    uint32_t kinds;  /* kinds counted (bit mask) */
    unsigned counts; /* COUNT_* mask */
    int only_new;    /* 1: products already on Phụ lục 1 are not new */
    int min, max;    /* TARGET_RANGE */
    bc_money rate;   /* TARGET_RATE: percent per year (2.0 -> 2000000) */
    int baseline_year, baseline_value; /* TARGET_RATE */
    int baseline_assumed; /* 1: the baseline is an assumption of the Sở,
                           * not named by the plan (reports say so) */
    char *tasks;     /* Phụ lục 2 tasks serving the target, space
                      * separated ("B8"), or NULL (design links) */
} plan_target;

/* Bảng 1: applications and grants of one kind in one baseline year. */
typedef struct plan_baseline1 {
    int year;
    int kind;     /* index into kinds */
    int filed;    /* Đơn */
    int granted;  /* Bằng */
} plan_baseline1;

/* Bảng 2: protections of one kind in one year ("-" is 0). */
typedef struct plan_baseline2 {
    int year;
    int kind;
    int count;
} plan_baseline2;

/* Bảng 2's stated "Tổng" for one kind. */
typedef struct plan_baseline2_total {
    int kind;
    int stated;
} plan_baseline2_total;

/* One product of Phụ lục 1 (protected before the plan). */
typedef struct plan_protected {
    int kind;
    int no;         /* number as printed in the section */
    char *name;     /* "Nội dung": the mark or GI name */
    char *product;  /* "Sản phẩm được bảo hộ" */
    int year;       /* year of the certificate */
} plan_protected;

/* A section of Phụ lục 1 with the count printed in its heading. */
typedef struct plan_protected_section {
    int kind;
    int stated;     /* "(20)" */
    char *heading;  /* "NHÃN HIỆU TẬP THỂ (20)" */
} plan_protected_section;

/* A Phần I fact a report sets the results against. */
typedef struct plan_fact {
    char *id;        /* "F1" (design) */
    char *text;      /* the plan's words */
    int value;       /* the figure the words state; -1 when none */
    char *measure;   /* what it counts ("products"), or NULL */
    char *targets;   /* target ids it is a baseline of, or NULL */
    char *tasks;     /* task ids it is a baseline of, or NULL */
} plan_fact;

/* What a part A row says of its quantity (all zero/NULL when nothing). */
typedef struct plan_quantity {
    int value;       /* the number stated; 0 when the plan states none */
    int yearly;      /* 1: the plan says it is yearly ("lớp/năm") */
    int approximate; /* 1: "khoảng" */
    int assumed;     /* 1: an assumption of the Sở, not the plan's */
    char *words;     /* the row's own words ("khoảng 02 nhiệm vụ"), or NULL */
} plan_quantity;

/* Phụ lục 2 part A: a task funded yearly as needed. */
typedef struct plan_task_a {
    char *id;        /* "A1" */
    int no;          /* 1 */
    char *title;     /* the "Nội dung" cell in full */
    char *host;      /* unit code of the host (Cơ quan chủ trì) */
    char *partners;  /* as printed, or NULL */
    /* the yearly quantity the plan requires: set only for an exact number
     * the plan states per year ("02 lớp/năm"); 0 otherwise (A2 "khoảng
     * 02 nhiệm vụ", A4 "Định kỳ hằng năm", or an assumption of the Sở) */
    int per_year;
    char *measure;   /* what the quantity counts: "classes" or "tasks" */
    char *measure_label; /* "lớp", "nhiệm vụ" */
    char *partner_units; /* unit codes the partners name, or NULL */
    char *note;      /* "Ghi chú" as printed, or NULL */
    plan_quantity quantity; /* what the row says, whatever it is */
} plan_task_a;

/* One yearly amount of a part B task. */
typedef struct plan_amount {
    int year;
    bc_money amount;
} plan_amount;

/* Phụ lục 2 part B: a task with estimates. */
typedef struct plan_task_b {
    char *id;        /* "B7", "B9b" */
    char *no;        /* "7", "9 (-)" as printed */
    char *title;
    char *host;      /* unit code, or NULL when the plan names none */
    bc_money stated_total;
    plan_amount *years;
    size_t n_years;
    char *partner_units; /* unit codes the partners name, or NULL */
} plan_task_b;

/* A budget phase: 2021-2025 (estimated), 2026-2030 (to be estimated). */
typedef struct plan_phase {
    int from, to;      /* years */
    int approved;      /* 1 when the phase has approved estimates */
    char *note;        /* e.g. the plan's words on the later phase */
    bc_money stated_total;        /* stated grand total, -1 if none */
    plan_amount *stated_years;    /* stated yearly totals */
    size_t n_stated_years;
} plan_phase;

/* A numbered section of Phần III (TỔ CHỨC THỰC HIỆN). */
typedef struct plan_duty_section {
    int no;          /* 1..8 as printed */
    char *heading;   /* "Sở Khoa học và Công nghệ" */
    char *text;      /* its paragraphs as printed, '\n'-separated */
    char *units;     /* unit codes it addresses, space separated, or NULL */
    unsigned unit_types; /* bit (1u << plan_unit_type): every unit of it */
} plan_duty_section;

/* One duty of Phần III, in the plan's words. */
typedef struct plan_duty {
    char *id;        /* "D1c" (design) */
    size_t section;  /* index into p->duty_sections */
    char *topic;     /* fixed word: lead, coordinate, field, focal-point,
                      * review, propose, report, estimate, projects,
                      * budget, priority, general */
    char *quote;     /* the plan's exact words */
    char *refs;      /* tasks the text cites, as cited ("A1 ... A7 A8"),
                      * or NULL */
    char *tasks;     /* Phụ lục 2 tasks it relates to (design), or NULL */
    char *targets;   /* targets it relates to (design), or NULL */
    int yearly;      /* 1: a duty of every year ("hằng năm") */
} plan_duty;

/* An amendment applied to the plan by plan_load. */
typedef struct plan_amendment {
    char *path;      /* the file */
    char *basis;     /* the approving text it cites */
    int illustrative; /* 1: a sample, not an approved text */
} plan_amendment;

typedef enum plan_unit_type {
    UNIT_DISTRICT = 0, /* huyện / thành phố (to 30/6/2025) */
    UNIT_COMMUNE,      /* xã / phường (from 1/7/2025) */
    UNIT_DEPARTMENT,   /* sở, ban, ngành */
    UNIT_OTHER         /* Đài PTTH, Báo Lạng Sơn, ... */
} plan_unit_type;

typedef struct plan_unit {
    char *code;       /* "178", "SKHCN", ... (used in submissions) */
    char *name;       /* "Thành phố Lạng Sơn" */
    char *short_name; /* "TP Lạng Sơn", or NULL */
    char *aliases;    /* '|'-separated other names, or NULL */
    plan_unit_type type;
    bc_date valid_from; /* 0: since before the plan */
    bc_date valid_to;   /* 0: still valid */
    char *successor;    /* unit code taking over, or NULL */
    int reports;        /* 1 if expected to submit while valid */
} plan_unit;

typedef struct plan {
    char *title;        /* the plan's name */
    char *decision;     /* approving decision, as known */
    int start_year;     /* first year of the plan period (2021) */
    int end_year;       /* horizon (2030) */
    int period_month, period_day; /* reporting period starts (12, 15) */
    int communes_complete;  /* 0: the commune list is known incomplete */
    int communes_expected;  /* how many communes there should be (65) */

    plan_kind *kinds;  size_t n_kinds;
    plan_prefix *prefixes;  size_t n_prefixes;
    plan_activity_kind *activity_kinds; size_t n_activity_kinds;
    plan_target *targets;  size_t n_targets;
    plan_baseline1 *baseline1;  size_t n_baseline1;
    plan_baseline2 *baseline2;  size_t n_baseline2;
    plan_baseline2_total *baseline2_totals;  size_t n_baseline2_totals;
    plan_protected_section *sections;  size_t n_sections;
    plan_protected *protected_;  size_t n_protected;
    plan_task_a *tasks_a;  size_t n_tasks_a;
    plan_task_b *tasks_b;  size_t n_tasks_b;
    plan_phase *phases;  size_t n_phases;
    plan_fact *facts;  size_t n_facts;
    plan_duty_section *duty_sections;  size_t n_duty_sections;
    plan_duty *duties;  size_t n_duties;
    plan_unit *units;  size_t n_units;
    plan_amendment *amendments;  size_t n_amendments;

    /* headings as printed, or NULL */
    char *table1_heading, *table2_heading; /* Bảng 1, Bảng 2 */
    char *protected_heading;   /* Phụ lục 1 */
    char *appendix2_title;     /* Phụ lục 2 */
    char *tasks_a_heading, *tasks_b_heading; /* "A. DANH MỤC ...", "B. ..." */
    char *organisation_heading; /* Phần III: "TỔ CHỨC THỰC HIỆN" */

    void *priv_; /* loader's storage (arena); not for callers */
} plan;

/* Loads the plan from an XML file, validating it against the schema at
 * xsd_path (NULL: no schema check), then applies its amendments: the
 * *.xml files of the folder named like the plan with ".d" for ".xml"
 * (templates/plan/de-an-2030.d/), in byte order of their names; no
 * folder, no amendments.  Problems are added to d with the file and line
 * (the amendment's for what an amendment brought).  On success *out owns
 * a new plan; on failure *out is NULL and the status says why (BC_ERR_IO,
 * BC_ERR_PARSE, BC_ERR_INVALID).
 * Time O(n log n) in the number of units, plus the duplicate names it
 * reports (names of units valid at the same time are compared by sorting
 * their folded keys, not pairwise). */
bc_status plan_load(const char *path, const char *xsd_path, bc_diag *d,
                    plan **out);

/* As plan_load, but applies the n amendment files given (in that order)
 * after those of the plan's folder; n may be 0. */
bc_status plan_load_amended(const char *path, const char *xsd_path,
                            const char *const *amendments, size_t n,
                            bc_diag *d, plan **out);

/* Frees a plan; accepts NULL. */
void plan_free(plan *p);

/* Checks the plan against itself and adds one finding (severity warning,
 * code PLAN-*) per contradiction, with the figures on both sides in found
 * and expected: stated vs computed totals of Phụ lục 2 (grand, yearly,
 * per task), Phụ lục 1 heading counts vs items, Bảng 2 vs Phụ lục 1 by
 * kind and year, Bảng 2 totals, Phần III references to missing tasks or to
 * tasks hosted by another unit.  Returns the number of contradictions. */
size_t plan_check(const plan *p, const char *path, bc_diag *d);

/* Lookups; -1 / NULL when absent.  Codes compare exactly. */
int plan_kind_index(const plan *p, const char *code);
/* Finds a kind by code, name or alias, ignoring case, diacritics and
 * spacing ("nhãn hiệu tập thể", "NHTT", "nhan hieu tap the"). */
int plan_kind_lookup(const plan *p, const char *text);
/* The unit with this code (the first one if a broken plan repeats it).
 * O(1) on a plan from plan_load, through an index of the codes built
 * while loading; a scan on a plan built by hand or whose units array a
 * caller has replaced. */
const plan_unit *plan_unit_find(const plan *p, const char *code);
/* The unit of a code as a clerk typed it: the exact code, or, for 1 to 4
 * digits, the commune whose 5-digit code they are without its leading
 * zeros (a spreadsheet keeps "06001" typed as a number as 6001).  NULL
 * when neither exists. */
const plan_unit *plan_unit_find_typed(const plan *p, const char *typed);
const plan_task_a *plan_task_a_find(const plan *p, const char *id);
const plan_task_b *plan_task_b_find(const plan *p, const char *id);
/* The activity kind of code, or NULL. */
const plan_activity_kind *plan_activity_kind_find(const plan *p, const char *code);
/* The prefix entry of an application number's leading digit, or NULL. */
const plan_prefix *plan_prefix_find(const plan *p, int digit);

/* 1 if the unit is valid on date d. */
int plan_unit_valid_on(const plan_unit *u, bc_date d);
/* 1 if the unit's validity overlaps [from, to]. */
int plan_unit_valid_during(const plan_unit *u, bc_date from, bc_date to);
/* 1 if the unit is expected to submit for `year`: it reports, its validity
 * overlaps the year's reporting period, and it was not merged into a
 * successor before the period's end (the successor reports instead). */
int plan_unit_expected(const plan *p, const plan_unit *u, int year);

/* 1 if Phần III duty du applies to unit u for reporting year `year`: the
 * duty's section names u, or names a unit that u succeeds (following
 * successor links) and that was merged before the end of the year's
 * period, or addresses u's type; and u is valid during the period. */
int plan_duty_applies(const plan *p, const plan_duty *du,
                      const plan_unit *u, int year);

/* The Phần III duties of unit u for reporting year `year`, in plan order:
 * stores at most max pointers in out and returns how many there are (may
 * exceed max).  Cannot fail. */
size_t plan_unit_duties(const plan *p, const plan_unit *u, int year,
                        const plan_duty **out, size_t max);

/* The planned amount of a part B task in a year; 0 and *found=0 if the
 * plan has none. */
bc_money plan_task_b_amount(const plan_task_b *t, int year, int *found);

/* The budget phase that contains year, or NULL. */
const plan_phase *plan_phase_of(const plan *p, int year);

/* The Phụ lục 1 entry of this kind matching a reported mark (case,
 * diacritics, normalisation and spacing ignored), or NULL: the name is
 * compared with the entries' names; the product with their products only
 * when no name is given (many marks share a product).  kind < 0 searches
 * every kind. */
const plan_protected *plan_protected_match(const plan *p, int kind,
                                           const char *name,
                                           const char *product);

#ifdef TESTING /* plan.c's internals the unit tests call (testing.h) */
/* The target with this id, or NULL (NULL p or id too). */
const plan_target *plan_target_find(const plan *p, const char *id);
#endif

#endif
