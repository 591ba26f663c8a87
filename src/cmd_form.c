/* cmd_form.c - `baocao form`: write the submission workbook (mẫu báo cáo)
 * of one unit, or of every unit expected, for a year. */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "lsan.h"
#include "commands.h"
#include "context.h"
#include "form.h"
#include "ingest.h"
#include "util.h"

static const cli_cmd form_cmd = {
    "form",
    "(--unit MÃ | --all) --year NĂM [-o TỆP|DIR] [--plan TỆP] "
    "[--templates DIR]\n"
    "       baocao form --from TỆP [-o TỆP] [--plan TỆP] [--templates DIR]",
    "Lập mẫu báo cáo (tệp XLSX) cho một đơn vị và một năm: các trang\n"
    "Thông tin chung, Tài sản trí tuệ, Hoạt động, Hỗ trợ nhãn hiệu, Kinh phí,\n"
    "Thuyết minh, kèm hướng dẫn và danh sách chọn lấy từ dữ liệu Đề án.\n"
    "Với --from, mẫu được điền sẵn số liệu của một báo cáo XML (hoặc bảng\n"
    "tính): mã đơn vị và năm lấy từ tệp đó.",
    "Với --unit hoặc --from, -o là tệp ghi ra (mặc định\n"
    "mau-bao-cao-MÃ-NĂM.xlsx trong thư mục hiện tại). Với --all, -o là thư\n"
    "mục (bắt buộc): mỗi đơn vị phải báo cáo năm đó một tệp\n"
    "mau-bao-cao-MÃ-NĂM.xlsx.\n"
    "Với --from: ô danh sách chọn ghi đúng chữ hiển thị trong danh sách, ngày\n"
    "ghi thành ô ngày, số tiền và số lượng thành ô số, số đơn và số văn bằng\n"
    "giữ nguyên dạng chữ; giá trị không chuyển được ghi nguyên như đã gõ.\n"
    "Trường không có ô trong mẫu (như illustrative) không được ghi (ghi chú\n"
    "FORM-FIELD). Tệp nguồn không được kiểm tra: dùng baocao validate.\n"
    "Cùng tham số cho ra cùng một tệp (từng byte).\n"
    "Mã thoát: 0 đã ghi; 1 đã ghi nhưng có cảnh báo (đơn vị không phải báo\n"
    "cáo năm đó); 2 lỗi cú pháp lệnh, tệp nguồn không đọc được, mã đơn\n"
    "vị/năm sai hoặc lỗi ghi tệp.",
};

BC_LSAN_XLSXWRITER

/* Writes one form (filled in from sub when not NULL) and prints its
 * findings; returns the bc_status. */
static bc_status write_one(const plan *p, const char *unit, int year,
                           xmlDocPtr sub, const char *path, bc_diag *d)
{
    size_t before = diag_count(d);
    bc_status st = sub ? form_write_filled(p, sub, path, d)
                       : form_write(p, unit, year, path, d);
    ctx_print_findings(d, before, stderr);
    if (st == BC_OK)
        fprintf(stderr, "baocao: đã ghi %s\n", path);
    return st;
}

/* The default file name of a form filled in from sub: its unit and year
 * as the root attributes give them.  Caller frees; NULL out of memory. */
static char *filled_name(xmlDocPtr sub)
{
    xmlNodePtr root = xmlDocGetRootElement(sub);
    xmlChar *u = xmlGetNoNsProp(root, BAD_CAST "unit");
    xmlChar *y = xmlGetNoNsProp(root, BAD_CAST "year");
    char *name = form_file_name(u ? (const char *)u : "",
                                y ? atoi((const char *)y) : 0);
    xmlFree(u);
    xmlFree(y);
    return name;
}

/* The exit code after writing one form with status st (its findings in
 * d): 1 when it warned, 0 when not; 2 on an error, after printing it
 * unless it is a usage error, already told. */
static int one_exit(bc_status st, const bc_diag *d)
{
    if (st == BC_OK)
        return diag_count_sev(d, BC_SEV_WARNING) ? BC_EXIT_FINDINGS
                                                 : BC_EXIT_OK;
    if (st != BC_ERR_USAGE)
        fprintf(stderr, "baocao form: %s\n", bc_status_msg(st));
    return BC_EXIT_FAILURE;
}

