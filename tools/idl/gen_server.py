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
    body += cgen.handler_call(iface, op, "req->sender", lambda q: "wire->" + q.name)
    body += ["if (rc < 0) {",
             IND + "if (rc == IDL_DEFER)", IND * 2 + "return IDL_DEFER;",
             IND + "return idl_reply_error(reply, idl_result(rc));",
             "}"]
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
    head += cgen.prototype("static inline int", "%s_serve_%s" % (p, op.name),
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
    """The dispatcher: a static inline body the serve loop runs in place,
    and the exported function for servers with a loop of their own."""
    p, P = iface.prefix, iface.macro
    body = ["// The whole label names interface, version and operation, so one",
            "// switch checks all three; only a refused label is taken apart.",
            "switch (req->label) {"]
    for op in iface.ops:
        body += ["case IPC_LABEL(%s_IFACE_ID, %s_VERSION, %s_OP_%s):" % (P, P, P, op.name.upper()),
                 IND + "return %s_serve_%s(req, reply, reply_buf);" % (p, op.name)]
    body += ["default:",
             IND + "return idl_reply_bad_label(reply, req->label, %s_IFACE_ID, %s_VERSION);" % (P, P),
             "}"]
    params = "const struct ipc_msg *req, struct ipc_msg *reply, void *reply_buf"
    return (["static inline int dispatch(%s)" % params, "{"] + indent(body) + ["}", "",
            "int %s_dispatch(%s)" % (p, params), "{",
            IND + "return dispatch(req, reply, reply_buf);", "}", ""])


def serve_loop(iface):
    p = iface.prefix
    return [
        "// The server's one thread runs this loop, so its buffers can be static:",
        "// a request's bytes stay valid until the next receive, a reply's until",
        "// it is sent.  The reply is composed in the request's own descriptor",
        "// (the dispatcher has taken all it needs from the request by then),",
        "// so nothing is copied between the two.  Both entry points below run",
        "// it in place: in %s_serve the hooks are constants, and those it does" % p,
        "// not set cost nothing.",
        "static inline __attribute__((always_inline)) void serve_loop(const struct idl_hooks *h)",
        "{",
        "    static uint8_t req_buf[IPC_MAXBUF];",
        "    static uint32_t reply_buf[IPC_MAXBUF / 4];",
        "    struct ipc_msg m;",
        "    int rc;",
        "",
        "    idl_msg_start(&m);",
        "    idl_recv_into(&m, req_buf);",
        "    rc = ipc_recv(&m, idl_next_timeout(h));",
        "    for (;;) {",
        "        if (h->woke)",
        "            h->woke();",
        "        // The kernel's own messages (notifications) are told by their",
        "        // sender, which no task can forge; a task's message with a kernel",
        "        // label is a request like any other, and the dispatcher refuses it.",
        "        if (rc >= 0 && m.sender != IPC_SENDER_KERNEL) {",
        "            uint32_t client = m.sender;",
        "            int r = h->serve ? h->serve(&m, &m, reply_buf, rc == IPC_MORE) : dispatch(&m, &m, reply_buf);",
        "            if (h->after)",
        "                h->after();",
        "            if (r != IDL_DEFER) {",
        "                // Answer the client and wait for the next one in one trap.",
        "                idl_recv_again(&m);",
        "                rc = ipc_reply_recv(client, &m, idl_next_timeout(h));",
        "                continue;",
        "            }",
        "        } else if (rc >= 0 && h->other) {",
        "            h->other(&m);",
        "        }",
        "        idl_recv_again(&m);",
        "        rc = ipc_recv(&m, idl_next_timeout(h));",
        "    }",
        "}",
        "",
        "void %s_serve(idl_other_fn other)" % p,
        "{",
        "    serve_loop(&(const struct idl_hooks){ .other = other });",
        "}",
        "",
        "void %s_serve_with(const struct idl_hooks *hooks)" % p,
        "{",
        "    serve_loop(hooks);",
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
