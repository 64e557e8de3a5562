#include "site.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "adapter.h"
#include "buf.h"
#include "catalog.h"
#include "config.h"
#include "docs.h"
#include "fileio.h"
#include "jsonfile.h"
#include "leaderboard.h"
#include "locale.h"
#include "mem.h"
#include "modelindex.h"
#include "mustache.h"
#include "nameset.h"
#include "history.h"
#include "outdir.h"
#include "refresh.h"
#include "route.h"
#include "view.h"

/* Every template a build uses, relative to the templates directory;
 * compiled once per build. */
enum {
    T_BOARD_HTML, T_BOARD_MD, T_CHART_SVG, T_INDEX_HTML, T_README_MD,
    T_SUMMARY_MD, T_ROOT_HTML, T_NOT_FOUND_HTML, T_SITEMAP_XML,
    T_MODEL_HTML, T_OVERVIEW_HTML, T_OVERVIEW_MD, T_VALUE_SVG, T_FEED_XML,
    N_TEMPLATES
};

static const char *const template_files[N_TEMPLATES] = {
    [T_BOARD_HTML] = "html/board.html",   [T_BOARD_MD] = "md/board.md",
    [T_CHART_SVG] = "svg/forest.svg",     [T_INDEX_HTML] = "html/index.html",
    [T_README_MD] = "md/README.md",       [T_SUMMARY_MD] = "md/SUMMARY.md",
    [T_ROOT_HTML] = "html/root.html",     [T_NOT_FOUND_HTML] = "html/404.html",
    [T_SITEMAP_XML] = "xml/sitemap.xml",
    [T_MODEL_HTML] = "html/model.html",   [T_OVERVIEW_HTML] = "html/overview.html",
    [T_OVERVIEW_MD] = "md/overview.md",   [T_VALUE_SVG] = "svg/value.svg",
    [T_FEED_XML] = "xml/feed.xml",
};

typedef struct {
    const BuildOptions *options;
    SiteConfig *config;
    Locale **locales;
    size_t n_locales;
    Leaderboard **boards;
    BoardHistory *history;
    IndexView *views;    /* every board (then category) view, for ... */
    ModelIndex *models;  /* ... the models across them (modelindex.h) */
    NewsList news;       /* ... and their notable changes (boardnews.h) */
    BoardCategories *categories; /* parallel to config->boards */
    RefreshReport refresh;
    char *templates_dir;
    MustacheEnv *env;
    Router router; /* from the configuration: where every page goes */
    char *base_url; /* --base-url or LBGEN_BASE_URL, normalised */
    MustacheTemplate *t[N_TEMPLATES];
    NameSet declared_keys; /* strict mode: view_used_keys() */
    Outdir out;
    BuildStats *stats;
    LbError *err;
    /* Per board: why it keeps its previously published pages (NULL when
     * it built), and how many did; the catalog's failure, if any. */
    char **board_error;
    size_t failed_boards;
    int catalog_failed;
} Build;

/* ---- loading ----------------------------------------------------------------- */

static int wanted(const char *list, const char *code)
{
    if (!list)
        return 1;
    size_t len = strlen(code);
    for (const char *p = list; *p;) {
        size_t n = strcspn(p, ",");
        if (n == len && strncmp(p, code, n) == 0)
            return 1;
        p += n;
        if (*p == ',')
            p++;
    }
    return 0;
}

static int check_locale_list(Build *b)
{
    const char *list = b->options->locales;
    for (const char *p = list; p && *p;) {
        size_t n = strcspn(p, ",");
        int known = 0;
        for (size_t i = 0; i < b->config->n_locales; i++)
            known |= strlen(b->config->locales[i]) == n
                     && strncmp(b->config->locales[i], p, n) == 0;
        if (!known)
            return lb_fail(b->err, LB_EUSAGE, "--locale: '%.*s' is not one of "
                           "the configured locales", (int)n, p);
        p += n;
        if (*p == ',')
            p++;
    }
    return 0;
}

static int load_locales(Build *b)
{
    if (check_locale_list(b) != 0)
        return -1;
    b->locales = xcalloc(b->config->n_locales, sizeof *b->locales);
    for (size_t i = 0; i < b->config->n_locales; i++) {
        const char *code = b->config->locales[i];
        /* The source locale is always built: translations link to it. */
        if (i > 0 && !wanted(b->options->locales, code))
            continue;
        Buf rel = BUF_INIT;
        buf_printf(&rel, "%s/%s.json", b->config->locales_dir, code);
        char *path = config_path(b->config, rel.data);
        buf_free(&rel);
        Locale *loc = locale_load(path, b->err);
        free(path);
        if (!loc)
            return -1;
        b->locales[b->n_locales++] = loc;
    }
    return 0;
}

/* ---- one board failing -------------------------------------------------
 *
 * Bad data, a broken history snapshot or a failed render fails its board
 * only: the board keeps the pages it has in the existing --out (copied
 * into the staging tree), the build names it and the error, the rest of
 * the site is built and published, and the build ends with LB_ESOURCE
 * (exit 3); in a docs tree (--docs-out) its pages there are kept the same
 * way. The index pages describe a failed board from its previously
 * published data/B.json (or its newest dated snapshot); a failed board
 * with neither is left out of them. */

/* A loaded board that is the one configured (id and kind), or NULL. */
static Leaderboard *load_if_board(const BoardConfig *bc, const char *path)
{
    LbError ignored = {0};
    Leaderboard *lb = leaderboard_load(path, &ignored);
    if (lb && (lb->kind != bc->kind || strcmp(lb->id, bc->id) != 0)) {
        leaderboard_free(lb);
        lb = NULL;
    }
    return lb;
}

