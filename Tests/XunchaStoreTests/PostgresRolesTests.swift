import Foundation
import XCTest
@testable import XunchaCore
@testable import XunchaStore

/// A role granted or revoked in a PostgreSQL ledger also grants or revokes the matching group
/// role on the server, in the same transaction; a login role that does not exist refuses the
/// grant with its name, and nothing is written. On the test cluster scripts/test starts.
final class PostgresRolesTests: XCTestCase {
    func testGrantAndRevokeFollowTheLedgersRolesOnTheServer() throws {
        let (server, conninfo, prefix) = try ledger()
        let admin = try PGConnection(conninfo: server)
        let liaison = "fy_" + prefix
        try admin.execute("CREATE ROLE \(liaison) LOGIN")
        let pg = try PostgresLedger.open(conninfo: conninfo)
        try run(pg, .addUnit(code: "FY", name: "舞阳县人民法院", secretary: nil))

        try run(pg, .grant(role: .unit, unit: "FY", login: liaison))
        XCTAssertEqual(try groups(of: liaison, admin), ["\(prefix)_xuncha_unit"])
        try run(pg, .grant(role: .clerk, unit: nil, login: liaison))
        XCTAssertEqual(try groups(of: liaison, admin), ["\(prefix)_xuncha_unit", "\(prefix)_xuncha_writer"])
        // A second admin may pass roles on: it holds the admins' group with ADMIN OPTION.
        try run(pg, .grant(role: .admin, unit: nil, login: liaison))
        XCTAssertEqual(try admin.execute("""
            SELECT m.admin_option FROM pg_auth_members m WHERE m.member = '\(liaison)'::regrole AND m.roleid = '\(prefix)_xuncha_admin'::regrole
            """).rows, [["t"]])
        try run(pg, .revoke(role: .admin, unit: nil, login: liaison))
        try run(pg, .revoke(role: .unit, unit: "FY", login: liaison))
        XCTAssertEqual(try groups(of: liaison, admin), ["\(prefix)_xuncha_writer"], "a clerk stays a writer")
        try run(pg, .revoke(role: .clerk, unit: nil, login: liaison))
        XCTAssertEqual(try groups(of: liaison, admin), [])
    }

    func testAGrantToALoginTheServerDoesNotKnowIsRefusedNamingIt() throws {
        let (_, conninfo, prefix) = try ledger()
        let pg = try PostgresLedger.open(conninfo: conninfo)
        try run(pg, .addUnit(code: "FY", name: "舞阳县人民法院", secretary: nil))
        let missing = "nobody_" + prefix
        XCTAssertThrowsError(try run(pg, .grant(role: .unit, unit: "FY", login: missing))) { error in
            XCTAssertEqual(error as? StoreError, .postgres(.loginRoleMissing(location: pg.location, login: missing)))
            XCTAssertTrue((error as? StoreError)?.message.en.contains("CREATE ROLE \(missing) LOGIN") == true)
            XCTAssertTrue((error as? StoreError)?.message.zh.contains("CREATE ROLE \(missing) LOGIN") == true)
        }
        XCTAssertEqual(try pg.entries(after: 0).count, 1, "the grant's journal row was rolled back")
        XCTAssertEqual(try pg.currentAccess(), Access())
    }

