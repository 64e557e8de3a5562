#include "rate_bt.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "linalg.h"
#include "mem.h"

/* ---- aggregation ------------------------------------------------------- */

typedef struct {
    uint64_t key; /* i << 32 | j */
    double c[3];  /* wins_i, wins_j, ties */
} PairCount;

static int compare_pair(const void *a, const void *b)
{
    uint64_t x = ((const PairCount *)a)->key, y = ((const PairCount *)b)->key;
    return x < y ? -1 : x > y;
}

void bt_pairs_from_battles(BtPairs *p, const Battles *bt)
{
    memset(p, 0, sizeof *p);
    p->n_models = bt->n_models;
    size_t n_slots = 1024;
    while (n_slots < 4 * (bt->n_models + 16))
        n_slots *= 2;
    size_t used = 0;
    PairCount *slots = xcalloc(n_slots, sizeof *slots);
    for (size_t k = 0; k < bt->n; k++) {
        uint32_t a = bt->a[k], b = bt->b[k];
        int swapped = a > b;
        uint64_t key = swapped ? ((uint64_t)b << 32 | a)
                               : ((uint64_t)a << 32 | b);
        uint64_t stored = key + 1; /* 0 marks an empty slot */
        size_t i = (size_t)((stored * 0x9E3779B97F4A7C15ull) >> 20) &
                   (n_slots - 1);
        while (slots[i].key && slots[i].key != stored)
            i = (i + 1) & (n_slots - 1);
        if (!slots[i].key) {
            slots[i].key = stored;
            if (++used * 2 > n_slots) {
                /* Grow and re-insert. */
                size_t bigger = n_slots * 2;
                PairCount *ns = xcalloc(bigger, sizeof *ns);
                for (size_t s = 0; s < n_slots; s++) {
                    if (!slots[s].key)
                        continue;
                    size_t t = (size_t)((slots[s].key * 0x9E3779B97F4A7C15ull)
                                        >> 20) & (bigger - 1);
                    while (ns[t].key)
                        t = (t + 1) & (bigger - 1);
                    ns[t] = slots[s];
                }
                free(slots);
                slots = ns;
                n_slots = bigger;
                i = (size_t)((stored * 0x9E3779B97F4A7C15ull) >> 20) &
                    (n_slots - 1);
                while (slots[i].key != stored)
                    i = (i + 1) & (n_slots - 1);
            }
        }
        int o = bt->outcome[k];
        int cell = o >= OUTCOME_TIE ? 2 : (o == OUTCOME_A) != swapped ? 0 : 1;
        slots[i].c[cell] += 1.0;
    }
    PairCount *list = xmalloc((used ? used : 1) * sizeof *list);
    size_t n = 0;
    for (size_t s = 0; s < n_slots; s++)
        if (slots[s].key)
            list[n++] = slots[s];
    free(slots);
    qsort(list, n, sizeof *list, compare_pair);
    p->n_pairs = n;
    p->i = xmalloc((n ? n : 1) * sizeof *p->i);
    p->j = xmalloc((n ? n : 1) * sizeof *p->j);
    p->wins_i = xmalloc((n ? n : 1) * sizeof(double));
    p->wins_j = xmalloc((n ? n : 1) * sizeof(double));
    p->ties = xmalloc((n ? n : 1) * sizeof(double));
    for (size_t k = 0; k < n; k++) {
        uint64_t key = list[k].key - 1;
        p->i[k] = (uint32_t)(key >> 32);
        p->j[k] = (uint32_t)key;
        p->wins_i[k] = list[k].c[0];
        p->wins_j[k] = list[k].c[1];
        p->ties[k] = list[k].c[2];
    }
    free(list);
}

void bt_pairs_free(BtPairs *p)
{
    free(p->i);
    free(p->j);
    free(p->wins_i);
    free(p->wins_j);
    free(p->ties);
    memset(p, 0, sizeof *p);
}

void bt_pairs_weights(const BtPairs *p, const double *wi, const double *wj,
                      const double *t, double *w_i, double *w_j)
{
    for (size_t k = 0; k < p->n_pairs; k++) {
        w_i[k] = wi[k] + 0.5 * t[k];
        w_j[k] = wj[k] + 0.5 * t[k];
    }
}

/* ---- graph structure --------------------------------------------------- */

/* Directed "beats or ties" graph in CSR form: an edge i -> j when i took
 * at least half a win from j. Tarjan's algorithm, iterative. Fills
 * scc[model] and returns the number of strongly connected components. */
