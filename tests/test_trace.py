"""tools/trace: the decoded timeline of `cat README` on 1 and 2 CPUs, and
its sequence diagram."""
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LINE = re.compile(r"^\s*(\d+)\s+(\d+)\s+(.*)$")
CALL = re.compile(r"^(\w+)\((\w+)\) -> (\w+)\((\w+)\) ([\w.]+)\((.*)\)$")
REPLY = re.compile(r"^(\w+)\((\w+)\) -> (\w+)\((\w+)\): (.*)$")
SVG = "{http://www.w3.org/2000/svg}"


def trace(tmp_path, cpus, command, mode="micro", options=()):
    svg = tmp_path / "trace.svg"
    r = subprocess.run([sys.executable, os.path.join(ROOT, "tools", "trace"), "--cpus", str(cpus),
                        "--mode", mode, "--svg", str(svg), *options, "--", command],
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-2000:] + r.stdout[-2000:]
    events = []
    for line in r.stdout.splitlines()[1:]:
        m = LINE.match(line)
        if m:
            events.append((int(m.group(1)), m.group(3)))
    return r.stdout, events, svg


def calls_and_replies(events):
    """Pair each call with the reply to it; check the pairs nest as
    synchronous calls must: a client makes no new call before its reply."""
    open_call, pairs = {}, []
    for i, (t, text) in enumerate(events):
        m = CALL.match(text)
        if m:
            client = m.group(2)
            if client in open_call and open_call[client][1].group(5) == "proc.exec":
                del open_call[client]   # a successful exec is not answered: the new image runs
            assert client not in open_call, "%s called again before its reply: %s" % (client, text)
            open_call[client] = (i, m)
            continue
        m = REPLY.match(text)
        if m and m.group(4) in open_call:
            j, call = open_call.pop(m.group(4))
            assert call.group(4) == m.group(2), "reply from %s to a call to %s" % (m.group(2), call.group(4))
            assert events[j][0] <= t
            pairs.append((j, i, call, m.group(5)))
    return pairs


@pytest.mark.parametrize("cpus", [1, 2])
def test_cat_readme_timeline(tmp_path, cpus):
    out, events, svg = trace(tmp_path, cpus, "cat README")
    check_cat_readme(out, events, svg)


def check_cat_readme(out, events, svg):
    """cat's open, reads and close, answered in turn; fs's blk.reads to
    ide inside them, each answered after the disk's interrupt; a lane
    of the diagram for each task."""
    assert "records lost" not in out
    pairs = calls_and_replies(events)
    cat = [(j, i, c, res) for j, i, c, res in pairs if c.group(1) == "cat" and c.group(3) == "fs"]
    ops = [c.group(5) for _, _, c, _ in cat]
    assert "fs.open" in ops and "fs.read" in ops and "fs.close" in ops, ops
    assert ops.index("fs.open") < ops.index("fs.read") < len(ops) - 1 - ops[::-1].index("fs.close")
    reads = [(j, i, res) for j, i, c, res in cat if c.group(5) == "fs.read"]
    assert any(re.search(r"data=<[1-9]\d* bytes>", res) for _, _, res in reads), reads
    assert re.search(r"data=<0 bytes>", reads[-1][2]), "cat stops at end of file"
    # The disk: fs asks ide for blocks and gets each answered before it
    # answers its own caller; at least one of cat's requests needed one.
    disk = [(j, i, c, res) for j, i, c, res in pairs if c.group(5) == "blk.read"]
    assert disk and all(c.group(1) == "fs" and c.group(3) == "ide" for _, _, c, _ in disk)
    # Each answer is a run of whole blocks (fs reads ahead), and README,
    # many blocks long, was read in runs of more than one.
    sizes = [int(re.search(r"data=<(\d+) bytes>", res).group(1)) for _, _, _, res in disk]
    assert all(n % 512 == 0 and 512 <= n <= 4096 for n in sizes), sizes
    assert any(n > 512 for n in sizes), sizes
    assert any(j0 < j < i < i0 for j0, i0, _, _ in cat for j, i, _, _ in disk)
    assert any(text.startswith("irq 14 -> ide(") for _, text in events)
    # The diagram: well-formed, one lane per task that took part.
    tasks = set()
    for _, text in events:
        tasks.update(re.findall(r"(\w+\([0-9a-f]+\))", text))
        if text.startswith("irq"):
            tasks.add("kernel")
    root = ET.parse(svg).getroot()
    lanes = [g.find(SVG + "text").text for g in root.iter(SVG + "g") if g.get("class") == "lane"]
    assert sorted(lanes) == sorted(tasks)
    assert len(lanes) == len(set(lanes))


