import XCTest
import XunchaCore
@testable import XunchaShell

/// 督查 through the shell: a check is recorded with its 四对照, listed in `ledger checks`, and
/// an office finds the units it has not visited since a day.
final class CheckTests: XCTestCase {
    /// The harness's ledger with a second inspected unit, and the clock a month after feedback.
    static func checkable() -> Harness {
        let h = Harness.ready()
        h.run("""
        unit add WY "舞阳县教育局" --secretary 周九
        round target R5 WY
        clock 2024-06-25
        """)
        return h
    }

    func testACheckIsListedAndItsUnitDropsOutOfTheUncheckedOnes() {
        let h = Self.checkable()
        h.run("ledger units --not-checked-since 2024-06-01 --format csv")
        var units = (h.output.last ?? "").split(whereSeparator: \.isNewline).map(String.init)
        XCTAssertTrue(units.contains { $0.hasPrefix("FY,") } && units.contains { $0.hasPrefix("WY,") }, units.joined(separator: " | "))
        XCTAssertFalse(units.first?.contains("last checked") ?? true, "no column before any check")
        h.run("check FY --round R5 --on 2024-06-20 --by 第一督查组 --compared report,ledger,transfers,files \"台账与实际不符\"")
        XCTAssertEqual(h.output.last, "supervision check of R5 recorded for FY on 2024-06-20 by 第一督查组")
        h.run("ledger checks --format csv")
        let rows = (h.output.last ?? "").split(whereSeparator: \.isNewline).map(String.init)
        XCTAssertEqual(rows.dropFirst().first, "2024-06-20,FY,R5,第一督查组,\"report,ledger,transfers,files\",台账与实际不符,舞阳县人民法院")
        h.run("ledger units --not-checked-since 2024-06-01 --format csv")
        units = (h.output.last ?? "").split(whereSeparator: \.isNewline).map(String.init)
        XCTAssertFalse(units.contains { $0.hasPrefix("FY,") }, "FY was checked on 2024-06-20")
        XCTAssertTrue(units.contains { $0.hasPrefix("WY,") }, units.joined(separator: " | "))
        h.run("ledger units --not-checked-since 2024-06-21 --format csv")
        units = (h.output.last ?? "").split(whereSeparator: \.isNewline).map(String.init)
        XCTAssertTrue(units.contains { $0.hasPrefix("FY,") && $0.contains(",2024-06-20,") }, units.joined(separator: " | "))
        h.run("set lang zh")
        h.run("台账 督查")
        XCTAssertTrue(h.output.last?.contains("整改报告、问题台账、移交台账、整改档案") ?? false, h.output.last ?? "")
        h.run("督查 WY \"档案不全\" --对照 档案 --督查组 第二督查组")
        h.run("unit show WY")
        XCTAssertTrue(h.output.last?.contains("2024-06-25") ?? false, "dated today by default: \(h.output.last ?? "")")
        h.run("audit verify")
    }

    func testRefusalsNameTheArgument() {
        let h = Self.checkable()
        let late = h.fail("check FY \"x\" --on 2024-07-01")
        XCTAssertEqual(late?.position?.column, 19)
        let item = h.fail("check FY \"x\" --compared report,minutes")
        XCTAssertTrue(item?.message.en.contains("\"minutes\" is not a check item") ?? false, item?.message.en ?? "")
        h.run("unit add QT \"其他单位\"")
        let target = h.fail("check QT \"x\" --round R5")
        XCTAssertEqual(target?.message.en, "QT is not a unit inspected by R5")
        let kind = h.fail("ledger issues --not-checked-since 2024-01-01")
        XCTAssertTrue(kind?.message.en.contains("applies to ledger units") ?? false)
    }

    func testUndoAndTheExportedScriptGiveBackTheSameLedger() {
        let h = Self.checkable()
        let before = h.session.state.digest()
        h.run("check FY \"台账不全\" --round R5 --on 2024-06-20 --by 第一督查组 --compared report,files")
        let after = h.session.state.digest()
        XCTAssertNotEqual(after, before, "the digest covers checks")
        h.run("undo")
        XCTAssertEqual(h.session.state.digest(), before)
        h.run("check FY \"台账不全\" --round R5 --on 2024-06-20 --by 第一督查组 --compared report,files")
        var written = ""
        h.session.writeFile = { content, _, _ in if case .text(let text) = content { written = text } }
        h.run("export script all.xc")
        let copy = Harness()
        copy.files["all.xc"] = written
        copy.run("run all.xc")
        XCTAssertEqual(copy.session.state.digest(), after)
    }
}
