/* fields.c - the submission form's tables (fields.h). */
#include "fields.h"

#include <string.h>

#include "util.h"

static const form_field RECORD_FIELDS[] = {
    {"kind", FIELD_LIST, FORM_LIST_KIND, 1, "Loại đối tượng", 30,
     {"loai doi tuong", "loai doi tuong shtt", "loai", NULL}},
    {"status", FIELD_STATUS, FORM_LIST_STATUS, 1, "Tình trạng", 18,
     {"tinh trang", "trang thai", NULL}},
    {"application", FIELD_CODE, 0, 1, "Số đơn", 18,
     {"so don", "so don dang ky", "so don dk", NULL}},
    {"filed", FIELD_DATE, 0, 0, "Ngày nộp đơn", 14,
     {"ngay nop don", "ngay nop", NULL}},
    {"granted", FIELD_DATE, 0, 0, "Ngày cấp bằng", 14,
     {"ngay cap bang", "ngay cap van bang", "ngay cap", NULL}},
    {"certificate", FIELD_CODE, 0, 0, "Số văn bằng", 14,
     {"so van bang", "so bang", NULL}},
    {"name", FIELD_TEXT, 0, 0, "Tên đối tượng", 30,
     {"ten doi tuong", "ten", NULL}},
    {"product", FIELD_TEXT, 0, 0, "Sản phẩm", 24, {"san pham", NULL}},
    {"owner", FIELD_TEXT, 0, 0, "Chủ sở hữu", 30,
     {"chu so huu", "chu don", "chu van bang", NULL}},
    {"place", FIELD_TEXT, 0, 0, "Địa chỉ/địa bàn", 24,
     {"dia chi dia ban", "dia ban", "dia chi", NULL}},
    {"task", FIELD_LIST, FORM_LIST_TASK, 0, "Nhiệm vụ Đề án", 30,
     {"nhiem vu de an", "nhiem vu", NULL}},
};

static const form_field ACTIVITY_FIELDS[] = {
    {"task", FIELD_LIST, FORM_LIST_TASK, 1, "Nhiệm vụ", 30,
     {"nhiem vu", "nhiem vu de an", NULL}},
    {"date", FIELD_DATE, 0, 1, "Ngày", 14,
     {"ngay", "ngay thuc hien", "ngay to chuc", NULL}},
    {"kind", FIELD_LIST, FORM_LIST_ACTIVITY, 1, "Loại hoạt động", 30,
     {"loai hoat dong", "loai", NULL}},
    {"title", FIELD_TEXT, 0, 0, "Tên hoạt động", 40,
     {"ten hoat dong", "ten", NULL}},
    {"classes", FIELD_COUNT, 0, 0, "Số lớp", 10, {"so lop", NULL}},
    {"participants", FIELD_COUNT, 0, 0, "Số người tham gia", 14,
     {"so nguoi tham gia", "so nguoi tham du", "so nguoi", NULL}},
};

static const form_field SUPPORT_FIELDS[] = {
    {"mark", FIELD_TEXT, 0, 1, "Nhãn hiệu", 30,
     {"nhan hieu", "ten nhan hieu", NULL}},
    {"kind", FIELD_LIST, FORM_LIST_SUPPORT_KIND, 1, "Loại", 30,
     {"loai", "loai nhan hieu", NULL}},
    {"date", FIELD_DATE, 0, 1, "Ngày", 14, {"ngay", "ngay ho tro", NULL}},
    {"task", FIELD_LIST, FORM_LIST_TASK, 0, "Nhiệm vụ", 30,
     {"nhiem vu", "nhiem vu de an", NULL}},
    {"content", FIELD_TEXT, 0, 0, "Nội dung", 40,
     {"noi dung", "noi dung ho tro", NULL}},
};

static const form_field BUDGET_FIELDS[] = {
    {"task", FIELD_LIST, FORM_LIST_TASK, 1, "Nhiệm vụ", 30,
     {"nhiem vu", "nhiem vu de an", NULL}},
    {"allocated", FIELD_AMOUNT, 0, 1, "Kinh phí được giao (triệu đồng)", 18,
     {"kinh phi duoc giao", "duoc giao", "kinh phi giao", NULL}},
    {"disbursed", FIELD_AMOUNT, 0, 1, "Đã giải ngân (triệu đồng)", 18,
     {"da giai ngan", "kinh phi da giai ngan", "giai ngan", NULL}},
    {"note", FIELD_TEXT, 0, 0, "Ghi chú", 40, {"ghi chu", NULL}},
};

const form_table FORM_TABLES[FORM_N_TABLES] = {
    {"Tài sản trí tuệ", "records", "record",
     {"tai san tri tue", "tai san", "don va van bang", "don van bang", NULL},
     RECORD_FIELDS, BC_ARRAY_LEN(RECORD_FIELDS)},
    {"Hoạt động", "activities", "activity", {"hoat dong", NULL},
     ACTIVITY_FIELDS, BC_ARRAY_LEN(ACTIVITY_FIELDS)},
    {"Hỗ trợ nhãn hiệu", "supports", "support",
     {"ho tro nhan hieu", "ho tro phat trien nhan hieu", "ho tro", NULL},
     SUPPORT_FIELDS, BC_ARRAY_LEN(SUPPORT_FIELDS)},
    {"Kinh phí", "budget", "line", {"kinh phi", NULL}, BUDGET_FIELDS,
     BC_ARRAY_LEN(BUDGET_FIELDS)},
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
