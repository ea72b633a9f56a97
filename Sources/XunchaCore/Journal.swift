import Crypto
import Foundation

/// One row of the journal: a fact, when it took effect, who did it.
public struct JournalEntry: Sendable, Equatable {
    public var seq: Int64
    public var at: Day
    public var actor: String
    public var event: Event
    /// The real date a back-entry (补录) was written, when `at` is earlier; else nil.
    public var entered: Day?
    /// The person the identity `actor` entered this for (代录), outside the hash chain.
    public var onBehalf: String?

    public init(seq: Int64, at: Day, actor: String, event: Event, entered: Day? = nil, onBehalf: String? = nil) {
        self.seq = seq
        self.at = at
        self.actor = actor
        self.event = event
        self.entered = entered
        self.onBehalf = onBehalf
    }
}

/// What `audit verify` found: the number of rows checked and the first row whose hash does not
/// follow from the rows before it.
public struct ChainReport: Sendable, Equatable {
    public var checked: Int64
    public var firstBad: Int64?
    public var reason: String?

    public init(checked: Int64, firstBad: Int64? = nil, reason: String? = nil) {
        self.checked = checked
        self.firstBad = firstBad
        self.reason = reason
    }
}

/// The ledger database behind a session: the journal and the tables it keeps current, and the
/// answers to every question the shell asks of them (`LedgerQuerying`, each computed by the
/// store from what it holds). SQLite is the embedded implementation; another engine
/// implements the same protocol without anything above it changing. No SQL belongs here.
public protocol Ledger: AnyObject, LedgerReader, LedgerQuerying {
    /// A human name for messages and the prompt (a path, or `memory`).
    var location: String { get }

    /// Journal entries after `seq`, in order.
    func entries(after seq: Int64) throws -> [JournalEntry]

    /// Runs `body` in one write transaction: nobody else appends meanwhile, and if `body`
    /// throws, nothing it recorded remains. A nested call joins the outer transaction; if the
    /// inner body throws, only what it recorded is taken back.
    func write<T>(_ body: (any LedgerWriter) throws -> T) throws -> T

    /// Recomputes the hash chain from the first row.
    func verifyChain() throws -> ChainReport

    /// Nil when the tables equal a replay of the journal; otherwise the first entity that
    /// differs, named for a person (`issue R5-003 differs from the journal`).
    func tablesDifference() throws -> String?

    /// Makes the tables again from the journal, in one transaction.
    func rebuild() throws
}

/// Recording inside a write transaction; its reads see what the transaction has done so far.
public protocol LedgerWriter: LedgerReader {
    func entries(after seq: Int64) throws -> [JournalEntry]
    /// Appends one fact to the journal and writes the rows it changed; returns its seq.
    /// `entered` is the real date of a back-entry (`at` earlier than the day it is written);
    /// `onBehalf` the person `actor` entered it for (代录).
    func record(_ event: Event, at: Day, entered: Day?, actor: String, onBehalf: String?, changes: Fragment) throws -> Int64
}

extension LedgerWriter {
    /// A fact written on its own date.
    public func record(_ event: Event, at: Day, actor: String, changes: Fragment) throws -> Int64 {
        try record(event, at: at, entered: nil, actor: actor, onBehalf: nil, changes: changes)
    }

    /// A fact the actor entered for nobody else.
    public func record(_ event: Event, at: Day, entered: Day?, actor: String, changes: Fragment) throws -> Int64 {
        try record(event, at: at, entered: entered, actor: actor, onBehalf: nil, changes: changes)
    }
}

/// The hash chain: SHA-256(prev_hash ‖ seq ‖ at ‖ actor ‖ type ‖ body), hex. The formula is
/// stored in every existing journal and never changes; columns added later stay outside it.
public enum ChainHash {
    public static let genesis = String(repeating: "0", count: 64)

    public static func compute(prev: String, seq: Int64, at: String, actor: String, type: String, body: Data) -> String {
        // The fields go into one buffer and the hash takes it in one update, rather than ten
        // small updates each with its own copy. A unit separator after each field keeps ("ab","c")
        // and ("a","bc") apart.
        var fields: [UInt8] = []
        fields.reserveCapacity(prev.utf8.count + at.utf8.count + actor.utf8.count + type.utf8.count + 32)
        for part in [prev, String(seq), at, actor, type] {
            fields.append(contentsOf: part.utf8)
            fields.append(0x1F)
        }
        var h = SHA256()
        h.update(data: fields)
        h.update(data: body)
        return Hex.string(h.finalize())
    }
}