/* The board as last published: --out's data/<id>.json, else (a docs-only
 * build, or a site without it) the newest dated snapshot of its history
 * that loads; NULL when there is neither. */
static Leaderboard *published_board(const Build *b, size_t i)
{
    const BoardConfig *bc = &b->config->boards[i];
    Leaderboard *lb = NULL;
    if (b->options->out_dir) {
        char *rel = route_path(&b->router, route_data(ROUTE_DATA_JSON, bc->id));
        Buf path = BUF_INIT;
        buf_printf(&path, "%s/%s", b->options->out_dir, rel);
        free(rel);
        lb = load_if_board(bc, path.data);
        buf_free(&path);
    }
    char *dir = config_path(b->config, b->config->history_dir);
    char **dates = NULL;
    size_t n = 0;
    LbError ignored = {0};
    if (!lb && history_list(dir, bc->id, &dates, &n, &ignored) == 0) {
        for (size_t d = n; d-- > 0 && !lb;) {
            char *path = history_snapshot_path(dir, bc->id, dates[d]);
            lb = load_if_board(bc, path);
            free(path);
        }
    }
    free_strings(dates, n);
    free(dir);
    return lb;
}

static void free_history(BoardHistory *h)
{
    for (size_t s = 0; s < h->n_snapshots; s++)
        leaderboard_free(h->snapshots[s]);
    free(h->snapshots);
    free_strings(h->dates, h->n_snapshots);
}

/* A failed board's categories as last published: --out's
 * data/<board>/<category>.json each (NULL where there is none; such a
 * category is left out of the index pages), without history. */
static void published_categories(Build *b, size_t i)
{
    const BoardConfig *bc = &b->config->boards[i];
    BoardCategories *bcs = &b->categories[i];
    for (size_t c = 0; c < bc->n_categories; c++) {
        leaderboard_free(bcs->boards[c]);
        bcs->boards[c] = NULL;
        free_history(&bcs->history[c]);
        memset(&bcs->history[c], 0, sizeof bcs->history[c]);
        if (!b->options->out_dir)
            continue;
        char *rel = route_path(&b->router,
                               route_with_category(route_data(ROUTE_DATA_JSON,
                                                              bc->id),
                                                   bc->categories[c].id));
        char *path = str_printf("%s/%s", b->options->out_dir, rel);
        bcs->boards[c] = load_if_board(bc, path);
        free(rel);
        free(path);
    }
}

static void board_failed(Build *b, size_t i, const char *why)
{
    const char *id = b->config->boards[i].id;
    lb_report(b->options->report, LB_NOTE_FAILURE, "%s: %s; keeping its "
              "previously published pages", id, why);
    free(b->board_error[i]);
    b->board_error[i] = xstrdup(why);
    b->failed_boards++;
    leaderboard_free(b->boards[i]);
    b->boards[i] = published_board(b, i);
    if (b->history) {
        free_history(&b->history[i]);
        memset(&b->history[i], 0, sizeof b->history[i]);
    }
    if (b->categories)
        published_categories(b, i);
}

/* Model metadata (organization, license, link, size) from the catalog
 * fills what a board's own data leaves absent; it never overrides it. A
 * catalog that fails to load is reported and the boards are built
 * without it (exit 3). */
static int join_catalog(Build *b)
{
    if (!b->config->catalog)
        return 0;
    char *path = config_path(b->config, b->config->catalog);
    char *bytes;
    size_t len;
    LbError why = {0};
    Leaderboard *catalog = NULL;
    if (file_read_all(path, &bytes, &len, &why) == 0) {
        AdapterOptions ao = {0};
        ao.id = "catalog";
        ao.source_name = path;
        catalog = adapter_run(adapter_find("catalog"), bytes, len, &ao, &why);
        free(bytes);
    }
    for (size_t i = 0; catalog && i < b->config->n_boards; i++) {
        if (b->board_error[i])
            continue;
        catalog_join(b->boards[i], catalog);
        for (size_t c = 0; c < b->config->boards[i].n_categories; c++)
            catalog_join(b->categories[i].boards[c], catalog);
    }
    if (!catalog) {
        lb_report(b->options->report, LB_NOTE_FAILURE, "catalog %s: %s; the "
                  "boards are built without it", path, why.message);
        b->catalog_failed = 1;
    }
    leaderboard_free(catalog);
    free(path);
    return 0;
}

/* A data file must be the board the configuration says it is: same id
 * (the config's id names every file; the data's is never used in a path)
 * and same kind. */
static int check_board(const Build *b, const BoardConfig *bc,
                       const Leaderboard *lb, const char *path, LbError *err)
{
    const char *config = b->options->config_path;
    if (strcmp(lb->id, bc->id) != 0)
        return lb_fail(err, LB_EINPUT, "%s: id is \"%s\" but %s says \"%s\"",
                       path, lb->id, config, bc->id);
    if (lb->kind != bc->kind)
        return lb_fail(err, LB_EINPUT, "%s: kind is %s but %s says %s", path,
                       lb_kind_name(lb->kind), config, lb_kind_name(bc->kind));
    return 0;
}

static int load_boards(Build *b)
{
    b->boards = xcalloc(b->config->n_boards, sizeof *b->boards);
    b->board_error = xcalloc(b->config->n_boards, sizeof *b->board_error);
    for (size_t i = 0; i < b->config->n_boards; i++) {
        const BoardConfig *bc = &b->config->boards[i];
        char *path = config_path(b->config, bc->data);
        LbError why = {0};
        b->boards[i] = leaderboard_load(path, &why);
        int rc = b->boards[i] ? check_board(b, bc, b->boards[i], path, &why)
                              : -1;
        free(path);
        if (rc != 0)
            board_failed(b, i, why.message);
    }
    return 0;
}

