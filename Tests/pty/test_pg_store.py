"""`xuncha store init` on a private PostgreSQL cluster: the schema of the SQLite store, the group
roles, the journal's defences against any client (psql included), and one clear error, without
the password, when the server cannot be reached or refuses."""
import os
import subprocess
import uuid

import pytest

from conftest import binary, on_postgres

# These tests make their own ledgers on the cluster: the PostgreSQL pass has nothing to add.
pytestmark = pytest.mark.skipif(on_postgres(), reason="on PostgreSQL in either pass")


def xuncha(*args, home, lang="C.UTF-8", env_extra=None):
    env = {"HOME": str(home), "LANG": lang, "PATH": os.environ.get("PATH", "/usr/bin:/bin")}
    env.update(env_extra or {})
    return subprocess.run([binary(), *args], capture_output=True, text=True, env=env, timeout=60)


def prefix():
    """Group roles are cluster-wide: each test gets its own, so tests do not share them."""
    return "t" + uuid.uuid4().hex[:10]


@pytest.fixture
def ledger(pg_cluster, home):
    """A fresh database made a ledger by store init, with its own role prefix."""
    db = pg_cluster.new_database()
    p = prefix()
    r = xuncha("store", "init", pg_cluster.url(db), "--prefix", p, home=home)
    assert r.returncode == 0, r.stderr
    return db, p


def test_init_applies_the_migrations_of_the_sqlite_store(pg_cluster, home):
    db = pg_cluster.new_database()
    r = xuncha("store", "init", pg_cluster.url(db), "--prefix", prefix(), home=home)
    assert r.returncode == 0, r.stderr
    assert f"{db}@{pg_cluster.socket_dir}" in r.stdout
    # The same numbered migrations as a SQLite store the program makes.
    sqlite_store = home / "s.db"
    made = xuncha("--store", str(sqlite_store), "-c", 'unit add FY "舞阳县人民法院"', home=home)
    assert made.returncode == 0, made.stderr
    sqlite_ids = subprocess.run(["sqlite3", str(sqlite_store), "SELECT identifier FROM grdb_migrations ORDER BY rowid"],
                                capture_output=True, text=True, check=True).stdout.split("\n")
    pg_ids = pg_cluster.psql(db, "SELECT identifier FROM xuncha_migrations ORDER BY identifier").stdout.split("\n")
    assert [i for i in pg_ids if i] == [i for i in sqlite_ids if i]
    # The same tables and views, each with the same columns.
    sqlite_tables = subprocess.run(["sqlite3", str(sqlite_store),
                                    "SELECT m.name || '.' || p.name FROM sqlite_master m, pragma_table_info(m.name) p "
                                    "WHERE m.type IN ('table', 'view') AND m.name NOT LIKE 'grdb%' AND m.name NOT LIKE 'sqlite%'"],
                                   capture_output=True, text=True, check=True).stdout.split()
    pg_tables = pg_cluster.psql(db, "SELECT table_name || '.' || column_name FROM information_schema.columns "
                                    "WHERE table_schema = 'public' AND table_name <> 'xuncha_migrations'").stdout.split()
    assert sorted(pg_tables) == sorted(sqlite_tables)
    # Views apply row-level security of whoever reads them.
    options = pg_cluster.psql(db, "SELECT relname, reloptions FROM pg_class WHERE relkind = 'v' ORDER BY relname").stdout
    assert options.count("security_invoker=true") == 4, options


def test_init_twice_is_harmless_and_keeps_the_journal(pg_cluster, home, ledger):
    db, p = ledger
    pg_cluster.psql(db, "INSERT INTO journal (seq, at, actor, type, body, prev_hash, hash) "
                        "VALUES (1, '2024-05-10', 'owner', 'x.v1', '{}', 'p', 'h')")
    migrations = pg_cluster.psql(db, "SELECT count(*) FROM xuncha_migrations").stdout.strip()
    again = xuncha("store", "init", pg_cluster.url(db), "--prefix", p, home=home)
    assert again.returncode == 0, again.stderr
    assert "already current" in again.stdout and "already existed" in again.stdout
    assert pg_cluster.psql(db, "SELECT count(*) FROM journal").stdout.strip() == "1"
    assert pg_cluster.psql(db, "SELECT count(*) FROM xuncha_migrations").stdout.strip() == migrations
    assert int(migrations) >= 3, "every migration was recorded by the first init"


