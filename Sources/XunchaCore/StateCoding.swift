import Crypto
import Foundation

/// The canonical binary form of a `State`: what snapshots store and what `State.digest()`
/// hashes. Deterministic (dictionaries in sorted key order, every field in a fixed order), so
/// equal states give equal bytes. Compact and fast both ways: a province ledger of 50,000
/// problems decodes in a few hundred milliseconds, where Foundation's JSON took seconds and
/// several times the state's size in memory.
///
/// Layout: the magic `XSNAP`, a version byte, then the state. Integers are LEB128 varints
/// (signed ones zigzagged), strings a length and UTF-8 bytes, optionals a 0/1 tag, arrays and
/// dictionaries a count, enums their raw value. A change of any entity's fields is a new version.
///
/// Decoding an array of bytes leaves each problem's progress notes, reports, verifications and
/// history encoded (`EncodedLists`): three quarters of a province snapshot, which most commands
/// never read. They are checked as strictly at once, and decoded on first use.
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
        withEncoded(state, splitFrom: splitFrom, hashing: false) { raw, _ in
            [UInt8](unsafeUninitializedCapacity: raw.count) { buffer, count in
                if let to = buffer.baseAddress, let from = raw.baseAddress, raw.count > 0 {
                    UnsafeMutableRawPointer(to).copyMemory(from: from, byteCount: raw.count)
                }
                count = raw.count
            }
        }
    }

    /// How many problems a state needs before its problems are encoded on two threads: below,
    /// starting a thread costs more than it saves.
    static let splitFrom = 4_096

    /// Encodes `state` and lends `body` the bytes, valid only during the call, and their SHA-256
    /// in hex (`State.digest()`): a snapshot is hashed and stored straight from them, without
    /// copying 22 MB into an array first.
    ///
    /// The same bytes as `encode`. A large state's problems are encoded in two parts at once,
    /// and the first part hashed while the second is being encoded (`splitFrom`, which tests
    /// lower to cover the split on small states).
    public static func withEncoded<R>(_ state: State, _ body: (UnsafeRawBufferPointer, String) throws -> R) rethrows -> R {
        try withEncoded(state, splitFrom: splitFrom, hashing: true) { raw, digest in try body(raw, digest ?? "") }
    }

    static func withEncoded<R>(_ state: State, splitFrom: Int, hashing: Bool,
                               _ body: (UnsafeRawBufferPointer, String?) throws -> R) rethrows -> R {
        var w = BinaryWriter()
        if hashing { w.hasher = SHA256() }
        magic.withUnsafeBytes { w.append($0) }
        w.byte(version)
        w.write(state, splitFrom: splitFrom)
        w.hashWritten()
        return try body(w.written, w.hasher.map { hex($0.finalize()) })
    }

    /// Lowercase hex, as `State.hexDigest` writes it.
    static func hex(_ digest: SHA256.Digest) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes a whole snapshot; anything but exactly one well-formed state of this version throws.
    /// Every list is decoded now: `bytes` need not outlive the call.
    public static func decode(_ bytes: UnsafeRawBufferPointer) throws(Failure) -> State {
        var r = BinaryReader(bytes, shortStrings: true)
        return try decode(&r)
    }

    /// Decodes a whole snapshot, as strictly as the other form, but keeps `bytes` (shared, not
    /// copied) and leaves each problem's lists in them until first read.
    public static func decode(_ bytes: [UInt8]) throws(Failure) -> State {
        let source = SnapshotBytes(bytes)
        let result: Result<State, Failure> = bytes.withUnsafeBytes { raw in
            var r = BinaryReader(raw, source: source, shortStrings: true)
            do throws(Failure) { return .success(try decode(&r)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    private static func decode(_ r: inout BinaryReader) throws(Failure) -> State {
        for m in magic {
            guard try r.byte() == m else { throw r.failure("not a xuncha snapshot") }
        }
        let v = try r.byte()
        guard v == version else { throw r.failure("snapshot version \(v), this build reads \(version)") }
        let state = try r.state()
        guard r.atEnd else { throw r.failure("bytes left over after the state") }
        return state
    }
}

struct BinaryReader {
    let base: UnsafeRawBufferPointer
    var at = 0
    /// The array `base` points into, when it outlives the decoding: issues then keep their lists
    /// encoded in it. Nil decodes everything at once.
    let source: SnapshotBytes?

    /// Set for a whole state's decoding (see `ShortStrings`); a single issue's lists go without.
    var shortStrings: ShortStrings?

    init(_ base: UnsafeRawBufferPointer, source: SnapshotBytes? = nil, shortStrings: Bool = false) {
        self.base = base
        self.source = source
        self.shortStrings = shortStrings ? ShortStrings() : nil
    }

    var atEnd: Bool { at == base.count }

    func failure(_ reason: String) -> StateCoding.Failure { StateCoding.Failure(offset: at, reason: reason) }

    @inline(__always)
    mutating func byte() throws(StateCoding.Failure) -> UInt8 {
        guard at < base.count else { throw failure("ends too early") }
        defer { at += 1 }
        return base[at]
    }

    @inline(__always)
    mutating func uint() throws(StateCoding.Failure) -> UInt64 {
        // Most numbers (counts, lengths, small days' deltas) fit in one byte.
        if at < base.count, base[at] < 0x80 {
            defer { at += 1 }
            return UInt64(base[at])
        }
        return try longUInt()
    }

    mutating func longUInt() throws(StateCoding.Failure) -> UInt64 {
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

    @inline(__always)
    mutating func int() throws(StateCoding.Failure) -> Int {
        let z = try uint()
        return Int(truncatingIfNeeded: Int64(bitPattern: (z >> 1) ^ (0 &- (z & 1))))
    }

    /// A count of things each at least one byte long: refuses counts the rest of the blob cannot hold,
    /// so a damaged count never reserves gigabytes.
    @inline(__always)
    mutating func count() throws(StateCoding.Failure) -> Int {
        let n = try uint()
        guard n <= UInt64(base.count - at) else { throw failure("count \(n) exceeds the data") }
        return Int(n)
    }

    @inline(__always)
    mutating func bool() throws(StateCoding.Failure) -> Bool {
        switch try byte() {
        case 0: return false
        case 1: return true
        default: throw failure("expected 0 or 1")
        }
    }

    /// A string, or with `keep` false the same checks without building it (see `list`).
    ///
    /// Long strings are not shared: a dictionary of strings met before, by their bytes, cost
    /// more to hash and probe than the allocations it saved, and the long texts that repeat most
    /// (reports, history) are no longer decoded at open.
    @inline(__always)
    mutating func string(keep: Bool = true) throws(StateCoding.Failure) -> String {
        let n = try count()
        guard keep, n > 0 else {
            at += n
            return ""
        }
        defer { at += n }
        return build(n)
    }

    /// The string of the `n` bytes at `at` (which the caller then moves past).
    private mutating func build(_ n: Int) -> String {
        if n < 16, let known = shortStrings?.lookup(base, at, n) { return known }
        // Only ever written from Swift strings and checked against its digest before decoding,
        // so the bytes are valid UTF-8; were they not, this repairs rather than trusts them.
        return String(decoding: UnsafeRawBufferPointer(rebasing: base[at..<(at + n)]).assumingMemoryBound(to: UInt8.self),
                      as: UTF8.self)
    }

    @inline(__always)
    mutating func optionalString(keep: Bool = true) throws(StateCoding.Failure) -> String? {
        try bool() ? try string(keep: keep) : nil
    }

    @inline(__always)
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
        try list(keep: true, each)
    }

    /// An array, or with `keep` false a walk over it that checks every byte exactly as decoding
    /// would (the same code runs, with strings left unbuilt) and returns nothing. Lists skipped
    /// this way can be decoded later without any chance of failing.
    mutating func list<T>(keep: Bool, _ each: (inout BinaryReader) throws(StateCoding.Failure) -> T) throws(StateCoding.Failure) -> [T] {
        let n = try count()
        guard keep else {
            for _ in 0..<n { _ = try each(&self) }
            return []
        }
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

/// Strings of up to 15 bytes met recently while decoding, by their bytes: round and unit codes,
/// people's names and departments repeat across thousands of problems, and checking and packing
/// their UTF-8 again each time was a fifth of a province snapshot's decoding. The bytes fit in
/// two words, so a lookup is a few loads and compares; a direct-mapped table forgets on collision
/// and never grows.
struct ShortStrings {
    private struct Slot {
        var low: UInt64 = 0
        var high: UInt64 = 0
        var value = ""
    }

    private static let slotBits = 10
    private var slots = [Slot](repeating: Slot(), count: 1 << slotBits)

    /// The string of the `n` (1...15) bytes at `at`, from the table or built and remembered.
    mutating func lookup(_ base: UnsafeRawBufferPointer, _ at: Int, _ n: Int) -> String {
        var low: UInt64 = 0
        var high: UInt64 = 0
        if at + 16 <= base.count {
            low = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: at, as: UInt64.self))
            high = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: at + 8, as: UInt64.self))
            if n < 8 {
                low &= (1 << (8 * UInt64(n))) - 1
                high = 0
            } else {
                high &= (1 << (8 * UInt64(n - 8))) - 1
            }
        } else {
            for k in 0..<n {
                let b = UInt64(base[at + k])
                if k < 8 { low |= b << (8 * UInt64(k)) } else { high |= b << (8 * UInt64(k - 8)) }
            }
        }
        // The length in the top byte, which 15 bytes never reach: "a" and "a\0" stay apart.
        high |= UInt64(n) << 56
        let mixed = (low &* 0x9E37_79B9_7F4A_7C15) ^ (high &* 0xC2B2_AE3D_27D4_EB4F)
        let index = Int(truncatingIfNeeded: mixed >> UInt64(64 - Self.slotBits))
        if slots[index].low == low && slots[index].high == high { return slots[index].value }
        let value = String(decoding: UnsafeRawBufferPointer(rebasing: base[at..<(at + n)]).assumingMemoryBound(to: UInt8.self),
                           as: UTF8.self)
        slots[index] = Slot(low: low, high: high, value: value)
        return value
    }
}
