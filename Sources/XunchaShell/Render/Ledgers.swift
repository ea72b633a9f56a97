import XunchaCore

/// 台账: the ledgers of problems and of transferred matters. Both take the same filters; a
/// transfer is filtered by the problem it came from.
enum Ledgers {
    static func sortIssues(_ list: [Issue], by sort: String, _ today: Day) -> [Issue] {
        let byID = Order.stable(list) { IssueID.less($0.id, $1.id) }
        switch sort {
        case "due": return Order.stable(byID) { Order.ascending($0.due?.ordinal, $1.due?.ordinal) ?? false }
        case "unit": return Order.stable(byID) { Order.natural($0.unit, $1.unit) }
        case "status":
            let rank = { (i: Issue) in IssueStatus.allCases.firstIndex(of: i.status) ?? 0 }
            return Order.stable(byID) { rank($0) < rank($1) }
        case "overdue":
            // Longest overdue first; then whatever falls due soonest.
            return Order.stable(byID) { a, b in
                let x = a.daysOverdue(on: today), y = b.daysOverdue(on: today)
                if x != y { return x > y }
                return Order.ascending(a.isOpenWithDue ? a.due?.ordinal : nil, b.isOpenWithDue ? b.due?.ordinal : nil) ?? false
            }
        default: return byID
        }
    }

    /// `matching`: the ledger's problems in id order, without their lists. `byStatus`: the
    /// rows were chosen by their status, so a rate over them would only restate the filter
    /// (`--status closed` is always 100%): it is left out, and the line says why.
    static func issues(_ matching: [Issue], _ policy: Policy, sort: String, _ today: Day, _ lang: Language,
                       byStatus: Bool = false) -> Table {
        let list = sortIssues(matching, by: sort, today)
        let cols = [Column(key: "id", en: "id", zh: "编号"), Column(key: "unit", en: "unit", zh: "单位"),
                    Column(key: "title", en: "problem", zh: "问题", flexible: true), Column(key: "category", en: "category", zh: "类别"),
                    Column(key: "status", en: "status", zh: "状态"), Column(key: "lead", en: "lead", zh: "牵头领导"),
                    Column(key: "owner", en: "owner", zh: "责任领导"), Column(key: "dept", en: "dept", zh: "责任处室", flexible: true),
                    Column(key: "due", en: "due", zh: "时限"), Column(key: "days_overdue", en: "overdue", zh: "逾期", numeric: true),
                    Column(key: "warning", en: "warning", zh: "预警"),
                    Column(key: "round", en: "round", zh: "轮次", exportOnly: true),
                    Column(key: "source", en: "source", zh: "来源", exportOnly: true),
                    Column(key: "mode", en: "mode", zh: "整改方式", exportOnly: true),
                    Column(key: "handler", en: "handler", zh: "主办人", exportOnly: true),
                    Column(key: "registered", en: "registered", zh: "登记日期", exportOnly: true),
                    Column(key: "closed_on", en: "closed on", zh: "销号日期", exportOnly: true)]
        let rows = list.map { i -> [Cell] in
            let overdue = i.isOverdue(on: today)
            return [.text(i.id), .text(i.unit), .text(i.title), .word(i.category, lang), Cell(statusText(i, lang), .string(i.status.rawValue)),
                    .optional(i.lead), .optional(i.owner), .optional(i.dept), .day(i.due),
                    Cell(overdue ? String(i.daysOverdue(on: today)) : "", .int(i.daysOverdue(on: today))),
                    .optionalWord(i.warning(on: today, policy: policy), lang),
                    .text(i.round), .word(i.source, lang), .word(i.mode, lang), .optional(i.handler), .day(i.registeredOn), .day(i.closedOn)]
        }
        let rate = Rate(list)
        let overdue = list.filter { $0.isOverdue(on: today) }.count
        let open = list.filter { $0.status.isOpen }.count
        let count = lang == .zh ? "共 \(list.count) 个问题，未销号 \(open) 个，逾期 \(overdue) 个；"
                                : "\(list.count) problem(s), \(open) open, \(overdue) overdue; "
        guard !byStatus else {
            let note = lang == .zh ? "按状态筛选，不计算整改率（整改率见 stats）" : "no rate: the rows are chosen by status (stats gives the rate)"
            let fields = rate.fields.map { $0.key == "rate" ? JSONField("rate", .null) : $0 }
            return Table(kind: "ledger.issues", columns: Column.list(cols, lang), cells: rows, footer: [count + note],
                         summary: fields + [JSONField("open", .int(open)), JSONField("overdue", .int(overdue))])
        }
        return Table(kind: "ledger.issues", columns: Column.list(cols, lang), cells: rows, footer: [count + rate.line(lang)],
                     summary: rate.fields + [JSONField("open", .int(open)), JSONField("overdue", .int(overdue))],
                     formula: Rate.formula.text(lang))
    }

