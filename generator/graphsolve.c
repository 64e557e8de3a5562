#include "graphsolve.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "linalg.h"
#include "mem.h"

/* ---- ordering ---------------------------------------------------------- */

/* Undirected adjacency in compressed rows, each list sorted by (degree,
 * node) as reverse Cuthill-McKee visits neighbours. */
typedef struct {
    size_t n;
    size_t *off;
    uint32_t *adj;
    uint32_t *deg;
} Adjacency;

static int compare_by_degree(const void *a, const void *b, void *deg)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    const uint32_t *d = deg;
    if (d[x] != d[y])
        return d[x] < d[y] ? -1 : 1;
    return x < y ? -1 : x > y;
}

static void adjacency_init(Adjacency *a, size_t n, size_t m,
                           const uint32_t *ei, const uint32_t *ej)
{
    a->n = n;
    a->off = xcalloc(n + 1, sizeof *a->off);
    a->deg = xcalloc(n + 1, sizeof *a->deg);
    for (size_t k = 0; k < m; k++) {
        a->deg[ei[k]]++;
        a->deg[ej[k]]++;
    }
    for (size_t v = 0; v < n; v++)
        a->off[v + 1] = a->off[v] + a->deg[v];
    a->adj = xmalloc((a->off[n] + 1) * sizeof *a->adj);
    size_t *fill = xmalloc((n + 1) * sizeof *fill);
    memcpy(fill, a->off, (n + 1) * sizeof *fill);
    for (size_t k = 0; k < m; k++) {
        a->adj[fill[ei[k]]++] = ej[k];
        a->adj[fill[ej[k]]++] = ei[k];
    }
    free(fill);
    for (size_t v = 0; v < n; v++)
        qsort_r(a->adj + a->off[v], a->deg[v], sizeof *a->adj,
                compare_by_degree, a->deg);
}

static void adjacency_free(Adjacency *a)
{
    free(a->off);
    free(a->adj);
    free(a->deg);
}

/* Breadth-first search from `root` over unmarked, non-hub nodes; appends
 * the visit order to out[] (returns the count) and marks the nodes with
 * `stamp`. *last_level_min receives a node of the last level with the
 * smallest degree. */
static size_t bfs(const Adjacency *a, uint32_t root, const unsigned char *hub,
                  uint32_t *mark, uint32_t stamp, uint32_t *out,
                  uint32_t *level, uint32_t *last_level_min)
{
    size_t head = 0, tail = 0;
    out[tail++] = root;
    mark[root] = stamp;
    level[root] = 0;
    uint32_t best = root, depth = 0;
    while (head < tail) {
        uint32_t v = out[head++];
        if (level[v] > depth ||
            (level[v] == depth && a->deg[v] < a->deg[best])) {
            depth = level[v];
            best = v;
        }
        for (size_t k = a->off[v]; k < a->off[v + 1]; k++) {
            uint32_t u = a->adj[k];
            if (mark[u] == stamp || hub[u])
                continue;
            mark[u] = stamp;
            level[u] = level[v] + 1;
            out[tail++] = u;
        }
    }
    *last_level_min = best;
    return tail;
}

/* Reverse Cuthill-McKee over the non-hub nodes, then the hubs by
 * increasing degree. */
static void rcm(const Adjacency *a, const unsigned char *hub,
                const uint32_t *by_degree, uint32_t *perm)
{
    size_t n = a->n;
    uint32_t *mark = xcalloc(n + 1, sizeof *mark);
    uint32_t *level = xmalloc((n + 1) * sizeof *level);
    uint32_t *scratch = xmalloc((n + 1) * sizeof *scratch);
    uint32_t stamp = 1;
    size_t pos = 0;
    const uint32_t done = UINT32_MAX; /* placed in perm */
    for (size_t s = 0; s < n; s++) {
        uint32_t root = by_degree[s];
        if (hub[root] || mark[root] == done)
            continue;
        /* A pseudo-peripheral start: two sweeps to the far end. */
        for (int sweep = 0; sweep < 2; sweep++) {
            uint32_t far;
            bfs(a, root, hub, mark, ++stamp, scratch, level, &far);
            root = far;
        }
        uint32_t far;
        size_t got = bfs(a, root, hub, mark, done, perm + pos, level, &far);
        pos += got;
    }
    for (size_t i = 0, j = pos; i + 1 < j; i++, j--) {
        uint32_t t = perm[i];
        perm[i] = perm[j - 1];
        perm[j - 1] = t;
    }
    for (size_t s = 0; s < n; s++) /* hubs: by increasing degree */
        if (hub[by_degree[s]])
            perm[pos++] = by_degree[s];
    free(mark);
    free(level);
    free(scratch);
}

