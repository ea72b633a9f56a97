import Foundation
import XCTest
import XunchaCore
@testable import XunchaShell

/// `report html`: what the page says, that nothing from the ledger can break out of its text,
/// and that the page stands alone.
final class ReportTests: XCTestCase {
    var dir = ""

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("xuncha-report-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: dir)
    }

    func report(_ h: Harness, _ flags: String = "", file: String = "r.html") throws -> String {
        h.run("report html \(dir)/\(file) \(flags)")
        return try String(contentsOfFile: "\(dir)/\(file)", encoding: .utf8)
    }

    static let hostile = #"<script>alert(1)</script> & "q" 'a' </svg>"#
    static let escaped = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot; &#39;a&#39; &lt;/svg&gt;"

    func testLedgerTextIsEscapedEverywhereAndThePageStandsAlone() throws {
        let h = Harness()
        h.run("""
        unit add EV 「U\(Self.hostile)」 --secretary 李四
        round open R5 「R\(Self.hostile)」 --kind special
        round target R5 EV
        round feedback R5 --on 2024-05-10 --due +20d
        issue add R5 EV 「T\(Self.hostile)」 --category conduct
        issue assign R5-001 --lead 王五 --owner 赵六 --dept 办公室
        issue rule R5-001 「W\(Self.hostile)」
        transfer add R5-001 --to discipline 「S\(Self.hostile)」
        """)
        h.session.user = "P\(Self.hostile)"
        let html = try report(h, "--round R5")
        for prefix in ["U", "R", "T", "W", "S", "P"] {
            XCTAssertFalse(html.contains(prefix + Self.hostile), "\(prefix): raw text reached the page")
            XCTAssertTrue(html.contains(prefix + Self.escaped), "\(prefix): escaped text missing")
        }
        // In an attribute: the problem's title is the tooltip of its warning chip.
        XCTAssertTrue(html.contains("title=\"R5-001 T\(Self.escaped)"), "attribute not escaped")
        // Inside the SVG: the unit's name in the bar's <title> and (cut to fit) its <text>.
        let svgStart = try XCTUnwrap(html.range(of: "<svg"))
        let svgEnd = try XCTUnwrap(html.range(of: "</svg>", range: svgStart.upperBound..<html.endIndex))
        let chart = String(html[svgStart.lowerBound..<svgEnd.upperBound])
        XCTAssertTrue(chart.contains("<title>EV U\(Self.escaped)"), chart)
        XCTAssertTrue(chart.contains(">U&lt;script&gt;"), chart)
        XCTAssertEqual(html.components(separatedBy: "<svg").count, html.components(separatedBy: "</svg>").count)
        XCTAssertEqual(html.components(separatedBy: "<svg").count - 1, 3)

        let lower = html.lowercased()
        XCTAssertFalse(lower.contains("<script"), "a script element on the page")
        for external in ["http:", "https:", "src=", "href=", "@import", "<link", "<img", "<iframe", "<object"] {
            XCTAssertFalse(lower.contains(external), "the page references something outside: \(external)")
        }
        var rest = Substring(lower)
        while let r = rest.range(of: "url(") {
            XCTAssertTrue(rest[r.upperBound...].hasPrefix("data:"), "url( to something other than data:")
            rest = rest[r.upperBound...]
        }
    }

    func testHeadlineUsesTheStrictRateAndItsFormula() throws {
        let h = Harness.ready()
        h.run("""
        issue add R5 FY 长期问题 --category political
        issue add R5 FY 重复登记 --category political
        issue withdraw R5-004 重复
        issue assign R5-002 --lead 王五 --owner 赵六 --dept 财务处
        issue assign R5-003 --lead 王五 --owner 赵六 --dept 办公室
        issue report R5-002 已整改 --evidence a --signed-by 李四
        issue verify R5-002 --pass --by 孙七 --method documents
        issue report R5-003 持续整改 --evidence b --signed-by 李四
        issue verify R5-003 --longterm --by 孙七 --method documents
        """)
        h.session.language = .zh
        let html = try report(h)
        // Written out, not built with the function under test: 4 problems, 1 withdrawn, 1 closed,
        // 1 in long-term upkeep that stays in the denominator.
        let headline = "整改率 1/3 = 33.33%（已销号 ÷ (总数 − 撤销)）；长期坚持 1 个另计"
        XCTAssertTrue(html.contains(HTML.escape(headline)), "the headline states the strict rate and its formula")
        h.output = []
        h.run("stats")
        XCTAssertTrue(h.output.joined().contains(headline), "stats and the report agree")
    }

