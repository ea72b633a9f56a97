import XCTest
import XunchaCore
@testable import XunchaShell

/// 整改质效评估 through the shell: the grade is recorded, shown in the ledgers and stats, and a
/// fair or poor grade sends the problems it names back for rectification.
final class AssessTests: XCTestCase {
    /// The harness's ledger with R5-001 closed and R5-002 reported: one of each that can be sent back.
    static func assessable() -> Harness {
        let h = Harness.ready()
        h.run("""
        issue report R5-001 "已整改" --evidence 清单.pdf --signed-by 李四
        issue verify R5-001 --pass --by 孙七 --method documents
        issue assign R5-002 --lead 王五 --owner 赵六 --dept 财务科
        issue report R5-002 "已清退" --evidence 清退凭证.pdf --signed-by 李四
        """)
        return h
    }

    func testAPoorGradeSendsItsProblemsBackAndIsCountedAsReturned() throws {
        let h = Self.assessable()
        h.run("assess R5 FY \"台账与实际不符\" --grade poor --by 评估组 --method documents,onsite --redo R5-001,R5-002")
        XCTAssertEqual(h.output.last, "FY assessed for R5: poor; returned for rectification: R5-001, R5-002")
        let closed = try XCTUnwrap(h.session.state.issues["R5-001"])
        XCTAssertEqual(closed.status, .rectifying)
        XCTAssertEqual(closed.reopened, 1, "a closed problem sent back is reopened")
        XCTAssertEqual(closed.returned, 1)
        XCTAssertNil(closed.closedOn)
        let reported = try XCTUnwrap(h.session.state.issues["R5-002"])
        XCTAssertEqual(reported.status, .rectifying)
        XCTAssertEqual(reported.returned, 1)
        XCTAssertEqual(reported.reopened, 0)
        XCTAssertEqual(reported.history.last?.action, "assessed")
        XCTAssertTrue(reported.history.last?.detail.contains("台账与实际不符") ?? false, "the finding is the reason")
        h.run("expect status R5-001 rectifying")
        h.run("expect rate --round R5 = 0.00%")
        h.run("audit verify")
    }

    func testTheGradeIsListedInTheLedgersAndStats() throws {
        let h = Self.assessable()
        h.run("ledger units --format csv")
        XCTAssertFalse(h.output.last?.contains("grade") ?? true, "no grade column before any assessment")
        h.run("expect grade R5 FY none")
        h.run("assess R5 FY \"整改基本到位\" --grade good --by 评估组 --method documents,survey")
        h.run("ledger assessments --format csv")
        let rows = (h.output.last ?? "").split(whereSeparator: \.isNewline).map(String.init)
        XCTAssertTrue(rows.first?.hasSuffix("on,round,unit,grade,by,methods,findings,redo,name") ?? false, rows.first ?? "")
        XCTAssertEqual(rows.dropFirst().first, "2024-05-10,R5,FY,good,评估组,\"documents,survey\",整改基本到位,,舞阳县人民法院")
        h.run("ledger units --format csv")
        let units = (h.output.last ?? "").split(whereSeparator: \.isNewline).map(String.init)
        let header = units.first?.split(separator: ",").map(String.init) ?? []
        let fy = units.first { $0.hasPrefix("FY,") }?.split(separator: ",", omittingEmptySubsequences: false).map(String.init) ?? []
        let column = try XCTUnwrap(header.firstIndex(of: "grade"))
        XCTAssertEqual(fy.indices.contains(column) ? fy[column] : nil, "good", units.joined(separator: " | "))
        h.run("stats --by unit --format csv")
        let stats = (h.output.last ?? "").split(whereSeparator: \.isNewline).map(String.init)
        XCTAssertTrue(stats.first?.hasSuffix(",grade") ?? false, stats.first ?? "")
        XCTAssertTrue(stats.contains { $0.hasPrefix("FY,") && $0.hasSuffix(",good") }, stats.joined(separator: " | "))
        h.run("expect grade R5 FY good")
        // A later assessment is the one shown.
        h.run("评估 R5 FY \"回访发现反弹\" --等次 一般 --评估组 评估组")
        h.run("预期 评估等次 R5 FY 一般")
        let stale = h.fail("expect grade R5 FY good")
        XCTAssertEqual(stale?.message.en, "expectation failed: FY's latest grade for R5 is fair, expected good")
        h.run("set lang zh")
        h.run("ledger units")
        XCTAssertTrue(h.output.last?.contains("一般") ?? false, h.output.last ?? "")
        h.run("unit show FY")
        XCTAssertTrue(h.output.last?.contains("整改评估") ?? false, h.output.last ?? "")
    }

