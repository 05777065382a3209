// hog: a hostile program, for the isolation tests.  Started from the
// shell like any program, it uses raw system calls to try to take what
// others need, then exits (or, with "hold", leaves a child process
// holding it while the shell goes on):
//
//   hog tasks [hold]   exofork stopped children until the kernel refuses
//   hog pages [hold]   fill one stopped exofork child with pages until refused
//   hog grow MIB       grow the heap and touch it: is there memory left for others?
//   hog files N        N exofork children each open README, then stop
//   hog selfend        a forked child ends itself through the kernel; wait must see it
//   hog cowfail N MIB  N forked children copy a shared MIB heap until memory runs out
//
// Before quotas and before a task died with its creator, the first three
// left the system unable to fork, to allocate or to open files, and the
// last two hung in wait().
#include "types.h"
#include "user.h"
#include "fcntl.h"
#include "syscall.h"
#include "vmlayout.h"
#include "../rt/fork.h"

#define PAGES_VA 0x10000000     // where the stopped child's pages go
#define MAXKIDS 128

// A stopped child that never runs: exofork returns 0 in it, but it
// never gets a CPU.
static int stopped_child(void)
{
  int id = sys_exofork();
  if(id == 0)
    for(;;)
      ;
  return id;
}

static int tasks(void)
{
  int n = 0;
  while(stopped_child() > 0)
    n++;
  return n;
}

// MiB the kernel let us put into one stopped child.
static int pages(void)
{
  int child = stopped_child(), n = 0;
  if(child < 0)
    return -1;
  while(sys_page_alloc(child, PAGES_VA + n * PGSIZE, PTE_P | PTE_U | PTE_W) == 0)
    n++;
  return n / 256;
}

// Run attack in a child process that keeps what it took, and report
// what it took; the shell gets its prompt back while the child holds.
static int held(int (*attack)(void), int *pid)
{
  int p[2], n = -1;
  if(pipe(p) < 0)
    return -1;
  if((*pid = fork()) == 0){
    n = attack();
    write(p[1], &n, sizeof(n));
    for(;;)
      sleep(1000);
  }
  if(*pid < 0 || read(p[0], &n, sizeof(n)) != sizeof(n))
    return -1;
  return n;
}

static void take(const char *what, int (*attack)(void), int hold)
{
  int pid = 0, n = hold ? held(attack, &pid) : attack();
  printf(1, "hog: %d %s", n, what);
  if(hold)
    printf(1, ", held by pid %d", pid);
  printf(1, "\n");
  exit();
}

// Grow the heap by mib MiB and touch every page: can others still get memory?
static void grow(int mib)
{
  char *p = sbrk(mib * 1024 * 1024);
  if(p == (char*)-1){
    printf(1, "hog: cannot grow by %d MiB\n", mib);
    exit();
  }
  for(int i = 0; i < mib * 1024 * 1024; i += PGSIZE)
    p[i] = 1;
  printf(1, "hog: grew by %d MiB\n", mib);
  exit();
}

static void files(int n)
{
  int opened = 0;
  for(int i = 0; i < n && i < MAXKIDS; i++){
    int id = cow_fork(1);
    if(id == 0){
      int fd = open("README", O_RDONLY);
      sys_set_state(0, fd >= 0 ? TASK_STOPPED : TASK_RUNNABLE);
      sys_task_destroy(0);
    }
    if(id < 0)
      break;
    // Wait until it has opened the file and stopped, or failed and gone.
    struct task_info info;
    while(sys_task_info(id, &info) == 0 && info.state != TASK_INFO_STOPPED)
      sys_yield();
    opened += sys_task_info(id, &info) == 0;
  }
  printf(1, "hog: %d children hold README open\n", opened);
  exit();
}

static void selfend(void)
{
  int pid = fork();
  if(pid == 0){
    sys_task_destroy(0);
    printf(1, "hog: child still alive\n");
    exit();
  }
  int got = wait();
  printf(1, "hog: child %d ended itself; wait returned %d\n", pid, got);
  exit();
}

// The children share the heap copy-on-write, and each writes to every
// page: between them they need more memory than the machine has, and
// those whose copy fails end themselves in their page-fault handler.
// They start together, once all are forked (the gun pipe), so the
// parent's own copies (its stack, the library pages its calls write)
// are made before memory runs out.  Each that has its copy says so on
// the done pipe and keeps it; the pipe reaches end of file when every
// child has either said so or ended -- which needs proc to have heard
// of the ends it did not ask for.  Then the rest are killed and reaped.
static void cowfail(int n, int mib)
{
  int size = mib * 1024 * 1024, gun[2], done[2], pids[MAXKIDS];
  int forked = 0, copied = 0, reaped = 0;
  char *heap = sbrk(size), c;
  if(heap == (char*)-1 || pipe(gun) < 0 || pipe(done) < 0){
    printf(1, "hog: no heap or no pipe\n");
    exit();
  }
  for(int i = 0; i < size; i += PGSIZE)
    heap[i] = 1;
  for(int i = 0; i < n && i < MAXKIDS; i++){
    int pid = fork();
    if(pid == 0){
      close(done[0]);
      read(gun[0], &c, 1);
      for(int j = 0; j < size; j += PGSIZE)
        heap[j] = 2;
      write(done[1], "c", 1);
      close(done[1]);
      for(;;)
        sleep(1000);
    }
    if(pid > 0)
      pids[forked++] = pid;
  }
  close(done[1]);
  for(int i = 0; i < forked; i++)
    write(gun[1], "x", 1);
  while(read(done[0], &c, 1) == 1)
    copied++;
  for(int i = 0; i < forked; i++)
    kill(pids[i]);
  while(wait() >= 0)
    reaped++;
  printf(1, "hog: %d children forked, %d copied, %d reaped\n", forked, copied, reaped);
  exit();
}

int
main(int argc, char *argv[])
{
  int hold = argc > 2 && strcmp(argv[2], "hold") == 0;
  if(argc >= 2 && strcmp(argv[1], "tasks") == 0)
    take("tasks", tasks, hold);
  if(argc >= 2 && strcmp(argv[1], "pages") == 0)
    take("MiB in a stopped child", pages, hold);
  if(argc >= 3 && strcmp(argv[1], "grow") == 0)
    grow(atoi(argv[2]));
  if(argc >= 3 && strcmp(argv[1], "files") == 0)
    files(atoi(argv[2]));
  if(argc >= 2 && strcmp(argv[1], "selfend") == 0)
    selfend();
  if(argc >= 4 && strcmp(argv[1], "cowfail") == 0)
    cowfail(atoi(argv[2]), atoi(argv[3]));
  printf(2, "usage: hog tasks|pages [hold] | grow MIB | files N | selfend | cowfail N MIB\n");
  exit();
}
