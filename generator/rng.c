#include "rng.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

void rng_seed(Rng *r, uint64_t seed, uint64_t round)
{
    uint64_t x = seed;
    uint64_t mixed = splitmix64(&x) ^ (round * 0xD1B54A32D192ED03ull);
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64(&mixed);
}

static inline uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

uint64_t rng_next(Rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

double rng_uniform(Rng *r)
{
    return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

uint64_t rng_below(Rng *r, uint64_t n)
{
    unsigned __int128 m = (unsigned __int128)rng_next(r) * n;
    uint64_t low = (uint64_t)m;
    if (low < n) {
        uint64_t threshold = -n % n;
        while (low < threshold) {
            m = (unsigned __int128)rng_next(r) * n;
            low = (uint64_t)m;
        }
    }
    return (uint64_t)(m >> 64);
}

/* ---- Poisson ----------------------------------------------------------- */

/* 1/k for the upward walk; filled by poisson_cell_init (single-threaded,
 * before any draw), read-only afterwards. */
#define RECIPROCALS 4096
static double reciprocal[RECIPROCALS];

static inline double inverse(uint32_t k)
{
    return k < RECIPROCALS ? reciprocal[k] : 1.0 / k;
}

void poisson_cell_init(PoissonCell *c, double lambda)
{
    if (reciprocal[1] == 0)
        for (uint32_t k = 1; k < RECIPROCALS; k++)
            reciprocal[k] = 1.0 / k;
    c->lambda = lambda;
    c->inv_lambda = lambda > 0 ? 1.0 / lambda : 0;
    c->mode = (uint32_t)floor(lambda);
    if (lambda <= 0) {
        c->p_mode = c->f_mode = 1.0;
        c->mode = 0;
        return;
    }
    double m = c->mode;
    c->p_mode = exp(m * log(lambda) - lambda - lgamma(m + 1));
    /* cdf at the mode: sum the pmf downwards until the terms vanish. */
    double p = c->p_mode, f = 0;
    for (uint32_t k = c->mode;; k--) {
        f += p;
        if (k == 0 || p < 1e-20 * f)
            break;
        p *= k / lambda;
    }
    c->f_mode = f;
}

uint32_t poisson_cell_draw(const PoissonCell *c, Rng *r)
{
    if (c->lambda <= 0)
        return 0;
    double u = rng_uniform(r);
    uint32_t k = c->mode;
    double p = c->p_mode, f = c->f_mode;
    if (u <= f) {
        /* Smallest k with cdf(k) >= u: walk down while cdf(k-1) >= u. */
        while (k > 0) {
            double below = f - p;
            if (u > below)
                break;
            f = below;
            p *= k * c->inv_lambda;
            k--;
        }
        return k;
    }
    while (u > f) {
        k++;
        p *= c->lambda * inverse(k);
        f += p;
        if (p < 1e-300)
            break; /* the cdf rounded short of u: far tail reached */
    }
    return k;
}

/* ---- alias table ------------------------------------------------------- */

void alias_init(AliasTable *t, const double *weights, size_t n)
{
    t->n = n;
    t->prob = xmalloc((n ? n : 1) * sizeof *t->prob);
    t->alias = xmalloc((n ? n : 1) * sizeof *t->alias);
    double sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += weights[i];
    uint32_t *small = xmalloc((n ? n : 1) * sizeof *small);
    uint32_t *large = xmalloc((n ? n : 1) * sizeof *large);
    size_t ns = 0, nl = 0;
    for (size_t i = 0; i < n; i++) {
        t->prob[i] = weights[i] * (double)n / sum;
        t->alias[i] = (uint32_t)i;
        if (t->prob[i] < 1.0)
            small[ns++] = (uint32_t)i;
        else
            large[nl++] = (uint32_t)i;
    }
    while (ns && nl) {
        uint32_t s = small[--ns], l = large[nl - 1];
        t->alias[s] = l;
        t->prob[l] -= 1.0 - t->prob[s];
        if (t->prob[l] < 1.0) {
            nl--;
            small[ns++] = l;
        }
    }
    while (nl)
        t->prob[large[--nl]] = 1.0;
    while (ns)
        t->prob[small[--ns]] = 1.0;
    free(small);
    free(large);
}

uint32_t alias_draw(const AliasTable *t, Rng *r)
{
    uint32_t i = (uint32_t)rng_below(r, t->n);
    return rng_uniform(r) < t->prob[i] ? i : t->alias[i];
}

void alias_free(AliasTable *t)
{
    free(t->prob);
    free(t->alias);
    memset(t, 0, sizeof *t);
}

/* ---- multinomial ------------------------------------------------------- */

/* cdf of Poisson(lambda) from 0 until it rounds to 1, and its guide. */
static void poisson_table_init(PoissonTable *t, uint32_t lambda)
{
    t->lambda = lambda;
    size_t cap = (size_t)lambda + 64 + 16 * (size_t)sqrt((double)lambda);
    t->cdf = xmalloc(cap * sizeof *t->cdf);
    /* pmf by the recurrence from 0 (exp(-lambda) >= e^-512 stays normal). */
    double p = exp(-(double)lambda), f = 0;
    size_t k = 0;
    for (;; k++) {
        f += p;
        if (k + 1 == cap || f >= 1.0 || (k > lambda && p < 1e-18 * f)) {
            t->cdf[k] = 1.0; /* the remaining tail is below rounding */
            break;
        }
        t->cdf[k] = f;
        p *= (double)lambda / (double)(k + 1);
    }
    t->n_cdf = k + 1;
    t->n_guide = 16;
    while (t->n_guide < 2 * t->n_cdf && t->n_guide < 4096)
        t->n_guide *= 2;
    t->guide = xmalloc(t->n_guide * sizeof *t->guide);
    size_t at = 0;
    for (size_t j = 0; j < t->n_guide; j++) {
        double edge = (double)j / (double)t->n_guide;
        while (t->cdf[at] <= edge)
            at++;
        t->guide[j] = (uint32_t)at;
    }
}

void multinomial_plan_init(MultinomialPlan *m, const double *counts, size_t n)
{
    memset(m, 0, sizeof *m);
    m->n = n;
    m->cells = xmalloc((n ? n : 1) * sizeof *m->cells);
    size_t per_lambda[POISSON_TABLE_MAX + 1] = {0};
    for (size_t k = 0; k < n; k++) {
        poisson_cell_init(&m->cells[k], counts[k]);
        m->total += (uint64_t)counts[k];
        double c = counts[k];
        if (c > 0 && c <= POISSON_TABLE_MAX && c == floor(c))
            per_lambda[(size_t)c]++;
        else if (c > 0)
            m->n_walk++;
    }
    int slot[POISSON_TABLE_MAX + 1];
    for (size_t l = 1; l <= POISSON_TABLE_MAX; l++)
        slot[l] = per_lambda[l] ? (int)m->n_tables++ : -1;
    m->tables = xcalloc(m->n_tables + 1, sizeof *m->tables);
    m->walk_cells = xmalloc((m->n_walk + 1) * sizeof *m->walk_cells);
    for (size_t l = 1; l <= POISSON_TABLE_MAX; l++) {
        if (slot[l] < 0)
            continue;
        PoissonTable *t = &m->tables[slot[l]];
        poisson_table_init(t, (uint32_t)l);
        t->cells = xmalloc(per_lambda[l] * sizeof *t->cells);
    }
    size_t walk = 0;
    for (size_t k = 0; k < n; k++) {
        double c = counts[k];
        if (c > 0 && c <= POISSON_TABLE_MAX && c == floor(c)) {
            PoissonTable *t = &m->tables[slot[(size_t)c]];
            t->cells[t->n_cells++] = (uint32_t)k;
        } else if (c > 0) {
            m->walk_cells[walk++] = (uint32_t)k;
        }
    }
    if (m->total > 0)
        alias_init(&m->alias, counts, n);
}

void multinomial_plan_free(MultinomialPlan *m)
{
    for (size_t i = 0; i < m->n_tables; i++) {
        free(m->tables[i].cells);
        free(m->tables[i].cdf);
        free(m->tables[i].guide);
    }
    free(m->tables);
    free(m->walk_cells);
    free(m->cells);
    alias_free(&m->alias);
}

/* Fenwick tree over the drawn counts, to remove uniformly chosen items. */
static void fenwick_build(uint64_t *tree, const uint32_t *counts, size_t n)
{
    tree[0] = 0;
    for (size_t i = 1; i <= n; i++)
        tree[i] = counts[i - 1];
    for (size_t i = 1; i <= n; i++) {
        size_t parent = i + (i & (~i + 1));
        if (parent <= n)
            tree[parent] += tree[i];
    }
}

/* Index of the cell holding item number `target` (0-based). */
static size_t fenwick_find(uint64_t *tree, size_t n, uint64_t target)
{
    size_t pos = 0, step = 1;
    while (step * 2 <= n)
        step *= 2;
    for (; step; step /= 2) {
        if (pos + step <= n && tree[pos + step] <= target) {
            pos += step;
            target -= tree[pos];
        }
    }
    return pos; /* cell index (0-based) = pos */
}

static void fenwick_decrement(uint64_t *tree, size_t n, size_t cell)
{
    for (size_t i = cell + 1; i <= n; i += i & (~i + 1))
        tree[i]--;
}

void multinomial_draw(const MultinomialPlan *m, Rng *r, uint32_t *out,
                      uint64_t *fenwick)
{
    uint64_t drawn = 0;
    memset(out, 0, m->n * sizeof *out);
    for (size_t i = 0; i < m->n_tables; i++) {
        const PoissonTable *t = &m->tables[i];
        const double scale = (double)t->n_guide;
        for (size_t c = 0; c < t->n_cells; c++) {
            double u = rng_uniform(r);
            uint32_t k = t->guide[(size_t)(u * scale)];
            while (t->cdf[k] <= u)
                k++;
            out[t->cells[c]] = k;
            drawn += k;
        }
    }
    for (size_t i = 0; i < m->n_walk; i++) {
        uint32_t cell = m->walk_cells[i];
        out[cell] = poisson_cell_draw(&m->cells[cell], r);
        drawn += out[cell];
    }
    while (drawn < m->total) {
        out[alias_draw(&m->alias, r)]++;
        drawn++;
    }
    if (drawn > m->total) {
        fenwick_build(fenwick, out, m->n);
        while (drawn > m->total) {
            size_t cell = fenwick_find(fenwick, m->n, rng_below(r, drawn));
            out[cell]--;
            fenwick_decrement(fenwick, m->n, cell);
            drawn--;
        }
    }
}
