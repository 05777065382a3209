"""tools/fsck for the tests that check images: run it, and assert that
an image is clean as recovery will leave it."""
import os
import shutil
import subprocess

from harness import ROOT, load_tool

PYTHON = "/usr/bin/python3"
PENDING = "log not empty: recovery pending"


def fsck(img, *args):
    return subprocess.run([PYTHON, os.path.join(ROOT, "tools", "fsck"), *args, os.fspath(img)],
                          capture_output=True, text=True, timeout=60)


def assert_clean(img):
    """fsck finds img clean as recovery will leave it.  The file server
    writes committed blocks home only at a checkpoint (servers/fs/log.c),
    so a log still to be installed is reported first; it is no damage,
    and installing it, as fsck --replay does on a copy, must leave a
    clean image with nothing pending."""
    img = os.fspath(img)
    r = fsck(img)
    lines = r.stdout.splitlines()
    pending = bool(lines) and lines[0].startswith(PENDING)
    assert r.returncode == 0 and len(lines) == 1 + pending and lines[-1].startswith(img + ": clean: "), r.stdout
    if pending:
        replayed = img + ".replayed"
        shutil.copy(img, replayed)
        assert fsck(replayed, "--replay").returncode == 0
        r = fsck(replayed)
        assert r.returncode == 0 and len(r.stdout.splitlines()) == 1, r.stdout
        assert r.stdout.startswith(replayed + ": clean: "), r.stdout


def first_block_of(img, name):
    """The first data block of the file name in the root directory of img,
    as tools/fsck reads the image."""
    tool = load_tool("fsck")
    with open(img, "rb") as fh:
        f = tool.Fsck(bytearray(fh.read()))
    assert f.check_superblock(), f.problems
    f.read_inodes()
    f.check_inodes()
    inum = next(child for _, child, entry in f.entries(tool.ROOTINO) if entry == name)
    return f.inodes[inum].addrs[0]

