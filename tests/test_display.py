"""The screen and the keyboard of the full system.  With the word
"display" on the kernel's command line (make qemu-vga puts it there),
proc gives the console the PS/2 keyboard and the CGA text page as well
as COM1.  The test boots headless but with a VGA device (-display none
keeps QEMU's standard VGA card, only without a window), types a command
on the keyboard through the QEMU monitor's sendkey, and reads the text
page back from video memory with the monitor's xp: the typed command and
its output must both be on the screen, and on the serial line too."""
import os
import re
import shutil

import pytest

from harness import BUILD, Step, boot, server

SYSTEM = ["proc", "console", "ide", "fs"]
CGA = 0xb8000           # the colour text page (IBM CGA reference)
COLS, ROWS = 80, 25
WORD = "Screen-42"      # Shift and a digit on the way


def keys_for(text):
    """QEMU sendkey names for text (letters, digits, '-' and spaces)."""
    names = {" ": "spc", "-": "minus"}
    out = []
    for c in text:
        if c.isupper():
            out.append("shift-" + c.lower())
        else:
            out.append(names.get(c, c))
    return out


def screen_rows(answer):
    """The rows of the text page from the monitor's answer to
    `xp /2000hx 0xb8000`: lines "00000000000b8000: 0x0720 0x0724 ...",
    each cell a character in the low byte and its colour in the high."""
    cells = []
    for line in answer.splitlines():
        m = re.match(r"\s*([0-9a-f]+): ((?:0x[0-9a-f]{4}\s*)+)$", line.strip())
        if m:
            assert int(m.group(1), 16) == CGA + 2 * len(cells), answer
            cells += [int(w, 16) & 0xff for w in m.group(2).split()]
    assert len(cells) == COLS * ROWS, answer
    text = "".join(chr(c) if 32 <= c < 127 else " " for c in cells)
    return [text[i:i + COLS].rstrip() for i in range(0, len(text), COLS)]


@pytest.mark.parametrize("cpus", [1, 2], ids=["1cpu", "2cpus"])
def test_typed_command_and_its_output_are_on_the_screen(tmp_path, cpus):
    disk = str(tmp_path / "fs.img")
    shutil.copyfile(os.path.join(BUILD, "fs.img"), disk)
    steps = [Step("init: starting sh"),
             Step("$ ", keys=keys_for("echo " + WORD) + ["ret"]),
             Step("echo " + WORD),
             Step(WORD),
             # The prompt after the output is a later write: the output's
             # is on the screen by then.
             Step("$ ", monitor=["xp /%dhx 0x%x" % (COLS * ROWS, CGA)], serial=b"halt\n")]
    b = boot([server(s) for s in SYSTEM], cpus=cpus, timeout=240, disk=disk,
             extra=["-append", "display", "-vga", "std"], steps=steps)
    assert not b.timed_out, b
    assert b.guest_code == 0, b
    assert b.grep("console: serial line (irq 4) in use, keyboard (irq 1) in use, CGA screen in use"), b
    rows = screen_rows(b.monitor[0])
    assert "$ echo " + WORD in rows, "\n".join(rows)
    assert WORD in rows, "\n".join(rows)
    # Everything printed through the console is there, not only the
    # session (the kernel's own lines go to COM1 only).
    assert "init: starting sh" in rows, "\n".join(rows)
    # The serial line saw the same session.
    assert "$ echo " + WORD in b.lines and WORD in b.lines, b


def test_without_display_the_console_keeps_off_the_keyboard_and_screen(tmp_path):
    disk = str(tmp_path / "fs.img")
    shutil.copyfile(os.path.join(BUILD, "fs.img"), disk)
    steps = [Step("init: starting sh"),
             Step("$ ", monitor=["xp /%dhx 0x%x" % (COLS * ROWS, CGA)], serial=b"halt\n")]
    b = boot([server(s) for s in SYSTEM], cpus=1, timeout=240, disk=disk, extra=["-vga", "std"],
             steps=steps)
    assert b.guest_code == 0, b
    assert b.grep("console: serial line (irq 4) in use, keyboard (irq 1) not used, CGA screen not used"), b
    rows = screen_rows(b.monitor[0])
    assert "init: starting sh" not in rows, "\n".join(rows)
