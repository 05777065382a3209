# A host fuzz of every generated dispatcher (idl/*.idl and the example):
# random, truncated and oversized messages and mangled valid requests,
# under AddressSanitizer and UBSan.  The dispatcher must answer each with a
# well-formed reply or defer, never read past what arrived, and never hand
# a handler an invalid value; valid requests must always reach their
# handler.  See tests/idl/fuzz_main.c and tests/idl/fuzzgen.py.

import os
import subprocess
import sys

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "idl"))

from idltest import ASAN_CC, EXAMPLE, HERE, INTERFACES, ABI, LIBIPC, SANITIZER_ENV  # noqa: E402
from idltest import compile_each, generate, includes, run  # noqa: E402
import fuzzgen  # noqa: E402

MESSAGES = 20000


def build(src_dir, name, out):
    """Build the fuzz of interface name from the generated code in src_dir."""
    iface_file = EXAMPLE if name == "demo" else os.path.join(os.path.dirname(INTERFACES[0]), name + ".idl")
    iface = fuzzgen.load(iface_file)
    text = fuzzgen.generate(iface) + "\n".join(fuzzgen.libipc_stubs()) + "\n"
    (out / "fuzz_gen.c").write_text(text)
    cc = ASAN_CC + includes(src_dir, LIBIPC, ABI, HERE)
    compile_each(cc, [os.path.join(HERE, "fuzz_main.c"), out / "fuzz_gen.c",
                      src_dir / (name + "_server.c"), src_dir / (name + "_print.c")], out)
    run(ASAN_CC + ["-o", "fuzz", "fuzz_main.o", "fuzz_gen.o", name + "_server.o", name + "_print.o"], cwd=out)
    return out / "fuzz"


@pytest.fixture(scope="module")
def gen(tmp_path_factory):
    return generate(tmp_path_factory.mktemp("gen"), EXAMPLE, *INTERFACES)


@pytest.mark.parametrize("name", ["demo", "proc", "fs", "blk", "console"])
def test_fuzz_dispatcher(gen, name, tmp_path):
    exe = build(gen, name, tmp_path)
    r = run([exe, "12345", str(MESSAGES)])
    lines = r.stdout.splitlines()
    ops = fuzzgen.load(EXAMPLE if name == "demo" else
                       os.path.join(os.path.dirname(INTERFACES[0]), name + ".idl")).ops
    assert len(lines) == len(ops) + 1
    for line, op in zip(lines, ops):
        # every operation's handler was reached, many times
        assert line.startswith("op %d: " % op.number)
        assert int(line.split()[2]) > MESSAGES // (len(ops) * 10)
    last = lines[-1].split()
    assert last[:3] == ["fuzz:", str(MESSAGES), "messages,"]
    handled, rejected = int(last[3]), int(last[5])
    assert handled + rejected == MESSAGES and handled > MESSAGES // 4 and rejected > MESSAGES // 4
    assert r.stderr == ""


def test_fuzz_catches_a_missing_check(gen, tmp_path):
    # The fuzz has teeth: with one string check taken out of a dispatcher's
    # decoder, a handler gets an unterminated string and the run stops.
    src = tmp_path / "src"
    src.mkdir()
    for f in os.listdir(gen):
        (src / f).write_text((gen / f).read_text())
    wire = (src / "demo_wire.h").read_text()
    check = ("    if (idl_strsize(wire->a, sizeof wire->a) == 0)\n"
             "        return E_BADMSG;\n")
    assert wire.count(check) == 1
    (src / "demo_wire.h").write_text(wire.replace(check, ""))
    out = tmp_path / "out"
    out.mkdir()
    exe = build(src, "demo", out)
    r = subprocess.run([exe, "12345", str(MESSAGES)], capture_output=True, text=True, env=SANITIZER_ENV)
    assert r.returncode != 0
    assert "a handler got a string without its NUL" in r.stderr or "heap-buffer-overflow" in r.stderr
