/* cmd_rate — `lbgen rate`: battles (or judgments) in, a Leaderboard out.
 *
 * Parses the options, reads the input (with a progress bar), hands it to
 * the ratings library (rate.h: Bradley–Terry with bootstrap, optionally
 * style control; online Elo; win rate against a baseline) and writes the
 * board as JSON (plus CSV and the pairwise matrix on request). Progress
 * goes to stderr only when it is a terminal; the summary and warnings
 * always go there (the summary not with --quiet). */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "battles.h"
#include "commands.h"
#include "fileio.h"
#include "jsonfile.h"
#include "leaderboard.h"
#include "mem.h"
#include "rate.h"
#include "slug.h"

typedef struct {
    const char *input;
    const char *out, *csv, *matrix, *id;
    RateOptions rate;     /* every knob of the method; borrows from here */
    char *anchor_model;   /* owned; rate.anchor_model points at it */
    int quiet;
    int progress;         /* stderr is a terminal and not --quiet */
    BattleWhere *where;
    size_t n_where;
} RateArgs;

const char cmd_rate_usage[] =
    "usage: lbgen rate BATTLES.json[l] [OPTIONS]\n"
    "\n"
    "Computes ratings from pairwise battles (a JSON array or JSON Lines in\n"
    "the public arena's format) and prints a Leaderboard JSON.\n"
    "\n"
    "  --method bt|elo|winrate  Bradley-Terry (default), online Elo (K=4),\n"
    "                           or win rate vs --baseline from judgments\n"
    "  --bootstrap N            bootstrap rounds for the CIs (default 1000)\n"
    "  --seed S                 random seed (default 42)\n"
    "  --threads N              worker threads (default: all processors)\n"
    "  --style-control          also fit style-controlled ratings\n"
    "  --anchor MODEL=RATING    fix one model's rating (default\n"
    "                           mixtral-8x7b-instruct-v0.1=1114 if present)\n"
    "  --baseline MODEL         the win-rate baseline (--method winrate)\n"
    "  --answers DIR|FILE       answers giving average tokens (winrate)\n"
    "  --anony-only | --all     keep only anonymous battles (default) or all\n"
    "  --where PATH=VALUE       keep battles whose dotted PATH equals VALUE\n"
    "                           (repeatable; all must match)\n"
    "  --since T, --until T     tstamp bounds: epoch seconds or YYYY-MM-DD\n"
    "  --preliminary-votes N    preliminary below N votes (default 10000)\n"
    "  --preliminary-days D     ... and first seen in the last D days (30)\n"
    "  --out FILE.json          output (default standard output)\n"
    "  --csv FILE               also write a flat CSV table\n"
    "  --matrix FILE.json       pairwise battle counts and win fractions\n"
    "  --id NAME                leaderboard id (default: input base name)\n"
    "  --quiet                  no progress bar, no summary line\n";

/* ---- progress and messages --------------------------------------------- */

static void parse_progress(void *ctx, uint64_t done, uint64_t total)
{
    (void)ctx;
    if (total)
        fprintf(stderr, "\rreading  %3d%%  %llu MB", (int)(100 * done / total),
                (unsigned long long)(done >> 20));
    else
        fprintf(stderr, "\rreading  %llu MB", (unsigned long long)(done >> 20));
    fflush(stderr);
}

/* The last round clears the line, so warnings start on a clean one. */
static void rounds_progress(void *ctx, const char *phase, int done,
                            int total)
{
    (void)ctx;
    if (done == total || done % 10 == 0) {
        fprintf(stderr, "\r%-8s %d/%d rounds", phase, done, total);
        if (done == total)
            fprintf(stderr, "\r\033[K");
        fflush(stderr);
    }
}

static void end_progress(const RateArgs *a)
{
    if (a->progress)
        fprintf(stderr, "\r\033[K");
}

static void print_warning(void *ctx, const char *message)
{
    (void)ctx;
    fprintf(stderr, "lbgen rate: warning: %s", message);
}

static void warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void warn(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("lbgen rate: warning: ", stderr);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
}

/* ---- options ----------------------------------------------------------- */

enum {
    OPT_ALL = 256,
    OPT_ANONY_ONLY,
    OPT_WHERE,
    OPT_SINCE,
    OPT_UNTIL,
    OPT_STYLE,
    OPT_METHOD,
    OPT_BASELINE,
    OPT_ANCHOR,
    OPT_PRELIM_VOTES,
    OPT_PRELIM_DAYS,
    OPT_CSV,
    OPT_MATRIX,
    OPT_ANSWERS,
    OPT_ID,
    OPT_QUIET
};

