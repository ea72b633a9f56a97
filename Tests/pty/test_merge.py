"""背包巡察 → 汇总: a team takes a copy of the office's ledger on its laptop, records its round
there, and the office brings the round in with `export script FILE --round R5`, run into its
own ledger, which went on meanwhile. Clashes stop the run at their line with nothing applied;
a store tampered with outside xuncha is not exported into lines no command file can hold."""
import json
import shutil
import subprocess

from conftest import argv, binary, on_postgres, sqlite_only, store_args

COMMON = """clock 2024-01-10
unit add FY "舞阳县人民法院" --secretary 李四
unit add WY "舞阳县卫健委" --secretary 周八
round open R4 "第四轮巡察" --kind regular --from 2024-01-02
round target R4 WY
round feedback R4 --on 2024-01-10 --due +90d
issue add R4 WY "药品采购不规范" --category integrity
transfer add R4-001 --to discipline "采购线索"
"""

TEAM = """clock 2024-03-01
user 张组长
unit add XA "舞阳县教育局" --secretary 钱九
round open R5 "第五轮专项巡察" --kind special --from 2024-03-01 --to 2024-04-15
round team R5 "第二巡察组" --leader 张三
round target R5 FY
round target R5 XA
clock 2024-05-10
round feedback R5 --on 2024-05-10 --due +90d
issue add R5 FY "执行工作韧劲不足" --category discipline --source visit
issue add R5 FY "违规发放津贴补贴" --category integrity --source audit --immediate
issue add R5 XA "食堂管理混乱" --category conduct
issue assign R5-001 --lead 王五 --owner 赵六 --dept 执行局
issue assign R5-002 --lead 王五 --owner 赵六 --dept 财务处
issue assign R5-003 --lead 孙一 --owner 孙二 --dept 后勤处
clock 2024-06-01
issue progress R5-001 "集中执行攻坚，157起案件执结"
issue report R5-002 "已清退" --evidence 清退凭证.pdf --signed-by 李四
issue verify R5-002 --pass --by 孙七 --method documents
issue report R5-003 "已整改" --evidence 台账.pdf --signed-by 钱九
issue verify R5-003 --fail --by 孙七 --method onsite "仍不规范"
transfer add R5-002 --to discipline "违规发放补贴线索"
clock 2024-06-20
transfer conclude T-0002 --sanctions 2 --handled 3 --recovered 11252100
"""

OFFICE_MEANWHILE = """clock 2024-05-20
transfer add R4-001 --to organization "干部选任问题"
round open R6 "第六轮巡察" --kind regular --from 2024-05-20
round target R6 WY
"""


def xuncha(home, *args, user="办公室"):
    return subprocess.run(argv(*args, cwd=home), capture_output=True, text=True, cwd=home, timeout=120,
                          env={"HOME": str(home), "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin", "XUNCHA_USER": user})


def run_file(home, store, name, text, user="办公室"):
    (home / name).write_text(text)
    return xuncha(home, "--store", store, name, "--verbose", user=user)


def copy_store(home, source, target):
    """The team's laptop store: a copy of the office's ledger (the file, or on PostgreSQL the
    ledger moved with store copy)."""
    if on_postgres():
        src, dst = store_args(["--store", source], home)[1], store_args(["--store", target], home)[1]
        r = subprocess.run([binary(), "store", "copy", src, dst], capture_output=True, text=True,
                           env={"HOME": str(home), "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"})
        assert r.returncode == 0, r.stderr
    else:
        shutil.copy(home / source, home / target)


def two_ledgers(home):
    """office.db and team.db, started from one ledger, each with its own work since."""
    r = run_file(home, "office.db", "common.xc", COMMON)
    assert r.returncode == 0, r.stderr
    copy_store(home, "office.db", "team.db")
    r = run_file(home, "team.db", "team.xc", TEAM, user="张组长")
    assert r.returncode == 0, r.stderr
    r = run_file(home, "office.db", "office.xc", OFFICE_MEANWHILE)
    assert r.returncode == 0, r.stderr
    r = xuncha(home, "--store", "team.db", "-c", "export script r5.xc --round R5", user="张组长")
    assert r.returncode == 0, r.stderr
    assert "of round R5 exported to r5.xc" in r.stdout, r.stdout
    return (home / "r5.xc").read_text()


def shown(home, store, *commands):
    args = ["--store", store, "--clock", "2024-07-01"]
    for c in commands:
        args += ["-c", c]
    r = xuncha(home, *args)
    assert r.returncode == 0, r.stderr
    return r.stdout


def line_of(script, text):
    return next(n for n, line in enumerate(script.splitlines(), 1) if text in line)


