/* util.c - strings, arena, strbuf, files. */
#define _POSIX_C_SOURCE 200809L
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *bc_strdup(const char *s)
{
    return s ? bc_strndup(s, strlen(s)) : NULL;
}

char *bc_strndup(const char *s, size_t n)
{
    if (!s || n == SIZE_MAX)
        return NULL;
    char *p = malloc(n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *bc_vasprintf(const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        return NULL;
    char *p = malloc((size_t)n + 1);
    if (p)
        vsnprintf(p, (size_t)n + 1, fmt, ap);
    return p;
}

char *bc_asprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *p = bc_vasprintf(fmt, ap);
    va_end(ap);
    return p;
}

/* ---------------------------------------------------------------------- */

typedef struct arena_block {
    struct arena_block *next;
    size_t used, size;
    _Alignas(16) unsigned char data[];
} arena_block;

struct bc_arena {
    arena_block *head;
    size_t total;
};

#define ARENA_BLOCK 32768u

bc_arena *arena_new(void)
{
    return calloc(1, sizeof(bc_arena));
}

void arena_free(bc_arena *a)
{
    if (!a)
        return;
    arena_block *b = a->head;
    while (b) {
        arena_block *next = b->next;
        free(b);
        b = next;
    }
    free(a);
}

void *arena_alloc(bc_arena *a, size_t size)
{
    if (size > SIZE_MAX - 15 - sizeof(arena_block))
        return NULL;
    size = (size + 15) & ~(size_t)15;
    arena_block *b = a->head;
    if (!b || b->size - b->used < size) {
        size_t bsize = size > ARENA_BLOCK / 4 ? size : ARENA_BLOCK;
        arena_block *nb = malloc(sizeof(arena_block) + bsize);
        if (!nb)
            return NULL;
        nb->used = 0;
        nb->size = bsize;
        if (b && bsize != ARENA_BLOCK) {
            /* a big one-off: keep the current block in front for the
             * small allocations that follow */
            nb->next = b->next;
            b->next = nb;
            b = nb;
        } else {
            nb->next = b;
            a->head = nb;
            b = nb;
        }
    }
    void *p = b->data + b->used;
    b->used += size;
    a->total += size;
    memset(p, 0, size);
    return p;
}

char *arena_strndup(bc_arena *a, const char *s, size_t n)
{
    if (!s || n == SIZE_MAX)
        return NULL;
    char *p = arena_alloc(a, n + 1);
    if (p)
        memcpy(p, s, n);
    return p;
}

char *arena_strdup(bc_arena *a, const char *s)
{
    return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

size_t arena_used(const bc_arena *a)
{
    return a ? a->total : 0;
}

/* ---------------------------------------------------------------------- */

static int sb_grow(bc_strbuf *sb, size_t more)
{
    if (sb->failed)
        return -1;
    if (more > SIZE_MAX - sb->len - 1) {
        sb->failed = 1;
        return -1;
    }
    size_t need = sb->len + more + 1;
    if (need <= sb->cap)
        return 0;
    size_t cap = sb->cap ? sb->cap : 64;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    char *p = realloc(sb->buf, cap);
    if (!p) {
        sb->failed = 1;
        return -1;
    }
    sb->buf = p;
    sb->cap = cap;
    return 0;
}

void sb_add(bc_strbuf *sb, const char *s, size_t n)
{
    if (sb_grow(sb, n) != 0)
        return;
    memcpy(sb->buf + sb->len, s, n);
    sb->len += n;
    sb->buf[sb->len] = '\0';
}

void sb_adds(bc_strbuf *sb, const char *s)
{
    sb_add(sb, s, strlen(s));
}

void sb_addc(bc_strbuf *sb, char c)
{
    sb_add(sb, &c, 1);
}

void sb_addf(bc_strbuf *sb, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0 || sb_grow(sb, (size_t)n) != 0) {
        if (n < 0)
            sb->failed = 1;
        va_end(ap);
        return;
    }
    vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
    sb->len += (size_t)n;
    va_end(ap);
}

const char *sb_str(const bc_strbuf *sb)
{
    return sb->buf ? sb->buf : "";
}

void sb_reset(bc_strbuf *sb)
{
    sb->len = 0;
    if (sb->buf)
        sb->buf[0] = '\0';
}

void sb_release(bc_strbuf *sb)
{
    free(sb->buf);
    sb->buf = NULL;
    sb->len = sb->cap = 0;
    sb->failed = 0;
}

char *sb_detach(bc_strbuf *sb)
{
    char *p = NULL;
    if (!sb->failed)
        p = sb->buf ? sb->buf : bc_strdup("");
    else
        free(sb->buf);
    sb->buf = NULL;
    sb->len = sb->cap = 0;
    sb->failed = 0;
    return p;
}

/* ---------------------------------------------------------------------- */

unsigned long long bc_file_size(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 ? (unsigned long long)sb.st_size : 0;
}

bc_status bc_read_file(const char *path, size_t max_bytes, char **out,
                       size_t *len)
{
    *out = NULL;
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return BC_ERR_IO;
    bc_status st = BC_OK;
    struct stat sbuf;
    char *buf = NULL;
    if (fstat(fileno(f), &sbuf) != 0 || !S_ISREG(sbuf.st_mode)) {
        st = BC_ERR_IO;
        goto out;
    }
    if ((unsigned long long)sbuf.st_size > max_bytes) {
        st = BC_ERR_LIMIT;
        goto out;
    }
    size_t cap = (size_t)sbuf.st_size + 1, n = 0;
    buf = malloc(cap);
    if (!buf) {
        st = BC_ERR_NOMEM;
        goto out;
    }
    for (;;) {
        size_t got = fread(buf + n, 1, cap - 1 - n, f);
        n += got;
        if (n < cap - 1) {
            if (ferror(f))
                st = BC_ERR_IO;
            break;
        }
        /* the file grew while we read it */
        if (cap - 1 >= max_bytes) {
            if (fgetc(f) != EOF)
                st = BC_ERR_LIMIT;
            break;
        }
        size_t ncap = cap * 2 > max_bytes + 1 ? max_bytes + 1 : cap * 2;
        char *nb = realloc(buf, ncap);
        if (!nb) {
            st = BC_ERR_NOMEM;
            break;
        }
        buf = nb;
        cap = ncap;
    }
    if (st == BC_OK) {
        buf[n] = '\0';
        *out = buf;
        *len = n;
        buf = NULL;
    }
out:
    free(buf);
    fclose(f);
    return st;
}

char *bc_tmp_path(const char *path)
{
    return bc_asprintf("%s.tmp.%ld", path, (long)getpid());
}

FILE *bc_atomic_open(const char *path, char **tmp)
{
    *tmp = bc_tmp_path(path);
    FILE *f = *tmp ? fopen(*tmp, "wb") : NULL;
    if (!f) {
        free(*tmp);
        *tmp = NULL;
    }
    return f;
}

bc_status bc_atomic_commit(FILE *f, char *tmp, const char *path, int ok)
{
    ok = (fflush(f) == 0) && ok;
    ok = ok && fsync(fileno(f)) == 0;
    ok = (fclose(f) == 0) && ok;
    bc_status st = BC_OK;
    if (!ok || rename(tmp, path) != 0) {
        remove(tmp);
        st = BC_ERR_IO;
    }
    free(tmp);
    return st;
}

bc_status bc_write_atomic(const char *path, const void *data, size_t len)
{
    char *tmp = NULL;
    FILE *f = bc_atomic_open(path, &tmp);
    if (!f)
        return BC_ERR_IO;
    return bc_atomic_commit(f, tmp, path, fwrite(data, 1, len, f) == len);
}

bc_status bc_mkdir_p(const char *path)
{
    char *p = bc_strdup(path);
    if (!p)
        return BC_ERR_NOMEM;
    bc_status st = BC_OK;
    size_t n = strlen(p);
    while (n > 1 && p[n - 1] == '/')
        p[--n] = '\0';
    for (char *s = p + 1; ; s++) {
        if (*s == '/' || *s == '\0') {
            char c = *s;
            *s = '\0';
            if (mkdir(p, 0777) != 0 && errno != EEXIST) {
                st = BC_ERR_IO;
                break;
            }
            *s = c;
            if (c == '\0')
                break;
        }
    }
    if (st == BC_OK && !bc_is_dir(p))
        st = BC_ERR_IO;
    free(p);
    return st;
}

int bc_is_dir(const char *path)
{
    struct stat s;
    return stat(path, &s) == 0 && S_ISDIR(s.st_mode);
}

int bc_is_file(const char *path)
{
    struct stat s;
    return stat(path, &s) == 0 && S_ISREG(s.st_mode);
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

bc_status bc_list_dir(const char *dir, char ***names_out, size_t *n_out)
{
    *names_out = NULL;
    *n_out = 0;
    DIR *d = opendir(dir);
    if (!d)
        return BC_ERR_IO;
    size_t n = 0, cap = 16;
    char **v = malloc(cap * sizeof *v);
    bc_status st = v ? BC_OK : BC_ERR_NOMEM;
    struct dirent *e;
    while (st == BC_OK && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        if (n + 1 >= cap) {
            char **nv = realloc(v, cap * 2 * sizeof *v);
            if (!nv) {
                st = BC_ERR_NOMEM;
                break;
            }
            v = nv;
            cap *= 2;
        }
        if (!(v[n] = bc_strdup(e->d_name)))
            st = BC_ERR_NOMEM;
        else
            n++;
    }
    closedir(d);
    if (st != BC_OK) {
        if (v) {
            v[n] = NULL;
            bc_free_names(v);
        }
        return st;
    }
    qsort(v, n, sizeof *v, cmp_names);
    v[n] = NULL;
    *names_out = v;
    *n_out = n;
    return BC_OK;
}

void bc_free_names(char **names)
{
    if (!names)
        return;
    for (char **p = names; *p; p++)
        free(*p);
    free(names);
}

char *bc_path_join(const char *dir, const char *name)
{
    size_t n = strlen(dir);
    if (n && dir[n - 1] == '/')
        return bc_asprintf("%s%s", dir, name);
    return bc_asprintf("%s/%s", dir, name);
}

void bc_file_ext(const char *name, char *buf, size_t n)
{
    if (!n)
        return;
    buf[0] = '\0';
    const char *slash = strrchr(name, '/');
    const char *dot = strrchr(slash ? slash : name, '.');
    if (!dot || dot == name || (slash && dot == slash + 1))
        return;
    size_t i = 0;
    for (dot++; *dot && i + 1 < n; dot++, i++)
        buf[i] = (*dot >= 'A' && *dot <= 'Z') ? (char)(*dot + 32) : *dot;
    buf[i] = '\0';
}

/* realpath of p, or of its nearest existing parent with the rest appended */
static char *real_or_parent(const char *p)
{
    char *r = realpath(p, NULL);
    if (r)
        return r;
    char *copy = bc_strdup(p);
    if (!copy)
        return NULL;
    char *slash = strrchr(copy, '/');
    char *res = NULL;
    if (!slash) {
        res = realpath(".", NULL);
        if (res) {
            char *j = bc_path_join(res, copy);
            free(res);
            res = j;
        }
    } else if (slash == copy) {
        res = bc_strdup(copy);
    } else {
        *slash = '\0';
        char *parent = real_or_parent(copy);
        if (parent) {
            res = bc_path_join(parent, slash + 1);
            free(parent);
        }
    }
    free(copy);
    return res;
}

int bc_path_inside(const char *inner, const char *outer)
{
    char *ri = real_or_parent(inner);
    char *ro = realpath(outer, NULL);
    int inside = 0;
    if (ri && ro) {
        size_t n = strlen(ro);
        inside = strncmp(ri, ro, n) == 0 &&
                 (ri[n] == '\0' || ri[n] == '/' || (n == 1 && ro[0] == '/'));
    }
    free(ri);
    free(ro);
    return inside;
}
