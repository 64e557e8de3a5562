#include "diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

int lb_fail(LbError *err, LbStatus status, const char *fmt, ...)
{
    if (!err)
        return -1;
    err->status = status;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return -1;
}

void text_position(const char *text, size_t len, size_t offset,
                   int *line, int *col)
{
    int l = 1, c = 1;
    if (offset > len)
        offset = len;
    for (size_t i = 0; i < offset; i++) {
        unsigned char ch = (unsigned char)text[i];
        if (ch == '\n') {
            l++;
            c = 1;
        } else if ((ch & 0xC0) != 0x80) {
            c++; /* count characters, not UTF-8 continuation bytes */
        }
    }
    *line = l;
    *col = c;
}

int lb_fail_at(LbError *err, LbStatus status, const char *name,
               const char *text, size_t len, size_t offset,
               const char *fmt, ...)
{
    if (!err)
        return -1;
    int line, col;
    text_position(text, len, offset, &line, &col);
    err->status = status;
    int n = snprintf(err->message, sizeof err->message, "%s:%d:%d: error: ",
                     name, line, col);
    if (n < 0 || (size_t)n >= sizeof err->message)
        return -1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message + n, sizeof err->message - (size_t)n, fmt, ap);
    va_end(ap);
    return -1;
}

void lb_report(const LbReporter *r, LbNoteKind kind, const char *fmt, ...)
{
    if (!r || !r->fn)
        return;
    va_list ap;
    va_start(ap, fmt);
    char *message = str_vprintf(fmt, ap);
    va_end(ap);
    size_t n = strlen(message);
    while (n > 0 && message[n - 1] == '\n')
        message[--n] = '\0';
    r->fn(r->ctx, kind, message);
    free(message);
}
