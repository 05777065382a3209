"""Build checks and host unit tests for user/: the library and programs.

Every user source must compile for the target with the project's flags and
without a single warning, and program objects may call nothing but the user
library and the system calls (linking is the Makefile's job).  The library's
pure functions, grep's matcher and the simple filters (grep, wc, echo, cat)
are then run on the host under AddressSanitizer and UBSan, with the system
calls replaced by the shims in tests/user_host/shim.c.
"""
import os
import pathlib
import re
import shutil
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
USER = ROOT / "user"
INCLUDE = USER / "include"
HOST = ROOT / "tests" / "user_host"

CROSS_CC = "i686-linux-gnu-gcc"
CROSS_NM = "i686-linux-gnu-nm"
CFLAGS = ["-m32", "-ffreestanding", "-fno-builtin", "-nostdinc", "-nostdlib",
          "-fno-pic", "-fno-stack-protector", "-Wall", "-Wextra", "-Werror", "-O2",
          "-I", str(INCLUDE)]

# xv6's system calls (user.h), implemented outside user/ as IPC.
SYSCALLS = {"fork", "exit", "wait", "pipe", "write", "read", "close", "kill", "exec",
            "open", "mknod", "unlink", "fstat", "link", "mkdir", "chdir", "dup",
            "getpid", "sbrk", "sleep", "uptime"}
# This system's additions (procinfo.h, halt), implemented in user/lib/usys.c.
PROCCALLS = {"procinfo", "crash_server", "crash_server_as", "halt", "drop_privilege"}
# The start-up file calls the program's main.
STARTUP = {"main"}

LIB_SOURCES = sorted((USER / "lib").glob("*.c"))
PROGRAMS = sorted(USER.glob("*.c"))


def makefile_list(name):
    """The words of a `NAME := ...` line of the Makefile."""
    text = (ROOT / "Makefile").read_text()
    m = re.search(r"^%s :=(.*)$" % name, text, re.M)
    assert m, name
    return m.group(1).split()


# This system's own programs keep the project's -Wextra; any other
# program in user/ (one taken from xv6) builds with xv6's warnings only.
SYSPROGS = set(makefile_list("SYSPROGS"))
# The library files tested on the host (pure C over the system calls).
HOST_LIB = ["ulib", "printf", "umalloc"]

# Groups of checks in tests/user_host/libtests.c.
HOST_GROUPS = ["printf", "malloc", "strings", "gets", "stat", "match", "programs"]
# Programs linked into the host tests, each with its main renamed.
HOST_PROGRAMS = ["grep", "wc", "echo", "cat"]

needs_cross = pytest.mark.skipif(shutil.which(CROSS_CC) is None,
                                 reason=CROSS_CC + " not installed (tools/setup.sh)")


def run(cmd, **kw):
    return subprocess.run([str(c) for c in cmd], capture_output=True, text=True, **kw)


@pytest.fixture(scope="session")
def gen_dir(tmp_path_factory):
    """The generated IPC stubs, which the system-call layer (usys.c) includes."""
    out = tmp_path_factory.mktemp("gen")
    idls = sorted((ROOT / "idl").glob("*.idl"))
    r = run(["/usr/bin/python3", ROOT / "tools" / "idlc", "-o", out, *idls])
    assert r.returncode == 0, r.stderr
    return out


# The system-call layer stands on the IPC stubs, which need the compiler's
# freestanding headers (stdint.h): it is built without -nostdinc, as the
# Makefile builds everything.
SYSCALL_LAYER = {"usys.c"}


def cross_compile(src, obj, gen=None):
    flags = CFLAGS
    if src.parent == USER and src.stem not in SYSPROGS:
        flags = [f for f in CFLAGS if f != "-Wextra"]
    if src.name in SYSCALL_LAYER:
        # As the Makefile builds the library: the runtime and libipc come
        # first, so "syscall.h" is the system-call layer's, not xv6's.
        flags = ["-I", ROOT / "rt" / "include", "-I", ROOT / "libipc", "-I", ROOT / "abi"] + \
                [f for f in CFLAGS if f != "-nostdinc"] + ["-I", gen]
    r = run([CROSS_CC, *flags, "-c", src, "-o", obj])
    assert r.returncode == 0 and r.stderr == "", f"{src.name}:\n{r.stderr}"
    return obj


