import XunchaCore

/// The read side: ledgers, stats, warnings, slips and the `show`/`list` views. Nothing here
/// changes the ledger.
extension Session {
    func query(_ inv: Invocation) throws(ShellError) {
        switch inv.spec.id {
        case .ledger:
            switch try inv.choice("kind") ?? "issues" {
            case "transfers": try emit(Ledgers.transfers(state, try inv.issueFilter(today: today), today, language), inv)
            case "units": try emit(Ledgers.units(state, try inv.issueFilter(today: today), today, language), inv)
            case "leaders": try emit(Ledgers.leaders(state, try inv.issueFilter(today: today), today, language), inv)
            default:
                try emit(Ledgers.issues(state, try inv.issueFilter(today: today), sort: try inv.choice("sort") ?? "id", today, language), inv)
            }
        case .stats:
            var filter = IssueFilter()
            filter.round = inv.optional("round")
            filter.unit = inv.optional("unit")
            try emit(Stats.table(state, filter, by: try inv.choice("by"), today, language), inv)
        case .warnings:
            let asOf = try inv.date("as-of", today: today) ?? today
            try emit(Warnings.digest(state, unit: inv.optional("unit"), round: inv.optional("round"), asOf: asOf, language), inv)
        case .slip:
            let issue = try lookupIssue(inv)
            guard issue.status == .closed else {
                throw ShellError(en: "\(issue.id) is \(issue.status.rawValue); a closure slip is only for closed problems",
                                 zh: "\(issue.id) 当前为“\(issue.status.chinese[0])”,只有已销号问题才有对账销号单", at: inv.position(of: "id"))
            }
            try emit(Views.slip(issue, state, language), inv)
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
        case .roundList: out(Views.rounds(state, language).text(maxWidth: terminalWidth))
        case .unitList: out(Views.units(state, language).text(maxWidth: terminalWidth))
        default: break
        }
    }

    func lookupIssue(_ inv: Invocation) throws(ShellError) -> Issue {
        let id = try inv.string("id")
        do { return try state.issue(id) } catch { throw ShellError(error.message, hint: error.hint, at: inv.position(of: "id")) }
    }

    /// Prints or writes a table in the asked format (`--format`, `--out FILE`, `--force`).
    func emit(_ table: Table, _ inv: Invocation) throws(ShellError) {
        let format = OutputFormat(rawValue: try inv.choice("format") ?? "table") ?? .table
        if let path = inv.optional("out") {
            do { try writeFile(table.rendered(format, maxWidth: nil), path, inv.has("force")) } catch {
                var e = error
                e.position = inv.position(of: "out")
                throw e
            }
            say("\(table.rows.count) row(s) written to \(path)", "已写入 \(table.rows.count) 行到 \(path)")
        } else {
            var text = table.rendered(format, maxWidth: terminalWidth)
            if text.hasSuffix("\n") { text.removeLast() }
            out(text)
        }
    }
}

/// Column headers in both languages with their stable json key.
struct Column {
    let key: String
    let en: String
    let zh: String
    var numeric = false

    static func table(_ columns: [Column], _ lang: Language, rows: [[String]] = [], title: String? = nil, footer: [String] = []) -> Table {
        Table(headers: columns.map { lang == .zh ? $0.zh : $0.en }, keys: columns.map(\.key), rows: rows,
              numeric: Set(columns.indices.filter { columns[$0].numeric }), title: title, footer: footer)
    }
}

func word<V: Vocabulary>(_ v: V, _ lang: Language) -> String { lang == .zh ? (v.chinese.first ?? v.rawValue) : v.rawValue }
