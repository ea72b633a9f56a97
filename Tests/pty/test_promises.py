"""Promises of the command line that users and their scripts rely on, checked with the real
binary: --check and --keep-going, --memory and $XUNCHA_STORE, the sandbox under SIGTERM, play
into a sandbox, help and completion at a terminal, exports chosen by extension, the CSV guard,
audit log filters and clock now."""
import csv
import datetime
import io
import json
import os
import signal
import sqlite3

import pexpect

from conftest import binary, sqlite_only

pytestmark = sqlite_only("the store's bytes under --check, the default store file, sandboxes and play's copies")
from test_faults import make_store, rows, xuncha

PROMPT = r"xuncha\([^)]*\) \S+[^>]*> "


def tree(*roots):
    """Every file and directory under the roots, with its bytes: what 'wrote nothing' compares."""
    seen = {}
    for root in roots:
        for dirpath, dirnames, filenames in os.walk(root):
            seen[dirpath] = None
            for name in filenames:
                path = os.path.join(dirpath, name)
                with open(path, "rb") as f:
                    seen[path] = f.read()
    return seen


def beside(store):
    """The store and its -wal/-shm/-journal, by name, with their bytes."""
    return {p.name: p.read_bytes() for p in store.parent.iterdir() if p.name.startswith(store.name)}


def statuses(store):
    db = sqlite3.connect(str(store))
    try:
        return dict(db.execute("SELECT id, status FROM issues"))
    finally:
        db.close()


# ---- --check and --keep-going

GOOD_AND_BAD = """issue progress R5-001 "第一步"
issue verify R5-001 --pass --by 孙七
issue progress R5-002 "第二步"
unit add FY "重复的单位"
issue assign R5-002 --lead 钱八 --owner 周九 --dept 办公室
"""


def test_check_says_which_lines_fail_and_leaves_the_store_byte_for_byte(home):
    store = make_store(home)
    (home / "bad.xc").write_text(GOOD_AND_BAD)
    (home / "good.xc").write_text('issue progress R5-001 "第一步"\nissue assign R5-002 --lead 钱八 --owner 周九 --dept 办公室\n')
    before = beside(store)
    bad = xuncha(home, "--store", str(store), "--check", "bad.xc")
    assert bad.returncode == 1, bad.stderr.decode()
    err = bad.stderr.decode()
    assert "bad.xc:2:" in err and "bad.xc:4:" in err, err
    assert "bad.xc:1:" not in err and "bad.xc:3:" not in err and "bad.xc:5:" not in err, err
    assert beside(store) == before
    good = xuncha(home, "--store", str(store), "--check", "good.xc")
    assert good.returncode == 0, good.stderr.decode()
    assert beside(store) == before, "a file that would pass is not applied either"


def test_keep_going_applies_exactly_the_good_lines_and_fails_the_run(home):
    store = make_store(home)
    (home / "bad.xc").write_text(GOOD_AND_BAD)
    journal = rows(store)
    r = xuncha(home, "--store", str(store), "--keep-going", "bad.xc")
    assert r.returncode == 1, r.stderr.decode()
    err = r.stderr.decode()
    assert "bad.xc:2:" in err and "bad.xc:4:" in err, err
    assert rows(store) == journal + 3, "lines 1, 3 and 5, and nothing else"
    db = sqlite3.connect(str(store))
    try:
        types = [t for (t,) in db.execute("SELECT type FROM journal ORDER BY seq")][journal:]
        lead = db.execute("SELECT lead FROM issues WHERE id = 'R5-002'").fetchone()[0]
        progress = db.execute("SELECT count(*) FROM issue_progress WHERE issue IN ('R5-001', 'R5-002')").fetchone()[0]
    finally:
        db.close()
    assert [t.split(".")[0] for t in types] == ["progressNoted", "progressNoted", "issueAssigned"], types
    assert lead == "钱八"
    assert statuses(store)["R5-001"] == "rectifying", "the refused verify changed nothing"
    assert progress == 3  # the set-up's own line, and lines 1 and 3
    assert xuncha(home, "--store", str(store), "-c", "audit verify").returncode == 0


# ---- where things are written

def test_memory_writes_nothing_in_home_cwd_or_tmp(home, spawn):
    work = home / "work"
    work.mkdir()
    tmp = home / "tmp"
    tmp.mkdir()
    (work / "f.xc").write_text('unit add FY "舞阳县人民法院"\nledger units\n')
    before = tree(home)
    for args in (["--memory", "-c", 'unit add FY "舞阳县人民法院"', "-c", "ledger"], ["--memory", "work/f.xc"]):
        r = xuncha(home, *args, TMPDIR=str(tmp))
        assert r.returncode == 0, r.stderr.decode()
    c = spawn("--memory", env_extra={"TMPDIR": str(tmp)})
    c.expect(PROMPT)
    c.sendline('unit add FY "舞阳县人民法院"')
    c.expect("unit FY added")
    c.expect(PROMPT)
    c.sendline("clock 2024-06-01")
    c.expect(PROMPT)
    c.send("\x04")
    c.expect(pexpect.EOF)
    c.close()
    assert c.exitstatus == 0
    after = tree(home)
    assert sorted(set(after) - set(before)) == [], "nothing new in HOME, the working directory or TMPDIR"
    assert after == before


