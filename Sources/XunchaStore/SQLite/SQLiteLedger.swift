import Foundation
import GRDB
import XunchaCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The ledger in one SQLite file (WAL, `synchronous=FULL`), or in memory: the journal and the
/// projection tables, kept current in the same transaction. One `DatabaseQueue` (a single
/// connection) per instance: the file lock, not a connection pool, keeps several processes in
/// order. Not thread-safe: one session uses it from one thread, as `Ledger` (not `Sendable`)
/// implies.
public final class SQLiteLedger: Ledger {
    /// How long a write waits, by default, for another session's write lock before giving up.
    public static let defaultBusyTimeout: TimeInterval = 5
    /// The same for `-c` commands and command files, which no one at a prompt will try again:
    /// SQLite's lock is not a queue, so with several writers at work a turn can take longer to
    /// come than any one of them holds the lock, and another's long file may hold it for seconds.
    public static let unattendedBusyTimeout: TimeInterval = 30

    public let location: String
    let queue: DatabaseQueue
    let busySeconds: Int
    /// The write transaction in progress, if any: reads made meanwhile go through it.
    var openWrite: OpenWrite?
    /// How many entities a write keeps before writing their rows (`OpenWrite.cacheBound`).
    var writeCacheBound = OpenWrite.defaultCacheBound
    /// The connection of that write (`openWrite` sees it only as SQL to run).
    var openDatabase: Database?
    /// True when this open made the store's file.
    public internal(set) var wasCreated = false
    /// Where the file of an earlier format was kept when this open migrated it.
    public internal(set) var migrationBackup: String?
    /// Time spent in COMMIT so far: with `synchronous=FULL` that is where SQLite writes the WAL
    /// and waits for the disk. Lets a timer tell a command's own work from the flush.
    public private(set) var flushTime: Duration = .zero

    init(location: String, queue: DatabaseQueue, busyTimeout: TimeInterval) {
        self.location = location
        self.queue = queue
        self.busySeconds = Int(busyTimeout.rounded(.up))
    }

    /// SQLite's page cache in KiB (negative: a size, not a page count) during a write and
    /// otherwise (SQLite's default).
    static let writeCacheKiB = -65_536
    static let readCacheKiB = -2_000

    /// A ledger that lives in memory only (`--memory`, tests): the same tables and code.
    public static func inMemory() throws -> SQLiteLedger {
        try translatingErrors(path: "memory", busySeconds: 0) {
            let queue = try DatabaseQueue(configuration: configuration(busyTimeout: 0))
            try queue.write { db in
                try db.execute(sql: Tables.journal)
                try Migrations.stamp(db, createdAt: Date())
            }
            try Migrations.migrator.migrate(queue)
            return SQLiteLedger(location: "memory", queue: queue, busyTimeout: 0)
        }
    }

    static func configuration(busyTimeout: TimeInterval) -> Configuration {
        var config = Configuration()
        config.label = "xuncha.store"
        config.busyMode = busyTimeout > 0 ? .callback(busyWait(timeout: busyTimeout)) : .immediateError
        // FULL, not GRDB's WAL default of NORMAL: a committed command must survive a power cut.
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        // A failed rollback must be an error at the next write (which rolls back first), never a crash.
        config.allowsUnsafeTransactions = true
        return config
    }

    /// How long a writer waiting for the write lock sleeps between tries.
    static let busyPollMicroseconds: UInt32 = 2_000

    /// Waits for another session's write lock by trying every `busyPollMicroseconds` until
    /// `timeout` is spent. SQLite's own busy timeout sleeps ever longer between tries, up to
    /// 100 ms: a writer that has waited a while tries ten times a second while the others try
    /// every few milliseconds, so with several writers at work it can lose every turn until it
    /// gives up (eight writers on a loaded machine: one command refused as busy after 5 s while
    /// the others went on). Trying at one short interval gives every waiter the same chance at
    /// each release. Like SQLite's, the wait is counted in sleeps, so a loaded machine that
    /// sleeps longer waits at least `timeout`, never less.
    static func busyWait(timeout: TimeInterval) -> Database.BusyCallback {
        let poll = busyPollMicroseconds
        let tries = Int((timeout * 1_000_000 / Double(poll)).rounded(.up))
        return { numberOfTries in
            guard numberOfTries < tries else { return false }
            usleep(poll)
            return true
        }
    }

