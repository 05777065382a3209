"""xv6 programs build and run unchanged.

The programs in tests/xv6/ are written the way xv6's are, one for each
way xv6 code differs from this system's own: xv6hdrs includes
syscall.h, traps.h and memlayout.h; xv6warn trips -Wextra's
sign-compare and unused-parameter warnings; xv6long names files with
elements longer than DIRSIZ; and usertests (xv6's test program's name)
uses every call of user.h.  They are added as README tells a user to:
put prog.c into user/ and its name into UPROGS, in a copy of this tree
(with its build directory, so only they are built), then booted.
"""
import os
import pathlib
import re
import shutil
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
XV6 = ROOT / "tests" / "xv6"
PROGRAMS = sorted(p.stem for p in XV6.glob("*.c"))


def make_env():
    return {k: v for k, v in os.environ.items() if not k.startswith("MAKE")}


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    """A copy of the tree with the xv6 programs dropped in, built."""
    copy = tmp_path_factory.mktemp("xv6") / "tree"
    shutil.copytree(ROOT, copy, symlinks=True,
                    ignore=shutil.ignore_patterns(".git", "__pycache__", ".pytest_cache"))
    for name in PROGRAMS:
        shutil.copy(XV6 / (name + ".c"), copy / "user")
    makefile = copy / "Makefile"
    text, n = re.subn(r"^UPROGS := \$\(SYSPROGS\)$", "UPROGS := $(SYSPROGS) " + " ".join(PROGRAMS),
                      makefile.read_text(), flags=re.M)
    assert n == 1, "the Makefile has no UPROGS := $(SYSPROGS) line"
    makefile.write_text(text)
    r = subprocess.run(["make"], cwd=copy, capture_output=True, text=True, env=make_env(), timeout=900)
    assert r.returncode == 0, r.stdout + r.stderr
    for name in PROGRAMS:
        assert (copy / "build" / "bin" / name).is_file(), name
    return copy


def boot(tree, lines, cpus):
    r = subprocess.run(["/usr/bin/python3", str(tree / "tools" / "qemu-run"), "--cpus", str(cpus),
                        "--timeout", "300"], input="".join(l + "\n" for l in lines).encode(),
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=400)
    out = r.stdout.decode("utf-8", "replace")
    assert r.returncode == 0 and "panic" not in out, out
    return out


def project_cflags():
    r = subprocess.run(["make", "-s", "--no-print-directory", "--eval", "cflags: ; @echo $(CFLAGS)",
                        "cflags"], cwd=ROOT, capture_output=True, text=True, env=make_env())
    assert r.returncode == 0, r.stderr
    return r.stdout.split()


def test_xv6_code_trips_the_projects_own_warnings(tmp_path):
    """The difference is real: under this system's own flags xv6warn.c does not build."""
    flags = project_cflags()
    assert "-Wextra" in flags and "-Werror" in flags, flags
    r = subprocess.run(["i686-linux-gnu-gcc", *flags, "-I", str(ROOT / "user" / "include"),
                        "-c", str(XV6 / "xv6warn.c"), "-o", str(tmp_path / "x.o")],
                       capture_output=True, text=True)
    assert r.returncode != 0
    assert "sign-compare]" in r.stderr and "unused-parameter]" in r.stderr, r.stderr


@pytest.mark.parametrize("cpus", [1, 2])
def test_xv6_programs_run(tree, cpus):
    out = boot(tree, ["xv6hdrs", "xv6warn", "xv6long", "usertests", "ls"], cpus)
    assert re.search(r"^xv6hdrs ok: SYS_fork 101 SYS_close 121 T_SYSCALL 64 KERNBASE c0000000\r?$",
                     out, re.M), out
    assert "xv6hdrs: child read" not in out, out
    assert re.search(r"^xv6warn ok: 6 vowels\r?$", out, re.M), out
    assert re.search(r"^xv6long ok\r?$", out, re.M), out
    assert "FAIL" not in out, out
    assert "usertests: written through mknod's console" in out, out
    assert "usertests: exec'd with 42" in out, out
    assert "usertests: printf -42 beef 0x1000 z %" in out, out
    assert "ALL XV6 CALLS OK" in out, out
    # Both test programs are on the disk: xv6's name and this system's.
    listed = {l.split()[0] for l in out.splitlines() if re.match(r"^\S+\s+2 \d+ \d+\r?$", l)}
    assert {"usertests", "systests", "xv6hdrs", "xv6warn", "xv6long"} <= listed, out
