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
            let roles = Set(after.grants(of: login).map(\.role))
            var wanted: Set<String> = []
            if !roles.isDisjoint(with: [.admin, .clerk, .verifier]) { wanted.insert(groups.writer) }
            if roles.contains(.admin) { wanted.insert(groups.admin) }
            if roles.contains(.reader) { wanted.insert(groups.reader) }
            if roles.contains(.unit) { wanted.insert(groups.unit) }
            try sync(login, wanted: wanted, groups: groups)
        }
    }

    private func sync(_ login: String, wanted: Set<String>, groups: PostgresSecurity.Groups) throws {
        let exists = try connection.execute("SELECT 1 FROM pg_roles WHERE rolname = $1", [login]).rows.isEmpty == false
        guard exists else {
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
