/* commands — the table of lbgen's subcommands.
 *
 * Each command lives in its own cmd_<name>.c and is an ordinary
 * `int main`-style function: it parses its own options and returns the
 * process exit code (0 ok, 1 usage, 2 bad input, 3 source failed,
 * 4 internal error). main.c only dispatches. */
#ifndef LBGEN_COMMANDS_H
#define LBGEN_COMMANDS_H

#include <stdio.h>

typedef struct {
    const char *name;
    const char *summary;
    const char *usage; /* full help text printed by `lbgen help NAME` */
    int (*run)(int argc, char **argv);
} Command;

extern const Command lbgen_commands[];

int cmd_rate(int argc, char **argv);
extern const char cmd_rate_usage[];

/* Prints "lbgen NAME: usage..." for a bad command line and returns 1. */
int command_usage_error(const char *name, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
const Command *command_find(const char *name);

int cmd_build(int argc, char **argv);
int cmd_render(int argc, char **argv);
int cmd_i18n(int argc, char **argv);
extern const char cmd_i18n_usage[];
int cmd_fetch(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_summary(int argc, char **argv);
extern const char cmd_summary_usage[];


#endif