/* Snapshot dates are YYYY-MM-DD; the data's own date is the first ten
 * characters of updated_at. */
static int older_than(const char *date, const Leaderboard *current)
{
    return !current->updated_at || strncmp(date, current->updated_at, 10) < 0;
}

/* The snapshots of DIR/ID into *h; h->previous is the latest one older
 * than `current` whose ratings compare with current's (the same variant,
 * with or without style control: lb_variant_value), so a change is always
 * like with like. */
static int load_snapshots(BoardHistory *h, const Leaderboard *current,
                          const char *dir, const char *id, LbError *err)
{
    char **dates = NULL;
    size_t n = 0;
    if (history_list(dir, id, &dates, &n, err) != 0)
        return -1;
    size_t first = n > HISTORY_POINTS ? n - HISTORY_POINTS : 0;
    h->snapshots = xcalloc(n - first + 1, sizeof *h->snapshots);
    h->dates = xcalloc(n - first + 1, sizeof *h->dates);
    int rc = 0;
    for (size_t d = first; d < n && rc == 0; d++) {
        char *path = history_snapshot_path(dir, id, dates[d]);
        Leaderboard *snap = leaderboard_load(path, err);
        free(path);
        if (!snap) {
            rc = -1;
            break;
        }
        h->dates[h->n_snapshots] = xstrdup(dates[d]);
        h->snapshots[h->n_snapshots++] = snap;
        if (older_than(dates[d], current)
            && lb_has_variant(snap, lb_headline_variant(current)))
            h->previous = snap;
    }
    free_strings(dates, n);
    return rc;
}

static int load_history(Build *b, size_t i, const char *dir, LbError *err)
{
    return load_snapshots(&b->history[i], b->boards[i], dir,
                          b->config->boards[i].id, err);
}

/* ---- categories -------------------------------------------------------------
 * Each board's categories: their data (the same checks as a board's: the
 * board's id and kind) and their history, HISTORY/<board>/<category>/. A
 * category that fails fails its board (board_failed): the board and all
 * its categories keep their previously published pages. */

static int load_category(Build *b, size_t i, size_t c, const char *history,
                         LbError *err)
{
    const BoardConfig *bc = &b->config->boards[i];
    const CategoryConfig *cc = &bc->categories[c];
    BoardCategories *bcs = &b->categories[i];
    char *path = config_path(b->config, cc->data);
    bcs->boards[c] = leaderboard_load(path, err);
    int rc = bcs->boards[c] ? check_board(b, bc, bcs->boards[c], path, err) : -1;
    free(path);
    if (rc != 0)
        return -1;
    char *dir = str_printf("%s/%s", history, bc->id);
    rc = load_snapshots(&bcs->history[c], bcs->boards[c], dir, cc->id, err);
    free(dir);
    return rc;
}

/* A failed board's categories are described as published, history
 * included (model pages stay as they were); a history that does not load
 * leaves its category without. */
static void published_category_histories(Build *b, size_t i,
                                         const char *history)
{
    const BoardConfig *bc = &b->config->boards[i];
    BoardCategories *bcs = &b->categories[i];
    char *dir = str_printf("%s/%s", history, bc->id);
    for (size_t c = 0; c < bc->n_categories; c++) {
        LbError ignored = {0};
        if (bcs->boards[c]
            && load_snapshots(&bcs->history[c], bcs->boards[c], dir,
                              bc->categories[c].id, &ignored) != 0) {
            free_history(&bcs->history[c]);
            memset(&bcs->history[c], 0, sizeof bcs->history[c]);
        }
    }
    free(dir);
}

static int load_categories(Build *b)
{
    char *history = config_path(b->config, b->config->history_dir);
    b->categories = xcalloc(b->config->n_boards, sizeof *b->categories);
    for (size_t i = 0; i < b->config->n_boards; i++) {
        size_t n = b->config->boards[i].n_categories;
        b->categories[i].boards = xcalloc(n + 1, sizeof *b->categories[i].boards);
        b->categories[i].history = xcalloc(n + 1, sizeof *b->categories[i].history);
        if (b->board_error[i])
            published_categories(b, i);
        for (size_t c = 0; c < n && !b->board_error[i]; c++) {
            LbError why = {0};
            if (load_category(b, i, c, history, &why) != 0)
                board_failed(b, i, why.message);
        }
        if (b->board_error[i])
            published_category_histories(b, i, history);
    }
    free(history);
    return 0;
}

static void free_categories(Build *b)
{
    for (size_t i = 0; b->categories && i < b->config->n_boards; i++) {
        for (size_t c = 0; c < b->config->boards[i].n_categories; c++) {
            leaderboard_free(b->categories[i].boards[c]);
            free_history(&b->categories[i].history[c]);
        }
        free(b->categories[i].boards);
        free(b->categories[i].history);
    }
    free(b->categories);
}

static int load_histories(Build *b)
{
    char *dir = config_path(b->config, b->config->history_dir);
    b->history = xcalloc(b->config->n_boards, sizeof *b->history);
    for (size_t i = 0; i < b->config->n_boards; i++) {
        LbError why = {0};
        if (!b->board_error[i]) {
            if (load_history(b, i, dir, &why) != 0)
                board_failed(b, i, why.message); /* a broken snapshot */
        } else if (b->boards[i] && load_history(b, i, dir, &why) != 0) {
            /* A failed board is described as published, history included
             * (the feed and the model pages stay as they were); a history
             * that does not load leaves it without. */
            free_history(&b->history[i]);
            memset(&b->history[i], 0, sizeof b->history[i]);
        }
    }
    free(dir);
    return 0;
}

