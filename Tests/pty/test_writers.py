"""Many writers on one ledger, on either engine: 8 processes of 500 commands each at once lose
nothing, are told unique ids that are dense from R5-001, and leave a chain that verifies; on
PostgreSQL a session stuck holding the head lock makes another wait, then say the ledger is busy."""
import json
import re
import subprocess
import time

import pytest

from conftest import binary, on_postgres
from test_pg_store import prefix, xuncha

# Each engine is named here: the PostgreSQL pass has nothing to add.
pytestmark = pytest.mark.skipif(on_postgres(), reason="both engines in either pass")

SETUP = """unit add FY "舞阳县人民法院" --secretary 李四
round open R5 "第五轮专项巡察" --kind special --from 2024-03-01
round target R5 FY
round feedback R5 --on 2024-05-10 --due +90d
"""
PROCESSES, COMMANDS = 8, 500


def env(home):
    return {"HOME": str(home), "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin", "XUNCHA_USER": "测试员"}


@pytest.fixture(params=["sqlite", "postgresql"])
def shared(request, home):
    """(store argument, journal rows query) of a fresh ledger on the engine named."""
    if request.param == "sqlite":
        return str(home / "s.db")
    cluster = request.getfixturevalue("pg_cluster")
    url = cluster.url(cluster.new_database())
    assert xuncha("store", "init", url, "--prefix", prefix(), home=home).returncode == 0
    return url


def test_eight_writers_of_500_commands_lose_nothing(shared, home):
    subprocess.run([binary(), "--store", shared], input=SETUP.encode(), env=env(home), cwd=home, check=True)
    start = time.monotonic()
    # Each -c is its own transaction: the processes interleave command by command.
    procs = []
    for p in range(PROCESSES):
        args = [binary(), "--store", shared]
        for k in range(COMMANDS):
            args += ["-c", f'issue add R5 FY "P{p} #{k}" --category conduct']
        procs.append(subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env(home), cwd=home))
    told = []
    for p, proc in enumerate(procs):
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, f"process {p}: {err.decode(errors='replace')}"
        ids = re.findall(r"^(R5-\d+) registered: P%d #" % p, out.decode(), re.M)
        assert len(ids) == COMMANDS, f"process {p} confirmed {len(ids)} of {COMMANDS}"
        told += ids
    seconds = time.monotonic() - start
    total = PROCESSES * COMMANDS
    assert len(set(told)) == total, "two processes were told the same id"
    final = subprocess.run([binary(), "--store", shared, "-c", "audit verify", "-c", "ledger --format json"],
                           capture_output=True, env=env(home), cwd=home)
    assert final.returncode == 0, final.stderr
    text = final.stdout.decode()
    assert f"journal verified: {total + 4} event(s)" in text, text[:200]
    ids = [r["id"] for r in json.loads(text[text.index("{"):])["rows"]]
    assert sorted(ids) == sorted(told), "the ledger holds exactly the ids the processes were told"
    assert sorted(int(i.split("-")[1]) for i in ids) == list(range(1, total + 1)), "dense from R5-001"
    print(f"{total} commands by {PROCESSES} writers: {seconds:.1f} s, {total / seconds:.0f} commands/s")


def test_a_stuck_session_holding_the_head_makes_a_writer_wait_then_say_busy(pg_cluster, home):
    db = pg_cluster.new_database()
    url = pg_cluster.url(db)
    assert xuncha("store", "init", url, "--prefix", prefix(), home=home).returncode == 0
    assert xuncha("--store", url, "-c", 'unit add FY "舞阳县人民法院"', home=home).returncode == 0
    # A session that took the appenders' lock and stopped (a client hung mid-command).
    stuck = subprocess.Popen(["psql", "-X", "-q", "-h", pg_cluster.socket_dir, "-p", pg_cluster.port, "-U", "postgres",
                              "-d", db, "-c", "BEGIN; SELECT seq FROM head FOR UPDATE; SELECT pg_sleep(60);"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 10
        while pg_cluster.psql(db, "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
                                  "WHERE c.relname = 'head' AND l.mode = 'RowShareLock' AND l.granted").stdout.strip() == "0":
            assert time.time() < deadline, "the stuck session did not take the lock"
            time.sleep(0.1)
        began = time.monotonic()
        r = xuncha("--store", url, "-c", 'unit add JM "郏县人民检察院"', home=home)
        waited = time.monotonic() - began
        assert r.returncode != 0 and "is busy" in r.stderr and "5 s" in r.stderr, r.stderr
        assert 4.5 <= waited < 15, f"gave up after {waited:.1f} s"
        zh = xuncha("--store", url, "-c", 'unit add JM "郏县人民检察院"', home=home, lang="zh_CN.UTF-8")
        assert zh.returncode != 0 and "5 秒" in zh.stderr, zh.stderr
    finally:
        pg_cluster.psql(db, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                            "WHERE query LIKE '%pg_sleep%' AND pid <> pg_backend_pid()")
        stuck.wait(timeout=10)
    assert pg_cluster.psql(db, "SELECT string_agg(code, ',') FROM units").stdout.strip() == "FY", "nothing was written"
    # Once the stuck session is gone, the next writer goes through.
    assert xuncha("--store", url, "-c", 'unit add JM "郏县人民检察院"', "-c", "audit verify", home=home).returncode == 0


def test_a_command_of_a_script_waits_past_5_s_for_a_store_file_held_by_another(home):
    store = home / "s.db"
    subprocess.run([binary(), "--store", str(store)], input=SETUP.encode(), env=env(home), cwd=home, check=True)
    # Another process holds the write lock for 8 s (a long file being entered), then lets go.
    holder = subprocess.Popen(["python3", "-c", "import sqlite3, sys, time\n"
                               "db = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
                               "db.execute('BEGIN IMMEDIATE'); print('held', flush=True); time.sleep(8); db.execute('ROLLBACK')",
                               str(store)], stdout=subprocess.PIPE)
    assert holder.stdout.readline().strip() == b"held"
    began = time.monotonic()
    r = subprocess.run([binary(), "--store", str(store), "-c", 'unit add JM "郏县人民检察院"'],
                       capture_output=True, env=env(home), cwd=home, timeout=60)
    waited = time.monotonic() - began
    holder.wait(timeout=30)
    # No one is at a prompt to try again: the command waits its turn and goes through.
    assert r.returncode == 0, r.stderr.decode()
    assert waited >= 6, f"went through after {waited:.1f} s while the lock was held"
    listed = subprocess.run([binary(), "--store", str(store), "-c", "unit list"], capture_output=True, env=env(home), cwd=home)
    assert "JM" in listed.stdout.decode(), listed.stdout.decode()