def test_xuncha_store_names_the_default_store(home):
    target = home / "office" / "ledger.db"
    target.parent.mkdir()
    r = xuncha(home, "-c", 'unit add FY "舞阳县人民法院"', XUNCHA_STORE=str(target))
    assert r.returncode == 0, r.stderr.decode()
    assert target.exists()
    assert not (home / ".local").exists(), "the usual place was not used"
    shown = xuncha(home, "-c", "unit show FY", XUNCHA_STORE=str(target))
    assert shown.returncode == 0 and "舞阳县人民法院" in shown.stdout.decode(), shown.stderr.decode()
    # --store still wins over the variable.
    other = home / "other.db"
    r = xuncha(home, "--store", str(other), "-c", 'unit add LH "漯河"', XUNCHA_STORE=str(target))
    assert r.returncode == 0
    assert "no unit LH" in xuncha(home, "-c", "unit show LH", XUNCHA_STORE=str(target)).stderr.decode()


# ---- sandboxes

def sandboxes(tmp):
    return [n for n in os.listdir(tmp) if n.startswith("xuncha-sandbox-")]


def test_the_sandbox_is_removed_on_sigterm(home, spawn):
    store = make_store(home)
    tmp = home / "tmp"
    tmp.mkdir()
    before = beside(store)
    c = spawn("--sandbox", "--store", str(store), env_extra={"TMPDIR": str(tmp)})
    c.expect(PROMPT)
    c.sendline('unit add KX "只在演练中"')
    c.expect(PROMPT)
    assert len(sandboxes(tmp)) == 1
    c.kill(signal.SIGTERM)
    c.expect(pexpect.EOF)
    c.close()
    assert c.signalstatus == signal.SIGTERM
    assert sandboxes(tmp) == []
    assert beside(store) == before


DEMO = """## 验收一个已报告的问题
user 巡察办
issue verify R5-002 --pass --by 孙七 --method documents
unit add KX "只在演练中"
expect status R5-002 closed
"""


def test_play_sandbox_store_plays_into_a_copy(home):
    store = make_store(home)
    make_store_reported = xuncha(home, "--store", str(store), "-c", "issue report R5-001 已整改 --evidence a.pdf --signed-by 李四")
    assert make_store_reported.returncode == 0, make_store_reported.stderr.decode()
    (home / "d.xc").write_text(DEMO.replace("R5-002", "R5-001"))
    tmp = home / "tmp"
    tmp.mkdir()
    before = beside(store)
    r = xuncha(home, "play", "d.xc", "--sandbox", "--store", str(store), TMPDIR=str(tmp))
    assert r.returncode == 0, r.stderr.decode()
    assert "xuncha> expect status R5-001 closed\n✓ holds" in r.stdout.decode(), r.stdout.decode()
    assert beside(store) == before, "F itself is never changed"
    assert sandboxes(tmp) == []
    assert statuses(store)["R5-001"] == "reported"


SETUP_TEXT = """unit add FY "舞阳县人民法院" --secretary 李四
round open R5 "第五轮专项巡察" --kind special --from 2024-03-01
round target R5 FY
round feedback R5 --on 2024-05-10 --due +90d
issue add R5 FY "执行工作韧劲不足" --category discipline
issue assign R5-001 --lead 王五 --owner 赵六 --dept 执行局
"""

INSIDE = """## 报告并验收
issue report R5-001 已整改 --evidence a.pdf --signed-by 李四
issue verify R5-001 --pass --by 孙七 --method documents
unit add KX "只在演练中"
expect status R5-001 closed
"""


def play_inside(spawn, home, *args):
    """play typed at the prompt of a session that is not a real store plays into that session."""
    (home / "setup.xc").write_text(SETUP_TEXT)
    (home / "d.xc").write_text(INSIDE)
    tmp = home / "tmp"
    tmp.mkdir()
    c = spawn(*args, env_extra={"TMPDIR": str(tmp)})
    c.expect(PROMPT)
    c.sendline("run setup.xc")
    c.expect(PROMPT)
    c.sendline("play d.xc")
    c.expect("expect status R5-001 closed\r\n✓ holds")
    c.expect(PROMPT)
    c.sendline("unit show KX")
    c.expect("只在演练中")
    c.expect(PROMPT)
    c.sendline("expect status R5-001 closed")
    c.expect(PROMPT)
    assert "error" not in c.before, c.before
    c.send("\x04")
    c.expect(pexpect.EOF)
    c.close()
    assert c.exitstatus == 0
    assert sandboxes(tmp) == []


def test_play_typed_in_a_memory_session_plays_into_it(home, spawn):
    play_inside(spawn, home, "--memory")


def test_play_typed_in_a_sandbox_plays_into_it(home, spawn):
    play_inside(spawn, home, "--sandbox")
