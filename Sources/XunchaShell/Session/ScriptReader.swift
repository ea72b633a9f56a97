#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
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

/// Reads a command file one logical line at a time, so a long file can be executed while it
/// is still being read (see `ScriptFeed`) instead of being held whole as tokens.
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
        // Line ends found with `memchr`, as `next` finds them: this runs before the first
        // command of a file, on the thread that executes them, and byte by byte it was ~5 ms.
        let count = bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return 0 }
            var n = 0, at = 0
            while at < buffer.count, let hit = memchr(base + at, 0x0A, buffer.count - at) {
                n += 1
                at = base.distance(to: UnsafeRawPointer(hit)) + 1
            }
            return n
        }
        return bytes.last == 0x0A || bytes.isEmpty ? count : count + 1
    }

    public mutating func next() throws(ShellError) -> ScriptLine? {
        var pending: [Token] = []
        var pendingText = ""
        while start <= bytes.count {
            let from = start
            let lineNumber = self.lineNumber + 1
            let (stop, read) = bytes.withUnsafeBufferPointer { all -> (Int, Swift.Result<(Lexer.Result, Int), ShellError>) in
                let stop = Self.newline(in: all, from: from)
                do throws(ShellError) {
                    return (stop, .success(try Lexer.scan(UnsafeBufferPointer(rebasing: all[from..<stop]), lineNumber: lineNumber)))
                } catch {
                    return (stop, .failure(error))
                }
            }
            self.lineNumber = lineNumber
            start = stop + 1
            let lexed: Lexer.Result, columns: Int
            switch read {
            case .success(let r): (lexed, columns) = r
            case .failure(let e): throw e
            }
            if stop == bytes.count && from == stop { break }
            if pending.isEmpty { pending = lexed.tokens } else { pending += lexed.tokens }
            // The line is valid UTF-8 once lexed: its text is made only when something needs it.
            if keepsText {
                let text = String(decoding: bytes[from..<stop], as: UTF8.self)
                pendingText += pendingText.isEmpty ? text : "\n" + text
            }
            if lexed.continues { continue }
            // Only a line whose tokens are all comment can be narration: checking that first
            // spares trimming every command line of a long file.
            var narration: String?
            if lexed.tokens.isEmpty {
                let trimmed = String(decoding: bytes[from..<stop], as: UTF8.self).trimmingSpaces
                if trimmed.hasPrefix("##") { narration = String(trimmed.dropFirst(2)).trimmingSpaces }
            }
            return ScriptLine(tokens: pending, end: SourcePosition(line: lineNumber, column: columns + 1),
                              text: pendingText, narration: narration)
        }
        if !pending.isEmpty {
            return ScriptLine(tokens: pending, end: SourcePosition(line: lineNumber, column: 1), text: pendingText, narration: nil)
        }
        return nil
    }

    /// Where the line starting at `from` ends: its LF, or the end of the file.
    static func newline(in all: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        guard from < all.count, let base = all.baseAddress,
              let hit = memchr(base + from, 0x0A, all.count - from) else { return all.count }
        return UnsafeRawPointer(hit) - UnsafeRawPointer(base)
    }
}
