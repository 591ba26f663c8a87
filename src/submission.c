/* submission.c - the canonical submission document -> struct submission.
 *
 * Only reading and placing happens here: every value is kept as typed
 * (trimmed, NFC) with its line or workbook cell.  Interpretation (codes,
 * dates, amounts) is validation's job (validate.c).
 */
#include "submission.h"

#include <libxml/tree.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "xmlio.h"

typedef struct builder {
    submission *s;
    bc_diag *d;
    int nomem;
    /* the last src attribute seen and its arena copy: children of one
     * row share the row's src, so it is copied once */
    const xmlChar *last_src;
    const char *last_cell;
} builder;

/* The place of element n: its line, and the cell named by the src
 * attribute of n or of its nearest ancestor that has one.  On out of
 * memory the cell is dropped and b->nomem set. */
static sub_loc place_of(builder *b, xmlNodePtr n)
{
    sub_loc at = {xmlio_line(n), NULL};
    for (xmlNodePtr e = n; e && e->type == XML_ELEMENT_NODE; e = e->parent) {
        xmlAttrPtr a = xmlHasProp(e, BAD_CAST "src");
        if (!a || !a->children || !a->children->content ||
            !a->children->content[0])
            continue;
        const xmlChar *src = a->children->content;
        if (src != b->last_src) {
            char *cell = arena_strdup(b->s->arena, (const char *)src);
            if (!cell) {
                b->nomem = 1;
                return at;
            }
            b->last_src = src;
            b->last_cell = cell;
        }
        at.cell = b->last_cell;
        break;
    }
    return at;
}

/* Stores the cleaned text of `raw` (may be NULL) into *out, located at
 * `at`.  Empty -> s = NULL.  Text that is not UTF-8 gives an error
 * finding TEXT-UTF8 and s = NULL. */
static void store_text(builder *b, const char *raw, sub_loc at,
                       const char *what, sub_text *out)
{
    char *clean = NULL;
    out->s = NULL;
    out->at = at;
    if (!raw)
        return;
    if (!text_utf8_valid(raw, strlen(raw))) {
        bc_loc loc = submission_loc(b->s, at);
        diag_add(b->d, BC_SEV_ERROR, "TEXT-UTF8", &loc, NULL,
                 "văn bản UTF-8 hợp lệ",
                 "%s chứa byte không phải UTF-8 hợp lệ", what);
        return;
    }
    clean = text_clean(raw);
    if (!clean) {
        b->nomem = 1;
        return;
    }
    if (clean[0]) {
        out->s = arena_strdup(b->s->arena, clean);
        if (!out->s)
            b->nomem = 1;
    }
    free(clean);
}

/* Reads child element `name` of parent into *out; absent -> s = NULL at
 * the parent's place. */
static void read_field(builder *b, xmlNodePtr parent, sub_loc parent_at,
                       const char *name, sub_text *out)
{
    xmlNodePtr el = xmlio_child(parent, name);
    if (!el) {
        out->s = NULL;
        out->at = parent_at;
        return;
    }
    xmlChar *raw = xmlNodeGetContent(el);
    char what[64];
    snprintf(what, sizeof what, "trường <%s>", name);
    store_text(b, (const char *)raw, place_of(b, el), what, out);
    xmlFree(raw);
}

/* Reads attribute `name` of the root into *out, located at the root. */
static void read_attr(builder *b, xmlNodePtr root, const char *name,
                      sub_text *out)
{
    xmlChar *raw = xmlGetNoNsProp(root, BAD_CAST name);
    char what[64];
    snprintf(what, sizeof what, "thuộc tính %s", name);
    store_text(b, (const char *)raw, b->s->at, what, out);
    xmlFree(raw);
}

/* Zeroed arena array of n items of size sz; NULL (and b->nomem) on
 * overflow or out of memory, NULL without nomem for n == 0. */
static void *alloc_array(builder *b, size_t n, size_t sz)
{
    if (n == 0)
        return NULL;
    if (n > SIZE_MAX / sz) {
        b->nomem = 1;
        return NULL;
    }
    void *p = arena_alloc(b->s->arena, n * sz);
    if (!p)
        b->nomem = 1;
    return p;
}

static void read_records(builder *b, xmlNodePtr root)
{
    xmlNodePtr list = xmlio_child(root, "records");
    size_t n = xmlio_count(list, "record");
    sub_record *v = alloc_array(b, n, sizeof *v);
    if (!v)
        return;
    size_t i = 0;
    for (xmlNodePtr e = xmlio_child(list, "record"); e && i < n;
         e = xmlio_next(e, "record"), i++) {
        sub_record *r = &v[i];
        r->at = place_of(b, e);
        read_field(b, e, r->at, "kind", &r->kind);
        read_field(b, e, r->at, "status", &r->status);
        read_field(b, e, r->at, "application", &r->application);
        read_field(b, e, r->at, "filed", &r->filed);
        read_field(b, e, r->at, "granted", &r->granted);
        read_field(b, e, r->at, "certificate", &r->certificate);
        read_field(b, e, r->at, "name", &r->name);
        read_field(b, e, r->at, "product", &r->product);
        read_field(b, e, r->at, "owner", &r->owner);
        read_field(b, e, r->at, "place", &r->place);
        read_field(b, e, r->at, "task", &r->task);
        r->kind_v = -1;
        r->status_v = REC__UNKNOWN;
        r->filed_v = r->granted_v = 0;
        r->appno_v = NULL;
    }
    b->s->records = v;
    b->s->n_records = i;
}

