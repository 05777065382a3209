"""Synchronous IPC: ping-pong on one CPU and across CPUs, many clients,
refused misuse, restart of a server holding a request, the fast path
against the general one, interrupts as notifications, port rights, fault
reports, page grants, tracing."""
import re

import pytest

from harness import boot, ktest


def run(name, cpus=2):
    b = boot([ktest(name)], cpus=cpus)
    assert not b.timed_out, b
    assert b.guest_code == 0, b
    assert not b.grep("panic"), b
    return b


@pytest.mark.parametrize("cpus", [1, 2])
def test_pingpong_content_checked(cpus):
    b = run("ipc_pingpong", cpus)
    assert b.grep("pingpong one-cpu: 500 of 500 rounds correct, client cpus 1"), b
    if cpus == 2:
        # The client is pinned to CPU 0, its server to CPU 1.
        assert b.grep("pingpong cross-cpu: 500 of 500 rounds correct, client cpus 1"), b


def test_many_clients_each_answered_exactly_once():
    b = run("ipc_many", 2)
    assert b.grep("many: 6 clients, 600 served, 600 good replies, 6 clients exact, expected 600"), b


def test_a_driver_killed_while_it_acknowledges_leaves_its_line_masked():
    b = run("irq_ack_race", 2)
    live = re.search(r"live line took (\d+) interrupt", b.output)
    assert live and int(live.group(1)) >= 1, b
    for kind in ("never acking", "acking in a loop"):
        m = re.search(r"driver %s: line open after its end in (\d+) of (\d+) rounds" % kind, b.output)
        assert m and m.group(1) == "0" and int(m.group(2)) >= 30, b


def test_misuse_is_refused_on_both_sides():
    b = run("ipc_errors", 2)
    assert not b.grep("FAILED"), b
    m = re.search(r"ipc_errors: (\d+) of (\d+) checks passed", b.output)
    assert m and m.group(1) == m.group(2) and int(m.group(2)) >= 25, b
    for name in ["send buffer over the limit", "reply buffer read-only", "receive into the kernel",
                 "reply to a task waiting on another endpoint", "receive times out", "second reply refused",
                 "call a closed endpoint", "buffers of length 0 are not read",
                 "a reply's buffer of length 0 is not read", "a receive buffer of length 0 is not read"]:
        assert b.grep("check %s: ok" % name), name


def test_server_killed_holding_a_request():
    b = run("ipc_restart", 2)
    taken = int(re.search(r"took client (\d+)'s request", b.output).group(1))
    assert b.grep("client %d got E_RESTART, retrying" % taken), b
    assert len(b.grep("got E_RESTART")) == 1, b
    # Everyone, the retried call included, is served by the new server.
    assert len(b.grep("answered by server generation 2")) == 3, b


@pytest.mark.parametrize("cpus", [1, 2])
def test_fastpath_does_what_the_general_path_does(cpus):
    # Every task is pinned to CPU 0, so words-only calls take the fast path.
    b = run("ipc_fastpath", cpus)
    assert not b.grep("FAILED"), b
    # Fast and general calls interleaved, an error of the general path just before a fast call.
    assert b.grep("fastpath echo: 500 of 500 replies correct, 50 with bytes, 50 to the second server, "
                  "50 after a refused send, 71 of 71 server polls empty, client cpus 1"), b
    # A reply goes only to a caller of this server; a queued caller is not passed over.
    for name in ["second server's reply to a caller of the first", "held call answered",
                 "caller queued meanwhile answered"]:
        assert b.grep("check %s: ok" % name), name
    # A caller destroyed while it waits: the late reply finds nobody, the server goes on.
    for name in ["destroy the caller waiting for its reply", "late reply to the destroyed caller",
                 "the destroyed caller never returned", "server answers the root after the late reply"]:
        assert b.grep("check %s: ok" % name), name
    # Its slot is reused by a fresh client, which is served normally.
    m = re.search(r"destroyed caller was task (\w+), fresh client is task (\w+)", b.output)
    assert m and int(m.group(1), 16) & 0xff == int(m.group(2), 16) & 0xff, b
    assert b.grep("check fresh client's calls answered correctly: ok"), b
    # The server dies under a waiting caller: E_RESTART once, then the new server answers.
    assert len(b.grep("got E_RESTART")) == 1, b
    for name in ["waiting client's call when its server died", "retried call answered by the new server",
                 "calls after the retry answered correctly"]:
        assert b.grep("check %s: ok" % name), name
    # The fast path did take nearly all the calls and replies, those with bytes too.
    m = re.search(r"fastpath counts: client (\d+) of 500 calls, server (\d+) of 450 "
                  r"and second server (\d+) of 50 replies, (\d+) of 100 calls and replies with bytes", b.output)
    assert m, b
    for name in ["client's fast calls", "server's fast replies", "second server's fast replies",
                 "fast calls and replies with bytes"]:
        assert b.grep("check %s: ok" % name), name
    # Bytes it must refuse, it refuses as the general path does, and goes on.
    for name in ["call with an unmapped send buffer", "call with more than the server accepts",
                 "answer with more than the client accepts", "the server learns its answer was refused",
                 "calls with bytes around the refused ones answered right", "fast calls after the warm-up"]:
        assert b.grep("check %s: ok" % name), name
    # Calls from two descriptors in turn still go fast.
    assert b.grep("fastpath two: 100 of 100 calls answered right"), b
    assert b.grep("check fast calls from two descriptors: ok"), b
    m = re.search(r"fastpath: (\d+) of (\d+) checks passed", b.output)
    assert m and m.group(1) == m.group(2) == "36", b


