import Foundation
import XCTest

/// "Did you mean" by edit distance on every kind of word, in both languages, and the variant
/// spellings clerks write (台帐) taken as aliases.
final class SuggestionTests: XCTestCase {
    func error(_ command: String, zh: Bool = false) throws -> String {
        let dir = try Binary.scratch(for: self)
        // Round R1 exists, so that a problem id of it gets as far as its flags' values.
        let r = try Binary.run(["--memory", "-c", "round open R1 第一轮", "-c", command], env: zh ? ["LANG": "zh_CN.UTF-8"] : [:], in: dir)
        XCTAssertEqual(r.status, 1, "\(command) was refused")
        return r.stderr
    }

    func testEveryKindOfWordGetsTheNearestSpelling() throws {
        let cases: [(String, String)] = [
            ("stast", "did you mean \"stats\""),                            // command word, swapped letters
            ("round opne R1 x", "did you mean \"open\""),                   // subcommand
            ("verfiy", "did you mean \"issue verify\""),                    // a subcommand typed alone
            ("ledger --stauts open", "did you mean --status"),              // flag
            ("ledger --status closd", "did you mean closed"),               // status value
            ("ledger --category disciplin", "did you mean discipline"),     // vocabulary value
            ("ledger --format jsno", "did you mean json"),                  // choice
            ("ledger isues", "did you mean issues"),                        // ledger kind
            ("issue verify R1-001 --pass --method onsit", "did you mean onsite"),
            ("help stast", "did you mean stats"),
        ]
        for (command, expected) in cases {
            let text = try error(command)
            XCTAssertTrue(text.contains(expected), "\(command): \(text)")
        }
    }

    func testChineseWordsGetChineseSuggestions() throws {
        XCTAssertTrue(try error("问提 登记 R1 FY x --类别 纪律建设", zh: true).contains("是否要输入“问题”"))
        XCTAssertTrue(try error("台账 --状态 已消号", zh: true).contains("是否要输入 已销号"))
        XCTAssertTrue(try error("轮次 开起 R1 x", zh: true).contains("是否要输入“开启”"))
    }

    func testASingleUnknownCharacterIsNeverToldItMeantQuestionMark() throws {
        for word in ["x", "h", "!", "问"] {
            let text = try error(word)
            XCTAssertFalse(text.contains("did you mean \"?\""), "\(word): \(text)")
            XCTAssertTrue(text.contains("unknown command"), text)
        }
    }

    func testVariantSpellingsAreAliases() throws {
        let dir = try Binary.scratch(for: self)
        let setup = "clock 2024-05-10\nunit add FY 法院\nround open R1 第一轮\nround target R1 FY\nround feedback R1 --on 2024-05-10 --due +90d\n"
            + "issue add R1 FY 问题一 --category discipline\nissue add R1 FY 问题二 --category discipline\n"
        XCTAssertEqual(try Binary.run(["--store", "s.db"], stdin: setup, in: dir).status, 0)
        for command in ["台帐", "统计", "statistics", "warning", "问题 撤消 R1-002 重复登记", "移送 新增 R1-001 --to discipline 线索"] {
            let r = try Binary.run(["--store", "s.db", "-c", command], in: dir)
            XCTAssertEqual(r.status, 0, "\(command): \(r.stderr)")
        }
        let withdrawn = try Binary.run(["--store", "s.db", "-c", "expect status R1-002 withdrawn"], in: dir)
        XCTAssertEqual(withdrawn.status, 0, withdrawn.stderr)
        let transfers = try Binary.run(["--store", "s.db", "-c", "台帐 transfers --format csv"], in: dir)
        XCTAssertTrue(transfers.stdout.contains("T-0001"), transfers.stdout)
    }
}
