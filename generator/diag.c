#include "diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "mem.h"
#include "utf8.h"

/* Direction controls and line separators: they reorder or break a
 * terminal line without showing. */
static int hides_in_a_line(uint32_t cp)
{
    return cp == 0x061C || cp == 0x200E || cp == 0x200F || cp == 0x2028
           || cp == 0x2029 || (cp >= 0x202A && cp <= 0x202E)
           || (cp >= 0x2066 && cp <= 0x2069);
}

void lb_escape(Buf *out, const char *text)
{
    size_t n = strlen(text);
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)text[i];
        if (c >= 0x20 && c < 0x7F) {
            buf_putc(out, (char)c);
            i++;
            continue;
        }
        size_t k;
        uint32_t cp = utf8_decode(text + i, n - i, &k);
        if (c >= 0x80 && k == 1)
            buf_printf(out, "\\x%02X", c); /* not UTF-8 */
        else if (cp == '\n')
            buf_puts(out, "\\n");
        else if (cp == '\r')
            buf_puts(out, "\\r");
        else if (cp == '\t')
            buf_puts(out, "\\t");
        else if (utf8_is_control(cp) || hides_in_a_line(cp)
                 || utf8_is_invisible(cp))
            buf_printf(out, "\\u%04X", (unsigned)cp);
        else
            buf_append(out, text + i, k);
        i += k;
    }
}

/* Escapes `raw` into err->message, cut at a character boundary. */
static void set_message(LbError *err, const char *raw)
{
    Buf b = BUF_INIT;
    lb_escape(&b, raw);
    size_t n = b.len, cap = sizeof err->message - 1;
    if (n > cap) {
        n = cap;
        while (n > 0 && ((unsigned char)b.data[n] & 0xC0) == 0x80)
            n--; /* do not cut a UTF-8 sequence in two */
    }
    memcpy(err->message, b.data ? b.data : "", n);
    err->message[n] = '\0';
    buf_free(&b);
}

int lb_fail(LbError *err, LbStatus status, const char *fmt, ...)
{
    if (!err)
        return -1;
    err->status = status;
    Buf raw = BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&raw, fmt, ap);
    va_end(ap);
    set_message(err, raw.data ? raw.data : "");
    buf_free(&raw);
    return -1;
}

void lb_vlog(const char *fmt, va_list ap)
{
    Buf raw = BUF_INIT, line = BUF_INIT;
    buf_vprintf(&raw, fmt, ap);
    if (raw.len && raw.data[raw.len - 1] == '\n')
        raw.data[--raw.len] = '\0';
    lb_escape(&line, raw.data ? raw.data : "");
    buf_putc(&line, '\n');
    fwrite(line.data, 1, line.len, stderr);
    fflush(stderr);
    buf_free(&raw);
    buf_free(&line);
}

void lb_log_lines(const char *prefix, const char *message)
{
    Buf out = BUF_INIT;
    const char *p = message;
    for (int first = 1; *p || first; first = 0) {
        size_t n = strcspn(p, "\n");
        char *line = xstrndup(p, n);
        buf_puts(&out, first ? prefix : "  ");
        lb_escape(&out, line);
        buf_putc(&out, '\n');
        free(line);
        p += n;
        if (*p == '\n')
            p++;
        if (!*p)
            break;
    }
    fwrite(out.data, 1, out.len, stderr);
    fflush(stderr);
    buf_free(&out);
}

void lb_log_verbatim(const char *text)
{
    fputs(text, stderr);
    fflush(stderr);
}

void lb_log(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    lb_vlog(fmt, ap);
    va_end(ap);
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
    Buf raw = BUF_INIT;
    buf_printf(&raw, "%s:%d:%d: error: ", name, line, col);
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&raw, fmt, ap);
    va_end(ap);
    set_message(err, raw.data);
    buf_free(&raw);
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
