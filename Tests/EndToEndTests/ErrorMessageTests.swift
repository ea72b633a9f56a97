import Foundation
import XCTest

/// Errors that say everything at once and name the real reason.
final class ErrorMessageTests: XCTestCase {
    func store() throws -> URL {
        let dir = try Binary.scratch(for: self)
        let setup = "clock 2024-05-10\nunit add FY 法院\nround open R8 第八轮\nround target R8 FY\nround feedback R8 --on 2024-05-10 --due +90d\n"
            + "issue add R8 FY 问题一 --category discipline\n"
        XCTAssertEqual(try Binary.run(["--store", "s.db"], stdin: setup, in: dir).status, 0)
        return dir
    }

    func testEveryMissingRequiredFlagIsNamedInOneMessage() throws {
        let dir = try store()
        let en = try Binary.run(["--store", "s.db", "-c", "issue assign R8-001"], in: dir)
        XCTAssertEqual(en.status, 1)
        XCTAssertTrue(en.stderr.contains("issue assign needs --lead, --owner and --dept"), en.stderr)
        let zh = try Binary.run(["--store", "s.db", "-c", "问题 分解 R8-001 --lead 王五"], env: ["LANG": "zh_CN.UTF-8"], in: dir)
        XCTAssertTrue(zh.stderr.contains("缺少 2 个选项：--责任领导（--owner）、--责任处室（--dept）"), zh.stderr)
        // The hint is the example typed in Chinese.
        XCTAssertTrue(zh.stderr.contains("例如 问题 分解 R5-001 --牵头领导 王五 --责任领导 赵六 --责任处室 执行局"), zh.stderr)
        let one = try Binary.run(["--store", "s.db", "-c", "issue assign R8-001 --lead 王五 --owner 赵六"], in: dir)
        XCTAssertTrue(one.stderr.contains("issue assign needs --dept:"), one.stderr)
    }

    func testAnIdOfARoundThatDoesNotExistSaysSo() throws {
        let dir = try store()
        for command in ["issue show R9-001", "issue progress R9-001 进展", "slip R9-001", "urge FY --kind talk x --issue R9-001"] {
            let r = try Binary.run(["--store", "s.db", "-c", command], in: dir)
            XCTAssertEqual(r.status, 1, command)
            XCTAssertTrue(r.stderr.contains("no round R9"), "\(command): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("known: R8"), "\(command): \(r.stderr)")
        }
        let zh = try Binary.run(["--store", "s.db", "-c", "问题 查看 R9-001"], env: ["LANG": "zh_CN.UTF-8"], in: dir)
        XCTAssertTrue(zh.stderr.contains("没有轮次 R9"), zh.stderr)
        // A round that exists but lacks the number keeps its own message.
        let missing = try Binary.run(["--store", "s.db", "-c", "issue show R8-009"], in: dir)
        XCTAssertTrue(missing.stderr.contains("no issue R8-009 in round R8"), missing.stderr)
    }
}
