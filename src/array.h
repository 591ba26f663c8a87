/* array.h - arrays sized at run time: a malloc'ed one that doubles as it
 * fills, a zeroed one in an arena. */
#ifndef BC_ARRAY_H
#define BC_ARRAY_H

#include <stddef.h>

#include "util.h"

/* Makes room in *arr (*cap elements of size bytes, n of them used) for
 * one more: doubles it (16 at first) when full.  Returns 0, or -1 when
 * out of memory or the size would overflow (*arr and *cap unchanged). */
int array_grow(void **arr, size_t *cap, size_t n, size_t size);

/* A zeroed array of n elements of size bytes living in arena a; NULL for
 * n == 0, and NULL with *nomem set to 1 when the size would overflow or
 * memory runs out. */
void *array_in_arena(bc_arena *a, size_t n, size_t size, int *nomem);

#endif
