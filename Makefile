# The one entry point: make (build), make qemu, make qemu-gdb, make test,
# make bench, make fuzz.  Everything is built in build/; nothing generated goes
# into git.  CPUS=n picks the number of CPUs (default 2), KVM=1 asks for
# KVM (TCG is the default: see README).  MODE=mono builds the monolithic
# variant (docs/mono.md) into build/mono/, beside the default micro build.

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
MODE    ?= micro
ifeq ($(MODE),micro)
B       := build
else ifeq ($(MODE),mono)
B       := build/mono
else
$(error MODE must be micro or mono, not '$(MODE)')
endif
# The generated code does not depend on the mode: both builds share it,
# so what they compile from it is the same, byte for byte.
GEN     := build/gen
CPUS    ?= 2
MEM     ?= 256

# Nothing here uses SSE (-mgeneral-regs-only), the reason GCC and the
# Linux i386 ABI keep the stack 16-byte aligned at every call; the
# original System V i386 ABI asks for 4, and 4 saves the adjustments
# around calls (9 instructions an IPC round trip, docs/ipc.md).  The one
# part of libgcc linked (64-bit division) is integer code.  An object
# that needs more (fxsave's area, a message descriptor) says so with
# its own alignment.
CFLAGS  := -m32 -std=gnu11 -O2 -g -ffreestanding -fno-builtin -nostdlib -fno-pic -fno-pie \
           -fno-stack-protector -fno-omit-frame-pointer -mgeneral-regs-only -mpreferred-stack-boundary=2 \
           -Wall -Wextra -Werror -MD -MP -Iabi
ASFLAGS := -m32 -g -MD -MP -Iabi
# The compiler's own library (64-bit division for printing).  Asked when a
# link runs, not when make reads this file, and never left empty: without
# it a link would fail far from the cause (undefined __udivmoddi4).
LIBGCC = $(or $(wildcard $(shell $(CC) -m32 -print-libgcc-file-name 2>/dev/null)),\
              $(error $(CC) gives no libgcc: is it installed? (make setup)))
LDFLAGS := -m elf_i386 -nostdlib -z noexecstack --fatal-warnings

# Every object depends on the project's flags, CFLAGS and ASFLAGS:
# $(FLAGS_STAMP) holds them and is rewritten only when they differ, so an
# edit of them rebuilds everything, and a build with the same flags
# nothing.  (Without it, changed flags left old objects in place, and
# build-config, which the bench's controls read, named flags they were
# not built with.)  What a rule adds for some objects, below, is not in
# it.  The rule remakes the stamp when a `make clean` in the same run
# removed it after this file was read.
FLAGS_STAMP := $(B)/flags
FLAGS_NOW := $(CFLAGS) $(ASFLAGS)
ifneq ($(file < $(FLAGS_STAMP)),$(FLAGS_NOW))
$(shell mkdir -p $(B))
$(file > $(FLAGS_STAMP),$(FLAGS_NOW))
endif
$(FLAGS_STAMP):
	@mkdir -p $(@D)
	@echo '$(FLAGS_NOW)' > $@

# ---- mono mode: servers linked into the kernel (docs/mono.md) ----------------
# Each resident server's object, its runtime references renamed to the
# in-kernel runtime's (rt/kernel/names.map) and its main to NAME_main,
# goes into the kernel with that runtime.  Its entry points are the
# ones SERVER_ENTRY_NAME keeps global; mono/resident.c calls them.
MONO_SERVERS := ide fs console
SERVER_ENTRY_ide := main ide_start blk_dispatch
SERVER_ENTRY_fs := main fs_start fs_request
SERVER_ENTRY_console := main console_start console_dispatch console_interrupt
ifeq ($(MODE),mono)
$(B)/ukernel/%.o: CFLAGS += -DMODE_MONO
$(B)/mono/%.o: CFLAGS += -DMODE_MONO -Iukernel -I$(GEN) -Ilibipc
$(B)/mono/resident.o: $(GEN)/.stamp
$(B)/rt/kernel/%.o: CFLAGS += -DMODE_MONO -Iukernel -Irt/include -Ilibipc
MONO_OBJS := $(B)/mono/resident.o $(B)/mono/resume.o $(MONO_SERVERS:%=$(B)/servers/%.k.o) $(B)/rt/kernel/krt.o \
             $(B)/libipc/strerror.o
endif

