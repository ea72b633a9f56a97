import XunchaCore

/// The ledgers that group problems: one row per unit (with the units whose rate is below
/// `rate.threshold` flagged for a talk, 约谈) and one row per lead leader.
enum GroupLedgers {
    /// A unit whose strict rate is under `rate.threshold` is flagged for a talk (约谈); a unit
    /// with nothing to count is not. The HTML report marks the same units.
    static func belowThreshold(_ rate: Rate, _ policy: Policy) -> Bool {
        (rate.hundredths ?? Int.max) < policy.rateThreshold * 100
    }

    /// Counts of one group of problems.
    struct Figures {
        var rate: Rate
        var open = 0
        var overdue = 0

        init(_ list: [Issue], _ today: Day) {
            rate = Rate(list)
            for i in list {
                if i.status.isOpen { open += 1 }
                if i.isOverdue(on: today) { overdue += 1 }
            }
        }

        /// Rate ascending (nothing to count last), then most overdue: the order that puts the
        /// units to talk to first.
        static func byRate(_ a: Figures, _ b: Figures) -> Bool? {
            if let r = Order.ascending(a.rate.hundredths, b.rate.hundredths) { return r }
            return a.overdue == b.overdue ? nil : a.overdue > b.overdue
        }
    }

    /// Which units a units ledger lists: the one asked for; else, with a round, the round's
    /// targets and every unit with a matching problem; else, with any other filter, the units
    /// with a matching problem; else every unit.
    static func unitCodes(_ state: State, _ filter: IssueFilter, _ groups: [String: [Issue]]) -> [String] {
        if let unit = filter.unit { return state.units[unit] == nil ? [] : [unit] }
        var codes = Set(groups.keys)
        if let round = filter.round {
            codes.formUnion(state.rounds[round]?.targets ?? [])
        } else if filter == IssueFilter() {
            codes.formUnion(state.units.keys)
        }
        return codes.filter { state.units[$0] != nil }.sorted(by: Order.natural)
    }

    static func units(_ state: State, _ filter: IssueFilter, sort: String, _ today: Day, _ lang: Language) -> Table {
        let matching = state.unorderedIssues(matching: filter, today: today)
        var groups: [String: [Issue]] = [:]
        for i in matching { groups[i.unit, default: []].append(i) }
        var entries = unitCodes(state, filter, groups).map { ($0, Figures(groups[$0] ?? [], today)) }
        switch sort {
        case "rate": entries = Order.stable(entries) { Figures.byRate($0.1, $1.1) ?? false }
        case "overdue": entries = Order.stable(entries) { $0.1.overdue > $1.1.overdue }
        default: break
        }
        let threshold = state.policy.rateThreshold
        let flagged = entries.filter { belowThreshold($0.1.rate, state.policy) }.map(\.0)
        let cols = [Column(key: "unit", en: "unit", zh: "单位"), Column(key: "name", en: "name", zh: "名称", flexible: true),
                    Column(key: "secretary", en: "secretary", zh: "书记"), Column(key: "issues", en: "problems", zh: "问题数", numeric: true),
                    Column(key: "closed", en: "closed", zh: "已销号", numeric: true), Column(key: "open", en: "open", zh: "未销号", numeric: true),
                    Column(key: "overdue", en: "overdue", zh: "逾期", numeric: true), Column(key: "rate", en: "rate", zh: "整改率", numeric: true),
                    Column(key: "talk", en: "talk?", zh: "约谈对象"), Column(key: "urges", en: "urged", zh: "督办次数", numeric: true),
                    Column(key: "withdrawn", en: "withdrawn", zh: "撤销", numeric: true, exportOnly: true),
                    Column(key: "counted", en: "counted", zh: "应销号", numeric: true, exportOnly: true),
                    Column(key: "longterm", en: "long-term", zh: "长期坚持", numeric: true, exportOnly: true),
                    Column(key: "talks", en: "talks held", zh: "已约谈", numeric: true, exportOnly: true)]
        let yes = lang == .zh ? "是" : "yes"
        let rows = entries.map { code, f -> [Cell] in
            let u = state.units[code]
            let low = flagged.contains(code)
            return [.text(code), .optional(u?.name), .optional(u?.secretary), .int(f.rate.all), .int(f.rate.closed), .int(f.open),
                    .int(f.overdue), .rate(f.rate), Cell(low ? yes : "", .bool(low)), .int(u?.urges.count ?? 0),
                    .int(f.rate.withdrawn), .int(f.rate.denominator), .int(f.rate.longterm),
                    .int(u?.urges.filter { $0.kind == .talk }.count ?? 0)]
        }
        let inRows = entries.flatMap { groups[$0.0] ?? [] }
        let all = Figures(inRows, today)
        let urges = entries.reduce(0) { $0 + (state.units[$1.0]?.urges.count ?? 0) }
        let talks = entries.reduce(0) { $0 + (state.units[$1.0]?.urges.filter { $0.kind == .talk }.count ?? 0) }
        let totals: [Cell] = [totalLabel(lang), .blank, .blank, .int(all.rate.all), .int(all.rate.closed), .int(all.open), .int(all.overdue),
                              .rate(all.rate), .blank, .int(urges), .int(all.rate.withdrawn), .int(all.rate.denominator),
                              .int(all.rate.longterm), .int(talks)]
        let list = flagged.joined(separator: lang == .zh ? "、" : ", ")
        let note = lang == .zh
            ? "整改率低于 \(threshold)%(rate.threshold)列为约谈对象:\(flagged.count) 个单位" + (flagged.isEmpty ? "" : " — \(list)")
            : "rate below \(threshold)% (rate.threshold), flagged for a talk (约谈): \(flagged.count) unit(s)" + (flagged.isEmpty ? "" : " — \(list)")
        return Table(kind: "ledger.units", columns: Column.list(cols, lang), cells: rows, totals: entries.isEmpty ? nil : totals,
                     footer: [all.rate.line(lang), note],
                     summary: [JSONField("units", .int(entries.count)), JSONField("threshold", .int(threshold)),
                               JSONField("flagged", .array(flagged.map { .string($0) }))]
                         + all.rate.fields + [JSONField("open", .int(all.open)), JSONField("overdue", .int(all.overdue))],
                     formula: Rate.formula.text(lang))
    }

