import XCTest
import XunchaCore
@testable import XunchaShell

final class DateParserTests: XCTestCase {
    let base = Day(year: 2024, month: 5, day: 10) ?? Day(ordinal: 0)

    func day(_ s: String) -> String? {
        if case .success(let d) = DateParser.parse(s, base: base) { return d.iso }
        return nil
    }

    func message(_ s: String) -> String? {
        if case .failure(let e) = DateParser.parse(s, base: base) { return e.message.en }
        return nil
    }

    func testAbsoluteForms() {
        XCTAssertEqual(day("2024-06-30"), "2024-06-30")
        XCTAssertEqual(day("2024-6-3"), "2024-06-03")
        XCTAssertEqual(day("2024/6/30"), "2024-06-30")
        XCTAssertEqual(day("2024.6.30"), "2024-06-30")
        XCTAssertEqual(day("2024年6月30日"), "2024-06-30")
        XCTAssertEqual(day("2024年6月30"), "2024-06-30")
        XCTAssertEqual(day("2024年12月1号"), "2024-12-01")
    }

    func testWordsAndOffsets() {
        XCTAssertEqual(day("today"), "2024-05-10")
        XCTAssertEqual(day("TODAY"), "2024-05-10")
        XCTAssertEqual(day("今天"), "2024-05-10")
        XCTAssertEqual(day("tomorrow"), "2024-05-11")
        XCTAssertEqual(day("昨天"), "2024-05-09")
        XCTAssertEqual(day("+30d"), "2024-06-09")
        XCTAssertEqual(day("-1w"), "2024-05-03")
        XCTAssertEqual(day("+3m"), "2024-08-10")
        XCTAssertEqual(day("+1y"), "2025-05-10")
        XCTAssertEqual(day("+30天"), "2024-06-09")
        XCTAssertEqual(day("+2周"), "2024-05-24")
        XCTAssertEqual(day("+3个月"), "2024-08-10")
        XCTAssertEqual(day("+0d"), "2024-05-10")
    }

    func testImpossibleDatesSayWhy() {
        XCTAssertEqual(message("2024-02-30")?.contains("has 29 days"), true)
        XCTAssertEqual(message("2023-02-29")?.contains("has 28 days"), true)
        XCTAssertEqual(message("2024-13-01")?.contains("no month 13"), true)
        XCTAssertEqual(message("2024-00-10")?.contains("no month 0"), true)
        XCTAssertEqual(message("2024-04-31")?.contains("has 30 days"), true)
    }

    func testGarbageIsRefused() {
        for s in ["", "next week", "2024", "24-6-30", "2024-06", "2024-06-30-1", "+d", "+99999999d", "+3x", "2024年6月", "２０２４-06-30", "-"] {
            XCTAssertNil(day(s), s)
        }
    }

    func testDayCounts() {
        func days(_ s: String) -> Int? { if case .success(let n) = DateParser.days(s) { return n }; return nil }
        XCTAssertEqual(days("10"), 10)
        XCTAssertEqual(days("10d"), 10)
        XCTAssertEqual(days("2w"), 14)
        XCTAssertEqual(days("10天"), 10)
        XCTAssertNil(days("soon"))
        XCTAssertNil(days("-5"))
    }
}
