import GRDB
import XunchaCore

/// A piece of SQL with `?` placeholders and the values that fill them, in order.
struct SQLPart {
    var sql: String
    var arguments: [(any DatabaseValueConvertible)?]

    init(_ sql: String, _ arguments: [(any DatabaseValueConvertible)?] = []) {
        self.sql = sql
        self.arguments = arguments
    }

    static func + (a: SQLPart, b: SQLPart) -> SQLPart { SQLPart(a.sql + b.sql, a.arguments + b.arguments) }

    var statementArguments: StatementArguments { StatementArguments(arguments) }

    /// `(?, ?, …)` for `values`: an IN list.
    static func list(_ values: [String]) -> SQLPart {
        SQLPart("(" + Array(repeating: "?", count: values.count).joined(separator: ", ") + ")", values)
    }
}

/// `IssueFilter` as SQL: the conditions on the `issues` table (aliased `i`) that hold exactly
/// for the problems `IssueFilter.matches` accepts. Every query that takes a filter uses this
/// one translation, so a ledger, its counts and its transfers always select the same problems.
///
/// The derived conditions are date comparisons on `due`: `today.days(until: due) <= n` is
/// `due <= today + n`, with the bound computed here with `Day` and compared as ISO text.
struct IssueWhere {
    /// The conjunction, without `WHERE`; empty for a filter that selects everything.
    private(set) var conditions: [SQLPart] = []

    init(_ f: IssueFilter, today: Day, policy: Policy) {
        if let round = f.round { add("i.round = ?", round) }
        if let unit = f.unit { add("i.unit = ?", unit) }
        if !f.statuses.isEmpty {
            // Sorted, so that one set of statuses is always one statement text (the cache key).
            add(SQLPart("i.status IN ") + .list(f.statuses.map(\.rawValue).sorted()))
        }
        if let lead = f.lead { add("i.lead = ?", lead) }
        if let owner = f.owner { add("i.owner = ?", owner) }
        if let dept = f.dept { add("i.dept = ?", dept) }
        if let category = f.category { add("i.category = ?", category.rawValue) }
        if let source = f.source { add("i.source = ?", source.rawValue) }
        if let mode = f.mode { add("i.mode = ?", mode.rawValue) }
        if f.overdue { add(Self.overdue(today)) }
        if let n = f.dueWithin {
            add(Self.underDeadline + SQLPart(" AND i.due >= ? AND i.due <= ?", [today.iso, Self.bound(today, plus: n)]))
        }
        if let since = f.since { add("i.registered_on >= ?", since.iso) }
        if let until = f.until { add("i.registered_on <= ?", until.iso) }
        if let colour = f.warning { add(Self.warning(colour, today: today, policy: policy)) }
    }

    mutating func add(_ part: SQLPart) { conditions.append(part) }

    private mutating func add(_ sql: String, _ value: String) { conditions.append(SQLPart(sql, [value])) }

    /// ` WHERE …` (with its leading space), or nothing.
    var clause: SQLPart {
        guard let first = conditions.first else { return SQLPart("") }
        return conditions.dropFirst().reduce(SQLPart(" WHERE (") + first + SQLPart(")")) {
            $0 + SQLPart(" AND (") + $1 + SQLPart(")")
        }
    }

    // MARK: - The derived conditions, on their own

    /// The statuses a deadline binds (`IssueStatus.isUnderDeadline`), with a deadline set.
    static var underDeadline: SQLPart {
        SQLPart("i.due IS NOT NULL AND i.status IN ") + .list(IssueStatus.allCases.filter(\.isUnderDeadline).map(\.rawValue))
    }

    /// `Issue.isOverdue(on: today)`: bound by its deadline, and the deadline before today.
    static func overdue(_ today: Day) -> SQLPart {
        underDeadline + SQLPart(" AND i.due < ?", [today.iso])
    }

    /// `Issue.warning(on:policy:) == colour`. With `left = today.days(until: due)`: red is
    /// `left < 0`; yellow `0 <= left <= yellowDays`; green `yellowDays < left <= greenDays`
    /// (empty when green is not beyond yellow, as in the Swift rule, which tests yellow first).
    static func warning(_ colour: WarningColour, today: Day, policy: Policy) -> SQLPart {
        let yellow = bound(today, plus: policy.yellowDays), green = bound(today, plus: policy.greenDays)
        switch colour {
        case .red: return underDeadline + SQLPart(" AND i.due < ?", [today.iso])
        case .yellow: return underDeadline + SQLPart(" AND i.due >= ? AND i.due <= ?", [today.iso, yellow])
        case .green: return underDeadline + SQLPart(" AND i.due > ? AND i.due <= ?", [yellow, green])
        }
    }

    /// Carries some warning on `today`: `left <= max(yellowDays, greenDays)`, red included.
    static func warned(today: Day, policy: Policy) -> SQLPart {
        underDeadline + SQLPart(" AND i.due <= ?", [bound(today, plus: max(policy.yellowDays, policy.greenDays))])
    }

    // MARK: - Date bounds

    /// Above and below every date a ledger can hold (years 1…9999), as text: a bound outside
    /// the calendar compares with the stored dates as that day itself would.
    static let afterAll = "9999-99-99", beforeAll = "0000-00-00"
    private static let firstDay = Day(year: 1, month: 1, day: 1)?.ordinal ?? -719_162
    private static let lastDay = Day(year: 9999, month: 12, day: 31)?.ordinal ?? 2_932_896

    /// `today + days` as ISO text, for any `days` (a typed `--due-within` may be huge).
    static func bound(_ today: Day, plus days: Int) -> String {
        let (ordinal, overflow) = today.ordinal.addingReportingOverflow(days)
        if overflow { return days > 0 ? afterAll : beforeAll }
        if ordinal > lastDay { return afterAll }
        if ordinal < firstDay { return beforeAll }
        return Day(ordinal: ordinal).iso
    }
}
