/* cmd_rate — `lbgen rate`: battles (or judgments) in, a Leaderboard out.
 *
 * Parses the options, reads the input (with a progress bar), hands it to
 * the ratings library (rate.h: Bradley–Terry with bootstrap, optionally
 * style control; online Elo; win rate against a baseline) and writes the
 * board as JSON (plus CSV and the pairwise matrix on request). Progress
 * goes to stderr only when it is a terminal; the summary and warnings
 * always go there (the summary not with --quiet). */
#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "battles.h"
#include "commands.h"
#include "fileio.h"
#include "jsonfile.h"
#include "leaderboard.h"
#include "mem.h"
#include "rate.h"
#include "rate_options.h"
#include "slug.h"

typedef struct {
    const char *input;
    const char *out, *csv, *matrix, *id;
    RateSettings settings; /* every knob of the method (rate_options.h) */
    int quiet;
    int progress;          /* stderr is a terminal and not --quiet */
} RateArgs;

const char cmd_rate_usage[] =
    "usage: lbgen rate BATTLES.json[l] [OPTIONS]\n"
    "\n"
    "Computes ratings from pairwise battles (a JSON array or JSON Lines in\n"
    "the public arena's format) and prints a Leaderboard JSON.\n"
    "\n"
    "  --method bt|elo|winrate  Bradley-Terry (default), online Elo (K=4),\n"
    "                           or win rate vs --baseline from judgments\n"
    "  --ci sandwich|bootstrap  Bradley-Terry intervals: the sandwich\n"
    "                           estimator (default, as lmarena/arena-rank)\n"
    "                           or bootstrap quantiles\n"
    "  --bootstrap N            bootstrap rounds (default 1000 with bootstrap\n"
    "                           intervals, elo and winrate; 0 with sandwich,\n"
    "                           where rounds give the rank spreads)\n"
    "  --seed S                 random seed (default 42)\n"
    "  --threads N              worker threads (default: all processors)\n"
    "  --style-control          also fit style-controlled ratings (bt, winrate)\n"
    "  --anchor MODEL=RATING    fix one model's rating (default\n"
    "                           mixtral-8x7b-instruct-v0.1=1114 if present)\n"
    "  --weight-field NAME      per-battle weights from this field (default\n"
    "                           \"weight\" when the battles have it)\n"
    "  --baseline MODEL         the win-rate baseline (--method winrate)\n"
    "  --answers DIR|FILE       answers: average tokens, style (winrate)\n"
    "  --anony-only | --all     keep only anonymous battles (default) or all\n"
    "  --where PATH=VALUE       keep battles whose dotted PATH equals VALUE\n"
    "                           (repeatable; all must match)\n"
    "  --since T, --until T     battle time bounds: epoch seconds or\n"
    "                           YYYY-MM-DD (--until includes that day)\n"
    "  --preliminary-votes N    preliminary below N votes (default 10000)\n"
    "  --preliminary-days D     ... and first seen in the last D days (30)\n"
    "  --out FILE.json          output (default standard output)\n"
    "  --csv FILE               also write a flat CSV table\n"
    "  --matrix FILE.json       pairwise battle counts and win fractions\n"
    "  --id NAME                leaderboard id (default: input base name)\n"
    "  --quiet                  no progress bar, no summary line\n"
    "\n"
    "The same options, spelled with underscores, are a board's live.options\n"
    "in leaderboards.json (see README).\n";

/* ---- progress and messages --------------------------------------------- */

/* One bar on stderr (a terminal): the phase, a bar, done / total and the
 * time left, redrawn at most ten times a second, and only once the phase
 * has run for a moment, so short runs print nothing. */
typedef struct {
    const char *phase;
    double started, drawn;
    int shown;
} Bar;

static Bar bar;

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void bar_update(const char *phase, double done, double total,
                       const char *unit, double scale)
{
    double t = now_seconds();
    if (!bar.phase || strcmp(bar.phase, phase) != 0) {
        bar.phase = phase;
        bar.started = t;
        bar.drawn = 0;
    }
    int finished = total > 0 && done >= total;
    if (finished) {
        if (bar.shown)
            lb_log_verbatim("\r\033[K");
        bar.shown = 0;
        bar.phase = NULL;
        return;
    }
    if (t - bar.started < 0.3 || t - bar.drawn < 0.1)
        return;
    bar.drawn = t;
    bar.shown = 1;
    char cells[21];
    int filled = total > 0 ? (int)(20.0 * done / total) : 0;
    for (int i = 0; i < 20; i++)
        cells[i] = i < filled ? '#' : '.';
    cells[20] = '\0';
    /* lbgen's own text (a phase name, '#' and '.', numbers) and the
     * terminal's line controls: written as is. */
    Buf line = BUF_INIT;
    buf_printf(&line, "\r%-9s [%s] %.0f", phase, cells, done / scale);
    if (total > 0)
        buf_printf(&line, "/%.0f", total / scale);
    buf_printf(&line, " %s", unit);
    if (total > 0 && done > 0) {
        double left = (t - bar.started) * (total - done) / done;
        buf_printf(&line, ", %.0f s left", ceil(left));
    }
    buf_puts(&line, "\033[K");
    lb_log_verbatim(line.data);
    buf_free(&line);
}

