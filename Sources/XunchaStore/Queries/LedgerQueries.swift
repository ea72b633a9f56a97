import GRDB
import XunchaCore

/// The shell's questions (`LedgerQuerying`) as SQL over the projection tables of one
/// connection: each answer is one or a few statements that read the rows it is made of and no
/// more. Problems are `issues i` throughout, so that every statement can take the one
/// translation of a filter (`IssueWhere`).
struct LedgerQueries {
    let db: any SQLExecutor
    var dialect: Dialect { db.dialect }

    var projection: Projection { Projection(db: db) }

    /// Problems in id order: round code (as text), then the integer number (R5-010 after R5-009).
    var issueOrder: String { "\(dialect.text("i.round")), i.number" }

    /// The conditions of `f` on `today`. Only a warning filter needs the policy's thresholds.
    func conditions(_ f: IssueFilter, today: Day) throws -> IssueWhere {
        IssueWhere(f, today: today, policy: f.warning == nil ? Policy() : try projection.policy())
    }

    // MARK: - Running statements

    func rows(_ q: SQLPart) throws -> [Row] { try db.rows(q) }

    func row(_ q: SQLPart) throws -> Row? { try db.row(q) }

    func strings(_ q: SQLPart) throws -> [String] { try db.strings(q) }

    func integer(_ q: SQLPart) throws -> Int { try db.integer(q) ?? 0 }

    // MARK: - Single entities

    func issue(id: String, lists: IssueLists) throws -> Issue? {
        switch lists {
        case .included: return try projection.issue(id)
        case .omitted: return try row(SQLPart("SELECT * FROM issues WHERE id = ?", [id])).map(Rows.issue)
        }
    }

    func standing(ofIssue id: String, today: Day) throws -> IssueStanding? {
        guard let i = try issue(id: id, lists: .omitted) else { return nil }
        return IssueStanding(status: i.status, warning: i.warning(on: today, policy: try projection.policy()))
    }

    // MARK: - Lists of entities

    func allRounds() throws -> [Round] {
        let teams = try projection.grouped(Rows.teams), targets = try projection.grouped(Rows.targets)
        return try rows(SQLPart("SELECT * FROM rounds ORDER BY \(dialect.text("code"))")).map { row in
            let code: String = row["code"]
            return try Rows.round(row, teams: teams[code] ?? [], targets: targets[code] ?? [])
        }
    }

    func allUnits() throws -> [XunchaCore.Unit] {
        let urges = try projection.grouped(Rows.urges), assessments = try projection.grouped(Rows.assessments)
        let checks = try projection.grouped(Rows.checks), reports = try projection.grouped(Rows.roundReports)
        return try rows(SQLPart("SELECT * FROM units ORDER BY \(dialect.text("code"))")).map { row in
            let code: String = row["code"]
            return try Rows.unit(row, urges: urges[code] ?? [], assessments: assessments[code] ?? [], checks: checks[code] ?? [],
                                 reports: reports[code] ?? [])
        }
    }

    /// A digest names a few units of many: each is read by its key. A tally by unit names them
    /// all, and a unit read by its key costs five statements (its row and four lists), on
    /// PostgreSQL five round trips: a province `stats --by unit` spent 4,150 of them, 0.2 s. Past
    /// `limit` the units are read as `allUnits` does, one statement per table (a
    /// ledger's units are hundreds, not the problems' tens of thousands).
    func units(codes: Set<String>, readByKeyUpTo limit: Int = 20) throws -> [XunchaCore.Unit] {
        guard codes.count > limit else { return try codes.sorted().compactMap { try projection.unit($0) } }
        return try allUnits().filter { codes.contains($0.code) }
    }

    func issues(matching f: IssueFilter, today: Day, lists: IssueLists) throws -> [Issue] {
        let scope = try conditions(f, today: today).clause
        var found = try rows(SQLPart("SELECT i.* FROM issues i") + scope + SQLPart(" ORDER BY \(issueOrder)")).map(Rows.issue)
        guard lists == .included, !found.isEmpty else { return found }
        // One statement per list table for all the matching problems, not five per problem.
        let progress = try listRows(Rows.progress, scope), reports = try listRows(Rows.reports, scope)
        let verifications = try listRows(Rows.verifications, scope), rules = try listRows(Rows.rules, scope)
        let history = try listRows(Rows.history, scope)
        for k in found.indices {
            let id = found[k].id
            found[k].progress = progress[id] ?? []
            found[k].reports = reports[id] ?? []
            found[k].verifications = verifications[id] ?? []
            found[k].rules = rules[id] ?? []
            found[k].history = history[id] ?? []
        }
        return found
    }

