# Writes <iface>_direct.c: the direct-call binding.  It defines the same
# client functions as <iface>_client.c and the same reply functions as
# <iface>_server.c, but a call runs the server's handler right here, in the
# caller's thread, under the server's lock - no message, no IPC.  A
# monolithic build links it instead of those two files, so clients and
# server code are the same source in both builds.  Values are checked with
# the same functions as on the wire, so both builds refuse the same calls.

from . import cgen
from .cgen import IND, indent


def outs_struct(iface, op):
    """Where a deferred caller wants its results."""
    lines = ["// Where a caller of %s.%s wants its results while its reply is deferred."
             % (iface.name, op.name), "struct %s_%s_outs {" % (iface.prefix, op.name)]
    for q in op.outs:
        t = q.type
        if t.kind == "bytes":
            lines += [IND + "void *%s;" % q.name, IND + "uint32_t *%s_len;" % q.name,
                      IND + "uint32_t %s_cap;" % q.name]
        elif t.kind == "string":
            lines.append(IND + "char *%s;" % q.name)
        elif t.kind == "array":
            lines.append(IND + "%s *%s;" % (t.elem.ctype, q.name))
        else:
            lines.append(IND + "%s *%s;" % (t.ctype, q.name))
    return lines + ["};", ""]


def direct_stub(iface, op):
    p, P = iface.prefix, iface.macro
    n = "%s_%s" % (p, op.name)
    body = ["struct %s_in in;" % n, "struct %s_out out;" % n]
    if op.outs:
        body.append("struct %s_outs outs;" % n)
    body += ["struct idl_waiter wait;", "uint32_t client = idl_direct_client();", "int rc;", ""]
    body += cgen.request_from_params(op, "%s_seq" % p)
    body += ["rc = %s_in_check(&in);" % n, "if (rc < 0)", IND + "return rc;",
             "__builtin_memset(&out, 0, sizeof out);"]
    for q in op.outs:
        if q.type.kind == "bytes":
            body.append("out.%s_len = in.%s_cap;" % (q.name, q.name))
        elif q.type.kind == "string":
            body.append("%s[0] = 0;" % q.name)
    body.append("idl_direct_enter(%s_IFACE_ID);" % P)
    body += cgen.handler_call(iface, op, "client", lambda q: q.name)
    wait = cgen.call("idl_direct_wait", ["&%s_waiters" % p, "&wait", "%s_IFACE_ID" % P, "client",
                                         "%s_OP_%s" % (P, op.name.upper()), "&outs" if op.outs else "0"],
                     "rc = ")
    save = []
    for q in op.outs:
        save.append("outs.%s = %s;" % (q.name, q.name))
        if q.type.kind == "bytes":
            save += ["outs.%s_len = %s_len;" % (q.name, q.name),
                     "outs.%s_cap = in.%s_cap;" % (q.name, q.name)]
    body += ["if (rc == IDL_DEFER) {"] + indent(save + wait) + ["} else {"]
    now = ["rc = idl_result(rc);"]
    bad = []
    for q in op.outs:
        if q.type.kind in ("string", "bytes"):
            now.append("out.%s = %s;" % (q.name, q.name))
        if q.type.kind == "bytes":
            bad.append("out.%s_len > in.%s_cap" % (q.name, q.name))
    bad.append("%s_out_check(&out) < 0" % n)
    if len(bad) == 1:
        now.append("if (rc >= 0 && %s)" % bad[0])
    else:
        now.append("if (rc >= 0 && (%s" % bad[0])
        now += ["%s|| %s" % (" " * 14, b) for b in bad[1:]]
        now[-1] += "))"
    now.append(IND + "rc = E_BADMSG;")
    copies = []
    for q in op.outs:
        copies += cgen.copy_out(q)
    if len(copies) == 1:
        now += ["if (rc >= 0)", IND + copies[0]]
    elif copies:
        now += ["if (rc >= 0) {"] + indent(copies) + ["}"]
    body += indent(now) + ["}", "idl_direct_leave(%s_IFACE_ID);" % P, "return rc;"]
    head = cgen.prototype("int", cgen.stub_name(iface, op), cgen.client_params(op))
    return head + ["{"] + indent(body) + ["}", ""]


def direct_reply(iface, op):
    p, P = iface.prefix, iface.macro
    n = "%s_%s" % (p, op.name)
    body = ["struct idl_waiter *w = idl_waiter_take(&%s_waiters, client, %s_OP_%s);"
            % (p, P, op.name.upper())]
    if op.outs:
        body += ["struct %s_outs *outs;" % n, "struct %s_out out;" % n]
    body += ["", "if (w == 0)", IND + "return E_NOTASK;           // nobody is waiting for this reply",
             "result = idl_result(result);"]
    if op.outs:
        body.append("outs = w->outs;")
        fill = []
        for q in op.outs:
            fill += cgen.assign_from_param(q, "out")
        fill += ["if (%s_out_check(&out) < 0)" % n, IND + "result = E_BADMSG;"]
        for q in op.outs:
            if q.type.kind == "bytes":
                fill += ["else if (out.%s_len > outs->%s_cap)" % (q.name, q.name),
                         IND + "result = E_TOOBIG;"]
        copies = []
        for q in op.outs:
            copies += cgen.copy_out(q, "outs->")
        fill += ["else {"] + indent(copies) + ["}"]
        body += ["if (result >= 0) {"] + indent(fill) + ["}"]
    body += ["idl_waiter_done(w, result);", "return 0;"]
    head = cgen.prototype("int", "%s_reply_%s" % (p, op.name), cgen.reply_params(op))
    return head + ["{"] + indent(body) + ["}", ""]


def generate(iface):
    p = iface.prefix
    out = cgen.header("%s_direct.c: the direct-call binding of %s: the client functions call"
                      % (p, iface.name), iface)
    out.insert(1, "// the server's handlers in the same address space, for the monolithic build.")
    out += ['#include "%s_wire.h"' % p, '#include "%s_server.h"' % p, ""]
    if any(op.seq for op in iface.ops):
        out += ["static uint32_t %s_seq;" % p]
    out += ["static struct idl_waiter *%s_waiters;   // callers whose reply is deferred" % p, ""]
    for op in iface.ops:
        if op.outs:
            out += outs_struct(iface, op)
        out += direct_stub(iface, op)
        out += direct_reply(iface, op)
    return "\n".join(out).rstrip("\n") + "\n"
