"""Workbooks (`--format xlsx`, `--out FILE.xlsx`, `report xlsx`) read back by a real spreadsheet.

The Zhengzhou demo plus a second round with an overdue problem, one due soon, formula-like titles
and a transfer with yuan is exported once as csv and as xlsx. LibreOffice (from
`scripts/setup --test`; a missing soffice is a failure, not a skip) converts every sheet of every
workbook to csv, and the values shown must be the csv export's. Cell types, the frozen header,
the filter, the shading and the properties are read from the workbook's own XML.
"""
import csv
import io
import os
import re
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from conftest import REPO, argv, binary
from test_report_html import png_pixels, png_size

USER = "巡察办"
EXTRA = """clock 2024-06-01
unit add ZX "郑州市某中心" --secretary 周强
round open R6 "十一届市委第六轮巡察" --kind special --from 2024-05-01 --to +30d
round target R6 ZX
round feedback R6 --on 2024-06-01 --due +60d
issue add R6 ZX "=HYPERLINK(\\"http://example.com\\",\\"点击\\")" --category conduct --source visit
issue add R6 ZX "车辆管理台账缺失" --category discipline --due 2024-08-10
issue add R6 ZX "+1 公务卡还款不及时" --category integrity --due 2024-08-20
issue add R6 ZX "@项目验收资料不全" --category discipline --due 2024-12-31
issue assign R6-001 --lead 赵六 --owner 钱七 --dept 办公室
transfer add R6-002 --to discipline "违规使用公车线索"
transfer conclude T-0002 --sanctions 1 --handled 2 --recovered 1234567 --refunded 8800
clock 2024-07-01
check ZX --round R6 --on 2024-07-01 --by 第一督查组 --compared report,ledger "台账不全"
assess R6 ZX "整改一般" --grade fair --by 评估组 --method documents
"""
# (name, command) pairs: each is exported as csv and as xlsx with the clock on 2024-08-06.
EXPORTS = [
    ("issues", "ledger issues"),
    ("transfers", "ledger transfers"),
    ("units", "ledger units"),
    ("leaders", "ledger leaders"),
    ("stats", "stats --by unit"),
    ("warnings", "warnings"),
]
# The report's ledger sheets and the export each must equal.
REPORT_SHEETS = {"问题台账": "issues", "移交台账": "transfers", "单位台账": "units", "牵头领导台账": "leaders", "预警": "warnings"}
M = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        pytest.fail("soffice is not installed; run scripts/setup --test")
    return found


def run(home: Path, *args: str, stdin: str = None, env_extra: dict = None) -> subprocess.CompletedProcess:
    env = {"HOME": str(home), "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin", "XUNCHA_USER": USER, **(env_extra or {})}
    return subprocess.run(argv(*args, cwd=home), cwd=home, env=env, capture_output=True, text=True, timeout=300, input=stdin)


def convert(home: Path, target: str, files: list, outdir: Path) -> None:
    """One soffice start for all `files`, with its own profile so it never meets another."""
    outdir.mkdir(exist_ok=True)
    profile = Path(tempfile.mkdtemp(prefix="xuncha-lo-"))
    try:
        r = subprocess.run([soffice(), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", target,
                            "--outdir", str(outdir), *map(str, files)],
                           capture_output=True, text=True, timeout=300, env={**os.environ, "HOME": str(home)})
        assert r.returncode == 0, r.stderr
    finally:
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def books():
    home = Path(tempfile.mkdtemp(prefix="xuncha-xlsx-"))
    assert run(home, "--store", "s.db", str(REPO / "scripts/demo/zhengzhou.xc")).returncode == 0
    (home / "extra.xc").write_text(EXTRA, encoding="utf-8")
    r = run(home, "--store", "s.db", "extra.xc")
    assert r.returncode == 0, r.stderr
    lines = ["clock 2024-08-06"]
    for name, command in EXPORTS:
        lines += [f"{command} --format csv --out {name}.csv", f"{command} --out {name}.xlsx"]
    lines += ["report xlsx report.xlsx --as-of 2024-08-06", "report xlsx r5.xlsx --round R5 --as-of 2024-08-06"]
    (home / "exports.xc").write_text("\n".join(lines) + "\n", encoding="utf-8")
    r = run(home, "--store", "s.db", "--lang", "zh", "exports.xc")
    assert r.returncode == 0, r.stderr
    workbooks = [home / f"{n}.xlsx" for n, _ in EXPORTS] + [home / "report.xlsx", home / "r5.xlsx"]
    # Every sheet of every workbook (the 12th field, -1), shown as formatted (the 9th, true).
    convert(home, "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1", workbooks, home / "csv")
    yield home
    shutil.rmtree(home, ignore_errors=True)


