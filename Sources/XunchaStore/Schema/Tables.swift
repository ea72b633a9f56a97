import GRDB

/// The schema of a ledger, as numbered migrations (recorded in the store). The SQL is standard
/// enough to run on PostgreSQL too: ISO dates as text, integers for flags and counts.
enum Tables {
    /// The store format `meta` records: 1 was journal + binary snapshot, 2 is journal +
    /// projection tables.
    static let format = 2

    /// Migration 1: the tables of format 1, exactly as that release made them. `IF NOT EXISTS`,
    /// because a store of that release already has them and is migrated from here on.
    static let journal = """
        CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
        CREATE TABLE IF NOT EXISTS journal (
            seq INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            type TEXT NOT NULL,
            body TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        );
        """

    /// Migration 2: the head of the chain, one table per entity and per list of an entity, the
    /// indexes the ledger filters and sorts use, and the journal's defence against changes.
    static let projection = """
        ALTER TABLE journal ADD COLUMN recorded TEXT;
        ALTER TABLE journal ADD COLUMN entered TEXT;
        CREATE TABLE head (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            seq INTEGER NOT NULL,
            hash TEXT NOT NULL
        );
        CREATE TABLE rounds (
            code TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            kind TEXT NOT NULL,
            from_day TEXT,
            to_day TEXT,
            revisits TEXT,
            feedback_on TEXT,
            default_due TEXT,
            closed INTEGER NOT NULL DEFAULT 0,
            close_reason TEXT,
            next_issue INTEGER NOT NULL DEFAULT 1
        );
        CREATE TABLE round_teams (
            round TEXT NOT NULL, n INTEGER NOT NULL, name TEXT NOT NULL, leader TEXT,
            PRIMARY KEY (round, n)
        );
        CREATE TABLE round_targets (
            round TEXT NOT NULL, n INTEGER NOT NULL, unit TEXT NOT NULL,
            PRIMARY KEY (round, n)
        );
        CREATE INDEX round_targets_unit ON round_targets (unit);
        CREATE TABLE units (
            code TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            secretary TEXT
        );
        CREATE TABLE urges (
            unit TEXT NOT NULL, n INTEGER NOT NULL, kind TEXT NOT NULL, text TEXT NOT NULL,
            on_day TEXT NOT NULL, by_actor TEXT NOT NULL, issue TEXT,
            PRIMARY KEY (unit, n)
        );
        CREATE TABLE issues (
            id TEXT PRIMARY KEY,
            round TEXT NOT NULL,
            number INTEGER NOT NULL,
            unit TEXT NOT NULL,
            title TEXT NOT NULL,
            category TEXT NOT NULL,
            source TEXT NOT NULL,
            mode TEXT NOT NULL,
            requirement TEXT,
            registered_on TEXT NOT NULL,
            due TEXT,
            lead TEXT,
            owner TEXT,
            dept TEXT,
            handler TEXT,
            status TEXT NOT NULL,
            returned INTEGER NOT NULL DEFAULT 0,
            reopened INTEGER NOT NULL DEFAULT 0,
            closed_on TEXT,
            longterm_verified INTEGER NOT NULL DEFAULT 0,
            withdraw_reason TEXT
        );
        CREATE INDEX issues_round ON issues (round, number);
        CREATE INDEX issues_unit ON issues (unit, round, number);
        CREATE INDEX issues_status ON issues (status, due);
        CREATE INDEX issues_lead ON issues (lead);
        CREATE INDEX issues_owner ON issues (owner);
        CREATE INDEX issues_due ON issues (due);
        CREATE TABLE issue_progress (
            issue TEXT NOT NULL, n INTEGER NOT NULL, text TEXT NOT NULL, on_day TEXT NOT NULL,
            PRIMARY KEY (issue, n)
        );
        CREATE TABLE issue_reports (
            issue TEXT NOT NULL, n INTEGER NOT NULL, text TEXT NOT NULL, evidence TEXT NOT NULL,
            signed_by TEXT NOT NULL, on_day TEXT NOT NULL,
            PRIMARY KEY (issue, n)
        );
        CREATE TABLE issue_verifications (
            issue TEXT NOT NULL, n INTEGER NOT NULL, verdict TEXT NOT NULL, by_person TEXT NOT NULL,
            methods TEXT NOT NULL, note TEXT, on_day TEXT NOT NULL,
            PRIMARY KEY (issue, n)
        );
        CREATE TABLE issue_rules (
            issue TEXT NOT NULL, n INTEGER NOT NULL, title TEXT NOT NULL, on_day TEXT NOT NULL,
            PRIMARY KEY (issue, n)
        );
        CREATE TABLE issue_history (
            issue TEXT NOT NULL, n INTEGER NOT NULL, on_day TEXT NOT NULL, actor TEXT NOT NULL,
            action TEXT NOT NULL, detail TEXT NOT NULL, entered TEXT,
            PRIMARY KEY (issue, n)
        );
        CREATE TABLE transfers (
            id TEXT PRIMARY KEY,
            number INTEGER NOT NULL,
            issue TEXT NOT NULL,
            to_body TEXT NOT NULL,
            summary TEXT NOT NULL,
            on_day TEXT NOT NULL,
            concluded_on TEXT,
            sanctions INTEGER,
            handled INTEGER,
            recovered INTEGER,
            refunded INTEGER
        );
        CREATE INDEX transfers_issue ON transfers (issue);
        CREATE TABLE settings (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
        CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
            BEGIN SELECT RAISE(ABORT, 'the journal is append-only: rows cannot be changed'); END;
        CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
            BEGIN SELECT RAISE(ABORT, 'the journal is append-only: rows cannot be deleted'); END;
        """

