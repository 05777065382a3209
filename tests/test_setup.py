"""The first command on a fresh machine: every entry point runs set-up
before anything asks for the cross compiler, and the compiler's library
path is never taken while the compiler is missing.

A fresh machine is played by a PATH that holds everything in /usr/bin but
the cross tools (i686-linux-gnu-*), and a fake set-up script that logs
that it ran and "installs" the tools by putting logging wrappers of the
real ones on that PATH.  Make runs with -n into an empty build directory,
so every compile and link line is printed and nothing is built or
installed; one test then builds a copy of the tree for real that way.
The real tools/setup.sh runs too, with a fake apt-get.
"""
import os
import pathlib
import shutil
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
CROSS = "i686-linux-gnu-"
CROSS_TOOLS = ["gcc", "ld", "objcopy", "ar"]
ENTRY_POINTS = [[], ["all"], ["qemu"], ["qemu-gdb"], ["test"], ["bench"]]

FAKE_SETUP = """#!/bin/sh
echo setup >> "$LOG"
[ "$INSTALL" = yes ] || exit "${SETUP_RC:-0}"
for t in %(tools)s; do
    printf '#!/bin/sh\\necho "%(cross)s%%s $*" >> "$LOG"\\nexec /usr/bin/%(cross)s%%s "$@"\\n' $t $t \\
        > "$FAKEBIN/%(cross)s$t"
    chmod +x "$FAKEBIN/%(cross)s$t"
done
""" % {"tools": " ".join(CROSS_TOOLS), "cross": CROSS}


@pytest.fixture
def fresh(tmp_path):
    """A PATH without the cross tools, a fake set-up script and its log."""
    fakebin = tmp_path / "bin"
    fakebin.mkdir()
    for name in os.listdir("/usr/bin"):
        if not name.startswith(CROSS):
            (fakebin / name).symlink_to(os.path.join("/usr/bin", name))
    setup = tmp_path / "fake-setup.sh"
    setup.write_text(FAKE_SETUP)
    log = tmp_path / "log"
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAKE")}
    env.update(PATH=str(fakebin), LOG=str(log), FAKEBIN=str(fakebin), INSTALL="yes")
    return {"tmp": tmp_path, "bin": fakebin, "setup": setup, "log": log, "env": env}


def make(fresh, goals, **env):
    cmd = ["make", "-n", "--no-print-directory", "-C", str(ROOT), "B=" + str(fresh["tmp"] / "build"),
           "SETUP=sh " + str(fresh["setup"]), *goals]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=300,
                          env=dict(fresh["env"], **env))


def libgcc_links(out):
    """The link commands make printed that must name libgcc (kernel, servers, programs)."""
    lines = out.replace("\\\n", " ").splitlines()
    return [l for l in lines if CROSS + "ld " in l and ("kernel.ld" in l or "user.ld" in l)]


def log_lines(fresh):
    return fresh["log"].read_text().splitlines() if fresh["log"].exists() else []


def test_the_cross_compiler_really_is_absent(fresh):
    r = subprocess.run(["sh", "-c", "command -v %sgcc" % CROSS], env=fresh["env"])
    assert r.returncode != 0


@pytest.mark.parametrize("goals", ENTRY_POINTS, ids=lambda g: " ".join(g) or "make")
def test_every_entry_point_sets_up_first(fresh, goals):
    r = make(fresh, goals)
    assert r.returncode == 0, r.stderr
    log = log_lines(fresh)
    assert log and log[0] == "setup", log
    assert log.count("setup") == 1, log
    # The compiler is asked for its library only after set-up put it there.
    queries = [l for l in log if "-print-libgcc-file-name" in l]
    assert queries, log
    libgcc = subprocess.run(["/usr/bin/%sgcc" % CROSS, "-m32", "-print-libgcc-file-name"],
                            capture_output=True, text=True).stdout.strip()
    assert os.path.isfile(libgcc)
    links = libgcc_links(r.stdout)
    assert any("kernel.elf" in l for l in links) and any("bin/sh.debug" in l for l in links), links
    # Every link names the real library: nothing was taken, or cached, empty.
    for l in links:
        assert libgcc in l.split(), l


def test_no_compiler_after_setup_is_a_clear_error(fresh):
    r = make(fresh, ["all"], INSTALL="no")
    assert r.returncode != 0
    assert "gives no libgcc" in r.stderr, r.stderr
    assert log_lines(fresh) == ["setup"]
    assert libgcc_links(r.stdout) == [], r.stdout


def test_failed_setup_stops_make_before_any_rule(fresh):
    r = make(fresh, ["test"], INSTALL="no", SETUP_RC="1")
    assert r.returncode != 0
    assert "set-up failed" in r.stderr, r.stderr
    assert r.stdout == "", r.stdout


def test_clean_needs_no_setup(fresh):
    r = make(fresh, ["clean"])
    assert r.returncode == 0, r.stderr
    assert log_lines(fresh) == []


def test_setup_script_installs_what_is_missing(fresh):
    """The real tools/setup.sh on the fresh PATH, with apt-get logging instead of installing."""
    apt = fresh["bin"] / "apt-get"
    apt.unlink()
    apt.write_text('#!/bin/sh\necho "apt-get $*" >> "$LOG"\n')
    apt.chmod(0o755)
    for tool in ["grub-mkrescue", "xorriso", "mformat", "sudo"]:
        if (fresh["bin"] / tool).is_symlink():
            (fresh["bin"] / tool).unlink()
    sudo = fresh["bin"] / "sudo"
    sudo.write_text('#!/bin/sh\nexec "$@"\n')
    sudo.chmod(0o755)
    r = subprocess.run(["sh", str(ROOT / "tools" / "setup.sh")], capture_output=True, text=True,
                       env=fresh["env"], timeout=60)
    assert r.returncode == 0, r.stderr
    installs = [l.split() for l in log_lines(fresh) if l.startswith("apt-get") and " install " in l]
    assert len(installs) == 1, log_lines(fresh)
    wanted = {"gcc-i686-linux-gnu", "binutils-i686-linux-gnu", "grub-common", "xorriso", "mtools"}
    assert wanted <= set(installs[0]), installs
    # What the machine has is not installed again.
    assert "make" not in installs[0] and "qemu-system-x86" not in installs[0], installs


def test_first_make_on_a_fresh_machine_builds_everything(fresh):
    """Not a dry run: a copy of the tree without build/, built from nothing."""
    tree = fresh["tmp"] / "tree"
    shutil.copytree(ROOT, tree, symlinks=True,
                    ignore=shutil.ignore_patterns(".git", "build", "__pycache__", ".pytest_cache"))
    r = subprocess.run(["make", "--no-print-directory", "SETUP=sh " + str(fresh["setup"])], cwd=tree,
                       capture_output=True, text=True, timeout=1200, env=fresh["env"])
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    assert log_lines(fresh)[0] == "setup"
    for built in ["kernel.elf", "servers/proc.elf", "bin/sh", "bin/systests", "fs.img"]:
        assert (tree / "build" / built).is_file(), built
