// fs, the file server: xv6's file system (the core, fs.h) served over
// IPC.  proc starts it after the disk driver and binds EP_FS to it.  It
// mounts disk FS_DISK, keeping its tables in the state segment that
// outlives it (keep.c), and answers requests one at a time with the generated
// dispatcher.  The loop is its own rather than the generated fs_serve()
// for two reasons: after each request it gives parked pipe requests
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

static void serve(void)
{
    static uint8_t req_buf[IPC_MAXBUF];
    struct ipc_msg m, reply;
    uint32_t client = 0;
    bool have_reply = false;
    memset(&m, 0, sizeof(m));
    for (;;) {
        int rc;
        if (have_reply) {
            // Answer the last client and wait for the next one in one trap.
            m = reply;
            idl_recv_into(&m, req_buf);
            rc = ipc_reply_recv(client, &m, IPC_FOREVER);
        } else {
            idl_recv_into(&m, req_buf);
            rc = ipc_recv(&m, IPC_FOREVER);
        }
        have_reply = false;
        // fs registers for no interrupts: the kernel has nothing to say.
        // (A task's message with the kernel's label gets E_VERSION.)
        if (rc < 0 || m.sender == IPC_SENDER_KERNEL)
            continue;
        client = m.sender;
        if (!mounted) {
            idl_reply_error(&reply, E_IO);
            have_reply = true;
            continue;
        }
        have_reply = fs_dispatch(&m, &reply, reply_buffer(&m)) != IDL_DEFER;
        calls_kick();
    }
}

int main(void)
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
    serve();
    return 0;
}
