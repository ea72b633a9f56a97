import Foundation
import GRDB

/// The ledger's SQL on a PostgreSQL connection: `?` placeholders numbered as `$1…`, arguments
/// sent as text, and result columns turned into the values SQLite would have given (integers
/// as integers, the rest as text), so that `Rows` reads them unchanged.
struct PGExecutor: SQLExecutor {
    let connection: PGConnection
    var dialect: Dialect { .postgres }

    func rows(_ q: SQLPart) throws -> [Row] {
        let result = try run(q)
        return result.rows.map { values in
            var row: [String: (any DatabaseValueConvertible)?] = [:]
            for (c, name) in result.columns.enumerated() {
                row[name] = PGExecutor.value(values[c], type: result.types[c])
            }
            return Row(row)
        }
    }

    func row(_ q: SQLPart) throws -> Row? { try rows(q).first }

    func cursor(_ q: SQLPart) throws -> any SQLCursor { PGRowCursor(try rows(q)) }

    func strings(_ q: SQLPart) throws -> [String] { try run(q).rows.compactMap { $0.first ?? nil } }

    func integer(_ q: SQLPart) throws -> Int? {
        guard let text = try run(q).rows.first?.first ?? nil else { return nil }
        return Int(text)
    }

    func execute(_ q: SQLPart) throws { try run(q) }

    @discardableResult
    private func run(_ q: SQLPart) throws(StoreError) -> PGRows {
        try connection.execute(dialect.numbered(q.sql), q.arguments.map(PGExecutor.text))
    }

    /// An argument as PostgreSQL's text input reads it.
    static func text(_ value: (any DatabaseValueConvertible)?) -> String? {
        switch value?.databaseValue.storage {
        case .none, .null: return nil
        case .int64(let i): return String(i)
        case .double(let d): return String(d)
        case .string(let s): return s
        case .blob(let data): return "\\x" + data.map { String(format: "%02x", $0) }.joined()
        }
    }

    /// A column value as SQLite would hold it: integer types (and integral sums) as integers.
    static func value(_ text: String?, type: UInt32) -> (any DatabaseValueConvertible)? {
        guard let text else { return nil }
        switch type {
        case 20, 21, 23: return Int64(text)                 // int8, int2, int4
        case 16: return text == "t" ? Int64(1) : Int64(0)   // bool
        case 1700: return Int64(text) ?? Double(text)       // numeric: sum() of bigints
        case 700, 701: return Double(text)                  // float4, float8
        default: return text
        }
    }
}

/// The rows of a PostgreSQL result handed out one by one (the result is already in memory).
final class PGRowCursor: SQLCursor {
    private var rows: IndexingIterator<[Row]>
    init(_ rows: [Row]) { self.rows = rows.makeIterator() }
    func next() throws -> Row? { rows.next() }
}