static void read_activities(builder *b, xmlNodePtr root)
{
    xmlNodePtr list = xmlio_child(root, "activities");
    size_t n = xmlio_count(list, "activity");
    sub_activity *v = alloc_array(b, n, sizeof *v);
    if (!v)
        return;
    size_t i = 0;
    for (xmlNodePtr e = xmlio_child(list, "activity"); e && i < n;
         e = xmlio_next(e, "activity"), i++) {
        sub_activity *a = &v[i];
        a->at = place_of(b, e);
        read_field(b, e, a->at, "task", &a->task);
        read_field(b, e, a->at, "date", &a->date);
        read_field(b, e, a->at, "kind", &a->kind);
        read_field(b, e, a->at, "title", &a->title);
        read_field(b, e, a->at, "classes", &a->classes);
        read_field(b, e, a->at, "participants", &a->participants);
        a->task_v = NULL;
        a->date_v = 0;
        a->classes_v = a->participants_v = -1;
    }
    b->s->activities = v;
    b->s->n_activities = i;
}

static void read_supports(builder *b, xmlNodePtr root)
{
    xmlNodePtr list = xmlio_child(root, "supports");
    size_t n = xmlio_count(list, "support");
    sub_support *v = alloc_array(b, n, sizeof *v);
    if (!v)
        return;
    size_t i = 0;
    for (xmlNodePtr e = xmlio_child(list, "support"); e && i < n;
         e = xmlio_next(e, "support"), i++) {
        sub_support *u = &v[i];
        u->at = place_of(b, e);
        read_field(b, e, u->at, "mark", &u->mark);
        read_field(b, e, u->at, "kind", &u->kind);
        read_field(b, e, u->at, "date", &u->date);
        read_field(b, e, u->at, "task", &u->task);
        read_field(b, e, u->at, "content", &u->content);
        u->kind_v = -1;
        u->date_v = 0;
        u->task_v = NULL;
    }
    b->s->supports = v;
    b->s->n_supports = i;
}

static void read_budget(builder *b, xmlNodePtr root)
{
    xmlNodePtr list = xmlio_child(root, "budget");
    size_t n = xmlio_count(list, "line");
    sub_budget *v = alloc_array(b, n, sizeof *v);
    if (!v)
        return;
    size_t i = 0;
    for (xmlNodePtr e = xmlio_child(list, "line"); e && i < n;
         e = xmlio_next(e, "line"), i++) {
        sub_budget *l = &v[i];
        l->at = place_of(b, e);
        read_field(b, e, l->at, "task", &l->task);
        read_field(b, e, l->at, "allocated", &l->allocated);
        read_field(b, e, l->at, "disbursed", &l->disbursed);
        read_field(b, e, l->at, "note", &l->note);
        l->task_v = NULL;
        l->allocated_v = l->disbursed_v = 0;
        l->amounts_ok = 0;
    }
    b->s->budget = v;
    b->s->n_budget = i;
}

submission *submission_from_doc(xmlDocPtr doc, const char *file, int cycle,
                                bc_diag *d)
{
    builder b = {0};
    submission *s = calloc(1, sizeof *s);
    if (!s)
        goto fail;
    s->arena = arena_new();
    if (!s->arena)
        goto fail;
    b.s = s;
    b.d = d;
    s->cycle = cycle;
    if (file && !(s->file = arena_strdup(s->arena, file)))
        goto fail;

    xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (!root || !xmlStrEqual(root->name, BAD_CAST "submission")) {
        bc_loc at = {s->file, root ? xmlio_line(root) : 0, NULL};
        char found[80];
        snprintf(found, sizeof found, "<%.60s>",
                 root ? (const char *)root->name : "");
        diag_add(d, BC_SEV_ERROR, "INGEST-ROOT", &at, root ? found : NULL,
                 "<submission>",
                 "phần tử gốc của tài liệu không phải <submission>");
        return s; /* an empty submission: the finding says why */
    }
    s->at = place_of(&b, root);
    read_attr(&b, root, "format", &s->format);
    read_attr(&b, root, "unit", &s->unit);
    read_attr(&b, root, "year", &s->year);
    read_attr(&b, root, "date", &s->date);
    read_attr(&b, root, "illustrative", &s->illustrative);

    xmlNodePtr contact = xmlio_child(root, "contact");
    sub_loc cat = contact ? place_of(&b, contact) : s->at;
    read_field(&b, contact, cat, "name", &s->contact_name);
    read_field(&b, contact, cat, "role", &s->contact_role);
    read_field(&b, contact, cat, "phone", &s->contact_phone);
    read_field(&b, contact, cat, "email", &s->contact_email);

    xmlNodePtr narr = xmlio_child(root, "narrative");
    sub_loc nat = narr ? place_of(&b, narr) : s->at;
    read_field(&b, narr, nat, "results", &s->results);
    read_field(&b, narr, nat, "difficulties", &s->difficulties);
    read_field(&b, narr, nat, "proposals", &s->proposals);

    read_records(&b, root);
    read_activities(&b, root);
    read_supports(&b, root);
    read_budget(&b, root);

    s->unit_v = NULL;
    s->year_v = 0;
    s->date_v = 0;
    s->illustrative_v = 0;
    if (b.nomem)
        goto fail;
    return s;
fail:
    submission_free(s);
    return NULL;
}

void submission_free(submission *s)
{
    if (!s)
        return;
    arena_free(s->arena);
    free(s);
}

bc_loc submission_loc(const submission *s, sub_loc at)
{
    bc_loc l = {s ? s->file : NULL, at.cell ? 0 : at.line, at.cell};
    return l;
}

const char *rec_status_name(rec_status st)
{
    switch (st) {
    case REC_FILED: return "filed";
    case REC_GRANTED: return "granted";
    case REC_REFUSED: return "refused";
    default: return "?";
    }
}
