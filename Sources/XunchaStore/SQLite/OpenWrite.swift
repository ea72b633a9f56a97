import Foundation
import GRDB
import XunchaCore

/// One open write transaction: the chain's tail, and every entity the transaction has read or
/// changed. A command reads its few entities through here and its changes land here; the rows
/// are written once, at `flush` (before the commit, and before any query inside the
/// transaction), so a file that touches one problem forty times writes its rows once. Journal
/// rows and projection rows go out through one `RowBatch`, many rows to a statement. The
/// cache lives only as long as its transaction and is always flushed before SQL reads the
/// tables, so it is never a second ledger.
final class OpenWrite {
    let db: any SQLExecutor
    /// The last row of the journal as this transaction sees it (read from `head` when the
    /// transaction starts, then advanced by each append).
    private(set) var tail: (seq: Int64, hash: String)
    private var headChanged = false
    /// When this transaction's rows were written: the `recorded` column.
    let recorded: String
    /// The rows on their way to the engine: journal rows as they are appended, projection rows
    /// at each flush; all sent by the end of the flush.
    let batch: RowBatch

    private var rounds: [String: Cached<Round>] = [:]
    private var units: [String: Cached<XunchaCore.Unit>] = [:]
    private var issues: [String: Cached<Issue>] = [:]
    private var transfers: [String: Cached<Transfer>] = [:]
    private var policy: Cached<Policy>?
    private var nextTransfer: Cached<Int>?
    private var access: Cached<Access>?
    /// The keys changed since the last flush: a flush visits only them (iterating the whole
    /// cache while changing it copied the dictionary, at a province file's every feedback).
    private var dirtyRounds: Set<String> = [], dirtyUnits: Set<String> = []
    private var dirtyIssues: Set<String> = [], dirtyTransfers: Set<String> = []
    private var dirty = false
    /// The problems of each round that the cache holds: a question about a round's problems
    /// (its undated open ones at feedback) is answered from the tables for the others and from
    /// the cache for these, without writing the cache first. Flushing there took a quarter of a
    /// province file's run (perf, first 40,000 lines), and wrote a problem's rows once per
    /// feedback instead of once per file.
    private var cachedIssuesOfRound: [String: Set<String>] = [:]

    /// An entity as the tables hold it (`base`) and as the transaction has made it (`value`).
    private struct Cached<T: Equatable> {
        var value: T?
        var base: T?
        /// The journal seq of the command that last changed it: a refused row names it.
        var origin: Int64 = 0
        var changed: Bool { value != base }
    }

    /// `lockHead`: on an engine without a database-wide write lock, the head row is locked
    /// here, so that appenders take turns and the tail read stays the tail.
    init(db: any SQLExecutor, recorded: String, lockHead: Bool = false) throws {
        self.db = db
        self.recorded = recorded
        batch = RowBatch(db: db)
        tail = try Self.readHead(db, lock: lockHead)
    }

    static func readHead(_ db: any SQLExecutor, lock: Bool = false) throws -> (seq: Int64, hash: String) {
        let sql = "SELECT seq, hash FROM head WHERE id = 1" + (lock ? db.dialect.rowLock : "")
        guard let row = try db.row(SQLPart(sql)) else {
            return (0, ChainHash.genesis)
        }
        return (row["seq"], row["hash"])
    }

    private var projection: Projection { Projection(db: db) }

    // MARK: - Reading through the cache

    func round(_ code: String) throws -> Round? {
        if let c = rounds[code] { return c.value }
        let found = try projection.round(code)
        rounds[code] = Cached(value: found, base: found)
        return found
    }

    func unit(_ code: String) throws -> XunchaCore.Unit? {
        if let c = units[code] { return c.value }
        let found = try projection.unit(code)
        units[code] = Cached(value: found, base: found)
        return found
    }

    func issue(_ id: String) throws -> Issue? {
        if let c = issues[id] { return c.value }
        let found = try isPastCounter(issue: id) ? nil : try projection.issue(id)
        issues[id] = Cached(value: found, base: found)
        if let found { cachedIssuesOfRound[found.round, default: []].insert(id) }
        return found
    }

    /// The problems of `round` that pass `test`, as the transaction sees them: the tables'
    /// answer for problems the cache does not hold, the cache's for those it does.
    private func issues(of round: String, fromTables: [String], where test: (Issue) -> Bool) -> [String] {
        let cached = cachedIssuesOfRound[round] ?? []
        var ids = fromTables.filter { !cached.contains($0) }
        for id in cached { if let issue = issues[id]?.value, test(issue) { ids.append(id) } }
        return ids.sorted()
    }

