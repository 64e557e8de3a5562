/* docs — a docs tree written into a directory that holds other files too
 * (a GitBook or GitHub docs repository): `lbgen build --docs-out DIR`.
 *
 * The pages are rendered into a DocsTree in memory first, so a build that
 * fails writes nothing. docs_tree_commit() then makes DIR hold them:
 *
 * - DIR/.lbgen-manifest lists, one path a line, the files lbgen wrote
 *   there. lbgen replaces only files it is about to write and removes only
 *   files the manifest lists that the new tree no longer has (the pages of
 *   a board or locale taken out of the configuration), then the
 *   directories that removal left empty. Nothing else in DIR is touched.
 * - A file lbgen is to write that exists but is not in the manifest is
 *   someone else's: unless it already holds exactly the new bytes, the
 *   commit stops before writing anything (exit 2) and names it.
 * - Nothing is written through a symbolic link or over anything but a
 *   regular file, and every path stays inside DIR.
 * - Each file is written to a temporary name and renamed (fileio.h), and
 *   only when its bytes change, so a second run with the same inputs
 *   changes nothing. While files are replaced the manifest lists the old
 *   and the new files; an interrupted commit leaves each file old or new
 *   and the next run finishes the job.
 *
 * Ownership: a DocsTree owns copies of everything added to it. */
#ifndef LBGEN_DOCS_H
#define LBGEN_DOCS_H

#include <stddef.h>

#include "diag.h"

#define DOCS_MANIFEST ".lbgen-manifest"

typedef struct DocsTree DocsTree;

typedef struct {
    size_t files;     /* in the tree */
    size_t written;   /* new or changed */
    size_t removed;   /* listed by the old manifest, gone from the tree */
    size_t bytes;     /* of the tree */
} DocsStats;

DocsTree *docs_tree_new(void);
void docs_tree_free(DocsTree *tree);

/* Adds the file at DIR-relative `path` (made by route.h: '/'-separated,
 * checked segments). Two pages on one path is an error (LB_EINPUT) naming
 * it: two locales' patterns that collide. */
int docs_tree_add(DocsTree *tree, const char *path, const void *data,
                  size_t len, LbError *err);

/* Makes `dir` (created when missing) hold the tree, as described above. */
int docs_tree_commit(const DocsTree *tree, const char *dir, DocsStats *stats,
                     LbError *err);

#endif
