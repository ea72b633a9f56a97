import Crypto
import Foundation
import GRDB
// sqlite3_blob_*: reads a snapshot straight into the array that keeps it (see `snapshotBytes`).
import GRDBSQLite
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

    /// The newest snapshot that decodes and whose digest matches. A damaged snapshot is skipped,
    /// never trusted; so is one that claims a seq the journal does not reach (its events would
    /// be missing from any replay check).
    ///
    /// The blob is the canonical encoding (`StateCoding`) that `State.digest()` hashes, so hashing
    /// the blob as stored checks it without a second encoding; the strict decoder then refuses
    /// anything but one whole state of its own version. A snapshot in another form (the JSON of
    /// unreleased early builds, or a newer version) is skipped: the state is replayed instead,
    /// which is slower and never wrong. The decoded state keeps the blob and decodes each
    /// problem's lists on first read (`StateCoding.decode(_: [UInt8])`).
    public func latestSnapshot() throws -> (seq: Int64, state: State)? {
        let clock = ContinuousClock()
        var decoding: Duration = .zero
        let start = clock.now
        let found: (seq: Int64, state: State)? = try withDatabase { db in
            func newestValid() throws -> (seq: Int64, state: State)? {
                let last = try Int64.fetchOne(db, sql: "SELECT max(seq) FROM journal") ?? 0
                let rows = try Row.fetchAll(db, sql: "SELECT seq, digest FROM snapshot WHERE seq <= ? ORDER BY seq DESC",
                                            arguments: [last])
                for row in rows {
                    guard let seq = try? row.decode(Int64.self, atIndex: 0),
                          let digest = try? row.decode(String.self, atIndex: 1),
                          let bytes = Self.snapshotBytes(db, seq: seq),
                          bytes.withUnsafeBytes({ State.hexDigest($0) }) == digest else { continue }
                    let decodeStart = clock.now
                    let state = try? StateCoding.decode(bytes)
                    decoding += clock.now - decodeStart
                    if let state { return (seq, state) }
                }
                return nil
            }
            // One read transaction, so that the rows listed are still there when their blobs are
            // read; inside an open write, that write already gives this.
            if db.isInsideTransaction { return try newestValid() }
            var result: (seq: Int64, state: State)?
            try db.inTransaction(.deferred) {
                result = try newestValid()
                return .commit
            }
            return result
        }
        snapshotTimings = (clock.now - start - decoding, decoding)
        return found
    }

    /// The `state` blob of the snapshot `seq`, read by SQLite's incremental blob I/O straight into
    /// the array the decoded state keeps: fetching the column would first assemble the ~22 MB of a
    /// province snapshot in SQLite's own buffer, to be copied once more. Nil if it cannot be read.
    private static func snapshotBytes(_ db: Database, seq: Int64) -> [UInt8]? {
        guard let connection = db.sqliteConnection else { return nil }
        var handle: OpaquePointer?
        defer { sqlite3_blob_close(handle) }
        guard sqlite3_blob_open(connection, "main", "snapshot", "state", seq, 0, &handle) == SQLITE_OK,
              let handle else { return nil }
        let size = Int(sqlite3_blob_bytes(handle))
        var ok = true
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            if size > 0, let base = buffer.baseAddress {
                ok = sqlite3_blob_read(handle, base, Int32(size), 0) == SQLITE_OK
            }
            count = ok ? size : 0
        }
        return ok ? bytes : nil
    }

    /// Stores the state as it is after the event `seq`, and prunes older snapshots. Inside a
    /// write it joins that transaction; outside, it takes its own.
    ///
    /// The blob is the canonical encoding `State.digest()` hashes, so its SHA-256 is that digest:
    /// one encoding instead of two. A test pins the equality. The encoding is hashed (mostly
    /// while it is being written) and bound where the encoder left it: a province's 22 MB were
    /// otherwise copied into an array, then a `Data`, then SQLite's own buffer before reaching
    /// its pages.
    public func saveSnapshot(seq: Int64, state: State) throws {
        try StateCoding.withEncoded(state) { blob, digest in
            try write { _ in
                try withDatabase { db in
                    try Self.insertSnapshot(db, seq: seq, digest: digest, blob: blob)
                    // `seq < NULL` matches nothing, so fewer than `snapshotsKept` rows keeps them all.
                    try db.execute(sql: """
                        DELETE FROM snapshot WHERE seq < (SELECT seq FROM snapshot ORDER BY seq DESC LIMIT 1 OFFSET ?)
                        """, arguments: [Self.snapshotsKept - 1])
                }
            }
        }
    }

    /// SQLite's SQLITE_TRANSIENT: copy the bound value now (the digest's C string is a temporary).
    private static let copyNow = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    private static let insertSnapshotSQL = "INSERT OR REPLACE INTO snapshot (seq, digest, state) VALUES (?, ?, ?)"

    /// The snapshot row through the C API, the blob bound without a copy (SQLite reads it
    /// during the step, while `blob` is still alive).
    private static func insertSnapshot(_ db: Database, seq: Int64, digest: String, blob: UnsafeRawBufferPointer) throws {
        let statement = try db.makeStatement(sql: insertSnapshotSQL)
        let s = statement.sqliteStatement
        defer {
            sqlite3_reset(s)
            sqlite3_clear_bindings(s)
        }
        sqlite3_bind_int64(s, 1, seq)
        _ = sqlite3_bind_text(s, 2, digest, -1, copyNow)
        // A nil destructor is SQLITE_STATIC: the bytes outlive the statement's use of them.
        _ = sqlite3_bind_blob64(s, 3, blob.baseAddress, sqlite3_uint64(blob.count), nil)
        let code = sqlite3_step(s)
        guard code == SQLITE_DONE else {
            let message = sqlite3_errmsg(sqlite3_db_handle(s)).map { String(cString: $0) }
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: insertSnapshotSQL)
        }
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
