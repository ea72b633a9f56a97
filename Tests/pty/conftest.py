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


@pytest.fixture
def home():
    d = tempfile.mkdtemp(prefix="xuncha-pty-")
    yield Path(d)
    shutil.rmtree(d, ignore_errors=True)


@pytest.fixture
def spawn(home):
    """spawn(*args, lang="C.UTF-8") starts xuncha on a 100x30 pty with a private HOME."""
    children = []

    def start(*args, lang="C.UTF-8", env_extra=None):
        env = {"HOME": str(home), "TERM": "xterm", "LANG": lang, "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
               "XUNCHA_USER": "测试员", "NO_COLOR": "1"}
        env.update(env_extra or {})
        child = pexpect.spawn(binary(), list(args), env=env, cwd=str(home), encoding="utf-8",
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
    subprocess.run([binary(), "--store", str(path)], input=SETUP.encode(), check=True,
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
