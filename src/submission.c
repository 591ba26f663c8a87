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

/* Stores raw (NUL-terminated) cleaned as text_clean does (trimmed, NFC)
 * in the arena: out->s, or NULL when empty.  0, or -1 when raw is not
 * UTF-8; b->nomem set when memory ran out. */
static int clean_into(builder *b, const char *raw, sub_text *out)
{
    size_t n = strlen(raw), i = 0;
    out->s = NULL;
    /* most values (codes, dates, amounts) are ASCII with no white space
     * at either end: text_clean would give them back unchanged */
    while (i < n && (unsigned char)raw[i] < 0x80)
        i++;
    if (i == n && n > 0 && !strchr(" \t\n\v\f\r", raw[0]) &&
        !strchr(" \t\n\v\f\r", raw[n - 1])) {
        out->s = arena_strndup(b->s->arena, raw, n);
        b->nomem |= !out->s;
        return 0;
    }
    /* text_clean checks the UTF-8 itself: the check below only tells a
     * bad text from memory running out */
    char *clean = text_clean(raw);
    if (!clean) {
        if (!text_utf8_valid(raw, n))
            return -1;
        b->nomem = 1;
        return 0;
    }
    if (clean[0] && !(out->s = arena_strdup(b->s->arena, clean)))
        b->nomem = 1;
    free(clean);
    return 0;
}

/* Stores the cleaned text of `raw` (may be NULL) into *out, located at
 * `at`.  Empty -> s = NULL.  Text that is not UTF-8 gives an error
 * finding TEXT-UTF8 naming it as what_fmt says of name ("trường <%s>")
 * and s = NULL. */
static void store_text(builder *b, const char *raw, sub_loc at,
                       const char *what_fmt, const char *name, sub_text *out)
{
    out->s = NULL;
    out->at = at;
    if (!raw || clean_into(b, raw, out) == 0)
        return;
    char what[96];
    snprintf(what, sizeof what, what_fmt, name);
    bc_loc loc = submission_loc(b->s, at);
    diag_add(b->d, BC_SEV_ERROR, "TEXT-UTF8", &loc, NULL,
             "văn bản UTF-8 hợp lệ", "%s chứa byte không phải UTF-8 hợp lệ",
             what);
}

/* The fields read from one element: field i is named by the string
 * pointer at names + i * stride and kept in the sub_text at the offset
 * (a size_t) at offs + i * stride into its owner (the submission or an
 * item): the form's tables (fields.h) and the submission's own groups
 * alike. */
typedef struct slots {
    const char *names, *offs;
    size_t stride, n;
} slots;

static const char *slot_name(const slots *sl, size_t i)
{
    const char *name;
    memcpy(&name, sl->names + i * sl->stride, sizeof name);
    return name;
}

static sub_text *slot_text(const slots *sl, size_t i, void *owner)
{
    size_t off;
    memcpy(&off, sl->offs + i * sl->stride, sizeof off);
    return (sub_text *)(void *)((char *)owner + off);
}

/* The index of the field called name, or -1. */
static int slot_find(const slots *sl, const xmlChar *name)
{
    for (size_t i = 0; i < sl->n; i++)
        if (xmlStrEqual(BAD_CAST slot_name(sl, i), name))
            return (int)i;
    return -1;
}

static slots table_slots(const form_table *t)
{
    slots sl = {(const char *)&t->fields[0].elem,
                (const char *)&t->fields[0].sub_at, sizeof t->fields[0],
                t->n_fields};
    return sl;
}

/* The submission's own fields: the root's attributes, then the children
 * of <contact> and of <narrative>. */
typedef struct group_field {
    const char *elem;
    size_t off;
} group_field;

#define GROUP_FIELD(e, m) {e, offsetof(submission, m)}
static const group_field ROOT_ATTRS[] = {
    GROUP_FIELD("format", format), GROUP_FIELD("unit", unit),
    GROUP_FIELD("year", year), GROUP_FIELD("date", date),
    GROUP_FIELD("illustrative", illustrative)};
static const group_field CONTACT[] = {
    GROUP_FIELD("name", contact_name), GROUP_FIELD("role", contact_role),
    GROUP_FIELD("phone", contact_phone), GROUP_FIELD("email", contact_email)};
