import XunchaCore

/// One word of a command line after quoting is resolved.
public struct Token: Equatable, Sendable {
    public var text: String
    public var position: SourcePosition
    /// Some part of it was quoted: it is text, never a flag or a comment.
    public var quoted: Bool

    public init(text: String, position: SourcePosition, quoted: Bool = false) {
        self.text = text
        self.position = position
        self.quoted = quoted
    }

    public var isFlag: Bool { !quoted && text.hasPrefix("--") && text.count > 2 }
}

/// Splits one physical line into tokens (DESIGN §2): separators are space, tab and the
/// ideographic space U+3000; `"…"`, `'…'`, `“…”`, `‘…’`, `「…」`, `『…』` group words; `#` at the start of a
/// word begins a comment; a trailing `\` asks for the next line. Inside `"…"` the escapes
/// `\"`, `\\`, `\n`, `\t` are understood, so any text can be written on one line.
public enum Lexer {
    /// Lines longer than this are refused rather than lexed (a 1 MB line is an error, not a hang).
    public static let maxLineBytes = 65_536

    public struct Result: Equatable, Sendable {
        public var tokens: [Token]
        /// The line ended with an unquoted `\`: the command goes on on the next line.
        public var continues: Bool
    }

    static let closers: [Unicode.Scalar: Unicode.Scalar] = [
        "\"": "\"", "'": "'", "\u{201C}": "\u{201D}", "\u{2018}": "\u{2019}",
        "\u{300C}": "\u{300D}", "\u{300E}": "\u{300F}",
    ]

    static func isSeparator(_ s: Unicode.Scalar) -> Bool {
        s == " " || s == "\t" || s == "\u{3000}"
    }

    /// Control characters other than tab have no business in a command and would corrupt
    /// the terminal or an export; they are refused with their code point.
    static func isForbiddenControl(_ s: Unicode.Scalar) -> Bool {
        (s.value < 0x20 && s != "\t") || s.value == 0x7F || (0x80...0x9F).contains(s.value)
    }

    /// Characters that change how a line is displayed without being seen: direction overrides
    /// and isolates (which can show a ledger row, or an exported script, in another order than
    /// it is stored) and zero-width spaces (which make `王五` and `王\u{200B}五` two people, so
    /// a leader could verify their own problem). Zero-width joiners stay allowed in text: emoji
    /// sequences need them; names refuse them in the core.
    static func isInvisible(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x200B, 0x200E, 0x200F, 0x061C, 0x180E, 0xFEFF: return true
        case 0x202A...0x202E, 0x2060...0x2064, 0x2066...0x2069, 0xFFF9...0xFFFB: return true
        default: return false
        }
    }

    static func refused(_ s: Unicode.Scalar, at position: SourcePosition) -> ShellError? {
        if isForbiddenControl(s) {
            return ShellError(en: "control character U+\(hex(s.value)) is not allowed",
                              zh: "不允许控制字符 U+\(hex(s.value))", at: position,
                              hintEn: "remove it; write a line break inside \"…\" as \\n",
                              hintZh: "请删除;引号内的换行请写作 \\n")
        }
        if isInvisible(s) {
            return ShellError(en: "invisible character U+\(hex(s.value)) is not allowed (it hides or reorders text)",
                              zh: "不允许不可见字符 U+\(hex(s.value))(它会隐藏文字或打乱显示顺序)", at: position,
                              hintEn: "remove it (it is often pasted along with text from a web page)",
                              hintZh: "请删除(常随网页文字一起粘贴进来)")
        }
        return nil
    }

    public static func tokenize(_ line: String, lineNumber: Int = 1) throws(ShellError) -> Result {
        if line.utf8.count > maxLineBytes {
            throw ShellError(en: "the line is longer than \(maxLineBytes) bytes (\(line.utf8.count))",
                             zh: "该行超过 \(maxLineBytes) 字节(\(line.utf8.count))",
                             at: SourcePosition(line: lineNumber, column: 1),
                             hintEn: "split it, or keep long texts in a file", hintZh: "请拆分该行")
        }
        var tokens: [Token] = []
        var current = String.UnicodeScalarView()
        var inToken = false
        var quoted = false
        var start = 0
        var scalars = Array(line.unicodeScalars)
        // Files written on Windows end lines with CR.
        if scalars.last == "\r" { scalars.removeLast() }
        // Checked over the whole line first: inside quotes, after a `\` and in comments alike
        // (`##` narration is shown by `play`, so a comment reaches the terminal too).
        for (index, scalar) in scalars.enumerated() {
            if let refusal = refused(scalar, at: SourcePosition(line: lineNumber, column: index + 1)) { throw refusal }
        }
        var i = 0
        func pos(_ index: Int) -> SourcePosition { SourcePosition(line: lineNumber, column: index + 1) }
        func flush() {
            if inToken { tokens.append(Token(text: String(current), position: pos(start), quoted: quoted)) }
            current = String.UnicodeScalarView()
            inToken = false
            quoted = false
        }
        while i < scalars.count {
            let c = scalars[i]
            if isSeparator(c) { flush(); i += 1; continue }
            if !inToken { inToken = true; start = i }
            if c == "#" && current.isEmpty && !quoted {
                inToken = false
                break
            }
            if c == "\\" {
                if i + 1 == scalars.count || scalars[(i + 1)...].allSatisfy(isSeparator) {
                    // Continuation: the backslash and what follows it on this line are dropped.
                    if current.isEmpty && !quoted { inToken = false }
                    flush()
                    return Result(tokens: tokens, continues: true)
                }
                current.append(scalars[i + 1])
                i += 2
                continue
            }
            if let closer = closers[c] {
                let open = i
                quoted = true
                i += 1
                var closed = false
                while i < scalars.count {
                    let q = scalars[i]
                    if q == closer { closed = true; i += 1; break }
                    if q == "\\" && c == "\"" && i + 1 < scalars.count {
                        let n = scalars[i + 1]
                        switch n {
                        case "n": current.append("\n")
                        case "t": current.append("\t")
                        case "\\", "\"": current.append(n)
                        default: current.append(q); current.append(n)
                        }
                        i += 2
                        continue
                    }
                    current.append(q)
                    i += 1
                }
                if !closed {
                    throw ShellError(en: "the quote \(Character(c)) opened here is not closed",
                                     zh: "此处的引号 \(Character(c)) 没有闭合", at: pos(open),
                                     hintEn: "end the text with \(Character(closer))", hintZh: "请用 \(Character(closer)) 结束这段文字")
                }
                continue
            }
            current.append(c)
            i += 1
        }
        flush()
        return Result(tokens: tokens, continues: false)
    }

    static func hex(_ v: UInt32) -> String {
        let s = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - s.count)) + s
    }
}
