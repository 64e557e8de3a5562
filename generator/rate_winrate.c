#include "rate_winrate.h"

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "battles.h"
#include "fileio.h"
#include "mem.h"
#include "nameset.h"
#include "parallel.h"
#include "rate_bootstrap.h"
#include "rate_bt.h"
#include "rng.h"
#include "utf8.h"

/* ---- reading judgments ------------------------------------------------- */

typedef struct {
    Battles bt;          /* model names and one entry per weighted battle */
    uint32_t *question;  /* per battle: question index */
    size_t cap_question;
    Battles questions;   /* interns question ids (names only) */
    long long *judged;   /* per model: judgments */
    size_t cap_judged;
    long long judgments, skipped;
    NameSet pairs;       /* "question, model, opponent" judged so far */
    char problem[512];   /* a formatted problem for read_judgment */
} Judgments;

/* Verdict label -> score for A (1, 0.5, 0) and weight (1 or 3); 0 when the
 * label is not one we know. */
static int parse_verdict(const char *label, double *a_score, int *weight)
{
    static const struct {
        const char *label;
        double a;
        int w;
    } table[] = {{"A>>B", 1, 3}, {"A>B", 1, 1},   {"A=B", 0.5, 1},
                 {"A<B", 0, 1},  {"A<<B", 0, 3},  {"B>>A", 0, 3},
                 {"B>A", 0, 1},  {"B=A", 0.5, 1}, {"B<A", 1, 1},
                 {"B<<A", 1, 3}};
    for (size_t i = 0; i < sizeof table / sizeof *table; i++) {
        if (strcmp(label, table[i].label) == 0) {
            *a_score = table[i].a;
            *weight = table[i].w;
            return 1;
        }
    }
    return 0;
}

static void push_battle(Judgments *j, uint32_t model, uint32_t opponent,
                        double model_score, uint32_t question)
{
    BattleOutcome o = model_score == 1.0   ? OUTCOME_A
                      : model_score == 0.0 ? OUTCOME_B
                                           : OUTCOME_TIE;
    battles_push(&j->bt, model, opponent, o, NAN, NULL);
    if (j->bt.n > j->cap_question) {
        j->cap_question = j->bt.cap;
        j->question = xrealloc(j->question,
                               j->cap_question * sizeof *j->question);
    }
    j->question[j->bt.n - 1] = question;
}

static const char *string_field(const cJSON *o, const char *name)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* A name a judgment gives: non-empty, not absurdly long. */
static int bad_name(const char *s)
{
    return !*s || strlen(s) > LB_MAX_TEXT;
}

static int read_judgment(Judgments *j, const cJSON *rec, const char *baseline,
                         char *qid_buf, size_t qid_size, const char **problem)
{
    const cJSON *uid = cJSON_GetObjectItemCaseSensitive(rec, "uid");
    if (!uid)
        uid = cJSON_GetObjectItemCaseSensitive(rec, "question_id");
    if (cJSON_IsString(uid) && strlen(uid->valuestring) >= qid_size)
        return *problem = "uid longer than 255 bytes", -1;
    if (cJSON_IsString(uid))
        snprintf(qid_buf, qid_size, "%s", uid->valuestring);
    else if (cJSON_IsNumber(uid))
        snprintf(qid_buf, qid_size, "%.17g", uid->valuedouble);
    else
        return *problem = "missing uid (or question_id)", -1;
    const char *model = string_field(rec, "model");
    if (!model)
        return *problem = "missing model (a string)", -1;
    const cJSON *b = cJSON_GetObjectItemCaseSensitive(rec, "baseline");
    if (b && !cJSON_IsString(b) && !cJSON_IsNull(b))
        return *problem = "baseline must be a string", -1;
    const char *opponent = cJSON_IsString(b) ? b->valuestring : baseline;
    if (bad_name(model) || bad_name(opponent))
        return *problem = "model and baseline must be non-empty names of at "
                          "most 2048 bytes", -1;
    if (strcmp(model, opponent) == 0)
        return 0; /* the baseline judged against itself carries nothing */
    /* The same model judged twice on one question would count twice. */
    Buf key = BUF_INIT;
    buf_printf(&key, "%zu:%s%zu:%s%s", strlen(model), model, strlen(opponent),
               opponent, qid_buf);
    size_t first;
    int again = nameset_add(&j->pairs, key.data, (size_t)j->judgments, &first);
    buf_free(&key);
    if (again) {
        snprintf(j->problem, sizeof j->problem, "model '%.200s' judged again "
                 "on question '%.200s' (first in judgment %zu)", model,
                 qid_buf, first);
        return *problem = j->problem, -1;
    }
    const cJSON *games = cJSON_GetObjectItemCaseSensitive(rec, "games");
    int n_games = cJSON_IsArray(games) ? cJSON_GetArraySize(games) : -1;
    if (n_games < 1 || n_games > 2)
        return *problem = "games must be an array of one or two verdicts", -1;
    uint32_t m = battles_model_id(&j->bt, model, strlen(model));
    uint32_t o = battles_model_id(&j->bt, opponent, strlen(opponent));
    uint32_t q = battles_model_id(&j->questions, qid_buf, strlen(qid_buf));
    if (j->bt.n_models > j->cap_judged) {
        size_t cap = j->bt.cap_models;
        j->judged = xrealloc(j->judged, cap * sizeof *j->judged);
        memset(j->judged + j->cap_judged, 0,
               (cap - j->cap_judged) * sizeof *j->judged);
        j->cap_judged = cap;
    }
    j->judged[m]++;
    for (int g = 0; g < n_games; g++) {
        const cJSON *game = cJSON_GetArrayItem(games, g);
        const char *label = cJSON_IsObject(game) ? string_field(game, "score")
                                                 : NULL;
        double a_score;
        int weight;
        if (!label || !parse_verdict(label, &a_score, &weight)) {
            j->skipped++;
            continue;
        }
        /* Game 1: A = baseline, B = model; game 2: A = model. */
        double model_score = g == 0 ? 1.0 - a_score : a_score;
        for (int w = 0; w < weight; w++)
            push_battle(j, m, o, model_score, q);
    }
    return 0;
}

