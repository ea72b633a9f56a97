import Foundation
import XCTest
import XunchaCore
@testable import XunchaShell

/// csv, json, markdown and terminal tables as a spreadsheet, a program or a person would read them.
final class LedgerFormatTests: XCTestCase {
    /// RFC 4180 reader written for the test: quoted fields, doubled quotes, CRLF between records.
    /// Fails on a bare CR or LF outside quotes, which RFC 4180 does not allow.
    static func parseCSV(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> [[String]] {
        var records: [[String]] = [], record: [String] = [], field = ""
        var quoted = false, inQuotes = false
        let s = Array(text.unicodeScalars)
        var i = 0
        while i < s.count {
            let c = s[i]
            if inQuotes {
                if c == "\"" {
                    if i + 1 < s.count, s[i + 1] == "\"" { field.unicodeScalars.append("\""); i += 1 } else { inQuotes = false }
                } else {
                    field.unicodeScalars.append(c)
                }
            } else if c == "\"" {
                XCTAssertTrue(field.isEmpty, "a quote in the middle of an unquoted field", file: file, line: line)
                inQuotes = true
                quoted = true
            } else if c == "," {
                record.append(field); field = ""; quoted = false
            } else if c == "\r" {
                XCTAssertTrue(i + 1 < s.count && s[i + 1] == "\n", "bare CR outside quotes", file: file, line: line)
                record.append(field); field = ""; quoted = false
                records.append(record); record = []
                i += 1
            } else {
                XCTAssertNotEqual(c, "\n", "bare LF outside quotes", file: file, line: line)
                field.unicodeScalars.append(c)
            }
            i += 1
        }
        XCTAssertFalse(inQuotes, "unterminated quote", file: file, line: line)
        if !field.isEmpty || quoted || !record.isEmpty { record.append(field); records.append(record) }
        return records
    }

    static let hostile = ["=cmd|' /C calc'!A0", "+1", "-2+3", "@SUM(1)", "\t=1+1", "甲单位,乙单位", "所谓\"整改\"到位", "第一行\n第二行"]

    func hostileLedger(_ language: Language = .en) -> Harness {
        let h = Harness(language: language)
        h.run(Harness.setup)
        for title in Self.hostile { h.run("issue add R5 FY \(ScriptWriter.quote(title)) --category conduct") }
        h.output = []
        return h
    }

    func testCSVHasBOMCRLFQuotingAndNeutralisedFormulas() throws {
        let h = hostileLedger()
        h.run("ledger --format csv")
        let text = h.output.joined()
        XCTAssertTrue(text.hasPrefix("\u{FEFF}id,unit,problem,"), text)
        XCTAssertTrue(text.hasSuffix("\r\n"), "csv ends its last record with CRLF")
        let records = Self.parseCSV(String(text.dropFirst()))
        let width = records.first?.count ?? 0
        XCTAssertTrue(records.allSatisfy { $0.count == width }, "every record has the same number of fields")
        let titles = records.dropFirst().compactMap { $0.count > 2 ? $0[2] : nil }
        // Formula starters get an apostrophe; comma, quote and line break survive quoting intact.
        for hostile in ["=cmd|' /C calc'!A0", "+1", "-2+3", "@SUM(1)", "\t=1+1"] {
            XCTAssertTrue(titles.contains("'" + hostile), "\(hostile) neutralised in \(titles)")
            XCTAssertFalse(titles.contains(hostile), "\(hostile) left live")
        }
        for plain in ["甲单位,乙单位", "所谓\"整改\"到位", "第一行\n第二行", "执行工作韧劲不足"] {
            XCTAssertTrue(titles.contains(plain), "\(plain) in \(titles)")
        }
        XCTAssertTrue(text.contains("\"所谓\"\"整改\"\"到位\""), "quotes are doubled inside a quoted field")
        // No record of the file, as a spreadsheet splits it, starts a cell with a formula character.
        for record in records { for cell in record { XCTAssertFalse(["=", "+", "-", "@", "\t"].contains(cell.first.map(String.init) ?? ""), cell) } }
        // The footer is not lost: after an empty record, the totals in words and the rate formula.
        let notes = records.filter { $0.dropFirst().allSatisfy(\.isEmpty) }.map { $0[0] }
        XCTAssertTrue(notes.contains { $0.contains("0/10 = 0.00% (closed ÷ (all − withdrawn))") }, "\(notes)")
    }

    func testCSVKeepsNumbersAndTotals() throws {
        let h = Harness.ready()
        h.run("transfer add R5-001 --to discipline 线索一\ntransfer add R5-002 --to organization 线索二\ntransfer conclude T-0001 --sanctions 2 --handled 3 --recovered 1,200")
        h.output = []
        h.run("ledger transfers --format csv")
        let records = Self.parseCSV(String(h.output.joined().dropFirst()))
        let header = try XCTUnwrap(records.first)
        let sanctions = try XCTUnwrap(header.firstIndex(of: "sanctioned"))
        let recovered = try XCTUnwrap(header.firstIndex(of: "recovered"))
        XCTAssertEqual(records[1][sanctions], "2")
        XCTAssertEqual(records[2][sanctions], "", "a pending transfer has no outcome yet")
        let total = try XCTUnwrap(records.first { $0.first == "total" })
        XCTAssertEqual(total[sanctions], "2")
        XCTAssertEqual(total[recovered], "1200")
        XCTAssertTrue(records.contains { $0.first?.contains("2 transferred, 1 concluded; 2 sanctioned, 3 person-times handled") ?? false })
    }

    func testJSONIsOneDocumentedObjectWithTypedValues() throws {
        let h = hostileLedger(.zh)
        h.run("clock 2024-09-01\nissue report R5-001 已整改 --evidence a.pdf --signed-by 李四\nissue verify R5-001 --pass --by 孙七 --method documents")
        h.output = []
        h.run("ledger --format json")
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(h.output.joined().utf8)) as? [String: Any])
        XCTAssertEqual(Set(object.keys), ["kind", "title", "columns", "rows", "totals", "summary", "formula", "notes"])
        XCTAssertEqual(object["kind"] as? String, "ledger.issues")
        let rows = try XCTUnwrap(object["rows"] as? [[String: Any]])
        XCTAssertEqual(rows.count, 10)
        let first = rows[0]
        XCTAssertEqual(first["id"] as? String, "R5-001")
        XCTAssertEqual(first["category"] as? String, "discipline", "json carries the stable word, not the Chinese label")
        XCTAssertEqual(first["status"] as? String, "closed")
        XCTAssertEqual(first["closed_on"] as? String, "2024-09-01")
        let second = rows[1]
        XCTAssertTrue(second["lead"] is NSNull, "an unassigned lead is null")
        XCTAssertEqual(second["days_overdue"] as? Int, 24, "R5-002 is due 2024-08-08, the round's deadline")
        XCTAssertEqual(second["warning"] as? String, "red")
        let titles = rows.compactMap { $0["title"] as? String }
        for hostile in Self.hostile { XCTAssertTrue(titles.contains(hostile), "json keeps \(hostile) exactly") }
        let summary = try XCTUnwrap(object["summary"] as? [String: Any])
        XCTAssertEqual(summary["issues"] as? Int, 10)
        XCTAssertEqual(summary["closed"] as? Int, 1)
        XCTAssertEqual(try XCTUnwrap(summary["rate"] as? Double), 10.0, accuracy: 0.0001)
        XCTAssertEqual(object["formula"] as? String, "已销号 ÷ (总数 − 撤销)")
        XCTAssertTrue(object["totals"] is NSNull)
        let columns = try XCTUnwrap(object["columns"] as? [[String: String]])
        XCTAssertEqual(columns.first?["key"], "id")
        XCTAssertEqual(columns.first?["header"], "编号")
    }

    func testStatsAndWarningsKeepTheirFooterInJSON() throws {
        let h = Harness.ready()
        h.run("set warning.yellow 5\nclock 2024-08-01\ntransfer add R5-001 --to discipline 线索\ntransfer conclude T-0001 --sanctions 1 --handled 2 --recovered 300 --refunded 40\nissue rule R5-001 制度一")
        h.output = []
        h.run("stats --by unit --format json")
        let stats = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(h.output.joined().utf8)) as? [String: Any])
        let totals = try XCTUnwrap(stats["totals"] as? [String: Any])
        XCTAssertEqual(totals["group"] as? String, "total")
        XCTAssertEqual(totals["issues"] as? Int, 2)
        XCTAssertEqual(try XCTUnwrap(totals["rate"] as? Double), 0, accuracy: 0.0001)
        let summary = try XCTUnwrap(stats["summary"] as? [String: Any])
        for (key, value) in ["sanctions": 1, "handled": 2, "recovered": 300, "refunded": 40, "rules": 1, "transfers": 1, "concluded": 1] {
            XCTAssertEqual(summary[key] as? Int, value, key)
        }
        let notes = try XCTUnwrap(stats["notes"] as? [String])
        XCTAssertTrue(notes.contains("rate 0/2 = 0.00% (closed ÷ (all − withdrawn))"), "\(notes)")
        h.output = []
        h.run("warnings --format json")
        let warnings = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(h.output.joined().utf8)) as? [String: Any])
        let wsummary = try XCTUnwrap(warnings["summary"] as? [String: Any])
        XCTAssertEqual(wsummary["as_of"] as? String, "2024-08-01")
        XCTAssertEqual(wsummary["yellow_days"] as? Int, 5)
        XCTAssertEqual(wsummary["green"] as? Int, 2, "both problems are due 2024-08-08: within 20 days but not 5")
        let rows = try XCTUnwrap(warnings["rows"] as? [[String: Any]])
        let issues = try XCTUnwrap(rows.first?["issues"] as? [[String: Any]])
        // The unit's two reports on the round (双报告), overdue since 2024-07-10, come first as red.
        let problem = issues.first { ($0["id"] as? String)?.hasPrefix("R5-") ?? false }
        XCTAssertEqual(problem?["days_left"] as? Int, 7)
        XCTAssertTrue((warnings["title"] as? String)?.contains("as of 2024-08-01") ?? false)
    }

    func testMarkdownEscapesPipesAndBoldsTotals() {
        let h = Harness.ready()
        h.run("issue add R5 FY \"a|b\" --category conduct")
        h.output = []
        h.run("ledger --format md")
        let md = h.output.joined()
        XCTAssertTrue(md.contains("| R5-003 | FY | a\\|b |"), md)
        XCTAssertTrue(md.contains("|---|---|---|"), md)
        h.output = []
        h.run("stats --by unit --format md")
        XCTAssertTrue(h.output.joined().contains("| **total** | **3** |"), h.output.joined())
    }

    func testTableAlignsChineseCellsAndFitsTheTerminal() {
        let h = Harness(language: .zh)
        h.run(Harness.setup)
        h.run("issue add R5 FY \"公务接待管理不规范,超标准接待、陪餐人数过多、接待清单与公函不符的问题仍较突出\" --category conduct")
        h.run("issue add R5 FY abc --category political")
        h.session.terminalWidth = 100
        h.output = []
        h.run("ledger")
        let lines = h.output.joined().split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.allSatisfy { Layout.width($0) <= 100 || $0.hasPrefix("共") }, lines.joined(separator: "\n"))
        let rows = lines.filter { $0.hasPrefix("R5-") }
        XCTAssertEqual(rows.count, 4)
        XCTAssertTrue(rows[2].contains("…"), "the long title is cut with …: \(rows[2])")
        // The category column starts at the same screen column on every row, whatever the title's width.
        let starts = rows.compactMap { row -> Int? in
            guard let r = ["纪律建设", "廉洁", "作风建设", "政治建设"].compactMap({ row.range(of: $0) }).first else { return nil }
            return Layout.width(String(row[..<r.lowerBound]))
        }
        XCTAssertEqual(starts.count, 4)
        XCTAssertEqual(Set(starts).count, 1, "\(starts)\n" + lines.joined(separator: "\n"))
        let header = lines.first { $0.hasPrefix("编号") } ?? ""
        XCTAssertEqual(header.range(of: "类别").map { Layout.width(String(header[..<$0.lowerBound])) }, starts.first)
    }

    func testOutWritesAPrivateFileAndRefusesToOverwrite() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xuncha-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("台账.csv").path
        let h = Harness.ready()
        h.run("ledger --out \(path)")
        let mode = { (p: String) in (try FileManager.default.attributesOfItem(atPath: p)[.posixPermissions] as? NSNumber)?.intValue }
        XCTAssertEqual(try mode(path), 0o600)
        let first = try Data(contentsOf: URL(fileURLWithPath: path))
        XCTAssertEqual(Array(first.prefix(6)), Array("\u{FEFF}id,".utf8), "the .csv extension picks csv, with its BOM")
        let error = h.fail("ledger --format json --out \(path)")
        XCTAssertTrue(error?.message.en.contains("exists; not overwritten") ?? false, error?.message.en ?? "")
        XCTAssertEqual(error?.hint?.en, "add --force to replace it")
        XCTAssertEqual(error?.position?.column, "ledger --format json --out ".count + 1, "the error points at the file")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), first, "the refused write left the file alone")
        h.run("ledger --format json --out \(path) --force")
        XCTAssertTrue(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("{"))
        XCTAssertEqual(try mode(path), 0o600)
        // A file someone else made readable is replaced by a private one.
        let other = dir.appendingPathComponent("stats.md").path
        try "old".write(toFile: other, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: other)
        h.run("stats --out \(other) --force")
        XCTAssertEqual(try mode(other), 0o600)
        XCTAssertTrue(try String(contentsOfFile: other, encoding: .utf8).contains("| **total** | **2** |"))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted(), ["台账.csv", "stats.md"].sorted(), "no temporary file left")
    }
}
