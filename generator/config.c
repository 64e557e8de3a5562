#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "adapter.h"
#include "buf.h"
#include "buildinfo.h"
#include "jsonfile.h"
#include "fileio.h"
#include "mem.h"
#include "route.h"
#include "slug.h"
#include "text.h"

/* ---- the schema --------------------------------------------------------------
 * Every key leaderboards.json may hold, as a path from the top: dotted
 * member names, "[]" for the elements of an array. A key that is not here
 * is an error naming FILE:LINE:COL and the nearest key that is. Adding a
 * key is one line here, plus the code below that reads it (value types,
 * required keys and defaults are the readers' business). An "opaque" key's
 * value is checked by its own reader (live.options: by its adapter). */
static const struct {
    const char *path;
    int opaque;
} schema[] = {
    {"site", 0},
    {"site.title_key", 0},
    {"site.tagline_key", 0},
    {"site.base_url", 0},
    {"site.default_locale", 0},
    {"site.markdown_flavor", 0},
    {"site.docs", 0},
    {"site.docs.path", 0},
    {"site.docs.paths", 1},
    {"site.docs.summary", 0},
    {"paths", 0},
    {"paths.templates", 0},
    {"paths.locales", 0},
    {"paths.history", 0},
    {"catalog", 0},
    {"locales", 0},
    {"leaderboards", 0},
    {"leaderboards[].id", 0},
    {"leaderboards[].kind", 0},
    {"leaderboards[].data", 0},
    {"leaderboards[].live", 0},
    {"leaderboards[].live.url", 0},
    {"leaderboards[].live.adapter", 0},
    {"leaderboards[].live.via", 0},
    {"leaderboards[].live.max_rows", 0},
    {"leaderboards[].live.options", 1},
    {"leaderboards[].sources", 0},
    {"leaderboards[].sources[].url", 0},
    {"leaderboards[].sources[].adapter", 0},
    {"leaderboards[].sources[].via", 0},
    {"leaderboards[].sources[].max_rows", 0},
    {"leaderboards[].sources[].options", 1},
    {"leaderboards[].columns", 0},
    {"leaderboards[].top_n", 0},
    {"leaderboards[].category_top_n", 0},
    {"leaderboards[].chart_top_n", 0},
    {"leaderboards[].title_key", 0},
    {"leaderboards[].intro_key", 0},
    {"leaderboards[].description_key", 0},
    {"leaderboards[].link", 0},
    {"leaderboards[].short_title_key", 0},
    {"leaderboards[].group", 0},
    {"leaderboards[].style_control", 0},
    {"leaderboards[].categories", 0},
    {"leaderboards[].categories[].id", 0},
    {"leaderboards[].categories[].data", 0},
    {"leaderboards[].categories[].title_key", 0},
    {"leaderboards[].categories[].sources", 0},
    {"leaderboards[].categories[].sources[].url", 0},
    {"leaderboards[].categories[].sources[].adapter", 0},
    {"leaderboards[].categories[].sources[].via", 0},
    {"leaderboards[].categories[].sources[].options", 1},
};
enum { N_SCHEMA = sizeof schema / sizeof schema[0], MAX_DEPTH = 8 };

/* Walking the parsed file against the schema. `pattern` is the schema path
 * of the node ("leaderboards[].live"), `where` the same with indices
 * ("leaderboards[2].live"), `steps` the path for json_offset_of(). */
typedef struct {
    const char *name, *text;
    size_t len;
    LbError *err;
    JsonStep steps[MAX_DEPTH];
    size_t depth;
} Walk;

static int schema_find(const char *path)
{
    for (int i = 0; i < N_SCHEMA; i++)
        if (strcmp(schema[i].path, path) == 0)
            return i;
    return -1;
}

/* The keys the schema allows in the object at `pattern`; count in *n. */
static const char **keys_under(const char *pattern, size_t *n)
{
    const char **keys = xcalloc(N_SCHEMA, sizeof *keys);
    size_t plen = strlen(pattern);
    *n = 0;
    for (int i = 0; i < N_SCHEMA; i++) {
        const char *p = schema[i].path;
        if (plen && (strncmp(p, pattern, plen) != 0 || p[plen] != '.'))
            continue;
        const char *key = plen ? p + plen + 1 : p;
        if (!strpbrk(key, ".["))
            keys[(*n)++] = key;
    }
    return keys;
}