/* Walks JSON Lines text one non-blank line at a time. jsonl_next returns
 * 1 with the line's value in *rec (the caller deletes it) and its offset
 * in *at, 0 at the end, or -1 when the line is not JSON (*at is where the
 * parse stopped). *extra says whether more follows the value on the line;
 * `line` is the 1-based line number of the last value returned. */
typedef struct {
    const char *text;
    size_t len, pos;
    long long line;
} JsonLines;

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

static int jsonl_next(JsonLines *it, cJSON **rec, size_t *at, int *extra)
{
    while (it->pos < it->len) {
        const char *text = it->text;
        const char *nl = memchr(text + it->pos, '\n', it->len - it->pos);
        size_t end = nl ? (size_t)(nl - text) : it->len;
        size_t s = it->pos;
        it->pos = end + 1;
        it->line++;
        while (s < end && is_blank(text[s]))
            s++;
        if (s == end)
            continue;
        const char *parse_end = NULL;
        *rec = cJSON_ParseWithLengthOpts(text + s, end - s, &parse_end, 0);
        if (!*rec) {
            *at = parse_end ? (size_t)(parse_end - text) : s;
            return -1;
        }
        while (parse_end < text + end && is_blank(*parse_end))
            parse_end++;
        *at = s;
        *extra = parse_end != text + end;
        return 1;
    }
    return 0;
}

static int read_judgments(const char *text, size_t len, const char *name,
                          const char *baseline, Judgments *j, LbError *err)
{
    JsonLines it = {text, len, 0, 0};
    char qid[256];
    cJSON *rec;
    size_t at;
    int extra, got;
    while ((got = jsonl_next(&it, &rec, &at, &extra)) != 0) {
        if (got < 0)
            return lb_fail_at(err, LB_EINPUT, name, text, len, at,
                              "judgment %lld: malformed JSON",
                              j->judgments + 1);
        const char *problem = NULL;
        j->judgments++;
        if (extra)
            problem = "more than one JSON value on the line";
        else if (!cJSON_IsObject(rec))
            problem = "a judgment must be a JSON object";
        else
            read_judgment(j, rec, baseline, qid, sizeof qid, &problem);
        cJSON_Delete(rec);
        if (problem)
            return lb_fail_at(err, LB_EINPUT, name, text, len, at,
                              "judgment %lld: %s", j->judgments, problem);
    }
    return 0;
}

/* ---- answers: average tokens ------------------------------------------- */

static double answer_tokens(const cJSON *rec, int *found)
{
    const cJSON *meta = cJSON_GetObjectItemCaseSensitive(rec, "metadata");
    const cJSON *tl = cJSON_GetObjectItemCaseSensitive(meta, "token_len");
    *found = 0;
    if (cJSON_IsNumber(tl)) {
        *found = 1;
        return tl->valuedouble;
    }
    const cJSON *choices = cJSON_GetObjectItemCaseSensitive(rec, "choices");
    const cJSON *turns = cJSON_GetObjectItemCaseSensitive(
        cJSON_GetArrayItem(choices, 0), "turns");
    double sum = 0;
    const cJSON *turn;
    cJSON_ArrayForEach(turn, turns)
    {
        const cJSON *t = cJSON_GetObjectItemCaseSensitive(turn, "token_len");
        if (cJSON_IsNumber(t)) {
            sum += t->valuedouble;
            *found = 1;
        }
    }
    return sum;
}

