import XCTest
@testable import XunchaShell

/// A cell that starts with a carriage return is as dangerous in a spreadsheet as one that starts
/// with `=`: no command line can type one (the lexer refuses control characters), so the guard is
/// checked on the table itself, for text that reaches a table another way (an older store).
final class CSVGuardTests: XCTestCase {
    func testACellStartingWithCarriageReturnIsNeutralisedAndStaysInItsCell() {
        let column = TableColumn(key: "title", header: "title", numeric: false, exportOnly: false, wraps: false, flexible: false)
        let table = Table(kind: "t", columns: [column, column], cells: [[.text("\r=1+1"), .text("plain")], [.text("\rcmd|' /C calc'!A0"), .int(-3)]])
        XCTAssertEqual(table.csv(), "\u{FEFF}title,title\r\n\"'\r=1+1\",plain\r\n\"'\rcmd|' /C calc'!A0\",-3\r\n")
    }
}
