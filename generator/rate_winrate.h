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
 * is skipped and counted.
 *
 * Score: Bradley–Terry on those battles (ties half a win), reported as the
 * probability in % of beating the baseline, 100 / (1 + 10^((R_base -
 * R_model) / 400)); the baseline is 50 by construction. The bootstrap
 * resamples questions with replacement (all of a question's games move
 * together), refits and reports 2.5% / 97.5% quantiles of the score.
 *
 * Optional answers (--answers FILE.jsonl or a directory of *.jsonl):
 * records with `model` (or `model_id`) and `metadata.token_len` (or
 * `choices[0].turns[].token_len`) give each model's average answer length
 * in tokens (avg_tokens). */
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
    void (*progress)(void *ctx, int done, int total);
    void *progress_ctx;
} WinrateOptions;

typedef struct {
    long long judgments, questions, skipped_games;
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