static const group_field NARRATIVE[] = {
    GROUP_FIELD("results", results), GROUP_FIELD("difficulties", difficulties),
    GROUP_FIELD("proposals", proposals)};
#undef GROUP_FIELD

#define GROUP_SLOTS(g) \
    {(const char *)&(g)[0].elem, (const char *)&(g)[0].off, sizeof(g)[0], \
     BC_ARRAY_LEN(g)}
static const slots ROOT_SLOTS = GROUP_SLOTS(ROOT_ATTRS);
static const slots CONTACT_SLOTS = GROUP_SLOTS(CONTACT);
static const slots NARRATIVE_SLOTS = GROUP_SLOTS(NARRATIVE);
#undef GROUP_SLOTS

/* Reads element el (NULL: absent -> s = NULL at the parent's place) into
 * *out. */
static void read_field(builder *b, xmlNodePtr el, sub_loc parent_at,
                       const char *name, sub_text *out)
{
    if (!el) {
        out->s = NULL;
        out->at = parent_at;
        return;
    }
    xmlChar *raw = xmlNodeGetContent(el);
    store_text(b, (const char *)raw, place_of(b, el), "trường <%s>", name,
               out);
    xmlFree(raw);
}

/* Reads attribute `name` of the root into *out, located at the root. */
static void read_attr(builder *b, xmlNodePtr root, const char *name,
                      sub_text *out)
{
    xmlChar *raw = xmlGetNoNsProp(root, BAD_CAST name);
    store_text(b, (const char *)raw, b->s->at, "thuộc tính %s", name, out);
    xmlFree(raw);
}

/* Reads the fields sl of parent (may be NULL) into owner: the first
 * child element of each name, in the order of sl (so are any findings),
 * placed at parent_at when absent. */
static void read_fields(builder *b, xmlNodePtr parent, sub_loc parent_at,
                        const slots *sl, void *owner)
{
    xmlNodePtr el[SUBMISSION_MAX_FIELDS] = {0};
    for (xmlNodePtr c = parent ? parent->children : NULL; c; c = c->next) {
        int f = c->type == XML_ELEMENT_NODE ? slot_find(sl, c->name) : -1;
        if (f >= 0 && f < SUBMISSION_MAX_FIELDS && !el[f])
            el[f] = c;
    }
    for (size_t f = 0; f < sl->n; f++)
        read_field(b, f < SUBMISSION_MAX_FIELDS ? el[f] : NULL, parent_at,
                   slot_name(sl, f), slot_text(sl, f, owner));
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
    slots sl = table_slots(t);
    for (xmlNodePtr e = xmlio_child(list, t->item_elem); v && e && i < cap;
         e = xmlio_next(e, t->item_elem), i++) {
        char *item = v + i * t->item_size;
        sub_loc *at = (sub_loc *)(void *)item;
        *at = place_of(b, e);
        read_fields(b, e, *at, &sl, item);
    }
    *n = i;
    return v;
}

/* Where each table's items are kept in the submission. */
static void **table_items(submission *s, int t, size_t **n)
{
    switch (t) {
    case FORM_TABLE_RECORDS:
        *n = &s->n_records;
        return (void **)&s->records;
    case FORM_TABLE_ACTIVITIES:
        *n = &s->n_activities;
        return (void **)&s->activities;
    case FORM_TABLE_SUPPORTS:
        *n = &s->n_supports;
        return (void **)&s->supports;
    default:
        *n = &s->n_budget;
        return (void **)&s->budget;
    }
}

/* The resolved values that are not zero before validation marked
 * unknown. */
static void mark_unresolved(submission *s)
{
    for (size_t i = 0; i < s->n_records; i++) {
        s->records[i].kind_v = -1;
        s->records[i].status_v = REC__UNKNOWN;
    }
    for (size_t i = 0; i < s->n_activities; i++)
        s->activities[i].classes_v = s->activities[i].participants_v = -1;
    for (size_t i = 0; i < s->n_supports; i++)
        s->supports[i].kind_v = -1;
}

