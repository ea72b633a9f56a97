import Foundation
import XCTest
import XunchaCore
@testable import XunchaShell
@testable import XunchaStore

/// The store's SQL answers equal the memory answers: on seeded random ledgers, every method of
/// `LedgerQuerying` asked of the store (`SQLiteLedger`) and of `MemoryLedger` over a `State`
/// replayed from the same journal gives the same answer, for random filters, days and policies.
final class SQLQueryEquivalenceTests: XCTestCase {
    typealias Random = ReplayPropertyTests.Random

    static let units = ["U1", "U2", "U3", "U10"]
    static let rounds = ["R1", "R2", "R10"]
    static let leads = ["王五", "钱八", "李红", "王五一"]
    static let owners = ["赵六", "周九"]
    static let depts = ["办公室", "财务处", "组织人事处"]
    static let base = Day(year: 2024, month: 3, day: 1) ?? Day(ordinal: 0)

    /// About 60 problems through every stage, with rules, progress, urges (talks among them),
    /// concluded transfers, reopened problems and a policy that may make green unreachable.
    func randomLedger(_ r: inout Random) -> Harness {
        let h = Harness()
        var lines = ["clock 2024-03-01"]
        for (n, u) in Self.units.enumerated() { lines.append("unit add \(u) 单位\(n)" + (n == 3 ? "" : " --secretary 书记\(n)")) }
        for round in Self.rounds {
            lines.append("round open \(round) 巡察\(round)")
            lines.append("round team \(round) 第一组 --leader 组长\(round)")
            for u in Self.units { lines.append("round target \(round) \(u)") }
        }
        lines.append("set warning.yellow \(1 + r.int(25))")
        lines.append("set warning.green \(1 + r.int(40))")
        for line in lines { _ = try? h.session.execute(line) }
        var day = 0
        var number: [String: Int] = [:]
        for _ in 0..<60 {
            day += r.int(3)
            let round = r.pick(Self.rounds) ?? "R1", unit = r.pick(Self.units) ?? "U1"
            number[round, default: 0] += 1
            let id = IssueID.make(round: round, number: number[round] ?? 1)
            var script = ["clock \(Self.base.adding(days: day).iso)"]
            let due = r.int(5) == 0 ? "" : " --due +\(r.int(120))d"
            script.append("issue add \(round) \(unit) 问题\(r.int(9)) --category \(r.pick(Category.allCases)?.rawValue ?? "conduct")"
                          + " --source \(r.pick(Source.allCases)?.rawValue ?? "other") --mode \(r.pick(Mode.allCases)?.rawValue ?? "deadline")\(due)")
            let stage = r.int(9)
            if stage >= 1 {
                let handler = r.int(3) == 0 ? " --handler 主办\(r.int(2))" : ""
                script.append("issue assign \(id) --lead \(r.pick(Self.leads) ?? "王五") --owner \(r.pick(Self.owners) ?? "赵六") "
                              + "--dept \(r.pick(Self.depts) ?? "办公室")\(handler) --due +\(r.int(120))d")
                if r.int(2) == 0 { script.append("issue progress \(id) 推进\(r.int(3))") }
                if stage >= 3 { script.append("issue report \(id) 已整改 --evidence a.pdf --evidence b,c.pdf --signed-by 签字\(r.int(3))") }
                if stage >= 4 {
                    let verdict = stage == 4 ? "longterm" : stage == 5 ? "fail" : "pass"
                    script.append("issue verify \(id) --\(verdict) --by 验收\(r.int(2)) --method documents,onsite")
                }
                if stage == 8 { script.append("issue reopen \(id) 反弹") }
            }
            if stage == 0 && r.int(2) == 0 { script.append("issue withdraw \(id) 重复登记") }
            for _ in 0..<r.int(3) { script.append("issue rule \(id) 制度\(r.int(4))") }
            if r.int(4) == 0 { script.append("transfer add \(id) --to \(r.pick(TransferTarget.allCases)?.rawValue ?? "other") 线索") }
            if r.int(6) == 0 { script.append("urge \(unit) --kind \(r.pick(UrgeKind.allCases)?.rawValue ?? "talk") 督办 --issue \(id)") }
            // A refused line (a transfer from a withdrawn problem, a verdict out of order) is skipped.
            for line in script { _ = try? h.session.execute(line) }
            if r.int(5) == 0, let t = r.pick((try? h.journal.transferIDs()) ?? []) {
                _ = try? h.session.execute("transfer conclude \(t) --sanctions \(r.int(3)) --handled \(r.int(4))"
                                           + (r.int(2) == 0 ? " --recovered \(r.int(10_000))" : ""))
            }
        }
        return h
    }

