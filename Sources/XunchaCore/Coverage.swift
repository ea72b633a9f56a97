/// 巡察全覆盖: which registered units the rounds inspected (were a target of), over the whole
/// ledger or since a day, and the coverage rate units inspected ÷ units registered.
public struct Coverage: Equatable, Sendable {
    /// One unit with the rounds that inspected it (in date order) and the last of them.
    public struct Row: Equatable, Sendable {
        public var unit: String
        public var name: String
        public var rounds: [String]
        public var last: String? { rounds.last }
    }

    /// Never-inspected units first, then the others, each part in code order as given.
    public var rows: [Row]
    public var since: Day?

    public static let formula = Localized(en: "units inspected ÷ units registered", zh: "已巡察单位 ÷ 登记单位")

    /// A round's day for coverage: its first day on site, else its feedback meeting.
    public static func day(of round: Round) -> Day? { round.from ?? round.feedbackOn }

    /// `units` in the order rows should keep within each part; a round counts since `since`
    /// when its day is on or after it (a round without any day counts only without `since`).
    public init(rounds: [Round], units: [Unit], since: Day?) {
        self.since = since
        let counted = rounds.filter { r in since.map { s in Coverage.day(of: r).map { $0 >= s } ?? false } ?? true }
            .sorted { a, b in
                let x = Coverage.day(of: a)?.ordinal ?? Int.min, y = Coverage.day(of: b)?.ordinal ?? Int.min
                return x != y ? x < y : a.code < b.code
            }
        var byUnit: [String: [String]] = [:]
        for r in counted { for u in r.targets where !(byUnit[u]?.contains(r.code) ?? false) { byUnit[u, default: []].append(r.code) } }
        let all = units.map { Row(unit: $0.code, name: $0.name, rounds: byUnit[$0.code] ?? []) }
        rows = all.filter(\.rounds.isEmpty) + all.filter { !$0.rounds.isEmpty }
    }

    public var inspected: Int { rows.filter { !$0.rounds.isEmpty }.count }

    /// As a `Rate`, for its rounding and its `—` when no unit is registered.
    public var rate: Rate { Rate(closed: inspected, all: rows.count) }

    /// `coverage 3/4 = 75.00% (units inspected ÷ units registered) since 2024-01-01`
    public func line(_ lang: Language) -> String {
        let from = since.map { lang == .zh ? "，自 \($0.iso) 起" : " since \($0.iso)" } ?? ""
        return (lang == .zh ? "覆盖率 " : "coverage ") + rate.fraction + (lang == .zh ? "（" + Coverage.formula.zh + "）" : " (" + Coverage.formula.en + ")") + from
    }
}
