/* lsan.h - LeakSanitizer's view of libxlsxwriter's own leak.
 *
 * libxlsxwriter 1.1.4 loses the copy of a list validation's source formula
 * (worksheet_data_validation_range, a few bytes per dropdown per workbook;
 * docs/forms.md, "Known library issue").  A program that writes forms
 * (cmd_form.c, the generators in tools/) says BC_LSAN_XLSXWRITER once, at
 * file scope, to tell LeakSanitizer that leak is the library's, not ours.
 * With fast unwinding the stack of that allocation stops in lxw_strdup,
 * so that is what is suppressed.  Our own use of libxlsxwriter stays
 * checked: test_render and test_form run without this suppression.
 * Without AddressSanitizer the macro is empty. */
#ifndef BC_LSAN_H
#define BC_LSAN_H

#ifdef __SANITIZE_ADDRESS__
#define BC_LSAN_XLSXWRITER                                                  \
    const char *__lsan_default_options(void);                              \
    const char *__lsan_default_options(void)                               \
    {                                                                       \
        return "print_suppressions=0";                                     \
    }                                                                       \
    const char *__lsan_default_suppressions(void);                         \
    const char *__lsan_default_suppressions(void)                          \
    {                                                                       \
        return "leak:worksheet_data_validation_range\nleak:lxw_strdup\n";  \
    }
#else
#define BC_LSAN_XLSXWRITER
#endif

#endif
