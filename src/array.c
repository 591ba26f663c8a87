/* array.c - arrays sized at run time (array.h). */
#include "array.h"

#include <stdint.h>
#include <stdlib.h>

int array_grow(void **arr, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return 0;
    size_t nc = *cap ? *cap * 2 : 16;
    if (nc > SIZE_MAX / size)
        return -1;
    void *p = realloc(*arr, nc * size);
    if (!p)
        return -1;
    *arr = p;
    *cap = nc;
    return 0;
}

void *array_in_arena(bc_arena *a, size_t n, size_t size, int *nomem)
{
    if (n == 0)
        return NULL;
    void *p = n <= SIZE_MAX / size ? arena_alloc(a, n * size) : NULL;
    if (!p)
        *nomem = 1;
    return p;
}
