import XunchaCore
@testable import XunchaShell

/// The invocation as it was before it held its tokens in one array with a slot per token.
struct ReferenceInvocation {
    let spec: CommandSpec
    /// The token given for each of `spec.params`, by position (nil: not given). Arrays by
    /// position rather than dictionaries by name: two dictionaries per line, each filled by
    /// hashing, were a noticeable part of a batch's time.
    var given: [Token?]
    /// The values given for each of `spec.flags`, by position (a switch records its own token).
    var flagValues: [[Token]]
    /// The rest of the line, for an argument of kind `.command`.
    var rest: [Token] = []
    /// Where the command starts, and the position just past its last token (for "missing …").
    let start: SourcePosition
    var end: SourcePosition

    init(spec: CommandSpec, start: SourcePosition, end: SourcePosition) {
        self.spec = spec
        self.start = start
        self.end = end
        given = Array(repeating: nil, count: spec.params.count)
        flagValues = Array(repeating: [], count: spec.flags.count)
    }

    /// Param name → the token given.
    var args: [String: Token] {
        var d: [String: Token] = [:]
        for (p, t) in zip(spec.params, given) { if let t { d[p.name] = t } }
        return d
    }

    /// Canonical flag name → the values given.
    var flags: [String: [Token]] {
        var d: [String: [Token]] = [:]
        for (f, v) in zip(spec.flags, flagValues) where !v.isEmpty { d[f.name] = v }
        return d
    }

    func param(_ name: String) -> Int? { spec.params.firstIndex { $0.name == name } }

    func flagIndex(_ name: String) -> Int? { spec.flags.firstIndex { $0.name == name } }

    /// The token given for a param, or the last value of a flag, called `name`.
    func token(_ name: String) -> Token? {
        if let n = param(name), n < given.count, let t = given[n] { return t }
        if let n = flagIndex(name), n < flagValues.count { return flagValues[n].last }
        return nil
    }

    /// The values given for the flag `name` (empty when not given).
    func values(_ name: String) -> [Token] {
        guard let n = flagIndex(name), n < flagValues.count else { return [] }
        return flagValues[n]
    }

    func has(_ flag: String) -> Bool { !values(flag).isEmpty }

    /// The position to blame for a problem with `field` (a param or flag name).
    func position(of field: String?) -> SourcePosition {
        guard let field else { return start }
        if let n = param(field), n < given.count, let t = given[n] { return t.position }
        if let t = values(field).first { return t.position }
        return start
    }
}

/// The parser as it was before invocations held their tokens in one array (kept as the
/// definition the faster one must match).
enum ReferenceParser {
    /// The first word of each command, with every alias, for "did you mean".
    static let firstWords: [String] = Array(Set(Grammar.commands.flatMap { $0.words[0] })).sorted()

    static func same(_ word: String, _ spelling: String) -> Bool {
        word == spelling || word.lowercased() == spelling
    }

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

    /// Each command's flags by every spelling, so that a flag is one lookup.
    static let flagsBySpelling: [CommandID: [String: Int]] = {
        var index: [CommandID: [String: Int]] = [:]
        for spec in Grammar.commands {
            var flags: [String: Int] = [:]
            // Reversed, so that where two flags share a spelling the first wins, as in `flag(named:)`.
            for (n, flag) in spec.flags.enumerated().reversed() {
                for spelling in flag.spellings { flags[spelling] = n }
            }
            index[spec.id] = flags
        }
        return index
    }()

    /// The position in `spec.flags` of the flag spelled `name`.
    static func flagSlot(of spec: CommandSpec, named name: String) -> Int? {
        if let n = flagsBySpelling[spec.id]?[name], n < spec.flags.count { return n }
        return spec.flags.firstIndex { $0.name == name || $0.aliases.contains(name) }
    }

    /// The commands whose first word is `word` (as typed, or lowercased), in grammar order.
    static func group(of word: String) -> [CommandSpec] {
        var hits = byFirstWord[word] ?? []
        let lower = word.lowercased()
        if lower != word, let more = byFirstWord[lower] { hits = Array(Set(hits + more)).sorted() }
        return hits.map { Grammar.commands[$0] }
    }