/* A new empty submission of file (copied) and cycle, its arena made;
 * NULL when out of memory. */
static submission *submission_new(const char *file, int cycle)
{
    submission *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->cycle = cycle;
    if (!(s->arena = arena_new()) ||
        (file && !(s->file = arena_strdup(s->arena, file)))) {
        submission_free(s);
        return NULL;
    }
    return s;
}

submission *submission_from_doc(xmlDocPtr doc, const char *file, int cycle,
                                bc_diag *d)
{
    builder b = {0};
    submission *s = submission_new(file, cycle);
    if (!s)
        goto fail;
    b.s = s;
    b.d = d;

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
    for (size_t i = 0; i < ROOT_SLOTS.n; i++)
        read_attr(&b, root, slot_name(&ROOT_SLOTS, i),
                  slot_text(&ROOT_SLOTS, i, s));

    xmlNodePtr contact = xmlio_child(root, "contact");
    read_fields(&b, contact, contact ? place_of(&b, contact) : s->at,
                &CONTACT_SLOTS, s);
    xmlNodePtr narr = xmlio_child(root, "narrative");
    read_fields(&b, narr, narr ? place_of(&b, narr) : s->at,
                &NARRATIVE_SLOTS, s);

    for (int t = 0; t < FORM_N_TABLES; t++) {
        size_t *n;
        void **items = table_items(s, t, &n);
        *items = read_items(&b, root, &FORM_TABLES[t], n);
    }
    mark_unresolved(s);
    if (b.nomem)
        goto fail;
    return s;
fail:
    submission_free(s);
    return NULL;
}

/* --- streaming: submission_from_xml ---------------------------------------- */

/* What an open element is to the streaming reader. */
enum { SE_ROOT, SE_GROUP, SE_LIST, SE_ITEM, SE_FIELD };

/* submission > records > record > kind: no element of a submission lies
 * deeper */
#define STREAM_DEPTH 4

/* One table's items as they come: a malloc'ed array that grows. */
typedef struct stream_items {
    char *v;
    size_t n, cap;
} stream_items;

typedef struct stream_reader {
    builder b;
    int give_up;      /* not a submission as this reader knows one: the
                         caller reads it the ordinary way */
    int depth;        /* elements open */
    struct {
        int kind;     /* SE_* */
        sub_loc at;   /* its place */
        const slots *fields; /* SE_GROUP, SE_ITEM: its fields */
        uint32_t seen;       /* ... and those read so far */
    } open[STREAM_DEPTH + 1];
    int table;        /* the list open, FORM_TABLE_* */
    unsigned parts;   /* the root's children seen: bit t for table t,
                         then contact and narrative */
    slots table_sl[FORM_N_TABLES];
    stream_items items[FORM_N_TABLES];
    sub_text *field;  /* the field being read, and its text so far */
    bc_strbuf text;
} stream_reader;

enum { PART_CONTACT = FORM_N_TABLES, PART_NARRATIVE };

/* Marks the reader as giving up; returns 1 (stop the stream). */
static int give_up(stream_reader *r)
{
    r->give_up = 1;
    return 1;
}

/* The element's own src value copied into the arena, or NULL when it has
 * none or an empty one (place_of's first src attribute of any
 * namespace); *nomem set when the copy failed. */
static const char *own_src(builder *b, int n_attrs, const xmlChar **attrs)
{
    for (int i = 0; i < n_attrs; i++) {
        const xmlChar *const *a = attrs + 5 * i;
        if (!xmlStrEqual(a[0], BAD_CAST "src"))
            continue;
        if (a[4] == a[3])
            return NULL;
        char *cell = arena_strndup(b->s->arena, (const char *)a[3],
                                   (size_t)(a[4] - a[3]));
        if (!cell)
            b->nomem = 1;
        return cell;
    }
    return NULL;
}

/* Stores text (NUL-terminated) into *out at `at` as store_text does; 0,
 * or 1 when it cannot be stored here (not UTF-8, out of memory: the
 * ordinary reader then says which). */
static int stream_store(stream_reader *r, const char *text, sub_loc at,
                        sub_text *out)
{
    out->at = at;
    if (clean_into(&r->b, text, out) != 0 || r->b.nomem)
        return give_up(r);
    return 0;
}

