// fuzz [-s seed] [-c syscalls] [-m messages]: the system's own fuzzer, an
// ordinary program run from the shell (make fuzz, tests/test_fuzz.py).
//
// It gives up its privilege first (docs/processes.md), so the kernel and
// every server treat it as any hostile program.  Then, batch after batch,
// it forks a worker that makes random raw system calls on both system-call
// vectors, with arguments biased to edge values (kernel addresses,
// unmapped, misaligned and page-straddling pointers, other tasks' ids),
// then sends random and malformed messages to every endpoint; and a few
// children each raise a software interrupt on one of the 256 trap
// vectors, so that every run tries them all.
// Between batches the fuzzer checks that the system still works: proc
// answers, a file can be written, read back and removed, a pipe carries
// bytes, and no server was restarted.
//
// A worker may hurt only itself, and may do so: a fault, a stop, a block
// without end.  Whatever stops it making progress for STALL_TICKS is
// killed and counted.  A few calls are steered away from what an ordinary
// program is allowed to do to itself or to the shared console (see
// steer_call and steer_message); nothing else is filtered.
//
// The last line says what ran and what broke; tools/fuzz adds what only
// the host can see (a panic, a hang) and sets the exit status.
#include "types.h"
#include "user.h"
#include "fcntl.h"
#include "procinfo.h"
#include "proc_client.h"
#include "console_client.h"
#include "fs_client.h"
#include "blk_client.h"
#include "syscall.h"
#include "libipc.h"
#include "vmlayout.h"

#define CALLS_PER_BATCH 20000
#define MSGS_PER_BATCH  2000
#define STALL_TICKS     100         // a worker without progress this long is killed
#define WATCH_TICKS     2
#define MAXKIDS         4           // exofork children a worker keeps at once
#define MAXTASKS        64
#define NVECTOR         256         // every vector an int instruction can name

// The worker's own playground: pages it maps, unmaps and hands around.
#define SANDBOX         0x50000000u
#define SANDBOX_PAGES   8
// Counters the fuzzer and its worker share (PTE_SHARE survives fork).
#define SHARED          0x4F000000u

struct shared {
  volatile uint worker;             // the worker's task id, once it runs
  volatile uint calls, msgs;
};

static struct shared *sh = (struct shared *)SHARED;
static uint rng;
static int fuzzer_pid, worker_pid;
static uint tasks_seen[MAXTASKS];   // ids of every task at the start: targets
static int ntasks_seen;
static uint kids[MAXKIDS];          // the worker's exofork children
static int nkids;

static uint
rnd(void)
{
  rng ^= rng << 13;
  rng ^= rng >> 17;
  rng ^= rng << 5;
  return rng;
}

static uint
pick(const uint *v, int n)
{
  return v[rnd() % n];
}

#define PICK(a) pick((a), sizeof(a) / sizeof((a)[0]))

static uint
self(void)
{
  return sh->worker;
}

static int
is_self(uint task)
{
  return task == 0 || task == self();
}

static uint
sandbox_page(void)
{
  return SANDBOX + (rnd() % SANDBOX_PAGES) * PGSIZE;
}

static int
in_sandbox(uint va)
{
  return va >= SANDBOX && va < SANDBOX + SANDBOX_PAGES * PGSIZE;
}

// Make the sandbox page holding va writable again if the calls took it
// away (unmapped it, or mapped a read-only page there): the worker reads
// and writes descriptors there itself.  Read through UVPT, as usys.c does.
static void
own_page(uint va)
{
  const volatile uint *uvpt = (const volatile uint *)UVPT;
  const volatile uint *uvpd = (const volatile uint *)UVPD;
  if((uvpd[va >> 22] & PTE_P) && (uvpt[va >> 12] & (PTE_P | PTE_U | PTE_W)) == (PTE_P | PTE_U | PTE_W))
    return;
  sys_page_alloc(0, va & ~(PGSIZE - 1), PTE_P | PTE_U | PTE_W);
}

