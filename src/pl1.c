/* pl1.c - the Phụ lục 1 rule (pl1.h). */
#include "pl1.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "util.h"

/* Folded words that never make a product's head: generic words for a
 * product, connectives and the administrative words before a place.
 * Several words are one phrase ("san pham"). */
static const char *const GENERIC[] = {
    "qua", "san pham", "cay", "con", "hang hoa", "hang", "trai", "dac san",
    "cac", "loai", "cua", "va", "tai", "o", "thuoc", "tinh", "huyen", "xa",
    "phuong", "thi tran", "thi xa", "thanh pho", "khu vuc", "vung", "nui",
    "tp", "tt",
};

/* Administrative words a unit's name begins with ("Huyện Bình Gia"). */
static const char *const ADMIN[] = {
    "huyen", "thanh pho", "thi xa", "thi tran", "xa", "phuong", "tinh",
};

typedef struct pl1_entry {
    char *name;           /* pl1_name_key of the name */
    char *product;        /* pl1_name_key of the product */
    char *head;           /* the product's head word, NULL if none */
    char *run;            /* the head and the words after it up to a generic
                             word or a place, without spaces */
} pl1_entry;

struct pl1_index {
    const plan *p;
    pl1_entry *e;         /* [p->n_protected] */
    char **places;        /* folded place phrases ("binh gia") */
    size_t n_places;
    const char **skips;   /* the generic and place phrases, sorted by their
                             first word (skip_at) */
    size_t n_skips;
};

char *pl1_name_key(const char *s)
{
    char *k = text_fold(s);
    if (!k)
        return NULL;
    char *w = k;
    for (const char *r = k; *r; r++)
        if (*r != ' ')
            *w++ = *r;
    *w = '\0';
    return k;
}

/* The length of phrase ph if the folded words at s begin with it (whole
 * words), else 0. */
static size_t phrase_at(const char *s, const char *ph)
{
    size_t n = strlen(ph);
    return (n && strncmp(s, ph, n) == 0 && (s[n] == ' ' || s[n] == '\0'))
               ? n : 0;
}

/* The length of the first word of s (up to a space or the end). */
static size_t word_len(const char *s)
{
    const char *e = strchr(s, ' ');
    return e ? (size_t)(e - s) : strlen(s);
}

/* Orders words a (na bytes) and b (nb bytes). */
static int word_cmp(const char *a, size_t na, const char *b, size_t nb)
{
    int c = memcmp(a, b, na < nb ? na : nb);
    return c ? c : (na > nb) - (na < nb);
}

static int cmp_first_word(const void *x, const void *y)
{
    const char *a = *(const char *const *)x, *b = *(const char *const *)y;
    return word_cmp(a, word_len(a), b, word_len(b));
}

/* The longest generic or place phrase at s, or 0.  A phrase can begin s
 * only if its first word is s's (phrase_at wants whole words), so only
 * the phrases of that first word are tried: a plan of 10,000 units has as
 * many place phrases, and this runs for every word of every product. */
