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

/* An .xlsx larger than this is refused unread (finding INPUT-LIMIT; an
 * .xls is limited to 32 MiB by xls_reader.h), and so is an .xlsx whose sheets and shared strings
 * inflate to more than INGEST_MAX_WORKBOOK_SHEET_BYTES (as its zip
 * directory says; about INGEST_ROWS_HINT rows of the official form):
 * reading one costs some 14 bytes of memory per byte of sheet XML, so one
 * file stays near 120 MB and a run on two threads well under 800 MB. */
#define INGEST_MAX_WORKBOOK_BYTES (64ull << 20)
#define INGEST_MAX_WORKBOOK_SHEET_BYTES (8ull << 20)
#define INGEST_ROWS_HINT 17000u

/* Reads any supported input, choosing the reader by the file's extension
 * (case-insensitive): .xml -> ingest_xml, .xlsx, .xlsm and .xls ->
 * ingest_xlsx (an .xlsm's macros are never run: only its cells are read).
 * Any other extension: finding INGEST-FORMAT and BC_ERR_INVALID.  First
 * the file is opened non-blocking and must be a regular file (finding
 * INPUT-NOT-FILE, or FILE-READ when it cannot be opened: BC_ERR_IO), and a
 * workbook within the limits above (INPUT-LIMIT, BC_ERR_LIMIT); nothing
 * ever waits on a FIFO.  Ownership as ingest_xml. */
bc_status ingest_file(const char *path, bc_diag *d, xmlDocPtr *out);

/* 1 if name has an extension the tool accepts as a submission (.xml,
 * .xlsx, .xls, any case), 0 otherwise.  Lets a run list a folder. */
int ingest_supported(const char *name);

#endif
