// attack WHAT: one hostile probe against the isolation between tasks,
// run as an ordinary program from the shell.  Each prints what it tried
// and what came back; tests/test_isolation.py then checks that the
// system is unharmed.  The probes:
//
//   fault NAME   send proc a fault report, as if from the kernel, naming
//                the task of NAME (init, sh, fs, ...)
//   blk          read and rewrite a disk block behind fs's back
//   halt         power off from a task proc does not know as a process
//   crash        crash fs from such a task
//   kill PID     kill PID from such a task
//   notify NAME  send the server NAME an interrupt's notification
//   stop         stop and destroy tasks of its own while they read
//                files, then ask fs for something: in mono mode a task
//                stopped inside a server would hold it from everyone
#include "types.h"
#include "user.h"
#include "procinfo.h"
#include "proc_client.h"
#include "blk_client.h"
#include "syscall.h"
#include "libipc.h"
#include "fork.h"
#include "fcntl.h"
#include "stat.h"

#define MAXTASKS 64
#define FS_DISK 1           // the file system's disk, as blk.idl numbers disks
#define SUPERBLOCK 1
#define WAIT_TICKS 200      // how long a probe waits for its helper task
#define STOP_ROUNDS 8       // readers the stop probe makes, one at a time
#define STOP_TRIES 20000    // stops it asks for each, until one is done

static struct procinfo info[MAXTASKS];

static int task_of(const char *name)
{
  int n = procinfo(info, MAXTASKS);
  for(int i = 0; i < n; i++)
    if(strcmp(info[i].name, name) == 0)
      return info[i].task;
  return 0;
}

// A message that looks like the kernel's report of a fault in task.
static void forge_fault(const char *name)
{
  int task = task_of(name);
  if(task == 0){
    printf(2, "attack: no task called %s\n", name);
    return;
  }
  struct ipc_msg m;
  memset(&m, 0, sizeof(m));
  m.label = IPC_LABEL_FAULT;
  m.w[0] = task;
  m.w[1] = 14;        // a page fault
  int r = ipc_send(EP_PROC, &m, 0);
  printf(1, "attack fault: report naming %s (task %d) sent: %s\n", name, task, ipc_strerror(r));
}

// The disk driver takes notification bit 14 for its interrupt.
static void forge_interrupt(const char *name)
{
  int task = task_of(name);
  int r = task ? ipc_notify(task, 1u << 14) : E_NOTASK;
  printf(1, "attack notify: interrupt bit sent to %s: %s\n", name, ipc_strerror(r));
}

static void raw_disk(void)
{
  static char block[BLK_BSIZE];
  uint32_t len = sizeof(block);
  int r = blk_call_read(FS_DISK, SUPERBLOCK, block, &len);
  printf(1, "attack blk: read of the superblock: %s\n", ipc_strerror(r));
  if(r == 0){
    r = blk_call_write(FS_DISK, SUPERBLOCK, block, len);
    printf(1, "attack blk: write of the superblock: %s\n", ipc_strerror(r));
  }
}

// The child: a task the program made itself (copy-on-write, not
// registered with proc), which asks proc for something and says what
// came back on the kernel's console.
static int what, arg;

static void child_asks(void)
{
  int r = E_INVAL;
  if(what == 'h')
    r = proc_call_halt(7);
  else if(what == 'c')
    r = proc_call_crash("fs", PROC_CRASHKIND_FAULT);
  else if(what == 'k')
    r = proc_call_kill(arg);
  const char *s = ipc_strerror(r);
  sys_cputs("attack: proc answered the unregistered task: ", 45);
  sys_cputs(s, strlen(s));
  sys_cputs("\n", 1);
  sys_task_destroy(0);
}

static void from_unregistered_task(int op, int a)
{
  what = op;
  arg = a;
  int child = cow_fork(1);
  if(child == 0)
    child_asks();
  if(child < 0){
    printf(2, "attack: cow_fork failed\n");
    return;
  }
  struct task_info ti;
  for(int i = 0; i < WAIT_TICKS && sys_task_info(child, &ti) == 0; i++)
    sleep(1);
  sys_task_destroy(child);
  printf(1, "attack: the unregistered task is gone\n");
}

// Read files bigger than the buffer cache, round and round, so that the
// task is mostly inside fs, waiting for the disk or just woken from it.
static void read_forever(void)
{
  static char *files[] = { "systests", "sysbench", "torture", "fuzz", "memhog", "trace" };
  static char buf[512];
  for(uint i = 0; ; i = (i + 1) % (sizeof(files) / sizeof(files[0]))){
    int fd = open(files[i], O_RDONLY);
    while(fd >= 0 && read(fd, buf, sizeof(buf)) > 0)
      ;
    close(fd);
  }
}

static void stop_readers(void)
{
  struct stat st;
  int stopped = 0;
  for(int round = 0; round < STOP_ROUNDS; round++){
    int child = cow_fork(1);
    if(child == 0)
      read_forever();
    if(child < 0){
      printf(2, "attack: cow_fork failed\n");
      return;
    }
    sleep(2);       // the reader is inside fs by now
    for(int i = 0; i < STOP_TRIES; i++)
      if(sys_set_state(child, TASK_STOPPED) == 0){
        stopped++;
        break;
      }
    sys_task_destroy(child);
    printf(1, "attack stop: round %d: fs answered %s\n", round, ipc_strerror(fstat(1, &st)));
  }
  printf(1, "attack stop: %d of %d readers stopped\n", stopped, STOP_ROUNDS);
}

int
main(int argc, char *argv[])
{
  if(argc >= 3 && strcmp(argv[1], "fault") == 0)
    forge_fault(argv[2]);
  else if(argc == 3 && strcmp(argv[1], "notify") == 0)
    forge_interrupt(argv[2]);
  else if(argc == 2 && strcmp(argv[1], "blk") == 0)
    raw_disk();
  else if(argc == 2 && strcmp(argv[1], "halt") == 0)
    from_unregistered_task('h', 0);
  else if(argc == 2 && strcmp(argv[1], "crash") == 0)
    from_unregistered_task('c', 0);
  else if(argc == 3 && strcmp(argv[1], "kill") == 0)
    from_unregistered_task('k', atoi(argv[2]));
  else if(argc == 2 && strcmp(argv[1], "stop") == 0)
    stop_readers();
  else
    printf(2, "usage: attack fault NAME | blk | halt | crash | kill PID | notify NAME | stop\n");
  exit();
}