static const struct option long_options[] = {
    {"bootstrap", required_argument, NULL, 'b'},
    {"seed", required_argument, NULL, 's'},
    {"threads", required_argument, NULL, 'j'},
    {"out", required_argument, NULL, 'o'},
    {"style-control", no_argument, NULL, OPT_STYLE},
    {"method", required_argument, NULL, OPT_METHOD},
    {"baseline", required_argument, NULL, OPT_BASELINE},
    {"answers", required_argument, NULL, OPT_ANSWERS},
    {"anchor", required_argument, NULL, OPT_ANCHOR},
    {"preliminary-votes", required_argument, NULL, OPT_PRELIM_VOTES},
    {"preliminary-days", required_argument, NULL, OPT_PRELIM_DAYS},
    {"anony-only", no_argument, NULL, OPT_ANONY_ONLY},
    {"all", no_argument, NULL, OPT_ALL},
    {"where", required_argument, NULL, OPT_WHERE},
    {"since", required_argument, NULL, OPT_SINCE},
    {"until", required_argument, NULL, OPT_UNTIL},
    {"csv", required_argument, NULL, OPT_CSV},
    {"matrix", required_argument, NULL, OPT_MATRIX},
    {"id", required_argument, NULL, OPT_ID},
    {"quiet", no_argument, NULL, OPT_QUIET},
    {NULL, 0, NULL, 0}};

