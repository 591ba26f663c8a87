/* cmd_validate.c - `baocao validate FILE...`: check submissions, print
 * findings; write nothing, except with --annotate DIR the marked-up copies
 * of the rejected workbooks (annotate.h). */
#include <stdio.h>
#include <stdlib.h>

#include "annotate.h"
#include "batch.h"
#include "cli.h"
#include "commands.h"
#include "context.h"
#include "submission.h"
#include "util.h"
#include "validate.h"
#include "xmlio.h"

static const cli_cmd validate_cmd = {
    "validate",
    "[--year NĂM] [--plan TỆP] [--templates DIR] [--annotate DIR] [--jobs N] "
    "TỆP...",
    "Kiểm tra các tệp báo cáo của đơn vị (XML, bảng tính XLSX) theo lược đồ\n"
    "và các quy tắc của Đề án; in từng lỗi/cảnh báo kèm vị trí. Không ghi\n"
    "tệp nào, trừ bản đánh dấu lỗi khi có --annotate.",
    "Năm báo cáo của một tệp lấy từ thư mục năm chứa nó (input/2024/...),\n"
    "hoặc từ --year.\n"
    "Với --annotate DIR, mỗi bảng tính (.xlsx, .xls) bị từ chối được chép lại\n"
    "thành DIR/<tên tệp>-can-sua.xlsx để gửi lại đơn vị: trang đầu «Cần sửa»\n"
    "liệt kê mọi lỗi, cảnh báo; các ô có lỗi được tô màu và có chú thích.\n"
    "Tệp XML không được đánh dấu; bảng tính hợp lệ không được ghi.\n"
    "Mã thoát: 0 mọi tệp hợp lệ; 1 có tệp bị từ chối; 2 lỗi cú pháp lệnh\n"
    "hoặc không ghi được bản đánh dấu.",
};

int cmd_validate(int argc, char **argv)
{
    const char *templates = NULL, *plan_file = NULL, *annotate = NULL;
    int year = 0, jobs = -1; /* -1: one per core */
    cli_opt opts[] = {
        {"year", 'y', CLI_INT, &year, "NĂM", "năm báo cáo của các tệp"},
        CLI_OPT_PLAN(&plan_file),
        CLI_OPT_TEMPLATES(&templates),
        CLI_OPT_ANNOTATE(&annotate),
        CLI_OPT_JOBS(&jobs),
        CLI_OPT_END,
    };
    int nop, start = cli_start(&validate_cmd, opts, argc, argv, &nop);
    if (start != CLI_GO)
        return start;
    if (nop == 0) {
        fprintf(stderr, "baocao validate: cần ít nhất một tệp "
                        "(xem: baocao validate --help)\n");
        return BC_EXIT_FAILURE;
    }
    if (jobs != -1 && (jobs < 1 || jobs > BATCH_MAX_JOBS)) {
        fprintf(stderr, "baocao validate: --jobs cần một số từ 1 đến %d, không "
                        "phải «%d»\n", BATCH_MAX_JOBS, jobs);
        return BC_EXIT_FAILURE;
    }
    if (annotate && bc_mkdir_p(annotate) != BC_OK) {
        fprintf(stderr, "baocao validate: không tạo được thư mục «%s»\n",
                annotate);
        return BC_EXIT_FAILURE;
    }
    int rc = BC_EXIT_FAILURE, oom = 0; /* oom: out of memory, said at out */
    annotate_names names = ANNOTATE_NAMES_INIT;
    bc_ctx ctx = {0};
    bc_validator *v = NULL;
    bc_batch *batch = NULL;
    int *cycles = NULL;
    size_t printed = 0;
    char *xsd = NULL;
    bc_diag *d = diag_new();
    if (!d || ctx_open(&ctx, templates, plan_file, d) != 0)
        goto out;
    xsd = ctx_path(&ctx, "schema/submission.xsd");
    v = xsd ? validator_new(ctx.plan, xsd, d) : NULL;
    if (!v) {
        ctx_print_findings(d, 0, stderr);
        fprintf(stderr, "baocao: không nạp được lược đồ «%s»\n", xsd ? xsd : "");
        goto out;
    }
    printed = diag_count(d);
    size_t accepted = 0, rejected = 0, warnings = 0;
    int io_failed = 0;
    cycles = malloc((size_t)nop * sizeof *cycles);
    if (!cycles) {
        oom = 1;
        goto out;
    }
    for (int i = 0; i < nop; i++)
        cycles[i] = year ? year : ctx_cycle_of(argv[i]);
    /* checked on `jobs` threads, taken in the order given */
    batch = batch_new(v, (const char *const *)argv, cycles, (size_t)nop,
                      jobs > 0 ? jobs : batch_default_jobs());
    if (!batch) {
        oom = 1;
        goto out;
    }
    for (int i = 0; i < nop; i++) {
        batch_result br;
        size_t before = diag_count(d);
        bc_status st = batch_next(batch, &br);
        if (st == BC_OK)
            st = diag_move(d, br.d);
        diag_free(br.d);
        submission_free(br.s);
        if (st != BC_OK) {
            oom = 1;
            goto out;
        }
        st = br.st;
        warnings += br.verdict.warnings;
        if (br.verdict.kind == BC_VERDICT_ACCEPTED)
            accepted++;
        else
            rejected++;
        if (st == BC_ERR_NOMEM)
            io_failed = 1;
        xmlio_library_findings(d); /* bounded, never raw on stderr */
        printed = ctx_print_findings(d, printed, stderr);
        if (annotate && br.verdict.kind == BC_VERDICT_REJECTED &&
            st != BC_ERR_NOMEM &&
            annotate_supported(argv[i]) && bc_is_file(argv[i])) {
            const cli_annotate_shown shown = {"baocao", argv[i], NULL};
            const char *out =
                annotate_pick_name(&names, annotate, argv[i],
                                   (const char *const *)argv, (size_t)nop);
            if (cli_annotate(argv[i], d, before, out, &shown) != 0)
                io_failed = 1;
        }
    }
    fprintf(stderr, "baocao: đã kiểm tra %d tệp: %zu hợp lệ, %zu bị từ chối, "
                    "%zu cảnh báo\n", nop, accepted, rejected, warnings);
    rc = io_failed ? BC_EXIT_FAILURE : rejected ? BC_EXIT_FINDINGS : BC_EXIT_OK;
out:
    if (oom) {
        ctx_print_findings(d, printed, stderr);
        fprintf(stderr, "baocao validate: %s\n", bc_status_msg(BC_ERR_NOMEM));
    }
    batch_free(batch);
    free(cycles);
    annotate_names_free(&names);
    validator_free(v);
    free(xsd);
    ctx_close(&ctx);
    diag_free(d);
    return rc;
}