def test_the_teams_round_arrives_in_the_office_ledger(home):
    script = two_ledgers(home)
    assert '--as "R5-003"' in script, script
    assert "T-0002" not in script, "a transfer is named by its problem:\n" + script
    r = xuncha(home, "--store", "office.db", "r5.xc", "--verbose")
    assert r.returncode == 0, r.stderr
    assert "unit FY already defined identically; skipped" in r.stdout, r.stdout
    assert "transfer of R5-002 is T-0003 here" in r.stdout, r.stdout
    assert "unit XA already" not in r.stdout
    # The round reads the same in both ledgers: its problems, their whole history, its units.
    same = ["ledger --round R5 --format csv", "ledger units --round R5 --format csv", "issue show R5-001",
            "issue show R5-003", "round show R5", "audit log --issue R5-001"]
    for command in same:
        team, office = shown(home, "team.db", command), shown(home, "office.db", command)
        if command.startswith("audit log"):
            # The journal's own numbers differ; the dates, actors and commands do not.
            team, office = [[line.split(None, 1)[1] for line in out.splitlines()] for out in (team, office)]
        assert office == team, command
    assert shown(home, "office.db", "issue show R5-002") == shown(home, "team.db", "issue show R5-002").replace("T-0002", "T-0003")
    transfers = json.loads(shown(home, "office.db", "ledger transfers --format json"))["rows"]
    assert [(t["id"], t["issue"]) for t in transfers] == [("T-0001", "R4-001"), ("T-0002", "R4-001"), ("T-0003", "R5-002")]
    assert "journal verified" in shown(home, "office.db", "audit verify")
    shown(home, "office.db", "expect status R5-002 closed", "expect status R5-003 rectifying", "expect count --round R6 = 0")


def test_an_id_the_office_already_used_stops_the_run_at_its_line(home):
    script = two_ledgers(home)
    r = run_file(home, "office.db", "own.xc", 'round open R5 "第五轮专项巡察" --kind special --from 2024-03-01 --to 2024-04-15\n'
                 "round target R5 FY\n" 'issue add R5 FY "办公用房超标" --category conduct\n')
    assert r.returncode == 0, r.stderr
    before = shown(home, "office.db", "audit digest")
    r = xuncha(home, "--store", "office.db", "r5.xc")
    assert r.returncode != 0
    at = line_of(script, '--as "R5-001"')
    assert f"r5.xc:{at}:" in r.stderr, r.stderr
    assert "problem id R5-001 is already used in this ledger (FY: 办公用房超标)" in r.stderr, r.stderr
    assert "nothing applied" in r.stderr, r.stderr
    assert shown(home, "office.db", "audit digest") == before
    assert "XA" not in shown(home, "office.db", "unit list")


def test_a_unit_defined_differently_is_an_error_at_its_line(home):
    script = two_ledgers(home)
    assert xuncha(home, "--store", "office.db", "-c", "unit secretary FY 王某").returncode == 0
    before = shown(home, "office.db", "audit digest")
    r = xuncha(home, "--store", "office.db", "r5.xc")
    assert r.returncode != 0
    at = line_of(script, 'unit add "FY"')
    assert f"r5.xc:{at}:" in r.stderr, r.stderr
    assert "unit FY is defined differently here: secretary “王某” here, “李四” in this line" in r.stderr, r.stderr
    assert shown(home, "office.db", "audit digest") == before


@sqlite_only("the journal is tampered with through the sqlite3 shell")
def test_a_store_holding_control_characters_is_not_exported_into_unreadable_lines(home):
    two_ledgers(home)
    # Someone with the file drops the journal's defence and slips an escape into a progress note.
    sql = ("DROP TRIGGER journal_no_update;"
           "UPDATE journal SET body = replace(body, '集中执行攻坚', '集中执行攻坚\\u001b]0;pwned\\u0007') WHERE type LIKE 'progress%';")
    subprocess.run(["sqlite3", str(home / "team.db"), sql], check=True)
    seq = subprocess.run(["sqlite3", str(home / "team.db"), "SELECT seq FROM journal WHERE body LIKE '%pwned%'"],
                         capture_output=True, text=True, check=True).stdout.strip()
    assert seq, "the tampering reached the journal"
    for export in ["export script all.xc", "export script part.xc --round R5"]:
        r = xuncha(home, "--store", "team.db", "-c", export)
        assert r.returncode != 0, export
        assert f"cannot export: the journal's row {seq} holds text no command line can carry (control character U+001B is not allowed)" in r.stderr, r.stderr
        assert "\x1b" not in r.stderr
    assert not (home / "all.xc").exists() and not (home / "part.xc").exists()