int cmd_form(int argc, char **argv)
{
    const char *templates = NULL, *plan_file = NULL, *unit = NULL,
               *out = NULL, *from = NULL;
    int year = 0, all = 0;
    cli_opt opts[] = {
        {"unit", 'u', CLI_STRING, &unit, "MÃ", "mã đơn vị báo cáo"},
        {"all", 'a', CLI_FLAG, &all, NULL,
         "mọi đơn vị phải báo cáo năm đó (cần -o DIR)"},
        {"year", 'y', CLI_INT, &year, "NĂM", "năm báo cáo"},
        {"from", 'f', CLI_STRING, &from, "TỆP",
         "điền sẵn số liệu của báo cáo này (XML hoặc bảng tính)"},
        {"output", 'o', CLI_STRING, &out, "TỆP|DIR",
         "tệp ghi ra (--unit, --from) hoặc thư mục (--all)"},
        CLI_OPT_PLAN(&plan_file),
        CLI_OPT_TEMPLATES(&templates),
        CLI_OPT_END,
    };
    int nop, start = cli_start(&form_cmd, opts, argc, argv, &nop);
    if (start != CLI_GO)
        return start;
    const char *why = NULL;
    if (nop > 0)
        why = "không nhận tham số không có tên tùy chọn";
    else if (from && (unit || all || year))
        why = "--from không dùng cùng --unit, --all hoặc --year (mã đơn vị "
              "và năm lấy từ tệp)";
    else if (from && !*from)
        why = "tên tệp --from rỗng";
    else if (from)
        why = NULL;
    else if (!unit == !all)
        why = "cần đúng một trong hai: --unit MÃ hoặc --all";
    else if (year == 0)
        why = "cần --year NĂM";
    else if (all && !out)
        why = "với --all cần -o DIR (thư mục ghi các tệp)";
    else if (unit && !*unit)
        why = "mã đơn vị rỗng";
    if (why) {
        fprintf(stderr, "baocao form: %s (xem: baocao form --help)\n", why);
        return BC_EXIT_FAILURE;
    }

    int rc = BC_EXIT_FAILURE;
    bc_ctx ctx = {0};
    char *path = NULL;
    bc_diag *d = diag_new();
    if (!d || ctx_open(&ctx, templates, plan_file, d) != 0)
        goto out;
    const plan *p = ctx.plan;
    if (from) {
        xmlDocPtr sub = NULL;
        size_t before = diag_count(d);
        bc_status st = ingest_file(from, d, &sub);
        ctx_print_findings(d, before, stderr);
        if (st != BC_OK) {
            fprintf(stderr, "baocao form: không đọc được báo cáo «%s»\n",
                    from);
            goto out;
        }
        if (!out && !(path = filled_name(sub))) {
            xmlFreeDoc(sub);
            goto out;
        }
        st = write_one(p, NULL, 0, sub, out ? out : path, d);
        xmlFreeDoc(sub);
        rc = one_exit(st, d);
        goto out;
    }
    if (year < p->start_year || year > p->end_year) {
        fprintf(stderr, "baocao form: năm %d nằm ngoài thời gian thực hiện "
                        "Đề án (%d-%d)\n", year, p->start_year, p->end_year);
        goto out;
    }
    if (unit) {
        if (!out && !(path = form_file_name(unit, year)))
            goto out;
        bc_status st = write_one(p, unit, year, NULL, out ? out : path, d);
        rc = one_exit(st, d);
        goto out;
    }
    if (bc_mkdir_p(out) != BC_OK) {
        fprintf(stderr, "baocao form: không tạo được thư mục «%s»\n", out);
        goto out;
    }
    size_t written = 0;
    for (size_t i = 0; i < p->n_units; i++) {
        const plan_unit *u = &p->units[i];
        if (!plan_unit_expected(p, u, year))
            continue;
        char *name = form_file_name(u->code, year);
        path = name ? bc_path_join(out, name) : NULL;
        free(name);
        if (!path)
            goto out;
        bc_status st = write_one(p, u->code, year, NULL, path, d);
        free(path);
        path = NULL;
        if (st != BC_OK) {
            fprintf(stderr, "baocao form: %s\n", bc_status_msg(st));
            goto out;
        }
        written++;
    }
    fprintf(stderr, "baocao form: đã ghi %zu mẫu báo cáo năm %d vào %s\n",
            written, year, out);
    rc = BC_EXIT_OK;
out:
    free(path);
    ctx_close(&ctx);
    diag_free(d);
    return rc;
}
