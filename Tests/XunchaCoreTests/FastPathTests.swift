import XCTest
@testable import XunchaCore

/// The byte-level shortcuts taken on every event give the same answers as the plain
/// definitions they replace, over generated inputs that include the awkward cases.
final class FastPathTests: XCTestCase {
    /// The characters names and ids are drawn from: ASCII, CJK at both ends of the unified
    /// block and just outside it, spaces of several kinds, invisible and combining marks.
    static let alphabet: [String] = ["a", "Z", "0", "-", "_", " ", "\t", "王", "一", "\u{4DFF}", "\u{9FFF}", "\u{A000}",
                                     "\u{3000}", "\u{200B}", "\u{200D}", "\u{0301}", "é", "😀", "·", "\u{00A0}", "R", "5"]

    func randomWord(_ rng: inout SplitMix, maxLength: Int) -> String {
        let n = Int(rng.next() % UInt64(maxLength + 1))
        return (0..<n).map { _ in Self.alphabet[Int(rng.next() % UInt64(Self.alphabet.count))] }.joined()
    }

    /// `Check.name` with and without its shortcut: accepted alike, refused with the same message.
    func testPlainNameShortcutAgreesWithTheFullCheck() {
        func full(_ name: String) -> String? {
            do throws(DomainError) { try Check.fullName(name, field: "by"); return nil } catch { return error.message.en }
        }
        func fast(_ name: String) -> String? {
            do throws(DomainError) { try Check.name(name, field: "by"); return nil } catch { return error.message.en }
        }
        var plain = 0
        let seeds = Seeds.of(7...7)
        for seed in seeds {
            var rng = SplitMix(seed: UInt64(truncatingIfNeeded: seed))
            for _ in 0..<20_000 {
                let name = randomWord(&rng, maxLength: 6)
                if Check.isPlainName(name) { plain += 1 }
                XCTAssertEqual(fast(name), full(name), "\(Seeds.rerun(seed)): name \(name.unicodeScalars.map { String($0.value, radix: 16) })")
            }
        }
        for name in [String(repeating: "王", count: 64), String(repeating: "王", count: 65), String(repeating: "a", count: 65), "王五", "王 五", " 王五"] {
            XCTAssertEqual(fast(name), full(name), name)
        }
        XCTAssertGreaterThan(plain, 100, "the generator must reach the shortcut")
        XCTAssertFalse(Check.isPlainName(String(repeating: "王", count: 65)))
        XCTAssertFalse(Check.isPlainName("\u{4DFF}"))
        XCTAssertTrue(Check.isPlainName("\u{4E00}\u{9FFF}"))
    }

    func testIssueIDsMakeAndSplitAsTheirTextSays() {
        for (round, n) in [("R5", 1), ("R5", 10), ("R5", 100), ("R5", 1000), ("巡察-2", 7), ("", 0), ("R-1", 42)] {
            let id = IssueID.make(round: round, number: n)
            XCTAssertEqual(id, "\(round)-\(pad(n, 3))")
            XCTAssertEqual(IssueID.split(id)?.round, round)
            XCTAssertEqual(IssueID.split(id)?.number, n)
        }
        XCTAssertEqual(IssueID.make(round: "R5", number: -3), "R5-0-3")
        for seed in Seeds.of(11...11) {
            var rng = SplitMix(seed: UInt64(truncatingIfNeeded: seed))
            for _ in 0..<5_000 {
                let id = randomWord(&rng, maxLength: 8)
                // The definition on characters: split at the last "-", the rest an Int.
                var expected: (String, Int)?
                if let dash = id.lastIndex(of: "-"), let n = Int(id[id.index(after: dash)...]) { expected = (String(id[..<dash]), n) }
                let got = IssueID.split(id)
                XCTAssertEqual(got?.round, expected?.0, "\(Seeds.rerun(seed)): \(id)")
                XCTAssertEqual(got?.number, expected?.1, "\(Seeds.rerun(seed)): \(id)")
            }
        }
    }

    /// A verification names each method once, in the order first given.
    func testRepeatedMethodsAreRecordedOnceInFirstOrder() throws {
        var l = try Ledger.withIssue()
        try l.assign()
        try l.report()
        let event = try l.run(.verify(id: "R5-001", verdict: .pass, by: "孙七",
                                      methods: [.onsite, .documents, .onsite, .survey, .documents], note: nil))
        guard case .issueVerified(let p) = event else { return XCTFail("\(event)") }
        XCTAssertEqual(p.methods, [.onsite, .documents, .survey])
        XCTAssertEqual(l.issue()?.verifications.last?.methods, [.onsite, .documents, .survey])
    }
}

/// A small seeded generator, so a failure names an input that can be replayed.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
