/* submission.h - one unit's submission for one year, in memory.
 *
 * Every input format (XML, XLSX, XLS) is first turned into the canonical
 * submission document (templates/schema/submission.xsd, docs/submission.md).
 * submission_from_doc reads that document into this structure (an XML
 * file that is in order is streamed into it instead, submission_from_xml),
 * keeping the raw text of every field and where it came from; validation
 * (validate.h) then resolves the fields (the *_v members) and reports
 * what is wrong.  The document can be freed as soon as the structure is
 * built.
 *
 * Everything is allocated in the submission's own arena and freed by
 * submission_free.
 */
#ifndef BC_SUBMISSION_H
#define BC_SUBMISSION_H

#include <libxml/tree.h>
#include <libxml/xmlschemas.h>
#include <stddef.h>

#include "date.h"
#include "diag.h"
#include "money.h"
#include "util.h"

/* Where a value came from: an XML line, or a workbook cell ("Sheet!C7",
 * from the canonical document's src attribute). */
typedef struct sub_loc {
    unsigned line;
    const char *cell;
} sub_loc;

/* A raw field: trimmed, NFC text (internal runs of white space kept as
 * typed), or s == NULL when the element is absent or empty. */
typedef struct sub_text {
    const char *s;
    sub_loc at;
} sub_text;

typedef enum rec_status {
    REC_FILED = 0, /* "filed": application lodged, pending */
    REC_GRANTED,   /* "granted": protection granted */
    REC_REFUSED,   /* "refused": application refused or withdrawn */
    REC__UNKNOWN
} rec_status;

typedef struct sub_record {
    sub_loc at; /* the <record> element */
    sub_text kind, status, application, filed, granted, certificate, name,
        product, owner, place, task;
    /* resolved by validation */
    int kind_v;            /* index into plan kinds, -1 if unknown */
    rec_status status_v;
    bc_date filed_v, granted_v; /* 0 if absent or invalid */
    const char *appno_v;   /* normalised application number, e.g.
                              "4-2024-01234" (prefixes such as "ĐN"
                              removed), NULL if invalid */
} sub_record;

typedef struct sub_activity {
    sub_loc at;
    sub_text task, date, kind, title, classes, participants;
    const char *task_v;    /* plan Part A id, NULL if unknown */
    bc_date date_v;
    long classes_v, participants_v; /* -1 if absent */
} sub_activity;

/* Development support given to an already protected NHTT/NHCN (target
 * T8). */
typedef struct sub_support {
    sub_loc at;
    sub_text mark, kind, date, task, content;
    int kind_v;
    bc_date date_v;
    const char *task_v;
} sub_support;

typedef struct sub_budget {
    sub_loc at;
    sub_text task, allocated, disbursed, note;
    const char *task_v;    /* plan Part B id, NULL if unknown */
    bc_money allocated_v, disbursed_v;
    int amounts_ok;        /* 1 when both amounts parsed */
} sub_budget;

typedef struct submission {
    bc_arena *arena;
    const char *file;   /* path as given by the user */
    int cycle;          /* the year folder it was found in (0 if none) */
    sub_loc at;         /* the root element */
    /* root attributes */
    sub_text format, unit, year, date, illustrative;
    /* <contact> */
    sub_text contact_name, contact_role, contact_phone, contact_email;
    /* <narrative> */
    sub_text results, difficulties, proposals;

    sub_record *records;      size_t n_records;
    sub_activity *activities; size_t n_activities;
    sub_support *supports;    size_t n_supports;
    sub_budget *budget;       size_t n_budget;

    /* resolved by validation */
    const char *unit_v;  /* unit code as in the plan, NULL if unknown */
    int year_v;          /* 0 if invalid */
    bc_date date_v;      /* the submission's own date, 0 if absent */
    int illustrative_v;  /* 1 if marked as sample data */
} submission;

/* Builds a submission from a canonical document.  file is copied.  The
 * document is only read.  Structural problems that the schema did not
 * catch are added to d.  Returns NULL only when memory runs out. */
submission *submission_from_doc(xmlDocPtr doc, const char *file, int cycle,
                                bc_diag *d);

/* The most fields one element of the document holds (a record has 11);
 * test_submission checks the form's tables against it. */
#define SUBMISSION_MAX_FIELDS 32

/* The fast way for an XML submission file, its bytes buf[0..len): streams
 * it (xmlio_stream) through the schema and straight into a new
 * submission, no document built.  Returns 1 and *out (caller frees with
 * submission_free) exactly as xmlio_read_file, xmlio_validate and
 * submission_from_doc would have made it, with no finding to report; 0
 * and *out NULL when the file is anything but a valid submission read
 * without a single message (or memory ran out): the caller then reads it
 * the ordinary way, which reports what it is.  Adds no finding. */
int submission_from_xml(const char *buf, size_t len, xmlSchemaPtr schema,
                        const char *file, int cycle, submission **out);

/* Frees the submission and its arena; accepts NULL. */
void submission_free(submission *s);

/* Fills a bc_loc for a place in this submission. */
bc_loc submission_loc(const submission *s, sub_loc at);

/* The string of a status: "filed", "granted", "refused". */
const char *rec_status_name(rec_status st);

#endif
