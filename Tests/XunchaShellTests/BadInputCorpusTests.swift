import Foundation
import XCTest
import XunchaCore
@testable import XunchaShell

/// Bad input in process: every case of `Tests/corpus/bad-input.txt` run as a whole command file
/// after the corpus setup gives one error at line 1 and leaves the memory image exactly as it was
/// (the end-to-end twin, `Tests/pty/test_bad_input.py`, checks the store and the process).
final class BadInputCorpusTests: XCTestCase {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("corpus")

    struct Case {
        var line: Int
        var bytes: [UInt8]
        var expected: String?
    }

    /// The corpus format (see its header): `;;` lines are notes, `\xHH` is a byte, `{{N*TEXT}}`
    /// repeats, and the English message must contain what follows ` ⟹ `.
    static func cases() throws -> [Case] {
        let text = try String(contentsOf: corpus.appendingPathComponent("bad-input.txt"), encoding: .utf8)
        var out: [Case] = []
        for (index, line) in text.components(separatedBy: "\n").enumerated() {
            if line.trimmingCharacters(in: .whitespaces).isEmpty || line.hasPrefix(";;") { continue }
            let parts = line.components(separatedBy: " \u{27F9} ")
            out.append(Case(line: index + 1, bytes: decode(parts[0]), expected: parts.count > 1 ? parts[1] : nil))
        }
        return out
    }

    static func decode(_ text: String) -> [UInt8] {
        var expanded = text
        while let open = expanded.range(of: "{{"), let close = expanded.range(of: "}}", range: open.upperBound..<expanded.endIndex),
              let star = expanded.range(of: "*", range: open.upperBound..<close.lowerBound),
              let count = Int(expanded[open.upperBound..<star.lowerBound]) {
            let unit = String(expanded[star.upperBound..<close.lowerBound])
            expanded.replaceSubrange(open.lowerBound..<close.upperBound, with: String(repeating: unit, count: count))
        }
        let raw = Array(expanded.utf8)
        var bytes: [UInt8] = []
        var i = 0
        while i < raw.count {
            if raw[i] == UInt8(ascii: "\\"), i + 3 < raw.count, raw[i + 1] == UInt8(ascii: "x"),
               let byte = UInt8(String(decoding: raw[(i + 2)...(i + 3)], as: UTF8.self), radix: 16) {
                bytes.append(byte)
                i += 4
            } else {
                bytes.append(raw[i])
                i += 1
            }
        }
        return bytes
    }

    func testEveryCaseIsOneErrorAtItsLineAndChangesNothing() throws {
        let cases = try Self.cases()
        XCTAssertGreaterThanOrEqual(cases.count, 200)
        let h = Harness()
        let setup = try String(contentsOf: Self.corpus.appendingPathComponent("bad-input-setup.xc"), encoding: .utf8)
        h.files["setup"] = setup
        try h.session.run(file: "setup")
        // Each end-to-end case is a new process, with nothing of its own to undo.
        h.session.undoStack = []
        let digest = h.session.state.digest()
        let rows = try h.journal.entries(after: 0).count
        XCTAssertEqual(rows, 24, "the setup ran")
        for c in cases {
            h.session.readFile = { path in
                guard path == "<stdin>" else { throw ShellError(en: "cannot read \(path)", zh: "无法读取 \(path)") }
                return c.bytes + [0x0A]
            }
            let label = "bad-input.txt:\(c.line)"
            do {
                try h.session.run(file: "<stdin>")
                XCTFail("\(label): accepted")
            } catch {
                let rendered = error.render(file: "<stdin>", language: .en)
                let first = rendered.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
                XCTAssertTrue(first.hasPrefix("<stdin>:1:") && first.contains(": error: "), "\(label): \(first.prefix(120))")
                XCTAssertFalse(error.message.en.isEmpty || error.message.zh.isEmpty, label)
                // `play` is wired by the binary; here it has no handler and says so instead.
                if let expected = c.expected, !String(decoding: c.bytes, as: UTF8.self).hasPrefix("play ") {
                    XCTAssertTrue(error.message.en.contains(expected), "\(label): \(error.message.en.prefix(160)) lacks \(expected)")
                }
            }
            XCTAssertEqual(h.session.state.digest(), digest, "\(label) changed the ledger")
            XCTAssertEqual(try h.journal.entries(after: 0).count, rows, "\(label) left rows in the journal")
        }
    }
}
