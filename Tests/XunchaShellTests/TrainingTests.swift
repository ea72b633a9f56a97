import XCTest
import XunchaCore
@testable import XunchaShell

/// Training: `play` with its step keys, narration and expectations, and the tutorial guide.
final class TrainingTests: XCTestCase {
    let demo = """
    ## 第一段解说
    clock 2024-05-01
    unit add FY "舞阳县人民法院" --secretary 李四
    round open R5 "第五轮专项巡察" --kind special
    ## 第二段解说
    round target R5 FY
    unit add JX "第二个单位"
    expect count = 0
    """

    /// A player on a harness session whose pauses are answered from `keys`, in order.
    func player(_ h: Harness, keys: [String?], terminal: Bool = true) -> (Player, () -> Int) {
        var answers = keys
        var asked = 0
        var p = Player(session: h.session, terminal: terminal)
        p.readAnswer = {
            asked += 1
            return answers.isEmpty ? nil : answers.removeFirst()
        }
        p.interrupted = { false }
        p.pause = { _ in false }
        return (p, { asked })
    }

    func testQuitInADemoOrAFileEndsItButNotTheShell() throws {
        let h = Harness()
        h.files["d.xc"] = "unit add FY 甲\nquit\nunit add GY 乙\n"
        h.files["f.xc"] = "unit add HY 丙\nquit\nunit add JY 丁\n"
        let (p, _) = player(h, keys: [], terminal: false)
        _ = try p.play(file: "d.xc", step: false, delay: nil)
        XCTAssertFalse(h.session.wantsQuit, "the shell the demo was played from goes on")
        h.run("run f.xc")
        XCTAssertFalse(h.session.wantsQuit)
        XCTAssertEqual(Set(h.session.state.units.keys), ["FY", "HY"], "nothing after either quit ran")
        h.run("quit")
        XCTAssertTrue(h.session.wantsQuit, "typed at the prompt, quit still ends the shell")
    }

    func testStepShowsNarrationAndCommandThenRunsOnEnterAndQuitStopsBeforeTheShownCommand() throws {
        let h = Harness()
        h.files["d.xc"] = demo
        let (p, asked) = player(h, keys: ["\n", "\r", "q"])
        XCTAssertEqual(try p.play(file: "d.xc", step: true, delay: nil), .quit(line: 4))
        XCTAssertEqual(asked(), 3)
        XCTAssertTrue(h.output.contains("» 第一段解说"), "\(h.output)")
        XCTAssertTrue(h.output.contains("xuncha> unit add FY \"舞阳县人民法院\" --secretary 李四"))
        XCTAssertTrue(h.output.contains("xuncha> round open R5 \"第五轮专项巡察\" --kind special"), "the command quit at is shown")
        XCTAssertNotNil(h.session.state.units["FY"])
        XCTAssertNil(h.session.state.rounds["R5"], "nothing after the quit point ran")
        XCTAssertFalse(h.output.contains("» 第二段解说"))
        XCTAssertTrue(h.output.last?.contains("stopped before line 4") ?? false, "\(h.output)")
    }

    func testEndOfInputAndControlKeysQuit() throws {
        for key in [nil, "\u{3}", "\u{4}", "Q"] as [String?] {
            let h = Harness()
            h.files["d.xc"] = demo
            let (p, _) = player(h, keys: [key])
            XCTAssertEqual(try p.play(file: "d.xc", step: true, delay: nil), .quit(line: 2), "\(String(describing: key))")
            XCTAssertNil(h.session.clock, "the first command did not run")
        }
    }

    func testRunOnToTheNextNarrationAndUnknownKeysAskAgain() throws {
        let h = Harness()
        h.files["d.xc"] = demo
        // c runs the first paragraph without pausing; x is not a key (the keys are shown again);
        // the second paragraph pauses again and q quits before `unit add JX`.
        let (p, asked) = player(h, keys: ["c", "x", "\n", "q"])
        XCTAssertEqual(try p.play(file: "d.xc", step: true, delay: nil), .quit(line: 7))
        XCTAssertEqual(asked(), 4)
        XCTAssertNotNil(h.session.state.rounds["R5"])
        XCTAssertEqual(h.session.state.rounds["R5"]?.targets, ["FY"])
        XCTAssertNil(h.session.state.units["JX"])
        XCTAssertEqual(h.output.filter { $0.hasPrefix("[step]") }.count, 2, "keys shown at the start and after x")
    }

    func testSkipHidesTheNarration() throws {
        let h = Harness()
        h.files["d.xc"] = demo.replacingOccurrences(of: "expect count = 0", with: "expect count = 0\n## 结束")
        // s hides the narration and leaves the command waiting: Enter runs it.
        let (p, _) = player(h, keys: ["s", "\n", "\n", "\n", "\n", "\n", "\n"])
        XCTAssertEqual(try p.play(file: "d.xc", step: true, delay: nil), .finished)
        XCTAssertTrue(h.output.contains("» 第一段解说"))
        XCTAssertFalse(h.output.contains("» 第二段解说"), "s hid the narration")
        XCTAssertFalse(h.output.contains("» 结束"))
    }

