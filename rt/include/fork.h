// Copy-on-write fork (fork.c), declared apart from rt.h so that programs
// of the xv6 API, whose user.h declares the memory functions its own
// way, can use it.
#ifndef USER_RT_FORK_H
#define USER_RT_FORK_H

// Returns the child's task id in the parent and 0 in the child; the
// child is left stopped unless start is set.
int cow_fork(int start);

#endif
