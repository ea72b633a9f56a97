/// What the shell asks of a ledger — filters in, rows and figures out. Every ledger, statistic,
/// warning digest, slip, detail view, report, completion, `expect` line and confirmation reads
/// through these methods and nothing else, so that the ledger can live in memory or in a
/// database without the shell knowing.
///
/// Each method answers one question and reads only what that answer needs: figures come as
/// aggregate rows (a store can count with GROUP BY instead of handing over every problem), and
/// a list of problems leaves out each problem's work lists unless asked for them (`IssueLists`).
///
/// Orders: problems come in id order (round code, then number, `IssueID.less`); codes, ids of
/// transferred matters, people and departments in text order (`<` on `String`); group rows in
/// no particular order, because the shell orders them for display (codes by number, categories
/// in their fixed order, rates…) and that order is the same whatever the store.
///
/// Derived values (overdue, warnings, days overdue) depend on the day asked about and on the
/// policy; a method that reports them takes that day, and reads the policy itself.
///
/// Every method throws, because a store read can fail; a missing entity is not a failure but nil.
public protocol LedgerQuerying {
    // MARK: single entities

    /// The office-wide settings warnings and the talk threshold read.
    func currentPolicy() throws -> Policy
    func round(code: String) throws -> Round?
    func unit(code: String) throws -> Unit?
    /// One problem; with `.omitted` its work lists may come back empty (see `IssueLists`).
    func issue(id: String, lists: IssueLists) throws -> Issue?
    func transfer(id: String) throws -> Transfer?
    /// Status and warning of one problem on `today`: what `expect status` and `expect warning`
    /// assert. Nil when there is no such problem.
    func standing(ofIssue id: String, today: Day) throws -> IssueStanding?

    // MARK: lists

    /// Every round, in code order.
    func allRounds() throws -> [Round]
    /// Every unit, in code order.
    func allUnits() throws -> [Unit]
    /// The units of `codes` that exist, in code order (the names a digest or report prints).
    func units(codes: Set<String>) throws -> [Unit]
    /// The problems matching `filter` on `today`, in id order.
    func issues(matching filter: IssueFilter, today: Day, lists: IssueLists) throws -> [Issue]
    /// The transferred matters of the problems matching `filter`, in id order (as text), each
    /// with what the transfers ledger shows of its problem.
    func transferRows(ofIssuesMatching filter: IssueFilter, today: Day) throws -> [TransferRow]
    /// The transferred matters of one problem, in id order (as text).
    func transfers(ofIssue id: String) throws -> [Transfer]
    /// The rules established because of the problems matching `filter`: problems in id order,
    /// each problem's rules in the order they were recorded.
    func ruleRows(ofIssuesMatching filter: IssueFilter, today: Day) throws -> [RuleRow]
    /// The problems matching `filter` that carry a warning on `asOf`, in id order.
    func warnedIssues(matching filter: IssueFilter, asOf: Day) throws -> [WarnedIssue]

    // MARK: figures

    /// How many problems match `filter` on `today` (`expect count`).
    func count(matching filter: IssueFilter, today: Day) throws -> Int
    /// The counts of all problems matching `filter` on `today`, as one total.
    func tally(matching filter: IssueFilter, today: Day) throws -> IssueTally
    /// The counts of the problems matching `filter`, one row per group that has a problem.
    func tallies(matching filter: IssueFilter, today: Day, by grouping: IssueGrouping) throws -> [IssueGroupTally]
    /// The summed outcomes of the transferred matters of the problems matching `filter`.
    func transferTally(ofIssuesMatching filter: IssueFilter, today: Day) throws -> TransferTally
    /// The rows of `ledger units` (see `UnitLedgerRow` for which units it lists).
    func unitLedger(matching filter: IssueFilter, today: Day) throws -> [UnitLedgerRow]
    /// The rows of `ledger leaders`: one per lead leader of a matching problem, and one for the
    /// matching problems nobody leads yet.
    func leaderLedger(matching filter: IssueFilter, today: Day) throws -> [LeaderLedgerRow]

    // MARK: completion

    func roundCodes() throws -> [String]
    func unitCodes() throws -> [String]
    /// Ids of the problems in `statuses` (every problem when empty), in id order.
    func issueIDs(statuses: Set<IssueStatus>) throws -> [String]
    func transferIDs() throws -> [String]
    /// Everyone the ledger has seen in a role: leaders, owners, handlers, verifiers, signers,
    /// secretaries and team leaders; each once, in text order.
    func people() throws -> [String]
    /// Every responsible department named on a problem; each once, in text order.
    func departments() throws -> [String]
    /// Every login holding a role or tied to a person; each once, in text order.
    func logins() throws -> [String]