def records(text: str) -> list:
    """csv records with their trailing empty fields dropped (LibreOffice pads every row)."""
    out = []
    for rec in csv.reader(io.StringIO(text.lstrip("\ufeff"))):
        while rec and rec[-1] == "":
            rec.pop()
        out.append(rec)
    return out


def split(recs: list) -> tuple:
    """(table records: header, rows, totals; notes) around the first empty record."""
    blank = recs.index([]) if [] in recs else len(recs)
    return recs[:blank], [r[0] for r in recs[blank + 1:] if r]


def exported(home: Path, name: str) -> tuple:
    recs = records((home / f"{name}.csv").read_text(encoding="utf-8"))
    table, notes = split(recs)
    # The csv's apostrophe before formula-like text is a csv-only guard.
    table = [[c[1:] if c.startswith("'") and c[1:].startswith(FORMULA_STARTS) else c for c in r] for r in table]
    return table, notes


def shown(home: Path, book: str, sheet: str) -> tuple:
    """(title, table records, notes) of one sheet as LibreOffice shows it; yuan without separators."""
    matches = list((home / "csv").glob(f"{book}*{sheet}*.csv"))
    assert len(matches) == 1, f"no single csv of {book}/{sheet}: {sorted(p.name for p in (home / 'csv').iterdir())}"
    recs = records(matches[0].read_text(encoding="utf-8"))
    title, rest = recs[0][0], recs[1:]
    table, notes = split(rest)
    yuan = [i for i, h in enumerate(table[0]) if "（元）" in h or h in ("追缴金额", "清退金额")]
    for r in table[1:]:
        for i in yuan:
            if i < len(r):
                assert re.fullmatch(r"\d{1,3}(,\d{3})*", r[i]), f"yuan not grouped in thousands: {r[i]!r}"
                r[i] = r[i].replace(",", "")
    return title, table, notes


def sheet_names(path: Path) -> list:
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("xl/workbook.xml"))
    return [s.get("name") for s in root.iter(M + "sheet")]


def test_every_sheet_shows_what_the_csv_export_holds(books):
    for name, _ in EXPORTS:
        sheet = sheet_names(books / f"{name}.xlsx")[0]
        title, table, notes = shown(books, name, sheet)
        want, want_notes = exported(books, name)
        assert table == want, f"{name}.xlsx differs from {name}.csv"
        assert len(table) > 1, f"{name}: no rows"
        # The csv's notes are the table's title (when it has one) and the lines under it.
        assert notes == [n for n in want_notes if n != title], name
    # The report: the summary first, then each ledger with the rows of the same export.
    names = sheet_names(books / "report.xlsx")
    assert names == ["汇总", "问题台账", "移交台账", "单位台账", "牵头领导台账", "预警"]
    for sheet, name in REPORT_SHEETS.items():
        title, table, notes = shown(books, "report", sheet)
        want, want_notes = exported(books, name)
        assert table == want, f"report sheet {sheet} differs from {name}.csv"
        assert notes == [n for n in want_notes if n != title], sheet


def test_the_summary_sheet_states_the_figures_and_the_formula(books):
    title, table, notes = shown(books, "report", "汇总")
    assert title == "巡察整改台账 — 全部巡察轮次（截至 2024-08-06）"
    figures = dict(table[1:])
    assert figures["整改率"] == "87.10%"  # 27 closed of 31
    assert figures["问题总数"] == "31" and figures["逾期"] == "1"
    # The red warnings are the overdue problem and the four reports owed past their day (双报告),
    # as the warnings sheet lists them.
    assert figures["红色预警（逾期）"] == "5" and figures["逾期未报整改报告（双报告）"] == "4"
    assert figures["督查（次）"] == "1" and figures["督查单位（个）"] == "1" and figures["评估等次：ZX 郑州市某中心"] == "一般"
    assert figures["追缴（元）"] == "1,347,088" and figures["清退（元）"] == "8,800"
    assert "整改率 27/31 = 87.10%（已销号 ÷ (总数 − 撤销)）" in notes
    # A round's workbook covers only that round.
    _, r5, _ = shown(books, "r5", "汇总")
    assert dict(r5[1:])["整改率"] == "100.00%" and dict(r5[1:])["问题总数"] == "27"


