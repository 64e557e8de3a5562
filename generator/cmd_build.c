/* cmd_build — `lbgen build`: the whole site from the configuration. */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

#include "commands.h"
#include "outdir.h"
#include "site.h"

/* The build's notes on stderr; --quiet drops the progress ones. */
static void print_note(void *ctx, LbNoteKind kind, const char *message)
{
    if (kind == LB_NOTE_PROGRESS && *(const int *)ctx)
        return;
    lb_log_lines("lbgen build: ", message);
}

int cmd_build(int argc, char **argv)
{
    BuildOptions options = {.config_path = "leaderboards.json"};
    int quiet = 0;
    const LbReporter report = {print_note, &quiet};
    options.report = &report;
    static const struct option longopts[] = {
        {"config", required_argument, NULL, 'c'},
        {"out", required_argument, NULL, 'o'},
        {"locale", required_argument, NULL, 'l'},
        {"templates", required_argument, NULL, 't'},
        {"quiet", no_argument, NULL, 'q'},
        {"fetch", no_argument, NULL, 'f'},
        {"force", no_argument, NULL, 'F'},
        {"strict", no_argument, NULL, 'S'},
        {"base-url", required_argument, NULL, 'B'},
        {"docs-out", required_argument, NULL, 'D'},
        {NULL, 0, NULL, 0},
    };
    int opt;
    optind = 1;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, "c:o:l:t:q", longopts, NULL)) != -1) {
        switch (opt) {
        case 'c': options.config_path = optarg; break;
        case 'o': options.out_dir = optarg; break;
        case 'l': options.locales = optarg; break;
        case 't': options.templates_dir = optarg; break;
        case 'q': quiet = 1; break;
        case 'f': options.fetch = 1; break;
        case 'F': options.force = 1; break;
        case 'S': options.strict = 1; break;
        case 'B': options.base_url = optarg; break;
        case 'D': options.docs_out = optarg; break;
        default:
            return command_usage_error("build", "unknown or incomplete option '%s'",
                                       argv[optind - 1]);
        }
    }
    if (options.force && !options.fetch)
        return command_usage_error("build", "--force only makes sense with --fetch");
    if (optind < argc)
        return command_usage_error("build", "unexpected argument '%s'",
                                   argv[optind]);
    if (options.base_url && !*options.base_url)
        return command_usage_error("build", "--base-url needs a URL");
    if (options.docs_out && !*options.docs_out)
        return command_usage_error("build", "--docs-out needs a directory");
    /* The docs tree holds every configured locale: a subset would remove
     * the others' pages from it. */
    if (options.docs_out && options.locales)
        return command_usage_error("build", "--docs-out writes every configured "
                                   "locale; --locale cannot narrow it (set "
                                   "`locales` in the configuration)");
    /* The flag, else the environment (an empty value counts as unset). */
    const char *env = getenv("LBGEN_BASE_URL");
    if (options.base_url)
        options.base_url_from = "--base-url";
    else if (env && *env) {
        options.base_url = env;
        options.base_url_from = "LBGEN_BASE_URL";
    }
    /* --docs-out alone writes only the docs tree. */
    if (!options.out_dir && !options.docs_out)
        options.out_dir = "site";
    LbError err = {0};
    BuildStats stats;
    if (site_build(&options, &stats, &err) != 0) {
        lb_log("lbgen build: %s\n", err.message);
        int sig = outdir_interrupted();
        if (sig) { /* the staging tree is gone: now end as asked */
            signal(sig, SIG_DFL);
            raise(sig);
        }
        return err.status ? (int)err.status : 4;
    }
    if (!quiet && options.out_dir)
        lb_log("lbgen build: wrote %zu files (%zu bytes) to %s\n",
                stats.pages, stats.bytes, options.out_dir);
    if (!quiet && options.docs_out)
        lb_log("lbgen build: docs: %zu files in %s (%zu written, "
                "%zu removed)\n", stats.docs_files, options.docs_out,
                stats.docs_written, stats.docs_removed);
    return 0;
}
