import Foundation
import GRDB
import XunchaCore

/// The numbered migrations of a ledger (GRDB records the ones applied in `grdb_migrations`).
/// A store of format 1 has none recorded: the first is a no-op for it, and the second builds the
/// tables by replaying its journal and drops the snapshot.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("1 journal") { db in
            try db.execute(sql: Tables.journal)
        }
        m.registerMigration("2 projection tables") { db in
            try db.execute(sql: Tables.projection)
            try db.execute(sql: Tables.views)
            try db.execute(sql: "DROP TABLE IF EXISTS snapshot")
            // The replay reads and writes every table the current code knows, including those
            // later migrations add (`IF NOT EXISTS` there): a format-1 journal holds none of their facts.
            try Tables.addLater(db)
            try Replay.intoTables(db)
            try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('format', ?)", arguments: [String(Tables.format)])
        }
        m.registerMigration("3 tally index") { db in
            try db.execute(sql: Tables.tallyIndex)
        }
        m.registerMigration("4 back-entry dates") { db in
            // Migration 2 makes these columns in a store it builds (its replay writes them); a
            // store that already had its tables gets them here.
            for (table, column) in [("journal", "entered"), ("issue_history", "entered")]
            where try !db.columns(in: table).contains(where: { $0.name == column }) {
                try db.execute(sql: "ALTER TABLE \(table) ADD COLUMN \(column) TEXT")
            }
        }
        m.registerMigration("5 assessments") { db in
            try db.execute(sql: Tables.assessments)
        }
        m.registerMigration("6 supervision checks") { db in
            try db.execute(sql: Tables.checks)
        }
        m.registerMigration("7 round reports") { db in
            try Tables.addLater(db)
        }
        m.registerMigration("8 on behalf") { db in
            try Tables.addLater(db)
        }
        m.registerMigration("9 roles") { db in
            try Tables.addLater(db)
        }
        return m
    }

    /// Writes the `meta` rows of a store being created.
    static func stamp(_ db: Database, createdAt: Date) throws {
        let stamp = ISO8601DateFormatter().string(from: createdAt)
        for (key, value) in [("format", String(Tables.format)), ("created_by", "xuncha"), ("created_at", stamp)] {
            try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", arguments: [key, value])
        }
    }

    /// Refuses a database that xuncha did not make, or that a newer xuncha made. Returns the
    /// format found.
    static func validate(_ db: Database, path: String) throws -> Int {
        let names = try String.fetchSet(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('meta', 'journal')")
        guard names.contains("meta") else { throw StoreError.foreignDatabase(path: path, detail: "no meta table") }
        var meta: [String: String] = [:]
        do {
            for row in try Row.fetchAll(db, sql: "SELECT key, value FROM meta") {
                if let key = row["key"] as String?, let value = row["value"] as String? { meta[key] = value }
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_ERROR {
            // Someone else's `meta` table, with other columns ("no such column").
            throw StoreError.foreignDatabase(path: path, detail: "meta table without key/value")
        }
        guard meta["created_by"] == "xuncha" else {
            throw StoreError.foreignDatabase(path: path, detail: "meta does not say created_by = xuncha")
        }
        guard let text = meta["format"], let found = Int(text), found >= 1 else {
            throw StoreError.foreignDatabase(path: path, detail: "no readable format in meta")
        }
        // Checked before the tables: a newer format may have renamed them.
        guard found <= Tables.format else { throw StoreError.newerFormat(path: path, found: found) }
        guard names.contains("journal") else { throw StoreError.foreignDatabase(path: path, detail: "no journal table") }
        return found
    }
}

/// Building the tables from the journal: the migration of an old store, `audit rebuild`, and
/// the replay `audit verify` compares the tables with.
enum Replay {
    /// Applies every journal row of `db` to its (empty) tables and points the head at the last.
    static func intoTables(_ db: any SQLExecutor) throws {
        let write = try OpenWrite(db: db, recorded: "")
        var last: (seq: Int64, hash: String) = (0, ChainHash.genesis)
        let rows = try db.cursor(SQLPart("SELECT seq, at, actor, type, body, hash, entered, on_behalf FROM journal ORDER BY seq"))
        var count = 0
        while let row = try rows.next() {
            let entry = try JournalRows.entry(from: row)
            try write.change(try write.apply(entry.event, on: entry.at, actor: entry.actor, entered: entry.entered,
                                             onBehalf: entry.onBehalf))
            last = (entry.seq, row["hash"])
            count += 1
            // A long journal is written back in parts, so the cache does not hold the whole ledger.
            if count % 20_000 == 0 { try write.flush(); write.forgetEntities() }
        }
        write.adopt(tail: last)
        try write.flush()
    }

    /// Empties every projection table (before a rebuild).
    static func clearTables(_ db: any SQLExecutor) throws {
        for table in ["rounds", "round_teams", "round_targets", "units", "urges", "unit_assessments", "unit_checks", "unit_reports", "issues", "issue_progress",
                      "issue_reports", "issue_verifications", "issue_rules", "issue_history", "transfers", "settings", "grants",
                      "persons", "head"] {
            try db.execute(SQLPart("DELETE FROM \(table)"))
        }
    }
}
