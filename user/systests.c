// systests [name ...]: system tests of every system call, run from /.
// Each test runs in its own child process, so one that crashes or leaks
// descriptors cannot spoil the others; it prints "test NAME: ok" or
// "test NAME: FAILED why (value)".  The last line is ALL TESTS PASSED or
// SOME TESTS FAILED.  Sizes are kept small enough for an emulator.

#include "types.h"
#include "stat.h"
#include "fcntl.h"
#include "fs.h"
#include "param.h"
#include "user.h"

#define PGSIZE   4096
#define MB       (1024*1024)
#define KERNADDR ((char*)0xC0000000)   // kernel memory, never accessible to a program
#define MAXFORK  (4*NPROC)             // fork must have failed long before this

static char *testname;    // the test running in this process
static int reportfd;      // where this test process reports its result
static char buf[2*BSIZE];

// Report why the current test failed.  Returns 0 so that a test can
// stop with "return fail(...)".
static int
fail(char *why, int value)
{
  printf(1, "test %s: FAILED %s (%d)\n", testname, why, value);
  return 0;
}

// Wait until child pid has exited.  Returns 0 if it was not our child.
static int
waitfor(int pid)
{
  int w;

  while((w = wait()) >= 0)
    if(w == pid)
      return 1;
  return 0;
}

static void
fill(char *p, int n, int seed)
{
  int i;

  for(i = 0; i < n; i++)
    p[i] = seed + i;
}

// Is p[0..n-1] what fill(p, n, seed) wrote?
static int
filled(char *p, int n, int seed)
{
  int i;

  for(i = 0; i < n; i++)
    if(p[i] != (char)(seed + i))
      return 0;
  return 1;
}

// Create (or overwrite the start of) name with data.  Returns 0 or -1.
static int
writefile(char *name, char *data, int n)
{
  int fd, r;

  if((fd = open(name, O_CREATE|O_WRONLY)) < 0)
    return -1;
  r = write(fd, data, n);
  close(fd);
  return r == n ? 0 : -1;
}

// Read up to max bytes of name into out.  Returns the count or -1.
static int
readfile(char *name, char *out, int max)
{
  int fd, n, total = 0;

  if((fd = open(name, O_RDONLY)) < 0)
    return -1;
  while(total < max && (n = read(fd, out + total, max - total)) > 0)
    total += n;
  close(fd);
  return total;
}

static int
samestr(char *a, int n, char *b)
{
  return n == (int)strlen(b) && memcmp(a, b, n) == 0;
}

// Does touching addr kill the process?  Tried in a child, which
// reports through a pipe if it survives.
static int
faults(volatile char *addr)
{
  int p[2], pid, n;
  char c;

  if(pipe(p) < 0)
    return 0;
  if((pid = fork()) < 0){
    close(p[0]);
    close(p[1]);
    return 0;
  }
  if(pid == 0){
    close(p[0]);
    *addr = 1;
    write(p[1], "x", 1);
    exit();
  }
  close(p[1]);
  n = read(p[0], &c, 1);
  close(p[0]);
  waitfor(pid);
  return n == 0;
}

// Create, write, read back, fstat; the errors of a wrong open mode.
static int
test_files(void)
{
  int fd, n;
  struct stat st;

  unlink("ut_file");
  if(open("ut_file", O_RDONLY) >= 0)
    return fail("opened a file that does not exist", 0);
  if((fd = open("ut_file", O_CREATE|O_RDWR)) < 0)
    return fail("create", fd);
  fill(buf, 1000, 7);
  if((n = write(fd, buf, 10)) != 10 || (n = write(fd, buf + 10, 990)) != 990)
    return fail("write", n);
  if((n = fstat(fd, &st)) < 0)
    return fail("fstat", n);
  if(st.type != T_FILE || st.size != 1000 || st.nlink != 1)
    return fail("fstat type/size/nlink wrong, size", st.size);
  close(fd);

  memset(buf, 0, sizeof(buf));
  if((n = readfile("ut_file", buf, sizeof(buf))) != 1000 || !filled(buf, 1000, 7))
    return fail("read back", n);

  if((fd = open("ut_file", O_RDONLY)) < 0)
    return fail("open O_RDONLY", fd);
  if((n = write(fd, "x", 1)) >= 0)
    return fail("write to O_RDONLY descriptor worked", n);
  close(fd);
  if((fd = open("ut_file", O_WRONLY)) < 0)
    return fail("open O_WRONLY", fd);
  if((n = read(fd, buf, 1)) >= 0)
    return fail("read from O_WRONLY descriptor worked", n);
  close(fd);

  // O_CREATE of an existing file opens it as it is.
  if((fd = open("ut_file", O_CREATE|O_RDWR)) < 0)
    return fail("O_CREATE of existing file", fd);
  if((n = read(fd, buf, sizeof(buf))) != 1000)
    return fail("O_CREATE changed the file, read", n);
  if((n = read(fd, buf, sizeof(buf))) != 0)
    return fail("read at end of file", n);
  close(fd);
  if((n = unlink("ut_file")) < 0)
    return fail("unlink", n);
  return 1;
}

