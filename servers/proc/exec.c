// exec: read a program from the file system (as the calling process
// would open it, from its current directory), check it, then replace
// the process's memory with it and restart the process at its entry
// with argv on a fresh stack.  Nothing is destroyed until the file has
// been read and checked, so a failed exec returns to the old program.
#include "proc.h"

static uint8_t program[MAXPROG];

// Read all of path into program[], as task would open it.
static int read_program(uint32_t task, const char *path, uint32_t *size)
{
    int32_t fd;
    server_needed(EP_FS);
    int r = fs_call_open_as(task, path, FS_O_RDONLY, &fd);
    if (r < 0)
        return r;
    uint32_t n = 0;
    for (;;) {
        uint32_t len = sizeof(program) - n < IPC_MAXBUF ? sizeof(program) - n : IPC_MAXBUF;
        struct fs_devno dev;
        if (len == 0) {
            r = E_TOOBIG;
            break;
        }
        r = fs_call_read(fd, program + n, &len, &dev);
        if (r == FS_USE_DEVICE)
            r = E_INVAL;        // a device is no program
        if (r < 0 || len == 0)
            break;
        n += len;
    }
    fs_call_close(fd);
    *size = n;
    return r < 0 ? r : 0;
}

static const char *basename(const char *path)
{
    const char *b = path;
    for (; *path; path++)
        if (*path == '/')
            b = path + 1;
    return b;
}

// Load path into process p, which is not running (blocked in exec, or
// new).  On success p is runnable in its new program and the result is
// IDL_DEFER (the exec call gets no answer); an error leaves p as it was.
static int start_program(struct proc *p, const char *path, int argc, char *const argv[])
{
    uint32_t size, entry, brk;
    struct task_regs regs;
    int r = read_program(p->task, path, &size);
    if (r == 0)
        r = elf_check(program, size);
    if (r < 0)
        return r;
    // The point of no return: the old program goes.
    memset(&regs, 0, sizeof(regs));
    r = sys_vm_clear(p->task);
    if (r == 0)
        r = elf_load(p->task, program, size, &entry, &brk);
    if (r == 0)
        r = stack_setup(p->task, argc, argv, &regs.esp);
    regs.eip = entry;
    if (r == 0)
        r = sys_set_trapframe(p->task, &regs);
    if (r == 0)
        r = sys_set_pgfault_upcall(p->task, 0);
    if (r < 0) {
        cprintf("proc: exec %s in pid %d failed after the old image was gone: %s\n", path, p->pid, ipc_strerror(r));
        proc_end(p, -1);
        return IDL_DEFER;
    }
    p->brk = p->brk_base = brk;
    memset(p->name, 0, sizeof(p->name));
    for (int i = 0; i < PROC_NAMELEN - 1 && basename(path)[i]; i++)
        p->name[i] = basename(path)[i];
    sys_set_name(p->task, p->name);
    trace_name(p->task, p->pid, p->name);
    sys_set_state(p->task, TASK_RUNNABLE);
    return IDL_DEFER;
}

// args: the path, then argc strings, each with its NUL, all in args_len.
static int unpack_args(const char *args, uint32_t len, uint32_t argc, const char **path, char *argv[])
{
    uint32_t off = 0;
    if (argc == 0 || argc > SPAWN_MAXARG)
        return E_INVAL;
    for (uint32_t i = 0; i <= argc; i++) {
        uint32_t n = 0;
        while (off + n < len && args[off + n])
            n++;
        if (off + n >= len || (i == 0 && n >= PROC_MAXPATH) || (i == 0 && n == 0))
            return E_INVAL;
        if (i == 0)
            *path = args + off;
        else
            argv[i - 1] = (char *)args + off;
        off += n + 1;
    }
    argv[argc] = 0;
    return off == len ? 0 : E_INVAL;
}

int proc_do_exec(uint32_t client, uint32_t seq, uint32_t argc, const void *args, uint32_t args_len)
{
    (void)seq;
    struct proc *p = proc_by_task(client);
    const char *path = 0;
    char *argv[SPAWN_MAXARG + 1];
    if (!p)
        return E_PERM;
    int r = unpack_args(args, args_len, argc, &path, argv);
    if (r < 0)
        return r;
    return start_program(p, path, argc, argv);
}

// The first process: a task built from nothing and given /init.
void start_init(void)
{
    static char *argv[] = { "init", 0 };
    struct proc *p = proc_alloc();
    int id = sys_exofork();
    if (id == 0)
        task_exit();    // never runs: its registers are replaced
    if (id < 0 || !p) {
        cprintf("proc: cannot create init\n");
        return;
    }
    p->task = id;
    p->parent = 0;
    p->privileged = true;   // the console's session: it may halt (policy.c)
    sys_set_parent(id, sys_getid());
    proc_limit(id);
    sys_set_priority(id, PRIO_PROGRAM);
    int r = start_program(p, "/init", 1, argv);
    if (r != IDL_DEFER) {
        cprintf("proc: cannot start /init: %s\n", ipc_strerror(r));
        sys_task_destroy(id);
        p->slot = P_FREE;
        return;
    }
    cprintf("proc: started init (pid %d, task %x)\n", p->pid, id);
}
