# The parser: tokens -> syntax tree, by recursive descent.
#
#   file      = interface EOF
#   interface = "interface" NAME "{" item* "}"
#   item      = "id" NUM ";" | "version" NUM ";" | "endpoint" NAME ";"
#             | "const" NAME "=" NUM ";"
#             | "enum" NAME "{" value ("," value)* [","] "}"
#             | "struct" NAME "{" (type NAME ";")* "}"
#             | "op" NUM NAME "(" [param ("," param)*] ")" ["errors" "(" NAME ("," NAME)* ")"] ";"
#             | "reserved" NUM ("," NUM)* ";"
#   value     = NAME ["=" ["-"] NUM]
#   param     = ("in" | "out") type NAME
#   type      = NAME ["<" bound ">"] ["[" bound "]"]
#   bound     = NUM | NAME
#
# Doc comments (///) are collected and handed to the next declaration.

from . import ast
from .lexer import tokenize
from .source import IdlError

ITEMS = ("id", "version", "endpoint", "const", "enum", "struct", "op", "reserved")


class Parser:
    def __init__(self, file, text):
        self.tokens = tokenize(file, text)
        self.i = 0

    # --- token helpers ---

    def peek(self):
        return self.tokens[self.i]

    def next(self):
        tok = self.tokens[self.i]
        if tok.kind != "eof":
            self.i += 1
        return tok

    def at(self, text):
        tok = self.peek()
        return tok.kind in ("punct", "ident") and tok.text == text

    def expect(self, text):
        tok = self.next()
        if tok.kind not in ("punct", "ident") or tok.text != text:
            raise IdlError(tok.pos, "expected '%s', found %s" % (text, tok.describe()))
        return tok

    def name(self, what="a name"):
        tok = self.next()
        if tok.kind != "ident":
            raise IdlError(tok.pos, "expected %s, found %s" % (what, tok.describe()))
        return tok

    def num(self, what="a number"):
        tok = self.next()
        if tok.kind != "num":
            raise IdlError(tok.pos, "expected %s, found %s" % (what, tok.describe()))
        return tok

    def doc(self):
        """Collect the doc comment lines before a declaration."""
        lines = []
        while self.peek().kind == "doc":
            lines.append(self.next().text)
        return "\n".join(lines)

    def no_doc(self):
        """A doc comment here has nothing to document."""
        if self.peek().kind == "doc":
            raise IdlError(self.peek().pos, "doc comment documents nothing")

    # --- grammar ---

    def file(self):
        doc = self.doc()
        self.expect("interface")
        tok = self.name("the interface name")
        iface = ast.Interface(tok.text, tok.pos, doc)
        self.expect("{")
        while True:
            doc = self.doc()
            if self.at("}") and not doc:
                break
            self.item(iface, doc)
        self.next()
        self.no_doc()
        tok = self.peek()
        if tok.kind != "eof":
            raise IdlError(tok.pos, "expected end of file, found %s" % tok.describe())
        return iface

    def item(self, iface, doc):
        start = self.i
        tok = self.next()
        word = tok.text if tok.kind == "ident" else None
        if word in ("id", "version", "endpoint"):
            if doc:
                raise IdlError(self.tokens[start - 1].pos, "doc comment documents nothing")
            value = self.name("an endpoint name") if word == "endpoint" else self.num()
            self.expect(";")
            if word in iface.settings:
                raise IdlError(tok.pos, "'%s' given twice" % word)
            v = value.text if word == "endpoint" else value.value
            iface.settings[word] = (v, value.pos)
        elif word == "const":
            name = self.name("the constant's name")
            self.expect("=")
            value = self.num()
            self.expect(";")
            iface.decls.append(ast.Const(name.text, name.pos, value.value, doc))
        elif word == "enum":
            iface.decls.append(self.enum(doc))
        elif word == "struct":
            iface.decls.append(self.struct(doc))
        elif word == "op":
            iface.decls.append(self.op(doc))
        elif word == "reserved":
            numbers = [self.num()]
            while self.at(","):
                self.next()
                numbers.append(self.num())
            self.expect(";")
            iface.decls.append(ast.Reserved([(t.value, t.pos) for t in numbers], doc))
        elif doc and tok.text == "}":
            raise IdlError(self.tokens[start - 1].pos, "doc comment documents nothing")
        else:
            raise IdlError(tok.pos, "expected an interface item (%s), found %s"
                           % (", ".join(ITEMS), tok.describe()))

    def enum(self, doc):
        name = self.name("the enum's name")
        self.expect("{")
        values = []
        while True:
            vdoc = self.doc()
            if self.at("}") and values:
                if vdoc:
                    raise IdlError(self.tokens[self.i - 1].pos, "doc comment documents nothing")
                break
            vname = self.name("an enum value name")
            value = None
            if self.at("="):
                self.next()
                sign = 1
                if self.at("-"):
                    self.next()
                    sign = -1
                value = sign * self.num().value
            values.append(ast.EnumValue(vname.text, vname.pos, value, vdoc))
            if not self.at(","):
                break
            self.next()
        self.no_doc()
        self.expect("}")
        return ast.Enum(name.text, name.pos, values, doc)

    def struct(self, doc):
        name = self.name("the struct's name")
        self.expect("{")
        members = []
        while True:
            mdoc = self.doc()
            if self.at("}"):
                if mdoc:
                    raise IdlError(self.tokens[self.i - 1].pos, "doc comment documents nothing")
                break
            type = self.type()
            mname = self.name("a member name")
            self.expect(";")
            members.append(ast.Member(type, mname.text, mname.pos, mdoc))
        self.expect("}")
        return ast.Struct(name.text, name.pos, members, doc)

    def op(self, doc):
        number = self.num("the operation's number")
        name = self.name("the operation's name")
        self.expect("(")
        params = []
        if not self.at(")"):
            params.append(self.param())
            while self.at(","):
                self.next()
                params.append(self.param())
        self.no_doc()
        self.expect(")")
        once = self.at("once")
        if once:
            self.next()
        errors = []
        if self.at("errors"):
            self.next()
            self.expect("(")
            tok = self.name("an error name")
            errors.append((tok.text, tok.pos))
            while self.at(","):
                self.next()
                tok = self.name("an error name")
                errors.append((tok.text, tok.pos))
            self.expect(")")
        self.expect(";")
        return ast.Op(number.value, number.pos, name.text, name.pos, params, errors, doc, once)

    def param(self):
        doc = self.doc()
        tok = self.next()
        if tok.kind != "ident" or tok.text not in ("in", "out"):
            raise IdlError(tok.pos, "expected 'in' or 'out', found %s" % tok.describe())
        type = self.type()
        name = self.name("a parameter name")
        return ast.Param(tok.text, type, name.text, name.pos, doc)

    def type(self):
        tok = self.name("a type")
        t = ast.TypeRef(tok.text, tok.pos)
        if self.at("<"):
            self.next()
            t.bound = self.bound()
            self.expect(">")
        if self.at("["):
            t.bracket_pos = self.next().pos
            if self.at("]"):
                t.unbounded_array = True
            else:
                t.count = self.bound()
            self.expect("]")
        return t

    def bound(self):
        tok = self.next()
        if tok.kind == "num":
            return ast.Bound(tok.pos, value=tok.value)
        if tok.kind == "ident":
            return ast.Bound(tok.pos, name=tok.text)
        raise IdlError(tok.pos, "expected a size, found %s" % tok.describe())


def parse(file, text):
    """Parse the text of one .idl file into an ast.Interface."""
    return Parser(file, text).file()
