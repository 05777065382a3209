"""Boot the system in QEMU, headless, and collect what it prints.

Every boot is bounded: the guest powers off through QEMU's isa-debug-exit
device (QEMU then exits with status (code << 1) | 1), and a boot that
does not finish within the timeout is killed.  Tests assert on the lines
the guest printed.
"""
import importlib.machinery
import importlib.util
import os
import selectors
import socket
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def build_dir(mode):
    """Where `make MODE=mode` builds: build/ for micro, build/mono/ for mono."""
    if mode not in ("micro", "mono"):
        raise ValueError("mode must be micro or mono, not %r" % mode)
    return os.path.join(ROOT, "build") if mode == "micro" else os.path.join(ROOT, "build", "mono")


# `make test MODE=mono` runs the suites against the mono build.
MODE = os.environ.get("MODE", "micro")
BUILD = build_dir(MODE)
# The servers each mode links into the kernel (Makefile: MONO_SERVERS):
# they are no boot modules there.
RESIDENT = {"micro": (), "mono": ("ide", "fs", "console")}
# Restarting a server needs micro mode: in mono mode a server linked into
# the kernel is not restarted (docs/mono.md; test_shell's
# test_crashed_servers_restart_while_work_goes_on checks what it says).
FS_RESTARTS = "fs" not in RESIDENT[MODE]


def user_space(modules, mode=MODE):
    """The boot modules without the servers the kernel of `mode` holds."""
    resident = [os.path.join(build_dir(mode), "servers", s + ".elf") for s in RESIDENT[mode]]
    return [m for m in modules if m not in resident]
QEMU = "qemu-system-i386"


class Boot:
    """The result of one boot: the exit code the guest chose and its output."""

    def __init__(self, status, output, timed_out, monitor=()):
        self.status = status
        self.output = output
        self.timed_out = timed_out
        self.monitor = list(monitor)    # the answers to the steps' monitor commands
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


def qemu_command(modules, cpus=2, mem=256, icount=False, disk=None, extra=(), mode=MODE, cache="unsafe"):
    cmd = [QEMU, "-accel", "tcg", "-m", str(mem), "-smp", "%d,sockets=%d" % (cpus, cpus),
           "-display", "none", "-monitor", "none", "-serial", "stdio", "-no-reboot",
           "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
           "-kernel", os.path.join(build_dir(mode), "kernel.elf"),
           "-initrd", ",".join(user_space(modules, mode))]
    if icount:
        cmd += ["-icount", "shift=0"]
    if disk:
        # The file system's disk is xv6's ROOTDEV, 1: the primary channel's
        # second drive (device 1), as blk.idl numbers disks.  The guest's
        # cache flushes stop at QEMU (cache=unsafe): tests kill QEMU, never
        # the host, whose page cache keeps every write QEMU has made.
        # tools/bench also measures cache=writeback, QEMU's default.
        cmd += ["-drive", "file=%s,format=raw,if=ide,index=1,media=disk,cache=%s" % (disk, cache)]
    return cmd + list(extra)


class Step:
    """Input for the guest, given once the text `after` has appeared in its
    output (after the previous step's text): first the QEMU monitor
    commands in `monitor` (their answers are kept in Boot.monitor), then
    `serial` bytes typed on the serial line, then `keys` pressed one after
    another on the PS/2 keyboard, each a name of QEMU's sendkey command
    ("a", "shift-a", "ctrl-u", "backspace", "ret")."""

    def __init__(self, after, serial=b"", keys=(), monitor=()):
        self.after = after.encode()
        self.serial = serial
        self.keys = list(keys)
        self.monitor = list(monitor)


