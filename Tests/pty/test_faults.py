"""Under faults: read-only places, files that are not stores, a tampered journal, a full
disk. Each gives one clear message, writes nothing half, and never crashes the process."""
import os
import random
import resource
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from conftest import argv, binary, seed, sqlite_only, store_value

pytestmark = sqlite_only("read-only places, files that are not stores, a tampered file, a full disk")

SETUP = """clock 2024-05-10
unit add FY "舞阳县人民法院" --secretary 李四
round open R5 "第五轮专项巡察" --kind special --from 2024-03-01
round target R5 FY
round feedback R5 --on 2024-05-10 --due +90d
issue add R5 FY "执行工作韧劲不足" --category discipline
issue assign R5-001 --lead 王五 --owner 赵六 --dept 执行局
issue progress R5-001 "fixed the xerox backlog"
issue add R5 FY "违规发放津贴补贴" --category integrity
"""


def env(home, **extra):
    e = {"HOME": str(home), "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin", "XUNCHA_USER": "测试员"}
    e.update(extra)
    return e


def xuncha(home, *args, stdin=None, preexec=None, user=None, **extra):
    """Runs the binary; `user` runs it as another uid (needed to meet a permission as root)."""
    cmd = argv(*args, cwd=home)
    if user is not None:
        cmd = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups", *cmd]
    return subprocess.run(cmd, input=stdin, capture_output=True, env=env(home, **extra), cwd=home,
                          preexec_fn=preexec, timeout=120)


def make_store(home, name="s.db"):
    path = home / name
    r = xuncha(home, "--store", str(path), stdin=SETUP.encode())
    assert r.returncode == 0, r.stderr
    return path


def rows(path):
    return int(store_value(path, "SELECT count(*) FROM journal"))


def one_error(r):
    """The process told exactly one error on stderr and did not die of a signal."""
    assert r.returncode in (1, 2), f"status {r.returncode}: {r.stderr!r}"
    err = r.stderr.decode()
    assert sum(1 for line in err.splitlines() if "error" in line or line.startswith("xuncha: ")) == 1, err
    return err


# ---- read-only places

def unprivileged(home):
    """The uid to run as so that file permissions apply: ours, or nobody when we are root
    (root ignores permissions); None when that is impossible here."""
    if os.geteuid() != 0:
        return None, True
    if not shutil.which("setpriv"):
        return None, False
    for p in [home, *home.rglob("*")]:
        os.chown(p, 65534, 65534)
    return 65534, True


def test_a_store_in_a_read_only_directory_is_refused_clearly(home):
    store = make_store(home)
    ro = home / "ro"
    ro.mkdir()
    shutil.copy(store, ro / "s.db")
    uid, possible = unprivileged(home)
    if not possible:
        pytest.skip("running as root without setpriv")
    ro.chmod(0o555)
    try:
        # A query where there is no ledger makes none; a command that writes would, and is refused.
        query = xuncha(home, "--store", str(ro / "new.db"), "-c", "ledger", user=uid)
        assert query.returncode == 2 and one_error(query).startswith(f"xuncha: no ledger at {ro}/new.db")
        new = xuncha(home, "--store", str(ro / "new.db"), "-c", 'unit add FY "法院"', user=uid)
        assert new.returncode == 2
        assert one_error(new).strip() == f"xuncha: permission denied: {ro}"
        assert sorted(p.name for p in ro.iterdir()) == ["s.db"], "nothing created, not even a temporary file"
        # WAL needs to create files beside the store: the directory is named, not SQLite's text.
        old = xuncha(home, "--store", str(ro / "s.db"), "-c", "ledger", user=uid)
        assert old.returncode == 2
        assert one_error(old).strip() == f"xuncha: {ro} is read-only: the store cannot be written"
        zh = xuncha(home, "--store", str(ro / "new.db"), "-c", 'unit add FY "法院"', user=uid, LANG="zh_CN.UTF-8")
        assert zh.stderr.decode().strip() == f"xuncha: 没有权限访问 {ro}"
    finally:
        ro.chmod(0o755)


