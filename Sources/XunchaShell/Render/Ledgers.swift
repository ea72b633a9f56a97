import XunchaCore

/// 台账: the ledgers of problems, transfers, units and leaders as tables.
enum Ledgers {
    static func issues(_ state: State, _ filter: IssueFilter, sort: String, _ today: Day, _ lang: Language) -> Table {
        var list = state.issues(matching: filter, today: today)
        switch sort {
        case "due":
            list.sort { a, b in
                let x = a.due?.ordinal ?? Int.max, y = b.due?.ordinal ?? Int.max
                return x != y ? x < y : IssueID.less(a.id, b.id)
            }
        case "unit": list.sort { ($0.unit, IssueID.split($0.id)?.number ?? 0) < ($1.unit, IssueID.split($1.id)?.number ?? 0) }
        case "status": list.sort { (IssueStatus.allCases.firstIndex(of: $0.status) ?? 0) < (IssueStatus.allCases.firstIndex(of: $1.status) ?? 0) }
        case "overdue": list.sort { $0.daysOverdue(on: today) > $1.daysOverdue(on: today) }
        default: break
        }
        let cols = [Column(key: "id", en: "id", zh: "编号"), Column(key: "unit", en: "unit", zh: "单位"),
                    Column(key: "title", en: "problem", zh: "问题"), Column(key: "category", en: "category", zh: "类别"),
                    Column(key: "status", en: "status", zh: "状态"), Column(key: "lead", en: "lead", zh: "牵头领导"),
                    Column(key: "owner", en: "owner", zh: "责任领导"), Column(key: "dept", en: "dept", zh: "责任处室"),
                    Column(key: "due", en: "due", zh: "时限"), Column(key: "days_overdue", en: "overdue", zh: "逾期天数", numeric: true),
                    Column(key: "warning", en: "warning", zh: "预警")]
        let rows = list.map { i in
            [i.id, i.unit, i.title, word(i.category, lang), word(i.status, lang), i.lead ?? "", i.owner ?? "", i.dept ?? "",
             i.due?.iso ?? "", i.isOverdue(on: today) ? String(i.daysOverdue(on: today)) : "",
             i.warning(on: today, policy: state.policy).map { word($0, lang) } ?? ""]
        }
        let rate = Rate(list)
        let count = lang == .zh ? "共 \(list.count) 个问题;" : "\(list.count) problem(s); "
        return Column.table(cols, lang, rows: rows, footer: [count + rate.line(lang)])
    }

    static func transfers(_ state: State, _ filter: IssueFilter, _ today: Day, _ lang: Language) -> Table {
        let list = state.orderedTransfers.filter { t in
            guard let i = state.issues[t.issue] else { return false }
            return filter.matches(i, today: today, policy: state.policy)
        }
        let cols = [Column(key: "id", en: "id", zh: "编号"), Column(key: "issue", en: "issue", zh: "问题"),
                    Column(key: "unit", en: "unit", zh: "单位"), Column(key: "to", en: "to", zh: "移交对象"),
                    Column(key: "summary", en: "matter", zh: "事项"), Column(key: "on", en: "on", zh: "移交日期"),
                    Column(key: "concluded", en: "concluded", zh: "办结日期"),
                    Column(key: "sanctions", en: "sanctioned", zh: "处分", numeric: true),
                    Column(key: "handled", en: "handled", zh: "组织处理", numeric: true),
                    Column(key: "recovered", en: "recovered", zh: "追缴(元)", numeric: true),
                    Column(key: "refunded", en: "refunded", zh: "清退(元)", numeric: true)]
        let rows = list.map { t in
            [t.id, t.issue, state.issues[t.issue]?.unit ?? "", word(t.to, lang), t.summary, t.on.iso, t.concludedOn?.iso ?? "",
             t.outcome.map { String($0.sanctions) } ?? "", t.outcome.map { String($0.handled) } ?? "",
             t.outcome.map { String($0.recovered) } ?? "", t.outcome.map { String($0.refunded) } ?? ""]
        }
        return Column.table(cols, lang, rows: rows, footer: [Outcomes(list).line(lang)])
    }

