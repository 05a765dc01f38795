/* Framing of records on the control socket; see protocol.h for the layout. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "husk.h"

static int read_full(int fd, void *buf, size_t len) {
    char *p = buf;
    while (len > 0) {
        ssize_t n = read(fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

static int write_full(int fd, const void *buf, size_t len) {
    const char *p = buf;
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

int wire_read_frame(int fd, char **buf, uint32_t *len) {
    uint32_t n;
    if (read_full(fd, &n, sizeof n) < 0)
        return -1;
    if (n > (64u << 20)) {
        errno = EMSGSIZE;
        return -1;
    }
    char *b = malloc(n ? n : 1);
    if (!b || read_full(fd, b, n) < 0) {
        free(b);
        return -1;
    }
    *buf = b;
    *len = n;
    return 0;
}

static int take(const char *buf, uint32_t len, uint32_t *off, void *out, uint32_t n) {
    if (len - *off < n || *off > len)
        return -1;
    memcpy(out, buf + *off, n);
    *off += n;
    return 0;
}

int wire_parse_record(const char *buf, uint32_t len, uint32_t *off, record_t *rec) {
    if (take(buf, len, off, &rec->code, 4) < 0 || take(buf, len, off, &rec->argc, 4) < 0)
        return -1;
    if (rec->argc > 65536)
        return -1;
    rec->args = calloc(rec->argc ? rec->argc : 1, sizeof(arg_t));
    if (!rec->args)
        return -1;
    for (uint32_t i = 0; i < rec->argc; i++) {
        arg_t *a = &rec->args[i];
        if (take(buf, len, off, &a->kind, 1) < 0)
            return -1;
        if (a->kind == 'i') {
            if (take(buf, len, off, &a->i, 8) < 0)
                return -1;
        } else if (a->kind == 's') {
            if (take(buf, len, off, &a->n, 4) < 0 || a->n == 0 || len - *off < a->n)
                return -1;
            a->s = buf + *off;
            if (a->s[a->n - 1] != '\0')
                return -1;
            *off += a->n;
        } else {
            return -1;
        }
    }
    return 0;
}

/* Sends one record in one frame. fmt has one letter per argument: 'i' (int64_t) or 's' (const char *). */
int wire_send(int fd, uint32_t code, const char *fmt, ...) {
    char buf[8192];
    uint32_t off = 4, argc = (uint32_t)strlen(fmt);
    memcpy(buf + off, &code, 4);
    memcpy(buf + off + 4, &argc, 4);
    off += 8;
    va_list ap;
    va_start(ap, fmt);
    for (const char *f = fmt; *f; f++) {
        if (*f == 'i') {
            int64_t v = va_arg(ap, int64_t);
            buf[off++] = 'i';
            memcpy(buf + off, &v, 8);
            off += 8;
        } else {
            const char *s = va_arg(ap, const char *);
            size_t sl = strlen(s ? s : "");
            if (sl > 2048)
                sl = 2048;
            uint32_t n = (uint32_t)sl + 1;
            buf[off++] = 's';
            memcpy(buf + off, &n, 4);
            memcpy(buf + off + 4, s ? s : "", sl);
            buf[off + 4 + sl] = '\0';
            off += 4 + n;
        }
    }
    va_end(ap);
    uint32_t rest = off - 4;
    memcpy(buf, &rest, 4);
    return write_full(fd, buf, off);
}
