import XunchaCore

/// 双报告 in the ledgers: the reports units owe past their deadline in `ledger units`, and the
/// reports not yet received among the warnings.
enum RoundReports {
    static let overdueColumn = Column(key: "reports_overdue", en: "reports overdue", zh: "逾期报告", numeric: true)

    /// The overdue reports of each unit that owes any report at all (0 when none is overdue).
    static func overdueCounts(_ standings: [ReportStanding], _ today: Day, _ policy: Policy) -> [String: Int] {
        var out: [String: Int] = [:]
        for s in standings { out[s.unit, default: 0] += s.warning(on: today, policy: policy) == .red ? 1 : 0 }
        return out
    }

    /// Where each report owed by `units` on the rounds (or the round) that keep report deadlines
    /// stands: what `ledger units`, `warnings` and the reports read.
    static func standings(_ l: any LedgerQuerying, round: String?, units: Set<String>) throws -> [ReportStanding] {
        let rounds = try l.allRounds().filter { $0.reportsDue != nil && (round == nil || $0.code == round) }
        guard !rounds.isEmpty else { return [] }
        let owing = units.intersection(rounds.flatMap(\.targets))
        let found = Dictionary(try l.units(codes: owing).map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        return ReportStanding.all(rounds: rounds, units: found).filter { owing.contains($0.unit) }
    }

    /// The reports still owed that carry a warning on `asOf`, as lines of the warnings digest:
    /// named by round and kind where a problem shows its id.
    static func warned(_ standings: [ReportStanding], _ asOf: Day, _ policy: Policy, _ lang: Language) -> [WarnedIssue] {
        standings.compactMap { s in
            guard let colour = s.warning(on: asOf, policy: policy) else { return nil }
            let name = lang == .zh ? s.round + (s.kind.chinese.first ?? s.kind.rawValue)
                                   : s.round + (s.kind == .principal ? " secretary's report" : " report")
            return WarnedIssue(id: name, unit: s.unit, title: name, due: s.due, colour: colour)
        }
    }
}
