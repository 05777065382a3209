// crash [-i | -m] server [times]: fault injection.  Asks the supervisor
// (proc) to crash the named server; proc restarts it and logs one line
// saying so, and clients carry on after a retry.  With times, it
// crashes the server that many times in a row, as fast as proc answers,
// and exits without a word: the server may still be waiting out its
// restart back-off then (docs/processes.md), and printing goes through
// the file system.
//
// The restart policy counts each crash like a real fault.  With -i the
// crash is an injected one that it does not count; with -m the server's
// boot module is gone too, so that every restart fails and proc gives
// the server up.

#include "types.h"
#include "user.h"
#include "procinfo.h"

int
main(int argc, char *argv[])
{
  int kind = CRASH_FAULT;
  if(argc > 1 && strcmp(argv[1], "-i") == 0)
    kind = CRASH_INJECTED;
  else if(argc > 1 && strcmp(argv[1], "-m") == 0)
    kind = CRASH_NO_MODULE;
  if(kind != CRASH_FAULT){
    argc--;
    argv++;
  }
  if(argc != 2 && argc != 3){
    printf(2, "usage: crash [-i | -m] server [times]   (e.g. fs, ide, console)\n");
    exit();
  }
  if(argc == 3){
    for(int i = atoi(argv[2]); i > 0; i--)
      crash_server_as(argv[1], kind);
    exit();
  }
  if(crash_server_as(argv[1], kind) < 0){
    printf(2, "crash: supervisor refused to crash %s (no such server?)\n", argv[1]);
    exit();
  }
  printf(1, "crash: asked the supervisor to crash %s\n", argv[1]);
  exit();
}
