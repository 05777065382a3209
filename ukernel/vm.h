// Address spaces: page directories, mapping and unmapping user pages,
// and copying between kernel and user memory with the permission
// checks that make a bad user pointer an error instead of a crash.
#ifndef UK_VM_H
#define UK_VM_H

#include "types.h"
#include "mmu.h"

struct task;

extern volatile uint32_t vm_generation;

void kvm_init(void);
void kvm_load(void);
pde_t *pgdir_create(void);
void pgdir_free(pde_t *pgdir);
void pgdir_clear_user(pde_t *pgdir);
pte_t *pgdir_walk(pde_t *pgdir, uint32_t va, bool create);
int vm_map(pde_t *pgdir, uint32_t va, physaddr_t pa, uint32_t perm);
bool vm_unmap(pde_t *pgdir, uint32_t va);
physaddr_t vm_lookup(pde_t *pgdir, uint32_t va, uint32_t need);
int copy_from_user(pde_t *pgdir, void *dst, uint32_t uva, uint32_t n);
int copy_to_user(pde_t *pgdir, uint32_t uva, const void *src, uint32_t n);
int copy_string_from_user(pde_t *pgdir, char *dst, uint32_t uva, uint32_t max);
int copy_user_to_user(pde_t *dpgdir, uint32_t dva, pde_t *spgdir, uint32_t sva, uint32_t n);
bool user_range_ok(pde_t *pgdir, uint32_t va, uint32_t n, uint32_t need);

// A page-aligned user address, where a task may map a page.
static inline bool user_page_va(uint32_t va)
{
    return va < UTOP && va % PGSIZE == 0;
}

// Permission bits a task may ask for on a page it maps or sends: present,
// user, and nothing beyond PTE_SYSCALL.
static inline bool user_perm_ok(uint32_t perm)
{
    return (perm & (PTE_P | PTE_U)) == (PTE_P | PTE_U) && !(perm & ~PTE_SYSCALL);
}

// tlb.c
#define TLB_ALL 0xffffffffu     // tlb_shootdown: every mapping, not one address
void tlb_shootdown(pde_t *pgdir, uint32_t va);
void tlb_serve(void);

#endif
