import Foundation
import GRDB
import XCTest
import XunchaCore
@testable import XunchaStore

/// The ledger database as a user of the store meets it: what is written stays, a write that
/// throws leaves nothing, the journal refuses changes, the tables always equal a replay.
final class LedgerStoreTests: StoreTestCase {
    func testReopeningGivesTheSameLedgerAndTheChainVerifies() throws {
        let h = try storeWith(History.make(count: 60))
        let ledger = try SQLiteLedger.open(path: storePath, createIfMissing: false)
        XCTAssertEqual(try ledger.loadState(), h.state)
        XCTAssertEqual(try ledger.verifyChain(), ChainReport(checked: Int64(h.facts.count)))
        XCTAssertNil(try ledger.tablesDifference())
        XCTAssertEqual(try ledger.entries(after: 0).map(\.event), h.facts.map(\.event))
    }

    func testAWriteThatThrowsLeavesNothing() throws {
        let h = try History.make(count: 20)
        let ledger = try SQLiteLedger.open(path: storePath, createIfMissing: true)
        XCTAssertThrowsError(try ledger.write { w in
            for f in h.facts { try record(f, w) }
            throw Boom()
        }) { XCTAssertEqual($0 as? Boom, Boom()) }
        XCTAssertEqual(try count(ledger), 0)
        XCTAssertEqual(try count(ledger, "issues"), 0)
        XCTAssertEqual(try ledger.loadState(), State())
    }

    func testANestedWriteThatThrowsTakesBackOnlyItsOwnPart() throws {
        let h = try History.make(count: 30)
        let ledger = try SQLiteLedger.open(path: storePath, createIfMissing: true)
        try ledger.write { w in
            for f in h.facts.prefix(20) { try record(f, w) }
            XCTAssertThrowsError(try ledger.write { inner in
                for f in h.facts.dropFirst(20) { try record(f, inner) }
                throw Boom()
            })
        }
        var expected = State()
        for f in h.facts.prefix(20) { expected.record(f.event, on: f.at, actor: f.actor) }
        XCTAssertEqual(try count(ledger), 20)
        XCTAssertEqual(try ledger.loadState(), expected)
        XCTAssertNil(try ledger.tablesDifference())
    }

    func testTheJournalRefusesUpdateAndDeleteFromAnotherConnection() throws {
        try storeWith(History.make(count: 10))
        for sql in ["UPDATE journal SET actor = 1", "DELETE FROM journal WHERE seq = 3"] {
            XCTAssertThrowsError(try tamper(storePath, sql), sql) { error in
                XCTAssertTrue("\(error)".contains("append-only"), "\(error)")
            }
        }
        let ledger = try SQLiteLedger.open(path: storePath, createIfMissing: false)
        XCTAssertEqual(try ledger.verifyChain().firstBad, nil)
    }

    func testAForgedJournalRowIsNamedByTheChain() throws {
        try storeWith(History.make(count: 12))
        try forge(storePath, "UPDATE journal SET actor = 'forger' WHERE seq = 5")
        let ledger = try SQLiteLedger.open(path: storePath, createIfMissing: false)
        XCTAssertEqual(try ledger.verifyChain().firstBad, 5)
    }

    func testAChangedTableRowIsNamedAndRebuildPutsItBack() throws {
        let h = try storeWith(History.make(count: 25))
        try tamper(storePath, "UPDATE issues SET title = 'changed' WHERE id = 'R1-002'")
        let ledger = try SQLiteLedger.open(path: storePath, createIfMissing: false)
        XCTAssertEqual(try ledger.tablesDifference(), "issue R1-002 differs from the journal")
        try ledger.rebuild()
        XCTAssertNil(try ledger.tablesDifference())
        XCTAssertEqual(try ledger.loadState(), h.state)
    }

    func testTheViewsAnswerWithTheLedgersFigures() throws {
        let h = try storeWith(History.make(count: 40))
        let queue = try DatabaseQueue(path: storePath)
        defer { try? queue.close() }
        let rows = try queue.read { db in try Row.fetchAll(db, sql: "SELECT unit, problems, open FROM ledger_units ORDER BY unit") }
        for row in rows {
            let unit: String = row["unit"]
            XCTAssertEqual(row["problems"] as Int, h.state.issues.values.filter { $0.unit == unit }.count, unit)
        }
        XCTAssertEqual(rows.count, h.state.units.count)
        let issues = try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM ledger_issues") }
        XCTAssertEqual(issues, h.state.issues.count)
    }