    /// Closes the connection now rather than when the instance is released.
    public func close() throws {
        try translatingErrors(path: location, busySeconds: busySeconds) { try queue.close() }
    }

    /// Runs `body` on the open write's connection if there is one, else on the queue.
    func withDatabase<T>(_ body: (Database) throws -> T) throws -> T {
        try translatingErrors(path: location, busySeconds: busySeconds) {
            if let db = openDatabase { return try body(db) }
            return try queue.inDatabase(body)
        }
    }

    /// Reads the tables: through the open write (flushed first) when there is one.
    func withTables<T>(_ body: (Projection) throws -> T) throws -> T {
        try translatingErrors(path: location, busySeconds: busySeconds) {
            if let open = openWrite { return try body(try open.tables()) }
            return try queue.inDatabase { try body(Projection(db: $0)) }
        }
    }

    // MARK: - Writing

    public func write<T>(_ body: (any LedgerWriter) throws -> T) throws -> T {
        if let open = openWrite { return try nestedWrite(open, body) }
        return try translatingErrors(path: location, busySeconds: busySeconds) {
            try queue.writeWithoutTransaction { db in
                if db.isInsideTransaction { try db.rollback() }
                // A long file's transaction changes more pages than SQLite's default cache
                // (2 MB) holds: spilled to the WAL and read back, they cost a province file a
                // quarter of its time in pwrite/pread (perf). The larger cache is for writes only,
                // so a query's memory stays small.
                try db.execute(sql: "PRAGMA cache_size = \(Self.writeCacheKiB)")
                defer { try? db.execute(sql: "PRAGMA cache_size = \(Self.readCacheKiB)") }
                // IMMEDIATE takes the write lock now, so the head read below stays the tail.
                try db.beginTransaction(.immediate)
                defer { openWrite = nil; openDatabase = nil }
                do {
                    let open = try OpenWrite(db: db, recorded: ISO8601DateFormatter().string(from: Date()))
                    open.cacheBound = writeCacheBound
                    openWrite = open
                    openDatabase = db
                    let result = try body(Writer(ledger: self, open: open))
                    try open.flush()
                    let clock = ContinuousClock()
                    let started = clock.now
                    defer { flushTime += started.duration(to: clock.now) }
                    try db.commit()
                    return result
                } catch {
                    // A rollback failure must not hide the error that caused it.
                    try? db.rollback()
                    throw error
                }
            }
        }
    }

    /// A write inside a write joins the outer transaction under a savepoint: if the inner body
    /// throws, only what it recorded is taken back (the journal refuses DELETE, so truncating it
    /// is not an option, and needs none).
    private func nestedWrite<T>(_ open: OpenWrite, _ body: (any LedgerWriter) throws -> T) throws -> T {
        try translatingErrors(path: location, busySeconds: busySeconds) {
            try open.flush()
            try open.db.execute(SQLPart("SAVEPOINT nested"))
            do {
                let result = try body(Writer(ledger: self, open: open))
                try open.flush()
                try open.db.execute(SQLPart("RELEASE nested"))
                return result
            } catch {
                try? open.db.execute(SQLPart("ROLLBACK TO nested"))
                try? open.db.execute(SQLPart("RELEASE nested"))
                try? open.forget()
                throw error
            }
        }
    }

    /// The recorder handed to a write body: valid only while that write is open.
    struct Writer: LedgerWriter {
        let ledger: SQLiteLedger
        let open: OpenWrite

        func check() throws {
            guard ledger.openWrite === open else { throw StoreError.appendOutsideWrite }
        }

