import Foundation
import XCTest
@testable import XunchaCore

/// The hand-written event bodies must be, byte for byte, what Foundation's encoder writes: the
/// bodies feed the hash chain, and stores written before the hand-written encoder must verify.
final class EventJSONTests: XCTestCase {
    static let texts = ["", "a", "执行工作韧劲不足", "say \"hi\"", "back\\slash", "a/b", "tab\there", "line\nbreak",
                        "cr\rlf", "\u{08}\u{0C}\u{01}\u{1F}", "del\u{7F}", "e\u{301}", "🇨🇳 emoji 😀", "\u{2028}\u{2029}",
                        "「引号」“弯”", String(repeating: "长", count: 500)]

    func text(_ n: Int) -> String { Self.texts[n % Self.texts.count] }
    func maybe(_ n: Int) -> String? { n % 3 == 0 ? nil : text(n) }
    func day(_ n: Int) -> Day { Day(ordinal: [0, 19_000, 2_932_896, 700, 20_000 + n][n % 5]) }
    func maybeDay(_ n: Int) -> Day? { n % 4 == 1 ? nil : day(n) }

    func events(_ n: Int) -> [Event] {
        [
            .roundOpened(.init(code: text(n), title: text(n + 1), kind: RoundKind.allCases[n % RoundKind.allCases.count],
                               from: maybeDay(n), to: maybeDay(n + 1), revisits: maybe(n))),
            .teamAdded(.init(round: text(n), name: text(n + 2), leader: maybe(n + 1))),
            .targetAdded(.init(round: text(n), unit: text(n + 3))),
            .feedbackGiven(.init(round: text(n), on: day(n), due: maybeDay(n))),
            .roundClosed(.init(round: text(n), forced: maybe(n))),
            .unitAdded(.init(code: text(n), name: text(n + 1), secretary: maybe(n + 2))),
            .secretaryChanged(.init(unit: text(n), secretary: text(n + 5))),
            .issueAdded(.init(id: text(n), round: text(n + 1), unit: text(n + 2), title: text(n + 3),
                              category: Category.allCases[n % Category.allCases.count],
                              source: Source.allCases[n % Source.allCases.count], mode: Mode.allCases[n % Mode.allCases.count],
                              due: maybeDay(n), requirement: maybe(n + 1))),
            .issueAssigned(.init(id: text(n), lead: text(n + 1), owner: text(n + 2), dept: text(n + 3), handler: maybe(n), due: day(n))),
            .progressNoted(.init(id: text(n), text: text(n + 7))),
            .issueWithdrawn(.init(id: text(n), text: text(n + 8))),
            .ruleAdded(.init(id: text(n), text: text(n + 9))),
            .issueReported(.init(id: text(n), text: text(n + 1), evidence: (0..<(n % 4)).map { text(n + $0) }, signedBy: text(n + 4))),
            .issueVerified(.init(id: text(n), verdict: Verdict.allCases[n % 3], by: text(n + 1),
                                 methods: Array(VerifyMethod.allCases.prefix(n % 6)), note: maybe(n))),
            .issueReopened(.init(id: text(n), reason: text(n + 1), round: maybe(n))),
            .transferAdded(.init(id: text(n), issue: text(n + 1), to: TransferTarget.allCases[n % 3], summary: text(n + 2))),
            .transferConcluded(.init(id: text(n), outcome: TransferOutcome(sanctions: n, handled: -n, recovered: n * 1_000_000_007,
                                                                          refunded: n % 2 == 0 ? Int.max : Int.min))),
            .urged(.init(unit: text(n), kind: UrgeKind.allCases[n % UrgeKind.allCases.count], text: text(n + 1), issue: maybe(n))),
            .policySet(.init(key: text(n), value: n - 20)),
        ]
    }

    func testHandWrittenBodiesEqualFoundationEncoding() throws {
        var kinds = Set<String>()
        for n in 0..<64 {
            for event in events(n) {
                kinds.insert(event.type)
                let hand = try XCTUnwrap(event.handWrittenBody(), event.type)
                let foundation = try event.foundationBody()
                XCTAssertEqual(String(decoding: hand, as: UTF8.self), String(decoding: foundation, as: UTF8.self), "\(event.type) #\(n)")
                XCTAssertEqual(Data(hand), foundation, "\(event.type) #\(n)")
                // And what is written decodes back to the same fact.
                XCTAssertEqual(try Event.decode(type: event.type, body: Data(hand)), event)
            }
        }
        XCTAssertEqual(kinds.count, 19, "every kind but undone is hand-written")
    }

    /// Text is scanned for characters to escape eight bytes at a time: escapes at every offset,
    /// next to multi-byte characters and at the ends must come out as Foundation writes them.
    func testEscapesAnywhereInLongTextEqualFoundation() throws {
        let alphabet = ["a", "Z", "长", "😀", "\"", "\\", "\n", "\t", "\u{01}", "\u{1F}", "\u{7F}", "/", " ", "é", "~", "\u{20}"]
        var rng = SystemRandomNumberGenerator()
        for round in 0..<600 {
            let length = Int.random(in: 0...(round % 3 == 0 ? 80 : 24), using: &rng)
            let text = (0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &rng)] }.joined()
            // Mostly plain text with a rare escape, as real text is.
            let plain = String(repeating: "x长", count: round % 13) + (round % 2 == 0 ? "\"" : "") + String(repeating: "y", count: round % 17)
            let event = Event.progressNoted(.init(id: plain, text: text))
            let hand = try XCTUnwrap(event.handWrittenBody())
            XCTAssertEqual(String(decoding: hand, as: UTF8.self), String(decoding: try event.foundationBody(), as: UTF8.self), "round \(round)")
            var appended: [UInt8] = Array("prefix".utf8)
            try event.appendBody(to: &appended)
            XCTAssertEqual(appended, Array("prefix".utf8) + hand)
        }
    }

    func testUndoneStillEncodesThroughFoundation() throws {
        var f = Fragment()
        f.issues["R5-001"] = .some(nil)
        let event = Event.undone(.init(seq: 7, restore: f))
        XCTAssertNil(event.handWrittenBody())
        XCTAssertEqual(try event.encodedBody(), try event.foundationBody())
        var appended: [UInt8] = [1, 2]
        try event.appendBody(to: &appended)
        XCTAssertEqual(appended, [1, 2] + Array(try event.foundationBody()))
    }
}