    func testWithoutATerminalStepRunsStraightThroughAndAFailedExpectationNamesItsLine() {
        let h = Harness()
        h.files["d.xc"] = demo.replacingOccurrences(of: "expect count = 0", with: "expect count = 1\nunit add NEVER never")
        let (p, asked) = player(h, keys: [], terminal: false)
        XCTAssertThrowsError(try p.play(file: "d.xc", step: true, delay: nil)) { error in
            XCTAssertEqual((error as? ShellError)?.render(file: "x", language: .en),
                           "d.xc:8:1: error: expectation failed: count is 0, expected = 1")
        }
        XCTAssertNil(h.session.state.units["NEVER"], "play stopped at the failed expectation")
        XCTAssertEqual(asked(), 0, "no pause without a terminal")
        XCTAssertNotNil(h.session.state.units["JX"], "everything before the failed line ran")
    }

    func testExpectationsThatHoldAreShownAndTheEndIsSaid() throws {
        let h = Harness()
        h.files["d.xc"] = demo.replacingOccurrences(of: "expect count = 0", with: "expect count = 0\nexpect fail unit add FY again")
        let (p, _) = player(h, keys: [], terminal: false)
        XCTAssertEqual(try p.play(file: "d.xc", step: false, delay: 0), .finished)
        XCTAssertTrue(h.output.contains("✓ holds"))
        XCTAssertTrue(h.output.contains("✓ refused, as expected"))
        XCTAssertEqual(h.output.last, "(end of d.xc)")
    }

    func testCtrlCWhileRunningStopsAfterTheCurrentCommand() throws {
        let h = Harness()
        h.files["d.xc"] = demo
        var p = Player(session: h.session, terminal: false)
        var ran = 0
        p.interrupted = { ran += 1; return ran == 2 }
        XCTAssertEqual(try p.play(file: "d.xc", step: false, delay: nil), .interrupted(line: 3))
        XCTAssertNotNil(h.session.state.units["FY"])
        XCTAssertNil(h.session.state.rounds["R5"])
    }

    func testDelaySpellings() {
        XCTAssertEqual(Player.seconds("1s"), 1)
        XCTAssertEqual(Player.seconds("0.5"), 0.5)
        XCTAssertEqual(Player.seconds("2秒"), 2)
        XCTAssertEqual(Player.seconds("0"), 0)
        XCTAssertNil(Player.seconds("soon"))
        XCTAssertNil(Player.seconds("-1"))
        XCTAssertNil(Player.seconds("61"))
    }

    // MARK: tutorial

    /// Every step of the tutorial, in both spellings, does what the guide says on a fresh
    /// ledger, and the guide moves on step by step to the end.
    func testTheTutorialStepsWorkAndTheGuideFollowsThem() throws {
        for language in [Language.en, .zh] {
            let h = Harness(language: language)
            let guide = TutorialGuide(language: language)
            XCTAssertTrue(guide.start().contains(Tutorial.steps[0].command(language)))
            for (n, step) in Tutorial.steps.enumerated() {
                let tokens = try Lexer.tokenize(step.command(language)).tokens
                var failure: ShellError?
                do { try h.session.execute(tokens: tokens, end: SourcePosition(line: 1, column: 999)) } catch { failure = error }
                XCTAssertEqual(failure != nil, step.refused, "step \(n + 1) \(step.command(language)): \(String(describing: failure))")
                let next = guide.observe(tokens, error: failure)
                XCTAssertNotNil(next, "the guide moves on after step \(n + 1)")
            }
            XCTAssertTrue(guide.finished)
            XCTAssertEqual(h.session.state.issues["R5-001"]?.status, .closed)
            XCTAssertTrue(h.output.contains { $0.contains(language == .zh ? "黄" : "yellow") }, "the warning turned yellow")
        }
    }

    func testTheGuideIgnoresOtherCommandsAndForgivesSkippingTheRefusedExample() throws {
        let guide = TutorialGuide(language: .en)
        func tokens(_ s: String) throws -> [Token] { try Lexer.tokenize(s).tokens }
        XCTAssertNil(guide.observe(try tokens("ledger"), error: nil), "exploring is not a step")
        XCTAssertEqual(guide.index, 0)
        XCTAssertNil(guide.observe(try tokens("clock 2024-05-01"), error: ShellError(en: "x", zh: "x")), "a refused step 1 is not done")
        XCTAssertNotNil(guide.observe(try tokens("clock 2024-05-01"), error: nil))
        XCTAssertEqual(guide.index, 1)
        // Jump to just before the refused verification, then do the accepted one directly.
        let refused = try XCTUnwrap(Tutorial.steps.firstIndex { $0.refused })
        while guide.index < refused { _ = guide.observe(try tokens(Tutorial.steps[guide.index].en), error: nil) }
        XCTAssertNotNil(guide.observe(try tokens(Tutorial.steps[refused + 1].en), error: nil))
        XCTAssertEqual(guide.index, refused + 2)
    }

    func testHelpTutorialListsEveryStepInTheSessionLanguage() {
        let h = Harness(language: .zh)
        h.run("help tutorial")
        let text = h.output.joined(separator: "\n")
        for step in Tutorial.steps { XCTAssertTrue(text.contains(step.zh), step.zh) }
        XCTAssertTrue(text.contains("xuncha --tutorial"))
    }
}
