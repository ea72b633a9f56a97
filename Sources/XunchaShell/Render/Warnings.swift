import XunchaCore

/// `warnings`: one digest grouped by unit, not one line per problem: red (overdue), yellow and
/// green counts with the problems behind them, the units with most red first.
enum Warnings {
    /// The warned problems of each unit: units with the most red first (then most yellow, then
    /// by code); within a unit red, then yellow, then green, in id order. `warned` comes in id
    /// order. The HTML report draws the same grouping.
    static func byUnit(_ warned: [WarnedIssue]) -> [(unit: String, warned: [WarnedIssue])] {
        var byUnit: [String: [WarnedIssue]] = [:]
        for w in warned { byUnit[w.unit, default: []].append(w) }
        func count(_ code: String, _ c: WarningColour) -> Int { byUnit[code]?.filter { $0.colour == c }.count ?? 0 }
        let units = Order.stable(byUnit.keys.sorted(by: Order.natural)) { a, b in
            for c in [WarningColour.red, .yellow] where count(a, c) != count(b, c) { return count(a, c) > count(b, c) }
            return false
        }
        let order: [WarningColour] = [.red, .yellow, .green]
        return units.map { code in (code, order.flatMap { c in (byUnit[code] ?? []).filter { $0.colour == c } }) }
    }

    /// `warned`: the problems in scope warned on `asOf`, in id order; `unitNames`: the names of
    /// their units.
    static func digest(_ warned: [WarnedIssue], unitNames: [String: String], _ p: Policy, asOf: Day, _ lang: Language) -> Table {
        let grouped = byUnit(warned)
        let units = grouped.map(\.unit)
        let warned = Dictionary(grouped.map { ($0.unit, $0.warned) }, uniquingKeysWith: { a, _ in a })
        let order: [WarningColour] = [.red, .yellow, .green]
        func count(_ code: String, _ c: WarningColour) -> Int { warned[code]?.filter { $0.colour == c }.count ?? 0 }
        let cols = [Column(key: "unit", en: "unit", zh: "单位"), Column(key: "name", en: "name", zh: "名称", flexible: true),
                    Column(key: "red", en: "red", zh: "红（逾期）", numeric: true), Column(key: "yellow", en: "yellow", zh: "黄", numeric: true),
                    Column(key: "green", en: "green", zh: "绿", numeric: true), Column(key: "issues", en: "problems", zh: "问题", flexible: true)]
        let rows = units.map { code -> [Cell] in
            let list = warned[code] ?? []
            let text = list.map { i in
                let left = asOf.days(until: i.due)
                if i.colour == .red { return lang == .zh ? "\(i.id)（逾\(-left)天）" : "\(i.id)(+\(-left)d)" }
                return lang == .zh ? "\(i.id)（剩\(left)天）" : "\(i.id)(\(left)d)"
            }
            let json = list.map { i in
                JSONValue.object([JSONField("id", .string(i.id)), JSONField("warning", .string(i.colour.rawValue)),
                                  JSONField("due", .string(i.due.iso)),
                                  JSONField("days_left", .int(asOf.days(until: i.due)))])
            }
            return [.text(code), .optional(unitNames[code]), .int(count(code, .red)), .int(count(code, .yellow)),
                    .int(count(code, .green)), Cell(text.joined(separator: " "), .array(json))]
        }
        let sums = order.map { c in units.reduce(0) { $0 + count($1, c) } }
        let title = lang == .zh ? "预警（截至 \(asOf.iso)；红=逾期，黄=\(p.yellowDays) 天内到期，绿=\(p.greenDays) 天内到期）"
                                : "warnings as of \(asOf.iso) (red = overdue, yellow = due within \(p.yellowDays) days, green = within \(p.greenDays))"
        let line = rows.isEmpty ? (lang == .zh ? "无预警" : "no warnings")
            : lang == .zh ? "\(units.count) 个单位：红 \(sums[0]) 个，黄 \(sums[1]) 个，绿 \(sums[2]) 个"
                          : "\(units.count) unit(s): \(sums[0]) red, \(sums[1]) yellow, \(sums[2]) green"
        let totals: [Cell] = [totalLabel(lang), .blank, .int(sums[0]), .int(sums[1]), .int(sums[2]), .blank]
        return Table(kind: "warnings", columns: Column.list(cols, lang), cells: rows, totals: rows.isEmpty ? nil : totals,
                     title: title, footer: [line],
                     summary: [JSONField("as_of", .string(asOf.iso)), JSONField("yellow_days", .int(p.yellowDays)),
                               JSONField("green_days", .int(p.greenDays)), JSONField("units", .int(units.count)),
                               JSONField("red", .int(sums[0])), JSONField("yellow", .int(sums[1])), JSONField("green", .int(sums[2]))])
    }
}
