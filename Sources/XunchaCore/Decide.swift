import Algorithms

extension LedgerReader {
    /// Checks `command` against the ledger and the rules of the lifecycle and returns the one fact
    /// that records it. Pure: the same ledger, command and context always give the same answer. Throws
    /// `DomainError` for a refusal, or the store's error when a read fails.
    public func decide(_ command: Command, _ context: Context) throws -> Event {
        switch command {
        case .grant, .revoke, .tiePerson:
            return try decideAccess(command)
        case let .openRound(code, title, kind, from, to, revisits):
            try Check.code(code, field: "code", what: Localized(en: "round code", zh: "轮次代码"))
            guard try findRound(code) == nil else {
                throw DomainError(en: "round \(code) already exists", zh: "轮次 \(code) 已存在", field: "code")
            }
            try Check.text(title, field: "title")
            if let from, let to, to < from {
                throw DomainError(en: "the round ends (\(to.iso)) before it starts (\(from.iso))",
                                  zh: "轮次结束日期 \(to.iso) 早于开始日期 \(from.iso)", field: "to")
            }
            if let revisits { _ = try round(revisits, field: "of") }
            return .roundOpened(.init(code: code, title: title, kind: kind, from: from, to: to, revisits: revisits))

        case let .addTeam(code, name, leader):
            let r = try openRound(code)
            try Check.text(name, field: "name")
            if let leader { try Check.name(leader, field: "leader") }
            guard !r.teams.contains(where: { $0.name == name }) else {
                throw DomainError(en: "round \(code) already has a team named \(name)", zh: "轮次 \(code) 已有 \(name)", field: "name")
            }
            return .teamAdded(.init(round: code, name: name, leader: leader))

        case let .addTarget(code, unitCode):
            let r = try openRound(code)
            _ = try unit(unitCode)
            guard !r.targets.contains(unitCode) else {
                throw DomainError(en: "\(unitCode) is already a target of round \(code)", zh: "\(unitCode) 已是轮次 \(code) 的被巡察单位", field: "unit")
            }
            return .targetAdded(.init(round: code, unit: unitCode))

        case let .giveFeedback(code, on, due, keepsReportDeadline):
            _ = try openRound(code)
            if let due, due < on {
                throw DomainError(en: "the default deadline \(due.iso) is before the feedback day \(on.iso)",
                                  zh: "默认整改时限 \(due.iso) 早于反馈日期 \(on.iso)", field: "due")
            }
            let reportsDue = keepsReportDeadline ? on.adding(months: try currentPolicy().reportMonths) : nil
            return .feedbackGiven(.init(round: code, on: on, due: due, reportsDue: reportsDue))

        case let .closeRound(code, force):
            _ = try openRound(code)
            let open = try openIssueCount(round: code)
            if open > 0 {
                guard let force, !force.isEmpty else {
                    throw DomainError(en: "round \(code) still has \(open) open problem(s)",
                                      zh: "轮次 \(code) 仍有 \(open) 个问题未销号", field: "round",
                                      hintEn: "close them first, or give --force \"reason\"", hintZh: "请先销号,或使用 --force \"理由\" 强制关闭")
                }
            }
            return .roundClosed(.init(round: code, forced: force))

        case let .addUnit(code, name, secretary):
            try Check.code(code, field: "code", what: Localized(en: "unit code", zh: "单位代码"))
            guard try findUnit(code) == nil else {
                throw DomainError(en: "unit \(code) already exists", zh: "单位 \(code) 已存在", field: "code")
            }
            try Check.text(name, field: "name")
            if let secretary { try Check.name(secretary, field: "secretary") }
            return .unitAdded(.init(code: code, name: name, secretary: secretary))

        case let .changeSecretary(code, secretary):
            _ = try unit(code)
            try Check.name(secretary, field: "secretary")
            return .secretaryChanged(.init(unit: code, secretary: secretary))

        case let .addIssue(code, unitCode, title, category, source, mode, due, requirement):
            let r = try openRound(code)
            _ = try unit(unitCode)
            guard r.targets.contains(unitCode) else {
                throw DomainError(en: "\(unitCode) is not a target of round \(code)", zh: "\(unitCode) 不是轮次 \(code) 的被巡察单位",
                                  field: "unit", hintEn: "add it with: round target \(code) \(unitCode)",
                                  hintZh: "先执行: round target \(code) \(unitCode)")
            }
            try Check.text(title, field: "title")
            if let due, let fb = r.feedbackOn, due < fb {
                throw DomainError(en: "deadline \(due.iso) is before the feedback day \(fb.iso)",
                                  zh: "整改时限 \(due.iso) 早于反馈日期 \(fb.iso)", field: "due")
            }
            let id = IssueID.make(round: code, number: r.nextIssue)
            return .issueAdded(.init(id: id, round: code, unit: unitCode, title: title, category: category,
                                     source: source, mode: mode, due: due, requirement: requirement))

        case let .assign(id, lead, owner, dept, handler, due):
            let i = try issue(id)
            try Check.status(i, [.registered, .rectifying], "assign", Localized(en: "assigned", zh: "分解责任"))
            try Check.name(lead, field: "lead"); try Check.name(owner, field: "owner"); try Check.name(dept, field: "dept")
            if let handler { try Check.name(handler, field: "handler") }
            guard let deadline = due ?? i.due else {
                throw DomainError(en: "\(id) has no deadline", zh: "\(id) 没有整改时限", field: "due",
                                  hintEn: "give --due DATE, or set the round's default with: round feedback \(i.round) --on DATE --due +90d",
                                  hintZh: "请给出 --due 日期,或用 round feedback \(i.round) --on 日期 --due +90d 设定默认时限")
            }
            return .issueAssigned(.init(id: id, lead: lead, owner: owner, dept: dept, handler: handler, due: deadline))

        case let .progress(id, text):
            let i = try issue(id)
            try Check.status(i, [.registered, .rectifying, .reported, .longterm], "progress", Localized(en: "given progress", zh: "记录进展"))
            try Check.text(text, field: "text")
            return .progressNoted(.init(id: id, text: text))

        case let .report(id, text, evidence, signedBy):
            let i = try issue(id)
            if i.status == .registered {
                throw DomainError(en: "\(id) is registered but not assigned yet", zh: "\(id) 尚未分解责任", field: "id",
                                  hintEn: "assign it first: issue assign \(id) --lead … --owner … --dept …",
                                  hintZh: "请先执行: issue assign \(id) --lead … --owner … --dept …")
            }
            try Check.status(i, [.rectifying], "report", Localized(en: "reported", zh: "报告整改"))
            try Check.text(text, field: "text")
            try Check.name(signedBy, field: "signed-by")
            guard !evidence.isEmpty else {
                throw DomainError(en: "a report needs evidence", zh: "整改报告须附佐证材料", field: "evidence",
                                  hintEn: "add --evidence \"file or record\"", hintZh: "请添加 --evidence \"材料名称\"")
            }
            let secretary = try findUnit(i.unit)?.secretary
            if let secretary, secretary != signedBy {
                throw DomainError(en: "the report must be signed by the unit's secretary \(secretary), not \(signedBy)",
                                  zh: "整改报告须由第一责任人 \(secretary) 签字背书,而不是 \(signedBy)", field: "signed-by")
            }
            return .issueReported(.init(id: id, text: text, evidence: evidence, signedBy: signedBy))

        case let .verify(id, verdict, by, methods, note):
            let i = try issue(id)
            if i.status == .registered || i.status == .rectifying {
                throw DomainError(en: "\(id) cannot be verified before it is reported (it is \(i.status.rawValue))",
                                  zh: "\(id) 尚未报告整改,不能验收(当前:\(i.status.chinese[0]))", field: "id")
            }
            try Check.status(i, [.reported, .longterm], "verify", Localized(en: "verified", zh: "验收"))
            let verifier = by ?? context.actor
            try Check.name(verifier, field: "by")
            if verifier == i.lead || verifier == i.owner || verifier == i.handler {
                throw DomainError(en: "\(verifier) is responsible for \(id) and may not verify it",
                                  zh: "\(verifier) 是 \(id) 的责任人,不能验收本问题", field: "by",
                                  hintEn: "separation of duties: the verifier must not be its lead, owner or handler",
                                  hintZh: "验收人不得是牵头领导、责任领导或主办人")
            }
            if let login = context.login,
               let person = try currentAccess().persons(of: login).first(where: { [i.lead, i.owner, i.handler].contains($0) }) {
                throw DomainError(en: "\(login) is the login of \(person), who is responsible for \(id), and may not enter its verification",
                                  zh: "\(login) 是 \(id) 责任人 \(person) 的登录名，不能录入本问题的验收", field: "by",
                                  hintEn: "separation of duties: another verifier enters it", hintZh: "职责分离：由其他验收人录入")
            }
            let distinct = Array(methods.uniqued())
            let policy = try currentPolicy()
            if verdict == .pass, distinct.count < policy.verifyMethods {
                throw DomainError(en: "closing needs \(policy.verifyMethods) verification method(s), \(distinct.count) given",
                                  zh: "销号需要 \(policy.verifyMethods) 种验收方式,只给出 \(distinct.count) 种", field: "method",
                                  hintEn: "e.g. --method documents,onsite,survey", hintZh: "例如 --method 查阅资料,现场检查,问卷")
            }
            if verdict == .longterm, i.status == .longterm {
                throw DomainError(en: "\(id) is already in long-term rectification", zh: "\(id) 已是长期整改", field: "id")
            }
            return .issueVerified(.init(id: id, verdict: verdict, by: verifier, methods: distinct, note: note))

        case let .reopen(id, reason, roundCode):
            let i = try issue(id)
            try Check.status(i, [.closed], "reopen", Localized(en: "reopened", zh: "重新打开"))
            try Check.text(reason, field: "reason")
            if let roundCode { _ = try round(roundCode, field: "round") }
            return .issueReopened(.init(id: id, reason: reason, round: roundCode))

        case let .withdraw(id, reason):
            let i = try issue(id)
            try Check.status(i, [.registered, .rectifying, .reported, .longterm], "withdraw", Localized(en: "withdrawn", zh: "撤销"))
            try Check.text(reason, field: "reason")
            return .issueWithdrawn(.init(id: id, text: reason))

        case let .addRule(id, title):
            let i = try issue(id)
            if i.status == .withdrawn {
                throw DomainError(en: "\(id) was withdrawn", zh: "\(id) 已撤销", field: "id")
            }
            try Check.text(title, field: "title")
            return .ruleAdded(.init(id: id, text: title))

        case let .addTransfer(issueID, to, summary):
            let i = try issue(issueID)
            if i.status == .withdrawn {
                throw DomainError(en: "\(issueID) was withdrawn", zh: "\(issueID) 已撤销", field: "issue")
            }
            try Check.text(summary, field: "summary")
            return .transferAdded(.init(id: "T-" + pad(try nextTransferNumber(), 4), issue: issueID, to: to, summary: summary))

        case let .conclude(id, outcome):
            guard let t = try findTransfer(id) else {
                throw DomainError(en: "no transfer \(id)", zh: "没有移交事项 \(id)", field: "id",
                                  hintEn: "transfer ids look like T-0001; see: ledger transfers", hintZh: "移交编号形如 T-0001,见 ledger transfers")
            }
            if t.concludedOn != nil {
                throw DomainError(en: "\(id) is already concluded", zh: "\(id) 已办结", field: "id")
            }
            for (name, v) in [("sanctions", outcome.sanctions), ("handled", outcome.handled),
                              ("recovered", outcome.recovered), ("refunded", outcome.refunded)] where v < 0 {
                throw DomainError(en: "--\(name) cannot be negative", zh: "--\(name) 不能为负数", field: name)
            }
            return .transferConcluded(.init(id: id, outcome: outcome))

        case let .urge(code, kind, text, issueID):
            _ = try unit(code)
            try Check.text(text, field: "text")
            if let issueID {
                let i = try issue(issueID, field: "issue")
                guard i.unit == code else {
                    throw DomainError(en: "\(issueID) belongs to \(i.unit), not \(code)", zh: "\(issueID) 属于 \(i.unit),不属于 \(code)", field: "issue")
                }
            }
            return .urged(.init(unit: code, kind: kind, text: text, issue: issueID))

        case let .assess(round, unit, grade, by, methods, findings, redo):
            return try decideAssessment(round: round, unit: unit, grade: grade, by: by ?? context.actor, methods: methods,
                                        findings: findings, redo: redo)

        case let .check(unit, round, on, by, compared, findings):
            return try decideCheck(unit: unit, round: round, on: on ?? context.today, by: by ?? context.actor, compared: compared,
                                   findings: findings, today: context.today)

        case let .reportRound(round, unit, kind, on, signedBy):
            return try decideRoundReport(round: round, unit: unit, kind: kind, on: on ?? context.today, signedBy: signedBy,
                                         today: context.today)

        case let .setPolicy(key, value):
            guard let spec = Policy.keys.first(where: { $0.name == key }) else {
                throw DomainError(en: "unknown setting \(key)", zh: "没有设置项 \(key)", field: "key",
                                  hintEn: "settings: " + Policy.keys.map(\.name).joined(separator: ", "),
                                  hintZh: "可设置: " + Policy.keys.map(\.name).joined(separator: ", "))
            }
            guard spec.range.contains(value) else {
                throw DomainError(en: "\(key) must be between \(spec.range.lowerBound) and \(spec.range.upperBound)",
                                  zh: "\(key) 须在 \(spec.range.lowerBound) 到 \(spec.range.upperBound) 之间", field: "value")
            }
            var next = try currentPolicy()
            next.set(key, value)
            if next.yellowDays > next.greenDays {
                throw DomainError(en: "warning.yellow (\(next.yellowDays)) must not exceed warning.green (\(next.greenDays))",
                                  zh: "warning.yellow(\(next.yellowDays))不能大于 warning.green(\(next.greenDays))", field: "value")
            }
            return .policySet(.init(key: key, value: value))
        }
    }

