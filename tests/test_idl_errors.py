# Every kind of mistake in an .idl file gets its exact message, as
# file:line:col: message, and idlc exits with 1.  The cases are the files
# in tests/idl/bad/: each one's first line says what idlc must print.

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "idl"))

import pytest  # noqa: E402

from idltest import HERE, idlc  # noqa: E402

BAD = os.path.join(HERE, "bad")
CASES = sorted(f for f in os.listdir(BAD) if f.endswith(".idl"))


def expected(name):
    with open(os.path.join(BAD, name)) as f:
        first = f.readline()
    assert first.startswith("// expect: ")
    return first[len("// expect: "):].rstrip("\n")


@pytest.mark.parametrize("name", CASES)
def test_bad_input(name, tmp_path):
    path = "tests/idl/bad/" + name
    r = idlc("-o", str(tmp_path), path)
    assert r.returncode == 1
    assert r.stderr == "%s:%s\n" % (path, expected(name))
    assert r.stdout == ""
    assert list(tmp_path.iterdir()) == []       # nothing is written


def test_every_kind_of_error_is_covered():
    kinds = {n.split("_")[0] for n in CASES}
    for kind in ("lex", "syntax", "unknown", "dup", "reserved", "c", "unbounded", "too",
                 "transport", "name", "seqno", "bound", "doc", "missing"):
        assert kind in kinds, kind


def write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text)
    return str(p)


IFACE = "interface %s {\n    id %d;\n    version 1;\n    endpoint %s;\n    op 1 f();\n}\n"


def test_interfaces_compiled_together_must_differ(tmp_path):
    a = write(tmp_path, "a.idl", IFACE % ("a", 5, "EP_TEST"))
    b = write(tmp_path, "b.idl", IFACE % ("b", 5, "EP_TEST2"))
    c = write(tmp_path, "c.idl", IFACE % ("c", 6, "EP_TEST"))
    out = str(tmp_path / "out")
    r = idlc("-o", out, a, b)
    assert r.returncode == 1
    assert r.stderr == "%s:1:11: interface id 5 is already used by 'a' (%s:1:11)\n" % (b, a)
    r = idlc("-o", out, a, c)
    assert r.stderr == "%s:1:11: interface endpoint EP_TEST is already used by 'a' (%s:1:11)\n" % (c, a)
    r = idlc("-o", out, a, a)
    assert r.stderr == "%s:1:11: interface name a is already used by 'a' (%s:1:11)\n" % (a, a)


def test_unreadable_file(tmp_path):
    r = idlc("-o", str(tmp_path), str(tmp_path / "missing.idl"))
    assert r.returncode == 1
    assert r.stderr.startswith("idlc: cannot read %s: " % (tmp_path / "missing.idl"))


def test_only_the_first_error_is_reported(tmp_path):
    f = write(tmp_path, "two.idl", IFACE.replace("op 1 f();", "op 1 f(in nope a);\n    op 1 g();")
              % ("t", 5, "EP_TEST"))
    r = idlc("-o", str(tmp_path / "out"), f)
    assert r.stderr == "%s:5:15: unknown type 'nope'\n" % f


def test_a_good_file_compiles_silently(tmp_path):
    f = write(tmp_path, "good.idl", IFACE % ("good", 7, "EP_TEST"))
    r = idlc("-o", str(tmp_path / "out"), f)
    assert (r.returncode, r.stdout, r.stderr) == (0, "", "")