/* Envelope of an ordering: first column of each row, the entries and the
 * factorisation's cost. */
static void envelope(const Adjacency *a, const uint32_t *perm,
                     uint32_t *row_of, uint32_t *first, size_t *env,
                     double *flops)
{
    size_t n = a->n;
    for (size_t r = 0; r < n; r++)
        row_of[perm[r]] = (uint32_t)r;
    size_t total = 0;
    double cost = 0;
    for (size_t r = 0; r < n; r++) {
        uint32_t v = perm[r], f = (uint32_t)r;
        for (size_t k = a->off[v]; k < a->off[v + 1]; k++)
            if (row_of[a->adj[k]] < f)
                f = row_of[a->adj[k]];
        first[r] = f;
        size_t width = r - f;
        total += width + 1;
        cost += 0.5 * (double)width * (double)width + (double)width;
    }
    *env = total;
    *flops = cost;
}

static int compare_degree_desc(const void *a, const void *b, void *deg)
{
    return compare_by_degree(b, a, deg);
}

void graph_pattern_init(GraphPattern *g, size_t n, size_t n_edges,
                        const uint32_t *ei, const uint32_t *ej)
{
    memset(g, 0, sizeof *g);
    g->n = n;
    g->n_edges = n_edges;
    g->ei = ei;
    g->ej = ej;
    size_t alloc = n ? n : 1;
    g->perm = xmalloc(alloc * sizeof *g->perm);
    g->row_of = xmalloc(alloc * sizeof *g->row_of);
    g->first = xmalloc(alloc * sizeof *g->first);
    g->start = xmalloc((n + 1) * sizeof *g->start);
    g->edge_at = xmalloc((n_edges ? n_edges : 1) * sizeof *g->edge_at);
    g->start[0] = 0;
    if (n == 0) {
        g->factorable = 1;
        return;
    }
    Adjacency a;
    adjacency_init(&a, n, n_edges, ei, ej);
    uint32_t *by_degree = xmalloc(n * sizeof *by_degree);
    for (size_t v = 0; v < n; v++)
        by_degree[v] = (uint32_t)v;
    qsort_r(by_degree, n, sizeof *by_degree, compare_by_degree, a.deg);
    uint32_t *desc = xmalloc(n * sizeof *desc);
    memcpy(desc, by_degree, n * sizeof *desc);
    qsort_r(desc, n, sizeof *desc, compare_degree_desc, a.deg);
    uint32_t median = a.deg[by_degree[n / 2]];

    /* Try a few numbers of hubs; keep the smallest envelope. */
    unsigned char *hub = xcalloc(n, 1);
    uint32_t *perm = xmalloc(n * sizeof *perm);
    uint32_t *row_of = xmalloc(n * sizeof *row_of);
    uint32_t *first = xmalloc(n * sizeof *first);
    /* Hubs: models that meet far more than the typical one. */
    size_t big = 0;
    while (big < n && a.deg[desc[big]] > 4 * median + 8)
        big++;
    size_t tries[5] = {0, (n + 99) / 100, (n + 49) / 50, (n + 9) / 10, big};
    size_t best_env = (size_t)-1, prev_k = (size_t)-1;
    for (int t = 0; t < 5; t++) {
        size_t k = tries[t] < big ? tries[t] : big;
        if (k == prev_k)
            continue;
        prev_k = k;
        memset(hub, 0, n);
        for (size_t i = 0; i < k; i++)
            hub[desc[i]] = 1;
        rcm(&a, hub, by_degree, perm);
        size_t env;
        double flops;
        envelope(&a, perm, row_of, first, &env, &flops);
        if (env < best_env) {
            best_env = env;
            g->env = env;
            g->flops = flops;
            g->hubs = k;
            memcpy(g->perm, perm, n * sizeof *perm);
            memcpy(g->row_of, row_of, n * sizeof *row_of);
            memcpy(g->first, first, n * sizeof *first);
        }
    }
    for (size_t r = 0; r < n; r++)
        g->start[r + 1] = g->start[r] + (r - g->first[r] + 1);
    for (size_t k = 0; k < n_edges; k++) {
        uint32_t r1 = g->row_of[ei[k]], r2 = g->row_of[ej[k]];
        uint32_t hi = r1 > r2 ? r1 : r2, lo = r1 > r2 ? r2 : r1;
        g->edge_at[k] = g->start[hi] + (lo - g->first[hi]);
    }
    g->factorable = g->env <= GRAPH_ENV_MAX && g->flops <= GRAPH_FLOPS_MAX;
    free(hub);
    free(perm);
    free(row_of);
    free(first);
    free(by_degree);
    free(desc);
    adjacency_free(&a);
}

