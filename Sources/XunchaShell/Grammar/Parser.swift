import XunchaCore

/// A command line matched against the grammar table: which command, and the raw tokens given
/// for each argument and flag. Values are typed later (they may need the ledger or the clock).
public struct Invocation: Sendable {
    public let spec: CommandSpec
    public var args: [String: Token] = [:]
    /// Canonical flag name → the values given (a switch records its own token).
    public var flags: [String: [Token]] = [:]
    /// The rest of the line, for an argument of kind `.command`.
    public var rest: [Token] = []
    /// Where the command starts, and the position just past its last token (for "missing …").
    public let start: SourcePosition
    public var end: SourcePosition

    public func has(_ flag: String) -> Bool { flags[flag] != nil }

    /// The position to blame for a problem with `field` (a param or flag name).
    public func position(of field: String?) -> SourcePosition {
        guard let field else { return start }
        if let t = args[field] { return t.position }
        if let t = flags[field]?.first { return t.position }
        return start
    }
}

/// Matches tokens against `Grammar.commands`.
public enum Parser {
    /// The first word of each command, with every alias, for "did you mean".
    static let firstWords: [String] = Array(Set(Grammar.commands.flatMap { $0.words[0] })).sorted()

    static func same(_ word: String, _ spelling: String) -> Bool {
        word == spelling || word.lowercased() == spelling
    }

