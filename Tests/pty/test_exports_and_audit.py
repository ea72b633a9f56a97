"""Exports as a spreadsheet or another tool receives them (the format chosen by the file's
extension; names that a spreadsheet would run as formulas), audit log's filters, and clock now."""
import csv
import datetime
import io
import json

from test_faults import make_store, xuncha

FORMULA_NAMES = """unit add EQ "=HYPERLINK(\\"x\\")" --secretary "=SUM(1)"
round target R5 EQ
issue add R5 EQ "公式单位的问题" --category conduct
issue assign R5-003 --lead "=1+1" --owner "+2" --dept "@SUM(A1)"
"""


def csv_records(data):
    assert data.startswith("\ufeff".encode()), "a BOM so that spreadsheets read UTF-8"
    assert b"\r\n" in data
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_the_extension_picks_csv_json_or_md(home):
    store = make_store(home)
    r = xuncha(home, "--store", str(store), "-c", "ledger --out l.csv", "-c", "ledger --out l.json",
               "-c", "stats --by unit --out s.md", "-c", "ledger units --out u.JSON")
    assert r.returncode == 0, r.stderr.decode()
    records = csv_records((home / "l.csv").read_bytes())
    assert records[0][:2] == ["id", "unit"], records[0]
    assert [row[0] for row in records[1:3]] == ["R5-001", "R5-002"]
    ledger = json.loads((home / "l.json").read_text())
    assert ledger["kind"] == "ledger.issues"
    assert [row["id"] for row in ledger["rows"]] == ["R5-001", "R5-002"]
    assert ledger["formula"] == "closed ÷ (all − withdrawn)"
    md = (home / "s.md").read_text().splitlines()
    assert md[0].startswith("| ") and set(md[1]) <= set("|-: "), md[:2]
    assert any(line.startswith("| FY") for line in md), md
    # An extension in capitals still names the format; an explicit --format wins over it.
    assert json.loads((home / "u.JSON").read_text())["kind"] == "ledger.units"
    r = xuncha(home, "--store", str(store), "-c", "ledger --out forced.json --format csv")
    assert r.returncode == 0, r.stderr.decode()
    assert csv_records((home / "forced.json").read_bytes())[0][0] == "id"


def test_names_starting_like_a_formula_are_neutralised_in_every_csv(home):
    store = make_store(home)
    r = xuncha(home, "--store", str(store), stdin=FORMULA_NAMES.encode())
    assert r.returncode == 0, r.stderr.decode()
    r = xuncha(home, "--store", str(store), "-c", "ledger --out i.csv", "-c", "ledger units --out u.csv",
               "-c", "ledger leaders --out p.csv")
    assert r.returncode == 0, r.stderr.decode()
    issues = csv_records((home / "i.csv").read_bytes())
    row = next(r for r in issues if r and r[0] == "R5-003")
    header = issues[0]
    assert row[header.index("lead")] == "'=1+1"
    assert row[header.index("owner")] == "'+2"
    assert row[header.index("dept")] == "'@SUM(A1)"
    units = csv_records((home / "u.csv").read_bytes())
    unit = next(r for r in units if r and r[0] == "EQ")
    assert "'=HYPERLINK(\"x\")" in unit, unit
    assert "'=SUM(1)" in unit, unit
    leaders = csv_records((home / "p.csv").read_bytes())
    assert any(r and r[0] == "'=1+1" for r in leaders), leaders
    for name in ["i.csv", "u.csv", "p.csv"]:
        for record in csv_records((home / name).read_bytes()):
            for cell in record:
                if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
                    float(cell)  # only a plain (negative) number may start like a formula


def test_audit_log_filters_by_problem_and_by_user(home):
    store = make_store(home)  # R5-001 assigned with progress; R5-002 registered last
    r = xuncha(home, "--store", str(store), "-c", 'issue progress R5-002 "孙七的进展"', "-c", "undo", XUNCHA_USER="孙七")
    assert r.returncode == 0, r.stderr.decode()
    log = lambda *flags: xuncha(home, "--store", str(store), "-c", " ".join(["audit log", *flags])).stdout.decode().splitlines()
    everything = log()
    by_issue = log("--issue", "R5-002")
    # Its registration (the command line has no id yet), the progress, and the undo of it.
    assert len(by_issue) == 3, by_issue
    assert 'issue add "R5" "FY" "违规发放津贴补贴"' in by_issue[0], by_issue
    assert 'issue progress "R5-002" "孙七的进展"' in by_issue[1], by_issue
    assert "孙七" in by_issue[2] and by_issue[2].split()[0] == str(int(by_issue[1].split()[0]) + 1), by_issue
    assert not any("执行工作韧劲不足" in line or "R5-001" in line for line in by_issue), by_issue
    by_user = log("--user", "孙七")
    assert [line.split()[0] for line in by_user] == [line.split()[0] for line in by_issue[1:]], by_user
    assert len(everything) == 8 + 2, everything
    assert log("--issue", "R5-001", "--user", "孙七") == ["no events"]


def test_clock_now_returns_to_the_real_date(home):
    store = make_store(home)
    today = datetime.date.today().isoformat()
    r = xuncha(home, "--store", str(store), "-c", "clock 2024-01-02", "-c", "clock now",
               "-c", 'issue progress R5-001 "今天的进展"', "-c", "audit log --issue R5-001 --limit 1")
    assert r.returncode == 0, r.stderr.decode()
    out = r.stdout.decode()
    assert "2024-01-02" in out
    assert f"clock: {today}" in out, out
    assert today in out.splitlines()[-1], out
