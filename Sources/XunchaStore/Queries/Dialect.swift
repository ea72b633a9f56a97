/// Everything in the read queries that is not the same on every SQL engine, in one place.
///
/// The queries under `Queries/` are otherwise written for SQLite and PostgreSQL alike: dates
/// are ISO `YYYY-MM-DD` text compared as text (which orders them as days), "today" and the
/// policy's thresholds arrive as arguments with the date bounds computed in Swift, counts are
/// `count(*)` and `sum(CASE … THEN 1 ELSE 0 END)` wrapped in `coalesce(…, 0)`, and every value
/// is a `?` placeholder. What remains engine-specific:
///
/// - the text order: ids, codes and names sort by their bytes (UTF-8 order, which is Unicode
///   code point order and Swift's `<` on the text the ledger holds). SQLite's default BINARY
///   collation is that order; PostgreSQL needs `COLLATE "C"` after the sort key.
/// - the month of a date: `substr(d, 1, 7)` on both, since SQLite lacks the standard
///   `SUBSTRING(d FROM 1 FOR 7)` spelling.
///
/// - placeholders: `?` on SQLite; PostgreSQL numbers them (`$1`, `$2`…), which `numbered`
///   does to a statement written with `?`.
///
/// - the most placeholders one statement may hold: the rows a write sends many to a statement
///   (`RowBatch`) stay within it. Read queries hold a handful: an `IN (…)` list is only ever a
///   set of statuses, and many keys are read one key at a time.
/// - what a failed statement does to its transaction: SQLite undoes the statement, PostgreSQL
///   aborts the transaction until it is rolled back (to a savepoint).
struct Dialect: Sendable {
    /// Appended to a text sort key so that it sorts by bytes.
    let byteOrder: String
    /// Whether placeholders are numbered (`$1`) rather than `?`.
    let numberedPlaceholders: Bool
    /// Appended to a SELECT to lock the rows it reads until the transaction ends; SQLite has
    /// none and needs none (a write transaction holds the whole database).
    let rowLock: String
    /// The most `?` one statement may hold.
    let maxParameters: Int
    /// Whether a failed statement leaves its transaction unusable until a rollback.
    let failedStatementAbortsTransaction: Bool

    /// SQLite, whose TEXT comparisons are byte comparisons already; SQLITE_MAX_VARIABLE_NUMBER
    /// is 32,766 since SQLite 3.32.
    static let sqlite = Dialect(byteOrder: "", numberedPlaceholders: false, rowLock: "", maxParameters: 32_766,
                                failedStatementAbortsTransaction: false)
    /// PostgreSQL: the same queries with byte-order collation and numbered placeholders; the
    /// protocol counts a statement's parameters in 16 bits.
    static let postgres = Dialect(byteOrder: " COLLATE \"C\"", numberedPlaceholders: true, rowLock: " FOR UPDATE",
                                  maxParameters: 65_535, failedStatementAbortsTransaction: true)

    /// `sql` with its `?` placeholders as this engine spells them. A `?` inside a quoted
    /// literal or identifier is text, not a placeholder.
    func numbered(_ sql: String) -> String {
        guard numberedPlaceholders, sql.contains("?") else { return sql }
        var out = "", n = 0
        var quote: Character?
        for c in sql {
            if let q = quote {
                if c == q { quote = nil }
                out.append(c)
            } else if c == "'" || c == "\"" {
                quote = c
                out.append(c)
            } else if c == "?" {
                n += 1
                out += "$\(n)"
            } else {
                out.append(c)
            }
        }
        return out
    }

    /// `column` as a key of ORDER BY in text (byte) order.
    func text(_ column: String) -> String { column + byteOrder }

    /// The `YYYY-MM` month of an ISO date column.
    func month(_ column: String) -> String { "substr(\(column), 1, 7)" }
}
