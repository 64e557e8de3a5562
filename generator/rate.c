#include "rate.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "mem.h"
#include "rate_bootstrap.h"
#include "rate_bt.h"
#include "rate_elo.h"
#include "rate_sandwich.h"
#include "rate_style.h"

void rate_options_init(RateOptions *o)
{
    memset(o, 0, sizeof *o);
    o->method = RATE_BT;
    o->ci = RATE_CI_DEFAULT;
    o->bootstrap = -1;
    o->seed = RATE_DEFAULT_SEED;
    o->anchor_rating = RATE_DEFAULT_ANCHOR_RATING;
    o->preliminary_votes = RATE_DEFAULT_PRELIM_VOTES;
    o->preliminary_days = RATE_DEFAULT_PRELIM_DAYS;
    o->read.anony_only = 1;
    o->read.since = o->read.until = NAN;
}

RateCi rate_ci(const RateOptions *o)
{
    if (o->ci != RATE_CI_DEFAULT)
        return o->ci;
    return o->method == RATE_BT ? RATE_CI_SANDWICH : RATE_CI_BOOTSTRAP;
}

int rate_rounds(const RateOptions *o)
{
    if (o->bootstrap >= 0)
        return o->bootstrap;
    return rate_ci(o) == RATE_CI_BOOTSTRAP ? RATE_DEFAULT_BOOTSTRAP : 0;
}

BattleReadOptions rate_read_options(const RateOptions *o)
{
    BattleReadOptions r = o->read;
    r.want_style = o->style_control;
    r.threads = o->threads;
    return r;
}

/* ---- messages and progress --------------------------------------------- */

static void warn(const RateOptions *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void warn(const RateOptions *o, const char *fmt, ...)
{
    if (!o->warn)
        return;
    Buf msg = BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&msg, fmt, ap);
    va_end(ap);
    o->warn(o->warn_ctx, msg.data);
    buf_free(&msg);
}

/* Bridges the engine's (ctx, done, total) progress to the caller's
 * callback, naming the phase. */
typedef struct {
    const RateOptions *o;
    const char *phase;
} Phase;

static void phase_progress(void *ctx, int done, int total)
{
    const Phase *p = ctx;
    p->o->progress(p->o->progress_ctx, p->phase, done, total);
}

static void (*progress_fn(const RateOptions *o))(void *, int, int)
{
    return o->progress ? phase_progress : NULL;
}

static double round2(double x)
{
    return isnan(x) ? x : round(x * 100.0) / 100.0;
}

