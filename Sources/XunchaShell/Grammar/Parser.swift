import XunchaCore

/// Matches tokens against `Grammar.commands`.
public enum Parser {
    /// The first word of each command, with every alias, for "did you mean".
    static let firstWords: [String] = Array(Set(Grammar.commands.flatMap { $0.words[0] })).sorted()

    static func same(_ word: String, _ spelling: String) -> Bool {
        word == spelling || word.lowercased() == spelling
    }

    /// Each spelling of a second word → the command it names (`verify` → `issue verify`), the
    /// first command in grammar order where two share one.
    static let secondWords: [String: String] = {
        var words: [String: String] = [:]
        for spec in Grammar.commands.reversed() where spec.words.count > 1 {
            let chinese = spec.chineseName
            for w in spec.words[1] {
                words[w] = w.unicodeScalars.contains { $0.value > 0x2E80 } ? chinese : spec.name
            }
        }
        return words
    }()

    /// Positions in `Grammar.commands` by each spelling of the command's first word: a line's
    /// first word is looked up, not compared against every spelling of every command (which,
    /// with a lowercasing per comparison, was a third of a batch's time).
    static let byFirstWord: [String: [Int]] = {
        var index: [String: [Int]] = [:]
        for (n, spec) in Grammar.commands.enumerated() {
            for spelling in Set(spec.words[0]) { index[spelling, default: []].append(n) }
        }
        return index
    }()

    /// `Grammar.commands`, each with its lookup tables, in the same order.
    static let compiled: [CompiledSpec] = Grammar.commands.map(CompiledSpec.init)

    /// The position in `spec.flags` of the flag spelled `name`.
    static func flagSlot(of spec: CompiledSpec, named name: String) -> Int? {
        if let n = spec.flagsBySpelling[name], n < spec.spec.flags.count { return n }
        return spec.spec.flags.firstIndex { $0.name == name || $0.aliases.contains(name) }
    }

    /// The commands whose first word is `word` (as typed, or lowercased), in grammar order.
    static func group(of word: String) -> [CompiledSpec] {
        var hits = byFirstWord[word] ?? []
        let lower = word.lowercased()
        if lower != word, let more = byFirstWord[lower] { hits = Array(Set(hits + more)).sorted() }
        return hits.map { compiled[$0] }
    }

    /// nil for a blank or comment-only line.
    /// Whether a `-c` text changes the ledger (so that it may create a store where none is):
    /// any line of it that parses to a command marked as mutating. A line that does not parse
    /// will be refused with its own error anyway.
    public static func writes(_ text: String) -> Bool {
        text.split(separator: "\n").contains { line in
            guard let tokens = try? Lexer.tokenize(String(line)).tokens,
                  let inv = try? parse(tokens, end: SourcePosition(line: 1, column: 1)) else { return false }
            return inv.spec.mutates
        }
    }

    /// Whether a `-c` text asks nothing of a ledger (`help`, `clock`, `user`…): it may then run
    /// where there is no store, on an empty ledger in memory.
    public static func needsNoLedger(_ text: String) -> Bool {
        let free: Set<CommandID> = [.help, .clock, .user, .quit, .history, .clear, .set]
        return text.split(separator: "\n").allSatisfy { line in
            guard let tokens = try? Lexer.tokenize(String(line)).tokens else { return false }
            do {
                guard let inv = try parse(tokens, end: SourcePosition(line: 1, column: 1)) else { return true }
                return free.contains(inv.spec.id) && !inv.spec.mutates
            } catch {
                return false
            }
        }
    }

