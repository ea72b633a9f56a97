import XCTest
@testable import XunchaCore

final class EventTests: XCTestCase {
    /// Every event survives its stored form, and replaying the facts gives the same state.
    func testEventsRoundTripAndReplay() throws {
        var l = try Ledger.withIssue()
        let start = l.state
        var log: [(Event, Day, String)] = []
        func run(_ c: Command) throws {
            let e = try l.run(c)
            log.append((e, l.today, l.actor))
        }
        try run(.addTeam(round: "R5", name: "第二巡察组", leader: "张三"))
        try run(.assign(id: "R5-001", lead: "王五", owner: "赵六", dept: "执行局", handler: nil, due: nil))
        try run(.progress(id: "R5-001", text: "集中执行攻坚\n157起案件执结"))
        try run(.report(id: "R5-001", text: "已整改", evidence: ["a.pdf", "b.pdf"], signedBy: "李四"))
        try run(.verify(id: "R5-001", verdict: .pass, by: "孙七", methods: [.documents, .onsite], note: "\"ok\""))
        try run(.addRule(id: "R5-001", title: "执行案件督办制度"))
        try run(.addTransfer(issue: "R5-001", to: .discipline, summary: "线索"))
        try run(.conclude(id: "T-0001", outcome: TransferOutcome(sanctions: 1, handled: 2, recovered: 3, refunded: 4)))
        try run(.urge(unit: "FY", kind: .talk, text: "约谈", issue: nil))
        try run(.setPolicy(key: "verify.methods", value: 2))
        try run(.reopen(id: "R5-001", reason: "反弹", round: "R5"))
        try run(.withdraw(id: "R5-001", reason: "合并"))
        try run(.changeSecretary(unit: "FY", secretary: "新书记"))
        for (e, _, _) in log {
            let decoded = try Event.decode(type: e.type, body: e.encodedBody())
            XCTAssertEqual(decoded, e)
        }
        // Recording the decoded facts again, from where they started, gives the same ledger.
        var replayed = start
        for (e, d, who) in log { replayed.record(try Event.decode(type: e.type, body: e.encodedBody()), on: d, actor: who) }
        XCTAssertEqual(replayed, l.state)
        XCTAssertEqual(replayed.digest(), l.state.digest())
        XCTAssertThrowsError(try Event.decode(type: "issueAdded.v9", body: Data("{}".utf8)))
    }

    func testUndoFragmentRestoresExactly() throws {
        var l = try Ledger.withIssue()
        let before = l.state
        let e = try l.state.decide(.assign(id: "R5-001", lead: "王五", owner: "赵六", dept: "执行局", handler: nil, due: nil),
                                   Context(today: l.today, actor: l.actor))
        let fragment = try l.state.image(of: try l.state.apply(e, on: l.today, actor: l.actor).footprint)
        l.state.record(e, on: l.today, actor: l.actor)
        XCTAssertNotEqual(l.state, before)
        l.state.record(.undone(.init(seq: 6, restore: fragment)), on: l.today, actor: l.actor)
        XCTAssertEqual(l.state, before)
        XCTAssertEqual(l.state.digest(), before.digest())
    }

    func testDigestIsStableAndSensitive() throws {
        let a = try Ledger.withIssue().state
        let b = try Ledger.withIssue().state
        XCTAssertEqual(a.digest(), b.digest())
        var c = b
        c.issues["R5-001"]?.title = "改动"
        XCTAssertNotEqual(a.digest(), c.digest())
    }
}
