import GRDB
import XunchaCore

/// `audit digest` without the ledger in memory: every entity streamed in the order
/// `LedgerDigest` defines and hashed as it goes. Problems come from one cursor in id order and
/// each list table from a cursor in the same order, merged as they are read, so a province's
/// digest holds one problem at a time.
extension LedgerQueries {
    func digest() throws -> String {
        var d = LedgerDigest()
        for r in try allRounds() { try d.add("round", r) }
        for u in try allUnits() { try d.add("unit", u) }
        let progress = try ListStream(self, Rows.progress), reports = try ListStream(self, Rows.reports)
        let verifications = try ListStream(self, Rows.verifications), rules = try ListStream(self, Rows.rules)
        let history = try ListStream(self, Rows.history)
        let issues = try db.cursor(SQLPart("SELECT i.* FROM issues i ORDER BY \(issueOrder)"))
        while let row = try issues.next() {
            var i = try Rows.issue(row)
            i.progress = try progress.take(i.id)
            i.reports = try reports.take(i.id)
            i.verifications = try verifications.take(i.id)
            i.rules = try rules.take(i.id)
            i.history = try history.take(i.id)
            try d.add(issue: i)
        }
        let transfers = try db.cursor(SQLPart("SELECT * FROM transfers ORDER BY \(dialect.text("id"))"))
        while let row = try transfers.next() { try d.add("transfer", try Rows.transfer(row)) }
        return try d.finish(policy: try projection.policy(), nextTransfer: try projection.nextTransfer())
    }
}

/// One list table of problems read in the problems' id order, handed out problem by problem.
/// Rows of a problem that does not exist are left out by the join, as a replay would.
private final class ListStream<E> {
    private let cursor: any SQLCursor
    private let list: Rows.List<E>
    /// The row read ahead: the first of the next problem that has any.
    private var pending: (owner: String, element: E)?

    init(_ q: LedgerQueries, _ list: Rows.List<E>) throws {
        self.list = list
        cursor = try q.db.cursor(SQLPart("""
            SELECT l.* FROM \(list.table) l JOIN issues i ON i.id = l.\(list.owner) ORDER BY \(q.issueOrder), l.n
            """))
        pending = try next()
    }

    private func next() throws -> (owner: String, element: E)? {
        guard let row = try cursor.next() else { return nil }
        return (row[list.owner], try list.decode(row))
    }

    /// The elements of problem `id`, which must be asked for in id order.
    func take(_ id: String) throws -> [E] {
        var out: [E] = []
        while let p = pending, p.owner == id {
            out.append(p.element)
            pending = try next()
        }
        return out
    }
}
