"""Who may do what on a file store (DESIGN §6): several people, each the operating-system
account running the process, on one ledger shared through the file's group. The accounts are
made for the test (useradd) and the binary runs as each (runuser), so nothing here can pretend
to be anybody: it needs root, which CI has."""
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest

from conftest import binary, sqlite_only

pytestmark = [sqlite_only("the accounts are the file's; PostgreSQL's roles are the server's logins")]

ROLES = ("admin", "clerk", "verifier", "liaison", "reader", "stranger")


def _need_root():
    if os.geteuid() == 0 and shutil.which("useradd") and shutil.which("runuser"):
        return
    if os.environ.get("CI") == "true":
        pytest.fail("CI runs as root with useradd and runuser: the roles tests must run there")
    pytest.skip("needs root (useradd, runuser) to run xuncha as several accounts")


@pytest.fixture(scope="module")
def office():
    """Six accounts in one group, a group directory for the store, and a copy of the binary
    every account can run."""
    _need_root()
    tag = uuid.uuid4().hex[:6]
    group = f"xo{tag}"
    subprocess.run(["groupadd", group], check=True)
    names = {role: f"x{tag}{role[:4]}" for role in ROLES}
    for name in names.values():
        subprocess.run(["useradd", "-M", "-N", "-g", group, "-s", "/usr/sbin/nologin", name], check=True)
    # pytest's own temporary directories are root's alone; the accounts must reach this one.
    base = Path(tempfile.mkdtemp(prefix="xuncha-roles-"))
    os.chmod(base, 0o755)
    shared = base / "shared"
    shared.mkdir()
    shutil.chown(shared, group=group)
    os.chmod(shared, 0o2770)
    exe = base / "xuncha"
    shutil.copy(binary(), exe)
    os.chmod(exe, 0o755)
    homes = {}
    for role, name in names.items():
        h = base / f"home-{role}"
        h.mkdir()
        shutil.chown(h, user=name, group=group)
        os.chmod(h, 0o700)
        homes[role] = h
    yield {"names": names, "group": group, "shared": shared, "exe": str(exe), "homes": homes}
    for name in names.values():
        subprocess.run(["userdel", name], check=False)
    subprocess.run(["groupdel", group], check=False)
    shutil.rmtree(base, ignore_errors=True)


def as_(office, role, *args, lang="C.UTF-8", **env):
    """xuncha run as the account of `role`."""
    name = office["names"][role]
    environment = {"HOME": str(office["homes"][role]), "LANG": lang, "PATH": "/usr/bin:/bin", **env}
    cmd = ["runuser", "-u", name, "--", "env", "-i", *[f"{k}={v}" for k, v in environment.items()], office["exe"], *args]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=office["shared"], timeout=60)


def journal_count(path):
    db = sqlite3.connect(str(path))
    try:
        return db.execute("SELECT count(*) FROM journal").fetchone()[0]
    finally:
        db.close()


@pytest.fixture
def ledger(office):
    """A store its admin created and shared with the group, with roles for the office: a clerk,
    a verifier tied to the person 孙七, a liaison of FY and a reader."""
    store = office["shared"] / f"s{uuid.uuid4().hex[:6]}.db"
    n = office["names"]
    setup = [
        'unit add FY "舞阳县人民法院" --secretary 李四', 'unit add WY "舞阳县卫健委" --secretary 周八',
        'round open R5 "第五轮专项巡察" --kind special --from 2024-03-01 --to +45d',
        "round target R5 FY", "round target R5 WY",
        f"grant clerk --to {n['clerk']}", f"grant verifier --to {n['verifier']}",
        f"grant unit FY --to {n['liaison']}", f"grant reader --to {n['reader']}",
        f"person 孙七 --login {n['verifier']}",
    ]
    r = as_(office, "admin", "--store", str(store), *[a for line in setup for a in ("-c", line)])
    assert r.returncode == 0, r.stderr
    # File mode is the first gate: a new store is its owner's alone until shared.
    assert (os.stat(store).st_mode & 0o777) == 0o600
    denied = as_(office, "clerk", "--store", str(store), "-c", "ledger")
    assert denied.returncode != 0, denied.stdout
    for f in [store, *store.parent.glob(store.name + "-*")]:
        shutil.chown(f, group=office["group"])
        os.chmod(f, 0o660)
    work = [
        'issue add R5 FY "执行工作韧劲不足" --category discipline --source visit',
        'issue add R5 WY "医保基金监管不严" --category discipline --source visit',
        "round feedback R5 --on 2024-05-10 --due +90d",
        "issue assign R5-001 --lead 王五 --owner 孙七 --dept 执行局",
        "issue assign R5-002 --lead 钱七 --owner 赵六 --dept 医保科",
        'issue report R5-002 "已整改" --evidence 清单.pdf --signed-by 周八',
        'transfer add R5-002 --to discipline "收受药企回扣线索"',
        'transfer add R5-001 --to discipline "院长亲属违规经商线索"',
    ]
    r = as_(office, "clerk", "--store", str(store), *[a for line in work for a in ("-c", line)])
    assert r.returncode == 0, r.stderr
    return store


