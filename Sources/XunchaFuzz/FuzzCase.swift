import Foundation
import XunchaCore
import XunchaShell
import XunchaStore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One fuzz input run the way a clerk's command file runs: lexed, parsed and
/// executed as one transaction on an in-memory ledger that already holds a small round, so
/// that ids in the input can name something. The invariants checked after each input are the
/// reliability rules: the process does not crash, a refused file changes nothing, and the
/// memory image is always exactly what the journal replays to.
///
/// Nothing reaches the disk: `run` and `play` read nothing but the input itself, exports are
/// discarded, and `report html` / `play` have no handler.
enum FuzzCase {
    /// The path the input is served under (so `run fuzz.xc` inside it is the self-recursion case).
    static let inputPath = "fuzz.xc"
    static let today = Day(year: 2024, month: 5, day: 10) ?? Day(ordinal: 0)

    static let setup = """
    unit add FY "舞阳县人民法院" --secretary 李四
    unit add LH 漯河市财政局
    round open R5 "第五轮专项巡察" --kind special --from 2024-03-01 --to +45d
    round target R5 FY
    round target R5 LH
    round feedback R5 --on 2024-05-10 --due +90d
    issue add R5 FY "执行工作韧劲不足" --category discipline --source visit
    issue add R5 FY "违规发放津贴补贴" --category integrity --source audit --immediate
    issue add R5 LH "公务接待不规范" --category conduct
    issue assign R5-001 --lead 王五 --owner 赵六 --dept 执行局
    issue assign R5-002 --lead 王五 --owner 赵六 --dept 财务处
    issue report R5-002 已整改 --evidence a.pdf --signed-by 李四
    transfer add R5-002 --to discipline "违规发放补贴线索"
    """

    /// Runs `bytes` three ways (as one transaction, with `--keep-going`, with `--check`), each
    /// on a fresh seeded session, and stops the process with a message when an invariant fails.
    static func run(_ bytes: [UInt8]) {
        for mode in Mode.allCases { run(bytes, mode) }
        // Tab completion reads the same words a person is typing: it must survive any of them.
        if bytes.count <= 1_024, let text = String(validating: bytes, as: UTF8.self) {
            _ = Completer(ledger: seeded(language: .en).ledger).complete(text)
        }
    }

    enum Mode: CaseIterable { case transaction, keepGoing, check }

    static func run(_ bytes: [UInt8], _ mode: Mode) {
        let session = seeded(language: mode == .keepGoing ? .zh : .en)
        session.readFile = { path in
            guard path == inputPath else {
                throw ShellError(en: "cannot read \(path)", zh: "无法读取 \(path)")
            }
            return bytes
        }
        let journal = session.store
        let before = seed.digest
        let rowsBefore = seed.entries.count
        var failure: ShellError?
        do {
            try session.run(file: inputPath, keepGoing: mode == .keepGoing, check: mode == .check)
        } catch {
            failure = error
        }
        if let failure {
            require(!failure.message.en.isEmpty && !failure.message.zh.isEmpty, "an error without a message")
            require(!failure.render(file: inputPath, language: .en).isEmpty, "an error renders empty")
            require(!failure.render(file: inputPath, language: .zh).isEmpty, "an error renders empty in Chinese")
            if mode == .transaction {
                require(ledgerDigest(session) == before, "a refused file changed the state")
                require(rows(journal) == rowsBefore, "a refused file left rows in the journal")
            }
        }
        if mode == .check {
            require(ledgerDigest(session) == before, "--check changed the state")
            require(rows(journal) == rowsBefore, "--check wrote to the journal")
        }
        // The tables are whatever the journal replays to: nothing applied without its fact,
        // no fact without its change.
        do {
            let report = try journal.verifyChain()
            require(report.firstBad == nil, "the hash chain does not verify")
            if let sqlite = journal as? SQLiteLedger, let difference = try sqlite.tablesDifference() {
                require(false, "the tables differ from the journal's replay: \(difference)")
            }
        } catch {
            require(false, "the journal cannot be read back: \(error)")
        }
    }

    /// The digest the session's ledger reports; nil, which never matches, when it cannot be read.
    static func ledgerDigest(_ session: Session) -> String? { try? session.ledger.digest() }

    /// The setup's journal rows and the state they make, decided once: each input starts from
    /// a copy (appending facts is much cheaper than parsing and deciding the setup again).
    static let seed: (entries: [JournalEntry], digest: String) = {
        guard let memory = try? SQLiteLedger.inMemory() else {
            require(false, "no in-memory ledger")
            return ([], "")
        }
        let session = Session(store: memory, user: "巡察办", language: .en,
                              realToday: { today }, out: { _ in }, err: { _ in })
        do { try session.execute(setup) } catch {
            require(false, "the fuzz setup itself failed: \(error)")
        }
        let entries = (try? session.store.entries(after: 0)) ?? []
        return (entries, ledgerDigest(session) ?? "")
    }()

    /// A session on a fresh in-memory ledger holding `setup`, with every way out of the
    /// process closed: no file is written and nothing is printed.
    static func seeded(language: Language) -> Session {
        var ledger: SQLiteLedger?
        do {
            let memory = try SQLiteLedger.inMemory()
            try memory.write { w in
                // Recording the setup's facts is much cheaper than parsing and deciding it again.
                for e in seed.entries {
                    _ = try w.record(e.event, at: e.at, actor: e.actor, changes: try w.apply(e.event, on: e.at, actor: e.actor))
                }
            }
            ledger = memory
        } catch {
            require(false, "the fuzz setup could not be recorded: \(error)")
        }
        guard let ledger else { abort() }
        let session = Session(store: ledger, user: "巡察办", language: language, realToday: { today }, out: { _ in }, err: { _ in })
        session.writeFile = { _, _, _ in }
        session.readFile = { path in throw ShellError(en: "cannot read \(path)", zh: "无法读取 \(path)") }
        return session
    }

    static func rows(_ journal: any Ledger) -> Int {
        (try? journal.entries(after: 0).count) ?? -1
    }

    /// Unbuffered, so the line is out before `abort()`.
    static func stderr(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Reports a broken invariant and aborts, which libFuzzer records as a crash with its input.
    static func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
        guard !condition() else { return }
        FuzzCase.stderr("XunchaFuzz: invariant broken: \(message())")
        abort()
    }
}
