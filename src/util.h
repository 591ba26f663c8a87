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
 * created exclusively, flushed, then renamed over path.  On failure path is
 * untouched; BC_ERR_NOSPACE when the disk is full, BC_ERR_IO otherwise. */
bc_status bc_write_atomic(const char *path, const void *data, size_t len);

/* A temporary name beside path, "path.tmp.PID.RANDOM" with 64 random bits,
 * so that nobody can plant a file or link there in advance; the file is
 * not created.  Caller frees; NULL when out of memory. */
char *bc_tmp_path(const char *path);

/* Creates a new empty temporary file beside path exclusively (O_EXCL,
 * never through a link) under a bc_tmp_path name, mode 0666 & ~umask, and
 * registers it for removal on SIGTERM/SIGINT/SIGHUP (bc_cleanup_signals).
 * Returns its name (caller frees, after bc_tmp_forget); NULL when it
 * cannot be created (errno set) or out of memory. */
char *bc_tmp_create(const char *path);

/* Unregisters a name registered by bc_tmp_create or bc_atomic_open (once
 * it is renamed or removed); accepts NULL and unknown names. */
void bc_tmp_forget(const char *tmp);

/* The two halves of bc_write_atomic, for a writer that streams: creates a
 * temporary file beside path as bc_tmp_create does and returns it open for
 * writing, *tmp getting its name (the caller passes both to
 * bc_atomic_commit); NULL when it cannot be created or out of memory
 * (*tmp NULL then). */
FILE *bc_atomic_open(const char *path, char **tmp);

/* When ok, flushes f to disk and renames tmp over path; otherwise, or
 * when that fails, removes tmp.  Always closes f and frees tmp.  BC_OK,
 * BC_ERR_NOSPACE (the disk is full) or BC_ERR_IO (nothing at path
 * changed). */
bc_status bc_atomic_commit(FILE *f, char *tmp, const char *path, int ok);

/* BC_ERR_NOMEM when errno is ENOMEM; BC_ERR_NOSPACE when errno says the
 * disk (or quota) is full or the file
 * system holding path (or its folder, when path is gone) has less than
 * 1 MiB left for us; BC_ERR_IO otherwise.  Also for a failed write whose
 * errno is lost (libraries, a temporary file already removed). */
bc_status bc_io_status(const char *path, int err);

/* --- signals and a run's scratch ----------------------------------------- */
/* Installs handlers for SIGTERM, SIGINT and SIGHUP that remove every
 * registered temporary file and the registered scratch folder (its files,
 * then itself), then let the signal end the process as it would have.
 * Only async-signal-safe calls are made in the handler.  Idempotent. */
void bc_cleanup_signals(void);

/* --- a set of files that replaces the previous set at once ------------ */
/* The reports of one year are written into a fresh scratch folder beside
 * the final one (parent/.NAME.new-XXXXXX, mode 0700, registered for
 * signal cleanup) and swapped in with one atomic rename: readers see the
 * old complete set or the new complete set, never a mix. */
typedef struct bc_outset {
    char *dir;   /* parent/NAME: where the set lives */
    char *stage; /* the scratch folder being filled */
} bc_outset;

/* Creates parent (and its parents) and the scratch folder.  BC_OK,
 * BC_ERR_NOSPACE, BC_ERR_IO or BC_ERR_NOMEM; on failure s holds nothing
 * to release. */
bc_status bc_outset_begin(const char *parent, const char *name, bc_outset *s);

/* "stage/file": where to write one file of the set; caller frees. */
char *bc_outset_file(const bc_outset *s, const char *file);

/* Flushes the scratch folder and swaps it with dir in one atomic
 * exchange (renameat2 RENAME_EXCHANGE; a plain rename when dir does not
 * exist yet; on a file system without exchange, two renames with the
 * signals blocked: for an instant there is no folder, never a mixed one).
 * Files of the old folder that are not in the new one (a user's own) are
 * moved over; the old set is then removed.  On failure dir is untouched.
 * Releases s either way. */
bc_status bc_outset_commit(bc_outset *s);

/* Removes the scratch folder and what is in it, releases s; accepts a
 * released or zeroed s. */
void bc_outset_abort(bc_outset *s);

/* Takes the lock of an output folder (flock on dir/.baocao.lock, created
 * if missing, never through a link) without waiting; the lock lasts until
 * the process ends.  BC_OK, BC_ERR_LOCKED when another process holds it,
 * or BC_ERR_IO / BC_ERR_NOSPACE when the lock file cannot be made. */
bc_status bc_lock_folder(const char *dir);

/* Removes what a run that died (kill -9, power cut) left in the output
 * folder dir: scratch folders ".NAME.new-*" (a user's own files in one,
 * left by a run killed just after its swap, are first moved back to
 * dir/NAME; reports never are) and our temporary files "NAME.tmp.PID[.HEX]"
 * and "*.new" reports of dir/<year>/.  Call only under bc_lock_folder.
 * Returns how many entries were removed. */
size_t bc_remove_leftovers(const char *dir);

/* --- file names shown to people ------------------------------------------- */
/* 1 if name is valid UTF-8 without control characters (C0, DEL, C1), so
 * it can be written as it is into XML, HTML and a terminal. */
int bc_name_plain(const char *name);

/* name with every byte that is not part of valid UTF-8 and every control
 * character written as the visible text "\xHH" (ESC -> "\x1B"); a plain
 * name is copied unchanged.  Caller frees; NULL when out of memory. */
char *bc_name_display(const char *name);

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
/* The same with the hidden entries too (still without "." and ".."). */
bc_status bc_list_dir_all(const char *dir, char ***names_out, size_t *n_out);
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
