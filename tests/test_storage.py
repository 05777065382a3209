"""Storage in user space: the disk driver (servers/ide) and the file
server (servers/fs), started by test programs that boot as the root task
(tests/ktest/blk_driver.c, fs_*.c) on an image made by tools/mkfs in the
test's directory.  tools/fsck checks the image after every boot.

The crash tests cut the power two ways: fs_cut.c stops the machine at an
exact point of a commit, from inside, and test_qemu_killed_mid_operation
kills QEMU from outside while the disk is busy.  Either way the next boot
(and fsck --replay) must find each operation done entirely or not at all.
"""
import os
import re
import shutil
import struct
import subprocess
import sys
import threading
import time

import pytest

import harness
import shell
from fsck_check import assert_clean, first_block_of, fsck
from harness import ROOT, boot, ktest, qemu_command, server

sys.path.insert(0, os.path.join(ROOT, "tools"))
import guest  # noqa: E402  (tools/guest.py: what a kernel panic looks like)

PYTHON = "/usr/bin/python3"
SIZE = 2000                 # blocks: room for several files of the largest size
MAXFILE_BYTES = (12 + 128) * 512


def mkfs(tmp_path, name="fs.img", size=SIZE, files=()):
    img = str(tmp_path / name)
    r = subprocess.run([PYTHON, os.path.join(ROOT, "tools", "mkfs"), "--size", str(size), img, *files],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return img


def run(program, img, servers=("ide", "fs"), fs_panics=False, cpus=2, extra=()):
    b = boot([ktest(program)] + [server(s) for s in servers], disk=img, timeout=90, cpus=cpus, extra=extra)
    assert not b.timed_out, b
    assert b.guest_code == 0, b
    assert not [l for l in b.lines if l.startswith("panic:")], b
    assert fs_panics or not b.grep("fs: panic"), b
    assert not b.grep("FAILED"), b
    return b


def all_checks_passed(b, program, at_least):
    m = re.search(r"%s: (\d+) of (\d+) checks passed" % program, b.output)
    assert m and m.group(1) == m.group(2) and int(m.group(2)) >= at_least, b


def pattern(n, off, seed):
    """The bytes tests/ktest/storage.h's fill() makes."""
    return bytes((i * 7 + seed * 13 + i // 509) & 0xff for i in range(off, off + n))


def test_blk_driver_serves_blocks_and_refuses_bad_requests(tmp_path):
    img = mkfs(tmp_path)
    b = run("blk_driver", img, servers=("ide",))
    assert b.grep("ide: disk 0: none"), b
    assert b.grep("ide: disk 1: QEMU HARDDISK, %d sectors (%d KiB)" % (SIZE, SIZE // 2)), b
    assert b.grep("blk: disk 1 has %d blocks of 512 bytes" % SIZE), b
    with open(img, "rb") as f:
        f.seek(512)
        sb = struct.unpack("<7I", f.read(28))
        f.seek((SIZE - 9) * 512)
        run_bytes = f.read(8 * 512)
        last = f.read(512)
    assert b.grep("blk: superblock " + " ".join(map(str, sb))), b
    assert last == pattern(512, 0, SIZE), "the block written through the driver is on the image"
    assert run_bytes == pattern(8 * 512, 0, SIZE - 9), "the run written through the driver is on the image"
    # A run of 8 blocks is one command each way; QEMU's drive has its
    # write cache on, so a flush is one command too.  The kernel counts
    # the disk's interrupts (device_irq): the driver set 8 sectors a data
    # block (SET MULTIPLE MODE), so a run costs one, like a flush, in
    # both modes; resident calls' own ticks, and the driver's, move only
    # in mono mode, where the driver's calls are resident calls.
    resident = "moved" if harness.MODE == "mono" else "still"
    counters = "resident_tsc %s served_tsc %s" % (resident, resident)
    assert b.grep("blk: cost of a run write: commands 1 flushes 0 sectors 8 device_irq 1 " + counters), b
    assert b.grep("blk: cost of a run read: commands 1 flushes 0 sectors 8 device_irq 1 " + counters), b
    assert b.grep("blk: cost of a flush: commands 1 flushes 1 sectors 0 device_irq 1 " + counters), b
    # Every command ended with its interrupt (in mono mode: the calling
    # task asleep in the kernel, woken by it), none by the driver's timeout.
    assert not b.grep("no interrupt within"), b
    assert not b.grep("one sector an interrupt"), b
    all_checks_passed(b, "blk", 30)
    assert_clean(img)


def test_blk_driver_passed_from_task_to_task_loses_no_interrupt(tmp_path):
    # Mono mode: the driver's line went to the task running it only once
    # that task waited, after it had issued the command, and a line its
    # last (ended) task had left masked was unmasked only then: an
    # interrupt that came in between was lost, and the read waited out
    # the driver's 300 ticks (several rounds in 30, on 2 CPUs).
    img = mkfs(tmp_path)
    b = run("blk_handoff", img, servers=("ide",), cpus=2)
    assert len([l for l in b.lines if l.startswith("blk_handoff: round ")]) == 30, b
    assert not b.grep("no interrupt within"), b
    all_checks_passed(b, "blk_handoff", 30)


@pytest.mark.skipif(harness.MODE == "mono", reason="the word reaches ide as its argument; mono mode starts ide in the kernel without one")
def test_blk_driver_at_one_sector_an_interrupt(tmp_path):
    # "ide-single" on the command line: the test passes it on to ide, which
    # then keeps READ/WRITE SECTORS, as for a drive without READ/WRITE
    # MULTIPLE.  A run is still one command, but each sector interrupts.
    img = mkfs(tmp_path)
    b = run("blk_driver", img, servers=("ide",), extra=["-append", "ide-single"])
    assert b.grep("ide: disk 1: one sector an interrupt (READ/WRITE SECTORS)"), b
    assert b.grep("blk: cost of a run write: commands 1 flushes 0 sectors 8 device_irq 8 resident_tsc still served_tsc still"), b
    assert b.grep("blk: cost of a run read: commands 1 flushes 0 sectors 8 device_irq 8 resident_tsc still served_tsc still"), b
    assert b.grep("blk: cost of a flush: commands 1 flushes 1 sectors 0 device_irq 1 resident_tsc still served_tsc still"), b
    assert not b.grep("no interrupt within"), b
    with open(img, "rb") as f:
        f.seek((SIZE - 9) * 512)
        run_bytes = f.read(8 * 512)
    assert run_bytes == pattern(8 * 512, 0, SIZE - 9), "the run written a sector at a time is on the image"
    all_checks_passed(b, "blk", 30)
    assert_clean(img)


@pytest.mark.skipif(harness.MODE == "mono", reason="starts ide as a task, which mono mode links into the kernel")
def test_blk_driver_refuses_an_argument_it_does_not_know(tmp_path):
    img = mkfs(tmp_path)
    b = run("blk_badarg", img, servers=("ide",))
    assert b.grep("ide: unknown argument 'ide-bogus'"), b
    # It ended before it touched the controller: only the second driver
    # identified the drives.
    assert len([l for l in b.lines if l.startswith("ide: disk 1: QEMU HARDDISK")]) == 1, b
    assert b.lines.index("ide: unknown argument 'ide-bogus'") < next(
        i for i, l in enumerate(b.lines) if l.startswith("ide: disk 1: QEMU HARDDISK")), b
    assert b.grep("blk_badarg: disk 1 has %d blocks" % SIZE), b
    all_checks_passed(b, "blk_badarg", 1)
    assert_clean(img)


def failing_disk(tmp_path, img, rules):
    """img behind QEMU's blkdebug layer, which fails the I/O the rules name
    (block numbers are 512-byte sectors) with EIO; the drive then answers
    the command with ERR set."""
    cfg = tmp_path / "blkdebug.cfg"
    cfg.write_text("".join('[inject-error]\nevent = "%s_aio"\niotype = "%s"\nerrno = "5"\n'
                           'sector = "%d"\nonce = "%s"\n\n' % (io, io, sector, once)
                           for io, sector, once in rules))
    return "blkdebug:%s:%s" % (cfg, img)


def test_disk_errors_come_back_as_errors(tmp_path):
    img = mkfs(tmp_path)
    disk = failing_disk(tmp_path, img, [("read", 100, "off"), ("write", 101, "off")])
    b = run("blk_ioerror", disk, servers=("ide",))
    all_checks_passed(b, "blk_ioerror", 9)
    # Each failure is one log line with the Error register decoded.  A
    # run moves in one data block (one interrupt): its line names the
    # block's sectors, which hold the bad one.
    assert len(b.grep("ide: disk 1: read sector 100 failed: status 41 error 4 (command aborted)")) == 2, b
    assert len(b.grep("ide: disk 1: read sectors 98-101 failed: status 41 error 4 (command aborted)")) == 1, b
    assert len(b.grep("ide: disk 1: write sector 101 failed: status 41 error 4 (command aborted)")) == 1, b
    assert len(b.grep("ide: disk 1: write sectors 99-102 failed: status 41 error 4 (command aborted)")) == 1, b


def test_silent_drive_times_out(tmp_path):
    # QEMU's null-co driver completes each read 6 s late: past the
    # driver's 3 s interrupt timeout and its bounded polling after it.
    # The guest's clock runs on its instructions (-icount, sleep=off: an
    # idle guest skips ahead to its next timer), not on the host's: on a
    # busy host the guest's ticks fell behind, a timer interrupt that
    # came while QEMU's CPU thread was not running being lost, and once
    # 300 ticks outlasted the drive's 6 s (1 run in 18).
    drive = "driver=null-co,size=1M,latency-ns=6000000000,if=ide,index=1"
    b = boot([ktest("blk_timeout"), server("ide")], extra=["-icount", "shift=0,sleep=off", "-drive", drive],
             timeout=60)
    assert not b.timed_out and b.guest_code == 0, b
    assert b.grep("ide: disk 1: no interrupt within 300 ticks"), b
    assert b.grep("ide: disk 1: read sector 1: device not responding"), b
    ticks = int(re.search(r"the read took (\d+) ticks", b.output).group(1))
    assert 300 <= ticks < 600, b
    # The child's read waited inside the driver; the call with a 30-tick
    # timeout made meanwhile gave up at its deadline, not after that read.
    assert b.grep("check read from a drive that does not answer: ok"), b
    gave_up = int(re.search(r"the call gave up after (\d+) ticks", b.output).group(1))
    assert gave_up < 300, b
    all_checks_passed(b, "blk_timeout", 2)


def failing_data_disk(tmp_path):
    """An image holding /data, and that image behind a disk whose first two
    reads of /data's first block fail.  /data's two blocks follow the root
    directory's (block 59 on a 2000-block image): the first failed read is
    fs's read-ahead of both blocks, whose failure costs nothing; the
    second is its read of block 60 alone, which it cannot do without."""
    data = tmp_path / "data"
    data.write_bytes(pattern(1000, 0, 4))
    img = mkfs(tmp_path, files=[str(data)])
    return img, failing_disk(tmp_path, img, [("read", 60, "on"), ("read", 60, "on")])


@pytest.mark.skipif(not harness.FS_RESTARTS, reason="restarts fs, which mono mode links into the kernel")
def test_file_server_restarted_after_a_disk_error(tmp_path):
    img, disk = failing_data_disk(tmp_path)
    b = run("fs_diskfail", disk, fs_panics=True)
    assert b.grep("fs: reading blocks 60..61: E_IO: device error"), b
    assert b.grep("fs: reading block 60: E_IO: device error"), b
    assert len(b.grep("fs: panic")) == 1 and b.grep("fs: panic: bread: block device read failed"), b
    assert b.grep("fs: incarnation 2: took over the open files and pipes, 0 entries repaired"), b
    all_checks_passed(b, "fs_diskfail", 3)
    assert_clean(img)


@pytest.mark.skipif(harness.FS_RESTARTS, reason="fs runs as a task in micro mode, and is restarted (above)")
def test_mono_disk_error_stops_the_file_server_not_the_kernel(tmp_path):
    # The disk of the test above, in mono mode: fs gives up (a fault in
    # the kernel, in the reader's thread) and nothing can restart it.
    _, disk = failing_data_disk(tmp_path)
    b = run("fs_stopped", disk, fs_panics=True)
    assert b.grep("fs: panic: bread: block device read failed"), b
    assert b.grep("trap 6 (invalid opcode)"), b
    assert len(b.grep("kernel: fs, linked into the kernel, failed in task")) == 1, b
    assert b.grep("fs_stopped: the kernel goes on without the file server"), b
    all_checks_passed(b, "fs_stopped", 5)


def session_on_a_failing_readme(tmp_path):
    """`wc README` and then `echo still here` typed into the whole system,
    on a copy of the build's disk whose README's first block fails its
    first two reads: fs gives up on it (fs_panic), as in the tests above."""
    img = shell.fresh_disk(tmp_path)
    block = first_block_of(img, "README")
    disk = failing_disk(tmp_path, img, [("read", block, "on"), ("read", block, "on")])
    return shell.session(["wc README", "echo still here"], disk=disk, timeout=90)


@pytest.mark.skipif(not harness.FS_RESTARTS, reason="mono mode cannot restart fs (below)")
def test_a_disk_error_under_the_shell_restarts_fs_and_the_session_goes_on(tmp_path):
    # qemu-run used to take fs's "fs: panic:" line for the kernel's and
    # stop typing: the session looked hung after fs's restart.
    s = session_on_a_failing_readme(tmp_path)
    assert "fs: panic: bread: block device read failed" in s.lines, s
    assert any(re.match(r"proc: server fs \(task \d+\) faulted .*restarted as task", l) for l in s.lines), s
    assert any(re.fullmatch(r"\d+ \d+ \d+ README", l) for l in s.lines), s
    assert "still here" in s.lines, s
    assert s.rc == 0 and "halt: power off with code 0" in s.lines, s


@pytest.mark.skipif(harness.FS_RESTARTS, reason="fs runs as a task in micro mode, and is restarted (above)")
def test_mono_a_disk_error_under_the_shell_stops_fs_and_init_powers_off(tmp_path):
    # fs stops in the kernel.  Every program's input and output go through
    # fs, so the shell ends; init cannot write to the console any more and
    # powers the machine off (HALT_NO_CONSOLE, user/init.c) instead of
    # leaving it up with nobody able to use it, as it did.
    s = session_on_a_failing_readme(tmp_path)
    assert "fs: panic: bread: block device read failed" in s.lines, s
    assert s.output.count("kernel: fs, linked into the kernel, failed in task") == 1, s
    assert not guest.kernel_panicked(s.output), s
    assert "still here" not in s.lines, s
    assert "proc: halt requested by pid 1 (init)" in s.lines, s
    assert s.rc == 1 and "halt: power off with code 5" in s.lines, s


def test_file_server_without_a_disk_answers_errors():
    b = boot([ktest("fs_nodisk"), server("ide"), server("fs")], timeout=30)
    assert not b.timed_out and b.guest_code == 0, b
    assert b.grep("ide: disk 1: none"), b
    assert b.grep("fs: no disk 1: E_NOENT: no such file or object"), b
    all_checks_passed(b, "fs_nodisk", 2)


def test_files_directories_links_and_many_files(tmp_path):
    img = mkfs(tmp_path)
    all_checks_passed(run("fs_basic", img), "fs_basic", 55)
    assert_clean(img)


def test_largest_files_and_a_full_disk(tmp_path):
    # A default-size image (1000 blocks, 941 for data): the largest file
    # takes 141 blocks with its indirect block, so six fit and the
    # seventh runs out of room.
    img = mkfs(tmp_path, size=1000)
    b = run("fs_big", img)
    all_checks_passed(b, "fs_big", 18)
    assert b.grep("fs_big: 6 files of %d bytes, then a write of" % MAXFILE_BYTES), b
    assert_clean(img)


@pytest.mark.parametrize("cpus", [1, 2])
def test_pipes_between_tasks(tmp_path, cpus):
    # In mono mode a parked request leaves its caller blocked in the
    # kernel (docs/mono.md): woken by the writer, or killed there.
    img = mkfs(tmp_path)
    all_checks_passed(run("fs_pipe", img, cpus=cpus), "fs_pipe", 9)
    assert_clean(img)


def test_malformed_and_invalid_requests_get_errors(tmp_path):
    img = mkfs(tmp_path)
    all_checks_passed(run("fs_errors", img), "fs_errors", 45)
    assert_clean(img)


def test_disk_commands_and_flushes_per_operation(tmp_path):
    # The driver's counters, read by the guest around each workload
    # (tests/ktest/fs_diskcost.c).  Bounds, not timings: the log flushes
    # once per commit plus twice per checkpoint (3 flushes per create
    # cycle, about 3.75 with checkpoints), where flushing after every
    # block write cost about 30; group commit must do better than that
    # with four clients at once.  Committed blocks go home at the
    # checkpoint, once each: about 11.7 commands a cycle, where
    # installing them after every commit took about 18.9.
    img = mkfs(tmp_path)
    b = run("fs_diskcost", img)
    all_checks_passed(b, "fs_diskcost", 7)
    cost = {m.group(1): (int(m.group(2)), int(m.group(3))) for m in
            re.finditer(r"diskcost: (\w+): \d+ ops, commands x100 per op (\d+), flushes x100 per op (\d+)", b.output)}
    assert set(cost) == {"alone", "together", "bigfile"}, b
    assert 300 <= cost["alone"][1] <= 400, b
    assert cost["alone"][0] <= 1300, b
    if harness.MODE == "mono":
        # No groups in mono mode (docs/mono.md): each cycle its 3 commits.
        assert 300 <= cost["together"][1] <= 400, b
    else:
        assert cost["together"][1] < cost["alone"][1], b
    # A 4 KiB write is three log operations (fs writes 1.5 KiB a time),
    # two to a transaction, plus checkpoints: 2.7 to 2.9 flushes, as
    # the log stood when the write began.
    assert cost["bigfile"][1] <= 400, b
    assert_clean(img)


def test_contents_survive_a_reboot(tmp_path):
    img = mkfs(tmp_path)
    assert run("fs_persist", img).grep("persist: created")
    assert_clean(img)
    b = run("fs_persist", img)
    assert b.grep("persist: verified"), b
    all_checks_passed(b, "fs_persist", 7)
    assert_clean(img)


# The cutter is a task put between fs and the disk driver at EP_BLK: in
# mono mode the kernel serves EP_BLK itself and no task can stand there.
@pytest.mark.skipif(harness.MODE == "mono", reason="interposes a task at EP_BLK, which mono mode serves in the kernel")
def test_power_cut_before_and_after_the_commit(tmp_path):
    img = mkfs(tmp_path)
    # Cut before the commit: the interrupted write never happened.
    b = run("fs_cut", img)
    assert b.grep("cut: found generation 0") and b.grep("cut: power off before the commit"), b
    # generation 1's own operations may still be in the log (installed
    # at a checkpoint); the next boot shows that generation 2's are not.
    assert_clean(img)
    # Cut after the commit: the disk holds the commit but not the blocks.
    b = run("fs_cut", img)
    assert b.grep("cut: found generation 1") and b.grep("cut: power off after the commit"), b
    r = fsck(img)
    assert r.returncode == 0 and "log not empty: recovery pending" in r.stdout, r.stdout
    replayed = str(tmp_path / "replayed.img")
    shutil.copy(img, replayed)
    r = fsck(replayed, "--replay")
    assert r.returncode == 0 and "log replayed" in r.stdout, r.stdout
    # The server's own recovery finishes the write, as fsck's does.
    b = run("fs_cut", img)
    assert b.grep("cut: found generation 2") and b.grep("cut: done"), b
    assert_clean(img)
    with open(img, "rb") as a, open(replayed, "rb") as c:
        assert a.read() == c.read(), "the server and fsck --replay recover the same bytes"


def boot_and_kill(modules, img, text, delay, timeout=60):
    """Boot, and kill QEMU delay seconds after the guest has printed text."""
    proc = subprocess.Popen(qemu_command(modules, disk=img), stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    timer = threading.Timer(timeout, proc.kill)
    timer.start()
    out = b""
    for line in iter(proc.stdout.readline, b""):
        out += line
        if text.encode() in line:
            time.sleep(delay)
            proc.kill()
            break
    out += proc.stdout.read()
    proc.wait()
    timer.cancel()
    return out.decode("utf-8", "replace")


# Where the kill lands is up to the host's timing; the delays spread it
# over the operations of a generation (on the machine this was written
# on, a generation takes about 10 ms, and some kills leave a committed
# log for recovery).  Whatever it hits, the checks below must hold.  The
# kill must land before the guest's last generation: fs_churn goes on for
# 400 of them (about 4 s here), as with 40 a loaded host once read the
# trigger line and killed too late, after the guest had stopped.
@pytest.mark.parametrize("after,delay", [(3, 0.0), (5, 0.004), (8, 0.012), (12, 0.025)])
def test_qemu_killed_mid_operation(tmp_path, after, delay):
    img = mkfs(tmp_path)
    modules = [ktest("fs_churn"), server("ide"), server("fs")]
    out = boot_and_kill(modules, img, "churn: generation %d done" % after, delay)
    done = [int(g) for g in re.findall(r"churn: generation (\d+) done", out)]
    assert done and done[-1] >= after and "churn: stopped" not in out, out
    last = done[-1]
    replayed = str(tmp_path / "replayed.img")
    shutil.copy(img, replayed)
    r = fsck(replayed, "--replay")
    assert r.returncode == 0, r.stdout
    # Boot again: every answered generation is there, the one in flight
    # entirely or not at all.
    b = run("fs_churn", img)
    m = re.search(r"churn: found generation (-?\d+), names (\d) (\d) (\d)", b.output)
    assert m, b
    found, before, this, after_it = map(int, m.groups())
    assert last <= found <= last + 1, (last, b.output)
    assert after_it == 0 and (before or this), b.output
    assert b.grep("churn: stopped"), b
    assert_clean(img)


@pytest.mark.skipif(not harness.FS_RESTARTS, reason="restarts fs, which mono mode links into the kernel")
def test_file_server_restart_keeps_open_files(tmp_path):
    img = mkfs(tmp_path)
    b = run("fs_restart", img)
    assert b.grep("fs: incarnation 2: took over the open files and pipes, 0 entries repaired"), b
    all_checks_passed(b, "fs_restart", 12)
    assert_clean(img)


@pytest.mark.skipif(harness.MODE == "mono", reason="interposes a task at EP_BLK, which mono mode serves in the kernel")
def test_request_committed_before_a_restart_is_answered_once(tmp_path):
    # fs is killed after each request's commit reached the disk, before
    # it answered: the retry gets the committed request's own answer.
    img = mkfs(tmp_path)
    b = run("fs_once", img)
    assert b.grep("fs: incarnation 7: took over"), b
    all_checks_passed(b, "fs_once", 13)
    assert_clean(img)
