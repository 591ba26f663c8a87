/* status.c - strings for bc_status. */
#include "status.h"

static const struct {
    const char *en;
    const char *vi;
} status_text[BC_STATUS__COUNT] = {
    [BC_OK] = {"ok", "thành công"},
    [BC_ERR_NOMEM] = {"out of memory", "không đủ bộ nhớ"},
    [BC_ERR_IO] = {"I/O error", "lỗi đọc/ghi tệp"},
    [BC_ERR_PARSE] = {"parse error", "tệp không đúng định dạng"},
    [BC_ERR_INVALID] = {"invalid document", "tài liệu không hợp lệ"},
    [BC_ERR_USAGE] = {"usage error", "sai cú pháp lệnh"},
    [BC_ERR_TEMPLATE] = {"template error", "lỗi mẫu báo cáo (XSD/XSLT)"},
    [BC_ERR_LIMIT] = {"limit exceeded", "vượt giới hạn an toàn"},
    [BC_ERR_INTERNAL] = {"internal error", "lỗi nội bộ"},
    [BC_ERR_NOSPACE] = {"disk full", "đĩa đầy, không còn chỗ ghi"},
    [BC_ERR_LOCKED] = {"output folder locked", "một lần chạy khác đang ghi vào thư mục này"},
};

const char *bc_status_str(bc_status st)
{
    if ((unsigned)st >= BC_STATUS__COUNT)
        return "unknown status";
    return status_text[st].en;
}

const char *bc_status_msg(bc_status st)
{
    if ((unsigned)st >= BC_STATUS__COUNT)
        return "lỗi không xác định";
    return status_text[st].vi;
}
