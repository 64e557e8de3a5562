/* mustache — the compiler (see mustache.h; the environment that owns the
 * templates and finds partials is mustache_env.c).
 *
 * Compilation is three linear passes over the source:
 *   1. tokenize: text runs and tags, following {{=<% %>=}} delimiter changes;
 *   2. standalone: a tag alone on its line (only spaces or tabs around it)
 *      takes the whole line with it; for inheritance, the adjacent pairs
 *      {{<p}}{{/p}}, {{<p}}{{$b}}, {{/b}}{{/p}} and {{$b}}{{/b}} count as one
 *      tag (the last keeps its line ending, as spec PR #131 settled);
 *   3. tree: sections, parents and blocks nest; text splits into lines so the
 *      renderer can indent standalone partials and re-indent blocks.
 * mustache_template_names() walks a compiled tree for the names it looks
 * up (the strict-mode contract and `lbgen i18n check` use it). */
#include "mustache.h"

#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "mem.h"
#include "mustache_internal.h"

typedef enum {
    TK_TEXT,
    TK_VAR,
    TK_RAW,
    TK_SECTION,
    TK_INVERTED,
    TK_CLOSE,
    TK_COMMENT,
    TK_PARTIAL,
    TK_PARENT,
    TK_BLOCK,
    TK_DELIM
} TokenKind;

typedef struct {
    TokenKind kind;
    int standalone;
    int keep_newline; /* {{$b}}{{/b}} pair: the line ending stays */
    TokenKind closes; /* TK_CLOSE: the kind of tag it closes, if any */
    size_t start, end;          /* TEXT: bytes; tags: the whole tag */
    size_t name_start, name_len; /* trimmed tag content (after the sigil) */
    size_t indent_start, indent_len;
} Token;

typedef struct {
    const char *name;
    const char *src;
    size_t len;
    LbError *err;
    Token *toks;
    size_t ntoks, cap;
} Compiler;

static int is_blank(char c) { return c == ' ' || c == '\t'; }
static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int fail(Compiler *c, size_t offset, const char *msg, const char *arg)
{
    return lb_fail_at(c->err, LB_EINPUT, c->name, c->src, c->len, offset, msg,
                      arg);
}

static Token *push_token(Compiler *c, TokenKind kind, size_t start, size_t end)
{
    if (c->ntoks == c->cap) {
        c->cap = grow_capacity(c->cap, c->ntoks + 1);
        c->toks = xrealloc(c->toks, c->cap * sizeof *c->toks);
    }
    Token *t = &c->toks[c->ntoks++];
    memset(t, 0, sizeof *t);
    t->kind = kind;
    t->start = start;
    t->end = end;
    return t;
}

/* memmem() would do, but sanitizers check its whole haystack on every call,
 * which turns a linear scan quadratic under `make test`. memchr() is
 * checked only up to the match. */
static const char *find(const char *hay, size_t n, const char *needle,
                        size_t m)
{
    const char *end = hay + n;
    while ((size_t)(end - hay) >= m) {
        const char *p = memchr(hay, needle[0], (size_t)(end - hay) - m + 1);
        if (!p)
            return NULL;
        if (memcmp(p + 1, needle + 1, m - 1) == 0)
            return p;
        hay = p + 1;
    }
    return NULL;
}

/* {{=<% %>=}}: content between '=' and '='. */
static int set_delimiters(Compiler *c, size_t tag, size_t from, size_t to,
                          char *open, size_t *olen, char *close, size_t *clen)
{
    const char *s = c->src;
    size_t i = from;
    while (i < to && is_space(s[i]))
        i++;
    size_t a = i;
    while (i < to && !is_space(s[i]))
        i++;
    size_t alen = i - a;
    while (i < to && is_space(s[i]))
        i++;
    size_t b = i;
    while (i < to && !is_space(s[i]))
        i++;
    size_t blen = i - b;
    while (i < to && is_space(s[i]))
        i++;
    if (alen == 0 || blen == 0 || i != to || alen > 15 || blen > 15 ||
        memchr(s + a, '=', alen) || memchr(s + b, '=', blen))
        return fail(c, tag,
                    "bad delimiter tag: expected two delimiters without '=' "
                    "separated by whitespace, as in {{=<%% %%>=}}%s",
                    "");
    memcpy(open, s + a, alen);
    *olen = alen;
    memcpy(close, s + b, blen);
    *clen = blen;
    return 0;
}

