"""The server enforces the ledger's roles against a client that bypasses xuncha (raw psql): a unit
liaison reads only its unit's rows, journal included, and no transfer; it cannot append another
unit's facts, forge its actor, or change or delete anything; a reader writes nothing; a clerk's
direct change of a projection row is named by audit verify and undone by audit rebuild. Each
attempt is checked to have changed nothing, table by table."""
import uuid

import pytest

from conftest import REPO, on_postgres
from test_pg_store import prefix, xuncha

# These tests make their own ledgers on the cluster: the PostgreSQL pass has nothing to add.
pytestmark = pytest.mark.skipif(on_postgres(), reason="on PostgreSQL in either pass")

LUOHE = REPO / "scripts/demo/luohe.xc"
UNIT = "WYFY"
TABLES = ["journal", "head", "rounds", "round_teams", "round_targets", "units", "urges", "unit_assessments",
          "unit_checks", "unit_reports", "issues", "issue_progress", "issue_reports", "issue_verifications",
          "issue_rules", "issue_history", "transfers", "settings", "grants", "persons", "meta"]
VIEWS = ["ledger_issues", "ledger_units", "ledger_rounds"]
# A column of each table, for an UPDATE that would change nothing if it were allowed.
COLUMN = {"journal": "seq", "head": "seq", "rounds": "title", "round_teams": "name", "round_targets": "unit", "units": "name",
          "urges": "text", "unit_assessments": "grade", "unit_checks": "findings", "unit_reports": "kind", "issues": "title",
          "issue_progress": "n", "issue_reports": "n", "issue_verifications": "n", "issue_rules": "n", "issue_history": "n",
          "transfers": "summary", "settings": "value", "grants": "role", "persons": "login", "meta": "value"}


class Office:
    """The Luohe demo's ledger on the cluster, its owner's URL, and a liaison of WYFY and a reader,
    each granted their role by the owner inside the ledger (which grants their group roles)."""

    def __init__(self, pg, home):
        self.pg, self.home = pg, home
        self.db = pg.new_database()
        self.prefix = prefix()
        self.url = pg.url(self.db)
        assert xuncha("store", "init", self.url, "--prefix", self.prefix, home=home).returncode == 0
        r = xuncha("--store", self.url, str(LUOHE), home=home)
        assert r.returncode == 0, r.stderr
        tag = uuid.uuid4().hex[:6]
        self.liaison, self.reader = f"wy_{tag}", f"leader_{tag}"
        for login in [self.liaison, self.reader]:
            pg.psql("postgres", f"CREATE ROLE {login} LOGIN")
        self.grant(f"unit {UNIT}", self.liaison)
        self.grant("reader", self.reader)

    def grant(self, role, login):
        r = xuncha("--store", self.url, "-c", f"grant {role} --to {login}", home=self.home)
        assert r.returncode == 0, r.stderr

    def sql(self, sql, user="postgres", check=True):
        return self.pg.psql(self.db, sql, user=user, check=check)

    def rows(self, sql, user="postgres"):
        return [line for line in self.sql(sql, user=user).stdout.split("\n") if line]

    def snapshot(self):
        """Every table's rows as the owner sees them, one digest per table."""
        return {t: self.sql(f"SELECT count(*), md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM {t} x").stdout
                for t in TABLES}


@pytest.fixture(scope="module")
def office(pg_cluster, tmp_path_factory):
    return Office(pg_cluster, tmp_path_factory.mktemp("home"))


