import XunchaCore

/// Tab completion from the grammar table and the ledger: command words (English and Chinese),
/// subcommands, the flags of the command being typed, enum values, and live values — round and
/// unit codes, issue ids in the statuses the command accepts, people and departments seen.
public struct Completer {
    public let state: State

    public init(state: State) { self.state = state }

    public func complete(_ beforeCursor: String) -> CompletionAnswer {
        let scalars = Array(beforeCursor.unicodeScalars)
        var start = scalars.count
        while start > 0, !Lexer.isSeparator(scalars[start - 1]) { start -= 1 }
        let word = String(String.UnicodeScalarView(scalars[start...]))
        let wordLength = word.count
        guard let prior = try? Lexer.tokenize(String(String.UnicodeScalarView(scalars[..<start]))).tokens else {
            return CompletionAnswer(wordLength: wordLength, candidates: [])
        }
        return CompletionAnswer(wordLength: wordLength, candidates: candidates(prior: prior, word: word))
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
                return Completer(state: state).candidates(prior: Array(prior[(index - 1)...]), word: word)
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
            let names = spec.flags.filter { $0.repeats || !used.contains($0.name) }.map { "--" + $0.name }
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
        case .roundCode: return Self.matching(state.rounds.keys.sorted(), word)
        case .unitCode: return Self.matching(state.units.keys.sorted(), word)
        case .issueID(let statuses):
            let ids = state.issues.values.lazy.filter { statuses.isEmpty || statuses.contains($0.status) }.map(\.id)
            return Self.matching(Array(ids), word).sorted(by: IssueID.less)
        case .transferID: return Self.matching(state.transfers.keys.sorted(), word)
        case .person: return Self.matching(people(), word)
        case .dept: return Self.matching(Array(Set(state.issues.values.compactMap(\.dept))).sorted(), word)
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

    /// Everyone the ledger has seen in a role: leaders, handlers, secretaries, verifiers, signers.
    func people() -> [String] {
        var names = Set<String>()
        for i in state.issues.values {
            for n in [i.lead, i.owner, i.handler] { if let n { names.insert(n) } }
            for v in i.verifications { names.insert(v.by) }
            for r in i.reports { names.insert(r.signedBy) }
        }
        for u in state.units.values { if let s = u.secretary { names.insert(s) } }
        for r in state.rounds.values { for t in r.teams { if let l = t.leader { names.insert(l) } } }
        return names.sorted()
    }

    static func matching(_ words: [String], _ prefix: String) -> [String] {
        let lower = prefix.lowercased()
        var seen = Set<String>()
        return words.filter { ($0.hasPrefix(prefix) || $0.lowercased().hasPrefix(lower)) && seen.insert($0).inserted }
    }
}