// Reading to the end leaves the offset there, so a write appends.
static int
test_append(void)
{
  int fd, n;

  unlink("ut_app");
  if(writefile("ut_app", "hello ", 6) < 0)
    return fail("create", 0);
  if((fd = open("ut_app", O_RDWR)) < 0)
    return fail("open", fd);
  if((n = read(fd, buf, sizeof(buf))) != 6)
    return fail("read", n);
  if((n = write(fd, "world", 5)) != 5)
    return fail("append", n);
  close(fd);
  n = readfile("ut_app", buf, sizeof(buf));
  if(!samestr(buf, n, "hello world"))
    return fail("contents after append wrong, length", n);
  unlink("ut_app");
  return 1;
}

// A removed file is gone by name, but stays readable through a
// descriptor opened before.
static int
test_unlink(void)
{
  int fd, n;
  struct stat st;

  unlink("ut_unl");
  if(writefile("ut_unl", "abcdef", 6) < 0)
    return fail("create", 0);
  if((fd = open("ut_unl", O_RDONLY)) < 0)
    return fail("open", fd);
  if((n = unlink("ut_unl")) < 0)
    return fail("unlink", n);
  if(stat("ut_unl", &st) >= 0)
    return fail("file still there after unlink", 0);
  if((n = unlink("ut_unl")) >= 0)
    return fail("second unlink worked", n);
  // A new file of the same name is a different file.
  if(writefile("ut_unl", "xy", 2) < 0)
    return fail("re-create", 0);
  if((n = read(fd, buf, sizeof(buf))) != 6 || memcmp(buf, "abcdef", 6) != 0)
    return fail("read through descriptor of unlinked file", n);
  close(fd);
  n = readfile("ut_unl", buf, sizeof(buf));
  if(!samestr(buf, n, "xy"))
    return fail("re-created file has old contents, length", n);
  unlink("ut_unl");
  return 1;
}

// The largest file xv6's layout allows, MAXFILE blocks, and the error beyond.
static int
test_bigfile(void)
{
  int fd, i, n;
  struct stat st;

  unlink("ut_big");
  if((fd = open("ut_big", O_CREATE|O_RDWR)) < 0)
    return fail("create", fd);
  for(i = 0; i < (int)MAXFILE; i++){
    fill(buf, BSIZE, i);
    if((n = write(fd, buf, BSIZE)) != BSIZE)
      return fail("write of block failed, block", i);
  }
  if((n = write(fd, buf, 1)) >= 0)
    return fail("write beyond MAXFILE worked", n);
  close(fd);
  if((n = stat("ut_big", &st)) < 0)
    return fail("stat", n);
  if(st.size != MAXFILE*BSIZE)
    return fail("size wrong", st.size);
  if((fd = open("ut_big", O_RDONLY)) < 0)
    return fail("open", fd);
  for(i = 0; i < (int)MAXFILE; i++){
    if((n = read(fd, buf, BSIZE)) != BSIZE)
      return fail("short read, block", i);
    if(!filled(buf, BSIZE, i))
      return fail("wrong data in block", i);
  }
  if((n = read(fd, buf, BSIZE)) != 0)
    return fail("read past the end", n);
  close(fd);
  if((n = unlink("ut_big")) < 0)
    return fail("unlink", n);
  return 1;
}

