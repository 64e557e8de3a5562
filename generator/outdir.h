/* outdir — build a directory tree beside its destination and swap it in.
 *
 * A build writes into a fresh sibling directory (`.NAME.tmp.XXXXXX`) and
 * outdir_commit() exchanges it with the destination in one rename, so
 * readers (a web server, `lbgen serve`, a CI upload) see either the whole
 * old tree or the whole new one. outdir_abort() removes the staging tree.
 * The Outdir owns its path strings; both calls release them. */
#ifndef LBGEN_OUTDIR_H
#define LBGEN_OUTDIR_H

#include <stddef.h>

#include "diag.h"

typedef struct {
    char *final_path; /* e.g. "site" */
    char *stage_path; /* e.g. ".site.tmp.4242.Ab12Cd" beside it */
} Outdir;

int outdir_begin(Outdir *dir, const char *final_path, LbError *err);
int outdir_commit(Outdir *dir, LbError *err);
void outdir_abort(Outdir *dir);

/* Writes `data` to stage_path/relative, creating parent directories. */
int outdir_write(const Outdir *dir, const char *relative, const void *data,
                 size_t len, LbError *err);

#endif
