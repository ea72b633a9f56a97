import XCTest
import XunchaCore
@testable import XunchaShell
import XunchaStore

/// A session on an in-memory journal whose output is captured, with files served from memory.
final class Harness {
    let journal: SQLiteLedger
    let session: Session
    var output: [String] = []
    var errors: [String] = []
    var files: [String: String] = [:]

    /// A session on `ledger`, or on a new in-memory one.
    init(language: Language = .en, ledger: SQLiteLedger? = nil, user: String = "巡察办") {
        let today = Day(year: 2024, month: 5, day: 10) ?? Day(ordinal: 0)
        // An in-memory database cannot fail to open; a test that got here without one fails below.
        journal = ledger ?? (try? SQLiteLedger.inMemory()) ?? Harness.unavailable()
        session = Session(store: journal, user: user, language: language, realToday: { today }, out: { _ in }, err: { _ in })
        session.out = { [unowned self] in self.output.append($0) }
        session.err = { [unowned self] in self.errors.append($0) }
        session.readFile = { [unowned self] path in
            guard let text = self.files[path] else { throw FileFailure(failureMessage: Localized(en: "cannot read \(path): No such file", zh: "无法读取 \(path)")) }
            return Array(text.utf8)
        }
    }

    static func unavailable() -> SQLiteLedger {
        XCTFail("no in-memory ledger")
        exit(1)
    }

    /// Runs lines, failing the test on any error.
    func run(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
        do { try session.execute(text) } catch {
            XCTFail(error.render(file: "test", language: .en), file: file, line: line)
        }
    }

    /// Runs one line that must fail; returns the error.
    func fail(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> ShellError? {
        let before = session.state.digest()
        do {
            try session.execute(text)
            XCTFail("expected an error from: \(text)", file: file, line: line)
            return nil
        } catch {
            XCTAssertEqual(session.state.digest(), before, "a refused line changed the state", file: file, line: line)
            return error
        }
    }

    static let setup = """
    unit add FY "舞阳县人民法院" --secretary 李四
    round open R5 "第五轮专项巡察" --kind special --from 2024-03-01 --to +45d
    round target R5 FY
    round feedback R5 --on 2024-05-10 --due +90d
    issue add R5 FY "执行工作韧劲不足" --category discipline --source visit
    issue add R5 FY "违规发放津贴补贴" --category integrity --source audit --immediate
    issue assign R5-001 --lead 王五 --owner 赵六 --dept 执行局
    """

    static func ready() -> Harness {
        let h = Harness()
        h.run(setup)
        return h
    }
}
