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
    const char *out_dir;     /* site; NULL: no site (only a docs tree) */
    const char *locales;     /* comma-separated subset, or NULL for all */
    const char *templates_dir; /* NULL: the config's paths.templates */
    int fetch;               /* refresh live boards first (refresh.h) */
    int force;               /* with fetch: publish what fails the checks */
    int strict;              /* templates may print only what views provide
                                (mustache_env_set_strict) */
    /* The address the site is published at, overriding site.base_url:
     * an absolute http(s) URL (route_base_url), named in errors by
     * `base_url_from` ("--base-url", "LBGEN_BASE_URL"). NULL: the
     * configuration's, if any. */
    const char *base_url;
    const char *base_url_from;
    /* Also write the docs tree (site.docs in the configuration) into this
     * directory (docs.h). NULL: none. */
    const char *docs_out;
    /* Notes while building (the refresh's progress, warnings and failed
     * sources, boards that keep their previous pages); NULL: dropped. */
    const LbReporter *report;
    /* With `locales`: carry the other configured locales' directories in
     * --out over unchanged instead of dropping them (`lbgen serve`). */
    int keep_other_locales;
} BuildOptions;

typedef struct {
    size_t pages; /* files written into --out, and their bytes */
    size_t bytes;
    size_t docs_files;   /* the docs tree's files (docs.h) */
    size_t docs_written; /* of them new or changed */
    size_t docs_removed; /* files of an earlier tree no longer in it */
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
