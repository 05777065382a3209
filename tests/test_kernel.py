"""Kernel foundation: boot on 1, 2 and 4 CPUs, scheduling, copy-on-write
fork, spinlocks, bad system-call arguments and fault isolation.  Each
test boots one program from tests/ktest/ as the root task."""
import re

import pytest

from harness import boot, ktest


def finished(b):
    assert not b.timed_out, b
    assert b.guest_code == 0, b
    assert not b.grep("panic"), b


@pytest.mark.parametrize("cpus", [1, 2, 4])
def test_boot_brings_up_every_cpu(cpus):
    b = boot([ktest("hello")], cpus=cpus)
    finished(b)
    assert b.grep("ukernel: %d cpus up" % cpus), b
    assert b.grep("hello from task 1 on cpu"), b


def test_yielding_tasks_run_in_strict_round_robin():
    b = boot([ktest("rr")], cpus=1)
    finished(b)
    seq = re.search(r"rr: sequence (\S+)", b.output).group(1)
    assert seq == "ABC" * 6, b


def test_cpu_bound_task_is_preempted():
    b = boot([ktest("preempt")], cpus=1)
    finished(b)
    assert b.grep("preempt: stepper reached 50"), b
    assert b.grep("preempt: spinner made progress: yes"), b


def test_cow_fork_tree_of_depth_3_keeps_memory_private():
    b = boot([ktest("forktree")], cpus=2)
    finished(b)
    nodes = b.grep("forktree: node")
    assert len(nodes) == 1 + 2 + 4 + 8, b
    assert all(l.endswith("memory own") for l in nodes), b
    assert len(b.grep("depth 3")) == 8, b


@pytest.mark.parametrize("cpus", [2, 4])
def test_spinlock_counter_is_exact_on_every_cpu(cpus):
    b = boot([ktest("spinlock")], cpus=cpus)
    finished(b)
    m = re.search(r"spinlock: (\d+) tasks on (\d+) cpus, cpu mask ([0-9a-f]+), total (\d+), expected (\d+)", b.output)
    assert m, b
    assert int(m.group(2)) == cpus
    assert int(m.group(4)) == int(m.group(5)) == int(m.group(1)) * 20000
    assert bin(int(m.group(3), 16)).count("1") >= 2, "the tasks ran on one CPU only: %s" % b


def test_bad_system_call_arguments_return_errors():
    b = boot([ktest("badargs")], cpus=2)
    finished(b)
    failed = b.grep("FAILED")
    assert not failed, b
    m = re.search(r"badargs: (\d+) of (\d+) checks passed", b.output)
    assert m and m.group(1) == m.group(2) and int(m.group(2)) >= 40, b


def test_faulting_tasks_stop_while_others_finish():
    b = boot([ktest("fault")], cpus=2)
    finished(b)
    faults = b.grep("fault: task")
    traps = sorted(re.search(r"trap (\d+)", l).group(1) for l in faults)
    assert traps == sorted(["14", "14", "14", "0", "13", "13"]), b
    assert b.grep("addr 0 err 6"), "null write reported with its address: %s" % b
    assert b.grep("addr c0000000"), b
    assert not b.grep("did not fault"), b
    assert len(b.grep("fault: worker")) == 2, b
    assert b.grep("fault: 6 of 6 faulting tasks stopped"), b


@pytest.mark.parametrize("cpus", [1, 2])
def test_fpu_mmx_and_sse_registers_stay_private(cpus):
    b = boot([ktest("fpu")], cpus=cpus)
    finished(b)
    for kind in ("mmx", "x87", "sse"):
        assert b.grep("check %s: ok" % kind), b
        assert b.grep("fpu: %s: 0 registers found changed in 24 checks, 0 workers faulted" % kind), b
    assert b.grep("check exofork child inherits: ok"), b
    assert not b.grep("FAILED"), b


@pytest.mark.parametrize("cpus", [1, 2])
def test_tasks_die_with_their_creator_and_quotas_hold(cpus):
    b = boot([ktest("lifetime")], cpus=cpus)
    finished(b)
    assert not b.grep("FAILED"), b
    assert b.grep("lifetime: 0 of a chain of 120 tasks left"), b
    assert len(b.grep("check ")) == 12, b
    assert b.grep("lifetime: done"), b


def test_page_mapped_too_often_is_refused_not_a_panic():
    b = boot([ktest("refcount")], cpus=1, timeout=120)
    finished(b)
    m = re.search(r"refcount: (\d+) mappings made, then (.*)", b.output)
    assert m and int(m.group(1)) >= 65000, b
    assert not b.grep("FAILED"), b
    assert b.grep("refcount: all checks passed"), b
