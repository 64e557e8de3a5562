/* rate_winrate — win rate against a baseline from LLM-judge verdicts
 * (Arena-Hard style).
 *
 * Input: judgment JSON Lines, one record per (question, model): `uid` (or
 * `question_id`), `model`, optionally `baseline` (else the --baseline
 * model), and `games`: one or two verdicts {"score": "A>>B" | "A>B" |
 * "A=B" | "A<B" | "A<<B" | "B>A" | ...}. Game 1 shows the baseline as A and
 * the model as B, game 2 the reverse (arena-hard-auto's convention). A
 * strong verdicts (">>", "<<") counts as 3 battles, a plain one as 1, a tie
 * as a tie; a game without a usable verdict (null, missing, unknown label)
 * is skipped and counted. Model names must be printable (no control
 * characters). The baseline must be one the judgments use (records that
 * name theirs must name it), and every model must be judged against it.
 *
 * Answers — records without `games`, with `model` (or `model_id`), `uid`
 * (or `question_id`) and counts — may follow the judgments in the same
 * file, or come from --answers (a file, or a directory of *.jsonl). Both
 * layouts are read: v2.0's `metadata` {token_len, header_count,
 * list_count, bold_count} and v0.1's `conv_metadata` {...} (a count may be
 * an object of counts, summed), and v0.1's `choices[0].turns[].token_len`.
 * They give each model's average answer length in tokens (avg_tokens; a
 * model whose answers have no token count gets a warning naming it) and
 * the style covariates. Counts must be numbers from 0 to 1e12.
 *
 * Score: Bradley–Terry on those battles (ties half a win), reported as the
 * probability in % of beating the baseline, 100 / (1 + 10^((R_base -
 * R_model) / 400)); the baseline is 50 by construction. The bootstrap
 * resamples questions with replacement (all of a question's games move
 * together), refits and reports 2.5% / 97.5% quantiles of the score.
 *
 * Style control (as Arena-Hard-Auto v0.1's show_result.py --style-control):
 * each battle gets the features (x_model - x_baseline) / (x_model +
 * x_baseline + 1) for x = tokens, headers, lists, bold of the two answers
 * to that question, standardised; the logistic model with the ridge of
 * rate_style.h (scikit-learn's default C = 1 on battles written twice)
 * gives ratings with the style removed, and the score is their win
 * probability against the baseline. Intervals: the bootstrap resamples
 * battles (as v0.1 does) and maps the 2.5% / 97.5% Elo quantiles to win
 * rates. */
#ifndef LBGEN_RATE_WINRATE_H
#define LBGEN_RATE_WINRATE_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "leaderboard.h"

typedef struct {
    const char *baseline;
    const char *answers; /* NULL: none */
    int rounds;
    uint64_t seed;
    int threads;
    int style_control;
    void (*progress)(void *ctx, int done, int total);
    void *progress_ctx;
    /* Non-fatal findings (ends with '\n'); NULL: dropped. */
    void (*warn)(void *ctx, const char *message);
    void *warn_ctx;
} WinrateOptions;

typedef struct {
    long long judgments, questions, skipped_games, answers;
} WinrateSummary;

/* Appends one model per judged model (and the baseline) to `lb`, from
 * the file at `path` ("-" = standard input) or from `len` bytes of JSON
 * Lines named `name` in messages. The judgments are small (questions ×
 * models), so both hold the whole text at once. */
int winrate_rate(const char *path, const WinrateOptions *opt, Leaderboard *lb,
                 WinrateSummary *summary, LbError *err);
int winrate_rate_memory(const char *text, size_t len, const char *name,
                        const WinrateOptions *opt, Leaderboard *lb,
                        WinrateSummary *summary, LbError *err);

#endif
