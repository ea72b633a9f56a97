import GRDB
import XunchaCore

/// The projection tables on one connection: an entity read by its key, and an entity's new
/// image written back as the few rows that changed. Used inside the store's transactions only.
struct Projection {
    let db: any SQLExecutor

    // MARK: - Reading

    func round(_ code: String) throws -> Round? {
        guard let row = try db.row(SQLPart("SELECT * FROM rounds WHERE code = ?", [code])) else {
            return nil
        }
        return try Rows.round(row, teams: try list(Rows.teams, of: code), targets: try list(Rows.targets, of: code))
    }

    func unit(_ code: String) throws -> XunchaCore.Unit? {
        guard let row = try db.row(SQLPart("SELECT * FROM units WHERE code = ?", [code])) else {
            return nil
        }
        return try Rows.unit(row, urges: try list(Rows.urges, of: code), assessments: try list(Rows.assessments, of: code),
                             checks: try list(Rows.checks, of: code), reports: try list(Rows.roundReports, of: code))
    }

    func issue(_ id: String) throws -> Issue? {
        guard let row = try db.row(SQLPart("SELECT * FROM issues WHERE id = ?", [id])) else {
            return nil
        }
        var i = try Rows.issue(row)
        try fillLists(&i)
        return i
    }

    /// A problem's progress, reports, verifications, rules and history.
    func fillLists(_ i: inout Issue) throws {
        i.progress = try list(Rows.progress, of: i.id)
        i.reports = try list(Rows.reports, of: i.id)
        i.verifications = try list(Rows.verifications, of: i.id)
        i.rules = try list(Rows.rules, of: i.id)
        i.history = try list(Rows.history, of: i.id)
    }

    func transfer(_ id: String) throws -> Transfer? {
        guard let row = try db.row(SQLPart("SELECT * FROM transfers WHERE id = ?", [id])) else {
            return nil
        }
        return try Rows.transfer(row)
    }

    func policy() throws -> Policy {
        var p = Policy()
        for row in try db.rows(SQLPart("SELECT key, value FROM settings")) {
            let key: String = row["key"]
            if key != Self.transferCounter { p.set(key, row["value"]) }
        }
        return p
    }

    /// The roles granted and the logins of people.
    func access() throws -> Access {
        var grants: [Grant] = []
        for row in try db.rows(SQLPart("SELECT login, role, unit FROM grants")) {
            grants.append(Grant(login: row["login"], role: try Rows.word(row, "role"), unit: row["unit"]))
        }
        var logins: [String: String] = [:]
        for row in try db.rows(SQLPart("SELECT name, login FROM persons")) { logins[row["name"]] = row["login"] as String }
        return Access(grants: grants, logins: logins)
    }

    func creator() throws -> String? {
        try db.strings(SQLPart("SELECT actor FROM journal ORDER BY seq LIMIT 1")).first
    }

    /// The settings row that holds the next transfer number.
    static let transferCounter = "next_transfer"

    func nextTransfer() throws -> Int {
        try db.integer(SQLPart("SELECT value FROM settings WHERE key = ?", [Self.transferCounter])) ?? 1
    }

    func codes(of table: String, limit: Int) throws -> (codes: [String], more: Bool) {
        let found = try db.strings(SQLPart("SELECT code FROM \(table) ORDER BY \(db.dialect.text("code")) LIMIT ?", [limit + 1]))
        return (Array(found.prefix(limit)), found.count > limit)
    }

    func openIssues(round: String) throws -> [String] {
        try db.strings(SQLPart("""
            SELECT id FROM issues WHERE round = ? AND status NOT IN ('closed', 'withdrawn')
            """, [round]))
    }

    func undatedOpenIssues(round: String) throws -> [String] {
        try db.strings(SQLPart("""
            SELECT id FROM issues WHERE round = ? AND due IS NULL AND status NOT IN ('closed', 'withdrawn')
            """, [round]))
    }

    func list<E>(_ list: Rows.List<E>, of owner: String) throws -> [E] {
        let sql = "SELECT * FROM \(list.table) WHERE \(list.owner) = ? ORDER BY n"
        return try db.rows(SQLPart(sql, [owner])).map(list.decode)
    }

    // MARK: - Writing

    /// Writes `new` over `base` (the entity as the tables hold it now, nil when absent).
    func write(round new: Round?, code: String, base: Round?) throws {
        try writeEntity(Self.roundSQL, code, new.map(Rows.values), exists: base != nil)
        guard let new else { return }
        try writeList(Rows.teams, of: code, new.teams, base: base?.teams)
        try writeList(Rows.targets, of: code, new.targets, base: base?.targets)
    }

    func write(unit new: XunchaCore.Unit?, code: String, base: XunchaCore.Unit?) throws {
        try writeEntity(Self.unitSQL, code, new.map(Rows.values), exists: base != nil)
        guard let new else { return }
        try writeList(Rows.urges, of: code, new.urges, base: base?.urges)
        try writeList(Rows.assessments, of: code, new.assessments, base: base?.assessments)
        try writeList(Rows.checks, of: code, new.checks, base: base?.checks)
        try writeList(Rows.roundReports, of: code, new.reports, base: base?.reports)
    }

    func write(issue new: Issue?, id: String, base: Issue?) throws {
        try writeEntity(Self.issueSQL, id, new.map(Rows.values), exists: base != nil)
        guard let new else { return }
        try writeList(Rows.progress, of: id, new.progress, base: base?.progress)
        try writeList(Rows.reports, of: id, new.reports, base: base?.reports)
        try writeList(Rows.verifications, of: id, new.verifications, base: base?.verifications)
        try writeList(Rows.rules, of: id, new.rules, base: base?.rules)
        try writeList(Rows.history, of: id, new.history, base: base?.history)
    }

    func write(transfer new: Transfer?, id: String, base: Transfer?) throws {
        try writeEntity(Self.transferSQL, id, new.map(Rows.values), exists: base != nil)
    }

    func write(policy: Policy) throws {
        for spec in Policy.keys {
            if let value = policy.value(of: spec.name) { try writeSetting(spec.name, value) }
        }
    }

    /// Roles are few: the tables are written again whole, as the access image says.
    func write(access: Access) throws {
        try db.execute(SQLPart("DELETE FROM grants"))
        for g in access.grants {
            try db.execute(SQLPart("INSERT INTO grants (login, role, unit) VALUES (?, ?, ?)", [g.login, g.role.rawValue, g.unit]))
        }
        try db.execute(SQLPart("DELETE FROM persons"))
        for (name, login) in access.logins.sorted(by: { $0.key < $1.key }) {
            try db.execute(SQLPart("INSERT INTO persons (name, login) VALUES (?, ?)", [name, login]))
        }
    }

    func writeSetting(_ key: String, _ value: Int) throws {
        try db.execute(SQLPart("""
            INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value
            """, [key, value]))
    }

    static let roundSQL = Rows.EntitySQL(table: "rounds", key: "code", columns: Rows.roundColumns,
                                         lists: [Rows.teams.table, Rows.targets.table])
    static let unitSQL = Rows.EntitySQL(table: "units", key: "code", columns: Rows.unitColumns,
                                        lists: [Rows.urges.table, Rows.assessments.table, Rows.checks.table,
                                                Rows.roundReports.table])
    static let issueSQL = Rows.EntitySQL(table: "issues", key: "id", columns: Rows.issueColumns,
                                         lists: [Rows.progress.table, Rows.reports.table, Rows.verifications.table,
                                                 Rows.rules.table, Rows.history.table])
    static let transferSQL = Rows.EntitySQL(table: "transfers", key: "id", columns: Rows.transferColumns, lists: [])

    /// One entity row: inserted when new, updated in place when it exists, deleted (with its
    /// lists) when the new image is nil.
    private func writeEntity(_ entity: Rows.EntitySQL, _ value: String, _ values: [(any DatabaseValueConvertible)?]?,
                             exists: Bool) throws {
        guard let values else {
            try db.execute(SQLPart(entity.delete, [value]))
            for list in entity.lists {
                try db.execute(SQLPart("DELETE FROM \(list) WHERE \(Self.owner(of: list)) = ?", [value]))
            }
            return
        }
        try db.execute(SQLPart(exists ? entity.upsert : entity.insert, values))
    }

    private static func owner(of listTable: String) -> String {
        switch listTable {
        case Rows.teams.table, Rows.targets.table: "round"
        case Rows.urges.table, Rows.assessments.table, Rows.checks.table, Rows.roundReports.table: "unit"
        default: "issue"
        }
    }

    /// A list grows by appending, and an undo puts back an earlier, shorter one: the rows past
    /// the common beginning are all that is written or deleted.
    private func writeList<E: Equatable>(_ list: Rows.List<E>, of owner: String, _ new: [E], base: [E]?) throws {
        var common = 0
        if let base {
            while common < base.count, common < new.count, base[common] == new[common] { common += 1 }
            if base.count > common {
                try db.execute(SQLPart(list.truncate, [owner, common]))
            }
        }
        guard common < new.count else { return }
        let insert = list.insert
        for n in common..<new.count {
            try db.execute(SQLPart(insert, [owner, n] + list.values(new[n])))
        }
    }
}
