/* fuzz_xml.c - an XML submission, byte for byte, as `baocao validate`
 * reads it: xmlio_read_memory (DOCTYPE refused, no network, no entities),
 * the root check of ingest_xml, then what validate_doc does with the real
 * plan (templates/plan/de-an-2030.xml, plan.xsd, submission.xsd, loaded
 * once): XSD, submission_from_doc, every rule.  Every finding is printed
 * (to /dev/null) and must be valid UTF-8.  Nothing is kept from one input
 * to the next: each gets a new sink, and the document and submission are
 * freed.  See fuzz_common.h for the regression program.
 */
#define FUZZ_NAME "xml"
#include "fuzz_common.h"

#include "ingest.h"
#include "submission.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    fuzz_validator_setup((*argv)[0]);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    bc_validator *v = fuzz_validator_setup(NULL);
    bc_diag *d = diag_new();
    if (!d)
        return 0;
    bc_status st = BC_OK;
    xmlDocPtr doc = xmlio_read_memory((const char *)data, size, "fuzz.xml",
                                      d, &st);
    fuzz_check((doc != NULL) == (st == BC_OK));
    /* every refusal says why, except running out of memory */
    fuzz_check(doc || st == BC_ERR_NOMEM || diag_count_sev(d, BC_SEV_ERROR));
    xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (root && !root->ns && xmlStrEqual(root->name, BAD_CAST "submission")) {
        submission *s = NULL;
        size_t before = diag_count_sev(d, BC_SEV_ERROR);
        st = validate_doc(v, doc, "fuzz.xml", 2024, d, &s);
        fuzz_check(st != BC_ERR_INTERNAL);
        /* rejected exactly when an error was found */
        fuzz_check(st == BC_ERR_NOMEM ||
                   (st == BC_ERR_INVALID) ==
                       (diag_count_sev(d, BC_SEV_ERROR) > before));
        fuzz_check(st != BC_OK || s);
        submission_free(s);
    }
    xmlFreeDoc(doc);
    fuzz_findings(d);
    diag_free(d);
    return 0;
}
