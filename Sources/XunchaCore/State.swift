/// A whole ledger as plain values in memory: the replay target of a journal, and the image a
/// store's tables are compared with (`audit verify`, tests). The shell's questions are the
/// store's to answer (`LedgerQuerying`); nothing reads a whole ledger to answer one.
public struct State: Codable, Hashable, Sendable {
    public var rounds: [String: Round] = [:]
    public var units: [String: Unit] = [:]
    public var issues: [String: Issue] = [:]
    public var transfers: [String: Transfer] = [:]
    public var policy = Policy()
    public var nextTransfer: Int = 1
    /// Roles and logins: who may do what, outside the digest (it is not the ledger's content).
    public var access = Access()
    /// The actor of the first fact recorded: the ledger's creator.
    public var firstActor: String?

    public init() {}

    /// Issues in id order (round code, then number), the order every ledger starts from.
    public var orderedIssues: [Issue] {
        IssueID.sorted(Array(issues.values))
    }

    public var orderedTransfers: [Transfer] {
        transfers.values.sorted { $0.id < $1.id }
    }

    /// Lays an image over the ledger: the changes of an applied event, or an undo's before-image.
    public mutating func restore(_ f: Fragment) {
        for (k, v) in f.rounds { rounds[k] = v }
        for (k, v) in f.units { units[k] = v }
        for (k, v) in f.issues { issues[k] = v }
        for (k, v) in f.transfers { transfers[k] = v }
        if let p = f.policy { policy = p }
        if let n = f.nextTransfer { nextTransfer = n }
        if let a = f.access { access = a }
    }

    /// Applies a recorded fact to this in-memory ledger.
    public mutating func record(_ event: Event, on day: Day, actor: String, entered: Day? = nil, onBehalf: String? = nil) {
        if firstActor == nil { firstActor = actor }
        // Reading plain dictionaries cannot fail.
        if let changes = try? apply(event, on: day, actor: actor, entered: entered, onBehalf: onBehalf) { restore(changes) }
    }

    /// Calls `body` with each problem matching `filter`, in no particular order.
    public func forEachIssue(matching filter: IssueFilter, today: Day, _ body: (Issue) throws -> Void) rethrows {
        for issue in issues.values where filter.matches(issue, today: today, policy: policy) { try body(issue) }
    }

    /// The matching problems in no particular order.
    public func unorderedIssues(matching filter: IssueFilter, today: Day) -> [Issue] {
        issues.values.filter { filter.matches($0, today: today, policy: policy) }
    }

    /// The transferred matters of the problems matching `filter`, in no particular order.
    public func transfers(ofIssuesMatching filter: IssueFilter, today: Day) -> [Transfer] {
        transfers.values.filter { t in issues[t.issue].map { filter.matches($0, today: today, policy: policy) } ?? false }
    }

    /// The transferred matters of one problem, in id order.
    public func transfers(ofIssue id: String) -> [Transfer] {
        transfers.values.filter { $0.issue == id }.sorted { $0.id < $1.id }
    }
}

extension State: LedgerReader {
    public func findRound(_ code: String) -> Round? { rounds[code] }
    public func findUnit(_ code: String) -> Unit? { units[code] }
    public func findIssue(_ id: String) -> Issue? { issues[id] }
    public func findTransfer(_ id: String) -> Transfer? { transfers[id] }
    public func currentPolicy() -> Policy { policy }
    public func nextTransferNumber() -> Int { nextTransfer }
    public func currentAccess() -> Access { access }
    public func creator() -> String? { firstActor }

    public func roundCodes(limit: Int) -> (codes: [String], more: Bool) {
        (Array(rounds.keys.sorted().prefix(limit)), rounds.count > limit)
    }

    public func unitCodes(limit: Int) -> (codes: [String], more: Bool) {
        (Array(units.keys.sorted().prefix(limit)), units.count > limit)
    }

    public func openIssueCount(round: String) -> Int {
        issues.values.reduce(0) { $0 + ($1.round == round && $1.status.isOpen ? 1 : 0) }
    }

    public func undatedOpenIssues(round: String) -> [String] {
        issues.values.filter { $0.round == round && $0.due == nil && $0.status.isOpen }.map(\.id)
    }
}

/// Issue ids are `<round>-<nnn>`: this orders them by round, then by number (R5-010 after R5-009,
/// R5-1000 after R5-999).
public enum IssueID {
    public static func make(round: String, number: Int) -> String {
        "\(round)-\(pad(number, 3))"
    }

    /// The round and the number of an id `<round>-<number>`, split at the last `-`.
    public static func split(_ id: String) -> (round: String, number: Int)? {
        guard let dash = id.lastIndex(of: "-"), let n = Int(id[id.index(after: dash)...]) else { return nil }
        return (String(id[..<dash]), n)
    }

    public static func less(_ a: String, _ b: String) -> Bool {
        guard let x = split(a), let y = split(b) else { return a < b }
        return x.round == y.round ? x.number < y.number : x.round < y.round
    }

    /// `list` in the order of `less`, each id split once rather than on every comparison.
    public static func sorted(_ list: [Issue]) -> [Issue] {
        list.map { (key: split($0.id), issue: $0) }
            .sorted { a, b in
                guard let x = a.key, let y = b.key else { return less(a.issue.id, b.issue.id) }
                return x.round == y.round ? x.number < y.number : x.round < y.round
            }
            .map(\.issue)
    }
}

extension State {
    // The lookups that refuse with a helpful message, with the refusal's type: reading plain
    // dictionaries fails for no other reason.
    public func round(_ code: String, field: String = "round") throws(DomainError) -> Round {
        try refusal { try (self as any LedgerReader).round(code, field: field) }
    }

    public func unit(_ code: String, field: String = "unit") throws(DomainError) -> Unit {
        try refusal { try (self as any LedgerReader).unit(code, field: field) }
    }

    public func issue(_ id: String, field: String = "id") throws(DomainError) -> Issue {
        try refusal { try (self as any LedgerReader).issue(id, field: field) }
    }

    private func refusal<T>(_ body: () throws -> T) throws(DomainError) -> T {
        do { return try body() } catch let e as DomainError { throw e } catch {
            throw DomainError(en: "\(error)", zh: "\(error)", field: "")
        }
    }
}
