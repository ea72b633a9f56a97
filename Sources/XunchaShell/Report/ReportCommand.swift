import XunchaCore

extension Session {
    /// `report html FILE [--round R] [--as-of DATE] [--force]`: writes the report page (0600,
    /// never over an existing file unless forced). Reads the ledger only.
    func reportHTML(_ inv: Invocation) throws(ShellError) {
        let path = try inv.string("file")
        var round: Round?
        if let code = inv.optional("round") {
            do { round = try state.round(code) } catch {
                throw ShellError(error.message, hint: error.hint, at: inv.position(of: "round"))
            }
        }
        let asOf = try inv.date("as-of", today: today) ?? today
        let model = ReportModel(state, round: round, asOf: asOf, user: user, lang: language)
        guard try writeOutput(HTMLReport.page(model), to: path, inv, field: "file") else { return }
        say("report written to \(path) (\(model.summary.issues.count) problem(s), as of \(asOf.iso))",
            "报告已写入 \(path)(问题 \(model.summary.issues.count) 个,截至 \(asOf.iso))")
    }
}
