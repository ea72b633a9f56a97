"""`xuncha store copy SRC DST`: a ledger moved from a SQLite file into PostgreSQL and back keeps
its journal row for row (seq, dates, actors, hashes, when recorded and entered), its tables and
every answer; a DST that already holds a ledger is refused and left as it was."""
import sqlite3

import pytest

from conftest import REPO, on_postgres
from test_pg_store import prefix, xuncha

# These tests make their own ledgers on the cluster: the PostgreSQL pass has nothing to add.
pytestmark = pytest.mark.skipif(on_postgres(), reason="on PostgreSQL in either pass")

COLUMNS = "seq, at, actor, type, body, prev_hash, hash, recorded, entered, on_behalf"


def answers(store, home):
    """What a user reads of a ledger: the ledger, the stats, the digest, the audit log."""
    r = xuncha("--store", store, "--clock", "2024-09-01", "-c", "ledger --format csv", "-c", "stats --by unit",
               "-c", "ledger units --format csv", "-c", "audit digest", "-c", "audit log", "-c", "audit verify", home=home)
    assert r.returncode == 0, r.stderr
    return r.stdout


def journal(path):
    db = sqlite3.connect(str(path))
    try:
        return db.execute(f"SELECT {COLUMNS} FROM journal ORDER BY seq").fetchall()
    finally:
        db.close()


@pytest.fixture
def original(home):
    """A SQLite ledger of the Zhengzhou demo, with commands by two people and a back-entry."""
    path = home / "s.db"
    r = xuncha("--store", str(path), str(REPO / "scripts/demo/zhengzhou.xc"), home=home)
    assert r.returncode == 0, r.stderr
    r = xuncha("--store", str(path), "-c", "unit add LH \"漯河市\"", home=home, env_extra={"XUNCHA_USER": "孙七"})
    assert r.returncode == 0, r.stderr
    r = xuncha("--store", str(path), "-c", "clock 2024-01-02", "-c", "unit add XC \"许昌市\"", home=home)
    assert r.returncode == 0, r.stderr
    return path


def test_sqlite_to_postgres_to_sqlite_gives_the_same_ledger(pg_cluster, home, original):
    db = pg_cluster.new_database()
    url = pg_cluster.url(db)
    assert xuncha("store", "init", url, "--prefix", prefix(), home=home).returncode == 0
    there = xuncha("store", "copy", str(original), url, home=home)
    assert there.returncode == 0, there.stderr
    rows = len(journal(original))
    assert f"copied {rows} journal rows" in there.stdout, there.stdout
    back = home / "back.db"
    again = xuncha("store", "copy", url, str(back), home=home)
    assert again.returncode == 0, again.stderr
    # Row for row: every column of the journal, the actors, dates and hashes included.
    assert journal(back) == journal(original)
    assert {row[9] for row in journal(back)} >= {"孙七"}, "who each row was entered for travels too"
    pg_rows = pg_cluster.psql(db, f"SELECT count(*), count(DISTINCT hash), max(seq) FROM journal").stdout.strip()
    assert pg_rows == f"{rows}|{rows}|{rows}"
    first = answers(str(original), home)
    assert answers(url, home) == first
    assert answers(str(back), home) == first


def test_a_store_that_holds_a_ledger_is_not_copied_into(pg_cluster, home, original):
    db = pg_cluster.new_database()
    url = pg_cluster.url(db)
    assert xuncha("store", "init", url, "--prefix", prefix(), home=home).returncode == 0
    assert xuncha("--store", url, "-c", 'unit add FY "舞阳县人民法院"', home=home).returncode == 0
    r = xuncha("store", "copy", str(original), url, home=home)
    assert r.returncode != 0
    assert f"{db}@" in r.stderr and "already holds 1 journal rows" in r.stderr and "nothing was changed" in r.stderr, r.stderr
    assert pg_cluster.psql(db, "SELECT count(*) FROM journal").stdout.strip() == "1"
    zh = xuncha("store", "copy", str(original), url, home=home, lang="zh_CN.UTF-8")
    assert zh.returncode != 0 and "已有 1 条日志记录" in zh.stderr, zh.stderr
    # A file that holds a ledger is refused too, and keeps its rows.
    before = journal(original)
    other = home / "other.db"
    assert xuncha("--store", str(other), "-c", 'unit add JM "郏县"', home=home).returncode == 0
    r = xuncha("store", "copy", str(other), str(original), home=home)
    assert r.returncode != 0 and "already holds" in r.stderr, r.stderr
    assert journal(original) == before


def test_a_copy_into_postgres_gives_the_ledgers_logins_their_group_roles(pg_cluster, home):
    import uuid
    tag = uuid.uuid4().hex[:6]
    clerk, liaison, absent = f"c{tag}", f"l{tag}", f"r{tag}"
    path = home / "roles.db"
    setup = ['unit add FY "舞阳县人民法院"', f"grant clerk --to {clerk}", f"grant unit FY --to {liaison}",
             f"grant reader --to {absent}"]
    r = xuncha("--store", str(path), *[a for line in setup for a in ("-c", line)], home=home)
    assert r.returncode == 0, r.stderr
    for login in (clerk, liaison):
        pg_cluster.psql("postgres", f"CREATE ROLE {login} LOGIN")
    db = pg_cluster.new_database()
    url = pg_cluster.url(db)
    p = prefix()
    assert xuncha("store", "init", url, "--prefix", p, home=home).returncode == 0

    def groups(login):
        return pg_cluster.psql(db, f"""SELECT string_agg(g.rolname, ',' ORDER BY g.rolname) FROM pg_auth_members m
            JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles l ON l.oid = m.member WHERE l.rolname = '{login}'""").stdout.strip()

    assert groups(clerk) == "" and groups(liaison) == ""
    try:
        r = xuncha("store", "copy", str(path), url, home=home)
        # The login the server lacks is named with what to run for it; the copy itself stands.
        assert r.returncode == 0, r.stderr
        assert f"copied {len(journal(path))} journal rows" in r.stdout, r.stdout
        assert groups(clerk) == f"{p}_xuncha_writer"
        assert groups(liaison) == f"{p}_xuncha_unit"
        assert f"given their group roles on the server: {clerk}, {liaison}" in r.stdout, r.stdout
        assert f"the server has no login role for {absent}" in r.stderr, r.stderr
        assert f'CREATE ROLE "{absent}" LOGIN; GRANT "{p}_xuncha_reader" TO "{absent}"' in r.stderr, r.stderr
        assert clerk not in r.stderr and liaison not in r.stderr and absent not in r.stdout, r.stderr
        assert pg_cluster.psql(db, "SELECT count(*) FROM journal").stdout.strip() == str(len(journal(path)))
        # In Chinese, with full-width punctuation.
        zh = home / "zh.db"
        assert xuncha("--store", str(zh), "-c", f"grant reader --to {absent}x", home=home).returncode == 0
        db2 = pg_cluster.new_database()
        assert xuncha("store", "init", pg_cluster.url(db2), "--prefix", p + "z", home=home).returncode == 0
        r = xuncha("store", "copy", str(zh), pg_cluster.url(db2), home=home, lang="zh_CN.UTF-8")
        assert r.returncode == 0, r.stderr
        assert f"服务器上没有登录角色 {absent}x（账本授予了其角色）；须由数据库管理员执行：" in r.stderr, r.stderr
    finally:
        # Login roles are cluster-wide: the next run makes its own.
        for login in (clerk, liaison):
            pg_cluster.psql("postgres", f"DROP ROLE IF EXISTS {login}", check=False)
