/* date.h - calendar dates as yyyymmdd integers (20241215).
 *
 * Integers compare in calendar order, print without a locale and need no
 * time zone: reports must not change with the machine they run on.
 */
#ifndef BC_DATE_H
#define BC_DATE_H

typedef int bc_date; /* yyyymmdd, 0 = none */

/* Parses "YYYY-MM-DD" (years 1900-2100, a real calendar day).  Returns 0
 * and sets *out, or -1. */
int date_parse_iso(const char *s, bc_date *out);

/* 1 if y-m-d is a real day of the Gregorian calendar, years 1900-2100. */
int date_valid(int y, int m, int d);

bc_date date_make(int y, int m, int d);
int date_year(bc_date d);
int date_month(bc_date d);
int date_day(bc_date d);

/* "YYYY-MM-DD" into buf (11 bytes); "" for 0. Returns buf. */
char *date_format_iso(bc_date d, char buf[11]);
/* "dd/mm/yyyy" into buf (11 bytes), the way Vietnamese documents write
 * dates; "" for 0. Returns buf. */
char *date_format_vn(bc_date d, char buf[11]);

/* The reporting period of a year under Nghị định 09/2019/NĐ-CP: from
 * start_day/start_month of the previous year to the day before that date
 * in `year` (15/12 -> 14/12).  */
void date_period(int year, int start_month, int start_day, bc_date *from,
                 bc_date *to);

/* The year whose reporting period (date_period) contains d: with periods
 * starting 15/12, 15/12/2023 belongs to 2024. */
int date_period_year(bc_date d, int start_month, int start_day);

/* Day arithmetic over valid dates (years 1900-2100): the number of days
 * from 1900-01-01 to d, the date n days after 1900-01-01, and d moved by
 * n days (n may be negative). */
long date_days(bc_date d);
bc_date date_from_days(long n);
bc_date date_add_days(bc_date d, long n);

/* The day before d (d must be valid). */
bc_date date_prev_day(bc_date d);

#endif
