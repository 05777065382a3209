"""Isolation on several CPUs: a page taken from a task is out of every
CPU's TLB before it is used again (the TLB shootdown), and a destroyed
task runs nowhere once the destroy has returned.  Each test boots one
program from tests/ktest/ as the root task, on two CPUs."""

from harness import boot, ktest


def finished(b):
    assert not b.timed_out, b
    assert b.guest_code == 0, b
    assert not b.grep("panic"), b


def test_freed_page_is_unreachable_from_other_cpus():
    b = boot([ktest("tlb_shootdown")], cpus=2, timeout=120)
    finished(b)
    rounds = b.grep("tlb: round")
    assert len(rounds) == 12, b
    # Every way of taking a page away is fenced, every round.
    assert all(l.endswith(": fenced") for l in rounds), b
    assert b.grep("tlb: 12 of 12 rounds fenced"), b


def test_destroyed_task_runs_nowhere_when_destroy_returns():
    b = boot([ktest("kill_sync")], cpus=2, timeout=120)
    finished(b)
    rounds = b.grep("kill: round")
    assert len(rounds) == 8 and all(l.endswith(": stopped") for l in rounds), b
    assert b.grep("kill: 0 of 8 destroyed tasks ran on after destroy returned"), b
    assert len(b.grep("both ended")) == 8, b