def symbols(obj):
    """(defined global symbols, undefined symbols) of an object file."""
    r = run([CROSS_NM, obj])
    assert r.returncode == 0, r.stderr
    defined, undefined = set(), set()
    for line in r.stdout.splitlines():
        fields = line.split()
        if fields[-2] == "U":
            undefined.add(fields[-1])
        elif fields[-2].isupper():
            defined.add(fields[-1])
    return defined, undefined


def test_this_systems_programs_are_all_there():
    assert SYSPROGS and SYSPROGS <= {p.stem for p in PROGRAMS}, SYSPROGS
    assert makefile_list("UPROGS")[0] == "$(SYSPROGS)"


@needs_cross
@pytest.mark.parametrize("src", LIB_SOURCES + PROGRAMS, ids=lambda p: p.name)
def test_compiles_without_warnings(src, tmp_path, gen_dir):
    cross_compile(src, tmp_path / (src.stem + ".o"), gen_dir)


@needs_cross
def test_programs_call_only_library_and_system_calls(tmp_path, gen_dir):
    libdefs = set()
    for src in LIB_SOURCES:
        defined, undefined = symbols(cross_compile(src, tmp_path / (src.stem + ".lib.o"), gen_dir))
        # A file that implements system calls may use the IPC layer; the
        # rest of the library stands on the system calls alone.
        if not defined & (SYSCALLS | PROCCALLS):
            allowed = SYSCALLS | STARTUP
            assert undefined <= allowed, f"{src.name} needs {sorted(undefined - allowed)}"
        assert not defined & libdefs, f"{src.name} redefines {sorted(defined & libdefs)}"
        libdefs |= defined
    for src in PROGRAMS:
        defined, undefined = symbols(cross_compile(src, tmp_path / (src.stem + ".o"), gen_dir))
        assert "main" in defined, f"{src.name} has no main"
        unknown = undefined - libdefs - SYSCALLS - PROCCALLS
        assert not unknown, f"{src.name} calls undefined {sorted(unknown)}"
        assert not defined & libdefs, f"{src.name} redefines {sorted(defined & libdefs)}"