void graph_pattern_free(GraphPattern *g)
{
    if (!g)
        return;
    free(g->perm);
    free(g->row_of);
    free(g->first);
    free(g->start);
    free(g->edge_at);
    memset(g, 0, sizeof *g);
}

/* ---- envelope Cholesky ------------------------------------------------- */

int graph_factor(GraphFactor *f, const GraphPattern *g, const double *h,
                 const double *d)
{
    memset(f, 0, sizeof *f);
    return graph_refactor(f, g, h, d);
}

int graph_refactor(GraphFactor *f, const GraphPattern *g, const double *h,
                   const double *d)
{
    size_t n = g->n;
    if (f->l && f->g != g)
        graph_factor_free(f);
    if (!g->factorable)
        return -1;
    if (!f->l) {
        f->l = xmalloc((g->env ? g->env : 1) * sizeof *f->l);
        f->inv = xmalloc((n ? n : 1) * sizeof *f->inv);
    }
    f->g = g;
    f->grounded = d == NULL;
    double *l = f->l;
    memset(l, 0, g->env * sizeof *l);
    for (size_t r = 0; r < n; r++)
        l[g->start[r + 1] - 1] = d ? d[g->perm[r]] : 0.0;
    for (size_t k = 0; k < g->n_edges; k++) {
        uint32_t r1 = g->row_of[g->ei[k]], r2 = g->row_of[g->ej[k]];
        l[g->edge_at[k]] -= h[k];
        l[g->start[r1 + 1] - 1] += h[k];
        l[g->start[r2 + 1] - 1] += h[k];
    }
    for (size_t r = 0; r < n; r++) {
        double *row = l + g->start[r];
        size_t fr = g->first[r], width = r - fr;
        if (f->grounded && r + 1 == n && n > 0) {
            memset(row, 0, width * sizeof *row);
            row[width] = 1.0;
            f->inv[r] = 1.0;
            break;
        }
        double scale = row[width];
        for (size_t c = fr; c < r; c++) {
            const double *crow = l + g->start[c];
            size_t fc = g->first[c];
            size_t k0 = fr > fc ? fr : fc;
            double s = dot(row + (k0 - fr), crow + (k0 - fc), c - k0);
            /* times the inverse: a division here would be on the
             * critical path of every row */
            row[c - fr] = (row[c - fr] - s) * f->inv[c];
        }
        double pivot = row[width] - dot(row, row, width);
        if (!(pivot > 1e-13 * scale) || !(scale > 0)) {
            graph_factor_free(f);
            return -1;
        }
        row[width] = sqrt(pivot);
        f->inv[r] = 1.0 / row[width];
    }
    return 0;
}

void graph_factor_free(GraphFactor *f)
{
    free(f->l);
    free(f->inv);
    memset(f, 0, sizeof *f);
}

