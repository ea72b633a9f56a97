import XunchaCore

/// Where something is in the input: a 1-based line and a 1-based column counted in characters
/// (Unicode scalars), which is what a person counts in Chinese text.
public struct SourcePosition: Equatable, Sendable, Comparable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (a: SourcePosition, b: SourcePosition) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }
}

/// One error the shell reports: what went wrong, where, and what was expected.
/// Nothing has changed when one is thrown.
public struct ShellError: Error, Equatable, Sendable {
    public var message: Localized
    public var hint: Localized?
    public var position: SourcePosition?
    /// The command file the position is in, when it is not the one being reported on.
    public var file: String?

    public init(_ message: Localized, hint: Localized? = nil, at position: SourcePosition? = nil) {
        self.message = message
        self.hint = hint
        self.position = position
    }

    public init(en: String, zh: String, at position: SourcePosition? = nil, hintEn: String? = nil, hintZh: String? = nil) {
        self.init(Localized(en: en, zh: zh), hint: hintEn.map { Localized(en: $0, zh: hintZh ?? $0) }, at: position)
    }

    static let longestMessage = 400

    /// `file:3:14: error: no issue R5-999` plus an indented hint line when there is one.
    public func render(file: String, language: Language) -> String {
        let word = language == .zh ? "错误：" : "error: "
        var place = self.file ?? file
        if let p = position { place += ":\(p.line):\(p.column)" }
        // A message quotes what was typed; a 60 KB token must not become a 60 KB error line.
        var text = message.text(language)
        if text.count > Self.longestMessage { text = String(text.prefix(Self.longestMessage)) + "…" }
        var s = "\(place): \(word)\(text)"
        if let hint { s += "\n  " + (language == .zh ? "提示：" : "hint: ") + hint.text(language) }
        return s
    }
}
