// Forced into every user source compiled for the host (gcc -include):
// gives the user library's functions and the system calls it uses
// names of their own, so the host's libc and sanitizer runtime keep
// theirs.  The tests call the library by these names and implement the
// system calls as shims.  A program's main is renamed on the command
// line (-Dmain=grep_main) so that several can link into one test.

#define fork    xv6_fork
#define exit    xv6_exit
#define wait    xv6_wait
#define pipe    xv6_pipe
#define write   xv6_write
#define read    xv6_read
#define close   xv6_close
#define kill    xv6_kill
#define exec    xv6_exec
#define open    xv6_open
#define mknod   xv6_mknod
#define unlink  xv6_unlink
#define fstat   xv6_fstat
#define link    xv6_link
#define mkdir   xv6_mkdir
#define chdir   xv6_chdir
#define dup     xv6_dup
#define getpid  xv6_getpid
#define sbrk    xv6_sbrk
#define sleep   xv6_sleep
#define uptime  xv6_uptime

#define stat    xv6_stat
#define strcpy  xv6_strcpy
#define memmove xv6_memmove
#define strchr  xv6_strchr
#define strcmp  xv6_strcmp
#define printf  xv6_printf
#define gets    xv6_gets
#define strlen  xv6_strlen
#define memset  xv6_memset
#define malloc  xv6_malloc
#define free    xv6_free
#define atoi    xv6_atoi
#define memcpy  xv6_memcpy
#define memcmp  xv6_memcmp
