import Foundation
import GRDB
import XunchaCore

/// The row mapping: how each entity's fields are columns. Adding a field to an entity is one
/// column here (and one migration); nothing else in the store names columns of these tables.
enum Rows {
    static let roundColumns = ["code", "title", "kind", "from_day", "to_day", "revisits", "feedback_on", "default_due",
                               "closed", "close_reason", "next_issue", "reports_due"]
    static func values(_ r: Round) -> [(any DatabaseValueConvertible)?] {
        [r.code, r.title, r.kind.rawValue, r.from?.iso, r.to?.iso, r.revisits, r.feedbackOn?.iso, r.defaultDue?.iso,
         r.closed, r.closeReason, r.nextIssue, r.reportsDue?.iso]
    }
    static func round(_ row: Row, teams: [Team], targets: [String]) throws -> Round {
        Round(code: row["code"], title: row["title"], kind: try word(row, "kind"), from: day(row, "from_day"),
              to: day(row, "to_day"), revisits: row["revisits"], teams: teams, targets: targets,
              feedbackOn: day(row, "feedback_on"), defaultDue: day(row, "default_due"), closed: row["closed"],
              closeReason: row["close_reason"], nextIssue: row["next_issue"], reportsDue: day(row, "reports_due"))
    }

    static let unitColumns = ["code", "name", "secretary"]
    static func values(_ u: XunchaCore.Unit) -> [(any DatabaseValueConvertible)?] { [u.code, u.name, u.secretary] }
    static func unit(_ row: Row, urges: [UrgeAct], assessments: [Assessment], checks: [SupervisionCheck],
                     reports: [RoundReport]) throws -> XunchaCore.Unit {
        XunchaCore.Unit(code: row["code"], name: row["name"], secretary: row["secretary"], urges: urges, assessments: assessments,
                        checks: checks, reports: reports)
    }

    static let issueColumns = ["id", "round", "number", "unit", "title", "category", "source", "mode", "requirement",
                               "registered_on", "due", "lead", "owner", "dept", "handler", "status", "returned",
                               "reopened", "closed_on", "longterm_verified", "withdraw_reason"]
    static func values(_ i: Issue) -> [(any DatabaseValueConvertible)?] {
        [i.id, i.round, IssueID.split(i.id)?.number ?? 0, i.unit, i.title, i.category.rawValue, i.source.rawValue,
         i.mode.rawValue, i.requirement, i.registeredOn.iso, i.due?.iso, i.lead, i.owner, i.dept, i.handler,
         i.status.rawValue, i.returned, i.reopened, i.closedOn?.iso, i.longtermVerified, i.withdrawReason]
    }
    /// A problem's own fields; its lists are filled by the caller when it needs them.
    static func issue(_ row: Row) throws -> Issue {
        var i = Issue(id: row["id"], round: row["round"], unit: row["unit"], title: row["title"],
                      category: try word(row, "category"), source: try word(row, "source"), mode: try word(row, "mode"),
                      requirement: row["requirement"], registeredOn: try requiredDay(row, "registered_on"), due: day(row, "due"))
        i.lead = row["lead"]; i.owner = row["owner"]; i.dept = row["dept"]; i.handler = row["handler"]
        i.status = try word(row, "status")
        i.returned = row["returned"]; i.reopened = row["reopened"]
        i.closedOn = day(row, "closed_on")
        i.longtermVerified = row["longterm_verified"]
        i.withdrawReason = row["withdraw_reason"]
        return i
    }

    static let transferColumns = ["id", "number", "issue", "to_body", "summary", "on_day", "concluded_on",
                                  "sanctions", "handled", "recovered", "refunded"]
    static func values(_ t: Transfer) -> [(any DatabaseValueConvertible)?] {
        [t.id, Int(t.id.dropFirst(2)) ?? 0, t.issue, t.to.rawValue, t.summary, t.on.iso, t.concludedOn?.iso,
         t.outcome?.sanctions, t.outcome?.handled, t.outcome?.recovered, t.outcome?.refunded]
    }
    static func transfer(_ row: Row) throws -> Transfer {
        var outcome: TransferOutcome?
        if let sanctions: Int = row["sanctions"] {
            outcome = TransferOutcome(sanctions: sanctions, handled: row["handled"] ?? 0,
                                      recovered: row["recovered"] ?? 0, refunded: row["refunded"] ?? 0)
        }
        return Transfer(id: row["id"], issue: row["issue"], to: try word(row, "to_body"), summary: row["summary"],
                        on: try requiredDay(row, "on_day"), concludedOn: day(row, "concluded_on"), outcome: outcome)
    }

