#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "adapter.h"
#include "buf.h"
#include "jsonfile.h"
#include "mem.h"

typedef struct {
    const char *name;
    char where[64];
    LbError *err;
} Reader;

static int bad(Reader *r, const char *field, const char *problem)
{
    return lb_fail(r->err, LB_EINPUT, "%s: %s%s%s: %s", r->name, r->where,
                   *r->where ? "." : "", field, problem);
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

/* Slugs become directory names and URL parts: keep them boring. */
static int is_slug(const char *s)
{
    if (!*s || *s == '-')
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')
              || *s == '-'))
            return 0;
    return 1;
}

static int read_live(Reader *r, const cJSON *board, LiveSource *live)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(board, "live");
    if (!v)
        return 0;
    if (!cJSON_IsObject(v))
        return bad(r, "live", "expected an object");
    if (get_string(r, v, "url", &live->url, 1)
        || get_string(r, v, "adapter", &live->adapter, 1)
        || get_string(r, v, "via", &live->via, 0))
        return -1;
    const cJSON *rows = cJSON_GetObjectItemCaseSensitive(v, "max_rows");
    if (rows && (!cJSON_IsNumber(rows) || rows->valuedouble < 1
                 || rows->valuedouble > LB_MAX_ROWS_LIMIT
                 || rows->valuedouble != (double)(long)rows->valuedouble))
        return bad(r, "live.max_rows", "expected 1 to 1000000");
    live->max_rows = rows ? (size_t)rows->valuedouble : 0;
    /* Checked here, not at fetch time, so a typo fails every build. */
    if (!adapter_find(live->adapter)) {
        char problem[160];
        snprintf(problem, sizeof problem, "unknown adapter \"%.100s\"",
                 live->adapter);
        return bad(r, "live.adapter", problem);
    }
    char context[160];
    snprintf(context, sizeof context, "%s: %s%slive.options", r->name,
             r->where, *r->where ? "." : "");
    live->settings = xcalloc(1, sizeof *live->settings);
    return adapter_settings_parse(
        live->settings, live->adapter,
        cJSON_GetObjectItemCaseSensitive(v, "options"), context, r->err);
}

static int read_board(Reader *r, const cJSON *obj, BoardConfig *b)
{
    char *kind = NULL;
    b->chart_top_n = 20;
    if (!cJSON_IsObject(obj))
        return bad(r, "", "expected an object");
    if (get_string(r, obj, "id", &b->id, 1))
        return -1;
    if (!is_slug(b->id))
        return bad(r, "id", "use lowercase letters, digits and '-'");
    if (get_string(r, obj, "kind", &kind, 1))
        return -1;
    int rc = lb_kind_parse(kind, &b->kind);
    free(kind);
    if (rc != 0)
        return bad(r, "kind", "expected arena, winrate or benchmark");
    if (get_string(r, obj, "data", &b->data, 1) || read_live(r, obj, &b->live)
        || get_string_list(r, obj, "columns", &b->columns, &b->n_columns)
        || get_int(r, obj, "top_n", &b->top_n)
        || get_int(r, obj, "chart_top_n", &b->chart_top_n)
        || get_string(r, obj, "title_key", &b->title_key, 1)
        || get_string(r, obj, "intro_key", &b->intro_key, 1)
        || get_string(r, obj, "description_key", &b->description_key, 1))
        return -1;
    return 0;
}

static int read_site(Reader *r, const cJSON *json, SiteConfig *c)
{
    const cJSON *site = cJSON_GetObjectItemCaseSensitive(json, "site");
    char *flavor = NULL;
    if (!cJSON_IsObject(site))
        return bad(r, "site", site ? "expected an object" : "missing");
    snprintf(r->where, sizeof r->where, "site");
    if (get_string(r, site, "title_key", &c->title_key, 1)
        || get_string(r, site, "tagline_key", &c->tagline_key, 1)
        || get_string(r, site, "base_url", &c->base_url, 1)
        || get_string(r, site, "default_locale", &c->default_locale, 1)
        || get_string(r, site, "markdown_flavor", &flavor, 0))
        return -1;
    if (!lb_url_is_http(c->base_url)
        || c->base_url[strlen(c->base_url) - 1] != '/')
        return bad(r, "base_url", "expected an http(s) URL ending in '/'");
    c->markdown_flavor = MD_FLAVOR_GITBOOK;
    if (flavor && strcmp(flavor, "github") == 0)
        c->markdown_flavor = MD_FLAVOR_GITHUB;
    else if (flavor && strcmp(flavor, "gitbook") != 0) {
        free(flavor);
        return bad(r, "markdown_flavor", "expected gitbook or github");
    }
    free(flavor);
    return 0;
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
        c->templates_dir = xstrdup("templates");
    if (!c->locales_dir)
        c->locales_dir = xstrdup("locales");
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
    if (strcmp(c->locales[0], c->default_locale) != 0)
        return bad(r, "locales", "the first locale must be the source "
                                 "locale, site.default_locale");
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

static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup(".");
}

SiteConfig *config_load(const char *path, LbError *err)
{
    cJSON *json = json_load_file(path, err);
    if (!json)
        return NULL;
    SiteConfig *c = xcalloc(1, sizeof *c);
    c->base_dir = dir_of(path);
    Reader r = {path, "", err};
    int rc = read_config(&r, json, c);
    cJSON_Delete(json);
    if (rc != 0) {
        config_free(c);
        return NULL;
    }
    return c;
}

static void free_list(char **list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(list[i]);
    free(list);
}

void config_free(SiteConfig *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n_boards; i++) {
        BoardConfig *b = &c->boards[i];
        free(b->id);
        free(b->data);
        free(b->live.url);
        free(b->live.adapter);
        free(b->live.via);
        adapter_settings_free(b->live.settings);
        free(b->live.settings);
        free_list(b->columns, b->n_columns);
        free(b->title_key);
        free(b->intro_key);
        free(b->description_key);
    }
    free(c->boards);
    free_list(c->locales, c->n_locales);
    free(c->base_dir);
    free(c->templates_dir);
    free(c->locales_dir);
    free(c->history_dir);
    free(c->catalog);
    free(c->title_key);
    free(c->tagline_key);
    free(c->base_url);
    free(c->default_locale);
    free(c);
}

char *config_path(const SiteConfig *c, const char *relative)
{
    if (relative[0] == '/' || strcmp(c->base_dir, ".") == 0)
        return xstrdup(relative);
    Buf b = BUF_INIT;
    buf_printf(&b, "%s/%s", c->base_dir, relative);
    return buf_detach(&b);
}

const BoardConfig *config_board(const SiteConfig *c, const char *id)
{
    for (size_t i = 0; i < c->n_boards; i++)
        if (strcmp(c->boards[i].id, id) == 0)
            return &c->boards[i];
    return NULL;
}
