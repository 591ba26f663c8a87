/* posix.c - the POSIX calls of posix.h over the wide-character Windows
 * API, for the Windows build only (docs/windows.md).
 *
 * Names are UTF-8 in, UTF-8 out (with '/' for '\').  errno is set as the
 * POSIX call would set it; a sharing violation (the file is open in
 * another program that denies sharing, as Excel does) is EBUSY, so the
 * caller can say so.  Nothing here prints or exits.
 */
#define _CRT_RAND_S /* rand_s */
#include <windows.h>
#include <psapi.h>
#include <shellapi.h>
#include <wchar.h>

#include <stdarg.h>
#include <stdint.h>
#include <string.h>

#include "posix.h"

/* the macros must not rename the CRT calls this file makes itself */
#undef open
#undef close
#undef fopen
#undef stat
#undef fstat
#undef rename
#undef unlink
#undef remove
#undef rmdir
#undef mkdir
#undef chmod
#undef fsync
#undef getcwd
#undef sysconf
#undef sigaction
#undef getrusage
#undef statvfs
#undef opendir
#undef readdir
#undef closedir
#undef fdopendir
#undef dirfd
#undef unlinkat
#undef fstatat
#undef renameat
#undef realpath
#undef readlink
#undef mkdtemp
#undef mkstemp
#undef flock
#undef umask

/* ---------------------------------------------------------------------- */

/* UTF-8 -> a new UTF-16 string; NULL with errno set */
static wchar_t *wide(const char *s)
{
    if (!s) {
        errno = EINVAL;
        return NULL;
    }
    int n = MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s, -1, NULL, 0);
    if (n <= 0) {
        errno = ENOENT; /* no such name can exist */
        return NULL;
    }
    wchar_t *w = malloc((size_t)n * sizeof *w);
    if (!w) {
        errno = ENOMEM;
        return NULL;
    }
    MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s, -1, w, n);
    return w;
}

/* UTF-16 -> a new UTF-8 string with '/' for '\'; NULL with errno set */
static char *narrow(const wchar_t *w)
{
    int n = WideCharToMultiByte(CP_UTF8, 0, w, -1, NULL, 0, NULL, NULL);
    if (n <= 0) {
        errno = EILSEQ;
        return NULL;
    }
    char *s = malloc((size_t)n);
    if (!s) {
        errno = ENOMEM;
        return NULL;
    }
    WideCharToMultiByte(CP_UTF8, 0, w, -1, s, n, NULL, NULL);
    for (char *p = s; *p; p++)
        if (*p == '\\')
            *p = '/';
    return s;
}

/* errno for a Windows error code */
static int errno_of(DWORD e)
{
    switch (e) {
    case ERROR_FILE_NOT_FOUND:
    case ERROR_PATH_NOT_FOUND:
    case ERROR_INVALID_NAME:
    case ERROR_BAD_NETPATH:
    case ERROR_INVALID_DRIVE:
        return ENOENT;
    case ERROR_SHARING_VIOLATION:
    case ERROR_LOCK_VIOLATION:
        return EBUSY;
    case ERROR_ACCESS_DENIED:
    case ERROR_WRITE_PROTECT:
        return EACCES;
    case ERROR_ALREADY_EXISTS:
    case ERROR_FILE_EXISTS:
        return EEXIST;
    case ERROR_DIR_NOT_EMPTY:
        return ENOTEMPTY;
    case ERROR_DISK_FULL:
    case ERROR_HANDLE_DISK_FULL:
        return ENOSPC;
    case ERROR_NOT_SAME_DEVICE:
        return EXDEV;
    case ERROR_NOT_ENOUGH_MEMORY:
    case ERROR_OUTOFMEMORY:
        return ENOMEM;
    case ERROR_DIRECTORY:
        return ENOTDIR;
    default:
        return EIO;
    }
}

static int fail_last(void)
{
    errno = errno_of(GetLastError());
    return -1;
}