static int tokenize(Compiler *c)
{
    char open[16] = "{{", close[17] = "}}";
    size_t olen = 2, clen = 2;
    const char *s = c->src;
    size_t pos = 0;
    while (pos < c->len) {
        const char *o = find(s + pos, c->len - pos, open, olen);
        size_t tag = o ? (size_t)(o - s) : c->len;
        if (tag > pos)
            push_token(c, TK_TEXT, pos, tag);
        if (!o)
            break;
        size_t p = tag + olen;
        char sigil = p < c->len ? s[p] : '\0';
        TokenKind kind = TK_VAR;
        switch (sigil) {
        case '{': kind = TK_RAW; break;
        case '&': kind = TK_RAW; break;
        case '#': kind = TK_SECTION; break;
        case '^': kind = TK_INVERTED; break;
        case '/': kind = TK_CLOSE; break;
        case '!': kind = TK_COMMENT; break;
        case '>': kind = TK_PARTIAL; break;
        case '<': kind = TK_PARENT; break;
        case '$': kind = TK_BLOCK; break;
        case '=': kind = TK_DELIM; break;
        default: break;
        }
        if (kind != TK_VAR)
            p++;
        /* The closing sequence: "}" + close for {{{, "=" + close for {{=. */
        char closer[18];
        size_t cl = 0;
        if (sigil == '{' || sigil == '=')
            closer[cl++] = sigil == '{' ? '}' : '=';
        memcpy(closer + cl, close, clen);
        cl += clen;
        const char *e = find(s + p, c->len - p, closer, cl);
        if (!e) {
            closer[cl] = '\0';
            return fail(c, tag, "unclosed tag: no '%s' after it", closer);
        }
        size_t content_end = (size_t)(e - s);
        size_t end = content_end + cl;
        if (kind == TK_DELIM) {
            if (set_delimiters(c, tag, p, content_end, open, &olen, close,
                               &clen) < 0)
                return -1;
            push_token(c, TK_DELIM, tag, end);
            pos = end;
            continue;
        }
        Token *t = push_token(c, kind, tag, end);
        size_t a = p, b = content_end;
        while (a < b && is_space(s[a]))
            a++;
        while (b > a && is_space(s[b - 1]))
            b--;
        t->name_start = a;
        t->name_len = b - a;
        if (kind != TK_COMMENT) {
            if (a == b)
                return fail(c, tag, "empty tag%s", "");
            size_t k = a;
            /* "{{> * name}}": space after a dynamic '*' is padding. */
            if (s[a] == '*' && (kind == TK_PARTIAL || kind == TK_PARENT ||
                                kind == TK_CLOSE)) {
                k++;
                while (k < b && is_space(s[k]))
                    k++;
            }
            for (; k < b; k++)
                if (is_space(s[k]))
                    return fail(c, tag, "tag name contains whitespace%s", "");
        }
        pos = end;
    }
    return 0;
}

/* ---- pass 2: standalone lines ---------------------------------------- */

static int standalone_capable(TokenKind k)
{
    return k != TK_TEXT && k != TK_VAR && k != TK_RAW;
}

/* Only spaces or tabs between the start of the line and token i. */
static int clean_before(const Compiler *c, size_t i)
{
    if (i == 0)
        return 1;
    const Token *t = &c->toks[i - 1];
    if (t->kind != TK_TEXT)
        return 0;
    size_t k = t->end;
    while (k > t->start && is_blank(c->src[k - 1]))
        k--;
    if (k > t->start)
        return c->src[k - 1] == '\n';
    return k == 0 || c->src[k - 1] == '\n';
}

/* Only spaces or tabs, then a line ending or the end of the template, after
 * token i. Returns the offset just past the line ending, or 0 if unclean. */
static size_t clean_after(const Compiler *c, size_t i, size_t *ws_end)
{
    if (i + 1 == c->ntoks) {
        *ws_end = c->len;
        return c->len + 1;
    }
    const Token *t = &c->toks[i + 1];
    if (t->kind != TK_TEXT)
        return 0;
    size_t k = t->start;
    while (k < t->end && is_blank(c->src[k]))
        k++;
    *ws_end = k;
    if (k == t->end)
        return i + 2 == c->ntoks ? c->len + 1 : 0;
    if (c->src[k] == '\n')
        return k + 2;
    if (c->src[k] == '\r' && k + 1 < t->end && c->src[k + 1] == '\n')
        return k + 3;
    return 0;
}