static int refresh_if_asked(Build *b)
{
    if (!b->options->fetch)
        return 0;
    char *cache = config_path(b->config, ".cache");
    char *history = config_path(b->config, b->config->history_dir);
    RefreshOptions ro = {.force = b->options->force, .cache_dir = cache,
                         .history_dir = history, .report = b->options->report};
    int rc = refresh_boards(b->config, &ro, &b->refresh, b->err);
    free(cache);
    free(history);
    return rc;
}

/* Every view the site has, the models across them and their news: once
 * per build, whatever the number of locales. */
/* The views: every board (view i is board i), then each category with
 * data. The feed's news come from the boards only. */
static void index_models(Build *b)
{
    const SiteConfig *c = b->config;
    size_t n = c->n_boards, total = n;
    for (size_t i = 0; b->categories && i < c->n_boards; i++)
        total += c->boards[i].n_categories;
    b->views = xcalloc(total ? total : 1, sizeof *b->views);
    for (size_t i = 0; i < n; i++) {
        const BoardHistory *h = &b->history[i];
        b->views[i] = (IndexView){i, MODELINDEX_NO_CATEGORY, b->boards[i],
                                  h->snapshots, h->dates, h->n_snapshots};
    }
    size_t v = n;
    for (size_t i = 0; b->categories && i < c->n_boards; i++)
        for (size_t k = 0; k < c->boards[i].n_categories; k++) {
            const BoardHistory *h = &b->categories[i].history[k];
            if (b->categories[i].boards[k])
                b->views[v++] = (IndexView){i, k, b->categories[i].boards[k],
                                            h->snapshots, h->dates,
                                            h->n_snapshots};
        }
    b->models = modelindex_build(b->views, v);
    boardnews_collect(b->views, n, &b->news);
}

static void unindex_models(Build *b)
{
    modelindex_free(b->models);
    b->models = NULL;
    free(b->views);
    b->views = NULL;
    boardnews_free(&b->news);
}

static MustacheTemplate *compile(Build *b, const char *relative)
{
    Buf path = BUF_INIT;
    buf_printf(&path, "%s/%s", b->templates_dir, relative);
    MustacheTemplate *t = mustache_compile_file(b->env, path.data, b->err);
    buf_free(&path);
    return t;
}

static void add_name(void *set, const char *name)
{
    size_t ignored;
    nameset_add(set, name, ((NameSet *)set)->n, &ignored);
}

/* Compiles `path` in `env` and adds its names to `out`. */
static int template_names_of(MustacheEnv *env, const char *path, NameSet *out,
                             LbError *err)
{
    MustacheTemplate *t = mustache_compile_file(env, path, err);
    if (t)
        mustache_template_names(t, add_name, out);
    return t ? 0 : -1;
}

int site_template_names(const SiteConfig *config, const char *templates_dir,
                        NameSet *out, LbError *err)
{
    char *dir = templates_dir ? xstrdup(templates_dir)
                              : config_path(config, config->templates_dir);
    char *partials = str_printf("%s/partials", dir);
    MustacheEnv *env = mustache_env_new(partials);
    int rc = 0;
    for (int i = 0; i < N_TEMPLATES && rc == 0; i++) {
        char *path = str_printf("%s/%s", dir, template_files[i]);
        rc = template_names_of(env, path, out, err);
        free(path);
    }
    DIR *d = rc == 0 ? opendir(partials) : NULL;
    struct dirent *de;
    while (d && rc == 0 && (de = readdir(d)) != NULL) {
        size_t len = strlen(de->d_name);
        if (de->d_name[0] == '.' || len < 10
            || strcmp(de->d_name + len - 9, ".mustache") != 0)
            continue;
        char *path = str_printf("%s/%s", partials, de->d_name);
        rc = template_names_of(env, path, out, err);
        free(path);
    }
    if (d)
        closedir(d);
    mustache_env_free(env);
    free(partials);
    free(dir);
    return rc;
}

static int load_templates(Build *b)
{
    b->templates_dir = b->options->templates_dir
                           ? xstrdup(b->options->templates_dir)
                           : config_path(b->config, b->config->templates_dir);
    Buf partials = BUF_INIT;
    buf_printf(&partials, "%s/partials", b->templates_dir);
    b->env = mustache_env_new(partials.data);
    buf_free(&partials);
    mustache_env_set_strict(b->env, b->options->strict);
    for (int i = 0; i < N_TEMPLATES; i++)
        if (!(b->t[i] = compile(b, template_files[i])))
            return -1;
    return 0;
}

/* ---- writing ------------------------------------------------------------------ */

static int write_page(Build *b, Route page, const void *data, size_t len)
{
    char *path = route_path(&b->router, page);
    int rc = outdir_write(&b->out, path, data, len, b->err);
    free(path);
    if (rc != 0)
        return -1;
    b->stats->pages++;
    b->stats->bytes += len;
    return 0;
}

static int render_to(Build *b, const MustacheTemplate *tmpl,
                     MustacheEscape escape, const cJSON *view, Route page)
{
    Buf out = BUF_INIT;
    int rc = mustache_render(b->env, tmpl, view, escape, &out, b->err);
    if (rc == 0)
        rc = write_page(b, page, out.data ? out.data : "", out.len);
    buf_free(&out);
    return rc;
}

/* The view of a board page's chart as a file of its own (the Markdown
 * page's image), or NULL when the board has no chart. */
