import XunchaCore

/// Renders journal facts back into command lines: for `export script` (a file that rebuilds the
/// same ledger), `audit log` and `undo`'s report. Every text and code is quoted, so no title can
/// smuggle a command, a comment or a line break into the script.
public enum ScriptWriter {
    /// `"…"` with `\"`, `\\`, `\n`, `\t` escaped: the lexer reads it back to the same text.
    public static func quote(_ s: String) -> String {
        var out = "\""
        for ch in s.unicodeScalars {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out + "\""
    }

    public static func line(_ event: Event) -> String {
        let q = quote
        switch event {
        case .roundOpened(let p):
            var s = "round open \(q(p.code)) \(q(p.title)) --kind \(p.kind.rawValue)"
            if let f = p.from { s += " --from \(f.iso)" }
            if let t = p.to { s += " --to \(t.iso)" }
            if let r = p.revisits { s += " --of \(q(r))" }
            return s
        case .teamAdded(let p): return "round team \(q(p.round)) \(q(p.name))" + (p.leader.map { " --leader \(q($0))" } ?? "")
        case .targetAdded(let p): return "round target \(q(p.round)) \(q(p.unit))"
        case .feedbackGiven(let p): return "round feedback \(q(p.round)) --on \(p.on.iso)" + (p.due.map { " --due \($0.iso)" } ?? "")
        case .roundClosed(let p): return "round close \(q(p.round))" + (p.forced.map { " --force \(q($0))" } ?? "")
        case .unitAdded(let p): return "unit add \(q(p.code)) \(q(p.name))" + (p.secretary.map { " --secretary \(q($0))" } ?? "")
        case .secretaryChanged(let p): return "unit secretary \(q(p.unit)) \(q(p.secretary))"
        case .issueAdded(let p):
            var s = "issue add \(q(p.round)) \(q(p.unit)) \(q(p.title)) --category \(p.category.rawValue) --source \(p.source.rawValue) --mode \(p.mode.rawValue)"
            if let d = p.due { s += " --due \(d.iso)" }
            if let r = p.requirement { s += " --requirement \(q(r))" }
            return s
        case .issueAssigned(let p):
            return "issue assign \(q(p.id)) --lead \(q(p.lead)) --owner \(q(p.owner)) --dept \(q(p.dept))"
                + (p.handler.map { " --handler \(q($0))" } ?? "") + " --due \(p.due.iso)"
        case .progressNoted(let p): return "issue progress \(q(p.id)) \(q(p.text))"
        case .issueReported(let p):
            return "issue report \(q(p.id)) \(q(p.text))" + p.evidence.map { " --evidence \(q($0))" }.joined() + " --signed-by \(q(p.signedBy))"
        case .issueVerified(let p):
            var s = "issue verify \(q(p.id)) --\(p.verdict.rawValue) --by \(q(p.by))"
            if !p.methods.isEmpty { s += " --method " + p.methods.map(\.rawValue).joined(separator: ",") }
            if let n = p.note { s += " \(q(n))" }
            return s
        case .issueReopened(let p): return "issue reopen \(q(p.id)) \(q(p.reason))" + (p.round.map { " --round \(q($0))" } ?? "")
        case .issueWithdrawn(let p): return "issue withdraw \(q(p.id)) \(q(p.text))"
        case .ruleAdded(let p): return "issue rule \(q(p.id)) \(q(p.text))"
        case .transferAdded(let p): return "transfer add \(q(p.issue)) --to \(p.to.rawValue) \(q(p.summary))"
        case .transferConcluded(let p):
            let o = p.outcome
            return "transfer conclude \(q(p.id)) --sanctions \(o.sanctions) --handled \(o.handled) --recovered \(o.recovered) --refunded \(o.refunded)"
        case .urged(let p): return "urge \(q(p.unit)) --kind \(p.kind.rawValue) \(q(p.text))" + (p.issue.map { " --issue \(q($0))" } ?? "")
        case .policySet(let p): return "set \(p.key) \(p.value)"
        case .undone(let p): return "undo  # seq \(p.seq)"
        case .roundReported(let p):
            return "round report \(q(p.round)) \(q(p.unit)) --on \(p.on.iso) --signed-by \(q(p.signedBy))" + (p.kind == .principal ? " --principal" : "")
        case .checked(let p):
            var s = "check \(q(p.unit)) \(q(p.findings)) --on \(p.on.iso) --by \(q(p.by))"
            if let r = p.round { s += " --round \(q(r))" }
            if !p.compared.isEmpty { s += " --compared " + p.compared.map(\.rawValue).joined(separator: ",") }
            return s
        case .roleGranted(let g): return "grant \(g.role.rawValue)" + (g.unit.map { " \(q($0))" } ?? "") + " --to \(q(g.login))"
        case .roleRevoked(let g): return "revoke \(g.role.rawValue)" + (g.unit.map { " \(q($0))" } ?? "") + " --from \(q(g.login))"
        case .personLogin(let p): return "person \(q(p.person)) --login \(p.login.map(q) ?? "none")"
        case .assessed(let p):
            var s = "assess \(q(p.round)) \(q(p.unit)) \(q(p.findings)) --grade \(p.grade.rawValue) --by \(q(p.by))"
            if !p.methods.isEmpty { s += " --method " + p.methods.map(\.rawValue).joined(separator: ",") }
            if !p.redo.isEmpty { s += " --redo " + q(p.redo.joined(separator: ",")) }
            return s
        }
    }

    /// What a line must add to be decided again as it was: feedback recorded before report
    /// deadlines were kept has none, and must not get one when the script runs. (`audit log`
    /// shows the lines as they were typed.)
    static func rerunFlags(_ event: Event) -> String {
        if case .feedbackGiven(let p) = event, p.reportsDue == nil { return " --no-report-deadline" }
        return ""
    }

    /// The whole journal as a command file. Undone commands and their undo are left out
    /// together: the undo restored exactly what the command changed, so the state is the same.
    public static func script(_ entries: [JournalEntry], exportedOn: Day, from location: String) -> String {
        var undone = Set<Int64>()
        for e in entries { if case .undone(let p) = e.event { undone.insert(p.seq) } }
        var lines = ["# xuncha export of \(location) on \(exportedOn.iso): run into an empty store to rebuild the same ledger",
                     "# (audit digest gives the same digest afterwards)"]
        var clock: Day?
        var user: String?
        for e in entries {
            if undone.contains(e.seq) { continue }
            if case .undone = e.event { continue }
            if e.at != clock { lines.append("clock \(e.at.iso)"); clock = e.at }
            // The person a fact was entered for is who the ledger says acted (代录).
            let person = e.onBehalf ?? e.actor
            if person != user { lines.append("user \(quote(person))"); user = person }
            lines.append(line(e.event) + rerunFlags(e.event))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension Session {
    func exportCommand(_ inv: Invocation) throws(ShellError) {
        let path = try inv.string("file")
        let entries: [JournalEntry]
        entries = try journalEntries(after: 0)
        let text = ScriptWriter.script(entries, exportedOn: today, from: storeLabel)
        guard try writeOutput(text, to: path, inv, field: "file") else { return }
        say("\(entries.count) event(s) exported to \(path)", "已导出 \(entries.count) 条记录到 \(path)")
    }

    func auditVerify(_ inv: Invocation) throws(ShellError) {
        let report: ChainReport
        do { report = try store.verifyChain() } catch { throw storeFailure(error) }
        if let bad = report.firstBad {
            throw ShellError(en: "the journal's hash chain is broken at seq \(bad)" + (report.reason.map { " (\($0))" } ?? ""),
                             zh: "日志哈希链在第 \(bad) 条处断裂" + (report.reason.map { "(\($0))" } ?? ""),
                             at: inv.start, hintEn: "rows from seq \(bad) on were changed outside xuncha",
                             hintZh: "第 \(bad) 条起的记录在 xuncha 之外被改动过")
        }
        let difference: String?
        do { difference = try store.tablesDifference() } catch { throw storeFailure(error) }
        if let difference {
            throw ShellError(en: "the ledger tables do not match the journal: \(difference)", zh: "账本表与日志不一致:\(difference)",
                             at: inv.start, hintEn: "rows were changed outside xuncha; audit rebuild makes the tables again from the journal",
                             hintZh: "有记录在 xuncha 之外被改动;audit rebuild 可由日志重建账本表")
        }
        say("journal verified: \(report.checked) event(s), hash chain intact; the ledger tables match it",
            "日志校验通过:共 \(report.checked) 条,哈希链完整;账本表与日志一致")
    }

    func auditRebuild(_ inv: Invocation) throws(ShellError) {
        guard writer == nil else {
            throw ShellError(en: "audit rebuild cannot run inside a file", zh: "audit rebuild 不能在命令文件中执行", at: inv.start)
        }
        do { try store.rebuild() } catch { throw storeFailure(error) }
        say("the ledger tables were rebuilt from the journal", "已由日志重建账本表")
    }

    func auditLog(_ inv: Invocation) throws(ShellError) {
        let entries: [JournalEntry]
        entries = try journalEntries(after: 0)
        let issue = inv.optional("issue")
        let who = inv.optional("user")
        let since = try inv.date("since", today: today)
        // A unit liaison reads the journal rows it wrote itself, none of anyone else's.
        let onlyOwn = scopeUnit != nil ? identity : nil
        var rows = entries.filter { e in
            if let onlyOwn, e.actor != onlyOwn { return false }
            if let who, e.actor != who, e.onBehalf != who { return false }
            if let since, e.at < since { return false }
            if let issue { return Self.event(e.event, isAbout: issue) || ScriptWriter.line(e.event).contains(ScriptWriter.quote(issue)) }
            return true
        }
        if let limit = try inv.int("limit", 1...1_000_000), rows.count > limit { rows = Array(rows.suffix(limit)) }
        for e in rows {
            let who = Self.who(e.actor, onBehalf: e.onBehalf, language)
            out("\(Layout.padLeft(String(e.seq), to: 6))  \(Views.dated(e.at, entered: e.entered, language))  \(Layout.padRight(who, to: 8))  \(ScriptWriter.line(e.event))")
        }
        if rows.isEmpty { say("no events", "没有记录") }
    }

    /// Whether `event` is about the problem `id`. Its registration names the problem only in the
    /// event (the command line has no id yet), and an undo only in the before-image it restores.
    static func event(_ event: Event, isAbout id: String) -> Bool {
        switch event {
        case .issueAdded(let p): p.id == id
        case .issueAssigned(let p): p.id == id
        case .progressNoted(let p), .issueWithdrawn(let p), .ruleAdded(let p): p.id == id
        case .issueReported(let p): p.id == id
        case .issueVerified(let p): p.id == id
        case .issueReopened(let p): p.id == id
        case .transferAdded(let p): p.issue == id
        case .urged(let p): p.issue == id
        case .undone(let p): p.restore.footprint.issues.contains(id)
        default: false
        }
    }

    /// Reverts this session's own last command when no later event touched what it changed.
    /// The journal keeps both rows: the command and the `undone` fact. Commands already undone,
    /// and the undos that took them back, are not later events: undos walk back one by one.
    func undoCommand(_ inv: Invocation) throws(ShellError) {
        guard let last = undoStack.last else {
            throw ShellError(en: "nothing to undo in this session", zh: "本会话没有可撤回的命令", at: inv.start)
        }
        let entries = try journalEntries(after: last.seq - 1)
        guard let target = entries.first, target.seq == last.seq else {
            throw ShellError(en: "the command to undo is no longer in the journal", zh: "要撤回的命令已不在日志中", at: inv.start)
        }
        var undone = Set<Int64>()
        for e in entries { if case .undone(let p) = e.event { undone.insert(p.seq) } }
        let touched = last.before.footprint
        let event = Event.undone(.init(seq: last.seq, restore: last.before))
        func record(_ w: any LedgerWriter) throws {
            for later in entries.dropFirst() {
                if undone.contains(later.seq) { continue }
                if case .undone(let p) = later.event, p.seq > last.seq { continue }
                guard try w.footprint(of: later.event).overlaps(touched) else { continue }
                let en = Self.who(later.actor, onBehalf: later.onBehalf, .en), zh = Self.who(later.actor, onBehalf: later.onBehalf, .zh)
                throw ShellError(en: "cannot undo: seq \(later.seq) by \(en) depends on it (\(ScriptWriter.line(later.event)))",
                                 zh: "不能撤回:第 \(later.seq) 条(\(zh))依赖于它(\(ScriptWriter.line(later.event)))", at: inv.start)
            }
            let ctx = context
            let entered = try entryDate(at: inv.start)
            lastSeq = try w.record(event, at: ctx.today, entered: entered, actor: actor, onBehalf: onBehalf,
                                   changes: try w.apply(event, on: ctx.today, actor: actor, entered: entered, onBehalf: onBehalf))
        }
        if let writer {
            do { try record(writer) } catch { throw storeFailure(error) }
        } else {
            try transaction { w in try record(w) }
        }
        undoStack.removeLast()
        say("undone (seq \(last.seq)): \(ScriptWriter.line(target.event))", "已撤回(第 \(last.seq) 条):\(ScriptWriter.line(target.event))")
    }
}
