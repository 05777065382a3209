"""Rights between tasks: hostile programs run from the shell (user/attack.c)
against proc's fault reports, the disk endpoint, proc's privileged
operations and the servers' late answers to calls that timed out.  Each
test types the attack and then checks that the system is unharmed: the
session goes on, nothing was restarted or killed, and the attacker was
told no.  docs/isolation.md says who may do what.  `make test` runs
them in mono mode too, but for those about a server task (its fault
reports, its interrupt bits, its restart), which mono mode does not
have for the servers it links into the kernel."""
import pytest

import harness
from shell import fresh_disk, fsck, session

IN_KERNEL = harness.RESIDENT[harness.MODE]
NEEDS_TASKS = pytest.mark.skipif(harness.MODE == "mono", reason="mono mode links fs, ide and the console into "
                                 "the kernel: no server task to name, notify, crash or restart")


def ok(s):
    assert s.rc == 0, s
    assert "panic" not in s.output, s


def said(s, start):
    return any(l.startswith(start) for l in s.lines)


def restarted(s, name):
    return [l for l in s.lines if l.startswith("proc: server %s " % name)]


def killed(s):
    return [l for l in s.lines if "killed: trap" in l]


@pytest.mark.parametrize("victim", [v for v in ("init", "sh", "fs") if v not in IN_KERNEL])
def test_a_forged_fault_report_is_ignored(victim):
    s = session(["attack fault %s" % victim, "sleep 10", "echo still here"])
    ok(s)
    assert any(l.startswith("attack fault: report naming %s" % victim) for l in s.lines), s
    assert "still here" in s.lines, s
    assert not killed(s) and not restarted(s, victim), s
    assert not [l for l in s.lines if l.startswith("init: starting sh")][1:], s


def test_a_program_cannot_reach_the_disk_driver(tmp_path):
    disk = fresh_disk(tmp_path)
    s = session(["attack blk", "echo still here"], disk=disk)
    ok(s)
    assert said(s, "attack blk: read of the superblock: E_PERM"), s
    assert not any(l.startswith("attack blk: write") for l in s.lines), s
    assert "still here" in s.lines, s
    assert fsck(disk)[0] == 0


@NEEDS_TASKS
def test_a_program_cannot_fake_the_disk_interrupt():
    s = session(["attack notify ide", "attack notify console", "echo still here"])
    ok(s)
    assert said(s, "attack notify: interrupt bit sent to ide: E_PERM"), s
    assert said(s, "attack notify: interrupt bit sent to console: ok"), s
    assert not said(s, "ide: stray interrupt"), s
    assert "still here" in s.lines, s


@NEEDS_TASKS
def test_the_file_server_still_reaches_the_disk_after_restarts(tmp_path):
    disk = fresh_disk(tmp_path)
    s = session(["crash ide", "echo one > f", "crash fs", "cat f", "attack blk", "echo two > g", "cat g"],
                disk=disk)
    ok(s)
    assert restarted(s, "ide") and restarted(s, "fs"), s
    assert "one" in s.lines and "two" in s.lines, s
    assert said(s, "attack blk: read of the superblock: E_PERM"), s
    assert fsck(disk)[0] == 0


@pytest.mark.parametrize("op", ["halt", "crash", "kill 2"])
def test_a_task_that_is_not_a_process_gets_no_privileged_operation(op):
    s = session(["attack " + op, "echo still here"])
    ok(s)
    assert said(s, "attack: proc answered the unregistered task: E_PERM"), s
    assert "still here" in s.lines, s
    assert not restarted(s, "fs") and not killed(s), s
    assert not [l for l in s.lines if l.startswith("init: starting sh")][1:], s


@NEEDS_TASKS
def test_an_ordinary_process_may_not_halt_or_crash_but_the_console_may():
    s = session(["nopriv halt 5", "nopriv crash fs", "crash fs", "echo still here"])
    ok(s)
    assert "halt: refused" in s.lines, s
    assert any(l.startswith("crash: supervisor refused to crash fs") for l in s.lines), s
    assert len(restarted(s, "fs")) == 1, s
    assert "still here" in s.lines, s


def test_an_ordinary_process_kills_only_ordinary_processes():
    # pid 2 is the shell (privileged); the job in the background is ordinary.
    s = session(["nopriv sleep 1000 &", "nopriv kill 2", "nopriv kill 1", "ps", "nopriv kill 4", "sleep 10",
                 "ps", "echo still here"])
    ok(s)
    assert s.output.count("kill: 2 failed") == 1 and s.output.count("kill: 1 failed") == 1, s
    assert not [l for l in s.lines if l.startswith("init: starting sh")][1:], s
    sleepers = [l for l in s.lines if l.endswith(" sleep") and len(l.split()) == 5]
    assert len(sleepers) == 1 and sleepers[0].split()[0] == "4", s
    assert "kill: 4 failed" not in s.output and "still here" in s.lines, s


@pytest.mark.parametrize("cpus", [1, 2])
def test_a_task_stopped_while_it_reads_holds_nothing(cpus):
    # In mono mode a reader is mostly inside fs, run by its own thread in
    # the kernel; stopped there and destroyed, it held fs from everyone.
    s = session(["attack stop", "echo still here"], cpus=cpus)
    ok(s)
    answers = [l for l in s.lines if l.startswith("attack stop: round ")]
    assert len(answers) == 8 and all(l.endswith("fs answered ok") for l in answers), s
    assert said(s, "attack stop: ") and "still here" in s.lines, s


@pytest.mark.parametrize("cpus", [1, 2])
def test_a_reader_at_the_lowest_priority_still_leaves_fs(cpus):
    # In mono mode the reader is inside fs when its priority is lowered;
    # with every CPU kept busy above it, it never ran again, and fs was
    # held from everyone.
    s = session(["attack starve", "echo still here"], cpus=cpus)
    ok(s)
    assert said(s, "attack starve: reader's priority lowered: ok"), s
    assert said(s, "attack starve: fs answered ok") and "still here" in s.lines, s


def test_a_stale_answer_from_one_server_does_not_end_a_call_to_another():
    # fs answers a pipe read that timed out while its reader waits in a
    # console read: the kernel refuses that answer, so the console read
    # times out as nothing was typed.
    s = session(["attack stale", "echo still here"])
    ok(s)
    assert said(s, "attack stale: pipe read: E_TIMEOUT"), s
    assert said(s, "attack stale: console read: E_TIMEOUT"), s
    assert "still here" in s.lines, s


def test_a_line_typed_for_the_shell_goes_to_the_shell_not_to_a_stale_reader():
    # The console's queue still holds a read that timed out; its task now
    # waits on a pipe.  The console's answer to it is refused, and the
    # console gives the line to the next reader, the shell.
    s = session(["attack steal", "echo still here"], timeout=60)
    ok(s)
    assert said(s, "attack steal: console read: E_TIMEOUT"), s
    assert "still here" in s.lines, s
    assert not said(s, "attack steal: pipe read: got"), s


def test_reads_that_timed_out_keep_no_place_in_the_console_queue():
    # The console queues a read until input comes, and kept the reads
    # whose callers had given up: 256 of them filled its queue, and the
    # shell's next read failed, so init started another shell.
    s = session(["attack readers 300", "echo still here"])
    ok(s)
    assert said(s, "attack readers: 300 of 300 reads from this task timed out"), s
    assert said(s, "attack readers: 300 tasks read and ended"), s
    assert "still here" in s.lines, s
    assert not [l for l in s.lines if l.startswith("init: starting sh")][1:], s
