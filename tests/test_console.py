"""The console server (servers/console), booted by a test program acting as
proc: tests/ktest/console_lines.c and console_restart.c start it from its
boot module, run clients against it, and say "type ..." when they are
ready for input, which the harness then types on the serial line (or
presses on the PS/2 keyboard through QEMU's monitor)."""
import re

import pytest

from harness import Step, boot, ktest, server

BS = "\b \b"    # what the console echoes to take a character back


def said(text):
    """The test program's whole line `text`, its end included.  The kernel
    prints it, and the console echoes on the same serial line without
    sharing the kernel's lock; on 2 CPUs a kernel line's end can come
    after the first echoed characters if the harness types at its first
    word (docs/console.md)."""
    return text + "\r\n"

LINES_INPUT = [
    Step(said("type editing"), serial=b"hello world\rabx\x08c\x7fd\rjunk\x15good\r\x04"),
    Step(said("type readers"), serial=b"line-1\nline-2\nline-3\nline-4\nline-5\nline-6\n"),
    Step(said("type ctrl-p"), serial=b"par\x10tial\r"),
    Step(said("type raw"), serial=b"Rz\x15\x04\x10."),
    Step(said("type partial line"), serial=b"zzz"),
    Step(said("type after kill"), serial=b"kept\r"),
    Step(said("press keys"), keys=["shift-h", "i", "spc", "k", "b", "d", "x", "backspace", "ret",
                             "a", "b", "ctrl-u", "o", "k", "ret"]),
]

TASK_LINE = re.compile(r"^\s*[0-9a-f]+\s+[0-9a-f]+ (stopped |runnable|running |blocked |faulted ) +\d+ (\S+)$")


def finished(b):
    assert not b.timed_out, b
    assert b.guest_code == 0, b
    assert not b.grep("panic"), b
    assert not b.grep("FAILED"), b


@pytest.fixture(scope="module", params=[1, 2], ids=["1cpu", "2cpus"])
def lines(request):
    b = boot([ktest("console_lines"), server("console")], cpus=request.param, timeout=90,
             steps=LINES_INPUT)
    finished(b)
    return b


def between(b, start, end):
    """The raw output after the line containing start, up to end."""
    i = b.output.index(start)
    return b.output[i:b.output.index(end, i)]


def test_console_starts_with_serial_keyboard_and_screen(lines):
    assert lines.grep("console: serial line (irq 4) in use, keyboard (irq 1) in use, CGA screen in use"), lines
    m = re.search(r"console_lines: (\d+) of (\d+) checks passed", lines.output)
    assert m and m.group(1) == m.group(2), lines


def test_malformed_requests_get_errors_and_the_console_goes_on(lines):
    for name in ["another interface's label", "another version's label", "op number 9",
                 "op number 0", "write shorter than it says", "write longer than it says",
                 "write length over the limit", "write buffer over the limit",
                 "read capacity over the limit", "read carrying bytes", "setmode to no such mode",
                 "kill_line carrying bytes", "a good write after all that", "an empty write"]:
        assert lines.grep("check %s: ok" % name), name
    assert "still serving" in lines.lines, lines


def test_a_write_sent_again_with_its_seq_is_printed_once(lines):
    assert lines.lines.count("record: printed once") == 1, lines
    assert lines.grep("check write seq 5 again: ok"), lines
    # The same number with other bytes is a new write (a program exec'd in
    # the same task counts from 1 again).
    assert lines.lines.count("record: same seq, new text") == 1, lines


def test_lines_of_concurrent_writers_never_mix(lines):
    want = ["writer %s line %02d %s" % (w, i, w * 20) for w in "AB" for i in range(12)]
    want += ["writer C line %02d %s" % (i, "C" * 46) for i in range(64)]
    for line in want:
        assert lines.lines.count(line) == 1, line
    written = [l for l in lines.lines if l.startswith("writer ")]
    assert sorted(written) == sorted(want), lines
    # A's and B's lines each come out in the order they were written.
    for w in "ABC":
        mine = [l for l in written if l.startswith("writer " + w)]
        assert mine == sorted(mine), mine


def test_typed_characters_are_echoed_and_edited(lines):
    echo = between(lines, "type editing", "edit read 1")
    assert "hello world\r\n" in echo, echo
    assert "abx" + BS + "c" + BS + "d\r\n" in echo, repr(echo)
    assert "junk" + BS * 4 + "good\r\n" in echo, repr(echo)
    assert lines.grep(r"edit read 1: rc 12 len 12 'hello world\n'"), lines
    assert lines.grep(r"edit read 2: rc 4 len 4 'abd\n'"), lines


