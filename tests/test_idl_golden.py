# Golden tests: the code generated from tests/idl/example.idl must be
# exactly the files in tests/idl/golden/.  After a deliberate change to the
# generator, regenerate them and review the diff:
#     tools/idlc -o tests/idl/golden tests/idl/example.idl
# (or run this test with IDL_UPDATE_GOLDEN=1).

import difflib
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "idl"))

from idltest import EXAMPLE, GOLDEN, generate  # noqa: E402


def test_generated_code_matches_golden_files(tmp_path):
    if os.environ.get("IDL_UPDATE_GOLDEN"):
        generate(GOLDEN, EXAMPLE)
    generate(tmp_path, EXAMPLE)
    made = sorted(os.listdir(tmp_path))
    assert made == sorted(os.listdir(GOLDEN))
    for name in made:
        with open(os.path.join(GOLDEN, name)) as f:
            want = f.read()
        got = (tmp_path / name).read_text()
        if got != want:
            diff = "".join(difflib.unified_diff(want.splitlines(True), got.splitlines(True),
                                                "golden/" + name, "generated/" + name))
            raise AssertionError("%s differs from its golden file; if the change is meant, "
                                 "regenerate with tools/idlc -o tests/idl/golden "
                                 "tests/idl/example.idl\n%s" % (name, diff))


def test_golden_files_show_each_piece():
    # What a reader of the golden files should find in them.
    def read(name):
        with open(os.path.join(GOLDEN, name)) as f:
            return " ".join(f.read().split())
    assert "int demo_call_xor(uint8_t key, const void *data, uint32_t data_len, void *mixed, " \
           "uint32_t *mixed_len);" in read("demo_client.h")
    assert "int demo_do_wait(uint32_t client, uint32_t seq, uint32_t *value);" in read("demo_server.h")
    assert "int demo_reply_wait(uint32_t client, int result, uint32_t value);" in read("demo_server.h")
    assert "void demo_serve(idl_other_fn other);" in read("demo_server.h")
    assert "void demo_serve_with(const struct idl_hooks *hooks);" in read("demo_server.h")
    assert "serve_loop(&(const struct idl_hooks){ .other = other });" in read("demo_server.c")
    assert '_Static_assert(sizeof(struct demo_tag_wire) == 29, "demo_tag: wire size");' in read("demo_wire.h")
    assert "rc = ipc_call_retry(DEMO_ENDPOINT, &msg);" in read("demo_client.c")
    assert "rc = demo_do_xor(client, in.key, in.data, in.data_len, mixed, &out.mixed_len);" in \
        read("demo_direct.c")
    assert "### 3. xor" in read("demo.md")
