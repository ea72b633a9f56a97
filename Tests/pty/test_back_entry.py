"""The simulated clock on a real store: a change dated in the future is refused (the clock may
still look ahead for queries), a change dated in the past is a back-entry (补录), said once and
shown with the date it was entered; sandboxes, memory and demos keep the free clock."""
import datetime
import subprocess

import pexpect

from conftest import argv, binary, sqlite_only

TODAY = datetime.date.today().isoformat()
TOMORROW = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()


def xuncha(home, *args, lang="C.UTF-8", stdin=None):
    env = {"HOME": str(home), "LANG": lang, "PATH": "/usr/bin:/bin", "XUNCHA_USER": "测试员"}
    return subprocess.run(argv(*args, cwd=home), cwd=home, env=env, capture_output=True, text=True, input=stdin)


def audit_rows(home, store):
    return xuncha(home, "--store", str(store), "-c", "audit log").stdout.splitlines()


def test_a_change_dated_after_today_is_refused_on_a_real_store(home, store):
    before = audit_rows(home, store)
    r = xuncha(home, "--store", str(store), "-c", "clock +1d", "-c", 'issue progress R5-001 "明天的进展"')
    assert r.returncode == 1
    assert f"-c:1:1: error: the clock is set to {TOMORROW}, after today ({TODAY}): a real store takes no entries dated in the future" in r.stderr
    assert audit_rows(home, store) == before, "nothing was recorded"
    zh = xuncha(home, "--store", str(store), "-c", "clock +1d", "-c", 'issue progress R5-001 "明天的进展"', lang="zh_CN.UTF-8")
    assert f"模拟日期 {TOMORROW} 晚于今天（{TODAY}）：正式账本不接受未来日期的记录" in zh.stderr
    # Looking ahead for a query is still allowed.
    q = xuncha(home, "--store", str(store), "-c", "clock +30d", "-c", "warnings")
    assert q.returncode == 0, q.stderr


def test_a_past_date_is_a_back_entry_said_once_and_shown_with_its_entry_date(home, store):
    r = xuncha(home, "--store", str(store), "-c", "clock 2024-06-01", "-c", 'issue progress R5-001 "已约谈"',
               "-c", 'issue progress R5-001 "已谈话"')
    assert r.returncode == 0, r.stderr
    assert r.stderr.count("entering with date 2024-06-01 (back-entry)") == 1, r.stderr
    # A line written on its own date carries no such mark. (The set-up itself runs on a fixed
    # clock in 2024, so its lines are back-entries too.)
    today = xuncha(home, "--store", str(store), "-c", 'issue progress R5-001 "今天的进展"')
    assert today.returncode == 0 and "back-entry" not in today.stderr, today.stderr
    show = xuncha(home, "--store", str(store), "-c", "issue show R5-001").stdout
    back = [l for l in show.splitlines() if "已约谈" in l or "已谈话" in l]
    assert len(back) == 2 and all(f"2024-06-01 (back-entry, entered {TODAY})" in l for l in back), show
    own = [l for l in show.splitlines() if "今天的进展" in l]
    assert len(own) == 1 and TODAY in own[0] and "back-entry" not in own[0], show
    log = audit_rows(home, store)
    assert all(f"2024-06-01 (back-entry, entered {TODAY})" in l for l in log if "已约谈" in l or "已谈话" in l)
    assert [l for l in log if "今天的进展" in l and "back-entry" not in l], log
    zh = xuncha(home, "--store", str(store), "-c", "问题 查看 R5-001", lang="zh_CN.UTF-8").stdout
    assert f"2024-06-01（补录，录入于 {TODAY}）" in zh
    # The mark is part of the ledger: a replay of the journal gives the same tables.
    verify = xuncha(home, "--store", str(store), "-c", "audit verify")
    assert verify.returncode == 0, verify.stdout + verify.stderr


