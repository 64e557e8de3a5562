/* view — everything a page shows, formatted for one locale, as a cJSON
 * object the Mustache templates render (see templates/). All locale logic
 * lives here: which string, which number format, which time zones, which
 * notice; templates only place and escape.
 *
 * Ownership: the SiteModel borrows its config, locales and boards (the
 * caller keeps them alive); every view_* function returns a new cJSON tree
 * the caller deletes, or NULL with err filled (a string missing from the
 * source locale, a column the data cannot provide, in strict mode a locale
 * key view_used_keys() does not declare). Every path and link a view
 * carries comes from route.h. */
#ifndef LBGEN_VIEW_H
#define LBGEN_VIEW_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "config.h"
#include "diag.h"
#include "boardnews.h"
#include "leaderboard.h"
#include "locale.h"
#include "modelindex.h"
#include "nameset.h"
#include "route.h"

/* A board's past, from its dated snapshots (history.h). */
typedef struct {
    Leaderboard *previous;   /* the latest snapshot older than the data */
    Leaderboard **snapshots; /* oldest first, at most HISTORY_POINTS */
    char **dates;            /* each snapshot's date, YYYY-MM-DD */
    size_t n_snapshots;
} BoardHistory;

enum { HISTORY_POINTS = 30 };

/* A board's categories (config.h CategoryConfig), loaded: parallel arrays
 * of bc->n_categories boards and histories. */
typedef struct {
    Leaderboard **boards;
    BoardHistory *history;
} BoardCategories;

typedef struct {
    const SiteConfig *config;
    Locale *const *locales;     /* the locales built; [0] is the source */
    size_t n_locales;
    /* parallel to config->boards; NULL for a board that failed and has
     * no earlier pages (index pages and the sitemap leave it out) */
    Leaderboard *const *boards;
    const BoardHistory *history; /* parallel to config->boards */
    /* Parallel to config->boards; NULL: no category pages. */
    const BoardCategories *categories;
    Router router;              /* where pages are (route.h) */
    /* Strict mode: view_used_keys(); a page that looks up any other locale
     * key fails. NULL: no check. */
    const NameSet *declared_keys;
    /* Every model across every board and category view (view i < n_boards
     * is board i), and the notable changes between their snapshots, newest
     * first (boardnews.h): the model pages, the overview and the feeds. */
    const ModelIndex *models;
    const NewsList *news;
} SiteModel;

cJSON *view_board(const SiteModel *site, size_t locale, size_t board,
                  LbError *err);
/* The page of category `category` of board `board` (its data and history
 * from site->categories): the board's columns over the category's data,
 * with the category switcher. */
cJSON *view_category(const SiteModel *site, size_t locale, size_t board,
                     size_t category, LbError *err);

cJSON *view_locale_index(const SiteModel *site, size_t locale, LbError *err);

/* The page of model `model` (an index into site->models): every view it
 * appears on with its rating, interval and rank there, what the boards say
 * about it, its links, and its rating and rank over time
 * (view_model.c). */
cJSON *view_model(const SiteModel *site, size_t locale, size_t model,
                  LbError *err);

/* The overview across boards: each board's leaders, the rank matrix of the
 * models in some board's top ten, and the value chart (score against
 * price) of the first board with prices (view_overview.c). The chart is
 * also under "value_chart" for the standalone SVG. */
cJSON *view_overview(const SiteModel *site, size_t locale, LbError *err);

/* The Atom feed of notable changes (site->news) in one language
 * (view_feed.c). */
cJSON *view_feed(const SiteModel *site, size_t locale, LbError *err);
cJSON *view_root(const SiteModel *site, LbError *err);
cJSON *view_not_found(const SiteModel *site, LbError *err);
cJSON *view_sitemap(const SiteModel *site);

/* The locale keys the pages of `config` use, added to `out`: every key the
 * view code looks up by name, the template strings (t.NAME) that some
 * template prints (`template_names`: every name the templates look up, see
 * mustache_template_names; NULL counts them all), the keys the
 * configuration names (site title and tagline, each board's title, intro
 * and description, its columns' labels and notes as resolved against the
 * source locale locales[0]) and the time-zone labels of `locales`.
 * `lbgen i18n check` reports every other key of the source locale as
 * unused. */
void view_used_keys(const SiteConfig *config, Locale *const *locales,
                    size_t n_locales, const NameSet *template_names,
                    NameSet *out);

#endif
