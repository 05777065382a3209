// Path names: "a/b/c" is looked up one element at a time, from the root
// if it starts with '/' and from the caller's working directory if not.
// As in xv6, an element longer than DIRSIZ is cut to its first DIRSIZ
// bytes, so "longfilename_one" and "longfilename_two" are the same file:
// xv6 programs rely on it.  A path that does not end within MAXPATH
// bytes, or is empty, is an error.
#include "fs_rt.h"
#include "defs.h"
#include "inode.h"

// The length of a client-supplied path, or the error it deserves.
int
path_check(const char *path)
{
    size_t len = fs_strnlen(path, MAXPATH);

    if (len == MAXPATH)
        return E_TOOBIG;
    if (len == 0)
        return E_NOENT;
    return len;
}

// Copy the next element of *path into name (NUL-terminated, so name
// has room for DIRSIZ + 1 bytes) and move *path past it and the slashes
// after it.  1 if there was an element, 0 at the end of the path.
static int
next_element(const char **path, char *name)
{
    const char *p = *path, *start;
    size_t len;

    while (*p == '/')
        p++;
    if (*p == '\0')
        return 0;
    start = p;
    while (*p != '/' && *p != '\0')
        p++;
    len = p - start;
    if (len > DIRSIZ)
        len = DIRSIZ;
    fs_memmove(name, start, len);
    name[len] = '\0';
    while (*p == '/')
        p++;
    *path = p;
    return 1;
}

// Walk path.  With want_parent, stop before the last element, copy it
// into name and return the directory that should hold it.  The inode
// comes back held in *ipp; the result is 0 or E_NOENT, E_NOTDIR, or
// E_INVAL when a parent is wanted but the path has no last element ("/").
static int
namex(uint32_t cwd, const char *path, int want_parent, char *name, struct inode **ipp)
{
    struct inode *ip = iget(*path == '/' ? ROOTINO : cwd), *next;

    while (next_element(&path, name)) {
        if (ip->type != T_DIR) {
            iput(ip);
            return E_NOTDIR;
        }
        if (want_parent && *path == '\0') {
            *ipp = ip;
            return 0;
        }
        next = dirlookup(ip, name, 0);
        iput(ip);
        if (!next)
            return E_NOENT;
        ip = next;
    }
    if (want_parent) {
        iput(ip);
        return E_INVAL;
    }
    *ipp = ip;
    return 0;
}

// The inode path names, held in *ipp; inside an operation.
int
namei(uint32_t cwd, const char *path, struct inode **ipp)
{
    char name[DIRSIZ + 1];

    return namex(cwd, path, 0, name, ipp);
}

// The directory that would hold path's last element, held in *dpp, and
// that element in name (DIRSIZ + 1 bytes); inside an operation.
int
nameiparent(uint32_t cwd, const char *path, char *name, struct inode **dpp)
{
    return namex(cwd, path, 1, name, dpp);
}
