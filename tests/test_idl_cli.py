# The idlc command line: --help, where the output goes, what it writes, and
# that its tables of error codes and endpoints match libipc/ipc.h.

import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "idl"))

from idltest import ABI, EXAMPLE, LIBIPC, PYTHON, IDLC, idlc, run  # noqa: E402
from idl import abi  # noqa: E402  (the compiler's package, tools/idl)

OUTPUTS = ["demo.md", "demo_client.c", "demo_client.h", "demo_direct.c", "demo_print.c", "demo_server.c",
           "demo_server.h", "demo_wire.h", "idl.h", "idl_print.h"]


def test_help():
    r = idlc("--help")
    assert r.returncode == 0
    assert r.stdout.startswith("usage: idlc [-h] [-o OUTDIR] [--compat] FILE.idl [FILE.idl ...]")
    for word in ("NAME_client.c", "NAME_direct.c", "--compat OLD.idl NEW.idl", "file:line:col: message",
                 "default: build/gen"):
        assert word in r.stdout


def test_runs_on_its_own_from_anywhere(tmp_path):
    # Outside the build, from another directory, as an executable.
    assert os.access(IDLC, os.X_OK)
    with open(IDLC) as f:
        assert f.readline() == "#!/usr/bin/python3\n"
    run([IDLC, EXAMPLE], cwd=tmp_path)
    assert sorted(os.listdir(tmp_path / "build" / "gen")) == OUTPUTS


def test_bad_usage():
    r = idlc()
    assert r.returncode == 2 and "the following arguments are required: FILE.idl" in r.stderr
    r = idlc("--compat", EXAMPLE)
    assert r.returncode == 2 and "--compat takes exactly two files" in r.stderr


def test_unchanged_files_are_not_rewritten(tmp_path):
    run([PYTHON, IDLC, "-o", tmp_path, EXAMPLE])
    old = {f: os.stat(tmp_path / f).st_mtime_ns for f in OUTPUTS}
    os.utime(tmp_path / "demo_client.h", ns=(1, 1))
    run([PYTHON, IDLC, "-o", tmp_path, EXAMPLE])
    assert os.stat(tmp_path / "demo_client.h").st_mtime_ns == 1       # same content: left alone
    assert os.stat(tmp_path / "demo_client.c").st_mtime_ns == old["demo_client.c"]


def header(folder, name):
    with open(os.path.join(folder, name)) as f:
        return f.read()


def enum_body(text, name):
    m = re.search(r"enum %s \{(.*?)\};" % name, text, re.S)
    return m.group(1)


def error_enums():
    """The kernel's codes (abi/message.h) and the servers' (libipc/ipc.h): one number space."""
    return enum_body(header(ABI, "message.h"), "kernel_error") + enum_body(header(LIBIPC, "ipc.h"), "service_error")


def test_error_table_matches_the_headers():
    errors = {n: int(v) for n, v in re.findall(r"\b(E_[A-Z]+) = (-?\d+)", error_enums()) if n != "E_NERRORS"}
    assert errors == abi.ERRORS
    assert len(set(errors.values())) == len(errors)


def test_transport_errors_are_those_the_kernel_calls_transport():
    marked = set(re.findall(r"\b(E_[A-Z]+) = -?\d+,\s*// transport:", error_enums()))
    assert marked and marked <= set(abi.TRANSPORT_ERRORS)
    assert set(abi.TRANSPORT_ERRORS) <= set(abi.ERRORS)


def test_endpoints_and_limits_match_the_headers():
    eps = {n: int(v) for n, v in re.findall(r"\b(EP_[A-Z0-9]+) = (\d+)", enum_body(header(LIBIPC, "ipc.h"), "ipc_endpoint"))}
    assert eps == abi.ENDPOINTS
    text = header(ABI, "message.h")
    assert re.search(r"#define IPC_NWORDS (\d+)", text).group(1) == str(abi.NWORDS)
    assert re.search(r"#define IPC_MAXBUF (\d+)", text).group(1) == str(abi.MAXBUF)
