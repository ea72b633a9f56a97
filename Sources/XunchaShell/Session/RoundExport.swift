import XunchaCore

/// `export script FILE --round R5`: the commands of one round, for a team that worked on its own
/// store (背包巡察, 单机版) to bring the round into the office's ledger (汇总).
extension ScriptWriter {
    /// The settings deciding a round's commands reads: how many methods a pass needs, and when
    /// the units' reports fall due after feedback.
    static let roundSettings = ["verify.methods", "report.months"]

    /// The round's commands in journal order, with the dates and actors they were recorded with.
    /// Definitions come before the first command that relies on them and carry `--merge`: the
    /// settings of `roundSettings` and each unit as they stood then, the round, its teams and
    /// targets, its first feedback. Each problem is registered under the id it got (`--as`);
    /// a transfer is added with `--merge` (the ledger it is run into says which id it gets)
    /// and concluded by its problem's id, `R5-003`, or `R5-003/2` when the problem has several.
    static func roundScript(_ entries: [JournalEntry], round code: String, exportedOn: Day,
                            from location: String) throws(ShellError) -> ExportLines {
        let live = live(entries)
        var problems = Set<String>()
        var transfersOf: [String: [String]] = [:]
        for e in live {
            switch e.event {
            case .issueAdded(let p) where p.round == code: problems.insert(p.id)
            case .transferAdded(let p) where problems.contains(p.issue): transfersOf[p.issue, default: []].append(p.id)
            default: break
            }
        }
        var issueOf: [String: String] = [:]
        for (issue, ids) in transfersOf { for id in ids { issueOf[id] = issue } }
        func reference(_ transfer: String) -> String? {
            guard let issue = issueOf[transfer], let ids = transfersOf[issue], let n = ids.firstIndex(of: transfer) else { return nil }
            return ids.count == 1 ? issue : "\(issue)/\(n + 1)"
        }

        var lines = ExportLines(header: [
            "# xuncha export of round \(code) of \(location) on \(exportedOn.iso): run it into the office's ledger to bring the round in",
            "# (lines with --merge are skipped where that ledger holds them identically; problems keep their ids through --as)",
        ])
        var units: [String: (name: String, secretary: String?)] = [:]
        var policy = Policy()
        var defined = Set<String>()
        var started = false, fedBack = false
        let q = quote
        for e in live {
            switch e.event {
            case .unitAdded(let p): units[p.code] = (p.name, p.secretary)
            case .secretaryChanged(let p): units[p.unit]?.secretary = p.secretary
            case .policySet(let p): policy.set(p.key, p.value)
            default: break
            }
            if started, case .policySet(let p) = e.event, roundSettings.contains(p.key) {
                try lines.add(e, "set \(p.key) \(p.value) --merge")
                continue
            }
            if case .secretaryChanged(let p) = e.event, defined.contains(p.unit) {
                try lines.add(e, line(e.event))
                continue
            }
            let command: String
            switch e.event {
            case .roundOpened(let p) where p.code == code: command = line(e.event) + " --merge"
            case .teamAdded(let p) where p.round == code: command = line(e.event) + " --merge"
            case .targetAdded(let p) where p.round == code: command = line(e.event) + " --merge"
            case .feedbackGiven(let p) where p.round == code:
                command = line(e.event) + rerunFlags(e.event) + (fedBack ? "" : " --merge")
                fedBack = true
            case .roundClosed(let p) where p.round == code: command = line(e.event)
            case .issueAdded(let p) where p.round == code: command = line(e.event) + " --as \(q(p.id))"
            case .transferAdded(let p) where problems.contains(p.issue): command = line(e.event) + " --merge"
            case .transferConcluded(let p):
                guard let ref = reference(p.id) else { continue }
                let o = p.outcome
                command = "transfer conclude \(q(ref)) --sanctions \(o.sanctions) --handled \(o.handled) --recovered \(o.recovered) --refunded \(o.refunded)"
            case .issueReopened(let p) where problems.contains(p.id) || p.round == code: command = line(e.event)
            case .assessed(let p) where p.round == code: command = line(e.event)
            case .checked(let p) where p.round == code: command = line(e.event)
            case .roundReported(let p) where p.round == code: command = line(e.event)
            case .urged(let p) where p.issue.map(problems.contains) ?? false: command = line(e.event)
            default:
                guard let id = issueID(of: e.event), problems.contains(id) else { continue }
                command = line(e.event)
            }
            if !started {
                started = true
                for key in roundSettings { try lines.add(e, "set \(key) \(policy.value(of: key) ?? 0) --merge") }
            }
            for unit in unitsNamed(by: e.event) where !defined.contains(unit) {
                defined.insert(unit)
                // A unit the journal never defined is left out: the line naming it is refused where it runs.
                guard let u = units[unit] else { continue }
                try lines.add(e, "unit add \(q(unit)) \(q(u.name))" + (u.secretary.map { " --secretary \(q($0))" } ?? "") + " --merge")
            }
            try lines.add(e, command)
        }
        return lines
    }

    /// The problem a command about one problem names.
    static func issueID(of event: Event) -> String? {
        switch event {
        case .issueAssigned(let p): p.id
        case .progressNoted(let p), .issueWithdrawn(let p), .ruleAdded(let p): p.id
        case .issueReported(let p): p.id
        case .issueVerified(let p): p.id
        default: nil
        }
    }

    /// The units a round's command relies on.
    static func unitsNamed(by event: Event) -> [String] {
        switch event {
        case .targetAdded(let p): [p.unit]
        case .issueAdded(let p): [p.unit]
        case .urged(let p): [p.unit]
        case .assessed(let p): [p.unit]
        case .checked(let p): [p.unit]
        case .roundReported(let p): [p.unit]
        default: []
        }
    }
}
