import Foundation
import GRDB
import XCTest
@testable import XunchaCore
@testable import XunchaStore

/// A snapshot of a ledger large enough to be encoded on two threads is stored as exactly the
/// canonical encoding, under the digest of those bytes, and opens to the same state.
final class SnapshotStoreTests: StoreTestCase {
    func testALargeSnapshotIsStoredAsTheCanonicalBytesUnderTheirDigest() throws {
        let h = try History.make(count: 6_400)
        XCTAssertGreaterThanOrEqual(h.state.issues.count, StateCoding.splitFrom, "the two-thread encoding is what is tested")
        let reopened = try reopenedWithSnapshot(h)
        let row = try reopened.journal.queue.inDatabase { db in
            try Row.fetchOne(db, sql: "SELECT digest, state FROM snapshot ORDER BY seq DESC LIMIT 1")
        }
        let stored = try XCTUnwrap(row)
        let blob = [UInt8](try stored.decode(Data.self, atIndex: 1))
        XCTAssertEqual(blob, StateCoding.encode(h.state))
        XCTAssertEqual(try stored.decode(String.self, atIndex: 0), blob.withUnsafeBytes { State.hexDigest($0) })
        XCTAssertEqual(try stored.decode(String.self, atIndex: 0), h.state.digest())
        XCTAssertEqual(reopened.timings.replayedEvents, 0, "opened from the snapshot")
        XCTAssertEqual(reopened.state, h.state)
    }
}
