// proc's private header: the process table, the server table, and the
// functions the handlers share.  proc is the root task: the kernel starts
// it from the first boot module with the right to control every task.
#ifndef PROC_H
#define PROC_H

#include <stdint.h>
#include <stdbool.h>
#include "proc_server.h"
#include "fs_client.h"
#include "rt.h"
#include "spawn.h"
#include "bootinfo.h"

#define HZ_TICKS 100                // timer ticks a second (ukernel/param.h HZ)
#define NPROC 64                    // processes, as xv6's param.h
#define INIT_PID 1
#define PRIO_PROGRAM PRIO_DEFAULT
#define MAXPROG ((12 + 128) * 512 + PGSIZE)  // the largest file the fs holds (12 direct and 128
                                            // indirect blocks of 512 bytes), and a page
#define HALT_BOOT_FAILED 4                  // power-off code when a boot server cannot start
#define NOTIFY_ENDED 0x1            // the kernel's notification: a task proc supervises ended
#define PROC_TASKS 32               // tasks one program may hold: itself and what it exoforks

enum pslot { P_FREE, P_ALIVE, P_ZOMBIE };

struct proc {
    enum pslot slot;
    int pid;
    uint32_t task;              // kernel task id; also the fs client id
    int parent;                 // parent's pid
    int status;                 // exit status, while a zombie
    char name[PROC_NAMELEN];
    uint32_t brk;               // current break
    uint32_t brk_base;          // the break the program started with
    uint32_t sbrk_seq, sbrk_old;    // the last sbrk, for a retried request
    bool waiting;               // a wait() is deferred
    bool sleeping;              // a sleep() is deferred
    uint32_t wake_at;           // tick the sleep ends
    uint32_t sleep_seq;
    bool privileged;            // may halt, crash servers, kill anyone (policy.c)
};

// A server proc starts from a boot module and restarts when it dies.
struct server {
    const char *name;           // boot module and ps name
    uint32_t ep;                // the endpoint it serves
    uint32_t admits;            // who may call it: EP_ADMIT bits, 0 for every task
    uint16_t ports[2][2];       // I/O port ranges: first, count
    int irq;                    // the interrupt it drives, or 0
    bool required;              // the system cannot run without it
    const char *option;         // a word of the kernel's command line that, when
                                // there, proc passes on as the server's argument
    bool screen;                // with its option, drives keyboard and screen too
    const struct bootmodule *module;
    uint32_t task;
    uint32_t restarts;
    uint32_t started_at;        // uptime of the latest start
    uint32_t failures;          // crashes and failed starts in a row, each soon after a start
    uint32_t restart_at;        // a restart waiting out its back-off; 0 if none
    bool given_up;              // too many failures: its endpoint is closed
    bool module_gone;           // crash NO_MODULE took its boot module away
};

extern struct proc procs[NPROC];

// process.c
struct proc *proc_by_task(uint32_t task);
void proc_limit(uint32_t task);
struct proc *proc_by_pid(int pid);
struct proc *proc_alloc(void);
void proc_end(struct proc *p, int status);

// servers.c
void servers_start(void);
struct server *server_by_task(uint32_t task);
struct server *server_by_name(const char *name);
bool server_resident(const char *name);
void server_restart(struct server *s, const char *why);
void server_crash(struct server *s, enum proc_crashkind kind);
uint32_t servers_next_due(void);
void servers_due(void);
void server_needed(uint32_t ep);
int server_count(void);
struct server *server_at(int i);

// exec.c
void start_init(void);

// time.c
void deadline_at(uint32_t at);
uint32_t deadline_timeout(void);
void deadline_run(void);

// supervise.c
void on_kernel_message(const struct ipc_msg *m);

// trace.c
void trace_name(uint32_t task, int pid, const char *name);

// policy.c
bool may_halt_or_crash(uint32_t client);
bool may_kill(uint32_t client, const struct proc *target);

#endif
