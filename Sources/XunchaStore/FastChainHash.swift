import Crypto
import Foundation
import XunchaCore

/// Core's `ChainHash.compute`, byte for byte, without its per-call allocations (one `Data` per
/// field and one `String` per hex digit pair): measured at ~5 µs a row against ~1 µs here,
/// which is most of an append's cost in a 190,000-event batch. `FastChainHashTests` checks
/// that both give the same hash; Core's function stays the definition.
enum FastChainHash {
    private static let separator: [UInt8] = [0x1F]
    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    static func compute(prev: String, seq: Int64, at: String, actor: String, type: String,
                        body: UnsafeRawBufferPointer) -> String {
        var hasher = SHA256()
        // A unit separator between fields keeps ("ab","c") and ("a","bc") apart (as in Core).
        func feed(_ field: String) {
            var field = field
            field.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
            separator.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        }
        feed(prev)
        feed(String(seq))
        feed(at)
        feed(actor)
        feed(type)
        hasher.update(bufferPointer: body)
        let digest = hasher.finalize()
        return String(unsafeUninitializedCapacity: 64) { out in
            var i = 0
            for byte in digest where i + 1 < out.count {
                out[i] = hexDigits[Int(byte >> 4)]
                out[i + 1] = hexDigits[Int(byte & 0x0F)]
                i += 2
            }
            return i
        }
    }

    static func compute(prev: String, seq: Int64, at: String, actor: String, type: String, body: Data) -> String {
        body.withUnsafeBytes { compute(prev: prev, seq: seq, at: at, actor: actor, type: type, body: $0) }
    }
}
