# Host round trips through the code generated from tests/idl/example.idl:
# stub -> message -> dispatcher -> handler -> reply -> stub for every type
# (tests/idl/roundtrip.c), over the mock kernel (tests/idl/mock_ipc.c) and
# again through the direct-call binding; under AddressSanitizer and UBSan.

import os
import subprocess
import sys

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "idl"))

from idltest import ASAN_CC, EXAMPLE, HERE, ABI, LIBIPC, SANITIZER_ENV  # noqa: E402
from idltest import compile_each, generate, includes, run  # noqa: E402

HARNESS = ["roundtrip.c", "demo_handlers.c", "mock_ipc.c", "direct_hooks.c"]
GENERATED = ["demo_client.c", "demo_server.c", "demo_print.c", "demo_direct.c"]


@pytest.fixture(scope="module")
def objs(tmp_path_factory):
    """The generated code and the harness, compiled once, in parallel."""
    gen = generate(tmp_path_factory.mktemp("gen"), EXAMPLE)
    out = tmp_path_factory.mktemp("obj")
    cc = ASAN_CC + includes(gen, LIBIPC, ABI, HERE)
    compile_each(cc, [os.path.join(HERE, f) for f in HARNESS] + [gen / f for f in GENERATED], out)
    # roundtrip.c again, as the direct-binding variant
    run(cc + ["-DDIRECT", "-c", os.path.join(HERE, "roundtrip.c"), "-o", out / "roundtrip_direct.o"])
    return out, gen


def link(objs, exe, names):
    run(ASAN_CC + ["-o", exe] + [objs[0] / (n + ".o") for n in names])
    return exe


def test_over_ipc(objs, tmp_path):
    exe = link(objs, tmp_path / "ipc", ["roundtrip", "demo_handlers", "mock_ipc", "demo_client",
                                        "demo_server", "demo_print"])
    r = run([exe])
    assert r.stdout == "ipc: 125 checks, 0 failed\n", r.stdout
    assert r.stderr == ""


def test_direct_binding(objs, tmp_path):
    exe = link(objs, tmp_path / "direct", ["roundtrip_direct", "demo_handlers", "direct_hooks", "demo_direct"])
    r = run([exe])
    assert r.stdout == "direct: 64 checks, 0 failed\n", r.stdout
    assert r.stderr == ""


def test_a_broken_stub_is_caught(objs, tmp_path):
    # The round trip has teeth: a stub that puts one word wrong fails it.
    obj, gen = objs
    wire = (gen / "demo_wire.h").read_text()
    broken = wire.replace("m->w[4] = (uint32_t)args->flip;", "m->w[4] = 0;")
    assert broken != wire
    (tmp_path / "demo_wire.h").write_text(broken)
    (tmp_path / "demo_client.c").write_text((gen / "demo_client.c").read_text())
    run(ASAN_CC + includes(tmp_path, gen, LIBIPC, ABI) + ["-c", tmp_path / "demo_client.c",
                                                    "-o", tmp_path / "demo_client.o"])
    exe = tmp_path / "ipc"
    run(ASAN_CC + ["-o", exe, tmp_path / "demo_client.o"] +
        [obj / (n + ".o") for n in ("roundtrip", "demo_handlers", "mock_ipc", "demo_server", "demo_print")])
    r = subprocess.run([exe], capture_output=True, text=True, env=SANITIZER_ENV)
    assert r.returncode == 1
    assert "ipc: line" in r.stdout and "failed: q.x == 7 && q.y == 2 && c == DEMO_COLOUR_RED" in r.stdout
