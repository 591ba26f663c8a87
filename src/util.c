/* util.c - strings, arena, strbuf, files. */
#define _POSIX_C_SOURCE 200809L
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/random.h>
#endif

#ifndef O_NOFOLLOW
#define O_NOFOLLOW 0
#endif

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
    /* non-blocking: a FIFO (or device) named like a file must not hang
     * the open; it is refused by the fstat below */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return BC_ERR_IO;
    FILE *f = fdopen(fd, "rb");
    if (!f) {
        close(fd);
        return BC_ERR_IO;
    }
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

/* --- temporary files and signal cleanup -------------------------------- */

/* Names the signal handler removes: a fixed table, filled and cleared by
 * the main thread; a slot is published (used = 1) only once its path is
 * complete, and retired (used = 0) before it is reused. */
#define TMP_SLOTS 16
static char tmp_slot_path[TMP_SLOTS][PATH_MAX];
static volatile sig_atomic_t tmp_slot_used[TMP_SLOTS];
/* the scratch folder of the set being written (bc_outset) */
static char stage_path[PATH_MAX];
static volatile sig_atomic_t stage_used;

/* Publishes path for removal on a signal; silently skipped when the table
 * is full or the path too long (the next run removes the leftover). */
static void tmp_register(const char *path)
{
    size_t n = strlen(path);
    if (n >= PATH_MAX)
        return;
    for (int i = 0; i < TMP_SLOTS; i++)
        if (!tmp_slot_used[i]) {
            memcpy(tmp_slot_path[i], path, n + 1);
            tmp_slot_used[i] = 1;
            return;
        }
}

void bc_tmp_forget(const char *tmp)
{
    if (!tmp)
        return;
    for (int i = 0; i < TMP_SLOTS; i++)
        if (tmp_slot_used[i] && strcmp(tmp_slot_path[i], tmp) == 0) {
            tmp_slot_used[i] = 0;
            return;
        }
}

/* Removes the files in folder path and then the folder, with
 * async-signal-safe calls only (open, getdents64, unlinkat, rmdir). */
static void remove_tree_signal_safe(const char *path)
{
#ifdef SYS_getdents64
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd >= 0) {
        char buf[4096];
        for (;;) {
            long n = syscall(SYS_getdents64, fd, buf, sizeof buf);
            if (n <= 0)
                break;
            for (long off = 0; off < n;) {
                /* struct linux_dirent64: ino 8, off 8, reclen 2, type 1 */
                unsigned short reclen;
                memcpy(&reclen, buf + off + 16, sizeof reclen);
                const char *name = buf + off + 19;
                if (!(name[0] == '.' && (name[1] == '\0' ||
                                         (name[1] == '.' && name[2] == '\0'))))
                    unlinkat(fd, name, 0);
                off += reclen;
            }
        }
        close(fd);
    }
#endif
    rmdir(path);
}

static void on_fatal_signal(int sig)
{
    int saved = errno;
    for (int i = 0; i < TMP_SLOTS; i++)
        if (tmp_slot_used[i])
            unlink(tmp_slot_path[i]);
    if (stage_used)
        remove_tree_signal_safe(stage_path);
    signal(sig, SIG_DFL);
    errno = saved;
    raise(sig);
}

void bc_cleanup_signals(void)
{
    static int done;
    if (done)
        return;
    done = 1;
    static const int sigs[] = {SIGTERM, SIGINT, SIGHUP};
    for (size_t i = 0; i < BC_ARRAY_LEN(sigs); i++) {
        struct sigaction sa, old;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_fatal_signal;
        sigemptyset(&sa.sa_mask);
        for (size_t k = 0; k < BC_ARRAY_LEN(sigs); k++)
            sigaddset(&sa.sa_mask, sigs[k]);
        /* a signal the caller chose to ignore (nohup) stays ignored */
        if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
            continue;
        sigaction(sigs[i], &sa, NULL);
    }
}

/* 64 bits nobody can guess (getrandom; a mix of clock and pid only when
 * the kernel cannot give any). */