// Is name an entry of the directory open as fd?
static int
direntry(int fd, char *name)
{
  struct dirent de;
  char entry[DIRSIZ+1];

  while(read(fd, &de, sizeof(de)) == sizeof(de)){
    if(de.inum == 0)
      continue;
    // A name of exactly DIRSIZ bytes has no terminator on disk.
    memmove(entry, de.name, DIRSIZ);
    entry[DIRSIZ] = '\0';
    if(strcmp(entry, name) == 0)
      return 1;
  }
  return 0;
}

static void
rmdirs(void)
{
  unlink("ut_dir/b/c");
  unlink("ut_dir/b");
  unlink("ut_dir/abcdefghijklmn");
  unlink("ut_dir/f");
  unlink("ut_dir");
}

static int
test_dirs(void)
{
  int fd, n;
  struct stat st;

  rmdirs();
  if((n = mkdir("ut_dir")) < 0)
    return fail("mkdir", n);
  if((n = mkdir("ut_dir")) >= 0)
    return fail("mkdir of existing name worked", n);
  if((n = chdir("ut_dir")) < 0)
    return fail("chdir", n);
  if(writefile("f", "in dir", 6) < 0)
    return fail("create file in directory", 0);
  if(writefile("abcdefghijklmn", "long", 4) < 0)
    return fail("create file with a DIRSIZ-long name", 0);
  if((n = stat(".", &st)) < 0)
    return fail("stat .", n);
  if(st.type != T_DIR)
    return fail(". is not a directory, type", st.type);
  if((n = chdir("..")) < 0)
    return fail("chdir ..", n);
  n = readfile("ut_dir/f", buf, sizeof(buf));
  if(!samestr(buf, n, "in dir"))
    return fail("file in directory has wrong contents, length", n);

  if((fd = open("ut_dir", O_RDONLY)) < 0)
    return fail("open directory", fd);
  if(!direntry(fd, "f"))
    return fail("entry f not found by reading the directory", fd);
  close(fd);
  if((fd = open("ut_dir", O_RDONLY)) < 0 || !direntry(fd, "abcdefghijklmn"))
    return fail("entry with DIRSIZ-long name not found", fd);
  close(fd);
  if((fd = open("ut_dir", O_RDWR)) >= 0)
    return fail("directory opened for writing", fd);

  if((n = mkdir("ut_dir/b")) < 0 || (n = mkdir("ut_dir/b/c")) < 0)
    return fail("nested mkdir", n);
  if((n = chdir("ut_dir/b/c")) < 0)
    return fail("chdir to nested directory", n);
  if((n = chdir("../../..")) < 0 || stat("ut_dir/b/c", &st) < 0)
    return fail("chdir ../../.. did not come back", n);
  if((n = mkdir("ut_dir/f/x")) >= 0)
    return fail("mkdir under a file worked", n);
  if((n = chdir("ut_dir/f")) >= 0)
    return fail("chdir to a file worked", n);
  if((n = unlink("ut_dir")) >= 0)
    return fail("unlink of non-empty directory worked", n);
  if((n = unlink("ut_dir/b")) >= 0)
    return fail("unlink of directory with subdirectory worked", n);
  if((n = unlink("ut_dir/.")) >= 0 || (n = unlink("ut_dir/..")) >= 0)
    return fail("unlink of . or .. worked", n);

  if((n = unlink("ut_dir/b/c")) < 0 || (n = unlink("ut_dir/b")) < 0
     || (n = unlink("ut_dir/f")) < 0 || (n = unlink("ut_dir/abcdefghijklmn")) < 0)
    return fail("unlink of directory contents", n);
  if((n = unlink("ut_dir")) < 0)
    return fail("unlink of empty directory", n);
  if((n = chdir("ut_dir")) >= 0)
    return fail("chdir to removed directory worked", n);
  return 1;
}

