import XCTest
@testable import XunchaCore

/// The binary snapshot form: every field survives, damage is refused rather than trusted, and a
/// field added to an entity cannot slip past the codec unnoticed.
final class StateCodingTests: XCTestCase {
    /// A state in which every field of every entity holds something other than its default.
    static func fullState() -> State {
        var s = State()
        var r = Round(code: "R5", title: "第五轮「专项」巡察", kind: .special, from: Day(ordinal: 19_700), to: Day(ordinal: 19_745),
                      revisits: "R1")
        r.teams = [Team(name: "第二巡察组", leader: "张三"), Team(name: "第三组", leader: nil)]
        r.targets = ["FY", "SJ"]
        r.feedbackOn = Day(ordinal: 19_760); r.defaultDue = Day(ordinal: 19_850); r.closed = true
        r.closeReason = "强制关闭"; r.nextIssue = 1_001
        s.rounds["R5"] = r
        s.rounds["R1"] = Round(code: "R1", title: "t", kind: .regular)
        var u = Unit(code: "FY", name: "舞阳县人民法院", secretary: "李四")
        u.urges = [UrgeAct(kind: .talk, text: "约谈\n书记", on: Day(ordinal: 19_800), by: "巡察办", issue: "R5-001"),
                   UrgeAct(kind: .notice, text: "提示", on: Day(ordinal: -3), by: "x", issue: nil)]
        s.units["FY"] = u
        var i = Issue(id: "R5-001", round: "R5", unit: "FY", title: "执行工作韧劲不足 \"quoted\"", category: .discipline,
                      source: .visit, mode: .longterm, requirement: "限期", registeredOn: Day(ordinal: 19_701), due: Day(ordinal: 19_850))
        i.lead = "王五"; i.owner = "赵六"; i.dept = "执行局"; i.handler = "钱八"; i.status = .closed
        i.progress = [ProgressNote(text: "进展", on: Day(ordinal: 19_770))]
        i.reports = [Report(text: "已整改", evidence: ["a.pdf", "b.pdf"], signedBy: "李四", on: Day(ordinal: 19_780))]
        i.verifications = [Verification(verdict: .fail, by: "孙七", methods: [.documents, .onsite], note: "不充分", on: Day(ordinal: 19_790)),
                           Verification(verdict: .pass, by: "孙七", methods: [.survey], note: nil, on: Day(ordinal: 19_795))]
        i.rules = [Rule(title: "督办制度", on: Day(ordinal: 19_796))]
        i.returned = 1; i.reopened = 2; i.closedOn = Day(ordinal: 19_795); i.longtermVerified = true
        i.withdrawReason = "none"
        i.history = [HistoryEntry(on: Day(ordinal: 19_701), actor: "巡察办", action: "added", detail: "执行工作")]
        s.issues[i.id] = i
        s.issues["R5-002"] = Issue(id: "R5-002", round: "R5", unit: "FY", title: "二", category: .political, source: .other,
                                   mode: .deadline, requirement: nil, registeredOn: Day(ordinal: 19_702), due: nil)
        s.transfers["T-0001"] = Transfer(id: "T-0001", issue: "R5-001", to: .discipline, summary: "线索", on: Day(ordinal: 19_771),
                                         concludedOn: Day(ordinal: 19_900),
                                         outcome: TransferOutcome(sanctions: 2, handled: 3, recovered: 11_252_100, refunded: 7))
        s.transfers["T-0002"] = Transfer(id: "T-0002", issue: "R5-002", to: .other, summary: "s", on: Day(ordinal: 19_772))
        s.policy.verifyMethods = 3; s.policy.yellowDays = 7; s.policy.greenDays = 15; s.policy.rateThreshold = 95
        s.nextTransfer = 3
        return s
    }

    func testEveryFieldSurvivesTheRoundTrip() throws {
        let s = Self.fullState()
        let bytes = StateCoding.encode(s)
        XCTAssertEqual(try StateCoding.decode(bytes), s)
        XCTAssertEqual(try StateCoding.decode(StateCoding.encode(State())), State())
        // Canonical: the same state built in another order gives the same bytes.
        var t = State()
        for (k, v) in s.transfers.reversed() { t.transfers[k] = v }
        for (k, v) in s.issues.reversed() { t.issues[k] = v }
        for (k, v) in s.units { t.units[k] = v }
        for (k, v) in s.rounds.reversed() { t.rounds[k] = v }
        t.policy = s.policy; t.nextTransfer = s.nextTransfer
        XCTAssertEqual(StateCoding.encode(t), bytes)
        XCTAssertEqual(t.digest(), s.digest())
    }

