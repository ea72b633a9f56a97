import Foundation
import XCTest

/// Unit codes as offices write them (JM-TJ, FY.ZX); problem ids stay `<round>-<nnn>`.
final class UnitCodeTests: XCTestCase {
    func testHyphensAndDotsInsideAUnitCodeAreAccepted() throws {
        let dir = try Binary.scratch(for: self)
        let setup = "clock 2024-05-10\nunit add JM-TJ \"即墨区统计局\" --secretary 李四\nunit add FY.ZX 法院执行局\nround open R5 第五轮\n"
            + "round target R5 JM-TJ\nround feedback R5 --on 2024-05-10 --due +90d\nissue add R5 JM-TJ 统计数据不实 --category discipline\n"
        let r = try Binary.run(["--store", "s.db"], stdin: setup, in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        let ledger = try Binary.run(["--store", "s.db", "-c", "ledger --unit JM-TJ --format csv"], in: dir)
        XCTAssertEqual(ledger.status, 0, ledger.stderr)
        XCTAssertTrue(ledger.stdout.contains("R5-001,JM-TJ,"), ledger.stdout)
        let show = try Binary.run(["--store", "s.db", "-c", "unit show FY.ZX"], in: dir)
        XCTAssertEqual(show.status, 0, show.stderr)
    }

    func testACodeMayNotStartOrEndWithThemAndRoundCodesKeepTheirRule() throws {
        let dir = try Binary.scratch(for: self)
        for code in ["-JM", "JM-", ".FY", "FY.", "JM TJ", "JM/TJ"] {
            let r = try Binary.run(["--memory", "-c", "unit add \"\(code)\" 名称"], in: dir)
            XCTAssertEqual(r.status, 1, code)
            XCTAssertTrue(r.stderr.contains("with - or . allowed inside"), "\(code): \(r.stderr)")
        }
        let round = try Binary.run(["--memory", "-c", "round open R5-A 第五轮"], in: dir)
        XCTAssertEqual(round.status, 1)
        XCTAssertTrue(round.stderr.contains("must be 1–24 ASCII letters, digits or _"), round.stderr)
    }

    func testHelpUnitAddStatesTheRule() throws {
        let dir = try Binary.scratch(for: self)
        let en = try Binary.run(["-c", "help unit add"], in: dir)
        XCTAssertTrue(en.stdout.contains("with - or . allowed inside (not first or last)"), en.stdout)
        let zh = try Binary.run(["-c", "help unit add"], env: ["LANG": "zh_CN.UTF-8"], in: dir)
        XCTAssertTrue(zh.stdout.contains("中间（非首尾）可含 - 或 ."), zh.stdout)
    }
}
