import GRDB

/// An INSERT of one table's rows, sent many rows to a statement: `INSERT INTO t (a, b) VALUES
/// (?, ?), (?, ?) … [ON CONFLICT …]`. Built once per table and kind of write.
struct BatchedInsert: Sendable {
    let table: String
    let columns: [String]
    /// What follows the VALUES list (an upsert's `ON CONFLICT … DO UPDATE`), or "".
    let conflict: String
    /// Tells the statements apart in a batch: short, since it is hashed for every row.
    let key: String

    init(table: String, columns: [String], conflict: String = "") {
        self.table = table
        self.columns = columns
        self.conflict = conflict
        key = conflict.isEmpty ? table : table + " upsert"
    }

    /// The statement for `rows` rows, with placeholders as `dialect` spells them (numbered
    /// here, so that a statement of 65,000 placeholders is not scanned again to number them).
    func sql(rows: Int, _ dialect: Dialect) -> String {
        let width = columns.count
        var out = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
        out.reserveCapacity(out.utf8.count + rows * width * 8 + conflict.utf8.count)
        var n = 0
        for r in 0..<rows {
            out += r == 0 ? "(" : ", ("
            for c in 0..<width {
                if c > 0 { out += ", " }
                n += 1
                out += dialect.numberedPlaceholders ? "$\(n)" : "?"
            }
            out += ")"
        }
        if !conflict.isEmpty { out += " " + conflict }
        return out
    }
}

/// The rows a flush writes, gathered per statement and sent as multi-row INSERTs, so that a
/// command file costs a round trip per few thousand rows instead of one per row.
///
/// Why multi-row INSERTs (release build, local PostgreSQL on a Unix socket, medians of 5 on a
/// loaded machine): the first 2,500 lines of the city workload took 1.14 s with a statement a
/// row and 0.34 s batched; the whole city file (8,708 lines) 4.15 s and 0.72 s; the province
/// file 80.6 s and 24.0 s (one run each). Statements of at most 100 rows took the city file
/// 1.09 s, of as many as the placeholder limit allows 0.89 s: hence 1,000. COPY into a
/// temporary table plus one upsert per table was not taken: two statements per table and
/// flush, COPY's own text escaping beside the binding every other statement uses, and a
/// second path for SQLite, which has no COPY; with batches the client's own work (deciding,
/// encoding, hashing: 7.6 s of CPU for the province file) is what is left, not the sending.
///
/// Each row keeps the journal seq of the command that wrote it (`origin`): when the engine
/// refuses a statement, the rows are tried one by one to find the refused one, and the error
/// names that command, so the shell can name its line.
final class RowBatch {
    let db: any SQLExecutor
    /// Rows gathered per statement, sent when a statement is full.
    private var pending: [String: Pending] = [:]
    /// The statements in the order their first row came, so that rows go out in a stable order.
    private var order: [String] = []
    /// The SQL of each statement size already built: a flush sends the same few sizes again.
    private var texts: [String: [Int: String]] = [:]

    /// The most rows one statement carries (measured above: 100 and 7,000 were both slower).
    static let defaultRowsPerStatement = 1_000
    var rowsPerStatement = RowBatch.defaultRowsPerStatement

    private struct Pending {
        let insert: BatchedInsert
        var values: [(any DatabaseValueConvertible)?] = []
        var origins: [Int64] = []
    }

    init(db: any SQLExecutor) { self.db = db }

    var isEmpty: Bool { order.isEmpty }

    /// How many rows of `insert` one statement takes: within the engine's limit on
    /// placeholders (65,535 on PostgreSQL, 32,766 on SQLite) and `rowsPerStatement`.
    func capacity(_ insert: BatchedInsert) -> Int {
        max(1, min(rowsPerStatement, db.dialect.maxParameters / max(1, insert.columns.count)))
    }