static cJSON *standalone_chart(const cJSON *view)
{
    const cJSON *chart = cJSON_GetObjectItem(
        cJSON_GetObjectItem(view, "board"), "chart");
    if (!chart)
        return NULL;
    cJSON *standalone = cJSON_CreateObject();
    cJSON *copy = cJSON_Duplicate(chart, 1);
    cJSON_AddBoolToObject(copy, "standalone", 1);
    /* Its own background, inside a half-pixel border: readable on light
     * and dark pages alike (templates/partials/forest.mustache). */
    const char *w = cJSON_GetStringValue(cJSON_GetObjectItem(chart, "width"));
    const char *h = cJSON_GetStringValue(cJSON_GetObjectItem(chart, "height"));
    cJSON_AddItemToObject(copy, "bg_width",
                          cJSON_CreateNumber(w ? atof(w) - 1 : 0));
    cJSON_AddItemToObject(copy, "bg_height",
                          cJSON_CreateNumber(h ? atof(h) - 1 : 0));
    cJSON_AddItemToObject(standalone, "chart", copy);
    return standalone;
}

static int write_chart(Build *b, const cJSON *view, Route page)
{
    cJSON *standalone = standalone_chart(view);
    if (!standalone)
        return 0;
    int rc = render_to(b, b->t[T_CHART_SVG], MUSTACHE_ESCAPE_HTML, standalone,
                       page);
    cJSON_Delete(standalone);
    return rc;
}

/* A board page (category NULL) or one of its category pages, from its
 * view: HTML, Markdown and the Markdown page's chart. */
static int write_board_view(Build *b, cJSON *view, const char *code,
                            const char *slug, const char *category)
{
    if (!view)
        return -1;
    Route html = route_with_category(route_board(ROUTE_BOARD_HTML, code, slug),
                                     category);
    int rc = render_to(b, b->t[T_BOARD_HTML], MUSTACHE_ESCAPE_HTML, view, html);
    if (rc == 0)
        rc = render_to(b, b->t[T_BOARD_MD], MUSTACHE_ESCAPE_MARKDOWN, view,
                       route_markdown_twin(html));
    if (rc == 0)
        rc = write_chart(b, view, route_with_category(
                                      route_board(ROUTE_BOARD_CHART, code, slug),
                                      category));
    cJSON_Delete(view);
    return rc;
}

static int write_board(Build *b, const SiteModel *model, size_t l, size_t i)
{
    const char *code = b->locales[l]->code;
    const BoardConfig *bc = &b->config->boards[i];
    int rc = write_board_view(b, view_board(model, l, i, b->err), code, bc->id,
                              NULL);
    for (size_t c = 0; c < bc->n_categories && rc == 0; c++)
        rc = write_board_view(b, view_category(model, l, i, c, b->err), code,
                              bc->id, bc->categories[c].id);
    return rc;
}

/* One page from one view; the view is deleted. */
static int render_view(Build *b, cJSON *view, int tmpl, MustacheEscape escape,
                       Route page)
{
    if (!view)
        return -1;
    int rc = render_to(b, b->t[tmpl], escape, view, page);
    cJSON_Delete(view);
    return rc;
}

static int write_models(Build *b, const SiteModel *model, size_t l)
{
    const char *code = b->locales[l]->code;
    for (size_t m = 0; m < b->models->n_models; m++)
        if (b->models->models[m].has_page
            && render_view(b, view_model(model, l, m, b->err), T_MODEL_HTML,
                        MUSTACHE_ESCAPE_HTML,
                        route_model(code, b->models->models[m].slug)) != 0)
            return -1;
    return 0;
}

/* The overview (HTML, Markdown, the value chart's SVG) and the feed. */
static int write_across_boards(Build *b, const SiteModel *model, size_t l)
{
    const char *code = b->locales[l]->code;
    cJSON *view = view_overview(model, l, b->err);
    if (!view)
        return -1;
    int rc = render_to(b, b->t[T_OVERVIEW_HTML], MUSTACHE_ESCAPE_HTML, view,
                       route_locale(ROUTE_OVERVIEW_HTML, code));
    if (rc == 0)
        rc = render_to(b, b->t[T_OVERVIEW_MD], MUSTACHE_ESCAPE_MARKDOWN, view,
                       route_locale(ROUTE_OVERVIEW_MD, code));
    if (rc == 0 && cJSON_GetObjectItem(view, "value_chart"))
        rc = render_to(b, b->t[T_VALUE_SVG], MUSTACHE_ESCAPE_HTML, view,
                       route_locale(ROUTE_OVERVIEW_CHART, code));
    cJSON_Delete(view);
    if (rc == 0)
        rc = render_view(b, view_feed(model, l, b->err), T_FEED_XML,
                         MUSTACHE_ESCAPE_HTML, route_locale(ROUTE_FEED, code));
    return rc;
}

static int write_locale_index(Build *b, const SiteModel *model, size_t l)
{
    const char *code = b->locales[l]->code;
    cJSON *view = view_locale_index(model, l, b->err);
    if (!view)
        return -1;
    int rc = render_to(b, b->t[T_INDEX_HTML], MUSTACHE_ESCAPE_HTML, view,
                       route_locale(ROUTE_LOCALE_INDEX, code));
    if (rc == 0)
        rc = render_to(b, b->t[T_README_MD], MUSTACHE_ESCAPE_MARKDOWN, view,
                       route_locale(ROUTE_LOCALE_README, code));
    if (rc == 0)
        rc = render_to(b, b->t[T_SUMMARY_MD], MUSTACHE_ESCAPE_MARKDOWN, view,
                       route_locale(ROUTE_LOCALE_SUMMARY, code));
    cJSON_Delete(view);
    return rc;
}

