// usertests: every call of user.h, used the way xv6 programs use them.
// Named after xv6's own test program, to show that one dropped into
// user/ meets no other program of that name.  Run with "exec N" it is
// the image exec starts: it prints N and exits.

#include "types.h"
#include "stat.h"
#include "user.h"
#include "fcntl.h"

int failures;

void
check(int ok, char *what)
{
  if(!ok){
    printf(1, "usertests: FAIL %s\n", what);
    failures++;
  }
}

void
strings(void)
{
  char a[32], b[32];
  char *p;

  memset(a, 'x', sizeof(a));
  check(a[31] == 'x', "memset");
  strcpy(a, "hello, world");
  check(strlen(a) == 12, "strcpy and strlen");
  check(strcmp(a, "hello, world") == 0 && strcmp(a, "hello") > 0, "strcmp");
  check(strchr(a, ',') == a + 5 && strchr(a, 'z') == 0, "strchr");
  memmove(b, a, strlen(a) + 1);
  memmove(b + 1, b, 5);
  check(strcmp(b, "hhello world") == 0, "memmove of overlapping bytes");
  memcpy(b, "abc", 4);
  check(memcmp(b, "abc", 4) == 0 && memcmp(b, "abd", 3) < 0, "memcpy and memcmp");
  check(atoi("4096") == 4096 && atoi("12ab") == 12, "atoi");
  p = malloc(1000);
  check(p != 0, "malloc");
  memset(p, 1, 1000);
  free(p);
  p = malloc(200000);
  check(p != 0, "malloc of more than a page");
  free(p);
}

void
files(void)
{
  int fd, n;
  char buf[64];
  struct stat st;

  fd = open("ut_file", O_CREATE|O_RDWR);
  check(fd >= 0, "open O_CREATE");
  check(write(fd, "file data\n", 10) == 10, "write");
  close(fd);
  fd = open("ut_file", O_RDONLY);
  n = read(fd, buf, sizeof(buf));
  check(n == 10 && memcmp(buf, "file data\n", 10) == 0, "read");
  check(fstat(fd, &st) == 0 && st.type == T_FILE && st.size == 10, "fstat");
  check(close(fd) == 0 && close(fd) < 0, "close, and close again fails");
  check(open("ut_nofile", O_RDONLY) < 0, "open of a missing file fails");

  check(link("ut_file", "ut_link") == 0, "link");
  check(stat("ut_link", &st) == 0 && st.nlink == 2 && st.size == 10, "stat of a link");
  check(unlink("ut_file") == 0 && stat("ut_file", &st) < 0, "unlink");
  check(stat("ut_link", &st) == 0 && st.nlink == 1, "nlink after unlink");
  unlink("ut_link");

  check(mkdir("ut_dir") == 0 && mkdir("ut_dir") < 0, "mkdir");
  check(chdir("ut_dir") == 0, "chdir");
  fd = open("inner", O_CREATE|O_WRONLY);
  close(fd);
  check(chdir("..") == 0 && stat("ut_dir/inner", &st) == 0, "chdir ..");
  check(stat("ut_dir", &st) == 0 && st.type == T_DIR, "stat of a directory");
  unlink("ut_dir/inner");
  check(unlink("ut_dir") == 0, "unlink of an empty directory");

  check(mknod("ut_cons", 1, 1) == 0, "mknod");
  check(stat("ut_cons", &st) == 0 && st.type == T_DEV, "stat of a device");
  fd = open("ut_cons", O_WRONLY);
  check(fd >= 0, "open of the console device");
  printf(fd, "usertests: written through mknod's console\n");
  close(fd);
  unlink("ut_cons");
}

void
processes(void)
{
  int p[2], pid, cpid, xpid;
  char buf[64];
  char *noargv[] = { "ut_nosuchprogram", 0 };

  check(pipe(p) == 0, "pipe");
  pid = fork();
  if(pid == 0){
    close(p[0]);
    cpid = getpid();
    write(p[1], &cpid, sizeof(cpid));
    exit();
  }
  close(p[1]);
  check(read(p[0], &cpid, sizeof(cpid)) == sizeof(cpid) && cpid == pid, "getpid in the child");
  close(p[0]);
  check(wait() == pid && wait() == -1, "wait");
  check(getpid() > 0 && getpid() != pid, "getpid");

  pid = fork();
  if(pid == 0){
    for(;;)
      sleep(1);
  }
  check(kill(pid) == 0 && wait() == pid, "kill");

  // gets reads standard input: make it a pipe, in a child.
  pipe(p);
  write(p[1], "first line\nsecond\n", 18);
  close(p[1]);
  pid = fork();
  if(pid == 0){
    close(0);
    if(dup(p[0]) != 0)
      printf(1, "usertests: FAIL dup\n");
    gets(buf, sizeof(buf));
    if(strcmp(buf, "first line\n") != 0)
      printf(1, "usertests: FAIL gets\n");
    gets(buf, sizeof(buf));
    if(strcmp(buf, "second\n") != 0)
      printf(1, "usertests: FAIL gets of the second line\n");
    exit();
  }
  close(p[0]);
  wait();

  pid = fork();
  if(pid == 0){
    char *argv[] = { "usertests", "exec", "42", 0 };
    exec("usertests", argv);
    printf(1, "usertests: FAIL exec\n");
    exit();
  }
  xpid = wait();
  check(xpid == pid, "wait for the exec'd child");
  check(exec("ut_nosuchprogram", noargv) < 0, "exec of a missing file fails");
}

void
memory(void)
{
  char *a, *b;

  a = sbrk(0);
  b = sbrk(8192);
  check(a == b, "sbrk returns the old break");
  memset(b, 7, 8192);
  check(sbrk(0) == b + 8192, "sbrk grows");
  check(sbrk(-8192) == b + 8192 && sbrk(0) == b, "sbrk shrinks");
}

void
clock(void)
{
  int t0, t1;

  t0 = uptime();
  check(sleep(10) == 0, "sleep");
  t1 = uptime();
  check(t0 >= 0 && t1 - t0 >= 10, "uptime counts the ticks slept");
}

int
main(int argc, char *argv[])
{
  int fd;

  if(argc == 3 && strcmp(argv[1], "exec") == 0){
    printf(1, "usertests: exec'd with %d\n", atoi(argv[2]));
    exit();
  }
  strings();
  files();
  processes();
  memory();
  clock();
  fd = dup(1);
  printf(fd, "usertests: %s %d %x %p %c %%\n", "printf", -42, 0xbeef, (void*)0x1000, 'z');
  close(fd);
  if(failures == 0)
    printf(1, "ALL XV6 CALLS OK\n");
  exit();
}
