// sysbench: the system-call workloads of the mode comparison
// (docs/mono.md), run from the shell as any program is, so that they go
// through proc, fs and console as a program's calls do.  It prints the
// lines the benchmarks that boot as the root task print (bench.h):
//   bench NAME median M cpus 1 rounds r1,r2,...
//   kstat NAME ops N c1,c2,...
// and, for a figure whose tasks use fs at once (which blocks hit fs's
// cache then depends on the order they run in), before those:
//   bench NAME tasks at once
// tools/bench types `sysbench` into the shell and reads them.

#include "types.h"
#include "stat.h"
#include "user.h"
#include "fcntl.h"
#include "counters.h"

#define ROUNDS 7
#define BIG (70 * 1024)         // the largest file xv6's layout allows (12 + 128 blocks of 512)

static uint per_op[ROUNDS];
static char buf[BIG];
static int ping[2], pong[2];    // the ping-pong pipes: parent to child, child to parent

static uint
tsc(void)
{
  uint lo, hi;
  asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
  return lo;
}

static void
fail(char *what)
{
  printf(1, "bench error: %s\n", what);
  exit();
}

// Append ",v" (or "v" first) to s at *n, in decimal.
static void
put(char *s, int *n, uint v)
{
  char d[12];
  int i = 0;

  if(*n)
    s[(*n)++] = ',';
  do d[i++] = '0' + v % 10; while((v /= 10) != 0);
  while(i > 0)
    s[(*n)++] = d[--i];
  s[*n] = 0;
}

static uint
median(void)
{
  uint v[ROUNDS], t;
  int i, j;

  for(i = 0; i < ROUNDS; i++)
    v[i] = per_op[i];
  for(i = 1; i < ROUNDS; i++)
    for(j = i; j > 0 && v[j - 1] > v[j]; j--){
      t = v[j];
      v[j] = v[j - 1];
      v[j - 1] = t;
    }
  return v[ROUNDS / 2];
}

// One workload: ROUNDS rounds of ops operations, timed by the TSC (an
// instruction count under -icount shift=0) and counted by the kernel.
static void
measure(char *name, void (*op)(void), int ops)
{
  uint sum[NCOUNTERS], at[NCOUNTERS], now[NCOUNTERS], t;
  char line[NCOUNTERS * 11 + 1];   // each counter: up to 10 digits and a comma
  int r, i, k, n;

  memset(sum, 0, sizeof(sum));
  for(r = 0; r < ROUNDS; r++){
    kstat(at);
    t = tsc();
    for(i = 0; i < ops; i++)
      op();
    per_op[r] = (tsc() - t) / ops;
    kstat(now);
    for(k = 0; k < NCOUNTERS; k++)
      sum[k] += now[k] - at[k];
    sum[COUNTER_SYSCALL]--;       // the second reading's own call
  }
  n = 0;
  for(r = 0; r < ROUNDS; r++)
    put(line, &n, per_op[r]);
  printf(1, "bench %s median %d cpus 1 rounds %s\n", name, median(), line);
  n = 0;
  for(k = 0; k < NCOUNTERS; k++)
    put(line, &n, sum[k]);
  printf(1, "kstat %s ops %d %s\n", name, ROUNDS * ops, line);
}

static void
op_getpid(void)
{
  if(getpid() <= 0)
    fail("getpid");
}

static void
op_fstat(void)
{
  struct stat st;
  if(fstat(0, &st) < 0)
    fail("fstat");
}

static int hot = -1;            // README, open for the cache-hot reads

static void
rewind_hot(void)
{
  close(hot);
  if((hot = open("README", O_RDONLY)) < 0)
    fail("open README");
}

static void
op_read_512(void)
{
  rewind_hot();
  if(read(hot, buf, 512) != 512)
    fail("read 512");
}

static void
op_read_4k(void)
{
  rewind_hot();
  if(read(hot, buf, 4096) != 4096)
    fail("read 4096");
}