static int parse_count(const char *text, long long lo, long long hi,
                       long long *out)
{
    char *end;
    errno = 0;
    long long v = strtoll(text, &end, 10);
    if (end == text || *end || errno || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

static int parse_args(int argc, char **argv, RateArgs *a)
{
    memset(a, 0, sizeof *a);
    RateOptions *r = &a->rate;
    rate_options_init(r);
    optind = 0; /* glibc: full re-initialisation (tests call us twice) */
    opterr = 0;
    int c;
    long long v;
    const char *name = "rate";
    while ((c = getopt_long(argc, argv, "b:s:j:o:", long_options, NULL)) !=
           -1) {
        switch (c) {
        case 'b':
            if (parse_count(optarg, 0, 1000000, &v) < 0)
                return command_usage_error(name, "--bootstrap expects a "
                                                 "count, got '%s'", optarg);
            r->bootstrap = (int)v;
            break;
        case 's':
            if (parse_count(optarg, 0, 9007199254740991LL, &v) < 0)
                return command_usage_error(name, "--seed expects a "
                                                 "non-negative integer, "
                                                 "got '%s'", optarg);
            r->seed = v;
            break;
        case 'j':
            if (parse_count(optarg, 1, 1024, &v) < 0)
                return command_usage_error(name, "--threads expects 1 to "
                                                 "1024, got '%s'", optarg);
            r->threads = (int)v;
            break;
        case 'o': a->out = optarg; break;
        case OPT_CSV: a->csv = optarg; break;
        case OPT_MATRIX: a->matrix = optarg; break;
        case OPT_ID: a->id = optarg; break;
        case OPT_QUIET: a->quiet = 1; break;
        case OPT_STYLE: r->style_control = 1; break;
        case OPT_ANONY_ONLY: r->read.anony_only = 1; break;
        case OPT_ALL: r->read.anony_only = 0; break;
        case OPT_BASELINE: r->baseline = optarg; break;
        case OPT_ANSWERS: r->answers = optarg; break;
        case OPT_METHOD:
            if (strcmp(optarg, "bt") == 0)
                r->method = RATE_BT;
            else if (strcmp(optarg, "elo") == 0)
                r->method = RATE_ELO;
            else if (strcmp(optarg, "winrate") == 0)
                r->method = RATE_WINRATE;
            else
                return command_usage_error(name, "--method expects bt, elo "
                                                 "or winrate, got '%s'",
                                           optarg);
            break;
        case OPT_ANCHOR: {
            const char *eq = strrchr(optarg, '=');
            char *end = NULL;
            double rating = eq ? strtod(eq + 1, &end) : NAN;
            if (!eq || eq == optarg || end == eq + 1 || *end ||
                !isfinite(rating))
                return command_usage_error(name, "--anchor expects "
                                                 "MODEL=RATING, got '%s'",
                                           optarg);
            free(a->anchor_model);
            a->anchor_model = xstrndup(optarg, (size_t)(eq - optarg));
            r->anchor_model = a->anchor_model;
            r->anchor_rating = rating;
            break;
        }
        case OPT_PRELIM_VOTES:
            if (parse_count(optarg, 0, 1LL << 62, &v) < 0)
                return command_usage_error(name, "--preliminary-votes "
                                                 "expects a count, got "
                                                 "'%s'", optarg);
            r->preliminary_votes = v;
            break;
        case OPT_PRELIM_DAYS: {
            char *end;
            double d = strtod(optarg, &end);
            if (end == optarg || *end || !(d >= 0) || !isfinite(d))
                return command_usage_error(name, "--preliminary-days "
                                                 "expects a number of days, "
                                                 "got '%s'", optarg);
            r->preliminary_days = d;
            break;
        }
        case OPT_WHERE: {
            LbError err = {0};
            a->where = xrealloc(a->where, (a->n_where + 1) * sizeof *a->where);
            if (battle_where_parse(optarg, &a->where[a->n_where], &err) < 0)
                return command_usage_error(name, "%s", err.message);
            a->n_where++;
            break;
        }
        case OPT_SINCE:
            if (parse_time_bound(optarg, &r->read.since) < 0)
                return command_usage_error(name, "--since expects epoch "
                                                 "seconds or YYYY-MM-DD, got "
                                                 "'%s'", optarg);
            break;
        case OPT_UNTIL: {
            double t;
            if (parse_time_bound(optarg, &t) < 0)
                return command_usage_error(name, "--until expects epoch "
                                                 "seconds or YYYY-MM-DD, got "
                                                 "'%s'", optarg);
            /* A date includes its whole day; seconds are inclusive. */
            r->read.until = strchr(optarg, '-') && optarg[0] != '-'
                                ? t + 86400.0
                                : nextafter(t, INFINITY);
            break;
        }
        default:
            if (optopt && optopt < 256)
                return command_usage_error(name, "option -%c needs a value "
                                                 "or is unknown", optopt);
            return command_usage_error(name, "unknown or incomplete option "
                                             "'%s'", argv[optind - 1]);
        }
    }
    if (optind != argc - 1)
        return command_usage_error(name, optind >= argc
                                             ? "missing input file"
                                             : "expected one input file");
    a->input = argv[optind];
    LbError bad_id;
    if (a->id && slug_check(a->id, "--id", &bad_id) != 0)
        return command_usage_error(name, "%s", bad_id.message);
    if (r->method == RATE_WINRATE && !r->baseline)
        return command_usage_error(name, "--method winrate needs --baseline "
                                         "MODEL");
    if (r->method != RATE_WINRATE && (r->baseline || r->answers))
        return command_usage_error(name, "--baseline and --answers go with "
                                         "--method winrate");
    if (r->style_control && r->method != RATE_BT)
        return command_usage_error(name, "--style-control goes with "
                                         "--method bt");
    if (!isnan(r->read.since) && !isnan(r->read.until) &&
        r->read.until <= r->read.since)
        return command_usage_error(name, "--until is not after --since");
    r->read.where = a->where;
    r->read.n_where = a->n_where;
    r->source_name = a->input;
    r->id = a->id;
    r->warn = print_warning;
    a->progress = !a->quiet && isatty(STDERR_FILENO);
    if (a->progress) {
        r->read.progress = parse_progress;
        r->progress = rounds_progress;
    }
    return 0;
}

static void free_args(RateArgs *a)
{
    for (size_t i = 0; i < a->n_where; i++)
        battle_where_free(&a->where[i]);
    free(a->where);
    free(a->anchor_model);
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
    fprintf(stderr,
            "lbgen rate: %lld battles read, %zu kept (%zu models); "
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
    cJSON *json = rate_matrix_json(lb, bt);
    int rc = json_write_file(path, json, err);
    cJSON_Delete(json);
    return rc;
}

/* ---- command ----------------------------------------------------------- */

static int run_arena(RateArgs *a, LbError *err)
{
    Battles bt;
    battles_init(&bt);
    BattleReadOptions ro = rate_read_options(&a->rate);
    int rc = battles_read(a->input, &ro, &bt, err);
    end_progress(a);
    if (rc < 0) {
        battles_free(&bt);
        return -1;
    }
    print_summary(a, &bt);
    char *id = a->id ? xstrdup(a->id) : default_id(a->input);
    RateOptions o = a->rate;
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
    RateOptions o = a->rate;
    o.id = id;
    WinrateSummary summary;
    Leaderboard *lb = rate_judgments(a->input, &o, &summary, err);
    free(id);
    end_progress(a);
    int rc = lb ? 0 : -1;
    if (rc == 0) {
        if (!a->quiet)
            fprintf(stderr,
                    "lbgen rate: %lld judgments read, %lld questions, %zu "
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
    int rc = a.rate.method == RATE_WINRATE ? run_winrate(&a, &err)
                                            : run_arena(&a, &err);
    free_args(&a);
    if (rc < 0) {
        fprintf(stderr, "lbgen rate: %s\n", err.message);
        return err.status ? (int)err.status : 4;
    }
    return 0;
}