def test_each_role_does_what_it_may(office, ledger):
    n = office["names"]
    before = journal_count(ledger)
    r = as_(office, "liaison", "--store", str(ledger), "-c", 'issue progress R5-001 "已召开专题会"',
            "-c", 'issue report R5-001 "已整改" --evidence 会议纪要.pdf --signed-by 李四')
    assert r.returncode == 0, r.stderr
    r = as_(office, "verifier", "--store", str(ledger), "-c", "issue verify R5-002 --pass --by 孙七 --method documents")
    assert r.returncode == 0, r.stderr
    r = as_(office, "reader", "--store", str(ledger), "-c", "ledger --format csv", "-c", "audit log")
    assert r.returncode == 0 and "R5-002" in r.stdout, r.stderr
    assert journal_count(ledger) == before + 3
    # Every row's actor is the account that ran it.
    db = sqlite3.connect(str(ledger))
    actors = [a for (a,) in db.execute("SELECT actor FROM journal ORDER BY seq")]
    db.close()
    assert actors[-3:] == [n["liaison"], n["liaison"], n["verifier"]]
    assert set(actors) == {n["admin"], n["clerk"], n["liaison"], n["verifier"]}
    roles = as_(office, "admin", "--store", str(ledger), "-c", "role list").stdout
    assert f"{n['liaison']}" in roles and "unit" in roles and "FY" in roles and "孙七" in roles, roles
    who = as_(office, "liaison", "--store", str(ledger), "-c", "whoami").stdout
    assert who.splitlines()[:2] == [f"identity: {n['liaison']}", "roles: unit FY"], who


REFUSED = [
    # who, command, what the refusal says
    ("liaison", "issue verify R5-001 --pass --by 孙七 --method documents", "issue verify needs the verifier role"),
    ("liaison", 'issue progress R5-002 "替卫健委报进展"', "issue progress needs the unit role of the unit concerned"),
    ("liaison", 'issue report R5-002 "替卫健委报告" --evidence x.pdf --signed-by 周八', "issue report needs the unit role of the unit concerned"),
    ("liaison", "round report R5 WY --signed-by 周八", "round report needs the unit role of the unit concerned"),
    ("liaison", 'issue add R5 FY "联络员登记的问题" --category discipline --source visit', "issue add needs the clerk role"),
    ("reader", 'issue add R5 FY "读者登记的问题" --category discipline --source visit', "issue add needs the clerk role"),
    ("clerk", "set verify.methods 3", "set needs the admin role"),
    ("clerk", "grant admin --to nobody", "grant needs the admin role"),
    ("verifier", 'unit add JM "郏县人民检察院"', "unit add needs the clerk role"),
    ("stranger", "ledger", "ledger needs the reader role"),
    ("stranger", 'issue progress R5-001 "路人"', "issue progress needs the clerk role"),
]


@pytest.mark.parametrize("who,command,said", REFUSED, ids=[f"{w}-{i}" for i, (w, _, _) in enumerate(REFUSED)])
def test_a_refused_command_names_the_role_and_the_admin_and_changes_nothing(office, ledger, who, command, said):
    before = journal_count(ledger)
    with open(ledger, "rb") as f:
        bytes_before = f.read()
    r = as_(office, who, "--store", str(ledger), "-c", command)
    assert r.returncode != 0, r.stdout
    assert f"permission denied: {said}; ask the ledger's admin ({office['names']['admin']})" in r.stderr, r.stderr
    assert journal_count(ledger) == before
    with open(ledger, "rb") as f:
        assert f.read() == bytes_before, "the store's file is as it was"


def test_a_refusal_in_a_file_stops_it_at_that_line_in_chinese_too(office, ledger):
    before = journal_count(ledger)
    f = office["homes"]["liaison"] / "fy.xc"
    f.write_text('issue progress R5-001 "第一条"\nissue verify R5-001 --pass --by 孙七 --method documents\n')
    shutil.chown(f, user=office["names"]["liaison"])
    r = as_(office, "liaison", "--store", str(ledger), str(f), lang="zh_CN.UTF-8")
    assert r.returncode != 0
    assert "fy.xc:2:1" in r.stderr, r.stderr
    assert f"权限不足：issue verify 需要验收人角色；请联系账本管理员（{office['names']['admin']}）" in r.stderr, r.stderr
    assert journal_count(ledger) == before, "the file is one transaction: its first line went with it"


