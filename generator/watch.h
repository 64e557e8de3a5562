/* watch — "did any input of the site change?", with inotify.
 *
 * `lbgen serve` watches the templates, locales and data directories (with
 * every subdirectory, including ones created later) and the configuration
 * file. A single file is watched through its directory and name, because
 * editors often save by writing a new file and renaming it over the old
 * one, which a watch on the file itself would not survive. Hidden names
 * and editor backups ("~" suffix, ".swp") are ignored.
 *
 * The Watch owns its inotify descriptor and path copies; watch_close()
 * releases them. Callers poll watch_fd() and call watch_read(). */
#ifndef LBGEN_WATCH_H
#define LBGEN_WATCH_H

#include "diag.h"

typedef struct Watch Watch;

Watch *watch_open(LbError *err);

/* Watches `dir` and every directory beneath it. */
int watch_add_tree(Watch *w, const char *dir, LbError *err);

/* Watches one file (which need not exist yet) through its directory. */
int watch_add_file(Watch *w, const char *path, LbError *err);

/* The descriptor to poll for readability. */
int watch_fd(const Watch *w);

/* Consumes every pending event without blocking. Returns 1 when a watched
 * file or directory changed, 0 when nothing relevant did, -1 on error.
 * `changed` (when not NULL, at most `size` bytes) receives the path of
 * the first change, for the log. */
int watch_read(Watch *w, char *changed, size_t size, LbError *err);

void watch_close(Watch *w);

#endif
