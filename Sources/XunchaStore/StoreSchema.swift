import Foundation
import GRDB

/// The tables of a store file (DESIGN §3) and the check that a file really is one.
/// The `format` in `meta` is what a later xuncha reads to decide whether it must migrate.
enum StoreSchema {
    /// The store format this build writes and reads.
    static let format = 1

    static let createSQL = """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
        CREATE TABLE journal (
            seq INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            type TEXT NOT NULL,
            body TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        );
        CREATE TABLE snapshot (seq INTEGER PRIMARY KEY, digest TEXT NOT NULL, state BLOB NOT NULL);
        """

    /// Fills a new, empty database. Runs inside the creating transaction.
    static func create(_ db: Database, createdAt: Date) throws {
        try db.execute(sql: createSQL)
        let stamp = ISO8601DateFormatter().string(from: createdAt)
        for (key, value) in [("format", String(format)), ("created_by", "xuncha"), ("created_at", stamp)] {
            try db.execute(sql: "INSERT INTO meta (key, value) VALUES (?, ?)", arguments: [key, value])
        }
    }

    /// Refuses a database that xuncha did not make, or that a newer xuncha made.
    static func validate(_ db: Database, path: String) throws {
        let names = try String.fetchSet(db, sql: """
            SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('meta', 'journal', 'snapshot')
            """)
        guard names.contains("meta") else {
            throw StoreError.foreignDatabase(path: path, detail: "no meta table")
        }
        var meta: [String: String] = [:]
        do {
            for row in try Row.fetchAll(db, sql: "SELECT key, value FROM meta") {
                if let key = try? row.decode(String.self, atIndex: 0), let value = try? row.decode(String.self, atIndex: 1) {
                    meta[key] = value
                }
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
        guard found <= format else { throw StoreError.newerFormat(path: path, found: found) }
        for table in ["journal", "snapshot"] where !names.contains(table) {
            throw StoreError.foreignDatabase(path: path, detail: "no \(table) table")
        }
    }
}
