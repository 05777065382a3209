// The physical page allocator: every page of RAM the kernel may hand out
// carries a reference count, so a page mapped into several address
// spaces is freed only when the last mapping goes.
#ifndef UK_KALLOC_H
#define UK_KALLOC_H

#include "types.h"

struct multiboot_info;

void kalloc_init(struct multiboot_info *mbi, uint32_t first_free_pa);
void *page_alloc(void);             // kernel address of a zeroed page, reference count 1
bool page_incref(physaddr_t pa);    // false if the page's count is full
void page_decref(physaddr_t pa);    // frees the page when the count reaches 0
uint32_t pages_free(void);
uint32_t phys_top(void);            // end of usable physical memory

#endif
