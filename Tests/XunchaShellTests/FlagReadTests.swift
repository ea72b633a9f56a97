import XCTest
import XunchaCore
@testable import XunchaShell

/// Every flag of the grammar table is read by its command. A flag that parses but that no
/// binding reads is accepted and silently ignored: the user's `--severity high` would be lost.
final class FlagReadTests: XCTestCase {
    /// A value of each kind that the parser and the bindings accept on the harness's ledger.
    static func sample(_ kind: ValueKind) -> String {
        switch kind {
        case .text: "说明"
        case .person: "王五"
        case .dept: "执行局"
        case .login: "wangli"
        case .roundCode: "R5"
        case .unitCode: "FY"
        case .issueID: "R5-001"
        case .transferID: "T-0001"
        case .date: "2024-06-01"
        case .days: "10d"
        case .integer(let range): String(range.lowerBound)
        case .money: "100"
        case .choice(let choices): choices.first?.word ?? "x"
        case .vocabulary(let ref): ref.words.first ?? "x"
        case .methods: "documents"
        case .settingKey: "verify.methods"
        case .file: "flag-read-test.out"
        case .command: "ledger"
        }
    }

    /// Words a line needs besides its required arguments before the command looks at its other
    /// flags: a verdict for `verify`, a file for `--force` (which only matters when writing one),
    /// a closed problem for a slip.
    static func companions(_ spec: CommandSpec, _ flag: Flag) -> [String] {
        if spec.id == .issueVerify, !["pass", "fail", "longterm"].contains(flag.name) { return ["--pass"] }
        if flag.name == "force", spec.flag(named: "out") != nil { return ["--out", "flag-read-test.out"] }
        return []
    }

    /// Commands whose flags are read outside this module: `play` is carried out by the
    /// program's player (Sources/xuncha), whose `--step` and `--delay` the pty and end-to-end
    /// tests drive.
    static let readElsewhere: Set<CommandID> = [.play]

    /// The command's words, its required params and flags, and `flag` with a value.
    static func line(_ spec: CommandSpec, with flag: Flag) -> String {
        var words = spec.words.compactMap(\.first)
        for param in spec.params where param.required {
            // A slip is printed only for a closed problem, R5-003 in `closedSetup`.
            words.append(spec.id == .slip && param.kind != .command ? "R5-003" : sample(param.kind))
        }
        words += companions(spec, flag)
        for other in spec.flags where other.required && other.name != flag.name {
            words.append("--" + other.name)
            if let kind = other.kind { words.append(sample(kind)) }
        }
        words.append("--" + flag.name)
        if let kind = flag.kind { words.append(sample(kind)) }
        return words.joined(separator: " ")
    }

    /// The harness's ledger with a third problem taken through to closed.
    static let closedSetup = Harness.setup + """

        issue add R5 FY "第三个问题" --category conduct --source letter
        issue assign R5-003 --lead 王五 --owner 赵六 --dept 办公室
        issue report R5-003 "已整改" --evidence 清单.pdf --signed-by 李四
        issue verify R5-003 --pass --by 孙七 --method documents
        """

    func testEveryFlagOfTheGrammarIsReadByItsCommand() throws {
        var unread: [String] = []
        var checked = 0
        for spec in Grammar.commands where !Self.readElsewhere.contains(spec.id) {
            for flag in spec.flags {
                let text = Self.line(spec, with: flag)
                let lexed = try Lexer.tokenize(text, lineNumber: 1)
                guard var inv = try Parser.parse(lexed.tokens, end: SourcePosition(line: 1, column: text.count + 1)) else {
                    XCTFail("\(text) does not parse")
                    continue
                }
                let log = FlagReadLog()
                inv.readLog = log
                let h = Harness()
                h.session.writeFile = { _, _, _ in }
                h.run(Self.closedSetup)
                // Refusals are fine here (a transfer that does not exist, a file not found): what
                // matters is that the command looked at the flag before answering.
                _ = try? h.session.execute(inv)
                checked += 1
                if !log.names.contains(flag.name) { unread.append("\(spec.name) --\(flag.name)   (\(text))") }
            }
        }
        XCTAssertEqual(unread, [], "flags accepted by the grammar that their command never reads")
        XCTAssertGreaterThan(checked, 60, "the grammar table's flags were all visited")
    }

    /// The check above would pass if the log saw nothing at all; it does see a flag that is read.
    func testTheReadLogSeesAFlagThatIsRead() throws {
        let text = "ledger --overdue"
        let lexed = try Lexer.tokenize(text, lineNumber: 1)
        var inv = try XCTUnwrap(try Parser.parse(lexed.tokens, end: SourcePosition(line: 1, column: 17)))
        let log = FlagReadLog()
        inv.readLog = log
        let h = Harness()
        try h.session.execute(inv)
        XCTAssertTrue(log.names.contains("overdue"))
    }
}
