// xv6's system-call numbers, by xv6's names, for programs that include
// syscall.h.  On this system none of these calls is a kernel trap: the
// library (user/lib/usys.c) turns each into an IPC call to proc, fs or
// the console (docs/syscalls.md).  The numbers keep xv6's order but start
// above the microkernel's own calls (abi/sysno.h), so a raw
// `int $T_SYSCALL` with one of them in eax gets an error back instead of
// reaching an unrelated kernel call.

#ifndef XV6_SYSCALL_H
#define XV6_SYSCALL_H

#define SYS_fork    101
#define SYS_exit    102
#define SYS_wait    103
#define SYS_pipe    104
#define SYS_read    105
#define SYS_kill    106
#define SYS_exec    107
#define SYS_fstat   108
#define SYS_chdir   109
#define SYS_dup     110
#define SYS_getpid  111
#define SYS_sbrk    112
#define SYS_sleep   113
#define SYS_uptime  114
#define SYS_open    115
#define SYS_write   116
#define SYS_mknod   117
#define SYS_unlink  118
#define SYS_link    119
#define SYS_mkdir   120
#define SYS_close   121

#endif
