#include "linalg.h"

#include <math.h>

int cholesky_factor(double *a, size_t n)
{
    for (size_t j = 0; j < n; j++) {
        double *row_j = a + j * n;
        double d = row_j[j] - dot(row_j, row_j, j);
        if (!(d > 0))
            return -1;
        d = sqrt(d);
        row_j[j] = d;
        /* Column j below the diagonal, one row at a time: each is a dot
         * product of two contiguous row prefixes. */
        for (size_t i = j + 1; i < n; i++) {
            double *row_i = a + i * n;
            row_i[j] = (row_i[j] - dot(row_i, row_j, j)) / d;
        }
    }
    return 0;
}

void cholesky_solve(const double *l, size_t n, double *b)
{
    for (size_t i = 0; i < n; i++) { /* L y = b */
        const double *row = l + i * n;
        b[i] = (b[i] - dot(row, b, i)) / row[i];
    }
    for (size_t i = n; i-- > 0;) { /* Lᵀ x = y */
        double v = b[i] / l[i * n + i];
        b[i] = v;
        for (size_t k = 0; k < i; k++)
            b[k] -= l[i * n + k] * v;
    }
}
