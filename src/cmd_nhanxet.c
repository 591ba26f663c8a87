/* cmd_nhanxet.c - `baocao nhan-xet --year NĂM [--input DIR]`: write the
 * blank file of the Sở KHCN's own sections for a year (so_sections.h). */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "commands.h"
#include "context.h"
#include "so_sections.h"
#include "util.h"

static const cli_cmd nhanxet_cmd = {
    "nhan-xet", "--year NĂM [--input DIR] [--templates DIR]",
    "Ghi tệp trống DIR/nhan-xet-NĂM.txt (mặc định input/nhan-xet-NĂM.txt)\n"
    "để Sở Khoa học và Công nghệ viết các mục của mình trong báo cáo năm:\n"
    "đánh giá chung; tồn tại, hạn chế và nguyên nhân; phương hướng, nhiệm\n"
    "vụ năm tới; đề xuất, kiến nghị với UBND tỉnh và với Bộ Khoa học và\n"
    "Công nghệ.  Tệp là văn bản UTF-8, sửa bằng bất kỳ trình soạn thảo\n"
    "nào; cách viết ghi ở đầu tệp.  «baocao run» đưa nội dung vào báo cáo;\n"
    "mục còn trống được in dòng nhắc.  Không ghi đè tệp đã có.",
    "Mã thoát: 0 đã ghi; 2 lỗi cú pháp lệnh, tệp đã có hoặc lỗi ghi tệp.",
};

int cmd_nhanxet(int argc, char **argv)
{
    const char *templates = NULL, *input = "input";
    int year = 0;
    cli_opt opts[] = {
        {"year", 'y', CLI_INT, &year, "NĂM", "năm báo cáo"},
        {"input", 'i', CLI_STRING, &input, "DIR", "thư mục vào (mặc định input)"},
        {"templates", 't', CLI_STRING, &templates, "DIR", "thư mục mẫu"},
        CLI_OPT_END,
    };
    int nop, start = cli_start(&nhanxet_cmd, opts, argc, argv, &nop);
    if (start != CLI_GO)
        return start;
    if (nop > 0 || year < 1900 || year > 9999) {
        fprintf(stderr, "baocao nhan-xet: cần --year NĂM (bốn chữ số) và không "
                        "nhận tham số khác\n");
        return BC_EXIT_FAILURE;
    }
    if (!bc_is_dir(input)) {
        fprintf(stderr, "baocao nhan-xet: thư mục vào «%s» không tồn tại\n", input);
        return BC_EXIT_FAILURE;
    }
    bc_diag *d = diag_new();
    bc_ctx ctx = {0};
    int rc = BC_EXIT_FAILURE;
    char *tmpl = NULL, *path = NULL;
    if (!d || ctx_open(&ctx, templates, NULL, d) != 0)
        goto out;
    tmpl = ctx_path(&ctx, "text/nhan-xet.txt");
    path = so_sections_path(input, year);
    if (!tmpl || !path)
        goto out;
    int exists = 0;
    bc_status st = so_sections_blank(tmpl, path, year, &exists);
    if (exists) {
        fprintf(stderr, "baocao nhan-xet: «%s» đã có, không ghi đè\n", path);
    } else if (st != BC_OK) {
        fprintf(stderr, "baocao nhan-xet: không ghi được «%s»: %s\n", path,
                bc_status_msg(st));
    } else {
        printf("%s\n", path);
        rc = BC_EXIT_OK;
    }
out:
    free(tmpl);
    free(path);
    ctx_close(&ctx);
    diag_free(d);
    return rc;
}
