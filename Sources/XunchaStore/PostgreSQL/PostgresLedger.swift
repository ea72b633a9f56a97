import Foundation
import XunchaCore

/// A shared ledger on PostgreSQL, made by `store init`: the same journal, tables and queries
/// as on SQLite (`OpenWrite`, `Projection`, `LedgerQueries` on a `PGExecutor`). A write is one
/// server transaction that locks the head row first, so appenders take turns and each chains
/// onto the real tail. The journal's actor is the login (`session_user`): for any login but
/// the ledger's owner the server sets it, so the session must record under that name or its
/// hashes would not verify. Not thread-safe: a session uses it from one thread.
public final class PostgresLedger: Ledger {
    /// `database@host`.
    public let location: String
    /// The login the journal records (`session_user`).
    public let identity: String
    /// Whether the login owns the ledger: only then may rows name another actor.
    public let isOwner: Bool
    let connection: PGConnection
    let executor: PGExecutor
    var openWrite: OpenWrite?
    /// How long a write waits for another session's lock before saying the ledger is busy.
    static let lockSeconds = Int(SQLiteLedger.defaultBusyTimeout)

    init(connection: PGConnection, isOwner: Bool) {
        self.connection = connection
        self.executor = PGExecutor(connection: connection)
        self.location = connection.location
        self.identity = connection.user
        self.isOwner = isOwner
    }

    /// The migrations this session applied on opening (the login owns an older ledger).
    public internal(set) var migrated: [String] = []

    /// Connects and checks that the database is a ledger of this release's schema. An older
    /// one is brought up to date when the login owns it (the same steps as `store init`, with
    /// the ledger's own group roles); anyone else is told who must.
    public static func open(conninfo: String) throws -> PostgresLedger {
        let connection = try PGConnection(conninfo: conninfo)
        let initialised = try connection.execute("SELECT to_regclass('xuncha_migrations') IS NOT NULL").rows.first?.first ?? nil
        guard initialised == "t" else { throw StoreError.postgres(.notInitialised(location: connection.location)) }
        let applied = Set(try connection.execute("SELECT identifier FROM xuncha_migrations").rows.compactMap { $0.first ?? nil })
        let owner = try connection.execute("SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = 'journal'::regclass")
            .rows.first?.first ?? nil
        if let missing = PostgresSchema.migrations.first(where: { !applied.contains($0.id) }) {
            guard let owner, owner == connection.user else {
                throw StoreError.postgres(.olderSchema(location: connection.location, migration: missing.id, owner: owner ?? "?"))
            }
            let report = try PostgresStoreInit.run(conninfo: conninfo, prefix: try rolePrefix(connection), now: Date())
            let ledger = try open(conninfo: conninfo)
            ledger.migrated = report.applied
            return ledger
        }
        return PostgresLedger(connection: connection, isOwner: owner == connection.user)
    }

    /// The prefix `store init` was given, read off the writer role granted on the journal, so
    /// that a migration grants to the ledger's own roles and creates no others.
    static func rolePrefix(_ connection: PGConnection) throws -> String? {
        let writers = try connection.execute("""
            SELECT grantee FROM information_schema.role_table_grants
            WHERE table_schema = current_schema() AND table_name = 'journal' AND privilege_type = 'INSERT'
              AND grantee LIKE '%xuncha\\_writer' ORDER BY grantee
            """).rows.compactMap { $0.first ?? nil }
        guard let writer = writers.first else { return nil }
        let prefix = String(writer.dropLast("xuncha_writer".count))
        return prefix.isEmpty ? nil : prefix
    }

    /// Runs `body` on the tables: through the open write (flushed first) when there is one.
    func withTables<T>(_ body: (Projection) throws -> T) throws -> T {
        if let open = openWrite { return try body(try open.tables()) }
        return try body(Projection(db: executor))
    }

    func query<T>(_ body: (LedgerQueries) throws -> T) throws -> T {
        try withTables { try body(LedgerQueries(db: $0.db)) }
    }

    // MARK: - Writing

    public func write<T>(_ body: (any LedgerWriter) throws -> T) throws -> T {
        if let open = openWrite { return try nestedWrite(open, body) }
        try connection.execute("BEGIN")
        defer { openWrite = nil }
        do {
            try connection.execute("SET LOCAL lock_timeout = '\(Self.lockSeconds)s'")
            let open = try OpenWrite(db: executor, recorded: ISO8601DateFormatter().string(from: Date()), lockHead: true)
            openWrite = open
            let first = open.tail.seq
            let result = try body(Writer(ledger: self, open: open))
            try open.flush()
            // Sessions that LISTEN hear which rows were appended, once this commits.
            if open.tail.seq > first {
                _ = try connection.execute("SELECT pg_notify($1, $2)", [Self.channel, "\(first) \(open.tail.seq)"])
            }
            try connection.execute("COMMIT")
            return result
        } catch {
            _ = try? connection.execute("ROLLBACK")
            throw busy(error)
        }
    }

    /// The channel of the journal's appends: the payload is `after last`, the rows seq > after
    /// through last that one transaction appended.
    static let channel = "xuncha_journal"

    /// Starts hearing other sessions' appends (`othersChanges`).
    public func listen() throws {
        _ = try connection.execute("LISTEN \(Self.channel)")
    }

