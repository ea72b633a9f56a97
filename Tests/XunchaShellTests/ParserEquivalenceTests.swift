import XCTest
import XunchaCore
@testable import XunchaShell

/// Invocations keep their tokens in one array with a slot per token; this compares the parser
/// and every accessor with the reference (the parser as it was) on many random lines built from the grammar: every command and spelling, aliases in other
/// case, flags inline and not, repeated, misspelt or unknown, missing and extra arguments.
final class ParserEquivalenceTests: XCTestCase {
    struct Generator {
        var rng: ReplayPropertyTests.Random
        mutating func pick<T>(_ items: [T]) -> T { items[rng.int(items.count)] }
        mutating func chance(_ n: Int) -> Bool { rng.int(n) == 0 }

        static let values = ["R5", "R5-001", "FY", "王五", "\"赵 六\"", "documents,onsite", "\"onsite, visit\"", "现场核查、问卷调查",
                             "\"\"", "2024-05-01", "+30d", "10", "1,000", "--", "'--pass'", "x=y", "「执行 不力」", "a,,b", "\" a , b \""]

        mutating func word(_ spellings: [String]) -> String {
            let w = pick(spellings)
            return chance(5) ? w.uppercased() : w
        }

        mutating func line() -> String {
            if chance(20) { return pick(["bogus", "--pass", "\"issue\" add", "issue", "issue bogus", "isue add", "问题"]) }
            let spec = pick(Grammar.commands)
            var parts = spec.words.map { word($0) }
            for _ in 0..<rng.int(8) {
                if !spec.flags.isEmpty && chance(2) {
                    let flag = pick(spec.flags)
                    var name = chance(3) ? pick(flag.aliases.isEmpty ? [flag.name] : flag.aliases) : flag.name
                    if chance(10) { name = name.uppercased() }
                    if chance(15) { name = pick(["bogus", name + "x", String(name.dropLast())]) }
                    if flag.kind == nil || chance(6) {
                        parts.append("--" + name + (chance(8) ? "=" + pick(Self.values) : ""))
                    } else if chance(3) {
                        parts.append("--" + name + "=" + (chance(6) ? "" : pick(Self.values)))
                    } else {
                        parts.append("--" + name)
                        if !chance(8) { parts.append(pick(Self.values)) }
                    }
                } else {
                    parts.append(pick(Self.values))
                }
            }
            return parts.joined(separator: chance(4) ? "\u{3000}" : " ")
        }
    }

    func describe(_ e: ShellError) -> String { "\(e.position.map { "\($0)" } ?? "-") \(e.message) \(e.hint.map { "\($0)" } ?? "-")" }

    func testTheParserAndItsAccessorsAgreeWithTheReference() throws {
        let seeds = Seeds.of(1...1)
        var failures = 0, parsed = 0, refused = 0
        for seed in seeds {
            var generator = Generator(rng: ReplayPropertyTests.Random(state: UInt64(truncatingIfNeeded: seed)))
            for _ in 0..<10_000 {
                let line = generator.line()
                guard let tokens = try? Lexer.tokenize(line).tokens else { continue }
                let end = SourcePosition(line: 1, column: line.unicodeScalars.count + 1)
                let expected: Swift.Result<ReferenceInvocation?, ShellError>
                do { expected = .success(try ReferenceParser.parse(tokens, end: end)) } catch { expected = .failure(error) }
                let got: Swift.Result<Invocation?, ShellError>
                do { got = .success(try Parser.parse(tokens, end: end)) } catch { got = .failure(error) }
                let problem: String?
                switch (expected, got) {
                case let (.failure(a), .failure(b)): refused += 1; problem = describe(a) == describe(b) ? nil : "\(describe(a)) ≠ \(describe(b))"
                case let (.success(a?), .success(b?)): problem = mismatch(a, b); parsed += 1
                case (.success(nil), .success(nil)): problem = nil
                default: problem = "\(expected) ≠ \(got)"
                }
                if let problem {
                    failures += 1
                    XCTFail("\(Seeds.rerun(seed)): \(line): \(problem)")
                    if failures > 5 { return }
                }
            }
        }
        // Both kinds of line in good numbers, or the comparison proves little.
        XCTAssertGreaterThan(parsed, 1_000, "\(seeds)")
        XCTAssertGreaterThan(refused, 2_000, "\(seeds)")
    }

    func mismatch(_ a: ReferenceInvocation, _ b: Invocation) -> String? {
        guard a.spec.id == b.spec.id else { return "command \(a.spec.id) ≠ \(b.spec.id)" }
        guard a.args == b.args else { return "args \(a.args) ≠ \(b.args)" }
        guard a.flags == b.flags else { return "flags \(a.flags) ≠ \(b.flags)" }
        guard a.rest == b.rest else { return "rest \(a.rest) ≠ \(b.rest)" }
        guard a.start == b.start, a.end == b.end else { return "positions" }
        let names = a.spec.params.map(\.name) + a.spec.flags.map(\.name) + a.spec.flags.flatMap(\.aliases) + ["bogus", "", "round"]
        for name in names {
            guard a.token(name) == b.token(name) else { return "token(\(name))" }
            guard a.values(name) == b.values(name) else { return "values(\(name))" }
            guard a.has(name) == b.has(name) else { return "has(\(name))" }
            guard a.position(of: name) == b.position(of: name) else { return "position(of: \(name))" }
            for split in [false, true] {
                let x = a.strings(name, split: split), y = b.strings(name, split: split)
                guard x.map(\.0) == y.map(\.0), x.map(\.1) == y.map(\.1) else { return "strings(\(name), split: \(split))" }
            }
        }
        guard a.position(of: nil) == b.position(of: nil) else { return "position(of: nil)" }
        return nil
    }

    func testEveryCommandHasRoomForItsSlots() {
        for spec in Parser.compiled {
            XCTAssertLessThan(spec.names.count, Int(Invocation.none), "\(spec.spec.id)")
        }
    }

    func testAFlagIsTwoHyphensAsCharacters() {
        func flag(_ text: String) -> Bool { Token(text: text, position: SourcePosition(line: 1, column: 1)).isFlag }
        XCTAssertTrue(flag("--due"))
        XCTAssertTrue(flag("--期限"))
        XCTAssertFalse(flag("--"))
        XCTAssertFalse(flag("-due"))
        XCTAssertFalse(flag("--\u{301}x"), "a combining mark makes the second hyphen another character")
        XCTAssertFalse(Token(text: "--due", position: SourcePosition(line: 1, column: 1), quoted: true).isFlag)
    }
}