static int
test_link(void)
{
  int n;
  struct stat st1, st2;

  unlink("ut_l1");
  unlink("ut_l2");
  if(writefile("ut_l1", "linked", 6) < 0)
    return fail("create", 0);
  if((n = link("ut_l1", "ut_l2")) < 0)
    return fail("link", n);
  if((n = stat("ut_l1", &st1)) < 0 || (n = stat("ut_l2", &st2)) < 0)
    return fail("stat of linked names", n);
  if(st1.ino != st2.ino || st2.nlink != 2)
    return fail("links are not one inode with nlink 2, nlink", st2.nlink);
  if((n = link("ut_l1", "ut_l2")) >= 0)
    return fail("link to an existing name worked", n);
  if((n = link("ut_nonexistent", "ut_l3")) >= 0)
    return fail("link of a missing file worked", n);
  if((n = link(".", "ut_l3")) >= 0){
    unlink("ut_l3");
    return fail("link of a directory worked", n);
  }
  if((n = unlink("ut_l1")) < 0)
    return fail("unlink first name", n);
  n = readfile("ut_l2", buf, sizeof(buf));
  if(!samestr(buf, n, "linked"))
    return fail("second name lost the data, length", n);
  if((n = stat("ut_l2", &st2)) < 0)
    return fail("stat after unlink", n);
  if(st2.nlink != 1)
    return fail("nlink after unlink", st2.nlink);
  unlink("ut_l2");
  return 1;
}

static int
test_mknod(void)
{
  int n;
  struct stat st;

  unlink("ut_dev");
  if((n = mknod("ut_dev", 1, 1)) < 0)
    return fail("mknod", n);
  if((n = stat("ut_dev", &st)) < 0)
    return fail("stat", n);
  if(st.type != T_DEV)
    return fail("device file has wrong type", st.type);
  if((n = mknod("ut_dev", 1, 1)) >= 0)
    return fail("mknod of existing name worked", n);
  if((n = unlink("ut_dev")) < 0)
    return fail("unlink", n);
  return 1;
}

// A duplicated descriptor shares the file offset; closed descriptors are
// reused lowest first, which the shell's redirection relies on.
static int
test_dup(void)
{
  int fd, fd2, n;

  unlink("ut_dup");
  if((fd = open("ut_dup", O_CREATE|O_RDWR)) < 0)
    return fail("create", fd);
  if((fd2 = dup(fd)) < 0)
    return fail("dup", fd2);
  if((n = write(fd, "ab", 2)) != 2 || (n = write(fd2, "cd", 2)) != 2)
    return fail("write", n);
  close(fd);
  close(fd2);
  n = readfile("ut_dup", buf, sizeof(buf));
  if(!samestr(buf, n, "abcd"))
    return fail("dup does not share the offset, length", n);

  if((n = dup(-1)) >= 0 || (n = dup(NOFILE + 100)) >= 0)
    return fail("dup of a bad descriptor worked", n);
  if((n = close(fd)) >= 0)
    return fail("close of a closed descriptor worked", n);
  if((n = read(fd, buf, 1)) >= 0 || (n = write(fd, buf, 1)) >= 0)
    return fail("I/O on a closed descriptor worked", n);

  if((fd = open("ut_dup", O_RDONLY)) < 0)
    return fail("open", fd);
  close(0);
  if((n = open("ut_dup", O_RDONLY)) != 0)
    return fail("open after close(0) did not return 0", n);
  close(fd);
  unlink("ut_dup");
  return 1;
}

#define PIPEBYTES 5000   // several times an xv6 pipe's buffer

static int
test_pipe(void)
{
  int p[2], pid, n, got, seq, chunk;

  if((n = pipe(p)) < 0)
    return fail("pipe", n);
  if((pid = fork()) < 0)
    return fail("fork", pid);
  if(pid == 0){
    close(p[0]);
    for(seq = 0; seq < PIPEBYTES; seq += chunk){
      chunk = seq % 700 + 1;
      if(chunk > PIPEBYTES - seq)
        chunk = PIPEBYTES - seq;
      fill(buf, chunk, seq);
      if(write(p[1], buf, chunk) != chunk)
        break;
    }
    exit();
  }
  close(p[1]);
  for(got = 0; (n = read(p[0], buf, got % 300 + 1)) > 0; got += n)
    if(!filled(buf, n, got))
      return fail("wrong data at byte", got);
  close(p[0]);
  if(got != PIPEBYTES)
    return fail("wrong byte count", got);
  if(!waitfor(pid))
    return fail("wait", pid);

  // With the read end closed, writing must fail rather than block.
  if((n = pipe(p)) < 0)
    return fail("pipe", n);
  close(p[0]);
  for(got = 0; got < 64*1024; got += n)
    if((n = write(p[1], buf, sizeof(buf))) < 0)
      break;
  close(p[1]);
  if(n >= 0)
    return fail("write to a pipe without reader never failed, bytes", got);
  return 1;
}

