// memhog server ticks [halt]: restarts under memory exhaustion.  Takes
// every page it and a child of it can get (a process may have half of
// memory) and asks the supervisor to crash the server.
// The first restart comes at once and lives on the pages the old copy
// gave back; memhog takes what is left and crashes the server again.
// Later restarts wait out a back-off, and memhog takes the pages the
// old copy gave back meanwhile, so the restart fails for want of memory
// (a few crashes in a row make sure of it on a slow host, where memhog
// may not get there before the first back-off ends), and so does every
// restart after it, until memhog lets go after ticks.  Then it opens
// README.  With halt, it powers the machine off with code 0 if that
// worked and 3 if it failed, for tests where the file system may be
// gone: a server the supervisor gave up answers at once (E_DEAD), and
// neither printing nor the shell's next command could get through it.
#include "types.h"
#include "user.h"
#include "procinfo.h"

#define MIB (1024 * 1024)

// Grow the heap until sbrk fails, in big steps then in pages: the bytes taken.
static uint grab(void)
{
  uint total = 0;
  for(int step = MIB; step >= 4096; step /= 16)
    while(sbrk(step) != (char *)-1)
      total += step;
  return total;
}

int
main(int argc, char *argv[])
{
  if(argc < 3){
    printf(2, "usage: memhog server ticks [halt]\n");
    exit();
  }
  // A process may have half of memory (proc's quota): a child takes
  // its half first and holds it as long, then memhog takes the rest.
  int p[2];
  char c;
  pipe(p);
  if(fork() == 0){
    grab();
    write(p[1], "x", 1);
    sleep(atoi(argv[2]));
    exit();
  }
  read(p[0], &c, 1);
  uint held = grab();
  printf(1, "memhog: holding %d KiB and its child the rest\n", held / 1024);
  for(int i = 0; i < 4; i++){
    crash_server(argv[1]);
    held += grab();
  }
  sleep(atoi(argv[2]));
  sbrk(-(int)held);
  wait();
  int fd = open("README", 0);
  printf(1, "memhog: let go of the memory; open README: %s\n", fd < 0 ? "failed" : "ok");
  if(argc > 3 && strcmp(argv[3], "halt") == 0)
    halt(fd < 0 ? 3 : 0);
  if(fd >= 0)
    close(fd);
  exit();
}
