/* context.c - shared command set-up. */
#include "context.h"

#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "util.h"

int ctx_open(bc_ctx *c, const char *templates, const char *plan_file,
             bc_diag *d)
{
    memset(c, 0, sizeof *c);
    c->templates = cli_templates_dir(templates);
    if (!c->templates) {
        fprintf(stderr, "baocao: không tìm thấy thư mục mẫu (templates); "
                        "chỉ ra bằng --templates DIR\n");
        return -1;
    }
    if (templates && !bc_is_dir(templates)) {
        fprintf(stderr, "baocao: thư mục mẫu «%s» không tồn tại\n", templates);
        return -1;
    }
    c->plan_path = plan_file ? bc_strdup(plan_file)
                             : ctx_path(c, "plan/de-an-2030.xml");
    char *xsd = ctx_path(c, "schema/plan.xsd");
    if (!c->plan_path || !xsd) {
        free(xsd);
        fprintf(stderr, "baocao: %s\n", bc_status_msg(BC_ERR_NOMEM));
        return -1;
    }
    size_t before = diag_count(d);
    bc_status st = plan_load(c->plan_path, xsd, d, &c->plan);
    free(xsd);
    if (st != BC_OK) {
        ctx_print_findings(d, before, stderr);
        fprintf(stderr, "baocao: không nạp được dữ liệu Đề án «%s»: %s\n",
                c->plan_path, bc_status_msg(st));
        return -1;
    }
    return 0;
}

char *ctx_path(const bc_ctx *c, const char *rel)
{
    return bc_path_join(c->templates, rel);
}

void ctx_close(bc_ctx *c)
{
    plan_free(c->plan);
    free(c->templates);
    free(c->plan_path);
    memset(c, 0, sizeof *c);
}

size_t ctx_print_findings(const bc_diag *d, size_t from, FILE *out)
{
    size_t n = diag_count(d);
    for (size_t i = from; i < n; i++)
        diag_print(diag_get(d, i), out);
    return n;
}

int ctx_cycle_of(const char *path)
{
    /* walk the folder components from the end */
    const char *end = strrchr(path, '/');
    while (end && end > path) {
        const char *start = end;
        while (start > path && start[-1] != '/')
            start--;
        if (end - start == 4) {
            int y = 0, ok = 1;
            for (const char *p = start; p < end; p++) {
                if (*p < '0' || *p > '9')
                    ok = 0;
                else
                    y = y * 10 + (*p - '0');
            }
            if (ok && y >= 1900 && y <= 2100)
                return y;
        }
        end = start > path ? start - 1 : NULL;
    }
    return 0;
}
