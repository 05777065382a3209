"""The file-system core (servers/fs) on the host.

tests/fs_host/ links the core with a block device over an image file and
runs scenarios through the public API (servers/fs/fs.h) under
AddressSanitizer and UBSan.  Every scenario starts from a fresh
tools/mkfs image and must leave one that tools/fsck finds clean.  The
core must also build freestanding for i386, needing nothing from its
environment but the three functions fs.h says the embedding supplies.
"""

import os
import pathlib
import shutil
import struct
import subprocess

import pytest

from fsck_check import assert_clean, fsck

ROOT = pathlib.Path(__file__).resolve().parent.parent
# The core is every file of servers/fs but the IPC front end (front.h).
FRONT_END = {"main.c", "handlers.c", "calls.c", "keep.c", "disk.c"}
FS_SOURCES = sorted(str(p) for p in (ROOT / "servers" / "fs").glob("*.c") if p.name not in FRONT_END)
HARNESS_SOURCES = sorted(str(p) for p in (ROOT / "tests" / "fs_host").glob("*.c"))
PYTHON = "/usr/bin/python3"
MAXFILE_BYTES = (12 + 128) * 512

SCENARIOS = [
    "files", "dirs", "chdir", "bigfile", "diskfull", "inodes", "pipes", "fork", "exit",
    "limits", "badinput", "devices", "crash_after_commit", "crash_before_commit",
    "crash_split_write", "open_as", "resume", "resume_repair", "orphan_at_mount",
    "resume_cut_close", "answers", "memmove",
]

# The core's one header from outside servers/fs is libipc's ipc.h (the
# error codes, with abi/message.h under it), found as the Makefile finds
# it: through -I.  The host
# harness reaches the core's headers (fs.h, state.h) the same way.
FS_INCLUDES = ["-I", str(ROOT / "servers" / "fs"), "-I", str(ROOT / "libipc"), "-I", str(ROOT / "abi")]
I386_CFLAGS = ["-m32", "-ffreestanding", "-nostdlib", "-fno-pic",
               "-Wall", "-Wextra", "-Werror", "-O2", *FS_INCLUDES]


def run(cmd, **kw):
    return subprocess.run([str(c) for c in cmd], capture_output=True, text=True, timeout=60, **kw)


@pytest.fixture(scope="session")
def fs_host(tmp_path_factory):
    exe = tmp_path_factory.mktemp("fs_host") / "fs_host"
    r = run(["gcc", "-std=c11", "-D_DEFAULT_SOURCE", "-g", "-O1",
             "-fsanitize=address,undefined", "-fno-sanitize-recover=all",
             "-Wall", "-Wextra", "-Werror", *FS_INCLUDES, *FS_SOURCES, *HARNESS_SOURCES, "-o", exe])
    assert r.returncode == 0, r.stderr
    return exe


def mkfs(img, *files, opts=()):
    r = run([PYTHON, ROOT / "tools" / "mkfs", *opts, img, *files])
    assert r.returncode == 0, r.stderr
    return img


def scenario(fs_host, img, name, *files):
    # The core allocates nothing on the heap, so leak checking has nothing
    # to find and is left off (it needs ptrace, which sandboxes may refuse).
    env = dict(os.environ, ASAN_OPTIONS="detect_leaks=0")
    r = run([fs_host, img, name, *files], env=env)
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.splitlines()[-1] == "ok " + name
    return r


@pytest.mark.parametrize("name", SCENARIOS)
def test_scenario_leaves_a_clean_image(fs_host, tmp_path, name):
    img = mkfs(tmp_path / "fs.img")
    scenario(fs_host, img, name)
    assert_clean(img)


@pytest.mark.parametrize("name", ["files", "bigfile", "fork"])
def test_scenario_on_a_bigger_image(fs_host, tmp_path, name):
    img = mkfs(tmp_path / "fs.img", opts=["--size", "8192", "--inodes", "1000"])
    scenario(fs_host, img, name)
    assert_clean(img)


