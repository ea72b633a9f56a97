import Foundation
import XCTest
import XunchaCore
@testable import XunchaStore

/// The store's allocation-free hash must be Core's `ChainHash.compute`, exactly.
final class FastChainHashTests: StoreTestCase {
    func testSameHashAsCoreForVariedFields() {
        var generator = SystemRandomNumberGenerator()
        let texts = ["", "a", "ab", "巡察整改", "\u{1F}", "line\nbreak", "e\u{301}", String(repeating: "长", count: 3000)]
        var prev = ChainHash.genesis
        for round in 0..<300 {
            let seq: Int64 = [0, 1, 9, 10, Int64.max, Int64.min, Int64(round)][round % 7]
            let at = texts[round % texts.count]
            let actor = texts[(round / 3) % texts.count]
            let type = texts[(round / 5) % texts.count]
            let body = Data((0..<(round % 40)).map { _ in UInt8.random(in: 0...255, using: &generator) })
            let core = ChainHash.compute(prev: prev, seq: seq, at: at, actor: actor, type: type, body: body)
            let fast = FastChainHash.compute(prev: prev, seq: seq, at: at, actor: actor, type: type, body: body)
            XCTAssertEqual(fast, core, "round \(round)")
            prev = core
        }
        XCTAssertEqual(prev.count, 64)
    }

    func testAStoredSnapshotDigestIsTheStateDigest() throws {
        let h = try History.make(count: 25)
        let journal = try SQLiteJournal.open(path: storePath, createIfMissing: true)
        try append(h.facts, to: journal)
        try journal.saveSnapshot(seq: 25, state: h.state)
        let stored = try journal.queue.inDatabase { db in try String.fetchOne(db, sql: "SELECT digest FROM snapshot WHERE seq = 25") }
        XCTAssertEqual(stored, h.state.digest())
    }
}
