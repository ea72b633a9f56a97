import Crypto
import Foundation

extension State {
    /// SHA-256 over a canonical encoding of the whole state (sorted keys): two stores hold the
    /// same ledger exactly when their digests are equal. Used by `audit digest`, replay and
    /// export round-trip checks.
    public func digest() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Encoding plain Codable values cannot fail; an empty body would still give a digest
        // that differs from any real state's.
        let data = (try? encoder.encode(self)) ?? Data()
        return SHA256.hash(data: data).map { String($0, radix: 16).leftPadded(2) }.joined()
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
