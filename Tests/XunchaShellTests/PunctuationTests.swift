import XCTest
import XunchaCore
@testable import XunchaShell

/// Chinese text uses full-width punctuation (docs/ARCHITECTURE.md, "Punctuation in Chinese
/// text"): an ASCII `,:;()?!` touching a Chinese character is a defect, except inside quoted
/// text (what a user typed), a command example, and a formula's operators.
final class PunctuationTests: XCTestCase {
    /// The ASCII marks of `text` that touch a Chinese character, spaces between them skipped,
    /// each with a little of its surroundings.
    static func offences(_ text: String) -> [String] {
        var found: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let scalars = Array(prose(String(line)).unicodeScalars)
            for (n, s) in scalars.enumerated() where ",:;()?!".unicodeScalars.contains(s) {
                if touchesChinese(scalars, n, step: -1) || touchesChinese(scalars, n, step: 1) {
                    let from = max(0, n - 8), to = min(scalars.count, n + 9)
                    var around = ""
                    around.unicodeScalars.append(contentsOf: scalars[from..<to])
                    found.append(around)
                }
            }
        }
        return found
    }

    static func touchesChinese(_ scalars: [Unicode.Scalar], _ n: Int, step: Int) -> Bool {
        var k = n + step
        while k >= 0, k < scalars.count, scalars[k] == " " { k += step }
        guard k >= 0, k < scalars.count else { return false }
        let v = scalars[k].value
        return (0x3400...0x9FFF).contains(v) || (0xF900...0xFAFF).contains(v)
    }

    /// `line` without what the rule keeps as typed: quoted text, a command example after
    /// `例如`, the `file:line:col: ` of an error, the date forms, and the formulas, whose
    /// parentheses are operators.
    static func prose(_ line: String) -> String {
        var s = line
        for syntax in [Rate.formula.zh, Coverage.formula.zh, DateParser.forms] { s = s.replacingOccurrences(of: syntax, with: "F") }
        if let place = s.firstMatch(of: #/^\S+:\d+:\d+: /#) { s = String(s[place.range.upperBound...]) }
        if let example = s.range(of: "例如 ") { s = String(s[..<example.lowerBound]) }
        var out = "", closing: Character?
        for ch in s {
            if let c = closing {
                if ch == c { closing = nil }
            } else if ch == "\"" || ch == "“" || ch == "「" {
                closing = ch == "\"" ? "\"" : (ch == "“" ? "”" : "」")
                out.append("Q")
            } else {
                out.append(ch)
            }
        }
        return out
    }

    func testTheCheckFindsHalfWidthMarksInChineseProseOnly() {
        XCTAssertEqual(Self.offences("3 个问题(其中 1 个逾期)").count, 2)
        XCTAssertEqual(Self.offences("无法读取 a.xc: 没有此文件").count, 1)
        XCTAssertEqual(Self.offences("是否要输入 R5-001?").count, 0, "an id before ? is not touched by Chinese")
        XCTAssertEqual(Self.offences("已销号,未销号").count, 1)
        XCTAssertEqual(Self.offences("3 个问题（其中 1 个逾期）；R5-003,R5-007").count, 0)
        XCTAssertEqual(Self.offences("拒绝信息“集中执行攻坚,157起”").count, 0, "quoted text is kept as typed")
        XCTAssertEqual(Self.offences("整改率 1/2 = 50.00%（\(Rate.formula.zh)）").count, 0)
    }

    func testEveryChineseHelpTextOfTheGrammarIsFullWidth() {
        for spec in Grammar.commands {
            var texts = [spec.summary.zh]
            texts += spec.params.map(\.help.zh)
            texts += spec.flags.map(\.help.zh)
            for text in texts {
                XCTAssertEqual(Self.offences(text), [], "\(spec.name): \(text)")
            }
        }
    }

    func testEveryChineseHelpPageTheOverviewAndTheTutorialAreFullWidth() {
        var pages = [Help.overview(.zh), Tutorial.ending.zh]
        for spec in Grammar.commands {
            // The English usage and the example typed in English are syntax, shown as they are typed.
            let lines = Help.command(spec, .zh).split(separator: "\n").map(String.init)
            pages.append(lines.filter { !$0.hasPrefix("英文：") && !$0.hasPrefix("示例：") && !$0.hasPrefix("      ") }
                .joined(separator: "\n"))
        }
        pages += Tutorial.steps.map(\.why.zh)
        for page in pages {
            XCTAssertEqual(Self.offences(page), [], page)
        }
    }

    func testTheBuiltInDemosNarrateWithFullWidthMarks() {
        for demo in Demos.all {
            let narration = String(decoding: demo.bytes, as: UTF8.self).split(separator: "\n").filter { $0.hasPrefix("##") }
            for line in narration {
                XCTAssertEqual(Self.offences(String(line)), [], "\(demo.name): \(line)")
            }
        }
    }

    /// What a Chinese session prints: confirmations, views, ledgers, figures and refusals,
    /// built from words and values in code as much as from literals.
    func testWhatAChineseSessionPrintsIsFullWidth() {
        let h = Harness(language: .zh)
        h.run(Harness.setup)
        h.run("""
        round team R5 第一巡察组 --leader 张三
        issue progress R5-001 已开展集中执行
        issue report R5-001 已整改 --evidence 清单 --signed-by 李四
        issue verify R5-001 --fail --by 孙七 --method documents
        issue report R5-001 已再次整改 --evidence 清单 --signed-by 李四
        issue verify R5-001 --pass --by 孙七 --method documents,onsite
        issue rule R5-001 执行工作制度
        transfer add R5-002 违规发放线索 --to discipline
        urge FY 请加快整改 --kind letter --issue R5-002
        check FY --round R5 --on 2024-05-10 --by 第一督查组 --compared report,ledger 台账与实际不符
        issue add R5 FY 公务接待不规范 --category conduct
        issue assign R5-003 --lead 王五 --owner 赵六 --dept 办公室
        issue report R5-003 已整改 --evidence 清单 --signed-by 李四
        issue verify R5-003 --fail --by 孙七 --method documents
        round open R6 第六轮巡察 --from 2024-04-01 --to +30d
        round target R6 FY
        issue rule R5-001 第二项制度
        clock +120d
        """)
        let shown = [
            "ledger", "ledger --round R5", "ledger units", "ledger leaders", "ledger transfers", "ledger checks",
            "stats", "stats --coverage", "warnings", "issue show R5-001", "issue show R5-002", "round show R5",
            "unit show FY", "slip R5-001", "history", "audit log", "clock", "user", "undo",
        ]
        for line in shown { h.run(line) }
        let refused = [
            "issue verify R5-002 --pass --by 王五", "issue assign R5-009", "round close R5", "issue add R5 FY",
            "ledger --status 错误", "issue show R9-001", "round opne R6", "issue verify R5-001 --pass --bogus x",
            "clock 2024-02-30", "round open R5 重复", "issue report R5-002 x --signed-by 赵六",
            "check FY --round R6 --compared report 无",
        ]
        var errors: [String] = []
        for line in refused {
            if let e = h.fail(line) { errors.append(e.render(file: "test.xc", language: .zh)) }
        }
        XCTAssertEqual(errors.count, refused.count)
        for text in h.output + h.errors + errors {
            XCTAssertEqual(Self.offences(text), [], text)
        }
    }
}

