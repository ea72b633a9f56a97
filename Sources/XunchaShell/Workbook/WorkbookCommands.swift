import XunchaCore

/// `--format xlsx` (or `--out FILE.xlsx`) on a ledger, stats, warnings or slip, and
/// `report xlsx FILE`: the tables the other formats render, laid out as Excel workbooks.
extension Session {
    /// A workbook is a file: on a screen or a pipe it would be unreadable bytes.
    func workbookNeedsFile(_ inv: Invocation) -> ShellError {
        ShellError(en: "--format xlsx writes a workbook, which needs a file", zh: "--format xlsx 生成 Excel 工作簿，须写入文件",
                   at: inv.position(of: "format"), hintEn: "add --out FILE.xlsx", hintZh: "请加 --输出 文件名.xlsx")
    }

    func emitWorkbook(_ table: Table, to path: String, _ inv: Invocation) throws(ShellError) {
        let sheet = WorkbookSheet(table, name: WorkbookSheet.name(of: table.kind, language),
                                  title: WorkbookSheet.title(of: table.kind, asOf: today, language))
        let user = user, today = today
        guard try writeOutput({ () throws(ShellError) -> FileContent in
            try workbook([sheet], title: sheet.title, author: user, day: today, path: path, inv, field: "out")
        }, to: path, inv, field: "out") else { return }
        say("\(table.cells.count) row(s) written to \(path) (xlsx)", "已写入 \(table.cells.count) 行到 \(path)（xlsx）")
    }

    func workbook(_ sheets: [WorkbookSheet], title: String, author: String, day: Day, path: String,
                  _ inv: Invocation, field: String) throws(ShellError) -> FileContent {
        do {
            return .bytes(try WorkbookFile.bytes(sheets, title: title, author: author, day: day))
        } catch {
            throw ShellError(en: "cannot write \(path): \(error.reason.en)", zh: "无法写入 \(path)：\(error.reason.zh)", at: inv.position(of: field))
        }
    }

    /// `report xlsx FILE [--round R] [--as-of DATE] [--force]`: the whole 台账 of a round (or of
    /// every round) as of a day: a summary sheet, then the ledgers of problems, transfers, units
    /// and lead leaders, and the warnings, each the same rows as `ledger … --as-of`'s csv.
    func reportXLSX(_ inv: Invocation) throws(ShellError) {
        let path = try inv.string("file")
        var round: Round?
        if let code = inv.optional("round") {
            round = try read(inv) { try $0.requireRound(code) }
        }
        let asOf = try inv.date("as-of", today: today) ?? today
        let user = user, lang = language
        var filter = IssueFilter()
        filter.round = round?.code
        let (model, tables) = try read(inv) { l throws -> (ReportModel, [Table]) in
            let model = try ReportModel(l, round: round, asOf: asOf, user: user, lang: lang)
            let policy = try l.currentPolicy()
            // The same sheets as `ledger units` and `warnings` print, the reports units owe (双报告)
            // included.
            var warned = try l.warnedIssues(matching: filter, asOf: asOf)
            let targets = Set(try l.allRounds().filter { filter.round == nil || $0.code == filter.round }.flatMap(\.targets))
            warned += RoundReports.warned(try reportStandings(l, round: filter.round, units: targets), asOf, policy, lang)
            let names = try l.units(codes: Set(warned.map(\.unit)))
            let unitRows = try l.unitLedger(matching: filter, today: asOf)
            let owed = try reportStandings(l, round: filter.round, units: Set(unitRows.map(\.code)))
            return (model, [
                Ledgers.issues(try l.issues(matching: filter, today: asOf, lists: .omitted), policy, sort: "id", asOf, lang),
                Ledgers.transfers(try l.transferRows(ofIssuesMatching: filter, today: asOf), sort: "id", lang),
                GroupLedgers.units(unitRows, policy, sort: "id", lang, overdueReports: RoundReports.overdueCounts(owed, asOf, policy)),
                GroupLedgers.leaders(try l.leaderLedger(matching: filter, today: asOf), sort: "id", lang),
                Warnings.digest(warned, unitNames: Dictionary(names.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a }),
                                policy, asOf: asOf, lang),
            ])
        }
        let summary = ReportWorkbook.summary(model)
        let sheets = [summary] + tables.map { t in
            WorkbookSheet(t, name: WorkbookSheet.name(of: t.kind, lang), title: WorkbookSheet.title(of: t.kind, asOf: asOf, lang))
        }
        guard try writeOutput({ () throws(ShellError) -> FileContent in
            try workbook(sheets, title: summary.title, author: user, day: asOf, path: path, inv, field: "file")
        }, to: path, inv, field: "file") else { return }
        say("workbook written to \(path) (\(model.summary.rate.all) problem(s), \(sheets.count) sheets, as of \(asOf.iso))",
            "工作簿已写入 \(path)（问题 \(model.summary.rate.all) 个，\(sheets.count) 张表，截至 \(asOf.iso)）")
    }
}