def test_core_reads_what_mkfs_wrote(fs_host, tmp_path):
    files = {
        "_cat": b"#!cat\n",
        "README": b"readme\n" * 100,
        "oneblock": bytes(range(256)) * 2,
        "empty": b"",
        "largest": bytes((i * 31 + i // 512) % 256 for i in range(MAXFILE_BYTES)),
    }
    paths = []
    for name, content in files.items():
        path = tmp_path / name
        path.write_bytes(content)
        paths.append(path)
    img = mkfs(tmp_path / "fs.img", *paths)
    scenario(fs_host, img, "readback", *paths)
    assert_clean(img)


def test_commit_cut_short_is_left_out_by_recovery_and_fsck(fs_host, tmp_path):
    # The drive may put the header on the medium before a slot it was
    # given first (no flush between them: servers/fs/log.c).  Made here
    # by spoiling a slot of the pending commit: its checksum no longer
    # matches, so it never happened, for the core and for fsck alike.
    img = mkfs(tmp_path / "fs.img")
    scenario(fs_host, img, "crash_pending")
    logstart = struct.unpack_from("<I", img.read_bytes(), 512 + 16)[0]
    with open(img, "r+b") as f:
        f.seek((logstart + 2) * 512 + 7)
        byte = f.read(1)
        f.seek(-1, 1)
        f.write(bytes([byte[0] ^ 0xff]))
    r = fsck(img)
    assert r.returncode == 0, r.stdout
    assert r.stdout.splitlines()[0] == "log: a commit cut short at slot 0 is left out", r.stdout
    assert "files 0" in r.stdout.splitlines()[1], r.stdout
    scenario(fs_host, img, "mount")      # the core's own recovery
    assert_clean(img)
    assert "files 0" in fsck(img).stdout


def test_pending_log_is_reported_and_replayed_as_recovery_does(fs_host, tmp_path):
    # The scenario stops the disk right after the commit point of
    # creating "pending": the file exists only in the log.
    img = mkfs(tmp_path / "fs.img")
    scenario(fs_host, img, "crash_pending")
    r = fsck(img)
    assert r.returncode == 0, r.stdout
    assert r.stdout.splitlines()[0] == "log not empty: recovery pending (blocks logged: 2)"
    assert "files 1" in r.stdout.splitlines()[1]    # checked as it will be after recovery

    by_fsck = tmp_path / "replayed.img"
    shutil.copy(img, by_fsck)
    r = fsck(by_fsck, "--replay")
    assert r.returncode == 0, r.stdout
    assert r.stdout.splitlines()[:2] == ["log not empty: recovery pending (blocks logged: 2)",
                                         "log replayed: blocks installed: 2"]
    assert_clean(by_fsck)

    scenario(fs_host, img, "mount")      # the core's own recovery
    assert img.read_bytes() == by_fsck.read_bytes()
    pending = tmp_path / "pending"
    pending.write_bytes(b"")
    scenario(fs_host, img, "readback", pending)


def test_core_compiles_freestanding_for_i386(tmp_path):
    r = run(["i686-linux-gnu-gcc", *I386_CFLAGS, "-c", *FS_SOURCES], cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    objects = sorted(str(p) for p in tmp_path.glob("*.o"))
    assert len(objects) == len(FS_SOURCES)
    r = run(["i686-linux-gnu-ld", "-m", "elf_i386", "-r", *objects, "-o", tmp_path / "fs.o"])
    assert r.returncode == 0, r.stderr
    r = run(["i686-linux-gnu-nm", "-u", tmp_path / "fs.o"])
    undefined = sorted(line.split()[-1] for line in r.stdout.splitlines())
    assert undefined == ["blkdev_flush", "blkdev_read", "blkdev_read_run", "blkdev_write", "blkdev_write_run", "fs_panic"]


def test_core_includes_no_libc_header():
    allowed = {"fs_rt.h": ["<stddef.h>", "<stdint.h>"]}
    for path in sorted((ROOT / "servers" / "fs").glob("*.[ch]")):
        system = [line.split()[1] for line in path.read_text().splitlines()
                  if line.startswith("#include <")]
        assert system == allowed.get(path.name, []), path.name