    // MARK: lookups that refuse with a helpful message

    public func round(_ code: String, field: String = "round") throws -> Round {
        guard let r = try findRound(code) else {
            let known = try roundCodes(limit: 8)
            throw DomainError(en: "no round \(code)", zh: "没有轮次 \(code)", field: field,
                              hintEn: Check.known(known), hintZh: Check.known(known, zh: true))
        }
        return r
    }

    func openRound(_ code: String) throws -> Round {
        let r = try round(code)
        if r.closed {
            throw DomainError(en: "round \(code) is closed", zh: "轮次 \(code) 已关闭", field: "round")
        }
        return r
    }

    public func unit(_ code: String, field: String = "unit") throws -> Unit {
        guard let u = try findUnit(code) else {
            let known = try unitCodes(limit: 8)
            throw DomainError(en: "no unit \(code)", zh: "没有单位 \(code)", field: field,
                              hintEn: Check.known(known), hintZh: Check.known(known, zh: true))
        }
        return u
    }

    public func issue(_ id: String, field: String = "id") throws -> Issue {
        guard let i = try findIssue(id) else {
            if let (round, _) = IssueID.split(id), try findRound(round) != nil {
                throw DomainError(en: "no issue \(id) in round \(round)", zh: "轮次 \(round) 中没有问题 \(id)", field: field)
            }
            throw DomainError(en: "no issue \(id)", zh: "没有问题 \(id)", field: field,
                              hintEn: "issue ids look like R5-001", hintZh: "问题编号形如 R5-001")
        }
        return i
    }
}