/* 1 if the wide path is an existing folder */
static int wis_dir(const wchar_t *w)
{
    DWORD a = GetFileAttributesW(w);
    return a != INVALID_FILE_ATTRIBUTES && (a & FILE_ATTRIBUTE_DIRECTORY);
}

/* --- folders as pseudo descriptors -------------------------------------- */

#define DIRFD_BASE 0x40000000
#define DIRFD_SLOTS 64

struct bc_w32_dir {
    HANDLE h;
    WIN32_FIND_DATAW fd;
    int first; /* fd holds an entry not yet returned */
    int done;
    int dirfd; /* the pseudo descriptor it was opened from, or -1 */
    struct bc_w32_dirent ent;
};

static char *dirfd_path[DIRFD_SLOTS];

static const char *dirfd_get(int fd)
{
    if (fd >= DIRFD_BASE && fd < DIRFD_BASE + DIRFD_SLOTS)
        return dirfd_path[fd - DIRFD_BASE];
    return NULL;
}

/* dir (a pseudo descriptor or AT_FDCWD) joined with name; caller frees */
static char *at_path(int dirfd, const char *name)
{
    if (dirfd == -100 /* AT_FDCWD */ || name[0] == '/' ||
        (name[0] && name[1] == ':'))
        return strdup(name);
    const char *dir = dirfd_get(dirfd);
    if (!dir) {
        errno = EBADF;
        return NULL;
    }
    size_t a = strlen(dir), b = strlen(name);
    char *p = malloc(a + b + 2);
    if (!p) {
        errno = ENOMEM;
        return NULL;
    }
    memcpy(p, dir, a);
    p[a] = '/';
    memcpy(p + a + 1, name, b + 1);
    return p;
}

/* --- files --------------------------------------------------------------- */

int bc_w32_open(const char *path, int flags, ...)
{
    int mode = 0;
    if (flags & O_CREAT) {
        va_list ap;
        va_start(ap, flags);
        mode = va_arg(ap, int);
        va_end(ap);
    }
    wchar_t *w = wide(path);
    if (!w)
        return -1;
    if (flags & 0x01000000 /* O_DIRECTORY */) {
        int fd = -1;
        if (!wis_dir(w)) {
            errno = GetFileAttributesW(w) == INVALID_FILE_ATTRIBUTES ? ENOENT
                                                                     : ENOTDIR;
        } else {
            for (int i = 0; i < DIRFD_SLOTS; i++)
                if (!dirfd_path[i]) {
                    if ((dirfd_path[i] = strdup(path)) != NULL)
                        fd = DIRFD_BASE + i;
                    else
                        errno = ENOMEM;
                    break;
                }
            if (fd < 0 && errno != ENOMEM)
                errno = EMFILE;
        }
        free(w);
        return fd;
    }
    /* a folder is no file: EISDIR as on Linux (the CRT says EACCES) */
    if (wis_dir(w)) {
        free(w);
        errno = EISDIR;
        return -1;
    }
    SetLastError(0);
    (void)mode; /* no mode bits on Windows: a new file is read-write */
    int fd = _wopen(w, (flags & ~0x01000000) | _O_BINARY | _O_NOINHERIT,
                    _S_IREAD | _S_IWRITE);
    if (fd < 0) {
        DWORD e = GetLastError();
        if (e == ERROR_SHARING_VIOLATION || e == ERROR_LOCK_VIOLATION)
            errno = EBUSY;
    }
    free(w);
    return fd;
}

int bc_w32_close(int fd)
{
    if (fd >= DIRFD_BASE && fd < DIRFD_BASE + DIRFD_SLOTS) {
        free(dirfd_path[fd - DIRFD_BASE]);
        dirfd_path[fd - DIRFD_BASE] = NULL;
        return 0;
    }
    return _close(fd);
}

