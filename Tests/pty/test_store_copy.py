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
