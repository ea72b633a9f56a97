"""Stores of format 1 (journal + snapshot), written by the release before projection tables, open
with this binary: migrated once by replaying the journal, the old file kept beside the store as
`<store>.v1-backup` (0600, named on stderr), and every ledger, stat and slip exactly as that
release printed it (Tests/fixtures/v1, made by its make.sh; the goldens are listed in each
store's commands.txt and printed with the date of clock.txt). Where a later release changed how
a figure or label is shown on purpose (money in 万元, the category 廉洁建设, full-width punctuation
in Chinese), the goldens were printed again and the change reviewed line by line: the ledger
behind them is the same.

XUNCHA_BIN runs these against another binary: the golden comparisons hold for the release that
made the fixtures too (`XUNCHA_BIN=/path/to/that/xuncha python3 -m pytest … -k golden`).
"""
import difflib
import os
import shutil
import sqlite3
import stat
import subprocess
from pathlib import Path

import pytest

from conftest import REPO, binary, sqlite_only

pytestmark = sqlite_only("stores of format 1 are SQLite files, migrated in place")

FIXTURES = REPO / "Tests/fixtures/v1"
STORES = sorted(p.stem for p in FIXTURES.glob("*.db"))
CLOCK = (FIXTURES / "clock.txt").read_text().strip()


def xuncha_bin():
    return os.environ.get("XUNCHA_BIN") or binary()


def run(home, store, *args, lang="en"):
    env = {"HOME": str(home), "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin", "XUNCHA_USER": "巡察办", "NO_COLOR": "1"}
    return subprocess.run([xuncha_bin(), "--store", str(store), "--clock", CLOCK, "--lang", lang, *args],
                          capture_output=True, env=env, cwd=home, timeout=300)


