import Foundation
import XCTest
@testable import XunchaCore
@testable import XunchaShell

/// The lookups by unit and round (and the transfers of each problem) must always say what a
/// scan of the whole ledger says: after random commands with undo, refused lines, failed
/// commits, files rolled back, and after reopening from a snapshot or from the journal.
final class LookupPropertyTests: XCTestCase {
    typealias Random = ReplayPropertyTests.Random
    typealias FlakyJournal = RollbackTests.FlakyJournal

    func session(_ journal: any Journal, state: State = State(), lastSeq: Int64 = 0) -> Session {
        Session(journal: journal, state: state, lastSeq: lastSeq, user: "巡察办", language: .en,
                realToday: { Day(year: 2024, month: 5, day: 10) ?? Day(ordinal: 0) }, out: { _ in }, err: { _ in })
    }

    /// The lookups themselves, list by list, against ones built here from the tables.
    func assertLookupsMatchTables(_ s: State, _ context: String) {
        XCTAssertTrue(s.lookupsAreCurrent, "lookups not current: \(context)")
        var units: [String: [String]] = [:], rounds: [String: [String]] = [:], transfers: [String: [String]] = [:]
        for (id, i) in s.issues { units[i.unit, default: []].append(id); rounds[i.round, default: []].append(id) }
        for (id, t) in s.transfers { transfers[t.issue, default: []].append(id) }
        func same(_ a: [String: [String]], _ b: [String: [String]], _ what: String) {
            XCTAssertEqual(a.mapValues { $0.sorted() }, b.mapValues { $0.sorted() }, "\(what): \(context)")
        }
        same(s.lookups.byUnit, units, "by unit")
        same(s.lookups.byRound, rounds, "by round")
        same(s.lookups.transfersByIssue, transfers, "transfers by problem")
    }

    /// Every filtered query the shell makes, against a brute-force selection over all problems.
    func assertQueriesMatchScan(_ s: State, _ context: String) {
        let today = Day(year: 2024, month: 6, day: 1) ?? Day(ordinal: 0)
        let all = s.issues.values.sorted { IssueID.less($0.id, $1.id) }
        let unitCodes = Set(s.units.keys).union(all.map(\.unit)).union(["NOPE"])
        let roundCodes = Set(s.rounds.keys).union(all.map(\.round)).union(["R9"])
        var filters: [IssueFilter] = []
        for u in unitCodes {
            var f = IssueFilter(); f.unit = u; filters.append(f)
            var g = f; g.statuses = [.rectifying, .registered]; filters.append(g)
            for r in roundCodes { var h = f; h.round = r; filters.append(h) }
        }
        for r in roundCodes {
            var f = IssueFilter(); f.round = r; filters.append(f)
            var g = f; g.overdue = true; filters.append(g)
        }
        filters.append(IssueFilter())
        for f in filters {
            let wanted = all.filter { f.matches($0, today: today, policy: s.policy) }
            let label = "unit \(f.unit ?? "-") round \(f.round ?? "-"): \(context)"
            XCTAssertEqual(s.issues(matching: f, today: today).map(\.id), wanted.map(\.id), label)
            let ids = Set(wanted.map(\.id))
            XCTAssertEqual(s.transfers(ofIssuesMatching: f, today: today).map(\.id).sorted(),
                           s.transfers.values.filter { ids.contains($0.issue) }.map(\.id).sorted(), label)
        }
        for i in all {
            XCTAssertEqual(s.transfers(ofIssue: i.id).map(\.id), s.transfers.values.filter { $0.issue == i.id }.map(\.id).sorted(), context)
        }
        for r in roundCodes {
            XCTAssertEqual(s.openIssueCount(ofRound: r), all.filter { $0.round == r && $0.status.isOpen }.count, context)
        }
    }

    /// The `ledger` and `stats` lines a user types, read back as json, against the same scan.
    func assertShellAnswersMatchScan(_ session: Session, _ context: String) throws {
        var printed: [String] = []
        let out = session.out
        session.out = { printed.append($0) }
        defer { session.out = out }
        // What other sessions appended first, as the queries below will see it.
        try session.catchUp()
        let s = session.state
        func rows(_ line: String) throws -> [[String: Any]] {
            printed = []
            try session.execute(line + " --format json")
            let object = try JSONSerialization.jsonObject(with: Data(printed.joined().utf8)) as? [String: Any]
            return try XCTUnwrap(object?["rows"] as? [[String: Any]], line)
        }
        for u in s.units.keys.sorted() {
            let wanted = s.issues.values.filter { $0.unit == u }.sorted { IssueID.less($0.id, $1.id) }.map(\.id)
            XCTAssertEqual(try rows("ledger --unit \(u)").compactMap { $0["id"] as? String }, wanted, "ledger --unit \(u): \(context)")
        }
        for r in s.rounds.keys.sorted() {
            var perUnit: [String: Int] = [:]
            for i in s.issues.values where i.round == r { perUnit[i.unit, default: 0] += 1 }
            let got = try rows("stats --round \(r) --by unit")
            XCTAssertEqual(Dictionary(uniqueKeysWithValues: got.map { ($0["group"] as? String ?? "?", $0["issues"] as? Int ?? -1) }), perUnit,
                           "stats --round \(r): \(context)")
        }
    }