    // MARK: identity

    /// SHA-256 of the canonical encoding of the whole ledger (`audit digest`): equal exactly
    /// when two stores hold the same ledger, whatever they are.
    func digest() throws -> String
}

/// Whether a list of problems carries each problem's progress notes, reports, verifications,
/// rules and history. A ledger, a statistic or an `expect` line needs none of them, and a store
/// keeping them in tables of their own would read thousands of rows for nothing.
public enum IssueLists: Sendable {
    /// The problem's own fields only: the lists may come back empty and must not be read.
    case omitted
    /// Everything, as `issue show`, `slip` and decisions need it.
    case included
}

/// Where one problem stands on a day: what an `expect status` or `expect warning` line checks.
public struct IssueStanding: Equatable, Sendable {
    public var status: IssueStatus
    public var warning: WarningColour?

    public init(status: IssueStatus, warning: WarningColour?) {
        self.status = status
        self.warning = warning
    }
}

/// The counts of a group of problems, or of a whole scope: the rate's parts, how many are
/// open and overdue on the day asked about, and how many rules they led to. Tallies add up,
/// so the total of a ledger is the sum of its rows.
public struct IssueTally: Equatable, Sendable {
    public var rate = Rate()
    public var open = 0
    public var overdue = 0
    public var rules = 0

    public init(rate: Rate = Rate(), open: Int = 0, overdue: Int = 0, rules: Int = 0) {
        self.rate = rate
        self.open = open
        self.overdue = overdue
        self.rules = rules
    }

    /// Counts one problem; it reads the problem's rules, so `i` must come with its lists.
    public mutating func add(_ i: Issue, today: Day) {
        rate.add(i)
        if i.status.isOpen { open += 1 }
        if i.isOverdue(on: today) { overdue += 1 }
        rules += i.rules.count
    }

    public mutating func add(_ other: IssueTally) {
        rate.closed += other.rate.closed
        rate.all += other.rate.all
        rate.withdrawn += other.rate.withdrawn
        rate.longterm += other.rate.longterm
        open += other.open
        overdue += other.overdue
        rules += other.rules
    }
}

/// What problems are grouped by: `stats --by`, the rounds list, the report's charts.
public enum IssueGrouping: String, Sendable, CaseIterable {
    case unit, category, lead, round, month, status

    /// The group of `issue`, as the stable key `IssueGroupTally.key` holds.
    public func key(of issue: Issue) -> String {
        switch self {
        case .unit: issue.unit
        case .category: issue.category.rawValue
        case .lead: issue.lead ?? ""
        case .round: issue.round
        case .month: issue.registeredOn.monthKey
        case .status: issue.status.rawValue
        }
    }
}

/// The counts of one group of problems. `key` is the unit or round code, the raw word of the
/// category or status, the lead leader's name (empty for problems nobody leads yet), or the
/// month of registration as `YYYY-MM`.
public struct IssueGroupTally: Equatable, Sendable {
    public var key: String
    public var tally: IssueTally

    public init(key: String, tally: IssueTally) {
        self.key = key
        self.tally = tally
    }
}

/// The summed outcomes of some transferred matters: how many were handed over and concluded,
/// people sanctioned, person-times handled, money recovered and refunded.
public struct TransferTally: Equatable, Sendable {
    public var transfers = 0, concluded = 0, sanctions = 0, handled = 0, recovered = 0, refunded = 0

    public init() {}

    public init<S: Sequence>(_ list: S) where S.Element == Transfer {
        for t in list { add(t) }
    }

    public mutating func add(_ t: Transfer) {
        transfers += 1
        guard let o = t.outcome else { return }
        concluded += 1
        sanctions += o.sanctions
        handled += o.handled
        recovered += o.recovered
        refunded += o.refunded
    }
}

/// One transferred matter as the transfers ledger and the report show it: the matter, and of
/// the problem it came from the unit, round, status, deadline and days overdue on the day asked.
public struct TransferRow: Equatable, Sendable {
    public var transfer: Transfer
    public var unit: String
    public var round: String
    public var issueStatus: IssueStatus
    public var issueDue: Day?
    public var issueDaysOverdue: Int

