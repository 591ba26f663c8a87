/* cli.c - option parsing and usage text from option tables. */
#include "cli.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "annotate.h"
#include "context.h"
#include "diag.h"
#include "status.h"
#include "util.h"

static const cli_opt *find_long(const cli_opt *opts, const char *name,
                                size_t n)
{
    for (const cli_opt *o = opts; o->kind != CLI_END; o++)
        if (strlen(o->long_name) == n && strncmp(o->long_name, name, n) == 0)
            return o;
    return NULL;
}

static const cli_opt *find_short(const cli_opt *opts, char c)
{
    for (const cli_opt *o = opts; o->kind != CLI_END; o++)
        if (o->short_name && o->short_name == c)
            return o;
    return NULL;
}

static int set_value(const cli_cmd *cmd, const cli_opt *o, const char *arg,
                     FILE *err)
{
    if (o->kind == CLI_STRING) {
        *(const char **)o->target = arg;
        return 0;
    }
    char *end;
    errno = 0;
    long v = strtol(arg, &end, 10);
    if (errno || end == arg || *end || v < INT_MIN || v > INT_MAX) {
        fprintf(err, "baocao %s: --%s cần một số nguyên, nhận được «%s»\n",
                cmd->name, o->long_name, arg);
        return -1;
    }
    *(int *)o->target = (int)v;
    return 0;
}

int cli_parse(const cli_cmd *cmd, const cli_opt *opts, int argc, char **argv,
              int *n_operands, int *help, FILE *err)
{
    int nop = 0;
    int only_operands = 0;
    *help = 0;
    for (int i = 0; i < argc; i++) {
        char *a = argv[i];
        if (only_operands || a[0] != '-' || a[1] == '\0') {
            argv[nop++] = a;
            continue;
        }
        if (strcmp(a, "--") == 0) {
            only_operands = 1;
            continue;
        }
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            *help = 1;
            continue;
        }
        const cli_opt *o;
        const char *val = NULL;
        if (a[1] == '-') {
            const char *name = a + 2;
            const char *eq = strchr(name, '=');
            size_t n = eq ? (size_t)(eq - name) : strlen(name);
            o = find_long(opts, name, n);
            if (!o) {
                fprintf(err, "baocao %s: không có tùy chọn «--%.*s» "
                        "(xem: baocao %s --help)\n", cmd->name, (int)n, name,
                        cmd->name);
                return -1;
            }
            if (eq) {
                if (o->kind == CLI_FLAG) {
                    fprintf(err, "baocao %s: --%s không nhận giá trị\n",
                            cmd->name, o->long_name);
                    return -1;
                }
                val = eq + 1;
            }
        } else {
            o = find_short(opts, a[1]);
            if (!o || (a[2] && o->kind == CLI_FLAG)) {
                fprintf(err, "baocao %s: không có tùy chọn «%s» "
                        "(xem: baocao %s --help)\n", cmd->name, a, cmd->name);
                return -1;
            }
            if (a[2])
                val = a + 2;
        }
        if (o->kind == CLI_FLAG) {
            *(int *)o->target = 1;
            continue;
        }
        if (!val) {
            if (i + 1 >= argc) {
                fprintf(err, "baocao %s: --%s cần giá trị %s\n", cmd->name,
                        o->long_name, o->arg_name ? o->arg_name : "");
                return -1;
            }
            val = argv[++i];
        }
        if (set_value(cmd, o, val, err) != 0)
            return -1;
    }
    *n_operands = nop;
    return 0;
}