    /// The rows other sessions appended since the last call, counted by actor (most first),
    /// from the notifications already delivered: nothing is asked of the server unless there
    /// are some.
    public func othersChanges() throws -> [(actor: String, count: Int)] {
        let me = connection.backendPID
        let ranges: [(Int64, Int64)] = connection.notifications().filter { $0.pid != me }.compactMap { note in
            let parts = note.payload.split(separator: " ")
            guard parts.count == 2, let after = Int64(parts[0]), let last = Int64(parts[1]) else { return nil }
            return (after, last)
        }
        var counts: [String: Int] = [:]
        for (after, last) in ranges {
            let rows = try connection.execute("SELECT actor, count(*) FROM journal WHERE seq > $1 AND seq <= $2 GROUP BY actor",
                                              [String(after), String(last)]).rows
            for row in rows where row.count == 2 {
                guard let actor = row[0], let count = row[1].flatMap({ Int($0) }) else { continue }
                counts[actor, default: 0] += count
            }
        }
        return counts.map { (actor: $0.key, count: $0.value) }.sorted { ($0.count, $1.actor) > ($1.count, $0.actor) }
    }

    /// A write inside a write joins the outer transaction under a savepoint, as on SQLite.
    private func nestedWrite<T>(_ open: OpenWrite, _ body: (any LedgerWriter) throws -> T) throws -> T {
        try open.flush()
        try connection.execute("SAVEPOINT nested")
        do {
            let result = try body(Writer(ledger: self, open: open))
            try open.flush()
            try connection.execute("RELEASE nested")
            return result
        } catch {
            _ = try? connection.execute("ROLLBACK TO nested")
            _ = try? connection.execute("RELEASE nested")
            try? open.forget()
            throw error
        }
    }

    /// A lock not granted within `lock_timeout` is the ledger being busy, as on SQLite.
    private func busy(_ error: any Error) -> any Error {
        if let e = error as? StoreError, e.postgresState == "55P03" { return StoreError.busy(path: location, seconds: Self.lockSeconds) }
        return error
    }

    struct Writer: LedgerWriter {
        let ledger: PostgresLedger
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
            // The server writes the login as the actor of anyone but the owner: a row hashed
            // under another name would break the chain, so it is refused before anything is sent.
            guard ledger.isOwner || actor == ledger.identity else {
                throw StoreError.postgres(.actorIsTheLogin(location: ledger.location, login: ledger.identity, actor: actor))
            }
            let seq = try open.append(event, at: at, entered: entered, actor: actor, onBehalf: onBehalf)
            let before = changes.access == nil ? nil : try open.currentAccess()
            try open.change(changes)
            if let before, let after = changes.access {
                // The server's check of the journal row decides first whether this login may
                // change roles at all, so the row is sent before any GRANT.
                try open.flush()
                try ledger.syncGroupRoles(from: before, to: after)
            }
            try open.boundCache()
            return seq
        }
    }

    // MARK: - Reading the journal

    public func entries(after seq: Int64) throws -> [JournalEntry] {
        var result: [JournalEntry] = []
        try JournalRows.forEach(executor, after: seq) { result.append($0) }
        return result
    }

    public func verifyChain() throws -> ChainReport {
        try JournalRows.verify(executor)
    }

    public func loadState() throws -> State {
        try withTables { try $0.loadState() }
    }

    /// The tables compared with a replay of the journal into a fresh in-memory SQLite ledger:
    /// the same replay, and the same comparison, as a SQLite store's.
    public func tablesDifference() throws -> String? {
        let replayed = try SQLiteLedger.inMemory()
        try replayed.write { _ in
            guard let open = replayed.openWrite else { throw StoreError.appendOutsideWrite }
            // A back-entry's `entered` day and the person a fact was entered for are part of what
            // the replay writes into the tables.
            let rows = try executor.cursor(SQLPart("SELECT seq, at, actor, type, body, prev_hash, hash, entered, on_behalf FROM journal ORDER BY seq"))
            while let row = try rows.next() {
                try open.db.execute(SQLPart("""
                    INSERT INTO journal (seq, at, actor, type, body, prev_hash, hash, entered, on_behalf) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, [row["seq"] as Int64?, row["at"] as String?, row["actor"] as String?, row["type"] as String?,
                          row["body"] as String?, row["prev_hash"] as String?, row["hash"] as String?,
                          row["entered"] as String?, row["on_behalf"] as String?]))
            }
            try Replay.intoTables(open.db)
            try open.forget()
        }
        return SQLiteLedger.firstDifference(try loadState(), try replayed.loadState())
    }

    /// Makes the tables again from the journal, in one transaction (`audit rebuild`).
    public func rebuild() throws {
        _ = try write { _ in
            guard let open = openWrite else { throw StoreError.appendOutsideWrite }
            try open.flush()
            try Replay.clearTables(open.db)
            // The head row is the appenders' lock: it is put back at once.
            try open.db.execute(SQLPart("INSERT INTO head (id, seq, hash) VALUES (1, 0, ?)", [ChainHash.genesis]))
            try Replay.intoTables(open.db)
            try open.forget()
        }
    }
}

extension PostgresLedger: LedgerReader {
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
