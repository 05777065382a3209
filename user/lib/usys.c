// The xv6 system calls, each turned into IPC to the server that owns
// the resource: processes and memory to proc, files and pipes to fs,
// and the console device to the console server (fs answers a read or
// write on a device file with USE_DEVICE, and we go there instead).
// Each returns -1 on any error, as xv6's do.
//
// On xv6 the kernel checks a program's pointers; here this library runs
// in the program, so it checks them itself, against the page tables the
// kernel lets every task read (UVPT), before any stub touches them: a bad
// pointer gives -1, not a fault.  Buffers the stubs pass straight to the
// kernel (read and write data) are the kernel's to check.
#include "types.h"
#include "stat.h"
#include "fcntl.h"
#include "user.h"
#include "procinfo.h"
#include "counters.h"
#include "kstat.h"
#include "proc_client.h"
#include "fs_client.h"
#include "console_client.h"
#include "syscall.h"
#include "fork.h"
#include "vmlayout.h"

#define MAXPATH 128

static int page_ok(uint va, int write)
{
    const volatile uint *uvpt = (const volatile uint *)UVPT;
    const volatile uint *uvpd = (const volatile uint *)UVPD;
    if (va >= UTOP || !(uvpd[va >> 22] & PTE_P))
        return 0;
    uint pte = uvpt[va >> 12];
    if ((pte & (PTE_P | PTE_U)) != (PTE_P | PTE_U))
        return 0;
    return !write || (pte & (PTE_W | PTE_COW));   // a COW page becomes ours on the first write
}

static int range_ok(const void *p, uint n, int write)
{
    uint a = (uint)p;
    if (a + n < a)
        return 0;
    for (uint va = a & ~(PGSIZE - 1); va < a + n; va += PGSIZE)
        if (!page_ok(va, write))
            return 0;
    return 1;
}

// A NUL within max bytes, every byte on a readable page.
static int string_ok(const char *s, uint max)
{
    for (uint i = 0; i < max; i++) {
        if (((uint)(s + i) & (PGSIZE - 1)) == 0 || i == 0)
            if (!page_ok((uint)(s + i), 0))
                return 0;
        if (s[i] == 0)
            return 1;
    }
    return 0;
}

static int ok(int r)
{
    return r < 0 ? -1 : r;
}

int fork(void)
{
    int32_t pid;
    int child = cow_fork(0);
    if (child <= 0)
        return child == 0 ? 0 : -1;
    if (proc_call_fork_register(child, &pid) < 0) {
        sys_task_destroy(child);
        return -1;
    }
    return pid;
}

int exit(void)
{
    proc_call_exit(0);
    for (;;)
        sys_yield();    // proc ends this task; we never run again
}

int wait(void)
{
    int32_t pid, status;
    return proc_call_wait(&pid, &status) < 0 ? -1 : pid;
}

int kill(int pid)
{
    return ok(proc_call_kill(pid));
}

int getpid(void)
{
    int32_t pid;
    return proc_call_getpid(&pid) < 0 ? -1 : pid;
}

char *sbrk(int n)
{
    uint32_t old;
    return proc_call_sbrk(n, &old) < 0 ? (char *)-1 : (char *)old;
}

int sleep(int n)
{
    return ok(proc_call_sleep(n < 0 ? 0 : n));
}

int uptime(void)
{
    uint32_t t;
    return proc_call_uptime(&t) < 0 ? -1 : (int)t;
}

// exec's arguments travel packed: the path, then each argument.
int exec(char *path, char **argv)
{
    static char args[PROC_MAXARGV];
    uint32_t n = 0, argc = 0;
    if (!string_ok(path, MAXPATH))
        return -1;
    for (char *s = path; n < sizeof(args) && (args[n++] = *s); s++)
        ;
    for (; argc < 64; argc++) {
        if (!range_ok(&argv[argc], sizeof(argv[argc]), 0))
            return -1;
        if (!argv[argc])
            break;
        if (!string_ok(argv[argc], PROC_MAXARGV))
            return -1;
        for (char *s = argv[argc]; n < sizeof(args) && (args[n++] = *s); s++)
            ;
    }
    if (n >= sizeof(args) || argc == 0)
        return -1;
    proc_call_exec(argc, args, n);
    return -1;          // exec returns only when it failed
}

// xv6's open modes (fcntl.h) are the fs interface's (idl/fs.idl).
_Static_assert(O_RDONLY == FS_O_RDONLY && O_WRONLY == FS_O_WRONLY && O_RDWR == FS_O_RDWR &&
               O_CREATE == FS_O_CREATE && O_TRUNC == FS_O_TRUNC, "open modes");

int open(const char *path, int omode)
{
    int32_t fd;
    if (!string_ok(path, MAXPATH))
        return -1;
    return fs_call_open(path, omode, &fd) < 0 ? -1 : fd;
}

