import XunchaCore

/// The ledgers that group problems: one row per unit (with the units whose rate is below
/// `rate.threshold` flagged for a talk, 约谈) and one row per lead leader.
enum GroupLedgers {
    /// A unit whose strict rate is under `rate.threshold` is flagged for a talk (约谈); a unit
    /// with nothing to count is not. The HTML report marks the same units.
    static func belowThreshold(_ rate: Rate, _ policy: Policy) -> Bool {
        (rate.hundredths ?? Int.max) < policy.rateThreshold * 100
    }

    /// Rate ascending (nothing to count last), then most overdue: the order that puts the
    /// units to talk to first.
    static func byRate(_ a: IssueTally, _ b: IssueTally) -> Bool? {
        if let r = Order.ascending(a.rate.hundredths, b.rate.hundredths) { return r }
        return a.overdue == b.overdue ? nil : a.overdue > b.overdue
    }

    /// `rows`: the ledger's units in any order (see `UnitLedgerRow` for which they are).
    /// `overdueReports`: the reports (双报告) each unit owes past their deadline, for the units
    /// of rounds whose deadlines are kept (a column once there are any).
    static func units(_ rows: [UnitLedgerRow], _ policy: Policy, sort: String, _ lang: Language,
                      overdueReports: [String: Int] = [:]) -> Table {
        var entries = rows.sorted { Order.natural($0.code, $1.code) }
        switch sort {
        case "rate": entries = Order.stable(entries) { byRate($0.tally, $1.tally) ?? false }
        case "overdue": entries = Order.stable(entries) { $0.tally.overdue > $1.tally.overdue }
        default: break
        }
        let threshold = policy.rateThreshold
        let flagged = entries.filter { belowThreshold($0.tally.rate, policy) }.map(\.code)
        var cols = [Column(key: "unit", en: "unit", zh: "单位"), Column(key: "name", en: "name", zh: "名称", flexible: true),
                    Column(key: "secretary", en: "secretary", zh: "书记"), Column(key: "issues", en: "problems", zh: "问题数", numeric: true),
                    Column(key: "closed", en: "closed", zh: "已销号", numeric: true), Column(key: "open", en: "open", zh: "未销号", numeric: true),
                    Column(key: "overdue", en: "overdue", zh: "逾期", numeric: true), Column(key: "rate", en: "rate", zh: "整改率", numeric: true),
                    Column(key: "talk", en: "talk?", zh: "约谈对象"), Column(key: "urges", en: "urged", zh: "督办次数", numeric: true),
                    Column(key: "withdrawn", en: "withdrawn", zh: "撤销", numeric: true, exportOnly: true),
                    Column(key: "counted", en: "counted", zh: "应销号", numeric: true, exportOnly: true),
                    Column(key: "longterm", en: "long-term", zh: "长期坚持", numeric: true, exportOnly: true),
                    Column(key: "talks", en: "talks held", zh: "已约谈", numeric: true, exportOnly: true)]
        let yes = lang == .zh ? "是" : "yes"
        // The grade column appears once some listed unit has been assessed, so the ledgers of
        // offices that do not assess keep the columns their scripts read.
        let graded = entries.contains { $0.grade != nil }
        if graded { cols.insert(Assessments.gradeColumn, at: 10) }
        // Likewise the day of the latest supervision check, once some listed unit has had one.
        let checked = entries.contains { $0.lastChecked != nil }
        let at = graded ? 11 : 10
        if checked { cols.insert(Checks.lastCheckedColumn, at: at) }
        let tracked = !overdueReports.isEmpty
        let reportsAt = at + (checked ? 1 : 0)
        if tracked { cols.insert(RoundReports.overdueColumn, at: reportsAt) }
        var cells = entries.map { u -> [Cell] in
            let f = u.tally
            let low = flagged.contains(u.code)
            return [.text(u.code), .text(u.name), .optional(u.secretary), .int(f.rate.all), .int(f.rate.closed), .int(f.open),
                    .int(f.overdue), .rate(f.rate), Cell(low ? yes : "", .bool(low)), .int(u.urges),
                    .int(f.rate.withdrawn), .int(f.rate.denominator), .int(f.rate.longterm), .int(u.talks)]
        }
        if graded { for (n, u) in entries.enumerated() { cells[n].insert(.optionalWord(u.grade, lang), at: 10) } }
        if checked { for (n, u) in entries.enumerated() { cells[n].insert(.day(u.lastChecked), at: at) } }
        if tracked {
            for (n, u) in entries.enumerated() { cells[n].insert(overdueReports[u.code].map { .int($0) } ?? Cell("", .null), at: reportsAt) }
        }
        var all = IssueTally()
        for u in entries { all.add(u.tally) }
        let urges = entries.reduce(0) { $0 + $1.urges }
        let talks = entries.reduce(0) { $0 + $1.talks }
        var totals: [Cell] = [totalLabel(lang), .blank, .blank, .int(all.rate.all), .int(all.rate.closed), .int(all.open), .int(all.overdue),
                              .rate(all.rate), .blank, .int(urges), .int(all.rate.withdrawn), .int(all.rate.denominator),
                              .int(all.rate.longterm), .int(talks)]
        if graded { totals.insert(.blank, at: 10) }
        if checked { totals.insert(.blank, at: at) }
        if tracked { totals.insert(.int(entries.reduce(0) { $0 + (overdueReports[$1.code] ?? 0) }), at: reportsAt) }
        let list = flagged.joined(separator: lang == .zh ? "、" : ", ")
        let note = lang == .zh
            ? "整改率低于 \(threshold)%（rate.threshold）列为约谈对象：\(flagged.count) 个单位" + (flagged.isEmpty ? "" : " — \(list)")
            : "rate below \(threshold)% (rate.threshold), flagged for a talk (约谈): \(flagged.count) unit(s)" + (flagged.isEmpty ? "" : " — \(list)")
        return Table(kind: "ledger.units", columns: Column.list(cols, lang), cells: cells, totals: entries.isEmpty ? nil : totals,
                     footer: [all.rate.line(lang), note],
                     summary: [JSONField("units", .int(entries.count)), JSONField("threshold", .int(threshold)),
                               JSONField("flagged", .array(flagged.map { .string($0) }))]
                         + all.rate.fields + [JSONField("open", .int(all.open)), JSONField("overdue", .int(all.overdue))],
                     formula: Rate.formula.text(lang))
    }

