// Loading an ELF program into another task, from user space: each page
// is filled in this task at a scratch address and then mapped into the
// target, and the target's stack gets argc and argv.  proc uses it to
// start the servers and to exec programs; test programs use it to start
// the servers they test.
#include "rt.h"
#include "spawn.h"
#include "elf.h"
#include "bootinfo.h"

// Scratch addresses in the caller: one page being filled at a time.
#define SPAWN_TEMP (UTOP - 17 * PTSIZE)

static int map_filled_page(uint32_t task, uint32_t va, const uint8_t *src, uint32_t n, uint32_t perm)
{
    int r = sys_page_alloc(0, SPAWN_TEMP, PTE_P | PTE_U | PTE_W);
    if (r < 0)
        return r;
    if (n)
        memcpy((void *)(SPAWN_TEMP + (va & (PGSIZE - 1))), src, n);
    r = sys_page_map(0, SPAWN_TEMP, task, va & ~(PGSIZE - 1), perm);
    sys_page_unmap(0, SPAWN_TEMP);
    return r;
}

// Copy one loadable segment page by page; the part past filesz is zero.
// Segments are page-aligned (user/user.ld), so no page is shared.
static int load_segment(uint32_t task, const uint8_t *elf, const struct proghdr *ph)
{
    uint32_t perm = PTE_P | PTE_U | ((ph->flags & ELF_PROG_FLAG_WRITE) ? PTE_W : 0);
    for (uint32_t off = 0; off < ph->memsz; off = (off | (PGSIZE - 1)) + 1) {
        uint32_t va = ph->vaddr + off;
        uint32_t room = PGSIZE - (va & (PGSIZE - 1));
        uint32_t n = off < ph->filesz ? ph->filesz - off : 0;
        if (n > room)
            n = room;
        int r = map_filled_page(task, va, elf + ph->off + off, n, perm);
        if (r < 0)
            return r;
    }
    return 0;
}

int elf_check(const void *image, uint32_t size)
{
    const struct elfhdr *eh = image;
    if (size < sizeof(*eh) || eh->magic != ELF_MAGIC || eh->phoff > size
        || eh->phnum > (size - eh->phoff) / sizeof(struct proghdr))
        return E_INVAL;
    const struct proghdr *ph = (const void *)((const uint8_t *)image + eh->phoff);
    for (int i = 0; i < eh->phnum; i++) {
        if (ph[i].type != ELF_PROG_LOAD)
            continue;
        if (ph[i].filesz > ph[i].memsz || ph[i].off > size || ph[i].filesz > size - ph[i].off
            || ph[i].vaddr < UTEXT || ph[i].vaddr % PGSIZE || ph[i].memsz > USTACKTOP - 2 * PGSIZE - ph[i].vaddr)
            return E_INVAL;
    }
    return 0;
}

int elf_load(uint32_t task, const void *image, uint32_t size, uint32_t *entry, uint32_t *brk)
{
    int r = elf_check(image, size);
    if (r < 0)
        return r;
    const struct elfhdr *eh = image;
    const struct proghdr *ph = (const void *)((const uint8_t *)image + eh->phoff);
    uint32_t end = 0;
    for (int i = 0; i < eh->phnum; i++) {
        if (ph[i].type != ELF_PROG_LOAD)
            continue;
        if ((r = load_segment(task, image, &ph[i])) < 0)
            return r;
        if (ph[i].vaddr + ph[i].memsz > end)
            end = ph[i].vaddr + ph[i].memsz;
    }
    *entry = eh->entry;
    *brk = (end + PGSIZE - 1) & ~(PGSIZE - 1);
    return 0;
}

