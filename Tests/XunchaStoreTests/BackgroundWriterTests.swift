import Foundation
import XCTest
import XunchaCore
@testable import XunchaStore

/// A long write moves its inserts to a second thread (`JournalWriter`): what a session sees
/// and what the file holds must be exactly what appending on one thread gave.
final class BackgroundWriterTests: StoreTestCase {
    /// Enough rows for the writer to take over well before the end.
    static let rows = SQLiteJournal.backgroundAfter * 6

    func testALongWriteKeepsTheChainAndReadsSeeEveryRow() throws {
        let h = try History.make(count: Self.rows)
        let journal = try SQLiteJournal.open(path: storePath, createIfMissing: true)
        var seen = -1
        let seqs = try journal.write { appender -> [Int64] in
            var seqs: [Int64] = []
            for (i, f) in h.facts.enumerated() {
                seqs.append(try appender.append(f.event, at: f.at, actor: f.actor))
                // A read inside the write waits for the rows still queued.
                if i == Self.rows / 2 { seen = try appender.entries(after: 0).count }
            }
            XCTAssertNotNil(journal.writer, "the rows after the first \(SQLiteJournal.backgroundAfter) went to the writer")
            return seqs
        }
        XCTAssertNil(journal.writer, "no thread outlives its write")
        XCTAssertEqual(seen, Self.rows / 2 + 1)
        XCTAssertEqual(seqs, Array(1...Int64(Self.rows)))
        XCTAssertEqual(try journal.verifyChain(), ChainReport(checked: Int64(Self.rows)))
        let entries = try journal.entries(after: 0)
        XCTAssertEqual(entries.map(\.event), h.facts.map(\.event))
        XCTAssertEqual(entries.map(\.at), h.facts.map(\.at))
    }

    func testAFailedInnerWriteIsCutBackWhileTheWriterRuns() throws {
        let h = try History.make(count: Self.rows)
        let journal = try SQLiteJournal.open(path: storePath, createIfMissing: true)
        struct Refused: Error {}
        let first = h.facts.prefix(Self.rows / 2), rest = h.facts.dropFirst(Self.rows / 2)
        try journal.write { appender in
            for f in first { _ = try appender.append(f.event, at: f.at, actor: f.actor) }
            XCTAssertThrowsError(try journal.write { inner in
                for f in rest.prefix(300) { _ = try inner.append(f.event, at: f.at, actor: f.actor) }
                throw Refused()
            })
            for f in rest { _ = try appender.append(f.event, at: f.at, actor: f.actor) }
        }
        XCTAssertEqual(try journal.verifyChain(), ChainReport(checked: Int64(Self.rows)))
        XCTAssertEqual(try journal.entries(after: 0).map(\.event), h.facts.map(\.event), "the inner rows are gone, the rest follows on")
    }

    func testAFullDiskOnTheWritersThreadKeepsNothing() throws {
        let h = try History.make(count: Self.rows)
        let journal = try SQLiteJournal.open(path: storePath, createIfMissing: true)
        try append(h.facts.prefix(5), to: journal)
        // Room for a few hundred rows (160 KiB, whatever the page size): the disk fills once
        // the writer has taken over.
        try journal.queue.inDatabase { db in
            let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            let pageSize = try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 4096
            _ = try Int.fetchOne(db, sql: "PRAGMA max_page_count = \(pages + 160 * 1024 / pageSize)")
        }
        XCTAssertThrowsError(try append(h.facts.dropFirst(5), to: journal)) {
            XCTAssertEqual($0 as? StoreError, .diskFull(path: self.storePath))
        }
        XCTAssertNil(journal.writer)
        XCTAssertEqual(try journal.entries(after: 0).count, 5)
        XCTAssertEqual(try journal.verifyChain(), ChainReport(checked: 5))
        try journal.queue.inDatabase { db in _ = try Int.fetchOne(db, sql: "PRAGMA max_page_count = 1000000") }
        try append(h.facts.dropFirst(5), to: journal)
        XCTAssertEqual(try journal.verifyChain(), ChainReport(checked: Int64(Self.rows)))
    }
}