static int unknown_key(Walk *w, const char *pattern, const char *where,
                       const char *key)
{
    size_t n;
    const char **keys = keys_under(pattern, &n);
    const char *near = text_nearest(key, keys, n);
    Buf hint = BUF_INIT;
    if (near) {
        buf_printf(&hint, "did you mean `%s`?", near);
    } else {
        buf_puts(&hint, "known keys here:");
        for (size_t i = 0; i < n; i++)
            buf_printf(&hint, "%s `%s`", i ? "," : "", keys[i]);
    }
    size_t at = json_offset_of(w->text, w->len, w->steps, w->depth);
    lb_fail_at(w->err, LB_EINPUT, w->name, w->text, w->len, at,
               "%s%s%s: unknown key (%s)", where, *where ? "." : "", key,
               hint.data);
    buf_free(&hint);
    free(keys);
    return -1;
}

static int walk(Walk *w, const cJSON *node, const char *pattern,
                const char *where)
{
    if (w->depth == MAX_DEPTH)
        return 0; /* deeper than any schema path: nothing to check */
    int rc = 0;
    size_t index = 0;
    const cJSON *item;
    cJSON_ArrayForEach(item, node) {
        char *child, *child_where;
        if (cJSON_IsObject(node)) {
            w->steps[w->depth] = (JsonStep){item->string, 0};
            child = str_printf("%s%s%s", pattern, *pattern ? "." : "",
                               item->string);
            child_where = str_printf("%s%s%s", where, *where ? "." : "",
                                     item->string);
        } else {
            w->steps[w->depth] = (JsonStep){NULL, index};
            child = str_printf("%s[]", pattern);
            child_where = str_printf("%s[%zu]", where, index);
        }
        index++;
        w->depth++;
        int known = schema_find(child);
        if (cJSON_IsObject(node) && known < 0)
            rc = unknown_key(w, pattern, where, item->string);
        else if (!(known >= 0 && schema[known].opaque))
            rc = walk(w, item, child, child_where);
        w->depth--;
        free(child);
        free(child_where);
        if (rc != 0)
            break;
    }
    return rc;
}

/* ---- reading ------------------------------------------------------------------ */

typedef struct {
    const char *name;
    char where[112];
    LbError *err;
} Reader;

static int bad(Reader *r, const char *field, const char *problem)
{
    const char *dot = *r->where && *field ? "." : "";
    const char *colon = *r->where || *field ? ": " : "";
    return lb_fail(r->err, LB_EINPUT, "%s: %s%s%s%s%s", r->name, r->where, dot,
                   field, colon, problem);
}

static int get_string(Reader *r, const cJSON *obj, const char *field,
                      char **out, int required)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, field);
    if (!v)
        return required ? bad(r, field, "missing") : 0;
    if (!cJSON_IsString(v) || v->valuestring[0] == '\0')
        return bad(r, field, "expected a non-empty string");
    *out = xstrdup(v->valuestring);
    return 0;
}

static int get_int(Reader *r, const cJSON *obj, const char *field, int *out)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, field);
    if (!v)
        return 0;
    if (!cJSON_IsNumber(v) || v->valuedouble < 0 || v->valuedouble > 1e6
        || v->valuedouble != (int)v->valuedouble)
        return bad(r, field, "expected a non-negative integer");
    *out = (int)v->valuedouble;
    return 0;
}

static int get_string_list(Reader *r, const cJSON *obj, const char *field,
                           char ***out, size_t *n)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, field);
    if (!cJSON_IsArray(v) || cJSON_GetArraySize(v) == 0)
        return bad(r, field, "expected a non-empty array of strings");
    *n = 0;
    *out = xcalloc((size_t)cJSON_GetArraySize(v), sizeof **out);
    const cJSON *item;
    cJSON_ArrayForEach(item, v)
    {
        if (!cJSON_IsString(item) || item->valuestring[0] == '\0')
            return bad(r, field, "expected a non-empty array of strings");
        (*out)[(*n)++] = xstrdup(item->valuestring);
    }
    return 0;
}