    public static func parse(_ tokens: [Token], end: SourcePosition) throws(ShellError) -> Invocation? {
        guard let first = tokens.first else { return nil }
        if first.quoted || first.isFlag {
            throw ShellError(en: "a line must start with a command word, not \"\(first.text)\"",
                             zh: "每行须以命令开头，而不是“\(first.text)”", at: first.position,
                             hintEn: "type help for the list of commands", hintZh: "输入 帮助（help）查看命令列表")
        }
        // The common case in one step: a known first word and, if the command has two, a known second.
        if let n = direct(first.text, tokens.count > 1 ? tokens[1].text : nil) {
            return try arguments(compiled[n.spec], tokens, from: n.next, start: first.position, end: end)
        }
        let group = group(of: first.text)
        guard !group.isEmpty else {
            // A subcommand typed alone (`verfiy`) is suggested with the word it belongs after.
            let near = Suggest.nearest(first.text, in: firstWords) 
                ?? secondWords[first.text.lowercased()] ?? Suggest.nearest(first.text, in: Array(secondWords.keys)).flatMap { secondWords[$0] }
            throw ShellError(en: "unknown command \"\(first.text)\"" + (near.map { "; did you mean \"\($0)\"?" } ?? ""),
                             zh: "未知命令“\(first.text)”" + (near.map { "，是否要输入“\($0)”？" } ?? ""),
                             at: first.position, hintEn: "type help for the list of commands", hintZh: "输入 帮助（help）查看命令列表")
        }
        var index = 1
        var spec: CompiledSpec
        if let single = group.first(where: { $0.spec.words.count == 1 }) {
            spec = single
        } else {
            // Only for the messages below: built on the way to an error, not for every line.
            func subs() -> String { group.map { $0.spec.words[1][0] }.joined(separator: ", ") }
            func subsZh() -> String { group.map(\.spec.subcommandZh).joined(separator: "、") }
            guard tokens.count > 1 else {
                throw ShellError(en: "\"\(first.text)\" needs a subcommand: \(subs())", zh: "“\(first.text)”后须跟子命令：\(subsZh())",
                                 at: end, hintEn: "e.g. \(group[0].spec.example)", hintZh: "例如 \(Help.exampleZh(group[0].spec))")
            }
            let word = tokens[1]
            let lower = word.text.lowercased()
            guard let match = group.first(where: { $0.spec.words[1].contains { $0 == word.text || $0 == lower } }) else {
                let near = Suggest.nearest(word.text, in: group.flatMap { $0.spec.words[1] })
                throw ShellError(en: "unknown subcommand \"\(word.text)\" of \(group[0].spec.words[0][0]); expected one of: \(subs())"
                                    + (near.map { " (did you mean \"\($0)\"?)" } ?? ""),
                                 zh: "\(group[0].spec.chineseName.split(separator: " ").first ?? "")（\(group[0].spec.words[0][0])）没有子命令“\(word.text)”；可用：\(subsZh())" + (near.map { "（是否要输入“\($0)”？）" } ?? ""),
                                 at: word.position)
            }
            spec = match
            index = 2
        }
        return try arguments(spec, tokens, from: index, start: first.position, end: end)
    }

    /// What a first word names exactly: a one-word command, or the commands it begins by their
    /// second word. Misses (other case, typos) go the long way.
    enum Direct: Sendable {
        case one(Int)
        case two([String: Int])
    }

    static let direct: [String: Direct] = {
        var one: [String: Int] = [:]
        var two: [String: [String: Int]] = [:]
        // The first command in grammar order wins where two share a spelling.
        for (n, spec) in Grammar.commands.enumerated() {
            for first in spec.words[0] {
                if spec.words.count == 1 {
                    if one[first] == nil { one[first] = n }
                } else {
                    for second in spec.words[1] where two[first]?[second] == nil { two[first, default: [:]][second] = n }
                }
            }
        }
        // A word that is a one-word command is that command, as `parse` prefers it.
        var table = one.mapValues { Direct.one($0) }
        for (word, seconds) in two where one[word] == nil { table[word] = .two(seconds) }
        return table
    }()

    /// The command named exactly by `first` (and `second`), and where its arguments start.
    static func direct(_ first: String, _ second: String?) -> (spec: Int, next: Int)? {
        switch direct[first] {
        case .one(let n)?: return (n, 1)
        case .two(let seconds)?:
            guard let second, let n = seconds[second] else { return nil }
            return (n, 2)
        case nil: return nil
        }
    }

