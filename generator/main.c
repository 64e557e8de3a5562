/* main — the `lbgen` executable: global flags and subcommand dispatch. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"

static void print_overview(FILE *out)
{
    fprintf(out,
            "lbgen %s — static-site generator for LLM leaderboards\n\n"
            "usage: lbgen COMMAND [OPTIONS]\n\ncommands:\n",
            LBGEN_VERSION);
    for (const Command *c = lbgen_commands; c->name; c++)
        fprintf(out, "  %-8s %s\n", c->name, c->summary);
    fprintf(out, "\n`lbgen help COMMAND` shows a command's options.\n"
                 "Exit codes: 0 ok, 1 usage, 2 bad input, 3 a source failed,"
                 " 4 internal error.\n");
}

const Command *command_find(const char *name)
{
    for (const Command *c = lbgen_commands; c->name; c++)
        if (strcmp(c->name, name) == 0)
            return c;
    return NULL;
}

int command_usage_error(const char *name, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "lbgen %s: ", name);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    const Command *c = command_find(name);
    if (c)
        fprintf(stderr, "%s", c->usage);
    return 1;
}

static int run_help(int argc, char **argv)
{
    if (argc < 2) {
        print_overview(stdout);
        return 0;
    }
    const Command *c = command_find(argv[1]);
    if (!c) {
        fprintf(stderr, "lbgen help: unknown command '%s'\n", argv[1]);
        print_overview(stderr);
        return 1;
    }
    fputs(c->usage, stdout);
    return 0;
}

const Command lbgen_commands[] = {
    {"help", "show help for a command", "usage: lbgen help [COMMAND]\n",
     run_help},
    {"rate", "compute ratings from battles or judgments", cmd_rate_usage,
     cmd_rate},
    {NULL, NULL, NULL, NULL},
};

int main(int argc, char **argv)
{
    if (argc < 2) {
        print_overview(stderr);
        return 1;
    }
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) {
        print_overview(stdout);
        return 0;
    }
    if (strcmp(name, "--version") == 0 || strcmp(name, "-V") == 0) {
        printf("lbgen %s\n", LBGEN_VERSION);
        return 0;
    }
    const Command *c = command_find(name);
    if (!c) {
        fprintf(stderr, "lbgen: unknown command '%s'\n", name);
        print_overview(stderr);
        return 1;
    }
    /* `lbgen CMD --help` prints the command's usage. */
    for (int i = 2; i < argc && strcmp(argv[i], "--") != 0; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(c->usage, stdout);
            return 0;
        }
    }
    return c->run(argc - 1, argv + 1);
}
