# Writes <iface>_wire.h: the exact layout of every message of an interface
# and, per operation and direction, one function that checks and puts C
# values into a message (put) and one that checks and takes them out of a
# received message (get).  Stubs, dispatcher, direct binding and printer
# are all built on these, so a message is encoded and validated in one place.

import re

from . import cgen
from .cgen import IND, indent
from .gen_api import layout


def function(ret, name, params, body, doc, locals_=()):
    """A static inline function.  Declares idx and rc when the body uses
    them and marks the parameters it does not use."""
    locals_ = list(locals_)
    if cgen.uses_idx(body):
        locals_.append("uint32_t idx;")
    if cgen.uses_rc(body):
        locals_.append("int rc;")
    text = "\n".join(locals_ + body)
    voids = ["(void)%s;" % n for n in map(param_name, params) if not uses(text, n)]
    lines = cgen.comment(doc) + cgen.prototype("static inline " + ret, name, params) + ["{"]
    if locals_:
        lines += indent(locals_) + [""]
    return lines + indent(voids + body) + ["}", ""]


def param_name(decl):
    return re.findall(r"\w+", decl)[-1]


def uses(text, name):
    return re.search(r"\b%s\b" % re.escape(name), text) is not None


def struct_helpers(t):
    """Wire struct and conversion functions of one IDL struct."""
    c = t.cname
    v = ["const struct %s *v" % c]
    out = ["// struct %s on the wire: packed, members in order." % c,
           "struct %s_wire {" % c]
    out += [IND + cgen.wire_decl(m.type, m.name) + ";" for m in t.members]
    out += ["} __attribute__((packed));",
            '_Static_assert(sizeof(struct %s_wire) == %d, "%s: wire size");' % (c, t.size, c), ""]
    if t.needs_check():
        body = []
        for m in t.members:
            body += cgen.check(m.type, "v->%s" % m.name)
        out += function("int", c + "_check", v, body + ["return 0;"],
                        "E_TOOBIG or E_BADMSG if v cannot be sent, else 0.")
    if t.words is not None:
        put, get, k = [], [], 0
        for m in t.members:
            put += cgen.to_words(m.type, "v->%s" % m.name, "w", k)
            get += cgen.from_words(m.type, "v->%s" % m.name, "w", k)
            k += m.type.words
        out += function("void", c + "_to_words", ["uint32_t *w"] + v, put,
                        "Put v into %d message words." % t.words)
        out += function("int", c + "_from_words", ["struct %s *v" % c, "const uint32_t *w"],
                        get + ["return 0;"], "Take v from %d message words; E_BADMSG if invalid." % t.words)
    put, get = [], []
    for m in t.members:
        put += cgen.to_wire(m.type, "v->%s" % m.name, "x->%s" % m.name)
        get += cgen.from_wire(m.type, "v->%s" % m.name, "x->%s" % m.name)
    out += function("void", c + "_to_wire", ["struct %s_wire *x" % c] + v, put,
                    "Put v into its packed form.")
    out += function("int", c + "_from_wire", ["struct %s *v" % c, "const struct %s_wire *x" % c],
                    get + ["return 0;"], "Take v from its packed form; E_BADMSG if invalid.")
    return out


class Half:
    """One direction of one operation, with the C names that go with it."""

    def __init__(self, iface, op, half):
        self.iface = iface
        self.op = op
        self.msg = op.request if half == "in" else op.reply
        self.name = "%s_%s_%s" % (iface.prefix, op.name, half)       # fs_read_in
        self.struct = "struct " + self.name
        self.wire = "struct %s_wire" % self.name
        self.what = "request" if half == "in" else "reply"

    def offset(self, f):
        return "offsetof(%s, %s)" % (self.wire, f.name)


def msg_struct(h):
    """The in/out struct of one direction, and its wire struct if it has bytes."""
    msg = h.msg
    out = ["// %s.%s %s: %s" % (h.iface.name, h.op.name, h.what, layout(msg)),
           "%s {" % h.struct]
    if msg.fields:
        out += [IND + cgen.field_decl(f) + ";" for f in msg.fields]
    else:
        out.append(IND + "uint32_t none;                  // this message carries nothing")
    out.append("};")
    if msg.buf_fields:
        out.append("%s {" % h.wire)
        out += [IND + cgen.wire_decl(f.type, f.name) + ";" for f in msg.buf_fields]
        out += ["} __attribute__((packed));",
                '_Static_assert(sizeof(%s) == %d, "%s: wire size");' % (h.wire, msg.buf_size, h.name)]
        for f in msg.buf_fields:
            line = '_Static_assert(%s == %d, "%s: offset of %s");' % (h.offset(f), msg.offset(f), h.name, f.name)
            if len(line) > 96:
                line = line.replace(", \"", ",\n               \"")
            out.append(line)
    if msg.words:
        out.append('_Static_assert(%d <= IPC_NWORDS, "%s: words");' % (msg.words, h.name))
    return out + [""]


def size_of(f):
    """C expression: the bytes a variable field takes (a string with its NUL)."""
    return "%s_size" % f.name if f.type.kind == "string" else "args->%s_len" % f.name


def check_body(h):
    """<op>_<half>_check: refuse values that cannot be sent."""
    body = []
    for f in h.msg.fields:
        if f.role in ("len", "cap"):
            body += ["if (args->%s > %s)" % (f.name, f.param.type.bound_c), IND + "return E_TOOBIG;"]
        elif f.type.kind != "bytes":
            body += cgen.check(f.type, "args->%s" % f.name)
    return body + ["return 0;"]


