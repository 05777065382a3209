# Writes the interface-specific half of the dispatcher fuzz (see fuzz.h):
# for every operation a handler that asserts each promise the dispatcher
# makes about its arguments (strings terminated within their bound,
# lengths within bounds, enums valid) and answers with random results, and
# a function that makes a valid random request with the op's in_put.
# It reads the compiler's own model of the interface.

import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))

from idl import cgen, check, parser  # noqa: E402

IND = "    "


def load(path):
    with open(path) as f:
        return check.check(parser.parse(path, f.read()))


def types_used(iface):
    seen = []

    def visit(t):
        if t.kind == "array":
            visit(t.elem)
        elif t.kind == "struct" and t not in seen:
            for m in t.members:
                visit(m.type)
            seen.append(t)
    for op in iface.ops:
        for p in op.params:
            visit(p.type)
    return seen


def check_value(t, expr):
    """Statements asserting the C value expr is valid."""
    if t.kind == "string":
        return ["fuzz_check_string(%s, %d);" % (expr, t.bound)]
    if t.kind == "enum":
        return ["FUZZ_ASSERT(%s_valid((uint32_t)%s));" % (t.cname, expr)]
    if t.kind == "bool":
        return ["fuzz_sink += %s;" % expr]        # -fsanitize=bool checks the load
    if t.kind == "struct":
        return ["check_%s(&%s);" % (t.cname, expr)]
    if t.kind == "array":
        body = check_value(t.elem, "%s[i]" % expr)
        return ["for (i = 0; i < %d; i++) {" % t.count] + [IND + b for b in body] + ["}"]
    return ["fuzz_sink += (uint32_t)%s;" % expr]


def fill_value(t, expr, liar=False):
    """Statements storing a random valid value of t in the lvalue expr."""
    if t.kind == "string":
        lines = ["fuzz_string(%s, %d);" % (expr, t.bound)]
        if liar:        # sometimes no NUL at all: the dispatcher must refuse to send it
            lines += ["if (fuzz_liar())", IND + "__builtin_memset(%s, 'x', %d);" % (expr, t.bound)]
        return lines
    if t.kind == "enum":
        vals = ", ".join(str(v.value) for v in t.values)
        lines = ["{", IND + "static const int32_t vals[] = { %s };" % vals,
                 IND + "%s = (%s)vals[fuzz_rand() %% %d];" % (expr, t.ctype, len(t.values)), "}"]
        if liar:
            lines += ["if (fuzz_liar())", IND + "%s = (%s)12345;" % (expr, t.ctype)]
        return lines
    if t.kind == "bool":
        return ["%s = fuzz_rand() & 1;" % expr]
    if t.kind == "struct":
        return ["fill_%s(&%s);" % (t.cname, expr)]
    if t.kind == "array":
        body = fill_value(t.elem, "%s[i]" % expr)
        return ["for (i = 0; i < %d; i++) {" % t.count] + [IND + b for b in body] + ["}"]
    return ["%s = (%s)fuzz_rand();" % (expr, t.ctype)]


def struct_helpers(t):
    out = ["static void __attribute__((unused)) check_%s(const %s *v)" % (t.cname, t.ctype), "{",
           IND + "int i = 0;", ""]
    for m in t.members:
        out += [IND + l for l in check_value(m.type, "v->%s" % m.name)]
    out += [IND + "(void)i;", "}", ""]
    out += ["static void __attribute__((unused)) fill_%s(%s *v)" % (t.cname, t.ctype), "{",
            IND + "int i = 0;", ""]
    for m in t.members:
        out += [IND + l for l in fill_value(m.type, "v->%s" % m.name)]
    out += [IND + "(void)i;", "}", ""]
    return out


def handler(iface, op, index):
    params = cgen.handler_params(op)
    body = ["int i = 0;", "", "fuzz_handled[%d]++;" % index]
    for p in op.ins:
        t = p.type
        if op.once and p is op.seq:
            continue            # the generated code keeps it, the handler does not see it
        if t.kind == "bytes":
            body.append("fuzz_check_bytes(%s, %s_len, %d);" % (p.name, p.name, t.bound))
        elif t.kind == "array":
            body += check_value(t, p.name)
        elif t.kind == "struct":
            body += check_value(t, "*" + p.name)
        else:
            body += check_value(t, p.name)
    for p in op.outs:
        t = p.type
        if t.kind == "bytes":
            body += ["FUZZ_ASSERT(*%s_len <= %d);" % (p.name, t.bound),
                     "*%s_len = fuzz_bytes(%s, *%s_len);" % (p.name, p.name, p.name),
                     "if (fuzz_liar())", IND + "*%s_len += 1;" % p.name]
        elif t.kind == "string":
            body += fill_value(t, p.name, liar=True)
        elif t.kind == "array":
            body += fill_value(t, p.name)
        else:
            body += fill_value(t, "*" + p.name, liar=True)
    body += ["(void)i;", "(void)client;", "return fuzz_result();"]
    head = cgen.prototype("int", "%s_do_%s" % (iface.prefix, op.name), params)
    return head + ["{"] + [IND + b for b in body] + ["}", ""]


