/* posix.h - the POSIX calls baocao makes, for the Windows build.
 *
 * The Windows build (make windows, docs/windows.md) compiles every source
 * file with `-include src/win32/posix.h` and `-Isrc/win32/include` (empty
 * stand-ins for <sys/file.h>, <sys/wait.h>, ...), so the sources keep
 * their POSIX calls and only a few call sites say `#ifdef _WIN32`.  What
 * mingw-w64's CRT lacks or does differently is mapped here onto
 * src/win32/posix.c, which uses the wide-character Windows API:
 *
 * - file names are UTF-8 (the program's manifest also sets the UTF-8
 *   active code page, for the libraries that call fopen themselves);
 * - rename replaces an existing file (MoveFileExW REPLACE_EXISTING |
 *   WRITE_THROUGH), as POSIX rename does; a file open in another program
 *   (Excel) gives EACCES, and bc_w32_last_sharing() tells it was that;
 * - fsync of a file is FlushFileBuffers; of a folder, nothing (Windows
 *   has no such thing, and NTFS journals the rename);
 * - flock is LockFileEx on the lock file, held until the process ends;
 * - folders opened with O_DIRECTORY are pseudo descriptors (their path),
 *   for fdopendir, dirfd and the *at calls;
 * - there are no symbolic links to refuse (O_NOFOLLOW, lstat: as stat),
 *   no FIFOs to hang on (O_NONBLOCK: nothing), no fork (the reports are
 *   rendered in-process: see cmd_run.c and docs/windows.md).
 *
 * Not for Linux: the Linux build never sees this file.
 */
#ifndef BC_WIN32_POSIX_H
#define BC_WIN32_POSIX_H

#ifdef _WIN32

#include <direct.h>
#include <errno.h>
#include <fcntl.h>
#include <io.h>
#include <limits.h>
#include <process.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

/* room for long UTF-8 names (a Vietnamese letter takes up to 3 bytes);
 * beyond 260 UTF-16 units Windows opens them when long paths are enabled
 * (the manifest says longPathAware; the system setting decides) */
#undef PATH_MAX
#define PATH_MAX 4096

#define O_CLOEXEC 0 /* handles are not inherited: no child is started */
#define O_NOCTTY 0
#define O_NONBLOCK 0
#define O_NOFOLLOW 0
#define O_DIRECTORY 0x01000000
#ifndef EWOULDBLOCK
#define EWOULDBLOCK EAGAIN
#endif
#ifndef ELOOP
#define ELOOP 114
#endif
#ifndef EOPNOTSUPP
#define EOPNOTSUPP 130
#endif
#define S_ISLNK(m) 0
#define SIGHUP 1 /* never raised on Windows */

#define AT_FDCWD (-100)
#define AT_SYMLINK_NOFOLLOW 0x100
#define AT_REMOVEDIR 0x200

#define LOCK_SH 1
#define LOCK_EX 2
#define LOCK_NB 4
#define LOCK_UN 8

/* folder listings with UTF-8 names of any length (FindFirstFileW) */
struct bc_w32_dirent {
    char d_name[1024];
};
typedef struct bc_w32_dir bc_w32_dir;
#define dirent bc_w32_dirent
#define DIR bc_w32_dir
struct bc_w32_dirent *bc_w32_readdir(DIR *d);
#define readdir bc_w32_readdir

/* the file calls, on UTF-8 names */
int bc_w32_open(const char *path, int flags, ...);
int bc_w32_close(int fd);
FILE *bc_w32_fopen(const char *path, const char *mode);
int bc_w32_stat(const char *path, struct stat *sb);
int bc_w32_fstat(int fd, struct stat *sb);
int bc_w32_rename(const char *from, const char *to);
int bc_w32_unlink(const char *path);
int bc_w32_rmdir(const char *path);
int bc_w32_mkdir(const char *path);
int bc_w32_chmod(const char *path, int mode);
int bc_w32_fsync(int fd);
int bc_w32_flock(int fd, int op);
char *bc_w32_realpath(const char *path, char *resolved);
char *bc_w32_getcwd(char *buf, size_t size);
ssize_t bc_w32_readlink(const char *path, char *buf, size_t size);
char *bc_w32_mkdtemp(char *tmpl);
int bc_w32_mkstemp(char *tmpl);
DIR *bc_w32_opendir(const char *path);
DIR *bc_w32_fdopendir(int fd);
int bc_w32_dirfd(DIR *d);
int bc_w32_closedir(DIR *d);
int bc_w32_unlinkat(int dirfd, const char *name, int flags);
int bc_w32_fstatat(int dirfd, const char *name, struct stat *sb, int flags);
int bc_w32_renameat(int fromfd, const char *from, int tofd, const char *to);
long bc_w32_sysconf(int name);
/* The folder for temporary files (GetTempPathW), without a trailing
 * slash; "." when Windows cannot tell. */
