import Foundation
import GRDB
import XunchaCore

extension SQLiteLedger {
    /// Rebuilds the projection tables from the journal, in one transaction (`audit rebuild`):
    /// a row changed from outside xuncha is put back as the journal says it is.
    public func rebuild() throws {
        _ = try write { _ in
            guard let open = openWrite else { throw StoreError.appendOutsideWrite }
            try open.flush()
            try Replay.clearTables(open.db)
            try Replay.intoTables(open.db)
            try open.forget()
        }
    }

    /// Compares the tables with a replay of the journal into a fresh in-memory ledger. Nil when
    /// they are equal; otherwise the first entity (in key order) that differs.
    public func tablesDifference() throws -> String? {
        let replayed = try DatabaseQueue()
        try replayed.write { db in
            try db.execute(sql: Tables.journal)
            try db.execute(sql: Tables.projection)
        }
        // The tables and columns later migrations add, which the replay reads and writes too.
        try replayed.write { try Tables.addLater($0) }
        try withDatabase { db in
            try replayed.write { target in
                let rows = try Row.fetchCursor(db, sql: "SELECT seq, at, actor, type, body, prev_hash, hash, entered, on_behalf FROM journal ORDER BY seq")
                while let row = try rows.next() {
                    try target.execute(sql: """
                        INSERT INTO journal (seq, at, actor, type, body, prev_hash, hash, entered, on_behalf) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """, arguments: [row["seq"], row["at"], row["actor"], row["type"], row["body"], row["prev_hash"], row["hash"],
                                         row["entered"], row["on_behalf"]])
                }
            }
        }
        try replayed.write { try Replay.intoTables($0) }
        let expected = try replayed.read { try Projection(db: $0).loadState() }
        return Self.firstDifference(try loadState(), expected)
    }

    static func firstDifference(_ found: State, _ expected: State) -> String? {
        func first<V: Equatable>(_ what: String, _ a: [String: V], _ b: [String: V], order: (String, String) -> Bool) -> String? {
            for key in Set(a.keys).union(b.keys).sorted(by: order) where a[key] != b[key] {
                if a[key] == nil { return "\(what) \(key) is missing from the tables" }
                if b[key] == nil { return "\(what) \(key) is in the tables but not in the journal" }
                return "\(what) \(key) differs from the journal"
            }
            return nil
        }
        return first("round", found.rounds, expected.rounds, order: <)
            ?? first("unit", found.units, expected.units, order: <)
            ?? first("issue", found.issues, expected.issues, order: IssueID.less)
            ?? first("transfer", found.transfers, expected.transfers, order: <)
            ?? (found.policy != expected.policy ? "the settings differ from the journal" : nil)
            ?? (found.nextTransfer != expected.nextTransfer ? "the transfer counter differs from the journal" : nil)
            ?? (found.access != expected.access ? "the roles differ from the journal" : nil)
    }

    /// A private in-memory copy of this ledger, made with SQLite's backup API.
    public func inMemoryCopy() throws -> SQLiteLedger {
        try translatingErrors(path: location, busySeconds: busySeconds) {
            let copy = try DatabaseQueue(configuration: Self.configuration(busyTimeout: 0))
            try queue.backup(to: copy)
            return SQLiteLedger(location: "memory", queue: copy, busyTimeout: 0)
        }
    }
}