    /// nil for a blank or comment-only line.
    public static func parse(_ tokens: [Token], end: SourcePosition) throws(ShellError) -> Invocation? {
        guard let first = tokens.first else { return nil }
        if first.quoted || first.isFlag {
            throw ShellError(en: "a line must start with a command word, not \"\(first.text)\"",
                             zh: "每行须以命令开头,而不是“\(first.text)”", at: first.position,
                             hintEn: "type help for the list of commands", hintZh: "输入 help 查看命令列表")
        }
        let group = Grammar.commands.filter { $0.words[0].contains { same(first.text, $0) } }
        guard !group.isEmpty else {
            let near = Suggest.nearest(first.text, in: firstWords)
            throw ShellError(en: "unknown command \"\(first.text)\"" + (near.map { "; did you mean \"\($0)\"?" } ?? ""),
                             zh: "未知命令“\(first.text)”" + (near.map { ",是否要输入“\($0)”?" } ?? ""),
                             at: first.position, hintEn: "type help for the list of commands", hintZh: "输入 help 查看命令列表")
        }
        var index = 1
        var spec: CommandSpec
        if let single = group.first(where: { $0.words.count == 1 }) {
            spec = single
        } else {
            let subs = group.map { $0.words[1][0] }.joined(separator: ", ")
            guard tokens.count > 1 else {
                throw ShellError(en: "\"\(first.text)\" needs a subcommand: \(subs)", zh: "“\(first.text)”后须跟子命令:\(subs)",
                                 at: end, hintEn: "e.g. \(group[0].example)", hintZh: "例如 \(group[0].example)")
            }
            let word = tokens[1]
            guard let match = group.first(where: { $0.words[1].contains { same(word.text, $0) } }) else {
                let near = Suggest.nearest(word.text, in: group.flatMap { $0.words[1] })
                throw ShellError(en: "unknown subcommand \"\(word.text)\" of \(group[0].words[0][0]); expected one of: \(subs)"
                                    + (near.map { " (did you mean \"\($0)\"?)" } ?? ""),
                                 zh: "\(group[0].words[0][0]) 没有子命令“\(word.text)”;可用:\(subs)" + (near.map { "(是否要输入“\($0)”?)" } ?? ""),
                                 at: word.position)
            }
            spec = match
            index = 2
        }
        var inv = Invocation(spec: spec, start: first.position, end: end)
        var nextParam = 0
        while index < tokens.count {
            let token = tokens[index]
            index += 1
            if nextParam < spec.params.count, spec.params[nextParam].kind == .command {
                inv.rest = Array(tokens[(index - 1)...])
                inv.args[spec.params[nextParam].name] = token
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
                                 hintZh: "用法:\(usage)")
            }
            inv.args[spec.params[nextParam].name] = token
            nextParam += 1
        }
        for p in spec.params where p.required && inv.args[p.name] == nil {
            throw ShellError(en: "\(spec.name) needs <\(p.name)>: \(p.help.en)", zh: "\(spec.name) 缺少 <\(p.name)>:\(p.help.zh)",
                             at: end, hintEn: "usage: \(Help.usage(spec))", hintZh: "用法:\(Help.usage(spec))")
        }
        for f in spec.flags where f.required && inv.flags[f.name] == nil {
            throw ShellError(en: "\(spec.name) needs --\(f.name): \(f.help.en)", zh: "\(spec.name) 缺少 --\(f.name):\(f.help.zh)",
                             at: end, hintEn: "e.g. \(spec.example)", hintZh: "例如 \(spec.example)")
        }
        return inv
    }

    private static func readFlag(_ token: Token, spec: CommandSpec, tokens: [Token], index: inout Int,
                                 into inv: inout Invocation) throws(ShellError) {
        let body = token.text.dropFirst(2)
        var name = String(body)
        var inline: Token?
        if let eq = body.firstIndex(of: "=") {
            name = String(body[..<eq])
            let valueColumn = token.position.column + 2 + body.distance(from: body.startIndex, to: eq) + 1
            inline = Token(text: String(body[body.index(after: eq)...]),
                           position: SourcePosition(line: token.position.line, column: valueColumn), quoted: true)
        }
        guard let flag = spec.flag(named: name) ?? spec.flag(named: name.lowercased()) else {
            let near = Suggest.nearest(name, in: spec.flags.flatMap(\.spellings))
            let list = spec.flags.map { "--" + $0.name }.joined(separator: " ")
            throw ShellError(en: "\(spec.name) has no flag --\(name)" + (near.map { "; did you mean --\($0)?" } ?? ""),
                             zh: "\(spec.name) 没有选项 --\(name)" + (near.map { ",是否要输入 --\($0)?" } ?? ""),
                             at: token.position,
                             hintEn: list.isEmpty ? "it takes no flags" : "flags: \(list)",
                             hintZh: list.isEmpty ? "该命令没有选项" : "可用选项:\(list)")
        }
        if inv.flags[flag.name] != nil && !flag.repeats {
            throw ShellError(en: "--\(flag.name) is given twice", zh: "--\(flag.name) 重复给出", at: token.position)
        }
        guard flag.kind != nil else {
            if inline != nil {
                throw ShellError(en: "--\(flag.name) is a switch and takes no value", zh: "--\(flag.name) 是开关,不带值", at: token.position)
            }
            inv.flags[flag.name, default: []].append(token)
            return
        }
        var value: Token
        if let inline {
            value = inline
        } else {
            guard index < tokens.count, !tokens[index].isFlag else {
                throw ShellError(en: "--\(flag.name) needs a value: \(flag.help.en)", zh: "--\(flag.name) 需要一个值:\(flag.help.zh)",
                                 at: index < tokens.count ? tokens[index].position : inv.end,
                                 hintEn: "e.g. \(spec.example)", hintZh: "例如 \(spec.example)")
            }
            value = tokens[index]
            index += 1
        }
        // `--round=` or `--round ""` names nothing: filtering on it would quietly match nothing.
        guard !value.text.isEmpty else {
            throw ShellError(en: "--\(flag.name) needs a value: \(flag.help.en)", zh: "--\(flag.name) 需要一个值:\(flag.help.zh)",
                             at: value.position, hintEn: "e.g. \(spec.example)", hintZh: "例如 \(spec.example)")
        }
        inv.flags[flag.name, default: []].append(value)
    }
}

/// "Did you mean": the closest spelling within a small edit distance.
enum Suggest {
    static func nearest(_ word: String, in candidates: [String]) -> String? {
        let w = Array(word.lowercased())
        guard !w.isEmpty, w.count < 64 else { return nil }
        var best: (String, Int)?
        for c in candidates {
            let d = distance(w, Array(c.lowercased()))
            let limit = max(1, min(3, c.count / 3))
            if d <= limit, best.map({ d < $0.1 }) ?? true { best = (c, d) }
        }
        if best == nil, let prefix = candidates.first(where: { $0.hasPrefix(word.lowercased()) && word.count >= 2 }) {
            return prefix
        }
        return best?.0
    }

    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev = Array(0...b.count)
        var cur = prev
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }
}