    /// nil for a blank or comment-only line.
    static func parse(_ tokens: [Token], end: SourcePosition) throws(ShellError) -> ReferenceInvocation? {
        guard let first = tokens.first else { return nil }
        if first.quoted || first.isFlag {
            throw ShellError(en: "a line must start with a command word, not \"\(first.text)\"",
                             zh: "每行须以命令开头，而不是“\(first.text)”", at: first.position,
                             hintEn: "type help for the list of commands", hintZh: "输入 帮助（help）查看命令列表")
        }
        // The common case in one step: a known first word and, if the command has two, a known second.
        if let n = direct(first.text, tokens.count > 1 ? tokens[1].text : nil) {
            return try arguments(Grammar.commands[n.spec], tokens, from: n.next, start: first.position, end: end)
        }
        let group = group(of: first.text)
        guard !group.isEmpty else {
            let near = Suggest.nearest(first.text, in: firstWords)
            throw ShellError(en: "unknown command \"\(first.text)\"" + (near.map { "; did you mean \"\($0)\"?" } ?? ""),
                             zh: "未知命令“\(first.text)”" + (near.map { "，是否要输入“\($0)”？" } ?? ""),
                             at: first.position, hintEn: "type help for the list of commands", hintZh: "输入 帮助（help）查看命令列表")
        }
        var index = 1
        var spec: CommandSpec
        if let single = group.first(where: { $0.words.count == 1 }) {
            spec = single
        } else {
            // Only for the messages below: built on the way to an error, not for every line.
            func subs() -> String { group.map { $0.words[1][0] }.joined(separator: ", ") }
            func subsZh() -> String { group.map(\.subcommandZh).joined(separator: "、") }
            guard tokens.count > 1 else {
                throw ShellError(en: "\"\(first.text)\" needs a subcommand: \(subs())", zh: "“\(first.text)”后须跟子命令：\(subsZh())",
                                 at: end, hintEn: "e.g. \(group[0].example)", hintZh: "例如 \(Help.exampleZh(group[0]))")
            }
            let word = tokens[1]
            let lower = word.text.lowercased()
            guard let match = group.first(where: { $0.words[1].contains { $0 == word.text || $0 == lower } }) else {
                let near = Suggest.nearest(word.text, in: group.flatMap { $0.words[1] })
                throw ShellError(en: "unknown subcommand \"\(word.text)\" of \(group[0].words[0][0]); expected one of: \(subs())"
                                    + (near.map { " (did you mean \"\($0)\"?)" } ?? ""),
                                 zh: "\(group[0].chineseName.split(separator: " ").first ?? "")（\(group[0].words[0][0])）没有子命令“\(word.text)”；可用：\(subsZh())" + (near.map { "（是否要输入“\($0)”？）" } ?? ""),
                                 at: word.position)
            }
            spec = match
            index = 2
        }
        return try arguments(spec, tokens, from: index, start: first.position, end: end)
    }

    /// Commands by their exact words: the first word alone for one-word commands, the first
    /// and second joined by a space otherwise. Misses (other case, typos) go the long way.
    static let byWords: [String: Int] = {
        var index: [String: Int] = [:]
        for (n, spec) in Grammar.commands.enumerated() {
            for first in spec.words[0] {
                if spec.words.count == 1 {
                    if index[first] == nil { index[first] = n }
                } else {
                    for second in spec.words[1] where index[first + " " + second] == nil { index[first + " " + second] = n }
                }
            }
        }
        return index
    }()

    /// Whether the first word names a one-word command (as `parse` prefers it when a word is both).
    static let oneWordFirst: Set<String> = Set(Grammar.commands.filter { $0.words.count == 1 }.flatMap { $0.words[0] })

    /// The command named exactly by `first` (and `second`), and where its arguments start.
    static func direct(_ first: String, _ second: String?) -> (spec: Int, next: Int)? {
        if let n = byWords[first], oneWordFirst.contains(first) { return (n, 1) }
        guard let second, byFirstWord[first] != nil, !oneWordFirst.contains(first),
              let n = byWords[first + " " + second] else { return nil }
        return (n, 2)
    }

    static func arguments(_ spec: CommandSpec, _ tokens: [Token], from start: Int, start position: SourcePosition,
                          end: SourcePosition) throws(ShellError) -> ReferenceInvocation {
        var index = start
        var inv = ReferenceInvocation(spec: spec, start: position, end: end)
        var nextParam = 0
        while index < tokens.count {
            let token = tokens[index]
            index += 1
            if nextParam < spec.params.count, spec.params[nextParam].kind == .command {
                inv.rest = Array(tokens[(index - 1)...])
                inv.given[nextParam] = token
                nextParam += 1
                break
            }
            if token.isFlag {
                try readFlag(token, spec: spec, tokens: tokens, index: &index, into: &inv)
                continue
            }
            guard nextParam < spec.params.count else {
                let usage = Help.usage(spec)
                throw ShellError(en: "unexpected argument \"\(token.text)\"", zh: "多余的参数“\(token.text)”", at: token.position,
                                 hintEn: "usage: \(usage)" + (token.text.contains(" ") ? "" : "; quote text that contains spaces"),
                                 hintZh: "用法：\(Help.usageZh(spec))")
            }
            inv.given[nextParam] = token
            nextParam += 1
        }
        for (p, t) in zip(spec.params, inv.given) where p.required && t == nil {
            throw ShellError(en: "\(spec.name) needs <\(p.name)>: \(p.help.en)", zh: "\(spec.namedZh)缺少 <\(p.name)>：\(p.help.zh)",
                             at: end, hintEn: "usage: \(Help.usage(spec))", hintZh: "用法：\(Help.usageZh(spec))")
        }
        // Every missing required flag is named in the one error.
        let missing = zip(spec.flags, inv.flagValues).filter { $0.0.required && $0.1.isEmpty }.map(\.0)
        if missing.count == 1, let f = missing.first {
            throw ShellError(en: "\(spec.name) needs --\(f.name): \(f.help.en)", zh: "\(spec.namedZh)缺少 \(f.named(.zh))：\(f.help.zh)",
                             at: end, hintEn: "e.g. \(spec.example)", hintZh: "例如 \(Help.exampleZh(spec))")
        }
        if missing.count > 1 {
            let names = missing.map { "--" + $0.name }
            let en = names.dropLast().joined(separator: ", ") + " and " + (names.last ?? "")
            // A flag with a Chinese spelling is named by it (English beside); one without, by its help.
            let zh = missing.map { f in f.named(.zh) == "--" + f.name ? "--\(f.name)（\(f.help.zh)）" : f.named(.zh) }.joined(separator: "、")
            throw ShellError(en: "\(spec.name) needs \(en)", zh: "\(spec.namedZh)缺少 \(missing.count) 个选项：\(zh)",
                             at: end, hintEn: "e.g. \(spec.example)", hintZh: "例如 \(Help.exampleZh(spec))")
        }
        return inv
    }