def test_a_file_dated_in_the_future_is_refused_whole(home, store):
    (home / "f.xc").write_text(f'issue progress R5-001 "今天"\nclock {TOMORROW}\nissue progress R5-001 "明天"\n')
    before = audit_rows(home, store)
    r = xuncha(home, "--store", str(store), "f.xc")
    assert r.returncode == 1
    assert "f.xc:3:1: error: the clock is set to" in r.stderr
    assert audit_rows(home, store) == before


@sqlite_only("a sandbox is a private copy of a store file")
def test_sandbox_memory_and_demos_keep_the_free_clock(home, store):
    for args in (["--sandbox", "--store", str(store)], ["--memory"]):
        setup = [] if "--sandbox" in args else ["-c", 'unit add FY "舞阳县人民法院"', "-c", "round open R5 x --kind special",
                                                 "-c", "round target R5 FY", "-c", "issue add R5 FY t --category conduct"]
        r = xuncha(home, *args, *setup, "-c", "clock +400d", "-c", 'issue progress R5-001 "将来"', "-c", "issue show R5-001")
        assert r.returncode == 0, (args, r.stderr)
        # Nothing is said, and the future line carries no mark (the copied set-up's own lines,
        # made on a real store with a fixed clock in 2024, are back-entries of that store).
        assert "back-entry" not in r.stderr
        assert [line for line in r.stdout.splitlines() if "将来" in line and "back-entry" not in line], r.stdout
    demo = xuncha(home, "play", "luohe")
    assert demo.returncode == 0, demo.stderr


def test_the_shell_says_the_back_entry_once_at_the_prompt(spawn, store):
    c = spawn("--store", str(store))
    c.expect(r"> ")
    c.sendline("clock 2024-06-01")
    c.expect(r"> ")
    c.sendline('issue progress R5-001 "补录一"')
    c.expect("entering with date 2024-06-01 \\(back-entry\\)")
    c.expect(r"> ")
    c.sendline('issue progress R5-001 "补录二"')
    c.expect(r"> ")
    assert "back-entry" not in c.before
    c.sendline(f"clock {TOMORROW}")
    c.expect(r"> ")
    c.sendline('issue progress R5-001 "未来"')
    c.expect("a real store takes no entries dated in the future")
    c.send("\x04")
    c.expect(pexpect.EOF)


@sqlite_only("the store of the previous build is made by editing the file")
def test_a_store_made_before_back_entries_gains_their_columns_when_opened(home, store):
    import sqlite3
    # A store of the previous build: tables without the `entered` columns, migration 4 not recorded.
    db = sqlite3.connect(store)
    db.execute("ALTER TABLE journal DROP COLUMN entered")
    db.execute("ALTER TABLE issue_history DROP COLUMN entered")
    db.execute("DELETE FROM grdb_migrations WHERE identifier LIKE '4 %'")
    db.commit()
    db.close()
    r = xuncha(home, "--store", str(store), "-c", "clock 2024-06-01", "-c", 'issue progress R5-001 "补录"')
    assert r.returncode == 0, r.stderr
    assert f"2024-06-01 (back-entry, entered {TODAY})" in xuncha(home, "--store", str(store), "-c", "issue show R5-001").stdout
    verify = xuncha(home, "--store", str(store), "-c", "audit verify")
    assert verify.returncode == 0, verify.stdout + verify.stderr


def test_expect_fail_asks_the_rules_not_the_date(home, store):
    # A future clock refuses the entry, but `expect fail` is about the rule: R5-002 may be verified.
    r = xuncha(home, "--store", str(store), "-c", "clock +1d", "-c", "expect fail issue verify R5-002 --pass --by 孙七 --method documents")
    assert r.returncode == 1, r.stdout + r.stderr
    ok = xuncha(home, "--store", str(store), "-c", "clock +1d", "-c", "expect fail issue verify R5-002 --pass --by 王五 --method documents")
    assert ok.returncode == 0, ok.stdout + ok.stderr
