/* site — `lbgen build`: the page graph. Loads the configuration, locales,
 * data and templates, renders every page of every locale into a staging
 * directory and swaps it in (outdir.h), so a failed build leaves the
 * previous site untouched.
 *
 * History: data/history/<B>/YYYY-MM-DD.json snapshots (history.h)
 * give the rank change since the previous snapshot and a sparkline of the
 * last 30, shown where a board's columns ask for "change" and "trend".
 *
 * Which pages there are and where each is written: route.h. */
#ifndef LBGEN_SITE_H
#define LBGEN_SITE_H

#include <stddef.h>

#include "config.h"
#include "diag.h"
#include "nameset.h"

typedef struct {
    const char *config_path; /* leaderboards.json */
    const char *out_dir;     /* site */
    const char *locales;     /* comma-separated subset, or NULL for all */
    const char *templates_dir; /* NULL: the config's paths.templates */
    int fetch;               /* refresh live boards first (refresh.h) */
    int force;               /* with fetch: publish what fails the checks */
    int strict;              /* templates may print only what views provide
                                (mustache_env_set_strict) */
    /* Notes while building (the refresh's progress, warnings and failed
     * sources, boards that keep their previous pages); NULL: dropped. */
    const LbReporter *report;
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

/* Every name the build's templates look up (mustache_template_names): in
 * each template the build renders and each partial of TEMPLATES/partials,
 * where TEMPLATES is `templates_dir`, or the configuration's when NULL.
 * Adds them to `out`; -1 with err filled when a template does not compile. */
int site_template_names(const SiteConfig *config, const char *templates_dir,
                        NameSet *out, LbError *err);

#endif
