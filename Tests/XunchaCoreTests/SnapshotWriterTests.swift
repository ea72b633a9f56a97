import XCTest
@testable import XunchaCore

/// The snapshot writer's fast paths (its own buffer, strings copied whole, problems encoded in
/// two parts on two threads, the digest hashed part by part) give byte for byte what the plain
/// writer below gives: the form that stores already hold and `State.digest()` has always hashed.
final class SnapshotWriterTests: XCTestCase {
    /// Random states, each encoded every way: whole, split at every few problems, with and
    /// without the digest, and after a lazy decode (lists copied as encoded bytes).
    func testEveryWayOfEncodingGivesTheReferenceBytes() throws {
        var g = SystemRandomNumberGenerator()
        for round in 0..<60 {
            var s = StateCodingTests.randomState(&g)
            if round % 3 == 0 { Self.addLongTexts(to: &s, &g) }
            let reference = ReferenceWriter.encode(s)
            let referenceDigest = reference.withUnsafeBytes { State.hexDigest($0) }
            XCTAssertEqual(StateCoding.encode(s), reference, "round \(round)")
            XCTAssertEqual(s.digest(), referenceDigest)
            for splitFrom in [1, 2, 3, s.issues.count, s.issues.count + 1] {
                StateCoding.withEncoded(s, splitFrom: splitFrom, hashing: true) { raw, digest in
                    XCTAssertEqual(Array(raw), reference, "round \(round), split from \(splitFrom)")
                    XCTAssertEqual(digest, referenceDigest, "round \(round), split from \(splitFrom)")
                }
                StateCoding.withEncoded(s, splitFrom: splitFrom, hashing: false) { raw, digest in
                    XCTAssertEqual(Array(raw), reference)
                    XCTAssertNil(digest)
                }
            }
            // Lazily decoded, some lists read and some not: still the same bytes, split or not.
            let lazy = try StateCoding.decode(reference)
            for (n, issue) in lazy.issues.values.enumerated() where n % 2 == 0 { _ = issue.history }
            StateCoding.withEncoded(lazy, splitFrom: 2, hashing: true) { raw, digest in
                XCTAssertEqual(Array(raw), reference)
                XCTAssertEqual(digest, referenceDigest)
            }
            StateCoding.withEncoded(lazy) { raw, digest in
                XCTAssertEqual(Array(raw), reference)
                XCTAssertEqual(digest, referenceDigest)
            }
        }
    }

    /// Enough problems for the default split, as at the end of a long file.
    func testALargeStateSplitsByDefaultAndGivesTheReferenceBytes() {
        var g = SystemRandomNumberGenerator()
        let s = Self.largeState(issues: StateCoding.splitFrom + 37, &g)
        let reference = ReferenceWriter.encode(s)
        StateCoding.withEncoded(s) { raw, digest in
            XCTAssertEqual(Array(raw), reference)
            XCTAssertEqual(digest, reference.withUnsafeBytes { State.hexDigest($0) })
        }
        XCTAssertEqual(s.digest(), reference.withUnsafeBytes { State.hexDigest($0) })
    }

    /// Numbers at every varint length and sign, through both writers.
    func testNumbersAtEveryLength() {
        var values: [Int] = [0, 1, -1, 63, 64, -64, -65, 127, 128, Int.max, Int.min]
        for shift in 0..<63 { values += [1 << shift, (1 << shift) - 1, -(1 << shift), -(1 << shift) - 1] }
        var s = State()
        for (n, v) in values.enumerated() {
            var i = Issue(id: "X-\(n)", round: "X", unit: "U", title: "t", category: .conduct, source: .visit, mode: .deadline,
                          requirement: nil, registeredOn: Day(ordinal: v), due: nil)
            i.returned = v
            s.issues[i.id] = i
        }
        XCTAssertEqual(StateCoding.encode(s), ReferenceWriter.encode(s))
        XCTAssertEqual(try StateCoding.decode(StateCoding.encode(s)), s)
    }

    /// Texts longer than the writer's first buffer, so that a string's bytes make it grow.
    static func addLongTexts<G: RandomNumberGenerator>(to s: inout State, _ g: inout G) {
        for id in s.issues.keys.shuffled(using: &g).prefix(3) {
            let long = String(repeating: "整改落实不到位", count: Int.random(in: 100...3_000, using: &g))
            s.issues[id]?.title = long
            s.issues[id]?.history.append(HistoryEntry(on: Day(ordinal: 1), actor: "巡察办", action: "note", detail: long + "!"))
        }
    }