    // MARK: - The lists of an entity, one table each, numbered from 0 in their order

    /// One list table: its name, its owner's key column, its own columns, and the mapping.
    struct List<Element>: Sendable {
        let table: String
        let owner: String
        let columns: [String]
        let values: @Sendable (Element) -> [(any DatabaseValueConvertible)?]
        let decode: @Sendable (Row) throws -> Element
        /// Its statements, built once: a province file writes hundreds of thousands of rows.
        let insert: BatchedInsert
        let truncate: String

        init(table: String, owner: String, columns: [String], values: @escaping @Sendable (Element) -> [(any DatabaseValueConvertible)?],
             decode: @escaping @Sendable (Row) throws -> Element) {
            self.table = table
            self.owner = owner
            self.columns = columns
            self.values = values
            self.decode = decode
            insert = BatchedInsert(table: table, columns: [owner, "n"] + columns)
            truncate = "DELETE FROM \(table) WHERE \(owner) = ? AND n >= ?"
        }
    }

    /// The statements that write one entity's row, built once from its columns.
    struct EntitySQL: Sendable {
        let table: String
        let key: String
        let columns: [String]
        /// The tables of its lists, whose rows go with it when it is deleted.
        let lists: [String]
        let insert: BatchedInsert
        let upsert: BatchedInsert
        let delete: String

        init(table: String, key: String, columns: [String], lists: [String]) {
            self.table = table
            self.key = key
            self.columns = columns
            self.lists = lists
            insert = BatchedInsert(table: table, columns: columns)
            let updates = columns.filter { $0 != key }.map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
            upsert = BatchedInsert(table: table, columns: columns, conflict: "ON CONFLICT (\(key)) DO UPDATE SET \(updates)")
            delete = "DELETE FROM \(table) WHERE \(key) = ?"
        }
    }