/// The first sheet of `report xlsx`: the key figures of the scope, one per row, typed (the rate
/// a percentage, yuan with a separator), with the rate's formula and the transfers' outcomes
/// written out below.
enum ReportWorkbook {
    static func summary(_ m: ReportModel) -> WorkbookSheet {
        let s = m.summary, r = s.rate, o = s.outcomes
        var rows: [[SheetCell]] = [[.text(m.t("rectification rate", "整改率")), r.hundredths.map(SheetCell.rate) ?? .text(r.percent)]]
        let counts: [(String, String, Int)] = [
            ("problems", "问题总数", r.all), ("withdrawn", "撤销", r.withdrawn), ("counted", "应销号", r.denominator),
            ("closed", "已销号", r.closed), ("open", "未销号", s.open), ("overdue", "逾期", s.overdue),
            ("long-term upkeep", "长期坚持", r.longterm),
            ("red warnings (overdue)", "红色预警（逾期）", m.warningCount(.red)), ("yellow warnings", "黄色预警", m.warningCount(.yellow)),
            ("green warnings", "绿色预警", m.warningCount(.green)),
            ("matters transferred", "移交事项（件）", o.transfers), ("transfers concluded", "已办结（件）", o.concluded),
            ("people sanctioned", "党纪政务处分（人）", o.sanctions), ("person-times handled", "组织处理（人次）", o.handled),
        ]
        rows += counts.map { [.text(m.t($0.0, $0.1)), .count($0.2)] }
        rows.append([.text(m.t("recovered (yuan)", "追缴（元）")), .yuan(o.recovered)])
        rows.append([.text(m.t("refunded (yuan)", "清退（元）")), .yuan(o.refunded)])
        rows.append([.text(m.t("rules established", "建章立制（项）")), .count(s.rules)])
        rows.append([.text(m.t("reports overdue (双报告)", "逾期未报整改报告（双报告）")), .count(m.reportsOverdue)])
        rows.append([.text(m.t("supervision checks", "督查（次）")), .count(m.checks.count)])
        rows.append([.text(m.t("units checked", "督查单位（个）")), .count(Set(m.checks.map(\.code)).count)])
        // The latest grade of each assessed unit (整改质效评估), which feeds its appraisal.
        for g in m.grades {
            let grade = m.lang == .zh ? (g.assessment.grade.chinese.first ?? g.assessment.grade.rawValue) : g.assessment.grade.rawValue
            rows.append([.text(m.t("grade: \(g.code) \(g.name)", "评估等次：\(g.code) \(g.name)")), .text(grade)])
        }
        let title = m.lang == .zh ? "巡察整改台账 — \(m.scope)（截至 \(m.asOf.iso)）" : "Inspection rectification ledger — \(m.scope), as of \(m.asOf.iso)"
        let notes = [
            r.line(m.lang), o.line(m.lang),
            m.lang == .zh ? "整改率低于 \(m.policy.rateThreshold)% 的单位列为约谈对象；预警：红=逾期，黄=\(m.policy.yellowDays) 天内到期，绿=\(m.policy.greenDays) 天内到期"
                : "units below \(m.policy.rateThreshold)% are flagged for a talk; warnings: red = overdue, yellow = due within \(m.policy.yellowDays) days, green = within \(m.policy.greenDays)",
            m.t("compiled by \(m.generatedBy)", "编制：\(m.generatedBy)"),
        ]
        return WorkbookSheet(name: WorkbookSheet.name(of: "summary", m.lang), title: title,
                             headers: [m.t("item", "项目"), m.t("value", "数值")], rows: rows, notes: notes)
    }
}