void cli_usage(const cli_cmd *cmd, const cli_opt *opts, FILE *out)
{
    fprintf(out, "Cách dùng: baocao %s %s\n\n%s\n", cmd->name,
            cmd->synopsis ? cmd->synopsis : "", cmd->summary);
    int any = 0;
    for (const cli_opt *o = opts; o && o->kind != CLI_END; o++) {
        if (!any)
            fputs("\nTùy chọn:\n", out);
        any = 1;
        char left[64];
        if (o->short_name)
            snprintf(left, sizeof left, "-%c, --%s%s%s", o->short_name,
                     o->long_name, o->arg_name ? " " : "",
                     o->arg_name ? o->arg_name : "");
        else
            snprintf(left, sizeof left, "    --%s%s%s", o->long_name,
                     o->arg_name ? " " : "", o->arg_name ? o->arg_name : "");
        /* pad by characters, not bytes: "NĂM" is three columns wide */
        size_t width = 0;
        for (const char *q = left; *q; q++)
            width += ((unsigned char)*q & 0xC0) != 0x80;
        fprintf(out, "  %s%*s %s\n", left, width < 24 ? (int)(24 - width) : 0,
                "", o->help);
    }
    fprintf(out, "  %-24s %s\n", "-h, --help", "in hướng dẫn này");
    if (cmd->details)
        fprintf(out, "\n%s\n", cmd->details);
}

int cli_start(const cli_cmd *cmd, const cli_opt *opts, int argc, char **argv,
              int *n_operands)
{
    int help;
    if (cli_parse(cmd, opts, argc, argv, n_operands, &help, stderr) != 0)
        return BC_EXIT_FAILURE;
    if (help) {
        cli_usage(cmd, opts, stdout);
        return BC_EXIT_OK;
    }
    return CLI_GO;
}

int cli_annotate(const char *path, const bc_diag *d, size_t from,
                 const char *out, const cli_annotate_shown *shown)
{
    bc_diag *ad = diag_new();
    annotate_kind kind = ANNOTATE_COPY;
    bc_status st = out && ad ? annotate_workbook(path, d, from, diag_count(d),
                                                 out, ad, &kind)
                             : BC_ERR_NOMEM;
    if (ad)
        ctx_print_findings(ad, 0, stderr);
    diag_free(ad);
    if (st != BC_OK) {
        fprintf(stderr, "%s: không ghi được bản đánh dấu lỗi của %s (%s)\n",
                shown->cmd, shown->path, bc_status_msg(st));
        return -1;
    }
    const char *shown_out = shown->out ? shown->out : out;
    if (kind == ANNOTATE_LIST_ONLY)
        fprintf(stderr, "baocao: không chép lại được %s; %s chỉ có danh sách "
                        "lỗi\n", shown->path, shown_out);
    else
        fprintf(stderr, "baocao: đánh dấu ô cần sửa của %s vào %s\n",
                shown->path, shown_out);
    return 0;
}

/* 1 if dir looks like a templates folder */
static int is_templates(const char *dir)
{
    char *p = bc_path_join(dir, "schema/submission.xsd");
    int ok = p && bc_is_file(p);
    free(p);
    return ok;
}

/* p made relative to the working folder when it lies inside it, so that
 * messages name "templates/plan/..." rather than a long absolute path.
 * Takes ownership of p. */
static char *relative_to_cwd(char *p)
{
    char cwd[PATH_MAX];
    char *real = realpath(p, NULL);
    if (!real || !getcwd(cwd, sizeof cwd)) {
        free(real);
        return p;
    }
    size_t n = strlen(cwd);
    if (strncmp(real, cwd, n) == 0 && real[n] == '/') {
        char *rel = bc_strdup(real + n + 1);
        if (rel) {
            free(p);
            p = rel;
        }
    }
    free(real);
    return p;
}

char *cli_templates_dir(const char *override)
{
    if (override)
        return bc_strdup(override);
    const char *env = getenv("BAOCAO_TEMPLATES");
    if (env && *env)
        return bc_strdup(env);
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            static const char *const rel[] = {
                "templates", "../templates", "../share/baocao/templates"};
            for (size_t i = 0; i < BC_ARRAY_LEN(rel); i++) {
                char *p = bc_path_join(exe, rel[i]);
                if (p && is_templates(p))
                    return relative_to_cwd(p);
                free(p);
            }
        }
    }
#ifdef BC_TEMPLATEDIR
    if (is_templates(BC_TEMPLATEDIR))
        return bc_strdup(BC_TEMPLATEDIR);
#endif
    return NULL;
}
