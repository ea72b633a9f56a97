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

    // utf8.count, not count: the same answer once "--" is a prefix, without walking the
    // characters of every long Chinese text on every check.
    public var isFlag: Bool {
        guard !quoted else { return false }
        // Most words are not flags: two bytes tell, before the character-wise check.
        var bytes = text.utf8.makeIterator()
        guard bytes.next() == UInt8(ascii: "-"), bytes.next() == UInt8(ascii: "-"), let third = bytes.next() else { return false }
        // No character joins onto the one before it when it is ASCII, so then the hyphens are two
        // characters; only something like a combining mark after them needs the character check.
        return third < 0x80 || text.hasPrefix("--")
    }
}

/// Splits one physical line into tokens: separators are space, tab and the
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
                              hintZh: "请删除；引号内的换行请写作 \\n")
        }
        if isInvisible(s) {
            return ShellError(en: "invisible character U+\(hex(s.value)) is not allowed (it hides or reorders text)",
                              zh: "不允许不可见字符 U+\(hex(s.value))（它会隐藏文字或打乱显示顺序）", at: position,
                              hintEn: "remove it (it is often pasted along with text from a web page)",
                              hintZh: "请删除（常随网页文字一起粘贴进来）")
        }
        return nil
    }

    /// Splits `line` into words. Any refused character (see `refused`) is the error reported,
    /// wherever it stands, before a quote left open: it is the first thing wrong with the line.
    public static func tokenize(_ line: String, lineNumber: Int = 1) throws(ShellError) -> Result {
        let length = line.utf8.count
        if length > maxLineBytes {
            throw ShellError(en: "the line is longer than \(maxLineBytes) bytes (\(length))",
                             zh: "该行超过 \(maxLineBytes) 字节（\(length)）",
                             at: SourcePosition(line: lineNumber, column: 1),
                             hintEn: "split it, or keep long texts in a file", hintZh: "请拆分该行")
        }
        let scalars = line.unicodeScalars
        // Files written on Windows end lines with CR.
        var end = scalars.endIndex
        if scalars.last == "\r" { end = scalars.index(before: end) }
        // Checked everywhere: inside quotes, after a `\` and in comments alike, since `##`
        // narration is shown by `play`. Printable ASCII and U+2070 to U+FEFE (CJK, its
        // punctuation, full-width forms) hold nothing refused: most characters stop there.
        var i = scalars.startIndex
        var column = 0
        while i < end {
            let s = scalars[i]
            scalars.formIndex(after: &i)
            column += 1
            if s.value >= 0x20 && s.value < 0x7F || s.value >= 0x2070 && s.value < 0xFEFF { continue }
            if let refusal = refused(s, at: SourcePosition(line: lineNumber, column: column)) { throw refusal }
        }
        var words = Words(line: scalars, end: end, lineNumber: lineNumber)
        return try words.read()
    }

    /// How many whole characters decode before the first invalid byte.
    static func validPrefixScalars(_ bytes: some Sequence<UInt8>) -> Int {
        var count = 0
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: count += 1
            case .emptyInput, .error: break loop
            }
        }
        return count
    }

    /// The error for a line that is not valid UTF-8, at the first character that does not decode.
    static func invalidUTF8(_ bytes: some Sequence<UInt8>, lineNumber: Int) -> ShellError {
        ShellError(en: "invalid UTF-8 (the file must be saved as UTF-8)", zh: "无效的 UTF-8 编码（文件须以 UTF-8 保存）",
                   at: SourcePosition(line: lineNumber, column: validPrefixScalars(bytes) + 1))
    }

    /// The words of one line whose characters are all allowed. Columns count Unicode scalars
    /// (what a user sees as characters in nearly every case).
    struct Words {
        typealias Scalars = String.UnicodeScalarView
        let line: Scalars
        /// Where the words end: the line without a final CR.
        let end: Scalars.Index
        let lineNumber: Int
        var tokens: [Token] = []
        /// The word read so far is `word` followed by `line[run]`: most words are one stretch
        /// of the line (no escape, no quote inside them) and are made from it in one copy.
        var word = String.UnicodeScalarView()
        var run: Range<Scalars.Index>?
        var inWord = false
        var quoted = false
        /// The column the word being read starts at, from 0.
        var start = 0

        init(line: Scalars, end: Scalars.Index, lineNumber: Int) {
            self.line = line
            self.end = end
            self.lineNumber = lineNumber
        }

        func position(_ column: Int) -> SourcePosition { SourcePosition(line: lineNumber, column: column + 1) }

        var wordIsEmpty: Bool { word.isEmpty && run == nil }

        /// Adds `line[range]` to the word: it lengthens the run when it follows it.
        mutating func take(_ range: Range<Scalars.Index>) {
            if let r = run {
                if r.upperBound == range.lowerBound { run = r.lowerBound..<range.upperBound; return }
                word.append(contentsOf: line[r])
            }
            run = range
        }

        /// Adds a character the line does not hold as such (an escape's meaning).
        mutating func take(_ scalar: Unicode.Scalar) {
            if let r = run { word.append(contentsOf: line[r]) }
            run = nil
            word.append(scalar)
        }

        mutating func flush() {
            if inWord {
                let text: String
                if word.isEmpty, let r = run {
                    text = String(line[r])
                } else {
                    if let r = run { word.append(contentsOf: line[r]) }
                    text = String(word)
                }
                tokens.append(Token(text: text, position: position(start), quoted: quoted))
            }
            word = String.UnicodeScalarView()
            run = nil
            inWord = false
            quoted = false
        }

        mutating func read() throws(ShellError) -> Result {
            var i = line.startIndex
            var column = 0
            while i < end {
                let c = line[i]
                let next = line.index(after: i)
                if isSeparator(c) { flush(); i = next; column += 1; continue }
                if !inWord { inWord = true; start = column }
                if c == "#" && wordIsEmpty && !quoted {
                    inWord = false
                    break
                }
                if c == "\\" {
                    if line[next..<end].allSatisfy(isSeparator) {
                        // Continuation: the backslash and what follows it on this line are dropped.
                        if wordIsEmpty && !quoted { inWord = false }
                        flush()
                        return Result(tokens: tokens, continues: true)
                    }
                    let after = line.index(after: next)
                    take(next..<after)
                    i = after
                    column += 2
                    continue
                }
                if let closer = closer(of: c) {
                    try quote(from: &i, column: &column, c, closer)
                    continue
                }
                take(i..<next)
                i = next
                column += 1
            }
            flush()
            return Result(tokens: tokens, continues: false)
        }

        /// Reads a quoted part of a word, from its opening quote `opener` at `i`.
        mutating func quote(from i: inout Scalars.Index, column: inout Int,
                            _ opener: Unicode.Scalar, _ closer: Unicode.Scalar) throws(ShellError) {
            let open = column
            quoted = true
            i = line.index(after: i)
            column += 1
            while i < end {
                let q = line[i]
                let next = line.index(after: i)
                if q == closer { i = next; column += 1; return }
                // Inside "…" only: \", \\, \n and \t; any other backslash is kept as written.
                if q == "\\" && opener == "\"" && next < end {
                    let after = line.index(after: next)
                    switch line[next] {
                    case "n": take("\n")
                    case "t": take("\t")
                    case "\\", "\"": take(next..<after)
                    default: take(i..<after)
                    }
                    i = after
                    column += 2
                    continue
                }
                take(i..<next)
                i = next
                column += 1
            }
            throw ShellError(en: "the quote \(Character(opener)) opened here is not closed",
                             zh: "此处的引号 \(Character(opener)) 没有闭合", at: position(open),
                             hintEn: "end the text with \(Character(closer))", hintZh: "请用 \(Character(closer)) 结束这段文字")
        }
    }

    /// The closing quote of an opening one: `"…"`, `'…'`, `“…”`, `‘…’`, `「…」`, `『…』`.
    static func closer(of c: Unicode.Scalar) -> Unicode.Scalar? {
        switch c {
        case "\"": "\""
        case "'": "'"
        case "\u{201C}": "\u{201D}"
        case "\u{2018}": "\u{2019}"
        case "\u{300C}": "\u{300D}"
        case "\u{300E}": "\u{300F}"
        default: nil
        }
    }

    static func hex(_ v: UInt32) -> String {
        let s = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - s.count)) + s
    }
}
