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

    /// A random state: issues with random lists (some empty), texts of every length around the
    /// 15-byte short-string limit, repeated names, and one unit/round set.
    static func randomState<G: RandomNumberGenerator>(_ g: inout G) -> State {
        var s = fullState()
        let names = ["王五", "赵六", "钱八", "孙七", "李四", "a", "abcdefghijklmno", "abcdefghijklmnop", "执行局办公室", ""]
        func text() -> String {
            let base = names.randomElement(using: &g) ?? ""
            return Int.random(in: 0..<3, using: &g) == 0 ? base + String(repeating: "整改", count: Int.random(in: 0...9, using: &g)) : base
        }
        func day() -> Day { Day(ordinal: Int.random(in: -5...40_000, using: &g)) }
        for n in 1...Int.random(in: 1...60, using: &g) {
            var i = Issue(id: "R5-\(n + 2)", round: "R5", unit: "FY", title: text(), category: Category.allCases.randomElement(using: &g) ?? .conduct,
                          source: .visit, mode: .deadline, requirement: Bool.random(using: &g) ? text() : nil, registeredOn: day(),
                          due: Bool.random(using: &g) ? day() : nil)
            i.lead = Bool.random(using: &g) ? text() : nil
            i.dept = text()
            i.status = IssueStatus.allCases.randomElement(using: &g) ?? .registered
            for _ in 0..<Int.random(in: 0...3, using: &g) { i.progress.append(ProgressNote(text: text(), on: day())) }
            for _ in 0..<Int.random(in: 0...2, using: &g) {
                i.reports.append(Report(text: text(), evidence: (0..<Int.random(in: 0...2, using: &g)).map { _ in text() }, signedBy: text(), on: day()))
            }
            for _ in 0..<Int.random(in: 0...2, using: &g) {
                i.verifications.append(Verification(verdict: Verdict.allCases.randomElement(using: &g) ?? .pass, by: text(),
                                                    methods: [.documents, .survey].shuffled(using: &g), note: Bool.random(using: &g) ? text() : nil, on: day()))
            }
            if Bool.random(using: &g) { i.rules.append(Rule(title: text(), on: day())) }
            i.returned = Int.random(in: 0...3, using: &g)
            i.withdrawReason = Bool.random(using: &g) ? text() : nil
            for _ in 0..<Int.random(in: 0...5, using: &g) { i.history.append(HistoryEntry(on: day(), actor: text(), action: "progress", detail: text())) }
            s.issues[i.id] = i
        }
        return s
    }

    /// Decoding from an array leaves the lists encoded; nothing a caller can see differs from
    /// decoding everything at once: equal states, equal digests, equal bytes, equal lists, and
    /// a change to a lazily decoded issue lands exactly as on an eager one.
    func testLazyListsAreIndistinguishableFromEagerOnes() throws {
        var g = SystemRandomNumberGenerator()
        for _ in 0..<40 {
            let s = Self.randomState(&g)
            let bytes = StateCoding.encode(s)
            let eager = try bytes.withUnsafeBytes { raw in try StateCoding.decode(raw) }
            let lazy = try StateCoding.decode(bytes)
            XCTAssertTrue(lazy.issues.values.allSatisfy { $0.encodedLists != nil }, "lists stay encoded until read")
            XCTAssertTrue(eager.issues.values.allSatisfy { $0.encodedLists == nil })
            // Written again before any list was read: the encoded bytes are copied as they are.
            XCTAssertEqual(StateCoding.encode(lazy), bytes)
            XCTAssertEqual(lazy.digest(), s.digest())
            for (id, original) in s.issues {
                let i = try XCTUnwrap(lazy.issues[id])
                XCTAssertEqual(i.history, original.history)
                XCTAssertEqual(i.progress, original.progress)
                XCTAssertEqual(i.reports, original.reports)
                XCTAssertEqual(i.verifications, original.verifications)
                XCTAssertEqual(i.rules, original.rules)
                XCTAssertEqual(i.title, original.title)
            }
            XCTAssertEqual(lazy, s)
            XCTAssertEqual(eager, s)
            // After every list was read: still the same bytes.
            XCTAssertEqual(StateCoding.encode(lazy), bytes)
            // A change: the lazily decoded copy and the original change alike; a copy made
            // before the change keeps the old lists.
            var changedLazy = try StateCoding.decode(bytes), changed = s
            let before = changedLazy
            let id = try XCTUnwrap(s.issues.keys.sorted().last)
            changedLazy.issues[id]?.history.append(HistoryEntry(on: Day(ordinal: 1), actor: "x", action: "y", detail: "z"))
            changed.issues[id]?.history.append(HistoryEntry(on: Day(ordinal: 1), actor: "x", action: "y", detail: "z"))
            changedLazy.issues[id]?.status = .closed
            changed.issues[id]?.status = .closed
            XCTAssertEqual(changedLazy.digest(), changed.digest())
            XCTAssertEqual(before.digest(), s.digest())
            XCTAssertEqual(before.issues[id]?.history, s.issues[id]?.history)
        }
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
        // Flipping any byte either fails or decodes to some other state: never a crash. Lazily
        // decoded, the flip is found at open (the lists are walked as strictly), and lists that
        // open accepted decode later to what the eager decoder gives.
        for n in stride(from: 6, to: bytes.count, by: 3) {
            var flipped = bytes
            flipped[n] ^= 0x5A
            let eager = flipped.withUnsafeBytes { raw in try? StateCoding.decode(raw) }
            let lazy = try? StateCoding.decode(flipped)
            XCTAssertEqual(eager == nil, lazy == nil, "flip at \(n)")
            if let eager, let lazy {
                XCTAssertEqual(lazy.issues.mapValues(\.history), eager.issues.mapValues(\.history))
                XCTAssertEqual(lazy.issues.mapValues(\.reports), eager.issues.mapValues(\.reports))
                XCTAssertEqual(lazy, eager)
            }
        }
    }

    /// Keys are written in byte order; the packed-word sort must give exactly that order,
    /// whatever the keys: prefixes of each other, zero bytes, long keys, CJK.
    func testKeysAreWrittenInByteOrder() {
        var rng = SystemRandomNumberGenerator()
        let pieces = ["R", "R1", "R1-", "R10-001", "R9-999", "\u{0}", "a", "ab", "问题", "王五", "—", "zzzzzzzzzzzzzzzzzz", "Z"]
        for _ in 0..<200 {
            var d: [String: Int] = [:]
            for i in 0..<Int.random(in: 0...40, using: &rng) {
                let key = (0..<Int.random(in: 1...5, using: &rng)).map { _ in pieces.randomElement(using: &rng) ?? "" }.joined()
                d[key] = i
            }
            let expected = d.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            XCTAssertEqual(BinaryWriter.byteOrdered(d).map(\.key), expected)
            XCTAssertEqual(BinaryWriter.byteOrdered(d).map(\.value), expected.compactMap { d[$0] })
        }
    }
}
