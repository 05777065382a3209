// Printing a whole line at once on the kernel console.
#include "rt.h"

void cprintf(const char *fmt, ...)
{
    char buf[512];
    __builtin_va_list ap;
    __builtin_va_start(ap, fmt);
    int n = vsnprintf_rt(buf, sizeof(buf), fmt, ap);
    __builtin_va_end(ap);
    sys_cputs(buf, n < (int)sizeof(buf) ? n : (int)sizeof(buf) - 1);
}
