import GRDB
import XunchaCore

extension Projection {
    /// Every entity of the tables as plain values, each table read once in key order.
    func loadState() throws -> State {
        var state = State()
        let teams = try grouped(Rows.teams), targets = try grouped(Rows.targets), urges = try grouped(Rows.urges)
        let assessments = try grouped(Rows.assessments), checks = try grouped(Rows.checks)
        let roundReports = try grouped(Rows.roundReports)
        for row in try db.rows(SQLPart("SELECT * FROM rounds")) {
            let code: String = row["code"]
            state.rounds[code] = try Rows.round(row, teams: teams[code] ?? [], targets: targets[code] ?? [])
        }
        for row in try db.rows(SQLPart("SELECT * FROM units")) {
            let code: String = row["code"]
            state.units[code] = try Rows.unit(row, urges: urges[code] ?? [], assessments: assessments[code] ?? [],
                                               checks: checks[code] ?? [], reports: roundReports[code] ?? [])
        }
        let progress = try grouped(Rows.progress), reports = try grouped(Rows.reports)
        let verifications = try grouped(Rows.verifications), rules = try grouped(Rows.rules), history = try grouped(Rows.history)
        for row in try db.rows(SQLPart("SELECT * FROM issues")) {
            var i = try Rows.issue(row)
            i.progress = progress[i.id] ?? []
            i.reports = reports[i.id] ?? []
            i.verifications = verifications[i.id] ?? []
            i.rules = rules[i.id] ?? []
            i.history = history[i.id] ?? []
            state.issues[i.id] = i
        }
        for row in try db.rows(SQLPart("SELECT * FROM transfers")) {
            let t = try Rows.transfer(row)
            state.transfers[t.id] = t
        }
        state.policy = try policy()
        state.nextTransfer = try nextTransfer()
        state.access = try access()
        state.firstActor = try creator()
        return state
    }

    /// A whole list table, grouped by owner, each owner's elements in their order.
    func grouped<E>(_ list: Rows.List<E>) throws -> [String: [E]] {
        var out: [String: [E]] = [:]
        let rows = try db.cursor(SQLPart("SELECT * FROM \(list.table) ORDER BY \(list.owner), n"))
        while let row = try rows.next() {
            out[row[list.owner] as String, default: []].append(try list.decode(row))
        }
        return out
    }
}