    static func leaders(_ state: State, _ filter: IssueFilter, sort: String, _ today: Day, _ lang: Language) -> Table {
        let matching = state.unorderedIssues(matching: filter, today: today)
        var groups: [String: [Issue]] = [:]
        for i in matching { groups[i.lead ?? "", default: []].append(i) }
        // Problems nobody leads yet go last, under —.
        var entries = groups.keys.sorted { a, b in a.isEmpty != b.isEmpty ? !a.isEmpty : a < b }
            .map { ($0, Figures(groups[$0] ?? [], today)) }
        switch sort {
        case "rate": entries = Order.stable(entries) { Figures.byRate($0.1, $1.1) ?? false }
        case "overdue": entries = Order.stable(entries) { $0.1.overdue > $1.1.overdue }
        default: break
        }
        let cols = [Column(key: "lead", en: "lead", zh: "牵头领导"), Column(key: "issues", en: "problems", zh: "问题数", numeric: true),
                    Column(key: "closed", en: "closed", zh: "已销号", numeric: true), Column(key: "open", en: "open", zh: "未销号", numeric: true),
                    Column(key: "overdue", en: "overdue", zh: "逾期", numeric: true), Column(key: "rate", en: "rate", zh: "整改率", numeric: true),
                    Column(key: "units", en: "units", zh: "涉及单位", flexible: true),
                    Column(key: "withdrawn", en: "withdrawn", zh: "撤销", numeric: true, exportOnly: true),
                    Column(key: "counted", en: "counted", zh: "应销号", numeric: true, exportOnly: true),
                    Column(key: "longterm", en: "long-term", zh: "长期坚持", numeric: true, exportOnly: true)]
        let rows = entries.map { lead, f -> [Cell] in
            let units = Set((groups[lead] ?? []).map(\.unit)).sorted(by: Order.natural)
            return [Cell(lead.isEmpty ? "—" : lead, lead.isEmpty ? .null : .string(lead)), .int(f.rate.all), .int(f.rate.closed),
                    .int(f.open), .int(f.overdue), .rate(f.rate),
                    Cell(units.joined(separator: lang == .zh ? "、" : ", "), .array(units.map { .string($0) })),
                    .int(f.rate.withdrawn), .int(f.rate.denominator), .int(f.rate.longterm)]
        }
        let all = Figures(matching, today)
        let totals: [Cell] = [totalLabel(lang), .int(all.rate.all), .int(all.rate.closed), .int(all.open), .int(all.overdue),
                              .rate(all.rate), .blank, .int(all.rate.withdrawn), .int(all.rate.denominator), .int(all.rate.longterm)]
        return Table(kind: "ledger.leaders", columns: Column.list(cols, lang), cells: rows, totals: entries.isEmpty ? nil : totals,
                     footer: [all.rate.line(lang)],
                     summary: [JSONField("leaders", .int(entries.filter { !$0.0.isEmpty }.count))] + all.rate.fields
                         + [JSONField("open", .int(all.open)), JSONField("overdue", .int(all.overdue))],
                     formula: Rate.formula.text(lang))
    }
}