# An xv6 program's includes, in xv6's order, each header twice, with the
# values and layouts xv6 has and every prototype checked by assigning the
# function to a pointer of xv6's type (a mismatch is a warning, so an error).
XV6_HEADERS_CHECK = r"""
#include "types.h"
#include "stat.h"
#include "fcntl.h"
#include "fs.h"
#include "param.h"
#include "user.h"
#include "procinfo.h"
#include "types.h"
#include "stat.h"
#include "fcntl.h"
#include "fs.h"
#include "param.h"
#include "user.h"
#include "procinfo.h"
#include "syscall.h"
#include "traps.h"
#include "memlayout.h"
#include "syscall.h"
#include "traps.h"
#include "memlayout.h"

_Static_assert(sizeof(uint) == 4 && sizeof(ushort) == 2 && sizeof(uchar) == 1, "types");
_Static_assert(sizeof(pde_t) == 4, "pde_t");
_Static_assert(T_DIR == 1 && T_FILE == 2 && T_DEV == 3, "stat types");
_Static_assert(sizeof(struct stat) == 20, "struct stat layout");
_Static_assert(O_RDONLY == 0 && O_WRONLY == 1 && O_RDWR == 2 && O_CREATE == 0x200, "fcntl");
_Static_assert(BSIZE == 512 && NDIRECT == 12 && NINDIRECT == 128 && MAXFILE == 140, "fs sizes");
_Static_assert(DIRSIZ == 14 && sizeof(struct dirent) == 16 && ROOTINO == 1, "dirent");
_Static_assert(sizeof(struct dinode) == 64 && IPB == 8 && BPB == 4096, "dinode");
_Static_assert(sizeof(struct superblock) == 28, "superblock");
_Static_assert(NOFILE == 16 && NFILE == 100 && MAXARG == 32, "param");
_Static_assert(MAXOPBLOCKS == 10 && LOGSIZE == 30 && NBUF == 30 && ROOTDEV == 1, "param");
_Static_assert(NPROC > 0 && NINODE > 0 && NDEV > 0 && FSSIZE > 0, "param");
_Static_assert(sizeof(struct procinfo) == 32 && NPROCSTATE == 4, "procinfo");
int xv6_sysnums[] = { SYS_fork, SYS_exit, SYS_wait, SYS_pipe, SYS_read, SYS_kill, SYS_exec,
    SYS_fstat, SYS_chdir, SYS_dup, SYS_getpid, SYS_sbrk, SYS_sleep, SYS_uptime, SYS_open,
    SYS_write, SYS_mknod, SYS_unlink, SYS_link, SYS_mkdir, SYS_close };
int xv6_traps[] = { T_DIVIDE, T_DEBUG, T_NMI, T_BRKPT, T_OFLOW, T_BOUND, T_ILLOP, T_DEVICE,
    T_DBLFLT, T_TSS, T_SEGNP, T_STACK, T_GPFLT, T_PGFLT, T_FPERR, T_ALIGN, T_MCHK, T_SIMDERR,
    T_SYSCALL, T_IRQ0, IRQ_TIMER, IRQ_KBD, IRQ_COM1, IRQ_IDE, IRQ_SPURIOUS };
_Static_assert(SYS_close - SYS_fork == 20, "xv6's order");
_Static_assert(KERNLINK == KERNBASE + EXTMEM, "memlayout");

int (*p_fork)(void) = fork;
int (*p_exit)(void) __attribute__((noreturn)) = exit;
int (*p_wait)(void) = wait;
int (*p_pipe)(int*) = pipe;
int (*p_write)(int, const void*, int) = write;
int (*p_read)(int, void*, int) = read;
int (*p_close)(int) = close;
int (*p_kill)(int) = kill;
int (*p_exec)(char*, char**) = exec;
int (*p_open)(const char*, int) = open;
int (*p_mknod)(const char*, short, short) = mknod;
int (*p_unlink)(const char*) = unlink;
int (*p_fstat)(int, struct stat*) = fstat;
int (*p_link)(const char*, const char*) = link;
int (*p_mkdir)(const char*) = mkdir;
int (*p_chdir)(const char*) = chdir;
int (*p_dup)(int) = dup;
int (*p_getpid)(void) = getpid;
char* (*p_sbrk)(int) = sbrk;
int (*p_sleep)(int) = sleep;
int (*p_uptime)(void) = uptime;
int (*p_stat)(const char*, struct stat*) = stat;
char* (*p_strcpy)(char*, const char*) = strcpy;
void* (*p_memmove)(void*, const void*, int) = memmove;
char* (*p_strchr)(const char*, char) = strchr;
int (*p_strcmp)(const char*, const char*) = strcmp;
void (*p_printf)(int, const char*, ...) = printf;
char* (*p_gets)(char*, int) = gets;
uint (*p_strlen)(const char*) = strlen;
void* (*p_memset)(void*, int, uint) = memset;
void* (*p_malloc)(uint) = malloc;
void (*p_free)(void*) = free;
int (*p_atoi)(const char*) = atoi;
int (*p_procinfo)(struct procinfo*, int) = procinfo;
int (*p_crash_server)(const char*) = crash_server;
"""


@needs_cross
def test_headers_are_xv6s(tmp_path):
    src = tmp_path / "xv6headers.c"
    src.write_text(XV6_HEADERS_CHECK)
    cross_compile(src, tmp_path / "xv6headers.o")


def defines(path):
    """NAME -> value of the numeric #defines in a header."""
    text = pathlib.Path(path).read_text()
    return {m.group(1): int(m.group(2), 0)
            for m in re.finditer(r"^#define\s+(\w+)\s+(0x[0-9a-fA-F]+|\d+)\b", text, re.M)}


