/* buf — a growable byte buffer, always NUL-terminated.
 *
 * The buffer owns `data`; buf_free() releases it, buf_detach() hands it to
 * the caller (who then frees it with free()). A zero-initialised Buf is a
 * valid empty buffer. */
#ifndef LBGEN_BUF_H
#define LBGEN_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct {
    char *data;
    size_t len;
    size_t cap;
} Buf;

#define BUF_INIT {NULL, 0, 0}

void buf_reserve(Buf *b, size_t extra);
void buf_append(Buf *b, const void *bytes, size_t n);
void buf_puts(Buf *b, const char *s);
void buf_putc(Buf *b, char c);
void buf_printf(Buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void buf_vprintf(Buf *b, const char *fmt, va_list ap);
void buf_clear(Buf *b);
/* Returns the contents (NUL-terminated, never NULL) and empties the buffer. */
char *buf_detach(Buf *b);
void buf_free(Buf *b);

/* A new string formatted as by printf; never NULL, freed with free(). */
char *str_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *str_vprintf(const char *fmt, va_list ap);

#endif