def once_hooks(iface):
    """A record that has seen nothing: every request runs its handler."""
    p = iface.prefix
    return ["int %s_once_begin(uint32_t client, uint32_t seq, uint32_t op)" % p, "{",
            IND + "(void)client;", IND + "(void)seq;", IND + "(void)op;", IND + "return IDL_ONCE_NEW;", "}", "",
            "int %s_once_end(uint32_t client, int result)" % p, "{",
            IND + "(void)client;", IND + "return result;", "}", ""]


def request(iface, op):
    """One case of fuzz_request: a valid random request of op."""
    p, P = iface.prefix, iface.macro
    n = "%s_%s_in" % (p, op.name)
    body = ["struct %s in;" % n, "int i = 0;", "", "__builtin_memset(&in, 0, sizeof in);"]
    for q in op.params:
        t = q.type
        if q.direction == "out":
            if t.kind == "bytes":
                body.append("in.%s_cap = fuzz_rand() %% (%d + 1);" % (q.name, t.bound))
            continue
        k = op.params.index(q)      # each parameter its own scratch buffer
        if t.kind == "string":
            body += ["fuzz_string(scratch[%d], %d);" % (k, t.bound), "in.%s = scratch[%d];" % (q.name, k)]
        elif t.kind == "bytes":
            body += ["in.%s_len = fuzz_bytes(scratch[%d], %d);" % (q.name, k, t.bound),
                     "in.%s = (const uint8_t *)scratch[%d];" % (q.name, k)]
        else:
            body += fill_value(t, "in.%s" % q.name)
    wire = ", wire" if op.request.buf_fields and not op.request.zero_copy else ""
    body += ["(void)i;", "if (%s_put(m%s, &in) < 0)" % (n, wire), IND + "return -1;",
             "m->label = IPC_LABEL(%s_IFACE_ID, %s_VERSION, %s_OP_%s);" % (P, P, P, op.name.upper()),
             "return 0;"]
    return ["{"] + [IND + b for b in body] + ["}"]


def generate(iface):
    p, P = iface.prefix, iface.macro
    out = ["// Generated by tests/idl/fuzzgen.py for the fuzz of %s; do not edit." % iface.name,
           "#include <string.h>", '#include "fuzz.h"', '#include "%s_wire.h"' % p,
           '#include "%s_server.h"' % p, "",
           "const uint32_t fuzz_iface = %s_IFACE_ID, fuzz_version = %s_VERSION;" % (P, P),
           "const uint16_t fuzz_ops[] = { %s };" % ", ".join(str(op.number) for op in iface.ops),
           "const int fuzz_nops = %d;" % len(iface.ops),
           "long fuzz_handled[%d];" % len(iface.ops),
           "static volatile uint32_t fuzz_sink;",
           "// Strings and bytes of a made request: they must outlive fuzz_request.",
           "static char scratch[64][%d];" % 4096, ""]
    for t in types_used(iface):
        out += struct_helpers(t)
    for i, op in enumerate(iface.ops):
        out += handler(iface, op, i)
    if any(op.once for op in iface.ops):
        out += once_hooks(iface)
    out += ["int fuzz_request(int i, struct ipc_msg *m, void *wire)", "{", IND + "(void)wire;",
            IND + "switch (i) {"]
    for i, op in enumerate(iface.ops):
        out += [IND + "case %d:" % i] + [IND * 2 + l for l in request(iface, op)]
    out += [IND + "}", IND + "return -1;", "}", "",
            "int fuzz_dispatch(const struct ipc_msg *req, struct ipc_msg *reply, void *reply_buf)",
            "{", IND + "return %s_dispatch(req, reply, reply_buf);" % p, "}", "",
            "int fuzz_print_request(char *buf, uint32_t size, const struct ipc_msg *m, const void *bytes,"
            " uint32_t len)",
            "{", IND + "return %s_print_request(buf, size, m, bytes, len);" % p, "}", "",
            "int fuzz_print_reply(char *buf, uint32_t size, uint32_t op, const struct ipc_msg *m,"
            " const void *bytes, uint32_t len)",
            "{", IND + "return %s_print_reply(buf, size, op, m, bytes, len);" % p, "}"]
    return "\n".join(out) + "\n"


def libipc_stubs():
    """The fuzz links the server file, whose reply functions and serve loop
    call libipc: these stand-ins are never reached."""
    return ["int ipc_reply(uint32_t client, struct ipc_msg *m) { (void)client; (void)m; return 0; }",
            "int ipc_recv(struct ipc_msg *m, uint32_t t) { (void)m; (void)t; return E_TIMEOUT; }",
            "int ipc_reply_recv(uint32_t c, struct ipc_msg *m, uint32_t t)"
            " { (void)c; (void)m; (void)t; return E_TIMEOUT; }"]


if __name__ == "__main__":
    iface = load(sys.argv[1])
    sys.stdout.write(generate(iface) + "\n".join(libipc_stubs()) + "\n")