    func testRefusalsNameTheArgument() {
        let h = Self.assessable()
        let good = h.fail("assess R5 FY \"好\" --grade good --redo R5-001")
        XCTAssertEqual(good?.position?.column, 38, "points at --redo's value")
        h.run("issue add R5 FY \"新问题\" --category conduct")
        let registered = h.fail("assess R5 FY \"差\" --grade poor --redo R5-003")
        XCTAssertTrue(registered?.message.en.contains("R5-003 is registered") ?? false, registered?.message.en ?? "")
        h.run("unit add QT \"其他单位\"")
        let target = h.fail("assess R5 QT \"差\" --grade poor")
        XCTAssertEqual(target?.message.en, "QT is not a unit inspected by R5")
        h.run("round open R6 \"第六轮\"")
        h.run("round target R6 FY")
        let early = h.fail("assess R6 FY \"差\" --grade poor")
        XCTAssertTrue(early?.message.en.contains("no feedback") ?? false, early?.message.en ?? "")
        let grade = h.fail("assess R5 FY \"差\" --grade bad")
        XCTAssertNotNil(grade)
    }

    func testUndoAndTheExportedScriptGiveBackTheSameLedger() throws {
        let h = Self.assessable()
        let before = h.session.state.digest()
        h.run("assess R5 FY \"差\" --grade poor --by 评估组 --redo R5-001")
        XCTAssertNotEqual(h.session.state.digest(), before, "the digest covers assessments")
        let after = h.session.state.digest()
        h.run("audit digest")
        let stored = h.output.last ?? ""
        h.run("expect digest \(stored)")
        h.run("undo")
        XCTAssertEqual(h.session.state.digest(), before)
        XCTAssertEqual(h.session.state.issues["R5-001"]?.status, .closed)
        h.run("assess R5 FY \"差\" --grade poor --by 评估组 --redo R5-001")
        XCTAssertEqual(h.session.state.digest(), after)
        var written = ""
        h.session.writeFile = { content, _, _ in if case .text(let text) = content { written = text } }
        h.run("export script all.xc")
        XCTAssertTrue(written.contains("assess \"R5\" \"FY\" \"差\" --grade poor --by \"评估组\" --redo \"R5-001\""), written)
        let copy = Harness()
        copy.files["all.xc"] = written
        copy.run("run all.xc")
        XCTAssertEqual(copy.session.state.digest(), after)
    }

    func testTheReportShowsTheLatestGradeOfEachUnit() {
        let h = Self.assessable()
        var page = ""
        h.session.writeFile = { content, _, _ in if case .text(let text) = content { page = text } }
        h.run("report html r.html --round R5")
        XCTAssertFalse(page.contains("Assessment of rectification"), "no section before any assessment")
        h.run("assess R5 FY \"<b>台账</b>不符\" --grade poor --by 评估组 --redo R5-001")
        h.run("assess R5 FY \"再整改到位\" --grade good --by 评估组")
        h.run("report html r.html --round R5 --force")
        XCTAssertTrue(page.contains("Assessment of rectification"), page)
        XCTAssertTrue(page.contains("<td>舞阳县人民法院</td><td><b>good</b></td>"), page)
        XCTAssertFalse(page.contains("<b>台账</b>"), "ledger text is escaped")
        h.run("set lang zh")
        h.run("report html r.html --round R5 --force")
        XCTAssertTrue(page.contains("整改质效评估") && page.contains("<b>较好</b>"), page)
    }
}