class Monitor:
    """QEMU's human monitor on a Unix socket, for sendkey."""

    PROMPT = b"(qemu) "

    def __init__(self, path, deadline):
        self.sock = socket.socket(socket.AF_UNIX)
        while True:
            try:
                self.sock.connect(path)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        self.sock.settimeout(10)
        self._until_prompt()

    def _until_prompt(self):
        got = b""
        while not got.endswith(self.PROMPT):
            chunk = self.sock.recv(4096)
            if not chunk:
                raise EOFError("QEMU closed its monitor")
            got += chunk
        return got[:-len(self.PROMPT)].decode("utf-8", "replace")

    def command(self, line):
        """Run one command; returns what the monitor printed before its
        next prompt (with the echo of the command line)."""
        self.sock.sendall(line.encode() + b"\n")
        return self._until_prompt()


def _boot_in_steps(cmd, steps, timeout):
    """Run QEMU, giving it each step's input when the step's text appears."""
    deadline = time.monotonic() + timeout
    sockdir = tempfile.TemporaryDirectory()
    monpath = os.path.join(sockdir.name, "monitor")
    if any(st.keys or st.monitor for st in steps):
        cmd = cmd + ["-monitor", "unix:%s,server=on,wait=off" % monpath]
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ)
    out, seen, todo, monitor = bytearray(), 0, list(steps), None
    answers = []
    ended = False
    try:
        while not ended and time.monotonic() < deadline:
            if not sel.select(timeout=max(0, deadline - time.monotonic())):
                continue
            chunk = os.read(proc.stdout.fileno(), 65536)
            ended = not chunk
            out += chunk
            while todo and out.find(todo[0].after, seen) >= 0:
                st = todo.pop(0)
                seen = out.find(st.after, seen) + len(st.after)
                if (st.keys or st.monitor) and not monitor:
                    monitor = Monitor(monpath, deadline)
                answers += [monitor.command(c) for c in st.monitor]
                if st.serial:
                    proc.stdin.write(st.serial)
                    proc.stdin.flush()
                for k in st.keys:
                    monitor.command("sendkey " + k)
                if not todo:
                    proc.stdin.close()
        if ended:
            proc.wait(timeout=max(1, deadline - time.monotonic()))
            return Boot(proc.returncode, out.decode("utf-8", "replace"), False, answers)
    except subprocess.TimeoutExpired:
        pass
    finally:
        sel.close()
        if monitor:
            monitor.sock.close()
        sockdir.cleanup()
        if proc.poll() is None:
            proc.kill()
        if not proc.stdin.closed:
            proc.stdin.close()
    out += proc.stdout.read()
    return Boot(None, out.decode("utf-8", "replace"), True, answers)


def boot_command(cmd, steps, timeout=60):
    """Run a QEMU command line of the caller's (as qemu_command's, headless,
    serial on stdio) through the steps; see boot()."""
    return _boot_in_steps(cmd, steps, timeout)


def boot(modules, cpus=2, timeout=60, icount=False, disk=None, stdin_data=None, extra=(), steps=None,
         mode=MODE, cache="unsafe"):
    """Boot the kernel with the given modules (the first is the root task).
    stdin_data is typed on the serial line at once; steps (a list of Step)
    are typed in turn, each when the guest has printed what it waits for.
    cache is QEMU's cache mode for the disk."""
    cmd = qemu_command(modules, cpus=cpus, icount=icount, disk=disk, extra=extra, mode=mode, cache=cache)
    if steps:
        return _boot_in_steps(cmd, steps, timeout)
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
    """Path of a kernel test program (tests/ktest/NAME.c) built as a root task."""
    return os.path.join(BUILD, "ktest", name + ".elf")


def server(name):
    """Path of a server (servers/NAME), to pass as a boot module."""
    return os.path.join(BUILD, "servers", name + ".elf")


def load_tool(name):
    """tools/NAME, a script without .py, as a module: for tests of its parts."""
    path = os.path.join(ROOT, "tools", name)
    loader = importlib.machinery.SourceFileLoader(name.replace("-", "_") + "_tool", path)
    module = importlib.util.module_from_spec(importlib.util.spec_from_loader(loader.name, loader))
    loader.exec_module(module)
    return module

