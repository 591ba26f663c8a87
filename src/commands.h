/* commands.h - the subcommands; each returns the process exit code
 * (BC_EXIT_*).  argv[0] is the first argument after the command name. */
#ifndef BC_COMMANDS_H
#define BC_COMMANDS_H

int cmd_run(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_plan(int argc, char **argv);
int cmd_form(int argc, char **argv);
int cmd_nhanxet(int argc, char **argv);

#endif