// fork returns the child's pid, the child sees its own pid, wait reaps
// each child once and then reports there are none.
static int
test_forkwait(void)
{
  int p[2], pid, i, n, childpid;

  for(i = 0; i < 20; i++){
    if(pipe(p) < 0)
      return fail("pipe", i);
    if((pid = fork()) < 0)
      return fail("fork", pid);
    if(pid == 0){
      childpid = getpid();
      write(p[1], &childpid, sizeof(childpid));
      exit();
    }
    close(p[1]);
    n = read(p[0], &childpid, sizeof(childpid));
    close(p[0]);
    if(n != sizeof(childpid) || childpid != pid)
      return fail("child's getpid is not what fork returned", childpid);
    if(pid == getpid())
      return fail("child has the parent's pid", pid);
    if((n = wait()) != pid)
      return fail("wait returned the wrong pid", n);
  }
  if((n = wait()) != -1)
    return fail("wait without children", n);
  return 1;
}

// A child that exits before its own child: the grandchild lives on,
// adopted by init, and is not ours to wait for.
static int
test_orphans(void)
{
  int p[2], pid, n;
  char c = 0;

  if(pipe(p) < 0)
    return fail("pipe", 0);
  if((pid = fork()) < 0)
    return fail("fork", pid);
  if(pid == 0){
    if(fork() == 0){
      sleep(5);
      write(p[1], "y", 1);
    }
    exit();
  }
  close(p[1]);
  if((n = wait()) != pid)
    return fail("wait for child", n);
  if((n = wait()) != -1)
    return fail("wait returned a grandchild", n);
  if((n = read(p[0], &c, 1)) != 1 || c != 'y')
    return fail("grandchild did not outlive its parent", n);
  close(p[0]);
  return 1;
}

static int
test_exec(void)
{
  char *echoargv[] = { "echo", "hello", "world", 0 };
  char *longargv[MAXARG+2];
  int pid, n, i;

  unlink("ut_exec");
  if((pid = fork()) < 0)
    return fail("fork", pid);
  if(pid == 0){
    close(1);
    if(open("ut_exec", O_CREATE|O_WRONLY) == 1)
      exec("/echo", echoargv);
    exit();
  }
  if(!waitfor(pid))
    return fail("wait", pid);
  n = readfile("ut_exec", buf, sizeof(buf));
  if(!samestr(buf, n, "hello world\n"))
    return fail("echo's output not in file, length", n);
  unlink("ut_exec");

  if((n = exec("ut_nonexistent", echoargv)) >= 0)
    return fail("exec of a missing file returned", n);
  // More than MAXARG arguments must be refused.  (Should exec go ahead,
  // echo replaces this test, which then reports as died.)
  for(i = 0; i < MAXARG+1; i++)
    longargv[i] = "x";
  longargv[MAXARG+1] = 0;
  if((n = exec("/echo", longargv)) >= 0)
    return fail("exec with too many arguments returned", n);
  return 1;
}

static int
test_kill(void)
{
  int p[2], q[2], pid, n, deadline;
  volatile int spin = 0;
  char c;

  // A child busy on the CPU.  It gives up by itself after a while, so a
  // kill that does not work fails the test rather than hanging it.
  deadline = uptime() + 500;
  if((pid = fork()) < 0)
    return fail("fork", pid);
  if(pid == 0){
    close(reportfd);
    for(;;){
      while(++spin % 1000000 != 0)
        ;
      if(uptime() > deadline)
        exit();
    }
  }
  if((n = kill(pid)) < 0)
    return fail("kill of a running child", n);
  if(!waitfor(pid))
    return fail("wait after kill", pid);
  if(uptime() > deadline)
    return fail("killed child ran until its deadline, ticks", deadline);

  // A child blocked reading a pipe.  Killed, it must be gone well before
  // the pipe is closed, and so never report through q.
  if(pipe(p) < 0 || pipe(q) < 0)
    return fail("pipe", 0);
  if((pid = fork()) < 0)
    return fail("fork", pid);
  if(pid == 0){
    close(p[1]);
    close(q[0]);
    read(p[0], &c, 1);
    write(q[1], "x", 1);
    exit();
  }
  close(p[0]);
  close(q[1]);
  sleep(5);
  if((n = kill(pid)) < 0)
    return fail("kill of a blocked child", n);
  sleep(20);
  close(p[1]);
  if((n = read(q[0], &c, 1)) != 0)
    return fail("killed child kept running", n);
  close(q[0]);
  if(!waitfor(pid))
    return fail("wait after kill", pid);

  if((n = kill(1000000)) >= 0)
    return fail("kill of a missing pid worked", n);
  return 1;
}

