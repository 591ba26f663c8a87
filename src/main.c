/* main.c - baocao: argv -> command -> exit code.  Nothing else. */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "status.h"
#include "xmlio.h"

static const struct {
    const char *name;
    int (*fn)(int, char **);
    const char *summary;
} commands[] = {
    {"run", cmd_run, "kiểm tra, tổng hợp và lập báo cáo cho một năm"},
    {"validate", cmd_validate, "kiểm tra các tệp báo cáo của đơn vị, không ghi gì"},
    {"plan", cmd_plan, "kiểm tra dữ liệu Đề án (plan check)"},
    {"form", cmd_form, "lập mẫu báo cáo (XLSX) cho đơn vị và năm"},
    {"nhan-xet", cmd_nhanxet, "ghi tệp trống cho các mục Sở KHCN tự viết"},
};

static void usage(FILE *out)
{
    fputs("Cách dùng: baocao LỆNH [TÙY CHỌN]...\n\n"
          "Tổng hợp báo cáo thực hiện Đề án triển khai Chiến lược sở hữu trí tuệ\n"
          "đến năm 2030 trên địa bàn tỉnh Lạng Sơn.\n\nCác lệnh:\n", out);
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fputs("\nTùy chọn chung:\n"
          "  -h, --help   in hướng dẫn (baocao LỆNH --help cho từng lệnh)\n"
          "  --version    in phiên bản\n\n"
          "Mã thoát: 0 mọi thứ hợp lệ; 1 có tệp bị từ chối hoặc Đề án có mâu thuẫn\n"
          "(báo cáo vẫn được lập từ dữ liệu hợp lệ); 2 lỗi cú pháp lệnh hoặc đọc/ghi.\n",
          out);
}

int main(int argc, char **argv)
{
#ifdef _WIN32
    bc_w32_init(&argc, &argv); /* UTF-8 console and argv: src/win32/posix.h */
#endif
    if (argc < 2) {
        usage(stderr);
        return BC_EXIT_FAILURE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return BC_EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("baocao %s\n", BC_VERSION);
        return BC_EXIT_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(argv[1], commands[i].name) == 0) {
            xmlio_init();
            return commands[i].fn(argc - 2, argv + 2);
        }
    fprintf(stderr, "baocao: không có lệnh «%s» (xem: baocao --help)\n",
            argv[1]);
    return BC_EXIT_FAILURE;
}
