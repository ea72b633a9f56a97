import Foundation
import XCTest
import XunchaCore
@testable import XunchaStore

/// Appending, transactions, replay and snapshots of the SQLite journal.
final class JournalTests: StoreTestCase {
    func testAppendedEntriesAndStateSurviveReopening() throws {
        let h = try History.make(count: 40)
        do {
            let journal = try SQLiteJournal.open(path: storePath, createIfMissing: true)
            try append(h.facts, to: journal)
            try journal.close()
        }
        let loaded = try StoreLoader.load(path: storePath, createIfMissing: false)
        let entries = try loaded.journal.entries(after: 0)
        XCTAssertEqual(entries.map(\.seq), Array(1...40))
        XCTAssertEqual(entries.map(\.event), h.facts.map(\.event))
        XCTAssertEqual(entries.map(\.at), h.facts.map(\.at))
        XCTAssertEqual(entries.map(\.actor), h.facts.map(\.actor))
        XCTAssertEqual(loaded.lastSeq, 40)
        XCTAssertEqual(loaded.state.digest(), h.state.digest())
        XCTAssertEqual(try loaded.journal.entries(after: 35).map(\.seq), [36, 37, 38, 39, 40])
        XCTAssertEqual(try loaded.journal.verifyChain(), ChainReport(checked: 40))
    }

    func testTheChainMatchesTheMemoryJournal() throws {
        // Both implementations hash the same facts the same way: a store exported from one can
        // be checked against the other.
        let h = try History.make(count: 12)
        let journal = try SQLiteJournal.open(path: storePath, createIfMissing: true)
        try append(h.facts, to: journal)
        let hashes = try journal.queue.inDatabase { db in try String.fetchAll(db, sql: "SELECT hash FROM journal ORDER BY seq") }
        var prev = ChainHash.genesis
        for (i, f) in h.facts.enumerated() {
            prev = ChainHash.compute(prev: prev, seq: Int64(i + 1), at: f.at.iso, actor: f.actor, type: f.event.type,
                                     body: try f.event.encodedBody())
            XCTAssertEqual(hashes[i], prev, "seq \(i + 1)")
        }
    }

    /// A state read back from its snapshot keeps its lists encoded until read; every list then
    /// reads as it was written, a change replays as on the original, and a snapshot written
    /// from the reopened state (lists partly untouched) is the same bytes.
    func testAReopenedSnapshotReadsBackEveryListAndWritesTheSameBytes() throws {
        var h = try History.make(count: 80)
        try h.run(.assign(id: "R1-002", lead: "王五", owner: "赵六", dept: "执行局", handler: nil, due: nil))
        try h.run(.report(id: "R1-002", text: "已整改到位", evidence: ["清单.pdf"], signedBy: "书记3"))
        let reopened = try reopenedWithSnapshot(h)
        XCTAssertEqual(reopened.timings.replayedEvents, 0, "opened from the snapshot")
        XCTAssertEqual(reopened.state.digest(), h.state.digest())
        XCTAssertEqual(reopened.state.issues["R1-002"]?.reports, h.state.issues["R1-002"]?.reports)
        // Half the issues read, half not: the snapshot written now is the same bytes.
        for (id, issue) in reopened.state.issues where id.hasSuffix("1") { XCTAssertEqual(issue.history, h.state.issues[id]?.history) }
        try reopened.journal.saveSnapshot(seq: Int64(h.facts.count), state: reopened.state)
        let stored = try reopened.journal.queue.inDatabase { db in
            try Data.fetchOne(db, sql: "SELECT state FROM snapshot ORDER BY seq DESC LIMIT 1")
        }
        XCTAssertEqual(stored.map { [UInt8]($0) }, StateCoding.encode(h.state))
        XCTAssertEqual(reopened.state, h.state)
        var changed = reopened.state
        let event = try changed.decide(.progress(id: "R1-001", text: "再次整改"), Context(today: h.day, actor: "clerk"))
        changed.apply(event, on: h.day, actor: "clerk")
        h.state.apply(event, on: h.day, actor: "clerk")
        XCTAssertEqual(changed.digest(), h.state.digest())
        XCTAssertEqual(changed.issues["R1-001"]?.history, h.state.issues["R1-001"]?.history)
    }

