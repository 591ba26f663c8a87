/* submission.c - the canonical submission document -> struct submission.
 *
 * Only reading and placing happens here: every value is kept as typed
 * (trimmed, NFC) with its line or workbook cell.  Interpretation (codes,
 * dates, amounts) is validation's job (validate.c).
 */
#include "submission.h"

#include <libxml/tree.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "fields.h"
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
    return array_in_arena(b->s->arena, n, sz, &b->nomem);
}

/* Every item struct starts with its place: read_items writes it there. */
_Static_assert(offsetof(sub_record, at) == 0, "sub_record.at first");
_Static_assert(offsetof(sub_activity, at) == 0, "sub_activity.at first");
_Static_assert(offsetof(sub_support, at) == 0, "sub_support.at first");
_Static_assert(offsetof(sub_budget, at) == 0, "sub_budget.at first");

/* The items of table t of the form (fields.h), <list_elem><item_elem>...,
 * as a zeroed arena array of structs of t->item_size bytes: each item's
 * place and the text of each of t's fields, read where the table says.
 * *n gets the number read.  NULL when there are none, or when out of
 * memory (b->nomem set). */
static void *read_items(builder *b, xmlNodePtr root, const form_table *t,
                        size_t *n)
{
    xmlNodePtr list = xmlio_child(root, t->list_elem);
    size_t cap = xmlio_count(list, t->item_elem), i = 0;
    char *v = alloc_array(b, cap, t->item_size);
    for (xmlNodePtr e = xmlio_child(list, t->item_elem); v && e && i < cap;
         e = xmlio_next(e, t->item_elem), i++) {
        char *item = v + i * t->item_size;
        sub_loc *at = (sub_loc *)(void *)item;
        *at = place_of(b, e);
        for (size_t f = 0; f < t->n_fields; f++)
            read_field(b, e, *at, t->fields[f].elem,
                       (sub_text *)(void *)(item + t->fields[f].sub_at));
    }
    *n = i;
    return v;
}

/* The four tables of items, with the resolved values that are not zero
 * before validation marked unknown. */
static void read_tables(builder *b, xmlNodePtr root)
{
    submission *s = b->s;
    s->records = read_items(b, root, &FORM_TABLES[FORM_TABLE_RECORDS],
                            &s->n_records);
    for (size_t i = 0; i < s->n_records; i++) {
        s->records[i].kind_v = -1;
        s->records[i].status_v = REC__UNKNOWN;
    }
    s->activities = read_items(b, root, &FORM_TABLES[FORM_TABLE_ACTIVITIES],
                               &s->n_activities);
    for (size_t i = 0; i < s->n_activities; i++)
        s->activities[i].classes_v = s->activities[i].participants_v = -1;
    s->supports = read_items(b, root, &FORM_TABLES[FORM_TABLE_SUPPORTS],
                             &s->n_supports);
    for (size_t i = 0; i < s->n_supports; i++)
        s->supports[i].kind_v = -1;
    s->budget = read_items(b, root, &FORM_TABLES[FORM_TABLE_BUDGET],
                           &s->n_budget);
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

    read_tables(&b, root);

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
