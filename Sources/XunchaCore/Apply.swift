extension LedgerReader {
    /// What a recorded fact changes: the after-images of the entities it touches, read through
    /// the ledger and changed here, for the store to write back. It never validates (that
    /// happened when the command was decided) and never refuses: a fact about an entity that is
    /// missing changes nothing. Replaying the journal through it rebuilds the ledger.
    /// `entered` is the real date of a back-entry (补录: `day` is earlier than the day it was
    /// written), which the problem's history lines keep beside their effective date; `onBehalf`
    /// the person a line was entered for (代录), which they keep beside the actor.
    public func apply(_ event: Event, on day: Day, actor: String, entered: Day? = nil, onBehalf: String? = nil) throws -> Fragment {
        var w = Working(ledger: self, entered: entered, onBehalf: onBehalf)
        switch event {
        case .roundOpened(let p):
            w.changes.rounds[p.code] = Round(code: p.code, title: p.title, kind: p.kind, from: p.from, to: p.to, revisits: p.revisits)
        case .teamAdded(let p):
            try w.round(p.round) { $0.teams.append(Team(name: p.name, leader: p.leader)) }
        case .targetAdded(let p):
            try w.round(p.round) { if !$0.targets.contains(p.unit) { $0.targets.append(p.unit) } }
        case .feedbackGiven(let p):
            try w.round(p.round) {
                $0.feedbackOn = p.on
                if let due = p.due { $0.defaultDue = due }
                if let due = p.reportsDue { $0.reportsDue = due }
            }
            if let due = p.due {
                // Problems registered on site before the feedback meeting take the round's deadline.
                for id in try undatedOpenIssues(round: p.round) { try w.issue(id) { $0.due = due } }
            }
        case .roundClosed(let p):
            try w.round(p.round) { $0.closed = true; $0.closeReason = p.forced }
        case .unitAdded(let p):
            w.changes.units[p.code] = Unit(code: p.code, name: p.name, secretary: p.secretary)
        case .secretaryChanged(let p):
            try w.unit(p.unit) { $0.secretary = p.secretary }
        case .issueAdded(let p):
            let round = try w.current(round: p.round)
            var issue = Issue(id: p.id, round: p.round, unit: p.unit, title: p.title, category: p.category,
                              source: p.source, mode: p.mode, requirement: p.requirement, registeredOn: day,
                              due: p.due ?? round?.defaultDue)
            issue.history.append(HistoryEntry(on: day, actor: actor, action: "added", detail: p.title, entered: entered, onBehalf: onBehalf))
            w.changes.issues[p.id] = issue
            if let n = IssueID.split(p.id)?.number, let next = round?.nextIssue, n >= next {
                try w.round(p.round) { $0.nextIssue = n + 1 }
            }
        case .issueAssigned(let p):
            let who = [p.lead, p.owner, p.dept] + (p.handler.map { [$0] } ?? [])
            try w.issue(p.id, day, actor, "assigned", who.joined(separator: " / ") + " · " + p.due.iso) {
                $0.lead = p.lead; $0.owner = p.owner; $0.dept = p.dept; $0.handler = p.handler; $0.due = p.due
                if $0.status == .registered { $0.status = .rectifying }
            }
        case .progressNoted(let p):
            try w.issue(p.id, day, actor, "progress", p.text) { $0.progress.append(ProgressNote(text: p.text, on: day)) }
        case .issueReported(let p):
            try w.issue(p.id, day, actor, "reported", p.text + " · " + p.signedBy) {
                $0.reports.append(Report(text: p.text, evidence: p.evidence, signedBy: p.signedBy, on: day))
                $0.status = .reported
            }
        case .issueVerified(let p):
            let detail = p.verdict.rawValue + " · " + p.by + " · " + p.methods.map(\.rawValue).joined(separator: ",")
            try w.issue(p.id, day, actor, "verified", detail) {
                $0.verifications.append(Verification(verdict: p.verdict, by: p.by, methods: p.methods, note: p.note, on: day))
                switch p.verdict {
                case .pass: $0.status = .closed; $0.closedOn = day
                case .fail: $0.status = .rectifying; $0.returned += 1
                case .longterm: $0.status = .longterm; $0.longtermVerified = true
                }
            }
        case .issueReopened(let p):
            try w.issue(p.id, day, actor, "reopened", p.reason) {
                $0.status = .rectifying; $0.closedOn = nil; $0.reopened += 1
            }
        case .issueWithdrawn(let p):
            try w.issue(p.id, day, actor, "withdrawn", p.text) { $0.status = .withdrawn; $0.withdrawReason = p.text }
        case .ruleAdded(let p):
            try w.issue(p.id, day, actor, "rule", p.text) { $0.rules.append(Rule(title: p.text, on: day)) }
        case .transferAdded(let p):
            w.changes.transfers[p.id] = Transfer(id: p.id, issue: p.issue, to: p.to, summary: p.summary, on: day)
            if let n = Int(p.id.dropFirst(2)), n >= (try nextTransferNumber()) { w.changes.nextTransfer = n + 1 }
            try w.issue(p.issue) {
                $0.history.append(HistoryEntry(on: day, actor: actor, action: HistoryEntry.transferred,
                                             detail: p.id + " → " + p.to.rawValue, entered: entered, onBehalf: onBehalf))
            }
        case .transferConcluded(let p):
            if var t = try findTransfer(p.id) {
                t.concludedOn = day
                t.outcome = p.outcome
                w.changes.transfers[p.id] = t
            }
        case .urged(let p):
            // The urge is the person's the identity entered it for (代录), as the ledger names people.
            let by = onBehalf ?? actor
            try w.unit(p.unit) { $0.urges.append(UrgeAct(kind: p.kind, text: p.text, on: day, by: by, issue: p.issue)) }
        case .policySet(let p):
            var policy = try currentPolicy()
            policy.set(p.key, p.value)
            w.changes.policy = policy
        case .undone(let p):
            w.changes = p.restore
        case .roundReported(let p):
            try w.unit(p.unit) { $0.reports.append(RoundReport(round: p.round, kind: p.kind, on: p.on, signedBy: p.signedBy)) }
        case .checked(let p):
            try w.unit(p.unit) {
                $0.checks.append(SupervisionCheck(round: p.round, on: p.on, by: p.by, compared: p.compared, findings: p.findings))
            }
        case .roleGranted(let g):
            var access = try w.currentAccess()
            access.add(g)
            w.changes.access = access
        case .roleRevoked(let g):
            var access = try w.currentAccess()
            access.remove(g)
            w.changes.access = access
        case .personLogin(let p):
            var access = try w.currentAccess()
            access.logins[p.person] = p.login
            w.changes.access = access
        case .assessed(let p):
            try w.unit(p.unit) {
                $0.assessments.append(Assessment(round: p.round, grade: p.grade, by: p.by, methods: p.methods,
                                                 findings: p.findings, redo: p.redo, on: day))
            }
            // 再整改: counted as a return, like a failed verification; a closed problem is also reopened.
            for id in p.redo {
                try w.issue(id, day, actor, "assessed", p.grade.rawValue + " · " + p.by + " · " + p.findings) {
                    if $0.status == .closed { $0.reopened += 1; $0.closedOn = nil }
                    $0.status = .rectifying
                    $0.returned += 1
                }
            }
        }
        return w.changes
    }
}

