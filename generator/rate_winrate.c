#include "rate_winrate.h"

#include <dirent.h>
#include <math.h>
#include <stdarg.h>
#include <stdatomic.h>
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
#include "rate_style.h"
#include "rng.h"
#include "utf8.h"

/* The style-controlled fit anchors the baseline here (any value would do:
 * win rates depend on differences only), as v0.1's fit_bt does. */
#define RATE_WINRATE_ANCHOR 1114.0

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
    /* The baselines records name, and whether some record names none
     * (then it is against the --baseline model). */
    NameSet named_baselines;
    Buf baseline_list;   /* the named baselines, ", "-separated */
    int implicit_baseline;
    const char *baseline; /* --baseline */
    unsigned char *against_base; /* per model: judged against it */
    size_t cap_against;
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

/* A model name with a control character: the problem, else NULL. */
static const char *control_in(Judgments *j, const char *field,
                              const char *name)
{
    uint32_t cp;
    if (!text_has_control(name, strlen(name), &cp))
        return NULL;
    snprintf(j->problem, sizeof j->problem, "%s contains the control "
             "character U+%04X (model names must be printable)", field,
             (unsigned)cp);
    return j->problem;
}

/* Offset of the first \u0000 escape in a JSON text (cJSON would cut the
 * string short there, silently), or -1. */
static long nul_escape_at(const char *text, size_t len)
{
    for (size_t i = 0; i + 5 < len; i++) {
        if (text[i] != '\\')
            continue;
        if (text[i + 1] == 'u' && text[i + 2] == '0' && text[i + 3] == '0' &&
            text[i + 4] == '0' && text[i + 5] == '0')
            return (long)i;
        i++; /* the escaped character */
    }
    return -1;
}