    static func sortTransfers(_ list: [TransferRow], by sort: String) -> [TransferRow] {
        let number = { (r: TransferRow) in IssueID.split(r.transfer.id)?.number ?? 0 }
        let byID = Order.stable(list) { number($0) < number($1) }
        switch sort {
        case "due": return Order.stable(byID) { Order.ascending($0.issueDue?.ordinal, $1.issueDue?.ordinal) ?? false }
        case "unit": return Order.stable(byID) { Order.natural($0.unit, $1.unit) }
        // Pending matters first: they are what still needs chasing.
        case "status": return Order.stable(byID) { $0.transfer.outcome == nil && $1.transfer.outcome != nil }
        case "overdue": return Order.stable(byID) { $0.issueDaysOverdue > $1.issueDaysOverdue }
        default: return byID
        }
    }

    /// `matching`: the transferred matters of the ledger's problems, with their problems' facts.
    static func transfers(_ matching: [TransferRow], sort: String, _ lang: Language) -> Table {
        let list = sortTransfers(matching, by: sort)
        let cols = [Column(key: "id", en: "id", zh: "编号"), Column(key: "issue", en: "issue", zh: "问题"),
                    Column(key: "unit", en: "unit", zh: "单位"), Column(key: "to", en: "to", zh: "移交对象"),
                    Column(key: "summary", en: "matter", zh: "事项", flexible: true), Column(key: "on", en: "on", zh: "移交日期"),
                    Column(key: "concluded", en: "concluded", zh: "办结日期"),
                    Column(key: "sanctions", en: "sanctioned", zh: "处分（人）", numeric: true),
                    Column(key: "handled", en: "handled", zh: "组织处理（人次）", numeric: true),
                    Column(key: "recovered", en: "recovered", zh: "追缴金额", numeric: true),
                    Column(key: "refunded", en: "refunded", zh: "清退金额", numeric: true),
                    Column(key: "round", en: "round", zh: "轮次", exportOnly: true),
                    Column(key: "issue_status", en: "issue status", zh: "问题状态", exportOnly: true)]
        let rows = list.map { r -> [Cell] in
            let t = r.transfer
            return [.text(t.id), .text(t.issue), .text(r.unit), .word(t.to, lang), .text(t.summary), .day(t.on), .day(t.concludedOn),
                    .optionalInt(t.outcome?.sanctions), .optionalInt(t.outcome?.handled), .money(t.outcome?.recovered, lang),
                    .money(t.outcome?.refunded, lang), .text(r.round), .word(r.issueStatus, lang)]
        }
        let sums = Outcomes(list.map(\.transfer))
        let totals: [Cell] = [totalLabel(lang), .blank, .blank, .blank, .blank, .blank, .blank, .int(sums.sanctions), .int(sums.handled),
                              .money(sums.recovered, lang), .money(sums.refunded, lang), .blank, .blank]
        return Table(kind: "ledger.transfers", columns: Column.list(cols, lang), cells: rows, totals: list.isEmpty ? nil : totals,
                     footer: [sums.line(lang)], summary: sums.fields)
    }
}

extension Issue {
    /// Still has a deadline that matters (open, not in long-term upkeep).
    var isOpenWithDue: Bool { status.isOpen && status != .longterm && due != nil }
}
