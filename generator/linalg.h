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

double dot(const double *x, const double *y, size_t n);

#endif
