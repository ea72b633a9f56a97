import Foundation
import GRDB
import XCTest
import XunchaCore
@testable import XunchaStore

/// What happens when rows or snapshots were changed behind xuncha's back.
final class IntegrityTests: StoreTestCase {
    private func storeWith(_ count: Int) throws -> History {
        let h = try History.make(count: count)
        let journal = try SQLiteJournal.open(path: storePath, createIfMissing: true)
        try append(h.facts, to: journal)
        try journal.close()
        return h
    }

    private func verify() throws -> ChainReport {
        try SQLiteJournal.open(path: storePath, createIfMissing: false).verifyChain()
    }

    func testOneChangedByteInABodyIsFoundAtItsSeq() throws {
        _ = try storeWith(12)
        // Row 7 is `round target R1 U3`: change one byte of its JSON, keeping it valid JSON.
        let before = try bodyOfRow7()
        try tamper(storePath, "UPDATE journal SET body = replace(body, 'U3', 'U4') WHERE seq = 7")
        XCTAssertNotEqual(try bodyOfRow7(), before)
        XCTAssertEqual(try bodyOfRow7().utf8.count, before.utf8.count)
        let report = try verify()
        XCTAssertEqual(report.firstBad, 7)
        XCTAssertEqual(report.reason, "hash")
        XCTAssertEqual(report.checked, 7)
    }

    private func bodyOfRow7() throws -> String {
        let journal = try SQLiteJournal.open(path: storePath, createIfMissing: false)
        defer { try? journal.close() }
        return try journal.queue.inDatabase { db in try String.fetchOne(db, sql: "SELECT body FROM journal WHERE seq = 7") } ?? ""
    }

    func testARowWhoseHashWasRecomputedBreaksTheNextLink() throws {
        _ = try storeWith(12)
        try tamper(storePath, "UPDATE journal SET actor = 'mallory', hash = ? WHERE seq = 4", [String(repeating: "a", count: 64)])
        XCTAssertEqual(try verify().firstBad, 4)
        // Even a forger who recomputes row 4 correctly cannot hide it: row 5 points at the old hash.
        let journal = try SQLiteJournal.open(path: storePath, createIfMissing: false)
        let row = try journal.queue.inDatabase { db in
            try XCTUnwrap(try Row.fetchOne(db, sql: "SELECT at, type, body, prev_hash FROM journal WHERE seq = 4"))
        }
        let forged = ChainHash.compute(prev: try row.decode(String.self, atIndex: 3), seq: 4, at: try row.decode(String.self, atIndex: 0),
                                       actor: "mallory", type: try row.decode(String.self, atIndex: 1),
                                       body: Data(try row.decode(String.self, atIndex: 2).utf8))
        try journal.close()
        try tamper(storePath, "UPDATE journal SET hash = ? WHERE seq = 4", [forged])
        let report = try verify()
        XCTAssertEqual(report.firstBad, 5)
        XCTAssertEqual(report.reason, "prev_hash")
    }

    func testADeletedRowIsAGap() throws {
        _ = try storeWith(9)
        try tamper(storePath, "DELETE FROM journal WHERE seq = 5")
        let report = try verify()
        XCTAssertEqual(report.firstBad, 6)
        XCTAssertEqual(report.reason, "gap")
    }

    func testAnUnreadableDayIsFlagged() throws {
        _ = try storeWith(9)
        try tamper(storePath, "UPDATE journal SET at = '2024-02-30' WHERE seq = 3")
        XCTAssertEqual(try verify(), ChainReport(checked: 3, firstBad: 3, reason: "at"))
        let journal = try SQLiteJournal.open(path: storePath, createIfMissing: false)
        XCTAssertThrowsError(try journal.entries(after: 0)) {
            XCTAssertEqual($0 as? StoreError, .damagedRow(seq: 3, reason: "its day is not YYYY-MM-DD"))
        }
    }

