import XCTest
@testable import XunchaShell

/// The lexer reads bytes for speed; this keeps the scalar-by-scalar lexer it replaced as the
/// reference and compares both on many random lines built from the characters that matter
/// (quotes of every style, escapes, separators, comments, control characters, CR, CJK).
final class LexerEquivalenceTests: XCTestCase {
    func testByteLexerAgreesWithTheReferenceOnRandomLines() {
        let pieces = ["a", "ab", "--due", "--x=1", "=", "#", "##", " ", "  ", "\t", "\u{3000}", "\\", "\"", "'", "“", "”", "‘", "’",
                      "「", "」", "『", "』", "n", "t", "问题", "登记", "é", "e\u{301}", "😀", "\u{01}", "\u{7F}", "\u{85}", "\r", "R5-001", "-", "\u{200B}", "\u{202E}"]
        var generator = SystemRandomNumberGenerator()
        var failures = 0
        for round in 0..<20_000 {
            let count = Int.random(in: 0...12, using: &generator)
            var line = (0..<count).map { _ in pieces[Int.random(in: 0..<pieces.count, using: &generator)] }.joined()
            if round % 7 == 0 { line += "\r" }
            let expected: Swift.Result<Lexer.Result, ShellError>
            do { expected = .success(try ReferenceLexer.tokenize(line, lineNumber: 3)) } catch { expected = .failure(error) }
            let got: Swift.Result<Lexer.Result, ShellError>
            do { got = .success(try Lexer.tokenize(line, lineNumber: 3)) } catch { got = .failure(error) }
            switch (expected, got) {
            case let (.success(a), .success(b)) where a == b: continue
            case let (.failure(a), .failure(b)) where a.position == b.position && a.message == b.message && a.hint == b.hint: continue
            default:
                failures += 1
                XCTFail("\(line.debugDescription): expected \(expected), got \(got)")
            }
            if failures > 5 { return }
        }
    }
}

/// The lexer as it was before it read bytes (kept as the definition the fast one must match).
enum ReferenceLexer {
    static let closers: [Unicode.Scalar: Unicode.Scalar] = [
        "\"": "\"", "'": "'", "\u{201C}": "\u{201D}", "\u{2018}": "\u{2019}",
        "\u{300C}": "\u{300D}", "\u{300E}": "\u{300F}",
    ]

    static func tokenize(_ line: String, lineNumber: Int = 1) throws(ShellError) -> Lexer.Result {
        if line.utf8.count > Lexer.maxLineBytes {
            throw ShellError(en: "the line is longer than \(Lexer.maxLineBytes) bytes (\(line.utf8.count))",
                             zh: "该行超过 \(Lexer.maxLineBytes) 字节(\(line.utf8.count))",
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
        // Refused anywhere on the line, before any token is read (inside quotes and comments too).
        for (index, scalar) in scalars.enumerated() {
            if let refusal = Lexer.refused(scalar, at: SourcePosition(line: lineNumber, column: index + 1)) { throw refusal }
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
            if Lexer.isForbiddenControl(c) {
                throw ShellError(en: "control character U+\(Lexer.hex(c.value)) is not allowed",
                                 zh: "不允许控制字符 U+\(Lexer.hex(c.value))", at: pos(i),
                                 hintEn: "remove it; write a line break inside \"…\" as \\n",
                                 hintZh: "请删除;引号内的换行请写作 \\n")
            }
            if Lexer.isSeparator(c) { flush(); i += 1; continue }
            if !inToken { inToken = true; start = i }
            if c == "#" && current.isEmpty && !quoted {
                inToken = false
                break
            }
            if c == "\\" {
                if i + 1 == scalars.count || scalars[(i + 1)...].allSatisfy(Lexer.isSeparator) {
                    // Continuation: the backslash and what follows it on this line are dropped.
                    if current.isEmpty && !quoted { inToken = false }
                    flush()
                    return Lexer.Result(tokens: tokens, continues: true)
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
                    if Lexer.isForbiddenControl(q) {
                        throw ShellError(en: "control character U+\(Lexer.hex(q.value)) is not allowed",
                                         zh: "不允许控制字符 U+\(Lexer.hex(q.value))", at: pos(i))
                    }
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
        return Lexer.Result(tokens: tokens, continues: false)
    }

}
