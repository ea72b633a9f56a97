/// 巡察组: one team a round sends, with its leader.
public struct Team: Codable, Hashable, Sendable {
    public var name: String
    public var leader: String?

    public init(name: String, leader: String? = nil) {
        self.name = name
        self.leader = leader
    }
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
    /// 双报告: the day each inspected unit's rectification report and its secretary's own report
    /// are due, fixed at feedback from `report.months`. Nil for rounds fed back before deadlines
    /// were kept, which are not tracked.
    public var reportsDue: Day? = nil

    public init(code: String, title: String, kind: RoundKind, from: Day?, to: Day?, revisits: String?, teams: [Team] = [], targets: [String] = [], feedbackOn: Day? = nil, defaultDue: Day? = nil, closed: Bool = false, closeReason: String? = nil, nextIssue: Int = 1, reportsDue: Day? = nil) {
        self.code = code
        self.title = title
        self.kind = kind
        self.from = from
        self.to = to
        self.revisits = revisits
        self.teams = teams
        self.targets = targets
        self.feedbackOn = feedbackOn
        self.defaultDue = defaultDue
        self.closed = closed
        self.closeReason = closeReason
        self.nextIssue = nextIssue
        self.reportsDue = reportsDue
    }
}

/// 督办: one supervision act addressed to a unit.
public struct UrgeAct: Codable, Hashable, Sendable {
    public var kind: UrgeKind
    public var text: String
    public var on: Day
    public var by: String
    public var issue: String?

    public init(kind: UrgeKind, text: String, on: Day, by: String, issue: String?) {
        self.kind = kind
        self.text = text
        self.on = on
        self.by = by
        self.issue = issue
    }
}

/// 被巡察单位: an inspected organisation; its secretary is the first responsible person.
public struct Unit: Codable, Hashable, Sendable {
    public var code: String
    public var name: String
    public var secretary: String?
    public var urges: [UrgeAct] = []
    /// 整改质效评估: the grades its rectification of each round was given, in the order recorded.
    public var assessments: [Assessment] = []
    /// 督查: the supervision checks of its rectification, in the order recorded.
    public var checks: [SupervisionCheck] = []
    /// 双报告: the reports it submitted on the rounds that inspected it.
    public var reports: [RoundReport] = []

    public init(code: String, name: String, secretary: String?, urges: [UrgeAct] = [], assessments: [Assessment] = [],
                checks: [SupervisionCheck] = [], reports: [RoundReport] = []) {
        self.code = code
        self.name = name
        self.secretary = secretary
        self.urges = urges
        self.assessments = assessments
        self.checks = checks
        self.reports = reports
    }

    private enum CodingKeys: String, CodingKey { case code, name, secretary, urges, assessments, checks, reports }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        code = try c.decode(String.self, forKey: .code)
        name = try c.decode(String.self, forKey: .name)
        secretary = try c.decodeIfPresent(String.self, forKey: .secretary)
        urges = try c.decodeIfPresent([UrgeAct].self, forKey: .urges) ?? []
        assessments = try c.decodeIfPresent([Assessment].self, forKey: .assessments) ?? []
        checks = try c.decodeIfPresent([SupervisionCheck].self, forKey: .checks) ?? []
        reports = try c.decodeIfPresent([RoundReport].self, forKey: .reports) ?? []
    }

    /// A unit never assessed, checked or reporting on a round encodes as before those lists existed, so the digests of existing
    /// ledgers and the before-images in old journals stay what they were.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(code, forKey: .code)
        try c.encode(name, forKey: .name)
        try c.encodeIfPresent(secretary, forKey: .secretary)
        try c.encode(urges, forKey: .urges)
        if !assessments.isEmpty { try c.encode(assessments, forKey: .assessments) }
        if !checks.isEmpty { try c.encode(checks, forKey: .checks) }
        if !reports.isEmpty { try c.encode(reports, forKey: .reports) }
    }
}

/// 整改质效评估: an assessment team's grade of a unit's rectification of one round, how it
/// assessed, what it found, and the problems it sent back for rectification (再整改).
public struct Assessment: Codable, Hashable, Sendable {
    public var round: String
    public var grade: Grade
    public var by: String
    public var methods: [VerifyMethod]
    public var findings: String
    public var redo: [String]
    public var on: Day