/* The most sources one board may list. */
#define MAX_SOURCES 8

static int read_source_list(Reader *r, const cJSON *list, const char *field,
                            SourceSpec **out, size_t *n_out);

/* `live` (one source) or `sources` (a list tried in order). */
static int read_sources(Reader *r, const cJSON *board, BoardConfig *b)
{
    const cJSON *live = cJSON_GetObjectItemCaseSensitive(board, "live");
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(board, "sources");
    if (live && list)
        return bad(r, "sources", "give either live (one source) or sources "
                                 "(a list), not both");
    if (!live && !list)
        return 0;
    if (list)
        return read_source_list(r, list, "sources", &b->sources,
                                &b->n_sources);
    char context[160];
    snprintf(context, sizeof context, "%s: %s%slive", r->name, r->where,
             *r->where ? "." : "");
    b->sources = xcalloc(1, sizeof *b->sources);
    b->n_sources = 1;
    return source_spec_parse(&b->sources[0], live, context, r->err);
}

/* A source list [{url, adapter, via, options}, ...] of 1 to MAX_SOURCES
 * into *out; `field` names it in messages ("sources",
 * "categories[2].sources"). */
static int read_source_list(Reader *r, const cJSON *list, const char *field,
                            SourceSpec **out, size_t *n_out)
{
    if (!cJSON_IsArray(list) || cJSON_GetArraySize(list) < 1
        || cJSON_GetArraySize(list) > MAX_SOURCES)
        return bad(r, field, "expected a list of 1 to 8 sources "
                             "{url, adapter, via, options}");
    size_t n = (size_t)cJSON_GetArraySize(list);
    *out = xcalloc(n, sizeof **out);
    for (size_t i = 0; i < n; i++) {
        char context[200];
        snprintf(context, sizeof context, "%s: %s%s%s[%zu]", r->name,
                 r->where, *r->where ? "." : "", field, i);
        (*n_out)++;
        if (source_spec_parse(&(*out)[i], cJSON_GetArrayItem(list, (int)i),
                              context, r->err) != 0)
            return -1;
    }
    return 0;
}

/* The board's sources that can read category `id` instead of theirs, as
 * a source list: arena-catalog with options.category, hf-rows with
 * options.filter.category. NULL when none can. */
static cJSON *category_sources(const cJSON *board, const char *id)
{
    const cJSON *live = cJSON_GetObjectItemCaseSensitive(board, "live");
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(board, "sources");
    cJSON *out = cJSON_CreateArray();
    const cJSON *src = live ? live : list ? list->child : NULL;
    for (; src; src = live ? NULL : src->next) {
        const cJSON *adapter = cJSON_GetObjectItemCaseSensitive(src, "adapter");
        int catalog = cJSON_IsString(adapter)
                      && strcmp(adapter->valuestring, "arena-catalog") == 0;
        int rows = cJSON_IsString(adapter)
                   && strcmp(adapter->valuestring, "hf-rows") == 0;
        if (!catalog && !rows)
            continue;
        cJSON *copy = cJSON_Duplicate(src, 1);
        cJSON *options = cJSON_GetObjectItemCaseSensitive(copy, "options");
        if (!options)
            options = cJSON_AddObjectToObject(copy, "options");
        if (cJSON_IsObject(options) && catalog) {
            cJSON_DeleteItemFromObjectCaseSensitive(options, "category");
            cJSON_AddStringToObject(options, "category", id);
        } else if (cJSON_IsObject(options)) {
            cJSON *filter = cJSON_GetObjectItemCaseSensitive(options, "filter");
            if (!filter)
                filter = cJSON_AddObjectToObject(options, "filter");
            if (cJSON_IsObject(filter)) {
                cJSON_DeleteItemFromObjectCaseSensitive(filter, "category");
                cJSON_AddStringToObject(filter, "category", id);
            }
        }
        cJSON_AddItemToArray(out, copy);
    }
    if (cJSON_GetArraySize(out) == 0) {
        cJSON_Delete(out);
        return NULL;
    }
    return out;
}

