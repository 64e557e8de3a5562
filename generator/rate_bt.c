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

/* The pair key of battle k with i < j, and which of the pair's cells its
 * outcome counts in (0: i won, 1: j won, 2: a tie). */
static inline uint64_t battle_key(const Battles *bt, size_t k, int *cell)
{
    uint32_t a = bt->a[k], b = bt->b[k];
    int swapped = a > b;
    int o = bt->outcome[k];
    *cell = o >= OUTCOME_TIE ? 2 : (o == OUTCOME_A) != swapped ? 0 : 1;
    return swapped ? ((uint64_t)b << 32 | a) : ((uint64_t)a << 32 | b);
}

static void alloc_pairs(BtPairs *p, size_t n)
{
    size_t m = n ? n : 1;
    p->n_pairs = n;
    p->i = xmalloc(m * sizeof *p->i);
    p->j = xmalloc(m * sizeof *p->j);
    p->wins_i = xcalloc(m, sizeof(double));
    p->wins_j = xcalloc(m, sizeof(double));
    p->ties = xcalloc(m, sizeof(double));
}

/* Unweighted battles: a hash table of pairs, then three cells a pair. */
static void pairs_counted(BtPairs *p, const Battles *bt)
{
    size_t n_slots = 1024;
    while (n_slots < 4 * (bt->n_models + 16))
        n_slots *= 2;
    size_t used = 0;
    PairCount *slots = xcalloc(n_slots, sizeof *slots);
    for (size_t k = 0; k < bt->n; k++) {
        int cell;
        uint64_t stored = battle_key(bt, k, &cell) + 1; /* 0: empty */
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
        slots[i].c[cell] += 1.0;
    }
    PairCount *list = xmalloc((used ? used : 1) * sizeof *list);
    size_t n = 0;
    for (size_t s = 0; s < n_slots; s++)
        if (slots[s].key)
            list[n++] = slots[s];
    free(slots);
    if (n)
        qsort(list, n, sizeof *list, compare_pair);
    alloc_pairs(p, n);
    p->n_cells = 3 * n;
    p->cell_pair = xmalloc((3 * n + 1) * sizeof *p->cell_pair);
    p->cell_kind = xmalloc(3 * n + 1);
    p->cell_weight = xmalloc((3 * n + 1) * sizeof(double));
    p->cell_count = xmalloc((3 * n + 1) * sizeof(double));
    for (size_t k = 0; k < n; k++) {
        uint64_t key = list[k].key - 1;
        p->i[k] = (uint32_t)(key >> 32);
        p->j[k] = (uint32_t)key;
        p->wins_i[k] = list[k].c[0];
        p->wins_j[k] = list[k].c[1];
        p->ties[k] = list[k].c[2];
        for (int c = 0; c < 3; c++) {
            p->cell_pair[3 * k + c] = (uint32_t)k;
            p->cell_kind[3 * k + c] = (uint8_t)c;
            p->cell_weight[3 * k + c] = 1.0;
            p->cell_count[3 * k + c] = list[k].c[c];
        }
    }
    free(list);
}

typedef struct {
    uint64_t key;
    uint8_t cell;
    double weight;
} WeightedBattle;

static int compare_weighted(const void *a, const void *b)
{
    const WeightedBattle *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    if (x->cell != y->cell)
        return x->cell < y->cell ? -1 : 1;
    return x->weight < y->weight ? -1 : x->weight > y->weight;
}

/* Weighted battles: sorted by (pair, outcome, weight), so that a bootstrap
 * cell holds battles of one weight and resampling cells is resampling
 * battles. */