static size_t strong_components(const BtPairs *p, const double *w_i,
                                const double *w_j, uint32_t *scc)
{
    size_t n = p->n_models;
    size_t *start = xcalloc(n + 1, sizeof *start);
    for (size_t k = 0; k < p->n_pairs; k++) {
        if (w_i[k] > 0)
            start[p->i[k] + 1]++;
        if (w_j[k] > 0)
            start[p->j[k] + 1]++;
    }
    for (size_t v = 0; v < n; v++)
        start[v + 1] += start[v];
    uint32_t *adj = xmalloc((start[n] + 1) * sizeof *adj);
    size_t *fill = xmalloc((n + 1) * sizeof *fill);
    memcpy(fill, start, (n + 1) * sizeof *fill);
    for (size_t k = 0; k < p->n_pairs; k++) {
        if (w_i[k] > 0)
            adj[fill[p->i[k]]++] = p->j[k];
        if (w_j[k] > 0)
            adj[fill[p->j[k]]++] = p->i[k];
    }
    const uint32_t unvisited = UINT32_MAX;
    uint32_t *index = xmalloc((n + 1) * sizeof *index);
    uint32_t *low = xmalloc((n + 1) * sizeof *low);
    uint32_t *stack = xmalloc((n + 1) * sizeof *stack);
    uint32_t *call = xmalloc((n + 1) * sizeof *call);
    size_t *edge = xmalloc((n + 1) * sizeof *edge);
    unsigned char *on_stack = xcalloc(n + 1, 1);
    for (size_t v = 0; v < n; v++)
        index[v] = unvisited;
    uint32_t counter = 0;
    size_t sp = 0, n_scc = 0;
    for (size_t root = 0; root < n; root++) {
        if (index[root] != unvisited)
            continue;
        size_t depth = 0;
        call[depth] = (uint32_t)root;
        edge[depth] = start[root];
        index[root] = low[root] = counter++;
        stack[sp++] = (uint32_t)root;
        on_stack[root] = 1;
        while (1) {
            uint32_t v = call[depth];
            if (edge[depth] < start[v + 1]) {
                uint32_t w = adj[edge[depth]++];
                if (index[w] == unvisited) {
                    index[w] = low[w] = counter++;
                    stack[sp++] = w;
                    on_stack[w] = 1;
                    call[++depth] = w;
                    edge[depth] = start[w];
                } else if (on_stack[w] && index[w] < low[v]) {
                    low[v] = index[w];
                }
                continue;
            }
            if (low[v] == index[v]) {
                uint32_t w;
                do {
                    w = stack[--sp];
                    on_stack[w] = 0;
                    scc[w] = (uint32_t)n_scc;
                } while (w != v);
                n_scc++;
            }
            if (depth == 0)
                break;
            uint32_t parent = call[--depth];
            if (low[v] < low[parent])
                low[parent] = low[v];
        }
    }
    free(start);
    free(adj);
    free(fill);
    free(index);
    free(low);
    free(stack);
    free(call);
    free(edge);
    free(on_stack);
    return n_scc;
}

/* A quick sufficient test: pairs where each side took something from the
 * other are two-way edges; if those alone connect every model, the graph
 * is strongly connected. Usually true for real data, and much cheaper
 * than Tarjan's algorithm, which runs only when this test fails. */
static int two_way_connected(const BtPairs *p, const double *w_i,
                             const double *w_j)
{
    size_t n = p->n_models, parts = n;
    uint32_t *parent = xmalloc(n * sizeof *parent);
    for (size_t v = 0; v < n; v++)
        parent[v] = (uint32_t)v;
    for (size_t k = 0; k < p->n_pairs && parts > 1; k++) {
        if (!(w_i[k] > 0 && w_j[k] > 0))
            continue;
        uint32_t a = p->i[k], b = p->j[k];
        while (parent[a] != a)
            a = parent[a] = parent[parent[a]];
        while (parent[b] != b)
            b = parent[b] = parent[parent[b]];
        if (a != b) {
            parent[a > b ? a : b] = a < b ? a : b;
            parts--;
        }
    }
    free(parent);
    return parts == 1;
}

int bt_has_finite_mle(const BtPairs *p, const double *w_i, const double *w_j)
{
    if (p->n_models <= 1 || two_way_connected(p, w_i, w_j))
        return 1;
    uint32_t *scc = xmalloc(p->n_models * sizeof *scc);
    size_t n = strong_components(p, w_i, w_j, scc);
    free(scc);
    return n == 1;
}

