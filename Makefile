# The one entry point: make (build), make qemu, make qemu-gdb, make test,
# make bench.  Everything is built in build/; nothing generated goes
# into git.  CPUS=n picks the number of CPUs (default 2), KVM=1 asks for
# KVM (TCG is the default: see README).

# Plain `make` builds everything (the first rule below is not `all`).
.DEFAULT_GOAL := all
# No built-in rules: they would try to "make" the dependency files.
MAKEFLAGS += --no-builtin-rules
.SUFFIXES:

# ---- set-up ---------------------------------------------------------------
# On a fresh machine the first command has to work, whichever it is, so
# the set-up script (quick when nothing is missing) runs while make reads
# this file: before any rule runs and before anything asks the compiler.
# `make clean` skips it.  SETUP=... runs another script (tests/test_setup.py).
SETUP ?= sh tools/setup.sh
ifneq ($(filter-out clean,$(or $(MAKECMDGOALS),all)),)
$(shell $(SETUP) >&2)
ifneq ($(.SHELLSTATUS),0)
$(error set-up failed ($(SETUP)); see its messages above)
endif
endif

TOOLPREFIX ?= i686-linux-gnu-
CC      := $(TOOLPREFIX)gcc
LD      := $(TOOLPREFIX)ld
OBJCOPY := $(TOOLPREFIX)objcopy
QEMU    ?= qemu-system-i386
PYTHON  := /usr/bin/python3
B       := build
CPUS    ?= 2
MEM     ?= 256

CFLAGS  := -m32 -std=gnu11 -O2 -g -ffreestanding -fno-builtin -nostdlib -fno-pic -fno-pie \
           -fno-stack-protector -fno-omit-frame-pointer -mgeneral-regs-only \
           -Wall -Wextra -Werror -MD -MP
ASFLAGS := -m32 -g -MD -MP
# The compiler's own library (64-bit division for printing).  Asked when a
# link runs, not when make reads this file, and never left empty: without
# it a link would fail far from the cause (undefined __udivmoddi4).
LIBGCC = $(or $(wildcard $(shell $(CC) -m32 -print-libgcc-file-name 2>/dev/null)),\
              $(error $(CC) gives no libgcc: is it installed? (make setup)))
LDFLAGS := -m elf_i386 -nostdlib -z noexecstack --fatal-warnings

