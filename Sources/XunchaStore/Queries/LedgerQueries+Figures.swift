import GRDB
import XunchaCore

/// The figures: counts made by GROUP BY in the database, so that a statistic over a province
/// reads a row per group, never a row per problem. A tally is two statements: the problems'
/// counts from `issues`, and their rules counted from `issue_rules` (a join of the two would
/// repeat each problem once per rule).
extension LedgerQueries {
    /// Each rule joined to its problem, so a tally's scope applies to it and SQLite picks the
    /// side to start from: the rules when the scope is wide, the problems (by their index) when
    /// it is one round or unit. A subquery counting every problem's rules first cost a nation
    /// store (500,000 problems) 100 ms for each `stats --round R` whatever the round's size.
    static let ruleCounts = """
        issue_rules r JOIN issues i ON i.id = r.issue
        """

    /// The counting columns of a tally over `issues i`: the rate's four parts, open, overdue.
    /// Their placeholders come before the WHERE clause's in a statement.
    func tallyColumns(today: Day) -> SQLPart {
        func count(_ condition: SQLPart) -> SQLPart {
            SQLPart("coalesce(sum(CASE WHEN ") + condition + SQLPart(" THEN 1 ELSE 0 END), 0)")
        }
        let open = IssueStatus.allCases.filter(\.isOpen).map(\.rawValue)
        return SQLPart("count(*) AS n_all, ")
            + count(SQLPart("i.status = ?", [IssueStatus.closed.rawValue])) + SQLPart(" AS n_closed, ")
            + count(SQLPart("i.status = ?", [IssueStatus.withdrawn.rawValue])) + SQLPart(" AS n_withdrawn, ")
            + count(SQLPart("i.status = ?", [IssueStatus.longterm.rawValue])) + SQLPart(" AS n_longterm, ")
            + count(SQLPart("i.status IN ") + .list(open)) + SQLPart(" AS n_open, ")
            + count(IssueWhere.overdue(today)) + SQLPart(" AS n_overdue")
    }

    func tally(_ row: Row, rules: Int) -> IssueTally {
        IssueTally(rate: Rate(closed: row["n_closed"], all: row["n_all"], withdrawn: row["n_withdrawn"], longterm: row["n_longterm"]),
                   open: row["n_open"], overdue: row["n_overdue"], rules: rules)
    }

    func count(matching f: IssueFilter, today: Day) throws -> Int {
        try integer(SQLPart("SELECT count(*) FROM issues i") + conditions(f, today: today).clause)
    }

    func tally(matching f: IssueFilter, today: Day) throws -> IssueTally {
        let scope = try conditions(f, today: today).clause
        let rules = try integer(SQLPart("SELECT count(*) FROM \(Self.ruleCounts)") + scope)
        guard let row = try row(SQLPart("SELECT ") + tallyColumns(today: today) + SQLPart(" FROM issues i") + scope) else {
            return IssueTally()
        }
        return tally(row, rules: rules)
    }

    /// The group key of `grouping` as an expression over `issues i`: what
    /// `IssueGrouping.key(of:)` gives (an unled problem's lead is the empty text).
    func key(_ grouping: IssueGrouping) -> String {
        switch grouping {
        case .unit: "i.unit"
        case .category: "i.category"
        case .lead: "coalesce(i.lead, '')"
        case .round: "i.round"
        case .month: dialect.month("i.registered_on")
        case .status: "i.status"
        }
    }

    /// One row per group with a matching problem, in key order.
    func tallies(matching f: IssueFilter, today: Day, by grouping: IssueGrouping) throws -> [IssueGroupTally] {
        let scope = try conditions(f, today: today).clause
        let key = key(grouping)
        var rules: [String: Int] = [:]
        for row in try rows(SQLPart("SELECT \(key) AS k, count(*) AS n FROM \(Self.ruleCounts)") + scope + SQLPart(" GROUP BY \(key)")) {
            rules[row["k"] as String] = row["n"]
        }
        let q = SQLPart("SELECT \(key) AS k, ") + tallyColumns(today: today) + SQLPart(" FROM issues i") + scope
            + SQLPart(" GROUP BY \(key) ORDER BY \(dialect.text(key))")
        return try rows(q).map { row in
            let k: String = row["k"]
            return IssueGroupTally(key: k, tally: tally(row, rules: rules[k] ?? 0))
        }
    }

