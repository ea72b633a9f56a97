/// 巡察组: one team a round sends, with its leader.
public struct Team: Codable, Hashable, Sendable {
    public var name: String
    public var leader: String?
}

/// 巡察轮次: one inspection round, its window on site, teams, inspected units and feedback.
public struct Round: Codable, Hashable, Sendable {
    public var code: String
    public var title: String
    public var kind: RoundKind
    public var from: Day?
    public var to: Day?
    /// For a 回头看 round: the earlier round whose problems it re-checks.
    public var revisits: String?
    public var teams: [Team] = []
    public var targets: [String] = []
    /// 巡察反馈: the day the problems were handed over; the rectification clock starts here.
    public var feedbackOn: Day?
    /// Default deadline for the round's problems (set at feedback).
    public var defaultDue: Day?
    public var closed: Bool = false
    public var closeReason: String?
    /// Next issue number; ids are never reused once an issue exists.
    public var nextIssue: Int = 1
}

/// 督办: one supervision act addressed to a unit.
public struct UrgeAct: Codable, Hashable, Sendable {
    public var kind: UrgeKind
    public var text: String
    public var on: Day
    public var by: String
    public var issue: String?
}

/// 被巡察单位: an inspected organisation; its secretary is the first responsible person.
public struct Unit: Codable, Hashable, Sendable {
    public var code: String
    public var name: String
    public var secretary: String?
    public var urges: [UrgeAct] = []
}

/// One dated line of an issue's history, written by the event that changed it.
public struct HistoryEntry: Codable, Hashable, Sendable {
    public var on: Day
    public var actor: String
    /// The event's kind (`assigned`, `verified`…); shown through a localized label.
    public var action: String
    public var detail: String
}

/// 整改报告: the unit's claim that a problem is rectified, with evidence and the signer.
public struct Report: Codable, Hashable, Sendable {
    public var text: String
    public var evidence: [String]
    public var signedBy: String
    public var on: Day
}

/// 验收: one check of a claim by the office, with its methods and verdict.
public struct Verification: Codable, Hashable, Sendable {
    public var verdict: Verdict
    public var by: String
    public var methods: [VerifyMethod]
    public var note: String?
    public var on: Day
}

/// 整改进展: a dated progress note.
public struct ProgressNote: Codable, Hashable, Sendable {
    public var text: String
    public var on: Day
}

/// 建章立制: a regulation the unit established because of a problem.
public struct Rule: Codable, Hashable, Sendable {
    public var title: String
    public var on: Day
}

/// 问题: one finding of a round, with its responsibility split and lifecycle.
///
/// A value with copy-on-write storage: the fields live in one heap box, so copying an issue
/// (into a ledger's list, a before-image, a decision) costs one reference count rather than
/// one per text and list, and the ledger's dictionary holds a pointer per problem instead of
/// some 260 bytes (at 50,000 problems, about 20 MB less once the boxes are counted). Reading and changing fields looks
/// exactly as it would on a plain struct.
public struct Issue: Hashable, Sendable {
    /// The stored fields; their names are the Codable keys, as when they were the struct's own.
    struct Fields: Codable, Hashable, Sendable {
        var id: String
        var round: String
        var unit: String
        var title: String
        var category: Category
        var source: Source
        var mode: Mode
        var requirement: String?
        var registeredOn: Day
        var due: Day?
        var lead: String? = nil
        var owner: String? = nil
        var dept: String? = nil
        var handler: String? = nil
        var status: IssueStatus = .registered
        var progress: [ProgressNote] = []
        var reports: [Report] = []
        var verifications: [Verification] = []
        var rules: [Rule] = []
        /// 退回次数: verifications that failed and sent the problem back.
        var returned: Int = 0
        var reopened: Int = 0
        var closedOn: Day? = nil
        /// Set when a verification found the problem can only be kept rectified over time.
        var longtermVerified: Bool = false
        var withdrawReason: String? = nil
        var history: [HistoryEntry] = []
    }

