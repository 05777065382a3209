# Pieces of C shared by the generators: how a type is declared, passed,
# checked, put into message words or the packed buffer and taken back out,
# and printed.  Each statement helper returns a list of lines, indented
# one level; a caller indents further by prefixing.

from . import abi

IND = "    "


def indent(lines, levels=1):
    return [(IND * levels + l) if l else "" for l in lines]


def comment(text, prefix=""):
    """A doc comment as // lines (nothing for an empty doc)."""
    if not text:
        return []
    return [prefix + ("// " + line).rstrip() for line in text.split("\n")]


# --- declarations ---

def decl(t, name):
    """A C variable or member holding a value of t (fixed types and string slots)."""
    if t.kind == "array":
        return "%s %s[%s]" % (t.elem.ctype, name, t.count_c)
    if t.kind == "string":
        return "char %s[%s]" % (name, t.bound_c)
    return "%s %s" % (t.ctype, name)


def wire_decl(t, name):
    """A member of a packed wire struct."""
    if t.kind == "array":
        return "%s %s[%s]" % (t.elem.wire_ctype, name, t.count_c)
    if t.kind in ("string", "bytes"):
        return "%s %s[%s]" % (t.wire_ctype, name, t.bound_c)
    return "%s %s" % (t.wire_ctype, name)


def field_decl(f):
    """A member of an operation's in/out struct."""
    if f.role != "value":
        return "uint32_t %s" % f.name
    if f.type.kind == "string":
        return "const char *%s" % f.name
    if f.type.kind == "bytes":
        return "const uint8_t *%s" % f.name
    return decl(f.type, f.name)


def param_in(p):
    """How a value goes into a function: client in-params, reply-function outs."""
    t, n = p.type, p.name
    if t.kind == "string":
        return ["const char *%s" % n]
    if t.kind == "bytes":
        return ["const void *%s" % n, "uint32_t %s_len" % n]
    if t.kind == "struct":
        return ["const %s *%s" % (t.ctype, n)]
    if t.kind == "array":
        return ["const " + decl(t, n)]
    return ["%s %s" % (t.ctype, n)]


def param_out(p):
    """How a result comes out of a function: client and handler out-params."""
    t, n = p.type, p.name
    if t.kind == "string":
        return ["char %s[%s]" % (n, t.bound_c)]
    if t.kind == "bytes":
        return ["void *%s" % n, "uint32_t *%s_len" % n]
    if t.kind == "array":
        return [decl(t, n)]
    return ["%s *%s" % (t.ctype, n)]


def stub_name(iface, op):
    """The client function of an operation: fs_call_read."""
    return "%s_call_%s" % (iface.prefix, op.name)


def client_params(op):
    ps = []
    for p in op.params:
        if p.type.kind == "seqno":
            continue
        ps += param_in(p) if p.direction == "in" else param_out(p)
    return ps


def handler_params(op):
    """A handler's parameters: the client, then the op's.  A once op's
    handler does not see its seqno: the generated code keeps the record."""
    ps = ["uint32_t client"]
    for p in op.params:
        if op.once and p is op.seq:
            continue
        ps += param_in(p) if p.direction == "in" else param_out(p)
    return ps


def reply_params(op):
    ps = ["uint32_t client", "int result"]
    for p in op.outs:
        ps += param_in(p)
    return ps


def prototype(ret, name, params):
    """A function head, wrapped after a comma when it gets long."""
    head = "%s %s(" % (ret, name)
    one = head + ", ".join(params or ["void"]) + ")"
    if len(one) <= 96:
        return [one]
    return wrap(head, [p + "," for p in params[:-1]] + [params[-1] + ")"], 96)


def wrap(head, pieces, width):
    """head followed by pieces, starting a new line (lined up under the
    first piece) whenever the current one would pass width."""
    lines, cur = [], head
    for piece in pieces:
        if cur != head and len(cur) + len(piece) > width:
            lines.append(cur.rstrip())
            cur = " " * len(head)
        cur += piece + " "
    lines.append(cur.rstrip())
    return lines


# --- the value of one word ---

