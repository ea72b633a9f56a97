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


def journal_rows(path):
    import sqlite3
    db = sqlite3.connect(str(path))
    try:
        return db.execute("SELECT actor, on_behalf FROM journal ORDER BY seq").fetchall()
    finally:
        db.close()


SETUP_ONE = ['unit add FY "舞阳县人民法院"', 'round open R5 "第五轮" --kind special', "round target R5 FY",
             'issue add R5 FY "执行工作韧劲不足" --category discipline --source visit']


def test_a_name_given_on_a_real_store_is_whom_the_identity_enters_for(home):
    account = pwd.getpwuid(os.geteuid()).pw_name
    args = [a for line in SETUP_ONE for a in ("-c", line)]
    r = run(home, "--store", "s.db", *args)
    assert r.returncode == 0, r.stderr
    # XUNCHA_USER, --user and `user NAME` each name the person, never the actor.
    r = run(home, "--store", "s.db", "-c", 'issue progress R5-001 "代录的进展"', XUNCHA_USER="局党组")
    assert r.returncode == 0, r.stderr
    r = run(home, "--store", "s.db", "--user", "王五", "-c", 'issue progress R5-001 "王五的进展"')
    assert r.returncode == 0, r.stderr
    r = run(home, "--store", "s.db", "-c", "user 赵六", "-c", 'issue progress R5-001 "赵六的进展"')
    assert r.returncode == 0, r.stderr
    assert journal_rows(home / "s.db")[-3:] == [(account, "局党组"), (account, "王五"), (account, "赵六")]
    assert all(row[0] == account for row in journal_rows(home / "s.db"))
    log = run(home, "--store", "s.db", "-c", "audit log").stdout
    assert f"{account} (for 局党组)  issue progress" in log, log
    zh = run(home, "--store", "s.db", "--lang", "zh", "-c", "audit log").stdout
    assert f"{account}（代 局党组）" in zh, zh
    # --user matches the identity or the person entered for.
    mine = run(home, "--store", "s.db", "-c", "audit log --user 局党组").stdout.splitlines()
    assert len(mine) == 1 and "代录的进展" in mine[0], mine
    everyone = run(home, "--store", "s.db", "-c", f"audit log --user {account}").stdout.splitlines()
    assert len(everyone) == 7, everyone
    show = run(home, "--store", "s.db", "-c", "issue show R5-001").stdout
    assert f"{account} (for 王五)  progress" in show, show
    who = run(home, "--store", "s.db", "--user", "局党组", "-c", "whoami").stdout
    assert who.splitlines() == [f"identity: {account}", "roles: admin (creator)", "entering on behalf of: 局党组"], who


def test_in_memory_and_in_a_sandbox_user_sets_the_actor(home):
    args = [a for line in SETUP_ONE for a in ("-c", line)]
    assert run(home, "--store", "s.db", *args).returncode == 0
    for mode in (["--memory"], ["--sandbox", "--store", "s.db"]):
        r = run(home, *mode, *args[(0 if mode == ["--memory"] else 8):], "-c", "user 孙七", "-c", 'issue progress R5-001 "培训"',
                "-c", "audit log --user 孙七", "-c", "whoami")
        assert r.returncode == 0, r.stderr
        import re
        assert re.search(r"孙七 +issue progress", r.stdout) and "(for" not in r.stdout, r.stdout
        assert "user: 孙七 (in " in r.stdout, r.stdout


def test_the_prompt_shows_the_identity_and_whom_it_enters_for(spawn, home):
    import re
    import pexpect
    args = [a for line in SETUP_ONE for a in ("-c", line)]
    assert run(home, "--store", "s.db", *args).returncode == 0
    # The identity is the account here and the login on PostgreSQL: the shell says which.
    c = spawn("--store", "s.db")
    c.sendline("whoami")
    c.expect(r"identity: (\S+)\r\n")
    identity = c.match.group(1)
    assert identity != "测试员"
    # XUNCHA_USER (测试员, as for every shell here) names whom the identity enters for.
    c.expect(r"xuncha\([^)]*\) (.*)> ")
    assert c.match.group(1) == f"{identity} (for 测试员)", c.match.group(0)
    c.sendline("user 局党组")
    c.expect(r"xuncha\([^)]*\) (.*)> ")
    assert c.match.group(1) == f"{identity} (for 局党组)", c.match.group(0)
    # Entering for oneself is the identity alone.
    c.sendline(f"user {identity}")
    c.expect(r"xuncha\([^)]*\) (.*)> ")
    assert c.match.group(1) == identity, c.match.group(0)
    c.sendline("quit")
    c.expect(pexpect.EOF)
    zh = spawn("--store", "s.db", "--lang", "zh", lang="zh_CN.UTF-8")
    zh.expect(r"xuncha\([^)]*\) (.*)> ")
    assert zh.match.group(1) == f"{identity}（代 测试员）", zh.match.group(0)
    zh.sendline("quit")
    zh.expect(pexpect.EOF)
    # In memory `user` sets the actor, and the prompt shows that name alone, as in a demo.
    mem = spawn("--memory")
    mem.expect(r"xuncha\(memory\) (.*)> ")
    assert mem.match.group(1) == "测试员", mem.match.group(0)
    mem.sendline("user 孙七")
    mem.expect(r"xuncha\(memory\) (.*)> ")
    assert mem.match.group(1) == "孙七", mem.match.group(0)
    assert not re.search(r"\(for |（代 ", mem.before)
    mem.sendline("quit")
    mem.expect(pexpect.EOF)