    /// `audit rebuild` writes the table of roles again without appending: an admin who is not
    /// the owner may, by its membership of the admins' group; a clerk may not write that table.
    func testAnAdminWhoIsNotTheOwnerRebuildsAndAClerkCannotWriteTheRoles() throws {
        let (server, conninfo, prefix) = try ledger()
        let superuser = try PGConnection(conninfo: server)
        let second = "admin_" + prefix, clerk = "clerk_" + prefix
        try superuser.execute("CREATE ROLE \(second) LOGIN")
        try superuser.execute("CREATE ROLE \(clerk) LOGIN")
        let pg = try PostgresLedger.open(conninfo: conninfo)
        try run(pg, .grant(role: .admin, unit: nil, login: second))
        try run(pg, .grant(role: .clerk, unit: nil, login: clerk))
        // A role lost from the table: the rebuild must write the table of roles again.
        let owner = try PGConnection(conninfo: conninfo)
        try owner.execute("DELETE FROM grants WHERE login = $1", [clerk])
        let asAdmin = try PostgresLedger.open(conninfo: conninfo.replacingOccurrences(of: "postgres@", with: "\(second)@"))
        XCTAssertNotNil(try asAdmin.tablesDifference())
        try asAdmin.rebuild()
        XCTAssertNil(try asAdmin.tablesDifference())
        XCTAssertEqual(try pg.currentAccess().grants.map(\.login).sorted(), [second, clerk].sorted())
        let asClerk = try PostgresLedger.open(conninfo: conninfo.replacingOccurrences(of: "postgres@", with: "\(clerk)@"))
        XCTAssertThrowsError(try asClerk.connection.execute("INSERT INTO grants (login, role) VALUES ($1, 'admin')", [clerk])) { error in
            guard case .postgres(.permissionDenied)? = error as? StoreError else { return XCTFail("\(error)") }
        }
        XCTAssertEqual(try asClerk.connection.execute("DELETE FROM grants").affected, 0)
        XCTAssertEqual(try pg.currentAccess().grants.count, 2)
    }

    /// A session that skipped xuncha's own check still meets the server's: a liaison's fact
    /// about another unit, or one no liaison may append, is refused with xuncha's
    /// permission-denied error, in both languages, and nothing is written.
    func testTheServerRefusesALiaisonsFactThatSkippedTheSessionsCheck() throws {
        let (server, conninfo, prefix) = try ledger()
        let liaison = "fy_" + prefix
        try PGConnection(conninfo: server).execute("CREATE ROLE \(liaison) LOGIN")
        let pg = try PostgresLedger.open(conninfo: conninfo)
        for unit in ["FY", "JM"] { try run(pg, .addUnit(code: unit, name: "单位" + unit, secretary: nil)) }
        try run(pg, .openRound(code: "R1", title: "第一轮", kind: .regular, from: nil, to: nil, revisits: nil))
        try run(pg, .grant(role: .unit, unit: "FY", login: liaison))
        let asLiaison = try PostgresLedger.open(conninfo: conninfo.replacingOccurrences(of: "postgres@", with: "\(liaison)@"))
        let day = try XCTUnwrap(Day(year: 2024, month: 5, day: 10))
        let rows = try pg.entries(after: 0).count
        func report(_ unit: String) -> Event {
            .roundReported(.init(round: "R1", unit: unit, kind: .rectification, on: day, signedBy: "某人"))
        }
        // Another unit's report; its own unit's secretary (a clerk's to enter); a role.
        for event: Event in [report("JM"), .secretaryChanged(.init(unit: "FY", secretary: "某人")),
                             .unitAdded(.init(code: "ZZ", name: "某单位", secretary: nil)),
                             .roleGranted(Grant(login: liaison, role: .admin))] {
            XCTAssertThrowsError(try asLiaison.write { w in
                _ = try w.record(event, at: day, actor: liaison, changes: try w.apply(event, on: day, actor: liaison))
            }) { error in
                guard let e = error as? StoreError, case .postgres(.permissionDenied(_, let detail)) = e else { return XCTFail("\(error)") }
                XCTAssertTrue(detail.contains("may not append \(event.type)"), detail)
                XCTAssertTrue(e.message.en.hasPrefix("permission denied"), e.message.en)
                XCTAssertTrue(e.message.zh.hasPrefix("权限不足："), e.message.zh)
            }
        }
        XCTAssertEqual(try pg.entries(after: 0).count, rows)
        // Its own unit's facts go through.
        let own = report("FY")
        XCTAssertNoThrow(try asLiaison.write { w in
            _ = try w.record(own, at: day, actor: liaison, changes: try w.apply(own, on: day, actor: liaison))
        })
        XCTAssertEqual(try pg.entries(after: 0).count, rows + 1)
    }

