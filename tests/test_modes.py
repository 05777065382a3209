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
