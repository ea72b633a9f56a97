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
}

/// Builds valid histories by deciding real commands against a local state, so that every
/// event a test appends is one the domain would have accepted.
struct History {
    var state = State()
    var facts: [Fact] = []
    var day: Day
    var actor = "clerk"

    init() throws {
        day = try XCTUnwrap(Day(year: 2024, month: 5, day: 10))
    }

    mutating func run(_ command: Command) throws {
        let event = try state.decide(command, Context(today: day, actor: actor))
        state.apply(event, on: day, actor: actor)
        facts.append(Fact(event: event, at: day, actor: actor))
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

    func append(_ facts: some Sequence<Fact>, to journal: any Journal) throws {
        try journal.write { appender in
            for f in facts { _ = try appender.append(f.event, at: f.at, actor: f.actor) }
        }
    }

    /// A store at `storePath` holding `h`'s facts and a snapshot of its state, written and
    /// closed, then opened again the way a user's next command would open it.
    func reopenedWithSnapshot(_ h: History) throws -> LoadedStore {
        do {
            let journal = try SQLiteJournal.open(path: storePath, createIfMissing: true)
            try append(h.facts, to: journal)
            try journal.saveSnapshot(seq: Int64(h.facts.count), state: h.state)
            try journal.close()
        }
        return try StoreLoader.load(path: storePath, createIfMissing: false)
    }

    func count(_ journal: SQLiteJournal, _ table: String = "journal") throws -> Int {
        try journal.queue.inDatabase { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? -1 }
    }

    /// Raw SQL on the file through a separate connection, the way an attacker or a broken
    /// tool would change it behind xuncha's back.
    func tamper(_ path: String, _ sql: String, _ arguments: StatementArguments = []) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.inDatabase { db in try db.execute(sql: sql, arguments: arguments) }
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