def test_roles_are_created_only_when_missing(pg_cluster, home):
    p = prefix()
    first = xuncha("store", "init", pg_cluster.url(pg_cluster.new_database()), "--prefix", p, home=home)
    assert first.returncode == 0, first.stderr
    assert f"roles created: {p}_xuncha_writer, {p}_xuncha_reader" in first.stdout
    # A second ledger in the same cluster with the same prefix shares its roles.
    second = xuncha("store", "init", pg_cluster.url(pg_cluster.new_database()), "--prefix", p, home=home)
    assert second.returncode == 0, second.stderr
    assert "already existed" in second.stdout
    rows = pg_cluster.psql("postgres", f"SELECT rolname, rolcanlogin FROM pg_roles WHERE rolname LIKE '{p}%' ORDER BY 1").stdout
    assert rows.split() == [f"{p}_xuncha_admin|f", f"{p}_xuncha_reader|f", f"{p}_xuncha_unit|f", f"{p}_xuncha_writer|f"]


def clerk(pg_cluster, group):
    login = "clerk_" + uuid.uuid4().hex[:8]
    pg_cluster.psql("postgres", f'CREATE ROLE {login} LOGIN IN ROLE "{group}"')
    return login


def test_a_writer_cannot_change_or_empty_the_journal_and_cannot_forge_the_actor(pg_cluster, home, ledger):
    db, p = ledger
    login = clerk(pg_cluster, f"{p}_xuncha_writer")
    insert = pg_cluster.psql(db, "INSERT INTO journal (seq, at, actor, type, body, prev_hash, hash) "
                                 "VALUES (1, '2024-05-10', 'forged', 'x.v1', '{}', 'p', 'h')", user=login)
    assert insert.returncode == 0, insert.stderr
    assert pg_cluster.psql(db, "SELECT actor FROM journal WHERE seq = 1").stdout.strip() == login
    for sql in ["UPDATE journal SET actor = 'other'", "DELETE FROM journal", "TRUNCATE journal"]:
        r = pg_cluster.psql(db, sql, user=login, check=False)
        assert r.returncode != 0 and "permission denied" in r.stderr, (sql, r.stderr)
    # The writer keeps the tables current.
    assert pg_cluster.psql(db, "UPDATE head SET seq = 1, hash = 'h'", user=login, check=False).returncode == 0
    assert pg_cluster.psql(db, "SELECT count(*), min(actor) FROM journal").stdout.strip() == f"1|{login}"


def test_not_even_the_owner_can_change_the_journal(pg_cluster, home, ledger):
    db, _ = ledger
    # The owner's rows keep the actor they name (a ledger copied in keeps its journal).
    pg_cluster.psql(db, "INSERT INTO journal (seq, at, actor, type, body, prev_hash, hash) "
                        "VALUES (1, '2024-05-10', '孙七', 'x.v1', '{}', 'p', 'h')")
    for sql in ["UPDATE journal SET actor = 'other'", "DELETE FROM journal", "TRUNCATE journal"]:
        r = pg_cluster.psql(db, sql, check=False)
        assert r.returncode != 0 and "append-only" in r.stderr, (sql, r.stderr)
    dup = pg_cluster.psql(db, "INSERT INTO journal (seq, at, actor, type, body, prev_hash, hash) "
                              "VALUES (1, '2024-05-11', 'x', 'x.v1', '{}', 'p', 'h')", check=False)
    assert dup.returncode != 0 and "duplicate key" in dup.stderr
    assert pg_cluster.psql(db, "SELECT seq, actor FROM journal").stdout.strip() == "1|孙七"


