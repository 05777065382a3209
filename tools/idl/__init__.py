# The IDL compiler: reads interface definitions (idl/*.idl) and writes the C
# code that carries them over IPC.  tools/idlc is the command; the modules are
#   source.py   positions and the one error type every stage raises
#   abi.py      what the compiler knows about abi/message.h and libipc/ipc.h (limits, errors, endpoints)
#   lexer.py    text -> tokens
#   parser.py   tokens -> syntax tree (ast.py)
#   check.py    syntax tree -> checked model (model.py) with every message laid out
#   gen_*.py    model -> C headers, client stubs, dispatcher, direct binding, printer, Markdown
#   compat.py   compares two versions of an interface for changes that break clients
