import XunchaCore

/// Detail views: one problem with its whole history, the closure slip, a round, a unit.
enum Views {
    static func field(_ en: String, _ zh: String, _ value: String, _ lang: Language) -> String {
        Layout.padRight(lang == .zh ? zh : en, to: 12) + " " + value
    }

    static func issue(_ i: Issue, _ state: State, _ today: Day, _ lang: Language) -> String {
        var lines = ["\(i.id)  \(i.title)"]
        let unitName = state.units[i.unit]?.name ?? ""
        lines.append(field("round", "轮次", "\(i.round)  \(state.rounds[i.round]?.title ?? "")", lang))
        lines.append(field("unit", "单位", "\(i.unit)  \(unitName)", lang))
        lines.append(field("category", "类别", word(i.category, lang), lang))
        lines.append(field("source", "来源", word(i.source, lang), lang))
        lines.append(field("mode", "整改方式", word(i.mode, lang), lang))
        var status = word(i.status, lang)
        if i.isOverdue(on: today) { status += lang == .zh ? "(逾期 \(i.daysOverdue(on: today)) 天)" : " (overdue \(i.daysOverdue(on: today)) days)" }
        if let w = i.warning(on: today, policy: state.policy) { status += "  [\(word(w, lang))]" }
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
        for t in state.orderedTransfers where t.issue == i.id {
            lines.append(field("transfer", "移交", "\(t.id) → \(word(t.to, lang)): \(t.summary)" + (t.concludedOn.map { " [\($0.iso)]" } ?? ""), lang))
        }
        lines.append("")
        lines.append(lang == .zh ? "经过:" : "history:")
        for h in i.history {
            lines.append("  \(h.on.iso)  \(Layout.padRight(h.actor, to: 8))  \(Layout.padRight(action(h.action, lang), to: 8))  \(Table.oneLine(h.detail))")
        }
        return lines.joined(separator: "\n")
    }

    static func action(_ a: String, _ lang: Language) -> String {
        let names: [String: (String, String)] = [
            "added": ("added", "登记"), "assigned": ("assigned", "分解责任"), "progress": ("progress", "进展"),
            "reported": ("reported", "报告整改"), "verified": ("verified", "验收"), "reopened": ("reopened", "重新打开"),
            "withdrawn": ("withdrawn", "撤销"), "rule": ("rule", "建章立制"), "transferred": ("transferred", "移交"),
        ]
        guard let n = names[a] else { return a }
        return lang == .zh ? n.1 : n.0
    }

    /// 对账销号单: what was found, who answered for it, what was done, the evidence, and who
    /// verified it by which methods, when.
    static func slip(_ i: Issue, _ state: State, _ lang: Language) -> Table {
        let zh = lang == .zh
        let u = state.units[i.unit]
        let report = i.reports.last
        let pass = i.verifications.last { $0.verdict == .pass }
        var rows: [[String]] = [
            [zh ? "问题编号" : "problem", i.id],
            [zh ? "巡察轮次" : "round", "\(i.round) \(state.rounds[i.round]?.title ?? "")"],
            [zh ? "被巡察单位" : "unit", "\(i.unit) \(u?.name ?? "")"],
            [zh ? "第一责任人" : "first responsible", u?.secretary ?? "—"],
            [zh ? "问题表述" : "finding", i.title],
            [zh ? "问题类别" : "category", word(i.category, lang)],
            [zh ? "牵头领导" : "lead", i.lead ?? "—"],
            [zh ? "责任领导" : "owner", i.owner ?? "—"],
            [zh ? "责任处室" : "department", i.dept ?? "—"],
            [zh ? "整改时限" : "deadline", i.due?.iso ?? "—"],
            [zh ? "整改措施" : "measures", i.progress.map(\.text).joined(separator: ";")],
            [zh ? "整改情况" : "rectification", report?.text ?? "—"],
            [zh ? "佐证材料" : "evidence", report?.evidence.joined(separator: ";") ?? "—"],
            [zh ? "签字背书" : "signed by", report?.signedBy ?? "—"],
            [zh ? "验收人" : "verified by", pass?.by ?? "—"],
            [zh ? "验收方式" : "methods", pass?.methods.map { word($0, lang) }.joined(separator: "、") ?? "—"],
            [zh ? "退回次数" : "returned", String(i.returned)],
            [zh ? "销号日期" : "closed on", i.closedOn?.iso ?? "—"],
        ]
        if !i.rules.isEmpty { rows.append([zh ? "建章立制" : "rules", i.rules.map(\.title).joined(separator: ";")]) }
        return Table(headers: [zh ? "项目" : "item", zh ? "内容" : "content"], keys: ["item", "content"], rows: rows,
                     title: zh ? "对账销号单 \(i.id)" : "closure slip \(i.id)")
    }

