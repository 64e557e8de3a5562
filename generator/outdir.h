/* outdir — build a directory tree beside its destination and swap it in.
 *
 * A build writes into a fresh sibling directory (`.NAME.tmp.XXXXXX`) and
 * outdir_commit() exchanges it with the destination in one rename, so
 * readers (a web server, `lbgen serve`, a CI upload) see either the whole
 * old tree or the whole new one. outdir_abort() removes the staging tree.
 * The Outdir owns its path strings; both calls release them.
 *
 * SIGTERM, SIGINT and SIGHUP while a staging tree exists do not kill the
 * process at once: they are noted, the next outdir_write() or
 * outdir_commit() fails ("interrupted by SIGTERM"), the build unwinds and
 * removes the staging tree, and the command then ends by the same signal
 * (outdir_interrupted()). SIGKILL leaves the tree to the next build's
 * cleanup (fileio.h, remove_stale_temps). */
#ifndef LBGEN_OUTDIR_H
#define LBGEN_OUTDIR_H

#include <stddef.h>

#include "diag.h"

typedef struct {
    char *final_path; /* e.g. "site" */
    char *stage_path; /* e.g. ".site.tmp.4242.Ab12Cd" beside it */
} Outdir;

/* Fails (LB_EUSAGE) for a destination that cannot be swapped: "/", ".",
 * "..", or a path ending in them. */
int outdir_begin(Outdir *dir, const char *final_path, LbError *err);
int outdir_commit(Outdir *dir, LbError *err);
void outdir_abort(Outdir *dir);

/* Writes `data` to stage_path/relative, creating parent directories. */
int outdir_write(const Outdir *dir, const char *relative, const void *data,
                 size_t len, LbError *err);

/* Carries final_path/relative (a file or a whole directory; regular files
 * and directories only, symlinks are not followed) over into the staging
 * tree, replacing what is staged there. *found is 1 when there was
 * something to keep. For a board that failed, a locale not rebuilt. */
int outdir_keep(const Outdir *dir, const char *relative, int *found,
                LbError *err);

/* Removes stage_path/relative (file or tree); a missing one is fine. */
int outdir_remove(const Outdir *dir, const char *relative, LbError *err);

/* The staging path for `final_path` ("site" → ".site.tmp.PID.XXXXXX"
 * beside it; "/site" → "/.site.tmp.PID.XXXXXX"), or NULL with err set
 * for a destination that cannot have one. The caller frees it. */
char *outdir_stage_name(const char *final_path, LbError *err);

/* The signal (SIGTERM, SIGINT, SIGHUP) that interrupted a build, or 0.
 * A command that sees one ends by re-raising it once the build is
 * cleaned up. */
int outdir_interrupted(void);

#endif
