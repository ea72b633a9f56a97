import XunchaCore

extension Session {
    /// Refuses a command the session's identity may not run (DESIGN §6), before anything is
    /// read for it or changed: `permission denied: verify needs the verifier role; ask the
    /// ledger's admin (zhangwei)`. Only on a real store: in memory, a sandbox or a demo
    /// `user` sets the actor and there is nobody to tell apart.
    func authorize(_ inv: Invocation) throws(ShellError) {
        guard let identity, let action = try action(of: inv) else { return }
        let (access, creator) = try roles()
        // An empty ledger is its first writer's: it becomes the creator by writing.
        let owners = [creator ?? identity] + storeOwners
        guard let refusal = Permission.refusal(action, command: Self.commandWords(inv), identity: identity,
                                                access: access, owners: owners) else { return }
        throw ShellError(refusal.message, hint: Localized(en: "nothing was changed", zh: "未作任何修改"), at: inv.start)
    }

    /// The words the user typed for the command (`issue verify`, `验收`).
    static func commandWords(_ inv: Invocation) -> String {
        inv.tokens.prefix(inv.spec.words.count).map(\.text).joined(separator: " ")
    }

    /// What the command asks of the ledger, or nil for what is the session's own (help, clock,
    /// user, whoami, `set lang`, a file run, whose lines are each checked as they come).
    func action(of inv: Invocation) throws(ShellError) -> Action? {
        switch inv.spec.id {
        case .roundOpen, .roundTeam, .roundTarget, .roundFeedback, .roundClose, .unitAdd, .unitSecretary, .issueAdd,
             .issueAssign, .issueReopen, .issueWithdraw, .transferAdd, .transferConclude, .urge, .assess, .check:
            return .enter
        case .issueVerify:
            return .verify
        case .issueProgress, .issueReport, .issueRule:
            return .unitWork(unit: try needsUnits() ? try unitOfIssue(inv.optional("id")) : "")
        case .roundReport:
            return .unitWork(unit: inv.optional("unit") ?? "")
        case .set:
            return inv.optional("key") == "lang" ? nil : .policy
        case .grant, .revoke, .person, .auditRebuild:
            return .administer
        case .undo:
            return .undoOwn
        case .ledger:
            return try inv.choice("kind") == "transfers" ? .read : .readScoped
        case .auditLog:
            // A liaison's is its own rows only (`auditLog`), never others'.
            return .readScoped
        case .stats, .warnings, .slip, .issueShow, .roundShow, .roundList, .unitShow, .unitList, .reportHTML, .reportXLSX,
             .expectStatus, .expectCount, .expectRate, .expectWarning, .expectReport, .expectCoverage, .expectGrade:
            return .readScoped
        case .exportScript, .auditVerify, .auditDigest, .roleList, .expectDigest:
            return .read
        case .expectFail, .run, .play, .clock, .user, .history, .help, .quit, .clear, .whoami:
            return nil
        }
    }

    /// The unit a liaison's session reads (nil: the whole ledger; "": nothing, for an identity
    /// without a role). Read at each use, so a grant or revocation counts at once.
    var scopeUnit: String? {
        guard let identity else { return nil }
        do throws(ShellError) {
            let (access, creator) = try roles()
            return Permission.visibleUnit(of: identity, access: access, owners: [creator ?? identity] + storeOwners)
        } catch {
            // Unable to tell who this is, the session sees nothing rather than everything.
            return ""
        }
    }

    /// Whether the unit of a problem decides anything: an admin or a clerk may work on every
    /// unit's problems, and reading the problem would only cost them time.
    func needsUnits() throws(ShellError) -> Bool {
        guard let identity else { return false }
        let (access, creator) = try roles()
        let held = Permission.roles(of: identity, access: access, owners: [creator ?? identity] + storeOwners)
        return !held.contains { $0.role == .admin || $0.role == .clerk }
    }

    /// The unit of a problem; an unknown id is nobody's unit, so a liaison learns nothing
    /// about which ids exist. Inside a file the transaction's cache has the problem; otherwise
    /// its own row is read, without its lists.
    func unitOfIssue(_ id: String?) throws(ShellError) -> String {
        guard let id else { return "" }
        do {
            if let writer { return try writer.findIssue(id)?.unit ?? "" }
            return try store.issue(id: id, lists: .omitted)?.unit ?? ""
        } catch {
            throw storeFailure(error)
        }
    }
}