def test_ctrl_u_kills_the_line_and_ctrl_d_ends_input(lines):
    assert lines.grep(r"edit read 3: rc 5 len 5 'good\n'"), lines
    assert lines.grep("edit read 4: rc 0 len 0 ''"), lines


def test_two_readers_get_whole_lines_in_order(lines):
    # The first reader in the queue lies about its buffer: its reply fails
    # and the line goes to the next one.
    assert lines.grep("check the lying reader's call: ok"), lines
    got = {}
    for l in lines.lines:
        m = re.match(r"reader (\d): rc 7 len 7 'line-(\d)\\n'$", l)
        if m:
            got.setdefault(m.group(1), []).append(int(m.group(2)))
    assert got["1"][0] == 1 and got["2"][0] == 2, got
    assert got["1"] == sorted(got["1"]) and got["2"] == sorted(got["2"]), got
    assert sorted(got["1"] + got["2"]) == [1, 2, 3, 4, 5, 6], got


def test_ctrl_p_prints_the_task_list_and_keeps_the_line(lines):
    listing = between(lines, "type ctrl-p", "after ctrl-p").splitlines()
    head = [i for i, l in enumerate(listing) if l.rstrip("\r") == "task     parent   state    prio name"]
    assert len(head) == 1, listing
    tasks = [TASK_LINE.match(l.rstrip("\r")) for l in listing[head[0] + 1:]]
    tasks = [m for m in tasks if m]
    names = [m.group(2) for m in tasks]
    assert "console" in names and "root" in names, listing
    assert any(m.group(1) == "running " and m.group(2) == "console" for m in tasks), listing
    # What was typed before ^P is shown again under the list.
    assert "partial" in [l.rstrip("\r") for l in listing], listing
    assert lines.grep(r"after ctrl-p: rc 8 len 8 'partial\n'"), lines


def test_raw_mode_passes_bytes_unedited_and_unechoed(lines):
    assert lines.grep(r"raw read: rc 0 len 6 'Rz\x15\x04\x10.'"), lines
    quiet = between(lines, "type raw", "raw read")
    assert "Rz" not in quiet and "task     parent" not in quiet, repr(quiet)


def test_kill_line_operation_drops_what_is_being_typed(lines):
    for name in ["partial line typed", "kill_line", "partial line gone"]:
        assert lines.grep("check %s: ok" % name), name
    typed = between(lines, "type partial line", "type after kill")
    assert "zzz" in typed and BS * 3 in typed, repr(typed)
    assert lines.grep(r"after kill_line: rc 5 len 5 'kept\n'"), lines


def test_keyboard_input_goes_through_the_same_line_discipline(lines):
    assert lines.grep(r"keyboard read 1: rc 7 len 7 'Hi kbd\n'"), lines
    assert lines.grep(r"keyboard read 2: rc 3 len 3 'ok\n'"), lines
    echo = between(lines, "press keys", "keyboard read 1")
    assert "Hi kbdx" + BS + "\r\n" in echo, repr(echo)


def test_output_appears_on_the_cga_screen(lines):
    assert lines.grep("check write on the screen: ok"), lines
    assert lines.grep("check keyboard echo on the screen: ok"), lines


def test_restart_loses_at_most_the_line_being_typed():
    b = boot([ktest("console_restart"), server("console")], cpus=2, timeout=90, steps=[
        Step(said("type before restart"), serial=b"kept\rpartial"),
        Step(said("type after restart"), serial=b"after\r"),
        Step(said("type fresh"), serial=b"fresh\r"),
    ])
    finished(b)
    m = re.search(r"console_restart: (\d+) of (\d+) checks passed", b.output)
    assert m and m.group(1) == m.group(2) and int(m.group(2)) >= 8, b
    assert b.grep("console: kept 5 bytes of unread input"), b
    # The complete line survives; the partial one does not.
    assert b.grep(r"read 1: rc 5 len 5 'kept\n'"), b
    assert b.grep(r"read 2: rc 6 len 6 'after\n'"), b
    # A read held by the dead copy came back as E_RESTART and was answered
    # by the next copy.
    assert b.grep("check the read held by the old copy: ok"), b
    # A write sent again after the restart with its seq is not printed again.
    assert b.lines.count("restart: written once") == 1, b
    assert b.lines.count("restart: written after") == 1, b
    # A state page that does not check out is reset, and the console works.
    assert b.grep("check broken page reset: ok"), b
    assert b.grep(r"read 3: rc 6 len 6 'fresh\n'"), b