static void
op_pingpong(void)
{
  char c = 'p';
  if(write(ping[1], &c, 1) != 1 || read(pong[0], &c, 1) != 1)
    fail("ping-pong");
}

static void
op_console_write(void)
{
  if(write(1, ".", 1) != 1)
    fail("console write");
}

static void
op_create_write_unlink(void)
{
  int fd = open("sysbench.tmp", O_CREATE | O_RDWR);
  if(fd < 0 || write(fd, buf, 512) != 512)
    fail("create and write");
  close(fd);
  if(unlink("sysbench.tmp") < 0)
    fail("unlink");
}

static void
op_write_read_70k(void)
{
  int fd = open("sysbench.big", O_CREATE | O_RDWR);
  int i;

  if(fd < 0)
    fail("create big");
  for(i = 0; i < BIG; i += 512)
    if(write(fd, buf + i, 512) != 512)
      fail("write big");
  close(fd);
  if((fd = open("sysbench.big", O_RDONLY)) < 0)
    fail("open big");
  for(i = 0; i < BIG; i += 512)
    if(read(fd, buf + i, 512) != 512)
      fail("read big");
  close(fd);
  unlink("sysbench.big");
}

// fork, exec, exit, wait; with argv as given, and stdin from `in` if set.
static void
run(char **argv, char *in)
{
  int pid = fork();
  if(pid < 0)
    fail("fork");
  if(pid == 0){
    if(in){
      close(0);
      if(open(in, O_RDONLY) != 0)
        fail("open script");
    }
    exec(argv[0], argv);
    fail("exec");
  }
  if(wait() != pid)
    fail("wait");
}

static void
op_fork_exec(void)
{
  char *argv[] = { "sleep", "0", 0 };
  run(argv, 0);
}

static void
op_pipeline(void)
{
  char *argv[] = { "sh", 0 };
  run(argv, "sysbench.sh");
}

static void
pingpong_child(void)
{
  char c;
  close(ping[1]);
  close(pong[0]);
  while(read(ping[0], &c, 1) == 1)
    if(write(pong[1], &c, 1) != 1)
      break;
  exit();
}

static void
script(void)
{
  static char text[] = "cat README | grep x | wc > sysbench.out\n";
  int fd = open("sysbench.sh", O_CREATE | O_RDWR);
  if(fd < 0 || write(fd, text, sizeof(text) - 1) != sizeof(text) - 1)
    fail("script");
  close(fd);
}

int
main(void)
{
  int pid;

  memset(buf, 'b', sizeof(buf));
  if((hot = open("README", O_RDONLY)) < 0)
    fail("open README");
  measure("sys_getpid", op_getpid, 100);
  measure("sys_fstat", op_fstat, 100);
  rewind_hot();
  measure("sys_read_hot_512", op_read_512, 50);
  measure("sys_read_hot_4k", op_read_4k, 20);
  if(pipe(ping) < 0 || pipe(pong) < 0)
    fail("pipe");
  if((pid = fork()) == 0)
    pingpong_child();
  close(ping[0]);
  close(pong[1]);
  printf(1, "bench sys_pipe_pingpong tasks at once\n");
  measure("sys_pipe_pingpong", op_pingpong, 50);
  close(ping[1]);
  close(pong[0]);
  wait();
  measure("sys_console_write", op_console_write, 50);
  printf(1, "\n");
  measure("sys_create_write_unlink", op_create_write_unlink, 5);
  measure("sys_write_read_70k", op_write_read_70k, 1);
  measure("sys_fork_exec_wait", op_fork_exec, 3);
  script();
  printf(1, "bench sys_pipeline tasks at once\n");
  measure("sys_pipeline", op_pipeline, 1);
  unlink("sysbench.sh");
  unlink("sysbench.out");
  printf(1, "sysbench: done\n");
  exit();
}