class Sheet:
    """One worksheet's XML with the workbook's strings and styles, cells addressed like B3."""

    def __init__(self, path: Path, index: int):
        with zipfile.ZipFile(path) as z:
            self.raw = z.read(f"xl/worksheets/sheet{index}.xml").decode()
            self.root = ET.fromstring(self.raw)
            strings = ET.fromstring(z.read("xl/sharedStrings.xml")) if "xl/sharedStrings.xml" in z.namelist() else None
            self.strings = ["".join(t.text or "" for t in si.iter(M + "t")) for si in strings] if strings is not None else []
            styles = ET.fromstring(z.read("xl/styles.xml"))
            self.core = z.read("docProps/core.xml").decode()
        formats = {f.get("numFmtId"): f.get("formatCode") for f in styles.iter(M + "numFmt")}
        fills = [f.find(f"{M}patternFill/{M}fgColor") for f in styles.find(M + "fills")]
        self.xfs = [(formats.get(x.get("numFmtId"), x.get("numFmtId")), fills[int(x.get("fillId"))])
                    for x in styles.find(M + "cellXfs")]
        self.cells = {c.get("r"): c for c in self.root.iter(M + "c")}

    def text(self, ref: str):
        c = self.cells.get(ref)
        if c is None:
            return None
        if c.get("t") == "s":
            return self.strings[int(c.find(M + "v").text)]
        if c.get("t") == "inlineStr":
            return "".join(t.text or "" for t in c.iter(M + "t"))
        v = c.find(M + "v")
        return None if v is None else v.text

    def number_format(self, ref: str) -> str:
        return self.xfs[int(self.cells[ref].get("s", "0"))][0]

    def fill(self, ref: str):
        if ref not in self.cells:
            return None
        colour = self.xfs[int(self.cells[ref].get("s", "0"))][1]
        return None if colour is None else colour.get("rgb")

    def row_of(self, first_cell_text: str) -> int:
        for ref in self.cells:
            if ref.startswith("A") and self.text(ref) == first_cell_text:
                return int(ref[1:])
        raise AssertionError(f"no row starting with {first_cell_text}")

    def column_of(self, header: str) -> str:
        for ref, _ in self.cells.items():
            if re.fullmatch(r"[A-Z]+2", ref) and self.text(ref) == header:
                return ref[:-1]
        raise AssertionError(f"no header {header}")


def test_cells_are_typed_and_nothing_is_a_formula(books):
    for path in sorted(books.glob("*.xlsx")):
        with zipfile.ZipFile(path) as z:
            for member in z.namelist():
                if member.startswith("xl/worksheets/"):
                    assert "<f>" not in z.read(member).decode() and "<f " not in z.read(member).decode(), f"formula in {path.name}"
    s = Sheet(books / "issues.xlsx", 1)
    due, overdue, title = s.column_of("时限"), s.column_of("逾期"), s.column_of("问题")
    row = s.row_of("R6-001")
    # A date is a number with a date format; the days overdue a plain number.
    assert s.cells[f"{due}{row}"].get("t") is None and s.number_format(f"{due}{row}") == "yyyy-mm-dd"
    assert float(s.text(f"{due}{row}")) == 45504  # 2024-07-31 as Excel counts days
    assert s.cells[f"{overdue}{row}"].get("t") is None and s.text(f"{overdue}{row}") == "6"
    # Text that looks like a formula is a string cell holding that text.
    assert s.cells[f"{title}{row}"].get("t") in ("s", "inlineStr")
    assert s.text(f"{title}{row}") == '=HYPERLINK("http://example.com","点击")'
    assert s.text(f"{title}{s.row_of('R6-003')}") == "+1 公务卡还款不及时"
    # Counts, yuan and rates are numbers with their formats.
    t = Sheet(books / "transfers.xlsx", 1)
    rec = t.column_of("追缴金额")
    assert t.cells[f"{rec}{t.row_of('T-0002')}"].get("t") is None and t.number_format(f"{rec}{t.row_of('T-0002')}") == "#,##0"
    u = Sheet(books / "units.xlsx", 1)
    rate = u.column_of("整改率")
    assert u.number_format(f"{rate}{u.row_of('SJ')}") == "0.00%" and float(u.text(f"{rate}{u.row_of('SJ')}")) == 1.0


def test_the_header_is_frozen_and_filtered_and_overdue_rows_are_shaded(books):
    s = Sheet(books / "issues.xlsx", 1)
    pane = s.root.find(f"{M}sheetViews/{M}sheetView/{M}pane")
    assert pane is not None and pane.get("state") == "frozen" and pane.get("ySplit") == "2"
    last = 2 + 31
    assert s.root.find(M + "autoFilter").get("ref") == f"A2:Q{last}"
    assert s.text("A1") == "问题整改台账（截至 2024-08-06）"
    red, yellow, plain = s.row_of("R6-001"), s.row_of("R6-002"), s.row_of("R5-001")
    for col in "AIKQ":
        assert s.fill(f"{col}{red}") == "FFFFC7CE", f"{col}{red} not red"
        assert s.fill(f"{col}{yellow}") == "FFFFEB9C", f"{col}{yellow} not yellow"
        assert s.fill(f"{col}{plain}") is None
    # A green warning (due within 20 days but not 10) is not shaded.
    assert s.fill(f"A{s.row_of('R6-003')}") is None
    # Units: the totals row is bold, below the filtered rows.
    u = Sheet(books / "units.xlsx", 1)
    assert u.text(f"A{u.row_of('合计')}") == "合计"
    assert 'creator>巡察办<' in s.core and "问题整改台账（截至 2024-08-06）" in s.core and "2024-08-06" in s.core


