// Basic unsigned types with xv6's names, so xv6 programs compile unchanged.
// There is no libc: this is the first header every user program includes.

#ifndef XV6_TYPES_H
#define XV6_TYPES_H

typedef unsigned int   uint;
typedef unsigned short ushort;
typedef unsigned char  uchar;
typedef uint pde_t;

#endif
