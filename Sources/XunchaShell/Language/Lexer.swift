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
        guard bytes.next() == UInt8(ascii: "-"), bytes.next() == UInt8(ascii: "-"), bytes.next() != nil else { return false }
        return text.hasPrefix("--")
    }
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
        var line = line
        let result: Swift.Result<Result, ShellError> = line.withUTF8 { bytes in
            var scanner = Scanner(bytes: bytes, lineNumber: lineNumber)
            do throws(ShellError) { return .success(try scanner.run()) } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// Reads one line from its UTF-8 bytes. Columns count Unicode scalars (what a user sees as
    /// characters in nearly every case), so a scalar's position is tracked alongside its byte.
    /// Working on bytes, with one reused buffer for the token being read, keeps the lexer at a
    /// small fraction of a command's cost (scalar by scalar it was a fifth of a batch).
    struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        let lineNumber: Int
        /// Bytes to read: the line without a trailing CR (files written on Windows).
        let end: Int
        var tokens: [Token] = []
        var current: [UInt8] = []
        var inToken = false
        var quoted = false
        var start = 0

        init(bytes: UnsafeBufferPointer<UInt8>, lineNumber: Int) {
            self.bytes = bytes
            self.lineNumber = lineNumber
            end = bytes.last == 0x0D ? bytes.count - 1 : bytes.count
            current.reserveCapacity(64)
            tokens.reserveCapacity(12)
        }

        /// The scalar starting at byte `i` and its length in bytes (the bytes are valid UTF-8:
        /// they come from a String).
        func scalar(at i: Int) -> (value: UInt32, length: Int) {
            let b0 = UInt32(bytes[i])
            if b0 < 0x80 { return (b0, 1) }
            func cont(_ k: Int) -> UInt32 { i + k < bytes.count ? UInt32(bytes[i + k] & 0x3F) : 0 }
            if b0 < 0xE0 { return ((b0 & 0x1F) << 6 | cont(1), 2) }
            if b0 < 0xF0 { return ((b0 & 0x0F) << 12 | cont(1) << 6 | cont(2), 3) }
            return ((b0 & 0x07) << 18 | cont(1) << 12 | cont(2) << 6 | cont(3), 4)
        }

        func position(_ column: Int) -> SourcePosition { SourcePosition(line: lineNumber, column: column + 1) }

        mutating func append(from i: Int, _ length: Int) {
            if length == 1 {
                current.append(bytes[i])
            } else {
                current.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<min(i + length, bytes.count)]))
            }
        }

        mutating func flush() {
            if inToken {
                tokens.append(Token(text: String(decoding: current, as: UTF8.self), position: position(start), quoted: quoted))
            }
            current.removeAll(keepingCapacity: true)
            inToken = false
            quoted = false
        }

        func onlySeparators(from i: Int) -> Bool {
            var k = i
            while k < end {
                let (c, length) = scalar(at: k)
                guard isSeparator(c) else { return false }
                k += length
            }
            return true
        }

        func controlError(_ c: UInt32, at column: Int, hints: Bool) -> ShellError {
            hints ? ShellError(en: "control character U+\(hex(c)) is not allowed", zh: "不允许控制字符 U+\(hex(c))", at: position(column),
                               hintEn: "remove it; write a line break inside \"…\" as \\n", hintZh: "请删除;引号内的换行请写作 \\n")
                  : ShellError(en: "control character U+\(hex(c)) is not allowed", zh: "不允许控制字符 U+\(hex(c))", at: position(column))
        }

        mutating func run() throws(ShellError) -> Result {
            // Checked over the whole line first: inside quotes, after a `\` and in comments alike
            // (`##` narration is shown by `play`, so a comment reaches the terminal too).
            var k = 0, col = 0
            while k < end {
                let b = bytes[k]
                // Printable ASCII, and everything from U+2070 to U+FEFE (CJK, its punctuation,
                // full-width forms), holds nothing refused: most of a line is decided here.
                if b >= 0x20 && b < 0x7F { k += 1; col += 1; continue }
                let (c, length) = scalar(at: k)
                if c >= 0x2070 && c < 0xFEFF { k += length; col += 1; continue }
                if let s = Unicode.Scalar(c), let refusal = Lexer.refused(s, at: position(col)) { throw refusal }
                k += length
                col += 1
            }
            var i = 0
            var column = 0
            while i < end {
                let (c, length) = scalar(at: i)
                if isForbiddenControl(c) { throw controlError(c, at: column, hints: true) }
                if isSeparator(c) { flush(); i += length; column += 1; continue }
                if !inToken { inToken = true; start = column }
                if c == 0x23 && current.isEmpty && !quoted {  // `#`
                    inToken = false
                    break
                }
                if c == 0x5C {  // `\`
                    if i + 1 >= end || onlySeparators(from: i + 1) {
                        // Continuation: the backslash and what follows it on this line are dropped.
                        if current.isEmpty && !quoted { inToken = false }
                        flush()
                        return Result(tokens: tokens, continues: true)
                    }
                    let next = scalar(at: i + 1).length
                    append(from: i + 1, next)
                    i += 1 + next
                    column += 2
                    continue
                }
                if let closer = closer(of: c) {
                    let open = column
                    quoted = true
                    i += length
                    column += 1
                    var closed = false
                    while i < end {
                        let (q, qLength) = scalar(at: i)
                        if isForbiddenControl(q) { throw controlError(q, at: column, hints: false) }
                        if q == closer { closed = true; i += qLength; column += 1; break }
                        if q == 0x5C && c == 0x22 && i + 1 < end {
                            let (n, nLength) = scalar(at: i + 1)
                            switch n {
                            case 0x6E: current.append(0x0A)  // \n
                            case 0x74: current.append(0x09)  // \t
                            case 0x5C, 0x22: append(from: i + 1, nLength)
                            default: append(from: i, 1); append(from: i + 1, nLength)
                            }
                            i += 1 + nLength
                            column += 2
                            continue
                        }
                        append(from: i, qLength)
                        i += qLength
                        column += 1
                    }
                    if !closed {
                        let opener = Character(Unicode.Scalar(c) ?? "?"), ender = Character(Unicode.Scalar(closer) ?? "?")
                        throw ShellError(en: "the quote \(opener) opened here is not closed",
                                         zh: "此处的引号 \(opener) 没有闭合", at: position(open),
                                         hintEn: "end the text with \(ender)", hintZh: "请用 \(ender) 结束这段文字")
                    }
                    continue
                }
                append(from: i, length)
                i += length
                column += 1
            }
            flush()
            return Result(tokens: tokens, continues: false)
        }
    }

    static func isSeparator(_ c: UInt32) -> Bool { c == 0x20 || c == 0x09 || c == 0x3000 }

    static func isForbiddenControl(_ c: UInt32) -> Bool { (c < 0x20 && c != 0x09) || c == 0x7F || (c >= 0x80 && c <= 0x9F) }

    /// The closing quote of an opening one: `"…"`, `'…'`, `“…”`, `‘…’`, `「…」`, `『…』`.
    static func closer(of c: UInt32) -> UInt32? {
        switch c {
        case 0x22: 0x22
        case 0x27: 0x27
        case 0x201C: 0x201D
        case 0x2018: 0x2019
        case 0x300C: 0x300D
        case 0x300E: 0x300F
        default: nil
        }
    }

    static func hex(_ v: UInt32) -> String {
        let s = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - s.count)) + s
    }
}