/* Strips the indentation before token i (it becomes its indent). */
static void take_indent(Compiler *c, size_t i, Token *tag)
{
    if (i == 0)
        return;
    Token *t = &c->toks[i - 1];
    if (t->kind != TK_TEXT)
        return;
    size_t k = t->end;
    while (k > t->start && is_blank(c->src[k - 1]))
        k--;
    tag->indent_start = k;
    tag->indent_len = t->end - k;
    t->end = k;
}

/* Strips what follows token i up to `upto` (an offset + 1, see clean_after). */
static void take_rest(Compiler *c, size_t i, size_t upto)
{
    if (i + 1 >= c->ntoks)
        return;
    Token *t = &c->toks[i + 1];
    size_t to = upto - 1;
    t->start = to < t->end ? to : t->end;
}

static int pairs(const Token *a, const Token *b)
{
    if (a->end != b->start)
        return 0;
    if (a->kind == TK_PARENT)
        return b->kind == TK_CLOSE || b->kind == TK_BLOCK;
    if (a->kind == TK_BLOCK)
        return b->kind == TK_CLOSE;
    /* {{/block}}{{/parent}}; two section closes stay separate, as in the
     * core spec. */
    return a->kind == TK_CLOSE && a->closes == TK_BLOCK &&
           b->kind == TK_CLOSE && b->closes == TK_PARENT;
}

/* Records which kind of tag each closing tag closes (mismatches are left
 * for the tree pass to report). */
static void match_closes(Compiler *c)
{
    TokenKind *stack = xmalloc((c->ntoks + 1) * sizeof *stack);
    size_t depth = 0;
    for (size_t i = 0; i < c->ntoks; i++) {
        Token *t = &c->toks[i];
        if (t->kind == TK_SECTION || t->kind == TK_INVERTED ||
            t->kind == TK_PARENT || t->kind == TK_BLOCK)
            stack[depth++] = t->kind;
        else if (t->kind == TK_CLOSE)
            t->closes = depth ? stack[--depth] : TK_TEXT;
    }
    free(stack);
}

static void mark_standalone(Compiler *c)
{
    match_closes(c);
    for (size_t i = 0; i < c->ntoks; i++) {
        Token *t = &c->toks[i];
        if (!standalone_capable(t->kind) || t->standalone)
            continue;
        size_t ws_end, upto;
        if (clean_before(c, i) && (upto = clean_after(c, i, &ws_end))) {
            t->standalone = 1;
            take_indent(c, i, t);
            take_rest(c, i, upto);
            continue;
        }
        if (i + 1 < c->ntoks && pairs(t, &c->toks[i + 1]) &&
            clean_before(c, i) && (upto = clean_after(c, i + 1, &ws_end))) {
            Token *u = &c->toks[i + 1];
            int keep = t->kind == TK_BLOCK; /* {{$b}}{{/b}} keeps its '\n' */
            t->standalone = u->standalone = 1;
            take_indent(c, i, t);
            u->indent_start = t->indent_start;
            u->indent_len = t->indent_len;
            u->keep_newline = keep;
            take_rest(c, i + 1, keep ? ws_end + 1 : upto);
            i++;
        }
    }
}

/* ---- pass 3: the tree ------------------------------------------------- */

typedef struct {
    Node *items;
    size_t n, cap;
} NodeVec;

static Node *vec_push(NodeVec *v)
{
    if (v->n == v->cap) {
        v->cap = grow_capacity(v->cap, v->n + 1);
        v->items = xrealloc(v->items, v->cap * sizeof *v->items);
    }
    Node *n = &v->items[v->n++];
    memset(n, 0, sizeof *n);
    return n;
}

typedef struct {
    Node node;     /* the opener, children filled in at its close */
    size_t tok;    /* index of the opening token */
    NodeVec kids;
} Open;

static int at_line_start(const Compiler *c, size_t off)
{
    return off == 0 || c->src[off - 1] == '\n';
}

