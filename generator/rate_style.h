/* rate_style — Bradley–Terry with style covariates ("style control").
 *
 * Follows the public arena's style-control method: per battle, four
 * features (x_a - x_b) / (x_a + x_b + 1) for x = answer tokens, markdown
 * headers, list items and bold spans (computed by the battle reader),
 * standardised over the battles (mean 0, population std 1; a constant
 * feature stays 0); a logistic model
 *     P(a beats b) = σ(ln10 · (c_a - c_b) + x · β)
 * with ties as half a win, fitted by Newton's method on the summed
 * negative log-likelihood plus the ridge 0.25 (Σ c² + Σ β²) (the arena's
 * reg = 0.5, and Arena-Hard-Auto v0.1's style control: scikit-learn's
 * default L2 penalty C = 1 on every battle written twice). Battle weights,
 * when the battles have them, multiply each battle's term. Ratings are
 * 1000 + 400 c, anchored like plain BT.
 *
 * Newton's method solves its systems by block elimination: the models'
 * block is a graph Laplacian plus the ridge (graphsolve.h), the four
 * coefficients a 4 × 4 Schur complement, so the cost grows with the pairs
 * that met, not with the cube of the models.
 *
 * Intervals: the bootstrap resamples battles with replacement (a
 * multinomial count per battle), refits from the point estimate and
 * anchors every round; or the sandwich estimator as lmarena/arena-rank's
 * contextual Bradley–Terry computes it: H = the Hessian of the summed
 * negative log-likelihood plus 1e-5 × battles on the diagonal, G = the
 * covariance of the per-battle gradients of the penalised objective
 * (Σ scores' outer products - ridge²/N θθᵀ), half-width 1.959964 ×
 * sqrt((H⁻¹GH⁻¹)_mm) × 400 around the rating.
 *
 * Ownership: StyleResult owns its arrays (style_result_free). */
#ifndef LBGEN_RATE_STYLE_H
#define LBGEN_RATE_STYLE_H

#include <stddef.h>
#include <stdint.h>

#include "battles.h"
#include "diag.h"

#define STYLE_RIDGE 0.5

extern const char *const style_feature_names[STYLE_FEATURES];

typedef struct {
    int rounds;
    uint64_t seed;
    int threads;
    long anchor;
    double anchor_rating;
    void (*progress)(void *ctx, int done, int total);
    void *progress_ctx;
    int sandwich;   /* also compute sandwich half-widths */
} StyleOptions;

typedef struct {
    size_t n_models;
    int rounds;
    double *elo;                  /* n_models, anchored */
    double coef[STYLE_FEATURES];  /* β of the point fit */
    double *boot_elo;             /* rounds × n_models */
    double *boot_coef;            /* rounds × STYLE_FEATURES */
    int converged;                /* point fit */
    double grad_norm;
    int unconverged_rounds;
    double *half_width;           /* sandwich: per model, Elo scale */
} StyleResult;

/* `bt` must hold style features (read with want_style). */
int style_control_fit(const Battles *bt, const StyleOptions *opt,
                      StyleResult *out, LbError *err);
void style_result_free(StyleResult *r);

#endif
