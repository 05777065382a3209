// fs, the file server: xv6's file system (the core, fs.h) served over
// IPC.  proc starts it after the disk driver and binds EP_FS to it.  It
// mounts disk FS_DISK, keeping its tables in the state segment that
// outlives it (keep.c), and answers requests one at a time with the generated
// dispatcher.  The loop is its own rather than the generated fs_serve()
// for three reasons: it commits the requests that wait together as one
// group (serve_group), after each group it gives parked pipe requests
// their turn (calls_kick), and a read's answer is made straight in the
// client's slot buffer (reply_buffer).
#include "front.h"
#include "blk_client.h"

static bool mounted;

// Where the dispatcher puts the bytes of an answer.  Only read answers
// carry bytes; they are made in the client's slot buffer, where a pipe
// read's are copied to be kept (handlers.c), and are sent from there.
static void *reply_buffer(const struct ipc_msg *m)
{
    static uint32_t scratch[IPC_MAXBUF / 4];
    struct call *c;
    if (IPC_LABEL_OP(m->label) == FS_OP_READ && (c = call_get(m->sender)))
        return call_buf(c);
    return scratch;
}

// Group commit (log.c): requests that are already waiting when one
// comes in are served into the same transaction, up to GROUP of them
// and as long as the log has room; their answers are held until the
// group has committed, then sent.  A lone request is a group of one.
#define GROUP 8

struct answer {
    uint32_t client;
    struct ipc_msg reply;
    bool held;              // it changed the disk: sent after the commit
};

// Serve one request into answer *a: false if it has no answer now
// (parked, or a message from the kernel).
static bool serve_one(const struct ipc_msg *m, struct answer *a)
{
    a->client = m->sender;
    a->held = false;
    // fs registers for no interrupts: the kernel has nothing to say.
    // (A task's message with the kernel's label gets E_VERSION.)
    if (m->sender == IPC_SENDER_KERNEL)
        return false;
    if (!mounted) {
        idl_reply_error(&a->reply, E_IO);
        return true;
    }
    uint32_t changes = fs_log_changes();
    if (fs_dispatch(m, &a->reply, reply_buffer(m)) == IDL_DEFER)
        return false;
    // One that changed the disk is answered after the group's commit;
    // its record says it is running till then (call_answer).
    a->held = fs_log_changes() != changes;
    return true;
}

// After a group has committed, its held answers may go.
static void group_committed(const struct answer *out, int n)
{
    for (int i = 0; i < n; i++) {
        struct call *c = out[i].held ? call_get(out[i].client) : 0;
        if (c)
            call_committed(c);
    }
}

// Serve the request in *m and those waiting behind it as one group:
// the number of answers left in out[].  Only while the group holds an
// answer for its commit is it worth asking (one trap) whether another
// request waits to share that commit; a request that changed nothing is
// answered at once.
static int serve_group(struct ipc_msg *m, uint8_t *req_buf, struct answer *out)
{
    int n = 0;
    bool holding = false;
    fs_group_begin();
    for (;;) {
        if (serve_one(m, &out[n]))
            holding |= out[n++].held;
        if (!holding || n == GROUP || !fs_group_room())
            break;
        idl_recv_into(m, req_buf);
        if (ipc_recv(m, IPC_POLL) < 0)
            break;
    }
    fs_group_end();
    group_committed(out, n);
    return n;
}

static void serve(void)
{
    static uint8_t req_buf[IPC_MAXBUF];
    static struct answer answers[GROUP];
    struct ipc_msg m;
    int n = 0;
    memset(&m, 0, sizeof(m));
    for (;;) {
        int rc;
        // Send every answer but the last; answer the last and wait for
        // the next request in one trap.
        for (int i = 0; i + 1 < n; i++)
            ipc_reply(answers[i].client, &answers[i].reply);
        if (n > 0) {
            m = answers[n - 1].reply;
            idl_recv_into(&m, req_buf);
            rc = ipc_reply_recv(answers[n - 1].client, &m, IPC_FOREVER);
        } else {
            idl_recv_into(&m, req_buf);
            rc = ipc_recv(&m, IPC_FOREVER);
        }
        n = rc < 0 ? 0 : serve_group(&m, req_buf, answers);
        calls_kick();
    }
}

// Mount the disk; without it every request gets E_IO.
int fs_start(void)
{
    uint32_t nblocks, bsize;
    int r = blk_call_info(FS_DISK, &nblocks, &bsize);
    if (r < 0)
        cprintf("fs: no disk %d: %s\n", FS_DISK, ipc_strerror(r));
    else if ((r = keep_start()) < 0)
        cprintf("fs: no file system on disk %d: %s; every request gets E_IO\n", FS_DISK, ipc_strerror(r));
    else
        cprintf("fs: file system on disk %d (%u blocks)\n", FS_DISK, nblocks);
    mounted = r >= 0;
    return 0;
}

// One request served in its caller's thread (mono mode: the kernel's
// resident endpoint, docs/mono.md): a group of one, then the parked
// requests' turn, as after each group of the loop above.  IDL_DEFER if
// the answer comes later, through ipc_reply.
int fs_request(const struct ipc_msg *m, struct ipc_msg *reply, void *unused)
{
    struct answer a;
    (void)unused;
    fs_group_begin();
    bool answered = serve_one(m, &a);
    fs_group_end();
    group_committed(&a, answered);
    calls_kick();
    if (!answered)
        return IDL_DEFER;
    *reply = a.reply;
    return 0;
}

int main(void)
{
    fs_start();
    serve();
    return 0;
}