    func testAnEventTypeFromANewerVersionIsNamed() throws {
        _ = try storeWith(12)
        try tamper(storePath, "UPDATE journal SET type = 'issueAdded.v9' WHERE seq = 12")
        let journal = try SQLiteJournal.open(path: storePath, createIfMissing: false)
        XCTAssertThrowsError(try journal.entries(after: 10)) {
            XCTAssertEqual($0 as? StoreError, .unknownEventType(seq: 12, type: "issueAdded.v9"))
            XCTAssertTrue(($0 as? StoreError)?.message.en.contains("newer xuncha") ?? false)
        }
        XCTAssertEqual(try journal.entries(after: 12), [])
        XCTAssertEqual(try journal.verifyChain().firstBad, 12, "the type is part of the hash")
    }

    func testAGarbageSnapshotIsIgnoredAndTheStateRebuilt() throws {
        let h = try storeWith(30)
        let journal = try SQLiteJournal.open(path: storePath, createIfMissing: false)
        var early = State()
        for f in h.facts.prefix(10) { early.apply(f.event, on: f.at, actor: f.actor) }
        try journal.saveSnapshot(seq: 10, state: early)
        try journal.saveSnapshot(seq: 20, state: State())  // a valid snapshot of the wrong state...
        try journal.close()
        // ...whose blob is then replaced with garbage: it must not be trusted.
        try tamper(storePath, "UPDATE snapshot SET state = X'00FF7B22' WHERE seq = 20")
        let reopened = try SQLiteJournal.open(path: storePath, createIfMissing: false)
        XCTAssertEqual(try reopened.latestSnapshot()?.seq, 10, "falls back to the older valid snapshot")
        XCTAssertEqual(try StoreLoader.replay(reopened).state.digest(), h.state.digest())
    }

    func testASnapshotWithTheWrongDigestIsIgnored() throws {
        let h = try storeWith(30)
        let journal = try SQLiteJournal.open(path: storePath, createIfMissing: false)
        try journal.saveSnapshot(seq: 30, state: h.state)
        XCTAssertEqual(try journal.latestSnapshot()?.seq, 30)
        try journal.close()
        // Decodes fine, but is not the state the digest was taken of (a note was dropped).
        var altered = h.state
        altered.issues["R1-001"]?.progress.removeLast()
        let blob = Data(StateCoding.encode(altered))
        try tamper(storePath, "UPDATE snapshot SET state = ? WHERE seq = 30", [blob])
        let reopened = try StoreLoader.load(path: storePath, createIfMissing: false)
        XCTAssertNil(try reopened.journal.latestSnapshot())
        XCTAssertEqual(reopened.state.digest(), h.state.digest(), "rebuilt from the journal alone")
        XCTAssertNotEqual(altered.digest(), h.state.digest())
    }

    /// Early builds stored snapshots as sorted-key JSON with its SHA-256 as the digest. Such a
    /// snapshot is consistent with itself but not in the binary form: it is skipped and the
    /// state replayed from the journal, to the same digest.
    func testAJSONSnapshotOfAnEarlyBuildIsSkippedAndTheStateReplayed() throws {
        let h = try storeWith(30)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let blob = try encoder.encode(h.state)
        let digest = blob.withUnsafeBytes { State.hexDigest($0) }
        try tamper(storePath, "INSERT INTO snapshot (seq, digest, state) VALUES (30, ?, ?)", [digest, blob])
        let reopened = try StoreLoader.load(path: storePath, createIfMissing: false)
        XCTAssertNil(try reopened.journal.latestSnapshot())
        XCTAssertEqual(reopened.lastSeq, 30)
        XCTAssertEqual(reopened.state, h.state)
        XCTAssertEqual(reopened.state.digest(), h.state.digest())
    }

    func testASnapshotAheadOfTheJournalIsIgnored() throws {
        let h = try storeWith(10)
        let journal = try SQLiteJournal.open(path: storePath, createIfMissing: false)
        try journal.saveSnapshot(seq: 11, state: h.state)
        XCTAssertNil(try journal.latestSnapshot())
    }
}
