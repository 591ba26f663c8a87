/* hold.c - holds a file open the way Excel does (no sharing) until a stop
 * file appears, for tests/windows/run.sh's sharing-violation case.
 *
 *   hold.exe FILE READY STOP
 *
 * Opens FILE with no sharing, creates READY, waits (at most 60 s) until
 * STOP exists, then closes FILE.  Exit 0, or 1 when FILE cannot be opened. */
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
    if (argc != 4)
        return 2;
    HANDLE h = open_utf8(argv[1], GENERIC_READ | GENERIC_WRITE, 0, OPEN_EXISTING);
    if (h == INVALID_HANDLE_VALUE)
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
