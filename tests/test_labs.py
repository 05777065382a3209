"""The labs' checkers (tools/lab, docs/labs/), each tested both ways: it
passes on this tree, which is the reference solution, and fails on the
starting tree `tools/lab start` writes, which must still build and boot."""
import os
import re
import subprocess
import sys

import pytest

from harness import ROOT, load_tool

LAB = os.path.join(ROOT, "tools", "lab")


def lab(*args, cwd=ROOT):
    return subprocess.run([sys.executable, LAB] + list(args), cwd=cwd, capture_output=True,
                          text=True, timeout=900)


def make_grade(name, tree=ROOT):
    """`make grade LAB=name` in tree, as a student runs it."""
    return subprocess.run(["make", "-C", str(tree), "--no-print-directory", "grade", "LAB=" + name],
                          capture_output=True, text=True, timeout=1800)


# gradelib's lines: one per test, then the score.
RESULT = re.compile(r"^\S.*: (OK|FAIL) \(\d+\.\ds\)", re.M)
SCORE = re.compile(r"^Score: (\d+)/(\d+)$", re.M)


def labs():
    out = lab("list").stdout
    return [line.split()[0] for line in out.splitlines()]


def test_markers_become_the_stub():
    tool = load_tool("lab")
    text = ("a\n    // LAB x: begin\n    // LAB x: stub     todo();\n    real();\n"
            "    // LAB x: end\n    // LAB y: begin\n    other();\n    // LAB y: end\nb\n")
    assert tool.strip_solution(text, "x", "f.c") == (
        "a\n    todo();\n    // LAB y: begin\n    other();\n    // LAB y: end\nb\n")
    with pytest.raises(SystemExit):
        tool.strip_solution("// LAB x: begin\nreal();\n", "x", "f.c")


def test_grade_rejects_an_unknown_lab():
    r = lab("grade", "nosuchlab")
    assert r.returncode != 0 and "no lab 'nosuchlab'" in r.stderr


@pytest.mark.parametrize("name", labs())
def test_checker_passes_on_the_solution(name):
    r = make_grade(name)
    assert r.returncode == 0, r.stdout + r.stderr
    results = RESULT.findall(r.stdout)
    assert results and set(results) == {"OK"}, r.stdout
    score = SCORE.search(r.stdout)
    assert score and score.group(1) == score.group(2), r.stdout


@pytest.mark.parametrize("name", labs())
def test_checker_fails_on_the_starting_tree(name, tmp_path):
    tree = tmp_path / "student"
    r = lab("start", name, str(tree))
    assert r.returncode == 0, r.stderr
    r = make_grade(name, tree)
    # The starting tree builds, and make grade runs the checker on it.
    assert SCORE.search(r.stdout), "the starting tree must build:\n" + r.stdout[-3000:] + r.stderr[-3000:]
    assert r.returncode != 0, r.stdout
    assert "FAIL" in RESULT.findall(r.stdout), r.stdout
    # The starting tree boots: its failure is the lab's, not a crash.
    assert "no result" not in r.stdout, r.stdout


def test_grade_all_prints_one_score_line_per_tree(tmp_path):
    (tmp_path / "alice").mkdir()
    (tmp_path / "alice" / "Makefile").write_text("all:\n\tfalse\n")
    (tmp_path / "notes.txt").write_text("not a tree")
    name = labs()[0]
    total = sum(points for _, points, _ in load_tool("lab").LABS[name][1])
    r = lab("grade-all", name, str(tmp_path))
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == ["alice 0/%d" % total], r.stdout
