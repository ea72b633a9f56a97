/// Field order of every entity in `StateCoding`'s binary form. Writer and reader sit side by
/// side so that a field added to one is seen missing from the other; `StateCodingTests` checks
/// the round trip on states that use every field.
extension BinaryWriter {
    mutating func write(_ s: State) {
        dictionary(s.rounds) { $0.write($1) }
        dictionary(s.units) { $0.write($1) }
        dictionary(s.issues) { $0.write($1) }
        dictionary(s.transfers) { $0.write($1) }
        int(s.policy.verifyMethods); int(s.policy.yellowDays); int(s.policy.greenDays); int(s.policy.rateThreshold)
        int(s.nextTransfer)
    }

    mutating func write(_ r: Round) {
        string(r.code); string(r.title); raw(r.kind); day(r.from); day(r.to); string(r.revisits)
        array(r.teams) { $0.string($1.name); $0.string($1.leader) }
        array(r.targets) { $0.string($1) }
        day(r.feedbackOn); day(r.defaultDue); bool(r.closed); string(r.closeReason); int(r.nextIssue)
    }

    mutating func write(_ u: Unit) {
        string(u.code); string(u.name); string(u.secretary)
        array(u.urges) { w, a in w.raw(a.kind); w.string(a.text); w.day(a.on); w.string(a.by); w.string(a.issue) }
    }

    mutating func write(_ i: Issue) {
        string(i.id); string(i.round); string(i.unit); string(i.title)
        raw(i.category); raw(i.source); raw(i.mode); string(i.requirement)
        day(i.registeredOn); day(i.due)
        string(i.lead); string(i.owner); string(i.dept); string(i.handler)
        raw(i.status)
        array(i.progress) { w, p in w.string(p.text); w.day(p.on) }
        array(i.reports) { w, r in
            w.string(r.text); w.array(r.evidence) { $0.string($1) }; w.string(r.signedBy); w.day(r.on)
        }
        array(i.verifications) { w, v in
            w.raw(v.verdict); w.string(v.by); w.array(v.methods) { $0.raw($1) }; w.string(v.note); w.day(v.on)
        }
        array(i.rules) { w, r in w.string(r.title); w.day(r.on) }
        int(i.returned); int(i.reopened); day(i.closedOn); bool(i.longtermVerified); string(i.withdrawReason)
        array(i.history) { w, h in w.day(h.on); w.string(h.actor); w.string(h.action); w.string(h.detail) }
    }

    mutating func write(_ t: Transfer) {
        string(t.id); string(t.issue); raw(t.to); string(t.summary); day(t.on); day(t.concludedOn)
        bool(t.outcome != nil)
        if let o = t.outcome { int(o.sanctions); int(o.handled); int(o.recovered); int(o.refunded) }
    }
}

extension BinaryReader {
    mutating func state() throws(StateCoding.Failure) -> State {
        var s = State()
        s.rounds = try dictionary { r throws(StateCoding.Failure) in try r.round() }
        s.units = try dictionary { r throws(StateCoding.Failure) in try r.unit() }
        s.issues = try dictionary { r throws(StateCoding.Failure) in try r.issue() }
        s.transfers = try dictionary { r throws(StateCoding.Failure) in try r.transfer() }
        s.policy.verifyMethods = try int(); s.policy.yellowDays = try int()
        s.policy.greenDays = try int(); s.policy.rateThreshold = try int()
        s.nextTransfer = try int()
        return s
    }

    mutating func round() throws(StateCoding.Failure) -> Round {
        var r = Round(code: try string(), title: try string(), kind: try raw(RoundKind.self), from: try optionalDay(),
                      to: try optionalDay(), revisits: try optionalString())
        r.teams = try array { x throws(StateCoding.Failure) in Team(name: try x.string(), leader: try x.optionalString()) }
        r.targets = try array { x throws(StateCoding.Failure) in try x.string() }
        r.feedbackOn = try optionalDay(); r.defaultDue = try optionalDay(); r.closed = try bool()
        r.closeReason = try optionalString(); r.nextIssue = try int()
        return r
    }

    mutating func unit() throws(StateCoding.Failure) -> Unit {
        var u = Unit(code: try string(), name: try string(), secretary: try optionalString())
        u.urges = try array { x throws(StateCoding.Failure) in
            UrgeAct(kind: try x.raw(UrgeKind.self), text: try x.string(), on: try x.day(), by: try x.string(), issue: try x.optionalString())
        }
        return u
    }

    mutating func issue() throws(StateCoding.Failure) -> Issue {
        var i = Issue(id: try string(), round: try string(), unit: try string(), title: try string(),
                      category: try raw(Category.self), source: try raw(Source.self), mode: try raw(Mode.self),
                      requirement: try optionalString(), registeredOn: try day(), due: try optionalDay())
        i.lead = try optionalString(); i.owner = try optionalString(); i.dept = try optionalString(); i.handler = try optionalString()
        i.status = try raw(IssueStatus.self)
        i.progress = try array { x throws(StateCoding.Failure) in ProgressNote(text: try x.string(), on: try x.day()) }
        i.reports = try array { x throws(StateCoding.Failure) in
            Report(text: try x.string(), evidence: try x.array { y throws(StateCoding.Failure) in try y.string() },
                   signedBy: try x.string(), on: try x.day())
        }
        i.verifications = try array { x throws(StateCoding.Failure) in
            Verification(verdict: try x.raw(Verdict.self), by: try x.string(),
                         methods: try x.array { y throws(StateCoding.Failure) in try y.raw(VerifyMethod.self) },
                         note: try x.optionalString(), on: try x.day())
        }
        i.rules = try array { x throws(StateCoding.Failure) in Rule(title: try x.string(), on: try x.day()) }
        i.returned = try int(); i.reopened = try int(); i.closedOn = try optionalDay()
        i.longtermVerified = try bool(); i.withdrawReason = try optionalString()
        i.history = try array { x throws(StateCoding.Failure) in
            HistoryEntry(on: try x.day(), actor: try x.string(), action: try x.string(), detail: try x.string())
        }
        return i
    }

    mutating func transfer() throws(StateCoding.Failure) -> Transfer {
        var t = Transfer(id: try string(), issue: try string(), to: try raw(TransferTarget.self), summary: try string(),
                         on: try day(), concludedOn: try optionalDay())
        if try bool() {
            t.outcome = TransferOutcome(sanctions: try int(), handled: try int(), recovered: try int(), refunded: try int())
        }
        return t
    }
}
