/// A ledger as a unit liaison (the `unit U` role) reads it: unit U's problems, their history,
/// rate, warnings and slips, and nothing of any other unit; no transferred matter or clue at all.
/// Every question of the read side goes through `LedgerQuerying`, so wrapping the store here is
/// the one place that decides what a liaison sees — ledgers, stats, `issue show`, reports,
/// workbooks, `expect` lines and completion alike.
public struct UnitScope: LedgerQuerying {
    public let base: any LedgerQuerying
    public let unit: String

    public init(_ base: any LedgerQuerying, unit: String) {
        self.base = base
        self.unit = unit
    }

    /// `filter` narrowed to the unit; nil when it asks for another unit, which matches nothing.
    func scoped(_ filter: IssueFilter) -> IssueFilter? {
        if let asked = filter.unit, asked != unit { return nil }
        var f = filter
        f.unit = unit
        return f
    }

    /// A round as the unit sees it: its teams and dates, and of its targets only the unit.
    func scoped(_ round: Round) -> Round {
        var r = round
        r.targets = r.targets.filter { $0 == unit }
        return r
    }

    /// A problem as the unit sees it: its history without the lines transfers added, which name
    /// the matter and the body it went to. Every view of a problem's history or details —
    /// `issue show`, slips, reports, workbooks — gets its problems here.
    func scoped(_ issue: Issue) -> Issue {
        var i = issue
        i.history.removeAll { $0.action == HistoryEntry.transferred }
        return i
    }

    public func currentPolicy() throws -> Policy { try base.currentPolicy() }

    public func round(code: String) throws -> Round? {
        guard let r = try base.round(code: code), r.targets.contains(unit) else { return nil }
        return scoped(r)
    }

    public func unit(code: String) throws -> Unit? { code == unit ? try base.unit(code: code) : nil }

    public func issue(id: String, lists: IssueLists) throws -> Issue? {
        guard let i = try base.issue(id: id, lists: lists), i.unit == unit else { return nil }
        return scoped(i)
    }

    public func transfer(id: String) throws -> Transfer? { nil }

    public func standing(ofIssue id: String, today: Day) throws -> IssueStanding? {
        guard try issue(id: id, lists: .omitted) != nil else { return nil }
        return try base.standing(ofIssue: id, today: today)
    }

    public func allRounds() throws -> [Round] { try base.allRounds().filter { $0.targets.contains(unit) }.map(scoped) }
    public func allUnits() throws -> [Unit] { try base.units(codes: [unit]) }
    public func units(codes: Set<String>) throws -> [Unit] { codes.contains(unit) ? try base.units(codes: [unit]) : [] }

    public func issues(matching filter: IssueFilter, today: Day, lists: IssueLists) throws -> [Issue] {
        guard let f = scoped(filter) else { return [] }
        return try base.issues(matching: f, today: today, lists: lists).map(scoped)
    }

    public func transferRows(ofIssuesMatching filter: IssueFilter, today: Day) throws -> [TransferRow] { [] }
    public func transfers(ofIssue id: String) throws -> [Transfer] { [] }

    public func ruleRows(ofIssuesMatching filter: IssueFilter, today: Day) throws -> [RuleRow] {
        guard let f = scoped(filter) else { return [] }
        return try base.ruleRows(ofIssuesMatching: f, today: today)
    }

    public func warnedIssues(matching filter: IssueFilter, asOf: Day) throws -> [WarnedIssue] {
        guard let f = scoped(filter) else { return [] }
        return try base.warnedIssues(matching: f, asOf: asOf)
    }

    public func count(matching filter: IssueFilter, today: Day) throws -> Int {
        guard let f = scoped(filter) else { return 0 }
        return try base.count(matching: f, today: today)
    }

    public func tally(matching filter: IssueFilter, today: Day) throws -> IssueTally {
        guard let f = scoped(filter) else { return IssueTally() }
        return try base.tally(matching: f, today: today)
    }

    public func tallies(matching filter: IssueFilter, today: Day, by grouping: IssueGrouping) throws -> [IssueGroupTally] {
        guard let f = scoped(filter) else { return [] }
        return try base.tallies(matching: f, today: today, by: grouping)
    }

    public func transferTally(ofIssuesMatching filter: IssueFilter, today: Day) throws -> TransferTally { TransferTally() }

    public func unitLedger(matching filter: IssueFilter, today: Day) throws -> [UnitLedgerRow] {
        guard let f = scoped(filter) else { return [] }
        return try base.unitLedger(matching: f, today: today).filter { $0.code == unit }
    }

    public func leaderLedger(matching filter: IssueFilter, today: Day) throws -> [LeaderLedgerRow] {
        guard let f = scoped(filter) else { return [] }
        return try base.leaderLedger(matching: f, today: today)
    }

    public func roundCodes() throws -> [String] { try allRounds().map(\.code) }
    public func unitCodes() throws -> [String] { try base.unit(code: unit) == nil ? [] : [unit] }

    public func issueIDs(statuses: Set<IssueStatus>) throws -> [String] {
        var f = IssueFilter()
        f.statuses = statuses
        // The day only matters to derived filters, which this one has none of.
        return try issues(matching: f, today: Day(ordinal: 0), lists: .omitted).map(\.id)
    }

    public func transferIDs() throws -> [String] { [] }

    /// The people named on the unit's problems and the unit's secretary.
    public func people() throws -> [String] {
        var names = Set<String>()
        for i in try issues(matching: IssueFilter(), today: Day(ordinal: 0), lists: .omitted) {
            for name in [i.lead, i.owner, i.handler] { if let name { names.insert(name) } }
        }
        if let s = try base.unit(code: unit)?.secretary { names.insert(s) }
        return names.sorted()
    }

    public func departments() throws -> [String] {
        Set(try issues(matching: IssueFilter(), today: Day(ordinal: 0), lists: .omitted).compactMap(\.dept)).sorted()
    }

    /// Who holds which role is not a liaison's to read.
    public func logins() throws -> [String] { [] }

    /// The digest is of the whole ledger: a liaison does not get one.
    public func digest() throws -> String {
        throw DomainError(en: "the ledger's digest covers every unit; a unit liaison sees \(unit) only",
                          zh: "账本摘要涵盖所有单位；单位联络员只能查看 \(unit)")
    }
}
