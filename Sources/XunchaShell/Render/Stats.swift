import XunchaCore

/// `stats`: counts and rates grouped by unit, category, lead, round or month, with totals and
/// the formula of every rate, plus the summed outcomes of transfers and rules established.
enum Stats {
    /// The totals of one scope, shared by `stats` and the HTML report so both count alike.
    struct Summary {
        let issues: [Issue]
        let rate: Rate
        /// Transfers of the problems in scope, in id order.
        let transfers: [Transfer]
        let outcomes: Outcomes
        let rules: Int
        let overdue: Int
        let open: Int

        init(_ state: State, _ filter: IssueFilter, _ today: Day) {
            issues = state.issues(matching: filter, today: today)
            rate = Rate(issues)
            let ids = Set(issues.map(\.id))
            transfers = state.orderedTransfers.filter { ids.contains($0.issue) }
            outcomes = Outcomes(transfers)
            rules = issues.reduce(0) { $0 + $1.rules.count }
            overdue = issues.filter { $0.isOverdue(on: today) }.count
            open = issues.filter { $0.status.isOpen }.count
        }
    }

    static func table(_ state: State, _ filter: IssueFilter, by: String?, _ today: Day, _ lang: Language) -> Table {
        let summary = Summary(state, filter, today)
        let list = summary.issues, total = summary.rate, rules = summary.rules, overdue = summary.overdue
        var footer = [total.line(lang), summary.outcomes.line(lang),
                      lang == .zh ? "建章立制 \(rules) 项" : "\(rules) rule(s) established"]
        footer.insert(lang == .zh ? "问题 \(total.all) 个,撤销 \(total.withdrawn) 个,已销号 \(total.closed) 个,逾期 \(overdue) 个"
                                  : "\(total.all) problem(s), \(total.withdrawn) withdrawn, \(total.closed) closed, \(overdue) overdue", at: 0)
        let cols = [Column(key: "group", en: groupTitle(by, .en), zh: groupTitle(by, .zh)),
                    Column(key: "issues", en: "problems", zh: "问题数", numeric: true),
                    Column(key: "withdrawn", en: "withdrawn", zh: "撤销", numeric: true),
                    Column(key: "closed", en: "closed", zh: "已销号", numeric: true),
                    Column(key: "open", en: "open", zh: "未销号", numeric: true),
                    Column(key: "overdue", en: "overdue", zh: "逾期", numeric: true),
                    Column(key: "longterm", en: "long-term", zh: "长期坚持", numeric: true),
                    Column(key: "rate", en: "rate", zh: "整改率", numeric: true),
                    Column(key: "fraction", en: "closed/counted", zh: "已销号/应销号", numeric: true)]
        guard let by else {
            return Column.table(cols, lang, rows: [row(lang == .zh ? "合计" : "total", list, today)], footer: footer)
        }
        var groups: [String: [Issue]] = [:]
        for i in list { groups[key(i, by, lang), default: []].append(i) }
        var rows = groups.keys.sorted().map { row($0, groups[$0] ?? [], today) }
        rows.append(row(lang == .zh ? "合计" : "total", list, today))
        return Column.table(cols, lang, rows: rows, footer: footer)
    }

    static func key(_ i: Issue, _ by: String, _ lang: Language) -> String {
        switch by {
        case "unit": return i.unit
        case "category": return word(i.category, lang)
        case "lead": return i.lead ?? "—"
        case "round": return i.round
        case "month": return i.registeredOn.monthKey
        default: return ""
        }
    }

    static func groupTitle(_ by: String?, _ lang: Language) -> String {
        switch by {
        case "unit": lang == .zh ? "单位" : "unit"
        case "category": lang == .zh ? "类别" : "category"
        case "lead": lang == .zh ? "牵头领导" : "lead"
        case "round": lang == .zh ? "轮次" : "round"
        case "month": lang == .zh ? "登记月份" : "month"
        default: lang == .zh ? "范围" : "scope"
        }
    }

    static func row(_ name: String, _ list: [Issue], _ today: Day) -> [String] {
        let r = Rate(list)
        return [name, String(r.all), String(r.withdrawn), String(r.closed), String(list.filter { $0.status.isOpen }.count),
                String(list.filter { $0.isOverdue(on: today) }.count), String(r.longterm), r.percent, "\(r.closed)/\(r.denominator)"]
    }
}

/// `warnings`: one digest grouped by unit (not one line per problem): red, yellow and green
/// counts with the ids, reddest first.
enum Warnings {
    /// The warned problems of each unit, reddest unit first (most red, then by code); within a
    /// unit red, then yellow, then green, in id order. The HTML report draws the same grouping.
    static func byUnit(_ state: State, unit: String?, round: String?, asOf: Day) -> [(unit: String, warned: [(Issue, WarningColour)])] {
        var byUnit: [String: [(Issue, WarningColour)]] = [:]
        for i in state.orderedIssues {
            if let unit, i.unit != unit { continue }
            if let round, i.round != round { continue }
            guard let c = i.warning(on: asOf, policy: state.policy) else { continue }
            byUnit[i.unit, default: []].append((i, c))
        }
        let order: [WarningColour] = [.red, .yellow, .green]
        let units = byUnit.keys.sorted { a, b in
            let ra = byUnit[a]?.filter { $0.1 == .red }.count ?? 0, rb = byUnit[b]?.filter { $0.1 == .red }.count ?? 0
            return ra != rb ? ra > rb : a < b
        }
        return units.map { code in
            let list = byUnit[code] ?? []
            return (code, order.flatMap { c in list.filter { $0.1 == c } })
        }
    }

    static func digest(_ state: State, unit: String?, round: String?, asOf: Day, _ lang: Language) -> Table {
        let cols = [Column(key: "unit", en: "unit", zh: "单位"), Column(key: "name", en: "name", zh: "名称"),
                    Column(key: "red", en: "red", zh: "红(逾期)", numeric: true), Column(key: "yellow", en: "yellow", zh: "黄", numeric: true),
                    Column(key: "green", en: "green", zh: "绿", numeric: true), Column(key: "issues", en: "problems", zh: "问题")]
        let rows = byUnit(state, unit: unit, round: round, asOf: asOf).map { code, list -> [String] in
            let ids = list.map { i, c in
                c == .red ? "\(i.id)(+\(i.daysOverdue(on: asOf))d)" : "\(i.id)(\(asOf.days(until: i.due ?? asOf))d)" }
            return [code, state.units[code]?.name ?? "", String(list.filter { $0.1 == .red }.count),
                    String(list.filter { $0.1 == .yellow }.count), String(list.filter { $0.1 == .green }.count), ids.joined(separator: " ")]
        }
        let p = state.policy
        let title = lang == .zh ? "预警(截至 \(asOf.iso);红=逾期,黄=\(p.yellowDays) 天内到期,绿=\(p.greenDays) 天内到期)"
                                : "warnings as of \(asOf.iso) (red = overdue, yellow = due within \(p.yellowDays) days, green = within \(p.greenDays))"
        let none = rows.isEmpty ? [lang == .zh ? "无预警" : "no warnings"] : []
        return Column.table(cols, lang, rows: rows, title: title, footer: none)
    }
}