    func testAQueryOnAMissingPathMakesNoStore() throws {
        assertStoreError(.missing(path: storePath)) { _ = try SQLiteLedger.open(path: storePath, createIfMissing: false) }
        XCTAssertFalse(FileManager.default.fileExists(atPath: storePath))
        let made = try SQLiteLedger.open(path: storePath, createIfMissing: true)
        XCTAssertTrue(made.wasCreated)
        var info = stat()
        XCTAssertEqual(stat(storePath, &info), 0)
        XCTAssertEqual(info.st_mode & 0o777, 0o600)
    }

    /// Every stored field of every entity survives close and reopen: a field left out of the
    /// row mapping fails here.
    func testEveryStoredFieldSurvivesReopening() throws {
        var h = try History()
        let day = h.day
        try h.run(.addUnit(code: "FY", name: "法院", secretary: "李四"))
        try h.run(.openRound(code: "R0", title: "上一轮", kind: .regular, from: day, to: day.adding(days: 30), revisits: nil))
        try h.run(.openRound(code: "R5", title: "回头看", kind: .revisit, from: day, to: day.adding(days: 45), revisits: "R0"))
        try h.run(.addTeam(round: "R5", name: "第二组", leader: "张三"))
        try h.run(.addTarget(round: "R5", unit: "FY"))
        try h.run(.addIssue(round: "R5", unit: "FY", title: "先登记", category: .discipline, source: .visit, mode: .immediate,
                            due: nil, requirement: "要求"))
        try h.run(.giveFeedback(round: "R5", on: day, due: day.adding(days: 90)))
        try h.run(.assign(id: "R5-001", lead: "王五", owner: "赵六", dept: "执行局", handler: "钱七", due: nil))
        h.entered = day.adding(days: 40)
        try h.run(.progress(id: "R5-001", text: "进展"))
        h.entered = nil
        h.onBehalf = "局党组"
        try h.run(.progress(id: "R5-001", text: "代录的进展"))
        h.onBehalf = nil
        try h.run(.report(id: "R5-001", text: "已整改", evidence: ["清单, 第一份.pdf", "照片"], signedBy: "李四"))
        try h.run(.verify(id: "R5-001", verdict: .fail, by: "孙七", methods: [.documents], note: "不到位"))
        try h.run(.report(id: "R5-001", text: "再次整改", evidence: ["补充"], signedBy: "李四"))
        try h.run(.verify(id: "R5-001", verdict: .pass, by: "孙七", methods: [.documents, .onsite], note: nil))
        try h.run(.reopen(id: "R5-001", reason: "反弹", round: "R5"))
        try h.run(.addRule(id: "R5-001", title: "制度"))
        try h.run(.addTransfer(issue: "R5-001", to: .discipline, summary: "线索"))
        try h.run(.conclude(id: "T-0001", outcome: TransferOutcome(sanctions: 2, handled: 3, recovered: 100, refunded: 5)))
        try h.run(.urge(unit: "FY", kind: .talk, text: "约谈", issue: "R5-001"))
        try h.run(.reportRound(round: "R5", unit: "FY", kind: .principal, on: nil, signedBy: "李四"))
        try h.run(.check(unit: "FY", round: "R5", on: day, by: "第一督查组", compared: [.report, .ledger, .files], findings: "台账不全"))
        try h.run(.changeSecretary(unit: "FY", secretary: "周八"))
        try h.run(.addIssue(round: "R5", unit: "FY", title: "撤销的", category: .conduct, source: .letter, mode: .longterm,
                            due: day.adding(days: 10), requirement: nil))
        try h.run(.withdraw(id: "R5-002", reason: "重复"))
        try h.run(.addIssue(round: "R5", unit: "FY", title: "长期坚持", category: .political, source: .online, mode: .longterm,
                            due: nil, requirement: nil))
        try h.run(.assign(id: "R5-003", lead: "王五", owner: "赵六", dept: "办公室", handler: nil, due: nil))
        try h.run(.report(id: "R5-003", text: "阶段整改", evidence: ["方案"], signedBy: "周八"))
        try h.run(.verify(id: "R5-003", verdict: .longterm, by: "孙七", methods: [.onsite], note: nil))
        try h.run(.assess(round: "R5", unit: "FY", grade: .poor, by: "评估组", methods: [.documents, .survey],
                          findings: "台账与实际不符", redo: ["R5-003"]))
        try h.run(.report(id: "R5-003", text: "再整改", evidence: ["回访记录"], signedBy: "周八"))
        try h.run(.verify(id: "R5-003", verdict: .pass, by: "孙七", methods: [.survey], note: nil))
        try h.run(.closeRound(round: "R5", force: "转入常态化监督"))
        for spec in Policy.keys { try h.run(.setPolicy(key: spec.name, value: spec.range.upperBound == 5 ? 2 : 15)) }
        try h.run(.closeRound(round: "R0", force: nil))
        try h.run(.grant(role: .clerk, unit: nil, login: "wangli"))
        try h.run(.grant(role: .unit, unit: "FY", login: "fy_liaison"))
        try h.run(.grant(role: .reader, unit: nil, login: "leader1"))
        try h.run(.revoke(role: .reader, unit: nil, login: "leader1"))
        try h.run(.tiePerson(person: "孙七", login: "sunqi"))
        XCTAssertEqual(h.state.access, Access(grants: [Grant(login: "fy_liaison", role: .unit, unit: "FY"), Grant(login: "wangli", role: .clerk)],
                                              logins: ["孙七": "sunqi"]))
        XCTAssertEqual(FieldCoverage.unset([h.state.access], path: "Access"), [])
        XCTAssertEqual(FieldCoverage.unset(Array(h.state.rounds.values), path: "Round"), [])
        XCTAssertEqual(FieldCoverage.unset(Array(h.state.units.values), path: "Unit"), [])
        XCTAssertEqual(FieldCoverage.unset(Array(h.state.issues.values), path: "Issue"), [])
        XCTAssertEqual(FieldCoverage.unset(Array(h.state.transfers.values), path: "Transfer"), [])
        XCTAssertEqual(FieldCoverage.unset([h.state.policy], path: "Policy"), [])
        try storeWith(h)
        let ledger = try SQLiteLedger.open(path: storePath, createIfMissing: false)
        XCTAssertEqual(try ledger.loadState(), h.state)
        XCTAssertEqual(try ledger.loadState().digest(), h.state.digest())
        XCTAssertNil(try ledger.tablesDifference())
        XCTAssertEqual(try ledger.entries(after: 0).map(\.onBehalf), h.facts.map(\.onBehalf), "the journal keeps who a fact was entered for")
        try ledger.rebuild()
        XCTAssertEqual(try ledger.loadState(), h.state, "a rebuild from the journal gives the roles and the on-behalf lines back")
    }

