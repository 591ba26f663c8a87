/* test_fields.c - the form's one field table (src/fields.h): the form it
 * writes is the form it reads, and docs/forms.md describes exactly it. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>

#include "fields.h"
#include "text.h"
#include "util.h"

/* Every column's printed label is one the reader accepts, and no two
 * columns of a table share a label (a header would map to two fields). */
static void test_labels_read_back(void **state)
{
    (void)state;
    assert_int_equal(FORM_N_TABLES, 4);
    for (size_t t = 0; t < FORM_N_TABLES; t++) {
        const form_table *tb = &FORM_TABLES[t];
        char *sheet = text_fold(tb->sheet);
        int named = 0;
        for (size_t k = 0; k < FIELD_MAX_LABELS && tb->names[k]; k++)
            named |= strcmp(sheet, tb->names[k]) == 0;
        if (!named)
            fail_msg("sheet «%s» does not read back", tb->sheet);
        free(sheet);
        for (size_t f = 0; f < tb->n_fields; f++) {
            const form_field *fd = &tb->fields[f];
            /* a header's unit "(triệu đồng)" is read apart */
            char *base = bc_strdup(fd->header);
            char *paren = strstr(base, " (");
            if (paren)
                *paren = '\0';
            char *key = text_fold(base);
            free(base);
            int hit = 0;
            for (size_t k = 0; k < FIELD_MAX_LABELS && fd->labels[k]; k++)
                hit |= strcmp(key, fd->labels[k]) == 0;
            if (!hit)
                fail_msg("%s: column «%s» does not read back", tb->sheet,
                         fd->header);
            for (size_t g = 0; g < f; g++)
                if (strcmp(tb->fields[g].labels[0], fd->labels[0]) == 0)
                    fail_msg("%s: two columns read as «%s»", tb->sheet,
                             fd->labels[0]);
            free(key);
            /* the lists are the dropdown kinds only */
            if (fd->kind == FIELD_STATUS)
                assert_int_equal(fd->list, FORM_LIST_STATUS);
        }
    }
    assert_string_equal(fields_header("line", "disbursed"),
                        "Đã giải ngân (triệu đồng)");
    assert_string_equal(fields_header("record", "granted"), "Ngày cấp bằng");
    assert_null(fields_header("record", "colour"));
}

/* docs/forms.md has, for each table, a "### N. `Sheet`" section whose
 * rows "| A | header | `field` | ..." are the table's columns in order. */
static void test_docs_match(void **state)
{
    (void)state;
    size_t len;
    char *doc = NULL;
    assert_int_equal(bc_read_file("docs/forms.md", 1 << 20, &doc, &len), BC_OK);
    for (size_t t = 0; t < FORM_N_TABLES; t++) {
        const form_table *tb = &FORM_TABLES[t];
        char head[128];
        snprintf(head, sizeof head, ". `%s`", tb->sheet);
        const char *sec = strstr(doc, head);
        if (!sec)
            fail_msg("docs/forms.md has no section for «%s»", tb->sheet);
        const char *end = strstr(sec + 1, "\n### ");
        for (size_t f = 0; f < tb->n_fields; f++) {
            char row[256];
            snprintf(row, sizeof row, "\n| %c | %s | `%s` |", (char)('A' + f),
                     tb->fields[f].header, tb->fields[f].elem);
            const char *hit = strstr(sec, row);
            if (!hit || (end && hit > end))
                fail_msg("docs/forms.md, «%s»: no row «%s»", tb->sheet, row + 1);
        }
        /* and no more columns than the table has */
        char extra[16];
        snprintf(extra, sizeof extra, "\n| %c | ", (char)('A' + tb->n_fields));
        const char *more = strstr(sec, extra);
        if (more && (!end || more < end))
            fail_msg("docs/forms.md, «%s»: a column the form does not have",
                     tb->sheet);
    }
    free(doc);
}

/* Every column a validation message quotes ("cột «Ngày cấp bằng»") is a
 * column of the form, as printed (a money column without its unit): the
 * messages cannot drift from the form's words. */
static void test_messages_quote_the_form(void **state)
{
    (void)state;
    size_t len, n = 0;
    char *src = NULL;
    assert_int_equal(bc_read_file("src/validate.c", 1 << 22, &src, &len),
                     BC_OK);
    for (const char *p = src; (p = strstr(p, "cột «")) != NULL; n++) {
        p += strlen("cột «");
        const char *e = strstr(p, "»");
        assert_non_null(e);
        int known = 0;
        for (size_t t = 0; t < FORM_N_TABLES && !known; t++)
            for (size_t f = 0; f < FORM_TABLES[t].n_fields && !known; f++) {
                const char *h = FORM_TABLES[t].fields[f].header;
                size_t k = (size_t)(e - p);
                known = strncmp(h, p, k) == 0 &&
                        (h[k] == '\0' || strncmp(h + k, " (", 2) == 0);
            }
        if (!known)
            fail_msg("src/validate.c quotes a column the form does not have: "
                     "«%.*s»", (int)(e - p), p);
    }
    assert_true(n >= 20); /* the messages do quote the form */
    free(src);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_labels_read_back),
        cmocka_unit_test(test_docs_match),
        cmocka_unit_test(test_messages_quote_the_form),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
