/* cmd_summary — `lbgen summary`: the publishing run's Markdown report. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "commands.h"
#include "fileio.h"
#include "summary.h"

const char cmd_summary_usage[] =
    "usage: lbgen summary [--config leaderboards.json] [--previous DIR]\n"
    "                     [--log FILE] [--top N]\n"
    "       lbgen summary --changed --previous DIR [--config leaderboards.json]\n\n"
    "Prints, as Markdown, one row per board (rows, updated_at, which of its\n"
    "sources the data came from, rank changes since the snapshot in DIR,\n"
    "whether its sources failed) and the N (default 5) biggest rank changes\n"
    "of each board. DIR holds the data files as they were before (a board's\n"
    "is DIR/<file name of its data>). --log adds the build's messages; a\n"
    "board named in a line of them (\"ID:\", or its data file or a source\n"
    "URL on a line no board owns) is marked as failed, unless the line is\n"
    "progress (refreshed, a retry, a warning, a source skipped before\n"
    "another one was used: those are counted). --changed prints instead the\n"
    "ids of the boards whose data file differs from DIR's, one per line.\n";

int cmd_summary(int argc, char **argv)
{
    SummaryOptions options = {"leaderboards.json", NULL, NULL, 5};
    const char *log_path = NULL;
    int changed = 0;
    static const struct option longopts[] = {
        {"config", required_argument, NULL, 'c'},
        {"previous", required_argument, NULL, 'p'},
        {"log", required_argument, NULL, 'l'},
        {"top", required_argument, NULL, 'n'},
        {"changed", no_argument, NULL, 'C'},
        {NULL, 0, NULL, 0},
    };
    int opt;
    optind = 1;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, "c:p:l:n:C", longopts, NULL)) != -1) {
        switch (opt) {
        case 'c': options.config_path = optarg; break;
        case 'p': options.previous_dir = optarg; break;
        case 'l': log_path = optarg; break;
        case 'C': changed = 1; break;
        case 'n': {
            char *end;
            long n = strtol(optarg, &end, 10);
            if (end == optarg || *end || n < 0 || n > 1000)
                return command_usage_error("summary", "--top: '%s' is not a "
                                           "number from 0 to 1000", optarg);
            options.top_changes = (size_t)n;
            break;
        }
        default:
            return command_usage_error("summary", "unknown or incomplete option '%s'",
                                       argv[optind - 1]);
        }
    }
    if (optind < argc)
        return command_usage_error("summary", "unexpected argument '%s'",
                                   argv[optind]);
    if (changed && !options.previous_dir)
        return command_usage_error("summary", "--changed needs --previous DIR");

    LbError err = {0};
    Buf out = BUF_INIT;
    char *log = NULL;
    int rc = 0;
    if (log_path) {
        size_t len;
        rc = file_read_all(log_path, &log, &len, &err);
        options.log_text = log;
    }
    if (rc == 0)
        rc = changed ? summary_changed_boards(options.config_path,
                                              options.previous_dir, &out, &err)
                     : summary_markdown(&options, &out, &err);
    if (rc == 0)
        fwrite(out.data ? out.data : "", 1, out.len, stdout);
    else
        lb_log("lbgen summary: %s\n", err.message);
    buf_free(&out);
    free(log);
    return rc == 0 ? 0 : (err.status ? (int)err.status : 4);
}