# ---- the kernel --------------------------------------------------------
KERNEL_C := $(wildcard ukernel/*.c)
KERNEL_S := ukernel/entry.S ukernel/trapasm.S ukernel/swtch.S
KERNEL_OBJS := $(KERNEL_S:%.S=$(B)/%.o) $(KERNEL_C:%.c=$(B)/%.o)
# The kernel formats its lines with the formatter every task links.
KERNEL_SHARED := $(B)/rt/common/format.o
$(B)/ukernel/console.o: CFLAGS += -Irt/include

# V=1 shows the full commands.
Q := $(if $(V),,@)

$(B)/%.o: %.c $(FLAGS_STAMP)
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(CFLAGS) -c $< -o $@

$(B)/%.o: %.S $(FLAGS_STAMP)
	@mkdir -p $(dir $@)
	@echo "  AS      $<"
	$(Q)$(CC) $(ASFLAGS) -c $< -o $@

# The AP start-up code runs at physical 0x7000 and is embedded as a blob.
$(B)/ukernel/entryother: $(B)/ukernel/entryother.o
	$(Q)$(LD) $(LDFLAGS) --no-warn-rwx-segments -N -e start -Ttext 0x7000 -o $@.out $<
	$(Q)$(OBJCOPY) -S -O binary -j .text $@.out $@

$(B)/kernel.elf: $(KERNEL_OBJS) $(KERNEL_SHARED) $(MONO_OBJS) $(B)/ukernel/entryother ukernel/kernel.ld
	@echo "  LD      $@"
	$(Q)cd $(B)/ukernel && $(LD) $(LDFLAGS) -T $(CURDIR)/ukernel/kernel.ld -o $(CURDIR)/$@ \
	    $(KERNEL_OBJS:$(B)/ukernel/%=%) $(KERNEL_SHARED:%=$(CURDIR)/%) $(MONO_OBJS:%=$(CURDIR)/%) $(LIBGCC) -b binary entryother

# ---- user-side libraries -------------------------------------------------
# The runtime's interface (rt/include) and libipc are what every user task
# includes; its user-space implementation is rt/user (rt/README.md).
RT_INCLUDES := -Irt/include -Ilibipc
LIBIPC_OBJS := $(patsubst %.c,$(B)/%.o,$(wildcard libipc/*.c))
RT_OBJS := $(B)/rt/user/entry.o $(B)/rt/user/pfentry.o \
           $(patsubst %.c,$(B)/%.o,$(wildcard rt/user/*.c rt/common/*.c))
$(RT_OBJS): CFLAGS += $(RT_INCLUDES)

$(B)/libipc.a: $(LIBIPC_OBJS)
	$(Q)rm -f $@ && $(TOOLPREFIX)ar rcs $@ $^

$(B)/librt.a: $(RT_OBJS)
	$(Q)rm -f $@ && $(TOOLPREFIX)ar rcs $@ $^

# ---- kernel tests (tests/ktest) and benchmarks (user/bench): each boots as
# the root task ------------------------------------------------------------
KTEST_ELFS := $(patsubst tests/ktest/%.c,$(B)/ktest/%.elf,$(wildcard tests/ktest/*.c))
BENCH_ELFS := $(patsubst user/bench/%.c,$(B)/bench/%.elf,$(wildcard user/bench/*.c))

$(B)/ktest/%.elf: $(B)/tests/ktest/%.o $(B)/libstubs.a $(B)/librt.a $(B)/libipc.a user/user.ld
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	$(Q)$(LD) $(LDFLAGS) -T user/user.ld -o $@ $(B)/rt/user/entry.o $< $(B)/libstubs.a $(B)/librt.a $(B)/libipc.a $(B)/librt.a $(LIBGCC)

$(B)/bench/%.elf: $(B)/user/bench/%.o $(B)/libdispatch.a $(B)/libstubs.a $(B)/librt.a $(B)/libipc.a user/user.ld
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	$(Q)$(LD) $(LDFLAGS) -T user/user.ld -o $@ $(B)/rt/user/entry.o $< $(B)/libdispatch.a $(B)/libstubs.a $(B)/librt.a $(B)/libipc.a $(B)/librt.a $(LIBGCC)

# ---- generated IPC code (tools/idlc) ---------------------------------------
IDLS := $(wildcard idl/*.idl)

$(GEN)/.stamp: $(IDLS) tools/idlc $(wildcard tools/idl/*.py)
	@mkdir -p $(GEN)
	@echo "  IDLC    $(IDLS)"
	$(Q)$(PYTHON) tools/idlc -o $(GEN) $(IDLS)
	@touch $@

$(B)/genobj/%.o: $(GEN)/.stamp $(FLAGS_STAMP)
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
kvstore_SERVES := kvstore

# proc starts the console and the disk driver with what
# servers/console/boot.h and servers/ide/ide_boot.h list.
$(B)/servers/proc/%.o: CFLAGS += -Iservers/console -Iservers/ide

$(B)/tests/ktest/%.o $(B)/user/bench/%.o: CFLAGS += -I$(GEN) $(RT_INCLUDES)
$(B)/tests/ktest/%.o $(B)/user/bench/%.o: $(GEN)/.stamp
# The console's tests look into its state page (servers/console/state.h)
# and start it as proc does (boot.h); fsbench starts the disk as the
# storage tests do (tests/ktest/storage.h), which start the disk driver
# as proc does (servers/ide/ide_boot.h).
$(B)/tests/ktest/console_%.o: CFLAGS += -Iservers/console
$(B)/tests/ktest/blk_%.o $(B)/tests/ktest/fs_%.o $(B)/user/bench/fsbench.o: CFLAGS += -Iservers/ide
$(B)/user/bench/fsbench.o: CFLAGS += -Itests/ktest

$(B)/servers/%.o: servers/%.c $(GEN)/.stamp $(FLAGS_STAMP)
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(CFLAGS) -I$(GEN) $(RT_INCLUDES) -c $< -o $@

# A server is first linked into one relocatable object, NAME.o, in which
# only its entry points stay global (main, and for a server mono mode
# links into the kernel what the kernel calls: SERVER_ENTRY_NAME above);
# everything else it defines (its client_get, its copy of a generated dispatcher) becomes local, so no
# two servers and no server and kernel can capture each other's names,
# whatever they link with.  That is how NetBSD's rump kernels link a
# driver; docs/mono.md says why mono mode needs it.
SERVER_ENTRY := main

define server_rules
$(B)/servers/$(1).o: $$(patsubst %.c,$(B)/%.o,$$(wildcard servers/$(1)/*.c)) \
		$$(foreach i,$$($(1)_SERVES),$(B)/genobj/$$(i)_server.o) \
		$$(foreach i,$$($(1)_USES),$(B)/genobj/$$(i)_client.o) Makefile
	@echo "  LD -r   $$@"
	$(Q)$(LD) -m elf_i386 -r -o $$@.all $$(filter %.o,$$^)
	$(Q)$(OBJCOPY) $$(patsubst %,--keep-global-symbol=%,$$(or $$(SERVER_ENTRY_$(1)),$$(SERVER_ENTRY))) $$@.all $$@ && rm $$@.all

$(B)/servers/$(1).elf: $(B)/servers/$(1).o $(B)/librt.a $(B)/libipc.a user/user.ld
	@echo "  LD      $$@"
	$(Q)$(LD) $(LDFLAGS) -T user/user.ld -o $$@ $(B)/rt/user/entry.o $$< \
	    $(B)/librt.a $(B)/libipc.a $(B)/librt.a $$(LIBGCC)
endef
$(foreach s,$(SERVERS),$(eval $(call server_rules,$(s))))
SERVER_ELFS := $(SERVERS:%=$(B)/servers/%.elf)

# A resident server's object for the kernel (MONO_SERVERS, above).
$(B)/servers/%.k.o: $(B)/servers/%.o rt/kernel/names.map
	@echo "  OBJCOPY $@"
	$(Q)$(OBJCOPY) --redefine-syms=rt/kernel/names.map --redefine-sym main=$*_main $< $@

# The user-space boot modules: in mono mode, the resident servers are not.
BOOT_SERVERS := $(filter-out $(if $(filter mono,$(MODE)),$(MONO_SERVERS)),$(SERVERS))

# ---- user programs of the xv6 API, and the file-system image ------------------
# This system's own programs, then the program list: an xv6 program
# dropped into user/ builds and runs once its name is added to UPROGS.
SYSPROGS := init sh cat echo grep kill ln ls mkdir rm wc ps crash halt sleep systests nopriv memhog torture trace sysbench
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
$(ULIB_OBJS): CFLAGS += $(RT_INCLUDES) -Iuser/include -I$(GEN)
$(ULIB_OBJS): $(GEN)/.stamp

# Hostile programs (user/hostile/): the isolation probes, the fuzzer and
# the quota hog.  They run from the shell like any program but speak IPC
# and raw system calls directly: the runtime and libipc come first on their include
# path, so "syscall.h" is the system-call layer's, not xv6's.
HOSTILE := attack fuzz hog
HOSTILE_OBJS := $(HOSTILE:%=$(B)/user/hostile/%.o)
UPROG_BINS += $(HOSTILE:%=$(B)/bin/%)

$(HOSTILE_OBJS): CFLAGS += $(RT_INCLUDES) -Iuser/include -I$(GEN)
$(HOSTILE_OBJS): $(GEN)/.stamp

# The labs' programs (user/labs/, docs/labs/): kv, the kvstore lab's
# client, calls the store's stubs itself, so like the hostile programs
# it has the headers of the runtime and the generated code.
LABPROGS := kv
LABPROG_OBJS := $(LABPROGS:%=$(B)/user/labs/%.o)
UPROG_BINS += $(LABPROGS:%=$(B)/bin/%)

$(LABPROG_OBJS): CFLAGS += $(RT_INCLUDES) -Iuser/include -I$(GEN)
$(LABPROG_OBJS): $(GEN)/.stamp

# NAME.debug keeps the symbols for gdb; the stripped NAME goes on the disk.
define link_uprog
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	$(Q)$(LD) $(LDFLAGS) -T user/user.ld -o $@ $(B)/rt/user/entry.o $< $(ULIB_OBJS) \
	    $(B)/libstubs.a $(B)/librt.a $(B)/libipc.a $(B)/librt.a $(LIBGCC)
endef
ULINK_DEPS := $(ULIB_OBJS) $(B)/libstubs.a $(B)/librt.a $(B)/libipc.a user/user.ld

$(B)/bin/%.debug: $(B)/user/%.o $(ULINK_DEPS)
	$(link_uprog)

$(B)/bin/%.debug: $(B)/user/hostile/%.o $(ULINK_DEPS)
	$(link_uprog)

$(B)/bin/%.debug: $(B)/user/labs/%.o $(ULINK_DEPS)
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
MODULES ?= $(ROOT) $(patsubst %,$(B)/servers/%.elf,$(filter-out proc,$(BOOT_SERVERS)))
DISK ?= $(B)/fs.img

all: $(B)/kernel.elf $(KTEST_ELFS) $(BENCH_ELFS) $(SERVER_ELFS) $(UPROG_BINS) $(B)/fs.img $(B)/build-config

# What make bench checks is the same in both modes (tools/bench, its
# controls): the compiler flags every object gets, what the mode adds to
# the kernel's, and the sizes that shape the figures, as the compiler
# sees them in this build.
CONFIG_CFLAGS := $(filter-out -MD -MP,$(CFLAGS)) $(if $(filter mono,$(MODE)),-DMODE_MONO)
$(B)/build-config: Makefile ukernel/param.h servers/fs/fsparam.h $(FLAGS_STAMP)
	@mkdir -p $(@D)
	$(Q){ echo "cflags $(CFLAGS)"; \
	  echo "kernel_defines $(if $(filter mono,$(MODE)),-DMODE_MONO)"; \
	  echo "quantum QUANTUM" | $(CC) $(CONFIG_CFLAGS) -E -P -include ukernel/param.h -; \
	  printf 'nbuf NBUF\nlogsize LOGSIZE\n' | $(CC) $(CONFIG_CFLAGS) -E -P -include servers/fs/fsparam.h -; \
	} > $@

QEMUACCEL := $(if $(filter 1,$(KVM)),-accel kvm,-accel tcg)
# VGA=1 (or make qemu-vga) opens QEMU's window, and the kernel's command
# line word "display" has proc give the console the keyboard and the
# screen.  (Not DISPLAY=1: make would hand that to QEMU as the X display.)
VGA ?= 0
QEMUDISPLAY = $(if $(filter 1,$(VGA)),,-display none)
KERNELARGS ?= $(if $(filter 1,$(VGA)),display)
QEMUMACHINE = $(QEMUACCEL) -m $(MEM) -smp $(CPUS),sockets=$(CPUS) $(QEMUDISPLAY) -monitor none \
           -serial stdio -no-reboot -device isa-debug-exit,iobase=0xf4,iosize=0x04
QEMUDISK = -drive file=$(DISK),format=raw,if=ide,index=1,media=disk
QEMUOPTS = $(QEMUMACHINE) -kernel $(B)/kernel.elf $(if $(KERNELARGS),-append "$(KERNELARGS)") \
           -initrd "$(subst $(eval) ,$(comma),$(strip $(MODULES)))" $(QEMUDISK)
comma := ,

# gdb's port; .gdbinit reads the same variable from the environment.
GDBPORT ?= 26000

# The set-up script has already run (top of this file).
setup:
	@:

qemu: all
	$(QEMU) $(QEMUOPTS) || true

qemu-vga: VGA := 1
qemu-vga: qemu

qemu-gdb: all
	@echo "QEMU waits for gdb on 127.0.0.1:$(GDBPORT); in this directory run: GDBPORT=$(GDBPORT) gdb-multiarch -x .gdbinit"
	$(QEMU) $(QEMUOPTS) -S -gdb tcp:127.0.0.1:$(GDBPORT) || true

# ---- a bootable rescue image: GRUB, the kernel and the servers ------------
# The file system stays on its IDE disk (DISK), as with make qemu; the
# image holds only what GRUB loads.  tools/grub.cfg is its menu.
ISO := $(B)/ukernel.iso
$(ISO): $(B)/kernel.elf $(SERVER_ELFS) tools/grub.cfg
	@echo "  ISO     $@"
	$(Q)rm -rf $(B)/iso && mkdir -p $(B)/iso/boot/grub
	$(Q)cp $(B)/kernel.elf $(SERVER_ELFS) $(B)/iso/boot/
	$(Q)cp tools/grub.cfg $(B)/iso/boot/grub/
	$(Q)grub-mkrescue -o $@ $(B)/iso 2>$(B)/iso.log || { cat $(B)/iso.log; exit 1; }

iso: $(ISO)

qemu-iso: all $(ISO)
	$(QEMU) $(QEMUMACHINE) -cdrom $(ISO) -boot d $(QEMUDISK) || true

# The system suites (shell sessions, storage scenarios, isolation) and
# the short fuzz run in both modes: `make test` runs them again against the mono
# build (its sub-make skips set-up, which this make has run already).  test_console.py does
# not: its programs start the console server as a task, as proc does,
# which mono mode links into the kernel (test_shell.py's console tests
# run in both).
MONO_SUITES := tests/test_shell.py tests/test_storage.py tests/test_isolation.py tests/test_fuzz.py tests/test_bench_tool.py
test: all $(ISO)
	MODE=$(MODE) $(PYTHON) -m pytest -q tests
ifeq ($(MODE),micro)
	$(MAKE) --no-print-directory MODE=mono SETUP=true all
	MODE=mono $(PYTHON) -m pytest -q $(MONO_SUITES)
endif

# make grade LAB=name: build, boot and grade one lab (docs/labs/README.md).
grade: all
	$(if $(LAB),,$(error make grade needs LAB=name; tools/lab list shows the labs))
	$(PYTHON) tools/lab grade $(LAB)

# Both modes unless MODE is given: micro, then mono, and their ratios.
bench: all
ifeq ($(origin MODE),file)
	$(MAKE) --no-print-directory MODE=mono SETUP=true all
	$(PYTHON) tools/bench --mode both
else
	MODE=$(MODE) $(PYTHON) tools/bench
endif

# The fuzzers (user/hostile/fuzz.c) on 1 and 2 CPUs, in both modes unless
# MODE is given; SEED=n repeats a run.
fuzz: all
ifeq ($(origin MODE),file)
	$(MAKE) --no-print-directory MODE=mono SETUP=true all
	$(PYTHON) tools/fuzz --mode micro --mode mono $(if $(SEED),--seed $(SEED))
else
	$(PYTHON) tools/fuzz --mode $(MODE) $(if $(SEED),--seed $(SEED))
endif

# Not part of test: minutes of crashes under a checked workload.
torture: all
	$(PYTHON) tools/torture

clean:
	rm -rf build

.PHONY: all setup qemu qemu-vga qemu-gdb iso qemu-iso test grade bench fuzz torture clean

# The micro build's directory holds the mono build's: leave its files out.
-include $(shell find $(B) $(if $(filter micro,$(MODE)),-path build/mono -prune -o) -name '*.d' -print 2>/dev/null)
.SECONDARY:
