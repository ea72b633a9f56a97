/// What deciding and applying a command read of the ledger: a few entities by key, the policy
/// and the next numbers. The store answers these with queries inside its write transaction, so
/// a command sees exactly what is committed plus what its own transaction has done so far.
/// Every read may fail (the store is a database); a missing entity is `nil`, not an error.
public protocol LedgerReader {
    func findRound(_ code: String) throws -> Round?
    func findUnit(_ code: String) throws -> Unit?
    func findIssue(_ id: String) throws -> Issue?
    func findTransfer(_ id: String) throws -> Transfer?
    func currentPolicy() throws -> Policy
    /// The number the next transfer gets (`T-0001` is 1); never reused.
    func nextTransferNumber() throws -> Int
    /// Up to `limit` round (or unit) codes in code order, and whether there are more: the hint
    /// of a refusal that names an unknown code.
    func roundCodes(limit: Int) throws -> (codes: [String], more: Bool)
    func unitCodes(limit: Int) throws -> (codes: [String], more: Bool)
    /// Problems of `round` that are still open (not closed, not withdrawn).
    func openIssueCount(round: String) throws -> Int
    /// Open problems of `round` without a deadline: a feedback meeting's default deadline
    /// applies to them. In no particular order.
    func undatedOpenIssues(round: String) throws -> [String]
    /// The roles granted and the logins tied to people.
    func currentAccess() throws -> Access
    /// The actor of the journal's first row, the identity that created the ledger (its admin);
    /// nil for an empty ledger.
    func creator() throws -> String?
}

/// The before- or after-image of the entities one event touched: what `apply` hands the store
/// to write, what `undo` saves before a command and puts back. A nil value means "does not
/// exist" (an undone registration deletes its problem).
public struct Fragment: Codable, Hashable, Sendable {
    public var rounds: [String: Round?] = [:]
    public var units: [String: Unit?] = [:]
    public var issues: [String: Issue?] = [:]
    public var transfers: [String: Transfer?] = [:]
    public var policy: Policy?
    public var nextTransfer: Int?
    /// Roles and logins, whole; absent from the undo images of stores made before roles.
    public var access: Access?

    public init() {}

    public var isEmpty: Bool {
        rounds.isEmpty && units.isEmpty && issues.isEmpty && transfers.isEmpty && policy == nil && nextTransfer == nil
            && access == nil
    }

    /// The keys this image holds, for telling whether a later event depends on it.
    public var footprint: Footprint {
        var f = Footprint()
        f.rounds = Set(rounds.keys); f.units = Set(units.keys)
        f.issues = Set(issues.keys); f.transfers = Set(transfers.keys)
        f.policy = policy != nil; f.transferCounter = nextTransfer != nil
        f.access = access != nil
        return f
    }

    /// `later` laid over this image: what two events in a row changed, each entity once.
    public mutating func merge(_ later: Fragment) {
        rounds.merge(later.rounds) { $1 }
        units.merge(later.units) { $1 }
        issues.merge(later.issues) { $1 }
        transfers.merge(later.transfers) { $1 }
        if let p = later.policy { policy = p }
        if let n = later.nextTransfer { nextTransfer = n }
        if let a = later.access { access = a }
    }
}

/// What an event touches, used to tell whether a later event depends on an earlier one.
public struct Footprint: Hashable, Sendable {
    public var rounds: Set<String> = []
    public var units: Set<String> = []
    public var issues: Set<String> = []
    public var transfers: Set<String> = []
    public var policy = false
    public var transferCounter = false
    public var access = false

    public init() {}

    public func overlaps(_ other: Footprint) -> Bool {
        !rounds.isDisjoint(with: other.rounds) || !units.isDisjoint(with: other.units)
            || !issues.isDisjoint(with: other.issues) || !transfers.isDisjoint(with: other.transfers)
            || (policy && other.policy) || (transferCounter && other.transferCounter) || (access && other.access)
    }
}

extension LedgerReader {
    /// The current values of every entity `keys` names: the before-image of a change.
    public func image(of keys: Footprint) throws -> Fragment {
        var f = Fragment()
        for k in keys.rounds { f.rounds[k] = .some(try findRound(k)) }
        for k in keys.units { f.units[k] = .some(try findUnit(k)) }
        for k in keys.issues { f.issues[k] = .some(try findIssue(k)) }
        for k in keys.transfers { f.transfers[k] = .some(try findTransfer(k)) }
        if keys.policy { f.policy = try currentPolicy() }
        if keys.transferCounter { f.nextTransfer = try nextTransferNumber() }
        if keys.access { f.access = try currentAccess() }
        return f
    }

    /// The entities `event` changes. Needs the ledger only for a feedback meeting's deadline,
    /// which reaches the round's undated problems.
    public func footprint(of event: Event) throws -> Footprint {
        var f = Footprint()
        switch event {
        case .roundOpened(let p): f.rounds = [p.code]
        case .teamAdded(let p): f.rounds = [p.round]
        case .targetAdded(let p): f.rounds = [p.round]
        case .feedbackGiven(let p):
            f.rounds = [p.round]
            if p.due != nil { f.issues = Set(try undatedOpenIssues(round: p.round)) }
        case .roundClosed(let p): f.rounds = [p.round]
        case .unitAdded(let p): f.units = [p.code]
        case .secretaryChanged(let p): f.units = [p.unit]
        case .issueAdded(let p): f.issues = [p.id]; f.rounds = [p.round]
        case .issueAssigned(let p): f.issues = [p.id]
        case .progressNoted(let p), .issueWithdrawn(let p), .ruleAdded(let p): f.issues = [p.id]
        case .issueReported(let p): f.issues = [p.id]
        case .issueVerified(let p): f.issues = [p.id]
        case .issueReopened(let p): f.issues = [p.id]
        case .transferAdded(let p): f.transfers = [p.id]; f.transferCounter = true; f.issues = [p.issue]
        case .transferConcluded(let p): f.transfers = [p.id]
        case .urged(let p): f.units = [p.unit]
        case .policySet: f.policy = true
        case .undone(let p): f = p.restore.footprint
        case .assessed(let p): f.units = [p.unit]; f.issues = Set(p.redo)
        case .checked(let p): f.units = [p.unit]
        case .roundReported(let p): f.units = [p.unit]
        case .roleGranted, .roleRevoked, .personLogin: f.access = true
        }
        return f
    }
}
