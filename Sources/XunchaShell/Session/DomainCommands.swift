import XunchaCore

/// Turns an invocation of a ledger-changing command into the core's typed `Command`.
/// Returns nil for commands that are not domain changes.
extension Session {
    func domainCommand(_ inv: Invocation) throws(ShellError) -> Command? {
        let today = self.today
        switch inv.spec.id {
        case .roundOpen:
            return .openRound(code: try inv.string("code"), title: try inv.string("title"),
                              kind: try inv.vocab("kind", RoundKind.self) ?? .regular,
                              from: try inv.date("from", today: today), to: try inv.date("to", today: today),
                              revisits: inv.optional("of"))
        case .roundTeam:
            return .addTeam(round: try inv.string("round"), name: try inv.string("name"), leader: inv.optional("leader"))
        case .roundTarget:
            return .addTarget(round: try inv.string("round"), unit: try inv.string("unit"))
        case .roundFeedback:
            guard let on = try inv.date("on", today: today) else { return nil }
            return .giveFeedback(round: try inv.string("round"), on: on, due: try inv.date("due", today: today),
                                 keepsReportDeadline: !inv.has("no-report-deadline"))
        case .roundClose:
            return .closeRound(round: try inv.string("round"), force: inv.optional("force"))
        case .unitAdd:
            return .addUnit(code: try inv.string("code"), name: try inv.string("name"), secretary: inv.optional("secretary"))
        case .unitSecretary:
            return .changeSecretary(unit: try inv.string("unit"), secretary: try inv.string("secretary"))
        case .issueAdd:
            var mode = try inv.vocab("mode", Mode.self) ?? .deadline
            if inv.has("immediate") {
                if inv.has("mode") && mode != .immediate {
                    throw inv.fail("immediate", "--immediate contradicts --mode \(mode.rawValue)", "--immediate 与 --mode \(mode.rawValue) 矛盾")
                }
                mode = .immediate
            }
            guard let category = try inv.vocab("category", Category.self) else { return nil }
            return .addIssue(round: try inv.string("round"), unit: try inv.string("unit"), title: try inv.string("title"),
                             category: category, source: try inv.vocab("source", Source.self) ?? .other, mode: mode,
                             due: try inv.date("due", today: today), requirement: inv.optional("requirement"))
        case .issueAssign:
            return .assign(id: try inv.string("id"), lead: try inv.string("lead"), owner: try inv.string("owner"),
                           dept: try inv.string("dept"), handler: inv.optional("handler"), due: try inv.date("due", today: today))
        case .issueProgress:
            return .progress(id: try inv.string("id"), text: try inv.string("text"))
        case .issueReport:
            return .report(id: try inv.string("id"), text: try inv.string("text"),
                           evidence: inv.strings("evidence").map(\.0), signedBy: try inv.string("signed-by"))
        case .issueVerify:
            let verdicts = [("pass", Verdict.pass), ("fail", .fail), ("longterm", .longterm)].filter { inv.has($0.0) }
            guard verdicts.count == 1 else {
                throw ShellError(en: verdicts.isEmpty ? "give the verdict: --pass, --fail or --longterm" : "give only one of --pass, --fail, --longterm",
                                 zh: verdicts.isEmpty ? "请给出验收结论:--pass、--fail 或 --longterm" : "--pass、--fail、--longterm 只能选一个",
                                 at: verdicts.count > 1 ? inv.position(of: verdicts[1].0) : inv.end,
                                 hintEn: "e.g. \(inv.spec.example)", hintZh: "例如 \(inv.spec.example)")
            }
            return .verify(id: try inv.string("id"), verdict: verdicts[0].1, by: inv.optional("by"),
                           methods: try inv.methods("method"), note: inv.optional("note"))
        case .issueReopen:
            return .reopen(id: try inv.string("id"), reason: try inv.string("reason"), round: inv.optional("round"))
        case .issueWithdraw:
            return .withdraw(id: try inv.string("id"), reason: try inv.string("reason"))
        case .issueRule:
            return .addRule(id: try inv.string("id"), title: try inv.string("title"))
        case .transferAdd:
            guard let to = try inv.vocab("to", TransferTarget.self) else { return nil }
            return .addTransfer(issue: try inv.string("issue"), to: to, summary: try inv.string("summary"))
        case .transferConclude:
            let outcome = TransferOutcome(sanctions: try inv.int("sanctions", 0...1_000_000) ?? 0,
                                          handled: try inv.int("handled", 0...1_000_000) ?? 0,
                                          recovered: try inv.money("recovered") ?? 0, refunded: try inv.money("refunded") ?? 0)
            return .conclude(id: try inv.string("id"), outcome: outcome)
        case .urge:
            guard let kind = try inv.vocab("kind", UrgeKind.self) else { return nil }
            return .urge(unit: try inv.string("unit"), kind: kind, text: try inv.string("text"), issue: inv.optional("issue"))
        case .assess:
            guard let grade = try inv.vocab("grade", Grade.self) else { return nil }
            let redo = inv.strings("redo", split: true).map(\.0).filter { !$0.isEmpty }
            return .assess(round: try inv.string("round"), unit: try inv.string("unit"), grade: grade, by: inv.optional("by"),
                           methods: try inv.methods("method"), findings: try inv.string("findings"), redo: redo)
        case .roundReport:
            return .reportRound(round: try inv.string("round"), unit: try inv.string("unit"),
                                kind: inv.has("principal") ? .principal : .rectification, on: try inv.date("on", today: today),
                                signedBy: try inv.string("signed-by"))
        case .check:
            return .check(unit: try inv.string("unit"), round: inv.optional("round"), on: try inv.date("on", today: today),
                          by: inv.optional("by"), compared: try inv.vocabList("compared", CheckItem.self), findings: try inv.string("findings"))
        case .grant, .revoke:
            guard let role = Role(rawValue: try inv.choice("role") ?? "") else {
                throw inv.fail("role", "expected a role: admin, clerk, verifier, unit or reader", "须为角色：管理员、内勤、验收人、单位联络员或查阅")
            }
            let login = try inv.string(inv.spec.id == .grant ? "to" : "from")
            let unit = inv.optional("unit")
            return inv.spec.id == .grant ? .grant(role: role, unit: unit, login: login) : .revoke(role: role, unit: unit, login: login)
        case .person:
            let login = try inv.string("login")
            return .tiePerson(person: try inv.string("name"), login: ["none", "无"].contains(login) ? nil : login)
        case .set:
            let key = try inv.string("key")
            guard key != "lang" else { return nil }
            let raw = try inv.string("value")
            guard let value = Int(raw) else {
                throw inv.fail("value", "\(key) takes a whole number, not \"\(raw)\"", "\(key) 的值须为整数,而不是“\(raw)”")
            }
            return .setPolicy(key: key, value: value)
        default:
            return nil
        }
    }
}
