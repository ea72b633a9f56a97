/// Who acts and when: the simulated or real day and the acting user come in from outside,
/// so the core never reads a clock.
public struct Context: Sendable, Equatable {
    public var today: Day
    /// The person acting as the ledger names people: the on-behalf name when there is one.
    public var actor: String
    /// The authenticated identity entering the command, on a real store; separation of duties
    /// also holds for the people tied to it (`person 孙七 --login sunqi`).
    public var login: String?

    public init(today: Day, actor: String, login: String? = nil) {
        self.today = today
        self.actor = actor
        self.login = login
    }
}

/// A request to change the ledger, with every value typed and dates already resolved.
/// `decide` turns it into one event or refuses it.
public enum Command: Sendable, Equatable {
    case openRound(code: String, title: String, kind: RoundKind, from: Day?, to: Day?, revisits: String?)
    case addTeam(round: String, name: String, leader: String?)
    case addTarget(round: String, unit: String)
    case giveFeedback(round: String, on: Day, due: Day?, keepsReportDeadline: Bool = true)
    case closeRound(round: String, force: String?)
    case addUnit(code: String, name: String, secretary: String?)
    case changeSecretary(unit: String, secretary: String)
    case addIssue(round: String, unit: String, title: String, category: Category, source: Source,
                  mode: Mode, due: Day?, requirement: String?)
    case assign(id: String, lead: String, owner: String, dept: String, handler: String?, due: Day?)
    case progress(id: String, text: String)
    case report(id: String, text: String, evidence: [String], signedBy: String)
    case verify(id: String, verdict: Verdict, by: String?, methods: [VerifyMethod], note: String?)
    case reopen(id: String, reason: String, round: String?)
    case withdraw(id: String, reason: String)
    case addRule(id: String, title: String)
    case addTransfer(issue: String, to: TransferTarget, summary: String)
    case conclude(id: String, outcome: TransferOutcome)
    case urge(unit: String, kind: UrgeKind, text: String, issue: String?)
    case setPolicy(key: String, value: Int)
    case assess(round: String, unit: String, grade: Grade, by: String?, methods: [VerifyMethod], findings: String, redo: [String])
    case check(unit: String, round: String?, on: Day?, by: String?, compared: [CheckItem], findings: String)
    case reportRound(round: String, unit: String, kind: ReportKind, on: Day?, signedBy: String)
    /// `grant ROLE [UNIT] --to LOGIN` / `revoke ROLE [UNIT] --from LOGIN`.
    case grant(role: Role, unit: String?, login: String)
    case revoke(role: Role, unit: String?, login: String)
    /// `person NAME --login LOGIN`: ties a person to a login; `--login none` unties.
    case tiePerson(person: String, login: String?)
}

/// A refused command: what is wrong, what was expected, and which argument it concerns so the
/// shell can point at its column. Nothing has changed when this is thrown.
public struct DomainError: Error, Equatable, Sendable {
    public let message: Localized
    public let hint: Localized?
    /// The grammar name of the argument at fault (`id`, `by`, `due`…), when there is one.
    public let field: String?

    public init(_ message: Localized, hint: Localized? = nil, field: String? = nil) {
        self.message = message
        self.hint = hint
        self.field = field
    }

    public init(en: String, zh: String, field: String? = nil, hintEn: String? = nil, hintZh: String? = nil) {
        self.message = Localized(en: en, zh: zh)
        self.hint = hintEn.map { Localized(en: $0, zh: hintZh ?? $0) }
        self.field = field
    }
}