    /// One list table's rows of the problems `scope` selects, grouped by problem, in order.
    private func listRows<E>(_ list: Rows.List<E>, _ scope: SQLPart) throws -> [String: [E]] {
        var out: [String: [E]] = [:]
        let q = SQLPart("SELECT l.* FROM \(list.table) l JOIN issues i ON i.id = l.\(list.owner)") + scope
            + SQLPart(" ORDER BY l.\(list.owner), l.n")
        let cursor = try db.cursor(q)
        while let row = try cursor.next() {
            out[row[list.owner] as String, default: []].append(try list.decode(row))
        }
        return out
    }

    func transferRows(ofIssuesMatching f: IssueFilter, today: Day) throws -> [TransferRow] {
        let scope = try conditions(f, today: today).clause
        let q = SQLPart("""
            SELECT t.*, i.unit AS issue_unit, i.round AS issue_round, i.status AS issue_status, i.due AS issue_due
            FROM transfers t JOIN issues i ON i.id = t.issue
            """) + scope + SQLPart(" ORDER BY \(dialect.text("t.id"))")
        return try rows(q).map { row in
            let status: IssueStatus = try Rows.word(row, "issue_status")
            let due = Rows.day(row, "issue_due")
            return TransferRow(transfer: try Rows.transfer(row), unit: row["issue_unit"], round: row["issue_round"],
                               issueStatus: status, issueDue: due,
                               issueDaysOverdue: Issue.daysOverdue(status: status, due: due, on: today))
        }
    }

    func transfers(ofIssue id: String) throws -> [Transfer] {
        try rows(SQLPart("SELECT * FROM transfers WHERE issue = ? ORDER BY \(dialect.text("id"))", [id])).map(Rows.transfer)
    }

    func ruleRows(ofIssuesMatching f: IssueFilter, today: Day) throws -> [RuleRow] {
        let scope = try conditions(f, today: today).clause
        let q = SQLPart("""
            SELECT i.id AS issue_id, i.title AS issue_title, i.unit AS issue_unit, r.title, r.on_day
            FROM issue_rules r JOIN issues i ON i.id = r.issue
            """) + scope + SQLPart(" ORDER BY \(issueOrder), r.n")
        return try rows(q).map { row in
            RuleRow(issue: row["issue_id"], issueTitle: row["issue_title"], unit: row["issue_unit"],
                    rule: Rule(title: row["title"], on: try Rows.requiredDay(row, "on_day")))
        }
    }

    /// SQL keeps the problems that carry some warning; the colour of each is then the Swift
    /// rule's own answer, so the two can never disagree.
    func warnedIssues(matching f: IssueFilter, asOf: Day) throws -> [WarnedIssue] {
        let policy = try projection.policy()
        var scope = IssueWhere(f, today: asOf, policy: policy)
        scope.add(IssueWhere.warned(today: asOf, policy: policy))
        let q = SQLPart("SELECT i.* FROM issues i") + scope.clause + SQLPart(" ORDER BY \(issueOrder)")
        return try rows(q).compactMap { row in
            let i = try Rows.issue(row)
            guard let colour = i.warning(on: asOf, policy: policy), let due = i.due else { return nil }
            return WarnedIssue(id: i.id, unit: i.unit, title: i.title, due: due, colour: colour)
        }
    }

    // MARK: - Completion

    func codes(of table: String) throws -> [String] {
        try strings(SQLPart("SELECT code FROM \(table) ORDER BY \(dialect.text("code"))"))
    }

    func issueIDs(statuses: Set<IssueStatus>) throws -> [String] {
        var q = SQLPart("SELECT i.id FROM issues i")
        if !statuses.isEmpty { q = q + SQLPart(" WHERE i.status IN ") + .list(statuses.map(\.rawValue).sorted()) }
        return try strings(q + SQLPart(" ORDER BY \(issueOrder)"))
    }

    func transferIDs() throws -> [String] {
        try strings(SQLPart("SELECT id FROM transfers ORDER BY \(dialect.text("id"))"))
    }

    /// Every name in a role, each once (UNION removes repeats).
    func people() throws -> [String] {
        try strings(SQLPart("""
            SELECT name FROM (
                SELECT lead AS name FROM issues
                UNION SELECT owner FROM issues
                UNION SELECT handler FROM issues
                UNION SELECT by_person FROM issue_verifications
                UNION SELECT signed_by FROM issue_reports
                UNION SELECT secretary FROM units
                UNION SELECT leader FROM round_teams
            ) p WHERE name IS NOT NULL ORDER BY \(dialect.text("name"))
            """))
    }

    func departments() throws -> [String] {
        try strings(SQLPart("SELECT DISTINCT \(dialect.text("dept")) AS dept FROM issues WHERE dept IS NOT NULL ORDER BY 1"))
    }

    func logins() throws -> [String] {
        try strings(SQLPart("""
            SELECT DISTINCT \(dialect.text("login")) AS login FROM (SELECT login FROM grants UNION SELECT login FROM persons) l ORDER BY 1
            """))
    }
}
