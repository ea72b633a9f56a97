import XunchaCore

/// The questions of `LedgerQuerying` answered from a whole ledger in memory, each computed
/// from the plain dictionaries as the shell computed them before the store answered them in
/// SQL: the reference the SQL answers are compared with. Problems always come with their lists.
struct MemoryLedger: LedgerQuerying {
    let state: State

    func currentPolicy() throws -> Policy { state.policy }

    func transfers(ofIssue id: String) throws -> [Transfer] { state.transfers(ofIssue: id) }

    func digest() throws -> String { state.digest() }

    func round(code: String) throws -> Round? { state.rounds[code] }

    func unit(code: String) throws -> Unit? { state.units[code] }

    func issue(id: String, lists: IssueLists) throws -> Issue? { state.issues[id] }

    func transfer(id: String) throws -> Transfer? { state.transfers[id] }

    func standing(ofIssue id: String, today: Day) throws -> IssueStanding? {
        state.issues[id].map { IssueStanding(status: $0.status, warning: $0.warning(on: today, policy: state.policy)) }
    }

    func allRounds() throws -> [Round] {
        state.rounds.keys.sorted().compactMap { state.rounds[$0] }
    }

    func allUnits() throws -> [Unit] {
        state.units.keys.sorted().compactMap { state.units[$0] }
    }

    func units(codes: Set<String>) throws -> [Unit] {
        codes.sorted().compactMap { state.units[$0] }
    }

    func issues(matching filter: IssueFilter, today: Day, lists: IssueLists) throws -> [Issue] {
        state.issues(matching: filter, today: today)
    }

    func transferRows(ofIssuesMatching filter: IssueFilter, today: Day) throws -> [TransferRow] {
        state.transfers(ofIssuesMatching: filter, today: today).sorted { $0.id < $1.id }.compactMap { t in
            guard let i = state.issues[t.issue] else { return nil }
            return TransferRow(transfer: t, unit: i.unit, round: i.round, issueStatus: i.status, issueDue: i.due,
                               issueDaysOverdue: i.daysOverdue(on: today))
        }
    }

    func ruleRows(ofIssuesMatching filter: IssueFilter, today: Day) throws -> [RuleRow] {
        state.issues(matching: filter, today: today).flatMap { i in
            i.rules.map { RuleRow(issue: i.id, issueTitle: i.title, unit: i.unit, rule: $0) }
        }
    }

    func warnedIssues(matching filter: IssueFilter, asOf: Day) throws -> [WarnedIssue] {
        // Only the warned problems are sorted.
        var warned: [Issue] = []
        state.forEachIssue(matching: filter, today: asOf) { if $0.warning(on: asOf, policy: state.policy) != nil { warned.append($0) } }
        return IssueID.sorted(warned).compactMap { i in
            guard let colour = i.warning(on: asOf, policy: state.policy), let due = i.due else { return nil }
            return WarnedIssue(id: i.id, unit: i.unit, title: i.title, due: due, colour: colour)
        }
    }

    func count(matching filter: IssueFilter, today: Day) throws -> Int {
        var n = 0
        state.forEachIssue(matching: filter, today: today) { _ in n += 1 }
        return n
    }

    func tally(matching filter: IssueFilter, today: Day) throws -> IssueTally {
        var t = IssueTally()
        state.forEachIssue(matching: filter, today: today) { t.add($0, today: today) }
        return t
    }

    func tallies(matching filter: IssueFilter, today: Day, by grouping: IssueGrouping) throws -> [IssueGroupTally] {
        // One pass fills every group's counters: no list of a group's problems is kept.
        var slots: [String: Int] = [:]
        var groups: [IssueGroupTally] = []
        state.forEachIssue(matching: filter, today: today) { i in
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

    func transferTally(ofIssuesMatching filter: IssueFilter, today: Day) throws -> TransferTally {
        TransferTally(state.transfers(ofIssuesMatching: filter, today: today))
    }

    func unitLedger(matching filter: IssueFilter, today: Day) throws -> [UnitLedgerRow] {
        var tallies: [String: IssueTally] = [:]
        state.forEachIssue(matching: filter, today: today) { tallies[$0.unit, default: IssueTally()].add($0, today: today) }
        var codes: Set<String>
        if let unit = filter.unit {
            codes = [unit]
        } else {
            codes = Set(tallies.keys)
            if let round = filter.round {
                codes.formUnion(state.rounds[round]?.targets ?? [])
            } else if filter == IssueFilter() {
                codes.formUnion(state.units.keys)
            }
        }
        return codes.sorted().compactMap { code in
            guard let u = state.units[code] else { return nil }
            return UnitLedgerRow(code: code, name: u.name, secretary: u.secretary, urges: u.urges.count,
                                 talks: u.urges.filter { $0.kind == .talk }.count, tally: tallies[code] ?? IssueTally(),
                                 grade: u.latestAssessment(round: filter.round)?.grade, lastChecked: u.lastChecked)
        }
    }

    func leaderLedger(matching filter: IssueFilter, today: Day) throws -> [LeaderLedgerRow] {
        var tallies: [String: IssueTally] = [:]
        var leadUnits: [String: Set<String>] = [:]
        state.forEachIssue(matching: filter, today: today) { i in
            let lead = i.lead ?? ""
            tallies[lead, default: IssueTally()].add(i, today: today)
            leadUnits[lead, default: []].insert(i.unit)
        }
        return tallies.keys.sorted().map { lead in
            LeaderLedgerRow(lead: lead.isEmpty ? nil : lead, tally: tallies[lead] ?? IssueTally(),
                            units: (leadUnits[lead] ?? []).sorted())
        }
    }

    func roundCodes() throws -> [String] { state.rounds.keys.sorted() }

    func unitCodes() throws -> [String] { state.units.keys.sorted() }

    func issueIDs(statuses: Set<IssueStatus>) throws -> [String] {
        state.issues.values.filter { statuses.isEmpty || statuses.contains($0.status) }.map(\.id).sorted(by: IssueID.less)
    }

    func transferIDs() throws -> [String] { state.transfers.keys.sorted() }

    func people() throws -> [String] {
        var names = Set<String>()
        for i in state.issues.values {
            for n in [i.lead, i.owner, i.handler] { if let n { names.insert(n) } }
            for v in i.verifications { names.insert(v.by) }
            for r in i.reports { names.insert(r.signedBy) }
        }
        for u in state.units.values { if let s = u.secretary { names.insert(s) } }
        for r in state.rounds.values { for t in r.teams { if let l = t.leader { names.insert(l) } } }
        return names.sorted()
    }

    func departments() throws -> [String] {
        Set(state.issues.values.compactMap(\.dept)).sorted()
    }

    func logins() throws -> [String] {
        Set(state.access.grants.map(\.login) + state.access.logins.values).sorted()
    }
}
