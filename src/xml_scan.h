/* xml_scan.h - a small, strict scanner for the XML of workbook parts.
 *
 * The parts of an .xlsx (sheets, shared strings, the workbook, styles)
 * are XML of a plain kind: elements, attributes, text, character and the
 * five predefined entity references, namespace declarations, comments.
 * libxml2's push parser reads them well but spent 40 % of a workbook's
 * time doing so.  xml_scan reads that plain kind itself, in about half
 * the instructions, and gives the same events libxml2's SAX2 parser gives
 * xlsx_reader.c (element local names, attributes as libxml2's five
 * pointers, decoded text) - or says it is not sure, and then the part is
 * parsed by libxml2 from its start, which reports any fault with its own
 * words and does not deliver again the events already delivered.  "Not
 * sure" is anything outside the plain kind (a DOCTYPE, a processing
 * instruction, CDATA, an encoding other than UTF-8, a name that is not
 * ASCII, an undeclared prefix, nesting deeper than allowed, a token
 * longer than 256 KiB) and anything that is not well-formed.  So the scanner never accepts
 * what libxml2 refuses: tests/unit/test_xml_scan.c compares the two on
 * every part of the project's workbooks and on many thousands of damaged
 * copies of them, fed whole and in pieces.
 */
#ifndef BC_XML_SCAN_H
#define BC_XML_SCAN_H

#include <libxml/xmlstring.h>
#include <stddef.h>

/* The events, as xlsx_reader.c's part handlers take them: name is an
 * element's local name; attrs are nattr groups of five pointers (local
 * name, prefix or NULL, namespace URI or NULL, value, end of value; the
 * names NUL-terminated), namespace declarations left out, a '&' of a
 * value given as "&#38;" as libxml2 gives it; empty is 1 for <x/>.  text
 * gets the text between tags decoded (line ends as "\n"), possibly in
 * several pieces.  stop (may be NULL) is asked before each token is
 * read: nonzero ends the delivery (and the feed returns XML_SCAN_OK). */
typedef struct xml_scan_events {
    void (*start)(void *ctx, const char *name, int empty, int nattr,
                  const xmlChar **attrs);
    void (*end)(void *ctx, const char *name);
    void (*text)(void *ctx, const char *s, size_t len);
    int (*stop)(void *ctx);
} xml_scan_events;

typedef enum xml_scan_result {
    XML_SCAN_OK,      /* the plain kind, well-formed, all of it read (or
                         the delivery was stopped) */
    XML_SCAN_MORE,    /* sure so far: feed it more of the document */
    XML_SCAN_UNSURE,  /* not the plain kind, or not well-formed */
    XML_SCAN_NOMEM
} xml_scan_result;

typedef struct xml_scan xml_scan;

/* A scanner of one document, elements nested at most max_depth deep,
 * delivering to ev (borrowed; ctx passed on).  NULL when out of memory. */
xml_scan *xml_scan_new(int max_depth, const xml_scan_events *ev, void *ctx);

/* Reads doc[0..len): the document so far (not NUL-terminated), the same
 * bytes as at the last call and maybe more after them (the buffer may
 * have moved); final when that is all of it.  Delivers the events of
 * what it read, each as soon as it is sure of it (a text just before the
 * next tag event, so that what is delivered is always whole tags and the
 * text before them).  After XML_SCAN_UNSURE, the document is for libxml2,
 * which should not deliver again the first xml_scan_delivered() start
 * and end events (and the text before them); after XML_SCAN_OK, nothing
 * more is read. */
xml_scan_result xml_scan_feed(xml_scan *s, const char *doc, size_t len, int final);

/* The start and end events delivered so far (<x/> counts two). */
size_t xml_scan_delivered(const xml_scan *s);

/* Frees; accepts NULL. */
void xml_scan_free(xml_scan *s);

#endif
