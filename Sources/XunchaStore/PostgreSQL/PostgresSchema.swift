import Foundation

/// The ledger's schema on PostgreSQL: the numbered migrations of `Migrations` (same ids, same
/// tables, indexes and views, from the same DDL in `Tables`), recorded in `xuncha_migrations`.
/// Everything that differs from SQLite is here, and only here:
///
/// - integers are `BIGINT` (SQLite's `INTEGER` is 64-bit; PostgreSQL's is 32-bit);
/// - the journal's defences are PL/pgSQL triggers instead of SQLite's `RAISE(ABORT)` ones, with
///   a statement trigger for TRUNCATE (row triggers do not see it), and `actor` is set from
///   `session_user` for every login but the ledger's owner, so a client cannot forge it;
/// - views are `security_invoker`, so that row-level security applies through them;
/// - the head row exists from the start: appenders serialise by locking it (`FOR UPDATE`).
enum PostgresSchema {
    /// The migrations in order: each id is the SQLite migrator's, each script is the SQLite
    /// DDL translated once by `postgres(_:)` plus what only PostgreSQL needs.
    static let migrations: [(id: String, sql: String)] = [
        ("1 journal", postgres(Tables.journal)),
        ("2 projection tables", postgres(Tables.projection) + journalDefences + postgres(views: Tables.views) + head),
        ("3 tally index", postgres(Tables.tallyIndex)),
        // Migration 2 makes these columns already (its DDL is SQLite's, which has them).
        ("4 back-entry dates", """
            ALTER TABLE journal ADD COLUMN IF NOT EXISTS entered TEXT;
            ALTER TABLE issue_history ADD COLUMN IF NOT EXISTS entered TEXT;
            """),
        ("5 assessments", postgres(Tables.assessments)),
        ("6 supervision checks", postgres(Tables.checks)),
        ("7 round reports", postgres(Tables.roundReports) + "ALTER TABLE rounds ADD COLUMN IF NOT EXISTS reports_due TEXT;\n"),
        ("8 on behalf", """
            ALTER TABLE journal ADD COLUMN IF NOT EXISTS on_behalf TEXT;
            ALTER TABLE issue_history ADD COLUMN IF NOT EXISTS on_behalf TEXT;
            """),
        ("9 roles", postgres(Tables.roles)),
    ]

    /// The table recording which migrations a database has had.
    static let migrationsTable = """
        CREATE TABLE IF NOT EXISTS xuncha_migrations (
            identifier TEXT PRIMARY KEY,
            applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
        )
        """

    /// SQLite DDL as PostgreSQL runs it: 64-bit integers, and SQLite's own triggers left out
    /// (`journalDefences` stands in for them).
    static func postgres(_ sqlite: String) -> String {
        var sql = replacing(sqlite, pattern: #"CREATE TRIGGER[\s\S]*?\bEND;"#, with: "")
        sql = replacing(sql, pattern: #"\bINTEGER\b"#, with: "BIGINT")
        return sql
    }

    /// The views, made `security_invoker` (PostgreSQL 15 or later).
    static func postgres(views sqlite: String) -> String {
        replacing(postgres(sqlite), pattern: #"CREATE VIEW (\w+) AS"#, with: "CREATE VIEW $1 WITH (security_invoker = true) AS")
    }

    /// The journal is append-only for every role, its owner included, and its actor is the
    /// authenticated login. The owner is exempt from the actor rule so that `store copy` can
    /// bring a journal over with its recorded actors (and its hashes still verify).
    static let journalDefences = """
        CREATE FUNCTION xuncha_journal_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'the journal is append-only: % is refused', TG_OP;
        END $$;
        CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
            FOR EACH ROW EXECUTE FUNCTION xuncha_journal_refuse();
        CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
            FOR EACH ROW EXECUTE FUNCTION xuncha_journal_refuse();
        CREATE TRIGGER journal_no_truncate BEFORE TRUNCATE ON journal
            FOR EACH STATEMENT EXECUTE FUNCTION xuncha_journal_refuse();
        CREATE FUNCTION xuncha_journal_actor() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF session_user <> (SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = TG_RELID) THEN
                NEW.actor := session_user;
            END IF;
            RETURN NEW;
        END $$;
        CREATE TRIGGER journal_actor BEFORE INSERT ON journal
            FOR EACH ROW EXECUTE FUNCTION xuncha_journal_actor();
        REVOKE UPDATE, DELETE, TRUNCATE ON journal FROM PUBLIC;

        """

    /// The chain's tail of an empty journal, present so that the first append has a row to lock.
    static let head = """

        INSERT INTO head (id, seq, hash) VALUES (1, 0, '\(String(repeating: "0", count: 64))') ON CONFLICT (id) DO NOTHING;
        """

    /// The tables a writer changes (all but the journal, which it only appends to).
    static let projectionTables = ["head", "rounds", "round_teams", "round_targets", "units", "urges",
                                   "unit_assessments", "unit_checks", "unit_reports", "issues",
                                   "issue_progress", "issue_reports", "issue_verifications", "issue_rules",
                                   "issue_history", "transfers", "settings", "grants", "persons"]

    /// What the two group roles may do: readers read everything; writers also append to the
    /// journal and keep the tables current. Neither may change or empty the journal.
    static func grants(schema: String, writer: String, reader: String) -> String {
        let s = quoted(schema), w = quoted(writer), r = quoted(reader)
        return """
            GRANT USAGE ON SCHEMA \(s) TO \(w), \(r);
            GRANT SELECT ON ALL TABLES IN SCHEMA \(s) TO \(w), \(r);
            GRANT INSERT ON journal TO \(w);
            GRANT INSERT, UPDATE, DELETE ON \(projectionTables.joined(separator: ", ")) TO \(w);
            REVOKE UPDATE, DELETE, TRUNCATE ON journal FROM \(w), \(r);
            REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON journal, meta, xuncha_migrations FROM \(r);
            """
    }

    /// `name` as a PostgreSQL identifier.
    static func quoted(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private static func replacing(_ text: String, pattern: String, with template: String) -> String {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return text }
        return regex.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: template)
    }
}
