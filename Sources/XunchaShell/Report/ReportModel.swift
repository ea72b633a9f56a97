import XunchaCore

/// What the HTML report shows, gathered once from the ledger's answers through the same
/// computations the terminal uses (`IssueTally`, `Rate`, `Outcomes`, `Warnings.byUnit`,
/// `GroupLedgers.belowThreshold`), so the page and `stats`/`warnings`/`ledger units` never disagree.
struct ReportModel {
    /// The totals of the report's scope.
    struct Summary {
        let rate: Rate
        let open: Int
        let overdue: Int
        let rules: Int
        /// Transfers of the problems in scope, in id order.
        let transfers: [Transfer]
        let outcomes: Outcomes
    }

    /// One bar of the per-unit chart.
    struct UnitRate {
        let code: String
        let name: String
        let rate: Rate
        let low: Bool
    }

    /// One slice of the category chart.
    struct CategoryCount {
        let category: Category
        let count: Int
        let closed: Int
    }

    /// The warned problems of one unit as of the report's day.
    struct UnitWarnings {
        let code: String
        let name: String
        let warned: [WarnedIssue]

        func count(_ c: WarningColour) -> Int { warned.filter { $0.colour == c }.count }
    }

    let lang: Language
    let asOf: Day
    let generatedBy: String
    /// The round the report is limited to, if any.
    let round: Round?
    let summary: Summary
    let policy: Policy
    let units: [UnitRate]
    let categories: [CategoryCount]
    let statuses: [(status: IssueStatus, count: Int)]
    let warnings: [UnitWarnings]
    let rules: [RuleRow]
    let unitNames: [String: String]
    /// The unit of each transfer's problem, by transfer id.
    let transferUnits: [String: String]
    /// The latest assessment (整改质效评估) of each assessed unit in scope, of the round when
    /// the report has one, in unit order.
    let grades: [(code: String, name: String, assessment: Assessment)]
    /// The one unit a liaison's report is about.
    let onlyUnit: String?

    /// Asks the ledger what the report shows of `round` (or of every round) as of `asOf`.
    init(_ ledger: any LedgerQuerying, round: Round?, asOf: Day, user: String, lang: Language) throws {
        self.onlyUnit = (ledger as? UnitScope)?.unit
        self.lang = lang
        self.asOf = asOf
        self.generatedBy = user
        self.round = round
        let policy = try ledger.currentPolicy()
        self.policy = policy
        var filter = IssueFilter()
        filter.round = round?.code
        let all = try ledger.tally(matching: filter, today: asOf)
        let transfers = try ledger.transferRows(ofIssuesMatching: filter, today: asOf)
        summary = Summary(rate: all.rate, open: all.open, overdue: all.overdue, rules: all.rules,
                          transfers: transfers.map(\.transfer), outcomes: Outcomes(transfers.map(\.transfer)))
        let byUnit = Dictionary(try ledger.tallies(matching: filter, today: asOf, by: .unit).map { ($0.key, $0.tally.rate) },
                                uniquingKeysWith: { a, _ in a })
        let warned = Warnings.byUnit(try ledger.warnedIssues(matching: filter, asOf: asOf))
        rules = try ledger.ruleRows(ofIssuesMatching: filter, today: asOf)
        // A round's targets appear even before any problem is registered against them.
        let codes = Set(byUnit.keys).union(round?.targets ?? [])
        let named = codes.union(warned.map(\.unit)).union(rules.map(\.unit))
        let namedUnits = try ledger.units(codes: named)
        let names = Dictionary(namedUnits.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        unitNames = names
        grades = namedUnits.filter { codes.contains($0.code) }.sorted { Order.natural($0.code, $1.code) }.compactMap { u in
            u.latestAssessment(round: round?.code).map { (u.code, u.name, $0) }
        }

        units = codes.map { code in
            let rate = byUnit[code] ?? Rate()
            return UnitRate(code: code, name: names[code] ?? code, rate: rate, low: GroupLedgers.belowThreshold(rate, policy))
        }.sorted { a, b in
            // Lowest rate first: the units leadership must look at lead the chart.
            let x = a.rate.hundredths ?? Int.max, y = b.rate.hundredths ?? Int.max
            return x != y ? x < y : a.code < b.code
        }

        let byCategory = Dictionary(try ledger.tallies(matching: filter, today: asOf, by: .category).map { ($0.key, $0.tally.rate) },
                                    uniquingKeysWith: { a, _ in a })
        categories = Category.allCases.compactMap { c in
            guard let rate = byCategory[c.rawValue], rate.all > 0 else { return nil }
            return CategoryCount(category: c, count: rate.all, closed: rate.closed)
        }
        let byStatus = Dictionary(try ledger.tallies(matching: filter, today: asOf, by: .status).map { ($0.key, $0.tally.rate.all) },
                                  uniquingKeysWith: { a, _ in a })
        statuses = IssueStatus.allCases.map { s in (s, byStatus[s.rawValue] ?? 0) }
        warnings = warned.map { code, list in UnitWarnings(code: code, name: names[code] ?? code, warned: list) }
        transferUnits = Dictionary(transfers.map { ($0.transfer.id, $0.unit) }, uniquingKeysWith: { a, _ in a })
    }

    func t(_ en: String, _ zh: String) -> String { lang == .zh ? zh : en }

    func warningCount(_ c: WarningColour) -> Int { warnings.reduce(0) { $0 + $1.count(c) } }

    /// The scope in words: the round's title and code, or every round; for a unit liaison,
    /// the unit alone.
    var scope: String {
        let rounds = round.map { lang == .zh ? "\($0.title)(\($0.code))" : "\($0.title) (\($0.code))" } ?? t("all rounds", "全部巡察轮次")
        guard let onlyUnit else { return rounds }
        return rounds + t(" — \(onlyUnit) only", " — 仅 \(onlyUnit)")
    }
}