#define NCONC 4    // processes using the file system at once

static int
test_concurrent(void)
{
  char name[] = "ut_c0";
  int p[2], k, i, n, fd, ok;
  char c;

  if(pipe(p) < 0)
    return fail("pipe", 0);
  for(k = 0; k < NCONC; k++){
    if((n = fork()) < 0)
      return fail("fork", n);
    if(n == 0){
      name[4] = '0' + k;
      unlink(name);
      ok = (fd = open(name, O_CREATE|O_RDWR)) >= 0;
      for(i = 0; ok && i < 8; i++){
        fill(buf, BSIZE, k*16 + i);
        ok = write(fd, buf, BSIZE) == BSIZE;
      }
      close(fd);
      fd = open(name, O_RDONLY);
      for(i = 0; ok && i < 8; i++)
        ok = read(fd, buf, BSIZE) == BSIZE && filled(buf, BSIZE, k*16 + i);
      close(fd);
      ok = ok && unlink(name) == 0;
      write(p[1], ok ? "o" : "f", 1);
      exit();
    }
  }
  close(p[1]);
  for(k = 0; k < NCONC; k++)
    if(read(p[0], &c, 1) != 1 || c != 'o')
      return fail("a process saw wrong data, reports so far", k);
  close(p[0]);
  for(k = 0; k < NCONC; k++)
    if(wait() < 0)
      return fail("wait", k);
  return 1;
}

// Open until the descriptor table is full, then recover.
static int
test_fdexhaust(void)
{
  static int fds[1000];
  int n, i, fd, p[2];

  if(writefile("ut_fd", "x", 1) < 0)
    return fail("create", 0);
  for(n = 0; n < 1000; n++)
    if((fds[n] = open("ut_fd", O_RDONLY)) < 0)
      break;
  if(n == 1000)
    return fail("open never failed, opens", n);
  if(n == 0)
    return fail("no descriptor could be opened", 0);
  if((fd = dup(0)) >= 0)
    return fail("dup worked with a full table", fd);
  if(pipe(p) >= 0)
    return fail("pipe worked with a full table", p[0]);
  for(i = 0; i < n; i++)
    if(close(fds[i]) < 0)
      return fail("close", fds[i]);
  if((fd = open("ut_fd", O_RDONLY)) != fds[0])
    return fail("open after closing all did not reuse the lowest descriptor", fd);
  close(fd);
  unlink("ut_fd");
  return 1;
}

// Fork until the process table is full, with every child alive, then
// let them all exit and check fork works again.
static int
test_forkall(void)
{
  int p[2], n, i, pid;
  char c;

  if(pipe(p) < 0)
    return fail("pipe", 0);
  for(n = 0; n < MAXFORK; n++){
    if((pid = fork()) < 0)
      break;
    if(pid == 0){
      // Live until the parent closes the pipe.
      close(p[1]);
      read(p[0], &c, 1);
      exit();
    }
  }
  close(p[0]);
  close(p[1]);
  for(i = 0; i < n; i++)
    if((pid = wait()) < 0)
      return fail("wait lost children, reaped", i);
  if((pid = wait()) != -1)
    return fail("wait found an extra child", pid);
  if(n == MAXFORK)
    return fail("fork never failed, forks", n);
  if(n == 0)
    return fail("no fork worked", 0);
  if((pid = fork()) < 0)
    return fail("fork does not work again after the table was full", pid);
  if(pid == 0)
    exit();
  if(!waitfor(pid))
    return fail("wait", pid);
  return 1;
}

