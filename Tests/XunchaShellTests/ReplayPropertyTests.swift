import XCTest
import XunchaCore
@testable import XunchaShell

/// Replay equivalence: random valid command streams, exported as a script and run into an empty
/// ledger, rebuild the same digest.
final class ReplayPropertyTests: XCTestCase {
    /// SplitMix64: small, seeded, the same on every machine.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func int(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
        mutating func pick<T>(_ a: [T]) -> T? { a.isEmpty ? nil : a[int(a.count)] }
    }

    static let texts = ["执行工作韧劲不足", "含\"引号\"的标题", "换行\n第二行", "# 不是注释", "反斜杠\\结尾\\", "tab\there",
                        "全角\u{3000}空格", "issue withdraw R1-001 注入", "=SUM(A1)", "「括号」“弯引号”", "--pass", "'单引号'"]
    static let people = ["王五", "赵六", "孙七", "钱八", "周九", "吴十"]

    static func command(_ r: inout Random, _ s: State) -> String {
        let q = ScriptWriter.quote
        let text = q(r.pick(Self.texts) ?? "x")
        let ids = s.issues.keys.sorted()
        let id = r.pick(ids) ?? "R1-001"
        func person() -> String { r.pick(Self.people) ?? "王五" }
        switch r.int(16) {
        case 0: return "unit add U\(r.int(6)) \(text) --secretary \(person())"
        case 1: return "round open R\(r.int(4)) \(text) --kind \(r.pick(RoundKind.allCases)?.rawValue ?? "regular")"
        case 2: return "round target R\(r.int(4)) U\(r.int(6))"
        case 3: return "round feedback R\(r.int(4)) --on 2024-05-\(10 + r.int(5)) --due +\(30 + r.int(60))d"
        case 4, 5: return "issue add R\(r.int(4)) U\(r.int(6)) \(text) --category \(r.pick(Category.allCases)?.rawValue ?? "conduct") --due +\(r.int(90))d"
        case 6: return "issue assign \(id) --lead \(person()) --owner \(person()) --dept \(text) --due +\(r.int(60))d"
        case 7: return "issue progress \(id) \(text)"
        case 8:
            let secretary = s.issues[id].flatMap { s.units[$0.unit]?.secretary } ?? person()
            return "issue report \(id) \(text) --evidence \(text) --signed-by \(secretary)"
        case 9: return "issue verify \(id) --\(r.pick(["pass", "fail", "longterm"]) ?? "pass") --by \(person()) --method documents,onsite,survey"
        case 10: return "issue reopen \(id) \(text)"
        case 11: return "issue withdraw \(id) \(text)"
        case 12: return "transfer add \(id) --to \(r.pick(TransferTarget.allCases)?.rawValue ?? "other") \(text)"
        case 13: return "transfer conclude T-000\(1 + r.int(3)) --sanctions \(r.int(5)) --recovered \(r.int(100000))"
        case 14: return r.int(4) == 0 ? "undo" : "urge U\(r.int(6)) --kind \(r.pick(UrgeKind.allCases)?.rawValue ?? "talk") \(text)"
        default: return r.int(3) == 0 ? "clock +\(r.int(20))d" : "user \(person())"
        }
    }

    func testRandomStreamsRebuildTheSameDigest() throws {
        var accepted = 0
        let seeds = Seeds.of(1...200)
        for seed in seeds {
            var r = Random(state: UInt64(truncatingIfNeeded: seed))
            let h = Harness()
            for _ in 0..<80 {
                let line = Self.command(&r, h.session.state)
                if (try? h.session.execute(line)) != nil { accepted += 1 }
            }
            let script = try ScriptWriter.script(h.journal.entries(after: 0), exportedOn: Day(ordinal: 0), from: "seed \(seed)")
            let copy = Harness()
            copy.files["export.xc"] = script
            do { try copy.session.run(file: "export.xc") } catch {
                return XCTFail("\(Seeds.rerun(seed)): \(error.render(file: "export.xc", language: .en))\n\(script)")
            }
            XCTAssertEqual(copy.session.state.digest(), h.session.state.digest(), "\(Seeds.rerun(seed))\n\(script)")
        }
        XCTAssertGreaterThan(accepted, seeds.count * 12, "the streams must hold enough accepted commands to mean something")
    }
}
