// What user space adds to the kernel's message contract (message.h):
// the numbers of the well-known services and the error codes only
// servers give.  The IDL compiler's generated code, libipc, the servers
// and the programs include this; the kernel does not.
#ifndef LIBIPC_IPC_H
#define LIBIPC_IPC_H

#include "message.h"

// Well-known service endpoints.  Only a privileged task (proc) may bind
// them, and say who may call each (SYS_ep_admit, EP_ADMIT).
enum ipc_endpoint {
    EP_PROC = 1,
    EP_CONSOLE = 2,
    EP_BLK = 3,
    EP_FS = 4,
    EP_TEST = 5,     // free for test scenarios
    EP_TEST2 = 6,
    EP_KV = 7,       // the key-value store of the kvstore lab (idl/kvstore.idl)
};
_Static_assert(EP_KV < NENDPOINT, "ipc: every service endpoint is below NENDPOINT");

// The error codes servers give, in the kernel's number space
// (message.h holds the kernel's own, between these).
enum service_error {
    E_NOENT = -6,       // no such file, endpoint or object
    E_EXIST = -7,       // already exists
    E_BADMSG = -13,     // a malformed message (bad length, unterminated string, enum out of range)
    E_IO = -14,         // device error
    E_NOSPC = -15,      // no space left on the device
    E_NFILE = -17,      // too many open files
    E_ISDIR = -18,      // is a directory
    E_NOTDIR = -19,     // not a directory
    E_NOTEMPTY = -20,   // directory not empty
    E_BADF = -21,       // bad file descriptor
    E_PIPE = -22,       // write to a pipe with no reader
    E_AGAIN = -23,      // try again later
    E_VERSION = -24,    // interface id or version mismatch
    E_CHILD = -25,      // no child to wait for
    E_NERRORS = 27,
};

#endif
