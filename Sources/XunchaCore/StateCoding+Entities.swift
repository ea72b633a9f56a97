import Dispatch

/// The buffer the later part of the problems is encoded into, on another thread. Written by
/// that thread only, and read by the encoding one only after waiting for it to finish.
private final class LaterPart: @unchecked Sendable {
    var writer = BinaryWriter()
}

/// Field order of every entity in `StateCoding`'s binary form. Writer and reader sit side by
/// side so that a field added to one is seen missing from the other; `StateCodingTests` checks
/// the round trip on states that use every field.
extension BinaryWriter {
    mutating func write(_ s: State, splitFrom: Int = StateCoding.splitFrom) {
        dictionary(s.rounds) { $0.write($1) }
        dictionary(s.units) { $0.write($1) }
        issues(s.issues, splitFrom: splitFrom)
        dictionary(s.transfers) { $0.write($1) }
        int(s.policy.verifyMethods); int(s.policy.yellowDays); int(s.policy.greenDays); int(s.policy.rateThreshold)
        int(s.nextTransfer)
    }

    /// The problems, as `dictionary` writes them. With `splitFrom` or more, the later part (in
    /// key order) is encoded on another thread into its own buffer while this one encodes the
    /// first, and appended after it: the form has no offsets, so the bytes are the same. At the
    /// end of a long file the other threads are idle and a core is free.
    ///
    /// The keys are sorted with their positions in the dictionary, so the problems themselves
    /// are first touched by the thread that encodes them; this thread, which also sorted and
    /// later copies and hashes, takes the smaller part, and hashes it while the other finishes.
    mutating func issues(_ d: [String: Issue], splitFrom: Int) {
        uint(UInt64(d.count))
        let order = Self.byteOrderedKeys(d)
        guard order.count >= max(splitFrom, 2) else {
            for entry in order { string(entry.key); write(d.values[entry.index]) }
            return
        }
        let cut = order.count * 2 / 5
        let rest = LaterPart()
        let group = DispatchGroup()
        DispatchQueue.global(qos: .userInitiated).async(group: group) {
            rest.writer.reserve(1 << 20)
            for entry in order[cut...] { rest.writer.string(entry.key); rest.writer.write(d.values[entry.index]) }
        }
        for entry in order[..<cut] { string(entry.key); write(d.values[entry.index]) }
        hashWritten()
        group.wait()
        append(rest.writer.written)
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
        // Lists still encoded are copied as they are: the form is canonical, so decoding and
        // writing them again would give the very same bytes.
        if let encoded = i.encodedLists { encoded.writeWork(to: &self) } else { write(WorkLists(i.progress, i.reports, i.verifications)) }
        array(i.rules) { w, r in w.string(r.title); w.day(r.on) }
        int(i.returned); int(i.reopened); day(i.closedOn); bool(i.longtermVerified); string(i.withdrawReason)
        if let encoded = i.encodedLists { encoded.writeHistory(to: &self) } else { write(i.history) }
    }

    mutating func write(_ lists: WorkLists) {
        array(lists.progress) { w, p in w.string(p.text); w.day(p.on) }
        array(lists.reports) { w, r in
            w.string(r.text); w.array(r.evidence) { $0.string($1) }; w.string(r.signedBy); w.day(r.on)
        }
        array(lists.verifications) { w, v in
            w.raw(v.verdict); w.string(v.by); w.array(v.methods) { $0.raw($1) }; w.string(v.note); w.day(v.on)
        }
    }

    mutating func write(_ history: [HistoryEntry]) {
        array(history) { w, h in w.day(h.on); w.string(h.actor); w.string(h.action); w.string(h.detail) }
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
        // Read into locals and built in one expression: the fields then move into the issue's
        // box, where a `var` of them filled field by field was copied there and destroyed.
        let id = try string(), round = try string(), unit = try string(), title = try string()
        let category = try raw(Category.self), source = try raw(Source.self), mode = try raw(Mode.self)
        let requirement = try optionalString(), registeredOn = try day(), due = try optionalDay()
        let lead = try optionalString(), owner = try optionalString(), dept = try optionalString(), handler = try optionalString()
        let status = try raw(IssueStatus.self)
        // With a snapshot to keep them in, the lists are only walked (and checked) here.
        let keep = self.source == nil
        let workStart = at
        let work = try workLists(keep: keep)
        let workEnd = at
        let rules = try array { x throws(StateCoding.Failure) in Rule(title: try x.string(), on: try x.day()) }
        let returned = try int(), reopened = try int(), closedOn = try optionalDay()
        let longtermVerified = try bool(), withdrawReason = try optionalString()
        let historyStart = at
        let history = try historyList(keep: keep)
        return Issue(fields: Issue.Fields(id: id, round: round, unit: unit, title: title, category: category, source: source,
                                          mode: mode, requirement: requirement, registeredOn: registeredOn, due: due,
                                          lead: lead, owner: owner, dept: dept, handler: handler, status: status,
                                          progress: work.progress, reports: work.reports, verifications: work.verifications,
                                          rules: rules, returned: returned, reopened: reopened, closedOn: closedOn,
                                          longtermVerified: longtermVerified, withdrawReason: withdrawReason, history: history),
                     encoded: self.source.map { EncodedLists($0, work: workStart..<workEnd, history: historyStart..<at) })
    }

    /// Progress notes, reports and verifications: the lists before `rules` in an issue's form.
    mutating func workLists(keep: Bool) throws(StateCoding.Failure) -> WorkLists {
        let progress = try list(keep: keep) { x throws(StateCoding.Failure) in
            ProgressNote(text: try x.string(keep: keep), on: try x.day())
        }
        let reports = try list(keep: keep) { x throws(StateCoding.Failure) in
            Report(text: try x.string(keep: keep),
                   evidence: try x.list(keep: keep) { y throws(StateCoding.Failure) in try y.string(keep: keep) },
                   signedBy: try x.string(keep: keep), on: try x.day())
        }
        let verifications = try list(keep: keep) { x throws(StateCoding.Failure) in
            Verification(verdict: try x.raw(Verdict.self), by: try x.string(keep: keep),
                         methods: try x.list(keep: keep) { y throws(StateCoding.Failure) in try y.raw(VerifyMethod.self) },
                         note: try x.optionalString(keep: keep), on: try x.day())
        }
        return WorkLists(progress, reports, verifications)
    }

    mutating func historyList(keep: Bool) throws(StateCoding.Failure) -> [HistoryEntry] {
        try list(keep: keep) { x throws(StateCoding.Failure) in
            HistoryEntry(on: try x.day(), actor: try x.string(keep: keep), action: try x.string(keep: keep),
                         detail: try x.string(keep: keep))
        }
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
