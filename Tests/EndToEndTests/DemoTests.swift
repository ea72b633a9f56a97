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
            let dir = try Binary.scratch()
            let r = try Binary.run(["--store", "s.db", demo.path], in: dir)
            XCTAssertEqual(r.status, 0, "\(demo.lastPathComponent): \(r.stderr)")
            let verify = try Binary.run(["--store", "s.db", "-c", "audit verify"], in: dir)
            XCTAssertEqual(verify.status, 0, verify.stderr)
        }
    }

    func testAChangedExpectationFailsNamingItsLine() throws {
        let dir = try Binary.scratch()
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
}
