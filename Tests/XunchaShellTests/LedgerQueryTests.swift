import Foundation
import XCTest
import XunchaCore
@testable import XunchaShell

/// The reports leadership reads: unit and leader ledgers, transfers, stats, warnings and slips.
final class LedgerQueryTests: XCTestCase {
    /// Four units: A 1/1 closed, B 1/2, C 0/1 and D with no problem; three transfers.
    static let office = """
    unit add A "甲单位" --secretary 甲书记
    unit add B "乙单位" --secretary 乙书记
    unit add C "丙单位" --secretary 丙书记
    unit add D "丁单位"
    round open R1 "第一轮巡察" --from 2024-03-01 --to +45d
    round target R1 A
    round target R1 B
    round target R1 C
    round feedback R1 --on 2024-05-10 --due +30d
    issue add R1 A 甲问题 --category conduct
    issue add R1 B 乙问题一 --category integrity
    issue add R1 B 乙问题二 --category conduct
    issue add R1 C 丙问题 --category political
    issue assign R1-001 --lead 王五 --owner 赵六 --dept 办公室
    issue assign R1-002 --lead 王五 --owner 赵六 --dept 财务处
    issue assign R1-003 --lead 钱八 --owner 赵六 --dept 财务处 --due 2024-05-20
    issue assign R1-004 --lead 钱八 --owner 周九 --dept 组织处
    issue report R1-001 已整改 --evidence 记录.pdf --signed-by 甲书记
    issue verify R1-001 --pass --by 孙七 --method documents
    issue report R1-002 已整改 --evidence 清单.pdf --signed-by 乙书记
    issue verify R1-002 --pass --by 孙七 --method documents
    transfer add R1-001 --to discipline 线索一
    transfer add R1-003 --to organization 线索二
    transfer add R1-004 --to discipline 线索三
    transfer conclude T-0002 --sanctions 1 --handled 2
    """

    func office(_ language: Language = .en) -> Harness {
        let h = Harness(language: language)
        h.run(Self.office)
        h.output = []
        return h
    }

    func json(_ h: Harness, _ command: String, file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        h.output = []
        h.run(command + " --format json", file: file, line: line)
        let object = try JSONSerialization.jsonObject(with: Data(h.output.joined().utf8))
        return try XCTUnwrap(object as? [String: Any], file: file, line: line)
    }

    func column(_ object: [String: Any], _ key: String) -> [String] {
        ((object["rows"] as? [[String: Any]]) ?? []).map { ($0[key] as? String) ?? "null" }
    }

    func text(_ h: Harness, _ command: String) -> String {
        h.output = []
        h.run(command)
        return h.output.joined(separator: "\n")
    }

    func testUnitsSortByRateAscendingAndFlagTalkCandidates() throws {
        let h = office()
        let units = try json(h, "ledger units --sort rate")
        XCTAssertEqual(column(units, "unit"), ["C", "B", "A", "D"], "lowest rate first; a unit with nothing to count last")
        let rows = try XCTUnwrap(units["rows"] as? [[String: Any]])
        XCTAssertEqual(rows.map { $0["talk"] as? Bool }, [true, true, false, false])
        XCTAssertEqual(rows[1]["rate"] as? Double, 50)
        XCTAssertTrue(rows[3]["rate"] is NSNull)
        XCTAssertEqual(units["summary"].flatMap { ($0 as? [String: Any])?["flagged"] as? [String] }, ["C", "B"])
        XCTAssertEqual(column(try json(h, "ledger units"), "unit"), ["A", "B", "C", "D"])
        XCTAssertEqual(column(try json(h, "ledger units --round R1 --category conduct"), "unit"), ["A", "B", "C"],
                       "a round lists its targets, even one with nothing matching")
        XCTAssertEqual(column(try json(h, "ledger units --category integrity"), "unit"), ["B"])
        h.run("set rate.threshold 40")
        let screen = text(h, "ledger units --sort rate")
        XCTAssertTrue(screen.contains("rate below 40% (rate.threshold), flagged for a talk (约谈): 1 unit(s) — C"), screen)
        XCTAssertTrue(screen.contains("rate 2/4 = 50.00% (closed ÷ (all − withdrawn))"), screen)
        let zh = office(.zh)
        XCTAssertTrue(text(zh, "台账 单位 --sort 整改率").contains("整改率低于 90%（rate.threshold）列为约谈对象：2 个单位 — C、B"))
    }