def test_the_login_of_a_responsible_person_may_not_enter_the_verification(office, ledger):
    # 孙七 owns R5-001, and the verifier's login is 孙七's: naming someone else in --by is no way round it.
    r = as_(office, "liaison", "--store", str(ledger), "-c", 'issue report R5-001 "已整改" --evidence 纪要.pdf --signed-by 李四')
    assert r.returncode == 0, r.stderr
    before = journal_count(ledger)
    r = as_(office, "verifier", "--store", str(ledger), "-c", "issue verify R5-001 --pass --by 吴九 --method documents")
    assert r.returncode != 0
    assert f"{office['names']['verifier']} is the login of 孙七, who is responsible for R5-001" in r.stderr, r.stderr
    assert journal_count(ledger) == before
    # Untied, the same login may.
    assert as_(office, "admin", "--store", str(ledger), "-c", "person 孙七 --login none").returncode == 0
    r = as_(office, "verifier", "--store", str(ledger), "-c", "issue verify R5-001 --pass --by 吴九 --method documents")
    assert r.returncode == 0, r.stderr


def test_a_revoked_role_is_gone_and_set_lang_is_everyones(office, ledger):
    n = office["names"]
    assert as_(office, "admin", "--store", str(ledger), "-c", f"revoke reader --from {n['reader']}").returncode == 0
    r = as_(office, "reader", "--store", str(ledger), "-c", "set lang zh", "-c", "ledger")
    assert r.returncode != 0 and "权限不足：ledger 需要查阅角色" in r.stderr, r.stderr


# What the liaison of FY must never read: WY's problem, its people and department, its unit, and
# the transferred clues, WY's and the one about FY's own problem.
SECRETS = ["R5-002", "医保基金监管不严", "WY", "卫健委", "周八", "钱七", "赵六", "医保科", "T-0001", "收受药企回扣线索",
           "T-0002", "院长亲属违规经商线索"]


def test_a_liaison_reads_its_unit_alone_and_nothing_leaks(office, ledger):
    store = str(ledger)
    outputs = []
    # FY's own problem, transferred and then closed, has a slip and a history with the transfer in it.
    assert "transferred" in as_(office, "admin", "--store", store, "-c", "issue show R5-001").stdout
    r = as_(office, "admin", "--store", store, "-c", 'issue report R5-001 "已整改" --evidence 纪要.pdf --signed-by 李四',
            "-c", "issue verify R5-001 --pass --by 吴九 --method documents")
    assert r.returncode == 0, r.stderr
    reads = ["ledger", "ledger --format csv", "ledger --format json", "ledger units", "ledger leaders", "stats --by unit",
             "stats", "warnings", "round show R5", "round list", "unit list", "unit show FY", "issue show R5-001",
             "expect count = 1", "slip R5-001", "slip R5-001 --format csv", "slip R5-001 --format json",
             "--lang zh issue show R5-001", "--lang zh slip R5-001"]
    for line in reads:
        lang = ["--lang", "zh"] if line.startswith("--lang zh ") else []
        r = as_(office, "liaison", "--store", store, *lang, "-c", line.removeprefix("--lang zh "))
        assert r.returncode == 0, f"{line}: {r.stderr}"
        outputs.append((line, r.stdout + r.stderr))
    assert "R5-001" in outputs[0][1] and "执行工作韧劲不足" in outputs[0][1]
    assert "FY only (unit liaison view)" in outputs[0][1], outputs[0]
    zh = as_(office, "liaison", "--store", store, "--lang", "zh", "-c", "ledger")
    assert "仅 FY（单位联络员视图）" in zh.stdout, zh.stdout
    # Another unit's problem is no problem at all, and what only the whole ledger answers is refused.
    for line, said in [("issue show R5-002", "no issue R5-002"), ("slip R5-002", "no issue R5-002"),
                       ("ledger transfers", "permission denied: ledger needs the reader role"),

                       ("export script all.xc", "permission denied: export script needs the reader role"),
                       ("ledger --unit WY", "")]:
        r = as_(office, "liaison", "--store", store, "-c", line)
        outputs.append((line, r.stdout + r.stderr))
        if said:
            assert r.returncode != 0 and said in r.stderr, f"{line}: {r.stdout}{r.stderr}"
    assert not (office["shared"] / "all.xc").exists()
    # The audit log is the liaison's own rows alone.
    mine = as_(office, "liaison", "--store", store, "-c", 'issue rule R5-001 "建立执行案件督办制度"', "-c", "audit log")
    assert mine.returncode == 0, mine.stderr
    assert [l.split()[2] for l in mine.stdout.splitlines() if l.strip()[:1].isdigit()] == [office["names"]["liaison"]], mine.stdout
    outputs.append(("audit log", mine.stdout))
    # The report and a workbook are of FY alone.
    report = office["homes"]["liaison"] / "fy.html"
    r = as_(office, "liaison", "--store", store, "-c", f"report html {report}")
    assert r.returncode == 0, r.stderr
    page = report.read_text()
    assert "FY only" in page and "执行工作韧劲不足" in page
    outputs.append(("report html", page))
    csv = office["homes"]["liaison"] / "fy.csv"
    assert as_(office, "liaison", "--store", store, "-c", f"ledger --out {csv}").returncode == 0
    outputs.append(("ledger --out", csv.read_text()))
    # Workbooks: every text of every sheet.
    import zipfile
    for line in ["ledger --out {}", "ledger units --out {}", "report xlsx {}"]:
        book = office["homes"]["liaison"] / f"fy{len(outputs)}.xlsx"
        r = as_(office, "liaison", "--store", store, "-c", line.format(book))
        assert r.returncode == 0, f"{line}: {r.stderr}"
        with zipfile.ZipFile(book) as z:
            xml = "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith(".xml"))
        assert "FY" in xml
        outputs.append((line, xml))
    # An error may quote what the liaison typed; nothing else of another unit may appear.
    for typed, text in outputs:
        shown = text
        for word in typed.split():
            shown = shown.replace(word, "")
        for secret in SECRETS:
            assert secret not in shown, f"{secret!r} leaked to the liaison by {typed}:\n{text}"
        # No transfer id at all, whichever problem it came from, nor the history line a transfer adds.
        assert not re.search(r"T-\d", shown), f"a transfer leaked to the liaison by {typed}:\n{text}"
        assert not re.search(r"transferred +T|移交 +T", shown), f"a transfer's history line leaked by {typed}:\n{text}"


