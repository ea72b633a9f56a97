import XCTest
@testable import XunchaCore

final class DerivedTests: XCTestCase {
    func testOverdueAndWarningFollowTheDay() throws {
        var l = try Ledger.withIssue()
        try l.assign()
        guard let issue = l.issue(), let due = issue.due else { return XCTFail("no issue") }
        let p = l.state.policy
        XCTAssertNil(issue.warning(on: due.adding(days: -21), policy: p))
        XCTAssertEqual(issue.warning(on: due.adding(days: -20), policy: p), .green)
        XCTAssertEqual(issue.warning(on: due.adding(days: -11), policy: p), .green)
        XCTAssertEqual(issue.warning(on: due.adding(days: -10), policy: p), .yellow)
        XCTAssertEqual(issue.warning(on: due, policy: p), .yellow, "due today is not yet overdue")
        XCTAssertFalse(issue.isOverdue(on: due))
        XCTAssertEqual(issue.warning(on: due.adding(days: 1), policy: p), .red)
        XCTAssertTrue(issue.isOverdue(on: due.adding(days: 1)))
        XCTAssertEqual(issue.daysOverdue(on: due.adding(days: 5)), 5)
    }

    func testClosedIsNeverOverdue() throws {
        var l = try Ledger.withIssue()
        try l.assign()
        try l.report()
        try l.run(.verify(id: "R5-001", verdict: .pass, by: "孙七", methods: [.documents], note: nil))
        guard let issue = l.issue(), let due = issue.due else { return XCTFail("no issue") }
        XCTAssertFalse(issue.isOverdue(on: due.adding(days: 100)))
        XCTAssertNil(issue.warning(on: due.adding(days: 100), policy: l.state.policy))
    }

    func testRateFormulaAndRounding() {
        XCTAssertEqual(Rate(closed: 1822, all: 2012).percent, "90.56%")
        XCTAssertEqual(Rate(closed: 688, all: 697).percent, "98.71%")
        XCTAssertEqual(Rate(closed: 39, all: 40).percent, "97.50%")
        XCTAssertEqual(Rate(closed: 2, all: 3).percent, "66.67%")
        XCTAssertEqual(Rate(closed: 1, all: 8).percent, "12.50%")
        XCTAssertEqual(Rate(closed: 0, all: 0).percent, "—")
        XCTAssertEqual(Rate(closed: 9, all: 12, withdrawn: 2).fraction, "9/10 = 90.00%")
        XCTAssertEqual(Rate(closed: 1822, all: 2012).line(.zh), "整改率 1822/2012 = 90.56%（已销号 ÷ (总数 − 撤销)）")
    }

    func testFilterCombination() throws {
        var l = try Ledger.withIssue()
        try l.run(.addIssue(round: "R5", unit: "FY", title: "two", category: .conduct, source: .letter, mode: .immediate, due: l.today.adding(days: 5), requirement: nil))
        try l.assign()
        var f = IssueFilter()
        f.category = .conduct
        XCTAssertEqual(l.state.issues(matching: f, today: l.today).map(\.id), ["R5-002"])
        f.statuses = [.rectifying]
        XCTAssertEqual(l.state.issues(matching: f, today: l.today).map(\.id), [])
        f = IssueFilter()
        f.lead = "王五"
        XCTAssertEqual(l.state.issues(matching: f, today: l.today).map(\.id), ["R5-001"])
        f = IssueFilter()
        f.dueWithin = 10
        XCTAssertEqual(l.state.issues(matching: f, today: l.today).map(\.id), ["R5-002"])
        f = IssueFilter()
        f.overdue = true
        XCTAssertEqual(l.state.issues(matching: f, today: l.today.adding(days: 6)).map(\.id), ["R5-002"])
    }

    func testDayCalendar() {
        XCTAssertNil(Day(year: 2024, month: 2, day: 30))
        XCTAssertNotNil(Day(year: 2024, month: 2, day: 29))
        XCTAssertNil(Day(year: 2023, month: 2, day: 29))
        XCTAssertNil(Day(year: 2024, month: 13, day: 1))
        XCTAssertEqual(Day(year: 1970, month: 1, day: 1)?.ordinal, 0)
        XCTAssertEqual(Day(year: 2024, month: 1, day: 31)?.adding(months: 1).iso, "2024-02-29")
        XCTAssertEqual(Day(year: 2024, month: 12, day: 31)?.adding(days: 1).iso, "2025-01-01")
        for ordinal in stride(from: -1000, to: 40000, by: 37) {
            let d = Day(ordinal: ordinal)
            XCTAssertEqual(Day(iso: d.iso), d)
        }
    }

    func testIssueIdOrdering() {
        XCTAssertTrue(IssueID.less("R5-009", "R5-010"))
        XCTAssertTrue(IssueID.less("R5-999", "R5-1000"))
        XCTAssertTrue(IssueID.less("R10-001", "R5-001") == ("R10" < "R5"))
    }
}