/// The entities one event is changing, read once from the ledger and then changed in place.
private struct Working<Ledger: LedgerReader> {
    let ledger: Ledger
    let entered: Day?
    let onBehalf: String?
    var changes = Fragment()

    func currentAccess() throws -> Access {
        if let changed = changes.access { return changed }
        return try ledger.currentAccess()
    }

    func current(round code: String) throws -> Round? {
        if let changed = changes.rounds[code] { return changed }
        return try ledger.findRound(code)
    }

    mutating func round(_ code: String, _ change: (inout Round) -> Void) throws {
        guard var r = try current(round: code) else { return }
        change(&r)
        changes.rounds[code] = r
    }

    mutating func unit(_ code: String, _ change: (inout Unit) -> Void) throws {
        guard var u = try changes.units[code] ?? ledger.findUnit(code) else { return }
        change(&u)
        changes.units[code] = u
    }

    mutating func issue(_ id: String, _ change: (inout Issue) -> Void) throws {
        guard var i = try changes.issues[id] ?? ledger.findIssue(id) else { return }
        change(&i)
        changes.issues[id] = i
    }

    /// Changes a problem and adds the line its history shows for the change.
    mutating func issue(_ id: String, _ day: Day, _ actor: String, _ action: String, _ detail: String,
                        _ change: (inout Issue) -> Void) throws {
        let entered = self.entered, onBehalf = self.onBehalf
        try issue(id) {
            change(&$0)
            $0.history.append(HistoryEntry(on: day, actor: actor, action: action, detail: detail, entered: entered, onBehalf: onBehalf))
        }
    }
}
