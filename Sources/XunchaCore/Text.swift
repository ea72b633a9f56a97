/// Joining texts that are known to be valid by their UTF-8 bytes, for the strings built on
/// every event (history lines, ids). `String.append` checks at each seam whether the two
/// sides combine into one character, which for Chinese text is most of the cost of a short
/// history line; the bytes, and so the string, are the same either way.
enum Text {
    static func joined(_ parts: String...) -> String {
        var total = 0
        for part in parts { total += part.utf8.count }
        return String(unsafeUninitializedCapacity: total) { buffer in
            var at = 0
            for var part in parts {
                part.withUTF8 { bytes in
                    guard let base = bytes.baseAddress, let target = buffer.baseAddress, at + bytes.count <= buffer.count else { return }
                    (target + at).update(from: base, count: bytes.count)
                    at += bytes.count
                }
            }
            return at
        }
    }
}