FILE *bc_w32_fopen(const char *path, const char *mode)
{
    wchar_t wmode[16];
    size_t i = 0;
    int has_tb = strchr(mode, 'b') || strchr(mode, 't');
    for (; mode[i] && i < 12; i++)
        wmode[i] = (wchar_t)(unsigned char)mode[i];
    if (!has_tb)
        wmode[i++] = L'b';
    wmode[i] = 0;
    wchar_t *w = wide(path);
    if (!w)
        return NULL;
    SetLastError(0);
    FILE *f = _wfopen(w, wmode);
    if (!f) {
        DWORD e = GetLastError();
        if (e == ERROR_SHARING_VIOLATION || e == ERROR_LOCK_VIOLATION)
            errno = EBUSY;
    }
    free(w);
    return f;
}

static void copy_stat(const struct _stat64 *s, struct stat *sb)
{
    memset(sb, 0, sizeof *sb);
    sb->st_mode = s->st_mode;
    sb->st_size = s->st_size > 0x7fffffff ? 0x7fffffff : (_off_t)s->st_size;
    sb->st_mtime = (time_t)s->st_mtime;
    sb->st_nlink = s->st_nlink;
    sb->st_dev = s->st_dev;
}

int bc_w32_stat(const char *path, struct stat *sb)
{
    wchar_t *w = wide(path);
    if (!w)
        return -1;
    /* _wstat64 refuses "C:/a/" (a trailing slash) */
    size_t n = wcslen(w);
    while (n > 1 && (w[n - 1] == L'/' || w[n - 1] == L'\\') && w[n - 2] != L':')
        w[--n] = 0;
    struct _stat64 s;
    int r = _wstat64(w, &s);
    free(w);
    if (r == 0)
        copy_stat(&s, sb);
    return r;
}

int bc_w32_fstat(int fd, struct stat *sb)
{
    const char *dir = dirfd_get(fd);
    if (dir)
        return bc_w32_stat(dir, sb);
    struct _stat64 s;
    int r = _fstat64(fd, &s);
    if (r == 0)
        copy_stat(&s, sb);
    return r;
}

static volatile LONG rename_refused;

int bc_w32_rename(const char *from, const char *to)
{
    wchar_t *a = wide(from), *b = a ? wide(to) : NULL;
    int r = 0;
    if (!a || !b)
        r = -1;
    /* POSIX rename: an existing file at `to` is replaced in one step */
    else if (!MoveFileExW(a, b, MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH)) {
        DWORD e = GetLastError();
        if (e == ERROR_SHARING_VIOLATION || e == ERROR_LOCK_VIOLATION ||
            e == ERROR_ACCESS_DENIED)
            rename_refused = 1;
        errno = errno_of(e);
        r = -1;
    }
    free(a);
    free(b);
    return r;
}

int bc_w32_rename_refused(void)
{
    int r = rename_refused;
    rename_refused = 0;
    return r;
}

/* op (0, or -1 with errno set) applied to the wide form of path; -1
 * when path has none (wide sets errno). */
static int on_wide(const char *path, int (*op)(const wchar_t *w))
{
    wchar_t *w = wide(path);
    if (!w)
        return -1;
    int r = op(w);
    free(w);
    return r;
}

static int unlink_w(const wchar_t *w)
{
    if (wis_dir(w)) {
        errno = EISDIR;
        return -1;
    }
    return DeleteFileW(w) ? 0 : fail_last();
}

static int rmdir_w(const wchar_t *w)
{
    return RemoveDirectoryW(w) ? 0 : fail_last();
}

static int mkdir_w(const wchar_t *w)
{
    if (CreateDirectoryW(w, NULL))
        return 0;
    DWORD e = GetLastError();
    /* "C:" and "C:/" exist */
    errno = (e == ERROR_ACCESS_DENIED && wis_dir(w)) ? EEXIST : errno_of(e);
    return -1;
}

int bc_w32_unlink(const char *path)
{
    return on_wide(path, unlink_w);
}

int bc_w32_rmdir(const char *path)
{
    return on_wide(path, rmdir_w);
}