// A pointer: mostly into the sandbox (aligned, misaligned, straddling a
// page end), else unmapped, kernel, or around the layout's edges.
static uint
edge_pointer(void)
{
  static const uint far[] = {
    0, 1, 0xfff, UTEXT - 1, 0x40000000, USTATE, USTATE - 1, UTOP - PGSIZE, UTOP - 1, UTOP,
    UVPT + 4, KERNBASE - 1, KERNBASE, KERNBASE + 0x100000, 0xF0000000, 0xFEE00000, 0xFFFFF000,
    0xFFFFFFFC, 0xFFFFFFFF,
  };
  switch(rnd() % 6){
  case 0: return sandbox_page();
  case 1: return sandbox_page() + (rnd() % PGSIZE);
  case 2: return sandbox_page() + PGSIZE - 1 - rnd() % 64;
  case 3: return SANDBOX + SANDBOX_PAGES * PGSIZE - rnd() % 128;   // runs off the end
  case 4: return PICK(far);
  default: return rnd();
  }
}

// A task id: itself, its children, its fuzzer, proc, servers, init, the
// shell, stale and made-up ids.
static uint
edge_task(void)
{
  switch(rnd() % 6){
  case 0: return 0;
  case 1: return nkids ? kids[rnd() % nkids] : self();
  case 2: return ntasks_seen ? tasks_seen[rnd() % ntasks_seen] : 1;
  case 3: return rnd() % 256;                           // a slot, any generation
  case 4: return (rnd() % 256) | (rnd() % 8) << 8;
  default: return rnd();
  }
}

static uint
edge_word(void)
{
  static const uint words[] = {
    0, 1, 2, 3, 7, 15, 16, 31, 32, 63, 64, 255, 256, 4095, 4096, 4097, 0x7fff, 0xffff,
    0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff,
    PTE_P | PTE_U, PTE_P | PTE_U | PTE_W, PTE_P | PTE_U | PTE_W | PTE_SHARE, PTE_P | PTE_U | PTE_COW, PTE_P, 0xfff,
  };
  switch(rnd() % 5){
  case 0: return edge_pointer();
  case 1: return edge_task();
  case 2: return rnd() % NENDPOINT + (rnd() % 4 == 0 ? NENDPOINT : 0);
  case 3: return rnd();
  default: return PICK(words);
  }
}

// ---- raw system calls ------------------------------------------------------

struct call { uint num, a[5]; };

// What an ordinary program may do to itself but which would only end this
// worker early: stop, destroy or unmap itself outside its sandbox, move
// its fault handler.  And SYS_cputs gets no readable text of a sane
// length, so the console stays readable.
static void
steer_call(struct call *c)
{
  switch(c->num){
  case SYS_set_state:
  case SYS_task_destroy:
  case SYS_set_pgfault_upcall:
    if(is_self(c->a[0]))
      c->a[0] = nkids ? kids[0] : 1;
    break;
  case SYS_page_alloc:
  case SYS_page_unmap:
    if(is_self(c->a[0]) && !in_sandbox(c->a[1]))
      c->a[1] = sandbox_page();
    break;
  case SYS_page_map:
    if(is_self(c->a[2]) && !in_sandbox(c->a[3]))
      c->a[3] = sandbox_page();
    break;
  case SYS_cputs:
    if(c->a[1] > 0 && c->a[1] <= 1024)
      c->a[1] = 0;
    break;
  }
}

static void
forget_kids(void)
{
  for(int i = 0; i < nkids; i++)
    sys_task_destroy(kids[i]);
  nkids = 0;
}

static void
one_syscall(void)
{
  struct call c;
  c.num = rnd() % 8 == 0 ? edge_word() : 1 + rnd() % (NSYSCALL - 1);
  for(int i = 0; i < 5; i++)
    c.a[i] = edge_word();
  if(c.num == SYS_exofork && nkids == MAXKIDS)
    forget_kids();
  steer_call(&c);
  // An exofork child resumes here only if someone gives it memory and
  // registers; it faults at once, and its supervisor (this worker) keeps
  // it stopped until forget_kids.
  int r = syscall5(c.num, c.a[0], c.a[1], c.a[2], c.a[3], c.a[4]);
  if(c.num == SYS_exofork && r > 0)
    kids[nkids++] = r;
}

// ---- IPC: raw traps and malformed messages ------------------------------------

static struct ipc_msg *
sandbox_desc(void)
{
  uint va = sandbox_page() + (rnd() % (PGSIZE / sizeof(struct ipc_msg))) * sizeof(struct ipc_msg);
  own_page(va);
  return (struct ipc_msg *)va;
}

