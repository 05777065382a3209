// A page's reference count is bounded: mapping one page more times than
// the count can hold is refused with E_NOMEM, and the kernel, the page
// and its contents carry on.  (The count is 16 bits; without the bound
// it wrapped to 0 and the next mapping panicked the kernel.)
#include "ktest.h"

#define PAGE    0x10000000
#define BASE    0x40000000      // the copies: one per page from here up
#define MAXMAPS 70000           // more than a 16-bit count holds

int main(void)
{
    volatile uint32_t *page = (volatile uint32_t *)PAGE;
    if (sys_page_alloc(0, PAGE, PTE_P | PTE_U | PTE_W) < 0)
        sys_halt(3);
    page[0] = 0xfeedface;
    int n, r = 0;
    for (n = 0; n < MAXMAPS; n++) {
        r = sys_page_map(0, PAGE, 0, BASE + n * PGSIZE, PTE_P | PTE_U);
        if (r < 0)
            break;
    }
    cprintf("refcount: %d mappings made, then %s\n", n, r < 0 ? ipc_strerror(r) : "no error");
    int ok = 1;
    ok &= check("refused_with_nomem", r, E_NOMEM);
    ok &= check("copies_read_the_page", n > 0 ? *(volatile uint32_t *)(BASE + (n - 1) * PGSIZE) : 0, (int)0xfeedface);
    for (int i = 0; i < n; i++)
        sys_page_unmap(0, BASE + i * PGSIZE);
    ok &= check("map_again_after_unmapping", sys_page_map(0, PAGE, 0, BASE, PTE_P | PTE_U), 0);
    ok &= check("page_kept_its_contents", *(volatile uint32_t *)BASE, (int)0xfeedface);
    sys_page_unmap(0, BASE);
    ok &= check("unmap_original", sys_page_unmap(0, PAGE), 0);
    ok &= check("alloc_after", sys_page_alloc(0, PAGE, PTE_P | PTE_U | PTE_W), 0);
    cprintf("refcount: %s\n", ok ? "all checks passed" : "FAILED");
    sys_halt(0);
    return 0;
}
