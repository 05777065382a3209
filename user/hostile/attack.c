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
//   readers N    N console reads that time out at once, from this task
//                and from N tasks that end: none may keep a place in
//                the console's queue of readers
//   stop         stop and destroy tasks of its own while they read
//                files, then ask fs for something: in mono mode a task
//                stopped inside a server would hold it from everyone
//   starve       lower a file reader's priority and keep the CPUs busy:
//                in mono mode the reader is inside fs, and must still
//                get to leave it
//   stale        have fs answer a pipe read that timed out while the
//                reader waits in a console read
//   steal        leave a console read that timed out behind, then wait
//                in a pipe read when a line is typed for the shell
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
#include "vmlayout.h"
#include "console_wire.h"
#include "fs_wire.h"

#define MAXTASKS 64
#define FS_DISK 1           // the file system's disk, as blk.idl numbers disks
#define SUPERBLOCK 1
#define WAIT_TICKS 200      // how long a probe waits for its helper task
#define READ_TIMEOUT 1      // ticks a console read of the readers probe waits
#define STOP_ROUNDS 8       // readers the stop probe makes, one at a time
#define STOP_TRIES 20000    // stops it asks for each, until one is done
#define SPINNERS 2          // busy tasks the starve probe runs, one a CPU
#define SHARED 0x4F000000u  // a page a probe and its helper share (PTE_SHARE survives fork)

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

static void spin(void)
{
  for(;;)
    ;
}

static void starve_reader(void)
{
  struct stat st;
  int reader = cow_fork(1), spinners[SPINNERS];
  if(reader == 0)
    read_forever();
  sleep(2);       // the reader is inside fs by now, waiting for the disk
  int r = sys_set_priority(reader, PRIO_MIN);
  printf(1, "attack starve: reader's priority lowered: %s\n", ipc_strerror(r));
  for(int i = 0; i < SPINNERS; i++)
    if((spinners[i] = cow_fork(1)) == 0)
      spin();
  sleep(10);      // the disk has answered; the reader waits for a CPU
  printf(1, "attack starve: fs answered %s\n", ipc_strerror(fstat(1, &st)));
  for(int i = 0; i < SPINNERS; i++)
    sys_task_destroy(spinners[i]);
  sys_task_destroy(reader);
}

// Calls to fs and the console that give up after timeout ticks: the
// stubs wait for ever.  The answer's bytes land in buf.
static struct ipc_msg m;

static int pipe_read(int fd, char *buf, uint n, uint timeout)
{
  fs_read_in_put(&m, &(struct fs_read_in){ .seq = 1, .fd = fd, .data_cap = n });
  m.label = IPC_LABEL(FS_IFACE_ID, FS_VERSION, FS_OP_READ);
  m.rbuf = buf;
  m.rlen = n;
  return sys_ipc(IPC_OP_CALL, EP_FS, &m, timeout);
}

static int console_read(char *buf, uint n, uint timeout)
{
  console_read_in_put(&m, &(struct console_read_in){ .seq = 1, .data_cap = n });
  m.label = IPC_LABEL(CONSOLE_IFACE_ID, CONSOLE_VERSION, CONSOLE_OP_READ);
  m.rbuf = buf;
  m.rlen = n;
  return sys_ipc(IPC_OP_CALL, EP_CONSOLE, &m, timeout);
}

// What a read with a timeout brought: its error, or the bytes.
static void show_read(const char *what, int r, char *buf)
{
  if(r == 0 && (int)m.label >= 0){
    buf[m.rlen] = 0;
    printf(1, "attack %s: got '%s'\n", what, buf);
  } else {
    printf(1, "attack %s: %s\n", what, ipc_strerror(r < 0 ? r : (int)m.label));
  }
}

// A page this task and the child it forks next both see.
static volatile uint *shared_page(void)
{
  if(sys_page_alloc(0, SHARED, PTE_P | PTE_U | PTE_W | PTE_SHARE) < 0)
    return 0;
  return (volatile uint *)SHARED;
}

