"""Training at a terminal: play --step, the sandbox that never touches the real store, the tutorial."""
import os
import signal
import subprocess
import time

import pexpect
import pytest

from conftest import REPO, binary, sqlite_only

pytestmark = sqlite_only("play and the sandbox are SQLite copies, never a shared ledger")

DEMO = str(REPO / "scripts/demo/zhengzhou.xc")
ANY_PROMPT = r"xuncha\([^)]*\) \S+[^>]*> "


@pytest.fixture
def tmpdir_env(home):
    """A private TMPDIR, so that the test can see the sandbox directory come and go."""
    d = home / "tmp"
    d.mkdir()
    return d


def sandboxes(tmp):
    return [n for n in os.listdir(tmp) if n.startswith("xuncha-sandbox-")]


def run(home, *args):
    return subprocess.run([binary(), *args], capture_output=True, text=True, cwd=str(home),
                          env={"HOME": str(home), "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"})


def test_play_step_runs_on_enter_and_q_quits_with_nothing_after(spawn, home):
    db = home / "demo.db"
    c = spawn("play", DEMO, "--step", "--store", str(db))
    c.expect(r"\[step\] Enter: run")
    c.expect("» 郑州：某局党组")                       # narration comes first
    c.expect("xuncha> clock 2024-03-01")             # the command is shown, not yet run
    c.send("\r")
    c.expect(r"clock: 2024-03-01 \(simulated\)")
    c.expect("xuncha> user 巡察办")
    c.send("\r")
    c.expect("user: 巡察办")
    c.expect("xuncha> unit add SJ")
    c.send("\r")
    c.expect("unit SJ added: 郑州市某局")
    c.expect("xuncha> round open R5")
    c.send("q")
    c.expect(r"stopped before line 6 of .*zhengzhou\.xc; nothing after it ran")
    c.expect(pexpect.EOF)
    assert "round R5 opened" not in c.before
    c.close()
    assert c.exitstatus == 0
    # The ledger holds what ran before the quit point and nothing after it.
    assert run(home, "--store", str(db), "-c", "unit show SJ").returncode == 0
    assert "no round R5" in run(home, "--store", str(db), "-c", "round show R5").stderr


def test_ctrl_c_or_ctrl_d_at_a_step_quit_cleanly_and_remove_the_sandbox(spawn, tmpdir_env):
    for key in ("\x03", "\x04"):
        c = spawn("play", DEMO, "--step", env_extra={"TMPDIR": str(tmpdir_env)})
        c.expect("xuncha> clock 2024-03-01")
        assert len(sandboxes(tmpdir_env)) == 1
        c.send("\r")
        c.expect("clock: 2024-03-01")
        c.expect("xuncha> user")
        c.send(key)
        c.expect("stopped before line 4")
        c.expect(pexpect.EOF)
        c.close()
        assert c.exitstatus == 0, repr(key)
        assert sandboxes(tmpdir_env) == []


def test_ctrl_c_interrupts_a_paced_play_and_the_sandbox_goes(spawn, tmpdir_env):
    c = spawn("play", DEMO, "--delay", "2", env_extra={"TMPDIR": str(tmpdir_env)})
    c.expect("clock: 2024-03-01")
    c.sendintr()
    c.expect(r"interrupted after line 3")
    c.expect(pexpect.EOF)
    assert "user: 巡察办" not in c.before
    c.close()
    assert c.exitstatus == 130
    assert sandboxes(tmpdir_env) == []


def test_play_inside_the_shell_on_a_real_store_uses_a_throwaway_ledger(spawn, store):
    c = spawn("--store", str(store))
    c.expect(ANY_PROMPT)
    c.sendline(f"play {DEMO} --step")
    c.expect("not touched")
    c.expect("xuncha> clock 2024-03-01")
    c.send("\r")
    c.expect("clock: 2024-03-01")
    c.expect("xuncha> user")
    c.send("\r")
    c.expect("xuncha> unit add SJ")
    c.send("\r")
    c.expect("unit SJ added")
    c.send("q")
    c.expect("stopped before line 6")
    c.expect(ANY_PROMPT)
    c.sendline("unit show SJ")                       # the demo's unit is not in this ledger
    c.expect("no unit SJ")
    c.expect(ANY_PROMPT)
    c.send("\x04")
    c.expect(pexpect.EOF)
    c.close()
    assert c.exitstatus == 0
    assert "no unit SJ" in run(store.parent, "--store", str(store), "-c", "unit show SJ").stderr


