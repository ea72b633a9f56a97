/// 双报告: after feedback, each inspected unit owes a rectification report on the round, signed by
/// its secretary, and the secretary's own report on leading the rectification.
public enum ReportKind: String, Vocabulary {
    case rectification, principal
    public var chinese: [String] {
        switch self {
        case .rectification: ["整改报告", "整改情况报告"]
        case .principal: ["书记报告", "第一责任人报告", "组织整改报告"]
        }
    }
    public static let title = Localized(en: "report kind", zh: "报告类别")
}

/// One of a unit's two reports on a round, as it was received.
public struct RoundReport: Codable, Hashable, Sendable {
    public var round: String
    public var kind: ReportKind
    public var on: Day
    public var signedBy: String

    public init(round: String, kind: ReportKind, on: Day, signedBy: String) {
        self.round = round
        self.kind = kind
        self.on = on
        self.signedBy = signedBy
    }
}

/// Where one report a unit owes stands: due on `due`, received on `receivedOn` if it was.
public struct ReportStanding: Equatable, Sendable {
    public var round: String
    public var unit: String
    public var kind: ReportKind
    public var due: Day
    public var receivedOn: Day?

    public init(round: String, unit: String, kind: ReportKind, due: Day, receivedOn: Day?) {
        self.round = round
        self.unit = unit
        self.kind = kind
        self.due = due
        self.receivedOn = receivedOn
    }

    /// Like a problem's: red when overdue, yellow or green as the deadline nears; none once received.
    public func warning(on today: Day, policy: Policy) -> WarningColour? {
        guard receivedOn == nil else { return nil }
        let left = today.days(until: due)
        if left < 0 { return .red }
        if left <= policy.yellowDays { return .yellow }
        if left <= policy.greenDays { return .green }
        return nil
    }

    /// Both reports of every unit each round inspected, for the rounds whose deadline was fixed
    /// at feedback; `units` holds the units (with their reports) by code.
    public static func all(rounds: [Round], units: [String: Unit]) -> [ReportStanding] {
        var out: [ReportStanding] = []
        for r in rounds.sorted(by: { $0.code < $1.code }) {
            guard let due = r.reportsDue else { continue }
            for code in r.targets {
                let received = units[code]?.reports.filter { $0.round == r.code } ?? []
                for kind in ReportKind.allCases {
                    out.append(ReportStanding(round: r.code, unit: code, kind: kind, due: due,
                                              receivedOn: received.first { $0.kind == kind }?.on))
                }
            }
        }
        return out
    }
}
