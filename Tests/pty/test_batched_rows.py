"""A command file's rows reach the store many to a statement (Store/Queries/RowBatch.swift), on
SQLite and, in the PostgreSQL pass, on PostgreSQL: more rows than one statement may carry all
arrive, text of every kind comes back as typed, and a row the store refuses rolls the whole file
back and names the line that wrote it."""
import json
import subprocess

from conftest import argv, on_postgres, store_execute, store_value

ENV_KEYS = {"LANG": "C.UTF-8", "PATH": "/usr/bin:/bin", "XUNCHA_USER": "测试员"}

HEAD = """clock 2024-05-10
unit add FY "舞阳县人民法院" --secretary 李四
round open R5 "第五轮专项巡察" --kind special
round target R5 FY
"""


def run(home, *args, stdin=None):
    return subprocess.run(argv(*args, cwd=home), capture_output=True, text=True, input=stdin,
                          env={"HOME": str(home), **ENV_KEYS}, cwd=home, timeout=300)


def test_a_file_of_more_rows_than_one_statement_may_hold_arrives_whole(home):
    # 7,400 problems: their journal rows alone hold 66,600 values (9 each) and their problem
    # rows 155,400 (21 each), past PostgreSQL's 65,535 parameters and SQLite's 32,766 per
    # statement, so the rows must be split across statements, and none may be lost at a seam.
    n = 7400
    f = home / "many.xc"
    f.write_text(HEAD + "".join(f'issue add R5 FY "问题 {k}" --category conduct\n' for k in range(n)))
    r = run(home, "--store", "s.db", str(f))
    assert r.returncode == 0, r.stderr
    journal = 3 + n  # the clock line is not a journal row
    assert int(store_value(home / "s.db", "SELECT count(*) FROM journal")) == journal
    assert int(store_value(home / "s.db", "SELECT count(DISTINCT seq) FROM journal")) == journal
    assert int(store_value(home / "s.db", "SELECT max(seq) FROM journal")) == journal
    assert int(store_value(home / "s.db", "SELECT count(*) FROM issues")) == n
    assert int(store_value(home / "s.db", "SELECT count(*) FROM issue_history")) == n
    # Each problem's own title, not a neighbour's: a seam that shifted a row would show here.
    for k in (0, 999, 1000, 1023, 1024, 4095, 4096, n - 1):
        assert store_value(home / "s.db", f"SELECT title FROM issues WHERE number = {k + 1}") == f"问题 {k}"
    check = run(home, "--store", "s.db", "-c", "audit verify", "-c", f"expect count = {n}")
    assert check.returncode == 0, check.stdout + check.stderr


# Text as a clerk may type it: quotes of every kind, backslashes, escapes that become a line
# break and a tab, placeholders' look-alikes, SQL comment and statement marks, Chinese and emoji.
TEXTS = [
    "他说\"立即整改\"，不得拖延",
    "O'Brien's 'quoted' text",
    "back\\slash \\n not an escape here",
    "第一行\n第二行\t制表",
    "$1 $2 ? ?? :name @p",
    "-- not a comment; DROP TABLE issues; /* nor this */",
    "「引号」『书名』“弯引号”‘单引号’",
    "👩‍💻 emoji ✓ – — …",
    "   leading and trailing spaces   ",
]


def quoted(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") + '"'


def test_text_of_every_kind_and_missing_values_come_back_as_typed(home):
    lines = [f"issue add R5 FY {quoted(t)} --category conduct --requirement {quoted(t[::-1])}" for t in TEXTS]
    # A problem with only what is required leaves its optional columns NULL.
    lines.append('issue add R5 FY "最少的字段" --category conduct')
    lines.append('issue assign R5-001 --lead "王\'五" --owner "赵\\"六" --dept "执行局" --due 2024-08-10')
    f = home / "texts.xc"
    f.write_text(HEAD + "\n".join(lines) + "\n")
    r = run(home, "--store", "s.db", str(f))
    assert r.returncode == 0, r.stderr
    # As stored, read by the engine's own client (one line of output per row: no line breaks).
    for k, text in enumerate(TEXTS):
        if "\n" not in text:
            assert store_value(home / "s.db", f"SELECT title FROM issues WHERE number = {k + 1}") == text
    out = run(home, "--store", "s.db", "-c", "ledger --format json")
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout[out.stdout.index("{"):])["rows"]
    by_id = {row["id"]: row for row in rows}
    for k, text in enumerate(TEXTS):
        assert by_id[f"R5-{k + 1:03d}"]["title"] == text
    last = f"R5-{len(TEXTS) + 1:03d}"
    assert by_id[last]["title"] == "最少的字段"
    assert store_value(home / "s.db", f"SELECT count(*) FROM issues WHERE id = '{last}' AND due IS NULL AND lead IS NULL "
                                      "AND dept IS NULL AND closed_on IS NULL") in (1, "1")
    assert by_id["R5-001"]["lead"] == "王'五" and by_id["R5-001"]["owner"] == '赵"六'
    # The tables equal a replay of the journal, whose bodies hold the same text as JSON.
    check = run(home, "--store", "s.db", "-c", "audit verify")
    assert check.returncode == 0, check.stdout + check.stderr