// Grow the heap to 100 MiB a megabyte at a time, touching every page,
// then give it all back.
static int
test_sbrk(void)
{
  char *start, *p;
  int i, n, total = 100*MB;

  start = sbrk(0);
  for(i = 0; i < total; i += MB){
    if((p = sbrk(MB)) != start + i)
      return fail("sbrk did not return the old break, MiB", i / MB);
    for(n = 0; n < MB; n += PGSIZE)
      p[n] = (i + n) / PGSIZE;
  }
  for(i = 0; i < total; i += PGSIZE)
    if(start[i] != (char)(i / PGSIZE))
      return fail("page lost its contents, page", i / PGSIZE);
  if(sbrk(-total) != start + total)
    return fail("shrinking sbrk did not return the old break", 0);
  if(sbrk(0) != start)
    return fail("break not back where it started", 0);
  if(!faults(start + total - PGSIZE))
    return fail("memory still accessible after shrinking", 0);
  // Memory given back and grown again must come back zeroed.
  if((p = sbrk(2*PGSIZE)) != start)
    return fail("sbrk after shrinking", 0);
  if(p[PGSIZE] != 0)
    return fail("re-grown memory not zeroed, byte", p[PGSIZE]);
  sbrk(-2*PGSIZE);
  return 1;
}

// Growing without bound must fail cleanly before reaching the kernel,
// leave the break as it was, and leave the process able to grow again.
static int
test_sbrkfail(void)
{
  char *start, *old, *p;
  int i;

  start = sbrk(0);
  for(i = 0; i < 16; i++){
    old = sbrk(0);
    if((p = sbrk(256*MB)) == (char*)-1)
      break;
    if((uint)sbrk(0) > (uint)KERNADDR || (uint)sbrk(0) < (uint)p)
      return fail("sbrk grew into kernel memory, step", i);
  }
  if(i == 16)
    return fail("sbrk never failed", 0);
  if(sbrk(0) != old)
    return fail("failed sbrk moved the break", 0);
  sbrk(-(sbrk(0) - start));
  if(sbrk(0) != start)
    return fail("could not shrink back", 0);
  if((p = sbrk(PGSIZE)) == (char*)-1)
    return fail("sbrk does not work after failing", 0);
  p[0] = p[PGSIZE-1] = 1;
  sbrk(-PGSIZE);
  return 1;
}

// Every call that takes a pointer must refuse kernel memory, unmapped
// memory and buffers running into unmapped memory with an error.
static int
badptrs(char *bad)
{
  char *argv[3] = { "echo", 0, 0 };
  int fd, n;

  if((fd = open("ut_bad", O_RDWR)) < 0)
    return fail("open", fd);
  if((n = read(fd, bad, 10)) >= 0)
    return fail("read into bad buffer worked", n);
  if((n = write(fd, bad, 10)) >= 0)
    return fail("write from bad buffer worked", n);
  if((n = fstat(fd, (struct stat*)bad)) >= 0)
    return fail("fstat into bad buffer worked", n);
  close(fd);
  if((n = open(bad, O_RDONLY)) >= 0 || (n = open(bad, O_CREATE|O_RDWR)) >= 0)
    return fail("open of bad path worked", n);
  if((n = mkdir(bad)) >= 0)
    return fail("mkdir of bad path worked", n);
  if((n = chdir(bad)) >= 0)
    return fail("chdir to bad path worked", n);
  if((n = unlink(bad)) >= 0)
    return fail("unlink of bad path worked", n);
  if((n = mknod(bad, 1, 1)) >= 0)
    return fail("mknod of bad path worked", n);
  if((n = link(bad, "ut_badlink")) >= 0 || (n = link("ut_bad", bad)) >= 0)
    return fail("link with bad path worked", n);
  if((n = pipe((int*)bad)) >= 0)
    return fail("pipe into bad buffer worked", n);
  if((n = exec(bad, argv)) >= 0)
    return fail("exec of bad path returned", n);
  if((n = exec("/echo", (char**)bad)) >= 0)
    return fail("exec with bad argv returned", n);
  argv[1] = bad;
  if((n = exec("/echo", argv)) >= 0)
    return fail("exec with bad argument returned", n);
  return 1;
}

