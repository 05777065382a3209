// The boot information a Multiboot loader leaves for the kernel
// (Multiboot specification 0.6.96, section 3.3).
#ifndef UK_MULTIBOOT_H
#define UK_MULTIBOOT_H

#include "types.h"

#define MULTIBOOT_BOOTLOADER_MAGIC 0x2BADB002
#define MB_INFO_CMDLINE  0x004
#define MB_INFO_MODS     0x008
#define MB_INFO_MMAP     0x040
#define MB_MMAP_AVAILABLE 1

struct multiboot_info {
    uint32_t flags;
    uint32_t mem_lower, mem_upper;      // KiB below 1 MiB and above it
    uint32_t boot_device;
    uint32_t cmdline;
    uint32_t mods_count, mods_addr;
    uint32_t syms[4];
    uint32_t mmap_length, mmap_addr;
};

struct multiboot_mmap_entry {
    uint32_t size;                      // of the rest of this entry
    uint64_t addr, len;
    uint32_t type;
} __attribute__((packed));

struct multiboot_module {
    uint32_t start, end;                // physical, end exclusive
    uint32_t cmdline;
    uint32_t reserved;
};

#endif
