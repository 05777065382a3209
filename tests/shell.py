"""Helpers for tests that drive the shell through tools/qemu-run."""
import os
import shutil
import subprocess

import harness

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
QEMU_RUN = os.path.join(ROOT, "tools", "qemu-run")
FSCK = os.path.join(ROOT, "tools", "fsck")
FS_IMG = os.path.join(harness.BUILD, "fs.img")


class Session:
    def __init__(self, rc, output):
        self.rc = rc
        self.output = output
        self.lines = [l.rstrip("\r") for l in output.splitlines()]

    def __repr__(self):
        return "Session(rc=%r)\n%s" % (self.rc, self.output)


def session(lines, cpus=2, disk=None, timeout=120, mem=None, append=None):
    """Type lines into the shell; returns the exit status and everything printed."""
    cmd = ["/usr/bin/python3", QEMU_RUN, "--mode", harness.MODE, "--cpus", str(cpus), "--timeout", str(timeout)]
    if mem:
        cmd += ["--mem", str(mem)]
    if append:
        cmd += ["--append", append]
    if disk:
        cmd += ["--disk", str(disk)]
    r = subprocess.run(cmd, input="".join(l + "\n" for l in lines).encode(),
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=timeout + 30)
    return Session(r.returncode, r.stdout.decode("utf-8", "replace"))


def fresh_disk(tmp_path):
    disk = os.path.join(str(tmp_path), "fs.img")
    shutil.copyfile(FS_IMG, disk)
    return disk


def fsck(disk):
    r = subprocess.run(["/usr/bin/python3", FSCK, disk], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    return r.returncode, r.stdout.decode()
