// ls [path ...]: list files as xv6 does, one per line:
// name (padded to DIRSIZ), type, inode number, size.
// A directory is listed by its entries, read as struct dirent records.

#include "types.h"
#include "stat.h"
#include "fs.h"
#include "fcntl.h"
#include "user.h"

// The last component of path, padded with spaces to DIRSIZ so columns line up.
static char*
displayname(char *path)
{
  static char name[DIRSIZ+1];
  char *p = path + strlen(path);
  uint len;

  while(p > path && p[-1] != '/')
    p--;
  len = strlen(p);
  if(len >= DIRSIZ)
    return p;
  memmove(name, p, len);
  memset(name + len, ' ', DIRSIZ - len);
  name[DIRSIZ] = '\0';
  return name;
}

static void
printentry(char *path, struct stat *st)
{
  printf(1, "%s %d %d %d\n", displayname(path), st->type, st->ino, st->size);
}

static void
listdir(int fd, char *path)
{
  char buf[512], *p;
  struct dirent de;
  struct stat st;

  if(strlen(path) + 1 + DIRSIZ + 1 > sizeof(buf)){
    printf(2, "ls: path too long\n");
    return;
  }
  strcpy(buf, path);
  p = buf + strlen(buf);
  *p++ = '/';
  while(read(fd, &de, sizeof(de)) == sizeof(de)){
    if(de.inum == 0)
      continue;
    // A name of exactly DIRSIZ bytes has no terminator on disk.
    memmove(p, de.name, DIRSIZ);
    p[DIRSIZ] = '\0';
    if(stat(buf, &st) < 0){
      printf(2, "ls: cannot stat %s\n", buf);
      continue;
    }
    printentry(buf, &st);
  }
}

static void
ls(char *path)
{
  int fd;
  struct stat st;

  if((fd = open(path, O_RDONLY)) < 0){
    printf(2, "ls: cannot open %s\n", path);
    return;
  }
  if(fstat(fd, &st) < 0){
    printf(2, "ls: cannot stat %s\n", path);
  } else if(st.type == T_DIR){
    listdir(fd, path);
  } else {
    printentry(path, &st);
  }
  close(fd);
}

int
main(int argc, char *argv[])
{
  int i;

  if(argc < 2)
    ls(".");
  for(i = 1; i < argc; i++)
    ls(argv[i]);
  exit();
}