    /// A field added to an entity must be added to `StateCoding` (and its version bumped), or
    /// snapshots would silently drop it. These counts fail the moment a field appears.
    func testTheCodecKnowsEveryStoredField() {
        let s = Self.fullState()
        func fields(_ v: Any) -> Int { Mirror(reflecting: v).children.count }
        // `lookups` is derived from the tables and deliberately not encoded.
        XCTAssertEqual(Mirror(reflecting: s).children.filter { $0.label != "lookups" }.count, 6, "State")
        if let r = s.rounds["R5"] { XCTAssertEqual(fields(r), 13, "Round") }
        if let u = s.units["FY"] { XCTAssertEqual(fields(u), 4, "Unit"); XCTAssertEqual(fields(u.urges[0]), 5, "UrgeAct") }
        if let i = s.issues["R5-001"] {
            XCTAssertEqual(fields(i.fields), 25, "Issue")
            XCTAssertEqual(fields(i.progress[0]), 2, "ProgressNote")
            XCTAssertEqual(fields(i.reports[0]), 4, "Report")
            XCTAssertEqual(fields(i.verifications[0]), 5, "Verification")
            XCTAssertEqual(fields(i.rules[0]), 2, "Rule")
            XCTAssertEqual(fields(i.history[0]), 4, "HistoryEntry")
        }
        if let t = s.transfers["T-0001"] {
            XCTAssertEqual(fields(t), 7, "Transfer")
        }
        XCTAssertEqual(fields(TransferOutcome()), 4, "TransferOutcome")
        XCTAssertEqual(fields(Policy()), 4, "Policy")
        XCTAssertEqual(fields(Team(name: "", leader: nil)), 2, "Team")
    }

    /// Vocabulary values are stored as their position: reordering or inserting a case would
    /// silently change old snapshots' meaning, so the orders are pinned here (a change here
    /// means a new `StateCoding.version`).
    func testVocabularyOrdersArePinned() {
        XCTAssertEqual(RoundKind.allCases.map(\.rawValue), ["regular", "special", "mobile", "revisit", "escalated", "cross"])
        XCTAssertEqual(Category.allCases.map(\.rawValue), ["political", "ideological", "organizational", "conduct", "discipline", "integrity"])
        XCTAssertEqual(Source.allCases.map(\.rawValue), ["interview", "visit", "letter", "hotline", "online", "documents", "audit", "other"])
        XCTAssertEqual(Mode.allCases.map(\.rawValue), ["immediate", "deadline", "longterm"])
        XCTAssertEqual(IssueStatus.allCases.map(\.rawValue), ["registered", "rectifying", "reported", "longterm", "closed", "withdrawn"])
        XCTAssertEqual(VerifyMethod.allCases.map(\.rawValue), ["documents", "onsite", "survey", "interview", "visit"])
        XCTAssertEqual(Verdict.allCases.map(\.rawValue), ["pass", "fail", "longterm"])
        XCTAssertEqual(TransferTarget.allCases.map(\.rawValue), ["discipline", "organization", "other"])
        XCTAssertEqual(UrgeKind.allCases.map(\.rawValue), ["notice", "letter", "listed", "talk"])
    }

    func testRepeatedLongTextsAreSharedAfterDecoding() throws {
        var s = Self.fullState()
        let text = "已完成整改,建立长效机制并经党组会议审议通过"
        for n in 2...40 {
            var i = Issue(id: "R5-\(n)", round: "R5", unit: "FY", title: "问题\(n)", category: .conduct, source: .visit,
                          mode: .deadline, requirement: nil, registeredOn: Day(ordinal: 19_702), due: nil)
            i.reports = [Report(text: String(text.unicodeScalars.map(Character.init)), evidence: [], signedBy: "李四", on: Day(ordinal: 1))]
            s.issues[i.id] = i
        }
        let decoded = try StateCoding.decode(StateCoding.encode(s))
        XCTAssertEqual(decoded, s)
        let storages = Set(decoded.issues.values.compactMap { $0.reports.first?.text }.map { text -> UInt in
            var t = text
            return t.withUTF8 { UInt(bitPattern: $0.baseAddress) }
        })
        XCTAssertEqual(storages.count, 2, "one shared copy of the repeated text (and the full state's own report)")
    }

    func testDamagedBytesAreRefusedNeverTrusted() {
        let bytes = StateCoding.encode(Self.fullState())
        // Every truncation fails cleanly.
        for cut in 0..<bytes.count {
            XCTAssertThrowsError(try StateCoding.decode(Array(bytes[..<cut])), "cut at \(cut)")
        }
        // Trailing bytes, another version, another magic.
        XCTAssertThrowsError(try StateCoding.decode(bytes + [0]))
        var other = bytes
        other[5] = StateCoding.version + 1
        XCTAssertThrowsError(try StateCoding.decode(other))
        XCTAssertThrowsError(try StateCoding.decode(Array("{\"issues\":{}}".utf8)))
        // A huge count does not reserve memory it cannot fill.
        XCTAssertThrowsError(try StateCoding.decode(StateCoding.magic + [StateCoding.version, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F]))
        // Flipping any byte either fails or decodes to some other state: never a crash.
        for n in stride(from: 6, to: bytes.count, by: 7) {
            var flipped = bytes
            flipped[n] ^= 0x5A
            _ = try? StateCoding.decode(flipped)
        }
    }
}
