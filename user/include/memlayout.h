// The memory layout by xv6's names, with this system's values.  A user
// program owns the addresses below KERNBASE (minus the top few pages:
// abi/vmlayout.h); touching KERNBASE or above kills it, as on xv6.

#ifndef XV6_MEMLAYOUT_H
#define XV6_MEMLAYOUT_H

#define EXTMEM    0x100000              // start of extended memory
#define KERNBASE  0xC0000000            // first kernel virtual address
#define KERNLINK  (KERNBASE + EXTMEM)   // address where the kernel is linked

#endif
