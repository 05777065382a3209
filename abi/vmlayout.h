// The virtual address layout every task sees: where user memory ends,
// where the stacks and the read-only view of the page tables live, and
// where the kernel begins.  Shared by the kernel and user space.
#ifndef LIBIPC_VMLAYOUT_H
#define LIBIPC_VMLAYOUT_H

#define PGSIZE      4096
#define PTSIZE      (PGSIZE * 1024)     // bytes mapped by one page-directory entry

#define KERNBASE    0xC0000000          // first kernel virtual address
#define UVPT        0xBFC00000          // page tables of this task, read-only (self-map)
// The directory maps itself at UVPT, so among the page tables there is the
// directory, at the table that maps UVPT: entry n of UVPT's words is page
// n's PTE, entry n of UVPD's is the directory's entry n.
#define UVPD        (UVPT + (UVPT >> 12) * 4)
#define UTOP        UVPT                // user mappings live below this
#define UXSTACKTOP  UVPT                // top of the one-page user exception stack
#define USTACKTOP   (UXSTACKTOP - 2 * PGSIZE)   // top of the normal stack; a guard page between
#define UTEXT       0x00001000          // where user programs are linked; page 0 stays unmapped
#define UBOOTINFO   0xB0000000          // root task only: the boot information page
#define UMODULES    0xA0000000          // root task only: the boot modules, read-only
#define USTATE      0x7F000000          // a server's state segment: the pages proc hands
#define USTATE_PAGES 64                 // on to the server's next incarnation (servers/proc)

// Page-table entry bits a task may ask for (Intel SDM vol. 3, 4.3 "32-bit paging").
#define PTE_P       0x001               // present
#define PTE_W       0x002               // writable
#define PTE_U       0x004               // user
#define PTE_COW     0x800               // software bit: copy-on-write (ignored by the MMU)
#define PTE_SHARE   0x400               // software bit: stays shared across fork
#define PTE_SYSCALL (PTE_P | PTE_W | PTE_U | PTE_COW | PTE_SHARE)

#endif
