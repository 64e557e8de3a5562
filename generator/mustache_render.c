/* mustache_render — renders a compiled template against a cJSON context
 * stack (see mustache.h).
 *
 * State lives in one Render struct on the caller's stack: the context stack
 * (borrowed cJSON pointers), the current indentation (standalone partials
 * and blocks add theirs; an inline partial starts from none), and the stack
 * of parent calls whose blocks override the ones in the parents they call,
 * searched from the outermost call inwards so the top-level template wins.
 * Nothing here allocates per tag; the three stacks grow and are freed at
 * the end. */
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "mustache_internal.h"

typedef struct {
    const MustacheTemplate *tmpl; /* owns `parent` */
    const Node *parent;           /* its children are the override blocks */
} Frame;

typedef struct {
    MustacheEnv *env;
    Buf *out;
    MustacheEscape escape;
    LbError *err;
    const cJSON **ctx;
    size_t nctx, ctx_cap;
    Buf indent;         /* indentation text; the current one starts at base */
    size_t indent_base;
    Frame *frames;
    size_t nframes, frames_cap;
    int depth; /* nested partial, parent and block expansions */
    unsigned long steps; /* nodes visited, against max_steps */
    size_t out_start;    /* out->len when the render began */
    unsigned long max_steps; /* the budget (see mustache_internal.h) */
    size_t max_output;
} Render;

static int render_nodes(Render *r, const MustacheTemplate *t,
                        const Node *nodes, size_t n);

static void push_ctx(Render *r, const cJSON *v)
{
    if (r->nctx == r->ctx_cap) {
        r->ctx_cap = grow_capacity(r->ctx_cap, r->nctx + 1);
        r->ctx = xrealloc(r->ctx, r->ctx_cap * sizeof *r->ctx);
    }
    r->ctx[r->nctx++] = v;
}

static const cJSON *member(const cJSON *obj, Slice key)
{
    for (const cJSON *c = obj->child; c; c = c->next)
        /* The slice is not terminated and may hold a NUL byte, so compare
         * lengths first: strncmp would stop at that NUL and call a shorter
         * member name equal. */
        if (c->string && c->string[0] == key.s[0] &&
            strnlen(c->string, key.len + 1) == key.len &&
            memcmp(c->string, key.s, key.len) == 0)
            return c;
    return NULL;
}

/* Spec name resolution: the first part is looked up down the context stack
 * (the first object holding it wins, even if the rest then fails); the other
 * parts only inside the previous result. */
static const cJSON *lookup(const Render *r, const Name *name)
{
    if (r->nctx == 0)
        return NULL;
    if (name->implicit)
        return r->ctx[r->nctx - 1];
    const cJSON *v = NULL;
    for (size_t i = r->nctx; i-- > 0;) {
        const cJSON *c = r->ctx[i];
        if (cJSON_IsObject(c) && (v = member(c, name->parts[0])))
            break;
        if (name->local)
            return NULL;
    }
    for (size_t p = 1; v && p < name->nparts; p++)
        v = cJSON_IsObject(v) ? member(v, name->parts[p]) : NULL;
    return v;
}

/* In strict mode, a name that must resolve and did not: fails naming it
 * as written in the tag. Returns 1 when it failed. */
static int missing(Render *r, const MustacheTemplate *t, const Node *n,
                   const cJSON *value)
{
    if (value || !r->env->strict)
        return 0;
    Buf name = BUF_INIT;
    mustache_name_text(&name, &n->name);
    lb_fail_at(r->err, LB_EINPUT, t->name, t->src, t->len, n->offset,
               "strict: no \"%s\" in the data", name.data);
    buf_free(&name);
    return 1;
}

/* false, null, a missing name and an empty list are falsey; everything else
 * (including "" and 0, as in the spec's reference implementation) is not. */
static int truthy(const cJSON *v)
{
    if (!v || cJSON_IsFalse(v) || cJSON_IsNull(v))
        return 0;
    if (cJSON_IsArray(v))
        return v->child != NULL;
    return 1;
}

static void emit_indent(Render *r)
{
    size_t n = r->indent.len - r->indent_base;
    if (n)
        buf_append(r->out, r->indent.data + r->indent_base, n);
}

static int too_deep(Render *r, const MustacheTemplate *t, const Node *n)
{
    if (r->depth < MUSTACHE_MAX_PARTIAL_DEPTH)
        return 0;
    lb_fail_at(r->err, LB_EINPUT, t->name, t->src, t->len, n->offset,
               "partials, parents and blocks nested more than %d deep "
               "(recursive partial?)",
               MUSTACHE_MAX_PARTIAL_DEPTH);
    return 1;
}

/* The partial a {{>name}} or {{<name}} tag names, or NULL (dynamic name
 * missing from the data, or a missing partial in lenient mode). */
static int target(Render *r, const MustacheTemplate *t, const Node *n,
                  const MustacheTemplate **out)
{
    *out = NULL;
    const char *s = n->text.s;
    size_t len = n->text.len;
    Buf tmp = BUF_INIT;
    if (n->dynamic) {
        const cJSON *v = lookup(r, &n->name);
        if (missing(r, t, n, v))
            return -1;
        if (!v || !(cJSON_IsString(v) || cJSON_IsNumber(v)))
            return 0;
        mustache_format_value(&tmp, v, MUSTACHE_ESCAPE_NONE);
        if (tmp.len == 0) {
            buf_free(&tmp);
            return 0;
        }
        s = tmp.data;
        len = tmp.len;
    }
    int rc = mustache_env_partial(r->env, s, len, t, n->offset, out, r->err);
    buf_free(&tmp);
    return rc;
}

/* Renders `nodes` of `t` with the indentation of a standalone tag added, or
 * with none for an inline partial. */
static int render_indented(Render *r, const MustacheTemplate *t,
                           const Node *nodes, size_t n, const Node *site,
                           int inline_partial)
{
    size_t len = r->indent.len, base = r->indent_base;
    if (site->standalone)
        buf_append(&r->indent, site->indent.s, site->indent.len);
    else if (inline_partial)
        r->indent_base = r->indent.len;
    r->depth++;
    int rc = render_nodes(r, t, nodes, n);
    r->depth--;
    r->indent.len = len;
    r->indent_base = base;
    return rc;
}

/* {{>name}}, and {{<name}} (a parent: `n`'s children override its
 * blocks while it renders). */
static int render_partial(Render *r, const MustacheTemplate *t, const Node *n)
{
    const MustacheTemplate *p;
    if (target(r, t, n, &p) < 0)
        return -1;
    if (!p)
        return 0;
    if (too_deep(r, t, n))
        return -1;
    if (n->kind == NODE_PARTIAL)
        return render_indented(r, p, p->nodes, p->nnodes, n, 1);
    if (r->nframes == r->frames_cap) {
        r->frames_cap = grow_capacity(r->frames_cap, r->nframes + 1);
        r->frames = xrealloc(r->frames, r->frames_cap * sizeof *r->frames);
    }
    r->frames[r->nframes].tmpl = t;
    r->frames[r->nframes].parent = n;
    r->nframes++;
    int rc = render_indented(r, p, p->nodes, p->nnodes, n, 1);
    r->nframes--;
    return rc;
}

static int render_block(Render *r, const MustacheTemplate *t, const Node *n)
{
    for (size_t f = 0; f < r->nframes; f++) {
        const Node *parent = r->frames[f].parent;
        for (size_t i = 0; i < parent->nchildren; i++) {
            const Node *b = &parent->children[i];
            if (b->text.len == n->text.len &&
                memcmp(b->text.s, n->text.s, n->text.len) == 0) {
                if (too_deep(r, t, n))
                    return -1;
                return render_indented(r, r->frames[f].tmpl, b->children,
                                       b->nchildren, n, 0);
            }
        }
    }
    return render_indented(r, t, n->children, n->nchildren, n, 0);
}

static int render_section(Render *r, const MustacheTemplate *t, const Node *n)
{
    const cJSON *v = lookup(r, &n->name);
    if (!truthy(v))
        return 0;
    if (cJSON_IsArray(v)) {
        for (const cJSON *item = v->child; item; item = item->next) {
            push_ctx(r, item);
            int rc = render_nodes(r, t, n->children, n->nchildren);
            r->nctx--;
            if (rc < 0)
                return -1;
        }
        return 0;
    }
    push_ctx(r, v);
    int rc = render_nodes(r, t, n->children, n->nchildren);
    r->nctx--;
    return rc;
}