def test_a_read_only_store_file_answers_queries_and_refuses_changes(home):
    store = make_store(home)
    uid, possible = unprivileged(home)
    if not possible:
        pytest.skip("running as root without setpriv")
    store.chmod(0o444)
    before = rows(store)
    q = xuncha(home, "--store", str(store), "-c", "expect count = 2", user=uid)
    assert q.returncode == 0, q.stderr
    w = xuncha(home, "--store", str(store), "-c", "issue add R5 FY 新问题 --category conduct", user=uid)
    assert w.returncode == 1
    assert f"{store} is read-only: the store cannot be written" in one_error(w)
    assert rows(store) == before


# ---- files that are not stores

@pytest.mark.parametrize("content", [b"issue add R5 FY x\n", b"", b"SQLite format 3\x00" + b"\x00" * 100,
                                     pytest.param(random.Random(seed()).randbytes(4096), id=f"random-seed-{seed()}")])
def test_a_file_that_is_not_a_store_is_refused_and_left_alone(home, content):
    path = home / "notes.db"
    path.write_bytes(content)
    r = xuncha(home, "--store", str(path), "-c", "issue add R5 FY x --category conduct")
    assert r.returncode == 2
    assert f"{path} is not a xuncha store" in one_error(r)
    assert path.read_bytes() == content
    assert sorted(p.name for p in home.iterdir()) == ["notes.db"], "no -wal or -shm left beside it"


# ---- a tampered journal

def tamper(store, sql):
    """Changes the journal as someone with the file and sqlite3 could: the append-only triggers
    stop a plain UPDATE, so the tamperer drops them first."""
    subprocess.run(["sqlite3", str(store), "DROP TRIGGER journal_no_update; DROP TRIGGER journal_no_delete; " + sql],
                   check=True)


def test_the_journal_refuses_changes_from_the_sqlite3_shell(home):
    store = make_store(home)
    for sql in ("update journal set actor = 1", "delete from journal where seq = 3"):
        r = subprocess.run(["sqlite3", str(store), sql], capture_output=True)
        assert r.returncode != 0 and b"append-only" in r.stderr, (sql, r)
    v = xuncha(home, "--store", str(store), "-c", "audit verify")
    assert v.returncode == 0, v.stderr


def test_one_changed_byte_is_named_by_audit_verify(home):
    store = make_store(home)
    # Row 7 is the progress note: `replace` also hits the "x" of its JSON key "text", so the row
    # no longer decodes. The ledger's tables are untouched, so the store still opens.
    tamper(store, "UPDATE journal SET body = replace(body, 'x', 'y') WHERE seq = 7")
    r = xuncha(home, "--store", str(store), "-c", "audit verify")
    assert r.returncode == 1
    assert one_error(r).startswith("-c:1:1: error: the journal's hash chain is broken at seq 7 (hash)")
    zh = xuncha(home, "--store", str(store), "-c", "audit verify", LANG="zh_CN.UTF-8")
    assert "哈希链在第 7 条处断裂" in zh.stderr.decode()


def test_a_changed_text_is_named_by_audit_verify_and_commands_go_on(home):
    store = make_store(home)
    # Only the note's text changes ("fixed the xerox" → "fiyed the yeroy"): the row still reads.
    tamper(store, "UPDATE journal SET body = replace(body, 'xerox', 'yeroy') WHERE seq = 7")
    v = xuncha(home, "--store", str(store), "-c", "audit verify")
    assert v.returncode == 1
    assert one_error(v).startswith("-c:1:1: error: the journal's hash chain is broken at seq 7 (hash)")
    # The store stays usable, and nothing can launder the change, because new rows chain onto
    # the stored hashes: audit verify keeps naming seq 7 after more work.
    w = xuncha(home, "--store", str(store), "-c", "issue progress R5-001 继续整改", "-c", "audit verify")
    assert w.returncode == 1 and b"R5-001" not in w.stderr
    assert "broken at seq 7" in w.stderr.decode()
    assert rows(store) == 9


def test_a_changed_table_row_is_named_by_audit_verify_and_put_back_by_audit_rebuild(home):
    store = make_store(home)
    before = xuncha(home, "--store", str(store), "-c", "ledger --format csv").stdout
    subprocess.run(["sqlite3", str(store), "UPDATE issues SET status = 'closed' WHERE id = 'R5-001'"], check=True)
    v = xuncha(home, "--store", str(store), "-c", "audit verify")
    assert v.returncode == 1
    assert "the ledger tables do not match the journal: issue R5-001 differs from the journal" in one_error(v)
    r = xuncha(home, "--store", str(store), "-c", "audit rebuild", "-c", "audit verify")
    assert r.returncode == 0, r.stderr
    assert xuncha(home, "--store", str(store), "-c", "ledger --format csv").stdout == before


