// This system's additions for ps, crash and nopriv, not in xv6: a
// snapshot of the task table, a request to the supervisor to crash a
// server, and giving up the privileged operations.  All are
// implemented as IPC to the proc server.

#ifndef PROCINFO_H
#define PROCINFO_H

// What a task is doing.
enum procstate {
  PS_RUNNABLE,   // ready, waiting for a CPU
  PS_RUNNING,    // on a CPU now
  PS_BLOCKED,    // waiting: in IPC, in sleep() or in wait()
  PS_ZOMBIE,     // exited, not yet reaped by its parent
  NPROCSTATE
};

struct procinfo {
  int pid;         // process id (what kill() takes)
  int task;        // the kernel's task number
  int state;       // an enum procstate
  int is_server;   // 1 for a server (proc, console, ide, fs, ...), 0 for a program
  char name[16];   // NUL-terminated
};

// Fill out[0..max-1] with one entry per task.
// Returns how many entries were filled, or -1 on error.
int procinfo(struct procinfo *out, int max);

// Ask the supervisor to crash the server called name ("fs", "ide",
// "console", ...), which it then restarts.  Returns 0, or -1 if there
// is no such server or the request was refused.
int crash_server(const char *name);

// How the supervisor's restart policy takes a crash (docs/processes.md).
enum crashkind {
  CRASH_FAULT,      // like a real fault: crash_server's kind
  CRASH_INJECTED,   // a real kill and restart, not counted towards giving up
  CRASH_NO_MODULE,  // a fault, and the server's boot module is gone for good
};

// crash_server, saying how the restart policy is to take the crash.
int crash_server_as(const char *name, int kind);

// Give up, for good, what only a privileged process may do (halt, crash
// a server, kill a privileged process); children forked afterwards are
// ordinary too.  Returns 0, or -1 on error.
int drop_privilege(void);

// A short lower-case word for an enum procstate.
static inline const char*
procstate_name(int state)
{
  switch(state){
  case PS_RUNNABLE: return "runnable";
  case PS_RUNNING:  return "running";
  case PS_BLOCKED:  return "blocked";
  case PS_ZOMBIE:   return "zombie";
  }
  return "?";
}

#endif
