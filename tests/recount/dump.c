/* dump.c - the input side of the independent recount (tests/recount/).
 *
 * Reads every submission file of every cycle folder DIR/<year>/ (2021 ..
 * the last year folder) through the ingest and validation API only
 * (ingest.h, validate.h: never aggregate.h, whose figures the recount
 * checks) and writes one XML document to stdout that says, for each file:
 *
 *   - its path and cycle, its verdict (validation gave an error finding or
 *     not) and the raw unit/year/date attributes of its canonical document
 *     (read before validation, so a file failing the schema still names
 *     its unit);
 *   - every finding validation gave it (severity, code, place);
 *   - every record, activity, support and budget line as validation
 *     resolved it (kind code, normalised application number, dates,
 *     amounts), with the raw text next to it.
 *
 * Everything else - which submission counts, merging, events, targets,
 * money sums - is done by recount.py from this dump and the plan data.
 *
 *   dump PLAN.xml SUBMISSION.xsd INPUT-DIR > dump.xml
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "date.h"
#include "diag.h"
#include "ingest.h"
#include "money.h"
#include "plan.h"
#include "submission.h"
#include "validate.h"
#include "xmlio.h"

static void put_esc(const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '<': fputs("&lt;", stdout); break;
        case '>': fputs("&gt;", stdout); break;
        case '&': fputs("&amp;", stdout); break;
        case '"': fputs("&quot;", stdout); break;
        case '\n': fputs("&#10;", stdout); break;
        case '\r': fputs("&#13;", stdout); break;
        case '\t': fputs("&#9;", stdout); break;
        default: putchar(*s);
        }
    }
}

static void attr(const char *name, const char *v)
{
    if (!v)
        return;
    printf(" %s=\"", name);
    put_esc(v);
    putchar('"');
}

static void attr_date(const char *name, bc_date d)
{
    char buf[11];
    if (d)
        attr(name, date_format_iso(d, buf));
}

static void attr_long(const char *name, long v)
{
    if (v >= 0)
        printf(" %s=\"%ld\"", name, v);
}

static void attr_place(const submission *s, sub_loc at)
{
    char buf[32];
    (void)s;
    if (at.cell) {
        attr("place", at.cell);
    } else if (at.line) {
        snprintf(buf, sizeof buf, "%u", at.line);
        attr("place", buf);
    }
}

static const char *kind_code(const plan *p, int k)
{
    return (k >= 0 && (size_t)k < p->n_kinds) ? p->kinds[k].code : NULL;
}

static void dump_sub(const plan *p, const submission *s)
{
    for (size_t i = 0; i < s->n_records; i++) {
        const sub_record *r = &s->records[i];
        printf("    <record");
        attr_place(s, r->at);
        attr("kind", kind_code(p, r->kind_v));
        attr("kind-raw", r->kind.s);
        attr("status", r->status_v < REC__UNKNOWN ? rec_status_name(r->status_v) : NULL);
        attr("status-raw", r->status.s);
        attr("application", r->appno_v);
        attr("application-raw", r->application.s);
        attr_date("filed", r->filed_v);
        attr_date("granted", r->granted_v);
        attr("certificate", r->certificate.s);
        attr("name", r->name.s);
        attr("product", r->product.s);
        attr("owner", r->owner.s);
        attr("where", r->place.s);
        attr("task", r->task.s);
        printf("/>\n");
    }
    for (size_t i = 0; i < s->n_activities; i++) {
        const sub_activity *a = &s->activities[i];
        printf("    <activity");
        attr_place(s, a->at);
        attr("task", a->task_v ? a->task_v : a->task.s);
        attr_date("date", a->date_v);
        attr("kind", a->kind.s);
        attr("classes-raw", a->classes.s);
        attr_long("classes", a->classes_v);
        attr_long("participants", a->participants_v);
        printf("/>\n");
    }
    for (size_t i = 0; i < s->n_supports; i++) {
        const sub_support *u = &s->supports[i];
        printf("    <support");
        attr_place(s, u->at);
        attr("mark", u->mark.s);
        attr("kind", kind_code(p, u->kind_v));
        attr_date("date", u->date_v);
        attr("task", u->task_v ? u->task_v : u->task.s);
        printf("/>\n");
    }
    for (size_t i = 0; i < s->n_budget; i++) {
        const sub_budget *b = &s->budget[i];
        char buf[BC_MONEY_BUF];
        printf("    <line");
        attr_place(s, b->at);
        attr("task", b->task_v ? b->task_v : b->task.s);
        if (b->amounts_ok) {
            attr("allocated", money_format(b->allocated_v, buf));
            attr("disbursed", money_format(b->disbursed_v, buf));
        }
        printf("/>\n");
    }
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int is_supported_input(const char *name)
{
    if (name[0] == '.' || (name[0] == '~' && name[1] == '$'))
        return 0;
    return ingest_supported(name);
}

static void dump_file(const plan *p, bc_validator *v, const char *path, int cycle)
{
    bc_diag *d = diag_new();
    xmlDocPtr doc = NULL;
    submission *s = NULL;
    size_t first = diag_count(d);
    bc_status ist = ingest_file(path, d, &doc);
    char *unit = NULL, *year = NULL, *date = NULL;
    if (doc && xmlDocGetRootElement(doc)) {
        xmlNodePtr root = xmlDocGetRootElement(doc);
        unit = xmlio_attr(root, "unit");
        year = xmlio_attr(root, "year");
        date = xmlio_attr(root, "date");
    }
    bc_status st = validate_ingested(v, ist, doc, path, cycle, first, d, &s);
    int errors = 0;
    for (size_t i = 0; i < diag_count(d); i++)
        if (diag_get(d, i)->sev == BC_SEV_ERROR)
            errors++;
    printf("  <file");
    attr("path", path);
    printf(" cycle=\"%d\"", cycle);
    attr("verdict", (st == BC_OK && errors == 0) ? "accepted" : "rejected");
    attr("unit-raw", unit);
    attr("year-raw", year);
    attr("date-raw", date);
    if (s) {
        attr("unit", s->unit_v);
        attr_date("date", s->date_v);
        printf(" built=\"true\"");
    }
    printf(">\n");
    for (size_t i = 0; i < diag_count(d); i++) {
        const bc_finding *f = diag_get(d, i);
        printf("    <finding");
        attr("severity", diag_sev_name(f->sev));
        attr("code", f->code);
        attr("place", f->place);
        attr("found", f->found);
        printf("/>\n");
    }
    if (s)
        dump_sub(p, s);
    printf("  </file>\n");
    submission_free(s);
    free(unit);
    free(year);
    free(date);
    diag_free(d);
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: dump PLAN.xml SUBMISSION.xsd INPUT-DIR\n");
        return 2;
    }
    bc_diag *d = diag_new();
    plan *p = NULL;
    if (plan_load(argv[1], NULL, d, &p) != BC_OK) {
        fprintf(stderr, "dump: cannot load the plan %s\n", argv[1]);
        return 2;
    }
    bc_validator *v = validator_new(p, argv[2], d);
    if (!v) {
        fprintf(stderr, "dump: cannot make the validator\n");
        return 2;
    }
    printf("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<dump>\n");
    for (int y = p->start_year; y <= p->end_year; y++) {
        char dir[4096];
        snprintf(dir, sizeof dir, "%s/%d", argv[3], y);
        DIR *dh = opendir(dir);
        if (!dh)
            continue;
        char **names = NULL;
        size_t n = 0, cap = 0;
        struct dirent *e;
        while ((e = readdir(dh))) {
            if (!is_supported_input(e->d_name))
                continue;
            if (n == cap) {
                cap = cap ? 2 * cap : 64;
                names = realloc(names, cap * sizeof *names);
                if (!names)
                    return 2;
            }
            names[n++] = strdup(e->d_name);
        }
        closedir(dh);
        if (n)
            qsort(names, n, sizeof *names, cmp_str);
        for (size_t i = 0; i < n; i++) {
            char path[8192];
            struct stat sb;
            snprintf(path, sizeof path, "%s/%s", dir, names[i]);
            if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode))
                dump_file(p, v, path, y);
            free(names[i]);
        }
        free(names);
    }
    printf("</dump>\n");
    validator_free(v);
    plan_free(p);
    diag_free(d);
    return 0;
}
