/* fuzz_xlsx.c - a workbook (.xlsx), byte for byte.
 *
 * Two passes over each input:
 *   1. the reader alone: xlsx_open_memory, then every sheet streamed with
 *      xlsx_sheet_rows and its merged ranges read with xlsx_sheet_merges;
 *      every cell handed out is checked against the contract of
 *      xlsx_reader.h (row and column in range, ref and place agreeing
 *      with them, text never NULL and valid UTF-8);
 *   2. the whole path of `baocao validate`: ingest_xlsx over the same
 *      bytes (it takes a path: the bytes are written to an anonymous
 *      memory file reached through /proc/self/fd, else to a temporary
 *      file, one per process, rewritten for every input), then
 *      validate_doc with the real plan when a document came out.
 * Every finding is printed (to /dev/null) and must be valid UTF-8.
 * Nothing is kept from one input to the next.  See fuzz_common.h for the
 * regression program.
 */
#define _GNU_SOURCE /* memfd_create */
#define FUZZ_NAME "xlsx"
#include "fuzz_common.h"

#include "ingest.h"
#include "submission.h"
#include "xlsx_reader.h"
#include "fuzz_book.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    fuzz_validator_setup((*argv)[0]);
    fuzz_file_open("xlsx", 1);
    return 0;
}

static void read_book(const uint8_t *data, size_t size)
{
    bc_diag *d = diag_new();
    xlsx_book *b = NULL;
    if (!d)
        return;
    bc_status st = xlsx_open_memory(data, size, "fuzz.xlsx", d, &b);
    fuzz_check((st == BC_OK) == (b != NULL));
    fuzz_check(b || st == BC_ERR_NOMEM || diag_count_sev(d, BC_SEV_ERROR));
    for (size_t i = 0; b && i < xlsx_sheet_count(b); i++) {
        const char *name = xlsx_sheet_name(b, i);
        fuzz_check(name && text_utf8_valid(name, strlen(name)));
        size_t idx = (size_t)-1;
        fuzz_check(xlsx_sheet_find(b, name, &idx) == BC_OK && idx <= i);
        (void)xlsx_sheet_state_of(b, i);
        cells k = {name, XLSX_MAX_ROW, XLSX_MAX_COL, 0};
        st = xlsx_sheet_rows(b, i, on_cell, &k);
        fuzz_check(st != BC_ERR_USAGE);
        const xlsx_range *m = NULL;
        size_t nm = 0;
        st = xlsx_sheet_merges(b, i, &m, &nm);
        for (size_t j = 0; j < nm; j++) {
            fuzz_check(m[j].first_row >= 1 && m[j].first_col >= 1);
            fuzz_check(m[j].first_row <= m[j].last_row &&
                       m[j].first_col <= m[j].last_col);
            fuzz_check(m[j].last_row <= XLSX_MAX_ROW &&
                       m[j].last_col <= XLSX_MAX_COL);
        }
    }
    if (b) {
        fuzz_check(xlsx_sheet_name(b, xlsx_sheet_count(b)) == NULL);
        fuzz_check(xlsx_sheet_rows(b, xlsx_sheet_count(b), on_cell, NULL) ==
                   BC_ERR_USAGE);
        (void)xlsx_date1904(b);
    }
    xlsx_close(b);
    fuzz_findings(d);
    diag_free(d);
}

static void ingest_book(const uint8_t *data, size_t size)
{
    bc_validator *v = fuzz_validator_setup(NULL);
    bc_diag *d = diag_new();
    xmlDocPtr doc = NULL;
    if (!d)
        return;
    fuzz_file_write(data, size);
    bc_status st = ingest_xlsx(fuzz_path, d, &doc);
    fuzz_check((st == BC_OK) == (doc != NULL));
    fuzz_check(doc || st == BC_ERR_NOMEM || diag_count_sev(d, BC_SEV_ERROR));
    if (doc) {
        submission *s = NULL;
        st = validate_doc(v, doc, "fuzz.xlsx", 2024, d, &s);
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
    read_book(data, size);
    ingest_book(data, size);
    return 0;
}
