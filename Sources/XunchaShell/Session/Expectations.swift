import XunchaCore

/// `expect …`: assertions that make a command file a test. A failed expectation is an error
/// at its line; trainers and the acceptance tests use them.
extension Session {
    func expectation(_ inv: Invocation) throws(ShellError) {
        let today = today
        switch inv.spec.id {
        case .expectStatus:
            let id = try inv.string("id")
            guard let want = try inv.vocab("status", IssueStatus.self) else { return }
            let status = try standing(id, inv).status
            guard status == want else {
                throw failed(inv, "\(id) is \(status.rawValue), expected \(want.rawValue)",
                             "\(id) 当前为“\(status.chinese[0])”，预期“\(want.chinese[0])”")
            }
        case .expectCount:
            let filter = try checkedFilter(inv)
            let n = try read(inv) { try $0.count(matching: filter, today: today) }
            let want = try inv.int("n", 0...100_000_000) ?? 0
            let op = try inv.choice("op") ?? "="
            guard compare(n, op, want) else {
                throw failed(inv, "count is \(n), expected \(op) \(want)", "数量为 \(n)，预期 \(op) \(want)")
            }
        case .expectRate:
            let filter = try checkedFilter(inv)
            let rate = try read(inv) { try $0.tally(matching: filter, today: today).rate }
            let text = try inv.string("rate")
            guard let want = Self.hundredths(text) else {
                throw inv.fail("rate", "\"\(text)\" is not a rate like 90.56%", "“\(text)”不是形如 90.56% 的整改率")
            }
            let op = try inv.choice("op") ?? "="
            guard let got = rate.hundredths, compare(got, op, want) else {
                throw failed(inv, "rate is \(rate.fraction), expected \(op) \(text)", "整改率为 \(rate.fraction)，预期 \(op) \(text)")
            }
        case .expectWarning:
            let id = try inv.string("id")
            let got = try standing(id, inv).warning?.rawValue ?? "none"
            let want = try inv.choice("colour") ?? "none"
            guard got == want else {
                throw failed(inv, "\(id) warning is \(got) on \(today.iso), expected \(want)", "\(id) 在 \(today.iso) 的预警为 \(got)，预期 \(want)")
            }
        case .expectGrade:
            let round = try inv.string("round"), unit = try inv.string("unit")
            let want = try inv.choice("grade") ?? "none"
            let got = try read(inv) { l in
                _ = try l.requireRound(round)
                return try l.requireUnit(unit).latestAssessment(round: round)?.grade.rawValue ?? "none"
            }
            guard got == want else {
                throw failed(inv, "\(unit)'s latest grade for \(round) is \(got), expected \(want)", "\(unit) 在 \(round) 的最近评估等次为 \(got)，预期 \(want)")
            }
        case .expectCoverage:
            let since = try inv.date("since", today: today)
            let coverage = try read(inv) { Coverage(rounds: try $0.allRounds(), units: try $0.allUnits(), since: since) }
            let text = try inv.string("rate")
            guard let want = Self.hundredths(text) else {
                throw inv.fail("rate", "\"\(text)\" is not a rate like 75.00%", "“\(text)”不是形如 75.00% 的覆盖率")
            }
            let op = try inv.choice("op") ?? "="
            guard let got = coverage.rate.hundredths, compare(got, op, want) else {
                throw failed(inv, "coverage is \(coverage.rate.fraction), expected \(op) \(text)", "覆盖率为 \(coverage.rate.fraction)，预期 \(op) \(text)")
            }
        case .expectReport:
            let round = try inv.string("round"), unit = try inv.string("unit")
            let kind: ReportKind = inv.has("principal") ? .principal : .rectification
            let want = try inv.choice("colour") ?? "none"
            let got = try read(inv) { l in
                let r = try l.requireRound(round)
                let u = try l.requireUnit(unit, field: "unit")
                guard r.targets.contains(unit) else {
                    throw DomainError(en: "\(unit) is not a unit inspected by \(round)", zh: "\(unit) 不是 \(round) 的被巡察单位", field: "unit")
                }
                let standing = ReportStanding.all(rounds: [r], units: [unit: u]).first { $0.kind == kind }
                return standing?.warning(on: today, policy: try l.currentPolicy())?.rawValue ?? "none"
            }
            guard got == want else {
                throw failed(inv, "\(unit)'s \(kind.rawValue) report on \(round) is \(got) on \(today.iso), expected \(want)",
                             "\(unit) 的 \(round) \(kind.chinese[0])在 \(today.iso) 的预警为 \(got)，预期 \(want)")
            }
        case .expectDigest:
            let want = try inv.string("digest").lowercased()
            let got = try read(inv) { try $0.digest() }
            guard got == want else { throw failed(inv, "digest is \(got), expected \(want)", "摘要为 \(got)，预期 \(want)") }
        case .expectFail:
            try expectRefusal(inv)
        default:
            break
        }
    }

