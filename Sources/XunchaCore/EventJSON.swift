/// Writes event bodies as JSON by hand, byte for byte what `JSONEncoder` with `.sortedKeys` and
/// `.withoutEscapingSlashes` gives for the same value (keys in sorted order, nil optionals left
/// out, non-ASCII text as raw UTF-8). The bytes feed the hash chain, so they must never drift:
/// `EventJSONTests` compares both encoders on every event kind, including awkward text.
/// Foundation's encoder (a container tree and a key sort per event) was one of the larger
/// costs of an append in a long batch; this writes straight into one byte buffer, which the
/// journal's writer reuses from row to row (`Event.appendBody(to:)`).
struct JSONBody {
    private(set) var bytes: [UInt8]
    private var first = true

    init() {
        bytes = []
        bytes.reserveCapacity(192)
        bytes.append(UInt8(ascii: "{"))
    }

    /// Continues `buffer`: its storage moves in (no copy) and `buffer` is left empty until
    /// `close(into:)` moves it back.
    init(continuing buffer: inout [UInt8]) {
        bytes = []
        swap(&bytes, &buffer)
        bytes.append(UInt8(ascii: "{"))
    }

    /// Keys must be given in sorted order; `finish` closes the object.
    mutating func key(_ name: StaticString) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        first = false
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    mutating func field(_ name: StaticString, _ value: String) {
        key(name)
        string(value)
    }

    mutating func field(_ name: StaticString, _ value: String?) {
        if let value { field(name, value) }
    }

    mutating func field(_ name: StaticString, _ value: Day) {
        key(name)
        day(value)
    }

    mutating func field(_ name: StaticString, _ value: Day?) {
        if let value { field(name, value) }
    }

    mutating func field(_ name: StaticString, _ value: Int) {
        key(name)
        int(value)
    }

    mutating func field(_ name: StaticString, _ values: [String]) {
        key(name)
        array(values) { w, v in w.string(v) }
    }

    /// A JSON array of `values`, each written by `element`.
    mutating func array<T>(_ values: [T], _ element: (inout JSONBody, T) -> Void) {
        bytes.append(UInt8(ascii: "["))
        var separate = false
        for v in values {
            if separate { bytes.append(UInt8(ascii: ",")) }
            separate = true
            element(&self, v)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    mutating func finish() -> [UInt8] {
        bytes.append(UInt8(ascii: "}"))
        return bytes
    }

    /// Closes the object and moves the bytes back into the buffer `init(continuing:)` took.
    mutating func close(into buffer: inout [UInt8]) {
        bytes.append(UInt8(ascii: "}"))
        swap(&bytes, &buffer)
    }

    /// A nested object as the value of the key just written; `fields` writes its keys.
    mutating func object(_ fields: (inout JSONBody) -> Void) {
        bytes.append(UInt8(ascii: "{"))
        first = true
        fields(&self)
        bytes.append(UInt8(ascii: "}"))
        first = false
    }

    mutating func int(_ value: Int) {
        // A decimal Int is at most 20 bytes: a small string, no allocation.
        bytes.append(contentsOf: String(value).utf8)
    }

    /// `"YYYY-MM-DD"` as `Day`'s Codable writes it.
    mutating func day(_ d: Day) {
        let (y, m, dd) = d.civil
        bytes.append(UInt8(ascii: "\""))
        if (0...9999).contains(y) {
            digits(y, 4)
            bytes.append(UInt8(ascii: "-"))
            digits(m, 2)
            bytes.append(UInt8(ascii: "-"))
            digits(dd, 2)
        } else {
            bytes.append(contentsOf: d.iso.utf8)
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func digits(_ n: Int, _ width: Int) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        var rest = n
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// JSONEncoder's escaping: `"` and `\` escaped, the five named control escapes, other control
    /// characters as `\u00xx`, everything else (slashes, DEL, non-ASCII) raw.
    mutating func string(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { utf8 in
            let count = utf8.count
            var clean = 0
            var i = 0
            while i < count {
                // Eight bytes at a time while none needs escaping: most text is long runs of
                // plain ASCII or CJK, and the test below is exact (no false "clean").
                if i + 8 <= count, let base = utf8.baseAddress {
                    let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                    if !Self.mayNeedEscape(w) {
                        i += 8
                        continue
                    }
                }
                let b = utf8[i]
                guard b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") else {
                    i += 1
                    continue
                }
                if clean < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[clean..<i])) }
                clean = i + 1
                i += 1
                bytes.append(UInt8(ascii: "\\"))
                switch b {
                case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\""))
                case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\"))
                case 0x08: bytes.append(UInt8(ascii: "b"))
                case 0x0C: bytes.append(UInt8(ascii: "f"))
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                default:
                    bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                              Self.hex[Int(b >> 4)], Self.hex[Int(b & 0x0F)]])
                }
            }
            if clean < count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[clean...])) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Whether any of the eight bytes in `w` is a control character, `"` or `\`. Exact when
    /// false; when true the bytes are looked at one by one.
    private static func mayNeedEscape(_ w: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        // Standard "has a byte below n" and "has a zero byte" tests (zero after xor with `"`/`\`).
        let below0x20 = (w &- ones &* 0x20) & ~w & highs
        let quote = w ^ (ones &* 0x22), backslash = w ^ (ones &* 0x5C)
        let hasQuote = (quote &- ones) & ~quote & highs
        let hasBackslash = (backslash &- ones) & ~backslash & highs
        return (below0x20 | hasQuote | hasBackslash) != 0
    }
}

