/* mustache — a spec-complete Mustache engine (spec v1.4: interpolation,
 * sections, inverted sections, comments, partials, set delimiters,
 * template inheritance, dynamic names; no lambdas) over cJSON data.
 *
 * Ownership: a MustacheEnv owns every template compiled through it and every
 * partial it loads (compiled once, cached by name); mustache_env_free()
 * releases them all. Rendering appends to a caller-owned Buf and never
 * modifies the template or the data, so one compiled template can be
 * rendered any number of times.
 *
 * Where the spec leaves a choice, lbgen's rules are:
 *  - falsey: false, null, a missing name and an empty list; "" and 0 are
 *    truthy (as in the spec's reference implementation);
 *  - numbers print as integers when integral, otherwise in the shortest form
 *    that reads back exactly (1.21); true/false print as words, null as
 *    nothing, a list or object as its compact JSON;
 *  - a missing partial is an error (see mustache_env_set_lenient), and so are
 *    unclosed tags and sections, mismatched closes, bad delimiters, empty
 *    names and whitespace inside names, all as NAME:LINE:COL;
 *  - "{{.name}}" (leading dot) looks name up in the top context only;
 *  - blank lines of an indented partial are not indented. */
#ifndef LBGEN_MUSTACHE_H
#define LBGEN_MUSTACHE_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "buf.h"
#include "diag.h"

typedef enum {
    MUSTACHE_ESCAPE_HTML,     /* & < > " ' */
    MUSTACHE_ESCAPE_MARKDOWN, /* safe in a GFM table cell and inline text */
    MUSTACHE_ESCAPE_NONE
} MustacheEscape;

typedef struct MustacheEnv MustacheEnv;
typedef struct MustacheTemplate MustacheTemplate;

/* Partials `{{>name}}` resolve to `partials_dir/name.mustache`, confined to
 * that directory (no "..", no absolute names, no symlink escape).
 * partials_dir may be NULL: then only in-memory partials exist. */
MustacheEnv *mustache_env_new(const char *partials_dir);
void mustache_env_free(MustacheEnv *env);

/* Lenient mode, for the official spec suite only: a partial that cannot be
 * found renders as nothing, as the spec says. By default (0) a missing
 * partial is an error naming the tag's TEMPLATE:LINE:COL. A {{>*name}} whose
 * name is missing from the data renders nothing in both modes. */
void mustache_env_set_lenient(MustacheEnv *env, int lenient);

/* Strict mode, the contract between a view and its templates: a template
 * may only print what the data provides. With strict set, rendering fails
 * (LB_EINPUT, "TEMPLATE:LINE:COL: error: strict: no \"NAME\" in the data")
 * on
 *  - an interpolation ({{name}}, {{{name}}}, {{&name}}) whose name does not
 *    resolve: no object on the context stack has its first part, or a
 *    later part of a dotted name is missing (null and false are values:
 *    they resolve);
 *  - a dynamic partial or parent ({{>*name}}, {{<*name}}) whose name does
 *    not resolve.
 * Sections and inverted sections ({{#name}}, {{^name}}) are not checked:
 * testing whether a name is there is what they are for. Off by default
 * (the spec's rule: a missing name interpolates as nothing). */
void mustache_env_set_strict(MustacheEnv *env, int strict);

/* Registers an in-memory partial (copied); it takes precedence over files. */
int mustache_env_add_partial(MustacheEnv *env, const char *name,
                             const char *text, size_t len, LbError *err);

/* Compiles `text`; `name` is used in error messages (NAME:LINE:COL). The
 * template belongs to env. Returns NULL and fills err on a syntax error. */
MustacheTemplate *mustache_compile(MustacheEnv *env, const char *name,
                                   const char *text, size_t len,
                                   LbError *err);

/* Reads and compiles a template file (name in errors = path). */
MustacheTemplate *mustache_compile_file(MustacheEnv *env, const char *path,
                                        LbError *err);

/* Renders against `data` (the bottom of the context stack), appending to
 * out. Fails (missing partial, partial recursion too deep) with err filled;
 * out may then hold a prefix of the output, which the caller discards. */
int mustache_render(MustacheEnv *env, const MustacheTemplate *tmpl,
                    const cJSON *data, MustacheEscape escape, Buf *out,
                    LbError *err);

/* The work one render of `data` may do (nodes visited, bytes produced):
 * a fixed floor, or more in proportion to the values in `data` (see
 * mustache_internal.h). */
void mustache_budget(const cJSON *data, unsigned long *steps,
                     size_t *bytes);

/* Calls fn once for every name a template's tags look up (interpolations,
 * sections, inverted sections, dynamic partial names), as written:
 * "board.title", ".", ".name". Names inside override blocks are
 * included; names in the partials it includes are not (compile those on
 * their own). */
void mustache_template_names(const MustacheTemplate *t,
                             void (*fn)(void *ctx, const char *name),
                             void *ctx);

/* html for .html/.htm/.svg/.xml, markdown for .md, none otherwise. */
MustacheEscape mustache_escape_for_path(const char *path);

/* The escapers themselves, for code that formats outside templates. */
void mustache_escape_html(Buf *out, const char *s, size_t len);
void mustache_escape_markdown(Buf *out, const char *s, size_t len);

#endif