static char *iso_time(double t)
{
    /* The reader keeps tstamp in range; battles made in code may not. */
    if (!(t >= 0 && t < BATTLE_TSTAMP_END))
        return NULL;
    time_t s = (time_t)floor(t);
    struct tm tm;
    gmtime_r(&s, &tm);
    char buf[32];
    strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return xstrdup(buf);
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

/* One row per model (in bt's model order) with votes, first and last
 * seen and the preliminary flag; the board's time and source counts. */
static void fill_common(Leaderboard *lb, const RateOptions *o,
                        const Battles *bt)
{
    ModelFacts f;
    model_facts(bt, &f);
    for (size_t m = 0; m < bt->n_models; m++) {
        LbModel *lm = leaderboard_add_model(lb, bt->names[m]);
        lm->votes = f.votes[m];
        lm->first_seen = iso_time(f.first[m]);
        lm->last_seen = iso_time(f.last[m]);
        if (!isnan(f.newest) && !isnan(f.first[m]))
            lm->preliminary =
                f.votes[m] < o->preliminary_votes &&
                f.first[m] >= f.newest - o->preliminary_days * 86400.0;
    }
    lb->updated_at = iso_time(f.newest);
    lb->source.battles = (long long)bt->n;
    lb->source.seed = rate_rounds(o) > 0 ? o->seed : -1;
    lb->source.bootstrap_rounds = rate_rounds(o);
    model_facts_free(&f);
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

/* What a method estimated, in bt's model order. */
typedef struct {
    const double *elo;    /* point ratings, anchored */
    const double *half;   /* sandwich half-widths (Elo); NULL: none */
    const double *table;  /* bootstrap rounds × models; NULL: none */
    int rounds;
    int ci_from_table;    /* the interval is the table's quantiles */
} Estimates;

/* Ratings, intervals, rank_ub and rank spreads into lb->models (bt's
 * order); ranks are given once the board is sorted (assign_ranks). The
 * rank spread and rank_ub come from the bootstrap when it ran, otherwise
 * from the intervals. */
static void publish_ratings(Leaderboard *lb, const Estimates *e, int style,
                            int *widened)
{
    size_t n = lb->n_models;
    double *lo = xmalloc((n + 1) * sizeof *lo);
    double *hi = xmalloc((n + 1) * sizeof *hi);
    double *blo = xmalloc((n + 1) * sizeof *blo);
    double *bhi = xmalloc((n + 1) * sizeof *bhi);
    int *rank_ub = xcalloc(n + 1, sizeof *rank_ub);
    int (*spread)[2] = xcalloc(n + 1, sizeof *spread);
    int has_ci = e->ci_from_table ? e->rounds > 0 : e->half != NULL;
    if (e->rounds > 0)
        bootstrap_intervals(e->table, e->rounds, n, blo, bhi);
    for (size_t m = 0; m < n; m++) {
        if (e->ci_from_table) {
            lo[m] = blo[m];
            hi[m] = bhi[m];
        } else if (e->half) {
            lo[m] = e->elo[m] - e->half[m];
            hi[m] = e->elo[m] + e->half[m];
        }
    }
    if (e->rounds > 0) {
        bootstrap_rank_spread(e->table, e->rounds, n, spread);
        rank_upper_bounds(blo, bhi, n, rank_ub);
    } else if (has_ci) {
        interval_rank_spread(lo, hi, n, spread);
        rank_upper_bounds(lo, hi, n, rank_ub);
    }
    for (size_t m = 0; m < n; m++) {
        LbModel *lm = &lb->models[m];
        double r = round2(e->elo[m]);
        double l = has_ci ? round2(lo[m]) : NAN;
        double h = has_ci ? round2(hi[m]) : NAN;
        if (has_ci)
            *widened += widen(r, &l, &h);
        if (style) {
            lm->style_rating = r;
            lm->style_ci_lower = l;
            lm->style_ci_upper = h;
        } else {
            lm->rating = r;
            lm->ci_lower = l;
            lm->ci_upper = h;
            if (has_ci || e->rounds > 0) {
                lm->rank_ub = rank_ub[m];
                lm->rank_spread[0] = spread[m][0];
                lm->rank_spread[1] = spread[m][1];
            }
        }
    }
    free(lo);
    free(hi);
    free(blo);
    free(bhi);
    free(rank_ub);
    free(spread);
}

static int compare_style(const void *x, const void *y)
{
    const LbModel *a = *(const LbModel *const *)x;
    const LbModel *b = *(const LbModel *const *)y;
    if (a->style_rating != b->style_rating)
        return a->style_rating > b->style_rating ? -1 : 1;
    return strcmp(a->model, b->model);
}

/* Sorts the board and numbers its rows: rank i + 1 for row i, so the
 * rows are always in rank order, equal (rounded) ratings ordered by name;
 * style ranks likewise by the rounded style rating. */
static void assign_ranks(Leaderboard *lb)
{
    leaderboard_sort_by_rating(lb);
    size_t n = lb->n_models;
    for (size_t i = 0; i < n; i++)
        lb->models[i].rank = isnan(lb->models[i].rating) ? 0 : (int)i + 1;
    if (n == 0 || isnan(lb->models[0].style_rating))
        return;
    LbModel **order = xmalloc(n * sizeof *order);
    for (size_t i = 0; i < n; i++)
        order[i] = &lb->models[i];
    qsort(order, n, sizeof *order, compare_style);
    for (size_t i = 0; i < n; i++)
        order[i]->style_rank = (int)i + 1;
    free(order);
}

/* ---- Bradley–Terry ----------------------------------------------------- */

/* The anchor's model id, -1 when absent (ratings float), -2 with err set
 * when an explicitly named anchor has no battles. */
static long resolve_anchor(const RateOptions *o, const Battles *bt,
                           LbError *err)
{
    const char *model = o->anchor_model ? o->anchor_model
                                        : RATE_DEFAULT_ANCHOR;
    long id = battles_find_model(bt, model);
    if (id < 0 && o->anchor_model && bt->n > 0) {
        lb_fail(err, LB_EINPUT, "--anchor: model '%s' has no battles in %s",
                model, o->source_name);
        return -2;
    }
    return id;
}

static void warn_degenerate(const RateOptions *o, const BtPairs *p,
                            char *const *names)
{
    if (!o->warn)
        return;
    double *w_i = xmalloc((p->n_pairs + 1) * sizeof *w_i);
    double *w_j = xmalloc((p->n_pairs + 1) * sizeof *w_j);
    bt_pairs_weights(p, p->wins_i, p->wins_j, p->ties, w_i, w_j);
    Buf msg = BUF_INIT;
    bt_describe_degenerate(p, w_i, w_j, names, &msg);
    if (msg.len)
        warn(o, "no finite maximum-likelihood ratings; a weak ridge prior "
                "keeps them finite (see README):\n%s", msg.data);
    buf_free(&msg);
    free(w_i);
    free(w_j);
}

/* Style-controlled ratings, their intervals and the coefficients. */
static int add_style_control(const RateOptions *o, const Battles *bt,
                             long anchor, Leaderboard *lb, int *widened,
                             LbError *err)
{
    Phase phase = {o, "style"};
    int sandwich = rate_ci(o) == RATE_CI_SANDWICH;
    int rounds = sandwich ? 0 : rate_rounds(o);
    StyleOptions so = {rounds,           (uint64_t)o->seed, o->threads,
                       anchor,           o->anchor_rating,  progress_fn(o),
                       &phase,           sandwich};
    StyleResult sr;
    if (style_control_fit(bt, &so, &sr, err) < 0)
        return -1;
    if (!sr.converged)
        warn(o, "style-control fit stopped before converging (gradient "
                "norm %.3g)\n", sr.grad_norm);
    if (sr.unconverged_rounds)
        warn(o, "%d of %d style-control bootstrap rounds stopped before "
                "converging\n", sr.unconverged_rounds, sr.rounds);
    Estimates e = {sr.elo, sr.half_width, sr.boot_elo, sr.rounds, !sandwich};
    publish_ratings(lb, &e, 1, widened);
    for (int k = 0; k < STYLE_FEATURES; k++)
        lb_source_add_style_coefficient(&lb->source, style_feature_names[k],
                                        round(sr.coef[k] * 1e6) / 1e6);
    style_result_free(&sr);
    return 0;
}

/* The bootstrap of the Bradley–Terry fit, with its warnings. */
static void bootstrap_bt(const RateOptions *o, const BtPairs *pairs,
                         const double *theta, long anchor, BtBootstrap *boot)
{
    Phase phase = {o, "bootstrap"};
    int rounds = rate_rounds(o);
    BootstrapOptions bo = {rounds,          (uint64_t)o->seed, o->threads,
                           anchor,          o->anchor_rating,  progress_fn(o),
                           &phase};
    bt_bootstrap(pairs, theta, &bo, boot);
    if (boot->unconverged)
        warn(o, "%d of %d bootstrap rounds stopped before converging\n",
             boot->unconverged, rounds);
    if (boot->with_prior)
        warn(o, "%d of %d bootstrap resamples had no finite "
                "maximum-likelihood ratings (a model never lost or never "
                "won in the resample) and used the ridge prior\n",
             boot->with_prior, rounds);
}

static int rate_bradley_terry(const RateOptions *o, const Battles *bt,
                              Leaderboard *lb, LbError *err)
{
    long anchor = resolve_anchor(o, bt, err);
    if (anchor < -1)
        return -1;
    size_t n = bt->n_models;
    BtPairs pairs;
    bt_pairs_from_battles(&pairs, bt);
    warn_degenerate(o, &pairs, bt->names);
    double *w_i = xmalloc((pairs.n_pairs + 1) * sizeof *w_i);
    double *w_j = xmalloc((pairs.n_pairs + 1) * sizeof *w_j);
    bt_pairs_weights(&pairs, pairs.wins_i, pairs.wins_j, pairs.ties, w_i, w_j);
    double *theta = xcalloc(n + 1, sizeof *theta);
    double *elo = xcalloc(n + 1, sizeof *elo);
    BtSolver *solver = bt_solver_new(n, pairs.n_pairs);
    BtFitInfo info;
    if (bt_fit(solver, &pairs, w_i, w_j, theta, &info) < 0)
        warn(o, "Bradley-Terry fit stopped after %d iterations with "
                "gradient norm %.3g\n", info.iterations, info.grad_norm);
    bt_solver_free(solver);
    bt_to_elo(theta, n, anchor, o->anchor_rating, elo);

    int sandwich = rate_ci(o) == RATE_CI_SANDWICH;
    double *half = NULL;
    if (sandwich) {
        Phase phase = {o, "sandwich"};
        SandwichOptions so = {o->threads, progress_fn(o), &phase};
        half = xcalloc(n + 1, sizeof *half);
        bt_sandwich(&pairs, theta, &so, half);
        for (size_t m = 0; m < n; m++)
            half[m] *= 400.0 / log(10.0);
    }
    BtBootstrap boot = {0};
    int rounds = rate_rounds(o);
    if (rounds > 0)
        bootstrap_bt(o, &pairs, theta, anchor, &boot);
    int widened = 0;
    Estimates e = {elo, half, boot.elo, rounds, !sandwich};
    publish_ratings(lb, &e, 0, &widened);
    bt_bootstrap_free(&boot);
    free(half);

    int rc = o->style_control
                 ? add_style_control(o, bt, anchor, lb, &widened, err)
                 : 0;
    if (widened)
        warn(o, "%d confidence interval(s) did not contain the point rating "
                "(models with very few votes) and were widened to include "
                "it\n", widened);
    lb->source.method = xstrdup(o->style_control ? "bradley-terry+style"
                                                 : "bradley-terry");
    if (sandwich || rounds > 0)
        lb->source.ci = xstrdup(sandwich ? "sandwich" : "bootstrap");
    free(theta);
    free(elo);
    free(w_i);
    free(w_j);
    bt_pairs_free(&pairs);
    return rc;
}

/* ---- online Elo -------------------------------------------------------- */

static void rate_online_elo(const RateOptions *o, const Battles *bt,
                            Leaderboard *lb)
{
    size_t n = bt->n_models;
    double *elo = xcalloc(n + 1, sizeof *elo);
    EloBootstrap boot = {0};
    int rounds = rate_rounds(o);
    if (rounds > 0) {
        Phase phase = {o, "bootstrap"};
        elo_bootstrap(bt, ELO_K, rounds, (uint64_t)o->seed, o->threads,
                      progress_fn(o), &phase, &boot);
        elo_bootstrap_median(&boot, elo);
    } else {
        elo_online(bt, ELO_K, elo);
    }
    int widened = 0;
    Estimates e = {elo, NULL, boot.elo, rounds, 1};
    publish_ratings(lb, &e, 0, &widened);
    lb->source.method = xstrdup("elo");
    if (rounds > 0)
        lb->source.ci = xstrdup("bootstrap");
    elo_bootstrap_free(&boot);
    free(elo);
}

/* ---- entry points ------------------------------------------------------ */

Leaderboard *rate_battles(Battles *bt, const RateOptions *o, LbError *err)
{
    if (bt->n_models > RATE_MAX_MODELS) {
        lb_fail(err, LB_EINPUT, "%s: more than %d models; the ratings engine "
                "takes at most %d", o->source_name, RATE_MAX_MODELS,
                RATE_MAX_MODELS);
        return NULL;
    }
    if ((double)rate_rounds(o) * (double)bt->n_models >
        RATE_BOOTSTRAP_MAX_CELLS) {
        lb_fail(err, LB_EINPUT, "%s: %d bootstrap rounds of %zu models are "
                "more than the %.0f the bootstrap keeps; use fewer rounds "
                "(or sandwich intervals)", o->source_name, rate_rounds(o),
                bt->n_models, RATE_BOOTSTRAP_MAX_CELLS);
        return NULL;
    }
    battles_sort_models(bt);
    if (bt->records == 0)
        warn(o, "%s holds no battles\n", o->source_name);
    else if (bt->n == 0)
        warn(o, "every battle was filtered out%s\n",
             bt->not_anony == bt->records
                 ? " (none is marked \"anony\": true; --all keeps them)"
                 : "");
    Leaderboard *lb = leaderboard_new(o->id, LB_KIND_ARENA);
    fill_common(lb, o, bt);
    int rc = 0;
    if (o->method == RATE_ELO)
        rate_online_elo(o, bt, lb);
    else
        rc = rate_bradley_terry(o, bt, lb, err);
    if (rc < 0) {
        leaderboard_free(lb);
        return NULL;
    }
    assign_ranks(lb);
    return lb;
}

Leaderboard *rate_battles_memory(const char *bytes, size_t len,
                                 const RateOptions *o, LbError *err)
{
    Battles bt;
    battles_init(&bt);
    BattleReadOptions ro = rate_read_options(o);
    Leaderboard *lb = NULL;
    if (battles_read_memory(bytes, len, o->source_name, &ro, &bt, err) == 0)
        lb = rate_battles(&bt, o, err);
    battles_free(&bt);
    return lb;
}

static WinrateOptions winrate_options(const RateOptions *o, Phase *phase)
{
    WinrateOptions wo;
    memset(&wo, 0, sizeof wo);
    wo.baseline = o->baseline;
    wo.answers = o->answers;
    wo.rounds = rate_rounds(o);
    wo.seed = (uint64_t)o->seed;
    wo.threads = o->threads;
    wo.style_control = o->style_control;
    wo.progress = progress_fn(o);
    wo.progress_ctx = phase;
    wo.warn = o->warn;
    wo.warn_ctx = o->warn_ctx;
    return wo;
}

/* Shared tail of the two judgment entry points. */
static Leaderboard *finish_judgments(Leaderboard *lb, int rc)
{
    if (rc < 0) {
        leaderboard_free(lb);
        return NULL;
    }
    assign_ranks(lb);
    return lb;
}

Leaderboard *rate_judgments(const char *path, const RateOptions *o,
                            WinrateSummary *summary, LbError *err)
{
    Phase phase = {o, "bootstrap"};
    WinrateOptions wo = winrate_options(o, &phase);
    WinrateSummary ignored;
    Leaderboard *lb = leaderboard_new(o->id, LB_KIND_WINRATE);
    int rc = winrate_rate(path, &wo, lb, summary ? summary : &ignored, err);
    return finish_judgments(lb, rc);
}

Leaderboard *rate_judgments_memory(const char *bytes, size_t len,
                                   const RateOptions *o,
                                   WinrateSummary *summary, LbError *err)
{
    Phase phase = {o, "bootstrap"};
    WinrateOptions wo = winrate_options(o, &phase);
    WinrateSummary ignored;
    Leaderboard *lb = leaderboard_new(o->id, LB_KIND_WINRATE);
    int rc = winrate_rate_memory(bytes, len, o->source_name, &wo, lb,
                                 summary ? summary : &ignored, err);
    return finish_judgments(lb, rc);
}

cJSON *rate_matrix_json(const Leaderboard *lb, const Battles *bt,
                        LbError *err)
{
    size_t n = lb->n_models;
    if (n > RATE_MATRIX_MAX_MODELS) {
        lb_fail(err, LB_EINPUT, "--matrix: %zu models; the pairwise matrix "
                "(n x n) is written for at most %d", n,
                RATE_MATRIX_MAX_MODELS);
        return NULL;
    }
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
    free(index);
    free(count);
    free(wins);
    return o;
}