    func randomFilter(_ r: inout Random) -> IssueFilter {
        var f = IssueFilter()
        if r.int(4) == 0 { f.round = r.pick(Self.rounds + ["R9"]) }
        if r.int(4) == 0 { f.unit = r.pick(Self.units + ["NONE"]) }
        if r.int(4) == 0 { for _ in 0...r.int(3) { if let s = r.pick(IssueStatus.allCases) { f.statuses.insert(s) } } }
        if r.int(6) == 0 { f.lead = r.pick(Self.leads + [""]) }
        if r.int(6) == 0 { f.owner = r.pick(Self.owners) }
        if r.int(6) == 0 { f.dept = r.pick(Self.depts) }
        if r.int(5) == 0 { f.category = r.pick(Category.allCases) }
        if r.int(6) == 0 { f.source = r.pick(Source.allCases) }
        if r.int(6) == 0 { f.mode = r.pick(Mode.allCases) }
        // Overdue and due-within are disjoint (due soon means not yet overdue): one or the other.
        // The edges (nothing can be due within a negative span; 0 is today alone) come now and then.
        if r.int(5) == 0 { f.overdue = true } else if r.int(5) == 0 {
            f.dueWithin = r.int(4) == 0 ? r.pick([-5, 0, 1, Int.min]) : r.pick([7, 30, 90, 10_000_000, Int.max])
        }
        if r.int(6) == 0 { f.since = Self.base.adding(days: r.int(150)) }
        if r.int(6) == 0 { f.until = Self.base.adding(days: r.int(150)) }
        if r.int(4) == 0 { f.warning = r.pick(WarningColour.allCases) }
        return f
    }

    /// The ledger the journal says, replayed in memory without the tables.
    func replay(_ store: SQLiteLedger) throws -> State {
        var state = State()
        for e in try store.entries(after: 0) { state.record(e.event, on: e.at, actor: e.actor) }
        return state
    }

    func testEveryQueryAnswersAsTheMemoryLedgerDoes() throws {
        var filters = 0, nonEmpty = 0
        var seen = Set<String>()
        let seeds = Seeds.of(1...8)
        for seed in seeds {
            var r = Random(state: UInt64(truncatingIfNeeded: seed) &* 104_729)
            let h = randomLedger(&r)
            let sql: any LedgerQuerying = h.journal
            let state = try replay(h.journal)
            let memory = MemoryLedger(state: state)
            let context = Seeds.rerun(seed)
            XCTAssertGreaterThan(state.issues.count, 40, context)
            XCTAssertEqual(try h.journal.loadState(), state, "the tables hold what the journal says: \(context)")
            for i in state.issues.values {
                seen.insert(i.status.rawValue)
                if !i.rules.isEmpty { seen.insert("rules") }
                if i.reopened > 0 { seen.insert("reopened") }
                if i.lead == nil { seen.insert("unled") }
            }
            if state.transfers.values.contains(where: { $0.outcome != nil }) { seen.insert("concluded") }
            if state.units.values.contains(where: { $0.urges.contains { $0.kind == .talk } }) { seen.insert("talk") }
            try checkWholeLedgerQueries(sql, memory, state, &r, context)
            let (checked, selecting) = try checkFilteredQueries(sql, memory, &r, context)
            filters += checked
            nonEmpty += selecting
        }
        XCTAssertEqual(filters, seeds.count * 40)
        // One seed rerun alone need not reach every kind of thing; the eight together must.
        if seeds.count > 1 {
            XCTAssertEqual(seen, Set(IssueStatus.allCases.map(\.rawValue) + ["rules", "reopened", "unled", "concluded", "talk"]),
                           "the ledgers hold every kind of thing a query counts")
        }
        // Since --due-within leaves overdue problems out it selects fewer, so a little under
        // half the random filters select nothing; the rest must still be most of them.
        XCTAssertGreaterThan(nonEmpty, seeds.count * 17, "most filters must select something to mean anything")
    }

