/// Values derived from an issue and the day it is looked at; never stored, so moving the
/// simulated clock moves them.
extension Issue {
    /// Open, not in long-term upkeep, and past its deadline.
    public func isOverdue(on today: Day) -> Bool {
        Issue.daysOverdue(status: status, due: due, on: today) > 0
    }

    public func daysOverdue(on today: Day) -> Int {
        Issue.daysOverdue(status: status, due: due, on: today)
    }

    /// Days past `due` on `today` of a problem in `status` (0 when not overdue): the rule
    /// itself, for a reader that holds only those two fields of a problem (a transfers ledger).
    public static func daysOverdue(status: IssueStatus, due: Day?, on today: Day) -> Int {
        guard status.isUnderDeadline, let due, due < today else { return 0 }
        return due.days(until: today)
    }

    /// Days from registration to closing (or to `today` while open).
    public func daysOpen(on today: Day) -> Int {
        registeredOn.days(until: closedOn ?? today)
    }

    /// Red when overdue, yellow when due within `policy.yellowDays`, green within `policy.greenDays`.
    public func warning(on today: Day, policy: Policy) -> WarningColour? {
        guard status.isUnderDeadline, let due else { return nil }
        let left = today.days(until: due)
        if left < 0 { return .red }
        if left <= policy.yellowDays { return .yellow }
        if left <= policy.greenDays { return .green }
        return nil
    }
}

/// 整改率 with its formula spelled out, because offices define the rate differently.
/// Strict: closed ÷ (all − withdrawn); long-term-verified problems still open are counted apart.
public struct Rate: Equatable, Sendable {
    public var closed: Int
    public var all: Int
    public var withdrawn: Int
    /// In long-term upkeep (verified `longterm`, not yet closed).
    public var longterm: Int

    public init(closed: Int = 0, all: Int = 0, withdrawn: Int = 0, longterm: Int = 0) {
        self.closed = closed
        self.all = all
        self.withdrawn = withdrawn
        self.longterm = longterm
    }

    public init<S: Sequence>(_ issues: S) where S.Element == Issue {
        self.init()
        for i in issues { add(i) }
    }

    public mutating func add(_ i: Issue) {
        all += 1
        switch i.status {
        case .closed: closed += 1
        case .withdrawn: withdrawn += 1
        case .longterm: longterm += 1
        default: break
        }
    }

    public var denominator: Int { all - withdrawn }

    /// The rate in hundredths of a percent, rounded half up (1822/2012 → 9056); nil with nothing to count.
    public var hundredths: Int? {
        guard denominator > 0 else { return nil }
        return (closed * 20_000 + denominator) / (2 * denominator)
    }

    /// `90.56%`, or `—` when there is nothing to count.
    public var percent: String {
        guard let h = hundredths else { return "—" }
        return "\(h / 100).\(pad(h % 100, 2))%"
    }

    /// `1822/2012 = 90.56%`
    public var fraction: String { "\(closed)/\(denominator) = \(percent)" }

    public static let formula = Localized(en: "closed ÷ (all − withdrawn)", zh: "已销号 ÷ (总数 − 撤销)")

    /// `整改率 1822/2012 = 90.56%（已销号 ÷ (总数 − 撤销)）`, plus the long-term count when there is one.
    public func line(_ lang: Language) -> String {
        var s = (lang == .zh ? "整改率 " : "rate ") + fraction + (lang == .zh ? "（" + Rate.formula.zh + "）" : " (" + Rate.formula.en + ")")
        if longterm > 0 { s += lang == .zh ? "；长期坚持 \(longterm) 个另计" : "; \(longterm) in long-term upkeep counted apart" }
        return s
    }
}

/// The filters every ledger query combines (all given filters must hold).
public struct IssueFilter: Equatable, Sendable {
    public var round: String?
    public var unit: String?
    public var statuses: Set<IssueStatus> = []
    public var lead: String?
    public var owner: String?
    public var dept: String?
    public var category: Category?
    public var source: Source?
    public var mode: Mode?
    public var overdue = false
    /// Open and due within the next this many days: today up to today + n. Overdue ones are
    /// not "due within" (`--overdue` asks for them).
    public var dueWithin: Int?
    /// Registered on or after / on or before.
    public var since: Day?
    public var until: Day?
    public var warning: WarningColour?

    public init() {}

    public func matches(_ i: Issue, today: Day, policy: Policy) -> Bool {
        if let round, i.round != round { return false }
        if let unit, i.unit != unit { return false }
        if !statuses.isEmpty, !statuses.contains(i.status) { return false }
        if let lead, i.lead != lead { return false }
        if let owner, i.owner != owner { return false }
        if let dept, i.dept != dept { return false }
        if let category, i.category != category { return false }
        if let source, i.source != source { return false }
        if let mode, i.mode != mode { return false }
        if overdue, !i.isOverdue(on: today) { return false }
        if let dueWithin {
            guard i.status.isUnderDeadline, let due = i.due else { return false }
            let left = today.days(until: due)
            guard left >= 0, left <= dueWithin else { return false }
        }
        if let since, i.registeredOn < since { return false }
        if let until, i.registeredOn > until { return false }
        if let warning, i.warning(on: today, policy: policy) != warning { return false }
        return true
    }
}

extension State {
    /// Filtered first, then sorted: a ledger of one unit sorts its own problems, not the province's.
    public func issues(matching filter: IssueFilter, today: Day) -> [Issue] {
        // Filter first (through the unit's or round's lookups): only the matching issues need sorting.
        IssueID.sorted(unorderedIssues(matching: filter, today: today))
    }
}
