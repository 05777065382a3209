# Loaded by gdb-multiarch started in this directory (make qemu-gdb).
set architecture i386
symbol-file build/kernel.elf
target remote localhost:26000
echo Kernel symbols loaded. Add a program's with: add-symbol-file build/ktest/NAME.elf\n