static int is_line_ending(Slice s)
{
    return (s.len == 1 && s.s[0] == '\n') ||
           (s.len == 2 && s.s[0] == '\r' && s.s[1] == '\n');
}

/* The work budget: fails naming the node that went over. */
static int over_budget(Render *r, const MustacheTemplate *t, const Node *n)
{
    if (++r->steps > r->max_steps)
        return lb_fail_at(r->err, LB_EINPUT, t->name, t->src, t->len,
                          n->offset, "rendering takes more than %lu steps "
                          "(partials or sections multiplying?)",
                          r->max_steps) != 0;
    if (r->out->len - r->out_start > r->max_output)
        return lb_fail_at(r->err, LB_EINPUT, t->name, t->src, t->len,
                          n->offset, "rendering makes more than %zu MiB",
                          r->max_output >> 20) != 0;
    return 0;
}

/* Values in `v` (itself included). Recursion is as deep as the data,
 * which cJSON bounds (CJSON_NESTING_LIMIT) and views keep shallow. */
static size_t count_values(const cJSON *v)
{
    size_t n = 1;
    for (const cJSON *c = v->child; c; c = c->next)
        n += count_values(c);
    return n;
}

static int render_nodes(Render *r, const MustacheTemplate *t,
                        const Node *nodes, size_t n)
{
    int indenting = r->indent.len > r->indent_base;
    for (size_t i = 0; i < n; i++) {
        const Node *x = &nodes[i];
        if (over_budget(r, t, x))
            return -1;
        if (indenting && x->bol &&
            !(x->kind == NODE_TEXT && is_line_ending(x->text)))
            emit_indent(r);
        int rc = 0;
        switch (x->kind) {
        case NODE_TEXT:
            buf_append(r->out, x->text.s, x->text.len);
            break;
        case NODE_VAR:
        case NODE_RAW: {
            const cJSON *v = lookup(r, &x->name);
            if (missing(r, t, x, v))
                return -1;
            mustache_format_value(r->out, v, x->kind == NODE_RAW
                                                 ? MUSTACHE_ESCAPE_NONE
                                                 : r->escape);
            break;
        }
        case NODE_SECTION:
            rc = render_section(r, t, x);
            break;
        case NODE_INVERTED:
            if (!truthy(lookup(r, &x->name)))
                rc = render_nodes(r, t, x->children, x->nchildren);
            break;
        case NODE_PARTIAL:
        case NODE_PARENT:
            rc = render_partial(r, t, x);
            break;
        case NODE_BLOCK:
            rc = render_block(r, t, x);
            break;
        }
        if (rc < 0)
            return -1;
    }
    return 0;
}

void mustache_budget(const cJSON *data, unsigned long *steps, size_t *bytes)
{
    size_t values = data ? count_values(data) : 0;
    *steps = MUSTACHE_MAX_STEPS;
    *bytes = MUSTACHE_MAX_OUTPUT;
    if (values > *steps / MUSTACHE_STEPS_PER_VALUE)
        *steps = values * MUSTACHE_STEPS_PER_VALUE;
    if (values > *bytes / MUSTACHE_BYTES_PER_VALUE)
        *bytes = values * MUSTACHE_BYTES_PER_VALUE;
}

int mustache_render(MustacheEnv *env, const MustacheTemplate *tmpl,
                    const cJSON *data, MustacheEscape escape, Buf *out,
                    LbError *err)
{
    Render r = {0};
    r.env = env;
    r.out = out;
    r.escape = escape;
    r.err = err;
    r.out_start = out->len;
    mustache_budget(data, &r.max_steps, &r.max_output);
    if (data)
        push_ctx(&r, data);
    buf_reserve(out, tmpl->len);
    out->data[out->len] = '\0'; /* reserve does not terminate */
    int rc = render_nodes(&r, tmpl, tmpl->nodes, tmpl->nnodes);
    free(r.ctx);
    free(r.frames);
    buf_free(&r.indent);
    return rc;
}
