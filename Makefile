# The one entry point: make (build), make qemu, make qemu-gdb, make test,
# make bench.  Everything is built in build/; nothing generated goes
# into git.  CPUS=n picks the number of CPUs (default 2), KVM=1 asks for
# KVM (TCG is the default: see README).

# Plain `make` builds everything (the first rule below is not `all`).
.DEFAULT_GOAL := all
# No built-in rules: they would try to "make" the dependency files.
MAKEFLAGS += --no-builtin-rules
.SUFFIXES:

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
LIBGCC  := $(shell $(CC) -m32 -print-libgcc-file-name)   # 64-bit division for printing
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

# proc starts the console with what servers/console/boot.h lists.
$(B)/servers/proc/%.o: CFLAGS += -Iservers/console

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
	    $(B)/librt.a $(B)/libipc.a $(B)/librt.a $(LIBGCC)
endef
$(foreach s,$(SERVERS),$(eval $(call server_rules,$(s))))
SERVER_ELFS := $(SERVERS:%=$(B)/servers/%.elf)

# ---- user programs of the xv6 API, and the file-system image ------------------
UPROGS := init sh cat echo grep kill ln ls mkdir rm wc ps crash halt sleep usertests
ULIB_OBJS := $(patsubst %.c,$(B)/%.o,$(wildcard user/lib/*.c))
UPROG_OBJS := $(UPROGS:%=$(B)/user/%.o)
UPROG_BINS := $(UPROGS:%=$(B)/bin/%)
FSSIZE := 8192

$(ULIB_OBJS) $(UPROG_OBJS): CFLAGS += -Iuser/include -I$(GEN) -Ilibipc
$(ULIB_OBJS) $(UPROG_OBJS): $(GEN)/.stamp

# Hostile programs for the isolation tests (user/hostile/): ordinary
# programs on the disk, but allowed raw system calls.
HOSTILE := hog
HOSTILE_OBJS := $(HOSTILE:%=$(B)/user/hostile/%.o)
UPROG_BINS += $(HOSTILE:%=$(B)/bin/%)

$(HOSTILE_OBJS): CFLAGS += -Iuser/include -I$(GEN) -Ilibipc
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

setup:
	@sh tools/setup.sh

qemu: setup all
	$(QEMU) $(QEMUOPTS) || true

qemu-vga: VGA := 1
qemu-vga: qemu

qemu-gdb: setup all
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

iso: setup $(ISO)

qemu-iso: setup all $(ISO)
	$(QEMU) $(QEMUMACHINE) -cdrom $(ISO) -boot d $(QEMUDISK) || true

test: setup all $(ISO)
	$(PYTHON) -m pytest -q tests

bench: setup all
	$(PYTHON) tools/bench

clean:
	rm -rf $(B)

.PHONY: all setup qemu qemu-vga qemu-gdb iso qemu-iso test bench clean

-include $(shell find $(B) -name '*.d' 2>/dev/null)
.SECONDARY:
