import XCTest
import XunchaCore
@testable import XunchaShell

/// `expect fail "reason" COMMAND`: the line holds only when the command is refused with a
/// message that says the reason, so a script refused for another cause fails.
final class ExpectFailReasonTests: XCTestCase {
    /// R5-001 reported, so that 王五 (its lead) verifying it is refused for the separation of duties.
    func reported(_ language: Language = .en) -> Harness {
        let h = Harness(language: language)
        h.run(Harness.setup)
        h.run("issue report R5-001 \"已整改\" --evidence 清单.pdf --signed-by 李四")
        return h
    }

    func testTheRightReasonHolds() {
        let h = reported()
        h.run("expect fail \"may not verify it\" issue verify R5-001 --pass --by 王五")
        h.run("expect fail '王五 is responsible for R5-001' issue verify R5-001 --pass --by 王五")
        XCTAssertEqual(h.session.state.issues["R5-001"]?.status, .reported, "the rehearsed command changed nothing")
    }

    func testAnotherReasonFailsNamingWhatTheRefusalSaid() {
        let h = reported()
        let e = h.fail("expect fail \"is closed\" issue verify R5-001 --pass --by 王五")
        XCTAssertEqual(e?.message.en, "expectation failed: refused, but with \"王五 is responsible for R5-001 and may not verify it\", which does not contain \"is closed\"")
        XCTAssertEqual(e?.position, SourcePosition(line: 1, column: 13), "at the reason")
        XCTAssertEqual(h.session.state.issues["R5-001"]?.status, .reported)
    }

    func testTheFailureSpeaksTheSessionsLanguage() {
        let h = reported(.zh)
        let e = h.fail("expect fail \"已销号\" issue verify R5-001 --pass --by 王五")
        guard let e else { return }
        XCTAssertEqual(e.render(file: "t.xc", language: .zh),
                       "t.xc:1:13: 错误：预期不成立：命令被拒绝，但拒绝信息“王五 是 R5-001 的责任人，不能验收本问题”不含“已销号”")
    }

    /// A file written in Chinese plays the same for a trainer whose terminal speaks English.
    func testAReasonInTheOtherLanguageHolds() {
        reported(.en).run("expect fail \"不能验收本问题\" issue verify R5-001 --pass --by 王五")
        reported(.zh).run("expect fail \"may not verify it\" issue verify R5-001 --pass --by 王五")
        XCTAssertNotNil(reported(.en).fail("expect fail \"不能撤销\" issue verify R5-001 --pass --by 王五"))
    }

    /// Chinese quotes and 「」 group a reason as well as ASCII ones do.
    func testEveryQuoteMarksAReason() {
        let h = reported(.zh)
        h.run("expect fail “不能验收本问题” issue verify R5-001 --pass --by 王五")
        h.run("expect fail 「的责任人」 issue verify R5-001 --pass --by 王五")
        XCTAssertNotNil(h.fail("expect fail 「已撤销」 issue verify R5-001 --pass --by 王五"))
    }

    func testWithoutAReasonAnyRefusalHolds() {
        let h = reported()
        h.run("expect fail issue verify R5-001 --pass --by 王五")
        h.run("expect fail issue verify R5-002 --pass --by 孙七")
    }

    func testAnAcceptedCommandStillFailsTheLine() {
        let h = reported()
        let e = h.fail("expect fail \"may not verify it\" issue progress R5-001 ok")
        XCTAssertEqual(e?.message.en, "expectation failed: expected this command to be refused, but it was accepted")
        XCTAssertEqual(h.session.state.issues["R5-001"]?.progress.count, 0)
    }

    func testAReasonNeedsWordsAndACommand() {
        let h = reported()
        let empty = h.fail("expect fail \"  \" issue verify R5-001 --pass --by 王五")
        XCTAssertEqual(empty?.message.en, "the reason of expect fail is empty: quote words its refusal must contain")
        XCTAssertEqual(empty?.position?.column, 13)
        let alone = h.fail("expect fail \"is closed\"")
        XCTAssertEqual(alone?.message.en, "expect fail needs a well-formed command after its quoted reason \"is closed\"")
        // A reason does not excuse a typo in the command after it.
        let typo = h.fail("expect fail \"is closed\" issue verfy R5-001 --pass")
        XCTAssertEqual(typo?.message.en.hasPrefix("expect fail needs a well-formed command with valid values: unknown subcommand \"verfy\""), true)
    }

    /// Inside a command file the line fails at its place, and the file is all or nothing.
    func testInAFileTheWrongReasonStopsTheFile() {
        let h = reported()
        h.files["r.xc"] = "issue progress R5-002 第一步\nexpect fail \"is closed\" issue verify R5-001 --pass --by 王五\n"
        let e = h.fail("run r.xc")
        XCTAssertEqual(e?.position, SourcePosition(line: 2, column: 13))
        XCTAssertEqual(h.session.state.issues["R5-002"]?.progress.count, 0, "nothing of the file was applied")
    }

    func testHelpShowsTheReason() {
        let h = Harness()
        h.run("help expect fail")
        let text = h.output.joined(separator: "\n")
        XCTAssertTrue(text.contains("example: expect fail \"is closed\" issue verify R5-001"), text)
        XCTAssertTrue(text.contains("a quoted text before it is a reason its refusal must contain"), text)
    }

    func testCompletionGoesOnAfterTheReason() {
        let h = reported()
        let c = Completer(ledger: h.journal)
        XCTAssertEqual(c.complete("expect fail \"is closed\" issue ver").candidates, ["verify"])
        XCTAssertEqual(c.complete("expect fail \"is closed\" issue verify R5-00").candidates, ["R5-001"])
    }
}