const char *bc_w32_tmpdir(void);
/* Removes path now, or, when a program still holds it open (FreeXL holds
 * the .xls copy it reads until freexl_close), when the next removal is
 * asked or the process exits. */
void bc_w32_unlink_later(const char *path);

#define open bc_w32_open
#define close bc_w32_close
#define fopen bc_w32_fopen
#define stat(p, s) bc_w32_stat(p, s)
#define lstat(p, s) bc_w32_stat(p, s)
#define fstat(fd, s) bc_w32_fstat(fd, s)
#define rename bc_w32_rename
#define unlink bc_w32_unlink
#define remove bc_w32_unlink
#define rmdir bc_w32_rmdir
#define mkdir(p, m) bc_w32_mkdir(p)
#define chmod(p, m) bc_w32_chmod(p, m)
#define fsync bc_w32_fsync
#define flock bc_w32_flock
#define realpath bc_w32_realpath
#define getcwd bc_w32_getcwd
#define readlink bc_w32_readlink
#define mkdtemp bc_w32_mkdtemp
#define mkstemp bc_w32_mkstemp
#define opendir bc_w32_opendir
#define fdopendir bc_w32_fdopendir
#define dirfd bc_w32_dirfd
#define closedir bc_w32_closedir
#define unlinkat bc_w32_unlinkat
#define fstatat bc_w32_fstatat
#define renameat bc_w32_renameat
#define sysconf bc_w32_sysconf
#define _SC_NPROCESSORS_ONLN 84


static inline mode_t bc_w32_umask(mode_t m) { (void)m; return 0; }
#define umask bc_w32_umask

/* signals: SIGINT and SIGTERM through signal(); no masks */
typedef unsigned long sigset_t;
struct sigaction {
    void (*sa_handler)(int);
    sigset_t sa_mask;
    int sa_flags;
};
int bc_w32_sigaction(int sig, const struct sigaction *sa, struct sigaction *old);
#define sigaction(s, a, o) bc_w32_sigaction(s, a, o)
static inline int bc_w32_sigemptyset(sigset_t *set) { *set = 0; return 0; }
static inline int bc_w32_sigaddset(sigset_t *set, int s)
{
    *set |= 1ul << s;
    return 0;
}
#define sigemptyset bc_w32_sigemptyset
#define sigaddset bc_w32_sigaddset
#define SIG_BLOCK 0
#define SIG_SETMASK 2
static inline int bc_w32_sigprocmask(int how, const sigset_t *set, sigset_t *old)
{
    (void)how;
    (void)set;
    if (old)
        *old = 0;
    return 0;
}
#define sigprocmask bc_w32_sigprocmask

/* no child processes (cmd_run.c renders in-process on Windows) */
#define waitpid(p, s, o) ((void)(p), (void)(s), (pid_t)-1)
#define WIFEXITED(s) 1
#define WEXITSTATUS(s) (s)
struct rusage {
    long ru_maxrss; /* peak working set, KiB */
};
#define RUSAGE_SELF 0
#define RUSAGE_CHILDREN (-1)
int bc_w32_getrusage(int who, struct rusage *ru);
#define getrusage bc_w32_getrusage

/* no memfd: xls_reader.c copies to a temporary file instead */
#define MFD_CLOEXEC 1
#define memfd_create(name, flags) ((void)(name), (void)(flags), errno = ENOSYS, -1)

/* disk space, for telling a full disk */
struct statvfs {
    unsigned long long f_bavail, f_frsize;
};
int bc_w32_statvfs(const char *path, struct statvfs *v);
#define statvfs(p, v) bc_w32_statvfs(p, v)

/* 1 when a rename since the last call was refused because the file, or
 * one in the folder, is open in another program (Windows never moves
 * those); clears the mark. */
int bc_w32_rename_refused(void);

/* Start of main: the console shows UTF-8 (SetConsoleOutputCP, its code
 * pages given back at exit), stdio writes bytes as they are (no LF ->
 * CRLF: findings and reports are the same bytes as on Linux), argv is
 * taken from the wide command line as UTF-8 with backslashes turned into
 * slashes (C:\\a\\b -> C:/a/b, which Windows reads the same), so names
 * print as on Linux, and an argument with * or ? in its last part is
 * replaced by the names it matches, sorted, as a Linux shell does (cmd.exe
 * and PowerShell leave that to the program). */
void bc_w32_init(int *argc, char ***argv);

#endif /* _WIN32 */
#endif
