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

    func testEveryCommandSpellingOfDesignIsParsable() throws {
        // The command spellings are a contract: these spellings must keep working.
        let lines = [
            "round open R5 \"第五轮专项巡察\" --kind special --from 2024-03-01 --to 2024-04-15",
            "round team R5 \"第二巡察组\" --leader 张三", "unit add FY \"舞阳县人民法院\" --secretary 李四", "round target R5 FY",
            "round feedback R5 --on 2024-05-10 --due +90d",
            "issue add R5 FY \"执行工作韧劲不足\" --category discipline --source visit --immediate --due 2024-08-01",
            "issue assign R5-001 --lead 王五 --owner 赵六 --dept 执行局 --handler 钱八 --due +30d",
            "issue progress R5-001 \"集中执行攻坚,157起案件执结\"",
            "issue report R5-001 \"已整改\" --evidence \"执结清单.pdf\" --signed-by 李四",
            "issue verify R5-001 --pass --by 孙七 --method documents,onsite,survey",
            "issue reopen R5-001 \"回头看发现反弹\"", "issue withdraw R5-002 \"重复登记\"", "issue rule R5-001 \"执行案件督办制度\"",
            "issue show R5-001", "transfer add R5-001 --to discipline \"违规发放补贴线索\"",
            "transfer conclude T-0001 --sanctions 2 --handled 3 --recovered 11252100", "urge FY --kind talk \"整改到位率偏低\"",
            "ledger issues --round R5 --unit FY --status closed --lead 王五 --category conduct --overdue --due-within 10d --format csv --out x.csv",
            "ledger transfers", "ledger units", "ledger leaders", "stats --round R5 --by unit", "warnings --unit FY", "slip R5-001",
            "run f.xc --keep-going --check", "play f.xc --step", "play f.xc --delay 1s", "clock 2024-05-10", "clock now", "clock",
            "user 孙七", "user", "set verify.methods 3", "expect status R5-001 closed", "expect rate --round R5 = 90.56%",
            "expect count --round R5 = 3", "expect fail issue verify R5-001 --pass", "undo", "help", "help issue add",
            "export script out.xc", "audit verify", "audit digest", "audit log --issue R5-001 --user 孙七",
        ]
        for line in lines {
            XCTAssertNoThrow(try parse(line), line)
        }
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
        for spec in Grammar.commands {
            let en = Help.command(spec, .en)
            XCTAssertTrue(en.contains("usage: " + spec.name), spec.name)
            XCTAssertTrue(en.contains("example: "), spec.name)
            XCTAssertTrue(Help.command(spec, .zh).contains("用法"), spec.name)
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
