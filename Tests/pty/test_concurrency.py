"""Several processes on one store and SIGKILL at random moments."""
import json
import re
import subprocess
from collections import Counter

from conftest import REPO, binary, seed, sqlite_only

pytestmark = sqlite_only("writers sharing a file; test_pg_ledger.py runs writers sharing a PostgreSQL ledger")

SETUP = """clock 2024-05-10
unit add FY "舞阳县人民法院" --secretary 李四
round open R5 "第五轮专项巡察" --kind special --from 2024-03-01
round target R5 FY
round feedback R5 --on 2024-05-10 --due +90d
"""


def env(home):
    return {"HOME": str(home), "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin", "XUNCHA_USER": "测试员"}


def test_four_processes_of_250_commands_lose_nothing_and_share_one_numbering(home):
    store = home / "s.db"
    subprocess.run([binary(), "--store", str(store)], input=SETUP.encode(), env=env(home), cwd=home, check=True)
    # Each -c is its own transaction, so the four processes interleave command by command and
    # every one of them registers issues in the same round: the ids come from one counter.
    procs = []
    for p in range(4):
        args = [binary(), "--store", str(store)]
        for k in range(250):
            args += ["-c", f'issue add R5 FY "P{p} #{k}" --category conduct']
        procs.append(subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env(home), cwd=home))
    told = []
    for p, proc in enumerate(procs):
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, f"process {p}: {err.decode(errors='replace')}"
        ids = re.findall(r"^(R5-\d+) registered: P%d #" % p, out.decode(), re.M)
        assert len(ids) == 250, f"process {p} confirmed {len(ids)} of 250"
        told += ids
    assert len(set(told)) == 1000, "two processes were told the same id"

    final = subprocess.run([binary(), "--store", str(store), "-c", "audit verify", "-c", "ledger --format json"],
                           capture_output=True, env=env(home), cwd=home)
    assert final.returncode == 0, final.stderr
    text = final.stdout.decode()
    assert "journal verified: 1004 event(s)" in text, text[:200]
    rows = json.loads(text[text.index("{"):])["rows"]
    ids = [r["id"] for r in rows]
    assert sorted(ids) == sorted(told), "the ledger holds exactly the ids the processes were told"
    assert sorted(int(i.split("-")[1]) for i in ids) == list(range(1, 1001)), "dense from R5-001"
    assert Counter(r["title"].split(" ")[0] for r in rows) == {"P0": 250, "P1": 250, "P2": 250, "P3": 250}


def test_writers_and_readers_at_once_see_files_whole():
    # scripts/stress-test: 4 writers (single commands, files of ten, files of ten that fail on an
    # eleventh line) and 2 readers checking every file they see is 0 or 10 of its issues. A lost
    # update shows as a writer's accepted count differing from the ledger; a file applied line by
    # line shows to a reader as 1–9 of its markers; a failed file shows as any of its markers.
    r = subprocess.run([str(REPO / "scripts/stress-test"), "--seconds", "10", "--binary", binary()],
                       capture_output=True, timeout=180)
    assert r.returncode == 0, r.stdout.decode() + r.stderr.decode()
    summary = r.stdout.decode()
    accepted = int(re.search(r"(\d+) issues accepted", summary).group(1))
    reads = int(re.search(r"read the ledger (\d+) times", summary).group(1))
    assert accepted >= 100 and reads >= 4, summary


def test_twenty_sigkills_of_a_large_run_leave_the_file_wholly_in_or_out():
    # scripts/crash-test (see its header): after each SIGKILL the store opens, audit verify
    # passes, the journal grew by 0 or by the whole file, and the ledger holds exactly the issues
    # of that many whole files. --self-check first proves the checks catch a half-applied file.
    crash = str(REPO / "scripts/crash-test")
    check = subprocess.run([crash, "1", "--lines", "400", "--binary", binary(), "--self-check"],
                           capture_output=True, timeout=120)
    assert check.returncode == 0 and b"caught: the journal grew by 200 rows" in check.stdout, check.stdout
    r = subprocess.run([crash, "20", "--lines", "2000", "--binary", binary(), "--seed", str(seed())],
                       capture_output=True, timeout=300)
    out = r.stdout.decode()
    assert r.returncode == 0, out + r.stderr.decode()
    assert re.search(r"crash-test: 20 kills in \d+ runs", out), out
    assert " 0 failure(s)" in out, out
