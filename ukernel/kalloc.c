// Physical page allocation.  The Multiboot memory map says which RAM is
// usable; every usable page above the kernel and the boot modules goes
// on a free list threaded through the free pages themselves.  A
// reference count per page lets address spaces share pages (fork's
// copy-on-write, IPC page grants).
#include "kernel.h"
#include "kalloc.h"
#include "multiboot.h"
#include "spinlock.h"
#include "mmu.h"

#define REF_MAX 0xffff          // the most a reference count (uint16_t) holds

struct freepage {
    struct freepage *next;
};

static struct {
    struct spinlock lock;
    struct freepage *free;
    uint32_t nfree;
    uint32_t top;                       // highest usable physical address + 1
    uint16_t ref[MAXPHYS / PGSIZE];
} mem = { .lock = { .name = "kalloc" } };

// Put the page at pa on the free list.  Caller holds mem.lock, or boots.
static void free_page(physaddr_t pa)
{
    struct freepage *p = P2V(pa);
    p->next = mem.free;
    mem.free = p;
    mem.nfree++;
}

static void free_range(uint32_t start, uint32_t end)
{
    for (uint32_t pa = PGROUNDUP(start); pa + PGSIZE <= end; pa += PGSIZE)
        free_page(pa);
    if (end > mem.top)
        mem.top = end;
}

void kalloc_init(struct multiboot_info *mbi, uint32_t first_free_pa)
{
    // The kernel, the boot modules and low memory are never allocated;
    // a count of 1 that is never dropped lets them be mapped (modules into
    // the root task, device memory into drivers) like any other page.
    for (uint32_t pa = 0; pa < first_free_pa && pa < MAXPHYS; pa += PGSIZE)
        mem.ref[pa / PGSIZE] = 1;
    mem.top = first_free_pa;
    if (!(mbi->flags & MB_INFO_MMAP))
        panic("kalloc_init: the boot loader gave no memory map");
    uint32_t off = 0;
    while (off < mbi->mmap_length) {
        struct multiboot_mmap_entry *e = P2V(mbi->mmap_addr + off);
        off += e->size + sizeof(e->size);
        if (e->type != MB_MMAP_AVAILABLE || e->addr >= MAXPHYS)
            continue;
        uint64_t end = e->addr + e->len;
        if (end > MAXPHYS)
            end = MAXPHYS;
        uint32_t start = e->addr < first_free_pa ? first_free_pa : (uint32_t)e->addr;
        if (start < end)
            free_range(start, (uint32_t)end);
    }
}

void *page_alloc(void)
{
    acquire(&mem.lock);
    struct freepage *p = mem.free;
    if (p) {
        mem.free = p->next;
        mem.nfree--;
        mem.ref[V2P(p) / PGSIZE] = 1;
    }
    release(&mem.lock);
    if (p)
        memset(p, 0, PGSIZE);
    return p;
}

// Device memory above RAM (granted to drivers) is mapped but not counted.
// False if the count is full: the page is mapped as often as it can be.
bool page_incref(physaddr_t pa)
{
    if (pa >= mem.top)
        return true;
    acquire(&mem.lock);
    uint16_t *ref = &mem.ref[pa / PGSIZE];
    if (*ref == 0)
        panic("page_incref: %x is not an allocated page", pa);
    bool room = *ref < REF_MAX;
    if (room)
        (*ref)++;
    release(&mem.lock);
    return room;
}

void page_decref(physaddr_t pa)
{
    if (pa >= mem.top)
        return;
    acquire(&mem.lock);
    if (mem.ref[pa / PGSIZE] == 0)
        panic("page_decref: %x is not an allocated page", pa);
    if (--mem.ref[pa / PGSIZE] == 0)
        free_page(pa);
    release(&mem.lock);
}

uint32_t pages_free(void)
{
    return mem.nfree;
}

uint32_t phys_top(void)
{
    return mem.top;
}