    func undatedOpenIssues(round: String) throws -> [String] {
        issues(of: round, fromTables: try projection.undatedOpenIssues(round: round)) { $0.due == nil && $0.status.isOpen }
    }

    func openIssueCount(round: String) throws -> Int {
        issues(of: round, fromTables: try projection.openIssues(round: round)) { $0.status.isOpen }.count
    }

    func transfer(_ id: String) throws -> Transfer? {
        if let c = transfers[id] { return c.value }
        let found = try isPastCounter(transfer: id) ? nil : try projection.transfer(id)
        transfers[id] = Cached(value: found, base: found)
        return found
    }

    // A new problem or transfer is numbered from its counter (the round's `nextIssue`, the
    // ledger's next transfer number), which `apply` always moves past the number it gives; so
    // an id at or past the counter as the tables hold it (the cached `base`) names no row there,
    // and is not asked for. Each new entity otherwise cost a round trip that found nothing: on
    // PostgreSQL, 52,000 of the province file's 53,000 statements once its rows were batched.
    // Were the tables ever to disagree, the new row's INSERT (not an upsert) would be refused.

    private func isPastCounter(issue id: String) throws -> Bool {
        guard let (code, number) = IssueID.split(id) else { return false }
        _ = try round(code)
        guard let cached = rounds[code] else { return false }
        // A round the tables do not hold has no problems there.
        return number >= (cached.base?.nextIssue ?? 1)
    }

    private func isPastCounter(transfer id: String) throws -> Bool {
        guard id.hasPrefix("T-"), let number = Int(id.dropFirst(2)) else { return false }
        _ = try nextTransferNumber()
        guard let base = nextTransfer?.base else { return false }
        return number >= base
    }

    func currentPolicy() throws -> Policy {
        if let p = policy?.value { return p }
        let found = try projection.policy()
        policy = Cached(value: found, base: found)
        return found
    }

    func nextTransferNumber() throws -> Int {
        if let n = nextTransfer?.value { return n }
        let found = try projection.nextTransfer()
        nextTransfer = Cached(value: found, base: found)
        return found
    }

    /// The first row's actor: written once, so the first read holds for the transaction.
    private var firstActor: String??

    func creator() throws -> String? {
        if let known = firstActor { return known }
        let found = try projection.creator()
        if found != nil { firstActor = .some(found) }
        return found
    }

    func currentAccess() throws -> Access {
        if let a = access?.value { return a }
        let found = try projection.access()
        access = Cached(value: found, base: found)
        return found
    }

    /// Reads that are SQL over many rows see the transaction's changes only once flushed.
    func tables() throws -> Projection {
        try flush()
        return projection
    }

    // MARK: - Changing

    /// Lays an event's after-images over the cache.
    func change(_ f: Fragment) throws {
        let origin = tail.seq
        for (k, v) in f.rounds { _ = try round(k); rounds[k]?.value = v; rounds[k]?.origin = origin; dirtyRounds.insert(k) }
        for (k, v) in f.units { _ = try unit(k); units[k]?.value = v; units[k]?.origin = origin; dirtyUnits.insert(k) }
        for (k, v) in f.issues {
            _ = try issue(k)
            issues[k]?.value = v
            issues[k]?.origin = origin
            dirtyIssues.insert(k)
            if let v { cachedIssuesOfRound[v.round, default: []].insert(k) }
        }
        for (k, v) in f.transfers {
            _ = try transfer(k); transfers[k]?.value = v; transfers[k]?.origin = origin; dirtyTransfers.insert(k)
        }
        if let p = f.policy { _ = try currentPolicy(); policy?.value = p }
        if let n = f.nextTransfer { _ = try nextTransferNumber(); nextTransfer?.value = n }
        if let a = f.access { _ = try currentAccess(); access?.value = a }
        if !f.isEmpty { dirty = true }
    }

    /// Appends one journal row, chained to the tail.
    func append(_ event: Event, at: Day, entered: Day? = nil, actor: String, onBehalf: String? = nil) throws -> Int64 {
        if let broken { throw broken }
        let body = try event.encodedBody()
        let seq = tail.seq + 1
        let type = event.type
        let hash = ChainHash.compute(prev: tail.hash, seq: seq, at: at.iso, actor: actor, type: type, body: body)
        try batch.add(Self.journalInsert, [seq, at.iso, actor, type, String(decoding: body, as: UTF8.self), tail.hash, hash,
                                           recorded, entered?.iso, onBehalf], origin: seq)
        tail = (seq, hash)
        headChanged = true
        return seq
    }