extension Event {
    /// The stored body of every fact but `undone` (whose nested before-images keep going through
    /// Foundation: it is rare, and its dictionaries of optionals are where hand-writing would err).
    func handWrittenBody() -> [UInt8]? {
        var w = JSONBody()
        guard writeFields(&w) else { return nil }
        return w.finish()
    }

    /// Appends the stored body (exactly `encodedBody()`'s bytes) to `buffer`, reusing its
    /// storage: the journal's writer encodes every row of a long batch into one buffer.
    public func appendBody(to buffer: inout [UInt8]) throws {
        let start = buffer.count
        var w = JSONBody(continuing: &buffer)
        if writeFields(&w) {
            w.close(into: &buffer)
            return
        }
        // `undone`: nothing was written but the opening brace, which goes again.
        w.close(into: &buffer)
        buffer.removeSubrange(start...)
        buffer.append(contentsOf: try foundationBody())
    }

    /// Writes the fields, in sorted key order; false (and nothing written) for `undone`.
    private func writeFields(_ w: inout JSONBody) -> Bool {
        switch self {
        case .roundOpened(let p):
            w.field("code", p.code); w.field("from", p.from); w.field("kind", p.kind.rawValue)
            w.field("revisits", p.revisits); w.field("title", p.title); w.field("to", p.to)
        case .teamAdded(let p):
            w.field("leader", p.leader); w.field("name", p.name); w.field("round", p.round)
        case .targetAdded(let p):
            w.field("round", p.round); w.field("unit", p.unit)
        case .feedbackGiven(let p):
            w.field("due", p.due); w.field("on", p.on); w.field("round", p.round)
        case .roundClosed(let p):
            w.field("forced", p.forced); w.field("round", p.round)
        case .unitAdded(let p):
            w.field("code", p.code); w.field("name", p.name); w.field("secretary", p.secretary)
        case .secretaryChanged(let p):
            w.field("secretary", p.secretary); w.field("unit", p.unit)
        case .issueAdded(let p):
            w.field("category", p.category.rawValue); w.field("due", p.due); w.field("id", p.id)
            w.field("mode", p.mode.rawValue); w.field("requirement", p.requirement); w.field("round", p.round)
            w.field("source", p.source.rawValue); w.field("title", p.title); w.field("unit", p.unit)
        case .issueAssigned(let p):
            w.field("dept", p.dept); w.field("due", p.due); w.field("handler", p.handler); w.field("id", p.id)
            w.field("lead", p.lead); w.field("owner", p.owner)
        case .progressNoted(let p), .issueWithdrawn(let p), .ruleAdded(let p):
            w.field("id", p.id); w.field("text", p.text)
        case .issueReported(let p):
            w.field("evidence", p.evidence); w.field("id", p.id); w.field("signedBy", p.signedBy); w.field("text", p.text)
        case .issueVerified(let p):
            w.field("by", p.by); w.field("id", p.id); w.key("methods")
            w.array(p.methods) { w, m in w.string(m.rawValue) }
            w.field("note", p.note); w.field("verdict", p.verdict.rawValue)
        case .issueReopened(let p):
            w.field("id", p.id); w.field("reason", p.reason); w.field("round", p.round)
        case .transferAdded(let p):
            w.field("id", p.id); w.field("issue", p.issue); w.field("summary", p.summary); w.field("to", p.to.rawValue)
        case .transferConcluded(let p):
            w.field("id", p.id)
            w.key("outcome")
            w.object { o in
                o.field("handled", p.outcome.handled); o.field("recovered", p.outcome.recovered)
                o.field("refunded", p.outcome.refunded); o.field("sanctions", p.outcome.sanctions)
            }
        case .urged(let p):
            w.field("issue", p.issue); w.field("kind", p.kind.rawValue); w.field("text", p.text); w.field("unit", p.unit)
        case .policySet(let p):
            w.field("key", p.key); w.field("value", p.value)
        case .undone:
            return false
        }
        return true
    }
}