    static let teams = List<Team>(table: "round_teams", owner: "round", columns: ["name", "leader"],
                                  values: { [$0.name, $0.leader] }, decode: { Team(name: $0["name"], leader: $0["leader"]) })
    static let targets = List<String>(table: "round_targets", owner: "round", columns: ["unit"],
                                      values: { [$0] }, decode: { $0["unit"] })
    static let urges = List<UrgeAct>(
        table: "urges", owner: "unit", columns: ["kind", "text", "on_day", "by_actor", "issue"],
        values: { [$0.kind.rawValue, $0.text, $0.on.iso, $0.by, $0.issue] },
        decode: { UrgeAct(kind: try word($0, "kind"), text: $0["text"], on: try requiredDay($0, "on_day"), by: $0["by_actor"], issue: $0["issue"]) })
    static let assessments = List<Assessment>(
        table: "unit_assessments", owner: "unit", columns: ["round", "grade", "by_person", "methods", "findings", "redo", "on_day"],
        values: { [$0.round, $0.grade.rawValue, $0.by, $0.methods.map(\.rawValue).joined(separator: ","), $0.findings,
                   $0.redo.joined(separator: ","), $0.on.iso] },
        decode: { row in
            let words = (row["methods"] as String? ?? "").split(separator: ",").map(String.init)
            let redo = (row["redo"] as String? ?? "").split(separator: ",").map(String.init)
            return Assessment(round: row["round"], grade: try word(row, "grade"), by: row["by_person"],
                              methods: try words.map { try vocabulary($0, column: "methods") }, findings: row["findings"],
                              redo: redo, on: try requiredDay(row, "on_day"))
        })
    static let checks = List<SupervisionCheck>(
        table: "unit_checks", owner: "unit", columns: ["round", "on_day", "by_person", "compared", "findings"],
        values: { [$0.round, $0.on.iso, $0.by, $0.compared.map(\.rawValue).joined(separator: ","), $0.findings] },
        decode: { row in
            let words = (row["compared"] as String? ?? "").split(separator: ",").map(String.init)
            return SupervisionCheck(round: row["round"], on: try requiredDay(row, "on_day"), by: row["by_person"],
                                    compared: try words.map { try vocabulary($0, column: "compared") }, findings: row["findings"])
        })
    static let roundReports = List<RoundReport>(
        table: "unit_reports", owner: "unit", columns: ["round", "kind", "on_day", "signed_by"],
        values: { [$0.round, $0.kind.rawValue, $0.on.iso, $0.signedBy] },
        decode: { RoundReport(round: $0["round"], kind: try word($0, "kind"), on: try requiredDay($0, "on_day"), signedBy: $0["signed_by"]) })
    static let progress = List<ProgressNote>(
        table: "issue_progress", owner: "issue", columns: ["text", "on_day"],
        values: { [$0.text, $0.on.iso] }, decode: { ProgressNote(text: $0["text"], on: try requiredDay($0, "on_day")) })
    static let reports = List<Report>(
        table: "issue_reports", owner: "issue", columns: ["text", "evidence", "signed_by", "on_day"],
        values: { [$0.text, jsonList($0.evidence), $0.signedBy, $0.on.iso] },
        decode: { Report(text: $0["text"], evidence: try list($0, "evidence"), signedBy: $0["signed_by"], on: try requiredDay($0, "on_day")) })
    static let verifications = List<Verification>(
        table: "issue_verifications", owner: "issue", columns: ["verdict", "by_person", "methods", "note", "on_day"],
        values: { [$0.verdict.rawValue, $0.by, $0.methods.map(\.rawValue).joined(separator: ","), $0.note, $0.on.iso] },
        decode: { row in
            let words = (row["methods"] as String? ?? "").split(separator: ",").map(String.init)
            return Verification(verdict: try word(row, "verdict"), by: row["by_person"],
                                methods: try words.map { try vocabulary($0, column: "methods") }, note: row["note"],
                                on: try requiredDay(row, "on_day"))
        })
    static let rules = List<Rule>(
        table: "issue_rules", owner: "issue", columns: ["title", "on_day"],
        values: { [$0.title, $0.on.iso] }, decode: { Rule(title: $0["title"], on: try requiredDay($0, "on_day")) })
    static let history = List<HistoryEntry>(
        table: "issue_history", owner: "issue", columns: ["on_day", "actor", "action", "detail", "entered", "on_behalf"],
        values: { [$0.on.iso, $0.actor, $0.action, $0.detail, $0.entered?.iso, $0.onBehalf] },
        decode: { HistoryEntry(on: try requiredDay($0, "on_day"), actor: $0["actor"], action: $0["action"], detail: $0["detail"],
                               entered: day($0, "entered"), onBehalf: $0["on_behalf"]) })

    // MARK: - Column values

    static func day(_ row: Row, _ column: String) -> Day? {
        (row[column] as String?).flatMap(Day.init(iso:))
    }

    static func requiredDay(_ row: Row, _ column: String) throws -> Day {
        guard let d = day(row, column) else { throw StoreError.damagedTable(column: column, detail: "not a YYYY-MM-DD date") }
        return d
    }

    static func word<T: RawRepresentable>(_ row: Row, _ column: String) throws -> T where T.RawValue == String {
        try vocabulary(row[column] as String? ?? "", column: column)
    }

    static func vocabulary<T: RawRepresentable>(_ text: String, column: String) throws -> T where T.RawValue == String {
        guard let value = T(rawValue: text) else { throw StoreError.damagedTable(column: column, detail: "unknown value \"\(text)\"") }
        return value
    }

    /// Evidence is a list of texts: stored as a JSON array, which keeps commas in a name apart.
    static func jsonList(_ list: [String]) -> String {
        (try? JSONEncoder().encode(list)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }

    static func list(_ row: Row, _ column: String) throws -> [String] {
        let text: String = row[column] ?? "[]"
        do { return try JSONDecoder().decode([String].self, from: Data(text.utf8)) } catch {
            throw StoreError.damagedTable(column: column, detail: "not a JSON list")
        }
    }
}