/* Undirected components over pairs that met (with any weight). */
static size_t components(const BtPairs *p, const double *w_i,
                         const double *w_j, uint32_t *comp)
{
    size_t n = p->n_models;
    uint32_t *parent = xmalloc((n + 1) * sizeof *parent);
    for (size_t v = 0; v < n; v++)
        parent[v] = (uint32_t)v;
    for (size_t k = 0; k < p->n_pairs; k++) {
        if (w_i[k] + w_j[k] <= 0)
            continue;
        uint32_t a = p->i[k], b = p->j[k];
        while (parent[a] != a)
            a = parent[a] = parent[parent[a]];
        while (parent[b] != b)
            b = parent[b] = parent[parent[b]];
        if (a != b)
            parent[a > b ? a : b] = a < b ? a : b;
    }
    size_t count = 0;
    uint32_t *label = xmalloc((n + 1) * sizeof *label);
    for (size_t v = 0; v < n; v++) {
        uint32_t r = (uint32_t)v;
        while (parent[r] != r)
            r = parent[r];
        if (r == v)
            label[v] = (uint32_t)count++;
        comp[v] = r;
    }
    for (size_t v = 0; v < n; v++)
        comp[v] = label[comp[v]];
    free(label);
    free(parent);
    return count;
}

static void list_models(Buf *out, const uint32_t *group, uint32_t which,
                        size_t n, char *const *names)
{
    int first = 1, shown = 0;
    for (size_t v = 0; v < n; v++) {
        if (group[v] != which)
            continue;
        if (shown == 12) {
            buf_puts(out, ", ...");
            break;
        }
        buf_printf(out, "%s%s", first ? "" : ", ", names[v]);
        first = 0;
        shown++;
    }
}

void bt_describe_degenerate(const BtPairs *p, const double *w_i,
                            const double *w_j, char *const *names, Buf *out)
{
    size_t n = p->n_models;
    if (n <= 1 || bt_has_finite_mle(p, w_i, w_j))
        return;
    uint32_t *comp = xmalloc(n * sizeof *comp);
    uint32_t *scc = xmalloc(n * sizeof *scc);
    size_t n_comp = components(p, w_i, w_j, comp);
    size_t n_scc = strong_components(p, w_i, w_j, scc);
    if (n_comp > 1) {
        buf_printf(out, "the comparison graph has %zu disconnected parts; "
                        "ratings compare only within a part:\n", n_comp);
        for (uint32_t c = 0; c < n_comp; c++) {
            buf_printf(out, "  part %u: ", c + 1);
            list_models(out, comp, c, n, names);
            buf_putc(out, '\n');
        }
    }
    /* Per strongly connected component: did it lose to / beat anyone
     * outside itself (within its part)? */
    unsigned char *lost_out = xcalloc(n_scc, 1), *won_out = xcalloc(n_scc, 1);
    for (size_t k = 0; k < p->n_pairs; k++) {
        uint32_t a = scc[p->i[k]], b = scc[p->j[k]];
        if (a == b)
            continue;
        if (w_i[k] > 0) {
            won_out[a] = 1;
            lost_out[b] = 1;
        }
        if (w_j[k] > 0) {
            won_out[b] = 1;
            lost_out[a] = 1;
        }
    }
    /* Size of each component, to skip parts that are one whole SCC. */
    size_t *comp_size = xcalloc(n_comp, sizeof *comp_size);
    size_t *scc_size = xcalloc(n_scc, sizeof *scc_size);
    uint32_t *scc_comp = xcalloc(n_scc, sizeof *scc_comp);
    for (size_t v = 0; v < n; v++) {
        comp_size[comp[v]]++;
        scc_size[scc[v]]++;
        scc_comp[scc[v]] = comp[v];
    }
    for (uint32_t c = 0; c < n_scc; c++) {
        if (scc_size[c] == comp_size[scc_comp[c]])
            continue; /* the whole part: fine within itself */
        if (!lost_out[c]) {
            buf_puts(out, scc_size[c] == 1 ? "never lost (no finite "
                                             "maximum-likelihood rating): "
                                           : "never lost to the other "
                                             "models (no finite "
                                             "maximum-likelihood rating): ");
            list_models(out, scc, c, n, names);
            buf_putc(out, '\n');
        }
        if (!won_out[c]) {
            buf_puts(out, scc_size[c] == 1 ? "never won (no finite "
                                             "maximum-likelihood rating): "
                                           : "never beat the other models "
                                             "(no finite maximum-likelihood "
                                             "rating): ");
            list_models(out, scc, c, n, names);
            buf_putc(out, '\n');
        }
    }
    free(comp_size);
    free(scc_size);
    free(scc_comp);
    free(lost_out);
    free(won_out);
    free(comp);
    free(scc);
}