    func testReplayWithAndWithoutSnapshotGivesTheSameDigest() throws {
        let h = try History.make(count: 60)
        var middle = State()
        for f in h.facts.prefix(25) { middle.apply(f.event, on: f.at, actor: f.actor) }
        do {
            let journal = try SQLiteJournal.open(path: storePath, createIfMissing: true)
            try append(h.facts, to: journal)
            let (plain, plainSeq) = try StoreLoader.replay(journal)
            XCTAssertEqual(plain.digest(), h.state.digest())
            XCTAssertEqual(plainSeq, 60)
            try journal.saveSnapshot(seq: 25, state: middle)
            try journal.close()
        }
        let journal = try SQLiteJournal.open(path: storePath, createIfMissing: false)
        let snapshot = try XCTUnwrap(try journal.latestSnapshot())
        XCTAssertEqual(snapshot.seq, 25)
        XCTAssertEqual(snapshot.state.digest(), middle.digest())
        let (state, lastSeq) = try StoreLoader.replay(journal)
        XCTAssertEqual(state.digest(), h.state.digest())
        XCTAssertEqual(lastSeq, 60)
    }

    func testAThrowingBodyLeavesNothingBehind() throws {
        let h = try History.make(count: 10)
        let journal = try SQLiteJournal.open(path: storePath, createIfMissing: true)
        try append(h.facts.prefix(3), to: journal)
        XCTAssertThrowsError(try journal.write { appender in
            for f in h.facts.dropFirst(3) { _ = try appender.append(f.event, at: f.at, actor: f.actor) }
            throw Boom()
        }) { XCTAssertEqual($0 as? Boom, Boom()) }
        XCTAssertEqual(try count(journal), 3)
        // The failed write must not have poisoned the cached tail: the next append is seq 4.
        try append(h.facts.dropFirst(3).prefix(1), to: journal)
        XCTAssertEqual(try journal.entries(after: 0).map(\.seq), [1, 2, 3, 4])
        XCTAssertEqual(try journal.verifyChain().firstBad, nil)
    }

    func testANestedWriteJoinsTheOuterTransaction() throws {
        let h = try History.make(count: 6)
        let journal = try SQLiteJournal.open(path: storePath, createIfMissing: true)
        XCTAssertThrowsError(try journal.write { outer in
            _ = try outer.append(h.facts[0].event, at: h.facts[0].at, actor: "a")
            let inner = try journal.write { inner in try inner.append(h.facts[1].event, at: h.facts[1].at, actor: "a") }
            XCTAssertEqual(inner, 2)
            // The outer write still sees the inner append before anything is committed.
            XCTAssertEqual(try outer.entries(after: 0).map(\.seq), [1, 2])
            throw Boom()
        })
        XCTAssertEqual(try count(journal), 0, "the inner append went with the outer rollback")
    }

    func testAFailedNestedWriteUndoesOnlyItsOwnAppends() throws {
        let h = try History.make(count: 6)
        let journal = try SQLiteJournal.open(path: storePath, createIfMissing: true)
        try journal.write { outer in
            _ = try outer.append(h.facts[0].event, at: h.facts[0].at, actor: "a")
            XCTAssertThrowsError(try journal.write { inner in
                _ = try inner.append(h.facts[1].event, at: h.facts[1].at, actor: "a")
                throw Boom()
            })
            let seq = try outer.append(h.facts[2].event, at: h.facts[2].at, actor: "a")
            XCTAssertEqual(seq, 2, "the rolled-back inner seq is reused")
        }
        XCTAssertEqual(try journal.entries(after: 0).map(\.event), [h.facts[0].event, h.facts[2].event])
        XCTAssertEqual(try journal.verifyChain(), ChainReport(checked: 2))
        // Same when the failed nested write is the first thing the transaction does.
        try journal.write { outer in
            XCTAssertThrowsError(try journal.write { inner in
                _ = try inner.append(h.facts[3].event, at: h.facts[3].at, actor: "a")
                _ = try inner.append(h.facts[4].event, at: h.facts[4].at, actor: "a")
                throw Boom()
            })
            XCTAssertEqual(try outer.append(h.facts[5].event, at: h.facts[5].at, actor: "a"), 3)
        }
        XCTAssertEqual(try journal.entries(after: 2).map(\.event), [h.facts[5].event])
        XCTAssertEqual(try journal.verifyChain(), ChainReport(checked: 3))
    }

    func testAnAppenderKeptPastItsWriteIsRefused() throws {
        let h = try History.make(count: 6)
        let journal = try SQLiteJournal.open(path: storePath, createIfMissing: true)
        let kept = try journal.write { $0 }
        XCTAssertThrowsError(try kept.append(h.facts[0].event, at: h.facts[0].at, actor: "a")) {
            XCTAssertEqual($0 as? StoreError, .appendOutsideWrite)
        }
        // Not even while a later write is open on the same connection.
        try journal.write { _ in
            XCTAssertThrowsError(try kept.append(h.facts[0].event, at: h.facts[0].at, actor: "a")) {
                XCTAssertEqual($0 as? StoreError, .appendOutsideWrite)
            }
        }
        XCTAssertEqual(try count(journal), 0)
    }

