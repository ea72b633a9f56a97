import Foundation
import XCTest

/// Batch use: files, standard input and -c, with errors as FILE:LINE:COL on stderr.
final class BatchTests: XCTestCase {
    let setup = """
    clock 2024-05-10
    unit add FY "舞阳县人民法院" --secretary 李四
    round open R5 "第五轮专项巡察" --kind special
    round target R5 FY
    round feedback R5 --on 2024-05-10 --due +90d
    issue add R5 FY "执行工作韧劲不足" --category discipline --source visit
    """

    func testStandardInputIsOneFileNamedStdin() throws {
        let dir = try Binary.scratch(for: self)
        let ok = try Binary.run(["--store", "s.db"], stdin: setup, in: dir)
        XCTAssertEqual(ok.status, 0, ok.stderr)
        let bad = try Binary.run(["--store", "s.db"], stdin: "issue progress R5-001 ok\nissue assign R5-001 --lead 王五 --owner 赵六\n", in: dir)
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.hasPrefix("<stdin>:2:"), bad.stderr)
        XCTAssertTrue(bad.stderr.contains("needs --dept"), bad.stderr)
        let show = try Binary.run(["--store", "s.db", "-c", "issue show R5-001"], in: dir)
        XCTAssertFalse(show.stdout.contains("progress"), "line 1 of the failed input was not applied")
    }

    func testChineseErrorsUnderAChineseLocale() throws {
        let dir = try Binary.scratch(for: self)
        let r = try Binary.run(["--memory", "-c", "问题 查看 R5-001"], env: ["LANG": "zh_CN.UTF-8"], in: dir)
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("错误：没有轮次 R5"), r.stderr)
        let en = try Binary.run(["--memory", "-c", "issue show R5-001"], env: ["LANG": "C.UTF-8"], in: dir)
        XCTAssertTrue(en.stderr.contains("error: no round R5"), en.stderr)
    }

    func testStoreFilesArePrivate() throws {
        try Binary.sqliteOnly("the mode of the store's file")
        let dir = try Binary.scratch(for: self)
        let r = try Binary.run(["--store", "s.db"], stdin: setup, in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        let attrs = try FileManager.default.attributesOfItem(atPath: dir.appendingPathComponent("s.db").path)
        XCTAssertEqual((attrs[.posixPermissions] as? NSNumber)?.intValue, 0o600)
    }

    func testBadInputNeverCrashesTheProcess() throws {
        let dir = try Binary.scratch(for: self)
        let hostile: [String] = ["\"unterminated", "issue add R5 FY", "clock 2024-02-30", "round open R5 x --kind nope",
                                 "transfer conclude T-0001 --recovered 99999999999999999999999", "ledger --due-within forever",
                                 String(repeating: "问", count: 300_000), "issue\u{1}add", "「」", "--flag", "expect fail", "help nope"]
        for line in hostile {
            let r = try Binary.run(["--memory"], stdin: setup + "\n" + line + "\n", in: dir)
            XCTAssertEqual(r.status, 1, "\(line.prefix(40)): \(r.stderr)")
            XCTAssertTrue(r.stderr.hasPrefix("<stdin>:7:"), "\(line.prefix(40)): \(r.stderr.prefix(200))")
        }
        // Invalid UTF-8 as raw bytes: the column is the first bad byte's character position.
        let raw = try Binary.run(["--memory"], bytes: Array("ledger\n问题".utf8) + [0xC3, 0x28, 0x0A], in: dir)
        XCTAssertEqual(raw.status, 1)
        XCTAssertTrue(raw.stderr.hasPrefix("<stdin>:2:3: error: invalid UTF-8"), raw.stderr)
    }
}
