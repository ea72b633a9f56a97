import Foundation
import GRDB
// The C API, for the one hot statement (the append); GRDB exposes `Statement.sqliteStatement`
// for exactly this. GRDBSQLite is the module GRDB itself links SQLite through.
import GRDBSQLite
import XunchaCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The embedded journal: one SQLite file in WAL mode with `synchronous=FULL`, shared safely by
/// several sessions and processes. One `DatabaseQueue` (a single connection) per instance:
/// the file lock, not a connection pool, is what keeps several processes in order.
///
/// Not thread-safe: one session uses one instance from one thread at a time, as the `Journal`
/// protocol (not `Sendable`) implies.
public final class SQLiteJournal: Journal {
    /// How long a write waits, by default, for another session's write lock before giving up.
    public static let defaultBusyTimeout: TimeInterval = 5
    /// Older snapshots beyond this many are deleted: two, so that a damaged newest one still
    /// leaves a recent fallback without letting the file grow by a whole state every interval.
    static let snapshotsKept = 2

    public let location: String
    let queue: DatabaseQueue
    /// The busy timeout in whole seconds, for messages.
    let busySeconds: Int

    /// The connection while a write transaction is open: nested calls, and reads made from
    /// inside the transaction, must use it (GRDB's queue is not reentrant).
    var openWrite: Database?
    /// Counts outermost writes, so that an appender kept from an earlier write is refused
    /// even while a later write is open on the same connection.
    private var writeGeneration = 0
    /// The last (seq, hash) inside the open write. Safe to cache: the IMMEDIATE transaction
    /// holds the file's write lock, so no other process can append until we commit.
    var tail: (seq: Int64, hash: String)?
    /// The prepared INSERT while a write is open.
    var openInsert: Statement?
    /// Appends made in the open write; past `backgroundAfter` they move to `writer`.
    private var appendsInWrite = 0
    /// The second thread that inserts the rows of a long write (see `JournalWriter`).
    var writer: JournalWriter?
    /// A write that appends more rows than this is a command file: its rows are written on a
    /// second thread. A single command never gets there, so it never waits for a thread hop.
    static let backgroundAfter = 256
    /// How long the last `latestSnapshot` spent reading and checking bytes, and decoding them.
    public internal(set) var snapshotTimings: (read: Duration, decode: Duration) = (.zero, .zero)
    /// Time spent in COMMIT so far: with `synchronous=FULL` that is where SQLite writes the WAL
    /// frames and waits for the disk (fsync). Lets a timer tell a command's own work from the flush.
    public private(set) var flushTime: Duration = .zero

    private init(path: String, queue: DatabaseQueue, busyTimeout: TimeInterval) {
        self.location = path
        self.queue = queue
        self.busySeconds = Int(busyTimeout.rounded(.up))
    }

    // MARK: - Opening

    /// Opens the store at `path`, creating it (and its directories, 0700) when it is missing
    /// and `createIfMissing` is true. Refuses, with a `StoreError`, anything that is not a
    /// xuncha store this build can read. `busyTimeout` is how long a write waits for another
    /// session's lock before failing with `StoreError.busy`.
    public static func open(path: String, createIfMissing: Bool,
                            busyTimeout: TimeInterval = defaultBusyTimeout) throws -> SQLiteJournal {
        guard !path.isEmpty else { throw StoreError.missing(path: path) }
        var created = false
        switch try StoreFiles.kind(of: path) {
        case .directory: throw StoreError.isDirectory(path: path)
        case .notSQLite: throw StoreError.notAStore(path: path)
        case .sqlite: break
        case .absent:
            guard createIfMissing else { throw StoreError.missing(path: path) }
            created = try create(at: path, busyTimeout: busyTimeout)
        }
        let journal = try connect(path: path, busyTimeout: busyTimeout)
        if created { StoreFiles.makePrivate(path) }
        return journal
    }

    static func configuration(busyTimeout: TimeInterval) -> Configuration {
        var config = Configuration()
        config.label = "xuncha.store"
        config.busyMode = .timeout(busyTimeout)
        // FULL, not GRDB's WAL default of NORMAL: a committed command must survive a power cut.
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        // GRDB stops the process if an access ends inside a transaction. Ours always commits
        // or rolls back, but a failed rollback must be an error at the next write (which
        // rolls it back first), never a crash.
        config.allowsUnsafeTransactions = true
        return config
    }