def word_index(base, k, step=None):
    """w[k] or w[k + idx * step] as C text."""
    if step is None:
        return "%s[%d]" % (base, k)
    i = "idx" if step == 1 else "idx * %d" % step
    return "%s[%s]" % (base, i if k == 0 else "%d + %s" % (k, i))


def narrow_check(t):
    """The idl.h predicate a word must pass to hold a value of scalar type t."""
    if t.kind == "int" and t.bits < 32:
        return "idl_word_is_%s" % t.name
    if t.kind == "bool":
        return "idl_word_is_bool"
    if t.kind == "enum":
        return "%s_valid" % t.cname
    return None


def scalar_from_word(t, dst, w):
    lines = []
    pred = narrow_check(t)
    if pred:
        lines += ["if (!%s(%s))" % (pred, w), IND + "return E_BADMSG;"]
    if t.kind == "bool":
        lines.append("%s = %s != 0;" % (dst, w))
    elif t.ctype == "uint32_t":
        lines.append("%s = %s;" % (dst, w))
    else:
        lines.append("%s = (%s)%s;" % (dst, t.ctype, w))
    return lines


def loop(count_c, body):
    """for (idx ...) around body, with braces only if it has several lines."""
    head = "for (idx = 0; idx < %s; idx++)" % count_c
    if len(body) == 1:
        return [head] + indent(body)
    return [head + " {"] + indent(body) + ["}"]


def to_words(t, src, base, k):
    """Statements storing the value src of type t at base[k...]."""
    if t.kind == "struct":
        return ["%s_to_words(&%s[%d], &%s);" % (t.cname, base, k, src)]
    if t.kind == "array":
        e = t.elem
        w = word_index(base, k, e.words)
        if e.kind == "struct":
            return loop(t.count_c, ["%s_to_words(&%s, &%s[idx]);" % (e.cname, w, src)])
        return loop(t.count_c, ["%s = (uint32_t)%s[idx];" % (w, src)])
    if t.ctype == "uint32_t":
        return ["%s[%d] = %s;" % (base, k, src)]
    return ["%s[%d] = (uint32_t)%s;" % (base, k, src)]


def from_words(t, dst, base, k):
    """Statements checking base[k...] and storing the value in dst."""
    if t.kind == "struct":
        return ["if (%s_from_words(&%s, &%s[%d]) < 0)" % (t.cname, dst, base, k),
                IND + "return E_BADMSG;"]
    if t.kind == "array":
        e = t.elem
        w = word_index(base, k, e.words)
        if e.kind == "struct":
            body = ["if (%s_from_words(&%s[idx], &%s) < 0)" % (e.cname, dst, w),
                    IND + "return E_BADMSG;"]
        else:
            body = scalar_from_word(e, "%s[idx]" % dst, w)
        return loop(t.count_c, body)
    return scalar_from_word(t, dst, "%s[%d]" % (base, k))


# --- the packed buffer ---

def is_byte_array(t):
    return t.kind == "array" and t.elem.kind == "int" and t.elem.bits == 8


def to_wire(t, src, dst):
    """Statements storing the C value src into the packed lvalue dst."""
    if t.kind == "struct":
        return ["%s_to_wire(&%s, &%s);" % (t.cname, dst, src)]
    if t.kind == "string":
        return ["idl_place(%s, %s, idl_strsize(%s, %s), %s);" % (dst, src, src, t.bound_c, t.bound_c)]
    if t.kind == "array":
        if is_byte_array(t):
            return ["__builtin_memcpy(%s, %s, sizeof %s);" % (dst, src, dst)]
        if t.elem.kind == "struct":
            return loop(t.count_c, ["%s_to_wire(&%s[idx], &%s[idx]);" % (t.elem.cname, dst, src)])
        return loop(t.count_c, scalar_to_wire(t.elem, "%s[idx]" % src, "%s[idx]" % dst))
    return scalar_to_wire(t, src, dst)


def scalar_to_wire(t, src, dst):
    if t.kind in ("bool", "enum"):
        return ["%s = (%s)%s;" % (dst, t.wire_ctype, src)]
    return ["%s = %s;" % (dst, src)]


