import Crypto
import Foundation

/// One row of the journal: a fact, when it took effect, who did it.
public struct JournalEntry: Sendable, Equatable {
    public var seq: Int64
    public var at: Day
    public var actor: String
    public var event: Event

    public init(seq: Int64, at: Day, actor: String, event: Event) {
        self.seq = seq
        self.at = at
        self.actor = actor
        self.event = event
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

/// The durable journal behind a session: append, read after a seq, snapshots, verify.
/// SQLite is the embedded implementation; another database can implement the same protocol
/// without anything above it changing. No SQL belongs here.
public protocol Journal: AnyObject {
    /// A human name for messages and the prompt (a path, or `memory`).
    var location: String { get }

    /// Entries appended after `seq`, in order.
    func entries(after seq: Int64) throws -> [JournalEntry]

    /// Runs `body` in one write transaction: nobody else appends meanwhile, and if `body`
    /// throws, nothing it appended remains. A nested call joins the outer transaction.
    func write<T>(_ body: (any JournalAppender) throws -> T) throws -> T

    /// The newest snapshot that decodes and whose digest matches; nil when there is none.
    func latestSnapshot() throws -> (seq: Int64, state: State)?

    func saveSnapshot(seq: Int64, state: State) throws

    /// Recomputes the hash chain from the first row.
    func verifyChain() throws -> ChainReport
}

/// Appending inside a write transaction.
public protocol JournalAppender {
    func entries(after seq: Int64) throws -> [JournalEntry]
    /// Appends one fact and returns its seq.
    func append(_ event: Event, at: Day, actor: String) throws -> Int64
}

/// The hash chain of DESIGN §3: SHA-256(prev_hash ‖ seq ‖ at ‖ actor ‖ type ‖ body), hex.
public enum ChainHash {
    public static let genesis = String(repeating: "0", count: 64)

    public static func compute(prev: String, seq: Int64, at: String, actor: String, type: String, body: Data) -> String {
        var h = SHA256()
        // A unit separator between fields keeps ("ab","c") and ("a","bc") apart.
        for part in [prev, String(seq), at, actor, type] {
            h.update(data: Data(part.utf8))
            h.update(data: Data([0x1F]))
        }
        h.update(data: body)
        return h.finalize().map { String($0, radix: 16).leftPadded(2) }.joined()
    }
}

/// A journal that lives only in memory (`--memory`, tests, `--check`): same contract, no file.
public final class MemoryJournal: Journal {
    private var rows: [(entry: JournalEntry, hash: String)] = []
    private var snapshot: (seq: Int64, state: State)?
    private var depth = 0

    public init() {}

    public var location: String { "memory" }

    public func entries(after seq: Int64) throws -> [JournalEntry] {
        rows.lazy.filter { $0.entry.seq > seq }.map(\.entry)
    }

    public func write<T>(_ body: (any JournalAppender) throws -> T) throws -> T {
        let saved = rows.count
        depth += 1
        defer { depth -= 1 }
        do {
            return try body(Appender(journal: self))
        } catch {
            // Like the SQLite journal: an inner write that fails takes back only its own rows.
            rows.removeLast(rows.count - saved)
            throw error
        }
    }

    public func latestSnapshot() throws -> (seq: Int64, state: State)? { snapshot }

    public func saveSnapshot(seq: Int64, state: State) throws { snapshot = (seq, state) }

    public func verifyChain() throws -> ChainReport {
        var prev = ChainHash.genesis
        for row in rows {
            let e = row.entry
            let expected = ChainHash.compute(prev: prev, seq: e.seq, at: e.at.iso, actor: e.actor,
                                             type: e.event.type, body: try e.event.encodedBody())
            if expected != row.hash { return ChainReport(checked: e.seq, firstBad: e.seq, reason: "hash") }
            prev = row.hash
        }
        return ChainReport(checked: Int64(rows.count))
    }

    private struct Appender: JournalAppender {
        let journal: MemoryJournal
        func entries(after seq: Int64) throws -> [JournalEntry] { try journal.entries(after: seq) }
        func append(_ event: Event, at: Day, actor: String) throws -> Int64 {
            let seq = (journal.rows.last?.entry.seq ?? 0) + 1
            let prev = journal.rows.last?.hash ?? ChainHash.genesis
            let hash = ChainHash.compute(prev: prev, seq: seq, at: at.iso, actor: actor, type: event.type, body: try event.encodedBody())
            journal.rows.append((JournalEntry(seq: seq, at: at, actor: actor, event: event), hash))
            return seq
        }
    }
}
