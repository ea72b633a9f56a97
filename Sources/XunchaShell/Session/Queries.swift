import XunchaCore

/// The read side: ledgers, stats, warnings, slips and the `show`/`list` views. Nothing here
/// changes the ledger: each command asks the ledger for its rows and figures, then renders them.
extension Session {
    /// What the read side asks its questions of: the store itself, which answers each from its
    /// tables (inside a file's transaction, with what the file has done so far).
    /// A unit liaison's session reads through `UnitScope`: its unit, nothing else.
    public var ledger: any LedgerQuerying {
        guard let unit = scopeUnit else { return store }
        return UnitScope(store, unit: unit)
    }

    /// Runs one or more reads of the ledger. A refusal (a code or id that names nothing) becomes
    /// an error at the argument it names in `inv`; any other failure is the store's.
    func read<T>(_ inv: Invocation?, _ body: (any LedgerQuerying) throws -> T) throws(ShellError) -> T {
        do {
            return try body(ledger as any LedgerQuerying)
        } catch let e as DomainError {
            throw ShellError(e.message, hint: e.hint, at: inv?.position(of: e.field))
        } catch {
            throw storeFailure(error)
        }
    }

    func query(_ inv: Invocation) throws(ShellError) {
        let today = today, language = language
        switch inv.spec.id {
        case .ledger:
            let kind = try inv.choice("kind") ?? "issues"
            let filter = try checkedFilter(inv)
            let sort = try ledgerSort(inv, kind)
            let notCheckedSince = try inv.date("not-checked-since", today: today)
            if notCheckedSince != nil, kind != "units" {
                throw ShellError(en: "--not-checked-since applies to ledger units", zh: "--not-checked-since 只用于单位台账",
                                 at: inv.position(of: "not-checked-since"), hintEn: "e.g. ledger units --not-checked-since 2024-01-01",
                                 hintZh: "例如 台账 单位 --未督查自 2024-01-01")
            }
            let table: Table = try read(inv) { l in
                switch kind {
                case "transfers": return Ledgers.transfers(try l.transferRows(ofIssuesMatching: filter, today: today), sort: sort, language)
                case "units":
                    var rows = try l.unitLedger(matching: filter, today: today)
                    if let since = notCheckedSince { rows = rows.filter { ($0.lastChecked.map { $0 < since }) ?? true } }
                    let policy = try l.currentPolicy()
                    let reports = try reportStandings(l, round: filter.round, units: Set(rows.map(\.code)))
                    return GroupLedgers.units(rows, policy, sort: sort, language,
                                              overdueReports: RoundReports.overdueCounts(reports, today, policy))
                case "checks": return Checks.table(try l.allUnits(), round: filter.round, unit: filter.unit, language)
                case "coverage": return CoverageLedger.table(Coverage(rounds: try l.allRounds(), units: try l.allUnits(), since: filter.since), language)
                case "leaders": return GroupLedgers.leaders(try l.leaderLedger(matching: filter, today: today), sort: sort, language)
                case "assessments": return Assessments.table(try l.allUnits(), round: filter.round, unit: filter.unit, language)
                default:
                    return Ledgers.issues(try l.issues(matching: filter, today: today, lists: .omitted), try l.currentPolicy(),
                                          sort: sort, today, language, byStatus: !filter.statuses.isEmpty)
                }
            }
            try emit(table, inv)
        case .stats:
            let filter = try checkedFilter(inv)
            let coverageSince = try inv.date("since", today: today)
            let withCoverage = inv.has("coverage") || coverageSince != nil
            let by = try inv.choice("by").flatMap(IssueGrouping.init(rawValue:))
            let table = try read(inv) { l in
                let groups = try by.map { try l.tallies(matching: filter, today: today, by: $0) }
                // Every problem is in exactly one group, so the groups add up to the total.
                var all = IssueTally()
                if let groups { for g in groups { all.add(g.tally) } } else { all = try l.tally(matching: filter, today: today) }
                var grades: [String: Grade] = [:]
                if by == .unit, let groups {
                    grades = Assessments.latestGrades(try l.units(codes: Set(groups.map(\.key))), round: filter.round)
                }
                var table = Stats.table(groups: groups, all: all, outcomes: try l.transferTally(ofIssuesMatching: filter, today: today),
                                        by: by, grades: grades, language)
                if withCoverage { CoverageLedger.add(Coverage(rounds: try l.allRounds(), units: try l.allUnits(), since: coverageSince), to: &table, language) }
                return table
            }
            try emit(table, inv)
        case .warnings:
            let asOf = try inv.date("as-of", today: today) ?? today
            let filter = try checkedFilter(inv)
            // The digest covers a unit or a round; the other filters do not narrow it.
            var scope = IssueFilter()
            scope.unit = filter.unit
            scope.round = filter.round
            let table = try read(inv) { l in
                let policy = try l.currentPolicy()
                var warned = try l.warnedIssues(matching: scope, asOf: asOf)
                let targets = Set(try l.allRounds().filter { scope.round == nil || $0.code == scope.round }.flatMap(\.targets))
                    .filter { scope.unit == nil || $0 == scope.unit }
                warned += RoundReports.warned(try reportStandings(l, round: scope.round, units: targets), asOf, policy, language)
                let names = try l.units(codes: Set(warned.map(\.unit)))
                return Warnings.digest(warned, unitNames: Dictionary(names.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a }),
                                       policy, asOf: asOf, language)
            }
            try emit(table, inv)
        case .slip:
            let issue = try lookupIssue(inv)
            guard issue.status == .closed else {
                throw ShellError(en: "\(issue.id) is \(issue.status.rawValue); a closure slip is only for closed problems",
                                 zh: "\(issue.id) 当前为“\(issue.status.chinese[0])”，只有已销号问题才有对账销号单", at: inv.position(of: "id"))
            }
            let table = try read(inv) { l in
                Slip.table(issue, round: try l.round(code: issue.round), unit: try l.unit(code: issue.unit),
                           transfers: try l.transfers(ofIssue: issue.id), language)
            }
            try emit(table, inv)
        case .issueShow:
            let issue = try lookupIssue(inv)
            outScoped(try read(inv) { l in
                Views.issue(issue, round: try l.round(code: issue.round), unit: try l.unit(code: issue.unit),
                            transfers: try l.transfers(ofIssue: issue.id), try l.currentPolicy(), today, language)
            })
        case .roundShow:
            let code = try inv.string("round")
            outScoped(try read(inv) { l in
                let round = try l.requireRound(code)
                var scope = IssueFilter()
                scope.round = code
                return Views.round(round, rate: try l.tally(matching: scope, today: today).rate, language)
            })
        case .unitShow:
            let code = try inv.string("unit")
            outScoped(try read(inv) { l in
                let unit = try l.requireUnit(code)
                var scope = IssueFilter()
                scope.unit = code
                return Views.unit(unit, tally: try l.tally(matching: scope, today: today), language)
            })
        case .roundList:
            let table = try read(inv) { l in
                let tallies = try l.tallies(matching: IssueFilter(), today: today, by: .round)
                return Views.rounds(try l.allRounds(), tallies: Dictionary(tallies.map { ($0.key, $0.tally) }, uniquingKeysWith: { a, _ in a }),
                                    language)
            }
            outScoped(table.text(maxWidth: terminalWidth, language: language))
        case .unitList: outScoped(try read(inv) { Views.units(try $0.allUnits(), language) }.text(maxWidth: terminalWidth, language: language))
        default: break
        }
    }

    /// The line saying a liaison's session reads its unit alone (`FY only (unit liaison view)`),
    /// which every table, detail view and report it gets begins with; nil for the whole ledger.
    var liaisonView: String? {
        guard let unit = scopeUnit, !unit.isEmpty else { return nil }
        return language == .zh ? "仅 \(unit)（单位联络员视图）" : "\(unit) only (unit liaison view)"
    }

    /// Prints a detail view or list, under the liaison's line when the session reads one unit.
    func outScoped(_ text: String) {
        out(liaisonView.map { $0 + "\n" + text } ?? text)
    }

    /// The two reports each of `units` owes on the rounds (or the one round) with a deadline.
    func reportStandings(_ l: any LedgerQuerying, round: String?, units: Set<String>) throws -> [ReportStanding] {
        try RoundReports.standings(l, round: round, units: units)
    }

    /// The problem the line's `id` names, with its lists (a slip and `issue show` print them).
    func lookupIssue(_ inv: Invocation) throws(ShellError) -> Issue {
        let id = try inv.string("id")
        return try read(inv) { try $0.requireIssue(id, lists: .included) }
    }

    /// The line's filters, with `--round` and `--unit` checked against the ledger: a mistyped
    /// code is an error naming the known ones, not a silently empty report.
    func checkedFilter(_ inv: Invocation) throws(ShellError) -> IssueFilter {
        let filter = try inv.issueFilter(today: today)
        try read(inv) { l in
            if let r = filter.round { _ = try l.requireRound(r) }
            if let u = filter.unit { _ = try l.requireUnit(u) }
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
                             at: inv.position(of: "sort"), hintEn: "sort \(kind) by: \(list)", hintZh: "可用排序：\(list)")
        }
        return sort
    }

    /// Prints or writes a table in the asked format (`--format`, `--out FILE`, `--force`). A file
    /// without `--format` gets the format its extension names (`.csv`, `.json`, `.md`, `.xlsx`).
    func emit(_ table: Table, _ inv: Invocation) throws(ShellError) {
        var table = table
        if let only = liaisonView {
            table.title = table.title.map { only + " — " + $0 } ?? only
        }
        let asked = try inv.choice("format").flatMap(OutputFormat.init(rawValue:))
        if let path = inv.optional("out") {
            let format = asked ?? OutputFormat.guess(fromPath: path) ?? .table
            if format == .xlsx { return try emitWorkbook(table, to: path, inv) }
            guard try writeOutput(table.rendered(format, maxWidth: nil), to: path, inv, field: "out") else { return }
            say("\(table.cells.count) row(s) written to \(path) (\(format.rawValue))", "已写入 \(table.cells.count) 行到 \(path)（\(format.rawValue)）")
        } else {
            if asked == .xlsx { throw workbookNeedsFile(inv) }
            // `--wide`: every column at its full width, for a terminal that scrolls sideways.
            var text = table.rendered(asked ?? .table, maxWidth: inv.has("wide") ? nil : terminalWidth, language: language)
            if text.hasSuffix("\n") { text.removeLast() }
            // csv and json printed into a pipe are an export: the exact text. On a terminal
            // (a width is known) they are shown like any other output.
            let exact = asked != nil && asked != .table && terminalWidth == nil
            if exact { sayExactly(text) } else { out(text) }
        }
    }
}
