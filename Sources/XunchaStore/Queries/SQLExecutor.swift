import GRDB

/// Where the ledger's SQL runs: one SQLite connection (GRDB's `Database`) or one PostgreSQL
/// connection (`PGExecutor`). Statements are written once, with `?` placeholders and the
/// differences `dialect` names; rows come back as GRDB `Row`s from both engines, so that the
/// row mapping (`Rows`) and every query are the same code.
protocol SQLExecutor {
    var dialect: Dialect { get }
    func rows(_ q: SQLPart) throws -> [Row]
    func row(_ q: SQLPart) throws -> Row?
    /// The rows one at a time: a SQLite cursor streams them, so a whole-ledger answer does not
    /// hold every row at once.
    func cursor(_ q: SQLPart) throws -> any SQLCursor
    /// The first column of every row, as text.
    func strings(_ q: SQLPart) throws -> [String]
    /// The first column of the first row, as an integer (nil without a row or for NULL).
    func integer(_ q: SQLPart) throws -> Int?
    func execute(_ q: SQLPart) throws
}

/// Rows handed out one by one; a row is valid until the next call.
protocol SQLCursor: AnyObject {
    func next() throws -> Row?
}

extension RowCursor: SQLCursor {}

extension Database: SQLExecutor {
    var dialect: Dialect { .sqlite }

    func rows(_ q: SQLPart) throws -> [Row] {
        try Row.fetchAll(cachedStatement(sql: q.sql), arguments: q.statementArguments)
    }

    func row(_ q: SQLPart) throws -> Row? {
        try Row.fetchOne(cachedStatement(sql: q.sql), arguments: q.statementArguments)
    }

    func cursor(_ q: SQLPart) throws -> any SQLCursor {
        try Row.fetchCursor(cachedStatement(sql: q.sql), arguments: q.statementArguments)
    }

    func strings(_ q: SQLPart) throws -> [String] {
        try String.fetchAll(cachedStatement(sql: q.sql), arguments: q.statementArguments)
    }

    func integer(_ q: SQLPart) throws -> Int? {
        try Int.fetchOne(cachedStatement(sql: q.sql), arguments: q.statementArguments)
    }

    func execute(_ q: SQLPart) throws {
        try cachedStatement(sql: q.sql).execute(arguments: q.statementArguments)
    }
}
