import XCTest
import XunchaCore
@testable import XunchaShell

/// 巡察全覆盖 through the shell: which units the rounds inspected, the never-inspected first, and
/// the coverage rate units inspected ÷ units registered, over the ledger or since a day.
final class CoverageTests: XCTestCase {
    /// Four units: FY inspected by R5 (2024-03-01) and again by R7 (2025-03-01), WY by R3
    /// (2022-03-01) only, JY by R7, and QT never.
    static func office() -> Harness {
        let h = Harness.ready()
        h.run("""
        unit add WY "舞阳县教育局"
        unit add JY "舞阳县交通局"
        unit add QT "舞阳县气象局"
        round open R3 "第三轮" --from 2022-03-01
        round target R3 WY
        round open R7 "第七轮" --from 2025-03-01
        round target R7 FY
        round target R7 JY
        """)
        return h
    }

    func testTheLedgerListsTheNeverInspectedFirstAndTheRateSaysItsFormula() {
        let h = Self.office()
        h.run("ledger coverage --format csv")
        var rows = (h.output.last ?? "").split(whereSeparator: \.isNewline).map(String.init)
        XCTAssertEqual(Array(rows.prefix(6)), ["\u{FEFF}unit,name,inspected,rounds,last", "QT,舞阳县气象局,no,,", "FY,舞阳县人民法院,yes,\"R5, R7\",R7",
                                             "JY,舞阳县交通局,yes,R7,R7", "WY,舞阳县教育局,yes,R3,R3", ",,,,"])
        XCTAssertTrue(rows.contains { $0.hasPrefix("coverage 3/4 = 75.00% (units inspected ÷ units registered)") }, rows.joined(separator: " | "))
        h.run("ledger coverage --since 2024-01-01 --format csv")
        rows = (h.output.last ?? "").split(whereSeparator: \.isNewline).map(String.init)
        XCTAssertEqual(rows.dropFirst().prefix(2).map { String($0.prefix(3)) }, ["QT,", "WY,"], "WY was last inspected before 2024")
        h.run("expect coverage = 75.00%")
        h.run("expect coverage --since 2024-01-01 = 50.00%")
        h.run("expect coverage --since 2025-06-01 < 25.00%")
        let wrong = h.fail("expect coverage --since 2024-01-01 = 75.00%")
        XCTAssertEqual(wrong?.message.en, "expectation failed: coverage is 2/4 = 50.00%, expected = 75.00%")
    }

    func testStatsAddsTheCoverageOnlyWhenAsked() {
        let h = Self.office()
        h.run("stats")
        XCTAssertFalse(h.output.last?.contains("coverage") ?? true)
        h.run("stats --since 2024-01-01")
        XCTAssertTrue(h.output.last?.contains("coverage 2/4 = 50.00% (units inspected ÷ units registered) since 2024-01-01") ?? false,
                      h.output.last ?? "")
        h.run("set lang zh")
        h.run("统计 --覆盖率")
        XCTAssertTrue(h.output.last?.contains("覆盖率 3/4 = 75.00%（已巡察单位 ÷ 登记单位）") ?? false, h.output.last ?? "")
    }
}