def test_a_reader_reads_and_writes_nothing(pg_cluster, home, ledger):
    db, p = ledger
    login = clerk(pg_cluster, f"{p}_xuncha_reader")
    assert pg_cluster.psql(db, "SELECT count(*) FROM ledger_issues", user=login).stdout.strip() == "0"
    for sql in ["INSERT INTO journal (seq, at, actor, type, body, prev_hash, hash) VALUES (1, 'a', 'b', 'c', 'd', 'e', 'f')",
                "INSERT INTO units (code, name) VALUES ('FY', 'x')", "UPDATE head SET seq = 5"]:
        r = pg_cluster.psql(db, sql, user=login, check=False)
        assert r.returncode != 0 and "permission denied" in r.stderr, (sql, r.stderr)


def test_a_database_holding_other_tables_of_those_names_is_refused(pg_cluster, home):
    db = pg_cluster.new_database()
    pg_cluster.psql(db, "CREATE TABLE journal (x int)")
    r = xuncha("store", "init", pg_cluster.url(db), "--prefix", prefix(), home=home)
    assert r.returncode != 0
    assert r.stderr.count("\n") == 1 and "is not a xuncha ledger" in r.stderr and "journal" in r.stderr
    assert pg_cluster.psql(db, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").stdout.strip() == "1"


def tcp_url(pg_cluster, db, password=None):
    auth = "xuncha_pw" + (f":{password}" if password is not None else "")
    return f"postgresql://{auth}@127.0.0.1:{pg_cluster.port}/{db}"


def test_a_wrong_password_is_refused_and_never_shown(pg_cluster, home):
    db = pg_cluster.new_database(owner="xuncha_pw")
    secret = "Wr0ngSecret" + uuid.uuid4().hex[:6]
    for lang, words in [("C.UTF-8", "refused the login of xuncha_pw"), ("zh_CN.UTF-8", "拒绝了用户 xuncha_pw 的登录")]:
        r = xuncha("store", "init", tcp_url(pg_cluster, db, secret), home=home, lang=lang)
        assert r.returncode != 0
        assert words in r.stderr and r.stderr.count("\n") == 1, r.stderr
        assert secret not in r.stderr + r.stdout
    # A keyword string libpq cannot read: what it quotes back is not shown with the password.
    r = xuncha("store", "init", f"password={secret} dbname", home=home)
    assert r.returncode != 0 and "not a PostgreSQL connection string" in r.stderr
    assert secret not in r.stderr + r.stdout


def test_pgpass_gives_the_password(pg_cluster, home):
    db = pg_cluster.new_database(owner="xuncha_pw")
    none = xuncha("store", "init", tcp_url(pg_cluster, db), "--prefix", prefix(), home=home)
    assert none.returncode != 0 and "none was given" in none.stderr, none.stderr
    pgpass = home / ".pgpass"
    pgpass.write_text(f"127.0.0.1:{pg_cluster.port}:*:xuncha_pw:{pg_cluster.password}\n")
    pgpass.chmod(0o600)
    r = xuncha("store", "init", tcp_url(pg_cluster, db), "--prefix", prefix(), home=home)
    assert r.returncode == 0, r.stderr
    assert "owned by xuncha_pw" in r.stdout and pg_cluster.password not in r.stdout + r.stderr
    assert pg_cluster.psql(db, "SELECT pg_get_userbyid(relowner) FROM pg_class WHERE relname = 'journal'").stdout.strip() == "xuncha_pw"


def test_unreachable_server_and_missing_database(pg_cluster, home):
    r = xuncha("store", "init", f"postgresql://postgres@/x?host={pg_cluster.socket_dir}&port=1", home=home)
    assert r.returncode != 0 and r.stderr.count("\n") == 1
    assert "cannot reach the PostgreSQL server of x@" in r.stderr, r.stderr
    r = xuncha("store", "init", pg_cluster.url("no_such_ledger"), home=home, lang="zh_CN.UTF-8")
    assert r.returncode != 0 and r.stderr.count("\n") == 1
    assert "没有数据库 no_such_ledger" in r.stderr, r.stderr
    r = xuncha("store", "init", "ledger.db", home=home)
    assert r.returncode != 0 and "is not a PostgreSQL database" in r.stderr
    assert not (home / "ledger.db").exists()


def test_keyword_strings_and_the_pg_environment(pg_cluster, home):
    db = pg_cluster.new_database()
    keywords = f"host={pg_cluster.socket_dir} port={pg_cluster.port} dbname={db} user=postgres"
    r = xuncha("store", "init", keywords, "--prefix", prefix(), home=home)
    assert r.returncode == 0, r.stderr
    other = pg_cluster.new_database()
    env = {"PGHOST": pg_cluster.socket_dir, "PGPORT": pg_cluster.port, "PGUSER": "postgres", "PGDATABASE": other}
    r = xuncha("store", "init", "pg:", "--prefix", prefix(), home=home, env_extra=env)
    assert r.returncode == 0, r.stderr
    assert f"{other}@{pg_cluster.socket_dir}" in r.stdout
    assert pg_cluster.psql(other, "SELECT value FROM meta WHERE key = 'created_by'").stdout.strip() == "xuncha"


def test_a_bad_prefix_is_refused_before_connecting(pg_cluster, home):
    r = xuncha("store", "init", pg_cluster.url("no_such_ledger"), "--prefix", "Bad-Prefix", home=home)
    assert r.returncode != 0 and "--prefix" in r.stderr and "no database" not in r.stderr


def test_an_unreachable_store_is_one_error_and_makes_no_file(home):
    for store in ["postgresql://clerk:Hunter2x@nohost.invalid/ledger", "host=nohost.invalid dbname=ledger"]:
        r = xuncha("--store", store, "-c", 'unit add FY "舞阳县人民法院"', home=home)
        assert r.returncode == 2 and "cannot reach the PostgreSQL server of ledger@nohost.invalid" in r.stderr, r.stderr
        assert "Hunter2x" not in r.stderr + r.stdout and r.stderr.count("\n") == 1
    r = xuncha("--sandbox", "--store", "postgresql://clerk:Hunter2x@nohost.invalid/ledger", "-c", "ledger", home=home)
    assert r.returncode == 2 and "postgresql://clerk:********@nohost.invalid/ledger is a shared PostgreSQL ledger" in r.stderr, r.stderr
    assert "Hunter2x" not in r.stderr + r.stdout
    assert list(home.iterdir()) == []


def test_a_stuck_init_makes_another_wait_then_say_so(pg_cluster, home, ledger):
    import time
    db, p = ledger
    # Another init that does not finish (a stuck client) holds the lock that serialises inits.
    holder = subprocess.Popen(["psql", "-X", "-q", "-h", pg_cluster.socket_dir, "-p", pg_cluster.port, "-U", "postgres",
                               "-d", db, "-c", "BEGIN; SELECT pg_advisory_xact_lock(hashtext('xuncha store init')); "
                                               "SELECT pg_sleep(30);"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 10
        while pg_cluster.psql(db, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted").stdout.strip() != "1":
            assert time.time() < deadline, "the lock was not taken"
            time.sleep(0.1)
        started = time.time()
        r = xuncha("store", "init", pg_cluster.url(db), "--prefix", p, home=home)
        waited = time.time() - started
        assert r.returncode != 0 and r.stderr.count("\n") == 1
        assert "is busy: another session kept it locked for more than 5 s" in r.stderr, r.stderr
        assert 4 < waited < 15, waited
    finally:
        # The server notices a killed client only when it next writes to it: end its backend.
        pg_cluster.psql(db, "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory'")
        holder.kill()
        holder.wait()
    r = xuncha("store", "init", pg_cluster.url(db), "--prefix", p, home=home)
    assert r.returncode == 0, r.stderr


def test_a_service_file_names_the_ledger(pg_cluster, home):
    db = pg_cluster.new_database()
    services = home / "services.conf"
    services.write_text(f"[office]\nhost={pg_cluster.socket_dir}\nport={pg_cluster.port}\ndbname={db}\nuser=postgres\n")
    r = xuncha("store", "init", "pg:", "--prefix", prefix(), home=home,
               env_extra={"PGSERVICEFILE": str(services), "PGSERVICE": "office"})
    assert r.returncode == 0, r.stderr
    assert f"{db}@{pg_cluster.socket_dir}" in r.stdout
    r = xuncha("store", "init", "service=office", "--prefix", prefix(), home=home, env_extra={"PGSERVICEFILE": str(services)})
    assert r.returncode == 0 and "already current" in r.stdout, r.stderr