static int parse_name(Compiler *c, size_t tag, const char *s, size_t len,
                      Name *out)
{
    memset(out, 0, sizeof *out);
    if (len == 1 && s[0] == '.') {
        out->implicit = 1;
        return 0;
    }
    if (s[0] == '.') {
        out->local = 1;
        s++;
        len--;
    }
    size_t n = 1;
    for (size_t i = 0; i < len; i++)
        n += s[i] == '.';
    out->parts = xcalloc(n, sizeof *out->parts);
    size_t start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i == len || s[i] == '.') {
            if (i == start) {
                free(out->parts);
                out->parts = NULL;
                return fail(c, tag, "empty part in dotted name%s", "");
            }
            out->parts[out->nparts].s = s + start;
            out->parts[out->nparts].len = i - start;
            out->nparts++;
            start = i + 1;
        }
    }
    return 0;
}

/* Tags naming a partial, parent or block: "*name" is dynamic. */
static int parse_target(Compiler *c, const Token *t, Node *n)
{
    const char *s = c->src + t->name_start;
    size_t len = t->name_len;
    n->text.s = s;
    n->text.len = len;
    if (s[0] == '*' && (t->kind == TK_PARTIAL || t->kind == TK_PARENT)) {
        n->dynamic = 1;
        s++;
        len--;
        while (len && is_space(*s)) {
            s++;
            len--;
        }
        if (len == 0)
            return fail(c, t->start, "empty dynamic name%s", "");
        return parse_name(c, t->start, s, len, &n->name);
    }
    return 0;
}

/* The name a closing tag must repeat: "*x" and "* x" are the same. */
static Slice close_key(const char *s, size_t len)
{
    Slice k = {s, len};
    return k;
}

static int same_key(Slice a, Slice b)
{
    if (a.len && b.len && a.s[0] == '*' && b.s[0] == '*') {
        a.s++, a.len--, b.s++, b.len--;
        while (a.len && is_space(*a.s))
            a.s++, a.len--;
        while (b.len && is_space(*b.s))
            b.s++, b.len--;
    }
    return a.len == b.len && memcmp(a.s, b.s, a.len) == 0;
}

static void add_text(Compiler *c, NodeVec *v, size_t start, size_t end)
{
    while (start < end) {
        const char *nl = memchr(c->src + start, '\n', end - start);
        size_t stop = nl ? (size_t)(nl - c->src) + 1 : end;
        Node *n = vec_push(v);
        n->kind = NODE_TEXT;
        n->offset = start;
        n->bol = at_line_start(c, start);
        n->text.s = c->src + start;
        n->text.len = stop - start;
        start = stop;
    }
}

static void strip_prefix(Slice *s, Slice prefix)
{
    size_t k = 0;
    while (k < s->len && k < prefix.len && s->s[k] == prefix.s[k])
        k++;
    s->s += k;
    s->len -= k;
}

/* Removes the block's own indentation `d` from every line of its body. A
 * standalone block inside has its own body already relative to itself:
 * only its indentation shifts. */
static void dedent(Node *nodes, size_t n, Slice d)
{
    for (size_t i = 0; i < n; i++) {
        Node *x = &nodes[i];
        switch (x->kind) {
        case NODE_TEXT:
            if (x->bol)
                strip_prefix(&x->text, d);
            break;
        case NODE_PARTIAL:
            if (x->standalone)
                strip_prefix(&x->indent, d);
            break;
        case NODE_BLOCK:
        case NODE_PARENT:
            if (x->standalone) {
                strip_prefix(&x->indent, d);
                if (x->kind == NODE_BLOCK)
                    break;
            }
            dedent(x->children, x->nchildren, d);
            break;
        case NODE_SECTION:
        case NODE_INVERTED:
            dedent(x->children, x->nchildren, d);
            break;
        default:
            break;
        }
    }
}

/* A standalone block's indentation: that of the first non-blank line of its
 * body, else the whitespace before its tag. */
static Slice block_indent(const Compiler *c, const Token *open,
                          size_t body_start, size_t body_end)
{
    size_t i = body_start;
    while (i < body_end) {
        size_t k = i;
        while (k < body_end && is_blank(c->src[k]))
            k++;
        if (k < body_end && c->src[k] != '\n' && c->src[k] != '\r') {
            Slice s = {c->src + i, k - i};
            if (s.len)
                return s;
            break;
        }
        const char *nl = memchr(c->src + k, '\n', body_end - k);
        if (!nl)
            break;
        i = (size_t)(nl - c->src) + 1;
    }
    Slice s = {c->src + open->indent_start, open->indent_len};
    return s;
}