def from_wire(t, dst, src):
    """Statements checking the packed value src and storing it in dst."""
    if t.kind == "struct":
        return ["if (%s_from_wire(&%s, &%s) < 0)" % (t.cname, dst, src), IND + "return E_BADMSG;"]
    if t.kind == "string":
        return ["if (idl_strsize(%s, %s) == 0)" % (src, t.bound_c), IND + "return E_BADMSG;",
                "idl_copy(%s, %s, %s);" % (dst, src, t.bound_c)]
    if t.kind == "array":
        if is_byte_array(t):
            return ["__builtin_memcpy(%s, %s, sizeof %s);" % (dst, src, dst)]
        if t.elem.kind == "struct":
            body = ["if (%s_from_wire(&%s[idx], &%s[idx]) < 0)" % (t.elem.cname, dst, src),
                    IND + "return E_BADMSG;"]
        else:
            body = scalar_from_wire(t.elem, "%s[idx]" % dst, "%s[idx]" % src)
        return loop(t.count_c, body)
    return scalar_from_wire(t, dst, src)


def scalar_from_wire(t, dst, src):
    if t.kind == "bool":
        return ["if (%s > 1)" % src, IND + "return E_BADMSG;", "%s = %s != 0;" % (dst, src)]
    if t.kind == "enum":
        return ["if (!%s_valid(%s))" % (t.cname, src), IND + "return E_BADMSG;",
                "%s = (%s)%s;" % (dst, t.ctype, src)]
    return ["%s = %s;" % (dst, src)]


# --- checking a C value before it is sent ---

def check(t, expr):
    """Statements that return an error if the C value expr cannot be sent:
    E_TOOBIG for a string without its NUL within the bound, E_BADMSG for an
    enum out of range."""
    if t.kind == "string":
        return ["if (idl_strsize(%s, %s) == 0)" % (expr, t.bound_c), IND + "return E_TOOBIG;"]
    if t.kind == "enum":
        return ["if (!%s_valid((uint32_t)%s))" % (t.cname, expr), IND + "return E_BADMSG;"]
    if t.kind == "struct" and t.needs_check():
        return ["rc = %s_check(&%s);" % (t.cname, expr), "if (rc < 0)", IND + "return rc;"]
    if t.kind == "array":
        body = check(t.elem, "%s[idx]" % expr)
        if body:
            return loop(t.count_c, body)
    return []


# --- printing ---

def print_value(t, expr, out="out"):
    """Statements appending the value expr to the idl_line out."""
    if t.kind == "int":
        fn = "idl_put_i32" if t.signed else "idl_put_u32"
        return ["%s(%s, %s);" % (fn, out, expr)]
    if t.kind in ("seqno",):
        return ["idl_put_u32(%s, %s);" % (out, expr)]
    if t.kind == "bool":
        return ['idl_puts(%s, %s ? "true" : "false");' % (out, expr)]
    if t.kind == "enum":
        return ["idl_puts(%s, %s_name(%s));" % (out, t.cname, expr)]
    if t.kind == "struct":
        return ["%s_print(%s, &%s);" % (t.cname, out, expr)]
    if t.kind == "string":
        return ["idl_put_string(%s, %s);" % (out, expr)]
    if t.kind == "array":
        if t.count > 8:
            return ['idl_puts(%s, "[%d items]");' % (out, t.count)]
        body = ['if (idx > 0)', IND + 'idl_puts(%s, ", ");' % out]
        body += print_value(t.elem, "%s[idx]" % expr, out)
        return ['idl_puts(%s, "[");' % out] + loop(t.count_c, body) + ['idl_puts(%s, "]");' % out]
    raise AssertionError(t.kind)


def uses_idx(lines):
    return any("for (idx = 0;" in l for l in lines)


def uses_rc(lines):
    return any(l.lstrip().startswith("rc = ") for l in lines)


def header(what, iface, private=False):
    """The opening comment of every generated file."""
    lines = ["// %s" % what,
             "// Generated by tools/idlc from %s; do not edit." % basename(iface.file)]
    if private:
        lines.append("// Private to the generated code: clients include %s_client.h, servers %s_server.h."
                     % (iface.prefix, iface.prefix))
    return lines


def basename(path):
    return path.replace("\\", "/").rsplit("/", 1)[-1]