static const uint ifaces[NENDPOINT] = {
  [EP_PROC] = PROC_IFACE_ID, [EP_CONSOLE] = CONSOLE_IFACE_ID, [EP_BLK] = BLK_IFACE_ID, [EP_FS] = FS_IFACE_ID,
};

static uint
edge_label(uint ep)
{
  switch(rnd() % 8){
  case 0: return rnd();
  case 1: return IPC_LABEL(0xfff, 0, 1 + rnd() % 2);            // the kernel's own labels
  case 2: return IPC_LABEL(ifaces[ep], rnd() % 16, rnd() % 20);  // any version
  default: return IPC_LABEL(ep < NENDPOINT ? ifaces[ep] : rnd(), 1, rnd() % 18);
  }
}

static uint
edge_length(void)
{
  static const uint lens[] = { 0, 1, 2, 15, 16, 64, 127, 128, 511, 512, 513, 4095, 4096, 4097, 0xffffffff };
  return rnd() % 4 == 0 ? rnd() % 4200 : PICK(lens);
}

// Fill m with a random message to ep.  Received bytes and pages land only
// in the sandbox or are refused; the kernel must catch every other case.
static void
random_message(struct ipc_msg *m, uint ep)
{
  m->label = edge_label(ep);
  m->sender = rnd();
  for(int i = 0; i < IPC_NWORDS; i++)
    m->w[i] = edge_word();
  m->sbuf = rnd() % 3 ? 0 : (void *)edge_pointer();
  m->slen = m->sbuf || rnd() % 4 == 0 ? edge_length() : 0;
  m->rbuf = rnd() % 2 ? (void *)(sandbox_page() + rnd() % 64) : rnd() % 2 ? 0 : (void *)(KERNBASE + rnd() % 4096);
  m->rlen = edge_length();
  m->spage = rnd() % 8 ? 0 : rnd() % 2 ? sandbox_page() : edge_pointer();
  m->sperm = edge_word();
  m->rpage = rnd() % 4 ? 0 : rnd() % 2 ? sandbox_page() : edge_pointer() | 1;
  m->rperm = rnd();
}

// Requests that would only end or park this worker, or take the shared
// console from the shell: exit, wait, long sleeps, killing the fuzzer,
// console reads and mode changes, console text.  Everything else goes.
static int
steered_away(const struct ipc_msg *m, uint ep)
{
  uint iface = IPC_LABEL_IFACE(m->label), op = IPC_LABEL_OP(m->label);
  if(ep == EP_PROC && iface == PROC_IFACE_ID)
    return op == PROC_OP_EXIT || op == PROC_OP_WAIT || op == PROC_OP_EXEC ||
           (op == PROC_OP_SLEEP && m->w[1] > 2) ||
           (op == PROC_OP_KILL && ((int)m->w[0] == fuzzer_pid || (int)m->w[0] == worker_pid));
  if(ep == EP_CONSOLE && iface == CONSOLE_IFACE_ID)
    return op == CONSOLE_OP_READ || op == CONSOLE_OP_SETMODE || (op == CONSOLE_OP_WRITE && m->slen && m->slen <= 4096);
  return 0;
}

// A receive that nobody answers waits its whole timeout: mostly poll.
static uint
wait_timeout(void)
{
  return rnd() % 64 ? IPC_POLL : 1 + rnd() % 2;
}

// A request to a bound server is answered: mostly wait for it (the fast
// path takes only IPC_FOREVER).
static uint
call_timeout(void)
{
  static const uint t[] = { IPC_FOREVER, IPC_FOREVER, IPC_FOREVER, 5, IPC_POLL, 1 };
  return PICK(t);
}

static int
served(uint ep)
{
  return ep >= EP_PROC && ep <= EP_FS;
}

// One message to a random endpoint (the bound ones most often).
static void
one_message(void)
{
  uint ep = rnd() % 4 ? 1 + rnd() % 4 : rnd() % (NENDPOINT + 2);
  struct ipc_msg *m = sandbox_desc();
  do
    random_message(m, ep);
  while(steered_away(m, ep));
  uint timeout = served(ep) ? call_timeout() : wait_timeout();
  uint op = rnd() % 8 ? IPC_OP_CALL : rnd() % 2 ? IPC_OP_SEND : IPC_OP_SEND_NB;
  sys_ipc(op, ep, m, timeout);
}

