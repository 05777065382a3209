"""Objects depend on the flags they are compiled with.

An edit of CFLAGS in the Makefile once left every object as it was: make
looked only at the sources' times, so a build ran with the old flags while
build-config (which tools/bench's controls read) named the new ones.
Each build directory now keeps its flags in `flags`, rewritten only when
they change, and every object depends on it.

The test builds one kernel object into a directory of its own, then reads
the Makefile through a copy whose CFLAGS has one more define.
"""
import pathlib
import subprocess

ROOT = pathlib.Path(__file__).resolve().parent.parent
OBJECT = "ukernel/string.o"


def make(build, *args, makefile=None):
    cmd = ["make", "--no-print-directory", "-C", str(ROOT), "B=" + str(build), "SETUP=true"]
    if makefile:
        cmd += ["-f", str(makefile)]
    return subprocess.run(cmd + list(args) + [str(build / OBJECT)],
                          capture_output=True, text=True, timeout=300)


def makefile_with_define(tmp_path):
    text = (ROOT / "Makefile").read_text()
    assert text.count("\nCFLAGS  := ") == 1
    copy = tmp_path / "Makefile"
    copy.write_text(text.replace("\nCFLAGS  := ", "\nCFLAGS  := -DFLAGS_PROBE ", 1))
    return copy


def test_changed_flags_rebuild_and_the_same_flags_do_not(tmp_path):
    build = tmp_path / "build"
    first = make(build)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "CC      ukernel/string.c" in first.stdout
    assert make(build, "-q").returncode == 0, "a second build with the same flags would compile again"

    edited = makefile_with_define(tmp_path)
    assert make(build, "-q", makefile=edited).returncode == 1, \
        "the object was left as it was after CFLAGS changed"
    second = make(build, makefile=edited)
    assert second.returncode == 0, second.stdout + second.stderr
    assert "CC      ukernel/string.c" in second.stdout
    assert "-DFLAGS_PROBE" in (build / "flags").read_text()
    assert make(build, "-q", makefile=edited).returncode == 0