int bc_w32_mkdir(const char *path)
{
    return on_wide(path, mkdir_w);
}

int bc_w32_chmod(const char *path, int mode)
{
    (void)path;
    (void)mode; /* Windows folders have no mode bits to give */
    return 0;
}

int bc_w32_fsync(int fd)
{
    if (dirfd_get(fd))
        return 0; /* no fsync of folders on Windows */
    HANDLE h = (HANDLE)_get_osfhandle(fd);
    if (h == INVALID_HANDLE_VALUE) {
        errno = EBADF;
        return -1;
    }
    if (!FlushFileBuffers(h)) {
        DWORD e = GetLastError();
        if (e == ERROR_ACCESS_DENIED)
            return 0; /* opened read-only: nothing of ours to flush */
        errno = errno_of(e);
        return -1;
    }
    return 0;
}

int bc_w32_flock(int fd, int op)
{
    HANDLE h = (HANDLE)_get_osfhandle(fd);
    if (h == INVALID_HANDLE_VALUE) {
        errno = EBADF;
        return -1;
    }
    OVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    if (op & 8 /* LOCK_UN */)
        return UnlockFileEx(h, 0, 1, 0, &ov) ? 0 : fail_last();
    DWORD flags = (op & 2 /* LOCK_EX */) ? LOCKFILE_EXCLUSIVE_LOCK : 0;
    if (op & 4 /* LOCK_NB */)
        flags |= LOCKFILE_FAIL_IMMEDIATELY;
    if (!LockFileEx(h, flags, 0, 1, 0, &ov)) {
        DWORD e = GetLastError();
        errno = (e == ERROR_LOCK_VIOLATION || e == ERROR_IO_PENDING) ? EWOULDBLOCK
                                                                     : errno_of(e);
        return -1;
    }
    return 0;
}

/* s (malloc'ed, freed here) copied into buf of size bytes: buf, or NULL
 * with errno err when it does not fit. */
static char *copy_out(char *s, char *buf, size_t size, int err)
{
    size_t n = strlen(s);
    if (n + 1 > size) {
        free(s);
        errno = err;
        return NULL;
    }
    memcpy(buf, s, n + 1);
    free(s);
    return buf;
}

char *bc_w32_realpath(const char *path, char *resolved)
{
    wchar_t *w = wide(path);
    if (!w)
        return NULL;
    if (GetFileAttributesW(w) == INVALID_FILE_ATTRIBUTES) {
        fail_last();
        free(w);
        return NULL;
    }
    /* the name as the file system spells it (case, links resolved);
     * GetFullPathNameW, which only tidies the text, when that fails */
    wchar_t *full = NULL;
    HANDLE h = CreateFileW(w, 0, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                           NULL, OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, NULL);
    if (h != INVALID_HANDLE_VALUE) {
        DWORD n = GetFinalPathNameByHandleW(h, NULL, 0, FILE_NAME_NORMALIZED);
        if (n && (full = malloc((n + 1) * sizeof *full)) != NULL &&
            GetFinalPathNameByHandleW(h, full, n + 1, FILE_NAME_NORMALIZED) == 0) {
            free(full);
            full = NULL;
        }
        CloseHandle(h);
        /* \\?\C:\a -> C:\a; \\?\UNC\srv\a -> \\srv\a */
        if (full && wcsncmp(full, L"\\\\?\\UNC\\", 8) == 0) {
            memmove(full + 2, full + 8, (wcslen(full + 8) + 1) * sizeof *full);
        } else if (full && wcsncmp(full, L"\\\\?\\", 4) == 0) {
            memmove(full, full + 4, (wcslen(full + 4) + 1) * sizeof *full);
        }
    }
    DWORD n = full ? 0 : GetFullPathNameW(w, 0, NULL, NULL);
    if (!full && n)
        full = malloc(n * sizeof *full);
    char *r = NULL;
    if (full && (!n || GetFullPathNameW(w, n, full, NULL) > 0)) {
        /* no trailing slash but on "C:/" */
        size_t k = wcslen(full);
        while (k > 3 && (full[k - 1] == L'\\' || full[k - 1] == L'/'))
            full[--k] = 0;
        r = narrow(full);
    } else if (!full) {
        errno = ENOMEM;
    } else {
        fail_last();
    }
    free(full);
    free(w);
    return r && resolved ? copy_out(r, resolved, 4096, ENAMETOOLONG) : r;
}

