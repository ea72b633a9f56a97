/// How a definition brought in from another store (a line with `--merge`, as `export script
/// --round` writes them) stands against this ledger: not held here, it is recorded as usual;
/// held identically, it is skipped with the note given. Held differently, `merging` refuses it.
public enum MergedDefinition: Equatable, Sendable {
    case new
    case same(Localized)
}

extension LedgerReader {
    /// Compares a definition (`unit add`, `round open`, `round team`, `round target`, `round
    /// feedback`, `set`) with what this ledger holds. A different one is refused naming every
    /// field that differs, with this ledger's value and the line's; any other command is `.new`.
    public func merging(_ command: Command) throws -> MergedDefinition {
        switch command {
        case let .addUnit(code, name, secretary):
            guard let held = try findUnit(code) else { return .new }
            try Difference.refuse(Localized(en: "unit \(code)", zh: "单位 \(code)"), [
                Difference("name", Localized(en: "name", zh: "名称"), held.name, name),
                Difference("secretary", Localized(en: "secretary", zh: "书记"), held.secretary, secretary),
            ])
            return .same(Localized(en: "unit \(code) already defined identically; skipped", zh: "单位 \(code) 已有相同定义，跳过"))

        case let .openRound(code, title, kind, from, to, revisits):
            guard let held = try findRound(code) else { return .new }
            try Difference.refuse(Localized(en: "round \(code)", zh: "轮次 \(code)"), [
                Difference("title", Localized(en: "title", zh: "名称"), held.title, title),
                Difference("kind", Localized(en: "kind", zh: "类型"), held.kind.rawValue, kind.rawValue),
                Difference("from", Localized(en: "first day", zh: "进驻日期"), held.from?.iso, from?.iso),
                Difference("to", Localized(en: "last day", zh: "结束日期"), held.to?.iso, to?.iso),
                Difference("of", Localized(en: "round revisited", zh: "复查轮次"), held.revisits, revisits),
            ])
            return .same(Localized(en: "round \(code) already defined identically; skipped", zh: "轮次 \(code) 已有相同定义，跳过"))

        case let .addTeam(code, name, leader):
            guard let held = try findRound(code)?.teams.first(where: { $0.name == name }) else { return .new }
            try Difference.refuse(Localized(en: "team \(name) of round \(code)", zh: "轮次 \(code) 的 \(name)"), [
                Difference("leader", Localized(en: "leader", zh: "组长"), held.leader, leader),
            ])
            return .same(Localized(en: "team \(name) of round \(code) already defined identically; skipped",
                                   zh: "轮次 \(code) 的 \(name) 已有相同定义，跳过"))

        case let .addTarget(code, unit):
            guard let held = try findRound(code), held.targets.contains(unit) else { return .new }
            return .same(Localized(en: "\(unit) already a target of round \(code); skipped", zh: "\(unit) 已是轮次 \(code) 的被巡察单位，跳过"))

        case let .giveFeedback(code, on, due, _):
            guard let held = try findRound(code), let heldOn = held.feedbackOn else { return .new }
            try Difference.refuse(Localized(en: "the feedback of round \(code)", zh: "轮次 \(code) 的反馈"), [
                Difference("on", Localized(en: "day", zh: "反馈日期"), heldOn.iso, on.iso),
                Difference("due", Localized(en: "default deadline", zh: "默认整改时限"), held.defaultDue?.iso, due?.iso),
            ])
            return .same(Localized(en: "feedback of round \(code) already recorded identically; skipped",
                                   zh: "轮次 \(code) 的反馈已有相同记录，跳过"))

        case let .setPolicy(key, value):
            guard let held = try currentPolicy().value(of: key) else { return .new }
            try Difference.refuse(Localized(en: "the setting \(key)", zh: "设置项 \(key)"), [
                Difference("value", Localized(en: "value", zh: "值"), String(held), String(value)),
            ])
            return .same(Localized(en: "\(key) already \(value); skipped", zh: "\(key) 已为 \(value)，跳过"))

        default:
            return .new
        }
    }

    /// The id `--as` gives a new problem of `round`: well formed (what the round's numbering
    /// would write), of that round, and not used yet.
    func checkedGivenID(_ id: String, of round: Round) throws -> String {
        let example = IssueID.make(round: round.code, number: round.nextIssue)
        guard let (code, number) = IssueID.split(id), code == round.code, (1...999_999).contains(number),
              IssueID.make(round: code, number: number) == id else {
            throw DomainError(en: "\(id) is not a problem id of round \(round.code)", zh: "\(id) 不是轮次 \(round.code) 的问题编号",
                              field: "as", hintEn: "ids of round \(round.code) look like \(example)",
                              hintZh: "轮次 \(round.code) 的问题编号形如 \(example)")
        }
        if let held = try findIssue(id) {
            throw DomainError(en: "problem id \(id) is already used in this ledger (\(held.unit): \(held.title))",
                              zh: "问题编号 \(id) 在本账本中已被使用（\(held.unit)：\(held.title)）", field: "as",
                              hintEn: "the lines after it refer to this id, so none of them can apply; see: issue show \(id)",
                              hintZh: "其后各行都以此编号指称该问题，均无法执行；查看：issue show \(id)")
        }
        return id
    }
}

/// One field of a definition compared with what the ledger holds.
struct Difference {
    let field: String
    let name: Localized
    let held: String?
    let given: String?

    init(_ field: String, _ name: Localized, _ held: String?, _ given: String?) {
        self.field = field
        self.name = name
        self.held = held
        self.given = given
    }

    /// Refuses the definition of `what` when any field differs, naming each one.
    static func refuse(_ what: Localized, _ fields: [Difference]) throws {
        let differing = fields.filter { $0.held != $0.given }
        guard let first = differing.first else { return }
        func shown(_ v: String?, zh: Bool) -> String { v.map { "“\($0)”" } ?? (zh ? "（无）" : "(none)") }
        let en = differing.map { "\($0.name.en) \(shown($0.held, zh: false)) here, \(shown($0.given, zh: false)) in this line" }
        let zh = differing.map { "\($0.name.zh)此处为\(shown($0.held, zh: true))，本行为\(shown($0.given, zh: true))" }
        throw DomainError(en: "\(what.en) is defined differently here: " + en.joined(separator: "; "),
                          zh: "\(what.zh) 在本账本中的定义不同：" + zh.joined(separator: "；"), field: first.field,
                          hintEn: "the ledger is unchanged; make the two definitions agree first",
                          hintZh: "账本未作修改；请先使两处定义一致")
    }
}