    func transferTally(ofIssuesMatching f: IssueFilter, today: Day) throws -> TransferTally {
        // A matter is concluded when it has an outcome, and it has one when `sanctions` is set
        // (`Rows.transfer`); the other outcome columns count only then.
        func outcome(_ column: String) -> String {
            "coalesce(sum(CASE WHEN t.sanctions IS NOT NULL THEN coalesce(t.\(column), 0) ELSE 0 END), 0) AS \(column)"
        }
        let q = SQLPart("""
            SELECT count(*) AS n, count(t.sanctions) AS concluded, coalesce(sum(t.sanctions), 0) AS sanctions,
                   \(outcome("handled")), \(outcome("recovered")), \(outcome("refunded"))
            FROM transfers t JOIN issues i ON i.id = t.issue
            """) + (try conditions(f, today: today).clause)
        var t = TransferTally()
        guard let row = try row(q) else { return t }
        t.transfers = row["n"]; t.concluded = row["concluded"]; t.sanctions = row["sanctions"]
        t.handled = row["handled"]; t.recovered = row["recovered"]; t.refunded = row["refunded"]
        return t
    }

    /// The units `UnitLedgerRow` says are listed, each with its urges counted in SQL and its
    /// tally from the per-unit GROUP BY.
    func unitLedger(matching f: IssueFilter, today: Day) throws -> [UnitLedgerRow] {
        let tallies = Dictionary(try tallies(matching: f, today: today, by: .unit).map { ($0.key, $0.tally) },
                                 uniquingKeysWith: { a, _ in a })
        let matching = SQLPart("u.code IN (SELECT i.unit FROM issues i") + (try conditions(f, today: today).clause) + SQLPart(")")
        let scope: SQLPart
        if let unit = f.unit {
            scope = SQLPart(" WHERE u.code = ?", [unit])
        } else if let round = f.round {
            scope = SQLPart(" WHERE u.code IN (SELECT g.unit FROM round_targets g WHERE g.round = ?) OR ", [round]) + matching
        } else if f != IssueFilter() {
            scope = SQLPart(" WHERE ") + matching
        } else {
            scope = SQLPart("")
        }
        let ofRound = f.round.map { SQLPart(" AND a.round = ?", [$0]) } ?? SQLPart("")
        let q = SQLPart("""
            SELECT u.code, u.name, u.secretary,
                   (SELECT count(*) FROM urges g WHERE g.unit = u.code) AS n_urges,
                   (SELECT count(*) FROM urges g WHERE g.unit = u.code AND g.kind = ?) AS n_talks,
                   (SELECT a.grade FROM unit_assessments a WHERE a.unit = u.code
            """, [UrgeKind.talk.rawValue]) + ofRound + SQLPart("""
             ORDER BY a.n DESC LIMIT 1) AS grade,
                   (SELECT max(c.on_day) FROM unit_checks c WHERE c.unit = u.code) AS last_checked
            FROM units u
            """) + scope + SQLPart(" ORDER BY \(dialect.text("u.code"))")
        return try rows(q).map { row in
            let code: String = row["code"]
            return UnitLedgerRow(code: code, name: row["name"], secretary: row["secretary"], urges: row["n_urges"],
                                 talks: row["n_talks"], tally: tallies[code] ?? IssueTally(),
                                 grade: (row["grade"] as String?).flatMap(Grade.init(rawValue:)),
                                 lastChecked: Rows.day(row, "last_checked"))
        }
    }

    /// One row per lead (the unled first, under the empty key), with the units of their problems.
    func leaderLedger(matching f: IssueFilter, today: Day) throws -> [LeaderLedgerRow] {
        let groups = try tallies(matching: f, today: today, by: .lead)
        let key = key(.lead)
        var units: [String: [String]] = [:]
        // Sorted by position: with DISTINCT, PostgreSQL sorts only by what is selected, and an
        // output name cannot carry a collation there.
        let q = SQLPart("SELECT DISTINCT \(dialect.text(key)) AS k, \(dialect.text("i.unit")) AS unit FROM issues i")
            + (try conditions(f, today: today).clause) + SQLPart(" ORDER BY 1, 2")
        for row in try rows(q) { units[row["k"] as String, default: []].append(row["unit"]) }
        return groups.map { g in
            LeaderLedgerRow(lead: g.key.isEmpty ? nil : g.key, tally: g.tally, units: units[g.key] ?? [])
        }
    }
}
