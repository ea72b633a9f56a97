import Foundation
import GRDB
import XCTest
@testable import XunchaCore
@testable import XunchaStore

/// The writer's row encoder must store exactly the rows the reference definitions give:
/// `Event.encodedBody()` for the body and Core's `ChainHash.compute` for the hash, linked by
/// prev_hash. A drift would break every store's chain, so it is checked over many rows of
/// every kind, with awkward text, days and seqs.
final class RowEncoderTests: XCTestCase {
    static let texts = ["", "a", "巡察办", "say \"hi\"", "back\\slash", "a/b", "tab\there", "line\nbreak",
                        "\u{1F}unit sep", "\u{08}\u{0C}\u{01}", "e\u{301}", "🇨🇳 😀", String(repeating: "长", count: 700)]

    func text(_ n: Int) -> String { Self.texts[n % Self.texts.count] }
    func maybe(_ n: Int) -> String? { n % 3 == 0 ? nil : text(n) }

    func event(_ n: Int) -> Event {
        let day = Day(ordinal: [19_000, 0, 2_932_896, -800_000, 20_000 + n][n % 5])
        switch n % 10 {
        case 0: return .addedIssue(n, text(n), day, maybe(n + 1))
        case 1: return .progressNoted(.init(id: text(n), text: text(n + 1)))
        case 2: return .issueReported(.init(id: text(n), text: text(n + 2), evidence: (0..<(n % 3)).map(text), signedBy: text(n + 3)))
        case 3: return .issueVerified(.init(id: text(n), verdict: Verdict.allCases[n % 3], by: text(n + 1),
                                            methods: Array(VerifyMethod.allCases.prefix(n % 4)), note: maybe(n)))
        case 4: return .transferConcluded(.init(id: text(n), outcome: TransferOutcome(sanctions: n, handled: -n, recovered: n * 1_000_000_007,
                                                                                   refunded: n % 2 == 0 ? Int.max : Int.min)))
        case 5:
            var f = Fragment()
            f.issues[text(n)] = .some(nil)
            return .undone(.init(seq: Int64(n), restore: f))
        case 6: return .roundOpened(.init(code: text(n), title: text(n + 1), kind: .regular, from: day, to: nil, revisits: maybe(n)))
        case 7: return .issueAssigned(.init(id: text(n), lead: text(n + 1), owner: text(n + 2), dept: text(n + 3), handler: maybe(n), due: day))
        case 8: return .policySet(.init(key: text(n), value: n - 50))
        default: return .urged(.init(unit: text(n), kind: UrgeKind.allCases[n % UrgeKind.allCases.count], text: text(n + 1), issue: maybe(n)))
        }
    }

    func testRowsEqualTheReferenceBodiesAndChain() throws {
        let db = try DatabaseQueue()
        try db.write { try $0.execute(sql: StoreSchema.createSQL) }
        let rows = 1_500
        var expected: [[String]] = []
        try db.write { db in
            let statement = try db.makeStatement(sql: "INSERT INTO journal (seq, at, actor, type, body, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)")
            // A tail as a store holds it; seqs jump to reach every digit count.
            var prev = ChainHash.genesis
            var encoder = RowEncoder(tail: (0, prev))
            var seq: Int64 = 0
            for n in 0..<rows {
                seq += [1, 9, 1, 99_991, 1, 7_777_777_777][n % 6]
                let event = event(n)
                let day = Day(ordinal: [19_000, 19_000, 19_001, -1, 3_000_000][n % 5])
                let actor = text(n / 2)
                try encoder.insert(statement.sqliteStatement, seq: seq, event: event, at: day, actor: actor)
                let body = try event.encodedBody()
                let hash = ChainHash.compute(prev: prev, seq: seq, at: day.iso, actor: actor, type: event.type, body: body)
                expected.append([String(seq), day.iso, actor, event.type, String(decoding: body, as: UTF8.self), prev, hash])
                prev = hash
                XCTAssertEqual(encoder.tail.seq, seq)
                XCTAssertEqual(encoder.tail.hash, hash, "row \(n)")
            }
        }
        let stored = try db.read { db in
            try Row.fetchAll(db, sql: "SELECT seq, at, actor, type, body, prev_hash, hash FROM journal ORDER BY seq").map { row in
                [String(row[0] as Int64), row[1], row[2], row[3], row[4], row[5], row[6]] as [String]
            }
        }
        XCTAssertEqual(stored.count, rows)
        for (n, (got, want)) in zip(stored, expected).enumerated() { XCTAssertEqual(got, want, "row \(n)") }
        // Stored as TEXT and hashed over the same bytes: the store's own check agrees.
        let types = try db.read { db in try String.fetchSet(db, sql: "SELECT DISTINCT typeof(body) || typeof(hash) FROM journal") }
        XCTAssertEqual(types, ["texttext"])
    }

    func testAFailedInsertLeavesTheTailWhereItWas() throws {
        let db = try DatabaseQueue()
        try db.write { try $0.execute(sql: StoreSchema.createSQL) }
        try db.write { db in
            let statement = try db.makeStatement(sql: "INSERT INTO journal (seq, at, actor, type, body, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)")
            var encoder = RowEncoder(tail: (0, ChainHash.genesis))
            try encoder.insert(statement.sqliteStatement, seq: 1, event: event(1), at: Day(ordinal: 19_000), actor: "a")
            let tail = encoder.tail
            // The same seq again: the primary key refuses it.
            XCTAssertThrowsError(try encoder.insert(statement.sqliteStatement, seq: 1, event: event(2), at: Day(ordinal: 19_000), actor: "a"))
            XCTAssertEqual(encoder.tail.seq, tail.seq)
            XCTAssertEqual(encoder.tail.hash, tail.hash)
            try encoder.insert(statement.sqliteStatement, seq: 2, event: event(2), at: Day(ordinal: 19_000), actor: "a")
            let prev = try String.fetchOne(db, sql: "SELECT prev_hash FROM journal WHERE seq = 2")
            XCTAssertEqual(prev, tail.hash)
        }
    }
}

private extension Event {
    static func addedIssue(_ n: Int, _ title: String, _ due: Day, _ requirement: String?) -> Event {
        .issueAdded(.init(id: "R\(n)-\(n)", round: "R\(n)", unit: "U\(n)", title: title,
                          category: Category.allCases[n % Category.allCases.count], source: Source.allCases[n % Source.allCases.count],
                          mode: Mode.allCases[n % Mode.allCases.count], due: n % 4 == 1 ? nil : due, requirement: requirement))
    }
}
