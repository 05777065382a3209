// Page directories and user-memory access.  Every address space maps
// the kernel the same way above KERNBASE (4 MiB global pages, without
// PTE_U so user mode cannot reach them) and maps its own page directory
// read-only at UVPT, so a task can read its page tables (user-level fork
// needs that).  All user memory the kernel touches is reached through
// the page tables, never by dereferencing a user pointer, so a pointer
// that is unmapped, read-only or in the kernel is an error, never a
// kernel fault.
#include "kernel.h"
#include "vm.h"
#include "kalloc.h"
#include "mmu.h"
#include "x86.h"
#include "message.h"

static pde_t *kpgdir;

// Bumped by every change that could take access away from a user
// mapping, so a check made earlier is known to still hold while it has
// not moved (ipc.c remembers the receive buffer and descriptor it last
// checked).  It is never 0, the value a new task's records start with,
// so those never match before a real check has been made.
volatile uint32_t vm_generation = 1;

static void vm_changed(void)
{
    if (++vm_generation == 0)
        vm_generation = 1;
}

void kvm_init(void)
{
    kpgdir = page_alloc();
    for (uint32_t pa = 0; pa < MAXPHYS; pa += PTSIZE)
        kpgdir[PDX(KERNBASE + pa)] = pa | PTE_P | PTE_W | PTE_PS | PTE_G;
    kpgdir[PDX(APIC_WINDOW_START)] = APIC_WINDOW_START | PTE_P | PTE_W | PTE_PS | PTE_PCD | PTE_PWT;
    kvm_load();
}

void kvm_load(void)
{
    lcr3(V2P(kpgdir));
}

pde_t *pgdir_create(void)
{
    pde_t *pgdir = page_alloc();
    if (!pgdir)
        return 0;
    for (uint32_t i = PDX(KERNBASE); i < NPDENTRIES; i++)
        pgdir[i] = kpgdir[i];
    pgdir[PDX(UVPT)] = V2P(pgdir) | PTE_P | PTE_U;
    return pgdir;
}

// Drop every user mapping and page table, keeping the kernel half and
// the self-map: what exec needs before it loads a new image.  The pages
// are freed only after every CPU has forgotten them (tlb.c); until then
// each detached page table stays noted in its directory entry with the
// present bit clear, which the MMU ignores.
void pgdir_clear_user(pde_t *pgdir)
{
    vm_changed();
    for (uint32_t i = 0; i < PDX(UTOP); i++)
        pgdir[i] = (pgdir[i] & PTE_P) ? PTE_ADDR(pgdir[i]) : 0;
    tlb_shootdown(pgdir, TLB_ALL);
    for (uint32_t i = 0; i < PDX(UTOP); i++) {
        if (!pgdir[i])
            continue;
        pte_t *pt = P2V(pgdir[i]);
        for (uint32_t j = 0; j < NPTENTRIES; j++)
            if (pt[j] & PTE_P)
                page_decref(PTE_ADDR(pt[j]));
        page_decref(pgdir[i]);
        pgdir[i] = 0;
    }
}

void pgdir_free(pde_t *pgdir)
{
    pgdir_clear_user(pgdir);
    page_decref(V2P(pgdir));
}

pte_t *pgdir_walk(pde_t *pgdir, uint32_t va, bool create)
{
    pde_t *pde = &pgdir[PDX(va)];
    if (!(*pde & PTE_P)) {
        if (!create)
            return 0;
        pte_t *pt = page_alloc();
        if (!pt)
            return 0;
        // The directory entry is permissive; the page-table entries decide.
        *pde = V2P(pt) | PTE_P | PTE_W | PTE_U;
    }
    pte_t *pt = P2V(PTE_ADDR(*pde));
    return &pt[PTX(va)];
}

// Map physical page pa at va, replacing whatever was there.  The page's
// reference count is raised before the old one is dropped, so remapping
// a page at its own address is safe.  A page mapped as often as its
// count can record is refused (E_NOMEM).  A replaced page is dropped
// only once no CPU can reach it through its TLB any more.
int vm_map(pde_t *pgdir, uint32_t va, physaddr_t pa, uint32_t perm)
{
    pte_t *pte = pgdir_walk(pgdir, va, true);
    if (!pte)
        return E_NOMEM;
    if (!page_incref(pa))
        return E_NOMEM;
    pte_t old = *pte;
    *pte = pa | perm | PTE_P;
    if (old & PTE_P) {
        vm_changed();
        tlb_shootdown(pgdir, va);
        page_decref(PTE_ADDR(old));
    }
    return 0;
}

// Remove the mapping at va, if there is one: whether there was.
bool vm_unmap(pde_t *pgdir, uint32_t va)
{
    pte_t *pte = pgdir_walk(pgdir, va, false);
    if (!pte || !(*pte & PTE_P))
        return false;
    vm_changed();
    pte_t old = *pte;
    *pte = 0;
    tlb_shootdown(pgdir, va);
    page_decref(PTE_ADDR(old));
    return true;
}

