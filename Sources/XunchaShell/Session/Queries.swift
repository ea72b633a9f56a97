import XunchaCore

/// The read side: ledgers, stats, warnings, slips and the `show`/`list` views. Nothing here
/// changes the ledger.
extension Session {
    func query(_ inv: Invocation) throws(ShellError) {
        switch inv.spec.id {
        case .ledger:
            let kind = try inv.choice("kind") ?? "issues"
            let filter = try checkedFilter(inv)
            let sort = try ledgerSort(inv, kind)
            switch kind {
            case "transfers": try emit(Ledgers.transfers(state, filter, sort: sort, today, language), inv)
            case "units": try emit(GroupLedgers.units(state, filter, sort: sort, today, language), inv)
            case "leaders": try emit(GroupLedgers.leaders(state, filter, sort: sort, today, language), inv)
            default: try emit(Ledgers.issues(state, filter, sort: sort, today, language), inv)
            }
        case .stats:
            let filter = try checkedFilter(inv)
            try emit(Stats.table(state, filter, by: try inv.choice("by"), today, language), inv)
        case .warnings:
            let asOf = try inv.date("as-of", today: today) ?? today
            let filter = try checkedFilter(inv)
            try emit(Warnings.digest(state, unit: filter.unit, round: filter.round, asOf: asOf, language), inv)
        case .slip:
            let issue = try lookupIssue(inv)
            guard issue.status == .closed else {
                throw ShellError(en: "\(issue.id) is \(issue.status.rawValue); a closure slip is only for closed problems",
                                 zh: "\(issue.id) 当前为“\(issue.status.chinese[0])”,只有已销号问题才有对账销号单", at: inv.position(of: "id"))
            }
            try emit(Slip.table(issue, state, language), inv)
        case .issueShow: out(Views.issue(try lookupIssue(inv), state, today, language))
        case .roundShow:
            let code = try inv.string("round")
            do { out(Views.round(try state.round(code), state, today, language)) } catch {
                throw ShellError(error.message, hint: error.hint, at: inv.position(of: "round"))
            }
        case .unitShow:
            let code = try inv.string("unit")
            do { out(Views.unit(try state.unit(code), state, today, language)) } catch {
                throw ShellError(error.message, hint: error.hint, at: inv.position(of: "unit"))
            }
        case .roundList: out(Views.rounds(state, language).text(maxWidth: terminalWidth, language: language))
        case .unitList: out(Views.units(state, language).text(maxWidth: terminalWidth, language: language))
        default: break
        }
    }

    func lookupIssue(_ inv: Invocation) throws(ShellError) -> Issue {
        let id = try inv.string("id")
        do { return try state.issue(id) } catch { throw ShellError(error.message, hint: error.hint, at: inv.position(of: "id")) }
    }

    /// The line's filters, with `--round` and `--unit` checked against the ledger: a mistyped
    /// code is an error naming the known ones, not a silently empty report.
    func checkedFilter(_ inv: Invocation) throws(ShellError) -> IssueFilter {
        let filter = try inv.issueFilter(today: today)
        do {
            if let r = filter.round { _ = try state.round(r) }
            if let u = filter.unit { _ = try state.unit(u) }
        } catch {
            throw ShellError(error.message, hint: error.hint, at: inv.position(of: error.field))
        }
        return filter
    }

    /// The `--sort` key, refused when it means nothing for this ledger (a problem has no rate).
    func ledgerSort(_ inv: Invocation, _ kind: String) throws(ShellError) -> String {
        let sort = try inv.choice("sort") ?? "id"
        let allowed = LedgerSort.allowed[kind] ?? ["id"]
        guard allowed.contains(sort) else {
            let list = allowed.joined(separator: ", ")
            throw ShellError(en: "--sort \(sort) does not apply to ledger \(kind)", zh: "\(kind) 台账不能按 \(sort) 排序",
                             at: inv.position(of: "sort"), hintEn: "sort \(kind) by: \(list)", hintZh: "可用排序:\(list)")
        }
        return sort
    }

    /// Prints or writes a table in the asked format (`--format`, `--out FILE`, `--force`). A file
    /// without `--format` gets the format its extension names (`.csv`, `.json`, `.md`).
    func emit(_ table: Table, _ inv: Invocation) throws(ShellError) {
        let asked = try inv.choice("format").flatMap(OutputFormat.init(rawValue:))
        if let path = inv.optional("out") {
            let format = asked ?? OutputFormat.guess(fromPath: path) ?? .table
            guard try writeOutput(table.rendered(format, maxWidth: nil), to: path, inv, field: "out") else { return }
            say("\(table.cells.count) row(s) written to \(path) (\(format.rawValue))", "已写入 \(table.cells.count) 行到 \(path)(\(format.rawValue))")
        } else {
            // `--wide`: every column at its full width, for a terminal that scrolls sideways.
            var text = table.rendered(asked ?? .table, maxWidth: inv.has("wide") ? nil : terminalWidth, language: language)
            if text.hasSuffix("\n") { text.removeLast() }
            out(text)
        }
    }
}