    public init(transfer: Transfer, unit: String, round: String, issueStatus: IssueStatus, issueDue: Day?, issueDaysOverdue: Int) {
        self.transfer = transfer
        self.unit = unit
        self.round = round
        self.issueStatus = issueStatus
        self.issueDue = issueDue
        self.issueDaysOverdue = issueDaysOverdue
    }
}

/// One rule established because of a problem, with the problem's id, title and unit.
public struct RuleRow: Equatable, Sendable {
    public var issue: String
    public var issueTitle: String
    public var unit: String
    public var rule: Rule

    public init(issue: String, issueTitle: String, unit: String, rule: Rule) {
        self.issue = issue
        self.issueTitle = issueTitle
        self.unit = unit
        self.rule = rule
    }
}

/// One problem that carries a warning on the day asked about (a warned problem always has a
/// deadline): what the warnings digest and the report list.
public struct WarnedIssue: Equatable, Sendable {
    public var id: String
    public var unit: String
    public var title: String
    public var due: Day
    public var colour: WarningColour

    public init(id: String, unit: String, title: String, due: Day, colour: WarningColour) {
        self.id = id
        self.unit = unit
        self.title = title
        self.due = due
        self.colour = colour
    }
}

/// One row of `ledger units`. The units listed are: the one the filter names; else, with a
/// round, the round's targets and every unit with a matching problem; else, with any other
/// filter, the units with a matching problem; else every unit. A unit listed without a
/// matching problem has a zero tally.
public struct UnitLedgerRow: Equatable, Sendable {
    public var code: String
    public var name: String
    public var secretary: String?
    /// Supervision acts addressed to the unit, and how many of them were talks (约谈).
    public var urges: Int
    public var talks: Int
    public var tally: IssueTally
    /// The latest grade of its rectification (整改质效评估), of the filter's round when it names one.
    public var grade: Grade?
    /// The day of its latest supervision check (督查), whatever the filter.
    public var lastChecked: Day?

    public init(code: String, name: String, secretary: String?, urges: Int, talks: Int, tally: IssueTally, grade: Grade? = nil,
                lastChecked: Day? = nil) {
        self.code = code
        self.name = name
        self.secretary = secretary
        self.urges = urges
        self.talks = talks
        self.tally = tally
        self.grade = grade
        self.lastChecked = lastChecked
    }
}

/// One row of `ledger leaders`: the lead leader (nil for the problems nobody leads yet), the
/// counts of their matching problems and the units those belong to (each once, in text order).
public struct LeaderLedgerRow: Equatable, Sendable {
    public var lead: String?
    public var tally: IssueTally
    public var units: [String]

    public init(lead: String?, tally: IssueTally, units: [String]) {
        self.lead = lead
        self.tally = tally
        self.units = units
    }
}

extension LedgerQuerying {
    /// The round `code`, or the refusal naming the known codes that a mistyped code gets.
    public func requireRound(_ code: String, field: String = "round") throws -> Round {
        if let r = try round(code: code) { return r }
        let known = try roundCodes()
        throw DomainError(en: "no round \(code)", zh: "没有轮次 \(code)", field: field,
                          hintEn: Check.known(sorted: known), hintZh: Check.known(sorted: known, zh: true))
    }

    /// The unit `code`, or the refusal naming the known codes.
    public func requireUnit(_ code: String, field: String = "unit") throws -> Unit {
        if let u = try unit(code: code) { return u }
        let known = try unitCodes()
        throw DomainError(en: "no unit \(code)", zh: "没有单位 \(code)", field: field,
                          hintEn: Check.known(sorted: known), hintZh: Check.known(sorted: known, zh: true))
    }

    /// The problem `id`, or the refusal saying whether its round exists.
    public func requireIssue(_ id: String, lists: IssueLists, field: String = "id") throws -> Issue {
        if let i = try issue(id: id, lists: lists) { return i }
        throw try missingIssue(id, field: field)
    }

    /// The refusal for a problem id that names none (`State.issue` refuses alike).
    public func missingIssue(_ id: String, field: String = "id") throws -> DomainError {
        if let (round, _) = IssueID.split(id), try self.round(code: round) != nil {
            return DomainError(en: "no issue \(id) in round \(round)", zh: "轮次 \(round) 中没有问题 \(id)", field: field)
        }
        return DomainError(en: "no issue \(id)", zh: "没有问题 \(id)", field: field,
                           hintEn: "issue ids look like R5-001", hintZh: "问题编号形如 R5-001")
    }
}
