"""Boot the system in QEMU, headless, and collect what it prints.

Every boot is bounded: the guest powers off through QEMU's isa-debug-exit
device (QEMU then exits with status (code << 1) | 1), and a boot that
does not finish within the timeout is killed.  Tests assert on the lines
the guest printed.
"""
import os
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.join(ROOT, "build")
KERNEL = os.path.join(BUILD, "kernel.elf")
QEMU = "qemu-system-i386"


class Boot:
    """The result of one boot: the exit code the guest chose and its output."""

    def __init__(self, status, output, timed_out):
        self.status = status
        self.output = output
        self.timed_out = timed_out
        self.lines = [l.rstrip("\r") for l in output.splitlines()]

    @property
    def guest_code(self):
        """The code the guest passed to poweroff, or None if QEMU did not exit that way."""
        if self.timed_out or self.status is None or self.status % 2 == 0:
            return None
        return self.status >> 1

    def grep(self, text):
        return [l for l in self.lines if text in l]

    def __repr__(self):
        return "Boot(status=%r, timed_out=%r)\n%s" % (self.status, self.timed_out, self.output)


def qemu_command(modules, cpus=2, mem=256, icount=False, disk=None, extra=()):
    cmd = [QEMU, "-accel", "tcg", "-m", str(mem), "-smp", "%d,sockets=%d" % (cpus, cpus),
           "-display", "none", "-monitor", "none", "-serial", "stdio", "-no-reboot",
           "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
           "-kernel", KERNEL, "-initrd", ",".join(modules)]
    if icount:
        cmd += ["-icount", "shift=0"]
    if disk:
        cmd += ["-drive", "file=%s,format=raw,if=ide,index=0,media=disk" % disk]
    return cmd + list(extra)


def boot(modules, cpus=2, timeout=60, icount=False, disk=None, stdin_data=None, extra=()):
    """Boot the kernel with the given modules (the first is the root task)."""
    cmd = qemu_command(modules, cpus=cpus, icount=icount, disk=disk, extra=extra)
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE if stdin_data else subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        out, _ = proc.communicate(input=stdin_data, timeout=timeout)
        return Boot(proc.returncode, out.decode("utf-8", "replace"), False)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, _ = proc.communicate()
        return Boot(None, out.decode("utf-8", "replace"), True)


def ktest(name):
    """Path of a kernel test program (user/ktest/NAME.c) built as a root task."""
    return os.path.join(BUILD, "ktest", name + ".elf")
