# Writes the two headers other people's code includes:
#   <iface>.h         constants, types, client stubs and the printer (for clients)
#   <iface>_server.h  handler prototypes, reply functions, dispatcher, serve loop (for the server)

from . import cgen
from .cgen import IND, comment, prototype


def layout(msg):
    """One line saying where each field of a message travels."""
    parts = []
    for f in msg.fields:
        if f.word is not None:
            n = f.type.words
            where = "w[%d]" % f.word if n == 1 else "w[%d..%d]" % (f.word, f.word + n - 1)
            parts.append("%s=%s" % (where, f.name))
    if msg.buf_fields:
        off, bufs = 0, []
        for f in msg.buf_fields:
            bufs.append("%s@%d" % (f.name, off))
            off += f.type.size
        parts.append("bytes: " + " ".join(bufs))
    words = " ".join(p for p in parts if not p.startswith("bytes:"))
    return "; ".join(x for x in (words, parts[-1] if msg.buf_fields else "") if x) or "nothing"


def op_comment(iface, op, with_layout=True):
    lines = ["// %s.%s (op %d)" % (iface.name, op.name, op.number)]
    lines += comment(op.doc)
    for p in op.params:
        if p.doc:
            first, *rest = p.doc.split("\n")
            lines.append("//   %s %s: %s" % (p.direction, p.name, first))
            lines += ["//     " + r for r in rest]
    if op.errors:
        lines.append("//   errors: " + ", ".join(op.errors))
    if with_layout:
        lines.append("//   request: " + layout(op.request))
        lines.append("//   reply:   " + layout(op.reply))
    return lines


def enum_lines(t):
    lines = comment(t.doc) + ["enum %s {" % t.cname]
    for v in t.values:
        lines += comment(v.doc, IND)
        lines.append("%s%s = %d," % (IND, v.cname, v.value))
    lines += ["};", "",
              "// Whether v is a value of enum %s." % t.cname,
              "static inline bool %s_valid(uint32_t v)" % t.cname,
              "{",
              IND + "switch ((int32_t)v) {"]
    lines += [IND + "case %s:" % v.cname for v in t.values]
    lines += [IND * 2 + "return true;", IND + "default:", IND * 2 + "return false;",
              IND + "}", "}"]
    return lines


def struct_lines(t):
    lines = comment(t.doc) + ["struct %s {" % t.cname]
    for m in t.members:
        lines += comment(m.doc, IND)
        lines.append(IND + cgen.decl(m.type, m.name) + ";")
    return lines + ["};"]


def client_header(iface):
    P = iface.macro
    out = cgen.header("%s_client.h: the client interface of %s: id %d, version %d, served at %s."
                      % (iface.prefix, iface.name, iface.id, iface.version, iface.endpoint), iface)
    if iface.doc:
        out += ["//"] + comment(iface.doc)
    out += ["#ifndef %s_CLIENT_H" % P, "#define %s_CLIENT_H" % P, "", '#include "idl.h"', "",
            "#define %s_IFACE_ID %d" % (P, iface.id),
            "#define %s_VERSION %d" % (P, iface.version),
            "#define %s_ENDPOINT %s" % (P, iface.endpoint), ""]
    for c in iface.consts:
        out += comment(c.doc) + ["#define %s %d" % (c.cname, c.value), ""]
    out.append("// Operation numbers: the low 16 bits of a request's label.")
    for op in iface.ops:
        out.append("#define %s_OP_%s %d" % (P, op.name.upper(), op.number))
    if iface.reserved:
        out.append("// Numbers of removed operations, never to be used again: %s."
                   % ", ".join(str(n) for n, _ in iface.reserved))
        for doc in iface.reserved_docs:
            out += comment(doc)
    out.append("")
    for t in iface.types:
        out += (enum_lines(t) if t.kind == "enum" else struct_lines(t)) + [""]
    out += ["// Client stubs, one per operation.  Each returns the operation's result",
            "// (0 or a count) or an error code: a transport error (idl_transport_error())",
            "// if the call was not delivered or not answered, else the operation's own.",
            "// Out parameters hold results only when the result is >= 0.  An out bytes",
            "// parameter takes its capacity in *<name>_len and gives back the length.",
            "// The caller owns every buffer it passes, before and after, whatever the result.",
            ""]
    for op in iface.ops:
        out += op_comment(iface, op)
        proto = prototype("int", cgen.stub_name(iface, op), cgen.client_params(op))
        proto[-1] += ";"
        out += proto + [""]
    out += ["// Print a request, or the reply to operation op, as one line for traces:",
            '// "%s.<op>(name=value, ...)" and " -> ok, name=value, ...".  bytes and len are' % iface.name,
            "// the message's byte buffer as it travelled.  The line is cut to fit size",
            "// bytes with its NUL; returns its length.",
            "int %s_print_request(char *buf, uint32_t size, const struct ipc_msg *m," % iface.prefix,
            " " * len("int %s_print_request(" % iface.prefix) + "const void *bytes, uint32_t len);",
            "int %s_print_reply(char *buf, uint32_t size, uint32_t op, const struct ipc_msg *m," % iface.prefix,
            " " * len("int %s_print_reply(" % iface.prefix) + "const void *bytes, uint32_t len);",
            "", "#endif"]
    return "\n".join(out) + "\n"


