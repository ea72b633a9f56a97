import Foundation

import XunchaCore

/// Typed reading of an invocation's arguments. Every failure names the column of the value
/// at fault and what was expected.
extension Invocation {
    func fail(_ name: String, _ en: String, _ zh: String, hint: Localized? = nil) -> ShellError {
        ShellError(Localized(en: en, zh: zh), hint: hint, at: token(name)?.position ?? end)
    }

    public func string(_ name: String) throws(ShellError) -> String {
        guard let t = token(name) else {
            throw ShellError(en: "missing <\(name)>", zh: "缺少 <\(name)>", at: end,
                             hintEn: "usage: \(Help.usage(spec))", hintZh: "用法：\(Help.usageZh(spec))")
        }
        return t.text
    }

    public func optional(_ name: String) -> String? { token(name)?.text }

    /// All values of a repeatable flag; comma-separated lists are split when `split` is set.
    public func strings(_ name: String, split: Bool = false) -> [(String, Token)] {
        guard let slot = compiled.flag(name) else { return [] }
        readLog?.names.insert(name)
        var out: [(String, Token)] = []
        for (k, s) in slots.enumerated() where Int(s) == slot && k < tokens.count {
            let t = tokens[k]
            if split { Self.pieces(of: t.text) { out.append(($0, t)) } } else { out.append((t.text, t)) }
        }
        return out
    }

    /// The pieces of a comma-separated list (`,` or `、`), each trimmed of spaces.
    static func pieces(of text: String, _ body: (String) -> Void) {
        for piece in text.split(whereSeparator: { $0 == "," || $0 == "、" }) { body(String(piece).trimmingSpaces) }
    }

    public func date(_ name: String, today: Day) throws(ShellError) -> Day? {
        guard let t = token(name) else { return nil }
        var base = today
        let kind = spec.flags.first { $0.name == name }?.kind ?? spec.params.first { $0.name == name }?.kind
        if case .date(let relativeTo?) = kind, let other = try date(relativeTo, today: today) { base = other }
        switch DateParser.parse(t.text, base: base) {
        case .success(let d): return d
        case .failure(var e):
            e.position = t.position
            e.hint = Localized(en: "dates: \(DateParser.forms)", zh: "日期格式：\(DateParser.forms)")
            throw e
        }
    }

    public func days(_ name: String) throws(ShellError) -> Int? {
        guard let t = token(name) else { return nil }
        switch DateParser.days(t.text) {
        case .success(let n): return n
        case .failure(var e):
            e.position = t.position
            throw e
        }
    }

    public func int(_ name: String, _ range: ClosedRange<Int>) throws(ShellError) -> Int? {
        guard let t = token(name) else { return nil }
        let digits = t.text.replacingOccurrences(of: ",", with: "")
        guard let n = Int(digits), range.contains(n) else {
            throw ShellError(en: "\"\(t.text)\" is not a whole number from \(range.lowerBound) to \(range.upperBound)",
                             zh: "“\(t.text)”不是 \(range.lowerBound) 到 \(range.upperBound) 之间的整数", at: t.position)
        }
        return n
    }

    /// Yuan, whole numbers (thousands separators allowed); bounded well below overflow when summed.
    public func money(_ name: String) throws(ShellError) -> Int? {
        try int(name, 0...1_000_000_000_000)
    }

    public func vocab<V: Vocabulary>(_ name: String, _ type: V.Type) throws(ShellError) -> V? {
        guard let t = token(name) else { return nil }
        guard let v = V.parse(t.text) else {
            let words = V.allCases.map { "\($0.rawValue) \($0.chinese[0])" }.joined(separator: ", ")
            let near = Suggest.nearest(t.text, in: V.spellings)
            throw ShellError(en: "\"\(t.text)\" is not a \(V.title.en)" + (near.map { "; did you mean \($0)?" } ?? ""),
                             zh: "“\(t.text)”不是有效的\(V.title.zh)" + (near.map { "，是否要输入 \($0)？" } ?? ""),
                             at: t.position, hintEn: "expected one of: \(words)", hintZh: "可用：\(words)")
        }
        return v
    }

