import XCTest
@testable import XunchaCore

final class LifecycleTests: XCTestCase {
    func testHappyPathRegisteredToClosed() throws {
        var l = try Ledger.withIssue()
        XCTAssertEqual(l.issue()?.status, .registered)
        XCTAssertEqual(l.issue()?.due, l.today.adding(days: 90), "takes the round's feedback deadline")
        try l.assign()
        XCTAssertEqual(l.issue()?.status, .rectifying)
        try l.report()
        XCTAssertEqual(l.issue()?.status, .reported)
        try l.run(.verify(id: "R5-001", verdict: .pass, by: "孙七", methods: [.documents], note: nil))
        XCTAssertEqual(l.issue()?.status, .closed)
        XCTAssertEqual(l.issue()?.closedOn, l.today)
        XCTAssertEqual(l.issue()?.history.map(\.action), ["added", "assigned", "reported", "verified"])
    }

    func testIdsAreSequentialPerRoundAndTransfersGlobal() throws {
        var l = try Ledger.withIssue()
        let e = try l.run(.addIssue(round: "R5", unit: "FY", title: "第二个问题", category: .conduct, source: .letter, mode: .immediate, due: nil, requirement: nil))
        guard case .issueAdded(let p) = e else { return XCTFail("wrong event") }
        XCTAssertEqual(p.id, "R5-002")
        try l.run(.addTransfer(issue: "R5-001", to: .discipline, summary: "线索一"))
        let t = try l.run(.addTransfer(issue: "R5-002", to: .organization, summary: "线索二"))
        guard case .transferAdded(let tp) = t else { return XCTFail("wrong event") }
        XCTAssertEqual(tp.id, "T-0002")
    }

    func testCannotVerifyBeforeReported() throws {
        var l = try Ledger.withIssue()
        l.refuse(.verify(id: "R5-001", verdict: .pass, by: "孙七", methods: [.documents], note: nil), "before it is reported")
        try l.assign()
        l.refuse(.verify(id: "R5-001", verdict: .pass, by: "孙七", methods: [.documents], note: nil), "before it is reported")
    }

    func testCannotReportBeforeAssigned() throws {
        var l = try Ledger.withIssue()
        l.refuse(.report(id: "R5-001", text: "x", evidence: ["a"], signedBy: "李四"), "not assigned")
    }

    func testVerifierMustNotBeResponsible() throws {
        var l = try Ledger.withIssue()
        try l.assign()
        try l.report()
        for person in ["王五", "赵六", "钱八"] {
            l.refuse(.verify(id: "R5-001", verdict: .pass, by: person, methods: [.documents], note: nil), "may not verify", field: "by")
        }
        l.actor = "王五"
        l.refuse(.verify(id: "R5-001", verdict: .pass, by: nil, methods: [.documents], note: nil), "may not verify")
    }

    func testPolicyMinimumMethods() throws {
        var l = try Ledger.withIssue()
        try l.assign()
        try l.report()
        try l.run(.setPolicy(key: "verify.methods", value: 3))
        l.refuse(.verify(id: "R5-001", verdict: .pass, by: "孙七", methods: [.documents, .onsite], note: nil), "needs 3", field: "method")
        l.refuse(.verify(id: "R5-001", verdict: .pass, by: "孙七", methods: [.documents, .documents, .onsite], note: nil), "needs 3")
        // A failing verdict needs no minimum: sending back is always allowed.
        try l.run(.verify(id: "R5-001", verdict: .fail, by: "孙七", methods: [.onsite], note: "不到位"))
        XCTAssertEqual(l.issue()?.status, .rectifying)
        try l.report()
        try l.run(.verify(id: "R5-001", verdict: .pass, by: "孙七", methods: [.documents, .onsite, .survey], note: nil))
        XCTAssertEqual(l.issue()?.status, .closed)
    }

    func testFailReturnsAndCounts() throws {
        var l = try Ledger.withIssue()
        try l.assign()
        for n in 1...2 {
            try l.report()
            try l.run(.verify(id: "R5-001", verdict: .fail, by: "孙七", methods: [], note: nil))
            XCTAssertEqual(l.issue()?.returned, n)
            XCTAssertEqual(l.issue()?.status, .rectifying)
        }
    }

    func testLongtermThenPass() throws {
        var l = try Ledger.withIssue()
        try l.assign()
        try l.report()
        try l.run(.verify(id: "R5-001", verdict: .longterm, by: "孙七", methods: [.documents], note: nil))
        XCTAssertEqual(l.issue()?.status, .longterm)
        XCTAssertEqual(Rate(l.state.issues.values).longterm, 1)
        l.refuse(.verify(id: "R5-001", verdict: .longterm, by: "孙七", methods: [.documents], note: nil), "already")
        try l.run(.verify(id: "R5-001", verdict: .pass, by: "孙七", methods: [.documents], note: nil))
        XCTAssertEqual(l.issue()?.status, .closed)
        XCTAssertEqual(l.issue()?.longtermVerified, true)
    }

    func testReopenOnlyClosedWithReason() throws {
        var l = try Ledger.withIssue()
        l.refuse(.reopen(id: "R5-001", reason: "反弹", round: nil), "cannot be reopened")
        try l.assign()
        try l.report()
        try l.run(.verify(id: "R5-001", verdict: .pass, by: "孙七", methods: [.documents], note: nil))
        l.refuse(.reopen(id: "R5-001", reason: "  ", round: nil), "must not be empty")
        l.refuse(.reopen(id: "R5-001", reason: "反弹", round: "R9"), "no round R9")
        try l.run(.reopen(id: "R5-001", reason: "回头看发现反弹", round: nil))
        XCTAssertEqual(l.issue()?.status, .rectifying)
        XCTAssertEqual(l.issue()?.reopened, 1)
        XCTAssertNil(l.issue()?.closedOn)
    }

