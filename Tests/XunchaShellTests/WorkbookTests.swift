import XCTest
import XunchaCore
@testable import XunchaShell

/// How a table becomes the typed cells of a workbook sheet, and how the commands that write
/// workbooks behave when there is no file to write or nothing may be written.
final class WorkbookTests: XCTestCase {
    func testFormulaLikeTitlesStayTextAndNumbersDatesAndRatesAreTyped() throws {
        let h = Harness()
        h.run(Harness.setup)
        for title in LedgerFormatTests.hostile { h.run("issue add R5 FY \(ScriptWriter.quote(title)) --category conduct") }
        h.run("clock 2024-08-20")
        let issues = Ledgers.issues(try h.session.ledger.issues(matching: IssueFilter(), today: h.session.today, lists: .omitted),
                                    try h.session.ledger.currentPolicy(), sort: "id", h.session.today, .en)
        let sheet = WorkbookSheet(issues, name: "Problems", title: "t")
        let title = try XCTUnwrap(issues.keys.firstIndex(of: "title"))
        for (n, hostile) in LedgerFormatTests.hostile.enumerated() {
            XCTAssertEqual(sheet.rows[n + 2][title], .text(hostile), "a title is a string cell holding what was typed")
        }
        let due = try XCTUnwrap(issues.keys.firstIndex(of: "due")), overdue = try XCTUnwrap(issues.keys.firstIndex(of: "days_overdue"))
        XCTAssertEqual(sheet.rows[0][due], .date(try XCTUnwrap(Day(iso: "2024-08-08"))))
        XCTAssertEqual(sheet.rows[0][overdue], .count(12), "R5-001 is 12 days overdue on 2024-08-20")
        XCTAssertEqual(sheet.shades[0], .red)

        let units = GroupLedgers.units(try h.session.ledger.unitLedger(matching: IssueFilter(), today: h.session.today),
                                       try h.session.ledger.currentPolicy(), sort: "id", .zh)
        let unitSheet = WorkbookSheet(units, name: "单位台账", title: "t")
        let rate = try XCTUnwrap(units.keys.firstIndex(of: "rate"))
        XCTAssertEqual(unitSheet.rows[0][rate], .rate(0))
        XCTAssertEqual(unitSheet.headers, units.headers)
        XCTAssertEqual(unitSheet.notes, units.footer)
    }

    func testACellWhoseTextIsNotItsValueKeepsItsText() {
        XCTAssertEqual(WorkbookSheet.cell(Cell("—", .null), key: "rate"), .text("—"))
        XCTAssertEqual(WorkbookSheet.cell(Cell("", .int(0)), key: "days_overdue"), .blank)
        XCTAssertEqual(WorkbookSheet.cell(Cell("1,5", .int(15)), key: "issues"), .text("1,5"))
        XCTAssertEqual(WorkbookSheet.cell(Cell("22000", .int(22000)), key: "recovered"), .yuan(22000))
        XCTAssertEqual(WorkbookSheet.cell(Cell("2024-02-30", .string("2024-02-30")), key: "due"), .text("2024-02-30"))
        XCTAssertEqual(WorkbookSheet.cell(Cell("2024-05-10", .string("2024-05-10")), key: "title"), .text("2024-05-10"))
        XCTAssertEqual(WorkbookSheet.cell(Cell("90.56%", .hundredths(9056)), key: "rate"), .rate(9056))
    }

    func testAWorkbookNeedsAFileAndIsWrittenAsBytes() throws {
        let h = Harness.ready()
        var written: [(FileContent, String)] = []
        h.session.writeFile = { content, path, _ in written.append((content, path)) }
        let error = try XCTUnwrap(h.fail("ledger --format xlsx"))
        XCTAssertEqual(error.position?.column, 17, "the error points at the word xlsx")
        XCTAssertTrue(error.hint?.en.contains("--out") ?? false)
        XCTAssertTrue(written.isEmpty)
        h.run("ledger units --out 单位.xlsx")
        h.run("report xlsx r.xlsx --round R5")
        XCTAssertEqual(written.map(\.1), ["单位.xlsx", "r.xlsx"])
        for (content, path) in written {
            guard case .bytes(let bytes) = content else { return XCTFail("\(path) is not a workbook") }
            XCTAssertEqual(Array(bytes.prefix(2)), Array("PK".utf8), "\(path) is a zip container")
        }
    }
}