    private static func connect(path: String, busyTimeout: TimeInterval) throws -> SQLiteJournal {
        do {
            return try translatingErrors(path: path, busySeconds: Int(busyTimeout.rounded(.up))) {
                let queue = try DatabaseQueue(path: path, configuration: configuration(busyTimeout: busyTimeout))
                let journal = SQLiteJournal(path: path, queue: queue, busyTimeout: busyTimeout)
                try queue.inDatabase { db in
                    try StoreSchema.validate(db, path: path)
                    // WAL is a property of the file; restore it if someone switched it off.
                    // Failing to (another connection is open) leaves a slower but correct store.
                    if try String.fetchOne(db, sql: "PRAGMA journal_mode") != "wal" {
                        _ = try? String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
                    }
                }
                return journal
            }
        } catch let error as StoreError {
            // WAL needs to create -wal/-shm beside the file; in a directory we cannot write
            // SQLite only says "unable to open", which helps nobody.
            let dir = StorePath.parent(of: path)
            switch error {
            case .other, .readOnly, .permissionDenied:
                if access(dir, W_OK) != 0 { throw StoreError.readOnly(path: dir) }
            default: break
            }
            throw error
        }
    }

    /// Builds a new store under a temporary name and links it into place, so that a crash
    /// during creation never leaves a half-made store at `path`. Returns false when another
    /// process created the store first (theirs is then used).
    private static func create(at path: String, busyTimeout: TimeInterval) throws -> Bool {
        try StoreFiles.makeDirectories(StorePath.parent(of: path))
        StoreFiles.removeAbandonedCreations(of: path)
        let tmp = "\(path).creating-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        // The temporary name means nothing to the user: a refusal names the directory.
        try StoreFiles.createPrivateFile(tmp, directory: StorePath.parent(of: path))
        defer { StoreFiles.remove(tmp) }
        try translatingErrors(path: path, busySeconds: Int(busyTimeout.rounded(.up))) {
            let queue = try DatabaseQueue(path: tmp, configuration: configuration(busyTimeout: busyTimeout))
            try queue.writeWithoutTransaction { db in
                // 16 KiB pages, not 4: a province batch writes ~80 MB, twice (WAL, then the
                // checkpoint), and a quarter as many pages is a quarter as many frame headers,
                // checksum runs and system calls; measured at ~60 ms less in the commit's
                // checkpoint. Only a new store gets it (changing it later needs a VACUUM).
                try db.execute(sql: "PRAGMA page_size = 16384")
                _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
                try db.inTransaction(.immediate) {
                    try StoreSchema.create(db, createdAt: Date())
                    return .commit
                }
            }
            // Closing the only connection checkpoints the WAL into the file and removes
            // -wal/-shm, so the file linked into place is complete on its own.
            try queue.close()
        }
        return try StoreFiles.placeWithoutReplacing(tmp, at: path)
    }

    /// Closes the connection now rather than when the instance is released.
    public func close() throws {
        try translatingErrors(path: location, busySeconds: busySeconds) { try queue.close() }
    }

    // MARK: - Database access

    /// Runs `body` on the open write transaction's connection if there is one, else on the
    /// queue; SQLite errors come out as `StoreError`.
    func withDatabase<T>(_ body: (Database) throws -> T) throws -> T {
        try translatingErrors(path: location, busySeconds: busySeconds) {
            if let db = openWrite {
                try drainWriter()
                return try body(db)
            }
            return try queue.inDatabase(body)
        }
    }

    // MARK: - Writing

    public func write<T>(_ body: (any JournalAppender) throws -> T) throws -> T {
        if let db = openWrite { return try nestedWrite(db, body) }
        return try translatingErrors(path: location, busySeconds: busySeconds) {
            try queue.writeWithoutTransaction { db in
                if db.isInsideTransaction { try db.rollback() }
                // IMMEDIATE takes the write lock now (waiting up to the busy timeout), so the
                // tail we read below cannot be appended to by anyone else before we commit.
                try db.beginTransaction(.immediate)
                writeGeneration += 1
                openWrite = db
                tail = nil
                appendsInWrite = 0
                defer {
                    stopWriter()
                    openWrite = nil
                    tail = nil
                    openInsert = nil
                }
                do {
                    let result = try body(Appender(journal: self, db: db, generation: writeGeneration))
                    try drainWriter()
                    let clock = ContinuousClock()
                    let started = clock.now
                    defer { flushTime += started.duration(to: clock.now) }
                    try db.commit()
                    return result
                } catch {
                    // A rollback failure must not hide the error that caused it; GRDB's
                    // rollback does nothing when SQLite already rolled back (disk full, I/O).
                    // The writer's thread lets go of the connection first.
                    stopWriter()
                    try? db.rollback()
                    throw error
                }
            }
        }
    }

