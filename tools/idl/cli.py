# The idlc command line: compile .idl files into C, or compare two versions
# of one for changes that would break its clients.

import argparse
import os
import sys

from . import check, compat, gen_api, gen_client, gen_common, gen_direct, gen_md, gen_print
from . import gen_server, gen_wire
from .parser import parse
from .source import IdlError

DESCRIPTION = """\
Compile interface definitions (.idl) into C: for each interface NAME it
writes NAME_client.h (types and client stubs), NAME_server.h (handlers to
write, dispatcher, serve loop, deferred replies), NAME_wire.h (message
layouts, private), NAME_client.c (IPC stubs), NAME_server.c (dispatcher and
serve loop), NAME_direct.c (direct-call binding for the monolithic build),
NAME_print.c (trace printer) and NAME.md (reference), plus the shared idl.h
and idl_print.h.
The generated C includes ipc.h and libipc.h: compile it with -I libipc."""

EPILOG = """\
idlc --compat OLD.idl NEW.idl prints each change from OLD to NEW that
would break existing clients, as file:line:col: message, and exits with
1 if there is any.  Errors in an .idl file are printed the same way and
make idlc exit with 1.  The language is described in docs/idl.md."""


def load(path):
    """Parse and check one file; raises IdlError."""
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except (OSError, UnicodeDecodeError) as e:
        raise SystemExit("idlc: cannot read %s: %s" % (path, e))
    return check.check(parse(path, text))


def outputs(iface):
    p = iface.prefix
    return {
        p + "_client.h": gen_api.client_header(iface),
        p + "_server.h": gen_api.server_header(iface),
        p + "_wire.h": gen_wire.generate(iface),
        p + "_client.c": gen_client.generate(iface),
        p + "_server.c": gen_server.generate(iface),
        p + "_direct.c": gen_direct.generate(iface),
        p + "_print.c": gen_print.generate(iface),
        p + ".md": gen_md.generate(iface),
    }


def write(path, text):
    """Write text unless the file already holds it, so make sees no change."""
    try:
        with open(path, encoding="utf-8") as f:
            if f.read() == text:
                return
    except OSError:
        pass
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def unique(ifaces):
    """Interfaces compiled together may not share a name, id or endpoint."""
    seen = {}
    for m in ifaces:
        for key, value in (("name", m.name), ("id", m.id), ("endpoint", m.endpoint)):
            if (key, value) in seen:
                first = seen[(key, value)]
                raise IdlError(m.pos, "interface %s %s is already used by '%s' (%s)"
                               % (key, value, first.name, first.pos))
            seen[(key, value)] = m


def compile_files(files, outdir):
    ifaces = [load(f) for f in files]
    unique(ifaces)
    os.makedirs(outdir, exist_ok=True)
    write(os.path.join(outdir, "idl.h"), gen_common.generate())
    write(os.path.join(outdir, "idl_print.h"), gen_common.generate_print())
    for m in ifaces:
        for name, text in outputs(m).items():
            write(os.path.join(outdir, name), text)


def compare_files(old, new):
    problems = compat.compare(load(old), load(new))
    for pos, msg in problems:
        print("%s: %s" % (pos, msg), file=sys.stderr)
    return 1 if problems else 0


def main(argv=None):
    ap = argparse.ArgumentParser(prog="idlc", description=DESCRIPTION, epilog=EPILOG,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-o", dest="outdir", default="build/gen", metavar="OUTDIR",
                    help="directory for the generated files (default: build/gen)")
    ap.add_argument("--compat", action="store_true",
                    help="compare two versions of an interface (see below)")
    ap.add_argument("files", nargs="+", metavar="FILE.idl")
    args = ap.parse_args(argv)
    try:
        if args.compat:
            if len(args.files) != 2:
                ap.error("--compat takes exactly two files: OLD.idl NEW.idl")
            return compare_files(*args.files)
        compile_files(args.files, args.outdir)
    except IdlError as e:
        print(e, file=sys.stderr)
        return 1
    return 0
