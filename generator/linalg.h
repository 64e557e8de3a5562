/* linalg — the little dense linear algebra the rating fits need: dot
 * products (everywhere), and the Cholesky factor of small dense systems
 * (style control's 4 × 4 Schur complement; the models' systems are sparse,
 * see graphsolve.h).
 *
 * Matrices are row-major n×n arrays of doubles owned by the caller. */
#ifndef LBGEN_LINALG_H
#define LBGEN_LINALG_H

#include <stddef.h>

/* In-place Cholesky factorisation A = L Lᵀ of a symmetric positive
 * definite matrix; L is left in the lower triangle. -1 when A is not
 * (numerically) positive definite. */
int cholesky_factor(double *a, size_t n);

/* Solves L Lᵀ x = b in place (b becomes x) with a factor from above. */
void cholesky_solve(const double *l, size_t n, double *b);

/* Four accumulators: lets the compiler vectorise without -ffast-math.
 * Inline: most dot products of the envelope factor are short (a row's
 * width), where a call would cost as much as the arithmetic. */
static inline double dot(const double *x, const double *y, size_t n)
{
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        s0 += x[i] * y[i];
        s1 += x[i + 1] * y[i + 1];
        s2 += x[i + 2] * y[i + 2];
        s3 += x[i + 3] * y[i + 3];
    }
    for (; i < n; i++)
        s0 += x[i] * y[i];
    return (s0 + s1) + (s2 + s3);
}

#endif