def goldens(name):
    """(golden file, command, language) for each line of the store's commands.txt."""
    out = []
    for line in (FIXTURES / name / "commands.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        file, command = line.split(None, 1)
        out.append((file, command.strip(), "zh" if ".zh." in file else "en"))
    return out


def golden(name, command):
    """The golden bytes of the first listed file printed by `command`."""
    return next((FIXTURES / name / f).read_bytes() for f, c, lang in goldens(name) if c == command and lang == "en")


def copy_of(home, name):
    store = home / f"{name}.db"
    shutil.copyfile(FIXTURES / f"{name}.db", store)
    os.chmod(store, 0o600)
    return store


def mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


def tables(path):
    db = sqlite3.connect(f"file:{path}?immutable=1", uri=True)
    try:
        return {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        db.close()


def journal_rows(path):
    db = sqlite3.connect(f"file:{path}?immutable=1", uri=True)
    try:
        return db.execute("SELECT seq, at, actor, type, body, prev_hash, hash FROM journal ORDER BY seq").fetchall()
    finally:
        db.close()


def files_of(directory):
    return {p.name: p.read_bytes() for p in directory.iterdir() if p.is_file()}


def mismatch(file, expected, got):
    diff = difflib.unified_diff(expected.decode(errors="replace").splitlines(), got.decode(errors="replace").splitlines(),
                                f"golden/{file}", "now", lineterm="", n=1)
    return "\n".join(list(diff)[:40])


def assert_migration_message(result, store):
    """One line on stderr, naming the backup."""
    lines = result.stderr.decode().splitlines()
    assert len(lines) == 1, f"expected one line on stderr at the first open, got {lines!r}"
    assert f"{store.name}.v1-backup" in lines[0], lines[0]


def test_the_fixtures_are_stores_of_format_1_and_every_golden_is_listed():
    assert set(STORES) == {"demo-baoshan", "demo-luohe", "demo-revisit", "demo-zhengzhou", "every-command", "snapshot"}
    for name in STORES:
        db = sqlite3.connect(f"file:{FIXTURES / name}.db?immutable=1", uri=True)
        try:
            assert db.execute("SELECT value FROM meta WHERE key = 'format'").fetchone() == ("1",), name
            assert {"meta", "journal", "snapshot"} <= tables(FIXTURES / f"{name}.db"), name
            if name == "snapshot":
                # The migration must replay both: what the snapshot holds and what came after it.
                (snapped,), = db.execute("SELECT max(seq) FROM snapshot").fetchall()
                (last,), = db.execute("SELECT max(seq) FROM journal").fetchall()
                assert snapped is not None and 5000 <= snapped < last, (snapped, last)
        finally:
            db.close()
        listed = {f for f, _, _ in goldens(name)}
        assert len(listed) == len(goldens(name)), f"{name}: a golden file is listed twice"
        assert set(files_of(FIXTURES / name)) == listed | {"commands.txt"}, name


@pytest.mark.parametrize("name", STORES)
def test_golden_outputs_are_printed_exactly(home, name):
    store = copy_of(home, name)
    wrong = []
    for n, (file, command, lang) in enumerate(goldens(name)):
        r = run(home, store, "-c", command, lang=lang)
        assert r.returncode == 0, f"{command}: status {r.returncode}: {r.stderr.decode()}"
        if n > 0:
            # Only the first open of a format-1 store may say something (that it was migrated).
            assert r.stderr == b"", f"{command}: {r.stderr.decode()}"
        expected = (FIXTURES / name / file).read_bytes()
        if r.stdout != expected:
            wrong.append(mismatch(file, expected, r.stdout))
    assert not wrong, f"{len(wrong)} golden output(s) differ:\n" + "\n\n".join(wrong)


@pytest.mark.parametrize("name", STORES)
def test_the_first_open_migrates_once_and_keeps_the_old_file(home, name):
    store = copy_of(home, name)
    backup = home / f"{store.name}.v1-backup"
    first = run(home, store, "-c", "stats")
    assert first.returncode == 0, first.stderr.decode()
    assert_migration_message(first, store)
    assert first.stdout == golden(name, "stats")

    assert backup.exists(), "no backup beside the store"
    assert mode(backup) == 0o600, oct(mode(backup))
    assert backup.read_bytes() == (FIXTURES / f"{name}.db").read_bytes(), "the backup is not the old file as it was"
    now = tables(store)
    assert "snapshot" not in now, sorted(now)
    assert {"meta", "journal"} <= now, sorted(now)
    assert journal_rows(store) == journal_rows(FIXTURES / f"{name}.db"), "the journal changed"

    verify = run(home, store, "-c", "audit verify")
    assert verify.returncode == 0, verify.stdout.decode() + verify.stderr.decode()
    assert verify.stderr == b"", verify.stderr.decode()

    before = files_of(home)
    again = run(home, store, "-c", "stats")
    assert again.returncode == 0, again.stderr.decode()
    assert again.stderr == b"", f"a second open migrated again: {again.stderr.decode()}"
    assert again.stdout == first.stdout
    assert files_of(home) == before, "the second open changed a file"

    # The migrated store takes new events on the old chain.
    write = run(home, store, "-c", "set rate.threshold 77")
    # The fixed clock is in the past: on a real store that is a back-entry, said once.
    assert write.returncode == 0, write.stderr.decode()
    assert write.stderr.decode().startswith(f"note: entering with date {CLOCK} (back-entry)"), write.stderr.decode()
    assert len(write.stderr.splitlines()) == 1, write.stderr.decode()
    verify = run(home, store, "-c", "audit verify")
    assert verify.returncode == 0, verify.stdout.decode() + verify.stderr.decode()
    assert len(journal_rows(store)) == len(journal_rows(FIXTURES / f"{name}.db")) + 1


@pytest.mark.parametrize("name", ["every-command", "snapshot"])
def test_a_query_migrates_too(home, name):
    store = copy_of(home, name)
    r = run(home, store, "-c", "ledger")
    assert r.returncode == 0, r.stderr.decode()
    assert_migration_message(r, store)
    assert r.stdout == golden(name, "ledger")
    backup = home / f"{store.name}.v1-backup"
    assert backup.read_bytes() == (FIXTURES / f"{name}.db").read_bytes()
    assert mode(backup) == 0o600
    assert "snapshot" not in tables(store)


def test_an_exported_ledger_of_format_1_runs_into_the_same_digest(home):
    # Its rounds were fed back before report deadlines were kept: run again, they keep none.
    store = copy_of(home, "demo-baoshan")
    exported = run(home, store, "-c", "export script all.xc")
    assert exported.returncode == 0, exported.stderr.decode()
    assert "--no-report-deadline" in (home / "all.xc").read_text(encoding="utf-8")
    before = run(home, store, "-c", "audit digest")
    rebuilt = run(home, home / "rebuilt.db", "all.xc")
    assert rebuilt.returncode == 0, rebuilt.stderr.decode()
    after = run(home, home / "rebuilt.db", "-c", "audit digest")
    assert after.stdout == before.stdout and before.stdout.strip(), (before.stdout, after.stdout)