static void finish_open(Compiler *c, Open *o, size_t close_tok)
{
    Node *n = &o->node;
    const Token *open = &c->toks[o->tok];
    if (n->kind == NODE_PARENT) {
        /* Only the blocks inside a parent matter: they are its arguments. */
        NodeVec blocks = {0};
        for (size_t i = 0; i < o->kids.n; i++) {
            if (o->kids.items[i].kind == NODE_BLOCK)
                *vec_push(&blocks) = o->kids.items[i];
            else
                mustache_free_nodes(&o->kids.items[i], 1);
        }
        free(o->kids.items);
        o->kids = blocks;
    }
    n->children = o->kids.items;
    n->nchildren = o->kids.n;
    if (n->kind == NODE_BLOCK && n->standalone) {
        size_t body_start = o->tok + 1 < close_tok &&
                                    c->toks[o->tok + 1].kind == TK_TEXT
                                ? c->toks[o->tok + 1].start
                                : open->end;
        size_t body_end = c->toks[close_tok].start;
        n->indent = block_indent(c, open, body_start, body_end);
        if (n->indent.s != c->src + open->indent_start)
            dedent(n->children, n->nchildren, n->indent);
    }
}

static int build_tree(Compiler *c, MustacheTemplate *t)
{
    Open *stack = xcalloc(MUSTACHE_MAX_NESTING + 1, sizeof *stack);
    size_t depth = 0;
    NodeVec root = {0};
    int rc = 0;
    for (size_t i = 0; i < c->ntoks && rc == 0; i++) {
        Token *tk = &c->toks[i];
        NodeVec *into = depth ? &stack[depth - 1].kids : &root;
        const char *name = c->src + tk->name_start;
        switch (tk->kind) {
        case TK_TEXT:
            add_text(c, into, tk->start, tk->end);
            break;
        case TK_COMMENT:
        case TK_DELIM:
            break;
        case TK_VAR:
        case TK_RAW: {
            Node *n = vec_push(into);
            n->kind = tk->kind == TK_VAR ? NODE_VAR : NODE_RAW;
            n->offset = tk->start;
            n->bol = at_line_start(c, tk->start);
            rc = parse_name(c, tk->start, name, tk->name_len, &n->name);
            break;
        }
        case TK_PARTIAL: {
            Node *n = vec_push(into);
            n->kind = NODE_PARTIAL;
            n->offset = tk->start;
            n->standalone = (unsigned char)tk->standalone;
            n->bol = !tk->standalone && at_line_start(c, tk->start);
            n->indent.s = c->src + tk->indent_start;
            n->indent.len = tk->indent_len;
            rc = parse_target(c, tk, n);
            break;
        }
        case TK_SECTION:
        case TK_INVERTED:
        case TK_PARENT:
        case TK_BLOCK: {
            if (depth == MUSTACHE_MAX_NESTING) {
                rc = fail(c, tk->start, "sections nested more than %s deep",
                          "256");
                break;
            }
            Open *o = &stack[depth++];
            memset(o, 0, sizeof *o);
            o->tok = i;
            Node *n = &o->node;
            n->kind = tk->kind == TK_SECTION    ? NODE_SECTION
                      : tk->kind == TK_INVERTED ? NODE_INVERTED
                      : tk->kind == TK_PARENT   ? NODE_PARENT
                                                : NODE_BLOCK;
            n->offset = tk->start;
            n->standalone = (unsigned char)tk->standalone;
            n->bol = !tk->standalone && at_line_start(c, tk->start);
            n->indent.s = c->src + tk->indent_start;
            n->indent.len = tk->indent_len;
            if (n->kind == NODE_SECTION || n->kind == NODE_INVERTED)
                rc = parse_name(c, tk->start, name, tk->name_len, &n->name);
            else
                rc = parse_target(c, tk, n);
            break;
        }
        case TK_CLOSE: {
            Slice key = close_key(name, tk->name_len);
            if (depth == 0) {
                rc = lb_fail_at(c->err, LB_EINPUT, c->name, c->src, c->len,
                                tk->start,
                                "closing tag '%.*s' has no open section",
                                (int)(tk->end - tk->start), c->src + tk->start);
                break;
            }
            Open *o = &stack[depth - 1];
            const Token *ot = &c->toks[o->tok];
            Slice okey = {c->src + ot->name_start, ot->name_len};
            if (!same_key(key, okey)) {
                int line, col;
                text_position(c->src, c->len, ot->start, &line, &col);
                rc = lb_fail_at(c->err, LB_EINPUT, c->name, c->src, c->len,
                                tk->start,
                                "closing tag '%.*s' does not match '%.*s' "
                                "opened at %d:%d",
                                (int)(tk->end - tk->start), c->src + tk->start,
                                (int)(ot->end - ot->start), c->src + ot->start,
                                line, col);
                break;
            }
            finish_open(c, o, i);
            depth--;
            NodeVec *parent = depth ? &stack[depth - 1].kids : &root;
            *vec_push(parent) = o->node;
            break;
        }
        }
    }
    if (rc == 0 && depth > 0) {
        const Token *ot = &c->toks[stack[depth - 1].tok];
        rc = lb_fail_at(c->err, LB_EINPUT, c->name, c->src, c->len, ot->start,
                        "unclosed section '%.*s'", (int)(ot->end - ot->start),
                        c->src + ot->start);
    }
    if (rc < 0) {
        while (depth > 0) {
            Open *o = &stack[--depth];
            mustache_free_nodes(o->kids.items, o->kids.n);
            free(o->kids.items);
            mustache_free_nodes(&o->node, 1);
        }
        mustache_free_nodes(root.items, root.n);
        free(root.items);
    } else {
        t->nodes = root.items;
        t->nnodes = root.n;
    }
    free(stack);
    return rc;
}

