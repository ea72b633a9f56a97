/// The canonical binary form of a `State`: what snapshots store and what `State.digest()`
/// hashes. Deterministic (dictionaries in sorted key order, every field in a fixed order), so
/// equal states give equal bytes. Compact and fast both ways: a province ledger of 50,000
/// problems decodes in a few hundred milliseconds, where Foundation's JSON took seconds and
/// several times the state's size in memory.
///
/// Layout: the magic `XSNAP`, a version byte, then the state. Integers are LEB128 varints
/// (signed ones zigzagged), strings a length and UTF-8 bytes, optionals a 0/1 tag, arrays and
/// dictionaries a count, enums their raw value. A change of any entity's fields is a new version.
public enum StateCoding {
    public static let magic: [UInt8] = Array("XSNAP".utf8)
    public static let version: UInt8 = 1

    /// A snapshot that does not decode: the reader names the byte offset where it gave up.
    public struct Failure: Error, Equatable, CustomStringConvertible {
        public let offset: Int
        public let reason: String
        public var description: String { "snapshot unreadable at byte \(offset): \(reason)" }
    }

    public static func encode(_ state: State) -> [UInt8] {
        var w = BinaryWriter()
        w.bytes.append(contentsOf: magic)
        w.bytes.append(version)
        w.write(state)
        return w.bytes
    }

    /// Decodes a whole snapshot; anything but exactly one well-formed state of this version throws.
    public static func decode(_ bytes: UnsafeRawBufferPointer) throws(Failure) -> State {
        var r = BinaryReader(bytes)
        for m in magic {
            guard try r.byte() == m else { throw r.failure("not a xuncha snapshot") }
        }
        let v = try r.byte()
        guard v == version else { throw r.failure("snapshot version \(v), this build reads \(version)") }
        let state = try r.state()
        guard r.atEnd else { throw r.failure("bytes left over after the state") }
        return state
    }

    public static func decode(_ bytes: [UInt8]) throws(Failure) -> State {
        let result: Result<State, Failure> = bytes.withUnsafeBytes { raw in
            do throws(Failure) { return .success(try decode(raw)) } catch { return .failure(error) }
        }
        return try result.get()
    }
}

struct BinaryWriter {
    var bytes: [UInt8] = []