    /// The read-only views other tools are pointed at; their columns are the CSV export's.
    static let views = """
        CREATE VIEW ledger_issues AS
            SELECT i.id, i.unit, i.title AS problem, i.category, i.status, i.lead, i.owner, i.dept, i.due,
                   i.round, i.source, i.mode, i.handler, i.registered_on AS registered, i.closed_on,
                   i.returned, i.reopened
            FROM issues i;
        CREATE VIEW ledger_units AS
            SELECT u.code AS unit, u.name, u.secretary,
                   count(i.id) AS problems,
                   coalesce(sum(CASE WHEN i.status = 'closed' THEN 1 ELSE 0 END), 0) AS closed,
                   coalesce(sum(CASE WHEN i.status = 'withdrawn' THEN 1 ELSE 0 END), 0) AS withdrawn,
                   coalesce(sum(CASE WHEN i.status = 'longterm' THEN 1 ELSE 0 END), 0) AS longterm,
                   coalesce(sum(CASE WHEN i.status NOT IN ('closed', 'withdrawn') THEN 1 ELSE 0 END), 0) AS open
            FROM units u LEFT JOIN issues i ON i.unit = u.code
            GROUP BY u.code, u.name, u.secretary;
        CREATE VIEW ledger_transfers AS
            SELECT t.id, t.issue, i.unit, t.to_body AS "to", t.summary AS matter, t.on_day AS "on",
                   t.concluded_on AS concluded, t.sanctions, t.handled, t.recovered, t.refunded,
                   i.round, i.status AS issue_status
            FROM transfers t LEFT JOIN issues i ON i.id = t.issue;
        CREATE VIEW ledger_rounds AS
            SELECT r.code AS round, r.title, r.kind, r.from_day AS "from", r.to_day AS "to", r.feedback_on,
                   r.default_due, r.closed, count(i.id) AS problems
            FROM rounds r LEFT JOIN issues i ON i.round = r.code
            GROUP BY r.code, r.title, r.kind, r.from_day, r.to_day, r.feedback_on, r.default_due, r.closed;
        """

    /// Migration 3: the columns a tally per unit reads (its status and whether it is overdue),
    /// so that `stats --by unit` scans this index alone instead of looking up every problem's
    /// row. Measured on the province store (50,000 problems): see BENCHMARKS.md.
    static let tallyIndex = """
        CREATE INDEX issues_unit_status_due ON issues (unit, status, due);
        """

