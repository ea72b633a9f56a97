import Foundation
import XCTest

/// The demo scripts are the acceptance tests: each ends in `expect` lines and must run clean.
final class DemoTests: XCTestCase {
    func demos() throws -> [URL] {
        let dir = Binary.repo.appendingPathComponent("scripts/demo")
        return try FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "xc" }.sorted { $0.path < $1.path }
    }

    func testEveryDemoRunsClean() throws {
        let list = try demos()
        XCTAssertTrue(list.contains { $0.lastPathComponent == "zhengzhou.xc" })
        for demo in list {
            let dir = try Binary.scratch(for: self)
            let r = try Binary.run(["--store", "s.db", demo.path], in: dir)
            XCTAssertEqual(r.status, 0, "\(demo.lastPathComponent): \(r.stderr)")
            let verify = try Binary.run(["--store", "s.db", "-c", "audit verify"], in: dir)
            XCTAssertEqual(verify.status, 0, verify.stderr)
        }
    }

    func testAChangedExpectationFailsNamingItsLine() throws {
        let dir = try Binary.scratch(for: self)
        let source = try String(contentsOf: Binary.repo.appendingPathComponent("scripts/demo/zhengzhou.xc"), encoding: .utf8)
        var lines = source.components(separatedBy: "\n")
        guard let index = lines.firstIndex(of: "expect rate --round R5 = 100.00%") else { return XCTFail("the demo lost its rate expectation") }
        lines[index] = "expect rate --round R5 = 99.00%"
        try lines.joined(separator: "\n").write(to: dir.appendingPathComponent("changed.xc"), atomically: true, encoding: .utf8)
        let r = try Binary.run(["--store", "s.db", "changed.xc"], in: dir)
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("changed.xc:\(index + 1):1: error: expectation failed: rate is 27/27 = 100.00%"), r.stderr)
        // The file was one transaction: nothing of it is in the store.
        let count = try Binary.run(["--store", "s.db", "-c", "expect count = 0"], in: dir)
        XCTAssertEqual(count.status, 0, count.stderr)
    }

    /// The way a trainer shows them: `xuncha play FILE --delay 0`, in a sandbox that is gone
    /// afterwards. Every `expect` line of the demo is seen to hold.
    func testEveryDemoPlaysCleanInASandbox() throws {
        let list = try demos()
        for name in ["zhengzhou.xc", "luohe.xc", "revisit.xc", "baoshan.xc", "supervision.xc"] {
            XCTAssertTrue(list.contains { $0.lastPathComponent == name }, name)
        }
        for demo in list {
            let dir = try Binary.scratch(for: self)
            let tmp = dir.appendingPathComponent("tmp")
            try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
            let r = try Binary.run(["play", demo.path, "--delay", "0"], env: ["TMPDIR": tmp.path], in: dir)
            XCTAssertEqual(r.status, 0, "\(demo.lastPathComponent): \(r.stderr)")
            XCTAssertTrue(r.stdout.hasSuffix("(end of \(demo.path))\n"), demo.lastPathComponent)
            let source = try String(contentsOf: demo, encoding: .utf8)
            let expects = source.split(separator: "\n").filter { $0.hasPrefix("expect ") }.count
            let held = r.stdout.split(separator: "\n").filter { $0.hasPrefix("✓ ") }.count
            XCTAssertGreaterThan(expects, 3, "\(demo.lastPathComponent) ends in expect lines")
            XCTAssertEqual(held, expects, "\(demo.lastPathComponent): every expectation ran and held")
            XCTAssertTrue(source.hasPrefix("## "), "\(demo.lastPathComponent) opens with narration")
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: tmp.path), [], "the sandbox is removed")
        }
    }

    /// A broken expectation stops `play` at its line with exit status 1, and nothing after it runs.
    func testABrokenExpectationStopsPlayNamingItsLine() throws {
        let cases = [("luohe.xc", "expect rate = 97.50%", "expect rate = 100.00%", "rate is 39/40 = 97.50%, expected = 100.00%"),
                     ("revisit.xc", "expect warning R5-004 green", "expect warning R5-004 yellow",
                      "R5-004 warning is green on 2023-09-27, expected yellow")]
        for (name, line, broken, message) in cases {
            let dir = try Binary.scratch(for: self)
            let source = try String(contentsOf: Binary.repo.appendingPathComponent("scripts/demo/" + name), encoding: .utf8)
            var lines = source.components(separatedBy: "\n")
            guard let index = lines.firstIndex(of: line) else { return XCTFail("\(name) lost the line \(line)") }
            lines[index] = broken
            lines.insert("unit add AFTER \"不应执行\"", at: index + 1)
            try lines.joined(separator: "\n").write(to: dir.appendingPathComponent("broken.xc"), atomically: true, encoding: .utf8)
            let r = try Binary.run(["play", "broken.xc", "--delay", "0", "--store", "s.db"], in: dir)
            XCTAssertEqual(r.status, 1, name)
            // A new store says so first; then the one error.
            let errors = r.stderr.split(separator: "\n").filter { !$0.hasPrefix("xuncha: created a new ledger at") }
            XCTAssertTrue(errors.first?.hasPrefix("broken.xc:\(index + 1):1: error: expectation failed: \(message)") ?? false, r.stderr)
            XCTAssertFalse(r.stdout.contains("(end of"), name)
            let after = try Binary.run(["--store", "s.db", "-c", "unit show AFTER"], in: dir)
            XCTAssertEqual(after.status, 1, "\(name): nothing after the failed line ran")
        }
    }

    /// The simulated clock drives warnings and overdue problems end to end: the revisit demo's
    /// ledger, looked at on other days, tells a different story.
    func testTheClockMovesWarningsAndOverdue() throws {
        let dir = try Binary.scratch(for: self)
        let demo = Binary.repo.appendingPathComponent("scripts/demo/revisit.xc")
        var lines = try String(contentsOf: demo, encoding: .utf8).components(separatedBy: "\n")
        // Stop the story just after the rebounded problems were given 30 more days.
        guard let cut = lines.firstIndex(of: "expect warning R5-004 none") else { return XCTFail("the revisit demo changed") }
        lines = Array(lines[...cut])
        try lines.joined(separator: "\n").write(to: dir.appendingPathComponent("part.xc"), atomically: true, encoding: .utf8)
        let r = try Binary.run(["play", "part.xc", "--delay", "0", "--store", "s.db"], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        let checks = [("2023-09-15", "expect count --overdue = 0\nexpect warning R5-004 none"),
                      ("2023-09-26", "expect warning R5-004 green\nexpect count --warning green = 3"),
                      ("2023-10-06", "expect warning R5-004 yellow\nexpect count --due-within 10d = 3"),
                      ("2023-10-15", "expect warning R5-004 yellow\nexpect count --overdue = 0"),
                      ("2023-10-16", "expect warning R5-004 red\nexpect count --overdue = 3")]
        for (day, expectations) in checks {
            let c = try Binary.run(["--store", "s.db", "--clock", day], stdin: expectations + "\nwarnings\n", in: dir)
            XCTAssertEqual(c.status, 0, "\(day): \(c.stderr)")
            XCTAssertTrue(c.stdout.contains("warnings as of \(day)"), c.stdout)
        }
        let wrong = try Binary.run(["--store", "s.db", "--clock", "2023-10-16", "-c", "expect count --overdue = 0"], in: dir)
        XCTAssertEqual(wrong.status, 1)
        XCTAssertTrue(wrong.stderr.contains("count is 3, expected = 0"), wrong.stderr)
    }
}
