/* ingest.h - every input format -> the canonical submission document.
 *
 * A reader turns one input file into the canonical submission document
 * (templates/schema/submission.xsd, docs/submission.md) and reports what
 * it could not read as findings.  It does not validate: validate.h does
 * that for every format alike.
 */
#ifndef BC_INGEST_H
#define BC_INGEST_H

#include <libxml/tree.h>

#include "diag.h"
#include "status.h"

/* Reads an XML submission file (safely, through xmlio_read_file) and
 * checks that its root element is <submission> (finding INGEST-ROOT
 * otherwise).  The document is already canonical: nothing is changed.
 * On BC_OK *out owns the document (free with xmlFreeDoc); on any failure
 * *out is NULL and the status is BC_ERR_IO, BC_ERR_PARSE, BC_ERR_LIMIT,
 * BC_ERR_NOMEM (from reading) or BC_ERR_INVALID (wrong root). */
bc_status ingest_xml(const char *path, bc_diag *d, xmlDocPtr *out);

/* Reads a submission workbook, .xlsx or .xls (through book.h; .xlsm too, macros never run): the official
 * form (docs/forms.md) or a variant of it (sheets and header rows are
 * found by their folded labels, columns may be reordered, title, blank, totals and note rows
 * are skipped) into the canonical document, every element built from a
 * cell carrying src="Sheet!C7".  Values that cannot be converted are put
 * in as typed (validation then reports them at the cell); a number typed
 * ambiguously or wrongly also gets XLSX-NUMBER here.  Findings: the
 * reader's XLSX-* codes, XLSX-HEADER (a table sheet without a recognised
 * header row), XLSX-VERSION (unknown form version), XLSX-SHEET (no unit or
 * year found).  Ownership and statuses as ingest_xml (BC_ERR_INVALID when
 * the workbook cannot be mapped). */
bc_status ingest_xlsx(const char *path, bc_diag *d, xmlDocPtr *out);

/* Reads any supported input, choosing the reader by the file's extension
 * (case-insensitive): .xml -> ingest_xml, .xlsx, .xlsm and .xls -> ingest_xlsx.
 * Any other extension: finding INGEST-FORMAT and BC_ERR_INVALID.
 * Ownership as ingest_xml. */
bc_status ingest_file(const char *path, bc_diag *d, xmlDocPtr *out);

/* 1 if name has an extension the tool accepts as a submission (.xml,
 * .xlsx, .xls, any case), 0 otherwise.  Lets a run list a folder. */
int ingest_supported(const char *name);

#endif
