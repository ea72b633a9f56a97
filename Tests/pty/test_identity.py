"""Who the journal says did it: without a name chosen for the session, the account the process
runs as, read from the user database by the effective uid; $USER and $LOGNAME, which anyone can
set, name nobody."""
import os
import pwd
import subprocess

from conftest import binary


def run(home, *args, **extra):
    env = {"HOME": str(home), "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin", **extra}
    return subprocess.run([binary(), *args], capture_output=True, text=True, env=env, cwd=home, timeout=60)


def test_the_actor_is_the_account_of_the_effective_uid_not_user(home):
    account = pwd.getpwuid(os.geteuid()).pw_name
    assert account != "冒名者"
    r = run(home, "--store", "s.db", "-c", 'unit add FY "舞阳县人民法院"', USER="冒名者", LOGNAME="冒名者")
    assert r.returncode == 0, r.stderr
    log = run(home, "--store", "s.db", "-c", "audit log", USER="冒名者", LOGNAME="冒名者")
    assert log.returncode == 0, log.stderr
    line = next(l for l in log.stdout.splitlines() if l.split()[3:5] == ["unit", "add"])
    assert line.split()[2] == account, line
    assert "冒名者" not in log.stdout
