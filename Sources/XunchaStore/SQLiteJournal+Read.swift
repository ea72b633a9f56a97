import Crypto
import Foundation
import GRDB
import XunchaCore

/// Reading the journal back: entries, snapshots and the hash-chain audit.
extension SQLiteJournal {
    public func entries(after seq: Int64) throws -> [JournalEntry] {
        var result: [JournalEntry] = []
        try forEachEntry(after: seq) { result.append($0) }
        return result
    }

    /// Streams the entries after `seq` without building an array: replaying a large store
    /// keeps one decoded event in memory at a time. Internal because `body` runs while the
    /// connection is busy: it must not call back into the journal.
    func forEachEntry(after seq: Int64, _ body: (JournalEntry) throws -> Void) throws {
        try withDatabase { db in
            let select = try db.cachedStatement(sql: "SELECT seq, at, actor, type, body FROM journal WHERE seq > ? ORDER BY seq")
            let rows = try Row.fetchCursor(select, arguments: [seq])
            while let row = try rows.next() {
                try body(try Self.entry(from: row))
            }
        }
    }

    /// Decodes one journal row; a row that cannot be read names its seq and why.
    static func entry(from row: Row) throws -> JournalEntry {
        let seq = try row.decode(Int64.self, atIndex: 0)
        guard let atText = try? row.decode(String.self, atIndex: 1), let day = Day(iso: atText) else {
            throw StoreError.damagedRow(seq: seq, reason: "its day is not YYYY-MM-DD")
        }
        guard let actor = try? row.decode(String.self, atIndex: 2), let type = try? row.decode(String.self, atIndex: 3) else {
            throw StoreError.damagedRow(seq: seq, reason: "its actor or type is missing")
        }
        // The body is handed to the decoder without copying it out of SQLite's buffer.
        let event = try row.withUnsafeData(atIndex: 4) { data -> Event in
            guard let data else { throw StoreError.damagedRow(seq: seq, reason: "its body is missing") }
            do {
                return try Event.decode(type: type, body: data)
            } catch EventCoding.Failure.unknownType(let unknown) {
                throw StoreError.unknownEventType(seq: seq, type: unknown)
            } catch {
                throw StoreError.damagedRow(seq: seq, reason: "its body does not decode as \(type)")
            }
        }
        return JournalEntry(seq: seq, at: day, actor: actor, event: event)
    }

    // MARK: - Snapshots

    /// The newest snapshot that decodes and whose recomputed digest equals the stored one.
    /// A damaged snapshot is skipped, never trusted; so is one that claims a seq the journal
    /// does not reach (its events would be missing from any replay check).
    ///
    /// The blob is first hashed as stored: it was written as the canonical encoding, so a
    /// damaged blob is rejected without paying for a decode. The full `state.digest()` check
    /// still follows, because it also catches a snapshot written by a build whose `State` had
    /// other fields (decoding would fill them with defaults instead of replaying them).
    public func latestSnapshot() throws -> (seq: Int64, state: State)? {
        let found: (seq: Int64, state: State)? = try withDatabase { db in
            let last = try Int64.fetchOne(db, sql: "SELECT max(seq) FROM journal") ?? 0
            let rows = try Row.fetchCursor(db, sql: "SELECT seq, digest, state FROM snapshot WHERE seq <= ? ORDER BY seq DESC",
                                           arguments: [last])
            let decoder = JSONDecoder()
            while let row = try rows.next() {
                guard let seq = try? row.decode(Int64.self, atIndex: 0),
                      let digest = try? row.decode(String.self, atIndex: 1) else { continue }
                let state = try row.withUnsafeData(atIndex: 2) { data -> State? in
                    guard let data, Self.hexDigest(data) == digest else { return nil }
                    return try? decoder.decode(State.self, from: data)
                }
                if let state, state.digest() == digest { return (seq, state) }
            }
            return nil
        }
        if let found { newestSnapshotSeq = max(newestSnapshotSeq, found.seq) }
        return found
    }

    /// Stores the state as it is after the event `seq`, and prunes older snapshots. Inside a
    /// write it joins that transaction; outside, it takes its own.
    ///
    /// The blob is the canonical encoding `State.digest()` hashes (sorted keys), so its SHA-256
    /// is that digest: one encoding instead of two. A test pins the equality; should Core's
    /// digest ever change form, snapshots would be refused on load (slower, never wrong).
    public func saveSnapshot(seq: Int64, state: State) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let blob = try encoder.encode(state)
        let digest = Self.hexDigest(blob)
        try write { _ in
            try withDatabase { db in
                try db.execute(sql: "INSERT OR REPLACE INTO snapshot (seq, digest, state) VALUES (?, ?, ?)",
                               arguments: [seq, digest, blob])
                // `seq < NULL` matches nothing, so fewer than `snapshotsKept` rows keeps them all.
                try db.execute(sql: """
                    DELETE FROM snapshot WHERE seq < (SELECT seq FROM snapshot ORDER BY seq DESC LIMIT 1 OFFSET ?)
                    """, arguments: [Self.snapshotsKept - 1])
            }
        }
        // If an enclosing write later rolls back, this only delays the next snapshot.
        newestSnapshotSeq = max(newestSnapshotSeq, seq)
    }

    /// The snapshot policy, called by the session after a commit with the state it now holds
    /// and the seq that state reflects: writes a snapshot when at least `snapshotInterval`
    /// events were appended since the newest one. Costs one comparison otherwise. Returns
    /// whether it wrote one. A failure here loses nothing (the journal already has the events);
    /// callers may report it and go on.
    @discardableResult
    public func maybeSnapshot(state: State, seq: Int64) throws -> Bool {
        guard seq - newestSnapshotSeq >= Self.snapshotInterval else { return false }
        try saveSnapshot(seq: seq, state: state)
        return true
    }

    static func hexDigest(_ data: Data) -> String {
        SHA256.hash(data: data).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    // MARK: - Audit

    /// Recomputes the chain in seq order in one pass over a cursor and names the first row
    /// that breaks it. Reasons: `gap` (a seq is missing or out of place), `at` (the day does
    /// not parse), `null` (a column is missing), `prev_hash` (the row does not point at the
    /// previous row's hash), `hash` (the row's contents do not give its hash).
    public func verifyChain() throws -> ChainReport {
        try withDatabase { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT seq, at, actor, type, body, prev_hash, hash FROM journal ORDER BY seq")
            var previous = ChainHash.genesis
            var checked: Int64 = 0
            while let row = try rows.next() {
                checked += 1
                let seq = try row.decode(Int64.self, atIndex: 0)
                func bad(_ reason: String) -> ChainReport { ChainReport(checked: checked, firstBad: seq, reason: reason) }
                if seq != checked { return bad("gap") }
                guard let at = try? row.decode(String.self, atIndex: 1), Day(iso: at) != nil else { return bad("at") }
                guard let actor = try? row.decode(String.self, atIndex: 2),
                      let type = try? row.decode(String.self, atIndex: 3),
                      let prevHash = try? row.decode(String.self, atIndex: 5),
                      let hash = try? row.decode(String.self, atIndex: 6) else { return bad("null") }
                if prevHash != previous { return bad("prev_hash") }
                let expected = try row.withUnsafeData(atIndex: 4) { data in
                    FastChainHash.compute(prev: previous, seq: seq, at: at, actor: actor, type: type, body: data ?? Data())
                }
                if expected != hash { return bad("hash") }
                previous = hash
            }
            return ChainReport(checked: checked)
        }
    }
}
