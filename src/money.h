/* money.h - exact decimal amounts (triệu đồng) in fixed point.
 *
 * Budget figures are summed exactly, never in binary floating point.  An
 * amount is an int64 count of millionths of a triệu đồng (one đồng), so
 * any figure a unit can type is held exactly and sums up to about nine
 * quadrillion triệu cannot overflow silently: every operation checks.
 */
#ifndef BC_MONEY_H
#define BC_MONEY_H

#include <stddef.h>
#include <stdint.h>

typedef int64_t bc_money;

#define BC_MONEY_SCALE 1000000 /* units per triệu đồng */
#define BC_MONEY_DECIMALS 6

/* Parses a canonical decimal ("1200", "-3", "1200.5", ".5" not allowed):
 * an optional '-', digits, optionally '.' and 1..6 digits.  Returns 0 and
 * sets *out; -1 if the syntax is wrong; -2 if it has more than 6
 * decimals (precision below one đồng); -3 on overflow. */
int money_parse(const char *s, bc_money *out);

/* Formats canonically: "1200", "1200.5", "-0.25" (no trailing zeros).
 * buf needs BC_MONEY_BUF bytes.  Returns buf. */
#define BC_MONEY_BUF 32
char *money_format(bc_money m, char buf[BC_MONEY_BUF]);

/* *acc += v; returns 0, or -1 on overflow (acc unchanged). */
int money_add(bc_money *acc, bc_money v);

#endif