def test_decodes_across_a_server_restart(tmp_path):
    out, events, svg = trace(tmp_path, 1, "crash fs ; cat README")
    fs_ids = []
    for _, text in events:
        for task in re.findall(r"\bfs\(([0-9a-f]+)\)", text):
            if task not in fs_ids:
                fs_ids.append(task)
    assert len(fs_ids) == 2, fs_ids
    pairs = calls_and_replies(events)
    reads = [c for _, _, c, _ in pairs if c.group(1) == "cat" and c.group(5) == "fs.read"]
    assert reads and all(c.group(4) == fs_ids[1] for c in reads)
    root = ET.parse(svg).getroot()
    lanes = [g.find(SVG + "text").text for g in root.iter(SVG + "g") if g.get("class") == "lane"]
    assert "fs(%s)" % fs_ids[0] in lanes and "fs(%s)" % fs_ids[1] in lanes


def test_mono_mode_reads_as_micro_mode(tmp_path):
    # In mono mode fs and ide run in the caller's thread, so the kernel
    # records fs's blk.reads as calls from cat, made while its own call to
    # fs is still open, and the disk's interrupt as a notification to cat.
    # The decoder keeps both calls open, answers each in turn, and shows
    # what runs in cat's thread as the server's: the same timeline as in
    # micro mode.
    r = subprocess.run(["make", "-s", "MODE=mono"], cwd=ROOT, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, timeout=900)
    assert r.returncode == 0, r.stdout.decode()
    log = str(tmp_path / "serial.log")
    out, events, svg = trace(tmp_path, 1, "cat README", mode="mono", options=("--log", log))
    assert not any("a call made before the trace began" in text for _, text in events[1:]), out
    assert not re.search(r"cat\(\w+\) -> ide\(|-> cat\(\w+\) bits=", out), out
    check_cat_readme(out, events, svg)
    # The summary of the same records counts every call of the timeline.
    summary, _, _ = trace(tmp_path, 1, "cat README", mode="mono", options=("--from-log", log, "--summary"))
    rows = {l.split()[0]: int(l.split()[1]) for l in summary.splitlines()[1:] if re.match(r"\w+\.\w+\s+\d+", l)}
    lines = [text for _, text in events]
    for op in ("fs.open", "fs.read", "blk.read"):
        calls = sum(1 for t in lines if re.match(r"\w+\(\w+\) -> \w+\(\w+\) %s\(" % re.escape(op), t))
        assert calls and rows.get(op) == calls, (op, calls, summary)


def test_full_rings_report_what_they_dropped(tmp_path):
    out, events, _ = trace(tmp_path, 1, "cat README ; cat README ; cat README ; cat README ; cat README")
    m = re.search(r"trace: (\d+) records lost", out)
    assert m and int(m.group(1)) > 0, out[-500:]
    assert len(events) == 1024     # one CPU's ring (ukernel/trace.c), kept from the start


def test_an_ordinary_process_may_not_trace():
    from shell import session
    s = session(["nopriv trace echo hi", "echo after"])
    assert "trace: refused" in s.output, s.output
    assert "trace: rec" not in s.output and "trace: name" not in s.output
    assert "after" in s.output
