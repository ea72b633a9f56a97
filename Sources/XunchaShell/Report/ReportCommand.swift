import XunchaCore

extension Session {
    /// `report html FILE [--round R] [--as-of DATE] [--force]`: writes the report page (0600,
    /// never over an existing file unless forced). Reads the ledger only.
    func reportHTML(_ inv: Invocation) throws(ShellError) {
        let path = try inv.string("file")
        var round: Round?
        if let code = inv.optional("round") {
            round = try read(inv) { try $0.requireRound(code) }
        }
        let asOf = try inv.date("as-of", today: today) ?? today
        let user = user, language = language
        let model = try read(inv) { try ReportModel($0, round: round, asOf: asOf, user: user, lang: language) }
        guard try writeOutput(HTMLReport.page(model), to: path, inv, field: "file") else { return }
        say("report written to \(path) (\(model.summary.rate.all) problem(s), as of \(asOf.iso))",
            "报告已写入 \(path)（问题 \(model.summary.rate.all) 个，截至 \(asOf.iso)）")
    }
}