    mutating func uint(_ v: UInt64) {
        var v = v
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    mutating func int(_ v: Int) {
        let n = Int64(v)
        uint(UInt64(bitPattern: (n << 1) ^ (n >> 63)))
    }

    mutating func bool(_ v: Bool) { bytes.append(v ? 1 : 0) }

    mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { utf8 in
            uint(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func string(_ s: String?) {
        bool(s != nil)
        if let s { string(s) }
    }

    mutating func day(_ d: Day) { int(d.ordinal) }

    mutating func day(_ d: Day?) {
        bool(d != nil)
        if let d { day(d) }
    }

    /// A vocabulary value as its position in `allCases` (`StateCodingTests` pins every order).
    mutating func raw<V: Vocabulary>(_ v: V) {
        bytes.append(UInt8(truncatingIfNeeded: V.allCases.firstIndex(of: v).map { V.allCases.distance(from: V.allCases.startIndex, to: $0) } ?? 0))
    }

    mutating func array<T>(_ items: [T], _ each: (inout BinaryWriter, T) -> Void) {
        uint(UInt64(items.count))
        for item in items { each(&self, item) }
    }

    /// Keys in byte order: the order must not depend on the dictionary's hash seed.
    mutating func dictionary<T>(_ d: [String: T], _ each: (inout BinaryWriter, T) -> Void) {
        uint(UInt64(d.count))
        for key in d.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            string(key)
            if let value = d[key] { each(&self, value) }
        }
    }
}

struct BinaryReader {
    let base: UnsafeRawBufferPointer
    var at = 0

    init(_ base: UnsafeRawBufferPointer) { self.base = base }

    var atEnd: Bool { at == base.count }

    func failure(_ reason: String) -> StateCoding.Failure { StateCoding.Failure(offset: at, reason: reason) }

    mutating func byte() throws(StateCoding.Failure) -> UInt8 {
        guard at < base.count else { throw failure("ends too early") }
        defer { at += 1 }
        return base[at]
    }

    mutating func uint() throws(StateCoding.Failure) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try byte()
            guard shift < 64 else { throw failure("number too long") }
            result |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return result }
            shift += 7
        }
    }

    mutating func int() throws(StateCoding.Failure) -> Int {
        let z = try uint()
        return Int(truncatingIfNeeded: Int64(bitPattern: (z >> 1) ^ (0 &- (z & 1))))
    }

    /// A count of things each at least one byte long: refuses counts the rest of the blob cannot hold,
    /// so a damaged count never reserves gigabytes.
    mutating func count() throws(StateCoding.Failure) -> Int {
        let n = try uint()
        guard n <= UInt64(base.count - at) else { throw failure("count \(n) exceeds the data") }
        return Int(n)
    }

    mutating func bool() throws(StateCoding.Failure) -> Bool {
        switch try byte() {
        case 0: return false
        case 1: return true
        default: throw failure("expected 0 or 1")
        }
    }

    /// Strings met before, by their bytes: a long string that repeats (a secretary's report
    /// text, a verifier's detail line) is decoded once and shared, which saves both the work and
    /// a heap block per copy. Short strings are stored inline by Swift and need no sharing.
    var seen: [Bytes: String] = [:]

    mutating func string() throws(StateCoding.Failure) -> String {
        let n = try count()
        let slice = UnsafeRawBufferPointer(rebasing: base[at..<(at + n)])
        at += n
        if n > 15, let known = seen[Bytes(slice)] { return known }
        // Only ever written from Swift strings and checked against its digest before decoding,
        // so the bytes are valid UTF-8; were they not, this repairs rather than trusts them.
        let s = String(decoding: slice.assumingMemoryBound(to: UInt8.self), as: UTF8.self)
        if n > 15 { seen[Bytes(slice)] = s }
        return s
    }

    mutating func optionalString() throws(StateCoding.Failure) -> String? {
        try bool() ? try string() : nil
    }

    mutating func day() throws(StateCoding.Failure) -> Day { Day(ordinal: try int()) }

    mutating func optionalDay() throws(StateCoding.Failure) -> Day? {
        try bool() ? try day() : nil
    }

    mutating func raw<V: Vocabulary>(_: V.Type) throws(StateCoding.Failure) -> V {
        let n = Int(try byte())
        guard n < V.allCases.count else { throw failure("no \(V.self) number \(n)") }
        return V.allCases[V.allCases.index(V.allCases.startIndex, offsetBy: n)]
    }

    mutating func array<T>(_ each: (inout BinaryReader) throws(StateCoding.Failure) -> T) throws(StateCoding.Failure) -> [T] {
        let n = try count()
        var items: [T] = []
        items.reserveCapacity(n)
        for _ in 0..<n { items.append(try each(&self)) }
        return items
    }

    mutating func dictionary<T>(_ each: (inout BinaryReader) throws(StateCoding.Failure) -> T) throws(StateCoding.Failure) -> [String: T] {
        let n = try count()
        var d: [String: T] = [:]
        d.reserveCapacity(n)
        for _ in 0..<n {
            let key = try string()
            d[key] = try each(&self)
        }
        return d
    }
}

/// A span of the snapshot's bytes as a dictionary key (compared by content), valid while the
/// blob is being decoded.
struct Bytes: Hashable {
    let span: UnsafeRawBufferPointer

    init(_ span: UnsafeRawBufferPointer) { self.span = span }

    static func == (a: Bytes, b: Bytes) -> Bool {
        a.span.count == b.span.count && a.span.elementsEqual(b.span)
    }

    func hash(into hasher: inout Hasher) { hasher.combine(bytes: span) }
}
