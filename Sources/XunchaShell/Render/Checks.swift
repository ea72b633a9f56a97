import XunchaCore

/// `ledger checks`: the supervision checks (督查) of units' rectification, one row per check in
/// date order, with what each compared (四对照) and found.
enum Checks {
    static let lastCheckedColumn = Column(key: "last_checked", en: "last checked", zh: "最近督查")

    /// `units`: every unit with its checks; only those of `round` and `unit` are listed.
    static func table(_ units: [Unit], round: String?, unit: String?, _ lang: Language) -> Table {
        var entries: [(unit: Unit, check: SupervisionCheck)] = []
        for u in units.sorted(by: { Order.natural($0.code, $1.code) }) where unit == nil || u.code == unit {
            for c in u.checks where round == nil || c.round == round { entries.append((u, c)) }
        }
        entries = Order.stable(entries) { $0.check.on < $1.check.on }
        let cols = [Column(key: "on", en: "on", zh: "督查日期"), Column(key: "unit", en: "unit", zh: "单位"),
                    Column(key: "round", en: "round", zh: "轮次"), Column(key: "by", en: "by", zh: "督查组"),
                    Column(key: "compared", en: "compared", zh: "对照"), Column(key: "findings", en: "findings", zh: "督查发现", flexible: true),
                    Column(key: "name", en: "name", zh: "单位名称", exportOnly: true)]
        let cells = entries.map { e -> [Cell] in
            let c = e.check
            return [.day(c.on), .text(e.unit.code), .optional(c.round), .text(c.by),
                    .text(c.compared.map { word($0, lang) }.joined(separator: lang == .zh ? "、" : ",")), .text(c.findings), .text(e.unit.name)]
        }
        let checked = Set(entries.map(\.unit.code)).count
        let footer = lang == .zh ? "督查 \(entries.count) 次，涉及 \(checked) 个单位" : "\(entries.count) check(s) of \(checked) unit(s)"
        return Table(kind: "ledger.checks", columns: Column.list(cols, lang), cells: cells, footer: [footer],
                     summary: [JSONField("checks", .int(entries.count)), JSONField("units", .int(checked))])
    }
}
