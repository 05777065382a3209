"""Debugging with gdb as docs/boot.md describes it: `make qemu-gdb` starts
the system stopped, waiting for gdb on GDBPORT (a free port here, so runs
side by side do not collide), and gdb-multiarch in batch mode with the
project's .gdbinit attaches.  It sets one breakpoint in the kernel and one
in the file server, with the server's symbols and the $in_task condition
(every program is linked at the same addresses), continues, and must stop
in both, by name, with the server's own arguments."""
import os
import re
import shutil
import signal
import socket
import subprocess

import pytest

from harness import BUILD, ROOT


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_env(port):
    """The environment for a make started from inside `make test`: without
    the outer make's flags (its jobserver is not ours)."""
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS")}
    env["GDBPORT"] = str(port)
    return env


GDB_COMMANDS = [
    "add-symbol-file build/servers/fs.elf",
    "break task_create_root",
    'break fs_do_open if $in_task("fs")',
    "continue",
    "continue",
    "print path",
    'print $in_task("fs")',
    'print $in_task("console")',
    "kill",
]


@pytest.mark.parametrize("cpus", [1, 2], ids=["1cpu", "2cpus"])
def test_gdb_stops_in_the_kernel_and_in_a_server(tmp_path, cpus):
    port = free_port()
    env = make_env(port)
    disk = str(tmp_path / "fs.img")
    shutil.copyfile(os.path.join(BUILD, "fs.img"), disk)
    qemu = subprocess.Popen(["make", "-s", "qemu-gdb", "CPUS=%d" % cpus, "GDBPORT=%d" % port, "DISK=" + disk],
                            cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, start_new_session=True)
    try:
        # gdb retries the connection until QEMU listens (connect-timeout).
        cmd = ["gdb-multiarch", "-batch", "-nx", "-ex", "set tcp connect-timeout 240", "-x", ".gdbinit"]
        for c in GDB_COMMANDS:
            cmd += ["-ex", c]
        gdb = subprocess.run(cmd, cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, timeout=400)
        out = gdb.stdout.decode("utf-8", "replace")
        qemu.wait(timeout=60)     # gdb's kill ends QEMU, and make with it
    finally:
        if qemu.poll() is None:
            os.killpg(qemu.pid, signal.SIGKILL)
            qemu.wait()
    guest = qemu.stdout.read().decode("utf-8", "replace")
    assert "QEMU waits for gdb on 127.0.0.1:%d" % port in guest, guest
    # "Breakpoint 1, f (...)", or "Thread 2 hit Breakpoint 1, f (...)"
    # when QEMU has more than one CPU.
    hits = re.findall(r"^(?:Thread \S+ hit )?Breakpoint (\d+), (\w+) \(", out, re.M)
    assert hits == [("1", "task_create_root"), ("2", "fs_do_open")], out
    # The server's own debug information: init opens the console first.
    assert '$1 = ' in out and '"console"' in out.split("$1 = ", 1)[1].splitlines()[0], out
    assert "$2 = 1" in out and "$3 = 0" in out, out
    # The kernel had started the servers before gdb stopped in one.
    assert "proc: started fs as task" in guest, guest