    /// Mutated only while uniquely referenced (see `fields`), so sharing it is safe.
    final class Box: @unchecked Sendable {
        var fields: Fields
        /// Set for an issue read from a snapshot whose lists were not needed yet: `fields` then
        /// holds empty progress, reports, verifications and history, and these hold the real ones.
        var encoded: EncodedLists?

        init(_ fields: consuming Fields, encoded: EncodedLists?) {
            self.fields = fields
            self.encoded = encoded
        }
    }

    private var box: Box

    init(id: String, round: String, unit: String, title: String, category: Category, source: Source, mode: Mode,
         requirement: String?, registeredOn: Day, due: Day?) {
        box = Box(Fields(id: id, round: round, unit: unit, title: title, category: category, source: source, mode: mode,
                         requirement: requirement, registeredOn: registeredOn, due: due), encoded: nil)
    }

    init(fields: consuming Fields, encoded: EncodedLists?) { box = Box(fields, encoded: encoded) }

    /// The lists still encoded in a snapshot, if any (the snapshot writer copies them as they are).
    var encodedLists: EncodedLists? { box.encoded }

    /// All fields at once, for in-place changes; copies the box first if another value shares it.
    /// A change decodes the lists first, so that only unchanged issues keep them encoded.
    var fields: Fields {
        get {
            guard let encoded = box.encoded else { return box.fields }
            var f = box.fields
            Self.fill(&f, from: encoded)
            return f
        }
        _modify {
            if !isKnownUniquelyReferenced(&box) { box = Box(box.fields, encoded: box.encoded) }
            if let encoded = box.encoded {
                Self.fill(&box.fields, from: encoded)
                box.encoded = nil
            }
            yield &box.fields
        }
    }

    private static func fill(_ f: inout Fields, from encoded: EncodedLists) {
        let work = encoded.workLists
        f.progress = work.progress
        f.reports = work.reports
        f.verifications = work.verifications
        f.history = encoded.historyEntries
    }

    public static func == (a: Issue, b: Issue) -> Bool { a.box === b.box || a.fields == b.fields }

    public func hash(into hasher: inout Hasher) { fields.hash(into: &hasher) }

    public var id: String {
        get { box.fields.id }
        _modify { yield &fields.id }
    }
    public var round: String {
        get { box.fields.round }
        _modify { yield &fields.round }
    }
    public var unit: String {
        get { box.fields.unit }
        _modify { yield &fields.unit }
    }
    public var title: String {
        get { box.fields.title }
        _modify { yield &fields.title }
    }
    public var category: Category {
        get { box.fields.category }
        _modify { yield &fields.category }
    }
    public var source: Source {
        get { box.fields.source }
        _modify { yield &fields.source }
    }
    public var mode: Mode {
        get { box.fields.mode }
        _modify { yield &fields.mode }
    }
    public var requirement: String? {
        get { box.fields.requirement }
        _modify { yield &fields.requirement }
    }
    public var registeredOn: Day {
        get { box.fields.registeredOn }
        _modify { yield &fields.registeredOn }
    }
    public var due: Day? {
        get { box.fields.due }
        _modify { yield &fields.due }
    }
    public var lead: String? {
        get { box.fields.lead }
        _modify { yield &fields.lead }
    }
    public var owner: String? {
        get { box.fields.owner }
        _modify { yield &fields.owner }
    }
    public var dept: String? {
        get { box.fields.dept }
        _modify { yield &fields.dept }
    }
    public var handler: String? {
        get { box.fields.handler }
        _modify { yield &fields.handler }
    }
    public var status: IssueStatus {
        get { box.fields.status }
        _modify { yield &fields.status }
    }
    public var progress: [ProgressNote] {
        get { box.encoded?.workLists.progress ?? box.fields.progress }
        _modify { yield &fields.progress }
    }
    public var reports: [Report] {
        get { box.encoded?.workLists.reports ?? box.fields.reports }
        _modify { yield &fields.reports }
    }
    public var verifications: [Verification] {
        get { box.encoded?.workLists.verifications ?? box.fields.verifications }
        _modify { yield &fields.verifications }
    }
    public var rules: [Rule] {
        get { box.fields.rules }
        _modify { yield &fields.rules }
    }
    /// 退回次数: verifications that failed and sent the problem back.
    public var returned: Int {
        get { box.fields.returned }
        _modify { yield &fields.returned }
    }
    public var reopened: Int {
        get { box.fields.reopened }
        _modify { yield &fields.reopened }
    }
    public var closedOn: Day? {
        get { box.fields.closedOn }
        _modify { yield &fields.closedOn }
    }
    /// Set when a verification found the problem can only be kept rectified over time.
    public var longtermVerified: Bool {
        get { box.fields.longtermVerified }
        _modify { yield &fields.longtermVerified }
    }
    public var withdrawReason: String? {
        get { box.fields.withdrawReason }
        _modify { yield &fields.withdrawReason }
    }
    public var history: [HistoryEntry] {
        get { box.encoded?.historyEntries ?? box.fields.history }
        _modify { yield &fields.history }
    }