static int write_site_pages(Build *b, const SiteModel *model)
{
    cJSON *views[3] = {view_root(model, b->err), NULL, NULL};
    if (views[0])
        views[1] = view_not_found(model, b->err);
    if (views[1])
        views[2] = view_sitemap(model);
    int rc = views[2] ? 0 : -1;
    if (rc == 0)
        rc = render_to(b, b->t[T_ROOT_HTML], MUSTACHE_ESCAPE_HTML, views[0],
                       route_site(ROUTE_ROOT));
    if (rc == 0)
        rc = render_to(b, b->t[T_NOT_FOUND_HTML], MUSTACHE_ESCAPE_HTML, views[1],
                       route_site(ROUTE_NOT_FOUND));
    /* A sitemap lists absolute URLs: none without the base URL. */
    if (rc == 0 && b->router.base_url)
        rc = render_to(b, b->t[T_SITEMAP_XML], MUSTACHE_ESCAPE_HTML, views[2],
                       route_site(ROUTE_SITEMAP));
    for (int i = 0; i < 3; i++)
        cJSON_Delete(views[i]);
    return rc;
}

/* One board's (or category's) JSON and CSV. */
static int write_download(Build *b, const Leaderboard *lb, const char *slug,
                          const char *category)
{
    char *text = json_print_consume(leaderboard_to_json(lb));
    Buf data = BUF_INIT;
    buf_puts(&data, text);
    buf_putc(&data, '\n');
    free(text);
    int rc = write_page(b, route_with_category(route_data(ROUTE_DATA_JSON, slug),
                                               category),
                        data.data, data.len);
    buf_clear(&data);
    if (rc == 0) {
        leaderboard_write_csv(lb, &data);
        rc = write_page(b, route_with_category(route_data(ROUTE_DATA_CSV, slug),
                                               category),
                        data.data, data.len);
    }
    buf_free(&data);
    return rc;
}

/* Named by the config's board and category ids, never the data file's
 * (slug.h). */
static int write_downloads(Build *b)
{
    for (size_t i = 0; i < b->config->n_boards; i++) {
        const BoardConfig *bc = &b->config->boards[i];
        if (b->board_error[i])
            continue; /* kept from the previous site */
        if (write_download(b, b->boards[i], bc->id, NULL) != 0)
            return -1;
        for (size_t c = 0; c < bc->n_categories; c++)
            if (write_download(b, b->categories[i].boards[c], bc->id,
                               bc->categories[c].id) != 0)
                return -1;
    }
    return 0;
}

