/* money.c - exact fixed-point amounts. */
#include "money.h"

#include <stdio.h>
#include <string.h>

int money_parse(const char *s, bc_money *out)
{
    if (!s)
        return -1;
    int neg = 0;
    if (*s == '-') {
        neg = 1;
        s++;
    }
    if (*s < '0' || *s > '9')
        return -1;
    /* the magnitude in units, checked against the exact limit of its sign
     * (INT64_MIN has one unit more than INT64_MAX), so that every amount
     * money_format writes reads back */
    const uint64_t limit = neg ? (uint64_t)INT64_MAX + 1u : (uint64_t)INT64_MAX;
    const uint64_t ip_max = limit / BC_MONEY_SCALE;
    uint64_t ip = 0;
    for (; *s >= '0' && *s <= '9'; s++) {
        if (ip > (ip_max - (uint64_t)(*s - '0')) / 10)
            return -3;
        ip = ip * 10 + (uint64_t)(*s - '0');
    }
    uint64_t fp = 0;
    int nd = 0;
    if (*s == '.') {
        s++;
        if (*s < '0' || *s > '9')
            return -1;
        for (; *s >= '0' && *s <= '9'; s++) {
            if (nd == BC_MONEY_DECIMALS) {
                if (*s != '0')
                    return -2; /* below one đồng */
                continue;
            }
            fp = fp * 10 + (uint64_t)(*s - '0');
            nd++;
        }
    }
    if (*s != '\0')
        return -1;
    for (; nd < BC_MONEY_DECIMALS; nd++)
        fp *= 10;
    /* ip <= ip_max, so ip * SCALE <= limit; only the fraction can pass it */
    uint64_t v = ip * BC_MONEY_SCALE;
    if (fp > limit - v)
        return -3;
    v += fp;
    *out = neg ? (bc_money)(0 - v) : (bc_money)v;
    return 0;
}

char *money_format(bc_money m, char buf[BC_MONEY_BUF])
{
    uint64_t a = m < 0 ? (uint64_t)0 - (uint64_t)m : (uint64_t)m;
    uint64_t ip = a / BC_MONEY_SCALE, fp = a % BC_MONEY_SCALE;
    int n = snprintf(buf, BC_MONEY_BUF, "%s%llu", m < 0 ? "-" : "",
                     (unsigned long long)ip);
    if (fp) {
        char frac[8];
        snprintf(frac, sizeof frac, "%06llu", (unsigned long long)fp);
        size_t k = strlen(frac);
        while (k > 0 && frac[k - 1] == '0')
            frac[--k] = '\0';
        snprintf(buf + n, BC_MONEY_BUF - (size_t)n, ".%s", frac);
    }
    return buf;
}

int money_add(bc_money *acc, bc_money v)
{
    if ((v > 0 && *acc > INT64_MAX - v) || (v < 0 && *acc < INT64_MIN - v))
        return -1;
    *acc += v;
    return 0;
}
