/// The problems of each unit and of each round, and the transferred matters of each problem:
/// what lets a query about one unit or round visit its own few dozen problems instead of a
/// province's 50,000 (a scan cost 10–25 ms, one cache miss per problem).
///
/// It is derived from the state's tables, so it is no part of the state's identity: any two
/// compare equal and hash alike, and it is never encoded (snapshot bytes and digests do not
/// change). Lists hold ids in no particular order; queries sort what they keep.
struct Lookups: Hashable, Sendable {
    /// False once the tables were replaced or changed from outside the core; queries then scan
    /// the whole table until `State.reindex()` rebuilds the lists.
    var isCurrent = true
    var byUnit: [String: [String]] = [:]
    var byRound: [String: [String]] = [:]
    var transfersByIssue: [String: [String]] = [:]

    static func == (_: Lookups, _: Lookups) -> Bool { true }
    func hash(into _: inout Hasher) {}

    mutating func insert(issue: Issue, at id: String) {
        byUnit[issue.unit, default: []].append(id)
        byRound[issue.round, default: []].append(id)
    }

    mutating func remove(issue: Issue, at id: String) {
        Self.remove(id, from: &byUnit, key: issue.unit)
        Self.remove(id, from: &byRound, key: issue.round)
    }

    mutating func insert(transfer: Transfer, at id: String) {
        transfersByIssue[transfer.issue, default: []].append(id)
    }

    mutating func remove(transfer: Transfer, at id: String) {
        Self.remove(id, from: &transfersByIssue, key: transfer.issue)
    }

    /// Drops one occurrence of `id` from the list under `key`, and the key with its last id, so
    /// an undone registration leaves no empty list behind.
    static func remove(_ id: String, from lists: inout [String: [String]], key: String) {
        guard let slot = lists.index(forKey: key) else { return }
        if let at = lists.values[slot].lastIndex(of: id) { lists.values[slot].remove(at: at) }
        if lists.values[slot].isEmpty { lists.remove(at: slot) }
    }
}

extension State {
    /// True when the lookups agree with the tables (tests check that queries used them).
    public var lookupsAreCurrent: Bool { lookups.isCurrent }

    /// Rebuilds the lookups after the tables were set from outside (a decoded snapshot). Cheap
    /// to call when they are current. Queries are right without it, only slower.
    public mutating func reindex() {
        guard !lookups.isCurrent else { return }
        var fresh = Lookups()
        fresh.byUnit.reserveCapacity(units.count)
        fresh.byRound.reserveCapacity(rounds.count)
        // Read in place through indices: copying each problem out (a retain of its box, a cold
        // cache line) made the rebuild of a province's 50,000 problems take ~35 ms.
        var at = issueTable.startIndex
        while at != issueTable.endIndex {
            let id = issueTable.keys[at]
            fresh.byUnit[issueTable.values[at].unit, default: []].append(id)
            fresh.byRound[issueTable.values[at].round, default: []].append(id)
            issueTable.formIndex(after: &at)
        }
        for (id, transfer) in transferTable { fresh.insert(transfer: transfer, at: id) }
        lookups = fresh
    }

    /// Sets or removes one problem, keeping the lookups in step when they are current.
    mutating func put(issue new: Issue?, at id: String) {
        let old: Issue?
        if let new { old = issueTable.updateValue(new, forKey: id) } else { old = issueTable.removeValue(forKey: id) }
        guard lookups.isCurrent else { return }
        // A before-image of the same problem (the usual undo) keeps its unit and round.
        if let old, let new, old.unit == new.unit, old.round == new.round { return }
        if let old { lookups.remove(issue: old, at: id) }
        if let new { lookups.insert(issue: new, at: id) }
    }

    /// Sets or removes one transferred matter, keeping the lookups in step when they are current.
    mutating func put(transfer new: Transfer?, at id: String) {
        let old: Transfer?
        if let new { old = transferTable.updateValue(new, forKey: id) } else { old = transferTable.removeValue(forKey: id) }
        guard lookups.isCurrent else { return }
        if let old, let new, old.issue == new.issue { return }
        if let old { lookups.remove(transfer: old, at: id) }
        if let new { lookups.insert(transfer: new, at: id) }
    }

    /// The ids of the only problems that can match `filter`: the shorter of its unit's and its
    /// round's lists. Nil when the filter names neither, or the lookups are not current.
    func candidateIDs(_ filter: IssueFilter) -> [String]? {
        guard lookups.isCurrent else { return nil }
        var best: [String]?
        if let unit = filter.unit { best = lookups.byUnit[unit] ?? [] }
        if let round = filter.round {
            let list = lookups.byRound[round] ?? []
            if best.map({ list.count < $0.count }) ?? true { best = list }
        }
        return best
    }

    /// Calls `body` with each problem matching `filter`, in no particular order, visiting only
    /// the problems of the filter's unit or round when it names one.
    public func forEachIssue(matching filter: IssueFilter, today: Day, _ body: (Issue) throws -> Void) rethrows {
        if let ids = candidateIDs(filter) {
            for id in ids {
                // The whole filter is still checked: the lists only narrow the search.
                guard let issue = issueTable[id], filter.matches(issue, today: today, policy: policy) else { continue }
                try body(issue)
            }
        } else {
            for issue in issueTable.values where filter.matches(issue, today: today, policy: policy) { try body(issue) }
        }
    }

    /// How many problems of `round` are still open (what keeps a round from closing).
    func openIssueCount(ofRound round: String) -> Int {
        if lookups.isCurrent {
            return (lookups.byRound[round] ?? []).reduce(0) { n, id in
                guard let issue = issueTable[id], issue.round == round, issue.status.isOpen else { return n }
                return n + 1
            }
        }
        return issueTable.values.reduce(0) { $0 + ($1.round == round && $1.status.isOpen ? 1 : 0) }
    }

    /// The matching problems in no particular order: for reports that group them anyway, so the
    /// sort of a 50,000-problem ledger is not paid for nothing.
    public func unorderedIssues(matching filter: IssueFilter, today: Day) -> [Issue] {
        var list: [Issue] = []
        forEachIssue(matching: filter, today: today) { list.append($0) }
        return list
    }

    /// The transferred matters of the problems matching `filter`, in no particular order.
    public func transfers(ofIssuesMatching filter: IssueFilter, today: Day) -> [Transfer] {
        var list: [Transfer] = []
        if let ids = candidateIDs(filter) {
            for id in ids {
                guard let ts = lookups.transfersByIssue[id], let issue = issueTable[id],
                      filter.matches(issue, today: today, policy: policy) else { continue }
                for t in ts { if let transfer = transferTable[t], transfer.issue == id { list.append(transfer) } }
            }
        } else {
            for t in transferTable.values {
                guard let issue = issueTable[t.issue], filter.matches(issue, today: today, policy: policy) else { continue }
                list.append(t)
            }
        }
        return list
    }

    /// The transferred matters of one problem, in id order.
    public func transfers(ofIssue id: String) -> [Transfer] {
        let list: [Transfer]
        if lookups.isCurrent {
            list = (lookups.transfersByIssue[id] ?? []).compactMap { transferTable[$0] }.filter { $0.issue == id }
        } else {
            list = transferTable.values.filter { $0.issue == id }
        }
        return list.sorted { $0.id < $1.id }
    }
}
