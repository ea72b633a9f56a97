import Foundation
import GRDB
import XCTest
import XunchaCore
@testable import XunchaStore

/// One decided fact with the day and actor it was decided under.
struct Fact {
    var event: Event
    var at: Day
    var actor: String
    /// The real date of a back-entry, nil for a fact written on its own date.
    var entered: Day? = nil
    /// The person the actor entered it for (代录), nil when the actor acted alone.
    var onBehalf: String? = nil
}

/// Builds valid histories by deciding real commands against a plain in-memory ledger, so that
/// every event a test records is one the domain would have accepted.
struct History {
    var state = State()
    var facts: [Fact] = []
    var day: Day
    var actor = "clerk"
    /// Set to record the next facts as back-entries written on this date.
    var entered: Day?
    /// Set to record the next facts as entered on behalf of this person.
    var onBehalf: String?

    init() throws {
        day = try XCTUnwrap(Day(year: 2024, month: 5, day: 10))
    }

    mutating func run(_ command: Command) throws {
        let event = try state.decide(command, Context(today: day, actor: actor))
        state.record(event, on: day, actor: actor, entered: entered, onBehalf: onBehalf)
        facts.append(Fact(event: event, at: day, actor: actor, entered: entered, onBehalf: onBehalf))
    }

    /// A round with `units` targets and issues plus progress notes until `count` facts exist.
    static func make(count: Int, units: Int = 3) throws -> History {
        var h = try History()
        for u in 1...units { try h.run(.addUnit(code: "U\(u)", name: "单位\(u)", secretary: "书记\(u)")) }
        try h.run(.openRound(code: "R1", title: "2024 年第一轮巡察", kind: .regular, from: h.day, to: nil, revisits: nil))
        for u in 1...units { try h.run(.addTarget(round: "R1", unit: "U\(u)")) }
        var n = 0
        while h.facts.count < count {
            n += 1
            h.day = h.day.adding(days: n % 2)
            if n % 3 == 0 {
                try h.run(.progress(id: "R1-001", text: "第 \(n) 次整改进展 \"quoted\" / slash"))
            } else {
                try h.run(.addIssue(round: "R1", unit: "U\(n % units + 1)", title: "问题 \(n)", category: .conduct,
                                    source: .interview, mode: .deadline, due: h.day.adding(days: 90), requirement: nil))
            }
        }
        return h
    }
}

/// A fresh directory per test, removed afterwards.
class StoreTestCase: XCTestCase {
    var dir = ""

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "xuncha-store-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        // A test may have made the directory unwritable; give it back before removing it.
        _ = chmod(dir, 0o700)
        try? FileManager.default.removeItem(atPath: dir)
    }

    var storePath: String { dir + "/ledger.db" }

    /// Records one fact the way a session does: applied through the writer, then appended
    /// with the rows it changed. Returns its seq.
    @discardableResult
    func record(_ f: Fact, _ w: any LedgerWriter, actor: String? = nil) throws -> Int64 {
        let who = actor ?? f.actor
        return try w.record(f.event, at: f.at, entered: f.entered, actor: who, onBehalf: f.onBehalf,
                            changes: try w.apply(f.event, on: f.at, actor: who, entered: f.entered, onBehalf: f.onBehalf))
    }

    func append(_ facts: some Sequence<Fact>, to ledger: any Ledger) throws {
        try ledger.write { w in
            for f in facts { try record(f, w) }
        }
    }

    /// A store at `storePath` holding `h`'s facts, closed again.
    @discardableResult
    func storeWith(_ h: History) throws -> History {
        let ledger = try SQLiteLedger.open(path: storePath, createIfMissing: true)
        try append(h.facts, to: ledger)
        try ledger.close()
        return h
    }

    func count(_ ledger: SQLiteLedger, _ table: String = "journal") throws -> Int {
        try ledger.queue.inDatabase { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? -1 }
    }

    /// Raw SQL on the file through a separate connection, the way a broken tool would change
    /// it behind xuncha's back.
    func tamper(_ path: String, _ sql: String, _ arguments: StatementArguments = []) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.inDatabase { db in try db.execute(sql: sql, arguments: arguments) }
        try queue.close()
    }

    /// Like `tamper`, by someone who first drops the journal's triggers (and puts them back):
    /// the chain is what still tells.
    func forge(_ path: String, _ sql: String, _ arguments: StatementArguments = []) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.inDatabase { db in
            let triggers = try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'journal'")
            XCTAssertEqual(triggers.count, 2, "the journal's two triggers")
            try db.execute(sql: "DROP TRIGGER journal_no_update; DROP TRIGGER journal_no_delete")
            try db.execute(sql: sql, arguments: arguments)
            for trigger in triggers { try db.execute(sql: trigger) }
        }
        try queue.close()
    }

    func assertStoreError(_ expected: StoreError, file: StaticString = #filePath, line: UInt = #line,
                          _ body: () throws -> Void) {
        XCTAssertThrowsError(try body(), file: file, line: line) { error in
            XCTAssertEqual(error as? StoreError, expected, "\(error)", file: file, line: line)
        }
    }
}

struct Boom: Error, Equatable {}