static int read_category(Reader *r, const cJSON *board, const cJSON *obj,
                         size_t index, CategoryConfig *c)
{
    char field[48];
    snprintf(field, sizeof field, "categories[%zu]", index);
    if (!cJSON_IsObject(obj))
        return bad(r, field, "expected an object {id, data, title_key, "
                             "sources}");
    char saved[sizeof r->where];
    memcpy(saved, r->where, sizeof saved);
    snprintf(r->where, sizeof r->where, "%.60s.%s", saved, field);
    int rc = get_string(r, obj, "id", &c->id, 1);
    if (rc == 0 && !lb_category_is_valid(c->id))
        rc = bad(r, "id", "expected 1 to 64 of a-z, 0-9, '_' and '-' (it "
                          "names a directory)");
    if (rc == 0)
        rc = get_string(r, obj, "data", &c->data, 1)
             || get_string(r, obj, "title_key", &c->title_key, 0);
    if (rc == 0 && !c->title_key)
        c->title_key = str_printf("category.%s", c->id);
    const cJSON *own = cJSON_GetObjectItemCaseSensitive(obj, "sources");
    if (rc == 0 && own) {
        rc = read_source_list(r, own, "sources", &c->sources, &c->n_sources);
    } else if (rc == 0) {
        cJSON *derived = category_sources(board, c->id);
        if (derived)
            rc = read_source_list(r, derived, "sources", &c->sources,
                                  &c->n_sources);
        cJSON_Delete(derived);
    }
    memcpy(r->where, saved, sizeof saved);
    return rc;
}

static int read_categories(Reader *r, const cJSON *board, BoardConfig *b)
{
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(board, "categories");
    if (!list)
        return 0;
    if (!cJSON_IsArray(list) || cJSON_GetArraySize(list) == 0)
        return bad(r, "categories", "expected a non-empty array of {id, "
                                    "data, title_key, sources}");
    b->categories = xcalloc((size_t)cJSON_GetArraySize(list),
                            sizeof *b->categories);
    const cJSON *item;
    cJSON_ArrayForEach(item, list)
    {
        size_t i = b->n_categories++;
        if (read_category(r, board, item, i, &b->categories[i]) != 0)
            return -1;
        for (size_t k = 0; k < i; k++)
            if (strcmp(b->categories[k].id, b->categories[i].id) == 0)
                return bad(r, "categories", "a category id is listed twice");
    }
    return 0;
}

static int read_board_extras(Reader *r, const cJSON *obj, BoardConfig *b)
{
    b->style_control = -1;
    const cJSON *sc = cJSON_GetObjectItemCaseSensitive(obj, "style_control");
    if (sc && !cJSON_IsBool(sc))
        return bad(r, "style_control", "expected true or false");
    if (sc)
        b->style_control = cJSON_IsTrue(sc);
    if (get_string(r, obj, "link", &b->link, 0)
        || get_string(r, obj, "group", &b->group, 0)
        || get_string(r, obj, "short_title_key", &b->short_title_key, 0))
        return -1;
    if (b->link && !lb_url_is_http(b->link))
        return bad(r, "link", "expected an absolute http(s) URL");
    if (b->group && !lb_category_is_valid(b->group))
        return bad(r, "group", "expected 1 to 64 of a-z, 0-9, '_' and '-'");
    return read_categories(r, obj, b);
}

const char *config_board_group(const BoardConfig *b)
{
    if (b->group)
        return b->group;
    return b->kind == LB_KIND_ARENA ? "arena" : "benchmark";
}

