import Foundation

/// `xuncha store init`: makes a PostgreSQL database a ledger, or brings one up to date. Run by
/// the identity that will own the ledger (it owns the tables, and only its journal rows keep
/// the actor they name). Safe to run again: applied migrations, existing roles and grants are
/// left as they are. Everything happens in one transaction.
public enum PostgresStoreInit {
    /// What an init did, for the message that confirms it.
    public struct Report: Sendable, Equatable {
        /// `database@host`.
        public let location: String
        /// The login that owns the ledger.
        public let owner: String
        /// Migrations applied by this run (empty when the schema was current).
        public let applied: [String]
        /// The writer and reader group roles, and which of them this run created.
        public let writer: String
        public let reader: String
        public let createdRoles: [String]
    }

    /// Whether `prefix` can start a role name: lower-case letters, digits and `_`, starting
    /// with a letter, short enough for PostgreSQL's 63-byte names.
    public static func isValidPrefix(_ prefix: String) -> Bool {
        guard let first = prefix.unicodeScalars.first, prefix.utf8.count <= 40,
              ("a"..."z").contains(first) else { return false }
        return prefix.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    /// The group role names for a ledger: `xuncha_writer`, or `P_xuncha_writer` with a prefix.
    public static func roleNames(prefix: String?) -> (writer: String, reader: String) {
        let g = groups(prefix: prefix)
        return (g.writer, g.reader)
    }

    /// All four group roles of a ledger, with the same prefix rule.
    static func groups(prefix: String?) -> PostgresSecurity.Groups {
        let p = prefix.map { $0.hasSuffix("_") ? $0 : $0 + "_" } ?? ""
        return PostgresSecurity.Groups(writer: p + "xuncha_writer", reader: p + "xuncha_reader",
                                       unit: p + "xuncha_unit", admin: p + "xuncha_admin")
    }

    /// How long init waits for a lock another session holds.
    static let lockSeconds = Int(SQLiteLedger.defaultBusyTimeout)

    public static func run(conninfo: String, prefix: String?, now: Date) throws(StoreError) -> Report {
        let connection = try PGConnection(conninfo: conninfo)
        let roles = groups(prefix: prefix)
        try connection.execute("BEGIN")
        do throws(StoreError) {
            // A session holding the ledger's tables (or another init) makes this one wait, for
            // as long as a SQLite store waits for its write lock, and then say so.
            try connection.execute("SET LOCAL lock_timeout = '\(lockSeconds)s'")
            let report = try initialise(connection, roles: roles, now: now)
            try connection.execute("COMMIT")
            return report
        } catch {
            _ = try? connection.execute("ROLLBACK")
            if error.postgresState == "55P03" { throw .busy(path: connection.location, seconds: lockSeconds) }
            throw error
        }
    }

    private static func initialise(_ c: PGConnection, roles: PostgresSecurity.Groups,
                                   now: Date) throws(StoreError) -> Report {
        // Two inits at once would both see the schema missing; the second waits for the first.
        try c.execute("SELECT pg_advisory_xact_lock(hashtext('xuncha store init'))")
        let schema = try c.execute("SELECT current_schema()").rows.first?.first ?? nil
        guard let schema else {
            throw .postgres(.server(location: c.location, sqlstate: "3F000", detail: "no schema on the search_path to create the ledger in"))
        }
        let applied = try appliedMigrations(c, schema: schema)
        let known = Set(PostgresSchema.migrations.map(\.id))
        if let newer = applied.first(where: { !known.contains($0) }) {
            throw .newerFormat(path: c.location + " (migration \(newer))", found: Tables.format + 1)
        }
        try c.run(script: PostgresSchema.migrationsTable)
        var ran: [String] = []
        for migration in PostgresSchema.migrations where !applied.contains(migration.id) {
            try c.run(script: migration.sql)
            try c.execute("INSERT INTO xuncha_migrations (identifier) VALUES ($1)", [migration.id])
            ran.append(migration.id)
        }
        let stamp = ISO8601DateFormatter().string(from: now)
        try c.execute("INSERT INTO meta (key, value) VALUES ('format', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                      [String(Tables.format)])
        for (key, value) in [("created_by", "xuncha"), ("created_at", stamp)] {
            try c.execute("INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING", [key, value])
        }
        var created: [String] = []
        for role in roles.all {
            let exists = try c.execute("SELECT 1 FROM pg_roles WHERE rolname = $1", [role]).rows.isEmpty == false
            if !exists {
                // The admins' group passes on no privileges, only the right to grant (see Groups).
                try c.execute("CREATE ROLE \(PostgresSchema.quoted(role)) NOLOGIN" + (role == roles.admin ? " NOINHERIT" : ""))
                created.append(role)
            }
        }
        try c.run(script: PostgresSchema.grants(schema: schema, writer: roles.writer, reader: roles.reader))
        try c.run(script: PostgresSecurity.script(schema: schema, groups: roles))
        return Report(location: c.location, owner: c.user, applied: ran, writer: roles.writer, reader: roles.reader,
                      createdRoles: created)
    }

    /// The migrations a database has had. A database without the migrations table but with a
    /// table of the ledger's names holds someone else's data: it is refused, not adopted.
    private static func appliedMigrations(_ c: PGConnection, schema: String) throws(StoreError) -> [String] {
        let tables = try c.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = $1", [schema])
            .rows.compactMap { $0.first ?? nil }
        if tables.contains("xuncha_migrations") {
            return try c.execute("SELECT identifier FROM xuncha_migrations ORDER BY identifier").rows.compactMap { $0.first ?? nil }
        }
        let ours = Set(["journal", "meta", "head"] + PostgresSchema.projectionTables)
        if let clash = tables.first(where: ours.contains) {
            throw .postgres(.notALedger(location: c.location, table: clash))
        }
        return []
    }
}
