import XunchaCore

/// Detail views: one problem with its whole history, a round, a unit, and the round and unit lists.
enum Views {
    static func field(_ en: String, _ zh: String, _ value: String, _ lang: Language) -> String {
        Layout.padRight(lang == .zh ? zh : en, to: 12) + " " + value
    }

    /// `i` with its lists, its round and unit, its transferred matters in id order, and the
    /// policy its warning on `today` is read against.
    static func issue(_ i: Issue, round: Round?, unit: Unit?, transfers: [Transfer], _ policy: Policy, _ today: Day,
                      _ lang: Language) -> String {
        var lines = ["\(i.id)  \(i.title)"]
        let unitName = unit?.name ?? ""
        lines.append(field("round", "轮次", "\(i.round)  \(round?.title ?? "")", lang))
        lines.append(field("unit", "单位", "\(i.unit)  \(unitName)", lang))
        lines.append(field("category", "类别", word(i.category, lang), lang))
        lines.append(field("source", "来源", word(i.source, lang), lang))
        lines.append(field("mode", "整改方式", word(i.mode, lang), lang))
        var status = statusText(i, lang)
        if i.isOverdue(on: today) { status += lang == .zh ? "(逾期 \(i.daysOverdue(on: today)) 天)" : " (overdue \(i.daysOverdue(on: today)) days)" }
        if let w = i.warning(on: today, policy: policy) { status += "  [\(word(w, lang))]" }
        lines.append(field("status", "状态", status, lang))
        if let r = i.requirement { lines.append(field("requirement", "整改要求", r, lang)) }
        lines.append(field("registered", "登记日期", i.registeredOn.iso, lang))
        lines.append(field("due", "整改时限", i.due?.iso ?? "—", lang))
        lines.append(field("lead", "牵头领导", i.lead ?? "—", lang))
        lines.append(field("owner", "责任领导", i.owner ?? "—", lang))
        lines.append(field("dept", "责任处室", i.dept ?? "—", lang))
        if let h = i.handler { lines.append(field("handler", "主办人", h, lang)) }
        if i.returned > 0 { lines.append(field("returned", "退回次数", String(i.returned), lang)) }
        if i.reopened > 0 { lines.append(field("reopened", "重新打开", String(i.reopened), lang)) }
        for r in i.rules { lines.append(field("rule", "建章立制", "\(r.title) (\(r.on.iso))", lang)) }
        for t in transfers {
            lines.append(field("transfer", "移交", "\(t.id) → \(word(t.to, lang)): \(t.summary)" + (t.concludedOn.map { " [\($0.iso)]" } ?? ""), lang))
        }
        lines.append("")
        lines.append(lang == .zh ? "经过:" : "history:")
        for h in i.history {
            lines.append("  \(dated(h.on, entered: h.entered, lang))  \(Layout.padRight(Session.who(h.actor, onBehalf: h.onBehalf, lang), to: 8))  \(Layout.padRight(action(h.action, lang), to: 8))  \(Table.oneLine(h.detail))")
        }
        return lines.joined(separator: "\n")
    }

    /// An effective date, and for a back-entry (补录) also the date it was entered.
    static func dated(_ day: Day, entered: Day?, _ lang: Language) -> String {
        guard let entered else { return day.iso }
        return day.iso + (lang == .zh ? "(补录,录入于 \(entered.iso))" : " (back-entry, entered \(entered.iso))")
    }

    static func action(_ a: String, _ lang: Language) -> String {
        let names: [String: (String, String)] = [
            "added": ("added", "登记"), "assigned": ("assigned", "分解责任"), "progress": ("progress", "进展"),
            "reported": ("reported", "报告整改"), "verified": ("verified", "验收"), "reopened": ("reopened", "重新打开"),
            "withdrawn": ("withdrawn", "撤销"), "rule": ("rule", "建章立制"), "transferred": ("transferred", "移交"),
            "assessed": ("assessed", "整改评估"),
        ]
        guard let n = names[a] else { return a }
        return lang == .zh ? n.1 : n.0
    }