static int read_board(Reader *r, const cJSON *obj, BoardConfig *b)
{
    char *kind = NULL;
    b->chart_top_n = 20;
    if (!cJSON_IsObject(obj))
        return bad(r, "", "expected an object");
    if (get_string(r, obj, "id", &b->id, 1))
        return -1;
    if (!slug_valid(b->id))
        return bad(r, "id", "use " SLUG_RULE);
    if (route_reserved_board_id(b->id))
        return bad(r, "id", "\"model\" and \"overview\" name other pages (route.h)");
    if (get_string(r, obj, "kind", &kind, 1))
        return -1;
    int rc = lb_kind_parse(kind, &b->kind);
    free(kind);
    if (rc != 0)
        return bad(r, "kind", "expected arena, winrate or benchmark");
    if (get_string(r, obj, "data", &b->data, 1) || read_sources(r, obj, b)
        || get_string_list(r, obj, "columns", &b->columns, &b->n_columns)
        || get_int(r, obj, "top_n", &b->top_n)
        || get_int(r, obj, "category_top_n", &b->category_top_n)
        || get_int(r, obj, "chart_top_n", &b->chart_top_n)
        || get_string(r, obj, "title_key", &b->title_key, 1)
        || get_string(r, obj, "intro_key", &b->intro_key, 1)
        || get_string(r, obj, "description_key", &b->description_key, 1)
        || read_board_extras(r, obj, b))
        return -1;
    return 0;
}

/* site.docs.paths: {"<locale code>": "<pattern>"}, checked against the
 * configured locales once they are read (check_docs_locales). */
static int read_docs_paths(Reader *r, const cJSON *paths, SiteConfig *c)
{
    if (!cJSON_IsObject(paths))
        return bad(r, "paths", "expected an object of locale code: path pattern");
    size_t n = (size_t)cJSON_GetArraySize(paths);
    DocsPath *list = xcalloc(n ? n : 1, sizeof *list);
    c->docs->paths = list;
    const cJSON *item;
    cJSON_ArrayForEach(item, paths) {
        const char *problem;
        char field[96];
        snprintf(field, sizeof field, "paths.%.60s", item->string);
        if (!cJSON_IsString(item))
            return bad(r, field, "expected a path pattern (a string)");
        if (route_docs_pattern_check(item->valuestring, &problem) != 0)
            return bad(r, field, problem);
        DocsPath *d = &list[c->docs->n_paths++];
        d->locale = xstrdup(item->string);
        d->pattern = xstrdup(item->valuestring);
    }
    return 0;
}

/* site.docs: where `lbgen build --docs-out` puts each page (route.h). */
static int read_docs(Reader *r, const cJSON *site, SiteConfig *c)
{
    const cJSON *docs = cJSON_GetObjectItemCaseSensitive(site, "docs");
    char *pattern = NULL;
    c->docs = xcalloc(1, sizeof *c->docs);
    c->docs->summary = 1;
    snprintf(r->where, sizeof r->where, "site.docs");
    if (docs && !cJSON_IsObject(docs))
        return bad(r, "", "expected an object");
    if (docs && get_string(r, docs, "path", &pattern, 0))
        return -1;
    c->docs->pattern = pattern ? pattern : xstrdup(DOCS_DEFAULT_PATTERN);
    const char *problem;
    if (route_docs_pattern_check(c->docs->pattern, &problem) != 0)
        return bad(r, "path", problem);
    const cJSON *paths = docs ? cJSON_GetObjectItemCaseSensitive(docs, "paths") : NULL;
    if (paths && read_docs_paths(r, paths, c) != 0)
        return -1;
    const cJSON *summary = docs ? cJSON_GetObjectItemCaseSensitive(docs, "summary") : NULL;
    if (summary && !cJSON_IsBool(summary))
        return bad(r, "summary", "expected true or false");
    if (summary)
        c->docs->summary = cJSON_IsTrue(summary);
    snprintf(r->where, sizeof r->where, "site");
    return 0;
}

static int read_site(Reader *r, const cJSON *json, SiteConfig *c)
{
    const cJSON *site = cJSON_GetObjectItemCaseSensitive(json, "site");
    char *flavor = NULL, *base_url = NULL;
    if (!cJSON_IsObject(site))
        return bad(r, "site", site ? "expected an object" : "missing");
    snprintf(r->where, sizeof r->where, "site");
    if (get_string(r, site, "title_key", &c->title_key, 1)
        || get_string(r, site, "tagline_key", &c->tagline_key, 1)
        || get_string(r, site, "base_url", &base_url, 0)
        || get_string(r, site, "default_locale", &c->default_locale, 1)
        || get_string(r, site, "markdown_flavor", &flavor, 0))
        return -1;
    const char *problem = NULL;
    if (base_url && !(c->base_url = route_base_url(base_url, &problem))) {
        free(base_url);
        free(flavor);
        return bad(r, "base_url", problem);
    }
    free(base_url);
    c->markdown_flavor = MD_FLAVOR_GITBOOK;
    if (flavor && strcmp(flavor, "github") == 0)
        c->markdown_flavor = MD_FLAVOR_GITHUB;
    else if (flavor && strcmp(flavor, "gitbook") != 0) {
        free(flavor);
        return bad(r, "markdown_flavor", "expected gitbook or github");
    }
    free(flavor);
    return read_docs(r, site, c);
}

