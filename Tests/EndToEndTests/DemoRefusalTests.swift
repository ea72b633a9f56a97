import Foundation
import XCTest

/// Every refusal a demo shows says why it is refused: a demo refused for another reason fails
/// at that line instead of teaching the wrong lesson.
final class DemoRefusalTests: XCTestCase {
    struct Refusal {
        var demo: URL
        var line: Int
        var column: Int
        var reason: String
    }

    /// Every `expect fail` line of every demo, with the quoted reason it must give.
    func refusals() throws -> [Refusal] {
        let dir = Binary.repo.appendingPathComponent("scripts/demo")
        let demos = try FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "xc" }.sorted { $0.path < $1.path }
        var found: [Refusal] = []
        for demo in demos {
            let lines = try String(contentsOf: demo, encoding: .utf8).components(separatedBy: "\n")
            for (n, line) in lines.enumerated() where line.hasPrefix("expect fail") {
                let rest = line.dropFirst("expect fail ".count)
                guard rest.first == "\"", let close = rest.dropFirst().firstIndex(of: "\"") else {
                    XCTFail("\(demo.lastPathComponent):\(n + 1) shows a refusal without its reason: \(line)")
                    continue
                }
                let reason = String(rest[rest.index(after: rest.startIndex)..<close])
                found.append(Refusal(demo: demo, line: n + 1, column: "expect fail ".count + 1, reason: reason))
            }
        }
        return found
    }

    func testEveryDemoRefusalNamesItsReason() throws {
        let found = try refusals()
        XCTAssertGreaterThanOrEqual(found.count, 5, "the demos show refusals")
        XCTAssertEqual(Set(found.map(\.demo.lastPathComponent)), ["baoshan.xc", "luohe.xc", "zhengzhou.xc"])
    }

    /// The demos as written hold in either language of the terminal.
    func testTheDemosHoldInChineseAndInEnglish() throws {
        for demo in Set(try refusals().map(\.demo)) {
            for lang in ["C.UTF-8", "zh_CN.UTF-8"] {
                let dir = try Binary.scratch(for: self)
                let r = try Binary.run(["--memory", demo.path], env: ["LANG": lang], in: dir)
                XCTAssertEqual(r.status, 0, "\(demo.lastPathComponent) with LANG=\(lang): \(r.stderr)")
            }
        }
    }

    /// Each refusal, given another reason, fails the demo at that line and says what the
    /// refusal really said.
    func testAnotherReasonFailsTheDemoAtItsLine() throws {
        for refusal in try refusals() {
            let dir = try Binary.scratch(for: self)
            var lines = try String(contentsOf: refusal.demo, encoding: .utf8).components(separatedBy: "\n")
            lines[refusal.line - 1] = lines[refusal.line - 1].replacingOccurrences(of: "\"\(refusal.reason)\"", with: "\"已撤销\"")
            let file = dir.appendingPathComponent("wrong.xc")
            try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
            let r = try Binary.run(["--memory", "wrong.xc"], env: ["LANG": "zh_CN.UTF-8"], in: dir)
            let name = "\(refusal.demo.lastPathComponent):\(refusal.line)"
            XCTAssertEqual(r.status, 1, name)
            XCTAssertTrue(r.stderr.contains("wrong.xc:\(refusal.line):\(refusal.column): 错误：预期不成立：命令被拒绝，但拒绝信息“"), "\(name): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains(refusal.reason), "\(name): the message names what the refusal said: \(r.stderr)")
        }
    }
}