    /// `rows`: one per lead leader of the ledger's problems, in any order.
    static func leaders(_ rows: [LeaderLedgerRow], sort: String, _ lang: Language) -> Table {
        // Problems nobody leads yet go last, under —.
        var entries = rows.sorted { a, b in
            guard let x = a.lead else { return false }
            guard let y = b.lead else { return true }
            return x < y
        }
        switch sort {
        case "rate": entries = Order.stable(entries) { byRate($0.tally, $1.tally) ?? false }
        case "overdue": entries = Order.stable(entries) { $0.tally.overdue > $1.tally.overdue }
        default: break
        }
        let cols = [Column(key: "lead", en: "lead", zh: "牵头领导"), Column(key: "issues", en: "problems", zh: "问题数", numeric: true),
                    Column(key: "closed", en: "closed", zh: "已销号", numeric: true), Column(key: "open", en: "open", zh: "未销号", numeric: true),
                    Column(key: "overdue", en: "overdue", zh: "逾期", numeric: true), Column(key: "rate", en: "rate", zh: "整改率", numeric: true),
                    Column(key: "units", en: "units", zh: "涉及单位", flexible: true),
                    Column(key: "withdrawn", en: "withdrawn", zh: "撤销", numeric: true, exportOnly: true),
                    Column(key: "counted", en: "counted", zh: "应销号", numeric: true, exportOnly: true),
                    Column(key: "longterm", en: "long-term", zh: "长期坚持", numeric: true, exportOnly: true)]
        let cells = entries.map { row -> [Cell] in
            let f = row.tally
            let units = row.units.sorted(by: Order.natural)
            return [Cell(row.lead ?? "—", row.lead.map { .string($0) } ?? .null), .int(f.rate.all), .int(f.rate.closed),
                    .int(f.open), .int(f.overdue), .rate(f.rate),
                    Cell(units.joined(separator: lang == .zh ? "、" : ", "), .array(units.map { .string($0) })),
                    .int(f.rate.withdrawn), .int(f.rate.denominator), .int(f.rate.longterm)]
        }
        var all = IssueTally()
        for row in entries { all.add(row.tally) }
        let totals: [Cell] = [totalLabel(lang), .int(all.rate.all), .int(all.rate.closed), .int(all.open), .int(all.overdue),
                              .rate(all.rate), .blank, .int(all.rate.withdrawn), .int(all.rate.denominator), .int(all.rate.longterm)]
        return Table(kind: "ledger.leaders", columns: Column.list(cols, lang), cells: cells, totals: entries.isEmpty ? nil : totals,
                     footer: [all.rate.line(lang)],
                     summary: [JSONField("leaders", .int(entries.filter { $0.lead != nil }.count))] + all.rate.fields
                         + [JSONField("open", .int(all.open)), JSONField("overdue", .int(all.overdue))],
                     formula: Rate.formula.text(lang))
    }
}