static int read_answer_file(const char *path, const Battles *models,
                            double *tokens, long long *count, LbError *err)
{
    char *text;
    size_t len;
    if (file_read_all(path, &text, &len, err) < 0)
        return -1;
    JsonLines it = {text, len, 0, 0};
    cJSON *rec;
    size_t at;
    int extra, got, rc = 0;
    while ((got = jsonl_next(&it, &rec, &at, &extra)) != 0) {
        if (got < 0) {
            rc = lb_fail_at(err, LB_EINPUT, path, text, len, at,
                            "answer %lld: malformed JSON", it.line);
            break;
        }
        const char *model = string_field(rec, "model");
        if (!model)
            model = string_field(rec, "model_id");
        int found;
        double t = answer_tokens(rec, &found);
        long id = model ? battles_find_model(models, model) : -1;
        if (id >= 0 && found) {
            tokens[id] += t;
            count[id]++;
        }
        cJSON_Delete(rec);
    }
    free(text);
    return rc;
}

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int read_answers(const char *path, const Battles *models,
                        double *avg, LbError *err)
{
    size_t n = models->n_models;
    double *tokens = xcalloc(n + 1, sizeof *tokens);
    long long *count = xcalloc(n + 1, sizeof *count);
    int rc = 0;
    if (path_is_dir(path)) {
        DIR *dir = opendir(path);
        if (!dir) {
            free(tokens);
            free(count);
            return lb_fail(err, LB_EINPUT, "%s: cannot open directory",
                           path);
        }
        char **files = NULL;
        size_t n_files = 0;
        struct dirent *e;
        while ((e = readdir(dir))) {
            size_t l = strlen(e->d_name);
            if (l > 6 && strcmp(e->d_name + l - 6, ".jsonl") == 0) {
                files = xrealloc(files, (n_files + 1) * sizeof *files);
                size_t need = strlen(path) + l + 2;
                files[n_files] = xmalloc(need);
                snprintf(files[n_files], need, "%s/%s", path, e->d_name);
                n_files++;
            }
        }
        closedir(dir);
        qsort(files, n_files, sizeof *files, compare_strings);
        for (size_t i = 0; i < n_files; i++) {
            if (rc == 0)
                rc = read_answer_file(files[i], models, tokens, count, err);
            free(files[i]);
        }
        free(files);
    } else {
        rc = read_answer_file(path, models, tokens, count, err);
    }
    for (size_t m = 0; m < n; m++)
        avg[m] = count[m] ? tokens[m] / (double)count[m] : NAN;
    free(tokens);
    free(count);
    return rc;
}

/* ---- bootstrap over questions ------------------------------------------ */

typedef struct {
    const Judgments *j;
    const BtPairs *pairs;
    const uint32_t *pair_of;  /* per battle: its pair index */
    const double *theta_hat;
    long base;
    uint64_t seed;
    double *scores;           /* rounds × n_models */
} Job;

typedef struct {
    uint32_t *qcount;
    double *wi, *wj, *t, *w_i, *w_j, *theta;
    BtSolver *solver;
} Worker;

static void *worker_new(void *ctx)
{
    Job *job = ctx;
    size_t np = job->pairs->n_pairs + 1, n = job->pairs->n_models + 1;
    Worker *w = xcalloc(1, sizeof *w);
    w->qcount = xmalloc((job->j->questions.n_models + 1) * sizeof *w->qcount);
    w->wi = xmalloc(np * sizeof(double));
    w->wj = xmalloc(np * sizeof(double));
    w->t = xmalloc(np * sizeof(double));
    w->w_i = xmalloc(np * sizeof(double));
    w->w_j = xmalloc(np * sizeof(double));
    w->theta = xmalloc(n * sizeof(double));
    w->solver = bt_solver_new(job->pairs->n_models, job->pairs->n_pairs);
    return w;
}

static void worker_free(void *arg)
{
    Worker *w = arg;
    free(w->qcount);
    free(w->wi);
    free(w->wj);
    free(w->t);
    free(w->w_i);
    free(w->w_j);
    free(w->theta);
    bt_solver_free(w->solver);
    free(w);
}