@pytest.mark.parametrize("cpus", [1, 2])
def test_endpoints_take_turns(cpus):
    b = run("ipc_turns", cpus)
    # Callers 0 and 1 queued on one endpoint, then 2 and 3 on the other.
    assert b.grep("turns: served callers 0 2 1 3"), b
    assert b.grep("turns: receives returned 1 1 1 0"), b     # IPC_MORE while a caller waits
    assert b.grep("turns: 4 of 4 calls answered"), b


@pytest.mark.parametrize("cpus", [1, 2])
def test_fault_reports_in_order_and_dead_supervisor(cpus):
    b = run("ipc_faults", cpus)
    for i in range(3):
        m = re.search(r"faults: report %d from task (\w+) \(fault %d was task (\w+)\), trap 6" % (i, i), b.output)
        assert m and m.group(1) == m.group(2), b
    for name in ["reports read in the order of the faults",
                 "a stopped child cannot change supervisor",
                 "stopped child of a supervisor that died without reading",
                 "stopped child of a supervisor that died after reading",
                 "that supervisor had read the report"]:
        assert b.grep("check %s: ok" % name), name
    assert b.grep("faults: 5 of 5 checks passed"), b


def test_irq_notification_port_rights_and_fault_report():
    b = run("ipc_devices", 2)
    assert b.grep("devices: irq register 0, irq wait 0, bits 10, ack 0"), b
    assert b.grep("devices: granted port read worked, ungranted port read stopped the task"), b
    assert b.grep("devices: supervisor got a fault report from task"), b
    assert re.search(r"supervisor got a fault report from task \w+: trap 13", b.output), b
    assert b.grep("devices: notifications coalesced to 5, then poll -10"), b


def test_page_handed_over():
    b = run("ipc_page", 2)
    m = re.search(r"page: round 0 call 0, receiver mapped 28000000, sum (\d+) \(sender's (\d+)\)", b.output)
    assert m and m.group(1) == m.group(2), b
    assert b.grep("page: round 1 call 0, receiver mapped 0, sum 0"), b


def test_trace_records_each_delivery():
    b = run("ipc_trace", 2)
    recs = [l for l in b.lines if re.match(r"trace: cpu \d+ ", l)]
    assert len(recs) == 6, b
    assert sum("label 10510003 len 6" in l for l in recs) == 3, b
    assert sum("-> 1 label 0 len 0" in l for l in recs) == 3, b


def test_kstat_counts_what_happened():
    """The kernel's event counters move by exactly the traps, fast-path
    hand-overs and bytes this program causes, on one CPU."""
    b = run("kstat", 1)
    getid = re.search(r"kstat: getid syscall (\d+) ipc_trap (\d+) cr3 (\d+)", b.output)
    assert getid, b
    # 100 getid calls and the second reading; no IPC, no switch (from a
    # stretch the timer did not interrupt: kstat.c measures it again).
    assert getid.groups() == ("101", "0", "0"), b
    words = re.search(r"kstat: words ipc_trap (\d+) ipc_fast (\d+) ipc_slow (\d+) copy_bytes (\d+) "
                      r"switch (\d+) cr3 (\d+)", b.output)
    assert words, b
    trap, fast, slow, copied, switch, cr3 = map(int, words.groups())
    # Each call and each reply_recv is one trap, counted once as fast or
    # slow.  Words-only messages go the fast path both ways, except the
    # first call from a descriptor the kernel has not checked yet
    # (desc_known in fastpath.c); they copy no bytes and switch task
    # each time.
    assert (trap, fast + slow, copied) == (200, 200, 0), b
    assert slow <= 2, b
    assert switch >= 200 and cr3 >= 200, b
    bytes_ = re.search(r"kstat: bytes ipc_trap (\d+) ipc_fast (\d+) ipc_slow (\d+) ipc_fast_bytes (\d+) "
                       r"copy_bytes (\d+)", b.output)
    assert bytes_, b
    trap, fast, slow, fast_bytes, copied = map(int, bytes_.groups())
    # 7 bytes a call, from the same descriptor: the calls with bytes and
    # their words-only replies go the fast path too, and the bytes are
    # copied once each.
    assert (trap, fast + slow, copied) == (200, 200, 700), b
    assert slow <= 2 and 98 <= fast_bytes <= 100 and fast_bytes <= fast, b
    # 100 polls for a notification that is not there: general-path
    # traps, each counted as a wait, that switch nothing.
    waits = re.search(r"kstat: waits ipc_trap (\d+) ipc_slow (\d+) ipc_wait (\d+) switch (\d+)", b.output)
    assert waits and waits.groups() == ("100", "100", "100", "0"), b
    assert re.search(r"kstat: kernel address -\d+ n", b.output), b
