# The checker: turns a syntax tree into the model, refusing everything the
# generated C could not carry or compile: unknown names, duplicates, reused
# reserved numbers, reserved C words, unbounded types, messages that do not
# fit the kernel's limits.  The first mistake found is raised as IdlError.

from . import abi, ast, model
from .source import IdlError


class Checker:
    def __init__(self, tree):
        self.tree = tree
        self.iface = model.Interface(tree.name, tree.pos.file)
        self.names = {}         # IDL name of a const or type -> its node
        self.generated = {}     # C name the output will define -> what defines it

    def run(self):
        t, m = self.tree, self.iface
        m.doc, m.pos = t.doc, t.pos
        self.check_name(t.name, t.pos)
        self.settings()
        self.fixed_names()
        ops, numbers = {}, {}
        reserved = self.reserved_numbers()
        for d in t.decls:
            if isinstance(d, ast.Const):
                self.const(d)
            elif isinstance(d, ast.Enum):
                self.enum(d)
            elif isinstance(d, ast.Struct):
                self.struct(d)
            elif isinstance(d, ast.Op):
                self.op(d, ops, numbers, reserved)
        if not m.ops:
            raise IdlError(t.pos, "interface '%s' has no operations" % t.name)
        return m

    # --- names ---

    def check_name(self, name, pos):
        if name in abi.C_RESERVED:
            raise IdlError(pos, "'%s' is a reserved C word" % name)
        if name.startswith("_"):
            raise IdlError(pos, "'%s' is reserved in C (it begins with an underscore)" % name)

    def define(self, cname, what, pos):
        """Record a C name the output defines; two definitions are a clash."""
        if cname in self.generated:
            raise IdlError(pos, "name clash in the generated C: '%s' comes from both %s and %s"
                           % (cname, self.generated[cname], what))
        self.generated[cname] = what

    def fixed_names(self):
        p, P = self.iface.prefix, self.iface.macro
        what = "interface '%s'" % self.iface.name
        for n in ("dispatch", "serve", "print_request", "print_reply", "seq", "waiters", "once_begin",
                  "once_end"):
            self.define("%s_%s" % (p, n), what, self.tree.pos)
        for n in ("IFACE_ID", "VERSION", "ENDPOINT"):
            self.define("%s_%s" % (P, n), what, self.tree.pos)

    def declare(self, name, pos, node):
        """A const or type name: unique in the file and not a built-in."""
        self.check_name(name, pos)
        if name in model.BUILTINS or name in ("string", "bytes"):
            raise IdlError(pos, "'%s' is a built-in type" % name)
        if name in self.names:
            first = self.names[name]
            raise IdlError(pos, "duplicate name '%s' (first at %s)" % (name, first.pos))
        self.names[name] = node

    # --- interface settings ---

    def settings(self):
        t, m = self.tree, self.iface
        for key in ("id", "version", "endpoint"):
            if key not in t.settings:
                raise IdlError(t.pos, "interface '%s' has no %s" % (t.name, key))
        m.id, pos = t.settings["id"]
        if not 1 <= m.id <= abi.MAX_IFACE_ID:
            raise IdlError(pos, "interface id must be 1..%d, not %d" % (abi.MAX_IFACE_ID, m.id))
        m.version, pos = t.settings["version"]
        if not 1 <= m.version <= abi.MAX_VERSION:
            raise IdlError(pos, "version must be 1..%d, not %d" % (abi.MAX_VERSION, m.version))
        m.endpoint, pos = t.settings["endpoint"]
        if m.endpoint not in abi.ENDPOINTS:
            raise IdlError(pos, "unknown endpoint '%s'" % m.endpoint)

    def reserved_numbers(self):
        reserved = {}
        for d in self.tree.decls:
            if isinstance(d, ast.Reserved):
                if d.doc:
                    self.iface.reserved_docs.append(d.doc)
                for value, pos in d.numbers:
                    self.op_number(value, pos)
                    if value in reserved:
                        raise IdlError(pos, "reserved number %d listed twice" % value)
                    reserved[value] = pos
                    self.iface.reserved.append((value, pos))
        return reserved

    def op_number(self, value, pos):
        if not 1 <= value <= abi.MAX_OP:
            raise IdlError(pos, "operation number must be 1..%d, not %d" % (abi.MAX_OP, value))

    # --- declarations ---

    def const(self, d):
        self.declare(d.name, d.pos, d)
        if d.value > 0xffffffff:
            raise IdlError(d.pos, "constant '%s' does not fit in 32 bits" % d.name)
        c = model.Const(d.name, "%s_%s" % (self.iface.macro, d.name.upper()), d.value, d.doc, d.pos)
        self.define(c.cname, "constant '%s'" % d.name, d.pos)
        d.model = c
        self.iface.consts.append(c)

    def enum(self, d):
        self.declare(d.name, d.pos, d)
        cname = "%s_%s" % (self.iface.prefix, d.name)
        what = "enum '%s'" % d.name
        for suffix in ("", "_valid", "_name"):
            self.define(cname + suffix, what, d.pos)
        values, seen_names, seen_values = [], {}, {}
        next_value = 0
        for v in d.values:
            self.check_name(v.name, v.pos)
            if v.name in seen_names:
                raise IdlError(v.pos, "duplicate enum value name '%s'" % v.name)
            value = next_value if v.value is None else v.value
            if not -0x80000000 <= value <= 0x7fffffff:
                raise IdlError(v.pos, "enum value %d does not fit in 32 bits" % value)
            if value in seen_values:
                raise IdlError(v.pos, "'%s' has the same value %d as '%s'"
                               % (v.name, value, seen_values[value]))
            seen_names[v.name] = v
            seen_values[value] = v.name
            next_value = value + 1
            vc = "%s_%s_%s" % (self.iface.macro, d.name.upper(), v.name.upper())
            self.define(vc, "enum value '%s'" % v.name, v.pos)
            values.append(model.EnumValue(v.name, vc, value, v.doc, v.pos))
        t = model.EnumType(d.name, cname, values, d.doc, d.pos)
        d.model = t
        self.iface.types.append(t)

    def struct(self, d):
        self.declare(d.name, d.pos, d)
        cname = "%s_%s" % (self.iface.prefix, d.name)
        what = "struct '%s'" % d.name
        for suffix in ("", "_wire", "_check", "_to_words", "_from_words", "_to_wire",
                       "_from_wire", "_print"):
            self.define(cname + suffix, what, d.pos)
        if not d.members:
            raise IdlError(d.pos, "struct '%s' has no members" % d.name)
        members, seen = [], {}
        for mem in d.members:
            self.check_name(mem.name, mem.pos)
            if mem.name in seen:
                raise IdlError(mem.pos, "duplicate member name '%s'" % mem.name)
            seen[mem.name] = mem
            t = self.type(mem.type, "member")
            members.append(model.Member(mem.name, t, mem.doc, mem.pos))
        t = model.StructType(d.name, cname, members, d.doc, d.pos)
        d.model = t
        self.iface.types.append(t)

    def op(self, d, ops, numbers, reserved):
        self.check_name(d.name, d.pos)
        self.op_number(d.number, d.number_pos)
        if d.name in ops:
            raise IdlError(d.pos, "duplicate operation name '%s' (first at %s)"
                           % (d.name, ops[d.name].pos))
        if d.number in numbers:
            first = numbers[d.number]
            raise IdlError(d.number_pos, "duplicate operation number %d (first used by '%s' at %s)"
                           % (d.number, first.name, first.number_pos))
        if d.number in reserved:
            raise IdlError(d.number_pos, "operation number %d is reserved (at %s)"
                           % (d.number, reserved[d.number]))
        ops[d.name] = d
        numbers[d.number] = d
        p, P = self.iface.prefix, self.iface.macro
        what = "operation '%s'" % d.name
        names = ["%s_call_%s" % (p, d.name), "%s_do_%s" % (p, d.name), "%s_reply_%s" % (p, d.name),
                 "%s_serve_%s" % (p, d.name), "%s_%s_outs" % (p, d.name),
                 "%s_print_%s_in" % (p, d.name), "%s_print_%s_out" % (p, d.name),
                 "%s_OP_%s" % (P, d.name.upper())]
        for half in ("in", "out"):
            for suffix in ("", "_wire", "_check", "_put", "_get"):
                names.append("%s_%s_%s%s" % (p, d.name, half, suffix))
        for n in names:
            self.define(n, what, d.pos)
        params = self.params(d)
        errors = self.errors(d)
        op = model.Op(d.number, d.name, params, errors, d.doc, d.pos, d.once)
        if op.once and not op.seq:
            raise IdlError(d.pos, "a once operation needs a seqno parameter: the record is kept by it")
        if op.once and op.outs:
            raise IdlError(op.outs[0].pos, "a once operation has no out parameters: only its result "
                           "is recorded")
        for half, msg in (("request", op.request), ("reply", op.reply)):
            if msg.buf_size > abi.MAXBUF:
                raise IdlError(d.pos, "operation '%s' does not fit in a message: its %s needs "
                               "%d bytes of buffer, at most %d fit"
                               % (d.name, half, msg.buf_size, abi.MAXBUF))
        self.iface.ops.append(op)

    def params(self, d):
        params, seen = [], {}
        for a in d.params:
            self.check_name(a.name, a.pos)
            if a.name in abi.GENERATED_LOCALS or a.name in ("in", "out"):
                raise IdlError(a.pos, "parameter name '%s' is used by the generated code" % a.name)
            if a.name in seen:
                raise IdlError(a.pos, "duplicate parameter name '%s'" % a.name)
            seen[a.name] = a
            t = self.type(a.type, "param")
            if t.kind == "seqno":
                if a.direction != "in":
                    raise IdlError(a.type.pos, "seqno must be an in parameter")
                if any(q.type.kind == "seqno" for q in params):
                    raise IdlError(a.type.pos, "an operation has at most one seqno")
            params.append(model.Param(a.direction, a.name, t, a.doc, a.pos))
        # A bytes parameter brings a length (and an out one a capacity) named after it.
        for q in params:
            if q.type.kind == "bytes":
                for suffix in ("_len", "_cap"):
                    if q.name + suffix in seen:
                        other = seen[q.name + suffix]
                        raise IdlError(other.pos, "parameter '%s' clashes with the %s of '%s'"
                                       % (other.name, "length" if suffix == "_len" else "capacity",
                                          q.name))
        return params

    def errors(self, d):
        errors = []
        for name, pos in d.errors:
            if name not in abi.ERRORS or name == "E_OK":
                raise IdlError(pos, "unknown error '%s'" % name)
            if name in abi.TRANSPORT_ERRORS:
                raise IdlError(pos, "'%s' is a transport error; an operation cannot return it" % name)
            if name in errors:
                raise IdlError(pos, "error '%s' listed twice" % name)
            errors.append(name)
        return errors

    # --- types ---

    def type(self, ref, where):
        """Resolve a type reference; where is "param", "member" or "element"."""
        t = self.base_type(ref, where if ref.count is None and not ref.unbounded_array else "element")
        if ref.unbounded_array:
            raise IdlError(ref.bracket_pos, "an array needs a size, as in %s[16]" % ref.name)
        if ref.count is None:
            return t
        if t.kind in ("string", "bytes"):
            raise IdlError(ref.pos, "an array of %s is not supported; put it in a struct" % t.kind)
        count, count_c = self.bound(ref.count)
        if t.kind == "seqno":
            raise IdlError(ref.pos, "seqno may only be the type of a parameter")
        return model.ArrayType(t, count, count_c)

    def base_type(self, ref, where):
        name = ref.name
        if name in ("string", "bytes"):
            if ref.bound is None:
                raise IdlError(ref.pos, "%s needs a bound, as in %s<%d>"
                               % (name, name, 64 if name == "string" else 4096))
            bound, bound_c = self.bound(ref.bound)
            if name == "bytes" and where != "param":
                raise IdlError(ref.pos, "bytes may only be the type of a parameter; use u8[N]")
            if name == "string":
                return model.StringType(bound, bound_c)
            return model.BytesType(bound, bound_c)
        if ref.bound is not None:
            raise IdlError(ref.bound.pos, "'%s' takes no bound" % name)
        if name in model.BUILTINS:
            t = model.BUILTINS[name]
            if t.kind == "seqno" and where != "param":
                raise IdlError(ref.pos, "seqno may only be the type of a parameter")
            return t
        node = self.names.get(name)
        if node is None or isinstance(node, ast.Const):
            raise IdlError(ref.pos, "unknown type '%s'" % name)
        return node.model

    def bound(self, b):
        """The value of a size and how the C code spells it."""
        if b.name is not None:
            node = self.names.get(b.name)
            if not isinstance(node, ast.Const):
                raise IdlError(b.pos, "unknown constant '%s'" % b.name)
            value, spelled = node.value, node.model.cname
        else:
            value, spelled = b.value, str(b.value)
        if not 1 <= value <= abi.MAXBUF:
            raise IdlError(b.pos, "size must be 1..%d, not %d" % (abi.MAXBUF, value))
        return value, spelled


def check(tree):
    """Check a parsed interface and return its model."""
    return Checker(tree).run()
