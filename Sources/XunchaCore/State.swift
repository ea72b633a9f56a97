/// The memory image: every entity as a plain value. It changes only by applying events.
public struct State: Codable, Hashable, Sendable {
    public var rounds: [String: Round] = [:]
    public var units: [String: Unit] = [:]
    /// Every problem by id. Replaced or changed from outside the core (a snapshot decoder, a
    /// test), the lookups stop being trusted until `reindex()`: queries then scan, slower but right.
    public var issues: [String: Issue] {
        get { issueTable }
        set { issueTable = newValue; lookups.isCurrent = false }
        _modify { lookups.isCurrent = false; yield &issueTable }
    }
    /// Every transferred matter by id; changed from outside, like `issues`, it stales the lookups.
    public var transfers: [String: Transfer] {
        get { transferTable }
        set { transferTable = newValue; lookups.isCurrent = false }
        _modify { lookups.isCurrent = false; yield &transferTable }
    }
    public var policy = Policy()
    public var nextTransfer: Int = 1

    /// The stores behind `issues` and `transfers`: applying events changes them here, keeping
    /// `lookups` in step instead of staling them.
    var issueTable: [String: Issue] = [:]
    var transferTable: [String: Transfer] = [:]
    /// Derived from the two tables; never encoded, hashed or compared (see `Lookups`).
    var lookups = Lookups()

    enum CodingKeys: String, CodingKey {
        case rounds, units, issueTable = "issues", transferTable = "transfers", policy, nextTransfer
    }

    public init() {}

    /// Issues in id order (round code, then number), the order every ledger starts from.
    public var orderedIssues: [Issue] {
        IssueID.sorted(Array(issues.values))
    }

    public var orderedTransfers: [Transfer] {
        transfers.values.sorted { $0.id < $1.id }
    }
}

/// Issue ids are `<round>-<nnn>`: this orders them by round, then by number (R5-010 after R5-009,
/// R5-1000 after R5-999).
public enum IssueID {
    public static func make(round: String, number: Int) -> String {
        // Built from bytes: one is made for every registration, and interpolating with
        // `pad` cost several small strings each time. Same text as "\(round)-\(pad(number, 3))".
        guard number >= 0 else { return "\(round)-\(pad(number, 3))" }
        let digits = String(number)
        return Text.joined(round, number < 10 ? "-00" : number < 100 ? "-0" : "-", digits)
    }

    /// The round and the number of an id `<round>-<number>`, split at the last `-`.
    public static func split(_ id: String) -> (round: String, number: Int)? {
        // On bytes: `-` is ASCII, so its last byte is its last character, and the number's
        // digits need no grapheme walk (this runs for every registration and every sort).
        let utf8 = id.utf8
        guard let dash = utf8.lastIndex(of: UInt8(ascii: "-")),
              let n = Int(Substring(utf8[utf8.index(after: dash)...])) else { return nil }
        return (String(Substring(utf8[..<dash])), n)
    }

    public static func less(_ a: String, _ b: String) -> Bool {
        guard let x = split(a), let y = split(b) else { return a < b }
        return x.round == y.round ? x.number < y.number : x.round < y.round
    }

    /// `list` in the order of `less`, splitting each id once rather than twice per comparison
    /// (which, at 50,000 problems, was most of the time of every ledger and statistic).
    public static func sorted(_ list: [Issue]) -> [Issue] {
        // Grouped by round, each round's problems ordered by number, rounds in order: the same
        // order as `less`, with few string comparisons.
        var byRound: [String: [(number: Int, issue: Issue)]] = [:]
        for issue in list {
            guard let (round, number) = split(issue.id) else { return slowSorted(list) }
            byRound[round, default: []].append((number, issue))
        }
        var out: [Issue] = []
        out.reserveCapacity(list.count)
        for round in byRound.keys.sorted() {
            guard let members = byRound[round] else { continue }
            out.append(contentsOf: members.sorted { $0.number < $1.number }.map(\.issue))
        }
        return out
    }

    /// `less` itself, for lists holding an id that does not split (none that xuncha writes).
    static func slowSorted(_ list: [Issue]) -> [Issue] {
        list.sorted { less($0.id, $1.id) }
    }
}

/// The part of the state one event touched: what `undo` saves before a command and puts back.
/// A nil value means "did not exist".
public struct Fragment: Codable, Hashable, Sendable {
    public var rounds: [String: Round?] = [:]
    public var units: [String: Unit?] = [:]
    public var issues: [String: Issue?] = [:]
    public var transfers: [String: Transfer?] = [:]
    public var policy: Policy?
    public var nextTransfer: Int?

    public init() {}
}

/// What an event touches, used to save a before-image and to tell whether a later event
/// depends on an earlier one.
public struct Footprint: Hashable, Sendable {
    public var rounds: Set<String> = []
    public var units: Set<String> = []
    public var issues: Set<String> = []
    public var transfers: Set<String> = []
    public var policy = false
    public var transferCounter = false

    public init() {}

    public func overlaps(_ other: Footprint) -> Bool {
        !rounds.isDisjoint(with: other.rounds) || !units.isDisjoint(with: other.units)
            || !issues.isDisjoint(with: other.issues) || !transfers.isDisjoint(with: other.transfers)
            || (policy && other.policy) || (transferCounter && other.transferCounter)
    }
}

extension State {
    public func fragment(for footprint: Footprint) -> Fragment {
        var f = Fragment()
        for k in footprint.rounds { f.rounds[k] = .some(rounds[k]) }
        for k in footprint.units { f.units[k] = .some(units[k]) }
        for k in footprint.issues { f.issues[k] = .some(issueTable[k]) }
        for k in footprint.transfers { f.transfers[k] = .some(transferTable[k]) }
        if footprint.policy { f.policy = policy }
        if footprint.transferCounter { f.nextTransfer = nextTransfer }
        return f
    }

    /// Puts back a before-image: used by `undo` facts and to roll back a failed transaction.
    public mutating func restore(_ f: Fragment) {
        for (k, v) in f.rounds { rounds[k] = v }
        for (k, v) in f.units { units[k] = v }
        // Through `put`, so that an undone registration also leaves its unit's and round's lookups.
        for (k, v) in f.issues { put(issue: v, at: k) }
        for (k, v) in f.transfers { put(transfer: v, at: k) }
        if let p = f.policy { policy = p }
        if let n = f.nextTransfer { nextTransfer = n }
    }
}

extension State {
    /// The entities `event` changes when applied to this state.
    public func footprint(of event: Event) -> Footprint {
        var f = Footprint()
        switch event {
        case .roundOpened(let p): f.rounds = [p.code]
        case .teamAdded(let p): f.rounds = [p.round]
        case .targetAdded(let p): f.rounds = [p.round]
        case .feedbackGiven(let p):
            f.rounds = [p.round]
            if p.due != nil { f.issues = Set(undatedOpenIssues(of: p.round)) }
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
        case .undone(let p):
            f.rounds = Set(p.restore.rounds.keys); f.units = Set(p.restore.units.keys)
            f.issues = Set(p.restore.issues.keys); f.transfers = Set(p.restore.transfers.keys)
            f.policy = p.restore.policy != nil; f.transferCounter = p.restore.nextTransfer != nil
        }
        return f
    }
}