int close(int fd)
{
    return ok(fs_call_close(fd));
}

// One read: from the file, or from the console if fd is the console.
int read(int fd, void *buf, int n)
{
    struct fs_devno dev;
    if (n < 0)
        return -1;
    uint32_t len = n > FS_MAXIO ? FS_MAXIO : n;
    int r = fs_call_read(fd, buf, &len, &dev);
    if (r == FS_USE_DEVICE) {
        len = n > CONSOLE_MAXIO ? CONSOLE_MAXIO : n;
        r = dev.major == CONSOLE_MAJOR ? console_call_read(buf, &len) : -1;
    }
    return r < 0 ? -1 : (int)len;
}

static int write_chunk(int fd, const char *buf, uint32_t len)
{
    struct fs_devno dev;
    uint32_t n = 0;
    int r = fs_call_write(fd, buf, len, &n, &dev);
    if (r == FS_USE_DEVICE)
        r = dev.major == CONSOLE_MAJOR ? console_call_write(buf, len, &n) : -1;
    return r < 0 ? -1 : (int)n;
}

int write(int fd, const void *buf, int n)
{
    int done = 0;
    if (n < 0)
        return -1;
    while (done < n) {
        int chunk = n - done > FS_MAXIO ? FS_MAXIO : n - done;
        int r = write_chunk(fd, (const char *)buf + done, chunk);
        if (r <= 0)
            return done > 0 ? done : -1;
        done += r;
    }
    return done;
}

int pipe(int *fds)
{
    int32_t r, w;
    if (!range_ok(fds, 2 * sizeof(int), 1) || fs_call_pipe(&r, &w) < 0)
        return -1;
    fds[0] = r;
    fds[1] = w;
    return 0;
}

int dup(int fd)
{
    int32_t nfd;
    return fs_call_dup(fd, &nfd) < 0 ? -1 : nfd;
}

int fstat(int fd, struct stat *st)
{
    struct fs_fileinfo fi;
    if (!range_ok(st, sizeof(*st), 1) || fs_call_fstat(fd, &fi) < 0)
        return -1;
    st->type = fi.type;
    st->dev = fi.dev;
    st->ino = fi.ino;
    st->nlink = fi.nlink;
    st->size = fi.size;
    return 0;
}

int link(const char *old, const char *new)
{
    if (!string_ok(old, MAXPATH) || !string_ok(new, MAXPATH))
        return -1;
    return ok(fs_call_link(old, new));
}

int unlink(const char *path)
{
    return string_ok(path, MAXPATH) ? ok(fs_call_unlink(path)) : -1;
}

int mkdir(const char *path)
{
    return string_ok(path, MAXPATH) ? ok(fs_call_mkdir(path)) : -1;
}

int mknod(const char *path, short major, short minor)
{
    return string_ok(path, MAXPATH) ? ok(fs_call_mknod(path, major, minor)) : -1;
}

int chdir(const char *path)
{
    return string_ok(path, MAXPATH) ? ok(fs_call_chdir(path)) : -1;
}

int procinfo(struct procinfo *out, int max)
{
    struct proc_psinfo info;
    int n = 0;
    for (; n < max && proc_call_ps(n, &info) == 0; n++) {
        out[n].pid = info.pid;
        out[n].task = info.task;
        out[n].state = info.state;
        out[n].is_server = info.is_server;
        memmove(out[n].name, info.name, sizeof(out[n].name));
        out[n].name[sizeof(out[n].name) - 1] = 0;
    }
    return n;
}

// This system's addition: power off (user/halt.c).
int halt(int code)
{
    return ok(proc_call_halt(code));
}

// This system's addition: the IPC trace around a command (user/trace.c).
int trace(int on)
{
    return ok(proc_call_trace(on));
}

// This system's addition: the kernel's event counters (user/sysbench.c).
_Static_assert(NCOUNTERS == KSTAT_N, "counters.h matches abi/kstat.h");

int kstat(uint *counts)
{
    if (!range_ok(counts, NCOUNTERS * sizeof(uint), 1))
        return -1;
    return sys_kstat(counts) < 0 ? -1 : 0;
}

_Static_assert((int)CRASH_FAULT == (int)PROC_CRASHKIND_FAULT &&
               (int)CRASH_INJECTED == (int)PROC_CRASHKIND_INJECTED &&
               (int)CRASH_NO_MODULE == (int)PROC_CRASHKIND_NO_MODULE, "procinfo.h matches idl/proc.idl");

int crash_server_as(const char *name, int kind)
{
    if (!string_ok(name, PROC_NAMELEN) || !proc_crashkind_valid(kind))
        return -1;
    return ok(proc_call_crash(name, (enum proc_crashkind)kind));
}

int crash_server(const char *name)
{
    return crash_server_as(name, CRASH_FAULT);
}

int drop_privilege(void)
{
    return ok(proc_call_drop_privilege());
}