def test_a_liaison_reads_its_units_rows_only_in_every_table(office):
    ours = office.rows(f"SELECT id FROM issues WHERE unit = '{UNIT}' ORDER BY id")
    assert len(ours) >= 5
    quoted = ", ".join(f"'{i}'" for i in ours)
    for table in ["issue_progress", "issue_reports", "issue_verifications", "issue_rules", "issue_history"]:
        seen = office.rows(f"SELECT issue FROM {table} ORDER BY 1", user=office.liaison)
        assert set(seen) <= set(ours), table
        assert len(seen) == int(office.rows(f"SELECT count(*) FROM {table} WHERE issue IN ({quoted})")[0]), table
    assert office.rows("SELECT id FROM issues ORDER BY id", user=office.liaison) == ours
    assert office.rows("SELECT id FROM ledger_issues ORDER BY id", user=office.liaison) == ours
    for table, column in [("units", "code"), ("urges", "unit"), ("round_targets", "unit"), ("ledger_units", "unit")]:
        assert set(office.rows(f"SELECT {column} FROM {table}", user=office.liaison)) == {UNIT}, table
    # Its unit's history is its journal rows: every row about it (but who holds which role), and no other.
    theirs = office.rows("SELECT seq FROM journal ORDER BY seq", user=office.liaison)
    about = office.rows(f"SELECT seq FROM journal WHERE type NOT LIKE 'role%' AND (body LIKE '%\"{UNIT}\"%' "
                        f"OR substring(body from '\"id\":\"([^\"]*)\"') IN ({quoted})) ORDER BY seq")
    assert theirs and set(about) <= set(theirs)
    assert len(theirs) < len(office.rows("SELECT seq FROM journal"))
    # Nothing of another unit or of a transfer in anything it can read.
    others = office.rows(f"SELECT id FROM issues WHERE unit <> '{UNIT}'") + office.rows(f"SELECT title FROM issues WHERE unit <> '{UNIT}'")
    # A transfer's matter. Its id is on the history line of the liaison's own problem that was
    # transferred, which the server leaves readable: the liaison's own appends number that
    # list's lines after the ones it reads, so a hidden line would make them collide.
    others += office.rows("SELECT summary FROM transfers")
    others += office.rows(f"SELECT code FROM units WHERE code <> '{UNIT}'")
    assert len(others) > 60
    readable = [t for t in TABLES if t not in ("transfers", "meta")] + VIEWS
    dump = "\n".join(office.sql(f"SELECT * FROM {t}", user=office.liaison).stdout for t in readable)
    leaked = [o for o in others if o in dump]
    assert leaked == [], leaked[:5]


def test_a_liaison_may_not_even_select_transfers(office):
    for table in ["transfers", "ledger_transfers"]:
        r = office.sql(f"SELECT count(*) FROM {table}", user=office.liaison, check=False)
        assert r.returncode != 0 and "permission denied" in r.stderr, (table, r.stderr)


def journal_row(seq, kind, body, actor="x"):
    return (f"INSERT INTO journal (seq, at, actor, type, body, prev_hash, hash) "
            f"VALUES ({seq}, '2024-05-10', '{actor}', '{kind}', '{body}', 'p', 'h')")


def test_a_liaison_changes_nothing_through_psql(office):
    other = office.rows(f"SELECT id FROM issues WHERE unit <> '{UNIT}' ORDER BY id")[0]
    mine = office.rows(f"SELECT id FROM issues WHERE unit = '{UNIT}' ORDER BY id")[0]
    next_seq = int(office.rows("SELECT max(seq) + 1 FROM journal")[0])
    before = office.snapshot()
    refused = {
        # Another unit's measure, a verification, a new unit, a grant: not a liaison's to append.
        journal_row(next_seq, "ruleAdded.v1", f'{{"id":"{other}","text":"t"}}'): "may not append ruleAdded.v1 about unit",
        journal_row(next_seq, "issueVerified.v1", f'{{"id":"{mine}"}}'): "may not append issueVerified.v1",
        journal_row(next_seq, "unitAdded.v1", '{"code":"ZZ","name":"z"}'): "may not append unitAdded.v1",
        journal_row(next_seq, "roleGranted.v1", f'{{"login":"{office.liaison}","role":"admin"}}'): "may not append roleGranted.v1",
        "UPDATE journal SET actor = 'x'": "permission denied",
        "DELETE FROM journal": "permission denied",
        "TRUNCATE journal": "permission denied",
        "UPDATE transfers SET summary = 'x'": "permission denied",
        "UPDATE rounds SET title = 'x'": "permission denied",
        "INSERT INTO grants (login, role) VALUES ('x', 'admin')": "permission denied",
        "DELETE FROM settings": "permission denied",
        "UPDATE head SET seq = seq + 1": "row-level security",
    }
    for sql, why in refused.items():
        r = office.sql(sql, user=office.liaison, check=False)
        assert r.returncode != 0 and why in r.stderr, (sql, r.stderr)
    # Rows of its own unit, or of others, are not its to change outside its own appends.
    for sql in [f"UPDATE issues SET status = 'closed', title = 'x' WHERE id = '{mine}'", "UPDATE issues SET title = 'x'",
                f"DELETE FROM issue_history WHERE issue = '{mine}'", "DELETE FROM issue_reports", "UPDATE units SET name = 'x'",
                f"INSERT INTO issue_progress (issue, n, text, on_day) VALUES ('{mine}', 99, 'x', '2024-05-10')"]:
        r = office.sql(sql, user=office.liaison, check=False)
        assert r.returncode != 0 or r.stdout == "", (sql, r.stdout)
    # A forged actor is replaced by the login (shown inside a transaction that is rolled back).
    row = journal_row(next_seq, "ruleAdded.v1", f'{{"id":"{mine}","text":"t"}}', actor="forged")
    forged = office.sql(f"BEGIN; {row}; SELECT actor FROM journal WHERE seq = {next_seq}; ROLLBACK;", user=office.liaison)
    assert forged.stdout.strip() == office.liaison
    assert office.snapshot() == before


