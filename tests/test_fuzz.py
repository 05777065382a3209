"""A short run of the system's own fuzzer (user/hostile/fuzz.c, through
tools/fuzz), on 1 and 2 CPUs: random raw system calls and malformed
messages from an ordinary program must cause no panic, no hang, no server
restart (or, in mono mode, stop) and no failed liveness check.  `make test` runs it in both modes:
in mono mode fs and the console run in the kernel, so a malformed
message reaches kernel code there.  `make fuzz` is the long run."""
import os
import subprocess

import pytest

import harness

FUZZ = os.path.join(harness.ROOT, "tools", "fuzz")


@pytest.mark.parametrize("cpus", [1, 2])
def test_a_short_fuzz_run_breaks_nothing(cpus):
    r = subprocess.run(["/usr/bin/python3", FUZZ, "--mode", harness.MODE, "--cpus", str(cpus), "--seed", "2026",
                        "--calls", "60000", "--msgs", "6000", "--timeout", "400"],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=500)
    out = r.stdout.decode("utf-8", "replace")
    assert r.returncode == 0, out
    summary = [l for l in out.splitlines() if l.startswith("fuzz: %s, %d cpu" % (harness.MODE, cpus))]
    assert len(summary) == 1 and summary[0].endswith(": ok"), out
    assert "0 panics, 0 hangs, 0 server restarts, 0 failed checks" in summary[0], out


def test_the_verdict_names_a_server_stopped_in_the_kernel():
    # In mono mode a server's failure stops it instead of restarting it
    # (docs/mono.md, "State and restart"): the run must not pass for that.
    fuzz = harness.load_tool("fuzz")
    got = {"panics": 0, "hangs": 0, "restart_lines": 0, "stopped_lines": 1, "calls": 10, "msgs": 10}
    assert fuzz.verdict(got, 10, 10) == ["server in the kernel stopped"]
    got["stopped_lines"] = 0
    assert fuzz.verdict(got, 10, 10) == []

