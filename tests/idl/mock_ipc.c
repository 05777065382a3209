// A host stand-in for the kernel's IPC: see mock_ipc.h.  Only what the
// generated code uses is here; every call checks the arguments the way
// the kernel would (buffer sizes) so a stub that gets them wrong fails.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mock_ipc.h"

uint32_t mock_client = 1;
void (*mock_meanwhile)(void);
int mock_restarts;
int mock_calls, mock_deliveries;
jmp_buf mock_script_end;
struct mock_out mock_sent[MOCK_MAXOUT];
int mock_nsent;
struct mock_out mock_last_req, mock_last_reply;

static mock_dispatch_fn servers[NENDPOINT];

// A reply sent with ipc_reply() to a client blocked in ipc_call().
struct pending {
    int waiting;        // the client is in ipc_call
    int answered;
    struct ipc_msg reply;
    uint8_t bytes[IPC_MAXBUF];
};
static struct pending pending[64];

static const struct mock_in *script;
static int script_n, script_next;

void mock_bind(uint32_t ep, mock_dispatch_fn dispatch)
{
    servers[ep] = dispatch;
}

// Keep a copy of a message as it travelled.
static void record(struct mock_out *o, uint32_t client, const struct ipc_msg *m, const void *bytes)
{
    o->client = client;
    o->label = m->label;
    memcpy(o->w, m->w, sizeof o->w);
    if (m->slen > 0)
        memcpy(o->bytes, bytes, m->slen);
    o->len = m->slen;
}

// Copy the travelling part of a reply into the caller's descriptor.
// Like the kernel, refuse bytes that do not fit its rbuf: E_TOOBIG.  As
// the kernel does, read a buffer's pointer only when its length is not 0.
static int deliver_reply(struct ipc_msg *m, const struct ipc_msg *reply, const void *bytes)
{
    record(&mock_last_reply, 0, reply, bytes);
    if (reply->slen > m->rlen || (reply->slen > 0 && m->rbuf == 0))
        return E_TOOBIG;
    m->label = reply->label;
    memcpy(m->w, reply->w, sizeof m->w);
    if (reply->slen > 0)
        memcpy(m->rbuf, bytes, reply->slen);
    m->rlen = reply->slen;
    m->rpage = 0;
    m->rperm = 0;
    return 0;
}

int ipc_call(uint32_t ep, struct ipc_msg *m)
{
    struct ipc_msg req, reply;
    uint32_t client = mock_client;
    struct pending *p = &pending[client % 64];
    void *reply_buf, *req_buf;
    int r;

    mock_calls++;
    if (ep >= NENDPOINT || servers[ep] == 0)
        return E_DEAD;
    if (m->slen > IPC_MAXBUF)
        return E_TOOBIG;
    if (m->slen > 0 && m->sbuf == 0)
        return E_FAULT;
    if (m->spage != 0)
        return E_INVAL;         // the stubs never send pages
    // The server receives exactly the bytes sent: a buffer of that size,
    // so AddressSanitizer catches any read past them.
    req_buf = malloc(m->slen ? m->slen : 1);
    if (m->slen > 0)
        memcpy(req_buf, m->sbuf, m->slen);
    memset(&req, 0, sizeof req);
    req.label = m->label;
    req.sender = client;
    memcpy(req.w, m->w, sizeof req.w);
    req.rbuf = req_buf;
    req.rlen = m->slen;
    record(&mock_last_req, client, m, m->sbuf);
    reply_buf = malloc(IPC_MAXBUF);
    memset(&reply, 0, sizeof reply);
    p->waiting = 1;
    p->answered = 0;
    mock_deliveries++;
    r = servers[ep](&req, &reply, reply_buf);
    if (r == 0) {
        if (reply.slen > IPC_MAXBUF) {
            fprintf(stderr, "mock: reply of %u bytes\n", reply.slen);
            abort();
        }
        p->reply = reply;
        if (reply.slen > 0)
            memcpy(p->bytes, reply.sbuf, reply.slen);
        p->answered = 1;
    } else if (mock_meanwhile) {
        mock_client = client + 100;     // the others are other tasks
        mock_meanwhile();
        mock_client = client;
    }
    p->waiting = 0;
    free(req_buf);
    free(reply_buf);
    if (mock_restarts > 0) {
        mock_restarts--;
        return E_RESTART;
    }
    if (!p->answered)
        return E_TIMEOUT;
    return deliver_reply(m, &p->reply, p->bytes);
}

int ipc_call_retry(uint32_t ep, struct ipc_msg *m)
{
    int r;

    while ((r = ipc_call(ep, m)) == E_RESTART)
        ;
    return r;
}

int ipc_call_retry_words(uint32_t ep, struct ipc_msg *m)
{
    return ipc_call_retry(ep, m);
}

int ipc_reply(uint32_t client, struct ipc_msg *m)
{
    struct pending *p = &pending[client % 64];

    if (script != 0 && !p->waiting) {
        // A serve loop's deferred reply: record it like the others.
        record(&mock_sent[mock_nsent++ % MOCK_MAXOUT], client, m, m->sbuf);
        return 0;
    }
    if (!p->waiting || p->answered)
        return E_NOTASK;
    if (m->slen > IPC_MAXBUF)
        return E_TOOBIG;
    p->reply = *m;
    if (m->slen > 0)
        memcpy(p->bytes, m->sbuf, m->slen);
    p->answered = 1;
    return 0;
}

void mock_script(const struct mock_in *msgs, int n)
{
    script = msgs;
    script_n = n;
    script_next = 0;
    mock_nsent = 0;
}

// The next scripted message, received into m as the kernel would.
static int next_message(struct ipc_msg *m)
{
    const struct mock_in *in;

    if (script_next >= script_n)
        longjmp(mock_script_end, 1);
    in = &script[script_next++];
    if (in->len > m->rlen)
        return E_TOOBIG;
    m->label = in->label;
    m->sender = in->sender;
    memcpy(m->w, in->w, sizeof m->w);
    memcpy(m->rbuf, in->bytes ? in->bytes : "", in->len);
    m->rlen = in->len;
    m->rpage = 0;
    return 0;
}

int ipc_recv(struct ipc_msg *m, uint32_t timeout)
{
    (void)timeout;
    return next_message(m);
}

int ipc_reply_recv(uint32_t client, struct ipc_msg *m, uint32_t timeout)
{
    (void)timeout;
    if (m->slen > IPC_MAXBUF)
        return E_TOOBIG;
    record(&mock_sent[mock_nsent++ % MOCK_MAXOUT], client, m, m->sbuf);
    return next_message(m);
}

int ipc_send(uint32_t ep, struct ipc_msg *m, int nonblock)
{
    (void)ep;
    (void)m;
    (void)nonblock;
    return E_NOSYS;
}

int ipc_notify(uint32_t task, uint32_t bits)
{
    (void)task;
    (void)bits;
    return E_NOSYS;
}

const char *ipc_strerror(int err)
{
    (void)err;
    return "mock";
}
