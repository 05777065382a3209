// Basic types for the kernel, which is built without a C library.
#ifndef UK_TYPES_H
#define UK_TYPES_H

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>

typedef uint32_t pde_t;
typedef uint32_t pte_t;
typedef uint32_t physaddr_t;

#endif
