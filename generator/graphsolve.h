/* graphsolve — linear systems on the graph of pairs that met.
 *
 * Every Hessian the rating fits need is a weighted Laplacian of that graph
 * plus a diagonal,
 *     A = Σ_k h_k (e_i - e_j)(e_i - e_j)ᵀ + diag(d),
 * with one edge k = (i, j) per pair of models that met. Real pairings are
 * sparse (a model meets the models that were live at the same time), so A
 * is factored in envelope (skyline) form after a reverse Cuthill-McKee
 * ordering; the few models that meet almost everyone ("hubs") are ordered
 * last, where their rows do not widen every other row's envelope. With all
 * pairs met (a few hundred models) this is the dense Cholesky
 * factorisation; with thousands of models that each meet their
 * neighbours, its cost grows with the models times the square of the
 * envelope's width, not with the cube of the models.
 *
 * When even that envelope would be too large (thousands of models paired
 * at random: such graphs are expanders, so well conditioned), there is no
 * factor and systems are solved by conjugate gradients with the diagonal
 * as the preconditioner.
 *
 * A Laplacian without a diagonal is singular along (1, ..., 1): its
 * factor is "grounded" (the last row's node held at 0), and with the
 * projection onto mean-zero vectors it is an exact inverse on them.
 *
 * Ownership: a GraphPattern owns its arrays (graph_pattern_free); a
 * GraphFactor owns its values (graph_factor_free) and borrows its pattern.
 * Both are read-only once built, so threads may share them. */
#ifndef LBGEN_GRAPHSOLVE_H
#define LBGEN_GRAPHSOLVE_H

#include <stddef.h>
#include <stdint.h>

/* Envelopes larger than this (entries) or costing more than this to
 * factor (multiply-adds) are not factored. */
#define GRAPH_ENV_MAX ((size_t)16 << 20)
#define GRAPH_FLOPS_MAX 4e9

typedef struct {
    size_t n, n_edges;
    const uint32_t *ei, *ej; /* borrowed: edges, sorted by ei */
    uint32_t *perm;          /* perm[row] = node */
    uint32_t *row_of;        /* row_of[node] = row */
    uint32_t *first;         /* first column stored in each row */
    size_t *start;           /* row r's values: start[r] .. start[r+1] */
    size_t *edge_at;         /* edge k's entry in the envelope */
    size_t env;              /* stored entries */
    double flops;            /* multiply-adds to factor */
    size_t hubs;             /* nodes ordered last as hubs */
    int factorable;
} GraphPattern;

/* The ordering and envelope of the graph with edges (ei[k], ej[k]), which
 * must stay valid (they are borrowed). */
void graph_pattern_init(GraphPattern *g, size_t n, size_t n_edges,
                        const uint32_t *ei, const uint32_t *ej);
void graph_pattern_free(GraphPattern *g);

typedef struct {
    const GraphPattern *g;
    double *l;     /* the Cholesky factor, row by row in the envelope */
    double *inv;   /* 1 / its diagonal, row by row */
    int grounded;  /* the last row's node held at 0 */
} GraphFactor;

/* Factors A = Laplacian(h) + diag(d) (d NULL: no diagonal, then the
 * factor is grounded). -1 (and nothing to free) when the pattern is not
 * factorable or A is not positive definite (a disconnected graph without
 * a diagonal). */
int graph_factor(GraphFactor *f, const GraphPattern *g, const double *h,
                 const double *d);
/* The same into f's storage, which is kept from the last factorisation of
 * the same pattern (f zeroed, or from graph_factor / graph_refactor): the
 * repeated factorisations of Newton steps allocate nothing. On -1, f is
 * freed. */
int graph_refactor(GraphFactor *f, const GraphPattern *g, const double *h,
                   const double *d);
void graph_factor_free(GraphFactor *f);

/* x = A⁻¹ b in place (b: n values in node order); `work` holds n
 * doubles. Grounded factors give the solution with x[last node] = 0:
 * project it to mean zero for the Laplacian's mean-zero solution. */
void graph_factor_solve(const GraphFactor *f, double *b, double *work);

/* x = A⁻¹ e_node (n values, node order), skipping the rows before the
 * node's, where the forward solve is zero. `work` holds n doubles. */
void graph_factor_solve_unit(const GraphFactor *f, size_t node, double *x,
                             double *work);

/* The same for GRAPH_BLOCK unit vectors at once (count of them used; the
 * rest are zero): x[node * GRAPH_BLOCK + b] = (A⁻¹ e_nodes[b])[node].
 * `work` holds n * GRAPH_BLOCK doubles. Each row of the factor is read
 * once for the block. */
#define GRAPH_BLOCK 8
void graph_factor_solve_units(const GraphFactor *f, const size_t *nodes,
                              size_t count, double *x, double *work);

/* Scratch for graph_pcg (one per thread). */
typedef struct {
    size_t n;
    double *r, *z, *d, *ad, *diag, *tmp;
} GraphWork;

void graph_work_init(GraphWork *w, size_t n);
void graph_work_free(GraphWork *w);

/* The system of graph_pcg. */
typedef struct {
    const GraphPattern *g;
    const double *h;          /* per edge */
    const double *d;          /* per node; NULL: none */
    double d_all;             /* added to every diagonal entry */
    int project;              /* solve on mean-zero vectors */
    const GraphFactor *pre;   /* preconditioner; NULL: the diagonal */
} GraphSystem;

/* out = A x. */
void graph_matvec(const GraphSystem *s, const double *x, double *out);

/* Solves A x = b by preconditioned conjugate gradients from x = 0 until
 * the residual is below rtol · |b|. Returns 0, or -1 when max_iter steps
 * did not get there (x then holds the last iterate). *steps (may be NULL)
 * is increased by the steps taken. */
int graph_pcg(const GraphSystem *s, const double *b, double *x, double rtol,
              int max_iter, GraphWork *w, int *steps);

/* Subtracts the mean. */
void graph_project(double *x, size_t n);

#endif
