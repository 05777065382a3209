"""The kernel under a real boot loader: GRUB, from the rescue image that
`make iso` builds (build/ukernel.iso, menu tools/grub.cfg).  GRUB loads
the kernel by its ELF headers and the servers as modules named on their
`module` lines; the test boots the image to the shell, runs a command
and powers off.  Also: the module-name rule proc uses, under QEMU's own
loader, with names that only look like a server's."""
import os
import shutil

import pytest

from harness import BUILD, QEMU, Step, boot, boot_command, server

ISO = os.path.join(BUILD, "ukernel.iso")
SYSTEM = ["proc", "console", "ide", "fs"]


def iso_command(cpus, disk):
    """make qemu-iso's command line: GRUB's image on the CD-ROM, the file
    system on its IDE disk as with -kernel."""
    return [QEMU, "-accel", "tcg", "-m", "256", "-smp", "%d,sockets=%d" % (cpus, cpus),
            "-display", "none", "-monitor", "none", "-serial", "stdio", "-no-reboot",
            "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
            "-cdrom", ISO, "-boot", "d",
            "-drive", "file=%s,format=raw,if=ide,index=1,media=disk,cache=unsafe" % disk]


def fresh_disk(tmp_path):
    disk = str(tmp_path / "fs.img")
    shutil.copyfile(os.path.join(BUILD, "fs.img"), disk)
    return disk


@pytest.mark.parametrize("cpus", [1, 2], ids=["1cpu", "2cpus"])
def test_grub_boots_the_iso_to_a_shell(tmp_path, cpus):
    assert os.path.exists(ISO), "run make iso (make test builds it)"
    steps = [Step("init: starting sh"),
             Step("$ ", serial=b"echo loaded-by-grub\n"),
             Step("echo loaded-by-grub"),
             Step("loaded-by-grub", serial=b"halt\n")]
    b = boot_command(iso_command(cpus, fresh_disk(tmp_path)), steps, timeout=240)
    assert not b.timed_out, b
    assert b.guest_code == 0, b
    assert "panic" not in b.output, b
    # GRUB passed the kernel only the words after its file name, and each
    # server was found by the name on its module line.
    assert b.grep("ukernel: command line 'display'"), b
    assert b.grep("ukernel: %d cpus up" % cpus), b
    for name in SYSTEM[1:]:
        assert b.grep("proc: started %s as task" % name), b
    assert b.grep("console: serial line (irq 4) in use, keyboard (irq 1) in use, CGA screen in use"), b
    assert "loaded-by-grub" in b.lines, b


def test_a_module_is_found_by_its_exact_name(tmp_path):
    """QEMU's -initrd passes "path words..." as a module's command line.
    The name is the last element of the first word without .elf: words
    after the path do not hide it, and "fs.old.elf" or "ide-test.elf" are
    neither fs nor ide."""
    decoy_fs, decoy_ide = str(tmp_path / "fs.old.elf"), str(tmp_path / "ide-test.elf")
    shutil.copyfile(server("fs"), decoy_fs)
    shutil.copyfile(server("ide"), decoy_ide)
    modules = [server("proc"), server("console") + " console", decoy_ide, decoy_fs, server("ide")]
    b = boot(modules, cpus=1, timeout=90)
    assert not b.timed_out, b
    assert b.grep("proc: started console as task"), b
    assert b.grep("proc: started ide as task"), b
    assert b.grep("proc: no boot module named fs; cannot go on"), b
    assert b.grep("with GRUB, write `module /boot/fs.elf fs`"), b
    assert b.guest_code == 4, b
