/* date.c - yyyymmdd dates. */
#include "date.h"

#include <stdio.h>

static int leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30,
                                 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : days[m - 1];
}

int date_valid(int y, int m, int d)
{
    return y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 &&
           d <= month_days(y, m);
}

bc_date date_make(int y, int m, int d)
{
    return y * 10000 + m * 100 + d;
}

int date_year(bc_date d) { return d / 10000; }
int date_month(bc_date d) { return d / 100 % 100; }
int date_day(bc_date d) { return d % 100; }

static int digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

int date_parse_iso(const char *s, bc_date *out)
{
    int y, m, d;
    if (!s || digits(s, 4, &y) || s[4] != '-' || digits(s + 5, 2, &m) ||
        s[7] != '-' || digits(s + 8, 2, &d) || s[10] != '\0' ||
        !date_valid(y, m, d))
        return -1;
    *out = date_make(y, m, d);
    return 0;
}

/* Writes d into buf[0..11): "YYYY-MM-DD" when iso, else "DD/MM/YYYY";
 * "" for the zero date.  Returns buf; never fails. */
static char *format_date(bc_date d, int iso, char buf[11])
{
    unsigned y = (unsigned)date_year(d) % 10000u,
             m = (unsigned)date_month(d) % 100u,
             day = (unsigned)date_day(d) % 100u;
    if (!d)
        buf[0] = '\0';
    else if (iso)
        snprintf(buf, 11, "%04u-%02u-%02u", y, m, day);
    else
        snprintf(buf, 11, "%02u/%02u/%04u", day, m, y);
    return buf;
}

char *date_format_iso(bc_date d, char buf[11])
{
    return format_date(d, 1, buf);
}

char *date_format_vn(bc_date d, char buf[11])
{
    return format_date(d, 0, buf);
}

bc_date date_prev_day(bc_date d)
{
    int y = date_year(d), m = date_month(d), day = date_day(d);
    if (day > 1)
        return date_make(y, m, day - 1);
    if (m > 1)
        return date_make(y, m - 1, month_days(y, m - 1));
    return date_make(y - 1, 12, 31);
}

void date_period(int year, int start_month, int start_day, bc_date *from,
                 bc_date *to)
{
    *from = date_make(year - 1, start_month, start_day);
    *to = date_prev_day(date_make(year, start_month, start_day));
}

int date_period_year(bc_date d, int start_month, int start_day)
{
    int y = date_year(d);
    if (d >= date_make(y, start_month, start_day))
        y++;
    return y;
}

long date_days(bc_date d)
{
    int y = date_year(d), m = date_month(d);
    long n = 0;
    for (int i = 1900; i < y; i++)
        n += leap(i) ? 366 : 365;
    for (int i = 1; i < m; i++)
        n += month_days(y, i);
    return n + date_day(d) - 1;
}

bc_date date_from_days(long n)
{
    int y = 1900, m = 1;
    while (n >= (leap(y) ? 366 : 365)) {
        n -= leap(y) ? 366 : 365;
        y++;
    }
    while (n >= month_days(y, m)) {
        n -= month_days(y, m);
        m++;
    }
    return date_make(y, m, (int)n + 1);
}

bc_date date_add_days(bc_date d, long n)
{
    return date_from_days(date_days(d) + n);
}
