/* Style control, win rate against a baseline, online Elo. */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "battlegen.h"
#include "leaderboard.h"
#include "rate_elo.h"
#include "rate_style.h"
#include "rate_winrate.h"
#include "rng.h"

#define LN10 2.302585092994046

/* Six equally strong models with very different answer lengths; voters
 * prefer the longer answer with a planted coefficient on the standardised
 * length feature. Style control must recover the coefficient and rate the
 * models equal; the markdown features are constant (zero) here. */
static void style_control_recovers_length_bias(void **state)
{
    (void)state;
    const double planted = 0.8;
    const size_t n_battles = 60000, n_models = 6;
    Battles bt;
    battles_init(&bt);
    battlegen_models(&bt, n_models);
    battles_enable_style(&bt);
    Rng r;
    rng_seed(&r, 2024, 0);
    double *raw = malloc(n_battles * sizeof *raw);
    uint32_t *a = malloc(n_battles * sizeof *a), *b = malloc(n_battles *
                                                             sizeof *b);
    double mean = 0, var = 0;
    for (size_t k = 0; k < n_battles; k++) {
        a[k] = (uint32_t)rng_below(&r, n_models);
        b[k] = (uint32_t)rng_below(&r, n_models - 1);
        b[k] += b[k] >= a[k];
        double ta = 100.0 * (a[k] + 1) * (0.5 + rng_uniform(&r));
        double tb = 100.0 * (b[k] + 1) * (0.5 + rng_uniform(&r));
        raw[k] = (ta - tb) / (ta + tb + 1);
        mean += raw[k] / (double)n_battles;
    }
    for (size_t k = 0; k < n_battles; k++)
        var += (raw[k] - mean) * (raw[k] - mean) / (double)n_battles;
    for (size_t k = 0; k < n_battles; k++) {
        double z = (raw[k] - mean) / sqrt(var);
        double p = 1.0 / (1.0 + exp(-planted * z));
        double style[STYLE_FEATURES] = {raw[k], 0, 0, 0};
        battles_push(&bt, a[k], b[k],
                     rng_uniform(&r) < p ? OUTCOME_A : OUTCOME_B, NAN, style);
    }
    StyleOptions o = {20, 9, 2, -1, 0, NULL, NULL, 0};
    StyleResult sr;
    LbError err = {0};
    assert_int_equal(style_control_fit(&bt, &o, &sr, &err), 0);
    assert_true(sr.converged);
    assert_true(fabs(sr.coef[0] - planted) < 0.05);
    for (int f = 1; f < STYLE_FEATURES; f++)
        assert_true(sr.coef[f] == 0.0);
    double lo = INFINITY, hi = -INFINITY, mean_elo = 0;
    for (size_t m = 0; m < n_models; m++) {
        lo = fmin(lo, sr.elo[m]);
        hi = fmax(hi, sr.elo[m]);
        mean_elo += sr.elo[m] / (double)n_models;
    }
    assert_true(hi - lo < 25);              /* equal once style is removed */
    assert_true(fabs(mean_elo - 1000) < 1e-6); /* ridge keeps the mean */
    /* Bootstrap rounds: coefficients scatter around the point estimate. */
    for (int round = 0; round < 20; round++)
        assert_true(fabs(sr.boot_coef[round * STYLE_FEATURES] - sr.coef[0]) <
                    0.1);
    style_result_free(&sr);
    free(raw);
    free(a);
    free(b);
    battles_free(&bt);
}

static char tmp[64];

static const char *write_temp(const char *text)
{
    snprintf(tmp, sizeof tmp, "/tmp/lbgen-winrate-XXXXXX");
    int fd = mkstemp(tmp);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    return tmp;
}

static const char judgments[] =
    "{\"uid\":\"q1\",\"model\":\"good\",\"games\":[{\"score\":\"B>>A\"},"
    "{\"score\":\"A>B\"}]}\n"
    "{\"uid\":\"q2\",\"model\":\"good\",\"games\":[{\"score\":\"A>B\"},"
    "{\"score\":\"B>A\"}]}\n"
    "{\"uid\":\"q3\",\"model\":\"good\",\"games\":[{\"score\":\"A=B\"},"
    "{\"score\":\"A=B\"}]}\n"
    "{\"uid\":\"q4\",\"model\":\"good\",\"games\":[{\"score\":null},"
    "{\"score\":\"A>B\"}]}\n"
    "{\"uid\":\"q1\",\"model\":\"bad\",\"baseline\":\"base\",\"games\":"
    "[{\"score\":\"A>>B\"},{\"score\":\"B>A\"}]}\n"
    "\n"
    "{\"uid\":\"q2\",\"model\":\"bad\",\"games\":[{\"score\":\"B>A\"},"
    "{\"score\":\"A<B\"}]}\n";

