import XCTest
@testable import XunchaShell

final class LexerTests: XCTestCase {
    func words(_ line: String) throws -> [String] { try Lexer.tokenize(line).tokens.map(\.text) }

    func testSeparatorsIncludeTabAndIdeographicSpace() throws {
        XCTAssertEqual(try words("issue  add\tR5\u{3000}FY"), ["issue", "add", "R5", "FY"])
        XCTAssertEqual(try words("   "), [])
    }

    func testEveryQuoteStyle() throws {
        XCTAssertEqual(try words(#"a "b c" 'd e' “f g” ‘h i’ 「j k」 『l m』"#), ["a", "b c", "d e", "f g", "h i", "j k", "l m"])
        XCTAssertEqual(try words(#""" ''"#), ["", ""])
        XCTAssertEqual(try words(#"--title="a b" x'y z'"#), ["--title=a b", "xy z"])
    }

    func testQuotedTextIsNeverAFlag() throws {
        let t = try Lexer.tokenize(#"issue progress R5-001 "--pass""#).tokens
        XCTAssertEqual(t.last?.text, "--pass")
        XCTAssertEqual(t.last?.isFlag, false)
        XCTAssertEqual(t.first?.isFlag, false)
    }

    func testEscapesInsideDoubleQuotes() throws {
        XCTAssertEqual(try words(#""a\"b" "c\\d" "e\nf" "g\th" "\x""#), ["a\"b", "c\\d", "e\nf", "g\th", "\\x"])
        XCTAssertEqual(try words(#"'a\nb'"#), [#"a\nb"#], "single quotes are literal")
    }

    func testCommentsOnlyAtWordStartOutsideQuotes() throws {
        XCTAssertEqual(try words("ledger # the whole ledger"), ["ledger"])
        XCTAssertEqual(try words("# only a comment"), [])
        XCTAssertEqual(try words(#"issue add "a # b" x#y"#), ["issue", "add", "a # b", "x#y"])
    }

    func testContinuation() throws {
        let r = try Lexer.tokenize(#"issue add R5 FY \"#)
        XCTAssertTrue(r.continues)
        XCTAssertEqual(r.tokens.map(\.text), ["issue", "add", "R5", "FY"])
        XCTAssertTrue(try Lexer.tokenize(#"ledger\  "#).continues)
        XCTAssertFalse(try Lexer.tokenize(#"'a \'"#).continues, "a backslash inside quotes is not a continuation")
        XCTAssertEqual(try words(#"a\ b"#), ["a b"], "a backslash outside quotes escapes the next character")
    }

    func testColumnsCountCharacters() throws {
        let t = try Lexer.tokenize("问题 登记 R5", lineNumber: 7).tokens
        XCTAssertEqual(t.map(\.position.column), [1, 4, 7])
        XCTAssertEqual(t.first?.position.line, 7)
    }

    func testUnterminatedQuotePointsAtTheOpening() {
        for (line, col) in [(#"issue add R5 FY "没有结尾"#, 17), ("a 「b", 3), ("a “b", 3)] {
            XCTAssertThrowsError(try Lexer.tokenize(line)) { e in
                XCTAssertEqual((e as? ShellError)?.position?.column, col, line)
                XCTAssertTrue((e as? ShellError)?.message.en.contains("not closed") ?? false)
            }
        }
    }

    func testControlCharactersAndNULAreRefused() {
        for (line, col) in [("ledger\u{07}", 7), ("a\u{0}b", 2), ("\"a\u{1B}[31m\"", 3), ("x\u{7F}", 2), ("x\u{85}", 2)] {
            XCTAssertThrowsError(try Lexer.tokenize(line)) { e in
                XCTAssertEqual((e as? ShellError)?.position?.column, col, line.debugDescription)
                XCTAssertTrue((e as? ShellError)?.message.en.contains("control character") ?? false)
            }
        }
    }

    func testHugeLineIsRefusedQuickly() {
        let line = String(repeating: "问", count: 400_000)
        XCTAssertThrowsError(try Lexer.tokenize(line)) { e in
            XCTAssertTrue((e as? ShellError)?.message.en.contains("longer than") ?? false)
        }
    }

    func testCarriageReturnAtEndIsIgnored() throws {
        XCTAssertEqual(try words("ledger --overdue\r"), ["ledger", "--overdue"])
    }
}
