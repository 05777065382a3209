# The syntax tree the parser builds: what the file says, before any checking.
# Every node keeps the position of its name so later errors can point at it.


class Bound:
    """A size in <...> or [...]: a number or the name of a const."""

    def __init__(self, pos, value=None, name=None):
        self.pos = pos
        self.value = value
        self.name = name


class TypeRef:
    """A type as written: name, optional <bound>, optional [count]."""

    def __init__(self, name, pos, bound=None, count=None):
        self.name = name
        self.pos = pos
        self.bound = bound      # Bound for string<N> / bytes<N>
        self.count = count      # Bound for T[N]
        self.bracket_pos = None  # where "[" was, for an array without a count
        self.unbounded_array = False  # written T[] with no count


class Param:
    def __init__(self, direction, type, name, pos, doc):
        self.direction = direction  # "in" or "out"
        self.type = type
        self.name = name
        self.pos = pos
        self.doc = doc


class Op:
    def __init__(self, number, number_pos, name, pos, params, errors, doc, once=False):
        self.number = number
        self.once = once        # carried out once per seqno: a retry gets the recorded result
        self.number_pos = number_pos
        self.name = name
        self.pos = pos
        self.params = params
        self.errors = errors    # [(name, pos)]
        self.doc = doc


class Const:
    def __init__(self, name, pos, value, doc):
        self.name = name
        self.pos = pos
        self.value = value
        self.doc = doc


class EnumValue:
    def __init__(self, name, pos, value, doc):
        self.name = name
        self.pos = pos
        self.value = value      # int, or None for "one more than the previous"
        self.doc = doc


class Enum:
    def __init__(self, name, pos, values, doc):
        self.name = name
        self.pos = pos
        self.values = values
        self.doc = doc


class Member:
    def __init__(self, type, name, pos, doc):
        self.type = type
        self.name = name
        self.pos = pos
        self.doc = doc


class Struct:
    def __init__(self, name, pos, members, doc):
        self.name = name
        self.pos = pos
        self.members = members
        self.doc = doc


class Reserved:
    def __init__(self, numbers, doc):
        self.numbers = numbers  # [(value, pos)]
        self.doc = doc


class Interface:
    def __init__(self, name, pos, doc):
        self.name = name
        self.pos = pos
        self.doc = doc
        self.settings = {}      # "id"/"version"/"endpoint" -> (value, pos)
        self.decls = []         # Const, Enum, Struct, Op and Reserved in file order