    /// Migration 5: the assessments (整改质效评估) of each unit, a list of the unit like its
    /// urges; `redo` holds the ids sent back, comma-separated. `IF NOT EXISTS` because the
    /// migration of a format-1 store makes it before it replays the journal.
    static let assessments = """
        CREATE TABLE IF NOT EXISTS unit_assessments (
            unit TEXT NOT NULL, n INTEGER NOT NULL, round TEXT NOT NULL, grade TEXT NOT NULL,
            by_person TEXT NOT NULL, methods TEXT NOT NULL, findings TEXT NOT NULL, redo TEXT NOT NULL,
            on_day TEXT NOT NULL,
            PRIMARY KEY (unit, n)
        );
        CREATE INDEX IF NOT EXISTS unit_assessments_round ON unit_assessments (round);
        """

    /// Migration 6: the supervision checks (督查) of each unit, a list of the unit; `compared`
    /// holds the 四对照 items, comma-separated. `IF NOT EXISTS` for the same reason as migration 5.
    static let checks = """
        CREATE TABLE IF NOT EXISTS unit_checks (
            unit TEXT NOT NULL, n INTEGER NOT NULL, round TEXT, on_day TEXT NOT NULL, by_person TEXT NOT NULL,
            compared TEXT NOT NULL, findings TEXT NOT NULL,
            PRIMARY KEY (unit, n)
        );
        CREATE INDEX IF NOT EXISTS unit_checks_on_day ON unit_checks (on_day);
        """

    /// Migration 7: 双报告 — the day a round's two reports are due, and the reports received.
    static let roundReports = """
        CREATE TABLE IF NOT EXISTS unit_reports (
            unit TEXT NOT NULL, n INTEGER NOT NULL, round TEXT NOT NULL, kind TEXT NOT NULL, on_day TEXT NOT NULL,
            signed_by TEXT NOT NULL,
            PRIMARY KEY (unit, n)
        );
        """

    /// Migration 9: who may do what. `grants` holds one row per role granted (`unit` set for
    /// the `unit` role only); `persons` ties a person the ledger names to a login. Both are
    /// projections of `roleGranted`/`roleRevoked`/`personLogin` facts, like every other table.
    static let roles = """
        CREATE TABLE IF NOT EXISTS grants (
            login TEXT NOT NULL, role TEXT NOT NULL, unit TEXT,
            CHECK (role IN ('admin', 'clerk', 'verifier', 'unit', 'reader')),
            CHECK ((role = 'unit') = (unit IS NOT NULL))
        );
        CREATE UNIQUE INDEX IF NOT EXISTS grants_key ON grants (login, role, coalesce(unit, ''));
        CREATE TABLE IF NOT EXISTS persons (name TEXT PRIMARY KEY, login TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS persons_login ON persons (login);
        """

    /// Columns later migrations add to tables of migration 1 and 2: the real date of a back-entry
    /// (migration 4, which migration 2 already makes), the rounds' report deadline (7), and the
    /// person a fact was entered for (8: `journal.on_behalf` outside the hash chain, like
    /// `recorded` and `entered`, and on the problem's history lines).
    static let laterColumns = [("rounds", "reports_due"), ("journal", "on_behalf"), ("issue_history", "on_behalf")]

    /// Makes what later migrations add, each part only if it is missing: a replay into the
    /// tables of migration 2 (the migration of a format-1 store, `audit verify`'s fresh copy)
    /// writes every table and column the current code knows.
    static func addLater(_ db: Database) throws {
        for table in [assessments, checks, roundReports, roles] { try db.execute(sql: table) }
        for (table, column) in laterColumns where try !db.columns(in: table).contains(where: { $0.name == column }) {
            try db.execute(sql: "ALTER TABLE \(table) ADD COLUMN \(column) TEXT")
        }
    }
}
