import XCTest
import XunchaCore
@testable import XunchaShell

final class ParserTests: XCTestCase {
    func parse(_ line: String) throws -> Invocation? {
        let lexed = try Lexer.tokenize(line)
        return try Parser.parse(lexed.tokens, end: SourcePosition(line: 1, column: line.unicodeScalars.count + 1))
    }

    func error(_ line: String) -> ShellError? {
        do { _ = try parse(line); return nil } catch { return error as? ShellError }
    }

    func testChineseAliasesReachTheSameCommand() throws {
        XCTAssertEqual(try parse("问题 登记 R5 FY 标题 --category 纪律建设")?.spec.id, .issueAdd)
        XCTAssertEqual(try parse("problem add R5 FY t --category conduct")?.spec.id, .issueAdd)
        XCTAssertEqual(try parse("台账 --overdue")?.spec.id, .ledger)
        XCTAssertEqual(try parse("问题 验收 R5-001 --通过 --by 孙七")?.spec.id, .issueVerify)
        XCTAssertEqual(try parse("ISSUE SHOW R5-001")?.spec.id, .issueShow)
    }

    func testUnknownCommandSuggestsTheNearest() {
        let e = error("isue add R5")
        XCTAssertEqual(e?.position?.column, 1)
        XCTAssertTrue(e?.message.en.contains("did you mean \"issue\"") ?? false, e?.message.en ?? "")
        XCTAssertTrue(error("ledgr")?.message.en.contains("ledger") ?? false)
    }

    func testUnknownSubcommandListsTheKnownOnes() {
        let e = error("issue ad R5")
        XCTAssertEqual(e?.position?.column, 7)
        XCTAssertTrue(e?.message.en.contains("add") ?? false)
        XCTAssertTrue(error("issue")?.message.en.contains("needs a subcommand") ?? false)
    }

    func testMissingAndExtraArguments() {
        let missing = error("issue add R5 FY")
        XCTAssertTrue(missing?.message.en.contains("<title>") ?? false)
        XCTAssertEqual(missing?.position?.column, 16)
        let extra = error("issue show R5-001 R5-002")
        XCTAssertTrue(extra?.message.en.contains("unexpected argument \"R5-002\"") ?? false)
        XCTAssertEqual(extra?.position?.column, 19)
        XCTAssertTrue(error("issue assign R5-001 --lead a --owner b")?.message.en.contains("--dept") ?? false)
    }

    func testFlagErrors() {
        let unknown = error("ledger --overdu")
        XCTAssertTrue(unknown?.message.en.contains("did you mean --overdue") ?? false, unknown?.message.en ?? "")
        XCTAssertEqual(unknown?.position?.column, 8)
        XCTAssertTrue(error("issue assign R5-001 --lead")?.message.en.contains("needs a value") ?? false)
        XCTAssertTrue(error("ledger --overdue=yes")?.message.en.contains("takes no value") ?? false)
        XCTAssertTrue(error("round open R5 t --kind special --kind regular")?.message.en.contains("twice") ?? false)
    }

    func testFlagEqualsFormAndQuotedValues() throws {
        let inv = try parse("issue assign R5-001 --lead=王五 --owner \"赵 六\" --dept=执行局")
        XCTAssertEqual(inv?.flags["lead"]?.first?.text, "王五")
        XCTAssertEqual(inv?.flags["owner"]?.first?.text, "赵 六")
        XCTAssertEqual(inv?.flags["lead"]?.first?.position.column, 28)
    }

    func testCommandRestForExpectFail() throws {
        let inv = try parse("expect fail issue verify R5-001 --pass --by 王五")
        XCTAssertEqual(inv?.rest.map(\.text), ["issue", "verify", "R5-001", "--pass", "--by", "王五"])
    }

    func testHelpIsGeneratedForEveryCommand() {
        // One page written out in both languages: what a user reads, not the table it comes from.
        let h = Harness(), zh = Harness(language: .zh)
        h.run("help unit add")
        zh.run("help unit add")
        XCTAssertEqual(h.output, ["""
        unit add  (单位 新增)  — register an inspected unit
        usage: unit add <code> <name> [--secretary NAME] [--merge]
        aliases: unit/单位 add/新增/添加
          <code>  unit code, e.g. FY or JM-TJ: 1–24 ASCII letters, digits or _, with - or . allowed inside (not first or last)
          <name>  the unit's name
          --secretary NAME  (--书记)  party secretary: the first responsible person
          --merge  (--合并)  brought in from another store: skipped with a note when this ledger holds it identically, refused when it holds it differently
        example: unit add FY "舞阳县人民法院" --secretary 李四
        """])
        // Under zh the Chinese spellings come first, the English beside them.
        XCTAssertEqual(zh.output, ["""
        单位 新增（unit add）— 登记被巡察单位
        用法：单位 新增 <code> <name> [--书记 NAME] [--合并]
        英文：unit add <code> <name> [--secretary NAME] [--merge]
        别名：unit/单位 add/新增/添加
          <code>  单位代码，如 FY 或 JM-TJ：1–24 个英文字母、数字或下划线，中间（非首尾）可含 - 或 .
          <name>  单位名称
          --书记（--secretary） NAME  党组织书记（第一责任人）
          --合并（--merge）  从其他账本合并：本账本已有相同定义时跳过并提示，定义不同时拒绝
        示例：单位 新增 FY "舞阳县人民法院" --书记 李四
              unit add FY "舞阳县人民法院" --secretary 李四
        """])
        for spec in Grammar.commands {
            XCTAssertTrue(spec.words.allSatisfy { w in w.contains { $0.unicodeScalars.contains { $0.value > 0x2E80 } } } || spec.id == .reportHTML,
                          "\(spec.name) lacks a Chinese alias for one of its words")
            XCTAssertNoThrow(try parse(spec.example), "the example of \(spec.name) does not parse")
            // The Chinese example help shows is the same command typed in Chinese.
            let zh = Help.exampleZh(spec)
            let english = try? parse(spec.example), chinese = try? parse(zh)
            XCTAssertNotNil(chinese, "the Chinese example of \(spec.name) does not parse: \(zh)")
            XCTAssertEqual(chinese?.spec.id, english?.spec.id, zh)
            XCTAssertEqual(chinese?.flags.keys.sorted(), english?.flags.keys.sorted(), zh)
        }
        XCTAssertTrue(Help.overview(.zh).contains("问题 登记"))
    }
}