    func testLeadersAndOverdueSorts() throws {
        let h = office()
        h.run("clock 2024-06-01")
        let leaders = try json(h, "ledger leaders --sort rate")
        XCTAssertEqual(column(leaders, "lead"), ["钱八", "王五"])
        let overdue = try json(h, "ledger --sort overdue")
        XCTAssertEqual(column(overdue, "id"), ["R1-003", "R1-004", "R1-001", "R1-002"], "R1-003 was due 05-20, R1-004 06-09")
        XCTAssertEqual(column(try json(h, "ledger --sort status"), "status"), ["rectifying", "rectifying", "closed", "closed"])
        XCTAssertEqual(column(try json(h, "ledger units --sort overdue"), "unit"), ["B", "A", "C", "D"])
    }

    func testTransfersAreFilteredByTheirProblem() throws {
        let h = office()
        XCTAssertEqual(column(try json(h, "ledger transfers --unit B"), "id"), ["T-0002"])
        XCTAssertEqual(column(try json(h, "ledger transfers --status closed"), "id"), ["T-0001"])
        XCTAssertEqual(column(try json(h, "ledger transfers --lead 钱八"), "id"), ["T-0002", "T-0003"])
        XCTAssertEqual(column(try json(h, "ledger transfers --category political --round R1"), "id"), ["T-0003"])
        XCTAssertEqual(column(try json(h, "ledger transfers --sort status"), "id"), ["T-0001", "T-0003", "T-0002"], "pending first")
        let all = try json(h, "ledger transfers")
        let totals = try XCTUnwrap(all["totals"] as? [String: Any])
        XCTAssertEqual(totals["sanctions"] as? Int, 1)
        XCTAssertEqual(totals["handled"] as? Int, 2)
        XCTAssertTrue(text(h, "ledger transfers").contains("3 transferred, 1 concluded; 1 sanctioned, 2 person-times handled"))
    }

    func testMeaninglessSortsAndUnknownCodesAreRefused() {
        let h = office()
        let rate = h.fail("ledger --sort rate")
        XCTAssertEqual(rate?.message.en, "--sort rate does not apply to ledger issues")
        XCTAssertEqual(rate?.hint?.en, "sort issues by: id, due, unit, status, overdue")
        XCTAssertEqual(rate?.position?.column, 15)
        XCTAssertNotNil(h.fail("ledger units --sort due"))
        XCTAssertNotNil(h.fail("ledger leaders --sort unit"))
        let unit = h.fail("ledger --unit X")
        XCTAssertEqual(unit?.message.en, "no unit X")
        XCTAssertEqual(unit?.position?.column, 15)
        XCTAssertEqual(h.fail("stats --round R9")?.message.en, "no round R9")
        XCTAssertEqual(h.fail("warnings --unit Q")?.message.en, "no unit Q")
    }

    func testStatsShowFormulaTotalsLongtermAndOutcomes() throws {
        let h = office()
        h.run("""
        issue add R1 C 丁问题 --category conduct
        issue withdraw R1-005 重复登记
        issue report R1-004 阶段性整改 --evidence 方案.pdf --signed-by 丙书记
        issue verify R1-004 --longterm --by 孙七 --method onsite
        issue rule R1-001 公务接待管理办法
        issue rule R1-002 财务报销审核制度
        """)
        let screen = text(h, "stats --by unit")
        XCTAssertTrue(screen.contains("rate 2/4 = 50.00% (closed ÷ (all − withdrawn)); 1 in long-term upkeep counted apart"), screen)
        XCTAssertTrue(screen.contains("5 problem(s), 1 withdrawn, 2 closed, 2 open, 0 overdue"), screen)
        XCTAssertTrue(screen.contains("3 transferred, 1 concluded; 1 sanctioned, 2 person-times handled; 0 yuan recovered, 0 yuan refunded"), screen)
        XCTAssertTrue(screen.contains("2 rule(s) established"), screen)
        let stats = try json(h, "stats --by category")
        XCTAssertEqual(column(stats, "group"), ["political", "conduct", "integrity"], "categories in their fixed order")
        let byUnit = try json(h, "stats --by unit")
        let c = try XCTUnwrap((byUnit["rows"] as? [[String: Any]])?.first { $0["group"] as? String == "C" })
        XCTAssertEqual(c["withdrawn"] as? Int, 1)
        XCTAssertEqual(c["counted"] as? Int, 1)
        XCTAssertEqual(c["longterm"] as? Int, 1)
        XCTAssertEqual(c["rate"] as? Double, 0)
        let zh = text(h, "set lang zh\nstats --round R1")
        XCTAssertTrue(zh.contains("整改率 2/4 = 50.00%（已销号 ÷ (总数 − 撤销)）；长期坚持 1 个另计"), zh)
        XCTAssertTrue(zh.contains("移交 3 件，办结 1 件；党纪政务处分 1 人，组织处理 2 人次"), zh)
    }

