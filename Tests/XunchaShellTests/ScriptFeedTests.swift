import XCTest
import XunchaCore
@testable import XunchaShell

/// A file read and parsed on a second thread must run exactly as the same file read whole.
final class ScriptFeedTests: XCTestCase {
    /// Blank lines, comments, narration, continuations, CRLF, CJK words, an unknown command.
    static let mixed = [
        "# header", "", "unit add FY \"舞阳县人民法院\" --secretary 李四", "## narration",
        "round open R5 \"第五轮\" \\", "  --kind special --from 2024-03-01", "round target R5 FY\r",
        "问题 登记 R5 FY 「执行不力」 --category discipline", "bogus word", "   ", "issue show R5-001 # trailing",
    ]

    func describe(_ line: PreparedLine) -> String {
        if let e = line.failure { return "\(line.end) error \(e.render(file: "f", language: .en))" }
        return "\(line.end) \(line.firstWord ?? "-") \(line.invocation.map { "\($0.spec.id)" } ?? "blank")"
    }

    func drain(_ source: inout some CommandSource) -> [String] {
        var out: [String] = []
        while let line = source.next() { out.append(describe(line)) }
        return out
    }

    func testTheFeedGivesTheSameCommandsAsTheWholeFile() throws {
        // Many copies so that the feed hands over several chunks, the last one partial.
        let text = "\u{FEFF}" + Array(repeating: Self.mixed.joined(separator: "\n"), count: 97).joined(separator: "\n") + "\n"
        let bytes = Array(text.utf8)
        var whole = LoadedLines(lines: try Script.lines(bytes))
        var feed = ScriptFeed(bytes: bytes, chunkSize: 7, depth: 2)
        let expected = drain(&whole)
        XCTAssertEqual(expected.count, 97 * 6, "six commands per copy; blank and comment lines are skipped")
        XCTAssertEqual(drain(&feed), expected)
    }

    func testABadByteEndsTheFeedWithItsPlace() {
        let bytes = Array("unit add FY x\nround target R5 FY\nledger \u{202E}x\nunit add GY y\n".utf8)
        var feed = ScriptFeed(bytes: bytes, chunkSize: 1, depth: 1)
        let lines = drain(&feed)
        XCTAssertEqual(lines.count, 3, "nothing after the unreadable line")
        XCTAssertTrue(lines[2].contains("f:3:8: error: invisible character U+202E"), lines[2])
    }

    func testStoppingEarlyReleasesTheReader() {
        let bytes = Array(String(repeating: "issue show R5-001\n", count: 50_000).utf8)
        let feed = ScriptFeed(bytes: bytes, chunkSize: 16, depth: 2)
        XCTAssertNotNil(feed.next())
        feed.stop()  // must return although the reader is blocked, waiting for room
        feed.stop()
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