static size_t skip_at(const pl1_index *x, const char *s)
{
    size_t wl = word_len(s), lo = 0, hi = x->n_skips, best = 0;
    while (lo < hi) { /* the first phrase whose first word is not below s's */
        size_t mid = lo + (hi - lo) / 2;
        const char *m = x->skips[mid];
        if (word_cmp(m, word_len(m), s, wl) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i < x->n_skips; i++) {
        const char *ph = x->skips[i];
        if (word_len(ph) != wl || memcmp(ph, s, wl) != 0)
            break;
        size_t n = phrase_at(s, ph);
        best = n > best ? n : best;
    }
    return best;
}

/* The folded words of s (a key of text_fold) that are neither generic nor
 * a place: the first one in *head (malloc'ed, NULL when none), the run of
 * such words it begins, without spaces, in *run; when `all` is given, every
 * such word of s without spaces.  Returns -1 when out of memory. */
static int product_words(const pl1_index *x, const char *folded, char **head,
                         char **run, char **all)
{
    size_t len = strlen(folded);
    char *h = NULL, *r = malloc(len + 1), *a = malloc(len + 1);
    size_t rn = 0, an = 0;
    int in_run = 0, run_done = 0;
    if (!r || !a)
        goto oom;
    for (const char *s = folded; *s;) {
        size_t skip = skip_at(x, s);
        if (skip) {
            s += skip;
            run_done |= in_run;
            in_run = 0;
        } else {
            const char *e = strchr(s, ' ');
            size_t n = e ? (size_t)(e - s) : strlen(s);
            if (!h && !(h = bc_strndup(s, n)))
                goto oom;
            if (!run_done) {
                in_run = 1;
                memcpy(r + rn, s, n);
                rn += n;
            }
            memcpy(a + an, s, n);
            an += n;
            s += n;
        }
        while (*s == ' ')
            s++;
    }
    r[rn] = a[an] = '\0';
    *head = h;
    *run = r;
    if (all)
        *all = a;
    else
        free(a);
    return 0;
oom:
    free(h);
    free(r);
    free(a);
    return -1;
}

/* The head word and run of a product as typed; both NULL when s is NULL
 * or has no head.  -1 when out of memory. */
static int product_head(const pl1_index *x, const char *s, char **head,
                        char **run)
{
    *head = *run = NULL;
    if (!s)
        return 0;
    char *f = text_fold(s);
    if (!f)
        return -1;
    int rc = product_words(x, f, head, run, NULL);
    free(f);
    if (rc == 0 && !*head) {
        free(*run);
        *run = NULL;
    }
    return rc;
}

void pl1_free(pl1_index *x)
{
    if (!x)
        return;
    for (size_t i = 0; x->e && i < x->p->n_protected; i++) {
        free(x->e[i].name);
        free(x->e[i].product);
        free(x->e[i].head);
        free(x->e[i].run);
    }
    free(x->e);
    for (size_t i = 0; i < x->n_places; i++)
        free(x->places[i]);
    free(x->places);
    free(x->skips);
    free(x);
}

/* Adds the place phrase of a unit's name (its administrative words cut). */
static int add_place(pl1_index *x, const char *name)
{
    char *f = text_fold(name);
    if (!f)
        return -1;
    const char *s = f;
    for (size_t i = 0; i < sizeof ADMIN / sizeof *ADMIN; i++) {
        size_t n = phrase_at(s, ADMIN[i]);
        if (n) {
            s += n + (s[n] == ' ');
            break;
        }
    }
    int empty = !*s;
    char *ph = empty ? NULL : bc_strdup(s);
    free(f);
    if (!empty && !ph)
        return -1;
    if (ph)
        x->places[x->n_places++] = ph;
    return 0;
}

pl1_index *pl1_new(const plan *p)
{
    pl1_index *x = calloc(1, sizeof *x);
    if (!x)
        return NULL;
    x->p = p;
    x->places = calloc(p->n_units + 2, sizeof *x->places);
    x->e = calloc(p->n_protected ? p->n_protected : 1, sizeof *x->e);
    if (!x->places || !x->e || add_place(x, "Lạng Sơn") != 0)
        goto fail;
    for (size_t u = 0; u < p->n_units; u++)
        if ((p->units[u].type == UNIT_DISTRICT ||
             p->units[u].type == UNIT_COMMUNE) &&
            add_place(x, p->units[u].name) != 0)
            goto fail;
    size_t n_generic = sizeof GENERIC / sizeof *GENERIC;
    x->skips = malloc((n_generic + x->n_places) * sizeof *x->skips);
    if (!x->skips)
        goto fail;
    for (size_t i = 0; i < n_generic; i++)
        x->skips[x->n_skips++] = GENERIC[i];
    for (size_t i = 0; i < x->n_places; i++)
        x->skips[x->n_skips++] = x->places[i];
    qsort(x->skips, x->n_skips, sizeof *x->skips, cmp_first_word);
    for (size_t i = 0; i < p->n_protected; i++) {
        const plan_protected *pp = &p->protected_[i];
        pl1_entry *e = &x->e[i];
        e->name = pl1_name_key(pp->name);
        e->product = pp->product ? pl1_name_key(pp->product) : NULL;
        if (!e->name || (pp->product && !e->product) ||
            product_head(x, pp->product, &e->head, &e->run) != 0)
            goto fail;
    }
    return x;
fail:
    pl1_free(x);
    return NULL;
}

/* 1 when key is a followed by b, or b followed by a. */
static int joined(const char *key, const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    if (!na || !nb || strlen(key) != na + nb)
        return 0;
    return (strncmp(key, a, na) == 0 && strcmp(key + na, b) == 0) ||
           (strncmp(key, b, nb) == 0 && strcmp(key + nb, a) == 0);
}

/* 1 when the name (its words that are neither generic nor a place, in
 * `words`) is entry e's name plus its product's head or head run. */
static int name_plus_product(const pl1_entry *e, const char *words)
{
    return e->head && words &&
           (joined(words, e->name, e->head) || joined(words, e->name, e->run));
}

/* The folded words of a name that are not generic, without spaces
 * ("Quả Na Chi Lăng" -> "nachilang"): places are kept, since an entry's
 * name is often one. */
static char *name_words(const char *name)
{
    char *f = text_fold(name);
    if (!f)
        return NULL;
    size_t len = strlen(f);
    char *out = malloc(len + 1);
    size_t n = 0;
    if (!out) {
        free(f);
        return NULL;
    }
    for (const char *s = f; *s;) {
        size_t skip = 0;
        for (size_t i = 0; i < sizeof GENERIC / sizeof *GENERIC; i++) {
            size_t k = phrase_at(s, GENERIC[i]);
            skip = k > skip ? k : skip;
        }
        if (skip) {
            s += skip;
        } else {
            const char *e = strchr(s, ' ');
            size_t k = e ? (size_t)(e - s) : strlen(s);
            memcpy(out + n, s, k);
            n += k;
            s += k;
        }
        while (*s == ' ')
            s++;
    }
    out[n] = '\0';
    free(f);
    return out;
}

pl1_verdict pl1_classify(const pl1_index *x, int kind, const char *name,
                         const char *product, const plan_protected **entry,
                         int *oom)
{
    pl1_verdict best = PL1_NONE;
    *entry = NULL;
    char *nk = name ? pl1_name_key(name) : NULL;
    char *nw = name ? name_words(name) : NULL;
    char *pk = product ? pl1_name_key(product) : NULL;
    char *head = NULL, *run = NULL;
    if ((name && (!nk || !nw)) || (product && !pk) ||
        product_head(x, product, &head, &run) != 0) {
        *oom = 1;
        goto done;
    }
    for (size_t i = 0; i < x->p->n_protected && best != PL1_EXISTING; i++) {
        const plan_protected *pp = &x->p->protected_[i];
        const pl1_entry *e = &x->e[i];
        if (pp->kind != kind)
            continue;
        pl1_verdict v = PL1_NONE;
        if (nk && *nk && strcmp(nk, e->name) == 0) {
            int same_product = !head || !e->head ||
                               strcmp(head, e->head) == 0 ||
                               (pk && e->product && strcmp(pk, e->product) == 0);
            v = same_product ? PL1_EXISTING : PL1_OTHER_PRODUCT;
        } else if ((pk && *pk && e->product && strcmp(pk, e->product) == 0) ||
                   (head && e->head && strcmp(head, e->head) == 0) ||
                   name_plus_product(e, nw)) {
            v = PL1_POSSIBLE;
        }
        if (v > best) {
            best = v;
            *entry = pp;
        }
    }
done:
    free(nk);
    free(nw);
    free(pk);
    free(head);
    free(run);
    return best;
}

const plan_protected *pl1_mark_entry(const pl1_index *x, int kind,
                                     const char *mark, int *oom)
{
    const plan_protected *by_name = NULL, *by_product = NULL;
    int products = 0;
    char *mk = pl1_name_key(mark);
    if (!mk) {
        *oom = mark != NULL;
        goto done;
    }
    for (size_t i = 0; i < x->p->n_protected && *mk; i++) {
        const plan_protected *pp = &x->p->protected_[i];
        const pl1_entry *e = &x->e[i];
        if (pp->kind != kind)
            continue;
        if (!by_name && strcmp(mk, e->name) == 0)
            by_name = pp;
        if (e->product && strcmp(mk, e->product) == 0) {
            by_product = by_product ? by_product : pp;
            products++;
        }
    }
done:
    free(mk);
    if (by_name)
        return by_name;
    return by_product && products == 1 ? by_product : NULL;
}