static int copy_assets(Build *b)
{
    Buf dir = BUF_INIT;
    buf_printf(&dir, "%s/assets", b->templates_dir);
    DIR *d = opendir(dir.data);
    if (!d) {
        int rc = lb_fail(b->err, LB_EINPUT, "%s: cannot open", dir.data);
        buf_free(&dir);
        return rc;
    }
    int rc = 0;
    struct dirent *de;
    while (rc == 0 && (de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.')
            continue;
        Buf src = BUF_INIT;
        buf_printf(&src, "%s/%s", dir.data, de->d_name);
        char *bytes;
        size_t len;
        rc = file_read_all(src.data, &bytes, &len, b->err);
        if (rc == 0) {
            rc = write_page(b, route_asset(de->d_name), bytes, len);
            free(bytes);
        }
        buf_free(&src);
    }
    closedir(d);
    buf_free(&dir);
    /* GitHub Pages must serve the tree as is, without Jekyll. */
    return rc == 0 ? write_page(b, route_site(ROUTE_NOJEKYLL), "", 0) : rc;
}

/* Every file of board `i` and of each of its categories in the site
 * (route.h): per built locale the HTML page, Markdown page and chart; the
 * two downloads. */
static int keep_file(Build *b, Route r)
{
    int found;
    char *rel = route_path(&b->router, r);
    int rc = outdir_keep(&b->out, rel, &found, b->err);
    free(rel);
    return rc;
}

static int keep_board(Build *b, size_t i)
{
    const BoardConfig *bc = &b->config->boards[i];
    static const RouteKind per_locale[] = {ROUTE_BOARD_HTML, ROUTE_BOARD_MD,
                                           ROUTE_BOARD_CHART};
    int rc = 0;
    for (size_t c = 0; c <= bc->n_categories && rc == 0; c++) {
        const char *category = c ? bc->categories[c - 1].id : NULL;
        rc = keep_file(b, route_with_category(route_data(ROUTE_DATA_JSON, bc->id),
                                              category));
        if (rc == 0)
            rc = keep_file(b, route_with_category(route_data(ROUTE_DATA_CSV,
                                                             bc->id),
                                                  category));
        for (size_t l = 0; l < b->n_locales && rc == 0; l++)
            for (size_t k = 0; k < 3 && rc == 0; k++)
                rc = keep_file(b, route_with_category(
                                      route_board(per_locale[k],
                                                  b->locales[l]->code, bc->id),
                                      category));
    }
    return rc;
}

/* Board pages first, each board on its own: one that fails to render is
 * failed (board_failed) and gets its previous files back; the index pages
 * come after, so they describe what is published. */
static int write_boards(Build *b, const SiteModel *model)
{
    for (size_t i = 0; i < b->config->n_boards; i++) {
        for (size_t l = 0; l < b->n_locales && !b->board_error[i]; l++) {
            LbError why = {0};
            LbError *outer = b->err;
            b->err = &why;
            int rc = write_board(b, model, l, i);
            b->err = outer;
            if (rc != 0 && outdir_interrupted())
                return lb_fail(b->err, why.status, "%s", why.message);
            if (rc != 0)
                board_failed(b, i, why.message);
        }
        if (b->board_error[i] && keep_board(b, i) != 0)
            return -1;
    }
    return 0;
}

/* The configured locales this build does not make keep their pages. */
static int keep_other_locales(Build *b)
{
    if (!b->options->keep_other_locales || !b->options->locales)
        return 0;
    for (size_t i = 1; i < b->config->n_locales; i++) {
        const char *code = b->config->locales[i];
        if (wanted(b->options->locales, code))
            continue;
        /* The locale's directory: the one its index page is in. */
        char *index = route_path(&b->router,
                                 route_locale(ROUTE_LOCALE_INDEX, code));
        char *dir = path_dir(index);
        int found, rc = outdir_keep(&b->out, dir, &found, b->err);
        free(index);
        free(dir);
        if (rc != 0)
            return -1;
    }
    return 0;
}

static int write_everything(Build *b)
{
    SiteModel model = {b->config, b->locales, b->n_locales, b->boards,
                       b->history, b->categories, b->router, NULL,
                       b->models, &b->news};
    if (b->options->strict)
        model.declared_keys = &b->declared_keys;
    if (keep_other_locales(b) != 0)
        return -1;
    for (;;) {
        size_t failed = b->failed_boards;
        if (write_boards(b, &model) != 0)
            return -1;
        if (b->failed_boards == failed)
            break;
        /* A board failed to render and now shows what was published
         * before (board_failed): the index across boards, which pointed at
         * its data, is made again, and the other boards' pages again with
         * it, so every link follows the pages that are published. */
        unindex_models(b);
        index_models(b);
        model.models = b->models;
    }
    for (size_t l = 0; l < b->n_locales; l++)
        if (write_locale_index(b, &model, l) != 0 || write_models(b, &model, l) != 0
            || write_across_boards(b, &model, l) != 0)
            return -1;
    if (write_site_pages(b, &model) != 0 || write_downloads(b) != 0
        || copy_assets(b) != 0)
        return -1;
    return 0;
}

/* ---- the docs tree (--docs-out, docs.h) --------------------------------------- */

typedef struct {
    Build *b;
    DocsTree *tree;
    SiteModel model; /* with the docs tree's router */
} Docs;

static int render_doc(Docs *d, const MustacheTemplate *tmpl,
                      MustacheEscape escape, const cJSON *view, Route page)
{
    Buf out = BUF_INIT;
    int rc = mustache_render(d->b->env, tmpl, view, escape, &out, d->b->err);
    if (rc == 0) {
        char *path = route_path(&d->model.router, page);
        rc = docs_tree_add(d->tree, path, out.data ? out.data : "", out.len,
                           d->b->err);
        free(path);
    }
    buf_free(&out);
    return rc;
}

/* A board page's (or category page's) Markdown and chart, from its view. */
static int docs_view(Docs *d, cJSON *view, const char *code, const char *slug,
                     const char *category)
{
    Build *b = d->b;
    if (!view)
        return -1;
    int rc = render_doc(d, b->t[T_BOARD_MD], MUSTACHE_ESCAPE_MARKDOWN, view,
                        route_with_category(route_board(ROUTE_BOARD_MD, code, slug),
                                            category));
    cJSON *chart = rc == 0 ? standalone_chart(view) : NULL;
    if (chart)
        rc = render_doc(d, b->t[T_CHART_SVG], MUSTACHE_ESCAPE_HTML, chart,
                        route_with_category(route_board(ROUTE_BOARD_CHART, code,
                                                        slug),
                                            category));
    cJSON_Delete(chart);
    cJSON_Delete(view);
    return rc;
}

static int docs_board(Docs *d, size_t l, size_t i)
{
    Build *b = d->b;
    const char *code = b->locales[l]->code;
    const BoardConfig *bc = &b->config->boards[i];
    int rc = docs_view(d, view_board(&d->model, l, i, b->err), code, bc->id, NULL);
    for (size_t c = 0; c < bc->n_categories && rc == 0; c++)
        rc = docs_view(d, view_category(&d->model, l, i, c, b->err), code, bc->id,
                       bc->categories[c].id);
    return rc;
}

/* A board that failed keeps, in the docs tree too, the pages it has there
 * (its Markdown pages and charts, its categories' too), carried over
 * unchanged; it has none when it never built. */
static int docs_keep_board(Docs *d, size_t l, size_t i)
{
    Build *b = d->b;
    const BoardConfig *bc = &b->config->boards[i];
    static const RouteKind kinds[] = {ROUTE_BOARD_MD, ROUTE_BOARD_CHART};
    int rc = 0;
    for (size_t c = 0; c <= bc->n_categories && rc == 0; c++) {
        const char *category = c ? bc->categories[c - 1].id : NULL;
        for (size_t k = 0; k < 2 && rc == 0; k++) {
            char *rel = route_path(&d->model.router,
                                   route_with_category(
                                       route_board(kinds[k], b->locales[l]->code,
                                                   bc->id),
                                       category));
            char *full = str_printf("%s/%s", b->options->docs_out, rel);
            struct stat st;
            char *bytes;
            size_t len;
            if (lstat(full, &st) == 0 && S_ISREG(st.st_mode)
                && (rc = file_read_all(full, &bytes, &len, b->err)) == 0) {
                rc = docs_tree_add(d->tree, rel, bytes, len, b->err);
                free(bytes);
            }
            free(full);
            free(rel);
        }
    }
    return rc;
}

static int docs_locale(Docs *d, size_t l)
{
    Build *b = d->b;
    for (size_t i = 0; i < b->config->n_boards; i++)
        if ((b->board_error[i] ? docs_keep_board(d, l, i)
                               : docs_board(d, l, i)) != 0)
            return -1;
    const char *code = b->locales[l]->code;
    cJSON *view = view_locale_index(&d->model, l, b->err);
    if (!view)
        return -1;
    int rc = render_doc(d, b->t[T_README_MD], MUSTACHE_ESCAPE_MARKDOWN, view,
                        route_locale(ROUTE_LOCALE_README, code));
    if (rc == 0 && b->config->docs->summary)
        rc = render_doc(d, b->t[T_SUMMARY_MD], MUSTACHE_ESCAPE_MARKDOWN, view,
                        route_locale(ROUTE_LOCALE_SUMMARY, code));
    cJSON_Delete(view);
    /* The overview's Markdown page and its value chart. */
    view = rc == 0 ? view_overview(&d->model, l, b->err) : NULL;
    if (rc == 0 && !view)
        return -1;
    if (rc == 0)
        rc = render_doc(d, b->t[T_OVERVIEW_MD], MUSTACHE_ESCAPE_MARKDOWN, view,
                        route_locale(ROUTE_OVERVIEW_MD, code));
    if (rc == 0 && cJSON_GetObjectItem(view, "value_chart"))
        rc = render_doc(d, b->t[T_VALUE_SVG], MUSTACHE_ESCAPE_HTML, view,
                        route_locale(ROUTE_OVERVIEW_CHART, code));
    cJSON_Delete(view);
    return rc;
}

/* Every locale's Markdown pages, index, SUMMARY and charts, laid out by
 * site.docs, rendered in memory and then committed into --docs-out. */
static int write_docs(Build *b)
{
    Docs d = {b, docs_tree_new(),
              {b->config, b->locales, b->n_locales, b->boards, b->history,
               b->categories, {b->router.base_url, b->config->docs}, NULL,
               b->models, &b->news}};
    if (b->options->strict)
        d.model.declared_keys = &b->declared_keys;
    int rc = 0;
    for (size_t l = 0; l < b->n_locales && rc == 0; l++)
        rc = docs_locale(&d, l);
    DocsStats stats;
    if (rc == 0)
        rc = docs_tree_commit(d.tree, b->options->docs_out, &stats, b->err);
    if (rc == 0) {
        b->stats->docs_files = stats.files;
        b->stats->docs_written = stats.written;
        b->stats->docs_removed = stats.removed;
    }
    docs_tree_free(d.tree);
    return rc;
}

/* The address absolute URLs use: --base-url or LBGEN_BASE_URL, else
 * site.base_url, else none (route.h). */
static int resolve_base_url(Build *b)
{
    b->router = (Router){b->config->base_url, NULL};
    const char *given = b->options->base_url;
    if (!given)
        return 0;
    const char *problem = NULL;
    b->base_url = route_base_url(given, &problem);
    if (!b->base_url)
        return lb_fail(b->err, LB_EUSAGE, "%s: \"%s\": %s",
                       b->options->base_url_from ? b->options->base_url_from
                                                 : "base URL",
                       given, problem);
    b->router.base_url = b->base_url;
    return 0;
}

/* ---- the build -------------------------------------------------------------- */

/* After a published build: LB_ESOURCE (exit 3) naming what failed, or 0. */
static int report_failures(Build *b)
{
    Buf msg = BUF_INIT;
    if (b->refresh.failed)
        buf_printf(&msg, "%zu source(s) failed their checks; the site was "
                   "built from their last good data", b->refresh.failed);
    if (b->failed_boards) {
        buf_printf(&msg, "%s%zu board(s) failed (", msg.len ? "; " : "",
                   b->failed_boards);
        for (size_t i = 0, k = 0; i < b->config->n_boards; i++)
            if (b->board_error[i])
                buf_printf(&msg, "%s%s", k++ ? ", " : "",
                           b->config->boards[i].id);
        buf_puts(&msg, ") and kept their previously published pages");
    }
    if (b->catalog_failed)
        buf_printf(&msg, "%sthe catalog failed and the boards were built "
                   "without it", msg.len ? "; " : "");
    int rc = msg.len ? lb_fail(b->err, LB_ESOURCE, "%s%s", msg.data,
                               b->failed_boards || b->catalog_failed
                                   ? "; the rest of the site was published"
                                   : "")
                     : 0;
    buf_free(&msg);
    return rc;
}

static void build_free(Build *b)
{
    for (size_t i = 0; b->locales && i < b->n_locales; i++)
        locale_free(b->locales[i]);
    free(b->locales);
    for (size_t i = 0; b->boards && i < b->config->n_boards; i++) {
        leaderboard_free(b->boards[i]);
        free(b->board_error[i]);
    }
    free(b->boards);
    free(b->board_error);
    for (size_t i = 0; b->history && i < b->config->n_boards; i++)
        free_history(&b->history[i]);
    free(b->history);
    unindex_models(b);
    free_categories(b);
    mustache_env_free(b->env);
    nameset_free(&b->declared_keys);
    free(b->templates_dir);
    free(b->base_url);
    config_free(b->config);
}

int site_build(const BuildOptions *options, BuildStats *stats, LbError *err)
{
    BuildStats ignored;
    Build b = {0};
    b.options = options;
    b.stats = stats ? stats : &ignored;
    *b.stats = (BuildStats){0};
    b.err = err;
    b.config = config_load(options->config_path, err);
    int rc = b.config && resolve_base_url(&b) == 0 && refresh_if_asked(&b) == 0
                     && load_locales(&b) == 0
                     && load_boards(&b) == 0 && load_categories(&b) == 0
                     && join_catalog(&b) == 0 && load_histories(&b) == 0
                     && load_templates(&b) == 0
                 ? 0
                 : -1;
    if (rc == 0)
        index_models(&b);
    if (rc == 0 && options->strict)
        view_used_keys(b.config, b.locales, b.n_locales, NULL,
                       &b.declared_keys);
    if (rc == 0 && options->out_dir) {
        rc = outdir_begin(&b.out, options->out_dir, err);
        if (rc == 0) {
            rc = write_everything(&b);
            if (rc == 0)
                rc = outdir_commit(&b.out, err);
            else
                outdir_abort(&b.out);
        }
    }
    if (rc == 0 && options->docs_out)
        rc = write_docs(&b);
    if (rc == 0)
        rc = report_failures(&b);
    build_free(&b);
    return rc;
}
