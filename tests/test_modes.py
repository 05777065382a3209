"""The two builds, micro (build/) and mono (build/mono/, docs/mono.md),
differ only in the kernel: the user programs, the boot modules that stay
in user space and the file-system image are the same bytes in both, so a
figure compared between the modes measures the boundary and nothing else."""
import filecmp
import os
import re
import subprocess

import harness

ROOT = harness.ROOT
# What user space runs in both modes: proc stays a user task (docs/mono.md).
USER_SPACE = ["fs.img", "README", os.path.join("servers", "proc.elf")]


def build(mode):
    r = subprocess.run(["make", "-s", "MODE=" + mode], cwd=ROOT, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, timeout=900)
    assert r.returncode == 0, r.stdout.decode()
    return harness.build_dir(mode)


def test_modes_build_into_their_own_directories():
    micro, mono = build("micro"), build("mono")
    assert micro != mono
    for d in (micro, mono):
        assert os.path.isfile(os.path.join(d, "kernel.elf"))


def test_user_space_is_byte_identical_between_modes():
    micro, mono = build("micro"), build("mono")
    programs = sorted(os.listdir(os.path.join(micro, "bin")))
    assert "sh" in programs and "cat" in programs
    files = USER_SPACE + [os.path.join("bin", p) for p in programs]
    different = [f for f in files
                 if not filecmp.cmp(os.path.join(micro, f), os.path.join(mono, f), shallow=False)]
    assert different == []
    assert sorted(os.listdir(os.path.join(mono, "bin"))) == programs


RESIDENT = ["fs", "ide", "console"]     # the servers mono mode is to link into the kernel
# What each server object exports: main, and for a server linked into
# the mono kernel the entry points the kernel calls (Makefile).
ENTRIES = {"ide": ["blk_dispatch", "ide_start", "main"],
           "fs": ["fs_request", "fs_start", "main"],
           "console": ["console_dispatch", "console_interrupt", "console_start", "main"]}


def nm_defined_globals(obj):
    r = subprocess.run(["i686-linux-gnu-nm", "-g", "--defined-only", obj],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=True)
    return [line.split()[-1] for line in r.stdout.decode().splitlines()]


def test_each_server_object_exports_only_its_entry_points():
    for s in RESIDENT + ["proc"]:
        exported = sorted(nm_defined_globals(os.path.join(harness.BUILD, "servers", s + ".o")))
        assert exported == ENTRIES.get(s, ["main"]), s


def test_the_kernel_runs_the_same_server_objects():
    """The object mono mode links into the kernel is the very object the
    micro build links into the server task."""
    micro, mono = build("micro"), build("mono")
    for s in harness.RESIDENT["mono"]:
        assert filecmp.cmp(os.path.join(micro, "servers", s + ".o"),
                           os.path.join(mono, "servers", s + ".o"), shallow=False), s


def test_resident_servers_link_together_without_collisions(tmp_path):
    """Linked into one kernel, the servers must not capture each other's
    names: fs and console both define a client_get of their own."""
    renamed = []
    for s in RESIDENT:
        out = str(tmp_path / (s + ".o"))
        subprocess.run(["i686-linux-gnu-objcopy", "--redefine-sym", "main=%s_main" % s,
                        os.path.join(harness.BUILD, "servers", s + ".o"), out], check=True)
        renamed.append(out)
    r = subprocess.run(["i686-linux-gnu-ld", "-m", "elf_i386", "-r", "-o", str(tmp_path / "all.o")] + renamed,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert r.returncode == 0, r.stdout.decode()
    expected = [s + "_main" if e == "main" else e for s in RESIDENT for e in ENTRIES.get(s, ["main"])]
    assert sorted(nm_defined_globals(str(tmp_path / "all.o"))) == sorted(expected)


def mono_boot(program, disk=None, extra=()):
    mono = build("mono")
    return harness.boot([os.path.join(mono, "ktest", program + ".elf")], disk=disk, extra=extra,
                        timeout=120, mode="mono")


def test_mono_descriptor_changed_after_its_check_is_refused():
    """A task flips a call's slen between do_send's check and the resident
    path's copy: the copy is checked again, so nothing overruns the
    kernel's request buffer and fs still answers."""
    b = mono_boot("mono_slen_race")
    assert not b.timed_out and b.guest_code == 0 and not b.grep("panic"), b
    m = re.search(r"mono_slen_race: (\d+) calls refused E_TOOBIG, (\d+) went in; fs still answers", b.output)
    assert m and int(m.group(1)) > 0, b


def test_mono_disk_requests_complete_by_interrupt(tmp_path):
    """blk served in the kernel, in the test's own thread: every request
    ends with the drive's interrupt waking the caller, never a timeout."""
    img = str(tmp_path / "fs.img")
    subprocess.run(["/usr/bin/python3", os.path.join(ROOT, "tools", "mkfs"), "--size", "2000", img],
                   check=True, stdout=subprocess.DEVNULL)
    b = mono_boot("blk_driver", disk=img)
    assert not b.timed_out and b.guest_code == 0, b
    assert b.grep("ide: disk 1: QEMU HARDDISK"), b
    m = re.search(r"blk: (\d+) of (\d+) checks passed", b.output)
    assert m and m.group(1) == m.group(2) and int(m.group(2)) >= 20, b
    assert not b.grep("FAILED") and not b.grep("no interrupt within"), b


def test_mono_driver_refused_its_line_leaves_it_to_its_holder():
    """ide's start-up is refused IRQ 14, which the root task holds: the
    kernel must not hand that line to the tasks that call the driver."""
    b = mono_boot("blk_irq_taken", extra=["-drive", "driver=null-co,size=1M,if=ide,index=1"])
    assert not b.timed_out and b.guest_code == 0, b
    assert b.grep("ide: cannot have IRQ 14"), b
    assert b.grep("check the driver without its line answers: ok"), b
    assert b.grep("check and answers again: ok"), b
    assert b.grep("blk_irq_taken: 2 of 2 checks passed"), b


def test_mono_lost_interrupt_times_out_with_an_error():
    # QEMU's null-co drive answers 60 s late: far past the driver's 3 s wait,
    # even on a loaded host whose late timer interrupts make fewer ticks.
    drive = "driver=null-co,size=1M,latency-ns=60000000000,if=ide,index=1"
    b = mono_boot("blk_timeout", extra=["-drive", drive])
    assert not b.timed_out and b.guest_code == 0, b
    assert b.grep("ide: disk 1: no interrupt within 300 ticks"), b
    # The child's read waited inside the driver; the call with a 30-tick
    # timeout made meanwhile gave up at its deadline, not after that read.
    assert b.grep("check read from a drive that does not answer: ok"), b
    gave_up = int(re.search(r"the call gave up after (\d+) ticks", b.output).group(1))
    assert gave_up < 300, b
    assert b.grep("blk_timeout: 2 of 2 checks passed"), b
    assert not b.grep("panic"), b