    static func round(_ r: Round, _ state: State, _ today: Day, _ lang: Language) -> String {
        var lines = ["\(r.code)  \(r.title)"]
        lines.append(field("kind", "类型", word(r.kind, lang), lang))
        lines.append(field("on site", "进驻", "\(r.from?.iso ?? "—") … \(r.to?.iso ?? "—")", lang))
        if let v = r.revisits { lines.append(field("revisits", "复查轮次", v, lang)) }
        for t in r.teams { lines.append(field("team", "巡察组", t.name + (t.leader.map { "(\($0))" } ?? ""), lang)) }
        lines.append(field("targets", "被巡察单位", r.targets.joined(separator: ", "), lang))
        lines.append(field("feedback", "反馈", r.feedbackOn?.iso ?? "—", lang))
        lines.append(field("default due", "默认时限", r.defaultDue?.iso ?? "—", lang))
        if r.closed { lines.append(field("closed", "已关闭", r.closeReason ?? "✓", lang)) }
        let list = state.orderedIssues.filter { $0.round == r.code }
        lines.append(Rate(list).line(lang))
        return lines.joined(separator: "\n")
    }

    static func unit(_ u: Unit, _ state: State, _ today: Day, _ lang: Language) -> String {
        var lines = ["\(u.code)  \(u.name)"]
        lines.append(field("secretary", "书记", u.secretary ?? "—", lang))
        let list = state.orderedIssues.filter { $0.unit == u.code }
        lines.append(field("problems", "问题", "\(list.count)", lang))
        lines.append(field("overdue", "逾期", "\(list.filter { $0.isOverdue(on: today) }.count)", lang))
        lines.append(Rate(list).line(lang))
        for a in u.urges {
            lines.append(field("urged", "督办", "\(a.on.iso) \(word(a.kind, lang)): \(a.text)" + (a.issue.map { " (\($0))" } ?? ""), lang))
        }
        return lines.joined(separator: "\n")
    }

    static func rounds(_ state: State, _ lang: Language) -> Table {
        let cols = [Column(key: "code", en: "round", zh: "轮次"), Column(key: "title", en: "title", zh: "名称"),
                    Column(key: "kind", en: "kind", zh: "类型"), Column(key: "issues", en: "problems", zh: "问题", numeric: true),
                    Column(key: "rate", en: "rate", zh: "整改率", numeric: true), Column(key: "closed", en: "closed", zh: "已关闭")]
        var byRound: [String: [Issue]] = [:]
        for i in state.issues.values { byRound[i.round, default: []].append(i) }
        let rows = state.rounds.keys.sorted().compactMap { code -> [String]? in
            guard let r = state.rounds[code] else { return nil }
            let list = byRound[code] ?? []
            return [code, r.title, word(r.kind, lang), String(list.count), Rate(list).percent, r.closed ? "✓" : ""]
        }
        return Column.table(cols, lang, rows: rows)
    }

    static func units(_ state: State, _ lang: Language) -> Table {
        let cols = [Column(key: "code", en: "unit", zh: "单位"), Column(key: "name", en: "name", zh: "名称"),
                    Column(key: "secretary", en: "secretary", zh: "书记")]
        let rows = state.units.keys.sorted().compactMap { c in state.units[c].map { [c, $0.name, $0.secretary ?? ""] } }
        return Column.table(cols, lang, rows: rows)
    }
}