# ---- the kernel --------------------------------------------------------
KERNEL_C := $(wildcard ukernel/*.c)
KERNEL_S := ukernel/entry.S ukernel/trapasm.S ukernel/swtch.S
KERNEL_OBJS := $(KERNEL_S:%.S=$(B)/%.o) $(KERNEL_C:%.c=$(B)/%.o)

# V=1 shows the full commands.
Q := $(if $(V),,@)

$(B)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(CFLAGS) -c $< -o $@

$(B)/%.o: %.S
	@mkdir -p $(dir $@)
	@echo "  AS      $<"
	$(Q)$(CC) $(ASFLAGS) -c $< -o $@

# The AP start-up code runs at physical 0x7000 and is embedded as a blob.
$(B)/ukernel/entryother: $(B)/ukernel/entryother.o
	$(Q)$(LD) $(LDFLAGS) --no-warn-rwx-segments -N -e start -Ttext 0x7000 -o $@.out $<
	$(Q)$(OBJCOPY) -S -O binary -j .text $@.out $@

$(B)/kernel.elf: $(KERNEL_OBJS) $(B)/ukernel/entryother ukernel/kernel.ld
	@echo "  LD      $@"
	$(Q)cd $(B)/ukernel && $(LD) $(LDFLAGS) -T ../../ukernel/kernel.ld -o ../kernel.elf \
	    $(KERNEL_OBJS:$(B)/ukernel/%=%) $(LIBGCC) -b binary entryother

# ---- user-side libraries -------------------------------------------------
LIBIPC_OBJS := $(patsubst %.c,$(B)/%.o,$(wildcard libipc/*.c))
RT_OBJS := $(B)/user/rt/entry.o $(B)/user/rt/pfentry.o \
           $(patsubst %.c,$(B)/%.o,$(wildcard user/rt/*.c))

$(B)/libipc.a: $(LIBIPC_OBJS)
	$(Q)rm -f $@ && $(TOOLPREFIX)ar rcs $@ $^

$(B)/librt.a: $(RT_OBJS)
	$(Q)rm -f $@ && $(TOOLPREFIX)ar rcs $@ $^

# ---- kernel tests and benchmarks: each boots as the root task -----------
KTEST_ELFS := $(patsubst user/ktest/%.c,$(B)/ktest/%.elf,$(wildcard user/ktest/*.c))
BENCH_ELFS := $(patsubst user/bench/%.c,$(B)/bench/%.elf,$(wildcard user/bench/*.c))

$(B)/ktest/%.elf: $(B)/user/ktest/%.o $(B)/libstubs.a $(B)/librt.a $(B)/libipc.a user/user.ld
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	$(Q)$(LD) $(LDFLAGS) -T user/user.ld -o $@ $(B)/user/rt/entry.o $< $(B)/libstubs.a $(B)/librt.a $(B)/libipc.a $(B)/librt.a $(LIBGCC)

$(B)/bench/%.elf: $(B)/user/bench/%.o $(B)/libdispatch.a $(B)/libstubs.a $(B)/librt.a $(B)/libipc.a user/user.ld
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	$(Q)$(LD) $(LDFLAGS) -T user/user.ld -o $@ $(B)/user/rt/entry.o $< $(B)/libdispatch.a $(B)/libstubs.a $(B)/librt.a $(B)/libipc.a $(B)/librt.a $(LIBGCC)

# ---- generated IPC code (tools/idlc) ---------------------------------------
GEN  := $(B)/gen
IDLS := $(wildcard idl/*.idl)

$(GEN)/.stamp: $(IDLS) tools/idlc $(wildcard tools/idl/*.py)
	@mkdir -p $(GEN)
	@echo "  IDLC    $(IDLS)"
	$(Q)$(PYTHON) tools/idlc -o $(GEN) $(IDLS)
	@touch $@

$(B)/genobj/%.o: $(GEN)/.stamp
	@mkdir -p $(dir $@)
	@echo "  CC      $(GEN)/$*.c"
	$(Q)$(CC) $(CFLAGS) -I$(GEN) -Ilibipc -c $(GEN)/$*.c -o $@

# Every interface's client stubs, for programs that call servers.
IFACES := $(patsubst idl/%.idl,%,$(IDLS))
$(B)/libstubs.a: $(IFACES:%=$(B)/genobj/%_client.o)
	$(Q)rm -f $@ && $(TOOLPREFIX)ar rcs $@ $^

# Every interface's serve loop and dispatcher, for benchmarks that play a server.
$(B)/libdispatch.a: $(IFACES:%=$(B)/genobj/%_server.o)
	$(Q)rm -f $@ && $(TOOLPREFIX)ar rcs $@ $^

# ---- servers: each servers/NAME/*.c, the dispatcher of what it serves and
# the client stubs of what it uses --------------------------------------------
SERVERS := $(patsubst servers/%/main.c,%,$(wildcard servers/*/main.c))
ide_SERVES     := blk
fs_SERVES      := fs
fs_USES        := blk
console_SERVES := console
proc_SERVES    := proc
proc_USES      := fs

$(B)/user/ktest/%.o $(B)/user/bench/%.o: CFLAGS += -I$(GEN) -Ilibipc
$(B)/user/ktest/%.o $(B)/user/bench/%.o: $(GEN)/.stamp

$(B)/servers/%.o: servers/%.c $(GEN)/.stamp
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(CFLAGS) -I$(GEN) -Ilibipc -c $< -o $@

