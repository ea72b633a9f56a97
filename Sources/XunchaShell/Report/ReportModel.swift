import XunchaCore

/// What the HTML report shows, gathered once from the ledger through the same computations the
/// terminal uses (`Stats.Summary`, `Rate`, `Outcomes`, `Warnings.byUnit`,
/// `GroupLedgers.belowThreshold`), so the page and `stats`/`warnings`/`ledger units` never disagree.
struct ReportModel {
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
        let warned: [(issue: Issue, colour: WarningColour)]

        func count(_ c: WarningColour) -> Int { warned.filter { $0.colour == c }.count }
    }

    let lang: Language
    let asOf: Day
    let generatedBy: String
    /// The round the report is limited to, if any.
    let round: Round?
    let summary: Stats.Summary
    let policy: Policy
    let units: [UnitRate]
    let categories: [CategoryCount]
    let statuses: [(status: IssueStatus, count: Int)]
    let warnings: [UnitWarnings]
    let rules: [(issue: Issue, rule: Rule)]
    let unitNames: [String: String]
    /// The unit of each transfer's problem, by transfer id.
    let transferUnits: [String: String]

    init(_ state: State, round: Round?, asOf: Day, user: String, lang: Language) {
        self.lang = lang
        self.asOf = asOf
        self.generatedBy = user
        self.round = round
        self.policy = state.policy
        var filter = IssueFilter()
        filter.round = round?.code
        let summary = Stats.Summary(state, filter, asOf)
        self.summary = summary
        let list = summary.issues
        let names = state.units.mapValues(\.name)
        unitNames = names

        var byUnit: [String: [Issue]] = [:]
        for i in list { byUnit[i.unit, default: []].append(i) }
        // A round's targets appear even before any problem is registered against them.
        let codes = Set(byUnit.keys).union(round?.targets ?? [])
        units = codes.map { code in
            let rate = Rate(byUnit[code] ?? [])
            return UnitRate(code: code, name: state.units[code]?.name ?? code, rate: rate,
                            low: GroupLedgers.belowThreshold(rate, state.policy))
        }.sorted { a, b in
            // Lowest rate first: the units leadership must look at lead the chart.
            let x = a.rate.hundredths ?? Int.max, y = b.rate.hundredths ?? Int.max
            return x != y ? x < y : a.code < b.code
        }

        categories = Category.allCases.compactMap { c in
            let some = list.filter { $0.category == c }
            guard !some.isEmpty else { return nil }
            return CategoryCount(category: c, count: some.count, closed: some.filter { $0.status == .closed }.count)
        }
        statuses = IssueStatus.allCases.map { s in (s, list.filter { $0.status == s }.count) }
        warnings = Warnings.byUnit(state, unit: nil, round: round?.code, asOf: asOf).map { code, warned in
            UnitWarnings(code: code, name: names[code] ?? code, warned: warned.map { ($0.0, $0.1) })
        }
        transferUnits = Dictionary(summary.transfers.map { ($0.id, state.issues[$0.issue]?.unit ?? "") }, uniquingKeysWith: { a, _ in a })
        rules = list.flatMap { i in i.rules.map { (i, $0) } }
    }

    func t(_ en: String, _ zh: String) -> String { lang == .zh ? zh : en }

    func warningCount(_ c: WarningColour) -> Int { warnings.reduce(0) { $0 + $1.count(c) } }

    /// The scope in words: the round's title and code, or every round.
    var scope: String {
        guard let round else { return t("all rounds", "全部巡察轮次") }
        return lang == .zh ? "\(round.title)(\(round.code))" : "\(round.title) (\(round.code))"
    }
}
