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
}
