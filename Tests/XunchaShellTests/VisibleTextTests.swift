import XCTest
@testable import XunchaShell

/// Text a store was made to hold reaches the terminal with its controls as readable escapes;
/// the shell's own line breaks and tabs, and ordinary Chinese, pass untouched.
final class VisibleTextTests: XCTestCase {
    func testEveryHiddenCharacterBecomesAnEscape() {
        let cases: [(String, String)] = [
            ("\u{1B}]0;t\u{07}", "\\x1b]0;t\\x07"), ("a\u{0}b\rc\u{7F}", "a\\x00b\\x0dc\\x7f"),
            ("\u{9B}31m\u{85}", "\\u{9b}31m\\u{85}"), ("\u{202E}abc\u{202C}", "\\u{202e}abc\\u{202c}"),
            ("\u{2066}x\u{2069}", "\\u{2066}x\\u{2069}"), ("王\u{200B}五\u{200D}\u{2060}\u{FEFF}", "王\\u{200b}五\\u{200d}\\u{2060}\\u{feff}"),
        ]
        for (stored, shown) in cases { XCTAssertEqual(Visible.text(stored), shown, stored.debugDescription) }
    }

    func testLayoutAndOrdinaryTextStay() {
        let text = "执行工作韧劲不足\n\tR5-001 “引号” 👍🏽 e\u{301}"
        XCTAssertEqual(Visible.text(text), text)
        // A second pass changes nothing: the escapes are plain text.
        XCTAssertEqual(Visible.text(Visible.text("\u{1B}[31m")), "\\x1b[31m")
    }

    func testATableCellIsEscapedBeforeItIsMeasured() {
        let column = TableColumn(key: "title", header: "title", numeric: false, exportOnly: false, wraps: false, flexible: false)
        let table = Table(kind: "t", columns: [column, column], cells: [[.text("a\u{1B}[31m"), .text("x")], [.text("bbbbbbbbbb"), .text("y")]])
        let rows = table.text().split(separator: "\n").dropFirst(2)
        // "a\x1b[31m" is nine columns wide as shown, so it is padded like any nine-column text.
        XCTAssertEqual(Array(rows), ["a\\x1b[31m   x", "bbbbbbbbbb  y"])
        // csv keeps the exact text.
        XCTAssertTrue(table.csv().contains("a\u{1B}[31m"))
    }
}
