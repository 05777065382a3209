"""Objects depend on the flags they are compiled with.

An edit of CFLAGS in the Makefile once left every object as it was: make
looked only at the sources' times, so a build ran with the old flags while
build-config (which tools/bench's controls read) named the new ones.
Each build directory now keeps its flags in `flags`, rewritten only when
they change, and every compile rule depends on it.

The tests build one object of each compile rule into a directory of their
own, then read the Makefile through a copy whose CFLAGS has one more
define.  `make clean` followed by a goal in the same command runs in a
copy of the tree, since clean removes build/.
"""
import pathlib
import shutil
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
# One object of each compile rule: C, assembler, a server's C, generated C.
OBJECTS = ["ukernel/string.o", "ukernel/swtch.o", "servers/ide/ata.o", "genobj/blk_client.o"]


def make(build, obj, *args, makefile=None, tree=ROOT):
    cmd = ["make", "--no-print-directory", "-C", str(tree), "SETUP=true"]
    if build:
        cmd.append("B=" + str(build))
    if makefile:
        cmd += ["-f", str(makefile)]
    return subprocess.run(cmd + list(args) + [str(build / obj) if build else "build/" + obj],
                          capture_output=True, text=True, timeout=300)


def makefile_with_define(tmp_path):
    text = (ROOT / "Makefile").read_text()
    assert text.count("\nCFLAGS  := ") == 1
    copy = tmp_path / "Makefile"
    copy.write_text(text.replace("\nCFLAGS  := ", "\nCFLAGS  := -DFLAGS_PROBE ", 1))
    return copy


def compiled(out):
    return [l for l in out.splitlines() if l.startswith(("  CC ", "  AS "))]


@pytest.mark.parametrize("obj", OBJECTS)
def test_changed_flags_rebuild_and_the_same_flags_do_not(tmp_path, obj):
    build = tmp_path / "build"
    first = make(build, obj)
    assert first.returncode == 0, first.stdout + first.stderr
    assert compiled(first.stdout), first.stdout
    assert make(build, obj, "-q").returncode == 0, "a second build with the same flags would compile again"

    edited = makefile_with_define(tmp_path)
    assert make(build, obj, "-q", makefile=edited).returncode == 1, \
        "the object was left as it was after CFLAGS changed"
    second = make(build, obj, makefile=edited)
    assert second.returncode == 0, second.stdout + second.stderr
    assert compiled(second.stdout), second.stdout
    assert "-DFLAGS_PROBE" in (build / "flags").read_text()
    assert make(build, obj, "-q", makefile=edited).returncode == 0


def test_clean_and_a_goal_in_one_command_build_the_goal(tmp_path):
    # make reads the Makefile, and writes build/flags, before clean
    # removes build/: the goal after it must still find a way to the stamp.
    tree = tmp_path / "tree"
    shutil.copytree(ROOT, tree, symlinks=True,
                    ignore=shutil.ignore_patterns(".git", "build", "__pycache__", ".pytest_cache"))
    obj = "ukernel/string.o"
    assert make(None, obj, tree=tree).returncode == 0
    again = make(None, obj, "clean", tree=tree)
    assert again.returncode == 0, again.stdout + again.stderr
    assert (tree / "build" / obj).is_file()
    assert (tree / "build" / "flags").is_file()
