"""The two builds, micro (build/) and mono (build/mono/, docs/mono.md),
differ only in the kernel: the user programs, the boot modules that stay
in user space and the file-system image are the same bytes in both, so a
figure compared between the modes measures the boundary and nothing else."""
import filecmp
import os
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


RESIDENT = ["fs", "ide", "console"]     # the servers mono mode links into the kernel


def nm_defined_globals(obj):
    r = subprocess.run(["i686-linux-gnu-nm", "-g", "--defined-only", obj],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=True)
    return [line.split()[-1] for line in r.stdout.decode().splitlines()]


def test_each_server_object_exports_only_its_entry_point():
    for s in RESIDENT + ["proc"]:
        assert nm_defined_globals(os.path.join(harness.BUILD, "servers", s + ".o")) == ["main"], s


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
    assert sorted(nm_defined_globals(str(tmp_path / "all.o"))) == ["console_main", "fs_main", "ide_main"]