char *bc_w32_getcwd(char *buf, size_t size)
{
    wchar_t *w = _wgetcwd(NULL, 0);
    char *s = w ? narrow(w) : NULL;
    free(w);
    return s ? copy_out(s, buf, size, ERANGE) : NULL;
}

ssize_t bc_w32_readlink(const char *path, char *buf, size_t size)
{
    /* only the one link the program reads: its own file */
    if (strcmp(path, "/proc/self/exe") != 0) {
        errno = EINVAL;
        return -1;
    }
    wchar_t w[32768];
    DWORD n = GetModuleFileNameW(NULL, w, (DWORD)(sizeof w / sizeof w[0]));
    if (n == 0 || n >= sizeof w / sizeof w[0]) {
        errno = ENAMETOOLONG;
        return -1;
    }
    char *s = narrow(w);
    if (!s)
        return -1;
    size_t k = strlen(s);
    if (k > size)
        k = size; /* readlink truncates, without a NUL */
    memcpy(buf, s, k);
    free(s);
    return (ssize_t)k;
}

/* 64 random bits from the system's generator */
static unsigned long long random_bits(void)
{
    static unsigned long long counter;
    LARGE_INTEGER t;
    QueryPerformanceCounter(&t);
    unsigned long long r = (unsigned long long)t.QuadPart ^
                           ((unsigned long long)GetCurrentProcessId() << 40) ^
                           (++counter * 0x9E3779B97F4A7C15ull);
    unsigned int x = 0;
    for (int i = 0; i < 2; i++)
        if (rand_s(&x) == 0)
            r ^= (unsigned long long)x << (32 * i);
    return r;
}

