"""Nothing a store holds can drive the terminal: a store changed through the sqlite3 shell to
carry an escape sequence (window title, colour), a bidi override and a zero-width space in its
rows and journal shows them as readable escapes in every output, while exports keep them exact."""
import json
import subprocess

import pexpect

from conftest import binary, sqlite_only

# What a tamperer writes: set the window title, turn the text red, reverse the line, hide a gap.
ATTACK = "\x1b]0;pwned\x07\x1b[31m\u202e\u200b"
SHOWN = "\\x1b]0;pwned\\x07\\x1b[31m\\u{202e}\\u{200b}"
RAW = ["\x1b", "\x07", "\u202e", "\u200b"]
# The line editor moves the cursor with escapes of its own (ESC [ K); the attack's are these.
ATTACK_PARTS = ["\x1b]", "\x07", "\x1b[31m", "\u202e", "\u200b"]
PROMPT = r"xuncha\([^)]*\) [^>]*> "


def sql_text(text):
    """text as an SQLite expression made of char() codes, so no raw byte sits in the command."""
    return "char(" + ",".join(str(ord(ch)) for ch in text) + ")"


def tampered(home, store):
    """Closes R5-002, then edits the rows and the journal as someone with the file could."""
    env = {"HOME": str(home), "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin", "XUNCHA_USER": "测试员"}
    subprocess.run([binary(), "--store", str(store), "-c",
                    "issue verify R5-002 --pass --by 孙七 --method documents,onsite,interview"],
                   check=True, env=env, capture_output=True)
    a = sql_text(ATTACK)
    # In the journal's JSON body the attack is written with JSON escapes, which decode to it.
    body = json.dumps(ATTACK)[1:-1].replace("'", "''")
    sql = (f"UPDATE issues SET title = '执行' || {a}, lead = '王' || {a} WHERE id IN ('R5-001', 'R5-002');"
           f"UPDATE units SET name = '法院' || {a};"
           f"UPDATE issue_history SET detail = detail || {a}, actor = '测试员' || {a};"
           "DROP TRIGGER journal_no_update;"
           f"UPDATE journal SET body = replace(body, '已整改', '已整改{body}');")
    subprocess.run(["sqlite3", str(store), sql], check=True)
    # The typed-command history beside the store, in libedit's format (\\040 is a space).
    (home / (store.name + ".history")).write_text("_HiStOrY_V2_\nledger\\040" + ATTACK + "\n")


def clean(text, what, editor=False):
    for raw in ATTACK_PARTS if editor else RAW:
        assert raw not in text, f"{what} wrote {raw!r} raw to the terminal: {text!r}"


@sqlite_only("the store is tampered with through the sqlite3 shell")
def test_every_output_of_a_tampered_store_shows_the_escapes(spawn, home, store):
    tampered(home, store)
    # The prompt names the store's file, whose name can hold the attack too.
    named = home / ("账本" + ATTACK + ".db")
    store.rename(named)
    (home / (store.name + ".history")).rename(home / (named.name + ".history"))
    c = spawn("--store", str(named))
    c.expect(PROMPT)
    clean(c.before + c.after, "the prompt", editor=True)
    assert "账本\\x1b" in c.after
    for command, where in [("ledger", "执行"), ("issue show R5-002", "history"), ("slip R5-002", "R5-002"),
                           ("unit show FY", "FY"), ("unit list", "FY"), ("audit log", "R5-002"),
                           ("warnings", ""), ("history", "ledger")]:
        c.sendline(command)
        c.expect(PROMPT)
        shown = c.before
        clean(shown, command)
        assert where in shown, (command, shown)
        if command != "warnings":
            assert SHOWN in shown, (command, shown)
    # The actor of a history row, changed in the table, is shown escaped as well.
    c.sendline("issue show R5-001")
    c.expect(PROMPT)
    assert "测试员\\x1b" in c.before
    # Completion offers the tampered lead as it is shown.
    c.send("ledger --lead 王\t\t")
    c.expect(r"\\u\{200b\}")
    c.send("\x15\r")
    c.expect(PROMPT)
    clean(c.before + c.after, "completion", editor=True)
    c.sendline("quit")
    c.expect(pexpect.EOF)
    clean(c.before, "the end", editor=True)


@sqlite_only("the store is tampered with through the sqlite3 shell")
def test_the_table_stays_aligned_around_an_escaped_title(spawn, home, store):
    tampered(home, store)
    c = spawn("--store", str(store))
    c.expect(PROMPT)
    c.sendline("ledger --wide")
    c.expect(PROMPT)
    lines = [l for l in c.before.splitlines() if l.startswith("R5-00")]
    # The column after the title (the category) starts in the same terminal column on every row.
    starts = {columns(l[:min(l.find(w) for w in ("discipline", "integrity", "conduct") if w in l)]) for l in lines}
    assert len(lines) == 3 and len(starts) == 1, lines
    assert SHOWN in lines[0] or SHOWN in lines[1]


def columns(text):
    """Terminal columns of text: East Asian wide characters take two."""
    import unicodedata
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


@sqlite_only("the store is tampered with through the sqlite3 shell")
def test_exports_keep_the_exact_text(home, store):
    tampered(home, store)
    env = {"HOME": str(home), "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin", "XUNCHA_USER": "测试员"}
    piped = subprocess.run([binary(), "--store", str(store), "-c", "ledger --format csv"],
                           capture_output=True, env=env, check=True)
    assert ("执行" + ATTACK).encode() in piped.stdout
    out = home / "l.json"
    subprocess.run([binary(), "--store", str(store), "-c", f"ledger --out {out}"], capture_output=True, env=env,
                   check=True)
    assert "执行" + ATTACK in [row["title"] for row in json.loads(out.read_text())["rows"]]
    # Shown on a pipe, a table is still made visible.
    table = subprocess.run([binary(), "--store", str(store), "-c", "issue show R5-001"],
                           capture_output=True, env=env, check=True)
    assert b"\x1b" not in table.stdout and SHOWN.encode() in table.stdout
