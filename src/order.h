/* order.h - the three-way comparison of qsort comparators whose order is
 * a list of numbers compared one after the other. */
#ifndef BC_ORDER_H
#define BC_ORDER_H

#include <stddef.h>
#include <stdint.h>

/* Compares the keys a[0..n) and b[0..n) part by part: -1, 0 or 1 as a
 * sorts before, with or after b.  Never fails. */
static inline int order_keys(const int64_t *a, const int64_t *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (a[i] != b[i])
            return a[i] < b[i] ? -1 : 1;
    return 0;
}

#endif
