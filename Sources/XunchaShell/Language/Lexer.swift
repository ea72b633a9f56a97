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
        var line = line
        let result: Swift.Result<Result, ShellError> = line.withUTF8 { bytes in
            do throws(ShellError) { return .success(try scan(bytes, lineNumber: lineNumber).result) } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// Lexes one physical line straight from a file's bytes, which need not be valid UTF-8:
    /// they are checked in the same pass. Also gives the line's length in scalars (the CR
    /// included), the column just past its end. A bad byte anywhere on the line is the error
    /// reported, before any other (the file's encoding is the first thing wrong with it).
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>, lineNumber: Int) throws(ShellError) -> (result: Result, columns: Int) {
        if bytes.count > maxLineBytes {
            if let bad = invalidUTF8(bytes, lineNumber: lineNumber) { throw bad }
            throw ShellError(en: "the line is longer than \(maxLineBytes) bytes (\(bytes.count))",
                             zh: "该行超过 \(maxLineBytes) 字节(\(bytes.count))",
                             at: SourcePosition(line: lineNumber, column: 1),
                             hintEn: "split it, or keep long texts in a file", hintZh: "请拆分该行")
        }
        var scanner = Scanner(bytes: bytes, lineNumber: lineNumber)
        do throws(ShellError) {
            let result = try scanner.run()
            return (result, scanner.column + (scanner.end < bytes.count ? 1 : 0))
        } catch {
            // The scan stopped at its first error; a bad byte after it still comes first.
            if let bad = invalidUTF8(bytes, lineNumber: lineNumber) { throw bad }
            throw error
        }
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
    static func invalidUTF8(_ bytes: UnsafeBufferPointer<UInt8>, lineNumber: Int) -> ShellError? {
        guard String(validating: bytes, as: UTF8.self) == nil else { return nil }
        let count = validPrefixScalars(bytes)
        return ShellError(en: "invalid UTF-8 (the file must be saved as UTF-8)", zh: "无效的 UTF-8 编码(文件须以 UTF-8 保存)",
                          at: SourcePosition(line: lineNumber, column: count + 1))
    }

    /// Reads one line from its UTF-8 bytes in a single pass that checks each character (encoding,
    /// control and invisible characters) and splits words. Columns count Unicode scalars (what a
    /// user sees as characters in nearly every case). A word that is one unbroken run of the
    /// line's bytes — nearly all of them: no escape, no quote inside it — becomes its `String`
    /// straight from those bytes; only the others are assembled in a buffer.
    struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        let lineNumber: Int
        /// Bytes to read: the line without a trailing CR (files written on Windows).
        let end: Int
        var tokens: [Token] = []
        /// The word read so far is `buffer` followed by `bytes[runStart..<runEnd]`.
        var buffer: [UInt8] = []
        var runStart = 0
        var runEnd = 0
        var inToken = false
        var quoted = false
        /// The column the word being read starts at.
        var start = 0
        var i = 0
        var column = 0

        init(bytes: UnsafeBufferPointer<UInt8>, lineNumber: Int) {
            self.bytes = bytes
            self.lineNumber = lineNumber
            end = bytes.last == 0x0D ? bytes.count - 1 : bytes.count
            tokens.reserveCapacity(12)
        }

        func position(_ column: Int) -> SourcePosition { SourcePosition(line: lineNumber, column: column + 1) }

        /// The scalar starting at byte `k` and its length in bytes; length 0 when the bytes there
        /// are not well-formed UTF-8 (Unicode Table 3-7: no overlong forms, surrogates, or values
        /// past U+10FFFF; a sequence cut short by the end of the line is bad too).
        func decode(_ k: Int) -> (value: UInt32, length: Int) {
            let b0 = bytes[k]
            if b0 < 0x80 { return (UInt32(b0), 1) }
            func cont(_ n: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> UInt32? {
                guard k + n < end else { return nil }
                let b = bytes[k + n]
                return b >= low && b <= high ? UInt32(b & 0x3F) : nil
            }
            switch b0 {
            case 0xC2...0xDF:
                guard let c1 = cont(1) else { return (0, 0) }
                return (UInt32(b0 & 0x1F) << 6 | c1, 2)
            case 0xE0...0xEF:
                let low: UInt8 = b0 == 0xE0 ? 0xA0 : 0x80, high: UInt8 = b0 == 0xED ? 0x9F : 0xBF
                guard let c1 = cont(1, low, high), let c2 = cont(2) else { return (0, 0) }
                return (UInt32(b0 & 0x0F) << 12 | c1 << 6 | c2, 3)
            case 0xF0...0xF4:
                let low: UInt8 = b0 == 0xF0 ? 0x90 : 0x80, high: UInt8 = b0 == 0xF4 ? 0x8F : 0xBF
                guard let c1 = cont(1, low, high), let c2 = cont(2), let c3 = cont(3) else { return (0, 0) }
                return (UInt32(b0 & 0x07) << 18 | c1 << 12 | c2 << 6 | c3, 4)
            default:
                return (0, 0)
            }
        }

        /// The scalar at byte `k`, which must be well-formed and allowed on a line (checked
        /// everywhere: inside quotes, after a `\` and in comments alike, since `##` narration is
        /// shown by `play`); `at` is its column.
        func checked(_ k: Int, at col: Int) throws(ShellError) -> (value: UInt32, length: Int) {
            let (c, length) = decode(k)
            guard length > 0 else {
                throw invalidUTF8(bytes, lineNumber: lineNumber) ?? ShellError(en: "invalid UTF-8", zh: "无效的 UTF-8 编码", at: position(col))
            }
            // Everything from U+2070 to U+FEFE (CJK, its punctuation, full-width forms) is allowed.
            if c >= 0x2070 && c < 0xFEFF { return (c, length) }
            if let s = Unicode.Scalar(c), let refusal = Lexer.refused(s, at: position(col)) { throw refusal }
            return (c, length)
        }

        /// Moves `i` (and `column`) over characters that are plain text wherever they stand:
        /// printable ASCII other than `"`, `'`, `\` and `stop`, and well-formed CJK characters
        /// from U+4000 to U+CFFF and U+E000 to U+EFFF (three bytes, none of them a quote, a
        /// separator or refused). Anything else is left to the caller to decode and decide.
        mutating func plainRun(stop: UInt8) {
            var k = i, col = column
            while k < end {
                let b = bytes[k]
                if b < 0x80 {
                    guard b > 0x20 || (b == 0x20 && stop != 0x20), b != 0x7F, b != 0x22, b != 0x27, b != 0x5C, b != stop else { break }
                    k += 1
                    col += 1
                    continue
                }
                guard (b >= 0xE4 && b <= 0xEC) || b == 0xEE, k + 2 < end,
                      bytes[k + 1] & 0xC0 == 0x80, bytes[k + 2] & 0xC0 == 0x80 else { break }
                k += 3
                col += 1
            }
            i = k
            column = col
        }

        var wordIsEmpty: Bool { buffer.isEmpty && runStart == runEnd }

        /// Adds `bytes[k..<k+length]` to the word: it lengthens the run when it follows it.
        mutating func take(_ k: Int, _ length: Int) {
            if k == runEnd && runStart != runEnd {
                runEnd = k + length
                return
            }
            if runStart != runEnd { buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<runEnd])) }
            runStart = k
            runEnd = k + length
        }

        /// Adds a byte the line does not hold as such (an escape's meaning).
        mutating func take(byte: UInt8) {
            if runStart != runEnd { buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<runEnd])) }
            buffer.append(byte)
            runStart = runEnd
        }

        mutating func flush() {
            if inToken {
                let text: String
                if buffer.isEmpty {
                    text = String(decoding: UnsafeBufferPointer(rebasing: bytes[runStart..<runEnd]), as: UTF8.self)
                } else {
                    if runStart != runEnd { buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<runEnd])) }
                    text = String(decoding: buffer, as: UTF8.self)
                    buffer.removeAll(keepingCapacity: true)
                }
                tokens.append(Token(text: text, position: position(start), quoted: quoted))
            }
            runStart = runEnd
            inToken = false
            quoted = false
        }

        func onlySeparators(from k: Int) -> Bool {
            var k = k
            while k < end {
                let (c, length) = decode(k)
                guard length > 0, isSeparator(c) else { return false }
                k += length
            }
            return true
        }

        /// Checks (and counts) the rest of the line after a comment began.
        mutating func checkRest() throws(ShellError) {
            while i < end {
                let b = bytes[i]
                if b >= 0x20 && b < 0x7F { i += 1; column += 1; continue }
                i += try checked(i, at: column).length
                column += 1
            }
        }

        mutating func run() throws(ShellError) -> Result {
            while i < end {
                let b = bytes[i]
                if b == 0x20 { flush(); i += 1; column += 1; continue }
                // A run of characters that need no decision: most of a line goes no further.
                if b != 0x23 || !wordIsEmpty || quoted {
                    let from = i, col = column
                    plainRun(stop: 0x20)
                    if i > from {
                        if !inToken { inToken = true; start = col }
                        take(from, i - from)
                        continue
                    }
                }
                let (c, length) = try checked(i, at: column)
                if isSeparator(c) { flush(); i += length; column += 1; continue }
                if !inToken { inToken = true; start = column }
                if c == 0x23 && wordIsEmpty && !quoted {  // `#`
                    inToken = false
                    i += 1
                    column += 1
                    try checkRest()
                    break
                }
                if c == 0x5C {  // `\`
                    if i + 1 >= end || onlySeparators(from: i + 1) {
                        // Continuation: the backslash and what follows it on this line are dropped.
                        if wordIsEmpty && !quoted { inToken = false }
                        flush()
                        i += 1
                        column += 1
                        try checkRest()
                        return Result(tokens: tokens, continues: true)
                    }
                    let next = try checked(i + 1, at: column + 1).length
                    take(i + 1, next)
                    i += 1 + next
                    column += 2
                    continue
                }
                if let closer = closer(of: c) {
                    try quote(c, closer, length)
                    continue
                }
                take(i, length)
                i += length
                column += 1
            }
            flush()
            return Result(tokens: tokens, continues: false)
        }

        /// Reads a quoted part of a word, from its opening quote `c` at byte `i`.
        mutating func quote(_ c: UInt32, _ closer: UInt32, _ length: Int) throws(ShellError) {
            let open = column
            quoted = true
            i += length
            column += 1
            // An ASCII closer ends a plain run as well as `\` does.
            let stop: UInt8 = closer < 0x80 ? UInt8(closer) : 0x5C
            while i < end {
                let from = i
                plainRun(stop: stop)
                if i > from {
                    take(from, i - from)
                    continue
                }
                let (q, qLength) = try checked(i, at: column)
                if q == closer { i += qLength; column += 1; return }
                if q == 0x5C && c == 0x22 && i + 1 < end {
                    let (n, nLength) = try checked(i + 1, at: column + 1)
                    switch n {
                    case 0x6E: take(byte: 0x0A)  // \n
                    case 0x74: take(byte: 0x09)  // \t
                    case 0x5C, 0x22: take(i + 1, nLength)
                    default: take(i, 1 + nLength)
                    }
                    i += 1 + nLength
                    column += 2
                    continue
                }
                take(i, qLength)
                i += qLength
                column += 1
            }
            let opener = Character(Unicode.Scalar(c) ?? "?"), ender = Character(Unicode.Scalar(closer) ?? "?")
            throw ShellError(en: "the quote \(opener) opened here is not closed",
                             zh: "此处的引号 \(opener) 没有闭合", at: position(open),
                             hintEn: "end the text with \(ender)", hintZh: "请用 \(ender) 结束这段文字")
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
