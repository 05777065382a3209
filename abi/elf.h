// The parts of the ELF format the loaders read (System V ABI, chapter 4;
// the i386 supplement).
#ifndef ELF_H
#define ELF_H

#include <stdint.h>

#define ELF_MAGIC 0x464C457FU   // "\x7FELF" little-endian
#define ELF_PROG_LOAD 1
#define ELF_PROG_FLAG_WRITE 2

struct elfhdr {
    uint32_t magic;
    uint8_t elf[12];
    uint16_t type, machine;
    uint32_t version, entry, phoff, shoff, flags;
    uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct proghdr {
    uint32_t type, off, vaddr, paddr, filesz, memsz, flags, align;
};

_Static_assert(sizeof(struct elfhdr) == 52, "ELF header");
_Static_assert(sizeof(struct proghdr) == 32, "ELF program header");

#endif
