# Writes <iface>_client.c: one stub per operation.  A stub checks and packs
# its arguments (the op's in_put), calls the server with ipc_call_retry
# (which repeats the call while the server is being restarted; its _words
# form when the reply brings no bytes, so there is no buffer to prepare),
# checks the reply (out_get) and hands the results to the caller.

from . import cgen
from .cgen import IND, indent


def stub(iface, op):
    p, P = iface.prefix, iface.macro
    req, rep = op.request, op.reply
    body = ["struct %s_%s_in in;" % (p, op.name)]
    if req.buf_fields and not req.zero_copy:
        body.append("struct %s_%s_in_wire in_wire;" % (p, op.name))
    body.append("struct %s_%s_out out;" % (p, op.name))
    if rep.buf_fields and not rep.zero_copy:
        body.append("struct %s_%s_out_wire out_wire;" % (p, op.name))
    body += ["struct ipc_msg msg;", "int rc;", ""]
    body += cgen.request_from_params(op, "%s_seq" % p)
    wire = ", &in_wire" if req.buf_fields and not req.zero_copy else ""
    body += ["rc = %s_%s_in_put(&msg%s, &in);" % (p, op.name, wire),
             "if (rc < 0)", IND + "return rc;",
             "msg.label = IPC_LABEL(%s_IFACE_ID, %s_VERSION, %s_OP_%s);" % (P, P, P, op.name.upper())]
    last = rep.last
    if rep.zero_copy:
        body.append("// The reply's bytes are the result: receive them in place.")
        if last.type.kind == "bytes":
            body += ["msg.rbuf = %s;" % last.name, "msg.rlen = in.%s_cap;" % last.name]
        else:
            body += ["msg.rbuf = %s;" % last.name, "msg.rlen = %s;" % last.type.bound_c]
    elif rep.buf_fields:
        body += ["msg.rbuf = &out_wire;", "msg.rlen = sizeof out_wire;"]
    words_only = not rep.buf_fields
    call = "ipc_call_retry_words" if words_only else "ipc_call_retry"
    body += ["rc = %s(%s_ENDPOINT, &msg);" % (call, P),
             "if (rc < 0)", IND + "return rc;                 // transport: not delivered or not answered",
             "rc = idl_result((int32_t)msg.label);   // never a transport code from a server",
             "if (rc < 0)", IND + "return rc;                 // the operation's error"]
    if words_only:
        # The kernel refuses a reply with more bytes than the receive
        # buffer takes (E_TOOBIG, above), and this one takes none.
        body += ["// No bytes came: msg offered none, and a longer reply is E_TOOBIG.",
                 "if (%s_%s_out_get(&out, &msg, 0, 0) < 0)" % (p, op.name)]
    else:
        body.append("if (%s_%s_out_get(&out, &msg, msg.rbuf, msg.rlen) < 0)" % (p, op.name))
    body.append(IND + "return E_BADMSG;")
    for q in op.outs:
        if q.type.kind == "bytes" and not rep.zero_copy:
            body += ["if (out.%s_len > in.%s_cap)" % (q.name, q.name), IND + "return E_TOOBIG;"]
    for q in op.outs:
        body += cgen.copy_out(q)
    body.append("return rc;")
    head = cgen.prototype("int", cgen.stub_name(iface, op), cgen.client_params(op))
    return head + ["{"] + indent(body) + ["}", ""]


def generate(iface):
    p = iface.prefix
    out = cgen.header("%s_client.c: the client stubs of %s, one per operation." % (p, iface.name), iface)
    out += ['#include "%s_wire.h"' % p, ""]
    if any(op.seq for op in iface.ops):
        out += ["// This task's request sequence numbers for %s (see idl_next_seq)." % iface.name,
                "static uint32_t %s_seq;" % p, ""]
    for op in iface.ops:
        out += stub(iface, op)
    return "\n".join(out).rstrip("\n") + "\n"
