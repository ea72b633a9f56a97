import XunchaCore

extension HTMLReport {
    /// The grade of each assessed unit (整改质效评估), which feeds its appraisal: shown once some
    /// unit in scope has been assessed.
    static func assessments(_ m: ReportModel) -> String {
        guard !m.grades.isEmpty else { return "" }
        var h = "<section class=\"block\">\n" + heading(6, m.t("Assessment of rectification", "整改质效评估"),
                                                         aside: m.t("latest grade of each unit", "各单位最近一次评估"), m)
        h += "<table>\n<thead><tr><th>\(HTML.escape(m.t("Unit", "单位")))</th><th>\(HTML.escape(m.t("Grade", "评估等次")))</th>"
        h += "<th>\(HTML.escape(m.t("Assessed", "评估日期")))</th><th>\(HTML.escape(m.t("By", "评估组")))</th>"
        h += "<th>\(HTML.escape(m.t("Findings", "评估发现")))</th><th>\(HTML.escape(m.t("Rectify again", "再整改")))</th></tr></thead>\n<tbody>\n"
        for g in m.grades {
            let a = g.assessment
            let grade = m.lang == .zh ? (a.grade.chinese.first ?? a.grade.rawValue) : a.grade.rawValue
            h += "<tr><td>\(HTML.escape(g.name))</td><td><b>\(HTML.escape(grade))</b></td><td class=\"id\">\(a.on.iso)</td>"
            h += "<td>\(HTML.escape(a.by))</td><td>\(HTML.escape(a.findings))</td><td class=\"id\">\(HTML.escape(a.redo.joined(separator: ", ")))</td></tr>\n"
        }
        return h + "</tbody>\n</table>\n</section>\n"
    }

    /// The supervision checks (督查) made by the report's day: who visited which unit, what they
    /// compared (四对照) and found. Shown once there is one.
    static func checks(_ m: ReportModel) -> String {
        guard !m.checks.isEmpty else { return "" }
        let units = Set(m.checks.map(\.code)).count
        var h = "<section class=\"block\">\n" + heading(7, m.t("Supervision checks", "督查"),
                                                         aside: m.t("\(m.checks.count) check(s) of \(units) unit(s)", "督查 \(m.checks.count) 次，涉及 \(units) 个单位"), m)
        h += "<table>\n<thead><tr><th>\(HTML.escape(m.t("Day", "督查日期")))</th><th>\(HTML.escape(m.t("Unit", "单位")))</th>"
        h += "<th>\(HTML.escape(m.t("Round", "轮次")))</th><th>\(HTML.escape(m.t("By", "督查组")))</th>"
        h += "<th>\(HTML.escape(m.t("Compared", "对照")))</th><th>\(HTML.escape(m.t("Findings", "督查发现")))</th></tr></thead>\n<tbody>\n"
        for (_, name, c) in m.checks {
            let compared = c.compared.map { m.lang == .zh ? ($0.chinese.first ?? $0.rawValue) : $0.rawValue }.joined(separator: m.lang == .zh ? "、" : ", ")
            h += "<tr><td class=\"id\">\(c.on.iso)</td><td>\(HTML.escape(name))</td><td class=\"id\">\(HTML.escape(c.round ?? ""))</td>"
            h += "<td>\(HTML.escape(c.by))</td><td>\(HTML.escape(compared))</td><td>\(HTML.escape(c.findings))</td></tr>\n"
        }
        return h + "</tbody>\n</table>\n</section>\n"
    }
}