    static func arguments(_ compiled: CompiledSpec, _ tokens: [Token], from start: Int, start position: SourcePosition,
                          end: SourcePosition) throws(ShellError) -> Invocation {
        var index = start
        var inv = Invocation(compiled: compiled, tokens: tokens, start: position, end: end)
        var nextParam = 0
        while index < tokens.count {
            let token = tokens[index]
            index += 1
            if nextParam == compiled.commandParam {
                inv.restStart = index - 1
                inv.slots[index - 1] = UInt8(truncatingIfNeeded: nextParam)
                nextParam += 1
                break
            }
            if token.isFlag {
                try readFlag(token, at: index - 1, spec: compiled, index: &index, into: &inv)
                continue
            }
            guard nextParam < compiled.paramCount else {
                let usage = Help.usage(compiled.spec)
                throw ShellError(en: "unexpected argument \"\(token.text)\"", zh: "多余的参数“\(token.text)”", at: token.position,
                                 hintEn: "usage: \(usage)" + (token.text.contains(" ") ? "" : "; quote text that contains spaces"),
                                 hintZh: "用法：\(Help.usageZh(compiled.spec))")
            }
            inv.slots[index - 1] = UInt8(truncatingIfNeeded: nextParam)
            nextParam += 1
        }
        // Params are given in order: the first missing one is the first required one not reached.
        if let n = compiled.requiredParams.first(where: { $0 >= nextParam }), n < compiled.spec.params.count {
            let p = compiled.spec.params[n]
            throw ShellError(en: "\(compiled.spec.name) needs <\(p.name)>: \(p.help.en)", zh: "\(compiled.spec.namedZh)缺少 <\(p.name)>：\(p.help.zh)",
                             at: end, hintEn: "usage: \(Help.usage(compiled.spec))", hintZh: "用法：\(Help.usageZh(compiled.spec))")
        }
        // Every missing flag at once: one round trip to learn what the command needs, not three.
        let missing = compiled.requiredFlags.filter { n in
            n < compiled.spec.flags.count && !inv.slots.contains(UInt8(truncatingIfNeeded: compiled.paramCount + n))
        }.map { compiled.spec.flags[$0] }
        if let f = missing.first {
            let name = compiled.spec.name
            let example = compiled.spec.example
            guard missing.count > 1 else {
                throw ShellError(en: "\(name) needs --\(f.name): \(f.help.en)", zh: "\(compiled.spec.namedZh)缺少 \(f.named(.zh))：\(f.help.zh)",
                                 at: end, hintEn: "e.g. \(example)", hintZh: "例如 \(Help.exampleZh(compiled.spec))")
            }
            let flags = missing.map { "--" + $0.name }
            let en = flags.dropLast().joined(separator: ", ") + " and " + (flags.last ?? "")
            // A flag with a Chinese spelling is named by it (English beside); one without, by its help.
            let zh = missing.map { f in f.named(.zh) == "--" + f.name ? "--\(f.name)（\(f.help.zh)）" : f.named(.zh) }.joined(separator: "、")
            throw ShellError(en: "\(name) needs \(en)", zh: "\(compiled.spec.namedZh)缺少 \(missing.count) 个选项：\(zh)",
                             at: end, hintEn: "e.g. \(example)", hintZh: "例如 \(Help.exampleZh(compiled.spec))")
        }
        return inv
    }

    /// The flag a `--name` or `--name=value` token names, its name as typed, and the value
    /// given after `=` (as a quoted token at its own column).
    static func flagSlot(of spec: CompiledSpec, token: Token) -> (slot: Int?, name: String, inline: Token?) {
        let text = token.text
        // `isFlag` vouches that the text starts with the two characters "--": two bytes.
        let body = text[text.utf8.index(text.startIndex, offsetBy: 2)...]
        var name = String(body)
        var inline: Token?
        if let eq = body.utf8.firstIndex(of: UInt8(ascii: "=")) {
            name = String(body[..<eq])
            let valueColumn = token.position.column + 2 + body.distance(from: body.startIndex, to: eq) + 1
            inline = Token(text: String(body[body.index(after: eq)...]),
                           position: SourcePosition(line: token.position.line, column: valueColumn), quoted: true)
        }
        return (flagSlot(of: spec, named: name) ?? flagSlot(of: spec, named: name.lowercased()), name, inline)
    }

