import GRDB

/// Moving a ledger's rows from a SQLite store into a PostgreSQL ledger made by `store init`,
/// table by table, as stored (the journal keeps its actors and hashes: the copy runs as the
/// ledger's owner, whose rows the actor trigger leaves as they are). The first part of
/// `store copy`; the PostgreSQL read side is tested on ledgers copied this way.
enum PostgresCopy {
    /// Every table of the ledger, the journal first, in one PostgreSQL transaction.
    static let tables = ["meta", "journal"] + PostgresSchema.projectionTables

    static func tables(from ledger: SQLiteLedger, to connection: PGConnection) throws {
        let target = PGExecutor(connection: connection)
        try connection.execute("BEGIN")
        do {
            // The empty ledger's own head and stamp give way to the copied ones.
            try connection.execute("DELETE FROM head")
            try connection.execute("DELETE FROM meta")
            try ledger.withDatabase { db in
                for table in tables {
                    let cursor = try Row.fetchCursor(db, sql: "SELECT * FROM \(table)")
                    while let row = try cursor.next() {
                        let columns = Array(row.columnNames)
                        let marks = Array(repeating: "?", count: columns.count).joined(separator: ", ")
                        try target.execute(SQLPart("INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(marks))",
                                                   Array(row.databaseValues)))
                    }
                }
            }
            try connection.execute("COMMIT")
        } catch {
            _ = try? connection.execute("ROLLBACK")
            throw error
        }
    }
}