/* Every site.docs.paths key is a configured locale; no two locales' pages
 * land on the same file (their index pages would). */
static int check_docs_locales(Reader *r, SiteConfig *c)
{
    snprintf(r->where, sizeof r->where, "site.docs");
    for (size_t i = 0; i < c->docs->n_paths; i++) {
        const char *code = c->docs->paths[i].locale;
        int known = 0;
        for (size_t l = 0; l < c->n_locales; l++)
            known |= strcmp(code, c->locales[l]) == 0;
        if (!known) {
            char field[96];
            snprintf(field, sizeof field, "paths.%.60s", code);
            return bad(r, field, "not one of the configured locales");
        }
    }
    Router router = {NULL, c->docs};
    int rc = 0;
    for (size_t a = 0; a < c->n_locales && rc == 0; a++) {
        char *pa = route_path(&router, route_locale(ROUTE_LOCALE_README, c->locales[a]));
        for (size_t b = a + 1; b < c->n_locales && rc == 0; b++) {
            char *pb = route_path(&router, route_locale(ROUTE_LOCALE_README, c->locales[b]));
            if (strcmp(pa, pb) == 0) {
                char problem[256];
                snprintf(problem, sizeof problem, "locales %s and %s would both "
                         "write %s (give one a path with {locale} in it)",
                         c->locales[a], c->locales[b], pa);
                rc = bad(r, "path", problem);
            }
            free(pb);
        }
        free(pa);
    }
    return rc;
}

/* Where templates or locales are when paths.* does not say: the directory
 * `name` beside the configuration when there is one, else the defaults
 * `make install` put in LBGEN_DATADIR. When neither exists, the one beside
 * the configuration, so the error names where they were expected. */
static char *default_dir(const SiteConfig *c, const char *name)
{
    char *beside = config_path(c, name);
    int here = path_is_dir(beside);
    free(beside);
    if (here)
        return xstrdup(name);
    char *installed = str_printf("%s/%s", LBGEN_DATADIR, name);
    if (path_is_dir(installed))
        return installed;
    free(installed);
    return xstrdup(name);
}

static int read_paths(Reader *r, const cJSON *json, SiteConfig *c)
{
    const cJSON *paths = cJSON_GetObjectItemCaseSensitive(json, "paths");
    snprintf(r->where, sizeof r->where, "paths");
    if (paths && !cJSON_IsObject(paths))
        return bad(r, "", "expected an object");
    if (paths && (get_string(r, paths, "templates", &c->templates_dir, 0)
                  || get_string(r, paths, "locales", &c->locales_dir, 0)
                  || get_string(r, paths, "history", &c->history_dir, 0)))
        return -1;
    if (!c->templates_dir)
        c->templates_dir = default_dir(c, "templates");
    if (!c->locales_dir)
        c->locales_dir = default_dir(c, "locales");
    if (!c->history_dir)
        c->history_dir = xstrdup("data/history");
    return 0;
}