    func testUnitsBelowTheThresholdAreMarkedAndLabelled() throws {
        let h = Harness.ready()
        h.run("""
        unit add OK 「达标单位」
        round target R5 OK
        issue add R5 OK 已整改问题 --category conduct
        issue assign R5-003 --lead 王五 --owner 赵六 --dept 办公室
        issue report R5-003 已整改 --evidence a --signed-by 李四
        issue verify R5-003 --pass --by 孙七 --method documents
        set rate.threshold 80
        """)
        h.session.language = .zh
        let html = try report(h)
        XCTAssertEqual(html.components(separatedBy: "▼ 低于约谈线").count - 1, 1, "exactly one unit is below 80%")
        XCTAssertTrue(html.contains("约谈线 80%"))
        // The low unit (FY, 0/2) comes first and in the low colour; the other in the normal one.
        let fy = try XCTUnwrap(html.range(of: "<title>FY 舞阳县人民法院：0/2 = 0.00%</title>"))
        let ok = try XCTUnwrap(html.range(of: "<title>OK 达标单位：1/1 = 100.00%</title>"))
        XCTAssertLessThan(fy.lowerBound, ok.lowerBound)
        let fyRow = html[fy.upperBound..<ok.lowerBound]
        XCTAssertTrue(fyRow.contains("fill=\"\(SVGCharts.Palette.low)\""), String(fyRow))
        XCTAssertTrue(html[ok.upperBound...].contains("fill=\"\(SVGCharts.Palette.bar)\""))
    }

    func testWarningsFollowTheAsOfDate() throws {
        let h = Harness.ready()
        h.session.language = .zh
        // Due 2024-08-08: yellow five days before, red (overdue 3 days) three days after.
        let before = try report(h, "--as-of 2024-08-03", file: "a.html")
        XCTAssertTrue(before.contains("<span class=\"chip yellow\" title=\"R5-001 执行工作韧劲不足 — 时限 2024-08-08\">R5-001 · 剩 5 天</span>"), before)
        XCTAssertTrue(before.contains("截至 2024-08-03"))
        let after = try report(h, "--as-of 2024-08-11", file: "b.html")
        XCTAssertTrue(after.contains("<span class=\"chip red\""))
        XCTAssertTrue(after.contains("R5-001 · 逾期 3 天"), after)
        let quiet = try report(h, "--as-of 2024-06-01", file: "c.html")
        XCTAssertTrue(quiet.contains("没有逾期或临期的问题"))
    }

    func testEnglishSessionGetsEnglishLabels() throws {
        let h = Harness.ready()
        h.run("transfer add R5-002 --to discipline 线索\ntransfer conclude T-0001 --sanctions 2 --handled 3 --recovered 1125210")
        let html = try report(h)
        for label in ["Inspection rectification report", "Rectification rate by unit", "Transfers and outcomes", "Rules established",
                      "people sanctioned", "1,125,210", "<html lang=\"en\">"] {
            XCTAssertTrue(html.contains(label), label)
        }
        for label in ["整改率", "各单位", "移交事项"] { XCTAssertFalse(html.contains(label), label) }
        XCTAssertTrue(h.output.last?.contains("report written to \(dir)/r.html") ?? false, "\(h.output)")
    }

    func testFileIsPrivateAndNotOverwrittenWithoutForce() throws {
        let h = Harness.ready()
        _ = try report(h)
        let mode = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: "\(dir)/r.html")[.posixPermissions] as? Int)
        XCTAssertEqual(mode, 0o600)
        let e = h.fail("report html \(dir)/r.html")
        XCTAssertTrue(e?.message.en.contains("exists; not overwritten") ?? false)
        XCTAssertEqual(e?.position?.column, 13)
        h.run("report html \(dir)/r.html --force")
        let unknown = h.fail("report html \(dir)/x.html --round R9")
        XCTAssertTrue(unknown?.message.en.contains("R9") ?? false, "\(String(describing: unknown))")
        XCTAssertFalse(FileManager.default.fileExists(atPath: "\(dir)/x.html"))
    }
}
