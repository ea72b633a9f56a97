import XunchaCore

/// `ledger assessments`: the grades given to units' rectification (整改质效评估), one row per
/// assessment, with the problems each sent back for rectification (再整改).
enum Assessments {
    static let gradeColumn = Column(key: "grade", en: "grade", zh: "评估等次")

    /// `units`: every unit with its assessments; only those of `round` and `unit` are listed.
    static func table(_ units: [Unit], round: String?, unit: String?, _ lang: Language) -> Table {
        var entries: [(unit: Unit, assessment: Assessment)] = []
        for u in units.sorted(by: { Order.natural($0.code, $1.code) }) where unit == nil || u.code == unit {
            for a in u.assessments where round == nil || a.round == round { entries.append((u, a)) }
        }
        entries = Order.stable(entries) { $0.assessment.on < $1.assessment.on }
        let cols = [Column(key: "on", en: "on", zh: "评估日期"), Column(key: "round", en: "round", zh: "轮次"),
                    Column(key: "unit", en: "unit", zh: "单位"), gradeColumn, Column(key: "by", en: "by", zh: "评估组"),
                    Column(key: "methods", en: "methods", zh: "评估方式"), Column(key: "findings", en: "findings", zh: "评估发现", flexible: true),
                    Column(key: "redo", en: "redo", zh: "再整改"), Column(key: "name", en: "name", zh: "单位名称", exportOnly: true)]
        let separator = lang == .zh ? "、" : ","
        let cells = entries.map { e -> [Cell] in
            let a = e.assessment
            return [.day(a.on), .text(a.round), .text(e.unit.code), .word(a.grade, lang), .text(a.by),
                    .text(a.methods.map { lang == .zh ? ($0.chinese.first ?? $0.rawValue) : $0.rawValue }.joined(separator: separator)),
                    .text(a.findings), .text(a.redo.joined(separator: separator)), .text(e.unit.name)]
        }
        var counts: [Grade: Int] = [:]
        for e in entries { counts[e.assessment.grade, default: 0] += 1 }
        let redo = entries.reduce(0) { $0 + $1.assessment.redo.count }
        let byGrade = Grade.allCases.map { g in (lang == .zh ? (g.chinese.first ?? g.rawValue) : g.rawValue) + " \(counts[g] ?? 0)" }
            .joined(separator: lang == .zh ? "、" : ", ")
        let footer = lang == .zh ? "评估 \(entries.count) 次（\(byGrade)），要求再整改问题 \(redo) 个"
                                 : "\(entries.count) assessment(s) (\(byGrade)); \(redo) problem(s) sent back for rectification"
        return Table(kind: "ledger.assessments", columns: Column.list(cols, lang), cells: cells, footer: [footer],
                     summary: [JSONField("assessments", .int(entries.count)), JSONField("redo", .int(redo))]
                         + Grade.allCases.map { JSONField($0.rawValue, .int(counts[$0] ?? 0)) })
    }

    /// The latest grade of each of `units`, of `round` when one is named.
    static func latestGrades(_ units: [Unit], round: String?) -> [String: Grade] {
        var out: [String: Grade] = [:]
        for u in units { if let a = u.latestAssessment(round: round) { out[u.code] = a.grade } }
        return out
    }
}
