# Loaded by gdb-multiarch -x .gdbinit, started in this directory while
# make qemu-gdb waits.  Both take the port from GDBPORT (default 26000).
set architecture i386
symbol-file build/kernel.elf

python
import os

gdb.execute("target remote 127.0.0.1:%s" % os.environ.get("GDBPORT", "26000"))


class InTask(gdb.Function):
    """$in_task("NAME"): whether this CPU runs in the address space of
the task called NAME.  Every program and server is linked at the same
addresses, so a breakpoint in one stops every task that runs that
address; make it conditional:
    add-symbol-file build/servers/fs.elf
    break fs_do_open if $in_task("fs")
It compares %cr3 with each live task's page directory (ukernel/task.h)."""

    KERNBASE = 0xC0000000

    def __init__(self):
        super().__init__("in_task")

    def invoke(self, name):
        cr3 = int(gdb.parse_and_eval("$cr3")) & ~0xfff
        tasks = gdb.parse_and_eval("tasks")
        free = int(gdb.parse_and_eval("TS_FREE"))
        for i in range(tasks.type.range()[1] + 1):
            t = tasks[i]
            if int(t["state"]) != free and t["name"].string() == name.string() \
                    and int(t["pgdir"]) - self.KERNBASE == cr3:
                return True
        return False


InTask()
end

echo Kernel symbols loaded.  A server's or a program's: add-symbol-file build/servers/NAME.elf\n
echo (or build/bin/NAME.debug), then break FUNCTION if $in_task("NAME")\n