def files_beside(path):
    return {p.name: p.read_bytes() for p in path.parent.iterdir() if p.name.startswith(path.name)}


def test_sandbox_session_leaves_the_store_byte_identical(spawn, store, tmpdir_env):
    before = files_beside(store)
    assert set(before) == {"s.db"}, before                # no -wal/-shm to begin with
    c = spawn("--sandbox", "--store", str(store), env_extra={"TMPDIR": str(tmpdir_env)})
    c.expect("SANDBOX: a throw-away ledger")
    c.expect(r"SANDBOX xuncha\(s\.db copy\) 测试员> ")
    assert len(sandboxes(tmpdir_env)) == 1
    c.sendline("issue verify R5-002 --pass --by 孙七 --method documents")
    c.expect("closed")
    c.expect(ANY_PROMPT)
    c.sendline('issue add R5 FY "演练时登记的问题" --category conduct')
    c.expect("R5-004")
    c.expect(ANY_PROMPT)
    c.sendline("clock +200d")
    c.expect(ANY_PROMPT)
    c.sendline("issue show R5-004")
    c.expect("演练时登记的问题")
    c.expect(ANY_PROMPT)
    c.send("\x04")
    c.expect(pexpect.EOF)
    c.close()
    assert c.exitstatus == 0
    assert files_beside(store) == before                  # same bytes, and no -wal/-shm appeared
    assert sandboxes(tmpdir_env) == []
    assert run(store.parent, "--store", str(store), "-c", "expect count = 3").returncode == 0


def test_sandbox_copies_an_unmerged_wal_and_leaves_all_three_files_alone(spawn, store, tmpdir_env):
    # A session killed outright leaves its changes in the -wal beside the store.
    c = spawn("--store", str(store))
    c.expect(ANY_PROMPT)
    c.sendline('unit add JX "留在日志里的单位"')
    c.expect("unit JX added")
    c.expect(ANY_PROMPT)
    c.kill(signal.SIGKILL)
    c.close()
    before = files_beside(store)
    assert "s.db-wal" in before, sorted(before)
    stats = {n: os.stat(store.parent / n).st_mtime_ns for n in before}
    time.sleep(0.01)

    c = spawn("--sandbox", "--store", str(store), env_extra={"TMPDIR": str(tmpdir_env)})
    c.expect(ANY_PROMPT)
    c.sendline("unit show JX")                            # the copy includes the -wal's changes
    c.expect("留在日志里的单位")
    c.expect(ANY_PROMPT)
    c.sendline('unit add KX "只在演练中"')
    c.expect("unit KX added")
    c.expect(ANY_PROMPT)
    c.send("\x04")
    c.expect(pexpect.EOF)
    c.close()
    assert files_beside(store) == before
    assert {n: os.stat(store.parent / n).st_mtime_ns for n in before} == stats
    assert sandboxes(tmpdir_env) == []


def test_sandbox_is_removed_when_the_terminal_hangs_up(spawn, store, tmpdir_env):
    c = spawn("--sandbox", "--store", str(store), env_extra={"TMPDIR": str(tmpdir_env)})
    c.expect(ANY_PROMPT)
    c.sendline('unit add KX "只在演练中"')
    c.expect(ANY_PROMPT)
    assert len(sandboxes(tmpdir_env)) == 1
    c.kill(signal.SIGHUP)
    c.expect(pexpect.EOF)
    c.close()
    assert c.signalstatus == signal.SIGHUP
    assert sandboxes(tmpdir_env) == []


def test_tutorial_guides_step_by_step_in_a_sandbox(spawn, tmpdir_env):
    c = spawn("--tutorial", lang="zh_CN.UTF-8", env_extra={"TMPDIR": str(tmpdir_env)})
    c.expect("五分钟上手")
    c.expect(r"第 1/\d+ 步：时钟 2024-05-01")
    c.expect(r"SANDBOX xuncha\(空账本\) 测试员> ")
    c.sendline("clock 2024-05-01")                        # English words work as well
    c.expect(r"第 2/\d+ 步：单位 新增 FY")
    c.expect(ANY_PROMPT)
    c.sendline("台账")                                    # exploring does not advance the guide
    c.expect(ANY_PROMPT)
    c.sendline('单位 新增 FY "舞阳县人民法院" --secretary 李四')
    c.expect(r"第 3/\d+ 步：轮次 开启 R5")
    c.expect(ANY_PROMPT)
    c.send("\x04")
    c.expect(pexpect.EOF)
    c.close()
    assert c.exitstatus == 0
    assert sandboxes(tmpdir_env) == []
