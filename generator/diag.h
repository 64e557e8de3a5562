/* diag — errors as values, and notes for the user.
 *
 * Library functions never print or exit: they fill an LbError and return a
 * failure value; the command layer prints `err.message` and exits with
 * `err.status`. The status doubles as the process exit code documented in
 * the README (1 usage, 2 bad input, 3 source failed, 4 internal).
 *
 * What a library function has to tell the user while it carries on —
 * progress, a warning about the data, a source that failed without
 * stopping the run — goes to an LbReporter the command layer supplies,
 * which decides how (and whether: --quiet) to print it. The one exception
 * is mem.c's out-of-memory abort. */
#ifndef LBGEN_DIAG_H
#define LBGEN_DIAG_H

#include <stddef.h>

typedef enum {
    LB_OK = 0,
    LB_EUSAGE = 1,
    LB_EINPUT = 2,
    LB_ESOURCE = 3,
    LB_EINTERNAL = 4
} LbStatus;

typedef struct {
    LbStatus status;
    char message[1024];
} LbError;

/* Fills *err (when err is non-NULL) and returns -1 so callers can write
 * `return lb_fail(err, LB_EINPUT, "...")`. */
int lb_fail(LbError *err, LbStatus status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* As lb_fail, with the message prefixed by `NAME:LINE:COL: error: `, where
 * LINE and COL (1-based, COL counted in UTF-8 characters) locate byte
 * `offset` of `text`. */
int lb_fail_at(LbError *err, LbStatus status, const char *name,
               const char *text, size_t len, size_t offset,
               const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));

typedef enum {
    LB_NOTE_PROGRESS, /* what is being done; --quiet drops it */
    LB_NOTE_WARNING,  /* about the data; always shown */
    LB_NOTE_FAILURE   /* a part failed, the rest goes on; always shown */
} LbNoteKind;

typedef struct {
    void (*fn)(void *ctx, LbNoteKind kind, const char *message);
    void *ctx;
} LbReporter;

/* Formats a note (one line, no trailing newline) and hands it to `r`;
 * a NULL `r` or `r->fn` drops it. */
void lb_report(const LbReporter *r, LbNoteKind kind, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* 1-based line and column (in UTF-8 characters) of byte `offset`. */
void text_position(const char *text, size_t len, size_t offset,
                   int *line, int *col);

#endif