void graph_factor_solve(const GraphFactor *f, double *b, double *y)
{
    const GraphPattern *g = f->g;
    size_t n = g->n;
    const double *l = f->l;
    for (size_t r = 0; r < n; r++)
        y[r] = b[g->perm[r]];
    if (f->grounded && n)
        y[n - 1] = 0;
    for (size_t r = 0; r < n; r++) { /* L y = b */
        const double *row = l + g->start[r];
        size_t fr = g->first[r], width = r - fr;
        y[r] = (y[r] - dot(row, y + fr, width)) * f->inv[r];
    }
    for (size_t r = n; r-- > 0;) { /* Lᵀ x = y */
        const double *row = l + g->start[r];
        size_t fr = g->first[r], width = r - fr;
        double v = y[r] * f->inv[r];
        y[r] = v;
        double *yy = y + fr;
        for (size_t c = 0; c < width; c++)
            yy[c] -= row[c] * v;
    }
    for (size_t r = 0; r < n; r++)
        b[g->perm[r]] = y[r];
}

void graph_factor_solve_unit(const GraphFactor *f, size_t node, double *x,
                             double *y)
{
    const GraphPattern *g = f->g;
    size_t n = g->n, r0 = g->row_of[node];
    const double *l = f->l;
    memset(y, 0, n * sizeof *y);
    if (!(f->grounded && r0 + 1 == n)) {
        y[r0] = 1.0 / l[g->start[r0 + 1] - 1];
        for (size_t r = r0 + 1; r < n; r++) { /* L y = e */
            const double *row = l + g->start[r];
            size_t fr = g->first[r], width = r - fr;
            if (fr + width <= r0)
                continue; /* all of this row's columns are zeros of y */
            size_t from = fr > r0 ? fr : r0;
            y[r] = -dot(row + (from - fr), y + from, r - from) / row[width];
        }
        if (f->grounded)
            y[n - 1] = 0;
    }
    for (size_t r = n; r-- > 0;) { /* Lᵀ x = y */
        const double *row = l + g->start[r];
        size_t fr = g->first[r], width = r - fr;
        double v = y[r] / row[width];
        y[r] = v;
        if (v == 0)
            continue;
        double *yy = y + fr;
        for (size_t c = 0; c < width; c++)
            yy[c] -= row[c] * v;
    }
    for (size_t r = 0; r < n; r++)
        x[g->perm[r]] = y[r];
}

void graph_factor_solve_units(const GraphFactor *f, const size_t *nodes,
                              size_t count, double *x, double *y)
{
    enum { B = GRAPH_BLOCK };
    const GraphPattern *g = f->g;
    size_t n = g->n, r0 = n;
    const double *l = f->l;
    memset(y, 0, n * B * sizeof *y);
    for (size_t b = 0; b < count; b++) {
        size_t r = g->row_of[nodes[b]];
        y[r * B + b] = 1.0;
        if (r < r0)
            r0 = r;
    }
    if (f->grounded && n)
        for (size_t b = 0; b < B; b++)
            y[(n - 1) * B + b] = 0;
    for (size_t r = r0; r < n; r++) { /* L Y = E */
        const double *row = l + g->start[r];
        size_t fr = g->first[r];
        size_t from = fr > r0 ? fr : r0;
        double s[B] = {0};
        const double *yy = y + from * B;
        for (size_t c = from; c < r; c++, yy += B) {
            double v = row[c - fr];
            for (size_t b = 0; b < B; b++)
                s[b] += v * yy[b];
        }
        double inv = f->inv[r];
        for (size_t b = 0; b < B; b++)
            y[r * B + b] = (y[r * B + b] - s[b]) * inv;
    }
    for (size_t r = n; r-- > 0;) { /* Lᵀ X = Y */
        const double *row = l + g->start[r];
        size_t fr = g->first[r], width = r - fr;
        double inv = f->inv[r], v[B];
        for (size_t b = 0; b < B; b++)
            v[b] = y[r * B + b] *= inv;
        double *yy = y + fr * B;
        for (size_t c = 0; c < width; c++, yy += B)
            for (size_t b = 0; b < B; b++)
                yy[b] -= row[c] * v[b];
    }
    for (size_t r = 0; r < n; r++)
        memcpy(x + (size_t)g->perm[r] * B, y + r * B, B * sizeof *y);
}

