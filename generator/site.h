/* site — `lbgen build`: the page graph. Loads the configuration, locales,
 * data and templates, renders every page of every locale into a staging
 * directory and swaps it in (outdir.h), so a failed build leaves the
 * previous site untouched.
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
    const char *templates_dir; /* NULL: <config dir>/templates */
} BuildOptions;

typedef struct {
    size_t pages;
    size_t bytes;
} BuildStats;

int site_build(const BuildOptions *options, BuildStats *stats, LbError *err);

#endif
