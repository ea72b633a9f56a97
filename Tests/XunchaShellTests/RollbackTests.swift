import XCTest
import XunchaCore
@testable import XunchaShell

/// When the journal fails to commit (disk full, I/O error), the memory image must go back to
/// what is on disk, for a single command as for a whole file.
final class RollbackTests: XCTestCase {
    /// A journal whose commits fail on demand, after the body ran (as a failed COMMIT would).
    final class FlakyJournal: Journal {
        let inner = MemoryJournal()
        var failNextCommit = false
        struct DiskFull: Error {}
        var location: String { "flaky" }
        func entries(after seq: Int64) throws -> [JournalEntry] { try inner.entries(after: seq) }
        func write<T>(_ body: (any JournalAppender) throws -> T) throws -> T {
            try inner.write { appender in
                let result = try body(appender)
                if failNextCommit {
                    failNextCommit = false
                    throw DiskFull()
                }
                return result
            }
        }
        func latestSnapshot() throws -> (seq: Int64, state: State)? { nil }
        func saveSnapshot(seq: Int64, state: State) throws {}
        func verifyChain() throws -> ChainReport { try inner.verifyChain() }
    }

    func session(_ journal: FlakyJournal) -> Session {
        Session(journal: journal, user: "巡察办", language: .en, realToday: { Day(ordinal: 19_853) }, out: { _ in }, err: { _ in })
    }

    func testAFailedCommitOfOneCommandLeavesStateAsOnDisk() throws {
        let journal = FlakyJournal()
        let s = session(journal)
        try s.execute(Harness.setup)
        let digest = s.state.digest()
        journal.failNextCommit = true
        XCTAssertThrowsError(try s.execute("issue assign R5-002 --lead 甲 --owner 乙 --dept 丙"))
        XCTAssertEqual(s.state.digest(), digest)
        journal.failNextCommit = true
        XCTAssertThrowsError(try s.execute("issue add R5 FY 新问题 --category conduct"))
        XCTAssertEqual(s.state.digest(), digest)
        // The session goes on, and what it holds is what a fresh session replays from disk.
        try s.execute("issue add R5 FY 新问题 --category conduct")
        XCTAssertEqual(s.state.issues["R5-003"]?.title, "新问题")
        let fresh = session(journal)
        try fresh.catchUp()
        XCTAssertEqual(fresh.state.digest(), s.state.digest())
    }

    func testAFailedCommitOfAFileLeavesStateAsOnDisk() throws {
        let journal = FlakyJournal()
        let s = session(journal)
        try s.execute(Harness.setup)
        let digest = s.state.digest()
        s.readFile = { _ in Array("issue progress R5-001 a\nissue add R5 FY x --category conduct\n".utf8) }
        journal.failNextCommit = true
        XCTAssertThrowsError(try s.run(file: "f.xc"))
        XCTAssertEqual(s.state.digest(), digest)
        XCTAssertEqual(try journal.entries(after: 0).count, 7)
    }
}

final class FileUndoTests: XCTestCase {
    /// Deep inside a long file no before-images are kept, yet `undo` on the next line still
    /// reverts exactly the command before it, and the file's last commands stay undoable.
    func testUndoInsideAndAfterALongFile() throws {
        let h = Harness.ready()
        var lines = (1...150).map { "issue progress R5-001 \"第\($0)次\"" }
        lines.insert("issue add R5 FY 误登 --category conduct", at: 10)
        lines.insert("undo", at: 11)
        h.files["long.xc"] = lines.joined(separator: "\n")
        try h.session.run(file: "long.xc")
        XCTAssertNil(h.session.state.issues["R5-003"], "the undo on line 12 reverted line 11")
        XCTAssertEqual(h.session.state.issues["R5-001"]?.progress.count, 150)
        h.run("undo")
        XCTAssertEqual(h.session.state.issues["R5-001"]?.progress.count, 149, "the file's last command is undoable")
    }

    /// `undo` is recognised on the next line in any letter case and in Chinese, as the parser
    /// reads it, so the command before it keeps what undo needs even deep in a file.
    func testUndoSpelledOtherwiseInsideALongFile() throws {
        let h = Harness.ready()
        var lines = (1...150).map { "issue progress R5-001 \"第\($0)次\"" }
        lines.insert("issue assign R5-001 --lead 张三 --owner 钱七 --dept 办公室", at: 10)
        lines.insert("UNDO", at: 11)
        lines.insert("issue progress R5-001 \"误记\"", at: 30)
        lines.insert("撤回", at: 31)
        h.files["long.xc"] = lines.joined(separator: "\n")
        try h.session.run(file: "long.xc")
        XCTAssertEqual(h.session.state.issues["R5-001"]?.lead, "王五", "UNDO on line 12 reverted the assignment on line 11")
        XCTAssertEqual(h.session.state.issues["R5-001"]?.progress.count, 150, "撤回 on line 32 reverted line 31")
        XCTAssertFalse(h.session.state.issues["R5-001"]?.progress.contains { $0.text == "误记" } ?? true)
        XCTAssertTrue(Session.isUndoWord("Undo"))
        XCTAssertFalse(Session.isUndoWord("undone"))
        XCTAssertFalse(Session.isUndoWord("issue"))
    }
}
