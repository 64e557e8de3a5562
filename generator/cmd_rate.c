/* cmd_rate — `lbgen rate`: battles (or judgments) in, a Leaderboard out.
 *
 * Reads and filters the input, runs the chosen method (Bradley–Terry with
 * bootstrap, optionally style control; online Elo; win rate against a
 * baseline), fills the shared Leaderboard model and writes it as JSON
 * (plus CSV and the pairwise matrix on request). Progress goes to stderr
 * only when it is a terminal; the summary and warnings always go there
 * (the summary not with --quiet). */
#include <errno.h>
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
#include "rate_bootstrap.h"
#include "rate_bt.h"
#include "rate_elo.h"
#include "rate_style.h"
#include "rate_winrate.h"

#define DEFAULT_ANCHOR "mixtral-8x7b-instruct-v0.1"
#define DEFAULT_ANCHOR_RATING 1114.0
#define DEFAULT_SEED 42

typedef enum { METHOD_BT, METHOD_ELO, METHOD_WINRATE } Method;

typedef struct {
    const char *input;
    const char *out, *csv, *matrix, *id;
    Method method;
    int bootstrap;
    long long seed;
    int threads;
    int style_control;
    const char *baseline;
    const char *answers;
    char *anchor_model;   /* NULL: the default when present */
    double anchor_rating;
    int explicit_anchor;
    long long preliminary_votes;
    double preliminary_days;
    int quiet;
    int progress;         /* stderr is a terminal and not --quiet */
    BattleReadOptions read;
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

static void rounds_progress(void *ctx, int done, int total)
{
    const char *what = ctx;
    if (done == total || done % 10 == 0) {
        fprintf(stderr, "\r%-8s %d/%d rounds", what, done, total);
        fflush(stderr);
    }
}

static void end_progress(const RateArgs *a)
{
    if (a->progress)
        fprintf(stderr, "\r\033[K");
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

static double round2(double x)
{
    return isnan(x) ? x : round(x * 100.0) / 100.0;
}

static char *iso_time(double t)
{
    if (isnan(t))
        return NULL;
    time_t s = (time_t)floor(t);
    struct tm tm;
    gmtime_r(&s, &tm);
    char buf[32];
    strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return xstrdup(buf);
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
    a->bootstrap = 1000;
    a->seed = DEFAULT_SEED;
    a->anchor_rating = DEFAULT_ANCHOR_RATING;
    a->preliminary_votes = 10000;
    a->preliminary_days = 30;
    a->read.anony_only = 1;
    a->read.since = a->read.until = NAN;
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
            a->bootstrap = (int)v;
            break;
        case 's':
            if (parse_count(optarg, 0, 9007199254740991LL, &v) < 0)
                return command_usage_error(name, "--seed expects a "
                                                 "non-negative integer, "
                                                 "got '%s'", optarg);
            a->seed = v;
            break;
        case 'j':
            if (parse_count(optarg, 1, 1024, &v) < 0)
                return command_usage_error(name, "--threads expects 1 to "
                                                 "1024, got '%s'", optarg);
            a->threads = (int)v;
            break;
        case 'o': a->out = optarg; break;
        case OPT_CSV: a->csv = optarg; break;
        case OPT_MATRIX: a->matrix = optarg; break;
        case OPT_ID: a->id = optarg; break;
        case OPT_QUIET: a->quiet = 1; break;
        case OPT_STYLE: a->style_control = 1; break;
        case OPT_ANONY_ONLY: a->read.anony_only = 1; break;
        case OPT_ALL: a->read.anony_only = 0; break;
        case OPT_BASELINE: a->baseline = optarg; break;
        case OPT_ANSWERS: a->answers = optarg; break;
        case OPT_METHOD:
            if (strcmp(optarg, "bt") == 0)
                a->method = METHOD_BT;
            else if (strcmp(optarg, "elo") == 0)
                a->method = METHOD_ELO;
            else if (strcmp(optarg, "winrate") == 0)
                a->method = METHOD_WINRATE;
            else
                return command_usage_error(name, "--method expects bt, elo "
                                                 "or winrate, got '%s'",
                                           optarg);
            break;
        case OPT_ANCHOR: {
            const char *eq = strrchr(optarg, '=');
            char *end = NULL;
            double r = eq ? strtod(eq + 1, &end) : NAN;
            if (!eq || eq == optarg || end == eq + 1 || *end || !isfinite(r))
                return command_usage_error(name, "--anchor expects "
                                                 "MODEL=RATING, got '%s'",
                                           optarg);
            free(a->anchor_model);
            a->anchor_model = xstrndup(optarg, (size_t)(eq - optarg));
            a->anchor_rating = r;
            a->explicit_anchor = 1;
            break;
        }
        case OPT_PRELIM_VOTES:
            if (parse_count(optarg, 0, 1LL << 62, &v) < 0)
                return command_usage_error(name, "--preliminary-votes "
                                                 "expects a count, got "
                                                 "'%s'", optarg);
            a->preliminary_votes = v;
            break;
        case OPT_PRELIM_DAYS: {
            char *end;
            double d = strtod(optarg, &end);
            if (end == optarg || *end || !(d >= 0) || !isfinite(d))
                return command_usage_error(name, "--preliminary-days "
                                                 "expects a number of days, "
                                                 "got '%s'", optarg);
            a->preliminary_days = d;
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
            if (parse_time_bound(optarg, &a->read.since) < 0)
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
            a->read.until = strchr(optarg, '-') && optarg[0] != '-'
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
    if (a->method == METHOD_WINRATE && !a->baseline)
        return command_usage_error(name, "--method winrate needs --baseline "
                                         "MODEL");
    if (a->method != METHOD_WINRATE && (a->baseline || a->answers))
        return command_usage_error(name, "--baseline and --answers go with "
                                         "--method winrate");
    if (a->style_control && a->method != METHOD_BT)
        return command_usage_error(name, "--style-control goes with "
                                         "--method bt");
    if (!isnan(a->read.since) && !isnan(a->read.until) &&
        a->read.until <= a->read.since)
        return command_usage_error(name, "--until is not after --since");
    a->read.where = a->where;
    a->read.n_where = a->n_where;
    a->read.want_style = a->style_control;
    a->progress = !a->quiet && isatty(STDERR_FILENO);
    if (a->progress) {
        a->read.progress = parse_progress;
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

/* ---- per-model facts from the battles ---------------------------------- */

typedef struct {
    long long *votes;
    double *first, *last;
    double newest;
} ModelFacts;

static void model_facts(const Battles *bt, ModelFacts *f)
{
    size_t n = bt->n_models ? bt->n_models : 1;
    f->votes = xcalloc(n, sizeof *f->votes);
    f->first = xmalloc(n * sizeof *f->first);
    f->last = xmalloc(n * sizeof *f->last);
    f->newest = NAN;
    for (size_t m = 0; m < n; m++)
        f->first[m] = f->last[m] = NAN;
    for (size_t k = 0; k < bt->n; k++) {
        uint32_t ids[2] = {bt->a[k], bt->b[k]};
        double t = bt->tstamp[k];
        for (int s = 0; s < 2; s++) {
            uint32_t m = ids[s];
            f->votes[m]++;
            if (isnan(t))
                continue;
            if (isnan(f->first[m]) || t < f->first[m])
                f->first[m] = t;
            if (isnan(f->last[m]) || t > f->last[m])
                f->last[m] = t;
        }
        if (!isnan(t) && (isnan(f->newest) || t > f->newest))
            f->newest = t;
    }
}

static void model_facts_free(ModelFacts *f)
{
    free(f->votes);
    free(f->first);
    free(f->last);
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

/* Pairwise counts and observed win fractions (ties left out, as the
 * arena's heatmap), models in the board's order. */
static int write_matrix(const char *path, const Leaderboard *lb,
                        const Battles *bt, LbError *err)
{
    size_t n = lb->n_models;
    long *index = xmalloc((bt->n_models + 1) * sizeof *index);
    for (size_t m = 0; m < bt->n_models; m++)
        index[m] = -1;
    for (size_t r = 0; r < n; r++) {
        long id = battles_find_model(bt, lb->models[r].model);
        if (id >= 0)
            index[id] = (long)r;
    }
    double *count = xcalloc(n * n + 1, sizeof *count);
    double *wins = xcalloc(n * n + 1, sizeof *wins);
    for (size_t k = 0; k < bt->n; k++) {
        long x = index[bt->a[k]], y = index[bt->b[k]];
        if (x < 0 || y < 0)
            continue;
        count[x * (long)n + y]++;
        count[y * (long)n + x]++;
        if (bt->outcome[k] == OUTCOME_A)
            wins[x * (long)n + y]++;
        else if (bt->outcome[k] == OUTCOME_B)
            wins[y * (long)n + x]++;
    }
    cJSON *o = cJSON_CreateObject();
    cJSON *models = cJSON_AddArrayToObject(o, "models");
    cJSON *battles = cJSON_AddArrayToObject(o, "battles");
    cJSON *frac = cJSON_AddArrayToObject(o, "win_fraction");
    for (size_t r = 0; r < n; r++) {
        cJSON_AddItemToArray(models, cJSON_CreateString(lb->models[r].model));
        cJSON *row_c = cJSON_CreateArray(), *row_f = cJSON_CreateArray();
        for (size_t c = 0; c < n; c++) {
            cJSON_AddItemToArray(row_c, cJSON_CreateNumber(count[r * n + c]));
            double decisive = wins[r * n + c] + wins[c * n + r];
            cJSON_AddItemToArray(
                row_f, decisive > 0
                           ? cJSON_CreateNumber(
                                 round(1e4 * wins[r * n + c] / decisive) / 1e4)
                           : cJSON_CreateNull());
        }
        cJSON_AddItemToArray(battles, row_c);
        cJSON_AddItemToArray(frac, row_f);
    }
    int rc = json_write_file(path, o, err);
    cJSON_Delete(o);
    free(index);
    free(count);
    free(wins);
    return rc;
}

/* Keeps the published interval consistent with the rating (the data model
 * requires lower <= rating <= upper): widen it when the point estimate
 * falls outside the bootstrap quantiles, which only happens for models
 * with very few votes. Returns 1 when it had to. */
static int widen(double rating, double *lo, double *hi)
{
    int changed = 0;
    if (rating < *lo) {
        *lo = rating;
        changed = 1;
    }
    if (rating > *hi) {
        *hi = rating;
        changed = 1;
    }
    return changed;
}

/* ---- Bradley–Terry ----------------------------------------------------- */

static long resolve_anchor(const RateArgs *a, const Battles *bt, LbError *err)
{
    const char *model = a->anchor_model ? a->anchor_model : DEFAULT_ANCHOR;
    long id = battles_find_model(bt, model);
    if (id < 0 && a->explicit_anchor && bt->n > 0) {
        lb_fail(err, LB_EINPUT, "--anchor: model '%s' has no battles in %s",
                model, a->input);
        return -2;
    }
    return id;
}

static void fill_common(Leaderboard *lb, const RateArgs *a, const Battles *bt,
                        const ModelFacts *f)
{
    for (size_t m = 0; m < bt->n_models; m++) {
        LbModel *lm = leaderboard_add_model(lb, bt->names[m]);
        lm->votes = f->votes[m];
        lm->first_seen = iso_time(f->first[m]);
        lm->last_seen = iso_time(f->last[m]);
        if (!isnan(f->newest) && !isnan(f->first[m]))
            lm->preliminary =
                f->votes[m] < a->preliminary_votes &&
                f->first[m] >= f->newest - a->preliminary_days * 86400.0;
    }
    lb->updated_at = iso_time(f->newest);
    lb->source.battles = (long long)bt->n;
    lb->source.seed = a->bootstrap > 0 ? a->seed : -1;
    lb->source.bootstrap_rounds = a->bootstrap;
}

/* Point ratings, CI, ranks into lb->models (same order as bt's models). */
static void publish_ratings(Leaderboard *lb, const double *elo,
                            const double *table, int rounds, int style,
                            int *widened)
{
    size_t n = lb->n_models;
    double *lo = xmalloc((n + 1) * sizeof *lo);
    double *hi = xmalloc((n + 1) * sizeof *hi);
    int *rank_ub = xmalloc((n + 1) * sizeof *rank_ub);
    int (*spread)[2] = xmalloc((n + 1) * sizeof *spread);
    if (rounds > 0) {
        bootstrap_intervals(table, rounds, n, lo, hi);
        bootstrap_rank_spread(table, rounds, n, spread);
        rank_upper_bounds(lo, hi, n, rank_ub);
    }
    /* Ordinal rank by point rating (ties by name: models are sorted). */
    for (size_t m = 0; m < n; m++) {
        int rank = 1;
        for (size_t o = 0; o < n; o++)
            if (elo[o] > elo[m] || (elo[o] == elo[m] && o < m))
                rank++;
        LbModel *lm = &lb->models[m];
        double r = round2(elo[m]);
        double l = rounds > 0 ? round2(lo[m]) : NAN;
        double h = rounds > 0 ? round2(hi[m]) : NAN;
        if (rounds > 0)
            *widened += widen(r, &l, &h);
        if (style) {
            lm->style_rating = r;
            lm->style_ci_lower = l;
            lm->style_ci_upper = h;
            lm->style_rank = rank;
        } else {
            lm->rating = r;
            lm->ci_lower = l;
            lm->ci_upper = h;
            lm->rank = rank;
            if (rounds > 0) {
                lm->rank_ub = rank_ub[m];
                lm->rank_spread[0] = spread[m][0];
                lm->rank_spread[1] = spread[m][1];
            }
        }
    }
    free(lo);
    free(hi);
    free(rank_ub);
    free(spread);
}

static void warn_degenerate(const BtPairs *p, const Battles *bt)
{
    double *w_i = xmalloc((p->n_pairs + 1) * sizeof *w_i);
    double *w_j = xmalloc((p->n_pairs + 1) * sizeof *w_j);
    bt_pairs_weights(p, p->wins_i, p->wins_j, p->ties, w_i, w_j);
    Buf msg = BUF_INIT;
    bt_describe_degenerate(p, w_i, w_j, bt->names, &msg);
    if (msg.len) {
        warn("no finite maximum-likelihood ratings; a weak ridge prior "
             "keeps them finite (see README):\n%s", msg.data);
    }
    buf_free(&msg);
    free(w_i);
    free(w_j);
}

/* Style-controlled ratings, their intervals and the coefficients. */
static int add_style_control(const RateArgs *a, const Battles *bt,
                             long anchor, Leaderboard *lb, int *widened,
                             LbError *err)
{
    StyleOptions so = {a->bootstrap, (uint64_t)a->seed, a->threads, anchor,
                       a->anchor_rating, a->progress ? rounds_progress : NULL,
                       (void *)"style"};
    StyleResult sr;
    if (style_control_fit(bt, &so, &sr, err) < 0)
        return -1;
    end_progress(a);
    if (!sr.converged)
        warn("style-control fit stopped before converging (gradient norm "
             "%.3g)\n", sr.grad_norm);
    if (sr.unconverged_rounds)
        warn("%d of %d style-control bootstrap rounds stopped before "
             "converging\n", sr.unconverged_rounds, sr.rounds);
    publish_ratings(lb, sr.elo, sr.boot_elo, sr.rounds, 1, widened);
    for (int k = 0; k < STYLE_FEATURES; k++)
        lb_source_add_style_coefficient(&lb->source, style_feature_names[k],
                                        round(sr.coef[k] * 1e6) / 1e6);
    style_result_free(&sr);
    return 0;
}

static int rate_bt(const RateArgs *a, const Battles *bt, Leaderboard *lb,
                   LbError *err)
{
    long anchor = resolve_anchor(a, bt, err);
    if (anchor < -1)
        return -1;
    size_t n = bt->n_models;
    BtPairs pairs;
    bt_pairs_from_battles(&pairs, bt);
    warn_degenerate(&pairs, bt);
    double *w_i = xmalloc((pairs.n_pairs + 1) * sizeof *w_i);
    double *w_j = xmalloc((pairs.n_pairs + 1) * sizeof *w_j);
    bt_pairs_weights(&pairs, pairs.wins_i, pairs.wins_j, pairs.ties, w_i, w_j);
    double *theta = xcalloc(n + 1, sizeof *theta);
    double *elo = xcalloc(n + 1, sizeof *elo);
    BtSolver *solver = bt_solver_new(n, pairs.n_pairs);
    BtFitInfo info;
    if (bt_fit(solver, &pairs, w_i, w_j, theta, &info) < 0)
        warn("Bradley-Terry fit stopped after %d iterations with gradient "
             "norm %.3g\n", info.iterations, info.grad_norm);
    bt_solver_free(solver);
    bt_to_elo(theta, n, anchor, a->anchor_rating, elo);

    BtBootstrap boot = {0};
    if (a->bootstrap > 0) {
        BootstrapOptions bo = {a->bootstrap, (uint64_t)a->seed, a->threads,
                               anchor, a->anchor_rating,
                               a->progress ? rounds_progress : NULL,
                               (void *)"bootstrap"};
        bt_bootstrap(&pairs, theta, &bo, &boot);
        end_progress(a);
        if (boot.unconverged)
            warn("%d of %d bootstrap rounds stopped before converging\n",
                 boot.unconverged, a->bootstrap);
        if (boot.with_prior)
            warn("%d of %d bootstrap resamples had no finite "
                 "maximum-likelihood ratings (a model never lost or never "
                 "won in the resample) and used the ridge prior\n",
                 boot.with_prior, a->bootstrap);
    }
    int widened = 0;
    publish_ratings(lb, elo, boot.elo, a->bootstrap, 0, &widened);
    bt_bootstrap_free(&boot);

    int rc = a->style_control ? add_style_control(a, bt, anchor, lb, &widened,
                                                  err)
                              : 0;
    if (widened)
        warn("%d confidence interval(s) did not contain the point rating "
             "(models with very few votes) and were widened to include it\n",
             widened);
    lb->source.method = xstrdup(a->style_control ? "bradley-terry+style"
                                                 : "bradley-terry");
    free(theta);
    free(elo);
    free(w_i);
    free(w_j);
    bt_pairs_free(&pairs);
    return rc;
}

/* ---- online Elo -------------------------------------------------------- */

static int rate_elo(const RateArgs *a, const Battles *bt, Leaderboard *lb)
{
    size_t n = bt->n_models;
    double *elo = xcalloc(n + 1, sizeof *elo);
    EloBootstrap boot = {0};
    if (a->bootstrap > 0) {
        elo_bootstrap(bt, ELO_K, a->bootstrap, (uint64_t)a->seed, a->threads,
                      a->progress ? rounds_progress : NULL,
                      (void *)"bootstrap", &boot);
        end_progress(a);
        elo_bootstrap_median(&boot, elo);
    } else {
        elo_online(bt, ELO_K, elo);
    }
    int widened = 0;
    publish_ratings(lb, elo, boot.elo, a->bootstrap, 0, &widened);
    lb->source.method = xstrdup("elo");
    elo_bootstrap_free(&boot);
    free(elo);
    return 0;
}

/* ---- command ----------------------------------------------------------- */

static int run_arena(RateArgs *a, LbError *err)
{
    Battles bt;
    battles_init(&bt);
    int rc = battles_read(a->input, &a->read, &bt, err);
    if (a->progress)
        end_progress(a);
    if (rc < 0) {
        battles_free(&bt);
        return -1;
    }
    battles_sort_models(&bt);
    print_summary(a, &bt);
    if (bt.records == 0)
        warn("%s holds no battles\n", a->input);
    else if (bt.n == 0)
        warn("every battle was filtered out%s\n",
             bt.not_anony == bt.records ? " (none is marked \"anony\": true; "
                                          "--all keeps them)"
                                        : "");
    char *id = a->id ? xstrdup(a->id) : default_id(a->input);
    Leaderboard *lb = leaderboard_new(id, LB_KIND_ARENA);
    free(id);
    ModelFacts facts;
    model_facts(&bt, &facts);
    fill_common(lb, a, &bt, &facts);
    model_facts_free(&facts);
    rc = a->method == METHOD_ELO ? rate_elo(a, &bt, lb)
                                 : rate_bt(a, &bt, lb, err);
    if (rc == 0 && a->matrix) {
        leaderboard_sort_by_rating(lb);
        rc = write_matrix(a->matrix, lb, &bt, err);
    }
    if (rc == 0)
        rc = write_outputs(a, lb, err);
    leaderboard_free(lb);
    battles_free(&bt);
    return rc;
}

static int run_winrate(RateArgs *a, LbError *err)
{
    WinrateOptions wo = {a->baseline, a->answers, a->bootstrap,
                         (uint64_t)a->seed, a->threads,
                         a->progress ? rounds_progress : NULL,
                         (void *)"bootstrap"};
    char *id = a->id ? xstrdup(a->id) : default_id(a->input);
    Leaderboard *lb = leaderboard_new(id, LB_KIND_WINRATE);
    free(id);
    WinrateSummary summary;
    int rc = winrate_rate(a->input, &wo, lb, &summary, err);
    end_progress(a);
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
    int rc = a.method == METHOD_WINRATE ? run_winrate(&a, &err)
                                        : run_arena(&a, &err);
    free_args(&a);
    if (rc < 0) {
        fprintf(stderr, "lbgen rate: %s\n", err.message);
        return err.status ? (int)err.status : 4;
    }
    return 0;
}
