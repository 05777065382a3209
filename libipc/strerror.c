// The names of the error codes, for log lines.  A file of its own: it
// makes no system call, so the kernel links it too when mono mode runs
// server code inside it (docs/mono.md).
#include "ipc.h"
#include "libipc.h"

static const char *const error_names[E_NERRORS] = {
    [-E_OK] = "ok",
    [-E_INVAL] = "E_INVAL: invalid argument",
    [-E_FAULT] = "E_FAULT: bad address",
    [-E_PERM] = "E_PERM: not permitted",
    [-E_NOMEM] = "E_NOMEM: out of memory",
    [-E_NOTASK] = "E_NOTASK: no such task",
    [-E_NOENT] = "E_NOENT: no such file or object",
    [-E_EXIST] = "E_EXIST: already exists",
    [-E_TOOBIG] = "E_TOOBIG: too large",
    [-E_TIMEOUT] = "E_TIMEOUT: timed out",
    [-E_WOULDBLOCK] = "E_WOULDBLOCK: nobody waiting",
    [-E_RESTART] = "E_RESTART: server restarted",
    [-E_NOSYS] = "E_NOSYS: no such operation",
    [-E_BADMSG] = "E_BADMSG: malformed message",
    [-E_IO] = "E_IO: device error",
    [-E_NOSPC] = "E_NOSPC: no space left",
    [-E_BUSY] = "E_BUSY: busy",
    [-E_NFILE] = "E_NFILE: too many open files",
    [-E_ISDIR] = "E_ISDIR: is a directory",
    [-E_NOTDIR] = "E_NOTDIR: not a directory",
    [-E_NOTEMPTY] = "E_NOTEMPTY: directory not empty",
    [-E_BADF] = "E_BADF: bad file descriptor",
    [-E_PIPE] = "E_PIPE: broken pipe",
    [-E_AGAIN] = "E_AGAIN: try again",
    [-E_VERSION] = "E_VERSION: interface mismatch",
    [-E_CHILD] = "E_CHILD: no child",
    [-E_DEAD] = "E_DEAD: gone",
};

const char *ipc_strerror(int err)
{
    if (err > 0 || -err >= E_NERRORS)
        return "unknown error";
    return error_names[-err];
}
