import XCTest
import XunchaCore
@testable import XunchaShell

final class SessionTests: XCTestCase {
    func testDomainErrorPointsAtTheArgument() {
        let h = Harness.ready()
        let e = h.fail("issue assign R5-999 --lead a --owner b --dept c")
        XCTAssertEqual(e?.position?.column, 14)
        XCTAssertEqual(e?.message.en, "no issue R5-999 in round R5")
        h.run("issue report R5-001 \"已整改\" --evidence a.pdf --signed-by 李四")
        let sep = h.fail("issue verify R5-001 --pass --by 王五 --method documents")
        XCTAssertEqual(sep?.position?.column, 33, "points at the value of --by")
        let date = h.fail("issue add R5 FY t --category conduct --due 2024-02-30")
        XCTAssertEqual(date?.position?.column, 44)
        XCTAssertTrue(date?.message.en.contains("has 29 days") ?? false)
    }

    func testVocabularyErrorsListTheChoices() {
        let h = Harness.ready()
        let e = h.fail("issue add R5 FY t --category conduc")
        XCTAssertTrue(e?.message.en.contains("did you mean conduct") ?? false, e?.message.en ?? "")
        XCTAssertTrue(e?.hint?.zh.contains("作风建设") ?? false)
    }

    func testMessagesFollowTheLanguage() {
        let h = Harness.ready()
        h.run("set lang zh")
        let e = h.fail("issue show R5-999")
        XCTAssertEqual(e?.render(file: "f.xc", language: h.session.language), "f.xc:1:12: 错误：轮次 R5 中没有问题 R5-999")
        h.run("issue progress R5-001 进展")
        XCTAssertEqual(h.output.last, "已记录 R5-001 的进展")
    }

    func testFileIsOneTransaction() throws {
        let h = Harness.ready()
        let before = h.session.state.digest()
        let count = try h.journal.entries(after: 0).count
        h.files["f.xc"] = """
        issue progress R5-001 "one"
        issue add R5 FY "新问题" --category conduct
        issue show R5-404
        issue progress R5-001 "never"
        """
        XCTAssertThrowsError(try h.session.run(file: "f.xc")) { e in
            XCTAssertEqual((e as? ShellError)?.render(file: "f.xc", language: .en), "f.xc:3:12: error: no issue R5-404 in round R5")
        }
        XCTAssertEqual(h.session.state.digest(), before)
        XCTAssertEqual(try h.journal.entries(after: 0).count, count, "nothing of the file reached the journal")
        XCTAssertNil(h.session.state.issues["R5-003"])
    }

    func testKeepGoingAppliesTheGoodOnesAndReportsEveryBadOne() throws {
        let h = Harness.ready()
        h.files["f.xc"] = "issue progress R5-001 one\nissue show R5-404\nissue add R5 FY x --category conduct\nbogus\n"
        let result = try h.session.run(file: "f.xc", keepGoing: true)
        XCTAssertEqual(result, RunResult(commands: 4, errors: 2, refusedLines: [2, 4], registered: 1))
        XCTAssertEqual(h.errors.count, 2)
        XCTAssertTrue(h.errors[0].hasPrefix("f.xc:2:12: error:"))
        XCTAssertTrue(h.errors[1].hasPrefix("f.xc:4:1: error: unknown command"))
        XCTAssertNotNil(h.session.state.issues["R5-003"])
    }

    func testCheckWritesNothingAndReportsAll() throws {
        let h = Harness.ready()
        let before = h.session.state.digest()
        let rows = try h.journal.entries(after: 0).count
        h.files["f.xc"] = "issue add R5 FY x --category conduct\nissue assign R5-003 --lead a --owner b --dept c\nissue show R5-404\n"
        let result = try h.session.run(file: "f.xc", check: true)
        XCTAssertEqual(result.errors, 1, "R5-003 exists within the check, so only R5-404 is wrong")
        XCTAssertEqual(h.session.state.digest(), before)
        XCTAssertEqual(try h.journal.entries(after: 0).count, rows)
    }

    func testInvalidUTF8NamesLineAndColumn() {
        let h = Harness.ready()
        XCTAssertThrowsError(try Script.lines(Array("ledger\n问题".utf8) + [0xFF, 0x41])) { e in
            XCTAssertEqual((e as? ShellError)?.position, SourcePosition(line: 2, column: 3))
        }
        _ = h
    }

    func testExpectations() {
        let h = Harness.ready()
        h.run("expect status R5-001 rectifying\nexpect count --round R5 = 2\nexpect count --status registered >= 1\nexpect rate = 0.00%")
        h.run("expect warning R5-001 none\nclock 2024-07-30\nexpect warning R5-001 yellow\nclock +20d\nexpect warning R5-001 red")
        XCTAssertTrue(h.fail("expect status R5-001 closed")?.message.en.contains("is rectifying, expected closed") ?? false)
        XCTAssertTrue(h.fail("expect count = 5")?.message.en.contains("count is 2") ?? false)
        XCTAssertTrue(h.fail("expect rate = 50%")?.message.en.contains("0/2 = 0.00%") ?? false)
        h.run("expect fail issue verify R5-001 --pass --by 孙七")
        XCTAssertTrue(h.fail("expect fail issue progress R5-001 ok")?.message.en.contains("accepted") ?? false)
        XCTAssertEqual(h.session.state.issues["R5-001"]?.progress.count, 0, "expect fail never applies the command")
    }

    func testUndoRevertsOwnLastCommandAndKeepsTheJournal() throws {
        let h = Harness.ready()
        let before = h.session.state.digest()
        h.run("issue add R5 FY \"误登\" --category conduct")
        XCTAssertNotNil(h.session.state.issues["R5-003"])
        h.run("undo")
        XCTAssertTrue(h.output.last?.contains("issue add") ?? false)
        XCTAssertEqual(h.session.state.digest(), before)
        XCTAssertEqual(try h.journal.entries(after: 0).suffix(2).map(\.event.type), ["issueAdded.v1", "undone.v1"])
        h.run("issue add R5 FY \"重新登记\" --category conduct")
        XCTAssertEqual(h.session.state.issues["R5-003"]?.title, "重新登记")
    }

    func testUndoRefusedWhenSomethingLaterDependsOnIt() throws {
        let h = Harness.ready()
        let other = Session(store: h.journal, user: "other", language: .en, realToday: { Day(ordinal: 19_853) }, out: { _ in }, err: { _ in })
        h.run("issue progress R5-001 mine")
        try other.execute("issue progress R5-001 theirs")
        XCTAssertTrue(h.fail("undo")?.message.en.contains("depends on it") ?? false)
    }

    func testExportScriptRebuildsTheSameDigestEvenWithHostileText() throws {
        let h = Harness.ready()
        h.run(#"issue progress R5-001 "第一行\nissue withdraw R5-001 \"注入\"\n# 不是注释 \\ 结尾""#)
        h.run(#"issue add R5 FY "=cmd|' /C calc'!A0 \"引号\" 「括号」" --category conduct --requirement "--pass""#)
        h.run("clock 2024-06-01\nuser 孙七\nissue report R5-001 ok --evidence a --evidence \"b c\" --signed-by 李四")
        h.run("issue verify R5-001 --fail --by 孙七 --method onsite \"退回\"\nissue add R5 FY 临时 --category conduct\nundo")
        h.run("transfer add R5-002 --to discipline 线索\ntransfer conclude T-0001 --sanctions 1 --recovered 5\nset verify.methods 2")
        h.run("urge FY --kind talk 约谈 --issue R5-001\nround team R5 组 --leader 张三")
        let script = try ScriptWriter.script(h.journal.entries(after: 0), exportedOn: Day(ordinal: 0), from: "test")
        let copy = Harness()
        copy.files["e.xc"] = script
        XCTAssertNoThrow(try copy.session.run(file: "e.xc"), script)
        XCTAssertEqual(copy.session.state.digest(), h.session.state.digest())
        XCTAssertEqual(copy.session.state.issues["R5-001"]?.status, .rectifying, "the embedded withdraw stayed text")
    }

    func testOverdueFollowsTheSimulatedClock() {
        let h = Harness.ready()
        h.run("clock 2024-08-08\nexpect count --overdue = 0\nclock +1d\nexpect count --overdue = 2")
        h.output = []
        h.run("ledger --overdue --format csv")
        let csv = h.output.joined(separator: "\n")
        XCTAssertTrue(csv.hasPrefix("\u{FEFF}id,unit,"), csv)
        XCTAssertTrue(csv.contains("R5-001,FY,执行工作韧劲不足"), csv)
        XCTAssertTrue(csv.contains("R5-002"), csv)
    }
}

final class CheckModeTests: XCTestCase {
    func testCheckWritesNoFiles() throws {
        let h = Harness.ready()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xuncha-check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("l.csv").path, exp = dir.appendingPathComponent("e.xc").path
        h.files["f.xc"] = "ledger --out \(out)\nexport script \(exp)\n"
        let result = try h.session.run(file: "f.xc", check: true)
        XCTAssertEqual(result.errors, 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
        XCTAssertFalse(FileManager.default.fileExists(atPath: exp))
    }

    func testUnknownCodesInExpectationsAreErrors() {
        let h = Harness.ready()
        XCTAssertEqual(h.fail("expect count --unit XX = 0")?.message.en, "no unit XX")
        XCTAssertEqual(h.fail("expect rate --round R9 = 0%")?.message.en, "no round R9")
    }
}
