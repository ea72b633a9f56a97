"""Ledger tables fitted to 80- and 60-column terminals, in English and in Chinese: ids, dates,
statuses and numbers are never cut, free text gives way first, and the columns left out are
named with the way to see them all."""
import re
import subprocess
import unicodedata

import pytest

from conftest import argv, binary

SETUP = """clock 2024-05-10
unit add FY "舞阳县人民法院" --secretary 李四
unit add JY "教育局" --secretary 王芳
round open R8 "第八轮常规巡察"
round target R8 FY
round target R8 JY
round feedback R8 --on 2024-05-10 --due +90d
issue add R8 FY "执行工作韧劲不足,案件执结率偏低" --category discipline
issue add R8 FY "违规发放津贴补贴" --category integrity
issue add R8 JY "公务接待管理不规范,超标准接待、陪餐人数过多、接待清单与公函不符" --category conduct
issue assign R8-001 --lead 王五 --owner 赵六 --dept 执行局执行指挥中心
issue assign R8-003 --lead 周九 --owner 吴十 --dept 办公室
"""

LANGS = {"en": "C.UTF-8", "zh": "zh_CN.UTF-8"}
HEADERS = {"en": ["id", "status", "due", "overdue"], "zh": ["编号", "状态", "时限", "逾期"]}
STATUS = {"en": ["rectifying", "registered"], "zh": ["整改中", "已登记"]}
LEFT_OUT = {"en": "left out to fit", "zh": "未显示"}


def width(line):
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in line)


@pytest.fixture
def r8(home):
    path = home / "r8.db"
    subprocess.run(argv("--store", str(path)), input=SETUP.encode(), check=True,
                   env={"HOME": str(home), "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"})
    return path


def shown(spawn, store, lang, columns, command):
    c = spawn("--store", str(store), "--clock", "2024-09-01", lang=LANGS[lang])
    c.setwinsize(30, columns)
    c.expect(r"> ")
    c.sendline(command)
    c.expect(r"\r\n(.*?)\r\nxuncha\(", timeout=15)
    return [line.rstrip("\r") for line in c.match.group(1).split("\n")]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("columns", [80, 60])
def test_issue_ledger_fits_and_never_cuts_ids_dates_statuses_or_numbers(spawn, r8, lang, columns):
    lines = shown(spawn, r8, lang, columns, "ledger --round R8")
    text = "\n".join(lines)
    assert all(width(line) <= columns for line in lines), text
    header = next(line for line in lines if line.startswith(HEADERS[lang][0]))
    for h in HEADERS[lang]:
        assert re.search(rf"(^|  ){re.escape(h)}(  |$)", header), (h, text)
    for n in ("R8-001", "R8-002", "R8-003"):
        row = next(line for line in lines if line.startswith(n + " "))
        assert "2024-08-08" in row and " 24" in row, row  # the whole date, 24 days overdue
        assert any(s in row for s in STATUS[lang]), row
    assert "2024-…" not in text and "R8-…" not in text
    # No header is cut; only free text (the problem's title) ends in …
    assert "…" not in header
    assert "…" in text
    assert LEFT_OUT[lang] in text and "--wide" in text, text


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_wide_shows_every_column(spawn, r8, lang):
    lines = shown(spawn, r8, lang, 80, "ledger --round R8 --wide")
    text = "\n".join(lines)
    owner, dept = ("owner", "dept") if lang == "en" else ("责任领导", "责任处室")
    assert owner in text and dept in text and "执行局执行指挥中心" in text
    assert LEFT_OUT[lang] not in text


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_report_that_cannot_drop_columns_is_shown_one_record_per_block(spawn, r8, lang):
    lines = shown(spawn, r8, lang, 40, "warnings --as-of 2024-09-01")
    text = "\n".join(lines)
    assert all(width(line) <= 40 for line in lines), text
    assert any(line.startswith("── FY ") for line in lines), text
    assert any(line.startswith("── JY ") for line in lines), text
    assert "…" not in text
