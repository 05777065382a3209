// memhog server ticks [halt]: restarts under memory exhaustion.  Takes
// every page it can get and asks the supervisor to crash the server.
// The first restart comes at once and lives on the pages the old copy
// gave back; memhog takes what is left and crashes the server again.
// The second restart waits out its back-off, and memhog takes the pages
// the old copy gave back meanwhile, so it and every restart after it
// fail for want of memory, until memhog lets go after ticks.  Then it
// asks the file system something and prints the error raw (the xv6
// calls turn every error into -1): a server the supervisor gave up
// answers E_DEAD.  With halt, it then powers the machine off, for tests
// where the file system may be gone (the shell could not start halt).
#include "types.h"
#include "user.h"
#include "procinfo.h"
#include "fs_client.h"
#include "console_client.h"

#define MIB (1024 * 1024)

int halt(int code);

// Grow the heap until sbrk fails, in big steps then in pages: the bytes taken.
static uint grab(void)
{
  uint total = 0;
  for(int step = MIB; step >= 4096; step /= 16)
    while(sbrk(step) != (char *)-1)
      total += step;
  return total;
}

// Straight to the console: printf goes through the file system, which
// may be gone.
static void say(const char *s)
{
  uint n;
  console_call_write(s, strlen(s), &n);
}

int
main(int argc, char *argv[])
{
  if(argc < 3){
    printf(2, "usage: memhog server ticks [halt]\n");
    exit();
  }
  uint held = grab();
  printf(1, "memhog: holding %d KiB\n", held / 1024);
  for(int i = 0; i < 2; i++){
    if(crash_server(argv[1]) < 0)
      printf(2, "memhog: supervisor refused to crash %s\n", argv[1]);
    held += grab();
  }
  sleep(atoi(argv[2]));
  sbrk(-(int)held);
  say("memhog: let go of the memory\n");
  int fd, r = fs_call_open("README", 0, &fd);
  say("memhog: open README: ");
  say(r < 0 ? ipc_strerror(r) : "ok");
  say("\n");
  if(r == 0)
    fs_call_close(fd);
  if(argc > 3 && strcmp(argv[3], "halt") == 0)
    halt(0);
  exit();
}