# ---- a full disk, simulated with the file-size limit

def limited(nbytes):
    return lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (nbytes, nbytes))


def test_a_file_size_limit_is_reported_and_nothing_of_the_file_is_kept(home):
    store = make_store(home)
    before = rows(store)
    big = "".join(f'issue add R5 FY "问题 {i}:一个足够长的标题,让日志超过上限" --category conduct\n' for i in range(3000))
    limit = os.path.getsize(store) + 64 * 1024
    r = xuncha(home, "--store", str(store), stdin=big.encode(), preexec=limited(limit))
    # SIGXFSZ used to kill the process here (status -25): it is ignored now and the write fails.
    assert r.returncode == 1, r
    assert f"{store} cannot grow past the file size limit (ulimit -f) of {limit} bytes" in one_error(r)
    zh = xuncha(home, "--store", str(store), stdin=big.encode(), preexec=limited(limit), LANG="zh_CN.UTF-8")
    assert "无法超过文件大小上限" in zh.stderr.decode() and "cannot grow" not in zh.stderr.decode()
    v = xuncha(home, "--store", str(store), "-c", "audit verify", "-c", "expect count = 2")
    assert v.returncode == 0, v.stderr
    assert rows(store) == before, "nothing of the failed file"
    # Too tight even to open (SQLite's shared-memory file is 32 KB): a clear refusal, no crash.
    tight = xuncha(home, "--store", str(store), "-c", "ledger", preexec=limited(4096))
    assert tight.returncode == 2 and "file size limit" in one_error(tight)


def test_an_export_past_the_file_size_limit_leaves_no_file(home):
    store = make_store(home)
    more = "".join(f'issue add R5 FY "问题 {i}:一个足够长的标题,让导出超过上限" --category conduct\n' for i in range(600))
    assert xuncha(home, "--store", str(store), stdin=more.encode()).returncode == 0
    # Room for SQLite's 32 KB shared-memory file, not for a 600-problem export.
    r = xuncha(home, "--store", str(store), "-c", "export script out.xc", preexec=limited(33 * 1024))
    assert r.returncode == 1, r
    assert "-c:1:15: error: cannot write out.xc: File too large" in one_error(r)
    assert not [p for p in home.iterdir() if p.name.startswith("out.xc")], "neither it nor its temporary file"


# ---- a long file: one commit of its journal rows and its tables; a late error keeps neither

def head_issues_and_tail(path):
    db = sqlite3.connect(str(path))
    try:
        return (db.execute("SELECT max(seq) FROM head").fetchone()[0],
                db.execute("SELECT count(*) FROM issues").fetchone()[0],
                db.execute("SELECT max(seq) FROM journal").fetchone()[0])
    finally:
        db.close()


def test_a_long_file_is_one_commit_with_its_tables_and_a_late_error_keeps_nothing(home):
    store = make_store(home)
    before = rows(store)
    _, issues_before, _ = head_issues_and_tail(store)
    lines = [f'issue add R5 FY "长文件问题 {i}" --category conduct' for i in range(6000)]
    bad = "\n".join(lines + ["issue assign R5-9999 --lead 甲 --owner 乙 --dept 丙 --due +30d"]) + "\n"
    r = xuncha(home, "--store", str(store), stdin=bad.encode())
    assert r.returncode == 1 and "<stdin>:6001:" in one_error(r)
    assert rows(store) == before and head_issues_and_tail(store) == (before, issues_before, before), "neither rows nor tables"
    good = "\n".join(lines) + "\n"
    r = xuncha(home, "--store", str(store), stdin=good.encode())
    assert r.returncode == 0, r.stderr
    assert head_issues_and_tail(store) == (before + 6000, issues_before + 6000, before + 6000), "tables and journal in step"
    v = xuncha(home, "--store", str(store), "-c", "audit verify", "-c", f"expect count = {2 + 6000}")
    assert v.returncode == 0, v.stderr
