# QEMU with its serial line on pipes, for the tools that type into the
# system's shell (qemu-run, lab): what the guest prints is kept, and
# echoed if asked, and the shell's prompt is found even where a server's
# log line came after it or through it.
import re
import subprocess
import sys
import threading
import time

# The prompt, maybe followed by whole lines a server logged after it (a
# restarted server announces itself while the shell already waits).
AT_PROMPT = re.compile(rb"\$ (?:[a-z]+: [^\n]*\n)*\Z")
# Whole lines servers logged, and perhaps the prompt's space after them.
LOG_LINES = re.compile(rb"(?:[a-z]+: [^\n]*\n)+ ?")
# The kernel's panic line begins "panic: "; a server's own ("fs: panic:
# ...", fs_panic) is a fault its supervisor restarts it after, and is
# preceded by the server's name.
KERNEL_PANIC = re.compile(rb"(?<!: )panic: ")


def kernel_panicked(text):
    """Whether the kernel panicked in text (bytes or str)."""
    return KERNEL_PANIC.search(text if isinstance(text, bytes) else text.encode()) is not None


def prompt_came(tail):
    """Whether the shell's prompt is the last thing it printed in tail: at
    the end, before whole log lines of servers, or inside them.  The serial
    line carries the kernel console's output and the console server's a
    character at a time, so a restarted driver's line and the prompt can
    interleave: "id$ e: disk 1: ...", or "... (4096 KiB)$, write cache
    on\n " with the prompt's space after the line.  Its "$" is enough:
    the shell prints the prompt in one write just before it reads."""
    if AT_PROMPT.search(tail):
        return True
    p = tail.rfind(b"$")
    if p < 0:
        return False
    line = tail.rfind(b"\n", 0, p) + 1
    return LOG_LINES.fullmatch(tail[line:p] + tail[p + 1:]) is not None


class Guest:
    """QEMU running cmd, its serial line on our pipes."""

    def __init__(self, cmd, echo=False):
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT)
        self.echo = echo
        self.out = bytearray()
        self.cond = threading.Condition()
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self):
        while True:
            chunk = self.proc.stdout.read1(4096)
            if chunk and self.echo:
                sys.stdout.buffer.write(chunk)
                sys.stdout.buffer.flush()
            with self.cond:
                self.out += chunk
                self.cond.notify_all()
            if not chunk:
                return

    def wait_prompt(self, since, deadline):
        """Whether the prompt came after offset since before the deadline
        (False also if the guest stopped or the kernel panicked)."""
        with self.cond:
            while True:
                tail = bytes(self.out[since:])
                if kernel_panicked(tail):
                    return False
                if prompt_came(tail.replace(b"\r", b"")):
                    return True
                if self.proc.poll() is not None or time.time() > deadline:
                    return False
                self.cond.wait(timeout=0.2)

    def type(self, line):
        """Type line and a newline; the offset its answer starts at."""
        with self.cond:
            mark = len(self.out)
        self.proc.stdin.write(line.encode() + b"\n")
        self.proc.stdin.flush()
        return mark

    def finish(self, deadline):
        """Wait for the guest to power off: its exit status, or None if it
        did not in time (then it is killed)."""
        try:
            return self.proc.wait(timeout=max(1, deadline - time.time()))
        except subprocess.TimeoutExpired:
            self.show_tasks()
            self.proc.kill()
            self.proc.wait()
            return None

    def show_tasks(self, quiet=1.0, limit=10.0):
        """Press ^P, which makes the console print the task list
        (servers/console/procdump.c), and keep what comes until the line
        has been quiet for `quiet` seconds: a hung guest's output then
        says which tasks were blocked.  Nothing comes if the kernel itself
        is stuck, which says that instead."""
        try:
            self.proc.stdin.write(b"\x10")
            self.proc.stdin.flush()
        except (BrokenPipeError, ValueError):
            return
        end = time.time() + limit
        with self.cond:
            start = seen = len(self.out)
            while time.time() < end and self.proc.poll() is None:
                self.cond.wait(timeout=quiet)
                if len(self.out) == seen and b"\ntask " in self.out[start:]:
                    return
                seen = len(self.out)

    def text(self):
        time.sleep(0.1)     # let the pump take the last bytes
        with self.cond:
            return bytes(self.out).decode("utf-8", "replace").replace("\r", "")
