/* dirent.h: folder listings are in src/win32/posix.h (forced include) */