/* The root: its place and its attributes of no namespace. */
static int stream_root(stream_reader *r, const xmlChar *name, sub_loc at,
                       int n_attrs, const xmlChar **attrs)
{
    submission *s = r->b.s;
    if (!xmlStrEqual(name, BAD_CAST "submission"))
        return give_up(r);
    s->at = at;
    r->open[1].kind = SE_ROOT;
    for (size_t i = 0; i < ROOT_SLOTS.n; i++)
        *slot_text(&ROOT_SLOTS, i, s) = (sub_text){NULL, at};
    for (int i = 0; i < n_attrs; i++) {
        const xmlChar *const *a = attrs + 5 * i;
        int f = a[2] ? -1 : slot_find(&ROOT_SLOTS, a[0]);
        if (f < 0)
            continue;
        sb_reset(&r->text);
        sb_add(&r->text, (const char *)a[3], (size_t)(a[4] - a[3]));
        if (r->text.failed ||
            stream_store(r, sb_str(&r->text), at,
                         slot_text(&ROOT_SLOTS, (size_t)f, s)))
            return give_up(r);
    }
    return 0;
}

/* A child of the root: contact, narrative or one of the lists, each at
 * most once. */
static int stream_part(stream_reader *r, const xmlChar *name)
{
    int part = -1;
    for (int t = 0; t < FORM_N_TABLES; t++)
        if (xmlStrEqual(name, BAD_CAST FORM_TABLES[t].list_elem))
            part = t;
    if (xmlStrEqual(name, BAD_CAST "contact"))
        part = PART_CONTACT;
    else if (xmlStrEqual(name, BAD_CAST "narrative"))
        part = PART_NARRATIVE;
    if (part < 0 || (r->parts & (1u << part)))
        return give_up(r);
    r->parts |= 1u << part;
    if (part < FORM_N_TABLES) {
        r->open[2].kind = SE_LIST;
        r->table = part;
    } else {
        r->open[2].kind = SE_GROUP;
        r->open[2].fields =
            part == PART_CONTACT ? &CONTACT_SLOTS : &NARRATIVE_SLOTS;
        r->open[2].seen = 0;
    }
    return 0;
}

/* A new item of the open list, zeroed, at `at`. */
static int stream_item(stream_reader *r, const xmlChar *name, sub_loc at)
{
    const form_table *t = &FORM_TABLES[r->table];
    stream_items *it = &r->items[r->table];
    if (!xmlStrEqual(name, BAD_CAST t->item_elem) ||
        array_grow((void **)&it->v, &it->cap, it->n, t->item_size) != 0)
        return give_up(r);
    char *item = it->v + it->n++ * t->item_size;
    memset(item, 0, t->item_size);
    *(sub_loc *)(void *)item = at;
    r->open[3].kind = SE_ITEM;
    r->open[3].fields = &r->table_sl[r->table];
    r->open[3].seen = 0;
    return 0;
}

/* A field of the group or item open at depth - 1, each at most once. */
static int stream_field(stream_reader *r, const xmlChar *name, sub_loc at)
{
    int d = r->depth;
    const slots *sl = r->open[d - 1].fields;
    int f = sl ? slot_find(sl, name) : -1;
    if (f < 0 || f >= SUBMISSION_MAX_FIELDS ||
        (r->open[d - 1].seen & (1u << f)))
        return give_up(r);
    r->open[d - 1].seen |= 1u << f;
    void *owner = r->open[d - 1].kind == SE_GROUP
                      ? (void *)r->b.s
                      : r->items[r->table].v +
                            (r->items[r->table].n - 1) *
                                FORM_TABLES[r->table].item_size;
    r->field = slot_text(sl, (size_t)f, owner);
    r->field->at = at;
    r->open[d].kind = SE_FIELD;
    sb_reset(&r->text);
    return 0;
}

