import Foundation
import GRDB
import XunchaCore

/// The two ledgers `store copy` moves between: a SQLite file and a PostgreSQL ledger, whose
/// tables both run on a `SQLExecutor`.
protocol SQLLedger: Ledger {
    var openWrite: OpenWrite? { get }
    func withTables<T>(_ body: (Projection) throws -> T) throws -> T
}

extension SQLiteLedger: SQLLedger {}
extension PostgresLedger: SQLLedger {}

/// `xuncha store copy SRC DST`: a whole ledger moved to another store, either way between the
/// engines. The journal goes row for row (seq, dates, actor, hashes, when recorded and entered)
/// and the tables are rebuilt from it, in one write of DST; so the copy's chain is the
/// source's and its tables are what the journal says, whatever the source's tables held.
public enum StoreCopy {
    static let journalColumns = ["seq", "at", "actor", "type", "body", "prev_hash", "hash", "recorded", "entered", "on_behalf"]

    /// The rows of a ledger's journal (`store copy` writes only into an empty one).
    public static func journalRows(_ ledger: any Ledger) throws -> Int {
        let store = try sql(ledger)
        return try store.withTables { try $0.db.integer(SQLPart("SELECT count(*) FROM journal")) ?? 0 }
    }

    /// Copies the journal of `source` into the empty `target` and rebuilds `target`'s tables;
    /// returns the rows copied. On PostgreSQL the target's login must own the ledger, since the
    /// server records any other login as the actor of every row (the hashes would break).
    public static func copy(from source: any Ledger, to target: any Ledger) throws -> Int {
        let from = try sql(source), to = try sql(target)
        var copied = 0
        try from.withTables { reading in
            _ = try to.write { _ in
                guard let open = to.openWrite else { throw StoreError.appendOutsideWrite }
                try open.flush()
                let names = journalColumns.joined(separator: ", ")
                let marks = Array(repeating: "?", count: journalColumns.count).joined(separator: ", ")
                let rows = try reading.db.cursor(SQLPart("SELECT \(names) FROM journal ORDER BY seq"))
                while let row = try rows.next() {
                    let values: [(any DatabaseValueConvertible)?] = [
                        row["seq"] as Int64?, row["at"] as String?, row["actor"] as String?, row["type"] as String?,
                        row["body"] as String?, row["prev_hash"] as String?, row["hash"] as String?,
                        row["recorded"] as String?, row["entered"] as String?, row["on_behalf"] as String?]
                    try open.db.execute(SQLPart("INSERT INTO journal (\(names)) VALUES (\(marks))", values))
                    copied += 1
                }
                try Replay.clearTables(open.db)
                // The head row is PostgreSQL's appenders' lock: it must exist for the replay to update.
                try open.db.execute(SQLPart("INSERT INTO head (id, seq, hash) VALUES (1, 0, ?)", [ChainHash.genesis]))
                try Replay.intoTables(open.db)
                try open.forget()
            }
        }
        return copied
    }

    static func sql(_ ledger: any Ledger) throws -> any SQLLedger {
        guard let store = ledger as? any SQLLedger else {
            throw StoreError.other(path: ledger.location, detail: "not a SQLite or PostgreSQL store")
        }
        return store
    }
}
