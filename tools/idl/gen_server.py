# Writes <iface>_server.c: the dispatcher, the serve loop and the deferred
# reply functions.  The dispatcher trusts nothing in a request: in_get
# checks every field before a handler runs, and whatever the handler
# produces is checked again by out_put before it is sent.

from . import cgen
from .cgen import IND, indent


def serve_op(iface, op):
    """fs_serve_read(): one operation from request to encoded reply."""
    p = iface.prefix
    rep = op.reply
    body = ["struct %s_%s_in in;" % (p, op.name), "struct %s_%s_out out;" % (p, op.name)]
    if rep.buf_fields:
        body.append("struct %s_%s_out_wire *wire = reply_buf;" % (p, op.name))
    body += ["int rc;", ""]
    if not rep.buf_fields:
        body.append("(void)reply_buf;")
    body += ["if (%s_%s_in_get(&in, req, req->rbuf, req->rlen) < 0)" % (p, op.name),
             IND + "return idl_reply_error(reply, E_BADMSG);",
             "__builtin_memset(&out, 0, sizeof out);"]
    for q in op.outs:
        if q.type.kind == "bytes":
            body.append("out.%s_len = in.%s_cap;" % (q.name, q.name))
        elif q.type.kind == "string":
            body.append("wire->%s[0] = 0;" % q.name)
    args = cgen.handler_args(op, "req->sender", lambda q: "wire->" + q.name)
    body += cgen.call("%s_do_%s" % (p, op.name), args, "rc = ")
    body += ["if (rc == IDL_DEFER)", IND + "return IDL_DEFER;",
             "rc = idl_result(rc);",
             "if (rc < 0)", IND + "return idl_reply_error(reply, rc);"]
    for q in op.outs:
        if q.type.kind == "bytes":
            body += ["if (out.%s_len > in.%s_cap)" % (q.name, q.name),
                     IND + "return idl_reply_error(reply, E_BADMSG);  // more than the client can take"]
        if q.type.kind in ("string", "bytes"):
            body.append("out.%s = wire->%s;" % (q.name, q.name))
    wire = ", wire" if rep.buf_fields and not rep.zero_copy else ""
    body += ["if (%s_%s_out_put(reply%s, &out) < 0)" % (p, op.name, wire),
             IND + "return idl_reply_error(reply, E_BADMSG);  // the handler's outs are invalid",
             "reply->label = (uint32_t)rc;",
             "return 0;"]
    head = ["// %s.%s: check the request, run the handler, encode its reply." % (iface.name, op.name)]
    head += cgen.prototype("static int", "%s_serve_%s" % (p, op.name),
                           ["const struct ipc_msg *req", "struct ipc_msg *reply", "void *reply_buf"])
    return head + ["{"] + indent(body) + ["}", ""]


def reply_fn(iface, op):
    """fs_reply_read(): a deferred answer, sent with ipc_reply."""
    p = iface.prefix
    rep = op.reply
    body = ["struct %s_%s_out out;" % (p, op.name)]
    if rep.buf_fields and not rep.zero_copy:
        body.append("struct %s_%s_out_wire wire;" % (p, op.name))
    body += ["struct ipc_msg msg;", "",
             "result = idl_result(result);",
             "if (result < 0) {",
             IND + "idl_reply_error(&msg, result);",
             IND + "return ipc_reply(client, &msg);",
             "}"]
    for q in op.outs:
        body += cgen.assign_from_param(q, "out")
    if not op.outs:
        body.append("out.none = 0;")
    wire = ", &wire" if rep.buf_fields and not rep.zero_copy else ""
    body += ["if (%s_%s_out_put(&msg%s, &out) < 0)" % (p, op.name, wire),
             IND + "idl_reply_error(&msg, E_BADMSG);",
             "else",
             IND + "msg.label = (uint32_t)result;",
             "return ipc_reply(client, &msg);"]
    head = cgen.prototype("int", "%s_reply_%s" % (p, op.name), cgen.reply_params(op))
    return head + ["{"] + indent(body) + ["}", ""]


def dispatch(iface):
    p, P = iface.prefix, iface.macro
    body = ["if (IPC_LABEL_IFACE(req->label) != %s_IFACE_ID ||" % P,
            "    IPC_LABEL_VERSION(req->label) != %s_VERSION)" % P,
            IND + "return idl_reply_error(reply, E_VERSION);",
            "switch (IPC_LABEL_OP(req->label)) {"]
    for op in iface.ops:
        body += ["case %s_OP_%s:" % (P, op.name.upper()),
                 IND + "return %s_serve_%s(req, reply, reply_buf);" % (p, op.name)]
    body += ["default:", IND + "return idl_reply_error(reply, E_NOSYS);", "}"]
    return (["int %s_dispatch(const struct ipc_msg *req, struct ipc_msg *reply, void *reply_buf)" % p, "{"]
            + indent(body) + ["}", ""])


def serve_loop(iface):
    p = iface.prefix
    return [
        "// The server's one thread runs this loop, so its buffers can be static:",
        "// a request's bytes stay valid until the next receive, a reply's until",
        "// it is sent.",
        "void %s_serve(idl_other_fn other)" % p,
        "{",
        "    static uint8_t req_buf[IPC_MAXBUF];",
        "    static uint32_t reply_buf[IPC_MAXBUF / 4];",
        "    struct ipc_msg m, reply;",
        "    uint32_t client = 0;",
        "    int have_reply = 0;",
        "    int rc;",
        "",
        "    __builtin_memset(&m, 0, sizeof m);",
        "    for (;;) {",
        "        if (have_reply) {",
        "            // Answer the last client and wait for the next one in one trap.",
        "            m = reply;",
        "            idl_recv_into(&m, req_buf);",
        "            rc = ipc_reply_recv(client, &m, IPC_FOREVER);",
        "        } else {",
        "            idl_recv_into(&m, req_buf);",
        "            rc = ipc_recv(&m, IPC_FOREVER);",
        "        }",
        "        have_reply = 0;",
        "        if (rc < 0)",
        "            continue;",
        "        // The kernel's own messages (notifications) are told by their",
        "        // sender, which no task can forge; a task's message with a kernel",
        "        // label is a request like any other, and the dispatcher refuses it.",
        "        if (m.sender == IPC_SENDER_KERNEL) {",
        "            if (other)",
        "                other(&m);",
        "            continue;",
        "        }",
        "        client = m.sender;",
        "        have_reply = %s_dispatch(&m, &reply, reply_buf) != IDL_DEFER;" % p,
        "    }",
        "}",
        ""]


def generate(iface):
    p = iface.prefix
    out = cgen.header("%s_server.c: the dispatcher, serve loop and deferred replies of %s."
                      % (p, iface.name), iface)
    out += ['#include "%s_wire.h"' % p, '#include "%s_server.h"' % p, ""]
    for op in iface.ops:
        out += serve_op(iface, op)
    out += dispatch(iface)
    out += serve_loop(iface)
    out += ["// Deferred replies."]
    for op in iface.ops:
        out += reply_fn(iface, op)
    return "\n".join(out).rstrip("\n") + "\n"
