/* Logging and structured failure reports. Logs go on their own pipe; failures on the control socket. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "husk.h"

static const char *level_names[] = {"debug", "info", "warning", "error"};

void hlog(ctx_t *c, int level, const char *fmt, ...) {
    if (c->logfd < 0 || level < c->log_level)
        return;
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    dprintf(c->logfd, "%s %s\n", level_names[level & 3], msg);
}

/*
 * Reports the failure of the current step and ends this process. Before READY the report goes to husk as a
 * MSG_ERROR record (step, op, errno, path, text); after the gate opened, to start.err, which husk start reads and
 * reports (once: the payload's stderr stays the payload's). Only with neither is stderr all we have.
 */
void fail(ctx_t *c, int err, const char *path, const char *fmt, ...) {
    char text[1536];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    if (err && n > 0 && (size_t)n < sizeof text)
        snprintf(text + n, sizeof text - (size_t)n, ": %s", strerror(err));
    if (c->ctl >= 0)
        wire_send(c->ctl, MSG_ERROR, "iiiss", (int64_t)c->step, (int64_t)c->op, (int64_t)err, path ? path : "",
                  text);
    else if (c->errfd >= 0) /* husk start reads it when the init dies before its execve: "step\ttext" */
        dprintf(c->errfd, "%d\t%s\n", c->step, text);
    else
        dprintf(2, "husk-init: %s\n", text);
    _exit(127);
}

int64_t arg_i(ctx_t *c, const record_t *r, uint32_t i) {
    if (i >= r->argc || r->args[i].kind != 'i')
        fail(c, EPROTO, NULL, "protocol: step %u wants an integer argument %u", r->code, i);
    return r->args[i].i;
}

const char *arg_s(ctx_t *c, const record_t *r, uint32_t i) {
    if (i >= r->argc || r->args[i].kind != 's')
        fail(c, EPROTO, NULL, "protocol: step %u wants a string argument %u", r->code, i);
    return r->args[i].s;
}

const char *arg_opt(ctx_t *c, const record_t *r, uint32_t i) {
    const char *s = arg_s(c, r, i);
    return *s ? s : NULL;
}