    public init(round: String, grade: Grade, by: String, methods: [VerifyMethod], findings: String, redo: [String], on: Day) {
        self.round = round
        self.grade = grade
        self.by = by
        self.methods = methods
        self.findings = findings
        self.redo = redo
        self.on = on
    }
}

/// 督查: a dated check of a unit's rectification (巡下轮、督上轮), of one round or of the unit as
/// a whole, with what it compared (四对照) and what it found.
public struct SupervisionCheck: Codable, Hashable, Sendable {
    public var round: String?
    public var on: Day
    public var by: String
    public var compared: [CheckItem]
    public var findings: String

    public init(round: String?, on: Day, by: String, compared: [CheckItem], findings: String) {
        self.round = round
        self.on = on
        self.by = by
        self.compared = compared
        self.findings = findings
    }
}

extension Unit {
    /// The day of its latest supervision check, if it has had one.
    public var lastChecked: Day? { checks.map(\.on).max() }

    /// The last grade recorded for the unit, of `round` when one is named.
    public func latestAssessment(round: String? = nil) -> Assessment? {
        assessments.last { round == nil || $0.round == round }
    }
}

/// One dated line of an issue's history, written by the event that changed it.
public struct HistoryEntry: Codable, Hashable, Sendable {
    public var on: Day
    public var actor: String
    /// The event's kind (`assigned`, `verified`…); shown through a localized label.
    public var action: String
    public var detail: String
    /// When the line was written, for a back-entry (补录) dated earlier than that; nil when it
    /// was written on its own date.
    public var entered: Day?
    /// The person the line was entered for (代录) by `actor`; nil when the actor acted alone.
    public var onBehalf: String?

    public init(on: Day, actor: String, action: String, detail: String, entered: Day? = nil, onBehalf: String? = nil) {
        self.on = on
        self.actor = actor
        self.action = action
        self.detail = detail
        self.entered = entered
        self.onBehalf = onBehalf
    }

    /// The action of the line a transfer adds to its problem's history, which names the matter
    /// and the body it went to: what a unit liaison must never read (`UnitScope`).
    public static let transferred = "transferred"
}

/// 整改报告: the unit's claim that a problem is rectified, with evidence and the signer.
public struct Report: Codable, Hashable, Sendable {
    public var text: String
    public var evidence: [String]
    public var signedBy: String
    public var on: Day

    public init(text: String, evidence: [String], signedBy: String, on: Day) {
        self.text = text
        self.evidence = evidence
        self.signedBy = signedBy
        self.on = on
    }
}

/// 验收: one check of a claim by the office, with its methods and verdict.
public struct Verification: Codable, Hashable, Sendable {
    public var verdict: Verdict
    public var by: String
    public var methods: [VerifyMethod]
    public var note: String?
    public var on: Day

    public init(verdict: Verdict, by: String, methods: [VerifyMethod], note: String?, on: Day) {
        self.verdict = verdict
        self.by = by
        self.methods = methods
        self.note = note
        self.on = on
    }
}

/// 整改进展: a dated progress note.
public struct ProgressNote: Codable, Hashable, Sendable {
    public var text: String
    public var on: Day

    public init(text: String, on: Day) {
        self.text = text
        self.on = on
    }
}

/// 建章立制: a regulation the unit established because of a problem.
public struct Rule: Codable, Hashable, Sendable {
    public var title: String
    public var on: Day

    public init(title: String, on: Day) {
        self.title = title
        self.on = on
    }
}

