# idlc --compat OLD.idl NEW.idl: the changes that would break clients built
# against OLD are each reported as file:line:col: message (exit 1); changes
# that keep the wire the same pass silently (exit 0).

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "idl"))

from idltest import INTERFACES, idlc  # noqa: E402

OLD = """\
interface k {
    id 9;
    version 1;
    endpoint EP_TEST;
    enum e { A = 1, B = 2 }
    op 1 get(in u32 key, out string<32> value) errors(E_NOENT);
    op 2 put(in seqno seq, in u32 key, in string<32> value);
    op 3 del(in u32 key);
    op 5 kind(in u32 key, out e kind);
    reserved 4;
}
"""


def compat(tmp_path, new_text, old_text=OLD):
    old, new = tmp_path / "old.idl", tmp_path / "new.idl"
    old.write_text(old_text)
    new.write_text(new_text)
    r = idlc("--compat", str(old), str(new))
    lines = [line.replace(str(tmp_path) + "/", "") for line in r.stderr.splitlines()]
    return r.returncode, lines


def change(*edits):
    text = OLD
    for a, b in edits:
        assert a in text
        text = text.replace(a, b)
    return text


def test_compatible_changes_pass(tmp_path):
    new = change(("in u32 key, out string<32> value) errors(E_NOENT)",
                  "in u32 k, out string<32> v) errors(E_NOENT, E_IO)"),   # renamed, one more error
                 ("    op 3 del(in u32 key);\n", ""), ("reserved 4;", "reserved 3, 4;"),  # removed: reserved
                 ("    reserved 3, 4;\n}", "    reserved 3, 4;\n    op 6 size(out u32 n);\n}"))  # a new op
    assert compat(tmp_path, new) == (0, [])


def test_each_real_interface_is_compatible_with_itself(tmp_path):
    for f in INTERFACES:
        r = idlc("--compat", f, f)
        assert (r.returncode, r.stderr) == (0, ""), f


def test_renumbered_operation(tmp_path):
    assert compat(tmp_path, change(("op 1 get", "op 6 get"))) == \
        (1, ["new.idl:6:10: operation 'get' was renumbered from 1 to 6"])


def test_changed_parameter_type(tmp_path):
    assert compat(tmp_path, change(("in seqno seq, in u32 key", "in seqno seq, in u16 key"))) == \
        (1, ["new.idl:7:35: operation 'put': in parameter 'key' changed type from u32 to u16"])
    assert compat(tmp_path, change(("out string<32> value)", "out string<64> value)"))) == \
        (1, ["new.idl:6:41: operation 'get': out parameter 'value' changed type from string<32> to string<64>"])


def test_changed_enum(tmp_path):
    assert compat(tmp_path, change(("B = 2", "B = 3"))) == \
        (1, ["new.idl:9:33: operation 'kind': out parameter 'kind' changed type from "
             "enum{A=1,B=2} to enum{A=1,B=3}"])


def test_added_parameter(tmp_path):
    assert compat(tmp_path, change(("get(in u32 key,", "get(in u32 key, in bool exact,"))) == \
        (1, ["new.idl:6:10: operation 'get': its in parameters changed from (u32) to (u32, bool)"])


def test_reused_reserved_number(tmp_path):
    assert compat(tmp_path, change(("reserved 4;", "op 4 add(in u32 key);"))) == \
        (1, ["new.idl:10:10: operation 'add' reuses number 4, which was reserved"])


def test_removed_without_reserving(tmp_path):
    assert compat(tmp_path, change(("    op 3 del(in u32 key);\n", ""))) == \
        (1, ["old.idl:8:10: operation 'del' (3) was removed without reserving its number"])


def test_number_of_removed_operation_reused(tmp_path):
    assert compat(tmp_path, change(("op 3 del(in u32 key)", "op 3 clear()"))) == \
        (1, ["new.idl:8:10: operation 'clear' reuses number 3 of operation 'del'"])


def test_reserved_number_dropped(tmp_path):
    assert compat(tmp_path, change(("    reserved 4;\n", ""))) == \
        (1, ["old.idl:10:14: reserved number 4 is no longer reserved"])


def test_interface_identity(tmp_path):
    assert compat(tmp_path, change(("id 9;", "id 10;"), ("version 1;", "version 2;"),
                                   ("EP_TEST;", "EP_TEST2;"))) == \
        (1, ["new.idl:1:11: interface id changed from 9 to 10",
             "new.idl:1:11: interface version changed from 1 to 2",
             "new.idl:1:11: interface endpoint changed from EP_TEST to EP_TEST2"])


def test_several_breaks_are_all_reported(tmp_path):
    code, lines = compat(tmp_path, change(("op 1 get", "op 7 get"), ("    reserved 4;\n", ""),
                                          ("in seqno seq, in u32 key", "in seqno seq, in i32 key")))
    assert code == 1 and len(lines) == 3


def test_an_invalid_version_is_an_error(tmp_path):
    assert compat(tmp_path, change(("op 1 get", "op 1 get2"), ("op 5 kind", "op 1 kind"))) == \
        (1, ["new.idl:9:8: duplicate operation number 1 (first used by 'get2' at new.idl:6:8)"])
