/// The server's own enforcement of who may do what (DESIGN §6), which holds against a client
/// that bypasses xuncha (raw `psql`): the group roles' privileges, row-level security, and the
/// check of each journal row's type and unit against the roles its login holds in `grants`.
/// `store init` runs `script` every time (it replaces what an earlier run made), so a ledger made
/// before these defences gets them when its owner runs `store init` again.
///
/// The unit a row belongs to is derived, not stored: a journal row's unit is in its body (`unit`,
/// or `code` for a new unit) or is the unit of the problem its body names, and an undo's is the
/// undone row's. So the journal needs no `unit` column (no migration on either engine, nothing
/// outside the hash chain to keep true), at the cost of a function call per journal row a
/// liaison reads — only a liaison's reads pay it; the owner, writers and readers see every row
/// through a policy that is `true`.
enum PostgresSecurity {
    /// The four group roles of a ledger, `xuncha_writer` … or with `store init --prefix`.
    struct Groups {
        /// Admins, clerks and verifiers: append to the journal and keep every table current.
        var writer: String
        /// Readers: read everything, write nothing.
        var reader: String
        /// Unit liaisons: read their unit's rows only, append their unit's work to the journal.
        var unit: String
        /// The admins' group: it holds ADMIN OPTION on the three above, so that an admin who
        /// is not the ledger's owner can grant and revoke them. NOINHERIT, so that its members
        /// do not also get a reader's or a liaison's privileges and row policies.
        var admin: String

        var all: [String] { [writer, reader, unit, admin] }
    }

    /// The projection tables a liaison's own appends change (progress, reports and measures on
    /// its problems, its reports on a round, an undo of one of those), with the unit of a row.
    static let unitWritable: [(table: String, unit: String)] = [
        ("issues", "unit"),
        ("issue_progress", "(SELECT i.unit FROM issues i WHERE i.id = issue)"),
        ("issue_reports", "(SELECT i.unit FROM issues i WHERE i.id = issue)"),
        ("issue_rules", "(SELECT i.unit FROM issues i WHERE i.id = issue)"),
        ("issue_history", "(SELECT i.unit FROM issues i WHERE i.id = issue)"),
        ("units", "code"),
        ("unit_reports", "unit"),
    ]

    /// Which rows of each other table a liaison reads. Transfers have none: a liaison is not
    /// even granted SELECT on them (问题线索 are never a unit's to see).
    static let unitReadable: [(table: String, condition: String)] = [
        ("issue_verifications", "issue IN (SELECT i.id FROM issues i)"),
        ("urges", "unit = ANY (xuncha_my_units())"),
        ("unit_assessments", "unit = ANY (xuncha_my_units())"),
        ("unit_checks", "unit = ANY (xuncha_my_units())"),
        ("round_targets", "unit = ANY (xuncha_my_units())"),
        ("rounds", "code IN (SELECT t.round FROM round_targets t UNION SELECT i.round FROM issues i)"),
        ("round_teams", "round IN (SELECT t.round FROM round_targets t UNION SELECT i.round FROM issues i)"),
        ("settings", "true"),
        ("grants", "login = session_user"),
        ("persons", "login = session_user"),
    ]

    /// The tables the journal's check reads to know who holds which role. A writer changing
    /// them directly could make itself an admin, so it may write them only beside its own
    /// append of a fact about roles, which the check let through because it is an admin, or as
    /// a member of the admins' group (which only a grant of admin makes), so that an admin who
    /// is not the owner can `audit rebuild`, which writes them again without appending.
    static let roleTables = ["grants", "persons"]

    /// Every table with row-level security: the projection, the head and the journal.
    static var securedTables: [String] { PostgresSchema.projectionTables + ["journal"] }