def test_completion_offers_a_liaison_its_own_problems_only(office, ledger):
    import pexpect
    n = office["names"]
    cmd = ["-u", n["liaison"], "--", "env", "-i", f"HOME={office['homes']['liaison']}", "LANG=C.UTF-8", "TERM=xterm",
           "PATH=/usr/bin:/bin", office["exe"], "--store", str(ledger)]
    shell = pexpect.spawn("runuser", cmd, encoding="utf-8", timeout=15, dimensions=(40, 160), cwd=str(office["shared"]))
    # A failed expectation must not leave the account busy: its removal would fail.
    try:
        shell.expect(r"> ")
        # With WY's problem among the candidates Tab could only complete up to `R5-00`: a whole
        # id completed, and the command run, shows FY's problem was the only one offered.
        shell.send("issue show R5-00\t")
        shell.sendline("")
        shell.expect("执行工作韧劲不足")
        shell.expect(r"> ")
        shell.send("unit show \t")
        shell.sendline("")
        shell.expect("舞阳县人民法院")
        shell.expect(r"> ")
        seen = shell.before
        # Nothing to offer for transfers, nor another unit's code, even after a double Tab.
        for typed in ["transfer conclude ", "ledger --unit W"]:
            shell.send(typed + "\t\t")
            try:
                shell.expect(pexpect.TIMEOUT, timeout=1.5)
            except pexpect.EOF:
                break
            seen += shell.before or ""
            shell.sendcontrol("c")
            shell.expect(r"> ")
        shell.sendeof()
    finally:
        shell.close(force=True)
    for secret in ("R5-002", "WY", "T-0001"):
        assert secret not in seen.replace("ledger --unit W", ""), f"{secret} offered to the liaison: {seen}"


def test_every_view_a_liaison_gets_says_it_is_of_its_unit_alone(office, ledger):
    store = str(ledger)
    r = as_(office, "admin", "--store", store, "-c", 'issue report R5-001 "已整改" --evidence 纪要.pdf --signed-by 李四',
            "-c", "issue verify R5-001 --pass --by 吴九 --method documents")
    assert r.returncode == 0, r.stderr
    views = ["issue show R5-001", "round show R5", "unit show FY", "round list", "unit list", "slip R5-001", "stats",
             "stats --by unit", "warnings", "ledger"]
    for lang, said in [("en", "FY only (unit liaison view)"), ("zh", "仅 FY（单位联络员视图）")]:
        for line in views:
            r = as_(office, "liaison", "--store", store, "--lang", lang, "-c", line)
            assert r.returncode == 0, f"{line}: {r.stderr}"
            assert said in r.stdout.splitlines()[0], f"{line} ({lang}) does not say whose view it is:\n{r.stdout}"
            # The whole ledger's reader is not told it reads one unit.
            whole = as_(office, "reader", "--store", store, "--lang", lang, "-c", line)
            assert whole.returncode == 0 and "FY only" not in whole.stdout and "仅 FY" not in whole.stdout, whole.stdout
