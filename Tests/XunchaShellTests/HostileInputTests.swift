import XCTest
import XunchaCore
@testable import XunchaShell

/// Input that was accepted before and must not be: each case here was found while attacking the
/// shell with bad input (the bad-input corpus, the fuzzer). Every refusal changes nothing.
final class HostileInputTests: XCTestCase {
    /// `\` followed by ESC used to put the raw escape into a name, and the terminal then ran
    /// it when the name was shown (`unit show`, ledgers). Inside and outside quotes.
    func testABackslashCannotSmuggleAControlCharacter() {
        let h = Harness.ready()
        for line in ["unit add LH a\\\u{1B}[31m", "unit add LH \"a\\\u{1B}[31m\"", "issue progress R5-001 \"x\\\u{7}\""] {
            let e = h.fail(line)
            XCTAssertEqual(e?.message.en, "control character U+\(line.contains("\u{7}") ? "0007" : "001B") is not allowed", line)
            XCTAssertNotNil(e?.position)
        }
        XCTAssertNil(h.session.state.units["LH"])
    }

    /// Direction overrides reorder how a title is displayed (and how an exported script reads);
    /// zero-width spaces make two names that look the same.
    func testInvisibleCharactersAreRefusedWhereTheyAre() {
        let h = Harness.ready()
        let rlo = h.fail("issue progress R5-001 \"已整改\u{202E}未\"")
        XCTAssertEqual(rlo?.message.en, "invisible character U+202E is not allowed (it hides or reorders text)")
        XCTAssertEqual(rlo?.position, SourcePosition(line: 1, column: 27))
        for scalar in ["\u{200B}", "\u{2066}", "\u{200F}", "\u{FEFF}", "\u{2060}"] {
            XCTAssertNotNil(h.fail("issue progress R5-001 \"a\(scalar)b\""), "U+\(String(scalar.unicodeScalars.first?.value ?? 0, radix: 16))")
            XCTAssertNotNil(h.fail("issue progress R5-001 a\\\(scalar)b"), "escaped")
        }
        // A zero-width joiner is part of emoji sequences: allowed in text.
        h.run("issue progress R5-001 \"家庭👨\u{200D}👩\u{200D}👧\"")
    }

    /// Names are compared by their text: a lead who could write himself as `王五 ` or with a
    /// hidden joiner could verify his own problem, defeating the separation of duties.
    func testSeparationOfDutiesCannotBeDodgedWithLookalikeNames() {
        let h = Harness.ready()
        h.run("issue report R5-001 已整改 --evidence a.pdf --signed-by 李四")
        for by in ["\"王五 \"", "\" 王五\"", "王\u{200D}五", "王\u{00AD}五"] {
            let e = h.fail("issue verify R5-001 --pass --by \(by) --method documents")
            XCTAssertEqual(e?.position?.column, 33, by)
            let said = e?.message.en ?? ""
            XCTAssertTrue(said.contains("starts or ends with a space") || said.contains("invisible character"), said)
        }
        XCTAssertNotNil(h.fail("issue verify R5-001 --pass --by 王五 --method documents"), "the lead himself")
        XCTAssertNotNil(h.fail("user \"王\u{200D}五\""))
        XCTAssertNotNil(h.fail("issue assign R5-002 --lead \"孙七 \" --owner 赵六 --dept 财务处"))
        XCTAssertNotNil(h.fail("unit add LH 漯河 --secretary \"\u{200D}\""))
        XCTAssertNotNil(h.fail("issue progress R5-001 \"\u{200D}\u{00AD}\""), "a text of only invisible characters is empty")
        h.run("issue verify R5-001 --pass --by 孙七 --method documents")
    }

    /// `run` of a file that cannot be read, or of the file itself, names the `run` line: the
    /// error used to come out as `<stdin>: error: …` with no line or column.
    func testRunErrorsNameTheRunLine() throws {
        let h = Harness.ready()
        h.files["self.xc"] = "ledger\n  run self.xc\n"
        XCTAssertThrowsError(try h.session.run(file: "self.xc")) { error in
            guard let e = error as? ShellError else { return XCTFail("\(error)") }
            XCTAssertEqual(e.render(file: "self.xc", language: .en), "self.xc:2:7: error: self.xc runs itself")
        }
        let missing = h.fail("ledger\nrun nowhere.xc")
        XCTAssertEqual(missing?.position, SourcePosition(line: 2, column: 5))
        XCTAssertNil(missing?.file)
    }

    /// A typo after `expect fail` used to count as the refusal it expects, so the expectation
    /// held without testing anything.
    func testExpectFailNeedsAWellFormedCommand() {
        let h = Harness.ready()
        let typo = h.fail("expect fail issue verfy R5-001 --pass")
        XCTAssertEqual(typo?.message.en.hasPrefix("expect fail needs a well-formed command with valid values: unknown subcommand \"verfy\""), true)
        XCTAssertEqual(typo?.position, SourcePosition(line: 1, column: 19))
        XCTAssertNotNil(h.fail("expect fail \"issue show R5-999\""))
        var timed = 0
        h.session.timer = { _, _ in timed += 1 }
        h.run("expect fail issue show R5-999")
        XCTAssertEqual(timed, 1, "the refused command is part of the expect line, not a second command")
        h.session.timer = nil
        // An impossible date is the script's mistake, not the refusal it means to show.
        let date = h.fail("expect fail issue assign R5-001 --lead 甲 --owner 乙 --dept 丙 --due 2024-02-30")
        XCTAssertEqual(date?.message.en.hasPrefix("expect fail needs a well-formed command with valid values:"), true)
        XCTAssertEqual(date?.position?.column, 67, "at the date")
        // A real refusal with good values still holds: 王五 leads R5-001 and may not verify it.
        h.run("issue report R5-001 \"已整改\" --evidence 清单.pdf --signed-by 李四\nexpect fail issue verify R5-001 --pass --by 王五")
    }

    /// `--round=` named nothing and filtered everything away; now it asks for the value.
    func testAnEmptyFlagValueIsRefused() {
        let h = Harness.ready()
        for line in ["ledger --round=", "ledger --round \"\"", "issue add R5 FY x --category conduct --due="] {
            XCTAssertEqual(h.fail(line)?.message.en.contains("needs a value"), true, line)
        }
    }
}