    /// The roles are a projection like any table: a grant changed behind xuncha's back is
    /// named by the comparison with the journal, and a rebuild puts it back.
    func testAGrantChangedOutsideIsNamedAndRebuildPutsItBack() throws {
        var h = try History()
        try h.run(.addUnit(code: "FY", name: "法院", secretary: "李四"))
        try h.run(.grant(role: .unit, unit: "FY", login: "fy_liaison"))
        try storeWith(h)
        try tamper(storePath, "UPDATE grants SET role = 'admin', unit = NULL WHERE login = 'fy_liaison'")
        let ledger = try SQLiteLedger.open(path: storePath, createIfMissing: false)
        XCTAssertEqual(try ledger.tablesDifference(), "the roles differ from the journal")
        try ledger.rebuild()
        XCTAssertNil(try ledger.tablesDifference())
        XCTAssertEqual(try ledger.currentAccess().grants, [Grant(login: "fy_liaison", role: .unit, unit: "FY")])
    }

    func testAnInMemoryLedgerHasTheSameSchema() throws {
        let h = try History.make(count: 15)
        let memory = try SQLiteLedger.inMemory()
        try append(h.facts, to: memory)
        XCTAssertEqual(try memory.loadState(), h.state)
        XCTAssertNil(try memory.tablesDifference())
    }
}
