import XunchaCore

/// Tab completion from the grammar table and the ledger: command words (English and Chinese),
/// subcommands, the flags of the command being typed, enum values, and live values — round and
/// unit codes, issue ids in the statuses the command accepts, people and departments seen.
public struct Completer {
    public let ledger: any LedgerQuerying
    /// Under zh, `--` offers each flag's Chinese spelling beside the English one.
    public var language: Language

    public init(ledger: any LedgerQuerying, language: Language = .en) {
        self.ledger = ledger
        self.language = language
    }

    public func complete(_ beforeCursor: String) -> CompletionAnswer {
        let scalars = Array(beforeCursor.unicodeScalars)
        var start = scalars.count
        while start > 0, !Lexer.isSeparator(scalars[start - 1]) { start -= 1 }
        let word = String(String.UnicodeScalarView(scalars[start...]))
        let wordLength = word.count
        guard let prior = try? Lexer.tokenize(String(String.UnicodeScalarView(scalars[..<start]))).tokens else {
            return CompletionAnswer(wordLength: wordLength, candidates: [])
        }
        // A value a store was made to hold with control characters is offered as it is shown.
        return CompletionAnswer(wordLength: wordLength, candidates: candidates(prior: prior, word: word).map(Visible.text))
    }

    func candidates(prior: [Token], word: String) -> [String] {
        guard let first = prior.first else { return Self.matching(Parser.firstWords, word) }
        let group = Grammar.commands.filter { $0.words[0].contains { Parser.same(first.text, $0) } }
        guard !group.isEmpty else { return [] }
        var spec: CommandSpec
        var index = 1
        if let single = group.first(where: { $0.words.count == 1 }) {
            spec = single
        } else {
            guard prior.count > 1 else { return Self.matching(group.flatMap { $0.words[1] }, word) }
            guard let match = group.first(where: { $0.words[1].contains { Parser.same(prior[1].text, $0) } }) else { return [] }
            spec = match
            index = 2
        }
        // Walk what was typed after the command words to see what the cursor's word is.
        var positional = 0
        var used = Set<String>()
        var pendingFlag: Flag?
        while index < prior.count {
            let t = prior[index]
            index += 1
            if positional < spec.params.count, spec.params[positional].kind == .command {
                // `expect fail "reason" …`: the quoted reason comes before the command.
                let rest = prior[(index - 1)...]
                return Completer(ledger: ledger, language: language)
                    .candidates(prior: Array(rest.first?.quoted == true ? rest.dropFirst() : rest), word: word)
            }
            if let flag = pendingFlag { used.insert(flag.name); pendingFlag = nil; continue }
            if t.isFlag {
                let name = String(t.text.dropFirst(2).prefix { $0 != "=" })
                guard let flag = spec.flag(named: name) else { continue }
                if flag.kind != nil && !t.text.contains("=") { pendingFlag = flag } else { used.insert(flag.name) }
                continue
            }
            positional += 1
        }
        if let flag = pendingFlag, let kind = flag.kind { return values(kind, word) }
        if word.hasPrefix("-") {
            let open = spec.flags.filter { $0.repeats || !used.contains($0.name) }
            // A Chinese session, or a Chinese letter after the dashes, gets the Chinese spellings too.
            let chinese = language == .zh || word.unicodeScalars.contains { $0.value > 0x2E80 }
            let names = open.flatMap { f in (chinese ? f.aliases.map { "--" + $0 } : []) + ["--" + f.name] }
            return Self.matching(names, word)
        }
        if positional < spec.params.count {
            let kind = spec.params[positional].kind
            if kind == .command { return Self.matching(Parser.firstWords, word) }
            return values(kind, word)
        }
        return []
    }

    func values(_ kind: ValueKind, _ word: String) -> [String] {
        switch kind {
        case .roundCode: return Self.matching(live { try $0.roundCodes() }, word)
        case .unitCode: return Self.matching(live { try $0.unitCodes() }, word)
        case .issueID(let statuses): return Self.matching(live { try $0.issueIDs(statuses: statuses) }, word)
        case .transferID: return Self.matching(live { try $0.transferIDs() }, word)
        case .person: return Self.matching(live { try $0.people() }, word)
        case .dept: return Self.matching(live { try $0.departments() }, word)
        case .login: return Self.matching(live { try $0.logins() }, word)
        case .vocabulary(let v): return Self.matching(v.spellings, word)
        case .choice(let c): return Self.matching(c.flatMap(\.spellings), word)
        case .methods:
            // Complete the part after the last comma, keeping what came before it.
            let head = word.lastIndex { $0 == "," || $0 == "," }.map { String(word[...$0]) } ?? ""
            return Self.matching(VerifyMethod.spellings, String(word.dropFirst(head.count))).map { head + $0 }
        case .settingKey: return Self.matching(["lang"] + Policy.keys.map(\.name), word)
        case .date: return Self.matching(["today", "now", "今天"], word)
        case .text, .days, .integer, .money, .file, .command: return []
        }
    }

    /// Values from the ledger; a failed read offers nothing rather than interrupting the typing.
    func live(_ read: (any LedgerQuerying) throws -> [String]) -> [String] {
        (try? read(ledger)) ?? []
    }

    static func matching(_ words: [String], _ prefix: String) -> [String] {
        let lower = prefix.lowercased()
        var seen = Set<String>()
        return words.filter { ($0.hasPrefix(prefix) || $0.lowercased().hasPrefix(lower)) && seen.insert($0).inserted }
    }
}
