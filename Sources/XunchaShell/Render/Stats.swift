import XunchaCore

/// `stats`: counts and rates grouped by unit, category, lead, round or month, with a totals row,
/// the formula of the rate, the summed outcomes of transfers and the rules established.
enum Stats {
    /// `groups`: one row per group in any order (nil without `--by`); `all`: the whole scope;
    /// `outcomes`: the transferred matters of the scope.
    /// `grades`: the latest grade of each graded unit, for `--by unit` (a column once any has one).
    static func table(groups: [IssueGroupTally]?, all: IssueTally, outcomes: TransferTally, by: IssueGrouping?,
                      grades: [String: Grade] = [:], _ lang: Language) -> Table {
        let outcomes = Outcomes(outcomes)
        let total = all.rate, rules = all.rules, open = all.open, overdue = all.overdue
        let footer = [
            lang == .zh ? "问题 \(total.all) 个，撤销 \(total.withdrawn) 个，已销号 \(total.closed) 个，未销号 \(open) 个，逾期 \(overdue) 个"
                        : "\(total.all) problem(s), \(total.withdrawn) withdrawn, \(total.closed) closed, \(open) open, \(overdue) overdue",
            total.line(lang),
            outcomes.line(lang),
            lang == .zh ? "建章立制 \(rules) 项" : "\(rules) rule(s) established",
        ]
        var cols = [Column(key: "group", en: groupTitle(by, .en), zh: groupTitle(by, .zh)),
                    Column(key: "issues", en: "problems", zh: "问题数", numeric: true),
                    Column(key: "withdrawn", en: "withdrawn", zh: "撤销", numeric: true),
                    Column(key: "counted", en: "counted", zh: "应销号", numeric: true),
                    Column(key: "closed", en: "closed", zh: "已销号", numeric: true),
                    Column(key: "open", en: "open", zh: "未销号", numeric: true),
                    Column(key: "overdue", en: "overdue", zh: "逾期", numeric: true),
                    Column(key: "longterm", en: "long-term", zh: "长期坚持", numeric: true),
                    Column(key: "rate", en: "rate", zh: "整改率", numeric: true)]
        var rows: [[Cell]] = []
        var totals = row(totalLabel(lang), all)
        if let by, let groups {
            let keys = groups.map(\.key)
            let slots = order(keys, by)
            rows = slots.map { slot in row(label(keys[slot], by, lang), groups[slot].tally) }
            if by == .unit, !grades.isEmpty {
                cols.append(Assessments.gradeColumn)
                for (n, slot) in slots.enumerated() { rows[n].append(.optionalWord(grades[keys[slot]], lang)) }
                totals.append(.blank)
            }
        }
        return Table(kind: "stats", columns: Column.list(cols, lang), cells: rows, totals: totals,
                     footer: footer,
                     summary: total.fields + [JSONField("open", .int(open)), JSONField("overdue", .int(overdue))]
                         + outcomes.fields + [JSONField("rules", .int(rules))],
                     formula: Rate.formula.text(lang))
    }

    /// The positions of `keys` in the order of `less`; codes are compared by number with their
    /// scalars taken apart once per key, not once per comparison (830 units: ~8,000 comparisons).
    static func order(_ keys: [String], _ by: IssueGrouping) -> [Int] {
        switch by {
        case .category, .lead: return keys.indices.sorted { less(keys[$0], keys[$1], by) }
        default:
            let scalars = keys.map { Array($0.unicodeScalars) }
            return keys.indices.sorted { Order.natural(scalars[$0], scalars[$1]) }
        }
    }

    /// Categories in their fixed order, codes by number (R9 before R10), unassigned leads last.
    static func less(_ a: String, _ b: String, _ by: IssueGrouping) -> Bool {
        switch by {
        case .category:
            let rank = { (k: String) in Category.allCases.firstIndex { $0.rawValue == k } ?? Int.max }
            return rank(a) < rank(b)
        case .lead: return a.isEmpty != b.isEmpty ? !a.isEmpty : a < b
        default: return Order.natural(a, b)
        }
    }

    static func label(_ key: String, _ by: IssueGrouping, _ lang: Language) -> Cell {
        switch by {
        case .category: return Category(rawValue: key).map { Cell.word($0, lang) } ?? .text(key)
        case .lead: return key.isEmpty ? Cell("—", .null) : .text(key)
        default: return .text(key)
        }
    }

    static func groupTitle(_ by: IssueGrouping?, _ lang: Language) -> String {
        switch by {
        case .unit: lang == .zh ? "单位" : "unit"
        case .category: lang == .zh ? "类别" : "category"
        case .lead: lang == .zh ? "牵头领导" : "lead"
        case .round: lang == .zh ? "轮次" : "round"
        case .month: lang == .zh ? "登记月份" : "month"
        case .status: lang == .zh ? "状态" : "status"
        case nil: lang == .zh ? "范围" : "scope"
        }
    }

    static func row(_ label: Cell, _ t: IssueTally) -> [Cell] {
        let r = t.rate
        return [label, .int(r.all), .int(r.withdrawn), .int(r.denominator), .int(r.closed), .int(t.open), .int(t.overdue), .int(r.longterm), .rate(r)]
    }
}
