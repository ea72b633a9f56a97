import Crypto

extension State {
    /// SHA-256 over the canonical binary encoding of the whole state (`StateCoding`): two stores
    /// hold the same ledger exactly when their digests are equal. Used by `audit digest`, replay
    /// and export round-trip checks, and as the checksum of a snapshot (whose blob is that very
    /// encoding, so it is hashed once, not encoded twice).
    public func digest() -> String {
        // Hashed as it is encoded, from the encoder's own buffer: no copy of the encoding.
        StateCoding.withEncoded(self) { _, digest in digest }
    }

    /// Lowercase hex SHA-256 of `bytes`.
    public static func hexDigest(_ bytes: UnsafeRawBufferPointer) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        var hasher = SHA256()
        hasher.update(bufferPointer: bytes)
        for byte in hasher.finalize() {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
