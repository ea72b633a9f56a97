"""Small things a newcomer trips over at the prompt: the sandbox's label, Ctrl-L and clear in
the tutorial, Esc after a history search, and the alignment of help's Chinese column."""
import re
import subprocess
import time
import unicodedata

import pexpect

from conftest import binary

ANY_PROMPT = r"xuncha\([^)]*\) \S+[^>]*> "
CLEAR = "\x1b[H\x1b[2J"


def width(text):
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def test_a_blank_sandbox_is_called_empty_only_until_something_is_added(spawn):
    for lang, empty, filled in (("C.UTF-8", "empty", "scratch"), ("zh_CN.UTF-8", "空账本", "临时账本")):
        c = spawn("--sandbox", lang=lang)
        c.expect(rf"SANDBOX xuncha\({empty}\) 测试员> ")
        c.sendline("clock 2024-05-01")                  # not a change to the ledger
        c.expect(rf"SANDBOX xuncha\({empty}\) 测试员 @2024-05-01> ")
        c.sendline('unit add FY "舞阳县人民法院"')
        c.expect(rf"SANDBOX xuncha\({filled}\) 测试员 @2024-05-01> ")
        c.send("\x04")
        c.expect(pexpect.EOF)


def test_ctrl_l_and_clear_in_the_tutorial_keep_the_current_step_and_help_marks_it(spawn):
    c = spawn("--tutorial")
    c.expect(r"step 1/\d+: clock 2024-05-01")
    c.expect(ANY_PROMPT)
    c.sendline("clock 2024-05-01")
    c.expect(r"step 2/\d+: unit add FY")
    c.expect(ANY_PROMPT)
    c.send("\x0c")
    c.expect(re.escape(CLEAR) + r"▶ step 2/\d+: unit add FY[^\r\n]*\r\n[^\r\n]*first responsible person")
    c.expect(ANY_PROMPT)
    c.sendline("clear")
    c.expect(re.escape(CLEAR) + r"▶ step 2/\d+: unit add FY")
    c.expect(ANY_PROMPT)
    c.sendline("help tutorial")
    c.expect(r"▶ 2\. unit add FY [^\r\n]*← you are here")
    c.expect(ANY_PROMPT)
    assert "▶ 1." not in c.before and "▶ 3." not in c.before
    c.send("\x04")
    c.expect(pexpect.EOF)


def test_clear_and_its_chinese_alias_clear_the_screen_and_do_nothing_in_a_pipe(spawn):
    c = spawn("--memory", lang="zh_CN.UTF-8")
    c.expect(ANY_PROMPT)
    c.sendline("清屏")
    c.expect(re.escape(CLEAR))
    c.expect(ANY_PROMPT)
    c.send("\x04")
    c.expect(pexpect.EOF)
    r = subprocess.run([binary(), "--memory", "-c", "clear"], capture_output=True, text=True)
    assert r.returncode == 0 and r.stdout == "" and r.stderr == ""


def test_esc_after_a_history_search_does_not_swallow_the_next_enter(spawn, store):
    c = spawn("--store", str(store))
    c.expect(ANY_PROMPT)
    c.sendline("unit list")
    c.expect("舞阳县人民法院")
    c.expect(ANY_PROMPT)
    c.sendline("clock 2024-05-01")
    c.expect(ANY_PROMPT)
    c.send("\x12")
    c.send("unit l")
    time.sleep(0.3)
    c.send("\x1b")                                   # leave the search, keeping the match
    time.sleep(0.3)
    c.send("\r")                                     # this Enter runs the line found
    c.expect("舞阳县人民法院", timeout=5)
    c.expect(ANY_PROMPT)
    c.send("\x04")
    c.expect(pexpect.EOF)


def test_the_chinese_alias_column_of_help_is_aligned():
    for lang in ("C.UTF-8", "zh_CN.UTF-8"):
        r = subprocess.run([binary(), "-c", "help"], capture_output=True, text=True,
                           env={"LANG": lang, "PATH": "/usr/bin:/bin", "HOME": "/tmp"})
        rows = [line for line in r.stdout.splitlines() if line.startswith("  ") and re.search(r"[\u4e00-\u9fff]", line)]
        assert len(rows) > 40, r.stdout
        starts, summaries = set(), set()
        for line in rows:
            fields = re.split(r" {2,}", line.strip())
            assert len(fields) >= 3, line
            chinese_at = line.index(fields[1], 2 + len(fields[0]))
            summary_at = line.index(fields[2], chinese_at + len(fields[1]))
            starts.add(width(line[:chinese_at]))
            summaries.add(width(line[:summary_at]))
        assert len(starts) == 1, starts
        assert len(summaries) == 1, summaries