/* tmpl's trailing XXXXXX made random; -1 when it has none */
static int fill_template(char *tmpl)
{
    static const char set[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    size_t n = strlen(tmpl);
    if (n < 6 || strcmp(tmpl + n - 6, "XXXXXX") != 0) {
        errno = EINVAL;
        return -1;
    }
    unsigned long long r = random_bits();
    for (size_t i = n - 6; i < n; i++, r /= 36)
        tmpl[i] = set[r % 36];
    return 0;
}

char *bc_w32_mkdtemp(char *tmpl)
{
    for (int attempt = 0; attempt < 100; attempt++) {
        if (fill_template(tmpl) != 0)
            return NULL;
        if (bc_w32_mkdir(tmpl) == 0)
            return tmpl;
        if (errno != EEXIST)
            return NULL;
        memcpy(tmpl + strlen(tmpl) - 6, "XXXXXX", 6);
    }
    return NULL;
}

int bc_w32_mkstemp(char *tmpl)
{
    for (int attempt = 0; attempt < 100; attempt++) {
        if (fill_template(tmpl) != 0)
            return -1;
        int fd = bc_w32_open(tmpl, O_RDWR | O_CREAT | O_EXCL, 0600);
        if (fd >= 0 || errno != EEXIST)
            return fd;
        memcpy(tmpl + strlen(tmpl) - 6, "XXXXXX", 6);
    }
    return -1;
}

const char *bc_w32_tmpdir(void)
{
    static char dir[4096];
    if (!dir[0]) {
        wchar_t w[MAX_PATH + 1];
        DWORD n = GetTempPathW(MAX_PATH + 1, w);
        char *s = (n && n <= MAX_PATH) ? narrow(w) : NULL;
        if (s && strlen(s) < sizeof dir) {
            size_t k = strlen(s);
            while (k > 3 && s[k - 1] == '/')
                s[--k] = '\0';
            memcpy(dir, s, k + 1);
        } else {
            strcpy(dir, ".");
        }
        free(s);
    }
    return dir;
}

/* --- folder listings ------------------------------------------------------ */

DIR *bc_w32_opendir(const char *path)
{
    size_t n = strlen(path);
    char *pattern = malloc(n + 3);
    if (!pattern) {
        errno = ENOMEM;
        return NULL;
    }
    memcpy(pattern, path, n);
    if (n && path[n - 1] != '/' && path[n - 1] != '\\')
        pattern[n++] = '/';
    pattern[n++] = '*';
    pattern[n] = '\0';
    wchar_t *w = wide(pattern);
    free(pattern);
    if (!w)
        return NULL;
    DIR *d = calloc(1, sizeof *d);
    if (!d) {
        free(w);
        errno = ENOMEM;
        return NULL;
    }
    d->h = FindFirstFileW(w, &d->fd);
    free(w);
    if (d->h == INVALID_HANDLE_VALUE) {
        DWORD e = GetLastError();
        free(d);
        errno = e == ERROR_DIRECTORY ? ENOTDIR : errno_of(e);
        return NULL;
    }
    d->first = 1;
    d->dirfd = -1;
    return d;
}

struct bc_w32_dirent *bc_w32_readdir(DIR *d)
{
    for (;;) {
        if (d->done)
            return NULL;
        if (!d->first && !FindNextFileW(d->h, &d->fd)) {
            d->done = 1;
            return NULL;
        }
        d->first = 0;
        int n = WideCharToMultiByte(CP_UTF8, 0, d->fd.cFileName, -1, d->ent.d_name,
                                    (int)sizeof d->ent.d_name, NULL, NULL);
        if (n > 0)
            return &d->ent; /* a name too long for d_name is skipped */
    }
}

DIR *bc_w32_fdopendir(int fd)
{
    const char *path = dirfd_get(fd);
    if (!path) {
        errno = EBADF;
        return NULL;
    }
    DIR *d = bc_w32_opendir(path);
    if (d)
        d->dirfd = fd; /* owned by d from now on, as POSIX says */
    return d;
}

int bc_w32_dirfd(DIR *d)
{
    if (d->dirfd < 0) {
        errno = ENOTSUP;
        return -1;
    }
    return d->dirfd;
}

int bc_w32_closedir(DIR *d)
{
    if (!d)
        return -1;
    FindClose(d->h);
    if (d->dirfd >= 0)
        bc_w32_close(d->dirfd);
    free(d);
    return 0;
}

int bc_w32_unlinkat(int dirfd, const char *name, int flags)
{
    char *p = at_path(dirfd, name);
    if (!p)
        return -1;
    int r = (flags & 0x200 /* AT_REMOVEDIR */) ? bc_w32_rmdir(p) : bc_w32_unlink(p);
    free(p);
    return r;
}

int bc_w32_fstatat(int dirfd, const char *name, struct stat *sb, int flags)
{
    (void)flags;
    char *p = at_path(dirfd, name);
    if (!p)
        return -1;
    int r = bc_w32_stat(p, sb);
    free(p);
    return r;
}

int bc_w32_renameat(int fromfd, const char *from, int tofd, const char *to)
{
    char *a = at_path(fromfd, from), *b = a ? at_path(tofd, to) : NULL;
    int r = (a && b) ? bc_w32_rename(a, b) : -1;
    free(a);
    free(b);
    return r;
}

/* --- process ------------------------------------------------------------- */

long bc_w32_sysconf(int name)
{
    if (name != 84 /* _SC_NPROCESSORS_ONLN */) {
        errno = EINVAL;
        return -1;
    }
    SYSTEM_INFO si;
    GetSystemInfo(&si);
    return (long)si.dwNumberOfProcessors;
}

int bc_w32_sigaction(int sig, const struct sigaction *sa, struct sigaction *old)
{
    if (sig != SIGINT && sig != SIGTERM) {
        if (old)
            memset(old, 0, sizeof *old); /* SIG_DFL */
        return 0; /* no SIGHUP on Windows */
    }
    void (*prev)(int) = signal(sig, sa ? sa->sa_handler : SIG_DFL);
    if (prev == SIG_ERR) {
        errno = EINVAL;
        return -1;
    }
    if (!sa)
        signal(sig, prev); /* only asked */
    if (old) {
        memset(old, 0, sizeof *old);
        old->sa_handler = prev;
    }
    return 0;
}

int bc_w32_getrusage(int who, struct rusage *ru)
{
    PROCESS_MEMORY_COUNTERS pmc;
    if (who != 0 /* RUSAGE_SELF */ ||
        !GetProcessMemoryInfo(GetCurrentProcess(), &pmc, sizeof pmc)) {
        errno = EINVAL;
        return -1;
    }
    ru->ru_maxrss = (long)(pmc.PeakWorkingSetSize / 1024);
    return 0;
}

int bc_w32_statvfs(const char *path, struct statvfs *v)
{
    wchar_t *w = wide(path);
    if (!w)
        return -1;
    ULARGE_INTEGER avail;
    int r = 0;
    if (!wis_dir(w))
        r = (errno = ENOTDIR, -1); /* the caller asks again for the folder */
    else if (!GetDiskFreeSpaceExW(w, &avail, NULL, NULL))
        r = fail_last();
    else {
        v->f_bavail = avail.QuadPart;
        v->f_frsize = 1;
    }
    free(w);
    return r;
}

/* 1 if name matches pattern ('*' any run, '?' one byte; ASCII letters in
 * either case, as Windows names compare) */
static int wild_match(const char *pat, const char *name)
{
    for (; *pat; pat++, name++) {
        if (*pat == '*') {
            for (const char *n = name;; n++) {
                if (wild_match(pat + 1, n))
                    return 1;
                if (!*n)
                    return 0;
            }
        }
        if (!*name)
            return 0;
        if (*pat == '?')
            continue;
        char a = *pat, b = *name;
        if (a >= 'A' && a <= 'Z')
            a = (char)(a - 'A' + 'a');
        if (b >= 'A' && b <= 'Z')
            b = (char)(b - 'A' + 'a');
        if (a != b)
            return 0;
    }
    return !*name;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Appends s to the growing array *v (*n used, *cap room); 0, or -1 out of
 * memory. */
static int push(char ***v, int *n, int *cap, char *s)
{
    if (!s)
        return -1;
    if (*n + 1 >= *cap) {
        char **nv = realloc(*v, (size_t)*cap * 2 * sizeof *nv);
        if (!nv)
            return -1;
        *v = nv;
        *cap *= 2;
    }
    (*v)[(*n)++] = s;
    (*v)[*n] = NULL;
    return 0;
}

/* The names that arg (a "dir/pat*tern" with wildcards in its last part)
 * stands for, sorted bytewise, appended to *v as the Linux shell would
 * expand them; arg itself when nothing matches.  -1 out of memory. */
static int expand(const char *arg, char ***v, int *n, int *cap)
{
    const char *slash = strrchr(arg, '/');
    const char *pat = slash ? slash + 1 : arg;
    if (!strpbrk(pat, "*?") || arg[0] == '-')
        return push(v, n, cap, strdup(arg));
    size_t dlen = slash ? (size_t)(slash - arg) + 1 : 0;
    char *query = malloc(dlen + 2);
    if (!query)
        return -1;
    memcpy(query, arg, dlen);
    memcpy(query + dlen, "*", 2);
    wchar_t *w = wide(query);
    free(query);
    WIN32_FIND_DATAW fd;
    HANDLE h = w ? FindFirstFileW(w, &fd) : INVALID_HANDLE_VALUE;
    free(w);
    int first = *n;
    if (h != INVALID_HANDLE_VALUE) {
        do {
            char *name = narrow(fd.cFileName);
            /* the shell's '*' skips hidden names (a leading dot) */
            if (name && (name[0] != '.' || pat[0] == '.') && wild_match(pat, name)) {
                char *full = malloc(dlen + strlen(name) + 1);
                if (full) {
                    memcpy(full, arg, dlen);
                    strcpy(full + dlen, name);
                }
                if (push(v, n, cap, full) != 0) {
                    free(name);
                    FindClose(h);
                    return -1;
                }
            }
            free(name);
        } while (FindNextFileW(h, &fd));
        FindClose(h);
    }
    if (*n == first)
        return push(v, n, cap, strdup(arg));
    qsort(*v + first, (size_t)(*n - first), sizeof **v, cmp_str);
    return 0;
}

static UINT console_out_cp, console_in_cp;

/* the console's code pages as they were before bc_w32_init */
static void restore_console(void)
{
    if (console_out_cp)
        SetConsoleOutputCP(console_out_cp);
    if (console_in_cp)
        SetConsoleCP(console_in_cp);
}

void bc_w32_init(int *argc, char ***argv)
{
    /* UTF-8 for our findings; the console gets its own code pages back
     * when we exit (they outlive the process otherwise) */
    console_out_cp = GetConsoleOutputCP();
    console_in_cp = GetConsoleCP();
    SetConsoleOutputCP(CP_UTF8);
    SetConsoleCP(CP_UTF8);
    atexit(restore_console);
    _setmode(_fileno(stdin), _O_BINARY);
    _setmode(_fileno(stdout), _O_BINARY);
    _setmode(_fileno(stderr), _O_BINARY);
    _fmode = _O_BINARY;
    int wn = 0;
    wchar_t **wv = CommandLineToArgvW(GetCommandLineW(), &wn);
    if (!wv || wn < 1)
        return; /* keep the CRT's argv */
    /* cmd.exe and PowerShell pass "input\2026\*.xlsx" as it is: the
     * names it stands for are given to the program, as a Linux shell
     * gives them */
    int n = 0, cap = wn + 1;
    char **v = calloc((size_t)cap, sizeof *v);
    for (int i = 0; v && i < wn; i++) {
        char *a = narrow(wv[i]);
        int r = !a ? -1 : i == 0 ? push(&v, &n, &cap, strdup(a)) : expand(a, &v, &n, &cap);
        free(a);
        if (r != 0) {
            LocalFree(wv);
            return; /* out of memory: keep the CRT's argv */
        }
    }
    LocalFree(wv);
    if (!v)
        return;
    *argc = n;
    *argv = v; /* lives as long as the process */
}

/* --- removal of files still open ------------------------------------------ */

#define LATER_SLOTS 256
static char *later[LATER_SLOTS];
static CRITICAL_SECTION later_lock;
static INIT_ONCE later_once = INIT_ONCE_STATIC_INIT;

static void unlink_pending(void)
{
    EnterCriticalSection(&later_lock);
    for (int i = 0; i < LATER_SLOTS; i++)
        if (later[i] && bc_w32_unlink(later[i]) == 0) {
            free(later[i]);
            later[i] = NULL;
        }
    LeaveCriticalSection(&later_lock);
}

static BOOL CALLBACK later_init(PINIT_ONCE once, PVOID param, PVOID *ctx)
{
    (void)once;
    (void)param;
    (void)ctx;
    InitializeCriticalSection(&later_lock);
    atexit(unlink_pending);
    return TRUE;
}

void bc_w32_unlink_later(const char *path)
{
    InitOnceExecuteOnce(&later_once, later_init, NULL, NULL);
    unlink_pending();
    if (bc_w32_unlink(path) == 0 || errno == ENOENT)
        return;
    EnterCriticalSection(&later_lock);
    for (int i = 0; i < LATER_SLOTS; i++)
        if (!later[i]) {
            later[i] = strdup(path); /* out of memory: left in %TEMP% */
            break;
        }
    LeaveCriticalSection(&later_lock);
}
