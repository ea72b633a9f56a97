"""The server restarted under a running command file (`pg_ctl restart -m immediate`, what a
crash and a supervisor's restart look like to a client): one clear error, nothing of the file in
the ledger, and the next session works on the same ledger."""
import os
import subprocess
import time

import pytest

from conftest import binary, on_postgres
from test_pg_ledger import SETUP
from test_pg_store import prefix, xuncha

# The test restarts the cluster itself: the PostgreSQL pass has nothing to add.
pytestmark = pytest.mark.skipif(on_postgres(), reason="on PostgreSQL in either pass")


def pg_ctl(cluster, *args):
    bindir = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True, check=True).stdout.strip()
    cmd = [f"{bindir}/pg_ctl", "-D", f"{cluster.socket_dir}/data", "-l", f"{cluster.socket_dir}/log", *args]
    # The server runs as the package's postgres user when the tests run as root (CI).
    if os.geteuid() == 0:
        cmd = ["runuser", "-u", "postgres", "--", *cmd]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=60)


def test_a_server_restarted_mid_file_is_one_error_and_leaves_nothing(pg_cluster, home):
    db = pg_cluster.new_database()
    url = pg_cluster.url(db)
    assert xuncha("store", "init", url, "--prefix", prefix(), home=home).returncode == 0
    f = home / "long.xc"
    f.write_text(SETUP + "".join(f'issue add R5 FY "问题{k}" --category conduct\n' for k in range(20000)))
    env = {"HOME": str(home), "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin", "XUNCHA_USER": "测试员"}
    proc = subprocess.Popen([binary(), "--store", url, str(f)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=home)
    deadline = time.time() + 30
    while pg_cluster.psql(db, "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'xuncha' "
                              "AND datname = current_database() AND backend_xid IS NOT NULL").stdout.strip() != "1":
        assert time.time() < deadline and proc.poll() is None, "the file ended before the restart"
        time.sleep(0.05)
    restarted = pg_ctl(pg_cluster, "-m", "immediate", "-w", "restart")
    assert restarted.returncode == 0, restarted.stdout + restarted.stderr
    out, err = proc.communicate(timeout=60)
    text = err.decode()
    assert proc.returncode != 0 and "was lost" in text and "nothing of the unfinished work was saved" in text, text
    assert "FATAL" not in text and text.count("error:") == 1, text
    assert pg_cluster.psql(db, "SELECT count(*) FROM journal").stdout.strip() == "0"
    zh = subprocess.run([binary(), "--store", url, "-c", "expect count = 0"], capture_output=True, env={**env, "LANG": "zh_CN.UTF-8"}, cwd=home)
    assert zh.returncode == 0, zh.stderr
    again = subprocess.run([binary(), "--store", url, "-c", 'unit add FY "舞阳县人民法院"', "-c", "audit verify"],
                           capture_output=True, env=env, cwd=home)
    assert again.returncode == 0, again.stderr
    assert pg_cluster.psql(db, "SELECT count(*) FROM journal").stdout.strip() == "1"