def refuse_title(home, title):
    """Makes the store itself refuse a problem row titled `title`, as a constraint or a server
    policy would: the shell cannot know before the row is sent."""
    if on_postgres():
        store_execute(home / "s.db", f"ALTER TABLE issues ADD CONSTRAINT no_such_title CHECK (title <> '{title}')")
    else:
        store_execute(home / "s.db", f"CREATE TRIGGER no_such_title BEFORE INSERT ON issues WHEN NEW.title = '{title}' "
                                     "BEGIN SELECT RAISE(ABORT, 'no such title'); END;")


def test_a_refused_row_rolls_the_file_back_and_names_its_line(home):
    first = run(home, "--store", "s.db", stdin=HEAD)
    assert first.returncode == 0, first.stderr
    refuse_title(home, "拒收")
    # The refused problem sits among 2,500 others, so its row goes out in the middle of a batch.
    lines = [f'issue add R5 FY "问题 {k}" --category conduct' for k in range(2500)]
    lines.insert(1700, 'issue add R5 FY "拒收" --category conduct')
    lines.append('issue assign R5-002 --lead 王五 --owner 赵六 --dept 执行局 --due 2024-08-10')
    f = home / "refused.xc"
    f.write_text("\n".join(lines) + "\n")
    r = run(home, "--store", "s.db", str(f))
    assert r.returncode != 0
    assert f"{f}:1701:1: error: the store refused a row of issues" in r.stderr, r.stderr
    assert r.stderr.count("error:") == 1, r.stderr
    # Nothing of the file: the journal and the tables hold the set-up alone.
    assert int(store_value(home / "s.db", "SELECT count(*) FROM journal")) == 3
    assert int(store_value(home / "s.db", "SELECT count(*) FROM issues")) == 0
    # In Chinese too, and the next command works.
    zh = subprocess.run(argv("--store", "s.db", str(f), cwd=home), capture_output=True, text=True,
                        env={"HOME": str(home), **ENV_KEYS, "LANG": "zh_CN.UTF-8"}, cwd=home)
    assert f"{f}:1701:1: 错误：账本存储拒绝了日志第 " in zh.stderr, zh.stderr
    after = run(home, "--store", "s.db", "-c", 'issue add R5 FY "问题" --category conduct', "-c", "audit verify")
    assert after.returncode == 0, after.stderr
    assert int(store_value(home / "s.db", "SELECT count(*) FROM journal")) == 4


def test_keep_going_does_not_keep_a_file_whose_row_was_refused(home):
    # --keep-going skips lines the rules refuse; a row the store refused is not such a line:
    # part of the file's rows were sent, so the whole file is rolled back and the line named.
    first = run(home, "--store", "s.db", stdin=HEAD)
    assert first.returncode == 0, first.stderr
    refuse_title(home, "拒收")
    lines = [f'issue add R5 FY "问题 {k}" --category conduct' for k in range(300)]
    lines.insert(200, 'issue add R5 FY "拒收" --category conduct')
    lines.insert(250, "issue assign R5-999 --lead 王五 --owner 赵六 --dept 执行局 --due 2024-08-10")
    # A question in the middle of the file sends the rows so far, the refused one among them.
    lines.insert(260, "expect count = 260")
    f = home / "refused.xc"
    f.write_text("\n".join(lines) + "\n")
    r = run(home, "--store", "s.db", "--keep-going", str(f))
    assert r.returncode != 0
    assert f"{f}:251:" in r.stderr and "R5-999" in r.stderr, r.stderr
    assert f"{f}:201:1: error: the store refused a row of issues" in r.stderr, r.stderr
    assert int(store_value(home / "s.db", "SELECT count(*) FROM journal")) == 3
    assert int(store_value(home / "s.db", "SELECT count(*) FROM issues")) == 0
