/* cli.h - option tables, parsing and generated usage text (git builtin
 * style).  Each subcommand (cmd_*.c) declares a table of its options; the
 * parser and the --help text are both driven by it. */
#ifndef BC_CLI_H
#define BC_CLI_H

#include <stdio.h>

typedef enum cli_kind {
    CLI_FLAG,   /* no argument: *(int *)target = 1 */
    CLI_STRING, /* one argument: *(const char **)target = arg */
    CLI_INT,    /* one integer argument: *(int *)target */
    CLI_END
} cli_kind;

typedef struct cli_opt {
    const char *long_name; /* "input" for --input */
    char short_name;       /* 'i' for -i, or 0 */
    cli_kind kind;
    void *target;
    const char *arg_name;  /* "DIR" in the usage text */
    const char *help;      /* one line, Vietnamese */
} cli_opt;

#define CLI_OPT_END {NULL, 0, CLI_END, NULL, NULL, NULL}

/* The options several commands share, worded once; target is the
 * variable's address (const char ** or int *). */
#define CLI_OPT_PLAN(target)                                                  \
    {"plan", 0, CLI_STRING, (target), "TỆP", "tệp dữ liệu Đề án"}
#define CLI_OPT_TEMPLATES(target)                                             \
    {"templates", 't', CLI_STRING, (target), "DIR",                          \
     "thư mục mẫu (lược đồ, XSLT, dữ liệu Đề án)"}
#define CLI_OPT_ANNOTATE(target)                                              \
    {"annotate", 0, CLI_STRING, (target), "DIR",                             \
     "ghi vào DIR bản đánh dấu lỗi của bảng tính bị từ chối"}
#define CLI_OPT_JOBS(target)                                                  \
    {"jobs", 'j', CLI_INT, (target), "N",                                     \
     "số luồng đọc, kiểm tra tệp (mặc định: số lõi CPU)"}

typedef struct cli_cmd {
    const char *name;      /* "run", "plan check" */
    const char *synopsis;  /* "[--input DIR] ..." after the name */
    const char *summary;   /* one line, Vietnamese */
    const char *details;   /* paragraphs after the options, or NULL */
} cli_cmd;

/* Parses argv[0..argc) against opts.  Options may come before, between and
 * after operands; "--" ends options; --opt=value and --opt value are both
 * accepted.  Operands are moved to the front of argv; *n_operands gets
 * their count.  --help sets *help.  Returns 0, or -1 after printing a
 * Vietnamese message naming the bad option to err. */
int cli_parse(const cli_cmd *cmd, const cli_opt *opts, int argc, char **argv,
              int *n_operands, int *help, FILE *err);

/* Prints the usage text of a command, generated from its table. */
void cli_usage(const cli_cmd *cmd, const cli_opt *opts, FILE *out);

/* cli_start's answer when the command is to go on. */
#define CLI_GO (-1)

/* The start every command shares: parses argv as cli_parse does (operands
 * moved to the front, their count in *n_operands), printing a bad option's
 * message to stderr, and prints the usage text to stdout on --help.
 * Returns CLI_GO when the command is to go on, else the exit code it is to
 * return at once (BC_EXIT_FAILURE after a bad option, BC_EXIT_OK after
 * --help). */
int cli_start(const cli_cmd *cmd, const cli_opt *opts, int argc, char **argv,
              int *n_operands);

struct bc_diag;
struct annotate_names;

/* What cli_annotate is to name in the lines it prints. */
typedef struct cli_annotate_shown {
    const char *cmd;  /* "baocao run": the command, in the error line */
    const char *path; /* the workbook as shown (escaped, or as typed) */
    const char *out;  /* the copy as shown; NULL: as written */
} cli_annotate_shown;

/* Writes out, the marked-up copy of the rejected workbook path whose
 * findings are d[from..) (annotate_workbook), then prints to stderr the
 * copy's own findings and one line saying where it went, or that it holds
 * the list of findings only.  out NULL (no name could be picked) counts as
 * running out of memory.  Borrows everything.  Returns 0, or -1 after
 * printing why the copy is missing. */
int cli_annotate(const char *path, const struct bc_diag *d, size_t from,
                 const char *out, const cli_annotate_shown *shown);

/* The folder holding templates/ content (schema/, xslt/, plan/): the
 * --templates value if given, else $BAOCAO_TEMPLATES, else templates/
 * beside the executable or one level up (the source tree), else
 * ../share/baocao/templates beside it, else the folder compiled in at
 * install time.  Returns a malloc'ed path or NULL (nothing found). */
char *cli_templates_dir(const char *override);

#endif