    static func script(schema: String, groups g: Groups) -> String {
        let q = PostgresSchema.quoted
        let s = q(schema), w = q(g.writer), r = q(g.reader), u = q(g.unit), a = q(g.admin)
        let path = "SET search_path = \(s), pg_temp"
        let mayWriteRoles = "xuncha_appending_roles() OR pg_has_role(session_user, '\(g.admin.replacingOccurrences(of: "'", with: "''"))', 'MEMBER')"
        var sql = functions(path: path)
        sql += """
            GRANT \(w), \(r), \(u) TO \(a) WITH ADMIN OPTION;
            GRANT USAGE ON SCHEMA \(s) TO \(u);
            GRANT SELECT ON ALL TABLES IN SCHEMA \(s) TO \(u);
            REVOKE ALL ON transfers, ledger_transfers FROM \(u);
            REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA \(s) FROM \(u), \(r);
            GRANT INSERT ON journal TO \(u);
            GRANT INSERT, UPDATE ON head TO \(u);
            GRANT INSERT, UPDATE, DELETE ON \(unitWritable.map(\.table).joined(separator: ", ")) TO \(u);
            REVOKE UPDATE, DELETE, TRUNCATE ON journal FROM \(u);
            DROP TRIGGER IF EXISTS journal_check ON journal;
            CREATE TRIGGER journal_check BEFORE INSERT ON journal FOR EACH ROW EXECUTE FUNCTION xuncha_journal_check();

            """
        for table in securedTables {
            sql += """
                ALTER TABLE \(table) ENABLE ROW LEVEL SECURITY;
                DROP POLICY IF EXISTS xuncha_all ON \(table);
                DROP POLICY IF EXISTS xuncha_roles ON \(table);
                \(roleTables.contains(table) ? """
                    CREATE POLICY xuncha_all ON \(table) FOR SELECT TO \(w), \(r) USING (true);
                    CREATE POLICY xuncha_roles ON \(table) TO \(w) USING (\(mayWriteRoles)) WITH CHECK (\(mayWriteRoles));
                    """ : "CREATE POLICY xuncha_all ON \(table) TO \(w), \(r) USING (true) WITH CHECK (true);")
                DROP POLICY IF EXISTS xuncha_unit_read ON \(table);
                DROP POLICY IF EXISTS xuncha_unit_insert ON \(table);
                DROP POLICY IF EXISTS xuncha_unit_update ON \(table);
                DROP POLICY IF EXISTS xuncha_unit_delete ON \(table);

                """
        }
        // A liaison's session appends its facts to the journal (checked by `journal_check`)
        // and then writes their projection itself: the rows are computed by the client's
        // `apply`, which the server cannot redo without a second implementation in PL/pgSQL.
        // So a liaison may write a row only of its own unit, and only in a transaction whose
        // last journal row is its own append about that unit (`xuncha_appending`): a bare
        // UPDATE through psql changes nothing. What it writes beside such an append is, like a
        // clerk's direct change, found by `audit verify` and undone by `audit rebuild`.
        for (table, unit) in unitWritable {
            sql += """
                CREATE POLICY xuncha_unit_read ON \(table) FOR SELECT TO \(u) USING (\(unit) = ANY (xuncha_my_units()));
                CREATE POLICY xuncha_unit_insert ON \(table) FOR INSERT TO \(u) WITH CHECK (xuncha_appending(\(unit)));
                CREATE POLICY xuncha_unit_update ON \(table) FOR UPDATE TO \(u)
                    USING (xuncha_appending(\(unit))) WITH CHECK (xuncha_appending(\(unit)));
                CREATE POLICY xuncha_unit_delete ON \(table) FOR DELETE TO \(u) USING (xuncha_appending(\(unit)));

                """
        }
        for (table, condition) in unitReadable {
            sql += "CREATE POLICY xuncha_unit_read ON \(table) FOR SELECT TO \(u) USING (\(condition));\n"
        }
        // The head may only be pointed at the journal's real tail, after the liaison's own append.
        sql += """
            CREATE POLICY xuncha_unit_read ON head FOR SELECT TO \(u) USING (true);
            CREATE POLICY xuncha_unit_insert ON head FOR INSERT TO \(u) WITH CHECK (xuncha_is_tail(seq, hash));
            CREATE POLICY xuncha_unit_update ON head FOR UPDATE TO \(u) USING (true) WITH CHECK (xuncha_is_tail(seq, hash));
            CREATE POLICY xuncha_unit_read ON journal FOR SELECT TO \(u) USING (xuncha_event_unit(type, body) = ANY (xuncha_my_units()));
            CREATE POLICY xuncha_unit_insert ON journal FOR INSERT TO \(u) WITH CHECK (true);

            """
        return sql
    }

    /// The functions the policies and the journal's check call. `SECURITY DEFINER` (they run
    /// as the ledger's owner, whom row-level security does not limit) where they must see rows
    /// the caller may not: the grants of others, the journal's first row, a problem's unit.
    /// `xuncha_appending` tells the caller's own append from anyone else's by the row's
    /// transaction: the only visible journal row whose transaction is still in progress is one
    /// this transaction (or a savepoint of it) wrote, since others' uncommitted rows are unseen.
    static func functions(path: String) -> String {
        """
        CREATE OR REPLACE FUNCTION xuncha_my_units() RETURNS text[] LANGUAGE sql STABLE SECURITY DEFINER \(path) AS $$
            SELECT coalesce(array_agg(unit), '{}') FROM grants WHERE login = session_user AND role = 'unit'
        $$;
        CREATE OR REPLACE FUNCTION xuncha_event_unit(kind text, body text) RETURNS text
            LANGUAGE plpgsql STABLE SECURITY DEFINER \(path) AS $$
        DECLARE
            b jsonb;
        BEGIN
            BEGIN
                b := body::jsonb;
            EXCEPTION WHEN others THEN
                RETURN NULL;  -- a body that is not JSON is no unit's
            END;
            CASE split_part(kind, '.', 1)
            WHEN 'unitAdded' THEN RETURN b->>'code';
            WHEN 'secretaryChanged', 'targetAdded', 'issueAdded', 'urged', 'assessed', 'checked', 'roundReported' THEN
                RETURN b->>'unit';
            WHEN 'issueAssigned', 'progressNoted', 'issueReported', 'issueVerified', 'issueReopened', 'issueWithdrawn', 'ruleAdded' THEN
                RETURN (SELECT i.unit FROM issues i WHERE i.id = b->>'id');
            WHEN 'undone' THEN
                RETURN (SELECT xuncha_event_unit(j.type, j.body) FROM journal j
                        WHERE j.seq = CASE WHEN b->>'seq' ~ '^[0-9]{1,18}$' THEN (b->>'seq')::bigint END);
            ELSE
                RETURN NULL;  -- rounds, transfers, policy and roles are no unit's
            END CASE;
        END $$;
        CREATE OR REPLACE FUNCTION xuncha_is_owner() RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER \(path) AS $$
            SELECT session_user = pg_get_userbyid(relowner) FROM pg_class WHERE oid = 'journal'::regclass
        $$;
        CREATE OR REPLACE FUNCTION xuncha_is_tail(s bigint, h text) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER \(path) AS $$
            SELECT EXISTS (SELECT 1 FROM journal j WHERE j.seq = s AND j.hash = h)
               AND NOT EXISTS (SELECT 1 FROM journal j WHERE j.seq > s)
        $$;
        CREATE OR REPLACE FUNCTION xuncha_appending(unit text) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER \(path) AS $$
            SELECT coalesce(bool_or(unit IS NOT NULL AND j.actor = session_user
                                    AND pg_xact_status(((pg_current_xact_id()::text::bigint >> 32 << 32) | j.x::text::bigint)::text::xid8) = 'in progress'
                                    AND xuncha_event_unit(j.type, j.body) = unit
                                    AND unit = ANY (xuncha_my_units())), false)
            FROM (SELECT seq, actor, type, body, xmin AS x FROM journal ORDER BY seq DESC LIMIT 1) j
        $$;
        CREATE OR REPLACE FUNCTION xuncha_appending_roles() RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER \(path) AS $$
            SELECT coalesce(bool_or(j.actor = session_user
                                    AND pg_xact_status(((pg_current_xact_id()::text::bigint >> 32 << 32) | j.x::text::bigint)::text::xid8) = 'in progress'
                                    AND (split_part(j.type, '.', 1) IN ('roleGranted', 'roleRevoked', 'personLogin')
                                         OR split_part(j.type, '.', 1) = 'undone' AND EXISTS (
                                             SELECT 1 FROM journal u WHERE u.seq::text = j.body::jsonb->>'seq'
                                             AND split_part(u.type, '.', 1) IN ('roleGranted', 'roleRevoked', 'personLogin')))), false)
            FROM (SELECT seq, actor, type, body, xmin AS x FROM journal ORDER BY seq DESC LIMIT 1) j
        $$;
        CREATE OR REPLACE FUNCTION xuncha_journal_check() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER \(path) AS $$
        DECLARE
            me text := session_user;
            kind text := split_part(NEW.type, '.', 1);
            held text[];
            units text[];
            unit text;
        BEGIN
            -- The owner (store copy, migrations) and the first appender of an empty ledger,
            -- who becomes its creator, are its admins by position.
            IF xuncha_is_owner() OR NOT EXISTS (SELECT 1 FROM journal) THEN RETURN NEW; END IF;
            SELECT coalesce(array_agg(g.role), '{}'), coalesce(array_agg(g.unit) FILTER (WHERE g.role = 'unit'), '{}')
                INTO held, units FROM grants g WHERE g.login = me;
            IF 'admin' = ANY (held) OR me = (SELECT j.actor FROM journal j ORDER BY j.seq LIMIT 1) THEN RETURN NEW; END IF;
            unit := xuncha_event_unit(NEW.type, NEW.body);
            IF kind = 'undone' THEN
                IF held && ARRAY['clerk', 'verifier', 'unit'] AND me = (SELECT j.actor FROM journal j
                        WHERE j.seq = CASE WHEN NEW.body::jsonb->>'seq' ~ '^[0-9]{1,18}$' THEN (NEW.body::jsonb->>'seq')::bigint END) THEN
                    RETURN NEW;
                END IF;
            ELSIF kind = 'issueVerified' THEN
                IF 'verifier' = ANY (held) THEN RETURN NEW; END IF;
            ELSIF kind IN ('policySet', 'roleGranted', 'roleRevoked', 'personLogin') THEN
                NULL;  -- the admin's alone
            ELSIF kind IN ('progressNoted', 'issueReported', 'ruleAdded', 'roundReported') THEN
                IF 'clerk' = ANY (held) OR unit = ANY (units) THEN RETURN NEW; END IF;
            ELSIF 'clerk' = ANY (held) THEN
                RETURN NEW;
            END IF;
            RAISE EXCEPTION USING ERRCODE = '42501',
                MESSAGE = format('xuncha: %s may not append %s%s', me, NEW.type, coalesce(' about unit ' || unit, '')),
                HINT = 'roles held: ' || coalesce(nullif(array_to_string(held, ', '), ''), 'none');
        END $$;

        """
    }
}