/* ---- the fit ----------------------------------------------------------- */

struct BtSolver {
    size_t n, n_pairs;
    double *g, *h, *step, *trial, *trial_g, *s;
    double *dense;        /* n*n system matrix for direct steps */
    /* Preconditioned conjugate gradients. */
    double *precond;      /* Cholesky factor (owned unless shared) */
    int owns_precond;
    double *r, *z, *d, *ad;
};

BtSolver *bt_solver_new(size_t n_models, size_t n_pairs)
{
    BtSolver *s = xcalloc(1, sizeof *s);
    size_t n = n_models ? n_models : 1;
    s->n = n_models;
    s->n_pairs = n_pairs;
    s->g = xcalloc(n, sizeof(double));
    s->trial_g = xcalloc(n, sizeof(double));
    s->step = xcalloc(n, sizeof(double));
    s->trial = xcalloc(n, sizeof(double));
    s->s = xcalloc(n, sizeof(double));
    s->r = xcalloc(n, sizeof(double));
    s->z = xcalloc(n, sizeof(double));
    s->d = xcalloc(n, sizeof(double));
    s->ad = xcalloc(n, sizeof(double));
    s->h = xcalloc(n_pairs ? n_pairs : 1, sizeof(double));
    return s;
}

void bt_solver_free(BtSolver *s)
{
    if (!s)
        return;
    free(s->g);
    free(s->trial_g);
    free(s->step);
    free(s->trial);
    free(s->s);
    free(s->r);
    free(s->z);
    free(s->d);
    free(s->ad);
    free(s->h);
    free(s->dense);
    if (s->owns_precond)
        free(s->precond);
    free(s);
}

/* Gradient of the penalised NLL at theta into g, per-pair Hessian weights
 * into h; returns the gradient norm. */
static double gradient(BtSolver *sv, const BtPairs *p, const double *w_i,
                       const double *w_j, const double *theta, double prior,
                       double *g, double *h)
{
    size_t n = p->n_models;
    double top = -INFINITY;
    for (size_t v = 0; v < n; v++)
        if (theta[v] > top)
            top = theta[v];
    double *s = sv->s;
    for (size_t v = 0; v < n; v++) {
        s[v] = exp(theta[v] - top);
        g[v] = prior * theta[v];
    }
    size_t k = 0;
    while (k < p->n_pairs) { /* runs of equal i, as in hessian_times */
        uint32_t a = p->i[k];
        double sa = s[a], acc = 0;
        for (; k < p->n_pairs && p->i[k] == a; k++) {
            uint32_t b = p->j[k];
            double den = sa + s[b], pa, pb;
            if (den > 0 && sa > 0 && s[b] > 0) {
                double inv = 1.0 / den;
                pa = sa * inv;
                pb = s[b] * inv;
            } else {
                double d = theta[a] - theta[b];
                pa = 1.0 / (1.0 + exp(-d));
                pb = 1.0 / (1.0 + exp(d));
            }
            /* W_a - n p_a, written without cancellation. */
            double r = w_i[k] * pb - w_j[k] * pa;
            acc -= r;
            g[b] += r;
            h[k] = (w_i[k] + w_j[k]) * pa * pb;
        }
        g[a] += acc;
    }
    double norm = 0;
    for (size_t v = 0; v < n; v++)
        norm += g[v] * g[v];
    return sqrt(norm);
}

double bt_objective(const BtPairs *p, const double *w_i, const double *w_j,
                    const double *theta, double prior)
{
    double f = 0;
    for (size_t k = 0; k < p->n_pairs; k++) {
        double d = theta[p->i[k]] - theta[p->j[k]];
        /* -log sigmoid(d) = log1p(exp(-d)), computed stably. */
        double la = d > 0 ? log1p(exp(-d)) : -d + log1p(exp(d));
        double lb = la + d;
        f += w_i[k] * la + w_j[k] * lb;
    }
    for (size_t v = 0; v < p->n_models; v++)
        f += 0.5 * prior * theta[v] * theta[v];
    return f;
}