    private static func readFlag(_ token: Token, spec: CommandSpec, tokens: [Token], index: inout Int,
                                 into inv: inout ReferenceInvocation) throws(ShellError) {
        // `isFlag` vouches that the text starts with the two characters "--": two bytes.
        let body = token.text[token.text.utf8.index(token.text.startIndex, offsetBy: 2)...]
        var name = String(body)
        var inline: Token?
        if let eq = body.utf8.firstIndex(of: UInt8(ascii: "=")) {
            name = String(body[..<eq])
            let valueColumn = token.position.column + 2 + body.distance(from: body.startIndex, to: eq) + 1
            inline = Token(text: String(body[body.index(after: eq)...]),
                           position: SourcePosition(line: token.position.line, column: valueColumn), quoted: true)
        }
        guard let slot = flagSlot(of: spec, named: name) ?? flagSlot(of: spec, named: name.lowercased()), slot < inv.flagValues.count else {
            let near = Suggest.nearest(name, in: spec.flags.flatMap(\.spellings))
            let list = spec.flags.map { "--" + $0.name }.joined(separator: " ")
            let listZh = spec.flags.map { $0.named(.zh) }.joined(separator: " ")
            throw ShellError(en: "\(spec.name) has no flag --\(name)" + (near.map { "; did you mean --\($0)?" } ?? ""),
                             zh: "\(spec.namedZh)没有选项 --\(name)" + (near.map { "，是否要输入 --\($0)？" } ?? ""),
                             at: token.position,
                             hintEn: list.isEmpty ? "it takes no flags" : "flags: \(list)",
                             hintZh: list.isEmpty ? "该命令没有选项" : "可用选项：\(listZh)")
        }
        let flag = spec.flags[slot]
        if !inv.flagValues[slot].isEmpty && !flag.repeats {
            throw ShellError(en: "--\(flag.name) is given twice", zh: "--\(flag.name) 重复给出", at: token.position)
        }
        guard flag.kind != nil else {
            if inline != nil {
                throw ShellError(en: "--\(flag.name) is a switch and takes no value", zh: "--\(flag.name) 是开关，不带值", at: token.position)
            }
            inv.flagValues[slot].append(token)
            return
        }
        var value: Token
        if let inline {
            value = inline
        } else {
            guard index < tokens.count, !tokens[index].isFlag else {
                throw ShellError(en: "--\(flag.name) needs a value: \(flag.help.en)", zh: "--\(flag.name) 需要一个值：\(flag.help.zh)",
                                 at: index < tokens.count ? tokens[index].position : inv.end,
                                 hintEn: "e.g. \(spec.example)", hintZh: "例如 \(Help.exampleZh(spec))")
            }
            value = tokens[index]
            index += 1
        }
        // `--round=` or `--round ""` names nothing: filtering on it would quietly match nothing.
        guard !value.text.isEmpty else {
            throw ShellError(en: "--\(flag.name) needs a value: \(flag.help.en)", zh: "--\(flag.name) 需要一个值：\(flag.help.zh)",
                             at: value.position, hintEn: "e.g. \(spec.example)", hintZh: "例如 \(Help.exampleZh(spec))")
        }
        inv.flagValues[slot].append(value)
    }
}


extension ReferenceInvocation {
    /// `Invocation.strings(_:split:)` as it was.
    func strings(_ name: String, split: Bool = false) -> [(String, Token)] {
        let tokens = values(name)
        guard split else { return tokens.map { ($0.text, $0) } }
        return tokens.flatMap { t -> [(String, Token)] in
            if t.text.utf8.allSatisfy({ $0 < 0x80 }) {
                return t.text.utf8.split(separator: UInt8(ascii: ",")).map { (String(decoding: $0, as: UTF8.self).trimmingSpaces, t) }
            }
            return t.text.split(whereSeparator: { $0 == "," || $0 == "、" }).map { (String($0).trimmingSpaces, t) }
        }
    }
}