static int stream_start(void *user, const xmlChar *name, const xmlChar *uri,
                        unsigned line, int n_attrs, const xmlChar **attrs)
{
    stream_reader *r = user;
    int d = r->depth + 1;
    if (uri || d > STREAM_DEPTH)
        return give_up(r);
    const char *cell = own_src(&r->b, n_attrs, attrs);
    if (r->b.nomem)
        return give_up(r);
    sub_loc at = {line, cell ? cell : d > 1 ? r->open[d - 1].at.cell : NULL};
    r->depth = d;
    r->open[d].at = at;
    r->open[d].fields = NULL;
    int parent = d > 1 ? r->open[d - 1].kind : -1;
    if (d == 1)
        return stream_root(r, name, at, n_attrs, attrs);
    if (parent == SE_ROOT)
        return stream_part(r, name);
    if (parent == SE_LIST)
        return stream_item(r, name, at);
    if (parent == SE_GROUP || parent == SE_ITEM)
        return stream_field(r, name, at);
    return give_up(r); /* inside a field */
}

static int stream_text(void *user, const xmlChar *s, int len)
{
    stream_reader *r = user;
    if (r->depth > 0 && r->open[r->depth].kind == SE_FIELD && len > 0)
        sb_add(&r->text, (const char *)s, (size_t)len);
    return 0;
}

/* The fields of a group or item that it did not hold: absent, at its
 * place. */
static void stream_absent(const slots *sl, uint32_t seen, sub_loc at,
                          void *owner)
{
    for (size_t f = 0; f < sl->n; f++)
        if (!(seen & (1u << f)))
            *slot_text(sl, f, owner) = (sub_text){NULL, at};
}

static int stream_end(void *user)
{
    stream_reader *r = user;
    int d = r->depth--;
    switch (r->open[d].kind) {
    case SE_FIELD:
        if (r->text.failed)
            return give_up(r);
        return stream_store(r, sb_str(&r->text), r->field->at, r->field);
    case SE_ITEM: {
        stream_items *it = &r->items[r->table];
        char *item = it->v + (it->n - 1) * FORM_TABLES[r->table].item_size;
        stream_absent(r->open[d].fields, r->open[d].seen, r->open[d].at,
                      item);
        return 0;
    }
    case SE_GROUP:
        stream_absent(r->open[d].fields, r->open[d].seen, r->open[d].at,
                      r->b.s);
        return 0;
    default:
        return 0;
    }
}

/* The streamed parts moved into the submission: the groups not seen
 * placed at the root, the items into arena arrays. */
static void stream_finish(stream_reader *r)
{
    submission *s = r->b.s;
    if (!(r->parts & (1u << PART_CONTACT)))
        stream_absent(&CONTACT_SLOTS, 0, s->at, s);
    if (!(r->parts & (1u << PART_NARRATIVE)))
        stream_absent(&NARRATIVE_SLOTS, 0, s->at, s);
    for (int t = 0; t < FORM_N_TABLES; t++) {
        size_t *n, sz = FORM_TABLES[t].item_size;
        void **items = table_items(s, t, &n);
        stream_items *it = &r->items[t];
        char *v = alloc_array(&r->b, it->n, sz);
        if (v)
            memcpy(v, it->v, it->n * sz);
        *items = v;
        *n = v ? it->n : 0;
    }
    mark_unresolved(s);
}

int submission_from_xml(const char *buf, size_t len, xmlSchemaPtr schema,
                        const char *file, int cycle, submission **out)
{
    static const xmlio_events events = {stream_start, stream_end,
                                        stream_text};
    stream_reader r;
    memset(&r, 0, sizeof r);
    *out = NULL;
    for (int t = 0; t < FORM_N_TABLES; t++)
        r.table_sl[t] = table_slots(&FORM_TABLES[t]);
    r.open[0].kind = -1;
    r.b.s = submission_new(file, cycle);
    int ok = r.b.s && xmlio_stream(buf, len, schema, &events, &r) == 1 &&
             !r.give_up && !r.b.nomem && r.depth == 0 &&
             r.b.s->at.line > 0;
    if (ok) {
        stream_finish(&r);
        ok = !r.b.nomem;
    }
    for (int t = 0; t < FORM_N_TABLES; t++)
        free(r.items[t].v);
    sb_release(&r.text);
    if (ok)
        *out = r.b.s;
    else
        submission_free(r.b.s);
    return ok;
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