/* Gauge term: without a prior the Hessian is singular along (1,...,1);
 * adding mu * 1 1^T makes it definite and, since the gradient sums to
 * zero, leaves the Newton step's sum at zero. */
static double gauge_weight(const BtPairs *p, const double *h, double prior)
{
    if (prior > 0 || p->n_models == 0)
        return 0;
    double trace = 0;
    for (size_t k = 0; k < p->n_pairs; k++)
        trace += 2 * h[k];
    double mu = trace / ((double)p->n_models * (double)p->n_models);
    return mu > 0 ? mu : 1.0;
}

static void build_dense(const BtPairs *p, const double *h, double prior,
                        double mu, double *a)
{
    size_t n = p->n_models;
    for (size_t r = 0; r < n; r++)
        for (size_t c = 0; c < n; c++)
            a[r * n + c] = mu + (r == c ? prior : 0);
    for (size_t k = 0; k < p->n_pairs; k++) {
        size_t i = p->i[k], j = p->j[k];
        a[i * n + i] += h[k];
        a[j * n + j] += h[k];
        a[i * n + j] -= h[k];
        a[j * n + i] -= h[k];
    }
}

static void hessian_times(const BtPairs *p, const double *h, double prior,
                          double mu, const double *v, double *out)
{
    size_t n = p->n_models;
    double sum = 0;
    for (size_t m = 0; m < n; m++) {
        out[m] = prior * v[m];
        sum += v[m];
    }
    if (mu > 0)
        for (size_t m = 0; m < n; m++)
            out[m] += mu * sum;
    /* Pairs come sorted by i: sum each run of equal i in a register
     * instead of a load-add-store chain through out[i]. */
    size_t k = 0;
    while (k < p->n_pairs) {
        uint32_t a = p->i[k];
        double va = v[a], acc = 0;
        for (; k < p->n_pairs && p->i[k] == a; k++) {
            uint32_t b = p->j[k];
            double x = h[k] * (va - v[b]);
            acc += x;
            out[b] -= x;
        }
        out[a] += acc;
    }
}

/* Solves A step = -g by preconditioned conjugate gradients to relative
 * residual `rtol`. Returns 0, or -1 when it did not get there. */
static int pcg(BtSolver *sv, const BtPairs *p, double prior, double mu,
               double rtol, const double *g, double *step, int *steps)
{
    size_t n = p->n_models;
    double *r = sv->r, *z = sv->z, *d = sv->d, *ad = sv->ad;
    double gnorm = 0;
    for (size_t m = 0; m < n; m++) {
        step[m] = 0;
        r[m] = -g[m];
        gnorm += g[m] * g[m];
    }
    gnorm = sqrt(gnorm);
    memcpy(z, r, n * sizeof *z);
    cholesky_solve(sv->precond, n, z);
    memcpy(d, z, n * sizeof *d);
    double rz = dot(r, z, n);
    for (int it = 0; it < 200; it++) {
        (*steps)++;
        hessian_times(p, sv->h, prior, mu, d, ad);
        double dad = dot(d, ad, n);
        if (!(dad > 0))
            return -1;
        double alpha = rz / dad;
        double rnorm = 0;
        for (size_t m = 0; m < n; m++) {
            step[m] += alpha * d[m];
            r[m] -= alpha * ad[m];
            rnorm += r[m] * r[m];
        }
        if (sqrt(rnorm) <= rtol * gnorm)
            return 0;
        memcpy(z, r, n * sizeof *z);
        cholesky_solve(sv->precond, n, z);
        double rz_next = dot(r, z, n);
        double beta = rz_next / rz;
        rz = rz_next;
        for (size_t m = 0; m < n; m++)
            d[m] = z[m] + beta * d[m];
    }
    return -1;
}

static int direct_step(BtSolver *sv, const BtPairs *p, double prior,
                       double mu, const double *g, double *step)
{
    size_t n = p->n_models;
    if (!sv->dense)
        sv->dense = xmalloc(n * n * sizeof *sv->dense);
    build_dense(p, sv->h, prior, mu, sv->dense);
    if (cholesky_factor(sv->dense, n) < 0)
        return -1;
    for (size_t m = 0; m < n; m++)
        step[m] = -g[m];
    cholesky_solve(sv->dense, n, step);
    return 0;
}