    func testWarningsAreOneDigestByUnitWithTheSettingsThresholds() throws {
        let h = office()
        // Open: R1-003 due 05-20 (B), R1-004 due 06-09 (C).
        var digest = try json(h, "warnings --as-of 2024-05-15")
        XCTAssertEqual(column(digest, "unit"), ["B"], "C is 25 days out: no colour yet")
        var rows = try XCTUnwrap(digest["rows"] as? [[String: Any]])
        XCTAssertEqual(rows.map { $0["yellow"] as? Int }, [1])
        digest = try json(h, "warnings --as-of 2024-05-25")
        XCTAssertEqual(column(digest, "unit"), ["B", "C"], "the unit with red comes first")
        rows = try XCTUnwrap(digest["rows"] as? [[String: Any]])
        XCTAssertEqual(rows.map { $0["red"] as? Int }, [1, 0])
        XCTAssertEqual(rows.map { $0["green"] as? Int }, [0, 1])
        h.run("set warning.green 30\nset warning.yellow 16")
        rows = try XCTUnwrap(try json(h, "warnings --as-of 2024-05-25")["rows"] as? [[String: Any]])
        XCTAssertEqual(rows.map { $0["yellow"] as? Int }, [0, 1], "warning.yellow is a setting")
        let screen = text(h, "warnings --as-of 2024-05-25 --unit C")
        XCTAssertTrue(screen.contains("warnings as of 2024-05-25 (red = overdue, yellow = due within 16 days, green = within 30)"), screen)
        XCTAssertTrue(screen.contains("R1-004(15d)"), screen)
        XCTAssertFalse(screen.contains("R1-003"), screen)
        XCTAssertTrue(text(h, "warnings --as-of 2024-05-01 --unit A").contains("no warnings"))
    }

    func testSlipIsTheWholeClosureRecord() throws {
        let h = office(.zh)
        h.session.terminalWidth = 60
        h.run("""
        issue progress R1-003 "召开专题会议,逐项清理违规发放的津贴补贴,共清退资金 12.5 万元,并对相关责任人进行了批评教育和诫勉谈话"
        issue report R1-003 已全部清退 --evidence 清退凭证.pdf --evidence 会议纪要.docx --signed-by 乙书记
        clock 2024-05-18
        issue verify R1-003 --pass --by 孙七 --method documents,onsite,survey 三方印证一致
        issue rule R1-003 津贴补贴发放管理办法
        """)
        let slip = text(h, "slip R1-003")
        for part in ["对账销号单 R1-003", "乙问题二", "乙单位", "乙书记", "钱八", "赵六", "财务处", "清退凭证.pdf", "会议纪要.docx",
                     "孙七", "查阅资料、现场检查、问卷（三印证）", "2024-05-18", "津贴补贴发放管理办法", "T-0002", "三方印证一致"] {
            XCTAssertTrue(slip.contains(part), "\(part) missing from\n\(slip)")
        }
        XCTAssertFalse(slip.contains("…"), "a slip is printed whole, never cut:\n\(slip)")
        XCTAssertTrue(slip.contains("诫勉谈话"), "the long measure wraps onto another line")
        XCTAssertTrue(slip.split(separator: "\n").allSatisfy { Layout.width(String($0)) <= 60 || $0.contains("____") }, slip)
        let object = try json(h, "slip R1-003")
        let summary = try XCTUnwrap(object["summary"] as? [String: Any])
        XCTAssertEqual(summary["closed_on"] as? String, "2024-05-18")
        let verification = try XCTUnwrap(summary["verification"] as? [String: Any])
        XCTAssertEqual(verification["methods"] as? [String], ["documents", "onsite", "survey"])
        XCTAssertEqual((summary["report"] as? [String: Any])?["evidence"] as? [String], ["清退凭证.pdf", "会议纪要.docx"])
        let refused = h.fail("slip R1-004")
        XCTAssertEqual(refused?.message.en, "R1-004 is rectifying; a closure slip is only for closed problems")
    }
}
