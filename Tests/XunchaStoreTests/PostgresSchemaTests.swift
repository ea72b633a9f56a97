import Foundation
import XCTest
@testable import XunchaStore

/// What can be checked of the PostgreSQL schema without a server: its migrations follow
/// SQLite's, and the group roles' names.
final class PostgresSchemaTests: XCTestCase {
    func testPostgresMigrationsAreTheSQLiteOnesInOrder() {
        // A migration added on SQLite must be added on PostgreSQL too.
        XCTAssertEqual(PostgresSchema.migrations.map(\.id), Migrations.migrator.migrations)
    }

    func testTheDDLIsTranslatedForPostgres() throws {
        let all = PostgresSchema.migrations.map(\.sql).joined()
        XCTAssertFalse(all.contains("RAISE(ABORT"), "SQLite's triggers are left out")
        XCTAssertNil(all.range(of: #"\bINTEGER\b"#, options: .regularExpression), "integers are 64-bit")
        let views = Tables.views.components(separatedBy: "CREATE VIEW").count - 1
        XCTAssertEqual(all.components(separatedBy: "WITH (security_invoker = true) AS").count - 1, views)
        XCTAssertTrue(all.contains("BEFORE TRUNCATE ON journal"))
    }

    func testRoleNamesAndPrefixes() {
        XCTAssertEqual(PostgresStoreInit.roleNames(prefix: nil).writer, "xuncha_writer")
        XCTAssertEqual(PostgresStoreInit.roleNames(prefix: "county").reader, "county_xuncha_reader")
        XCTAssertTrue(PostgresStoreInit.isValidPrefix("county2"))
        for bad in ["", "County", "2c", "a-b", "a\"b", "区县", String(repeating: "a", count: 41)] {
            XCTAssertFalse(PostgresStoreInit.isValidPrefix(bad), bad)
        }
    }

    func testPlaceholdersAreNumberedOnPostgresOnly() {
        let sql = "SELECT * FROM issues WHERE unit = ? AND title <> '?' AND \"a?\" = ? LIMIT ?"
        XCTAssertEqual(Dialect.postgres.numbered(sql), "SELECT * FROM issues WHERE unit = $1 AND title <> '?' AND \"a?\" = $2 LIMIT $3")
        XCTAssertEqual(Dialect.sqlite.numbered(sql), sql)
    }
}