/* ---- conjugate gradients ----------------------------------------------- */

void graph_work_init(GraphWork *w, size_t n)
{
    size_t m = n ? n : 1;
    w->n = n;
    w->r = xcalloc(m, sizeof(double));
    w->z = xcalloc(m, sizeof(double));
    w->d = xcalloc(m, sizeof(double));
    w->ad = xcalloc(m, sizeof(double));
    w->diag = xcalloc(m, sizeof(double));
    w->tmp = xcalloc(m, sizeof(double));
}

void graph_work_free(GraphWork *w)
{
    free(w->r);
    free(w->z);
    free(w->d);
    free(w->ad);
    free(w->diag);
    free(w->tmp);
    memset(w, 0, sizeof *w);
}

void graph_project(double *x, size_t n)
{
    if (n == 0)
        return;
    double mean = 0;
    for (size_t m = 0; m < n; m++)
        mean += x[m];
    mean /= (double)n;
    for (size_t m = 0; m < n; m++)
        x[m] -= mean;
}

void graph_matvec(const GraphSystem *s, const double *x, double *out)
{
    const GraphPattern *g = s->g;
    size_t n = g->n;
    for (size_t m = 0; m < n; m++)
        out[m] = ((s->d ? s->d[m] : 0.0) + s->d_all) * x[m];
    /* Edges come sorted by ei: sum each run of equal ei in a register. */
    size_t k = 0;
    while (k < g->n_edges) {
        uint32_t a = g->ei[k];
        double xa = x[a], acc = 0;
        for (; k < g->n_edges && g->ei[k] == a; k++) {
            uint32_t b = g->ej[k];
            double v = s->h[k] * (xa - x[b]);
            acc += v;
            out[b] -= v;
        }
        out[a] += acc;
    }
}

static void precondition(const GraphSystem *s, GraphWork *w, const double *r,
                         double *z)
{
    size_t n = s->g->n;
    if (s->pre) {
        memcpy(z, r, n * sizeof *z);
        graph_factor_solve(s->pre, z, w->tmp);
    } else {
        for (size_t m = 0; m < n; m++)
            z[m] = w->diag[m] > 0 ? r[m] / w->diag[m] : r[m];
    }
    if (s->project)
        graph_project(z, n);
}

int graph_pcg(const GraphSystem *s, const double *b, double *x, double rtol,
              int max_iter, GraphWork *w, int *steps)
{
    size_t n = s->g->n;
    double *r = w->r, *z = w->z, *d = w->d, *ad = w->ad;
    if (!s->pre) {
        for (size_t m = 0; m < n; m++)
            w->diag[m] = (s->d ? s->d[m] : 0.0) + s->d_all;
        for (size_t k = 0; k < s->g->n_edges; k++) {
            w->diag[s->g->ei[k]] += s->h[k];
            w->diag[s->g->ej[k]] += s->h[k];
        }
    }
    double bnorm = 0;
    for (size_t m = 0; m < n; m++) {
        x[m] = 0;
        r[m] = b[m];
    }
    if (s->project)
        graph_project(r, n);
    bnorm = sqrt(dot(r, r, n));
    if (bnorm == 0)
        return 0;
    precondition(s, w, r, z);
    memcpy(d, z, n * sizeof *d);
    double rz = dot(r, z, n);
    for (int it = 0; it < max_iter; it++) {
        if (steps)
            (*steps)++;
        graph_matvec(s, d, ad);
        double dad = dot(d, ad, n);
        if (!(dad > 0))
            return -1;
        double alpha = rz / dad;
        double rnorm = 0;
        for (size_t m = 0; m < n; m++) {
            x[m] += alpha * d[m];
            r[m] -= alpha * ad[m];
            rnorm += r[m] * r[m];
        }
        if (sqrt(rnorm) <= rtol * bnorm)
            return 0;
        precondition(s, w, r, z);
        double rz_next = dot(r, z, n);
        double beta = rz_next / rz;
        rz = rz_next;
        for (size_t m = 0; m < n; m++)
            d[m] = z[m] + beta * d[m];
    }
    return -1;
}
