import Crypto
import Foundation

/// The ledger's digest (`audit digest`, `expect digest`): SHA-256 over the canonical content of
/// the ledger — every round, unit, problem and transferred matter in key order, then the policy
/// and the transfer counter, each as sorted-key JSON on a line of its own. Two stores hold the
/// same ledger exactly when their digests are equal, whichever engine holds them.
public struct LedgerDigest {
    private var hasher = SHA256()
    private let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()

    public init() {}

    /// Adds one entity under its section's name (`round`, `unit`, `issue`, `transfer`).
    public mutating func add(_ section: String, _ value: some Encodable) throws {
        hasher.update(data: Data(section.utf8))
        hasher.update(data: Data([0x1F]))
        hasher.update(data: try encoder.encode(value))
        hasher.update(data: Data([0x0A]))
    }

    /// Adds a problem without the days its history lines were entered: like the journal's
    /// `recorded`, a back-entry's `entered` says when a fact was written down, not what the ledger
    /// holds, so the same facts run into two stores on different days give the same digest. (The
    /// entity itself keeps it: an undo's before-image must restore it.) A line entered on behalf
    /// of someone (代录) counts as that person's, the one the ledger says acted: the same file run
    /// by two identities, or in a sandbox where `user` sets the actor, gives one digest.
    public mutating func add(issue: Issue) throws {
        var canonical = issue
        for n in canonical.history.indices {
            canonical.history[n].entered = nil
            if let person = canonical.history[n].onBehalf { canonical.history[n].actor = person }
            canonical.history[n].onBehalf = nil
        }
        try add("issue", canonical)
    }

    public func finish(policy: Policy, nextTransfer: Int) throws -> String {
        var copy = self
        try copy.add("policy", policy)
        try copy.add("nextTransfer", nextTransfer)
        return Hex.string(copy.hasher.finalize())
    }
}

/// Lowercase hexadecimal, the one spelling of a hash in the journal and in digests.
public enum Hex {
    static let digits = Array("0123456789abcdef".utf8)

    /// Lower-case hex, two digits a byte. Written into one buffer: a string per byte joined
    /// afterwards was 6% of a province file's run (perf), since every journal row hashes.
    public static func string(_ bytes: some Sequence<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension State {
    /// The digest of this in-memory ledger, defined as `LedgerDigest` says.
    public func digest() -> String {
        var d = LedgerDigest()
        do {
            for code in rounds.keys.sorted() { if let r = rounds[code] { try d.add("round", r) } }
            for code in units.keys.sorted() { if let u = units[code] { try d.add("unit", u) } }
            for i in orderedIssues { try d.add(issue: i) }
            for t in orderedTransfers { try d.add("transfer", t) }
            return try d.finish(policy: policy, nextTransfer: nextTransfer)
        } catch {
            // Encoding plain values to JSON does not fail; say so rather than hide it.
            return "digest failed: \(error)"
        }
    }
}