    /// Forty random filters on random days: every filtered question asked of `sql` and of the
    /// memory ledger. Returns how many filters were asked and how many selected something.
    func checkFilteredQueries(_ sql: any LedgerQuerying, _ memory: MemoryLedger, _ r: inout Random,
                              _ context: String) throws -> (filters: Int, nonEmpty: Int) {
        var filters = 0, nonEmpty = 0
        for _ in 0..<40 {
            let f = randomFilter(&r)
            let today = Self.base.adding(days: r.int(220) - 20)
            let c = "\(context), today \(today.iso), filter \(f)"
            let wanted = try memory.issues(matching: f, today: today, lists: .included)
            XCTAssertEqual(try sql.issues(matching: f, today: today, lists: .included), wanted, c)
            XCTAssertEqual(try sql.issues(matching: f, today: today, lists: .omitted).map(Self.ownFields), wanted.map(Self.ownFields), c)
            XCTAssertEqual(try sql.count(matching: f, today: today), wanted.count, c)
            XCTAssertEqual(try sql.tally(matching: f, today: today), try memory.tally(matching: f, today: today), c)
            for g in IssueGrouping.allCases {
                XCTAssertEqual(try sql.tallies(matching: f, today: today, by: g).sorted { $0.key < $1.key },
                               try memory.tallies(matching: f, today: today, by: g).sorted { $0.key < $1.key }, "\(c), by \(g)")
            }
            XCTAssertEqual(try sql.transferRows(ofIssuesMatching: f, today: today), try memory.transferRows(ofIssuesMatching: f, today: today), c)
            XCTAssertEqual(try sql.transferTally(ofIssuesMatching: f, today: today), try memory.transferTally(ofIssuesMatching: f, today: today), c)
            XCTAssertEqual(try sql.ruleRows(ofIssuesMatching: f, today: today), try memory.ruleRows(ofIssuesMatching: f, today: today), c)
            XCTAssertEqual(try sql.warnedIssues(matching: f, asOf: today), try memory.warnedIssues(matching: f, asOf: today), c)
            XCTAssertEqual(try sql.unitLedger(matching: f, today: today), try memory.unitLedger(matching: f, today: today), c)
            XCTAssertEqual(try sql.leaderLedger(matching: f, today: today), try memory.leaderLedger(matching: f, today: today), c)
            filters += 1
            if !wanted.isEmpty { nonEmpty += 1 }
        }
        return (filters, nonEmpty)
    }

    /// The same questions on PostgreSQL: each random ledger's rows, copied into a ledger made by
    /// `store init` on the test cluster (XUNCHA_TEST_PG, which scripts/test starts), answer as
    /// the memory ledger does: the one set of queries holds on both engines.
    func testPostgresAnswersAsTheMemoryLedgerDoes() throws {
        guard let server = ProcessInfo.processInfo.environment["XUNCHA_TEST_PG"], !server.isEmpty else {
            if ProcessInfo.processInfo.environment["CI"] == "true" { return XCTFail("XUNCHA_TEST_PG is not set: scripts/test starts the cluster") }
            throw XCTSkip("no PostgreSQL test cluster (XUNCHA_TEST_PG); scripts/test starts one")
        }
        var nonEmpty = 0
        for seed in 1...3 {
            var r = Random(state: UInt64(seed) &* 7_919)
            let h = randomLedger(&r)
            let state = try replay(h.journal)
            let memory = MemoryLedger(state: state)
            let name = "eq_\(UInt32.random(in: 0...UInt32.max))_\(seed)"
            // A Chinese office's collation (pinyin order): rows must still sort by bytes, as on SQLite.
            try PGConnection(conninfo: server).execute(
                "CREATE DATABASE \(name) TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER icu ICU_LOCALE 'zh-CN' LOCALE 'C'")
            let conninfo = server.replacingOccurrences(of: "/postgres?", with: "/\(name)?")
            XCTAssertNotEqual(conninfo, server, "XUNCHA_TEST_PG names the postgres database of the cluster")
            _ = try PostgresStoreInit.run(conninfo: conninfo, prefix: "eqtest", now: Date())
            let pg = try PostgresLedger.open(conninfo: conninfo)
            try PostgresCopy.tables(from: h.journal, to: pg.connection)
            let context = "PostgreSQL, seed \(seed)"
            try checkWholeLedgerQueries(pg, memory, state, &r, context)
            nonEmpty += try checkFilteredQueries(pg, memory, &r, context).nonEmpty
            // The copied journal verifies on PostgreSQL, and the tables equal its replay.
            XCTAssertEqual(try pg.verifyChain(), ChainReport(checked: Int64(try h.journal.entries(after: 0).count)), context)
            XCTAssertNil(try pg.tablesDifference(), context)
        }
        XCTAssertGreaterThan(nonEmpty, 40, "many filters must select something to mean anything")
    }

