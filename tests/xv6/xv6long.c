// xv6long: path elements longer than DIRSIZ are cut to DIRSIZ bytes, as
// xv6's namei does, so any name with the same first 14 bytes is the same
// file.

#include "types.h"
#include "stat.h"
#include "user.h"
#include "fs.h"
#include "fcntl.h"

void
fail(char *what)
{
  printf(1, "xv6long: %s\n", what);
  exit();
}

int
main(int argc, char *argv[])
{
  int fd, n, found;
  char buf[16];
  struct dirent de;

  fd = open("longfilename_created", O_CREATE|O_RDWR);
  if(fd < 0)
    fail("create with a 20-byte name failed");
  write(fd, "long", 4);
  close(fd);

  fd = open("longfilename_c", O_RDONLY);
  if(fd < 0)
    fail("not found by its first 14 bytes");
  n = read(fd, buf, sizeof(buf));
  close(fd);
  if(n != 4 || memcmp(buf, "long", 4) != 0)
    fail("wrong contents");
  if((fd = open("longfilename_cXYZ", O_RDONLY)) < 0)
    fail("not found by another name with the same 14 bytes");
  close(fd);

  found = 0;
  fd = open(".", O_RDONLY);
  while(read(fd, &de, sizeof(de)) == sizeof(de))
    if(de.inum != 0 && memcmp(de.name, "longfilename_c", DIRSIZ) == 0)
      found++;
  close(fd);
  if(found != 1)
    fail("the directory does not hold exactly one 14-byte entry");

  if(mkdir("longdirectoryname") < 0)
    fail("mkdir with a long name failed");
  if(chdir("longdirectorynaXX/../longdirectorynaYY") < 0)
    fail("chdir through long names failed");
  if(chdir("..") < 0 || unlink("longdirectorynaZZ") < 0)
    fail("unlink of the directory by a long name failed");
  if(unlink("longfilename_cleanup") < 0)
    fail("unlink by a long name failed");
  if(open("longfilename_c", O_RDONLY) >= 0)
    fail("still there after unlink");
  printf(1, "xv6long ok\n");
  exit();
}