    /// The canonical word of a `.choice` argument.
    public func choice(_ name: String) throws(ShellError) -> String? {
        guard let t = token(name) else { return nil }
        let kind = spec.flags.first { $0.name == name }?.kind ?? spec.params.first { $0.name == name }?.kind
        guard case .choice(let choices)? = kind else { return t.text }
        guard let c = choices.first(where: { $0.spellings.contains { Parser.same(t.text, $0) } }) else {
            let list = choices.map(\.word).joined(separator: ", ")
            let near = Suggest.nearest(t.text, in: choices.flatMap(\.spellings))
            throw ShellError(en: "\"\(t.text)\" is not valid here" + (near.map { " (did you mean \($0)?)" } ?? "") + "; expected one of: \(list)",
                             zh: "“\(t.text)”无效" + (near.map { "（是否要输入 \($0)？）" } ?? "") + "；可用：\(list)", at: t.position)
        }
        return c.word
    }

    public func methods(_ name: String) throws(ShellError) -> [VerifyMethod] {
        var out: [VerifyMethod] = []
        for (word, token) in strings(name, split: true) where !word.isEmpty {
            guard let m = VerifyMethod.parse(word) else {
                let words = VerifyMethod.allCases.map { "\($0.rawValue) \($0.chinese[0])" }.joined(separator: ", ")
                let near = Suggest.phrase(word, in: VerifyMethod.spellings)
                throw ShellError(en: "\"\(word)\" is not a verification method" + (near?.en ?? ""),
                                 zh: "“\(word)”不是验收方式" + (near?.zh ?? ""),
                                 at: token.position, hintEn: "expected: \(words)", hintZh: "可用：\(words)")
            }
            out.append(m)
        }
        return out
    }

    /// A comma-separated (or repeated) list of words of one vocabulary, in the order given.
    public func vocabList<V: Vocabulary>(_ name: String, _ type: V.Type) throws(ShellError) -> [V] {
        var out: [V] = []
        for (word, token) in strings(name, split: true) where !word.isEmpty {
            guard let v = V.parse(word) else {
                let words = V.allCases.map { "\($0.rawValue) \($0.chinese[0])" }.joined(separator: ", ")
                let near = Suggest.phrase(word, in: V.spellings)
                throw ShellError(en: "\"\(word)\" is not a \(V.title.en)" + (near?.en ?? ""), zh: "“\(word)”不是有效的\(V.title.zh)" + (near?.zh ?? ""),
                                 at: token.position, hintEn: "expected: \(words)", hintZh: "可用：\(words)")
            }
            out.append(v)
        }
        return out
    }

    public func statuses(_ name: String) throws(ShellError) -> Set<IssueStatus> {
        var out = Set<IssueStatus>()
        for (word, token) in strings(name, split: true) where !word.isEmpty {
            guard let s = IssueStatus.parse(word) else {
                let near = Suggest.phrase(word, in: IssueStatus.spellings)
                throw ShellError(en: "\"\(word)\" is not a status" + (near?.en ?? ""),
                                 zh: "“\(word)”不是问题状态" + (near?.zh ?? ""), at: token.position,
                                 hintEn: "expected: " + IssueStatus.allCases.map(\.rawValue).joined(separator: ", "),
                                 hintZh: "可用：" + IssueStatus.allCases.map { $0.chinese[0] }.joined(separator: "、"))
            }
            out.insert(s)
        }
        return out
    }

    /// The ledger filters (`--round --unit --status …`) given on this line.
    public func issueFilter(today: Day) throws(ShellError) -> IssueFilter {
        var f = IssueFilter()
        f.round = optional("round")
        f.unit = optional("unit")
        f.statuses = try statuses("status")
        f.lead = optional("lead")
        f.owner = optional("owner")
        f.dept = optional("dept")
        f.category = try vocab("category", Category.self)
        f.source = try vocab("source", Source.self)
        f.mode = try vocab("mode", Mode.self)
        f.warning = try vocab("warning", WarningColour.self)
        f.overdue = has("overdue")
        f.dueWithin = try days("due-within")
        f.since = try date("since", today: today)
        f.until = try date("until", today: today)
        return f
    }
}
