"""How tasks end and what they may hold: a program's exofork children
die with it, quotas keep one program from taking every task slot or
every page, and every way a process can end reaches its parent's wait.
Each test runs user/hostile/hog from the shell and then checks that the
system still works for everyone else."""
import os
import re

from shell import ROOT, session


def ok(s):
    assert s.rc == 0, s
    assert "panic" not in s.output, s


def numbers(s, pattern):
    return [int(m.group(1)) for m in re.finditer(pattern, s.output)]


def test_exofork_until_refused_leaves_fork_working():
    s = session(["hog tasks", "echo forked once", "hog tasks hold", "echo forked again"])
    ok(s)
    taken = numbers(s, r"hog: (\d+) tasks")
    assert len(taken) == 2, s
    # The quota stops it long before the 256 task slots run out.
    assert all(0 < n < 64 for n in taken), s
    assert "forked once" in s.lines and "forked again" in s.lines, s


def test_pages_pinned_in_a_stopped_child_are_limited_and_freed():
    s = session(["hog pages", "hog grow 100", "hog pages hold", "hog grow 100"])
    ok(s)
    pinned = numbers(s, r"hog: (\d+) MiB in a stopped child")
    assert len(pinned) == 2, s
    # At most half of the 256 MiB machine, so others still find memory:
    # after the first hog exits, and while the second holds its share.
    assert all(0 < n <= 128 for n in pinned), s
    assert s.output.count("hog: grew by 100 MiB") == 2, s


def test_orphaned_file_system_clients_are_forgotten():
    # 90 children that open a file and stop, 30 at a time, more than the
    # file server has client records for: each batch dies with its hog,
    # and the server forgets them.
    s = session(["hog files 30"] * 3 + ["cat README | wc"])
    ok(s)
    assert numbers(s, r"hog: (\d+) children hold README open") == [30, 30, 30], s
    with open(os.path.join(ROOT, "README.md"), "rb") as f:
        text = f.read()
    want = "%d %d %d" % (text.count(b"\n"), len(text.split()), len(text))
    assert want in [l.strip() for l in s.lines], (want, s)


def test_process_that_destroys_itself_reaches_wait():
    s = session(["hog selfend", "echo after"], timeout=90)
    ok(s)
    m = re.search(r"hog: child (\d+) ended itself; wait returned (\d+)", s.output)
    assert m and m.group(1) == m.group(2), s
    assert "hog: child still alive" not in s.output, s
    assert "after" in s.lines, s


def test_fork_under_memory_exhaustion_does_not_hang():
    # Six children each copy a 48 MiB heap they share copy-on-write: more
    # than the machine has.  Those whose copy fails end themselves in
    # their page-fault handler; their parent must still reap all six.
    s = session(["hog cowfail 6 48", "echo after"], timeout=200)
    ok(s)
    m = re.search(r"hog: (\d+) children forked, (\d+) copied, (\d+) reaped", s.output)
    assert m, s
    forked, copied, reaped = map(int, m.groups())
    assert forked == reaped == 6, s
    assert copied < forked, "memory never ran out: %s" % s
    assert len(re.findall(r"proc: pid \d+ \(hog\) ended without exit", s.output)) == forked - copied, s
    assert "after" in s.lines, s