static int read_config(Reader *r, const cJSON *json, SiteConfig *c)
{
    if (!cJSON_IsObject(json))
        return bad(r, "", "expected an object");
    if (read_site(r, json, c) || read_paths(r, json, c))
        return -1;
    r->where[0] = '\0';
    if (get_string(r, json, "catalog", &c->catalog, 0))
        return -1;
    r->where[0] = '\0';
    if (get_string_list(r, json, "locales", &c->locales, &c->n_locales))
        return -1;
    for (size_t i = 0; i < c->n_locales; i++)
        if (!locale_code_valid(c->locales[i]))
            return bad(r, "locales", "a locale code is letters, digits and "
                                     "'-' (it names a directory and a file)");
    if (strcmp(c->locales[0], c->default_locale) != 0)
        return bad(r, "locales", "the first locale must be the source "
                                 "locale, site.default_locale");
    for (size_t i = 0; i < c->n_locales; i++)
        for (size_t j = 0; j < i; j++)
            if (strcmp(c->locales[i], c->locales[j]) == 0)
                return bad(r, "locales", "a locale is listed twice");
    if (check_docs_locales(r, c) != 0)
        return -1;
    r->where[0] = '\0';
    const cJSON *boards = cJSON_GetObjectItemCaseSensitive(json, "leaderboards");
    if (!cJSON_IsArray(boards) || cJSON_GetArraySize(boards) == 0)
        return bad(r, "leaderboards", "expected a non-empty array");
    c->boards = xcalloc((size_t)cJSON_GetArraySize(boards), sizeof *c->boards);
    const cJSON *item;
    cJSON_ArrayForEach(item, boards)
    {
        snprintf(r->where, sizeof r->where, "leaderboards[%zu]", c->n_boards);
        if (read_board(r, item, &c->boards[c->n_boards++]))
            return -1;
        for (size_t i = 0; i + 1 < c->n_boards; i++)
            if (strcmp(c->boards[i].id, c->boards[c->n_boards - 1].id) == 0)
                return bad(r, "id", "used by two leaderboards");
    }
    return 0;
}

SiteConfig *config_load(const char *path, LbError *err)
{
    char *text;
    size_t len;
    if (file_read_all(path, &text, &len, err) != 0)
        return NULL;
    cJSON *json = json_parse_text(path, text, len, err);
    Walk w = {path, text, len, err, {{NULL, 0}}, 0};
    int checked = json && (!cJSON_IsObject(json) || walk(&w, json, "", "") == 0);
    free(text);
    if (!checked) {
        cJSON_Delete(json);
        return NULL;
    }
    SiteConfig *c = xcalloc(1, sizeof *c);
    c->base_dir = path_dir(path);
    Reader r = {path, "", err};
    int rc = read_config(&r, json, c);
    cJSON_Delete(json);
    if (rc != 0) {
        config_free(c);
        return NULL;
    }
    return c;
}

void config_free(SiteConfig *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n_boards; i++) {
        BoardConfig *b = &c->boards[i];
        free(b->id);
        free(b->data);
        for (size_t k = 0; k < b->n_sources; k++)
            source_spec_free(&b->sources[k]);
        free(b->sources);
        free_strings(b->columns, b->n_columns);
        free(b->title_key);
        free(b->intro_key);
        free(b->description_key);
        free(b->link);
        free(b->short_title_key);
        free(b->group);
        for (size_t k = 0; k < b->n_categories; k++) {
            CategoryConfig *cat = &b->categories[k];
            free(cat->id);
            free(cat->data);
            free(cat->title_key);
            for (size_t j = 0; j < cat->n_sources; j++)
                source_spec_free(&cat->sources[j]);
            free(cat->sources);
        }
        free(b->categories);
    }
    free(c->boards);
    free_strings(c->locales, c->n_locales);
    free(c->base_dir);
    free(c->templates_dir);
    free(c->locales_dir);
    free(c->history_dir);
    free(c->catalog);
    free(c->title_key);
    free(c->tagline_key);
    free(c->base_url);
    free(c->default_locale);
    for (size_t i = 0; c->docs && i < c->docs->n_paths; i++) {
        free((char *)c->docs->paths[i].locale);
        free((char *)c->docs->paths[i].pattern);
    }
    if (c->docs) {
        free((DocsPath *)c->docs->paths);
        free((char *)c->docs->pattern);
        free(c->docs);
    }
    free(c);
}

char *config_path(const SiteConfig *c, const char *relative)
{
    if (relative[0] == '/' || strcmp(c->base_dir, ".") == 0)
        return xstrdup(relative);
    size_t n = strlen(c->base_dir);
    return str_printf("%s%s%s", c->base_dir, c->base_dir[n - 1] == '/' ? "" : "/",
                      relative);
}
