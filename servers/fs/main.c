// fs, the file server: xv6's file system (the core, fs.h) served over
// IPC.  proc starts it after the disk driver and binds EP_FS to it.  It
// mounts disk FS_DISK, keeping its tables in the state segment that
// outlives it (keep.c), and answers requests in the generated serve loop
// with two hooks of its own: it serves a request together with the
// requests waiting behind it as one group, whose changes commit together
// (serve_group), and after each request it gives parked pipe requests
// their turn (calls_kick).  A read's answer is made straight in the
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

// Serve request m, its answer composed in *reply: false if it has none
// now (parked, or a message from the kernel).  *held says whether it
// changed the disk, so that its answer waits for the group's commit.
static bool serve_one(const struct ipc_msg *m, struct ipc_msg *reply, bool *held)
{
    *held = false;
    // fs registers for no interrupts: the kernel has nothing to say.
    // (A task's message with the kernel's label gets E_VERSION.)
    if (m->sender == IPC_SENDER_KERNEL)
        return false;
    if (!mounted) {
        idl_reply_error(reply, E_IO);
        return true;
    }
    uint32_t changes = fs_log_changes();
    if (fs_dispatch(m, reply, reply_buffer(m)) == IDL_DEFER)
        return false;
    *held = fs_log_changes() != changes;
    return true;
}

// After a group has committed, its held answers may go: the record of
// each call that changed the disk says it is running till then
// (call_answer).
static void committed(uint32_t client, bool held)
{
    struct call *c = held ? call_get(client) : 0;
    if (c)
        call_committed(c);
}

// Whether the last group had more than one request.  Then callers are
// many, and some come while a group is being served, too late for the
// receive's IPC_MORE: asking for them is worth a trap.
static bool busy;

// Serve req, its answer composed in *reply (the serve loop's descriptor,
// which may be req itself: the dispatcher reads a request in full before
// it writes), and the requests waiting behind it as one group.  Only
// while the group holds an answer for its commit is it worth asking
// (one trap) for another request to share that commit, and only if the
// kernel said one waits (more: IPC_MORE) or the server is busy: a
// lone client's writes do not pay for polls that find nothing.  A
// request that changed nothing is answered at once.  The others'
// answers are sent here after the commit, req's by the serve loop.  In
// mono mode no caller waits at fs (each runs it in the kernel), so
// every group is of one.
static int serve_group(const struct ipc_msg *req, struct ipc_msg *reply, void *unused, bool more)
{
    static struct answer others[GROUP - 1];
    static uint8_t next_buf[IPC_MAXBUF];
    struct ipc_msg next;
    uint32_t client = req->sender;
    bool held;
    int n = 0;
    (void)unused;
    fs_group_begin();
    bool answered = serve_one(req, reply, &held);
    bool holding = answered && held;
    while (holding && (more || busy) && n < GROUP - 1 && fs_group_room()) {
        idl_msg_start(&next);
        idl_recv_into(&next, next_buf);
        int r = ipc_recv(&next, IPC_POLL);
        if (r < 0)
            break;
        more = r == IPC_MORE;
        struct answer *a = &others[n];
        a->client = next.sender;
        if (serve_one(&next, &a->reply, &a->held)) {
            holding |= a->held;
            n++;
        }
    }
    fs_group_end();
    busy = n > 0;
    committed(client, answered && held);
    for (int i = 0; i < n; i++) {
        committed(others[i].client, others[i].held);
        ipc_reply(others[i].client, &others[i].reply);
    }
    return answered ? 0 : IDL_DEFER;
}

static const struct idl_hooks hooks = {
    .serve = serve_group,
    .after = calls_kick,
};

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
// resident endpoint, docs/mono.md), with the loop's two hooks.  IDL_DEFER
// if the answer comes later, through ipc_reply.
int fs_request(const struct ipc_msg *m, struct ipc_msg *reply, void *unused)
{
    int r = serve_group(m, reply, unused, false);
    calls_kick();
    return r;
}

int main(void)
{
    fs_start();
    fs_serve_with(&hooks);
    return 0;
}