def limits_asserts(iface):
    return ["_Static_assert(IPC_NWORDS == %d, \"%s: generated for %d message words\");"
            % (abi.NWORDS, iface.name, abi.NWORDS),
            "_Static_assert(IPC_MAXBUF == %d, \"%s: generated for a %d-byte buffer\");"
            % (abi.MAXBUF, iface.name, abi.MAXBUF)]


# --- moving values between function parameters and in/out structs ---

def assign_from_param(p, dst, seq_counter=None):
    """Statements filling struct dst (e.g. "in") from p passed in in-form;
    a seqno comes from the counter instead."""
    t, n = p.type, p.name
    if t.kind == "seqno" and seq_counter:
        return ["%s.%s = idl_next_seq(&%s);" % (dst, n, seq_counter)]
    if t.kind == "struct":
        return ["%s.%s = *%s;" % (dst, n, n)]
    if t.kind == "array":
        return ["__builtin_memcpy(%s.%s, %s, sizeof %s.%s);" % (dst, n, n, dst, n)]
    if t.kind == "bytes":
        return ["%s.%s = %s;" % (dst, n, n), "%s.%s_len = %s_len;" % (dst, n, n)]
    return ["%s.%s = %s;" % (dst, n, n)]


def request_from_params(op, seq_counter):
    """Fill "in" from a client's arguments; an out bytes gives its capacity."""
    lines = []
    for p in op.params:
        if p.direction == "in":
            lines += assign_from_param(p, "in", seq_counter)
        elif p.type.kind == "bytes":
            lines.append("in.%s_cap = idl_min(*%s_len, %s);" % (p.name, p.name, p.type.bound_c))
    return lines or ["in.none = 0;"]


def copy_out(p, dst=""):
    """Statements giving the caller the out value p from struct "out";
    dst prefixes the caller's pointers (e.g. "outs->")."""
    t, n = p.type, dst + p.name
    if t.kind == "array":
        return ["__builtin_memcpy(%s, out.%s, sizeof out.%s);" % (n, p.name, p.name)]
    if t.kind == "string":
        return ["idl_copy(%s, out.%s, idl_strsize(out.%s, %s));" % (n, p.name, p.name, t.bound_c)]
    if t.kind == "bytes":
        return ["idl_copy(%s, out.%s, out.%s_len);" % (n, p.name, p.name),
                "*%s_len = out.%s_len;" % (n, p.name)]
    return ["*%s = out.%s;" % (n, p.name)]


def handler_args(op, client, out_buf):
    """The arguments of a handler call: ins from struct "in", fixed outs into
    struct "out"; out_buf(p) says where a string or bytes out is written."""
    args = [client]
    for p in op.params:
        t, n = p.type, p.name
        if op.once and p is op.seq:
            continue
        if p.direction == "in":
            if t.kind == "struct":
                args.append("&in." + n)
            elif t.kind == "bytes":
                args += ["in." + n, "in.%s_len" % n]
            else:
                args.append("in." + n)
        elif t.kind in ("string", "bytes"):
            args.append(out_buf(p))
            if t.kind == "bytes":
                args.append("&out.%s_len" % n)
        elif t.kind == "array":
            args.append("out." + n)
        else:
            args.append("&out." + n)
    return args


def handler_call(iface, op, client, out_buf):
    """Statements that run op's handler and leave its result in rc.  For a
    once op the server's record is asked first: a request seen before gets
    the recorded result and the handler does not run again."""
    p, P = iface.prefix, iface.macro
    run = call("%s_do_%s" % (p, op.name), handler_args(op, client, out_buf), "rc = ")
    if not op.once:
        return run
    return (["rc = %s_once_begin(%s, in.%s, %s_OP_%s);" % (p, client, op.seq.name, P, op.name.upper()),
             "if (rc == IDL_ONCE_NEW) {"] + indent(run) +
            [IND + "rc = %s_once_end(%s, rc);" % (p, client), "}"])


def call(fn, args, prefix=""):
    """A call statement, wrapped when long."""
    head = "%s%s(" % (prefix, fn)
    return wrap(head, [a + "," for a in args[:-1]] + [args[-1] + ");"], 92) if args else [head + ");"]