static unsigned long long random64(void)
{
    unsigned long long r = 0;
#ifdef __linux__
    if (getrandom(&r, sizeof r, 0) == (ssize_t)sizeof r)
        return r;
#endif
    struct timespec t;
    clock_gettime(CLOCK_REALTIME, &t);
    static unsigned long long counter;
    r = ((unsigned long long)t.tv_nsec << 20) ^ (unsigned long long)t.tv_sec ^
        ((unsigned long long)getpid() << 40) ^ (++counter * 0x9E3779B97F4A7C15ull);
    return r;
}

char *bc_tmp_path(const char *path)
{
    return bc_asprintf("%s.tmp.%ld.%016llx", path, (long)getpid(), random64());
}

/* Creates a temporary file beside path exclusively; its descriptor, *tmp
 * its (registered) name; -1 with errno set and *tmp NULL on failure. */
static int tmp_open(const char *path, char **tmp)
{
    *tmp = NULL;
    for (int attempt = 0; attempt < 8; attempt++) {
        char *name = bc_tmp_path(path);
        if (!name) {
            errno = ENOMEM;
            return -1;
        }
        int fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                      0666);
        if (fd >= 0) {
            tmp_register(name);
            *tmp = name;
            return fd;
        }
        int err = errno;
        free(name);
        errno = err;
        if (err != EEXIST)
            return -1;
    }
    return -1;
}

char *bc_tmp_create(const char *path)
{
    char *tmp = NULL;
    int fd = tmp_open(path, &tmp);
    if (fd < 0)
        return NULL;
    close(fd);
    return tmp;
}

FILE *bc_atomic_open(const char *path, char **tmp)
{
    int fd = tmp_open(path, tmp);
    if (fd < 0)
        return NULL;
    FILE *f = fdopen(fd, "wb");
    if (!f) {
        int err = errno;
        close(fd);
        unlink(*tmp);
        bc_tmp_forget(*tmp);
        free(*tmp);
        *tmp = NULL;
        errno = err;
    }
    return f;
}

bc_status bc_io_status(const char *path, int err)
{
    if (err == ENOMEM)
        return BC_ERR_NOMEM; /* stdio's buffer, say */
    if (err == ENOSPC
#ifdef EDQUOT
        || err == EDQUOT
#endif
    )
        return BC_ERR_NOSPACE;
    if (!path)
        return BC_ERR_IO;
    /* the file itself may be gone: ask about its folder then */
    struct statvfs v;
    int r = statvfs(path, &v);
    if (r != 0) {
        char *dir = bc_strdup(path);
        char *slash = dir ? strrchr(dir, '/') : NULL;
        if (slash && slash != dir)
            *slash = '\0';
        r = dir ? statvfs(slash ? dir : ".", &v) : -1;
        free(dir);
    }
    if (r == 0 && v.f_frsize &&
        (unsigned long long)v.f_bavail * v.f_frsize < (1ull << 20))
        return BC_ERR_NOSPACE;
    return BC_ERR_IO;
}

bc_status bc_atomic_commit(FILE *f, char *tmp, const char *path, int ok)
{
    /* the first error that made the write fail, for the message */
    int err = ok ? 0 : (errno ? errno : EIO);
    if (fflush(f) != 0 && !err)
        err = errno ? errno : EIO;
    if (!err && fsync(fileno(f)) != 0)
        err = errno ? errno : EIO;
    if (fclose(f) != 0 && !err)
        err = errno ? errno : EIO;
    bc_status st = BC_OK;
    if (err || rename(tmp, path) != 0) {
        if (!err)
            err = errno;
        remove(tmp);
        st = bc_io_status(path, err);
    }
    bc_tmp_forget(tmp);
    free(tmp);
    return st;
}

