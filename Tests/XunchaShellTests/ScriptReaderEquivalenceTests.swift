import XCTest
import XunchaCore
@testable import XunchaShell

/// The reader lexes each line straight from the file's bytes, checking UTF-8 in the same pass;
/// this compares it with the reference (UTF-8 checked by `String(validating:)` first, then the
/// scalar-by-scalar lexer) on many random files: continuations, CR, BOM, quotes, escapes, CJK,
/// U+3000, control and invisible characters, and bytes that are not UTF-8 at all.
final class ScriptReaderEquivalenceTests: XCTestCase {
    static let pieces: [[UInt8]] = (["a", "issue", " ", "\t", "\u{3000}", "\\", "\"", "'", "“", "”", "‘", "’", "「", "」", "『",
                                     "』", "#", "##", "n", "问题", "é", "😀", "\u{01}", "\u{7F}", "\u{85}", "\u{200B}", "\u{202E}",
                                     "\u{FEFF}", "\u{2070}", "\u{206F}", "\u{FEFE}", "\r", "\n", "\r\n", "\\\n", "--x=1"].map { Array($0.utf8) })
        + [[0xFF], [0xC0, 0x80], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE4, 0xB8], [0x80],
           [0xF0, 0x9F, 0x98], [0xC2], [0xEF, 0xBB, 0xBF]]

    func outcome(_ next: () throws -> ScriptLine?) -> [String] {
        var out: [String] = []
        do {
            while let line = try next() {
                out.append("\(line.tokens) \(line.end) \(line.text.debugDescription) \(line.narration.debugDescription)")
                if out.count > 100 { break }
            }
        } catch let error as ShellError {
            out.append("error \(error)")
        } catch {
            out.append("other \(error)")
        }
        return out
    }

    func testTheByteReaderAgreesWithTheReferenceOnRandomFiles() {
        var rng = SystemRandomNumberGenerator()
        var failures = 0, read = 0, refused = 0
        for round in 0..<12_000 {
            var bytes: [UInt8] = round % 9 == 0 ? [0xEF, 0xBB, 0xBF] : []
            for _ in 0..<Int.random(in: 0...16, using: &rng) { bytes += Self.pieces[Int.random(in: 0..<Self.pieces.count, using: &rng)] }
            if ScriptReader(bytes).physicalLines != ReferenceScriptReader(bytes).physicalLines {
                failures += 1
                XCTAssertEqual(ScriptReader(bytes).physicalLines, ReferenceScriptReader(bytes).physicalLines, "\(bytes)")
            }
            for keepsText in [true, false] {
                var reference = ReferenceScriptReader(bytes, keepsText: keepsText)
                var reader = ScriptReader(bytes, keepsText: keepsText)
                let expected = outcome { try reference.next() }
                let got = outcome { try reader.next() }
                if got.last?.hasPrefix("error") ?? false { refused += 1 } else { read += 1 }
                if expected != got {
                    failures += 1
                    XCTAssertEqual(got, expected, "\(bytes)")
                    if failures > 5 { return }
                }
            }
        }
        XCTAssertGreaterThan(read, 2_000)
        XCTAssertGreaterThan(refused, 2_000)
    }

    func testAVeryLongLineWithABadByteReportsTheByte() {
        for bad in [false, true] {
            var bytes = Array(String(repeating: "问", count: 30_000).utf8)
            if bad { bytes.insert(0xFF, at: 60_000) }
            var reference = ReferenceScriptReader(bytes)
            var reader = ScriptReader(bytes)
            let got = outcome { try reader.next() }
            XCTAssertEqual(got, outcome { try reference.next() })
            XCTAssertTrue(got.first?.contains(bad ? "invalid UTF-8" : "longer than") ?? false, "\(got)")
        }
    }
}

struct ReferenceScriptReader {
    let bytes: [UInt8]
    var start = 0
    var lineNumber = 0
    /// Keep each line's text (for `play`); a plain run does not need it.
    var keepsText: Bool

    init(_ bytes: [UInt8], keepsText: Bool = true) {
        self.bytes = bytes
        self.keepsText = keepsText
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
    }

    /// The number of physical lines the file holds.
    var physicalLines: Int {
        var count = 0
        for b in bytes where b == 0x0A { count += 1 }
        return bytes.last == 0x0A || bytes.isEmpty ? count : count + 1
    }

    mutating func next() throws(ShellError) -> ScriptLine? {
        var pending: [Token] = []
        var pendingText = ""
        while start <= bytes.count {
            let stop = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            let raw = bytes[start..<stop]
            lineNumber += 1
            start = stop + 1
            if stop == bytes.count && raw.isEmpty { break }
            guard let text = String(validating: raw, as: UTF8.self) else {
                throw ShellError(en: "invalid UTF-8 (the file must be saved as UTF-8)", zh: "无效的 UTF-8 编码(文件须以 UTF-8 保存)",
                                 at: SourcePosition(line: lineNumber, column: Lexer.validPrefixScalars(raw) + 1))
            }
            let lexed = try ReferenceLexer.tokenize(text, lineNumber: lineNumber)
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
            // Scalars counted as the bytes that start one (the text is valid UTF-8).
            var columns = 0
            for b in raw where b & 0xC0 != 0x80 { columns += 1 }
            return ScriptLine(tokens: pending, end: SourcePosition(line: lineNumber, column: columns + 1),
                              text: pendingText, narration: narration)
        }
        if !pending.isEmpty {
            return ScriptLine(tokens: pending, end: SourcePosition(line: lineNumber, column: 1), text: pendingText, narration: nil)
        }
        return nil
    }
}
