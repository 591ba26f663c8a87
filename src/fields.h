/* fields.h - the submission form's tables, declared once.
 *
 * Each table of the official workbook (a sheet: its name and the names a
 * clerk may have renamed it to; the canonical elements it fills) and each
 * of its columns (the element it fills, the kind of value, the dropdown it
 * offers, whether the schema requires it, the column label the form
 * prints and findings quote, its width, and the folded labels a clerk's
 * edited header may use instead).  form.c writes the form from it,
 * ingest_xlsx.c reads workbooks by it, submission.c reads the canonical
 * document's items into their structs by it, validate.c's messages quote
 * its labels, and test_fields checks docs/forms.md against it. */
#ifndef BC_FIELDS_H
#define BC_FIELDS_H

#include <stddef.h>

/* What a column holds.  The first six are also the form's cell formats,
 * in this order. */
typedef enum field_type {
    FIELD_TEXT,   /* free text */
    FIELD_CODE,   /* a code or number kept as typed (format "@") */
    FIELD_DATE,   /* dd/mm/yyyy */
    FIELD_AMOUNT, /* triệu đồng, #,##0.000, >= 0 */
    FIELD_COUNT,  /* an integer >= 0 */
    FIELD_LIST,   /* a dropdown "CODE - label" of the lists sheet */
    FIELD_STATUS  /* the status dropdown (read as its code) */
} field_type;

/* The dropdown lists of the form's lists sheet. */
enum { FORM_LIST_KIND, FORM_LIST_STATUS, FORM_LIST_TASK, FORM_LIST_ACTIVITY,
       FORM_LIST_SUPPORT_KIND, FORM_LIST__COUNT };

#define FIELD_MAX_LABELS 6

/* An entry of a dropdown list: the code stored, the label shown. */
typedef struct form_choice {
    const char *code;
    const char *label;
} form_choice;

/* The status dropdown (FORM_LIST_STATUS), in the form's order. */
#define FORM_N_STATUSES 3
extern const form_choice FORM_STATUSES[FORM_N_STATUSES];

typedef struct form_field {
    const char *elem;     /* the element of the canonical submission */
    field_type kind;
    int list;             /* FORM_LIST_* for FIELD_LIST / FIELD_STATUS */
    int required;         /* the schema requires the element */
    const char *header;   /* the form's column label */
    double width;         /* the form's column width */
    const char *labels[FIELD_MAX_LABELS]; /* folded labels accepted when
                                             reading, NULL-terminated */
    size_t sub_at;        /* where submission.c keeps its text: the offset
                             of its sub_text in the item's struct */
} form_field;

typedef struct form_table {
    const char *sheet;     /* the form's sheet name */
    const char *list_elem; /* "records" */
    const char *item_elem; /* "record" */
    const char *names[FIELD_MAX_LABELS]; /* folded sheet names accepted */
    const form_field *fields;
    size_t n_fields;
    size_t item_size; /* the item's struct in submission.h (sub_record...),
                         whose first member is its sub_loc */
} form_table;

/* The four tables: records, activities, supports, budget lines. */
enum { FORM_TABLE_RECORDS, FORM_TABLE_ACTIVITIES, FORM_TABLE_SUPPORTS,
       FORM_TABLE_BUDGET };
#define FORM_N_TABLES 4
extern const form_table FORM_TABLES[FORM_N_TABLES];

/* The form's column label of element elem in the table whose items are
 * item_elem ("record", "activity", "support", "line"); NULL if none. */
const char *fields_header(const char *item_elem, const char *elem);

#endif
