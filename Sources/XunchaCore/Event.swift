/// A fact the journal records: one per accepted command, with every value already resolved
/// (ids assigned, relative dates turned into days). Replay applies facts without re-validating
/// them, so a rule added later never breaks an old store.
public enum Event: Hashable, Sendable {
    case roundOpened(RoundOpened)
    case teamAdded(TeamAdded)
    case targetAdded(TargetAdded)
    case feedbackGiven(FeedbackGiven)
    case roundClosed(RoundClosed)
    case unitAdded(UnitAdded)
    case secretaryChanged(SecretaryChanged)
    case issueAdded(IssueAdded)
    case issueAssigned(IssueAssigned)
    case progressNoted(IssueText)
    case issueReported(IssueReported)
    case issueVerified(IssueVerified)
    case issueReopened(IssueReopened)
    case issueWithdrawn(IssueText)
    case ruleAdded(IssueText)
    case transferAdded(TransferAdded)
    case transferConcluded(TransferConcluded)
    case urged(Urged)
    case policySet(PolicySet)
    case undone(Undone)
    case assessed(Assessed)
    case checked(Checked)
    case roundReported(RoundReported)
    case roleGranted(Grant)
    case roleRevoked(Grant)
    case personLogin(PersonLogin)

    public struct RoundOpened: Codable, Hashable, Sendable {
        public var code: String, title: String, kind: RoundKind
        public var from: Day?, to: Day?, revisits: String?
    }
    public struct TeamAdded: Codable, Hashable, Sendable {
        public var round: String, name: String, leader: String?
    }
    public struct TargetAdded: Codable, Hashable, Sendable {
        public var round: String, unit: String
    }
    public struct FeedbackGiven: Codable, Hashable, Sendable {
        public var round: String, on: Day, due: Day?
        /// 双报告 deadline; absent from feedback recorded before deadlines were kept.
        public var reportsDue: Day? = nil
    }
    public struct RoundClosed: Codable, Hashable, Sendable {
        public var round: String, forced: String?
    }
    public struct UnitAdded: Codable, Hashable, Sendable {
        public var code: String, name: String, secretary: String?
    }
    public struct SecretaryChanged: Codable, Hashable, Sendable {
        public var unit: String, secretary: String
    }
    public struct IssueAdded: Codable, Hashable, Sendable {
        public var id: String, round: String, unit: String, title: String
        public var category: Category, source: Source, mode: Mode
        public var due: Day?, requirement: String?
    }
    public struct IssueAssigned: Codable, Hashable, Sendable {
        public var id: String, lead: String, owner: String, dept: String
        public var handler: String?, due: Day
    }
    /// Progress notes, withdrawals and rules: an issue and one text.
    public struct IssueText: Codable, Hashable, Sendable {
        public var id: String, text: String
    }
    public struct IssueReported: Codable, Hashable, Sendable {
        public var id: String, text: String, evidence: [String], signedBy: String
    }
    public struct IssueVerified: Codable, Hashable, Sendable {
        public var id: String, verdict: Verdict, by: String, methods: [VerifyMethod], note: String?
    }
    public struct IssueReopened: Codable, Hashable, Sendable {
        public var id: String, reason: String, round: String?
    }
    public struct TransferAdded: Codable, Hashable, Sendable {
        public var id: String, issue: String, to: TransferTarget, summary: String
    }
    public struct TransferConcluded: Codable, Hashable, Sendable {
        public var id: String, outcome: TransferOutcome
    }
    public struct Urged: Codable, Hashable, Sendable {
        public var unit: String, kind: UrgeKind, text: String, issue: String?
    }
    public struct PolicySet: Codable, Hashable, Sendable {
        public var key: String, value: Int
    }
    /// 整改质效评估: the grade, and the problems sent back for rectification (再整改).
    public struct Assessed: Codable, Hashable, Sendable {
        public var round: String, unit: String, grade: Grade, by: String, methods: [VerifyMethod], findings: String
        public var redo: [String]
    }
    /// 督查: a supervision check of a unit's rectification.
    public struct Checked: Codable, Hashable, Sendable {
        public var unit: String, round: String?, on: Day, by: String, compared: [CheckItem], findings: String
    }
    /// 双报告: one of a unit's two reports on a round received.
    public struct RoundReported: Codable, Hashable, Sendable {
        public var round: String, unit: String, kind: ReportKind, on: Day, signedBy: String
    }
    /// `person NAME --login L`: ties a person the ledger names to a login (nil unties).
    public struct PersonLogin: Codable, Hashable, Sendable {
        public var person: String, login: String?
        public init(person: String, login: String?) {
            self.person = person
            self.login = login
        }
    }
    /// `undo`: the journal keeps the undone row and records this fact, which puts back the
    /// before-image of everything the undone event touched.
    public struct Undone: Codable, Hashable, Sendable {
        public var seq: Int64, restore: Fragment
        public init(seq: Int64, restore: Fragment) {
            self.seq = seq
            self.restore = restore
        }
    }
}
