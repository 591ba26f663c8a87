/* make-input.c - writes the two workbooks of this case (not built by make;
 * run it again only to change them, and review the expected files):
 *
 *   cc make-input.c -o /tmp/make-input $(pkg-config --cflags --libs xlsxwriter)
 *   (cd tests/e2e/validate-annotate && /tmp/make-input)
 *
 * input/2024/bad.xlsx: the form layout with an unknown kind (KIND-UNKNOWN
 * at «Tài sản trí tuệ»!A3) and an ambiguous count (XLSX-NUMBER at «Hoạt
 * động»!E2); input/2024/good.xlsx: the same without the faults.
 */
#include <string.h>
#include <time.h>
#include <xlsxwriter.h>

static void text(lxw_worksheet *ws, int r, int c, const char *s)
{
    worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c, s, NULL);
}

static int book(const char *path, int bad)
{
    lxw_workbook *wb = workbook_new(path);
    if (!wb)
        return 1;
    lxw_doc_properties props;
    memset(&props, 0, sizeof props);
    props.created = 1704067200; /* 2024-01-01, not the clock */
    workbook_set_properties(wb, &props);
    lxw_format *dmy = workbook_add_format(wb);
    format_set_num_format(dmy, "dd/mm/yyyy");
    lxw_datetime d1 = {2024, 3, 1, 0, 0, 0}, d2 = {2024, 12, 10, 0, 0, 0},
                 d3 = {2024, 5, 10, 0, 0, 0};

    lxw_worksheet *ws = workbook_add_worksheet(wb, "Thông tin chung");
    text(ws, 0, 0, "Nội dung");
    text(ws, 0, 1, "Giá trị");
    text(ws, 1, 0, "Mã đơn vị");
    text(ws, 1, 1, "185");
    text(ws, 2, 0, "Năm báo cáo");
    worksheet_write_number(ws, 2, 1, 2024, NULL);
    text(ws, 3, 0, "Ngày báo cáo");
    worksheet_write_datetime(ws, 3, 1, &d2, dmy);

    ws = workbook_add_worksheet(wb, "Tài sản trí tuệ");
    text(ws, 0, 0, "Loại đối tượng");
    text(ws, 0, 1, "Tình trạng");
    text(ws, 0, 2, "Số đơn");
    text(ws, 0, 3, "Ngày nộp đơn");
    text(ws, 1, 0, "NHTT - nhãn hiệu tập thể");
    text(ws, 1, 1, "Đã nộp đơn");
    text(ws, 1, 2, "4-2024-01234");
    worksheet_write_datetime(ws, 1, 3, &d1, dmy);
    text(ws, 2, 0, bad ? "XYZ - không có" : "NHCN - nhãn hiệu chứng nhận");
    text(ws, 2, 1, "Đã nộp đơn");
    text(ws, 2, 2, "4-2024-01236");
    worksheet_write_datetime(ws, 2, 3, &d1, dmy);

    ws = workbook_add_worksheet(wb, "Hoạt động");
    static const char *const head[] = {"Nhiệm vụ", "Ngày", "Loại hoạt động",
                                       "Tên hoạt động", "Số lớp",
                                       "Số người tham gia"};
    for (int c = 0; c < 6; c++)
        text(ws, 0, c, head[c]);
    text(ws, 1, 0, "A3");
    worksheet_write_datetime(ws, 1, 1, &d3, dmy);
    text(ws, 1, 2, "tap-huan");
    text(ws, 1, 3, "Tập huấn");
    if (bad)
        text(ws, 1, 4, "1.200");
    else
        worksheet_write_number(ws, 1, 4, 2, NULL);
    worksheet_write_number(ws, 1, 5, 45, NULL);

    ws = workbook_add_worksheet(wb, "_phien_ban");
    text(ws, 0, 0, "Phiên bản mẫu");
    text(ws, 0, 1, "1");
    worksheet_hide(ws);
    return workbook_close(wb) != LXW_NO_ERROR;
}

int main(void)
{
    return book("input/2024/bad.xlsx", 1) | book("input/2024/good.xlsx", 0);
}