// A raw IPC trap: any operation, any argument, any descriptor address.
static void
one_ipc_trap(void)
{
  uint op = rnd() % 11;
  uint arg = edge_word();
  struct ipc_msg *m = rnd() % 4 ? sandbox_desc() : (struct ipc_msg *)edge_pointer();
  int sends = op == IPC_OP_CALL || op == IPC_OP_SEND || op == IPC_OP_SEND_NB;
  if(in_sandbox((uint)m) && (uint)m % sizeof(*m) == 0){
    own_page((uint)m);
    if(rnd() % 2)
      random_message(m, arg % NENDPOINT);
    if(sends && steered_away(m, arg))
      return;
  }
  uint timeout = sends && served(arg) ? call_timeout() : wait_timeout();
  sys_ipc(op, arg, m, timeout);
}

// ---- the 256 trap vectors ---------------------------------------------------

// vector_stubs + 3 * v: "int $v; ret" for every vector v.
asm(".text\n"
    ".globl vector_stubs\n"
    "vector_stubs:\n"
    ".set vec, 0\n"
    ".rept 256\n"             // NVECTOR
    ".byte 0xcd, vec\n"     // int imm8 (Intel SDM vol. 2, INT n: CD ib)
    "ret\n"
    ".set vec, vec + 1\n"
    ".endr\n");
extern char vector_stubs[];

static void
trap_vector(int v)
{
  uint eax = edge_word(), edx = edge_word(), ecx = edge_word(), ebx = edge_word();
  if(v == T_SYSCALL || v == T_IPC)
    return;     // done a million times above, with the steering
  void *stub = vector_stubs + 3 * v;
  asm volatile("call *%4" : "+a"(eax), "+d"(edx), "+c"(ecx), "+b"(ebx) : "S"(stub) : "memory", "cc", "edi");
}

// ---- the worker ---------------------------------------------------------------

static void
fill_sandbox(void)
{
  static const char alphabet[] = "ab./\0";
  for(int p = 0; p < SANDBOX_PAGES; p++){
    char *page = (char *)(SANDBOX + p * PGSIZE);
    if(sys_page_alloc(0, (uint)page, PTE_P | PTE_U | PTE_W) < 0)
      continue;
    for(int i = 0; i < PGSIZE; i++)
      page[i] = rnd() % 4 ? alphabet[rnd() % 5] : (char)rnd();
  }
}

static void
worker(uint seed, int ncalls, int nmsgs)
{
  rng = seed;
  worker_pid = getpid();
  sh->worker = sys_getid();
  fill_sandbox();
  for(int i = 0; i < ncalls; i++){
    if(rnd() % 5 == 0)
      one_ipc_trap();
    else
      one_syscall();
    sh->calls++;
    if(i % 512 == 0)
      fill_sandbox();   // what the calls unmapped comes back
  }
  for(int i = 0; i < nmsgs; i++){
    one_message();
    sh->msgs++;
  }
  forget_kids();
  exit();
}

// A child raises interrupt v with random registers: most vectors are the
// kernel's alone and fault (the child is killed and proc says so).
static void
probe_vector(uint seed, int v)
{
  int pid = fork();
  if(pid == 0){
    rng = seed;
    trap_vector(v);
    exit();
  }
  if(pid > 0)
    while(wait() != pid)
      ;
}

// ---- the fuzzer -------------------------------------------------------------

static void
note_tasks(void)
{
  struct proc_psinfo info;
  ntasks_seen = 0;
  for(uint i = 0; ntasks_seen < MAXTASKS && proc_call_ps(i, &info) == 0; i++)
    tasks_seen[ntasks_seen++] = info.task;
}

static uint
server_restarts(void)
{
  struct proc_psinfo info;
  uint n = 0;
  for(uint i = 0; proc_call_ps(i, &info) == 0; i++)
    if(info.is_server)
      n += info.restarts;
  return n;
}

// Whether the system still does what programs need.  A hang here is the
// host's to see: the fuzzer never gets to print its last line.
static int
alive(int batch)
{
  char want[32], got[32];
  int fds[2];
  for(int i = 0; i < (int)sizeof(want); i++)
    want[i] = 'a' + (batch + i) % 26;
  int fd = open("live", O_CREATE | O_RDWR);
  if(fd < 0 || write(fd, want, sizeof(want)) != sizeof(want))
    return 0;
  close(fd);
  fd = open("live", O_RDONLY);
  if(fd < 0 || read(fd, got, sizeof(got)) != sizeof(got) || memcmp(want, got, sizeof(got)) != 0)
    return 0;
  close(fd);
  if(unlink("live") < 0 || pipe(fds) < 0)
    return 0;
  int ok = write(fds[1], want, 8) == 8 && read(fds[0], got, 8) == 8 && memcmp(want, got, 8) == 0;
  close(fds[0]);
  close(fds[1]);
  return ok && getpid() == fuzzer_pid && uptime() > 0;
}