def put_function(h):
    """<op>_<half>_put: check a, then fill the message (and its wire struct)."""
    msg, last = h.msg, h.msg.last
    strings = [f for f in msg.buf_fields if f.variable and f.type.kind == "string"]
    body = ["rc = %s_check(args);" % h.name, "if (rc < 0)", IND + "return rc;"]
    body += ["%s_size = idl_strsize(args->%s, %s);" % (f.name, f.name, f.type.bound_c) for f in strings]
    body.append("idl_msg_start(m);" if h.what == "request" else "idl_reply_start(m);")
    for f in msg.fields:
        if f.word is not None:
            body += cgen.to_words(f.type, "args->%s" % f.name, "m->w", f.word)
    params = ["struct ipc_msg *m"]
    if msg.zero_copy:
        # The buffer is this one field: send it from where it is.
        body += ["m->sbuf = args->%s;" % last.name, "m->slen = %s;" % size_of(last)]
    elif msg.buf_fields:
        params.append("%s *wire" % h.wire)
        for f in msg.buf_fields:
            if not f.variable:
                body += cgen.to_wire(f.type, "args->%s" % f.name, "wire->%s" % f.name)
            elif f is not last:
                body.append("idl_place(wire->%s, args->%s, %s, sizeof wire->%s);"
                            % (f.name, f.name, size_of(f), f.name))
            else:
                body.append("idl_copy(wire->%s, args->%s, %s);" % (f.name, f.name, size_of(f)))
        body.append("m->sbuf = wire;")
        body.append("m->slen = %s;" % ("%s + %s" % (h.offset(last), size_of(last))
                                       if last else "sizeof *wire"))
    params.append("const %s *args" % h.struct)
    doc = "Check args and put them into m%s (the label is left 0)." % (" and *wire" if len(params) == 3 else "")
    return function("int", h.name + "_put", params, body + ["return 0;"], doc,
                    ["uint32_t %s_size;" % f.name for f in strings])


def bound_check(f, expr):
    """A length or capacity may not exceed the bound of its bytes parameter."""
    if f.role in ("len", "cap"):
        return ["if (%s > %s)" % (expr, f.param.type.bound_c), IND + "return E_BADMSG;"]
    return []


def get_function(h):
    """<op>_<half>_get: check every field of an untrusted message and take it."""
    msg, last = h.msg, h.msg.last
    locals_, body = [], []
    if msg.buf_fields:
        locals_.append("const %s *wire = bytes;" % h.wire)
    if not msg.buf_fields:
        body += ["if (len != 0)", IND + "return E_BADMSG;"]
    elif last is None:
        body += ["if (len != sizeof *wire)", IND + "return E_BADMSG;"]
    elif last.type.kind == "bytes" and msg.offset(last) == 0:
        body += ["if (len > sizeof *wire)", IND + "return E_BADMSG;"]
    else:
        least = h.offset(last) + (" + 1" if last.type.kind == "string" else "")
        body += ["if (len < %s || len > sizeof *wire)" % least, IND + "return E_BADMSG;"]
    for f in msg.fields:
        if f.word is not None:
            body += cgen.from_words(f.type, "args->%s" % f.name, "m->w", f.word)
            body += bound_check(f, "args->%s" % f.name)
    for f in msg.buf_fields:
        if not f.variable:
            body += cgen.from_wire(f.type, "args->%s" % f.name, "wire->%s" % f.name)
            body += bound_check(f, "args->%s" % f.name)
    for f in msg.buf_fields:
        if not f.variable:
            continue
        if f.type.kind == "string" and f is last:
            locals_.append("uint32_t size;")
            body += ["size = idl_strsize(wire->%s, len - %s);" % (f.name, h.offset(f)),
                     "if (size == 0 || %s + size != len)" % h.offset(f), IND + "return E_BADMSG;"]
        elif f.type.kind == "string":
            body += ["if (idl_strsize(wire->%s, sizeof wire->%s) == 0)" % (f.name, f.name),
                     IND + "return E_BADMSG;"]
        elif f is last:
            body += ["if (%s + args->%s_len != len)" % (h.offset(f), f.name), IND + "return E_BADMSG;"]
        body.append("args->%s = wire->%s;" % (f.name, f.name))
    params = ["%s *args" % h.struct, "const struct ipc_msg *m", "const void *bytes", "uint32_t len"]
    return function("int", h.name + "_get", params, body + ["return 0;"],
                    "Check the received m, whose bytes are bytes[0..len), and take args\n"
                    "from it; E_BADMSG if it is malformed.", locals_)


def generate(iface):
    p, P = iface.prefix, iface.macro
    out = cgen.header("%s_wire.h: the layout of every message of %s, and the functions that"
                      % (p, iface.name), iface, private=True)
    out.insert(1, "// check and put C values into a message and take them back out.")
    out += ["#ifndef %s_WIRE_H" % P, "#define %s_WIRE_H" % P, "", '#include "%s_client.h"' % p, "",
            "// The limits this file was generated for must be those of ipc.h."]
    out += cgen.limits_asserts(iface) + [""]
    for t in iface.types:
        if t.kind == "struct":
            out += struct_helpers(t)
    for op in iface.ops:
        out += ["// --- %s.%s (op %d) ---" % (iface.name, op.name, op.number), ""]
        for half in ("in", "out"):
            h = Half(iface, op, half)
            out += msg_struct(h)
            out += function("int", h.name + "_check", ["const %s *args" % h.struct], check_body(h),
                            "E_TOOBIG or E_BADMSG if args cannot be sent, else 0.")
            out += put_function(h)
            out += get_function(h)
    out.append("#endif")
    return "\n".join(out) + "\n"