    /// The questions without a filter: entities by key (and keys that name nothing), lists,
    /// standings on several days, completion and the digest.
    func checkWholeLedgerQueries(_ sql: any LedgerQuerying, _ memory: MemoryLedger, _ state: State, _ r: inout Random, _ c: String) throws {
        XCTAssertEqual(try sql.currentPolicy(), state.policy, c)
        XCTAssertEqual(try sql.digest(), state.digest(), c)
        XCTAssertEqual(try sql.allRounds(), try memory.allRounds(), c)
        XCTAssertEqual(try sql.allUnits(), try memory.allUnits(), c)
        for code in Self.rounds + ["R9"] { XCTAssertEqual(try sql.round(code: code), state.rounds[code], c) }
        for code in Self.units + ["NONE"] { XCTAssertEqual(try sql.unit(code: code), state.units[code], c) }
        let codes = Set((Self.units + ["NONE"]).filter { _ in r.int(2) == 0 })
        XCTAssertEqual(try sql.units(codes: codes), try memory.units(codes: codes), c)
        // Read one statement per table, as for a tally of more units than this ledger has.
        let bulk = try (sql as? SQLiteLedger)?.query { try $0.units(codes: codes, readByKeyUpTo: 0) }
            ?? (sql as? PostgresLedger)?.query { try $0.units(codes: codes, readByKeyUpTo: 0) }
        XCTAssertEqual(bulk, try memory.units(codes: codes), c)
        let today = Self.base.adding(days: r.int(200))
        for id in state.issues.keys.sorted() + ["R1-999", "R9-001", "x"] {
            XCTAssertEqual(try sql.issue(id: id, lists: .included), state.issues[id], c)
            XCTAssertEqual(try sql.issue(id: id, lists: .omitted).map(Self.ownFields), state.issues[id].map(Self.ownFields), c)
            XCTAssertEqual(try sql.standing(ofIssue: id, today: today), try memory.standing(ofIssue: id, today: today), c)
            XCTAssertEqual(try sql.transfers(ofIssue: id), try memory.transfers(ofIssue: id), c)
        }
        for id in state.transfers.keys.sorted() + ["T-9999"] { XCTAssertEqual(try sql.transfer(id: id), state.transfers[id], c) }
        XCTAssertEqual(try sql.roundCodes(), try memory.roundCodes(), c)
        XCTAssertEqual(try sql.unitCodes(), try memory.unitCodes(), c)
        for _ in 0..<4 {
            let statuses = Set(IssueStatus.allCases.filter { _ in r.int(3) == 0 })
            XCTAssertEqual(try sql.issueIDs(statuses: statuses), try memory.issueIDs(statuses: statuses), "\(c), statuses \(statuses)")
        }
        XCTAssertEqual(try sql.transferIDs(), try memory.transferIDs(), c)
        XCTAssertEqual(try sql.people(), try memory.people(), c)
        XCTAssertEqual(try sql.departments(), try memory.departments(), c)
    }

    /// A problem without its lists: what `.omitted` promises.
    static func ownFields(_ i: Issue) -> Issue {
        var i = i
        i.progress = []; i.reports = []; i.verifications = []; i.rules = []; i.history = []
        return i
    }

    /// A question in the middle of a file sees what the file has done so far, though nothing
    /// of it is committed yet.
    func testQueriesInsideAFileSeeItsChanges() throws {
        let h = Harness.ready()
        h.files["f.xc"] = """
            issue add R5 FY "新登记的问题" --category conduct --source visit
            expect count --unit FY = 3
            issue rule R5-003 "新制度"
            ledger --unit FY
            stats --by unit
            """
        h.output = []
        h.run("run f.xc")
        let text = h.output.joined(separator: "\n")
        XCTAssertTrue(text.contains("新登记的问题"), text)
        XCTAssertEqual(try h.journal.count(matching: IssueFilter(), today: h.session.today), 3)
        XCTAssertEqual(try h.journal.tally(matching: IssueFilter(), today: h.session.today).rules, 1)
        XCTAssertEqual(try h.journal.digest(), try replay(h.journal).digest())
    }
}
