/* testing.h - STATIC, as libxlsxwriter has it: `static` in the program,
 * external when built for the unit tests (-DTESTING).  A function only
 * the tests call besides its own module is defined STATIC and declared in
 * its module's header under #ifdef TESTING; its test includes the module's
 * .c file, so the program's library never exports it. */
#ifndef BC_TESTING_H
#define BC_TESTING_H

#ifdef TESTING
#define STATIC
#else
#define STATIC static
#endif

#endif
