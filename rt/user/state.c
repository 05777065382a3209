// The state segment in user space: pages at USTATE (abi/vmlayout.h)
// that proc hands on to a server's next incarnation (servers/proc).
// What is mapped there already is the old copy's; what is missing is
// allocated here, empty.
#include "rt.h"

int state_segment(uint32_t bytes, void **segment, bool *kept)
{
    if (bytes > USTATE_PAGES * PGSIZE)
        return E_TOOBIG;
    *kept = true;
    for (uint32_t va = USTATE; va < USTATE + bytes; va += PGSIZE) {
        if (page_mapped(va))
            continue;
        *kept = false;
        int r = sys_page_alloc(0, va, PTE_P | PTE_U | PTE_W);
        if (r < 0)
            return r;
    }
    *segment = (void *)USTATE;
    return 0;
}
