"""Others' changes, live, on a shared ledger: each append is announced (NOTIFY); a session at a
terminal hears it and, before its next prompt, says what changed meanwhile and by whom, in the
user's language; its own changes are not announced back; Tab completes what others added."""
import io
import subprocess
import uuid

import pexpect
import pytest

from conftest import binary, on_postgres
from test_pg_ledger import SETUP
from test_pg_store import prefix, xuncha

# These tests make their own ledgers on the cluster: the PostgreSQL pass has nothing to add.
pytestmark = pytest.mark.skipif(on_postgres(), reason="on PostgreSQL in either pass")


@pytest.fixture
def shared(pg_cluster, home):
    """A ledger with a round, and the URL of a clerk, sunqi_…, who enters commands."""
    db = pg_cluster.new_database()
    p = prefix()
    url = pg_cluster.url(db)
    assert xuncha("store", "init", url, "--prefix", p, home=home).returncode == 0
    r = subprocess.run([binary(), "--store", url], input=SETUP.encode(), capture_output=True, cwd=home,
                       env={"HOME": str(home), "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"})
    assert r.returncode == 0, r.stderr
    clerk = "sunqi_" + uuid.uuid4().hex[:6]
    pg_cluster.psql("postgres", f'CREATE ROLE {clerk} LOGIN IN ROLE "{p}_xuncha_writer"')
    # The ledger's owner, its admin, makes the login a clerk of the ledger.
    assert xuncha("--store", url, "-c", f"grant clerk --to {clerk}", home=home).returncode == 0
    return url, clerk, pg_cluster.url(db, user=clerk)


def test_a_session_hears_what_another_changed_before_its_next_prompt(shared, spawn, home):
    url, clerk, clerk_url = shared
    c = spawn("--store", url)
    c.expect(r"\) [^>]*> ")
    # The clerk's three commands are three transactions, three notifications.
    r = xuncha("--store", clerk_url, "-c", 'unit add JM "郏县人民检察院"', "-c", 'unit add JX "郏县"',
               "-c", 'issue add R5 FY "公务接待不规范" --category conduct', home=home)
    assert r.returncode == 0, r.stderr
    c.sendline("")
    c.expect(f"3 changes by {clerk} since your last command")
    c.expect(r"\) [^>]*> ")
    # Said once: the next prompt has nothing new to say.
    c.sendline('unit add LH "漯河市"')
    c.expect(r"\) [^>]*> ")
    assert "since your last command" not in c.before, c.before
    # Tab offers the units the clerk added.
    c.send("unit show J\t\t")
    c.expect("JM")
    c.expect("JX")
    c.send("\x15")
    c.sendline("quit")
    c.expect(pexpect.EOF)


def test_in_chinese_and_one_change(shared, spawn, home):
    url, clerk, clerk_url = shared
    c = spawn("--store", url, lang="zh_CN.UTF-8")
    c.expect(r"\) [^>]*> ")
    assert xuncha("--store", clerk_url, "-c", 'unit add JM "郏县人民检察院"', home=home).returncode == 0
    c.sendline("")
    c.expect(f"自您上一条命令以来:{clerk} 更改 1 处")
    c.sendline("quit")
    c.expect(pexpect.EOF)


def test_a_sessions_own_changes_are_not_announced_to_it(shared, spawn, home):
    url, _, _ = shared
    c = spawn("--store", url)
    seen = io.StringIO()
    c.logfile_read = seen
    c.expect(r"\) [^>]*> ")
    c.sendline('unit add JM "郏县人民检察院"')
    c.expect(r"\) [^>]*> ")
    c.sendline("")
    c.expect(r"\) [^>]*> ")
    c.sendline("quit")
    c.expect(pexpect.EOF)
    assert "JM" in seen.getvalue() and "since your last command" not in seen.getvalue(), seen.getvalue()
