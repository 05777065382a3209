// Directories: files made of struct dirent records.  A slot with inode
// number 0 is free; dirlink() reuses the first free slot before growing
// the directory.  Names are compared on at most DIRSIZ bytes, since a
// name of exactly DIRSIZ bytes is stored without its NUL.
#include "fs_rt.h"
#include "defs.h"
#include "inode.h"

// Compare two names as directories do; 0 if they are the same name.
int
namecmp(const char *a, const char *b)
{
    size_t i;

    for (i = 0; i < DIRSIZ; i++) {
        if (a[i] != b[i])
            return (unsigned char)a[i] - (unsigned char)b[i];
        if (a[i] == '\0')
            break;
    }
    return 0;
}

// Read the entry at off; 0 if there is no whole entry there.
static int
dirent_at(struct inode *dp, uint32_t off, struct dirent *de)
{
    return readi(dp, de, off, sizeof(*de)) == sizeof(*de);
}

// The inode that name in directory dp names, held, and its entry's
// offset in *poff if poff is not 0; 0 if there is no such entry.
struct inode *
dirlookup(struct inode *dp, const char *name, uint32_t *poff)
{
    struct dirent de;
    uint32_t off;

    if (dp->type != T_DIR)
        fs_panic("dirlookup: not a directory");
    for (off = 0; dirent_at(dp, off, &de); off += sizeof(de)) {
        if (de.inum != 0 && namecmp(name, de.name) == 0) {
            if (poff)
                *poff = off;
            return iget(de.inum);
        }
    }
    return 0;
}

// Add the entry name -> inum to dp; inside an operation.  0, E_EXIST,
// or E_NOSPC if the directory cannot grow.
int
dirlink(struct inode *dp, const char *name, uint32_t inum)
{
    struct inode *ip = dirlookup(dp, name, 0);
    struct dirent de;
    uint32_t off;
    int r;

    if (ip) {
        iput(ip);
        return E_EXIST;
    }
    for (off = 0; dirent_at(dp, off, &de); off += sizeof(de))
        if (de.inum == 0)
            break;
    fs_memset(&de, 0, sizeof(de));
    de.inum = inum;
    fs_memmove(de.name, name, fs_strnlen(name, DIRSIZ));
    r = writei(dp, &de, off, sizeof(de));
    if (r == sizeof(de))
        return 0;
    // A directory at the largest file size is as full as a full disk.
    return r == E_TOOBIG ? E_NOSPC : r;
}

// Free the entry at off (found by dirlookup); inside an operation.
void
dirclear(struct inode *dp, uint32_t off)
{
    struct dirent de;

    fs_memset(&de, 0, sizeof(de));
    // Overwriting bytes inside the file allocates nothing, so it cannot fail.
    if (writei(dp, &de, off, sizeof(de)) != sizeof(de))
        fs_panic("dirclear: rewriting an entry failed");
}

// 1 if dp has no entries besides "." and "..", which come first.
int
dir_isempty(struct inode *dp)
{
    struct dirent de;
    uint32_t off;

    for (off = 2 * sizeof(de); dirent_at(dp, off, &de); off += sizeof(de))
        if (de.inum != 0)
            return 0;
    return 1;
}