static void scores_from_theta(const double *theta, size_t n, long base,
                              double *out)
{
    for (size_t m = 0; m < n; m++)
        out[m] = 100.0 / (1.0 + exp(theta[base] - theta[m]));
}

static void run_round(void *arg, void *ctx, int round)
{
    Worker *w = arg;
    Job *job = ctx;
    const Judgments *j = job->j;
    const BtPairs *p = job->pairs;
    size_t nq = j->questions.n_models, n = p->n_models;
    Rng rng;
    rng_seed(&rng, job->seed ^ 0x57494E52ull /* "WINR" */, (uint64_t)round);
    memset(w->qcount, 0, nq * sizeof *w->qcount);
    for (size_t i = 0; i < nq; i++)
        w->qcount[rng_below(&rng, nq)]++;
    memset(w->wi, 0, p->n_pairs * sizeof(double));
    memset(w->wj, 0, p->n_pairs * sizeof(double));
    memset(w->t, 0, p->n_pairs * sizeof(double));
    for (size_t k = 0; k < j->bt.n; k++) {
        double c = w->qcount[j->question[k]];
        if (c == 0)
            continue;
        uint32_t pi = job->pair_of[k];
        int o = j->bt.outcome[k];
        int a_is_i = j->bt.a[k] == p->i[pi];
        if (o == OUTCOME_TIE)
            w->t[pi] += c;
        else if ((o == OUTCOME_A) == a_is_i)
            w->wi[pi] += c;
        else
            w->wj[pi] += c;
    }
    bt_pairs_weights(p, w->wi, w->wj, w->t, w->w_i, w->w_j);
    memcpy(w->theta, job->theta_hat, n * sizeof *w->theta);
    bt_fit(w->solver, p, w->w_i, w->w_j, w->theta, NULL);
    scores_from_theta(w->theta, n, job->base,
                      job->scores + (size_t)round * n);
}

static uint32_t *pair_index(const Battles *bt, const BtPairs *p)
{
    uint32_t *pair_of = xmalloc((bt->n + 1) * sizeof *pair_of);
    for (size_t k = 0; k < bt->n; k++) {
        uint32_t i = bt->a[k] < bt->b[k] ? bt->a[k] : bt->b[k];
        uint32_t jj = bt->a[k] < bt->b[k] ? bt->b[k] : bt->a[k];
        size_t lo = 0, hi = p->n_pairs;
        while (lo < hi) { /* pairs are sorted by (i, j) */
            size_t mid = (lo + hi) / 2;
            if (p->i[mid] < i || (p->i[mid] == i && p->j[mid] < jj))
                lo = mid + 1;
            else
                hi = mid;
        }
        pair_of[k] = (uint32_t)lo;
    }
    return pair_of;
}

/* ---- entry point ------------------------------------------------------- */

/* One board row per model: score (the baseline exactly 50), interval and
 * ranks from the rounds, judgments, average tokens. */
static void publish(Leaderboard *lb, const Judgments *j, const double *score,
                    const double *table, size_t rounds, long base,
                    const double *avg)
{
    size_t n = j->bt.n_models;
    double *lo = xmalloc((n + 1) * sizeof *lo);
    double *hi = xmalloc((n + 1) * sizeof *hi);
    int *rank_ub = xmalloc((n + 1) * sizeof *rank_ub);
    int (*spread)[2] = xmalloc((n + 1) * sizeof *spread);
    if (rounds > 0) {
        bootstrap_intervals(table, (int)rounds, n, lo, hi);
        bootstrap_rank_spread(table, (int)rounds, n, spread);
        rank_upper_bounds(lo, hi, n, rank_ub);
    }
    char *const *names = j->bt.names;
    for (size_t m = 0; m < n; m++) {
        LbModel *lm = leaderboard_add_model(lb, names[m]);
        int is_base = (long)m == base;
        double s = is_base ? 50.0 : round(score[m] * 100) / 100;
        lm->rating = s;
        if (rounds > 0) {
            lm->ci_lower = is_base ? 50.0 : fmin(round(lo[m] * 100) / 100, s);
            lm->ci_upper = is_base ? 50.0 : fmax(round(hi[m] * 100) / 100, s);
            lm->rank_ub = rank_ub[m];
            lm->rank_spread[0] = spread[m][0];
            lm->rank_spread[1] = spread[m][1];
        }
        int rank = 1; /* equal scores: by name, as the board is sorted */
        for (size_t o = 0; o < n; o++)
            if (score[o] > score[m] ||
                (score[o] == score[m] && strcmp(names[o], names[m]) < 0))
                rank++;
        lm->rank = rank;
        lm->votes = m < j->cap_judged ? j->judged[m] : 0;
        lm->avg_tokens = isnan(avg[m]) ? NAN : round(avg[m] * 10) / 10;
    }
    free(lo);
    free(hi);
    free(rank_ub);
    free(spread);
}