/// 问题: one finding of a round, with its responsibility split and lifecycle.
public struct Issue: Codable, Hashable, Sendable {
    public var id: String
    public var round: String
    public var unit: String
    public var title: String
    public var category: Category
    public var source: Source
    public var mode: Mode
    public var requirement: String?
    public var registeredOn: Day
    public var due: Day?
    public var lead: String? = nil
    public var owner: String? = nil
    public var dept: String? = nil
    public var handler: String? = nil
    public var status: IssueStatus = .registered
    public var progress: [ProgressNote] = []
    public var reports: [Report] = []
    public var verifications: [Verification] = []
    public var rules: [Rule] = []
    /// 退回次数: verifications that failed and sent the problem back.
    public var returned: Int = 0
    public var reopened: Int = 0
    public var closedOn: Day? = nil
    /// Set when a verification found the problem can only be kept rectified over time.
    public var longtermVerified: Bool = false
    public var withdrawReason: String? = nil
    public var history: [HistoryEntry] = []

    public init(id: String, round: String, unit: String, title: String, category: Category, source: Source, mode: Mode,
                requirement: String?, registeredOn: Day, due: Day?) {
        self.id = id
        self.round = round
        self.unit = unit
        self.title = title
        self.category = category
        self.source = source
        self.mode = mode
        self.requirement = requirement
        self.registeredOn = registeredOn
        self.due = due
    }

    /// People who carry responsibility for the rectification: they may not verify it.
    public var responsible: [String] { [lead, owner, handler].compactMap { $0 } }
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

    public init(id: String, issue: String, to: TransferTarget, summary: String, on: Day, concludedOn: Day? = nil, outcome: TransferOutcome? = nil) {
        self.id = id
        self.issue = issue
        self.to = to
        self.summary = summary
        self.on = on
        self.concludedOn = concludedOn
        self.outcome = outcome
    }
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
    /// 双报告: months after feedback that a unit's two reports on the round are due.
    public var reportMonths: Int = Policy.defaultReportMonths
    public static let defaultReportMonths = 2

    public init() {}

    private enum CodingKeys: String, CodingKey { case verifyMethods, yellowDays, greenDays, rateThreshold, reportMonths }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        verifyMethods = try c.decode(Int.self, forKey: .verifyMethods)
        yellowDays = try c.decode(Int.self, forKey: .yellowDays)
        greenDays = try c.decode(Int.self, forKey: .greenDays)
        rateThreshold = try c.decode(Int.self, forKey: .rateThreshold)
        reportMonths = try c.decodeIfPresent(Int.self, forKey: .reportMonths) ?? Policy.defaultReportMonths
    }

    /// The default report deadline is left out, so the digests of ledgers made before the
    /// setting existed stay what they were.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(verifyMethods, forKey: .verifyMethods)
        try c.encode(yellowDays, forKey: .yellowDays)
        try c.encode(greenDays, forKey: .greenDays)
        try c.encode(rateThreshold, forKey: .rateThreshold)
        if reportMonths != Policy.defaultReportMonths { try c.encode(reportMonths, forKey: .reportMonths) }
    }

    /// The setting names `set` accepts, with their range.
    public static let keys: [(name: String, range: ClosedRange<Int>, help: Localized)] = [
        ("verify.methods", 1...5, Localized(en: "methods a passing verification needs", zh: "验收通过所需的方式数")),
        ("warning.yellow", 1...365, Localized(en: "days before the deadline a problem turns yellow", zh: "到期前多少天亮黄灯")),
        ("warning.green", 1...365, Localized(en: "days before the deadline a problem turns green", zh: "到期前多少天亮绿灯")),
        ("rate.threshold", 0...100, Localized(en: "rate (%) below which a unit is flagged for a talk", zh: "整改率低于此百分比的单位列为约谈对象")),
        ("report.months", 1...24, Localized(en: "months after feedback a unit's rectification reports are due", zh: "反馈后多少个月内须报送整改报告")),
    ]

    public func value(of key: String) -> Int? {
        switch key {
        case "verify.methods": verifyMethods
        case "warning.yellow": yellowDays
        case "warning.green": greenDays
        case "rate.threshold": rateThreshold
        case "report.months": reportMonths
        default: nil
        }
    }

    public mutating func set(_ key: String, _ value: Int) {
        switch key {
        case "verify.methods": verifyMethods = value
        case "warning.yellow": yellowDays = value
        case "warning.green": greenDays = value
        case "rate.threshold": rateThreshold = value
        case "report.months": reportMonths = value
        default: break
        }
    }
}