    /// A write inside a write joins the outer transaction. If the inner body throws, only its
    /// own appends are undone, and since the journal is append-only that is a truncation back
    /// to the seq it started from; if the outer body throws, everything goes. Not a SAVEPOINT:
    /// SQLite copies each page a savepoint touches into a statement journal, measured at
    /// ~15 µs per nested write, and a batch file nests one write per command.
    private func nestedWrite<T>(_ db: Database, _ body: (any JournalAppender) throws -> T) throws -> T {
        try drainWriter()
        let start = try tail ?? withDatabase { try Self.readTail($0) }
        tail = start
        do {
            return try body(Appender(journal: self, db: db, generation: writeGeneration))
        } catch {
            // Truncating below rows the writer numbered would leave it out of step: its rows
            // are written first, then it stops and appends go on from here directly.
            if (try? drainWriter()) == nil { stopWriter(); throw error }
            stopWriter()
            if let now = tail, now.seq > start.seq {
                // If this fails the transaction is already lost (SQLite rolled it back after an
                // I/O error); the outer write fails on commit, so nothing wrong is kept.
                try? db.execute(sql: "DELETE FROM journal WHERE seq > ?", arguments: [start.seq])
                try? db.execute(sql: "DELETE FROM snapshot WHERE seq > ?", arguments: [start.seq])
                tail = start
            }
            throw error
        }
    }

    private static let insertSQL = """
        INSERT INTO journal (seq, at, actor, type, body, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)
        """

    fileprivate func append(_ event: Event, at day: Day, actor: String, db: Database, generation: Int) throws -> Int64 {
        // An appender kept past its write must not append; nor may anyone once SQLite rolled
        // the transaction back on its own (disk full inside a nested write whose error the
        // outer body caught): the row would be committed alone, outside the batch.
        guard openWrite === db, generation == writeGeneration else { throw StoreError.appendOutsideWrite }
        if let writer { return writer.append(event, at: day, actor: actor) }
        guard db.isInsideTransaction else { throw StoreError.writeAborted(path: location) }
        return try translatingErrors(path: location, busySeconds: busySeconds) {
            let last = try tail ?? Self.readTail(db)
            let seq = last.seq + 1
            let insert: Statement
            if let prepared = openInsert {
                insert = prepared
            } else {
                insert = try db.cachedStatement(sql: Self.insertSQL)
                openInsert = insert
            }
            var encoder = RowEncoder(tail: last)
            try encoder.insert(insert.sqliteStatement, seq: seq, event: event, at: day, actor: actor)
            let written = encoder.tail
            tail = written
            appendsInWrite += 1
            if appendsInWrite >= Self.backgroundAfter { writer = JournalWriter(statement: insert.sqliteStatement, tail: written) }
            return seq
        }
    }

    /// Waits for the writer's rows to be in the database; the tail is then known here again.
    func drainWriter() throws {
        if let writer { tail = try writer.drain() }
    }

    /// Ends the writer's thread (after writing or, once failed, skipping what it was given).
    func stopWriter() {
        writer?.finish()
        writer = nil
    }

    /// The error of a failed step of the INSERT, as GRDB would report it.
    static func stepError(_ s: SQLiteStatement, code: Int32) -> DatabaseError {
        let message = sqlite3_db_handle(s).flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
        return DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: insertSQL)
    }

    private static func readTail(_ db: Database) throws -> (seq: Int64, hash: String) {
        let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1"))
        guard let row else { return (0, ChainHash.genesis) }
        return (try row.decode(Int64.self, atIndex: 0), try row.decode(String.self, atIndex: 1))
    }

    /// The appender handed to a write body: it is only valid while that write is open.
    private struct Appender: JournalAppender {
        let journal: SQLiteJournal
        let db: Database
        let generation: Int

        func entries(after seq: Int64) throws -> [JournalEntry] { try journal.entries(after: seq) }

        func append(_ event: Event, at: Day, actor: String) throws -> Int64 {
            try journal.append(event, at: at, actor: actor, db: db, generation: generation)
        }
    }
}
