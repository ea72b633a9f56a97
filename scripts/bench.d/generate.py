#!/usr/bin/env python3
"""Generates one benchmark workload in three forms, deterministically (seeded):

  workload.xc   a xuncha command file: the full lifecycle of every problem (units, rounds with
                teams, targets and feedback; register, assign, progress, report, verify with
                some failures, long-term verdicts, withdrawals, transfers and their conclusions,
                rules, a few supervision acts), in date order with `clock` lines;
  load.sql      the final rows (issues, transfers, units) for `sqlite3 new.sqlite < load.sql`,
                in one transaction, one INSERT a row (as `.dump` writes them);
  tasks.json    the same problems as Taskwarrior tasks (project = unit, tags = category and
                source, UDAs for round, status, lead, owner, dept), for `task import`;
  session.txt   a few hundred typical interactive commands for the latency run, one a line,
                against the store the workload builds (uses ids that exist in it);
  taskrc        the Taskwarrior configuration (UDAs, no hooks, no confirmations).

Usage: generate.py city|province|nation OUTDIR   (stdlib only)
"""

import json
import os
import random
import sys
import uuid
from datetime import date, timedelta

SIZES = {
    # units, rounds, issues, days between round starts
    "city": (30, 9, 2000, 120),
    "province": (830, 200, 50000, 11),
    # Ten times a province: how cost grows with the store (rounds two days apart, so the dates
    # stay within a dozen years).
    "nation": (8300, 2000, 500000, 2),
}

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰建国红梅志新海波宁斌宇浩凯鹏飞云峰琳晶莉鑫"
PLACES = ["市", "舞阳县", "郾城区", "源汇区", "召陵区", "临颍县", "中原区", "二七区", "金水区", "管城区", "惠济区",
          "上街区", "巩义市", "荥阳市", "新密市", "新郑市", "登封市", "中牟县", "盘龙区", "五华区", "官渡区",
          "西山区", "呈贡区", "晋宁区", "安宁市", "富民县", "宜良县", "石林县", "嵩明县", "禄劝县", "寻甸县"]
ORGS = ["人民法院", "人民检察院", "公安局", "财政局", "教育局", "卫生健康委员会", "自然资源局", "住房和城乡建设局",
        "交通运输局", "水利局", "农业农村局", "商务局", "文化广电和旅游局", "市场监督管理局", "应急管理局",
        "人力资源和社会保障局", "民政局", "生态环境局", "审计局", "统计局", "医疗保障局", "城市管理局",
        "发展和改革委员会", "工业和信息化局", "退役军人事务局", "林业局", "供销合作社", "总工会", "团委", "妇联"]
DEPTS = ["办公室", "机关党委", "组织人事处", "政策法规处", "计划财务处", "财务处", "执行局", "综合科", "业务科", "纪检组"]
PROBLEMS = [
    ("学习贯彻党的创新理论不够深入", "political"), ("落实“第一议题”制度不严格", "political"),
    ("意识形态工作责任制落实不到位", "ideological"), ("贯彻落实重大决策部署有差距", "political"),
    ("理论学习中心组学习流于形式", "ideological"), ("民主集中制执行不到位", "organizational"),
    ("重大事项请示报告不及时", "political"), ("巡察整改主体责任压得不实", "political"),
    ("基层党组织“三会一课”落实不规范", "organizational"), ("发展党员程序不严谨", "organizational"),
    ("干部选拔任用程序不规范", "organizational"), ("干部人事档案管理不严格", "organizational"),
    ("党费收缴管理不规范", "organizational"), ("年轻干部培养力度不够", "organizational"),
    ("违规发放津贴补贴", "integrity"), ("公务接待管理不规范", "conduct"), ("公务用车使用管理不严格", "conduct"),
    ("政府采购程序不规范", "integrity"), ("财务报销审核把关不严", "discipline"),
    ("形式主义官僚主义问题依然存在", "conduct"), ("文山会海问题仍较突出", "conduct"),
    ("项目资金监管存在漏洞", "integrity"), ("廉政风险防控机制不健全", "integrity"),
    ("执行工作韧劲不足", "discipline"), ("办案质效不高", "discipline"), ("窗口服务态度生硬", "conduct"),
    ("群众反映强烈的问题解决不力", "conduct"), ("国有资产管理不规范", "integrity"),
    ("合同管理存在风险", "discipline"), ("工程项目招投标不规范", "integrity"),
]
SOURCES = ["interview", "visit", "letter", "hotline", "online", "documents", "audit", "other"]
KINDS = ["regular", "regular", "regular", "special", "mobile", "revisit", "escalated", "cross"]
METHOD_SETS = ["documents", "documents,onsite", "documents,onsite,survey", "documents,interview", "onsite,visit"]
REPORTS = ["已完成整改,建立长效机制", "已整改到位,相关制度已修订", "问题已纠正,资金已追回", "已立行立改", "整改完成,经党组会议审议"]
PROGRESS = ["已制定整改方案,明确责任分工", "已召开专题会议研究部署", "整改工作有序推进,完成过半", "已开展专项自查"]
RULES = ["制定专项管理办法", "修订财务报销制度", "建立督办台账制度", "完善议事决策规则", "建立廉政风险防控清单"]
TRANSFERS = ["违规发放补贴线索", "干部违规经商办企业线索", "工程项目违规问题线索", "选人用人问题", "违规收受礼金线索"]
OFFICE = ["孙七", "周巡", "吴察", "郑督", "冯验", "陈核"]
BASE = date(2018, 1, 8)