static int
test_badptr(void)
{
  char *unmapped;
  int fd, n;
  struct stat st;

  unlink("ut_badlink");
  fill(buf, 100, 0);
  if(writefile("ut_bad", buf, 100) < 0)
    return fail("create", 0);
  // A page of our own, touched, and the unmapped page just above it.
  // Strings and buffers that start 4 bytes below it run off the heap.
  memset(sbrk(PGSIZE), 'a', PGSIZE);
  unmapped = (char*)(((uint)sbrk(0) + PGSIZE - 1) & ~(PGSIZE - 1));

  if(!badptrs(KERNADDR) || !badptrs(unmapped) || !badptrs(unmapped - 4))
    return 0;
  if((fd = open("ut_bad", O_RDWR)) < 0)
    return fail("open", fd);
  if((n = read(fd, buf, -1)) >= 0)
    return fail("read with negative length worked", n);
  // Nothing above may have changed the file.
  if((n = fstat(fd, &st)) < 0)
    return fail("fstat", n);
  if(st.size != 100)
    return fail("bad writes changed the file, size", st.size);
  if((n = read(fd, buf, 100)) != 100 || !filled(buf, 100, 0))
    return fail("file unreadable after bad calls", n);
  close(fd);
  unlink("ut_bad");
  unlink("ut_badlink");
  return 1;
}

static int
test_sleep(void)
{
  int t0, t1, n;

  if((t0 = uptime()) < 0)
    return fail("uptime", t0);
  if((n = sleep(10)) < 0)
    return fail("sleep", n);
  t1 = uptime();
  if(t1 < t0 + 10)
    return fail("slept fewer ticks than asked", t1 - t0);
  if((n = sleep(0)) < 0)
    return fail("sleep(0)", n);
  return 1;
}

static struct test {
  char *name;
  int (*run)(void);
} tests[] = {
  { "files", test_files },
  { "append", test_append },
  { "unlink", test_unlink },
  { "bigfile", test_bigfile },
  { "dirs", test_dirs },
  { "link", test_link },
  { "mknod", test_mknod },
  { "dup", test_dup },
  { "pipe", test_pipe },
  { "forkwait", test_forkwait },
  { "orphans", test_orphans },
  { "exec", test_exec },
  { "kill", test_kill },
  { "concurrent", test_concurrent },
  { "fdexhaust", test_fdexhaust },
  { "forkall", test_forkall },
  { "sbrk", test_sbrk },
  { "sbrkfail", test_sbrkfail },
  { "badptr", test_badptr },
  { "sleep", test_sleep },
};

#define NTESTS ((int)(sizeof(tests) / sizeof(tests[0])))

// Run t in a child.  Returns 1 if it passed.
static int
run(struct test *t)
{
  int p[2], pid;
  char result;

  if(pipe(p) < 0){
    printf(1, "test %s: FAILED cannot create a pipe\n", t->name);
    return 0;
  }
  if((pid = fork()) < 0){
    printf(1, "test %s: FAILED cannot fork a test process\n", t->name);
    close(p[0]);
    close(p[1]);
    return 0;
  }
  if(pid == 0){
    close(p[0]);
    testname = t->name;
    reportfd = p[1];
    result = t->run() ? 'o' : 'f';
    if(result == 'o')
      printf(1, "test %s: ok\n", t->name);
    write(p[1], &result, 1);
    exit();
  }
  close(p[1]);
  if(read(p[0], &result, 1) != 1){
    printf(1, "test %s: FAILED test process died\n", t->name);
    result = 'f';
  }
  close(p[0]);
  waitfor(pid);
  return result == 'o';
}

static int
selected(struct test *t, int argc, char *argv[])
{
  int i;

  if(argc < 2)
    return 1;
  for(i = 1; i < argc; i++)
    if(strcmp(argv[i], t->name) == 0)
      return 1;
  return 0;
}

int
main(int argc, char *argv[])
{
  int i, failures = 0;

  printf(1, "systests starting\n");
  for(i = 0; i < NTESTS; i++)
    if(selected(&tests[i], argc, argv) && !run(&tests[i]))
      failures++;
  printf(1, failures ? "SOME TESTS FAILED\n" : "ALL TESTS PASSED\n");
  exit();
}
