/// The memory image answering the shell's questions: each answer computed from the tables and
/// lookups as the shell used to compute it. Transitional, until a store answers them itself.
/// Nothing here fails; problems always come with their lists (`.omitted` allows, not requires,
/// leaving them out). `transfers(ofIssue:)` and `digest()` are the state's own methods.
extension State: LedgerQuerying {

    public func round(code: String) throws -> Round? { rounds[code] }

    public func unit(code: String) throws -> Unit? { units[code] }

    public func issue(id: String, lists: IssueLists) throws -> Issue? { issues[id] }

    public func transfer(id: String) throws -> Transfer? { transfers[id] }

    public func standing(ofIssue id: String, today: Day) throws -> IssueStanding? {
        issues[id].map { IssueStanding(status: $0.status, warning: $0.warning(on: today, policy: policy)) }
    }

    public func allRounds() throws -> [Round] {
        rounds.keys.sorted().compactMap { rounds[$0] }
    }

    public func allUnits() throws -> [Unit] {
        units.keys.sorted().compactMap { units[$0] }
    }

    public func units(codes: Set<String>) throws -> [Unit] {
        codes.sorted().compactMap { units[$0] }
    }

    public func issues(matching filter: IssueFilter, today: Day, lists: IssueLists) throws -> [Issue] {
        issues(matching: filter, today: today)
    }

    public func transferRows(ofIssuesMatching filter: IssueFilter, today: Day) throws -> [TransferRow] {
        transfers(ofIssuesMatching: filter, today: today).sorted { $0.id < $1.id }.compactMap { t in
            guard let i = issues[t.issue] else { return nil }
            return TransferRow(transfer: t, unit: i.unit, round: i.round, issueStatus: i.status, issueDue: i.due,
                               issueDaysOverdue: i.daysOverdue(on: today))
        }
    }

    public func ruleRows(ofIssuesMatching filter: IssueFilter, today: Day) throws -> [RuleRow] {
        issues(matching: filter, today: today).flatMap { i in
            i.rules.map { RuleRow(issue: i.id, issueTitle: i.title, unit: i.unit, rule: $0) }
        }
    }

    public func warnedIssues(matching filter: IssueFilter, asOf: Day) throws -> [WarnedIssue] {
        // Only the warned problems are sorted.
        var warned: [Issue] = []
        forEachIssue(matching: filter, today: asOf) { if $0.warning(on: asOf, policy: policy) != nil { warned.append($0) } }
        return IssueID.sorted(warned).compactMap { i in
            guard let colour = i.warning(on: asOf, policy: policy), let due = i.due else { return nil }
            return WarnedIssue(id: i.id, unit: i.unit, title: i.title, due: due, colour: colour)
        }
    }

    public func count(matching filter: IssueFilter, today: Day) throws -> Int {
        var n = 0
        forEachIssue(matching: filter, today: today) { _ in n += 1 }
        return n
    }

    public func tally(matching filter: IssueFilter, today: Day) throws -> IssueTally {
        var t = IssueTally()
        forEachIssue(matching: filter, today: today) { t.add($0, today: today) }
        return t
    }

    public func tallies(matching filter: IssueFilter, today: Day, by grouping: IssueGrouping) throws -> [IssueGroupTally] {
        // One pass fills every group's counters: no list of a group's problems is kept.
        var slots: [String: Int] = [:]
        var groups: [IssueGroupTally] = []
        forEachIssue(matching: filter, today: today) { i in
            let key = grouping.key(of: i)
            if let slot = slots[key] {
                groups[slot].tally.add(i, today: today)
            } else {
                slots[key] = groups.count
                var t = IssueTally()
                t.add(i, today: today)
                groups.append(IssueGroupTally(key: key, tally: t))
            }
        }
        return groups
    }

    public func transferTally(ofIssuesMatching filter: IssueFilter, today: Day) throws -> TransferTally {
        TransferTally(transfers(ofIssuesMatching: filter, today: today))
    }

    public func unitLedger(matching filter: IssueFilter, today: Day) throws -> [UnitLedgerRow] {
        var tallies: [String: IssueTally] = [:]
        forEachIssue(matching: filter, today: today) { tallies[$0.unit, default: IssueTally()].add($0, today: today) }
        var codes: Set<String>
        if let unit = filter.unit {
            codes = [unit]
        } else {
            codes = Set(tallies.keys)
            if let round = filter.round {
                codes.formUnion(rounds[round]?.targets ?? [])
            } else if filter == IssueFilter() {
                codes.formUnion(units.keys)
            }
        }
        return codes.sorted().compactMap { code in
            guard let u = units[code] else { return nil }
            return UnitLedgerRow(code: code, name: u.name, secretary: u.secretary, urges: u.urges.count,
                                 talks: u.urges.filter { $0.kind == .talk }.count, tally: tallies[code] ?? IssueTally())
        }
    }

    public func leaderLedger(matching filter: IssueFilter, today: Day) throws -> [LeaderLedgerRow] {
        var tallies: [String: IssueTally] = [:]
        var units: [String: Set<String>] = [:]
        forEachIssue(matching: filter, today: today) { i in
            let lead = i.lead ?? ""
            tallies[lead, default: IssueTally()].add(i, today: today)
            units[lead, default: []].insert(i.unit)
        }
        return tallies.keys.sorted().map { lead in
            LeaderLedgerRow(lead: lead.isEmpty ? nil : lead, tally: tallies[lead] ?? IssueTally(),
                            units: (units[lead] ?? []).sorted())
        }
    }

    public func roundCodes() throws -> [String] { rounds.keys.sorted() }

    public func unitCodes() throws -> [String] { units.keys.sorted() }

    public func issueIDs(statuses: Set<IssueStatus>) throws -> [String] {
        issues.values.filter { statuses.isEmpty || statuses.contains($0.status) }.map(\.id).sorted(by: IssueID.less)
    }

    public func transferIDs() throws -> [String] { transfers.keys.sorted() }

    public func people() throws -> [String] {
        var names = Set<String>()
        for i in issues.values {
            for n in [i.lead, i.owner, i.handler] { if let n { names.insert(n) } }
            for v in i.verifications { names.insert(v.by) }
            for r in i.reports { names.insert(r.signedBy) }
        }
        for u in units.values { if let s = u.secretary { names.insert(s) } }
        for r in rounds.values { for t in r.teams { if let l = t.leader { names.insert(l) } } }
        return names.sorted()
    }

    public func departments() throws -> [String] {
        Set(issues.values.compactMap(\.dept)).sorted()
    }
}