static void pairs_weighted(BtPairs *p, const Battles *bt)
{
    size_t nb = bt->n;
    WeightedBattle *list = xmalloc((nb ? nb : 1) * sizeof *list);
    for (size_t k = 0; k < nb; k++) {
        int cell;
        list[k].key = battle_key(bt, k, &cell);
        list[k].cell = (uint8_t)cell;
        list[k].weight = bt->weight[k];
        if (fabs(bt->weight[k] - 1.0) > 1e-8 + 1e-5)
            p->weighted = 1; /* numpy's allclose(weights, 1), as arena-rank */
    }
    if (nb)
        qsort(list, nb, sizeof *list, compare_weighted);
    size_t n_pairs = 0, n_cells = 0;
    for (size_t k = 0; k < nb; k++) {
        if (k == 0 || list[k].key != list[k - 1].key)
            n_pairs++;
        if (k == 0 || compare_weighted(&list[k], &list[k - 1]) != 0)
            n_cells++;
    }
    alloc_pairs(p, n_pairs);
    size_t m = n_pairs ? n_pairs : 1;
    p->sq_i = xcalloc(m, sizeof(double));
    p->sq_j = xcalloc(m, sizeof(double));
    p->sq_t = xcalloc(m, sizeof(double));
    p->n_cells = n_cells;
    p->cell_pair = xmalloc((n_cells + 1) * sizeof *p->cell_pair);
    p->cell_kind = xmalloc(n_cells + 1);
    p->cell_weight = xmalloc((n_cells + 1) * sizeof(double));
    p->cell_count = xmalloc((n_cells + 1) * sizeof(double));
    size_t pair = (size_t)-1, cell = (size_t)-1;
    for (size_t k = 0; k < nb; k++) {
        if (k == 0 || list[k].key != list[k - 1].key) {
            pair++;
            p->i[pair] = (uint32_t)(list[k].key >> 32);
            p->j[pair] = (uint32_t)list[k].key;
        }
        if (k == 0 || compare_weighted(&list[k], &list[k - 1]) != 0) {
            cell++;
            p->cell_pair[cell] = (uint32_t)pair;
            p->cell_kind[cell] = list[k].cell;
            p->cell_weight[cell] = list[k].weight;
            p->cell_count[cell] = 0;
        }
        p->cell_count[cell] += 1.0;
        double w = list[k].weight;
        double *sum = list[k].cell == 0   ? p->wins_i
                      : list[k].cell == 1 ? p->wins_j
                                          : p->ties;
        double *sq = list[k].cell == 0   ? p->sq_i
                     : list[k].cell == 1 ? p->sq_j
                                         : p->sq_t;
        sum[pair] += w;
        sq[pair] += w * w;
    }
    free(list);
}

void bt_pairs_from_battles(BtPairs *p, const Battles *bt)
{
    memset(p, 0, sizeof *p);
    p->n_models = bt->n_models;
    p->battles = (double)bt->n;
    if (bt->weight)
        pairs_weighted(p, bt);
    else
        pairs_counted(p, bt);
    graph_pattern_init(&p->pattern, p->n_models, p->n_pairs, p->i, p->j);
}

void bt_pairs_free(BtPairs *p)
{
    free(p->i);
    free(p->j);
    free(p->wins_i);
    free(p->wins_j);
    free(p->ties);
    free(p->sq_i);
    free(p->sq_j);
    free(p->sq_t);
    free(p->cell_pair);
    free(p->cell_kind);
    free(p->cell_weight);
    free(p->cell_count);
    graph_pattern_free(&p->pattern);
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
    double *g, *h, *step, *trial, *trial_g, *s, *rhs, *diag;
    GraphWork work;
    GraphFactor own;        /* direct steps, or the preconditioner */
    const GraphFactor *pre; /* bootstrap rounds: the shared one (or NULL) */
    int pre_set;            /* rounds: solve by preconditioned CG */
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
    s->rhs = xcalloc(n, sizeof(double));
    s->diag = xcalloc(n, sizeof(double));
    s->h = xcalloc(n_pairs ? n_pairs : 1, sizeof(double));
    graph_work_init(&s->work, n_models);
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
    free(s->rhs);
    free(s->diag);
    free(s->h);
    graph_work_free(&s->work);
    graph_factor_free(&s->own);
    free(s);
}

