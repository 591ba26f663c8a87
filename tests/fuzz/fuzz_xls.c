/* fuzz_xls.c - an Excel 97-2003 workbook (.xls), byte for byte.
 *
 * The reader takes a path, so each input is written to a temporary file
 * fuzz-xls-XXXXXX.xls (one per process, in $TMPDIR or /tmp, rewritten for
 * every input, removed at exit), then:
 *   1. the reader alone: xls_open (the record scan, then FreeXL over a
 *      private copy), every sheet's name, state and cells through
 *      xls_sheet_rows, each cell checked against the contract of
 *      xlsx_reader.h within IV65536;
 *   2. the whole path of `baocao validate`: ingest_xlsx over the same file,
 *      then validate_doc with the real plan when a document came out.
 * Every finding is printed (to /dev/null) and must be valid UTF-8.
 * Nothing is kept from one input to the next.  See fuzz_common.h for the
 * regression program.
 */
#define _GNU_SOURCE /* memfd_create */
#define FUZZ_NAME "xls"
#include "fuzz_common.h"

#include "ingest.h"
#include "submission.h"
#include "xls_reader.h"
#include "fuzz_book.h"

/* FreeXL 1.0.6 loses a few hundred bytes inside freexl_open on some
 * damaged workbooks (tests/fuzz/regressions/xls/freexl-leak-*.xls): the
 * blocks are allocated and dropped by the library itself (the stack
 * shows libfreexl right above malloc) and freexl_close cannot free them,
 * so LeakSanitizer is told that blocks FreeXL allocates are not ours.
 * That would also hide a freexl_close we forgot; the unit tests
 * (test_xls_reader, test_hostile) run under ASan without this
 * suppression and would show it.  Our own leaks stay reported here.
 * valgrind: tests/valgrind.supp. */
#ifdef __SANITIZE_ADDRESS__
#define FUZZ_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FUZZ_ASAN 1
#endif
#endif
#ifdef FUZZ_ASAN
const char *__lsan_default_options(void);
const char *__lsan_default_options(void)
{
    return "print_suppressions=0";
}
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:libfreexl.so\n";
}
#endif

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    fuzz_validator_setup((*argv)[0]);
    fuzz_file_open("xls", 0);
    return 0;
}

static void read_book(void)
{
    bc_diag *d = diag_new();
    xls_book *b = NULL;
    if (!d)
        return;
    bc_status st = xls_open(fuzz_path, d, &b);
    fuzz_check((st == BC_OK) == (b != NULL));
    fuzz_check(b || st == BC_ERR_NOMEM || diag_count_sev(d, BC_SEV_ERROR));
    for (size_t i = 0; b && i < xls_sheet_count(b); i++) {
        const char *name = xls_sheet_name(b, i);
        fuzz_check(name && text_utf8_valid(name, strlen(name)));
        (void)xls_sheet_state_of(b, i);
        cells k = {name, XLS_MAX_ROW, XLS_MAX_COL, 0};
        st = xls_sheet_rows(b, i, on_cell, &k);
        fuzz_check(st != BC_ERR_USAGE);
    }
    if (b) {
        fuzz_check(xls_sheet_name(b, xls_sheet_count(b)) == NULL);
        fuzz_check(xls_sheet_rows(b, xls_sheet_count(b), on_cell, NULL) ==
                   BC_ERR_USAGE);
        (void)xls_date1904(b);
    }
    xls_close(b);
    fuzz_findings(d);
    diag_free(d);
}

static void ingest_book(void)
{
    bc_validator *v = fuzz_validator_setup(NULL);
    bc_diag *d = diag_new();
    xmlDocPtr doc = NULL;
    if (!d)
        return;
    bc_status st = ingest_xlsx(fuzz_path, d, &doc);
    fuzz_check((st == BC_OK) == (doc != NULL));
    fuzz_check(doc || st == BC_ERR_NOMEM || diag_count_sev(d, BC_SEV_ERROR));
    if (doc) {
        submission *s = NULL;
        st = validate_doc(v, doc, "fuzz.xls", 2024, d, &s);
        fuzz_check(st != BC_ERR_INTERNAL);
        fuzz_check(st != BC_OK || s);
        submission_free(s);
        xmlFreeDoc(doc);
    }
    fuzz_findings(d);
    diag_free(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_file_write(data, size);
    read_book();
    ingest_book();
    return 0;
}
