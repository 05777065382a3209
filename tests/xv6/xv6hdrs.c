// xv6hdrs: includes syscall.h, traps.h and memlayout.h as xv6's
// usertests does, traps with a raw system-call number (xv6's validateint)
// and reads kernel memory in a child (xv6's sbrktest), which must die.

#include "param.h"
#include "types.h"
#include "stat.h"
#include "user.h"
#include "fs.h"
#include "fcntl.h"
#include "syscall.h"
#include "traps.h"
#include "memlayout.h"

#ifndef SYS_fork
#error "syscall.h is not xv6's"
#endif
#ifdef LIBIPC_SYSCALL_H
#error "syscall.h is libipc's"
#endif

int
rawsleep(int *p)
{
  int res;

  asm volatile("int %2" : "=a" (res) : "a" (SYS_sleep), "n" (T_SYSCALL), "c" (p) : "memory");
  return res;
}

int
main(int argc, char *argv[])
{
  int pid, xpid, res;

  res = rawsleep(0);
  if(res >= 0){
    printf(1, "xv6hdrs: raw trap with SYS_sleep returned %d\n", res);
    exit();
  }
  pid = fork();
  if(pid < 0){
    printf(1, "xv6hdrs: fork failed\n");
    exit();
  }
  if(pid == 0){
    printf(1, "xv6hdrs: child read %x at KERNBASE\n", *(char*)KERNBASE);
    exit();
  }
  xpid = wait();
  if(xpid != pid){
    printf(1, "xv6hdrs: wait gave %d, not %d\n", xpid, pid);
    exit();
  }
  printf(1, "xv6hdrs ok: SYS_fork %d SYS_close %d T_SYSCALL %d KERNBASE %x\n",
         SYS_fork, SYS_close, T_SYSCALL, KERNBASE);
  exit();
}
