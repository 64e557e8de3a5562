/* config — the site configuration, leaderboards.json: the site itself, its
 * locales, and each leaderboard with its committed data, live source and
 * the columns it shows.
 *
 * Ownership: config_load() returns a SiteConfig that owns every string in
 * it; config_free() releases it. Paths in it are as written in the file,
 * relative to `base_dir` (the directory holding the file). */
#ifndef LBGEN_CONFIG_H
#define LBGEN_CONFIG_H

#include <stddef.h>

#include "adapter.h"
#include "diag.h"
#include "leaderboard.h"
#include "source.h"

typedef enum { MD_FLAVOR_GITBOOK, MD_FLAVOR_GITHUB } MarkdownFlavor;

struct DocsLayout; /* route.h */

/* One category of a board (`leaderboards[].categories[]`): the same board
 * restricted to one category of its source (the Arena's "coding",
 * "chinese", ...), with its own committed data and pages
 * (route.h: L/B/C/index.html, L/B/C.md). */
typedef struct {
    char *id;        /* the source's category name: [a-z0-9_-], names paths */
    char *data;      /* committed snapshot, e.g. data/arena-text/coding.json */
    char *title_key; /* locale key of its name; default "category.<id>" */
    /* Where `build --fetch` refreshes `data` from: the category's own
     * `sources`, or else the board's sources that can read another
     * category (arena-catalog: options.category = id; hf-rows:
     * options.filter.category = id); others are left out. */
    SourceSpec *sources;
    size_t n_sources;
} CategoryConfig;

typedef struct {
    char *id;              /* slug: [a-z0-9-]+, used in paths */
    LbKind kind;
    char *data;            /* committed snapshot, e.g. data/arena-text.json */
    /* Where `build --fetch` refreshes `data` from, tried in order:
     * `sources: [{url, adapter, via, options}, ...]`, or `live: {...}`
     * as a one-source shorthand (source.h). n_sources 0: the board is
     * built from `data` only. */
    SourceSpec *sources;
    size_t n_sources;
    char **columns;        /* column ids in display order */
    size_t n_columns;
    int top_n;             /* rows shown; 0 = all */
    int category_top_n;    /* rows shown on its category pages; 0 = all */
    int chart_top_n;       /* rows in the chart */
    char *title_key;       /* locale keys: the page title, the intro */
    char *intro_key;       /* paragraph and the one-line description */
    char *description_key; /* on index pages */
    char *short_title_key; /* in menus; NULL: title_key */
    /* The board's own page at its publisher (https://arena.ai/leaderboard/
     * text): what the pages name as the data's source; NULL: the data's
     * source.url. */
    char *link;
    /* Which group the index and menus list the board under (locale key
     * "group.<group>"); NULL: "arena" for arena boards, else "benchmark". */
    char *group;
    /* 1: the board's ratings are style-controlled (the Arena's default
     * view): a refreshed board that does not say so is marked so, one
     * that says otherwise fails its source checks. -1: not stated. */
    int style_control;
    CategoryConfig *categories;
    size_t n_categories;
} BoardConfig;

typedef struct {
    char *base_dir;
    /* "paths": {"templates", "locales", "history"}. Without them: the
     * directory of that name beside the configuration when there is one,
     * else the installed defaults (an absolute LBGEN_DATADIR/templates,
     * /locales: `make install`); history defaults to "data/history". */
    char *templates_dir;
    char *locales_dir;
    char *history_dir;
    char *catalog;         /* optional model metadata joined onto boards */
    char *title_key;
    char *tagline_key;
    char *base_url;        /* absolute, ends with '/'; NULL: none */
    char *default_locale;
    MarkdownFlavor markdown_flavor;
    char **locales;        /* the source locale first */
    size_t n_locales;
    BoardConfig *boards;
    size_t n_boards;
    /* site.docs: the docs tree's layout (route.h), owned with its
     * strings. */
    struct DocsLayout *docs;
} SiteConfig;

SiteConfig *config_load(const char *path, LbError *err);
void config_free(SiteConfig *config);

/* The group board `b` is listed under (its `group`, or the default by
 * kind). */
const char *config_board_group(const BoardConfig *b);

/* base_dir joined with a relative path from the config; caller frees. */
char *config_path(const SiteConfig *config, const char *relative);

#endif
