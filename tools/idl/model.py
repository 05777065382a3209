# The checked model of an interface: resolved types, operations, and for
# each operation the exact layout of its request and its reply.  Every
# generator reads this and nothing else.
#
# Layout rule (docs/idl.md, "On the wire"): the fixed-size fields of a
# message - parameters, the length of each bytes parameter and, in a
# request, the capacity of each out bytes parameter - take message words in
# the order they are declared, as long as they fit; a fixed field that does
# not fit goes to the byte buffer instead.  The byte buffer is a packed
# struct: first the fixed fields that did not fit, then the strings and
# bytes in declaration order.  Only the last of those is sent cut to its
# length; the others always take their whole slot.

from . import abi


class Type:
    kind = None
    size = 0            # bytes in the packed wire layout
    words = None        # message words it takes, or None if it cannot go in words

    def canon(self):
        """The type as the wire sees it, for comparing two versions."""
        raise NotImplementedError


class IntType(Type):
    kind = "int"

    def __init__(self, bits, signed):
        self.bits = bits
        self.signed = signed
        self.name = ("i" if signed else "u") + str(bits)
        self.ctype = ("int%d_t" if signed else "uint%d_t") % bits
        self.wire_ctype = self.ctype
        self.size = bits // 8
        self.words = 1

    def canon(self):
        return self.name


class BoolType(Type):
    kind = "bool"
    name = "bool"
    ctype = "bool"
    wire_ctype = "uint8_t"
    size = 1
    words = 1

    def canon(self):
        return "bool"


class SeqType(Type):
    """A request sequence number: the client stub fills it in, never the caller."""
    kind = "seqno"
    name = "seqno"
    ctype = "uint32_t"
    wire_ctype = "uint32_t"
    size = 4
    words = 1

    def canon(self):
        return "seqno"


class EnumValue:
    def __init__(self, name, cname, value, doc, pos):
        self.name = name
        self.cname = cname
        self.value = value
        self.doc = doc
        self.pos = pos


class EnumType(Type):
    kind = "enum"
    wire_ctype = "uint32_t"
    size = 4
    words = 1

    def __init__(self, name, cname, values, doc, pos):
        self.name = name
        self.cname = cname          # demo_colour
        self.ctype = "enum " + cname
        self.values = values
        self.doc = doc
        self.pos = pos

    def canon(self):
        return "enum{%s}" % ",".join("%s=%d" % (v.name, v.value) for v in self.values)


class Member:
    def __init__(self, name, type, doc, pos):
        self.name = name
        self.type = type
        self.doc = doc
        self.pos = pos


class StructType(Type):
    kind = "struct"

    def __init__(self, name, cname, members, doc, pos):
        self.name = name
        self.cname = cname          # demo_point
        self.ctype = "struct " + cname
        self.wire_ctype = "struct %s_wire" % cname
        self.members = members
        self.doc = doc
        self.pos = pos
        self.size = sum(m.type.size for m in members)
        words = [m.type.words for m in members]
        self.words = None if None in words else sum(words)

    def canon(self):
        return "struct{%s}" % ",".join(m.type.canon() for m in self.members)

    def needs_check(self):
        """Whether a C value of this type can be invalid (a bad enum, an unterminated string)."""
        return any(needs_check(m.type) for m in self.members)


class ArrayType(Type):
    kind = "array"

    def __init__(self, elem, count, count_c):
        self.elem = elem
        self.count = count
        self.count_c = count_c      # "16" or "DEMO_NAMELEN"
        self.name = "%s[%s]" % (elem.name, count)
        self.ctype = elem.ctype
        self.wire_ctype = elem.wire_ctype
        self.size = elem.size * count
        self.words = None if elem.words is None else elem.words * count

    def canon(self):
        return "%s[%d]" % (self.elem.canon(), self.count)


class BoundedType(Type):
    """A type with a bound N written kind<N>; it takes N bytes on the wire."""

    def __init__(self, bound, bound_c):
        self.bound = bound
        self.bound_c = bound_c
        self.name = "%s<%d>" % (self.kind, bound)
        self.size = bound

    def canon(self):
        return self.name


class StringType(BoundedType):
    """string<N>: at most N bytes including the terminating NUL."""
    kind = "string"
    wire_ctype = "char"


class BytesType(BoundedType):
    """bytes<N>: 0 to N bytes, with the length carried beside them."""
    kind = "bytes"
    wire_ctype = "uint8_t"