    /// Adds one row; the statement is sent once it holds as many rows as one statement may.
    func add(_ insert: BatchedInsert, _ values: [(any DatabaseValueConvertible)?], origin: Int64) throws {
        let key = insert.key
        if pending[key] == nil {
            pending[key] = Pending(insert: insert)
            order.append(key)
        }
        pending[key]?.values.append(contentsOf: values)
        pending[key]?.origins.append(origin)
        if let p = pending[key], p.origins.count >= capacity(insert) {
            pending[key]?.values = []
            pending[key]?.origins = []
            try send(p.insert, p.values[...], p.origins[...])
        }
    }

    /// Sends every row gathered.
    func send() throws {
        let all = order.compactMap { pending[$0] }
        pending = [:]
        order = []
        for p in all where !p.origins.isEmpty { try send(p.insert, p.values[...], p.origins[...]) }
    }

    /// Drops the rows gathered (their transaction or savepoint was rolled back).
    func discard() {
        pending = [:]
        order = []
    }

    /// Sends `origins.count` rows. A remainder goes as statements of power-of-two sizes, so that
    /// each table has a dozen statement texts at most, which stay cached (GRDB's statement
    /// cache, PostgreSQL's prepared statements) instead of a new text for every flush.
    private func send(_ insert: BatchedInsert, _ values: ArraySlice<(any DatabaseValueConvertible)?>,
                      _ origins: ArraySlice<Int64>) throws {
        let width = insert.columns.count
        var start = 0
        var left = origins.count
        let full = capacity(insert)
        while left > 0 {
            let size = left >= full ? full : Self.powerOfTwo(atMost: left)
            let from = values.startIndex + start * width
            let rowValues = Array(values[from..<from + size * width])
            let rowOrigins = origins[(origins.startIndex + start)..<(origins.startIndex + start + size)]
            try statement(insert, size, rowValues, rowOrigins)
            start += size
            left -= size
        }
    }

    private static func powerOfTwo(atMost n: Int) -> Int {
        var p = 1
        while p * 2 <= n { p *= 2 }
        return p
    }

    private func text(_ insert: BatchedInsert, rows: Int) -> String {
        let key = insert.key
        if let sql = texts[key]?[rows] { return sql }
        let sql = insert.sql(rows: rows, db.dialect)
        texts[key, default: [:]][rows] = sql
        return sql
    }

    /// One statement. PostgreSQL aborts the whole transaction on a failed statement, so a
    /// statement of several rows runs under a savepoint there, to be able to try its rows one
    /// by one; SQLite undoes the failed statement alone.
    private func statement(_ insert: BatchedInsert, _ rows: Int, _ values: [(any DatabaseValueConvertible)?],
                           _ origins: ArraySlice<Int64>) throws {
        let guarded = rows > 1 && db.dialect.failedStatementAbortsTransaction
        if guarded { try db.execute(SQLPart("SAVEPOINT xuncha_batch")) }
        do {
            try db.execute(SQLPart(text(insert, rows: rows), values))
        } catch {
            guard rows > 1 else { throw StoreError.refused(error, seq: origins.first ?? 0, table: insert.table) }
            if guarded { try db.execute(SQLPart("ROLLBACK TO SAVEPOINT xuncha_batch")) }
            try findRefused(insert, values, origins)
            throw StoreError.refused(error, seq: origins.first ?? 0, table: insert.table)
        }
        if guarded { try db.execute(SQLPart("RELEASE SAVEPOINT xuncha_batch")) }
    }

    /// Sends the rows one by one until one is refused, and throws that one's refusal.
    private func findRefused(_ insert: BatchedInsert, _ values: [(any DatabaseValueConvertible)?],
                             _ origins: ArraySlice<Int64>) throws {
        let width = insert.columns.count
        let one = text(insert, rows: 1)
        for (i, origin) in origins.enumerated() {
            do {
                try db.execute(SQLPart(one, Array(values[(i * width)..<((i + 1) * width)])))
            } catch {
                throw StoreError.refused(error, seq: origin, table: insert.table)
            }
        }
    }
}
