import Crypto
import Foundation

/// Appends the binary form into memory it manages itself: a byte at a time through `[UInt8]`
/// (a uniqueness and a capacity check per byte) was most of a province snapshot's encoding.
/// The buffer grows by `realloc`, which moves large blocks by remapping rather than copying.
/// Not copyable, so the buffer has exactly one owner, which frees it.
struct BinaryWriter: ~Copyable {
    // For byte-aligned memory the Swift runtime's `allocate` is `malloc` and `deallocate` is
    // `free` (Linux and Darwin alike), so the block may be grown with `realloc`.
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    private(set) var count = 0
    /// When set, takes in the bytes up to `hashed` (see `hashWritten`).
    var hasher: SHA256?
    private var hashed = 0

    init(capacity: Int = 4_096) {
        let capacity = max(capacity, 64)
        self.capacity = capacity
        base = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    /// The bytes written so far, valid while the writer lives and is not written to.
    var written: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    /// Feeds the bytes written since the last call to `hasher`, if any.
    mutating func hashWritten() {
        guard hasher != nil, count > hashed else { return }
        hasher?.update(bufferPointer: UnsafeRawBufferPointer(start: base + hashed, count: count - hashed))
        hashed = count
    }

    /// Makes room for `n` more bytes.
    @inline(__always)
    mutating func reserve(_ n: Int) {
        if capacity &- count < n { grow(n) }
    }

    @inline(never)
    private mutating func grow(_ n: Int) {
        let wanted = max(capacity * 2, count + n)
        if let moved = realloc(base, wanted) {
            base = moved.assumingMemoryBound(to: UInt8.self)
        } else {
            // Out of memory for `realloc`: a plain allocation then fails as any other would.
            let fresh = UnsafeMutablePointer<UInt8>.allocate(capacity: wanted)
            fresh.update(from: base, count: count)
            base.deallocate()
            base = fresh
        }
        capacity = wanted
    }

    @inline(__always)
    mutating func byte(_ b: UInt8) {
        reserve(1)
        base[count] = b
        count &+= 1
    }

    mutating func append(_ raw: UnsafeRawBufferPointer) {
        guard let from = raw.baseAddress, raw.count > 0 else { return }
        reserve(raw.count)
        (base + count).update(from: from.assumingMemoryBound(to: UInt8.self), count: raw.count)
        count &+= raw.count
    }

    mutating func append(_ bytes: ArraySlice<UInt8>) {
        bytes.withUnsafeBytes { append($0) }
    }

    @inline(__always)
    mutating func uint(_ v: UInt64) {
        reserve(10)
        if v < 0x80 {
            base[count] = UInt8(truncatingIfNeeded: v)
            count &+= 1
            return
        }
        var v = v
        var at = count
        while v >= 0x80 {
            base[at] = UInt8(truncatingIfNeeded: v) | 0x80
            v >>= 7
            at &+= 1
        }
        base[at] = UInt8(truncatingIfNeeded: v)
        count = at &+ 1
    }

    @inline(__always)
    mutating func int(_ v: Int) {
        let n = Int64(v)
        uint(UInt64(bitPattern: (n << 1) ^ (n >> 63)))
    }

    @inline(__always)
    mutating func bool(_ v: Bool) { byte(v ? 1 : 0) }

    /// Length and UTF-8 bytes, copied at once from the string's own storage (without the
    /// mutable copy `withUTF8` needs, which costs a retain and a release per string).
    @inline(__always)
    mutating func string(_ s: String) {
        let done: Void? = s.utf8.withContiguousStorageIfAvailable { utf8 in
            rawString(UnsafeRawBufferPointer(utf8))
        }
        if done == nil { slowString(s) }
    }

    @inline(__always)
    private mutating func rawString(_ utf8: UnsafeRawBufferPointer) {
        let n = utf8.count
        reserve(n &+ 10)
        uint(UInt64(n))
        if n > 0, let from = utf8.baseAddress {
            (base + count).update(from: from.assumingMemoryBound(to: UInt8.self), count: n)
            count &+= n
        }
    }

    /// A string without contiguous UTF-8 (only a bridged one could be): copied out first.
    @inline(never)
    private mutating func slowString(_ s: String) {
        let bytes = Array(s.utf8)
        bytes.withUnsafeBytes { rawString($0) }
    }

    @inline(__always)
    mutating func string(_ s: String?) {
        if let s {
            byte(1)
            string(s)
        } else {
            byte(0)
        }
    }

    @inline(__always)
    mutating func day(_ d: Day) { int(d.ordinal) }

    @inline(__always)
    mutating func day(_ d: Day?) {
        if let d {
            byte(1)
            day(d)
        } else {
            byte(0)
        }
    }

    /// A vocabulary value as its position in `allCases` (`StateCodingTests` pins every order).
    mutating func raw<V: Vocabulary>(_ v: V) {
        byte(UInt8(truncatingIfNeeded: V.allCases.firstIndex(of: v).map { V.allCases.distance(from: V.allCases.startIndex, to: $0) } ?? 0))
    }

    @inline(__always)
    mutating func array<T>(_ items: [T], _ each: (inout BinaryWriter, T) -> Void) {
        uint(UInt64(items.count))
        for item in items { each(&self, item) }
    }

    /// Keys in byte order: the order must not depend on the dictionary's hash seed.
    mutating func dictionary<T>(_ d: [String: T], _ each: (inout BinaryWriter, T) -> Void) {
        uint(UInt64(d.count))
        for entry in Self.byteOrderedKeys(d) {
            string(entry.key)
            each(&self, d.values[entry.index])
        }
    }

    /// The entries sorted by the UTF-8 bytes of their keys. Each key's first 16 bytes are packed
    /// big-endian into two words (zero-padded, and zero is the smallest byte, so the words order
    /// as the bytes do); only keys whose first 16 bytes tie are compared byte by byte. Comparing
    /// the 50,000 problem ids of a province through `String.UTF8View` was a tenth of a snapshot.
    /// (The entries themselves; encoding takes `byteOrderedKeys`.)
    static func byteOrdered<T>(_ d: [String: T]) -> [(key: String, value: T)] {
        byteOrderedKeys(d).map { (d.keys[$0.index], d.values[$0.index]) }
    }

    /// The keys in that order, each with its position in `d`: the values are not read, so the
    /// thread that writes one is the first to touch it. What is sorted is plain words (the
    /// packed bytes and a slot), which move without reference counting.
    static func byteOrderedKeys<T>(_ d: [String: T]) -> [(key: String, index: Dictionary<String, T>.Index)] {
        var keys: [(key: String, index: Dictionary<String, T>.Index)] = []
        var packed: [(high: UInt64, low: UInt64, slot: Int)] = []
        keys.reserveCapacity(d.count)
        packed.reserveCapacity(d.count)
        var index = d.startIndex
        for key in d.keys {
            var high: UInt64 = 0, low: UInt64 = 0
            var n = 0
            for byte in key.utf8 {
                if n < 8 { high |= UInt64(byte) << (56 - 8 * n) } else if n < 16 { low |= UInt64(byte) << (56 - 8 * (n - 8)) } else { break }
                n += 1
            }
            packed.append((high, low, keys.count))
            keys.append((key, index))
            d.formIndex(after: &index)
        }
        keys.withUnsafeBufferPointer { keys in
            packed.sort { a, b in
                if a.high != b.high { return a.high < b.high }
                if a.low != b.low { return a.low < b.low }
                return keys[a.slot].key.utf8.lexicographicallyPrecedes(keys[b.slot].key.utf8)
            }
        }
        return packed.map { keys[$0.slot] }
    }
}
