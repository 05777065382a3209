// What the kernel tells the root task about the machine and the boot
// modules, on a read-only page at UBOOTINFO.
#ifndef LIBIPC_BOOTINFO_H
#define LIBIPC_BOOTINFO_H

#include <stdint.h>

#define BOOTINFO_NMODULES 16

struct bootmodule {
    uint32_t va;            // where the module's bytes are mapped, read-only
    uint32_t size;
    char cmdline[64];       // the name and arguments the loader gave it
};

struct bootinfo {
    uint32_t ncpu;
    uint32_t phys_pages;
    uint32_t nmodules;
    struct bootmodule modules[BOOTINFO_NMODULES];
    uint32_t resident_eps;  // bit e: the kernel serves endpoint e itself (mono mode, docs/mono.md)
};

_Static_assert(sizeof(struct bootmodule) == 72, "bootmodule layout");
_Static_assert(sizeof(struct bootinfo) <= 4096, "bootinfo fits its page");

#endif