static void parse_progress(void *ctx, uint64_t done, uint64_t total)
{
    (void)ctx;
    bar_update("reading", (double)done, (double)total, "MB", 1048576.0);
}

static void rounds_progress(void *ctx, const char *phase, int done,
                            int total)
{
    (void)ctx;
    bar_update(phase, done, total,
               strcmp(phase, "sandwich") == 0 ? "models" : "rounds", 1.0);
}

static void end_progress(const RateArgs *a)
{
    if (a->progress && bar.shown)
        lb_log_verbatim("\r\033[K");
    bar.shown = 0;
    bar.phase = NULL;
}

static void print_warning(void *ctx, const char *message)
{
    const RateArgs *a = ctx;
    end_progress(a);
    lb_log_lines("lbgen rate: warning: ", message);
}

static void warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void warn(const char *fmt, ...)
{
    Buf text = BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&text, fmt, ap);
    va_end(ap);
    lb_log_lines("lbgen rate: warning: ", text.data ? text.data : "");
    buf_free(&text);
}

/* ---- options ----------------------------------------------------------- */

/* Flags of the command itself (not ratings knobs); the ratings knobs come
 * from rate_option_specs and get values 256 + their RateOptId. */
enum { OPT_OUT = 'o', OPT_CSV = 512, OPT_MATRIX, OPT_ID, OPT_QUIET };

static struct option *long_options(void)
{
    static struct option table[ROPT_COUNT_ + 8];
    size_t k = 0;
    for (size_t i = 0; i < ROPT_COUNT_; i++) {
        const RateOptSpec *o = &rate_option_specs[i];
        if (!o->flag)
            continue;
        table[k++] = (struct option){o->flag,
                                     o->takes_value ? required_argument
                                                    : no_argument,
                                     NULL, 256 + (int)o->id};
    }
    table[k++] = (struct option){"out", required_argument, NULL, OPT_OUT};
    table[k++] = (struct option){"csv", required_argument, NULL, OPT_CSV};
    table[k++] = (struct option){"matrix", required_argument, NULL,
                                 OPT_MATRIX};
    table[k++] = (struct option){"id", required_argument, NULL, OPT_ID};
    table[k++] = (struct option){"quiet", no_argument, NULL, OPT_QUIET};
    table[k] = (struct option){NULL, 0, NULL, 0};
    return table;
}

static int parse_args(int argc, char **argv, RateArgs *a)
{
    memset(a, 0, sizeof *a);
    rate_settings_init(&a->settings, RATE_BT);
    optind = 0; /* glibc: full re-initialisation (tests call us twice) */
    opterr = 0;
    const char *name = "rate";
    const struct option *table = long_options();
    Buf problem = BUF_INIT;
    int c, rc = 0;
    while (rc == 0 &&
           (c = getopt_long(argc, argv, "o:", table, NULL)) != -1) {
        if (c >= 256 && c < 256 + ROPT_COUNT_) {
            const RateOptSpec *o = &rate_option_specs[c - 256];
            buf_clear(&problem);
            if (rate_settings_set_text(&a->settings, o, optarg, &problem) < 0)
                rc = command_usage_error(name, "--%s: %s", o->flag,
                                         problem.data);
            continue;
        }
        switch (c) {
        case OPT_OUT: a->out = optarg; break;
        case OPT_CSV: a->csv = optarg; break;
        case OPT_MATRIX: a->matrix = optarg; break;
        case OPT_ID: a->id = optarg; break;
        case OPT_QUIET: a->quiet = 1; break;
        default:
            if (optopt && optopt < 256)
                rc = command_usage_error(name, "option -%c needs a value or "
                                               "is unknown", optopt);
            else
                rc = command_usage_error(name, "unknown or incomplete "
                                               "option '%s'",
                                         argv[optind - 1]);
        }
    }
    if (rc == 0 && optind != argc - 1)
        rc = command_usage_error(name, optind >= argc
                                           ? "missing input file"
                                           : "expected one input file");
    const RateOptSpec *culprit = NULL;
    buf_clear(&problem);
    if (rc == 0 && rate_settings_finish(&a->settings, ROPT_NAME_FLAG,
                                        &culprit, &problem) < 0)
        rc = command_usage_error(name, "--%s: %s", culprit->flag,
                                 problem.data);
    buf_free(&problem);
    if (rc)
        return rc;
    a->input = argv[optind];
    LbError bad_id;
    if (a->id && slug_check(a->id, "--id", &bad_id) != 0)
        return command_usage_error(name, "%s", bad_id.message);
    RateOptions *r = &a->settings.rate;
    r->source_name = a->input;
    r->id = a->id;
    r->warn = print_warning;
    r->warn_ctx = a;
    a->progress = !a->quiet && isatty(STDERR_FILENO);
    if (a->progress) {
        r->read.progress = parse_progress;
        r->progress = rounds_progress;
    }
    return 0;
}