static void mark_against(Judgments *j, uint32_t m)
{
    if (j->bt.n_models > j->cap_against) {
        size_t cap = j->bt.cap_models;
        j->against_base = xrealloc(j->against_base, cap);
        memset(j->against_base + j->cap_against, 0, cap - j->cap_against);
        j->cap_against = cap;
    }
    j->against_base[m] = 1;
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
    if ((*problem = control_in(j, "model", model)) ||
        (*problem = control_in(j, "baseline", opponent)))
        return -1;
    if (cJSON_IsString(b)) {
        size_t first;
        if (!nameset_add(&j->named_baselines, opponent, 0, &first))
            buf_printf(&j->baseline_list, "%s'%s'",
                       j->baseline_list.len ? ", " : "", opponent);
    } else {
        j->implicit_baseline = 1;
    }
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
    if (strcmp(opponent, j->baseline) == 0)
        mark_against(j, m);
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

/* ---- answers: tokens and style counts ---------------------------------- */

/* One model's answer to one question. */
typedef struct {
    uint32_t model, question;  /* in the answer table's interners */
    double tokens;             /* NAN: no token count */
    double style[STYLE_FEATURES]; /* tokens, headers, lists, bold */
    int has_style;
} Answer;

typedef struct {
    Battles models, questions; /* interners (names only) */
    NameSet keys;              /* "model\nquestion" -> answer index */
    Answer *a;
    size_t n, cap;
    long long records, duplicates;
    char problem[512];
} AnswerTable;

static void answers_free(AnswerTable *t)
{
    battles_free(&t->models);
    battles_free(&t->questions);
    nameset_free(&t->keys);
    free(t->a);
    memset(t, 0, sizeof *t);
}

/* A count (tokens, headers, ...): a number, or an object of numbers
 * (summed), each from 0 to STYLE_COUNT_MAX. 1 found, 0 absent, -1 bad. */
static int read_count(AnswerTable *t, const char *layout, const char *field,
                      const cJSON *v, double *out)
{
    if (!v || cJSON_IsNull(v))
        return 0;
    double sum = 0;
    const cJSON *item;
    if (cJSON_IsNumber(v)) {
        sum = v->valuedouble;
        if (!(sum >= 0 && sum <= STYLE_COUNT_MAX))
            goto bad;
    } else if (cJSON_IsObject(v)) {
        cJSON_ArrayForEach(item, v)
        {
            if (!cJSON_IsNumber(item))
                goto bad;
            double c = item->valuedouble;
            if (!(c >= 0 && c <= STYLE_COUNT_MAX))
                goto bad;
            sum += c;
        }
        if (!(sum <= STYLE_COUNT_MAX))
            goto bad;
    } else {
        goto bad;
    }
    *out = sum;
    return 1;
bad:
    snprintf(t->problem, sizeof t->problem, "%s.%s must be a count from 0 "
             "to 1e12 (or an object of such counts)", layout, field);
    return -1;
}

/* Style counts from `metadata` (v2.0) or `conv_metadata` (v0.1): all four
 * or none. */
static int read_style(AnswerTable *t, const cJSON *rec, Answer *ans)
{
    static const char *const fields[STYLE_FEATURES] = {
        "token_len", "header_count", "list_count", "bold_count"};
    static const char *const layouts[2] = {"metadata", "conv_metadata"};
    for (int l = 0; l < 2; l++) {
        const cJSON *meta = cJSON_GetObjectItemCaseSensitive(rec, layouts[l]);
        if (!cJSON_IsObject(meta))
            continue;
        int found = 0;
        double v[STYLE_FEATURES];
        for (int f = 0; f < STYLE_FEATURES; f++) {
            int rc = read_count(t, layouts[l], fields[f],
                                cJSON_GetObjectItemCaseSensitive(meta,
                                                                 fields[f]),
                                &v[f]);
            if (rc < 0)
                return -1;
            found += rc;
        }
        if (found == STYLE_FEATURES) {
            memcpy(ans->style, v, sizeof v);
            ans->has_style = 1;
            return 0;
        }
    }
    return 0;
}

/* The token count: metadata.token_len (v2.0), choices[0].turns[].token_len
 * or conv_metadata.token_len (v0.1). */
static int read_tokens(AnswerTable *t, const cJSON *rec, Answer *ans)
{
    double v;
    int rc = read_count(t, "metadata", "token_len",
                        cJSON_GetObjectItemCaseSensitive(
                            cJSON_GetObjectItemCaseSensitive(rec, "metadata"),
                            "token_len"),
                        &v);
    if (rc != 0) {
        ans->tokens = v;
        return rc < 0 ? -1 : 0;
    }
    const cJSON *choices = cJSON_GetObjectItemCaseSensitive(rec, "choices");
    const cJSON *turns = cJSON_GetObjectItemCaseSensitive(
        cJSON_GetArrayItem(choices, 0), "turns");
    const cJSON *turn;
    double sum = 0;
    int found = 0;
    cJSON_ArrayForEach(turn, turns)
    {
        rc = read_count(t, "choices[0].turns[]", "token_len",
                        cJSON_GetObjectItemCaseSensitive(turn, "token_len"),
                        &v);
        if (rc < 0)
            return -1;
        if (rc > 0) {
            sum += v;
            found = 1;
        }
    }
    if (found) {
        ans->tokens = sum;
        return 0;
    }
    rc = read_count(t, "conv_metadata", "token_len",
                    cJSON_GetObjectItemCaseSensitive(
                        cJSON_GetObjectItemCaseSensitive(rec,
                                                         "conv_metadata"),
                        "token_len"),
                    &v);
    if (rc > 0)
        ans->tokens = v;
    return rc < 0 ? -1 : 0;
}

/* A record is an answer when it has no `games` but names a model and
 * carries answer data. */
static int is_answer(const cJSON *rec)
{
    if (cJSON_GetObjectItemCaseSensitive(rec, "games"))
        return 0;
    return cJSON_GetObjectItemCaseSensitive(rec, "metadata") ||
           cJSON_GetObjectItemCaseSensitive(rec, "conv_metadata") ||
           cJSON_GetObjectItemCaseSensitive(rec, "choices") ||
           cJSON_GetObjectItemCaseSensitive(rec, "messages");
}

static int read_answer(AnswerTable *t, const cJSON *rec, const char **problem)
{
    const char *model = string_field(rec, "model");
    if (!model)
        model = string_field(rec, "model_id");
    if (!model || bad_name(model))
        return *problem = "an answer needs model (or model_id): a non-empty "
                          "name of at most 2048 bytes", -1;
    const cJSON *uid = cJSON_GetObjectItemCaseSensitive(rec, "uid");
    if (!uid)
        uid = cJSON_GetObjectItemCaseSensitive(rec, "question_id");
    char qid[256];
    if (cJSON_IsString(uid) && strlen(uid->valuestring) < sizeof qid)
        snprintf(qid, sizeof qid, "%s", uid->valuestring);
    else if (cJSON_IsNumber(uid))
        snprintf(qid, sizeof qid, "%.17g", uid->valuedouble);
    else
        return *problem = "an answer needs uid (or question_id) of at most "
                          "255 bytes", -1;
    Answer ans;
    memset(&ans, 0, sizeof ans);
    ans.tokens = NAN;
    if (read_tokens(t, rec, &ans) < 0 || read_style(t, rec, &ans) < 0)
        return *problem = t->problem, -1;
    ans.model = battles_model_id(&t->models, model, strlen(model));
    ans.question = battles_model_id(&t->questions, qid, strlen(qid));
    Buf key = BUF_INIT;
    buf_printf(&key, "%u\n%u", ans.model, ans.question);
    size_t first;
    /* The last answer to a question counts, as Arena-Hard-Auto's
     * load_model_answers keeps it. */
    if (nameset_add(&t->keys, key.data, t->n, &first)) {
        t->a[first] = ans;
        t->duplicates++;
    } else {
        if (t->n == t->cap) {
            t->cap = grow_capacity(t->cap, t->n + 1);
            t->a = xrealloc(t->a, t->cap * sizeof *t->a);
        }
        t->a[t->n++] = ans;
    }
    buf_free(&key);
    t->records++;
    return 0;
}

/* Reads JSON Lines records: judgments, and answers (records without
 * `games` that carry answer data) into `answers` when it is not NULL. */
static int read_records(const char *text, size_t len, const char *name,
                        Judgments *j, AnswerTable *answers, LbError *err)
{
    JsonLines it = {text, len, 0, 0};
    char qid[256];
    cJSON *rec;
    size_t at;
    int extra, got;
    while ((got = jsonl_next(&it, &rec, &at, &extra)) != 0) {
        if (got < 0)
            return lb_fail_at(err, LB_EINPUT, name, text, len, at,
                              "%s %lld: malformed JSON",
                              j ? "judgment" : "answer",
                              j ? j->judgments + 1 : answers->records + 1);
        int answer = answers && (!j || (cJSON_IsObject(rec) &&
                                        is_answer(rec)));
        const char *kind = answer ? "answer" : "judgment";
        long long number = answer ? answers->records + 1 : j->judgments + 1;
        const char *problem = NULL;
        long nul = nul_escape_at(text + at, (size_t)(it.pos - 1 - at));
        if (nul >= 0) {
            cJSON_Delete(rec);
            return lb_fail_at(err, LB_EINPUT, name, text, len,
                              at + (size_t)nul, "%s %lld: \\u0000 in a "
                              "string (it would cut the text short)",
                              kind, number);
        }
        if (!answer)
            j->judgments++;
        if (extra)
            problem = "more than one JSON value on the line";
        else if (!cJSON_IsObject(rec))
            problem = answer ? "an answer must be a JSON object"
                             : "a judgment must be a JSON object";
        else if (answer)
            read_answer(answers, rec, &problem);
        else
            read_judgment(j, rec, j->baseline, qid, sizeof qid, &problem);
        cJSON_Delete(rec);
        if (problem)
            return lb_fail_at(err, LB_EINPUT, name, text, len, at,
                              "%s %lld: %s", kind, number, problem);
    }
    return 0;
}

static int read_answer_file(const char *path, AnswerTable *t, LbError *err)
{
    char *text;
    size_t len;
    if (file_read_all(path, &text, &len, err) < 0)
        return -1;
    long long before = t->records;
    t->records = 0; /* numbered per file */
    int rc = utf8_check(path, text, len, err);
    if (rc == 0)
        rc = read_records(text, len, path, NULL, t, err);
    t->records += before;
    free(text);
    return rc;
}

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* --answers: one file, or every *.jsonl of a directory in name order. */
static int read_answers(const char *path, AnswerTable *t, LbError *err)
{
    if (!path_is_dir(path))
        return read_answer_file(path, t, err);
    DIR *dir = opendir(path);
    if (!dir)
        return lb_fail(err, LB_EINPUT, "%s: cannot open directory", path);
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
    if (n_files)
        qsort(files, n_files, sizeof *files, compare_strings);
    int rc = 0;
    for (size_t i = 0; i < n_files; i++) {
        if (rc == 0)
            rc = read_answer_file(files[i], t, err);
        free(files[i]);
    }
    free(files);
    return rc;
}

/* The answer of judged model `m` (j's id) to judged question `q`, or
 * NULL. */
static const Answer *find_answer(const AnswerTable *t, const Judgments *j,
                                 uint32_t m, uint32_t q)
{
    long am = battles_find_model(&t->models, j->bt.names[m]);
    long aq = battles_find_model(&t->questions, j->questions.names[q]);
    if (am < 0 || aq < 0)
        return NULL;
    char key[48];
    snprintf(key, sizeof key, "%ld\n%ld", am, aq);
    size_t at;
    return nameset_find(&t->keys, key, &at) ? &t->a[at] : NULL;
}

/* Average tokens per judged model over its answers with a token count;
 * a warning names each model without any. */
static void average_tokens(const AnswerTable *t, const Judgments *j,
                           const WinrateOptions *opt, double *avg)
{
    size_t n = j->bt.n_models;
    double *sum = xcalloc(t->models.n_models + 1, sizeof *sum);
    long long *count = xcalloc(t->models.n_models + 1, sizeof *count);
    for (size_t k = 0; k < t->n; k++) {
        if (isnan(t->a[k].tokens))
            continue;
        sum[t->a[k].model] += t->a[k].tokens;
        count[t->a[k].model]++;
    }
    Buf missing = BUF_INIT;
    size_t n_missing = 0;
    for (size_t m = 0; m < n; m++) {
        long am = battles_find_model(&t->models, j->bt.names[m]);
        if (am >= 0 && count[am]) {
            avg[m] = sum[am] / (double)count[am];
            continue;
        }
        avg[m] = NAN;
        buf_printf(&missing, "%s'%s'", n_missing ? ", " : "",
                   j->bt.names[m]);
        n_missing++;
    }
    if (n_missing && opt->warn) {
        Buf msg = BUF_INIT;
        buf_printf(&msg, "answers: no token count (metadata.token_len, "
                         "conv_metadata.token_len or "
                         "choices[0].turns[].token_len) for %s %s; "
                         "avg_tokens left empty\n",
                   n_missing == 1 ? "model" : "models", missing.data);
        opt->warn(opt->warn_ctx, msg.data);
        buf_free(&msg);
    }
    if (t->duplicates && opt->warn) {
        Buf msg = BUF_INIT;
        buf_printf(&msg, "answers: %lld answer(s) repeat a model's answer "
                         "to a question; the last one counts\n",
                   t->duplicates);
        opt->warn(opt->warn_ctx, msg.data);
        buf_free(&msg);
    }
    buf_free(&missing);
    free(sum);
    free(count);
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
    atomic_int unconverged, with_prior;
} Job;

typedef struct {
    Job *job;
    uint32_t *qcount;
    double *wi, *wj, *t, *w_i, *w_j, *theta;
    BtSolver *solver;
    int unconverged, with_prior;
} Worker;

static void *worker_new(void *ctx)
{
    Job *job = ctx;
    size_t np = job->pairs->n_pairs + 1, n = job->pairs->n_models + 1;
    Worker *w = xcalloc(1, sizeof *w);
    w->job = job;
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
    atomic_fetch_add(&w->job->unconverged, w->unconverged);
    atomic_fetch_add(&w->job->with_prior, w->with_prior);
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
    BtFitInfo info;
    if (bt_fit(w->solver, p, w->w_i, w->w_j, w->theta, &info) < 0)
        w->unconverged++;
    if (info.prior > 0)
        w->with_prior++;
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

/* ---- the fits ---------------------------------------------------------- */

static void warn(const WinrateOptions *opt, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void warn(const WinrateOptions *opt, const char *fmt, ...)
{
    if (!opt->warn)
        return;
    Buf msg = BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&msg, fmt, ap);
    va_end(ap);
    opt->warn(opt->warn_ctx, msg.data);
    buf_free(&msg);
}

/* What the fit gives: the score per model and, with a bootstrap, a table
 * of rounds (scores, or Elo ratings that map to them monotonically). */
typedef struct {
    double *score;
    double *table;
    size_t rounds;
    int table_is_elo; /* the table holds anchored Elo ratings */
    double base_elo;
} Fitted;

/* Plain Bradley–Terry on the judgments, bootstrap over questions. */
static void fit_plain(const Judgments *j, long base,
                      const WinrateOptions *opt, Fitted *out)
{
    size_t n = j->bt.n_models;
    BtPairs pairs;
    bt_pairs_from_battles(&pairs, &j->bt);
    double *w_i = xmalloc((pairs.n_pairs + 1) * sizeof *w_i);
    double *w_j = xmalloc((pairs.n_pairs + 1) * sizeof *w_j);
    bt_pairs_weights(&pairs, pairs.wins_i, pairs.wins_j, pairs.ties, w_i, w_j);
    Buf degenerate = BUF_INIT;
    bt_describe_degenerate(&pairs, w_i, w_j, j->bt.names, &degenerate);
    if (degenerate.len)
        warn(opt, "no finite maximum-likelihood ratings; a weak ridge prior "
                  "keeps them finite (see README):\n%s", degenerate.data);
    buf_free(&degenerate);
    double *theta = xcalloc(n + 1, sizeof *theta);
    BtSolver *solver = bt_solver_new(n, pairs.n_pairs);
    BtFitInfo info;
    if (bt_fit(solver, &pairs, w_i, w_j, theta, &info) < 0)
        warn(opt, "win-rate fit stopped after %d iterations with gradient "
                  "norm %.3g\n", info.iterations, info.grad_norm);
    bt_solver_free(solver);
    out->score = xmalloc((n + 1) * sizeof *out->score);
    scores_from_theta(theta, n, base, out->score);
    out->rounds = (size_t)(opt->rounds > 0 ? opt->rounds : 0);
    out->table = xcalloc(out->rounds * n + 1, sizeof *out->table);
    if (out->rounds > 0) {
        uint32_t *pair_of = pair_index(&j->bt, &pairs);
        Job job = {j, &pairs, pair_of, theta, base, opt->seed, out->table,
                   0, 0};
        atomic_init(&job.unconverged, 0);
        atomic_init(&job.with_prior, 0);
        ParallelJob pj = {worker_new, worker_free, run_round, &job,
                          opt->progress, opt->progress_ctx};
        parallel_run(&pj, opt->rounds, opt->threads);
        int unconverged = atomic_load(&job.unconverged);
        int with_prior = atomic_load(&job.with_prior);
        if (unconverged)
            warn(opt, "%d of %d win-rate bootstrap rounds stopped before "
                      "converging\n", unconverged, opt->rounds);
        if (with_prior)
            warn(opt, "%d of %d win-rate bootstrap resamples had no finite "
                      "maximum-likelihood ratings (a model never lost or "
                      "never won in the resample) and used the ridge "
                      "prior\n", with_prior, opt->rounds);
        free(pair_of);
    }
    free(theta);
    free(w_i);
    free(w_j);
    bt_pairs_free(&pairs);
}

/* Style control: each battle with the features of the model's and the
 * opponent's answers to its question. */
static int fit_style(const Judgments *j, const AnswerTable *answers,
                     long base, const WinrateOptions *opt, const char *name,
                     Leaderboard *lb, Fitted *out, LbError *err)
{
    size_t n = j->bt.n_models;
    Battles sb;
    battles_init(&sb);
    for (size_t m = 0; m < n; m++)
        battles_model_id(&sb, j->bt.names[m], strlen(j->bt.names[m]));
    battles_enable_style(&sb);
    for (size_t k = 0; k < j->bt.n; k++) {
        uint32_t q = j->question[k];
        const Answer *x = find_answer(answers, j, j->bt.a[k], q);
        const Answer *y = find_answer(answers, j, j->bt.b[k], q);
        const Answer *missing = x && x->has_style ? (y && y->has_style ? NULL
                                                                        : y)
                                                  : x;
        if (!x || !y || missing) {
            uint32_t who = !x || (x && !x->has_style) ? j->bt.a[k]
                                                      : j->bt.b[k];
            battles_free(&sb);
            return lb_fail(err, LB_EINPUT, "%s: style control needs the "
                           "answers' counts (metadata or conv_metadata: "
                           "token_len, header_count, list_count, "
                           "bold_count); there are none for model '%s' on "
                           "question '%s'", name, j->bt.names[who],
                           j->questions.names[q]);
        }
        double f[STYLE_FEATURES];
        for (int s = 0; s < STYLE_FEATURES; s++)
            f[s] = (x->style[s] - y->style[s]) /
                   (x->style[s] + y->style[s] + 1.0);
        battles_push(&sb, j->bt.a[k], j->bt.b[k],
                     (BattleOutcome)j->bt.outcome[k], NAN, f);
    }
    StyleOptions so = {opt->rounds,      opt->seed,      opt->threads, base,
                       RATE_WINRATE_ANCHOR, opt->progress, opt->progress_ctx,
                       0};
    StyleResult sr;
    int rc = style_control_fit(&sb, &so, &sr, err);
    battles_free(&sb);
    if (rc < 0)
        return -1;
    if (!sr.converged)
        warn(opt, "style-control win-rate fit stopped before converging "
                  "(gradient norm %.3g)\n", sr.grad_norm);
    if (sr.unconverged_rounds)
        warn(opt, "%d of %d style-control bootstrap rounds stopped before "
                  "converging\n", sr.unconverged_rounds, sr.rounds);
    out->score = xmalloc((n + 1) * sizeof *out->score);
    for (size_t m = 0; m < n; m++)
        out->score[m] = 100.0 / (1.0 + pow(10.0, (sr.elo[base] - sr.elo[m]) /
                                                      400.0));
    out->rounds = (size_t)(opt->rounds > 0 ? opt->rounds : 0);
    out->table = sr.boot_elo;
    out->table_is_elo = 1;
    out->base_elo = RATE_WINRATE_ANCHOR;
    sr.boot_elo = NULL;
    for (int s = 0; s < STYLE_FEATURES; s++)
        lb_source_add_style_coefficient(&lb->source, style_feature_names[s],
                                        round(sr.coef[s] * 1e6) / 1e6);
    style_result_free(&sr);
    return 0;
}

static double elo_to_score(double elo, double base)
{
    return 100.0 / (1.0 + pow(10.0, (base - elo) / 400.0));
}

/* One board row per model: score (the baseline exactly 50), interval and
 * rank spreads from the rounds, judgments, average tokens. Ranks are given
 * once the board is sorted. */
static void publish(Leaderboard *lb, const Judgments *j, const Fitted *f,
                    long base, const double *avg)
{
    size_t n = j->bt.n_models, rounds = f->rounds;
    double *lo = xmalloc((n + 1) * sizeof *lo);
    double *hi = xmalloc((n + 1) * sizeof *hi);
    int *rank_ub = xmalloc((n + 1) * sizeof *rank_ub);
    int (*spread)[2] = xmalloc((n + 1) * sizeof *spread);
    if (rounds > 0) {
        bootstrap_intervals(f->table, (int)rounds, n, lo, hi);
        bootstrap_rank_spread(f->table, (int)rounds, n, spread);
        rank_upper_bounds(lo, hi, n, rank_ub);
        if (f->table_is_elo)
            for (size_t m = 0; m < n; m++) {
                lo[m] = elo_to_score(lo[m], f->base_elo);
                hi[m] = elo_to_score(hi[m], f->base_elo);
            }
    }
    char *const *names = j->bt.names;
    for (size_t m = 0; m < n; m++) {
        LbModel *lm = leaderboard_add_model(lb, names[m]);
        int is_base = (long)m == base;
        double s = is_base ? 50.0 : round(f->score[m] * 100) / 100;
        lm->rating = s;
        if (rounds > 0) {
            lm->ci_lower = is_base ? 50.0 : fmin(round(lo[m] * 100) / 100, s);
            lm->ci_upper = is_base ? 50.0 : fmax(round(hi[m] * 100) / 100, s);
            lm->rank_ub = rank_ub[m];
            lm->rank_spread[0] = spread[m][0];
            lm->rank_spread[1] = spread[m][1];
        }
        lm->votes = m < j->cap_judged ? j->judged[m] : 0;
        lm->avg_tokens = isnan(avg[m]) ? NAN : round(avg[m] * 10) / 10;
    }
    free(lo);
    free(hi);
    free(rank_ub);
    free(spread);
}

/* ---- entry point ------------------------------------------------------- */

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

/* The baseline the options name must be the file's, and every model must
 * be judged against it. */
static int check_baseline(const Judgments *j, const char *name,
                          const char *baseline, LbError *err)
{
    long base = battles_find_model(&j->bt, baseline);
    size_t first;
    int used = j->implicit_baseline ||
               nameset_find(&j->named_baselines, baseline, &first);
    if (j->judgments > 0 && (base < 0 || !used)) {
        if (j->baseline_list.len)
            return lb_fail(err, LB_EINPUT, "%s: no judgment is against the "
                           "baseline '%s'; the judgments name the baseline%s "
                           "%s", name, baseline,
                           j->named_baselines.n == 1 ? "" : "s",
                           j->baseline_list.data);
        return lb_fail(err, LB_EINPUT, "%s: no judgment is against the "
                       "baseline '%s'", name, baseline);
    }
    for (size_t m = 0; m < j->bt.n_models; m++) {
        if ((long)m == base || (m < j->cap_against && j->against_base[m]))
            continue;
        return lb_fail(err, LB_EINPUT, "%s: model '%s' is never judged "
                       "against the baseline '%s' (the judgments name the "
                       "baseline%s %s)", name, j->bt.names[m], baseline,
                       j->named_baselines.n == 1 ? "" : "s",
                       j->baseline_list.len ? j->baseline_list.data : "");
    }
    return 0;
}

/* Judgments of the v0.1 layout name no baseline: the answers can still
 * tell a wrong --baseline, which has none, while the real one has answers
 * but is never judged. */
static int check_baseline_answers(const Judgments *j, const AnswerTable *t,
                                  const char *name, const char *baseline,
                                  LbError *err)
{
    if (!t->records || battles_find_model(&t->models, baseline) >= 0)
        return 0;
    Buf unjudged = BUF_INIT;
    size_t count = 0;
    for (size_t m = 0; m < t->models.n_models; m++) {
        if (battles_find_model(&j->bt, t->models.names[m]) >= 0)
            continue;
        buf_printf(&unjudged, "%s'%s'", count ? ", " : "",
                   t->models.names[m]);
        count++;
    }
    int rc = 0;
    if (count)
        rc = lb_fail(err, LB_EINPUT, "%s: the baseline '%s' has no answers, "
                     "and %s that answered %s never judged: %s (is that "
                     "the baseline?)", name, baseline,
                     count == 1 ? "the model" : "the models",
                     count == 1 ? "is" : "are", unjudged.data);
    buf_free(&unjudged);
    return rc;
}

static void judgments_free(Judgments *j)
{
    battles_free(&j->bt);
    battles_free(&j->questions);
    nameset_free(&j->pairs);
    nameset_free(&j->named_baselines);
    buf_free(&j->baseline_list);
    free(j->question);
    free(j->judged);
    free(j->against_base);
}

int winrate_rate_memory(const char *text, size_t len, const char *name,
                        const WinrateOptions *opt, Leaderboard *lb,
                        WinrateSummary *summary, LbError *err)
{
    Judgments j;
    memset(&j, 0, sizeof j);
    battles_init(&j.bt);
    battles_init(&j.questions);
    j.baseline = opt->baseline;
    AnswerTable answers;
    memset(&answers, 0, sizeof answers);
    battles_init(&answers.models);
    battles_init(&answers.questions);
    memset(summary, 0, sizeof *summary);
    int rc = utf8_check(name, text, len, err);
    if (rc == 0)
        rc = read_records(text, len, name, &j, &answers, err);
    if (rc == 0 && j.bt.n_models > RATE_MAX_MODELS)
        rc = lb_fail(err, LB_EINPUT, "%s: more than %d models; the ratings "
                     "engine takes at most %d", name, RATE_MAX_MODELS,
                     RATE_MAX_MODELS);
    if (rc == 0 && (double)opt->rounds * (double)j.bt.n_models > 2e7)
        rc = lb_fail(err, LB_EINPUT, "%s: %d bootstrap rounds of %zu models "
                     "are more than the 20000000 the bootstrap keeps; use "
                     "fewer rounds", name, opt->rounds, j.bt.n_models);
    if (rc == 0)
        rc = check_baseline(&j, name, opt->baseline, err);
    if (rc == 0 && opt->answers)
        rc = read_answers(opt->answers, &answers, err);
    if (rc == 0)
        rc = check_baseline_answers(&j, &answers, name, opt->baseline, err);
    summary->judgments = j.judgments;
    summary->questions = (long long)j.questions.n_models;
    summary->skipped_games = j.skipped;
    summary->answers = answers.records;
    if (rc < 0 || j.bt.n_models == 0) {
        judgments_free(&j);
        answers_free(&answers);
        return rc;
    }
    long base = battles_find_model(&j.bt, opt->baseline);
    size_t n = j.bt.n_models;
    Fitted fitted;
    memset(&fitted, 0, sizeof fitted);
    if (opt->style_control)
        rc = fit_style(&j, &answers, base, opt, name, lb, &fitted, err);
    else
        fit_plain(&j, base, opt, &fitted);
    double *avg = xmalloc((n + 1) * sizeof *avg);
    for (size_t m = 0; m < n; m++)
        avg[m] = NAN;
    if (rc == 0 && (opt->answers || answers.records))
        average_tokens(&answers, &j, opt, avg);
    if (rc == 0) {
        publish(lb, &j, &fitted, base, avg);
        lb->source.method = xstrdup(opt->style_control ? "winrate+style"
                                                       : "winrate");
        lb->source.baseline = xstrdup(opt->baseline);
        lb->source.battles = (long long)j.bt.n;
        lb->source.bootstrap_rounds = opt->rounds;
        lb->source.seed = opt->rounds > 0 ? (long long)opt->seed : -1;
        if (opt->rounds > 0)
            lb->source.ci = xstrdup("bootstrap");
    }
    free(avg);
    free(fitted.score);
    free(fitted.table);
    judgments_free(&j);
    answers_free(&answers);
    return rc;
}
