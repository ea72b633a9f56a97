"""The shell on a PostgreSQL ledger (`--store postgresql://…`): the demos run into it as command
files and every expectation holds, the chain verifies, the ledger's digest is the one a SQLite
store of the same file has; a file is all or nothing; a clerk's rows carry the clerk's login."""
import re
import subprocess
import uuid
from pathlib import Path

import pytest

from conftest import REPO, on_postgres
from test_pg_store import prefix, xuncha

# These tests make their own ledgers on the cluster: the PostgreSQL pass has nothing to add.
pytestmark = pytest.mark.skipif(on_postgres(), reason="on PostgreSQL in either pass")

DEMOS = sorted((REPO / "scripts/demo").glob("*.xc"))


@pytest.fixture
def pg_ledger(pg_cluster, home):
    """A URL of a fresh ledger made by store init, owned by the cluster's superuser."""
    db = pg_cluster.new_database()
    p = prefix()
    r = xuncha("store", "init", pg_cluster.url(db), "--prefix", p, home=home)
    assert r.returncode == 0, r.stderr
    return db, p, pg_cluster.url(db)


def digest(*store_args, home):
    r = xuncha(*store_args, "-c", "audit digest", home=home)
    assert r.returncode == 0, r.stderr
    found = re.search(r"[0-9a-f]{64}", r.stdout)
    assert found, r.stdout
    return found.group(0)


@pytest.mark.parametrize("demo", DEMOS, ids=[d.stem for d in DEMOS])
def test_every_demo_runs_into_postgres_as_into_sqlite(pg_cluster, home, demo):
    db = pg_cluster.new_database()
    url = pg_cluster.url(db)
    assert xuncha("store", "init", url, "--prefix", prefix(), home=home).returncode == 0
    r = xuncha("--store", url, str(demo), home=home)
    assert r.returncode == 0, r.stderr
    verify = xuncha("--store", url, "-c", "audit verify", home=home)
    assert verify.returncode == 0, verify.stdout + verify.stderr
    sqlite = xuncha("--store", str(home / "s.db"), str(demo), home=home)
    assert sqlite.returncode == 0, sqlite.stderr
    assert digest("--store", url, home=home) == digest("--store", str(home / "s.db"), home=home)
    # The journal is all there, one row per accepted command, in the ledger's own tables.
    rows = pg_cluster.psql(db, "SELECT count(*), max(seq) FROM journal").stdout.strip().split("|")
    assert rows[0] == rows[1] and int(rows[0]) > 20


def test_a_file_with_a_bad_line_leaves_nothing(pg_ledger, pg_cluster, home):
    db, _, url = pg_ledger
    good = xuncha("--store", url, "-c", 'unit add FY "舞阳县人民法院"', home=home)
    assert good.returncode == 0, good.stderr
    f = home / "bad.xc"
    f.write_text('unit add JM "郏县人民检察院"\nround open R5 "第五轮" --kind special\nissue add R5 NOPE "x" --category conduct\n')
    r = xuncha("--store", url, str(f), home=home)
    assert r.returncode != 0 and "bad.xc:3:" in r.stderr, r.stderr
    assert pg_cluster.psql(db, "SELECT count(*) FROM journal").stdout.strip() == "1"
    assert pg_cluster.psql(db, "SELECT string_agg(code, ',') FROM units").stdout.strip() == "FY"
    assert xuncha("--store", url, "-c", "expect count = 0", home=home).returncode == 0


def test_a_clerk_login_is_the_actor_and_the_chain_holds(pg_ledger, pg_cluster, home):
    db, p, owner_url = pg_ledger
    login = "clerk_" + uuid.uuid4().hex[:8]
    pg_cluster.psql("postgres", f'CREATE ROLE {login} LOGIN IN ROLE "{p}_xuncha_writer"')
    url = pg_cluster.url(db, user=login)
    r = xuncha("--store", url, "-c", 'unit add FY "舞阳县人民法院"', home=home, env_extra={"XUNCHA_USER": "张三"})
    assert r.returncode == 0, r.stderr
    assert pg_cluster.psql(db, "SELECT actor FROM journal").stdout.strip() == login
    assert xuncha("--store", url, "-c", "audit verify", home=home).returncode == 0
    # A line naming another person records whom the login entered it for (代录); the actor
    # stays the login, and the chain holds.
    f = home / "as.xc"
    f.write_text('user 李四\nunit add JM "郏县人民检察院"\n')
    r = xuncha("--store", url, str(f), home=home)
    assert r.returncode == 0, r.stderr
    assert pg_cluster.psql(db, "SELECT actor, on_behalf FROM journal WHERE seq = 2").stdout.strip() == f"{login}|李四"
    assert xuncha("--store", url, "-c", "audit verify", home=home).returncode == 0
    # A reader reads and cannot write.
    reader = "leader_" + uuid.uuid4().hex[:8]
    pg_cluster.psql("postgres", f'CREATE ROLE {reader} LOGIN IN ROLE "{p}_xuncha_reader"')
    # The ledger's owner is its admin and grants the reader role inside the ledger.
    assert xuncha("--store", owner_url, "-c", f"grant reader --to {reader}", home=home).returncode == 0
    rurl = pg_cluster.url(db, user=reader)
    shown = xuncha("--store", rurl, "-c", "unit list", home=home)
    assert shown.returncode == 0 and "FY" in shown.stdout, shown.stderr
    refused = xuncha("--store", rurl, "-c", 'unit add JM "郏县人民检察院"', home=home)
    assert refused.returncode != 0 and "permission denied" in refused.stderr, refused.stderr


