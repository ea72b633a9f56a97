"""Drives the built xuncha binary under a pseudo-terminal, as a person at a terminal would."""
import os
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

import pexpect
import pytest

REPO = Path(__file__).resolve().parents[2]


def binary() -> str:
    """The xuncha this run built: $XUNCHA_BINARY, which scripts/test sets from `swift build
    --show-bin-path`; without it (pytest run by hand) the newer of the debug and release builds,
    never a stale one only because it exists. In CI the variable must be set."""
    given = os.environ.get("XUNCHA_BINARY")
    if given:
        if not os.access(given, os.X_OK):
            raise RuntimeError(f"XUNCHA_BINARY={given} is not an executable")
        return given
    if os.environ.get("CI") == "true":
        raise RuntimeError("XUNCHA_BINARY is not set: run the tests through scripts/test")
    built = [c for c in (REPO / ".build/debug/xuncha", REPO / ".build/release/xuncha") if c.exists()]
    if not built:
        raise RuntimeError("build xuncha first (swift build)")
    return str(max(built, key=lambda c: c.stat().st_mtime))


def seed() -> int:
    """The seed of the tests' random inputs and moments: $XUNCHA_SEED, else 1, so that a run
    repeats; a failing test names it in its id or message."""
    return int(os.environ.get("XUNCHA_SEED", "1"))


def on_postgres() -> bool:
    """XUNCHA_TEST_STORE=pg runs the tests that open a store on PostgreSQL: each store file a test
    names becomes a fresh ledger made by `store init` in its own database of the test cluster
    (XUNCHA_TEST_PG, from scripts/pg-cluster)."""
    return os.environ.get("XUNCHA_TEST_STORE") == "pg"


def sqlite_only(reason: str):
    """Marks tests about the store's file itself (its bytes, mode or copies), which a
    PostgreSQL ledger does not have; they run on SQLite only."""
    return pytest.mark.skipif(on_postgres(), reason=f"SQLite only: {reason}")


# The PostgreSQL ledger standing for each store file named in this run, by absolute path.
_LEDGERS: dict[str, str] = {}


def _is_file(value: str) -> bool:
    return "://" not in value and not value.startswith("pg:") and "=" not in value and value != ":memory:"


def _ledger_for(path: Path) -> str:
    key = str(path.resolve())
    if key in _LEDGERS:
        return _LEDGERS[key]
    cluster = os.environ.get("XUNCHA_TEST_PG", "")
    if "@/postgres?" not in cluster:
        raise RuntimeError("XUNCHA_TEST_STORE=pg needs XUNCHA_TEST_PG (scripts/pg-cluster start)")
    db = "e2e_" + uuid.uuid4().hex[:16]
    subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", cluster, "-c", f"CREATE DATABASE {db}"],
                   check=True, capture_output=True)
    url = cluster.replace("@/postgres?", f"@/{db}?")
    # Group roles are cluster-wide: each ledger gets its own prefix.
    r = subprocess.run([binary(), "store", "init", url, "--prefix", db], capture_output=True, text=True,
                       env={"HOME": str(path.parent), "LANG": "C.UTF-8", "PATH": os.environ.get("PATH", "/usr/bin:/bin")})
    if r.returncode != 0:
        raise RuntimeError(f"store init {url}: {r.stderr}")
    _LEDGERS[key] = url
    return url


def store_args(args, cwd) -> list[str]:
    """The arguments as the engine of this run needs them: on PostgreSQL each `--store FILE`
    (relative to cwd) is the URL of the ledger standing for that file."""
    out = [str(a) for a in args]
    if not on_postgres():
        return out
    for i in range(len(out) - 1):
        if out[i] == "--store" and _is_file(out[i + 1]):
            out[i + 1] = _ledger_for(Path(cwd or os.getcwd()) / out[i + 1])
    return out


def argv(*args, cwd=None) -> list[str]:
    """The command line of the binary under test for args (see store_args)."""
    return [binary(), *store_args(args, cwd)]


def store_value(path: Path, query: str):
    """The first column of the first row query gives on the store standing for path, on either
    engine (None when there is no row)."""
    if on_postgres():
        out = subprocess.run(["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", _ledger_for(path), "-c", query],
                             capture_output=True, text=True, check=True).stdout.splitlines()
        return out[0] if out else None
    import sqlite3
    db = sqlite3.connect(str(path))
    try:
        row = db.execute(query).fetchone()
        return None if row is None else row[0]
    finally:
        db.close()


def store_execute(path: Path, sql: str):
    """Runs sql (statements, no rows wanted) on the store standing for path, on either engine,
    as someone with the file or the ledger's owner could."""
    if on_postgres():
        subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", _ledger_for(path), "-c", sql],
                       capture_output=True, text=True, check=True)
        return
    import sqlite3
    db = sqlite3.connect(str(path))
    try:
        db.executescript(sql)
        db.commit()
    finally:
        db.close()


