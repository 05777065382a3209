"""The short version of `make torture` (tools/torture): the checked file
workload of user/torture.c while fs, ide and console are crashed, on 1
and 2 CPUs, the disk image checked on the host afterwards.  And the
checker itself: a damaged image is reported, not passed."""
import os
import re
import struct
import subprocess

import pytest

from harness import load_tool
from shell import session, fresh_disk

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CHECK = os.path.join(ROOT, "tools", "torture-check")


def check(disk, log_text, tmp_path):
    log = os.path.join(str(tmp_path), "guest.log")
    open(log, "w").write(log_text)
    r = subprocess.run(["/usr/bin/python3", CHECK, disk, log], stdout=subprocess.PIPE, text=True)
    return r.returncode, r.stdout


def figures(line):
    """torture-check's line as a dict; the pipe's figures are "pipe lost"
    and "pipe repeated", the lost writes "lost"."""
    line = line.replace("pipe lost", "pipe_lost").replace(" repeated", " pipe_repeated")
    return {k: int(v) for k, v in re.findall(r"([a-z_]+(?: writes| answers)?) (-?\d+)", line)}


# On 2 CPUs a read through the second descriptor of a removed-but-open
# file once missed the record just written after an fs restart: a file
# write cut short by the restart kept its count of bytes written, so
# the retry wrote nothing (user/ktest/fs_once.c, step 7, shows it alone).
@pytest.mark.parametrize("cpus", [1, 2])
def test_short_torture(tmp_path, cpus):
    disk = fresh_disk(tmp_path)
    # 150 injected crashes, 3 ticks apart: each a real kill and restart,
    # which the restart policy does not count (it would give a server
    # up after 8 in 2 s).
    s = session(["torture 100 %d 150 3" % cpus], cpus=cpus, disk=disk, timeout=300)
    assert s.rc == 0, s
    rc, out = check(disk, s.output, tmp_path)
    f = figures(out)
    assert rc == 0, out
    assert f["crashes"] == 150 and f["restarts"] >= 150 and f["acked writes"] > 0, out
    assert not any("given up" in l for l in s.lines), s
    moved = re.findall(r"torture: pipe bytes moved (\d+)", s.output)
    assert moved and int(moved[0]) > 0, s


def test_checker_reports_a_damaged_file(tmp_path):
    disk = fresh_disk(tmp_path)
    s = session(["torture 50 3 0"], cpus=1, disk=disk)
    assert s.rc == 0, s
    rc, out = check(disk, s.output, tmp_path)
    assert rc == 0 and figures(out)["lost"] == 0, out
    tc = load_tool("torture-check")
    img = tc.checked_image(disk)
    sized = [f for f, size in re.findall(r"torture: expect (f\d) size (\d+)", s.output) if int(size) > 0]
    inum = next(i for _, i, name in img.entries(tc.fsck.ROOTINO) if name == sized[0])
    first_block = img.inodes[inum].addrs[0]
    # The log keeps its last transactions (fs flushes once per commit and
    # leaves the header), and the checker reads through them: damage the
    # block's copy there too, or the log's copy would mend the damage.
    n = struct.unpack_from("<i", img.data, img.logstart * 512)[0]
    homes = struct.unpack_from("<%di" % n, img.data, img.logstart * 512 + 4) if n > 0 else ()
    copies = [first_block] + [img.logstart + 1 + i for i, home in enumerate(homes) if home == first_block]
    with open(disk, "r+b") as f:
        for b in copies:
            f.seek(b * 512)
            byte = f.read(1)
            f.seek(b * 512)
            f.write(bytes([byte[0] ^ 0xff]))
    rc, out = check(disk, s.output, tmp_path)
    assert rc == 1 and figures(out)["lost"] == 1, out