define server_rules
$(B)/servers/$(1).elf: $$(patsubst %.c,$(B)/%.o,$$(wildcard servers/$(1)/*.c)) \
		$$(foreach i,$$($(1)_SERVES),$(B)/genobj/$$(i)_server.o) \
		$$(foreach i,$$($(1)_USES),$(B)/genobj/$$(i)_client.o) $(B)/librt.a $(B)/libipc.a user/user.ld
	@echo "  LD      $$@"
	$(Q)$(LD) $(LDFLAGS) -T user/user.ld -o $$@ $(B)/user/rt/entry.o $$(filter %.o,$$^) \
	    $(B)/librt.a $(B)/libipc.a $(B)/librt.a $$(LIBGCC)
endef
$(foreach s,$(SERVERS),$(eval $(call server_rules,$(s))))
SERVER_ELFS := $(SERVERS:%=$(B)/servers/%.elf)

# ---- user programs of the xv6 API, and the file-system image ------------------
# This system's own programs, then the program list: an xv6 program
# dropped into user/ builds and runs once its name is added to UPROGS.
SYSPROGS := init sh cat echo grep kill ln ls mkdir rm wc ps crash halt sleep systests memhog torture
UPROGS := $(SYSPROGS)
ULIB_OBJS := $(patsubst %.c,$(B)/%.o,$(wildcard user/lib/*.c))
UPROG_OBJS := $(UPROGS:%=$(B)/user/%.o)
UPROG_BINS := $(UPROGS:%=$(B)/bin/%)
FSSIZE := 8192

# Programs see only the xv6 headers (user/include), so "syscall.h" is
# xv6's, and build with the warnings xv6 builds its programs with
# (-Wall -Werror, no -Wextra: xv6's code trips sign-compare and
# unused-parameter) and its -fno-strict-aliasing.  This system's own
# programs and the library keep the project's -Wextra.
XV6_CFLAGS := $(filter-out -Wextra,$(CFLAGS)) -fno-strict-aliasing -Iuser/include
$(UPROG_OBJS): CFLAGS := $(XV6_CFLAGS)
$(SYSPROGS:%=$(B)/user/%.o): CFLAGS += -Wextra
$(ULIB_OBJS): CFLAGS += -Iuser/include -I$(GEN) -Ilibipc
$(ULIB_OBJS): $(GEN)/.stamp

# Hostile programs for the isolation tests (user/hostile/): ordinary
# programs on the disk, but allowed raw system calls: libipc comes first
# on their include path, so "syscall.h" is the system-call layer's, not xv6's.
HOSTILE := hog
HOSTILE_OBJS := $(HOSTILE:%=$(B)/user/hostile/%.o)
UPROG_BINS += $(HOSTILE:%=$(B)/bin/%)

$(HOSTILE_OBJS): CFLAGS += -Ilibipc -Iuser/rt -Iuser/include -I$(GEN)
$(HOSTILE_OBJS): $(GEN)/.stamp

# NAME.debug keeps the symbols for gdb; the stripped NAME goes on the disk.
define link_uprog
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	$(Q)$(LD) $(LDFLAGS) -T user/user.ld -o $@ $(B)/user/rt/entry.o $< $(ULIB_OBJS) \
	    $(B)/libstubs.a $(B)/librt.a $(B)/libipc.a $(B)/librt.a $(LIBGCC)
endef
ULINK_DEPS := $(ULIB_OBJS) $(B)/libstubs.a $(B)/librt.a $(B)/libipc.a user/user.ld

$(B)/bin/%.debug: $(B)/user/%.o $(ULINK_DEPS)
	$(link_uprog)

$(B)/bin/%.debug: $(B)/user/hostile/%.o $(ULINK_DEPS)
	$(link_uprog)

$(B)/bin/%: $(B)/bin/%.debug
	$(Q)$(OBJCOPY) --strip-all $< $@

# The README goes on the disk as README, the name xv6's sessions use.
$(B)/README: README.md
	$(Q)cp $< $@

$(B)/fs.img: $(UPROG_BINS) $(B)/README tools/mkfs
	@echo "  MKFS    $@"
	$(Q)$(PYTHON) tools/mkfs --size $(FSSIZE) $@ $(B)/README $(UPROG_BINS) >/dev/null

# ---- what `make` builds and what `make qemu` boots -------------------------
# The system: proc is the root task and starts the servers it finds
# among the boot modules.  ROOT=... boots a kernel test program instead.
ROOT ?= $(B)/servers/proc.elf
MODULES ?= $(ROOT) $(filter-out $(B)/servers/proc.elf,$(SERVER_ELFS))
DISK ?= $(B)/fs.img

all: $(B)/kernel.elf $(KTEST_ELFS) $(BENCH_ELFS) $(SERVER_ELFS) $(UPROG_BINS) $(B)/fs.img

QEMUACCEL := $(if $(filter 1,$(KVM)),-accel kvm,-accel tcg)
QEMUOPTS = $(QEMUACCEL) -m $(MEM) -smp $(CPUS),sockets=$(CPUS) -display none -monitor none \
           -serial stdio -no-reboot -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
           -kernel $(B)/kernel.elf -initrd "$(subst $(eval) ,$(comma),$(strip $(MODULES)))" \
           -drive file=$(DISK),format=raw,if=ide,index=1,media=disk
comma := ,

# The set-up script has already run (top of this file).
setup:
	@:

qemu: all
	$(QEMU) $(QEMUOPTS) || true

qemu-gdb: all
	@echo "QEMU waits for gdb on localhost:26000; run gdb-multiarch in this directory."
	$(QEMU) $(QEMUOPTS) -S -gdb tcp::26000 || true

test: all
	$(PYTHON) -m pytest -q tests

bench: all
	$(PYTHON) tools/bench

# Not part of test: minutes of crashes under a checked workload.
torture: all
	$(PYTHON) tools/torture

clean:
	rm -rf $(B)

.PHONY: all setup qemu qemu-gdb test bench torture clean

-include $(shell find $(B) -name '*.d' 2>/dev/null)
.SECONDARY:
