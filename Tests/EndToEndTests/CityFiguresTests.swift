import Foundation
import XCTest

/// The Zhengzhou figures (seed report 000) rebuilt by a generated command file run through the
/// real binary: the rate, the transfer outcomes and the rules come out as published, in the
/// terminal table, in json and in csv, and the file's own `expect` lines agree.
final class CityFiguresTests: XCTestCase {
    func testZhengzhouFiguresComeOutAsPublished() throws {
        let city = CityScript()
        let script = city.text + """
        stats
        stats --by round --format json --out stats.json
        ledger units --sort rate --out units.csv
        warnings
        expect count = 2012
        expect count --status closed = 1822
        expect count --status longterm = 20
        expect count --status rectifying,reported,longterm = 190
        expect rate = 90.56%
        expect rate --round R1 >= 80%

        """
        XCTAssertGreaterThan(script.split(separator: "\n").count, 10_000)
        let dir = try Binary.scratch(for: self)
        defer { try? FileManager.default.removeItem(at: dir) }
        try script.write(to: dir.appendingPathComponent("zhengzhou-city.xc"), atomically: true, encoding: .utf8)
        // How fast it runs is scripts/bench's to measure (the city workload), not a test's.
        let r = try Binary.run(["--memory", "zhengzhou-city.xc"], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stderr, "")

        // The terminal table of `stats`: the rate with its formula, the outcomes and the rules.
        XCTAssertTrue(r.stdout.contains("rate 1822/2012 = 90.56% (closed ÷ (all − withdrawn)); 20 in long-term upkeep counted apart"), r.stdout)
        XCTAssertTrue(r.stdout.contains("601 transferred, 512 concluded; 48 sanctioned, 525 person-times handled; \(Self.grouped(city.recovered)) yuan recovered, 0 yuan refunded"), r.stdout)
        XCTAssertTrue(r.stdout.contains("1412 rule(s) established"), r.stdout)
        XCTAssertTrue(r.stdout.contains("2012 problem(s), 0 withdrawn, 1822 closed, 190 open"), r.stdout)
        // One warnings digest, grouped by unit.
        XCTAssertTrue(r.stdout.contains("warnings as of 2024-07-25"), r.stdout)

        // json: the same figures as numbers, one row per round, the totals row.
        let data = try Data(contentsOf: dir.appendingPathComponent("stats.json"))
        let stats = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        let summary = try XCTUnwrap(stats["summary"] as? [String: Any])
        let expected: [String: Int] = ["issues": 2012, "closed": 1822, "counted": 2012, "withdrawn": 0, "longterm": 20, "transfers": 601,
                                       "concluded": 512, "sanctions": 48, "handled": 525, "rules": 1412, "recovered": city.recovered]
        for (key, value) in expected { XCTAssertEqual(summary[key] as? Int, value, key) }
        XCTAssertEqual(try XCTUnwrap(summary["rate"] as? Double), 90.56, accuracy: 0.000_1)
        let rows = try XCTUnwrap(stats["rows"] as? [[String: Any]])
        XCTAssertEqual(rows.compactMap { $0["group"] as? String }, (1...9).map { "R\($0)" })
        XCTAssertEqual(rows.reduce(0) { $0 + (($1["issues"] as? Int) ?? 0) }, 2012)
        XCTAssertEqual((stats["totals"] as? [String: Any])?["closed"] as? Int, 1822)

        // csv (chosen by the extension): every unit, lowest rate first, the totals row, the formula.
        let bytes = try Data(contentsOf: dir.appendingPathComponent("units.csv"))
        XCTAssertEqual(Array(bytes.prefix(3)), [0xEF, 0xBB, 0xBF], "UTF-8 byte-order mark")
        let csv = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        XCTAssertTrue(csv.hasPrefix("unit,name,secretary,problems,closed,open,overdue,rate,talk?,urged,"), String(csv.prefix(120)))
        let records = csv.components(separatedBy: "\r\n").map { $0.components(separatedBy: ",") }
        let unitRows = records.filter { ($0.first ?? "").hasPrefix("U") }
        XCTAssertEqual(unitRows.count, 30)
        let rates = unitRows.compactMap { Double($0[7].replacingOccurrences(of: "%", with: "")) }
        XCTAssertEqual(rates, rates.sorted(), "--sort rate puts the talk candidates first")
        XCTAssertEqual(records.first { $0.first == "total" }?[7], "90.56%")
        XCTAssertTrue(csv.contains("rate 1822/2012 = 90.56% (closed ÷ (all − withdrawn))"))
        let mode = try FileManager.default.attributesOfItem(atPath: dir.appendingPathComponent("units.csv").path)[.posixPermissions] as? NSNumber
        XCTAssertEqual(mode?.intValue, 0o600)
    }

    /// Yuan with thousands separators, as the terminal shows them in English.
    static func grouped(_ n: Int) -> String {
        let f = NumberFormatter()
        f.numberStyle = .decimal
        f.groupingSeparator = ","
        f.usesGroupingSeparator = true
        return f.string(from: NSNumber(value: n)) ?? String(n)
    }
}
