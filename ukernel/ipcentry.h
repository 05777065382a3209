// The stack contract of the IPC trap, shared by its entry (trapasm.S,
// ipcentry) and the fast path's continuation (fastpath.c,
// block_in_fast_path).  Above the trap frame: nothing.  Just below it,
// ipcentry pushes the frame's address (ipc_trap's argument) and `call
// ipc_trap` pushes its return address, which is ipc_return.  A task that
// blocks in the fast path keeps only these on its kernel stack, and
// resumes by `ret` into ipc_return, which ends the trap (ipc_finish).
// sched_lock, taken in ipc_trap, is held until ipc_finish releases it:
// the lock passes from task to task on the way.
#ifndef UK_IPCENTRY_H
#define UK_IPCENTRY_H

#define IPCENTRY_WORDS 2    // the frame's address, then the return address

#endif
