"""Ledger tables as a real terminal (tmux, 100x30) shows them: Chinese cells take two screen
columns, so the column after a Chinese cell must start at the same screen column on every row."""
import os
import shutil
import subprocess
import time
import unicodedata
import uuid

import pytest

from conftest import binary

SETUP = """clock 2024-05-10
unit add FY "舞阳县人民法院" --secretary 李四
unit add JY "教育局" --secretary 王芳
round open R5 "第五轮专项巡察" --kind special
round target R5 FY
round target R5 JY
round feedback R5 --on 2024-05-10 --due +90d
issue add R5 FY "执行工作韧劲不足" --category discipline
issue add R5 FY abc --category integrity
issue add R5 JY "公务接待管理不规范,超标准接待、陪餐人数过多、接待清单与公函不符的问题仍较突出" --category conduct
issue add R5 JY "A类 mixed 混排" --category political
issue assign R5-001 --lead 王五 --owner 赵六 --dept 执行局
issue assign R5-003 --lead Wang --owner 周九 --dept 办公室
"""


def cells(line):
    """(screen column, character) for each character of a captured line."""
    out, col = [], 0
    for ch in line:
        out.append((col, ch))
        col += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return out


def width(line):
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in line)


@pytest.fixture
def tmux(home):
    if shutil.which("tmux") is None:
        # In CI a missing tool is a failure: a test skipped there proves nothing.
        if os.environ.get("CI") == "true":
            pytest.fail("tmux is missing; scripts/setup --test installs it")
        pytest.skip("tmux is installed by scripts/setup --test")
    socket = f"xuncha-test-{uuid.uuid4().hex[:8]}"
    base = ["tmux", "-u", "-L", socket, "-f", "/dev/null"]
    yield base
    subprocess.run(base + ["kill-server"], capture_output=True)


def capture(base):
    return subprocess.run(base + ["capture-pane", "-p", "-t", "main"], capture_output=True, text=True, check=True).stdout


def wait_for(base, predicate, timeout=15):
    deadline = time.time() + timeout
    screen = ""
    while time.time() < deadline:
        screen = capture(base)
        if predicate(screen):
            return screen
        time.sleep(0.1)
    raise AssertionError("timed out; screen was:\n" + screen)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_ledger_columns_line_up_after_chinese_cells(tmux, home, lang):
    store = home / "s.db"
    env = {"HOME": str(home), "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"}
    subprocess.run([binary(), "--store", str(store)], input=SETUP.encode(), check=True, env=env)
    command = f"env HOME={home} LANG=C.UTF-8 TERM=screen NO_COLOR=1 XUNCHA_USER=测试员 {binary()} --store {store} --lang {lang} --clock 2024-08-20"
    subprocess.run(tmux + ["new-session", "-d", "-s", "main", "-x", "100", "-y", "30", command], check=True)
    # capture-pane drops trailing blanks, so the prompt ends in ">".
    wait_for(tmux, lambda s: any(l.startswith("xuncha(") and l.rstrip().endswith(">") for l in s.split("\n")))
    subprocess.run(tmux + ["send-keys", "-t", "main", "ledger --sort unit", "Enter"], check=True)
    footer = "个问题" if lang == "zh" else "problem(s)"
    screen = wait_for(tmux, lambda s: footer in s)
    lines = screen.split("\n")
    rule = next(i for i, l in enumerate(lines) if l.startswith("─"))
    rows = [l for l in lines[rule + 1:] if l.startswith("R5-")]
    assert len(rows) == 4, screen
    # Column starts, read off the rule under the header: a run of ─ per column.
    ruled = cells(lines[rule])
    starts = [col for i, (col, ch) in enumerate(ruled) if ch == "─" and (i == 0 or ruled[i - 1][1] == " ")]
    assert len(starts) >= 10, lines[rule]
    header = lines[rule - 1]
    for line in [header] + rows:
        assert width(line) <= 100, line
        at = dict(cells(line))
        # Every text column (id, unit, title, category, status) starts exactly at its screen column,
        # with the gap of two blanks before it: no cell is shifted by a wide character before it.
        for start in starts[:5]:
            assert start in at and at[start] != " ", f"column at {start} misplaced in:\n{line}\n{screen}"
            if start > 0:
                assert at.get(start - 1) == " " and at.get(start - 2) == " ", f"no gap before {start} in:\n{line}"
    # The long title was cut with … to fit 100 columns.
    assert any("…" in r for r in rows), screen
    subprocess.run(tmux + ["send-keys", "-t", "main", "quit", "Enter"], check=True)