int winrate_rate(const char *path, const WinrateOptions *opt, Leaderboard *lb,
                 WinrateSummary *summary, LbError *err)
{
    char *text;
    size_t len;
    memset(summary, 0, sizeof *summary);
    if (file_read_all(path, &text, &len, err) < 0)
        return -1;
    const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
    int rc = winrate_rate_memory(text, len, name, opt, lb, summary, err);
    free(text);
    return rc;
}

int winrate_rate_memory(const char *text, size_t len, const char *name,
                        const WinrateOptions *opt, Leaderboard *lb,
                        WinrateSummary *summary, LbError *err)
{
    Judgments j;
    memset(&j, 0, sizeof j);
    battles_init(&j.bt);
    battles_init(&j.questions);
    memset(summary, 0, sizeof *summary);
    int rc = utf8_check(name, text, len, err);
    if (rc == 0)
        rc = read_judgments(text, len, name, opt->baseline, &j, err);
    nameset_free(&j.pairs);
    if (rc == 0 && j.bt.n_models > RATE_MAX_MODELS)
        rc = lb_fail(err, LB_EINPUT, "%s: %zu models; the ratings engine "
                     "takes at most %d", name, j.bt.n_models, RATE_MAX_MODELS);
    long base = rc == 0 ? battles_find_model(&j.bt, opt->baseline) : -1;
    if (rc == 0 && base < 0 && j.judgments > 0)
        rc = lb_fail(err, LB_EINPUT, "%s: no judgment is against the baseline "
                                     "'%s'", name, opt->baseline);
    if (rc < 0 || j.bt.n_models == 0) {
        summary->judgments = j.judgments;
        battles_free(&j.bt);
        battles_free(&j.questions);
        free(j.question);
        free(j.judged);
        return rc;
    }
    size_t n = j.bt.n_models;
    summary->judgments = j.judgments;
    summary->questions = (long long)j.questions.n_models;
    summary->skipped_games = j.skipped;

    BtPairs pairs;
    bt_pairs_from_battles(&pairs, &j.bt);
    double *w_i = xmalloc((pairs.n_pairs + 1) * sizeof *w_i);
    double *w_j = xmalloc((pairs.n_pairs + 1) * sizeof *w_j);
    bt_pairs_weights(&pairs, pairs.wins_i, pairs.wins_j, pairs.ties, w_i, w_j);
    double *theta = xcalloc(n + 1, sizeof *theta);
    BtSolver *solver = bt_solver_new(n, pairs.n_pairs);
    bt_fit(solver, &pairs, w_i, w_j, theta, NULL);
    bt_solver_free(solver);
    double *score = xmalloc((n + 1) * sizeof *score);
    scores_from_theta(theta, n, base, score);

    size_t rounds = (size_t)(opt->rounds > 0 ? opt->rounds : 0);
    double *table = xcalloc(rounds * n + 1, sizeof *table);
    if (rounds > 0) {
        uint32_t *pair_of = pair_index(&j.bt, &pairs);
        Job job = {&j, &pairs, pair_of, theta, base, opt->seed, table};
        ParallelJob pj = {worker_new, worker_free, run_round, &job,
                          opt->progress, opt->progress_ctx};
        parallel_run(&pj, opt->rounds, opt->threads);
        free(pair_of);
    }
    double *avg = xmalloc((n + 1) * sizeof *avg);
    for (size_t m = 0; m < n; m++)
        avg[m] = NAN;
    if (opt->answers)
        rc = read_answers(opt->answers, &j.bt, avg, err);
    if (rc == 0)
        publish(lb, &j, score, table, rounds, base, avg);
    if (rc == 0) {
        lb->source.method = xstrdup("winrate");
        lb->source.baseline = xstrdup(opt->baseline);
        lb->source.battles = (long long)j.bt.n;
        lb->source.bootstrap_rounds = opt->rounds;
        lb->source.seed = opt->rounds > 0 ? (long long)opt->seed : -1;
    }
    free(avg);
    free(table);
    free(score);
    free(theta);
    free(w_i);
    free(w_j);
    bt_pairs_free(&pairs);
    battles_free(&j.bt);
    battles_free(&j.questions);
    free(j.question);
    free(j.judged);
    return rc;
}
