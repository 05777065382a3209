# The lexer: turns the text of an .idl file into tokens.
#
# Tokens are identifiers, numbers (decimal or 0x hex), single-character
# punctuation and doc comments.  `// ...` is a comment and is dropped;
# `/// ...` is a doc comment and is kept, because the parser attaches it to
# the declaration that follows.

from .source import Pos, IdlError

PUNCT = "{}()<>[],;=-"


class Token:
    def __init__(self, kind, text, pos, value=None):
        self.kind = kind        # "ident", "num", "punct", "doc" or "eof"
        self.text = text        # as written (for a doc comment: the text after ///)
        self.pos = pos
        self.value = value      # the number, for "num"

    def describe(self):
        """How an error message names this token."""
        if self.kind == "eof":
            return "end of file"
        if self.kind == "doc":
            return "doc comment"
        return "'%s'" % self.text


def tokenize(file, text):
    """Return the list of tokens in text, ending with an "eof" token."""
    tokens = []
    line, col, i = 1, 1, 0
    n = len(text)
    while i < n:
        c = text[i]
        pos = Pos(file, line, col)
        if c == "\n":
            line, col, i = line + 1, 1, i + 1
            continue
        if c in " \t\r":
            col, i = col + 1, i + 1
            continue
        if text.startswith("//", i):
            end = text.find("\n", i)
            if end < 0:
                end = n
            body = text[i:end]
            # Exactly three slashes make a doc comment; four or more are a ruler.
            if body.startswith("///") and not body.startswith("////"):
                tokens.append(Token("doc", body[3:].strip(), pos))
            col += end - i
            i = end
            continue
        if c.isalpha() or c == "_":
            j = i
            while j < n and (text[j].isalnum() or text[j] == "_"):
                j += 1
            tokens.append(Token("ident", text[i:j], pos))
            col += j - i
            i = j
            continue
        if c.isdigit():
            j = i
            while j < n and (text[j].isalnum() or text[j] == "_"):
                j += 1
            word = text[i:j]
            tokens.append(Token("num", word, pos, number(word, pos)))
            col += j - i
            i = j
            continue
        if c in PUNCT:
            tokens.append(Token("punct", c, pos))
            col, i = col + 1, i + 1
            continue
        if c.isprintable():
            raise IdlError(pos, "unexpected character '%s'" % c)
        raise IdlError(pos, "unexpected character 0x%02x" % ord(c))
    tokens.append(Token("eof", "", Pos(file, line, col)))
    return tokens


def number(word, pos):
    """The value of a numeric literal: decimal, or hex with 0x."""
    try:
        if word[:2] in ("0x", "0X"):
            return int(word[2:], 16)
        if word.isdigit() and (word == "0" or word[0] != "0"):
            return int(word, 10)
    except ValueError:
        pass
    raise IdlError(pos, "bad number '%s'" % word)