def test_a_workbook_prints_as_a_picture_with_its_shading(books):
    convert(books, "pdf", [books / "issues.xlsx"], books / "pdf")
    pdf = books / "pdf" / "issues.pdf"
    assert pdf.exists()
    r = subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(books / "page")],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    data = (books / "page.png").read_bytes()
    width, height = png_size(data)
    assert width > height, "the sheet is printed in landscape"
    colours = {p for row in png_pixels(data)[::2] for p in row}
    assert any(r > 240 and 180 < g < 215 and 190 < b < 220 for r, g, b in colours), "no red row"
    assert any(r > 240 and 225 < g < 245 and 140 < b < 170 for r, g, b in colours), "no yellow row"
    if os.environ.get("XUNCHA_WORKBOOK_PNG"):
        shutil.copy(books / "page.png", os.environ["XUNCHA_WORKBOOK_PNG"])


def test_a_workbook_needs_a_file_is_private_and_is_not_overwritten(books):
    r = run(books, "--store", "s.db", "-c", "ledger --format xlsx")
    assert r.returncode != 0 and "--out" in r.stderr and "xlsx" in r.stderr
    r = run(books, "--store", "s.db", "--lang", "zh", "-c", "台账 --格式 工作簿")
    assert r.returncode != 0 and "须写入文件" in r.stderr
    assert oct((books / "issues.xlsx").stat().st_mode & 0o777) == "0o600"
    assert oct((books / "report.xlsx").stat().st_mode & 0o777) == "0o600"
    before = (books / "units.xlsx").read_bytes()
    r = run(books, "--store", "s.db", "-c", "ledger units --out units.xlsx")
    assert r.returncode != 0 and "units.xlsx exists" in r.stderr
    assert (books / "units.xlsx").read_bytes() == before
    # A workbook that cannot be made (no temporary directory) is reported and leaves no file.
    r = run(books, "--store", "s.db", "--lang", "zh", "-c", "ledger --out tmpless.xlsx", env_extra={"TMPDIR": str(books / "missing")})
    assert r.returncode != 0 and "无法写入 tmpless.xlsx" in r.stderr and "临时目录" in r.stderr
    assert not (books / "tmpless.xlsx").exists()
    r = run(books, "--store", "s.db", "--lang", "en", "-c", "报表 excel en.xlsx --round R5")
    assert r.returncode == 0, r.stderr
    assert sheet_names(books / "en.xlsx") == ["Summary", "Problems", "Transfers", "Units", "Leaders", "Warnings"]


def test_a_large_ledger_is_written_in_constant_memory_with_the_same_rows(home):
    count = 2_101  # above the 2,000 rows that switch libxlsxwriter to constant-memory mode
    lines = ["clock 2024-03-01", 'unit add BG "某大型单位"', 'round open R1 "第一轮" --from 2024-03-01 --to +30d',
             "round target R1 BG", "round feedback R1 --on 2024-04-01 --due +60d"]
    lines += [f'issue add R1 BG "问题 {n}" --category conduct' for n in range(count)]
    lines += ["clock 2024-06-10", "ledger --out big.xlsx", "ledger --format csv --out big.csv"]
    (home / "big.xc").write_text("\n".join(lines) + "\n", encoding="utf-8")
    r = run(home, "--store", "s.db", "big.xc")
    assert r.returncode == 0, r.stderr
    with zipfile.ZipFile(home / "big.xlsx") as z:
        assert "xl/sharedStrings.xml" not in z.namelist(), "strings shared: not constant-memory mode"
    s = Sheet(home / "big.xlsx", 1)
    want, notes = exported(home, "big")
    assert len(want) == count + 1
    got = [[s.text(f"{col}{row}") or "" for col in "ABC"] for row in range(2, count + 3)]
    assert got == [r[:3] for r in want]
    due = s.column_of("时限" if s.text("A2") == "编号" else "due")
    assert s.number_format(f"{due}3") == "yyyy-mm-dd" and s.cells[f"{due}3"].get("t") is None
    assert s.text(f"A{count + 4}") == notes[0]
