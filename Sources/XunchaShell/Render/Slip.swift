import XunchaCore

/// 对账销号单: the printable closure record of one closed problem: what was found, who answered
/// for it, what was done, the evidence, who verified it by which methods and when. On screen the
/// long entries wrap (a slip is printed whole, never cut); json carries every field typed.
enum Slip {
    /// `i` with its lists, its round and unit, and its transferred matters in id order.
    static func table(_ i: Issue, round: Round?, unit u: Unit?, transfers: [Transfer], _ lang: Language) -> Table {
        let zh = lang == .zh
        let report = i.reports.last
        let pass = i.verifications.last { $0.verdict == .pass }
        let methods = pass?.methods ?? []
        let methodText = methods.map { word($0, lang) }.joined(separator: zh ? "、" : ", ")
            + (methods.count >= 3 ? (zh ? "（三印证）" : " (three methods agree, 三印证)") : "")
        let days = i.closedOn.map { i.registeredOn.days(until: $0) }
        var rows: [(key: String, en: String, zh: String, text: String)] = [
            ("id", "problem", "问题编号", i.id),
            ("round", "round", "巡察轮次", "\(i.round) \(round?.title ?? "")"),
            ("unit", "unit", "被巡察单位", "\(i.unit) \(u?.name ?? "")"),
            ("secretary", "first responsible", "第一责任人", u?.secretary ?? "—"),
            ("title", "finding", "问题表述", i.title),
            ("category", "category", "问题类别", word(i.category, lang)),
            ("source", "source", "问题来源", word(i.source, lang)),
            ("mode", "mode", "整改方式", word(i.mode, lang) + (i.longtermVerified ? (zh ? "（曾认定长期坚持）" : " (was in long-term upkeep)") : "")),
        ]
        if let r = i.requirement { rows.append(("requirement", "requirement", "整改要求", r)) }
        rows += [
            ("registered", "registered", "登记日期", i.registeredOn.iso),
            ("lead", "lead", "牵头领导", i.lead ?? "—"),
            ("owner", "owner", "责任领导", i.owner ?? "—"),
            ("dept", "department", "责任处室", i.dept ?? "—"),
        ]
        if let h = i.handler { rows.append(("handler", "handler", "主办人", h)) }
        rows += [
            ("due", "deadline", "整改时限", i.due?.iso ?? "—"),
            ("measures", "measures", "整改措施", i.progress.isEmpty ? "—" : i.progress.map { "\($0.on.iso) \($0.text)" }.joined(separator: "\n")),
            ("report", "rectification", "整改情况", report.map { "\($0.on.iso) \($0.text)" } ?? "—"),
            ("evidence", "evidence", "佐证材料", report.map { $0.evidence.joined(separator: "\n") } ?? "—"),
            ("signed_by", "signed by", "签字背书", report?.signedBy ?? "—"),
            ("verified_by", "verified by", "验收人", pass?.by ?? "—"),
            ("methods", "methods", "验收方式", methods.isEmpty ? "—" : methodText),
            ("verified_on", "verified on", "验收日期", pass?.on.iso ?? "—"),
        ]
        if let note = pass?.note { rows.append(("verify_note", "remarks", "验收意见", note)) }
        rows.append(("returned", "returned", "退回次数", String(i.returned)))
        if i.reopened > 0 { rows.append(("reopened", "reopened", "重新打开次数", String(i.reopened))) }
        if !i.rules.isEmpty { rows.append(("rules", "rules established", "建章立制", i.rules.map(\.title).joined(separator: "\n"))) }
        if !transfers.isEmpty {
            rows.append(("transfers", "transfers", "移交事项", transfers.map { t in
                "\(t.id) → \(word(t.to, lang))" + (zh ? "：" : ":") + t.summary + (t.concludedOn.map { zh ? "（\($0.iso) 办结）" : " (concluded \($0.iso))" } ?? "")
            }.joined(separator: "\n")))
        }
        rows.append(("closed_on", "closed on", "销号日期", i.closedOn?.iso ?? "—"))
        if let days { rows.append(("days", "days taken", "整改用时", zh ? "\(days) 天" : "\(days) day(s)")) }

        let cols = [Column(key: "item", en: "item", zh: "项目"), Column(key: "content", en: "content", zh: "内容", wraps: true),
                    Column(key: "field", en: "field", zh: "字段", exportOnly: true)]
        let cells = rows.map { r -> [Cell] in [.text(zh ? r.zh : r.en), .text(r.text), .text(r.key)] }
        let sign = zh ? "验收人（签字）：____________    巡察办（盖章）：____________    日期：____________"
                      : "verifier (signature): ____________    office (seal): ____________    date: ____________"
        return Table(kind: "slip", columns: Column.list(cols, lang), cells: cells,
                     title: zh ? "对账销号单 \(i.id)" : "closure slip (对账销号单) \(i.id)", footer: ["", sign],
                     summary: fields(i, round: round, unit: u, report: report, pass: pass, transfers: transfers, days: days))
    }

    /// The slip's facts typed for programs (json `summary`).
    static func fields(_ i: Issue, round: Round?, unit u: Unit?, report: Report?, pass: Verification?, transfers: [Transfer],
                       days: Int?) -> [JSONField] {
        func s(_ v: String?) -> JSONValue { v.map { .string($0) } ?? .null }
        return [
            JSONField("id", .string(i.id)), JSONField("round", .string(i.round)), JSONField("round_title", s(round?.title)),
            JSONField("unit", .string(i.unit)), JSONField("unit_name", s(u?.name)), JSONField("secretary", s(u?.secretary)),
            JSONField("title", .string(i.title)), JSONField("category", .string(i.category.rawValue)),
            JSONField("source", .string(i.source.rawValue)), JSONField("mode", .string(i.mode.rawValue)),
            JSONField("requirement", s(i.requirement)), JSONField("registered", .string(i.registeredOn.iso)),
            JSONField("lead", s(i.lead)), JSONField("owner", s(i.owner)), JSONField("dept", s(i.dept)), JSONField("handler", s(i.handler)),
            JSONField("due", s(i.due?.iso)),
            JSONField("measures", .array(i.progress.map { .object([JSONField("on", .string($0.on.iso)), JSONField("text", .string($0.text))]) })),
            JSONField("report", report.map { r in
                .object([JSONField("text", .string(r.text)), JSONField("on", .string(r.on.iso)),
                         JSONField("evidence", .array(r.evidence.map { .string($0) })), JSONField("signed_by", .string(r.signedBy))])
            } ?? .null),
            JSONField("verification", pass.map { v in
                .object([JSONField("by", .string(v.by)), JSONField("methods", .array(v.methods.map { .string($0.rawValue) })),
                         JSONField("on", .string(v.on.iso)), JSONField("note", s(v.note))])
            } ?? .null),
            JSONField("returned", .int(i.returned)), JSONField("reopened", .int(i.reopened)),
            JSONField("longterm_verified", .bool(i.longtermVerified)),
            JSONField("rules", .array(i.rules.map { .object([JSONField("title", .string($0.title)), JSONField("on", .string($0.on.iso))]) })),
            JSONField("transfers", .array(transfers.map { t in
                .object([JSONField("id", .string(t.id)), JSONField("to", .string(t.to.rawValue)), JSONField("summary", .string(t.summary)),
                         JSONField("concluded", s(t.concludedOn?.iso))])
            })),
            JSONField("closed_on", s(i.closedOn?.iso)), JSONField("days", days.map { .int($0) } ?? .null),
        ]
    }
}