    static func units(_ state: State, _ filter: IssueFilter, _ today: Day, _ lang: Language) -> Table {
        var byUnit: [String: [Issue]] = [:]
        for i in state.issues(matching: filter, today: today) { byUnit[i.unit, default: []].append(i) }
        let codes = filter.unit.map { [$0] } ?? state.units.keys.sorted()
        let cols = [Column(key: "unit", en: "unit", zh: "单位"), Column(key: "name", en: "name", zh: "名称"),
                    Column(key: "secretary", en: "secretary", zh: "书记"), Column(key: "issues", en: "problems", zh: "问题数", numeric: true),
                    Column(key: "closed", en: "closed", zh: "已销号", numeric: true), Column(key: "open", en: "open", zh: "未销号", numeric: true),
                    Column(key: "overdue", en: "overdue", zh: "逾期", numeric: true), Column(key: "rate", en: "rate", zh: "整改率", numeric: true),
                    Column(key: "talk", en: "talk?", zh: "约谈对象"), Column(key: "urges", en: "urged", zh: "督办次数", numeric: true)]
        var rows: [[String]] = []
        for code in codes {
            guard let u = state.units[code] else { continue }
            let list = byUnit[code] ?? []
            let rate = Rate(list)
            let low = belowThreshold(rate, state.policy)
            rows.append([code, u.name, u.secretary ?? "", String(list.count), String(rate.closed),
                         String(list.filter { $0.status.isOpen }.count), String(list.filter { $0.isOverdue(on: today) }.count),
                         rate.percent, low ? (lang == .zh ? "是" : "yes") : "", String(u.urges.count)])
        }
        let note = lang == .zh ? "整改率低于 \(state.policy.rateThreshold)% 的单位列为约谈对象(rate.threshold);整改率口径:\(Rate.formula.zh)"
                               : "units below \(state.policy.rateThreshold)% (rate.threshold) are flagged for a talk; rate = \(Rate.formula.en)"
        return Column.table(cols, lang, rows: rows, footer: [note])
    }

    /// A unit whose strict rate is under `rate.threshold` is flagged for a talk (约谈); a unit with
    /// nothing to count is not.
    static func belowThreshold(_ rate: Rate, _ policy: Policy) -> Bool {
        (rate.hundredths ?? 10_000) < policy.rateThreshold * 100
    }

    static func leaders(_ state: State, _ filter: IssueFilter, _ today: Day, _ lang: Language) -> Table {
        var byLead: [String: [Issue]] = [:]
        for i in state.issues(matching: filter, today: today) { byLead[i.lead ?? "—", default: []].append(i) }
        let cols = [Column(key: "lead", en: "lead", zh: "牵头领导"), Column(key: "issues", en: "problems", zh: "问题数", numeric: true),
                    Column(key: "closed", en: "closed", zh: "已销号", numeric: true), Column(key: "open", en: "open", zh: "未销号", numeric: true),
                    Column(key: "overdue", en: "overdue", zh: "逾期", numeric: true), Column(key: "rate", en: "rate", zh: "整改率", numeric: true)]
        let rows = byLead.keys.sorted().map { lead -> [String] in
            let list = byLead[lead] ?? []
            let rate = Rate(list)
            return [lead, String(list.count), String(rate.closed), String(list.filter { $0.status.isOpen }.count),
                    String(list.filter { $0.isOverdue(on: today) }.count), rate.percent]
        }
        return Column.table(cols, lang, rows: rows, footer: [(lang == .zh ? "整改率口径:" : "rate = ") + Rate.formula.text(lang)])
    }
}

/// The summed outcomes of concluded transfers.
struct Outcomes {
    var transfers = 0, concluded = 0, sanctions = 0, handled = 0, recovered = 0, refunded = 0

    init<S: Sequence>(_ list: S) where S.Element == Transfer {
        for t in list {
            transfers += 1
            guard let o = t.outcome else { continue }
            concluded += 1
            sanctions += o.sanctions
            handled += o.handled
            recovered += o.recovered
            refunded += o.refunded
        }
    }

    func line(_ lang: Language) -> String {
        lang == .zh
            ? "移交 \(transfers) 件,办结 \(concluded) 件;党纪政务处分 \(sanctions) 人,组织处理 \(handled) 人次;追缴 \(recovered) 元,清退 \(refunded) 元"
            : "\(transfers) transferred, \(concluded) concluded; \(sanctions) sanctioned, \(handled) person-times handled; \(recovered) yuan recovered, \(refunded) refunded"
    }
}
