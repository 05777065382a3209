# The tree's boundaries, as the compiler sees them: the kernel compiles
# only its own headers and the contract in abi/ (never the user library
# or the names of services), and no source climbs out of its folder; the
# Makefile's include paths say where each part may look.
import os
import pathlib
import re
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
CROSS_CC = "i686-linux-gnu-gcc"
KERNEL_SOURCES = sorted(p for p in (ROOT / "ukernel").iterdir() if p.suffix in (".c", ".S"))
# The formatter every task links (rt/common/format.c), which the kernel's
# console links too rather than keep a copy.
SHARED_WITH_USER = {"rt/include/format.h"}
SERVICE_NAMES = ("EP_PROC", "EP_FS", "EP_BLK", "EP_CONSOLE", "E_ISDIR", "E_NOSPC", "E_BADF")


def kernel_dependencies(source):
    """The headers `source` includes (gcc -MM, micro mode), with rt/include on the path too."""
    r = subprocess.run([CROSS_CC, "-m32", "-ffreestanding", "-Iabi", "-Irt/include", "-MM", str(source.relative_to(ROOT))],
                       cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return r.stdout.replace("\\\n", " ").split(":", 1)[1].split()


@pytest.mark.parametrize("source", KERNEL_SOURCES, ids=lambda p: p.name)
def test_the_kernel_compiles_only_itself_and_the_abi(source):
    deps = kernel_dependencies(source)
    outside = [d for d in map(os.path.normpath, deps)
               if not d.startswith(("ukernel/", "abi/")) and d not in SHARED_WITH_USER]
    assert outside == []


def test_the_abi_names_no_service():
    text = "\n".join(p.read_text() for p in (ROOT / "abi").glob("*.h"))
    assert [n for n in SERVICE_NAMES if re.search(r"\b%s\b" % n, text)] == []
    assert '#include "' not in text          # the contract stands alone


def test_no_source_climbs_out_of_its_folder():
    climbing = []
    for path in ROOT.rglob("*"):
        if path.suffix in (".c", ".h", ".S") and "build" not in path.relative_to(ROOT).parts:
            for n, line in enumerate(path.read_text(errors="replace").splitlines(), 1):
                if re.match(r'\s*#\s*include\s*"\.\./', line):
                    climbing.append(f"{path.relative_to(ROOT)}:{n}")
    assert climbing == []
