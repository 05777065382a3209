// The system calls and library functions a user program can use, with
// xv6's exact prototypes, so an xv6 program builds here unchanged.
// Include types.h (and stat.h for stat/fstat) before this header.

#ifndef XV6_USER_H
#define XV6_USER_H

struct stat;

// System calls (implemented as IPC to the proc and fs servers).
int fork(void);
int exit(void) __attribute__((noreturn));
int wait(void);
int pipe(int*);
int write(int, const void*, int);
int read(int, void*, int);
int close(int);
int kill(int);
int exec(char*, char**);
int open(const char*, int);
int mknod(const char*, short, short);
int unlink(const char*);
int fstat(int fd, struct stat*);
int link(const char*, const char*);
int mkdir(const char*);
int chdir(const char*);
int dup(int);
int getpid(void);
char* sbrk(int);
int sleep(int);
int uptime(void);
int halt(int code);      // this system's addition: power off (halt.c)

// ulib.c, printf.c, umalloc.c
int stat(const char*, struct stat*);
char* strcpy(char*, const char*);
void *memmove(void*, const void*, int);
char* strchr(const char*, char c);
int strcmp(const char*, const char*);
void printf(int, const char*, ...);
char* gets(char*, int max);
uint strlen(const char*);
void* memset(void*, int, uint);
void* malloc(uint);
void free(void*);
int atoi(const char*);

// This system's additions, not in xv6: gcc may emit calls to memcpy and
// memcmp in freestanding code (struct copies, comparisons), so the
// library must provide them; programs may use them too.
void* memcpy(void*, const void*, uint);
int memcmp(const void*, const void*, uint);

#endif
