/* fileio — whole-file reads, atomic writes and directory chores.
 *
 * Nothing lbgen writes is ever half-written: file_write_atomic() writes to a
 * temporary file in the destination's directory and rename()s it into place,
 * so a reader sees either the old file or the new one (devices and FIFOs,
 * which cannot be replaced, are written in place). Inside a staging tree,
 * which no reader sees before it is swapped in whole, file_write_staged()
 * writes in place: a site build creates about a thousand files. */
#ifndef LBGEN_FILEIO_H
#define LBGEN_FILEIO_H

#include <stddef.h>

#include "diag.h"

/* Reads all of `path` into a NUL-terminated buffer the caller frees.
 * "-" reads standard input. */
int file_read_all(const char *path, char **out, size_t *len, LbError *err);

/* As file_read_all, refusing more than `max` bytes ("PATH: larger than the
 * N-byte limit") without reading more than that from pipes, FIFOs and
 * devices. *mtime (may be NULL) gets a regular file's modification time,
 * -1 for anything else. */
int file_read_limited(const char *path, size_t max, char **out, size_t *len,
                      long long *mtime, LbError *err);

/* Writes `path` through a temporary file and rename(). An existing path
 * that is neither a regular file nor a directory (a device such as
 * /dev/stdout, a FIFO) is written in place instead, never replaced. */
int file_write_atomic(const char *path, const void *data, size_t len,
                      LbError *err);

/* Temporary names carry the writer's process id, "PREFIX.tmp.PID.XXXXXX",
 * so a process killed mid-write (SIGKILL, power loss) leaves a name the
 * next writer can recognise: temp_name() builds one (caller frees) and
 * remove_stale_temps() deletes the entries of `dir` named PREFIX.tmp.PID.*
 * whose PID no longer runs (files or whole trees). file_write_atomic()
 * cleans up after its own file; outdir.c after its staging trees. */
char *temp_name(const char *prefix);
void remove_stale_temps(const char *dir, const char *prefix);

/* mkdir -p; existing directories are fine. */
int mkdir_p(const char *path, LbError *err);

/* Writes `path` directly, creating or truncating it (mode 0644), for a
 * file inside a private staging tree that nobody reads before the whole
 * tree is swapped in (outdir.h): no temporary file, no rename. Returns 0;
 * FILE_STAGED_NO_DIR when the parent directory is missing and
 * FILE_STAGED_LINK when `path` is a symbolic link (never followed), both
 * without touching `err`; or -1 with `err` set. */
enum { FILE_STAGED_NO_DIR = 1, FILE_STAGED_LINK = 2 };
int file_write_staged(const char *path, const void *data, size_t len,
                      LbError *err);

/* rm -r; a missing path is fine. */
int remove_tree(const char *path, LbError *err);

int path_is_dir(const char *path);

/* The directory part of `path`: "." when it has none, "/" for a file in
 * the root. A new string. */
char *path_dir(const char *path);

#endif