    /// Through the shell first: a reopened session builds its lookups on its first command.
    func check(_ session: Session, _ context: String) throws {
        try assertShellAnswersMatchScan(session, context)
        assertLookupsMatchTables(session.state, context)
        assertQueriesMatchScan(session.state, context)
    }

    func testLookupsAgreeWithAScanAfterRandomCommandsUndoRollbackAndReopening() throws {
        let generator = ReplayPropertyTests(name: "generator") { _ in }
        var undone = 0, failedCommits = 0, rolledBackFiles = 0, removedByUndo = 0
        for seed in 1...12 {
            var r = Random(state: UInt64(seed) &* 104_729)
            let journal = FlakyJournal()
            var s = session(journal)
            var files: [String: String] = [:]
            s.readFile = { path in Array((files[path] ?? "").utf8) }
            // Units and rounds the generator's codes name, every unit a target of every round, so
            // that most registrations are accepted.
            var setup: [String] = []
            for u in 0..<6 { setup.append("unit add U\(u) 单位\(u) --secretary 书记\(u)") }
            for n in 0..<4 {
                setup.append("round open R\(n) 第\(n)轮")
                for u in 0..<6 { setup.append("round target R\(n) U\(u)") }
            }
            try s.execute(setup.joined(separator: "\n"))
            for step in 1...150 {
                let context = "seed \(seed) step \(step)"
                let before = s.state.issues.count
                switch r.int(12) {
                case 0:
                    // A file whose last line is refused: everything it did is taken back.
                    let lines = (0..<3).map { _ in generator.command(&r, s.state) } + ["issue show NOPE-1"]
                    files["f.xc"] = lines.joined(separator: "\n")
                    let digest = s.state.digest()
                    XCTAssertThrowsError(try s.execute("run f.xc"), context)
                    XCTAssertEqual(s.state.digest(), digest, context)
                    rolledBackFiles += 1
                case 1:
                    // A commit that fails after the command was applied in memory.
                    journal.failNextCommit = true
                    let digest = s.state.digest()
                    if (try? s.execute(generator.command(&r, s.state))) == nil {
                        XCTAssertEqual(s.state.digest(), digest, context)
                        // Consumed: the command got as far as its commit (not refused before).
                        if !journal.failNextCommit { failedCommits += 1 }
                    }
                    journal.failNextCommit = false
                case 2:
                    if (try? s.execute("undo")) != nil {
                        undone += 1
                        if s.state.issues.count < before { removedByUndo += 1 }
                    }
                default:
                    _ = try? s.execute(generator.command(&r, s.state))
                }
                if step % 50 == 0 { try check(s, context) }
            }
            // Reopened from a snapshot: decoding sets the tables from outside, so the lookups are
            // not trusted (queries scan, still right) until the session rebuilds them.
            let snapshot = try StateCoding.decode(StateCoding.encode(s.state))
            XCTAssertFalse(snapshot.lookupsAreCurrent, "seed \(seed)")
            assertQueriesMatchScan(snapshot, "seed \(seed) snapshot before reindex")
            let reopened = session(journal, state: snapshot, lastSeq: s.lastSeq)
            try check(reopened, "seed \(seed) reopened from a snapshot")
            // Reopened from the journal alone: replay keeps the lookups in step event by event.
            var replayed = State()
            for e in try journal.entries(after: 0) { replayed.apply(e.event, on: e.at, actor: e.actor) }
            XCTAssertEqual(replayed.digest(), s.state.digest(), "seed \(seed)")
            assertLookupsMatchTables(replayed, "seed \(seed) replayed")
            // Another session appends; the first one catches up before its next query.
            let other = session(journal, state: replayed, lastSeq: s.lastSeq)
            for _ in 0..<20 { _ = try? other.execute(generator.command(&r, other.state)) }
            s = reopened
            try check(s, "seed \(seed) after catching up with another session")
            XCTAssertEqual(s.state.digest(), other.state.digest(), "seed \(seed)")
        }
        XCTAssertGreaterThan(undone, 50)
        XCTAssertGreaterThan(removedByUndo, 5, "undo must take back registrations for this to mean anything")
        XCTAssertGreaterThan(failedCommits, 20)
        XCTAssertGreaterThan(rolledBackFiles, 20)
    }

    /// Tables changed from outside the core make the lookups untrusted rather than wrong.
    func testChangingTheTablesFromOutsideStalesTheLookups() {
        let h = Harness.ready()
        var s = h.session.state
        XCTAssertTrue(s.lookupsAreCurrent)
        s.issues["R5-001"]?.unit = "ELSEWHERE"
        XCTAssertFalse(s.lookupsAreCurrent)
        var f = IssueFilter()
        f.unit = "ELSEWHERE"
        XCTAssertEqual(s.issues(matching: f, today: h.session.today).map(\.id), ["R5-001"])
        s.reindex()
        assertLookupsMatchTables(s, "after reindex")
        XCTAssertEqual(s.issues(matching: f, today: h.session.today).map(\.id), ["R5-001"])
    }
}
