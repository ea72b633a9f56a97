import XunchaCore

/// Bringing a round recorded in another store into this ledger: the lines of `export script
/// --round` that carry `--merge`, and transfers named by their problem.
extension Session {
    /// A `--merge` line: a definition this ledger already holds identically is skipped with a
    /// note, a different one is refused (see `LedgerReader.merging`); anything else is recorded,
    /// and a transfer says which id it got here.
    func merge(_ command: Command, _ inv: Invocation) throws(ShellError) {
        let outcome: MergedDefinition
        do {
            outcome = try reader.merging(command)
        } catch let error as DomainError {
            throw ShellError(error.message, hint: error.hint, at: inv.position(of: error.field))
        } catch {
            throw storeFailure(error)
        }
        if case .same(let skipped) = outcome {
            note(skipped)
            return
        }
        let event = try change(command, inv)
        if case .transferAdded(let p) = event {
            note(Localized(en: "transfer of \(p.issue) is \(p.id) here", zh: "\(p.issue) 的移交事项在本账本中编号为 \(p.id)"))
        }
    }

    /// Said at once outside a transaction; inside one, when it commits.
    func note(_ text: Localized) {
        if writer != nil { notes.append(text) } else { say(text) }
    }

    /// The transfer a `transfer conclude` names: its id (`T-0003`), or its problem (`R5-003`)
    /// when the problem has exactly one transfer, or `R5-003/2` for the problem's second. A
    /// script brought from another store names transfers so, since their ids differ here.
    func transferReference(_ inv: Invocation) throws(ShellError) -> String {
        let given = try inv.string("id")
        var problem = given
        var nth: Int?
        if let slash = given.lastIndex(of: "/") {
            problem = String(given[..<slash])
            guard let n = Int(given[given.index(after: slash)...]), n >= 1 else {
                throw inv.fail("id", "\(given): after / comes which transfer of the problem it is (1, 2, …)",
                               "\(given)：/ 之后应为该问题的第几项移交（1、2……）")
            }
            nth = n
        }
        // Anything that is not a problem id is left to the core, which says there is no such transfer.
        guard !given.hasPrefix("T-"), let (round, _) = IssueID.split(problem), !round.isEmpty else { return given }
        let ids = try read(inv) { (l) throws -> [String] in
            guard try l.issue(id: problem, lists: .omitted) != nil else {
                throw DomainError(en: "no transfer \(given): there is no problem \(problem)", zh: "没有移交事项 \(given)：没有问题 \(problem)", field: "id")
            }
            return try l.transfers(ofIssue: problem).map(\.id)
        }.sorted { (Int($0.dropFirst(2)) ?? 0, $0) < (Int($1.dropFirst(2)) ?? 0, $1) }
        if let nth {
            guard nth <= ids.count else {
                throw inv.fail("id", "\(problem) has \(ids.count) transfer(s), so there is no transfer \(given)",
                               "\(problem) 只有 \(ids.count) 项移交，没有 \(given)")
            }
            return ids[nth - 1]
        }
        guard ids.count == 1, let only = ids.first else {
            if ids.isEmpty {
                throw inv.fail("id", "\(problem) has no transfer", "\(problem) 没有移交事项")
            }
            throw ShellError(en: "\(problem) has \(ids.count) transfers (\(ids.joined(separator: ", "))): name one",
                             zh: "\(problem) 有 \(ids.count) 项移交（\(ids.joined(separator: "、"))）：请指明其一", at: inv.position(of: "id"),
                             hintEn: "give its id, or \(problem)/2 for the second", hintZh: "请写移交编号，或写 \(problem)/2 表示第二项")
        }
        return only
    }
}