static void free_args(RateArgs *a)
{
    rate_settings_free(&a->settings);
}

/* Default board id: the input's base name without its extension. */
static char *default_id(const char *path)
{
    if (strcmp(path, "-") == 0)
        return xstrdup("arena");
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strchr(base, '.');
    size_t len = dot && dot > base ? (size_t)(dot - base) : strlen(base);
    return xstrndup(base, len);
}

static void print_summary(const RateArgs *a, const Battles *bt)
{
    if (a->quiet)
        return;
    lb_log("lbgen rate: %lld battles read, %zu kept (%zu models); "
            "filtered: %lld not anonymous, %lld by --where, %lld by "
            "--since/--until; %lld self-battles skipped\n",
            bt->records, bt->n, bt->n_models, bt->not_anony,
            bt->where_rejected, bt->time_rejected, bt->self_battles);
}

/* ---- output ------------------------------------------------------------ */

static int write_outputs(const RateArgs *a, Leaderboard *lb, LbError *err)
{
    leaderboard_sort_by_rating(lb);
    if (a->csv) {
        Buf csv = BUF_INIT;
        leaderboard_write_csv(lb, &csv);
        int rc = file_write_atomic(a->csv, csv.data ? csv.data : "", csv.len,
                                   err);
        buf_free(&csv);
        if (rc < 0)
            return -1;
    }
    cJSON *json = leaderboard_to_json(lb);
    int rc = json_write_file(a->out, json, err);
    cJSON_Delete(json);
    return rc;
}

static int write_matrix(const char *path, const Leaderboard *lb,
                        const Battles *bt, LbError *err)
{
    cJSON *json = rate_matrix_json(lb, bt, err);
    if (!json)
        return -1;
    int rc = json_write_file(path, json, err);
    cJSON_Delete(json);
    return rc;
}

/* ---- command ----------------------------------------------------------- */

static int run_arena(RateArgs *a, LbError *err)
{
    Battles bt;
    battles_init(&bt);
    BattleReadOptions ro = rate_read_options(&a->settings.rate);
    int rc = battles_read(a->input, &ro, &bt, err);
    end_progress(a);
    if (rc < 0) {
        battles_free(&bt);
        return -1;
    }
    print_summary(a, &bt);
    char *id = a->id ? xstrdup(a->id) : default_id(a->input);
    RateOptions o = a->settings.rate;
    o.id = id;
    Leaderboard *lb = rate_battles(&bt, &o, err);
    free(id);
    rc = lb ? 0 : -1;
    if (rc == 0 && a->matrix)
        rc = write_matrix(a->matrix, lb, &bt, err);
    if (rc == 0)
        rc = write_outputs(a, lb, err);
    leaderboard_free(lb);
    battles_free(&bt);
    return rc;
}

static int run_winrate(RateArgs *a, LbError *err)
{
    char *id = a->id ? xstrdup(a->id) : default_id(a->input);
    RateOptions o = a->settings.rate;
    o.id = id;
    WinrateSummary summary;
    Leaderboard *lb = rate_judgments(a->input, &o, &summary, err);
    free(id);
    end_progress(a);
    int rc = lb ? 0 : -1;
    if (rc == 0) {
        if (!a->quiet)
            lb_log("lbgen rate: %lld judgments read, %lld questions, %zu "
                    "models; %lld games without a verdict skipped\n",
                    summary.judgments, summary.questions, lb->n_models,
                    summary.skipped_games);
        if (a->matrix)
            warn("--matrix applies to battles, not judgments; ignored\n");
        rc = write_outputs(a, lb, err);
    }
    leaderboard_free(lb);
    return rc;
}

int cmd_rate(int argc, char **argv)
{
    RateArgs a;
    int usage = parse_args(argc, argv, &a);
    if (usage) {
        free_args(&a);
        return usage;
    }
    LbError err = {0};
    int rc = a.settings.rate.method == RATE_WINRATE ? run_winrate(&a, &err)
                                                     : run_arena(&a, &err);
    free_args(&a);
    if (rc < 0) {
        lb_log("lbgen rate: %s\n", err.message);
        return err.status ? (int)err.status : 4;
    }
    return 0;
}
