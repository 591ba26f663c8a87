/* cmd_run.c - `baocao run`: the main job.  Reads every cycle from the
 * plan's first year to the report year, validates each file, aggregates
 * and writes output/<year>/: tong-hop-<year>.xml, bao-cao-<year>.html,
 * bao-cao-<year>.xlsx, kiem-tra-<year>.html.  With --annotate DIR, each
 * rejected workbook is also copied, marked up, into DIR/<its cycle>/
 * (annotate.h); the copies are not part of the reports.  This file
 * holds the options and their checks; the job is run.c's. */
#include <stdio.h>

#include "batch.h"
#include "cli.h"
#include "commands.h"
#include "run.h"
#include "status.h"
#include "timing.h"
#include "util.h"

static const cli_cmd run_cmd = {
    "run",
    "[--input DIR] [--output DIR] [--year NĂM] [--plan TỆP] [--templates DIR] "
    "[--annotate DIR] [--annotate-set] [--jobs N] [--detail-limit N] [--timings]",
    "Kiểm tra, tổng hợp các báo cáo của đơn vị và lập báo cáo năm.\n"
    "Đọc mọi thư mục năm trong DIR vào (input/2021, input/2022, ...) từ năm\n"
    "đầu của Đề án đến năm báo cáo, rồi ghi vào DIR ra/<năm>/:\n"
    "  tong-hop-<năm>.xml   số liệu tổng hợp (mọi báo cáo lập từ tệp này)\n"
    "  bao-cao-<năm>.html   báo cáo gửi Chủ tịch UBND tỉnh\n"
    "  bao-cao-<năm>.xlsx   bảng số liệu\n"
    "  kiem-tra-<năm>.html  danh sách lỗi, cảnh báo để gửi lại đơn vị",
    "Mặc định: --input input, --output output, năm mới nhất có trong input.\n"
    "Với --annotate DIR, mỗi bảng tính (.xlsx, .xls) bị từ chối được chép lại\n"
    "thành DIR/<năm>/<tên tệp>-can-sua.xlsx để gửi lại đơn vị: trang đầu\n"
    "«Cần sửa» liệt kê mọi lỗi, cảnh báo; các ô có lỗi được tô màu và có chú\n"
    "thích. Tệp XML không được đánh dấu; bảng tính hợp lệ không được ghi. DIR\n"
    "không được nằm trong thư mục vào.\n"
    "Với --annotate-set, bản đánh dấu lỗi của mỗi bảng tính bị từ chối năm báo\n"
    "cáo được ghi cùng bộ báo cáo, vào DIR ra/<năm>/can-sua/, và kiem-tra-<năm>\n"
    "trỏ tới từng bản.\n"
    "Với --timings, in thêm ra stderr thời gian của từng bước (setup: nạp Đề\n"
    "án, lược đồ; ingest: đọc tệp; validate: kiểm tra; aggregate: tổng hợp;\n"
    "render: chạy XSLT; write: ghi tệp) ngay khi bước đó xong, mỗi bước một\n"
    "dòng «baocao: timing BƯỚC MS ms files=... bytes=... maxrss_kb=...» (bộ\n"
    "nhớ cao nhất đến lúc đó), cuối cùng là dòng total (để đo hiệu năng, xem\n"
    "docs/performance.md); các báo cáo ghi ra không đổi.\n"
    "Với --jobs N, đọc và kiểm tra các tệp trên N luồng (mặc định: số lõi\n"
    "CPU); kết quả và các báo cáo giống hệt nhau với mọi N.\n"
    "Với --detail-limit N, mỗi danh sách dài mà các mẫu báo cáo thấy (hồ sơ,\n"
    "đơn vị, tệp báo cáo, thuyết minh của đơn vị) chỉ giữ N mục đầu (mặc định\n"
    "1000; 0: tất cả): báo cáo HTML in các mục ấy và ghi danh sách đầy đủ ở\n"
    "đâu; các trang «Chi tiết», «Đơn vị» của bảng tính và tong-hop-<năm>.xml\n"
    "luôn có mọi mục.\n"
    "Mã thoát: 0 mọi tệp hợp lệ; 1 có tệp bị từ chối hoặc Đề án có mâu thuẫn\n"
    "(báo cáo vẫn được lập từ dữ liệu hợp lệ); 2 lỗi cú pháp lệnh hoặc đọc/ghi.",
};