// The physical address behind user address va if its entry has every
// bit in need (PTE_P|PTE_U, plus PTE_W for a write), else 0.
physaddr_t vm_lookup(pde_t *pgdir, uint32_t va, uint32_t need)
{
    if (va >= UTOP)
        return 0;
    pte_t *pte = pgdir_walk(pgdir, va, false);
    if (!pte || (*pte & need) != need)
        return 0;
    return PTE_ADDR(*pte) | (va & (PGSIZE - 1));
}

bool user_range_ok(pde_t *pgdir, uint32_t va, uint32_t n, uint32_t need)
{
    if (va + n < va || va + n > UTOP)
        return false;
    for (uint32_t p = PGROUNDDOWN(va); p < va + n; p += PGSIZE)
        if (!vm_lookup(pgdir, p, need))
            return false;
    return true;
}

// How many of n bytes starting at va lie on va's page.
static uint32_t on_page(uint32_t va, uint32_t n)
{
    uint32_t left = PGSIZE - (va & (PGSIZE - 1));
    return left < n ? left : n;
}

// Copy n bytes between a user range and kernel memory, a page at a time
// through the kernel's view of physical memory.
static int copy_user(pde_t *pgdir, uint32_t uva, void *kbuf, uint32_t n, bool to_user)
{
    uint32_t need = PTE_P | PTE_U | (to_user ? PTE_W : 0);
    if (uva + n < uva || uva + n > UTOP)
        return E_FAULT;
    char *k = kbuf;
    while (n > 0) {
        physaddr_t pa = vm_lookup(pgdir, uva, need);
        if (!pa)
            return E_FAULT;
        uint32_t chunk = on_page(uva, n);
        if (to_user)
            memcpy(P2V(pa), k, chunk);
        else
            memcpy(k, P2V(pa), chunk);
        uva += chunk;
        k += chunk;
        n -= chunk;
    }
    return 0;
}

int copy_from_user(pde_t *pgdir, void *dst, uint32_t uva, uint32_t n)
{
    return copy_user(pgdir, uva, dst, n, false);
}

int copy_to_user(pde_t *pgdir, uint32_t uva, const void *src, uint32_t n)
{
    return copy_user(pgdir, uva, (void *)src, n, true);
}

// Copy a NUL-terminated string of at most max-1 characters; E_TOOBIG if
// no NUL comes within max bytes.
int copy_string_from_user(pde_t *pgdir, char *dst, uint32_t uva, uint32_t max)
{
    for (uint32_t i = 0; i < max; i++) {
        physaddr_t pa = vm_lookup(pgdir, uva + i, PTE_P | PTE_U);
        if (!pa)
            return E_FAULT;
        dst[i] = *(char *)P2V(pa);
        if (dst[i] == 0)
            return 0;
    }
    return E_TOOBIG;
}

_Static_assert(IPC_MAXBUF <= PGSIZE, "an IPC buffer lies on at most two pages");

// For a range of n <= PGSIZE bytes, on at most two pages: whether its
// second page, if it has one, has every bit in need.
static inline bool second_page_ok(pde_t *pgdir, uint32_t va, uint32_t n, uint32_t need)
{
    uint32_t last = va + n - 1;
    return PGROUNDDOWN(last) == PGROUNDDOWN(va) || vm_lookup(pgdir, last, need);
}

// Copy n <= IPC_MAXBUF bytes from one address space to another, the
// single copy an IPC buffer transfer makes.  Every page of both ranges
// is looked up before a byte moves (the second pages here, the first
// ones by the loop before its first copy), so a range that is not all
// readable (the source) or writable (the destination) user memory is
// E_FAULT and leaves the destination as it was: the copy is its own
// check.
int copy_user_to_user(pde_t *dpgdir, uint32_t dva, pde_t *spgdir, uint32_t sva, uint32_t n)
{
    if (n > IPC_MAXBUF)
        return E_TOOBIG;
    if (n && (!second_page_ok(dpgdir, dva, n, PTE_P | PTE_U | PTE_W) || !second_page_ok(spgdir, sva, n, PTE_P | PTE_U)))
        return E_FAULT;
    while (n > 0) {
        physaddr_t dpa = vm_lookup(dpgdir, dva, PTE_P | PTE_U | PTE_W);
        physaddr_t spa = vm_lookup(spgdir, sva, PTE_P | PTE_U);
        if (!dpa || !spa)
            return E_FAULT;
        uint32_t chunk = on_page(dva, on_page(sva, n));
        memcpy(P2V(dpa), P2V(spa), chunk);
        dva += chunk;
        sva += chunk;
        n -= chunk;
    }
    return 0;
}
