/* cmd_validate.c - `baocao validate FILE...`: check submissions, print
 * findings, write nothing. */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "commands.h"
#include "context.h"
#include "submission.h"
#include "validate.h"

static const cli_cmd validate_cmd = {
    "validate", "[--year NĂM] [--plan TỆP] [--templates DIR] TỆP...",
    "Kiểm tra các tệp báo cáo của đơn vị (XML) theo lược đồ và các quy tắc\n"
    "của Đề án; in từng lỗi/cảnh báo kèm vị trí. Không ghi tệp nào.",
    "Năm báo cáo của một tệp lấy từ thư mục năm chứa nó (input/2024/...),\n"
    "hoặc từ --year.\n"
    "Mã thoát: 0 mọi tệp hợp lệ; 1 có tệp bị từ chối; 2 lỗi cú pháp lệnh.",
};

int cmd_validate(int argc, char **argv)
{
    const char *templates = NULL, *plan_file = NULL;
    int year = 0;
    cli_opt opts[] = {
        {"year", 'y', CLI_INT, &year, "NĂM", "năm báo cáo của các tệp"},
        {"plan", 0, CLI_STRING, &plan_file, "TỆP", "tệp dữ liệu Đề án"},
        {"templates", 't', CLI_STRING, &templates, "DIR",
         "thư mục mẫu (lược đồ, XSLT, dữ liệu Đề án)"},
        CLI_OPT_END,
    };
    int nop, help;
    if (cli_parse(&validate_cmd, opts, argc, argv, &nop, &help, stderr) != 0)
        return BC_EXIT_FAILURE;
    if (help) {
        cli_usage(&validate_cmd, opts, stdout);
        return BC_EXIT_OK;
    }
    if (nop == 0) {
        fprintf(stderr, "baocao validate: cần ít nhất một tệp "
                        "(xem: baocao validate --help)\n");
        return BC_EXIT_FAILURE;
    }
    int rc = BC_EXIT_FAILURE;
    bc_ctx ctx = {0};
    bc_validator *v = NULL;
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
    size_t printed = diag_count(d), accepted = 0, rejected = 0, warnings = 0;
    int io_failed = 0;
    for (int i = 0; i < nop; i++) {
        submission *s = NULL;
        size_t before = diag_count(d);
        bc_status st = validate_file(v, argv[i], year ? year : ctx_cycle_of(argv[i]),
                                     d, &s);
        submission_free(s);
        size_t errs = 0;
        for (size_t k = before; k < diag_count(d); k++) {
            bc_severity sev = diag_get(d, k)->sev;
            errs += sev == BC_SEV_ERROR;
            warnings += sev == BC_SEV_WARNING;
        }
        if (st == BC_OK && errs == 0)
            accepted++;
        else
            rejected++;
        if (st == BC_ERR_NOMEM)
            io_failed = 1;
        printed = ctx_print_findings(d, printed, stderr);
    }
    fprintf(stderr, "baocao: đã kiểm tra %d tệp: %zu hợp lệ, %zu bị từ chối, "
                    "%zu cảnh báo\n", nop, accepted, rejected, warnings);
    rc = io_failed ? BC_EXIT_FAILURE : rejected ? BC_EXIT_FINDINGS : BC_EXIT_OK;
out:
    validator_free(v);
    free(xsd);
    ctx_close(&ctx);
    diag_free(d);
    return rc;
}
