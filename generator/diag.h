/* diag — errors as values, notes for the user, and the one way lbgen
 * prints a message.
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
 * is mem.c's out-of-memory abort.
 *
 * Messages quote untrusted text (model names, URLs, cells). A newline in
 * one could start a line of the build log that CI reads as a command
 * (GitHub Actions' `::error ...`), and terminal escapes could rewrite the
 * screen, so both ways out are escaped here, not at each call: every
 * LbError message is escaped when it is formatted (lb_fail, lb_fail_at),
 * and every line lbgen writes to stderr goes through lb_log(), which
 * escapes again (the command layer's reporters print with it).
 * tests/cli/test_logs.sh checks that no other code writes to stderr. */
#ifndef LBGEN_DIAG_H
#define LBGEN_DIAG_H

#include <stdarg.h>
#include <stddef.h>

#include "buf.h"

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

/* Appends `text` to `out` with what could break a log line escaped:
 * \n \r \t, other control characters (C0, DEL, C1), U+2028/U+2029, the
 * direction controls and the invisible characters (utf8_is_invisible: a
 * ZWJ or a soft hyphen would make two names in a message look alike) as
 * \u00XX / \u202E, bytes that are not UTF-8 as \xFF. Everything else is
 * copied as is. */
void lb_escape(Buf *out, const char *text);

/* Prints one line on stderr: the formatted message, escaped (lb_escape),
 * then a newline. A single trailing newline in the message is the line's
 * own and is not escaped. The line is written with one call, so lines of
 * concurrent writers never interleave mid-line. */
void lb_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void lb_vlog(const char *fmt, va_list ap);

/* A message lbgen composed of several lines (a warning listing models,
 * one kind a line): each line escaped (lb_escape) and printed, the first
 * after `prefix`, the others indented by two spaces, so no line of the
 * log can start with what a source wrote. A trailing newline is ignored. */
void lb_log_lines(const char *prefix, const char *message);

/* Writes lbgen's own constant text (a command's usage) to stderr as is.
 * Never for anything that quotes input: that is lb_log's job. */
void lb_log_verbatim(const char *text);

/* 1-based line and column (in UTF-8 characters) of byte `offset`. */
void text_position(const char *text, size_t len, size_t offset,
                   int *line, int *col);

#endif
