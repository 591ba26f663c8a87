/* cmd_plan.c - `baocao plan check [--amendment FILE] [FILE]`: load the
 * plan (with its amendments) and report its internal contradictions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "context.h"

static const cli_cmd plan_cmd = {
    "plan check", "[--templates DIR] [--amendment TỆP] [TỆP]",
    "Nạp dữ liệu Đề án (mặc định templates/plan/de-an-2030.xml) cùng các tệp\n"
    "sửa đổi, bổ sung trong thư mục de-an-2030.d/ bên cạnh, kiểm tra theo\n"
    "lược đồ và báo từng chỗ mâu thuẫn trong chính văn bản Đề án, kèm số liệu\n"
    "hai phía (tổng ghi trong Đề án và tổng cộng lại, ...).  --amendment áp\n"
    "dụng thêm một tệp sửa đổi, bổ sung để kiểm tra trước khi đưa vào thư mục.",
    "Mã thoát: 0 không có mâu thuẫn; 1 có mâu thuẫn; 2 không nạp được.",
};

int cmd_plan(int argc, char **argv)
{
    const char *templates = NULL, *amendment = NULL;
    cli_opt opts[] = {
        CLI_OPT_TEMPLATES(&templates),
        {"amendment", 'a', CLI_STRING, &amendment, "TỆP",
         "tệp sửa đổi, bổ sung Đề án áp dụng thêm"},
        CLI_OPT_END,
    };
    if (argc < 1 || (strcmp(argv[0], "check") != 0 &&
                     strcmp(argv[0], "--help") != 0 && strcmp(argv[0], "-h") != 0)) {
        fprintf(stderr, "baocao plan: cần lệnh con «check» (baocao plan check [TỆP])\n");
        return BC_EXIT_FAILURE;
    }
    if (strcmp(argv[0], "check") == 0) {
        argc--;
        argv++;
    }
    int nop, start = cli_start(&plan_cmd, opts, argc, argv, &nop);
    if (start != CLI_GO)
        return start;
    if (nop > 1) {
        fprintf(stderr, "baocao plan check: chỉ nhận một tệp Đề án\n");
        return BC_EXIT_FAILURE;
    }
    bc_diag *d = diag_new();
    bc_ctx ctx = {0};
    int rc = BC_EXIT_FAILURE;
    if (!d || ctx_open(&ctx, templates, nop ? argv[0] : NULL, d) != 0)
        goto out;
    if (amendment) {
        /* load again with the extra amendment (ctx_open knows none) */
        char *xsd = ctx_path(&ctx, "schema/plan.xsd");
        plan *np = NULL;
        bc_status st = xsd ? plan_load_amended(ctx.plan_path, xsd,
                                               &amendment, 1, d, &np)
                           : BC_ERR_NOMEM;
        free(xsd);
        if (st != BC_OK) {
            ctx_print_findings(d, 0, stderr);
            fprintf(stderr, "baocao: không nạp được tệp sửa đổi «%s»: %s\n",
                    amendment, bc_status_msg(st));
            goto out;
        }
        plan_free(ctx.plan);
        ctx.plan = np;
    }
    for (size_t i = 0; i < ctx.plan->n_amendments; i++)
        fprintf(stderr, "baocao: áp dụng sửa đổi, bổ sung «%s»%s\n",
                ctx.plan->amendments[i].path,
                ctx.plan->amendments[i].illustrative ? " (ví dụ minh họa)"
                                                     : "");
    size_t n = plan_check(ctx.plan, ctx.plan_path, d);
    ctx_print_findings(d, 0, stderr);
    if (n)
        fprintf(stderr, "baocao: Đề án «%s»: %zu chỗ mâu thuẫn\n", ctx.plan_path, n);
    else
        fprintf(stderr, "baocao: Đề án «%s»: không có mâu thuẫn\n", ctx.plan_path);
    rc = n ? BC_EXIT_FINDINGS : BC_EXIT_OK;
out:
    ctx_close(&ctx);
    diag_free(d);
    return rc;
}