    func testWithdrawFromOpenStatesOnly() throws {
        var l = try Ledger.withIssue()
        try l.run(.withdraw(id: "R5-001", reason: "重复登记"))
        XCTAssertEqual(l.issue()?.status, .withdrawn)
        l.refuse(.withdraw(id: "R5-001", reason: "again"), "cannot be withdrawn")
        l.refuse(.assign(id: "R5-001", lead: "a", owner: "b", dept: "c", handler: nil, due: nil), "cannot be assigned")
        XCTAssertEqual(Rate(l.state.issues.values).denominator, 0)
    }

    func testRoundClosesOnlyWhenNothingOpenUnlessForced() throws {
        var l = try Ledger.withIssue()
        l.refuse(.closeRound(round: "R5", force: nil), "1 open problem")
        l.refuse(.closeRound(round: "R5", force: ""), "1 open problem")
        try l.run(.closeRound(round: "R5", force: "移交下一轮跟踪"))
        XCTAssertEqual(l.state.rounds["R5"]?.closed, true)
        l.refuse(.addIssue(round: "R5", unit: "FY", title: "x", category: .conduct, source: .other, mode: .deadline, due: nil, requirement: nil), "is closed")
    }

    func testRoundClosesWhenAllClosedOrWithdrawn() throws {
        var l = try Ledger.withIssue()
        try l.run(.withdraw(id: "R5-001", reason: "误登"))
        try l.run(.closeRound(round: "R5", force: nil))
        XCTAssertEqual(l.state.rounds["R5"]?.closed, true)
    }

    func testIssueNeedsTargetUnitAndKnownIds() throws {
        var l = try Ledger.withIssue()
        try l.run(.addUnit(code: "XX", name: "另一单位", secretary: nil))
        l.refuse(.addIssue(round: "R5", unit: "XX", title: "t", category: .conduct, source: .other, mode: .deadline, due: nil, requirement: nil), "not a target", field: "unit")
        l.refuse(.assign(id: "R5-999", lead: "a", owner: "b", dept: "c", handler: nil, due: nil), "no issue R5-999 in round R5", field: "id")
        l.refuse(.assign(id: "R6-001", lead: "a", owner: "b", dept: "c", handler: nil, due: nil), "no issue R6-001", field: "id")
        l.refuse(.openRound(code: "R5", title: "dup", kind: .regular, from: nil, to: nil, revisits: nil), "already exists")
        l.refuse(.openRound(code: "R-5", title: "bad", kind: .regular, from: nil, to: nil, revisits: nil), "ASCII letters")
    }

    func testAssignNeedsADeadline() throws {
        var l = Ledger()
        try l.run(.addUnit(code: "FY", name: "法院", secretary: nil))
        try l.run(.openRound(code: "R1", title: "t", kind: .regular, from: nil, to: nil, revisits: nil))
        try l.run(.addTarget(round: "R1", unit: "FY"))
        try l.run(.addIssue(round: "R1", unit: "FY", title: "t", category: .conduct, source: .other, mode: .deadline, due: nil, requirement: nil))
        l.refuse(.assign(id: "R1-001", lead: "a", owner: "b", dept: "c", handler: nil, due: nil), "no deadline", field: "due")
        try l.run(.giveFeedback(round: "R1", on: l.today, due: l.today.adding(days: 30)))
        XCTAssertEqual(l.state.issues["R1-001"]?.due, l.today.adding(days: 30), "feedback gives registered problems the default deadline")
        try l.run(.assign(id: "R1-001", lead: "a", owner: "b", dept: "c", handler: nil, due: nil))
    }

    func testReportNeedsEvidenceAndTheSecretary() throws {
        var l = try Ledger.withIssue()
        try l.assign()
        l.refuse(.report(id: "R5-001", text: "ok", evidence: [], signedBy: "李四"), "needs evidence", field: "evidence")
        l.refuse(.report(id: "R5-001", text: "ok", evidence: ["a"], signedBy: "赵六"), "secretary 李四", field: "signed-by")
    }

    func testConcludeOnceWithNonNegativeOutcomes() throws {
        var l = try Ledger.withIssue()
        try l.run(.addTransfer(issue: "R5-001", to: .discipline, summary: "违规发放补贴线索"))
        l.refuse(.conclude(id: "T-0001", outcome: TransferOutcome(sanctions: -1)), "negative")
        l.refuse(.conclude(id: "T-0009", outcome: TransferOutcome()), "no transfer")
        try l.run(.conclude(id: "T-0001", outcome: TransferOutcome(sanctions: 2, handled: 3, recovered: 11_252_100)))
        l.refuse(.conclude(id: "T-0001", outcome: TransferOutcome()), "already concluded")
    }

    func testPolicyBounds() throws {
        var l = Ledger()
        l.refuse(.setPolicy(key: "verify.methods", value: 9), "between 1 and 5")
        l.refuse(.setPolicy(key: "nope", value: 1), "unknown setting")
        l.refuse(.setPolicy(key: "warning.yellow", value: 30), "must not exceed")
    }

    func testUrgeChecksTheIssueBelongsToTheUnit() throws {
        var l = try Ledger.withIssue()
        try l.run(.addUnit(code: "XX", name: "另一单位", secretary: nil))
        l.refuse(.urge(unit: "XX", kind: .talk, text: "约谈", issue: "R5-001"), "belongs to FY")
        try l.run(.urge(unit: "FY", kind: .talk, text: "整改到位率偏低", issue: "R5-001"))
        XCTAssertEqual(l.state.units["FY"]?.urges.count, 1)
    }
}
