import Foundation
import GRDB
import XCTest
import XunchaCore
@testable import XunchaStore

/// What opening a path that is not a ledger says, what a second writer meets, and what the
/// chain says about rows changed behind xuncha's back. Each refusal is its own `StoreError`
/// case, so the shell can say in the user's language what is wrong with which file.
final class StoreOpeningTests: StoreTestCase {
    func testATextFileIsNotAStore() throws {
        try "unit add FY 法院\n".write(toFile: storePath, atomically: true, encoding: .utf8)
        assertStoreError(.notAStore(path: storePath)) { _ = try SQLiteLedger.open(path: storePath, createIfMissing: true) }
        XCTAssertEqual(try String(contentsOfFile: storePath, encoding: .utf8), "unit add FY 法院\n", "the file is left as it was")
    }

    func testSomeoneElsesDatabaseIsRefusedAndLeftAlone() throws {
        let queue = try DatabaseQueue(path: storePath)
        try queue.write { db in try db.execute(sql: "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('王五')") }
        try queue.close()
        XCTAssertThrowsError(try SQLiteLedger.open(path: storePath, createIfMissing: true)) { error in
            guard case .foreignDatabase(let path, _) = error as? StoreError else { return XCTFail("\(error)") }
            XCTAssertEqual(path, storePath)
        }
        let after = try DatabaseQueue(path: storePath)
        defer { try? after.close() }
        let tables = try after.read { db in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") }
        XCTAssertEqual(tables, ["contacts"], "nothing was added to it")
    }

    func testAStoreOfANewerFormatIsRefused() throws {
        try storeWith(History.make(count: 5))
        try tamper(storePath, "UPDATE meta SET value = '99' WHERE key = 'format'")
        assertStoreError(.newerFormat(path: storePath, found: 99)) { _ = try SQLiteLedger.open(path: storePath, createIfMissing: false) }
    }

    func testADirectoryAndAPathThroughAFileAreNamed() throws {
        assertStoreError(.isDirectory(path: dir)) { _ = try SQLiteLedger.open(path: dir, createIfMissing: true) }
        let file = dir + "/plain.txt"
        try "x".write(toFile: file, atomically: true, encoding: .utf8)
        let through = file + "/ledger.db"
        assertStoreError(.notADirectory(path: file)) { _ = try SQLiteLedger.open(path: through, createIfMissing: true) }
        XCTAssertEqual(try String(contentsOfFile: file, encoding: .utf8), "x")
    }

    func testANewStoreIsPrivateEvenUnderAPermissiveUmask() throws {
        let old = umask(0)
        defer { umask(old) }
        let ledger = try SQLiteLedger.open(path: storePath, createIfMissing: true)
        try append(History.make(count: 3).facts, to: ledger)
        for path in [storePath, storePath + "-wal", storePath + "-shm"] {
            var info = stat()
            XCTAssertEqual(stat(path, &info), 0, "\(path) exists while the store is open")
            XCTAssertEqual(info.st_mode & 0o777, 0o600, path)
        }
        try ledger.close()
    }

    func testASecondWriterWaitsThenSaysTheStoreIsBusy() throws {
        let stored = try storeWith(History.make(count: 3)).facts.count
        let first = try SQLiteLedger.open(path: storePath, createIfMissing: false)
        let second = try SQLiteLedger.open(path: storePath, createIfMissing: false, busyTimeout: 0.3)
        let extra = try History.make(count: stored + 1).facts.suffix(1)
        try first.write { w in
            for f in extra { try record(f, w) }
            let started = ContinuousClock.now
            XCTAssertThrowsError(try second.write { w2 in try record(try XCTUnwrap(extra.first), w2) }) { error in
                XCTAssertEqual(error as? StoreError, .busy(path: storePath, seconds: 1), "\(error)")
            }
            XCTAssertGreaterThanOrEqual(ContinuousClock.now - started, .milliseconds(250), "it waited before giving up")
        }
        XCTAssertEqual(try count(second), stored + 1, "the first writer's row, and nothing of the second")
        XCTAssertNil(try second.tablesDifference())
    }

    func testAGapInTheJournalIsNamed() throws {
        try storeWith(History.make(count: 8))
        try forge(storePath, "DELETE FROM journal WHERE seq = 4")
        let ledger = try SQLiteLedger.open(path: storePath, createIfMissing: false)
        let report = try ledger.verifyChain()
        XCTAssertEqual(report.firstBad, 5)
        XCTAssertEqual(report.reason, "gap")
    }

    func testARowOfAnUnknownTypeIsNamedWithItsSeq() throws {
        try storeWith(History.make(count: 6))
        try forge(storePath, "UPDATE journal SET type = 'issueEscalated.v9' WHERE seq = 3")
        let ledger = try SQLiteLedger.open(path: storePath, createIfMissing: false)
        assertStoreError(.unknownEventType(seq: 3, type: "issueEscalated.v9")) { _ = try ledger.entries(after: 0) }
        XCTAssertEqual(try ledger.verifyChain().firstBad, 3, "the chain names the changed row too")
    }

    func testAnExportedScriptRunIntoANewStoreGivesTheSameDigest() throws {
        // The digest is over the tables' content, so a ledger made by replaying another's facts
        // into a new store has the same one, whatever the rows' seq and recorded times.
        let h = try History.make(count: 30)
        let a = try SQLiteLedger.open(path: storePath, createIfMissing: true)
        try append(h.facts, to: a)
        let b = try SQLiteLedger.inMemory()
        try append(h.facts, to: b)
        XCTAssertEqual(try a.digest(), try b.digest())
        XCTAssertEqual(try a.digest(), h.state.digest())
        try append(try History.make(count: 31).facts.suffix(1), to: b)
        XCTAssertNotEqual(try a.digest(), try b.digest(), "one more fact changes the digest")
    }
}

/// A long transaction that outgrows its cache writes the rows and reads them back as needed:
/// nothing is lost, and the tables still equal the journal's replay.
final class CacheBoundTests: StoreTestCase {
    func testAWriteThatOutgrowsItsCacheKeepsEveryChange() throws {
        let h = try History.make(count: 120, units: 5)
        let ledger = try SQLiteLedger.open(path: storePath, createIfMissing: true)
        ledger.writeCacheBound = 4
        try append(h.facts, to: ledger)
        XCTAssertEqual(try ledger.loadState(), h.state)
        XCTAssertNil(try ledger.tablesDifference())
    }
}