static void win_rate_against_baseline(void **state)
{
    (void)state;
    char jpath[64], apath[64];
    snprintf(jpath, sizeof jpath, "%s", write_temp(judgments));
    snprintf(apath, sizeof apath, "%s",
             write_temp("{\"uid\":\"q1\",\"model\":\"good\",\"metadata\":"
                        "{\"token_len\":300}}\n"
                        "{\"uid\":\"q2\",\"model\":\"good\",\"metadata\":"
                        "{\"token_len\":500}}\n"
                        "{\"question_id\":\"q1\",\"model_id\":\"bad\","
                        "\"choices\":[{\"turns\":[{\"token_len\":70}]}]}\n"));
    WinrateOptions o = {"base", apath, 200, 1, 2, 0, NULL, NULL, NULL, NULL};
    Leaderboard *lb = leaderboard_new("hard", LB_KIND_WINRATE);
    WinrateSummary sum;
    LbError err = {0};
    assert_int_equal(winrate_rate(jpath, &o, lb, &sum, &err), 0);
    assert_int_equal(sum.judgments, 6);
    assert_int_equal(sum.questions, 4);
    assert_int_equal(sum.skipped_games, 1);
    assert_int_equal(lb->n_models, 3);
    for (size_t m = 0; m < lb->n_models; m++) {
        LbModel *x = &lb->models[m];
        if (strcmp(x->model, "base") == 0) {
            assert_true(x->rating == 50.0);
            assert_true(x->ci_lower == 50.0 && x->ci_upper == 50.0);
        } else if (strcmp(x->model, "good") == 0) {
            /* W = 5 wins + 2 ties / 2 = 6 against 2 + 1 = 3. */
            assert_true(fabs(x->rating - 66.67) < 1e-9);
            assert_true(x->ci_lower <= x->rating && x->rating <= x->ci_upper);
            assert_true(x->avg_tokens == 400.0);
            assert_int_equal(x->votes, 4);
        } else {
            /* One win against five losses. */
            assert_true(fabs(x->rating - 16.67) < 1e-9);
            assert_true(x->avg_tokens == 70.0);
        }
    }
    assert_string_equal(lb->source.baseline, "base");
    assert_string_equal(lb->source.method, "winrate");
    leaderboard_free(lb);

    /* A bad line is located. */
    const char *bad = write_temp("{\"uid\":\"q1\",\"model\":\"x\",\"games\":[]}\n");
    lb = leaderboard_new("hard", LB_KIND_WINRATE);
    assert_int_equal(winrate_rate(bad, &o, lb, &sum, &err), -1);
    assert_non_null(strstr(err.message, ":1:1: error: judgment 1: games must "
                                        "be an array of one or two "
                                        "verdicts"));
    leaderboard_free(lb);
    unlink(bad);
    unlink(jpath);
    unlink(apath);
}

/* ---- style-controlled win rates, computed independently ---------------- */

/* The test's own reading of the Arena-Hard v0.1 fixture and its own fit,
 * following Arena-Hard-Auto v0.1's show_result.py --style-control step by
 * step: battles with the baseline as model_a (strong verdicts written
 * three times), every battle written twice (a tie as one win and one
 * loss), X = ±ln 10 for the two models and the standardised features
 * (x_a - x_b) / (x_a + x_b + 1), scikit-learn's LogisticRegression
 * objective ½|w|² + Σ log-loss (fitted here by a dense Newton's method),
 * Elo 400 w + 1000 with the baseline at 1114, win rate against it. */
#define AH "tests/fixtures/rate/arena-hard/"
#define AH_BASE "gpt-4-0314"
#define AH_MODELS 6
#define AH_P (AH_MODELS + 4)

static const char *const ah_models[AH_MODELS] = {
    AH_BASE, "claude-x", "gpt-y", "llama-z", "qwen-w", "tiny-v"};

static int ah_index(const char *name)
{
    for (int i = 0; i < AH_MODELS; i++)
        if (strcmp(ah_models[i], name) == 0)
            return i;
    fail_msg("unknown model %s", name);
    return -1;
}

static double count_of(const cJSON *v)
{
    if (cJSON_IsNumber(v))
        return v->valuedouble;
    double sum = 0;
    const cJSON *item;
    cJSON_ArrayForEach(item, v)
        sum += item->valuedouble;
    return sum;
}

typedef struct {
    int a, b;         /* model indices: a = baseline */
    double y[2];      /* the two rows' outcomes for a */
    double raw[4];    /* (x_a - x_b) / (x_a + x_b + 1) */
} AhBattle;