    static let journalInsert = BatchedInsert(table: "journal", columns: ["seq", "at", "actor", "type", "body", "prev_hash",
                                                                         "hash", "recorded", "entered", "on_behalf"])

    /// Points the head at a journal that was written before this transaction (a migration).
    func adopt(tail: (seq: Int64, hash: String)) {
        self.tail = tail
        headChanged = true
    }

    /// Why a flush failed part-way, when one did: some of its rows were sent and some not, and
    /// the cache already counts them written, so nothing more may be written or committed in
    /// this transaction (`--keep-going` goes on after a refused line) until a rollback.
    private var broken: (any Error)?

    /// Writes every changed entity's rows, the journal rows appended, and the head.
    func flush() throws {
        if let broken { throw broken }
        do { try writeRows() } catch {
            broken = error
            throw error
        }
    }

    private func writeRows() throws {
        defer { batch.discard() }
        // The journal rows appended so far go first: on PostgreSQL the server checks a head or
        // projection row of a liaison against the journal row it comes from (row-level security).
        try batch.send()
        if headChanged {
            try db.execute(SQLPart("""
                INSERT INTO head (id, seq, hash) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash
                """, [tail.seq, tail.hash]))
            headChanged = false
        }
        guard dirty else { return }
        let p = projection
        for k in dirtyRounds {
            if let c = rounds[k], c.changed { try p.write(round: c.value, code: k, base: c.base, to: batch, origin: c.origin); rounds[k]?.base = c.value }
        }
        for k in dirtyUnits {
            if let c = units[k], c.changed { try p.write(unit: c.value, code: k, base: c.base, to: batch, origin: c.origin); units[k]?.base = c.value }
        }
        for k in dirtyIssues {
            if let c = issues[k], c.changed { try p.write(issue: c.value, id: k, base: c.base, to: batch, origin: c.origin); issues[k]?.base = c.value }
        }
        for k in dirtyTransfers {
            if let c = transfers[k], c.changed {
                try p.write(transfer: c.value, id: k, base: c.base, to: batch, origin: c.origin); transfers[k]?.base = c.value
            }
        }
        try batch.send()
        dirtyRounds = []; dirtyUnits = []; dirtyIssues = []; dirtyTransfers = []
        if let c = policy, c.changed, let value = c.value { try p.write(policy: value); policy?.base = value }
        if let c = nextTransfer, c.changed, let value = c.value {
            try p.writeSetting(Projection.transferCounter, value)
            nextTransfer?.base = value
        }
        if let c = access, c.changed, let value = c.value { try p.write(access: value); access?.base = value }
        dirty = false
    }

    /// How many entities a transaction keeps before it writes their rows and starts its cache
    /// afresh: a file as long as the nation workload (1.9 million commands) otherwise held every
    /// problem it touched, 1.5 GB. Large enough that a province file (52,600 entities) never
    /// reaches it: at 30,000 it read written problems back and took 20% longer (user time).
    static let defaultCacheBound = 60_000
    var cacheBound = OpenWrite.defaultCacheBound

    /// Writes the rows and forgets the cached entities once there are more than `cacheBound`.
    func boundCache() throws {
        guard issues.count + rounds.count + units.count + transfers.count > cacheBound else { return }
        try flush()
        forgetEntities()
    }

    /// Forgets every cached entity: after a savepoint is rolled back the tables are the truth.
    func forget() throws {
        broken = nil
        forgetEntities()
        headChanged = false
        tail = try Self.readHead(db)
    }

    /// Drops the cache once it is flushed, so that a long replay does not hold the whole ledger.
    func forgetEntities() {
        rounds = [:]; units = [:]; issues = [:]; transfers = [:]; policy = nil; nextTransfer = nil; access = nil
        cachedIssuesOfRound = [:]
        dirtyRounds = []; dirtyUnits = []; dirtyIssues = []; dirtyTransfers = []
        dirty = false
        batch.discard()
    }
}

extension OpenWrite: LedgerReader {
    func findRound(_ code: String) throws -> Round? { try round(code) }
    func findUnit(_ code: String) throws -> XunchaCore.Unit? { try unit(code) }
    func findIssue(_ id: String) throws -> Issue? { try issue(id) }
    func findTransfer(_ id: String) throws -> Transfer? { try transfer(id) }
    func roundCodes(limit: Int) throws -> (codes: [String], more: Bool) { try tables().codes(of: "rounds", limit: limit) }
    func unitCodes(limit: Int) throws -> (codes: [String], more: Bool) { try tables().codes(of: "units", limit: limit) }

}