void mustache_free_nodes(Node *nodes, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(nodes[i].name.parts);
        if (nodes[i].children) {
            mustache_free_nodes(nodes[i].children, nodes[i].nchildren);
            free(nodes[i].children);
        }
    }
}

void mustache_template_free(MustacheTemplate *t)
{
    mustache_free_nodes(t->nodes, t->nnodes);
    free(t->nodes);
    free(t->name);
    free(t->src);
    free(t);
}

MustacheTemplate *mustache_compile(MustacheEnv *env, const char *name,
                                   const char *text, size_t len, LbError *err)
{
    MustacheTemplate *t = xcalloc(1, sizeof *t);
    t->name = xstrdup(name);
    t->src = xmalloc(len + 1);
    if (len)
        memcpy(t->src, text, len);
    t->src[len] = '\0';
    t->len = len;
    Compiler c = {t->name, t->src, len, err, NULL, 0, 0};
    int rc = tokenize(&c);
    if (rc == 0) {
        mark_standalone(&c);
        rc = build_tree(&c, t);
    }
    free(c.toks);
    if (rc < 0) {
        mustache_template_free(t);
        return NULL;
    }
    t->next = env->templates;
    env->templates = t;
    return t;
}

MustacheTemplate *mustache_compile_file(MustacheEnv *env, const char *path,
                                        LbError *err)
{
    char *text;
    size_t len;
    if (file_read_all(path, &text, &len, err) < 0)
        return NULL;
    MustacheTemplate *t = mustache_compile(env, path, text, len, err);
    free(text);
    return t;
}

void mustache_name_text(Buf *out, const Name *name)
{
    if (name->implicit)
        buf_putc(out, '.');
    for (size_t p = 0; p < name->nparts; p++)
        buf_printf(out, "%s%.*s", p || name->local ? "." : "",
                   (int)name->parts[p].len, name->parts[p].s);
    buf_puts(out, ""); /* never NULL, even for an empty name */
}

static void node_names(const Node *nodes, size_t n,
                       void (*fn)(void *ctx, const char *name), void *ctx)
{
    for (size_t i = 0; i < n; i++) {
        const Node *x = &nodes[i];
        int named = x->kind == NODE_VAR || x->kind == NODE_RAW
                    || x->kind == NODE_SECTION || x->kind == NODE_INVERTED
                    || x->dynamic;
        if (named) {
            Buf name = BUF_INIT;
            mustache_name_text(&name, &x->name);
            fn(ctx, name.data);
            buf_free(&name);
        }
        node_names(x->children, x->nchildren, fn, ctx);
    }
}

void mustache_template_names(const MustacheTemplate *t,
                             void (*fn)(void *ctx, const char *name),
                             void *ctx)
{
    node_names(t->nodes, t->nnodes, fn, ctx);
}
