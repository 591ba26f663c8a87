/* sys/resource.h: see src/win32/posix.h (forced include) */
