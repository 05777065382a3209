#!/bin/sh
# Installs the Debian packages the build, the emulator, the tests and the
# boot image need, but only those that are missing, so running it on a
# ready machine is quick.  The Makefile runs it first on every make.
set -e
need=""
have() { command -v "$1" >/dev/null 2>&1; }
have i686-linux-gnu-gcc || need="$need gcc-i686-linux-gnu"
have i686-linux-gnu-ld || need="$need binutils-i686-linux-gnu"
have make || need="$need make"
have qemu-system-i386 || need="$need qemu-system-x86"
have gdb-multiarch || need="$need gdb-multiarch"
have gcc || need="$need gcc"
have grub-mkrescue || need="$need grub-common"
[ -d /usr/lib/grub/i386-pc ] || need="$need grub-pc-bin"   # GRUB for BIOS PCs
have xorriso || need="$need xorriso"
have mformat || need="$need mtools"
[ -x /usr/bin/python3 ] || need="$need python3"
/usr/bin/python3 -c 'import importlib.util as u, sys; sys.exit(not u.find_spec("pytest"))' 2>/dev/null || need="$need python3-pytest"
[ -z "$need" ] && exit 0
echo "setup: installing$need"
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends $need
