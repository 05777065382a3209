# Helpers shared by the tests/test_idl*.py suites: where things are, how to
# run idlc, and the compiler command lines the generated code must pass.

import os
import subprocess
import sys

sys.dont_write_bytecode = True

HERE = os.path.dirname(os.path.abspath(__file__))          # tests/idl
ROOT = os.path.dirname(os.path.dirname(HERE))              # the repository
sys.path.insert(0, os.path.join(ROOT, "tools"))            # the compiler, as package idl
PYTHON = "/usr/bin/python3"
IDLC = os.path.join(ROOT, "tools", "idlc")
LIBIPC = os.path.join(ROOT, "libipc")
ABI = os.path.join(ROOT, "abi")                            # the kernel's contract, which libipc includes
EXAMPLE = os.path.join(HERE, "example.idl")
GOLDEN = os.path.join(HERE, "golden")
INTERFACES = sorted(os.path.join(ROOT, "idl", f) for f in os.listdir(os.path.join(ROOT, "idl"))
                    if f.endswith(".idl"))

HOST_CC = ["gcc", "-Wall", "-Wextra", "-Werror", "-O2"]
I386_CC = ["i686-linux-gnu-gcc", "-m32", "-ffreestanding", "-nostdlib", "-fno-pic",
           "-Wall", "-Wextra", "-Werror", "-O2"]
ASAN_CC = ["gcc", "-Wall", "-Wextra", "-Werror", "-g", "-O1",
           "-fsanitize=address,undefined", "-fno-sanitize-recover=all"]


def idlc(*args, cwd=ROOT):
    """Run idlc; return the finished process (stdout and stderr as text)."""
    return subprocess.run([PYTHON, IDLC] + list(args), cwd=cwd, capture_output=True, text=True)


def generate(outdir, *files):
    r = idlc("-o", str(outdir), *files)
    assert r.returncode == 0, r.stderr
    assert r.stderr == ""
    return outdir


# Leak checking is not what these tests are about, and LeakSanitizer can
# fail by itself on a loaded machine: leave it out.
SANITIZER_ENV = dict(os.environ, ASAN_OPTIONS="detect_leaks=0")


def run(cmd, cwd=None):
    """Run a command that must succeed; its output goes in the failure message."""
    r = subprocess.run([str(c) for c in cmd], cwd=cwd, capture_output=True, text=True, env=SANITIZER_ENV)
    assert r.returncode == 0, "%s\n%s%s" % (" ".join(map(str, cmd)), r.stdout, r.stderr)
    return r


def includes(*dirs):
    return ["-I" + str(d) for d in dirs]


def compile_each(cc, files, cwd):
    """Compile each file to an object in cwd, as many at once as there are CPUs."""
    from concurrent.futures import ThreadPoolExecutor
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        for r in pool.map(lambda f: subprocess.run([str(c) for c in cc + ["-c", f]], cwd=cwd,
                                                   capture_output=True, text=True), files):
            assert r.returncode == 0, "%s\n%s%s" % (" ".join(r.args), r.stdout, r.stderr)