    /// `rate`: the rate of the round's problems.
    static func round(_ r: Round, rate: Rate, _ lang: Language) -> String {
        var lines = ["\(r.code)  \(r.title)"]
        lines.append(field("kind", "类型", word(r.kind, lang), lang))
        lines.append(field("on site", "进驻", "\(r.from?.iso ?? "—") … \(r.to?.iso ?? "—")", lang))
        if let v = r.revisits { lines.append(field("revisits", "复查轮次", v, lang)) }
        for t in r.teams { lines.append(field("team", "巡察组", t.name + (t.leader.map { "(\($0))" } ?? ""), lang)) }
        lines.append(field("targets", "被巡察单位", r.targets.joined(separator: ", "), lang))
        lines.append(field("feedback", "反馈", r.feedbackOn?.iso ?? "—", lang))
        lines.append(field("default due", "默认时限", r.defaultDue?.iso ?? "—", lang))
        if r.closed { lines.append(field("closed", "已关闭", r.closeReason ?? "✓", lang)) }
        lines.append(rate.line(lang))
        return lines.joined(separator: "\n")
    }

    /// `tally`: the counts of the unit's problems.
    static func unit(_ u: Unit, tally: IssueTally, _ lang: Language) -> String {
        var lines = ["\(u.code)  \(u.name)"]
        lines.append(field("secretary", "书记", u.secretary ?? "—", lang))
        lines.append(field("problems", "问题", "\(tally.rate.all)", lang))
        lines.append(field("overdue", "逾期", "\(tally.overdue)", lang))
        lines.append(tally.rate.line(lang))
        for a in u.urges {
            lines.append(field("urged", "督办", "\(a.on.iso) \(word(a.kind, lang)): \(a.text)" + (a.issue.map { " (\($0))" } ?? ""), lang))
        }
        for c in u.checks {
            let items = c.compared.map { word($0, lang) }.joined(separator: lang == .zh ? "、" : ",")
            lines.append(field("checked", "督查", "\(c.on.iso) \(c.round ?? "—") · \(c.by)" + (items.isEmpty ? "" : " [\(items)]") + ": \(c.findings)", lang))
        }
        for a in u.assessments {
            let redo = a.redo.isEmpty ? "" : (lang == .zh ? ";再整改 " : "; redo ") + a.redo.joined(separator: ",")
            lines.append(field("assessed", "整改评估", "\(a.on.iso) \(a.round) \(word(a.grade, lang)) · \(a.by): \(a.findings)" + redo, lang))
        }
        return lines.joined(separator: "\n")
    }

    /// `rounds` in any order; `tallies`: the counts of each round's problems (by code).
    static func rounds(_ rounds: [Round], tallies: [String: IssueTally], _ lang: Language) -> Table {
        let cols = [Column(key: "code", en: "round", zh: "轮次"), Column(key: "title", en: "title", zh: "名称", flexible: true),
                    Column(key: "kind", en: "kind", zh: "类型"), Column(key: "issues", en: "problems", zh: "问题", numeric: true),
                    Column(key: "rate", en: "rate", zh: "整改率", numeric: true), Column(key: "closed", en: "closed", zh: "已关闭")]
        let rows = rounds.sorted { Order.natural($0.code, $1.code) }.map { r -> [Cell] in
            let rate = tallies[r.code]?.rate ?? Rate()
            return [.text(r.code), .text(r.title), .word(r.kind, lang), .int(rate.all), .rate(rate), Cell(r.closed ? "✓" : "", .bool(r.closed))]
        }
        return Table(kind: "rounds", columns: Column.list(cols, lang), cells: rows,
                     footer: [(lang == .zh ? "整改率口径:" : "rate = ") + Rate.formula.text(lang)], formula: Rate.formula.text(lang))
    }

    /// `units` in any order.
    static func units(_ units: [Unit], _ lang: Language) -> Table {
        let cols = [Column(key: "code", en: "unit", zh: "单位"), Column(key: "name", en: "name", zh: "名称", flexible: true),
                    Column(key: "secretary", en: "secretary", zh: "书记")]
        let rows = units.sorted { Order.natural($0.code, $1.code) }.map { u -> [Cell] in
            [.text(u.code), .text(u.name), .optional(u.secretary)]
        }
        return Table(kind: "units", columns: Column.list(cols, lang), cells: rows)
    }
}
