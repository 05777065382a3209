# Positions in .idl files and the error every stage of the compiler raises.
# An error always carries the place it is about, so idlc can print it as
# `file:line:col: message`.


class Pos:
    """A place in a source file: 1-based line and column."""

    def __init__(self, file, line, col):
        self.file = file
        self.line = line
        self.col = col

    def __str__(self):
        return "%s:%d:%d" % (self.file, self.line, self.col)


class IdlError(Exception):
    """A mistake in an .idl file, reported at pos."""

    def __init__(self, pos, message):
        Exception.__init__(self, "%s: %s" % (pos, message))
        self.pos = pos
        self.message = message