        func findRound(_ code: String) throws -> Round? { try check(); return try open.round(code) }
        func findUnit(_ code: String) throws -> XunchaCore.Unit? { try check(); return try open.unit(code) }
        func findIssue(_ id: String) throws -> Issue? { try check(); return try open.issue(id) }
        func findTransfer(_ id: String) throws -> Transfer? { try check(); return try open.transfer(id) }
        func currentPolicy() throws -> Policy { try check(); return try open.currentPolicy() }
        func nextTransferNumber() throws -> Int { try check(); return try open.nextTransferNumber() }
        func currentAccess() throws -> Access { try check(); return try open.currentAccess() }
        func creator() throws -> String? { try check(); return try open.creator() }
        func roundCodes(limit: Int) throws -> (codes: [String], more: Bool) { try check(); return try open.roundCodes(limit: limit) }
        func unitCodes(limit: Int) throws -> (codes: [String], more: Bool) { try check(); return try open.unitCodes(limit: limit) }
        func openIssueCount(round: String) throws -> Int { try check(); return try open.openIssueCount(round: round) }
        func undatedOpenIssues(round: String) throws -> [String] { try check(); return try open.undatedOpenIssues(round: round) }

        // The journal rows of this write may still be in the batch.
        func entries(after seq: Int64) throws -> [JournalEntry] { try check(); try open.flush(); return try ledger.entries(after: seq) }

        func record(_ event: Event, at: Day, entered: Day?, actor: String, onBehalf: String?, changes: Fragment) throws -> Int64 {
            try check()
            guard ledger.openDatabase?.isInsideTransaction == true else { throw StoreError.writeAborted(path: ledger.location) }
            return try translatingErrors(path: ledger.location, busySeconds: ledger.busySeconds) {
                let seq = try open.append(event, at: at, entered: entered, actor: actor, onBehalf: onBehalf)
                try open.change(changes)
                try open.boundCache()
                return seq
            }
        }
    }

    // MARK: - Reading

    public func entries(after seq: Int64) throws -> [JournalEntry] {
        var result: [JournalEntry] = []
        try withDatabase { db in try JournalRows.forEach(db, after: seq) { result.append($0) } }
        return result
    }

    public func verifyChain() throws -> ChainReport {
        try withDatabase { db in try JournalRows.verify(db) }
    }

    /// The whole ledger as plain values: what `tablesDifference` compares with a replay, and
    /// what tests compare with a `State` of their own. No query of the shell goes through it.
    public func loadState() throws -> State {
        try withTables { try $0.loadState() }
    }
}

extension SQLiteLedger: LedgerReader {
    public func findRound(_ code: String) throws -> Round? { try withTables { try $0.round(code) } }
    public func findUnit(_ code: String) throws -> XunchaCore.Unit? { try withTables { try $0.unit(code) } }
    public func findIssue(_ id: String) throws -> Issue? { try withTables { try $0.issue(id) } }
    public func findTransfer(_ id: String) throws -> Transfer? { try withTables { try $0.transfer(id) } }
    public func currentPolicy() throws -> Policy { try withTables { try $0.policy() } }
    public func nextTransferNumber() throws -> Int { try withTables { try $0.nextTransfer() } }
    public func currentAccess() throws -> Access { try withTables { try $0.access() } }
    public func creator() throws -> String? { try withTables { try $0.creator() } }
    public func roundCodes(limit: Int) throws -> (codes: [String], more: Bool) { try withTables { try $0.codes(of: "rounds", limit: limit) } }
    public func unitCodes(limit: Int) throws -> (codes: [String], more: Bool) { try withTables { try $0.codes(of: "units", limit: limit) } }
    public func openIssueCount(round: String) throws -> Int { try withTables { try $0.openIssues(round: round).count } }
    public func undatedOpenIssues(round: String) throws -> [String] { try withTables { try $0.undatedOpenIssues(round: round) } }
}
