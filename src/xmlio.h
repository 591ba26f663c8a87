/* xmlio.h - the only place XML is parsed, validated against XSD and saved.
 *
 * Submissions come from outside the department: they are parsed without
 * network access, without loading any DTD and without substituting
 * entities, and a document carrying a DOCTYPE is refused.  Every libxml2
 * error is captured (never printed) and turned into a finding with the
 * file and line, in Vietnamese.
 */
#ifndef BC_XMLIO_H
#define BC_XMLIO_H

#include <libxml/tree.h>
#include <libxml/xmlschemas.h>

#include "diag.h"
#include "status.h"

/* Libxml2 set-up for the whole program; call once from main before any
 * thread starts.  Idempotent.  From then on libxml2's and libxslt's own
 * messages outside a capture of ours (out of memory deep inside the
 * library, say) are never printed: xmlio_library_message keeps them. */
void xmlio_init(void);

/* The generic error handler installed by xmlio_init (and restored by
 * whoever captures errors for a while, render.c): keeps the first
 * XMLIO_LIBRARY_KEEP printable ASCII messages, each cut to 300 bytes, and
 * counts the others (out of memory libxml2 may format garbage bytes); a
 * message that memory ran out is kept as that fact.  Thread-safe; cannot
 * fail. */
void xmlio_library_message(void *ctx, const char *msg, ...)
    __attribute__((format(printf, 2, 3)));
#define XMLIO_LIBRARY_KEEP 5

/* 1 once any libxml2 or libxslt message of the process said memory ran
 * out (never reset): a failure of parsing, validation or a transform is
 * then told as memory, not as a broken file or template. */
int xmlio_nomem_seen(void);

/* Moves the messages kept so far into d as warnings XML-LIBRARY (one more
 * says how many were left out) and forgets them.  Returns how many
 * findings were added. */
size_t xmlio_library_findings(bc_diag *d);

/* The largest XML submission read (a real one is a few hundred KB; its
 * document takes several times its size in memory), and the largest
 * trusted file (plan, templates). */
#define XMLIO_MAX_SUBMISSION_BYTES ((size_t)16 << 20)
#define XMLIO_MAX_TRUSTED_BYTES ((size_t)64 << 20)

/* Parses an untrusted XML file: one larger than XMLIO_MAX_SUBMISSION_BYTES
 * is refused unread (INPUT-LIMIT), one whose prolog holds a DOCTYPE is
 * refused before parsing (XML-DOCTYPE).  Other errors go to d (XML-PARSE)
 * with the line.  Returns the document (caller frees with xmlFreeDoc) or
 * NULL; *st (may be NULL) gets BC_OK, BC_ERR_IO, BC_ERR_LIMIT,
 * BC_ERR_PARSE or BC_ERR_NOMEM. */
xmlDocPtr xmlio_read_file(const char *path, bc_diag *d, bc_status *st);

/* The same for a document in memory; name is used in findings. */
xmlDocPtr xmlio_read_memory(const char *buf, size_t len, const char *name,
                            bc_diag *d, bc_status *st);

/* Parses a trusted file shipped with the program (plan, XSLT, settings):
 * same safety options, DOCTYPE allowed but never loaded. */
xmlDocPtr xmlio_read_trusted(const char *path, bc_diag *d, bc_status *st);

/* Compiles an XSD.  Errors go to d (code XSD-LOAD).  NULL on failure. */
xmlSchemaPtr xmlio_schema_load(const char *path, bc_diag *d);

/* Validates doc against a compiled schema.  Each violation becomes one
 * error finding (code XSD) at its line (or at the cell named by the
 * nearest src attribute), in Vietnamese, naming the element or attribute,
 * the value found and what was expected.  Returns 0 if valid, the number
 * of violations if not, -1 on an internal error.  Thread-safe as long as
 * each thread passes its own document. */
int xmlio_validate(xmlSchemaPtr schema, xmlDocPtr doc, const char *file,
                   bc_diag *d);

/* The events xmlio_stream hands on, each with the user pointer it was
 * given.  An element's start gets its local name, its namespace URI (NULL
 * when none), its line, and its attributes as libxml2's SAX2 gives them:
 * n_attrs tuples of five pointers (local name, prefix, URI, value, end of
 * value; the value is not NUL-terminated).  text gets character data
 * (entities and character references already replaced, CDATA sections as
 * text: what xmlNodeGetContent would return, in pieces).  A callback
 * returns 0 to go on, anything else to hear no more events (xmlio_stream
 * then returns 0). */
typedef struct xmlio_events {
    int (*start)(void *user, const xmlChar *name, const xmlChar *uri,
                 unsigned line, int n_attrs, const xmlChar **attrs);
    int (*end)(void *user);
    int (*text)(void *user, const xmlChar *s, int len);
} xmlio_events;

/* Streams an untrusted document in memory through ev, validating it
 * against schema as it goes, without building a tree.  The fast path for
 * a submission that is in order: anything out of the ordinary ends the
 * stream and returns 0, and the caller then reads the file the ordinary
 * way (xmlio_read_file, xmlio_validate), which reports what it is.  Out
 * of the ordinary: a DOCTYPE, any parse error or warning, any schema
 * violation, a line past 65535 (line numbers there follow libxml2's own
 * rules for big documents), an attribute in a namespace (the tree
 * builder checks xml:id), an attribute value holding '&' (libxml2 passes
 * it escaped), a callback asking to stop, memory running out.
 * Returns 1 when the whole document was streamed well-formed and valid
 * with not one message.  Adds no finding anywhere; thread-safe as
 * xmlio_validate. */
int xmlio_stream(const char *buf, size_t len, xmlSchemaPtr schema,
                 const xmlio_events *ev, void *user);

/* Serialises doc (UTF-8, indented) to path atomically. */
bc_status xmlio_save_atomic(xmlDocPtr doc, const char *path);

/* Serialises doc (UTF-8, indented) into a new buffer; caller frees with
 * xmlFree.  NULL when out of memory. */
xmlChar *xmlio_dump(xmlDocPtr doc, int *len);

/* The trimmed text content of a node as a new malloc'ed string ("" if
 * none); NULL when out of memory. */
char *xmlio_text(xmlNodePtr n);

/* The value of an attribute (malloc'ed), or NULL when absent. */
char *xmlio_attr(xmlNodePtr n, const char *name);

/* The first element child of n named name, or NULL. */
xmlNodePtr xmlio_child(xmlNodePtr n, const char *name);

/* The next element sibling of n named name (any name if NULL), or NULL. */
xmlNodePtr xmlio_next(xmlNodePtr n, const char *name);

/* The number of element children of n named name (0 when n is NULL). */
size_t xmlio_count(xmlNodePtr n, const char *name);

/* The line of a node (works beyond 65535 lines). */
unsigned xmlio_line(xmlNodePtr n);

#endif