static void style_win_rates_match_v01(void **state)
{
    (void)state;
    /* meta[model][question][feature] */
    static double meta[AH_MODELS][40][4];
    for (int m = 0; m < AH_MODELS; m++) {
        char path[256];
        snprintf(path, sizeof path, AH "answers/%s.jsonl", ah_models[m]);
        FILE *f = fopen(path, "r");
        assert_non_null(f);
        char line[4096];
        while (fgets(line, sizeof line, f)) {
            cJSON *rec = cJSON_Parse(line);
            int q = atoi(cJSON_GetObjectItem(rec, "question_id")->valuestring + 1);
            const cJSON *cm = cJSON_GetObjectItem(rec, "conv_metadata");
            const char *keys[4] = {"token_len", "header_count", "list_count",
                                   "bold_count"};
            for (int k = 0; k < 4; k++)
                meta[m][q][k] = count_of(cJSON_GetObjectItem(cm, keys[k]));
            cJSON_Delete(rec);
        }
        fclose(f);
    }
    AhBattle *battles = calloc(2000, sizeof *battles);
    size_t n = 0;
    FILE *f = fopen(AH "judgments.jsonl", "r");
    assert_non_null(f);
    char line[4096];
    while (fgets(line, sizeof line, f)) {
        cJSON *rec = cJSON_Parse(line);
        int model = ah_index(cJSON_GetObjectItem(rec, "model")->valuestring);
        int q = atoi(cJSON_GetObjectItem(rec, "question_id")->valuestring + 1);
        const cJSON *games = cJSON_GetObjectItem(rec, "games");
        for (int g = 0; g < 2; g++) {
            const cJSON *game = cJSON_GetArrayItem(games, g);
            const cJSON *sc = cJSON_IsObject(game)
                                  ? cJSON_GetObjectItem(game, "score")
                                  : NULL;
            if (!cJSON_IsString(sc))
                continue;
            const char *l = sc->valuestring;
            /* winner: 1 model_a (the baseline), 0 model_b, 2 tie. */
            int winner, weight = 1;
            if (strcmp(l, "A=B") == 0)
                winner = 2;
            else if (strcmp(l, "A>B") == 0 || strcmp(l, "A>>B") == 0)
                winner = g == 0 ? 1 : 0;
            else
                winner = g == 0 ? 0 : 1;
            if (strstr(l, ">>"))
                weight = 3;
            for (int w = 0; w < weight; w++) {
                AhBattle *bt = &battles[n++];
                bt->a = 0;
                bt->b = model;
                bt->y[0] = winner == 0 ? 0 : 1;
                bt->y[1] = winner == 1 ? 1 : 0;
                for (int k = 0; k < 4; k++) {
                    double xa = meta[0][q][k], xb = meta[model][q][k];
                    bt->raw[k] = (xa - xb) / (xa + xb + 1);
                }
            }
        }
        cJSON_Delete(rec);
    }
    fclose(f);
    double mean[4] = {0}, sd[4] = {0};
    for (size_t k = 0; k < n; k++)
        for (int j = 0; j < 4; j++)
            mean[j] += battles[k].raw[j] / (double)n;
    for (size_t k = 0; k < n; k++)
        for (int j = 0; j < 4; j++)
            sd[j] += pow(battles[k].raw[j] - mean[j], 2) / (double)n;
    double w[AH_P] = {0};
    for (int it = 0; it < 50; it++) {
        double g[AH_P], h[AH_P * AH_P], inv[AH_P * AH_P];
        for (int i = 0; i < AH_P; i++) {
            g[i] = w[i];
            for (int j = 0; j < AH_P; j++)
                h[i * AH_P + j] = i == j;
        }
        for (size_t k = 0; k < n; k++) {
            double x[AH_P] = {0};
            x[battles[k].a] = LN10;
            x[battles[k].b] = -LN10;
            for (int j = 0; j < 4; j++)
                x[AH_MODELS + j] = (battles[k].raw[j] - mean[j]) / sqrt(sd[j]);
            double z = 0;
            for (int i = 0; i < AH_P; i++)
                z += x[i] * w[i];
            double p = 1 / (1 + exp(-z));
            for (int row = 0; row < 2; row++)
                for (int i = 0; i < AH_P; i++) {
                    g[i] += (p - battles[k].y[row]) * x[i];
                    for (int j = 0; j < AH_P; j++)
                        h[i * AH_P + j] += p * (1 - p) * x[i] * x[j];
                }
        }
        /* Gauss-Jordan on the (positive definite) Hessian. */
        for (int i = 0; i < AH_P; i++)
            for (int j = 0; j < AH_P; j++)
                inv[i * AH_P + j] = i == j;
        for (int c = 0; c < AH_P; c++) {
            double d = h[c * AH_P + c];
            for (int j = 0; j < AH_P; j++) {
                h[c * AH_P + j] /= d;
                inv[c * AH_P + j] /= d;
            }
            for (int r = 0; r < AH_P; r++) {
                if (r == c)
                    continue;
                double k = h[r * AH_P + c];
                for (int j = 0; j < AH_P; j++) {
                    h[r * AH_P + j] -= k * h[c * AH_P + j];
                    inv[r * AH_P + j] -= k * inv[c * AH_P + j];
                }
            }
        }
        for (int i = 0; i < AH_P; i++)
            for (int j = 0; j < AH_P; j++)
                w[i] -= inv[i * AH_P + j] * g[j];
    }
    free(battles);

    WinrateOptions o = {AH_BASE, AH "answers", 0, 1, 2, 1,
                        NULL,    NULL,         NULL, NULL};
    Leaderboard *lb = leaderboard_new("hard-style", LB_KIND_WINRATE);
    WinrateSummary sum;
    LbError err = {0};
    assert_int_equal(winrate_rate(AH "judgments.jsonl", &o, lb, &sum, &err),
                     0);
    assert_string_equal(lb->source.method, "winrate+style");
    for (size_t i = 0; i < lb->n_models; i++) {
        int m = ah_index(lb->models[i].model);
        double elo_m = 400 * w[m] + 1000, elo_b = 400 * w[0] + 1000;
        double rate = 100 / (1 + pow(10, (elo_b - elo_m) / 400));
        assert_true(fabs(lb->models[i].rating - round(rate * 100) / 100) <
                    1e-9);
    }
    for (int j = 0; j < 4; j++)
        assert_true(fabs(lb->source.style_coefficients[j].value -
                         w[AH_MODELS + j]) < 1e-6);
    leaderboard_free(lb);
}