void bt_solver_set_preconditioner(BtSolver *s, const BtPairs *p,
                                  const double *w_i, const double *w_j,
                                  const double *theta, double prior)
{
    size_t n = p->n_models;
    if (n == 0)
        return;
    gradient(s, p, w_i, w_j, theta, prior, s->g, s->h);
    if (!s->owns_precond)
        s->precond = NULL;
    free(s->precond);
    s->precond = xmalloc(n * n * sizeof *s->precond);
    s->owns_precond = 1;
    /* Always include the gauge term: rounds may or may not need a prior. */
    double mu = gauge_weight(p, s->h, 0);
    build_dense(p, s->h, prior, mu, s->precond);
    if (cholesky_factor(s->precond, n) < 0) {
        free(s->precond);
        s->precond = NULL;
    }
}

void bt_solver_share_preconditioner(BtSolver *s, const BtSolver *from)
{
    if (s->owns_precond)
        free(s->precond);
    s->precond = from->precond;
    s->owns_precond = 0;
}

int bt_fit(BtSolver *sv, const BtPairs *p, const double *w_i,
           const double *w_j, double *theta, BtFitInfo *info)
{
    size_t n = p->n_models;
    double prior = bt_has_finite_mle(p, w_i, w_j) ? 0.0 : BT_PRIOR;
    BtFitInfo local = {0, 0, 0, 0, prior};
    if (!info)
        info = &local;
    *info = local;
    if (n == 0) {
        info->converged = 1;
        return 0;
    }
    if (prior == 0) {
        /* Keep the gauge: strengths sum to zero. */
        double mean = 0;
        for (size_t m = 0; m < n; m++)
            mean += theta[m];
        mean /= (double)n;
        for (size_t m = 0; m < n; m++)
            theta[m] -= mean;
    }
    double gnorm = gradient(sv, p, w_i, w_j, theta, prior, sv->g, sv->h);
    for (int it = 0; it < BT_MAX_ITER; it++) {
        info->iterations = it;
        info->grad_norm = gnorm;
        if (gnorm < BT_GRAD_TOL) {
            info->converged = 1;
            return 0;
        }
        double mu = gauge_weight(p, sv->h, prior);
        int solved = -1;
        if (sv->precond) {
            double rtol = gnorm < 1e-2 ? gnorm : 1e-2;
            if (rtol < 1e-12)
                rtol = 1e-12;
            solved = pcg(sv, p, prior, mu, rtol, sv->g, sv->step,
                         &info->cg_steps);
        }
        if (solved < 0 && direct_step(sv, p, prior, mu, sv->g, sv->step) < 0)
            return -1;
        /* Accept the full step when it shrinks the gradient; otherwise
         * backtrack on the objective (Armijo). */
        for (size_t m = 0; m < n; m++)
            sv->trial[m] = theta[m] + sv->step[m];
        double tnorm = gradient(sv, p, w_i, w_j, sv->trial, prior,
                                sv->trial_g, sv->h);
        if (!(tnorm < gnorm)) {
            double f0 = bt_objective(p, w_i, w_j, theta, prior);
            double slope = dot(sv->g, sv->step, n);
            double t = 1.0;
            for (int back = 0; back < 60; back++) {
                double ft = bt_objective(p, w_i, w_j, sv->trial, prior);
                if (ft <= f0 + 1e-4 * t * slope || !(slope < 0))
                    break;
                t *= 0.5;
                for (size_t m = 0; m < n; m++)
                    sv->trial[m] = theta[m] + t * sv->step[m];
            }
            tnorm = gradient(sv, p, w_i, w_j, sv->trial, prior, sv->trial_g,
                             sv->h);
        }
        memcpy(theta, sv->trial, n * sizeof *theta);
        memcpy(sv->g, sv->trial_g, n * sizeof *sv->g);
        gnorm = tnorm;
    }
    info->iterations = BT_MAX_ITER;
    info->grad_norm = gnorm;
    info->converged = gnorm < BT_GRAD_TOL;
    return info->converged ? 0 : -1;
}

void bt_to_elo(const double *theta, size_t n, long anchor,
               double anchor_rating, double *elo)
{
    const double per_unit = 400.0 / log(10.0);
    for (size_t m = 0; m < n; m++)
        elo[m] = 1000.0 + per_unit * theta[m];
    if (anchor >= 0 && (size_t)anchor < n) {
        double shift = anchor_rating - elo[anchor];
        for (size_t m = 0; m < n; m++)
            elo[m] += shift;
    }
}