// Tell the other task which task we are.
static void say_who(volatile uint *to)
{
  struct task_info ti;
  sys_task_info(0, &ti);
  *to = ti.id;
}

// Wait until task is blocked: in the call it makes after saying so.
static void until_blocked(uint task)
{
  struct task_info ti;
  while(sys_task_info(task, &ti) == 0 && ti.state != TASK_INFO_BLOCKED)
    sleep(1);
}

// fs's answer to a pipe read the reader gave up on must not end the
// reader's next call, a console read: the kernel refuses it, as it
// refuses any reply to a task that is not waiting for that server.
static void stale_answer(void)
{
  static char piped[64], typed[64];
  volatile uint *me = shared_page();
  int p[2];
  if(me == 0 || pipe(p) < 0){
    printf(2, "attack: no pipe or shared page\n");
    return;
  }
  *me = 0;
  int pid = fork();
  if(pid == 0){
    while(*me == 0)
      sleep(1);
    until_blocked(*me);
    write(p[1], "PIPEDATA", 8);
    exit();
  }
  // No other call to fs (printf is one) until the console read ends: fs
  // keeps one parked request a client, and a new one would replace the
  // read that timed out.
  int r = pipe_read(p[0], piped, sizeof(piped) - 1, 10);
  struct ipc_msg first = m;
  say_who(me);
  int r2 = console_read(typed, sizeof(typed) - 1, WAIT_TICKS);
  show_read("stale: console read", r2, typed);
  m = first;
  show_read("stale: pipe read", r, piped);
  wait();
}

// The console's answer to a console read that timed out must not end
// the reader's pipe read: the line is the shell's.
static void steal_line(void)
{
  static char buf[128];
  volatile uint *child = shared_page();
  int p[2];
  if(child == 0 || pipe(p) < 0){
    printf(2, "attack: no pipe or shared page\n");
    return;
  }
  *child = 0;
  int pid = fork();
  if(pid == 0){
    int r = console_read(buf, sizeof(buf) - 1, 1);
    show_read("steal: console read", r, buf);
    say_who(child);
    r = pipe_read(p[0], buf, sizeof(buf) - 1, WAIT_TICKS);
    show_read("steal: pipe read", r, buf);
    exit();
  }
  while(*child == 0)
    sleep(1);
  until_blocked(*child);
}

// Console reads that give up at once, each left queued in the console
// until input comes: from this task, then each from a task that ends.
static void read_and_end(uint32_t unused)
{
  static char buf[64];
  (void)unused;
  console_read(buf, sizeof(buf), READ_TIMEOUT);
  sys_task_destroy(0);
}

static void stale_readers(int n)
{
  static char buf[64];
  struct task_info ti;
  int timed_out = 0;
  for(int i = 0; i < n; i++)
    timed_out += console_read(buf, sizeof(buf), READ_TIMEOUT) == E_TIMEOUT;
  printf(1, "attack readers: %d of %d reads from this task timed out\n", timed_out, n);
  for(int i = 0; i < n; i++){
    int child = cow_fork(1);
    if(child == 0)
      read_and_end(0);
    while(child > 0 && sys_task_info(child, &ti) == 0)
      sys_yield();
  }
  printf(1, "attack readers: %d tasks read and ended\n", n);
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
  else if(argc == 3 && strcmp(argv[1], "readers") == 0)
    stale_readers(atoi(argv[2]));
  else if(argc == 2 && strcmp(argv[1], "stop") == 0)
    stop_readers();
  else if(argc == 2 && strcmp(argv[1], "starve") == 0)
    starve_reader();
  else if(argc == 2 && strcmp(argv[1], "stale") == 0)
    stale_answer();
  else if(argc == 2 && strcmp(argv[1], "steal") == 0)
    steal_line();
  else
    printf(2, "usage: attack fault NAME | blk | halt | crash | kill PID | notify NAME | readers N | stop | starve | stale | steal\n");
  exit();
}
