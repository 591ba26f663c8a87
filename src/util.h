/* util.h - small helpers: strings, an arena, a growing buffer, files.
 *
 * Nothing here prints or exits.  Functions that allocate return NULL (or a
 * status) when memory runs out.
 */
#ifndef BC_UTIL_H
#define BC_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdint.h>

#include "status.h"

#define BC_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Copies of strings; NULL when out of memory (or s is NULL). */
char *bc_strdup(const char *s);
char *bc_strndup(const char *s, size_t n);
/* A newly allocated formatted string; NULL when out of memory. */
char *bc_asprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *bc_vasprintf(const char *fmt, va_list ap);

/* --- arena: many small allocations freed at once ----------------------- */
typedef struct bc_arena bc_arena;
bc_arena *arena_new(void);
/* Frees every block; accepts NULL. */
void arena_free(bc_arena *a);
/* Zeroed, 16-byte aligned memory living as long as the arena; NULL on
 * overflow or out of memory. */
void *arena_alloc(bc_arena *a, size_t size);
/* Copies; NULL in -> NULL out. */
char *arena_strdup(bc_arena *a, const char *s);
char *arena_strndup(bc_arena *a, const char *s, size_t n);
/* Bytes handed out so far (for the benchmark's memory accounting). */
size_t arena_used(const bc_arena *a);

/* --- strbuf: a growing NUL-terminated byte buffer ------------------------ */
typedef struct bc_strbuf {
    char *buf;  /* always NUL-terminated once anything was added */
    size_t len;
    size_t cap;
    int failed; /* set when an allocation failed; later adds are ignored */
} bc_strbuf;
#define BC_STRBUF_INIT {NULL, 0, 0, 0}
void sb_add(bc_strbuf *sb, const char *s, size_t n);
void sb_adds(bc_strbuf *sb, const char *s);
void sb_addc(bc_strbuf *sb, char c);
void sb_addf(bc_strbuf *sb, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* The contents ("" when empty); valid until the next add. */
const char *sb_str(const bc_strbuf *sb);
void sb_reset(bc_strbuf *sb);
void sb_release(bc_strbuf *sb);
/* Takes the buffer (caller frees); NULL if an allocation failed. */
char *sb_detach(bc_strbuf *sb);

/* --- files ------------------------------------------------------------- */
/* Reads a whole regular file of at most max_bytes.  On success *out is a
 * NUL-terminated buffer the caller frees and *len its size.  BC_ERR_LIMIT
 * when larger, BC_ERR_IO when unreadable. */
bc_status bc_read_file(const char *path, size_t max_bytes, char **out,
                       size_t *len);

/* Writes data to path atomically: a temporary file in the same folder,
 * flushed, then renamed over path.  On failure path is untouched. */
bc_status bc_write_atomic(const char *path, const void *data, size_t len);

/* A temporary name beside path ("path.tmp.PID"); caller frees. */
char *bc_tmp_path(const char *path);

/* The two halves of bc_write_atomic, for a writer that streams: opens
 * bc_tmp_path(path) for writing and returns it, *tmp getting its name
 * (the caller passes both to bc_atomic_commit); NULL when it cannot be
 * opened or out of memory (*tmp NULL then). */
FILE *bc_atomic_open(const char *path, char **tmp);

/* When ok, flushes f to disk and renames tmp over path; otherwise, or
 * when that fails, removes tmp.  Always closes f and frees tmp.  BC_OK
 * or BC_ERR_IO (nothing at path changed). */
bc_status bc_atomic_commit(FILE *f, char *tmp, const char *path, int ok);

/* Creates a folder and its parents (mode 0777 & ~umask). */
bc_status bc_mkdir_p(const char *path);

/* The size in bytes of the file at path, 0 when it cannot be told. */
unsigned long long bc_file_size(const char *path);

/* 1 if path is an existing folder, 0 otherwise. */
int bc_is_dir(const char *path);
/* 1 if path is an existing regular file, 0 otherwise. */
int bc_is_file(const char *path);

/* The sorted (bytewise) names in a folder, without "." and "..", as a
 * NULL-terminated array; *n_out gets the count.  Free with
 * bc_free_names.  Hidden entries (leading '.') are skipped. */
bc_status bc_list_dir(const char *dir, char ***names_out, size_t *n_out);
void bc_free_names(char **names);

/* "dir/name" (no doubled slash); caller frees; NULL out of memory. */
char *bc_path_join(const char *dir, const char *name);

/* The extension of a file name in lower case ASCII, without the dot, in
 * buf (size n): "xlsx", "xml", "" when none. */
void bc_file_ext(const char *name, char *buf, size_t n);

/* 1 if path `inner` lies inside (or is) folder `outer`, comparing their
 * real paths; 0 otherwise or when either does not exist yet (the nearest
 * existing parent is used for a missing inner). */
int bc_path_inside(const char *inner, const char *outer);

#endif
