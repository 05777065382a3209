// torture rounds seed crashes [gap]: a self-checking file workload
// while the servers are crashed.  A child crashes fs, ide and console in
// turn, `crashes` times, gap ticks apart (3 if not given).  Each is a
// real kill and restart from the boot module, asked for as an injected
// crash, which the restart policy does not count towards giving a
// server up (docs/processes.md): so they can come as fast as the
// servers come back.  Meanwhile, until the crashes are done and for at
// least `rounds`, the parent does random
// operations on four files, each checked against a model of what the
// files must hold: appends through descriptors kept open across the
// restarts, overwrites (O_TRUNC), renames made of link and unlink, and
// files removed while open.  Every answer is checked; one that is not
// what the model says is a wrong answer (a redone unlink answers -1).
// Two more children stream numbered words through a pipe meanwhile and
// count the bytes lost or repeated.
// At the end it prints each file's expected size and checksum, which
// tools/torture-check compares with the disk image after the halt.
#include "types.h"
#include "stat.h"
#include "user.h"
#include "fcntl.h"
#include "param.h"
#include "procinfo.h"

#define NFILES 4
#define REC 64
#define MAXBYTES 4096

static char model[NFILES][MAXBYTES];
static int size[NFILES], fd[NFILES];
static int wrong, acked;
static uint rnd;

static uint next(void)
{
  rnd = rnd * 1103515245 + 12345;
  return rnd >> 8;
}

static void name(char *buf, char c, int i)
{
  buf[0] = c;
  buf[1] = '0' + i;
  buf[2] = 0;
}

static void record(char *r, int file, int round)
{
  for(int i = 0; i < REC; i++)
    r[i] = 'a' + (file * 7 + round * 13 + i) % 26;
  r[REC - 1] = '\n';
}

static void bad(const char *what, int file, int round)
{
  wrong++;
  printf(1, "torture: wrong answer: %s f%d round %d\n", what, file, round);
}

static void append(int f, int round)
{
  char r[REC];
  record(r, f, round);
  if(write(fd[f], r, REC) != REC){
    bad("append", f, round);
    return;
  }
  memmove(model[f] + size[f], r, REC);
  size[f] += REC;
  acked++;
}

static void overwrite(int f, int round)
{
  char n[3], r[REC];
  name(n, 'f', f);
  close(fd[f]);
  fd[f] = open(n, O_CREATE | O_RDWR | O_TRUNC);
  struct stat st;
  if(fd[f] < 0 || fstat(fd[f], &st) < 0 || st.type != T_FILE || st.size != 0){
    // (An open once answered with a descriptor it had not made, the
    // console's, after an fs restart: calls.c, call_begin.)
    bad("open O_TRUNC", f, round);
    return;
  }
  size[f] = 0;
  record(r, f, round);
  if(write(fd[f], r, REC) != REC){
    bad("overwrite", f, round);
    return;
  }
  memmove(model[f], r, REC);
  size[f] = REC;
  acked++;
}

// fN -> tN -> fN, by link and unlink: each answer must be 0.
static void rename_round_trip(int f, int round)
{
  char n[3], t[3];
  name(n, 'f', f);
  name(t, 't', f);
  if(link(n, t) < 0) bad("link", f, round);
  if(unlink(n) < 0) bad("unlink", f, round);
  if(link(t, n) < 0) bad("link back", f, round);
  if(unlink(t) < 0) bad("unlink back", f, round);
}

// A file removed while open: still readable through its descriptor,
// gone from the disk once closed (fsck finds no orphan).
static void removed_while_open(int f, int round)
{
  char g[3], r[REC], back[REC];
  name(g, 'g', f);
  int w = open(g, O_CREATE | O_RDWR);
  int rd = open(g, O_RDONLY);
  record(r, f, round);
  if(w < 0 || rd < 0 || write(w, r, REC) != REC)
    bad("open/write g", f, round);
  if(unlink(g) < 0)
    bad("unlink open g", f, round);
  if(rd >= 0 && (read(rd, back, REC) != REC || memcmp(back, r, REC) != 0))
    bad("read removed g", f, round);
  if(w >= 0 && close(w) < 0) bad("close g", f, round);
  if(rd >= 0 && close(rd) < 0) bad("close g", f, round);
}

