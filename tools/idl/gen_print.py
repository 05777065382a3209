# Writes <iface>_print.c: turns a raw request or reply into one readable
# line for traces, e.g. fs.read(seq=3, fd=4, data_cap=512) -> ok, data=<512 bytes>.
# It decodes with the same get functions as the dispatcher, so it is as
# safe on garbage as the server is: a malformed message prints as such.

from . import cgen
from .cgen import IND, indent


def reachable_types(iface):
    """Enums and structs that some operation's parameters use."""
    seen = []

    def visit(t):
        if t.kind == "array":
            visit(t.elem)
        elif t.kind in ("enum", "struct") and t not in seen:
            if t.kind == "struct":
                for m in t.members:
                    visit(m.type)
            seen.append(t)
    for op in iface.ops:
        for q in op.params:
            visit(q.type)
    return [t for t in iface.types if t in seen]


def enum_name(t):
    body = ["switch (v) {"]
    for v in t.values:
        body += ["case %s:" % v.cname, IND + 'return "%s";' % v.name]
    body += ["}", 'return "?";']
    return (["static const char *%s_name(%s v)" % (t.cname, t.ctype), "{"]
            + indent(body) + ["}", ""])


def struct_print(t):
    body = []
    for i, m in enumerate(t.members):
        body.append('idl_puts(out, "%s%s=");' % ("{" if i == 0 else ", ", m.name))
        body += cgen.print_value(m.type, "v->%s" % m.name)
    body.append('idl_puts(out, "}");')
    locals_ = ["uint32_t idx;", ""] if cgen.uses_idx(body) else []
    return (["static void %s_print(struct idl_line *out, const struct %s *v)" % (t.cname, t.cname), "{"]
            + indent(locals_ + body) + ["}", ""])


def fields_print(msg, var, first_sep):
    """Print each field of a decoded message; lengths show with their bytes."""
    body, sep = [], first_sep
    for f in msg.fields:
        if f.role == "len":
            continue
        body.append('idl_puts(out, "%s%s=");' % (sep, f.name))
        sep = ", "
        if f.role == "cap":
            body.append("idl_put_u32(out, %s.%s);" % (var, f.name))
        elif f.type.kind == "bytes":
            body += ["idl_putc(out, '<');", "idl_put_u32(out, %s.%s_len);" % (var, f.name),
                     'idl_puts(out, " bytes>");']
        else:
            body += cgen.print_value(f.type, "%s.%s" % (var, f.name))
    return body


def half_print(iface, op, half):
    p = iface.prefix
    n = "%s_%s_%s" % (p, op.name, half)
    msg = op.request if half == "in" else op.reply
    var = "in" if half == "in" else "r"
    body = ["struct %s %s;" % (n, var)]
    if cgen.uses_idx(fields_print(msg, var, "")):
        body.append("uint32_t idx;")
    body += ["", "if (%s_get(&%s, m, bytes, len) < 0) {" % (n, var),
             IND + 'idl_puts(out, "%smalformed");' % ("" if half == "in" else ", "),
             IND + "return;", "}"]
    body += fields_print(msg, var, "" if half == "in" else ", ")
    fn = "static void %s_print_%s_%s(" % (p, op.name, half)
    head = [fn + "struct idl_line *out, const struct ipc_msg *m,",
            " " * len(fn) + "const void *bytes, uint32_t len)"]
    return head + ["{"] + indent(body) + ["}", ""]


def print_request(iface):
    p, P = iface.prefix, iface.macro
    body = ["struct idl_line out;", "", "idl_line_init(&out, buf, size);",
            'idl_puts(&out, "%s.");' % iface.name,
            "if (IPC_LABEL_IFACE(m->label) != %s_IFACE_ID ||" % P,
            "    IPC_LABEL_VERSION(m->label) != %s_VERSION) {" % P,
            IND + 'idl_puts(&out, "?(label=");', IND + "idl_put_hex(&out, m->label);",
            IND + 'idl_puts(&out, ")");', IND + "return (int)out.n;", "}",
            "switch (IPC_LABEL_OP(m->label)) {"]
    for op in iface.ops:
        body += ["case %s_OP_%s:" % (P, op.name.upper()),
                 IND + 'idl_puts(&out, "%s(");' % op.name,
                 IND + "%s_print_%s_in(&out, m, bytes, len);" % (p, op.name),
                 IND + "break;"]
    body += ["default:", IND + 'idl_puts(&out, "op");',
             IND + "idl_put_u32(&out, IPC_LABEL_OP(m->label));",
             IND + 'idl_puts(&out, "(?");', IND + "break;", "}",
             'idl_puts(&out, ")");', "return (int)out.n;"]
    return (["int %s_print_request(char *buf, uint32_t size, const struct ipc_msg *m," % p,
             " " * len("int %s_print_request(" % p) + "const void *bytes, uint32_t len)", "{"] + indent(body) + ["}", ""])


def print_reply(iface):
    p, P = iface.prefix, iface.macro
    body = ["struct idl_line out;", "int r = (int32_t)m->label;", "",
            "idl_line_init(&out, buf, size);", 'idl_puts(&out, " -> ");', "idl_put_result(&out, r);",
            "if (r < 0)", IND + "return (int)out.n;", "switch (op) {"]
    for op in iface.ops:
        body += ["case %s_OP_%s:" % (P, op.name.upper()),
                 IND + "%s_print_%s_out(&out, m, bytes, len);" % (p, op.name), IND + "break;"]
    body += ["}", "return (int)out.n;"]
    return (["int %s_print_reply(char *buf, uint32_t size, uint32_t op, const struct ipc_msg *m," % p,
             " " * len("int %s_print_reply(" % p) + "const void *bytes, uint32_t len)", "{"] + indent(body) + ["}", ""])


def generate(iface):
    p = iface.prefix
    out = cgen.header("%s_print.c: prints requests and replies of %s as one line, for traces."
                      % (p, iface.name), iface)
    out += ['#include "idl_print.h"', '#include "%s_wire.h"' % p, ""]
    for t in reachable_types(iface):
        out += enum_name(t) if t.kind == "enum" else struct_print(t)
    for op in iface.ops:
        out += half_print(iface, op, "in")
        out += half_print(iface, op, "out")
    out += print_request(iface)
    out += print_reply(iface)
    return "\n".join(out).rstrip("\n") + "\n"
