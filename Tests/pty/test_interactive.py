"""Issue acceptance for the interactive shell: editing, completion, history, signals, language."""
import os
import re
import stat

import pexpect

from conftest import sqlite_only

PROMPT = r"xuncha\([^)]*\) (?:\S+ \(for |\S+（代 )?测试员[^>]*> "


def wait_prompt(c):
    c.expect(PROMPT)


def test_chinese_editing_in_the_middle(spawn):
    c = spawn("--memory")
    wait_prompt(c)
    # Type a command whose title is edited in the middle with Left arrows.
    c.send('unit add FY 舞阳法院\x1b[D\x1b[D县人民\r')
    c.expect("已登记单位|unit FY added: (.*)\r\n")
    assert c.match.group(1) == "舞阳县人民法院"
    wait_prompt(c)
    c.send("\x04")
    c.expect(pexpect.EOF)


def test_tab_completes_words_aliases_and_live_ids(spawn, store):
    c = spawn("--store", str(store))
    wait_prompt(c)
    # One match: the word is completed (the screen may only show the inserted suffix,
    # so the proof is the command that runs).
    c.send("iss\t")
    c.send("sh\t")
    c.send("R5-003\r")
    c.expect("公务接待不规范")
    wait_prompt(c)
    # The Chinese alias completes too: 问 -> 问题, 查 -> 查看.
    c.send("问\t查\tR5-001\r")
    c.expect("执行工作韧劲不足")
    wait_prompt(c)
    # Several matches: only reported issues are offered to verify; R5-001 is rectifying.
    c.send("issue verify R\t")
    c.expect("5-00")
    c.send("\t")  # nothing more to insert: the second Tab lists the candidates
    c.expect(r"R5-002\s+R5-003\s*\r\n")
    assert "R5-001" not in c.after
    c.send("\x15\r")
    wait_prompt(c)
    c.sendline("quit")
    c.expect(pexpect.EOF)


@sqlite_only("the history is kept in a file beside the store file")
def test_history_is_recalled_in_a_later_session(spawn, store, home):
    c = spawn("--store", str(store))
    wait_prompt(c)
    c.sendline("issue show R5-003")
    c.expect("公务接待不规范")
    wait_prompt(c)
    c.sendline("ledger --status reported")
    wait_prompt(c)
    c.send("\x04")
    c.expect(pexpect.EOF)
    history = str(store) + ".history"
    assert stat.S_IMODE(os.stat(history).st_mode) == 0o600

    c = spawn("--store", str(store))
    wait_prompt(c)
    c.send("\x1b[A")          # Up: the newest line of the previous session
    c.expect("ledger --status reported")
    c.send("\x15")
    c.send("\x12R5-003")      # ^R search for an older line
    c.expect("issue show R5-003")
    c.send("\r")
    c.expect("公务接待不规范")
    wait_prompt(c)
    c.send("\x04")
    c.expect(pexpect.EOF)


def test_ctrl_c_cancels_the_line_and_ctrl_d_exits_zero(spawn):
    c = spawn("--memory")
    wait_prompt(c)
    c.send("issue add R5 半截")
    c.send("\x03")
    wait_prompt(c)
    c.sendline("clock 2024-05-10")
    c.expect(r"clock: 2024-05-10 \(simulated\)")
    wait_prompt(c)
    c.send("\x04")
    c.expect(pexpect.EOF)
    c.close()
    assert c.exitstatus == 0


def test_continuation_line(spawn):
    c = spawn("--memory")
    wait_prompt(c)
    c.send("unit add FY \\\r")
    c.expect(r"…> ")
    c.send('"舞阳县人民法院" --secretary 李四\r')
    c.expect("unit FY added: 舞阳县人民法院")
    wait_prompt(c)
    c.send("\x04")
    c.expect(pexpect.EOF)


def test_errors_follow_the_locale(spawn):
    c = spawn("--memory", lang="zh_CN.UTF-8")
    wait_prompt(c)
    c.sendline("问题 查看 R5-404")
    c.expect("没有轮次 R5")                         # the id names a round that does not exist
    wait_prompt(c)
    c.send("\x04")
    c.expect(pexpect.EOF)

    c = spawn("--memory", lang="C.UTF-8")
    wait_prompt(c)
    c.sendline("issue show R5-404")
    c.expect("no round R5")
    c.send("\x04")
    c.expect(pexpect.EOF)


def test_error_caret_points_at_the_column(spawn):
    c = spawn("--memory")
    wait_prompt(c)
    c.sendline("clock 2024-02-30")
    c.expect(r"\r\n( *)\^")
    caret = len(c.match.group(1))
    c.expect("there is no such day")
    prompt_width = len("xuncha(memory) ") + 6 + len("> ")  # 测试员 is 6 columns wide
    assert caret == prompt_width + len("clock "), caret
    c.send("\x04")
    c.expect(pexpect.EOF)