double bt_win_probability(double theta_i, double theta_j)
{
    return 1.0 / (1.0 + exp(theta_j - theta_i));
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
    while (k < p->n_pairs) { /* runs of equal i, as in graph_matvec */
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
                pa = bt_win_probability(theta[a], theta[b]);
                pb = bt_win_probability(theta[b], theta[a]);
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

/* The Newton step: solves (Laplacian(h) + prior I) step = -g on mean-zero
 * vectors (g sums to zero when theta does; so does the step). */
static int newton_step(BtSolver *sv, const BtPairs *p, double prior,
                       double gnorm, BtFitInfo *info)
{
    size_t n = p->n_models;
    for (size_t m = 0; m < n; m++)
        sv->rhs[m] = -sv->g[m];
    GraphSystem sys = {&p->pattern, sv->h, NULL, prior, 1, NULL};
    double rtol = gnorm < 1e-2 ? gnorm : 1e-2;
    if (rtol < 1e-12)
        rtol = 1e-12;
    if (sv->pre_set) {
        sys.pre = sv->pre;
        if (graph_pcg(&sys, sv->rhs, sv->step, rtol, sv->pre ? 100 : 2000,
                      &sv->work, &info->cg_steps) == 0)
            return 0;
    }
    if (p->pattern.factorable) {
        for (size_t m = 0; m < n; m++)
            sv->diag[m] = prior;
        if (graph_refactor(&sv->own, &p->pattern, sv->h,
                           prior > 0 ? sv->diag : NULL) == 0) {
            memcpy(sv->step, sv->rhs, n * sizeof *sv->step);
            graph_factor_solve(&sv->own, sv->step, sv->work.tmp);
            graph_project(sv->step, n);
            return 0;
        }
    }
    sys.pre = NULL;
    /* A partial solution is still a descent direction for the search. */
    graph_pcg(&sys, sv->rhs, sv->step, rtol, 5000, &sv->work,
              &info->cg_steps);
    return 0;
}

void bt_solver_set_preconditioner(BtSolver *s, const BtPairs *p,
                                  const double *w_i, const double *w_j,
                                  const double *theta, double prior)
{
    size_t n = p->n_models;
    s->pre_set = 1;
    s->pre = NULL;
    if (n == 0)
        return;
    gradient(s, p, w_i, w_j, theta, prior, s->g, s->h);
    graph_factor_free(&s->own);
    for (size_t m = 0; m < n; m++)
        s->diag[m] = prior;
    if (graph_factor(&s->own, &p->pattern, s->h,
                     prior > 0 ? s->diag : NULL) == 0)
        s->pre = &s->own;
}

void bt_solver_share_preconditioner(BtSolver *s, const BtSolver *from)
{
    s->pre = from->pre;
    s->pre_set = 1;
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
    /* The gauge: strengths sum to zero (with the prior, the optimum has
     * that sum too), and every step keeps it. */
    graph_project(theta, n);
    double gnorm = gradient(sv, p, w_i, w_j, theta, prior, sv->g, sv->h);
    for (int it = 0; it < BT_MAX_ITER; it++) {
        info->iterations = it;
        info->grad_norm = gnorm;
        if (gnorm < BT_GRAD_TOL) {
            info->converged = 1;
            return 0;
        }
        newton_step(sv, p, prior, gnorm, info);
        /* Accept the full step when it shrinks the gradient; otherwise
         * backtrack on the objective (Armijo). */
        for (size_t m = 0; m < n; m++)
            sv->trial[m] = theta[m] + sv->step[m];
        double tnorm = gradient(sv, p, w_i, w_j, sv->trial, prior,
                                sv->trial_g, sv->h);
        int full = tnorm < gnorm;
        if (!full) {
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
        /* A bootstrap round (a preconditioner is set) whose full step was
         * small is done: see BT_ROUND_STEP_TOL. */
        int round_done = full && sv->pre_set;
        for (size_t m = 0; round_done && m < n; m++)
            round_done = fabs(sv->step[m]) < BT_ROUND_STEP_TOL;
        memcpy(theta, sv->trial, n * sizeof *theta);
        memcpy(sv->g, sv->trial_g, n * sizeof *sv->g);
        gnorm = tnorm;
        if (round_done) {
            /* A bootstrap round: Newton's error after a full step is of
             * the order of the step squared, so this one left less than
             * ~1e-7 (2e-5 Elo); the next step would only confirm it. */
            info->iterations = it + 1;
            info->grad_norm = gnorm;
            info->converged = 1;
            return 0;
        }
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
