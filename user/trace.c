// trace: run one command line with the kernel's IPC trace on (this
// system's addition, for tools/trace).  `trace CMD ARGS...` runs the
// words joined by spaces; a bare `trace` reads the line to run from its
// input, so that pipes and redirections reach the shell untouched.  The
// line goes to a fresh sh through a pipe; proc prints the records when
// the trace is switched off (docs/trace.md).
#include "types.h"
#include "user.h"

int trace(int on);

static char line[512];

static void join(int argc, char *argv[])
{
    uint n = 0;
    for (int i = 1; i < argc; i++) {
        uint len = strlen(argv[i]);
        if (n + len + 2 > sizeof(line)) {
            printf(2, "trace: command line too long\n");
            exit();
        }
        memmove(line + n, argv[i], len);
        n += len;
        line[n++] = i + 1 < argc ? ' ' : '\n';
    }
    line[n] = 0;
}

static void run_in_sh(void)
{
    int p[2];
    char *argv[] = { "sh", 0 };
    if (pipe(p) < 0) {
        printf(2, "trace: pipe failed\n");
        exit();
    }
    write(p[1], line, strlen(line));
    close(p[1]);
    close(0);
    dup(p[0]);
    close(p[0]);
    exec("sh", argv);
    exec("/sh", argv);
    printf(2, "trace: exec sh failed\n");
    exit();
}

int main(int argc, char *argv[])
{
    if (argc > 1)
        join(argc, argv);
    else
        gets(line, sizeof(line));
    if (trace(1) < 0) {
        printf(2, "trace: refused (a privileged process may trace)\n");
        exit();
    }
    int pid = fork();
    if (pid == 0)
        run_in_sh();
    if (pid > 0)
        while (wait() != pid)
            ;
    trace(0);
    exit();
}