def needs_check(t):
    """Whether a C value of type t can hold something the wire must refuse."""
    if t.kind in ("enum", "string"):
        return True
    if t.kind == "array":
        return needs_check(t.elem)
    if t.kind == "struct":
        return t.needs_check()
    return False


BUILTINS = {
    "u8": IntType(8, False), "u16": IntType(16, False), "u32": IntType(32, False),
    "i8": IntType(8, True), "i16": IntType(16, True), "i32": IntType(32, True),
    "bool": BoolType(), "seqno": SeqType(),
}
U32 = BUILTINS["u32"]


class Param:
    def __init__(self, direction, name, type, doc, pos):
        self.direction = direction
        self.name = name
        self.type = type
        self.doc = doc
        self.pos = pos


class Field:
    """One thing a message carries: a parameter, or the length or capacity of one."""

    def __init__(self, name, type, role, param):
        self.name = name        # member of the op's in/out struct
        self.type = type
        self.role = role        # "value", "len" (of a bytes param) or "cap" (of an out bytes param)
        self.param = param
        self.word = None        # first message word, if in words
        self.in_buf = False     # in the byte buffer
        self.last = False       # the variable field sent cut to its length

    @property
    def variable(self):
        return self.role == "value" and self.type.kind in ("string", "bytes")


class Message:
    """The layout of one direction (request or reply) of an operation."""

    def __init__(self, fields):
        self.fields = fields
        fixed = [f for f in fields if not f.variable]
        used = 0
        self.buf_fields = []
        for f in fixed:
            w = f.type.words
            if w is not None and used + w <= abi.NWORDS:
                f.word = used
                used += w
            else:
                f.in_buf = True
                self.buf_fields.append(f)
        for f in fields:
            if f.variable:
                f.in_buf = True
                self.buf_fields.append(f)
        self.words = used
        self.buf_size = sum(f.type.size for f in self.buf_fields)
        variables = [f for f in self.buf_fields if f.variable]
        self.last = variables[-1] if variables else None
        if self.last:
            self.last.last = True
        # A buffer that is one string or bytes field is sent from, and
        # received into, the caller's own memory: no copy in the stub.
        self.zero_copy = len(self.buf_fields) == 1 and self.last is not None

    def offset(self, field):
        off = 0
        for f in self.buf_fields:
            if f is field:
                return off
            off += f.type.size
        raise KeyError(field.name)


class Op:
    def __init__(self, number, name, params, errors, doc, pos, once=False):
        self.number = number
        # The server records the result per seqno and the generated
        # dispatcher runs the handler only for a request it has not seen
        # (the <iface>_once_begin/_end hooks): a retry gets the result.
        self.once = once
        self.name = name
        self.params = params
        self.errors = errors
        self.doc = doc
        self.pos = pos
        self.ins = [p for p in params if p.direction == "in"]
        self.outs = [p for p in params if p.direction == "out"]
        self.seq = next((p for p in self.ins if p.type.kind == "seqno"), None)
        self.request = Message(self.request_fields())
        self.reply = Message(self.reply_fields())

    def request_fields(self):
        fields = []
        for p in self.params:
            if p.direction == "in":
                if p.type.kind == "bytes":
                    fields.append(Field(p.name + "_len", U32, "len", p))
                fields.append(Field(p.name, p.type, "value", p))
            elif p.type.kind == "bytes":
                fields.append(Field(p.name + "_cap", U32, "cap", p))
        return fields

    def reply_fields(self):
        fields = []
        for p in self.outs:
            if p.type.kind == "bytes":
                fields.append(Field(p.name + "_len", U32, "len", p))
            fields.append(Field(p.name, p.type, "value", p))
        return fields


class Const:
    def __init__(self, name, cname, value, doc, pos):
        self.name = name
        self.cname = cname
        self.value = value
        self.doc = doc
        self.pos = pos


class Interface:
    def __init__(self, name, file):
        self.name = name
        self.file = file
        self.prefix = name          # C prefix of functions and types: fs_read
        self.macro = name.upper()   # C prefix of macros: FS_OP_READ
        self.id = None
        self.version = None
        self.endpoint = None
        self.doc = ""
        self.pos = None
        self.consts = []
        self.types = []             # enums and structs, in declaration order
        self.ops = []
        self.reserved = []          # [(number, pos)]
        self.reserved_docs = []     # doc comments of the reserved lines