    /// People who carry responsibility for the rectification: they may not verify it.
    public var responsible: [String] { [lead, owner, handler].compactMap { $0 } }
}

extension Issue: Codable {
    public init(from decoder: Decoder) throws { box = Box(try Fields(from: decoder), encoded: nil) }
    public func encode(to encoder: Encoder) throws { try fields.encode(to: encoder) }
}

/// 办结结果: what a concluded transfer produced.
public struct TransferOutcome: Codable, Hashable, Sendable {
    public var sanctions: Int
    public var handled: Int
    public var recovered: Int
    public var refunded: Int

    public init(sanctions: Int = 0, handled: Int = 0, recovered: Int = 0, refunded: Int = 0) {
        self.sanctions = sanctions
        self.handled = handled
        self.recovered = recovered
        self.refunded = refunded
    }
}

/// 移交事项: a matter or clue handed to another body, and its outcome once concluded.
public struct Transfer: Codable, Hashable, Sendable {
    public var id: String
    public var issue: String
    public var to: TransferTarget
    public var summary: String
    public var on: Day
    public var concludedOn: Day?
    public var outcome: TransferOutcome?
}

/// Office-wide settings that rules and warnings read (`set KEY VALUE`); journaled like any fact.
public struct Policy: Codable, Hashable, Sendable {
    /// Methods a passing verification needs (3 = 三印证).
    public var verifyMethods: Int = 1
    /// A problem due within this many days is yellow.
    public var yellowDays: Int = 10
    /// A problem due within this many days is green.
    public var greenDays: Int = 20
    /// Units whose strict rate is below this percentage are candidates for a talk (约谈).
    public var rateThreshold: Int = 90

    public init() {}

    /// The setting names `set` accepts, with their range.
    public static let keys: [(name: String, range: ClosedRange<Int>, help: Localized)] = [
        ("verify.methods", 1...5, Localized(en: "methods a passing verification needs", zh: "验收通过所需的方式数")),
        ("warning.yellow", 1...365, Localized(en: "days before the deadline a problem turns yellow", zh: "到期前多少天亮黄灯")),
        ("warning.green", 1...365, Localized(en: "days before the deadline a problem turns green", zh: "到期前多少天亮绿灯")),
        ("rate.threshold", 0...100, Localized(en: "rate (%) below which a unit is flagged for a talk", zh: "整改率低于此百分比的单位列为约谈对象")),
    ]

    public func value(of key: String) -> Int? {
        switch key {
        case "verify.methods": verifyMethods
        case "warning.yellow": yellowDays
        case "warning.green": greenDays
        case "rate.threshold": rateThreshold
        default: nil
        }
    }

    mutating func set(_ key: String, _ value: Int) {
        switch key {
        case "verify.methods": verifyMethods = value
        case "warning.yellow": yellowDays = value
        case "warning.green": greenDays = value
        case "rate.threshold": rateThreshold = value
        default: break
        }
    }
}