    /// The server's check follows the matrix for the other roles too: a clerk enters but sets
    /// no policy, a verifier registers nothing.
    func testAClerkSetsNoPolicyAndAVerifierRegistersNothingOnTheServer() throws {
        let (server, conninfo, prefix) = try ledger()
        let clerk = "clerk_" + prefix, verifier = "verifier_" + prefix
        for login in [clerk, verifier] { try PGConnection(conninfo: server).execute("CREATE ROLE \(login) LOGIN") }
        let pg = try PostgresLedger.open(conninfo: conninfo)
        try run(pg, .grant(role: .clerk, unit: nil, login: clerk))
        try run(pg, .grant(role: .verifier, unit: nil, login: verifier))
        let day = try XCTUnwrap(Day(year: 2024, month: 5, day: 10))
        func append(_ event: Event, as login: String) throws {
            let ledger = try PostgresLedger.open(conninfo: conninfo.replacingOccurrences(of: "postgres@", with: "\(login)@"))
            try ledger.write { w in _ = try w.record(event, at: day, actor: login, changes: try w.apply(event, on: day, actor: login)) }
        }
        XCTAssertNoThrow(try append(.unitAdded(.init(code: "FY", name: "舞阳县人民法院", secretary: nil)), as: clerk))
        for (event, login) in [(Event.policySet(.init(key: "verify.methods", value: 1)), clerk),
                               (Event.unitAdded(.init(code: "JM", name: "郏县人民检察院", secretary: nil)), verifier)] {
            XCTAssertThrowsError(try append(event, as: login)) { error in
                guard case .postgres(.permissionDenied)? = error as? StoreError else { return XCTFail("\(error)") }
            }
        }
        XCTAssertEqual(try pg.entries(after: 0).count, 3)
    }

    // MARK: -

    /// A fresh database made a ledger by `store init` with a prefix of its own (group roles are
    /// cluster-wide), opened by the cluster's superuser.
    private func ledger() throws -> (server: String, conninfo: String, prefix: String) {
        guard let server = ProcessInfo.processInfo.environment["XUNCHA_TEST_PG"], !server.isEmpty else {
            if ProcessInfo.processInfo.environment["CI"] == "true" { XCTFail("XUNCHA_TEST_PG is not set: scripts/test starts the cluster") }
            throw XCTSkip("no PostgreSQL test cluster (XUNCHA_TEST_PG); scripts/test starts one")
        }
        let prefix = "r" + String(UInt32.random(in: 0...UInt32.max), radix: 16)
        let name = "roles_" + prefix
        try PGConnection(conninfo: server).execute("CREATE DATABASE \(name)")
        let conninfo = server.replacingOccurrences(of: "/postgres?", with: "/\(name)?")
        XCTAssertNotEqual(conninfo, server, "XUNCHA_TEST_PG names the postgres database of the cluster")
        _ = try PostgresStoreInit.run(conninfo: conninfo, prefix: prefix, now: Date())
        return (server, conninfo, prefix)
    }

    private func run(_ pg: PostgresLedger, _ command: Command) throws {
        let day = try XCTUnwrap(Day(year: 2024, month: 5, day: 10))
        try pg.write { w in
            let event = try w.decide(command, Context(today: day, actor: pg.identity))
            let changes = try w.apply(event, on: day, actor: pg.identity)
            _ = try w.record(event, at: day, actor: pg.identity, changes: changes)
        }
    }

    private func groups(of login: String, _ c: PGConnection) throws -> [String] {
        try c.execute("""
            SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid WHERE m.member = '\(login)'::regrole ORDER BY 1
            """).rows.compactMap { $0.first ?? nil }
    }
}