def test_a_database_without_the_schema_says_to_run_store_init(pg_cluster, home):
    db = pg_cluster.new_database()
    r = xuncha("--store", pg_cluster.url(db), "-c", "ledger", home=home)
    assert r.returncode == 2 and "xuncha store init" in r.stderr and r.stderr.count("\n") == 1, r.stderr


SETUP = """unit add FY "舞阳县人民法院" --secretary 李四
round open R5 "第五轮专项巡察" --kind special --from 2024-03-01
round target R5 FY
round feedback R5 --on 2024-05-10 --due +90d
"""


def test_four_writers_at_once_lose_nothing_and_share_one_numbering(pg_ledger, pg_cluster, home):
    import json
    from conftest import binary
    db, _, url = pg_ledger
    env = {"HOME": str(home), "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin", "XUNCHA_USER": "测试员"}
    subprocess.run([binary(), "--store", url], input=SETUP.encode(), env=env, cwd=home, check=True)
    # Each -c is its own server transaction: the four interleave command by command.
    procs = []
    for p in range(4):
        args = [binary(), "--store", url]
        for k in range(60):
            args += ["-c", f'issue add R5 FY "P{p} #{k}" --category conduct']
        procs.append(subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=home))
    told = []
    for p, proc in enumerate(procs):
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, f"process {p}: {err.decode(errors='replace')}"
        ids = re.findall(r"^(R5-\d+) registered: P%d #" % p, out.decode(), re.M)
        assert len(ids) == 60, f"process {p} confirmed {len(ids)} of 60"
        told += ids
    assert len(set(told)) == 240, "two processes were told the same id"
    final = subprocess.run([binary(), "--store", url, "-c", "audit verify", "-c", "ledger --format json"],
                           capture_output=True, env=env, cwd=home)
    assert final.returncode == 0, final.stderr
    text = final.stdout.decode()
    assert "journal verified: 244 event(s)" in text, text[:200]
    ids = [r["id"] for r in json.loads(text[text.index("{"):])["rows"]]
    assert sorted(int(i.split("-")[1]) for i in ids) == list(range(1, 241)), "dense from R5-001"
    assert pg_cluster.psql(db, "SELECT count(DISTINCT seq), max(seq) FROM journal").stdout.strip() == "244|244"


def test_the_shell_at_a_terminal_names_the_store_and_completes_its_ids(pg_ledger, spawn, home):
    import pexpect
    db, _, url = pg_ledger
    env = {"HOME": str(home), "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin", "XUNCHA_USER": "测试员"}
    subprocess.run([__import__("conftest").binary(), "--store", url], check=True, env=env, cwd=home,
                   input=(SETUP + 'issue add R5 FY "执行工作韧劲不足" --category discipline\n').encode())
    c = spawn("--store", url)
    # The prompt names the ledger as database@host, never the connection string.
    # On a real store the prompt shows the login and whom it enters for.
    c.expect(r"xuncha\(%s@[^)]*\) (?:\S+ \(for |\S+（代 )?测试员[^>]*> " % db)
    c.send("issue show R5-0\t")
    c.send("\r")
    c.expect("执行工作韧劲不足")
    c.sendline("quit")
    c.expect(pexpect.EOF)


