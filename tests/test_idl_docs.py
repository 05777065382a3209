# docs/idl.md shows idl and C; these tests keep it true: the example
# interface compiles to the prototypes the chapter quotes, the API quoted
# for fs.read is the generated one, and "adding an operation" works as told.

import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "idl"))

from idltest import INTERFACES, ROOT, generate, idlc  # noqa: E402

with open(os.path.join(ROOT, "docs", "idl.md")) as f:
    DOC = f.read()


def blocks(section):
    """The fenced code blocks of one ## section of the chapter."""
    start = DOC.index("\n## " + section)
    end = DOC.find("\n## ", start + 4)
    return re.findall(r"```\w*\n(.*?)```", DOC[start:end if end > 0 else None], re.S)


def declarations(code):
    """C declarations in a code block, each on one line, comments dropped."""
    code = re.sub(r"//[^\n]*", "", code)
    return [" ".join(d.split()) + ";" for d in code.split(";") if d.strip()]


def flat(text):
    return " ".join(text.split())


def test_example_interface_compiles_to_the_quoted_api(tmp_path):
    idl, client, server = blocks("An example")
    (tmp_path / "kv.idl").write_text(idl)
    generate(tmp_path / "gen", str(tmp_path / "kv.idl"))
    header = flat((tmp_path / "gen" / "kv_client.h").read_text())
    server_header = flat((tmp_path / "gen" / "kv_server.h").read_text())
    for d in declarations(client):
        assert d in header, d
    for d in declarations(server):
        assert d in server_header, d


def test_fs_read_api_is_the_generated_one(tmp_path):
    gen = generate(tmp_path, *INTERFACES)
    text = flat("".join((gen / f).read_text() for f in ("fs_client.h", "fs_server.h", "idl.h")))
    api, serve = blocks("The generated code")[:2]
    decls = declarations(api)
    assert len(decls) == 13
    for d in decls:
        assert d in text, d
    assert flat(serve) in flat((gen / "fs_server.c").read_text())


def test_adding_an_operation_as_told(tmp_path):
    with open(os.path.join(ROOT, "idl", "fs.idl")) as f:
        old = f.read()
    op = re.search(r"\n( +/// The caller's current directory.*?errors\(E_NOENT\);)\n", DOC, re.S).group(1)
    new = old.rstrip().rstrip("}") + "\n" + op + "\n}\n"
    (tmp_path / "fs.idl").write_text(new)
    gen = generate(tmp_path / "gen", str(tmp_path / "fs.idl"))
    assert "int fs_do_getcwd(uint32_t client, char path[FS_MAXPATH]);" in (gen / "fs_server.h").read_text()
    assert "int fs_call_getcwd(char path[FS_MAXPATH]);" in (gen / "fs_client.h").read_text()
    r = idlc("--compat", os.path.join(ROOT, "idl", "fs.idl"), str(tmp_path / "fs.idl"))
    assert (r.returncode, r.stderr) == (0, "")
