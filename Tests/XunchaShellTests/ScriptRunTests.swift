import XCTest
import XunchaCore
@testable import XunchaShell

/// Running a command file: a plain run reads, lexes and parses each line as it comes to it, and
/// must behave as the same file read whole (`--check`, `--keep-going`) wherever that matters.
final class ScriptRunTests: XCTestCase {
    /// Blank lines, comments, narration, continuations, CRLF, CJK words, an unknown command.
    static let mixed = [
        "# header", "", "unit add FY \"舞阳县人民法院\" --secretary 李四", "## narration",
        "round open R5 \"第五轮\" \\", "  --kind special --from 2024-03-01", "round target R5 FY\r",
        "问题 登记 R5 FY 「执行不力」 --category discipline", "bogus word", "   ", "issue show R5-001 # trailing",
    ]

    func describe(_ line: PreparedLine) -> String {
        let end = "\(line.end.line):\(line.end.column)"
        if let e = line.failure { return "\(end) error \(e.render(file: "f", language: .en))" }
        return "\(end) \(line.isUndo) \(line.invocation.map { "\($0.spec.id)" } ?? "blank")"
    }

    func drain(_ source: inout some CommandSource) -> [String] {
        var out: [String] = []
        while let line = source.next() { out.append(describe(line)) }
        return out
    }

    func testLinesTakenOneByOneAreTheLinesOfTheWholeFile() throws {
        let text = "\u{FEFF}" + Array(repeating: Self.mixed.joined(separator: "\n"), count: 5).joined(separator: "\n") + "\nundo\n"
        let bytes = Array(text.utf8)
        var whole = LoadedLines(lines: try Script.lines(bytes))
        var streamed = StreamedLines(reader: ScriptReader(bytes, keepsText: false))
        let expected = drain(&whole)
        XCTAssertEqual(expected.count, 5 * 6 + 1, "six commands per copy and the undo; blank and comment lines are skipped")
        XCTAssertEqual(expected.first, "3:37 false unitAdd")
        XCTAssertEqual(expected[1], "6:35 false roundOpen", "a continued command ends on its last line")
        XCTAssertTrue(expected[4].hasPrefix("9:11 error f:9:1: error: unknown command \"bogus\""), expected[4])
        XCTAssertEqual(expected.last, "56:5 true undo")
        XCTAssertEqual(drain(&streamed), expected)
    }

    func testABadByteEndsTheLinesWithItsPlace() {
        let bytes = Array("unit add FY x\nround target R5 FY\nledger \u{202E}x\nunit add GY y\n".utf8)
        var streamed = StreamedLines(reader: ScriptReader(bytes, keepsText: false))
        let lines = drain(&streamed)
        XCTAssertEqual(lines.count, 3, "nothing after the unreadable line")
        XCTAssertTrue(lines[2].contains("f:3:8: error: invisible character U+202E"), lines[2])
    }

    func testABadByteLateInAFileStopsItAndChangesNothing() throws {
        let h = Harness.ready()
        let before = h.session.state.digest()
        var bytes = Array((1...500).map { "issue progress R5-001 \"第\($0)次进展\"" }.joined(separator: "\n").utf8)
        bytes += Array("\nissue progress R5-001 \"坏".utf8) + [0xFF] + Array("\"\n".utf8)
        h.session.readFile = { _ in bytes }
        XCTAssertThrowsError(try h.session.run(file: "f.xc")) { e in
            XCTAssertEqual((e as? ShellError)?.render(file: "f.xc", language: .en),
                           "f.xc:501:25: error: invalid UTF-8 (the file must be saved as UTF-8)")
        }
        XCTAssertEqual(h.session.state.digest(), before, "the 500 good lines before it are not applied either")
    }

    func testAVeryLongLineReportsItsLengthUnlessItHasABadByte() {
        for bad in [false, true] {
            var bytes = Array(String(repeating: "问", count: 30_000).utf8)
            if bad { bytes.insert(0xFF, at: 60_000) }
            var reader = ScriptReader(Array("ledger\n".utf8) + bytes)
            XCTAssertNotNil(try? reader.next())
            XCTAssertThrowsError(try reader.next()) { e in
                let message = (e as? ShellError)?.render(file: "f", language: .en) ?? ""
                XCTAssertEqual(message, bad ? "f:2:20001: error: invalid UTF-8 (the file must be saved as UTF-8)"
                                            : "f:2:1: error: the line is longer than 65536 bytes (90000)\n  hint: split it, or keep long texts in a file")
            }
        }
    }

    func testLinesOfAFileKeepTheirTextAndNarration() throws {
        let lines = try Script.lines(Array("\u{FEFF}## 第一步  \nunit add FY \\\n  甲\r\n\nledger".utf8))
        XCTAssertEqual(lines.map(\.narration), ["第一步", nil, nil, nil])
        XCTAssertEqual(lines.map(\.text), ["## 第一步  ", "unit add FY \\\n  甲\r", "", "ledger"])
        XCTAssertEqual(lines.map(\.end), [SourcePosition(line: 1, column: 9), SourcePosition(line: 3, column: 5),
                                          SourcePosition(line: 4, column: 1), SourcePosition(line: 5, column: 7)])
        XCTAssertEqual(lines[1].tokens.map(\.text), ["unit", "add", "FY", "甲"])
        XCTAssertEqual(ScriptReader(Array("a\nb".utf8)).physicalLines, 2)
        XCTAssertEqual(ScriptReader(Array("a\nb\n".utf8)).physicalLines, 2)
        XCTAssertEqual(ScriptReader([]).physicalLines, 0)
    }

    func testALongFileStopsAtItsFirstErrorAndChangesNothing() throws {
        let h = Harness.ready()
        let before = h.session.state.digest()
        let rows = try h.journal.entries(after: 0).count
        var lines = (1...3000).map { "issue progress R5-001 \"第\($0)次进展\"" }
        lines[1499] = "issue progress R5-404 \"no such problem\""
        h.files["f.xc"] = lines.joined(separator: "\n")
        XCTAssertThrowsError(try h.session.run(file: "f.xc")) { e in
            XCTAssertEqual((e as? ShellError)?.render(file: "f.xc", language: .en), "f.xc:1500:16: error: no issue R5-404 in round R5")
        }
        XCTAssertEqual(h.session.state.digest(), before)
        XCTAssertEqual(try h.journal.entries(after: 0).count, rows)
        // The same file without the bad line is applied whole, and its last commands can be undone.
        lines[1499] = "issue progress R5-001 \"fixed\""
        h.files["g.xc"] = lines.joined(separator: "\n")
        XCTAssertEqual(try h.session.run(file: "g.xc"), RunResult(commands: 3000, errors: 0))
        XCTAssertEqual(h.session.state.issues["R5-001"]?.progress.count, 3000)
        h.run("undo")
        XCTAssertEqual(h.session.state.issues["R5-001"]?.progress.count, 2999)
    }
}
