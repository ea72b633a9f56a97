import Foundation
import XCTest
import XunchaCore
@testable import XunchaShell

/// The reports for leadership carry what the office did besides problems: the reports units owe
/// (双报告) among the warnings, the supervision checks (督查) and, in the workbook's summary, the
/// grades of the assessments (整改质效评估).
final class ReportSupervisionTests: XCTestCase {
    /// Round R5 of the harness fed back on 2024-05-10 (reports due 2024-07-10): FY sent its
    /// rectification report, not its secretary's own; a check was made, another after the
    /// report's day; FY was graded good.
    static func supervised() -> Harness {
        let h = Harness.ready()
        h.run("""
        clock 2024-07-01
        round report R5 FY --on 2024-07-01 --signed-by 李四
        check FY --round R5 --on 2024-06-20 --by 第一督查组 --compared report,ledger "台账与实际不符"
        assess R5 FY "整改基本到位" --grade good --by 评估组 --method documents
        clock 2024-07-20
        check FY --round R5 --on 2024-07-20 --by 第二督查组 "复查"
        """)
        return h
    }

    func html(_ h: Harness, _ flags: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("xuncha-report-\(UUID().uuidString).html").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        h.run("report html \(path) \(flags)")
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    func testTheHTMLReportWarnsOfReportsOwedAndListsTheChecks() throws {
        let h = Self.supervised()
        let page = try html(h, "--round R5 --as-of 2024-07-15")
        XCTAssertTrue(page.contains("<span class=\"chip red\" title=\"R5 secretary&#39;s report R5 secretary&#39;s report — due 2024-07-10\">R5 secretary&#39;s report · overdue 5d</span>"), page)
        XCTAssertFalse(page.contains("chip red\" title=\"R5 report"), "the rectification report was received")
        XCTAssertTrue(page.contains("Supervision checks"), page)
        XCTAssertTrue(page.contains("<tr><td class=\"id\">2024-06-20</td><td>舞阳县人民法院</td><td class=\"id\">R5</td><td>第一督查组</td><td>report, ledger</td><td>台账与实际不符</td></tr>"), page)
        XCTAssertFalse(page.contains("第二督查组"), "a check after the report's day is not in it")
        let later = try html(h, "--as-of 2024-07-25")
        XCTAssertTrue(later.contains("<td>第二督查组</td>"), later)

        h.session.language = .zh
        let zh = try html(h, "--round R5 --as-of 2024-07-15")
        XCTAssertTrue(zh.contains("R5书记报告 · 逾期 5 天</span>"), zh)
        XCTAssertTrue(zh.contains("<h2><span class=\"aside\">督查 1 次，涉及 1 个单位</span><span class=\"no\">七、</span>督查</h2>"), zh)
        XCTAssertTrue(zh.contains("<td>整改报告、问题台账</td>"), zh)
    }

    func testAPageWithoutChecksHasNoSuchSection() throws {
        let page = try html(Harness.ready(), "--as-of 2024-06-01")
        XCTAssertFalse(page.contains("Supervision checks"))
    }

    func testTheWorkbookSummaryCountsReportsChecksAndGrades() throws {
        let h = Self.supervised()
        let model = try ReportModel(h.session.ledger, round: nil, asOf: Day(year: 2024, month: 7, day: 15) ?? Day(ordinal: 0),
                                    user: "巡察办", lang: .en)
        let rows = ReportWorkbook.summary(model).rows
        XCTAssertTrue(rows.contains([.text("reports overdue (双报告)"), .count(1)]), "\(rows)")
        XCTAssertTrue(rows.contains([.text("red warnings (overdue)"), .count(1)]), "the report owed is a red warning: \(rows)")
        XCTAssertTrue(rows.contains([.text("supervision checks"), .count(1)]), "\(rows)")
        XCTAssertTrue(rows.contains([.text("units checked"), .count(1)]), "\(rows)")
        XCTAssertTrue(rows.contains([.text("grade: FY 舞阳县人民法院"), .text("good")]), "\(rows)")
    }
}
