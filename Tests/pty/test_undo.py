"""undo at the command line: consecutive undos walk back one's own commands; an undone command
is not a later command that depends on them; undo after the process restarted, and when the
last command is someone else's."""
from test_faults import make_store, rows, xuncha


def test_two_undos_walk_back_two_commands(home):
    store = make_store(home)
    before = rows(store)
    r = xuncha(home, "--store", str(store), "-c", "round feedback R5 --on 2024-05-12 --due +60d",
               "-c", 'issue progress R5-001 "集中执行攻坚"', "-c", "undo", "-c", "undo",
               "-c", "expect count = 2")
    assert r.returncode == 0, r.stderr.decode()
    out = r.stdout.decode()
    assert f"undone (seq {before + 2}): issue progress" in out
    assert f"undone (seq {before + 1}): round feedback" in out
    # The journal keeps the commands and their undos; the ledger is as it was.
    assert rows(store) == before + 4
    show = xuncha(home, "--store", str(store), "-c", "round show R5").stdout.decode()
    assert "2024-05-10" in show and "2024-05-12" not in show
    v = xuncha(home, "--store", str(store), "-c", "audit verify")
    assert v.returncode == 0, v.stderr.decode()


def test_a_third_undo_has_nothing_left(home):
    store = make_store(home)
    r = xuncha(home, "--store", str(store), "-c", 'issue progress R5-001 "一"', "-c", "undo", "-c", "undo")
    assert r.returncode == 1
    assert "nothing to undo in this session" in r.stderr.decode()


def test_undo_in_a_new_process_is_refused_and_changes_nothing(home):
    store = make_store(home)
    xuncha(home, "--store", str(store), "-c", 'issue progress R5-001 "一"')
    before = rows(store)
    r = xuncha(home, "--store", str(store), "-c", "undo")
    assert r.returncode == 1 and "nothing to undo in this session" in r.stderr.decode()
    assert rows(store) == before


PROMPT = r"xuncha\([^)]*\) (?:\S+ \(for |\S+（代 )?测试员[^>]*> "


def test_undo_is_refused_when_someone_else_changed_the_same_problem_since(home, spawn):
    store = make_store(home)
    shell = spawn("--store", str(store))
    shell.expect(PROMPT)
    shell.sendline('issue progress R5-001 "我的进展"')
    shell.expect(PROMPT)
    mine = rows(store)
    other = xuncha(home, "--store", str(store), "-c", 'issue progress R5-001 "另一人的进展"', XUNCHA_USER="孙七")
    assert other.returncode == 0, other.stderr.decode()
    shell.sendline("undo")
    # The other's identity entered it for 孙七 (XUNCHA_USER names whom one enters for).
    shell.expect(rf"cannot undo: seq {mine + 1} by \S+ \(for 孙七\) depends on it")
    shell.expect(PROMPT)
    assert rows(store) == mine + 1, "the refused undo wrote nothing"
    # A command of its own on another problem is still undoable past the other's change.
    shell.sendline('issue progress R5-002 "另一个问题"')
    shell.expect(PROMPT)
    shell.sendline("undo")
    shell.expect(r"undone \(seq")
    shell.expect(PROMPT)
    shell.sendeof()
