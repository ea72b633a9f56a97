import XunchaCore

/// What kind of value an argument takes: drives parsing, validation, help text and completion.
public enum ValueKind: Sendable, Equatable {
    case text
    case person
    case dept
    case roundCode
    case unitCode
    /// An issue id; completion offers only issues in these statuses (empty = any).
    case issueID(Set<IssueStatus>)
    case transferID
    /// A date; relative forms count from today, or from the value of the named flag.
    case date(relativeTo: String?)
    case days
    case integer(ClosedRange<Int>)
    case money
    /// One of a fixed list of words (ledger kinds, formats…), each with Chinese aliases.
    case choice([Choice])
    case vocabulary(VocabularyRef)
    /// Comma-separated verification methods.
    case methods
    case settingKey
    case file
    /// The rest of the line is another command (`expect fail …`).
    case command
}

/// One word of a fixed list with its aliases.
public struct Choice: Sendable, Equatable {
    public var word: String
    public var aliases: [String]
    public init(_ word: String, _ aliases: [String] = []) {
        self.word = word
        self.aliases = aliases
    }
    public var spellings: [String] { [word] + aliases }
}

/// The domain vocabularies a grammar argument can name.
public enum VocabularyRef: String, Sendable, Equatable {
    case roundKind, category, source, mode, status, verdict, transferTarget, urgeKind, warning, grade

    public var spellings: [String] {
        switch self {
        case .roundKind: RoundKind.spellings
        case .category: Category.spellings
        case .source: Source.spellings
        case .mode: Mode.spellings
        case .status: IssueStatus.spellings
        case .verdict: Verdict.spellings
        case .transferTarget: TransferTarget.spellings
        case .urgeKind: UrgeKind.spellings
        case .warning: WarningColour.spellings
        case .grade: Grade.spellings
        }
    }

    /// The first Chinese word of each value, in the order of `words`.
    public var chineseWords: [String] {
        func first<V: Vocabulary>(_ all: [V]) -> [String] { all.map { $0.chinese.first ?? $0.rawValue } }
        switch self {
        case .roundKind: return first(RoundKind.allCases)
        case .category: return first(Category.allCases)
        case .source: return first(Source.allCases)
        case .mode: return first(Mode.allCases)
        case .status: return first(IssueStatus.allCases)
        case .verdict: return first(Verdict.allCases)
        case .transferTarget: return first(TransferTarget.allCases)
        case .urgeKind: return first(UrgeKind.allCases)
        case .warning: return first(WarningColour.allCases)
        case .grade: return first(Grade.allCases)
        }
    }

    /// English words only, for usage lines.
    public var words: [String] {
        switch self {
        case .roundKind: RoundKind.allCases.map(\.rawValue)
        case .category: Category.allCases.map(\.rawValue)
        case .source: Source.allCases.map(\.rawValue)
        case .mode: Mode.allCases.map(\.rawValue)
        case .status: IssueStatus.allCases.map(\.rawValue)
        case .verdict: Verdict.allCases.map(\.rawValue)
        case .transferTarget: TransferTarget.allCases.map(\.rawValue)
        case .urgeKind: UrgeKind.allCases.map(\.rawValue)
        case .warning: WarningColour.allCases.map(\.rawValue)
        case .grade: Grade.allCases.map(\.rawValue)
        }
    }
}

/// A positional argument.
public struct Param: Sendable, Equatable {
    public var name: String
    public var kind: ValueKind
    public var required: Bool
    public var help: Localized

    public init(_ name: String, _ kind: ValueKind, required: Bool = true, _ en: String, _ zh: String) {
        self.name = name
        self.kind = kind
        self.required = required
        self.help = Localized(en: en, zh: zh)
    }
}

/// A `--flag`: a switch when `kind` is nil, else it takes one value (`--name value` or `--name=value`).
public struct Flag: Sendable, Equatable {
    public var name: String
    public var aliases: [String]
    public var kind: ValueKind?
    public var required: Bool
    public var repeats: Bool
    public var help: Localized

    public init(_ name: String, _ aliases: [String] = [], _ kind: ValueKind?, required: Bool = false,
                repeats: Bool = false, _ en: String, _ zh: String) {
        self.name = name
        self.aliases = aliases
        self.kind = kind
        self.required = required
        self.repeats = repeats
        self.help = Localized(en: en, zh: zh)
    }

    public var spellings: [String] { [name] + aliases }

    /// How a Chinese session names the flag: its Chinese spelling with the English one beside
    /// (`--类别(--category)`), or the English one when it has none.
    public func named(_ lang: Language) -> String {
        guard lang == .zh, let zh = aliases.first(where: { $0.unicodeScalars.contains { $0.value > 0x2E80 } }) else { return "--" + name }
        return "--\(zh)(--\(name))"
    }
}

/// Every command the shell knows; the executor switches on this.
public enum CommandID: String, Sendable, CaseIterable {
    case roundOpen, roundTeam, roundTarget, roundFeedback, roundClose, roundShow, roundList, roundReport
    case unitAdd, unitSecretary, unitShow, unitList
    case issueAdd, issueAssign, issueProgress, issueReport, issueVerify, issueReopen, issueWithdraw
    case issueRule, issueShow
    case transferAdd, transferConclude
    case urge, assess, check
    case ledger, stats, warnings, slip
    case reportHTML, reportXLSX
    case run, play
    case clock, user, set, history
    case expectStatus, expectCount, expectRate, expectFail, expectDigest, expectWarning, expectReport, expectCoverage, expectGrade
    case undo, exportScript, auditVerify, auditRebuild, auditDigest, auditLog
    case help, quit, clear
    case grant, revoke, roleList, person, whoami
}

/// One command of the grammar table: its words (each with aliases), arguments, flags, help and
/// an example. Parser, help, completion and the alias lists are all produced from these.
public struct CommandSpec: Sendable {
    public var id: CommandID
    /// The words that name the command, each with its aliases, canonical spelling first:
    /// `[["issue", "problem", "问题"], ["add", "登记"]]`.
    public var words: [[String]]
    public var params: [Param]
    public var flags: [Flag]
    public var summary: Localized
    public var example: String
    /// Changes the ledger (so it goes into the journal and `--check` only validates it).
    public var mutates: Bool

    public var name: String { words.compactMap(\.first).joined(separator: " ") }
    public var chineseName: String {
        words.map { w in w.first { $0.unicodeScalars.contains { $0.value > 0x2E80 } } ?? w[0] }.joined(separator: " ")
    }

    public func flag(named word: String) -> Flag? {
        // Not `spellings`, which builds an array per flag on every lookup.
        flags.first { $0.name == word || $0.aliases.contains(word) }
    }
}
