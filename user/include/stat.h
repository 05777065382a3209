// What fstat() and stat() report about a file, laid out as in xv6.

#ifndef XV6_STAT_H
#define XV6_STAT_H

#define T_DIR  1   // directory
#define T_FILE 2   // regular file
#define T_DEV  3   // device

struct stat {
  short type;   // T_DIR, T_FILE or T_DEV
  int dev;      // file system's disk device
  uint ino;     // inode number
  short nlink;  // number of links to the file
  uint size;    // size of the file in bytes
};

#endif