class Issue:
    __slots__ = ("rnd", "unit", "title", "category", "source", "mode", "registered", "due", "lead", "owner", "dept",
                 "handler", "status", "closed", "returned", "id", "transfer")

    def __init__(self, rnd, unit, title, category, source, mode, registered):
        self.rnd, self.unit, self.title, self.category, self.source, self.mode = rnd, unit, title, category, source, mode
        self.registered, self.due = registered, None
        self.lead = self.owner = self.dept = self.handler = None
        self.status, self.closed, self.returned, self.id, self.transfer = "registered", None, 0, None, None


class Transfer:
    __slots__ = ("issue", "to", "summary", "on", "concluded", "outcome", "id")

    def __init__(self, issue, to, summary, on):
        self.issue, self.to, self.summary, self.on = issue, to, summary, on
        self.concluded, self.outcome, self.id = None, None, None


def q(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def sql(text):
    return "NULL" if text is None else "'" + str(text).replace("'", "''") + "'"


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in SIZES:
        sys.exit("usage: generate.py city|province|nation OUTDIR")
    size, out = sys.argv[1], sys.argv[2]
    n_units, n_rounds, n_issues, step = SIZES[size]
    rng = random.Random(20240510 + n_issues)
    os.makedirs(out, exist_ok=True)

    def person(used):
        while True:
            name = rng.choice(SURNAMES) + rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.6 else "")
            if name not in used and name not in OFFICE:
                used.add(name)
                return name

    used = set()
    units = []
    for u in range(n_units):
        code = "U%03d" % (u + 1)
        name = PLACES[u % len(PLACES)] + ORGS[(u // len(PLACES) + u) % len(ORGS)] + ("" if u < 900 else str(u))
        units.append({"code": code, "name": name, "secretary": person(used),
                      "leads": [person(used) for _ in range(3)], "owners": [person(used) for _ in range(4)],
                      "handlers": [person(used) for _ in range(3)]})

    # Timeline entries: (day, rank within the day, creation order, kind, payload). Ids of issues
    # and transfers are given in file order when the sorted timeline is written out.
    timeline = []
    order = [0]

    def at(day, rank, kind, payload):
        order[0] += 1
        timeline.append((day, rank, order[0], kind, payload))

    issues, transfers = [], []
    per_round_targets = -(-n_units * 6 // 5 // n_rounds)
    for r in range(n_rounds):
        code = "R%d" % (r + 1)
        start = BASE + timedelta(days=r * step)
        targets = [units[(r * per_round_targets + j) % n_units] for j in range(per_round_targets)]
        kind = KINDS[r % len(KINDS)]
        at(start, 0, "line", "round open %s %s --kind %s --from %s --to %s" % (
            code, q("第%d轮%s巡察" % (r + 1, "专项" if kind == "special" else "")), kind, start, start + timedelta(days=45)))
        at(start, 0, "line", "round team %s %s --leader %s" % (code, q("第%d巡察组" % (r % 12 + 1)), OFFICE[r % len(OFFICE)]))
        for t in targets:
            at(start, 0, "line", "round target %s %s" % (code, t["code"]))
        feedback = start + timedelta(days=55)
        round_due = feedback + timedelta(days=90)
        at(feedback, 2, "line", "round feedback %s --on %s --due %s" % (code, feedback, round_due))
        count = n_issues // n_rounds + (1 if r < n_issues % n_rounds else 0)
        for k in range(count):
            unit = targets[k % len(targets)]
            title, category = rng.choice(PROBLEMS)
            if rng.random() < 0.5:
                title = title + "(第%d项)" % (k + 1)
            mode = "immediate" if rng.random() < 0.05 else "deadline"
            added = start + timedelta(days=rng.randint(1, 40))
            i = Issue(code, unit, title, category, rng.choice(SOURCES), mode, added)
            i.due = round_due
            issues.append(i)
            at(added, 1, "add", i)
            roll = rng.random()
            if roll < 0.03:
                at(feedback + timedelta(days=rng.randint(1, 10)), 3, "withdraw", i)
                continue
            if roll < 0.05:
                continue  # never assigned: still registered, overdue by now
            day = feedback + timedelta(days=rng.randint(1, 10))
            own_due = day + timedelta(days=rng.choice([30, 60, 90, 180])) if rng.random() < 0.3 else None
            i.lead, i.owner, i.dept = rng.choice(unit["leads"]), rng.choice(unit["owners"]), rng.choice(DEPTS)
            i.handler = rng.choice(unit["handlers"]) if rng.random() < 0.2 else None
            i.due = own_due or round_due
            i.status = "rectifying"
            at(day, 3, "assign", (i, own_due))
            if rng.random() < 0.04:
                day += timedelta(days=rng.randint(5, 20))
                at(day, 4, "progress", i)
            if rng.random() < 0.03:
                t = Transfer(i, rng.choice(["discipline", "discipline", "organization", "other"]), rng.choice(TRANSFERS),
                             day + timedelta(days=rng.randint(1, 15)))
                transfers.append(t)
                at(t.on, 7, "transfer", t)
                if rng.random() < 0.8:
                    t.concluded = t.on + timedelta(days=rng.randint(30, 120))
                    t.outcome = (rng.randint(0, 3), rng.randint(0, 5), rng.choice([0, 0, 50000, 120000, 11252100]), 0)
                    at(t.concluded, 8, "conclude", t)
            if roll < 0.15:
                continue  # still rectifying (some overdue)
            day += timedelta(days=rng.randint(20, 100))
            at(day, 5, "report", i)
            i.status = "reported"
            if roll < 0.19:
                continue  # reported, waiting for verification
            if roll < 0.23:
                day += timedelta(days=rng.randint(3, 15))
                at(day, 6, "fail", i)
                i.returned += 1
                day += timedelta(days=rng.randint(5, 20))
                at(day, 5, "report", i)
            day += timedelta(days=rng.randint(3, 15))
            if roll < 0.24:
                at(day, 6, "longterm", i)
                i.status = "longterm"
                continue
            at(day, 6, "pass", i)
            i.status, i.closed = "closed", day
            if rng.random() < 0.025:
                at(day + timedelta(days=rng.randint(1, 30)), 7, "rule", i)
        if r % 4 == 3:
            u = targets[0]
            at(feedback + timedelta(days=100), 7, "line", "urge %s --kind %s %s" % (
                u["code"], rng.choice(["notice", "letter", "talk"]), q("整改进度滞后,请加快推进")))

    timeline.sort(key=lambda e: (e[0], e[1], e[2]))
    next_issue = {}
    next_transfer = [1]
    lines = ["# xuncha benchmark workload (%s): %d units, %d rounds, %d problems; generated by scripts/bench.d/generate.py"
             % (size, n_units, n_rounds, n_issues), "clock %s" % BASE, "user 巡察办"]
    for u in units:
        lines.append("unit add %s %s --secretary %s" % (u["code"], q(u["name"]), u["secretary"]))
    clock = BASE
    for day, _, _, kind, p in timeline:
        if day != clock:
            lines.append("clock %s" % day)
            clock = day
        if kind == "line":
            lines.append(p)
        elif kind == "add":
            n = next_issue.get(p.rnd, 1)
            next_issue[p.rnd] = n + 1
            p.id = "%s-%03d" % (p.rnd, n)
            # One clerk in five types the Chinese command words.
            verb = "问题 登记" if n % 5 == 0 else "issue add"
            lines.append("%s %s %s %s --category %s --source %s%s" % (
                verb, p.rnd, p.unit["code"], q(p.title), p.category, p.source, " --immediate" if p.mode == "immediate" else ""))
        elif kind == "withdraw":
            p.status = "withdrawn"
            lines.append("issue withdraw %s %s" % (p.id, q("重复登记,已合并")))
        elif kind == "assign":
            i, own_due = p
            lines.append("issue assign %s --lead %s --owner %s --dept %s%s%s" % (
                i.id, i.lead, i.owner, i.dept, " --handler " + i.handler if i.handler else "",
                " --due %s" % own_due if own_due else ""))
        elif kind == "progress":
            lines.append("issue progress %s %s" % (p.id, q(rng.choice(PROGRESS))))
        elif kind == "report":
            evidence = " --evidence %s" % q("整改台账.pdf")
            if rng.random() < 0.3:
                evidence += " --evidence %s" % q("会议纪要.docx")
            lines.append("issue report %s %s%s --signed-by %s" % (p.id, q(rng.choice(REPORTS)), evidence, p.unit["secretary"]))
        elif kind == "fail":
            lines.append("issue verify %s %s --fail --by %s --method documents" % (p.id, q("佐证材料不充分,退回整改"), rng.choice(OFFICE)))
        elif kind == "longterm":
            lines.append("issue verify %s --longterm --by %s --method documents,onsite" % (p.id, rng.choice(OFFICE)))
        elif kind == "pass":
            lines.append("issue verify %s --pass --by %s --method %s" % (p.id, rng.choice(OFFICE), rng.choice(METHOD_SETS)))
        elif kind == "rule":
            lines.append("issue rule %s %s" % (p.id, q(rng.choice(RULES))))
        elif kind == "transfer":
            p.id = "T-%04d" % next_transfer[0]
            next_transfer[0] += 1
            lines.append("transfer add %s --to %s %s" % (p.issue.id, p.to, q(p.summary)))
        elif kind == "conclude":
            s, h, rec, ref = p.outcome
            lines.append("transfer conclude %s --sanctions %d --handled %d --recovered %d" % (p.id, s, h, rec))
    with open(os.path.join(out, "workload.xc"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")

    write_sql(out, units, issues, transfers)
    write_tasks(out, issues, rng)
    write_session(out, units, issues, rng)
    commands = sum(1 for line in lines if line and not line.startswith("#"))
    print("%s: %d commands, %d problems, %d transfers, %d units, %d rounds"
          % (size, commands, len(issues), len(transfers), n_units, n_rounds))


def write_sql(out, units, issues, transfers):
    with open(os.path.join(out, "load.sql"), "w", encoding="utf-8") as f:
        f.write("BEGIN TRANSACTION;\n")
        f.write("CREATE TABLE units (code TEXT PRIMARY KEY, name TEXT NOT NULL, secretary TEXT);\n")
        f.write("CREATE TABLE issues (id TEXT PRIMARY KEY, round TEXT NOT NULL, unit TEXT NOT NULL, title TEXT NOT NULL, "
                "category TEXT NOT NULL, source TEXT NOT NULL, mode TEXT NOT NULL, status TEXT NOT NULL, "
                "registered_on TEXT NOT NULL, due TEXT, lead TEXT, owner TEXT, dept TEXT, handler TEXT, "
                "closed_on TEXT, returned INTEGER NOT NULL);\n")
        f.write("CREATE TABLE transfers (id TEXT PRIMARY KEY, issue TEXT NOT NULL, to_body TEXT NOT NULL, summary TEXT NOT NULL, "
                "on_day TEXT NOT NULL, concluded_on TEXT, sanctions INTEGER, handled INTEGER, recovered INTEGER, refunded INTEGER);\n")
        for u in units:
            f.write("INSERT INTO units VALUES(%s,%s,%s);\n" % (sql(u["code"]), sql(u["name"]), sql(u["secretary"])))
        for i in issues:
            f.write("INSERT INTO issues VALUES(%s);\n" % ",".join([
                sql(i.id), sql(i.rnd), sql(i.unit["code"]), sql(i.title), sql(i.category), sql(i.source), sql(i.mode),
                sql(i.status), sql(i.registered), sql(i.due if i.status != "withdrawn" else i.due), sql(i.lead),
                sql(i.owner), sql(i.dept), sql(i.handler), sql(i.closed), str(i.returned)]))
        for t in transfers:
            o = t.outcome or (None, None, None, None)
            f.write("INSERT INTO transfers VALUES(%s);\n" % ",".join([
                sql(t.id), sql(t.issue.id), sql(t.to), sql(t.summary), sql(t.on), sql(t.concluded)]
                + ["NULL" if v is None else str(v) for v in o]))
        f.write("COMMIT;\n")


def tw_date(d):
    return d.strftime("%Y%m%dT000000Z")


def write_tasks(out, issues, rng):
    tasks = []
    for i in issues:
        t = {"uuid": str(uuid.UUID(int=rng.getrandbits(128), version=4)), "description": i.title, "project": i.unit["code"],
             "entry": tw_date(i.registered), "tags": [i.category, i.source], "xround": i.rnd, "xid": i.id,
             "xstatus": i.status}
        if i.status == "closed":
            t["status"], t["end"] = "completed", tw_date(i.closed)
        elif i.status == "withdrawn":
            t["status"], t["end"] = "deleted", tw_date(i.registered)
        else:
            t["status"] = "pending"
        if i.due:
            t["due"] = tw_date(i.due)
        for key in ("lead", "owner", "dept"):
            if getattr(i, key):
                t["x" + key] = getattr(i, key)
        tasks.append(t)
    with open(os.path.join(out, "tasks.json"), "w", encoding="utf-8") as f:
        # One task per line: the form `task export` writes and `task import` reads.
        f.write("\n".join(json.dumps(t, ensure_ascii=False) for t in tasks) + "\n")
    with open(os.path.join(out, "taskrc"), "w", encoding="utf-8") as f:
        f.write("confirmation=off\nhooks=off\nverbose=nothing\ngc=on\nrecurrence=off\nnews.version=2.6.2\n")
        for key in ("xround", "xid", "xstatus", "xlead", "xowner", "xdept"):
            f.write("uda.%s.type=string\nuda.%s.label=%s\n" % (key, key, key[1:]))


def write_session(out, units, issues, rng):
    """A few hundred interactive commands against the finished store: the mix an office clerk
    types in a morning. Writes go to a round of its own so the ids they name exist."""
    open_ids = [i.id for i in issues if i.status == "rectifying"]
    reported = [i for i in issues if i.status == "reported"]
    all_ids = [i.id for i in issues]
    # Progress goes to problems the session leaves alone (the reports below take the last ones).
    steady = open_ids[:max(1, len(open_ids) // 2)]
    lines = ["round open RB \"基准测试轮\" --kind mobile --from 2024-01-02 --to 2024-02-15"]
    lines += ["round target RB %s" % u["code"] for u in units[:5]]
    lines.append("round feedback RB --on 2024-03-01 --due 2024-06-30")
    added = 0
    for n in range(300):
        pick = n % 10
        if pick in (0, 1):
            added += 1
            lines.append("issue add RB %s %s --category conduct --source visit" % (units[added % 5]["code"], q("基准问题第%d项" % added)))
        elif pick == 2 and added:
            lines.append("issue assign RB-%03d --lead 甲领导 --owner 乙领导 --dept 办公室" % added)
        elif pick == 3 and reported:
            i = reported.pop()
            lines.append("issue verify %s --pass --by 孙七 --method documents" % i.id)
        elif pick == 4 and open_ids:
            i = open_ids.pop()
            sec = next(x for x in issues if x.id == i).unit["secretary"]
            lines.append("issue report %s %s --evidence %s --signed-by %s" % (i, q("已整改"), q("台账.pdf"), sec))
        elif pick == 5:
            lines.append("issue show %s" % rng.choice(all_ids))
        elif pick == 6:
            lines.append("ledger --unit %s --overdue" % rng.choice(units)["code"])
        elif pick == 7:
            lines.append("stats --round R%d --by unit" % rng.randint(1, 9))
        elif pick == 8:
            lines.append("issue progress %s %s" % (rng.choice(steady), q("按计划推进")))
        else:
            lines.append("ledger --unit %s --status rectifying" % rng.choice(units)["code"])
    lines.append("stats --by unit")
    with open(os.path.join(out, "session.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
