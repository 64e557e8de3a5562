/* mustache_internal — the compiled form shared by mustache.c (compiler),
 * mustache_env.c (environment, partial loading) and mustache_render.c
 * (renderer).
 *
 * A template owns a private copy of its source; every Slice in its tree
 * points into that copy. Nodes own their `children` and `parts` arrays,
 * freed by mustache_free_nodes(). Not part of the public interface. */
#ifndef LBGEN_MUSTACHE_INTERNAL_H
#define LBGEN_MUSTACHE_INTERNAL_H

#include <stddef.h>

#include "mustache.h"

/* Partials and parents nested deeper than this are an error (recursion). */
#define MUSTACHE_MAX_PARTIAL_DEPTH 64
/* Sections, blocks and parents nested deeper than this in one template. */
#define MUSTACHE_MAX_NESTING 256
/* One render may visit at most this many nodes and produce at most this
 * many bytes: depth limits alone still allow {{>self}}{{>self}} or nested
 * sections over a list to take exponential time. The budget scales with
 * the data rendered: MUSTACHE_STEPS_PER_VALUE nodes and
 * MUSTACHE_BYTES_PER_VALUE bytes for each value of the data (object,
 * array, string, number...), and never less than the fixed floors, which
 * the default site's pages use well under a hundredth of. A board page
 * costs about 4 nodes and 13 bytes per value (measured on a 20,000-row
 * board), so the budget leaves a wide margin; templates that multiply
 * (nested sections over one list, a partial included twice by itself)
 * grow exponentially and still hit it. */
#define MUSTACHE_MAX_STEPS 20000000UL
#define MUSTACHE_MAX_OUTPUT (256UL << 20)
#define MUSTACHE_STEPS_PER_VALUE 64UL
#define MUSTACHE_BYTES_PER_VALUE 256UL

typedef struct {
    const char *s;
    size_t len;
} Slice;

typedef enum {
    NODE_TEXT,     /* literal bytes: at most one line, ending at '\n' */
    NODE_VAR,      /* {{name}}: escaped per output */
    NODE_RAW,      /* {{{name}}} and {{&name}} */
    NODE_SECTION,  /* {{#name}} … {{/name}} */
    NODE_INVERTED, /* {{^name}} … {{/name}} */
    NODE_PARTIAL,  /* {{>name}} */
    NODE_PARENT,   /* {{<name}} … {{/name}}: children are the override blocks */
    NODE_BLOCK     /* {{$name}} … {{/name}} */
} NodeKind;

/* A dotted name resolved against the context stack. */
typedef struct {
    Slice *parts;
    size_t nparts;
    unsigned char implicit; /* "." : the top of the stack */
    unsigned char local;    /* ".a.b": first part looked up in the top only */
} Name;

typedef struct Node Node;
struct Node {
    NodeKind kind;
    unsigned char bol;        /* starts a source line: indentation goes first */
    unsigned char standalone; /* partial/parent/block tag stood on its own line */
    unsigned char dynamic;    /* partial/parent: {{>*name}}, name from data */
    size_t offset;            /* byte offset of the tag, for error positions */
    Slice text;               /* TEXT bytes; PARTIAL/PARENT/BLOCK literal name */
    Slice indent;             /* standalone PARTIAL/PARENT/BLOCK indentation */
    Name name;                /* VAR/RAW/SECTION/INVERTED, dynamic names */
    Node *children;
    size_t nchildren;
};

struct MustacheTemplate {
    char *name; /* for NAME:LINE:COL */
    char *src;
    size_t len;
    Node *nodes;
    size_t nnodes;
    MustacheTemplate *next; /* env's list of everything it owns */
};

typedef struct {
    char *name;
    char *text; /* in-memory partial source, or NULL for a file partial */
    size_t len;
    MustacheTemplate *tmpl; /* compiled on first use */
    int missing;            /* looked up before and not found */
} PartialEntry;

struct MustacheEnv {
    char *partials_dir;      /* as given */
    char *partials_real;     /* realpath of it, or NULL if it does not exist */
    int lenient;             /* missing partial renders empty (spec mode) */
    int strict;              /* missing interpolated names are errors */
    PartialEntry *partials;
    size_t npartials, cap;
    MustacheTemplate *templates;
};

/* Finds or loads and compiles partial `name` (len bytes). Returns 0 and sets
 * *out (NULL when missing and lenient), or -1 with err filled; `site` and
 * `offset` locate the tag for error messages. */
int mustache_env_partial(MustacheEnv *env, const char *name, size_t len,
                         const MustacheTemplate *site, size_t offset,
                         const MustacheTemplate **out, LbError *err);

void mustache_free_nodes(Node *nodes, size_t n);

/* Appends a name as its tag wrote it: "board.title", ".", ".name". */
void mustache_name_text(Buf *out, const Name *name);
void mustache_template_free(MustacheTemplate *t);

/* Appends the interpolated form of a scalar (strings as is, numbers in
 * their shortest round-trip form, true/false, null as nothing). */
void mustache_format_value(Buf *out, const cJSON *v, MustacheEscape escape);

#endif
