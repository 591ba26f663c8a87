/* hold.c - holds a file open the way Excel does (no sharing), or locked
 * the way a running baocao locks its output folder, until a stop file
 * appears; for tests/windows/run.sh.
 *
 *   hold.exe FILE READY STOP [lock]
 *
 * Opens FILE with no sharing (with "lock": shared, created if missing,
 * its first byte locked with LockFileEx), creates READY, waits (at most
 * 60 s) until STOP exists, then closes FILE.  Exit 0, or 1 when FILE
 * cannot be opened or locked. */
#include <windows.h>

#include <stdio.h>

static HANDLE open_utf8(const char *path, DWORD access, DWORD share,
                        DWORD disposition)
{
    wchar_t w[1024];
    if (!MultiByteToWideChar(CP_UTF8, 0, path, -1, w, 1024))
        return INVALID_HANDLE_VALUE;
    return CreateFileW(w, access, share, NULL, disposition,
                       FILE_ATTRIBUTE_NORMAL, NULL);
}

int main(int argc, char **argv)
{
    if (argc != 4 && argc != 5)
        return 2;
    int lock = argc == 5;
    HANDLE h = open_utf8(argv[1], GENERIC_READ | GENERIC_WRITE,
                         lock ? FILE_SHARE_READ | FILE_SHARE_WRITE : 0,
                         lock ? OPEN_ALWAYS : OPEN_EXISTING);
    if (h == INVALID_HANDLE_VALUE)
        return 1;
    OVERLAPPED ov;
    ZeroMemory(&ov, sizeof ov);
    if (lock && !LockFileEx(h, LOCKFILE_EXCLUSIVE_LOCK | LOCKFILE_FAIL_IMMEDIATELY,
                            0, 1, 0, &ov))
        return 1;
    HANDLE r = open_utf8(argv[2], GENERIC_WRITE, 0, CREATE_ALWAYS);
    if (r != INVALID_HANDLE_VALUE)
        CloseHandle(r);
    for (int i = 0; i < 600; i++) {
        HANDLE s = open_utf8(argv[3], GENERIC_READ, FILE_SHARE_READ, OPEN_EXISTING);
        if (s != INVALID_HANDLE_VALUE) {
            CloseHandle(s);
            break;
        }
        Sleep(100);
    }
    CloseHandle(h);
    return 0;
}