    private static func readFlag(_ token: Token, at position: Int, spec compiled: CompiledSpec, index: inout Int,
                                 into inv: inout Invocation) throws(ShellError) {
        let (found, name, inline) = flagSlot(of: compiled, token: token)
        guard let slot = found, slot < compiled.takesValue.count else {
            let near = Suggest.nearest(name, in: compiled.spec.flags.flatMap(\.spellings))
            let list = compiled.spec.flags.map { "--" + $0.name }.joined(separator: " ")
            let listZh = compiled.spec.flags.map { $0.named(.zh) }.joined(separator: " ")
            throw ShellError(en: "\(compiled.spec.name) has no flag --\(name)" + (near.map { "; did you mean --\($0)?" } ?? ""),
                             zh: "\(compiled.spec.namedZh)没有选项 --\(name)" + (near.map { "，是否要输入 --\($0)？" } ?? ""),
                             at: token.position,
                             hintEn: list.isEmpty ? "it takes no flags" : "flags: \(list)",
                             hintZh: list.isEmpty ? "该命令没有选项" : "可用选项：\(listZh)")
        }
        let code = UInt8(truncatingIfNeeded: compiled.paramCount + slot)
        // Read from the precomputed lists: copying the `Flag` (its strings) per flag given showed.
        if slot < compiled.repeats.count && !compiled.repeats[slot] && inv.slots.contains(code) {
            let flag = compiled.spec.flags[slot]
            throw ShellError(en: "--\(flag.name) is given twice", zh: "--\(flag.name) 重复给出", at: token.position)
        }
        guard slot < compiled.takesValue.count && compiled.takesValue[slot] else {
            if inline != nil {
                let flag = compiled.spec.flags[slot]
                throw ShellError(en: "--\(flag.name) is a switch and takes no value", zh: "--\(flag.name) 是开关，不带值", at: token.position)
            }
            inv.slots[position] = code
            return
        }
        let value: Token
        let at: Int
        if let inline {
            value = inline
            at = position
        } else {
            guard index < inv.tokens.count, !inv.tokens[index].isFlag else {
                let flag = compiled.spec.flags[slot]
                throw ShellError(en: "--\(flag.name) needs a value: \(flag.help.en)", zh: "--\(flag.name) 需要一个值：\(flag.help.zh)",
                                 at: index < inv.tokens.count ? inv.tokens[index].position : inv.end,
                                 hintEn: "e.g. \(compiled.spec.example)", hintZh: "例如 \(Help.exampleZh(compiled.spec))")
            }
            value = inv.tokens[index]
            at = index
            index += 1
        }
        // `--round=` or `--round ""` names nothing: filtering on it would quietly match nothing.
        guard !value.text.isEmpty else {
            let flag = compiled.spec.flags[slot]
            throw ShellError(en: "--\(flag.name) needs a value: \(flag.help.en)", zh: "--\(flag.name) 需要一个值：\(flag.help.zh)",
                             at: value.position, hintEn: "e.g. \(compiled.spec.example)", hintZh: "例如 \(Help.exampleZh(compiled.spec))")
        }
        if let inline { inv.tokens[at] = inline }
        inv.slots[at] = code
    }
}

/// "Did you mean": the closest spelling by edit distance (a swap of two neighbours counts as
/// one edit, so `opne` finds `open`), in English or Chinese, never a one-character spelling
/// such as `?`: any unknown single character would be one edit from it.
public enum Suggest {
    public static func nearest(_ word: String, in candidates: [String]) -> String? {
        let lowered = word.lowercased()
        let w = Array(lowered)
        guard !w.isEmpty, w.count < 64 else { return nil }
        var best: (String, Int)?
        for c in candidates where c.count >= 2 && c != word {
            let d = distance(w, Array(c.lowercased()))
            if d <= limit(max(w.count, c.count)), best.map({ d < $0.1 }) ?? true { best = (c, d) }
        }
        if best == nil, w.count >= 2, let prefix = candidates.first(where: { $0.count >= 2 && $0.lowercased().hasPrefix(lowered) }) {
            return prefix
        }
        return best?.0
    }

    /// How many edits still look like a typo of a word this long: one in a short word (a
    /// two-character Chinese word, `opne`), two from five letters, three from nine.
    static func limit(_ length: Int) -> Int {
        length >= 9 ? 3 : length >= 5 ? 2 : 1
    }

    /// Optimal string alignment distance: insertions, deletions, substitutions and swaps of
    /// two neighbouring characters each count one.
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var before = Array(repeating: 0, count: b.count + 1)
        var prev = Array(0...b.count)
        var cur = prev
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { cur[j] = min(cur[j], before[j - 2] + 1) }
            }
            before = prev
            swap(&prev, &cur)
        }
        return prev[b.count]
    }

    /// `; did you mean "x"?` / `，是否要输入“x”？`, or nothing when no spelling is near.
    static func phrase(_ word: String, in candidates: [String]) -> Localized? {
        guard let near = nearest(word, in: candidates) else { return nil }
        return Localized(en: "; did you mean \(near)?", zh: "，是否要输入 \(near)？")
    }
}