bc_status bc_write_atomic(const char *path, const void *data, size_t len)
{
    char *tmp = NULL;
    FILE *f = bc_atomic_open(path, &tmp);
    if (!f)
        return errno == ENOMEM ? BC_ERR_NOMEM : bc_io_status(path, errno);
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

/* bc_list_dir and bc_list_dir_all: hidden entries kept when all. */
static bc_status list_dir(const char *dir, int all, char ***names_out,
                          size_t *n_out);

bc_status bc_list_dir(const char *dir, char ***names_out, size_t *n_out)
{
    return list_dir(dir, 0, names_out, n_out);
}

bc_status bc_list_dir_all(const char *dir, char ***names_out, size_t *n_out)
{
    return list_dir(dir, 1, names_out, n_out);
}

static bc_status list_dir(const char *dir, int all, char ***names_out,
                          size_t *n_out)
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
        if (e->d_name[0] == '.' &&
            (!all || e->d_name[1] == '\0' ||
             (e->d_name[1] == '.' && e->d_name[2] == '\0')))
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

/* --- a set of files swapped in at once ------------------------------------ */

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

/* Exchanges two paths atomically; -1 with errno EINVAL or ENOSYS where the
 * kernel or the file system cannot. */
static int exchange_paths(const char *a, const char *b)
{
#ifdef SYS_renameat2
    return (int)syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b,
                        RENAME_EXCHANGE);
#else
    (void)a;
    (void)b;
    errno = ENOSYS;
    return -1;
#endif
}

/* fsync of a folder (so that renames in it survive a power cut); errors
 * are ignored: some file systems refuse it. */
static void sync_dir(const char *path)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

/* Removes the entries of folder path (files; a folder inside only when
 * empty) and then path itself.  Never follows a link. */
static void remove_tree(const char *path)
{
    int fd0 = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    DIR *d = fd0 >= 0 ? fdopendir(fd0) : NULL;
    if (!d && fd0 >= 0)
        close(fd0);
    if (d) {
        int fd = dirfd(d);
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            if (unlinkat(fd, e->d_name, 0) != 0 && errno == EISDIR)
                unlinkat(fd, e->d_name, AT_REMOVEDIR);
        }
        closedir(d);
    }
    rmdir(path);
}

