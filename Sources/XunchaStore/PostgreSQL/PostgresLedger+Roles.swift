import XunchaCore

extension PostgresLedger {
    /// Keeps the server's group roles in step with the roles the ledger grants: called in the
    /// write transaction of a fact that changes them (a grant, a revocation, an undo of one),
    /// so that the GRANT or REVOKE commits or rolls back with the journal row. A login's groups
    /// follow from all the roles it holds afterwards: revoking `clerk` from a verifier keeps
    /// it a writer. The login role itself is the database administrator's to create: without
    /// it the fact is refused, naming the role to create.
    func syncGroupRoles(from before: Access, to after: Access) throws {
        let changed = Set(before.grants.map(\.login)).union(after.grants.map(\.login))
            .filter { Set(before.grants(of: $0)) != Set(after.grants(of: $0)) }
        guard !changed.isEmpty else { return }
        let groups = PostgresStoreInit.groups(prefix: try Self.rolePrefix(connection))
        for login in changed.sorted() {
            try sync(login, wanted: Self.groups(of: login, in: after, groups), groups: groups)
        }
    }

    /// After `store copy` into this ledger: gives every login the copied ledger grants a role its
    /// group roles, as its grants would have on PostgreSQL. The copy has committed by then, so a
    /// login the server lacks does not undo it. Returns the logins given their roles and the
    /// logins missing, each sorted, these with the statements a database administrator runs.
    public func grantCopiedRoles() throws -> (granted: [String], missing: [(login: String, statements: String)]) {
        let access = try currentAccess()
        let groups = PostgresStoreInit.groups(prefix: try Self.rolePrefix(connection))
        var granted: [String] = []
        var missing: [(login: String, statements: String)] = []
        let q = PostgresSchema.quoted
        for login in Set(access.grants.map(\.login)).sorted() {
            let wanted = Self.groups(of: login, in: access, groups)
            guard try loginExists(login) else {
                let grants = groups.all.filter(wanted.contains).map { g in
                    "GRANT \(q(g)) TO \(q(login))" + (g == groups.admin ? " WITH ADMIN OPTION" : "")
                }
                missing.append((login, (["CREATE ROLE \(q(login)) LOGIN"] + grants).joined(separator: "; ")))
                continue
            }
            try sync(login, wanted: wanted, groups: groups)
            granted.append(login)
        }
        return (granted, missing)
    }

    /// The group roles that all the roles `login` holds in `access` add up to.
    static func groups(of login: String, in access: Access, _ groups: PostgresSecurity.Groups) -> Set<String> {
        let roles = Set(access.grants(of: login).map(\.role))
        var wanted: Set<String> = []
        if !roles.isDisjoint(with: [.admin, .clerk, .verifier]) { wanted.insert(groups.writer) }
        if roles.contains(.admin) { wanted.insert(groups.admin) }
        if roles.contains(.reader) { wanted.insert(groups.reader) }
        if roles.contains(.unit) { wanted.insert(groups.unit) }
        return wanted
    }

    func loginExists(_ login: String) throws -> Bool {
        try connection.execute("SELECT 1 FROM pg_roles WHERE rolname = $1", [login]).rows.isEmpty == false
    }

    private func sync(_ login: String, wanted: Set<String>, groups: PostgresSecurity.Groups) throws {
        guard try loginExists(login) else {
            if wanted.isEmpty { return }
            throw StoreError.postgres(.loginRoleMissing(location: location, login: login))
        }
        let member = Set(try connection.execute("""
            SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles l ON l.oid = m.member
            WHERE l.rolname = $1
            """, [login]).rows.compactMap { $0.first ?? nil })
        let q = PostgresSchema.quoted
        for group in groups.all where wanted.contains(group) && !member.contains(group) {
            // An admin passes the right to grant on, so that the ledger can have more than one.
            try connection.execute("GRANT \(q(group)) TO \(q(login))" + (group == groups.admin ? " WITH ADMIN OPTION" : ""))
        }
        for group in groups.all where !wanted.contains(group) && member.contains(group) {
            try connection.execute("REVOKE \(q(group)) FROM \(q(login))")
        }
    }
}