// The initial stack: the strings at the top, then argv[] ending in a
// null pointer, then argc and argv where _start (entry.S) reads them.
int stack_setup(uint32_t task, int argc, char *const argv[], uint32_t *esp)
{
    int r = sys_page_alloc(0, SPAWN_TEMP, PTE_P | PTE_U | PTE_W);
    if (r < 0)
        return r;
    uint8_t *page = (uint8_t *)SPAWN_TEMP;
    uint32_t top = PGSIZE, ptrs[SPAWN_MAXARG + 1];
    if (argc > SPAWN_MAXARG)
        r = E_TOOBIG;
    for (int i = 0; r == 0 && i < argc; i++) {
        uint32_t len = strlen_rt(argv[i]) + 1;
        if (len + (argc + 4) * 4 + 64 > top) {
            r = E_TOOBIG;
            break;
        }
        top -= len;
        memcpy(page + top, argv[i], len);
        ptrs[i] = USTACKTOP - PGSIZE + top;
    }
    if (r == 0) {
        ptrs[argc] = 0;
        top &= ~3u;
        top -= (argc + 1) * 4;
        memcpy(page + top, ptrs, (argc + 1) * 4);
        uint32_t argv_va = USTACKTOP - PGSIZE + top;
        top -= 8;
        ((uint32_t *)(page + top))[0] = argc;
        ((uint32_t *)(page + top))[1] = argv_va;
        *esp = USTACKTOP - PGSIZE + top;
        r = sys_page_map(0, SPAWN_TEMP, task, USTACKTOP - PGSIZE, PTE_P | PTE_U | PTE_W);
    }
    sys_page_unmap(0, SPAWN_TEMP);
    return r;
}

int spawn(const void *image, uint32_t size, int argc, char *const argv[], uint32_t *brk)
{
    int child = sys_exofork();
    if (child < 0)
        return child;
    if (child == 0)
        task_exit();    // never reached: the registers are replaced below
    uint32_t entry, dummy;
    struct task_regs regs;
    memset(&regs, 0, sizeof(regs));
    int r = elf_load(child, image, size, &entry, brk ? brk : &dummy);
    if (r == 0)
        r = stack_setup(child, argc, argv, &regs.esp);
    regs.eip = entry;
    if (r == 0)
        r = sys_set_trapframe(child, &regs);
    if (r == 0 && argc > 0)
        r = sys_set_name(child, argv[0]);
    if (r < 0) {
        sys_task_destroy(child);
        return r;
    }
    return child;
}

uint32_t strlen_rt(const char *s)
{
    uint32_t n = 0;
    while (s[n])
        n++;
    return n;
}

// A boot module's name: the last path element of the first word of its
// command line, without ".elf".  QEMU's -initrd gives the file's path
// ("build/servers/ide.elf"); GRUB's `module` gives only the words after
// the path, so grub.cfg names the module there ("module /boot/ide.elf
// ide").  Returns where the name starts and its length in *len.
static const char *module_name(const char *cmdline, uint32_t *len)
{
    const char *base = cmdline, *end = cmdline;
    for (; *end && *end != ' '; end++)
        if (*end == '/')
            base = end + 1;
    *len = end - base;
    if (*len > 4 && memcmp(end - 4, ".elf", 4) == 0)
        *len -= 4;
    return base;
}

const struct bootmodule *boot_module(const char *name)
{
    const struct bootinfo *bi = (const struct bootinfo *)UBOOTINFO;
    uint32_t n = strlen_rt(name);
    for (uint32_t i = 0; i < bi->nmodules; i++) {
        uint32_t len;
        const char *base = module_name(bi->modules[i].cmdline, &len);
        if (len == n && memcmp(base, name, n) == 0)
            return &bi->modules[i];
    }
    return 0;
}

// Whether the kernel serves endpoint ep itself, a server linked into it
// (mono mode, docs/mono.md): then there is no task to start for it.
bool endpoint_resident(uint32_t ep)
{
    const struct bootinfo *bi = (const struct bootinfo *)UBOOTINFO;
    return ep < 32 && (bi->resident_eps & (1u << ep));
}

int boot_option(const char *word)
{
    const char *c = ((const struct bootinfo *)UBOOTINFO)->cmdline;
    uint32_t n = strlen_rt(word);
    while (*c) {
        uint32_t len = 0;
        while (c[len] && c[len] != ' ')
            len++;
        if (len == n && memcmp(c, word, n) == 0)
            return 1;
        c += len;
        while (*c == ' ')
            c++;
    }
    return 0;
}
