/* fields.c - the submission form's tables (fields.h). */
#include "fields.h"

#include <stddef.h>
#include <string.h>

#include "submission.h"
#include "util.h"

/* One column of the items of struct T (submission.h): the element and
 * the struct member are both m; the folded labels accepted follow. */
#define COLUMN(T, m, type, list, required, header, width, ...)                \
    {#m, type, list, required, header, width, {__VA_ARGS__, NULL},            \
     offsetof(T, m)}

/* The task column of activities, supports and budget lines (a record's
 * has a header of its own), in struct T of submission.h. */
#define TASK_FIELD(T, required)                                               \
    COLUMN(T, task, FIELD_LIST, FORM_LIST_TASK, required, "Nhiệm vụ", 30,     \
           "nhiem vu", "nhiem vu de an")

static const form_field RECORD_FIELDS[] = {
    COLUMN(sub_record, kind, FIELD_LIST, FORM_LIST_KIND, 1, "Loại đối tượng",
           30, "loai doi tuong", "loai doi tuong shtt", "loai"),
    COLUMN(sub_record, status, FIELD_STATUS, FORM_LIST_STATUS, 1, "Tình trạng",
           18, "tinh trang", "trang thai"),
    COLUMN(sub_record, application, FIELD_CODE, 0, 1, "Số đơn", 18, "so don",
           "so don dang ky", "so don dk"),
    COLUMN(sub_record, filed, FIELD_DATE, 0, 0, "Ngày nộp đơn", 14,
           "ngay nop don", "ngay nop"),
    COLUMN(sub_record, granted, FIELD_DATE, 0, 0, "Ngày cấp bằng", 14,
           "ngay cap bang", "ngay cap van bang", "ngay cap"),
    COLUMN(sub_record, certificate, FIELD_CODE, 0, 0, "Số văn bằng", 14,
           "so van bang", "so bang"),
    COLUMN(sub_record, name, FIELD_TEXT, 0, 0, "Tên đối tượng", 30,
           "ten doi tuong", "ten"),
    COLUMN(sub_record, product, FIELD_TEXT, 0, 0, "Sản phẩm", 24, "san pham"),
    COLUMN(sub_record, owner, FIELD_TEXT, 0, 0, "Chủ sở hữu", 30, "chu so huu",
           "chu don", "chu van bang"),
    COLUMN(sub_record, place, FIELD_TEXT, 0, 0, "Địa chỉ/địa bàn", 24,
           "dia chi dia ban", "dia ban", "dia chi"),
    COLUMN(sub_record, task, FIELD_LIST, FORM_LIST_TASK, 0, "Nhiệm vụ Đề án",
           30, "nhiem vu de an", "nhiem vu"),
};

static const form_field ACTIVITY_FIELDS[] = {
    TASK_FIELD(sub_activity, 1),
    COLUMN(sub_activity, date, FIELD_DATE, 0, 1, "Ngày", 14, "ngay",
           "ngay thuc hien", "ngay to chuc"),
    COLUMN(sub_activity, kind, FIELD_LIST, FORM_LIST_ACTIVITY, 1,
           "Loại hoạt động", 30, "loai hoat dong", "loai"),
    COLUMN(sub_activity, title, FIELD_TEXT, 0, 0, "Tên hoạt động", 40,
           "ten hoat dong", "ten"),
    COLUMN(sub_activity, classes, FIELD_COUNT, 0, 0, "Số lớp", 10, "so lop"),
    COLUMN(sub_activity, participants, FIELD_COUNT, 0, 0, "Số người tham gia",
           14, "so nguoi tham gia", "so nguoi tham du", "so nguoi"),
};

static const form_field SUPPORT_FIELDS[] = {
    COLUMN(sub_support, mark, FIELD_TEXT, 0, 1, "Nhãn hiệu", 30, "nhan hieu",
           "ten nhan hieu"),
    COLUMN(sub_support, kind, FIELD_LIST, FORM_LIST_SUPPORT_KIND, 1, "Loại", 30,
           "loai", "loai nhan hieu"),
    COLUMN(sub_support, date, FIELD_DATE, 0, 1, "Ngày", 14, "ngay",
           "ngay ho tro"),
    TASK_FIELD(sub_support, 0),
    COLUMN(sub_support, content, FIELD_TEXT, 0, 0, "Nội dung", 40, "noi dung",
           "noi dung ho tro"),
};

static const form_field BUDGET_FIELDS[] = {
    TASK_FIELD(sub_budget, 1),
    COLUMN(sub_budget, allocated, FIELD_AMOUNT, 0, 1,
           "Kinh phí được giao (triệu đồng)", 18, "kinh phi duoc giao",
           "duoc giao", "kinh phi giao"),
    COLUMN(sub_budget, disbursed, FIELD_AMOUNT, 0, 1,
           "Đã giải ngân (triệu đồng)", 18, "da giai ngan",
           "kinh phi da giai ngan", "giai ngan"),
    COLUMN(sub_budget, note, FIELD_TEXT, 0, 0, "Ghi chú", 40, "ghi chu"),
};

const form_choice FORM_STATUSES[FORM_N_STATUSES] = {
    {"filed", "Đã nộp đơn"},
    {"granted", "Đã cấp văn bằng"},
    {"refused", "Bị từ chối"},
};

const form_table FORM_TABLES[FORM_N_TABLES] = {
    {"Tài sản trí tuệ", "records", "record",
     {"tai san tri tue", "tai san", "don va van bang", "don van bang", NULL},
     RECORD_FIELDS, BC_ARRAY_LEN(RECORD_FIELDS), sizeof(sub_record)},
    {"Hoạt động", "activities", "activity", {"hoat dong", NULL},
     ACTIVITY_FIELDS, BC_ARRAY_LEN(ACTIVITY_FIELDS), sizeof(sub_activity)},
    {"Hỗ trợ nhãn hiệu", "supports", "support",
     {"ho tro nhan hieu", "ho tro phat trien nhan hieu", "ho tro", NULL},
     SUPPORT_FIELDS, BC_ARRAY_LEN(SUPPORT_FIELDS), sizeof(sub_support)},
    {"Kinh phí", "budget", "line", {"kinh phi", NULL}, BUDGET_FIELDS,
     BC_ARRAY_LEN(BUDGET_FIELDS), sizeof(sub_budget)},
};


const char *fields_header(const char *item_elem, const char *elem)
{
    for (size_t t = 0; t < FORM_N_TABLES; t++) {
        if (strcmp(FORM_TABLES[t].item_elem, item_elem) != 0)
            continue;
        for (size_t f = 0; f < FORM_TABLES[t].n_fields; f++)
            if (strcmp(FORM_TABLES[t].fields[f].elem, elem) == 0)
                return FORM_TABLES[t].fields[f].header;
    }
    return NULL;
}
