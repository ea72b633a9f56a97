import XunchaCore

/// The read side of a ledger on PostgreSQL: every question answered by the same
/// `LedgerQueries` as on SQLite, through `query`, so that inside a write (an `expect` or
/// `ledger` line in the middle of a file) the transaction's own changes are flushed first and seen.
extension PostgresLedger: LedgerQuerying {
    public func round(code: String) throws -> Round? { try query { try $0.projection.round(code) } }
    public func unit(code: String) throws -> XunchaCore.Unit? { try query { try $0.projection.unit(code) } }
    public func issue(id: String, lists: IssueLists) throws -> Issue? { try query { try $0.issue(id: id, lists: lists) } }
    public func transfer(id: String) throws -> Transfer? { try query { try $0.projection.transfer(id) } }
    public func standing(ofIssue id: String, today: Day) throws -> IssueStanding? { try query { try $0.standing(ofIssue: id, today: today) } }

    public func allRounds() throws -> [Round] { try query { try $0.allRounds() } }
    public func allUnits() throws -> [XunchaCore.Unit] { try query { try $0.allUnits() } }
    public func units(codes: Set<String>) throws -> [XunchaCore.Unit] { try query { try $0.units(codes: codes) } }

    public func issues(matching filter: IssueFilter, today: Day, lists: IssueLists) throws -> [Issue] {
        try query { try $0.issues(matching: filter, today: today, lists: lists) }
    }

    public func transferRows(ofIssuesMatching filter: IssueFilter, today: Day) throws -> [TransferRow] {
        try query { try $0.transferRows(ofIssuesMatching: filter, today: today) }
    }

    public func transfers(ofIssue id: String) throws -> [Transfer] { try query { try $0.transfers(ofIssue: id) } }

    public func ruleRows(ofIssuesMatching filter: IssueFilter, today: Day) throws -> [RuleRow] {
        try query { try $0.ruleRows(ofIssuesMatching: filter, today: today) }
    }

    public func warnedIssues(matching filter: IssueFilter, asOf: Day) throws -> [WarnedIssue] {
        try query { try $0.warnedIssues(matching: filter, asOf: asOf) }
    }

    public func count(matching filter: IssueFilter, today: Day) throws -> Int {
        try query { try $0.count(matching: filter, today: today) }
    }

    public func tally(matching filter: IssueFilter, today: Day) throws -> IssueTally {
        try query { try $0.tally(matching: filter, today: today) }
    }

    public func tallies(matching filter: IssueFilter, today: Day, by grouping: IssueGrouping) throws -> [IssueGroupTally] {
        try query { try $0.tallies(matching: filter, today: today, by: grouping) }
    }

    public func transferTally(ofIssuesMatching filter: IssueFilter, today: Day) throws -> TransferTally {
        try query { try $0.transferTally(ofIssuesMatching: filter, today: today) }
    }

    public func unitLedger(matching filter: IssueFilter, today: Day) throws -> [UnitLedgerRow] {
        try query { try $0.unitLedger(matching: filter, today: today) }
    }

    public func leaderLedger(matching filter: IssueFilter, today: Day) throws -> [LeaderLedgerRow] {
        try query { try $0.leaderLedger(matching: filter, today: today) }
    }

    public func roundCodes() throws -> [String] { try query { try $0.codes(of: "rounds") } }
    public func unitCodes() throws -> [String] { try query { try $0.codes(of: "units") } }
    public func issueIDs(statuses: Set<IssueStatus>) throws -> [String] { try query { try $0.issueIDs(statuses: statuses) } }
    public func transferIDs() throws -> [String] { try query { try $0.transferIDs() } }
    public func people() throws -> [String] { try query { try $0.people() } }
    public func departments() throws -> [String] { try query { try $0.departments() } }
    public func logins() throws -> [String] { try query { try $0.logins() } }

    public func digest() throws -> String { try query { try $0.digest() } }
}