def _drop_ledgers_under(d: Path):
    cluster = os.environ.get("XUNCHA_TEST_PG", "")
    for key in [k for k in _LEDGERS if k.startswith(str(d.resolve()) + "/")]:
        db = _LEDGERS.pop(key).split("@/")[1].split("?")[0]
        subprocess.run(["psql", "-X", "-q", "-d", cluster, "-c", f"DROP DATABASE IF EXISTS {db} WITH (FORCE)"],
                       capture_output=True)


@pytest.fixture
def home():
    d = tempfile.mkdtemp(prefix="xuncha-pty-")
    yield Path(d)
    _drop_ledgers_under(Path(d))
    shutil.rmtree(d, ignore_errors=True)


@pytest.fixture
def spawn(home):
    """spawn(*args, lang="C.UTF-8") starts xuncha on a 100x30 pty with a private HOME."""
    children = []

    def start(*args, lang="C.UTF-8", env_extra=None):
        env = {"HOME": str(home), "TERM": "xterm", "LANG": lang, "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
               "XUNCHA_USER": "测试员", "NO_COLOR": "1"}
        env.update(env_extra or {})
        child = pexpect.spawn(binary(), store_args(args, home), env=env, cwd=str(home), encoding="utf-8",
                              dimensions=(30, 100), timeout=15)
        children.append(child)
        return child

    yield start
    for c in children:
        if c.isalive():
            c.terminate(force=True)


SETUP = """clock 2024-05-10
unit add FY "舞阳县人民法院" --secretary 李四
round open R5 "第五轮专项巡察" --kind special
round target R5 FY
round feedback R5 --on 2024-05-10 --due +90d
issue add R5 FY "执行工作韧劲不足" --category discipline
issue add R5 FY "违规发放津贴补贴" --category integrity
issue add R5 FY "公务接待不规范" --category conduct
issue assign R5-001 --lead 王五 --owner 赵六 --dept 执行局
issue assign R5-002 --lead 王五 --owner 赵六 --dept 财务处
issue report R5-002 已整改 --evidence a.pdf --signed-by 李四
issue assign R5-003 --lead 王五 --owner 赵六 --dept 办公室
issue report R5-003 已整改 --evidence b.pdf --signed-by 李四
"""


@pytest.fixture
def store(home):
    """A store holding one round: R5-001 rectifying, R5-002 and R5-003 reported."""
    import subprocess
    path = home / "s.db"
    subprocess.run(argv("--store", str(path)), input=SETUP.encode(), check=True,
                   env={"HOME": str(home), "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"})
    return path


class PgCluster:
    """The private PostgreSQL cluster of the tests (scripts/pg-cluster): its superuser `postgres`
    over the Unix socket, and the login xuncha_pw, whose password goes over TCP."""

    def __init__(self, uri, password):
        from urllib.parse import parse_qs, urlparse
        query = parse_qs(urlparse(uri).query)
        self.uri = uri
        self.socket_dir = query["host"][0]
        self.port = query["port"][0]
        self.password = password

    def url(self, db, user="postgres"):
        return f"postgresql://{user}@/{db}?host={self.socket_dir}&port={self.port}"

    def psql(self, db, sql, user="postgres", check=True):
        """Runs sql through psql as user; returns the CompletedProcess (stdout: unaligned rows)."""
        return subprocess.run(["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", self.socket_dir,
                               "-p", self.port, "-U", user, "-d", db, "-c", sql],
                              capture_output=True, text=True, check=check)

    def new_database(self, owner="postgres"):
        """A database of its own for one test, so that tests do not see each other's ledgers."""
        name = "t_" + uuid.uuid4().hex[:12]
        self.psql("postgres", f'CREATE DATABASE {name} OWNER "{owner}"')
        return name


@pytest.fixture(scope="session")
def pg_cluster():
    """The cluster scripts/test started (XUNCHA_TEST_PG), or one started here for this run."""
    uri = os.environ.get("XUNCHA_TEST_PG")
    if uri:
        yield PgCluster(uri, os.environ.get("XUNCHA_TEST_PG_PASSWORD", ""))
        return
    out = subprocess.run([str(REPO / "scripts/pg-cluster"), "start"], capture_output=True, text=True, check=True).stdout
    exported = dict(line.removeprefix("export ").split("=", 1) for line in out.splitlines() if line.startswith("export "))
    values = {k: v.strip("'") for k, v in exported.items()}
    try:
        yield PgCluster(values["XUNCHA_TEST_PG"], values["XUNCHA_TEST_PG_PASSWORD"])
    finally:
        subprocess.run([str(REPO / "scripts/pg-cluster"), "stop", values["XUNCHA_TEST_PG_DIR"]], check=False)