/// A Chinese message names a command as it is typed in Chinese, the English beside it, and a
/// command it suggests can be typed as it is shown.
final class ChineseCommandNameTests: XCTestCase {
    func testMissingFlagsAndUnknownWordsNameTheCommandInChinese() {
        let h = Harness(language: .zh)
        h.run(Harness.setup)
        XCTAssertEqual(h.fail("issue assign R5-002 --lead 王五")?.message.zh,
                       "问题 分解（issue assign）缺少 2 个选项：--责任领导（--owner）、--责任处室（--dept）")
        XCTAssertEqual(h.fail("issue verify R5-001 --bogus")?.message.zh, "问题 验收（issue verify）没有选项 --bogus")
        XCTAssertEqual(h.fail("round opne R6")?.message.zh,
                       "轮次（round）没有子命令“opne”；可用：开启、巡察组、对象、反馈、报告、关闭、查看、列表（是否要输入“open”？）")
        XCTAssertEqual(h.fail("issue report R5-002 已整改 --evidence 清单 --signed-by 李四")?.hint?.zh,
                       "请先执行：问题 分解 R5-002 --牵头领导 … --责任领导 … --责任处室 …")
    }

    func testTheCommandAHintSuggestsRunsAsShown() throws {
        let h = Harness(language: .zh)
        h.run(Harness.setup)
        h.run("单位 新增 JY 舞阳县交通局")
        let hint = try XCTUnwrap(h.fail("问题 登记 R5 JY 公车私用 --类别 作风建设")?.hint?.zh)
        XCTAssertEqual(hint, "先执行：轮次 对象 R5 JY")
        h.run(String(hint.dropFirst("先执行：".count)))
        h.run("问题 登记 R5 JY 公车私用 --类别 作风建设")
        XCTAssertEqual(h.output.last, "已登记 R5-003：公车私用（时限 2024-08-08）")
    }
}