static void online_elo_basics(void **state)
{
    (void)state;
    Battles bt;
    battles_init(&bt);
    battlegen_models(&bt, 3);
    battles_push(&bt, 0, 1, OUTCOME_A, 20, NULL); /* later */
    battles_push(&bt, 1, 2, OUTCOME_TIE, 10, NULL);
    double elo[3];
    elo_online(&bt, ELO_K, elo);
    /* The tie comes first (equal ratings: no change), then 0 beats 1 at
     * even odds: +-K/2. */
    assert_true(fabs(elo[0] - 1002) < 1e-12);
    assert_true(fabs(elo[1] - 998) < 1e-12);
    assert_true(fabs(elo[2] - 1000) < 1e-12);
    EloBootstrap b1 = {0}, b2 = {0};
    elo_bootstrap(&bt, ELO_K, 16, 3, 1, NULL, NULL, &b1);
    elo_bootstrap(&bt, ELO_K, 16, 3, 2, NULL, NULL, &b2);
    assert_memory_equal(b1.elo, b2.elo, 16 * 3 * sizeof(double));
    for (int r = 0; r < 16; r++) { /* Elo conserves the total */
        double s = b1.elo[r * 3] + b1.elo[r * 3 + 1] + b1.elo[r * 3 + 2];
        assert_true(fabs(s - 3000) < 1e-9);
    }
    elo_bootstrap_free(&b1);
    elo_bootstrap_free(&b2);
    battles_free(&bt);
}

/* Whatever `lbgen rate` writes must load back through the data model's
 * validation (intervals contain ratings, ranks are positive, ...). Runs the
 * binary under test ($LBGEN, set by tests/run.sh). */
static void outputs_validate_against_the_data_model(void **state)
{
    (void)state;
    const char *lbgen = getenv("LBGEN");
    if (!lbgen)
        lbgen = "build/asan/lbgen";
    char out[64];
    snprintf(out, sizeof out, "/tmp/lbgen-rate-out-XXXXXX");
    int fd = mkstemp(out);
    assert_true(fd >= 0);
    close(fd);
    const char *runs[] = {
        "tests/fixtures/rate/battles.jsonl --bootstrap 40 --style-control",
        "tests/fixtures/rate/battles.jsonl --method elo --bootstrap 20",
        "tests/fixtures/rate/judgments.jsonl --method winrate --baseline base",
    };
    for (int i = 0; i < 3; i++) {
        char command[512];
        snprintf(command, sizeof command, "'%s' rate %s --quiet --out '%s'",
                 lbgen, runs[i], out);
        assert_int_equal(system(command), 0);
        LbError err = {0};
        Leaderboard *lb = leaderboard_load(out, &err);
        if (!lb)
            fail_msg("%s", err.message);
        assert_true(lb->n_models >= 3);
        assert_int_equal(lb->models[0].rank, 1);
        leaderboard_free(lb);
    }
    unlink(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(style_control_recovers_length_bias),
        cmocka_unit_test(win_rate_against_baseline),
        cmocka_unit_test(style_win_rates_match_v01),
        cmocka_unit_test(online_elo_basics),
        cmocka_unit_test(outputs_validate_against_the_data_model),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