def test_a_connection_cut_mid_file_leaves_nothing_of_it(pg_ledger, pg_cluster, home):
    import time
    from conftest import binary
    db, _, url = pg_ledger
    f = home / "long.xc"
    f.write_text(SETUP + "".join(f'issue add R5 FY "问题{k}" --category conduct\n' for k in range(20000)))
    env = {"HOME": str(home), "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin", "XUNCHA_USER": "测试员"}
    proc = subprocess.Popen([binary(), "--store", url, str(f)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=home)
    # Cut the session's connection from the server's side once the file is under way. Only the
    # file's write has a transaction id: it locks the head row (SELECT … FOR UPDATE) from its
    # first line to its COMMIT, while the opening's statements are plain reads, each its own
    # transaction without one. A cut there would be the opening's error (`xuncha: the
    # connection … was lost`, as any store that cannot be opened), which this test does not mean.
    deadline = time.time() + 30
    while True:
        assert time.time() < deadline and proc.poll() is None, "the file ended before it could be cut"
        cut = pg_cluster.psql(db, "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                                  "WHERE application_name = 'xuncha' AND datname = current_database() "
                                  "AND backend_xid IS NOT NULL").stdout.strip()
        if cut == "1":
            break
        time.sleep(0.05)
    out, err = proc.communicate(timeout=60)
    text = err.decode()
    assert proc.returncode == 1 and "was lost" in text and "nothing of the unfinished work was saved" in text, text
    # One error, and it is the file's: it names the file (and the line, unless the cut fell on the
    # COMMIT after the last one).
    assert "FATAL" not in text and text.count("error:") == 1, text
    assert re.search(r"^%s(:\d+:\d+)?: error: the connection to " % re.escape(str(f)), text, re.M), text
    assert pg_cluster.psql(db, "SELECT count(*) FROM journal").stdout.strip() == "0"
    # The next session works on the same ledger.
    again = subprocess.run([binary(), "--store", url, "-c", 'unit add FY "舞阳县人民法院"', "-c", "audit verify"],
                           capture_output=True, env=env, cwd=home)
    assert again.returncode == 0, again.stderr


def test_an_older_schema_is_migrated_by_its_owner_and_names_the_owner_to_others(pg_ledger, pg_cluster, home):
    db, p, url = pg_ledger
    assert xuncha("--store", url, "-c", 'unit add FY "舞阳县人民法院"', home=home).returncode == 0
    clerk = "clerk_" + uuid.uuid4().hex[:8]
    pg_cluster.psql("postgres", f'CREATE ROLE {clerk} LOGIN IN ROLE "{p}_xuncha_writer"')
    assert xuncha("--store", url, "-c", f"grant clerk --to {clerk}", home=home).returncode == 0
    # The ledger as the release before back-entry dates left it: migration 4 not applied.
    applied = int(pg_cluster.psql(db, "SELECT count(*) FROM xuncha_migrations").stdout.strip())
    pg_cluster.psql(db, "ALTER TABLE issue_history DROP COLUMN entered")
    pg_cluster.psql(db, "DELETE FROM xuncha_migrations WHERE identifier LIKE '4 %'")
    roles = "SELECT count(*) FROM pg_roles WHERE rolname LIKE '%xuncha_writer' OR rolname LIKE '%xuncha_reader'"
    roles_before = pg_cluster.psql("postgres", roles).stdout.strip()
    as_clerk = pg_cluster.url(db, user=clerk)
    r = xuncha("--store", as_clerk, "-c", 'unit add JM "郏县人民检察院"', home=home)
    assert r.returncode != 0 and "lacks migration 4 back-entry dates" in r.stderr and f"its owner postgres" in r.stderr, r.stderr
    zh = xuncha("--store", as_clerk, "-c", "unit list", home=home, lang="zh_CN.UTF-8")
    assert zh.returncode != 0 and "所有者 postgres" in zh.stderr, zh.stderr
    assert pg_cluster.psql(db, "SELECT count(*) FROM xuncha_migrations").stdout.strip() == str(applied - 1), "a clerk migrates nothing"
    # The owner's session brings it up to date, says so, and goes on.
    r = xuncha("--store", url, "-c", "unit list", "-c", "audit verify", home=home)
    assert r.returncode == 0, r.stderr
    assert "was brought up to date (migrations 4 back-entry dates)" in r.stderr and "FY" in r.stdout, r.stderr
    assert pg_cluster.psql(db, "SELECT count(*) FROM xuncha_migrations").stdout.strip() == str(applied)
    assert pg_cluster.psql(db, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'issue_history' "
                               "AND column_name = 'entered'").stdout.strip() == "1"
    assert pg_cluster.psql("postgres", roles).stdout.strip() == roles_before, "the ledger's own roles, no new ones"
    # The clerk works again, through the grants of the ledger's roles.
    r = xuncha("--store", as_clerk, "-c", 'unit add JM "郏县人民检察院"', "-c", "audit verify", home=home)
    assert r.returncode == 0, r.stderr
    again = xuncha("--store", url, "-c", "unit list", home=home)
    assert again.returncode == 0 and "brought up to date" not in again.stderr, again.stderr