static void crasher(int crashes, int gap)
{
  static char *servers[] = { "fs", "ide", "console" };
  int done = 0;
  for(int i = 0; i < crashes; i++){
    sleep(gap);
    if(crash_server_as(servers[i % 3], CRASH_INJECTED) == 0)
      done++;
  }
  printf(1, "torture: crashes injected %d\n", done);
  exit();
}

// Whether process pid is still running (not ended, not a zombie).  The
// crasher's end is the workload's: it cannot know in advance how long
// the crashes will take on this host.
static int running(int pid)
{
  static struct procinfo table[NPROC + 8];   // and the servers
  int n = procinfo(table, NPROC + 8);
  for(int i = 0; i < n; i++)
    if(table[i].pid == pid)
      return table[i].state != PS_ZOMBIE;
  return 0;
}

// A stream of numbered 4-byte words through a pipe, in writes of
// varying sizes, read back and checked: a word missing is lost bytes, a
// word seen again is repeated ones.
static void pipe_writer(int p[2], int crasher)
{
  uint buf[64];
  close(p[0]);
  for(int w = 0; running(crasher); ){
    int n = 1 + next() % 64;
    for(int i = 0; i < n; i++)
      buf[i] = w + i;
    if(write(p[1], buf, n * 4) != n * 4){
      printf(1, "torture: pipe write failed at word %d\n", w);
      break;
    }
    w += n;
  }
  exit();
}

static void pipe_reader(int p[2])
{
  uchar buf[200];
  uint word = 0, want = 0, lost = 0, repeated = 0, bytes = 0;
  int have = 0, n;
  close(p[1]);
  while((n = read(p[0], buf, 1 + next() % sizeof(buf))) > 0){
    for(int i = 0; i < n; i++){
      word |= (uint)buf[i] << (8 * have);
      if(++have < 4)
        continue;
      if(word > want)
        lost += (word - want) * 4;
      else if(word < want)
        repeated += 4;
      if(word >= want)
        want = word + 1;
      word = have = 0;
    }
    bytes += n;
  }
  printf(1, "torture: pipe bytes moved %d\n", bytes);
  printf(1, "torture: pipe bytes lost %d\n", lost);
  printf(1, "torture: pipe bytes repeated %d\n", repeated);
  exit();
}

static uint checksum(const char *p, int n)
{
  uint s = 0;
  for(int i = 0; i < n; i++)
    s = s * 31 + (uchar)p[i];
  return s;
}

int
main(int argc, char *argv[])
{
  if(argc != 4 && argc != 5){
    printf(2, "usage: torture rounds seed crashes [gap]\n");
    exit();
  }
  int rounds = atoi(argv[1]);
  rnd = atoi(argv[2]);
  int gap = argc == 5 ? atoi(argv[4]) : 3;
  int crasher_pid = fork();
  if(crasher_pid == 0)
    crasher(atoi(argv[3]), gap);
  int p[2];
  if(pipe(p) < 0){
    printf(2, "torture: no pipe\n");
    exit();
  }
  // Both go on while the crashes come.
  if(fork() == 0)
    pipe_writer(p, crasher_pid);
  if(fork() == 0)
    pipe_reader(p);
  close(p[0]);
  close(p[1]);
  for(int f = 0; f < NFILES; f++){
    char n[3];
    name(n, 'f', f);
    fd[f] = open(n, O_CREATE | O_RDWR | O_TRUNC);
  }
  int round;
  for(round = 0; round < rounds || running(crasher_pid); round++){
    int f = next() % NFILES, op = next() % 8;
    if(op < 4 && size[f] + REC <= MAXBYTES)
      append(f, round);
    else if(op < 6)
      overwrite(f, round);
    else if(op == 6)
      rename_round_trip(f, round);
    else
      removed_while_open(f, round);
  }
  for(int i = 0; i < 3; i++)
    wait();
  for(int f = 0; f < NFILES; f++){
    close(fd[f]);
    printf(1, "torture: expect f%d size %d sum %d\n", f, size[f], checksum(model[f], size[f]));
  }
  printf(1, "torture: rounds %d acked writes %d wrong answers %d\n", round, acked, wrong);
  exit();
}
