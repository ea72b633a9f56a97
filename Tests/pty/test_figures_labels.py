"""Figures and labels as an office reads them: money in 万元 on screen and exact yuan in
exports, one kind of category label, a returned problem marked as returned, no rate that only
restates a status filter, and --due-within that means due soon, not overdue."""
import csv
import io
import json
import subprocess

from conftest import argv, binary

SETUP = """clock 2024-05-01
unit add FY "舞阳县人民法院" --secretary 李四
round open R5 "第五轮专项巡察" --kind special
round target R5 FY
round feedback R5 --on 2024-05-10 --due 2024-06-30
issue add R5 FY "违规发放津贴补贴" --category integrity
issue add R5 FY "公务接待不规范" --category conduct
issue add R5 FY "执行案款发放不及时" --category discipline
issue assign R5-001 --lead 王五 --owner 赵六 --dept 财务处
issue assign R5-002 --lead 王五 --owner 赵六 --dept 办公室 --due 2024-07-20
issue assign R5-003 --lead 王五 --owner 赵六 --dept 执行局 --due 2024-07-03
issue report R5-001 已整改 --evidence a.pdf --signed-by 李四
issue verify R5-001 --fail --by 孙七 --method documents
issue report R5-002 已整改 --evidence b.pdf --signed-by 李四
issue verify R5-002 --pass --by 孙七 --method documents,onsite
transfer add R5-001 --to discipline "违规发放津贴补贴问题线索"
transfer conclude T-0001 --sanctions 1 --handled 4 --recovered 11252100 --refunded 2200
clock 2024-07-02
"""


def ledger_store(home):
    (home / "setup.xc").write_text(SETUP)
    r = xuncha(home, "setup.xc")
    assert r.returncode == 0, r.stderr


def xuncha(home, *args, lang="C.UTF-8"):
    env = {"HOME": str(home), "LANG": lang, "PATH": "/usr/bin:/bin", "XUNCHA_USER": "测试员"}
    # A sandbox copy keeps the simulated clock of the story free.
    return subprocess.run(argv("--store", "s.db", "--clock", "2024-07-02", *args, cwd=home), cwd=home, env=env,
                          capture_output=True, text=True)


def test_money_in_wan_yuan_on_screen_and_exact_yuan_in_exports(home):
    ledger_store(home)
    zh = xuncha(home, "-c", "ledger transfers", lang="zh_CN.UTF-8").stdout
    assert "1,125.21 万元" in zh and "2,200 元" in zh, zh
    assert "11252100" not in zh
    assert "追缴 1,125.21 万元，清退 2,200 元" in zh
    en = xuncha(home, "-c", "ledger transfers").stdout
    assert "11,252,100 yuan recovered, 2,200 yuan refunded" in en, en
    rows = list(csv.reader(io.StringIO(xuncha(home, "-c", "ledger transfers --format csv", lang="zh_CN.UTF-8").stdout.lstrip("\ufeff"))))
    header = rows[0]
    assert rows[1][header.index("追缴金额")] == "11252100"
    assert rows[1][header.index("清退金额")] == "2200"
    data = json.loads(xuncha(home, "-c", "ledger transfers --format json").stdout)
    assert data["rows"][0]["recovered"] == 11252100 and data["summary"]["recovered"] == 11252100


def test_every_category_has_the_same_kind_of_label(home):
    ledger_store(home)
    zh = xuncha(home, "-c", "ledger", lang="zh_CN.UTF-8").stdout
    assert "廉洁建设" in zh and "作风建设" in zh and "纪律建设" in zh, zh
    # The short word still works as typed.
    r = xuncha(home, "-c", "ledger --category 廉洁 --format csv", lang="zh_CN.UTF-8")
    assert r.returncode == 0 and "R5-001" in r.stdout, r.stderr


def test_a_problem_returned_by_a_failed_verification_is_marked_returned(home):
    ledger_store(home)
    zh = xuncha(home, "-c", "ledger", lang="zh_CN.UTF-8").stdout
    line = next(l for l in zh.splitlines() if l.startswith("R5-001"))
    assert "整改中（退回）" in line, zh
    assert "退回" not in next(l for l in zh.splitlines() if l.startswith("R5-003"))
    en = xuncha(home, "-c", "issue show R5-001").stdout
    assert "rectifying (returned)" in en, en
    # The export keeps the plain status word.
    data = json.loads(xuncha(home, "-c", "ledger --format json").stdout)
    assert data["rows"][0]["status"] == "rectifying"


def test_a_ledger_filtered_by_status_prints_no_rate_that_restates_the_filter(home):
    ledger_store(home)
    closed = xuncha(home, "-c", "ledger --status closed").stdout
    assert "100.00%" not in closed, closed
    assert "no rate: the rows are chosen by status" in closed
    zh = xuncha(home, "-c", "台账 --状态 已销号", lang="zh_CN.UTF-8").stdout
    assert "按状态筛选，不计算整改率" in zh, zh
    # Unfiltered, the rate is there with its formula.
    assert "rate 1/3 = 33.33%" in xuncha(home, "-c", "ledger").stdout


def test_due_within_means_open_and_due_in_the_next_days_not_overdue(home):
    ledger_store(home)
    # On 2024-07-02: R5-001 was due 2024-06-30 (2 days overdue), R5-003 is due 2024-07-03.
    r = xuncha(home, "-c", "ledger --due-within 5d --format csv")
    ids = [row[0] for row in csv.reader(io.StringIO(r.stdout.lstrip("\ufeff"))) if row][1:]
    assert "R5-003" in ids and "R5-001" not in ids, r.stdout
    overdue = xuncha(home, "-c", "ledger --overdue --format csv").stdout
    assert "R5-001" in overdue
    assert xuncha(home, "-c", "expect count --due-within 5d = 1").returncode == 0
