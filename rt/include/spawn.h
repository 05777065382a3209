// Starting programs from ELF images in memory (spawn.c).
#ifndef USER_RT_SPAWN_H
#define USER_RT_SPAWN_H

#include <stdint.h>
#include <stdbool.h>

#define SPAWN_MAXARG 32

// Check that image is an ELF program this system can load.
int elf_check(const void *image, uint32_t size);

// Map image's segments into task (whose user memory should be empty);
// returns the entry point and the first page above the program (the
// initial break).
int elf_load(uint32_t task, const void *image, uint32_t size, uint32_t *entry, uint32_t *brk);

// Give task a one-page stack holding argc and argv; returns its esp.
int stack_setup(uint32_t task, int argc, char *const argv[], uint32_t *esp);

// A new stopped task running image with argv, named argv[0]; returns its
// id (set it runnable to start it).  brk, if not null, gets its break.
int spawn(const void *image, uint32_t size, int argc, char *const argv[], uint32_t *brk);

uint32_t strlen_rt(const char *s);

// The boot module named name, or null: "ide" names the module whose
// command line starts "ide" or ".../ide.elf" (see spawn.c).  Only the
// root task has the boot modules.
struct bootmodule;
const struct bootmodule *boot_module(const char *name);
bool endpoint_resident(uint32_t ep);

// Whether word is one of the words of the kernel's command line (root
// task only).
int boot_option(const char *word);

#endif
