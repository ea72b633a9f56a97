"""Bad input: every case of Tests/corpus/bad-input.txt, fed alone to the real binary on
standard input after a fixed setup, gives exactly one clear error and changes nothing."""
import re
import sqlite3
import subprocess
from concurrent.futures import ThreadPoolExecutor

import pytest

from conftest import binary, sqlite_only
from corpus import CORPUS, cases

pytestmark = sqlite_only("compares the store's file through sqlite3")

ERROR = re.compile(r"^<stdin>:1:(\d+): error: (\S.*)$")


def env(home):
    return {"HOME": str(home), "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin", "XUNCHA_USER": "测试员"}


def journal_tail(path):
    db = sqlite3.connect(str(path))
    try:
        return db.execute("SELECT count(*), (SELECT hash FROM journal ORDER BY seq DESC LIMIT 1) FROM journal").fetchone()
    finally:
        db.close()


def digest(path, home):
    r = subprocess.run([binary(), "--store", str(path), "-c", "audit digest"], capture_output=True, env=env(home), cwd=home)
    assert r.returncode == 0, r.stderr
    return r.stdout.strip()


def judge(case, result):
    """What is wrong with one case's outcome, or None."""
    n, data, expected = case
    err = result.stderr.decode("utf-8", errors="replace")
    lines = err.rstrip("\n").split("\n")
    errors = [line for line in lines if ": error: " in line or ": 错误：" in line]
    if result.returncode != 1:
        return f"exit status {result.returncode}"
    if len(errors) != 1:
        return f"{len(errors)} error lines"
    match = ERROR.match(lines[0])
    if not match:
        return f"first line is not <stdin>:1:C: error: …: {lines[0][:120]!r}"
    if any(not line.startswith("  hint: ") for line in lines[1:]):
        return f"more than one error and its hint: {err[:300]!r}"
    if expected and expected not in match.group(2):
        return f"message {match.group(2)[:160]!r} does not say {expected!r}"
    if result.stdout:
        return f"printed {result.stdout[:120]!r}"
    return None


def test_the_corpus_is_large_and_binary_safe():
    all_cases = cases()
    assert len(all_cases) >= 200
    raw = b"".join(data for _, data, _ in all_cases)
    assert b"\x00" in raw and b"\xff" in raw and b"\xed\xa0\x80" in raw, "invalid bytes are real bytes"
    assert max(len(data) for _, data, _ in all_cases) >= 1 << 20, "a 1 MB line"


def test_every_case_is_one_clear_error_and_changes_nothing(home):
    store = home / "s.db"
    setup = subprocess.run([binary(), "--store", str(store), str(CORPUS / "bad-input-setup.xc")],
                           capture_output=True, env=env(home), cwd=home)
    assert setup.returncode == 0, setup.stderr
    before_digest = digest(store, home)
    before_tail = journal_tail(store)

    def run(case):
        r = subprocess.run([binary(), "--store", str(store)], input=case[1] + b"\n", capture_output=True,
                           env=env(home), cwd=home, timeout=60)
        # The journal decides the whole state: the same rows and last hash mean the same ledger.
        problem = judge(case, r) or (None if journal_tail(store) == before_tail else "the journal changed")
        return case[0], problem

    # The cases change nothing, so they may run side by side (which also has them share the store).
    with ThreadPoolExecutor(max_workers=4) as pool:
        failures = [(n, p) for n, p in pool.map(run, cases()) if p]
    assert not failures, "\n".join(f"bad-input.txt:{n}: {p}" for n, p in failures)
    assert digest(store, home) == before_digest
