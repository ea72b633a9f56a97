import XunchaCore

/// One logical line of a command file: its tokens, where it ends, and the raw text for `play`.
public struct ScriptLine: Sendable {
    public var tokens: [Token]
    public var end: SourcePosition
    public var text: String
    /// `## …` narration lines, kept for `play`.
    public var narration: String?
}

/// Splitting a command file into logical lines: UTF-8 checked line by line (the error names the
/// line and column of the first bad byte), `\` continuations joined, a leading BOM ignored.
public enum Script {
    public static func lines(_ bytes: [UInt8]) throws(ShellError) -> [ScriptLine] {
        var reader = ScriptReader(bytes)
        var out: [ScriptLine] = []
        while let line = try reader.next() { out.append(line) }
        return out
    }
}

/// Reads a command file one logical line at a time, so that a plain run executes each line as
/// soon as it is read instead of holding the whole file as tokens.
public struct ScriptReader: Sendable {
    let bytes: [UInt8]
    var start = 0
    var lineNumber = 0
    /// Keep each line's text (for `play`); a plain run does not need it.
    var keepsText: Bool

    public init(_ bytes: [UInt8], keepsText: Bool = true) {
        self.bytes = bytes
        self.keepsText = keepsText
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
    }

    /// The number of physical lines the file holds.
    var physicalLines: Int {
        let count = bytes.reduce(0) { n, b in b == 0x0A ? n + 1 : n }
        return bytes.last == 0x0A || bytes.isEmpty ? count : count + 1
    }

    public mutating func next() throws(ShellError) -> ScriptLine? {
        var pending: [Token] = []
        var pendingText = ""
        while start <= bytes.count {
            let stop = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            let raw = bytes[start..<stop]
            lineNumber += 1
            start = stop + 1
            if stop == bytes.count && raw.isEmpty { break }
            // The file's encoding is the first thing wrong with a line that is not UTF-8.
            guard let text = String(validating: raw, as: UTF8.self) else { throw Lexer.invalidUTF8(raw, lineNumber: lineNumber) }
            let lexed = try Lexer.tokenize(text, lineNumber: lineNumber)
            if pending.isEmpty { pending = lexed.tokens } else { pending += lexed.tokens }
            if keepsText { pendingText += pendingText.isEmpty ? text : "\n" + text }
            if lexed.continues { continue }
            // Only a line whose tokens are all comment can be narration: checking that first
            // spares trimming every command line of a long file.
            var narration: String?
            if lexed.tokens.isEmpty {
                let trimmed = text.trimmingSpaces
                if trimmed.hasPrefix("##") { narration = String(trimmed.dropFirst(2)).trimmingSpaces }
            }
            // The column just past the line's end counts its scalars, a final CR included: in
            // valid UTF-8, the bytes that are not continuation bytes (10xxxxxx).
            let columns = raw.reduce(0) { n, b in b & 0xC0 == 0x80 ? n : n + 1 }
            return ScriptLine(tokens: pending, end: SourcePosition(line: lineNumber, column: columns + 1),
                              text: pendingText, narration: narration)
        }
        if !pending.isEmpty {
            return ScriptLine(tokens: pending, end: SourcePosition(line: lineNumber, column: 1), text: pendingText, narration: nil)
        }
        return nil
    }
}
