import Foundation
import XCTest

/// The demos are part of the program: they play by name from any directory, the list names
/// them, and a script's path still plays that file.
final class BuiltInDemoTests: XCTestCase {
    func testADemoPlaysByNameOutsideTheCheckout() throws {
        let dir = try Binary.scratch(for: self)
        let r = try Binary.run(["play", "zhengzhou"], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("(end of zhengzhou.xc)"), r.stdout)
        XCTAssertTrue(r.stdout.contains("✓ holds"), r.stdout)
        let inShell = try Binary.run(["--memory"], stdin: "play luohe\nexpect count >= 40\n", in: dir)
        XCTAssertEqual(inShell.status, 0, inShell.stderr)
        XCTAssertTrue(inShell.stdout.contains("(end of luohe.xc)"), inShell.stdout)
    }

    func testTheTutorialsLastStepWorksFromAnyDirectory() throws {
        let dir = try Binary.scratch(for: self)
        let help = try Binary.run(["-c", "help tutorial"], in: dir)
        let line = try XCTUnwrap(help.stdout.split(separator: "\n").first { $0.contains("play ") })
        let words = line.split(separator: " ")
        let at = try XCTUnwrap(words.firstIndex(of: "play"))
        let demo = String(words[at + 1])
        // Without a terminal --step plays straight through: the command as the tutorial gives it.
        let r = try Binary.run(["--sandbox"], stdin: "play \(demo) --step\n", in: dir)
        XCTAssertEqual(r.status, 0, "play \(demo) --step: \(r.stderr)")
        XCTAssertTrue(r.stdout.contains("(end of "), r.stdout)
    }

    func testListNamesEveryDemoInBothLanguages() throws {
        let dir = try Binary.scratch(for: self)
        for args in [["play", "--list"], ["--memory", "-c", "play --list"]] {
            let r = try Binary.run(args, in: dir)
            XCTAssertEqual(r.status, 0, r.stderr)
            for name in ["zhengzhou", "luohe", "baoshan", "revisit", "supervision"] {
                XCTAssertTrue(r.stdout.contains("  \(name)  "), "\(args): \(r.stdout)")
            }
            XCTAssertTrue(r.stdout.contains("郑州"), r.stdout)
        }
        let zh = try Binary.run(["--memory", "-c", "演示 --列表"], env: ["LANG": "zh_CN.UTF-8"], in: dir)
        XCTAssertTrue(zh.stdout.contains("内置演示"), zh.stdout)
    }

    func testAPathStillPlaysThatFileAndAnUnknownNameSuggestsTheNearest() throws {
        let dir = try Binary.scratch(for: self)
        // A file in the directory wins over the built-in demo of the same name.
        try "## my own\nunit add MY \"我的单位\"\nexpect count = 0\n".write(to: dir.appendingPathComponent("zhengzhou.xc"), atomically: true, encoding: .utf8)
        let own = try Binary.run(["play", "zhengzhou.xc"], in: dir)
        XCTAssertEqual(own.status, 0, own.stderr)
        XCTAssertTrue(own.stdout.contains("my own") && !own.stdout.contains("郑州"), own.stdout)
        let repo = try Binary.run(["play", Binary.repo.appendingPathComponent("scripts/demo/revisit.xc").path], in: dir)
        XCTAssertEqual(repo.status, 0, repo.stderr)
        let typo = try Binary.run(["--memory", "-c", "play zhengzuo"], in: dir)
        XCTAssertEqual(typo.status, 1)
        XCTAssertTrue(typo.stderr.contains("did you mean zhengzhou"), typo.stderr)
    }
}
