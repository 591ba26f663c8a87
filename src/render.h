/* render.h - XSLT runs over the aggregate document.
 *
 * Every report is a template (an .xsl file in templates/xslt) applied to the
 * aggregate document (templates/schema/aggregate.xsd) and nothing else.
 * Templates are trusted files shipped with the program, but they still
 * run with the brakes on: a transform may read files (xsl:include of
 * common.xsl) but may not write files, create folders or touch the
 * network.  A template that fails to load or run becomes a finding with
 * code TEMPLATE naming the template file and line.
 *
 * Not thread-safe: libxslt's generic error handler is process-wide and is
 * set for the duration of each call.
 */
#ifndef BC_RENDER_H
#define BC_RENDER_H

#include <libxml/tree.h>

#include "diag.h"
#include "status.h"

/* Applies the stylesheet at xsl_path to agg (borrowed, not modified) and
 * writes the serialised result (as its xsl:output says, normally HTML)
 * to out_path atomically.  params is NULL or a NULL-terminated list of
 * name, value pairs of string parameters; each value is passed literally
 * (xsltQuoteOneUserParam), never evaluated as XPath.  Returns BC_OK,
 * BC_ERR_TEMPLATE (findings in d), BC_ERR_IO (out_path not written; a
 * FILE-WRITE finding) or BC_ERR_NOMEM.  On failure out_path is untouched. */
bc_status render_html_params(const char *xsl_path, xmlDocPtr agg,
                             const char *const *params, const char *out_path,
                             bc_diag *d);

/* render_html_params without parameters. */
bc_status render_html(const char *xsl_path, xmlDocPtr agg,
                      const char *out_path, bc_diag *d);

/* A stylesheet compiled once and applied to many documents (the chunks
 * of a long detail, detail.h). */
typedef struct bc_template bc_template;

/* Compiles the stylesheet at xsl_path.  NULL on failure, with *st set
 * (BC_ERR_TEMPLATE with findings in d, or BC_ERR_NOMEM). */
bc_template *render_template_load(const char *xsl_path, bc_diag *d,
                                  bc_status *st);

/* Applies t to doc (borrowed) with params (as render_html_params); *out
 * gets the result tree (caller frees) or NULL on failure.  Status as
 * render_doc_params. */
bc_status render_template_apply(bc_template *t, xmlDocPtr doc,
                                const char *const *params, bc_diag *d,
                                xmlDocPtr *out);

/* Frees t; accepts NULL. */
void render_template_free(bc_template *t);

/* Applies the stylesheet at xsl_path to agg and returns the result tree
 * (the workbook description) in *out; the caller frees it with
 * xmlFreeDoc.  *out is NULL on failure.  Status as render_html_params,
 * without BC_ERR_IO. */
bc_status render_doc(const char *xsl_path, xmlDocPtr agg, bc_diag *d,
                     xmlDocPtr *out);

/* render_doc with XSLT parameters params (as render_html_params): the
 * figures checker asks bao-cao-xlsx.xsl for the paths of the figures. */
bc_status render_doc_params(const char *xsl_path, xmlDocPtr agg,
                            const char *const *params, bc_diag *d,
                            xmlDocPtr *out);

#endif