    /// Runs the rest of the line on a scratch copy: the expectation holds when it is refused.
    /// Either way nothing changes and nothing is printed. The rest must be a well-formed
    /// command: a typo (`expect fail issue verfy …`) would otherwise be "refused" and the
    /// expectation would hold without testing anything.
    /// Its values must be good too (a real date, a known category): an impossible date is a
    /// mistake in the script, not the refusal the trainer meant to show.
    /// A quoted text before the command (`expect fail "is closed" issue verify …`) is the
    /// reason: the refusal must say it, so a command refused for another cause fails the line.
    private func expectRefusal(_ inv: Invocation) throws(ShellError) {
        var rest = inv.rest
        // No command starts with quoted text, so a quoted first word can only be the reason.
        var reason: Token?
        if let first = rest.first, first.quoted {
            reason = first
            rest.removeFirst()
        }
        if let reason {
            guard !reason.text.trimmingSpaces.isEmpty else {
                throw ShellError(en: "the reason of expect fail is empty: quote words its refusal must contain",
                                 zh: "expect fail 的原因为空：请用引号写出拒绝信息应包含的文字", at: reason.position,
                                 hintEn: "e.g. \(inv.spec.example)", hintZh: "例如 \(inv.spec.example)")
            }
            guard !rest.isEmpty else {
                throw ShellError(en: "expect fail needs a well-formed command after its quoted reason \"\(reason.text)\"",
                                 zh: "expect fail 在加引号的原因“\(reason.text)”之后须跟格式正确的命令",
                                 at: inv.end, hintEn: "e.g. \(inv.spec.example)", hintZh: "例如 \(inv.spec.example)")
            }
        }
        let command: Invocation?
        do {
            command = try Parser.parse(rest, end: inv.end)
            if let command { _ = try domainCommand(command) }
        } catch {
            var e = error
            e.message = Localized(en: "expect fail needs a well-formed command with valid values: " + error.message.en,
                                  zh: "expect fail 后须是格式正确、取值有效的命令：" + error.message.zh)
            throw e
        }
        let savedOut = out, savedRules = rulesOnly
        out = { _ in }
        rulesOnly = true
        defer { out = savedOut; rulesOnly = savedRules }
        // The line parsed above runs as it is, in a write that is taken back whatever happens.
        do {
            if let command { try rehearse { () throws(ShellError) in try execute(command) } }
        } catch {
            guard let reason else { return }
            // The message in the session's language, or in the other one: a file written in Chinese
            // must play the same for a trainer whose terminal speaks English, and the other way round.
            if error.message.en.contains(reason.text) || error.message.zh.contains(reason.text) { return }
            let said = error.message.text(language)
            throw ShellError(en: "expectation failed: refused, but with \"\(said)\", which does not contain \"\(reason.text)\"",
                             zh: "预期不成立：命令被拒绝，但拒绝信息“\(said)”不含“\(reason.text)”", at: reason.position)
        }
        throw failed(inv, "expected this command to be refused, but it was accepted", "预期该命令被拒绝，但它被接受了")
    }

    /// Status and warning today of the problem `id`, or the refusal for an id that names none.
    private func standing(_ id: String, _ inv: Invocation) throws(ShellError) -> IssueStanding {
        let today = today
        return try read(inv) { l in
            guard let standing = try l.standing(ofIssue: id, today: today) else { throw try l.missingIssue(id) }
            return standing
        }
    }

    private func failed(_ inv: Invocation, _ en: String, _ zh: String) -> ShellError {
        ShellError(en: "expectation failed: \(en)", zh: "预期不成立：\(zh)", at: inv.start)
    }

    private func compare(_ a: Int, _ op: String, _ b: Int) -> Bool {
        switch op {
        case ">=": a >= b
        case "<=": a <= b
        case ">": a > b
        case "<": a < b
        default: a == b
        }
    }

    /// `90.56%`, `90.56`, `100%` → hundredths of a percent.
    static func hundredths(_ text: String) -> Int? {
        var t = Substring(text.trimmingSpaces)
        if t.hasSuffix("%") || t.hasSuffix("%") { t = t.dropLast() }
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = Int(parts[0]), (0...100).contains(whole) else { return nil }
        var frac = 0
        if parts.count == 2 {
            guard (1...2).contains(parts[1].count), parts[1].allSatisfy(\.isASCIIDigit), let f = Int(parts[1]) else { return nil }
            frac = parts[1].count == 1 ? f * 10 : f
        }
        return whole * 100 + frac
    }
}