def server_header(iface):
    P, p = iface.macro, iface.prefix
    out = cgen.header("%s_server.h: what a server of %s writes (the handlers) and the generated"
                      % (p, iface.name), iface)
    out.insert(1, "// dispatcher, serve loop and deferred-reply functions it calls.")
    out += ["#ifndef %s_SERVER_H" % P, "#define %s_SERVER_H" % P, "", '#include "%s_client.h"' % p, "",
            "// Handlers: the server defines one per operation.  client is the sender's",
            "// task id, stamped by the kernel.  In parameters have been checked and point",
            "// into the request: they stay valid until the handler returns.  An out bytes",
            "// parameter comes with its capacity in *<name>_len; set the length produced.",
            "// Return 0 (or a count) with the outs set, an error code, or IDL_DEFER to",
            "// answer later with %s_reply_<op>()." % p, ""]
    for op in iface.ops:
        out += op_comment(iface, op, with_layout=False)
        proto = prototype("int", "%s_do_%s" % (p, op.name), cgen.handler_params(op))
        proto[-1] += ";"
        out += proto + [""]
    if any(op.once for op in iface.ops):
        out += ["// The record of the once operations, which the server keeps where its",
                "// crash cannot destroy it.  %s_once_begin: IDL_ONCE_NEW if client's request" % p,
                "// seq of op is new (the handler runs; it must answer at once), else the",
                "// result recorded for it, or an error (no room for the record).",
                "// %s_once_end records result for client's request begun last and returns it." % p,
                "int %s_once_begin(uint32_t client, uint32_t seq, uint32_t op);" % p,
                "int %s_once_end(uint32_t client, int result);" % p, ""]
    out += ["// Deferred replies: answer client's pending request of one operation with",
            "// result and, if result >= 0, the outs.  The values are copied before the",
            "// function returns.  Returns what ipc_reply returns.", ""]
    for op in iface.ops:
        proto = prototype("int", "%s_reply_%s" % (p, op.name), cgen.reply_params(op))
        proto[-1] += ";"
        out += proto
    out += ["",
            "// Check the request req, run its handler and encode the answer in reply,",
            "// whose bytes go in reply_buf (IPC_MAXBUF bytes).  Returns 0 when reply is",
            "// ready to send, IDL_DEFER when the handler deferred it.  A malformed or",
            "// unknown request gets an error reply and no handler runs.  reply may be",
            "// req itself: the request is read in full before the reply is written.",
            "int %s_dispatch(const struct ipc_msg *req, struct ipc_msg *reply, void *reply_buf);" % p,
            "",
            "// Receive and answer requests of %s forever.  Messages from the kernel" % iface.name,
            "// (notifications, faults) go to other, if not 0, and get no reply.",
            "void %s_serve(idl_other_fn other);" % p,
            "",
            "// The same loop with a server's hooks (idl.h: a receive timeout, what to",
            "// run after each wait and after each request, its own way to serve one).",
            "void %s_serve_with(const struct idl_hooks *hooks);" % p,
            "", "#endif"]
    return "\n".join(out) + "\n"
