extension State {
    /// Applies a recorded fact. It never validates (that happened when the command was decided)
    /// and never fails: a fact about an entity that is missing changes nothing.
    public mutating func apply(_ event: Event, on day: Day, actor: String) {
        switch event {
        case .roundOpened(let p):
            rounds[p.code] = Round(code: p.code, title: p.title, kind: p.kind, from: p.from, to: p.to, revisits: p.revisits)
        case .teamAdded(let p):
            rounds[p.round]?.teams.append(Team(name: p.name, leader: p.leader))
        case .targetAdded(let p):
            if rounds[p.round]?.targets.contains(p.unit) == false { rounds[p.round]?.targets.append(p.unit) }
        case .feedbackGiven(let p):
            rounds[p.round]?.feedbackOn = p.on
            if let due = p.due {
                rounds[p.round]?.defaultDue = due
                // Problems registered on site before the feedback meeting take the round's deadline.
                // (Ids first, then changes: changing the dictionary while iterating it would copy
                // the whole ledger once per problem.)
                for id in undatedOpenIssues(of: p.round) { issueTable[id]?.due = due }
            }
        case .roundClosed(let p):
            rounds[p.round]?.closed = true
            rounds[p.round]?.closeReason = p.forced
        case .unitAdded(let p):
            units[p.code] = Unit(code: p.code, name: p.name, secretary: p.secretary)
        case .secretaryChanged(let p):
            units[p.unit]?.secretary = p.secretary
        case .issueAdded(let p):
            var issue = Issue(id: p.id, round: p.round, unit: p.unit, title: p.title, category: p.category,
                              source: p.source, mode: p.mode, requirement: p.requirement, registeredOn: day,
                              due: p.due ?? rounds[p.round]?.defaultDue)
            // Room for the usual lifecycle (added, assigned, reported, verified) from the start,
            // instead of growing the list on each of them.
            issue.history.reserveCapacity(4)
            issue.history.append(HistoryEntry(on: day, actor: actor, action: "added", detail: p.title))
            put(issue: issue, at: p.id)
            // In place: reading the round out first copied its teams and targets.
            if let n = IssueID.split(p.id)?.number, let slot = rounds.index(forKey: p.round), n >= rounds.values[slot].nextIssue {
                rounds.values[slot].nextIssue = n + 1
            }
        case .issueAssigned(let p):
            update(p.id, day, actor, "assigned",
                   p.handler.map { Text.joined(p.lead, " / ", p.owner, " / ", p.dept, " / ", $0, " · ", p.due.iso) }
                       ?? Text.joined(p.lead, " / ", p.owner, " / ", p.dept, " · ", p.due.iso)) {
                $0.lead = p.lead; $0.owner = p.owner; $0.dept = p.dept; $0.handler = p.handler; $0.due = p.due
                if $0.status == .registered { $0.status = .rectifying }
            }
        case .progressNoted(let p):
            update(p.id, day, actor, "progress", p.text) { $0.progress.append(ProgressNote(text: p.text, on: day)) }
        case .issueReported(let p):
            update(p.id, day, actor, "reported", Text.joined(p.text, " · ", p.signedBy)) {
                $0.reports.append(Report(text: p.text, evidence: p.evidence, signedBy: p.signedBy, on: day))
                $0.status = .reported
            }
        case .issueVerified(let p):
            let detail = Text.joined(p.verdict.rawValue, " · ", p.by, " · ", p.methods.map(\.rawValue).joined(separator: ","))
            update(p.id, day, actor, "verified", detail) {
                $0.verifications.append(Verification(verdict: p.verdict, by: p.by, methods: p.methods, note: p.note, on: day))
                switch p.verdict {
                case .pass: $0.status = .closed; $0.closedOn = day
                case .fail: $0.status = .rectifying; $0.returned += 1
                case .longterm: $0.status = .longterm; $0.longtermVerified = true
                }
            }
        case .issueReopened(let p):
            update(p.id, day, actor, "reopened", p.reason) {
                $0.status = .rectifying; $0.closedOn = nil; $0.reopened += 1
            }
        case .issueWithdrawn(let p):
            update(p.id, day, actor, "withdrawn", p.text) { $0.status = .withdrawn; $0.withdrawReason = p.text }
        case .ruleAdded(let p):
            update(p.id, day, actor, "rule", p.text) { $0.rules.append(Rule(title: p.text, on: day)) }
        case .transferAdded(let p):
            put(transfer: Transfer(id: p.id, issue: p.issue, to: p.to, summary: p.summary, on: day), at: p.id)
            if let n = Int(p.id.dropFirst(2)), n >= nextTransfer { nextTransfer = n + 1 }
            issueTable[p.issue]?.history.append(HistoryEntry(on: day, actor: actor, action: "transferred", detail: Text.joined(p.id, " → ", p.to.rawValue)))
        case .transferConcluded(let p):
            transferTable[p.id]?.concludedOn = day
            transferTable[p.id]?.outcome = p.outcome
        case .urged(let p):
            units[p.unit]?.urges.append(UrgeAct(kind: p.kind, text: p.text, on: day, by: actor, issue: p.issue))
        case .policySet(let p):
            policy.set(p.key, p.value)
        case .undone(let p):
            restore(p.restore)
        }
    }

    /// Changes the issue in place: taking it out and putting it back would copy its arrays
    /// (the dictionary still holds them meanwhile) on every event.
    private mutating func update(_ id: String, _ day: Day, _ actor: String, _ action: String, _ detail: @autoclosure () -> String,
                                 _ change: (inout Issue) -> Void) {
        guard let index = issueTable.index(forKey: id) else { return }
        change(&issueTable.values[index])
        issueTable.values[index].history.append(HistoryEntry(on: day, actor: actor, action: action, detail: detail()))
    }

    /// The open problems of a round that have no deadline yet, found through the round's
    /// lookup list, or, while the lookups are stale, its id sequence (`<round>-001` up to its
    /// next number); never by a scan of the whole ledger. Their order does not matter.
    func undatedOpenIssues(of round: String) -> [String] {
        if lookups.isCurrent {
            return (lookups.byRound[round] ?? []).filter { id in
                guard let issue = issueTable[id] else { return false }
                return issue.round == round && issue.due == nil && issue.status.isOpen
            }
        }
        guard let r = rounds[round], r.nextIssue > 1 else { return [] }
        var ids: [String] = []
        for n in 1..<r.nextIssue {
            let id = IssueID.make(round: round, number: n)
            guard let index = issueTable.index(forKey: id) else { continue }
            let issue = issueTable.values[index]
            if issue.round == round && issue.due == nil && issue.status.isOpen { ids.append(id) }
        }
        return ids
    }
}
