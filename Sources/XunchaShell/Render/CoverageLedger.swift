import XunchaCore

/// `ledger coverage` (巡察全覆盖): every registered unit with the rounds that inspected it, the
/// units never inspected first, and the coverage rate with its formula.
enum CoverageLedger {
    static func table(_ c: Coverage, _ lang: Language) -> Table {
        let cols = [Column(key: "unit", en: "unit", zh: "单位"), Column(key: "name", en: "name", zh: "名称", flexible: true),
                    Column(key: "inspected", en: "inspected", zh: "已巡察"), Column(key: "rounds", en: "rounds", zh: "巡察轮次"),
                    Column(key: "last", en: "last", zh: "最近一轮")]
        let yes = lang == .zh ? "是" : "yes", no = lang == .zh ? "否" : "no"
        let cells = c.rows.map { r -> [Cell] in
            [.text(r.unit), .text(r.name), Cell(r.rounds.isEmpty ? no : yes, .bool(!r.rounds.isEmpty)),
             Cell(r.rounds.joined(separator: lang == .zh ? "、" : ", "), .array(r.rounds.map { .string($0) })), .optional(r.last)]
        }
        let never = c.rows.count - c.inspected
        let note = lang == .zh ? "从未巡察 \(never) 个单位" : "\(never) unit(s) never inspected"
        return Table(kind: "ledger.coverage", columns: Column.list(cols, lang), cells: cells,
                     footer: [c.line(lang), note + (c.since.map { lang == .zh ? "（自 \($0.iso) 起）" : " since \($0.iso)" } ?? "")],
                     summary: fields(c), formula: Coverage.formula.text(lang))
    }

    /// The coverage line under `stats`, and its figures in the json summary.
    static func add(_ c: Coverage, to table: inout Table, _ lang: Language) {
        table.footer.append(c.line(lang))
        table.summary += fields(c)
    }

    static func fields(_ c: Coverage) -> [JSONField] {
        [JSONField("units_registered", .int(c.rows.count)), JSONField("units_inspected", .int(c.inspected)),
         JSONField("coverage", c.rate.hundredths.map { .hundredths($0) } ?? .null)]
            + (c.since.map { [JSONField("coverage_since", .string($0.iso))] } ?? [])
    }
}
