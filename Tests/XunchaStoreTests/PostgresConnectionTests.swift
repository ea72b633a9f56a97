import Foundation
import XCTest
@testable import XunchaStore

/// What can be checked of the PostgreSQL connection without a server: which `--store` values
/// are PostgreSQL, and that passwords stay out of messages.
final class PostgresConnectionTests: XCTestCase {
    func testWhichStoresArePostgres() {
        XCTAssertEqual(PostgresSpec.conninfo("postgresql://db.office/ledger"), "postgresql://db.office/ledger")
        XCTAssertEqual(PostgresSpec.conninfo("postgres://u@h/l"), "postgres://u@h/l")
        XCTAssertEqual(PostgresSpec.conninfo("pg:"), "")
        XCTAssertEqual(PostgresSpec.conninfo("pg:service=office"), "service=office")
        XCTAssertEqual(PostgresSpec.conninfo("host=db1 dbname=ledger"), "host=db1 dbname=ledger")
        for file in ["ledger.db", "/home/a/ledger.db", "a=b.db", "./host=x", "postgresql.db", "台账.db"] {
            XCTAssertNil(PostgresSpec.conninfo(file), file)
        }
    }

    func testPasswordsAreFoundToBeBlankedOut() {
        let cases = ["postgresql://u:s3cr%40t@h/db": "s3cr@t", "host=h password=hunter2 dbname=x": "hunter2",
                     "host=h password='two words' dbname": "two words", "password=abc dbname": "abc"]
        for (conninfo, secret) in cases {
            let shown = PGConnection.redact("could not use \(secret) here", PGConnection.secrets(in: conninfo))
            XCTAssertFalse(shown.contains(secret), conninfo)
        }
    }
}
