import XCTest
import XunchaCore
@testable import XunchaShell

/// 双报告 through the shell: the two reports a unit owes on a round fall due `report.months`
/// after feedback, warn like problems while owed, and stop warning once received.
final class RoundReportTests: XCTestCase {
    func testReportsFallDueTwoMonthsAfterFeedbackAndWarnUntilReceived() {
        // Feedback on 2024-05-10: both reports of FY are due on 2024-07-10.
        let h = Harness.ready()
        h.run("expect report R5 FY none")
        h.run("clock 2024-06-25")
        h.run("expect report R5 FY green")
        h.run("clock 2024-07-01")
        h.run("expect report R5 FY yellow --principal")
        h.run("clock 2024-07-11")
        h.run("expect report R5 FY red")
        h.run("expect report R5 FY red --principal")
        h.run("warnings --format csv")
        XCTAssertTrue(h.output.last?.contains("R5 report(+1d)") ?? false, h.output.last ?? "")
        XCTAssertTrue(h.output.last?.contains("R5 secretary's report(+1d)") ?? false, h.output.last ?? "")
        h.run("ledger units --format csv")
        var units = (h.output.last ?? "").split(whereSeparator: \.isNewline).map(String.init)
        var header = units.first?.split(separator: ",").map(String.init) ?? []
        var fy = units.first { $0.hasPrefix("FY,") }?.split(separator: ",", omittingEmptySubsequences: false).map(String.init) ?? []
        var column = header.firstIndex(of: "reports overdue") ?? -1
        XCTAssertEqual(fy.indices.contains(column) ? fy[column] : nil, "2", units.joined(separator: " | "))

        h.run("round report R5 FY --on 2024-07-08 --signed-by 李四")
        XCTAssertEqual(h.output.last, "FY's rectification report on R5 received 2024-07-08, signed by 李四")
        h.run("expect report R5 FY none")
        h.run("expect report R5 FY red --principal")
        h.run("轮次 报告 R5 FY --签字 李四 --书记报告")
        h.run("expect report R5 FY none --principal")
        h.run("warnings")
        XCTAssertFalse(h.output.last?.contains("report") ?? true, h.output.last ?? "")
        h.run("ledger units --format csv")
        units = (h.output.last ?? "").split(whereSeparator: \.isNewline).map(String.init)
        header = units.first?.split(separator: ",").map(String.init) ?? []
        fy = units.first { $0.hasPrefix("FY,") }?.split(separator: ",", omittingEmptySubsequences: false).map(String.init) ?? []
        column = header.firstIndex(of: "reports overdue") ?? -1
        XCTAssertEqual(fy.indices.contains(column) ? fy[column] : nil, "0")
        h.run("audit verify")
    }

    func testTheSettingMovesTheDeadlineOfLaterFeedbackOnly() {
        let h = Harness.ready()
        h.run("""
        set report.months 1
        unit add WY "舞阳县教育局" --secretary 周九
        round open R6 "第六轮" --kind regular
        round target R6 WY
        round feedback R6 --on 2024-05-10
        clock 2024-06-25
        """)
        h.run("expect report R6 WY red")
        h.run("expect report R5 FY green")
    }

    func testRefusalsNameTheArgument() {
        let h = Harness.ready()
        let signer = h.fail("round report R5 FY --signed-by 王五")
        XCTAssertEqual(signer?.message.en, "the report must be signed by the unit's secretary 李四, not 王五")
        let early = h.fail("round report R5 FY --on 2024-05-01 --signed-by 李四")
        XCTAssertTrue(early?.message.en.contains("before the feedback meeting") ?? false, early?.message.en ?? "")
        h.run("round report R5 FY --signed-by 李四")
        let twice = h.fail("round report R5 FY --signed-by 李四")
        XCTAssertTrue(twice?.message.en.contains("already received on 2024-05-10") ?? false, twice?.message.en ?? "")
        let expectation = h.fail("expect report R5 FY red --principal")
        XCTAssertTrue(expectation?.message.en.contains("expected red") ?? false, expectation?.message.en ?? "")
    }

    func testUndoAndTheExportedScriptGiveBackTheSameLedger() {
        let h = Harness.ready()
        let before = h.session.state.digest()
        h.run("round report R5 FY --signed-by 李四 --principal")
        let after = h.session.state.digest()
        XCTAssertNotEqual(after, before)
        h.run("undo")
        XCTAssertEqual(h.session.state.digest(), before)
        h.run("round report R5 FY --signed-by 李四 --principal")
        var written = ""
        h.session.writeFile = { content, _, _ in if case .text(let text) = content { written = text } }
        h.run("export script all.xc")
        let copy = Harness()
        copy.files["all.xc"] = written
        copy.run("run all.xc")
        XCTAssertEqual(copy.session.state.digest(), after)
    }
}

extension RoundReportTests {
    /// Feedback recorded without a report deadline (as before deadlines were kept) exports as
    /// such, so the script rebuilds the same ledger.
    func testFeedbackWithoutADeadlineStaysWithoutOneThroughTheExportedScript() {
        let h = Harness()
        h.run("""
        unit add FY "舞阳县人民法院" --secretary 李四
        round open R5 "第五轮专项巡察" --kind special --from 2024-03-01
        round target R5 FY
        round feedback R5 --on 2024-03-10 --no-report-deadline
        """)
        h.run("expect report R5 FY none")
        var written = ""
        h.session.writeFile = { content, _, _ in if case .text(let text) = content { written = text } }
        h.run("export script all.xc")
        XCTAssertTrue(written.contains("round feedback \"R5\" --on 2024-03-10 --no-report-deadline"), written)
        let copy = Harness()
        copy.files["all.xc"] = written
        copy.run("run all.xc")
        XCTAssertEqual(copy.session.state.digest(), h.session.state.digest())
    }
}
