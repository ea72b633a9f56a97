import Foundation
import XCTest
import XunchaCore
@testable import XunchaShell
import XunchaStore

/// The projection tables never drift from the journal: after random command streams — single
/// commands, undo, files that fail and roll back, `--keep-going` files, and two sessions taking
/// turns on one store file — the tables equal a replay of the journal, and `audit rebuild`
/// leaves the ledger exactly as it was.
final class TablesReplayPropertyTests: XCTestCase {
    typealias Random = ReplayPropertyTests.Random

    func testTablesEqualARebuildAfterRandomStreamsOfTwoSessions() throws {
        var accepted = 0, files = 0
        let seeds = Seeds.of(1...16)
        for seed in seeds {
            let dir = NSTemporaryDirectory() + "xuncha-tables-\(seed)-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let path = dir + "/ledger.db"
            // Two sessions, each with its own connection to the one file, as two processes would.
            let a = Harness(ledger: try SQLiteLedger.open(path: path, createIfMissing: true), user: "王五")
            let b = Harness(ledger: try SQLiteLedger.open(path: path, createIfMissing: false), user: "赵六")
            a.run(Harness.setup)
            var r = Random(state: UInt64(truncatingIfNeeded: seed))
            for step in 0..<60 {
                let h = r.int(2) == 0 ? a : b
                let state = h.session.state
                switch r.int(10) {
                case 0, 1:
                    // A file of a few lines; with a bad line in it, it rolls back whole unless
                    // `--keep-going` takes the good lines.
                    var lines = (0..<(2 + r.int(4))).map { _ in ReplayPropertyTests.command(&r, state) }
                    if r.int(2) == 0 { lines.insert("issue progress R9-999 不存在", at: r.int(lines.count)) }
                    h.files["f\(step).xc"] = lines.joined(separator: "\n")
                    let keepGoing = r.int(2) == 0
                    _ = try? h.session.run(file: "f\(step).xc", keepGoing: keepGoing)
                    files += 1
                default:
                    if (try? h.session.execute(ReplayPropertyTests.command(&r, state))) != nil { accepted += 1 }
                }
            }
            let ledger = try SQLiteLedger.open(path: path, createIfMissing: false)
            XCTAssertNil(try ledger.tablesDifference(), Seeds.rerun(seed))
            let before = try ledger.loadState()
            try ledger.rebuild()
            XCTAssertEqual(try ledger.loadState(), before, "\(Seeds.rerun(seed)): audit rebuild changed the ledger")
            XCTAssertEqual(try ledger.verifyChain().firstBad, nil, Seeds.rerun(seed))
        }
        XCTAssertGreaterThan(accepted, seeds.count * 15, "the streams hold enough accepted commands to mean something")
        XCTAssertGreaterThan(files, seeds.count * 5)
    }
}
