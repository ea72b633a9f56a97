import Algorithms

extension LedgerReader {
    /// 整改质效评估: a unit inspected by the round, after its feedback meeting, graded by a named
    /// team. Only a fair or poor grade may send problems back (再整改), and only the unit's own
    /// problems of that round that it has reported, kept up long-term or closed.
    func decideAssessment(round code: String, unit unitCode: String, grade: Grade, by: String, methods: [VerifyMethod],
                          findings: String, redo: [String]) throws -> Event {
        let r = try round(code)
        _ = try unit(unitCode)
        guard r.targets.contains(unitCode) else {
            throw DomainError(en: "\(unitCode) is not a unit inspected by \(code)", zh: "\(unitCode) 不是 \(code) 的被巡察单位", field: "unit",
                              hintEn: "its targets: " + Check.known(sorted: r.targets),
                              hintZh: "被巡察单位：" + Check.known(sorted: r.targets, zh: true))
        }
        guard r.feedbackOn != nil else {
            throw DomainError(en: "\(code) has had no feedback meeting: there is no rectification to assess yet",
                              zh: "\(code) 尚未反馈，还没有可评估的整改", field: "round",
                              hintEn: "first: round feedback \(code) --on DATE", hintZh: "请先：轮次 反馈 \(code) --日期 日期")
        }
        try Check.name(by, field: "by")
        try Check.text(findings, field: "findings")
        let ids = Array(redo.uniqued())
        if !ids.isEmpty, !grade.allowsRedo {
            throw DomainError(en: "a grade of \(grade.rawValue) sends no problem back; --redo goes with fair or poor",
                              zh: "评估等次为“\(grade.chinese[0])”时不能要求再整改；--redo 只用于“一般”或“差”", field: "redo")
        }
        for id in ids {
            let i = try issue(id, field: "redo")
            guard i.round == code, i.unit == unitCode else {
                throw DomainError(en: "\(id) is a problem of \(i.unit) in \(i.round), not of \(unitCode) in \(code)",
                                  zh: "\(id) 是 \(i.round) 中 \(i.unit) 的问题，不是 \(code) 中 \(unitCode) 的问题", field: "redo")
            }
            guard [.reported, .longterm, .closed].contains(i.status) else {
                throw DomainError(en: "\(id) is \(i.status.rawValue): only a reported, long-term or closed problem can be sent back",
                                  zh: "\(id) 当前为“\(i.status.chinese[0])”，只有已报告、长期整改或已销号的问题才能要求再整改", field: "redo")
            }
        }
        return .assessed(.init(round: code, unit: unitCode, grade: grade, by: by, methods: Array(methods.uniqued()),
                               findings: findings, redo: ids))
    }
}

extension LedgerReader {
    /// 督查: a check of a unit's rectification, dated no later than today; when it names a
    /// round, the unit must be one the round inspected and the round must have had its feedback.
    func decideCheck(unit unitCode: String, round code: String?, on: Day, by: String, compared: [CheckItem], findings: String,
                     today: Day) throws -> Event {
        _ = try unit(unitCode)
        if let code {
            let r = try round(code)
            guard r.targets.contains(unitCode) else {
                throw DomainError(en: "\(unitCode) is not a unit inspected by \(code)", zh: "\(unitCode) 不是 \(code) 的被巡察单位", field: "round",
                                  hintEn: "its targets: " + Check.known(sorted: r.targets),
                                  hintZh: "被巡察单位：" + Check.known(sorted: r.targets, zh: true))
            }
            guard r.feedbackOn != nil else {
                throw DomainError(en: "\(code) has had no feedback meeting: there is no rectification to check yet",
                                  zh: "\(code) 尚未反馈，还没有可督查的整改", field: "round")
            }
        }
        guard on <= today else {
            throw DomainError(en: "a check cannot be dated after today (\(today.iso))", zh: "督查日期不能晚于今天（\(today.iso)）", field: "on")
        }
        try Check.name(by, field: "by")
        try Check.text(findings, field: "findings")
        return .checked(.init(unit: unitCode, round: code, on: on, by: by, compared: Array(compared.uniqued()), findings: findings))
    }
}

extension LedgerReader {
    /// 双报告: one of the two reports a unit owes on a round it was inspected by, after the
    /// round's feedback and no later than today, signed by the unit's secretary; each once.
    func decideRoundReport(round code: String, unit unitCode: String, kind: ReportKind, on: Day, signedBy: String,
                           today: Day) throws -> Event {
        let r = try round(code)
        let u = try unit(unitCode)
        guard r.targets.contains(unitCode) else {
            throw DomainError(en: "\(unitCode) is not a unit inspected by \(code)", zh: "\(unitCode) 不是 \(code) 的被巡察单位", field: "unit",
                              hintEn: "its targets: " + Check.known(sorted: r.targets),
                              hintZh: "被巡察单位：" + Check.known(sorted: r.targets, zh: true))
        }
        guard let feedback = r.feedbackOn else {
            throw DomainError(en: "\(code) has had no feedback meeting: no report is owed yet", zh: "\(code) 尚未反馈，还不需要报送整改报告",
                              field: "round")
        }
        guard on >= feedback else {
            throw DomainError(en: "the report (\(on.iso)) is dated before the feedback meeting (\(feedback.iso))",
                              zh: "报告日期 \(on.iso) 早于反馈日期 \(feedback.iso)", field: "on")
        }
        guard on <= today else {
            throw DomainError(en: "a report cannot be dated after today (\(today.iso))", zh: "报告日期不能晚于今天（\(today.iso)）", field: "on")
        }
        try Check.name(signedBy, field: "signed-by")
        if let secretary = u.secretary, secretary != signedBy {
            throw DomainError(en: "the report must be signed by the unit's secretary \(secretary), not \(signedBy)",
                              zh: "报告须由第一责任人 \(secretary) 签字，而不是 \(signedBy)", field: "signed-by")
        }
        if let earlier = u.reports.first(where: { $0.round == code && $0.kind == kind }) {
            throw DomainError(en: "\(unitCode)'s \(kind.rawValue) report on \(code) was already received on \(earlier.on.iso)",
                              zh: "\(unitCode) 的 \(code) \(kind.chinese[0])已于 \(earlier.on.iso) 报送", field: "unit")
        }
        return .roundReported(.init(round: code, unit: unitCode, kind: kind, on: on, signedBy: signedBy))
    }
}