int cmd_run(int argc, char **argv)
{
    const char *input = "input", *output = "output";
    const char *templates = NULL, *plan_file = NULL, *annotate = NULL;
    int year = 0, timings = 0, jobs = -1; /* -1: one per core */
    int in_set = 0;
    int detail_limit = -1;                 /* -1: AGG_DETAIL_LIMIT */
    double t_start = timing_now();
    cli_opt opts[] = {
        {"input", 'i', CLI_STRING, &input, "DIR", "thư mục vào (mặc định input)"},
        {"output", 'o', CLI_STRING, &output, "DIR", "thư mục ra (mặc định output)"},
        {"year", 'y', CLI_INT, &year, "NĂM", "năm báo cáo (mặc định: năm mới nhất)"},
        CLI_OPT_PLAN(&plan_file),
        CLI_OPT_TEMPLATES(&templates),
        CLI_OPT_ANNOTATE(&annotate),
        {"annotate-set", 0, CLI_FLAG, &in_set, NULL,
         "ghi bản đánh dấu lỗi cùng bộ báo cáo (<năm>/can-sua/)"},
        CLI_OPT_JOBS(&jobs),
        {"detail-limit", 0, CLI_INT, &detail_limit, "N",
         "số mục tối đa của mỗi danh sách mẫu báo cáo thấy (mặc định 1000; 0: tất cả)"},
        {"timings", 0, CLI_FLAG, &timings, NULL,
         "in thời gian từng bước ra stderr (đo hiệu năng)"},
        CLI_OPT_END,
    };
    int nop;
    int go = cli_start(&run_cmd, opts, argc, argv, &nop);
    if (go != CLI_GO)
        return go;
    if (nop) {
        fprintf(stderr, "baocao run: không nhận đối số «%s» "
                        "(dùng --input DIR)\n", argv[0]);
        return BC_EXIT_FAILURE;
    }
    if (detail_limit < -1) {
        fprintf(stderr, "baocao run: --detail-limit cần một số không âm, "
                        "không phải «%d»\n", detail_limit);
        return BC_EXIT_FAILURE;
    }
    if (jobs != -1 && (jobs < 1 || jobs > BATCH_MAX_JOBS)) {
        fprintf(stderr, "baocao run: --jobs cần một số từ 1 đến %d, không phải "
                        "«%d»\n", BATCH_MAX_JOBS, jobs);
        return BC_EXIT_FAILURE;
    }
    if (!bc_is_dir(input)) {
        fprintf(stderr, "baocao run: thư mục vào «%s» không tồn tại\n", input);
        return BC_EXIT_FAILURE;
    }
    if (bc_path_inside(output, input)) {
        fprintf(stderr, "baocao run: thư mục ra «%s» nằm trong thư mục vào «%s»; "
                        "hãy chọn thư mục ra khác\n", output, input);
        return BC_EXIT_FAILURE;
    }
    if (annotate && bc_path_inside(annotate, input)) {
        fprintf(stderr, "baocao run: thư mục đánh dấu lỗi «%s» nằm trong thư "
                        "mục vào «%s»; hãy chọn thư mục khác\n",
                annotate, input);
        return BC_EXIT_FAILURE;
    }
    if (annotate && bc_mkdir_p(annotate) != BC_OK) {
        fprintf(stderr, "baocao run: không tạo được thư mục «%s»\n", annotate);
        return BC_EXIT_FAILURE;
    }

    run_opts o = {input, output, templates, plan_file, annotate, in_set, year,
                  jobs, detail_limit, timings, t_start};
    return run_main(&o);
}