bc_status bc_outset_begin(const char *parent, const char *name, bc_outset *s)
{
    memset(s, 0, sizeof *s);
    char *real = NULL, *leaf = NULL;
    bc_status st = bc_mkdir_p(parent);
    if (st != BC_OK)
        return st == BC_ERR_NOMEM ? st : bc_io_status(parent, errno);
    s->dir = bc_path_join(parent, name);
    struct stat sb;
    if (s->dir && lstat(s->dir, &sb) == 0 && S_ISLNK(sb.st_mode)) {
        /* the user's link to the real folder stays: the set is swapped
         * in where it leads */
        real = realpath(s->dir, NULL);
        if (!real || stat(real, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
            st = BC_ERR_IO;
            goto fail;
        }
        free(s->dir);
        s->dir = real;
        real = NULL;
    } else if (s->dir && lstat(s->dir, &sb) == 0 && !S_ISDIR(sb.st_mode)) {
        st = BC_ERR_IO; /* a file where the folder should be: left alone */
        goto fail;
    }
    char *slash = s->dir ? strrchr(s->dir, '/') : NULL;
    leaf = s->dir ? bc_asprintf("%.*s/.%s.new-XXXXXX",
                                slash ? (int)(slash - s->dir) : 1,
                                slash ? s->dir : ".",
                                slash ? slash + 1 : s->dir)
                  : NULL;
    s->stage = leaf;
    leaf = NULL;
    if (!s->dir || !s->stage || strlen(s->stage) >= PATH_MAX) {
        st = s->dir && s->stage ? BC_ERR_IO : BC_ERR_NOMEM;
        goto fail;
    }
    if (!mkdtemp(s->stage)) {
        st = bc_io_status(parent, errno);
        goto fail;
    }
    memcpy(stage_path, s->stage, strlen(s->stage) + 1);
    stage_used = 1;
    return BC_OK;
fail:
    free(real);
    free(leaf);
    free(s->dir);
    free(s->stage);
    memset(s, 0, sizeof *s);
    return st;
}

char *bc_outset_file(const bc_outset *s, const char *file)
{
    return bc_path_join(s->stage, file);
}

/* 1 if name is one of our temporary names: "X.tmp.PID" (older versions)
 * or "X.tmp.PID.HHHHHHHHHHHHHHHH" (bc_tmp_path). */
static int is_tmp_name(const char *name)
{
    const char *t = strstr(name, ".tmp.");
    if (!t)
        return 0;
    const char *p = t + 5;
    size_t digits = 0, hex = 0;
    while (*p >= '0' && *p <= '9')
        p++, digits++;
    if (*p == '.')
        for (p++; (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f'); p++)
            hex++;
    return digits > 0 && *p == '\0' && (hex == 0 || hex == 16) &&
           (hex == 16 || p[-1] != '.');
}

/* 1 if name is of one of the report families ("tong-hop-*",
 * "bao-cao-*", "kiem-tra-*"). */
static int is_report_name(const char *name)
{
    return strncmp(name, "tong-hop-", 9) == 0 ||
           strncmp(name, "bao-cao-", 8) == 0 ||
           strncmp(name, "kiem-tra-", 9) == 0;
}

/* Moves every entry of folder from that new_dir lacks into new_dir (a
 * user's own files kept beside the reports), skipping temporary files,
 * and reports too unless with_reports. */
static void move_others(const char *from, const char *new_dir,
                        int with_reports)
{
    int fd0 = open(from, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    DIR *d = fd0 >= 0 ? fdopendir(fd0) : NULL;
    if (!d) {
        if (fd0 >= 0)
            close(fd0);
        return;
    }
    int nfd = open(new_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    struct dirent *e;
    while (nfd >= 0 && (e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0 ||
            is_tmp_name(e->d_name) ||
            (!with_reports && is_report_name(e->d_name)))
            continue;
        struct stat sb;
        if (fstatat(nfd, e->d_name, &sb, AT_SYMLINK_NOFOLLOW) == 0)
            continue; /* the new set has it */
        renameat(dirfd(d), e->d_name, nfd, e->d_name);
    }
    if (nfd >= 0)
        close(nfd);
    closedir(d);
}

bc_status bc_outset_commit(bc_outset *s)
{
    bc_status st = BC_OK;
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGTERM);
    sigaddset(&block, SIGINT);
    sigaddset(&block, SIGHUP);
    /* from here the old set is removed on a signal, never the new one */
    sigprocmask(SIG_BLOCK, &block, &old);
    /* mkdtemp made it 0700: give the set the old folder's mode, or the
     * one the umask gives a new folder */
    struct stat sb;
    mode_t mode;
    if (stat(s->dir, &sb) == 0 && S_ISDIR(sb.st_mode)) {
        mode = sb.st_mode & 07777;
    } else {
        mode_t mask = umask(0);
        umask(mask);
        mode = 0777 & ~mask;
    }
    chmod(s->stage, mode);
    sync_dir(s->stage);
    char *old_dir = NULL;
    if (lstat(s->dir, &sb) != 0 && errno == ENOENT) {
        if (rename(s->stage, s->dir) != 0)
            st = bc_io_status(s->dir, errno);
        else
            stage_used = 0;
    } else if (exchange_paths(s->stage, s->dir) == 0) {
        old_dir = s->stage; /* the scratch name now holds the old set */
        s->stage = NULL;
    } else if (errno == EINVAL || errno == ENOSYS || errno == EOPNOTSUPP) {
        /* no atomic exchange here: the old set aside, then the new one in */
        old_dir = bc_asprintf("%s.old", s->stage);
        if (!old_dir || strlen(old_dir) >= PATH_MAX) {
            st = old_dir ? BC_ERR_IO : BC_ERR_NOMEM;
        } else if (rename(s->dir, old_dir) != 0) {
            st = bc_io_status(s->dir, errno);
        } else if (rename(s->stage, s->dir) != 0) {
            st = bc_io_status(s->dir, errno);
            rename(old_dir, s->dir); /* put the old set back */
        } else {
            memcpy(stage_path, old_dir, strlen(old_dir) + 1);
        }
        if (st != BC_OK) {
            free(old_dir);
            old_dir = NULL;
        }
    } else {
        st = bc_io_status(s->dir, errno);
    }
    if (st == BC_OK) {
        char *parent = bc_strdup(s->dir);
        char *slash = parent ? strrchr(parent, '/') : NULL;
        if (slash && slash != parent)
            *slash = '\0';
        sync_dir(slash ? parent : ".");
        free(parent);
    }
    sigprocmask(SIG_SETMASK, &old, NULL);
    if (old_dir) {
        move_others(old_dir, s->dir, 1);
        remove_tree(old_dir);
        stage_used = 0;
        free(old_dir);
    }
    if (st != BC_OK)
        bc_outset_abort(s);
    free(s->dir);
    free(s->stage);
    memset(s, 0, sizeof *s);
    return st;
}

void bc_outset_abort(bc_outset *s)
{
    if (s->stage) {
        remove_tree(s->stage);
        stage_used = 0;
    }
    free(s->dir);
    free(s->stage);
    memset(s, 0, sizeof *s);
}

bc_status bc_lock_folder(const char *dir)
{
    char *path = bc_path_join(dir, ".baocao.lock");
    if (!path)
        return BC_ERR_NOMEM;
    bc_status st = BC_OK;
    /* kept open (and so locked) until the process ends */
    int fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (fd < 0 && errno == EACCES) /* another user's lock file: flock */
        fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC); /* works read-only */
    if (fd < 0) {
        st = bc_io_status(dir, errno);
        goto out;
    }
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        st = errno == EWOULDBLOCK ? BC_ERR_LOCKED : BC_ERR_IO;
        close(fd);
    }
out:
    free(path);
    return st;
}

/* 1 if name is a leftover of ours in a year folder: a temporary file or
 * one of the staged names of an older version ("X.new"). */
static int is_leftover_file(const char *name)
{
    size_t n = strlen(name);
    return is_tmp_name(name) ||
           (n > 4 && strcmp(name + n - 4, ".new") == 0 &&
            is_report_name(name));
}

size_t bc_remove_leftovers(const char *dir)
{
    size_t removed = 0;
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        const char *nm = e->d_name;
        char *p = bc_path_join(dir, nm);
        struct stat sb;
        if (!p || lstat(p, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
            free(p);
            continue;
        }
        const char *tail = nm[0] == '.' ? strstr(nm, ".new-") : NULL;
        if (tail) {
            /* a scratch folder: a set never swapped in, or the old set of
             * a run killed just after the swap, whose user files (not
             * reports) go back to the year folder first */
            char *year = bc_strndup(nm + 1, (size_t)(tail - nm - 1));
            char *target = year ? bc_path_join(dir, year) : NULL;
            if (target)
                move_others(p, target, 0);
            free(target);
            free(year);
            remove_tree(p);
            removed += !bc_is_dir(p);
        } else if (nm[0] != '.') {
            DIR *y = opendir(p);
            struct dirent *f;
            while (y && (f = readdir(y)) != NULL)
                if (is_leftover_file(f->d_name) &&
                    unlinkat(dirfd(y), f->d_name, 0) == 0)
                    removed++;
            if (y)
                closedir(y);
        }
        free(p);
    }
    closedir(d);
    return removed;
}

/* --- names ---------------------------------------------------------------- */

/* The length of the valid UTF-8 sequence at s (1..4), 0 when invalid;
 * *cp gets its code point. */
static size_t utf8_seq(const unsigned char *s, unsigned *cp)
{
    unsigned c = s[0];
    size_t n;
    unsigned min;
    if (c < 0x80) {
        *cp = c;
        return 1;
    } else if ((c & 0xE0) == 0xC0) {
        n = 2; min = 0x80; c &= 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
        n = 3; min = 0x800; c &= 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
        n = 4; min = 0x10000; c &= 0x07;
    } else {
        return 0;
    }
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (s[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return n;
}

static int is_control(unsigned cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

int bc_name_plain(const char *name)
{
    const unsigned char *s = (const unsigned char *)name;
    while (*s) {
        unsigned cp;
        size_t n = utf8_seq(s, &cp);
        if (!n || is_control(cp))
            return 0;
        s += n;
    }
    return 1;
}

char *bc_name_display(const char *name)
{
    if (!name)
        return NULL;
    if (bc_name_plain(name))
        return bc_strdup(name);
    bc_strbuf sb = BC_STRBUF_INIT;
    const unsigned char *s = (const unsigned char *)name;
    while (*s) {
        unsigned cp;
        size_t n = utf8_seq(s, &cp);
        if (n && !is_control(cp)) {
            sb_add(&sb, (const char *)s, n);
            s += n;
        } else if (n) {
            for (size_t i = 0; i < n; i++)
                sb_addf(&sb, "\\x%02X", s[i]);
            s += n;
        } else {
            sb_addf(&sb, "\\x%02X", *s);
            s++;
        }
    }
    return sb_detach(&sb);
}
