/// Writes a command file that rebuilds the figures Zhengzhou published for the 11th municipal
/// committee's inspections (seed report 000): 2,012 problems fed back, 1,822 rectified (90.56%);
/// 601 matters transferred, 512 concluded; 48 people sanctioned, 525 person-times handled;
/// 1,412 rules established. Thirty units over nine rounds, realistic titles cycled, every closed
/// problem taken through assign → report (signed by the secretary) → verify.
struct CityScript {
    static let issues = 2_012, closed = 1_822, longterm = 20, reported = 40
    static let transfers = 601, concluded = 512, sanctioned = 48, handled = 525, rules = 1_412
    static let rounds = 9

    static let units = ["市教育局", "市财政局", "市卫生健康委", "市住房保障局", "市交通运输局", "市农业农村局", "市文化广电旅游局",
                        "市市场监管局", "市生态环境局", "市自然资源和规划局", "市人力资源社会保障局", "市民政局", "市水利局", "市商务局",
                        "市审计局", "市统计局", "市城市管理局", "市园林局", "市体育局", "市医疗保障局", "市退役军人事务局", "市应急管理局",
                        "市司法局", "市信访局", "市机关事务管理局", "郑州公交集团", "郑州地铁集团", "郑州水务集团", "郑州投资控股公司",
                        "郑州发展投资集团"]
    static let surnames = ["陈", "王", "李", "张", "刘", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高"]
    static let titles = ["学习贯彻习近平新时代中国特色社会主义思想不够深入", "落实“第一议题”制度不严格", "意识形态工作责任制落实不到位",
                         "贯彻落实市委重大决策部署有差距", "党组理论学习中心组学习流于形式", "民主集中制执行不到位", "重大事项请示报告不及时",
                         "巡察整改主体责任压得不实", "基层党组织“三会一课”落实不规范", "发展党员程序不严谨", "干部选拔任用程序不规范",
                         "干部人事档案管理不严格", "党费收缴管理不规范", "违规发放津贴补贴", "公务接待管理不规范", "公务用车使用管理不严格",
                         "政府采购程序不规范", "财务报销审核把关不严", "形式主义官僚主义问题依然存在", "文山会海问题仍较突出",
                         "项目资金监管存在漏洞", "廉政风险防控机制不健全", "执行工作韧劲不足", "群众反映强烈的问题解决不及时"]
    static let depts = ["办公室", "机关党委", "组织人事处", "财务处", "政策法规处", "计划财务处"]
    static let rulesTitles = ["公务接待管理办法", "财务报销审核制度", "干部选拔任用工作规程", "“三重一大”决策制度实施细则", "政府采购内控制度"]

    /// Money recovered by the concluded transfers, as the script states it (the report gives none).
    private(set) var recovered = 0
    private(set) var text = ""

    init() {
        var lines = ["## 郑州:十一届市委巡察 2012 个问题的整改台账(由测试生成)", "clock 2022-01-04", "user 市委巡察办"]
        for (n, name) in Self.units.enumerated() {
            lines.append("unit add \(Self.code(n)) \"\(name)\" --secretary \(Self.secretary(n))")
        }
        // Issue k (0-based) belongs to round k % 9 and to one of that round's ten target units.
        func round(_ k: Int) -> Int { k % Self.rounds }
        func unit(_ k: Int) -> Int { (round(k) * 10 + (k / Self.rounds) % 10) % Self.units.count }
        // 7919 and 31 are prime to 2,012, so these pick exactly `closed` and `transfers` problems, spread evenly.
        func isClosed(_ k: Int) -> Bool { (k * 7_919) % Self.issues >= Self.issues - Self.closed }
        func isTransferred(_ k: Int) -> Bool { (k * 31) % Self.issues < Self.transfers }
        var number = Array(repeating: 0, count: Self.rounds)
        var ids = Array(repeating: "", count: Self.issues)
        for k in 0..<Self.issues {
            number[round(k)] += 1
            ids[k] = "R\(round(k) + 1)-" + String(repeating: "0", count: max(0, 3 - String(number[round(k)]).count)) + String(number[round(k)])
        }
        var openSeen = 0, closedSeen = 0
        var transferNumber = 0, concludedSoFar = 0
        for r in 0..<Self.rounds {
            let code = "R\(r + 1)"
            let names = ["一", "二", "三", "四", "五", "六", "七", "八", "九"]
            let start = "2022-01-04"
            lines.append("clock \(start)")
            lines.append("clock +\(r * 100)d")
            lines.append("round open \(code) \"十一届市委第\(names[r])轮巡察\" --kind \(r % 3 == 2 ? "special" : "regular") --from +0d --to +45d")
            lines.append("round team \(code) \"市委第\(names[r])巡察组\" --leader \(Self.surnames[r])组长")
            for t in 0..<10 { lines.append("round target \(code) \(Self.code((r * 10 + t) % Self.units.count))") }
            lines.append("clock +50d")
            let mine = (0..<Self.issues).filter { round($0) == r }
            for k in mine {
                lines.append("issue add \(code) \(Self.code(unit(k))) \"\(Self.titles[k % Self.titles.count])\" --category \(["political", "organizational", "conduct", "discipline", "integrity", "ideological"][k % 6]) --source \(["interview", "visit", "letter", "hotline", "online", "documents", "audit"][k % 7])")
            }
            lines.append("round feedback \(code) --on +0d --due +90d")
            lines.append("clock +2d")
            for k in mine {
                let lead = Self.surnames[(k / 3) % Self.surnames.count] + "局长"
                lines.append("issue assign \(ids[k]) --lead \(lead) --owner \(Self.surnames[(k + 5) % Self.surnames.count])处长 --dept \(Self.depts[k % Self.depts.count])")
            }
            lines.append("clock +80d")
            for k in mine {
                let signed = "--evidence \"整改材料\(ids[k]).pdf\" --signed-by \(Self.secretary(unit(k)))"
                if isClosed(k) {
                    lines.append("issue report \(ids[k]) \"已整改到位\" \(signed)")
                    lines.append("issue verify \(ids[k]) --pass --by 市委巡察办 --method documents,onsite")
                    if closedSeen < Self.rules { lines.append("issue rule \(ids[k]) \"\(Self.rulesTitles[closedSeen % Self.rulesTitles.count])\"") }
                    closedSeen += 1
                } else {
                    if openSeen < Self.longterm + Self.reported { lines.append("issue report \(ids[k]) \"阶段性整改\" \(signed)") }
                    if openSeen < Self.longterm { lines.append("issue verify \(ids[k]) --longterm --by 市委巡察办 --method onsite") }
                    openSeen += 1
                }
                guard isTransferred(k) else { continue }
                transferNumber += 1
                let t = "T-" + String(repeating: "0", count: max(0, 4 - String(transferNumber).count)) + String(transferNumber)
                lines.append("transfer add \(ids[k]) --to \(k % 4 == 0 ? "organization" : "discipline") \"问题线索\(ids[k])\"")
                if concludedSoFar < Self.concluded {
                    let sanctions = concludedSoFar < Self.sanctioned ? 1 : 0
                    let handled = concludedSoFar < Self.handled - Self.concluded ? 2 : 1
                    var outcome = "--sanctions \(sanctions) --handled \(handled)"
                    if concludedSoFar % 8 == 0 {
                        let money = 10_000 * (concludedSoFar % 5 + 1)
                        recovered += money
                        outcome += " --recovered \(money)"
                    }
                    lines.append("transfer conclude \(t) \(outcome)")
                    concludedSoFar += 1
                }
            }
        }
        lines.append("clock 2024-07-25")
        text = lines.joined(separator: "\n") + "\n"
    }

    static func code(_ n: Int) -> String { n < 9 ? "U0\(n + 1)" : "U\(n + 1)" }
    static func secretary(_ n: Int) -> String { surnames[n % surnames.count] + "书记" + String(n + 1) }
}
