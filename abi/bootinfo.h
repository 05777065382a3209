// What the kernel tells the root task about the machine and the boot
// modules, on a read-only page at UBOOTINFO.
#ifndef LIBIPC_BOOTINFO_H
#define LIBIPC_BOOTINFO_H

#include <stdint.h>

#define BOOTINFO_NMODULES 16
#define BOOTINFO_CMDLINE  160   // bytes kept of each command line, with its 0

// A module's command line is what the loader gave: QEMU's -initrd passes
// the file's path and any words after it, GRUB's `module` only the words
// after the path (see docs/boot.md, "Boot modules and their names").
struct bootmodule {
    uint32_t va;            // where the module's bytes are mapped, read-only
    uint32_t size;
    char cmdline[BOOTINFO_CMDLINE];
};

struct bootinfo {
    uint32_t ncpu;
    uint32_t phys_pages;
    uint32_t nmodules;
    struct bootmodule modules[BOOTINFO_NMODULES];
    uint32_t resident_eps;  // bit e: the kernel serves endpoint e itself (mono mode, docs/mono.md)
    char cmdline[BOOTINFO_CMDLINE];     // the kernel's own command line
};

_Static_assert(sizeof(struct bootmodule) == 8 + BOOTINFO_CMDLINE, "bootmodule layout");
_Static_assert(sizeof(struct bootinfo) <= 4096, "bootinfo fits its page");

#endif