def test_xv6_constants_have_this_systems_values():
    """traps.h and memlayout.h say what the kernel and the drivers use."""
    traps = defines(INCLUDE / "traps.h")
    kernel = {**defines(ROOT / "ukernel" / "trap.h"), **defines(ROOT / "abi" / "sysno.h")}
    shared = set(traps) & set(kernel)
    assert {"T_SYSCALL", "T_IPC", "T_PGFLT", "T_IRQ0", "IRQ_TIMER", "IRQ_SPURIOUS"} <= shared
    assert {n: traps[n] for n in shared} == {n: kernel[n] for n in shared}
    assert traps["IRQ_COM1"] == defines(ROOT / "servers" / "console" / "boot.h")["CONSOLE_COM1_IRQ"]
    assert traps["IRQ_KBD"] == defines(ROOT / "servers" / "console" / "boot.h")["CONSOLE_KBD_IRQ"]
    assert traps["IRQ_IDE"] == defines(ROOT / "servers" / "ide" / "ide_boot.h")["IDE_IRQ"]
    assert defines(INCLUDE / "memlayout.h")["KERNBASE"] == defines(ROOT / "abi" / "vmlayout.h")["KERNBASE"]


# xv6's call numbers lie above the kernel's own, so a raw trap with one
# of them reaches no kernel call (tests/xv6/xv6hdrs.c tries one).
SYSNUM_CHECK = r"""
#include <stdint.h>
#include "sysno.h"
#include "syscall.h"
_Static_assert(SYS_fork > NSYSCALL, "xv6 numbers above the kernel's");
"""


@needs_cross
def test_xv6_call_numbers_are_no_kernel_calls(tmp_path):
    src = tmp_path / "sysnums.c"
    src.write_text(SYSNUM_CHECK)
    r = run([CROSS_CC, "-m32", "-ffreestanding", "-Werror", "-I", INCLUDE, "-I", ROOT / "libipc", "-I", ROOT / "abi",
             "-c", src, "-o", tmp_path / "sysnums.o"])
    assert r.returncode == 0 and r.stderr == "", r.stderr


@pytest.fixture(scope="module")
def libtests(tmp_path_factory):
    """The host test binary: library and filters under ASan and UBSan."""
    if shutil.which("gcc") is None:
        pytest.skip("host gcc not installed")
    out = tmp_path_factory.mktemp("userhost")
    sanitize = ["-fsanitize=address,undefined", "-fno-sanitize-recover=all"]
    common = ["-std=gnu11", "-g", "-O1", "-Wall", "-Wextra", "-Werror", *sanitize]
    # User code sees only user/include, as on the target, under host names.
    user = ["-ffreestanding", "-fno-builtin", "-nostdinc", "-I", INCLUDE,
            "-include", HOST / "hostnames.h"]
    units = [(USER / "lib" / (f + ".c"), []) for f in HOST_LIB]
    units += [(USER / (p + ".c"), ["-Dmain=" + p + "_main"]) for p in HOST_PROGRAMS]
    objs = []
    for src, extra in units:
        obj = out / (src.stem + ".o")
        r = run(["gcc", *common, *user, *extra, "-c", src, "-o", obj])
        assert r.returncode == 0 and r.stderr == "", f"{src.name}:\n{r.stderr}"
        objs.append(obj)
    for src in [HOST / "shim.c", HOST / "libtests.c"]:
        obj = out / (src.stem + ".o")
        r = run(["gcc", *common, "-I", INCLUDE, "-c", src, "-o", obj])
        assert r.returncode == 0 and r.stderr == "", f"{src.name}:\n{r.stderr}"
        objs.append(obj)
    exe = out / "libtests"
    r = run(["gcc", *sanitize, *objs, "-o", exe])
    assert r.returncode == 0, r.stderr
    return exe


def run_libtests(exe, arg):
    # The library never uses the host heap, and leak checking needs ptrace,
    # which containers often forbid.
    env = dict(os.environ, ASAN_OPTIONS="detect_leaks=0")
    return run([exe, arg], env=env, timeout=60)


def test_host_groups_all_listed(libtests):
    r = run_libtests(libtests, "--list")
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == HOST_GROUPS


@pytest.mark.parametrize("group", HOST_GROUPS)
def test_host(libtests, group):
    r = run_libtests(libtests, group)
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.strip() == f"{group}: 0 failed checks"