    static func largeState<G: RandomNumberGenerator>(issues: Int, _ g: inout G) -> State {
        var s = StateCodingTests.fullState()
        for n in 0..<issues {
            var i = Issue(id: "R5-\(n)", round: "R5", unit: "FY", title: "问题\(n)" + String(repeating: "整改", count: n % 7),
                          category: .conduct, source: .letter, mode: .deadline, requirement: n % 3 == 0 ? "限期" : nil,
                          registeredOn: Day(ordinal: 19_000 + n % 400), due: n % 2 == 0 ? Day(ordinal: 20_000) : nil)
            i.owner = "赵六"
            i.reports = (0..<(n % 3)).map { k in Report(text: "已整改\(k)", evidence: ["a\(k).pdf"], signedBy: "李四", on: Day(ordinal: 19_500)) }
            i.history = (0..<Int.random(in: 0...4, using: &g)).map { k in
                HistoryEntry(on: Day(ordinal: 19_000 + k), actor: "巡察办", action: "progress", detail: "第\(k)次")
            }
            s.issues[i.id] = i
        }
        return s
    }
}

/// The snapshot form written the plain way, a byte at a time into an array, as the writer did
/// before it was made fast. Kept apart from `BinaryWriter` so that the two can disagree.
struct ReferenceWriter {
    var bytes: [UInt8] = []

    static func encode(_ s: State) -> [UInt8] {
        var w = ReferenceWriter()
        w.bytes = StateCoding.magic + [StateCoding.version]
        w.dictionary(s.rounds) { $0.round($1) }
        w.dictionary(s.units) { $0.unit($1) }
        w.dictionary(s.issues) { $0.issue($1) }
        w.dictionary(s.transfers) { $0.transfer($1) }
        w.int(s.policy.verifyMethods); w.int(s.policy.yellowDays); w.int(s.policy.greenDays); w.int(s.policy.rateThreshold)
        w.int(s.nextTransfer)
        return w.bytes
    }

    mutating func uint(_ v: UInt64) {
        var v = v
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    mutating func int(_ v: Int) { uint(UInt64(bitPattern: (Int64(v) << 1) ^ (Int64(v) >> 63))) }
    mutating func bool(_ v: Bool) { bytes.append(v ? 1 : 0) }
    mutating func string(_ s: String) { uint(UInt64(s.utf8.count)); bytes += Array(s.utf8) }
    mutating func string(_ s: String?) { bool(s != nil); if let s { string(s) } }
    mutating func day(_ d: Day) { int(d.ordinal) }
    mutating func day(_ d: Day?) { bool(d != nil); if let d { day(d) } }
    mutating func raw<V: Vocabulary>(_ v: V) { bytes.append(UInt8(Array(V.allCases).firstIndex(of: v) ?? 0)) }

    mutating func array<T>(_ items: [T], _ each: (inout ReferenceWriter, T) -> Void) {
        uint(UInt64(items.count))
        for item in items { each(&self, item) }
    }

    mutating func dictionary<T>(_ d: [String: T], _ each: (inout ReferenceWriter, T) -> Void) {
        uint(UInt64(d.count))
        for key in d.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            string(key)
            if let value = d[key] { each(&self, value) }
        }
    }

    mutating func round(_ r: Round) {
        string(r.code); string(r.title); raw(r.kind); day(r.from); day(r.to); string(r.revisits)
        array(r.teams) { $0.string($1.name); $0.string($1.leader) }
        array(r.targets) { $0.string($1) }
        day(r.feedbackOn); day(r.defaultDue); bool(r.closed); string(r.closeReason); int(r.nextIssue)
    }

    mutating func unit(_ u: XunchaCore.Unit) {
        string(u.code); string(u.name); string(u.secretary)
        array(u.urges) { w, a in w.raw(a.kind); w.string(a.text); w.day(a.on); w.string(a.by); w.string(a.issue) }
    }

    mutating func issue(_ i: Issue) {
        string(i.id); string(i.round); string(i.unit); string(i.title)
        raw(i.category); raw(i.source); raw(i.mode); string(i.requirement)
        day(i.registeredOn); day(i.due)
        string(i.lead); string(i.owner); string(i.dept); string(i.handler)
        raw(i.status)
        array(i.progress) { w, p in w.string(p.text); w.day(p.on) }
        array(i.reports) { w, r in w.string(r.text); w.array(r.evidence) { $0.string($1) }; w.string(r.signedBy); w.day(r.on) }
        array(i.verifications) { w, v in
            w.raw(v.verdict); w.string(v.by); w.array(v.methods) { $0.raw($1) }; w.string(v.note); w.day(v.on)
        }
        array(i.rules) { w, r in w.string(r.title); w.day(r.on) }
        int(i.returned); int(i.reopened); day(i.closedOn); bool(i.longtermVerified); string(i.withdrawReason)
        array(i.history) { w, h in w.day(h.on); w.string(h.actor); w.string(h.action); w.string(h.detail) }
    }

    mutating func transfer(_ t: Transfer) {
        string(t.id); string(t.issue); raw(t.to); string(t.summary); day(t.on); day(t.concludedOn)
        bool(t.outcome != nil)
        if let o = t.outcome { int(o.sanctions); int(o.handled); int(o.recovered); int(o.refunded) }
    }
}