struct totals {
  uint calls, msgs, workers, stuck, failures, ticks, vectors;
};

// Fork one worker and watch it until it ends; kill it if it stalls.
static void
run_worker(uint seed, struct totals *t)
{
  sh->worker = 0;
  sh->calls = sh->msgs = 0;
  int pid = fork();
  if(pid == 0)
    worker(seed, CALLS_PER_BATCH, MSGS_PER_BATCH);
  if(pid < 0){
    printf(1, "fuzz: fork failed\n");
    t->failures++;
    return;
  }
  uint last = 0, still = 0;
  struct task_info ti;
  for(;;){
    sleep(WATCH_TICKS);
    uint w = sh->worker;
    if(w && sys_task_info(w, &ti) < 0)
      break;
    uint progress = sh->calls + sh->msgs;
    still = progress == last ? still + WATCH_TICKS : 0;
    last = progress;
    if(still >= STALL_TICKS){
      kill(pid);
      t->stuck++;
      break;
    }
  }
  while(wait() != pid)
    ;
  t->calls += sh->calls;
  t->msgs += sh->msgs;
  t->workers++;
}

static uint
mix(uint seed, uint batch)
{
  uint x = seed * 2654435761u ^ (batch + 1) * 40503u;
  return x ? x : 1;
}

int
main(int argc, char *argv[])
{
  uint seed = (uptime() * 2654435761u + 1) & 0x7fffffff;
  uint want_calls = 1000000, want_msgs = 100000;
  for(int i = 1; i + 1 < argc; i += 2){
    if(strcmp(argv[i], "-s") == 0)
      seed = atoi(argv[i + 1]);
    else if(strcmp(argv[i], "-c") == 0)
      want_calls = atoi(argv[i + 1]);
    else if(strcmp(argv[i], "-m") == 0)
      want_msgs = atoi(argv[i + 1]);
  }
  if(drop_privilege() < 0 || sys_page_alloc(0, SHARED, PTE_P | PTE_U | PTE_W | PTE_SHARE) < 0){
    printf(1, "fuzz: cannot set up\n");
    exit();
  }
  fuzzer_pid = getpid();
  mkdir("fuzzdir");
  chdir("fuzzdir");
  note_tasks();
  uint restarts0 = server_restarts();
  printf(1, "fuzz: seed %d, %d syscalls and %d messages wanted, as an ordinary process\n", seed, want_calls, want_msgs);
  struct totals t = { 0 };
  uint start = uptime();
  uint batches = (want_calls + CALLS_PER_BATCH - 1) / CALLS_PER_BATCH;
  uint per_batch = batches ? (NVECTOR + batches - 1) / batches : NVECTOR;
  int batch;
  for(batch = 0; t.calls < want_calls || t.msgs < want_msgs || t.vectors < NVECTOR; batch++){
    run_worker(mix(seed, batch), &t);
    for(uint i = 0; i < per_batch && t.vectors < NVECTOR; i++, t.vectors++)
      probe_vector(mix(seed, t.vectors + 1000000), t.vectors);
    if(!alive(batch)){
      printf(1, "fuzz: batch %d: the system no longer works\n", batch);
      t.failures++;
      break;
    }
    printf(1, "fuzz: batch %d: %d syscalls, %d messages so far\n", batch, t.calls, t.msgs);
  }
  t.ticks = uptime() - start;
  uint restarts = server_restarts() - restarts0;
  uint secs = t.ticks / 100 ? t.ticks / 100 : 1;
  printf(1, "fuzz: done: seed %d, %d syscalls (%d/s), %d messages (%d/s), %d batches, %d vectors, "
         "%d workers stuck and killed, %d server restarts, %d failures, %d ticks\n",
         seed, t.calls, t.calls / secs, t.msgs, t.msgs / secs, batch, t.vectors,
         t.stuck, restarts, t.failures, t.ticks);
  exit();
}
