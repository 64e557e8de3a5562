/* diag — errors as values.
 *
 * Library functions never print or exit: they fill an LbError and return a
 * failure value; the command layer prints `err.message` and exits with
 * `err.status`. The status doubles as the process exit code documented in
 * the README (1 usage, 2 bad input, 3 source failed, 4 internal). */
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

/* 1-based line and column (in UTF-8 characters) of byte `offset`. */
void text_position(const char *text, size_t len, size_t offset,
                   int *line, int *col);

#endif
