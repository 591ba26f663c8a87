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

/* The folder holding templates/ content (schema/, xslt/, plan/): the
 * --templates value if given, else $BAOCAO_TEMPLATES, else templates/
 * beside the executable or one level up (the source tree), else
 * ../share/baocao/templates beside it, else the folder compiled in at
 * install time.  Returns a malloc'ed path or NULL (nothing found). */
char *cli_templates_dir(const char *override);

#endif