def test_a_liaison_works_through_xuncha_and_is_refused_what_is_not_its_own(office):
    mine = office.rows(f"SELECT id FROM issues WHERE unit = '{UNIT}' ORDER BY id")[0]
    url = office.pg.url(office.db, user=office.liaison)
    r = xuncha("--store", url, "-c", f'issue rule {mine} "执行案款发放台账制度"', home=office.home)
    assert r.returncode == 0, r.stderr
    assert office.rows(f"SELECT actor FROM journal ORDER BY seq DESC LIMIT 1") == [office.liaison]
    assert office.rows(f"SELECT title FROM issue_rules WHERE issue = '{mine}' ORDER BY n DESC LIMIT 1") == ["执行案款发放台账制度"]
    before = office.snapshot()
    for lang, words in [("C.UTF-8", "permission denied"), ("zh_CN.UTF-8", "权限不足")]:
        r = xuncha("--store", url, "-c", 'unit add ZZ "某单位"', home=office.home, lang=lang)
        assert r.returncode != 0 and words in r.stderr, r.stderr
    assert office.snapshot() == before
    verify = xuncha("--store", office.url, "-c", "audit verify", home=office.home)
    assert verify.returncode == 0, verify.stdout + verify.stderr


def test_a_reader_writes_nothing_anywhere(office):
    before = office.snapshot()
    for table, column in COLUMN.items():
        for sql in [f"UPDATE {table} SET {column} = {column}", f"DELETE FROM {table}", f"INSERT INTO {table} DEFAULT VALUES",
                    f"TRUNCATE {table}"]:
            r = office.sql(sql, user=office.reader, check=False)
            assert r.returncode != 0 and "permission denied" in r.stderr, (sql, r.stderr)
    r = office.sql(journal_row(999, "unitAdded.v1", '{"code":"ZZ","name":"z"}'), user=office.reader, check=False)
    assert r.returncode != 0 and "permission denied" in r.stderr, r.stderr
    assert office.snapshot() == before


def test_a_clerks_direct_change_is_found_by_audit_verify_and_undone_by_audit_rebuild(pg_cluster, tmp_path):
    office = Office(pg_cluster, tmp_path)
    clerk = "clerk_" + uuid.uuid4().hex[:6]
    pg_cluster.psql("postgres", f"CREATE ROLE {clerk} LOGIN")
    office.grant("clerk", clerk)
    before = xuncha("--store", office.url, "-c", "ledger --format csv", home=office.home).stdout
    victim = office.rows("SELECT id FROM issues WHERE status = 'longterm' ORDER BY id")[0]
    office.sql(f"UPDATE issues SET status = 'closed' WHERE id = '{victim}'", user=clerk)
    # A clerk cannot make itself an admin by writing the table of roles.
    r = office.sql(f"INSERT INTO grants (login, role) VALUES ('{clerk}', 'admin')", user=clerk, check=False)
    assert r.returncode != 0 and "row-level security" in r.stderr, r.stderr
    verify = xuncha("--store", office.url, "-c", "audit verify", home=office.home)
    assert verify.returncode != 0
    assert f"issue {victim} differs from the journal" in verify.stdout + verify.stderr
    r = xuncha("--store", office.url, "-c", "audit rebuild", "-c", "audit verify", home=office.home)
    assert r.returncode == 0, r.stderr
    assert xuncha("--store", office.url, "-c", "ledger --format csv", home=office.home).stdout == before
