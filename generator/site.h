/* site — `lbgen build`: the page graph. Loads the configuration, locales,
 * data and templates, renders every page of every locale into a staging
 * directory and swaps it in (outdir.h), so a failed build leaves the
 * previous site untouched.
 *
 * History: data/history/<B>/YYYY-MM-DD.json snapshots (kept by refresh.h)
 * give the rank change since the previous snapshot and a sparkline of the
 * last 30, shown where a board's columns ask for "change" and "trend".
 *
 * Pages, for each locale L and leaderboard B:
 *   L/B/index.html, L/B.md, L/B.svg (chart), L/index.html, L/README.md,
 *   L/SUMMARY.md; once: index.html (language chooser), 404.html,
 *   sitemap.xml, assets/, data/B.json, data/B.csv. */
#ifndef LBGEN_SITE_H
#define LBGEN_SITE_H

#include <stddef.h>

#include "diag.h"

typedef struct {
    const char *config_path; /* leaderboards.json */
    const char *out_dir;     /* site */
    const char *locales;     /* comma-separated subset, or NULL for all */
    const char *templates_dir; /* NULL: the config's paths.templates */
    int fetch;               /* refresh live boards first (refresh.h) */
    int force;               /* with fetch: publish what fails the checks */
    int quiet;
    /* With `locales`: carry the other configured locales' directories in
     * --out over unchanged instead of dropping them (`lbgen serve`). */
    int keep_other_locales;
} BuildOptions;

typedef struct {
    size_t pages;
    size_t bytes;
} BuildStats;

/* Returns 0, or -1 with err filled. With fetch, a source that failed its
 * checks still lets the site build from its last good data; the build then
 * returns -1 with LB_ESOURCE (exit 3) after the new site is in place. */
int site_build(const BuildOptions *options, BuildStats *stats, LbError *err);

#endif
