# The generated code of every interface (idl/*.idl and the example)
# compiles without a warning at -Wall -Wextra -Werror, on the host and with
# the i386 freestanding command line of the build; it includes nothing but
# <stdint.h>, <stddef.h>, <stdbool.h> and the libipc headers; and its only
# outside references are libipc, the handlers, the direct-binding hooks and
# the memcpy/memset a freestanding GCC may always call.

import os
import re
import subprocess
import sys

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "idl"))

from idltest import EXAMPLE, HOST_CC, I386_CC, INTERFACES, ABI, LIBIPC  # noqa: E402
from idltest import compile_each, generate, includes, run  # noqa: E402

# The example's interface, then one per idl/*.idl file.
NAMES = ["demo"] + [os.path.splitext(os.path.basename(f))[0] for f in INTERFACES]

ALLOWED_INCLUDES = {"<stdint.h>", "<stddef.h>", "<stdbool.h>", '"ipc.h"', '"libipc.h"'}
ALLOWED_SYMBOLS = {"ipc_call_retry", "ipc_call_retry_words", "ipc_reply", "ipc_recv",
                   "ipc_reply_recv", "idl_direct_client", "idl_direct_enter", "idl_direct_leave",
                   "idl_direct_sleep", "idl_direct_wakeup", "memcpy", "memset", "memmove", "memcmp"}


@pytest.fixture(scope="module")
def gen(tmp_path_factory):
    out = tmp_path_factory.mktemp("gen")
    return generate(out, EXAMPLE, *INTERFACES)


def sources(gen):
    return sorted(f for f in os.listdir(gen) if f.endswith(".c"))


def test_all_interfaces_generated(gen):
    assert {"proc", "fs", "blk", "console"} <= set(NAMES)
    for name in NAMES:
        for suffix in ("_client.h", "_server.h", "_wire.h", "_client.c", "_server.c", "_direct.c", "_print.c",
                       ".md"):
            assert (gen / (name + suffix)).exists(), name + suffix


@pytest.mark.parametrize("cc", [HOST_CC, I386_CC], ids=["host", "i386"])
def test_compiles_without_warnings(gen, cc, tmp_path):
    compile_each(cc + includes(gen, LIBIPC, ABI), [gen / f for f in sources(gen)], tmp_path)
    objects = sorted(os.listdir(tmp_path))
    assert len(objects) == len(sources(gen))
    if cc is I386_CC:
        for o in objects:
            head = (tmp_path / o).read_bytes()[:20]
            assert head[:4] == b"\x7fELF" and head[4] == 1 and head[18] == 3     # ELF32, i386
        undefined = set()
        for o in objects:
            r = run(["i686-linux-gnu-nm", "-u", tmp_path / o])
            undefined |= {line.split()[-1] for line in r.stdout.splitlines()}
        # What a server writes: its handlers and, for once operations, the record's hooks.
        handlers = {s for s in undefined
                    if re.match(r"^(%s)_(do_\w+|once_begin|once_end)$" % "|".join(NAMES), s)}
        assert undefined - handlers <= ALLOWED_SYMBOLS
        assert {"ipc_call_retry", "ipc_call_retry_words"} <= undefined and "fs_do_read" in handlers


def test_headers_compile_alone(gen, tmp_path):
    # Each header is self-contained (and guarded): a file may include just it.
    units = []
    for name in NAMES:
        for header in (name + "_client.h", name + "_server.h", name + "_wire.h"):
            src = tmp_path / ("inc_" + header.replace(".", "_") + ".c")
            src.write_text('#include "%s"\n#include "%s"\n' % (header, header))
            units.append(src)
    for cc in (HOST_CC, I386_CC):
        compile_each(cc + includes(gen, LIBIPC, ABI), units, tmp_path)


def test_includes_only_what_is_allowed(gen):
    generated = {'"%s"' % f for f in os.listdir(gen) if f.endswith(".h")}
    for f in os.listdir(gen):
        if f.endswith((".c", ".h")):
            text = (gen / f).read_text()
            for inc in re.findall(r"#include (\S+)", text):
                assert inc in ALLOWED_INCLUDES | generated, (f, inc)
            assert not re.search(r"\b(?<!__builtin_)(memcpy|memset|strlen|printf)\s*\(", text), f


def test_wire_layouts_are_pinned(gen):
    # Every wire struct has its size (and each member its offset) asserted.
    for name in ("demo", "proc", "fs", "blk", "console"):
        text = (gen / (name + "_wire.h")).read_text()
        wires = re.findall(r"^struct (\w+_wire) \{", text, re.M)
        assert wires
        for w in wires:
            assert re.search(r"_Static_assert\(sizeof\(struct %s\) == \d+" % w, text), w
        assert "_Static_assert(IPC_NWORDS == 6" in text and "_Static_assert(IPC_MAXBUF == 4096" in text


def test_a_wrong_message_h_fails_the_build(gen, tmp_path):
    # A libipc whose limits differ from what the generator assumed: the
    # generated code must refuse to compile rather than misread messages.
    fake = tmp_path / "libipc"
    fake.mkdir()
    with open(os.path.join(ABI, "message.h")) as f:
        (fake / "message.h").write_text(f.read().replace("#define IPC_NWORDS 6", "#define IPC_NWORDS 5")
                                        .replace("IPC_HEAD_BYTES == 32", "IPC_HEAD_BYTES == 28"))
    for name in ("ipc.h", "libipc.h"):
        with open(os.path.join(LIBIPC, name)) as f:
            (fake / name).write_text(f.read())
    r = subprocess.run(HOST_CC + includes(gen, fake) + ["-c", gen / "fs_client.c", "-o", tmp_path / "x.o"],
                       capture_output=True, text=True)
    assert r.returncode != 0
    assert "fs: generated for 6 message words" in r.stderr


def test_fs_code_lives_beside_the_fs_core(gen, tmp_path):
    # The fs server's front end includes both the core's fs.h (servers/fs)
    # and the generated fs_server.h, and the monolithic build links the
    # core and front end with fs_direct.c: no name may be defined twice.
    root = os.path.dirname(LIBIPC)
    core = os.path.join(root, "servers", "fs")
    sources = sorted(os.path.join(core, f) for f in os.listdir(core) if f.endswith(".c"))
    objdir = tmp_path / "fs"
    objdir.mkdir()
    runtime = os.path.join(root, "rt", "include")     # the server runtime's interface
    compile_each(I386_CC + includes(core, gen, LIBIPC, ABI, runtime), sources + [gen / "fs_direct.c"], objdir)
    run(["i686-linux-gnu-ld", "-m", "elf_i386", "-r", "-o", tmp_path / "all.o"] + sorted(objdir.iterdir()))
