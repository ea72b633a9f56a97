import XunchaCore

extension Session {
    /// Runs one logical command line given as tokens. Blank lines do nothing.
    public func execute(tokens: [Token], end: SourcePosition) throws(ShellError) {
        try timed { () throws(ShellError) in
            guard let inv = try Parser.parse(tokens, end: end) else { return }
            try execute(inv)
        }
    }

    /// Runs a line of a file, parsed when it was taken (see `PreparedLine`).
    func execute(prepared line: PreparedLine) throws(ShellError) {
        try timed { () throws(ShellError) in
            if let failure = line.failure { throw failure }
            guard let inv = line.invocation else { return }
            try execute(inv)
        }
    }

    /// Runs `body`, telling `timer` (when set) how long it took and how much of that was the
    /// journal's flush.
    func timed(_ body: () throws(ShellError) -> Void) throws(ShellError) {
        guard let timer else { return try body() }
        let clock = ContinuousClock()
        let flushedBefore = flushClock?() ?? .zero
        let started = clock.now
        defer {
            let total = started.duration(to: clock.now)
            let flush = (flushClock?() ?? .zero) - flushedBefore
            timer(total - flush, flush)
        }
        try body()
    }

    /// Lexes and runs `text`, which may hold several lines (with `\` continuations), stopping at
    /// the first error. Used by `-c` and tests.
    public func execute(_ text: String) throws(ShellError) {
        var pending: [Token] = []
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let lexed = try Lexer.tokenize(String(line), lineNumber: lineNumber)
            pending += lexed.tokens
            if lexed.continues { continue }
            let end = SourcePosition(line: lineNumber, column: line.unicodeScalars.count + 1)
            try execute(tokens: pending, end: end)
            pending = []
        }
        if !pending.isEmpty {
            try execute(tokens: pending, end: SourcePosition(line: lineNumber, column: 1))
        }
    }

    public func execute(_ inv: Invocation) throws(ShellError) {
        // The roles are read once for the command (a nested file line reads them afresh).
        let outerRoles = rolesRead
        rolesRead = nil
        defer { rolesRead = outerRoles }
        try authorize(inv)
        try checkIssueRounds(inv)
        if let command = try domainCommand(inv) {
            try change(command, inv)
            return
        }
        switch inv.spec.id {
        case .set:
            guard let lang = Language(rawValue: try inv.string("value").lowercased()) else {
                throw inv.fail("value", "lang is zh or en", "lang 的值为 zh 或 en")
            }
            language = lang
            say("language: English", "语言:中文")
        case .clock: try clockCommand(inv)
        case .user:
            if let name = inv.optional("name") {
                guard !name.allSatisfy(\.isWhitespace) else { throw inv.fail("name", "the user name is empty", "用户名为空") }
                do { try NameCheck.validate(name, field: "user") } catch {
                    throw ShellError(error.message, hint: error.hint, at: inv.position(of: "name"))
                }
                user = name
            }
            if confirms || inv.optional("name") == nil { sayUser() }
        case .help: try helpCommand(inv)
        case .history:
            for (n, line) in history().enumerated() { out("\(Layout.padLeft(String(n + 1), to: 5))  \(line)") }
        case .quit: requestQuit()
        case .clear:
            // Only a terminal has a screen; in a file or a pipe there is nothing to clear.
            if isTerminal {
                print("\u{1B}[H\u{1B}[2J", terminator: "")
                if let kept = keptInView?() { out(kept) }
            }
        case .run: try runCommand(inv)
        case .play:
            // The file became optional for `play --list`; without either there is nothing to play.
            if !inv.has("list") && inv.optional("file") == nil {
                let names = Demos.all.map(\.name).joined(separator: ", ")
                throw ShellError(en: "play needs <file>: a built-in demo (\(names)) or a demo script's path",
                                 zh: "play 缺少 <file>:内置演示名(\(names))或演示脚本路径", at: inv.end,
                                 hintEn: "play --list shows what each demo tells", hintZh: "play --list 列出各演示的内容")
            }
            guard let playHandler else {
                throw ShellError(en: "play is not available here", zh: "此处不能使用 play", at: inv.start)
            }
            try playHandler(inv)
        case .reportHTML: try reportHTML(inv)
        case .reportXLSX: try reportXLSX(inv)
        case .undo: try undoCommand(inv)
        case .exportScript: try exportCommand(inv)
        case .auditVerify: try auditVerify(inv)
        case .auditRebuild: try auditRebuild(inv)
        case .auditDigest: out(try read(inv) { try $0.digest() })
        case .auditLog: try auditLog(inv)
        case .whoami: try whoamiCommand()
        case .roleList: try roleList(inv)
        case .expectStatus, .expectCount, .expectRate, .expectFail, .expectDigest, .expectWarning, .expectReport, .expectCoverage, .expectGrade:
            try expectation(inv)
        case .ledger, .stats, .warnings, .slip, .issueShow, .roundShow, .roundList, .unitShow, .unitList:
            try query(inv)
        default:
            throw ShellError(en: "\(inv.spec.name) is incomplete", zh: "\(inv.spec.name) 参数不完整", at: inv.end,
                             hintEn: "usage: \(Help.usage(inv.spec))", hintZh: "用法:\(Help.usageZh(inv.spec))")
        }
    }

    var inTransaction: Bool { writer != nil }

    /// Decides and records one change: inside a running file it joins the file's transaction,
    /// otherwise it is its own.
    func change(_ command: Command, _ inv: Invocation) throws(ShellError) {
        let event: Event
        if let writer {
            do { event = try commit(command, inv, writer) } catch { throw storeFailure(error) }
        } else {
            event = try transaction { w in try commit(command, inv, w) }
        }
        if confirms {
            // The change is committed by now: a failed read must not make it look refused, so
            // the line then goes without the problem's details.
            let subject = Confirm.subject(of: event).flatMap { id in (try? ledger.issue(id: id, lists: .omitted)) ?? nil }
            say(Confirm.message(event, subject))
        }
    }

    func clockCommand(_ inv: Invocation) throws(ShellError) {
        if let word = inv.optional("date") {
            if ["now", "现在", "real", "实际"].contains(word.lowercased()) {
                clock = nil
            } else {
                clock = try inv.date("date", today: today)
            }
        }
        let mode = clock == nil ? Localized(en: "real", zh: "真实") : Localized(en: "simulated", zh: "模拟")
        if confirms || inv.optional("date") == nil { say("clock: \(today.iso) (\(mode.en))", "日期:\(today.iso)(\(mode.zh))") }
    }

    func helpCommand(_ inv: Invocation) throws(ShellError) {
        let words = inv.rest.map(\.text)
        if words.isEmpty { out(Help.overview(language)); return }
        if words[0] == "tutorial" || words[0] == "教程" { out(Tutorial.text(language, current: tutorialStep?())); return }
        let found = Help.lookup(words)
        guard !found.isEmpty else {
            let near = Suggest.nearest(words[0], in: Parser.firstWords)
            throw ShellError(en: "no command \"\(words.joined(separator: " "))\"" + (near.map { "; did you mean \($0)?" } ?? ""),
                             zh: "没有命令“\(words.joined(separator: " "))”" + (near.map { ",是否要查 \($0)?" } ?? ""),
                             at: inv.rest.first?.position)
        }
        out(found.map { Help.command($0, language) }.joined(separator: "\n\n"))
    }

    /// A problem id whose round does not exist is refused as exactly that (`no round R9`), not
    /// as an unknown or malformed id. Read from the store at once, so a round another session
    /// opened a moment ago counts.
    func checkIssueRounds(_ inv: Invocation) throws(ShellError) {
        // Its hint lists the rounds: a liaison's session lets the scoped query say "no issue".
        if scopeUnit != nil { return }
        let names = inv.spec.params.filter { if case .issueID = $0.kind { true } else { false } }.map(\.name)
            + inv.spec.flags.filter { if case .issueID? = $0.kind { true } else { false } }.map(\.name)
        for name in names {
            // Only where the id reads as a round code and a number: `r5-001` (a round in other
            // letters), `Ｒ5-001` or a transfer id `T-0001` keep the core's "no issue".
            guard let id = inv.optional(name), let (round, _) = IssueID.split(id), !round.isEmpty, round != "T",
                  round.utf8.allSatisfy({ $0 < 0x80 && ($0 == UInt8(ascii: "_") || Character(Unicode.Scalar($0)).isLetter || Character(Unicode.Scalar($0)).isNumber) })
            else { continue }
            do {
                guard try reader.findRound(round) == nil else { continue }
                // Only on the way to a refusal: is it a known round in other letters?
                let known = try reader.roundCodes(limit: 100_000).codes
                guard !known.contains(where: { $0.lowercased() == round.lowercased() }) else { continue }
                _ = try reader.round(round)
            } catch let error as DomainError {
                throw ShellError(Localized(en: "no round \(round) (the round of \(id))", zh: "没有轮次 \(round)(\(id) 所属的轮次)"),
                                 hint: error.hint, at: inv.position(of: name))
            } catch {
                throw storeFailure(error)
            }
        }
    }
}
