import XCTest
@testable import XunchaCore

/// A small ledger built through `decide` + `record`, as the shell does.
struct Ledger {
    var state = State()
    var today = Day(year: 2024, month: 5, day: 10) ?? Day(ordinal: 0)
    var actor = "巡察办"

    @discardableResult
    mutating func run(_ command: Command, file: StaticString = #filePath, line: UInt = #line) throws -> Event {
        let event = try state.decide(command, Context(today: today, actor: actor))
        state.record(event, on: today, actor: actor)
        return event
    }

    /// Asserts the command is refused, that the message mentions `words`, and that nothing changed.
    mutating func refuse(_ command: Command, _ words: String, field: String? = nil, file: StaticString = #filePath, line: UInt = #line) {
        let before = state
        do {
            _ = try state.decide(command, Context(today: today, actor: actor))
            XCTFail("expected a refusal containing \"\(words)\"", file: file, line: line)
        } catch let error as DomainError {
            XCTAssertTrue(error.message.en.contains(words), "\(error.message.en) lacks \"\(words)\"", file: file, line: line)
            XCTAssertFalse(error.message.zh.isEmpty, file: file, line: line)
            if let field { XCTAssertEqual(error.field, field, file: file, line: line) }
        } catch {
            XCTFail("not a refusal: \(error)", file: file, line: line)
        }
        XCTAssertEqual(state, before, "a refused command changed the state", file: file, line: line)
    }

    /// Unit FY (secretary 李四), round R5 targeting it, feedback with a 90-day deadline, one issue.
    static func withIssue() throws -> Ledger {
        var l = Ledger()
        try l.run(.addUnit(code: "FY", name: "舞阳县人民法院", secretary: "李四"))
        try l.run(.openRound(code: "R5", title: "第五轮专项巡察", kind: .special, from: nil, to: nil, revisits: nil))
        try l.run(.addTarget(round: "R5", unit: "FY"))
        try l.run(.giveFeedback(round: "R5", on: l.today, due: l.today.adding(days: 90)))
        try l.run(.addIssue(round: "R5", unit: "FY", title: "执行工作韧劲不足", category: .discipline, source: .visit,
                            mode: .deadline, due: nil, requirement: nil))
        return l
    }

    mutating func assign(_ id: String = "R5-001") throws {
        try run(.assign(id: id, lead: "王五", owner: "赵六", dept: "执行局", handler: "钱八", due: nil))
    }

    mutating func report(_ id: String = "R5-001") throws {
        try run(.report(id: id, text: "已整改", evidence: ["执结清单.pdf"], signedBy: "李四"))
    }

    func issue(_ id: String = "R5-001") -> Issue? { state.issues[id] }
}
