# What the compiler knows about the IPC wire contract: abi/message.h (the
# message, the kernel's errors) and libipc/ipc.h (services, servers' errors).
# It is a fixed copy so that idlc runs on its own, outside the build;
# The generated code _Static_asserts the limits against the real header,
# so a disagreement fails the build (tests/test_idl_build.py shows it).

# Payload words in a message (IPC_NWORDS) and the largest byte buffer (IPC_MAXBUF).
NWORDS = 6
MAXBUF = 4096

# The label's fields: interface id (12 bits, 0xfff is the kernel's own),
# version (4 bits) and operation (16 bits).
MAX_IFACE_ID = 0xffe
KERNEL_IFACE_ID = 0xfff
MAX_VERSION = 15
MAX_OP = 0xffff

# enum kernel_error and enum service_error, name -> value.
ERRORS = {
    "E_OK": 0,
    "E_INVAL": -1,
    "E_FAULT": -2,
    "E_PERM": -3,
    "E_NOMEM": -4,
    "E_NOTASK": -5,
    "E_NOENT": -6,
    "E_EXIST": -7,
    "E_TOOBIG": -8,
    "E_TIMEOUT": -9,
    "E_WOULDBLOCK": -10,
    "E_RESTART": -11,
    "E_NOSYS": -12,
    "E_BADMSG": -13,
    "E_IO": -14,
    "E_NOSPC": -15,
    "E_BUSY": -16,
    "E_NFILE": -17,
    "E_ISDIR": -18,
    "E_NOTDIR": -19,
    "E_NOTEMPTY": -20,
    "E_BADF": -21,
    "E_PIPE": -22,
    "E_AGAIN": -23,
    "E_VERSION": -24,
    "E_CHILD": -25,
    "E_DEAD": -26,
}

# Codes only the transport produces: "the call was not delivered or not
# answered".  No operation may list them, and the dispatcher never sends
# them, so a client can always tell them from an operation's own result.
TRANSPORT_ERRORS = ("E_TIMEOUT", "E_WOULDBLOCK", "E_RESTART", "E_DEAD")

# Codes every operation may return without listing them: the generated
# code produces them itself.
IMPLICIT_ERRORS = ("E_VERSION", "E_NOSYS", "E_BADMSG", "E_TOOBIG")

# enum ipc_endpoint: the well-known endpoints an interface is served at.
ENDPOINTS = {
    "EP_PROC": 1,
    "EP_CONSOLE": 2,
    "EP_BLK": 3,
    "EP_FS": 4,
    "EP_TEST": 5,
    "EP_TEST2": 6,
    "EP_KV": 7,
}

# Words of C an IDL name may not be: keywords of C11 and names the
# standard headers we include define.
C_RESERVED = frozenset("""
    auto break case char const continue default do double else enum extern
    float for goto if inline int long register restrict return short signed
    sizeof static struct switch typedef union unsigned void volatile while
    _Alignas _Alignof _Atomic _Bool _Complex _Generic _Imaginary _Noreturn
    _Static_assert _Thread_local asm typeof bool true false NULL offsetof
    size_t ptrdiff_t wchar_t int8_t int16_t int32_t int64_t uint8_t uint16_t
    uint32_t uint64_t intptr_t uintptr_t
""".split())

# Names the generated functions use for their own locals; a parameter with
# one of these names would be shadowed or clash.
GENERATED_LOCALS = frozenset("""
    client result msg rc wire in_wire out_wire wait outs w
""".split())