    func testReadsInsideAWriteDoNotDeadlock() throws {
        // GRDB's queue is not reentrant; every journal call inside a write must reuse its connection.
        let h = try History.make(count: 6)
        let journal = try SQLiteJournal.open(path: storePath, createIfMissing: true)
        try journal.write { appender in
            _ = try appender.append(h.facts[0].event, at: h.facts[0].at, actor: "a")
            XCTAssertEqual(try journal.entries(after: 0).count, 1)
            XCTAssertEqual(try journal.verifyChain(), ChainReport(checked: 1))
            try journal.saveSnapshot(seq: 1, state: State())
            XCTAssertEqual(try journal.latestSnapshot()?.seq, 1)
        }
    }

    func testTwoInstancesOnOneFileShareOneChain() throws {
        let h = try History.make(count: 20)
        let a = try SQLiteJournal.open(path: storePath, createIfMissing: true)
        let b = try SQLiteJournal.open(path: storePath, createIfMissing: false)
        for (i, f) in h.facts.enumerated() {
            let session = i % 3 == 0 ? b : a
            let seq = try session.write { try $0.append(f.event, at: f.at, actor: session === a ? "a" : "b") }
            XCTAssertEqual(seq, Int64(i + 1))
        }
        let seenByA = try a.entries(after: 0)
        let seenByB = try b.entries(after: 0)
        XCTAssertEqual(seenByA, seenByB)
        XCTAssertEqual(seenByA.map(\.seq), Array(1...20))
        XCTAssertEqual(seenByA.map(\.event), h.facts.map(\.event))
        XCTAssertEqual(try a.verifyChain(), ChainReport(checked: 20))
    }

    func testAWriterWaitsThenReportsBusy() throws {
        let h = try History.make(count: 6)
        let a = try SQLiteJournal.open(path: storePath, createIfMissing: true)
        let b = try SQLiteJournal.open(path: storePath, createIfMissing: false, busyTimeout: 0.2)
        let started = Date()
        try a.write { appender in
            _ = try appender.append(h.facts[0].event, at: h.facts[0].at, actor: "a")
            XCTAssertThrowsError(try b.write { try $0.append(h.facts[1].event, at: h.facts[1].at, actor: "b") }) {
                XCTAssertEqual($0 as? StoreError, .busy(path: self.storePath, seconds: 1))
            }
        }
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(started), 0.2, "it waited before giving up")
        // Once the lock is free, b appends after a's row.
        XCTAssertEqual(try b.write { try $0.append(h.facts[1].event, at: h.facts[1].at, actor: "b") }, 2)
    }

    func testAFullDiskIsReportedAndNothingIsKept() throws {
        // max_page_count makes SQLite answer SQLITE_FULL exactly as a full disk would.
        let h = try History.make(count: 400)
        let journal = try SQLiteJournal.open(path: storePath, createIfMissing: true)
        try append(h.facts.prefix(5), to: journal)
        try journal.queue.inDatabase { db in
            let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            _ = try Int.fetchOne(db, sql: "PRAGMA max_page_count = \(pages + 1)")
        }
        XCTAssertThrowsError(try append(h.facts.dropFirst(5), to: journal)) {
            XCTAssertEqual($0 as? StoreError, .diskFull(path: self.storePath))
            XCTAssertEqual(($0 as? StoreError)?.message.zh.contains("磁盘已满"), true)
        }
        try journal.close()
        let reopened = try SQLiteJournal.open(path: storePath, createIfMissing: false)
        XCTAssertEqual(try reopened.entries(after: 0).count, 5)
        XCTAssertEqual(try reopened.verifyChain(), ChainReport(checked: 5))
        try append(h.facts.dropFirst(5), to: reopened)
        XCTAssertEqual(try reopened.verifyChain(), ChainReport(checked: 400))
    }

    func testOnlyTheNewestSnapshotsAreKept() throws {
        let journal = try SQLiteJournal.open(path: storePath, createIfMissing: true)
        let h = try History.make(count: 5)
        try append(h.facts, to: journal)
        for seq in 1...5 { try journal.saveSnapshot(seq: Int64(seq), state: State()) }
        let kept = try journal.queue.inDatabase { db in try Int64.fetchAll(db, sql: "SELECT seq FROM snapshot ORDER BY seq") }
        XCTAssertEqual(kept, [4, 5])
    }
}
